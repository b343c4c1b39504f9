//! The bill review: `POST /api/bills/review` (the authority, with the unit limits and the price
//! benchmarks) and `GET /api/unit-limits` (the limits, for the review the browser runs first).

use super::ApiError;
use crate::app::AppState;
use crate::bills::ServerReviewData;
use advocate_domain::FieldError;
use advocate_domain::bill_review::{BillReviewRequest, Review, review};
use axum::{Json, body::Bytes, extract::State, http::header, response::IntoResponse};
use std::collections::BTreeMap;

/// Reviews a bill: duplicate and wrong charges, negotiation leads, No Surprises Act questions,
/// and whether Medical Bill Saver can negotiate it. Nothing is stored.
#[utoipa::path(post, path = "/api/bills/review", tag = "bill check", request_body = BillReviewRequest,
    responses(
        (status = 200, body = Review),
        (status = 422, body = advocate_domain::Problem, description = "A bill that cannot be reviewed, each problem named"),
    ))]
pub async fn review_bill(State(state): State<AppState>, body: Bytes) -> Result<Json<Review>, ApiError> {
    let request: BillReviewRequest = serde_json::from_slice(&body).map_err(|error| ApiError::Invalid {
        detail: format!("The bill could not be read: {error}."),
        errors: vec![FieldError {
            field: "bill".into(),
            message: "Send the bill as JSON in the shape of BillReviewRequest (see /api/openapi.json).".into(),
        }],
    })?;
    let problems = request.problems();
    if !problems.is_empty() {
        let errors: Vec<FieldError> = problems.into_iter().map(|(field, message)| FieldError { field, message }).collect();
        let detail = errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ");
        return Err(ApiError::Invalid { detail, errors });
    }
    let data = ServerReviewData { limits: &state.unit_limits, prices: &state.prices, zip: request.zip };
    Ok(Json(review(&request.bill, &request.situation, &data)))
}

/// The daily unit limits by code (Medicare's medically unlikely edits), public data.
#[utoipa::path(get, path = "/api/unit-limits", tag = "bill check", responses((status = 200, body = BTreeMap<String, u32>)))]
pub async fn unit_limits(State(state): State<AppState>) -> impl IntoResponse {
    let limits: BTreeMap<String, u32> = state.unit_limits.iter().map(|(code, units)| (code.to_string(), units)).collect();
    ([(header::CACHE_CONTROL, "public, max-age=86400")], Json(limits))
}
