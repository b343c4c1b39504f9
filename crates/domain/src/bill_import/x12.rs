//! X12 5010 claims (837P, 837I) and remittances (835).
//!
//! An X12 file names its own delimiters in its fixed-layout ISA header, so nothing here assumes
//! "*" and "~". Only what a bill review needs is read: who billed, the claim's total, and each
//! service line's date, codes, units and charge (plus, from a remittance, what was allowed, the
//! adjustments with their reasons and what the patient owes). Any input, however damaged, gives
//! a document or an error a member can act on, never a panic.
//!
//! The reading is in layers: `envelope` (the ISA header's delimiters, the interchange and
//! transaction envelopes around the claims), `segment` (a segment's elements and the values
//! they hold), then `claim` (837) and `remittance` (835), each turning its transaction's
//! segments into bills.

mod claim;
mod envelope;
mod remittance;
#[doc(hidden)]
pub mod sample;
mod segment;

use crate::bill::Bill;
use envelope::{DocumentBuilder, read_delimiters, read_interchange, unwrap_lines};
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::sample::interchange;
    use super::*;

    pub(super) const CLAIM_837P: &str = "
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

    pub(super) const REMITTANCE_835: &str = "
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
