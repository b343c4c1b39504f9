//! The API over real HTTP, against SQLite and PostgreSQL alike.

mod common;

use advocate_domain::{Health, Problem, ProgramSettings, Readiness};
use common::{Db, TestApp};

on_both_databases! {
    async fn healthz_says_the_process_is_up(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<Health>().await.unwrap().status, "ok");
    }

    async fn readyz_reports_the_database_and_its_migrations(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/readyz").await;
        assert_eq!(response.status(), 200);
        let readiness: Readiness = response.json().await.unwrap();
        assert!(readiness.ready && readiness.database_reachable && readiness.migrations_applied);
        assert_eq!(readiness.database, match db { Db::Sqlite => "sqlite", Db::Postgres => "postgres" });
    }

    async fn program_settings_come_from_the_bundled_default(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = app.get("/api/program").await;
        assert_eq!(response.status(), 200);
        let program: ProgramSettings = response.json().await.unwrap();
        assert_eq!(program.advocate_phone.to_string(), "866-799-2725");
        assert_eq!(program.hours.summary(), "Monday to Friday, 8:00 am to midnight ET");
        assert!(program.conditions.iter().any(|c| c.title == "It is not medical care"));
    }
}

#[tokio::test]
async fn an_operators_program_file_replaces_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("program.toml");
    std::fs::write(
        &file,
        "program_name = \"Care Navigator\"\nsponsor_name = \"Acme Health\"\nvendor_name = \"Navigators LLC\"\n\
         advocate_phone = \"(800) 555-0199\"\n[[conditions]]\ntitle = \"It is not insurance\"\ntext = \"It pays no claims.\"\n",
    )
    .unwrap();
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.program_file = Some(file.clone())).await;
    let program: ProgramSettings = app.get("/api/program").await.json().await.unwrap();
    assert_eq!(program.sponsor_name, "Acme Health");
    assert_eq!(program.advocate_phone.tel_uri(), "tel:+18005550199");
}

#[tokio::test]
async fn an_invalid_program_file_stops_the_server_from_starting() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("program.toml");
    std::fs::write(&file, "program_name = \"P\"\nsponsor_name = \"S\"\nvendor_name = \"V\"\nadvocate_phone = \"12\"\nconditions = []\n")
        .unwrap();
    let mut config = common::test_config(dir.path().to_path_buf());
    config.program_file = Some(file);
    let error = advocate_server::app::Application::build(&config).await.err().expect("refused");
    let message = format!("{error:#}");
    assert!(message.contains("line 4") && message.contains("10-digit US phone number"), "{message}");
}

#[tokio::test]
async fn unknown_api_paths_get_problem_details_with_the_request_id() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.get("/api/no-such-thing").await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    let header_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.status, 404);
    assert_eq!(problem.request_id.as_deref(), Some(header_id.as_str()));
    assert!(problem.detail.unwrap().contains("openapi.json"));
}

#[tokio::test]
async fn a_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let kept = app.client.get(format!("{}/healthz", app.url)).header("x-request-id", "lb-0123456789abcdef").send().await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "lb-0123456789abcdef");
    let replaced = app.client.get(format!("{}/healthz", app.url)).header("x-request-id", "bad id; drop").send().await.unwrap();
    assert_ne!(replaced.headers()["x-request-id"], "bad id; drop");
}

#[tokio::test]
async fn the_openapi_description_lists_every_endpoint() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let spec: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    for path in ["/healthz", "/readyz", "/api/program"] {
        assert!(spec["paths"][path]["get"].is_object(), "{path} missing from the OpenAPI description");
    }
    assert!(spec["components"]["schemas"]["ProgramSettings"].is_object());
}

#[tokio::test]
async fn responses_carry_basic_security_headers() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.get("/api/program").await;
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
}
