//! The bill review: duplicate and erroneous charges, negotiation leads and No Surprises Act
//! questions, each a finding with the lines involved, the money at stake, a plain explanation
//! and what to ask the billing office; then whether Medical Bill Saver can negotiate the bill.
//! Pure and the same in the browser (a member sees the findings before anything is sent) and on
//! the server. Each rule is its own function, tested alone.

use crate::bill::{Bill, BillLine, BillPayer};
use crate::money::Money;
use crate::routing::{BillCoverage, BillSaverEligibility, bill_saver_eligibility};
use crate::time::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    ExactDuplicate,
    RepeatedCode,
    UnitsOverDailyMaximum,
    LineArithmetic,
    TotalMismatch,
    AmountDueOverCharges,
    DateOutsideStay,
    RoomChargeOnDischargeDay,
    WholeAndParts,
    UnbundledPair,
    FarAboveBenchmark,
    SurpriseEmergencyBill,
    SurpriseOutOfNetworkClinician,
    OverGoodFaithEstimate,
}

impl FindingKind {
    /// A short title for the finding, in plain words.
    pub fn title(self) -> &'static str {
        match self {
            FindingKind::ExactDuplicate => "Charged twice",
            FindingKind::RepeatedCode => "The same service more than once on one day",
            FindingKind::UnitsOverDailyMaximum => "More units than one patient usually gets in a day",
            FindingKind::LineArithmetic => "A line that does not add up",
            FindingKind::TotalMismatch => "The total does not match the lines",
            FindingKind::AmountDueOverCharges => "You are asked for more than the charges",
            FindingKind::DateOutsideStay => "A charge outside the hospital stay",
            FindingKind::RoomChargeOnDischargeDay => "A room charge for the day you went home",
            FindingKind::WholeAndParts => "A test billed whole and in parts",
            FindingKind::UnbundledPair => "A service that is normally part of another",
            FindingKind::FarAboveBenchmark => "Far above the usual price",
            FindingKind::SurpriseEmergencyBill => "Emergency care billed out of network",
            FindingKind::SurpriseOutOfNetworkClinician => "An out-of-network clinician at an in-network facility",
            FindingKind::OverGoodFaithEstimate => "$400 or more over your Good Faith Estimate",
        }
    }
}

/// One problem found, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub kind: FindingKind,
    /// The bill's lines involved, counted from 0.
    pub lines: Vec<usize>,
    /// What the patient may be overcharged by, if the billing office agrees.
    pub at_stake: Money,
    pub explanation: String,
    /// What to ask the billing office.
    pub ask: String,
}

/// What the member tells us about the care, which the bill itself does not show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Situation {
    /// What the plan did with the bill (decides Medical Bill Saver); read from a remittance's
    /// adjustments, or from the bill's payer, when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<BillCoverage>,
    /// Of a partly covered bill, the part the plan did not cover, where the member knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covered: Option<Money>,
    /// Emergency care at a hospital or clinician outside the plan's network.
    #[serde(default)]
    pub emergency_out_of_network: bool,
    /// A clinician outside the network (an anesthesiologist, a radiologist…) at an in-network
    /// hospital or surgery center, without the patient's written consent.
    #[serde(default)]
    pub out_of_network_clinician_at_in_network_facility: bool,
    /// The Good Faith Estimate a self-pay patient was given before the care.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_faith_estimate: Option<Money>,
}

/// A price to compare a line with: Medicare's amount for it where the bill is, and the top of
/// the usual in-network range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Benchmark {
    pub medicare: Money,
    pub in_network_high: Money,
}

/// What the review looks up: the daily unit limits (Medicare's medically unlikely edits) and
/// the price benchmarks. Either may be empty.
pub trait ReviewData {
    fn max_units_per_day(&self, code: &str) -> Option<u32>;
    fn benchmark(&self, line: &BillLine) -> Option<Benchmark>;
}

/// No limits and no benchmarks: the rules that need only the bill.
pub struct BillOnly;

impl ReviewData for BillOnly {
    fn max_units_per_day(&self, _code: &str) -> Option<u32> {
        None
    }
    fn benchmark(&self, _line: &BillLine) -> Option<Benchmark> {
        None
    }
}

/// `POST /api/bills/review`: a bill, what the member told us about the care, and where it was
/// (for the price benchmarks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillReviewRequest {
    pub bill: Bill,
    #[serde(default)]
    pub situation: Situation,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "10001"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<crate::zip::Zip>,
}

/// The most lines a bill may have: a long hospital stay has a few thousand.
pub const MAX_LINES: usize = 5_000;

impl BillReviewRequest {
    /// What must be fixed before the bill can be reviewed, as (field, message). Amounts and
    /// units are bounded, so no sum over a long bill can overflow.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let too_large = |m: Money| m.cents() < 0 || m.cents() > MAX_AMOUNT.cents();
        if self.bill.lines.is_empty() {
            problems.push(("bill.lines".to_string(), "Add at least one charge from the bill.".to_string()));
        }
        if self.bill.lines.len() > MAX_LINES {
            problems.push(("bill.lines".to_string(), format!("A bill can have at most {MAX_LINES} lines; split it into parts.")));
        }
        if let Some(message) = coverage_problem(&self.bill, &self.situation) {
            problems.push(("situation.coverage".to_string(), message));
        }
        for (i, line) in self.bill.lines.iter().enumerate().take(MAX_LINES) {
            let n = i + 1;
            if too_large(line.charge) || line.unit_price.is_some_and(too_large) {
                problems.push((
                    format!("bill.lines[{i}].charge"),
                    format!("Line {n}: enter a charge from $0 to {MAX_AMOUNT}, without a minus sign."),
                ));
            }
            if line.units == 0 || line.units > MAX_UNITS {
                problems.push((
                    format!("bill.lines[{i}].units"),
                    format!("Line {n}: enter the units as a whole number from 1 to {MAX_UNITS}."),
                ));
            }
            if line.code.as_deref().is_some_and(|code| crate::estimate::parse_code(code).is_err()) {
                problems.push((
                    format!("bill.lines[{i}].code"),
                    format!(
                        "Line {n}: a billing code has five digits, or a letter and four digits (or four digits and a letter), like 99213, J3490 or 0042T; put modifiers such as 25 in their own field."
                    ),
                ));
            }
            problems.extend(line_value_problems(i, line));
        }
        problems.extend(bill_value_problems(&self.bill));
        for (field, amount) in [
            ("bill.stated_total", self.bill.stated_total),
            ("bill.amount_due", self.bill.amount_due),
            ("situation.good_faith_estimate", self.situation.good_faith_estimate),
        ] {
            if amount.is_some_and(too_large) {
                problems.push((field.to_string(), format!("Enter an amount from $0 to {MAX_AMOUNT}.")));
            }
        }
        problems
    }
}

/// The largest amount and the most units a line may carry.
pub const MAX_AMOUNT: Money = Money::from_dollars(100_000_000);
pub const MAX_UNITS: u32 = 100_000;
/// The longest provider name and line description kept, in characters.
pub const PROVIDER_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 1_000;
/// The most adjustments a line carries (an 835 has at most six reasons in each of its groups).
pub const MAX_ADJUSTMENTS: usize = 30;

