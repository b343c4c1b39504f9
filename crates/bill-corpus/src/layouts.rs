//! Four kinds of itemized bill, each drawn with its truth: a hospital's UB-style itemization
//! (revenue code groups), a physician's statement (charges beside payments, adjustments and
//! balances), a lab bill (several tests on one printed row, the last running past the page's
//! edge) and an infusion pharmacy's bill (zero-padded J-codes, quantity × unit price, returns).

use crate::catalog::{self, REVENUE_GROUPS, Service};
use crate::pdf::{Font, PAGE_WIDTH, Page};
use crate::rng::Rng;

/// One charge as the truth holds it: the code never zero-padded, the amount in cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub date: (i32, u8, u8),
    pub revenue_code: Option<String>,
    pub code: Option<String>,
    pub modifiers: Vec<String>,
    pub description: String,
    pub units: u32,
    pub cents: i64,
}

/// What a statement holds: every charge, and the total it prints.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Truth {
    pub charges: Vec<Charge>,
    pub stated_total: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Hospital,
    Physician,
    Lab,
    Pharmacy,
}

impl Layout {
    pub const ALL: [Layout; 4] = [Layout::Hospital, Layout::Physician, Layout::Lab, Layout::Pharmacy];

    pub fn name(self) -> &'static str {
        match self {
            Layout::Hospital => "hospital",
            Layout::Physician => "physician",
            Layout::Lab => "lab",
            Layout::Pharmacy => "pharmacy",
        }
    }
}

/// A statement's pages and its truth.
#[derive(Debug, Clone)]
pub struct Statement {
    pub layout: Layout,
    pub pages: Vec<Page>,
    pub truth: Truth,
}

/// How amounts are printed.
#[derive(Debug, Clone, Copy)]
enum AmountStyle {
    Plain,
    Dollar,
    /// "$ 1,564.00", the sign apart from the number.
    DollarApart,
}

/// How credits are printed.
#[derive(Debug, Clone, Copy)]
enum CreditStyle {
    /// "1,564.00-", as mainframe billing systems print them.
    Trailing,
    Leading,
    Parentheses,
}

/// The choices a billing system makes once for all its statements.
#[derive(Debug, Clone, Copy)]
struct Style {
    font: Font,
    size: f32,
    amounts: AmountStyle,
    credits: CreditStyle,
    shaded: bool,
    long_years: bool,
    /// Codes printed with a leading zero to six characters ("070486", "0J2405").
    padded_codes: bool,
}

impl Style {
    fn draw(rng: &mut Rng) -> Style {
        Style {
            font: *rng.pick(&[Font::Helvetica, Font::Times, Font::Courier]),
            size: *rng.pick(&[8.0, 8.5, 9.0]),
            amounts: *rng.pick(&[AmountStyle::Plain, AmountStyle::Dollar, AmountStyle::DollarApart]),
            credits: *rng.pick(&[CreditStyle::Trailing, CreditStyle::Leading, CreditStyle::Parentheses]),
            shaded: rng.chance(0.5),
            long_years: rng.chance(0.5),
            padded_codes: rng.chance(0.5),
        }
    }

    fn amount(&self, cents: i64) -> String {
        let plain = grouped(cents.abs());
        let signed = match self.amounts {
            AmountStyle::Plain => plain,
            AmountStyle::Dollar => format!("${plain}"),
            AmountStyle::DollarApart => format!("$ {plain}"),
        };
        if cents >= 0 {
            return signed;
        }
        match self.credits {
            CreditStyle::Trailing => format!("{signed}-"),
            CreditStyle::Leading => format!("-{signed}"),
            CreditStyle::Parentheses => format!("({signed})"),
        }
    }

    fn date(&self, (year, month, day): (i32, u8, u8)) -> String {
        if self.long_years { format!("{month:02}/{day:02}/{year}") } else { format!("{month:02}/{day:02}/{:02}", year % 100) }
    }

    fn code(&self, code: &str) -> String {
        if self.padded_codes && code.len() == 5 { format!("0{code}") } else { code.to_string() }
    }
}

