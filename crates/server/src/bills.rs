//! The bill review on the server: the daily unit limits (bundled, or an operator's import of
//! CMS's MUE table) and the price benchmarks (the same estimates as /api/estimates), around the
//! domain's review rules.

use crate::pricing::PriceBook;
use advocate_domain::bill::BillLine;
use advocate_domain::bill_review::{Benchmark, ReviewData};
use advocate_domain::fee_schedule::Gpci;
use advocate_domain::unit_limits::{MueEdit, UnitLimits};
use anyhow::Context;
use axum::body::Bytes;
use std::collections::BTreeMap;
use std::path::PathBuf;

const BUNDLED_LIMITS: &str = include_str!("../data/unit-limits.tsv");

/// The bundled 2026 Q2 limits (a test checks that they read).
pub fn bundled_limits() -> UnitLimits {
    UnitLimits::parse(BUNDLED_LIMITS).unwrap_or_default()
}

/// The daily unit limits, with their JSON for `GET /api/unit-limits` serialised once.
pub struct UnitLimitTable {
    pub limits: UnitLimits,
    pub json: Bytes,
}

impl UnitLimitTable {
    pub fn new(limits: UnitLimits) -> Self {
        let sorted: BTreeMap<&str, u32> = limits.iter().collect();
        let json = Bytes::from(serde_json::to_vec(&sorted).expect("the limits serialise"));
        UnitLimitTable { limits, json }
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

/// `advocate-server import-unit-limits --file practitioner-mue.json`
#[derive(Debug, Clone, clap::Args)]
pub struct ImportUnitLimits {
    /// CMS's practitioner MUE table in JSON: {"CODE": {"adjudicationType": …, "maxUnits": N}}.
    #[arg(long)]
    pub file: PathBuf,
}

/// Reads CMS's table and replaces the imported limits; prints what was loaded.
pub async fn import_unit_limits(config: &crate::config::Config, args: &ImportUnitLimits) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let table: BTreeMap<String, MueEdit> =
        serde_json::from_str(&text).with_context(|| format!("{} is not CMS's MUE table in JSON", args.file.display()))?;
    let limits = UnitLimits::from_cms_table(&table);
    anyhow::ensure!(!limits.is_empty(), "{} has no date-of-service edits", args.file.display());
    let storage = crate::app::open_storage(config).await?;
    storage.replace_unit_limits(&limits).await.context("the import was not saved; the previous limits are unchanged")?;
    println!("Imported {} daily unit limits. Restart the server to use them.", limits.len());
    Ok(())
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
