//! Letters a member sends the billing office, written from the bill and its review: a request
//! for the itemized bill, a billing-error dispute, and a Good Faith Estimate dispute. Plain
//! text (to copy into an email or a portal message) that also prints as a page. What only the
//! member knows stays in [brackets] to fill in.

use crate::bill::Bill;
use crate::bill_review::{FindingKind, Review, Situation, describe_lines};
use serde::{Deserialize, Serialize};

/// Which letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    ItemizedBillRequest,
    BillingErrorDispute,
    GoodFaithEstimateDispute,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Letter {
    pub kind: LetterKind,
    /// What the letter is for, as a heading.
    pub title: String,
    /// The letter, ready to copy or print.
    pub text: String,
}

/// The letters that fit this bill and its review: always the itemized-bill request, a dispute
/// when there are findings to dispute, a Good Faith Estimate dispute when that finding is there.
pub fn letters(bill: &Bill, review: &Review, situation: &Situation) -> Vec<Letter> {
    let mut letters = vec![itemized_bill_request(bill)];
    if review.findings.iter().any(|f| f.kind != FindingKind::OverGoodFaithEstimate) {
        letters.push(billing_error_dispute(bill, review));
    }
    if let Some(estimate) = situation.good_faith_estimate
        && review.findings.iter().any(|f| f.kind == FindingKind::OverGoodFaithEstimate)
    {
        letters.push(good_faith_estimate_dispute(bill, estimate));
    }
    letters
}

fn provider(bill: &Bill) -> String {
    bill.provider.clone().unwrap_or_else(|| "[Provider or hospital name]".to_string())
}

fn service_dates(bill: &Bill) -> String {
    let mut dates: Vec<_> = bill.lines.iter().filter_map(|l| l.date).collect();
    dates.sort();
    match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first == last => first.to_string(),
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "[date of service]".to_string(),
    }
}

fn opening(bill: &Bill) -> String {
    format!(
        "[Your name]\n[Your address]\n[Today's date]\n\nBilling office, {}\n\nRe: Account number [account number], patient [patient's name], date(s) of service {}\n\n",
        provider(bill),
        service_dates(bill)
    )
}

const CLOSING: &str = "Please send your reply in writing to the address above.\n\nSincerely,\n[Your name]\n[Phone number]\n";

pub fn itemized_bill_request(bill: &Bill) -> Letter {
    let text = format!(
        "{}To whom it may concern,\n\nPlease send me a fully itemized bill for the account above, listing for each charge the date of service, the CPT/HCPCS or revenue code, a description, the number of units and the amount charged, together with any payments and adjustments applied.\n\nPlease put the account on hold, and do not send it to collections, until I have received the itemized bill and any questions about it are resolved.\n\n{CLOSING}",
        opening(bill)
    );
    Letter { kind: LetterKind::ItemizedBillRequest, title: "Ask for the itemized bill".into(), text }
}

pub fn billing_error_dispute(bill: &Bill, review: &Review) -> Letter {
    let mut points = String::new();
    let disputed: Vec<_> = review.findings.iter().filter(|f| f.kind != FindingKind::OverGoodFaithEstimate).collect();
    // What this letter lists, no more (the estimate dispute has its own letter), never more than the bill.
    let listed = disputed.iter().map(|f| f.at_stake.cents()).sum::<i64>().min(bill.lines_total().cents().max(review.amount.cents()));
    for (n, finding) in disputed.iter().enumerate() {
        let lines = if finding.lines.is_empty() { String::new() } else { format!(" ({})", describe_lines(&finding.lines)) };
        let amount = if finding.at_stake.cents() > 0 { format!(" Amount in question: {}.", finding.at_stake) } else { String::new() };
        points.push_str(&format!("{}. {}{lines}: {}{amount}\n   {}\n\n", n + 1, finding.kind.title(), finding.explanation, finding.ask));
    }
    let text = format!(
        "{}To whom it may concern,\n\nI am disputing the following charges on the account above. Please review each one, correct the bill, and send me the corrected itemized bill.\n\n{points}In all, up to {} is in question. Please put the account on hold, and do not send it to collections, while you review it.\n\n{CLOSING}",
        opening(bill),
        crate::money::Money::from_cents(listed)
    );
    Letter { kind: LetterKind::BillingErrorDispute, title: "Dispute the charges found".into(), text }
}

