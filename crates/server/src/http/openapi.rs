//! The OpenAPI description, generated from the handlers and the domain types.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Advocate API", description = "The JSON API of Advocate, the front door to a health advocacy service. Errors are RFC 9457 problem details."),
    paths(
        super::health::healthz,
        super::health::readyz,
        super::program::get_program,
        super::program::get_employer,
        super::services::list_services,
        super::requests::create_request,
        super::requests::request_status,
        super::estimates::procedures,
        super::estimates::estimate,
        super::bills::review_bill,
        super::bills::read_bill,
        super::bills::unit_limits,
        super::attached_bills::put_bill,
        super::attached_bills::add_page,
        super::attached_bills::get_bill,
        super::attached_bills::get_page,
        super::attached_bills::delete_bill,
        super::session::login,
        super::session::current,
        super::session::keepalive,
        super::session::logout,
        super::console::queue,
        super::console::open_on_call,
        super::console::case,
        super::console::assign,
        super::console::change_status,
        super::console::add_note,
        super::console::bill_page,
        super::console::audit,
    ),
    modifiers(&VerifierAuth, &SessionAuth),
    components(schemas(advocate_domain::Problem, advocate_domain::FieldError)),
)]
pub struct ApiDoc;

/// The verifier returned with a request's reference, sent as a bearer token.
struct VerifierAuth;

impl utoipa::Modify for VerifierAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("verifier", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// An advocate's session: the `advocate_session` cookie set by `POST /api/session`.
struct SessionAuth;

impl utoipa::Modify for SessionAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "advocate_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "advocate_session",
                "Set by POST /api/session; requests other than GET also need the X-CSRF-Token header",
            ))),
        );
    }
}

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
