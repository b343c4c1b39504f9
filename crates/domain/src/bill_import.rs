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
