//! Itemized bills read from words and their places on the page, the way a person reads a
//! table: rows rebuilt from the words' positions (tolerant of a photo's slant), columns named by
//! the headers printed above them ("Rev Code", "CPT/HCPCS", "Qty", "Charges", "Insurance Paid"),
//! or told apart by the values' shapes where no header is printed; revenue code group headers
//! ("0351 - CT SCAN/HEAD") carried down to their charges; several charges on one row.
//!
//! Pure: the server gives it the words of a PDF's text layer or of OCR, and the browser can
//! give it pdf.js's. What it could not read completely it lists as rows to check, never
//! dropping them silently; the total the bill states is read where printed.

mod rows;
mod shapes;

use crate::bill::{Bill, BillLine};
use crate::money::Money;
use crate::time::Date;
use rows::{Row, Token};
use serde::{Deserialize, Serialize};

/// A word on a page and its box, in the page's own units (points for a PDF, pixels for an
/// image), measured from the top left corner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Word {
    pub text: String,
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

/// A page of a PDF's text layer as runs of text with their boxes, from the top left corner in
/// points: what the browser's pdf.js gives (the server's poppler runs are read in its own module).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageRuns {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<TextRun>,
}

/// One run of text and its box.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextRun {
    pub text: String,
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

impl PageRuns {
    /// The page's words, each placed along its run.
    pub fn words(&self) -> PageWords {
        PageWords {
            width: self.width,
            height: self.height,
            words: self.runs.iter().flat_map(|r| words_of_run(&r.text, r.left, r.top, r.width, r.height)).collect(),
            recognised: false,
        }
    }

    /// The page as lines of text, top to bottom, each line's runs left to right (runs whose tops
    /// are within a third of their height make a line), for the line-by-line statement reader
    /// when a page is not a table.
    pub fn lines(&self) -> Vec<String> {
        let mut runs: Vec<&TextRun> = self.runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
        runs.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
        let mut lines: Vec<Vec<&TextRun>> = Vec::new();
        for run in runs {
            match lines.last_mut() {
                Some(line) if (run.top - line[0].top).abs() <= line[0].height.max(1.0) / 3.0 => line.push(run),
                _ => lines.push(vec![run]),
            }
        }
        lines
            .into_iter()
            .map(|mut line| {
                line.sort_by(|a, b| a.left.total_cmp(&b.left));
                line.iter().map(|r| r.text.trim()).collect::<Vec<_>>().join("  ")
            })
            .collect()
    }
}

/// Whether a second OCR reader's reading of a word replaces the first (the server reads the
/// digits of a poor scan twice): only when it is one whole value of a bill's table (an amount,
/// a code, a date, a count), so a guess at a word that is not one never replaces what was read.
pub fn second_reading_replaces(second: &str) -> bool {
    shapes::whole_value(second)
}

/// Whether a second reading of several neighbouring words, which the first reader split and
/// was unsure of ("Oj 2270" for a code printed 0J2270), replaces them all as one word: only
/// when it is a procedure code. Read together, an amount or a date can take in a field beside
/// it ("Fri 12/22/2023" read as "FH12/22/2023", a date still), so those are read word by word.
pub fn second_reading_joins(second: &str) -> bool {
    second.bytes().any(|b| b.is_ascii_digit()) && shapes::procedure_code(second).is_some()
}

/// The words of one run of text (what a PDF's text layer gives: poppler's runs on the server,
/// pdf.js's items in the browser), each placed along the run by its share of the characters.
pub fn words_of_run(text: &str, left: f32, top: f32, width: f32, height: f32) -> Vec<Word> {
    let characters = text.chars().count().max(1) as f32;
    let per_character = width / characters;
    let mut words = Vec::new();
    let mut at = 0usize;
    for piece in text.split(' ') {
        let length = piece.chars().count();
        if !piece.trim().is_empty() {
            let start = left + at as f32 * per_character;
            words.push(Word {
                text: piece.to_string(),
                left: start,
                top,
                right: start + length as f32 * per_character,
                bottom: top + height,
            });
        }
        at += length + 1;
    }
    words
}

/// The words of one page, with the page's size in the same units.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageWords {
    pub width: f32,
    pub height: f32,
    pub words: Vec<Word>,
    /// The words were recognised (OCR), so a character may be misread; a text layer's are not.
    #[serde(default)]
    pub recognised: bool,
}

/// Where a row was printed and what it says, so the member can compare a read charge with the
/// bill: the page (from 0), its top and bottom as fractions of the page's height, its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrintedRow {
    pub page: u32,
    pub top: f32,
    pub bottom: f32,
    pub text: String,
}

/// What a row listed to check does print, read from its text so the member only fills in what
/// is missing: its date, its CPT/HCPCS code, the words describing it, and its charge (the last
/// amount on the row, as a bill's charge column is its last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowParts {
    pub date: Option<Date>,
    pub code: Option<String>,
    pub description: String,
    pub charge: Option<Money>,
}

