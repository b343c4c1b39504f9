//! The OpenAPI description, generated from the handlers and the domain types.

use axum::Json;
use serde_json::{Value, json};
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

pub async fn openapi_json() -> Json<Value> {
    Json(described())
}

/// The document as served: utoipa's, with what the handlers' annotations cannot say. Errors are
/// `application/problem+json`, every operation lists the problems any route can answer (a path
/// or query that does not read, the per-client limits, a body too slow or too large, a full
/// disk, and any other error by `default`), the CSRF token is a security scheme beside the
/// session cookie, and the constraints the server enforces are in the schemas.
pub fn described() -> Value {
    let mut spec = serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises");
    let problem = json!({ "$ref": "#/components/schemas/Problem" });
    let problem_content = json!({ "application/problem+json": { "schema": problem } });
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (method, operation) in item.iter_mut() {
                describe_operation(path, method, operation, &problem_content);
            }
        }
    }
    let components = &mut spec["components"];
    components["securitySchemes"]["csrf"] = json!({
        "type": "apiKey", "in": "header", "name": "X-CSRF-Token",
        "description": "The session's csrf_token (from POST or GET /api/session), on every console request other than GET"
    });
    constrain_schemas(&mut components["schemas"]);
    spec
}

/// Problems an operation can answer beyond those its handler lists.
fn describe_operation(path: &str, method: &str, operation: &mut Value, problem_content: &Value) {
    let parameters = operation.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
    let responses = &mut operation["responses"];
    if let Some(responses) = responses.as_object_mut() {
        for (status, response) in responses.iter_mut() {
            let is_error = status.as_str() >= "400";
            // /readyz answers 503 with its own body, which says what is not ready.
            if is_error
                && path != "/readyz"
                && let Some(content) = response.get_mut("content").and_then(Value::as_object_mut)
                && let Some(json) = content.remove("application/json")
            {
                content.insert("application/problem+json".into(), json);
            }
        }
    }
    let mut add = |status: &str, description: &str, headers: Option<Value>| {
        if responses.get(status).is_none() {
            responses[status] = json!({ "description": description, "content": problem_content });
            if let Some(headers) = headers {
                responses[status]["headers"] = headers;
            }
        }
    };
    if parameters.iter().any(|p| p["in"] == "path" || p["in"] == "query") {
        add("400", "A path or query parameter that does not read (a page id that is not a number, a parameter sent twice)", None);
    }
    let limited = matches!(
        (method, path),
        ("post", "/api/requests")
            | ("post", "/api/requests/{reference}/bill/pages")
            | ("put", "/api/requests/{reference}/bill")
            | ("post", "/api/bills/review")
            | ("post", "/api/bills/read")
    );
    if limited {
        add("408", "The body stopped coming, or came slower than the server's minimum rate; the connection is closed", None);
        let retry_after = json!({ "Retry-After": { "description": "Seconds to wait", "schema": { "type": "integer" } } });
        add("429", "Too many from this client in a short time; Retry-After says when to try again", Some(retry_after));
    }
    if matches!((method, path), ("post", "/api/requests/{reference}/bill/pages") | ("put", "/api/requests/{reference}/bill")) {
        add("413", "Over the size of one upload, or over what one request's bill may hold in all", None);
        add("507", "The server's disk is nearly full: try again later", None);
    }
    add("default", "Any other error, as a problem", None);
    // A page of a bill comes back as it was sent: a PDF or a photo, in its own media type.
    if method == "get" && path.ends_with("/bill/pages/{id}") {
        use advocate_domain::bill_import::UploadKind;
        let file = json!({ "schema": { "type": "string", "format": "binary" } });
        let kinds: serde_json::Map<String, Value> =
            UploadKind::ALL.into_iter().map(|kind| (kind.media_type().to_string(), file.clone())).collect();
        responses["200"]["content"] = Value::Object(kinds);
    }
    // The CSRF token is a security scheme of the console's changes, not a parameter.
    if let Some(parameters) = operation.get_mut("parameters").and_then(Value::as_array_mut) {
        let had_csrf = parameters.iter().any(|p| p["name"] == "X-CSRF-Token");
        parameters.retain(|p| p["name"] != "X-CSRF-Token");
        for parameter in parameters.iter_mut() {
            if parameter["name"] == "Idempotency-Key" {
                // 16 to 200 visible characters, without spaces at either end (as the server trims).
                parameter["schema"] =
                    json!({ "type": "string", "minLength": 16, "maxLength": 200, "pattern": "^[!-~][ -~]{14,198}[!-~]$" });
            }
            if parameter["name"] == "reference" {
                parameter["schema"] = json!({ "type": "string", "example": "K7Q4-M2XP" });
            }
            constrain_parameter(method, path, parameter);
        }
        if had_csrf {
            operation["security"] = json!([{ "advocate_session": [], "csrf": [] }]);
        }
    }
}

