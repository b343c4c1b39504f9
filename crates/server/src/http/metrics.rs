//! Counting every answer for `/metrics` (see `crate::metrics`), and the metrics listener's one
//! page. The route is the matched route's template, found by a layer inside the router and
//! handed out on the response, so no path with a reference in it becomes a label.

use crate::metrics::Gauges;
use crate::state::AppState;
use crate::storage::QueueFilter;
use advocate_domain::RequestState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Instant;

/// The template of the route that answered, carried from `tag_route` to `count`.
#[derive(Clone)]
struct RouteTemplate(MatchedPath);

/// Inside the router, where the route is known: puts its template on the response.
pub async fn tag_route(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(RouteTemplate(matched));
    }
    response
}

/// Outside everything: counts the answer by route, method and status, with its time.
pub async fn count(State(metrics): State<Arc<crate::metrics::Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    // Only the methods the app answers are labels; anything else is "other".
    let method = match *request.method() {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    };
    let response = next.run(request).await;
    let route = response.extensions().get::<RouteTemplate>().map_or("unmatched", |r| r.0.as_str());
    metrics.record_answer(route, method, response.status().as_u16(), started.elapsed());
    response
}

/// `GET /metrics` on the metrics listener: the counts, with the queue's gauges read now.
pub async fn metrics_page(State(state): State<AppState>) -> Response {
    let waiting =
        QueueFilter { states: vec![RequestState::New, RequestState::AwaitingHandoff], area: None, assigned_to: None, limit: 100_000 };
    let now = crate::clock::now();
    let (awaiting_outreach, overdue) = match state.storage.queue(&waiting).await {
        Ok(queue) => {
            let overdue = queue.iter().filter(|q| advocate_domain::console::is_overdue(q.state, &q.outreach, now)).count();
            (queue.len(), overdue)
        }
        Err(error) => {
            tracing::error!(%error, "metrics: could not read the queue");
            (0, 0)
        }
    };
    let gauges =
        Gauges { reading_queue: state.reading.admitted(), reading_workers: state.reading.settings().workers, awaiting_outreach, overdue };
    let mut response = state.metrics.render(gauges).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    response
}

/// The metrics listener's router: `/metrics` and nothing else.
pub fn metrics_router(state: AppState) -> axum::Router {
    axum::Router::new().route("/metrics", axum::routing::get(metrics_page)).with_state(state)
}
