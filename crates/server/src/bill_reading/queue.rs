//! The reading queue. Rendering and OCR are the server's most expensive work: a page costs
//! seconds of a core and up to the subprocess memory limit. So every page of every upload takes
//! one of `workers` slots (default: the number of cores) before a reader program runs for it,
//! and at most `waiting` uploads beyond the workers are let in to wait. An upload that finds the
//! queue full is refused at once, and one that waits longer than `wait` for its first slot gives
//! up: both are answered 503 with `Retry-After`, in words a member understands. Whatever
//! arrives, at most `workers` readers run and at most `workers + waiting` uploads are held in
//! memory.
//!
//! The trade-off: a refused member must come back (or type the charges in), rather than wait
//! an unbounded time behind a burst; the 20-uploads test in `tests/bill_reading.rs` shows the
//! queue refusing the surplus while every admitted upload is read.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How many pages are read at once, how many uploads may wait, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueSettings {
    pub workers: usize,
    pub waiting: usize,
    pub wait: Duration,
}

impl QueueSettings {
    /// `workers` pages at once, four uploads waiting per worker, half a minute at most.
    pub fn for_workers(workers: usize) -> Self {
        QueueSettings { workers, waiting: 4 * workers, wait: Duration::from_secs(30) }
    }
}

impl Default for QueueSettings {
    /// A worker per core.
    fn default() -> Self {
        QueueSettings::for_workers(std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
    }
}

/// The queue shared by every upload of the server.
#[derive(Debug)]
pub struct ReadingQueue {
    settings: QueueSettings,
    /// One permit per page being read (a reader program running).
    slots: Arc<Semaphore>,
    /// One permit per upload let in, reading or waiting.
    uploads: Arc<Semaphore>,
    /// Uploads let in and not yet finished, for the answer's `Retry-After` and the report.
    admitted: Arc<AtomicUsize>,
}

/// The queue is full, or the wait for a slot ran out: try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub retry_after: Duration,
}

