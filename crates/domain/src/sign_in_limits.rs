//! How failed sign-ins to the advocate console are limited, so that passwords cannot be guessed
//! and yet nobody elsewhere can lock an advocate out (issue 16: "5 wrong passwords for an email
//! from any address block that advocate for 15 minutes"; OWASP's Authentication Cheat Sheet
//! warns that account lockout lets an attacker deny service, and suggests throttling instead).
//!
//! Within any 15 minutes:
//! - 5 failures for one email **from one address** refuse that email from that address until
//!   the oldest of them is 15 minutes old: strict, and it touches only whoever sent them;
//! - 20 failures from one address refuse every email from it, the same way;
//! - failures for one email from anywhere only **slow it down**: from the 10th, each attempt
//!   waits a second more, up to 10 seconds, before the password is checked; the right password
//!   still signs in, so an attacker elsewhere costs the advocate seconds, not the morning.

use crate::Timestamp;

/// The window failures are counted in, in seconds.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failures for one email from one address that refuse the next attempt from there.
pub const PER_EMAIL_AND_ADDRESS: usize = 5;
/// Failures from one address, for any emails, that refuse the next attempt from there.
pub const PER_ADDRESS: usize = 20;
/// Failures for one email, from anywhere, from which each attempt is slowed down.
pub const SLOW_DOWN_FROM: usize = 10;
/// The longest an attempt is slowed down, in seconds.
pub const MAX_SLOW_DOWN_SECONDS: u64 = 10;

/// The failures of the last `WINDOW_SECONDS` that bear on one attempt, each list in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentFailures {
    /// For this email from this address.
    pub email_from_address: Vec<Timestamp>,
    /// From this address, for any email.
    pub address: Vec<Timestamp>,
    /// For this email, from any address.
    pub email: Vec<Timestamp>,
}

/// What happens to a sign-in attempt before its password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInGate {
    Open,
    /// Check the password after waiting this many seconds.
    SlowDown {
        seconds: u64,
    },
    /// Refused without checking; try again in this many seconds.
    Refused {
        retry_after_seconds: u64,
    },
}

impl RecentFailures {
    /// Whether an attempt at `now` may go ahead, after a wait, or not at all.
    pub fn gate(&self, now: Timestamp) -> SignInGate {
        let refused = [(&self.email_from_address, PER_EMAIL_AND_ADDRESS), (&self.address, PER_ADDRESS)]
            .into_iter()
            .filter_map(|(times, limit)| wait_below(times, limit, now))
            .max();
        if let Some(seconds) = refused {
            return SignInGate::Refused { retry_after_seconds: seconds };
        }
        let for_email = in_window(&self.email, now).count();
        if for_email >= SLOW_DOWN_FROM {
            let seconds = ((for_email - SLOW_DOWN_FROM + 1) as u64).min(MAX_SLOW_DOWN_SECONDS);
            return SignInGate::SlowDown { seconds };
        }
        SignInGate::Open
    }
}

fn in_window(times: &[Timestamp], now: Timestamp) -> impl Iterator<Item = Timestamp> {
    times.iter().copied().filter(move |t| now.unix_seconds() - t.unix_seconds() < WINDOW_SECONDS)
}

/// With `limit` or more failures in the window, the seconds until one fewer than `limit` are
/// (the failure that brings the count under the limit leaves the window first).
fn wait_below(times: &[Timestamp], limit: usize, now: Timestamp) -> Option<u64> {
    let mut recent: Vec<i64> = in_window(times, now).map(Timestamp::unix_seconds).collect();
    if recent.len() < limit {
        return None;
    }
    recent.sort_unstable();
    let leaves_at = recent[recent.len() - limit] + WINDOW_SECONDS;
    Some(u64::try_from(leaves_at - now.unix_seconds()).unwrap_or(0).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_unix_seconds(1_800_000_000 + seconds)
    }

    fn minutes(list: &[i64]) -> Vec<Timestamp> {
        list.iter().map(|m| at(m * 60)).collect()
    }

    #[test]
    fn five_failures_for_one_email_from_one_address_refuse_it_there_until_the_first_is_fifteen_minutes_old() {
        let failures = RecentFailures { email_from_address: minutes(&[0, 1, 2, 3, 4]), ..Default::default() };
        assert_eq!(failures.gate(at(5 * 60)), SignInGate::Refused { retry_after_seconds: 10 * 60 });
        assert_eq!(failures.gate(at(15 * 60 - 1)), SignInGate::Refused { retry_after_seconds: 1 });
        assert_eq!(failures.gate(at(15 * 60)), SignInGate::Open);
        let four = RecentFailures { email_from_address: minutes(&[0, 1, 2, 3]), ..Default::default() };
        assert_eq!(four.gate(at(5 * 60)), SignInGate::Open);
    }

    #[test]
    fn twenty_failures_from_one_address_refuse_every_email_from_it() {
        let failures = RecentFailures { address: vec![at(0); PER_ADDRESS], ..Default::default() };
        assert_eq!(failures.gate(at(60)), SignInGate::Refused { retry_after_seconds: 14 * 60 });
    }

    #[test]
    fn failures_for_an_email_from_elsewhere_only_slow_it_down() {
        let from_everywhere = |count: usize| RecentFailures { email: vec![at(0); count], ..Default::default() };
        assert_eq!(from_everywhere(9).gate(at(1)), SignInGate::Open);
        assert_eq!(from_everywhere(10).gate(at(1)), SignInGate::SlowDown { seconds: 1 });
        assert_eq!(from_everywhere(14).gate(at(1)), SignInGate::SlowDown { seconds: 5 });
        assert_eq!(from_everywhere(500).gate(at(1)), SignInGate::SlowDown { seconds: MAX_SLOW_DOWN_SECONDS });
        assert_eq!(from_everywhere(500).gate(at(WINDOW_SECONDS)), SignInGate::Open, "old failures are forgotten");
    }

    #[test]
    fn a_refusal_waits_for_the_later_of_the_two_limits() {
        let failures =
            RecentFailures { email_from_address: minutes(&[0, 0, 0, 0, 0]), address: vec![at(5 * 60); PER_ADDRESS], email: vec![] };
        assert_eq!(failures.gate(at(6 * 60)), SignInGate::Refused { retry_after_seconds: 14 * 60 });
    }
}