/// The parts of a row's text that read as what they are. A row is listed to check because some
/// part of it did not read, so nothing here is guessed: a part that does not read is left out.
pub fn row_parts(text: &str) -> RowParts {
    let mut parts = RowParts::default();
    let words: Vec<&str> = text.split_whitespace().collect();
    // OCR's speck after an amount ("$232.77.").
    let amount = |word: &str| shapes::amount(word.strip_suffix('.').unwrap_or(word));
    let charge_at = words.iter().rposition(|w| amount(w).is_some_and(|cents| cents > 0));
    parts.charge = charge_at.and_then(|at| amount(words[at])).map(Money::from_cents);
    let before_charge = &words[..charge_at.unwrap_or(words.len())];
    let mut description = Vec::new();
    for word in before_charge {
        if parts.date.is_none()
            && word.contains('/')
            && let Some(date) = shapes::date(word, None)
        {
            parts.date = Some(date);
        } else if parts.code.is_none()
            && let Some((code, _)) = shapes::procedure_code(word)
        {
            parts.code = Some(code);
        } else if word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            description.push(*word);
        }
    }
    parts.description = description.join(" ");
    parts
}

/// What the words say: the bill's charges (with the stated total), the row each charge was
/// read from, and the rows that looked like charges but could not be read completely.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LayoutReading {
    pub bill: Bill,
    /// One per line of `bill.lines`, in the same order.
    pub rows: Vec<PrintedRow>,
    pub to_check: Vec<PrintedRow>,
}

/// Reads a bill's pages of positioned words. `known_code` says whether a CPT/HCPCS code exists
/// (the server and the browser hold Medicare's unit limits, 9,637 codes): on a recognised page,
/// a code that does not, but does with one character OCR often confuses read back ("37030"
/// for J7030), is taken as that code. Give `&|_| true` to take codes as read.
pub fn read_layout(pages: &[PageWords], known_code: &dyn Fn(&str) -> bool) -> LayoutReading {
    let mut printed: Vec<(Row, f32)> = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let height = if page.height > 0.0 { page.height } else { 1.0 };
        printed.extend(rows::rows(number as u32, &page.words).into_iter().map(|row| (row, height)));
    }
    let recognised: Vec<bool> = pages.iter().map(|p| p.recognised).collect();
    // Dates printed without a year ("11/10") take the year of the bill's other dates.
    let year = printed.iter().flat_map(|(row, _)| &row.tokens).filter_map(|t| shapes::date(&t.text, None)).map(|d| d.year).max();
    let mut reader = Reader {
        year,
        known_code,
        recognised,
        headers: Vec::new(),
        group_revenue_code: None,
        visit_date: None,
        charges: Vec::new(),
        to_check: Vec::new(),
        total: None,
        charge_subtotals: Vec::new(),
        header_open: false,
        last_row: None,
    };
    let mut previous_header: Option<&Row> = None;
    for (row, page_height) in &printed {
        let place = PrintedRow { page: row.page, top: row.top / page_height, bottom: row.bottom / page_height, text: row.text() };
        if is_header(row) {
            // A header printed over two or three lines is one header, even with a line of
            // abbreviations between ("LICN HCPI"), as long as no value came in between.
            let continues = previous_header.is_some_and(|p| p.page == row.page && row.top - p.bottom < 3.5 * row.height);
            reader.header_line(row, continues);
            previous_header = Some(row);
            continue;
        }
        let values = row.tokens.iter().any(|t| shapes::amount(&t.text).is_some() || shapes::date(&t.text, None).is_some());
        if values {
            previous_header = None;
        }
        reader.row(row, place);
    }
    reader.finish()
}

/// What a column holds, named by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    RevenueCode,
    Code,
    Modifier,
    Description,
    Units,
    UnitPrice,
    /// Charges; `named` when the header says so ("Charges", "Billed"), not just "Amount".
    Charge {
        named: bool,
    },
    /// "Price": the line's charge where no other column holds charges, else the unit price.
    Price,
    /// Payments, adjustments, insurance paid, allowed amounts, balances, what the patient owes.
    NotCharge,
    /// A charge-master, prescription or account number.
    Other,
    Unknown,
}

/// Header words, lower case. A row of these (with at least one anchor) and no values is a
/// table's header.
const HEADER_WORDS: &[&str] = &[
    "date",
    "dates",
    "dt",
    "dos",
    "svc",
    "service",
    "services",
    "rev",
    "revenue",
    "code",
    "codes",
    "cpt",
    "hcpcs",
    "procedure",
    "proc",
    "description",
    "desc",
    "qty",
    "quantity",
    "units",
    "unit",
    "charge",
    "charges",
    "amount",
    "price",
    "total",
    "balance",
    "payment",
    "payments",
    "adjustment",
    "adjustments",
    "adj",
    "paid",
    "insurance",
    "ins",
    "owes",
    "due",
    "patient",
    "allowed",
    "allow",
    "reim",
    "test",
    "drug",
    "rx",
    "fill",
    "ndc",
    "mods",
    "mod",
    "modifier",
    "modifiers",
    "cdm",
    "gc",
    "rsn",
    "remark",
    "reason",
    "you",
    "pay",
    "plan",
    "fee",
    "fees",
    "billed",
    "item",
];

