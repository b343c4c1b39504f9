//! The server's commands besides serving (`advocate-server COMMAND`): loading CMS's files,
//! managing advocates' accounts and replacing the encryption key. Each opens the configured database, does one thing, and says
//! what it did; the work itself lives in the modules the server uses too.

use crate::accounts::{create_advocate, disable_advocate};
use crate::audit::{Actor, AuditEvent};
use crate::config::Config;
use crate::pricing::import::{ImportFiles, read_files};
use crate::request_id::with_request_id;
use crate::sealing::SealingKey;
use crate::storage;
use advocate_domain::console::AdvocateRole;
use advocate_domain::unit_limits::{MueEdit, UnitLimits};
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Load CMS's complete fee-schedule files (RVU, GPCI, locality-county, ZIP5, CLFS) into
    /// the database, replacing any earlier import, so that any code can be priced.
    ImportFeeSchedule(ImportFiles),
    /// Load CMS's practitioner MUE table (JSON) as the daily unit limits the bill review uses.
    ImportUnitLimits(ImportUnitLimits),
    /// Create an advocate's account for the console (the first one a supervisor). The password
    /// (at least 12 characters) is read from standard input, or from --password-file.
    CreateAdvocate(CreateAdvocateArgs),
    /// Disable an advocate's account: its sessions end at once and it can no longer sign in.
    DisableAdvocate(DisableAdvocateArgs),
    /// Re-seal every sealed value (requests' answers, notes, bills) with a new key, made in
    /// --new-key-file when that file does not exist. Stop every server first; run it again to
    /// resume if it stops; then give the servers the new key file.
    RotateKey(RotateKeyArgs),
    /// Write a consistent copy of the SQLite database to --to while the server runs (readable
    /// by its owner only). For PostgreSQL, use pg_dump (see the README). Keep the key file's
    /// backup apart from it: a backup is unreadable without the key, and the key alone holds no data.
    Backup(BackupArgs),
    /// Replace the SQLite database with a backup (checked first: whole, this app's, sealed with
    /// this server's key). Stop the server first. The replaced database is kept beside it.
    Restore(RestoreArgs),
}

impl Command {
    pub async fn run(&self, config: &Config) -> anyhow::Result<()> {
        let run = async {
            match self {
                Command::ImportFeeSchedule(files) => import_fee_schedule(config, files).await,
                Command::ImportUnitLimits(args) => import_unit_limits(config, args).await,
                Command::CreateAdvocate(args) => run_create_advocate(config, args).await,
                Command::DisableAdvocate(args) => run_disable_advocate(config, args).await,
                Command::RotateKey(args) => rotate_key(config, args).await,
                Command::Backup(args) => backup(config, args).await,
                Command::Restore(args) => restore(config, args).await,
            }
        };
        // What a command records in the audit log says it came from the command line.
        with_request_id("command-line".into(), run).await
    }
}

/// Reads the files and replaces the imported schedule; prints what was loaded.
async fn import_fee_schedule(config: &Config, files: &ImportFiles) -> anyhow::Result<()> {
    let import = read_files(files, crate::clock::now())?;
    let storage = storage::open(config).await?;
    storage.replace_fee_schedule(&import).await.context("the import was not saved; the previous schedule is unchanged")?;
    println!(
        "Imported the {} fee schedule: {} RVU rows, {} localities, {} locality-county rows, {} ZIP codes, {} lab rates. Restart the server to price from it.",
        import.year,
        import.rvus.len(),
        import.localities.len(),
        import.counties.len(),
        import.zips.len(),
        import.lab_rates.len()
    );
    Ok(())
}

/// `advocate-server import-unit-limits --file practitioner-mue.json`
#[derive(Debug, Clone, clap::Args)]
pub struct ImportUnitLimits {
    /// CMS's practitioner MUE table in JSON: {"CODE": {"adjudicationType": …, "maxUnits": N}}.
    #[arg(long)]
    pub file: PathBuf,
}

