//! Reading CMS's published fee-schedule files (pure parsing; the server's importer does the I/O).
//!
//! Format: the PFS relative value file PPRRVU (CSV, described in RVU25D): HCPCS, modifier,
//! description, status code, "not used for Medicare payment", work RVU, non-facility PE RVU,
//! its NA indicator, facility PE RVU, its NA indicator, malpractice RVU, the two totals, PC/TC
//! indicator, global days, … conversion factor (column 25).

use crate::fee_schedule::{FeeScheduleEntry, Gpci, PaymentStatus};
use std::borrow::BorrowMut;
use std::cell::RefCell;

/// The cells of one CSV line; quoted cells may hold commas ("Drug, 10 ml") and doubled quotes.
/// A blank line is one empty cell.
pub fn csv_cells(line: &str) -> Vec<String> {
    thread_local! {
        // Building a reader (its state table) takes longer than reading a line, and CMS's files
        // are read line by line: the comma reader is built once and reset for each line. (A
        // copy made with `clone` loses its table.)
        static COMMA: RefCell<csv_core::Reader> = RefCell::new(csv_core::Reader::new());
    }
    COMMA.with_borrow_mut(|reader| {
        reader.reset();
        records(line, reader).next().map_or_else(|| vec![String::new()], |(_, cells)| cells)
    })
}

/// The records of CSV text split at `separator` (b',', b';' or b'\t'), each with the line it starts
/// on, counting from 1. As RFC 4180 has it, a cell in quotes may hold the separator, a doubled
/// quote ("") and line breaks; a quote inside an unquoted cell ("4x4\" gauze") is only a quote.
/// Blank lines are skipped. Nothing is refused: odd text still reads as some cells.
pub fn separated_records(text: &str, separator: u8) -> impl Iterator<Item = (usize, Vec<String>)> + '_ {
    records(text, csv_core::ReaderBuilder::new().delimiter(separator).build())
}

fn records<'a>(text: &'a str, mut reader: impl BorrowMut<csv_core::Reader> + 'a) -> impl Iterator<Item = (usize, Vec<String>)> + 'a {
    let mut rest = text.as_bytes();
    let mut line = 1;
    std::iter::from_fn(move || {
        let (mut output, mut ends) = (vec![0; 256], vec![0; 32]);
        let (mut read, mut written, mut ended) = (0, 0, 0);
        loop {
            let (result, nin, nout, nend) = reader.borrow_mut().read_record(&rest[read..], &mut output[written..], &mut ends[ended..]);
            (read, written, ended) = (read + nin, written + nout, ended + nend);
            match result {
                // Called again with no input left, the reader closes the last record.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
                csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                csv_core::ReadRecordResult::Record => break,
                csv_core::ReadRecordResult::End => return None,
            }
        }
        let (record, after) = rest.split_at(read);
        rest = after;
        // The blank lines skipped before the record, then the record's own line breaks.
        let newlines = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count();
        let blank = record.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        let start = line + newlines(&record[..blank]);
        line += newlines(record);
        // Only ASCII (separators, quotes, line ends) is taken out, so the cells stay UTF-8.
        let cells = ends[..ended]
            .iter()
            .scan(0, |from, &to| Some(String::from_utf8_lossy(&output[std::mem::replace(from, to)..to]).into_owned()))
            .collect();
        Some((start, cells))
    })
}

/// One row of the RVU file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RvuRecord {
    pub hcpcs: String,
    /// "" for the whole service, "26" professional component, "TC" technical component, …
    pub modifier: String,
    /// The status letter as written (A, R and T price alike, but a table keeps what CMS says).
    pub status_code: char,
    pub entry: FeeScheduleEntry,
    /// 0–9: how the code splits into professional and technical parts.
    pub pctc_indicator: u8,
    pub global_days: String,
    /// "+" in the "not used for Medicare payment" column: Medicare does not pay the code, but
    /// CMS publishes its RVUs for other payers (preventive visits, for example).
    pub reference_only: bool,
    /// Dollars per RVU in ten-thousandths.
    pub conversion_factor: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RvuRecordError {
    #[error("not a data row (a title, blank or header line)")]
    NotARecord,
    #[error("column {column} ({name}) is {value:?}, not {expected}")]
    BadValue { column: usize, name: &'static str, value: String, expected: &'static str },
}

