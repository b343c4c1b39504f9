//! The HTTP surface: the JSON API under /api, the probes, and the SPA for everything else.

mod attached_bills;
mod bills;
mod console;
mod error;
mod estimates;
mod first_paint;
mod health;
mod limits;
mod metrics;
mod openapi;
mod problems;
mod program;
mod request_context;
mod requests;
mod security;
mod services;
mod session;
mod spa;
mod valid;

pub use error::{ApiError, problem_response};
pub use metrics::metrics_router;
pub use openapi::ApiDoc;
pub use request_context::REQUEST_ID_HEADER;
pub use spa::Spa;

use crate::client_limits::Limited;
use crate::state::AppState;
use advocate_domain::Problem;
use axum::{
    Router,
    http::{HeaderName, HeaderValue, header},
    middleware,
    response::Response,
    routing::get,
};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The whole app, mounted at `base_path` ("/" or "/something/").
pub fn router(state: AppState, spa: Option<Spa>, base_path: &str) -> Router {
    use axum::handler::Handler;
    use axum::routing::post;
    let limited = |what: Limited| middleware::from_fn_with_state((state.clone(), what), limits::per_client);
    let disk_room = middleware::from_fn_with_state(state.clone(), limits::disk_room);
    let api = Router::new()
        .route("/program", get(program::get_program))
        .route("/employers/{slug}", get(program::get_employer))
        // The catalogs are public and downloaded whole: compressed (BREACH needs a secret in
        // the same body, and these hold none, so only they are).
        .route("/services", get(services::list_services).layer(CompressionLayer::new()))
        .route("/requests", post(requests::create_request.layer(limited(Limited::OpeningRequests))))
        .route("/requests/{reference}", get(requests::request_status))
        .route(
            "/requests/{reference}/bill",
            get(attached_bills::get_bill)
                .put(attached_bills::put_bill.layer(disk_room.clone()).layer(limited(Limited::BillReviews)))
                .delete(attached_bills::delete_bill)
                .layer(axum::extract::DefaultBodyLimit::max(bills::MAX_BODY)),
        )
        .route(
            "/requests/{reference}/bill/pages",
            post(attached_bills::add_page.layer(disk_room).layer(limited(Limited::BillPages)))
                .layer(axum::extract::DefaultBodyLimit::max(crate::bill_reading::MAX_UPLOAD)),
        )
        .route("/requests/{reference}/bill/pages/{id}", get(attached_bills::get_page))
        .route("/procedures", get(estimates::procedures).layer(CompressionLayer::new()))
        .route("/estimates", get(estimates::estimate))
        .route(
            "/bills/review",
            post(bills::review_bill.layer(limited(Limited::BillReviews))).layer(axum::extract::DefaultBodyLimit::max(bills::MAX_BODY)),
        )
        .route(
            "/bills/read",
            post(bills::read_bill.layer(limited(Limited::BillReads)))
                .layer(axum::extract::DefaultBodyLimit::max(crate::bill_reading::MAX_UPLOAD)),
        )
        .route("/unit-limits", get(bills::unit_limits).layer(CompressionLayer::new()))
        .route("/openapi.json", get(openapi::openapi_json))
        .merge(console_routes())
        .fallback(api_not_found);
    let (program, employers) = (state.program.clone(), state.employers.clone());
    let counts = state.metrics.clone();
    let mut app = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .nest("/api", api)
        // The API's own root is no page of the web app.
        .route("/api/", axum::routing::any(api_not_found))
        .with_state(state);
    let script_hashes = spa.as_ref().map(Spa::inline_script_hashes).unwrap_or_default();
    app = match spa {
        Some(spa) => app.merge(spa.router(program, employers.clone())),
        None => app.fallback(spa_not_built),
    };
    let app = if base_path == "/" { app } else { under_base_path(base_path, app) };
    let app = app.route_layer(middleware::from_fn(metrics::tag_route));
    let policy = std::sync::Arc::new(security::SecurityPolicy::new(base_path, &script_hashes, &employers));
    app.layer(middleware::from_fn_with_state(policy, security::security_headers))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        // A bug in one handler answers a problem (500) instead of dropping the connection.
        .layer(CatchPanicLayer::custom(|_| {
            problem_response(Problem::new(500, "Something went wrong on our side").with_detail("Please try again in a minute."))
        }))
        // Errors axum, tower and the SPA's files answer themselves, as problems too.
        .layer(middleware::from_fn(problems::errors_as_problems))
        .layer(middleware::from_fn(request_context::request_context))
        .layer(middleware::from_fn_with_state(counts, metrics::count))
}

/// The app nested under its base path. axum's nesting answers "/benefits/advocate" but not
/// "/benefits/advocate/", the address an operator publishes and a member bookmarks: that one is
/// answered by the app's root as well.
fn under_base_path(base_path: &str, app: Router) -> Router {
    use tower::ServiceExt;
    let prefix = base_path.trim_end_matches('/');
    let root = app.clone().map_request(|mut request: axum::extract::Request| {
        let root = match request.uri().query() {
            Some(query) => format!("/?{query}"),
            None => "/".to_string(),
        };
        *request.uri_mut() = root.parse().expect("a path and a query the request already carried");
        request
    });
    Router::new().nest(prefix, app).route_service(&format!("{prefix}/"), root)
}

/// The advocate console's API: sessions and cases. Nothing of it may be kept by a cache.
fn console_routes() -> Router<AppState> {
    use axum::routing::post;
    Router::new()
        .route("/session", get(session::current).post(session::login).delete(session::logout))
        .route("/session/keepalive", post(session::keepalive))
        .route("/console/requests", get(console::queue).post(console::open_on_call))
        .route("/console/requests/{reference}", get(console::case))
        .route("/console/requests/{reference}/assign", post(console::assign))
        .route("/console/requests/{reference}/status", post(console::change_status))
        .route("/console/requests/{reference}/notes", post(console::add_note))
        .route("/console/requests/{reference}/bill/pages/{id}", get(console::bill_page))
        .route("/console/audit", get(console::audit))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

async fn api_not_found() -> Response {
    problem_response(Problem::new(404, "Not found").with_detail("There is no API endpoint at this address. See /api/openapi.json."))
}

async fn spa_not_built() -> Response {
    problem_response(
        Problem::new(404, "Not found")
            .with_detail("The web app has not been built on this server: run `cargo xtask serve`, or pass --dist-dir."),
    )
}
