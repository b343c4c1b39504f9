//! Itemized bills exported as CSV.
//!
//! Exports differ in their column names, order, separator and number formats, so columns are
//! found by their header's name, the separator is taken from the header line, and dates and
//! amounts are read in the forms US bills print them. A row saying "Total" or "Amount due"
//! gives the bill's stated figures instead of being a charge.

use super::values::{self, amount};
use crate::bill::{Bill, BillLine};
use crate::cms_files::separated_records;

/// Why a CSV could not be read, with the line to fix where there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("The file is empty. Export the itemized bill again, or choose another file.")]
    Empty,
    #[error(
        "Line {line}: the first line should name the columns, with one for the charge (\"Charge\", \"Amount\" or \"Total\"). The columns found were: {found}. Add or rename the charge column, or export the itemized bill again."
    )]
    NoChargeColumn { line: usize, found: String },
    #[error("Line {line}: the charge \"{value}\" is not an amount. Write it like 1,250.00 (or (25.00) for a credit).")]
    BadCharge { line: usize, value: String },
    #[error("Line {line}: this line has a code or date but no charge. Fill in its charge or delete the line.")]
    MissingCharge { line: usize },
    #[error("Line {line}: the date \"{value}\" is not a date. Write it like 03/01/2025 or 2025-03-01.")]
    BadDate { line: usize, value: String },
    #[error("Line {line}: the {column} \"{value}\" cannot be read. Write a number like 2 or 1,250.00, or leave it empty.")]
    BadNumber { line: usize, column: &'static str, value: String },
    #[error("The file names its columns but lists no charges under them. Export the itemized bill with its lines.")]
    NoLines,
}

/// What a column holds, recognised from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Code,
    Modifiers,
    RevenueCode,
    Description,
    Units,
    UnitPrice,
    Charge,
    Allowed,
    PatientOwes,
}

/// Header names as exports write them, lower case, punctuation other than "/" dropped.
const HEADERS: &[(Column, &[&str])] = &[
    (Column::Date, &["date", "service date", "date of service", "dates of service", "dos", "svc date"]),
    (
        Column::Code,
        &["code", "cpt", "hcpcs", "cpt/hcpcs", "hcpcs/cpt", "cpt code", "hcpcs code", "cpt/hcpcs code", "procedure code", "billing code"],
    ),
    (Column::Modifiers, &["modifier", "modifiers", "mod", "mods"]),
    (Column::RevenueCode, &["revenue code", "rev code", "rev", "rev cd"]),
    (Column::Description, &["description", "service", "item", "service description", "desc", "item description"]),
    (Column::Units, &["units", "qty", "quantity", "unit"]),
    (Column::UnitPrice, &["unit price", "price", "rate", "unit cost", "price per unit"]),
    (Column::Charge, CHARGE_HEADERS),
    (Column::Allowed, &["allowed", "allowed amount"]),
    (
        Column::PatientOwes,
        &["patient responsibility", "you owe", "patient owes", "patient balance", "your responsibility", "patient amount"],
    ),
];

const CHARGE_HEADERS: &[&str] = &[
    "charge",
    "charges",
    "amount",
    "total",
    "total charge",
    "total charges",
    "billed",
    "amount billed",
    "billed amount",
    "charge amount",
    "amount charged",
    "gross charges",
    "line total",
];

fn column(header: &str) -> Option<Column> {
    let name = normalise(header);
    HEADERS.iter().find(|(_, names)| names.contains(&name.as_str())).map(|(column, _)| *column)
}

/// "Date of Service (MM/DD/YYYY):" → "date of service".
fn normalise(header: &str) -> String {
    let without_note = header.split('(').next().unwrap_or(header);
    let kept: String = without_note.chars().map(|c| if c.is_alphanumeric() || c == '/' { c.to_ascii_lowercase() } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where each recognised column is (the first of a kind wins).
struct Columns(Vec<(Column, usize)>);

impl Columns {
    fn find(header: &[String]) -> Self {
        let mut found: Vec<(Column, usize)> = Vec::new();
        for (index, cell) in header.iter().enumerate() {
            if let Some(kind) = column(cell).filter(|kind| !found.iter().any(|(known, _)| known == kind)) {
                found.push((kind, index));
            }
        }
        Self(found)
    }

    /// The trimmed cell of a column in a row, "" where the column or cell is missing.
    fn cell<'a>(&self, row: &'a [String], kind: Column) -> &'a str {
        self.0.iter().find(|(known, _)| *known == kind).and_then(|(_, index)| row.get(*index)).map_or("", |cell| cell.trim())
    }

    fn has(&self, kind: Column) -> bool {
        self.0.iter().any(|(known, _)| *known == kind)
    }
}

