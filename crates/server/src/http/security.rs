//! Security headers on every response. Pages get a Content-Security-Policy that lets the wasm
//! run ('wasm-unsafe-eval' and the hash of Trunk's one inline loader script) and nothing else it
//! does not need; everything else (the API, files) gets a policy that allows nothing. Framing is
//! refused everywhere except an employer's embedded pages (/e/{slug}/…), which list exactly that
//! employer's intranet origins. HSTS is sent when the request reached the proxy over TLS.

use advocate_domain::employer::Employers;
use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Every header value, built once at start: a request only picks one.
pub struct SecurityPolicy {
    base_path: String,
    /// The page policy that refuses every frame.
    page: HeaderValue,
    /// The page policy of each employer's embedded pages, which its intranet may frame.
    embedded: HashMap<String, HeaderValue>,
}

/// For anything that is not a page: JSON, files, problems.
const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// For the service worker, whose policy is its script's: it fetches the app's own files and
/// nothing else.
const WORKER: &str = "default-src 'none'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// For the bill readers' web worker (`advocate-bill-reader-<hash>.js`), whose policy is its
/// script's: it fetches and compiles its own wasm, and reaches nothing else.
const BILL_READER: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// The start of the bill reader worker's script's name (the SPA's `bill_reader` module).
const BILL_READER_SCRIPT: &str = "advocate-bill-reader";

impl SecurityPolicy {
    /// `script_hashes` are the `'sha256-…'` sources of the page's inline scripts.
    pub fn new(base_path: &str, script_hashes: &[String], employers: &Employers) -> Self {
        let mut image_origins: Vec<&str> = employers.employers.iter().filter_map(|e| e.logo.as_ref().and_then(|l| l.origin())).collect();
        image_origins.sort();
        image_origins.dedup();
        let scripts: String = script_hashes.iter().map(|h| format!(" {h}")).collect();
        let images: String = image_origins.iter().map(|o| format!(" {o}")).collect();
        let policy = |frame_ancestors: &str| {
            HeaderValue::from_str(&format!(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; img-src 'self' data:{images}; \
                 connect-src 'self'; font-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                 frame-ancestors {frame_ancestors}"
            ))
            .expect("hashes and checked origins are valid header text")
        };
        let embedded = employers
            .employers
            .iter()
            .map(|employer| {
                let origins: String = employer.allowed_origins.iter().map(|o| format!(" {o}")).collect();
                (employer.slug.to_string(), policy(&format!("'self'{origins}")))
            })
            .collect();
        Self { base_path: base_path.to_string(), page: policy("'none'"), embedded }
    }

    /// The page policy of an employer's embedded page, for a path that is one.
    fn embedded_policy(&self, path: &str) -> Option<&HeaderValue> {
        let inside = path.strip_prefix(&self.base_path)?;
        let mut segments = inside.strip_prefix("e/")?.split('/');
        let slug = segments.next()?;
        // The advocate console is never framed, even at an employer's address.
        if segments.next() == Some("console") {
            return None;
        }
        self.embedded.get(slug)
    }
}

pub async fn security_headers(State(policy): State<Arc<SecurityPolicy>>, request: Request, next: Next) -> Response {
    let embedded = policy.embedded_policy(request.uri().path()).cloned();
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
    let is_worker = last_segment == super::spa::SERVICE_WORKER;
    let is_bill_reader = last_segment.starts_with(BILL_READER_SCRIPT) && last_segment.ends_with(".js");
    let over_tls = request.headers().get("x-forwarded-proto").is_some_and(|p| p.as_bytes().eq_ignore_ascii_case(b"https"));
    let mut response = next.run(request).await;
    let is_page = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let headers = response.headers_mut();
    // For browsers without frame-ancestors; it cannot list origins, so embedded pages omit it.
    if embedded.is_none() {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let csp = match (is_page, embedded) {
            (true, Some(embedded)) => embedded,
            (true, None) => policy.page.clone(),
            (false, _) if is_worker => HeaderValue::from_static(WORKER),
            (false, _) if is_bill_reader => HeaderValue::from_static(BILL_READER),
            (false, _) => HeaderValue::from_static(NOTHING_ALLOWED),
        };
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if over_tls {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// `'sha256-…'` CSP sources for every inline `<script>` of a page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(tag_end) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + tag_end];
        let body_start = start + tag_end + 1;
        let Some(body_len) = rest[body_start..].find("</script>") else { break };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&rest.as_bytes()[body_start..body_start + body_len]);
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &rest[body_start + body_len..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script type="module">init()</script><script src="x.js"></script><script>a</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        // echo -n 'init()' | openssl dgst -sha256 -binary | base64
        assert_eq!(hashes[0], "'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8='");
        assert_eq!(hashes[1], "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='");
    }
}
