//! The advocate console over real HTTP, on SQLite and PostgreSQL: signing in (failures alike,
//! limited), sessions (cookie, CSRF, idle and absolute expiry, disabled accounts), the queue, a
//! case and its changes, each audited, and notes nobody can change.

mod common;

use advocate_domain::console::{AdvocateRole, AuditTrail, Case, CaseNote, CaseQueue, CaseSummary, SessionInfo};
use advocate_domain::{Problem, RequestReceipt, RequestState};
use advocate_server::accounts::{AccountError, create_advocate, disable_advocate};
use common::{Db, TestApp};
use serde_json::json;
use sqlx::Connection;

const PASSWORD: &str = "correct horse battery staple";

async fn storage(app: &TestApp) -> std::sync::Arc<dyn advocate_server::storage::Storage> {
    advocate_server::storage::connect(&app.database_url).await.unwrap()
}

async fn new_advocate(app: &TestApp, email: &str, name: &str, role: AdvocateRole) -> i64 {
    create_advocate(storage(app).await.as_ref(), email, name, role, PASSWORD).await.unwrap()
}

/// A signed-in browser: the session cookie and the CSRF token.
struct Browser {
    cookie: String,
    info: SessionInfo,
}

async fn sign_in_response(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client.post(format!("{}/api/session", app.url)).json(&json!({ "email": email, "password": password })).send().await.unwrap()
}

async fn sign_in(app: &TestApp, email: &str) -> Browser {
    let response = sign_in_response(app, email, PASSWORD).await;
    assert_eq!(response.status(), 200);
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    Browser { cookie, info: response.json().await.unwrap() }
}

impl Browser {
    fn get(&self, app: &TestApp, path: &str) -> reqwest::RequestBuilder {
        app.client.get(format!("{}{path}", app.url)).header("cookie", &self.cookie)
    }

    /// A change, with the right CSRF token.
    fn post(&self, app: &TestApp, path: &str) -> reqwest::RequestBuilder {
        app.client.post(format!("{}{path}", app.url)).header("cookie", &self.cookie).header("x-csrf-token", &self.info.csrf_token)
    }

