//! Serving the built SPA: deep links, the base path, caching and precompressed files.

mod common;

use common::{Db, TestApp};
use std::path::Path;

const INDEX: &str = r#"<!DOCTYPE html><html><head><base href="./"><script type="module" src="./advocate-web-0123456789abcdef.js"></script></head><body></body></html>"#;

/// A dist folder shaped like Trunk's: index.html, a fingerprinted script and its brotli twin.
fn write_dist(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("advocate-web-0123456789abcdef.js"), "console.log('app')").unwrap();
    std::fs::write(dir.join("advocate-web-0123456789abcdef.js.br"), b"\x8b\x08\x80console.log('app')\x03").unwrap();
    std::fs::write(dir.join("manifest.webmanifest"), "{}").unwrap();
}

async fn spawn_with_dist(base_path: &str) -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    write_dist(dist.path());
    let dist_path = dist.path().to_path_buf();
    let base_path = base_path.to_string();
    let app = TestApp::spawn_with(Db::Sqlite, move |config| {
        config.dist_dir = dist_path;
        config.base_path = base_path;
    })
    .await;
    (app, dist)
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
async fn a_missing_file_is_a_404_not_the_app_page() {
    let (app, _dist) = spawn_with_dist("/").await;
    assert_eq!(app.get("/advocate-web-ffffffffffffffff.js").await.status(), 404);
    assert_eq!(app.get("/images/missing.png").await.status(), 404);
}

#[tokio::test]
async fn without_a_built_spa_pages_explain_how_to_build_it() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let response = app.get("/about").await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    assert!(response.text().await.unwrap().contains("cargo xtask serve"));
}
