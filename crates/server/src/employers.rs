//! Loading the employers (tenants) a deployment serves: the bundled file lists none; an
//! operator's file adds them, and a bad one stops the server with the line at fault.

use advocate_domain::employer::Employers;
use std::path::Path;

const BUNDLED: &str = include_str!("../config/employers.toml");

pub fn load(file: Option<&Path>) -> anyhow::Result<Employers> {
    crate::config_file::load(file, BUNDLED, "employers", Employers::problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> anyhow::Result<Employers> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("employers.toml");
        std::fs::write(&path, text).unwrap();
        load(Some(&path))
    }

    const ACME: &str = "[[employer]]\nslug = \"acme\"\nname = \"Acme\"\nallowed_origins = [\"https://intranet.acme.example\"]\n\
                        advocate_phone = \"866-555-0100\"\n[employer.colours]\nprimary = \"#5a2d82\"\naction = \"#0b6e4f\"\n";

    #[test]
    fn the_bundled_file_lists_no_employer() {
        assert!(load(None).unwrap().employers.is_empty());
    }

    #[test]
    fn an_employer_is_read_with_its_overrides() {
        let employers = load_text(ACME).unwrap();
        let acme = employers.find("acme").unwrap();
        let program = acme.program(&crate::program::load(None).unwrap());
        assert_eq!(program.advocate_phone.to_string(), "866-555-0100");
        assert_eq!(program.sponsor_name, "Cigna", "what is not overridden stays the program's");
    }

    #[test]
    fn a_bad_value_is_refused_with_the_line_at_fault() {
        let pale = ACME.replace("#5a2d82", "#a0a0ff");
        let error = format!("{:#}", load_text(&pale).unwrap_err());
        assert!(error.contains("line 7") && error.contains("4.5:1"), "{error}");
        let http = ACME.replace("https://intranet", "http://intranet");
        let error = format!("{:#}", load_text(&http).unwrap_err());
        assert!(error.contains("line 4") && error.contains("https"), "{error}");
        let typo = ACME.replace("allowed_origins", "allowed_origin");
        assert!(format!("{:#}", load_text(&typo).unwrap_err()).contains("line 4"));
    }

    #[test]
    fn problems_across_employers_are_named() {
        let twice = format!("{ACME}{ACME}");
        assert!(format!("{:#}", load_text(&twice).unwrap_err()).contains("listed twice"));
        let nobody = ACME.replace("[\"https://intranet.acme.example\"]", "[]");
        assert!(format!("{:#}", load_text(&nobody).unwrap_err()).contains("no allowed_origins"));
    }
}
