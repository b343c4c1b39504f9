//! The common medical services people price, in the project's own plain words, with the codes
//! a bill for them carries and the settings they happen in.
//!
//! CPT® descriptions are the AMA's copyright and never appear here or on screen: names and
//! search words are written by the project. Codes and units are facts from the CMS fee-schedule
//! files; `list.rs` holds the entries and `tests/official_tables.rs` checks every code against
//! the official 2025 files.

mod list;

use serde::{Deserialize, Serialize};

/// Where a service happens, which decides how Medicare prices it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// A doctor's office, clinic, imaging center or video visit: one bill covers the room,
    /// staff and equipment (the PFS non-facility price).
    Office,
    /// A hospital (outpatient or inpatient) or surgery center: the clinician's fee (the PFS
    /// facility price, professional part only for tests with parts) and a separate facility fee.
    Facility,
    /// A laboratory test, priced nationally by the Clinical Laboratory Fee Schedule.
    Lab,
}

impl Setting {
    /// Where, in a member's words: "At a doctor's office or clinic".
    pub fn place(self) -> &'static str {
        match self {
            Setting::Office => "At a doctor's office, clinic or imaging center",
            Setting::Facility => "At a hospital or surgery center",
            Setting::Lab => "At a lab",
        }
    }
}

/// The groups the procedure list is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProcedureGroup {
    Visits,
    Preventive,
    Imaging,
    Labs,
    Tests,
    Procedures,
    Surgery,
    Pregnancy,
    Therapy,
    MentalHealth,
}

/// A HCPCS/CPT code as billed, and how many units of it the service usually takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BilledCode {
    pub code: String,
    pub units: u16,
}

/// One service a member can price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Procedure {
    /// Stable id used in links: "mri-knee".
    pub id: String,
    /// What a member would call it: "MRI of the knee".
    pub name: String,
    pub group: ProcedureGroup,
    /// Other words people type for it: "magnetic resonance", "knee scan".
    pub search_words: Vec<String>,
    /// The codes a bill for it carries; the price is their sum.
    pub codes: Vec<BilledCode>,
    /// The settings it is priced in, the usual one first.
    pub settings: Vec<Setting>,
    /// One plain line that tells similar entries apart ("without contrast").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every procedure in the catalog, in the order they are listed.
pub fn procedures() -> Vec<Procedure> {
    list::ENTRIES.iter().map(Entry::to_procedure).collect()
}

/// A catalog entry as written in `list.rs`.
struct Entry {
    id: &'static str,
    name: &'static str,
    group: ProcedureGroup,
    words: &'static [&'static str],
    codes: &'static [(&'static str, u16)],
    settings: &'static [Setting],
    note: Option<&'static str>,
}

impl Entry {
    fn to_procedure(&self) -> Procedure {
        Procedure {
            id: self.id.to_string(),
            name: self.name.to_string(),
            group: self.group,
            search_words: self.words.iter().map(|w| w.to_string()).collect(),
            codes: self.codes.iter().map(|&(code, units)| BilledCode { code: code.to_string(), units }).collect(),
            settings: self.settings.to_vec(),
            note: self.note.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_catalog_is_large_and_every_entry_is_complete() {
        let all = procedures();
        assert!(all.len() >= 150, "{} procedures", all.len());
        let mut ids = HashSet::new();
        for p in &all {
            assert!(ids.insert(p.id.as_str()), "duplicate id {}", p.id);
            assert!(p.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", p.id);
            assert!(!p.name.is_empty() && !p.search_words.is_empty(), "{}", p.id);
            assert!(!p.codes.is_empty() && p.codes.iter().all(|c| c.units >= 1 && c.code.len() == 5), "{}", p.id);
            assert!(!p.settings.is_empty(), "{}", p.id);
            let lab = p.settings.contains(&Setting::Lab);
            assert!(!lab || p.settings.len() == 1, "{}: a lab test is priced only as a lab test", p.id);
        }
    }

    #[test]
    fn every_group_the_page_shows_has_entries() {
        let all = procedures();
        for group in [
            ProcedureGroup::Visits,
            ProcedureGroup::Preventive,
            ProcedureGroup::Imaging,
            ProcedureGroup::Labs,
            ProcedureGroup::Tests,
            ProcedureGroup::Procedures,
            ProcedureGroup::Surgery,
            ProcedureGroup::Pregnancy,
            ProcedureGroup::Therapy,
            ProcedureGroup::MentalHealth,
        ] {
            assert!(all.iter().any(|p| p.group == group), "{group:?}");
        }
    }
}
