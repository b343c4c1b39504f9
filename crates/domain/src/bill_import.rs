//! Reading bills from the files members and advocates hold, into one `Bill` each. Pure: the
//! same code runs in the browser (so a text file is reviewed before anything leaves the phone)
//! and on the server.

pub mod csv;
pub mod layout;
pub mod statement;
mod values;
pub mod x12;

use crate::bill::Bill;
use serde::{Deserialize, Serialize};

/// The largest bill file read, in bytes, in the browser and on the server alike: a phone photo
/// or a long scanned bill fits.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The same limit in words, for the messages that refuse a larger file.
pub const MAX_FILE_SIZE_TEXT: &str = "20 MB";

/// Pages of a PDF read for charges: a long itemized bill fits.
pub const MAX_PDF_PAGES: u32 = 20;

/// What a photo or PDF of a bill is, decided by its first bytes, never by its name: the browser
/// decides with it what it can read itself, the server what it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadKind {
    Pdf,
    Png,
    Jpeg,
}

impl UploadKind {
    pub const ALL: [UploadKind; 3] = [UploadKind::Pdf, UploadKind::Png, UploadKind::Jpeg];

    /// How many first bytes `sniff` needs.
    pub const SNIFF_BYTES: usize = 8;

    pub fn sniff(bytes: &[u8]) -> Option<UploadKind> {
        if bytes.starts_with(b"%PDF-") {
            Some(UploadKind::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(UploadKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(UploadKind::Jpeg)
        } else {
            None
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            UploadKind::Pdf => "application/pdf",
            UploadKind::Png => "image/png",
            UploadKind::Jpeg => "image/jpeg",
        }
    }
}

/// A code as bills and people write it with its modifiers ("99213-25", "73562 RT, 59"): the
/// code, then each modifier, upper-cased.
pub fn split_code(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '-')).filter(|part| !part.is_empty()).map(str::to_uppercase).collect()
}

/// How a photo or PDF was read on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadMethod {
    /// The PDF's own text.
    TextLayer,
    /// Optical character recognition of the image or the scanned pages.
    Ocr,
}

/// `POST /api/bills/read`: the charges read from a photo or a PDF (with the total the bill
/// states), and for the member to check them, where each charge was printed and the rows that
/// looked like charges but could not be read completely (issue 14: "say what was and was not
/// read").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillReading {
    pub bill: Bill,
    pub pages: u32,
    pub method: ReadMethod,
    /// One per line of `bill.lines`, in the same order: the page, the row's place on it and
    /// its text.
    #[serde(default)]
    pub rows: Vec<layout::PrintedRow>,
    /// Rows that looked like charges but could not be read completely.
    #[serde(default)]
    pub to_check: Vec<layout::PrintedRow>,
}

/// A text file a member chose on the bill page, read on their device: an X12 claim or
/// remittance (it starts with `ISA`; it may hold several claims), else a CSV export. Err is what
/// to tell the member about the file.
pub fn read_export(text: &str) -> Result<Vec<Bill>, String> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("ISA") {
        let document = x12::parse_x12(start).map_err(|e| e.to_string())?;
        if document.bills.is_empty() {
            return Err("This X12 file holds no claims.".into());
        }
        return Ok(document.bills);
    }
    csv::parse_csv(start).map(|bill| vec![bill]).map_err(|e| e.to_string())
}

/// A PDF's text layer as the browser's pdf.js gives it, read by the layout reader (the server's
/// reader for text PDFs), each charge with its printed row; when no page is a table, line by
/// line. None when the PDF has no text (a scan, for the server's OCR) or no charges.
pub fn read_text_layer(pages: &[layout::PageRuns]) -> Option<BillReading> {
    let words: Vec<layout::PageWords> = pages.iter().map(layout::PageRuns::words).collect();
    if words.iter().all(|page| page.words.is_empty()) {
        return None;
    }
    let count = pages.len() as u32;
    // A text layer's codes are as printed: no OCR misreading to correct.
    let reading = layout::read_layout(&words, &|_| true);
    if !reading.bill.lines.is_empty() || !reading.to_check.is_empty() {
        return Some(BillReading {
            bill: reading.bill,
            pages: count,
            method: ReadMethod::TextLayer,
            rows: reading.rows,
            to_check: reading.to_check,
        });
    }
    let text = pages.iter().flat_map(layout::PageRuns::lines).collect::<Vec<_>>().join("\n");
    let bill = statement::parse_statement_text(&text).ok()?;
    Some(BillReading { bill, pages: count, method: ReadMethod::TextLayer, rows: Vec::new(), to_check: Vec::new() })
}

#[cfg(test)]
mod export_tests {
    use super::*;

    #[test]
    fn an_export_is_x12_when_it_starts_with_isa_after_a_byte_order_mark_and_a_csv_otherwise() {
        let csv = "\u{feff}Date of Service,CPT,Description,Units,Charges\n03/01/2025,85025,Complete blood count,1,$65.00\n";
        assert_eq!(read_export(csv).unwrap()[0].lines.len(), 1);
        let not_a_bill = read_export("Dear member, thank you for your payment.").unwrap_err();
        assert!(!not_a_bill.is_empty());
        // An X12 envelope that parses but carries no claim says so, not "no charges".
        let empty =
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250301*1200*^*00501*000000001*0*P*:~IEA*0*000000001~";
        match read_export(empty) {
            Err(message) => assert!(!message.is_empty()),
            Ok(bills) => panic!("an envelope without claims is not a bill: {bills:?}"),
        }
    }

    #[test]
    fn a_text_layer_without_text_is_left_for_the_server() {
        assert_eq!(read_text_layer(&[layout::PageRuns::default()]), None);
        assert_eq!(read_text_layer(&[]), None);
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn a_file_is_told_by_its_first_bytes_not_its_name() {
        assert_eq!(UploadKind::sniff(b"%PDF-1.7\n"), Some(UploadKind::Pdf));
        assert_eq!(UploadKind::sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(UploadKind::Png));
        assert_eq!(UploadKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(UploadKind::Jpeg));
        assert_eq!(UploadKind::sniff(b"PK\x03\x04 a zip named bill.pdf"), None);
        assert_eq!(UploadKind::sniff(b"%PDF"), None, "too short to be a PDF");
    }

    #[test]
    fn the_file_size_limit_is_said_as_it_is_counted() {
        assert_eq!(MAX_FILE_SIZE_TEXT, format!("{} MB", MAX_FILE_BYTES / (1024 * 1024)));
    }
}
