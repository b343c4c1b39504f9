//! Advocate's single-page app: the screens members, employers and advocates use. Pages compose
//! components; components take typed props; all HTTP goes through `api` and `console_api`;
//! rules come from the domain crate, the same code the server runs.
//!
//! Each module imports only modules under it: `app` (the router and layout) → `pages` →
//! `components` and the pages' state (`finder`, `estimate`) → the API clients (`api`,
//! `console_api`) and `local_store` → `page`, `address`, `json`, `clock`, `embed`,
//! `bill_handoff`, `bill_reader`. Pages never import one another.

pub mod address;
pub mod api;
pub mod app;
pub mod bill_handoff;
pub mod bill_reader;
pub mod clock;
pub mod components;
pub mod console_api;
pub mod embed;
pub mod estimate;
pub mod finder;
pub mod json;
pub mod local_store;
pub mod page;
pub mod pages;

pub use app::{App, ConsoleApp};
