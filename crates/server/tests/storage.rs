//! The storage trait's contract, run against SQLite and PostgreSQL alike.

mod common;

use advocate_domain::Timestamp;
use advocate_domain::console::AdvocateRole;
use advocate_domain::session_clock::SessionClock;
use advocate_domain::{Handler, NewRequest, OutreachWindow, Reference, RequestState};
use advocate_server::audit::{Actor, AuditEvent};
use advocate_server::sealed_records::{open_answers, open_note, seal_answers, seal_waiting};
use advocate_server::sealing::SealingKey;
use advocate_server::storage::{
    self, Backend, CreateAdvocate, IdempotencyRecord, InsertOutcome, NewAdvocate, StoredRequest, StoredSession,
};
use common::{Db, fresh_database};
use sqlx::Connection;

fn event(subject: &str, action: &str, at: &str) -> AuditEvent {
    AuditEvent {
        occurred_at: at.parse::<Timestamp>().unwrap(),
        actor: Actor::System,
        action: action.into(),
        subject: subject.into(),
        request_id: "req-0001".into(),
    }
}

fn sealing_key() -> SealingKey {
    SealingKey::from_bytes([9; 32])
}

fn answers() -> NewRequest {
    serde_json::from_value(serde_json::json!({
        "relationship": "child", "service_id": "find-provider", "plan": "other-plan",
        "answers": { "zip": "30301" },
        "contact": { "name": "Sam Lee", "method": "email", "email": "sam@example.com", "best_time": "morning" },
        "consent_to_contact": true
    }))
    .unwrap()
}

fn stored(reference: &str) -> StoredRequest {
    let reference = Reference::parse(reference).unwrap();
    StoredRequest {
        answers: seal_answers(&sealing_key(), &reference, &answers()),
        reference,
        submitted_at: "2026-11-27T22:00:00Z".parse().unwrap(),
        service_id: "find-provider".into(),
        service_title: "Find a doctor, hospital or dentist".into(),
        area: "clinical".into(),
        handler: Handler::Advocate,
        routing_reason: "An advocate will handle this for you.".into(),
        state: RequestState::New,
        outreach: OutreachWindow { from: "2026-11-27T22:00:00Z".parse().unwrap(), by: "2026-11-28T05:00:00Z".parse().unwrap() },
        verifier_salt: "salt".into(),
        verifier_hash: "hash".into(),
    }
}

fn key(n: u8) -> IdempotencyRecord {
    IdempotencyRecord { key_hash: format!("key-{n}"), body_hash: "body".into() }
}

