//! Claiming a regular job's run (`Storage::claim_sweep`): one statement both databases
//! understand, an upsert that only moves `last_run` when the last run is old enough. Of servers
//! claiming at once, the database lets one row change: that server runs the job.

macro_rules! sweep_storage {
    ($db:ty) => {
        use crate::storage::StorageError;
        use advocate_domain::Timestamp;
        use sqlx::QueryBuilder;

        pub(super) async fn claim(pool: &sqlx::Pool<$db>, name: &str, now: Timestamp, every_seconds: i64) -> Result<bool, StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut query = QueryBuilder::<$db>::new("INSERT INTO sweeps (name, last_run) VALUES (");
            query.push_bind(name.to_string()).push(", ").push_bind(now.unix_seconds());
            query.push(") ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run WHERE sweeps.last_run <= ");
            query.push_bind(now.unix_seconds() - every_seconds);
            let done = query.build().execute(pool).await?;
            Ok(done.rows_affected() == 1)
        }
    };
}

pub(super) use sweep_storage;
