//! X12 5010 claims (837P, 837I) and remittances (835).
//!
//! An X12 file names its own delimiters in its fixed-layout ISA header, so nothing here assumes
//! "*" and "~". Only what a bill review needs is read: who billed, the claim's total, and each
//! service line's date, codes, units and charge (plus, from a remittance, what was allowed, the
//! adjustments with their reasons and what the patient owes). Any input, however damaged, gives
//! a document or an error a member can act on, never a panic.

use super::values;
use crate::bill::{Adjustment, Bill, BillLine, BillPayer};
use crate::money::Money;
use crate::time::Date;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Which transaction a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum X12Kind {
    /// A professional claim (a doctor's office, an ambulance, equipment).
    Claim837P,
    /// An institutional claim (a hospital or facility).
    Claim837I,
    /// A remittance advice: what the insurer paid, adjusted and left to the patient.
    Remittance835,
}

/// A file read: one bill per claim (each CLM of an 837, each CLP of an 835).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct X12Document {
    pub kind: X12Kind,
    pub bills: Vec<Bill>,
}

const ASK_AGAIN: &str = "ask the sender (the provider or insurer) for the file again, or upload the bill as a PDF or photo instead";

/// Why a file could not be read, in words a member or advocate can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum X12Error {
    #[error("The file is empty. Choose the claim (837) or remittance (835) file again; if it came by email or download, save it again.")]
    Empty,
    #[error("This is not an X12 claim (837) or remittance (835) file, which starts with \"ISA\"{}. Upload it as a document instead, or ask the sender for the X12 (EDI) file.", looks_like_hint(*.looks_like))]
    NotX12 { looks_like: Option<&'static str> },
    #[error("The file's ISA header is damaged ({problem}), so its layout cannot be read: {ASK_AGAIN}.")]
    BadHeader { problem: &'static str },
    #[error(
        "The file's segments have no end marker after the ISA header, so they cannot be told apart. It may have been retyped or converted: {ASK_AGAIN}."
    )]
    NoSegmentTerminator,
    #[error(
        "The file stops before its end, probably cut short while copying or uploading (its closing {missing} segment is missing or cut off). Upload the whole file again."
    )]
    Truncated { missing: &'static str },
    #[error(
        "The file's closing {segment} segment does not match its opening one, so part of it may be missing or it was joined from other files: {ASK_AGAIN}."
    )]
    Mismatch { segment: &'static str },
    #[error("Claim {claim} ends without any service lines, so the file is incomplete: {ASK_AGAIN}.")]
    ClaimWithoutLines { claim: String },
    #[error("This X12 file is {}, not a claim (837) or remittance (835): Advocate reads only those two. Ask for the claim or the remittance advice (ERA) instead.", transaction_name(.transaction))]
    Unsupported { transaction: String },
    #[error("The file mixes claims and remittances (or professional and hospital claims). Upload each kind as its own file.")]
    MixedTransactions,
    #[error(
        "Segment {number} ({segment}) has \"{value}\" where a number or amount should be, so the file is damaged or not standard: {ASK_AGAIN}."
    )]
    BadNumber { segment: String, number: usize, value: String },
    #[error("Segment {number} ({segment}) is out of place, so the file is damaged or not standard: {ASK_AGAIN}.")]
    OutOfPlace { segment: String, number: usize },
    #[error("The file holds no claims (no CLM or CLP segments), so there is no bill in it to review.")]
    NoClaims,
}

fn looks_like_hint(looks_like: Option<&str>) -> String {
    looks_like.map(|kind| format!("; it looks like {kind}")).unwrap_or_default()
}

fn transaction_name(code: &str) -> String {
    let name = match code {
        "270" => "an eligibility question (270)",
        "271" => "an eligibility answer (271)",
        "276" => "a claim status question (276)",
        "277" => "a claim status answer (277)",
        "278" => "a prior authorization (278)",
        "820" => "a premium payment (820)",
        "834" => "an enrollment file (834)",
        "837D" => "a dental claim (837D)",
        "997" | "999" => "an acknowledgment that a file was received (997/999)",
        _ => return format!("transaction {code}"),
    };
    name.to_string()
}

/// Reads an X12 interchange (or several, one after another) into one bill per claim.
pub fn parse_x12(text: &str) -> Result<X12Document, X12Error> {
    let text = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if text.trim_end().is_empty() {
        return Err(X12Error::Empty);
    }
    if !text.starts_with("ISA") {
        return Err(X12Error::NotX12 { looks_like: sniff(text) });
    }
    let unwrapped = unwrap_lines(text, read_delimiters(text)?.segment);
    let mut document = DocumentBuilder::default();
    let mut rest: &str = &unwrapped;
    while !rest.is_empty() {
        rest = read_interchange(rest, &mut document)?;
        // Some systems pad a file with NULs or a DOS end-of-file mark after the last IEA.
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\0' || c == '\u{1a}');
        if !rest.is_empty() && !rest.starts_with("ISA") {
            let segment = rest.chars().take(3).collect();
            return Err(X12Error::OutOfPlace { segment, number: document.segments + 1 });
        }
    }
    document.finish()
}

