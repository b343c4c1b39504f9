//! Cost estimates on the server: the fee schedule in memory (the bundled 2025 tables, or an
//! operator's import of CMS's complete files), ZIP codes to payment localities, the price
//! ranges, and the procedure catalog with its search. The math is the domain's.

pub mod import;
pub mod ranges;

use crate::zip_directory::ZipDirectory;
use advocate_domain::bill_review::Benchmark;
use advocate_domain::bundled_schedule::BundledSchedule;
use advocate_domain::estimate::{
    Estimate, EstimateSubject, PaymentLocality, PriceRanges, PricingError, Source, ZipMatch, price_service, settings_for_code,
};
use advocate_domain::fee_schedule::{ConversionFactor, FeeSchedule, Gpci, RvuRow};
use advocate_domain::preventive::preventive_care;
use advocate_domain::procedures::{BilledCode, Procedure, Setting, procedures};
use advocate_domain::{Money, ProcedureIndex, Zip};
use axum::body::Bytes;
use import::FeeScheduleImport;
use std::collections::HashMap;

/// What to price.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A catalog procedure by its id.
    Procedure(String),
    /// Any HCPCS/CPT code.
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EstimateError {
    #[error("no US ZIP code {0} is known")]
    UnknownZip(Zip),
    #[error("there is no procedure {0:?} in the catalog")]
    UnknownProcedure(String),
    #[error("{0} is not among the codes this site prices yet. Choose a service from the list, or ask an advocate for a quote.")]
    NotBundled(String),
    #[error(transparent)]
    Pricing(#[from] PricingError),
}

/// An imported schedule, indexed for pricing.
struct ImportedSchedule {
    year: u16,
    conversion_factor: ConversionFactor,
    source_files: String,
    rvus: HashMap<(String, String), RvuRow>,
    lab_rates: HashMap<String, Money>,
    /// (MAC, locality) → state, CMS name, GPCIs.
    localities: HashMap<(String, String), (String, String, Gpci)>,
    /// ZIP → (MAC, locality, split by ZIP+4).
    zips: HashMap<String, (String, String, bool)>,
}

enum Schedule {
    Bundled,
    Imported(Box<ImportedSchedule>),
}

impl FeeSchedule for Schedule {
    fn rvu(&self, code: &str, modifier: &str) -> Option<RvuRow> {
        match self {
            Schedule::Bundled => BundledSchedule.rvu(code, modifier),
            Schedule::Imported(s) => s.rvus.get(&(code.to_string(), modifier.to_string())).copied(),
        }
    }

    fn lab_rate(&self, code: &str) -> Option<Money> {
        match self {
            Schedule::Bundled => BundledSchedule.lab_rate(code),
            Schedule::Imported(s) => s.lab_rates.get(code).copied(),
        }
    }

    fn conversion_factor(&self) -> ConversionFactor {
        match self {
            Schedule::Bundled => BundledSchedule.conversion_factor(),
            Schedule::Imported(s) => s.conversion_factor,
        }
    }

    fn year(&self) -> u16 {
        match self {
            Schedule::Bundled => BundledSchedule.year(),
            Schedule::Imported(s) => s.year,
        }
    }
}

/// Everything needed to answer `/api/estimates` and `/api/procedures`.
pub struct PriceBook {
    schedule: Schedule,
    ranges: PriceRanges,
    procedures: Vec<Procedure>,
    index: ProcedureIndex,
    catalog_json: Bytes,
    estimates: EstimatesMade,
}

/// The memory kept for estimates already made (`PriceBook::estimate_json`). An estimate's JSON
/// is 2–7 KB: this holds some 15,000, where every catalog service in every payment locality
/// would be about 36,000 (109 × 327). Members ask for a few of them far more often than the
/// rest; when it is full, those asked for least go first.
pub const ESTIMATES_KEPT_BYTES: u64 = 64 * 1024 * 1024;

/// Estimates made, as JSON without the ZIP code, by what they depend on.
type EstimatesMade = quick_cache::sync::Cache<EstimateKey, Bytes, ByLength>;

/// What an estimate depends on besides the price book: the ZIP code's locality and how the ZIP
/// was matched to it, and what is priced.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct EstimateKey {
    mac: String,
    number: String,
    zip_match: ZipMatch,
    subject: Subject,
}

/// An estimate kept weighs its length in bytes.
#[derive(Clone)]
struct ByLength;

impl quick_cache::Weighter<EstimateKey, Bytes> for ByLength {
    fn weight(&self, _: &EstimateKey, json: &Bytes) -> u64 {
        json.len() as u64
    }
}