/// "1,564.00" from 156400.
fn grouped(cents: i64) -> String {
    let dollars = (cents / 100).to_string();
    let mut out = String::new();
    for (i, digit) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    format!("{out}.{:02}", cents % 100)
}

/// A column of a printed table: its title (one word per header line), where it stands, and
/// whether its values end at `x` (amounts, numbers) or start there (words, codes).
#[derive(Debug, Clone, Copy)]
struct Column {
    title: &'static [&'static str],
    x: f32,
    right: bool,
    /// The room a left-aligned value has before the next column.
    width: f32,
}

const fn left(title: &'static [&'static str], x: f32, width: f32) -> Column {
    Column { title, x, right: false, width }
}

const fn right(title: &'static [&'static str], x: f32) -> Column {
    Column { title, x, right: true, width: 0.0 }
}

/// Pages being filled from the top down, a new page when one is full.
struct Sheet {
    pages: Vec<Page>,
    y: f32,
    style: Style,
    leading: f32,
}

const TOP: f32 = 54.0;
const BOTTOM: f32 = 740.0;

impl Sheet {
    fn new(style: Style) -> Sheet {
        Sheet { pages: vec![Page::default()], y: TOP, style, leading: style.size * 1.6 }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a sheet has a page")
    }

    fn text(&mut self, font: Font, size: f32, x: f32, text: &str) {
        let y = self.y;
        self.page().text(font, size, x, y, text);
    }

    fn line(&mut self, font: Font, size: f32, x: f32, text: &str) {
        self.text(font, size, x, text);
        self.y += size * 1.5;
    }

    /// Whether `rows` more rows fit; if not, a new page with the table's header again.
    fn room_for(&mut self, rows: f32, columns: &[Column]) {
        if self.y + rows * self.leading > BOTTOM {
            self.pages.push(Page::default());
            self.y = TOP;
            self.header(columns);
        }
    }

    fn header(&mut self, columns: &[Column]) {
        let lines = columns.iter().map(|c| c.title.len()).max().unwrap_or(1) as f32;
        let (size, bold) = (self.style.size, self.style.font.bold());
        let height = lines * self.leading;
        let top = self.y - self.leading * 0.8;
        if self.style.shaded {
            self.page().fill(30.0, top, PAGE_WIDTH - 60.0, height + 2.0, 0.8);
        }
        for column in columns {
            for (i, word) in column.title.iter().enumerate() {
                let y = self.y + i as f32 * self.leading;
                if column.right {
                    self.page().text_right(bold, size, column.x, y, word);
                } else {
                    self.page().text(bold, size, column.x, y, word);
                }
            }
        }
        self.y += height;
        let y = self.y - self.leading * 0.7;
        self.page().rule(30.0, PAGE_WIDTH - 30.0, y, 0.8);
        self.y += self.leading * 0.3;
    }

    /// One table row; `shade` puts a light band behind it.
    fn row(&mut self, columns: &[Column], cells: &[Option<String>], shade: bool) {
        self.room_for(1.0, columns);
        let (font, size) = (self.style.font, self.style.size);
        if shade && self.style.shaded {
            let top = self.y - self.leading * 0.75;
            let leading = self.leading;
            self.page().fill(30.0, top, PAGE_WIDTH - 60.0, leading, 0.9);
        }
        for (column, cell) in columns.iter().zip(cells) {
            let Some(text) = cell else { continue };
            let y = self.y;
            if column.right {
                self.page().text_right(font, size, column.x, y, text);
            } else {
                let fitted = fit(font, size, text, column.width);
                self.page().text(font, size, column.x, y, &fitted);
            }
        }
        self.y += self.leading;
    }
}

/// The text cut to fit the width, as billing systems truncate long descriptions.
fn fit(font: Font, size: f32, text: &str, width: f32) -> String {
    let mut out = text.to_string();
    while font.width(&out, size) > width && out.len() > 4 {
        out.pop();
    }
    out.trim_end().to_string()
}

