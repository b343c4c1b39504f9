//! `GET /api/program`: the program's settings, which the SPA shows instead of hard-coding them.

use crate::app::AppState;
use advocate_domain::ProgramSettings;
use axum::{Json, extract::State, http::header, response::IntoResponse};

/// The program's sponsor, advocate phone number, hours and general conditions.
#[utoipa::path(get, path = "/api/program", tag = "program", responses((status = 200, body = ProgramSettings)))]
pub async fn get_program(State(state): State<AppState>) -> impl IntoResponse {
    // Short caching: settings change only when an operator restarts the server with a new file.
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(state.program.as_ref().clone()))
}
