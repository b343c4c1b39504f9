//! The bill reader's score, printed by the test command: charge recall and precision and
//! seconds per page, on the generated corpus (text PDFs, scans, phone photos of four layouts,
//! asserted at 98% or better; faxes, with a floor of their own) and on the real sample bills beside the repository, when present
//! (the folder in ADVOCATE_BILLS_DIR, which the test command sets when the real bills sit beside the repository; never failing on their absence).
//! A charge counts when its code, units and amount all match a charge of the truth, each truth
//! charge counted once.

use advocate_bill_corpus::{Capture, corpus, draw};
use advocate_domain::bill_import::BillReading;
use advocate_server::bill_reading::queue::{QueueSettings, ReadingQueue};
use advocate_server::bill_reading::read_bill;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// What a charge is judged by.
type Key = (Option<String>, u32, i64);

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    truth: usize,
    read: usize,
    matched: usize,
    pages: usize,
    seconds: f64,
    /// CPU time of the reader programs (the machine may be shared: wall time varies).
    cpu_seconds: f64,
    stated_totals_read: usize,
    bills: usize,
}

impl Score {
    fn add(&mut self, truth: &[Key], read: &[Key]) {
        let mut left: HashMap<&Key, usize> = HashMap::new();
        for key in truth {
            *left.entry(key).or_default() += 1;
        }
        let matched = read.iter().filter(|key| left.get_mut(key).is_some_and(|n| (*n > 0).then(|| *n -= 1).is_some())).count();
        (self.truth, self.read, self.matched) = (self.truth + truth.len(), self.read + read.len(), self.matched + matched);
    }

    fn recall(&self) -> f64 {
        self.matched as f64 / self.truth.max(1) as f64
    }

    fn precision(&self) -> f64 {
        if self.read == 0 { 0.0 } else { self.matched as f64 / self.read as f64 }
    }

    fn report(&self, corpus: &str) {
        println!(
            // "[report] " puts the line in the test command's report.
            "[report] bill reading, {corpus}: {} bills, {} pages, charge recall {:.1}% ({}/{}), precision {:.1}% ({}/{}), {:.2} s per page ({:.2} s of CPU), stated total read on {}/{}",
            self.bills,
            self.pages,
            100.0 * self.recall(),
            self.matched,
            self.truth,
            100.0 * self.precision(),
            self.matched,
            self.read,
            self.seconds / self.pages.max(1) as f64,
            self.cpu_seconds / self.pages.max(1) as f64,
            self.stated_totals_read,
            self.bills,
        );
    }
}

/// CPU seconds used by this process (the reading done in Rust: cutting and straightening
/// pages, the second OCR reader) and its finished children (the reader programs), from Linux's
/// /proc; 0 elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime, stime, cutime and cstime
    // are the 12th to 15th, in clock ticks (100 a second on Linux).
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12) + ticks(13) + ticks(14)) / 100.0
}

/// The server's queue with its defaults: a worker per core, as when it serves.
fn queue() -> ReadingQueue {
    ReadingQueue::new(QueueSettings::default())
}