impl RvuRecord {
    /// The row as the estimate prices it.
    pub fn to_row(&self) -> crate::fee_schedule::RvuRow {
        crate::fee_schedule::RvuRow {
            entry: self.entry,
            pctc_indicator: self.pctc_indicator,
            global_period: crate::fee_schedule::GlobalPeriod::from_code(&self.global_days),
            reference_only: self.reference_only,
        }
    }
}

/// Reads one data row of the RVU file. Title and header lines are `NotARecord`.
pub fn parse_rvu_record(cells: &[String]) -> Result<RvuRecord, RvuRecordError> {
    let hcpcs = cells.first().map(|c| c.trim()).unwrap_or_default();
    // A data row has a five-character code and a one-letter status; the header has "CODE".
    let is_record = cells.len() >= 25 && hcpcs.len() == 5 && hcpcs.bytes().all(|b| b.is_ascii_alphanumeric()) && cells[3].trim().len() == 1;
    if !is_record {
        return Err(RvuRecordError::NotARecord);
    }
    let cell = |i: usize| cells[i].trim();
    let decimal = |i: usize, name: &'static str, places: u32| {
        fixed_point(cell(i), places).ok_or_else(|| RvuRecordError::BadValue {
            column: i + 1,
            name,
            value: cell(i).to_string(),
            expected: "a decimal number",
        })
    };
    let not_available = |i: usize| cell(i) == "NA";
    let status = cell(3).chars().next().ok_or_else(|| RvuRecordError::BadValue {
        column: 4,
        name: "status code",
        value: String::new(),
        expected: "a letter",
    })?;
    let pctc_indicator = cell(13).parse().map_err(|_| RvuRecordError::BadValue {
        column: 14,
        name: "PC/TC indicator",
        value: cell(13).to_string(),
        expected: "a digit 0-9",
    })?;
    Ok(RvuRecord {
        hcpcs: hcpcs.to_string(),
        modifier: cell(1).to_string(),
        status_code: status,
        entry: FeeScheduleEntry {
            status: PaymentStatus::from_code(status),
            work_rvu: decimal(5, "work RVU", 2)?,
            non_facility_pe_rvu: if not_available(7) { None } else { Some(decimal(6, "non-facility PE RVU", 2)?) },
            facility_pe_rvu: if not_available(9) { None } else { Some(decimal(8, "facility PE RVU", 2)?) },
            mp_rvu: decimal(10, "malpractice RVU", 2)?,
        },
        pctc_indicator,
        global_days: cell(14).to_string(),
        reference_only: cell(4) == "+",
        conversion_factor: decimal(24, "conversion factor", 4)?,
    })
}

/// One row of the GPCI file (Addendum E): a locality and its three indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GpciRecord {
    pub mac: String,
    pub state: String,
    pub locality: String,
    /// As CMS writes it, without the footnote star ("ALASKA*" → "ALASKA").
    pub name: String,
    pub gpci: Gpci,
}

/// Reads a data row of the GPCI file (MAC, state, locality, name, work, PE, MP); titles and
/// headers are `None`.
pub fn parse_gpci_record(cells: &[String]) -> Option<GpciRecord> {
    let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
    if cells.len() < 7 || cell(0).len() != 5 || !cell(0).bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(GpciRecord {
        mac: cell(0).to_string(),
        state: cell(1).to_string(),
        locality: format!("{:0>2}", cell(2)),
        name: cell(3).trim_end_matches('*').trim().to_string(),
        gpci: Gpci { work: fixed_point(cell(4), 3)?, pe: fixed_point(cell(5), 3)?, mp: fixed_point(cell(6), 3)? },
    })
}

/// One row of the locality-county file (25LOCCO): which counties a locality covers, in CMS's
/// words ("ALL COUNTIES", "ALL OTHER COUNTIES", "LOS ANGELES/ORANGE").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalityCountiesRecord {
    pub mac: String,
    pub locality: String,
    pub state_name: String,
    pub area: String,
    pub counties: String,
}

/// Reads a data row of the locality-county file; MACs and locality numbers are padded to the
/// GPCI file's form ("2102" → "02102", "1" → "01").
pub fn parse_locality_counties_record(cells: &[String]) -> Option<LocalityCountiesRecord> {
    let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if cells.len() < 5 || !numeric(cell(0)) || !numeric(cell(1)) {
        return None;
    }
    Some(LocalityCountiesRecord {
        mac: format!("{:0>5}", cell(0)),
        locality: format!("{:0>2}", cell(1)),
        state_name: cell(2).to_string(),
        area: cell(3).to_string(),
        counties: cell(4).to_string(),
    })
}

