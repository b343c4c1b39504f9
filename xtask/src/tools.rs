//! Installing what the build and the tests need, each only when the right version is absent.
//! Versions are pinned for an offline machine (see the README's "Toolchain" section).

use crate::run::{output, run, workspace_root};
use std::path::PathBuf;
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A command whose PATH also holds cargo's binaries and the project's npm binaries (wasm-opt).
pub fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", search_path()).current_dir(workspace_root());
    // The test command builds each crate once: incremental caches would only take disk.
    if program == "cargo" && std::env::var_os("CARGO_INCREMENTAL").is_none() {
        command.env("CARGO_INCREMENTAL", "0");
    }
    with_ocr_model(&mut command);
    command
}

/// Gives a server, or the tests that read bills, the second OCR reader's model once it is here.
pub fn with_ocr_model(command: &mut Command) -> &mut Command {
    let model = workspace_root().join(OCR_MODEL);
    if std::env::var_os("ADVOCATE_OCR_MODEL").is_none() && model.is_file() {
        command.env("ADVOCATE_OCR_MODEL", model);
    }
    command
}

fn search_path() -> String {
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin");
    let npm_bin = workspace_root().join("node_modules/.bin");
    format!("{}:{}:{}", npm_bin.display(), cargo_bin.display(), std::env::var("PATH").unwrap_or_default())
}

pub fn ensure_build_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

pub fn ensure_test_tools() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_reading_tools()?;
    ensure_debian_packages(&[
        ("chromium", "chromium"),
        ("chromedriver", "chromium-driver"),
        // The domain tests check our time-zone rule against the system's tz database.
        ("/usr/share/zoneinfo/America/New_York", "tzdata"),
        // The font the test bills are drawn in (crates/bill-corpus: FONTS), on every machine.
        ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "fonts-dejavu-core"),
    ])?;
    ensure_load_tools()
}

/// What the estimate benchmark and the load mix (`cargo xtask load`) drive the servers with.
pub fn ensure_load_tools() -> Result<(), String> {
    ensure_debian_packages(&[("wrk", "wrk")])
}

/// The programs the server runs to read photos and PDFs of bills (its `bill_reading::READERS`):
/// installed by `cargo xtask serve` as by the test command, so a fresh machine reads a scanned
/// bill after the first command. Debian 12's `imagemagick` gives `convert` (ImageMagick 6).
pub fn ensure_reading_tools() -> Result<(), String> {
    ensure_debian_packages(&[
        ("tesseract", "tesseract-ocr"),
        ("pdftohtml", "poppler-utils"),
        ("pdftoppm", "poppler-utils"),
        // By its path: this kind of machine puts a stand-in named `convert` on the PATH
        // (/usr/local/bin) that converts only PNGs, and hands every call to the real one once
        // Debian's is installed.
        ("/usr/bin/convert", "imagemagick"),
        ("prlimit", "util-linux"),
    ])?;
    ensure_ocr_model().map(|_| ())
}

/// The server's second OCR reader (`--ocr-model`, `bill_reading/second_reader.rs`): PaddleOCR's
/// PP-OCRv4 text-line recogniser, as RapidOCR ships it inside its PyPI wheel (Apache-2.0).
pub const OCR_MODEL: &str = "target/ocr-models/ch_PP-OCRv4_rec_infer.onnx";
const OCR_MODEL_WHEEL: &str = "rapidocr_onnxruntime==1.4.4";
const OCR_MODEL_IN_WHEEL: &str = "rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx";
const OCR_MODEL_SHA256: &str = "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b";

/// Fetches the second reader's model once: the wheel from PyPI with a virtualenv's pip, the one
/// file taken out of it and checked against its SHA-256.
pub fn ensure_ocr_model() -> Result<PathBuf, String> {
    let model = workspace_root().join(OCR_MODEL);
    if model.is_file() {
        return Ok(model);
    }
    let folder = model.parent().expect("the model's folder").to_path_buf();
    println!("Fetching the second OCR reader's model ({OCR_MODEL_WHEEL} from PyPI, 15 MB, once)…");
    let venv = folder.join("venv");
    python_venv(&venv)?;
    let wheels = folder.join("wheel");
    run(Command::new(venv.join("bin/pip"))
        .args(["download", "--quiet", "--disable-pip-version-check", "--no-deps", "--only-binary=:all:", OCR_MODEL_WHEEL, "-d"])
        .arg(&wheels))?;
    let take_out = "import glob, hashlib, os, sys, zipfile
wheel = glob.glob(os.path.join(sys.argv[1], '*.whl'))[0]
data = zipfile.ZipFile(wheel).read(sys.argv[2])
if hashlib.sha256(data).hexdigest() != sys.argv[3]:
    sys.exit('the model in ' + wheel + ' is not the one expected')
partial = sys.argv[4] + '.partial'
open(partial, 'wb').write(data)
os.replace(partial, sys.argv[4])";
    run(Command::new(venv.join("bin/python"))
        .args(["-c", take_out])
        .arg(&wheels)
        .args([OCR_MODEL_IN_WHEEL, OCR_MODEL_SHA256])
        .arg(&model))?;
    let _ = std::fs::remove_dir_all(&wheels);
    let _ = std::fs::remove_dir_all(&venv);
    Ok(model)
}

