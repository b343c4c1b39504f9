//! Serving the built SPA: deep links, the base path, caching and precompressed files, and the
//! first paint of member pages.

mod common;

use advocate_domain::ProgramSettings;
use advocate_domain::member_pages::{EntryPage, WAYS_IN, hours_sentence};
use common::{Db, TestApp};
use std::path::Path;

/// Shaped like Trunk's: its inline loader script, and the loading line the server replaces.
const INDEX: &str = r#"<!DOCTYPE html><html><head><base href="./"><script type="module">import init from './advocate-web-0123456789abcdef.js'; await init();</script></head><body><p id="boot" class="boot">Loading Advocate…</p><noscript><p class="boot">The rest of Advocate needs JavaScript.</p></noscript></body></html>"#;

/// The console's page, built apart (xtask writes Trunk's console build beside the member app's).
const CONSOLE: &str = r#"<!DOCTYPE html><html><head><base href="./"><title>Advocate console</title><script type="module">import init from './advocate-console-fedcba9876543210.js'; await init();</script><link rel="modulepreload" href="./advocate-console-fedcba9876543210.js"></head><body><p id="boot" class="boot">Loading Advocate…</p></body></html>"#;

const EMPLOYERS: &str = r##"
[[employer]]
slug = "acme"
name = "Acme Corporation"
allowed_origins = ["https://intranet.acme.example"]
advocate_phone = "866-555-0100"
[employer.colours]
primary = "#5a2d82"
action = "#0b6e4f"
"##;

/// A dist folder shaped like Trunk's: index.html, a fingerprinted script and its brotli twin.
fn write_dist(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("console.html"), CONSOLE).unwrap();
    std::fs::write(dir.join("advocate-web-0123456789abcdef.js"), "console.log('app')").unwrap();
    std::fs::write(dir.join("advocate-web-0123456789abcdef.js.br"), b"\x8b\x08\x80console.log('app')\x03").unwrap();
    std::fs::write(dir.join("manifest.webmanifest"), "{}").unwrap();
    std::fs::write(dir.join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    std::fs::write(dir.join("advocate-bill-reader-00fedcba98765432.js"), "await init();").unwrap();
}

async fn spawn_with_dist(base_path: &str) -> (TestApp, tempfile::TempDir) {
    spawn_with_files(base_path, None).await
}

/// The server with a built SPA, the test employers and, when given, an operator's program file.
async fn spawn_with_files(base_path: &str, program_file: Option<&str>) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let dist_path = dir.path().join("dist");
    write_dist(&dist_path);
    let employers = dir.path().join("employers.toml");
    std::fs::write(&employers, EMPLOYERS).unwrap();
    let program = program_file.map(|text| {
        let path = dir.path().join("program.toml");
        std::fs::write(&path, text).unwrap();
        path
    });
    let base_path = base_path.to_string();
    let app = TestApp::spawn_with(Db::Sqlite, move |config| {
        config.dist_dir = dist_path;
        config.base_path = base_path;
        config.employers_file = Some(employers);
        config.program_file = program;
    })
    .await;
    (app, dir)
}

async fn program(app: &TestApp) -> ProgramSettings {
    app.get("/api/program").await.json().await.unwrap()
}