/// One line of the ZIP-to-locality file (ZIP5, fixed width, layout in ZIP5lyout.txt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zip5Record {
    pub state: String,
    pub zip: String,
    pub mac: String,
    pub locality: String,
    /// The ZIP code is split between localities by ZIP+4 (CMS's separate ZIP+4 file).
    pub plus_four: bool,
}

/// Reads one line of the ZIP5 file: state 1–2, ZIP 3–7, carrier 8–12, locality 13–14, plus-four
/// flag 21. Lines too short or with a ZIP that is not five digits are `None`.
pub fn parse_zip5_record(line: &str) -> Option<Zip5Record> {
    let field = |from: usize, to: usize| line.get(from - 1..to).map(str::trim);
    let zip = field(3, 7)?;
    if zip.len() != 5 || !zip.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Zip5Record {
        state: field(1, 2)?.to_string(),
        zip: zip.to_string(),
        mac: field(8, 12)?.to_string(),
        locality: field(13, 14)?.to_string(),
        plus_four: field(21, 21) == Some("1"),
    })
}

/// One rate of the Clinical Laboratory Fee Schedule: a code (without modifier) and its national
/// limit in cents.
pub fn parse_clfs_record(cells: &[String]) -> Option<(String, i64)> {
    let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
    let code = cell(1);
    if cells.len() < 6 || code.len() != 5 || !cell(2).is_empty() || !cell(0).bytes().all(|b| b.is_ascii_digit()) || cell(0).is_empty() {
        return None;
    }
    let cents = fixed_point(cell(5), 2)?;
    Some((code.to_string(), i64::from(cents)))
}