    async fn case(&self, app: &TestApp, receipt: &RequestReceipt) -> Case {
        let response = self.get(app, &format!("/api/console/requests/{}", receipt.reference)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    async fn queue(&self, app: &TestApp, query: &str) -> Vec<CaseSummary> {
        let response = self.get(app, &format!("/api/console/requests{query}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{query}");
        response.json::<CaseQueue>().await.unwrap().requests
    }
}

async fn new_request(app: &TestApp, name: &str) -> RequestReceipt {
    app.new_bill_saver_request(name, "Please call after 6.").await
}

/// Runs a statement straight on the database, as an operator (or an attacker) with SQL could.
async fn execute(db: Db, database_url: &str, sql: &str) -> Result<u64, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match db {
        Db::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(database_url).await?;
            Ok(sqlx::query(sql).execute(&mut c).await?.rows_affected())
        }
        Db::Postgres => {
            let mut c = sqlx::PgConnection::connect(database_url).await?;
            Ok(sqlx::query(sql).execute(&mut c).await?.rows_affected())
        }
    }
}

/// Moves a request's promised outreach to an instant in the past.
async fn promise_by(db: Db, database_url: &str, reference: &str, rfc3339: &str) {
    let seconds = rfc3339.parse::<advocate_domain::Timestamp>().unwrap().unix_seconds();
    let sql = format!("UPDATE advocacy_requests SET outreach_by = {seconds} WHERE reference = '{reference}'");
    assert_eq!(execute(db, database_url, &sql).await.unwrap(), 1);
}

async fn audit_rows(app: &TestApp, subject: &str) -> Vec<String> {
    storage(app).await.audit_trail(subject).await.unwrap().into_iter().map(|e| format!("{} {}", e.actor, e.action)).collect()
}

async fn problem(response: reqwest::Response, status: u16) -> Problem {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.unwrap()
}

fn now() -> i64 {
    advocate_server::clock::now().unix_seconds()
}

on_both_databases! {
    async fn an_advocate_opens_a_request_on_a_call_with_consent_by_phone(db: Db) {
        let app = TestApp::spawn(db).await;
        let id = new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let browser = sign_in(&app, "jo@example.org").await;
        let body = common::second_opinion_request("spouse-or-partner");
        let key = uuid::Uuid::new_v4().to_string();
        // Without the CSRF token, nothing is opened.
        let forged = app
            .client
            .post(format!("{}/api/console/requests", app.url))
            .header("cookie", &browser.cookie)
            .header("Idempotency-Key", &key)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403);
        let response = browser.post(&app, "/api/console/requests").header("Idempotency-Key", &key).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 201);
        let receipt: RequestReceipt = response.json().await.unwrap();
        let again = browser.post(&app, "/api/console/requests").header("Idempotency-Key", &key).json(&body).send().await.unwrap();
        assert_eq!(again.json::<RequestReceipt>().await.unwrap().reference, receipt.reference, "a retry opens nothing new");
        let case = browser.case(&app, &receipt).await;
        assert_eq!(case.summary.assigned_to.map(|a| a.id), Some(id), "the advocate on the call takes the case");
        assert!(case.request.consent_to_contact);
        let audit = audit_rows(&app, &receipt.reference.to_string()).await;
        assert_eq!(audit[..2], [format!("advocate:{id} request.created_on_call"), format!("advocate:{id} case.assigned")]);
        // Consent is still required: the caller must have agreed on the call.
        let mut no_consent = body.clone();
        no_consent["consent_to_contact"] = json!(false);
        let refused =
            browser.post(&app, "/api/console/requests").header("Idempotency-Key", uuid::Uuid::new_v4().to_string()).json(&no_consent).send().await.unwrap();
        assert_eq!(problem(refused, 422).await.errors[0].field, "consent_to_contact");
    }

    async fn members_and_each_advocate_have_their_own_idempotency_keys(db: Db) {
        let app = TestApp::spawn(db).await;
        new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        new_advocate(&app, "sam@example.org", "Sam Lee", AdvocateRole::Advocate).await;
        let (jo, sam) = (sign_in(&app, "jo@example.org").await, sign_in(&app, "sam@example.org").await);
        let body = common::second_opinion_request("employee");
        let key = uuid::Uuid::new_v4().to_string();
        let member = || app.client.post(format!("{}/api/requests", app.url)).header("Idempotency-Key", &key).json(&body);
        let by_member: RequestReceipt = member().send().await.unwrap().json().await.unwrap();
        let on_call = |browser: &Browser| browser.post(&app, "/api/console/requests").header("Idempotency-Key", &key).json(&body);
        let by_jo: RequestReceipt = on_call(&jo).send().await.unwrap().json().await.unwrap();
        let by_sam: RequestReceipt = on_call(&sam).send().await.unwrap().json().await.unwrap();
        let references = [&by_member.reference, &by_jo.reference, &by_sam.reference];
        assert!(references[0] != references[1] && references[1] != references[2] && references[0] != references[2], "{references:?}");
        // Each one's retry still finds its own request.
        assert_eq!(member().send().await.unwrap().json::<RequestReceipt>().await.unwrap().reference, by_member.reference);
        assert_eq!(on_call(&jo).send().await.unwrap().json::<RequestReceipt>().await.unwrap().reference, by_jo.reference);
    }

    async fn the_console_needs_a_session(db: Db) {
        let app = TestApp::spawn(db).await;
        let receipt = new_request(&app, "Ana Lopez").await;
        let paths = [
            "/api/session".to_string(),
            "/api/console/requests".to_string(),
            format!("/api/console/requests/{}", receipt.reference),
            "/api/console/audit?subject=x".to_string(),
        ];
        for path in &paths {
            let response = app.get(path).await;
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
            assert_eq!(problem(response, 401).await.title, "Not signed in", "{path}");
            let forged = app.client.get(format!("{}{path}", app.url)).header("cookie", format!("advocate_session={}", "ab".repeat(32))).send().await.unwrap();
            assert_eq!(forged.status(), 401, "{path}");
        }
        let assign = app.client.post(format!("{}/api/console/requests/{}/assign", app.url, receipt.reference)).send().await.unwrap();
        assert_eq!(assign.status(), 401);
    }

    async fn failed_sign_ins_look_alike_and_are_limited(db: Db) {
        let app = TestApp::spawn(db).await;
        let id = new_advocate(&app, "Nurse.Jo@Example.org", "Jo Park", AdvocateRole::Advocate).await;
        new_advocate(&app, "sam@example.org", "Sam Lee", AdvocateRole::Advocate).await;

        let wrong_password = problem(sign_in_response(&app, "nurse.jo@example.org", "not the password at all").await, 401).await;
        let unknown_email = problem(sign_in_response(&app, "nobody@example.org", PASSWORD).await, 401).await;
        assert_eq!((wrong_password.title.as_str(), &wrong_password.detail), (unknown_email.title.as_str(), &unknown_email.detail));
        assert_eq!(wrong_password.title, "Sign-in failed");

        // Case does not matter; the cookie ends with the browser and scripts cannot read it.
        let response = sign_in_response(&app, "NURSE.JO@example.org", PASSWORD).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("advocate_session="), "{cookie}");
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
            assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
        }
        assert!(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "{cookie}");
        let info: SessionInfo = response.json().await.unwrap();
        assert_eq!((info.advocate.id, info.advocate.name.as_str(), info.advocate.role), (id, "Jo Park", AdvocateRole::Advocate));
        assert_eq!(info.idle_timeout_seconds, 30 * 60);
        assert!((30 * 60 - 2..=30 * 60).contains(&info.idle_seconds_left));
        assert!((info.expires_at.unix_seconds() - now() - 12 * 3600).abs() <= 2);
        assert_eq!(info.csrf_token.len(), 64);

        // Five failures for one email: the sixth attempt is refused, even with the right password.
        for _ in 0..5 {
            assert_eq!(sign_in_response(&app, "nurse.jo@example.org", "wrong wrong wrong").await.status(), 401);
        }
        let refused = sign_in_response(&app, "nurse.jo@example.org", PASSWORD).await;
        let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((14 * 60..=15 * 60).contains(&retry_after), "{retry_after}");
        assert_eq!(problem(refused, 429).await.title, "Too many attempts");
        assert_eq!(sign_in_response(&app, "sam@example.org", PASSWORD).await.status(), 200, "other accounts still sign in");

        let subject = format!("advocate:{id}");
        let rows = audit_rows(&app, &subject).await;
        assert_eq!(rows.iter().filter(|r| *r == "system session.refused").count(), 6, "{rows:?}");
        assert_eq!(rows.iter().filter(|r| **r == format!("{subject} session.started")).count(), 1, "{rows:?}");
    }

    async fn changes_need_the_csrf_token(db: Db) {
        let app = TestApp::spawn(db).await;
        new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let browser = sign_in(&app, "jo@example.org").await;
        let receipt = new_request(&app, "Ana Lopez").await;
        let reference = receipt.reference.to_string();
        let changes: Vec<(reqwest::Method, String, serde_json::Value)> = vec![
            (reqwest::Method::POST, format!("/api/console/requests/{reference}/assign"), json!({})),
            (reqwest::Method::POST, format!("/api/console/requests/{reference}/notes"), json!({ "text": "Called." })),
            (reqwest::Method::POST, format!("/api/console/requests/{reference}/status"), json!({ "state": "in_progress" })),
            (reqwest::Method::POST, "/api/session/keepalive".into(), json!({})),
            (reqwest::Method::DELETE, "/api/session".into(), json!({})),
        ];
        for (method, path, body) in &changes {
            let url = format!("{}{path}", app.url);
            let missing = app.client.request(method.clone(), &url).header("cookie", &browser.cookie).json(body).send().await.unwrap();
            let detail = problem(missing, 403).await.detail.unwrap();
            assert!(detail.starts_with("CSRF token missing or wrong"), "{path}: {detail}");
            let wrong = app
                .client
                .request(method.clone(), &url)
                .header("cookie", &browser.cookie)
                .header("x-csrf-token", "0".repeat(64))
                .json(body)
                .send()
                .await
                .unwrap();
            assert_eq!(wrong.status(), 403, "{path}");
        }
        assert_eq!(audit_rows(&app, &reference).await, ["member request.created"], "nothing was done");
        let case = browser.case(&app, &receipt).await;
        assert!(case.notes.is_empty() && case.summary.assigned_to.is_none() && case.summary.state == RequestState::New);

        for (method, path, body) in &changes {
            let response = app
                .client
                .request(method.clone(), format!("{}{path}", app.url))
                .header("cookie", &browser.cookie)
                .header("x-csrf-token", &browser.info.csrf_token)
                .json(body)
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success(), "{path}: {}", response.status());
            if *method == reqwest::Method::DELETE {
                let cleared = response.headers()["set-cookie"].to_str().unwrap();
                assert!(cleared.starts_with("advocate_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
            }
        }
        assert_eq!(browser.get(&app, "/api/session").send().await.unwrap().status(), 401, "signed out");
    }

    async fn sessions_end_when_idle_and_after_their_hours(db: Db) {
        let app = TestApp::spawn_with(db, |config| {
            config.session_idle_minutes = 1;
            config.session_hours = 2;
        })
        .await;
        new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;

        // Polling in the background does not count as use; anything else does.
        let browser = sign_in(&app, "jo@example.org").await;
        assert_eq!(browser.info.idle_timeout_seconds, 60);
        execute(db, &app.database_url, &format!("UPDATE sessions SET last_seen_at = {}", now() - 40)).await.unwrap();
        let background: SessionInfo =
            browser.get(&app, "/api/session").header("x-advocate-background", "1").send().await.unwrap().json().await.unwrap();
        assert!((18..=20).contains(&background.idle_seconds_left), "{}", background.idle_seconds_left);
        assert_eq!(browser.get(&app, "/api/console/requests").header("x-advocate-background", "1").send().await.unwrap().status(), 200);
        let used: SessionInfo = browser.get(&app, "/api/session").send().await.unwrap().json().await.unwrap();
        assert!((58..=60).contains(&used.idle_seconds_left), "{}", used.idle_seconds_left);
        let kept: SessionInfo = browser.post(&app, "/api/session/keepalive").send().await.unwrap().json().await.unwrap();
        assert_eq!(kept.csrf_token, browser.info.csrf_token);

        // Unused for more than the idle timeout: ended, and a retry does not revive it.
        execute(db, &app.database_url, &format!("UPDATE sessions SET last_seen_at = {}", now() - 61)).await.unwrap();
        assert_eq!(problem(browser.get(&app, "/api/session").send().await.unwrap(), 401).await.title, "Not signed in");
        execute(db, &app.database_url, &format!("UPDATE sessions SET last_seen_at = {}", now())).await.unwrap();
        assert_eq!(browser.get(&app, "/api/session").send().await.unwrap().status(), 401, "the ended session was deleted");

        // Used all along, but signed in longer ago than the session's hours: ended.
        let browser = sign_in(&app, "jo@example.org").await;
        assert_eq!(browser.info.expires_at.unix_seconds() - now(), 2 * 3600);
        execute(db, &app.database_url, &format!("UPDATE sessions SET created_at = {}", now() - 2 * 3600 + 5)).await.unwrap();
        assert_eq!(browser.get(&app, "/api/session").send().await.unwrap().status(), 200);
        execute(db, &app.database_url, &format!("UPDATE sessions SET created_at = {}", now() - 2 * 3600)).await.unwrap();
        assert_eq!(browser.get(&app, "/api/session").send().await.unwrap().status(), 401);
    }

    async fn disabling_an_account_ends_its_session_at_once(db: Db) {
        let app = TestApp::spawn(db).await;
        let id = new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Supervisor).await;
        let browser = sign_in(&app, "jo@example.org").await;
        assert_eq!(browser.get(&app, "/api/console/requests").send().await.unwrap().status(), 200);
        assert_eq!(disable_advocate(storage(&app).await.as_ref(), "JO@example.org").await.unwrap(), id);
        assert_eq!(browser.get(&app, "/api/console/requests").send().await.unwrap().status(), 401);
        let refused = problem(sign_in_response(&app, "jo@example.org", PASSWORD).await, 401).await;
        assert_eq!(refused.title, "Sign-in failed", "a disabled account is refused like a wrong password");
        assert!(matches!(disable_advocate(storage(&app).await.as_ref(), "nobody@example.org").await, Err(AccountError::NoSuchAccount)));
        let rows = audit_rows(&app, &format!("advocate:{id}")).await;
        assert_eq!(rows.first().map(String::as_str), Some("operator advocate.created"));
        assert!(rows.contains(&"operator advocate.disabled".to_string()), "{rows:?}");
    }

    async fn the_create_advocate_command_checks_what_it_is_given(db: Db) {
        let app = TestApp::spawn(db).await;
        let storage = storage(&app).await;
        let short = create_advocate(storage.as_ref(), "jo@example.org", "Jo Park", AdvocateRole::Supervisor, "elevenchars").await;
        match short {
            Err(AccountError::Invalid(errors)) => assert_eq!(errors[0].field, "password"),
            other => panic!("a short password was accepted: {other:?}"),
        }
        let id = create_advocate(storage.as_ref(), " Jo@Example.org ", " Jo Park ", AdvocateRole::Supervisor, PASSWORD).await.unwrap();
        let again = create_advocate(storage.as_ref(), "jo@example.ORG", "Another Jo", AdvocateRole::Advocate, PASSWORD).await;
        assert!(matches!(again, Err(AccountError::EmailTaken)), "{again:?}");
        let account = storage.advocate_by_email("jo@example.org").await.unwrap().unwrap();
        assert_eq!((account.id, account.name.as_str(), account.role, account.disabled), (id, "Jo Park", AdvocateRole::Supervisor, false));
        assert!(account.password_hash.starts_with("$argon2id$") && !account.password_hash.contains(PASSWORD));
        assert_eq!(sign_in(&app, "jo@example.org").await.info.advocate.role, AdvocateRole::Supervisor);
    }

    async fn a_carrier_plan_request_is_a_hand_off_in_the_queue_overdue_when_late_and_done_when_recorded(db: Db) {
        let app = TestApp::spawn(db).await;
        new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let browser = sign_in(&app, "jo@example.org").await;
        let body = json!({
            "relationship": "employee",
            "service_id": "second-opinion",
            "plan": "carrier-plan",
            "answers": { "condition": "Knee pain, surgery advised", "zip": "10001" },
            "contact": { "name": "Ana Ruiz", "method": "phone", "phone": "(555) 201-4477", "best_time": "anytime" },
            "consent_to_contact": true
        });
        let created = app
            .client
            .post(format!("{}/api/requests", app.url))
            .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
        let receipt: RequestReceipt = created.json().await.unwrap();
        let reference = receipt.reference.to_string();
        let member_status = || async {
            let response =
                app.client.get(format!("{}/api/requests/{reference}", app.url)).bearer_auth(&receipt.verifier).send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.json::<advocate_domain::RequestStatus>().await.unwrap()
        };

        // In the default queue as a hand-off, not overdue yet; then past its window, overdue.
        let queue = browser.queue(&app, "").await;
        assert_eq!(
            queue.iter().map(|s| (&s.reference, s.state, s.overdue)).collect::<Vec<_>>(),
            [(&receipt.reference, RequestState::AwaitingHandoff, false)]
        );
        promise_by(db, &app.database_url, &reference, "2021-06-01T00:00:00Z").await;
        assert!(browser.queue(&app, "").await[0].overdue, "a hand-off nobody did is overdue like any request");
        assert_eq!(member_status().await.state, RequestState::AwaitingHandoff);

        // Recording it needs the method and a note.
        let path = format!("/api/console/requests/{reference}/status");
        let no_method = browser.post(&app, &path).json(&json!({ "state": "routed_to_carrier", "note": "Done" })).send().await.unwrap();
        assert_eq!(problem(no_method, 422).await.errors[0].field, "handoff");
        let done = browser
            .post(&app, &path)
            .json(&json!({ "state": "routed_to_carrier", "handoff": "warm_transfer", "note": "Transferred Ana to Cigna, spoke to Lee" }))
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), 200);

        // The member's page says it happened; the queue no longer shows it; the case and the audit say how.
        let shown = member_status().await;
        assert_eq!(shown.state, RequestState::RoutedToCarrier);
        assert_eq!(shown.handoff.map(|h| h.method), Some(advocate_domain::handoff::HandoffMethod::WarmTransfer));
        assert!(browser.queue(&app, "").await.is_empty());
        let case = browser.case(&app, &receipt).await;
        assert_eq!(case.history.last().and_then(|h| h.handoff), Some(advocate_domain::handoff::HandoffMethod::WarmTransfer));
        assert!(audit_rows(&app, &reference).await.iter().any(|row| row.ends_with("case.handed_off")));
    }

    async fn the_queue_puts_overdue_requests_first(db: Db) {
        let app = TestApp::spawn(db).await;
        let jo = new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let browser = sign_in(&app, "jo@example.org").await;
        let a = new_request(&app, "Ana").await;
        let b = new_request(&app, "Ben").await;
        let c = new_request(&app, "Cy").await;
        // B was promised earliest but is being worked on; C is new and past its promise.
        promise_by(db, &app.database_url, &b.reference.to_string(), "2020-01-01T00:00:00Z").await;
        promise_by(db, &app.database_url, &c.reference.to_string(), "2021-06-01T00:00:00Z").await;
        let started = browser.post(&app, &format!("/api/console/requests/{}/status", b.reference)).json(&json!({ "state": "in_progress" })).send().await.unwrap();
        assert_eq!(started.status(), 200);

        let queue = browser.queue(&app, "").await;
        let order: Vec<_> = queue.iter().map(|s| (s.reference.clone(), s.overdue)).collect();
        assert_eq!(order, [(c.reference.clone(), true), (b.reference.clone(), false), (a.reference.clone(), false)]);
        assert_eq!(queue[0].service_title, a.service_title);
        assert_eq!(queue[0].state, RequestState::New);

        let in_progress = browser.queue(&app, "?status=in_progress").await;
        assert_eq!(in_progress.iter().map(|s| &s.reference).collect::<Vec<_>>(), [&b.reference]);
        assert!(browser.queue(&app, "?status=resolved").await.is_empty());
        let area = queue[0].area.clone();
        assert_eq!(browser.queue(&app, &format!("?area={area}")).await.len(), 3);

        assert!(browser.queue(&app, "?mine=true").await.is_empty());
        let assigned: CaseSummary = browser.post(&app, &format!("/api/console/requests/{}/assign", a.reference)).send().await.unwrap().json().await.unwrap();
        assert_eq!(assigned.assigned_to.as_ref().map(|n| (n.id, n.name.as_str())), Some((jo, "Jo Park")));
        let mine = browser.queue(&app, "?mine=true").await;
        assert_eq!(mine.iter().map(|s| &s.reference).collect::<Vec<_>>(), [&a.reference]);
        assert_eq!(mine[0].assigned_to.as_ref().unwrap().name, "Jo Park");

        let bad = browser.get(&app, "/api/console/requests?status=lost&area=nowhere").send().await.unwrap();
        let fields: Vec<String> = problem(bad, 422).await.errors.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["status", "area"]);
    }

    async fn the_queues_length_keeps_the_soonest_promises_across_states(db: Db) {
        use advocate_server::storage::QueueFilter;
        let app = TestApp::spawn(db).await;
        new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let browser = sign_in(&app, "jo@example.org").await;
        let mut receipts = Vec::new();
        for (name, promised, working) in
            [("Ana", "2021-01-04", false), ("Ben", "2021-01-01", true), ("Cy", "2021-01-03", true), ("Di", "2021-01-02", false)]
        {
            let receipt = new_request(&app, name).await;
            promise_by(db, &app.database_url, &receipt.reference.to_string(), &format!("{promised}T00:00:00Z")).await;
            if working {
                let url = format!("/api/console/requests/{}/status", receipt.reference);
                let started = browser.post(&app, &url).json(&json!({ "state": "in_progress" })).send().await.unwrap();
                assert_eq!(started.status(), 200);
            }
            receipts.push(receipt.reference.to_string());
        }
        let queued = |limit: usize| {
            let app = &app;
            async move {
                let filter = QueueFilter { states: vec![RequestState::New, RequestState::InProgress], area: None, assigned_to: None, limit };
                storage(app).await.queue(&filter).await.unwrap().into_iter().map(|q| q.reference.to_string()).collect::<Vec<_>>()
            }
        };
        // Ben (in progress), Di (new), Cy (in progress), Ana (new): soonest first, whatever the state.
        assert_eq!(queued(3).await, [receipts[1].clone(), receipts[3].clone(), receipts[2].clone()]);
        assert_eq!(queued(10).await.len(), 4);
        assert_eq!(queued(1).await, [receipts[1].clone()]);
    }

    async fn case_work_is_audited_and_supervisors_read_the_trail(db: Db) {
        let app = TestApp::spawn(db).await;
        let jo = new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let kim = new_advocate(&app, "kim@example.org", "Kim Reyes", AdvocateRole::Supervisor).await;
        let advocate = sign_in(&app, "jo@example.org").await;
        let supervisor = sign_in(&app, "kim@example.org").await;
        let receipt = new_request(&app, "Ana Lopez").await;
        let reference = receipt.reference.to_string();
        let page = app
            .client
            .post(format!("{}/api/requests/{reference}/bill/pages", app.url))
            .bearer_auth(&receipt.verifier)
            .body(b"%PDF-1.4\n% a scanned bill\n".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 201);
        let page_id = page.json::<advocate_domain::bill_attachment::BillPage>().await.unwrap().id;

        let path = |rest: &str| format!("/api/console/requests/{reference}{rest}");
        assert_eq!(advocate.post(&app, &path("/assign")).send().await.unwrap().status(), 200);
        let note = advocate.post(&app, &path("/notes")).json(&json!({ "text": "Called, left a voicemail." })).send().await.unwrap();
        assert_eq!(note.status(), 201);
        let note: CaseNote = note.json().await.unwrap();
        assert_eq!((note.author.id, note.text.as_str()), (jo, "Called, left a voicemail."));
        let waiting = advocate.post(&app, &path("/status")).json(&json!({ "state": "waiting_on_member", "note": "Asked for the EOB." })).send().await.unwrap();
        assert_eq!(waiting.json::<CaseSummary>().await.unwrap().state, RequestState::WaitingOnMember);
        for refused in [json!({ "state": "waiting_on_member" }), json!({ "state": "new" })] {
            let response = advocate.post(&app, &path("/status")).json(&refused).send().await.unwrap();
            assert_eq!(problem(response, 422).await.errors[0].field, "state");
        }
        assert_eq!(advocate.post(&app, &path("/notes")).json(&json!({ "text": " " })).send().await.unwrap().status(), 422);
        assert_eq!(advocate.get(&app, "/api/console/requests/ZZZZ-ZZZZ").send().await.unwrap().status(), 404);

        let case = advocate.case(&app, &receipt).await;
        assert_eq!(case.request.contact.name, "Ana Lopez");
        assert_eq!(case.request.notes, "Please call after 6.");
        assert!(case.request.consent_to_contact);
        assert_eq!(case.routing.handler, case.summary.handler);
        assert_eq!(case.summary.assigned_to.as_ref().map(|n| n.id), Some(jo));
        assert_eq!(case.notes.iter().map(|n| (n.author.name.as_str(), n.text.as_str())).collect::<Vec<_>>(), [("Jo Park", "Called, left a voicemail.")]);
        let history: Vec<_> = case.history.iter().map(|h| (h.from, h.to, h.by.as_ref().map(|b| b.id), h.note.as_deref())).collect();
        assert_eq!(history, [
            (None, RequestState::New, None, None),
            (Some(RequestState::New), RequestState::WaitingOnMember, Some(jo), Some("Asked for the EOB.")),
        ]);
        let bill = case.bill.expect("the attached bill is part of the case");
        assert_eq!(bill.pages.iter().map(|p| p.id).collect::<Vec<_>>(), [page_id]);

        let download = advocate.get(&app, &path(&format!("/bill/pages/{page_id}"))).send().await.unwrap();
        assert_eq!(download.status(), 200);
        assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
        assert_eq!(download.headers()["content-security-policy"], "sandbox; default-src 'none'");
        assert_eq!(download.headers()["cache-control"], "no-store");
        assert_eq!(download.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n% a scanned bill\n");

        // Advocates cannot read the audit trail; supervisors can, and their reading is in it.
        let forbidden = advocate.get(&app, &format!("/api/console/audit?subject={reference}")).send().await.unwrap();
        assert_eq!(problem(forbidden, 403).await.detail.as_deref(), Some("Only supervisors can do this."));
        let trail = supervisor.get(&app, &format!("/api/console/audit?subject={}", reference.to_lowercase().replace('-', ""))).send().await.unwrap();
        assert_eq!(trail.status(), 200);
        assert_eq!(trail.headers()["cache-control"], "no-store");
        let trail: AuditTrail = trail.json().await.unwrap();
        assert_eq!(trail.subject, reference);
        let actor = format!("advocate:{jo}");
        let events: Vec<(String, Option<String>, String)> = trail.events.iter().map(|e| (e.actor.clone(), e.actor_name.clone(), e.action.clone())).collect();
        let by = |who: &str, name: Option<&str>, action: &str| (who.to_string(), name.map(str::to_string), action.to_string());
        assert_eq!(events, [
            by("member", None, "request.created"),
            by("member", None, "bill.page_added"),
            by(&actor, Some("Jo Park"), "case.assigned"),
            by(&actor, Some("Jo Park"), "case.note_added"),
            by(&actor, Some("Jo Park"), "case.status_changed"),
            by(&actor, Some("Jo Park"), "case.viewed"),
            by(&actor, Some("Jo Park"), "bill.page_downloaded"),
            by(&format!("advocate:{kim}"), Some("Kim Reyes"), "audit.viewed"),
        ]);
        assert!(trail.events.iter().all(|e| e.subject == reference && !e.request_id.is_empty()));
    }

    async fn notes_and_status_changes_cannot_be_changed_even_with_sql(db: Db) {
        let app = TestApp::spawn(db).await;
        new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
        let browser = sign_in(&app, "jo@example.org").await;
        let receipt = new_request(&app, "Ana Lopez").await;
        let path = format!("/api/console/requests/{}", receipt.reference);
        assert_eq!(browser.post(&app, &format!("{path}/notes")).json(&json!({ "text": "First call." })).send().await.unwrap().status(), 201);
        assert_eq!(browser.post(&app, &format!("{path}/status")).json(&json!({ "state": "resolved" })).send().await.unwrap().status(), 200);
        // A note's sealed text may only be sealed again (a key rotation), never taken away.
        for sql in [
            "UPDATE case_notes SET advocate_id = advocate_id + 1",
            "UPDATE case_notes SET created_at = 0",
            "UPDATE case_notes SET sealed = NULL",
            "DELETE FROM case_notes",
            "UPDATE status_changes SET to_state = 'new'",
            "DELETE FROM status_changes",
        ] {
            let error = execute(db, &app.database_url, sql).await.expect_err(sql).to_string();
            assert!(error.contains("cannot be changed") || error.contains("cannot be deleted"), "{sql}: {error}");
        }
        let case = browser.case(&app, &receipt).await;
        assert_eq!(case.notes[0].text, "First call.");
        assert_eq!(case.history.last().map(|h| h.to), Some(RequestState::Resolved));
    }
}

