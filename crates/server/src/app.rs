//! Building the app from its configuration and running it: used by `main` and by the tests alike.

use crate::bills::UnitLimitTable;
use crate::client_limits::ClientLimits;
use crate::config::Config;
use crate::connections::ConnectionLimits;
use crate::http::{self, Spa};
use crate::pricing::PriceBook;
use crate::sealing::SealingKey;
use crate::state::{AppState, SessionSettings};
use crate::{private_dir, storage};
use advocate_domain::session_clock::SessionClock;
use anyhow::Context;
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio::net::TcpListener;

/// A server bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    limits: ConnectionLimits,
    /// The metrics listener and its router, when `--metrics-listen` is given.
    metrics: Option<(TcpListener, axum::Router)>,
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let program = crate::program::load(config.program_file.as_deref())?;
        let employers = crate::employers::load(config.employers_file.as_deref())?;
        let storage = storage::open(config).await?;
        let spa = Spa::load(&config.dist_dir, &config.base_path)
            .with_context(|| format!("cannot read the SPA in {}", config.dist_dir.display()))?;
        if spa.is_none() {
            tracing::warn!(dist_dir = %config.dist_dir.display(), "no built SPA found: serving the API only");
        }
        let missing = crate::bill_reading::missing_readers_described();
        if !missing.is_empty() {
            // Said once, where the operator looks: uploads of photos and PDFs will get a 503.
            tracing::warn!(missing = %missing.join(", "), "bill reading is unavailable: install these programs (cargo xtask serve does)");
        }
        crate::bill_reading::second_reader::init(config.ocr_model.as_deref())?;
        if config.ocr_model.is_none() {
            tracing::info!("no second OCR reader (--ocr-model): poor scans are read by tesseract alone");
        }
        let ranges = crate::pricing::ranges::load(config.price_ranges_file.as_deref())?;
        let prices = match storage.fee_schedule().await.context("cannot read the imported fee schedule")? {
            Some(import) => {
                tracing::info!(
                    year = import.year,
                    codes = import.rvus.len(),
                    zips = import.zips.len(),
                    "pricing from the imported fee schedule"
                );
                PriceBook::imported(import, ranges)
            }
            None => PriceBook::bundled(ranges),
        };
        let unit_limits = match storage.unit_limits().await.context("cannot read the imported unit limits")? {
            Some(imported) => imported,
            None => crate::bills::bundled_limits(),
        };
        let key_file = config.bill_key_file();
        if let Some(folder) = key_file.parent().filter(|f| !f.as_os_str().is_empty() && !f.exists()) {
            private_dir::create(folder)?;
        }
        let sealing = SealingKey::load_or_create(&key_file)?;
        // Before serving: what an earlier version wrote in clear is sealed, and a key that did
        // not seal what the database holds is refused rather than failing on every case.
        crate::sealed_records::seal_waiting(storage.as_ref(), &sealing).await?;
        crate::sealed_records::check_key(storage.as_ref(), &sealing).await?;
        let state = AppState::new(crate::state::Shared {
            storage,
            program: Arc::new(program),
            prices: Arc::new(prices),
            unit_limits: Arc::new(UnitLimitTable::new(unit_limits)),
            sealing: Arc::new(sealing),
            bill_retention: Duration::from_secs(u64::from(config.bill_retention_days) * 86_400),
            employers: Arc::new(employers),
            sessions: Arc::new(SessionSettings {
                clock: SessionClock::new(config.session_idle_minutes, config.session_hours),
                cookie_path: config.base_path.clone(),
            }),
            client_limits: Arc::new(ClientLimits::new(config.client_limit_settings())),
            reading: Arc::new(crate::bill_reading::queue::ReadingQueue::new(config.reading_queue())),
            metrics: Arc::default(),
        });
        // The dummy hash unknown emails are checked against, made now rather than on the first
        // such sign-in (which would then take twice as long).
        tokio::task::spawn_blocking(|| {
            crate::accounts::dummy_hash();
        });
        tokio::spawn(crate::attached_bills::delete_expired_regularly(state.storage.clone(), state.metrics.clone()));
        tokio::spawn(crate::accounts::delete_ended_sessions_regularly(state.storage.clone(), state.metrics.clone(), state.sessions.clock));
        let limits = state.client_limits.clone();
        tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                limits.forget_idle_clients();
            }
        });
        let metrics = match config.metrics_listen {
            Some(address) => {
                let listener = TcpListener::bind(address).await.with_context(|| format!("cannot listen for metrics on {address}"))?;
                Some((listener, http::metrics_router(state.clone())))
            }
            None => None,
        };
        let router = http::router(state, spa, &config.base_path);
        let listener = TcpListener::bind(config.listen).await.with_context(|| format!("cannot listen on {}", config.listen))?;
        Ok(Self { listener, router, limits: config.connection_limits(), metrics })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
    /// The metrics listener's address, when there is one.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|(listener, _)| listener.local_addr().ok())
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        if let Some((listener, router)) = self.metrics {
            // Scraped by one Prometheus on a private address: axum's own server is enough here.
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, router).await {
                    tracing::error!(%error, "the metrics listener stopped");
                }
            });
        }
        crate::connections::serve(self.listener, self.router, self.limits, shutdown_signal()).await?;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
