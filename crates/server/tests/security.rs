//! Security headers over real HTTP: the page policy that lets the wasm run and nothing else,
//! framing refused except on an employer's embedded pages (exactly its origins), the API's
//! allow-nothing policy, HSTS behind TLS, and the employer endpoint.

mod common;

use advocate_domain::employer::EmbeddedSettings;
use common::{Db, TestApp};

const INDEX: &str = r#"<!DOCTYPE html><html><head><base href="./"><script type="module">import init from './app.js'; await init();</script></head><body></body></html>"#;

const EMPLOYERS: &str = r##"
[[employer]]
slug = "acme"
name = "Acme Corporation"
logo = "https://cdn.acme.example/logo.svg"
allowed_origins = ["https://intranet.acme.example", "http://localhost:8181"]
advocate_phone = "866-555-0100"
[employer.colours]
primary = "#5a2d82"
action = "#0b6e4f"
"##;

async fn spawn(base_path: &str) -> (TestApp, tempfile::TempDir) {
    let files = tempfile::tempdir().unwrap();
    std::fs::create_dir(files.path().join("dist")).unwrap();
    std::fs::write(files.path().join("dist/index.html"), INDEX).unwrap();
    std::fs::write(files.path().join("employers.toml"), EMPLOYERS).unwrap();
    let (dist, employers) = (files.path().join("dist"), files.path().join("employers.toml"));
    let app = TestApp::spawn_with(Db::Sqlite, |config| {
        config.dist_dir = dist;
        config.employers_file = Some(employers);
        config.base_path = base_path.into();
    })
    .await;
    (app, files)
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test]
async fn pages_allow_the_wasm_and_nothing_else_and_refuse_framing() {
    let (app, _files) = spawn("/").await;
    let page = app.get("/bill").await;
    assert_eq!(page.status(), 200);
    let csp = header(&page, "content-security-policy");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("img-src 'self' data: https://cdn.acme.example;"), "an employer's logo may load: {csp}");
    assert_eq!(header(&page, "x-frame-options"), "DENY");
    assert_eq!(header(&page, "x-content-type-options"), "nosniff");
    assert_eq!(header(&page, "referrer-policy"), "no-referrer");
    assert_eq!(header(&page, "strict-transport-security"), "", "no HSTS over plain HTTP");

    // The hash is that of the page's one inline script, so the browser runs it.
    use base64::Engine;
    use sha2::Digest;
    let script = "import init from './app.js'; await init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");

    let behind_tls = app.client.get(format!("{}/", app.url)).header("X-Forwarded-Proto", "https").send().await.unwrap();
    assert_eq!(header(&behind_tls, "strict-transport-security"), "max-age=31536000; includeSubDomains");
}

#[tokio::test]
async fn the_api_allows_nothing_and_is_never_framed() {
    let (app, _files) = spawn("/").await;
    for path in ["/api/program", "/api/requests/K7Q4-M2XP", "/api/nothing-here", "/healthz"] {
        let response = app.get(path).await;
        assert_eq!(
            header(&response, "content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "{path}"
        );
        assert_eq!(header(&response, "x-frame-options"), "DENY", "{path}");
    }
}

#[tokio::test]
async fn an_employers_embedded_pages_may_be_framed_by_its_intranet_only() {
    for base in ["/", "/benefits/advocate/"] {
        let (app, _files) = spawn(base).await;
        for path in ["/e/acme/", "/e/acme/bill", "/e/acme/find/help"] {
            let page = app.get(path).await;
            assert_eq!(page.status(), 200, "{base}{path}");
            let csp = header(&page, "content-security-policy");
            assert!(csp.ends_with("frame-ancestors 'self' https://intranet.acme.example http://localhost:8181"), "{csp}");
            assert_eq!(header(&page, "x-frame-options"), "", "an allow-list cannot be said with X-Frame-Options");
        }
        let console = app.get("/e/acme/console").await;
        assert!(header(&console, "content-security-policy").ends_with("frame-ancestors 'none'"), "the console is never framed");
        let unknown = app.get("/e/globex/").await;
        assert_eq!(unknown.status(), 404);
        assert_eq!(header(&unknown, "x-frame-options"), "DENY");
    }
}

#[tokio::test]
async fn the_embedded_app_gets_the_employers_theme_and_program() {
    let (app, _files) = spawn("/").await;
    let response = app.get("/api/employers/acme").await;
    assert_eq!(response.status(), 200);
    let settings: EmbeddedSettings = response.json().await.unwrap();
    assert_eq!(settings.employer.name, "Acme Corporation");
    assert_eq!(settings.employer.colours.primary.to_string(), "#5a2d82");
    assert_eq!(settings.program.advocate_phone.to_string(), "866-555-0100");
    assert_eq!(settings.program.sponsor_name, "Cigna");
    let unknown = app.get("/api/employers/globex").await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(header(&unknown, "content-type"), "application/problem+json");
}
