//! `GET /api/program`: the program's settings, which the SPA shows instead of hard-coding them.

use super::error::ApiError;
use crate::state::AppState;
use advocate_domain::ProgramSettings;
use advocate_domain::employer::EmbeddedSettings;
use axum::{
    Json,
    extract::{Path, State},
    http::header,
    response::IntoResponse,
};

/// The program's sponsor, advocate phone number, hours and general conditions.
#[utoipa::path(get, path = "/api/program", tag = "program", responses((status = 200, body = ProgramSettings)))]
pub async fn get_program(State(state): State<AppState>) -> impl IntoResponse {
    // Short caching: settings change only when an operator restarts the server with a new file.
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(state.program.as_ref().clone()))
}

/// An employer's embedded app: its name, logo and colours, and the program as its members see
/// it (its own phone number and hours, if it has them).
#[utoipa::path(get, path = "/api/employers/{slug}", tag = "program",
    params(("slug" = String, Path, description = "The employer's slug, as in /e/{slug}/")),
    responses(
        (status = 200, body = EmbeddedSettings),
        (status = 404, body = advocate_domain::Problem, description = "No employer has this slug"),
    ))]
pub async fn get_employer(State(state): State<AppState>, Path(slug): Path<String>) -> Result<impl IntoResponse, ApiError> {
    let employer = state
        .employers
        .find(&slug)
        .ok_or_else(|| ApiError::NotFound(format!("No employer is set up as \"{slug}\". Check the address your intranet links to.")))?;
    let settings = EmbeddedSettings { employer: employer.theme(), program: employer.program(&state.program) };
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Json(settings)))
}
