//! The load mix (issue 17): what members and advocates do at once, for a minute, against the
//! release server on SQLite and against two release servers sharing one PostgreSQL. One `wrk`
//! per kind of request, all running together, so each prints its own throughput and latency:
//! catalog and program reads, estimates, request creation (a new idempotency key each time),
//! status reads, bill reviews, and an advocate polling the queue. Request creation and status
//! reads go as fast as the servers answer; the kinds that need no database, and the queue polls,
//! are held to a rate (`MEMBER_READS_PER_SECOND` says why). Printed, never asserted.

use crate::tools::command;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EMAIL: &str = "load@example.org";
const PASSWORD: &str = "load test password 1234";

/// The member reads that need no database (program and catalog reads, estimates) are held to
/// these rates rather than sent flat out: flat out they took every cycle of this 2-core machine,
/// and PostgreSQL, sharing it, was starved for 1–10 s at a time (10+ backends runnable and not
/// run while the servers' four worker threads and wrk took all the CPU; sampled from /proc).
/// Linux's autogroup gives each session its own scheduling group, and PostgreSQL puts every
/// backend in a session of its own: a backend that mostly waits wakes with almost no weight
/// against the servers' busy group. With autogroup off the same mix had no stall. A deployment
/// runs PostgreSQL on its own host or in its own cgroup (README, "Deployment"); how many estimates
/// one server answers flat out is measured on its own, apart from this mix.
const MEMBER_READS_PER_SECOND: u32 = 1_000;
/// Bill reviews need no database either.
const BILL_REVIEWS_PER_SECOND: u32 = 200;
/// Every signed-in advocate polls the queue every 15 s: 50 a second is 750 advocates at once.
const QUEUE_POLLS_PER_SECOND: u32 = 50;

/// One kind of request: its name in the report, the connections it gets, its wrk script, and
/// the rate it is held to (none: as fast as the servers answer).
struct Kind {
    name: &'static str,
    connections: u32,
    script: String,
    per_second: Option<u32>,
}

impl Kind {
    /// The script wrk runs: the kind's own, a pause after each answer when the kind is held to a
    /// rate, and the status count.
    fn wrk_script(&self) -> String {
        let pause = match self.per_second {
            // Each connection waits this long after each answer, so the kind sends at most
            // `per_second` (fewer when answers are slow).
            Some(rate) => format!("delay = function() return {} end\n", (self.connections * 1000 / rate.max(1)).max(1)),
            None => String::new(),
        };
        format!("{}{pause}\n{COUNT_STATUSES}", self.script)
    }

    fn label(&self) -> String {
        match self.per_second {
            Some(rate) => format!("{} (at most {rate}/s)", self.name),
            None => self.name.to_string(),
        }
    }
}

/// A request with its headers and body, for the few the setup sends itself.
fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Result<(u16, String, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    let mut request = format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream.read_to_string(&mut response).map_err(|e| e.to_string())?;
    let (head, body) = response.split_once("\r\n\r\n").ok_or("no answer")?;
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or("no status")?;
    Ok((status, head.to_string(), body.to_string()))
}

fn new_request_body() -> String {
    json!({
        "relationship": "employee", "service_id": "second-opinion", "plan": "other-plan",
        "answers": { "condition": "Knee surgery advised", "zip": "10001" },
        "contact": { "name": "Sam Lee", "method": "phone", "phone": "555-201-4477", "best_time": "anytime" },
        "consent_to_contact": true, "notes": ""
    })
    .to_string()
}

/// A self-pay bill of twelve lines with a duplicate, as the bill check sends it.
fn review_body() -> String {
    use advocate_domain::bill::{Bill, BillLine, BillPayer};
    use advocate_domain::bill_review::{BillReviewRequest, Situation};
    let line = |code: &str, dollars: i64| BillLine {
        date: advocate_domain::time::Date::new(2025, 3, 4),
        code: Some(code.into()),
        description: format!("Service {code}"),
        units: 1,
        charge: advocate_domain::Money::from_dollars(dollars),
        ..Default::default()
    };
    let codes = ["85025", "85025", "80053", "36415", "71046", "93000", "99284", "96374", "J2405", "81001", "87086", "73721"];
    let bill = Bill { lines: codes.iter().map(|c| line(c, 120)).collect(), payer: BillPayer::SelfPay, ..Default::default() };
    let request = BillReviewRequest { bill, situation: Situation::default(), zip: advocate_domain::Zip::parse("35203").ok() };
    serde_json::to_string(&request).unwrap_or_default()
}

