//! Every US ZIP code's state and county, bundled with the server (data/zip-counties.tsv, from
//! the PyPI package zipcodes 3.0.0, MIT licence), and through the county its Medicare payment
//! locality. The table stays on the server; the SPA never downloads it.

use advocate_domain::Zip;
use advocate_domain::fee_schedule::Locality;
use advocate_domain::locality_rules::locality_of_county;
use std::collections::HashMap;
use std::sync::LazyLock;

const BUNDLED: &str = include_str!("../data/zip-counties.tsv");

/// Where a ZIP code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZipPlace {
    pub state: &'static str,
    /// Empty for the few ZIP codes (military, some PO boxes) listed without a county.
    pub county: &'static str,
}

pub struct ZipDirectory {
    places: HashMap<&'static str, ZipPlace>,
    /// The same ZIP codes in order, to find a neighbour for a ZIP the directory lacks.
    sorted: Vec<&'static str>,
    /// Each listed county's payment locality, found once: CMS's county lists are compared by
    /// normalised name, too slow to repeat for every estimate (a tenth of its time).
    localities: HashMap<ZipPlace, Option<&'static Locality>>,
}

/// A ZIP code's locality, and whether it came from the ZIP itself or from its nearest listed
/// neighbour in the same three-digit area (for ZIP codes newer than the bundled list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalityMatch {
    pub locality: &'static Locality,
    pub exact: bool,
}

static DIRECTORY: LazyLock<ZipDirectory> = LazyLock::new(|| ZipDirectory::parse(BUNDLED));

impl ZipDirectory {
    /// The bundled directory, parsed once on first use.
    pub fn bundled() -> &'static ZipDirectory {
        &DIRECTORY
    }

    fn parse(text: &'static str) -> Self {
        let places: HashMap<&'static str, ZipPlace> = text
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let (zip, state, county) = (cells.next()?, cells.next()?, cells.next().unwrap_or(""));
                Some((zip, ZipPlace { state, county }))
            })
            .collect();
        let mut sorted: Vec<&'static str> = places.keys().copied().collect();
        sorted.sort_unstable();
        let mut localities = HashMap::new();
        for place in places.values() {
            localities.entry(*place).or_insert_with(|| locality_of_county(place.state, place.county));
        }
        Self { places, sorted, localities }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The ZIP code's state and county, if it exists.
    pub fn place(&self, zip: &Zip) -> Option<ZipPlace> {
        self.places.get(zip.as_str()).copied()
    }

    /// The ZIP code's payment locality: from its own county when the ZIP is listed, else from
    /// the numerically nearest listed ZIP with the same first three digits (a ZIP area never
    /// crosses a state line). `None` when no ZIP of that area is listed: the ZIP does not exist.
    pub fn locality(&self, zip: &Zip) -> Option<LocalityMatch> {
        let (place, exact) = match self.place(zip) {
            Some(place) => (place, true),
            None => (self.places[self.nearest_in_area(zip.as_str())?], false),
        };
        let locality = self.localities.get(&place).copied().flatten()?;
        Some(LocalityMatch { locality, exact })
    }

    fn nearest_in_area(&self, zip: &str) -> Option<&'static str> {
        let at = self.sorted.partition_point(|listed| *listed < zip);
        let distance = |listed: &str| listed.parse::<i64>().unwrap_or(0).abs_diff(zip.parse::<i64>().unwrap_or(0));
        [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.sorted.get(i).copied())
            .filter(|listed| listed[..3] == zip[..3])
            .min_by_key(|listed| distance(listed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locality(zip: &str) -> &'static str {
        ZipDirectory::bundled().locality(&Zip::parse(zip).unwrap()).map_or("none", |m| m.locality.name)
    }

    #[test]
    fn well_known_zip_codes_resolve() {
        assert_eq!(locality("10001"), "MANHATTAN");
        assert_eq!(locality("11375"), "QUEENS");
        assert_eq!(locality("90210"), "LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES/ORANGE CNTY)");
        assert_eq!(locality("20001"), "DC + MD/VA SUBURBS");
        assert_eq!(locality("35203"), "ALABAMA");
        assert_eq!(locality("63101"), "METROPOLITAN ST. LOUIS");
    }

    #[test]
    fn a_zip_code_that_does_not_exist_has_no_place() {
        let directory = ZipDirectory::bundled();
        assert!(directory.place(&Zip::parse("00000").unwrap()).is_none());
        assert!(directory.locality(&Zip::parse("00000").unwrap()).is_none(), "no ZIP starts with 000");
        assert!(directory.len() > 42_000);
    }

    #[test]
    fn an_unlisted_zip_takes_its_nearest_neighbour_in_the_same_area() {
        // 10559 is in CMS's 2025 file but not in the bundled list; its area (105) is Westchester.
        let found = ZipDirectory::bundled().locality(&Zip::parse("10559").unwrap()).unwrap();
        assert!(!found.exact);
        assert_eq!(found.locality.state, "NY");
    }
}
