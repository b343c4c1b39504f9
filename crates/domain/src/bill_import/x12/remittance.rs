//! 835 remittances: who was paid, each claim paid (CLP) and its services (SVC), with the
//! adjustments and their reasons (CAS), the allowed amount and what is left to the patient.

use super::X12Error;
use super::segment::{Segment, date_range, non_empty};
use crate::bill::{Adjustment, Bill, BillLine, BillPayer};
use crate::bill_import::values;
use crate::money::Money;
use crate::time::Date;

/// Reads an 835: payee (N1*PE), claims paid (CLP) and their services (SVC) with adjustments.
#[derive(Default)]
pub(super) struct RemittanceReader {
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
    pub(super) fn segment(&mut self, segment: &Segment) -> Result<(), X12Error> {
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

    pub(super) fn finish(mut self) -> Vec<Bill> {
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

#[cfg(test)]
mod tests {
    use crate::bill_import::x12::sample::interchange;
    use crate::bill_import::x12::tests::REMITTANCE_835;
    use crate::bill_import::x12::{X12Kind, parse_x12};
    use crate::money::Money;
    use crate::time::Date;

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
}