/// Reads an itemized bill exported as CSV (comma, semicolon or tab separated).
pub fn parse_csv(text: &str) -> Result<Bill, CsvError> {
    let text = text.trim_start_matches('\u{feff}');
    let separator = separator(text);
    let mut rows = separated_records(text, separator).filter(|(_, cells)| !blank(cells));
    let (header_line, header) = rows.next().ok_or(CsvError::Empty)?;
    let columns = Columns::find(&header);
    if !columns.has(Column::Charge) {
        return Err(CsvError::NoChargeColumn { line: header_line, found: found_columns(&header) });
    }
    let mut bill = Bill::default();
    for (line, row) in rows {
        // Exports repeat the header on each printed page.
        if row.iter().map(|c| normalise(c)).eq(header.iter().map(|c| normalise(c))) {
            continue;
        }
        read_row(&columns, &row, line, &mut bill)?;
    }
    if bill.lines.is_empty() {
        return Err(CsvError::NoLines);
    }
    Ok(bill)
}

/// A row with nothing in it: a blank line, or only separators.
fn blank(cells: &[String]) -> bool {
    cells.iter().all(|cell| cell.trim().is_empty())
}

/// The separator the header uses most: comma, semicolon (European spreadsheets) or tab.
fn separator(text: &str) -> u8 {
    let count = |separator| separated_records(text, separator).find(|(_, cells)| !blank(cells)).map_or(0, |(_, cells)| cells.len());
    [b',', b';', b'\t'].into_iter().max_by_key(|&separator| (count(separator), separator == b',')).unwrap_or(b',')
}

fn found_columns(header: &[String]) -> String {
    let names: Vec<String> =
        header.iter().map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).map(|cell| format!("\"{cell}\"")).collect();
    if names.is_empty() { "none".into() } else { names.join(", ") }
}

/// Adds one row to the bill: a charge, a total, or nothing (a heading, a note, a subtotal).
fn read_row(columns: &Columns, row: &[String], line: usize, bill: &mut Bill) -> Result<(), CsvError> {
    let cell = |kind| columns.cell(row, kind);
    let has_codes = !cell(Column::Code).is_empty() || !cell(Column::RevenueCode).is_empty();
    let label = [cell(Column::Description), row.first().map_or("", |first| first.trim())];
    if !has_codes && let Some(total) = label.iter().find_map(|text| total_label(text)) {
        return read_total(columns, row, line, total, bill);
    }
    if cell(Column::Charge).is_empty() {
        // A heading ("PHARMACY", often in the first column) or a note: nothing to charge.
        return if has_codes || values::date(cell(Column::Date)).is_some() { Err(CsvError::MissingCharge { line }) } else { Ok(()) };
    }
    bill.lines.push(read_line(columns, row, line)?);
    Ok(())
}

fn read_line(columns: &Columns, row: &[String], line: usize) -> Result<BillLine, CsvError> {
    let cell = |kind| columns.cell(row, kind);
    let charge_text = cell(Column::Charge);
    let charge = amount(charge_text).ok_or_else(|| CsvError::BadCharge { line, value: charge_text.into() })?;
    let date_text = cell(Column::Date);
    let date = if date_text.is_empty() {
        None
    } else {
        Some(values::date(date_text).ok_or_else(|| CsvError::BadDate { line, value: date_text.into() })?)
    };
    let optional_amount = |kind, name| {
        let text = cell(kind);
        if text.is_empty() {
            Ok(None)
        } else {
            amount(text).map(Some).ok_or_else(|| CsvError::BadNumber { line, column: name, value: text.into() })
        }
    };
    let units_text = cell(Column::Units);
    let units = if units_text.is_empty() {
        1
    } else {
        values::units(units_text).ok_or_else(|| CsvError::BadNumber { line, column: "units", value: units_text.into() })?
    };
    let revenue_text = cell(Column::RevenueCode);
    // "99213-25" or "99213 25" in the code column carries its modifiers.
    let mut code_parts = super::split_code(cell(Column::Code)).into_iter();
    let code = code_parts.next();
    let modifiers = code_parts.chain(super::split_code(cell(Column::Modifiers))).collect();
    Ok(BillLine {
        date,
        // A cell that is not a revenue code is kept as written, for the member to see.
        revenue_code: values::revenue_code(revenue_text).or_else(|| (!revenue_text.is_empty()).then(|| revenue_text.to_string())),
        code,
        modifiers,
        description: cell(Column::Description).to_string(),
        units,
        unit_price: optional_amount(Column::UnitPrice, "unit price")?,
        charge,
        allowed: optional_amount(Column::Allowed, "allowed amount")?,
        adjustments: Vec::new(),
        patient_owes: optional_amount(Column::PatientOwes, "patient responsibility")?,
    })
}

