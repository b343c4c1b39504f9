//! The server's settings: flags, each with an environment variable and a default, so that
//! `advocate-server` with nothing set serves the app on 127.0.0.1:8080 with a SQLite file.

use clap::{Args, ValueEnum};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ADVOCATE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Database to use: sqlite://PATH (created and migrated on start) or postgres://USER:PASSWORD@HOST/DB
    /// for several servers behind a load balancer. Default: a SQLite file in --data-dir.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder for the server's own files (the SQLite database). Created with owner-only access.
    #[arg(long, env = "ADVOCATE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Folder holding the built SPA (Trunk's dist/). Without it the server serves only the API.
    #[arg(long, env = "ADVOCATE_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// A TOML file with the program's settings (sponsor, advocate phone, hours, general
    /// conditions), replacing the bundled default. Refused at start if it is invalid.
    #[arg(long, env = "ADVOCATE_PROGRAM_FILE")]
    pub program_file: Option<PathBuf>,

    /// A TOML file with the price ranges (percentages of Medicare, with their published
    /// sources) that cost estimates show, replacing the bundled default. Refused at start if invalid.
    #[arg(long, env = "ADVOCATE_PRICE_RANGES_FILE")]
    pub price_ranges_file: Option<PathBuf>,

    /// A TOML file listing the employers whose intranets embed the app under /e/{slug}/ (their
    /// names, colours, allowed origins and overrides). Refused at start if invalid.
    #[arg(long, env = "ADVOCATE_EMPLOYERS_FILE")]
    pub employers_file: Option<PathBuf>,

    /// The key that seals member data at rest (requests' answers and contact details, case
    /// notes, bills attached to requests): 64 hexadecimal characters in a file only the server's
    /// user can read. Created on first start when absent; back it up. Servers sharing a database
    /// must share this file; `rotate-key` replaces it. Default: bill-files.key in --data-dir.
    #[arg(long, env = "ADVOCATE_BILL_KEY_FILE")]
    pub bill_key_file: Option<PathBuf>,

    /// Days a bill attached to a request is kept before it is deleted.
    #[arg(long, env = "ADVOCATE_BILL_RETENTION_DAYS", default_value_t = advocate_domain::bill_attachment::DEFAULT_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub bill_retention_days: u32,

    /// Minutes an advocate's console session may go unused before it ends.
    #[arg(long, env = "ADVOCATE_SESSION_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub session_idle_minutes: u32,

    /// Hours after signing in that an advocate's console session ends, used or not.
    #[arg(long, env = "ADVOCATE_SESSION_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=168))]
    pub session_hours: u32,

    /// Path the app is served under, e.g. /advocate/ behind a reverse proxy.
    #[arg(long, env = "ADVOCATE_BASE_PATH", default_value = "/", value_parser = parse_base_path)]
    pub base_path: String,

    /// The most client connections served at once; more wait until one closes. Lowered to what
    /// the open-file limit (ulimit -n) allows.
    #[arg(long, env = "ADVOCATE_MAX_CONNECTIONS", default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Seconds a request's headers may take to arrive, from its first byte; slower clients are
    /// disconnected.
    #[arg(long, env = "ADVOCATE_HEADER_TIMEOUT_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub header_timeout_seconds: u32,

    /// Seconds an open connection may wait for its next request (or its first) before it is closed.
    #[arg(long, env = "ADVOCATE_KEEP_ALIVE_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub keep_alive_seconds: u32,

    /// Seconds a request's body (an upload) may pause, and the time it gets before the minimum
    /// rate applies; a client that stops reading an answer this long is disconnected too.
    #[arg(long, env = "ADVOCATE_BODY_TIMEOUT_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub body_timeout_seconds: u32,

    /// The slowest average rate, in bytes per second, at which a body may arrive once the body
    /// timeout has passed: slower is answered 408.
    #[arg(long, env = "ADVOCATE_BODY_MIN_BYTES_PER_SECOND", default_value_t = 8192, value_parser = clap::value_parser!(u64).range(1..))]
    pub body_min_bytes_per_second: u64,

    /// A header your reverse proxy sets to the client's address (X-Forwarded-For, X-Real-IP): its
    /// last address names the client for the per-client limits. Off by default: set it only
    /// behind a proxy that writes it, or clients could name themselves.
    #[arg(long, env = "ADVOCATE_CLIENT_ADDRESS_HEADER")]
    pub client_address_header: Option<axum::http::HeaderName>,

    /// Requests a member may open per hour from one address (a sixth of it at once).
    #[arg(long, env = "ADVOCATE_REQUESTS_PER_HOUR", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub requests_per_hour: u32,

    /// Photos or PDFs of bills that may be added per hour from one address (a sixth at once).
    #[arg(long, env = "ADVOCATE_BILL_PAGES_PER_HOUR", default_value_t = 120, value_parser = clap::value_parser!(u32).range(1..))]
    pub bill_pages_per_hour: u32,

    /// Bills that may be read (text layer or OCR) per hour from one address (a sixth at once).
    #[arg(long, env = "ADVOCATE_BILL_READS_PER_HOUR", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
    pub bill_reads_per_hour: u32,

    /// Bill reviews (checked or attached) per hour from one address (a sixth at once).
    #[arg(long, env = "ADVOCATE_BILL_REVIEWS_PER_HOUR", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub bill_reviews_per_hour: u32,

    /// The most megabytes a request's attached bill may hold, its photos, PDFs and charges together.
    #[arg(long, env = "ADVOCATE_BILL_MEGABYTES_PER_REQUEST", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub bill_megabytes_per_request: u64,

    /// Uploads are refused (507) while less than this many megabytes are free under --data-dir.
    #[arg(long, env = "ADVOCATE_MIN_FREE_DISK_MEGABYTES", default_value_t = 1024)]
    pub min_free_disk_megabytes: u64,

    /// The second OCR reader's model (PaddleOCR's PP-OCRv4 recogniser, ONNX): the digits of
    /// poor scans are read again with it. `cargo xtask serve` fetches it; without it, bills are
    /// read by tesseract alone.
    #[arg(long, env = "ADVOCATE_OCR_MODEL")]
    pub ocr_model: Option<PathBuf>,

    /// Pages of bills read (rendered, OCR'd) at once across all uploads. Default: the number of cores.
    #[arg(long, env = "ADVOCATE_READING_WORKERS", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub reading_workers: Option<u32>,

    /// Uploads that may wait for a reader beyond those being read; more are answered 503 with
    /// Retry-After. Default: four per worker.
    #[arg(long, env = "ADVOCATE_READING_WAITING", value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub reading_waiting: Option<u32>,

    /// The longest an upload waits for a reader before it is answered 503 with Retry-After.
    #[arg(long, env = "ADVOCATE_READING_WAIT_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub reading_wait_seconds: u32,

    /// Where Prometheus scrapes `/metrics` (for instance 127.0.0.1:9100): a separate address,
    /// never the public one. Off when not given.
    #[arg(long, env = "ADVOCATE_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// Log format: text for people, json for log collectors.
    #[arg(long, env = "ADVOCATE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The limits on client connections (see `connections`).
    pub fn connection_limits(&self) -> ConnectionLimits {
        let seconds = |s: u32| std::time::Duration::from_secs(u64::from(s));
        ConnectionLimits {
            max_connections: self.max_connections as usize,
            header_timeout: seconds(self.header_timeout_seconds),
            keep_alive: seconds(self.keep_alive_seconds),
            body_timeout: seconds(self.body_timeout_seconds),
            body_min_rate: self.body_min_bytes_per_second,
        }
    }

    pub fn bill_key_file(&self) -> PathBuf {
        self.bill_key_file.clone().unwrap_or_else(|| self.data_dir.join("bill-files.key"))
    }

    /// The per-client limits (see `client_limits`).
    pub fn client_limit_settings(&self) -> crate::client_limits::ClientLimitSettings {
        const MEGABYTE: u64 = 1_000_000;
        crate::client_limits::ClientLimitSettings {
            address_header: self.client_address_header.clone(),
            requests_per_hour: self.requests_per_hour,
            bill_pages_per_hour: self.bill_pages_per_hour,
            bill_reads_per_hour: self.bill_reads_per_hour,
            bill_reviews_per_hour: self.bill_reviews_per_hour,
            bill_bytes_per_request: self.bill_megabytes_per_request.saturating_mul(MEGABYTE),
            min_free_disk_bytes: self.min_free_disk_megabytes.saturating_mul(MEGABYTE),
            data_dir: self.data_dir.clone(),
        }
    }

    /// The reading queue's settings (see `bill_reading::queue`).
    pub fn reading_queue(&self) -> crate::bill_reading::queue::QueueSettings {
        use crate::bill_reading::queue::QueueSettings;
        let chosen = self.reading_workers.map(|w| QueueSettings::for_workers(w as usize));
        let settings = chosen.unwrap_or_default();
        QueueSettings {
            waiting: self.reading_waiting.map_or(settings.waiting, |w| w as usize),
            wait: std::time::Duration::from_secs(u64::from(self.reading_wait_seconds)),
            ..settings
        }
    }

    /// The database URL to use: the one given, or a SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("advocate.db").display()),
        }
    }
}