/// Header words only a table of charges prints.
const ANCHORS: &[&str] = &[
    "date",
    "dt",
    "dos",
    "code",
    "cpt",
    "hcpcs",
    "procedure",
    "description",
    "desc",
    "qty",
    "quantity",
    "units",
    "amount",
    "charge",
    "charges",
    "price",
    "rev",
    "test",
    "drug",
    "billed",
    "fee",
];

/// Words of a row that is a total, a payment, an adjustment or a balance, not a charge.
/// A sentence of the bill's own text ("Anesthesia charges are based on base units plus time
/// units at $118.00 per unit."), not a row of its table: eight words or more, six of them in
/// small letters. A charge's description is shorter, or in capitals.
fn is_prose(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).collect();
    words.len() >= 8 && words.iter().filter(|w| w.starts_with(|c: char| c.is_lowercase())).count() >= 6
}

const NOT_CHARGE_WORDS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "subtotals",
    "balance",
    "payment",
    "payments",
    "adjustment",
    "adjustments",
    "due",
    "paid",
    "deposit",
    "credit",
    "insurance",
    "pay",
    "owe",
    "owes",
    "refund",
    "discount",
    "allowance",
    "contractual",
];

/// A word of a row's label as OCR misreads it, read back: an "l" read as "i" or "1" and an "o"
/// as "0" ("Totai charges", "TOTA1", "Ba1ance", "T0tal") are the label they make, where the word
/// as read is none. For recognised pages only: a text layer's words are as printed.
fn label_read_back(word: String) -> String {
    let label = |w: &str| NOT_CHARGE_WORDS.contains(&w) || matches!(w, "charge" | "charges");
    if label(&word) {
        return word;
    }
    let back: String = word
        .chars()
        .map(|c| match c {
            'i' | '1' => 'l',
            '0' => 'o',
            c => c,
        })
        .collect();
    if label(&back) { back } else { word }
}

