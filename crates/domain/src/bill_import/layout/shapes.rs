//! What one printed value on a bill is, by its shape, as OCR and billing systems print it: the
//! bill importers' shared readers of amounts, dates, revenue codes and units, after what a
//! table adds to a value (a rule read into it, "CR" for a credit, OCR's comma for the point),
//! and the CPT/HCPCS codes a layout must tell from other numbers.

use crate::bill_import::values as shared;
use crate::money::Money;
use crate::time::Date;

/// Characters of a table's rules that OCR reads into a value ("773.00;", "|27.50").
fn without_rules(text: &str) -> &str {
    text.trim().trim_matches(|c: char| matches!(c, ';' | ':' | '|' | '[' | ']' | '!' | '{' | '}'))
}

/// An amount of money as a bill prints it, in cents: "1,564.00", "$1,564.00", "$ 1,564.00"
/// (the sign already joined), and credits "1,564.00-", "-1,564.00", "($1,564.00)",
/// "1,564.00CR". OCR's "114,60" (a comma for the point) is read too. Two decimals are required:
/// a bill prints cents, and a whole number in a table is a quantity or a code.
pub fn amount(text: &str) -> Option<i64> {
    let text = without_rules(text);
    let text = text.strip_suffix("CR").map_or_else(|| text.to_string(), |rest| format!("{rest}-"));
    // The digits and the two decimals, wherever the signs are.
    let number = text.trim_matches(|c: char| matches!(c, '$' | '-' | '(' | ')' | ' '));
    let (whole, cents) = decimal_split(number)?;
    let normalised = text.replacen(number, &format!("{whole}.{cents}"), 1);
    shared::amount(&normalised).map(Money::cents)
}

/// "1,564.00" → ("1,564", "00"); OCR's "114,60" → ("114", "60").
fn decimal_split(s: &str) -> Option<(&str, &str)> {
    let at = s.rfind(['.', ','])?;
    let (whole, cents) = (&s[..at], &s[at + 1..]);
    if cents.len() != 2 || !cents.bytes().all(|b| b.is_ascii_digit()) || whole.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    Some((whole, cents))
}

/// Whether the text looks like an amount OCR could not read cleanly ("$1O4.15", "114.6"):
/// digits with a decimal point or a dollar sign, but not an amount.
pub fn broken_amount(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let money_signs = text.contains('$') || text.contains('.') && !text.contains('/');
    digits >= 2 && money_signs && amount(text).is_none() && !text.contains('=')
}

/// A date as bills print it (the shared reader: MM/DD/YYYY, M/D/YY, with dashes), or MM/DD
/// without a year, which takes `year` (the year of the statement's other dates) when given.
pub fn date(text: &str, year: Option<i32>) -> Option<Date> {
    let text = text.trim_matches(|c: char| !c.is_ascii_digit());
    if let Some(date) = shared::date(text) {
        return Some(date);
    }
    let (month, day) = text.split_once('/')?;
    let number = |part: &str| (1..=2).contains(&part.len()).then(|| part.parse::<u8>().ok()).flatten();
    Date::new(year?, number(month)?, number(day)?)
}

/// A revenue code standing alone in a row (UB-04 form locator 42): four digits with a leading
/// zero ("0250"); a number without it is more likely something else.
pub fn revenue_code(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    text.starts_with('0').then(|| shared::revenue_code(text)).flatten().filter(|code| code.len() == text.len())
}

/// A revenue code in a column headed as one: also without its leading zero ("250"), and with
/// the leading zero OCR read as a letter ("o370", "O250"): the column holds nothing else.
pub fn revenue_code_in_column(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let zero_read_as_a_letter = text.len() == 4 && text.starts_with(['o', 'O', 'D', 'Q']);
    if zero_read_as_a_letter {
        return shared::revenue_code(&format!("0{}", &text[1..]));
    }
    shared::revenue_code(text)
}