fn tel_link(href: &str) -> String {
    format!(r#"href="{href}""#)
}

#[tokio::test]
async fn deep_links_get_the_app_page_so_they_reload() {
    let (app, _dist) = spawn_with_dist("/").await;
    for path in ["/", "/about", "/find/who", "/index.html"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains(r#"<base href="/">"#), "{path}: {body}");
    }
}

#[tokio::test]
async fn under_a_sub_path_the_page_points_its_base_there() {
    let (app, _dist) = spawn_with_dist("/benefits/advocate/").await;
    let body = app.get("/find/who").await.text().await.unwrap();
    assert!(body.contains(r#"<base href="/benefits/advocate/">"#), "{body}");
    assert_eq!(app.get("/api/program").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
}

#[tokio::test]
async fn fingerprinted_files_are_cached_for_a_year_and_sent_precompressed() {
    let (app, _dist) = spawn_with_dist("/").await;
    let response =
        app.client.get(format!("{}/advocate-web-0123456789abcdef.js", app.url)).header("accept-encoding", "br, gzip").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(response.headers()["content-encoding"], "br");
    assert!(response.headers()["content-type"].to_str().unwrap().contains("javascript"));
}

#[tokio::test]
async fn other_static_files_are_cached_briefly() {
    let (app, _dist) = spawn_with_dist("/").await;
    let response = app.get("/manifest.webmanifest").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=3600");
}

#[tokio::test]
async fn the_service_worker_is_checked_on_every_visit_and_may_fetch_the_apps_own_files_only() {
    let (app, _dist) = spawn_with_dist("/benefits/").await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache", "a new release's worker is seen at once");
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.starts_with("default-src 'none'; connect-src 'self';"), "{csp}");
    // Any other script file keeps the policy that allows nothing.
    let other = app.get("/advocate-web-0123456789abcdef.js").await;
    assert!(other.headers()["content-security-policy"].to_str().unwrap().starts_with("default-src 'none'; frame-ancestors"));
}

#[tokio::test]
async fn the_bill_readers_worker_may_load_and_compile_its_own_wasm_and_reach_nothing_else() {
    let (app, _dist) = spawn_with_dist("/benefits/").await;
    let response = app.get("/advocate-bill-reader-00fedcba98765432.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable", "its name carries its content's hash");
    let csp = response.headers()["content-security-policy"].to_str().unwrap();
    assert_eq!(
        csp,
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    );
    // The app's own script is not a worker: it keeps the policy that allows nothing.
    let app_script = app.get("/advocate-web-0123456789abcdef.js").await;
    assert!(app_script.headers()["content-security-policy"].to_str().unwrap().starts_with("default-src 'none'; frame-ancestors"));
}

#[tokio::test]
async fn a_missing_file_is_a_404_not_the_app_page() {
    let (app, _dist) = spawn_with_dist("/").await;
    assert_eq!(app.get("/advocate-web-ffffffffffffffff.js").await.status(), 404);
    assert_eq!(app.get("/images/missing.png").await.status(), 404);
}

#[tokio::test]
async fn the_apis_root_and_unknown_api_paths_are_problems_not_the_app_page() {
    let (app, _dist) = spawn_with_dist("/").await;
    for path in ["/api", "/api/", "/api/nope"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(response.headers()["content-type"], "application/problem+json", "{path}");
        assert!(!response.text().await.unwrap().contains("<html"), "{path}");
    }
}

#[tokio::test]
async fn a_missing_file_is_a_404_problem() {
    let (app, _dist) = spawn_with_dist("/").await;
    let response = app.get("/images/missing.png").await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
}

#[tokio::test]
async fn without_a_built_spa_pages_explain_how_to_build_it() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.get("/about").await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    assert!(response.text().await.unwrap().contains("cargo xtask serve"));
}

#[tokio::test]
async fn member_entry_pages_open_with_their_heading_the_number_and_the_hours() {
    let (app, _dist) = spawn_with_dist("/").await;
    let program = program(&app).await;
    for page in EntryPage::ALL {
        let response = app.get(page.path()).await;
        assert_eq!(response.status(), 200, "{page:?}");
        let body = response.text().await.unwrap();
        assert!(!body.contains("Loading Advocate"), "{page:?}: {body}");
        assert!(body.contains(&format!("<h1>{}</h1>", page.heading())), "{page:?}: {body}");
        assert_eq!(body.matches(&tel_link(&program.advocate_phone.tel_uri())).count(), 1, "{page:?}: {body}");
        assert!(body.contains(&program.advocate_phone.to_string()), "{page:?}: {body}");
        assert!(body.contains(&hours_sentence(&program.hours)), "{page:?}: {body}");
        // The finder's question comes with its hint, as the app shows it.
        if let Some(hint) = page.hint() {
            assert!(body.contains(&format!(r#"<p class="hint">{hint}</p>"#)), "{page:?}: {body}");
        }
    }
}

#[tokio::test]
async fn the_home_page_opens_with_the_three_ways_in_as_plain_links() {
    let (app, _dist) = spawn_with_dist("/benefits/advocate/").await;
    let body = app.get("/index.html").await.text().await.unwrap();
    for way in WAYS_IN {
        let link = format!(r#"<a href="/benefits/advocate/{}" class="way-in__link">"#, way.page.path().trim_start_matches('/'));
        assert!(body.contains(&link), "{link}: {body}");
        assert!(body.contains(way.title) && body.contains(way.text), "{body}");
    }
}

#[tokio::test]
async fn an_employers_embedded_pages_show_its_own_number_without_the_sites_header() {
    let (app, _dist) = spawn_with_dist("/").await;
    let program = program(&app).await;
    let employer: advocate_domain::employer::EmbeddedSettings = app.get("/api/employers/acme").await.json().await.unwrap();
    assert_ne!(employer.program.advocate_phone, program.advocate_phone);
    for (path, heading) in
        [("/e/acme/", Some(EntryPage::Home)), ("/e/acme/estimate", Some(EntryPage::Estimate)), ("/e/acme/find/help", None)]
    {
        let body = app.get(path).await.text().await.unwrap();
        assert!(body.contains(&tel_link(&employer.program.advocate_phone.tel_uri())), "{path}: {body}");
        assert!(!body.contains(&program.advocate_phone.tel_uri()), "{path}: {body}");
        assert!(body.contains(&hours_sentence(&employer.program.hours)), "{path}: {body}");
        assert!(!body.contains("site-header"), "{path}: {body}");
        match heading {
            Some(page) => assert!(body.contains(&format!("<h1>{}</h1>", page.heading())), "{path}: {body}"),
            None => assert!(!body.contains("<h1>"), "{path}: {body}"),
        }
    }
    let home = app.get("/e/acme/").await.text().await.unwrap();
    assert!(home.contains(r#"<a href="/e/acme/bill" class="way-in__link">"#), "{home}");
}

#[tokio::test]
async fn an_address_with_no_employer_is_a_404_that_still_gives_the_programs_number_and_hours() {
    let (app, _dist) = spawn_with_dist("/").await;
    let program = program(&app).await;
    let response = app.get("/e/globex/").await;
    assert_eq!(response.status(), 404);
    let body = response.text().await.unwrap();
    assert_eq!(body.matches(&tel_link(&program.advocate_phone.tel_uri())).count(), 1, "{body}");
    assert!(body.contains(&hours_sentence(&program.hours)), "{body}");
}

#[tokio::test]
async fn text_from_the_settings_is_escaped_in_the_first_paint() {
    let program = "program_name = \"Care <Navigator>\"\nsponsor_name = \"Smith & Sons \\\"Health\\\"\"\nvendor_name = \"Navigators LLC\"\n\
                   advocate_phone = \"(800) 555-0199\"\n[[conditions]]\ntitle = \"It is not insurance\"\ntext = \"It pays no claims.\"\n";
    let (app, _dist) = spawn_with_files("/", Some(program)).await;
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("It comes with your benefits from Smith &amp; Sons &quot;Health&quot;."), "{home}");
    let about = app.get("/about").await.text().await.unwrap();
    assert!(about.contains("Care &lt;Navigator&gt; helps you"), "{about}");
    assert!(!about.contains("<Navigator>"), "{about}");
}

#[tokio::test]
async fn the_first_paint_adds_no_script_or_style_and_leaves_the_csp_as_it_was() {
    let (app, _dist) = spawn_with_dist("/").await;
    // The console keeps the loading line: its policy is the one every page had before.
    let console = app.get("/console").await;
    let console_csp = console.headers()["content-security-policy"].clone();
    assert!(console.text().await.unwrap().contains(r#"<p id="boot" class="boot">Loading Advocate…</p>"#));
    for path in ["/", "/find", "/estimate", "/bill"] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["content-security-policy"], console_csp, "{path}");
        let body = response.text().await.unwrap();
        assert_eq!(body.matches("<script").count(), 1, "{path}: only the loader");
        assert!(!body.contains("style="), "{path}: {body}");
    }
    assert!(console_csp.to_str().unwrap().contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{console_csp:?}");
}

#[tokio::test]
async fn the_base_paths_own_address_is_the_home_page_with_or_without_its_slash() {
    let (app, _dist) = spawn_with_dist("/benefits/advocate/").await;
    for path in ["/benefits/advocate/", "/benefits/advocate", "/benefits/advocate/?utm_source=intranet"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}: the address an operator publishes and a member bookmarks");
        let body = response.text().await.unwrap();
        assert!(body.contains(r#"<base href="/benefits/advocate/""#), "{path}: {body}");
        assert!(body.contains("first-paint") && body.contains("<h1>"), "{path}: the home page's first paint: {body}");
    }
}

#[tokio::test]
async fn the_console_is_a_page_of_its_own_that_members_never_load() {
    let (app, _dist) = spawn_with_dist("/advocate/").await;
    for path in ["/advocate/console", "/advocate/console/", "/advocate/console/cases/K7Q4-M2XP", "/advocate/console/call"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
        let body = response.text().await.unwrap();
        assert!(body.contains("advocate-console-fedcba9876543210.js"), "{path}: {body}");
        assert!(body.contains(r#"<base href="/advocate/""#), "{path}: assets and routes resolve from the base path");
        assert!(!body.contains("modulepreload"), "{path}: {body}");
        // Both pages' loaders are allowed by the one policy.
        assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
    }
    for path in ["/advocate/", "/advocate/find", "/advocate/consoles", "/advocate/e/acme/console"] {
        let body = app.get(path).await.text().await.unwrap();
        assert!(body.contains("advocate-web-0123456789abcdef.js"), "{path}: {body}");
        assert!(!body.contains("advocate-console"), "{path}: the member app, never the console");
    }
}

#[tokio::test]
async fn later_member_pages_open_with_the_number_and_the_hours_but_no_heading() {
    let (app, _dist) = spawn_with_dist("/").await;
    let program = program(&app).await;
    for path in ["/find/help", "/requests/K7Q4-M2XP"] {
        let body = app.get(path).await.text().await.unwrap();
        assert!(body.contains(&tel_link(&program.advocate_phone.tel_uri())), "{path}: {body}");
        assert!(body.contains(&hours_sentence(&program.hours)), "{path}: {body}");
        assert!(!body.contains("<h1>"), "{path}: the app decides what this page is about");
    }
}
