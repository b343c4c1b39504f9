//! Cost estimates: what Medicare pays for a service where a member lives, and from it the
//! ranges people actually meet, in network and as a list (uninsured) price.
//!
//! The Medicare amount is the fee schedule's formula (see `fee_schedule`); the ranges are
//! percentages of it that a deployment states, with their sources, in a data file
//! (`PriceRanges`), because published studies, not code, say how far commercial prices sit
//! above Medicare's.

use crate::fee_schedule::{FeeSchedule, GlobalPeriod, Gpci, MedicarePrice, PaymentStatus, RvuRow, medicare_price};
use crate::money::Money;
use crate::preventive::PreventiveCare;
use crate::procedures::{BilledCode, Setting};
use crate::zip::Zip;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A range of percentages of the Medicare amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PercentRange {
    pub low: u32,
    pub high: u32,
}

/// A published source behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// Author or publisher, title and year, as it would be cited.
    pub citation: String,
    /// What the source found that the figure rests on, in one sentence.
    pub finding: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// How far above Medicare the prices people meet usually are. A deployment's data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceRanges {
    /// What insurers typically allow in network for clinicians' services.
    pub in_network: PercentRange,
    /// Clinicians' list prices (charges): what an uninsured or out-of-network patient is billed.
    pub list_price: PercentRange,
    /// The same two for laboratory tests (relative to the Clinical Laboratory Fee Schedule).
    pub lab_in_network: PercentRange,
    pub lab_list_price: PercentRange,
    pub sources: Vec<Source>,
}

impl PriceRanges {
    /// What makes the file unusable, each in a sentence an operator can act on.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, range) in [
            ("in_network", self.in_network),
            ("list_price", self.list_price),
            ("lab_in_network", self.lab_in_network),
            ("lab_list_price", self.lab_list_price),
        ] {
            if range.low > range.high {
                problems.push(format!("{name}: low ({}) is above high ({})", range.low, range.high));
            }
            if range.low < 50 || range.high > 2_000 {
                problems.push(format!("{name}: percentages of Medicare must be between 50 and 2000"));
            }
        }
        if self.sources.is_empty() {
            problems.push("sources: name at least one published source for the percentages".to_string());
        }
        problems
    }
}

/// An amount range in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyRange {
    pub low: Money,
    pub high: Money,
}

impl MoneyRange {
    fn of(medicare: Money, percent: PercentRange) -> Self {
        MoneyRange { low: percent_of(medicare, percent.low), high: percent_of(medicare, percent.high) }
    }

    /// As a member reads a range of prices: whole dollars, "$120 – $310" (an estimate's cents
    /// would claim a precision it does not have).
    pub fn in_whole_dollars(&self) -> String {
        format!("{} – {}", self.low.whole_dollars(), self.high.whole_dollars())
    }
}

/// `percent`% of an amount, rounded half up to the cent.
pub fn percent_of(amount: Money, percent: u32) -> Money {
    Money::from_cents((amount.cents() * i64::from(percent) + 50) / 100)
}

/// A sentence: usually one of the fixed texts below, so an estimate does not copy them.
pub type Text = Cow<'static, str>;

/// The estimate for one setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingPrice {
    pub setting: Setting,
    /// Where, in a member's words: "At a hospital", "At a hospital or surgery center".
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub place: Text,
    /// Whether the amounts below are the whole bill or only the doctor's part of it.
    pub covers: Covers,
    /// What Medicare would pay in this locality (or, for a service Medicare does not cover, what
    /// its published relative values come to).
    pub medicare: Money,
    pub in_network: MoneyRange,
    pub list_price: MoneyRange,
    /// What the amounts cover, one plain sentence each.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub includes: Vec<Text>,
    /// What is billed on top, one plain sentence each.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub not_included: Vec<Text>,
}

/// What a setting's amounts are a price for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Covers {
    /// The whole bill: in an office the clinician's price includes the room, staff and
    /// equipment; a lab's price is the lab's.
    Whole,
    /// Only the doctor's part: the facility bills its own fee on top, which the fee schedule
    /// does not price, so it must never be read as the price of the visit.
    DoctorsPart(FacilityFee),
}

/// A hospital or surgery center, which bills a facility fee of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Facility {
    Hospital,
    /// The procedure is one a surgery center may do too (see `facility_for`).
    HospitalOrSurgeryCenter,
}