/// Normalises a base path to start and end with "/": "advocate" → "/advocate/".
fn parse_base_path(input: &str) -> Result<String, String> {
    let trimmed = input.trim_matches('/');
    if trimmed.split('/').any(|segment| segment == "." || segment == "..")
        || !trimmed.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        return Err("use letters, digits, '-', '_' and '/' only, like /advocate/".into());
    }
    Ok(if trimmed.is_empty() { "/".into() } else { format!("/{trimmed}/") })
}

/// The limits on connections, from the server's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    /// From a request's first byte to the end of its headers.
    pub header_timeout: std::time::Duration,
    /// How long a connection may wait for its next request (or its first).
    pub keep_alive: std::time::Duration,
    /// The longest pause in a request's body or in the client's reading of a response, and the
    /// time a body gets before the minimum rate applies.
    pub body_timeout: std::time::Duration,
    /// The average rate a body must keep after `body_timeout`, in bytes per second.
    pub body_min_rate: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(parse_base_path("/").unwrap(), "/");
        assert_eq!(parse_base_path("").unwrap(), "/");
        assert_eq!(parse_base_path("advocate").unwrap(), "/advocate/");
        assert_eq!(parse_base_path("/benefits/advocate/").unwrap(), "/benefits/advocate/");
        assert!(parse_base_path("/../etc").is_err());
        assert!(parse_base_path("/a b").is_err());
    }
}
