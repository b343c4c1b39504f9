//! The per-client limits on the routes members use without signing in (see `client_limits`):
//! a 429 problem with `Retry-After` once a client's bucket is empty, and a 507 problem for an
//! upload while the disk is nearly full. Both answer before the body is read.

use super::error::ApiError;
use crate::client_limits::Limited;
use crate::state::AppState;
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::net::SocketAddr;

/// Takes one from the client's bucket for `what`, or answers 429.
pub async fn per_client(State((state, what)): State<(AppState, Limited)>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let Some(client) = state.client_limits.client_address(request.headers(), peer) else {
        return next.run(request).await;
    };
    match state.client_limits.take(what, client) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
            tracing::warn!(?what, seconds, "client over its limit");
            let when = if seconds < 90 { format!("{seconds} seconds") } else { format!("{} minutes", seconds.div_ceil(60)) };
            ApiError::TooManyRequests {
                detail: format!(
                    "Many of these came from your connection in a short time. Please try again in {when}, or call an advocate at {}.",
                    state.program.advocate_phone
                ),
                retry_after_seconds: seconds,
            }
            .into_response()
        }
    }
}

/// Refuses an upload (507) while the disk under the data folder is below its floor.
pub async fn disk_room(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.client_limits.disk_has_room() {
        return next.run(request).await;
    }
    tracing::error!("upload refused: the disk under the data folder is nearly full");
    ApiError::InsufficientStorage(format!(
        "We cannot take files right now. Please try again later, or call an advocate at {}.",
        state.program.advocate_phone
    ))
    .into_response()
}
