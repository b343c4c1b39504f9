//! Whole estimates per second on one core: a catalog procedure priced in each of its settings,
//! with its ranges and explanations, from the bundled 2025 schedule, across every locality
//! (target: at least 1,000,000 per second). Printed by the test command; not asserted.

use advocate_domain::bundled_schedule::BundledSchedule;
use advocate_domain::estimate::{PercentRange, PriceRanges, Source, price_service};
use advocate_domain::localities::LOCALITIES_2025;
use advocate_domain::procedures::procedures;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let catalog = procedures();
    let ranges = PriceRanges {
        in_network: PercentRange { low: 110, high: 160 },
        list_price: PercentRange { low: 200, high: 400 },
        lab_in_network: PercentRange { low: 110, high: 200 },
        lab_list_price: PercentRange { low: 200, high: 600 },
        sources: vec![Source { citation: "bench".into(), finding: "bench".into(), url: None }],
    };
    let rounds = 1_000_000usize;
    let started = Instant::now();
    for i in 0..rounds {
        let procedure = &catalog[i % catalog.len()];
        let gpci = LOCALITIES_2025[i % LOCALITIES_2025.len()].gpci;
        black_box(price_service(&BundledSchedule, black_box(&procedure.codes), &procedure.settings, gpci, &ranges).ok());
    }
    let per_second = rounds as f64 / started.elapsed().as_secs_f64();
    println!(
        "whole estimates ({} catalog procedures, every setting, ranges and explanations) across {} localities: {:.2} million per second on one core (target: 1 million)",
        catalog.len(),
        LOCALITIES_2025.len(),
        per_second / 1e6
    );
}