/// Problems with a line's text, codes and other amounts, beyond its charge, units and billing
/// code: the description clean and bounded, the revenue code and modifiers of their real shapes,
/// the insurer's amounts within a bill's range. (field, message).
fn line_value_problems(i: usize, line: &BillLine) -> Vec<(String, String)> {
    use crate::text::{Lines, MAX_MODIFIERS, check, is_adjustment_code, is_modifier, is_revenue_code};
    let n = i + 1;
    let mut problems = Vec::new();
    let mut add = |field: &str, message: String| problems.push((format!("bill.lines[{i}].{field}"), message));
    if let Err(e) = check(&line.description, Lines::One, DESCRIPTION_MAX) {
        add("description", format!("Line {n}: {}", e.advice("the description")));
    }
    if line.revenue_code.as_deref().is_some_and(|code| !is_revenue_code(code)) {
        add("revenue_code", format!("Line {n}: a revenue code has four digits, like 0450."));
    }
    if line.modifiers.len() > MAX_MODIFIERS || !line.modifiers.iter().all(|m| is_modifier(m)) {
        add("modifiers", format!("Line {n}: give at most {MAX_MODIFIERS} modifiers, each of two letters or digits, like 25 or RT."));
    }
    let in_range = |m: Money| (0..=MAX_AMOUNT.cents()).contains(&m.cents());
    for (field, amount) in [("allowed", line.allowed), ("patient_owes", line.patient_owes)] {
        if amount.is_some_and(|m| !in_range(m)) {
            add(field, format!("Line {n}: enter an amount from $0 to {MAX_AMOUNT}."));
        }
    }
    let adjustment_ok = |a: &crate::bill::Adjustment| {
        is_adjustment_code(&a.group, &a.reason) && a.amount.cents().unsigned_abs() <= MAX_AMOUNT.cents().unsigned_abs()
    };
    if line.adjustments.len() > MAX_ADJUSTMENTS || !line.adjustments.iter().all(adjustment_ok) {
        add(
            "adjustments",
            format!(
                "Line {n}: each adjustment has a group like CO, a reason code like 45 and an amount up to {MAX_AMOUNT}; at most {MAX_ADJUSTMENTS}."
            ),
        );
    }
    problems
}

/// Problems with the bill's own fields: the provider's name clean and bounded, a stay that ends
/// after it begins. (field, message).
fn bill_value_problems(bill: &Bill) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    if let Some(Err(e)) = bill.provider.as_deref().map(|p| crate::text::check(p, crate::text::Lines::One, PROVIDER_MAX)) {
        problems.push(("bill.provider".to_string(), e.advice("the provider's name")));
    }
    if let (Some(admission), Some(discharge)) = (bill.admission, bill.discharge)
        && admission > discharge
    {
        problems.push((
            "bill.discharge".to_string(),
            format!("The discharge date ({discharge}) is before the admission date ({admission}): check both on the bill."),
        ));
    }
    problems
}

impl ReviewData for crate::unit_limits::UnitLimits {
    fn max_units_per_day(&self, code: &str) -> Option<u32> {
        self.get(code)
    }
    fn benchmark(&self, _line: &BillLine) -> Option<Benchmark> {
        None
    }
}

/// The review's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    /// Most money at stake first.
    pub findings: Vec<Finding>,
    /// The findings that name the same lines, together: one card each, most at stake first.
    #[serde(default)]
    pub groups: Vec<FindingGroup>,
    /// All groups together: each charge counted once, never more than the bill.
    pub at_stake: Money,
    /// The amount the bill asks for (the amount due, else the lines' total).
    pub amount: Money,
    pub bill_saver: BillSaverEligibility,
    /// The Medical Bill Saver answer in one sentence.
    pub bill_saver_answer: String,
    pub next_steps: Vec<String>,
}

/// Findings that share lines of the bill (a repeated panel is charged twice, over its daily
/// units and far above its price: three reasons about the same two lines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FindingGroup {
    /// The lines any of its findings names, in order.
    pub lines: Vec<usize>,
    /// Indexes into `Review::findings`, most at stake first.
    pub findings: Vec<usize>,
    /// Each line counted once, at the largest amount any finding says it could come down by;
    /// for a finding about the whole bill (a total that does not match), its own amount.
    pub at_stake: Money,
}

/// Modifiers that say a repeat on the same day is a distinct service (CMS NCCI policy manual,
/// chapter I: 25, 59 and X{EPSU}; 76 and 77 repeat procedures; 91 repeat lab test).
pub const REPEAT_MODIFIERS: &[&str] = &["25", "59", "76", "77", "91", "XE", "XP", "XS", "XU"];

/// Modifiers that make two lines of one code different services: its professional and
/// technical parts (26, TC) and the body site (sides, both sides, fingers, toes, eyelids).
const DISTINCT_PART_MODIFIERS: &[&str] = &[
    "26", "TC", "RT", "LT", "50", "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "TA", "T1", "T2",
    "T3", "T4", "T5", "T6", "T7", "T8", "T9",
];

/// The part and site modifiers of a line, which tell it apart from another line of its code.
fn part_and_site(line: &BillLine) -> Vec<String> {
    let mut found: Vec<String> =
        line.modifiers.iter().map(|m| m.trim().to_ascii_uppercase()).filter(|m| DISTINCT_PART_MODIFIERS.contains(&m.as_str())).collect();
    found.sort();
    found
}

/// Pairs where the first code includes the second when both are billed on one day. The
/// project's table of well-known cases, after CMS's National Correct Coding Initiative
/// procedure-to-procedure edits (column 1 includes column 2): panels include their tests, a
/// procedure with a biopsy includes the look without one, a complete test includes its parts.
pub const UNBUNDLED_PAIRS: &[(&str, &str, &str)] = &[
    ("80053", "80048", "A comprehensive metabolic panel includes every test of the basic one."),
    ("80053", "82947", "A comprehensive metabolic panel includes the glucose test."),
    ("80053", "84520", "A comprehensive metabolic panel includes the urea nitrogen (BUN) test."),
    ("80053", "82565", "A comprehensive metabolic panel includes the creatinine test."),
    ("80048", "82947", "A basic metabolic panel includes the glucose test."),
    ("80061", "82465", "A lipid panel includes the total cholesterol test."),
    ("80061", "84478", "A lipid panel includes the triglycerides test."),
    ("85025", "85027", "A blood count with differential includes the blood count without one."),
    ("85025", "85004", "A blood count with differential includes the differential."),
    ("45380", "45378", "A colonoscopy with biopsy includes the colonoscopy itself."),
    ("45385", "45378", "A colonoscopy with polyp removal includes the colonoscopy itself."),
    ("43239", "43235", "An upper endoscopy with biopsy includes the endoscopy itself."),
    ("93000", "93010", "A complete ECG includes its reading."),
    ("93000", "93005", "A complete ECG includes its tracing."),
    ("71046", "71045", "A two-view chest X-ray includes the one-view X-ray."),
];

