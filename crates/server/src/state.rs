//! What every handler can reach: the application's state, built once when the server starts
//! (`app.rs`), and the settings it carries.

use crate::bill_reading::queue::ReadingQueue;
use crate::bills::UnitLimitTable;
use crate::client_limits::ClientLimits;
use crate::pricing::PriceBook;
use crate::sealing::SealingKey;
use crate::storage::Storage;
use advocate_domain::ProgramSettings;
use advocate_domain::employer::Employers;
use advocate_domain::session_clock::SessionClock;
use std::{sync::Arc, time::Duration};

/// Cloned for every request by the router, so one pointer: cloning it is one atomic count,
/// not one for each of the parts below.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What the handlers share.
pub struct Shared {
    pub storage: Arc<dyn Storage>,
    pub program: Arc<ProgramSettings>,
    pub prices: Arc<PriceBook>,
    pub unit_limits: Arc<UnitLimitTable>,
    /// Encrypts bills attached to requests.
    pub sealing: Arc<SealingKey>,
    pub bill_retention: Duration,
    /// The employers whose intranets embed the app.
    pub employers: Arc<Employers>,
    /// How long advocates' sessions last, and their cookie's path.
    pub sessions: Arc<SessionSettings>,
    /// What one client may ask without signing in, and how a client is told apart.
    pub client_limits: Arc<ClientLimits>,
    /// Bills being read (rendering, OCR): how many at once, how many waiting.
    pub reading: Arc<ReadingQueue>,
    /// This server's counts for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
}

/// How long advocates' sessions last, and the cookie's path (the app's base path).
#[derive(Debug, Clone)]
pub struct SessionSettings {
    pub clock: SessionClock,
    pub cookie_path: String,
}
