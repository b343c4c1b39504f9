//! A real server on an ephemeral port with a real database, for black-box tests over HTTP.

#![allow(dead_code)]

use advocate_server::{
    app::Application,
    config::{Config, LogFormat},
};
use sqlx::Connection;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    pub database_url: String,
    /// `http://ADDRESS/metrics` when the test asked for a metrics listener.
    pub metrics_url: Option<String>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn(db: Db) -> Self {
        Self::spawn_with(db, |_| {}).await
    }

    /// Starts a server after `adjust` has changed its configuration.
    pub async fn spawn_with(db: Db, adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database_url = fresh_database(db, &dir.path().join("advocate.db")).await;
        let mut config = test_config(dir.path().to_path_buf());
        config.database_url = Some(database_url.clone());
        adjust(&mut config);
        // The database the server uses, also when `adjust` chose another.
        let database_url = config.database_url();
        let app = Application::build(&config).await.expect("the server starts");
        let url = format!("http://{}{}", app.local_addr(), config.base_path.trim_end_matches('/'));
        let metrics_url = app.metrics_addr().map(|address| format!("http://{address}/metrics"));
        tokio::spawn(app.run_until_stopped());
        Self { url, client: reqwest::Client::new(), database_url, metrics_url, _dir: dir }
    }

    /// The server's data folder (its key file is there unless the test chose another).
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Signs in an advocate (made with this password on first use) on this server: the session
    /// cookie ("name=value") and the CSRF token.
    pub async fn signed_in_advocate(&self, email: &str, role: advocate_domain::console::AdvocateRole, password: &str) -> (String, String) {
        let storage = advocate_server::storage::connect(&self.database_url).await.unwrap();
        if storage.advocate_by_email(email).await.unwrap().is_none() {
            advocate_server::accounts::create_advocate(storage.as_ref(), email, "Jo Park", role, password).await.unwrap();
        }
        let body = serde_json::json!({ "email": email, "password": password });
        let response = self.client.post(format!("{}/api/session", self.url)).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        let info: serde_json::Value = response.json().await.unwrap();
        (cookie, info["csrf_token"].as_str().unwrap().to_string())
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.url)).send().await.expect("the server answers")
    }

    /// A member's Medical Bill Saver request for a $990 bill insurance did not cover.
    pub async fn new_bill_saver_request(&self, name: &str, notes: &str) -> advocate_domain::RequestReceipt {
        let body = serde_json::json!({
            "relationship": "employee",
            "service_id": "medical-bill-saver",
            "plan": "other-plan",
            "answers": { "bill_amount": 99000, "bill_coverage": "not-covered" },
            "contact": { "name": name, "method": "phone", "phone": "(555) 201-4477", "best_time": "evening" },
            "consent_to_contact": true,
            "notes": notes
        });
        let response = self
            .client
            .post(format!("{}/api/requests", self.url))
            .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
            .json(&body)
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), 201);
        response.json().await.expect("a receipt")
    }
}

pub fn test_config(data_dir: PathBuf) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: None,
        dist_dir: data_dir.join("no-dist"),
        data_dir,
        program_file: None,
        employers_file: None,
        bill_key_file: None,
        bill_retention_days: advocate_domain::bill_attachment::DEFAULT_RETENTION_DAYS,
        price_ranges_file: None,
        session_idle_minutes: 30,
        session_hours: 12,
        base_path: "/".into(),
        max_connections: 2000,
        header_timeout_seconds: 10,
        keep_alive_seconds: 30,
        body_timeout_seconds: 30,
        body_min_bytes_per_second: 8192,
        client_address_header: None,
        // Far above what the tests send from their one address; tests of the limits lower them.
        requests_per_hour: 100_000,
        bill_pages_per_hour: 100_000,
        bill_reads_per_hour: 100_000,
        bill_reviews_per_hour: 100_000,
        bill_megabytes_per_request: 100,
        min_free_disk_megabytes: 0,
        ocr_model: std::env::var_os("ADVOCATE_OCR_MODEL").map(PathBuf::from),
        reading_workers: None,
        reading_waiting: None,
        reading_wait_seconds: 30,
        metrics_listen: None,
        log_format: LogFormat::Text,
    }
}

/// A new, empty database of the given kind.
pub async fn fresh_database(db: Db, sqlite_path: &std::path::Path) -> String {
    match db {
        Db::Sqlite => format!("sqlite://{}", sqlite_path.display()),
        Db::Postgres => {
            let admin_url = postgres_url();
            let name = format!("advocate_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("the test PostgreSQL accepts connections");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.unwrap();
            let (server, _db) = admin_url.rsplit_once('/').expect("a database URL ends with /DATABASE");
            format!("{server}/{name}")
        }
    }
}

/// The PostgreSQL the test command started. Never skipped silently: without it these tests fail.
pub fn postgres_url() -> String {
    std::env::var("ADVOCATE_TEST_POSTGRES_URL").expect(
        "ADVOCATE_TEST_POSTGRES_URL is not set: run the tests with `cargo xtask test`, which starts a \
         PostgreSQL for them, or point it at one (postgres://USER@HOST:PORT/postgres)",
    )
}

/// Runs an async test body once against SQLite and once against PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($(async fn $name:ident($db:ident: Db) $body:block)*) => {
        $(
            mod $name {
                use super::*;
                async fn run($db: Db) $body

                #[tokio::test]
                async fn sqlite() { run(Db::Sqlite).await }

                #[tokio::test]
                async fn postgres() { run(Db::Postgres).await }
            }
        )*
    };
}

/// A second-opinion request's body as a member's browser sends it, for `relationship`.
#[allow(dead_code)] // Not every test file opens requests.
pub fn second_opinion_request(relationship: &str) -> serde_json::Value {
    serde_json::json!({
        "relationship": relationship,
        "service_id": "second-opinion",
        "plan": "other-plan",
        "answers": { "condition": "Knee surgery advised", "zip": "10001" },
        "contact": { "name": "Sam Lee", "method": "phone", "phone": "555-201-4477", "best_time": "anytime" },
        "consent_to_contact": true,
        "notes": ""
    })
}