/// Reviews a bill with every rule; findings ordered by money at stake.
pub fn review(bill: &Bill, situation: &Situation, data: &impl ReviewData) -> Review {
    let mut findings = Vec::new();
    findings.extend(exact_duplicates(bill));
    findings.extend(repeated_codes(bill));
    findings.extend(units_over_daily_maximum(bill, data));
    findings.extend(line_arithmetic(bill));
    findings.extend(total_mismatch(bill));
    findings.extend(dates_outside_stay(bill));
    findings.extend(room_charge_on_discharge_day(bill));
    findings.extend(whole_and_parts(bill));
    findings.extend(unbundled_pairs(bill));
    findings.extend(far_above_benchmark(bill, data));
    findings.extend(no_surprises(bill, situation));
    findings.sort_by(|a, b| b.at_stake.cmp(&a.at_stake).then(a.lines.cmp(&b.lines)));

    let amount = bill.amount_asked();
    let groups = group_findings(bill, &findings);
    let all_groups = groups.iter().map(|g| g.at_stake.cents()).sum::<i64>();
    let at_stake = Money::from_cents(all_groups.min(bill.lines_total().cents().max(amount.cents())));
    // Unanswered, the Bill Saver answer would be a guess: `problems` asks for it first.
    let coverage = coverage(bill, situation).unwrap_or(BillCoverage::NotSure);
    let not_covered = situation.not_covered.or_else(|| crate::coverage::coverage_from_remittance(bill).map(|found| found.not_covered));
    let bill_saver = bill_saver_eligibility(amount, coverage, not_covered);
    Review {
        next_steps: next_steps(&findings, bill_saver),
        bill_saver_answer: bill_saver.sentence(crate::routing::non_covered_amount(amount, coverage, not_covered)),
        findings,
        groups,
        at_stake,
        amount,
        bill_saver,
    }
}

/// Groups findings that share a line, and counts each line once: at the largest amount any of
/// its findings would take off it. The sum of the groups is what the whole review puts at
/// stake, so a charge found three ways is not counted three times.
pub fn group_findings(bill: &Bill, findings: &[Finding]) -> Vec<FindingGroup> {
    // Union-find over findings through the lines they name.
    let mut parent: Vec<usize> = (0..findings.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: HashMap<usize, usize> = HashMap::new();
    for (f, finding) in findings.iter().enumerate() {
        for &line in &finding.lines {
            match owner.get(&line) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, other));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(line, f);
                }
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); findings.len()];
    for f in 0..findings.len() {
        let r = root(&mut parent, f);
        members[r].push(f);
    }
    let mut groups: Vec<FindingGroup> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|members| {
            let mut largest: HashMap<usize, i64> = HashMap::new();
            let mut whole_bill = 0_i64;
            for &f in &members {
                if findings[f].lines.is_empty() {
                    whole_bill += findings[f].at_stake.cents();
                }
                for (line, cents) in reductions(bill, &findings[f]) {
                    let entry = largest.entry(line).or_default();
                    *entry = (*entry).max(cents);
                }
            }
            let mut lines: Vec<usize> = members.iter().flat_map(|&f| findings[f].lines.iter().copied()).collect();
            lines.sort_unstable();
            lines.dedup();
            FindingGroup { lines, findings: members, at_stake: cents(largest.values().sum::<i64>() + whole_bill) }
        })
        .collect();
    groups.sort_by(|a, b| b.at_stake.cmp(&a.at_stake).then(a.findings.cmp(&b.findings)));
    groups
}

/// How much of a finding's amount falls on each of its lines: the lines that would come off
/// or down (the repeats, not the first; the parts, not the whole), smallest charge first and,
/// among equal charges, the later line first, so that two findings about the same copies
/// put their amounts on the same line.
fn reductions(bill: &Bill, finding: &Finding) -> Vec<(usize, i64)> {
    let charge = |i: usize| bill.lines.get(i).map_or(0, |l| l.charge.cents());
    let mut reducible: Vec<usize> = match finding.kind {
        FindingKind::ExactDuplicate | FindingKind::WholeAndParts | FindingKind::UnbundledPair => {
            finding.lines.iter().skip(1).copied().collect()
        }
        FindingKind::RepeatedCode => {
            let kept = finding.lines.iter().copied().max_by_key(|&i| (charge(i), std::cmp::Reverse(i)));
            finding.lines.iter().copied().filter(|&i| Some(i) != kept).collect()
        }
        _ => finding.lines.clone(),
    };
    reducible.sort_by_key(|&i| (charge(i), std::cmp::Reverse(i)));
    let mut left = finding.at_stake.cents();
    reducible
        .into_iter()
        .map(|i| {
            let taken = left.min(charge(i)).max(0);
            left -= taken;
            (i, taken)
        })
        .collect()
}

fn next_steps(findings: &[Finding], bill_saver: BillSaverEligibility) -> Vec<String> {
    let mut steps = Vec::new();
    if findings.is_empty() {
        steps.push("We found no duplicate or wrong charges in the lines we could read. If the bill is only a summary, ask for the itemized bill, which lists each charge.".to_string());
    } else {
        steps.push(
            "Call the billing office before you pay, with this review at hand: ask them to check each finding and send a corrected bill."
                .to_string(),
        );
        steps.push("Ask them to put the account on hold while they check, so it is not sent to collections.".to_string());
    }
    if bill_saver == BillSaverEligibility::Qualifies {
        steps.push("Send the bill to an advocate: Medical Bill Saver can negotiate it for you.".to_string());
    } else {
        steps.push("An advocate can go through the bill with you and call the billing office.".to_string());
    }
    steps
}

fn finding(kind: FindingKind, lines: Vec<usize>, at_stake: Money, explanation: String, ask: &str) -> Finding {
    Finding { kind, lines, at_stake, explanation, ask: ask.to_string() }
}

fn cents(amount: i64) -> Money {
    Money::from_cents(amount.max(0))
}

/// "line 3" / "lines 3 and 5" / "lines 3, 5 and 8", counted from 1 as a person reads them.
pub fn describe_lines(lines: &[usize]) -> String {
    let numbers: Vec<String> = lines.iter().map(|i| (i + 1).to_string()).collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => format!("line {one}"),
        [init @ .., last] => format!("lines {} and {last}", init.join(", ")),
    }
}

fn what(line: &BillLine) -> String {
    match (&line.code, line.description.trim()) {
        (Some(code), "") => code.clone(),
        (Some(code), description) => format!("{description} ({code})"),
        (None, "") => "a charge".to_string(),
        (None, description) => description.to_string(),
    }
}

fn on(date: Option<Date>) -> String {
    date.map(|d| format!(" on {}", d.written())).unwrap_or_default()
}

