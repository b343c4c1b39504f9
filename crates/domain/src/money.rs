//! Money as whole cents: never floats.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of US money in cents. On the wire: an integer number of cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("enter an amount in dollars and cents, like 1,250.00")]
    NotAnAmount,
    #[error("enter the amount without a minus sign")]
    Negative,
    #[error("enter an amount under $100,000,000")]
    TooLarge,
}

impl Money {
    pub const fn from_cents(cents: i64) -> Self {
        Self(cents)
    }

    pub const fn from_dollars(dollars: i64) -> Self {
        Self(dollars * 100)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Reads what people type: "1250", "1,250.5", "$1,250.00". Commas must group thousands.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        let s = input.trim().trim_start_matches('$').trim();
        if s.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() && fraction.is_empty() || fraction.len() > 2 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::NotAnAmount);
        }
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped_right =
            groups.len() == 1 || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        let digits: String = groups.concat();
        if !grouped_right || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 8 {
            return Err(if digits.len() > 8 && digits.bytes().all(|b| b.is_ascii_digit()) {
                MoneyError::TooLarge
            } else {
                MoneyError::NotAnAmount
            });
        }
        let dollars: i64 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| MoneyError::NotAnAmount)? };
        let cents: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| MoneyError::NotAnAmount)? * 10,
            _ => fraction.parse().map_err(|_| MoneyError::NotAnAmount)?,
        };
        Ok(Self(dollars * 100 + cents))
    }
}

impl Money {
    /// Rounded half up to whole dollars, as ranges are shown: "$1,254".
    pub fn whole_dollars(self) -> String {
        let rounded = Money::from_cents((self.0 + 50).div_euclid(100) * 100).to_string();
        rounded.trim_end_matches(".00").to_string()
    }
}

impl fmt::Display for Money {
    /// "$1,234.56", with a thousands separator.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let cents = self.0.unsigned_abs();
        write!(f, "{sign}${}.{:02}", group_thousands(cents / 100), cents % 100)
    }
}

/// A whole number with a comma between each group of three digits, as people write it in the
/// US: 1234567 → "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(
            [group_thousands(0), group_thousands(999), group_thousands(1000), group_thousands(1_234_567)],
            ["0", "999", "1,000", "1,234,567"]
        );
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        for (input, cents) in [
            ("1250", 125_000),
            ("1,250.5", 125_050),
            ("$1,250.00", 125_000),
            (" 400.01 ", 40_001),
            (".99", 99),
            ("0", 0),
            ("$12,345,678.90", 1_234_567_890),
        ] {
            assert_eq!(Money::parse(input), Ok(Money::from_cents(cents)), "{input}");
        }
    }

    #[test]
    fn whole_dollars_round_half_up() {
        assert_eq!(Money::from_cents(25_353).whole_dollars(), "$254");
        assert_eq!(Money::from_cents(25_349).whole_dollars(), "$253");
        assert_eq!(Money::from_cents(125_050).whole_dollars(), "$1,251");
        assert_eq!(Money::from_cents(0).whole_dollars(), "$0");
    }

    #[test]
    fn non_amounts_are_refused_with_a_reason() {
        for input in ["", "abc", "12.345", "1,25", "1,2345.00", "$", "12..3", ",100"] {
            assert_eq!(Money::parse(input), Err(MoneyError::NotAnAmount), "{input}");
        }
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("123456789"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn amounts_display_with_separators() {
        assert_eq!(Money::from_cents(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(Money::from_cents(40_000).to_string(), "$400.00");
        assert_eq!(Money::from_cents(5).to_string(), "$0.05");
    }
}
