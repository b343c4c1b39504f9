//! Every answer with a body is a documented problem (issue 16): the errors axum's router and
//! extractors answer themselves leave as `application/problem+json`, and the OpenAPI document
//! says so.

mod common;

use advocate_domain::Problem;
use advocate_domain::console::AdvocateRole;
use advocate_server::accounts::create_advocate;
use common::{Db, TestApp};

/// The answer is a problem with this status, in problem+json, carrying the request id.
async fn assert_problem(response: reqwest::Response, status: u16) -> Problem {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    let header_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.status, status);
    assert_eq!(problem.request_id.as_deref(), Some(header_id.as_str()));
    problem
}

#[tokio::test]
async fn a_method_an_address_does_not_take_is_a_405_problem_naming_the_allowed_ones() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.client.patch(format!("{}/api/program", app.url)).send().await.unwrap();
    let allow = response.headers().get_all("allow").iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(allow.len(), 1, "one Allow header, not an empty one beside it: {allow:?}");
    assert!(allow[0].contains("GET"), "{allow:?}");
    let problem = assert_problem(response, 405).await;
    let detail = problem.detail.unwrap();
    assert!(detail.contains("PATCH") && detail.contains("GET"), "{detail}");
}

#[tokio::test]
async fn a_json_body_over_the_routes_limit_is_a_413_problem() {
    let app = TestApp::spawn(Db::Sqlite).await;
    // The default limit of 2 MB applies to a new request's JSON.
    let body = format!(r#"{{"notes":"{}"}}"#, "x".repeat(3 * 1024 * 1024));
    let response = app
        .client
        .post(format!("{}/api/requests", app.url))
        .header("content-type", "application/json")
        .header("idempotency-key", "a-key-long-enough-0001")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_problem(response, 413).await;
}

#[tokio::test]
async fn a_query_parameter_sent_twice_is_a_400_problem() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let problem = assert_problem(app.get("/api/procedures?q=a&q=b").await, 400).await;
    let detail = problem.detail.unwrap();
    assert!(detail.contains("openapi.json"), "{detail}");
}

#[tokio::test]
async fn a_path_segment_that_does_not_read_is_a_400_problem() {
    let app = TestApp::spawn(Db::Sqlite).await;
    // A page id is a number; the path is read before the verifier is asked for.
    assert_problem(app.get("/api/requests/K7Q4-M2XP/bill/pages/abc").await, 400).await;
}

on_both_databases! {
    async fn a_query_value_that_does_not_read_is_a_400_problem(db: Db) {
        let app = TestApp::spawn(db).await;
        let storage = advocate_server::storage::connect(&app.database_url).await.unwrap();
        let password = "correct horse battery staple";
        create_advocate(storage.as_ref(), "ana@example.org", "Ana", AdvocateRole::Advocate, password).await.unwrap();
        let signed_in = app
            .client
            .post(format!("{}/api/session", app.url))
            .json(&serde_json::json!({ "email": "ana@example.org", "password": password }))
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), 200);
        let cookie = signed_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        // `mine` is true or false.
        let response = app.client.get(format!("{}/api/console/requests?mine=maybe", app.url)).header("cookie", cookie).send().await.unwrap();
        assert_problem(response, 400).await;
    }
}

#[tokio::test]
async fn the_apis_root_and_an_unknown_api_path_are_404_problems() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for path in ["/api/", "/api/nope", "/api/nope/deeper"] {
        let problem = assert_problem(app.get(path).await, 404).await;
        assert!(problem.detail.unwrap().contains("openapi.json"), "{path}");
    }
}

#[tokio::test]
async fn the_openapi_document_declares_error_bodies_as_problem_json() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let spec: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut errors = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if status.as_str() < "400" || path == "/readyz" {
                    continue;
                }
                let Some(content) = response.get("content").and_then(|c| c.as_object()) else { continue };
                errors += 1;
                assert!(
                    content.keys().all(|kind| kind == "application/problem+json"),
                    "{method} {path} {status}: {:?}",
                    content.keys().collect::<Vec<_>>()
                );
            }
            assert!(operation["responses"]["default"]["content"]["application/problem+json"].is_object(), "{method} {path}");
        }
    }
    assert!(errors > 20, "only {errors} error responses described");
    assert!(spec["paths"]["/api/procedures"]["get"]["responses"]["400"].is_object(), "a query that does not read is documented");
    let schemes = &spec["components"]["securitySchemes"];
    assert_eq!(schemes["verifier"]["scheme"], "bearer");
    assert_eq!(schemes["csrf"]["name"], "X-CSRF-Token");
    assert_eq!(
        spec["paths"]["/api/requests/{reference}"]["get"]["responses"]["401"]["content"]["application/problem+json"]["schema"]["$ref"],
        "#/components/schemas/Problem"
    );
}
