//! The API against its own description: schemathesis sends every operation of
//! `/api/openapi.json` requests drawn from the document, valid and invalid, to the release
//! server, and checks each answer against what the document promises (issue 16).
//!
//! The server runs on its own data directory with one member request and one signed-in advocate,
//! so that the operations behind a verifier or a session are reached too: their credentials reach
//! schemathesis through the variables xtask/schemathesis.toml names. The run is reproducible (a
//! fixed seed, deterministic generation, one worker, nothing kept from an earlier run). Each
//! check's figures and every failure go to the report; schemathesis's own account of each run
//! and the server's log stay in target/schemathesis/.

use crate::run::{Counts, workspace_root};
use crate::test::{Running, TEST_ADVOCATE_EMAIL, TEST_ADVOCATE_PASSWORD, create_test_advocate, start_server, stop};
use crate::tools;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Test cases per operation and phase: enough to reach each operation's edge cases, with the
/// whole run well within two minutes on two cores.
const EXAMPLES_PER_OPERATION: &str = "100";
const SEED: &str = "16";
/// Signing out ends the session every console operation uses, and deleting the bill ends the
/// bill and page the member's operations read: they run on their own, last.
const ENDINGS: [&str; 2] = ["DELETE /api/session", "DELETE /api/requests/{reference}/bill"];
/// A page of the bill: the server keeps any PDF (reading it is the bill reader's business).
const PAGE: &[u8] = b"%PDF-1.4\n%%EOF\n";
const EMPLOYER: &str = "[[employer]]\nslug = \"acme\"\nname = \"Acme Corporation\"\nallowed_origins = [\"https://intranet.acme.example\"]\n\
                        [employer.colours]\nprimary = \"#5a2d82\"\naction = \"#1d5c99\"\n";
/// The label of the stateful phase's test cases: sequences of operations the document's links join.
const STATEFUL: &str = "Stateful tests";

/// Runs schemathesis over the whole API: one passed or failed test, and the report's lines.
pub fn run(server: &Path) -> (Counts, Vec<String>) {
    println!("\n==> schemathesis over /api/openapi.json");
    let mut counts = Counts::default();
    let lines = match check_api(server) {
        Ok(tally) => {
            if tally.failures() == 0 {
                counts.passed += 1;
            } else {
                counts.failed += 1;
            }
            tally.report()
        }
        Err(error) => {
            counts.failed += 1;
            vec![format!("schemathesis did not run: {error}")]
        }
    };
    for line in &lines {
        println!("{line}");
    }
    (counts, lines)
}

fn check_api(server: &Path) -> Result<Tally, String> {
    let st = tools::ensure_schemathesis()?;
    let dir = workspace_root().join("target/schemathesis");
    let data = dir.join("data");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    create_test_advocate(server, &data)?;
    // One employer, for GET /api/employers/{slug}.
    let employers = data.join("employers.toml");
    std::fs::write(&employers, EMPLOYER).map_err(|e| e.to_string())?;
    let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
    let mut running = start_server(server, &data, "/", Some(&employers), Some(log))?;
    let result = run_schemathesis(&st, &running, &dir);
    stop(&mut running.child);
    result
}

