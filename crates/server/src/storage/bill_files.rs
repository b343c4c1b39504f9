//! Storing bills attached to requests, sealed (see `crate::sealing`). The SQL is the same for
//! both databases (QueryBuilder writes each one's placeholders), so one macro writes both
//! implementations; each write and its audit event are one transaction.

macro_rules! bill_file_storage {
    // `$begin` starts a write transaction (see `sql_storage!`): on SQLite, two uploads reading
    // then writing would otherwise deadlock and one would fail.
    ($db:ty, $begin:literal) => {
        use crate::audit::AuditEvent;
        use crate::storage::{AddBillFile, BillFileInfo, BillFileKind, NewBillFile, SealedBillFile, StorageError};
        use advocate_domain::bill_attachment::MAX_PAGES;
        use advocate_domain::{Reference, Timestamp};
        use sqlx::{QueryBuilder, Row};

        const INFO_COLUMNS: &str = "id, kind, media_type, content_tag, byte_count, created_at, delete_after";

        fn info(row: &<$db as sqlx::Database>::Row) -> Result<BillFileInfo, StorageError> {
            let kind: String = row.try_get("kind")?;
            Ok(BillFileInfo {
                id: row.try_get("id")?,
                kind: BillFileKind::from_name(&kind).ok_or_else(|| StorageError::Corrupt(format!("bill file kind {kind:?}")))?,
                media_type: row.try_get("media_type")?,
                content_tag: row.try_get("content_tag")?,
                byte_count: u64::try_from(row.try_get::<i64, _>("byte_count")?).unwrap_or(0),
                created_at: Timestamp::from_unix_seconds(row.try_get("created_at")?),
                delete_after: Timestamp::from_unix_seconds(row.try_get("delete_after")?),
            })
        }

        pub(super) async fn add(pool: &sqlx::Pool<$db>, file: &NewBillFile, audit: &AuditEvent) -> Result<AddBillFile, StorageError> {
            // Two copies of one upload at once: the second finds the first's row on its retry.
            for _attempt in 0..3 {
                let _lane = crate::storage::write_lane::<$db>().await;
                let mut tx = pool.begin_with($begin).await?;
                let existing = list(&mut *tx, &file.reference).await?;
                if let Some(same) = existing.iter().find(|f| f.content_tag == file.content_tag) {
                    return Ok(AddBillFile::AlreadyThere(same.id));
                }
                if file.kind == BillFileKind::Page && existing.iter().filter(|f| f.kind == BillFileKind::Page).count() >= MAX_PAGES {
                    return Ok(AddBillFile::Full);
                }
                let kept: u64 =
                    existing.iter().filter(|f| !(file.kind == BillFileKind::Review && f.kind == BillFileKind::Review)).map(|f| f.byte_count).sum();
                if kept.saturating_add(file.byte_count) > file.max_total_bytes {
                    return Ok(AddBillFile::TooMuch);
                }
                if file.kind == BillFileKind::Review {
                    QueryBuilder::<$db>::new("DELETE FROM bill_files WHERE kind = 'review' AND reference = ")
                        .push_bind(file.reference.to_string())
                        .build()
                        .execute(&mut *tx)
                        .await?;
                }
                // A bill is kept for its retention period from when it was first attached.
                let delete_after = existing.iter().map(|f| f.delete_after).min().unwrap_or(file.delete_after);
                let mut insert = QueryBuilder::<$db>::new(
                    "INSERT INTO bill_files (reference, kind, media_type, content_tag, byte_count, key_id, sealed, created_at, delete_after) ",
                );
                insert.push_values([file], |mut b, f| {
                    b.push_bind(f.reference.to_string())
                        .push_bind(f.kind.name())
                        .push_bind(f.media_type.clone())
                        .push_bind(f.content_tag.clone())
                        .push_bind(i64::try_from(f.byte_count).unwrap_or(i64::MAX))
                        .push_bind(f.key_id.clone())
                        .push_bind(f.sealed.clone())
                        .push_bind(f.created_at.unix_seconds())
                        .push_bind(delete_after.unix_seconds());
                });
                insert.push(" RETURNING id");
                let id: i64 = match insert.build().fetch_one(&mut *tx).await {
                    Ok(row) => row.try_get("id")?,
                    Err(e) if crate::storage::is_unique_violation(&e) => continue,
                    Err(e) => return Err(e.into()),
                };
                super::requests_sql::insert_audit(&mut *tx, audit).await?;
                tx.commit().await?;
                return Ok(AddBillFile::Added(id));
            }
            Err(StorageError::Corrupt(format!("bill files of {} kept changing during an upload", file.reference)))
        }

        pub(super) async fn list<'e>(
            executor: impl sqlx::Executor<'e, Database = $db>,
            reference: &Reference,
        ) -> Result<Vec<BillFileInfo>, StorageError> {
            let rows = QueryBuilder::<$db>::new(format!("SELECT {INFO_COLUMNS} FROM bill_files WHERE reference = "))
                .push_bind(reference.to_string())
                .push(" ORDER BY id")
                .build()
                .fetch_all(executor)
                .await?;
            rows.iter().map(info).collect()
        }

        pub(super) async fn sealed(pool: &sqlx::Pool<$db>, reference: &Reference, id: i64) -> Result<Option<SealedBillFile>, StorageError> {
            let row = QueryBuilder::<$db>::new(format!("SELECT {INFO_COLUMNS}, key_id, sealed FROM bill_files WHERE reference = "))
                .push_bind(reference.to_string())
                .push(" AND id = ")
                .push_bind(id)
                .build()
                .fetch_optional(pool)
                .await?;
            row.map(|row| Ok(SealedBillFile { info: info(&row)?, key_id: row.try_get("key_id")?, sealed: row.try_get("sealed")? })).transpose()
        }

        pub(super) async fn delete(pool: &sqlx::Pool<$db>, reference: &Reference, audit: &AuditEvent) -> Result<u64, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let deleted = QueryBuilder::<$db>::new("DELETE FROM bill_files WHERE reference = ")
                .push_bind(reference.to_string())
                .build()
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if deleted > 0 {
                super::requests_sql::insert_audit(&mut *tx, audit).await?;
            }
            tx.commit().await?;
            Ok(deleted)
        }

        pub(super) async fn delete_expired(pool: &sqlx::Pool<$db>, now: Timestamp, audit: &AuditEvent) -> Result<Vec<String>, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            let references: Vec<String> =
                QueryBuilder::<$db>::new("SELECT DISTINCT reference FROM bill_files WHERE delete_after <= ")
                    .push_bind(now.unix_seconds())
                    .push(" ORDER BY reference")
                    .build()
                    .fetch_all(&mut *tx)
                    .await?
                    .iter()
                    .map(|row| row.try_get("reference"))
                    .collect::<Result<_, _>>()?;
            QueryBuilder::<$db>::new("DELETE FROM bill_files WHERE delete_after <= ")
                .push_bind(now.unix_seconds())
                .build()
                .execute(&mut *tx)
                .await?;
            for reference in &references {
                super::requests_sql::insert_audit(&mut *tx, &audit.clone().about(reference)).await?;
            }
            tx.commit().await?;
            Ok(references)
        }
    };
}

pub(super) use bill_file_storage;
