//! `cargo xtask test`: every test layer, the budgets report, and one summary line.

use crate::run::{Counts, run_tests, workspace_root};
use crate::tools::{self, CHROMEDRIVER, command};
use crate::{build, postgres};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub fn run_all() -> Result<(), String> {
    let started = Instant::now();
    tools::ensure_test_tools()?;
    let postgres_url = postgres::ensure()?;
    let mut total = Counts::default();

    // 1 and 2: domain unit tests, server tests over real HTTP against SQLite and PostgreSQL;
    // the bill reader's score on its own below, so its figures reach the report.
    let (counts, _) = run_tests(
        command("cargo")
            .arg("test")
            .args(["advocate-domain", "advocate-server", "advocate-bill-corpus", "xtask"].iter().flat_map(|name| ["-p", name]))
            .args(["--", "--skip", BILL_SCORE_TEST])
            .args(REPORTING_TESTS.iter().flat_map(|(_, name)| ["--skip", name]))
            .env("ADVOCATE_TEST_POSTGRES_URL", &postgres_url),
    );
    total += counts;
    // The hardening tests whose figures belong in the report, run on their own with their output.
    let mut hardening = Vec::new();
    for (file, name) in REPORTING_TESTS {
        let (counts, reports) = run_tests(
            command("cargo")
                .args(["test", "-p", "advocate-server", "--test", file, "--", name, "--nocapture"])
                .env("ADVOCATE_TEST_POSTGRES_URL", &postgres_url)
                .env("ADVOCATE_LOG", "warn"),
        );
        total += counts;
        hardening.extend(reports);
    }
    // Charge recall and precision per corpus and seconds per page (the real bills' too, when
    // they are beside the repository), asserted on the generated bills.
    // Optimised, as the server reads bills: the pixel work done in Rust (cutting a page into
    // strips, straightening it) would otherwise count several times over in seconds per page.
    let mut score = command("cargo");
    score
        .args(["test", "--release", "-p", "advocate-server", "--test", "bill_reading_score", "--", "--nocapture"])
        .env("ADVOCATE_LOG", "warn");
    // An extra corpus for the report only: the real bills beside the repository, not ours to copy.
    let real_bills = workspace_root().join("..").join("shared").join("data").join("bills");
    if real_bills.is_dir() && std::env::var_os("ADVOCATE_BILLS_DIR").is_none() {
        score.env("ADVOCATE_BILLS_DIR", &real_bills);
    }
    let (counts, bill_reading) = run_tests(&mut score);
    total += counts;

    // Benchmarks: printed, never asserted (timings vary from run to run).
    let mut benchmarks = run_benchmarks();
    benchmarks.extend(bill_reading);
    benchmarks.extend(hardening);

    // 3: component tests in headless Chromium.
    // --nocapture lets the browser's console reach the report (the search timing).
    let (counts, reports) = run_tests(
        command("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", "advocate-web", "--", "--nocapture"])
            .env("CHROMEDRIVER", CHROMEDRIVER),
    );
    total += counts;

    // 4: end to end, a real browser against the real server serving the release build.
    let mut sizes = None;
    benchmarks.extend(reports);
    match build::release() {
        Ok(built) => {
            let (counts, reports) = end_to_end(&built.server);
            total += counts;
            benchmarks.extend(reports);
            // 5: the API against its OpenAPI document.
            let (counts, reports) = crate::schemathesis::run(&built.server);
            total += counts;
            benchmarks.extend(reports);
            benchmarks.extend(crate::load_mix::run(&built.server, &postgres_url, free_port));
            sizes = Some(built.sizes);
        }
        Err(error) => {
            println!("release build failed: {error}");
            total.failed += 1;
        }
    }

    if let Some(sizes) = sizes {
        sizes.print();
    }
    println!("\nBenchmarks and reports:");
    for line in &benchmarks {
        println!("  {line}");
    }
    println!("\nScreenshots: {}", workspace_root().join("target/screenshots").display());
    println!("Test command took {:.0} s", started.elapsed().as_secs_f64());
    let skipped = if total.skipped > 0 { format!(", {} skipped", total.skipped) } else { String::new() };
    println!("summary: {} passed, {} failed{skipped}", total.passed, total.failed);
    if total.failed == 0 { Ok(()) } else { Err(format!("{} test(s) failed", total.failed)) }
}