/// Some systems wrap a file at 80 columns, breaking lines inside segments. Such breaks carry
/// nothing, so they are removed; breaks only after terminators (the usual "~\n") are left for
/// the segment reader to skip, without copying the text.
fn unwrap_lines(text: &str, terminator: char) -> Cow<'_, str> {
    // The last line has nothing after it to join, so only the lines before it tell.
    let wrapped = !matches!(terminator, '\r' | '\n') && {
        let mut lines = text.lines().map(str::trim_end).filter(|line| !line.is_empty());
        lines.next_back();
        lines.any(|line| !line.ends_with(terminator))
    };
    if wrapped { Cow::Owned(text.replace(['\r', '\n'], "")) } else { Cow::Borrowed(text) }
}

/// What a file that is not X12 most likely is, from its first bytes.
fn sniff(text: &str) -> Option<&'static str> {
    if text.starts_with("%PDF") {
        Some("a PDF")
    } else if text.starts_with("PK\u{3}\u{4}") {
        Some("a ZIP archive or an Office document")
    } else if text.starts_with('<') {
        Some("a web page or XML")
    } else if text.starts_with('{') || text.starts_with('[') {
        Some("JSON")
    } else {
        None
    }
}

/// The delimiters an interchange declares in its ISA header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Delimiters {
    element: char,
    /// ISA16: splits a composite element such as "HC:99213:25".
    component: char,
    /// ISA11 in 5010 (4010 put a "U" there, meaning none).
    repetition: Option<char>,
    segment: char,
}

/// The ISA is 106 characters when written to the standard; some senders drop its padding, so
/// the header is walked by its 16 separators instead of fixed offsets.
fn read_delimiters(isa: &str) -> Result<Delimiters, X12Error> {
    const CUT_SHORT: X12Error = X12Error::BadHeader { problem: "it is cut short" };
    let mut chars = isa.chars().skip(3);
    let element = chars.next().ok_or(CUT_SHORT)?;
    if element.is_alphanumeric() || element == '\n' || element == '\r' {
        return Err(X12Error::BadHeader { problem: "no element separator after \"ISA\"" });
    }
    let mut separators = 1;
    let mut isa11 = String::new();
    // A padded header has about 100 characters before ISA16; far more means it is not an ISA.
    for c in chars.by_ref().take(200) {
        if c == element {
            separators += 1;
            if separators == 16 {
                break;
            }
        } else if separators == 11 {
            isa11.push(c);
        }
    }
    if separators < 16 {
        return Err(if isa.len() < 200 { CUT_SHORT } else { X12Error::BadHeader { problem: "it has too few elements" } });
    }
    let component = chars.next().ok_or(CUT_SHORT)?;
    let segment = chars.next().ok_or(X12Error::NoSegmentTerminator)?;
    // A letter or digit right after ISA16 is the next segment's name: no terminator was written.
    if segment.is_alphanumeric() {
        return Err(X12Error::NoSegmentTerminator);
    }
    if component == element || segment == element || segment == component || component.is_alphanumeric() {
        return Err(X12Error::BadHeader { problem: "its separators clash" });
    }
    let repetition = single_char(&isa11).filter(|c| !c.is_alphanumeric() && ![element, component, segment].contains(c));
    Ok(Delimiters { element, component, repetition, segment })
}

fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// One segment, split into elements: `elements[0]` is its name ("CLM").
struct Segment<'a> {
    elements: Vec<&'a str>,
    delimiters: Delimiters,
    /// Its position in the file, counting from 1 at the first ISA, for error messages.
    number: usize,
    /// False for a last segment with no terminator after it: possibly cut off.
    terminated: bool,
}

impl<'a> Segment<'a> {
    fn id(&self) -> &'a str {
        self.get(0)
    }

    /// An element, trimmed, or "" where the segment is shorter. Of a repeated element, the
    /// first occurrence: none of the elements read here may repeat.
    fn get(&self, index: usize) -> &'a str {
        let value = self.elements.get(index).copied().unwrap_or("");
        let first = match self.delimiters.repetition {
            Some(repetition) => value.split(repetition).next().unwrap_or(value),
            None => value,
        };
        first.trim()
    }

    /// A line's codes from a procedure composite.
    fn procedure(&self, index: usize) -> BillLine {
        procedure_line(&components(self.get(index), self.delimiters.component))
    }

    fn bad_number(&self, value: &str) -> X12Error {
        X12Error::BadNumber { segment: self.id().to_string(), number: self.number, value: value.to_string() }
    }

    fn out_of_place(&self) -> X12Error {
        X12Error::OutOfPlace { segment: self.id().to_string(), number: self.number }
    }

    /// An optional amount ("-9.00" included: a reversal or a negative adjustment).
    fn amount(&self, index: usize) -> Result<Option<Money>, X12Error> {
        let value = self.get(index);
        if value.is_empty() {
            return Ok(None);
        }
        x12_amount(value).map(Some).ok_or_else(|| self.bad_number(value))
    }

    fn required_amount(&self, index: usize) -> Result<Money, X12Error> {
        self.amount(index)?.ok_or_else(|| self.bad_number(""))
    }

    /// A quantity of units: 1 where it is left out.
    fn units(&self, index: usize) -> Result<u32, X12Error> {
        let value = self.get(index);
        if value.is_empty() {
            return Ok(1);
        }
        values::units(value).ok_or_else(|| self.bad_number(value))
    }
}

