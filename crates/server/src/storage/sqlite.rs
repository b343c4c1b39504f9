use super::{AuditEvent, Backend, Storage, StorageError, StorageStatus, all_applied};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, migrate::Migrator};
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

#[async_trait]
impl Storage for SqliteStorage {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn status(&self) -> StorageStatus {
        let applied: Result<Vec<i64>, _> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success").fetch_all(&self.pool).await;
        match applied {
            Ok(applied) => StorageStatus { reachable: true, migrations_applied: all_applied(&MIGRATOR, &applied) },
            Err(_) => StorageStatus {
                reachable: sqlx::query("SELECT 1").execute(&self.pool).await.is_ok(),
                migrations_applied: false,
            },
        }
    }

    async fn record_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError> {
        sqlx::query("INSERT INTO audit_events (occurred_at, actor, action, subject, request_id) VALUES (?, ?, ?, ?, ?)")
            .bind(event.occurred_at.to_string())
            .bind(&event.actor)
            .bind(&event.action)
            .bind(&event.subject)
            .bind(&event.request_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn audit_trail(&self, subject: &str) -> Result<Vec<AuditEvent>, StorageError> {
        let rows = sqlx::query(
            "SELECT occurred_at, actor, action, subject, request_id FROM audit_events WHERE subject = ? ORDER BY id",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let occurred_at: String = row.try_get("occurred_at")?;
                Ok(AuditEvent {
                    occurred_at: occurred_at.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    subject: row.try_get("subject")?,
                    request_id: row.try_get("request_id")?,
                })
            })
            .collect()
    }
}