/// Reads CMS's table and replaces the imported limits; prints what was loaded.
async fn import_unit_limits(config: &Config, args: &ImportUnitLimits) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let table: BTreeMap<String, MueEdit> =
        serde_json::from_str(&text).with_context(|| format!("{} is not CMS's MUE table in JSON", args.file.display()))?;
    let limits = UnitLimits::from_cms_table(&table);
    anyhow::ensure!(!limits.is_empty(), "{} has no date-of-service edits", args.file.display());
    let storage = storage::open(config).await?;
    storage.replace_unit_limits(&limits).await.context("the import was not saved; the previous limits are unchanged")?;
    println!("Imported {} daily unit limits. Restart the server to use them.", limits.len());
    Ok(())
}

/// `advocate-server create-advocate`: the password comes from standard input (one line) or
/// `--password-file`, never from a flag (flags show in the process list and shell history).
#[derive(Debug, clap::Args)]
pub struct CreateAdvocateArgs {
    /// The advocate's email address, their sign-in name (case does not matter).
    #[arg(long)]
    pub email: String,
    /// The name colleagues see on cases and notes.
    #[arg(long)]
    pub name: String,
    /// advocate, or supervisor (who can also read the audit trail).
    #[arg(long, default_value = "advocate", value_parser = parse_role)]
    pub role: AdvocateRole,
    /// A file whose first line is the password (at least 12 characters). Without it, the
    /// password is read from standard input.
    #[arg(long)]
    pub password_file: Option<PathBuf>,
}

fn parse_role(text: &str) -> Result<AdvocateRole, String> {
    AdvocateRole::from_slug(text).ok_or_else(|| "use advocate or supervisor".into())
}

/// `advocate-server disable-advocate`.
#[derive(Debug, clap::Args)]
pub struct DisableAdvocateArgs {
    /// The account's email address.
    #[arg(long)]
    pub email: String,
}

async fn run_create_advocate(config: &Config, args: &CreateAdvocateArgs) -> anyhow::Result<()> {
    let password = match &args.password_file {
        Some(file) => {
            let opened = std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
            read_password(std::io::BufReader::new(opened))?
        }
        None => read_password_from_stdin()?,
    };
    let storage = storage::open(config).await?;
    let id = create_advocate(storage.as_ref(), &args.email, &args.name, args.role, &password).await?;
    println!("Created {} account {id} for {}.", args.role.slug(), args.name.trim());
    Ok(())
}

async fn run_disable_advocate(config: &Config, args: &DisableAdvocateArgs) -> anyhow::Result<()> {
    let storage = storage::open(config).await?;
    let id = disable_advocate(storage.as_ref(), &args.email).await?;
    println!("Disabled account {id}; its sessions have ended.");
    Ok(())
}

/// `advocate-server rotate-key --new-key-file data/new.key`
#[derive(Debug, clap::Args)]
pub struct RotateKeyArgs {
    /// The new key: a file of 64 hexadecimal characters readable by its owner only, created
    /// (mode 0600) when it does not exist. The current key is --bill-key-file's.
    #[arg(long)]
    pub new_key_file: PathBuf,
}

/// Re-seals everything with the new key and says what to do next. The current key file is read,
/// never changed: until the servers use the new one, it is the way back.
pub async fn rotate_key(config: &Config, args: &RotateKeyArgs) -> anyhow::Result<()> {
    let current_file = config.bill_key_file();
    let current = SealingKey::load(&current_file)?;
    let new = SealingKey::load_or_create(&args.new_key_file)?;
    anyhow::ensure!(
        current.id() != new.id(),
        "{} holds the key in use ({}): nothing to rotate. Give --new-key-file a file that does not exist yet, and a new key is made in it",
        args.new_key_file.display(),
        current.id()
    );
    let storage = storage::open(config).await?;
    let resealed = crate::sealed_records::rotate(storage.as_ref(), &current, &new).await?;
    storage
        .record_audit_event(&AuditEvent::new(Actor::Operator, "key.rotated", format!("key:{}", new.id())))
        .await
        .context("every value is re-sealed, but the rotation could not be written to the audit log")?;
    println!(
        "Re-sealed {resealed} with key {} ({}). Every sealed value now opens with it, and none with the old key {}.\n\
         Next: give every server the new key file (--bill-key-file {} or ADVOCATE_BILL_KEY_FILE), or move it over {}; \
         then start them. Keep a backup of the new key file: without it nothing sealed can be read.",
        new.id(),
        args.new_key_file.display(),
        current.id(),
        args.new_key_file.display(),
        current_file.display()
    );
    Ok(())
}