/// Splits text into segments at the declared terminator, skipping the line breaks many senders
/// add between segments.
struct Segments<'a> {
    rest: &'a str,
    delimiters: Delimiters,
    count: usize,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        let element = self.delimiters.element;
        while !self.rest.is_empty() {
            let (raw, rest, terminated) = match self.rest.split_once(self.delimiters.segment) {
                Some((raw, rest)) => (raw, rest, true),
                None => (self.rest, "", false),
            };
            self.rest = rest;
            let raw = raw.trim_matches(|c: char| c.is_whitespace() && c != element);
            if raw.is_empty() {
                continue;
            }
            self.count += 1;
            return Some(Segment { elements: raw.split(element).collect(), delimiters: self.delimiters, number: self.count, terminated });
        }
        None
    }
}

#[derive(Default)]
struct DocumentBuilder {
    kind: Option<X12Kind>,
    bills: Vec<Bill>,
    segments: usize,
}

impl DocumentBuilder {
    fn add(&mut self, kind: X12Kind, bills: Vec<Bill>) -> Result<(), X12Error> {
        if self.kind.is_some_and(|known| known != kind) {
            return Err(X12Error::MixedTransactions);
        }
        self.kind = Some(kind);
        self.bills.extend(bills);
        Ok(())
    }

    fn finish(self) -> Result<X12Document, X12Error> {
        match self.kind {
            Some(kind) if !self.bills.is_empty() => Ok(X12Document { kind, bills: self.bills }),
            _ => Err(X12Error::NoClaims),
        }
    }
}

/// Reads one ISA…IEA interchange and returns the text after it.
fn read_interchange<'a>(text: &'a str, document: &mut DocumentBuilder) -> Result<&'a str, X12Error> {
    let delimiters = read_delimiters(text)?;
    let mut segments = Segments { rest: text, delimiters, count: document.segments };
    let mut header_read = false;
    let mut control = "";
    let mut version = "";
    let mut open: Option<(Transaction, &str)> = None;
    while let Some(segment) = segments.next() {
        let unterminated = !segment.terminated;
        let result = match segment.id() {
            "ISA" if !header_read => {
                header_read = true;
                control = segment.get(13);
                Ok(())
            }
            // A new header before this one's IEA: this interchange was cut off.
            "ISA" => Err(X12Error::Truncated { missing: "IEA" }),
            "GS" => {
                version = segment.get(8);
                Ok(())
            }
            "ST" if open.is_some() => Err(X12Error::Truncated { missing: "SE" }),
            "ST" => Transaction::start(&segment, version).map(|transaction| open = Some((transaction, segment.get(2)))),
            "SE" => match open.take() {
                Some((transaction, st_control)) => same_control(st_control, segment.get(2), "SE", unterminated)
                    .and_then(|()| transaction.finish())
                    .and_then(|(kind, bills)| document.add(kind, bills)),
                None => Err(segment.out_of_place()),
            },
            "IEA" if open.is_some() => Err(X12Error::Truncated { missing: "SE" }),
            "IEA" => {
                same_control(control, segment.get(2), "IEA", unterminated)?;
                document.segments = segments.count;
                return Ok(segments.rest);
            }
            _ => match open.as_mut() {
                Some((transaction, _)) => transaction.segment(&segment),
                // GS/GE and anything else between transactions carry nothing a bill needs.
                None => Ok(()),
            },
        };
        // An error in a last segment with no terminator is the cut, not the content.
        result.map_err(|error| if unterminated { X12Error::Truncated { missing: "IEA" } } else { error })?;
    }
    Err(X12Error::Truncated { missing: if open.is_some() { "SE" } else { "IEA" } })
}

/// Envelope control numbers must match ("0001" and "1" are the same number).
fn same_control(opening: &str, closing: &str, segment: &'static str, unterminated: bool) -> Result<(), X12Error> {
    let numeric = |s: &str| s.parse::<u64>().ok();
    if opening == closing || numeric(opening).is_some_and(|n| numeric(closing) == Some(n)) {
        Ok(())
    } else if unterminated {
        Err(X12Error::Truncated { missing: segment })
    } else {
        Err(X12Error::Mismatch { segment })
    }
}

/// One ST…SE transaction being read.
enum Transaction {
    Claims(ClaimReader),
    Remittance(RemittanceReader),
}

impl Transaction {
    /// ST01 names the transaction; ST03 (or GS08 before it) names the guide: X222 professional,
    /// X223 institutional, X224 dental.
    fn start(st: &Segment, group_version: &str) -> Result<Self, X12Error> {
        let version = if st.get(3).is_empty() { group_version } else { st.get(3) };
        match st.get(1) {
            "835" => Ok(Self::Remittance(RemittanceReader::default())),
            "837" if version.contains("X224") => Err(X12Error::Unsupported { transaction: "837D".into() }),
            "837" => {
                let kind = if version.contains("X223") {
                    Some(X12Kind::Claim837I)
                } else if version.contains("X222") {
                    Some(X12Kind::Claim837P)
                } else {
                    None
                };
                Ok(Self::Claims(ClaimReader { kind, ..ClaimReader::default() }))
            }
            other => Err(X12Error::Unsupported { transaction: other.to_string() }),
        }
    }

