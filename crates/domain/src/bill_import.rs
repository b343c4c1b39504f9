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
    fn the_file_size_limit_is_said_as_it_is_counted() {
        assert_eq!(MAX_FILE_SIZE_TEXT, format!("{} MB", MAX_FILE_BYTES / (1024 * 1024)));
    }
}