/// A statement of this layout drawn from the seed. `on_paper`: it will be scanned or
/// photographed, so nothing may run past the page's edge (no camera sees it).
pub fn statement(layout: Layout, seed: u64, on_paper: bool) -> Statement {
    let mut rng = Rng::new(seed ^ 0xB111_5EED);
    let style = Style::draw(&mut rng);
    let (pages, truth) = match layout {
        Layout::Hospital => hospital(&mut rng, style),
        Layout::Physician => physician(&mut rng, style),
        Layout::Lab => lab(&mut rng, style, on_paper),
        Layout::Pharmacy => pharmacy(&mut rng, style),
    };
    Statement { layout, pages, truth }
}

fn visit_start(rng: &mut Rng) -> (i32, u8, u8) {
    (rng.range(2022, 2025) as i32, rng.range(1, 12) as u8, rng.range(1, 25) as u8)
}

fn plus_days((year, month, day): (i32, u8, u8), days: u8) -> (i32, u8, u8) {
    (year, month, day + days)
}

fn charge_of(rng: &mut Rng, service: &Service, date: (i32, u8, u8)) -> (Charge, i64) {
    let units = if service.max_units > 1 { rng.range(1, i64::from(service.max_units)) as u32 } else { 1 };
    let unit_price = rng.range(service.price.0, service.price.1);
    // Prices end in whole dollars more often than not, as charge masters set them.
    let unit_price = if rng.chance(0.6) { unit_price / 100 * 100 } else { unit_price };
    let charge = Charge {
        date,
        revenue_code: service.revenue_code.map(str::to_string),
        code: service.code.map(str::to_string),
        modifiers: Vec::new(),
        description: service.description.to_string(),
        units,
        cents: unit_price * i64::from(units),
    };
    (charge, unit_price)
}

fn letterhead(sheet: &mut Sheet, rng: &mut Rng, name: &str, title: &str, start: (i32, u8, u8)) {
    let font = sheet.style.font;
    let street = rng.range(100, 9_800);
    sheet.line(font.bold(), 14.0, 36.0, name);
    sheet.line(font, 9.0, 36.0, &format!("{street} Main Street, Springfield, IL 62704"));
    sheet.line(font, 9.0, 36.0, &format!("Customer service: 1-800-555-{:04}", rng.range(1000, 9999)));
    sheet.y += 6.0;
    sheet.line(font.bold(), 12.0, 36.0, title);
    let statement_date = sheet.style.date(plus_days(start, 3));
    sheet.line(font, 9.0, 36.0, &format!("Patient: Pat Sample      Account: {}", rng.range(10_000_000, 99_999_999)));
    sheet.line(font, 9.0, 36.0, &format!("Statement date: {statement_date}"));
    sheet.y += sheet.leading;
}

