//! The project's two commands.
//!
//! `cargo xtask serve`: install what is missing (the build tools and the programs that read
//! bills), build the release SPA and server, serve the app at http://127.0.0.1:8080.
//! `cargo xtask test`: the same installs, then every test layer, a size report and one summary
//! line; exits non-zero on any failure.
//!
//! Both are unattended and idempotent: each tool is installed only when the right version is
//! absent.

#[cfg(test)]
mod architecture;
mod build;
mod e2e_bills;
mod fee_tables;
mod fuzz;
mod lighthouse;
mod load_mix;
mod postgres;
mod run;
mod schemathesis;
#[cfg(test)]
mod self_contained;
mod test;
mod testdata;
mod tools;
mod unit_limits;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test::run_all(),
        Some("postgres") => postgres::ensure().map(|url| println!("ADVOCATE_TEST_POSTGRES_URL={url}")),
        Some("fee-tables") => fee_tables::write(&args[1..]),
        Some("unit-limits") => unit_limits::write(&args[1..]),
        Some("testdata") => testdata::write(&args[1..]),
        Some("fuzz") => fuzz::run_targets(&args[1..]),
        Some("schemathesis") => api_check(),
        Some("load") => load_mix::run_command(),
        Some("build") => tools::ensure_build_tools().and_then(|()| build::release()).map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo xtask serve [server flags…] | cargo xtask test | cargo xtask build | cargo xtask schemathesis | cargo xtask postgres | cargo xtask fee-tables [DATA_DIR] | cargo xtask unit-limits [FILE] | cargo xtask testdata DATA_DIR | cargo xtask fuzz [--seconds N] [--target NAME,…] | cargo xtask load"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The test command's schemathesis step alone, against the release server already built.
fn api_check() -> Result<(), String> {
    let server = run::workspace_root().join("target/release/advocate-server");
    let (counts, _) = schemathesis::run(&server);
    if counts.failed == 0 { Ok(()) } else { Err("schemathesis found failures".into()) }
}

/// Builds everything and serves the app in the foreground until Ctrl-C or SIGTERM.
fn serve(server_args: &[String]) -> Result<(), String> {
    tools::ensure_build_tools()?;
    tools::ensure_reading_tools()?;
    let built = build::release()?;
    println!("Serving Advocate at http://127.0.0.1:8080 (Ctrl-C to stop)");
    let status = tools::with_ocr_model(&mut std::process::Command::new(&built.server))
        .args(server_args)
        .current_dir(run::workspace_root())
        .status()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("the server stopped: {status}")) }
}
