//! Member data sealed at rest, over real HTTP on SQLite and PostgreSQL: a request's answers and
//! contact details, case notes and status notes are nowhere in the database in clear (its
//! tables read raw, and SQLite's files byte by byte), rows an earlier version wrote in clear are
//! sealed when the server starts, the database's files are its user's only, and a new key
//! re-seals everything (resuming when stopped) so that the old key is no longer needed.

mod common;

use advocate_domain::console::{AdvocateRole, Case};
use advocate_domain::{RequestReceipt, RequestState};
use advocate_server::app::Application;
use advocate_server::commands::{RotateKeyArgs, rotate_key};
use advocate_server::sealed_records::rotate_some;
use advocate_server::sealing::SealingKey;
use common::{Db, TestApp, fresh_database, test_config};
use serde_json::json;
use sqlx::Connection;
use std::path::Path;

const PASSWORD: &str = "correct horse battery staple";

/// What the member and the advocate write, none of which may be stored in clear: the name, the
/// phone number, the email address, the condition, the member's notes, a case note, a status note.
const SECRETS: [&str; 7] =
    ["Zelda Quixote", "201-4477", "zelda.q@example.org", "Quixotic tremor", "Prefers Tuesdays", "Zebranote", "Statusnote"];

fn member_request() -> serde_json::Value {
    json!({
        "relationship": "employee",
        "service_id": "second-opinion",
        "plan": "other-plan",
        "answers": { "condition": "Quixotic tremor, surgery advised", "zip": "10001" },
        "contact": { "name": "Zelda Quixote", "method": "phone", "phone": "(555) 201-4477", "email": "zelda.q@example.org", "best_time": "evening" },
        "consent_to_contact": true,
        "notes": "Prefers Tuesdays"
    })
}

async fn send_request(app: &TestApp) -> RequestReceipt {
    let response = app
        .client
        .post(format!("{}/api/requests", app.url))
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .json(&member_request())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

/// A signed-in advocate's cookie and CSRF token (the account is made when absent).
async fn sign_in(app: &TestApp) -> (String, String) {
    app.signed_in_advocate("jo@example.org", AdvocateRole::Advocate, PASSWORD).await
}

async fn post(app: &TestApp, (cookie, csrf): &(String, String), path: &str, body: serde_json::Value) -> u16 {
    let response = app
        .client
        .post(format!("{}{path}", app.url))
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

async fn case(app: &TestApp, (cookie, _): &(String, String), reference: &str) -> Case {
    let response = app.client.get(format!("{}/api/console/requests/{reference}", app.url)).header("cookie", cookie).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The case shows every value as it was written.
fn assert_opened(case: &Case) {
    let request = &case.request;
    assert_eq!(request.contact.name, "Zelda Quixote");
    assert_eq!(request.contact.phone, "(555) 201-4477");
    assert_eq!(request.contact.email, "zelda.q@example.org");
    assert_eq!(request.answers.condition.as_deref(), Some("Quixotic tremor, surgery advised"));
    assert_eq!(request.notes, "Prefers Tuesdays");
    assert_eq!(case.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["Zebranote: called, no answer."]);
    let noted: Vec<&str> = case.history.iter().filter_map(|h| h.note.as_deref()).collect();
    assert_eq!(noted, ["Statusnote: waiting for her records."]);
}

/// Every row of every table, each as one line of text (blobs in hexadecimal), read straight
/// from the database as anyone with a copy of it could.
async fn raw_rows(db: Db, database_url: &str) -> Vec<String> {
    let mut lines = Vec::new();
    match db {
        Db::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(database_url).await.unwrap();
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'").fetch_all(&mut c).await.unwrap();
            for table in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT name FROM pragma_table_info('{table}')")))
                        .fetch_all(&mut c)
                        .await
                        .unwrap();
                let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
                let rows: Vec<String> =
                    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {row} FROM \"{table}\""))).fetch_all(&mut c).await.unwrap();
                lines.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
            }
        }
        Db::Postgres => {
            let mut c = sqlx::PgConnection::connect(database_url).await.unwrap();
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'").fetch_all(&mut c).await.unwrap();
            for table in tables {
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT to_jsonb(t)::text FROM \"{table}\" t")))
                    .fetch_all(&mut c)
                    .await
                    .unwrap();
                lines.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
            }
        }
    }
    lines
}

