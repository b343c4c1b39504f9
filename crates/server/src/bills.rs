//! The bill review on the server: the daily unit limits (bundled, or an operator's import of
//! CMS's MUE table) and the price benchmarks (the same estimates as /api/estimates), around the
//! domain's review rules.

use crate::pricing::PriceBook;
use advocate_domain::bill::BillLine;
use advocate_domain::bill_review::{Benchmark, ReviewData};
use advocate_domain::fee_schedule::Gpci;
use advocate_domain::unit_limits::UnitLimits;
use axum::body::Bytes;
use std::collections::BTreeMap;

const BUNDLED_LIMITS: &str = include_str!("../data/unit-limits.tsv");

/// The bundled 2026 Q2 limits (a test checks that they read).
pub fn bundled_limits() -> UnitLimits {
    UnitLimits::parse(BUNDLED_LIMITS).unwrap_or_default()
}

/// The daily unit limits, with both of `GET /api/unit-limits`'s forms written once: JSON for any
/// client, and the project's table (one "CODE<TAB>UNITS" per line) that the member app reads in
/// one pass.
pub struct UnitLimitTable {
    pub limits: UnitLimits,
    pub json: Bytes,
    pub table: Bytes,
}

impl UnitLimitTable {
    pub fn new(limits: UnitLimits) -> Self {
        let sorted: BTreeMap<&str, u32> = limits.iter().collect();
        let json = Bytes::from(serde_json::to_vec(&sorted).expect("the limits serialise"));
        let table = Bytes::from(limits.to_table());
        UnitLimitTable { limits, json, table }
    }
}

/// What the review looks up on the server.
pub struct ServerReviewData<'a> {
    pub limits: &'a UnitLimits,
    pub prices: &'a PriceBook,
    /// The practice cost indices where the care was, for the benchmarks; none without a ZIP code.
    pub gpci: Option<Gpci>,
}

impl ReviewData for ServerReviewData<'_> {
    fn max_units_per_day(&self, code: &str) -> Option<u32> {
        self.limits.max_units_per_day(code)
    }

    fn benchmark(&self, line: &BillLine) -> Option<Benchmark> {
        self.prices.benchmark(self.gpci?, line.code.as_ref()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_limits_read_whole() {
        assert_eq!(UnitLimits::parse(BUNDLED_LIMITS).map(|l| l.len()), Ok(9_637));
        assert_eq!(bundled_limits().get("96372"), Some(4));
    }
}