impl ReadingQueue {
    pub fn new(settings: QueueSettings) -> Self {
        let workers = settings.workers.max(1);
        let settings = QueueSettings { workers, ..settings };
        ReadingQueue {
            settings,
            slots: Arc::new(Semaphore::new(workers)),
            uploads: Arc::new(Semaphore::new(workers + settings.waiting)),
            admitted: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub fn settings(&self) -> QueueSettings {
        self.settings
    }

    /// Uploads let in and not finished (reading or waiting).
    pub fn admitted(&self) -> usize {
        self.admitted.load(Ordering::Relaxed)
    }

    /// Lets an upload in, or says how long to wait when the queue is full.
    pub fn admit(&self) -> Result<Admission, Busy> {
        let permit = self.uploads.clone().try_acquire_owned().map_err(|_| self.busy())?;
        self.admitted.fetch_add(1, Ordering::Relaxed);
        Ok(Admission {
            _permit: permit,
            admitted: self.admitted.clone(),
            slots: self.slots.clone(),
            started: std::sync::atomic::AtomicBool::new(false),
            wait: self.settings.wait,
            busy: self.busy(),
        })
    }

    /// About how long until there is room: the uploads ahead, a few seconds a page each
    /// (OCR of a letter page is 2–4 s on one core here), shared by the workers; at least 5 s
    /// and at most two minutes, so a member is never told to come back much later than needed.
    fn busy(&self) -> Busy {
        let ahead = self.admitted() as u64 + 1;
        let seconds = (ahead * 4).div_ceil(self.settings.workers as u64).clamp(5, 120);
        Busy { retry_after: Duration::from_secs(seconds) }
    }
}

/// An upload let into the queue: its pages take slots from it. Dropping it leaves the queue.
#[derive(Debug)]
pub struct Admission {
    _permit: OwnedSemaphorePermit,
    admitted: Arc<AtomicUsize>,
    slots: Arc<Semaphore>,
    /// Whether a page of this upload has had a slot: only the first wait is bounded, so a bill
    /// whose first page was read is never dropped half-way.
    started: std::sync::atomic::AtomicBool,
    wait: Duration,
    busy: Busy,
}

impl Admission {
    /// A slot for one page's reader programs, held until the page is read.
    pub async fn slot(&self) -> Result<OwnedSemaphorePermit, Busy> {
        let acquire = self.slots.clone().acquire_owned();
        let permit = if self.started.load(Ordering::Relaxed) {
            acquire.await.ok()
        } else {
            tokio::time::timeout(self.wait, acquire).await.ok().and_then(Result::ok)
        };
        let permit = permit.ok_or(self.busy)?;
        self.started.store(true, Ordering::Relaxed);
        Ok(permit)
    }

    /// A slot no upload is waiting for, at once, or nothing: an idle server reads a page on
    /// several cores (in strips) without making anyone wait. Tokio's semaphore is fair, so
    /// there is no free slot while any page waits for one.
    pub fn spare_slot(&self) -> Option<OwnedSemaphorePermit> {
        self.slots.clone().try_acquire_owned().ok()
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(workers: usize, waiting: usize, wait_ms: u64) -> ReadingQueue {
        ReadingQueue::new(QueueSettings { workers, waiting, wait: Duration::from_millis(wait_ms) })
    }

    #[tokio::test]
    async fn uploads_beyond_the_workers_and_the_waiting_room_are_refused_at_once() {
        let queue = queue(2, 1, 1_000);
        let held: Vec<Admission> = (0..3).map(|_| queue.admit().expect("room for 2 + 1")).collect();
        assert_eq!(queue.admitted(), 3);
        let busy = queue.admit().expect_err("the fourth finds the queue full");
        assert!(busy.retry_after >= Duration::from_secs(5));
        drop(held);
        assert_eq!(queue.admitted(), 0);
        assert!(queue.admit().is_ok(), "room again once they leave");
    }

    #[tokio::test]
    async fn at_most_the_workers_read_at_once_and_a_waiting_upload_gives_up_after_the_wait() {
        let queue = queue(1, 5, 50);
        let first = queue.admit().unwrap();
        let reading = first.slot().await.expect("a free slot");
        let second = queue.admit().unwrap();
        assert!(second.slot().await.is_err(), "the only slot is taken for longer than the wait");
        drop(reading);
        assert!(second.slot().await.is_ok(), "the slot is free again");
    }

    #[tokio::test]
    async fn once_a_bill_has_started_its_later_pages_wait_for_a_slot_without_giving_up() {
        let queue = queue(1, 5, 20);
        let bill = queue.admit().unwrap();
        let page_one = bill.slot().await.unwrap();
        let later = tokio::spawn(async move { bill.slot().await.map(|_| ()) });
        tokio::time::sleep(Duration::from_millis(100)).await;
        drop(page_one);
        assert_eq!(later.await.unwrap(), Ok(()), "page two waited past the 20 ms bound and was read");
    }

    #[tokio::test]
    async fn a_spare_slot_is_lent_only_when_no_page_waits_for_one() {
        let queue = queue(2, 5, 1_000);
        let first = queue.admit().unwrap();
        let _reading = first.slot().await.unwrap();
        let spare = first.spare_slot().expect("the second worker is idle");
        assert!(first.spare_slot().is_none(), "both workers are busy");
        let (tx, rx) = tokio::sync::oneshot::channel();
        let second = queue.admit().unwrap();
        let waiting = tokio::spawn(async move {
            let slot = second.slot().await;
            let _ = rx.await;
            slot.map(|_| ())
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(spare);
        assert!(first.spare_slot().is_none(), "the freed slot went to the page waiting for it");
        let _ = tx.send(());
        assert_eq!(waiting.await.unwrap(), Ok(()));
        assert!(first.spare_slot().is_some(), "idle again once that page is read");
    }

    #[test]
    fn retry_after_grows_with_the_uploads_ahead_within_five_seconds_and_two_minutes() {
        let queue = queue(2, 100, 1_000);
        assert_eq!(queue.busy().retry_after, Duration::from_secs(5));
        let held: Vec<Admission> = (0..40).map(|_| queue.admit().unwrap()).collect();
        assert_eq!(queue.busy().retry_after, Duration::from_secs(82));
        let more: Vec<Admission> = (0..60).map(|_| queue.admit().unwrap()).collect();
        assert_eq!(queue.busy().retry_after, Duration::from_secs(120));
        drop((held, more));
    }
}
