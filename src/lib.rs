//! Advocate's single-page app: the screens members, employers and advocates use. Pages compose
//! components; components take typed props; all HTTP goes through `api`; rules come from the
//! domain crate, the same code the server runs.

pub mod api;
pub mod app;
pub mod bill_handoff;
pub mod clock;
pub mod components;
pub mod console_api;
pub mod embed;
pub mod estimate;
pub mod finder;
pub mod local_store;
pub mod pages;

pub use app::App;