/// Runs the benchmark binaries and keeps the lines they print for the final report.
fn run_benchmarks() -> Vec<String> {
    println!("\n==> benchmarks");
    let mut lines: Vec<String> = match crate::run::output(command("cargo").args(["bench", "-q", "-p", "advocate-domain", "--benches"])) {
        Some(out) => out.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect(),
        None => vec!["the domain benchmarks did not run".into()],
    };
    // The ZIP-to-locality agreement with CMS's official file, as the test measures it.
    let agreement = command("cargo")
        .args(["test", "-q", "-p", "advocate-server", "--test", "zip_localities", "--", "--nocapture"])
        .env("ADVOCATE_LOG", "warn")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    lines.extend(agreement.lines().filter(|l| l.starts_with("ZIP to locality")).map(str::to_owned));
    lines
}

/// Server tests that print a figure for the report ("[report] …"), by test file and name: run
/// apart from the others with their output shown, so the figures reach the report.
const REPORTING_TESTS: [(&str, &str); 7] = [
    ("sealed_at_rest", "requests_and_notes_are_sealed_at_rest_and_open_on_the_case"),
    ("database_outage", "a_postgresql_restart_under_load_is_reported_by_readyz_survived_and_leaves_nothing_half_written"),
    ("crash", "a_server_killed_during_a_thousand_submits_loses_and_doubles_none_on_either_database"),
    ("backup", "a_backup_taken_under_load_restores_every_acknowledged_request_and_a_bad_one_changes_nothing"),
    ("two_servers", "two_servers_on_one_postgresql_share_sessions_requests_retries_and_run_each_sweep_once"),
    ("connections", "five_hundred_clients_that_never_finish_their_headers_do_not_stop_healthz"),
    ("reading_queue", "twenty_simultaneous_uploads_are_read_or_refused_503_with_retry_after_and_never_more_readers_than_workers"),
];

/// The bill reader's score test (crates/server/tests/bill_reading_score.rs), run on its own.
const BILL_SCORE_TEST: &str = "the_reader_finds_the_charges_of_the_generated_bills_and_prints_its_score_on_the_real_ones";