/// Appended to every script: wrk says how many answers were not 2xx/3xx, and this says
/// which statuses they were ("Answered errors: 503×2"), so an error in the report says whether
/// the server refused or wrk gave up waiting.
const COUNT_STATUSES: &str = r#"local threads = {}
setup = function(thread) table.insert(threads, thread) end
statuses = {}
response = function(status)
  if status >= 400 then statuses[status] = (statuses[status] or 0) + 1 end
end
done = function(summary)
  local seen = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do seen[status] = (seen[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(seen) do table.insert(parts, status .. "×" .. count) end
  table.sort(parts)
  io.write("Answered errors: " .. table.concat(parts, ", ") .. "\n")
end
"#;

/// A Lua string literal.
fn lua(text: &str) -> String {
    format!("{text:?}")
}

/// The scripts, given a signed-in advocate's cookie and one request's reference and verifier.
fn kinds(prefix: &str, cookie: &str, reference: &str, verifier: &str) -> Vec<Kind> {
    let get = |paths: &[&str], headers: &str| {
        let list = paths.iter().map(|p| lua(p)).collect::<Vec<_>>().join(", ");
        format!(
            "local paths = {{{list}}}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"GET\", paths[(n % #paths) + 1], {{{headers}}})\nend\n"
        )
    };
    vec![
        Kind {
            name: "GET /api/program, /api/services",
            connections: 4,
            script: get(&["/api/program", "/api/services"], ""),
            per_second: Some(MEMBER_READS_PER_SECOND),
        },
        Kind {
            name: "GET /api/estimates",
            connections: 4,
            script: get(&["/api/estimates?zip=10001&service=mri-knee"], ""),
            per_second: Some(MEMBER_READS_PER_SECOND),
        },
        Kind {
            name: "POST /api/requests",
            connections: 4,
            script: format!(
                "local n = 0\nlocal body = {}\nrequest = function()\n  n = n + 1\n  return wrk.format(\"POST\", \"/api/requests\", {{[\"Content-Type\"] = \"application/json\", [\"Idempotency-Key\"] = string.format(\"{prefix}-%d-%010d\", os.time(), n)}}, body)\nend\n",
                lua(&new_request_body())
            ),
            per_second: None,
        },
        Kind {
            name: "GET /api/requests/{reference}",
            connections: 2,
            script: get(&[&format!("/api/requests/{reference}")], &format!("[\"Authorization\"] = {}", lua(&format!("Bearer {verifier}")))),
            per_second: None,
        },
        Kind {
            name: "POST /api/bills/review",
            connections: 2,
            script: format!(
                "local body = {}\nrequest = function()\n  return wrk.format(\"POST\", \"/api/bills/review\", {{[\"Content-Type\"] = \"application/json\"}}, body)\nend\n",
                lua(&review_body())
            ),
            per_second: Some(BILL_REVIEWS_PER_SECOND),
        },
        Kind {
            name: "GET /api/console/requests",
            connections: 2,
            script: get(&["/api/console/requests"], &format!("[\"Cookie\"] = {}", lua(cookie))),
            per_second: Some(QUEUE_POLLS_PER_SECOND),
        },
    ]
}

/// A release server for the load, with allowances far above what one address sends here.
fn start(server: &Path, port: u16, data_dir: &Path, database: Option<&str>, key: &Path) -> Result<Child, String> {
    let mut cmd = Command::new(server);
    cmd.args(["--listen", &format!("127.0.0.1:{port}")]).arg("--data-dir").arg(data_dir).arg("--bill-key-file").arg(key);
    if let Some(url) = database {
        cmd.args(["--database-url", url]);
    }
    for limit in ["REQUESTS", "BILL_PAGES", "BILL_READS", "BILL_REVIEWS"] {
        cmd.env(format!("ADVOCATE_{limit}_PER_HOUR"), "1000000000");
    }
    // What the server logs at the warning level (errors, answers slower than a second) is kept (target/load-mix), and the report quotes it
    // when there is any: a 500 under load must be readable afterwards.
    let log = server_log(data_dir);
    let _ = std::fs::create_dir_all(log.parent().expect("a folder"));
    let errors = std::fs::File::create(&log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    // The server logs to standard output; standard error gets whatever a panic prints.
    let panics = errors.try_clone().map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let child = cmd.env("ADVOCATE_LOG", "warn").stdout(errors).stderr(panics).spawn().map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if http(port, "GET", "/readyz", &[], "").is_ok_and(|(status, ..)| status == 200) {
            return Ok(child);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err("the server did not become ready".into())
}

/// Where the server with this data folder ("sqlite", "pg-a", "pg-b") writes its error log.
fn server_log(data_dir: &Path) -> PathBuf {
    let name = data_dir.file_name().map_or_else(|| "server".into(), |n| n.to_string_lossy().into_owned());
    crate::run::workspace_root().join("target/load-mix").join(format!("{name}.log"))
}

/// A report line for each server that logged errors or slow answers under load: how many of
/// each, and the first error (or else the first slow answer). Warnings at start (no SPA built)
/// are not counted.
fn logged_errors() -> Vec<String> {
    let folder = crate::run::workspace_root().join("target/load-mix");
    let mut logs: Vec<PathBuf> = std::fs::read_dir(&folder).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())).collect();
    logs.sort();
    logs.iter()
        .filter_map(|log| {
            let text = std::fs::read_to_string(log).ok()?;
            let errors: Vec<&str> = text.lines().filter(|l| l.contains(" ERROR ") || l.contains("panicked")).collect();
            let slow: Vec<&str> = text.lines().filter(|l| l.contains("answered slowly")).collect();
            let first: String = errors.first().or(slow.first())?.chars().take(300).collect();
            let name = log.file_stem()?.to_string_lossy();
            Some(format!(
                "load mix: the {name} server logged {} error(s) and {} answer(s) slower than a second ({}); the first: {first}",
                errors.len(),
                slow.len(),
                log.display()
            ))
        })
        .collect()
}

/// Signs the load's advocate in and opens one request: (cookie, reference, verifier).
fn prepare(server: &Path, port: u16, data_dir: &Path, database: Option<&str>) -> Result<(String, String, String), String> {
    let password_file = data_dir.join("load-password.txt");
    std::fs::write(&password_file, PASSWORD).map_err(|e| e.to_string())?;
    let mut create = Command::new(server);
    create.arg("--data-dir").arg(data_dir);
    if let Some(url) = database {
        create.args(["--database-url", url]);
    }
    let status = create
        .args(["create-advocate", "--email", EMAIL, "--name", "Load Test", "--role", "advocate", "--password-file"])
        .arg(&password_file)
        .env("ADVOCATE_LOG", "error")
        .status()
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&password_file);
    if !status.success() {
        return Err(format!("create-advocate exited with {status}"));
    }
    let sign_in = json!({ "email": EMAIL, "password": PASSWORD }).to_string();
    let (status, head, _) = http(port, "POST", "/api/session", &[("Content-Type", "application/json")], &sign_in)?;
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .and_then(|c| c.split(';').next())
        .ok_or(format!("sign-in answered {status} without a cookie"))?
        .to_string();
    let key = format!("load-setup-{:010}", std::process::id());
    let (status, _, body) =
        http(port, "POST", "/api/requests", &[("Content-Type", "application/json"), ("Idempotency-Key", &key)], &new_request_body())?;
    let receipt: serde_json::Value = serde_json::from_str(&body).map_err(|e| format!("request answered {status}: {e}"))?;
    let field = |name: &str| receipt[name].as_str().map(str::to_string).ok_or(format!("no {name} in the answer ({status}): {body}"));
    Ok((cookie, field("reference")?, field("verifier")?))
}

/// Runs every kind at once for `seconds`, each against its server (kinds alternate between
/// the ports given); a line per kind.
fn run_mix(label: &str, ports: &[u16], kinds: &[Kind], seconds: u64, folder: &Path) -> Vec<String> {
    let mut running = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let port = ports[i % ports.len()];
        let script = folder.join(format!("load-{i}.lua"));
        if std::fs::write(&script, kind.wrk_script()).is_err() {
            return vec![format!("load mix ({label}): cannot write its scripts")];
        }
        let child = command("wrk")
            .args(["-t1", &format!("-c{}", kind.connections), &format!("-d{seconds}s"), "--latency", "-s"])
            .arg(&script)
            .arg(format!("http://127.0.0.1:{port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        running.push((kind.label(), child));
    }
    let mut lines = Vec::new();
    for (name, child) in running {
        let out = child.ok().and_then(|c| c.wait_with_output().ok()).map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        let Some(out) = out else {
            lines.push(format!("load mix, {label}: {name}: wrk did not run"));
            continue;
        };
        // Without its script (a Lua error) wrk would load the home page instead, and say so
        // only on stderr: the figures would be the home page's.
        if !out.contains("Answered errors:") {
            lines.push(format!("load mix, {label}: {name}: wrk's script did not load, so no figures"));
            continue;
        }
        let field = |prefix: &str| {
            out.lines().map(str::trim).find(|l| l.starts_with(prefix)).and_then(|l| l.split_whitespace().nth(1)).unwrap_or("?").to_string()
        };
        let non_2xx: u64 =
            out.lines().find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:")).and_then(|n| n.trim().parse().ok()).unwrap_or(0);
        // "Socket errors: connect 0, read 0, write 0, timeout 4": wrk's timeout is 2 s.
        let socket_errors: Vec<(String, u64)> = out
            .lines()
            .find_map(|l| l.trim().strip_prefix("Socket errors:"))
            .map(|l| {
                l.split(',')
                    .filter_map(|part| {
                        let (kind, count) = part.trim().rsplit_once(' ')?;
                        Some((kind.to_string(), count.parse().ok()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let errors = non_2xx + socket_errors.iter().map(|(_, n)| n).sum::<u64>();
        let mut why: Vec<String> = Vec::new();
        if non_2xx > 0 {
            let statuses = out.lines().find_map(|l| l.trim().strip_prefix("Answered errors:")).unwrap_or("?").trim();
            why.push(format!("answered {statuses}"));
        }
        for (kind, count) in socket_errors.iter().filter(|(_, n)| *n > 0) {
            why.push(match kind.as_str() {
                "timeout" => format!("{count} waited over wrk's 2 s"),
                other => format!("{count} {other} errors"),
            });
        }
        let why = if why.is_empty() { String::new() } else { format!(" ({})", why.join("; ")) };
        lines.push(format!(
            "load mix, {label}, {seconds} s: {name}: {} req/s, p50 {}, p99 {}, {errors} errors{why}",
            field("Requests/sec:"),
            field("50%"),
            field("99%"),
        ));
    }
    lines
}

/// `cargo xtask load`: the release server built, the mix run (ADVOCATE_LOAD_SECONDS, default 60).
pub fn run_command() -> Result<(), String> {
    crate::tools::ensure_load_tools()?;
    let postgres_url = crate::postgres::ensure()?;
    crate::run::run(command("cargo").args(["build", "--release", "-p", "advocate-server"]))?;
    let server = crate::run::workspace_root().join("target/release/advocate-server");
    for line in run(&server, &postgres_url, crate::test::free_port) {
        println!("  {line}");
    }
    Ok(())
}

fn stop(mut child: Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
}

/// The load mix against one server on SQLite, then two on one PostgreSQL (a new database on
/// the test cluster at `postgres_url`).
pub fn run(server: &Path, postgres_url: &str, free_port: impl Fn() -> Result<u16, String>) -> Vec<String> {
    println!("\n==> load mix (wrk)");
    let seconds: u64 = std::env::var("ADVOCATE_LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let folder: PathBuf = std::env::temp_dir().join(format!("advocate-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    if std::fs::create_dir_all(&folder).is_err() {
        return vec!["load mix: cannot make its folder".into()];
    }
    let key = folder.join("bill-files.key");
    let _ = std::fs::remove_dir_all(crate::run::workspace_root().join("target/load-mix"));
    let mut lines = Vec::new();
    let sqlite = (|| -> Result<Vec<String>, String> {
        let port = free_port()?;
        let data = folder.join("sqlite");
        let child = start(server, port, &data, None, &key)?;
        let prepared = prepare(server, port, &data, None);
        let result = prepared.map(|(cookie, reference, verifier)| {
            // Request creation alone first, against its target; then everything together.
            let alone: Vec<Kind> =
                kinds("alone", &cookie, &reference, &verifier).into_iter().filter(|k| k.name == "POST /api/requests").collect();
            let mut lines = run_mix("one server on SQLite, requests alone", &[port], &alone, seconds.min(15), &folder);
            lines.extend(run_mix("one server on SQLite", &[port], &kinds("sqlite", &cookie, &reference, &verifier), seconds, &folder));
            lines
        });
        stop(child);
        result
    })();
    lines.extend(sqlite.unwrap_or_else(|e| vec![format!("load mix on SQLite did not run: {e}")]));

    let postgres = (|| -> Result<Vec<String>, String> {
        let database = crate::postgres::create_database(postgres_url, &format!("advocate_load_{}", std::process::id()))?;
        let (port_a, port_b) = (free_port()?, free_port()?);
        for server in ["pg-a", "pg-b"] {
            std::fs::create_dir_all(folder.join(server)).map_err(|e| e.to_string())?;
        }
        let a = start(server, port_a, &folder.join("pg-a"), Some(&database), &key)?;
        let b = match start(server, port_b, &folder.join("pg-b"), Some(&database), &key) {
            Ok(b) => b,
            Err(e) => {
                stop(a);
                return Err(e);
            }
        };
        let prepared = prepare(server, port_a, &folder.join("pg-a"), Some(&database));
        let result = prepared.map(|(cookie, reference, verifier)| {
            run_mix("two servers on one PostgreSQL", &[port_a, port_b], &kinds("pg", &cookie, &reference, &verifier), seconds, &folder)
        });
        stop(a);
        stop(b);
        result
    })();
    lines.extend(postgres.unwrap_or_else(|e| vec![format!("load mix on PostgreSQL did not run: {e}")]));
    lines.extend(logged_errors());
    lines.push(
        "load mix targets on this 2-core machine: request creation ≥ 500/s with p99 < 50 ms on SQLite; estimates alone ≥ 30,000/s with p99 < 5 ms (the wrk lines above); 0 errors".into(),
    );
    let _ = std::fs::remove_dir_all(&folder);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(connections: u32, per_second: Option<u32>) -> Kind {
        Kind { name: "GET /x", connections, script: "request = function() end\n".into(), per_second }
    }

    #[test]
    fn a_kind_held_to_a_rate_pauses_each_connection_for_its_share_of_a_second() {
        let script = kind(4, Some(1_000)).wrk_script();
        assert!(script.contains("delay = function() return 4 end"), "{script}");
        assert!(script.contains("Answered errors:"));
        assert_eq!(kind(4, Some(1_000)).label(), "GET /x (at most 1000/s)");
    }

    #[test]
    fn a_rate_above_a_thousand_a_connection_still_pauses_a_millisecond() {
        assert!(kind(2, Some(50_000)).wrk_script().contains("delay = function() return 1 end"));
    }

    #[test]
    fn a_kind_sent_flat_out_never_pauses() {
        let script = kind(4, None).wrk_script();
        assert!(!script.contains("delay"), "{script}");
        assert_eq!(kind(4, None).label(), "GET /x");
    }
}
