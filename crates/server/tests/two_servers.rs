//! Several servers, one database (PostgreSQL, as behind a load balancer): every request of an
//! advocate's and a member's work alternates between two servers. Signed in on one, the queue is
//! worked on the other; a member's submit retried on the other server with its idempotency key
//! gives the same reference; each regular job ran once, not once per server. And `/metrics`, on
//! its own address, counts answers by route template, never by a reference.

mod common;

use advocate_domain::console::{AdvocateRole, CaseQueue};
use advocate_domain::{RequestReceipt, RequestState};
use common::{Db, TestApp, second_opinion_request};
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

/// The value of a metric line `name{labels} value` (0 when absent).
fn metric(page: &str, name_and_labels: &str) -> u64 {
    page.lines().find_map(|l| l.strip_prefix(name_and_labels)?.trim().parse().ok()).unwrap_or(0)
}

async fn metrics(app: &TestApp) -> String {
    let url = app.metrics_url.as_ref().expect("a metrics listener");
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    response.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_on_one_postgresql_share_sessions_requests_retries_and_run_each_sweep_once() {
    let metrics_on = |config: &mut advocate_server::config::Config| config.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    let a = TestApp::spawn_with(Db::Postgres, metrics_on).await;
    let url = a.database_url.clone();
    let key_file = a.data_dir().join("bill-files.key");
    let b = TestApp::spawn_with(Db::Postgres, |config| {
        // Servers behind one load balancer share the database and the key file.
        config.database_url = Some(url);
        config.bill_key_file = Some(key_file);
        metrics_on(config);
    })
    .await;
    let servers = [&a, &b];

    // Members' submits alternate; each is retried on the other server with the same key.
    let mut references = Vec::new();
    for i in 0..6 {
        let (first, retry) = (servers[i % 2], servers[(i + 1) % 2]);
        let key = uuid::Uuid::new_v4().to_string();
        let body = second_opinion_request("employee");
        let send = |app: &TestApp| app.client.post(format!("{}/api/requests", app.url)).header("Idempotency-Key", &key).json(&body).send();
        let original: RequestReceipt = send(first).await.unwrap().json().await.unwrap();
        let again = send(retry).await.unwrap();
        assert!(again.status().is_success(), "{}", again.status());
        let again: RequestReceipt = again.json().await.unwrap();
        assert_eq!(again.reference, original.reference, "the retry on the other server gives the same request");
        references.push(original.reference);
    }

    // Signed in on A; the queue read and a case changed on B, and seen on A.
    let (cookie, csrf) = a.signed_in_advocate("jo@example.org", AdvocateRole::Advocate, PASSWORD).await;
    let queue: CaseQueue =
        b.client.get(format!("{}/api/console/requests", b.url)).header("cookie", &cookie).send().await.unwrap().json().await.unwrap();
    for reference in &references {
        assert_eq!(queue.requests.iter().filter(|r| &r.reference == reference).count(), 1, "each request once in B's queue");
    }
    let case = &references[0];
    let changed = b
        .client
        .post(format!("{}/api/console/requests/{case}/status", b.url))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&json!({ "state": "in_progress", "note": "Called the member." }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200, "{}", changed.text().await.unwrap());
    let seen: serde_json::Value = a
        .client
        .get(format!("{}/api/console/requests/{case}", a.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["summary"]["state"], json!(RequestState::InProgress));

    // Both servers started their regular jobs at once: each job ran on one of them.
    let (page_a, page_b) = (metrics(&a).await, metrics(&b).await);
    for job in ["bill_retention", "ended_sessions"] {
        let label = format!("advocate_sweeper_runs_total{{job=\"{job}\"}}");
        assert_eq!(metric(&page_a, &label) + metric(&page_b, &label), 1, "{job} ran once\n{page_a}\n{page_b}");
    }
    // Answers counted by route template; no reference in any label.
    assert!(
        page_b
            .contains("advocate_http_responses_total{route=\"/api/console/requests/{reference}/status\",method=\"POST\",status=\"200\"} 1"),
        "{page_b}"
    );
    for reference in &references {
        let reference = reference.to_string();
        assert!(!page_a.contains(&reference) && !page_b.contains(&reference), "a reference in /metrics");
    }
    assert_eq!(metric(&page_a, "advocate_requests_awaiting_outreach"), 5, "six opened, one in progress: {page_a}");
    // /metrics is not on the public address.
    assert_eq!(a.get("/metrics").await.status(), 404);
    println!(
        "[report] two servers on one PostgreSQL: 6 submits each retried on the other server gave 6 references (0 duplicates); signed in on one, the queue worked on the other; each regular job ran once across both"
    );
}
