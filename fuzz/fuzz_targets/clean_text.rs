//! Clean text at the boundary (`text::check`): any text is accepted or refused, never a panic,
//! and what is accepted keeps the rules: within its length in characters, no direction
//! override, no control character but the line breaks and tabs a many-line field allows.
#![no_main]

use advocate_domain::text::{Lines, check, is_direction_override};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let max = usize::from(first);
    for lines in [Lines::One, Lines::Many] {
        if check(&text, lines, max).is_ok() {
            assert!(text.chars().count() <= max);
            for c in text.chars() {
                assert!(!is_direction_override(c), "{c:?} accepted");
                let allowed_control = lines == Lines::Many && matches!(c, '\n' | '\r' | '\t');
                assert!(!c.is_control() || allowed_control, "{c:?} accepted in {lines:?}");
            }
        }
    }
});
