//! How long the searches take as a member types: the finder's over the program's services
//! (budget: one frame, 16 ms) and the estimate page's over the procedure catalog (budget: 1 ms
//! per keystroke). Printed by the test command; not asserted, timings vary.

use advocate_domain::procedures::procedures;
use advocate_domain::{ProcedureIndex, ServiceIndex, catalog};
use std::hint::black_box;
use std::time::Instant;

const QUERIES: &[&str] = &[
    "my mom needs a nursing home",
    "secnod opinon on knee surgery",
    "the hospital charged me twice",
    "hearing aids",
    "claim denied appeal",
    "perscription too expensive",
];

fn main() {
    let services = catalog();
    let started = Instant::now();
    let rounds = 200;
    for _ in 0..rounds {
        black_box(ServiceIndex::new(black_box(&services)));
    }
    let build = started.elapsed() / rounds;

    let index = ServiceIndex::new(&services);
    let searches = 20_000;
    let started = Instant::now();
    for i in 0..searches {
        black_box(index.search(black_box(QUERIES[i % QUERIES.len()])));
    }
    let per_search = started.elapsed() / searches as u32;
    println!(
        "finder search over {} services: {:.1} µs per search (budget: one frame, 16,000 µs); index built in {:.1} µs",
        services.len(),
        per_search.as_secs_f64() * 1e6,
        build.as_secs_f64() * 1e6
    );
    procedure_search();
}

/// Keystroke by keystroke, as the estimate page searches.
const KEYSTROKES: &[&str] =
    &["m", "mr", "mri", "mri k", "mri kn", "mri kne", "mri knee", "colonoscpy", "99213", "blood test", "x-ray", "physical therapy"];

fn procedure_search() {
    let catalog = procedures();
    let index = ProcedureIndex::new(&catalog);
    let searches = 20_000;
    let started = Instant::now();
    for i in 0..searches {
        black_box(index.search(black_box(KEYSTROKES[i % KEYSTROKES.len()])));
    }
    let per_search = started.elapsed() / searches as u32;
    println!(
        "procedure search over {} procedures: {:.1} µs per keystroke natively (budget: 1,000 µs in the browser)",
        catalog.len(),
        per_search.as_secs_f64() * 1e6
    );
}
