//! Running other programs: streaming their output, and counting the tests they report.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Runs a command to completion, failing with its name when it fails.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("cannot run {}: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("{} failed ({status})", describe(command))) }
}

/// Runs a command and returns its standard output, or None when it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Tests counted from a runner's output.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

/// Runs a test command, echoing its output and counting what it reports: libtest's
/// "test result: ok. 5 passed; 0 failed; 1 ignored" lines, and TAP's "# pass 5" / "# fail 0".
/// Also returns the measurements tests print after "[report] ", for the final report.
pub fn run_tests(command: &mut Command) -> (Counts, Vec<String>) {
    let name = describe(command);
    println!("\n==> {name}");
    let mut child = match command.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            println!("cannot run {name}: {e}");
            return (Counts { failed: 1, ..Counts::default() }, Vec::new());
        }
    };
    let mut counts = Counts::default();
    let mut reports = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines().map_while(Result::ok) {
        println!("{line}");
        count_line(&line, &mut counts);
        if let Some((_, report)) = line.split_once("[report] ") {
            reports.push(report.to_string());
        }
    }
    let ok = child.wait().is_ok_and(|status| status.success());
    if !ok && counts.failed == 0 {
        // A build error or a crash before any test ran still fails the run.
        counts.failed += 1;
    }
    (counts, reports)
}

fn count_line(line: &str, counts: &mut Counts) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result:") {
        for part in rest.split(';') {
            let words: Vec<&str> = part.split_whitespace().collect();
            if let [.., n, what] = words.as_slice() {
                let n: u64 = n.parse().unwrap_or(0);
                match *what {
                    "passed" => counts.passed += n,
                    "failed" => counts.failed += n,
                    "ignored" => counts.skipped += n,
                    _ => {}
                }
            }
        }
    } else if let Some(n) = line.strip_prefix("# pass ") {
        counts.passed += n.trim().parse().unwrap_or(0);
    } else if let Some(n) = line.strip_prefix("# fail ") {
        counts.failed += n.trim().parse().unwrap_or(0);
    } else if let Some(n) = line.strip_prefix("# skipped ") {
        counts.skipped += n.trim().parse().unwrap_or(0);
    }
}

fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_libtest_and_tap_summaries() {
        let mut counts = Counts::default();
        count_line("test result: ok. 26 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.95s", &mut counts);
        count_line("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out", &mut counts);
        count_line("# pass 7", &mut counts);
        count_line("# fail 1", &mut counts);
        assert_eq!((counts.passed, counts.failed, counts.skipped), (36, 3, 1));
    }
}
