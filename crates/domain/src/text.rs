//! Clean text at the boundary: what a free-text field may hold before it is stored and shown to
//! an advocate. Every field's length is bounded; no field holds control characters (a NUL, an
//! escape sequence, a line break in a one-line field), nor the invisible characters that reverse
//! the direction of what follows them: shown on a case, "Ana \u{202E}zepoL" reads as another
//! name ("Trojan Source", CVE-2021-42574). Such text is refused, never silently changed, with a
//! message that says what to remove: the member typed or pasted it, and sees it again to fix.
//!
//! The checks run wherever a body is checked (`problems()` of `NewRequest`, the console's notes,
//! `BillReviewRequest`), so in the browser as the member types and on the server as the authority.

/// The bidirectional formatting characters that embed, override or isolate a direction
/// (Unicode Standard Annex #9, "explicit directional formatting characters"): LRE, RLE, PDF, LRO,
/// RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069). The marks LRM and RLM, which
/// names in Arabic or Hebrew script may need, reorder nothing after them and stay allowed.
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The characters `check` refuses, as the body of a regular-expression character class (ECMA-262
/// and Python alike), for the API's schema: in a field of several lines, every control character
/// but tab, line feed and carriage return, and the direction overrides.
pub const REFUSED_IN_LINES: &str = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069";
/// The same for a one-line field: every control character, and the direction overrides.
pub const REFUSED_IN_ONE_LINE: &str = "\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069";

/// What a field holds: one line (a name, a code, a description) or paragraphs (notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// No line breaks, tabs or other control characters.
    One,
    /// Line breaks (CR, LF) and tabs allowed; other control characters not.
    Many,
}

/// Why a text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("longer than {0} characters")]
    TooLong(usize),
    #[error("a line break in a one-line field")]
    LineBreak,
    #[error("a control character")]
    Control,
    #[error("a character that reverses the direction of the text")]
    DirectionOverride,
}

impl TextError {
    /// What to do about it, for a field a member or an advocate reads as `what` ("your name",
    /// "the note"): a sentence for beside the field.
    pub fn advice(self, what: &str) -> String {
        match self {
            TextError::TooLong(max) => format!("Shorten {what} to {} characters or fewer.", crate::money::group_thousands(max as u64)),
            TextError::LineBreak => format!("Write {what} on one line."),
            TextError::Control => {
                format!("Remove the invisible control characters from {what}: type it again rather than pasting it.")
            }
            TextError::DirectionOverride => format!(
                "Remove the invisible characters that reverse the direction of the text from {what}: type it again rather than pasting it."
            ),
        }
    }
}

/// Checks a text against the rules for its kind of field and its longest length, in characters
/// (not bytes: "é" counts once). A text too long is said to be so first (and read no further);
/// otherwise the worst problem in it: a direction override (it disguises), a control
/// character, a line break.
pub fn check(text: &str, lines: Lines, max: usize) -> Result<(), TextError> {
    let severity = |e: TextError| match e {
        TextError::DirectionOverride => 3,
        TextError::Control => 2,
        TextError::LineBreak => 1,
        TextError::TooLong(_) => 0,
    };
    let mut worst: Option<TextError> = None;
    for (i, c) in text.chars().enumerate() {
        if i == max {
            return Err(TextError::TooLong(max));
        }
        let problem = if is_direction_override(c) {
            Some(TextError::DirectionOverride)
        } else if matches!(c, '\n' | '\r') {
            (lines == Lines::One).then_some(TextError::LineBreak)
        } else if c == '\t' {
            (lines == Lines::One).then_some(TextError::Control)
        } else {
            c.is_control().then_some(TextError::Control)
        };
        if problem.map(severity) > worst.map(severity) {
            worst = problem;
        }
    }
    worst.map_or(Ok(()), Err)
}

/// Whether a billing code has the shape of a CPT or HCPCS code (CMS, HCPCS Level I and II):
/// five digits (99213), four digits and a letter (CPT categories II and III, lab and vaccine
/// codes: 0001F, 0042T, 0001U) or a letter and four digits (HCPCS Level II: G0121, J3490).
pub fn is_billing_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && (b.iter().all(u8::is_ascii_digit)
            || (b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_uppercase())
            || (b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)))
}