/// No member's words in any table, nor (SQLite) anywhere in the database's files.
async fn assert_nothing_in_clear(db: Db, database_url: &str) {
    let rows = raw_rows(db, database_url).await;
    assert!(rows.iter().any(|r| r.starts_with("advocacy_requests:")), "the request is there");
    for secret in SECRETS {
        let found: Vec<&String> = rows.iter().filter(|r| r.contains(secret)).collect();
        assert!(found.is_empty(), "{secret:?} is stored in clear: {found:?}");
    }
    if db == Db::Sqlite {
        let path = database_url.strip_prefix("sqlite://").unwrap();
        for suffix in ["", "-wal"] {
            let Ok(bytes) = std::fs::read(format!("{path}{suffix}")) else { continue };
            for secret in SECRETS {
                assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret:?} is in the file advocate.db{suffix}");
            }
        }
    }
}

/// A request, a case note and a status change with a note, written through the API.
async fn write_member_data(app: &TestApp) -> (RequestReceipt, (String, String)) {
    let receipt = send_request(app).await;
    let advocate = sign_in(app).await;
    let path = format!("/api/console/requests/{}", receipt.reference);
    assert_eq!(post(app, &advocate, &format!("{path}/notes"), json!({ "text": "Zebranote: called, no answer." })).await, 201);
    let waiting = json!({ "state": "waiting_on_member", "note": "Statusnote: waiting for her records." });
    assert_eq!(post(app, &advocate, &format!("{path}/status"), waiting).await, 200);
    (receipt, advocate)
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

on_both_databases! {
    async fn requests_and_notes_are_sealed_at_rest_and_open_on_the_case(db: Db) {
        let app = TestApp::spawn(db).await;
        let (receipt, advocate) = write_member_data(&app).await;
        assert_nothing_in_clear(db, &app.database_url).await;
        // What the queue sorts and filters on stays readable, and the queue answers without a key.
        let rows = raw_rows(db, &app.database_url).await;
        let request = rows.iter().find(|r| r.starts_with("advocacy_requests:")).unwrap();
        for clear in ["second-opinion", "clinical", "waiting_on_member"] {
            assert!(request.contains(clear), "{clear} is kept in clear: {request}");
        }
        let case = case(&app, &advocate, &receipt.reference.to_string()).await;
        assert_opened(&case);
        assert_eq!(case.summary.state, RequestState::WaitingOnMember);
        let files = if db == Db::Sqlite { ", nor in the database file or its write-ahead log" } else { "" };
        println!(
            "[report] sealed at rest ({db:?}): {} rows of every table read raw; none of the {} member values written (name, phone, email, condition, notes, a case note, a status note) in clear{files}; the case opens them for the advocate",
            rows.len(),
            SECRETS.len()
        );
    }

    async fn rows_an_earlier_version_wrote_in_clear_are_sealed_when_the_server_starts(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("advocate.db")).await;
        let answers = member_request().to_string();
        let rows = format!(
            "INSERT INTO advocates (email, display_name, role, password_hash, disabled, created_at) \
               VALUES ('kim@example.org', 'Kim', 'advocate', 'hash', FALSE, 1795800000); \
             INSERT INTO advocacy_requests (reference, submitted_at, service_id, service_title, area, handler, routing_reason, \
               state, outreach_from, outreach_by, verifier_salt, verifier_hash, request_json, assigned_to) \
               VALUES ('K7Q4-M2XP', 1795820000, 'second-opinion', 'Get a second opinion', 'clinical', 'advocate', 'An advocate.', \
               'waiting_on_member', 1795820000, 1795840000, 'salt', 'hash', '{answers}', 1); \
             INSERT INTO case_notes (reference, advocate_id, text, created_at) VALUES ('K7Q4-M2XP', 1, 'Zebranote: called, no answer.', 1795820100); \
             INSERT INTO status_changes (reference, from_state, to_state, advocate_id, note, changed_at) \
               VALUES ('K7Q4-M2XP', 'new', 'waiting_on_member', 1, 'Statusnote: waiting for her records.', 1795820200); \
             INSERT INTO status_changes (reference, from_state, to_state, advocate_id, note, changed_at) \
               VALUES ('K7Q4-M2XP', 'waiting_on_member', 'in_progress', 1, NULL, 1795820300); \
             INSERT INTO status_changes (reference, from_state, to_state, advocate_id, note, changed_at) \
               VALUES ('K7Q4-M2XP', 'in_progress', 'waiting_on_member', 1, NULL, 1795820400);"
        );
        // The schema of the version before member data was sealed.
        match db {
            Db::Sqlite => {
                let options = url.parse::<sqlx::sqlite::SqliteConnectOptions>().unwrap().create_if_missing(true);
                let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
                sqlx::migrate!("./migrations/sqlite").run_to(8, &pool).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(rows)).execute(&pool).await.unwrap();
                pool.close().await;
            }
            Db::Postgres => {
                let pool = sqlx::PgPool::connect(&url).await.unwrap();
                sqlx::migrate!("./migrations/postgres").run_to(8, &pool).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(rows)).execute(&pool).await.unwrap();
                pool.close().await;
            }
        }
        let key_file = dir.path().join("advocate.key");
        let start = |config: &mut advocate_server::config::Config| {
            config.database_url = Some(url.clone());
            config.bill_key_file = Some(key_file.clone());
        };
        let app = TestApp::spawn_with(db, start).await;
        assert_nothing_in_clear(db, &url).await;
        assert!(!raw_rows(db, &url).await.iter().any(|r| r.starts_with("unsealed_texts:")), "nothing waits to be sealed");
        let advocate = sign_in(&app).await;
        let case = case(&app, &advocate, "K7Q4-M2XP").await;
        assert_opened(&case);
        assert_eq!(case.history.len(), 4, "the changes without a note stay too");
        // A second start finds nothing left to seal and changes nothing.
        let again = TestApp::spawn_with(db, start).await;
        assert_eq!(again.get("/readyz").await.status(), 200);
    }

    async fn a_new_key_reseals_everything_resumably_and_the_old_one_is_no_longer_needed(db: Db) {
        let keys = tempfile::tempdir().unwrap();
        let (old_file, new_file) = (keys.path().join("old.key"), keys.path().join("new.key"));
        let first = TestApp::spawn_with(db, |config| config.bill_key_file = Some(old_file.clone())).await;
        let (receipt, _) = write_member_data(&first).await;
        let bill = json!({
            "bill": { "lines": [{ "date": "2025-03-04", "code": "99213", "description": "Office visit", "units": 1, "charge": 25000 }], "payer": "self_pay" },
            "situation": { "coverage": "not-covered" }
        });
        let bill_url = format!("{}/api/requests/{}/bill", first.url, receipt.reference);
        let put = first.client.put(&bill_url).bearer_auth(&receipt.verifier).json(&bill).send().await.unwrap();
        assert_eq!(put.status(), 200);
        let page = b"%PDF-1.4\n% page one of the bill\n".to_vec();
        let added = first.client.post(format!("{bill_url}/pages")).bearer_auth(&receipt.verifier).body(page.clone()).send().await.unwrap();
        assert_eq!(added.status(), 201);
        let page_id = added.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();

        // Stopped after two values: half the database opens with each key, so no server starts.
        let storage = advocate_server::storage::connect(&first.database_url).await.unwrap();
        let (old, new) = (SealingKey::load(&old_file).unwrap(), SealingKey::load_or_create(&new_file).unwrap());
        assert_eq!(rotate_some(storage.as_ref(), &old, &new, 2).await.unwrap().total(), 2);
        for key_file in [&old_file, &new_file] {
            let dir = tempfile::tempdir().unwrap();
            let mut config = test_config(dir.path().to_path_buf());
            config.database_url = Some(first.database_url.clone());
            config.bill_key_file = Some(key_file.clone());
            let refused = Application::build(&config).await.err().expect("refused").to_string();
            assert!(refused.contains("rotate-key"), "{refused}");
        }

        // The command resumes and finishes; then the old key file can go.
        let dir = tempfile::tempdir().unwrap();
        let mut config = test_config(dir.path().to_path_buf());
        config.database_url = Some(first.database_url.clone());
        config.bill_key_file = Some(old_file.clone());
        rotate_key(&config, &RotateKeyArgs { new_key_file: new_file.clone() }).await.unwrap();
        assert_eq!(storage.sealed_counts().await.unwrap(), [(new.id().to_string(), 5)], "answers, note, status note, review, page");
        std::fs::remove_file(&old_file).unwrap();
        let refused = rotate_key(&config, &RotateKeyArgs { new_key_file: new_file.clone() }).await.err().unwrap().to_string();
        assert!(refused.contains("old.key"), "without the old key there is nothing to rotate from: {refused}");

        let rotated = TestApp::spawn_with(db, |config| {
            config.database_url = Some(first.database_url.clone());
            config.bill_key_file = Some(new_file.clone());
        })
        .await;
        let advocate = sign_in(&rotated).await;
        assert_opened(&case(&rotated, &advocate, &receipt.reference.to_string()).await);
        let bill_url = format!("{}/api/requests/{}/bill", rotated.url, receipt.reference);
        let attached: serde_json::Value = rotated.client.get(&bill_url).bearer_auth(&receipt.verifier).send().await.unwrap().json().await.unwrap();
        assert_eq!(attached["review"]["request"]["bill"]["lines"][0]["description"], "Office visit");
        let download = rotated.client.get(format!("{bill_url}/pages/{page_id}")).bearer_auth(&receipt.verifier).send().await.unwrap();
        assert_eq!(download.bytes().await.unwrap().to_vec(), page);
        // The page's fingerprint was made again with the new key: a retried upload is still recognised.
        let retried = rotated.client.post(format!("{bill_url}/pages")).bearer_auth(&receipt.verifier).body(page).send().await.unwrap();
        assert_eq!(retried.status(), 200);
        let rotations = storage.audit_trail(&format!("key:{}", new.id())).await.unwrap();
        assert_eq!(rotations.iter().map(|e| format!("{} {}", e.actor, e.action)).collect::<Vec<_>>(), ["operator key.rotated"]);
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_files_and_the_data_folder_are_the_servers_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A data folder and database an earlier version left open to others are closed at start.
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(data.join("advocate.db"), b"").unwrap();
    std::fs::set_permissions(data.join("advocate.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let app = Application::build(&test_config(data.clone())).await.unwrap();
    let url = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped());
    let response = reqwest::Client::new()
        .post(format!("{url}/api/requests"))
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .json(&member_request())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(mode(&data), 0o700);
    for file in ["advocate.db", "advocate.db-wal", "advocate.db-shm", "bill-files.key"] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }

    // A new database file is made private from the start, and so are its -wal and -shm.
    let fresh = dir.path().join("fresh");
    let app = Application::build(&test_config(fresh.clone())).await.unwrap();
    drop(app);
    for file in ["advocate.db", "advocate.db-wal", "advocate.db-shm"] {
        assert_eq!(mode(&fresh.join(file)), 0o600, "{file}");
    }
}
