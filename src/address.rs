//! Addresses inside the app: the base path it is served under, the employer's prefix when an
//! intranet embeds it (`{base}e/{slug}/…`), and the query strings of links and API calls.

use advocate_domain::employer::Slug;

thread_local! {
    static EMPLOYER: Option<String> = employer_in_address();
}

/// The path the app is served under, from the page's `<base href>` ("/" or "/advocate/").
pub fn base_path() -> String {
    let base = leptos::prelude::document().base_uri().ok().flatten().unwrap_or_default();
    let path = base.split_once("://").map_or("/", |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
}

/// The employer whose intranet embeds this page, from the address: `{base}e/{slug}/…`.
pub fn employer() -> Option<String> {
    EMPLOYER.with(Clone::clone)
}

/// What every in-app address starts with after the base path: "e/acme/" when embedded.
pub fn path_prefix() -> String {
    employer().map(|slug| format!("e/{slug}/")).unwrap_or_default()
}

/// The slug after `e/`, when it is one the domain accepts (`Slug`).
fn employer_in_address() -> Option<String> {
    let path = leptos::prelude::window().location().pathname().ok()?;
    let inside = path.strip_prefix(&base_path())?;
    let slug = inside.strip_prefix("e/")?.split('/').next()?;
    Slug::try_from(slug.to_string()).ok().map(String::from)
}

/// An address inside the app, under its base path: `app_path("/about")` is "/about" at the root
/// and "/benefits/advocate/about" under that sub-path. Every link goes through it, because the
/// router matches routes under its base but does not add the base to links.
pub fn app_path(path: &str) -> String {
    format!("{}{}{}", base_path(), path_prefix(), path.trim_start_matches('/'))
}

/// `path` with a query string of the pairs whose value is not empty, encoded by the browser:
/// `with_query("/estimate", [("zip", "10001")])` is "/estimate?zip=10001".
pub fn with_query<'a>(path: &str, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else { return path.to_string() };
    for (key, value) in pairs.into_iter().filter(|(_, value)| !value.is_empty()) {
        params.append(key, value);
    }
    let query = String::from(params.to_string());
    if query.is_empty() { path.to_string() } else { format!("{path}?{query}") }
}
