//! The price ranges (percentages of Medicare, with their sources): the bundled default or an
//! operator's file.

use advocate_domain::estimate::PriceRanges;
use std::path::Path;

const BUNDLED: &str = include_str!("../../config/price-ranges.toml");

/// Reads the price ranges, refusing a file with an inverted range or no source.
pub fn load(file: Option<&Path>) -> anyhow::Result<PriceRanges> {
    crate::config_file::load(file, BUNDLED, "price ranges", PriceRanges::problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_ranges_are_valid_and_cite_the_cbo() {
        let ranges = load(None).unwrap();
        assert!(ranges.in_network.low <= 129 && 129 <= ranges.in_network.high, "the CBO's average lies in the band");
        assert!(ranges.sources.iter().any(|s| s.citation.contains("Congressional Budget Office")));
    }

    #[test]
    fn an_inverted_range_is_refused_with_its_name() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let text = BUNDLED.replace("in_network = { low = 110, high = 160 }", "in_network = { low = 300, high = 160 }");
        std::fs::write(file.path(), text).unwrap();
        let error = format!("{:#}", load(Some(file.path())).unwrap_err());
        assert!(error.contains("in_network: low (300) is above high (160)"), "{error}");
    }
}
