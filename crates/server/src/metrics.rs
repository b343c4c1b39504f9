//! What an operator's Prometheus scrapes (`--metrics-listen`, off by default): answers by route
//! and status with a latency histogram per route, the bill-reading queue, sweeper runs, and at
//! each scrape the requests awaiting outreach and those overdue. Labels are route templates
//! (`/api/requests/{reference}`), methods, status codes and job names: never a reference, an
//! address or anything a member typed.
//!
//! Written by hand in Prometheus's text format (version 0.0.4): a few counters behind one lock
//! cost less than a metrics library and its registry, and the format is small and stable.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// The latency buckets, in seconds: from a cached catalog read to a bill read by OCR.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0];

#[derive(Default)]
struct Histogram {
    /// Observations at or below each bucket's bound (cumulated when written).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(at) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            self.buckets[at] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulated = 0;
        for (bound, count) in BUCKETS.iter().zip(self.buckets) {
            cumulated += count;
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulated}");
        }
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", self.count);
        let _ = writeln!(out, "{name}_sum{{{labels}}} {}", self.sum);
        let _ = writeln!(out, "{name}_count{{{labels}}} {}", self.count);
    }
}

#[derive(Default)]
struct Registry {
    /// route → its answers and their latency.
    routes: BTreeMap<String, RouteCounts>,
    /// job → runs on this server.
    sweeps: BTreeMap<&'static str, u64>,
    /// Bills read (or refused busy), and how long each took.
    readings: Histogram,
    refused_busy: u64,
}

/// One route's answers by (method, status), and their latency.
#[derive(Default)]
struct RouteCounts {
    answers: BTreeMap<(&'static str, u16), u64>,
    latency: Histogram,
}

/// What is only known at the scrape: read from the server's state and database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gauges {
    pub reading_queue: usize,
    pub reading_workers: usize,
    pub awaiting_outreach: usize,
    pub overdue: usize,
}

/// One server's counts (each server of a test process has its own).
#[derive(Default)]
pub struct Metrics {
    registry: Mutex<Registry>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        // A panic while holding the lock leaves counts that are still counts.
        self.registry.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// One answer of the API or the app: `route` is the matched route's template, or "unmatched".
    /// Allocates only for a route's first answer: this runs for every request.
    pub fn record_answer(&self, route: &str, method: &'static str, status: u16, took: Duration) {
        let mut registry = self.registry();
        if !registry.routes.contains_key(route) {
            registry.routes.insert(route.to_string(), RouteCounts::default());
        }
        let Some(counts) = registry.routes.get_mut(route) else { return };
        *counts.answers.entry((method, status)).or_default() += 1;
        counts.latency.observe(took.as_secs_f64());
    }

    /// A regular job ran on this server (it had claimed the period's run).
    pub fn record_sweep(&self, job: &'static str) {
        *self.registry().sweeps.entry(job).or_default() += 1;
    }

    /// A bill was read (or failed to read) after this long, in the queue and reading.
    pub fn record_reading(&self, took: Duration) {
        self.registry().readings.observe(took.as_secs_f64());
    }

    /// An upload was refused because the reading queue was full or its wait ran out.
    pub fn record_busy(&self) {
        self.registry().refused_busy += 1;
    }

    /// The exposition, in Prometheus's text format.
    pub fn render(&self, gauges: Gauges) -> String {
        let registry = self.registry();
        let mut out = String::new();
        describe(&mut out, "advocate_http_responses_total", "Answers by route template, method and status.", "counter");
        for (route, counts) in &registry.routes {
            for ((method, status), count) in &counts.answers {
                let _ = writeln!(
                    out,
                    "advocate_http_responses_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {count}",
                    escape(route)
                );
            }
        }
        describe(&mut out, "advocate_http_request_duration_seconds", "Time to answer, by route template.", "histogram");
        for (route, RouteCounts { latency: histogram, .. }) in &registry.routes {
            histogram.write(&mut out, "advocate_http_request_duration_seconds", &format!("route=\"{}\"", escape(route)));
        }
        describe(&mut out, "advocate_bill_reading_queue", "Uploads let into the bill-reading queue (reading or waiting).", "gauge");
        let _ = writeln!(out, "advocate_bill_reading_queue {}", gauges.reading_queue);
        describe(&mut out, "advocate_bill_reading_workers", "Pages that may be read at once.", "gauge");
        let _ = writeln!(out, "advocate_bill_reading_workers {}", gauges.reading_workers);
        describe(&mut out, "advocate_bill_reading_seconds", "Time from upload to answer for bills read by the server.", "histogram");
        registry.readings.write(&mut out, "advocate_bill_reading_seconds", "reader=\"server\"");
        describe(&mut out, "advocate_bill_reading_refused_total", "Uploads answered 503 because the queue was full.", "counter");
        let _ = writeln!(out, "advocate_bill_reading_refused_total {}", registry.refused_busy);
        describe(
            &mut out,
            "advocate_requests_awaiting_outreach",
            "Requests nobody has acted on yet (new, or waiting for a hand-off).",
            "gauge",
        );
        let _ = writeln!(out, "advocate_requests_awaiting_outreach {}", gauges.awaiting_outreach);
        describe(&mut out, "advocate_requests_overdue", "Requests past their promised outreach.", "gauge");
        let _ = writeln!(out, "advocate_requests_overdue {}", gauges.overdue);
        describe(&mut out, "advocate_sweeper_runs_total", "Runs of a regular job on this server.", "counter");
        for (job, count) in &registry.sweeps {
            let _ = writeln!(out, "advocate_sweeper_runs_total{{job=\"{job}\"}} {count}");
        }
        out
    }
}

/// A metric's HELP and TYPE lines.
fn describe(out: &mut String, name: &str, help: &str, kind: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value: backslashes, quotes and line breaks escaped, as the format asks.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_counts_each_observation_in_its_bucket_and_writes_them_cumulated() {
        let mut histogram = Histogram::default();
        for seconds in [0.0005, 0.002, 0.002, 0.7, 100.0] {
            histogram.observe(seconds);
        }
        let mut out = String::new();
        histogram.write(&mut out, "t", "route=\"/x\"");
        assert!(out.contains("t_bucket{route=\"/x\",le=\"0.001\"} 1\n"), "{out}");
        assert!(out.contains("t_bucket{route=\"/x\",le=\"0.0025\"} 3\n"), "{out}");
        assert!(out.contains("t_bucket{route=\"/x\",le=\"1\"} 4\n"), "{out}");
        assert!(out.contains("t_bucket{route=\"/x\",le=\"30\"} 4\n"), "{out}");
        assert!(out.contains("t_bucket{route=\"/x\",le=\"+Inf\"} 5\n"), "{out}");
        assert!(out.contains("t_count{route=\"/x\"} 5\n"), "{out}");
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
