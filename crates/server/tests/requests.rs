//! Advocacy requests over real HTTP: creation, idempotency, validation and status, on SQLite and
//! PostgreSQL alike.

mod common;

use advocate_domain::{Handler, Problem, RequestReceipt, RequestState, RequestStatus};
use common::{Db, TestApp};
use serde_json::{Value, json};

fn valid_body() -> Value {
    json!({
        "relationship": "parent",
        "service_id": "second-opinion",
        "plan": "other-plan",
        "answers": { "condition": "Knee pain, surgery advised", "zip": "10001" },
        "contact": { "name": "Ana Lopez", "method": "phone", "phone": "(555) 201-4477", "best_time": "evening" },
        "consent_to_contact": true,
        "notes": "Best reached after 6 pm."
    })
}

fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn post(app: &TestApp, key: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = app.client.post(format!("{}/api/requests", app.url)).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

async fn status(app: &TestApp, reference: &str, verifier: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/api/requests/{reference}", app.url));
    if let Some(verifier) = verifier {
        request = request.bearer_auth(verifier);
    }
    request.send().await.unwrap()
}

async fn problem_fields(response: reqwest::Response) -> Vec<String> {
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    let problem: Problem = response.json().await.unwrap();
    problem.errors.into_iter().map(|e| e.field).collect()
}

on_both_databases! {
    async fn a_request_is_created_with_a_reference_and_a_promised_window(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = post(&app, Some(&new_key()), &valid_body()).await;
        assert_eq!(response.status(), 201);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let receipt: RequestReceipt = response.json().await.unwrap();
        assert_eq!(location, format!("/api/requests/{}", receipt.reference));
        assert_eq!(receipt.reference.to_string().len(), 9);
        assert_eq!(receipt.service_title, "Get a second opinion");
        assert_eq!(receipt.routing.handler, Handler::Advocate);
        let program = advocate_server::program::load(None).unwrap();
        // The window is within the evening the member chose.
        assert_eq!(receipt.outreach, program.hours.outreach_window_for(receipt.submitted_at, advocate_domain::ContactTime::Evening));
        assert_eq!((receipt.contact_method, receipt.best_time), (advocate_domain::ContactMethod::Phone, advocate_domain::ContactTime::Evening));
        assert_eq!(receipt.verifier.len(), 64);
    }

    async fn a_retry_with_the_same_key_and_body_returns_the_original_answer(db: Db) {
        let app = TestApp::spawn(db).await;
        let key = new_key();
        let first: RequestReceipt = post(&app, Some(&key), &valid_body()).await.json().await.unwrap();
        let retry = post(&app, Some(&key), &valid_body()).await;
        assert_eq!(retry.status(), 201);
        let second: RequestReceipt = retry.json().await.unwrap();
        assert_eq!(first, second);
    }

    async fn the_same_key_with_a_different_body_is_refused(db: Db) {
        let app = TestApp::spawn(db).await;
        let key = new_key();
        assert_eq!(post(&app, Some(&key), &valid_body()).await.status(), 201);
        let mut changed = valid_body();
        changed["notes"] = json!("Something else");
        let response = post(&app, Some(&key), &changed).await;
        assert_eq!(response.status(), 422);
        let problem: Problem = response.json().await.unwrap();
        assert!(problem.detail.unwrap().contains("already used for a different request"));
    }

    async fn simultaneous_copies_of_one_request_create_one_record(db: Db) {
        let app = TestApp::spawn(db).await;
        let key = new_key();
        let body = valid_body();
        let sends = (0..6).map(|_| post(&app, Some(&key), &body));
        let responses = futures::future::join_all(sends).await;
        let mut references = Vec::new();
        for response in responses {
            assert_eq!(response.status(), 201);
            references.push(response.json::<RequestReceipt>().await.unwrap().reference);
        }
        references.dedup();
        assert_eq!(references.len(), 1, "every copy got the same reference");
    }

    async fn every_invalid_field_is_named_and_nothing_is_stored(db: Db) {
        let app = TestApp::spawn(db).await;
        let key = new_key();
        let mut bad = valid_body();
        bad["relationship"] = json!("sibling");
        bad["answers"] = json!({});
        bad["contact"] = json!({ "name": " ", "method": "email", "email": "ana@", "best_time": "anytime" });
        bad["consent_to_contact"] = json!(false);
        bad["notes"] = json!("x".repeat(2001));
        bad["plan"] = Value::Null;
        assert_eq!(
            problem_fields(post(&app, Some(&key), &bad).await).await,
            ["relationship", "plan", "answers.condition", "answers.zip", "contact.name", "contact.email", "consent_to_contact", "notes"]
        );
        // The key was not used up: the corrected request goes through under it.
        assert_eq!(post(&app, Some(&key), &valid_body()).await.status(), 201);
    }

    async fn names_notes_amounts_and_zip_codes_are_those_of_a_real_request(db: Db) {
        let app = TestApp::spawn(db).await;
        let cases = [
            ("/contact/name", json!("Ana \u{202E}zepoL"), "contact.name"),
            ("/contact/name", json!("Ana\u{0}Lopez"), "contact.name"),
            ("/contact/name", json!("Ana\r\nLopez"), "contact.name"),
            ("/notes", json!("Call me \u{2067}later"), "notes"),
            ("/answers/condition", json!("x".repeat(10_000)), "answers.condition"),
            ("/answers/zip", json!("00000"), "answers.zip"),
            ("/answers/bill_amount", json!(9_223_372_036_854_775_807_i64), "answers.bill_amount"),
        ];
        for (pointer, value, field) in cases {
            let mut body = valid_body();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let parent = if parent.is_empty() { &mut body } else { body.pointer_mut(parent).unwrap() };
            parent[key] = value;
            assert_eq!(problem_fields(post(&app, Some(&new_key()), &body).await).await, [field], "{pointer}");
        }
        // Line breaks are fine in notes.
        let mut body = valid_body();
        body["notes"] = json!("Best reached after 6 pm.\nAsk for Ana.");
        assert_eq!(post(&app, Some(&new_key()), &body).await.status(), 201);
    }

    async fn a_bill_request_needs_amount_and_coverage(db: Db) {
        let app = TestApp::spawn(db).await;
        let mut body = valid_body();
        body["service_id"] = json!("medical-bill-saver");
        body["answers"] = json!({ "bill_amount": 0 });
        assert_eq!(problem_fields(post(&app, Some(&new_key()), &body).await).await, ["answers.bill_amount", "answers.bill_coverage"]);
        body["answers"] = json!({ "bill_amount": 40001, "bill_coverage": "not-covered" });
        assert_eq!(post(&app, Some(&new_key()), &body).await.status(), 201);
    }

    async fn a_clinical_request_under_the_carriers_plan_waits_to_be_handed_off_to_the_carrier(db: Db) {
        let app = TestApp::spawn(db).await;
        let mut body = valid_body();
        body["plan"] = json!("carrier-plan");
        let receipt: RequestReceipt = post(&app, Some(&new_key()), &body).await.json().await.unwrap();
        assert_eq!(receipt.routing.handler, Handler::Carrier);
        assert!(receipt.routing.reason.contains("Cigna's customer service"));
        let shown: RequestStatus = status(&app, &receipt.reference.to_string(), Some(&receipt.verifier)).await.json().await.unwrap();
        assert_eq!((shown.state, shown.handoff), (RequestState::AwaitingHandoff, None));
    }

    async fn a_carrier_plan_members_covered_bill_goes_to_the_carrier_and_an_excluded_one_stays_with_advocates(db: Db) {
        let app = TestApp::spawn(db).await;
        let mut body = valid_body();
        body["service_id"] = json!("medical-bill-saver");
        body["plan"] = json!("carrier-plan");
        for (coverage, handler) in [("covered", Handler::Carrier), ("not-covered", Handler::Advocate), ("not-sure", Handler::Advocate)] {
            body["answers"] = json!({ "bill_amount": 120000, "bill_coverage": coverage });
            let receipt: RequestReceipt = post(&app, Some(&new_key()), &body).await.json().await.unwrap();
            assert_eq!(receipt.routing.handler, handler, "{coverage}");
        }
        // A partly covered bill needs the part not covered.
        body["answers"] = json!({ "bill_amount": 120000, "bill_coverage": "partly-covered" });
        assert_eq!(problem_fields(post(&app, Some(&new_key()), &body).await).await, ["answers.not_covered_amount"]);
    }

    async fn status_needs_the_verifier_and_is_audited(db: Db) {
        let app = TestApp::spawn(db).await;
        let receipt: RequestReceipt = post(&app, Some(&new_key()), &valid_body()).await.json().await.unwrap();
        let reference = receipt.reference.to_string();

        let response = status(&app, &reference, Some(&receipt.verifier)).await;
        assert_eq!(response.status(), 200);
        let shown: RequestStatus = response.json().await.unwrap();
        assert_eq!((shown.state, shown.outreach), (RequestState::New, receipt.outreach));

        // Typed back over the phone: lower case, spaces instead of the dash.
        assert_eq!(status(&app, &reference.to_lowercase().replace('-', ""), Some(&receipt.verifier)).await.status(), 200);

        let wrong = "0".repeat(64);
        for verifier in [None, Some(wrong.as_str()), Some("")] {
            let response = status(&app, &reference, verifier).await;
            assert_eq!(response.status(), 401, "{verifier:?}");
            let body = response.text().await.unwrap();
            assert!(!body.contains("Second opinion") && !body.contains("Ana"), "{body}");
        }
        assert_eq!(status(&app, "ZZZZ-ZZZZ", Some(&receipt.verifier)).await.status(), 401, "an unknown reference looks the same");

        let storage = advocate_server::storage::connect(&app.database_url).await.unwrap();
        let trail: Vec<String> = storage.audit_trail(&reference).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(trail, ["request.created", "request.status_viewed", "request.status_viewed"]);
    }
}

#[tokio::test]
async fn a_request_without_an_idempotency_key_is_refused() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for key in [None, Some("short")] {
        let response = post(&app, key, &valid_body()).await;
        assert_eq!(response.status(), 400);
        let problem: Problem = response.json().await.unwrap();
        assert!(problem.detail.unwrap().contains("Idempotency-Key"));
    }
}