/// How an estimate's JSON begins: the ZIP code it was asked for (`Estimate`'s first field).
fn zip_head(zip: Zip) -> String {
    format!("{{\"zip\":\"{}\",", zip.as_str())
}

impl PriceBook {
    /// The bundled 2025 tables: every catalog service, every US ZIP code.
    pub fn bundled(ranges: PriceRanges) -> Self {
        Self::with(Schedule::Bundled, ranges)
    }

    /// An operator's import: any code of the official files.
    pub fn imported(import: FeeScheduleImport, ranges: PriceRanges) -> Self {
        let rvus = import
            .rvus
            .into_iter()
            .map(|r| {
                let row = r.to_row();
                ((r.hcpcs, r.modifier), row)
            })
            .collect();
        let schedule = ImportedSchedule {
            year: import.year,
            conversion_factor: ConversionFactor(import.conversion_factor),
            source_files: import.source_files,
            rvus,
            lab_rates: import.lab_rates.into_iter().map(|(code, cents)| (code, Money::from_cents(cents))).collect(),
            localities: import.localities.into_iter().map(|l| ((l.mac, l.locality), (l.state, l.name, l.gpci))).collect(),
            zips: import.zips.into_iter().map(|z| (z.zip, (z.mac, z.locality, z.plus_four))).collect(),
        };
        Self::with(Schedule::Imported(Box::new(schedule)), ranges)
    }

    fn with(schedule: Schedule, ranges: PriceRanges) -> Self {
        let procedures = procedures();
        let index = ProcedureIndex::new(&procedures);
        let catalog_json = Bytes::from(serde_json::to_vec(&procedures).expect("the catalog serialises"));
        let estimates = EstimatesMade::with_weighter(8_192, ESTIMATES_KEPT_BYTES, ByLength);
        Self { schedule, ranges, procedures, index, catalog_json, estimates }
    }

    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    /// Catalog procedures matching what was typed, best first; a code outside the catalog that
    /// the schedule prices is offered as "Code 12345".
    pub fn search(&self, query: &str) -> Vec<Procedure> {
        let mut found: Vec<Procedure> = self.index.search(query).into_iter().map(|i| self.procedures[i].clone()).collect();
        let code = query.trim().to_ascii_uppercase();
        let in_catalog = found.iter().any(|p| p.codes.iter().any(|c| c.code == code));
        if let (5, false, Ok(settings)) = (code.len(), in_catalog, settings_for_code(&self.schedule, &code)) {
            found.insert(0, code_procedure(&code, settings));
        }
        found
    }

    /// The catalog as the SPA downloads it, serialised once.
    pub fn catalog_json(&self) -> Bytes {
        self.catalog_json.clone()
    }

    /// A ZIP code's geographic practice cost indices, to price many codes in one place.
    pub fn gpci(&self, zip: Zip) -> Option<Gpci> {
        self.locality(zip).map(|(_, gpci, _)| gpci)
    }

    /// One unit of a code where the GPCIs apply, in its usual setting: what the bill review
    /// compares a charge with. The same prices as `estimate`, without the words around them.
    pub fn benchmark(&self, gpci: Gpci, code: &str) -> Option<Benchmark> {
        let codes = [BilledCode { code: code.to_string(), units: 1 }];
        let settings = match self.single_code_procedure(code) {
            Some(procedure) => procedure.settings.clone(),
            None => settings_for_code(&self.schedule, code).ok()?,
        };
        let (prices, _) = price_service(&self.schedule, &codes, &settings, gpci, &self.ranges).ok()?;
        let price = prices.first()?;
        Some(Benchmark { medicare: price.medicare, in_network_high: price.in_network.high })
    }

