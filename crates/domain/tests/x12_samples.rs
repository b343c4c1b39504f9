//! Every X12 sample in testdata/x12 (LinuxForHealth's public test files, Apache-2.0) reads into
//! the claims and service lines it holds. The expected counts were taken from the files themselves
//! (CLM/SV1/SV2 and CLP/SVC segments).

mod testdata;

use advocate_domain::bill::{Adjustment, Bill, BillPayer};
use advocate_domain::bill_import::x12::{X12Error, X12Kind, parse_x12};
use advocate_domain::money::Money;
use advocate_domain::time::Date;

use X12Kind::{Claim837I as I, Claim837P as P, Remittance835 as R};

/// File, transaction, claims, service lines. An 835 claim paid as a whole (no SVC) reads as one
/// claim-level line, hence medicare-part-a's 2 lines and secondary-payment's 3 (1 + 2 SVC).
const EXPECTED: &[(&str, X12Kind, usize, usize)] = &[
    ("835_005010X221A1__cob-contractural-adjustment.835", R, 1, 1),
    ("835_005010X221A1__managed-care.835", R, 2, 2),
    ("835_005010X221A1__medicare-part-a.835", R, 2, 2),
    ("835_005010X221A1__secondary-payment.835", R, 2, 3),
    ("835_005010X221A1__tertiary-payment.835", R, 1, 1),
    ("837_005010X222A2__demo.ambulance.example5.837", P, 1, 4),
    ("837_005010X222A2__demo.autoaccident.837", P, 1, 2),
    ("837_005010X222A2__demo.cob.2ndary.example4.837", P, 1, 1),
    ("837_005010X222A2__demo.cob.example3.A.837", P, 1, 3),
    ("837_005010X222A2__demo.cob.example3.B.837", P, 1, 3),
    ("837_005010X222A2__demo.cob.example3.C.837", P, 1, 3),
    ("837_005010X222A2__demo.cob.example4.837", P, 1, 1),
    ("837_005010X222A2__demo.drug.example10.1.837", P, 1, 2),
    ("837_005010X222A2__demo.drug.example10.2.837", P, 1, 6),
    ("837_005010X222A2__demo.drug.example10.3.837", P, 1, 6),
    ("837_005010X222A2__demo.example1.837", P, 1, 4),
    ("837_005010X222A2__demo.example11.837", P, 1, 2),
    ("837_005010X222A2__demo.example12.837", P, 1, 1),
    ("837_005010X222A2__demo.example2.837", P, 1, 4),
    ("837_005010X222A2__demo.example6.837", P, 1, 1),
    ("837_005010X222A2__demo.example7.837", P, 1, 2),
    ("837_005010X222A2__demo.example8.837", P, 1, 1),
    ("837_005010X222A2__demo.example9.837", P, 1, 1),
    ("837_005010X223A3__institutional-claim.837i", I, 1, 2),
    ("837_005010X223A3__out-of-network-repriced-claim.837i", I, 1, 1),
    ("837_005010X223A3__ppo-repriced-claim.837i", I, 1, 2),
    ("837_005010X223A3__two-claims-single-provider.837i", I, 2, 3),
];

