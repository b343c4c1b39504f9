//! Regular jobs (deleting bills past their retention, ended sessions) run once per period
//! across every server on the database: each server wakes every period and claims the run in
//! the database (`Storage::claim_sweep`); only the claim that comes first runs the job. On one
//! server it simply runs every period; behind a load balancer it does not run once per server.

use crate::metrics::Metrics;
use crate::storage::Storage;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// Runs `job` now (if no server ran it within the period) and every `every` after.
pub async fn run_regularly<F, Fut>(storage: Arc<dyn Storage>, metrics: Arc<Metrics>, name: &'static str, every: Duration, job: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()>,
{
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match storage.claim_sweep(name, crate::clock::now(), claim_after(every)).await {
            Ok(true) => {
                metrics.record_sweep(name);
                job().await;
            }
            // Another server ran it within the period.
            Ok(false) => {}
            Err(error) => tracing::error!(%error, job = name, "could not claim a regular job's run; will try again"),
        }
    }
}

/// How long after the last run a new one may be claimed: a twentieth less than the period, so
/// that a server whose timer fires a little early still finds the period over, while a second
/// server, whose timer fires at another moment, finds it taken.
fn claim_after(every: Duration) -> Duration {
    every - every / 20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_may_be_claimed_a_little_before_the_period_is_over() {
        assert_eq!(claim_after(Duration::from_secs(15 * 60)), Duration::from_secs(855));
        assert_eq!(claim_after(Duration::from_secs(60)), Duration::from_secs(57));
    }
}
