//! A medical bill as Advocate reads it, whatever it came from (a CSV export, an X12 claim or
//! remittance, a PDF's text, a photo through OCR, or typed in): one shape for every reader, the
//! review rules and the advocate who negotiates it.

use crate::money::Money;
use crate::time::Date;
use serde::{Deserialize, Serialize};

/// One charge on a bill.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillLine {
    /// The date of service.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2025-03-01"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// A hospital's four-digit revenue code ("0450" emergency room), where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_code: Option<String>,
    /// The CPT/HCPCS code, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<String>,
    /// As printed on the bill.
    #[serde(default)]
    pub description: String,
    pub units: u32,
    /// The price of one unit, where the bill prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    /// The line's charge (all its units).
    pub charge: Money,
    /// What the insurer allowed, from a remittance (835).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Money>,
    /// Reductions with their reasons (835 CAS: group and reason code, e.g. "CO-45").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// What the patient is asked to pay for this line, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_owes: Option<Money>,
}

/// An amount taken off (or added to) a line, with the payer's reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Adjustment {
    /// CO contractual, PR patient responsibility, OA other, PI payer initiated.
    pub group: String,
    /// The claim adjustment reason code, e.g. "45" (charge over the fee schedule).
    pub reason: String,
    pub amount: Money,
}

/// Who pays, as far as the bill shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillPayer {
    #[default]
    Unknown,
    /// No insurance paid any of it: the patient pays it all (self-pay or uninsured).
    SelfPay,
    Insurance,
}

/// A bill, as read or typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bill {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_date: Option<Date>,
    /// A hospital stay's first and last days, where given.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discharge: Option<Date>,
    pub lines: Vec<BillLine>,
    /// The total the bill states, to check the lines against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_total: Option<Money>,
    /// What the patient is asked to pay in all, where stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_due: Option<Money>,
    #[serde(default)]
    pub payer: BillPayer,
}

impl Bill {
    /// The sum of the line charges.
    pub fn lines_total(&self) -> Money {
        Money::from_cents(self.lines.iter().map(|line| line.charge.cents()).sum())
    }

    /// Takes out the payments and credits a statement lists among its lines (negative amounts):
    /// they are not charges to check. How many there were.
    pub fn take_out_credits(&mut self) -> usize {
        let before = self.lines.len();
        self.lines.retain(|line| line.charge.cents() >= 0);
        before - self.lines.len()
    }

    /// Whether the bill lists its charges one by one (more than one line, or a line with a
    /// billing or revenue code), rather than one amount for the whole visit.
    pub fn is_itemized(&self) -> bool {
        self.lines.len() > 1 || self.lines.iter().any(|l| l.code.is_some() || l.revenue_code.is_some())
    }

    /// What the bill asks the patient to pay: the amount due, else the lines' total.
    pub fn amount_asked(&self) -> Money {
        self.amount_due.unwrap_or_else(|| self.lines_total())
    }
}

impl BillLine {
    /// Whether the line carries a modifier (in any case: "xu" is XU).
    pub fn has_modifier(&self, modifier: &str) -> bool {
        self.modifiers.iter().any(|m| m.eq_ignore_ascii_case(modifier))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_and_credits_are_taken_out_of_the_charges() {
        let line = |cents| BillLine { units: 1, charge: Money::from_cents(cents), ..Default::default() };
        let mut bill = Bill { lines: vec![line(6_053), line(-59_853), line(58_800)], ..Default::default() };
        assert_eq!(bill.take_out_credits(), 1);
        assert_eq!(bill.lines_total(), Money::from_cents(64_853));
    }

    #[test]
    fn a_bill_with_one_uncoded_amount_is_a_summary_and_anything_more_is_itemized() {
        let summary = BillLine { description: "Hospital services".into(), units: 1, charge: Money::from_dollars(900), ..Default::default() };
        let mut bill = Bill { lines: vec![summary.clone()], ..Default::default() };
        assert!(!bill.is_itemized());
        bill.lines[0].code = Some("99285".into());
        assert!(bill.is_itemized());
        let two = Bill { lines: vec![summary.clone(), summary], ..Default::default() };
        assert!(two.is_itemized());
    }
}
