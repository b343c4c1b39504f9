//! Letters a member sends the billing office, written from the bill and its review: a request
//! for the itemized bill, a billing-error dispute, and a Good Faith Estimate dispute. Plain
//! text (to copy into an email or a portal message) that also prints as a page. What only the
//! member knows stays in [brackets] to fill in.

use crate::bill::Bill;
use crate::bill_review::{FindingKind, Review, Situation, describe_lines};
use crate::money::Money;
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
    /// What the member should know before sending it, shown beside the letter (not part of it).
    pub notice: String,
}

/// Shown beside every letter. Program description, Administrative Support Services: "This
/// service does not include legal advice or representation, which only an attorney can
/// provide."
pub const NOT_LEGAL_ADVICE: &str = "This letter is a template to help you write to the billing office. It is not legal advice; for legal advice, talk to an attorney.";

/// The letters that fit this bill and its review: the itemized-bill request when the bill is
/// not itemized, a dispute when there are findings to dispute, a Good Faith Estimate dispute
/// when that finding is there.
pub fn letters(bill: &Bill, review: &Review, situation: &Situation) -> Vec<Letter> {
    let mut letters = Vec::new();
    if !bill.is_itemized() {
        letters.push(itemized_bill_request(bill));
    }
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
        (Some(first), Some(last)) if first == last => first.written(),
        (Some(first), Some(last)) => format!("{} to {}", first.written(), last.written()),
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
    Letter { kind: LetterKind::ItemizedBillRequest, title: "Ask for the itemized bill".into(), text, notice: NOT_LEGAL_ADVICE.into() }
}

/// The findings to dispute, one point per group of findings about the same lines, each with
/// the same amount the review shows; the total is the review's, without the Good Faith Estimate
/// gap (that dispute has its own letter).
pub fn billing_error_dispute(bill: &Bill, review: &Review) -> Letter {
    let mut points = String::new();
    let mut listed = 0_i64;
    let disputed = review.groups.iter().filter(|g| g.findings.iter().any(|&f| review.findings[f].kind != FindingKind::OverGoodFaithEstimate));
    for (n, group) in disputed.enumerate() {
        let findings: Vec<_> = group.findings.iter().map(|&f| &review.findings[f]).filter(|f| f.kind != FindingKind::OverGoodFaithEstimate).collect();
        let titles: Vec<&str> = findings.iter().map(|f| f.kind.title()).collect();
        let lines = if group.lines.is_empty() { String::new() } else { format!(" ({})", describe_lines(&group.lines)) };
        let amount = if group.at_stake.cents() > 0 { format!("\n   Amount in question: {}.", group.at_stake) } else { String::new() };
        listed += group.at_stake.cents();
        points.push_str(&format!("{}. {}{lines}:", n + 1, titles.join("; ")));
        for finding in &findings {
            points.push_str(&format!("\n   {} {}", finding.explanation, finding.ask));
        }
        points.push_str(&format!("{amount}\n\n"));
    }
    let listed = listed.min(bill.lines_total().cents().max(review.amount.cents()));
    let text = format!(
        "{}To whom it may concern,\n\nI am disputing the following charges on the account above. Please review each one, correct the bill, and send me the corrected itemized bill.\n\n{points}In all, up to {} is in question. Please put the account on hold, and do not send it to collections, while you review it.\n\n{CLOSING}",
        opening(bill),
        Money::from_cents(listed)
    );
    Letter { kind: LetterKind::BillingErrorDispute, title: "Dispute the charges found".into(), text, notice: NOT_LEGAL_ADVICE.into() }
}

pub fn good_faith_estimate_dispute(bill: &Bill, estimate: Money) -> Letter {
    let billed = bill.stated_total.unwrap_or_else(|| bill.lines_total());
    let over = Money::from_cents(billed.cents() - estimate.cents());
    let text = format!(
        "{}To whom it may concern,\n\nBefore my care I received a Good Faith Estimate of {estimate}. The bill's charges are {billed}, which is {over} more. Under the No Surprises Act (45 CFR 149.620), a self-pay patient billed $400 or more above a Good Faith Estimate may dispute the bill.\n\nPlease revise the bill to the amount of the Good Faith Estimate. If we cannot agree, I will start the federal patient-provider dispute resolution process within 120 days of receiving this bill, and I ask that the account not be sent to collections while the dispute is open.\n\n{CLOSING}",
        opening(bill)
    );
    Letter {
        kind: LetterKind::GoodFaithEstimateDispute,
        title: "Dispute a bill over its Good Faith Estimate".into(),
        text,
        notice: NOT_LEGAL_ADVICE.into(),
    }
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
    fn a_summary_bill_gets_the_itemized_request_and_an_itemized_one_does_not() {
        let summary = Bill {
            lines: vec![BillLine { date: Date::new(2025, 3, 1), units: 1, charge: Money::from_dollars(900), ..Default::default() }],
            ..bill()
        };
        let found = letters(&summary, &review(&summary, &Situation::default(), &BillOnly), &Situation::default());
        assert_eq!(found.iter().map(|l| l.kind).collect::<Vec<_>>(), [LetterKind::ItemizedBillRequest]);
        assert!(found[0].text.contains("Billing office, General Hospital"));
        assert!(found[0].text.contains("date(s) of service March 1, 2025"), "{}", found[0].text);
        let clean = Bill { lines: bill().lines[..1].to_vec(), ..bill() };
        assert!(letters(&clean, &review(&clean, &Situation::default(), &BillOnly), &Situation::default()).is_empty());
    }

    #[test]
    fn every_letter_says_it_is_not_legal_advice() {
        let b = bill();
        let situation = Situation {
            good_faith_estimate: Some(Money::from_dollars(1_200)),
            coverage: Some(crate::routing::BillCoverage::NotCovered),
            ..Default::default()
        };
        for letter in letters(&b, &review(&b, &situation, &BillOnly), &situation) {
            assert!(letter.notice.contains("not legal advice"), "{:?}", letter.kind);
        }
    }

    #[test]
    fn the_dispute_carries_the_reviews_figures_once_per_charge() {
        let mut b = bill();
        // The repeated blood count is also billed at a unit price that does not multiply out.
        b.lines[1].unit_price = Some(Money::from_dollars(60));
        let situation = Situation { coverage: Some(crate::routing::BillCoverage::NotCovered), ..Default::default() };
        let r = review(&b, &situation, &BillOnly);
        let dispute = &letters(&b, &r, &situation)[0];
        assert!(dispute.text.contains("1. The same service more than once on one day; A line that does not add up (lines 1 and 2):"), "{}", dispute.text);
        assert!(dispute.text.contains(&format!("In all, up to {} is in question.", r.at_stake)), "{}", dispute.text);
        assert_eq!(r.at_stake, Money::from_dollars(65));
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
        assert_eq!(kinds, [LetterKind::BillingErrorDispute, LetterKind::GoodFaithEstimateDispute]);
        let dispute = &found[0].text;
        assert!(dispute.contains("1. Charged twice (lines 1 and 2):"), "{dispute}");
        assert!(dispute.contains("Amount in question: $65.00."), "{dispute}");
        let gfe = &found[1].text;
        assert!(dispute.contains("In all, up to $65.00 is in question."), "the estimate gap is not in this letter: {dispute}");
        assert!(gfe.contains("Good Faith Estimate of $1,200.00. The bill's charges are $2,130.00, which is $930.00 more."), "{gfe}");
        assert!(gfe.contains("within 120 days"));
    }
}
