//! One CSV line of a CMS file, and CSV text of many lines split at ',', ';' or tab: any text
//! reads into cells, never a panic.
#![no_main]

use advocate_domain::cms_files::{csv_cells, separated_records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes that are not UTF-8 become replacement characters: odd text, as uploads can hold.
    let text = String::from_utf8_lossy(data);
    let _ = csv_cells(&text);
    for separator in [b',', b';', b'\t'] {
        let _ = separated_records(&text, separator).count();
    }
});
