use super::*;

/// A page of words: each row a baseline and its words at their left edges; every character
/// 5 units wide and 10 high, as a 9-point font prints.
fn page(rows: &[(f32, &[(f32, &str)])]) -> PageWords {
    let mut words = Vec::new();
    for (y, row) in rows {
        for (x, text) in row.iter() {
            for (i, piece) in text.split(' ').enumerate() {
                // Words of one cell, a space apart.
                let offset: f32 = text.split(' ').take(i).map(|p| 5.0 * (p.len() as f32 + 1.0)).sum();
                words.push(Word {
                    text: piece.into(),
                    left: x + offset,
                    top: *y,
                    right: x + offset + 5.0 * piece.len() as f32,
                    bottom: y + 10.0,
                });
            }
        }
    }
    PageWords { width: 612.0, height: 792.0, words, recognised: true }
}

fn read(pages: &[PageWords]) -> LayoutReading {
    read_layout(pages, &|_| true)
}

fn charges(reading: &LayoutReading) -> Vec<(Option<&str>, Option<&str>, u32, i64)> {
    reading.bill.lines.iter().map(|l| (l.revenue_code.as_deref(), l.code.as_deref(), l.units, l.charge.cents())).collect()
}

#[test]
fn revenue_code_group_headers_carry_down_and_insurance_columns_are_not_charges() {
    let bill = page(&[
        (40.0, &[(36.0, "Date"), (100.0, "HCPCS"), (160.0, "Description"), (340.0, "Qty"), (400.0, "Charges"), (470.0, "Insurance Paid")]),
        (60.0, &[(36.0, "0351 - CT SCAN/HEAD")]),
        (
            75.0,
            &[
                (36.0, "03/14/24"),
                (100.0, "070486"),
                (160.0, "CT MAXILLOFACIAL W/O DYE"),
                (345.0, "1"),
                (395.0, "$ 4,905.00"),
                (480.0, "$ 3,000.00"),
            ],
        ),
        (
            90.0,
            &[
                (36.0, "03/14/24"),
                (100.0, "70450"),
                (160.0, "CT HEAD W/O CONTRAST"),
                (345.0, "1"),
                (395.0, "$ 1,564.00"),
                (480.0, "$ 1,564.00-"),
            ],
        ),
        (105.0, &[(36.0, "0636 - DRUGS/DETAIL CODE")]),
        (
            120.0,
            &[
                (36.0, "03/15/24"),
                (100.0, "0J2405"),
                (160.0, "ONDANSETRON HCL INJ 1MG"),
                (345.0, "4"),
                (405.0, "$ 92.00"),
                (490.0, "$ 0.00"),
            ],
        ),
        (140.0, &[(160.0, "TOTAL CHARGES"), (395.0, "$ 6,561.00")]),
        (155.0, &[(36.0, "03/20/24"), (160.0, "INSURANCE PAYMENT"), (395.0, "$ 4,564.00-")]),
        (170.0, &[(160.0, "BALANCE DUE"), (395.0, "$ 1,997.00")]),
    ]);
    let reading = read(&[bill]);
    assert_eq!(
        charges(&reading),
        [(Some("0351"), Some("70486"), 1, 490_500), (Some("0351"), Some("70450"), 1, 156_400), (Some("0636"), Some("J2405"), 4, 9_200)]
    );
    assert_eq!(reading.bill.lines[0].date, Date::new(2024, 3, 14));
    assert_eq!(reading.bill.lines[2].description, "ONDANSETRON HCL INJ 1MG");
    assert_eq!(reading.bill.stated_total, Some(Money::from_cents(656_100)));
    assert!(reading.to_check.is_empty(), "{:?}", reading.to_check);
    // Each charge says where it was printed.
    assert_eq!((reading.rows[2].page, reading.rows[2].text.starts_with("03/15/24 0J2405")), (0, true));
    assert!((reading.rows[0].top - 75.0 / 792.0).abs() < 1e-6);
}