/// A member request with a bill and a page of it, an advocate's session, then the two runs:
/// every operation but those that end what the others use, and then those.
fn run_schemathesis(st: &Path, running: &Running, dir: &Path) -> Result<Tally, String> {
    let port = running.port;
    let receipt = send(port, "POST", "/api/requests", &[("Idempotency-Key", "schemathesis-request-0001")], &member_request())?;
    let (reference, verifier) = match (receipt.body["reference"].as_str(), receipt.body["verifier"].as_str()) {
        (Some(reference), Some(verifier)) => (reference.to_string(), verifier.to_string()),
        _ => return Err(format!("opening a request answered {}: {}", receipt.status, receipt.body)),
    };
    let bearer = format!("Bearer {verifier}");
    let bill = send(port, "PUT", &format!("/api/requests/{reference}/bill"), &[("Authorization", &bearer)], &attached_bill())?;
    if bill.status != 200 {
        return Err(format!("attaching a bill answered {}: {}", bill.status, bill.body));
    }
    let page = send(port, "POST", &format!("/api/requests/{reference}/bill/pages"), &[("Authorization", &bearer)], &PAGE)?;
    let page_id = page.body["id"].as_i64().ok_or(format!("adding a page answered {}: {}", page.status, page.body))?;
    let signed_in = send(port, "POST", "/api/session", &[], &json!({ "email": TEST_ADVOCATE_EMAIL, "password": TEST_ADVOCATE_PASSWORD }))?;
    let csrf = signed_in.body["csrf_token"].as_str().ok_or(format!("signing in answered {}: {}", signed_in.status, signed_in.body))?;
    let session = signed_in.cookie("advocate_session").ok_or("signing in set no advocate_session cookie")?;

    let mut tally = Tally::default();
    for (name, filter) in [("all", "--exclude-name"), ("endings", "--include-name")] {
        let ndjson = dir.join(format!("{name}.ndjson"));
        let output = Command::new(st)
            .current_dir(dir)
            .arg("--config-file")
            .arg(workspace_root().join("xtask/schemathesis.toml"))
            .arg("--no-color")
            .arg("run")
            .arg(format!("http://127.0.0.1:{port}/api/openapi.json"))
            .args([
                filter,
                ENDINGS[0],
                filter,
                ENDINGS[1],
                "--checks",
                "all",
                "--workers",
                "1",
                "--seed",
                SEED,
                "--generation-deterministic",
            ])
            .args(["--max-examples", EXAMPLES_PER_OPERATION, "--continue-on-failure", "--report", "ndjson", "--report-ndjson-path"])
            .arg(&ndjson)
            .env("ADVOCATE_REFERENCE", &reference)
            .env("ADVOCATE_VERIFIER", &verifier)
            .env("ADVOCATE_PAGE_ID", page_id.to_string())
            .env("ADVOCATE_SESSION", &session)
            .env("ADVOCATE_CSRF", csrf)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", st.display()))?;
        // Its whole account, warnings included, for a closer look.
        let _ = std::fs::write(dir.join(format!("{name}.txt")), &output.stdout);
        let printed = String::from_utf8_lossy(&output.stdout);
        // Its own account of each failure (with a curl line to reproduce it), not the progress.
        if let Some(failures) = printed.split("= FAILURES =").nth(1) {
            println!("{}", failures.split("= WARNINGS =").next().unwrap_or_default().split("= SUMMARY =").next().unwrap_or_default());
        }
        let events = std::fs::read_to_string(&ndjson)
            .map_err(|e| format!("schemathesis wrote no report ({e}): {printed}{}", String::from_utf8_lossy(&output.stderr)))?;
        tally.add(&events);
    }
    Ok(tally)
}

/// What the runs found, check by check.
#[derive(Default)]
struct Tally {
    operations: BTreeSet<String>,
    test_cases: u64,
    checks: BTreeMap<String, CheckTally>,
    /// Test cases that could not be checked: the server dropped the connection, timed out, or
    /// schemathesis could not build a request from the document.
    errors: Vec<String>,
}

#[derive(Default)]
struct CheckTally {
    operations: BTreeSet<String>,
    test_cases: u64,
    failed: u64,
    /// Each failing operation with what failed, once.
    failures: BTreeSet<String>,
}

impl Tally {
    /// Reads schemathesis's NDJSON events: each finished scenario holds its test cases' checks.
    fn add(&mut self, events: &str) {
        for event in events.lines().filter_map(|line| serde_json::from_str::<Value>(line).ok()) {
            if let Some(scenario) = event.get("ScenarioFinished") {
                let operation = scenario["recorder"]["label"].as_str().unwrap_or("?").to_string();
                let cases = scenario["recorder"]["checks"].as_object().cloned().unwrap_or_default();
                for checks in cases.values() {
                    self.test_cases += 1;
                    // The stateful phase's sequences span operations, each already counted.
                    if operation != STATEFUL {
                        self.operations.insert(operation.clone());
                    }
                    // max_response_time is recorded on every test case but checks nothing without
                    // --max-response-time, which is not given: timings vary on a shared machine
                    // (the wrk benchmark reports them).
                    for check in checks.as_array().into_iter().flatten().filter(|c| c["name"] != "max_response_time") {
                        let tally = self.checks.entry(check["name"].as_str().unwrap_or("?").to_string()).or_default();
                        if operation != STATEFUL {
                            tally.operations.insert(operation.clone());
                        }
                        tally.test_cases += 1;
                        if check["status"] == "failure" {
                            tally.failed += 1;
                            let title = check["failure_info"]["failure"]["title"].as_str().unwrap_or("failed");
                            tally.failures.insert(format!("{operation}: {title}"));
                        }
                    }
                }
            } else if let Some(error) = event.get("NonFatalError") {
                let label = error["label"].as_str().unwrap_or("?");
                let message = error["value"]["message"].as_str().unwrap_or("an error");
                self.errors.push(format!("{label}: {message}"));
            }
        }
    }

    fn failures(&self) -> u64 {
        self.checks.values().map(|c| c.failed).sum::<u64>() + self.errors.len() as u64
    }