/// A five-digit ZIP code, or ZIP+4 (`Zip::parse`).
const ZIP_PATTERN: &str = "^[0-9]{5}(-[0-9]{4})?$";

/// The values a query parameter may take, where the server reads only some.
fn constrain_parameter(method: &str, path: &str, parameter: &mut Value) {
    use advocate_domain::{RequestState, ServiceArea};
    match (method, path, parameter["name"].as_str().unwrap_or_default()) {
        // Empty, as absent, is no filter.
        ("get", "/api/console/requests", "status") => {
            let states = std::iter::once("").chain(RequestState::ALL.into_iter().map(RequestState::slug));
            parameter["schema"]["enum"] = json!(states.collect::<Vec<_>>());
        }
        // The areas' slugs, as the finder's links name them (not the ServiceArea schema's names).
        ("get", "/api/console/requests", "area") => {
            let areas: Vec<&str> = ServiceArea::ALL.into_iter().map(ServiceArea::slug).collect();
            parameter["description"] = json!(format!("A service area's slug: {}. Empty or absent: every area.", areas.join(", ")));
            parameter["schema"]["enum"] = json!(std::iter::once("").chain(areas).collect::<Vec<_>>());
        }
        ("get", "/api/estimates", "zip") => {
            parameter["required"] = json!(true);
            parameter["schema"]["pattern"] = json!(ZIP_PATTERN);
        }
        _ => {}
    }
}

/// The rules the domain checks that a schema can state.
fn constrain_schemas(schemas: &mut Value) {
    use advocate_domain::bill_review::{MAX_LINES, MAX_UNITS};
    use advocate_domain::console::NOTE_MAX;
    use advocate_domain::request::{ContactMethod, NAME_MAX, NOTES_MAX, RequestState};
    let mut set = |schema: &str, property: &str, constraints: Value| {
        if let (Some(target), Some(constraints)) = (schemas[schema]["properties"][property].as_object_mut(), constraints.as_object()) {
            target.extend(constraints.clone());
        }
    };
    // Clean text (`text::check`): no control character but line breaks and tabs, no direction
    // override; a note is not blank either (something other than spaces).
    let refused = advocate_domain::text::REFUSED_IN_LINES;
    let clean = format!("^[^{refused}]*$");
    let clean_not_blank = format!("^[^{refused}]*[^\\s{refused}][^{refused}]*$");
    set("NewCaseNote", "text", json!({ "minLength": 1, "maxLength": NOTE_MAX, "pattern": clean_not_blank }));
    set("StatusChange", "note", json!({ "maxLength": NOTE_MAX, "pattern": clean }));
    set("NewRequest", "notes", json!({ "maxLength": NOTES_MAX, "pattern": clean }));
    set("NewRequest", "consent_to_contact", json!({ "enum": [true] }));
    set("BillLine", "units", json!({ "minimum": 1, "maximum": MAX_UNITS }));
    set("Bill", "lines", json!({ "minItems": 1, "maxItems": MAX_LINES }));
    set("BillReviewRequest", "zip", json!({ "pattern": "^[0-9]{5}$" }));
    let services: Vec<String> = advocate_domain::catalog().into_iter().map(|service| service.id.to_string()).collect();
    set("NewRequest", "service_id", json!({ "enum": services }));
    set("NeedAnswers", "zip", json!({ "pattern": ZIP_PATTERN }));
    set("ContactDetails", "name", json!({ "pattern": "\\S", "maxLength": NAME_MAX }));
    // The way to reach the member must be given: a phone number to call, an address to write to.
    let (phone, email) = (as_json(ContactMethod::Phone), as_json(ContactMethod::Email));
    schemas["ContactDetails"]["allOf"] = json!([
        { "if": { "properties": { "method": { "const": phone } } }, "then": { "required": ["phone"], "properties": { "phone": { "pattern": "[0-9]" } } } },
        { "if": { "properties": { "method": { "const": email } } }, "then": { "required": ["email"], "properties": { "email": { "pattern": "@" } } } },
    ]);
    // How the request was handed off: with `routed_to_carrier`, and only with it.
    let routed = as_json(RequestState::RoutedToCarrier);
    schemas["StatusChange"]["if"] = json!({ "properties": { "state": { "const": routed } } });
    schemas["StatusChange"]["then"] = json!({ "required": ["handoff"], "properties": { "handoff": { "not": { "type": "null" } } } });
    schemas["StatusChange"]["else"] = json!({ "properties": { "handoff": { "type": "null" } } });
}

/// A domain value as its JSON (an enum's name on the wire).
fn as_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("a domain enum serialises")
}
