//! The bill as the member edits it: each field kept as typed, so a half-typed amount is not
//! lost, and turned into the domain's review request (with a message beside each field that does
//! not read, or that the domain's checks refuse) when the member asks for the check.

use advocate_domain::bill::{Bill, BillLine};
use advocate_domain::bill_import::layout::row_parts;
use advocate_domain::bill_import::split_code;
use advocate_domain::bill_review::{BillReviewRequest, Situation, coverage_problem};
use advocate_domain::estimate::parse_code;
use advocate_domain::problem::as_sentence;
use advocate_domain::routing::BillCoverage;
use advocate_domain::time::Date;
use advocate_domain::{Money, Zip};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineDraft {
    /// YYYY-MM-DD, as a date input gives it.
    pub date: String,
    pub code: String,
    pub description: String,
    pub units: String,
    pub charge: String,
    /// What a file gave that the form does not show (modifiers, revenue code, remittance
    /// amounts), kept so the review sees the whole line.
    pub read: BillLine,
    /// The row of a photo or PDF this charge was read from, shown beside it so a misread is
    /// easy to see and correct.
    pub printed: Option<Printed>,
}

/// A row as the bill prints it, and the page it is on (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub page: u32,
    pub text: String,
}

/// An amount as the charge field shows it: "1,609.00", without the dollar sign the field's label
/// already gives.
fn charge_field(amount: Money) -> String {
    amount.to_string().trim_start_matches('$').to_string()
}

impl LineDraft {
    pub fn empty() -> Self {
        LineDraft { units: "1".into(), ..Default::default() }
    }

    /// A line the member has not filled in.
    pub fn is_blank(&self) -> bool {
        *self == LineDraft::empty()
    }

    pub fn from_line(line: &BillLine) -> Self {
        LineDraft {
            date: line.date.map(|d| d.to_string()).unwrap_or_default(),
            code: match (&line.code, line.modifiers.is_empty()) {
                (Some(code), true) => code.clone(),
                (Some(code), false) => format!("{code}-{}", line.modifiers.join("-")),
                (None, _) => String::new(),
            },
            description: line.description.clone(),
            units: line.units.to_string(),
            charge: charge_field(line.charge),
            read: line.clone(),
            printed: None,
        }
    }

    /// A charge read from a photo or PDF, with the row it was read from.
    pub fn from_printed(line: &BillLine, printed: Printed) -> Self {
        LineDraft { printed: Some(printed), ..LineDraft::from_line(line) }
    }

    /// A row that looked like a charge but was not read completely, for the member to fill in:
    /// what the row does print (the domain's `row_parts`) is filled in already.
    pub fn to_fill_in(printed: Printed) -> Self {
        let parts = row_parts(&printed.text);
        LineDraft {
            date: parts.date.map(|d| d.to_string()).unwrap_or_default(),
            code: parts.code.unwrap_or_default(),
            description: parts.description,
            charge: parts.charge.map(charge_field).unwrap_or_default(),
            printed: Some(printed),
            ..LineDraft::empty()
        }
    }

    /// The line, or what to fix, as (field, message) with the field's input id.
    pub fn to_line(&self, index: usize) -> Result<BillLine, Vec<(String, String)>> {
        let number = index + 1;
        let mut errors = Vec::new();
        let date = match self.date.trim() {
            "" => None,
            text => text
                .parse::<Date>()
                .map_err(|_| {
                    errors.push((format!("line-{index}-date"), format!("Line {number}: enter the date of service, or leave it empty.")))
                })
                .ok(),
        };
        let units = match self.units.trim() {
            "" => Some(1),
            text => text.parse::<u32>().ok().filter(|u| *u > 0).or_else(|| {
                errors.push((format!("line-{index}-units"), format!("Line {number}: enter the units as a whole number, like 1.")));
                None
            }),
        };
        let charge = Money::parse(&self.charge)
            .map_err(|e| errors.push((format!("line-{index}-charge"), format!("Line {number}: {}", as_sentence(&e.to_string())))))
            .ok();
        // "99213-25" or "99213 25": the code, then its modifiers.
        let mut parts = split_code(&self.code).into_iter();
        let code = match parts.next() {
            None => None,
            Some(text) => parse_code(&text)
                .map_err(|e| errors.push((format!("line-{index}-code"), format!("Line {number}: {}", as_sentence(&e.to_string())))))
                .ok(),
        };
        let typed_modifiers: Vec<String> = parts.collect();
        match (units, charge) {
            (Some(units), Some(charge)) if errors.is_empty() => {
                // The code field shows the modifiers, so what it holds now is what counts.
                let mut line = BillLine {
                    date,
                    code,
                    modifiers: typed_modifiers,
                    description: self.description.trim().to_string(),
                    units,
                    charge,
                    ..self.read.clone()
                };
                // A corrected line no longer has the file's price per unit.
                if (units, charge) != (self.read.units, self.read.charge) {
                    line.unit_price = None;
                }
                Ok(line)
            }
            _ => Err(errors),
        }
    }
}

