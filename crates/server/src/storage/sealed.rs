//! The sealed values of every table, as one: member data still in clear from before it was
//! sealed (migration 0010), and the places a key rotation re-seals. Four tables hold sealed
//! values, each in the columns `key_id` and `sealed`: `advocacy_requests` (the answers),
//! `case_notes`, `status_changes` (the note, when there is one) and `bill_files`. The SQL is the
//! same for both databases, so one macro writes both implementations.

macro_rules! sealed_storage {
    // `$begin` starts a write transaction (see `sql_storage!`).
    ($db:ty, $begin:literal) => {
        use crate::storage::{BillFileKind, Sealed, SealedPlace, StorageError, UnsealedText};
        use advocate_domain::{Reference, Timestamp};
        use sqlx::{QueryBuilder, Row};

        fn reference(text: &str) -> Result<Reference, StorageError> {
            Reference::parse(text).map_err(|_| StorageError::Corrupt(format!("reference {text:?}")))
        }

        fn kind(name: &str) -> Result<BillFileKind, StorageError> {
            BillFileKind::from_name(name).ok_or_else(|| StorageError::Corrupt(format!("bill file kind {name:?}")))
        }

        fn limit(n: usize) -> i64 {
            i64::try_from(n).unwrap_or(i64::MAX)
        }

        pub(super) async fn unsealed_texts(pool: &sqlx::Pool<$db>, max: usize) -> Result<Vec<UnsealedText>, StorageError> {
            let rows = QueryBuilder::<$db>::new(
                "SELECT u.id, u.place, u.reference, u.row_id, u.clear, n.advocate_id AS note_by, n.created_at AS note_at, \
                 c.advocate_id AS change_by, c.changed_at AS change_at FROM unsealed_texts u \
                 LEFT JOIN case_notes n ON u.place = 'case_note' AND n.id = u.row_id \
                 LEFT JOIN status_changes c ON u.place = 'status_note' AND c.id = u.row_id ORDER BY u.id LIMIT ",
            )
            .push_bind(limit(max))
            .build()
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    let id: i64 = row.try_get("id")?;
                    let place: String = row.try_get("place")?;
                    let reference = reference(&row.try_get::<String, _>("reference")?)?;
                    let row_id: Option<i64> = row.try_get("row_id")?;
                    let gone = || StorageError::Corrupt(format!("the {place} of unsealed text {id} is not in the database"));
                    let place = match place.as_str() {
                        "request" => SealedPlace::RequestAnswers { reference },
                        "case_note" => SealedPlace::CaseNote {
                            id: row_id.ok_or_else(gone)?,
                            reference,
                            advocate_id: row.try_get::<Option<i64>, _>("note_by")?.ok_or_else(gone)?,
                            created_at: Timestamp::from_unix_seconds(row.try_get::<Option<i64>, _>("note_at")?.ok_or_else(gone)?),
                        },
                        "status_note" => SealedPlace::StatusNote {
                            id: row_id.ok_or_else(gone)?,
                            reference,
                            advocate_id: row.try_get::<Option<i64>, _>("change_by")?.ok_or_else(gone)?,
                            changed_at: Timestamp::from_unix_seconds(row.try_get::<Option<i64>, _>("change_at")?.ok_or_else(gone)?),
                        },
                        other => return Err(StorageError::Corrupt(format!("unsealed text {id} belongs in {other:?}"))),
                    };
                    Ok(UnsealedText { id, place, clear: row.try_get("clear")? })
                })
                .collect()
        }

        /// `UPDATE table SET key_id = …, sealed = …` for the place, without its condition.
        fn update_sealed(place: &SealedPlace, sealed: &Sealed) -> QueryBuilder<$db> {
            let table = match place {
                SealedPlace::RequestAnswers { .. } => "advocacy_requests",
                SealedPlace::CaseNote { .. } => "case_notes",
                SealedPlace::StatusNote { .. } => "status_changes",
                SealedPlace::BillFile { .. } => "bill_files",
            };
            let mut update = QueryBuilder::<$db>::new(format!("UPDATE {table} SET key_id = "));
            update.push_bind(sealed.key_id.clone()).push(", sealed = ").push_bind(sealed.bytes.clone());
            if let SealedPlace::BillFile { content_tag, .. } = place {
                update.push(", content_tag = ").push_bind(content_tag.clone());
            }
            match place {
                SealedPlace::RequestAnswers { reference } => update.push(" WHERE reference = ").push_bind(reference.to_string()),
                SealedPlace::CaseNote { id, .. } | SealedPlace::StatusNote { id, .. } | SealedPlace::BillFile { id, .. } => {
                    update.push(" WHERE id = ").push_bind(*id)
                }
            };
            update
        }

        pub(super) async fn seal_text(
            pool: &sqlx::Pool<$db>,
            text_id: i64,
            place: &SealedPlace,
            sealed: &Sealed,
        ) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            update_sealed(place, sealed).push(" AND sealed IS NULL").build().execute(&mut *tx).await?;
            QueryBuilder::<$db>::new("DELETE FROM unsealed_texts WHERE id = ").push_bind(text_id).build().execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn sealed_counts(pool: &sqlx::Pool<$db>) -> Result<Vec<(String, u64)>, StorageError> {
            let rows = QueryBuilder::<$db>::new(
                "SELECT key_id, COUNT(*) AS n FROM (\
                 SELECT key_id FROM advocacy_requests WHERE sealed IS NOT NULL \
                 UNION ALL SELECT key_id FROM case_notes WHERE sealed IS NOT NULL \
                 UNION ALL SELECT key_id FROM status_changes WHERE sealed IS NOT NULL \
                 UNION ALL SELECT key_id FROM bill_files) s GROUP BY key_id ORDER BY key_id",
            )
            .build()
            .fetch_all(pool)
            .await?;
            rows.iter().map(|row| Ok((row.try_get("key_id")?, u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0)))).collect()
        }

        pub(super) async fn sealed_with_other_keys(
            pool: &sqlx::Pool<$db>,
            key_id: &str,
            max: usize,
        ) -> Result<Vec<(SealedPlace, String)>, StorageError> {
            let mut found = Vec::new();
            let requests =
                QueryBuilder::<$db>::new("SELECT reference, key_id FROM advocacy_requests WHERE sealed IS NOT NULL AND key_id <> ")
                    .push_bind(key_id.to_string())
                    .push(" ORDER BY reference LIMIT ")
                    .push_bind(limit(max))
                    .build()
                    .fetch_all(pool)
                    .await?;
            for row in &requests {
                found.push((
                    SealedPlace::RequestAnswers { reference: reference(&row.try_get::<String, _>("reference")?)? },
                    row.try_get("key_id")?,
                ));
            }
            for table in ["case_notes", "status_changes"] {
                let at = if table == "case_notes" { "created_at" } else { "changed_at" };
                let rows = QueryBuilder::<$db>::new(format!(
                    "SELECT id, reference, advocate_id, {at} AS at, key_id FROM {table} WHERE sealed IS NOT NULL AND key_id <> "
                ))
                .push_bind(key_id.to_string())
                .push(" ORDER BY id LIMIT ")
                .push_bind(limit(max.saturating_sub(found.len())))
                .build()
                .fetch_all(pool)
                .await?;
                for row in &rows {
                    let (id, reference, advocate_id, at) = (
                        row.try_get("id")?,
                        reference(&row.try_get::<String, _>("reference")?)?,
                        row.try_get("advocate_id")?,
                        Timestamp::from_unix_seconds(row.try_get("at")?),
                    );
                    let place = if table == "case_notes" {
                        SealedPlace::CaseNote { id, reference, advocate_id, created_at: at }
                    } else {
                        SealedPlace::StatusNote { id, reference, advocate_id, changed_at: at }
                    };
                    found.push((place, row.try_get("key_id")?));
                }
            }
            let files =
                QueryBuilder::<$db>::new("SELECT id, reference, kind, media_type, content_tag, key_id FROM bill_files WHERE key_id <> ")
                    .push_bind(key_id.to_string())
                    .push(" ORDER BY id LIMIT ")
                    .push_bind(limit(max.saturating_sub(found.len())))
                    .build()
                    .fetch_all(pool)
                    .await?;
            for row in &files {
                let place = SealedPlace::BillFile {
                    id: row.try_get("id")?,
                    reference: reference(&row.try_get::<String, _>("reference")?)?,
                    kind: kind(&row.try_get::<String, _>("kind")?)?,
                    media_type: row.try_get("media_type")?,
                    content_tag: row.try_get("content_tag")?,
                };
                found.push((place, row.try_get("key_id")?));
            }
            found.truncate(max);
            Ok(found)
        }

        pub(super) async fn sealed_value(pool: &sqlx::Pool<$db>, place: &SealedPlace) -> Result<Option<Sealed>, StorageError> {
            let mut select = match place {
                SealedPlace::RequestAnswers { reference } => {
                    let mut q = QueryBuilder::<$db>::new("SELECT key_id, sealed FROM advocacy_requests WHERE reference = ");
                    q.push_bind(reference.to_string());
                    q
                }
                SealedPlace::CaseNote { id, .. } => {
                    let mut q = QueryBuilder::<$db>::new("SELECT key_id, sealed FROM case_notes WHERE id = ");
                    q.push_bind(*id);
                    q
                }
                SealedPlace::StatusNote { id, .. } => {
                    let mut q = QueryBuilder::<$db>::new("SELECT key_id, sealed FROM status_changes WHERE id = ");
                    q.push_bind(*id);
                    q
                }
                SealedPlace::BillFile { id, .. } => {
                    let mut q = QueryBuilder::<$db>::new("SELECT key_id, sealed FROM bill_files WHERE id = ");
                    q.push_bind(*id);
                    q
                }
            };
            let Some(row) = select.build().fetch_optional(pool).await? else { return Ok(None) };
            super::console_sql::sealed(&row)
        }

        pub(super) async fn reseal(
            pool: &sqlx::Pool<$db>,
            place: &SealedPlace,
            previous_key_id: &str,
            sealed: &Sealed,
        ) -> Result<bool, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let updated = update_sealed(place, sealed)
                .push(" AND key_id = ")
                .push_bind(previous_key_id.to_string())
                .build()
                .execute(pool)
                .await?
                .rows_affected();
            Ok(updated == 1)
        }
    };
}

pub(super) use sealed_storage;
