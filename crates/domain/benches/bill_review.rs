//! The review of a 1,000-line bill on one core (target: under 5 ms natively, under 50 ms in
//! the browser). Printed by the test command; not asserted.

use advocate_domain::Money;
use advocate_domain::bill::{Bill, BillLine};
use advocate_domain::bill_review::{Benchmark, ReviewData, Situation, review};
use advocate_domain::time::Date;
use std::hint::black_box;
use std::time::Instant;

struct Data;

impl ReviewData for Data {
    fn max_units_per_day(&self, code: &str) -> Option<u32> {
        code.ends_with('1').then_some(2)
    }
    fn benchmark(&self, _line: &BillLine) -> Option<Benchmark> {
        Some(Benchmark { medicare: Money::from_dollars(40), in_network_high: Money::from_dollars(64) })
    }
}

/// A long hospital bill: 1,000 lines over ten days, with some repeats.
fn long_bill() -> Bill {
    let codes = ["99223", "99232", "85025", "80053", "80048", "71046", "96372", "J1100", "36415", "93000", "93010", "84443"];
    let lines = (0..1_000)
        .map(|i| BillLine {
            date: Date::new(2025, 3, 1 + (i % 10) as u8),
            revenue_code: Some(format!("0{}", 250 + i % 60)),
            code: Some(codes[i % codes.len()].to_string()),
            description: format!("Charge {}", i % 97),
            units: 1 + (i % 3) as u32,
            charge: Money::from_cents(1_000 + (i as i64 * 37) % 90_000),
            ..Default::default()
        })
        .collect();
    Bill { lines, admission: Date::new(2025, 3, 1), discharge: Date::new(2025, 3, 10), ..Default::default() }
}

fn main() {
    let bill = long_bill();
    let rounds = 200;
    let started = Instant::now();
    let mut findings = 0;
    for _ in 0..rounds {
        findings = black_box(review(black_box(&bill), &Situation::default(), &Data)).findings.len();
    }
    let per_review = started.elapsed() / rounds;
    println!(
        "bill review of 1,000 lines ({findings} findings): {:.2} ms per review natively (target: under 5 ms)",
        per_review.as_secs_f64() * 1e3
    );
}
