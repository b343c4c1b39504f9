//! Storing imported reference data: the fee schedule and the daily unit limits. The SQL is the
//! same for both databases (QueryBuilder writes each one's placeholders), so one macro writes
//! the two implementations.

/// Rows per INSERT: well under either database's limit on bound parameters.
pub(super) const CHUNK: usize = 1_000;

/// Clearing the tables an import replaces.
pub(super) const CLEAR: [&str; 6] = [
    "DELETE FROM fee_schedule_rvus",
    "DELETE FROM fee_schedule_localities",
    "DELETE FROM fee_schedule_locality_counties",
    "DELETE FROM fee_schedule_zips",
    "DELETE FROM lab_fee_schedule",
    "DELETE FROM fee_schedule_imports",
];

macro_rules! fee_schedule_storage {
    // `$begin` starts a write transaction (see `sql_storage!`).
    ($db:ty, $begin:literal) => {
        use crate::pricing::import::FeeScheduleImport;
        use crate::storage::StorageError;
        use crate::storage::fee_schedule::{CHUNK, CLEAR};
        use advocate_domain::cms_files::{GpciRecord, LocalityCountiesRecord, RvuRecord, Zip5Record};
        use advocate_domain::fee_schedule::{FeeScheduleEntry, Gpci, PaymentStatus};
        use sqlx::{QueryBuilder, Row};

        pub(super) async fn replace(pool: &sqlx::Pool<$db>, import: &FeeScheduleImport) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            for statement in CLEAR {
                sqlx::query(statement).execute(&mut *tx).await?;
            }
            let mut header = QueryBuilder::<$db>::new("INSERT INTO fee_schedule_imports (id, year, conversion_factor, imported_at, source_files) ");
            header.push_values([import], |mut b, i| {
                b.push_bind(1_i64)
                    .push_bind(i64::from(i.year))
                    .push_bind(i64::from(i.conversion_factor))
                    .push_bind(i.imported_at.unix_seconds())
                    .push_bind(i.source_files.clone());
            });
            header.build().execute(&mut *tx).await?;
            for chunk in import.rvus.chunks(CHUNK) {
                let mut q = QueryBuilder::<$db>::new(
                    "INSERT INTO fee_schedule_rvus (code, modifier, status, reference_only, pctc_indicator, global_days, work_rvu, office_pe_rvu, facility_pe_rvu, mp_rvu) ",
                );
                q.push_values(chunk, |mut b, r| {
                    b.push_bind(r.hcpcs.clone())
                        .push_bind(r.modifier.clone())
                        .push_bind(r.status_code.to_string())
                        .push_bind(i64::from(r.reference_only))
                        .push_bind(i64::from(r.pctc_indicator))
                        .push_bind(r.global_days.clone())
                        .push_bind(i64::from(r.entry.work_rvu))
                        .push_bind(r.entry.non_facility_pe_rvu.map(i64::from))
                        .push_bind(r.entry.facility_pe_rvu.map(i64::from))
                        .push_bind(i64::from(r.entry.mp_rvu));
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in import.localities.chunks(CHUNK) {
                let mut q = QueryBuilder::<$db>::new("INSERT INTO fee_schedule_localities (mac, locality, state, name, work_gpci, pe_gpci, mp_gpci) ");
                q.push_values(chunk, |mut b, l| {
                    b.push_bind(l.mac.clone())
                        .push_bind(l.locality.clone())
                        .push_bind(l.state.clone())
                        .push_bind(l.name.clone())
                        .push_bind(i64::from(l.gpci.work))
                        .push_bind(i64::from(l.gpci.pe))
                        .push_bind(i64::from(l.gpci.mp));
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in import.counties.chunks(CHUNK) {
                let mut q = QueryBuilder::<$db>::new("INSERT INTO fee_schedule_locality_counties (mac, locality, state_name, area, counties) ");
                q.push_values(chunk, |mut b, c| {
                    b.push_bind(c.mac.clone())
                        .push_bind(c.locality.clone())
                        .push_bind(c.state_name.clone())
                        .push_bind(c.area.clone())
                        .push_bind(c.counties.clone());
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in import.zips.chunks(CHUNK) {
                let mut q = QueryBuilder::<$db>::new("INSERT INTO fee_schedule_zips (zip, state, mac, locality, plus_four) ");
                q.push_values(chunk, |mut b, z| {
                    b.push_bind(z.zip.clone())
                        .push_bind(z.state.clone())
                        .push_bind(z.mac.clone())
                        .push_bind(z.locality.clone())
                        .push_bind(i64::from(z.plus_four));
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in import.lab_rates.chunks(CHUNK) {
                let mut q = QueryBuilder::<$db>::new("INSERT INTO lab_fee_schedule (code, cents) ");
                q.push_values(chunk, |mut b, (code, cents)| {
                    b.push_bind(code.clone()).push_bind(*cents);
                });
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn replace_unit_limits(pool: &sqlx::Pool<$db>, limits: &advocate_domain::unit_limits::UnitLimits) -> Result<(), StorageError> {
            let _lane = crate::storage::write_lane::<$db>().await;
            let mut tx = pool.begin_with($begin).await?;
            sqlx::query("DELETE FROM unit_limits").execute(&mut *tx).await?;
            let rows: Vec<(&str, u32)> = limits.iter().collect();
            for chunk in rows.chunks(CHUNK) {
                let mut q = QueryBuilder::<$db>::new("INSERT INTO unit_limits (code, max_units) ");
                q.push_values(chunk, |mut b, (code, units)| {
                    b.push_bind(code.to_string()).push_bind(i64::from(*units));
                });
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn load_unit_limits(pool: &sqlx::Pool<$db>) -> Result<Option<advocate_domain::unit_limits::UnitLimits>, StorageError> {
            let rows = sqlx::query("SELECT code, max_units FROM unit_limits").fetch_all(pool).await?;
            if rows.is_empty() {
                return Ok(None);
            }
            let mut limits = std::collections::HashMap::new();
            for row in rows {
                let units = u32::try_from(row.try_get::<i64, _>("max_units")?).map_err(|_| StorageError::Corrupt("a unit limit".into()))?;
                limits.insert(row.try_get::<String, _>("code")?, units);
            }
            Ok(Some(advocate_domain::unit_limits::UnitLimits::new(limits)))
        }

        pub(super) async fn load(pool: &sqlx::Pool<$db>) -> Result<Option<FeeScheduleImport>, StorageError> {
            let Some(header) = sqlx::query("SELECT year, conversion_factor, imported_at, source_files FROM fee_schedule_imports")
                .fetch_optional(pool)
                .await?
            else {
                return Ok(None);
            };
            let corrupt = |what: &str| StorageError::Corrupt(format!("imported fee schedule: {what}"));
            let number = |value: i64, what: &str| u32::try_from(value).map_err(|_| corrupt(what));
            let mut rvus = Vec::new();
            let conversion_factor = number(header.try_get("conversion_factor")?, "conversion factor")?;
            for row in sqlx::query("SELECT code, modifier, status, reference_only, pctc_indicator, global_days, work_rvu, office_pe_rvu, facility_pe_rvu, mp_rvu FROM fee_schedule_rvus")
                .fetch_all(pool)
                .await?
            {
                let status: String = row.try_get("status")?;
                let status_code = status.chars().next().ok_or_else(|| corrupt("status"))?;
                let optional = |value: Option<i64>| value.map(|v| number(v, "RVU")).transpose();
                rvus.push(RvuRecord {
                    hcpcs: row.try_get("code")?,
                    modifier: row.try_get("modifier")?,
                    status_code,
                    entry: FeeScheduleEntry {
                        status: PaymentStatus::from_code(status_code),
                        work_rvu: number(row.try_get("work_rvu")?, "RVU")?,
                        non_facility_pe_rvu: optional(row.try_get("office_pe_rvu")?)?,
                        facility_pe_rvu: optional(row.try_get("facility_pe_rvu")?)?,
                        mp_rvu: number(row.try_get("mp_rvu")?, "RVU")?,
                    },
                    pctc_indicator: u8::try_from(row.try_get::<i64, _>("pctc_indicator")?).map_err(|_| corrupt("PC/TC"))?,
                    global_days: row.try_get("global_days")?,
                    reference_only: row.try_get::<i64, _>("reference_only")? != 0,
                    conversion_factor,
                });
            }
            let mut localities = Vec::new();
            for row in sqlx::query("SELECT mac, locality, state, name, work_gpci, pe_gpci, mp_gpci FROM fee_schedule_localities").fetch_all(pool).await? {
                localities.push(GpciRecord {
                    mac: row.try_get("mac")?,
                    state: row.try_get("state")?,
                    locality: row.try_get("locality")?,
                    name: row.try_get("name")?,
                    gpci: Gpci {
                        work: number(row.try_get("work_gpci")?, "GPCI")?,
                        pe: number(row.try_get("pe_gpci")?, "GPCI")?,
                        mp: number(row.try_get("mp_gpci")?, "GPCI")?,
                    },
                });
            }
            let mut counties = Vec::new();
            for row in sqlx::query("SELECT mac, locality, state_name, area, counties FROM fee_schedule_locality_counties").fetch_all(pool).await? {
                counties.push(LocalityCountiesRecord {
                    mac: row.try_get("mac")?,
                    locality: row.try_get("locality")?,
                    state_name: row.try_get("state_name")?,
                    area: row.try_get("area")?,
                    counties: row.try_get("counties")?,
                });
            }
            let mut zips = Vec::new();
            for row in sqlx::query("SELECT zip, state, mac, locality, plus_four FROM fee_schedule_zips").fetch_all(pool).await? {
                zips.push(Zip5Record {
                    state: row.try_get("state")?,
                    zip: row.try_get("zip")?,
                    mac: row.try_get("mac")?,
                    locality: row.try_get("locality")?,
                    plus_four: row.try_get::<i64, _>("plus_four")? != 0,
                });
            }
            let mut lab_rates = Vec::new();
            for row in sqlx::query("SELECT code, cents FROM lab_fee_schedule ORDER BY code").fetch_all(pool).await? {
                lab_rates.push((row.try_get("code")?, row.try_get("cents")?));
            }
            Ok(Some(FeeScheduleImport {
                year: u16::try_from(header.try_get::<i64, _>("year")?).map_err(|_| corrupt("year"))?,
                conversion_factor,
                imported_at: advocate_domain::Timestamp::from_unix_seconds(header.try_get("imported_at")?),
                source_files: header.try_get("source_files")?,
                rvus,
                localities,
                counties,
                zips,
                lab_rates,
            }))
        }
    };
}
pub(super) use fee_schedule_storage;

#[cfg(test)]
mod tests {
    #[test]
    fn every_table_is_cleared_on_replace() {
        let migration = include_str!("../../migrations/sqlite/0003_fee_schedule.sql");
        let created = migration.matches("CREATE TABLE").count();
        assert_eq!(created, super::CLEAR.len());
    }
}
