//! The bill review: `POST /api/bills/review` (the authority, with the unit limits and the price
//! benchmarks) and `GET /api/unit-limits` (the limits, for the review the browser runs first).

use super::error::{ApiError, problem_response};
use super::valid::Valid;
use crate::bills::ServerReviewData;
use crate::state::AppState;
use advocate_domain::bill_review::{BillReviewRequest, Review, review};
use advocate_domain::{FieldError, Problem};
use axum::{
    Json,
    body::Bytes,
    extract::{State, rejection::BytesRejection},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};

/// The most JSON a review accepts: a 5,000-line bill with long descriptions fits.
pub const MAX_BODY: usize = 8_000_000;

/// Reviews a bill: duplicate and wrong charges, negotiation leads, No Surprises Act questions,
/// and whether Medical Bill Saver can negotiate it. Nothing is stored.
#[utoipa::path(post, path = "/api/bills/review", tag = "bill check", request_body = BillReviewRequest,
    responses(
        (status = 200, body = Review),
        (status = 413, body = advocate_domain::Problem, description = "More than 8 MB of JSON"),
        (status = 422, body = advocate_domain::Problem, description = "A bill that cannot be reviewed, each problem named"),
    ))]
pub async fn review_bill(State(state): State<AppState>, Valid(request): Valid<BillReviewRequest>) -> impl IntoResponse {
    let found = reviewed(&state, &request);
    // A review describes someone's care: no cache may keep it.
    ([(header::CACHE_CONTROL, "no-store")], Json(found))
}

/// Reviews a bill (checked by `Valid`) with the server's data.
pub(super) fn reviewed(state: &AppState, request: &BillReviewRequest) -> Review {
    let data = ServerReviewData {
        limits: &state.unit_limits.limits,
        prices: &state.prices,
        gpci: request.zip.and_then(|zip| state.prices.gpci(zip)),
    };
    review(&request.bill, &request.situation, &data)
}

/// Reads a photo (JPEG, PNG) or a PDF of a bill into its charges, for the member to check and
/// correct: the words of the PDF's text layer, else OCR, read as a table by the domain's layout
/// reader; with each charge's row and the rows to check. The kind is decided by the content.
/// Nothing is kept.
#[utoipa::path(post, path = "/api/bills/read", tag = "bill check",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The photo or PDF, at most 20 MB and 20 pages"),
    responses(
        (status = 200, body = advocate_domain::bill_import::BillReading),
        (status = 413, body = advocate_domain::Problem, description = "Over 20 MB"),
        (status = 422, body = advocate_domain::Problem, description = "Not a photo or PDF, protected, damaged, or no charges could be read; the detail says what to try"),
        (status = 503, body = advocate_domain::Problem, description = "This server cannot read bills (a reader program is missing), or is reading as many as it can: then with Retry-After",
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again, when the server is busy"))),
    ))]
pub async fn read_bill(State(state): State<AppState>, body: Result<Bytes, BytesRejection>) -> Result<Response, ApiError> {
    use crate::bill_reading::{ReadError, read_bill};
    let body = body.map_err(|_| ApiError::TooLarge(ReadError::TooLarge.to_string()))?;
    let started = std::time::Instant::now();
    let read = read_bill(&state.reading, &body).await;
    match &read {
        Err(ReadError::Busy(_)) => state.metrics.record_busy(),
        // Refused by content before any reader ran: not a reading.
        Err(
            ReadError::Empty | ReadError::TooLarge | ReadError::NotSupported | ReadError::TooManyPixels(_) | ReadError::UnreadableImage,
        ) => {}
        _ => state.metrics.record_reading(started.elapsed()),
    }
    match read {
        Ok(reading) => Ok(([(header::CACHE_CONTROL, "no-store")], Json(reading)).into_response()),
        Err(ReadError::TooLarge) => Err(ApiError::TooLarge(ReadError::TooLarge.to_string())),
        Err(error @ ReadError::Busy(busy)) => {
            Err(ApiError::Busy { detail: error.to_string(), retry_after_seconds: busy.retry_after.as_secs() })
        }
        Err(ReadError::Unavailable(what)) => {
            // The server's fault, not the file's: said plainly, with what the member can do.
            tracing::error!(reader = %what, "bill reading is unavailable");
            Ok(problem_response(Problem::new(503, "Bill reading is unavailable on this server").with_detail(
                "This server cannot read photos or PDFs of bills right now. Type the charges in, or call an advocate, who can read the bill with you.",
            )))
        }
        Err(other) => Err(ApiError::invalid(vec![FieldError { field: "file".into(), message: other.to_string() }])),
    }
}

/// The table's media type: one "CODE<TAB>UNITS" per line.
const TSV: &str = "text/tab-separated-values";

/// The daily unit limits by code (Medicare's medically unlikely edits), public data. JSON, or
/// with `Accept: text/tab-separated-values` one "CODE<TAB>UNITS" per line: the member app reads
/// that in one pass, where ten thousand JSON members would hold a phone's page for a long task.
#[utoipa::path(get, path = "/api/unit-limits", tag = "bill check", responses((status = 200,
    content((std::collections::BTreeMap<String, u32> = "application/json"), (String = "text/tab-separated-values")))))]
pub async fn unit_limits(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    let (content_type, body) = if accepts_table(&headers) {
        ("text/tab-separated-values; charset=utf-8", state.unit_limits.table.clone())
    } else {
        ("application/json", state.unit_limits.json.clone())
    };
    ([(header::CACHE_CONTROL, "public, max-age=86400"), (header::CONTENT_TYPE, content_type), (header::VARY, "accept")], body)
}

/// Whether `Accept` names the table (`text/tab-separated-values`, not refused with `q=0`).
fn accepts_table(headers: &HeaderMap) -> bool {
    let mut ranges = headers.get_all(header::ACCEPT).iter().filter_map(|value| value.to_str().ok()).flat_map(|value| value.split(','));
    ranges.any(|range| {
        let mut parts = range.split(';').map(str::trim);
        let refused = |param: &str| param.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0);
        parts.next().is_some_and(|media| media.eq_ignore_ascii_case(TSV)) && !parts.any(refused)
    })
}
