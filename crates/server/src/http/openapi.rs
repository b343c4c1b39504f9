//! The OpenAPI description, generated from the handlers and the domain types.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Advocate API", description = "The JSON API of Advocate, the front door to a health advocacy service. Errors are RFC 9457 problem details."),
    paths(super::health::healthz, super::health::readyz, super::program::get_program),
    components(schemas(advocate_domain::Problem, advocate_domain::FieldError)),
)]
pub struct ApiDoc;

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
