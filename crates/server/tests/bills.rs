//! The bill review over real HTTP: findings with their money at stake, the unit limits, the
//! price benchmarks for the bill's ZIP code, bad input, and the MUE importer on CMS's table.

mod common;
mod testdata;

use advocate_bill_corpus::{Capture, Drawn, Layout, corpus, draw};
use advocate_domain::Money;
use advocate_domain::bill::{Bill, BillLine, BillPayer};
use advocate_domain::bill_review::{BillReviewRequest, FindingKind, Review, Situation};
use advocate_domain::routing::BillSaverEligibility;
use advocate_domain::time::Date;
use common::{Db, TestApp};

fn line(code: &str, day: u8, units: u32, dollars: i64) -> BillLine {
    BillLine {
        date: Date::new(2025, 3, day),
        code: Some(code.into()),
        description: format!("Service {code}"),
        units,
        charge: Money::from_dollars(dollars),
        ..Default::default()
    }
}

async fn post(app: &TestApp, body: &serde_json::Value) -> reqwest::Response {
    app.client.post(format!("{}/api/bills/review", app.url)).json(body).send().await.unwrap()
}

#[tokio::test]
async fn a_self_pay_bill_with_a_duplicate_too_many_units_and_a_high_price_is_reviewed() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let bill = Bill {
        provider: Some("General Hospital".into()),
        lines: vec![line("85025", 1, 1, 45), line("85025", 1, 1, 45), line("96372", 1, 6, 300), line("73721", 1, 1, 2_400)],
        payer: BillPayer::SelfPay,
        ..Default::default()
    };
    let request = BillReviewRequest { bill, situation: Situation::default(), zip: Some(advocate_domain::Zip::parse("35203").unwrap()) };
    let response = post(&app, &serde_json::to_value(&request).unwrap()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store", "a review describes someone's care");
    let review: Review = response.json().await.unwrap();
    let kinds: Vec<FindingKind> = review.findings.iter().map(|f| f.kind).collect();
    assert_eq!(kinds[0], FindingKind::FarAboveBenchmark, "the MRI at 2,400 dollars leads: {kinds:?}");
    assert!(kinds.contains(&FindingKind::ExactDuplicate));
    // 96372 (an injection) is limited to 4 units a day by the bundled MUE table.
    let units = review.findings.iter().find(|f| f.kind == FindingKind::UnitsOverDailyMaximum).expect("units over the limit");
    assert_eq!((units.lines.clone(), units.at_stake), (vec![2], Money::from_dollars(100)));
    assert!(review.findings[0].explanation.contains("times what Medicare pays"), "{}", review.findings[0].explanation);
    assert_eq!(review.bill_saver, BillSaverEligibility::Qualifies);
    assert!(review.bill_saver_answer.contains("Medical Bill Saver"));
}

#[tokio::test]
async fn a_1200_dollar_deductible_bill_is_not_offered_bill_saver_and_one_the_plan_excludes_is() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let bill = Bill { lines: vec![line("99285", 1, 1, 1_200)], ..Default::default() };
    for (coverage, expected) in [
        (advocate_domain::BillCoverage::Covered, BillSaverEligibility::CoveredByInsurance),
        (advocate_domain::BillCoverage::NotCovered, BillSaverEligibility::Qualifies),
        (advocate_domain::BillCoverage::NotSure, BillSaverEligibility::CoverageUnknown),
    ] {
        let request =
            BillReviewRequest { bill: bill.clone(), situation: Situation { coverage: Some(coverage), ..Situation::default() }, zip: None };
        let response = post(&app, &serde_json::to_value(&request).unwrap()).await;
        assert_eq!(response.status(), 200);
        let review: Review = response.json().await.unwrap();
        assert_eq!(review.bill_saver, expected, "{coverage:?}");
    }
}

#[tokio::test]
async fn a_bill_that_cannot_be_reviewed_gets_a_422_naming_the_problem() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let empty = post(&app, &serde_json::json!({ "bill": { "lines": [] } })).await;
    assert_eq!(empty.status(), 422);
    let problem: advocate_domain::Problem = empty.json().await.unwrap();
    assert_eq!(problem.errors[0].field, "bill.lines");
    let garbled = app.client.post(format!("{}/api/bills/review", app.url)).body("not json").send().await.unwrap();
    assert_eq!(garbled.status(), 422);
    assert_eq!(garbled.headers()["content-type"], "application/problem+json");
    let zero_units = post(&app, &serde_json::json!({ "bill": { "lines": [{ "units": 0, "charge": 100 }] } })).await;
    let problem: advocate_domain::Problem = zero_units.json().await.unwrap();
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["situation.coverage", "bill.lines[0].units"]);
    let unknown_zip =
        post(&app, &serde_json::json!({ "bill": { "lines": [{ "units": 1, "charge": 100 }], "payer": "self_pay" }, "zip": "00000" })).await;
    let problem: advocate_domain::Problem = unknown_zip.json().await.unwrap();
    assert_eq!((problem.errors[0].field.as_str(), problem.errors.len()), ("zip", 1));
    // Over 8 MB: a 413 problem, not a bare text answer.
    let huge = app.client.post(format!("{}/api/bills/review", app.url)).body(vec![b' '; 9_000_000]).send().await.unwrap();
    assert_eq!(huge.status(), 413);
    assert_eq!(huge.headers()["content-type"], "application/problem+json");
}

