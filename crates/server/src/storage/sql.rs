//! The one implementation of `Storage`, written once for both databases. Every statement is in
//! the SQL both understand (QueryBuilder writes each one's placeholders, times are Unix seconds),
//! so a backend's file holds only what truly differs: how it connects, its migrations, and how
//! a write transaction begins.

/// Implements `Storage` for `$storage`, a struct with a `pool: sqlx::Pool<$db>`, using the
/// migrator `$migrator`. `$begin` starts a write transaction: SQLite's must take the write lock
/// at once (`BEGIN IMMEDIATE`), or two transactions that read then write would deadlock and one
/// would fail; PostgreSQL's row locks need no such thing.
macro_rules! sql_storage {
    ($storage:ty, $db:ty, $backend:expr, $migrator:path, $begin:literal) => {
        mod requests_sql {
            crate::storage::requests::request_storage!($db, $begin);
        }

        mod bill_files_sql {
            crate::storage::bill_files::bill_file_storage!($db, $begin);
        }

        mod console_sql {
            crate::storage::console::console_storage!($db, $begin);
        }

        mod fee_schedule_sql {
            crate::storage::fee_schedule::fee_schedule_storage!($db, $begin);
        }

        mod sealed_sql {
            crate::storage::sealed::sealed_storage!($db, $begin);
        }

        mod sign_in_failures_sql {
            crate::storage::sign_in_failures::sign_in_failure_storage!($db, $begin);
        }

        mod sweeps_sql {
            crate::storage::sweeps::sweep_storage!($db);
        }

        // Within a block, so that the names it uses need no paths and stay out of the backend's file.
        const _: () = {
            use crate::audit::AuditEvent;
            use crate::pricing::import::FeeScheduleImport;
            use crate::storage::{
                AddBillFile, AdvocateAccount, Backend, BillFileInfo, CreateAdvocate, IdempotencyRecord, InsertOutcome, NewAdvocate,
                NewBillFile, QueueEntry, QueueFilter, QueuedRequest, Sealed, SealedBillFile, SealedPlace, Storage, StorageError,
                StorageStatus, StoredNote, StoredRequest, StoredSession, StoredStatusChange, UnsealedText, all_applied,
            };
            use advocate_domain::session_clock::EndedSessions;
            use advocate_domain::unit_limits::UnitLimits;
            use advocate_domain::{Reference, Timestamp};
            use async_trait::async_trait;

            #[async_trait]
            impl Storage for $storage {
                fn backend(&self) -> Backend {
                    $backend
                }

                async fn migrate(&self) -> Result<(), StorageError> {
                    // On PostgreSQL several servers may start at once: sqlx takes an advisory lock.
                    $migrator.run(&self.pool).await?;
                    Ok(())
                }

                async fn status(&self) -> StorageStatus {
                    let applied: Result<Vec<i64>, _> =
                        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success").fetch_all(&self.pool).await;
                    match applied {
                        Ok(applied) => StorageStatus { reachable: true, migrations_applied: all_applied(&$migrator, &applied) },
                        Err(_) => StorageStatus {
                            reachable: sqlx::query("SELECT 1").execute(&self.pool).await.is_ok(),
                            migrations_applied: false,
                        },
                    }
                }

                async fn record_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError> {
                    // A write like any other: in SQLite's lane, not left to its busy handler
                    // (whose sleeps grow to 100 ms: a status view waited up to 1.8 s under load).
                    let _lane = crate::storage::write_lane::<$db>().await;
                    requests_sql::insert_audit(&self.pool, event).await
                }

                async fn audit_trail(&self, subject: &str) -> Result<Vec<AuditEvent>, StorageError> {
                    requests_sql::audit_trail(&self.pool, subject).await
                }

                async fn insert_request(
                    &self,
                    request: &StoredRequest,
                    key: &IdempotencyRecord,
                    audit: &AuditEvent,
                ) -> Result<InsertOutcome, StorageError> {
                    requests_sql::insert_request(&self.pool, request, key, audit).await
                }

                async fn request_by_key(&self, key_hash: &str) -> Result<Option<(String, StoredRequest)>, StorageError> {
                    requests_sql::request_by_key(&self.pool, key_hash).await
                }

                async fn request(&self, reference: &Reference) -> Result<Option<StoredRequest>, StorageError> {
                    requests_sql::request(&self.pool, reference).await
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

                async fn delete_expired_bills(&self, now: Timestamp, audit: &AuditEvent) -> Result<Vec<String>, StorageError> {
                    bill_files_sql::delete_expired(&self.pool, now, audit).await
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

                async fn delete_ended_sessions(&self, ended: &EndedSessions) -> Result<u64, StorageError> {
                    console_sql::delete_ended_sessions(&self.pool, ended).await
                }

                async fn queue(&self, filter: &QueueFilter) -> Result<Vec<QueueEntry>, StorageError> {
                    console_sql::queue(&self.pool, filter).await
                }

                async fn queued_request(&self, reference: &Reference) -> Result<Option<QueuedRequest>, StorageError> {
                    console_sql::queued_request(&self.pool, reference).await
                }

                async fn assign_request(&self, reference: &Reference, advocate_id: i64, audit: &AuditEvent) -> Result<bool, StorageError> {
                    console_sql::assign_request(&self.pool, reference, advocate_id, audit).await
                }

                async fn change_state(
                    &self,
                    reference: &Reference,
                    change: &StoredStatusChange,
                    audit: &AuditEvent,
                ) -> Result<bool, StorageError> {
                    console_sql::change_state(&self.pool, reference, change, audit).await
                }

                async fn status_changes(&self, reference: &Reference) -> Result<Vec<StoredStatusChange>, StorageError> {
                    console_sql::status_changes(&self.pool, reference).await
                }

                async fn add_case_note(
                    &self,
                    reference: &Reference,
                    advocate_id: i64,
                    text: &Sealed,
                    created_at: Timestamp,
                    audit: &AuditEvent,
                ) -> Result<i64, StorageError> {
                    console_sql::add_case_note(&self.pool, reference, advocate_id, text, created_at, audit).await
                }

                async fn case_notes(&self, reference: &Reference) -> Result<Vec<StoredNote>, StorageError> {
                    console_sql::case_notes(&self.pool, reference).await
                }

                async fn unsealed_texts(&self, limit: usize) -> Result<Vec<UnsealedText>, StorageError> {
                    sealed_sql::unsealed_texts(&self.pool, limit).await
                }

                async fn seal_text(&self, text_id: i64, place: &SealedPlace, sealed: &Sealed) -> Result<(), StorageError> {
                    sealed_sql::seal_text(&self.pool, text_id, place, sealed).await
                }

                async fn sealed_counts(&self) -> Result<Vec<(String, u64)>, StorageError> {
                    sealed_sql::sealed_counts(&self.pool).await
                }

                async fn sealed_with_other_keys(&self, key_id: &str, limit: usize) -> Result<Vec<(SealedPlace, String)>, StorageError> {
                    sealed_sql::sealed_with_other_keys(&self.pool, key_id, limit).await
                }

                async fn sealed_value(&self, place: &SealedPlace) -> Result<Option<Sealed>, StorageError> {
                    sealed_sql::sealed_value(&self.pool, place).await
                }

                async fn reseal(&self, place: &SealedPlace, previous_key_id: &str, sealed: &Sealed) -> Result<bool, StorageError> {
                    sealed_sql::reseal(&self.pool, place, previous_key_id, sealed).await
                }

                async fn erase_freed_space(&self) -> Result<(), StorageError> {
                    self.erase_freed_space_now().await
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

                async fn sign_in_failures(
                    &self,
                    key_hashes: &[String],
                    since: Timestamp,
                ) -> Result<Vec<(String, Timestamp)>, StorageError> {
                    sign_in_failures_sql::since(&self.pool, key_hashes, since).await
                }

                async fn record_sign_in_failure(
                    &self,
                    key_hashes: &[String],
                    at: Timestamp,
                    forget_before: Timestamp,
                ) -> Result<(), StorageError> {
                    sign_in_failures_sql::record(&self.pool, key_hashes, at, forget_before).await
                }

                async fn clear_sign_in_failures(&self, key_hashes: &[String]) -> Result<(), StorageError> {
                    sign_in_failures_sql::clear(&self.pool, key_hashes).await
                }

                async fn claim_sweep(&self, name: &str, now: Timestamp, every: std::time::Duration) -> Result<bool, StorageError> {
                    sweeps_sql::claim(&self.pool, name, now, i64::try_from(every.as_secs()).unwrap_or(i64::MAX)).await
                }
            }
        };
    };
}

pub(super) use sql_storage;
