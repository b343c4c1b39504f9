//! Where the server keeps what must survive a restart. One trait, implemented once (`sql.rs`) for
//! two databases: SQLite for a single server (the default), PostgreSQL for several behind a load
//! balancer. Each has its own migrations, to one schema; the same tests run against both.

mod bill_files;
mod console;
mod fee_schedule;
mod postgres;
mod requests;
mod sealed;
mod sign_in_failures;
mod sql;
mod sqlite;
mod sweeps;

use crate::audit::AuditEvent;
use crate::config::Config;
use crate::pricing::import::FeeScheduleImport;
use advocate_domain::console::AdvocateRole;
use advocate_domain::session_clock::EndedSessions;
use advocate_domain::unit_limits::UnitLimits;
use advocate_domain::{Handler, OutreachWindow, Reference, RequestState, Timestamp};
use anyhow::Context;
use async_trait::async_trait;
use std::sync::Arc;

pub use postgres::PostgresStorage;
pub use sqlite::SqliteStorage;

/// SQLite lets one writer in at a time; writers that find its lock taken sleep in SQLite's busy
/// handler, in steps of up to 100 ms. Under load that made the slowest 1 % of request
/// submissions wait 300–600 ms while the median was 2 ms (`cargo xtask load`). So the server
/// lets one write at a time reach SQLite and queues the others here, in order, without
/// sleeping: the slowest 1 % then wait about 13 ms at 800 submissions a second. PostgreSQL locks
/// rows, not the database: nothing to queue. One lane for the process (a test process runs
/// several SQLite databases at once; they share it, which only orders their writes).
pub(crate) async fn write_lane<DB: sqlx::Database>() -> Option<tokio::sync::MutexGuard<'static, ()>> {
    static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    if DB::NAME == "SQLite" { Some(SQLITE_WRITER.lock().await) } else { None }
}
/// Backing up and restoring the SQLite database (`advocate-server backup`, `restore`).
pub mod sqlite_backup {
    pub use super::sqlite::{backup, check_backup, replace_with};
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    #[error("unsupported DATABASE_URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot restrict access to the database file {0}: {1}")]
    Private(String, std::io::Error),
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

/// A member's request as stored, with what the server decided about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub reference: Reference,
    pub submitted_at: Timestamp,
    pub service_id: String,
    pub service_title: String,
    pub area: String,
    pub handler: Handler,
    pub routing_reason: String,
    pub state: RequestState,
    pub outreach: OutreachWindow,
    pub verifier_salt: String,
    pub verifier_hash: String,
    /// The member's answers and contact details as sent (`NewRequest`), sealed
    /// (`crate::sealed_records`).
    pub answers: Sealed,
}

/// A value sealed with the server's key (`crate::sealing`), with the id of the key.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    pub key_id: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealed").field("key_id", &self.key_id).field("bytes", &self.bytes.len()).finish()
    }
}

/// Where a sealed value is kept, with what it was bound to when sealed
/// (`crate::sealed_records::context`): moved to another place, it does not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealedPlace {
    /// A request's answers and contact details.
    RequestAnswers {
        reference: Reference,
    },
    CaseNote {
        id: i64,
        reference: Reference,
        advocate_id: i64,
        created_at: Timestamp,
    },
    /// The note of a change of a request's state.
    StatusNote {
        id: i64,
        reference: Reference,
        advocate_id: i64,
        changed_at: Timestamp,
    },
    /// A file of an attached bill; its content tag is keyed, so a new key gives it a new one.
    BillFile {
        id: i64,
        reference: Reference,
        kind: BillFileKind,
        media_type: String,
        content_tag: String,
    },
}

/// Member data written in clear before it was sealed (migration 0010), waiting for the server
/// to seal it into its place.
pub struct UnsealedText {
    pub id: i64,
    pub place: SealedPlace,
    pub clear: String,
}

/// The idempotency key a request was created under, both as hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyRecord {
    pub key_hash: String,
    pub body_hash: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Created,
    /// Another request already holds this idempotency key; nothing was written.
    KeyAlreadyUsed,
    /// The reference is taken (a random collision); nothing was written.
    ReferenceTaken,
}

/// What a stored bill file holds: the charges with their review, or a photo or PDF of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillFileKind {
    Review,
    Page,
}

impl BillFileKind {
    pub fn name(self) -> &'static str {
        match self {
            BillFileKind::Review => "review",
            BillFileKind::Page => "page",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "review" => Some(BillFileKind::Review),
            "page" => Some(BillFileKind::Page),
            _ => None,
        }
    }
}

