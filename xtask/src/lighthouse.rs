//! Lighthouse 12 (npm, in node_modules) with its mobile settings (simulated slow 4G, a 4×
//! slower CPU) on the member pages of the release build: the largest paint, blocking time,
//! layout shift, bytes and the performance and accessibility scores, per page. Printed against
//! the targets of issue 15, never asserted: the figures depend on the machine's load.

use crate::tools::command;

/// The pages a member lands on, and an employer's embedded home page.
const PAGES: [&str; 5] = ["", "find", "estimate", "bill", "e/acme/"];

pub fn report(port: u16) -> Vec<String> {
    println!("\n==> Lighthouse (mobile)");
    let lighthouse = crate::run::workspace_root().join("node_modules/.bin/lighthouse");
    if !lighthouse.exists() {
        return vec!["Lighthouse: not installed (npm ci installs it from package.json)".into()];
    }
    let folder = std::env::temp_dir().join(format!("advocate-lighthouse-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&folder);
    let mut lines = Vec::new();
    for page in PAGES {
        let url = format!("http://127.0.0.1:{port}/{page}");
        let output = folder.join("report.json");
        let run = || {
            command(&lighthouse.to_string_lossy())
                .arg(&url)
                .args(["--chrome-flags=--headless=new --no-sandbox", "--form-factor=mobile", "--output=json", "--quiet"])
                .args(["--only-categories=performance,accessibility"])
                .arg(format!("--output-path={}", output.display()))
                .env("CHROME_PATH", "/usr/bin/chromium")
                .status()
                .is_ok_and(|s| s.success())
        };
        // Lighthouse sometimes loses the trace of a load on a busy machine (NO_NAVSTART): once more.
        let report = (run() || run()).then(|| std::fs::read_to_string(&output).ok()).flatten();
        let Some(report) = report.and_then(|r| serde_json::from_str::<serde_json::Value>(&r).ok()) else {
            lines.push(format!("Lighthouse /{page}: did not run"));
            continue;
        };
        let audit = |name: &str| report["audits"][name]["numericValue"].as_f64().unwrap_or(f64::NAN);
        let score = |name: &str| report["categories"][name]["score"].as_f64().map_or("?".into(), |s| format!("{:.0}", s * 100.0));
        lines.push(format!(
            "Lighthouse mobile /{page}: LCP {:.2} s, TBT {:.0} ms, CLS {:.3}, {:.0} KB, performance {}, accessibility {} (targets: LCP ≤ 1.5 s, TBT ≤ 200 ms, CLS ≤ 0.05, scores ≥ 95)",
            audit("largest-contentful-paint") / 1000.0,
            audit("total-blocking-time"),
            audit("cumulative-layout-shift"),
            audit("total-byte-weight") / 1000.0,
            score("performance"),
            score("accessibility"),
        ));
    }
    let _ = std::fs::remove_dir_all(&folder);
    lines
}