/// The same line, word for word and to the cent, more than once.
pub fn exact_duplicates(bill: &Bill) -> Vec<Finding> {
    let mut groups: HashMap<&BillLine, Vec<usize>> = HashMap::new();
    for (i, line) in bill.lines.iter().enumerate() {
        groups.entry(line).or_default().push(i);
    }
    let mut findings: Vec<Finding> = groups
        .into_iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(line, lines)| {
            let extra = (lines.len() - 1) as i64;
            finding(
                FindingKind::ExactDuplicate,
                lines.clone(),
                cents(line.charge.cents() * extra),
                format!(
                    "{} appears {} times{}, with the same charge of {} each time ({}).",
                    what(line),
                    lines.len(),
                    on(line.date),
                    line.charge,
                    describe_lines(&lines)
                ),
                "Is this the same service charged more than once? If so, please remove the repeated charge.",
            )
        })
        .collect();
    findings.sort_by_key(|f| f.lines.clone());
    findings
}

/// The same code on the same day (and the same part and body site) more than once, without a
/// modifier that says the repeat was a separate service. Word-for-word copies count once here:
/// the exact-duplicate rule reports the copies.
pub fn repeated_codes(bill: &Bill) -> Vec<Finding> {
    // The lines (by index) of each code, day, and part and body site.
    type SameService<'a> = (&'a str, Option<Date>, Vec<String>);
    let mut groups: HashMap<SameService, Vec<usize>> = HashMap::new();
    for (i, line) in bill.lines.iter().enumerate() {
        if let Some(code) = &line.code {
            groups.entry((code.as_str(), line.date, part_and_site(line))).or_default().push(i);
        }
    }
    let mut findings: Vec<Finding> = groups
        .into_iter()
        .filter_map(|((code, date, _), lines)| {
            // One line per distinct charge: copies are the exact-duplicate rule's.
            let mut distinct: Vec<usize> = Vec::new();
            for &i in &lines {
                if !distinct.iter().any(|&j| bill.lines[j] == bill.lines[i]) {
                    distinct.push(i);
                }
            }
            let explained = distinct[1..].iter().any(|&i| REPEAT_MODIFIERS.iter().any(|m| bill.lines[i].has_modifier(m)));
            if distinct.len() < 2 || explained {
                return None;
            }
            let mut charges: Vec<i64> = distinct.iter().map(|&i| bill.lines[i].charge.cents()).collect();
            charges.sort_unstable();
            // Everything but the largest charge, which is likely the service itself.
            let at_stake: i64 = charges[..charges.len() - 1].iter().sum();
            Some(finding(
                FindingKind::RepeatedCode,
                lines.clone(),
                cents(at_stake),
                format!("Code {code} is billed {} times{} ({}), with no modifier saying the repeats were separate services.", lines.len(), on(date), describe_lines(&lines)),
                "Was this service really done more than once that day? If not, please remove the extra charges; if it was, the bill should carry a modifier that says so.",
            ))
        })
        .collect();
    findings.sort_by_key(|f| f.lines.clone());
    findings
}

/// More units of a code on one day than Medicare's medically unlikely edit allows one patient.
pub fn units_over_daily_maximum(bill: &Bill, data: &impl ReviewData) -> Vec<Finding> {
    let mut findings: Vec<Finding> = by_code_and_day(bill)
        .into_iter()
        .filter_map(|((code, date), lines)| {
            let limit = data.max_units_per_day(code)?;
            let units: u32 = lines.iter().map(|&i| bill.lines[i].units).sum();
            (units > limit).then(|| {
                let charge: i64 = lines.iter().map(|&i| bill.lines[i].charge.cents()).sum();
                let per_unit = charge / i64::from(units.max(1));
                finding(
                    FindingKind::UnitsOverDailyMaximum,
                    lines.clone(),
                    cents(per_unit * i64::from(units - limit)),
                    format!(
                        "{units} units of code {code}{}; Medicare's limit for one patient on one day is {limit} ({}).",
                        on(date),
                        describe_lines(&lines)
                    ),
                    "Please check the number of units: more than the usual daily maximum is often a typing error.",
                )
            })
        })
        .collect();
    findings.sort_by_key(|f| f.lines.clone());
    findings
}

/// Units × unit price differs from the line's charge.
pub fn line_arithmetic(bill: &Bill) -> Vec<Finding> {
    bill.lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let unit_price = line.unit_price?;
            let expected = unit_price.cents() * i64::from(line.units);
            (expected != line.charge.cents()).then(|| {
                finding(
                    FindingKind::LineArithmetic,
                    vec![i],
                    cents(line.charge.cents() - expected),
                    format!(
                        "{}: {} at {} each come to {}, but the line charges {}.",
                        what(line),
                        if line.units == 1 { "1 unit".to_string() } else { format!("{} units", line.units) },
                        unit_price,
                        Money::from_cents(expected),
                        line.charge
                    ),
                    "Please correct the line so the charge matches the units and the price.",
                )
            })
        })
        .collect()
}

/// A bill's stated total and the sum of its lines, when the two differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalDifference {
    pub stated: Money,
    pub lines: Money,
}

/// The figures of [`total_mismatch`]'s first finding: the stated total, when the bill has
/// lines and they do not add up to it. After reading a photo or PDF, the member is shown them
/// as "we may have missed a charge" before any finding (issue 14): a total above the charges
/// read is most often a row the reader missed.
pub fn total_difference(bill: &Bill) -> Option<TotalDifference> {
    let lines = bill.lines_total();
    if bill.lines.is_empty() {
        return None;
    }
    bill.stated_total.filter(|stated| *stated != lines).map(|stated| TotalDifference { stated, lines })
}

/// The stated total differs from the sum of the lines, or the amount due is more than the
/// charges: the difference is named either way. A total above the lines is money at stake; a
/// total below them is a question (a line may be a copy, or the total may leave one out).
pub fn total_mismatch(bill: &Bill) -> Vec<Finding> {
    let sum = bill.lines_total();
    if bill.lines.is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    if let Some(TotalDifference { stated, .. }) = total_difference(bill) {
        let difference = Money::from_cents((stated.cents() - sum.cents()).abs());
        let (explanation, ask) = if stated > sum {
            (
                format!(
                    "The bill's total is {stated}, but its lines add up to {sum}: the total is {difference} more than the charges listed."
                ),
                "Please explain the difference between the total and the itemized charges, and list any charge that is missing.",
            )
        } else {
            (
                format!("The bill's total is {stated}, but its lines add up to {sum}: the lines come to {difference} more than the total."),
                "Please explain the difference between the total and the itemized charges: is a line listed twice, or left out of the total?",
            )
        };
        findings.push(finding(FindingKind::TotalMismatch, Vec::new(), cents(stated.cents() - sum.cents()), explanation, ask));
    }
    let charged = bill.stated_total.unwrap_or(sum).max(sum);
    if let Some(due) = bill.amount_due.filter(|due| *due > charged) {
        let difference = Money::from_cents(due.cents() - charged.cents());
        findings.push(finding(
            FindingKind::AmountDueOverCharges,
            Vec::new(),
            difference,
            format!("The bill asks you to pay {due}, which is {difference} more than its charges of {charged}."),
            "Why is the amount due more than the charges? Please send a statement that shows how it was worked out.",
        ));
    }
    findings
}