on_both_databases! {
    async fn a_regular_job_is_claimed_by_one_of_simultaneous_claims_and_again_once_its_period_is_over(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("a.db")).await;
        let (one, two) = (storage::connect(&url).await.unwrap(), storage::connect(&url).await.unwrap());
        let every = std::time::Duration::from_secs(900);
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        let start = at("2026-11-30T06:00:00Z");
        let (a, b) = tokio::join!(one.claim_sweep("retention", start, every), two.claim_sweep("retention", start, every));
        assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|c| **c).count(), 1, "one of two servers claims the first run");
        // A second before the period is over: taken; at its end: claimed, once.
        assert!(!two.claim_sweep("retention", at("2026-11-30T06:14:59Z"), every).await.unwrap());
        assert!(two.claim_sweep("retention", at("2026-11-30T06:15:00Z"), every).await.unwrap());
        assert!(!one.claim_sweep("retention", at("2026-11-30T06:15:00Z"), every).await.unwrap());
        // Each job has its own period.
        assert!(one.claim_sweep("sessions", at("2026-11-30T06:15:00Z"), every).await.unwrap());
    }

    async fn a_request_reads_back_as_it_was_stored(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let storage = storage::connect(&fresh_database(db, &dir.path().join("a.db")).await).await.unwrap();
        let request = stored("K7Q4M2XP");
        let audit = event("K7Q4-M2XP", "request.created", "2026-11-27T22:00:00Z");
        assert_eq!(storage.insert_request(&request, &key(1), &audit).await.unwrap(), InsertOutcome::Created);
        assert_eq!(storage.request(&request.reference).await.unwrap(), Some(request.clone()));
        assert_eq!(storage.request_by_key("key-1").await.unwrap(), Some(("body".to_string(), request)));
        assert_eq!(storage.audit_trail("K7Q4-M2XP").await.unwrap(), vec![audit]);
    }

    async fn a_reused_key_or_reference_writes_nothing(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let storage = storage::connect(&fresh_database(db, &dir.path().join("a.db")).await).await.unwrap();
        let audit = event("K7Q4-M2XP", "request.created", "2026-11-27T22:00:00Z");
        storage.insert_request(&stored("K7Q4M2XP"), &key(1), &audit).await.unwrap();

        let second = stored("AAAA2222");
        let second_audit = event("AAAA-2222", "request.created", "2026-11-27T22:00:00Z");
        assert_eq!(storage.insert_request(&second, &key(1), &second_audit).await.unwrap(), InsertOutcome::KeyAlreadyUsed);
        assert_eq!(storage.insert_request(&stored("K7Q4M2XP"), &key(2), &second_audit).await.unwrap(), InsertOutcome::ReferenceTaken);
        // Neither attempt left a request, a key or an audit event behind.
        assert_eq!(storage.request(&second.reference).await.unwrap(), None);
        assert_eq!(storage.request_by_key("key-2").await.unwrap(), None);
        assert!(storage.audit_trail("AAAA-2222").await.unwrap().is_empty());
    }

    async fn a_new_database_is_migrated_and_ready(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("a.db")).await;
        let storage = storage::connect(&url).await.unwrap();
        assert_eq!(storage.backend(), match db { Db::Sqlite => Backend::Sqlite, Db::Postgres => Backend::Postgres });
        let status = storage.status().await;
        assert!(status.reachable && status.migrations_applied);
    }

    async fn migrating_again_changes_nothing(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("a.db")).await;
        let first = storage::connect(&url).await.unwrap();
        first.record_audit_event(&event("REF-1", "request.created", "2026-11-27T22:00:00Z")).await.unwrap();
        // A second server (or a restart) on the same database migrates again without loss.
        let second = storage::connect(&url).await.unwrap();
        second.migrate().await.unwrap();
        assert_eq!(second.audit_trail("REF-1").await.unwrap().len(), 1);
    }

    async fn the_audit_trail_keeps_events_in_order(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("a.db")).await;
        let storage = storage::connect(&url).await.unwrap();
        let created = event("REF-2", "request.created", "2026-11-27T22:00:00Z");
        let viewed = event("REF-2", "case.viewed", "2026-11-27T22:05:30Z");
        storage.record_audit_event(&created).await.unwrap();
        storage.record_audit_event(&event("REF-3", "request.created", "2026-11-27T22:01:00Z")).await.unwrap();
        storage.record_audit_event(&viewed).await.unwrap();
        assert_eq!(storage.audit_trail("REF-2").await.unwrap(), vec![created, viewed]);
        assert!(storage.audit_trail("REF-404").await.unwrap().is_empty());
    }

    async fn rows_written_before_times_were_seconds_read_back_the_same(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("a.db")).await;
        let request = stored("K7Q4M2XP");
        let answers = serde_json::to_string(&answers()).unwrap().replace('\'', "''");
        // Written as the first migrations stored times: RFC 3339 text on SQLite, TIMESTAMPTZ on
        // PostgreSQL (the same literals read as either).
        let rows = format!(
            "INSERT INTO advocates (email, display_name, role, password_hash, disabled, created_at) \
               VALUES ('jo@example.org', 'Jo', 'advocate', 'hash', FALSE, 1795800000); \
             INSERT INTO advocacy_requests (reference, submitted_at, service_id, service_title, area, handler, routing_reason, \
               state, outreach_from, outreach_by, verifier_salt, verifier_hash, request_json, assigned_to) \
               VALUES ('K7Q4-M2XP', '2026-11-27T22:00:00Z', 'find-provider', 'Find a doctor, hospital or dentist', 'clinical', \
               'advocate', 'An advocate will handle this for you.', 'new', '2026-11-27T22:00:00Z', '2026-11-28T05:00:00Z', \
               'salt', 'hash', '{answers}', 1); \
             INSERT INTO idempotency_keys (key_hash, body_hash, reference, created_at) \
               VALUES ('key-1', 'body', 'K7Q4-M2XP', '2026-11-27T22:00:00Z'); \
             INSERT INTO audit_events (occurred_at, actor, action, subject, request_id) \
               VALUES ('2026-11-27T22:00:00Z', 'system', 'request.created', 'K7Q4-M2XP', 'req-0001'); \
             INSERT INTO case_notes (reference, advocate_id, text, created_at) VALUES ('K7Q4-M2XP', 1, 'Called back.', 1795820000); \
             INSERT INTO fee_schedule_imports (id, year, conversion_factor, imported_at, source_files) \
               VALUES (1, 2026, 333400, '2026-01-02T03:04:05Z', 'PPRRVU2026.csv');"
        );
        let (storage, key_created_at) = match db {
            Db::Sqlite => {
                let options = url.parse::<sqlx::sqlite::SqliteConnectOptions>().unwrap().create_if_missing(true);
                let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
                sqlx::migrate!("./migrations/sqlite").run_to(6, &pool).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(rows)).execute(&pool).await.unwrap();
                drop(pool);
                let storage = storage::connect(&url).await.unwrap();
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                let created_at: i64 = sqlx::query_scalar("SELECT created_at FROM idempotency_keys").fetch_one(&pool).await.unwrap();
                (storage, created_at)
            }
            Db::Postgres => {
                let pool = sqlx::PgPool::connect(&url).await.unwrap();
                sqlx::migrate!("./migrations/postgres").run_to(6, &pool).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(rows)).execute(&pool).await.unwrap();
                let storage = storage::connect(&url).await.unwrap();
                let created_at: i64 = sqlx::query_scalar("SELECT created_at FROM idempotency_keys").fetch_one(&pool).await.unwrap();
                (storage, created_at)
            }
        };
        assert_eq!(key_created_at, request.submitted_at.unix_seconds());
        // Written in clear then, the answers and the note are sealed by the server's start.
        assert_eq!(seal_waiting(storage.as_ref(), &sealing_key()).await.unwrap(), 2);
        let mut read = storage.request(&request.reference).await.unwrap().unwrap();
        assert_eq!(open_answers(&sealing_key(), &read).unwrap(), super::answers());
        read.answers = request.answers.clone();
        assert_eq!(read, request);
        let (body, by_key) = storage.request_by_key("key-1").await.unwrap().unwrap();
        assert_eq!((body.as_str(), &by_key.reference), ("body", &request.reference));
        assert_eq!(storage.audit_trail("K7Q4-M2XP").await.unwrap(), vec![event("K7Q4-M2XP", "request.created", "2026-11-27T22:00:00Z")]);
        let queued = storage.queued_request(&request.reference).await.unwrap().unwrap();
        assert_eq!(queued.assigned_to, Some((1, "Jo".to_string())), "the advocate it was assigned to stays");
        let notes = storage.case_notes(&request.reference).await.unwrap();
        assert_eq!(open_note(&sealing_key(), &request.reference, &notes[0]).unwrap(), "Called back.", "its notes stay with it");
        let import = storage.fee_schedule().await.unwrap().unwrap();
        assert_eq!(import.imported_at, "2026-01-02T03:04:05Z".parse::<Timestamp>().unwrap());
        // A rebuilt table keeps its rules: the audit log is still append-only, and a request
        // with notes cannot be deleted from under them.
        let status = storage.status().await;
        assert!(status.reachable && status.migrations_applied);
        let later = event("K7Q4-M2XP", "case.viewed", "2026-11-28T09:00:00Z");
        storage.record_audit_event(&later).await.unwrap();
        assert_eq!(storage.audit_trail("K7Q4-M2XP").await.unwrap().len(), 2);
        for statement in ["UPDATE audit_events SET actor = 'someone else'", "DELETE FROM advocacy_requests"] {
            assert!(execute(db, &url, statement).await.is_err(), "{statement} was allowed");
        }
    }

    async fn the_sweep_deletes_exactly_the_ended_sessions(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let storage = storage::connect(&fresh_database(db, &dir.path().join("a.db")).await).await.unwrap();
        let now = Timestamp::from_unix_seconds(1_800_000_000);
        let advocate = NewAdvocate {
            email: "jo@example.org".into(),
            name: "Jo".into(),
            role: AdvocateRole::Advocate,
            password_hash: "hash".into(),
            created_at: now.plus_seconds(-86_400),
        };
        let CreateAdvocate::Created(id) = storage.create_advocate(&advocate, &event("", "advocate.created", "2026-11-27T22:00:00Z")).await.unwrap() else {
            panic!("created")
        };
        let clock = SessionClock::new(1, 2);
        // (token, signed in, last used), seconds before now: one second either side of each limit.
        let sessions = [("idle-ended", 100, 60), ("idle-live", 100, 59), ("hours-ended", 7200, 0), ("hours-live", 7199, 0)];
        for (token, signed_in, used) in sessions {
            let session = StoredSession {
                token_hash: token.into(),
                advocate_id: id,
                created_at: now.plus_seconds(-signed_in),
                last_seen_at: now.plus_seconds(-used),
            };
            storage.create_session(&session, &event(token, "session.started", "2026-11-27T22:00:00Z")).await.unwrap();
        }
        assert_eq!(storage.delete_ended_sessions(&clock.ended_by(now)).await.unwrap(), 2);
        for (token, signed_in, used) in sessions {
            let ended = clock.has_ended(now.plus_seconds(-signed_in), now.plus_seconds(-used), now);
            assert_eq!(storage.session(token).await.unwrap().is_none(), ended, "{token}");
        }
    }

    async fn audit_events_cannot_be_changed_or_deleted(db: Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir.path().join("a.db")).await;
        let storage = storage::connect(&url).await.unwrap();
        storage.record_audit_event(&event("REF-4", "request.created", "2026-11-27T22:00:00Z")).await.unwrap();
        let tamper = ["UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"];
        for statement in tamper {
            assert!(execute(db, &url, statement).await.is_err(), "{statement} was allowed");
        }
        assert_eq!(storage.audit_trail("REF-4").await.unwrap()[0].actor, Actor::System);
    }
}

/// Runs one statement on its own connection, as someone with the database's password could.
async fn execute(db: Db, url: &str, statement: &'static str) -> Result<(), sqlx::Error> {
    match db {
        Db::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(url).await?;
            sqlx::query(statement).execute(&mut conn).await.map(drop)
        }
        Db::Postgres => {
            let mut conn = sqlx::PgConnection::connect(url).await?;
            sqlx::query(statement).execute(&mut conn).await.map(drop)
        }
    }
}

#[tokio::test]
async fn an_unknown_database_url_is_refused_with_a_clear_message() {
    let error = storage::connect("mysql://app:secret@db/advocate").await.err().unwrap().to_string();
    assert!(error.contains("use sqlite://PATH or postgres://"), "{error}");
    assert!(!error.contains("secret"), "{error}");
}
