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
    pub fn bill_key_file(&self) -> PathBuf {
        self.bill_key_file.clone().unwrap_or_else(|| self.data_dir.join("bill-files.key"))
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
