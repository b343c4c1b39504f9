//! The project's own tables agree with CMS's official files (their copies in testdata/, without
//! the AMA's code descriptions).

mod testdata;

use advocate_domain::cms_files::csv_cells;
use advocate_domain::fee_schedule::FeeSchedule;
use advocate_domain::localities::LOCALITIES_2025;

/// One of CMS's fee-schedule files.
fn official(file: &str) -> String {
    testdata::text(&format!("cms-pfs-2025/{file}.gz"))
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

    let lab_file = testdata::text("cms-clfs-2025/CLFS2025Q2V1.csv.gz");
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

/// The whole official RVU file as a schedule, to price codes of every kind.
struct OfficialSchedule(std::collections::HashMap<(String, String), advocate_domain::fee_schedule::RvuRow>);

impl advocate_domain::fee_schedule::FeeSchedule for OfficialSchedule {
    fn rvu(&self, code: &str, modifier: &str) -> Option<advocate_domain::fee_schedule::RvuRow> {
        self.0.get(&(code.to_string(), modifier.to_string())).copied()
    }
    fn lab_rate(&self, _code: &str) -> Option<advocate_domain::Money> {
        None
    }
    fn conversion_factor(&self) -> advocate_domain::fee_schedule::ConversionFactor {
        advocate_domain::fee_schedule::CONVERSION_FACTOR_2025
    }
    fn year(&self) -> u16 {
        2025
    }
}

#[test]
fn codes_of_every_pc_tc_indicator_are_priced_by_the_formula() {
    use advocate_domain::cms_files::parse_rvu_record;
    use advocate_domain::estimate::{PercentRange, PriceRanges, Source, price_service, settings_for_code};
    use advocate_domain::fee_schedule::{MedicarePrice, PaymentStatus, medicare_price};
    use advocate_domain::procedures::{BilledCode, Setting};
    let text = official("PPRRVU2025_Oct.csv");
    let records: Vec<_> = text.lines().filter_map(|line| parse_rvu_record(&csv_cells(line)).ok()).collect();
    let schedule = OfficialSchedule(records.iter().map(|r| ((r.hcpcs.clone(), r.modifier.clone()), r.to_row())).collect());
    let ranges = PriceRanges {
        in_network: PercentRange { low: 100, high: 100 },
        list_price: PercentRange { low: 100, high: 100 },
        lab_in_network: PercentRange { low: 100, high: 100 },
        lab_list_price: PercentRange { low: 100, high: 100 },
        sources: vec![Source { citation: "test".into(), finding: "test".into(), url: None }],
    };
    let manhattan = LOCALITIES_2025.iter().find(|l| l.state == "NY" && l.number == "01").unwrap().gpci;
    // Indicator 6, a doctor's interpretation of a lab test, exists only as the 26 row: the test
    // itself is on the lab fee schedule. The formula prices the row; a bare code is not offered.
    let interpretation = records.iter().find(|r| r.pctc_indicator == 6 && r.entry.status == PaymentStatus::Payable).unwrap();
    assert_eq!(interpretation.modifier, "26");
    assert!(
        matches!(medicare_price(&interpretation.entry, manhattan, schedule.conversion_factor()), MedicarePrice::Priced { facility: Some(amount), .. } if amount.cents() > 0)
    );
    assert!(settings_for_code(&schedule, &interpretation.hcpcs).is_err());
    let mut seen = vec![6];
    for indicator in (0..=9u8).filter(|i| *i != 6) {
        // The first payable whole-service code of this kind with a non-zero amount.
        let Some(record) = records.iter().find(|r| {
            r.pctc_indicator == indicator
                && r.modifier.is_empty()
                && r.entry.status == PaymentStatus::Payable
                && r.entry.work_rvu + r.entry.non_facility_pe_rvu.unwrap_or(0) + r.entry.facility_pe_rvu.unwrap_or(0) > 0
        }) else {
            continue;
        };
        seen.push(indicator);
        let settings = settings_for_code(&schedule, &record.hcpcs).unwrap();
        assert!(!settings.is_empty(), "indicator {indicator}: {}", record.hcpcs);
        let codes = [BilledCode { code: record.hcpcs.clone(), units: 1 }];
        let (prices, _) = price_service(&schedule, &codes, &settings, manhattan, &ranges).unwrap();
        for price in &prices {
            // The amount is the formula's, on the whole row or (a hospital, a test with parts)
            // on the professional part.
            let row = match (price.setting, indicator) {
                (Setting::Facility, 1) => records.iter().find(|r| r.hcpcs == record.hcpcs && r.modifier == "26").unwrap(),
                _ => record,
            };
            let MedicarePrice::Priced { office, facility } = medicare_price(&row.entry, manhattan, schedule.conversion_factor()) else {
                panic!("{} is payable", row.hcpcs)
            };
            let expected = if price.setting == Setting::Office { office } else { facility };
            assert_eq!(Some(price.medicare), expected, "indicator {indicator}: {} {:?}", record.hcpcs, price.setting);
            assert_eq!(price.in_network.low, price.medicare, "100% of Medicare");
        }
    }
    seen.sort();
    assert_eq!(seen, (0..=9).collect::<Vec<u8>>(), "every PC/TC indicator has a payable code in the 2025 file");
}
