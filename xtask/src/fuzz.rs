//! `cargo xtask fuzz [--seconds N] [--target NAME]`: runs each fuzz target of the domain's parsers
//! (fuzz/fuzz_targets) for a bounded time and fails when one panics, hangs or runs out of memory.
//!
//! The targets are built by cargo-fuzz with libFuzzer on stable Rust: `--sanitizer none` needs
//! no nightly flag (coverage instrumentation is plain `-C` codegen options). Debug assertions
//! and overflow checks are on, so an arithmetic overflow is a panic too. Not part of
//! `cargo xtask test`: it is slow by design and needs every core it gets.
//!
//! Each target starts from seeds written afresh on every run: the string literals of the parser's
//! own source and tests (its fixtures), the project's committed tables, and the public sample
//! files in testdata/ (X12 files, CMS tables). What the fuzzer finds is kept in
//! target/fuzz/corpus/NAME for the next run; an input that fails is written to
//! target/fuzz-crashes/NAME-crash-<sha1>.

use crate::run::{output, run, workspace_root};
use crate::tools::command;
use advocate_domain::bill_import::x12::sample::interchange;
use advocate_domain::money::group_thousands;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;

const CARGO_FUZZ_VERSION: &str = "0.13.2";
const DEFAULT_SECONDS: u64 = 20;
/// One input taking longer than this is a hang, reported like a panic.
const INPUT_TIMEOUT_SECONDS: u64 = 10;
/// Lines taken from one big data file as seeds (the first ones, then spread over the file).
const SEED_LINES: usize = 200;

const USAGE: &str = "usage: cargo xtask fuzz [--seconds N] [--target NAME[,NAME…]]";