/// A fresh Python virtualenv at `venv`, with Debian's python3 and python3-venv installed first
/// when they are missing (Debian's python3 lacks `venv` without the latter).
fn python_venv(venv: &std::path::Path) -> Result<(), String> {
    ensure_debian_packages(&[("python3", "python3")])?;
    if output(Command::new("python3").args(["-c", "import ensurepip, venv"])).is_none() {
        install_debian_packages(&["python3-venv"])?;
    }
    run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(venv))
}

/// schemathesis (PyPI), which checks the API against its OpenAPI document, in a virtualenv of its
/// own under target/; returns its `st` program. It needs Python 3.11 or newer (Debian 12's);
/// Debian's python3 lacks `venv` without python3-venv.
pub fn ensure_schemathesis() -> Result<PathBuf, String> {
    let venv = workspace_root().join("target/schemathesis-venv");
    let st = venv.join("bin/st");
    let version = output(Command::new(&st).arg("--version")).unwrap_or_default();
    if version.split_whitespace().last() == Some(SCHEMATHESIS_VERSION) {
        return Ok(st);
    }
    println!("Installing schemathesis {SCHEMATHESIS_VERSION} into {} (about 20 s, once)…", venv.display());
    python_venv(&venv)?;
    let pip = venv.join("bin/pip");
    run(Command::new(&pip).args(["install", "--quiet", "--disable-pip-version-check", &format!("schemathesis=={SCHEMATHESIS_VERSION}")]))?;
    Ok(st)
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(&mut command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    println!("Installing the wasm32-unknown-unknown target…");
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result<(), String> {
    let version = output(command("trunk").arg("--version")).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    println!("Installing Trunk {TRUNK_VERSION} (about 15 minutes on 2 cores, once)…");
    run(command("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen CLI must be exactly the version in Cargo.lock, or Trunk tries to download one.
fn ensure_wasm_bindgen() -> Result<(), String> {
    let wanted = locked_version("wasm-bindgen")?;
    let version = output(command("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(command("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(wanted.as_str()) && runner.contains(&wanted) {
        return Ok(());
    }
    println!("Installing wasm-bindgen-cli {wanted} (about 6 minutes, once)…");
    // Not --locked: its lockfile names a webpki-roots version the registry no longer serves.
    run(command("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle).ok_or(format!("{package} is not in Cargo.lock"))? + needle.len();
    Ok(lock[start..].split('"').next().unwrap_or_default().to_string())
}

/// wasm-opt (npm binaryen@132), playwright-core, axe-core, pdf.js (served to the browser) and
/// Lighthouse, from package-lock.json.
fn ensure_npm_packages() -> Result<(), String> {
    let root = workspace_root();
    let installed = root.join("node_modules/.bin/wasm-opt").exists()
        && root.join("node_modules/playwright-core").exists()
        && root.join("node_modules/axe-core").exists()
        && root.join("node_modules/pdfjs-dist/build/pdf.min.mjs").exists()
        && root.join("node_modules/.bin/lighthouse").exists();
    let lock_newer = modified(root.join("package-lock.json")) > modified(root.join("node_modules/.package-lock.json"));
    if installed && !lock_newer {
        return Ok(());
    }
    if output(&mut Command::new("npm").arg("--version")).is_none() {
        ensure_debian_packages(&[("npm", "npm")])?;
    }
    println!("Installing npm packages (wasm-opt, playwright-core, axe-core, pdf.js, Lighthouse)…");
    run(command("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn modified(path: PathBuf) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Installs the Debian packages whose binary (or, for an absolute path, file) is missing:
/// (binary or path, package) pairs.
pub fn ensure_debian_packages(wanted: &[(&str, &str)]) -> Result<(), String> {
    let present = |thing: &str| {
        if thing.starts_with('/') { std::path::Path::new(thing).exists() } else { output(&mut Command::new("which").arg(thing)).is_some() }
    };
    let mut missing: Vec<&str> = wanted.iter().filter(|(thing, _)| !present(thing)).map(|(_, package)| *package).collect();
    // Two programs of one package (pdftohtml and pdftoppm) name it once, wherever they are listed.
    missing.sort_unstable();
    missing.dedup();
    install_debian_packages(&missing)
}

fn install_debian_packages(missing: &[&str]) -> Result<(), String> {
    if missing.is_empty() {
        return Ok(());
    }
    println!("Installing Debian packages: {}…", missing.join(" "));
    let sudo = if is_root() { vec![] } else { vec!["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.clone();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(missing);
    apt(&install)
}

pub fn is_root() -> bool {
    output(&mut Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}
