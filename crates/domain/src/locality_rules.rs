//! Which counties make up each Medicare payment locality, so that a ZIP code's county gives
//! its locality.
//!
//! Source: CMS, "Counties Included in 2025 Localities" (25LOCCO.csv of the 2025 PFS relative
//! value files). States with one statewide locality need no rule: every county there belongs to
//! it. The rules below state the other localities' counties as CMS lists them, spelled as the
//! counties' names are usually written (CMS writes "DADE" and "ORAGNGE" for Miami-Dade and
//! Orange). A test compares the resolution of every ZIP code with CMS's ZIP-to-locality file.

use crate::fee_schedule::Locality;
use crate::localities::LOCALITIES_2025;

/// The counties of one locality within one state.
#[derive(Debug, Clone, Copy)]
pub enum Counties {
    Only(&'static [&'static str]),
    /// Every county of the state that no `Only` rule names.
    AllOthers,
}

#[derive(Debug, Clone, Copy)]
pub struct LocalityRule {
    pub state: &'static str,
    pub mac: &'static str,
    pub locality: &'static str,
    pub counties: Counties,
}

const fn only(state: &'static str, mac: &'static str, locality: &'static str, counties: &'static [&'static str]) -> LocalityRule {
    LocalityRule { state, mac, locality, counties: Counties::Only(counties) }
}

const fn rest(state: &'static str, mac: &'static str, locality: &'static str) -> LocalityRule {
    LocalityRule { state, mac, locality, counties: Counties::AllOthers }
}

/// The 2025 localities that are not a whole state.
pub const LOCALITY_RULES_2025: &[LocalityRule] = &[
    only("CA", "01182", "18", &["Los Angeles", "Orange"]),
    only("CA", "01112", "52", &["Marin"]),
    only("CA", "01112", "05", &["San Francisco", "Alameda", "Contra Costa", "San Mateo"]),
    only("CA", "01112", "09", &["Santa Clara"]),
    only("CA", "01112", "51", &["Napa"]),
    only("CA", "01112", "53", &["Solano"]),
    only("CA", "01112", "54", &["Kern"]),
    only("CA", "01112", "55", &["Butte"]),
    only("CA", "01112", "56", &["Fresno"]),
    only("CA", "01112", "57", &["Kings"]),
    only("CA", "01112", "58", &["Madera"]),
    only("CA", "01112", "59", &["Merced"]),
    only("CA", "01112", "60", &["Stanislaus"]),
    only("CA", "01112", "61", &["Shasta"]),
    only("CA", "01112", "62", &["San Bernardino", "Riverside"]),
    only("CA", "01112", "63", &["Sacramento", "Placer", "Yolo", "El Dorado"]),
    only("CA", "01112", "64", &["Monterey"]),
    only("CA", "01112", "65", &["San Benito"]),
    only("CA", "01112", "66", &["Santa Cruz"]),
    only("CA", "01112", "67", &["Sonoma"]),
    only("CA", "01112", "68", &["San Joaquin"]),
    only("CA", "01112", "69", &["Tulare"]),
    only("CA", "01112", "70", &["Sutter", "Yuba"]),
    only("CA", "01182", "71", &["Imperial"]),
    only("CA", "01182", "72", &["San Diego"]),
    only("CA", "01182", "73", &["San Luis Obispo"]),
    only("CA", "01182", "74", &["Santa Barbara"]),
    only("CA", "01182", "17", &["Ventura"]),
    rest("CA", "01112", "75"),
    // "DC + MD/VA suburbs" crosses three jurisdictions.
    only("DC", "12202", "01", &["District of Columbia"]),
    only("VA", "12202", "01", &["Alexandria city", "Arlington", "Fairfax", "Fairfax city", "Falls Church city"]),
    only("MD", "12202", "01", &["Montgomery", "Prince George's"]),
    only("FL", "09102", "03", &["Broward", "Collier", "Indian River", "Lee", "Martin", "Palm Beach", "St. Lucie"]),
    only("FL", "09102", "04", &["Miami-Dade", "Monroe"]),
    rest("FL", "09102", "99"),
    only(
        "GA",
        "10212",
        "01",
        &[
            "Butts", "Cherokee", "Clayton", "Cobb", "DeKalb", "Douglas", "Fayette", "Forsyth", "Fulton", "Gwinnett", "Henry", "Newton",
            "Paulding", "Rockdale", "Walton",
        ],
    ),
    rest("GA", "10212", "99"),
    only("IL", "06102", "16", &["Cook"]),
    only(
        "IL",
        "06102",
        "12",
        &["Bond", "Calhoun", "Clinton", "Jersey", "Macoupin", "Madison", "Monroe", "Montgomery", "Randolph", "St. Clair", "Washington"],
    ),
    only("IL", "06102", "15", &["DuPage", "Kane", "Lake", "Will"]),
    rest("IL", "06102", "99"),
    only("LA", "07202", "01", &["Jefferson", "Orleans", "Plaquemines", "St. Bernard"]),
    rest("LA", "07202", "99"),
    only("ME", "14112", "03", &["Cumberland", "York"]),
    rest("ME", "14112", "99"),
    only("MD", "12302", "01", &["Anne Arundel", "Baltimore", "Baltimore city", "Carroll", "Harford", "Howard"]),
    rest("MD", "12302", "99"),
    only("MA", "14212", "01", &["Middlesex", "Norfolk", "Suffolk"]),
    rest("MA", "14212", "99"),
    only("MI", "08202", "01", &["Macomb", "Oakland", "Washtenaw", "Wayne"]),
    rest("MI", "08202", "99"),
    only("MO", "05302", "02", &["Clay", "Jackson", "Platte"]),
    only("MO", "05302", "01", &["Jefferson", "St. Charles", "St. Louis", "St. Louis city"]),
    rest("MO", "05302", "99"),
    only(
        "NJ",
        "12402",
        "01",
        &["Bergen", "Essex", "Hudson", "Hunterdon", "Middlesex", "Morris", "Passaic", "Somerset", "Sussex", "Union", "Warren"],
    ),
    rest("NJ", "12402", "99"),
    only("NY", "13202", "01", &["New York"]),
    only("NY", "13202", "02", &["Bronx", "Kings", "Nassau", "Richmond", "Rockland", "Suffolk", "Westchester"]),
    only("NY", "13202", "03", &["Columbia", "Delaware", "Dutchess", "Greene", "Orange", "Putnam", "Sullivan", "Ulster"]),
    only("NY", "13292", "04", &["Queens"]),
    rest("NY", "13282", "99"),
    only("OR", "02302", "01", &["Clackamas", "Multnomah", "Washington"]),
    rest("OR", "02302", "99"),
    only("PA", "12502", "01", &["Bucks", "Chester", "Delaware", "Montgomery", "Philadelphia"]),
    rest("PA", "12502", "99"),
    only("TX", "04412", "31", &["Travis"]),
    only("TX", "04412", "20", &["Jefferson"]),
    only("TX", "04412", "09", &["Brazoria"]),
    only("TX", "04412", "11", &["Dallas"]),
    only("TX", "04412", "28", &["Tarrant"]),
    only("TX", "04412", "15", &["Galveston"]),
    only("TX", "04412", "18", &["Harris"]),
    rest("TX", "04412", "99"),
    rest("VA", "11302", "00"),
    only("WA", "02402", "02", &["King"]),
    rest("WA", "02402", "99"),
];

/// A county's name reduced to what identifies it: upper case, letters and digits only, without
/// the word for "county" ("St. Louis County" and "ST LOUIS" both become "STLOUIS"; "St. Louis
/// city" stays distinct as "STLOUISCITY").
pub fn county_key(name: &str) -> String {
    let mut name = name.trim().to_uppercase();
    for suffix in [" COUNTY", " PARISH", " BOROUGH", " CENSUS AREA", " MUNICIPIO", " MUNICIPALITY", " CITY AND BOROUGH"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
            break;
        }
    }
    let name = name.replace("SAINT ", "ST ").replace("STE. ", "STE ");
    name.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// The payment locality of a county in a state, by CMS's 2025 county lists.
pub fn locality_of_county(state: &str, county: &str) -> Option<&'static Locality> {
    let key = county_key(county);
    let rules = || LOCALITY_RULES_2025.iter().filter(|rule| rule.state == state);
    let named = rules().find(|rule| matches!(rule.counties, Counties::Only(names) if names.iter().any(|n| county_key(n) == key)));
    let rule = named.or_else(|| rules().find(|rule| matches!(rule.counties, Counties::AllOthers)));
    match rule {
        Some(rule) => LOCALITIES_2025.iter().find(|l| l.mac == rule.mac && l.number == rule.locality),
        // A state without rules is one statewide locality.
        None => {
            let mut statewide = LOCALITIES_2025.iter().filter(|l| l.state == state);
            let locality = statewide.next()?;
            statewide.next().is_none().then_some(locality)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(state: &str, county: &str) -> &'static str {
        locality_of_county(state, county).map_or("none", |l| l.name)
    }

    #[test]
    fn county_names_are_compared_by_what_identifies_them() {
        assert_eq!(county_key("St. Louis County"), county_key("ST LOUIS"));
        assert_eq!(county_key("Saint Louis County"), "STLOUIS");
        assert_ne!(county_key("St. Louis city"), county_key("St. Louis County"));
        assert_eq!(county_key("DeKalb County"), county_key("DE KALB"));
        assert_eq!(county_key("Prince George's County"), "PRINCEGEORGES");
        assert_eq!(county_key("Orleans Parish"), "ORLEANS");
    }

    #[test]
    fn statewide_states_need_no_county() {
        assert_eq!(name("AL", ""), "ALABAMA");
        assert_eq!(name("WY", "Teton County"), "WYOMING");
        assert_eq!(name("PR", "Adjuntas Municipio"), "PUERTO RICO");
    }

    #[test]
    fn named_counties_and_the_rest_of_the_state() {
        assert_eq!(name("NY", "New York County"), "MANHATTAN");
        assert_eq!(name("NY", "Queens County"), "QUEENS");
        assert_eq!(name("NY", "Kings County"), "NYC SUBURBS/LONG ISLAND");
        assert_eq!(name("NY", "Albany County"), "REST OF NEW YORK");
        assert_eq!(name("FL", "Miami-Dade County"), "MIAMI");
        assert_eq!(name("MO", "St. Louis city"), "METROPOLITAN ST. LOUIS");
        assert_eq!(name("TX", "Jefferson County"), "BEAUMONT");
        assert_eq!(name("LA", "Jefferson Parish"), "NEW ORLEANS");
    }

    #[test]
    fn the_washington_dc_locality_crosses_state_lines() {
        assert_eq!(name("DC", "District of Columbia"), "DC + MD/VA SUBURBS");
        assert_eq!(name("VA", "Arlington County"), "DC + MD/VA SUBURBS");
        assert_eq!(name("VA", "Fairfax city"), "DC + MD/VA SUBURBS");
        assert_eq!(name("VA", "Richmond city"), "VIRGINIA");
        assert_eq!(name("MD", "Prince George's County"), "DC + MD/VA SUBURBS");
        assert_eq!(name("MD", "Baltimore city"), "BALTIMORE/SURR. CNTYS");
        assert_eq!(name("MD", "Allegany County"), "REST OF MARYLAND");
    }

    #[test]
    fn every_rule_names_a_real_locality() {
        for rule in LOCALITY_RULES_2025 {
            assert!(
                LOCALITIES_2025.iter().any(|l| l.mac == rule.mac && l.number == rule.locality && l.state == rule.state
                    || l.mac == rule.mac && l.number == rule.locality && rule.mac == "12202"),
                "{rule:?}"
            );
        }
    }
}
