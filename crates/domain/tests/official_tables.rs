//! The project's own tables agree with CMS's official files in ../shared/data. These tests need
//! that folder (beside the repository) and fail, rather than pass silently, without it.

use advocate_domain::cms_files::csv_cells;
use advocate_domain::localities::LOCALITIES_2025;
use std::path::PathBuf;

fn official(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cms-pfs-2025").join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("this test compares our tables with CMS's official {file}, expected at {}: {e}", path.display()))
}

/// "1.065" as thousandths.
fn milli(value: &str) -> u32 {
    let (whole, fraction) = value.trim().split_once('.').unwrap_or((value.trim(), ""));
    let fraction = format!("{fraction:0<3}");
    whole.parse::<u32>().unwrap() * 1000 + fraction[..3].parse::<u32>().unwrap()
}

#[test]
fn every_locality_and_gpci_matches_the_official_2025_file() {
    let text = official("GPCI2025.csv");
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(csv_cells)
        .filter(|cells| cells.len() >= 7 && cells[0].trim().len() == 5 && cells[0].trim().bytes().all(|b| b.is_ascii_digit()))
        .collect();
    assert_eq!(rows.len(), LOCALITIES_2025.len(), "locality count");
    for (row, ours) in rows.iter().zip(LOCALITIES_2025) {
        let label = format!("{} {} {}", row[0], row[1], row[2]);
        assert_eq!((row[0].trim(), row[1].trim(), row[2].trim()), (ours.mac, ours.state, ours.number), "{label}");
        assert_eq!(row[3].trim().trim_end_matches('*'), ours.name, "{label}");
        assert_eq!((milli(&row[4]), milli(&row[5]), milli(&row[6])), (ours.gpci.work, ours.gpci.pe, ours.gpci.mp), "{label}");
    }
}

#[test]
fn the_conversion_factor_matches_the_official_rvu_file() {
    let text = official("PPRRVU2025_Oct.csv");
    let visit = text.lines().find(|line| line.starts_with("99213,,")).expect("99213 is in the RVU file");
    assert!(visit.contains(",32.3465,"), "{visit}");
    assert_eq!(advocate_domain::fee_schedule::CONVERSION_FACTOR_2025.0, 323_465);
}

#[test]
fn every_row_of_the_official_rvu_file_reads() {
    use advocate_domain::cms_files::{RvuRecordError, parse_rvu_record};
    let text = official("PPRRVU2025_Oct.csv");
    let mut records = Vec::new();
    for (number, line) in text.lines().enumerate() {
        match parse_rvu_record(&csv_cells(line)) {
            Ok(record) => records.push(record),
            Err(RvuRecordError::NotARecord) => {}
            Err(error) => panic!("line {}: {error}", number + 1),
        }
    }
    assert_eq!(records.len(), 19_090, "data rows in the October 2025 release");
    assert!(records.iter().all(|r| r.conversion_factor == 323_465));
    let visit = records.iter().find(|r| r.hcpcs == "99213" && r.modifier.is_empty()).unwrap();
    assert_eq!(
        (visit.entry.work_rvu, visit.entry.non_facility_pe_rvu, visit.entry.facility_pe_rvu, visit.entry.mp_rvu),
        (130, Some(135), Some(57), 10)
    );
    // Codes with professional and technical parts have all three rows.
    let chest = |modifier: &str| records.iter().any(|r| r.hcpcs == "71046" && r.modifier == modifier);
    assert!(chest("") && chest("26") && chest("TC"));
}

#[test]
fn the_bundled_rows_for_the_catalog_match_the_official_files() {
    use advocate_domain::bundled_schedule::BundledSchedule;
    use advocate_domain::cms_files::parse_rvu_record;
    use advocate_domain::fee_schedule::GlobalPeriod;
    let text = official("PPRRVU2025_Oct.csv");
    let records: Vec<_> = text.lines().filter_map(|line| parse_rvu_record(&csv_cells(line)).ok()).collect();
    for (code, modifier, row) in BundledSchedule::rows() {
        let official = records
            .iter()
            .find(|r| r.hcpcs == *code && r.modifier == *modifier)
            .unwrap_or_else(|| panic!("{code} {modifier:?} is not in the official file"));
        assert_eq!(row.entry, official.entry, "{code} {modifier}");
        assert_eq!(row.pctc_indicator, official.pctc_indicator, "{code} {modifier}");
        assert_eq!(row.global_period, GlobalPeriod::from_code(&official.global_days), "{code} {modifier}");
        assert_eq!(row.reference_only, official.reference_only, "{code} {modifier}");
    }
    // Each code with parts carries all of them, so hospital prices use the professional part.
    for (code, modifier, row) in BundledSchedule::rows() {
        if modifier.is_empty() && row.pctc_indicator == 1 {
            let has = |m: &str| BundledSchedule::rows().iter().any(|(c, md, _)| c == code && *md == m);
            assert!(has("26") && has("TC"), "{code} lacks its parts");
        }
    }

    let lab_file = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cms-clfs-2025/CLFS2025Q2V1.csv"))
        .expect("this test compares our lab rates with CMS's official CLFS2025Q2V1.csv in ../shared/data");
    let lab_file = String::from_utf8_lossy(&lab_file);
    for (code, cents) in BundledSchedule::lab_rates() {
        let row = lab_file
            .lines()
            .map(csv_cells)
            .find(|cells| cells.len() > 5 && cells[1].trim() == *code && cells[2].trim().is_empty())
            .unwrap_or_else(|| panic!("lab code {code} is not in the official file"));
        let official_cents = (row[5].trim().parse::<f64>().unwrap() * 100.0).round() as i64;
        assert_eq!(*cents, official_cents, "lab code {code}");
    }
}