/// What a total row states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Total {
    /// "Total", "Total charges": the bill's total.
    Stated,
    /// "Balance", "Amount due", "Patient responsibility": what the patient is asked to pay.
    Due,
    /// "Subtotal": part of the total, neither a charge nor the total.
    Sub,
}

/// Words a total row's label is made of; a label with any other word ("Total knee
/// replacement") is a service, not a total.
const TOTAL_WORDS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "grand",
    "balance",
    "amount",
    "amounts",
    "due",
    "charge",
    "charges",
    "billed",
    "patient",
    "responsibility",
    "you",
    "your",
    "owe",
    "account",
    "statement",
    "current",
    "new",
    "of",
    "for",
    "services",
    "to",
    "pay",
    "now",
];

fn total_label(label: &str) -> Option<Total> {
    let words: Vec<String> = label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.is_empty() || !words.iter().all(|word| TOTAL_WORDS.contains(&word.as_str())) {
        return None;
    }
    let has = |wanted: &[&str]| words.iter().any(|word| wanted.contains(&word.as_str()));
    if has(&["subtotal"]) {
        Some(Total::Sub)
    } else if has(&["due", "balance", "owe", "pay", "responsibility"]) {
        Some(Total::Due)
    } else if has(&["total", "totals"]) {
        Some(Total::Stated)
    } else {
        None
    }
}