/// `advocate-server backup --to /backups/advocate-2026-11-30.db`
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    #[arg(long)]
    pub to: PathBuf,
}

/// `advocate-server restore --from /backups/advocate-2026-11-30.db`
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore, written by `backup`.
    #[arg(long)]
    pub from: PathBuf,
}

/// The SQLite database file the server uses, or the reason there is none.
fn sqlite_file(config: &Config) -> anyhow::Result<PathBuf> {
    let url = config.database_url();
    match url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        Some(rest) => Ok(PathBuf::from(rest.split('?').next().unwrap_or(rest))),
        None => anyhow::bail!(
            "the server uses PostgreSQL: back it up with pg_dump --format=custom and restore with pg_restore (see the README's deployment section), and keep the key file's backup apart"
        ),
    }
}

pub async fn backup(config: &Config, args: &BackupArgs) -> anyhow::Result<()> {
    let database = sqlite_file(config)?;
    anyhow::ensure!(database.exists(), "there is no database at {} to back up", database.display());
    let storage = storage::open(config).await?;
    storage.record_audit_event(&AuditEvent::new(Actor::Operator, "database.backed_up", "database")).await?;
    storage::sqlite_backup::backup(&config.database_url(), &args.to).await?;
    println!(
        "Backed up {} to {} (readable by its owner only). The key file {} is not in it: keep a copy of the key apart from the backups.",
        database.display(),
        args.to.display(),
        config.bill_key_file().display()
    );
    Ok(())
}

pub async fn restore(config: &Config, args: &RestoreArgs) -> anyhow::Result<()> {
    let database = sqlite_file(config)?;
    storage::sqlite_backup::check_backup(&args.from).await?;
    // A copy beside the database: brought up to this version's migrations and checked against
    // the key there, so that nothing is replaced by a backup this server could not use.
    let mut incoming = database.as_os_str().to_owned();
    incoming.push(".restoring");
    let incoming = PathBuf::from(incoming);
    let _ = std::fs::remove_file(&incoming);
    std::fs::copy(&args.from, &incoming).with_context(|| format!("cannot copy {} beside the database", args.from.display()))?;
    let key = SealingKey::load(&config.bill_key_file())?;
    let checked = async {
        let storage = storage::connect(&format!("sqlite://{}", incoming.display())).await?;
        storage.migrate().await?;
        crate::sealed_records::check_key(storage.as_ref(), &key).await?;
        storage.record_audit_event(&AuditEvent::new(Actor::Operator, "database.restored", "database")).await?;
        storage.erase_freed_space().await?;
        anyhow::Ok(())
    };
    if let Err(error) = checked.await {
        let _ = std::fs::remove_file(&incoming);
        return Err(error.context(format!("{} was not restored; the database is unchanged", args.from.display())));
    }
    let kept = storage::sqlite_backup::replace_with(&database, &incoming, crate::clock::now().unix_seconds())?;
    println!(
        "Restored {} from {}. The database it replaced is kept as {}: delete it once the server works.",
        database.display(),
        args.from.display(),
        kept.display()
    );
    Ok(())
}

/// The password: the first line of a file or of standard input, without its line ending.
fn read_password(mut input: impl BufRead) -> std::io::Result<String> {
    let mut line = String::new();
    input.read_line(&mut line)?;
    let line = line.strip_suffix('\n').unwrap_or(&line);
    Ok(line.strip_suffix('\r').unwrap_or(line).to_string())
}

/// Reads the password from standard input; at a terminal, asks for it without echoing it.
fn read_password_from_stdin() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(read_password(stdin.lock())?);
    }
    eprint!("Password (at least {} characters): ", advocate_domain::console::PASSWORD_MIN);
    let echo_off = std::process::Command::new("stty").arg("-echo").status().is_ok_and(|s| s.success());
    let password = read_password(stdin.lock());
    if echo_off {
        let _ = std::process::Command::new("stty").arg("echo").status();
    }
    eprintln!();
    Ok(password?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_its_first_line_without_the_line_ending() {
        assert_eq!(read_password(&b"correct horse battery\r\nsecond"[..]).unwrap(), "correct horse battery");
        assert_eq!(read_password(&b"  spaces kept  \n"[..]).unwrap(), "  spaces kept  ");
        assert_eq!(read_password(&b"no newline"[..]).unwrap(), "no newline");
    }
}
