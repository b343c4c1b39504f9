//! SQLite, for a single server (the default): a file in the data folder.

use super::StorageError;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::{str::FromStr, time::Duration};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStorage {
    pool: SqlitePool,
}

impl SqliteStorage {
    /// Opens the database file, creating it when absent, readable by the server's user only.
    /// WAL lets readers work during a write; synchronous=FULL makes a committed write of member
    /// data survive a power cut; secure_delete overwrites what is deleted or replaced (member
    /// data sealed in place, a deleted bill) instead of leaving it in free pages.
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(5));
        let file = options.get_filename();
        if !url.contains(":memory:") && !url.contains("mode=memory") && !file.as_os_str().is_empty() {
            make_private(file).map_err(|e| StorageError::Private(file.display().to_string(), e))?;
        }
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Self { pool })
    }

    /// Empties the write-ahead log into the database file and truncates it, so that pages it
    /// held (of rows since deleted or sealed in place) are gone from it.
    async fn erase_freed_space_now(&self) -> Result<(), StorageError> {
        let busy: i64 = sqlx::query_scalar("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.pool).await?;
        if busy != 0 {
            tracing::warn!("the SQLite write-ahead log could not be emptied now: it will be on a later checkpoint");
        }
        Ok(())
    }
}

/// Restricts the database file, its write-ahead log (-wal) and shared memory (-shm) to the
/// server's user. SQLite creates -wal and -shm with the database file's mode, so the file is
/// made private first: created empty when absent (an empty file is an empty database).
fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).open(path)?;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            match std::fs::set_permissions(&name, std::fs::Permissions::from_mode(0o600)) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                other => other?,
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

super::sql::sql_storage!(SqliteStorage, sqlx::Sqlite, super::Backend::Sqlite, MIGRATOR, "BEGIN IMMEDIATE");

/// Writes a consistent copy of the database at `url` to `to` while servers keep using it
/// (`VACUUM INTO`: one read transaction, so the copy is the database as of one moment, with
/// free pages left out), readable by its owner only. `to` must not exist yet.
pub async fn backup(url: &str, to: &Path) -> anyhow::Result<()> {
    use anyhow::Context;
    use sqlx::Connection;
    anyhow::ensure!(!to.exists(), "{} exists: give --to a new file, so that no earlier backup is overwritten", to.display());
    // Created empty and private first, so that the copy is never readable by others.
    // SQLite writes into an empty file, keeping its mode.
    make_private(to).with_context(|| format!("cannot create {}", to.display()))?;
    let mut connection = sqlx::SqliteConnection::connect_with(&SqliteConnectOptions::from_str(url)?.read_only(true)).await?;
    sqlx::query("VACUUM INTO ?").bind(to.to_string_lossy().into_owned()).execute(&mut connection).await?;
    connection.close().await?;
    make_private(to)?;
    Ok(())
}

/// Checks that `backup` is a whole SQLite database of this app (`PRAGMA integrity_check`, every
/// migration applied) before anything is replaced.
pub async fn check_backup(backup: &Path) -> anyhow::Result<()> {
    use sqlx::Connection;
    let options = SqliteConnectOptions::new().filename(backup).read_only(true);
    let mut connection = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| anyhow::anyhow!("{} is not a database this server can open: {e}", backup.display()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .map_err(|e| anyhow::anyhow!("{} is not a SQLite database: {e}", backup.display()))?;
    anyhow::ensure!(integrity == "ok", "{} is damaged (SQLite's integrity check says: {integrity})", backup.display());
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut connection)
        .await
        .map_err(|_| anyhow::anyhow!("{} is not a backup of Advocate's database (it has no migrations table)", backup.display()))?;
    anyhow::ensure!(applied > 0, "{} is not a backup of Advocate's database", backup.display());
    connection.close().await?;
    Ok(())
}

/// Puts `incoming` (a checked copy of a backup, beside the database, its write-ahead log
/// emptied) in the database file's place by one rename, so that the database is either the old
/// one or the backup, never half of each. The old file is kept as
/// `advocate.db.before-restore-SECONDS`, with its write-ahead log, which belongs to it.
pub fn replace_with(database: &Path, incoming: &Path, now_seconds: i64) -> anyhow::Result<PathBuf> {
    let name = |path: &Path, suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    std::fs::File::open(incoming)?.sync_all()?;
    let kept = name(database, &format!(".before-restore-{now_seconds}"));
    if database.exists() {
        std::fs::rename(database, &kept)?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::rename(name(database, suffix), name(&kept, suffix));
        }
    }
    std::fs::rename(incoming, database)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(name(incoming, suffix));
    }
    if let Some(folder) = database.parent() {
        // The rename itself, flushed.
        std::fs::File::open(folder)?.sync_all()?;
    }
    Ok(kept)
}