/// A total row's figure: the charge column, else the patient's column, else its last amount.
fn read_total(columns: &Columns, row: &[String], line: usize, total: Total, bill: &mut Bill) -> Result<(), CsvError> {
    let amount_in = |kind| {
        let text = columns.cell(row, kind);
        if text.is_empty() { Ok(None) } else { amount(text).map(Some).ok_or_else(|| CsvError::BadCharge { line, value: text.into() }) }
    };
    let charge = amount_in(Column::Charge)?;
    let patient = amount_in(Column::PatientOwes)?;
    let last_amount = || row.iter().rev().find_map(|cell| amount(cell.trim()));
    match total {
        Total::Stated => {
            bill.stated_total = charge.or_else(last_amount).or(bill.stated_total);
            // A totals row may also total the patient's column.
            bill.amount_due = patient.or(bill.amount_due);
        }
        Total::Due => bill.amount_due = patient.or(charge).or_else(last_amount).or(bill.amount_due),
        Total::Sub => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::time::Date;

    fn cents(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    #[test]
    fn a_clean_export_reads_every_column() {
        let text = "\
Date of Service,CPT/HCPCS,Modifier,Rev Code,Description,Qty,Unit Price,Charges,Allowed,Patient Responsibility
03/01/2025,99285,25,450,\"ER visit, high severity\",1,\"$1,250.00\",\"$1,250.00\",$600.00,$120.00
3/1/25,96374,,260,IV push,2,$95.50,$191.00,,
2025-03-02,J1885,JW;JZ,250,Ketorolac,1,12.00,12.00,,
";
        let bill = parse_csv(text).unwrap();
        assert_eq!(bill.lines.len(), 3);
        let er = &bill.lines[0];
        assert_eq!(er.date, Date::new(2025, 3, 1));
        assert_eq!((er.code.as_deref(), &er.modifiers[..]), (Some("99285"), &["25".to_string()][..]));
        assert_eq!(er.revenue_code.as_deref(), Some("0450"));
        assert_eq!(er.description, "ER visit, high severity");
        assert_eq!(
            (er.unit_price, er.charge, er.allowed, er.patient_owes),
            (Some(cents(125_000)), cents(125_000), Some(cents(60_000)), Some(cents(12_000)))
        );
        assert_eq!((bill.lines[1].date, bill.lines[1].units, bill.lines[1].charge), (Date::new(2025, 3, 1), 2, cents(19_100)));
        assert_eq!(bill.lines[2].modifiers, ["JW", "JZ"]);
        assert_eq!(bill.lines_total(), cents(145_300));
        assert_eq!((bill.stated_total, bill.amount_due), (None, None));
    }

    #[test]
    fn a_duplicate_line_is_kept_for_the_review_to_find() {
        let text = "Date,Code,Description,Amount\n03/01/2025,80053,Metabolic panel,$210.00\n03/01/2025,80053,Metabolic panel,$210.00\n";
        let bill = parse_csv(text).unwrap();
        assert_eq!(bill.lines.len(), 2);
        assert_eq!(bill.lines[0], bill.lines[1]);
    }

    #[test]
    fn total_rows_give_the_stated_total_and_amount_due() {
        let text = "\
Service Date,Code,Description,Charge,You Owe
03/01/2025,99213,Office visit,$150.00,$30.00
03/01/2025,27447,Total knee replacement,\"$40,000.00\",$0.00
,,Subtotal,\"$40,150.00\",
,,Total charges,\"$40,150.00\",$30.00
Amount due,,,,$30.00
";
        let bill = parse_csv(text).unwrap();
        assert_eq!(bill.lines.len(), 2, "{:?}", bill.lines);
        assert_eq!(bill.lines[1].description, "Total knee replacement");
        assert_eq!(bill.stated_total, Some(cents(4_015_000)));
        assert_eq!(bill.amount_due, Some(cents(3_000)));
        assert_eq!(total_label("Balance due:"), Some(Total::Due));
        assert_eq!(total_label("GRAND TOTAL"), Some(Total::Stated));
        assert_eq!(total_label("Total hip"), None);
    }

    #[test]
    fn semicolon_and_tab_separated_files_are_read() {
        let semicolon = "Date;Code;Description;Amount\n01/15/2025;71046;\"Chest X-ray; 2 views\";$85.00\n";
        let bill = parse_csv(semicolon).unwrap();
        assert_eq!((bill.lines[0].description.as_str(), bill.lines[0].charge), ("Chest X-ray; 2 views", cents(8_500)));
        let tab = "Date\tCode\tAmount\n01/15/2025\t71046\t1,085.00\n";
        assert_eq!(parse_csv(tab).unwrap().lines[0].charge, cents(108_500));
    }

    #[test]
    fn a_line_break_inside_a_quoted_cell_stays_in_the_cell() {
        let text =
            "Date,Code,Description,Amount\n03/01/2025,99285,\"ER visit,\nhigh severity\",\"$1,250.00\"\n03/01/2025,96374,IV push,12O.00\n";
        assert_eq!(parse_csv(text), Err(CsvError::BadCharge { line: 4, value: "12O.00".into() }));
        let bill = parse_csv(&text.replace("12O.00", "95.00")).unwrap();
        let read: Vec<(&str, i64)> = bill.lines.iter().map(|line| (line.description.as_str(), line.charge.cents())).collect();
        assert_eq!(read, [("ER visit,\nhigh severity", 125_000), ("IV push", 9_500)]);
    }

    #[test]
    fn codes_carry_their_modifiers_and_units_default_to_one() {
        let bill = parse_csv("code,mod,amount\n99213-25,59,100\n").unwrap();
        assert_eq!(
            (bill.lines[0].code.as_deref(), bill.lines[0].modifiers.join(" "), bill.lines[0].units),
            (Some("99213"), "25 59".into(), 1)
        );
    }

    #[test]
    fn headings_notes_and_repeated_headers_are_skipped() {
        let text =
            "\n\u{feff}Date,Code,Description,Amount\nPHARMACY,,,\n01/15/2025,J1100,Dexamethasone,$9.00\nDate,Code,Description,Amount\n";
        assert_eq!(parse_csv(text).unwrap().lines.len(), 1);
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let header = "Date,Code,Description,Amount\n";
        assert_eq!(
            parse_csv(&format!("{header}\n01/15/2025,99213,Visit,12O.00\n")),
            Err(CsvError::BadCharge { line: 3, value: "12O.00".into() })
        );
        assert_eq!(
            parse_csv(&format!("{header}15/01/2025,99213,Visit,120.00\n")),
            Err(CsvError::BadDate { line: 2, value: "15/01/2025".into() })
        );
        assert_eq!(parse_csv(&format!("{header}01/15/2025,99213,Visit,\n")), Err(CsvError::MissingCharge { line: 2 }));
        assert_eq!(
            parse_csv("Code,Units,Amount\n99213,two,100\n"),
            Err(CsvError::BadNumber { line: 2, column: "units", value: "two".into() })
        );
        let message = parse_csv(&format!("{header}01/15/2025,99213,Visit,12O.00\n")).unwrap_err().to_string();
        assert!(message.starts_with("Line 2: the charge \"12O.00\""), "{message}");
    }

    #[test]
    fn a_file_without_charges_says_what_it_found() {
        assert_eq!(parse_csv(""), Err(CsvError::Empty));
        assert_eq!(parse_csv("\n \n"), Err(CsvError::Empty));
        let error = parse_csv("\nDate,Code,Description\n01/15/2025,99213,Visit\n").unwrap_err();
        assert_eq!(error, CsvError::NoChargeColumn { line: 2, found: "\"Date\", \"Code\", \"Description\"".into() });
        assert!(error.to_string().contains("The columns found were: \"Date\", \"Code\", \"Description\""), "{error}");
        assert_eq!(parse_csv("Date,Code,Amount\n"), Err(CsvError::NoLines));
        assert_eq!(parse_csv("Date,Code,Amount\nTotal,,0.00\n"), Err(CsvError::NoLines));
    }
}
