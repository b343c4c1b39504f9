//! A bill sent for review (JSON): any body is refused or checked, never a panic; a bill
//! without problems has texts, codes, amounts and stay dates of a real bill, and reviews.
#![no_main]

use advocate_domain::bill_review::{BillReviewRequest, MAX_AMOUNT, review};
use advocate_domain::estimate::parse_code;
use advocate_domain::text::{is_modifier, is_revenue_code};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<BillReviewRequest>(data) else { return };
    if !request.problems().is_empty() {
        return;
    }
    let bill = &request.bill;
    assert!(bill.admission.zip(bill.discharge).is_none_or(|(a, d)| a <= d));
    for line in &bill.lines {
        assert!(line.code.as_deref().is_none_or(|code| parse_code(code).is_ok()));
        assert!(line.revenue_code.as_deref().is_none_or(is_revenue_code));
        assert!(line.modifiers.iter().all(|m| is_modifier(m)));
        assert!(line.charge <= MAX_AMOUNT);
    }
    let _ = review(&request.bill, &request.situation, &advocate_domain::unit_limits::UnitLimits::default());
});
