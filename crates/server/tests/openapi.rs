//! The OpenAPI document states the rules a schema can state, and the server reads what the
//! document lists (issue 16: schemathesis, run by the test command, checks every operation
//! against it; these pin what it found missing).

mod common;

use advocate_domain::console::AdvocateRole;
use advocate_domain::{RequestState, ServiceArea};
use common::{Db, TestApp};
use serde_json::{Value, json};

async fn document(app: &TestApp) -> Value {
    app.get("/api/openapi.json").await.json().await.unwrap()
}

/// The schema of an operation's parameter.
fn parameter<'a>(spec: &'a Value, method: &str, path: &str, name: &str) -> &'a Value {
    let parameters = spec["paths"][path][method]["parameters"].as_array().unwrap();
    parameters.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"))
}

fn strings(values: &Value) -> Vec<&str> {
    values.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

/// An advocate's session cookie and CSRF token.
async fn signed_in(app: &TestApp) -> (String, String) {
    app.signed_in_advocate("ana@example.org", AdvocateRole::Supervisor, "correct horse battery staple").await
}

on_both_databases! {
    async fn the_queue_filters_the_document_lists_are_those_the_server_reads(db: Db) {
        let app = TestApp::spawn(db).await;
        let spec = document(&app).await;
        let (cookie, _) = signed_in(&app).await;
        // Empty is no filter, as absent is.
        let states = strings(&parameter(&spec, "get", "/api/console/requests", "status")["schema"]["enum"]);
        assert_eq!(states[0], "");
        assert_eq!(states[1..], RequestState::ALL.map(RequestState::slug));
        // The areas by their slugs, which are not the ServiceArea schema's names.
        let areas = strings(&parameter(&spec, "get", "/api/console/requests", "area")["schema"]["enum"]);
        assert_eq!(areas[0], "");
        assert_eq!(areas[1..], ServiceArea::ALL.map(ServiceArea::slug));
        let queue = |query: String| app.client.get(format!("{}/api/console/requests?{query}", app.url)).header("cookie", &cookie).send();
        for state in &states {
            assert_eq!(queue(format!("status={state}")).await.unwrap().status(), 200, "status={state}");
        }
        for area in &areas {
            assert_eq!(queue(format!("area={area}")).await.unwrap().status(), 200, "area={area}");
        }
        assert_eq!(queue("area=senior_care".into()).await.unwrap().status(), 422, "the schema's name is not a slug");
        assert_eq!(queue("status=ok".into()).await.unwrap().status(), 422);
    }

    async fn a_handoff_goes_with_routed_to_carrier_and_only_with_it_as_the_document_says(db: Db) {
        let app = TestApp::spawn(db).await;
        let spec = document(&app).await;
        let change = &spec["components"]["schemas"]["StatusChange"];
        assert_eq!(change["if"]["properties"]["state"]["const"], "routed_to_carrier");
        assert_eq!(change["then"]["required"], json!(["handoff"]));
        assert_eq!(change["else"]["properties"]["handoff"]["type"], "null");
        let (cookie, csrf) = signed_in(&app).await;
        let receipt = app.new_bill_saver_request("Sam Lee", "").await;
        let change_status = |body: Value| {
            app.client
                .post(format!("{}/api/console/requests/{}/status", app.url, receipt.reference))
                .header("cookie", &cookie)
                .header("x-csrf-token", &csrf)
                .json(&body)
                .send()
        };
        assert_eq!(change_status(json!({ "state": "in_progress", "handoff": "member_told" })).await.unwrap().status(), 422);
        assert_eq!(change_status(json!({ "state": "in_progress" })).await.unwrap().status(), 200);
    }
}

#[tokio::test]
async fn an_estimate_needs_a_zip_code_of_five_digits_or_zip_plus_4_as_the_document_says() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let spec = document(&app).await;
    let zip = parameter(&spec, "get", "/api/estimates", "zip");
    assert_eq!(zip["required"], true);
    let pattern = zip["schema"]["pattern"].as_str().unwrap();
    assert_eq!(pattern, "^[0-9]{5}(-[0-9]{4})?$");
    assert_eq!(app.get("/api/estimates?service=mri-knee").await.status(), 422);
    for zip in ["10001", "10001-1234"] {
        assert_eq!(app.get(&format!("/api/estimates?service=mri-knee&zip={zip}")).await.status(), 200, "{zip}");
    }
}

#[tokio::test]
async fn a_new_request_names_a_service_of_the_catalog_and_the_way_to_reach_the_member_as_the_document_says() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let spec = document(&app).await;
    let schemas = &spec["components"]["schemas"];
    let ids: Vec<String> = advocate_domain::catalog().into_iter().map(|s| s.id.to_string()).collect();
    assert_eq!(strings(&schemas["NewRequest"]["properties"]["service_id"]["enum"]), ids);
    let contact = &schemas["ContactDetails"];
    assert_eq!(contact["properties"]["name"]["pattern"], "\\S");
    let rules = contact["allOf"].as_array().unwrap();
    for (method, field) in [("phone", "phone"), ("email", "email")] {
        let rule = rules.iter().find(|r| r["if"]["properties"]["method"]["const"] == method).unwrap();
        assert_eq!(rule["then"]["required"], json!([field]));
        // The server asks for it too.
        let mut body = common::second_opinion_request("employee");
        body["contact"] = json!({ "name": "Sam Lee", "method": method, "best_time": "anytime" });
        let response = app
            .client
            .post(format!("{}/api/requests", app.url))
            .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        let problem: advocate_domain::Problem = response.json().await.unwrap();
        assert_eq!(problem.errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), [format!("contact.{field}")]);
    }
}

on_both_databases! {
    async fn a_page_of_a_bill_comes_back_in_a_media_type_the_document_lists(db: Db) {
        let app = TestApp::spawn(db).await;
        let spec = document(&app).await;
        let receipt = app.new_bill_saver_request("Sam Lee", "").await;
        let bearer = format!("Bearer {}", receipt.verifier);
        let added = app
            .client
            .post(format!("{}/api/requests/{}/bill/pages", app.url, receipt.reference))
            .header("authorization", &bearer)
            .body(b"%PDF-1.4\n%%EOF\n".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), 201);
        let id = added.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let page = app
            .client
            .get(format!("{}/api/requests/{}/bill/pages/{id}", app.url, receipt.reference))
            .header("authorization", &bearer)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(page.headers()["content-type"], "application/pdf");
        for path in ["/api/requests/{reference}/bill/pages/{id}", "/api/console/requests/{reference}/bill/pages/{id}"] {
            let content = spec["paths"][path]["get"]["responses"]["200"]["content"].as_object().unwrap();
            let listed: Vec<&str> = content.keys().map(String::as_str).collect();
            assert_eq!(listed, ["application/pdf", "image/jpeg", "image/png"], "{path}");
        }
    }
}