    fn segment(&mut self, segment: &Segment) -> Result<(), X12Error> {
        match self {
            Self::Claims(reader) => reader.segment(segment),
            Self::Remittance(reader) => reader.segment(segment),
        }
    }

    fn finish(self) -> Result<(X12Kind, Vec<Bill>), X12Error> {
        match self {
            Self::Claims(reader) => reader.finish(),
            Self::Remittance(reader) => Ok((X12Kind::Remittance835, reader.finish())),
        }
    }
}

/// Reads an 837: billing provider (NM1*85), claims (CLM), service lines (LX + SV1 or SV2).
#[derive(Default)]
struct ClaimReader {
    kind: Option<X12Kind>,
    saw_institutional_line: bool,
    provider: Option<String>,
    claim: Option<(String, Bill)>,
    /// Whether a DTP*472 belongs to the last line (after its SV1/SV2, before the next LX).
    line_open: bool,
    bills: Vec<Bill>,
}

impl ClaimReader {
    fn segment(&mut self, segment: &Segment) -> Result<(), X12Error> {
        match segment.id() {
            "HL" => {
                self.close_claim()?;
                // HL level 20 starts a new billing provider.
                if segment.get(3) == "20" {
                    self.provider = None;
                }
            }
            "NM1" if segment.get(1) == "85" => self.provider = person_or_organisation(segment, 3),
            "CLM" => {
                self.close_claim()?;
                self.open_claim(segment)?;
            }
            "LX" => self.line_open = false,
            "SV1" | "SV2" => {
                let line = if segment.id() == "SV1" { professional_line(segment)? } else { institutional_line(segment)? };
                self.saw_institutional_line |= segment.id() == "SV2";
                let (_, bill) = self.claim.as_mut().ok_or_else(|| segment.out_of_place())?;
                bill.lines.push(line);
                self.line_open = true;
            }
            "DTP" => self.date(segment),
            _ => {}
        }
        Ok(())
    }

    fn open_claim(&mut self, clm: &Segment) -> Result<(), X12Error> {
        let bill = Bill {
            provider: self.provider.clone(),
            stated_total: Some(clm.required_amount(2)?),
            // A claim is sent to an insurer.
            payer: BillPayer::Insurance,
            ..Bill::default()
        };
        self.claim = Some((clm.get(1).to_string(), bill));
        self.line_open = false;
        Ok(())
    }

    /// DTP*472 dates a line; before the first line, 434 (statement period), 435 (admission) and
    /// 096 (discharge) date the claim.
    fn date(&mut self, dtp: &Segment) {
        let Some((_, bill)) = self.claim.as_mut() else { return };
        let (first, last) = date_range(dtp.get(2), dtp.get(3));
        match dtp.get(1) {
            "472" if self.line_open => {
                if let Some(line) = bill.lines.last_mut() {
                    line.date = first;
                }
            }
            // A statement is dated no earlier than the end of the period it covers.
            "434" if bill.lines.is_empty() => bill.statement_date = last,
            "435" if bill.lines.is_empty() => bill.admission = first,
            // 5010 usually sends only the discharge hour (TM), which has no date to take.
            "096" if bill.lines.is_empty() => bill.discharge = first,
            _ => {}
        }
    }