/// The facility's fee that an estimate of the doctor's part leaves out, said beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityFee {
    pub facility: Facility,
    /// Shown beside the doctor's part, at the same size: "plus the hospital's facility fee,
    /// usually the larger part".
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub plus: Text,
    /// Why it is not estimated.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub why: Text,
    /// Where a member gets the facility's price, one sentence each.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub where_to_ask: Vec<Text>,
}

/// CPT's surgery section: the codes a surgery center may be paid for.
const SURGERY_CODES: std::ops::RangeInclusive<u32> = 10_000..=69_999;

/// HCPCS codes for screening endoscopies that Medicare pays surgery centers for like the CPT
/// surgery they stand for: flexible sigmoidoscopy (G0104) and colonoscopy (G0105, G0121).
const SURGERY_CENTER_HCPCS: &[&str] = &["G0104", "G0105", "G0121"];

/// Whether a service billed with these codes may be done at a surgery center as well as a
/// hospital. Medicare pays an ambulatory surgical center only for "covered surgical
/// procedures": codes in CPT's surgery range (10000 to 69999) and the Level II HCPCS codes
/// crosswalked to them (42 CFR 416.2, 416.166). Visits, scans and tests are done at a hospital.
/// Maternity care (the MMM global period) is too: a birth is not surgery-center care.
pub fn facility_for(codes: &[BilledCode], rows: &[RvuRow]) -> Facility {
    let surgical = |code: &str| SURGERY_CENTER_HCPCS.contains(&code) || code.parse().is_ok_and(|n: u32| SURGERY_CODES.contains(&n));
    let maternity = rows.iter().any(|row| row.global_period == GlobalPeriod::Maternity);
    if !maternity && codes.iter().any(|billed| surgical(&billed.code)) { Facility::HospitalOrSurgeryCenter } else { Facility::Hospital }
}

impl Facility {
    /// Where, in a member's words, as a heading.
    pub fn place(self) -> &'static str {
        match self {
            Facility::Hospital => "At a hospital",
            Facility::HospitalOrSurgeryCenter => "At a hospital or surgery center",
        }
    }

    /// What the fee schedule cannot price, and where to ask for it. Hospitals must publish a
    /// price estimator (or all their negotiated prices) under the federal hospital price
    /// transparency rule, 45 CFR part 180 (§180.60); surgery centers are not under it.
    pub fn fee(self) -> FacilityFee {
        let estimator = Cow::Borrowed(
            "The hospital's price estimator: federal law (45 CFR part 180) requires every hospital to offer one on its website, or to list its prices for services like this one. Search the hospital's name and \"price estimator\".",
        );
        let advocate = Cow::Borrowed("An advocate can get the facility's price for you, and check it against your plan, before you book.");
        let (plus, where_to_ask) = match self {
            Facility::Hospital => ("plus the hospital's facility fee, usually the larger part", vec![estimator, advocate]),
            Facility::HospitalOrSurgeryCenter => (
                "plus the hospital's or surgery center's facility fee, usually the larger part",
                vec![
                    estimator,
                    Cow::Borrowed(
                        "A surgery center is not under that rule, but will tell you its fee if you ask before you book; it is often lower than a hospital's.",
                    ),
                    advocate,
                ],
            ),
        };
        FacilityFee {
            facility: self,
            plus: Cow::Borrowed(plus),
            why: Cow::Borrowed(
                "Medicare's fee schedule, which these figures come from, prices the doctor's work only. Each hospital and surgery center sets its own fee for the room, staff and equipment, so we cannot estimate it here.",
            ),
            where_to_ask,
        }
    }
}

/// Why a code cannot be estimated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("{0} is not in the {1} fee schedules. Check the code: it has five characters, like 99213 or G0121.")]
    NotInSchedule(String, u16),
    #[error(
        "{0} has no national price: the local Medicare contractor prices it case by case. An advocate can ask the provider for a quote."
    )]
    CarrierPriced(String),
    #[error("Medicare does not price {code} (status {status}: {meaning}), so there is no benchmark for it.")]
    NotPayable { code: String, status: char, meaning: &'static str },
}