/// Where a target's seeds come from; paths are relative to the repository, and missing ones are
/// skipped.
enum Seeds {
    /// The string literals of a source file: its tests' fixtures and the words it looks for.
    Literals(&'static str),
    /// Every file of a folder, whole, but for its NOTICE and LICENSE.
    Files(&'static str),
    /// Lines of a big file (plain, or gzipped beside the name), one seed each.
    Lines(&'static str),
    /// The first lines of a file, as one seed.
    Head(&'static str),
}

use Seeds::{Files, Head, Lines, Literals};

/// Every target (a bin of fuzz/Cargo.toml) and its seeds.
const TARGETS: &[(&str, &[Seeds])] = &[
    (
        "x12",
        &[
            Literals("crates/domain/src/bill_import/x12.rs"),
            Literals("crates/domain/src/bill_import/x12/envelope.rs"),
            Literals("crates/domain/src/bill_import/x12/segment.rs"),
            Literals("crates/domain/src/bill_import/x12/claim.rs"),
            Literals("crates/domain/src/bill_import/x12/remittance.rs"),
            Files("testdata/x12"),
        ],
    ),
    (
        "bill_csv",
        &[
            Literals("crates/domain/src/bill_import/csv.rs"),
            Literals("crates/domain/src/bill_import/values.rs"),
            Literals("crates/domain/src/bill_import.rs"),
            Literals("crates/server/tests/bills.rs"),
        ],
    ),
    ("statement", &[Literals("crates/domain/src/bill_import/statement.rs"), Literals("crates/server/tests/bills.rs")]),
    ("split_code", &[Literals("crates/domain/src/bill_import.rs"), Literals("crates/domain/src/bill_import/csv.rs")]),
    ("unit_limits", &[Literals("crates/domain/src/unit_limits.rs"), Head("crates/server/data/unit-limits.tsv")]),
    (
        "csv_cells",
        &[
            Literals("crates/domain/src/cms_files.rs"),
            Lines("testdata/cms-pfs-2025/PPRRVU2025_Oct.csv"),
            Lines("testdata/cms-pfs-2025/GPCI2025.csv"),
        ],
    ),
    ("rvu_record", &[Literals("crates/domain/src/cms_files.rs"), Lines("testdata/cms-pfs-2025/PPRRVU2025_Oct.csv")]),
    ("gpci_record", &[Literals("crates/domain/src/cms_files.rs"), Lines("testdata/cms-pfs-2025/GPCI2025.csv")]),
    ("locality_counties_record", &[Literals("crates/domain/src/cms_files.rs"), Lines("testdata/cms-pfs-2025/25LOCCO.csv")]),
    ("zip5_record", &[Literals("crates/domain/src/cms_files.rs"), Lines("testdata/cms-pfs-2025/ZIP5_OCT2025.txt")]),
    ("clfs_record", &[Literals("crates/domain/src/cms_files.rs"), Lines("testdata/cms-clfs-2025/CLFS2025Q2V1.csv")]),
    ("billing_code", &[Literals("crates/domain/src/estimate.rs")]),
    ("zip", &[Literals("crates/domain/src/zip.rs")]),
    ("money", &[Literals("crates/domain/src/money.rs"), Literals("crates/domain/src/bill_import/values.rs")]),
    ("date", &[Literals("crates/domain/src/time.rs")]),
    ("timestamp", &[Literals("crates/domain/src/time.rs")]),
    ("clock_time", &[Literals("crates/domain/src/hours.rs")]),
    ("phone_number", &[Literals("crates/domain/src/program.rs")]),
    ("reference", &[Literals("crates/domain/src/request.rs")]),
    ("clean_text", &[Literals("crates/domain/src/text.rs"), Literals("crates/domain/src/request.rs")]),
    ("new_request", &[Literals("crates/server/tests/requests.rs"), Literals("crates/domain/src/request.rs")]),
    ("bill_review_request", &[Literals("crates/server/tests/bills.rs"), Literals("crates/domain/src/bill_review.rs")]),
];

pub fn run_targets(args: &[String]) -> Result<(), String> {
    let (seconds, names) = parse_args(args)?;
    let selected: Vec<&(&str, &[Seeds])> = match &names {
        None => TARGETS.iter().collect(),
        Some(names) => names
            .iter()
            .map(|name| {
                TARGETS.iter().find(|(n, _)| n == name).ok_or_else(|| {
                    format!("no fuzz target {name:?}; the targets are: {}", TARGETS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "))
                })
            })
            .collect::<Result<_, _>>()?,
    };

    ensure_cargo_fuzz()?;
    let root = workspace_root();
    let work = root.join("target/fuzz");
    let build_dir = work.join("build");
    let crashes = root.join("target/fuzz-crashes");
    for dir in [&work, &crashes] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    println!("Building the fuzz targets (cargo-fuzz {CARGO_FUZZ_VERSION}, libFuzzer, stable Rust, no sanitizer)…");
    // `cargo fuzz build` builds one target or all of them.
    let builds: Vec<Option<&str>> = if names.is_some() { selected.iter().map(|(name, _)| Some(*name)).collect() } else { vec![None] };
    for target in builds {
        let mut build = command("cargo");
        build.args(["fuzz", "build", "--sanitizer", "none", "--fuzz-dir"]).arg(root.join("fuzz")).arg("--target-dir").arg(&build_dir);
        build.args(target);
        run(&mut build)?;
    }

    println!("Fuzzing {} target(s) for {seconds} s each:", selected.len());
    let (mut failures, mut total_runs) = (Vec::new(), 0u64);
    for (name, seeds) in &selected {
        let seed_dir = work.join("seeds").join(name);
        let seed_count = write_seeds(&root, name, seeds, &seed_dir)?;
        let corpus = work.join("corpus").join(name);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        let log_path = work.join("logs").join(format!("{name}.log"));
        std::fs::create_dir_all(log_path.parent().expect("a folder")).map_err(|e| format!("cannot create the log folder: {e}"))?;
        let log = File::create(&log_path).map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;
        let log_err = log.try_clone().map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;

        let status = command("cargo")
            .args(["fuzz", "run", "--sanitizer", "none", "--fuzz-dir"])
            .arg(root.join("fuzz"))
            .arg("--target-dir")
            .arg(&build_dir)
            .arg(name)
            .arg(&corpus)
            .arg(&seed_dir)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-timeout={INPUT_TIMEOUT_SECONDS}"))
            .arg("-print_final_stats=1")
            .arg(format!("-artifact_prefix={}/{name}-", crashes.display()))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        let text = String::from_utf8_lossy(&std::fs::read(&log_path).unwrap_or_default()).into_owned();
        let runs = stat(&text, "stat::number_of_executed_units:");
        let per_second = stat(&text, "stat::average_exec_per_sec:");
        let corpus_size = std::fs::read_dir(&corpus).map_or(0, |entries| entries.count());
        total_runs += runs.unwrap_or(0);

        if status.success() {
            println!(
                "  {name:<25} {:>11} runs {:>9} exec/s   {seed_count:>4} seeds, corpus {corpus_size:>5}   no panics",
                group_thousands(runs.unwrap_or(0)),
                group_thousands(per_second.unwrap_or(0)),
            );
            continue;
        }
        failures.push(*name);
        report_failure(name, &text, &log_path, &root, &build_dir);
    }

    if failures.is_empty() {
        println!("fuzz: {} target(s), {} runs, no panics", selected.len(), group_thousands(total_runs));
        Ok(())
    } else {
        Err(format!("{} of {} fuzz target(s) failed: {}", failures.len(), selected.len(), failures.join(", ")))
    }
}

fn parse_args(args: &[String]) -> Result<(u64, Option<Vec<String>>), String> {
    let (mut seconds, mut names) = (DEFAULT_SECONDS, None::<Vec<String>>);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next().cloned()).ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag {
            "--seconds" => {
                seconds = value()?.parse().ok().filter(|&s| s > 0).ok_or(format!("--seconds needs a whole number above 0\n{USAGE}"))?;
            }
            "--target" => names.get_or_insert_with(Vec::new).extend(value()?.split(',').map(str::to_string)),
            "-h" | "--help" => {
                let list: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
                println!("{USAGE}\n  --seconds N   how long each target runs (default {DEFAULT_SECONDS})\n  targets: {}", list.join(", "));
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        }
    }
    Ok((seconds, names))
}

/// cargo-fuzz, pinned, installed once (about a minute on 2 cores).
fn ensure_cargo_fuzz() -> Result<(), String> {
    let version = output(command("cargo").args(["fuzz", "--version"])).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION) {
        return Ok(());
    }
    println!("Installing cargo-fuzz {CARGO_FUZZ_VERSION} (about a minute, once)…");
    run(command("cargo").args(["install", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION, "--locked"]))
}

/// Writes the target's seeds, one file each named by its hash, into a fresh folder; returns how
/// many there are.
fn write_seeds(root: &Path, name: &str, sources: &[Seeds], dir: &Path) -> Result<usize, String> {
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for source in sources {
        match source {
            Literals(path) => {
                let Ok(text) = std::fs::read_to_string(root.join(path)) else { continue };
                seeds.extend(string_literals(&text).into_iter().map(String::into_bytes));
            }
            Files(path) => {
                let Ok(entries) = std::fs::read_dir(root.join(path)) else { continue };
                let paths = entries.filter_map(|entry| Some(entry.ok()?.path()));
                let samples = paths.filter(|path| !path.ends_with("NOTICE") && !path.ends_with("LICENSE"));
                seeds.extend(samples.filter_map(|path| std::fs::read(path).ok()));
            }
            Lines(path) => {
                let Ok(bytes) = crate::testdata::read(&root.join(path)) else { continue };
                seeds.extend(spread_lines(&bytes, SEED_LINES));
            }
            Head(path) => {
                let Ok(bytes) = std::fs::read(root.join(path)) else { continue };
                seeds.push(bytes.split_inclusive(|&b| b == b'\n').take(60).flatten().copied().collect());
            }
        }
    }
    if name == "x12" {
        // The tests' fixtures are segments without their ISA header: give them one, in the
        // delimiters the header declares and in others.
        let bodies: Vec<String> = seeds
            .iter()
            .filter_map(|s| std::str::from_utf8(s).ok())
            .filter(|s| !s.trim_start().starts_with("ISA") && (s.contains("CLM*") || s.contains("CLP*")))
            .map(str::to_string)
            .collect();
        for body in bodies {
            seeds.push(interchange('*', ':', "~\n", &body).into_bytes());
            seeds.push(interchange('|', '^', "\n", &body).into_bytes());
        }
    }

    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = std::collections::HashSet::new();
    for seed in seeds.iter().filter(|s| !s.is_empty()) {
        let hash = fnv1a(seed);
        if written.insert(hash) {
            let path = dir.join(format!("{hash:016x}"));
            std::fs::write(&path, seed).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(written.len())
}

/// The first lines of a file (titles and headers), then lines spread evenly over the rest.
fn spread_lines(bytes: &[u8], count: usize) -> Vec<Vec<u8>> {
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    let head = count / 4;
    let step = (lines.len().saturating_sub(head) / (count - head)).max(1);
    lines.iter().take(head).chain(lines.iter().skip(head).step_by(step)).take(count).map(|l| l.to_vec()).collect()
}

/// The string literals of Rust source: "…" with its escapes, r"…" and r#"…"#. Good enough for
/// seeds: comments are skipped line by line, and anything it misreads is only an odd seed.
fn string_literals(source: &str) -> Vec<String> {
    let c: Vec<char> = source.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut literals = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if at(i + 1) == '/' => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            // A character literal ('"', '\'', '\u{feff}'), or a lifetime.
            '\'' if at(i + 1) == '\\' => {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '\'' if at(i + 2) == '\'' => i += 3,
            'r' if !ident(at(i.wrapping_sub(1))) && matches!(at(i + 1), '"' | '#') => {
                let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
                let start = i + 1 + hashes;
                if at(start) != '"' {
                    i += 1;
                    continue;
                }
                let closing: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let end = (start + 1..c.len()).find(|&j| c[j..].starts_with(&closing)).unwrap_or(c.len());
                literals.push(c[start + 1..end].iter().collect());
                i = end + closing.len();
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while i < c.len() && c[i] != '"' {
                    if c[i] != '\\' {
                        text.push(c[i]);
                        i += 1;
                        continue;
                    }
                    i += 1;
                    match at(i) {
                        'n' => text.push('\n'),
                        'r' => text.push('\r'),
                        't' => text.push('\t'),
                        '0' => text.push('\0'),
                        'x' => {
                            let hex: String = c[i + 1..(i + 3).min(c.len())].iter().collect();
                            text.extend(u8::from_str_radix(&hex, 16).ok().map(char::from));
                            i += 2;
                        }
                        'u' => {
                            let end = (i..c.len()).find(|&j| c[j] == '}').unwrap_or(i);
                            let hex: String = c[(i + 2).min(end)..end].iter().collect();
                            text.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                            i = end;
                        }
                        // A backslash at the end of a line continues the string after the indent.
                        '\n' => {
                            while at(i + 1).is_whitespace() {
                                i += 1;
                            }
                        }
                        other => text.push(other),
                    }
                    i += 1;
                }
                literals.push(text);
                i += 1;
            }
            _ => i += 1,
        }
    }
    literals
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A number from libFuzzer's final statistics ("stat::average_exec_per_sec:     17544").
fn stat(log: &str, key: &str) -> Option<u64> {
    log.lines().find_map(|line| line.strip_prefix(key)).and_then(|value| value.trim().parse().ok())
}

/// Prints what failed: the panic message (or hang, or memory), the input file, a copy of its
/// start, and the command that replays it.
fn report_failure(name: &str, log: &str, log_path: &Path, root: &Path, build_dir: &Path) {
    let artifact = log.lines().find_map(|line| line.split_once("Test unit written to ").map(|(_, path)| PathBuf::from(path.trim())));
    let kind = if log.contains("libFuzzer: timeout") {
        format!("an input took over {INPUT_TIMEOUT_SECONDS} s (a hang)")
    } else if log.contains("out-of-memory") {
        "an input ran out of memory".to_string()
    } else if log.contains("panicked at") {
        "PANIC".to_string()
    } else {
        "the fuzzer failed".to_string()
    };
    println!("  {name:<25} FAILED: {kind}");
    let lines: Vec<&str> = log.lines().collect();
    if let Some(start) = lines.iter().position(|line| line.contains("panicked at")) {
        for line in lines[start..]
            .iter()
            .take_while(|line| !line.starts_with("note:") && !line.starts_with("stack backtrace:") && !line.starts_with("=="))
            .take(12)
        {
            println!("      {line}");
        }
    }
    match &artifact {
        Some(path) => {
            let input = std::fs::read(path).unwrap_or_default();
            let shown: String = input.iter().take(300).flat_map(|b| b.escape_ascii()).map(char::from).collect();
            let more = if input.len() > 300 { format!("… ({} bytes)", input.len()) } else { String::new() };
            println!("    input: {}", path.display());
            println!("    bytes: \"{shown}\"{more}");
            println!(
                "    replay: cargo fuzz run --sanitizer none --fuzz-dir {} --target-dir {} {name} {}",
                root.join("fuzz").display(),
                build_dir.display(),
                path.display()
            );
        }
        None => println!("    no input was saved; the fuzzer's output is in {}", log_path.display()),
    }
    println!("    log: {}", log_path.display());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_read_with_their_escapes() {
        let source = r####"let a = "x\ty\"z"; // "not this"
let b = 'q'; let c = '"'; fn f<'a>() {}
let d = r#"raw "one""#; let e = "line \
        continues\u{2019}\x41";"####;
        assert_eq!(string_literals(source), ["x\ty\"z", "raw \"one\"", "line continues\u{2019}A"]);
    }
}