/// A header's words split as a reader sees them: "CPT(R)/" is "cpt", "Payment/" "payment".
fn header_parts(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace("(r)", "")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_header(row: &Row) -> bool {
    let values = row
        .tokens
        .iter()
        .any(|t| shapes::amount(&t.text).is_some() || shapes::date(&t.text, None).is_some() || shapes::broken_amount(&t.text));
    if values {
        return false;
    }
    let parts: Vec<Vec<String>> = row.tokens.iter().map(|t| header_parts(&t.text)).collect();
    let known = parts.iter().filter(|p| !p.is_empty() && p.iter().all(|w| HEADER_WORDS.contains(&w.as_str()))).count();
    let anchored = parts.iter().flatten().any(|w| ANCHORS.contains(&w.as_str()));
    anchored && known >= 2 && known * 2 >= row.tokens.len()
}

/// The kind of column a header's words name. Order matters: "Revenue Code Description" is a
/// description, "CDM Code" a charge-master number, "Unit Price" not the line's charge.
fn column_named(words: &[String]) -> Column {
    let has = |w: &str| words.iter().any(|x| x == w);
    let any = |ws: &[&str]| ws.iter().any(|w| has(w));
    if any(&[
        "paid",
        "payment",
        "payments",
        "adjustment",
        "adjustments",
        "adj",
        "insurance",
        "ins",
        "balance",
        "owes",
        "owe",
        "due",
        "allowed",
        "allow",
        "reim",
        "discount",
        "deductible",
        "coinsurance",
        "copay",
        "credit",
        "credits",
        "pay",
        "plan",
        "responsibility",
        "gc",
        "rsn",
        "remark",
    ]) {
        Column::NotCharge
    } else if any(&["description", "desc", "drug", "item"]) {
        Column::Description
    } else if any(&["mod", "mods", "modifier", "modifiers"]) {
        Column::Modifier
    } else if has("unit") && any(&["price", "cost", "rate", "charge", "fee", "amt"]) || any(&["rate"]) {
        Column::UnitPrice
    } else if any(&["qty", "quantity", "units", "unit", "days"]) {
        Column::Units
    } else if any(&["rev", "revenue"]) {
        Column::RevenueCode
    } else if any(&["cdm", "rx", "ndc", "account", "acct"]) {
        Column::Other
    } else if any(&["cpt", "hcpcs", "procedure", "proc", "test", "code", "codes"]) {
        Column::Code
    } else if any(&["date", "dates", "dt", "dos"]) {
        Column::Date
    } else if any(&["charge", "charges", "billed", "gross"]) {
        Column::Charge { named: true }
    } else if any(&["amount", "total"]) {
        Column::Charge { named: false }
    } else if any(&["price", "fee", "fees"]) {
        // A unit price beside a charges or amount column; else the charge itself.
        Column::Price
    } else {
        Column::Unknown
    }
}

/// A header's words that stand together on one line ("Service Code"), apart from the next
/// column's by more than a wide space.
#[derive(Debug, Clone)]
struct Phrase {
    line: usize,
    left: f32,
    right: f32,
    words: Vec<String>,
}

/// A table's header, maybe over several lines.
#[derive(Debug, Clone, Default)]
struct Header {
    phrases: Vec<Phrase>,
    lines: usize,
    /// Some column says "Charges" outright: then an "Amount" column is something else.
    named_charges: bool,
    /// An insurer's remittance (allowed amounts, reason codes): it restates a bill's charges.
    remittance: bool,
    /// Some column other than "Price" holds charges ("Amount"): the price is a unit price.
    charges_apart_from_price: bool,
}

impl Header {
    fn add_line(&mut self, row: &Row) {
        let line = self.lines;
        self.lines += 1;
        for token in &row.tokens {
            let words = header_parts(&token.text);
            let (first, second) = split_before_description(&token.text, &words, token.left, token.right);
            let (left, right, words) = first;
            match self.phrases.last_mut() {
                Some(phrase)
                    if phrase.line == line && left - phrase.right < 0.8 * row.height && !starts_description(&phrase.words, &words) =>
                {
                    phrase.right = right;
                    phrase.words.extend(words);
                }
                _ => self.phrases.push(Phrase { line, left, right, words }),
            }
            if let Some((left, right, words)) = second {
                self.phrases.push(Phrase { line, left, right, words });
            }
        }
        self.charges_apart_from_price = self.phrases.iter().any(|p| matches!(self.named_under(p.left, p.right), Column::Charge { .. }));
        let columns: Vec<Column> = self.phrases.iter().map(|p| self.column_under(p.left, p.right)).collect();
        self.named_charges = columns.contains(&Column::Charge { named: true });
        let words: Vec<&String> = self.phrases.iter().flat_map(|p| &p.words).collect();
        self.remittance = words.iter().any(|w| ["allowed", "allow", "reim", "rsn", "remark", "reason"].contains(&w.as_str()));
    }

    /// The column a value printed between `left` and `right` stands in.
    fn column_under(&self, left: f32, right: f32) -> Column {
        match self.named_under(left, right) {
            Column::Price if self.charges_apart_from_price => Column::UnitPrice,
            Column::Price => Column::Charge { named: false },
            column => column,
        }
    }

    /// What the header words above a value name: on each header line, the phrase it overlaps
    /// most; else the nearest phrase, if it is near.
    fn named_under(&self, left: f32, right: f32) -> Column {
        let overlap = |p: &Phrase| p.right.min(right) - p.left.max(left);
        let mut words: Vec<String> = Vec::new();
        for line in 0..self.lines {
            let best = self.phrases.iter().filter(|p| p.line == line && overlap(p) > 0.0).max_by(|a, b| overlap(a).total_cmp(&overlap(b)));
            if let Some(phrase) = best {
                words.extend(phrase.words.iter().cloned());
            }
        }
        if words.is_empty() {
            // Beside every header word (a number right-aligned under a left-aligned title):
            // the nearest phrase, and the phrases stacked with it.
            let centre = (left + right) / 2.0;
            let distance = |p: &Phrase| ((p.left + p.right) / 2.0 - centre).abs();
            let Some(nearest) = self.phrases.iter().min_by(|a, b| distance(a).total_cmp(&distance(b))) else { return Column::Unknown };
            if distance(nearest) >= 1.5 * (nearest.right - nearest.left).max(right - left) {
                return Column::Unknown;
            }
            let stacked = |p: &Phrase| p.line == nearest.line || p.right.min(nearest.right) - p.left.max(nearest.left) > 0.0;
            for phrase in self.phrases.iter().filter(|p| stacked(p) && (p.line != nearest.line || std::ptr::eq(*p, nearest))) {
                words.extend(phrase.words.iter().cloned());
            }
        }
        match column_named(&words) {
            // A lab's own "Test Code" beside its "CPT" column: the CPT column holds the codes.
            Column::Code if !names_codes(&words) && self.phrases.iter().any(|p| names_codes(&p.words)) => Column::Other,
            column => column,
        }
    }
}

/// A header cell that runs two column names together, a code's and the description's ("Rev Cd
/// Description", as a PDF's text layer may give one run for two headings printed close): split
/// before the description, each part placed by its share of the characters. A description
/// qualified by another word ("Procedure Description", "Item Description") stays whole.
type HeaderPart = (f32, f32, Vec<String>);

fn split_before_description(text: &str, words: &[String], left: f32, right: f32) -> (HeaderPart, Option<HeaderPart>) {
    let whole = (left, right, words.to_vec());
    let Some(at) = description_after_code(words) else { return (whole, None) };
    let Some(from) = text.to_lowercase().find(words[at].as_str()) else { return (whole, None) };
    let x = left + (right - left) * from as f32 / text.chars().count().max(1) as f32;
    ((left, x, words[..at].to_vec()), Some((x, right, words[at..].to_vec())))
}

/// Whether `next` begins the description's heading right after a code's (`before`), so that the
/// two are not one phrase.
fn starts_description(before: &[String], next: &[String]) -> bool {
    let words: Vec<String> = before.iter().chain(next).cloned().collect();
    description_after_code(&words) == Some(before.len())
}

/// Where the description's heading starts in a heading that names a code's column (a revenue
/// code, a CPT code, a date) just before it.
fn description_after_code(words: &[String]) -> Option<usize> {
    let at = words.iter().position(|w| w == "description" || w == "desc").filter(|&k| k > 0)?;
    let before = &words[..at];
    let names_a_code = before.iter().any(|w| ["cpt", "hcpcs", "code", "cd", "rev", "date", "dos"].contains(&w.as_str()));
    (names_a_code && matches!(column_named(before), Column::RevenueCode | Column::Code | Column::Date)).then_some(at)
}

/// Whether a header's words name the CPT/HCPCS codes themselves, not some other code.
fn names_codes(words: &[String]) -> bool {
    words.iter().any(|w| ["cpt", "hcpcs", "cpt4"].contains(&w.as_str()))
}

/// How sure a stated total is: a row saying "Total charges" beats a summary column headed
/// "Charges", which beats an unlabelled amount under the charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum TotalSource {
    Labelled,
    /// A row of the table's totals ("Account totals"), its amount under the charges column.
    TotalsRow,
    /// The one row that says it is a subtotal of the charges ("Subtotal - charges"), where the
    /// bill prints no total: payments and adjustments follow it.
    OnlySubtotal,
    SummaryColumn,
    UnderCharges,
}