pub fn good_faith_estimate_dispute(bill: &Bill, estimate: crate::money::Money) -> Letter {
    let billed = bill.stated_total.unwrap_or_else(|| bill.lines_total());
    let over = crate::money::Money::from_cents(billed.cents() - estimate.cents());
    let text = format!(
        "{}To whom it may concern,\n\nBefore my care I received a Good Faith Estimate of {estimate}. The bill's charges are {billed}, which is {over} more. Under the No Surprises Act (45 CFR 149.620), a self-pay patient billed $400 or more above a Good Faith Estimate may dispute the bill.\n\nPlease revise the bill to the amount of the Good Faith Estimate. If we cannot agree, I will start the federal patient-provider dispute resolution process within 120 days of receiving this bill, and I ask that the account not be sent to collections while the dispute is open.\n\n{CLOSING}",
        opening(bill)
    );
    Letter { kind: LetterKind::GoodFaithEstimateDispute, title: "Dispute a bill over its Good Faith Estimate".into(), text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bill::{BillLine, BillPayer};
    use crate::bill_review::{BillOnly, review};
    use crate::money::Money;
    use crate::time::Date;

    fn bill() -> Bill {
        let line = |code: &str, dollars: i64| BillLine {
            date: Date::new(2025, 3, 1),
            code: Some(code.into()),
            description: "Blood count".into(),
            units: 1,
            charge: Money::from_dollars(dollars),
            ..Default::default()
        };
        Bill {
            provider: Some("General Hospital".into()),
            lines: vec![line("85025", 65), line("85025", 65), line("99285", 2_000)],
            payer: BillPayer::SelfPay,
            ..Default::default()
        }
    }

    #[test]
    fn a_clean_bill_gets_only_the_itemized_request() {
        let clean = Bill { lines: bill().lines[..1].to_vec(), ..bill() };
        let found = letters(&clean, &review(&clean, &Situation::default(), &BillOnly), &Situation::default());
        assert_eq!(found.iter().map(|l| l.kind).collect::<Vec<_>>(), [LetterKind::ItemizedBillRequest]);
        assert!(found[0].text.contains("Billing office, General Hospital"));
        assert!(found[0].text.contains("date(s) of service 2025-03-01"));
    }

    #[test]
    fn the_dispute_lists_each_finding_with_its_lines_and_amount() {
        let b = bill();
        let situation = Situation {
            good_faith_estimate: Some(Money::from_dollars(1_200)),
            coverage: Some(crate::routing::BillCoverage::NotCovered),
            ..Default::default()
        };
        let r = review(&b, &situation, &BillOnly);
        let found = letters(&b, &r, &situation);
        let kinds: Vec<LetterKind> = found.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LetterKind::ItemizedBillRequest, LetterKind::BillingErrorDispute, LetterKind::GoodFaithEstimateDispute]);
        let dispute = &found[1].text;
        assert!(dispute.contains("1. Charged twice (lines 1 and 2)"), "{dispute}");
        assert!(dispute.contains("Amount in question: $65.00."), "{dispute}");
        let gfe = &found[2].text;
        assert!(dispute.contains("In all, up to $65.00 is in question."), "the estimate gap is not in this letter: {dispute}");
        assert!(gfe.contains("Good Faith Estimate of $1,200.00. The bill's charges are $2,130.00, which is $930.00 more."), "{gfe}");
        assert!(gfe.contains("within 120 days"));
    }
}
