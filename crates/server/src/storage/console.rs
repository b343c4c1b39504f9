//! Storing the advocate console: accounts, sessions, assignments, notes and state changes. The
//! SQL is the same for both databases (QueryBuilder writes each one's placeholders; times are
//! Unix seconds), so one macro writes both implementations; each change and its audit event are
//! one transaction. A request's own columns are read as `requests` reads them.

macro_rules! console_storage {
    // `$begin` starts a write transaction (see `sql_storage!`).
    ($db:ty, $begin:literal) => {
        use crate::audit::{Actor, AuditEvent};
        use crate::storage::{
            AdvocateAccount, CreateAdvocate, NewAdvocate, QueueEntry, QueueFilter, QueuedRequest, Sealed, StorageError, StoredNote,
            StoredSession, StoredStatusChange,
        };
        use advocate_domain::console::AdvocateRole;
        use advocate_domain::session_clock::EndedSessions;
        use advocate_domain::{Reference, RequestState, Timestamp};
        use sqlx::{QueryBuilder, Row};

        const ADVOCATE_COLUMNS: &str = "a.id, a.email, a.display_name, a.role, a.password_hash, a.disabled, a.created_at";

        fn advocate(row: &<$db as sqlx::Database>::Row) -> Result<AdvocateAccount, StorageError> {
            let role: String = row.try_get("role")?;
            Ok(AdvocateAccount {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                name: row.try_get("display_name")?,
                role: AdvocateRole::from_slug(&role).ok_or_else(|| StorageError::Corrupt(format!("advocate role {role:?}")))?,
                password_hash: row.try_get("password_hash")?,
                disabled: row.try_get("disabled")?,
                created_at: Timestamp::from_unix_seconds(row.try_get("created_at")?),
            })
        }

        fn state(text: &str) -> Result<RequestState, StorageError> {
            RequestState::from_slug(text).ok_or_else(|| StorageError::Corrupt(format!("request state {text:?}")))
        }

        /// A row's sealed value (`key_id`, `sealed`), if it has one. Every table that holds a
        /// sealed value names its columns so (see `storage/sealed.rs`, which reads them here too).
        pub(super) fn sealed(row: &<$db as sqlx::Database>::Row) -> Result<Option<Sealed>, StorageError> {
            Ok(match (row.try_get::<Option<String>, _>("key_id")?, row.try_get::<Option<Vec<u8>>, _>("sealed")?) {
                (Some(key_id), Some(bytes)) => Some(Sealed { key_id, bytes }),
                _ => None,
            })
        }

        pub(super) async fn create_advocate(
            pool: &sqlx::Pool<$db>,
            new: &NewAdvocate,
            audit: &AuditEvent,
        ) -> Result<CreateAdvocate, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let mut insert =
                QueryBuilder::<$db>::new("INSERT INTO advocates (email, display_name, role, password_hash, disabled, created_at) ");
            insert.push_values([new], |mut b, n| {
                b.push_bind(n.email.clone())
                    .push_bind(n.name.clone())
                    .push_bind(n.role.slug())
                    .push_bind(n.password_hash.clone())
                    .push_bind(false)
                    .push_bind(n.created_at.unix_seconds());
            });
            insert.push(" RETURNING id");
            let id: i64 = match insert.build().fetch_one(&mut *tx).await {
                Ok(row) => row.try_get("id")?,
                Err(e) if crate::storage::is_unique_violation(&e) => return Ok(CreateAdvocate::EmailTaken),
                Err(e) => return Err(e.into()),
            };
            super::requests_sql::insert_audit(&mut *tx, &audit.clone().about(Actor::Advocate(id))).await?;
            tx.commit().await?;
            Ok(CreateAdvocate::Created(id))
        }

        pub(super) async fn advocate_by_email(pool: &sqlx::Pool<$db>, email: &str) -> Result<Option<AdvocateAccount>, StorageError> {
            let row = QueryBuilder::<$db>::new(format!("SELECT {ADVOCATE_COLUMNS} FROM advocates a WHERE a.email = "))
                .push_bind(email.to_string())
                .build()
                .fetch_optional(pool)
                .await?;
            row.as_ref().map(advocate).transpose()
        }

        pub(super) async fn advocates(pool: &sqlx::Pool<$db>) -> Result<Vec<AdvocateAccount>, StorageError> {
            let rows = QueryBuilder::<$db>::new(format!("SELECT {ADVOCATE_COLUMNS} FROM advocates a ORDER BY a.id"))
                .build()
                .fetch_all(pool)
                .await?;
            rows.iter().map(advocate).collect()
        }

        pub(super) async fn disable_advocate(pool: &sqlx::Pool<$db>, email: &str, audit: &AuditEvent) -> Result<Option<i64>, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let row = QueryBuilder::<$db>::new("UPDATE advocates SET disabled = TRUE WHERE email = ")
                .push_bind(email.to_string())
                .push(" RETURNING id")
                .build()
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else { return Ok(None) };
            let id: i64 = row.try_get("id")?;
            QueryBuilder::<$db>::new("DELETE FROM sessions WHERE advocate_id = ").push_bind(id).build().execute(&mut *tx).await?;
            super::requests_sql::insert_audit(&mut *tx, &audit.clone().about(Actor::Advocate(id))).await?;
            tx.commit().await?;
            Ok(Some(id))
        }

        pub(super) async fn create_session(
            pool: &sqlx::Pool<$db>,
            session: &StoredSession,
            audit: &AuditEvent,
        ) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let mut insert = QueryBuilder::<$db>::new("INSERT INTO sessions (token_hash, advocate_id, created_at, last_seen_at) ");
            insert.push_values([session], |mut b, s| {
                b.push_bind(s.token_hash.clone())
                    .push_bind(s.advocate_id)
                    .push_bind(s.created_at.unix_seconds())
                    .push_bind(s.last_seen_at.unix_seconds());
            });
            insert.build().execute(&mut *tx).await?;
            super::requests_sql::insert_audit(&mut *tx, audit).await?;
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn session(
            pool: &sqlx::Pool<$db>,
            token_hash: &str,
        ) -> Result<Option<(StoredSession, AdvocateAccount)>, StorageError> {
            let row = QueryBuilder::<$db>::new(format!(
                "SELECT s.token_hash, s.advocate_id, s.created_at AS session_created_at, s.last_seen_at, {ADVOCATE_COLUMNS} \
                 FROM sessions s JOIN advocates a ON a.id = s.advocate_id WHERE s.token_hash = "
            ))
            .push_bind(token_hash.to_string())
            .build()
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let session = StoredSession {
                token_hash: row.try_get("token_hash")?,
                advocate_id: row.try_get("advocate_id")?,
                created_at: Timestamp::from_unix_seconds(row.try_get("session_created_at")?),
                last_seen_at: Timestamp::from_unix_seconds(row.try_get("last_seen_at")?),
            };
            Ok(Some((session, advocate(&row)?)))
        }

        pub(super) async fn touch_session(pool: &sqlx::Pool<$db>, token_hash: &str, now: Timestamp) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            QueryBuilder::<$db>::new("UPDATE sessions SET last_seen_at = ")
                .push_bind(now.unix_seconds())
                .push(" WHERE token_hash = ")
                .push_bind(token_hash.to_string())
                .build()
                .execute(pool)
                .await?;
            Ok(())
        }

        pub(super) async fn delete_session(
            pool: &sqlx::Pool<$db>,
            token_hash: &str,
            audit: Option<&AuditEvent>,
        ) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            QueryBuilder::<$db>::new("DELETE FROM sessions WHERE token_hash = ")
                .push_bind(token_hash.to_string())
                .build()
                .execute(&mut *tx)
                .await?;
            if let Some(audit) = audit {
                super::requests_sql::insert_audit(&mut *tx, audit).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn delete_ended_sessions(pool: &sqlx::Pool<$db>, ended: &EndedSessions) -> Result<u64, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let deleted = QueryBuilder::<$db>::new("DELETE FROM sessions WHERE last_seen_at <= ")
                .push_bind(ended.last_used_at_or_before.unix_seconds())
                .push(" OR created_at <= ")
                .push_bind(ended.signed_in_at_or_before.unix_seconds())
                .build()
                .execute(pool)
                .await?
                .rows_affected();
            Ok(deleted)
        }

        /// The start of a select of queued requests, up to its `WHERE`.
        fn queued_columns() -> String {
            format!(
                "SELECT {}, r.assigned_to, a.display_name AS assigned_name FROM advocacy_requests r \
                 LEFT JOIN advocates a ON a.id = r.assigned_to WHERE ",
                super::requests_sql::REQUEST_COLUMNS
            )
        }

        fn queued_select() -> QueryBuilder<$db> {
            QueryBuilder::<$db>::new(queued_columns())
        }

        fn queued(row: &<$db as sqlx::Database>::Row) -> Result<QueuedRequest, StorageError> {
            let id: Option<i64> = row.try_get("assigned_to")?;
            let name: Option<String> = row.try_get("assigned_name")?;
            Ok(QueuedRequest { request: super::requests_sql::request_row(row)?, assigned_to: id.zip(name) })
        }

        /// What the queue reads of a request (`QueueEntry`): no member data.
        const QUEUE_COLUMNS: &str = "r.reference, r.submitted_at, r.service_id, r.service_title, r.area, r.handler, r.state, \
            r.outreach_from, r.outreach_by, r.assigned_to, a.display_name AS assigned_name FROM advocacy_requests r \
            LEFT JOIN advocates a ON a.id = r.assigned_to WHERE ";

        fn queue_entry(row: &<$db as sqlx::Database>::Row) -> Result<QueueEntry, StorageError> {
            let id: Option<i64> = row.try_get("assigned_to")?;
            let name: Option<String> = row.try_get("assigned_name")?;
            super::requests_sql::entry_row(row, id.zip(name))
        }

        /// The first `limit` requests in the queue's order. Each state's first `limit` come in
        /// that order from the index on (state, outreach_by, submitted_at, reference), so the
        /// database reads at most `limit` rows a state and sorts only those, however many
        /// requests are open (sorting every open request held polls up to 2.4 s under load).
        pub(super) async fn queue(pool: &sqlx::Pool<$db>, filter: &QueueFilter) -> Result<Vec<QueueEntry>, StorageError> {
            if filter.states.is_empty() {
                return Ok(Vec::new());
            }
            let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
            let mut query = QueryBuilder::<$db>::new("SELECT * FROM (");
            for (i, state) in filter.states.iter().enumerate() {
                if i > 0 {
                    query.push(" UNION ALL ");
                }
                query.push("SELECT * FROM (SELECT ").push(QUEUE_COLUMNS).push("r.state = ").push_bind(state.slug());
                if let Some(area) = &filter.area {
                    query.push(" AND r.area = ").push_bind(area.clone());
                }
                if let Some(advocate_id) = filter.assigned_to {
                    query.push(" AND r.assigned_to = ").push_bind(advocate_id);
                }
                query.push(" ORDER BY r.outreach_by, r.submitted_at, r.reference LIMIT ").push_bind(limit);
                query.push(format!(") AS in_state_{i}"));
            }
            query.push(") AS queued ORDER BY outreach_by, submitted_at, reference LIMIT ").push_bind(limit);
            let rows = query.build().fetch_all(pool).await?;
            rows.iter().map(queue_entry).collect()
        }

        pub(super) async fn queued_request(pool: &sqlx::Pool<$db>, reference: &Reference) -> Result<Option<QueuedRequest>, StorageError> {
            let mut query = queued_select();
            query.push("r.reference = ").push_bind(reference.to_string());
            let row = query.build().fetch_optional(pool).await?;
            row.as_ref().map(queued).transpose()
        }

        pub(super) async fn assign_request(
            pool: &sqlx::Pool<$db>,
            reference: &Reference,
            advocate_id: i64,
            audit: &AuditEvent,
        ) -> Result<bool, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let updated = QueryBuilder::<$db>::new("UPDATE advocacy_requests SET assigned_to = ")
                .push_bind(advocate_id)
                .push(" WHERE reference = ")
                .push_bind(reference.to_string())
                .build()
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if updated == 0 {
                return Ok(false);
            }
            super::requests_sql::insert_audit(&mut *tx, audit).await?;
            tx.commit().await?;
            Ok(true)
        }

        pub(super) async fn change_state(
            pool: &sqlx::Pool<$db>,
            reference: &Reference,
            change: &StoredStatusChange,
            audit: &AuditEvent,
        ) -> Result<bool, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let updated = QueryBuilder::<$db>::new("UPDATE advocacy_requests SET state = ")
                .push_bind(change.to.slug())
                .push(" WHERE reference = ")
                .push_bind(reference.to_string())
                .push(" AND state = ")
                .push_bind(change.from.slug())
                .build()
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if updated == 0 {
                return Ok(false);
            }
            let mut insert = QueryBuilder::<$db>::new(
                "INSERT INTO status_changes (reference, from_state, to_state, advocate_id, key_id, sealed, handoff_method, changed_at) ",
            );
            insert.push_values([change], |mut b, c| {
                b.push_bind(reference.to_string())
                    .push_bind(c.from.slug())
                    .push_bind(c.to.slug())
                    .push_bind(c.advocate_id)
                    .push_bind(c.note.as_ref().map(|n| n.key_id.clone()))
                    .push_bind(c.note.as_ref().map(|n| n.bytes.clone()))
                    .push_bind(c.handoff.map(|m| m.slug()))
                    .push_bind(c.changed_at.unix_seconds());
            });
            insert.build().execute(&mut *tx).await?;
            super::requests_sql::insert_audit(&mut *tx, audit).await?;
            tx.commit().await?;
            Ok(true)
        }

        pub(super) async fn status_changes(pool: &sqlx::Pool<$db>, reference: &Reference) -> Result<Vec<StoredStatusChange>, StorageError> {
            let rows = QueryBuilder::<$db>::new(
                "SELECT c.from_state, c.to_state, c.advocate_id, a.display_name, c.key_id, c.sealed, c.handoff_method, c.changed_at \
                 FROM status_changes c JOIN advocates a ON a.id = c.advocate_id WHERE c.reference = ",
            )
            .push_bind(reference.to_string())
            .push(" ORDER BY c.id")
            .build()
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    Ok(StoredStatusChange {
                        from: state(&row.try_get::<String, _>("from_state")?)?,
                        to: state(&row.try_get::<String, _>("to_state")?)?,
                        advocate_id: row.try_get("advocate_id")?,
                        advocate_name: row.try_get("display_name")?,
                        note: sealed(row)?,
                        handoff: match row.try_get::<Option<String>, _>("handoff_method")? {
                            Some(slug) => Some(
                                advocate_domain::handoff::HandoffMethod::from_slug(&slug)
                                    .ok_or_else(|| StorageError::Corrupt(format!("hand-off method {slug:?}")))?,
                            ),
                            None => None,
                        },
                        changed_at: Timestamp::from_unix_seconds(row.try_get("changed_at")?),
                    })
                })
                .collect()
        }

        pub(super) async fn add_case_note(
            pool: &sqlx::Pool<$db>,
            reference: &Reference,
            advocate_id: i64,
            text: &Sealed,
            created_at: Timestamp,
            audit: &AuditEvent,
        ) -> Result<i64, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let mut insert = QueryBuilder::<$db>::new("INSERT INTO case_notes (reference, advocate_id, key_id, sealed, created_at) ");
            insert.push_values([()], |mut b, ()| {
                b.push_bind(reference.to_string())
                    .push_bind(advocate_id)
                    .push_bind(text.key_id.clone())
                    .push_bind(text.bytes.clone())
                    .push_bind(created_at.unix_seconds());
            });
            insert.push(" RETURNING id");
            let id: i64 = insert.build().fetch_one(&mut *tx).await?.try_get("id")?;
            super::requests_sql::insert_audit(&mut *tx, audit).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub(super) async fn case_notes(pool: &sqlx::Pool<$db>, reference: &Reference) -> Result<Vec<StoredNote>, StorageError> {
            let rows = QueryBuilder::<$db>::new(
                "SELECT n.id, n.advocate_id, a.display_name, n.key_id, n.sealed, n.created_at \
                 FROM case_notes n JOIN advocates a ON a.id = n.advocate_id WHERE n.reference = ",
            )
            .push_bind(reference.to_string())
            .push(" ORDER BY n.id")
            .build()
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    let id: i64 = row.try_get("id")?;
                    Ok(StoredNote {
                        id,
                        advocate_id: row.try_get("advocate_id")?,
                        advocate_name: row.try_get("display_name")?,
                        // Only notes written before they were sealed lack it, until the server starts.
                        text: sealed(row)?.ok_or_else(|| StorageError::Corrupt(format!("case note {id} is not sealed yet")))?,
                        created_at: Timestamp::from_unix_seconds(row.try_get("created_at")?),
                    })
                })
                .collect()
        }
    };
}

pub(super) use console_storage;
