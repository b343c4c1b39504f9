//! Bills attached to requests over real HTTP, on SQLite and PostgreSQL: sealed at rest, pages
//! recognised on a retry, every read and change audited, deleted on request or at the end of
//! their retention, and never opened with another key.

mod common;

use advocate_domain::bill::{Bill, BillLine, BillPayer};
use advocate_domain::bill_attachment::{AttachedBill, BillPage, MAX_PAGES};
use advocate_domain::bill_review::{BillReviewRequest, FindingKind, Situation};
use advocate_domain::routing::BillCoverage;
use advocate_domain::time::Date;
use advocate_domain::{Money, Reference, RequestReceipt, Timestamp};
use advocate_server::audit::{Actor, AuditEvent};
use common::{Db, TestApp};
use sqlx::{Connection, Row};

fn bill_request() -> BillReviewRequest {
    let line = |code: &str, dollars: i64| BillLine {
        date: Date::new(2025, 3, 4),
        code: Some(code.into()),
        description: format!("Patient-only note {code}"),
        units: 1,
        charge: Money::from_dollars(dollars),
        ..Default::default()
    };
    BillReviewRequest {
        bill: Bill {
            provider: Some("General Hospital".into()),
            lines: vec![line("85025", 45), line("85025", 45), line("73721", 900)],
            payer: BillPayer::SelfPay,
            ..Default::default()
        },
        situation: Situation { coverage: Some(BillCoverage::NotCovered), ..Default::default() },
        zip: None,
    }
}

/// The smallest bytes that pass as a PNG of the given width (no pixels are ever decoded).
fn png(width: u32, salt: u8) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(100u32.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, salt]);
    bytes
}

async fn new_request(app: &TestApp) -> RequestReceipt {
    app.new_bill_saver_request("Ana Lopez", "").await
}

fn bill_url(app: &TestApp, receipt: &RequestReceipt, rest: &str) -> String {
    format!("{}/api/requests/{}/bill{rest}", app.url, receipt.reference)
}

async fn put_bill(app: &TestApp, receipt: &RequestReceipt, verifier: &str, body: &serde_json::Value) -> reqwest::Response {
    app.client.put(bill_url(app, receipt, "")).bearer_auth(verifier).json(body).send().await.unwrap()
}

async fn add_page(app: &TestApp, receipt: &RequestReceipt, bytes: Vec<u8>) -> reqwest::Response {
    app.client.post(bill_url(app, receipt, "/pages")).bearer_auth(&receipt.verifier).body(bytes).send().await.unwrap()
}

async fn get_bill(app: &TestApp, receipt: &RequestReceipt) -> reqwest::Response {
    app.client.get(bill_url(app, receipt, "")).bearer_auth(&receipt.verifier).send().await.unwrap()
}

async fn audit_actions(app: &TestApp, reference: &Reference) -> Vec<String> {
    let storage = advocate_server::storage::connect(&app.database_url).await.unwrap();
    storage.audit_trail(&reference.to_string()).await.unwrap().into_iter().map(|e| format!("{} {}", e.actor, e.action)).collect()
}

/// Every sealed content in the database, read straight from the table.
async fn sealed_contents(db: Db, database_url: &str) -> Vec<Vec<u8>> {
    let query = "SELECT sealed FROM bill_files";
    match db {
        Db::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(database_url).await.unwrap();
            sqlx::query(query).fetch_all(&mut c).await.unwrap().iter().map(|r| r.get::<Vec<u8>, _>("sealed")).collect()
        }
        Db::Postgres => {
            let mut c = sqlx::PgConnection::connect(database_url).await.unwrap();
            sqlx::query(query).fetch_all(&mut c).await.unwrap().iter().map(|r| r.get::<Vec<u8>, _>("sealed")).collect()
        }
    }
}