/// A CPT or HCPCS code and its modifiers: five digits ("99214"), four digits and a letter
/// (category II/III and lab codes: "0001U", "3074F"), or a letter and four digits (HCPCS level
/// II: "J2405"); with modifiers after a dash ("99215-77"). Printed zero-padded to six
/// characters by some hospital systems ("070486" is 70486, "0J2405" is J2405). OCR's O for 0
/// and l or I for 1 in the digits are read as digits, and after the first character its Q or
/// D for 0.
pub fn procedure_code(text: &str) -> Option<(String, Vec<String>)> {
    // OCR reads a HCPCS code's J as a bracket ("0)2405", ")2405"); as a leading or trailing
    // bracket it is the table's rule.
    let bracketed_j = |t: &str| {
        let digits_after = |at: usize| t.len() == at + 5 && t[at + 1..].bytes().all(|b| b.is_ascii_digit());
        let bracket = |at: usize| t.as_bytes().get(at).is_some_and(|b| matches!(b, b')' | b']'));
        (bracket(1) && t.starts_with('0') && digits_after(1)) || (bracket(0) && digits_after(0))
    };
    let read_j: String;
    let text = if bracketed_j(text) {
        read_j = text.replacen([')', ']'], "J", 1);
        read_j.as_str()
    } else {
        text
    };
    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let mut parts = text.split('-').filter(|p| !p.is_empty());
    let code = parts.next()?;
    let mut modifiers: Vec<String> = parts.map(str::to_uppercase).collect();
    // Modifiers printed against the code ("97110GP", "29881RT59"): pairs after five characters,
    // one of them with a letter, so that a longer number is not taken for a code.
    let code = match (code.get(..5), code.get(5..)) {
        (Some(head), Some(tail))
            if !tail.is_empty()
                && tail.len() % 2 == 0
                && tail.len() <= 8
                && tail.bytes().any(|b| b.is_ascii_alphabetic())
                && tail.as_bytes().chunks(2).all(|pair| pair.iter().all(u8::is_ascii_alphanumeric)) =>
        {
            let run: Vec<String> = tail.as_bytes().chunks(2).map(|pair| String::from_utf8_lossy(pair).to_uppercase()).collect();
            modifiers.splice(0..0, run);
            head
        }
        _ => code,
    };
    if modifiers.iter().any(|m| !modifier(m)) {
        return None;
    }
    let code = code.to_uppercase();
    let code = if code.len() == 6 && code.starts_with(['0', 'O']) { &code[1..] } else { &code[..] };
    if code.len() != 5 {
        return None;
    }
    let chars: Vec<char> = code.chars().collect();
    let digit = |c: char| match c {
        'O' => Some('0'),
        'I' | 'L' => Some('1'),
        c if c.is_ascii_digit() => Some(c),
        _ => None,
    };
    // After the first character, where no code has a Q or a D, those are OCR's round 0
    // ("JQ131" is J0131); first, they are HCPCS's Q and D codes (Q0091, D1110).
    let later_digit = |c: char| match c {
        'Q' | 'D' => Some('0'),
        c => digit(c),
    };
    let digits = |cs: &[char]| cs.iter().map(|c| later_digit(*c)).collect::<Option<String>>();
    // A capital L first is HCPCS's orthotics and prosthetics (L1833), not OCR's 1; a small
    // one is OCR's.
    let orthotic = code.starts_with('L') && text.trim_start_matches('0').starts_with('L');
    let read = if let Some(d) = digit(chars[0]).filter(|_| !orthotic).and_then(|first| Some(format!("{first}{}", digits(&chars[1..])?))) {
        d
    } else if chars[0].is_ascii_alphabetic() && chars[0] != 'O' {
        format!("{}{}", chars[0], digits(&chars[1..])?)
    } else if matches!(chars[4], 'F' | 'T' | 'U' | 'M') {
        format!("{}{}", digits(&chars[..4])?, chars[4])
    } else {
        return None;
    };
    Some((read, modifiers))
}

