//! The fee-schedule rows for the procedure catalog's codes, bundled so that every catalog
//! service can be priced on a fresh install. An operator who imports CMS's complete files
//! (the server's `import-fee-schedule`) can price any code; until then, this is the schedule.
//!
//! `rows_2025.rs` is written by `cargo xtask fee-tables` from CMS's 2025 files and checked
//! against them by `tests/official_tables.rs`.

mod rows_2025;

use crate::fee_schedule::{CONVERSION_FACTOR_2025, ConversionFactor, FeeSchedule, FeeScheduleEntry, GlobalPeriod, PaymentStatus, RvuRow};
use crate::money::Money;

/// One bundled RVU row: code, modifier and the row, sorted by code then modifier.
pub type BundledRow = (&'static str, &'static str, RvuRow);

#[allow(clippy::too_many_arguments)]
const fn r(
    code: &'static str,
    modifier: &'static str,
    status: char,
    reference_only: bool,
    pctc_indicator: u8,
    global_period: GlobalPeriod,
    work: u32,
    office_pe: Option<u32>,
    facility_pe: Option<u32>,
    mp: u32,
) -> BundledRow {
    let status = match status {
        'A' | 'R' | 'T' => PaymentStatus::Payable,
        'C' => PaymentStatus::CarrierPriced,
        other => PaymentStatus::NotPayable(other),
    };
    let entry = FeeScheduleEntry { status, work_rvu: work, non_facility_pe_rvu: office_pe, facility_pe_rvu: facility_pe, mp_rvu: mp };
    (code, modifier, RvuRow { entry, pctc_indicator, global_period, reference_only })
}

/// A code (five characters) and modifier (up to two) packed into one integer that sorts as the
/// pair does: the search then compares integers, not strings (most of an estimate's time).
fn search_key(code: &str, modifier: &str) -> u64 {
    let mut key = 0_u64;
    for (i, byte) in code.bytes().take(5).chain(std::iter::repeat(0)).take(5).enumerate() {
        key |= u64::from(byte) << (8 * (7 - i));
    }
    for (i, byte) in modifier.bytes().take(2).enumerate() {
        key |= u64::from(byte) << (8 * (1 - i));
    }
    key
}

/// The bundled 2025 schedule.
#[derive(Debug, Clone, Copy, Default)]
pub struct BundledSchedule;

impl BundledSchedule {
    pub fn rows() -> &'static [BundledRow] {
        rows_2025::RVUS
    }

    pub fn lab_rates() -> &'static [(&'static str, i64)] {
        rows_2025::LAB_RATES
    }
}

impl FeeSchedule for BundledSchedule {
    fn rvu(&self, code: &str, modifier: &str) -> Option<RvuRow> {
        // The key holds five characters of code and two of modifier: anything longer is no code.
        if code.len() != 5 || modifier.len() > 2 {
            return None;
        }
        let rows = rows_2025::RVUS;
        let wanted = search_key(code, modifier);
        rows.binary_search_by_key(&wanted, |(c, m, _)| search_key(c, m)).ok().map(|i| rows[i].2)
    }

    fn lab_rate(&self, code: &str) -> Option<Money> {
        let rates = rows_2025::LAB_RATES;
        rates.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| Money::from_cents(rates[i].1))
    }

    fn conversion_factor(&self) -> ConversionFactor {
        CONVERSION_FACTOR_2025
    }

    fn year(&self) -> u16 {
        2025
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedures::{Setting, procedures};

    #[test]
    fn rows_are_sorted_for_searching() {
        assert!(rows_2025::RVUS.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
        assert!(rows_2025::RVUS.windows(2).all(|w| search_key(w[0].0, w[0].1) < search_key(w[1].0, w[1].1)));
        assert!(rows_2025::RVUS.iter().all(|(code, modifier, _)| code.len() == 5 && modifier.len() <= 2));
        assert!(rows_2025::LAB_RATES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn every_catalog_code_has_its_rows() {
        let schedule = BundledSchedule;
        for procedure in procedures() {
            for billed in &procedure.codes {
                if procedure.settings.contains(&Setting::Lab) {
                    assert!(schedule.lab_rate(&billed.code).is_some(), "{}: {}", procedure.id, billed.code);
                } else {
                    assert!(schedule.rvu(&billed.code, "").is_some(), "{}: {}", procedure.id, billed.code);
                }
            }
        }
    }

    #[test]
    fn every_catalog_procedure_is_priced_in_each_of_its_settings() {
        use crate::estimate::{PercentRange, PriceRanges, Source, price_service};
        let ranges = PriceRanges {
            in_network: PercentRange { low: 100, high: 200 },
            list_price: PercentRange { low: 200, high: 400 },
            lab_in_network: PercentRange { low: 100, high: 200 },
            lab_list_price: PercentRange { low: 200, high: 400 },
            sources: vec![Source { citation: "test".into(), finding: "test".into(), url: None }],
        };
        let gpci = crate::localities::LOCALITIES_2025[0].gpci;
        for p in procedures() {
            let (prices, _) =
                price_service(&BundledSchedule, &p.codes, &p.settings, gpci, &ranges).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            let priced: Vec<Setting> = prices.iter().map(|price| price.setting).collect();
            assert_eq!(priced, p.settings, "{}", p.id);
            assert!(prices.iter().all(|price| price.medicare.cents() > 0), "{}", p.id);
        }
    }
}
