use super::{
    AddBillFile, AdvocateAccount, AuditEvent, Backend, BillFileInfo, CreateAdvocate, IdempotencyRecord, InsertOutcome, NewAdvocate,
    NewBillFile, QueueFilter, QueuedRequest, RequestRow, SealedBillFile, Storage, StorageError, StorageStatus, StoredNote, StoredRequest,
    StoredSession, StoredStatusChange, all_applied, handler_name, is_unique_violation,
};
use crate::pricing::import::FeeScheduleImport;
use advocate_domain::unit_limits::UnitLimits;
use advocate_domain::{Reference, Timestamp};
use async_trait::async_trait;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Row, migrate::Migrator};
use std::time::Duration;

mod bill_files_sql {
    super::super::bill_files::bill_file_storage!(sqlx::Postgres, "BEGIN");
}

mod console_sql {
    super::super::console::console_storage!(sqlx::Postgres, "BEGIN");
}

mod fee_schedule_sql {
    super::super::fee_schedule::fee_schedule_storage!(sqlx::Postgres);
}

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PostgresStorage {
    pool: PgPool,
}

impl PostgresStorage {
    pub async fn open(url: &str) -> Result<Self, StorageError> {
        let pool = PgPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(5)).connect(url).await?;
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
            Err(_) => StorageStatus { reachable: sqlx::query("SELECT 1").execute(&self.pool).await.is_ok(), migrations_applied: false },
        }
    }

    async fn record_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError> {
        insert_audit(&self.pool, event).await?;
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

    async fn insert_request(
        &self,
        request: &StoredRequest,
        key: &IdempotencyRecord,
        audit: &AuditEvent,
    ) -> Result<InsertOutcome, StorageError> {
        // A failed statement leaves the transaction to roll back when dropped: nothing is written.
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO advocacy_requests (reference, submitted_at, service_id, service_title, area, handler, routing_reason, \
             state, outreach_from, outreach_by, verifier_salt, verifier_hash, request_json) \
             VALUES ($1, to_timestamp($2), $3, $4, $5, $6, $7, $8, to_timestamp($9), to_timestamp($10), $11, $12, $13::jsonb)",
        )
        .bind(request.reference.to_string())
        .bind(request.submitted_at.unix_seconds() as f64)
        .bind(&request.service_id)
        .bind(&request.service_title)
        .bind(&request.area)
        .bind(handler_name(request.handler))
        .bind(&request.routing_reason)
        .bind(request.state.slug())
        .bind(request.outreach.from.unix_seconds() as f64)
        .bind(request.outreach.by.unix_seconds() as f64)
        .bind(&request.verifier_salt)
        .bind(&request.verifier_hash)
        .bind(serde_json::to_string(&request.request).expect("a request serialises"))
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(e) if is_unique_violation(&e) => return Ok(InsertOutcome::ReferenceTaken),
            other => other?,
        };
        // Two servers given the same key at once: the second waits on the key's index entry and
        // fails here once the first commits.
        let keyed =
            sqlx::query("INSERT INTO idempotency_keys (key_hash, body_hash, reference, created_at) VALUES ($1, $2, $3, to_timestamp($4))")
                .bind(&key.key_hash)
                .bind(&key.body_hash)
                .bind(request.reference.to_string())
                .bind(request.submitted_at.unix_seconds() as f64)
                .execute(&mut *tx)
                .await;
        match keyed {
            Err(e) if is_unique_violation(&e) => return Ok(InsertOutcome::KeyAlreadyUsed),
            other => other?,
        };
        insert_audit(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(InsertOutcome::Created)
    }

    async fn request_by_key(&self, key_hash: &str) -> Result<Option<(String, StoredRequest)>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT k.body_hash, {REQUEST_COLUMNS} FROM idempotency_keys k \
             JOIN advocacy_requests r ON r.reference = k.reference WHERE k.key_hash = $1"
        )))
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| Ok((row.try_get("body_hash")?, request_row(&row)?))).transpose()
    }

    async fn request(&self, reference: &Reference) -> Result<Option<StoredRequest>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {REQUEST_COLUMNS} FROM advocacy_requests r WHERE r.reference = $1")))
            .bind(reference.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(request_row).transpose()
    }

    async fn add_bill_file(&self, file: &NewBillFile, audit: &AuditEvent) -> Result<AddBillFile, StorageError> {
        bill_files_sql::add(&self.pool, file, audit).await
    }

    async fn bill_files(&self, reference: &Reference) -> Result<Vec<BillFileInfo>, StorageError> {
        bill_files_sql::list(&self.pool, reference).await
    }

    async fn sealed_bill_file(&self, reference: &Reference, id: i64) -> Result<Option<SealedBillFile>, StorageError> {
        bill_files_sql::sealed(&self.pool, reference, id).await
    }

    async fn delete_bill(&self, reference: &Reference, audit: &AuditEvent) -> Result<u64, StorageError> {
        bill_files_sql::delete(&self.pool, reference, audit).await
    }

    async fn delete_expired_bills(&self, now: Timestamp, request_id: &str) -> Result<Vec<String>, StorageError> {
        bill_files_sql::delete_expired(&self.pool, now, request_id).await
    }

    async fn create_advocate(&self, advocate: &NewAdvocate, audit: &AuditEvent) -> Result<CreateAdvocate, StorageError> {
        console_sql::create_advocate(&self.pool, advocate, audit).await
    }

    async fn advocate_by_email(&self, email: &str) -> Result<Option<AdvocateAccount>, StorageError> {
        console_sql::advocate_by_email(&self.pool, email).await
    }

    async fn advocates(&self) -> Result<Vec<AdvocateAccount>, StorageError> {
        console_sql::advocates(&self.pool).await
    }

    async fn disable_advocate(&self, email: &str, audit: &AuditEvent) -> Result<Option<i64>, StorageError> {
        console_sql::disable_advocate(&self.pool, email, audit).await
    }

    async fn create_session(&self, session: &StoredSession, audit: &AuditEvent) -> Result<(), StorageError> {
        console_sql::create_session(&self.pool, session, audit).await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<(StoredSession, AdvocateAccount)>, StorageError> {
        console_sql::session(&self.pool, token_hash).await
    }

    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StorageError> {
        console_sql::touch_session(&self.pool, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str, audit: Option<&AuditEvent>) -> Result<(), StorageError> {
        console_sql::delete_session(&self.pool, token_hash, audit).await
    }

    async fn delete_expired_sessions(&self, last_seen_before: Timestamp, created_before: Timestamp) -> Result<u64, StorageError> {
        console_sql::delete_expired_sessions(&self.pool, last_seen_before, created_before).await
    }

    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<QueuedRequest>, StorageError> {
        console_sql::queue(&self.pool, filter).await
    }

    async fn queued_request(&self, reference: &Reference) -> Result<Option<QueuedRequest>, StorageError> {
        console_sql::queued_request(&self.pool, reference).await
    }

    async fn assign_request(&self, reference: &Reference, advocate_id: i64, audit: &AuditEvent) -> Result<bool, StorageError> {
        console_sql::assign_request(&self.pool, reference, advocate_id, audit).await
    }

    async fn change_state(&self, reference: &Reference, change: &StoredStatusChange, audit: &AuditEvent) -> Result<bool, StorageError> {
        console_sql::change_state(&self.pool, reference, change, audit).await
    }

    async fn status_changes(&self, reference: &Reference) -> Result<Vec<StoredStatusChange>, StorageError> {
        console_sql::status_changes(&self.pool, reference).await
    }

    async fn add_case_note(
        &self,
        reference: &Reference,
        advocate_id: i64,
        text: &str,
        created_at: Timestamp,
        audit: &AuditEvent,
    ) -> Result<i64, StorageError> {
        console_sql::add_case_note(&self.pool, reference, advocate_id, text, created_at, audit).await
    }

    async fn case_notes(&self, reference: &Reference) -> Result<Vec<StoredNote>, StorageError> {
        console_sql::case_notes(&self.pool, reference).await
    }

    async fn replace_fee_schedule(&self, import: &FeeScheduleImport) -> Result<(), StorageError> {
        fee_schedule_sql::replace(&self.pool, import).await
    }

    async fn fee_schedule(&self) -> Result<Option<FeeScheduleImport>, StorageError> {
        fee_schedule_sql::load(&self.pool).await
    }

    async fn replace_unit_limits(&self, limits: &UnitLimits) -> Result<(), StorageError> {
        fee_schedule_sql::replace_unit_limits(&self.pool, limits).await
    }

    async fn unit_limits(&self) -> Result<Option<UnitLimits>, StorageError> {
        fee_schedule_sql::load_unit_limits(&self.pool).await
    }
}

async fn insert_audit<'e>(executor: impl sqlx::PgExecutor<'e>, event: &AuditEvent) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (occurred_at, actor, action, subject, request_id) \
         VALUES (to_timestamp($1), $2, $3, $4, $5)",
    )
    .bind(event.occurred_at.unix_seconds() as f64)
    .bind(&event.actor)
    .bind(&event.action)
    .bind(&event.subject)
    .bind(&event.request_id)
    .execute(executor)
    .await?;
    Ok(())
}

const REQUEST_COLUMNS: &str = "r.reference, extract(epoch FROM r.submitted_at)::bigint AS submitted_at, r.service_id, \
    r.service_title, r.area, r.handler, r.routing_reason, r.state, extract(epoch FROM r.outreach_from)::bigint AS outreach_from, \
    extract(epoch FROM r.outreach_by)::bigint AS outreach_by, r.verifier_salt, r.verifier_hash, r.request_json::text AS request_json";

fn request_row(row: &sqlx::postgres::PgRow) -> Result<StoredRequest, StorageError> {
    RequestRow {
        reference: row.try_get("reference")?,
        submitted_at: row.try_get("submitted_at")?,
        service_id: row.try_get("service_id")?,
        service_title: row.try_get("service_title")?,
        area: row.try_get("area")?,
        handler: row.try_get("handler")?,
        routing_reason: row.try_get("routing_reason")?,
        state: row.try_get("state")?,
        outreach_from: row.try_get("outreach_from")?,
        outreach_by: row.try_get("outreach_by")?,
        verifier_salt: row.try_get("verifier_salt")?,
        verifier_hash: row.try_get("verifier_hash")?,
        request_json: row.try_get("request_json")?,
    }
    .into_request()
}