    /// The catalog entry that is exactly one unit of this code, if there is one.
    fn single_code_procedure(&self, code: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.codes.len() == 1 && p.codes[0].code == code && p.codes[0].units == 1)
    }

    /// `estimate` as the API answers it, in JSON. An estimate depends on its ZIP code only
    /// through the ZIP's payment locality and how the ZIP was matched to it, and begins with the
    /// ZIP itself. So the rest is made once for each locality, match and subject, and kept
    /// (within `ESTIMATES_KEPT_BYTES`); each answer is the ZIP followed by that. Making an
    /// estimate and its JSON takes about 20 µs of CPU, a fair share of what one answer costs;
    /// the trade is memory, which is bounded. Errors are not kept: they are made again each time.
    pub fn estimate_json(&self, zip: Zip, subject: &Subject) -> Result<Bytes, EstimateError> {
        let (locality, _, zip_match) = self.locality(zip).ok_or(EstimateError::UnknownZip(zip))?;
        let key = EstimateKey { mac: locality.mac, number: locality.number, zip_match, subject: subject.clone() };
        let head = zip_head(zip);
        let rest = match self.estimates.get(&key) {
            Some(rest) => rest,
            None => {
                let json = serde_json::to_vec(&self.estimate(zip, subject)?).expect("an estimate serialises");
                let Some(rest) = json.strip_prefix(head.as_bytes()) else {
                    // Only if `Estimate` stopped beginning with its ZIP code (a test says it does).
                    return Ok(Bytes::from(json));
                };
                let rest = Bytes::copy_from_slice(rest);
                self.estimates.insert(key, rest.clone());
                rest
            }
        };
        let mut json = Vec::with_capacity(head.len() + rest.len());
        json.extend_from_slice(head.as_bytes());
        json.extend_from_slice(&rest);
        Ok(Bytes::from(json))
    }

    /// The estimate for a procedure or a code in a ZIP code's locality.
    pub fn estimate(&self, zip: Zip, subject: &Subject) -> Result<Estimate, EstimateError> {
        let (locality, gpci, zip_match) = self.locality(zip).ok_or(EstimateError::UnknownZip(zip))?;
        let procedure = match subject {
            Subject::Procedure(id) => {
                self.procedures.iter().find(|p| &p.id == id).cloned().ok_or_else(|| EstimateError::UnknownProcedure(id.clone()))?
            }
            Subject::Code(code) => {
                match self.procedures.iter().find(|p| p.codes.len() == 1 && p.codes[0].code == *code && p.codes[0].units == 1) {
                    Some(p) => p.clone(),
                    None => match (settings_for_code(&self.schedule, code), &self.schedule) {
                        (Ok(settings), _) => code_procedure(code, settings),
                        (Err(PricingError::NotInSchedule(code, _)), Schedule::Bundled) => {
                            return Err(EstimateError::NotBundled(code));
                        }
                        (Err(error), _) => return Err(error.into()),
                    },
                }
            }
        };
        let (prices, medicare_covers) =
            price_service(&self.schedule, &procedure.codes, &procedure.settings, gpci, &self.ranges).map_err(|error| {
                match (error, &self.schedule) {
                    // The bundled tables hold the catalog's codes only: say so, rather than that the
                    // code does not exist.
                    (PricingError::NotInSchedule(code, _), Schedule::Bundled) => EstimateError::NotBundled(code),
                    (error, _) => EstimateError::Pricing(error),
                }
            })?;
        let is_lab = procedure.settings.contains(&Setting::Lab);
        let in_catalog = self.procedures.iter().any(|p| p.id == procedure.id);
        Ok(Estimate {
            zip,
            locality,
            zip_match,
            preventive: preventive_care(&procedure),
            subject: EstimateSubject {
                procedure_id: in_catalog.then(|| procedure.id.clone()),
                name: procedure.name,
                note: procedure.note,
                codes: procedure.codes,
            },
            prices,
            medicare_covers,
            year: self.schedule.year(),
            sources: self.sources(is_lab),
        })
    }

    /// Whether the ZIP code exists (has a payment locality).
    pub fn knows_zip(&self, zip: Zip) -> bool {
        self.gpci(zip).is_some()
    }

    /// A ZIP code's locality: from the imported ZIP file when there is one, else (or for a ZIP
    /// code newer than it) from the bundled ZIP-to-county directory.
    fn locality(&self, zip: Zip) -> Option<(PaymentLocality, Gpci, ZipMatch)> {
        if let Schedule::Imported(s) = &self.schedule {
            let listed = s.zips.get(zip.as_str()).map(|(mac, number, split)| {
                ((mac.clone(), number.clone()), if *split { ZipMatch::SplitByZipPlus4 } else { ZipMatch::Exact })
            });
            let found = listed.or_else(|| {
                let nearby = ZipDirectory::bundled().locality(&zip)?;
                Some(((nearby.locality.mac.to_string(), nearby.locality.number.to_string()), ZipMatch::Nearby))
            });
            let (key, zip_match) = found?;
            let (state, name, gpci) = s.localities.get(&key)?;
            return Some((PaymentLocality::new(&key.0, &key.1, state, name), *gpci, zip_match));
        }
        let found = ZipDirectory::bundled().locality(&zip)?;
        let l = found.locality;
        let zip_match = if found.exact { ZipMatch::Exact } else { ZipMatch::Nearby };
        Some((PaymentLocality::new(l.mac, l.number, l.state, l.name), l.gpci, zip_match))
    }

    fn sources(&self, lab: bool) -> Vec<Source> {
        let year = self.schedule.year();
        let mut sources = Vec::new();
        let imported = match &self.schedule {
            Schedule::Imported(s) => format!(" Imported from {}.", s.source_files),
            Schedule::Bundled => String::new(),
        };
        if lab {
            sources.push(Source {
                citation: format!("Centers for Medicare & Medicaid Services, Clinical Laboratory Fee Schedule {year}"),
                finding: format!("Medicare's national payment limit for the test.{imported}"),
                url: Some("https://www.cms.gov/medicare/payment/fee-schedules/clinical-laboratory-fee-schedule-clfs".to_string()),
            });
        } else {
            sources.push(Source {
                citation: format!("Centers for Medicare & Medicaid Services, Physician Fee Schedule {year}: relative value units, geographic practice cost indices and conversion factor"),
                finding: format!("Medicare's amount: (work RVU × work GPCI + practice expense RVU × PE GPCI + malpractice RVU × MP GPCI) × conversion factor, for the locality of the ZIP code.{imported}"),
                url: Some("https://www.cms.gov/medicare/payment/fee-schedules/physician".to_string()),
            });
        }
        sources.push(match &self.schedule {
            Schedule::Imported(_) => Source {
                citation: "Centers for Medicare & Medicaid Services, ZIP code to carrier locality file".to_string(),
                finding: "Which Medicare payment locality the ZIP code belongs to.".to_string(),
                url: None,
            },
            Schedule::Bundled => Source {
                citation: "ZIP codes' counties from the zipcodes package 3.0.0 (MIT licence); counties placed in localities by CMS's 2025 locality-county list"
                    .to_string(),
                finding: "Which Medicare payment locality the ZIP code belongs to; 99.7% of ZIP codes agree with CMS's own ZIP file.".to_string(),
                url: None,
            },
        });
        sources.extend(self.ranges.sources.iter().cloned());
        sources
    }
}