/// A bill file to store, already sealed.
#[derive(Debug, Clone)]
pub struct NewBillFile {
    pub reference: Reference,
    pub kind: BillFileKind,
    pub media_type: String,
    pub content_tag: String,
    pub byte_count: u64,
    pub key_id: String,
    pub sealed: Vec<u8>,
    pub created_at: Timestamp,
    /// Used when the request has no bill yet; otherwise the bill's first file sets it.
    pub delete_after: Timestamp,
    /// The most the request's bill may hold with this file, every file's `byte_count` together
    /// (a review replacing the earlier one does not count that one).
    pub max_total_bytes: u64,
}

/// A stored bill file, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillFileInfo {
    pub id: i64,
    pub kind: BillFileKind,
    pub media_type: String,
    pub content_tag: String,
    pub byte_count: u64,
    pub created_at: Timestamp,
    pub delete_after: Timestamp,
}

pub struct SealedBillFile {
    pub info: BillFileInfo,
    pub key_id: String,
    pub sealed: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddBillFile {
    Added(i64),
    /// The same content is already attached to this request (a retried upload); nothing written.
    AlreadyThere(i64),
    /// The request already holds the most pages a bill may have; nothing written.
    Full,
    /// With this file the bill would hold more than `max_total_bytes`; nothing written.
    TooMuch,
}

/// An advocate's account as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct AdvocateAccount {
    pub id: i64,
    /// Trimmed and lower-cased.
    pub email: String,
    pub name: String,
    pub role: AdvocateRole,
    /// argon2id, as a PHC string.
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: Timestamp,
}

impl std::fmt::Debug for AdvocateAccount {
    /// Neither the address nor the hash ever reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdvocateAccount").field("id", &self.id).field("role", &self.role).field("disabled", &self.disabled).finish()
    }
}

/// A new advocate account, its password already hashed.
#[derive(Clone)]
pub struct NewAdvocate {
    pub email: String,
    pub name: String,
    pub role: AdvocateRole,
    pub password_hash: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateAdvocate {
    Created(i64),
    /// An account with this email already exists; nothing was written.
    EmailTaken,
}

/// A signed-in advocate's session: only the hash of its token is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub token_hash: String,
    pub advocate_id: i64,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

/// Which requests the queue shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFilter {
    pub states: Vec<RequestState>,
    pub area: Option<String>,
    pub assigned_to: Option<i64>,
    /// At most this many, soonest promised outreach first.
    pub limit: usize,
}

/// A request as the queue lists it: what a case summary shows (`CaseSummary`) and nothing of
/// the member's. The queue is polled every few seconds by every advocate, so it reads neither
/// the sealed answers nor the verifier: the least it needs, and a tenth of the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub reference: Reference,
    pub submitted_at: Timestamp,
    pub service_id: String,
    pub service_title: String,
    pub area: String,
    pub handler: Handler,
    pub state: RequestState,
    pub outreach: OutreachWindow,
    /// The advocate it is assigned to (id and name).
    pub assigned_to: Option<(i64, String)>,
}

/// A request with the advocate it is assigned to (id and name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedRequest {
    pub request: StoredRequest,
    pub assigned_to: Option<(i64, String)>,
}

impl QueuedRequest {
    /// What the queue lists of this request.
    pub fn entry(&self) -> QueueEntry {
        let request = &self.request;
        QueueEntry {
            reference: request.reference.clone(),
            submitted_at: request.submitted_at,
            service_id: request.service_id.clone(),
            service_title: request.service_title.clone(),
            area: request.area.clone(),
            handler: request.handler,
            state: request.state,
            outreach: request.outreach,
            assigned_to: self.assigned_to.clone(),
        }
    }
}

/// A note on a case with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNote {
    pub id: i64,
    pub advocate_id: i64,
    pub advocate_name: String,
    /// The note's text, sealed.
    pub text: Sealed,
    pub created_at: Timestamp,
}

