//! The release build: the SPA (Trunk, wasm-opt, precompressed) and the server.

use crate::run::{run, workspace_root};
use crate::tools::command;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Built {
    pub server: PathBuf,
    pub sizes: SizeReport,
}

/// The initial download of the SPA: HTML, JS, wasm and CSS, raw and brotli-compressed.
pub struct SizeReport {
    pub files: Vec<(String, u64, u64)>,
}

impl SizeReport {
    pub fn total_brotli(&self) -> u64 {
        self.files.iter().map(|(_, _, br)| br).sum()
    }

    pub fn print(&self) {
        println!("\nInitial download of the release SPA:");
        for (name, raw, br) in &self.files {
            println!("  {name:<48} {:>8.1} KB raw {:>8.1} KB brotli", kb(*raw), kb(*br));
        }
        let total = self.total_brotli();
        let verdict = if total <= BUDGET_BYTES { "within".to_string() } else { format!("OVER by {:.1} KB", kb(total - BUDGET_BYTES)) };
        println!("  {:<48} {:>8} {:>17.1} KB brotli (budget 150 KB, issue 15: {verdict})", "total", "", kb(total));
    }
}

/// The member's first download (HTML + JS + wasm + CSS, brotli): issue 15's budget.
const BUDGET_BYTES: u64 = 150_000;

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

pub fn release() -> Result<Built, String> {
    println!("Building the SPA (release)…");
    run(command("trunk").args(["build", "--release"]).env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    let dist = workspace_root().join("dist");
    let sizes = precompress(&dist)?;
    println!("Building the server (release)…");
    run(command("cargo").args(["build", "--release", "-p", "advocate-server"]))?;
    Ok(Built { server: workspace_root().join("target/release/advocate-server"), sizes })
}

/// Writes `.br` and `.gz` beside each text or wasm file so the server sends them as they are.
fn precompress(dist: &Path) -> Result<SizeReport, String> {
    let mut files = Vec::new();
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
        if matches!(extension, "html" | "js" | "wasm" | "css") {
            files.push((name, raw.len() as u64, br.len() as u64));
        }
    }
    Ok(SizeReport { files })
}

fn brotli_compress(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).expect("compressing into memory cannot fail");
    out
}
