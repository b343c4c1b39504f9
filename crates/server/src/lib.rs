//! Advocate's server: the JSON API around the domain rules, storage, and the SPA's files.

pub mod accounts;
pub mod app;
pub mod attached_bills;
pub mod audit;
pub mod bill_reading;
pub mod bills;
pub mod client_limits;
pub mod clock;
pub mod commands;
pub mod config;
mod config_file;
pub mod connections;
pub mod employers;
pub mod http;
pub mod login_limit;
pub mod pricing;
mod private_dir;
pub mod program;
pub mod request_id;
pub mod requests;
pub mod sealed_records;
pub mod sealing;
pub mod secrets;
pub mod state;
pub mod storage;
pub mod zip_directory;
