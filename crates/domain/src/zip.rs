//! US ZIP codes.

use std::fmt;

/// A five-digit US ZIP code. ZIP+4 input is accepted and kept to its first five digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Zip([u8; 5]);

/// A ZIP code that does not read. Its message is the one every ZIP code field shows, missing or
/// wrong: the finder, call mode, the estimate, the bill check and the API's answers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", ZipError::MESSAGE)]
pub struct ZipError;

impl ZipError {
    /// What to type, as the sentence beside the field.
    pub const MESSAGE: &'static str = "Enter a 5-digit ZIP code, like 10001 (or ZIP+4, like 10001-1234).";
}

impl Zip {
    pub fn parse(input: &str) -> Result<Self, ZipError> {
        let s = input.trim();
        let five = match s.split_once('-') {
            Some((five, four)) if four.len() == 4 && four.bytes().all(|b| b.is_ascii_digit()) => five,
            Some(_) => return Err(ZipError),
            None => s,
        };
        let bytes: [u8; 5] = five.as_bytes().try_into().map_err(|_| ZipError)?;
        if bytes.iter().all(u8::is_ascii_digit) { Ok(Self(bytes)) } else { Err(ZipError) }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII digits")
    }
}

impl fmt::Display for Zip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Zip {
    type Err = ZipError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Zip::parse(s)
    }
}

crate::serde_as_string!(Zip);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_digits_and_zip_plus_four_are_accepted() {
        assert_eq!(Zip::parse("10001").unwrap().as_str(), "10001");
        assert_eq!(Zip::parse(" 12345-6789 ").unwrap().as_str(), "12345");
        assert_eq!(Zip::parse("00501").unwrap().to_string(), "00501");
    }

    #[test]
    fn a_zip_code_that_does_not_read_says_what_to_type_as_a_sentence() {
        let message = ZipError.to_string();
        assert_eq!(message, ZipError::MESSAGE);
        assert_eq!(crate::problem::as_sentence(&message), message, "already a sentence");
        assert!(message.contains("5-digit") && message.contains("ZIP+4"));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in ["", "1234", "123456", "12a45", "12345-678", "12345-", "12345 6789", "１２３４５"] {
            assert_eq!(Zip::parse(bad), Err(ZipError), "{bad}");
        }
    }
}
