//! When an advocate will reach out about a request.
//!
//! Program description: advocates work Monday to Friday, 8:00 am to midnight ET; "Resources are
//! available by phone 24/7 … and a Personal Health Advocate will outreach to the caller the
//! following business day." So a request sent outside the hours is promised the following
//! business day. One sent while advocates are working is not promised today (the program does
//! not say so): today is shown as what we expect, with at least an hour of the member's chosen
//! time left. Either way the window is narrowed to the time of day the member chose, and
//! General Condition 8 (no liability for delays beyond either party's control) is stated beside it.

use crate::hours::{AdvocateHours, Availability, ClockTime};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// How much of the chosen time must be left for today to be expected.
const SAME_DAY_MARGIN_SECONDS: i64 = 3600;

/// General Condition 8, in plain words, shown beside every outreach window.
pub const DELAYS: &str = "Events outside anyone's control, such as severe weather or a power cut, can delay an advocate's call; the program's conditions say so.";

/// The window in which an advocate will reach out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachWindow {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-30T13:00:00Z"))]
    pub from: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-01T05:00:00Z"))]
    pub by: Timestamp,
}

impl ContactTime {
    /// The part of the day, Eastern time, that the member chose.
    pub fn band(self) -> (ClockTime, ClockTime) {
        let at = |hour| ClockTime::new(hour, 0).expect("a whole hour");
        match self {
            ContactTime::Anytime => (at(0), ClockTime::MIDNIGHT_END),
            ContactTime::Morning => (at(8), at(12)),
            ContactTime::Afternoon => (at(12), at(17)),
            ContactTime::Evening => (at(17), ClockTime::MIDNIGHT_END),
        }
    }
}

impl AdvocateHours {
    /// The outreach window for a request submitted at `submitted`, at any time advocates work.
    pub fn outreach_window(&self, submitted: Timestamp) -> OutreachWindow {
        self.outreach_window_for(submitted, ContactTime::Anytime)
    }

    /// The outreach window for a request submitted at `submitted` by a member who would like to
    /// be reached in `best_time`: the chosen part of the working day, today when at least an
    /// hour of it is left, else on the next business day.
    pub fn outreach_window_for(&self, submitted: Timestamp, best_time: ContactTime) -> OutreachWindow {
        let (start, end) = self.chosen_part_of_day(best_time);
        let today = self.time_zone.to_local(submitted).date;
        (0..=21)
            .map(|offset| today.plus_days(offset))
            .filter(|&date| self.is_business_day(date))
            .map(|date| (self.instant_on(date, start), self.instant_on(date, end)))
            .find(|&(_, by)| by.unix_seconds() - submitted.unix_seconds() >= SAME_DAY_MARGIN_SECONDS)
            .map(|(from, by)| OutreachWindow { from: from.max(submitted), by })
            .expect("hours with at least one working day open within three weeks")
    }

    /// The member's chosen part of the day within the working hours; all the hours when the two
    /// do not meet (an employer with short hours and an "evening" choice).
    fn chosen_part_of_day(&self, best_time: ContactTime) -> (ClockTime, ClockTime) {
        let (start, end) = best_time.band();
        let (start, end) = (start.max(self.opens), end.min(self.closes));
        if start < end { (start, end) } else { (self.opens, self.closes) }
    }

    /// Whether the member was told to expect today (sent while advocates were working) rather
    /// than promised the following business day.
    pub fn outreach_expected_today(&self, window: OutreachWindow, submitted: Timestamp) -> bool {
        let tz = self.time_zone;
        matches!(self.availability(submitted), Availability::Open { .. }) && tz.to_local(window.from).date == tz.to_local(submitted).date
    }

    /// The window in words, as seen at `now`: "today, by 5:00 pm ET", "today, between noon and
    /// 5:00 pm ET" or "on Monday, November 30, between 8:00 am and midnight ET".
    pub fn describe_outreach(&self, window: OutreachWindow, now: Timestamp) -> String {
        let tz = self.time_zone;
        let local = tz.to_local(window.from);
        let from = ClockTime::new(local.hour, local.minute).map(|t| t.spoken()).unwrap_or_default();
        if local.date == tz.to_local(now).date {
            if window.from <= now.plus_seconds(60) {
                format!("today, by {}", self.describe_time_of_day(window.by))
            } else {
                format!("today, between {from} and {}", self.describe_time_of_day(window.by))
            }
        } else {
            format!(
                "on {}, {} {}, between {from} and {}",
                local.date.weekday().name(),
                local.date.month_name(),
                local.date.day,
                self.describe_time_of_day(window.by)
            )
        }
    }

    /// The whole sentence for the confirmation and the status page: what is expected today, or
    /// what the program promises for the following business day.
    pub fn outreach_sentence(&self, window: OutreachWindow, submitted: Timestamp, now: Timestamp) -> String {
        let when = self.describe_outreach(window, now);
        if self.outreach_expected_today(window, submitted) {
            format!("An advocate will contact you. We expect it {when}, but cannot promise it.")
        } else {
            format!("An advocate will contact you {when}.")
        }
    }
}

/// When, within advocate hours, the member would like the call (Eastern time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactTime {
    Anytime,
    Morning,
    Afternoon,
    Evening,
}

impl ContactTime {
    pub const ALL: [ContactTime; 4] = [ContactTime::Anytime, ContactTime::Morning, ContactTime::Afternoon, ContactTime::Evening];