/// Charges dated before the admission or after the discharge. Tests and care in the three days
/// before an admission may belong on the stay's bill (Medicare's payment window, which many
/// insurers follow): those are a question, with nothing counted at stake.
pub fn dates_outside_stay(bill: &Bill) -> Vec<Finding> {
    let (Some(admission), Some(discharge)) = (bill.admission, bill.discharge) else { return Vec::new() };
    bill.lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let date = line.date.filter(|d| *d < admission || *d > discharge)?;
            let window = date < admission && admission.days_since_epoch() - date.days_since_epoch() <= 3;
            let (at_stake, explanation, ask) = if window {
                (
                    Money::from_cents(0),
                    format!("{} is dated {}, in the three days before the stay from {} to {}. Care just before an admission can belong on the stay's bill, but only once.", what(line), date.written(), admission.written(), discharge.written()),
                    "Was this part of the stay, and is it billed only once (not also on a separate bill)?",
                )
            } else {
                (
                    line.charge,
                    format!("{} is dated {}, outside the stay from {} to {}.", what(line), date.written(), admission.written(), discharge.written()),
                    "Was this service part of this stay? If not, please remove it from this bill.",
                )
            };
            Some(finding(FindingKind::DateOutsideStay, vec![i], at_stake, explanation, ask))
        })
        .collect()
}

/// Room and board (revenue codes 0100–0219) charged for the day of discharge: hospitals bill
/// the day of admission, not the day the patient leaves (Medicare Claims Processing Manual,
/// chapter 3, 20.1.1; most insurers follow it).
pub fn room_charge_on_discharge_day(bill: &Bill) -> Vec<Finding> {
    let (Some(admission), Some(discharge)) = (bill.admission, bill.discharge) else { return Vec::new() };
    if admission == discharge {
        return Vec::new();
    }
    bill.lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.date == Some(discharge) && line.revenue_code.as_deref().is_some_and(is_room_and_board))
        .map(|(i, line)| {
            finding(
                FindingKind::RoomChargeOnDischargeDay,
                vec![i],
                line.charge,
                format!(
                    "{} is charged for {}, the day of discharge. Hospitals count the day you arrive, not the day you leave.",
                    what(line),
                    discharge.written()
                ),
                "Please remove the room charge for the day of discharge.",
            )
        })
        .collect()
}

fn is_room_and_board(revenue_code: &str) -> bool {
    revenue_code.trim().parse::<u16>().is_ok_and(|code| (100..=219).contains(&code))
}

/// The bill's lines by code and day: the rules that compare lines look them up here rather
/// than scanning the bill for each line (a hospital bill can have a thousand lines).
fn by_code_and_day(bill: &Bill) -> HashMap<(&str, Option<Date>), Vec<usize>> {
    let mut groups: HashMap<(&str, Option<Date>), Vec<usize>> = HashMap::new();
    for (i, line) in bill.lines.iter().enumerate() {
        if let Some(code) = &line.code {
            groups.entry((code.as_str(), line.date)).or_default().push(i);
        }
    }
    groups
}

/// A test billed whole (no modifier) and also as its professional (26) or technical (TC) part
/// on the same day: the whole already includes both parts.
pub fn whole_and_parts(bill: &Bill) -> Vec<Finding> {
    let is_part = |i: &usize| bill.lines[*i].has_modifier("26") || bill.lines[*i].has_modifier("TC");
    let mut findings: Vec<Finding> = by_code_and_day(bill)
        .into_iter()
        .filter_map(|((code, date), lines)| {
            let whole = *lines.iter().find(|i| !is_part(i))?;
            let parts: Vec<usize> = lines.iter().copied().filter(is_part).collect();
            (!parts.is_empty()).then(|| {
                let at_stake: i64 = parts.iter().map(|&j| bill.lines[j].charge.cents()).sum();
                let mut involved = vec![whole];
                involved.extend(&parts);
                finding(
                    FindingKind::WholeAndParts,
                    involved.clone(),
                    cents(at_stake),
                    format!("Code {code} is billed whole and again as its part{}{} ({}). The whole test already includes the reading and the scan.", if parts.len() > 1 { "s" } else { "" }, on(date), describe_lines(&involved)),
                    "Please remove the separate part charges: the full test includes them.",
                )
            })
        })
        .collect();
    findings.sort_by_key(|f| f.lines.clone());
    findings
}

/// Two codes on one day where the first normally includes the second.
pub fn unbundled_pairs(bill: &Bill) -> Vec<Finding> {
    let groups = by_code_and_day(bill);
    let mut findings = Vec::new();
    for &(comprehensive, component, why) in UNBUNDLED_PAIRS {
        for ((_, date), wholes) in groups.iter().filter(|((code, _), _)| *code == comprehensive) {
            let Some(candidates) = groups.get(&(component, *date)) else { continue };
            let parts: Vec<usize> =
                candidates.iter().copied().filter(|&j| !REPEAT_MODIFIERS.iter().any(|m| bill.lines[j].has_modifier(m))).collect();
            if parts.is_empty() {
                continue;
            }
            let at_stake: i64 = parts.iter().map(|&j| bill.lines[j].charge.cents()).sum();
            let mut lines = vec![wholes[0]];
            lines.extend(&parts);
            findings.push(finding(
                FindingKind::UnbundledPair,
                lines.clone(),
                cents(at_stake),
                format!("{why} Both are billed{} ({}: codes {comprehensive} and {component}).", on(*date), describe_lines(&lines)),
                "Please remove the charge for the part that the larger service already includes.",
            ));
        }
    }
    findings.sort_by_key(|f| f.lines.clone());
    findings
}

/// A clinician's line charged at four times Medicare's amount or more (above the list prices the
/// estimate page shows as usual): a lead for negotiation, not a mistake. At stake: what is above
/// the top of the usual in-network range. Hospital lines (with a revenue code) are left out:
/// their benchmark is not the physician fee schedule.
pub fn far_above_benchmark(bill: &Bill, data: &impl ReviewData) -> Vec<Finding> {
    bill.lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            if line.revenue_code.is_some() {
                return None;
            }
            let benchmark = data.benchmark(line)?;
            let medicare = benchmark.medicare.cents() * i64::from(line.units.max(1));
            let fair = benchmark.in_network_high.cents() * i64::from(line.units.max(1));
            (medicare > 0 && line.charge.cents() >= 4 * medicare).then(|| {
                let ratio = line.charge.cents() as f64 / medicare as f64;
                finding(
                    FindingKind::FarAboveBenchmark,
                    vec![i],
                    cents(line.charge.cents() - fair),
                    format!(
                        "{} is charged {}, about {:.1} times what Medicare pays for it here ({}); insurers usually pay up to about {}.",
                        what(line),
                        line.charge,
                        ratio,
                        Money::from_cents(medicare),
                        Money::from_cents(fair)
                    ),
                    "This may not be an error, but it is a strong case for a lower price: ask for a discount to a fair price, or for the cash price.",
                )
            })
        })
        .collect()
}

