//! Per-client limits over real HTTP, on SQLite and PostgreSQL: a client over its allowance gets a
//! 429 problem with Retry-After while others go on, a request's bill holds at most its total,
//! uploads stop while the disk is nearly full, and failed sign-ins (counted in the database, so
//! every server sees them) refuse the address that sent them but never lock the advocate out.

mod common;

use advocate_domain::Problem;
use advocate_domain::console::AdvocateRole;
use advocate_server::accounts::create_advocate;
use common::{Db, TestApp};
use serde_json::json;
use std::time::{Duration, Instant};

const PASSWORD: &str = "correct horse battery staple";

async fn problem(response: reqwest::Response, status: u16) -> Problem {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.unwrap()
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"].to_str().unwrap().parse().unwrap()
}

fn request_body() -> serde_json::Value {
    common::second_opinion_request("employee")
}

async fn open_request(app: &TestApp, client: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/requests", app.url))
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .header("X-Forwarded-For", client)
        .json(&request_body())
        .send()
        .await
        .unwrap()
}

/// A PDF's first bytes and `size` bytes of padding: enough to be taken as a PDF upload.
fn pdf(size: usize, salt: u8) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n%".to_vec();
    bytes.resize(size, salt);
    bytes
}

async fn sign_in(app: &TestApp, email: &str, password: &str, client: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/session", app.url))
        .header("X-Forwarded-For", client)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

async fn with_advocate(db: Db, adjust: impl FnOnce(&mut advocate_server::config::Config)) -> TestApp {
    let app = TestApp::spawn_with(db, |config| {
        config.client_address_header = Some(axum::http::HeaderName::from_static("x-forwarded-for"));
        adjust(config);
    })
    .await;
    let storage = advocate_server::storage::connect(&app.database_url).await.unwrap();
    create_advocate(storage.as_ref(), "jo@example.org", "Jo Park", AdvocateRole::Advocate, PASSWORD).await.unwrap();
    app
}

on_both_databases! {
    async fn a_client_over_its_allowance_of_new_requests_is_told_when_to_come_back(db: Db) {
        let app = TestApp::spawn_with(db, |config| {
            config.client_address_header = Some(axum::http::HeaderName::from_static("x-forwarded-for"));
            // Six an hour: one at once, then one every ten minutes.
            config.requests_per_hour = 6;
        })
        .await;
        assert_eq!(open_request(&app, "203.0.113.1").await.status(), 201);
        let refused = open_request(&app, "203.0.113.1").await;
        let wait = retry_after(&refused);
        assert!((500..=600).contains(&wait), "{wait}");
        let problem = problem(refused, 429).await;
        assert!(problem.detail.unwrap().contains("866-799-2725"), "the member is told who to call");
        assert_eq!(open_request(&app, "198.51.100.2").await.status(), 201, "other clients go on");
    }

    async fn a_requests_bill_holds_at_most_the_deployments_total(db: Db) {
        let app = TestApp::spawn_with(db, |config| config.bill_megabytes_per_request = 1).await;
        let receipt = app.new_bill_saver_request("Ana Lopez", "").await;
        let add = |bytes: Vec<u8>| {
            app.client.post(format!("{}/api/requests/{}/bill/pages", app.url, receipt.reference)).bearer_auth(&receipt.verifier).body(bytes).send()
        };
        assert_eq!(add(pdf(600_000, 1)).await.unwrap().status(), 201);
        let refused = problem(add(pdf(600_000, 2)).await.unwrap(), 413).await;
        assert!(refused.detail.unwrap().contains("1 MB"));
        assert_eq!(add(pdf(300_000, 3)).await.unwrap().status(), 201, "what still fits is taken");
    }

    async fn uploads_are_refused_while_the_disk_is_nearly_full(db: Db) {
        // A floor no disk reaches.
        let app = TestApp::spawn_with(db, |config| config.min_free_disk_megabytes = u64::MAX / 1_000_000).await;
        let receipt = app.new_bill_saver_request("Ana Lopez", "").await;
        let url = format!("{}/api/requests/{}/bill/pages", app.url, receipt.reference);
        let refused = app.client.post(&url).bearer_auth(&receipt.verifier).body(pdf(1_000, 1)).send().await.unwrap();
        assert_eq!(problem(refused, 507).await.title, "No room for files right now");
        let status = app.client.get(format!("{}/api/requests/{}", app.url, receipt.reference)).bearer_auth(&receipt.verifier).send().await.unwrap();
        assert_eq!(status.status(), 200, "reading goes on");
    }

    async fn failed_sign_ins_from_one_address_do_not_lock_the_advocate_out_elsewhere(db: Db) {
        let app = with_advocate(db, |_| {}).await;
        for _ in 0..5 {
            assert_eq!(sign_in(&app, "jo@example.org", "a wrong guess", "203.0.113.66").await.status(), 401);
        }
        let refused = sign_in(&app, "jo@example.org", PASSWORD, "203.0.113.66").await;
        assert!((14 * 60..=15 * 60).contains(&retry_after(&refused)));
        problem(refused, 429).await;
        // Jo, at her desk: in, not locked out. (Not slowed down either: five failures are under
        // the email's slow-down threshold, which the domain's tests check at its boundary; a
        // timing bound here would only measure how busy the machine is.)
        assert_eq!(sign_in(&app, "jo@example.org", PASSWORD, "198.51.100.20").await.status(), 200);
    }

    async fn failed_sign_ins_for_an_email_from_many_addresses_only_slow_it_down(db: Db) {
        let app = with_advocate(db, |_| {}).await;
        for n in 0..11 {
            assert_eq!(sign_in(&app, "jo@example.org", "a wrong guess", &format!("203.0.113.{n}")).await.status(), 401);
        }
        // Eleven failures: each attempt waits two seconds, and the right password still works.
        let started = Instant::now();
        assert_eq!(sign_in(&app, "jo@example.org", PASSWORD, "198.51.100.20").await.status(), 200);
        // A lower bound only: the server waits at least that long however idle the machine is.
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(2), "{waited:?}");
    }

    async fn every_server_on_the_database_sees_the_same_failed_sign_ins(db: Db) {
        let first = with_advocate(db, |_| {}).await;
        let database_url = first.database_url.clone();
        let second = TestApp::spawn_with(db, |config| {
            config.client_address_header = Some(axum::http::HeaderName::from_static("x-forwarded-for"));
            config.database_url = Some(database_url);
        })
        .await;
        for _ in 0..5 {
            assert_eq!(sign_in(&first, "jo@example.org", "a wrong guess", "203.0.113.66").await.status(), 401);
        }
        assert_eq!(sign_in(&second, "jo@example.org", PASSWORD, "203.0.113.66").await.status(), 429);
    }
}