/// Whether a revenue code has its shape (NUBC, the UB-04's form locator 42): four digits, with
/// its leading zero (0450). The bill readers give it back so when a sender dropped it.
pub fn is_revenue_code(code: &str) -> bool {
    code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a modifier has the shape of a CPT or HCPCS modifier: two letters or digits (25, RT, XU).
pub fn is_modifier(modifier: &str) -> bool {
    modifier.len() == 2 && modifier.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The most modifiers a line carries: the claim forms have four places for them (CMS-1500 item
/// 24D, X12 837 SV101-3 to -6).
pub const MAX_MODIFIERS: usize = 4;

/// Whether an adjustment has the shape of a claim adjustment (X12 835 CAS): a group of two
/// letters (CO, PR, OA, PI, CR) and a reason code of one to five letters or digits (45, B7, 253).
pub fn is_adjustment_code(group: &str, reason: &str) -> bool {
    group.len() == 2
        && group.bytes().all(|b| b.is_ascii_uppercase())
        && (1..=5).contains(&reason.len())
        && reason.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_in_any_script_passes() {
        for text in ["Ana López", "Nguyễn Thị Minh", "محمد", "שרה כהן", "李小龙", "O'Brien-Smith, Jr.", "", "knee pain 😣"]
        {
            assert_eq!(check(text, Lines::One, 100), Ok(()), "{text}");
        }
        assert_eq!(check("Called twice.\nLeft a voicemail.\r\n\tWill try again.", Lines::Many, 100), Ok(()));
        // The marks a right-to-left name may need reorder nothing.
        assert_eq!(check("\u{200F}محمد\u{200E} Ali", Lines::One, 100), Ok(()));
    }

    #[test]
    fn a_direction_override_is_refused_wherever_it_is() {
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            let disguised = format!("Ana {c}zepoL");
            assert_eq!(check(&disguised, Lines::One, 100), Err(TextError::DirectionOverride), "U+{:04X}", c as u32);
            assert_eq!(check(&disguised, Lines::Many, 100), Err(TextError::DirectionOverride), "U+{:04X}", c as u32);
        }
        assert!(!is_direction_override('\u{200F}') && !is_direction_override('\u{2029}') && !is_direction_override('\u{206A}'));
    }

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_in_one_line_fields() {
        for text in ["Ana\0", "Ana\u{1b}[31m", "Ana\u{7f}", "Ana\u{85}", "Ana\u{9b}"] {
            assert_eq!(check(text, Lines::One, 100), Err(TextError::Control), "{text:?}");
            assert_eq!(check(text, Lines::Many, 100), Err(TextError::Control), "{text:?}");
        }
        for text in ["Ana\nLopez", "Ana\rLopez", "Ana\r\nLopez"] {
            assert_eq!(check(text, Lines::One, 100), Err(TextError::LineBreak), "{text:?}");
            assert_eq!(check(text, Lines::Many, 100), Ok(()), "{text:?}");
        }
        assert_eq!(check("Ana\tLopez", Lines::One, 100), Err(TextError::Control));
        // The worst problem is named, wherever it is.
        assert_eq!(check("a\nb\0c", Lines::One, 100), Err(TextError::Control));
        assert_eq!(check("a\0b\u{202E}c\n", Lines::One, 100), Err(TextError::DirectionOverride));
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        assert_eq!(check(&"é".repeat(100), Lines::One, 100), Ok(()));
        assert_eq!(check(&"e".repeat(101), Lines::One, 100), Err(TextError::TooLong(100)));
        assert_eq!(check(&"\0".repeat(101), Lines::One, 100), Err(TextError::TooLong(100)), "too long is said first");
    }

    #[test]
    fn codes_have_their_real_shapes() {
        for code in ["99213", "0001F", "0042T", "0001U", "G0121", "J3490"] {
            assert!(is_billing_code(code), "{code}");
        }
        for code in ["9921", "992133", "ABCDE", "9G213", "99213-25", "g0121", "99 13", "９９２１３"] {
            assert!(!is_billing_code(code), "{code}");
        }
        assert!(is_revenue_code("0450") && is_revenue_code("1001"));
        for code in ["450", "04500", "045A", "", &"0".repeat(10_000)] {
            assert!(!is_revenue_code(code), "{code}");
        }
        assert!(is_modifier("25") && is_modifier("XU") && !is_modifier("XUX") && !is_modifier("-") && !is_modifier("é1"));
        assert!(is_adjustment_code("CO", "45") && is_adjustment_code("PR", "B7") && is_adjustment_code("OA", "253"));
        assert!(!is_adjustment_code("co", "45") && !is_adjustment_code("CO", "") && !is_adjustment_code("CO", "123456"));
    }

    /// The ranges of a character class body of `\\uXXXX` and `\\uXXXX-\\uXXXX`.
    fn class_ranges(class: &str) -> Vec<(u32, u32)> {
        let code = |s: &str| u32::from_str_radix(s, 16).unwrap();
        class.split("\\u").skip(1).fold(Vec::new(), |mut ranges: Vec<(u32, u32)>, part| {
            match part.strip_suffix('-') {
                Some(start) => ranges.push((code(start), u32::MAX)),
                None => match ranges.last_mut() {
                    Some(last) if last.1 == u32::MAX => last.1 = code(part),
                    _ => ranges.push((code(part), code(part))),
                },
            }
            ranges
        })
    }

    #[test]
    fn the_schemas_character_classes_refuse_exactly_what_check_refuses() {
        for (class, lines) in [(REFUSED_IN_LINES, Lines::Many), (REFUSED_IN_ONE_LINE, Lines::One)] {
            let ranges = class_ranges(class);
            for c in (0..0x2100).chain(0xFEFF..0x10000).filter_map(char::from_u32) {
                let in_class = ranges.iter().any(|(a, b)| (*a..=*b).contains(&(c as u32)));
                let refused = check(&c.to_string(), lines, 10).is_err();
                assert_eq!(in_class, refused, "U+{:04X} in {lines:?}", c as u32);
            }
        }
    }

    #[test]
    fn advice_says_what_to_do() {
        assert_eq!(TextError::TooLong(2000).advice("your notes"), "Shorten your notes to 2,000 characters or fewer.");
        assert_eq!(TextError::LineBreak.advice("your name"), "Write your name on one line.");
        assert!(TextError::DirectionOverride.advice("your name").contains("reverse the direction"));
        assert!(TextError::Control.advice("the note").starts_with("Remove the invisible control characters from the note"));
    }
}