#[test]
fn several_charges_on_one_row_without_a_header_are_each_read_and_a_duplicate_stays() {
    let bill = page(&[
        (40.0, &[(36.0, "Date of service: 03/04/2024")]),
        (
            60.0,
            &[
                (36.0, "85025 Complete Blood Count"),
                (250.0, "$45.00"),
                (300.0, "85025 Complete Blood Count"),
                (520.0, "$45.00"),
                (560.0, "80053 Comprehensive Panel"),
                (780.0, "$120.00"),
            ],
        ),
        (75.0, &[(36.0, "36415 Venipuncture"), (250.0, "$18.00")]),
        (95.0, &[(300.0, "Total charges: $228.00")]),
    ]);
    let reading = read(&[bill]);
    // The third charge runs past the page's right edge (612): its text is read all the same.
    assert_eq!(
        charges(&reading),
        [
            (None, Some("85025"), 1, 4_500),
            (None, Some("85025"), 1, 4_500),
            (None, Some("80053"), 1, 12_000),
            (None, Some("36415"), 1, 1_800)
        ]
    );
    assert!(reading.bill.lines.iter().all(|l| l.date == Date::new(2024, 3, 4)));
    assert_eq!(reading.bill.lines[1].description, "Complete Blood Count");
    assert_eq!(reading.bill.stated_total, Some(Money::from_cents(22_800)));
}

#[test]
fn payments_adjustments_and_balances_beside_a_charge_are_not_charges() {
    let bill = page(&[
        (
            40.0,
            &[
                (36.0, "Date of"),
                (96.0, "Procedure"),
                (150.0, "Description"),
                (320.0, "Units"),
                (370.0, "Charges"),
                (430.0, "Payments"),
                (490.0, "Adjustments"),
                (560.0, "Balance"),
            ],
        ),
        (52.0, &[(36.0, "Service")]),
        (
            70.0,
            &[
                (36.0, "11/13/2024"),
                (96.0, "99214-25"),
                (150.0, "Office visit"),
                (325.0, "1"),
                (370.0, "$189.00"),
                (430.0, "(75.60)"),
                (490.0, "56.70-"),
                (560.0, "$56.70"),
            ],
        ),
        (
            85.0,
            &[(36.0, "11/13/2024"), (96.0, "97110"), (150.0, "Therapeutic exercise"), (325.0, "2"), (370.0, "$102.00"), (560.0, "$158.70")],
        ),
        // OCR's point for the modifier's dash, under the codes' heading.
        (92.0, &[(36.0, "11/13/2024"), (96.0, "99213.25"), (150.0, "Office visit"), (325.0, "1"), (370.0, "$117.00"), (560.0, "$275.70")]),
        (100.0, &[(36.0, "11/14/2024"), (150.0, "Patient payment - thank you"), (430.0, "-$39.25"), (560.0, "$119.45")]),
        (120.0, &[(150.0, "Total charges"), (370.0, "$408.00")]),
    ]);
    let reading = read(&[bill]);
    assert_eq!(charges(&reading), [(None, Some("99214"), 1, 18_900), (None, Some("97110"), 2, 10_200), (None, Some("99213"), 1, 11_700)]);
    assert_eq!(reading.bill.lines[0].modifiers, ["25"]);
    assert_eq!(reading.bill.lines[2].modifiers, ["25"]);
    assert_eq!(reading.bill.stated_total, Some(Money::from_cents(40_800)));
}

