//! X12 reading speed on one core: every sample in testdata/x12 (837P, 837I and 835)
//! parsed in turn, over and over, for about a second. Printed by the bench command; not
//! asserted. Without the samples it says so and stops.

use advocate_domain::bill_import::x12::parse_x12;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/x12");
    // The folder's NOTICE and LICENSE are not samples.
    let is_sample = |path: &PathBuf| path.file_name().is_some_and(|name| name.to_string_lossy().starts_with("83"));
    let samples: Vec<String> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(is_sample)
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect(),
        Err(e) => {
            println!("X12 parse: not measured, no samples at {} ({e})", folder.display());
            return;
        }
    };
    if samples.is_empty() {
        println!("X12 parse: not measured, no samples in {}", folder.display());
        return;
    }
    let sample_bytes: usize = samples.iter().map(String::len).sum();
    let (mut bytes, mut claims, mut rounds) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        for text in &samples {
            claims += black_box(parse_x12(black_box(text))).map_or(0, |document| document.bills.len());
            bytes += text.len();
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "X12 parse: {:.0} MB/s on one core ({} sample files, {} KB, parsed {rounds} times: {:.0} claims/s)",
        bytes as f64 / seconds / 1e6,
        samples.len(),
        sample_bytes / 1000,
        claims as f64 / seconds,
    );
}
