//! A segment and its elements: amounts, units, dates, names and the procedure composite that
//! carries a line's codes, read as the interchange's delimiters split them.

use super::X12Error;
use crate::bill::BillLine;
use crate::bill_import::values;
use crate::money::Money;
use crate::time::Date;

/// The delimiters an interchange declares in its ISA header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Delimiters {
    pub(super) element: char,
    /// ISA16: splits a composite element such as "HC:99213:25".
    pub(super) component: char,
    /// ISA11 in 5010 (4010 put a "U" there, meaning none).
    pub(super) repetition: Option<char>,
    pub(super) segment: char,
}

/// One segment, split into elements: `elements[0]` is its name ("CLM").
pub(super) struct Segment<'a> {
    elements: Vec<&'a str>,
    delimiters: Delimiters,
    /// Its position in the file, counting from 1 at the first ISA, for error messages.
    number: usize,
    /// False for a last segment with no terminator after it: possibly cut off.
    pub(super) terminated: bool,
}

impl<'a> Segment<'a> {
    pub(super) fn id(&self) -> &'a str {
        self.get(0)
    }

    /// An element, trimmed, or "" where the segment is shorter. Of a repeated element, the
    /// first occurrence: none of the elements read here may repeat.
    pub(super) fn get(&self, index: usize) -> &'a str {
        let value = self.elements.get(index).copied().unwrap_or("");
        let first = match self.delimiters.repetition {
            Some(repetition) => value.split(repetition).next().unwrap_or(value),
            None => value,
        };
        first.trim()
    }

    /// A line's codes from a procedure composite.
    pub(super) fn procedure(&self, index: usize) -> BillLine {
        procedure_line(&components(self.get(index), self.delimiters.component))
    }

    fn bad_number(&self, value: &str) -> X12Error {
        X12Error::BadNumber { segment: self.id().to_string(), number: self.number, value: value.to_string() }
    }

    pub(super) fn out_of_place(&self) -> X12Error {
        X12Error::OutOfPlace { segment: self.id().to_string(), number: self.number }
    }

    /// An optional amount ("-9.00" included: a reversal or a negative adjustment).
    pub(super) fn amount(&self, index: usize) -> Result<Option<Money>, X12Error> {
        let value = self.get(index);
        if value.is_empty() {
            return Ok(None);
        }
        x12_amount(value).map(Some).ok_or_else(|| self.bad_number(value))
    }

    pub(super) fn required_amount(&self, index: usize) -> Result<Money, X12Error> {
        self.amount(index)?.ok_or_else(|| self.bad_number(""))
    }

    /// A quantity of units: 1 where it is left out.
    pub(super) fn units(&self, index: usize) -> Result<u32, X12Error> {
        let value = self.get(index);
        if value.is_empty() {
            return Ok(1);
        }
        values::units(value).ok_or_else(|| self.bad_number(value))
    }
}

/// Splits text into segments at the declared terminator, skipping the line breaks many senders
/// add between segments.
pub(super) struct Segments<'a> {
    /// The text after the segments read so far.
    pub(super) rest: &'a str,
    delimiters: Delimiters,
    /// Segments read so far in the file, this interchange's and those before it.
    pub(super) count: usize,
}

impl<'a> Segments<'a> {
    pub(super) fn new(text: &'a str, delimiters: Delimiters, count: usize) -> Self {
        Self { rest: text, delimiters, count }
    }
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

pub(super) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// NM1: an organisation's name, or a person's first and last names ("BEN KILDARE").
pub(super) fn person_or_organisation(nm1: &Segment, last_name_at: usize) -> Option<String> {
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
pub(super) fn date_range(format: &str, value: &str) -> (Option<Date>, Option<Date>) {
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

    #[test]
    fn a_composite_is_split_at_the_separator_actually_used() {
        // Written with ">" though the header declares ":", as some senders do.
        assert_eq!(components("HC>00142>QK>QS>P1", ':'), ["HC", "00142", "QK", "QS", "P1"]);
        assert_eq!(components("HC:J3490:::::Sod Chl 0.9%", ':')[6], "Sod Chl 0.9%");
        assert_eq!(components("99213", ':'), ["99213"]);
    }
}
