//! The Medicare Physician Fee Schedule's payment formula, in exact integer arithmetic.
//!
//! CMS, "RVU25D" (the description of the 2025 relative value files): payment for a service in a
//! locality = (work RVU × work GPCI + PE RVU × PE GPCI + MP RVU × MP GPCI) × conversion factor.
//! The office (non-facility) price uses the non-facility practice-expense RVU; the hospital or
//! surgery-center (facility) price uses the facility PE RVU, and the facility then bills its own
//! fee separately. RVUs have two decimals, GPCIs three and the conversion factor four, so every
//! amount is computed exactly in integers and rounded once, half up, to the cent.

use crate::money::Money;
use serde::{Deserialize, Serialize};

/// The 2025 conversion factor, $32.3465 (CMS CY 2025 PFS final rule, October release), in
/// ten-thousandths of a dollar.
pub const CONVERSION_FACTOR_2025: ConversionFactor = ConversionFactor(323_465);

/// Dollars per RVU, in ten-thousandths of a dollar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionFactor(pub u32);

/// A locality's three geographic practice cost indices, in thousandths (1.065 is 1065).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gpci {
    pub work: u32,
    pub pe: u32,
    pub mp: u32,
}

/// A Medicare payment locality: a Medicare Administrative Contractor's number and the
/// locality number within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locality {
    pub mac: &'static str,
    pub state: &'static str,
    pub number: &'static str,
    pub name: &'static str,
    pub gpci: Gpci,
}

/// The PFS status code of a code: whether Medicare pays it under the fee schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentStatus {
    /// A (active), R (restricted coverage), T (paid when no other service that day): priced
    /// by the formula.
    Payable,
    /// C: the Medicare contractor sets the price case by case; there is no national amount.
    CarrierPriced,
    /// Any other code (bundled, excluded, non-covered, deleted, not valid for Medicare…).
    NotPayable(char),
}

impl PaymentStatus {
    pub fn from_code(code: char) -> Self {
        match code {
            'A' | 'R' | 'T' => PaymentStatus::Payable,
            'C' => PaymentStatus::CarrierPriced,
            other => PaymentStatus::NotPayable(other),
        }
    }
}

/// One row of the fee schedule: a code, with a modifier where its parts are priced separately
/// (26 professional, TC technical), and its RVUs in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeScheduleEntry {
    pub status: PaymentStatus,
    pub work_rvu: u32,
    /// `None` where CMS marks the setting "NA": the service is not paid in an office.
    pub non_facility_pe_rvu: Option<u32>,
    /// `None` where CMS marks the setting "NA".
    pub facility_pe_rvu: Option<u32>,
    pub mp_rvu: u32,
}

/// The follow-up care a surgery's payment includes (the "global days" of the RVU file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GlobalPeriod {
    /// XXX, YYY, ZZZ: no follow-up period (visits, tests, add-on codes).
    None,
    /// 000, 010, 090: routine follow-up visits for this many days after are included.
    Days(u8),
    /// MMM: maternity care, the check-ups before and after the birth are included.
    Maternity,
}

impl GlobalPeriod {
    pub fn from_code(code: &str) -> Self {
        match code.trim() {
            "MMM" => GlobalPeriod::Maternity,
            days => days.parse().map_or(GlobalPeriod::None, GlobalPeriod::Days),
        }
    }
}

/// A row of the RVU file with what the estimate needs besides the formula's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RvuRow {
    pub entry: FeeScheduleEntry,
    /// 1 for a test with a professional (26) and a technical (TC) part.
    pub pctc_indicator: u8,
    pub global_period: GlobalPeriod,
    /// Medicare does not pay the code, but CMS publishes its RVUs for other payers.
    pub reference_only: bool,
}

/// Where the fee-schedule rows come from: the bundled 2025 tables, or an operator's import of
/// the complete official files.
pub trait FeeSchedule {
    /// The row for a code and modifier ("" for the whole service, "26", "TC").
    fn rvu(&self, code: &str, modifier: &str) -> Option<RvuRow>;
    /// The Clinical Laboratory Fee Schedule's national limit for a lab test.
    fn lab_rate(&self, code: &str) -> Option<Money>;
    fn conversion_factor(&self) -> ConversionFactor;
    /// The schedule's calendar year, shown with every estimate.
    fn year(&self) -> u16;
}

/// Medicare's price for one code in one locality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedicarePrice {
    /// What Medicare allows in a doctor's office and in a hospital or surgery center (the
    /// latter before the facility's own fee); `None` for a setting the code is not paid in.
    Priced {
        office: Option<Money>,
        facility: Option<Money>,
    },
    CarrierPriced,
    NotPayable(char),
}

/// Prices a fee-schedule row in a locality.
pub fn medicare_price(entry: &FeeScheduleEntry, gpci: Gpci, cf: ConversionFactor) -> MedicarePrice {
    match entry.status {
        PaymentStatus::CarrierPriced => MedicarePrice::CarrierPriced,
        PaymentStatus::NotPayable(code) => MedicarePrice::NotPayable(code),
        PaymentStatus::Payable => {
            let amount = |pe_rvu: u32| payment(entry.work_rvu, pe_rvu, entry.mp_rvu, gpci, cf);
            MedicarePrice::Priced { office: entry.non_facility_pe_rvu.map(amount), facility: entry.facility_pe_rvu.map(amount) }
        }
    }
}