fn keys_read(read: &BillReading) -> Vec<Key> {
    read.bill.lines.iter().map(|l| (l.code.clone(), l.units, l.charge.cents())).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reader_finds_the_charges_of_the_generated_bills_and_prints_its_score_on_the_real_ones() {
    let work = tempfile::tempdir().unwrap();
    let mut scores: Vec<(String, Score)> = Vec::new();
    let mut misses = Vec::new();
    // BILL_SCORE_ONLY=lab (any part of a specimen's name) scores a part of the corpus while
    // working on the reader; the assertion is then skipped.
    let only = std::env::var("BILL_SCORE_ONLY").ok();
    // BILL_SCORE_SEED=N draws another corpus than the one the test command scores, to see that
    // a change to the reader holds on bills it was not made with.
    let seed = std::env::var("BILL_SCORE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(14);
    for specimen in corpus(seed).into_iter().filter(|s| only.as_ref().is_none_or(|o| s.name.contains(o.as_str()))) {
        let drawn = draw(&specimen, work.path()).expect("the corpus is drawn with pdftoppm and ImageMagick");
        // BILL_SCORE_KEEP=DIR leaves each file drawn there, to look at what was misread.
        if let Some(keep) = std::env::var_os("BILL_SCORE_KEEP") {
            for (i, file) in drawn.files.iter().enumerate() {
                let _ = std::fs::write(std::path::Path::new(&keep).join(format!("{}-{}", specimen.name, i + 1)), file);
            }
        }
        let truth: Vec<Key> = drawn.truth.charges.iter().map(|c| (c.code.clone(), c.units, c.cents)).collect();
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let mut read: Vec<Key> = Vec::new();
        let mut total = None;
        for file in &drawn.files {
            match read_bill(&queue(), file).await {
                Ok(reading) => {
                    read.extend(keys_read(&reading));
                    total = total.or(reading.bill.stated_total.map(|m| m.cents()));
                }
                Err(error) => misses.push(format!("{}: {error}", specimen.name)),
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let corpus = match specimen.capture {
            Capture::Text => "generated text PDFs",
            Capture::Scan { .. } => "generated scans",
            Capture::Photo(_) => "generated photos",
            Capture::Fax { .. } => "generated faxes",
        };
        let cpu_seconds = cpu_seconds() - cpu;
        let mut bill = Score { pages: drawn.pages, seconds, cpu_seconds, bills: 1, ..Score::default() };
        bill.stated_totals_read = usize::from(total == drawn.truth.stated_total);
        bill.add(&truth, &read);
        if bill.matched < truth.len() || bill.matched < read.len() {
            let missed: Vec<&Key> = truth.iter().filter(|k| !read.contains(k)).collect();
            let wrong: Vec<&Key> = read.iter().filter(|k| !truth.contains(k)).collect();
            misses.push(format!("{}: missed {missed:?}, wrong {wrong:?}", specimen.name));
        }
        // The faxes are scored on their own: the hard case, below the 98% target (see below).
        let all = if matches!(specimen.capture, Capture::Fax { .. }) { None } else { Some("generated, all but faxes") };
        for name in std::iter::once(corpus).chain(all) {
            match scores.iter_mut().find(|(n, _)| n == name) {
                Some((_, score)) => merge(score, &bill),
                None => scores.push((name.to_string(), bill)),
            }
        }
    }
    for (name, score) in &scores {
        score.report(name);
    }
    for miss in &misses {
        println!("  {miss}");
    }
    real_bills().await;
    held_out_bills().await;
    let score = |name: &str| scores.iter().find(|(n, _)| n == name).map(|(_, s)| *s).unwrap_or_default();
    if only.is_some() {
        return;
    }
    let all = score("generated, all but faxes");
    assert!(all.recall() >= 0.98 && all.precision() >= 0.98, "generated corpus below 98%: {all:?}");
    // 100-DPI black-and-white faxes: 56% of charges found by tesseract alone, about 78% with
    // the second reader. A floor against losing that, not the target.
    let faxes = score("generated faxes");
    if advocate_server::bill_reading::second_reader::get().is_some() {
        assert!(faxes.recall() >= 0.7 && faxes.precision() >= 0.75, "faxes below their floor: {faxes:?}");
    } else {
        println!("[report] bill reading, generated faxes: read without the second OCR reader (no ADVOCATE_OCR_MODEL)");
    }
}

fn merge(into: &mut Score, bill: &Score) {
    into.truth += bill.truth;
    into.read += bill.read;
    into.matched += bill.matched;
    into.pages += bill.pages;
    into.seconds += bill.seconds;
    into.cpu_seconds += bill.cpu_seconds;
    into.stated_totals_read += bill.stated_totals_read;
    into.bills += bill.bills;
}

/// A real bill's label (testdata/bill-labels).
#[derive(Debug, serde::Deserialize)]
struct Label {
    file: String,
    /// A bill photographed page by page: its files, in order (`file` is the first).
    #[serde(default)]
    pages: Vec<String>,
    stated_total: Option<i64>,
    #[serde(rename = "charge")]
    charges: Vec<LabelledCharge>,
}

#[derive(Debug, serde::Deserialize)]
struct LabelledCharge {
    code: Option<String>,
    units: u32,
    cents: i64,
}

/// The real bills' score, printed when they are present; never asserted (the targets are
/// recall 90% and precision 95%).
async fn real_bills() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    // The real bills are not ours to copy into the repository: the test command's report names
    // their folder when it is on this machine.
    let Some(folder) = std::env::var_os("ADVOCATE_BILLS_DIR").map(PathBuf::from).filter(|f| f.is_dir()) else {
        println!("[report] bill reading, real bills: not scored (no folder of real bills on this machine: ADVOCATE_BILLS_DIR)");
        return;
    };
    labelled_bills("real bills", &root.join("testdata/bill-labels"), &folder).await;
}

/// The held-out bills (testdata/bills-held-out and bills-held-out-2): bills of kinds the
/// generated corpus does not draw, written apart from the reader (see their README); scored,
/// never asserted.
async fn held_out_bills() {
    for (corpus, folder) in [("held-out bills", "bills-held-out"), ("held-out bills, set 2", "bills-held-out-2")] {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(folder);
        labelled_bills(corpus, &folder.join("labels"), &folder).await;
    }
}

/// Reads each labelled bill of `folder` and prints the score of them all.
async fn labelled_bills(corpus: &str, labels: &std::path::Path, folder: &std::path::Path) {
    let mut labels: Vec<PathBuf> = std::fs::read_dir(labels)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    labels.sort();
    // As a server does once it is up (the first poor page would otherwise pay for it).
    if let Some(reader) = advocate_server::bill_reading::second_reader::get() {
        reader.warm();
    }
    let mut all = Score::default();
    for path in labels {
        let label: Label = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let files = if label.pages.is_empty() { vec![label.file.clone()] } else { label.pages.clone() };
        let Ok(files) = files.iter().map(|f| std::fs::read(folder.join(f))).collect::<Result<Vec<_>, _>>() else {
            println!("  {}: not scored (absent)", label.file);
            continue;
        };
        let truth: Vec<Key> = label.charges.iter().map(|c| (c.code.clone(), c.units, c.cents)).collect();
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let (mut read, mut to_check, mut total, mut failed) = (Vec::new(), 0, None, None);
        let mut bill = Score { bills: 1, ..Score::default() };
        for bytes in &files {
            match read_bill(&queue(), bytes).await {
                Ok(reading) => {
                    bill.pages += reading.pages as usize;
                    read.extend(keys_read(&reading));
                    to_check += reading.to_check.len();
                    total = total.or(reading.bill.stated_total.map(|m| m.cents()));
                }
                Err(error) => failed = Some(error),
            }
        }
        (bill.seconds, bill.cpu_seconds) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        bill.stated_totals_read = usize::from(total.is_some() && total == label.stated_total);
        bill.add(&truth, &read);
        let missed: Vec<&Key> = truth.iter().filter(|k| !read.contains(k)).collect();
        let wrong: Vec<&Key> = read.iter().filter(|k| !truth.contains(k)).collect();
        let failed = failed.map(|e| format!(" (a page not read: {e})")).unwrap_or_default();
        println!(
            "  {}: {}/{} charges found, {} read, {to_check} to check, {:.1} s{failed}; missed {missed:?}, wrong {wrong:?}",
            label.file,
            bill.matched,
            truth.len(),
            read.len(),
            bill.seconds
        );
        merge(&mut all, &bill);
    }
    all.report(corpus);
}
