//! SQLite, for a single server (the default): a file in the data folder.

use super::StorageError;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
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
