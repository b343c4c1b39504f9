//! A request reference as a member types it: any text reads into a value or an error, never a
//! panic. The wire form (`Display`) of any value read parses back to the same value, as serde
//! relies on.
#![no_main]

use advocate_domain::Reference;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = text.parse::<Reference>() {
        let shown = value.to_string();
        assert_eq!(shown.parse::<Reference>().as_ref(), Ok(&value), "{text:?} reads as {value:?}, shown as {shown:?}");
    }
});