#[test]
fn rows_that_look_like_charges_but_cannot_be_read_completely_are_listed_to_check() {
    let bill = page(&[
        (40.0, &[(36.0, "Svc Dt"), (100.0, "Rev Code"), (160.0, "CPT/HCPCS"), (260.0, "Description"), (420.0, "Qty"), (480.0, "Amount")]),
        (60.0, &[(36.0, "02/25/2023"), (100.0, "0250"), (160.0, "2500000004"), (425.0, "2"), (480.0, "$114.60")]),
        (75.0, &[(36.0, "02/25/2023"), (100.0, "0301"), (160.0, "80053"), (425.0, "1"), (480.0, "$364.00")]),
        (90.0, &[(36.0, "02/25/2023"), (100.0, "0301"), (160.0, "80048"), (425.0, "1"), (480.0, "$3O9.00")]),
        (105.0, &[(36.0, "02/25/2023"), (100.0, "0301"), (160.0, "82948"), (425.0, "1"), (480.0, "$54.00")]),
        (120.0, &[(36.0, "03/15/2023"), (260.0, "VARIANCE"), (425.0, "1"), (480.0, "$16,511.51")]),
    ]);
    let reading = read(&[bill]);
    // The charge-master number names the first line but is not a code.
    assert_eq!(
        charges(&reading),
        [(Some("0250"), None, 2, 11_460), (Some("0301"), Some("80053"), 1, 36_400), (Some("0301"), Some("82948"), 1, 5_400)]
    );
    assert_eq!(reading.bill.lines[0].description, "2500000004");
    let check: Vec<&str> = reading.to_check.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(check, ["02/25/2023 0301 80048 1 $3O9.00", "03/15/2023 VARIANCE 1 $16,511.51"]);
}

#[test]
fn a_remittance_restating_the_itemized_charges_is_not_read_twice() {
    let itemized = page(&[
        (40.0, &[(36.0, "Rev"), (62.0, "Revenue"), (140.0, "CPT(R)/"), (220.0, "Price"), (270.0, "Qty")]),
        (52.0, &[(36.0, "Code"), (62.0, "Code"), (140.0, "HCPCS")]),
        (64.0, &[(62.0, "Description"), (140.0, "Code")]),
        (80.0, &[(36.0, "0350"), (62.0, "CT Scan"), (140.0, "70486"), (210.0, "1,609.00"), (275.0, "1")]),
        (95.0, &[(36.0, "0359"), (62.0, "CT Scan"), (140.0, "G1004"), (225.0, "0.01"), (275.0, "1")]),
        (110.0, &[(210.0, "1,609.01")]),
    ]);
    let remittance = page(&[
        (
            40.0,
            &[
                (36.0, "REV"),
                (70.0, "DATE"),
                (110.0, "HCPCS"),
                (170.0, "QTY"),
                (210.0, "CHARGES"),
                (270.0, "ALLOW/REIM"),
                (340.0, "GC"),
                (370.0, "RSN"),
                (410.0, "AMOUNT"),
            ],
        ),
        (
            60.0,
            &[
                (36.0, "0350"),
                (70.0, "11/10"),
                (110.0, "70486"),
                (175.0, "1"),
                (210.0, "1609.00"),
                (280.0, "731.74"),
                (340.0, "CO"),
                (370.0, "45"),
                (410.0, "877.26"),
            ],
        ),
    ]);
    let reading = read(&[itemized, remittance.clone()]);
    assert_eq!(charges(&reading), [(Some("0350"), Some("70486"), 1, 160_900), (Some("0359"), Some("G1004"), 1, 1)]);
    // The unlabelled amount under the charges is their total.
    assert_eq!(reading.bill.stated_total, Some(Money::from_cents(160_901)));
    // A remittance alone is read: its charges column, not the allowed or paid amounts.
    let alone = read(&[remittance]);
    assert_eq!(charges(&alone), [(Some("0350"), Some("70486"), 1, 160_900)]);
}

#[test]
fn a_code_ocr_misread_is_taken_as_the_known_code_one_confusion_away() {
    let known = |code: &str| ["J7030", "36415"].contains(&code);
    assert_eq!(known_or_confusable("37030".into(), &known), "J7030");
    assert_eq!(known_or_confusable("36415".into(), &known), "36415");
    // Nothing known nearby: as read.
    assert_eq!(known_or_confusable("72425".into(), &known), "72425");
}

