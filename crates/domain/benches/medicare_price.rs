//! Estimates per second of the fee-schedule formula on one core (target for the cost
//! estimates: at least 1,000,000 per second). Printed by the test command; not asserted.

use advocate_domain::fee_schedule::{CONVERSION_FACTOR_2025, FeeScheduleEntry, PaymentStatus, medicare_price};
use advocate_domain::localities::LOCALITIES_2025;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let visit = FeeScheduleEntry {
        status: PaymentStatus::Payable,
        work_rvu: 130,
        non_facility_pe_rvu: Some(135),
        facility_pe_rvu: Some(57),
        mp_rvu: 10,
    };
    let rounds = 5_000_000usize;
    let started = Instant::now();
    for i in 0..rounds {
        let locality = &LOCALITIES_2025[i % LOCALITIES_2025.len()];
        black_box(medicare_price(black_box(&visit), locality.gpci, CONVERSION_FACTOR_2025));
    }
    let per_second = rounds as f64 / started.elapsed().as_secs_f64();
    println!(
        "medicare price (office + facility) across {} localities: {:.1} million per second on one core (target: 1 million)",
        LOCALITIES_2025.len(),
        per_second / 1e6
    );
}