/// A hospital's UB-style itemization: charges grouped under revenue code headers
/// ("0351 - CT SCAN/HEAD"), or a revenue code on every row; sometimes insurance columns beside
/// the charges; payments and a balance after the total.
fn hospital(rng: &mut Rng, style: Style) -> (Vec<Page>, Truth) {
    let mut sheet = Sheet::new(style);
    let start = visit_start(rng);
    letterhead(&mut sheet, rng, "Riverside Regional Medical Center", "ITEMIZED STATEMENT OF CHARGES", start);
    let grouped = rng.chance(0.5);
    let insurance_columns = rng.chance(0.5);
    let mut columns: Vec<Column> = if grouped {
        vec![
            left(&["Date"], 36.0, 52.0),
            left(&["HCPCS"], 98.0, 40.0),
            left(&["Description"], 150.0, 170.0),
            right(&["Qty"], 350.0),
            right(&["Charges"], 420.0),
        ]
    } else {
        vec![
            left(&["Service", "Date"], 36.0, 52.0),
            left(&["Rev", "Code"], 96.0, 30.0),
            left(&["CPT/", "HCPCS"], 130.0, 40.0),
            left(&["Description"], 178.0, 150.0),
            right(&["Units"], 350.0),
            right(&["Charges"], 420.0),
        ]
    };
    if insurance_columns {
        columns.push(right(&["Insurance", "Paid"], 490.0));
        columns.push(right(&["Patient", "Owes"], 570.0));
    }
    sheet.header(&columns);
    let count = rng.range(12, 48) as usize;
    let mut charges: Vec<Charge> = Vec::new();
    for _ in 0..count {
        let service = rng.pick(catalog::HOSPITAL);
        let date = plus_days(start, rng.range(0, 2) as u8);
        let (charge, _) = charge_of(rng, service, date);
        charges.push(charge.clone());
        // A line billed twice, as happens.
        if rng.chance(0.06) {
            charges.push(charge);
        }
    }
    charges.sort_by(|a, b| (&a.revenue_code, a.date).cmp(&(&b.revenue_code, b.date)));
    let cells = |style: &Style, charge: &Charge, with_revenue_code: bool, paid: i64| {
        let mut cells = vec![Some(style.date(charge.date))];
        if with_revenue_code {
            cells.push(charge.revenue_code.clone());
        }
        cells.push(charge.code.as_deref().map(|c| style.code(c)));
        cells.push(Some(charge.description.clone()));
        cells.push(Some(charge.units.to_string()));
        cells.push(Some(style.amount(charge.cents)));
        if insurance_columns {
            cells.push(Some(style.amount(paid)));
            cells.push(Some(style.amount(charge.cents - paid)));
        }
        cells
    };
    let mut group: Option<String> = None;
    for (i, charge) in charges.iter().enumerate() {
        if grouped && group != charge.revenue_code {
            group = charge.revenue_code.clone();
            let code = group.clone().unwrap_or_default();
            let name = REVENUE_GROUPS.iter().find(|(c, _)| *c == code).map_or("OTHER", |(_, n)| n);
            sheet.room_for(2.0, &columns);
            let bold = style.font.bold();
            sheet.text(bold, style.size, 36.0, &format!("{code} - {name}"));
            sheet.y += sheet.leading;
        }
        let paid = charge.cents * rng.range(0, 8) / 10;
        sheet.row(&columns, &cells(&style, charge, !grouped, paid), i % 2 == 1);
    }
    let total: i64 = charges.iter().map(|c| c.cents).sum();
    let charges_column = columns.iter().position(|c| c.title == ["Charges"]).unwrap_or(0);
    let words = columns.iter().position(|c| c.title == ["Description"]).unwrap_or(0);
    let mut total_row = vec![None; columns.len()];
    total_row[words] = Some("TOTAL CHARGES".to_string());
    total_row[charges_column] = Some(style.amount(total));
    sheet.y += sheet.leading * 0.5;
    sheet.row(&columns, &total_row, false);
    // Payments after the charges, in the same column as credits, then the balance.
    let paid = total * rng.range(2, 8) / 10;
    let mut payment = vec![None; columns.len()];
    payment[0] = Some(style.date(plus_days(start, 5)));
    payment[words] = Some("INSURANCE PAYMENT BCBS".to_string());
    payment[charges_column] = Some(style.amount(-paid));
    sheet.row(&columns, &payment, false);
    let mut balance = vec![None; columns.len()];
    balance[words] = Some("BALANCE DUE".to_string());
    balance[charges_column] = Some(style.amount(total - paid));
    sheet.row(&columns, &balance, false);
    (sheet.pages, Truth { charges, stated_total: Some(total) })
}