/// Another site's page can post a form (or text) to the sign-in, but never JSON: a sign-in that is
/// not JSON is refused, so no page can sign a visitor in to someone else's account.
#[tokio::test]
async fn a_sign_in_that_is_not_json_is_refused() {
    let app = TestApp::spawn(Db::Sqlite).await;
    new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
    let body = json!({ "email": "jo@example.org", "password": PASSWORD }).to_string();
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let mut request = app.client.post(format!("{}/api/session", app.url)).body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.send().await.unwrap();
        assert!(response.headers().get("set-cookie").is_none(), "{content_type:?}");
        assert!(problem(response, 422).await.detail.unwrap().contains("application/json"), "{content_type:?}");
    }
}

#[tokio::test]
async fn under_a_base_path_the_cookie_is_scoped_to_it_and_the_console_is_described() {
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.base_path = "/advocate/".into()).await;
    new_advocate(&app, "jo@example.org", "Jo Park", AdvocateRole::Advocate).await;
    let response = sign_in_response(&app, "jo@example.org", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.ends_with("; Path=/advocate/"), "{cookie}");

    let spec: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    for (path, method) in [
        ("/api/session", "post"),
        ("/api/session", "get"),
        ("/api/session", "delete"),
        ("/api/session/keepalive", "post"),
        ("/api/console/requests", "get"),
        ("/api/console/requests/{reference}", "get"),
        ("/api/console/requests/{reference}/assign", "post"),
        ("/api/console/requests/{reference}/status", "post"),
        ("/api/console/requests/{reference}/notes", "post"),
        ("/api/console/requests/{reference}/bill/pages/{id}", "get"),
        ("/api/console/audit", "get"),
    ] {
        assert!(spec["paths"][path][method].is_object(), "{method} {path} missing from the OpenAPI description");
    }
    for schema in ["SessionInfo", "CaseQueue", "Case", "StatusChange", "NewCaseNote", "CaseNote", "AuditTrail"] {
        assert!(spec["components"]["schemas"][schema].is_object(), "{schema}");
    }
    assert!(spec["components"]["securitySchemes"]["advocate_session"].is_object());
}