    /// As on the wire and in a form's option values.
    pub fn slug(self) -> &'static str {
        match self {
            ContactTime::Anytime => "anytime",
            ContactTime::Morning => "morning",
            ContactTime::Afternoon => "afternoon",
            ContactTime::Evening => "evening",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContactTime::Anytime => "Any time advocates are working",
            ContactTime::Morning => "Morning, 8:00 am to noon ET",
            ContactTime::Afternoon => "Afternoon, noon to 5:00 pm ET",
            ContactTime::Evening => "Evening, 5:00 pm to midnight ET",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{et, hours};

    #[test]
    fn a_request_on_a_weekday_afternoon_is_expected_the_same_day() {
        let submitted = et((2026, 12, 1), 14, 0);
        let window = hours().outreach_window(submitted);
        assert_eq!(window, OutreachWindow { from: submitted, by: et((2026, 12, 2), 0, 0) });
        assert_eq!(hours().describe_outreach(window, submitted), "today, by midnight ET");
    }

    #[test]
    fn a_request_at_11_58_pm_friday_is_promised_monday() {
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
    fn weekend_requests_wait_for_the_next_business_day_and_holidays_only_when_closed() {
        assert_eq!(hours().outreach_window(et((2026, 12, 5), 10, 0)).from, et((2026, 12, 7), 8, 0));
        // By default Thanksgiving is a working day.
        assert_eq!(hours().outreach_window(et((2026, 11, 26), 10, 0)).from, et((2026, 11, 26), 10, 0));
        let closed = AdvocateHours { closed_on_federal_holidays: true, ..hours() };
        // Thanksgiving Thursday → Friday.
        assert_eq!(closed.outreach_window(et((2026, 11, 26), 10, 0)).from, et((2026, 11, 27), 8, 0));
        // Friday December 24, 2027 is Christmas observed; Saturday and Sunday follow.
        assert_eq!(closed.outreach_window(et((2027, 12, 23), 23, 30)).from, et((2027, 12, 27), 8, 0));
        // Friday July 3, 2026 is Independence Day observed.
        assert_eq!(closed.outreach_window(et((2026, 7, 2), 23, 58)).from, et((2026, 7, 6), 8, 0));
    }

    #[test]
    fn the_window_is_the_time_of_day_the_member_chose() {
        // Tuesday 10:00 am, afternoon chosen: today from noon to 5 pm.
        let submitted = et((2026, 12, 1), 10, 0);
        let window = hours().outreach_window_for(submitted, ContactTime::Afternoon);
        assert_eq!(window, OutreachWindow { from: et((2026, 12, 1), 12, 0), by: et((2026, 12, 1), 17, 0) });
        assert_eq!(hours().describe_outreach(window, submitted), "today, between noon and 5:00 pm ET");
        // Tuesday 4:01 pm, afternoon chosen: under an hour left, so Wednesday afternoon.
        let late = hours().outreach_window_for(et((2026, 12, 1), 16, 1), ContactTime::Afternoon);
        assert_eq!(late, OutreachWindow { from: et((2026, 12, 2), 12, 0), by: et((2026, 12, 2), 17, 0) });
        // Exactly an hour left is still today.
        assert_eq!(hours().outreach_window_for(et((2026, 12, 1), 16, 0), ContactTime::Afternoon).from, et((2026, 12, 1), 16, 0));
        // Friday evening, morning chosen: Monday morning.
        let monday = hours().outreach_window_for(et((2026, 12, 4), 19, 0), ContactTime::Morning);
        assert_eq!(monday, OutreachWindow { from: et((2026, 12, 7), 8, 0), by: et((2026, 12, 7), 12, 0) });
        assert_eq!(hours().describe_outreach(monday, et((2026, 12, 4), 19, 0)), "on Monday, December 7, between 8:00 am and noon ET");
    }

    #[test]
    fn a_request_during_hours_is_expected_today_and_one_after_hours_promised_the_next_business_day() {
        let during = et((2026, 12, 1), 14, 0);
        let window = hours().outreach_window(during);
        assert_eq!(
            hours().outreach_sentence(window, during, during),
            "An advocate will contact you. We expect it today, by midnight ET, but cannot promise it."
        );
        let after = et((2026, 12, 4), 23, 58);
        let window = hours().outreach_window(after);
        assert_eq!(
            hours().outreach_sentence(window, after, after),
            "An advocate will contact you on Monday, December 7, between 8:00 am and midnight ET."
        );
        // Before opening on a business day: the following business day is today, as promised.
        let early = et((2026, 12, 1), 6, 30);
        let window = hours().outreach_window(early);
        assert!(!hours().outreach_expected_today(window, early));
        assert_eq!(hours().outreach_sentence(window, early, early), "An advocate will contact you today, between 8:00 am and midnight ET.");
    }

    #[test]
    fn a_choice_outside_an_employers_short_hours_falls_back_to_all_the_hours() {
        let short = AdvocateHours { closes: ClockTime::new(16, 0).unwrap(), ..hours() };
        let window = short.outreach_window_for(et((2026, 12, 1), 9, 0), ContactTime::Evening);
        assert_eq!(window, OutreachWindow { from: et((2026, 12, 1), 9, 0), by: et((2026, 12, 1), 16, 0) });
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