/// A physician's statement: each visit's charges with the payments and adjustments posted to
/// them on the same row, a running balance, and payment rows of their own.
fn physician(rng: &mut Rng, style: Style) -> (Vec<Page>, Truth) {
    let mut sheet = Sheet::new(style);
    let start = visit_start(rng);
    letterhead(&mut sheet, rng, "Lakeside Family Physicians", "PATIENT STATEMENT", start);
    let columns = [
        left(&["Date of", "Service"], 36.0, 52.0),
        left(&["Procedure"], 96.0, 50.0),
        left(&["Description"], 150.0, 150.0),
        right(&["Units"], 330.0),
        right(&["Charges"], 392.0),
        right(&["Payments"], 452.0),
        right(&["Adjustments"], 522.0),
        right(&["Balance"], 580.0),
    ];
    sheet.header(&columns);
    let visits = rng.range(2, 6);
    let mut charges = Vec::new();
    let mut balance = 0;
    for visit in 0..visits {
        let date = plus_days(start, (visit * 2) as u8);
        for _ in 0..rng.range(1, 5) {
            let service = rng.pick(catalog::PHYSICIAN);
            let (mut charge, _) = charge_of(rng, service, date);
            if charge.code.as_deref().is_some_and(|c| c.starts_with("992")) && rng.chance(0.5) {
                charge.modifiers.push("25".into());
            }
            let code =
                charge.code.clone().map(|c| if charge.modifiers.is_empty() { c } else { format!("{c}-{}", charge.modifiers.join("-")) });
            let posted = rng.chance(0.5);
            let (paid, adjusted) = if posted { (charge.cents * 4 / 10, charge.cents * 3 / 10) } else { (0, 0) };
            balance += charge.cents - paid - adjusted;
            let cells = [
                Some(style.date(date)),
                code,
                Some(charge.description.clone()),
                Some(charge.units.to_string()),
                Some(style.amount(charge.cents)),
                posted.then(|| style.amount(-paid)),
                posted.then(|| style.amount(-adjusted)),
                Some(style.amount(balance)),
            ];
            sheet.row(&columns, &cells, charges.len() % 2 == 1);
            charges.push(charge);
        }
        if rng.chance(0.5) {
            let paid = rng.range(1_000, 5_000);
            balance -= paid;
            let cells = [
                Some(style.date(plus_days(date, 1))),
                None,
                Some("Patient payment - thank you".to_string()),
                None,
                None,
                Some(style.amount(-paid)),
                None,
                Some(style.amount(balance)),
            ];
            sheet.row(&columns, &cells, false);
        }
    }
    let total: i64 = charges.iter().map(|c| c.cents).sum();
    sheet.y += sheet.leading;
    let summary = [None, None, Some("Total charges".to_string()), None, Some(style.amount(total)), None, None, None];
    sheet.row(&columns, &summary, false);
    let due = [None, None, Some("Amount due from patient".to_string()), None, None, None, None, Some(style.amount(balance))];
    sheet.row(&columns, &due, false);
    (sheet.pages, Truth { charges, stated_total: Some(total) })
}

/// A lab's bill: the visit's date once, then tests listed two or three to a printed row
/// ("85025 Complete Blood Count $45.00   80053 ..."), the last group running past the page's
/// right edge when three are printed.
fn lab(rng: &mut Rng, style: Style, on_paper: bool) -> (Vec<Page>, Truth) {
    let mut sheet = Sheet::new(style);
    let date = visit_start(rng);
    letterhead(&mut sheet, rng, "Precision Diagnostics Laboratory", "STATEMENT OF SERVICES", date);
    let font = style.font;
    sheet.line(font, 9.0, 36.0, &format!("Date of service: {}", style.date(date)));
    sheet.y += sheet.leading;
    let per_row = if on_paper { 2 } else { *rng.pick(&[2usize, 3]) };
    let span = 270.0;
    let headed = rng.chance(0.5);
    let mut columns = Vec::new();
    for group in 0..per_row {
        let x = 36.0 + group as f32 * span;
        columns.push(left(&["Test"], x, 40.0));
        columns.push(left(&["Description"], x + 42.0, 150.0));
        columns.push(right(&["Amount"], x + 250.0));
    }
    if headed {
        sheet.header(&columns);
    }
    let count = rng.range(4, 18) as usize;
    let mut charges: Vec<Charge> = Vec::new();
    for _ in 0..count {
        let service = rng.pick(catalog::LAB);
        let (charge, _) = charge_of(rng, service, date);
        charges.push(charge.clone());
        if rng.chance(0.15) {
            charges.push(charge);
        }
    }
    for (row, chunk) in charges.chunks(per_row).enumerate() {
        let mut cells = Vec::new();
        for charge in chunk {
            cells.push(charge.code.clone());
            cells.push(Some(charge.description.clone()));
            cells.push(Some(style.amount(charge.cents)));
        }
        sheet.row(&columns, &cells, row % 2 == 1);
    }
    let total: i64 = charges.iter().map(|c| c.cents).sum();
    sheet.y += sheet.leading;
    sheet.line(font.bold(), style.size, 300.0, &format!("Total charges: {}", style.amount(total)));
    sheet.line(font, style.size, 300.0, &format!("Insurance paid: {}", style.amount(-(total / 2))));
    sheet.line(font.bold(), style.size, 300.0, &format!("Please pay: {}", style.amount(total - total / 2)));
    (sheet.pages, Truth { charges, stated_total: Some(total) })
}