/// What a PFS status code means, for a member or an advocate.
pub fn status_meaning(status: char) -> &'static str {
    match status {
        'B' => "always bundled into another service's payment",
        'D' | 'H' => "deleted",
        'E' => "excluded by regulation",
        'I' => "not valid for Medicare; another code is used",
        'J' => "anesthesia, paid by a different formula",
        'M' => "a reporting code",
        'N' => "not covered by Medicare",
        'P' => "bundled or excluded",
        'X' => "excluded from the fee schedule by law",
        _ => "not paid under the fee schedule",
    }
}

/// The Medicare amounts and ranges for a service (its codes and units), in each of the settings
/// given that the schedule prices. `Ok(prices, medicare_covers)`; `medicare_covers` is false
/// when an amount comes from RVUs published for other payers.
pub fn price_service(
    schedule: &impl FeeSchedule,
    codes: &[BilledCode],
    settings: &[Setting],
    gpci: Gpci,
    ranges: &PriceRanges,
) -> Result<(Vec<SettingPrice>, bool), PricingError> {
    let mut medicare_covers = true;
    let mut prices = Vec::new();
    for &setting in settings {
        let mut total = Money::from_cents(0);
        let mut rows = Vec::new();
        let mut priced_here = true;
        for billed in codes {
            let amount = match setting {
                Setting::Lab => schedule.lab_rate(&billed.code).ok_or_else(|| not_in_schedule(schedule, &billed.code))?,
                Setting::Office | Setting::Facility => {
                    let row = payable_row(schedule, &billed.code)?;
                    medicare_covers &= !row.reference_only;
                    rows.push(row);
                    match clinician_amount(schedule, &billed.code, row, setting, gpci) {
                        Some(amount) => amount,
                        None => {
                            priced_here = false;
                            break;
                        }
                    }
                }
            };
            total = Money::from_cents(total.cents() + amount.cents() * i64::from(billed.units));
        }
        if !priced_here {
            continue;
        }
        let (in_network, list_price) = match setting {
            Setting::Lab => (ranges.lab_in_network, ranges.lab_list_price),
            _ => (ranges.in_network, ranges.list_price),
        };
        let (includes, not_included) = explain(setting, &rows);
        // Away from an office, the fee schedule prices only the clinician: never the whole bill.
        let (place, covers) = match setting {
            Setting::Facility => {
                let facility = facility_for(codes, &rows);
                (facility.place(), Covers::DoctorsPart(facility.fee()))
            }
            Setting::Office | Setting::Lab => (setting.place(), Covers::Whole),
        };
        prices.push(SettingPrice {
            setting,
            place: Cow::Borrowed(place),
            covers,
            medicare: total,
            in_network: MoneyRange::of(total, in_network),
            list_price: MoneyRange::of(total, list_price),
            includes,
            not_included,
        });
    }
    Ok((prices, medicare_covers))
}

/// The settings a bare code is priced in: a lab test as a lab test, anything else in the office
/// and the hospital where the schedule prices it there.
pub fn settings_for_code(schedule: &impl FeeSchedule, code: &str) -> Result<Vec<Setting>, PricingError> {
    if schedule.lab_rate(code).is_some() {
        return Ok(vec![Setting::Lab]);
    }
    let row = payable_row(schedule, code)?;
    let mut settings = Vec::new();
    if row.entry.non_facility_pe_rvu.is_some() {
        settings.push(Setting::Office);
    }
    let has_professional_part = row.pctc_indicator == 1 && schedule.rvu(code, "26").is_some();
    if row.entry.facility_pe_rvu.is_some() || has_professional_part {
        settings.push(Setting::Facility);
    }
    Ok(settings)
}

fn not_in_schedule(schedule: &impl FeeSchedule, code: &str) -> PricingError {
    PricingError::NotInSchedule(code.to_string(), schedule.year())
}

/// The whole-service row, if the schedule gives it an amount (or reference RVUs).
fn payable_row(schedule: &impl FeeSchedule, code: &str) -> Result<RvuRow, PricingError> {
    let row = schedule.rvu(code, "").ok_or_else(|| not_in_schedule(schedule, code))?;
    match row.entry.status {
        PaymentStatus::Payable => Ok(row),
        PaymentStatus::NotPayable(_) if row.reference_only => Ok(row),
        PaymentStatus::CarrierPriced => Err(PricingError::CarrierPriced(code.to_string())),
        PaymentStatus::NotPayable(status) => {
            Err(PricingError::NotPayable { code: code.to_string(), status, meaning: status_meaning(status) })
        }
    }
}

