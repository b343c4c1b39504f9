//! An amount as people type it: any text reads into a value or an error, never a panic. Money is
//! shown as "$1,250.00"; what is read back from its display is the same amount.
#![no_main]

use advocate_domain::Money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = Money::parse(&text) {
        let shown = value.to_string();
        assert_eq!(Money::parse(&shown).as_ref(), Ok(&value), "{text:?} reads as {value:?}, shown as {shown:?}");
    }
});