on_both_databases! {
    async fn a_bill_is_attached_sealed_read_back_audited_and_deleted(db: Db) {
        let app = TestApp::spawn(db).await;
        let receipt = new_request(&app).await;
        let body = serde_json::to_value(bill_request()).unwrap();

        // Only with the request's verifier, and a wrong one looks like no request at all.
        assert_eq!(put_bill(&app, &receipt, "not-the-verifier", &body).await.status(), 401);
        assert_eq!(app.client.get(bill_url(&app, &receipt, "")).send().await.unwrap().status(), 401);

        let response = put_bill(&app, &receipt, &receipt.verifier, &body).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let attached: AttachedBill = response.json().await.unwrap();
        let review = attached.review.expect("the review is kept with the bill");
        assert_eq!(review.request, bill_request());
        assert!(review.review.findings.iter().any(|f| f.kind == FindingKind::ExactDuplicate), "the server reviewed it again");
        let status: advocate_domain::RequestStatus = app
            .client
            .get(format!("{}/api/requests/{}", app.url, receipt.reference))
            .bearer_auth(&receipt.verifier)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(status.bill_attached, "the status says a bill is attached");
        let retention = attached.delete_after.unix_seconds() - advocate_server::clock::now().unix_seconds();
        assert!((89 * 86_400..=90 * 86_400).contains(&retention), "kept 90 days by default: {retention}");

        // A photo; the same photo again (a retry) is the same page; a PDF; a file that is neither.
        let first = add_page(&app, &receipt, png(1200, 1)).await;
        assert_eq!(first.status(), 201);
        let first: BillPage = first.json().await.unwrap();
        assert_eq!(first.media_type, "image/png");
        let again = add_page(&app, &receipt, png(1200, 1)).await;
        assert_eq!(again.status(), 200, "a retried upload adds nothing");
        assert_eq!(again.json::<BillPage>().await.unwrap().id, first.id);
        let pdf = b"%PDF-1.4\n% a scanned bill\n".to_vec();
        assert_eq!(add_page(&app, &receipt, pdf.clone()).await.status(), 201);
        let zip = add_page(&app, &receipt, b"PK\x03\x04 not a bill".to_vec()).await;
        assert_eq!(zip.status(), 422);
        assert_eq!(zip.headers()["content-type"], "application/problem+json");
        assert_eq!(add_page(&app, &receipt, png(1_000_000, 2)).await.status(), 422, "an image bomb is refused");

        // At rest: nothing readable, not the charges' words nor the files' bytes.
        let sealed = sealed_contents(db, &app.database_url).await;
        assert_eq!(sealed.len(), 3, "the review and two pages");
        for content in &sealed {
            assert!(!content.windows(12).any(|w| w == b"Patient-only"), "the charges are sealed");
            assert!(!content.windows(9).any(|w| w == b"%PDF-1.4\n"), "the PDF is sealed");
            assert!(!content.windows(4).any(|w| w == b"IHDR"), "the photo is sealed");
        }

        let response = get_bill(&app, &receipt).await;
        assert_eq!(response.status(), 200);
        let attached: AttachedBill = response.json().await.unwrap();
        assert_eq!(attached.pages.iter().map(|p| p.media_type.as_str()).collect::<Vec<_>>(), ["image/png", "application/pdf"]);
        assert_eq!(attached.describe(), "3 charges and 2 photos or PDFs");

        // A page comes back as a download, never inline.
        let pdf_page = &attached.pages[1];
        let response = app.client.get(bill_url(&app, &receipt, &format!("/pages/{}", pdf_page.id))).bearer_auth(&receipt.verifier).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
        assert_eq!(response.headers()["content-security-policy"], "sandbox; default-src 'none'");
        assert_eq!(response.headers()["cache-control"], "no-store");
        assert_eq!(response.bytes().await.unwrap().to_vec(), pdf);
        let other_request = new_request(&app).await;
        let foreign = app.client.get(bill_url(&app, &other_request, &format!("/pages/{}", pdf_page.id))).bearer_auth(&other_request.verifier).send().await.unwrap();
        assert_eq!(foreign.status(), 404, "a page belongs to its own request only");

        let delete = app.client.delete(bill_url(&app, &receipt, "")).bearer_auth(&receipt.verifier).send().await.unwrap();
        assert_eq!(delete.status(), 204);
        assert_eq!(get_bill(&app, &receipt).await.status(), 404);
        assert!(sealed_contents(db, &app.database_url).await.is_empty(), "every file of the bill is gone");
        let again = app.client.delete(bill_url(&app, &receipt, "")).bearer_auth(&receipt.verifier).send().await.unwrap();
        assert_eq!(again.status(), 204, "deleting twice is harmless");

        assert_eq!(
            audit_actions(&app, &receipt.reference).await,
            [
                "member request.created",
                "member bill.attached",
                "member request.status_viewed",
                "member bill.page_added",
                "member bill.page_added",
                "member bill.viewed",
                "member bill.page_downloaded",
                "member bill.deleted",
                "member bill.viewed",
            ]
        );
    }

    async fn a_bill_that_cannot_be_reviewed_is_not_stored(db: Db) {
        let app = TestApp::spawn(db).await;
        let receipt = new_request(&app).await;
        let mut unanswered = bill_request();
        unanswered.bill.payer = BillPayer::default();
        unanswered.situation.coverage = None;
        let response = put_bill(&app, &receipt, &receipt.verifier, &serde_json::to_value(unanswered).unwrap()).await;
        assert_eq!(response.status(), 422);
        let problem: advocate_domain::Problem = response.json().await.unwrap();
        assert_eq!(problem.errors[0].field, "situation.coverage");
        assert_eq!(get_bill(&app, &receipt).await.status(), 404);
        assert!(sealed_contents(db, &app.database_url).await.is_empty());
    }

    async fn simultaneous_retries_of_one_upload_store_one_page_and_a_bill_holds_at_most_twenty(db: Db) {
        let app = TestApp::spawn(db).await;
        let receipt = new_request(&app).await;
        let uploads = (0..4).map(|_| add_page(&app, &receipt, png(800, 0)));
        let statuses: Vec<u16> = futures::future::join_all(uploads).await.iter().map(|r| r.status().as_u16()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == 201 || *s == 200), "{statuses:?}");
        for salt in 1..MAX_PAGES as u8 {
            assert_eq!(add_page(&app, &receipt, png(800, salt)).await.status(), 201);
        }
        let full = add_page(&app, &receipt, png(800, 200)).await;
        assert_eq!(full.status(), 422);
        assert!(full.text().await.unwrap().contains("the most it can hold"));
        let attached: AttachedBill = get_bill(&app, &receipt).await.json().await.unwrap();
        assert_eq!(attached.pages.len(), MAX_PAGES);
    }

    async fn bills_past_their_retention_are_deleted_with_an_audit_event(db: Db) {
        let app = TestApp::spawn_with(db, |config| config.bill_retention_days = 30).await;
        let receipt = new_request(&app).await;
        assert_eq!(add_page(&app, &receipt, png(800, 0)).await.status(), 201);
        let attached: AttachedBill = get_bill(&app, &receipt).await.json().await.unwrap();
        let storage = advocate_server::storage::connect(&app.database_url).await.unwrap();
        let day_before = Timestamp::from_unix_seconds(attached.delete_after.unix_seconds() - 86_400);
        let expired = AuditEvent::new(Actor::System, "bill.expired", "");
        assert!(storage.delete_expired_bills(day_before, &expired).await.unwrap().is_empty());
        assert_eq!(get_bill(&app, &receipt).await.status(), 200);
        let deleted = storage.delete_expired_bills(attached.delete_after, &expired).await.unwrap();
        assert_eq!(deleted, [receipt.reference.to_string()]);
        assert_eq!(get_bill(&app, &receipt).await.status(), 404);
        let actions = audit_actions(&app, &receipt.reference).await;
        assert_eq!(actions.iter().filter(|a| *a == "system bill.expired").count(), 1, "{actions:?}");
    }

    async fn a_bill_opens_after_a_restart_with_its_key_and_a_server_with_another_key_does_not_start(db: Db) {
        let keys = tempfile::tempdir().unwrap();
        let key_file = keys.path().join("bill-files.key");
        let first = TestApp::spawn_with(db, |config| config.bill_key_file = Some(key_file.clone())).await;
        let receipt = new_request(&first).await;
        assert_eq!(put_bill(&first, &receipt, &receipt.verifier, &serde_json::to_value(bill_request()).unwrap()).await.status(), 200);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let database_url = first.database_url.clone();
        let same_key = TestApp::spawn_with(db, |config| {
            config.database_url = Some(database_url.clone());
            config.bill_key_file = Some(key_file.clone());
        })
        .await;
        assert_eq!(get_bill(&same_key, &receipt).await.status(), 200);
        // A server with another key would fail on every bill and case, and seal new ones the
        // others cannot open: it refuses to start, and says why.
        let dir = tempfile::tempdir().unwrap();
        let mut config = common::test_config(dir.path().to_path_buf());
        config.database_url = Some(database_url.clone());
        let refused = advocate_server::app::Application::build(&config).await.err().expect("refused").to_string();
        assert!(refused.contains("sealed with another key"), "{refused}");
    }
}