#[test]
fn a_price_column_beside_an_amount_column_is_the_unit_price() {
    let bill = page(&[
        (40.0, &[(36.0, "HCPCS"), (100.0, "Drug"), (250.0, "Qty"), (300.0, "Price"), (360.0, "Amount")]),
        (60.0, &[(36.0, "J1885"), (100.0, "KETOROLAC 15MG INJ"), (255.0, "2"), (300.0, "$17.00"), (360.0, "$34.00")]),
        (75.0, &[(36.0, "J0131"), (100.0, "ACETAMINOPHEN 10MG"), (255.0, "7h)"), (300.0, "$1.00"), (360.0, "$75.00")]),
    ]);
    let reading = read(&[bill]);
    // Units OCR could not read are the charge over the unit price.
    assert_eq!(charges(&reading), [(None, Some("J1885"), 2, 3_400), (None, Some("J0131"), 75, 7_500)]);
    assert_eq!(reading.bill.lines[0].unit_price, Some(Money::from_cents(1_700)));
}

#[test]
fn units_under_a_heading_ocr_could_not_read_are_the_charge_over_the_unit_price_when_it_divides() {
    // "Qty" read as "Oy" on a fax: its column is not known, so its counts are not read.
    let bill = page(&[
        (40.0, &[(36.0, "HCPCS"), (100.0, "Drug"), (250.0, "Oy"), (290.0, "Unit Price"), (360.0, "Amount")]),
        (60.0, &[(36.0, "J3010"), (100.0, "FENTANYL 0.1MG INJ"), (255.0, "4"), (300.0, "11.10"), (360.0, "44.40")]),
        (75.0, &[(36.0, "J1100"), (100.0, "DEXAMETHASONE 1MG INJ"), (255.0, "8"), (300.0, "2.00"), (360.0, "16.00")]),
        // A price that does not divide the amount (a discount, say) leaves one unit.
        (90.0, &[(36.0, "J2270"), (100.0, "MORPHINE 10MG INJ"), (255.0, "3"), (300.0, "24.95"), (360.0, "70.00")]),
    ]);
    assert_eq!(
        charges(&read(&[bill])),
        [(None, Some("J3010"), 4, 4_440), (None, Some("J1100"), 8, 1_600), (None, Some("J2270"), 1, 7_000)]
    );
}

/// A run of text as a PDF's text layer gives it, 5 points a character, 10 high.
fn run(text: &str, left: f32, top: f32) -> TextRun {
    TextRun { text: text.into(), left, top, width: 5.0 * text.chars().count() as f32, height: 10.0 }
}

#[test]
fn a_text_layers_runs_are_read_as_the_server_reads_them_with_each_word_placed_along_its_run() {
    let page = PageRuns {
        width: 612.0,
        height: 792.0,
        runs: vec![
            run("Date", 36.0, 40.0),
            run("HCPCS", 100.0, 40.0),
            run("Description", 160.0, 40.0),
            run("Qty", 340.0, 40.0),
            run("Charges", 400.0, 40.0),
            run("03/14/24", 36.0, 60.0),
            run("85025", 100.0, 60.0),
            run("COMPLETE BLOOD COUNT", 160.0, 60.0),
            run("1", 345.0, 60.0),
            run("$ 45.00", 400.0, 60.0),
            run("03/14/24", 36.0, 75.0),
            run("85025", 100.0, 75.0),
            run("COMPLETE BLOOD COUNT", 160.0, 75.0),
            run("1", 345.0, 75.0),
            run("$ 45.00", 400.0, 75.0),
        ],
    };
    let words = page.words();
    let blood = words.words.iter().find(|w| w.text == "BLOOD").unwrap();
    assert_eq!((blood.left, blood.right), (160.0 + 9.0 * 5.0, 160.0 + 14.0 * 5.0));
    assert!(!words.recognised);
    let reading = read(&[words]);
    assert_eq!(charges(&reading), [(None, Some("85025"), 1, 4500), (None, Some("85025"), 1, 4500)]);
    assert_eq!(reading.rows.len(), 2);
}