#[derive(Debug, Clone)]
struct ReadCharge {
    line: BillLine,
    row: PrintedRow,
    table: usize,
    /// It carries a code, a revenue code or a charge number of its own.
    identified: bool,
    remittance: bool,
}

struct Reader<'a> {
    year: Option<i32>,
    known_code: &'a dyn Fn(&str) -> bool,
    /// By page: OCR's words, whose codes may be corrected.
    recognised: Vec<bool>,
    /// The tables' headers so far; the last is the current table.
    headers: Vec<Header>,
    group_revenue_code: Option<String>,
    visit_date: Option<Date>,
    charges: Vec<ReadCharge>,
    to_check: Vec<PrintedRow>,
    total: Option<(TotalSource, i64)>,
    /// The rows saying they are a subtotal of the charges: one is the bill's total where it
    /// prints none; several are groups' or pages' subtotals, and none of them is.
    charge_subtotals: Vec<i64>,
    /// Whether the last header still describes the rows: a wide gap ends its table.
    header_open: bool,
    /// The page and bottom of the last row read, for the gap.
    last_row: Option<(u32, f32)>,
}

impl Reader<'_> {
    fn header_line(&mut self, row: &Row, continues: bool) {
        if !continues || self.headers.is_empty() {
            self.headers.push(Header::default());
        }
        if let Some(header) = self.headers.last_mut() {
            header.add_line(row);
        }
        self.header_open = true;
        self.last_row = Some((row.page, row.bottom));
    }

    fn row(&mut self, row: &Row, place: PrintedRow) {
        // A gap of several lines on the same page ends a table (a summary box above the
        // itemized list has its own header); a new page continues it.
        if self.last_row.is_some_and(|(page, bottom)| page == row.page && row.top - bottom > 8.0 * row.height) {
            self.header_open = false;
        }
        self.last_row = Some((row.page, row.bottom));
        let amounts: Vec<Option<i64>> = row.tokens.iter().map(|t| shapes::amount(&t.text)).collect();
        let mut header = self.headers.last().filter(|_| self.header_open).cloned();
        // A header whose columns do not reach the row's amounts does not describe the row.
        if let Some(h) = &header {
            let outside = row.tokens.iter().zip(&amounts).any(|(t, a)| a.is_some() && h.column_under(t.left, t.right) == Column::Unknown);
            let in_charges = row
                .tokens
                .iter()
                .zip(&amounts)
                .any(|(t, a)| a.is_some() && matches!(h.column_under(t.left, t.right), Column::Charge { .. }));
            if outside && !in_charges {
                header = None;
            }
        }
        let columns: Vec<Column> =
            row.tokens.iter().map(|t| header.as_ref().map_or(Column::Unknown, |h| h.column_under(t.left, t.right))).collect();
        let recognised = self.recognised.get(row.page as usize).copied().unwrap_or(false);
        let words = row
            .tokens
            .iter()
            .flat_map(|t| header_parts(&t.text))
            .map(|w| if recognised { label_read_back(w) } else { w })
            .collect::<Vec<_>>();
        let says = |w: &str| words.iter().any(|x| x == w);
        // A total, payment or balance row says so and carries no code; a charge may well say
        // "total" ("PSA, Total") but comes with its code.
        let coded = (0..row.tokens.len()).any(|i| leads_with_code(&row.tokens, &columns, i));
        // What is owed is never a charge, even beside a code-shaped number ("Evanston, IL 60202
        // … Amount Due $465.57").
        let owed = words.iter().any(|w| ["due", "owe", "owes"].contains(&w.as_str()));
        let not_a_charge = owed || !coded && (words.iter().any(|w| NOT_CHARGE_WORDS.contains(&w.as_str())) || is_prose(&place.text));
        let charge_columns =
            header.as_ref().is_some_and(|h| h.phrases.iter().any(|p| matches!(h.column_under(p.left, p.right), Column::Charge { .. })));
        let is_charge_column = |column: Column| match column {
            Column::Charge { named } => named || !header.as_ref().is_some_and(|h| h.named_charges),
            _ => false,
        };
        // The amounts that are charges: in the charge columns where the header names them;
        // else every amount, of which later ones count only with a code of their own.
        let candidates: Vec<usize> = (0..row.tokens.len())
            .filter(|&i| amounts[i].is_some())
            .filter(|&i| {
                if charge_columns { is_charge_column(columns[i]) } else { !matches!(columns[i], Column::NotCharge | Column::UnitPrice) }
            })
            .collect();
        if not_a_charge {
            let of_charges = says("charges") || says("charge");
            // Totals of the table's columns say nothing else: no payment, adjustment or balance.
            let only_totals = words
                .iter()
                .filter(|w| NOT_CHARGE_WORDS.contains(&w.as_str()))
                .all(|w| matches!(w.as_str(), "total" | "totals" | "subtotal" | "subtotals"));
            // The amount under a charges column the header names, never one a row of totals
            // lists elsewhere (what was paid, what is owed).
            let under_charges = candidates.last().and_then(|&i| amounts[i]).filter(|_| charge_columns && !owed && only_totals);
            // A row of the columns' totals lists more than one ("ACCOUNT TOTALS 3111.00 -1469.18
            // … 600.57"); a lone "Total $9,129.60" under the amounts may be what is left to pay
            // (a real hospital statement's, whose charges were $90,659.30).
            let column_totals = amounts.iter().flatten().count() >= 2;
            if says("total") && of_charges {
                let at = candidates.last().copied().or_else(|| amounts.iter().position(Option::is_some));
                if let Some(cents) = at.and_then(|i| amounts[i]) {
                    self.stated_total(TotalSource::Labelled, cents);
                }
            } else if (says("subtotal") || says("subtotals")) && of_charges {
                if let Some(cents) = candidates.last().and_then(|&i| amounts[i]).filter(|_| !owed) {
                    self.charge_subtotals.push(cents);
                }
            } else if (says("total") || says("totals"))
                && column_totals
                && let Some(cents) = under_charges
            {
                self.stated_total(TotalSource::TotalsRow, cents);
            }
            return;
        }
        if candidates.is_empty() {
            self.row_without_charge(row, &columns, &amounts, place);
            return;
        }
        let only_amounts = row.tokens.iter().zip(&amounts).all(|(t, a)| a.is_some() || !t.text.chars().any(char::is_alphanumeric));
        if only_amounts {
            let named = candidates.iter().any(|&i| columns[i] == Column::Charge { named: true });
            let source = if named && amounts.iter().flatten().count() > 1 { TotalSource::SummaryColumn } else { TotalSource::UnderCharges };
            if charge_columns {
                self.stated_total(source, amounts[candidates[0]].unwrap_or_default());
            }
            return;
        }
        let table = if header.is_some() { self.headers.len() } else { 0 };
        let remittance = header.as_ref().is_some_and(|h| h.remittance);
        let mut start = 0;
        for (k, &at) in candidates.iter().enumerate() {
            let end = if k + 1 == candidates.len() { row.tokens.len() } else { at + 1 };
            let segment = Segment { tokens: &row.tokens[start..end], columns: &columns[start..end], charge_at: at - start };
            start = end;
            let Some(mut read) = segment.read(self.year, charge_columns) else { continue };
            if self.recognised.get(row.page as usize).copied().unwrap_or(false) {
                read.line.code = read.line.code.map(|code| known_or_confusable(code, self.known_code));
            }
            if read.says_not_a_charge {
                continue;
            }
            // Without a header, an amount after the first is a charge only with a code of its
            // own (a lab's second test on the row); otherwise it is a payment or a balance.
            if k > 0 && !charge_columns && read.line.code.is_none() {
                continue;
            }
            let cents = read.line.charge.cents();
            if cents < 0 {
                // A credit or a reversal: not a charge.
                continue;
            }
            let mut line = read.line;
            if line.revenue_code.is_none() {
                line.revenue_code.clone_from(&self.group_revenue_code);
            }
            if line.date.is_none() {
                line.date = self.visit_date;
            }
            let identified = read.identified || line.revenue_code.is_some();
            if !read.says_what && !identified {
                self.to_check.push(place.clone());
                continue;
            }
            self.charges.push(ReadCharge { line, row: place.clone(), table, identified, remittance });
        }
    }

    /// A row with no charge: a group header, the visit's date, or a charge whose amount could
    /// not be read.
    fn row_without_charge(&mut self, row: &Row, columns: &[Column], amounts: &[Option<i64>], place: PrintedRow) {
        let first = row.tokens.first().map_or("", |t| t.text.as_str());
        let dates: Vec<Date> = row.tokens.iter().filter_map(|t| shapes::date(&t.text, None)).collect();
        let has_words = row.tokens.iter().skip(1).any(|t| t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2);
        // A group header: a revenue code and its name, nothing else that looks like a value.
        let other_values = row.tokens.iter().skip(1).any(|t| shapes::broken_amount(&t.text) || shapes::procedure_code(&t.text).is_some());
        if let Some(code) =
            shapes::revenue_code(first).filter(|_| has_words && !other_values && dates.is_empty() && amounts.iter().all(Option::is_none))
        {
            self.group_revenue_code = Some(code);
            return;
        }
        let lowered = place.text.to_lowercase();
        let about_the_visit =
            ["service", "visit", "admission", "admit", "dos"].iter().any(|w| lowered.contains(w)) || shapes::date(first, None).is_some();
        let other_date = ["statement", "print", "due", "birth", "dob"].iter().any(|w| lowered.contains(w));
        if let Some(date) = dates.first().filter(|_| about_the_visit && !other_date) {
            self.visit_date = Some(*date);
        }
        // A date and a code, or an amount OCR could not read, in a table row: ask the member.
        let in_table = self.header_open;
        let broken = row
            .tokens
            .iter()
            .zip(columns)
            .any(|(t, c)| shapes::broken_amount(&t.text) && !matches!(c, Column::NotCharge | Column::UnitPrice));
        let coded = row.tokens.iter().zip(columns).any(|(t, c)| {
            !matches!(c, Column::Other | Column::Description)
                && (shapes::procedure_code(&t.text).is_some() || shapes::revenue_code(&t.text).is_some())
        });
        if in_table && (broken || coded && !dates.is_empty()) {
            self.to_check.push(place);
        }
    }

    fn stated_total(&mut self, source: TotalSource, cents: i64) {
        if cents > 0 && self.total.is_none_or(|(held, _)| source <= held) {
            self.total = Some((source, cents));
        }
    }

    fn finish(mut self) -> LayoutReading {
        // A remittance restates the charges of the bill it pays: when the bill's own itemized
        // list was read too, its lines would count every charge twice.
        if self.charges.iter().any(|c| !c.remittance) {
            self.charges.retain(|c| !c.remittance);
        }
        // In a table whose charges carry codes, one without any identifier is more likely an
        // adjustment printed like a charge: the member checks it.
        // Amounts outside every table (a summary of charges by department above the itemized
        // table) are not charges when a table lists identified ones: they are listed to check.
        if self.charges.iter().any(|c| c.table != 0 && c.identified) {
            let (kept, loose): (Vec<ReadCharge>, Vec<ReadCharge>) = self.charges.into_iter().partition(|c| c.table != 0 || c.identified);
            self.to_check.extend(loose.into_iter().map(|c| c.row));
            self.charges = kept;
        }
        let tables: std::collections::BTreeSet<usize> = self.charges.iter().map(|c| c.table).collect();
        for table in tables {
            let of_table: Vec<&ReadCharge> = self.charges.iter().filter(|c| c.table == table).collect();
            let identified = of_table.iter().filter(|c| c.identified).count();
            if of_table.len() >= 3 && identified * 4 >= of_table.len() * 3 {
                let (kept, unsure): (Vec<ReadCharge>, Vec<ReadCharge>) =
                    self.charges.into_iter().partition(|c| c.table != table || c.identified);
                self.to_check.extend(unsure.into_iter().map(|c| c.row));
                self.charges = kept;
            }
        }
        if let [cents] = self.charge_subtotals[..] {
            self.stated_total(TotalSource::OnlySubtotal, cents);
        }
        let (lines, rows): (Vec<BillLine>, Vec<PrintedRow>) = self.charges.into_iter().map(|c| (c.line, c.row)).unzip();
        let bill = Bill { lines, stated_total: self.total.map(|(_, cents)| Money::from_cents(cents)), ..Bill::default() };
        LayoutReading { bill, rows, to_check: self.to_check }
    }
}

