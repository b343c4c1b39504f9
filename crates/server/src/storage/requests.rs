//! Storing members' requests, their idempotency keys and the audit log. The SQL is the same for
//! both databases (QueryBuilder writes each one's placeholders; times are Unix seconds; the
//! answers arrive sealed), so one macro writes both implementations.

macro_rules! request_storage {
    // `$begin` starts a write transaction (see `sql_storage!`).
    ($db:ty, $begin:literal) => {
        use crate::audit::AuditEvent;
        use crate::storage::{
            IdempotencyRecord, InsertOutcome, QueueEntry, Sealed, StorageError, StoredRequest, handler_from_name, handler_name,
            is_unique_violation,
        };
        use advocate_domain::{OutreachWindow, Reference, RequestState, Timestamp};
        use sqlx::{QueryBuilder, Row};

        /// A request's columns, for `request_row`; `r` is the requests table.
        pub(super) const REQUEST_COLUMNS: &str = "r.reference, r.submitted_at, r.service_id, r.service_title, r.area, r.handler, \
            r.routing_reason, r.state, r.outreach_from, r.outreach_by, r.verifier_salt, r.verifier_hash, r.key_id, r.sealed";

        /// What the queue lists of a request (`QueueEntry`), from a row holding those columns
        /// (as `REQUEST_COLUMNS` does), with the advocate it is assigned to.
        pub(super) fn entry_row(
            row: &<$db as sqlx::Database>::Row,
            assigned_to: Option<(i64, String)>,
        ) -> Result<QueueEntry, StorageError> {
            let reference: String = row.try_get("reference")?;
            let corrupt = |what: &str| StorageError::Corrupt(format!("{what} of request {reference}"));
            let time = |column: &str| row.try_get(column).map(Timestamp::from_unix_seconds);
            Ok(QueueEntry {
                reference: Reference::parse(&reference).map_err(|_| corrupt("reference"))?,
                submitted_at: time("submitted_at")?,
                service_id: row.try_get("service_id")?,
                service_title: row.try_get("service_title")?,
                area: row.try_get("area")?,
                handler: handler_from_name(&row.try_get::<String, _>("handler")?).ok_or_else(|| corrupt("handler"))?,
                state: RequestState::from_slug(&row.try_get::<String, _>("state")?).ok_or_else(|| corrupt("state"))?,
                outreach: OutreachWindow { from: time("outreach_from")?, by: time("outreach_by")? },
                assigned_to,
            })
        }

        /// A request from a row holding `REQUEST_COLUMNS`.
        pub(super) fn request_row(row: &<$db as sqlx::Database>::Row) -> Result<StoredRequest, StorageError> {
            let QueueEntry { reference, submitted_at, service_id, service_title, area, handler, state, outreach, .. } =
                entry_row(row, None)?;
            // Only rows written before they were sealed lack them, until the server starts.
            let answers = match (row.try_get::<Option<String>, _>("key_id")?, row.try_get::<Option<Vec<u8>>, _>("sealed")?) {
                (Some(key_id), Some(bytes)) => Sealed { key_id, bytes },
                _ => {
                    return Err(StorageError::Corrupt(format!(
                        "answers (not sealed yet: start the server to seal them) of request {reference}"
                    )));
                }
            };
            Ok(StoredRequest {
                reference,
                submitted_at,
                service_id,
                service_title,
                area,
                handler,
                routing_reason: row.try_get("routing_reason")?,
                state,
                outreach,
                verifier_salt: row.try_get("verifier_salt")?,
                verifier_hash: row.try_get("verifier_hash")?,
                answers,
            })
        }

        pub(super) async fn insert_audit<'e>(
            executor: impl sqlx::Executor<'e, Database = $db>,
            event: &AuditEvent,
        ) -> Result<(), StorageError> {
            let mut insert = QueryBuilder::<$db>::new("INSERT INTO audit_events (occurred_at, actor, action, subject, request_id) ");
            insert.push_values([event], |mut b, e| {
                b.push_bind(e.occurred_at.unix_seconds())
                    .push_bind(e.actor.to_string())
                    .push_bind(e.action.clone())
                    .push_bind(e.subject.clone())
                    .push_bind(e.request_id.clone());
            });
            insert.build().execute(executor).await?;
            Ok(())
        }

        pub(super) async fn audit_trail(pool: &sqlx::Pool<$db>, subject: &str) -> Result<Vec<AuditEvent>, StorageError> {
            let rows =
                QueryBuilder::<$db>::new("SELECT occurred_at, actor, action, subject, request_id FROM audit_events WHERE subject = ")
                    .push_bind(subject.to_string())
                    .push(" ORDER BY id")
                    .build()
                    .fetch_all(pool)
                    .await?;
            rows.iter()
                .map(|row| {
                    let actor: String = row.try_get("actor")?;
                    Ok(AuditEvent {
                        occurred_at: Timestamp::from_unix_seconds(row.try_get("occurred_at")?),
                        actor: actor.parse().map_err(|_| StorageError::Corrupt(format!("audit actor {actor:?}")))?,
                        action: row.try_get("action")?,
                        subject: row.try_get("subject")?,
                        request_id: row.try_get("request_id")?,
                    })
                })
                .collect()
        }

        pub(super) async fn insert_request(
            pool: &sqlx::Pool<$db>,
            request: &StoredRequest,
            key: &IdempotencyRecord,
            audit: &AuditEvent,
        ) -> Result<InsertOutcome, StorageError> {
            // A failed statement leaves the transaction to roll back when dropped: nothing is written.
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let mut insert = QueryBuilder::<$db>::new(
                "INSERT INTO advocacy_requests (reference, submitted_at, service_id, service_title, area, handler, routing_reason, \
                 state, outreach_from, outreach_by, verifier_salt, verifier_hash, key_id, sealed) ",
            );
            insert.push_values([request], |mut b, r| {
                b.push_bind(r.reference.to_string())
                    .push_bind(r.submitted_at.unix_seconds())
                    .push_bind(r.service_id.clone())
                    .push_bind(r.service_title.clone())
                    .push_bind(r.area.clone())
                    .push_bind(handler_name(r.handler))
                    .push_bind(r.routing_reason.clone())
                    .push_bind(r.state.slug())
                    .push_bind(r.outreach.from.unix_seconds())
                    .push_bind(r.outreach.by.unix_seconds())
                    .push_bind(r.verifier_salt.clone())
                    .push_bind(r.verifier_hash.clone())
                    .push_bind(r.answers.key_id.clone())
                    .push_bind(r.answers.bytes.clone());
            });
            match insert.build().execute(&mut *tx).await {
                Err(e) if is_unique_violation(&e) => return Ok(InsertOutcome::ReferenceTaken),
                other => other?,
            };
            // Two servers given the same key at once: the second waits on the key's index entry
            // and fails here once the first commits.
            let mut keyed = QueryBuilder::<$db>::new("INSERT INTO idempotency_keys (key_hash, body_hash, reference, created_at) ");
            keyed.push_values([key], |mut b, k| {
                b.push_bind(k.key_hash.clone())
                    .push_bind(k.body_hash.clone())
                    .push_bind(request.reference.to_string())
                    .push_bind(request.submitted_at.unix_seconds());
            });
            match keyed.build().execute(&mut *tx).await {
                Err(e) if is_unique_violation(&e) => return Ok(InsertOutcome::KeyAlreadyUsed),
                other => other?,
            };
            insert_audit(&mut *tx, audit).await?;
            tx.commit().await?;
            Ok(InsertOutcome::Created)
        }

        pub(super) async fn request_by_key(
            pool: &sqlx::Pool<$db>,
            key_hash: &str,
        ) -> Result<Option<(String, StoredRequest)>, StorageError> {
            let row = QueryBuilder::<$db>::new(format!(
                "SELECT k.body_hash, {REQUEST_COLUMNS} FROM idempotency_keys k \
                 JOIN advocacy_requests r ON r.reference = k.reference WHERE k.key_hash = "
            ))
            .push_bind(key_hash.to_string())
            .build()
            .fetch_optional(pool)
            .await?;
            row.map(|row| Ok((row.try_get("body_hash")?, request_row(&row)?))).transpose()
        }

        pub(super) async fn request(pool: &sqlx::Pool<$db>, reference: &Reference) -> Result<Option<StoredRequest>, StorageError> {
            let row = QueryBuilder::<$db>::new(format!("SELECT {REQUEST_COLUMNS} FROM advocacy_requests r WHERE r.reference = "))
                .push_bind(reference.to_string())
                .build()
                .fetch_optional(pool)
                .await?;
            row.as_ref().map(request_row).transpose()
        }
    };
}

pub(super) use request_storage;