#[test]
fn a_text_layers_runs_make_lines_top_to_bottom_and_left_to_right() {
    let page = PageRuns {
        width: 612.0,
        height: 792.0,
        runs: vec![run("$45.00", 300.0, 61.0), run("Total", 36.0, 80.0), run("85025 CBC", 36.0, 60.0), run(" ", 200.0, 60.0)],
    };
    assert_eq!(page.lines(), ["85025 CBC  $45.00", "Total"]);
}

#[test]
fn a_row_to_check_gives_the_parts_it_prints_and_guesses_none() {
    // A photo's row whose quantity read as "-": date, zero-padded code, words and the charge.
    let parts = row_parts("08/24/23 096375 IV PUSH EACH ADDL SEQ DRUG - $232.77.");
    assert_eq!(parts.date, Date::new(2023, 8, 24));
    assert_eq!(parts.code.as_deref(), Some("96375"));
    assert_eq!(parts.description, "IV PUSH EACH ADDL SEQ DRUG");
    assert_eq!(parts.charge, Some(Money::from_cents(23_277)));
    // The charge is the row's last amount; a row without one, or with a broken one, has none.
    assert_eq!(row_parts("J3490 Pharmacy 27.50 1 1,609.00").charge, Some(Money::from_cents(160_900)));
    let broken = row_parts("08/22/23 085025 CBC W/AUTO DIFF 1 $1357 21");
    assert_eq!((broken.code.as_deref(), broken.charge), (Some("85025"), None));
    // Nothing that reads: nothing filled in.
    assert_eq!(row_parts("| ~~ ."), RowParts::default());
}

#[test]
fn a_second_reading_replaces_one_word_by_a_whole_value_and_joins_words_only_into_a_code() {
    // One word: any whole value of a bill's table.
    for value in ["1,609.00", "72125", "0J2270", "12/22/2023", "1"] {
        assert!(second_reading_replaces(value), "{value}");
    }
    assert!(!second_reading_replaces("CT"));
    // Words split by the first reader: only a procedure code, as printed.
    for code in ["0J2270", "J2270", "071045", "99285"] {
        assert!(second_reading_joins(code), "{code}");
    }
    // A date or an amount read over two words may have taken in its neighbour.
    for not in ["FH12/22/2023", "12/22/2023", "-$81,602.70", "1,602.70", "1", "MORPHINE"] {
        assert!(!second_reading_joins(not), "{not}");
    }
}

#[test]
fn what_is_owed_account_totals_and_the_bills_own_sentences_are_not_charges() {
    let bill = page(&[
        // The address block beside the amount due: a ZIP code is shaped like a CPT code.
        (20.0, &[(36.0, "Evanston, IL 60202"), (400.0, "Amount Due"), (480.0, "$465.57")]),
        (40.0, &[(36.0, "Anesthesia charges are based on base units plus time units at"), (400.0, "$118.00"), (450.0, "per unit.")]),
        (60.0, &[(36.0, "Date"), (100.0, "CPT"), (160.0, "Description"), (340.0, "Units"), (400.0, "Charges")]),
        (75.0, &[(36.0, "01/20/2025"), (100.0, "L1833"), (160.0, "KNEE ORTHOSIS ADJ JOINTS"), (345.0, "1"), (400.0, "895.00")]),
        (90.0, &[(36.0, "01/20/2025"), (100.0, "99213"), (160.0, "Office visit, established patient"), (345.0, "1"), (400.0, "150.00")]),
        (105.0, &[(160.0, "ACCOUNT TOTALS"), (400.0, "1045.00")]),
    ]);
    let reading = read_layout(&[PageWords { recognised: false, ..bill }], &|_| true);
    assert_eq!(charges(&reading), vec![(None, Some("L1833"), 1, 89500), (None, Some("99213"), 1, 15000)]);
}