/// The whole form as a bill, keeping what the file said about the bill as a whole.
fn to_bill(base: &Bill, lines: &[LineDraft]) -> Result<Bill, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut read = Vec::new();
    for (i, draft) in lines.iter().enumerate() {
        match draft.to_line(i) {
            Ok(line) => read.push(line),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if lines.is_empty() {
        errors.push(("add-line".into(), "Add at least one charge from the bill.".into()));
    }
    if errors.is_empty() { Ok(Bill { lines: read, ..base.clone() }) } else { Err(errors) }
}

/// The whole form as the member left it: the charges, the answers about the care, and the ZIP
/// code to compare prices, as typed.
pub struct BillForm {
    /// What a file said about the bill as a whole (provider, dates, totals).
    pub base: Bill,
    pub lines: Vec<LineDraft>,
    pub coverage: Option<BillCoverage>,
    /// Of a partly covered bill, the part not covered, as typed (optional).
    pub not_covered: String,
    pub emergency: bool,
    pub surprise_clinician: bool,
    /// The Good Faith Estimate, optional.
    pub estimate: String,
    /// Optional: with one, the server compares the charges with prices there.
    pub zip: String,
}

impl BillForm {
    /// The review request, or what to fix as (input id, message): what does not read, then the
    /// domain's own checks (the coverage answer, bounds), one message per field.
    pub fn to_request(&self) -> Result<BillReviewRequest, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let bill = to_bill(&self.base, &self.lines).map_err(|mut e| problems.append(&mut e)).ok();
        let zip = match self.zip.trim() {
            "" => None,
            text => Zip::parse(text).map_err(|e| problems.push(("zip".into(), e.to_string()))).ok(),
        };
        let good_faith_estimate = match self.estimate.trim() {
            "" => None,
            text => Money::parse(text).map_err(|e| problems.push(("estimate".into(), as_sentence(&e.to_string())))).ok(),
        };
        let not_covered = match self.not_covered.trim() {
            "" => None,
            _ if self.coverage != Some(BillCoverage::PartlyCovered) => None,
            text => Money::parse(text).map_err(|e| problems.push(("not-covered".into(), as_sentence(&e.to_string())))).ok(),
        };
        let situation = Situation {
            coverage: self.coverage,
            not_covered,
            emergency_out_of_network: self.emergency,
            out_of_network_clinician_at_in_network_facility: self.surprise_clinician,
            good_faith_estimate,
        };
        let request = bill.map(|bill| BillReviewRequest { bill, situation, zip });
        match &request {
            Some(request) => problems.extend(request.problems().into_iter().map(|(field, message)| (input_id(&field), message))),
            None => problems.extend(coverage_problem(&self.base, &situation).map(|message| ("coverage".into(), message))),
        }
        problems.dedup_by(|a, b| a.0 == b.0);
        match request {
            Some(request) if problems.is_empty() => Ok(request),
            _ => Err(problems),
        }
    }
}

/// A field of the review request as the id of this form's input: "bill.lines[2].charge" is
/// "line-2-charge", "situation.coverage" the coverage question.
fn input_id(field: &str) -> String {
    if let Some((index, name)) = field.strip_prefix("bill.lines[").and_then(|rest| rest.split_once("].")) {
        return format!("line-{index}-{name}");
    }
    match field {
        "situation.coverage" => "coverage".into(),
        "situation.good_faith_estimate" => "estimate".into(),
        "bill.lines" => "add-line".into(),
        other => other.into(),
    }
}
