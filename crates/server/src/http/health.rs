//! Probes for the process manager and the load balancer.

use crate::state::AppState;
use advocate_domain::{Health, Readiness};
use axum::{Json, extract::State, http::StatusCode};

/// The process is up and answering.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok".into() })
}

/// The database is reachable and every migration is applied; and which programs bill reading
/// lacks, if any (looked up on each call, so installing one shows at once).
#[utoipa::path(get, path = "/readyz", tag = "operations", responses(
    (status = 200, body = Readiness, description = "Ready to serve"),
    (status = 503, body = Readiness, description = "Not ready: the body says why"),
))]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let status = state.storage.status().await;
    let ready = status.reachable && status.migrations_applied;
    let readiness = Readiness {
        ready,
        database: state.storage.backend().name().into(),
        database_reachable: status.reachable,
        migrations_applied: status.migrations_applied,
        missing_readers: crate::bill_reading::missing_readers_described(),
        second_ocr_reader: crate::bill_reading::second_reader::configured(),
    };
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, Json(readiness))
}
