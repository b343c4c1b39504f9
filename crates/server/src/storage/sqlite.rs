//! SQLite, for a single server (the default): a file in the data folder.

use super::StorageError;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::{str::FromStr, time::Duration};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStorage {
    pool: SqlitePool,
}

impl SqliteStorage {
    /// Opens the database file, creating it when absent. WAL lets readers work during a write;
    /// synchronous=FULL makes a committed write of member data survive a power cut.
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Self { pool })
    }
}

super::sql::sql_storage!(SqliteStorage, sqlx::Sqlite, super::Backend::Sqlite, MIGRATOR, "BEGIN IMMEDIATE");