/// The clinician's amount for one unit of a code in a setting. In a hospital, a test with parts
/// is billed by the doctor as its professional part (26); the hospital bills the rest.
fn clinician_amount(schedule: &impl FeeSchedule, code: &str, row: RvuRow, setting: Setting, gpci: Gpci) -> Option<Money> {
    let row = match setting {
        Setting::Facility if row.pctc_indicator == 1 => schedule.rvu(code, "26")?,
        _ => row,
    };
    let mut entry = row.entry;
    if row.reference_only {
        entry.status = PaymentStatus::Payable;
    }
    match medicare_price(&entry, gpci, schedule.conversion_factor()) {
        MedicarePrice::Priced { office, facility } => match setting {
            Setting::Office => office,
            _ => facility,
        },
        _ => None,
    }
}

/// What an amount covers and what comes on top, for the result card.
fn explain(setting: Setting, rows: &[RvuRow]) -> (Vec<Text>, Vec<Text>) {
    let mut includes = Vec::new();
    let mut not_included = Vec::new();
    let has_parts = rows.iter().any(|row| row.pctc_indicator == 1);
    match setting {
        Setting::Office => {
            includes.push(Cow::Borrowed("The clinician's fee and the office's own costs: staff, room and equipment."));
            not_included.push(Cow::Borrowed("Lab tests, medicines, shots or supplies billed on their own."));
        }
        Setting::Facility => {
            if has_parts {
                includes.push(Cow::Borrowed("The doctor's fee for reading the results."));
            } else {
                includes.push(Cow::Borrowed("The fee of the doctor or other clinician who does it."));
            }
            if rows.iter().any(|row| matches!(row.global_period, GlobalPeriod::Days(90) | GlobalPeriod::Maternity)) {
                not_included.push(Cow::Borrowed("Anesthesia, if it is used, billed by the anesthesia team."));
            }
        }
        Setting::Lab => {
            includes.push(Cow::Borrowed("The laboratory's fee for the test."));
            not_included.push(Cow::Borrowed("Drawing the blood or taking the sample, often billed on its own."));
            not_included.push(Cow::Borrowed("The visit where the test was ordered."));
        }
    }
    match rows.iter().map(|row| row.global_period).find(|p| !matches!(p, GlobalPeriod::None | GlobalPeriod::Days(0))) {
        Some(GlobalPeriod::Maternity) => {
            includes.push(Cow::Borrowed("Routine check-ups during the pregnancy and after the birth."));
        }
        Some(GlobalPeriod::Days(days)) => {
            includes.push(Cow::Owned(format!("Routine follow-up visits for {days} days after.")));
        }
        _ => {}
    }
    (includes, not_included)
}

/// A billing code as typed ("99213", "g0121 "), upper-cased, of the shape of a CPT or HCPCS
/// code (`text::is_billing_code`).
pub fn parse_code(input: &str) -> Result<String, CodeError> {
    let code = input.trim().to_ascii_uppercase();
    if crate::text::is_billing_code(&code) { Ok(code) } else { Err(CodeError) }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter a billing code of five characters, like 99213, G0121 or 0042T")]
pub struct CodeError;

/// What `GET /api/estimates` and the page say when a service is chosen without a ZIP code:
/// nothing can be priced without the place.
pub const ZIP_NEEDED: &str = "Enter the ZIP code where you will get care, like 10001.";

/// The Medicare payment locality an estimate is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentLocality {
    /// The Medicare Administrative Contractor's number.
    pub mac: String,
    pub number: String,
    pub state: String,
    /// As people read it: "Manhattan, NY", "Rest of California".
    pub name: String,
}

impl PaymentLocality {
    pub fn new(mac: &str, number: &str, state: &str, cms_name: &str) -> Self {
        PaymentLocality { mac: mac.to_string(), number: number.to_string(), state: state.to_string(), name: display_name(cms_name, state) }
    }
}

