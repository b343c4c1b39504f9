//! A US phone number: any text reads into a value or an error, never a panic. The wire form
//! (`Display`) of any value read parses back to the same value, as serde relies on.
#![no_main]

use advocate_domain::PhoneNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = text.parse::<PhoneNumber>() {
        let shown = value.to_string();
        assert_eq!(shown.parse::<PhoneNumber>().as_ref(), Ok(&value), "{text:?} reads as {value:?}, shown as {shown:?}");
    }
});
