//! `GET /api/services`: the catalog the service finder renders.

use advocate_domain::Service;
use axum::{Json, http::header, response::IntoResponse};

/// Every service of the program, grouped by area in the program description's order.
#[utoipa::path(get, path = "/api/services", tag = "service finder", responses((status = 200, body = Vec<Service>)))]
pub async fn list_services() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "public, max-age=3600")], Json(advocate_domain::catalog()))
}