/// Every sample, by file name, sorted (the folder's NOTICE and LICENSE are not samples).
fn samples() -> Vec<(String, String)> {
    let folder = testdata::path("x12");
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    let mut samples: Vec<(String, String)> = entries
        .map(|entry| entry.expect("a readable folder entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("83"))
        .map(|name| {
            let text = testdata::text(&format!("x12/{name}"));
            (name, text)
        })
        .collect();
    samples.sort();
    assert!(!samples.is_empty(), "no X12 samples in {}", folder.display());
    samples
}

fn read(name: &str) -> Vec<Bill> {
    let text = testdata::text(&format!("x12/{name}"));
    parse_x12(&text).unwrap_or_else(|e| panic!("{name}: {e}")).bills
}

fn money(cents: i64) -> Money {
    Money::from_cents(cents)
}

#[test]
fn every_sample_reads_into_its_claims_and_lines() {
    let samples = samples();
    let names: Vec<&str> = samples.iter().map(|(name, _)| name.as_str()).collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names, expected, "the samples folder and this test's table list different files");
    for ((name, text), &(_, kind, claims, lines)) in samples.iter().zip(EXPECTED) {
        let document = parse_x12(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = (document.kind, document.bills.len(), document.bills.iter().map(|bill| bill.lines.len()).sum::<usize>());
        assert_eq!(found, (kind, claims, lines), "{name}: kind, claims, lines");
        for bill in &document.bills {
            assert_eq!(bill.payer, BillPayer::Insurance, "{name}");
            assert!(bill.provider.is_some(), "{name}: a provider");
            // The lines add up to the claim's total, except in the tertiary sample, whose SVC
            // is malformed ("HC*24599.00*…": the code is missing, so the numbers shift).
            if !name.contains("tertiary") {
                assert_eq!(Some(bill.lines_total()), bill.stated_total, "{name}: lines against the claim total");
            }
        }
    }
}

#[test]
fn a_remittance_line_keeps_its_adjustments_allowed_amount_and_patient_share() {
    let bills = read("835_005010X221A1__secondary-payment.835");
    let bill = &bills[1];
    assert_eq!(bill.provider.as_deref(), Some("ACME MEDICAL CENTER"));
    assert_eq!((bill.stated_total, bill.amount_due), (Some(money(75_150)), Some(money(22_000))));
    let line = &bill.lines[1];
    assert_eq!((line.code.as_deref(), &line.modifiers[..]), (Some("66543"), &["26".to_string()][..]));
    assert_eq!((line.charge, line.allowed, line.patient_owes), (money(58_500), Some(money(50_000)), Some(money(22_000))));
    let adjustment = |group: &str, reason: &str, cents| Adjustment { group: group.into(), reason: reason.into(), amount: money(cents) };
    assert_eq!(line.adjustments, [adjustment("PR", "1", 15_000), adjustment("PR", "2", 7_000), adjustment("CO", "42", 8_500)]);
    assert_eq!(line.date, Date::new(2005, 1, 6));
    // The first claim was paid as a whole: one line carrying its charge and adjustment.
    assert_eq!(bills[0].lines[0].charge, money(1_032_364));
    assert_eq!(bills[0].lines[0].adjustments, [adjustment("OA", "23", 941_164)]);

    let negative = &read("835_005010X221A1__cob-contractural-adjustment.835")[0].lines[0];
    assert_eq!(negative.adjustments[1], adjustment("OA", "94", -900));
}

#[test]
fn a_professional_claim_keeps_provider_codes_units_and_dates() {
    let bill = &read("837_005010X222A2__demo.ambulance.example5.837")[0];
    assert_eq!(bill.provider.as_deref(), Some("AAA AMBULANCE SERVICE"));
    assert_eq!(bill.stated_total, Some(money(76_650)));
    let mileage = &bill.lines[1];
    assert_eq!((mileage.code.as_deref(), &mileage.modifiers[..]), (Some("A0425"), &["RH".to_string()][..]));
    assert_eq!((mileage.units, mileage.charge, mileage.date), (21, money(820), Date::new(2005, 2, 8)));

    // Written "HC>00142>QK>QS>P1" under a header that declares ":"; 61 minutes of anesthesia.
    let anesthesia = &read("837_005010X222A2__demo.example9.837")[0].lines[0];
    assert_eq!((anesthesia.code.as_deref(), anesthesia.modifiers.join(" "), anesthesia.units), (Some("00142"), "QK QS P1".into(), 61));
}

#[test]
fn an_institutional_claim_keeps_revenue_codes_and_statement_dates() {
    let bills = read("837_005010X223A3__two-claims-single-provider.837i");
    assert_eq!(bills[0].provider.as_deref(), Some("JONES HOSPITAL"));
    assert_eq!(bills[0].statement_date, Date::new(2005, 3, 15));
    let ekg = &bills[0].lines[1];
    assert_eq!((ekg.revenue_code.as_deref(), ekg.code.as_deref(), ekg.units, ekg.charge), (Some("0730"), Some("93005"), 3, money(7_656)));
    assert_eq!(bills[1].stated_total, Some(money(5_000)));
    let repriced = &read("837_005010X223A3__ppo-repriced-claim.837i")[0];
    assert_eq!(repriced.admission, Date::new(2005, 7, 6));
}

#[test]
fn a_sample_cut_anywhere_is_refused_without_a_panic() {
    for (name, text) in samples() {
        let complete = text.trim_end().trim_end_matches('~');
        let half = text.get(..text.len() / 2).expect("ASCII samples");
        assert!(matches!(parse_x12(half), Err(X12Error::Truncated { .. })), "{name} cut in half: {:?}", parse_x12(half));
        for cut in (0..text.len()).filter(|&cut| text.is_char_boundary(cut)) {
            let part = &text[..cut];
            if part.trim_end().trim_end_matches('~') != complete {
                assert!(parse_x12(part).is_err(), "{name} cut at byte {cut} was read as complete");
            }
        }
    }
}

/// What the readers give is what the review accepts: texts clean, codes, modifiers,
/// adjustments, amounts and stay dates of a real bill (the malformed tertiary sample aside).
#[test]
fn every_sample_bill_passes_the_reviews_rules_on_values() {
    use advocate_domain::bill_review::{BillReviewRequest, Situation};
    use advocate_domain::routing::BillCoverage;
    for (name, text) in samples() {
        for bill in parse_x12(&text).unwrap_or_else(|e| panic!("{name}: {e}")).bills {
            let situation = Situation { coverage: Some(BillCoverage::NotCovered), ..Default::default() };
            let problems = BillReviewRequest { bill, situation, zip: None }.problems();
            if !name.contains("tertiary") {
                assert!(problems.is_empty(), "{name}: {problems:?}");
            }
        }
    }
}
