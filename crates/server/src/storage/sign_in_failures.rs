//! Storing failed sign-ins (see `crate::login_limit`): one row per key a failure counts against,
//! so that every server behind a load balancer sees the same counts. The SQL is the same for both
//! databases, so one macro writes both implementations.

macro_rules! sign_in_failure_storage {
    ($db:ty, $begin:literal) => {
        use crate::storage::StorageError;
        use advocate_domain::Timestamp;
        use sqlx::{QueryBuilder, Row};

        pub(super) async fn since(
            pool: &sqlx::Pool<$db>,
            key_hashes: &[String],
            since: Timestamp,
        ) -> Result<Vec<(String, Timestamp)>, StorageError> {
            if key_hashes.is_empty() {
                return Ok(Vec::new());
            }
            let mut query = QueryBuilder::<$db>::new("SELECT key_hash, failed_at FROM sign_in_failures WHERE failed_at > ");
            query.push_bind(since.unix_seconds()).push(" AND key_hash IN (");
            let mut keys = query.separated(", ");
            for key in key_hashes {
                keys.push_bind(key.clone());
            }
            query.push(")");
            let rows = query.build().fetch_all(pool).await?;
            rows.iter().map(|row| Ok((row.try_get("key_hash")?, Timestamp::from_unix_seconds(row.try_get("failed_at")?)))).collect()
        }

        pub(super) async fn record(
            pool: &sqlx::Pool<$db>,
            key_hashes: &[String],
            at: Timestamp,
            forget_before: Timestamp,
        ) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            QueryBuilder::<$db>::new("DELETE FROM sign_in_failures WHERE failed_at < ")
                .push_bind(forget_before.unix_seconds())
                .build()
                .execute(&mut *tx)
                .await?;
            if !key_hashes.is_empty() {
                let mut insert = QueryBuilder::<$db>::new("INSERT INTO sign_in_failures (key_hash, failed_at) ");
                insert.push_values(key_hashes, |mut b, key| {
                    b.push_bind(key.clone()).push_bind(at.unix_seconds());
                });
                insert.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn clear(pool: &sqlx::Pool<$db>, key_hashes: &[String]) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            if key_hashes.is_empty() {
                return Ok(());
            }
            let mut query = QueryBuilder::<$db>::new("DELETE FROM sign_in_failures WHERE key_hash IN (");
            let mut keys = query.separated(", ");
            for key in key_hashes {
                keys.push_bind(key.clone());
            }
            query.push(")");
            query.build().execute(pool).await?;
            Ok(())
        }
    };
}

pub(super) use sign_in_failure_storage;
