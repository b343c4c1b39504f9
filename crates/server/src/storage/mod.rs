//! Where the server keeps what must survive a restart. One trait, two implementations:
//! SQLite for a single server (the default), PostgreSQL for several behind a load balancer.
//! Each has its own migrations; the same tests run against both.

mod postgres;
mod sqlite;

use advocate_domain::Timestamp;
use async_trait::async_trait;
use std::sync::Arc;

pub use postgres::PostgresStorage;
pub use sqlite::SqliteStorage;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported DATABASE_URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// What `/readyz` reports about the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageStatus {
    pub reachable: bool,
    pub migrations_applied: bool,
}

/// One entry of the audit log: who saw or changed what, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub occurred_at: Timestamp,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub request_id: String,
}

#[async_trait]
pub trait Storage: Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Applies the migrations this server bundles that the database lacks.
    async fn migrate(&self) -> Result<(), StorageError>;

    async fn status(&self) -> StorageStatus;

    /// Appends an event to the audit log. Events are never changed or removed.
    async fn record_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError>;

    /// The audit trail of one subject, oldest first.
    async fn audit_trail(&self, subject: &str) -> Result<Vec<AuditEvent>, StorageError>;
}

/// Opens (and for SQLite, creates) the database a URL names and brings its schema up to date.
pub async fn connect(database_url: &str) -> Result<Arc<dyn Storage>, StorageError> {
    let storage: Arc<dyn Storage> = if database_url.starts_with("sqlite:") {
        Arc::new(SqliteStorage::open(database_url).await?)
    } else if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        Arc::new(PostgresStorage::open(database_url).await?)
    } else {
        return Err(StorageError::UnsupportedUrl(redact_password(database_url)));
    };
    storage.migrate().await?;
    Ok(storage)
}

/// A database URL fit for a log line or an error message.
pub fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _password)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Whether every migration a migrator bundles is recorded as applied.
fn all_applied(migrator: &sqlx::migrate::Migrator, applied: &[i64]) -> bool {
    migrator.iter().filter(|m| m.migration_type.is_up_migration()).all(|m| applied.contains(&m.version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact_password("postgres://app:s3cret@db:5432/advocate"), "postgres://app:***@db:5432/advocate");
        assert_eq!(redact_password("sqlite://advocate.db"), "sqlite://advocate.db");
        assert_eq!(redact_password("postgres://app@db/advocate"), "postgres://app@db/advocate");
    }
}