/// The tokens of one charge within a row, and which of them is its charge.
struct Segment<'a> {
    tokens: &'a [Token],
    columns: &'a [Column],
    charge_at: usize,
}

struct SegmentReading {
    line: BillLine,
    /// Without a code, its words say it is a payment, an adjustment, a total or a balance.
    says_not_a_charge: bool,
    /// A code, revenue code or charge number of its own.
    identified: bool,
    /// Words that say what the charge is for.
    says_what: bool,
}

impl Segment<'_> {
    fn read(&self, year: Option<i32>, headed: bool) -> Option<SegmentReading> {
        let charge = shapes::amount(&self.tokens[self.charge_at].text)?;
        let mut line = BillLine { units: 1, charge: Money::from_cents(charge), ..BillLine::default() };
        let mut used = vec![false; self.tokens.len()];
        used[self.charge_at] = true;
        let mut identified = false;
        let has_units_column = self.columns.contains(&Column::Units);
        // Whether a count was read for the line, from its column or beside the charge.
        let mut units_read = false;
        for (i, (token, column)) in self.tokens.iter().zip(self.columns).enumerate() {
            if used[i] {
                continue;
            }
            let text = token.text.as_str();
            match column {
                Column::NotCharge | Column::Other => used[i] = true,
                Column::Units => {
                    if let Some(units) = shapes::units(text) {
                        (line.units, units_read) = (units, true);
                    }
                    used[i] = true;
                }
                Column::UnitPrice => {
                    line.unit_price = shapes::amount(text).filter(|c| *c > 0).map(Money::from_cents);
                    used[i] = true;
                }
                Column::Modifier if shapes::modifier(text) => {
                    line.modifiers.push(text.to_uppercase());
                    used[i] = true;
                }
                _ => {}
            }
            if used[i] {
                continue;
            }
            if line.date.is_none()
                && let Some(date) = shapes::date(text, year)
            {
                line.date = Some(date);
                used[i] = true;
                continue;
            }
            if line.revenue_code.is_none()
                && matches!(column, Column::RevenueCode | Column::Unknown)
                && let Some(code) =
                    if *column == Column::RevenueCode { shapes::revenue_code_in_column(text) } else { shapes::revenue_code(text) }
            {
                line.revenue_code = Some(code);
                (identified, used[i]) = (true, true);
                continue;
            }
            if line.code.is_none()
                && !matches!(column, Column::RevenueCode | Column::Description)
                && let Some((code, modifiers)) =
                    if *column == Column::Code { shapes::procedure_code_in_column(text) } else { shapes::procedure_code(text) }
            {
                line.code = Some(code);
                line.modifiers.extend(modifiers);
                (identified, used[i]) = (true, true);
                continue;
            }
            // A charge-master number where the code would be names the line (it stays in the
            // description), but it is not a CPT/HCPCS code.
            if *column == Column::Code && text.len() >= 6 && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                identified = true;
            }
        }
        // Units printed next to the charge where no column names them: a small whole number
        // just before the amount (or just after it, at the row's end), not an adjustment
        // reason code after its group ("CO 45").
        if !has_units_column {
            let before = self.charge_at.checked_sub(1).filter(|&i| !used[i] && i > 0);
            let after = Some(self.charge_at + 1).filter(|&i| i < self.tokens.len() && !used[i] && i + 1 == self.tokens.len());
            for i in [before, after].into_iter().flatten() {
                let group = i > 0 && ["CO", "PR", "OA", "PI"].contains(&self.tokens[i - 1].text.as_str());
                let whole = self.tokens[i].text.bytes().all(|b| b.is_ascii_digit());
                if let Some(units) = shapes::units(&self.tokens[i].text).filter(|_| !group && whole) {
                    (line.units, units_read, used[i]) = (units, true, true);
                    break;
                }
            }
        }
        // Units not read (OCR could not read them, or their column's heading), where the bill
        // prints the unit price: the charge over it, when it divides exactly.
        if let Some(price) = line.unit_price.map(Money::cents).filter(|p| !units_read && *p > 0 && charge % p == 0) {
            line.units = u32::try_from(charge / price).unwrap_or(1).max(1);
        }
        let description: Vec<&str> = self
            .tokens
            .iter()
            .zip(&used)
            .filter(|(t, used)| !**used && t.text != "$" && shapes::amount(&t.text).is_none())
            .map(|(t, _)| t.text.as_str())
            .collect();
        let says_what = description.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
        let coded = (0..self.tokens.len()).any(|i| leads_with_code(self.tokens, self.columns, i));
        let says_not_a_charge = !coded && description.iter().flat_map(|w| header_parts(w)).any(|w| NOT_CHARGE_WORDS.contains(&w.as_str()));
        line.description = description.join(" ").trim_matches(|c: char| !c.is_alphanumeric() && c != ')').to_string();
        // Without a header, a bare amount with nothing to say what it is for is not a charge.
        if !headed && !says_what && !identified {
            return None;
        }
        Some(SegmentReading { line, says_not_a_charge, identified, says_what })
    }
}

