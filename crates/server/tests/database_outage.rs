//! PostgreSQL restarted under load, seen from the server: the test puts a TCP relay between the
//! server and PostgreSQL, and "restarts" the database by cutting every connection and refusing
//! new ones for three seconds, as a restart does. Meanwhile members keep sending requests and
//! retrying with their idempotency keys. `/readyz` reports the outage while it lasts, the server
//! reconnects by itself, members get 5xx problems (never another answer) until it does, and
//! afterwards every acknowledged request is stored exactly once: nothing is half-written.

mod common;

use advocate_domain::{Readiness, RequestReceipt};
use common::{Db, TestApp, fresh_database, second_opinion_request};
use sqlx::Connection;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

/// A relay to PostgreSQL that can be cut (every connection closed, new ones refused) and restored.
struct Relay {
    up: Arc<AtomicBool>,
    cut: tokio::sync::broadcast::Sender<()>,
    address: std::net::SocketAddr,
}

impl Relay {
    async fn start(to: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let (cut, _) = tokio::sync::broadcast::channel(4);
        let (up_flag, cut_sender) = (up.clone(), cut.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else { continue };
                if !up_flag.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let mut cut = cut_sender.subscribe();
                let to = to.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(&to).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.recv() => {}
                    }
                });
            }
        });
        Relay { up, cut, address }
    }

    fn go_down(&self) {
        self.up.store(false, Ordering::SeqCst);
        let _ = self.cut.send(());
    }

    fn come_back(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postgresql_restart_under_load_is_reported_by_readyz_survived_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let direct = fresh_database(Db::Postgres, &dir.path().join("unused.db")).await;
    let (before_host, rest) = direct.split_once("@").unwrap();
    let (host_port, database) = rest.split_once('/').unwrap();
    let relay = Relay::start(host_port.to_string()).await;
    let relayed = format!("{before_host}@{}/{database}", relay.address);
    let app = TestApp::spawn_with(Db::Postgres, |config| config.database_url = Some(relayed)).await;

    let stop = Arc::new(AtomicBool::new(false));
    let during_outage: Arc<std::sync::Mutex<Vec<(u16, String)>>> = Arc::default();
    let mut members = Vec::new();
    for _ in 0..4 {
        let (client, url, stop, during_outage) = (app.client.clone(), app.url.clone(), stop.clone(), during_outage.clone());
        members.push(tokio::spawn(async move {
            let mut references = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let key = uuid::Uuid::new_v4().to_string();
                let body = second_opinion_request("employee");
                loop {
                    let sent = client
                        .post(format!("{url}/api/requests"))
                        .header("Idempotency-Key", &key)
                        .json(&body)
                        .timeout(Duration::from_secs(20))
                        .send()
                        .await
                        .unwrap();
                    if sent.status().is_success() {
                        references.push(sent.json::<RequestReceipt>().await.unwrap().reference.to_string());
                        break;
                    }
                    let status = sent.status().as_u16();
                    let content_type = sent.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
                    during_outage.lock().unwrap().push((status, content_type));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            references
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;

    relay.go_down();
    let went_down = Instant::now();
    let mut reported_outage = false;
    while went_down.elapsed() < Duration::from_secs(3) {
        let response = app.get("/readyz").await;
        if response.status() == 503 {
            let readiness: Readiness = response.json().await.unwrap();
            reported_outage |= !readiness.database_reachable && !readiness.ready;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(reported_outage, "/readyz says the database is unreachable during the outage");
    relay.come_back();
    let came_back = Instant::now();
    let mut ready_after = None;
    while came_back.elapsed() < Duration::from_secs(30) {
        if app.get("/readyz").await.status() == 200 {
            ready_after = Some(came_back.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let ready_after = ready_after.expect("the server reconnects by itself");
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::Relaxed);
    let mut references = Vec::new();
    for member in members {
        references.extend(member.await.unwrap());
    }

    let refused = during_outage.lock().unwrap().clone();
    for (status, content_type) in &refused {
        assert!((500..600).contains(status), "only 5xx while the database is away: {status}");
        assert_eq!(content_type, "application/problem+json");
    }
    let mut connection = sqlx::PgConnection::connect(&direct).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT reference FROM advocacy_requests").fetch_all(&mut connection).await.unwrap();
    let stored_set: HashSet<&String> = stored.iter().collect();
    let answered: HashSet<&String> = references.iter().collect();
    assert_eq!(stored.len(), stored_set.len(), "no reference twice");
    assert_eq!(stored_set, answered, "every acknowledged request stored once, nothing stored without its member's answer");
    println!(
        "[report] PostgreSQL restarted under load (3 s away, 4 members sending): /readyz said unreachable while it was away and ready {:.1} s after it came back; {} requests acknowledged, {} stored, 0 duplicates; {} attempts answered 5xx problems during the outage and retried",
        ready_after.as_secs_f64(),
        answered.len(),
        stored.len(),
        refused.len()
    );
}
