//! What one printed value on a bill is, by its shape: an amount, a date, a revenue code, a
//! CPT/HCPCS code, a number of units. Read as billing systems and OCR print them.
//!
//! These readers are the layout reader's own until the shared amount, date and code parsers
//! of the bill importers land in one place; then they should call those.

use crate::money::Money;
use crate::time::Date;

/// An amount of money as a bill prints it, in cents: "1,564.00", "$1,564.00", "$ 1,564.00"
/// (the sign already joined), and credits "1,564.00-", "-1,564.00", "($1,564.00)",
/// "1,564.00CR". OCR's "114,60" (a comma for the point) is read too. Two decimals are required:
/// a bill prints cents, and a whole number is a quantity or a code.
pub fn amount(text: &str) -> Option<i64> {
    // A table's rule read with the amount ("773.00;", "|27.50").
    let mut s = text.trim().trim_matches(|c: char| matches!(c, ';' | ':' | '|' | '[' | ']' | '!' | '{' | '}'));
    let mut negative = false;
    // Peel the signs off in whatever order they were printed: "-$16,438.51", "($25.00)".
    loop {
        let before = s;
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            (s, negative) = (inner, true);
        }
        if let Some(rest) = s.strip_suffix('-').or_else(|| s.strip_suffix("CR")) {
            (s, negative) = (rest, true);
        }
        if let Some(rest) = s.strip_prefix('-') {
            (s, negative) = (rest, true);
        }
        s = s.strip_prefix('$').unwrap_or(s).trim();
        if s == before {
            break;
        }
    }
    let (whole, cents) = decimal_split(s)?;
    let cents = Money::parse(&format!("{whole}.{cents}")).ok()?.cents();
    Some(if negative { -cents } else { cents })
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

/// A date as bills print it: MM/DD/YYYY, MM/DD/YY, M/D/YY, also with dashes; or MM/DD without a
/// year, which takes `year` (the year of the statement's other dates) when given.
pub fn date(text: &str, year: Option<i32>) -> Option<Date> {
    let text = text.trim_matches(|c: char| !c.is_ascii_digit());
    let separator = if text.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = text.split(separator).collect();
    if !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (month, day) = (parts.first()?.parse::<u8>().ok()?, parts.get(1)?.parse::<u8>().ok()?);
    if parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let year = match parts.get(2) {
        Some(y) if y.len() == 4 => y.parse().ok()?,
        Some(y) if y.len() == 2 => 2000 + y.parse::<i32>().ok()?,
        Some(_) => return None,
        None if parts.len() == 2 && separator == '/' => year?,
        None => return None,
    };
    if parts.len() > 3 {
        return None;
    }
    Date::new(year, month, day)
}

/// A hospital revenue code (UB-04 form locator 42): four digits with a leading zero ("0250").
pub fn revenue_code(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    (text.len() == 4 && text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

/// A CPT or HCPCS code and its modifiers: five digits ("99214"), four digits and a letter
/// (category II/III and lab codes: "0001U", "3074F"), or a letter and four digits (HCPCS level
/// II: "J2405"); with modifiers after a dash ("99215-77"). Printed zero-padded to six
/// characters by some hospital systems ("070486" is 70486, "0J2405" is J2405). OCR's O for 0
/// and l or I for 1 in the digits are read as digits.
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
    let modifiers: Vec<String> = parts.map(str::to_uppercase).collect();
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
    let digits = |cs: &[char]| cs.iter().map(|c| digit(*c)).collect::<Option<String>>();
    let read = if let Some(d) = digits(&chars) {
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

/// A CPT/HCPCS modifier: two letters or digits ("25", "59", "RT", "XU").
pub fn modifier(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A count of units: a whole number from 1 to 9,999, or one printed with zero decimals ("2.00").
pub fn units(text: &str) -> Option<u32> {
    let text = text.trim_matches(|c: char| matches!(c, '|' | ':' | ';' | '[' | ']' | '!'));
    let whole = match text.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => text,
    };
    whole.parse::<u32>().ok().filter(|u| (1..=9_999).contains(u))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for text in ["2500000004", "74000040", "HBG1004", "0250", "123456", "Total"] {
            assert_eq!(procedure_code(text), None, "{text}");
        }
        assert_eq!(revenue_code("0351"), Some("0351".into()));
        assert_eq!(revenue_code("2023"), None);
        assert_eq!((units("100"), units("2.00"), units("0"), units("1.5")), (Some(100), Some(2), None, None));
    }
}