    fn report(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "schemathesis {} over /api/openapi.json: {} operations, {} test cases, {} failures, {} errors",
            tools::SCHEMATHESIS_VERSION,
            self.operations.len(),
            self.test_cases,
            self.checks.values().map(|c| c.failed).sum::<u64>(),
            self.errors.len()
        )];
        for (name, check) in &self.checks {
            lines.push(format!(
                "  {name}: {} operations, {} test cases, {} failed",
                check.operations.len(),
                check.test_cases,
                check.failed
            ));
            lines.extend(check.failures.iter().map(|f| format!("    FAILED {f}")));
        }
        lines.extend(self.errors.iter().map(|e| format!("  ERROR {e}")));
        lines
    }
}

/// A member's second-opinion request, as the browser sends it.
fn member_request() -> Value {
    json!({
        "relationship": "employee",
        "service_id": "second-opinion",
        "plan": "other-plan",
        "answers": { "condition": "Knee surgery advised", "zip": "10001" },
        "contact": { "name": "Sam Lee", "method": "phone", "phone": "555-201-4477", "best_time": "anytime" },
        "consent_to_contact": true,
        "notes": ""
    })
}

/// A $250 office visit the plan did not cover.
fn attached_bill() -> Value {
    json!({
        "bill": { "lines": [{ "date": "2025-03-01", "code": "99213", "description": "Office visit", "charge": 25000, "units": 1 }], "payer": "unknown" },
        "situation": { "coverage": "not-covered" },
        "zip": "10001"
    })
}

struct Answer {
    status: u16,
    head: String,
    body: Value,
}

impl Answer {
    /// A cookie the answer sets.
    fn cookie(&self, name: &str) -> Option<String> {
        self.head.lines().filter(|l| l.to_ascii_lowercase().starts_with("set-cookie:")).find_map(|l| {
            let value = l.split_once(':')?.1.trim();
            let (cookie, rest) = value.split_once('=')?;
            (cookie == name).then(|| rest.split(';').next().unwrap_or_default().to_string())
        })
    }
}

/// A body to send: JSON, or a file's bytes.
trait Body {
    fn content(&self) -> (&'static str, Vec<u8>);
}

impl Body for Value {
    fn content(&self) -> (&'static str, Vec<u8>) {
        ("application/json", self.to_string().into_bytes())
    }
}

impl Body for &[u8] {
    fn content(&self) -> (&'static str, Vec<u8>) {
        ("application/octet-stream", self.to_vec())
    }
}

/// A request on loopback, answered in JSON. HTTP/1.0, so the body comes whole rather than in chunks.
fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &dyn Body) -> Result<Answer, String> {
    let attempt = || -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let (content_type, body) = body.content();
        let mut request =
            format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n", body.len());
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes())?;
        stream.write_all(&body)?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        Ok(response)
    };
    let response = attempt().map_err(|e| format!("{method} {path}: {e}"))?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n").ok_or(format!("{method} {path}: no answer"))?;
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok(Answer { status, head: head.to_string(), body: serde_json::from_str(body).unwrap_or(Value::Null) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_checks_test_cases_and_failures_are_counted_from_schemathesis_events() {
        let checks = |status: &str| {
            json!([
                { "name": "not_a_server_error", "status": "success" },
                { "name": "status_code_conformance", "status": status,
                  "failure_info": { "failure": { "title": "Undocumented HTTP status code" } } },
                { "name": "max_response_time", "status": "success" }
            ])
        };
        let scenario = |label: &str, cases: Value| json!({ "ScenarioFinished": { "status": "failure", "recorder": { "label": label, "checks": cases } } });
        let events = [
            scenario("GET /api/program", json!({ "a": checks("success"), "b": checks("failure") })),
            scenario(STATEFUL, json!({ "c": checks("success") })),
            json!({ "NonFatalError": { "label": "GET /api/services", "value": { "type": "ConnectionError", "message": "reset" } } }),
        ]
        .map(|e| e.to_string())
        .join("\n");
        let mut tally = Tally::default();
        tally.add(&events);
        assert_eq!(tally.test_cases, 3);
        assert_eq!(tally.operations.len(), 1, "the stateful sequences are no operation of their own");
        assert!(!tally.checks.contains_key("max_response_time"), "it checks nothing without a time limit");
        let conformance = &tally.checks["status_code_conformance"];
        assert_eq!((conformance.test_cases, conformance.failed), (3, 1));
        assert_eq!(tally.errors, ["GET /api/services: reset"]);
        assert_eq!(tally.failures(), 2);
        assert!(tally.report().contains(&"    FAILED GET /api/program: Undocumented HTTP status code".to_string()));
    }
}