/// A change of a request's state, with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStatusChange {
    pub from: RequestState,
    pub to: RequestState,
    pub advocate_id: i64,
    pub advocate_name: String,
    /// Why, sealed; None when the change has no note.
    pub note: Option<Sealed>,
    /// How the request was handed off to the carrier, on the change that did it.
    pub handoff: Option<advocate_domain::handoff::HandoffMethod>,
    pub changed_at: Timestamp,
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

    /// Stores a request, its idempotency key and its audit event in one transaction: all of
    /// them, durably, or none.
    async fn insert_request(
        &self,
        request: &StoredRequest,
        key: &IdempotencyRecord,
        audit: &AuditEvent,
    ) -> Result<InsertOutcome, StorageError>;

    /// The request created under an idempotency key, with the hash of the body it was sent with.
    async fn request_by_key(&self, key_hash: &str) -> Result<Option<(String, StoredRequest)>, StorageError>;

    async fn request(&self, reference: &Reference) -> Result<Option<StoredRequest>, StorageError>;

    /// Attaches a sealed bill file to a request with its audit event, in one transaction. A
    /// review replaces the request's earlier one.
    async fn add_bill_file(&self, file: &NewBillFile, audit: &AuditEvent) -> Result<AddBillFile, StorageError>;

    /// The files of a request's bill, oldest first, without their contents.
    async fn bill_files(&self, reference: &Reference) -> Result<Vec<BillFileInfo>, StorageError>;

    async fn sealed_bill_file(&self, reference: &Reference, id: i64) -> Result<Option<SealedBillFile>, StorageError>;

    /// Deletes a request's bill, every file of it, writing the audit event in the same
    /// transaction. Returns how many files there were.
    async fn delete_bill(&self, reference: &Reference, audit: &AuditEvent) -> Result<u64, StorageError>;

    /// Deletes every bill file whose retention has passed by `now`, writing `audit` about each
    /// request whose bill it was, in one transaction. Returns their references.
    async fn delete_expired_bills(&self, now: Timestamp, audit: &AuditEvent) -> Result<Vec<String>, StorageError>;

    /// Creates an advocate account with its audit event, in one transaction.
    async fn create_advocate(&self, advocate: &NewAdvocate, audit: &AuditEvent) -> Result<CreateAdvocate, StorageError>;

    /// The account with this (normalised) email.
    async fn advocate_by_email(&self, email: &str) -> Result<Option<AdvocateAccount>, StorageError>;

    /// Every account, by id: a small table.
    async fn advocates(&self) -> Result<Vec<AdvocateAccount>, StorageError>;

    /// Disables the account with this (normalised) email and ends every session of it, with the
    /// audit event, in one transaction. Returns the account's id, None when there is none.
    async fn disable_advocate(&self, email: &str, audit: &AuditEvent) -> Result<Option<i64>, StorageError>;

    /// Stores a new session with its audit event.
    async fn create_session(&self, session: &StoredSession, audit: &AuditEvent) -> Result<(), StorageError>;

    /// The session with this token hash and its account.
    async fn session(&self, token_hash: &str) -> Result<Option<(StoredSession, AdvocateAccount)>, StorageError>;

    /// Records that a session was used at `now`.
    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StorageError>;

    /// Ends a session, with an audit event when given one (signing out), in one transaction.
    async fn delete_session(&self, token_hash: &str, audit: Option<&AuditEvent>) -> Result<(), StorageError>;

    /// Deletes the sessions that have ended (see `SessionClock::ended_by`). Returns how many.
    async fn delete_ended_sessions(&self, ended: &EndedSessions) -> Result<u64, StorageError>;

    /// The requests a filter selects, soonest promised outreach first, at most `filter.limit`.
    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<QueueEntry>, StorageError>;

    /// One request with the advocate it is assigned to.
    async fn queued_request(&self, reference: &Reference) -> Result<Option<QueuedRequest>, StorageError>;

    /// Assigns a request to an advocate, with the audit event, in one transaction. False when
    /// there is no such request.
    async fn assign_request(&self, reference: &Reference, advocate_id: i64, audit: &AuditEvent) -> Result<bool, StorageError>;

    /// Moves a request from `change.from` to `change.to`, recording the change and its audit
    /// event in one transaction. False, with nothing written, when the request is no longer in
    /// `change.from` (someone else changed it meanwhile).
    async fn change_state(&self, reference: &Reference, change: &StoredStatusChange, audit: &AuditEvent) -> Result<bool, StorageError>;

    /// A request's state changes, oldest first.
    async fn status_changes(&self, reference: &Reference) -> Result<Vec<StoredStatusChange>, StorageError>;

    /// Appends a note to a case with its audit event, in one transaction; returns its id.
    async fn add_case_note(
        &self,
        reference: &Reference,
        advocate_id: i64,
        text: &Sealed,
        created_at: Timestamp,
        audit: &AuditEvent,
    ) -> Result<i64, StorageError>;

    /// A case's notes, oldest first.
    async fn case_notes(&self, reference: &Reference) -> Result<Vec<StoredNote>, StorageError>;

    /// Member data still in clear from before it was sealed (migration 0010), at most `limit`.
    async fn unsealed_texts(&self, limit: usize) -> Result<Vec<UnsealedText>, StorageError>;

    /// Stores the sealed form of an unsealed text in its place and deletes the clear text, in
    /// one transaction. A place sealed meanwhile (by another server) is left as it is.
    async fn seal_text(&self, text_id: i64, place: &SealedPlace, sealed: &Sealed) -> Result<(), StorageError>;

    /// How many sealed values each key has sealed, over every table that holds them.
    async fn sealed_counts(&self) -> Result<Vec<(String, u64)>, StorageError>;

    /// Places holding a value sealed with another key than `key_id`, with that key's id; at
    /// most `limit`. Without the values: a bill's page may be large.
    async fn sealed_with_other_keys(&self, key_id: &str, limit: usize) -> Result<Vec<(SealedPlace, String)>, StorageError>;

    /// The sealed value a place holds.
    async fn sealed_value(&self, place: &SealedPlace) -> Result<Option<Sealed>, StorageError>;

    /// Replaces the value a place holds with the same content sealed again (with a new key, and
    /// for a bill file the new key's content tag, as `place` says), if it is still sealed with
    /// `previous_key_id`. False, with nothing written, when it is not.
    async fn reseal(&self, place: &SealedPlace, previous_key_id: &str, sealed: &Sealed) -> Result<bool, StorageError>;

    /// Leaves no trace of deleted or replaced contents in the database's files where the
    /// database allows it: on SQLite (whose connections overwrite what they delete), empties
    /// the write-ahead log.
    async fn erase_freed_space(&self) -> Result<(), StorageError>;

    /// Replaces the imported fee schedule with a new one, in one transaction: the new one whole,
    /// or the previous one untouched.
    async fn replace_fee_schedule(&self, import: &FeeScheduleImport) -> Result<(), StorageError>;

    /// The imported fee schedule, if an operator has imported one.
    async fn fee_schedule(&self) -> Result<Option<FeeScheduleImport>, StorageError>;

    /// Replaces the imported daily unit limits in one transaction.
    async fn replace_unit_limits(&self, limits: &UnitLimits) -> Result<(), StorageError>;

    /// The imported daily unit limits, if an operator has imported them.
    async fn unit_limits(&self) -> Result<Option<UnitLimits>, StorageError>;

    /// The failed sign-ins counted against any of these keys after `since`: each key with a time.
    async fn sign_in_failures(&self, key_hashes: &[String], since: Timestamp) -> Result<Vec<(String, Timestamp)>, StorageError>;

    /// Records a failed sign-in against each key, and forgets every failure before `forget_before`.
    async fn record_sign_in_failure(&self, key_hashes: &[String], at: Timestamp, forget_before: Timestamp) -> Result<(), StorageError>;

    /// Forgets the failures counted against these keys (a sign-in that succeeded).
    async fn clear_sign_in_failures(&self, key_hashes: &[String]) -> Result<(), StorageError>;

    /// Claims this period's run of the regular job `name`: true for the one server (of all on
    /// this database) whose claim comes first once `every` has passed since the last run.
    async fn claim_sweep(&self, name: &str, now: Timestamp, every: std::time::Duration) -> Result<bool, StorageError>;
}

fn handler_name(handler: Handler) -> &'static str {
    match handler {
        Handler::Advocate => "advocate",
        Handler::Carrier => "carrier",
    }
}

pub(crate) fn handler_from_name(name: &str) -> Option<Handler> {
    [Handler::Advocate, Handler::Carrier].into_iter().find(|h| handler_name(*h) == name)
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Opens the configured database (creating the default SQLite file's folder owner-only) and
/// brings its schema up to date.
pub async fn open(config: &Config) -> anyhow::Result<Arc<dyn Storage>> {
    let database_url = config.database_url();
    if config.database_url.is_none() {
        crate::private_dir::create(&config.data_dir)?;
    }
    connect(&database_url).await.with_context(|| format!("cannot open the database {}", redact_password(&database_url)))
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
                Some((user, _password)) => {
                    format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..])
                }
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