/// Starts the release server twice (at the root and under a sub-path), runs the browser tests
/// against both, then checks that each stops cleanly on SIGTERM.
fn end_to_end(server: &std::path::Path) -> (Counts, Vec<String>) {
    let mut counts = Counts::default();
    let data = std::env::temp_dir().join(format!("advocate-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    // A test intranet on its own origin embeds the app for employer "acme" (see embed.test.mjs).
    let intranet_port = match free_port() {
        Ok(port) => port,
        Err(e) => {
            println!("cannot find a port for the test intranet: {e}");
            counts.failed += 1;
            return (counts, Vec::new());
        }
    };
    let employers = data.join("employers.toml");
    let written = std::fs::create_dir_all(&data).and_then(|()| std::fs::write(&employers, test_employers(intranet_port)));
    if let Err(e) = written {
        println!("cannot write the test employers file: {e}");
        counts.failed += 1;
        return (counts, Vec::new());
    }
    // The bill check's photos and PDFs, drawn by the corpus generator.
    let bills = data.join("bills");
    if let Err(e) = crate::e2e_bills::write(&bills) {
        println!("cannot draw the test bills: {e}");
        counts.failed += 1;
        return (counts, Vec::new());
    }
    // An advocate account for the console's test, made the way an operator makes one.
    if let Err(e) = create_test_advocate(server, &data.join("root")) {
        println!("cannot create the test advocate: {e}");
        counts.failed += 1;
        return (counts, Vec::new());
    }
    let root = start_server(server, &data.join("root"), "/", Some(&employers), None);
    let sub = start_server(server, &data.join("sub"), "/benefits/advocate/", Some(&employers), None);
    let (mut root, mut sub) = match (root, sub) {
        (Ok(root), Ok(sub)) => (root, sub),
        (root, sub) => {
            for result in [root, sub] {
                match result {
                    Ok(mut running) => {
                        stop(&mut running.child);
                    }
                    Err(e) => println!("cannot start the server: {e}"),
                }
            }
            counts.failed += 1;
            return (counts, Vec::new());
        }
    };
    let (e2e, mut reports) = run_tests(
        command("node")
            .args(["--test", "--test-reporter=tap", "--test-concurrency=1", "tests/e2e/"])
            .env("ADVOCATE_URL", format!("http://127.0.0.1:{}/", root.port))
            .env("ADVOCATE_SUBPATH_URL", format!("http://127.0.0.1:{}/benefits/advocate/", sub.port))
            .env("SCREENSHOT_DIR", workspace_root().join("target/screenshots"))
            .env("INTRANET_PORT", intranet_port.to_string())
            .env("ADVOCATE_E2E_BILLS", &bills)
            .env("ADVOCATE_TEST_EMAIL", TEST_ADVOCATE_EMAIL)
            .env("ADVOCATE_TEST_PASSWORD", TEST_ADVOCATE_PASSWORD),
    );
    counts += e2e;
    reports.extend(catalog_size(root.port));
    reports.extend(load_test(root.port));
    reports.extend(crate::lighthouse::report(root.port));
    for running in [&mut root, &mut sub] {
        if stop(&mut running.child) {
            println!("ok: the server on port {} stopped cleanly on SIGTERM", running.port);
            counts.passed += 1;
        } else {
            println!("not ok: the server did not stop cleanly within 10 s of SIGTERM");
            counts.failed += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&data);
    (counts, reports)
}

/// The places and services `load_test` asks estimates for: members in 16 payment localities
/// across the country, each asking for one of 8 common services.
const LOAD_ZIPS: [&str; 16] = [
    "10001", "94110", "60601", "77002", "98101", "33101", "02108", "30303", "85004", "80202", "48226", "19103", "55401", "63101", "97204",
    "37203",
];
const LOAD_SERVICES: [&str; 8] = [
    "mri-knee",
    "office-visit-established",
    "colonoscopy-screening",
    "mammogram-screening",
    "er-visit-moderate",
    "physical-40-64",
    "urgent-care-visit",
    "mri-lower-back",
];

/// A wrk script that asks for the estimates of `LOAD_ZIPS` × `LOAD_SERVICES` in turn, the
/// requests written once beforehand so that wrk spends its time sending them; paced with a wait
/// between requests when `delay_ms` is given.
fn estimates_script(delay_ms: Option<u32>) -> String {
    let paths: Vec<String> = LOAD_SERVICES
        .iter()
        .flat_map(|service| LOAD_ZIPS.iter().map(move |zip| format!("  \"/api/estimates?zip={zip}&service={service}\",")))
        .collect();
    let mut script = format!(
        "local paths = {{\n{}\n}}\nlocal requests = {{}}\nlocal i = 0\n\
         init = function(args)\n  for k, path in ipairs(paths) do requests[k] = wrk.format(nil, path) end\nend\n\
         request = function()\n  i = i % #requests + 1\n  return requests[i]\nend\n",
        paths.join("\n")
    );
    if let Some(ms) = delay_ms {
        script.push_str(&format!("delay = function()\n  return {ms}\nend\n"));
    }
    script
}

/// The estimate endpoint under `wrk` on loopback, asked for 128 estimates in turn (16 places ×
/// 8 services): paced near 2,000 requests per second (20 connections, each waiting 10 ms
/// between requests), then flat out; and `/healthz` flat out, which does no work: the most this
/// machine serves with wrk beside the server. One wrk thread: on two cores a second one takes
/// from the server more than it adds (measured: as many or fewer answers a second on every
/// endpoint). Printed, never asserted.
fn load_test(port: u16) -> Vec<String> {
    println!("\n==> wrk: GET /api/estimates");
    let base = format!("http://127.0.0.1:{port}");
    let floor = format!("{base}/healthz");
    let folder = std::env::temp_dir();
    let paced = folder.join(format!("advocate-wrk-paced-{}.lua", std::process::id()));
    let flat = folder.join(format!("advocate-wrk-flat-{}.lua", std::process::id()));
    if std::fs::write(&paced, estimates_script(Some(10))).is_err() || std::fs::write(&flat, estimates_script(None)).is_err() {
        return vec!["wrk: cannot write its scripts".into()];
    }
    let mut lines = Vec::new();
    let estimates = (
        "GET /api/estimates (16 places × 8 services in turn)",
        " (targets: p99 < 10 ms at 2,000 requests/s; ≥ 30,000 requests/s with p99 < 5 ms flat out)",
    );
    let nothing = ("GET /healthz (no work: the floor)", "");
    let script = |path: &std::path::Path| path.to_str().unwrap_or_default().to_string();
    for ((what, target), label, args, url) in [
        (
            estimates,
            "paced near 2,000 req/s",
            vec!["-t1".to_string(), "-c20".into(), "-d8s".into(), "--latency".into(), "-s".into(), script(&paced)],
            &base,
        ),
        (
            estimates,
            "flat out",
            vec!["-t1".to_string(), "-c32".into(), "-d8s".into(), "--latency".into(), "-s".into(), script(&flat)],
            &base,
        ),
        (nothing, "flat out", vec!["-t1".to_string(), "-c32".into(), "-d8s".into(), "--latency".into()], &floor),
    ] {
        let Some(out) = crate::run::output(command("wrk").args(&args).arg(url)) else {
            lines.push(format!("wrk ({label}) did not run"));
            continue;
        };
        println!("{out}");
        let field = |prefix: &str| {
            out.lines().map(str::trim).find(|l| l.starts_with(prefix)).and_then(|l| l.split_whitespace().nth(1)).unwrap_or("?").to_string()
        };
        let non_2xx = out.lines().map(str::trim).find(|l| l.starts_with("Non-2xx")).map(|l| format!(", {l}")).unwrap_or_default();
        lines.push(format!(
            "{what} under wrk on loopback, {label}: {} requests/s, p50 {}, p99 {}{non_2xx}{target}",
            field("Requests/sec:"),
            field("50%"),
            field("99%")
        ));
    }
    let _ = std::fs::remove_file(&paced);
    let _ = std::fs::remove_file(&flat);
    lines
}

pub struct Running {
    pub child: Child,
    pub port: u16,
}

pub const TEST_ADVOCATE_EMAIL: &str = "kim.reyes@example.org";
pub const TEST_ADVOCATE_PASSWORD: &str = "correct horse battery staple";

/// `advocate-server create-advocate`, with the password in a private file, as the README says.
pub fn create_test_advocate(server: &std::path::Path, data_dir: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(data_dir).map_err(|e| e.to_string())?;
    let password_file = data_dir.join("advocate-password.txt");
    std::fs::write(&password_file, TEST_ADVOCATE_PASSWORD).map_err(|e| e.to_string())?;
    let status = Command::new(server)
        .arg("--data-dir")
        .arg(data_dir)
        .args(["create-advocate", "--email", TEST_ADVOCATE_EMAIL, "--name", "Kim Reyes", "--role", "supervisor", "--password-file"])
        .arg(&password_file)
        .env("ADVOCATE_LOG", "warn")
        .status()
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&password_file);
    if status.success() { Ok(()) } else { Err(format!("create-advocate exited with {status}")) }
}

/// One employer, "acme", that only the test intranet at http://localhost:{port} may embed.
fn test_employers(intranet_port: u16) -> String {
    format!(
        "[[employer]]\nslug = \"acme\"\nname = \"Acme Corporation\"\nallowed_origins = [\"http://localhost:{intranet_port}\"]\n\
         advocate_phone = \"866-555-0100\"\n[employer.colours]\nprimary = \"#5a2d82\"\naction = \"#1d5c99\"\n"
    )
}

/// Starts the release server on a free port and waits until it is ready. Its log goes to `log`
/// when given (a file), else to the test command's own output.
pub fn start_server(
    server: &std::path::Path,
    data_dir: &std::path::Path,
    base_path: &str,
    employers: Option<&std::path::Path>,
    log: Option<std::fs::File>,
) -> Result<Running, String> {
    let port = free_port()?;
    let mut command = Command::new(server);
    tools::with_ocr_model(&mut command);
    if let Some(employers) = employers {
        command.arg("--employers-file").arg(employers);
    }
    if let Some(log) = log {
        let copy = log.try_clone().map_err(|e| e.to_string())?;
        command.stdout(copy).stderr(log);
    }
    let child = command
        .args(["--listen", &format!("127.0.0.1:{port}"), "--base-path", base_path])
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--dist-dir")
        .arg(workspace_root().join("dist"))
        .env("ADVOCATE_LOG", "warn")
        // Every browser of the suite comes from 127.0.0.1, so the per-client allowances (a member's
        // handful of requests, bill reads and reviews an hour) are raised for these servers;
        // the limits themselves are tested in crates/server/tests/client_limits.rs.
        .env("ADVOCATE_REQUESTS_PER_HOUR", "6000")
        .env("ADVOCATE_BILL_PAGES_PER_HOUR", "6000")
        .env("ADVOCATE_BILL_READS_PER_HOUR", "6000")
        .env("ADVOCATE_BILL_REVIEWS_PER_HOUR", "6000")
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut running = Running { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if http_status(port, &format!("{base_path}readyz")) == Some(200) {
            return Ok(running);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    stop(&mut running.child);
    Err(format!("the server on port {port} was not ready within 30 s"))
}

pub(crate) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// The procedure catalog as the SPA downloads it (brotli), against its 30 KB budget. HTTP/1.0,
/// so the body comes whole rather than in chunks.
fn catalog_size(port: u16) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET /api/procedures HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let body_at = response.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let size = response.len() - body_at;
    let verdict = if size < 30_000 { "within" } else { "OVER" };
    Some(format!("procedure catalog for the browser's search: {:.1} KB brotli (budget 30 KB: {verdict})", size as f64 / 1000.0))
}

/// The status code of a plain GET on loopback, or None while nothing answers.
fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// Sends SIGTERM and waits up to 10 s; true when the server exited successfully.
pub fn stop(child: &mut Child) -> bool {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.success();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    false
}