#[test]
fn a_labs_own_test_code_beside_a_cpt_column_is_not_the_charges_code() {
    let bill = page(&[
        (60.0, &[(36.0, "Description"), (200.0, "Test Code"), (260.0, "CPT"), (320.0, "Units"), (400.0, "Amount")]),
        (75.0, &[(36.0, "Comprehensive Metabolic Panel"), (200.0, "10231"), (260.0, "80053"), (325.0, "1"), (400.0, "$148.00")]),
        (90.0, &[(36.0, "Lipid Panel"), (200.0, "19946"), (260.0, "80061"), (325.0, "1"), (400.0, "$118.00")]),
    ]);
    let reading = read(&[bill]);
    assert_eq!(charges(&reading), vec![(None, Some("80053"), 1, 14800), (None, Some("80061"), 1, 11800)]);
    // With no CPT column beside it, a test code column is the codes' column.
    let alone = page(&[
        (60.0, &[(36.0, "Description"), (200.0, "Test Code"), (320.0, "Units"), (400.0, "Amount")]),
        (75.0, &[(36.0, "Comprehensive Metabolic Panel"), (200.0, "80053"), (325.0, "1"), (400.0, "$148.00")]),
    ]);
    assert_eq!(charges(&read(&[alone])), vec![(None, Some("80053"), 1, 14800)]);
}

#[test]
fn a_unit_fee_column_is_the_unit_price_not_the_units() {
    let bill = page(&[
        (60.0, &[(36.0, "CPT/HCPCS"), (120.0, "Description"), (300.0, "Units"), (350.0, "Unit Fee"), (430.0, "Line Total")]),
        (75.0, &[(36.0, "J3301"), (120.0, "TRIAMCINOLONE 10 MG"), (305.0, "8"), (350.0, "8.50"), (430.0, "68.00")]),
        (90.0, &[(36.0, "99204"), (120.0, "NEW PT LEVEL 4"), (305.0, "1"), (350.0, "310.00"), (430.0, "310.00")]),
    ]);
    assert_eq!(charges(&read(&[bill])), vec![(None, Some("J3301"), 8, 6800), (None, Some("99204"), 1, 31000)]);
}

#[test]
fn a_revenue_code_heading_run_together_with_the_description_heading_is_two_columns() {
    // As pdftohtml gives "Rev Cd" and "Description" printed close: one run, one cell.
    let bill = page(&[
        (60.0, &[(36.0, "Rev Cd Description"), (230.0, "HCPCS"), (330.0, "Qty/Days"), (400.0, "Rate"), (470.0, "Gross Charge")]),
        (75.0, &[(36.0, "0191"), (70.0, "RM & BRD SUBACUTE"), (335.0, "14"), (400.0, "525.00"), (470.0, "$7,350.00")]),
        (90.0, &[(36.0, "0636"), (70.0, "HEPARIN INJ"), (230.0, "J1644"), (335.0, "42"), (400.0, "6.50"), (470.0, "$273.00")]),
    ]);
    let reading = read_layout(&[PageWords { recognised: false, ..bill }], &|_| true);
    assert_eq!(charges(&reading), vec![(Some("0191"), None, 14, 735000), (Some("0636"), Some("J1644"), 42, 27300)]);
    assert!(reading.to_check.is_empty());
}

