//! A request as a member's browser sends it (JSON): any body is refused or checked, never a
//! panic; a request without problems holds only clean, bounded text and amounts a bill can have.
#![no_main]

use advocate_domain::request::{EMAIL_MAX, NAME_MAX, NOTES_MAX, NewRequest, PHONE_MAX};
use advocate_domain::text::{Lines, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<NewRequest>(data) else { return };
    if request.problems(&advocate_domain::catalog()).is_empty() {
        assert!(check(&request.contact.name, Lines::One, NAME_MAX).is_ok());
        assert!(check(&request.contact.phone, Lines::One, PHONE_MAX).is_ok());
        assert!(check(&request.contact.email, Lines::One, EMAIL_MAX).is_ok());
        assert!(check(&request.notes, Lines::Many, NOTES_MAX).is_ok());
        let max = advocate_domain::bill_review::MAX_AMOUNT;
        assert!(request.answers.bill_amount.is_none_or(|m| m.cents() > 0 && m <= max));
    }
});
