//! Serving the built SPA: brotli or gzip files made at build time, long cache lifetimes for
//! fingerprinted files, and index.html for any other path so deep links reload, with the
//! member page's first paint (`first_paint`) in place of its loading line.

use super::first_paint::{Frame, LOADING_LINE, first_paint};
use advocate_domain::ProgramSettings;
use advocate_domain::employer::Employers;
use advocate_domain::member_pages::EntryPage;
use axum::{
    Router,
    body::Body,
    extract::{Path, Request},
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use std::path::{Path as FilePath, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;

/// The built SPA in a folder, with its pages ready to serve under the base path: index.html (the
/// member app) and console.html (the advocate console, a bundle of its own).
#[derive(Clone)]
pub struct Spa {
    dir: PathBuf,
    index_html: String,
    /// `None` in a build without the console (Trunk's `serve` builds only the member app).
    console_html: Option<String>,
    base_path: String,
}

/// The console's page in the built folder (xtask's build writes it beside index.html).
const CONSOLE_PAGE: &str = "console.html";

impl Spa {
    /// Reads `dir/index.html`; `None` when the SPA has not been built.
    pub fn load(dir: &FilePath, base_path: &str) -> std::io::Result<Option<Self>> {
        let index = dir.join("index.html");
        if !index.exists() {
            return Ok(None);
        }
        let index_html = served(&std::fs::read_to_string(index)?, base_path);
        if !index_html.contains(LOADING_LINE) {
            tracing::warn!("index.html has no loading line to replace: member pages are served without their first paint");
        }
        let console = dir.join(CONSOLE_PAGE);
        let console_html = if console.exists() { Some(served(&std::fs::read_to_string(console)?, base_path)) } else { None };
        if console_html.is_none() {
            tracing::warn!("{CONSOLE_PAGE} was not built: /console answers with the member app, which has no console");
        }
        Ok(Some(Self { dir: dir.to_path_buf(), index_html, console_html, base_path: base_path.to_string() }))
    }

    /// CSP sources for the pages' inline scripts (Trunk's loader in each).
    pub fn inline_script_hashes(&self) -> Vec<String> {
        let mut hashes = super::security::inline_script_hashes(&self.index_html);
        for hash in self.console_html.iter().flat_map(|html| super::security::inline_script_hashes(html)) {
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        hashes
    }

    /// The page for an address inside the app: the console's for /console and below it on the
    /// site, else the member app's with the member page's first paint. The console keeps its
    /// loading line: it is no member's page. Inside an employer's frame there is no console: the
    /// member app says the page is not found.
    fn page(&self, path: &str, program: &ProgramSettings, frame: &Frame) -> String {
        // The address as the router hands it on: with the base path (files' fallback) or without.
        let inside = path.strip_prefix(self.base_path.trim_end_matches('/')).unwrap_or(path).trim_start_matches('/');
        if matches!(frame, Frame::Site) && (inside == "console" || inside.starts_with("console/")) {
            return self.console_html.clone().unwrap_or_else(|| self.index_html.clone());
        }
        let page = if inside == "index.html" { Some(EntryPage::Home) } else { EntryPage::at(inside) };
        self.index_html.replacen(LOADING_LINE, &first_paint(page, program, &self.base_path, frame), 1)
    }

    pub fn router(self, program: Arc<ProgramSettings>, employers: Arc<Employers>) -> Router {
        let spa = Arc::new(self);
        let index_page = {
            let (spa, program) = (spa.clone(), program.clone());
            get(move |uri: axum::http::Uri| {
                let page = spa.page(uri.path(), &program, &Frame::Site);
                async move { html_page(page) }
            })
        };
        // An employer's embedded app: the same page, for an employer that exists, with its own
        // number and hours. An address with no employer is a 404 that still says how to call:
        // the program's own number and hours (the member may have mistyped the link).
        let embedded = {
            let spa = spa.clone();
            get(move |Path(params): Path<Vec<(String, String)>>| {
                let slug = params.first().map(|(_, slug)| slug.as_str()).unwrap_or_default();
                let rest = params.get(1).map(|(_, rest)| rest.as_str()).unwrap_or_default();
                let page = employers
                    .find(slug)
                    .map(|employer| spa.page(rest, &employer.program(&program), &Frame::Embedded { slug: &employer.slug.to_string() }))
                    .ok_or_else(|| spa.page("", &program, &Frame::Site));
                async move {
                    match page {
                        Ok(page) => html_page(page),
                        Err(program_page) => (StatusCode::NOT_FOUND, html_page(program_page)).into_response(),
                    }
                }
            })
        };
        let files = ServeDir::new(&spa.dir)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false)
            .fallback(index_page.clone());
        Router::new()
            .route("/e/{slug}", embedded.clone())
            .route("/e/{slug}/", embedded.clone())
            .route("/e/{slug}/{*rest}", embedded)
            .route("/", index_page.clone())
            .route("/index.html", index_page)
            .fallback_service(files)
            .layer(middleware::from_fn(cache_and_missing_files))
    }
}

/// A built page as the server sends it. Trunk builds with a relative public URL ("./"); pointing
/// `<base>` at the base path makes every asset and route resolve from there, whatever the depth
/// of the deep link.
fn served(html: &str, base_path: &str) -> String {
    without_preloads(&html.replacen(r#"<base href="./""#, &format!(r#"<base href="{base_path}""#), 1))
}

fn html_page(html: String) -> Response {
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    // The page names the fingerprinted files of the current build: always revalidate it.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Fingerprinted files never change under their name; a path that looks like a file but is not
/// one is a 404, not the app's index page.
async fn cache_and_missing_files(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let last_segment = path.rsplit('/').next().unwrap_or_default().to_owned();
    let mut response = next.run(request).await;
    let served_html = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if last_segment.contains('.') && last_segment != "index.html" && served_html && !last_segment.ends_with(".html") {
        return (StatusCode::NOT_FOUND, Body::from("Not found")).into_response();
    }
    if response.status().is_success() && !served_html {
        let policy = if is_fingerprinted(&last_segment) {
            "public, max-age=31536000, immutable"
        } else if last_segment == SERVICE_WORKER {
            // Checked on every visit, so that a new release's worker replaces the old at once.
            "no-cache"
        } else {
            "public, max-age=3600"
        };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// The page without the `<link rel="preload">` and `<link rel="modulepreload">` Trunk adds for
/// the app's JS and wasm. On a phone's slow link the 400 KB of wasm they fetch at once share it
/// with the stylesheet the first paint waits for (Lighthouse, mobile: the largest paint at 3.3 s
/// with them, 1.2 s without). The loader script still starts both downloads as soon as the page
/// is parsed; the first paint, which needs neither, shows before.
fn without_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let end = from.find('>').map_or(from.len(), |e| e + 1);
        let tag = &from[..end];
        if !(tag.starts_with("<link rel=\"preload\"") || tag.starts_with("<link rel=\"modulepreload\"")) {
            out.push_str(tag);
        }
        rest = &from[end..];
    }
    out.push_str(rest);
    out
}

/// The service worker's file (public/sw.js).
pub const SERVICE_WORKER: &str = "sw.js";

/// Trunk names built files `stem-<hash>.ext` (and `stem-<hash>_bg.wasm`), the hash a 64-bit
/// number in hex without leading zeros: 16 digits, 15 in one build of 16 (under 12 once in a
/// million builds, when the file is only revalidated like any other).
fn is_fingerprinted(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_preloads_are_left_out_and_every_other_link_kept() {
        let html = r#"<head><link rel="stylesheet" href="./main-0123456789abcdef.css"><script type="module">import init from './app-0123456789abcdef.js';</script><link rel="modulepreload" href="./app-0123456789abcdef.js" crossorigin="anonymous" integrity="sha384-x"><link rel="preload" href="./app-0123456789abcdef_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous"><link rel="manifest" href="manifest.webmanifest"></head>"#;
        assert_eq!(
            without_preloads(html),
            r#"<head><link rel="stylesheet" href="./main-0123456789abcdef.css"><script type="module">import init from './app-0123456789abcdef.js';</script><link rel="manifest" href="manifest.webmanifest"></head>"#
        );
    }

    #[test]
    fn trunk_fingerprints_are_recognised() {
        assert!(is_fingerprinted("advocate-web-1f2e3d4c5b6a7980.js"));
        assert!(is_fingerprinted("advocate-web-1f2e3d4c5b6a7980_bg.wasm"));
        assert!(is_fingerprinted("main-0123456789abcdef.css"));
        // Trunk drops the hash's leading zeros: one build in 16 has 15 digits.
        assert!(is_fingerprinted("advocate-console-cf42591e09dde19_bg.wasm"));
        assert!(!is_fingerprinted("advocate-web-123.js"), "too short to be a build's hash");
        assert!(!is_fingerprinted("manifest.webmanifest"));
        assert!(!is_fingerprinted("icon-192.png"));
    }
}
