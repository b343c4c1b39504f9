use super::{AuditEvent, Backend, Storage, StorageError, StorageStatus, all_applied};
use advocate_domain::Timestamp;
use async_trait::async_trait;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Row, migrate::Migrator};
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PostgresStorage {
    pool: PgPool,
}

impl PostgresStorage {
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        Ok(Self { pool })
    }
}

#[async_trait]
impl Storage for PostgresStorage {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        // Several servers may start at once; sqlx takes an advisory lock around the migration.
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
        sqlx::query(
            "INSERT INTO audit_events (occurred_at, actor, action, subject, request_id) \
             VALUES (to_timestamp($1), $2, $3, $4, $5)",
        )
        .bind(event.occurred_at.unix_seconds() as f64)
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
            "SELECT extract(epoch FROM occurred_at)::bigint AS occurred_at, actor, action, subject, request_id \
             FROM audit_events WHERE subject = $1 ORDER BY id",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(AuditEvent {
                    occurred_at: Timestamp::from_unix_seconds(row.try_get("occurred_at")?),
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    subject: row.try_get("subject")?,
                    request_id: row.try_get("request_id")?,
                })
            })
            .collect()
    }
}