#[tokio::test]
async fn the_unit_limits_are_public_and_compressed() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.client.get(format!("{}/api/unit-limits", app.url)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
    let plain: std::collections::BTreeMap<String, u32> = app.get("/api/unit-limits").await.json().await.unwrap();
    assert_eq!(plain.get("96372"), Some(&4));
    assert_eq!(plain.len(), 9_637);
    // The member app asks for the table, one "CODE<TAB>UNITS" per line: the same limits.
    let tsv = app.client.get(format!("{}/api/unit-limits", app.url)).header("accept", "text/tab-separated-values").send().await.unwrap();
    assert_eq!(tsv.headers()["content-type"], "text/tab-separated-values; charset=utf-8");
    assert_eq!(tsv.headers()["vary"], "accept");
    let table = advocate_domain::unit_limits::UnitLimits::parse(&tsv.text().await.unwrap()).unwrap();
    assert_eq!((table.len(), table.get("96372")), (9_637, Some(4)));
    // Refused with q=0, or not named: JSON.
    for accept in ["text/tab-separated-values;q=0, application/json", "application/json, */*"] {
        let response = app.client.get(format!("{}/api/unit-limits", app.url)).header("accept", accept).send().await.unwrap();
        assert_eq!(response.headers()["content-type"], "application/json", "{accept}");
    }
}

on_both_databases! {
    async fn imported_unit_limits_replace_the_bundled_ones(db: Db) {
        let text = testdata::text("mue/practitioner-mue-2026q2-dos.json.gz");
        let table: std::collections::BTreeMap<String, advocate_domain::unit_limits::MueEdit> = serde_json::from_str(&text).unwrap();
        let mut limits = advocate_domain::unit_limits::UnitLimits::from_cms_table(&table);
        assert_eq!(limits.len(), 9_637);
        // The import, with one limit changed, is what a server started on that database uses.
        let mut changed: std::collections::HashMap<String, u32> = limits.iter().map(|(c, u)| (c.to_string(), u)).collect();
        changed.insert("96372".into(), 9);
        limits = advocate_domain::unit_limits::UnitLimits::new(changed);
        let dir = tempfile::tempdir().unwrap();
        let url = common::fresh_database(db, &dir.path().join("advocate.db")).await;
        let storage = advocate_server::storage::connect(&url).await.unwrap();
        assert_eq!(storage.unit_limits().await.unwrap(), None);
        storage.replace_unit_limits(&limits).await.unwrap();
        assert_eq!(storage.unit_limits().await.unwrap().map(|l| l.len()), Some(9_637));
        let app = TestApp::spawn_with(db, |config| config.database_url = Some(url.clone())).await;
        let served: std::collections::BTreeMap<String, u32> = app.get("/api/unit-limits").await.json().await.unwrap();
        assert_eq!(served.get("96372"), Some(&9));
    }
}

/// A bill from the generator (crates/bill-corpus), drawn to the files a member would upload:
/// the first of the corpus with this layout and this way of reaching the reader.
fn generated_bill(layout: Layout, capture: fn(&Capture) -> bool) -> Drawn {
    let specimen = corpus(14).into_iter().find(|s| s.layout == layout && capture(&s.capture)).expect("the corpus holds one");
    let work = tempfile::tempdir().unwrap();
    draw(&specimen, work.path()).expect("the bill is drawn with pdftoppm and ImageMagick")
}

/// The charges as the score test judges them: code, units and amount.
fn keys(bill: &Bill) -> Vec<(Option<String>, u32, i64)> {
    bill.lines.iter().map(|l| (l.code.clone(), l.units, l.charge.cents())).collect()
}

fn truth_keys(drawn: &Drawn) -> Vec<(Option<String>, u32, i64)> {
    drawn.truth.charges.iter().map(|c| (c.code.clone(), c.units, c.cents)).collect()
}

async fn read(app: &TestApp, bytes: Vec<u8>) -> reqwest::Response {
    app.client.post(format!("{}/api/bills/read", app.url)).body(bytes).send().await.unwrap()
}

