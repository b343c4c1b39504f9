//! Every error the server can put a body on is a problem (RFC 9457): the answers axum's
//! extractors and router make themselves (a query or path that does not read, 405, a body over a
//! route's limit) and the SPA's plain 404s arrive here empty or as text, and leave as
//! `application/problem+json` with their status, their headers (`Allow`, `Retry-After`) and the
//! request id. Errors hyper answers before a request exists (a malformed request line, headers
//! too large) have no body to give.

use advocate_domain::Problem;
use axum::{
    body::to_bytes,
    extract::Request,
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};
use std::sync::LazyLock;

/// How much of a plain-text error is kept as the problem's detail.
const MAX_TEXT: usize = 2_000;

pub async fn errors_as_problems(request: Request, next: Next) -> Response {
    // Kept for an error's answer; a Uri shares its bytes, so keeping it costs no copy.
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let response = next.run(request).await;
    let status = response.status();
    let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let plain = content_type.is_empty() || content_type.starts_with("text/plain");
    if !(status.is_client_error() || status.is_server_error()) || !plain {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_TEXT).await.ok().and_then(|bytes| String::from_utf8(bytes.to_vec()).ok()).unwrap_or_default();
    // axum's router may write an empty Allow before the one that lists the methods, or only the
    // empty one (a nested router's), so the OpenAPI document, which lists every route, says.
    let allowed: Vec<&str> =
        parts.headers.get_all(header::ALLOW).iter().filter_map(|v| v.to_str().ok()).filter(|v| !v.trim().is_empty()).collect();
    let allowed = if allowed.is_empty() { documented_methods(uri.path()).unwrap_or_default() } else { allowed.join(",") };
    let allow = HeaderValue::from_str(&allowed).ok();
    let problem = problem_for(status, &method, allow.as_ref(), text.trim());
    let mut answer = super::problem_response(problem);
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH && name != header::ALLOW {
            answer.headers_mut().append(name.clone(), value.clone());
        }
    }
    if let Some(allow) = allow.filter(|_| status == StatusCode::METHOD_NOT_ALLOWED) {
        answer.headers_mut().insert(header::ALLOW, allow);
    }
    answer
}

/// The methods the OpenAPI document lists for the route that `path` matches (GET with HEAD).
fn documented_methods(path: &str) -> Option<String> {
    static ROUTES: LazyLock<Vec<(Vec<String>, String)>> = LazyLock::new(|| {
        let spec = super::openapi::described();
        let paths = spec["paths"].as_object().cloned().unwrap_or_default();
        let mut routes: Vec<(Vec<String>, String)> = paths
            .into_iter()
            .map(|(template, item)| {
                let mut methods: Vec<String> = item.as_object().into_iter().flat_map(|o| o.keys()).map(|m| m.to_uppercase()).collect();
                if methods.iter().any(|m| m == "GET") {
                    methods.push("HEAD".into());
                }
                (template.trim_start_matches('/').split('/').map(str::to_owned).collect(), methods.join(","))
            })
            .collect();
        // The longest first, so that a route is not taken for a shorter one its path ends with.
        routes.sort_by_key(|(template, _)| std::cmp::Reverse(template.len()));
        routes
    });
    // The app may be mounted under a base path, which the document does not know: the route is
    // the path's end.
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    ROUTES
        .iter()
        .find(|(template, _)| {
            segments.len() >= template.len()
                && template
                    .iter()
                    .zip(&segments[segments.len() - template.len()..])
                    .all(|(t, s)| t == s || (t.starts_with('{') && t.ends_with('}') && !s.is_empty()))
        })
        .map(|(_, methods)| methods.clone())
}

fn problem_for(status: StatusCode, method: &Method, allow: Option<&HeaderValue>, text: &str) -> Problem {
    let title = status.canonical_reason().unwrap_or("Error");
    let detail = match status {
        StatusCode::NOT_FOUND => "There is nothing at this address.".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = allow.and_then(|v| v.to_str().ok()).unwrap_or_default();
            format!("This address does not take {method}; it takes {allowed}. See /api/openapi.json.")
        }
        StatusCode::PAYLOAD_TOO_LARGE => "The request is larger than this address takes. Send less at once.".to_string(),
        _ if !text.is_empty() => format!("{}. See /api/openapi.json.", text.trim_end_matches('.')),
        _ => format!("{title}. See /api/openapi.json."),
    };
    Problem::new(status.as_u16(), title).with_detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_405_names_the_methods_the_address_takes() {
        let allow = HeaderValue::from_static("GET,HEAD");
        let problem = problem_for(StatusCode::METHOD_NOT_ALLOWED, &Method::PATCH, Some(&allow), "");
        assert_eq!(problem.title, "Method Not Allowed");
        assert_eq!(problem.detail.as_deref(), Some("This address does not take PATCH; it takes GET,HEAD. See /api/openapi.json."));
    }

    #[test]
    fn the_documented_methods_of_a_templated_route() {
        assert_eq!(documented_methods("/api/program").as_deref(), Some("GET,HEAD"));
        assert_eq!(documented_methods("/api/requests/K7Q4-M2XP/bill/pages/3").as_deref(), Some("GET,HEAD"));
        assert_eq!(documented_methods("/benefits/advocate/api/program").as_deref(), Some("GET,HEAD"));
        assert_eq!(documented_methods("/api/nope"), None);
    }

    #[test]
    fn an_extractors_text_becomes_the_detail() {
        let problem = problem_for(StatusCode::BAD_REQUEST, &Method::GET, None, "Failed to deserialize query string: duplicate field `q`");
        assert_eq!(problem.detail.as_deref(), Some("Failed to deserialize query string: duplicate field `q`. See /api/openapi.json."));
    }
}
