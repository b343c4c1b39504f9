//! The most units of a code one patient is expected to get on one day: Medicare's medically
//! unlikely edits (MUEs), practitioner services, date-of-service edits. The bill review flags a
//! day above the limit.
//!
//! The project's table (`crates/server/data/unit-limits.tsv`, written by `cargo xtask
//! unit-limits` from CMS's practitioner MUE table, 2026 Q2) holds one "CODE<TAB>UNITS" per line;
//! an operator can load a newer CMS table with `advocate-server import-unit-limits`.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// One edit of CMS's MUE table as published in JSON ("adjudicationType", "maxUnits").
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MueEdit {
    pub adjudication_type: String,
    pub max_units: u32,
}

/// The daily unit limits by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitLimits(HashMap<String, u32>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: expected a code, a tab and a number of units, found {found:?}")]
pub struct UnitLimitsError {
    pub line: usize,
    pub found: String,
}

impl UnitLimits {
    pub fn new(limits: HashMap<String, u32>) -> Self {
        UnitLimits(limits)
    }

    /// Reads the project's table; lines starting with '#' are comments.
    pub fn parse(text: &str) -> Result<Self, UnitLimitsError> {
        let mut limits = HashMap::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line.split_once('\t').and_then(|(code, units)| Some((code.trim(), units.trim().parse::<u32>().ok()?)));
            match parsed {
                Some((code, units)) if code.len() == 5 => {
                    limits.insert(code.to_ascii_uppercase(), units);
                }
                _ => return Err(UnitLimitsError { line: number + 1, found: line.to_string() }),
            }
        }
        Ok(UnitLimits(limits))
    }

    /// From CMS's table: only the date-of-service edits, which limit the units of one code for
    /// one patient on one day, as a bill shows them (claim-line edits are a billing detail).
    pub fn from_cms_table(table: &BTreeMap<String, MueEdit>) -> Self {
        UnitLimits(
            table
                .iter()
                .filter(|(_, edit)| edit.adjudication_type == "date_of_service")
                .map(|(code, edit)| (code.trim().to_ascii_uppercase(), edit.max_units))
                .collect(),
        )
    }

    /// The project's table: one "CODE<TAB>UNITS" per line, sorted.
    pub fn to_table(&self) -> String {
        let sorted: BTreeMap<&str, u32> = self.iter().collect();
        sorted.into_iter().map(|(code, units)| format!("{code}\t{units}\n")).collect()
    }

    pub fn get(&self, code: &str) -> Option<u32> {
        self.0.get(code).copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.0.iter().map(|(code, units)| (code.as_str(), *units))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_date_of_service_edits_are_kept_from_cms_table() {
        let json =
            r#"{"96372":{"adjudicationType":"date_of_service","maxUnits":4},"J1100":{"adjudicationType":"claim_line","maxUnits":9}}"#;
        let table: BTreeMap<String, MueEdit> = serde_json::from_str(json).unwrap();
        let limits = UnitLimits::from_cms_table(&table);
        assert_eq!((limits.get("96372"), limits.get("J1100")), (Some(4), None));
        assert_eq!(limits.to_table(), "96372\t4\n");
    }

    #[test]
    fn the_table_reads_and_a_bad_line_is_named() {
        let limits = UnitLimits::parse("# source\n96372\t4\nj1100\t10\n\n").unwrap();
        assert_eq!((limits.get("96372"), limits.get("J1100"), limits.get("99213")), (Some(4), Some(10), None));
        assert_eq!(UnitLimits::parse("96372\t4\n96373 four\n"), Err(UnitLimitsError { line: 2, found: "96373 four".into() }));
    }

    #[test]
    fn the_written_table_reads_back_to_the_same_limits() {
        // The server sends the member app this table; the app reads it with `parse`.
        let limits = UnitLimits::new([("96372".to_string(), 4), ("J1100".to_string(), 10), ("0002M".to_string(), 1)].into());
        assert_eq!(UnitLimits::parse(&limits.to_table()), Ok(limits));
        assert_eq!(UnitLimits::parse(""), Ok(UnitLimits::default()));
    }
}
