//! When an advocate's console session ends: after a while unused, or some hours after signing in
//! whether used or not, whichever comes first. The deployment sets both (README, "Advocate
//! console" and the settings `--session-idle-minutes`, 30 by default, and `--session-hours`, 12),
//! the two limits OWASP's session management guidance asks of a session (idle and absolute
//! timeouts). A session is over from the second it ends.

use crate::Timestamp;

/// The two limits of an advocate's session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClock {
    /// Seconds a session may go unused.
    pub idle_seconds: i64,
    /// Seconds after signing in that a session ends, used or not.
    pub absolute_seconds: i64,
}

/// The sessions that have ended by some instant: those last used at or before
/// `last_used_at_or_before`, and those begun at or before `signed_in_at_or_before`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndedSessions {
    pub last_used_at_or_before: Timestamp,
    pub signed_in_at_or_before: Timestamp,
}

impl SessionClock {
    pub fn new(idle_minutes: u32, hours: u32) -> Self {
        SessionClock { idle_seconds: i64::from(idle_minutes) * 60, absolute_seconds: i64::from(hours) * 3600 }
    }

    /// When a session begun at `signed_in_at` ends, however much it is used.
    pub fn absolute_end(&self, signed_in_at: Timestamp) -> Timestamp {
        signed_in_at.plus_seconds(self.absolute_seconds)
    }

    /// When a session begun at `signed_in_at` and last used at `last_used_at` ends if it is not
    /// used again: its idle end, or its absolute end when that comes first.
    pub fn end(&self, signed_in_at: Timestamp, last_used_at: Timestamp) -> Timestamp {
        last_used_at.plus_seconds(self.idle_seconds).min(self.absolute_end(signed_in_at))
    }

    /// Whether the session has ended by `now`.
    pub fn has_ended(&self, signed_in_at: Timestamp, last_used_at: Timestamp, now: Timestamp) -> bool {
        now >= self.end(signed_in_at, last_used_at)
    }

    /// Seconds until the session ends, if not used again: 0 once it has.
    pub fn seconds_left(&self, signed_in_at: Timestamp, last_used_at: Timestamp, now: Timestamp) -> i64 {
        (self.end(signed_in_at, last_used_at).unix_seconds() - now.unix_seconds()).max(0)
    }

    /// Every session that has ended by `now`, for sweeping them away.
    pub fn ended_by(&self, now: Timestamp) -> EndedSessions {
        EndedSessions {
            last_used_at_or_before: now.plus_seconds(-self.idle_seconds),
            signed_in_at_or_before: now.plus_seconds(-self.absolute_seconds),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGN_IN: Timestamp = Timestamp::from_unix_seconds(1_800_000_000);

    fn at(seconds_after_sign_in: i64) -> Timestamp {
        SIGN_IN.plus_seconds(seconds_after_sign_in)
    }

    /// The defaults: 30 minutes unused, 12 hours in all.
    fn clock() -> SessionClock {
        SessionClock::new(30, 12)
    }

    #[test]
    fn a_session_unused_for_its_idle_minutes_has_ended() {
        let used = at(600);
        assert!(!clock().has_ended(SIGN_IN, used, at(600 + 30 * 60 - 1)));
        assert!(clock().has_ended(SIGN_IN, used, at(600 + 30 * 60)));
        assert_eq!(clock().seconds_left(SIGN_IN, used, at(600 + 30 * 60 - 1)), 1);
        assert_eq!(clock().seconds_left(SIGN_IN, used, at(600 + 30 * 60)), 0);
    }

    #[test]
    fn a_session_ends_its_hours_after_sign_in_however_much_it_is_used() {
        let twelve_hours = 12 * 3600;
        assert_eq!(clock().absolute_end(SIGN_IN), at(twelve_hours));
        let just_used = at(twelve_hours - 5);
        assert!(!clock().has_ended(SIGN_IN, just_used, at(twelve_hours - 1)));
        assert!(clock().has_ended(SIGN_IN, just_used, at(twelve_hours)));
        assert_eq!(clock().end(SIGN_IN, just_used), at(twelve_hours), "the sooner limit ends it");
        assert_eq!(clock().seconds_left(SIGN_IN, just_used, at(twelve_hours - 5)), 5);
    }

    #[test]
    fn the_sweep_takes_exactly_the_sessions_that_have_ended() {
        let clock = SessionClock::new(1, 2);
        let now = at(3 * 3600);
        let ended = clock.ended_by(now);
        for signed_in in (-5..=5).map(|s| now.plus_seconds(-2 * 3600 + s)) {
            for last_used in (-5..=5).map(|s| now.plus_seconds(-60 + s)).filter(|used| *used >= signed_in) {
                let swept = last_used <= ended.last_used_at_or_before || signed_in <= ended.signed_in_at_or_before;
                assert_eq!(swept, clock.has_ended(signed_in, last_used, now), "signed in {signed_in}, last used {last_used}");
            }
        }
    }

    #[test]
    fn the_settings_read_as_minutes_and_hours() {
        assert_eq!(SessionClock::new(30, 12), SessionClock { idle_seconds: 1800, absolute_seconds: 43_200 });
    }
}
