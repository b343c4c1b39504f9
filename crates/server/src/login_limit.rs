//! Limits on failed sign-ins: at most 5 per email address and 20 per client address in any 15
//! minutes; the next attempt is refused (429, with when to try again) before any password is
//! checked.
//!
//! Kept in memory: right for one server. Several servers behind a load balancer each keep their
//! own count, so the limits are per server (an attacker spread over N servers gets N times the
//! attempts); move the counts to the database or a shared store before relying on them there.
//! Behind a reverse proxy, every client has the proxy's address, so the per-address limit then
//! counts all sign-ins through it.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_EMAIL: usize = 5;
pub const PER_ADDRESS: usize = 20;
/// Past this many keys, keys with no failure left in the window are forgotten.
const PRUNE_ABOVE: usize = 10_000;

/// Holds email addresses: deliberately not `Debug`, so it cannot reach a log line.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Email(String),
    Address(IpAddr),
}

impl LoginLimiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a sign-in may be tried now; when not, how long until it may (whole seconds).
    pub fn check(&self, email: &str, address: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = Duration::ZERO;
        for (key, limit) in keys(email, address) {
            if let Some(times) = failures.get_mut(&key) {
                forget_old(times, now);
                if times.len() >= limit {
                    // The attempt that brings the count under the limit expires first.
                    let expires = times[times.len() - limit] + WINDOW;
                    wait = wait.max(expires.saturating_duration_since(now));
                }
            }
        }
        if wait.is_zero() { Ok(()) } else { Err(Duration::from_secs(wait.as_secs_f64().ceil() as u64).max(Duration::from_secs(1))) }
    }

    /// Counts a failed sign-in against the email address and the client's address.
    pub fn failed(&self, email: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > PRUNE_ABOVE {
            failures.retain(|_, times| {
                forget_old(times, now);
                !times.is_empty()
            });
        }
        for (key, _) in keys(email, address) {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the email address's failures (not the client address's).
    pub fn succeeded(&self, email: &str) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&Key::Email(email.to_string()));
    }
}

fn keys(email: &str, address: Option<IpAddr>) -> Vec<(Key, usize)> {
    let mut keys = vec![(Key::Email(email.to_string()), PER_EMAIL)];
    if let Some(address) = address {
        keys.push((Key::Address(address), PER_ADDRESS));
    }
    keys
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times.front().is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1)));

    #[test]
    fn five_failures_for_one_email_wait_until_the_first_is_fifteen_minutes_old() {
        let limiter = LoginLimiter::new();
        let start = Instant::now();
        for minute in 0..5 {
            let at = start + Duration::from_secs(minute * 60);
            assert_eq!(limiter.check("jo@example.org", HOME, at), Ok(()));
            limiter.failed("jo@example.org", HOME, at);
        }
        let sixth = start + Duration::from_secs(5 * 60);
        assert_eq!(limiter.check("jo@example.org", HOME, sixth), Err(Duration::from_secs(10 * 60)));
        assert_eq!(limiter.check("someone.else@example.org", HOME, sixth), Ok(()), "other accounts are not locked");
        assert_eq!(limiter.check("jo@example.org", HOME, start + WINDOW), Ok(()));
    }

    #[test]
    fn twenty_failures_from_one_address_stop_it_for_every_email() {
        let limiter = LoginLimiter::new();
        let now = Instant::now();
        for n in 0..PER_ADDRESS {
            limiter.failed(&format!("guess{n}@example.org"), HOME, now);
        }
        assert!(limiter.check("new-guess@example.org", HOME, now).is_err());
        let elsewhere = Some(IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7)));
        assert_eq!(limiter.check("new-guess@example.org", elsewhere, now), Ok(()));
    }

    #[test]
    fn signing_in_clears_the_emails_failures() {
        let limiter = LoginLimiter::new();
        let now = Instant::now();
        for _ in 0..4 {
            limiter.failed("jo@example.org", HOME, now);
        }
        limiter.succeeded("jo@example.org");
        limiter.failed("jo@example.org", HOME, now);
        assert_eq!(limiter.check("jo@example.org", HOME, now), Ok(()));
    }
}