#[tokio::test]
async fn a_body_that_is_not_a_request_gets_a_422_that_says_why() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for body in [json!({"relationship": "cousin"}), json!([1, 2]), json!({})] {
        let response = post(&app, Some(&new_key()), &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let problem: Problem = response.json().await.unwrap();
        assert!(problem.detail.unwrap().starts_with("The request could not be read"));
    }
}

#[tokio::test]
async fn the_catalog_lists_every_service() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let services: Vec<advocate_domain::Service> = app.get("/api/services").await.json().await.unwrap();
    assert_eq!(services, advocate_domain::catalog());
    assert_eq!(services.len(), 32);
}

/// A request acknowledged with 201 is on disk: kill the server without warning, start it again
/// on the same database, and the request is there.
#[tokio::test]
async fn an_acknowledged_request_survives_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_advocate-server"))
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(dir.path())
            .env("ADVOCATE_LOG", "warn")
            .spawn()
            .unwrap()
    };
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let wait_ready = || async {
        for _ in 0..100 {
            if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("server not ready");
    };
    let mut server = start();
    wait_ready().await;
    let response =
        client.post(format!("{base}/api/requests")).header("Idempotency-Key", new_key()).json(&valid_body()).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let receipt: RequestReceipt = response.json().await.unwrap();
    server.kill().unwrap(); // SIGKILL: no graceful shutdown, no flush
    server.wait().unwrap();

    let mut server = start();
    wait_ready().await;
    let response = client.get(format!("{base}/api/requests/{}", receipt.reference)).bearer_auth(&receipt.verifier).send().await.unwrap();
    assert_eq!(response.status(), 200);
    server.kill().unwrap();
    server.wait().unwrap();
}
