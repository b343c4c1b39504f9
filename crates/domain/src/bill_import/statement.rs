//! Itemized statements as text: what OCR reads from a photo or a scan, or a PDF's text layer.
//! Each charge is a line that ends with an amount; before it, in any order the billing system
//! chose, a date of service, a revenue code, a CPT/HCPCS or charge code, units and words.
//! Lines that are totals, payments or balances are not charges.

use super::values;
use crate::bill::{Bill, BillLine};
use crate::money::Money;
use crate::time::Date;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    #[error(
        "No text could be read. If this is a photo, take it again in good light, flat and in focus; a scan or the PDF from the provider's website reads better."
    )]
    NoText,
    #[error(
        "No charges could be read. This may be a summary rather than the itemized bill (which lists each charge): ask the provider for the itemized bill, or type the charges in."
    )]
    NoCharges,
}

/// Words that mark a line as a total, a payment or a balance, not a charge.
const NOT_CHARGES: &[&str] =
    &["total", "balance", "payment", "payments", "adjustment", "adjustments", "due", "paid", "deposit", "credit", "insurance", "subtotal"];

/// Reads the charges of an itemized statement's text.
pub fn parse_statement_text(text: &str) -> Result<Bill, StatementError> {
    if text.trim().is_empty() {
        return Err(StatementError::NoText);
    }
    let mut lines = Vec::new();
    // A statement may give the visit's dates once, above charges that carry none.
    let mut visit_date = None;
    for raw in text.lines() {
        let words: Vec<&str> = raw.split_whitespace().collect();
        if let Some(date) = words.first().and_then(|w| values::date(w)) {
            visit_date = Some(date);
        }
        if let Some(line) = charge_line(&words, visit_date) {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return Err(StatementError::NoCharges);
    }
    Ok(Bill { lines, ..Default::default() })
}

/// One charge, if the words make one: an amount at the end and something that says what for.
fn charge_line(words: &[&str], visit_date: Option<Date>) -> Option<BillLine> {
    let (last, rest) = words.split_last()?;
    let charge = charge_amount(last)?;
    let lowered: Vec<String> = rest.iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    if lowered.iter().any(|w| NOT_CHARGES.contains(&w.as_str())) {
        return None;
    }
    // A date after the first word belongs to a header or a payment slip, not to a charge.
    if rest.iter().skip(1).any(|w| values::date(w).is_some()) {
        return None;
    }
    let mut line = BillLine { units: 1, charge, ..Default::default() };
    let mut description = Vec::new();
    let mut rest = rest.to_vec();
    // Units come right before the amount, when that word is a small whole number, and not an
    // adjustment reason code after its group ("CO 45").
    let after_group = rest.len() >= 2 && ["CO", "PR", "OA", "PI"].contains(&rest[rest.len() - 2]);
    if rest.len() >= 2
        && !after_group
        && let Some(units) = rest.last().and_then(|w| w.parse::<u32>().ok()).filter(|u| (1..=9_999).contains(u))
    {
        line.units = units;
        rest.pop();
    }
    for (i, word) in rest.iter().enumerate() {
        if i == 0
            && let Some(date) = values::date(word)
        {
            line.date = Some(date);
        } else if line.revenue_code.is_none() && is_revenue_code(word) {
            line.revenue_code = Some(word.to_string());
        } else if line.code.is_none() && is_procedure_code(word.split('-').next().unwrap_or(word)) {
            // "99215-77": the code and its modifiers.
            let mut parts = super::split_code(word).into_iter();
            line.code = parts.next();
            line.modifiers = parts.collect();
        } else {
            description.push(*word);
        }
    }
    line.date = line.date.or(visit_date);
    line.description = description.join(" ").trim_matches(|c: char| !c.is_alphanumeric() && c != ')').to_string();
    // A bare amount with nothing to say what it is for is not a charge line.
    let says_what = line.code.is_some()
        || line.revenue_code.is_some()
        || description.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    says_what.then_some(line)
}

/// "$1,234.50" or "1234.50": a charge. A statement prints a charge with its cents, which tells
/// it from units, codes and account numbers; a negative amount is a payment, not a charge.
fn charge_amount(word: &str) -> Option<Money> {
    let (dollars, cents) = word.rsplit_once('.')?;
    let with_cents = dollars.bytes().any(|b| b.is_ascii_digit()) && cents.len() == 2 && cents.bytes().all(|b| b.is_ascii_digit());
    values::amount(word).filter(|amount| with_cents && amount.cents() >= 0)
}

/// A revenue code as a statement's text prints it: in full, with its leading zero ("0250"). A
/// bare three-digit number in free text is more likely a count or part of an address.
fn is_revenue_code(word: &str) -> bool {
    word.starts_with('0') && values::revenue_code(word).as_deref() == Some(word)
}

/// A CPT/HCPCS code: five characters, digits with at most one letter ("80053", "J1100", "0001U").
fn is_procedure_code(word: &str) -> bool {
    word.len() == 5
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.bytes().filter(|b| b.is_ascii_alphabetic()).count() <= 1
        && word.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As tesseract reads a hospital's itemized statement (date, revenue code, code, units, amount).
    const OCR: &str = "Itemized Statement
Charges _ Insurance Payments Patient Payments Total Balance
90,659.30 -81,529.70 0.00 9,129.60
02/25/2023 0250 2500000004 2 $114.60
02/25/2023 0250 2500000004 2 $114.60
02/25/2023 0260 96374 1 $387.00
02/25/2023 0301 80048 1 $309.00
02/25/2023 0301 80053 1 $364.00
01/02/2005 99215-77 COMPREHENSIVE HISTORY & EXAM 1 124.15
0350 11/16 70486 1 1689.48 731.74 CO 45 877.26
Total Charges $1,289.20";

    #[test]
    fn an_ocr_statement_gives_its_charge_lines_with_codes() {
        let bill = parse_statement_text(OCR).unwrap();
        assert_eq!(bill.lines.len(), 7);
        // A code with its modifier, and a reason code that is not a number of units.
        assert_eq!((bill.lines[5].code.as_deref(), bill.lines[5].modifiers.clone()), (Some("99215"), vec!["77".to_string()]));
        assert_eq!(bill.lines[6].units, 1);
        let panel = &bill.lines[4];
        assert_eq!(
            (panel.date, panel.revenue_code.as_deref(), panel.code.as_deref(), panel.units),
            (Date::new(2025 - 2, 2, 25), Some("0301"), Some("80053"), 1)
        );
        assert_eq!(panel.charge, Money::from_dollars(364));
        // A ten-digit charge-master number is not a CPT code: it stays in the description.
        assert_eq!((bill.lines[0].code.as_deref(), bill.lines[0].description.as_str(), bill.lines[0].units), (None, "2500000004", 2));
    }

    #[test]
    fn a_statement_with_the_visit_date_once_and_words_only() {
        let text = "07/01/2020 to Visit #123 Sample Patient\n07/01/2020\nPharmacy 60.53\nTreatment or Observation Room 588.00\nInsurance Payment -598.53\nTotal Hospital Charges 638.53\nPatient Due $40.00\nFor Billing inquries: 123 - 456 - 7890 07/10/2020 2nnnnn $40.00";
        let bill = parse_statement_text(text).unwrap();
        let read: Vec<(&str, Money)> = bill.lines.iter().map(|l| (l.description.as_str(), l.charge)).collect();
        assert_eq!(read, [("Pharmacy", Money::from_cents(6_053)), ("Treatment or Observation Room", Money::from_dollars(588))]);
        assert!(bill.lines.iter().all(|l| l.date == Date::new(2020, 7, 1)));
    }

    #[test]
    fn a_charge_is_printed_with_its_cents_and_a_credit_is_not_a_charge() {
        assert_eq!(charge_amount("$1,564.00"), Some(Money::from_cents(156_400)));
        for not_a_charge in ["1,564.00-", "(12.50)", "-598.53", "1564", "2500000004", "12.5"] {
            assert_eq!(charge_amount(not_a_charge), None, "{not_a_charge}");
        }
        let text = "02/25/2023 0351 70450 1 $1,564.00\n02/25/2023 0351 70450 1 1,564.00-\n2023-02-26 0250 J1885 2 $12.00";
        let read: Vec<(Option<Date>, i64)> = parse_statement_text(text).unwrap().lines.iter().map(|l| (l.date, l.charge.cents())).collect();
        assert_eq!(read, [(Date::new(2023, 2, 25), 156_400), (Date::new(2023, 2, 26), 1_200)]);
    }

    #[test]
    fn only_a_revenue_code_written_in_full_is_one() {
        assert!(is_revenue_code("0351"));
        for word in ["351", "1234", "03510"] {
            assert!(!is_revenue_code(word), "{word}");
        }
    }

    #[test]
    fn nothing_readable_is_a_clear_error() {
        assert_eq!(parse_statement_text("  \n "), Err(StatementError::NoText));
        assert_eq!(parse_statement_text("Dear patient, thank you.\nTotal due $40.00"), Err(StatementError::NoCharges));
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    /// The payment stub of the generated sample statement, as pdf.js lines it up in the browser
    /// and pdftotext on the server: not a charge.
    #[test]
    fn a_payment_stub_beside_the_billing_phone_is_not_a_charge() {
        let text = "Pharmacy  60.53\nFor Billing inquries: 123 - 456 - 7890  07/10/2020  2nnnnn  $40.00\n";
        let bill = parse_statement_text(text).unwrap();
        assert_eq!(bill.lines.len(), 1, "{:?}", bill.lines);
    }
}