#[test]
fn a_summary_of_charges_by_department_above_the_itemized_table_is_not_charges() {
    let bill = page(&[
        (20.0, &[(36.0, "SUMMARY OF CHARGES BY DEPARTMENT")]),
        (32.0, &[(36.0, "LABOR & DELIVERY"), (200.0, "10,331.00"), (300.0, "SUPPLIES"), (450.0, "1,025.00")]),
        (44.0, &[(36.0, "ANESTHESIA"), (200.0, "1,890.00")]),
        (60.0, &[(36.0, "Date"), (100.0, "Description"), (300.0, "Code"), (400.0, "Amount")]),
        (75.0, &[(36.0, "06/02/24"), (100.0, "DELIVERY PACK VAGINAL"), (400.0, "285.00")]),
        (90.0, &[(36.0, "06/02/24"), (100.0, "EPIDURAL ANESTHESIA"), (300.0, "01967"), (400.0, "1,890.00")]),
    ]);
    let reading = read_layout(&[PageWords { recognised: false, ..bill }], &|_| true);
    let found = charges(&reading);
    assert!(found.contains(&(None, Some("01967"), 1, 189000)), "{found:?}");
    assert!(!found.iter().any(|c| c.3 == 1_033_100 || c.3 == 102_500), "the summary's amounts are no charges: {found:?}");
    assert!(!reading.to_check.is_empty(), "they are listed to check, not dropped");
}

#[test]
fn an_amount_with_a_space_for_its_thousands_separator_is_one_amount_and_the_units_beside_it_stay_units() {
    // The UB-04 form's columns: revenue code, description, HCPCS, date, units, total charges.
    let bill = page(&[
        (
            40.0,
            &[
                (36.0, "REV. CD."),
                (80.0, "DESCRIPTION"),
                (250.0, "HCPCS"),
                (310.0, "SERV. DATE"),
                (380.0, "UNITS"),
                (440.0, "TOTAL CHARGES"),
            ],
        ),
        (60.0, &[(36.0, "0360"), (80.0, "ARTHROSCOPY KNEE"), (250.0, "29881"), (310.0, "04/08/25"), (400.0, "1"), (450.0, "14 850.00")]),
        (75.0, &[(36.0, "0278"), (80.0, "ANCHOR/SCREW"), (250.0, "C1713"), (310.0, "04/08/25"), (400.0, "2"), (450.0, " 2 570.00")]),
        // Units a column apart from a three-digit amount (three characters): not its thousands.
        (90.0, &[(36.0, "0272"), (80.0, "SHAVER BLADE"), (310.0, "04/08/25"), (400.0, "2"), (420.0, "412.00")]),
        (105.0, &[(36.0, "0636"), (80.0, "FENTANYL"), (250.0, "J3010"), (310.0, "04/08/25"), (400.0, "20"), (475.0, "78.00")]),
    ]);
    assert_eq!(
        charges(&read(&[bill])),
        [
            (Some("0360"), Some("29881"), 1, 1_485_000),
            (Some("0278"), Some("C1713"), 2, 257_000),
            (Some("0272"), None, 2, 41_200),
            (Some("0636"), Some("J3010"), 20, 7_800)
        ]
    );
}

