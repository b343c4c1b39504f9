//! Every request gets an id (kept from a trusted proxy's `X-Request-Id`, or made here), a log
//! span carrying it, and one log line when answered. Only the path is logged: query strings can
//! hold a ZIP code or other member data.

use crate::request_id::with_request_id;
use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use std::time::Instant;
use tracing::Instrument;

/// An answer that took this long (from the router's first look at the request to its answer)
/// is logged as a warning, so an operator who logs warnings only still sees stalls.
const SLOW_MILLIS: u64 = 1_000;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

pub async fn request_context(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_plausible_request_id(id))
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned);
    let span = tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path());
    let started = Instant::now();
    let mut response = with_request_id(id.clone(), next.run(request)).instrument(span.clone()).await;
    let millis = started.elapsed().as_millis() as u64;
    span.in_scope(|| {
        if millis >= SLOW_MILLIS {
            tracing::warn!(status = response.status().as_u16(), millis, "answered slowly");
        } else {
            tracing::info!(status = response.status().as_u16(), millis, "answered");
        }
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// An id from outside is kept only if it cannot smuggle anything into a log line.
fn is_plausible_request_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tidy_request_ids_are_kept() {
        assert!(is_plausible_request_id("3f2b8c1e-9d4a-4c1b-8e2f-1a2b3c4d5e6f"));
        assert!(!is_plausible_request_id("short"));
        assert!(!is_plausible_request_id("has spaces in it"));
        assert!(!is_plausible_request_id("line\nbreak-injection"));
    }
}
