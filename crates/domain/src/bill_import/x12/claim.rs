//! 837 claims, professional (837P) and institutional (837I): who billed, each claim's total
//! and dates, and its service lines (SV1 or SV2).

use super::X12Error;
use super::X12Kind;
use super::segment::{Segment, date_range, person_or_organisation};
use crate::bill::{Bill, BillLine, BillPayer};
use crate::bill_import::values;

/// Reads an 837: billing provider (NM1*85), claims (CLM), service lines (LX + SV1 or SV2).
#[derive(Default)]
pub(super) struct ClaimReader {
    kind: Option<X12Kind>,
    saw_institutional_line: bool,
    provider: Option<String>,
    claim: Option<(String, Bill)>,
    /// Whether a DTP*472 belongs to the last line (after its SV1/SV2, before the next LX).
    line_open: bool,
    bills: Vec<Bill>,
}

impl ClaimReader {
    /// `kind` as the transaction's guide names it; without one, the lines tell.
    pub(super) fn new(kind: Option<X12Kind>) -> Self {
        Self { kind, ..Self::default() }
    }

    pub(super) fn segment(&mut self, segment: &Segment) -> Result<(), X12Error> {
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

    pub(super) fn finish(mut self) -> Result<(X12Kind, Vec<Bill>), X12Error> {
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

#[cfg(test)]
mod tests {
    use crate::bill::BillPayer;
    use crate::bill_import::x12::sample::interchange;
    use crate::bill_import::x12::tests::CLAIM_837P;
    use crate::bill_import::x12::{X12Error, X12Kind, parse_x12};
    use crate::money::Money;
    use crate::time::Date;

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
    }

    #[test]
    fn a_claim_without_lines_is_incomplete() {
        let body = CLAIM_837P.replace("LX*1~", "HL*3*1*22*0~CLM*ABC2*10.00***11:B:1~LX*1~");
        let text = interchange('*', ':', "~", &body);
        assert_eq!(parse_x12(&text), Err(X12Error::ClaimWithoutLines { claim: "ABC1".into() }));
    }

    #[test]
    fn a_bad_amount_names_its_segment() {
        let text = interchange('*', ':', "~", &CLAIM_837P.replace("150.00", "1S0.00"));
        assert_eq!(parse_x12(&text), Err(X12Error::BadNumber { segment: "SV1".into(), number: 10, value: "1S0.00".into() }));
    }
}
