//! The typed API client: one function per endpoint, each returning a domain type.

use advocate_domain::{Problem, ProgramSettings};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a call to the API did not give an answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer: offline, or the server is down.
    #[error("We could not reach Advocate. Check your internet connection and try again.")]
    Network,
    /// The server answered with a problem.
    #[error("{}", .0.detail.as_deref().unwrap_or(&.0.title))]
    Problem(Problem),
    /// The answer was not what this version of the app expects.
    #[error("Advocate sent an answer this page could not read. Reload the page to get the latest version.")]
    Unreadable,
}

/// The path the app is served under, from the page's `<base href>` ("/" or "/advocate/").
pub fn base_path() -> String {
    let base = leptos::prelude::document().base_uri().ok().flatten().unwrap_or_default();
    let path = base.split_once("://").map_or("/", |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
}

/// An address inside the app, under its base path: `app_path("/about")` is "/about" at the root
/// and "/benefits/advocate/about" under that sub-path. Every link goes through it, because the
/// router matches routes under its base but does not add the base to links.
pub fn app_path(path: &str) -> String {
    format!("{}{}", base_path(), path.trim_start_matches('/'))
}

/// `GET /api/program`: the program's settings.
pub async fn program() -> Result<ProgramSettings, ApiError> {
    get_json("api/program").await
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let url = format!("{}{path}", base_path());
    let window = leptos::prelude::window();
    let response = JsFuture::from(window.fetch_with_str(&url)).await.map_err(|_| ApiError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| ApiError::Network)?;
    let text = JsFuture::from(response.text().map_err(|_| ApiError::Network)?)
        .await
        .map_err(|_| ApiError::Network)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| ApiError::Unreadable)
    } else {
        let problem = serde_json::from_str(&text)
            .unwrap_or_else(|_| Problem::new(response.status(), response.status_text()));
        Err(ApiError::Problem(problem))
    }
}