/// A code outside the catalog, named by its code only (CPT descriptions are the AMA's).
fn code_procedure(code: &str, settings: Vec<Setting>) -> Procedure {
    Procedure {
        id: format!("code-{}", code.to_ascii_lowercase()),
        name: format!("Code {code}"),
        group: advocate_domain::procedures::ProcedureGroup::Procedures,
        search_words: Vec::new(),
        codes: vec![BilledCode { code: code.to_string(), units: 1 }],
        settings,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> PriceBook {
        PriceBook::bundled(ranges::load(None).expect("the bundled price ranges"))
    }

    fn zip(text: &str) -> Zip {
        Zip::parse(text).expect("a ZIP code")
    }

    /// The answer made from what was kept, for another ZIP code, is the estimate for that ZIP.
    fn same_as_made(book: &PriceBook, zip: Zip, subject: &Subject) {
        let made = serde_json::to_vec(&book.estimate(zip, subject).expect("an estimate")).expect("JSON");
        let answered = book.estimate_json(zip, subject).expect("an estimate");
        assert_eq!(String::from_utf8_lossy(&answered), String::from_utf8_lossy(&made));
    }

    #[test]
    fn an_estimate_is_made_once_per_locality_and_answers_each_zip_code_with_its_own() {
        let book = book();
        let knee = Subject::Procedure("mri-knee".into());
        // 10001 and 10016 are both in Manhattan.
        same_as_made(&book, zip("10001"), &knee);
        same_as_made(&book, zip("10016"), &knee);
        assert_eq!(book.estimates.len(), 1, "the second ZIP code in the locality used the first's estimate");
        // Another locality, another subject: each its own.
        same_as_made(&book, zip("94110"), &knee);
        same_as_made(&book, zip("10001"), &Subject::Code("99213".into()));
        assert_eq!(book.estimates.len(), 3);
    }

    #[test]
    fn an_estimate_begins_with_its_zip_code_which_is_what_lets_the_rest_be_kept() {
        let book = book();
        let json = serde_json::to_string(&book.estimate(zip("10001"), &Subject::Code("99213".into())).expect("an estimate")).expect("JSON");
        assert!(json.starts_with(&zip_head(zip("10001"))), "{json}");
    }

    #[test]
    fn what_cannot_be_estimated_is_said_every_time_and_never_kept() {
        let book = book();
        for _ in 0..2 {
            assert!(matches!(
                book.estimate_json(zip("10001"), &Subject::Procedure("no-such".into())),
                Err(EstimateError::UnknownProcedure(_))
            ));
            assert!(matches!(book.estimate_json(zip("00000"), &Subject::Code("99213".into())), Err(EstimateError::UnknownZip(_))));
        }
        assert!(book.estimates.is_empty());
    }
}
