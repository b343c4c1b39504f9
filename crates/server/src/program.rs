//! Loading the program's settings: the bundled default, or an operator's file.

use advocate_domain::ProgramSettings;
use std::path::Path;

const BUNDLED: &str = include_str!("../config/program.toml");

/// Reads the program settings, refusing a file that cannot be served with every problem named.
pub fn load(file: Option<&Path>) -> anyhow::Result<ProgramSettings> {
    crate::config_file::load(file, BUNDLED, "program settings", ProgramSettings::problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_settings_are_the_programs() {
        let settings = load(None).unwrap();
        assert_eq!(settings.sponsor_name, "Cigna");
        assert_eq!(settings.advocate_phone.to_string(), "866-799-2725");
        assert_eq!(settings.hours.summary(), "Monday to Friday, 8:00 am to midnight ET");
        assert!(settings.conditions.iter().any(|c| c.title == "It is not insurance"));
        // All eight general conditions, faithfully: condition 6 keeps "life or disability",
        // condition 8 (delays beyond either party's control) is there.
        let texts: Vec<&str> = settings.conditions.iter().map(|c| c.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.contains("life or disability insurance")));
        assert!(texts.iter().any(|t| t.contains("not within either party's control")));
        assert!(texts.iter().any(|t| t.contains("dependent children")));
        assert!(settings.conditions.len() >= 8);
    }

    #[test]
    fn a_bad_file_is_refused_with_the_line_at_fault() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("program.toml");
        std::fs::write(
            &path,
            "program_name = \"P\"\nsponsor_name = \"S\"\nvendor_name = \"V\"\nadvocate_phone = \"555\"\nconditions = []\n",
        )
        .unwrap();
        let error = format!("{:#}", load(Some(&path)).unwrap_err());
        assert!(error.contains("line 4"), "{error}");
        assert!(error.contains("10-digit US phone number"), "{error}");
    }

    #[test]
    fn settings_with_problems_are_refused_with_each_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("program.toml");
        std::fs::write(
            &path,
            "program_name = \"\"\nsponsor_name = \"S\"\nvendor_name = \"V\"\nadvocate_phone = \"866-799-2725\"\nconditions = []\n",
        )
        .unwrap();
        let error = format!("{:#}", load(Some(&path)).unwrap_err());
        assert!(error.contains("program_name must not be empty"), "{error}");
        assert!(error.contains("conditions must list"), "{error}");
    }
}