/// The No Surprises Act's protections the member's answers point to. The emergency and
/// in-network-facility protections are for people with insurance; the Good Faith Estimate
/// dispute is for people paying for themselves, and compares the billed charges.
pub fn no_surprises(bill: &Bill, situation: &Situation) -> Vec<Finding> {
    let self_pay = coverage(bill, situation) == Some(BillCoverage::NotCovered);
    // A member who does not know what the plan did still has a plan.
    let insured = matches!(coverage(bill, situation), Some(BillCoverage::PartlyCovered | BillCoverage::Covered | BillCoverage::NotSure));
    let mut findings = Vec::new();
    if situation.emergency_out_of_network && insured {
        findings.push(finding(
            FindingKind::SurpriseEmergencyBill,
            Vec::new(),
            Money::from_cents(0),
            "Under the No Surprises Act, emergency care out of network is billed as if it were in network: you owe only your in-network copay, coinsurance and deductible.".to_string(),
            "Is this bill for emergency care? Please bill it at in-network cost sharing, as the No Surprises Act requires.",
        ));
    }
    if situation.out_of_network_clinician_at_in_network_facility && insured {
        findings.push(finding(
            FindingKind::SurpriseOutOfNetworkClinician,
            Vec::new(),
            Money::from_cents(0),
            "At an in-network hospital or surgery center, an out-of-network clinician can bill you no more than your in-network share. Anesthesia, radiology, pathology, emergency and hospital doctors, assistant surgeons and lab services can never ask you to give that up; other clinicians only with a notice and consent you signed in advance.".to_string(),
            "Did I sign a notice and consent to out-of-network billing? If not, or if this is anesthesia, radiology, pathology or another service that cannot ask for one, please bill at in-network cost sharing.",
        ));
    }
    let billed = bill.stated_total.unwrap_or_else(|| bill.lines_total());
    if let Some(estimate) = situation.good_faith_estimate
        && self_pay
        && billed.cents() >= estimate.cents() + 40_000
    {
        findings.push(finding(
            FindingKind::OverGoodFaithEstimate,
            Vec::new(),
            cents(billed.cents() - estimate.cents()),
            format!("The bill's charges of {billed} are {} over the Good Faith Estimate of {estimate}. Self-pay patients can dispute a bill $400 or more over the estimate, within 120 days of receiving it.", Money::from_cents(billed.cents() - estimate.cents())),
            "Please bill the amount of the Good Faith Estimate; otherwise I will start the federal patient-provider dispute resolution process.",
        ));
    }
    findings
}

/// What to ask when neither the member nor the bill says what the plan did with it.
pub fn coverage_problem(bill: &Bill, situation: &Situation) -> Option<String> {
    coverage(bill, situation).is_none().then(|| "Say what the health plan did with this bill, or choose \"I don't know\".".to_string())
}