    fn close_claim(&mut self) -> Result<(), X12Error> {
        self.line_open = false;
        match self.claim.take() {
            Some((claim, bill)) if bill.lines.is_empty() => Err(X12Error::ClaimWithoutLines { claim }),
            Some((_, bill)) => {
                self.bills.push(bill);
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn finish(mut self) -> Result<(X12Kind, Vec<Bill>), X12Error> {
        self.close_claim()?;
        let inferred = if self.saw_institutional_line { X12Kind::Claim837I } else { X12Kind::Claim837P };
        Ok((self.kind.unwrap_or(inferred), self.bills))
    }
}

/// SV1: procedure composite, charge, unit basis, units.
fn professional_line(sv1: &Segment) -> Result<BillLine, X12Error> {
    let mut line = sv1.procedure(1);
    line.charge = sv1.required_amount(2)?;
    line.units = sv1.units(4)?;
    Ok(line)
}

/// SV2: revenue code, procedure composite (optional), charge, unit basis, units.
fn institutional_line(sv2: &Segment) -> Result<BillLine, X12Error> {
    let mut line = sv2.procedure(2);
    line.revenue_code = values::revenue_code(sv2.get(1));
    line.charge = sv2.required_amount(3)?;
    line.units = sv2.units(5)?;
    Ok(line)
}

/// Reads an 835: payee (N1*PE), claims paid (CLP) and their services (SVC) with adjustments.
#[derive(Default)]
struct RemittanceReader {
    payee: Option<String>,
    claim: Option<RemittedClaim>,
    /// Whether CAS, DTM and AMT belong to the last SVC rather than to the claim.
    line_open: bool,
    bills: Vec<Bill>,
}

struct RemittedClaim {
    bill: Bill,
    /// CAS before the first SVC: adjustments to the claim as a whole.
    adjustments: Vec<Adjustment>,
    period: (Option<Date>, Option<Date>),
}

impl RemittanceReader {
    fn segment(&mut self, segment: &Segment) -> Result<(), X12Error> {
        match segment.id() {
            "N1" if segment.get(1) == "PE" => self.payee = non_empty(segment.get(2)),
            // LX opens a group of claims, PLB the provider-level adjustments after them all.
            "LX" | "PLB" => self.close_claim(),
            "CLP" => {
                self.close_claim();
                self.open_claim(segment)?;
            }
            "SVC" => {
                let line = remitted_line(segment)?;
                let claim = self.claim.as_mut().ok_or_else(|| segment.out_of_place())?;
                claim.bill.lines.push(line);
                self.line_open = true;
            }
            "CAS" => {
                let found = adjustments(segment)?;
                let claim = self.claim.as_mut().ok_or_else(|| segment.out_of_place())?;
                let target = match claim.bill.lines.last_mut() {
                    Some(line) if self.line_open => &mut line.adjustments,
                    _ => &mut claim.adjustments,
                };
                target.extend(found);
            }
            "DTM" => self.date(segment),
            "AMT" if self.line_open && segment.get(1) == "B6" => {
                let allowed = segment.amount(2)?;
                if let Some(line) = self.claim.as_mut().and_then(|claim| claim.bill.lines.last_mut()) {
                    line.allowed = allowed;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn open_claim(&mut self, clp: &Segment) -> Result<(), X12Error> {
        let bill = Bill {
            provider: self.payee.clone(),
            stated_total: Some(clp.required_amount(3)?),
            // CLP05 is sent only when the patient owes something: left out, it is nothing.
            amount_due: Some(clp.amount(5)?.unwrap_or_default()),
            payer: BillPayer::Insurance,
            ..Bill::default()
        };
        self.claim = Some(RemittedClaim { bill, adjustments: Vec::new(), period: (None, None) });
        Ok(())
    }

    /// DTM*472 (or 150, the start of a period) dates a service; at the claim, 232/233 (or
    /// 150/151) are the claim's period.
    fn date(&mut self, dtm: &Segment) {
        let Some(claim) = self.claim.as_mut() else { return };
        // DTM02 is a CCYYMMDD date; DTM05/06 may carry a range instead.
        let (first, _) = if dtm.get(2).is_empty() { date_range(dtm.get(5), dtm.get(6)) } else { date_range("D8", dtm.get(2)) };
        match (dtm.get(1), self.line_open, claim.bill.lines.last_mut()) {
            ("472", true, Some(line)) => line.date = first.or(line.date),
            ("150", true, Some(line)) => line.date = line.date.or(first),
            ("232" | "150", false, _) => claim.period.0 = first,
            ("233" | "151", false, _) => claim.period.1 = first,
            _ => {}
        }
    }

    fn close_claim(&mut self) {
        self.line_open = false;
        if let Some(claim) = self.claim.take() {
            self.bills.push(claim.finish());
        }
    }

    fn finish(mut self) -> Vec<Bill> {
        self.close_claim();
        self.bills
    }
}

impl RemittedClaim {
    fn finish(self) -> Bill {
        let RemittedClaim { mut bill, adjustments, period } = self;
        // A claim paid as a whole (typical of hospital stays) lists no services: the claim
        // itself is then the one line, so its charge and adjustments are not lost.
        if bill.lines.is_empty() {
            bill.lines.push(BillLine {
                description: "Whole claim (the remittance lists no separate services)".into(),
                units: 1,
                charge: bill.stated_total.unwrap_or_default(),
                adjustments,
                ..BillLine::default()
            });
        }
        // Services without their own date took place on the claim's date when it is one day.
        let one_day = period.0.filter(|start| period.1.is_none_or(|end| end == *start));
        for line in &mut bill.lines {
            line.date = line.date.or(one_day);
            line.patient_owes = Some(patient_share(&line.adjustments));
        }
        bill.statement_date = period.1.or(period.0);
        bill
    }
}

/// The patient's share of a line: its patient-responsibility (PR) adjustments.
fn patient_share(adjustments: &[Adjustment]) -> Money {
    Money::from_cents(adjustments.iter().filter(|a| a.group == "PR").map(|a| a.amount.cents()).sum())
}

/// SVC: procedure composite, charge, paid, revenue code, units.
fn remitted_line(svc: &Segment) -> Result<BillLine, X12Error> {
    let mut line = svc.procedure(1);
    line.charge = svc.required_amount(2)?;
    line.revenue_code = line.revenue_code.or_else(|| values::revenue_code(svc.get(4)));
    line.units = svc.units(5)?;
    Ok(line)
}

/// CAS: a group (CO, PR, OA, PI), then up to six reason/amount/quantity triples.
fn adjustments(cas: &Segment) -> Result<Vec<Adjustment>, X12Error> {
    let group = cas.get(1);
    let mut found = Vec::new();
    for reason_at in (2..=17).step_by(3) {
        let reason = cas.get(reason_at);
        if let (false, Some(amount)) = (reason.is_empty(), cas.amount(reason_at + 1)?) {
            found.push(Adjustment { group: group.to_string(), reason: reason.to_string(), amount });
        }
    }
    Ok(found)
}

/// A line's codes from a procedure composite's parts: qualifier, code, up to four modifiers,
/// and a description in the seventh. A revenue-code qualifier (NU) gives a revenue code.
fn procedure_line(parts: &[&str]) -> BillLine {
    let part = |index: usize| parts.get(index).copied().unwrap_or("");
    let code = non_empty(part(1));
    let is_revenue_code = part(0) == "NU";
    BillLine {
        revenue_code: if is_revenue_code { code.as_deref().and_then(values::revenue_code) } else { None },
        code: if is_revenue_code { None } else { code },
        modifiers: (2..=5).filter_map(|index| non_empty(part(index))).collect(),
        description: part(6).to_string(),
        units: 1,
        ..BillLine::default()
    }
}

/// Splits a composite element at the declared separator. Some senders write ">" while their
/// ISA declares ":" (several of the public samples do); a product qualifier ("HC") is two
/// characters, so a punctuation mark right after it is then the separator actually used.
fn components(composite: &str, declared: char) -> Vec<&str> {
    let used = if composite.contains(declared) {
        Some(declared)
    } else {
        let qualifier = composite.get(0..2).is_some_and(|q| q.bytes().all(|b| b.is_ascii_alphanumeric()));
        composite.get(2..).and_then(|rest| rest.chars().next()).filter(|c| qualifier && c.is_ascii_punctuation())
    };
    match used {
        Some(separator) => composite.split(separator).map(str::trim).collect(),
        None => vec![composite],
    }
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// NM1: an organisation's name, or a person's first and last names ("BEN KILDARE").
fn person_or_organisation(nm1: &Segment, last_name_at: usize) -> Option<String> {
    let last = nm1.get(last_name_at);
    let first = nm1.get(last_name_at + 1);
    if nm1.get(2) == "1" && !first.is_empty() { non_empty(&format!("{first} {last}")) } else { non_empty(last) }
}

/// An X12 decimal as money: "541.00", "-9.00", "220". X12's decimal type has no thousands
/// separators, currency sign or parentheses: a value with them is not standard.
fn x12_amount(value: &str) -> Option<Money> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    digits.bytes().all(|b| b.is_ascii_digit() || b == b'.').then(|| values::amount(value)).flatten()
}

/// A DTP/DTM date as (first, last) day: D8 "20050208", RD8 "20050201-20050207", DT
/// "200506170800". Other formats (TM, an hour) have no date.
fn date_range(format: &str, value: &str) -> (Option<Date>, Option<Date>) {
    match format {
        "D8" | "DT" => {
            let date = ccyymmdd(value);
            (date, date)
        }
        "RD8" => {
            let (first, last) = value.split_once('-').unwrap_or((value, value));
            (ccyymmdd(first), ccyymmdd(last))
        }
        _ => (None, None),
    }
}

fn ccyymmdd(value: &str) -> Option<Date> {
    let digits = value.get(0..8).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let number = |range: std::ops::Range<usize>| digits.get(range).and_then(|part| part.parse::<u32>().ok());
    Date::new(number(0..4)? as i32, number(4..6)? as u8, number(6..8)? as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A standard 106-character ISA with the given element, repetition, component and segment
    /// delimiters.
    fn isa(element: char, repetition: char, component: char, segment: &str) -> String {
        let fields = [
            "00",
            "          ",
            "00",
            "          ",
            "ZZ",
            "SENDER         ",
            "ZZ",
            "RECEIVER       ",
            "250301",
            "1200",
            &repetition.to_string(),
            "00501",
            "000000001",
            "0",
            "P",
            &component.to_string(),
        ];
        format!("ISA{element}{}{segment}", fields.join(&element.to_string()))
    }

    /// Segments written with "*", ":" and "~", then given the interchange's own delimiters.
    fn interchange(element: char, component: char, segment: &str, body: &str) -> String {
        let body: String = body
            .split('~')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| format!("{}{segment}", s.replace('*', &element.to_string()).replace(':', &component.to_string())))
            .collect();
        let repetition = if element == '^' || component == '^' { '{' } else { '^' };
        format!("{}{body}", isa(element, repetition, component, segment))
    }

    const CLAIM_837P: &str = "
        GS*HC*SENDER*RECEIVER*20250301*1200*1*X*005010X222A2~
        ST*837*0001*005010X222A2~
        BHT*0019*00*1*20250301*1200*CH~
        HL*1**20*1~
        NM1*85*1*KILDARE*BEN****XX*1999996666~
        HL*2*1*22*0~
        CLM*ABC1*310.00***11:B:1*Y*A*Y*Y~
        LX*1~
        SV1*HC:99213:25:59*150.00*UN*1~
        DTP*472*D8*20250301~
        LX*2~
        SV1*HC:20610*160.00*UN*2.5~
        SE*10*0001~
        GE*1*1~
        IEA*1*000000001~";

    const REMITTANCE_835: &str = "
        GS*HP*SENDER*RECEIVER*20250320*1200*1*X*005010X221A1~
        ST*835*0001~
        BPR*I*80.00*C*CHK************20250320~
        N1*PR*ACME HEALTH PLAN~
        N1*PE*CITY CLINIC*XX*1234567893~
        LX*1~
        CLP*CLAIM1*1*200.00*80.00*70.00*12*PAYERREF~
        SVC*HC:99214:25*200.00*80.00**1~
        DTM*472*20250301~
        CAS*CO*45*50.00~
        CAS*PR*1*50.00**2*20.00**3*0.00~
        AMT*B6*150.00~
        SE*11*0001~
        GE*1*1~
        IEA*1*000000001~";

    #[test]
    fn a_professional_claim_reads_into_a_bill() {
        let document = parse_x12(&interchange('*', ':', "~\n", CLAIM_837P)).unwrap();
        assert_eq!(document.kind, X12Kind::Claim837P);
        let [bill] = &document.bills[..] else { panic!("one claim: {document:?}") };
        assert_eq!(bill.provider.as_deref(), Some("BEN KILDARE"));
        assert_eq!(bill.stated_total, Some(Money::from_cents(31_000)));
        assert_eq!(bill.payer, BillPayer::Insurance);
        assert_eq!(bill.lines.len(), 2);
        assert_eq!(bill.lines[0].date, Date::new(2025, 3, 1));
        // No DTP*472 on the second line: no date is made up for it.
        assert_eq!(bill.lines[1].date, None);
        assert_eq!(bill.lines[1].units, 3, "2.5 units round to 3");
    }

    #[test]
    fn composite_codes_give_code_and_modifiers() {
        let document = parse_x12(&interchange('*', ':', "~", CLAIM_837P)).unwrap();
        let line = &document.bills[0].lines[0];
        assert_eq!(line.code.as_deref(), Some("99213"));
        assert_eq!(line.modifiers, ["25", "59"]);
        assert_eq!(line.charge, Money::from_cents(15_000));
        assert_eq!(document.bills[0].lines[1].modifiers, Vec::<String>::new());
        // Written with ">" though the header declares ":", as some senders do.
        assert_eq!(components("HC>00142>QK>QS>P1", ':'), ["HC", "00142", "QK", "QS", "P1"]);
        assert_eq!(components("HC:J3490:::::Sod Chl 0.9%", ':')[6], "Sod Chl 0.9%");
        assert_eq!(components("99213", ':'), ["99213"]);
    }

    #[test]
    fn delimiters_come_from_the_header_not_from_habit() {
        let expected = parse_x12(&interchange('*', ':', "~", CLAIM_837P)).unwrap();
        for (element, component, segment) in
            [('|', '^', "\n"), ('|', '>', "\r\n"), ('^', '\\', "'"), ('+', ':', "'\n"), ('*', '>', "~\r\n")]
        {
            let text = interchange(element, component, segment, CLAIM_837P);
            assert_eq!(parse_x12(&text).as_ref(), Ok(&expected), "{element} {component} {segment:?}:\n{text}");
        }
        let d = read_delimiters(&isa('|', '{', '^', "\n")).unwrap();
        assert_eq!(d, Delimiters { element: '|', component: '^', repetition: Some('{'), segment: '\n' });
        // 4010 headers put a "U" where 5010 puts the repetition separator.
        assert_eq!(read_delimiters(&isa('*', 'U', ':', "~")).unwrap().repetition, None);
    }

    #[test]
    fn an_unpadded_header_and_a_byte_order_mark_are_read() {
        let text = interchange('*', ':', "~", CLAIM_837P).replace("SENDER         ", "SENDER").replace("          ", "");
        assert_eq!(parse_x12(&format!("\u{feff}\n  {text}")).unwrap().bills.len(), 1);
    }

    #[test]
    fn a_file_wrapped_at_80_columns_is_unwrapped() {
        let text = interchange('*', ':', "~", CLAIM_837P);
        let wrapped: String = text.as_bytes().chunks(80).map(|chunk| format!("{}\r\n", String::from_utf8_lossy(chunk))).collect();
        assert_eq!(parse_x12(&wrapped), parse_x12(&text));
        assert!(matches!(unwrap_lines(&interchange('*', ':', "~\n", CLAIM_837P), '~'), Cow::Borrowed(_)));
    }

    #[test]
    fn several_cas_triples_become_several_adjustments() {
        let document = parse_x12(&interchange('*', ':', "~\n", REMITTANCE_835)).unwrap();
        assert_eq!(document.kind, X12Kind::Remittance835);
        let bill = &document.bills[0];
        assert_eq!(bill.provider.as_deref(), Some("CITY CLINIC"));
        assert_eq!((bill.stated_total, bill.amount_due), (Some(Money::from_cents(20_000)), Some(Money::from_cents(7_000))));
        let line = &bill.lines[0];
        let adjustments: Vec<(&str, &str, i64)> =
            line.adjustments.iter().map(|a| (&a.group[..], &a.reason[..], a.amount.cents())).collect();
        assert_eq!(adjustments, [("CO", "45", 5_000), ("PR", "1", 5_000), ("PR", "2", 2_000), ("PR", "3", 0)]);
        assert_eq!(line.patient_owes, Some(Money::from_cents(7_000)));
        assert_eq!(line.allowed, Some(Money::from_cents(15_000)));
        assert_eq!((line.code.as_deref(), &line.modifiers[..]), (Some("99214"), &["25".to_string()][..]));
        assert_eq!(line.date, Date::new(2025, 3, 1));
    }

    #[test]
    fn a_negative_adjustment_and_a_reversal_keep_their_sign() {
        let text = interchange('*', ':', "~", &REMITTANCE_835.replace("CAS*CO*45*50.00", "CAS*OA*94*-9.00"));
        let line = &parse_x12(&text).unwrap().bills[0].lines[0];
        assert_eq!(line.adjustments[0].amount, Money::from_cents(-900));
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(parse_x12(""), Err(X12Error::Empty));
        assert_eq!(parse_x12(" \n\u{feff}"), Err(X12Error::Empty));
        assert_eq!(parse_x12("\u{feff}"), Err(X12Error::Empty));
    }

    #[test]
    fn a_file_that_is_something_else_is_named() {
        assert_eq!(parse_x12("%PDF-1.7\n%âãÏÓ"), Err(X12Error::NotX12 { looks_like: Some("a PDF") }));
        assert_eq!(
            parse_x12("PK\u{3}\u{4}\u{14}\0\0\0"),
            Err(X12Error::NotX12 { looks_like: Some("a ZIP archive or an Office document") })
        );
        assert_eq!(parse_x12("Date,Code,Charge\n"), Err(X12Error::NotX12 { looks_like: None }));
        assert!(X12Error::NotX12 { looks_like: Some("a PDF") }.to_string().contains("it looks like a PDF"));
    }

    #[test]
    fn a_truncated_file_is_refused_at_every_cut() {
        let full = interchange('*', ':', "~\n", CLAIM_837P);
        let complete = full.trim_end().trim_end_matches('~');
        for cut in 0..full.len() {
            let part = &full[..cut];
            if part.trim_end().trim_end_matches('~') == complete {
                continue;
            }
            assert!(parse_x12(part).is_err(), "cut at {cut} was read:\n{part}");
        }
        let half = &full[..full.len() / 2];
        assert!(matches!(parse_x12(half), Err(X12Error::Truncated { .. })), "{:?}", parse_x12(half));
    }

    #[test]
    fn a_broken_header_or_envelope_is_explained() {
        let header = isa('*', '^', ':', "~");
        assert_eq!(parse_x12(&header[..50]), Err(X12Error::BadHeader { problem: "it is cut short" }));
        assert_eq!(parse_x12(&header[..105]), Err(X12Error::NoSegmentTerminator));
        assert_eq!(parse_x12(&format!("{}GS*HC", &header[..105])), Err(X12Error::NoSegmentTerminator));
        assert_eq!(parse_x12("ISAISAISA"), Err(X12Error::BadHeader { problem: "no element separator after \"ISA\"" }));
        assert_eq!(parse_x12(&header), Err(X12Error::Truncated { missing: "IEA" }));
        let mismatched = interchange('*', ':', "~", &CLAIM_837P.replace("IEA*1*000000001", "IEA*1*000000002"));
        assert_eq!(parse_x12(&mismatched), Err(X12Error::Mismatch { segment: "IEA" }));
    }

    #[test]
    fn a_claim_without_lines_is_incomplete() {
        let body = CLAIM_837P.replace("LX*1~", "HL*3*1*22*0~CLM*ABC2*10.00***11:B:1~LX*1~");
        let text = interchange('*', ':', "~", &body);
        assert_eq!(parse_x12(&text), Err(X12Error::ClaimWithoutLines { claim: "ABC1".into() }));
    }

    #[test]
    fn other_transactions_are_refused_by_name() {
        let eligibility = interchange(
            '*',
            ':',
            "~",
            "GS*HS*A*B*20250301*1200*1*X*005010X279A1~ST*270*0001*005010X279A1~SE*2*0001~GE*1*1~IEA*1*000000001~",
        );
        let error = parse_x12(&eligibility).unwrap_err();
        assert_eq!(error, X12Error::Unsupported { transaction: "270".into() });
        assert!(error.to_string().contains("an eligibility question (270)"), "{error}");
        let dental = interchange('*', ':', "~", &CLAIM_837P.replace("X222A2", "X224A2"));
        assert_eq!(parse_x12(&dental), Err(X12Error::Unsupported { transaction: "837D".into() }));
    }

    #[test]
    fn a_bad_amount_names_its_segment() {
        let text = interchange('*', ':', "~", &CLAIM_837P.replace("150.00", "1S0.00"));
        assert_eq!(parse_x12(&text), Err(X12Error::BadNumber { segment: "SV1".into(), number: 10, value: "1S0.00".into() }));
    }

    #[test]
    fn no_input_makes_it_panic() {
        let valid = interchange('*', ':', "~", REMITTANCE_835);
        let mut state = 0x2545_f491_u32;
        for _ in 0..2_000 {
            let mut bytes = valid.clone().into_bytes();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % bytes.len();
                bytes[at] = b"*:~^\n0A-."[(state >> 8) as usize % 9];
            }
            let _ = parse_x12(&String::from_utf8_lossy(&bytes));
        }
    }
}
