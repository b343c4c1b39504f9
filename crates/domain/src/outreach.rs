//! When an advocate will reach out about a request.
//!
//! Program description: advocates work Monday to Friday, 8:00 am to midnight ET; "Resources are
//! available by phone 24/7 … and a Personal Health Advocate will outreach to the caller the
//! following business day." A request sent while advocates are working, with at least an hour of
//! the day left, is picked up the same day; any other request on the next business day.

use crate::hours::{AdvocateHours, Availability};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// How much of the working day must be left for a same-day promise.
const SAME_DAY_MARGIN_SECONDS: i64 = 3600;

/// The window in which an advocate promises to reach out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachWindow {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-30T13:00:00Z"))]
    pub from: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-01T05:00:00Z"))]
    pub by: Timestamp,
}

impl AdvocateHours {
    /// The promised outreach window for a request submitted at `submitted`.
    pub fn outreach_window(&self, submitted: Timestamp) -> OutreachWindow {
        match self.availability(submitted) {
            Availability::Open { until } if until.unix_seconds() - submitted.unix_seconds() >= SAME_DAY_MARGIN_SECONDS => {
                OutreachWindow { from: submitted, by: until }
            }
            _ => {
                // The next working stretch that starts after the moment of submission.
                let from = self.next_opening_after(submitted);
                let by = match self.availability(from) {
                    Availability::Open { until } => until,
                    Availability::Closed { .. } => unreachable!("hours are open at their own opening"),
                };
                OutreachWindow { from, by }
            }
        }
    }

    /// The promise in words, as seen at `now`: "today, by midnight ET" or "on Monday, November 30,
    /// between 8:00 am and midnight ET".
    pub fn describe_outreach(&self, window: OutreachWindow, now: Timestamp) -> String {
        let tz = self.time_zone;
        if tz.to_local(window.from).date == tz.to_local(now).date && window.from <= now.plus_seconds(60) {
            format!("today, by {}", self.describe_time_of_day(window.by))
        } else {
            let local = tz.to_local(window.from);
            format!(
                "on {}, {} {}, between {} and {}",
                local.date.weekday().name(),
                local.date.month_name(),
                local.date.day,
                crate::hours::ClockTime::new(local.hour, local.minute).map(|t| t.spoken()).unwrap_or_default(),
                self.describe_time_of_day(window.by)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{et, hours};

    #[test]
    fn a_request_on_a_weekday_afternoon_is_answered_the_same_day() {
        let submitted = et((2026, 12, 1), 14, 0);
        let window = hours().outreach_window(submitted);
        assert_eq!(window, OutreachWindow { from: submitted, by: et((2026, 12, 2), 0, 0) });
        assert_eq!(hours().describe_outreach(window, submitted), "today, by midnight ET");
    }

    #[test]
    fn a_request_at_11_58_pm_friday_is_answered_on_monday() {
        let window = hours().outreach_window(et((2026, 12, 4), 23, 58));
        assert_eq!(window, OutreachWindow { from: et((2026, 12, 7), 8, 0), by: et((2026, 12, 8), 0, 0) });
        assert_eq!(hours().describe_outreach(window, et((2026, 12, 4), 23, 58)), "on Monday, December 7, between 8:00 am and midnight ET");
    }

    #[test]
    fn a_request_with_under_an_hour_left_waits_for_the_next_business_day() {
        let window = hours().outreach_window(et((2026, 12, 1), 23, 1));
        assert_eq!(window.from, et((2026, 12, 2), 8, 0));
        let window = hours().outreach_window(et((2026, 12, 1), 23, 0));
        assert_eq!(window.from, et((2026, 12, 1), 23, 0), "exactly an hour left is still the same day");
    }

    #[test]
    fn a_request_before_opening_is_answered_from_opening_that_day() {
        let window = hours().outreach_window(et((2026, 12, 1), 6, 30));
        assert_eq!(window, OutreachWindow { from: et((2026, 12, 1), 8, 0), by: et((2026, 12, 2), 0, 0) });
    }

    #[test]
    fn weekend_and_holiday_requests_wait_for_the_next_business_day() {
        assert_eq!(hours().outreach_window(et((2026, 12, 5), 10, 0)).from, et((2026, 12, 7), 8, 0));
        // Thanksgiving Thursday → Friday.
        assert_eq!(hours().outreach_window(et((2026, 11, 26), 10, 0)).from, et((2026, 11, 27), 8, 0));
        // Friday December 24, 2027 is Christmas observed; Saturday and Sunday follow.
        assert_eq!(hours().outreach_window(et((2027, 12, 23), 23, 30)).from, et((2027, 12, 27), 8, 0));
        // Friday July 3, 2026 is Independence Day observed.
        assert_eq!(hours().outreach_window(et((2026, 7, 2), 23, 58)).from, et((2026, 7, 6), 8, 0));
    }

    #[test]
    fn windows_follow_the_daylight_saving_changes() {
        // Saturday before the spring change → Monday 8:00 am EDT (12:00Z).
        assert_eq!(hours().outreach_window(et((2026, 3, 7), 20, 0)).from.to_string(), "2026-03-09T12:00:00Z");
        // Saturday before the autumn change → Monday 8:00 am EST (13:00Z), by midnight EST (05:00Z).
        let window = hours().outreach_window(et((2026, 10, 31), 20, 0));
        assert_eq!(window.from.to_string(), "2026-11-02T13:00:00Z");
        assert_eq!(window.by.to_string(), "2026-11-03T05:00:00Z");
    }
}
