//! One row of CMS's locality-counties file: any text reads into a value or an error, never a panic.
#![no_main]

use advocate_domain::cms_files::{csv_cells, parse_locality_counties_record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes that are not UTF-8 become replacement characters: odd text, as uploads can hold.
    let text = String::from_utf8_lossy(data);
    let _ = parse_locality_counties_record(&csv_cells(&text));
});
