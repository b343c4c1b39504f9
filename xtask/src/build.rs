//! The release build: the SPA (Trunk, wasm-opt, precompressed) and the server.

use crate::run::{run, workspace_root};
use crate::tools::command;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Built {
    pub server: PathBuf,
    pub sizes: SizeReport,
}

/// What a visitor's browser downloads first, per bundle: the page (HTML) and the JS, wasm and
/// CSS it names, raw and brotli-compressed.
pub struct SizeReport {
    /// The member app (index.html): issue 15's budget applies to it.
    pub member: Vec<(String, u64, u64)>,
    /// The advocate console (console.html), which members never download.
    pub console: Vec<(String, u64, u64)>,
    /// The bill readers' worker, downloaded when a member first chooses a file on the bill page.
    pub bill_reader: Vec<(String, u64, u64)>,
}

impl SizeReport {
    /// The member's first download, brotli.
    pub fn total_brotli(&self) -> u64 {
        self.member.iter().map(|(_, _, br)| br).sum()
    }

    pub fn print(&self) {
        println!("\nInitial download of the release SPA, the member app (index.html):");
        print_files(&self.member);
        let total = self.total_brotli();
        let verdict = if total <= BUDGET_BYTES { "within".to_string() } else { format!("OVER by {:.1} KB", kb(total - BUDGET_BYTES)) };
        println!("  {:<48} {:>8} {:>17.1} KB brotli (budget 150 KB, issue 15: {verdict})", "total", "", kb(total));
        println!("The advocate console's own bundle (console.html, at /console/), which members do not download:");
        print_files(&self.console);
        let console: u64 = self.console.iter().map(|(_, _, br)| br).sum();
        println!("  {:<48} {:>8} {:>17.1} KB brotli", "total", "", kb(console));
        println!("The bill readers' worker (CSV, X12, a PDF's text layer), loaded when a member first chooses a file on the bill page:");
        print_files(&self.bill_reader);
        let bill_reader: u64 = self.bill_reader.iter().map(|(_, _, br)| br).sum();
        println!("  {:<48} {:>8} {:>17.1} KB brotli", "total", "", kb(bill_reader));
    }
}

fn print_files(files: &[(String, u64, u64)]) {
    for (name, raw, br) in files {
        println!("  {name:<48} {:>8.1} KB raw {:>8.1} KB brotli", kb(*raw), kb(*br));
    }
}

/// The member's first download (HTML + JS + wasm + CSS, brotli): issue 15's budget.
const BUDGET_BYTES: u64 = 150_000;

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// The console's page in dist: the server sends it for /console and every address under it.
pub const CONSOLE_PAGE: &str = "console.html";