/// What the plan did with the bill: the member's answer, else what a remittance's adjustments
/// show (`coverage::coverage_from_remittance`), else a self-pay bill is not covered.
pub fn coverage(bill: &Bill, situation: &Situation) -> Option<BillCoverage> {
    situation.coverage.or_else(|| crate::coverage::coverage_from_remittance(bill).map(|found| found.coverage)).or(match bill.payer {
        BillPayer::SelfPay => Some(BillCoverage::NotCovered),
        BillPayer::Insurance | BillPayer::Unknown => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(day: u8) -> Option<Date> {
        Date::new(2025, 3, day)
    }

    fn line(code: &str, day: u8, units: u32, dollars: i64) -> BillLine {
        BillLine {
            date: date(day),
            code: Some(code.into()),
            description: format!("Service {code}"),
            units,
            charge: Money::from_dollars(dollars),
            ..Default::default()
        }
    }

    fn bill(lines: Vec<BillLine>) -> Bill {
        Bill { lines, ..Default::default() }
    }

    struct Limits;

    impl ReviewData for Limits {
        fn max_units_per_day(&self, code: &str) -> Option<u32> {
            (code == "96372").then_some(4)
        }
        fn benchmark(&self, line: &BillLine) -> Option<Benchmark> {
            (line.code.as_deref() == Some("73721"))
                .then_some(Benchmark { medicare: Money::from_dollars(200), in_network_high: Money::from_dollars(320) })
        }
    }

    #[test]
    fn a_clean_bill_has_no_findings() {
        let clean = Bill {
            lines: vec![line("99213", 1, 1, 150), line("85025", 1, 1, 40), line("80053", 1, 1, 60)],
            stated_total: Some(Money::from_dollars(250)),
            ..Default::default()
        };
        let review = review(&clean, &Situation::default(), &Limits);
        assert_eq!(review.findings, Vec::new());
        assert_eq!(review.at_stake, Money::from_cents(0));
        assert!(review.next_steps[0].contains("no duplicate"));
    }

    #[test]
    fn an_exact_duplicate_is_found_with_the_extra_charge_at_stake() {
        let b = bill(vec![line("99213", 1, 1, 150), line("85025", 1, 1, 40), line("85025", 1, 1, 40)]);
        let found = exact_duplicates(&b);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].lines.clone(), found[0].at_stake), (vec![1, 2], Money::from_dollars(40)));
        assert!(found[0].explanation.contains("lines 2 and 3"), "{}", found[0].explanation);
    }

    #[test]
    fn a_repeated_code_without_a_repeat_modifier_is_found_and_with_one_is_not() {
        let mut second = line("71046", 1, 1, 90);
        second.description = "Chest x-ray again".into();
        let b = bill(vec![line("71046", 1, 1, 120), second.clone()]);
        let found = repeated_codes(&b);
        assert_eq!((found.len(), found[0].at_stake), (1, Money::from_dollars(90)));
        second.modifiers = vec!["76".into()];
        assert!(repeated_codes(&bill(vec![line("71046", 1, 1, 120), second])).is_empty());
        // Different days are different services.
        assert!(repeated_codes(&bill(vec![line("71046", 1, 1, 120), line("71046", 2, 1, 90)])).is_empty());
    }

    #[test]
    fn units_over_the_daily_maximum_put_the_excess_at_stake() {
        let found = units_over_daily_maximum(&bill(vec![line("96372", 1, 6, 300)]), &Limits);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at_stake, Money::from_dollars(100), "2 units over at $50 each");
        assert!(units_over_daily_maximum(&bill(vec![line("96372", 1, 4, 200)]), &Limits).is_empty());
    }

    #[test]
    fn a_line_that_does_not_multiply_out_is_found() {
        let mut l = line("J1100", 1, 3, 100);
        l.unit_price = Some(Money::from_dollars(25));
        let found = line_arithmetic(&bill(vec![l.clone()]));
        assert_eq!(found[0].at_stake, Money::from_dollars(25));
        l.charge = Money::from_dollars(75);
        assert!(line_arithmetic(&bill(vec![l])).is_empty());
    }

    #[test]
    fn a_total_above_the_lines_is_found() {
        let mut b = bill(vec![line("99213", 1, 1, 150), line("85025", 1, 1, 40)]);
        b.stated_total = Some(Money::from_dollars(290));
        assert_eq!(total_mismatch(&b)[0].at_stake, Money::from_dollars(100));
        b.stated_total = Some(Money::from_dollars(190));
        assert!(total_mismatch(&b).is_empty());
    }

    #[test]
    fn a_stated_total_that_differs_from_the_lines_gives_both_figures() {
        let mut b = bill(vec![line("99213", 1, 1, 150), line("85025", 1, 1, 40)]);
        assert_eq!(total_difference(&b), None, "no stated total");
        b.stated_total = Some(Money::from_dollars(290));
        let lines = Money::from_dollars(190);
        assert_eq!(total_difference(&b), Some(TotalDifference { stated: Money::from_dollars(290), lines }));
        b.stated_total = Some(lines);
        assert_eq!(total_difference(&b), None);
        assert_eq!(total_difference(&Bill { stated_total: Some(lines), ..Bill::default() }), None, "nothing read yet");
    }

    #[test]
    fn a_total_below_the_lines_is_named_with_the_difference() {
        let mut b = bill(vec![line("99213", 1, 1, 150), line("85025", 1, 1, 40)]);
        b.lines[1].charge = Money::from_cents(49_853);
        b.lines[0].charge = Money::from_cents(15_000);
        b.stated_total = Some(Money::from_cents(63_853));
        let found = total_mismatch(&b);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at_stake, Money::from_cents(0));
        assert!(found[0].explanation.contains("$638.53, but its lines add up to $648.53"), "{}", found[0].explanation);
        assert!(found[0].explanation.contains("$10.00 more than the total"), "{}", found[0].explanation);
        assert!(!review(&b, &Situation::default(), &BillOnly).findings.is_empty(), "never 'no problems found'");
    }

    #[test]
    fn an_amount_due_above_the_charges_is_found_and_one_below_is_not() {
        let mut b = bill(vec![line("99213", 1, 1, 150), line("85025", 1, 1, 40)]);
        b.amount_due = Some(Money::from_dollars(230));
        let found = total_mismatch(&b);
        assert_eq!((found[0].kind, found[0].at_stake), (FindingKind::AmountDueOverCharges, Money::from_dollars(40)));
        b.amount_due = Some(Money::from_dollars(190));
        assert!(total_mismatch(&b).is_empty());
        b.amount_due = Some(Money::from_dollars(60));
        assert!(total_mismatch(&b).is_empty(), "less than the charges is what insurance left");
    }

    #[test]
    fn a_charge_found_three_ways_counts_once_at_stake() {
        // A repeated $68 panel: charged twice, over its daily units, and far above its price.
        struct Limits;
        impl ReviewData for Limits {
            fn max_units_per_day(&self, code: &str) -> Option<u32> {
                (code == "80053").then_some(1)
            }
            fn benchmark(&self, line: &BillLine) -> Option<Benchmark> {
                (line.code.as_deref() == Some("80053"))
                    .then_some(Benchmark { medicare: Money::from_cents(1_056), in_network_high: Money::from_cents(1_690) })
            }
        }
        let b = bill(vec![line("80053", 1, 1, 68), line("80053", 1, 1, 68), line("99213", 1, 1, 150)]);
        let r = review(&b, &Situation { coverage: Some(BillCoverage::NotCovered), ..Default::default() }, &Limits);
        assert_eq!(r.findings.len(), 4, "{:?}", r.findings);
        assert_eq!(r.groups.len(), 1, "one card for the two lines");
        assert_eq!(r.groups[0].lines, [0, 1]);
        assert_eq!(r.groups[0].findings.len(), 4);
        // Line 2 comes off entirely ($68); line 1 can come down to the usual price ($68 − $16.90).
        assert_eq!(r.groups[0].at_stake, Money::from_cents(6_800 + 5_110));
        assert_eq!(r.at_stake, Money::from_cents(11_910));
    }

    #[test]
    fn findings_on_different_lines_are_separate_cards_that_add_up() {
        let b = bill(vec![line("85025", 1, 1, 40), line("85025", 1, 1, 40), line("99213", 1, 2, 150)]);
        let mut with_arithmetic = b.clone();
        with_arithmetic.lines[2].unit_price = Some(Money::from_dollars(50));
        let r = review(&with_arithmetic, &Situation { coverage: Some(BillCoverage::NotCovered), ..Default::default() }, &BillOnly);
        assert_eq!(r.groups.len(), 2);
        assert_eq!(r.groups.iter().map(|g| g.at_stake).collect::<Vec<_>>(), [Money::from_dollars(50), Money::from_dollars(40)]);
        assert_eq!(r.at_stake, Money::from_dollars(90));
    }

    #[test]
    fn charges_outside_the_stay_and_a_room_on_the_discharge_day_are_found() {
        let mut room = line("", 5, 1, 2_000);
        room.code = None;
        room.revenue_code = Some("0120".into());
        room.description = "Room and board, semi-private".into();
        let mut b = bill(vec![line("99223", 2, 1, 400), line("71046", 1, 1, 100), line("99238", 6, 1, 200), room]);
        b.admission = date(2);
        b.discharge = date(5);
        let outside = dates_outside_stay(&b);
        assert_eq!(outside.iter().map(|f| f.lines[0]).collect::<Vec<_>>(), vec![1, 2]);
        let room = room_charge_on_discharge_day(&b);
        assert_eq!((room.len(), room[0].lines.clone(), room[0].at_stake), (1, vec![3], Money::from_dollars(2_000)));
    }

    #[test]
    fn a_test_billed_whole_and_in_parts_is_found() {
        let mut reading = line("71046", 1, 1, 40);
        reading.modifiers = vec!["26".into()];
        let found = whole_and_parts(&bill(vec![line("71046", 1, 1, 150), reading]));
        assert_eq!((found[0].lines.clone(), found[0].at_stake), (vec![0, 1], Money::from_dollars(40)));
    }

    #[test]
    fn a_component_billed_with_its_comprehensive_code_is_found() {
        let found = unbundled_pairs(&bill(vec![line("80053", 1, 1, 60), line("80048", 1, 1, 45), line("80048", 2, 1, 45)]));
        assert_eq!(found.len(), 1, "only the same day");
        assert_eq!((found[0].lines.clone(), found[0].at_stake), (vec![0, 1], Money::from_dollars(45)));
    }

    #[test]
    fn a_charge_three_times_the_benchmark_is_a_negotiation_lead() {
        let found = far_above_benchmark(&bill(vec![line("73721", 1, 1, 2_400), line("73721", 2, 1, 500)]), &Limits);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at_stake, Money::from_dollars(2_080), "above the in-network top of $320");
        assert!(found[0].explanation.contains("12.0 times"), "{}", found[0].explanation);
    }

    #[test]
    fn no_surprises_act_questions_follow_the_members_answers() {
        let b = bill(vec![line("99285", 1, 1, 2_000)]);
        let insured = Situation {
            coverage: Some(BillCoverage::PartlyCovered),
            not_covered: None,
            emergency_out_of_network: true,
            out_of_network_clinician_at_in_network_facility: true,
            good_faith_estimate: Some(Money::from_dollars(1_600)),
        };
        let kinds = |situation: &Situation| no_surprises(&b, situation).into_iter().map(|f| f.kind).collect::<Vec<_>>();
        // The surprise-billing protections are insured people's; the estimate dispute is self-pay.
        assert_eq!(kinds(&insured), [FindingKind::SurpriseEmergencyBill, FindingKind::SurpriseOutOfNetworkClinician]);
        let self_pay = Situation { coverage: Some(BillCoverage::NotCovered), ..insured };
        assert_eq!(kinds(&self_pay), [FindingKind::OverGoodFaithEstimate]);
        // $399.99 over the estimate is not enough to dispute; the billed charges count, not what is due.
        let close = Situation { good_faith_estimate: Some(Money::from_cents(160_001)), ..self_pay };
        assert!(no_surprises(&b, &close).is_empty());
        let mut after_deposit = b.clone();
        after_deposit.amount_due = Some(Money::from_dollars(500));
        assert_eq!(no_surprises(&after_deposit, &self_pay)[0].at_stake, Money::from_dollars(400));
    }

    #[test]
    fn parts_and_sides_of_one_code_are_not_repeats_and_copies_are_not_counted_twice() {
        let with = |code: &str, modifier: &str, dollars: i64| BillLine { modifiers: vec![modifier.into()], ..line(code, 1, 1, dollars) };
        assert!(repeated_codes(&bill(vec![with("71046", "26", 40), with("71046", "TC", 80)])).is_empty());
        assert!(repeated_codes(&bill(vec![with("73562", "RT", 100), with("73562", "LT", 100)])).is_empty());
        // A, A, B of one code: the copy of A is the duplicate rule's; the repeat rule counts B once.
        let mut other = line("85025", 1, 1, 50);
        other.description = "CBC again".into();
        let b = bill(vec![line("85025", 1, 1, 40), line("85025", 1, 1, 40), other]);
        assert_eq!(exact_duplicates(&b)[0].at_stake, Money::from_dollars(40));
        assert_eq!(repeated_codes(&b)[0].at_stake, Money::from_dollars(40));
    }

    #[test]
    fn care_in_the_three_days_before_an_admission_is_a_question_not_a_charge_at_stake() {
        let mut b = bill(vec![line("71046", 3, 1, 100), line("80053", 1, 1, 60)]);
        b.admission = date(5);
        b.discharge = date(7);
        let found = dates_outside_stay(&b);
        assert_eq!(found.len(), 2);
        assert_eq!(found.iter().map(|f| f.at_stake).collect::<Vec<_>>(), [Money::from_cents(0), Money::from_dollars(60)]);
    }

    #[test]
    fn hospital_lines_are_not_compared_with_the_physician_schedule() {
        let mut facility = line("73721", 1, 1, 2_400);
        facility.revenue_code = Some("0610".into());
        assert!(far_above_benchmark(&bill(vec![facility]), &Limits).is_empty());
        // Three times is within the list prices people are often billed; four is a lead.
        assert!(far_above_benchmark(&bill(vec![line("73721", 1, 1, 700)]), &Limits).is_empty());
    }

    #[test]
    fn the_review_orders_findings_by_money_and_answers_bill_saver() {
        let mut b = bill(vec![line("85025", 1, 1, 40), line("85025", 1, 1, 40), line("73721", 1, 1, 2_400)]);
        b.payer = BillPayer::SelfPay;
        let review = review(&b, &Situation::default(), &Limits);
        assert!(review.findings.iter().all(|f| f.kind != FindingKind::RepeatedCode), "copies are not also repeats");
        assert_eq!(review.findings[0].kind, FindingKind::FarAboveBenchmark);
        assert_eq!(review.findings[1].kind, FindingKind::ExactDuplicate);
        assert_eq!(review.at_stake, Money::from_dollars(2_120));
        assert_eq!(review.bill_saver, BillSaverEligibility::Qualifies);
        assert!(review.next_steps.iter().any(|s| s.contains("Medical Bill Saver")));
        let mut small = bill(vec![line("85025", 1, 1, 40)]);
        small.payer = BillPayer::SelfPay;
        assert_eq!(super::review(&small, &Situation::default(), &BillOnly).bill_saver, BillSaverEligibility::AtOrUnderThreshold);
    }

    #[test]
    fn a_request_without_lines_or_with_bad_ones_names_each_problem() {
        let mut request = BillReviewRequest { bill: bill(Vec::new()), situation: Situation::default(), zip: None };
        let fields = |r: &BillReviewRequest| r.problems().into_iter().map(|(field, _)| field).collect::<Vec<_>>();
        assert_eq!(fields(&request), ["bill.lines", "situation.coverage"]);
        request.situation.coverage = Some(BillCoverage::NotCovered);
        let mut bad = line("99213-25", 1, 0, 100);
        bad.charge = Money::from_cents(-5);
        let mut huge = line("99213", 1, MAX_UNITS + 1, 100);
        huge.unit_price = Some(Money::from_cents(MAX_AMOUNT.cents() + 1));
        request.bill.lines = vec![line("99213", 1, 1, 100), bad, huge];
        assert_eq!(
            fields(&request),
            ["bill.lines[1].charge", "bill.lines[1].units", "bill.lines[1].code", "bill.lines[2].charge", "bill.lines[2].units"]
        );
    }

    #[test]
    fn codes_texts_other_amounts_and_stay_dates_are_of_a_real_bill() {
        let fields = |r: &BillReviewRequest| r.problems().into_iter().map(|(field, _)| field).collect::<Vec<_>>();
        let mut good = line("99213", 1, 1, 100);
        good.revenue_code = Some("0510".into());
        good.modifiers = vec!["25".into(), "RT".into()];
        good.allowed = Some(Money::from_dollars(80));
        good.adjustments = vec![crate::bill::Adjustment { group: "CO".into(), reason: "45".into(), amount: Money::from_dollars(-20) }];
        let mut stay = bill(vec![good.clone()]);
        stay.provider = Some("General Hospital".into());
        stay.admission = date(1);
        stay.discharge = date(1);
        let mut request = BillReviewRequest {
            bill: stay,
            situation: Situation { coverage: Some(BillCoverage::NotCovered), ..Default::default() },
            zip: None,
        };
        assert!(fields(&request).is_empty(), "{:?}", request.problems());

        let mut bad = good;
        bad.description = "Room \u{202E}egrahc".into();
        bad.revenue_code = Some("0".repeat(10_000));
        bad.modifiers = vec!["25".into(), "X".repeat(3)];
        bad.patient_owes = Some(Money::from_cents(i64::MAX));
        bad.adjustments[0].amount = Money::from_cents(i64::MIN);
        request.bill.lines.push(bad);
        request.bill.provider = Some("General\nHospital".into());
        request.bill.admission = date(2);
        assert_eq!(
            fields(&request),
            [
                "bill.lines[1].description",
                "bill.lines[1].revenue_code",
                "bill.lines[1].modifiers",
                "bill.lines[1].patient_owes",
                "bill.lines[1].adjustments",
                "bill.provider",
                "bill.discharge",
            ]
        );
    }

    #[test]
    fn lines_are_described_as_people_count_them() {
        assert_eq!(describe_lines(&[0]), "line 1");
        assert_eq!(describe_lines(&[0, 2]), "lines 1 and 3");
        assert_eq!(describe_lines(&[0, 2, 4]), "lines 1, 3 and 5");
    }
}
