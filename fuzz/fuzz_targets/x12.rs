//! X12 837P/837I/835 files: any text reads into a value or an error, never a panic.
#![no_main]

use advocate_domain::bill_import::x12::parse_x12;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes that are not UTF-8 become replacement characters: odd text, as uploads can hold.
    let text = String::from_utf8_lossy(data);
    let _ = parse_x12(&text);
});