pub fn release() -> Result<Built, String> {
    println!("Building the SPA (release): the member app…");
    run(command("trunk").args(["build", "--release"]).env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    let dist = workspace_root().join("dist");
    let bill_reader = version_the_bill_reader(&dist)?;
    println!("Building the SPA (release): the advocate console…");
    let console_dist = workspace_root().join("target/trunk-console");
    run(command("trunk")
        .args(["build", "console.html", "--release", "--dist"])
        .arg(&console_dist)
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    beside_the_member_app(&console_dist, &dist)?;
    precompress(&dist)?;
    let sizes = SizeReport {
        member: first_download(&dist, "index.html")?,
        console: first_download(&dist, CONSOLE_PAGE)?,
        bill_reader: sizes_of(&dist, &[format!("{bill_reader}.js"), format!("{bill_reader}_bg.wasm")])?,
    };
    println!("Building the server (release)…");
    run(command("cargo").args(["build", "--release", "-p", "advocate-server"]))?;
    Ok(Built { server: workspace_root().join("target/release/advocate-server"), sizes })
}

/// The console's build goes into the member app's folder: its page as `console.html`, its files
/// under their own fingerprinted names (the stylesheet is the same file in both builds). One
/// folder, one base path: the console's links and assets resolve as the member app's do.
fn beside_the_member_app(console_dist: &Path, dist: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(console_dist).map_err(|e| format!("{}: {e}", console_dist.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let to = dist.join(if name == "index.html" { CONSOLE_PAGE } else { &name });
        if entry.path().is_dir() {
            // wasm-bindgen's snippets: the same crate's, so the same files under the same names.
            std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
            beside_the_member_app(&entry.path(), &to)?;
        } else {
            std::fs::copy(entry.path(), &to).map_err(|e| format!("{}: {e}", to.display()))?;
        }
    }
    Ok(())
}

/// The bill readers' worker, as index.html's `data-type="worker"` link has Trunk build it.
const BILL_READER: &str = "advocate-bill-reader";

/// Trunk names a worker's files without a content hash (the app names them at run time), so a
/// page of one release could start the next release's worker. Here its script and wasm get the
/// hash of both (`advocate-bill-reader-<hash>.js`, `…_bg.wasm`), its script starts the wasm
/// itself (Trunk's separate loader is dropped), and index.html's
/// `<meta name="advocate-bill-reader">` names the script. Returns the files' stem.
fn version_the_bill_reader(dist: &Path) -> Result<String, String> {
    let read = |name: &str| std::fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"));
    let (js_name, wasm_name, loader_name) =
        (format!("{BILL_READER}.js"), format!("{BILL_READER}_bg.wasm"), format!("{BILL_READER}_loader.js"));
    let js = String::from_utf8(read(&js_name)?).map_err(|e| format!("{js_name}: {e}"))?;
    let wasm = read(&wasm_name)?;
    let stem = format!("{BILL_READER}-{:016x}", fnv1a([js.as_bytes(), &wasm[..]]));
    let script = versioned_worker_script(&js, &stem)?;
    std::fs::write(dist.join(format!("{stem}.js")), script).map_err(|e| format!("{stem}.js: {e}"))?;
    std::fs::write(dist.join(format!("{stem}_bg.wasm")), wasm).map_err(|e| format!("{stem}_bg.wasm: {e}"))?;
    for name in [&js_name, &wasm_name, &loader_name] {
        std::fs::remove_file(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
    }
    let page = dist.join("index.html");
    let html = std::fs::read_to_string(&page).map_err(|e| format!("index.html: {e}"))?;
    let unversioned = format!(r#"<meta name="{BILL_READER}" content="{loader_name}">"#);
    if !html.contains(&unversioned) {
        return Err(format!("index.html does not name the bill reader's worker as {unversioned}"));
    }
    let html = html.replace(&unversioned, &format!(r#"<meta name="{BILL_READER}" content="{stem}.js">"#));
    std::fs::write(&page, html).map_err(|e| format!("index.html: {e}"))?;
    Ok(stem)
}

/// wasm-bindgen's module (`--target web`) with its wasm's versioned name, started on load: a
/// module worker runs its script's top-level `await`.
fn versioned_worker_script(js: &str, stem: &str) -> Result<String, String> {
    let default_wasm = format!("new URL('{BILL_READER}_bg.wasm', import.meta.url)");
    if !js.contains(&default_wasm) || !js.contains("__wbg_init as default") {
        return Err(format!("wasm-bindgen's script for {BILL_READER} has changed: it no longer loads {default_wasm} by default"));
    }
    let script = js.replace(&default_wasm, &format!("new URL('{stem}_bg.wasm', import.meta.url)"));
    Ok(format!("{script}\n// Started as a web worker: load the readers, whose main() then listens.\nawait __wbg_init();\n"))
}

/// FNV-1a, 64 bits: a content hash for file names, the same on every machine and toolchain.
fn fnv1a<const N: usize>(parts: [&[u8]; N]) -> u64 {
    parts
        .iter()
        .flat_map(|part| part.iter())
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Writes `.br` and `.gz` beside each text or wasm file so the server sends them as they are.
fn precompress(dist: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(extension, "html" | "js" | "mjs" | "wasm" | "css" | "svg" | "webmanifest" | "json") {
            continue;
        }
        let raw = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        let br = brotli_compress(&raw);
        std::fs::write(path.with_file_name(format!("{name}.br")), &br).map_err(|e| format!("{name}.br: {e}"))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        std::fs::write(path.with_file_name(format!("{name}.gz")), gz).map_err(|e| format!("{name}.gz: {e}"))?;
    }
    Ok(())
}

/// A page and the JS, wasm and CSS files it names (Trunk's loader and stylesheet link), with
/// their raw and brotli sizes.
fn first_download(dist: &Path, page: &str) -> Result<Vec<(String, u64, u64)>, String> {
    let html = std::fs::read_to_string(dist.join(page)).map_err(|e| format!("{page}: {e}"))?;
    let mut names = vec![page.to_string()];
    for token in html.split(|c: char| c.is_whitespace() || "\"'()<>=,;".contains(c)) {
        let name = token.trim_start_matches("./").to_string();
        if !name.contains('/')
            && [".js", ".wasm", ".css"].iter().any(|e| name.ends_with(e))
            && is_fingerprinted(&name)
            // Named for the bill page to start when a file is chosen, not loaded with the page.
            && !name.starts_with(BILL_READER)
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    sizes_of(dist, &names)
}

/// Each file's raw and brotli sizes (its `.br` beside it).
fn sizes_of(dist: &Path, names: &[String]) -> Result<Vec<(String, u64, u64)>, String> {
    let mut files = Vec::new();
    for name in names.iter().cloned() {
        let raw = std::fs::metadata(dist.join(&name)).map_err(|e| format!("{name}: {e}"))?.len();
        let br = std::fs::metadata(dist.join(format!("{name}.br"))).map_err(|e| format!("{name}.br: {e}"))?.len();
        files.push((name, raw, br));
    }
    Ok(files)
}

/// Trunk's output names: `stem-<hash>.ext` or `stem-<hash>_bg.wasm`, the hash a 64-bit number in
/// hex without leading zeros: 16 digits, 15 in one build of 16, fewer ever more rarely (under 12
/// once in a million builds, and then the file is only treated as unversioned). (Prose in the
/// page, such as a comment naming pdf.js, is not a file.)
fn is_fingerprinted(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn brotli_compress(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).expect("compressing into memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workers_script_loads_its_versioned_wasm_and_starts_it() {
        let js = "async function __wbg_init(module_or_path) {\n    module_or_path = new URL('advocate-bill-reader_bg.wasm', import.meta.url);\n}\nexport { initSync, __wbg_init as default };\n";
        let script = versioned_worker_script(js, "advocate-bill-reader-0123456789abcdef").unwrap();
        assert!(script.contains("new URL('advocate-bill-reader-0123456789abcdef_bg.wasm', import.meta.url)"), "{script}");
        assert!(!script.contains("'advocate-bill-reader_bg.wasm'"), "{script}");
        assert!(script.trim_end().ends_with("await __wbg_init();"), "{script}");
        assert!(
            is_fingerprinted("advocate-bill-reader-0123456789abcdef.js")
                && is_fingerprinted("advocate-bill-reader-0123456789abcdef_bg.wasm")
        );
    }

    #[test]
    fn a_workers_script_that_wasm_bindgen_wrote_otherwise_fails_the_build() {
        assert!(versioned_worker_script("export default function init() {}", "advocate-bill-reader-0123456789abcdef").is_err());
    }

    #[test]
    fn the_content_hash_changes_with_any_byte_and_is_the_same_on_every_run() {
        assert_eq!(fnv1a([b"".as_slice()]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a([b"a".as_slice()]), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a([b"ab".as_slice(), b"c"]), fnv1a([b"ab".as_slice(), b"d"]));
    }
}