/// CMS writes locality names in capitals ("REST OF CALIFORNIA", "MANHATTAN"); people read
/// "Rest of California" and "Manhattan, NY".
pub fn display_name(cms_name: &str, state: &str) -> String {
    let words: Vec<String> = cms_name
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let lower = word.to_lowercase();
            if ["of", "and"].contains(&lower.as_str()) {
                return lower;
            }
            if ["DC", "MD/VA", "NJ", "NYC"].contains(&word) {
                return word.to_string();
            }
            capitalise_parts(&lower)
        })
        .collect();
    let name = words.join(" ");
    let names_its_state = name.to_uppercase().contains(&state_name(state).to_uppercase()) || name.contains(state);
    if names_its_state { name } else { format!("{name}, {state}") }
}

/// "los-angeles" → "Los-Angeles", "(los" → "(Los", "st." → "St.".
fn capitalise_parts(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        out.extend(if start { c.to_uppercase().collect::<Vec<_>>() } else { vec![c] });
        start = matches!(c, '-' | '(' | '/');
    }
    out
}

fn state_name(code: &str) -> &'static str {
    const STATES: &[(&str, &str)] = &[
        ("AL", "Alabama"),
        ("AK", "Alaska"),
        ("AZ", "Arizona"),
        ("AR", "Arkansas"),
        ("CA", "California"),
        ("CO", "Colorado"),
        ("CT", "Connecticut"),
        ("DE", "Delaware"),
        ("DC", "District of Columbia"),
        ("FL", "Florida"),
        ("GA", "Georgia"),
        ("HI", "Hawaii"),
        ("ID", "Idaho"),
        ("IL", "Illinois"),
        ("IN", "Indiana"),
        ("IA", "Iowa"),
        ("KS", "Kansas"),
        ("KY", "Kentucky"),
        ("LA", "Louisiana"),
        ("ME", "Maine"),
        ("MD", "Maryland"),
        ("MA", "Massachusetts"),
        ("MI", "Michigan"),
        ("MN", "Minnesota"),
        ("MS", "Mississippi"),
        ("MO", "Missouri"),
        ("MT", "Montana"),
        ("NE", "Nebraska"),
        ("NV", "Nevada"),
        ("NH", "New Hampshire"),
        ("NJ", "New Jersey"),
        ("NM", "New Mexico"),
        ("NY", "New York"),
        ("NC", "North Carolina"),
        ("ND", "North Dakota"),
        ("OH", "Ohio"),
        ("OK", "Oklahoma"),
        ("OR", "Oregon"),
        ("PA", "Pennsylvania"),
        ("RI", "Rhode Island"),
        ("SC", "South Carolina"),
        ("SD", "South Dakota"),
        ("TN", "Tennessee"),
        ("TX", "Texas"),
        ("UT", "Utah"),
        ("VT", "Vermont"),
        ("VA", "Virginia"),
        ("WA", "Washington"),
        ("WV", "West Virginia"),
        ("WI", "Wisconsin"),
        ("WY", "Wyoming"),
        ("PR", "Puerto Rico"),
        ("VI", "Virgin Islands"),
    ];
    STATES.iter().find(|(c, _)| *c == code).map_or("\u{0}", |(_, name)| name)
}

/// How the ZIP code was placed in its locality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ZipMatch {
    /// The ZIP code itself is listed.
    Exact,
    /// The ZIP code is newer than the list; its nearest neighbour in the same area was used.
    Nearby,
    /// CMS splits this ZIP code between localities by ZIP+4; the main one was used.
    SplitByZipPlus4,
}

/// What is being priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EstimateSubject {
    /// The catalog entry, when the estimate is for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<String>,
    /// The project's plain name, or "Code 12345" for a code outside the catalog (CPT
    /// descriptions are the AMA's and are not shown).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub codes: Vec<BilledCode>,
}

