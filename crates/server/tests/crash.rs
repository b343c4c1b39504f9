//! A server killed with SIGKILL in the middle of 1,000 members sending their requests at once,
//! each member's browser retrying with its idempotency key until it gets an answer (from the
//! restarted server): afterwards every request is in the database exactly once, on SQLite and on
//! PostgreSQL. Nothing acknowledged is lost, nothing retried is doubled, nothing is half-written.

mod common;

use advocate_domain::RequestReceipt;
use common::{Db, fresh_database, second_opinion_request};
use sqlx::Connection;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const MEMBERS: usize = 1_000;

fn start(port: u16, data_dir: &std::path::Path, database_url: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_advocate-server"))
        .args(["--listen", &format!("127.0.0.1:{port}"), "--database-url", database_url])
        .arg("--data-dir")
        .arg(data_dir)
        .env("ADVOCATE_LOG", "error")
        // Every simulated member shares 127.0.0.1.
        .env("ADVOCATE_REQUESTS_PER_HOUR", "10000000")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server starts")
}

async fn wait_ready(client: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not become ready");
}

/// The references stored, read straight from the database.
async fn stored_references(db: Db, url: &str) -> Vec<String> {
    let sql = "SELECT reference FROM advocacy_requests";
    match db {
        Db::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
        }
        Db::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
        }
    }
}

/// (acknowledged, found, duplicates, answers during the outage that were errors)
async fn crash_during_submits(db: Db) -> (usize, usize, usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(db, &dir.path().join("advocate.db")).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().pool_max_idle_per_host(64).timeout(Duration::from_secs(20)).build().unwrap();
    let mut server = start(port, dir.path(), &url);
    wait_ready(&client, &base).await;

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let limit = Arc::new(tokio::sync::Semaphore::new(200));
    let members: Vec<_> = (0..MEMBERS)
        .map(|_| {
            let (client, base, acknowledged, failures, limit) =
                (client.clone(), base.clone(), acknowledged.clone(), failures.clone(), limit.clone());
            tokio::spawn(async move {
                let key = uuid::Uuid::new_v4().to_string();
                let body = second_opinion_request("employee");
                let _sending = limit.acquire().await.unwrap();
                loop {
                    let sent = client.post(format!("{base}/api/requests")).header("Idempotency-Key", &key).json(&body).send().await;
                    match sent {
                        Ok(response) if response.status().is_success() => {
                            let receipt: RequestReceipt = response.json().await.unwrap();
                            acknowledged.fetch_add(1, Ordering::Relaxed);
                            return receipt.reference.to_string();
                        }
                        Ok(response) => {
                            let status = response.status();
                            assert!(status.is_server_error() || status == 409, "only the outage may refuse: {status}");
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(_) => {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            })
        })
        .collect();

    // Killed once a fifth have their answer; started again on the same database at once.
    while acknowledged.load(Ordering::Relaxed) < MEMBERS / 5 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let at_kill = acknowledged.load(Ordering::Relaxed);
    let mut server = start(port, dir.path(), &url);
    let mut references = Vec::new();
    for member in members {
        references.push(member.await.unwrap());
    }
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(at_kill < MEMBERS, "the kill came in the middle of the submits");

    let stored = stored_references(db, &url).await;
    let stored_set: HashSet<&String> = stored.iter().collect();
    let answered: HashSet<&String> = references.iter().collect();
    assert_eq!(answered.len(), MEMBERS, "each member got their own reference");
    for reference in &answered {
        assert!(stored_set.contains(reference), "acknowledged {reference} is stored");
    }
    let duplicates = stored.len() - stored_set.len() + stored_set.difference(&answered).count();
    assert_eq!(duplicates, 0, "no request stored twice or without its member's answer");
    (references.len(), answered.iter().filter(|r| stored_set.contains(*r)).count(), duplicates, failures.load(Ordering::Relaxed))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_during_a_thousand_submits_loses_and_doubles_none_on_either_database() {
    let mut lines = Vec::new();
    for db in [Db::Sqlite, Db::Postgres] {
        let (acknowledged, found, duplicates, retried) = crash_during_submits(db).await;
        lines.push(format!(
            "{}: acknowledged {acknowledged}, found {found}, duplicates {duplicates} ({retried} attempts refused or cut off during the outage, retried)",
            match db {
                Db::Sqlite => "SQLite",
                Db::Postgres => "PostgreSQL",
            }
        ));
    }
    println!("[report] crash test, kill -9 during {MEMBERS} concurrent submits retried with their keys: {}", lines.join("; "));
}
