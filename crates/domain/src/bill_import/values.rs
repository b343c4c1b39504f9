//! The values a bill holds, in the forms bills print them: amounts, US dates, revenue codes and
//! units. Each is read here once, for every reader (CSV exports, statement text, X12 files); a
//! reader adds only what its own format says on top (an X12 number has no "$", a charge on a
//! statement is printed with its cents).

use crate::money::Money;
use crate::time::Date;

/// An amount as bills print it: "$1,564.00", "$ 1,564.00", "1564", and a credit written
/// "-25.00", "-$25.00", "$-25", "(12.50)", "$(12.50)" or "1,564.00-" (the trailing minus of
/// accounting printouts).
pub(crate) fn amount(text: &str) -> Option<Money> {
    let mut negative = false;
    let mut rest = text.trim();
    rest = rest.strip_prefix('$').unwrap_or(rest).trim();
    if let Some(inner) = rest.strip_prefix('(').and_then(|inner| inner.strip_suffix(')')) {
        negative = true;
        rest = inner.trim();
    }
    if let Some(unsigned) = rest.strip_prefix('-').or_else(|| rest.strip_suffix('-')) {
        negative = !negative;
        rest = unsigned.trim();
    }
    let amount = Money::parse(rest.strip_prefix('$').unwrap_or(rest)).ok()?;
    Some(if negative { Money::from_cents(-amount.cents()) } else { amount })
}

/// A date as US bills print it: 12/31/2025, 3/1/25, 12-31-2025 or 2025-12-31; a time after it is
/// ignored. A two-digit year on a medical bill is this century's.
pub(crate) fn date(text: &str) -> Option<Date> {
    let text = text.split_whitespace().next()?;
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split(['/', '-']);
    let (month, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |part: &str, most_digits: usize| {
        let digits = (1..=most_digits).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse::<u16>().ok()).flatten()
    };
    let year = match year.len() {
        2 => 2000 + number(year, 2)?,
        4 => number(year, 4)?,
        _ => return None,
    };
    Date::new(i32::from(year), u8::try_from(number(month, 2)?).ok()?, u8::try_from(number(day, 2)?).ok()?)
}

/// A revenue code (the UB-04's form locator 42, as NUBC numbers them): four digits. Spreadsheets
/// and some senders drop the leading zero ("351" for 0351); the four-digit form is given back.
pub(crate) fn revenue_code(text: &str) -> Option<String> {
    match text.len() {
        3 | 4 if text.bytes().all(|b| b.is_ascii_digit()) => Some(format!("{text:0>4}")),
        _ => None,
    }
}

/// Units as a whole number: "1.00" is 1, "2.5" rounds to 3, and a fraction of a unit (0.25
/// hour) still counts as one service.
pub(crate) fn units(value: &str) -> Option<u32> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if whole.is_empty() && fraction.is_empty() || !(whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let round_up = fraction.bytes().next().is_some_and(|digit| digit >= b'5');
    let units = whole.checked_add(u32::from(round_up))?;
    Some(if units == 0 && fraction.bytes().any(|b| b != b'0') { 1 } else { units })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(cents: i64) -> Option<Money> {
        Some(Money::from_cents(cents))
    }

    #[test]
    fn amounts_are_read_in_the_forms_bills_print() {
        for (text, expected) in
            [("$1,564.00", 156_400), ("$ 1,564.00", 156_400), ("1564", 156_400), ("1,250.5", 125_050), (" $ 40.01 ", 4_001), ("0.00", 0)]
        {
            assert_eq!(amount(text), cents(expected), "{text}");
        }
    }

    #[test]
    fn a_credit_is_negative_however_it_is_written() {
        for text in ["-12.50", "-$12.50", "$-12.50", "(12.50)", "$(12.50)", "12.50-", "$12.50-"] {
            assert_eq!(amount(text), cents(-1_250), "{text}");
        }
    }

    #[test]
    fn what_is_not_an_amount_is_none() {
        for bad in ["", "abc", "$", "-", "12.345", "1,25", "(25.00", "--5", "-5-", "12O.00", "2500000004"] {
            assert_eq!(amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn us_dates_and_iso_dates_are_read() {
        let new_years_eve = Date::new(2025, 12, 31);
        for text in ["12/31/2025", "12/31/25", "12-31-2025", "2025-12-31", "12/31/2025 14:30"] {
            assert_eq!(date(text), new_years_eve, "{text}");
        }
        assert_eq!(date("3/1/25"), Date::new(2025, 3, 1));
    }

    #[test]
    fn what_is_not_a_date_on_the_calendar_is_none() {
        for bad in
            ["", "13/01/2025", "02/30/2025", "31/12/2025", "March 1", "2025/03", "1/1/025", "001/01/2025", "11/16", "99215-77", "+3/1/2025"]
        {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_revenue_code_without_its_leading_zero_gets_it_back() {
        assert_eq!(revenue_code("0351").as_deref(), Some("0351"));
        assert_eq!(revenue_code("351").as_deref(), Some("0351"));
        for bad in ["", "35", "03510", "35A", "CT"] {
            assert_eq!(revenue_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn units_round_sensibly() {
        for (text, expected) in
            [("1", Some(1)), ("1.00", Some(1)), ("2.5", Some(3)), ("2.49", Some(2)), ("0.25", Some(1)), ("0", Some(0)), (".5", Some(1))]
        {
            assert_eq!(units(text), expected, "{text}");
        }
        for bad in ["", ".", "x", "-1", "99999999999"] {
            assert_eq!(units(bad), None, "{bad}");
        }
    }
}
