//! Cost estimates: `GET /api/procedures` (the catalog, or a search of it) and
//! `GET /api/estimates` (a procedure's or a code's price where a ZIP code is).

use super::error::ApiError;
use crate::pricing::{EstimateError, Subject};
use crate::state::AppState;
use advocate_domain::estimate::{Estimate, ZIP_NEEDED, parse_code};
use advocate_domain::problem::as_sentence as sentence;
use advocate_domain::procedures::Procedure;
use advocate_domain::{FieldError, Zip};
use axum::{
    Json,
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcedureQuery {
    /// What the member typed: "knee mri", "colonoscopy", "99213". Without it, the whole catalog.
    q: Option<String>,
}

/// The procedures a member can price: all of them (the SPA searches them as the member types),
/// or those matching `q`, best first. With an imported schedule, a code outside the catalog is
/// found too.
#[utoipa::path(get, path = "/api/procedures", tag = "cost estimates", params(ProcedureQuery),
    responses((status = 200, body = Vec<Procedure>)))]
pub async fn procedures(State(state): State<AppState>, Query(query): Query<ProcedureQuery>) -> Response {
    match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => ([(header::CACHE_CONTROL, "private, max-age=3600")], Json(state.prices.search(q))).into_response(),
        // The whole catalog, serialised once when the server starts.
        None => {
            ([(header::CACHE_CONTROL, "public, max-age=3600"), (header::CONTENT_TYPE, "application/json")], state.prices.catalog_json())
                .into_response()
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EstimateQuery {
    /// Where the care happens: five digits, or ZIP+4.
    zip: Option<String>,
    /// A HCPCS/CPT code, like 99213. Give this or `service`.
    code: Option<String>,
    /// A catalog procedure's id, like "mri-knee". Give this or `code`.
    service: Option<String>,
}

/// What Medicare pays for the procedure or code in the ZIP code's payment locality, the price
/// ranges people meet, what is included, and the sources.
#[utoipa::path(get, path = "/api/estimates", tag = "cost estimates", params(EstimateQuery),
    responses(
        (status = 200, body = Estimate),
        (status = 422, body = advocate_domain::Problem, description = "A ZIP code or code that is malformed, unknown, or not priced nationally; each named"),
    ))]
pub async fn estimate(State(state): State<AppState>, Query(query): Query<EstimateQuery>) -> Result<impl IntoResponse, ApiError> {
    let (zip, subject) = validate(&query)?;
    let estimate = state.prices.estimate_json(zip, &subject).map_err(|error| {
        let (field, message) = match &error {
            EstimateError::UnknownZip(zip) => ("zip", format!("We could not find ZIP code {zip}. Check the five digits.")),
            EstimateError::UnknownProcedure(_) => ("service", "Choose a service from the list.".to_string()),
            EstimateError::NotBundled(_) | EstimateError::Pricing(_) => ("code", error.to_string()),
        };
        invalid(vec![FieldError { field: field.to_string(), message }])
    })?;
    Ok(([(header::CACHE_CONTROL, "private, max-age=3600"), (header::CONTENT_TYPE, "application/json")], estimate))
}

fn validate(query: &EstimateQuery) -> Result<(Zip, Subject), ApiError> {
    let mut errors = Vec::new();
    let zip = match query.zip.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        None => {
            errors.push(field("zip", ZIP_NEEDED));
            None
        }
        Some(text) => Zip::parse(text).map_err(|e| errors.push(field("zip", &sentence(&e.to_string())))).ok(),
    };
    let code = query.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let service = query.service.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let subject = match (code, service) {
        (Some(_), Some(_)) => {
            errors.push(field("code", "Give either a code or a service, not both."));
            None
        }
        (None, None) => {
            errors.push(field("service", "Choose a service, or give a billing code like 99213."));
            None
        }
        (Some(code), None) => parse_code(code).map(Subject::Code).map_err(|e| errors.push(field("code", &sentence(&e.to_string())))).ok(),
        (None, Some(service)) => Some(Subject::Procedure(service.to_string())),
    };
    match (zip, subject) {
        (Some(zip), Some(subject)) if errors.is_empty() => Ok((zip, subject)),
        _ => Err(invalid(errors)),
    }
}

fn field(name: &str, message: &str) -> FieldError {
    FieldError { field: name.to_string(), message: message.to_string() }
}

fn invalid(errors: Vec<FieldError>) -> ApiError {
    ApiError::invalid(errors)
}