/// The code as read if it exists; else the first existing code one OCR confusion away (a
/// HCPCS letter read as a digit, or a digit as a letter); else as read.
fn known_or_confusable(code: String, known: &dyn Fn(&str) -> bool) -> String {
    if known(&code) {
        return code;
    }
    // Confusions seen in tesseract's reading of bills; a digit is read back as a letter only
    // where billing codes often have one (J drugs, G services).
    const CONFUSIONS: &[(char, &[char])] = &[
        ('3', &['J']),
        ('1', &['J']),
        ('6', &['G']),
        ('0', &['G', 'J']),
        ('J', &['3', '1']),
        ('G', &['6', '0']),
        ('S', &['5']),
        ('B', &['8']),
        ('Z', &['2']),
    ];
    for (at, read) in code.char_indices() {
        let Some((_, instead)) = CONFUSIONS.iter().find(|(c, _)| *c == read) else { continue };
        for other in *instead {
            let mut candidate = code.clone();
            candidate.replace_range(at..at + read.len_utf8(), &other.to_string());
            if shapes::procedure_code(&candidate).is_some_and(|(c, _)| c == candidate) && known(&candidate) {
                return candidate;
            }
        }
    }
    code
}

/// Whether token `i` is a charge's code: a CPT/HCPCS code in a code column, or where no column
/// says, among the first words of the row (a ZIP code later in an address line is not one).
fn leads_with_code(tokens: &[Token], columns: &[Column], i: usize) -> bool {
    let code = shapes::procedure_code(&tokens[i].text).is_some();
    code && (columns[i] == Column::Code || columns[i] == Column::Unknown && i < 3)
}

#[cfg(test)]
mod tests;
