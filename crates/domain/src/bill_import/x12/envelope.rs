//! The envelopes around the claims: the ISA header that declares the delimiters, the
//! interchange (ISA…IEA) and the transactions in it (ST…SE), each handed to the reader of its
//! kind. Control numbers are checked, so a file cut short or joined from others is told apart
//! from one that is only unusual.

use super::claim::ClaimReader;
use super::remittance::RemittanceReader;
use super::segment::{Delimiters, Segment, Segments};
use super::{X12Document, X12Error, X12Kind};
use crate::bill::Bill;
use std::borrow::Cow;

/// Some systems wrap a file at 80 columns, breaking lines inside segments. Such breaks carry
/// nothing, so they are removed; breaks only after terminators (the usual "~\n") are left for
/// the segment reader to skip, without copying the text.
pub(super) fn unwrap_lines(text: &str, terminator: char) -> Cow<'_, str> {
    // The last line has nothing after it to join, so only the lines before it tell.
    let wrapped = !matches!(terminator, '\r' | '\n') && {
        let mut lines = text.lines().map(str::trim_end).filter(|line| !line.is_empty());
        lines.next_back();
        lines.any(|line| !line.ends_with(terminator))
    };
    if wrapped { Cow::Owned(text.replace(['\r', '\n'], "")) } else { Cow::Borrowed(text) }
}

/// The ISA is 106 characters when written to the standard; some senders drop its padding, so
/// the header is walked by its 16 separators instead of fixed offsets.
pub(super) fn read_delimiters(isa: &str) -> Result<Delimiters, X12Error> {
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

#[derive(Default)]
pub(super) struct DocumentBuilder {
    kind: Option<X12Kind>,
    bills: Vec<Bill>,
    /// Segments read so far, for the numbers in error messages.
    pub(super) segments: usize,
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

    pub(super) fn finish(self) -> Result<X12Document, X12Error> {
        match self.kind {
            Some(kind) if !self.bills.is_empty() => Ok(X12Document { kind, bills: self.bills }),
            _ => Err(X12Error::NoClaims),
        }
    }
}

/// Reads one ISA…IEA interchange and returns the text after it.
pub(super) fn read_interchange<'a>(text: &'a str, document: &mut DocumentBuilder) -> Result<&'a str, X12Error> {
    let delimiters = read_delimiters(text)?;
    let mut segments = Segments::new(text, delimiters, document.segments);
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
                Ok(Self::Claims(ClaimReader::new(kind)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bill_import::x12::sample::{interchange, isa};
    use crate::bill_import::x12::tests::CLAIM_837P;
    use crate::bill_import::x12::{X12Error, parse_x12};

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
}