#[tokio::test]
async fn a_scanned_hospital_bill_is_read_by_ocr_into_charges_the_review_can_use() {
    use advocate_domain::bill_import::{BillReading, ReadMethod};
    let app = TestApp::spawn(Db::Sqlite).await;
    let drawn = generated_bill(Layout::Hospital, |c| matches!(c, Capture::Scan { .. }));
    let response = read(&app, drawn.files[0].clone()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let reading: BillReading = response.json().await.unwrap();
    assert_eq!((reading.method, reading.pages as usize), (ReadMethod::Ocr, drawn.pages));
    assert_eq!(keys(&reading.bill), truth_keys(&drawn));
    assert_eq!(reading.bill.stated_total.map(|m| m.cents()), drawn.truth.stated_total);
    assert_eq!(reading.rows.len(), reading.bill.lines.len(), "each charge with the row it was read from");
    // The review runs on what was read.
    let request = BillReviewRequest {
        bill: Bill { payer: BillPayer::Insurance, ..reading.bill },
        situation: Situation { coverage: Some(advocate_domain::BillCoverage::PartlyCovered), ..Situation::default() },
        zip: None,
    };
    let response = post(&app, &serde_json::to_value(&request).unwrap()).await;
    assert_eq!(response.status(), 200);
    let review: Review = response.json().await.unwrap();
    assert!(review.findings.iter().all(|f| f.kind != FindingKind::TotalMismatch), "every charge read: the total matches");
}

#[tokio::test]
async fn a_pdf_with_a_text_layer_is_read_from_its_text() {
    use advocate_domain::bill_import::{BillReading, ReadMethod};
    let app = TestApp::spawn(Db::Sqlite).await;
    let drawn = generated_bill(Layout::Lab, |c| matches!(c, Capture::Text));
    let reading: BillReading = read(&app, drawn.files[0].clone()).await.json().await.unwrap();
    assert_eq!(reading.method, ReadMethod::TextLayer);
    assert_eq!(keys(&reading.bill), truth_keys(&drawn));
}

#[tokio::test]
async fn uploads_that_are_not_bills_get_a_422_that_says_what_to_try() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for (bytes, says) in [
        (Vec::new(), "empty"),
        (b"PK\x03\x04 a zip file called bill.pdf".to_vec(), "not a photo"),
        (b"%PDF-1.7\nthis is not really a pdf".to_vec(), "damaged"),
    ] {
        let response = read(&app, bytes).await;
        assert_eq!(response.status(), 422, "{says}");
        let problem: advocate_domain::Problem = response.json().await.unwrap();
        assert!(problem.errors[0].message.contains(says), "{says}: {}", problem.errors[0].message);
    }
    let too_big = read(&app, vec![0; 21 * 1024 * 1024]).await;
    assert_eq!(too_big.status(), 413);
}

/// A server started where a reader program is missing says so once in its log at start, names
/// it in `/readyz` (still ready: the rest of the app works), and answers an upload with a 503
/// that says bill reading is unavailable and what to do.
#[tokio::test]
async fn a_missing_reader_program_is_named_at_start_and_in_readyz() {
    use advocate_domain::{Problem, Readiness};
    let dir = tempfile::tempdir().unwrap();
    // A PATH holding every reader program but tesseract.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    for program in ["prlimit", "pdftohtml", "pdftoppm", "convert"] {
        if let Some(found) = std::env::split_paths(&path).map(|d| d.join(program)).find(|p| p.is_file()) {
            std::os::unix::fs::symlink(found, bin.join(program)).unwrap();
        }
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let log = std::fs::File::create(dir.path().join("log")).unwrap();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_advocate-server"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .env("PATH", &bin)
        .env("ADVOCATE_LOG", "warn")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let mut readiness = None;
    for _ in 0..100 {
        if let Ok(response) = client.get(format!("{base}/readyz")).send().await {
            readiness = Some((response.status(), response.json::<Readiness>().await.unwrap()));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (status, readiness) = readiness.expect("the server answers");
    assert_eq!(status, 200, "the rest of the app works");
    assert_eq!(readiness.missing_readers, ["tesseract (Debian package tesseract-ocr)"]);
    assert_eq!(readiness.second_ocr_reader, std::env::var_os("ADVOCATE_OCR_MODEL").is_some(), "the model it was given");

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x00\0\0\0".to_vec();
    let response = client.post(format!("{base}/api/bills/read")).body(png).send().await.unwrap();
    assert_eq!(response.status(), 503);
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.title, "Bill reading is unavailable on this server");
    assert!(problem.detail.unwrap().contains("Type the charges in, or call an advocate"));
    server.kill().unwrap();
    server.wait().unwrap();
    let logged = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert_eq!(logged.matches("bill reading is unavailable: install").count(), 1, "{logged}");
    assert!(logged.contains("tesseract (Debian package tesseract-ocr)"), "{logged}");
}