#[test]
fn a_row_of_the_tables_totals_states_the_total_by_its_amount_under_the_charges() {
    let header: (f32, &[(f32, &str)]) =
        (40.0, &[(36.0, "Date"), (90.0, "Code"), (140.0, "Description"), (330.0, "Charges"), (400.0, "Ins Paid"), (470.0, "Balance")]);
    let charge = |y: f32, code: &'static str, charge: &'static str| -> (f32, Vec<(f32, &'static str)>) {
        (y, vec![(36.0, "10/7/24"), (90.0, code), (140.0, "Office visit"), (335.0, charge), (405.0, "-50.00"), (475.0, "10.00")])
    };
    let rows = |totals: (f32, Vec<(f32, &'static str)>)| {
        let (a, b) = (charge(60.0, "99213", "185.00"), charge(75.0, "93000", "88.00"));
        let all = [header.clone(), (a.0, &a.1[..]), (b.0, &b.1[..]), (totals.0, &totals.1[..])];
        read(&[page(&all)])
    };
    // "Account totals": the charges' column is the total, not what was paid or is left.
    let totals = rows((95.0, vec![(140.0, "ACCOUNT TOTALS"), (335.0, "273.00"), (405.0, "-100.00"), (475.0, "20.00")]));
    assert_eq!(totals.bill.stated_total, Some(Money::from_cents(27_300)));
    assert_eq!(totals.bill.lines.len(), 2);
    // A row of totals that is about payments or what is owed states no total of the charges.
    for words in ["Total payments", "Total amount due"] {
        let other = rows((95.0, vec![(140.0, words), (335.0, "273.00"), (475.0, "20.00")]));
        assert_eq!(other.bill.stated_total, None, "{words}");
    }
    // A lone total under the amounts may be the balance: not the charges' total.
    let lone = rows((95.0, vec![(140.0, "Total"), (335.0, "273.00")]));
    assert_eq!(lone.bill.stated_total, None);
}

#[test]
fn the_one_subtotal_of_the_charges_is_the_total_where_none_is_printed_and_group_subtotals_are_not() {
    let header: (f32, &[(f32, &str)]) = (40.0, &[(36.0, "Date"), (90.0, "Code"), (140.0, "Description"), (330.0, "Amount")]);
    let one = page(&[
        header,
        (60.0, &[(36.0, "01/06/25"), (90.0, "A7030"), (140.0, "FULL FACE MASK"), (335.0, "$185.00")]),
        (75.0, &[(36.0, "01/06/25"), (90.0, "A7035"), (140.0, "HEADGEAR"), (335.0, "$48.00")]),
        (90.0, &[(140.0, "SUBTOTAL - CHARGES"), (335.0, "$233.00")]),
        (105.0, &[(36.0, "02/19/25"), (140.0, "PAYMENT - AETNA"), (335.0, "$100.00 CR")]),
    ]);
    assert_eq!(read(&[one]).bill.stated_total, Some(Money::from_cents(23_300)));
    let groups = page(&[
        header,
        (60.0, &[(36.0, "01/06/25"), (90.0, "A7030"), (140.0, "FULL FACE MASK"), (335.0, "$185.00")]),
        (75.0, &[(140.0, "SUBTOTAL CHARGES"), (335.0, "$185.00")]),
        (90.0, &[(36.0, "01/06/25"), (90.0, "A7035"), (140.0, "HEADGEAR"), (335.0, "$48.00")]),
        (105.0, &[(140.0, "SUBTOTAL CHARGES"), (335.0, "$48.00")]),
    ]);
    let reading = read(&[groups]);
    assert_eq!((reading.bill.stated_total, reading.bill.lines.len()), (None, 2));
}

#[test]
fn on_a_recognised_page_a_total_label_with_an_l_read_as_i_or_1_or_an_o_as_0_still_states_the_total() {
    let header: (f32, &[(f32, &str)]) = (40.0, &[(36.0, "Date"), (90.0, "Code"), (140.0, "Service"), (330.0, "Charge")]);
    let bill = |label: &'static str, recognised: bool| {
        let mut words = page(&[
            header,
            (60.0, &[(36.0, "2/11/25"), (90.0, "99214"), (140.0, "Office visit"), (335.0, "$245.00")]),
            (75.0, &[(36.0, "2/11/25"), (90.0, "87880"), (140.0, "Rapid strep test"), (335.0, "$55.00")]),
            (90.0, &[(140.0, label), (335.0, "$300.00")]),
        ]);
        words.recognised = recognised;
        read(&[words])
    };
    for label in ["Total charges", "Totai charges", "TOTA1 CHARGES", "T0tal charges", "Total charqes"] {
        let reading = bill(label, true);
        let expected = (label != "Total charqes").then(|| Money::from_cents(30_000));
        assert_eq!(reading.bill.stated_total, expected, "{label}");
        assert_eq!(reading.bill.lines.len(), 2, "{label}: the total is no charge");
    }
    // A text layer's words are as printed: "Totai" there is no label.
    assert_eq!(bill("Totai charges", false).bill.stated_total, None);
}