/// A CPT/HCPCS code in a column headed as codes, where OCR's reading of a modifier's dash as
/// a point, comma, underscore or equals sign ("99213.25", "99213,25") is still the dash: in
/// that column the text is not an amount.
pub fn procedure_code_in_column(text: &str) -> Option<(String, Vec<String>)> {
    let trimmed = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let bytes = trimmed.as_bytes();
    let dash_misread = bytes.len() == 8
        && matches!(bytes[5], b'.' | b',' | b'_' | b'=' | b'~')
        && bytes[..5].iter().chain(&bytes[6..]).all(u8::is_ascii_alphanumeric);
    if dash_misread {
        return procedure_code(&format!("{}-{}", &trimmed[..5], &trimmed[6..]));
    }
    procedure_code(text)
}

/// A CPT/HCPCS modifier: two letters or digits ("25", "59", "RT", "XU").
pub fn modifier(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A count of units, by the shared reader ("2.00" is 2), from 1 to 9,999.
pub fn units(text: &str) -> Option<u32> {
    // OCR reads a speck after a number as a comma ("2,"): no quantity ends in one.
    // "x2" and "2x" are two, as some statements print a count.
    let text = without_rules(text);
    let text = text.trim_end_matches(',');
    let text = text.strip_prefix(['x', 'X']).or_else(|| text.strip_suffix(['x', 'X'])).unwrap_or(text);
    shared::units(text).filter(|u| (1..=9_999).contains(u))
}

/// Whether the text is one whole value of a bill's table, with digits: an amount, a CPT/HCPCS
/// code, a revenue code, a date or a count of units.
pub fn whole_value(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        && (amount(text).is_some()
            || procedure_code(text).is_some()
            || revenue_code_in_column(text).is_some()
            || date(text, None).is_some()
            || units(text).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_value_is_an_amount_a_code_a_date_or_a_count_and_nothing_less_or_more() {
        for value in ["1,609.00", "$27.50", "72125", "J3490", "0350", "12/22/2023", "1", "12"] {
            assert!(whole_value(value), "{value}");
        }
        for not in ["", "T", "go!", "0350CT", "0250|Pharmacy", ".258:53", "1,609.0", "74000040 1", "CT"] {
            assert!(!whole_value(not), "{not}");
        }
    }

    #[test]
    fn amounts_with_dollar_signs_and_credits_in_every_printed_form() {
        for (text, cents) in [
            ("1,564.00", 156_400),
            ("$1,564.00", 156_400),
            ("1,564.00-", -156_400),
            ("-$16,438.51", -1_643_851),
            ("($25.00)", -2_500),
            ("114,60", 11_460),
            ("0.01", 1),
            ("773.00;", 77_300),
            ("1,564.00CR", -156_400),
            ("$ 1,564.00-", -156_400),
            ("$0.00", 0),
        ] {
            assert_eq!(amount(text), Some(cents), "{text}");
        }
        for text in ["2500000004", "80053", "12.5", "02/25/2023", "$", "1.2.3", "7258.50=REPORTED"] {
            assert_eq!(amount(text), None, "{text}");
        }
        assert!(broken_amount("$1O4.15") && broken_amount("114.6") && !broken_amount("80053") && !broken_amount("02/25/2023"));
    }

    #[test]
    fn dates_with_long_short_or_no_years() {
        assert_eq!(date("02/25/2023", None), Date::new(2023, 2, 25));
        assert_eq!(date("1/2/05", None), Date::new(2005, 1, 2));
        assert_eq!(date("11/10", Some(2023)), Date::new(2023, 11, 10));
        assert_eq!(date("11/10", None), None);
        assert_eq!(date("13/40/2023", None), None);
        assert_eq!(date("02/25/2023|", None), Date::new(2023, 2, 25));
        assert_eq!(date("1-234-567", None), None);
    }

    #[test]
    fn codes_printed_with_a_leading_zero_are_the_code_without_it() {
        let code = |t: &str| procedure_code(t).map(|(c, m)| (c, m.join(",")));
        assert_eq!(code("070486"), Some(("70486".into(), String::new())));
        assert_eq!(code("0J2405"), Some(("J2405".into(), String::new())));
        assert_eq!(code("99215-77"), Some(("99215".into(), "77".into())));
        assert_eq!(code("0001U"), Some(("0001U".into(), String::new())));
        assert_eq!(code("G0O01"), Some(("G0001".into(), String::new())));
        assert_eq!(code("O72125"), Some(("72125".into(), String::new())));
        assert_eq!(code("/{99284"), Some(("99284".into(), String::new())));
        assert_eq!(code("0)2405"), Some(("J2405".into(), String::new())));
        assert_eq!(code(")1100"), Some(("J1100".into(), String::new())));
    }

    #[test]
    fn a_q_or_d_after_the_first_character_is_ocr_s_zero_and_first_it_is_the_code_s_letter() {
        let code = |t: &str| procedure_code(t).map(|(c, _)| c);
        assert_eq!(code("JQ131"), Some("J0131".into()));
        assert_eq!(code("7D450"), Some("70450".into()));
        assert_eq!(code("Q0091"), Some("Q0091".into()));
        assert_eq!(code("D1110"), Some("D1110".into()));
        // A capital L first is an orthotic's HCPCS code; a small one is OCR's 1.
        assert_eq!(code("L1833"), Some("L1833".into()));
        assert_eq!(code("l1833"), Some("11833".into()));
        assert_eq!(code("9921L"), Some("99211".into()));
        // Modifiers printed against their code.
        let with_modifiers = |t: &str| procedure_code(t).map(|(c, m)| (c, m.join(",")));
        assert_eq!(with_modifiers("97110GP"), Some(("97110".into(), "GP".into())));
        assert_eq!(with_modifiers("29881RT59"), Some(("29881".into(), "RT,59".into())));
        assert_eq!(with_modifiers("97110GPCQ"), Some(("97110".into(), "GP,CQ".into())));
        assert_eq!(with_modifiers("9921359"), None, "seven digits are a number, not a code and a modifier");
        assert_eq!((units("x2"), units("X1"), units("3x"), units("x")), (Some(2), Some(1), Some(3), None));
        assert_eq!(code("QD091"), Some("Q0091".into()));
        assert_eq!(code("JQQQ"), None);
        for text in ["2500000004", "74000040", "HBG1004", "0250", "123456", "Total"] {
            assert_eq!(procedure_code(text), None, "{text}");
        }
        assert_eq!(revenue_code("0351"), Some("0351".into()));
        assert_eq!(revenue_code("2023"), None);
        assert_eq!((units("100"), units("2.00"), units("0"), units("1:")), (Some(100), Some(2), None, Some(1)));
        assert_eq!((units("2,"), units("2."), units(","), units("1,5")), (Some(2), Some(2), None, None));
        assert_eq!(
            (revenue_code("0250"), revenue_code("250"), revenue_code_in_column("250")),
            (Some("0250".into()), None, Some("0250".into()))
        );
        // In the column, OCR's letter for the leading zero; nowhere else, and only that.
        assert_eq!((revenue_code_in_column("o370"), revenue_code_in_column("O250")), (Some("0370".into()), Some("0250".into())));
        assert_eq!((revenue_code("o370"), revenue_code_in_column("o37"), revenue_code_in_column("oo37")), (None, None, None));
        // A modifier's dash read as a point, in the codes' column only.
        let with_modifier = Some(("99213".to_string(), vec!["25".to_string()]));
        assert_eq!((procedure_code_in_column("99213.25"), procedure_code_in_column("99213,25")), (with_modifier.clone(), with_modifier));
        assert_eq!(
            (procedure_code("99213.25"), procedure_code_in_column("9921.325"), procedure_code_in_column("99213.2")),
            (None, None, None)
        );
    }
}