/// An infusion pharmacy's bill: J-codes (zero-padded by some systems), quantity, unit price
/// and amount, what the plan paid and what the patient owes, and returned doses as credits.
fn pharmacy(rng: &mut Rng, style: Style) -> (Vec<Page>, Truth) {
    let mut sheet = Sheet::new(style);
    let start = visit_start(rng);
    letterhead(&mut sheet, rng, "CareWell Home Infusion Pharmacy", "ITEMIZED PHARMACY CHARGES", start);
    let columns = [
        left(&["Fill Date"], 36.0, 52.0),
        left(&["Rx #"], 96.0, 40.0),
        left(&["HCPCS"], 140.0, 40.0),
        left(&["Drug"], 186.0, 130.0),
        right(&["Qty"], 345.0),
        right(&["Unit", "Price"], 395.0),
        right(&["Amount"], 455.0),
        right(&["Plan", "Paid"], 515.0),
        right(&["You", "Pay"], 580.0),
    ];
    sheet.header(&columns);
    let mut charges = Vec::new();
    for i in 0..rng.range(6, 30) {
        let date = plus_days(start, rng.range(0, 3) as u8);
        let service = rng.pick(catalog::PHARMACY);
        let (charge, unit_price) = charge_of(rng, service, date);
        let plan = charge.cents * 7 / 10;
        let rx = rng.range(1_000_000, 9_999_999).to_string();
        let code = charge.code.as_deref().map(|c| style.code(c));
        let cells = [
            Some(style.date(date)),
            Some(rx.clone()),
            code.clone(),
            Some(charge.description.clone()),
            Some(charge.units.to_string()),
            Some(style.amount(unit_price)),
            Some(style.amount(charge.cents)),
            Some(style.amount(plan)),
            Some(style.amount(charge.cents - plan)),
        ];
        sheet.row(&columns, &cells, i % 2 == 1);
        // A returned dose: a credit on its own row, not a charge.
        if rng.chance(0.15) {
            let cells = [
                Some(style.date(date)),
                Some(rx),
                code,
                Some(format!("RETURN {}", charge.description)),
                Some(charge.units.to_string()),
                Some(style.amount(unit_price)),
                Some(style.amount(-charge.cents)),
                None,
                None,
            ];
            sheet.row(&columns, &cells, false);
        }
        charges.push(charge);
    }
    let total: i64 = charges.iter().map(|c| c.cents).sum();
    let mut row = vec![None; columns.len()];
    row[3] = Some("TOTAL CHARGES".to_string());
    row[6] = Some(style.amount(total));
    sheet.y += sheet.leading * 0.5;
    sheet.row(&columns, &row, false);
    (sheet.pages, Truth { charges, stated_total: Some(total) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_credits_print_as_billing_systems_print_them() {
        let mut style = Style::draw(&mut Rng::new(1));
        style.amounts = AmountStyle::DollarApart;
        style.credits = CreditStyle::Trailing;
        assert_eq!(style.amount(156_400), "$ 1,564.00");
        assert_eq!(style.amount(-156_400), "$ 1,564.00-");
        style.amounts = AmountStyle::Plain;
        style.credits = CreditStyle::Parentheses;
        assert_eq!((style.amount(-5), style.amount(100_000_000)), ("(0.05)".to_string(), "1,000,000.00".to_string()));
        style.padded_codes = true;
        assert_eq!((style.code("70486"), style.code("J2405")), ("070486".to_string(), "0J2405".to_string()));
    }

    #[test]
    fn every_layout_states_the_sum_of_its_charges() {
        for layout in Layout::ALL {
            for seed in 0..20 {
                let statement = statement(layout, seed, seed % 2 == 0);
                let sum: i64 = statement.truth.charges.iter().map(|c| c.cents).sum();
                assert_eq!(statement.truth.stated_total, Some(sum), "{} {seed}", layout.name());
                assert!(!statement.truth.charges.is_empty());
            }
        }
    }
}
