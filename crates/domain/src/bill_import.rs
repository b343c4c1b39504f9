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
