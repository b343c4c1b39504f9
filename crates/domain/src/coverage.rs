//! What the plan did with a bill, read from a remittance or an explanation of benefits (an 835)
//! instead of asking the member.
//!
//! Medical Bill Saver negotiates "non-covered medical bills over $400", and "issues related to
//! the covered portion of medical bills" of carrier-plan members go to the carrier (program
//! description). A remittance says which is which in its claim adjustments: group PR with
//! reason 1, 2 or 3 is the member's deductible, coinsurance or copay on a covered service;
//! reasons such as 96 (non-covered charges) or 204 (not covered under the current benefit plan)
//! mark amounts the plan did not cover. Reason codes: X12 Claim Adjustment Reason Codes.

use crate::bill::Bill;
use crate::money::Money;
use crate::routing::BillCoverage;

/// The member's share of a covered service: deductible (1), coinsurance (2), copay (3).
const COST_SHARING: &[&str] = &["1", "2", "3"];

/// Amounts the plan did not cover: non-covered charges (96), not covered by the current plan
/// (204), benefit maximum reached (119), lifetime maximum reached (35, 149), before or after
/// coverage (26, 27), a routine or preventive service the plan excludes (49), not deemed
/// medically necessary (50), not covered by this payer (109), out-of-network services the
/// plan excludes (242).
const NOT_COVERED: &[&str] = &["96", "204", "119", "35", "149", "26", "27", "49", "50", "109", "242"];

/// What a remittance shows about a bill's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoverageFromRemittance {
    pub coverage: BillCoverage,
    /// The amounts the plan did not cover, in all.
    pub not_covered: Money,
}

/// Reads the bill's claim adjustments; `None` when they say nothing about coverage (a bill
/// that is not a remittance, or one with only contractual write-offs).
pub fn coverage_from_remittance(bill: &Bill) -> Option<CoverageFromRemittance> {
    let mut not_covered = 0_i64;
    let mut cost_sharing = 0_i64;
    for adjustment in bill.lines.iter().flat_map(|line| &line.adjustments) {
        let reason = adjustment.reason.trim();
        if NOT_COVERED.contains(&reason) {
            not_covered += adjustment.amount.cents();
        } else if adjustment.group.trim().eq_ignore_ascii_case("PR") && COST_SHARING.contains(&reason) {
            cost_sharing += adjustment.amount.cents();
        }
    }
    let covered_lines = bill.lines.iter().any(|line| {
        line.adjustments.iter().all(|a| !NOT_COVERED.contains(&a.reason.trim())) && line.allowed.is_some_and(|allowed| allowed.cents() > 0)
    });
    let coverage = match (not_covered > 0, cost_sharing > 0 || covered_lines) {
        (false, false) => return None,
        (false, true) => BillCoverage::Covered,
        (true, false) => BillCoverage::NotCovered,
        (true, true) => BillCoverage::PartlyCovered,
    };
    Some(CoverageFromRemittance { coverage, not_covered: Money::from_cents(not_covered) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bill::{Adjustment, BillLine};

    fn line(charge: i64, allowed: Option<i64>, adjustments: &[(&str, &str, i64)]) -> BillLine {
        BillLine {
            units: 1,
            charge: Money::from_dollars(charge),
            allowed: allowed.map(Money::from_dollars),
            adjustments: adjustments
                .iter()
                .map(|(group, reason, amount)| Adjustment {
                    group: group.to_string(),
                    reason: reason.to_string(),
                    amount: Money::from_dollars(*amount),
                })
                .collect(),
            ..Default::default()
        }
    }

    fn read(lines: Vec<BillLine>) -> Option<CoverageFromRemittance> {
        coverage_from_remittance(&Bill { lines, ..Default::default() })
    }

    #[test]
    fn a_bill_applied_to_the_deductible_is_covered() {
        let found = read(vec![line(1_200, Some(1_200), &[("PR", "1", 1_200)])]).unwrap();
        assert_eq!((found.coverage, found.not_covered), (BillCoverage::Covered, Money::from_cents(0)));
    }

    #[test]
    fn a_service_the_plan_excludes_is_not_covered() {
        let found = read(vec![line(1_200, Some(0), &[("PR", "204", 1_200)])]).unwrap();
        assert_eq!((found.coverage, found.not_covered), (BillCoverage::NotCovered, Money::from_dollars(1_200)));
        let over_limit = read(vec![line(900, None, &[("PR", "119", 900)])]).unwrap();
        assert_eq!(over_limit.coverage, BillCoverage::NotCovered);
    }

    #[test]
    fn a_bill_with_both_is_partly_covered_and_names_the_non_covered_part() {
        let found = read(vec![line(300, Some(250), &[("CO", "45", 50), ("PR", "3", 40)]), line(700, None, &[("CO", "96", 700)])]).unwrap();
        assert_eq!((found.coverage, found.not_covered), (BillCoverage::PartlyCovered, Money::from_dollars(700)));
    }

    #[test]
    fn contractual_write_offs_alone_say_nothing_about_coverage() {
        assert_eq!(read(vec![line(300, None, &[("CO", "45", 50)])]), None);
        assert_eq!(read(vec![line(300, None, &[])]), None);
    }
}
