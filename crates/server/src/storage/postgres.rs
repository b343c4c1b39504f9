//! PostgreSQL, for several servers behind a load balancer.

use super::StorageError;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PostgresStorage {
    pool: PgPool,
}

impl PostgresStorage {
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        let pool = PgPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(5)).connect(url).await?;
        Ok(Self { pool })
    }

    /// Nothing the server can do: PostgreSQL keeps old row versions until VACUUM reclaims them,
    /// and its write-ahead log until it is recycled (the README says what to run after an
    /// upgrade that sealed rows written in clear).
    async fn erase_freed_space_now(&self) -> Result<(), StorageError> {
        Ok(())
    }
}

super::sql::sql_storage!(PostgresStorage, sqlx::Postgres, super::Backend::Postgres, MIGRATOR, "BEGIN");
