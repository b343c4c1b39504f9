//! The reading queue under a burst, over real HTTP: twenty members upload a photo of a bill at
//! the same moment. The server reads as many as its queue lets in, answers the rest 503 with
//! `Retry-After` in words a member understands, never anything else, and never runs more reader
//! programs at once than it has workers, which bounds its memory. Its own test binary, so the
//! reader programs counted are this test's alone.

mod common;

use advocate_bill_corpus::{Capture, corpus, draw};
use advocate_domain::Problem;
use common::{Db, TestApp};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const UPLOADS: usize = 20;
const WORKERS: u32 = 2;
const WAITING: u32 = 2;
const READERS: [&str; 4] = ["tesseract", "convert", "pdftoppm", "pdftohtml"];

/// The reader programs this process runs now, and their resident memory in kB.
fn readers_running() -> (usize, u64) {
    let me = std::process::id().to_string();
    let mut count = 0;
    let mut memory = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        let field = |name: &str| status.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_default().to_string();
        if field("PPid:") == me && READERS.contains(&field("Name:").as_str()) {
            count += 1;
            memory += field("VmRSS:").trim_end_matches("kB").trim().parse::<u64>().unwrap_or(0);
        }
    }
    (count, memory)
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_simultaneous_uploads_are_read_or_refused_503_with_retry_after_and_never_more_readers_than_workers() {
    let app = TestApp::spawn_with(Db::Sqlite, |config| {
        config.reading_workers = Some(WORKERS);
        config.reading_waiting = Some(WAITING);
    })
    .await;
    let specimen = corpus(14).into_iter().find(|s| matches!(s.capture, Capture::Photo(_))).expect("the corpus holds a photo");
    let work = tempfile::tempdir().unwrap();
    let photo = draw(&specimen, work.path()).expect("the photo is drawn").files.swap_remove(0);

    // Counts the reader programs every 20 ms while the uploads are answered.
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let (mut most, mut memory) = (0, 0);
            while !done.load(Ordering::Relaxed) {
                let (count, kb) = readers_running();
                most = most.max(count);
                memory = memory.max(kb);
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            (most, memory)
        })
    };
    let started = std::time::Instant::now();
    let uploads = (0..UPLOADS).map(|_| {
        let request = app.client.post(format!("{}/api/bills/read", app.url)).body(photo.clone());
        async move {
            let response = request.send().await.expect("the server answers");
            let status = response.status().as_u16();
            let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
            let body = response.bytes().await.unwrap();
            (status, retry_after, content_type, body)
        }
    });
    let answers = futures::future::join_all(uploads).await;
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let (most_readers, most_memory_kb) = watcher.join().unwrap();

    let read = answers.iter().filter(|a| a.0 == 200).count();
    let refused: Vec<_> = answers.iter().filter(|a| a.0 == 503).collect();
    let other: Vec<u16> = answers.iter().map(|a| a.0).filter(|s| *s != 200 && *s != 503).collect();
    assert!(other.is_empty(), "only read (200) or busy (503): {other:?}");
    let admitted = (WORKERS + WAITING) as usize;
    assert!(read >= admitted, "every upload the queue let in is read: {read} of {admitted}");
    assert!(!refused.is_empty(), "twenty at once are more than 2 workers and 2 waiting");
    for (_, retry_after, content_type, body) in &refused {
        assert!(retry_after.is_some_and(|s| (5..=120).contains(&s)), "Retry-After in seconds: {retry_after:?}");
        assert_eq!(content_type.as_deref(), Some("application/problem+json"));
        let problem: Problem = serde_json::from_slice(body).unwrap();
        assert_eq!(problem.title, "Busy right now");
        assert!(problem.detail.unwrap().contains("Try again in a minute, or type the charges in"));
    }
    assert!(most_readers <= WORKERS as usize, "at most {WORKERS} reader programs at once, seen {most_readers}");
    let retry: Vec<u64> = refused.iter().filter_map(|a| a.1).collect();
    println!(
        "[report] reading queue, {UPLOADS} simultaneous photo uploads ({WORKERS} workers, {WAITING} waiting): {read} read, {} refused 503 with Retry-After {}–{} s, 0 other answers; at most {most_readers} reader programs at once, {:.0} MB resident at most; all answered in {seconds:.1} s",
        refused.len(),
        retry.iter().min().unwrap_or(&0),
        retry.iter().max().unwrap_or(&0),
        most_memory_kb as f64 / 1024.0,
    );
}
