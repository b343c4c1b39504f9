//! A PostgreSQL server for the storage tests: the one named by ADVOCATE_TEST_POSTGRES_URL, or a
//! throwaway cluster of Debian's PostgreSQL started here on a port of its own.

use crate::run::{output, run};
use crate::tools::{ensure_debian_packages, is_root};
use std::path::{Path, PathBuf};
use std::process::Command;

const PORT: &str = "54329";
const DIR: &str = "/tmp/advocate-test-postgres";

pub fn ensure() -> Result<String, String> {
    if let Ok(url) = std::env::var("ADVOCATE_TEST_POSTGRES_URL") {
        return Ok(url);
    }
    let bin = match postgres_bin_dir() {
        Some(bin) => bin,
        None => {
            ensure_debian_packages(&[("/usr/lib/postgresql/15/bin/postgres", "postgresql")])?;
            postgres_bin_dir().ok_or("PostgreSQL is still missing after installing it")?
        }
    };
    let url = format!("postgres://advocate@127.0.0.1:{PORT}/postgres");
    let dir = Path::new(DIR);
    if as_postgres_user(&bin.join("pg_ctl"), &["-D", DIR, "status"]).status().is_ok_and(|s| s.success()) {
        drop_earlier_runs_databases(&bin, &url);
        return Ok(url);
    }
    if !dir.join("PG_VERSION").exists() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{DIR}: {e}"))?;
        if is_root() {
            run(Command::new("chown").args(["-R", "postgres:postgres", DIR]))?;
        }
        println!("Creating a test PostgreSQL cluster in {DIR}…");
        run(&mut as_postgres_user(&bin.join("initdb"), &["-D", DIR, "-U", "advocate", "--auth=trust", "-E", "UTF8"]))?;
    }
    println!("Starting the test PostgreSQL on port {PORT}…");
    let options = format!("-p {PORT} -k {DIR} -c listen_addresses=127.0.0.1 -c fsync=off");
    let log = format!("{DIR}/server.log");
    run(&mut as_postgres_user(&bin.join("pg_ctl"), &["-D", DIR, "-l", &log, "-w", "-o", &options, "start"]))?;
    drop_earlier_runs_databases(&bin, &url);
    Ok(url)
}

/// Each storage test makes its own database and leaves it (about 7 MB each, some 180 a run), so
/// the throwaway cluster would fill the disk run after run: the databases earlier runs left are
/// dropped before this run starts. Only in the cluster started here, never in a server named by
/// ADVOCATE_TEST_POSTGRES_URL. Each test uses its database only while it runs, so a database no
/// one is connected to is one no test needs. A failure is reported and the run goes on.
fn drop_earlier_runs_databases(bin: &Path, url: &str) {
    let psql = bin.join("psql");
    let query = "SELECT datname FROM pg_database WHERE datname LIKE 'advocate\\_test\\_%' OR datname LIKE 'advocate\\_load\\_%'";
    let Some(names) = output(Command::new(&psql).args([url, "-At", "-c", query])) else {
        println!("cannot list the test databases earlier runs left in {DIR}: they stay");
        return;
    };
    let names: Vec<&str> = names.lines().map(str::trim).filter(|name| !name.is_empty()).collect();
    let mut dropped = 0;
    for name in &names {
        // Not WITH (FORCE): a database in use (another run's test, this moment) refuses and stays.
        let drop = format!("DROP DATABASE IF EXISTS \"{name}\"");
        if output(Command::new(&psql).args([url, "-q", "-c", &drop])).is_some() {
            dropped += 1;
        }
    }
    if !names.is_empty() {
        println!("Dropped {dropped} of the {} test databases earlier runs left in {DIR}.", names.len());
    }
}

/// Makes a new, empty database `name` on the cluster at `admin_url`; its URL.
pub fn create_database(admin_url: &str, name: &str) -> Result<String, String> {
    let psql = postgres_bin_dir().map(|bin| bin.join("psql")).filter(|p| p.exists()).unwrap_or_else(|| PathBuf::from("psql"));
    run(Command::new(psql).args([admin_url, "-q", "-c", &format!("CREATE DATABASE {name}")]))?;
    let (server, _) = admin_url.rsplit_once('/').ok_or("a database URL ends with /DATABASE")?;
    Ok(format!("{server}/{name}"))
}

/// The newest installed PostgreSQL's bin folder.
fn postgres_bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("pg_ctl").exists())
        .collect();
    versions.sort_by_key(|p| p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()?.parse::<u32>().ok()));
    versions.pop()
}

/// PostgreSQL refuses to run as root; run its tools as the postgres user when we are root.
fn as_postgres_user(program: &Path, args: &[&str]) -> Command {
    if is_root() && output(Command::new("id").arg("postgres")).is_some() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program).args(args).current_dir("/tmp");
        command
    } else {
        let mut command = Command::new(program);
        command.args(args);
        command
    }
}
