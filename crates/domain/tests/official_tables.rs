//! The project's own tables agree with CMS's official files in ../shared/data. These tests need
//! that folder (beside the repository) and fail, rather than pass silently, without it.

use advocate_domain::cms_files::csv_cells;
use advocate_domain::localities::LOCALITIES_2025;
use std::path::PathBuf;

fn official(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cms-pfs-2025").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("this test compares our tables with CMS's official {file}, expected at {}: {e}", path.display())
    })
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
    assert_eq!((visit.entry.work_rvu, visit.entry.non_facility_pe_rvu, visit.entry.facility_pe_rvu, visit.entry.mp_rvu), (130, Some(135), Some(57), 10));
    // Codes with professional and technical parts have all three rows.
    let chest = |modifier: &str| records.iter().any(|r| r.hcpcs == "71046" && r.modifier == modifier);
    assert!(chest("") && chest("26") && chest("TC"));
}