/// "1.30" with `places` = 2 is 130; more decimals than `places` are refused.
fn fixed_point(text: &str, places: u32) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > places as usize {
        return None;
    }
    let digits = |s: &str| s.is_empty() || s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let fraction: u32 = format!("{fraction:0<width$}", width = places as usize).parse().ok()?;
    whole.checked_mul(10u32.pow(places))?.checked_add(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VISIT: &str = "99213,,Office o/p est low 20 min,A,,1.30,1.35,,0.57,,0.10,2.75,1.97,0,XXX,0.00,0.00,0.00,0,0,2,0,0,,32.3465,09,0,99,0.00,0.00,0.00";
    const KNEE: &str = "27447,,Total knee arthroplasty,A,,19.60,15.30,NA,15.30,,3.98,38.88,38.88,0,090,0.10,0.80,0.10,2,1,2,1,0,,32.3465,09,0,99,0.00,0.00,0.00";

    #[test]
    fn quoted_cells_keep_their_commas() {
        assert_eq!(csv_cells(r#"A4216,,"Sterile water, 10 ml",X"#), ["A4216", "", "Sterile water, 10 ml", "X"]);
        assert_eq!(csv_cells(r#"a,"say ""hi""",b"#), ["a", r#"say "hi""#, "b"]);
    }

    #[test]
    fn a_quoted_cell_may_hold_a_line_break() {
        let text = "code,description\r\n\r\nA4216,\"Sterile water,\r\n10 ml\"\n\nJ1100,Dexamethasone";
        let records: Vec<(usize, Vec<String>)> = separated_records(text, b',').collect();
        let cells = |cells: &[&str]| cells.iter().map(|cell| cell.to_string()).collect::<Vec<_>>();
        assert_eq!(
            records,
            [
                (1, cells(&["code", "description"])),
                (3, cells(&["A4216", "Sterile water,\r\n10 ml"])),
                (6, cells(&["J1100", "Dexamethasone"]))
            ]
        );
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_only_a_quote() {
        assert_eq!(csv_cells(r#"A6402,Gauze 4x4" sterile,0.25"#), ["A6402", r#"Gauze 4x4" sterile"#, "0.25"]);
        let semicolons: Vec<_> = separated_records("a;\"b;c\";d", b';').collect();
        assert_eq!(semicolons, [(1, vec!["a".to_string(), "b;c".into(), "d".into()])]);
        assert_eq!(csv_cells(""), [""]);
    }

    #[test]
    fn a_data_row_reads_into_a_fee_schedule_entry() {
        let record = parse_rvu_record(&csv_cells(VISIT)).unwrap();
        assert_eq!((record.hcpcs.as_str(), record.modifier.as_str(), record.pctc_indicator), ("99213", "", 0));
        assert_eq!(
            record.entry,
            FeeScheduleEntry {
                status: PaymentStatus::Payable,
                work_rvu: 130,
                non_facility_pe_rvu: Some(135),
                facility_pe_rvu: Some(57),
                mp_rvu: 10
            }
        );
        assert_eq!(record.conversion_factor, 323_465);
    }

    #[test]
    fn not_available_settings_have_no_pe_rvu() {
        let record = parse_rvu_record(&csv_cells(KNEE)).unwrap();
        assert_eq!(record.entry.non_facility_pe_rvu, None);
        assert_eq!(record.entry.facility_pe_rvu, Some(1530));
        assert_eq!(record.global_days, "090");
        assert!(!record.reference_only);
    }

    #[test]
    fn rvus_published_for_other_payers_are_marked() {
        let physical = "99395,,Prev visit est age 18-39,N,+,1.75,1.65,,0.69,,0.12,3.52,2.56,9,XXX,0.00,0.00,0.00,0,0,0,0,0,,32.3465,09,0,99,0.00,0.00,0.00";
        let record = parse_rvu_record(&csv_cells(physical)).unwrap();
        assert!(record.reference_only);
        assert_eq!(record.entry.status, PaymentStatus::NotPayable('N'));
    }

    #[test]
    fn titles_and_headers_are_not_records_and_bad_numbers_are_named() {
        let header = format!("HCPCS,MOD,DESCRIPTION,CODE{}", ",X".repeat(27));
        assert_eq!(parse_rvu_record(&csv_cells(&header)), Err(RvuRecordError::NotARecord));
        assert_eq!(parse_rvu_record(&csv_cells(",,RELEASED 09/11/2025,,,")), Err(RvuRecordError::NotARecord));
        let broken = VISIT.replace(",1.30,", ",1.3x,");
        assert!(matches!(parse_rvu_record(&csv_cells(&broken)), Err(RvuRecordError::BadValue { column: 6, name: "work RVU", .. })));
    }

    #[test]
    fn gpci_locality_zip_and_lab_rows_read() {
        let gpci = parse_gpci_record(&csv_cells("02102,AK,01,ALASKA*,1.5,1.081,0.592")).unwrap();
        assert_eq!((gpci.mac.as_str(), gpci.locality.as_str(), gpci.name.as_str()), ("02102", "01", "ALASKA"));
        assert_eq!(gpci.gpci, Gpci { work: 1500, pe: 1081, mp: 592 });
        assert!(parse_gpci_record(&csv_cells("Medicare Administrative Contractor (MAC),State,Locality Number,x,y,z,w")).is_none());

        let counties = parse_locality_counties_record(&csv_cells("2102,1,ALASKA ,STATEWIDE ,ALL COUNTIES ")).unwrap();
        assert_eq!((counties.mac.as_str(), counties.locality.as_str(), counties.counties.as_str()), ("02102", "01", "ALL COUNTIES"));
        assert!(parse_locality_counties_record(&csv_cells(",,,,")).is_none());

        let zip = parse_zip5_record("AK995010210201 Z9   0 A                                                    20254").unwrap();
        assert_eq!(
            (zip.state.as_str(), zip.zip.as_str(), zip.mac.as_str(), zip.locality.as_str(), zip.plus_four),
            ("AK", "99501", "02102", "01", false)
        );
        assert!(parse_zip5_record("AK99").is_none());

        let lab = r#"2025,85025,,20250101,N,00007.77,Complete cbc,"Blood count, complete",x"#;
        assert_eq!(parse_clfs_record(&csv_cells(lab)), Some(("85025".to_string(), 777)));
        assert_eq!(parse_clfs_record(&csv_cells("2025,85025,QW,20250101,N,00007.77,a,b,c")), None, "modifier rows are the same price");
        assert_eq!(parse_clfs_record(&csv_cells("YEAR,HCPCS,MOD,EFF_DATE,INDICATOR,RATE,SHORTDESC,LONGDESC,X")), None);
    }

    #[test]
    fn fixed_point_numbers() {
        assert_eq!(fixed_point("1.30", 2), Some(130));
        assert_eq!(fixed_point("0.5", 2), Some(50));
        assert_eq!(fixed_point("19", 2), Some(1900));
        assert_eq!(fixed_point("32.3465", 4), Some(323_465));
        assert_eq!(fixed_point("1.305", 2), None);
        assert_eq!(fixed_point("", 2), None);
        assert_eq!(fixed_point("-1", 2), None);
    }
}
