//! The program's settings: who sponsors it, how to reach an advocate, when, and the general
//! conditions a member should know. The server serves them at `GET /api/program`; the SPA never
//! hard-codes them.

use crate::hours::AdvocateHours;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramSettings {
    /// What members call the service, e.g. "Health Advocacy Program".
    pub program_name: String,
    /// The company that offers it to the employer, e.g. "Cigna".
    pub sponsor_name: String,
    /// The company whose advocates do the work, e.g. "Health Advocate, Inc.".
    pub vendor_name: String,
    /// The dedicated toll-free number; it answers 24/7.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "866-799-2725"))]
    pub advocate_phone: PhoneNumber,
    /// The carrier's member services number, where requests the program directs to the carrier
    /// go (the NOTEs under each service area). An operator's setting: the program description
    /// gives none, so when it is unset members are sent to the number on their ID card.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "800-244-6224"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_phone: Option<PhoneNumber>,
    /// When advocates answer; outside these hours an advocate calls back the next business day.
    #[serde(default = "AdvocateHours::program_default")]
    pub hours: AdvocateHours,
    /// The program's general conditions, in plain words.
    pub conditions: Vec<GeneralCondition>,
}

/// One general condition of the program, written for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GeneralCondition {
    /// A short heading: "It is not insurance".
    pub title: String,
    /// One or two plain sentences.
    pub text: String,
}

impl ProgramSettings {
    /// Why these settings cannot be served, if they cannot (each a sentence an operator can act on).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, value) in
            [("program_name", &self.program_name), ("sponsor_name", &self.sponsor_name), ("vendor_name", &self.vendor_name)]
        {
            if value.trim().is_empty() {
                problems.push(format!("{name} must not be empty"));
            }
        }
        problems.extend(self.hours.problems());
        if self.conditions.is_empty() {
            problems.push("conditions must list the program's general conditions".to_string());
        }
        for (i, condition) in self.conditions.iter().enumerate() {
            if condition.title.trim().is_empty() || condition.text.trim().is_empty() {
                problems.push(format!("conditions[{i}] needs both a title and a text"));
            }
        }
        problems
    }
}

/// A North American phone number: ten digits, shown as 866-799-2725 and dialled as
/// +18667992725; with an extension when one is written after it ("ext. 12", "x12"), as a work
/// phone often has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    digits: [u8; 10],
    extension: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter a 10-digit US phone number, like 866-799-2725")]
pub struct PhoneNumberError;

/// The words that introduce an extension, longest first (folded to lower case).
const EXTENSION_WORDS: [&str; 5] = ["extension", "ext.", "ext", "x", "#"];
/// The longest extension a switchboard uses.
const EXTENSION_MAX: usize = 6;

impl PhoneNumber {
    /// Reads the ways people write US numbers: "866.799.2725", "(866) 799-2725", "+1 866 799 2725",
    /// and an extension after them: "866-799-2725 ext. 12", "866-799-2725 x12".
    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        let lower = input.trim().to_ascii_lowercase();
        let (number, extension) = match EXTENSION_WORDS.iter().find_map(|word| lower.split_once(word)) {
            Some((number, extension)) => {
                let extension = extension.trim().trim_start_matches([':', '.']).trim();
                if extension.is_empty() || extension.len() > EXTENSION_MAX || !extension.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(PhoneNumberError);
                }
                (number.trim_end().trim_end_matches(',').to_string(), Some(extension.to_string()))
            }
            None => (lower, None),
        };
        if number.chars().any(|c| !(c.is_ascii_digit() || " .-()+".contains(c))) {
            return Err(PhoneNumberError);
        }
        let digits: Vec<u8> = number.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
        let digits = match digits.as_slice() {
            [1, rest @ ..] if rest.len() == 10 => rest,
            all => all,
        };
        // Area codes and exchanges never start with 0 or 1 (North American Numbering Plan).
        match digits {
            [a, _, _, e, ..] if digits.len() == 10 && *a >= 2 && *e >= 2 => {
                Ok(Self { digits: digits.try_into().expect("ten digits"), extension })
            }
            _ => Err(PhoneNumberError),
        }
    }

    /// The `tel:` link target, in E.164, with the extension as RFC 3966 writes it.
    pub fn tel_uri(&self) -> String {
        match &self.extension {
            Some(extension) => format!("tel:+1{};ext={extension}", self.digits()),
            None => format!("tel:+1{}", self.digits()),
        }
    }

    fn digits(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{}-{}-{}", &d[0..3], &d[3..6], &d[6..10])?;
        match &self.extension {
            Some(extension) => write!(f, " ext. {extension}"),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for PhoneNumber {
    type Err = PhoneNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PhoneNumber::parse(s)
    }
}

crate::serde_as_string!(PhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_read_in_the_usual_us_forms() {
        for input in ["866.799.2725", "(866) 799-2725", "+1 866 799 2725", "18667992725", "866-799-2725"] {
            let phone = PhoneNumber::parse(input).unwrap();
            assert_eq!(phone.to_string(), "866-799-2725", "{input}");
            assert_eq!(phone.tel_uri(), "tel:+18667992725");
        }
    }

    #[test]
    fn an_extension_written_after_the_number_is_kept_and_dialled() {
        for input in [
            "866-799-2725 ext. 12",
            "866-799-2725 x12",
            "(866) 799-2725 Ext 12",
            "866.799.2725, extension 12",
            "866-799-2725 #12",
            "866-799-2725 ext: 12",
        ] {
            let phone = PhoneNumber::parse(input).unwrap();
            assert_eq!(phone.to_string(), "866-799-2725 ext. 12", "{input}");
            assert_eq!(phone.tel_uri(), "tel:+18667992725;ext=12", "{input}");
            assert_eq!(phone.to_string().parse::<PhoneNumber>(), Ok(phone), "it reads back");
        }
        // Up to six digits; nothing but digits.
        assert!(PhoneNumber::parse("866-799-2725 x123456").is_ok());
        for input in ["866-799-2725 x1234567", "866-799-2725 ext.", "866-799-2725 x12a", "ext 12", "799-2725 x12"] {
            assert_eq!(PhoneNumber::parse(input), Err(PhoneNumberError), "{input}");
        }
    }

    #[test]
    fn numbers_that_cannot_be_dialled_are_refused() {
        for input in ["", "799-2725", "866-799-27255", "066-799-2725", "866-199-2725", "866-799-ABCD"] {
            assert_eq!(PhoneNumber::parse(input), Err(PhoneNumberError), "{input}");
        }
    }

    #[test]
    fn settings_without_hours_get_the_programs_published_hours() {
        let json = r#"{"program_name":"P","sponsor_name":"S","vendor_name":"V","advocate_phone":"866.799.2725",
            "conditions":[{"title":"t","text":"x"}]}"#;
        let settings: ProgramSettings = serde_json::from_str(json).unwrap();
        assert_eq!(settings.hours, AdvocateHours::program_default());
        assert!(settings.problems().is_empty());
    }

    #[test]
    fn settings_name_each_problem() {
        let json = r#"{"program_name":" ","sponsor_name":"S","vendor_name":"V","advocate_phone":"866.799.2725",
            "conditions":[{"title":"","text":"x"}]}"#;
        let settings: ProgramSettings = serde_json::from_str(json).unwrap();
        assert_eq!(settings.problems(), ["program_name must not be empty", "conditions[0] needs both a title and a text"]);
    }
}
