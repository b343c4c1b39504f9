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
use std::sync::Arc;

pub struct SecurityPolicy {
    base_path: String,
    /// `'sha256-…'` sources for the page's inline scripts.
    script_hashes: Vec<String>,
    /// Origins of employers' logos served from their own sites.
    image_origins: Vec<String>,
    employers: Arc<Employers>,
}

/// For anything that is not a page: JSON, files, problems.
const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

impl SecurityPolicy {
    pub fn new(base_path: &str, script_hashes: Vec<String>, employers: Arc<Employers>) -> Self {
        let mut image_origins: Vec<String> =
            employers.employers.iter().filter_map(|e| e.logo.as_ref().and_then(|l| l.origin()).map(str::to_owned)).collect();
        image_origins.sort();
        image_origins.dedup();
        Self { base_path: base_path.to_string(), script_hashes, image_origins, employers }
    }

    /// The page policy; `frame_ancestors` is "'none'" or the embedding employer's origins.
    fn page_policy(&self, frame_ancestors: &str) -> String {
        let scripts = self.script_hashes.iter().map(|h| format!(" {h}")).collect::<String>();
        let images = self.image_origins.iter().map(|o| format!(" {o}")).collect::<String>();
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; img-src 'self' data:{images}; \
             connect-src 'self'; font-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
             frame-ancestors {frame_ancestors}"
        )
    }

    /// The origins that may frame a path: an employer's, for its embedded pages.
    fn frame_ancestors(&self, path: &str) -> Option<String> {
        let inside = path.strip_prefix(&self.base_path)?;
        let mut segments = inside.strip_prefix("e/")?.split('/');
        let slug = segments.next()?;
        // The advocate console is never framed, even at an employer's address.
        if segments.next() == Some("console") {
            return None;
        }
        let employer = self.employers.find(slug)?;
        Some(
            std::iter::once("'self'".to_string())
                .chain(employer.allowed_origins.iter().map(|o| o.to_string()))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

pub async fn security_headers(State(policy): State<Arc<SecurityPolicy>>, request: Request, next: Next) -> Response {
    let embedding = policy.frame_ancestors(request.uri().path());
    let over_tls = request.headers().get("x-forwarded-proto").is_some_and(|p| p.as_bytes().eq_ignore_ascii_case(b"https"));
    let mut response = next.run(request).await;
    let is_page = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let csp = if is_page { policy.page_policy(embedding.as_deref().unwrap_or("'none'")) } else { NOTHING_ALLOWED.to_string() };
        if let Ok(value) = HeaderValue::from_str(&csp) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    // For browsers without frame-ancestors; it cannot list origins, so embedded pages omit it.
    if embedding.is_none() {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
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
            let digest = Sha256::digest(rest[body_start..body_start + body_len].as_bytes());
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