/// `GET /api/estimates`: a service's price where a member lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Estimate {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10001"))]
    pub zip: Zip,
    pub locality: PaymentLocality,
    pub zip_match: ZipMatch,
    pub subject: EstimateSubject,
    /// Preventive care that is often free, said before any price (see `preventive`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preventive: Option<PreventiveCare>,
    /// One per setting, the usual one first.
    pub prices: Vec<SettingPrice>,
    /// False when Medicare does not cover the service and the amount comes from the relative
    /// values CMS publishes for other payers.
    pub medicare_covers: bool,
    /// The fee schedule's year.
    pub year: u16,
    /// Where every figure comes from.
    pub sources: Vec<Source>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fee_schedule::{CONVERSION_FACTOR_2025, ConversionFactor, FeeScheduleEntry};
    use std::collections::HashMap;

    #[test]
    fn a_price_range_reads_in_whole_dollars() {
        let range = MoneyRange { low: Money::from_cents(9_785), high: Money::from_cents(142_350) };
        assert_eq!(range.in_whole_dollars(), "$98 – $1,424");
    }

    struct Schedule {
        rows: HashMap<(&'static str, &'static str), RvuRow>,
        labs: HashMap<&'static str, Money>,
    }

    impl FeeSchedule for Schedule {
        fn rvu(&self, code: &str, modifier: &str) -> Option<RvuRow> {
            self.rows.iter().find(|((c, m), _)| *c == code && *m == modifier).map(|(_, row)| *row)
        }
        fn lab_rate(&self, code: &str) -> Option<Money> {
            self.labs.get(code).copied()
        }
        fn conversion_factor(&self) -> ConversionFactor {
            CONVERSION_FACTOR_2025
        }
        fn year(&self) -> u16 {
            2025
        }
    }

    fn row(status: char, work: u32, office: Option<u32>, facility: Option<u32>, mp: u32, pctc: u8, global: &str) -> RvuRow {
        RvuRow {
            entry: FeeScheduleEntry {
                status: PaymentStatus::from_code(status),
                work_rvu: work,
                non_facility_pe_rvu: office,
                facility_pe_rvu: facility,
                mp_rvu: mp,
            },
            pctc_indicator: pctc,
            global_period: GlobalPeriod::from_code(global),
            reference_only: false,
        }
    }

    /// October 2025 values of a few codes.
    fn schedule() -> Schedule {
        let mut physical = row('N', 175, Some(165), Some(69), 12, 9, "XXX");
        physical.reference_only = true;
        Schedule {
            rows: HashMap::from([
                (("99213", ""), row('A', 130, Some(135), Some(57), 10, 0, "XXX")),
                (("73721", ""), row('A', 135, Some(475), None, 9, 1, "XXX")),
                (("73721", "26"), row('A', 135, Some(50), Some(50), 6, 1, "XXX")),
                (("73721", "TC"), row('A', 0, Some(425), None, 3, 1, "XXX")),
                (("27447", ""), row('A', 1960, None, Some(1530), 398, 2, "090")),
                (("99395", ""), physical),
                (("0001F", ""), row('M', 0, Some(0), Some(0), 0, 9, "XXX")),
                (("J3490", ""), row('C', 0, Some(0), Some(0), 0, 9, "XXX")),
            ]),
            labs: HashMap::from([("85025", Money::from_cents(777))]),
        }
    }

    fn ranges() -> PriceRanges {
        PriceRanges {
            in_network: PercentRange { low: 110, high: 160 },
            list_price: PercentRange { low: 200, high: 400 },
            lab_in_network: PercentRange { low: 100, high: 200 },
            lab_list_price: PercentRange { low: 300, high: 600 },
            sources: vec![Source { citation: "A study".into(), finding: "Prices".into(), url: None }],
        }
    }

    const UNIT: Gpci = Gpci { work: 1000, pe: 1000, mp: 1000 };

    fn codes(list: &[(&str, u16)]) -> Vec<BilledCode> {
        list.iter().map(|&(code, units)| BilledCode { code: code.into(), units }).collect()
    }

    #[test]
    fn an_office_visit_has_both_settings_and_ranges_from_the_percentages() {
        let (prices, covered) =
            price_service(&schedule(), &codes(&[("99213", 1)]), &[Setting::Office, Setting::Facility], UNIT, &ranges()).unwrap();
        assert!(covered);
        // (1.30 + 1.35 + 0.10) × 32.3465 = 88.952875 → $88.95
        assert_eq!(prices[0].setting, Setting::Office);
        assert_eq!(prices[0].medicare, Money::from_cents(8_895));
        assert_eq!(prices[0].in_network, MoneyRange { low: Money::from_cents(9_785), high: Money::from_cents(14_232) });
        assert_eq!(prices[0].list_price, MoneyRange { low: Money::from_cents(17_790), high: Money::from_cents(35_580) });
        // (1.30 + 0.57 + 0.10) × 32.3465 = 63.722605 → $63.72
        assert_eq!(prices[1].medicare, Money::from_cents(6_372));
    }

    #[test]
    fn a_scan_in_a_hospital_is_the_doctors_reading_only_and_says_so() {
        let (prices, _) =
            price_service(&schedule(), &codes(&[("73721", 1)]), &[Setting::Office, Setting::Facility], UNIT, &ranges()).unwrap();
        // Office: the whole scan (1.35 + 4.75 + 0.09) × 32.3465 = 200.224835 → $200.22
        assert_eq!(prices[0].medicare, Money::from_cents(20_022));
        // Hospital: the professional part (1.35 + 0.50 + 0.06) × 32.3465 = 61.781815 → $61.78
        assert_eq!(prices[1].medicare, Money::from_cents(6_178));
        assert!(prices[1].includes[0].contains("reading"));
    }

    #[test]
    fn in_an_office_or_a_lab_the_amounts_are_the_whole_bill() {
        let (prices, _) =
            price_service(&schedule(), &codes(&[("73721", 1)]), &[Setting::Office, Setting::Facility], UNIT, &ranges()).unwrap();
        assert_eq!((prices[0].covers.clone(), prices[0].place.as_ref()), (Covers::Whole, "At a doctor's office, clinic or imaging center"));
        let (prices, _) = price_service(&schedule(), &codes(&[("85025", 1)]), &[Setting::Lab], UNIT, &ranges()).unwrap();
        assert_eq!(prices[0].covers, Covers::Whole);
    }

    #[test]
    fn a_scan_in_a_hospital_is_the_doctors_part_beside_the_hospitals_fee_never_the_price() {
        let (prices, _) =
            price_service(&schedule(), &codes(&[("73721", 1)]), &[Setting::Office, Setting::Facility], UNIT, &ranges()).unwrap();
        let Covers::DoctorsPart(fee) = &prices[1].covers else { panic!("a hospital scan priced as the whole bill") };
        assert_eq!(fee.facility, Facility::Hospital);
        assert_eq!(prices[1].place, "At a hospital");
        assert_eq!(fee.plus, "plus the hospital's facility fee, usually the larger part");
        assert!(fee.where_to_ask.iter().any(|line| line.contains("45 CFR part 180")));
        assert!(fee.where_to_ask.iter().any(|line| line.starts_with("An advocate")));
        // The fee is beside the figure now, not repeated in the small print below it.
        assert!(!prices[1].not_included.iter().any(|line| line.contains("facility fee")));
    }

    #[test]
    fn surgery_in_cpts_surgery_range_may_be_at_a_surgery_center() {
        let (prices, _) = price_service(&schedule(), &codes(&[("27447", 1)]), &[Setting::Facility], UNIT, &ranges()).unwrap();
        assert_eq!(prices[0].place, "At a hospital or surgery center");
        let Covers::DoctorsPart(fee) = &prices[0].covers else { panic!("surgery priced as the whole bill") };
        assert!(fee.plus.starts_with("plus the hospital's or surgery center's facility fee"));
        assert!(fee.where_to_ask.iter().any(|line| line.starts_with("A surgery center")));
    }

    #[test]
    fn a_surgery_center_is_for_codes_10000_to_69999_and_the_screening_endoscopies() {
        let facility = |code: &str, global: &str| facility_for(&codes(&[(code, 1)]), &[row('A', 0, None, None, 0, 0, global)]);
        assert_eq!(facility("10000", "010"), Facility::HospitalOrSurgeryCenter);
        assert_eq!(facility("69999", "090"), Facility::HospitalOrSurgeryCenter);
        assert_eq!(facility("09999", "XXX"), Facility::Hospital);
        assert_eq!(facility("70000", "XXX"), Facility::Hospital, "imaging");
        assert_eq!(facility("99213", "XXX"), Facility::Hospital, "a visit");
        assert_eq!(facility("G0121", "000"), Facility::HospitalOrSurgeryCenter, "screening colonoscopy");
        assert_eq!(facility("G0101", "XXX"), Facility::Hospital);
        assert_eq!(facility("0001F", "XXX"), Facility::Hospital);
        assert_eq!(facility("59400", "MMM"), Facility::Hospital, "a birth");
    }

    #[test]
    fn units_multiply_and_surgery_includes_its_follow_up() {
        let (prices, _) = price_service(&schedule(), &codes(&[("99213", 3)]), &[Setting::Office], UNIT, &ranges()).unwrap();
        assert_eq!(prices[0].medicare, Money::from_cents(3 * 8_895));
        let (prices, _) =
            price_service(&schedule(), &codes(&[("27447", 1)]), &[Setting::Office, Setting::Facility], UNIT, &ranges()).unwrap();
        assert_eq!(prices.len(), 1, "a knee replacement has no office price");
        assert_eq!(prices[0].setting, Setting::Facility);
        assert!(prices[0].includes.iter().any(|line| line.contains("90 days")));
        assert!(prices[0].not_included.iter().any(|line| line.contains("Anesthesia")));
    }

    #[test]
    fn a_lab_test_uses_the_national_lab_rate() {
        let (prices, _) = price_service(&schedule(), &codes(&[("85025", 1)]), &[Setting::Lab], UNIT, &ranges()).unwrap();
        assert_eq!(prices[0].medicare, Money::from_cents(777));
        assert_eq!(prices[0].in_network, MoneyRange { low: Money::from_cents(777), high: Money::from_cents(1_554) });
        assert_eq!(settings_for_code(&schedule(), "85025"), Ok(vec![Setting::Lab]));
    }

    #[test]
    fn a_service_medicare_does_not_cover_is_priced_from_its_published_rvus_and_flagged() {
        let (prices, covered) = price_service(&schedule(), &codes(&[("99395", 1)]), &[Setting::Office], UNIT, &ranges()).unwrap();
        assert!(!covered);
        // (1.75 + 1.65 + 0.12) × 32.3465 = 113.85968 → $113.86
        assert_eq!(prices[0].medicare, Money::from_cents(11_386));
    }

    #[test]
    fn unknown_carrier_priced_and_non_payable_codes_are_errors_not_zero() {
        let s = schedule();
        assert_eq!(settings_for_code(&s, "12345"), Err(PricingError::NotInSchedule("12345".into(), 2025)));
        assert_eq!(settings_for_code(&s, "J3490"), Err(PricingError::CarrierPriced("J3490".into())));
        assert!(matches!(settings_for_code(&s, "0001F"), Err(PricingError::NotPayable { status: 'M', .. })));
        assert_eq!(settings_for_code(&s, "73721"), Ok(vec![Setting::Office, Setting::Facility]));
        assert_eq!(settings_for_code(&s, "27447"), Ok(vec![Setting::Facility]));
    }

    #[test]
    fn codes_are_five_letters_or_digits() {
        assert_eq!(parse_code(" g0121 "), Ok("G0121".to_string()));
        assert_eq!(parse_code("99213"), Ok("99213".to_string()));
        assert_eq!(parse_code("9921"), Err(CodeError));
        assert_eq!(parse_code("99213-26"), Err(CodeError));
        assert_eq!(parse_code("99 13"), Err(CodeError));
        assert_eq!(parse_code("ABCDE"), Err(CodeError), "no code has five letters");
    }

    #[test]
    fn percentages_round_half_up_to_the_cent() {
        assert_eq!(percent_of(Money::from_cents(8_895), 129), Money::from_cents(11_475)); // 11474.55
        assert_eq!(percent_of(Money::from_cents(50), 101), Money::from_cents(51)); // 50.5
        assert_eq!(percent_of(Money::from_cents(0), 400), Money::from_cents(0));
    }

    #[test]
    fn a_ranges_file_with_inverted_or_unsourced_figures_is_refused() {
        let mut bad = ranges();
        bad.in_network = PercentRange { low: 300, high: 200 };
        bad.sources.clear();
        let problems = bad.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("in_network"));
        assert!(ranges().problems().is_empty());
    }

    #[test]
    fn locality_names_read_as_people_write_them() {
        assert_eq!(display_name("MANHATTAN", "NY"), "Manhattan, NY");
        assert_eq!(display_name("REST OF CALIFORNIA", "CA"), "Rest of California");
        assert_eq!(display_name("ALABAMA", "AL"), "Alabama");
        assert_eq!(display_name("DC + MD/VA SUBURBS", "DC"), "DC + MD/VA Suburbs");
        assert_eq!(display_name("METROPOLITAN ST. LOUIS", "MO"), "Metropolitan St. Louis, MO");
        assert_eq!(
            display_name("LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES/ORANGE CNTY)", "CA"),
            "Los Angeles-Long Beach-Anaheim (Los Angeles/Orange Cnty), CA"
        );
    }
}