/// (work × work GPCI + PE × PE GPCI + MP × MP GPCI) × CF, rounded half up to the cent.
/// RVUs in hundredths × GPCIs in thousandths × CF in ten-thousandths = 10⁻⁹ dollars.
pub fn payment(work_rvu: u32, pe_rvu: u32, mp_rvu: u32, gpci: Gpci, cf: ConversionFactor) -> Money {
    let weighted =
        u64::from(work_rvu) * u64::from(gpci.work) + u64::from(pe_rvu) * u64::from(gpci.pe) + u64::from(mp_rvu) * u64::from(gpci.mp);
    let nano_dollars = weighted * u64::from(cf.0);
    // 10⁻⁹ dollars to cents: divide by 10⁷, half up.
    Money::from_cents(((nano_dollars + 5_000_000) / 10_000_000) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::localities::LOCALITIES_2025;

    fn gpci(state: &str, number: &str) -> Gpci {
        LOCALITIES_2025.iter().find(|l| l.state == state && l.number == number).unwrap().gpci
    }

    fn entry(status: char, work: u32, non_facility: Option<u32>, facility: Option<u32>, mp: u32) -> FeeScheduleEntry {
        FeeScheduleEntry {
            status: PaymentStatus::from_code(status),
            work_rvu: work,
            non_facility_pe_rvu: non_facility,
            facility_pe_rvu: facility,
            mp_rvu: mp,
        }
    }

    #[test]
    fn an_office_visit_in_manhattan_is_priced_by_the_formula() {
        // 99213 (2025 October): work 1.30, non-facility PE 1.35, facility PE 0.57, MP 0.10.
        // Manhattan (NY 01): GPCIs 1.065, 1.166, 1.656.
        let visit = entry('A', 130, Some(135), Some(57), 10);
        // Office: (1.30×1.065 + 1.35×1.166 + 0.10×1.656) × 32.3465 = 3.1242 × 32.3465 = 101.0569… → $101.06
        // Facility: (1.30×1.065 + 0.57×1.166 + 0.10×1.656) × 32.3465 = 2.21472 × 32.3465 = 71.6384… → $71.64
        assert_eq!(
            medicare_price(&visit, gpci("NY", "01"), CONVERSION_FACTOR_2025),
            MedicarePrice::Priced { office: Some(Money::from_cents(10_106)), facility: Some(Money::from_cents(7_164)) }
        );
    }

    #[test]
    fn the_work_floor_is_in_the_table() {
        // Alabama's work GPCI is held at the 1.0 floor; Alaska's at its 1.5 floor.
        assert_eq!(gpci("AL", "00").work, 1000);
        assert_eq!(gpci("AK", "01").work, 1500);
        assert!(LOCALITIES_2025.iter().all(|l| l.gpci.work >= 1000), "no work GPCI is below the 1.0 floor");
        assert_eq!(LOCALITIES_2025.len(), 109);
    }

    #[test]
    fn a_test_with_professional_and_technical_parts_prices_each_row() {
        // 71046 chest X-ray, two views (PC/TC indicator 1): global, -26 and -TC rows.
        let al = gpci("AL", "00");
        let global = entry('A', 22, Some(77), Some(77), 2);
        let professional = entry('A', 22, Some(8), Some(8), 1);
        let technical = entry('A', 0, Some(69), None, 1);
        let office = |e: &FeeScheduleEntry| match medicare_price(e, al, CONVERSION_FACTOR_2025) {
            MedicarePrice::Priced { office, .. } => office.unwrap(),
            other => panic!("{other:?}"),
        };
        // The parts add up to the whole, give or take a cent of rounding.
        let sum = office(&professional).cents() + office(&technical).cents();
        assert!((sum - office(&global).cents()).abs() <= 1, "{sum} vs {:?}", office(&global));
        // The technical part is not paid in a facility: the facility bills it.
        assert!(matches!(medicare_price(&technical, al, CONVERSION_FACTOR_2025), MedicarePrice::Priced { facility: None, .. }));
    }

    #[test]
    fn a_surgery_not_done_in_offices_has_only_a_facility_price() {
        // 27447 total knee replacement: non-facility PE "NA".
        let knee = entry('A', 1960, None, Some(1530), 398);
        match medicare_price(&knee, gpci("AL", "00"), CONVERSION_FACTOR_2025) {
            MedicarePrice::Priced { office: None, facility: Some(amount) } => assert!(amount.cents() > 100_000),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn carrier_priced_and_non_payable_codes_are_reported_not_zeroed() {
        let al = gpci("AL", "00");
        assert_eq!(medicare_price(&entry('C', 0, Some(0), Some(0), 0), al, CONVERSION_FACTOR_2025), MedicarePrice::CarrierPriced);
        assert_eq!(medicare_price(&entry('I', 0, Some(0), Some(0), 0), al, CONVERSION_FACTOR_2025), MedicarePrice::NotPayable('I'));
        assert_eq!(medicare_price(&entry('N', 50, Some(50), Some(20), 5), al, CONVERSION_FACTOR_2025), MedicarePrice::NotPayable('N'));
        assert_eq!(PaymentStatus::from_code('R'), PaymentStatus::Payable);
        assert_eq!(PaymentStatus::from_code('T'), PaymentStatus::Payable);
    }

    #[test]
    fn rounding_is_half_up_to_the_cent_once() {
        // 1 work RVU hundredth at GPCI 1.000 and CF $32.3465: 0.01 × 32.3465 = $0.323465 → $0.32.
        let unit = Gpci { work: 1000, pe: 0, mp: 0 };
        assert_eq!(payment(1, 0, 0, unit, CONVERSION_FACTOR_2025), Money::from_cents(32));
        // Exactly half a cent rounds up: CF $0.0050 × 1.00 RVU = $0.005 → $0.01.
        assert_eq!(payment(100, 0, 0, unit, ConversionFactor(50)), Money::from_cents(1));
        assert_eq!(payment(100, 0, 0, unit, ConversionFactor(49)), Money::from_cents(0));
    }
}
