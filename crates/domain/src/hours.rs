//! When advocates answer the phone, and whether they are available right now.
//!
//! Program description, "Convenient access": "Personal Health Advocates are available Monday
//! through Friday between 8:00 am and 12 midnight ET … Resources are available by phone 24/7 at
//! the same toll-free number and a Personal Health Advocate will outreach to the caller the
//! following business day." The program says nothing about holidays, so federal holidays are
//! ordinary working days unless the operator closes them (`closed_on_federal_holidays`, off by
//! default), and the hours then say so.

use crate::time::{Date, DateTime, Timestamp, UsTimeZone, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A time of day as minutes after midnight; `24:00` (1440) is the midnight that ends a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    pub const MIDNIGHT_END: ClockTime = ClockTime(1440);

    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        let minutes = u16::from(hour) * 60 + u16::from(minute);
        (minute < 60 && minutes <= 1440).then_some(Self(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// How a member reads it: "8:00 am", "12:30 pm", "midnight".
    pub fn spoken(self) -> String {
        let (hour, minute) = (self.0 / 60 % 24, self.0 % 60);
        if minute == 0 && hour == 0 {
            return "midnight".into();
        }
        if minute == 0 && hour == 12 {
            return "noon".into();
        }
        let suffix = if hour < 12 { "am" } else { "pm" };
        let hour12 = match hour % 12 {
            0 => 12,
            h => h,
        };
        format!("{hour12}:{minute:02} {suffix}")
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a time of day like 08:00 (00:00 to 24:00)")]
pub struct ClockTimeParseError;

impl std::str::FromStr for ClockTime {
    type Err = ClockTimeParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (h, m) = s.split_once(':').ok_or(ClockTimeParseError)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(ClockTimeParseError);
        }
        let h = h.parse().map_err(|_| ClockTimeParseError)?;
        let m = m.parse().map_err(|_| ClockTimeParseError)?;
        ClockTime::new(h, m).ok_or(ClockTimeParseError)
    }
}

crate::serde_as_string!(ClockTime);

/// The advocates' working hours. The line itself answers around the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvocateHours {
    /// Days advocates work, e.g. Monday to Friday.
    pub days: Vec<Weekday>,
    /// When advocates start answering, local time ("08:00").
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "08:00"))]
    pub opens: ClockTime,
    /// When they stop; "24:00" is midnight at the end of the day.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "24:00"))]
    pub closes: ClockTime,
    /// The zone the hours are kept in.
    pub time_zone: UsTimeZone,
    /// Whether US federal holidays are days off: an operator's setting, off by default, since
    /// the program's published hours name no holidays.
    #[serde(default)]
    pub closed_on_federal_holidays: bool,
}

/// Whether an advocate can take a call at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Availability {
    /// Advocates are answering until `until`.
    Open { until: Timestamp },
    /// Advocates are away; they are next answering at `next_opening`.
    Closed { next_opening: Timestamp },
}

impl AdvocateHours {
    /// The program's published hours: Monday through Friday, 8:00 am to midnight ET.
    pub fn program_default() -> Self {
        Self {
            days: vec![Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday],
            opens: ClockTime(8 * 60),
            closes: ClockTime::MIDNIGHT_END,
            time_zone: UsTimeZone::Eastern,
            closed_on_federal_holidays: false,
        }
    }

    /// Why these hours cannot be used, if they cannot.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.days.is_empty() {
            problems.push("hours.days must name at least one weekday".to_string());
        }
        if self.opens >= self.closes {
            problems.push(format!("hours.opens ({}) must be before hours.closes ({})", self.opens, self.closes));
        }
        problems
    }

    pub fn is_business_day(&self, date: Date) -> bool {
        self.days.contains(&date.weekday()) && !(self.closed_on_federal_holidays && federal_holiday(date).is_some())
    }

    pub fn availability(&self, now: Timestamp) -> Availability {
        let local = self.time_zone.to_local(now);
        let minute = ClockTime(local.minute_of_day());
        if self.is_business_day(local.date) && self.opens <= minute && minute < self.closes {
            Availability::Open { until: self.instant_on(local.date, self.closes) }
        } else {
            Availability::Closed { next_opening: self.next_opening_after(now) }
        }
    }

    /// The first opening time strictly after `now` (the start of the next working stretch).
    pub fn next_opening_after(&self, now: Timestamp) -> Timestamp {
        let today = self.time_zone.to_local(now).date;
        // Any set of working days repeats weekly; holidays never span more than a few days.
        (0..=21)
            .map(|offset| today.plus_days(offset))
            .filter(|&date| self.is_business_day(date))
            .map(|date| self.instant_on(date, self.opens))
            .find(|&opening| opening > now)
            .expect("hours with at least one working day open within three weeks")
    }

    /// The instant the local clock reads `time` on `date` (24:00 is the next day's 0:00).
    pub(crate) fn instant_on(&self, date: Date, time: ClockTime) -> Timestamp {
        let (date, minutes) = if time == ClockTime::MIDNIGHT_END { (date.plus_days(1), 0) } else { (date, time.0) };
        self.time_zone.to_instant(DateTime::at(date, (minutes / 60) as u8, (minutes % 60) as u8))
    }

    /// "Monday to Friday, 8:00 am to midnight ET", and ", except federal holidays" when the
    /// operator closes them.
    pub fn summary(&self) -> String {
        let days = match self.days.as_slice() {
            [] => String::new(),
            [only] => only.name().to_string(),
            [first, .., last] if self.days.windows(2).all(|w| w[1] as u8 == w[0] as u8 + 1) => {
                format!("{} to {}", first.name(), last.name())
            }
            many => many.iter().map(|d| d.name()).collect::<Vec<_>>().join(", "),
        };
        let holidays = if self.closed_on_federal_holidays { ", except federal holidays" } else { "" };
        format!("{days}, {} to {} {}{holidays}", self.opens.spoken(), self.closes.spoken(), self.time_zone.abbreviation())
    }

    /// The time of day of an instant in the program's zone: "midnight ET", "8:00 am ET".
    pub fn describe_time_of_day(&self, instant: Timestamp) -> String {
        let local = self.time_zone.to_local(instant);
        format!("{} {}", ClockTime(local.minute_of_day()).spoken(), self.time_zone.abbreviation())
    }

    /// An instant as a member reads it in the program's zone: "Monday, November 30 at 8:00 am ET".
    pub fn describe(&self, instant: Timestamp) -> String {
        let local = self.time_zone.to_local(instant);
        format!(
            "{}, {} {} at {} {}",
            local.date.weekday().name(),
            local.date.month_name(),
            local.date.day,
            ClockTime(local.minute_of_day()).spoken(),
            self.time_zone.abbreviation()
        )
    }
}

/// The US federal holiday observed on `date`, if any (5 U.S.C. 6103; a holiday on a Saturday is
/// observed the Friday before, on a Sunday the Monday after).
pub fn federal_holiday(date: Date) -> Option<&'static str> {
    use Weekday::*;
    let fixed = |year: i32, month: u8, day: u8| {
        let actual = Date { year, month, day };
        match actual.weekday() {
            Saturday => actual.plus_days(-1),
            Sunday => actual.plus_days(1),
            _ => actual,
        }
    };
    let y = date.year;
    let holidays = [
        (fixed(y, 1, 1), "New Year's Day"),
        // New Year's Day of next year falling on a Saturday is observed on December 31.
        (fixed(y + 1, 1, 1), "New Year's Day"),
        (Date::nth_weekday(y, 1, Monday, 3), "Martin Luther King Jr. Day"),
        (Date::nth_weekday(y, 2, Monday, 3), "Washington's Birthday"),
        (Date::last_weekday(y, 5, Monday), "Memorial Day"),
        (fixed(y, 6, 19), "Juneteenth National Independence Day"),
        (fixed(y, 7, 4), "Independence Day"),
        (Date::nth_weekday(y, 9, Monday, 1), "Labor Day"),
        (Date::nth_weekday(y, 10, Monday, 2), "Columbus Day"),
        (fixed(y, 11, 11), "Veterans Day"),
        (Date::nth_weekday(y, 11, Thursday, 4), "Thanksgiving Day"),
        (fixed(y, 12, 25), "Christmas Day"),
    ];
    holidays
        .into_iter()
        .filter(|(_, name)| *name != "Juneteenth National Independence Day" || y >= 2021)
        .find(|(observed, _)| *observed == date)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{et, hours};

    #[test]
    fn closed_at_7_59_am_on_a_weekday_and_opening_at_8() {
        let now = et((2026, 12, 1), 7, 59);
        assert_eq!(hours().availability(now), Availability::Closed { next_opening: et((2026, 12, 1), 8, 0) });
    }

    #[test]
    fn open_at_8_00_am_until_midnight() {
        let now = et((2026, 12, 1), 8, 0);
        assert_eq!(hours().availability(now), Availability::Open { until: et((2026, 12, 2), 0, 0) });
    }

    #[test]
    fn open_at_11_59_pm() {
        assert!(matches!(hours().availability(et((2026, 12, 1), 23, 59)), Availability::Open { .. }));
    }

    #[test]
    fn closed_at_midnight_until_8_am() {
        let now = et((2026, 12, 2), 0, 0);
        assert_eq!(hours().availability(now), Availability::Closed { next_opening: et((2026, 12, 2), 8, 0) });
    }

    #[test]
    fn closed_all_weekend_until_monday_8_am() {
        let monday = et((2026, 12, 7), 8, 0);
        for now in [et((2026, 12, 5), 0, 0), et((2026, 12, 5), 12, 0), et((2026, 12, 6), 23, 59)] {
            assert_eq!(hours().availability(now), Availability::Closed { next_opening: monday });
        }
    }

    #[test]
    fn friday_night_after_midnight_is_the_weekend() {
        let now = et((2026, 12, 4), 23, 58);
        assert_eq!(hours().availability(now), Availability::Open { until: et((2026, 12, 5), 0, 0) });
        assert_eq!(hours().next_opening_after(now), et((2026, 12, 7), 8, 0));
    }

    #[test]
    fn a_weekday_federal_holiday_at_10_am_is_a_working_day_by_default() {
        // Thanksgiving 2026 is Thursday November 26: the program's hours name no holidays.
        let now = et((2026, 11, 26), 10, 0);
        assert_eq!(hours().availability(now), Availability::Open { until: et((2026, 11, 27), 0, 0) });
        assert_eq!(hours().summary(), "Monday to Friday, 8:00 am to midnight ET");
    }

    #[test]
    fn federal_holidays_are_days_off_when_the_operator_closes_them() {
        let closed = AdvocateHours { closed_on_federal_holidays: true, ..hours() };
        let now = et((2026, 11, 26), 10, 0);
        assert_eq!(closed.availability(now), Availability::Closed { next_opening: et((2026, 11, 27), 8, 0) });
        assert_eq!(closed.summary(), "Monday to Friday, 8:00 am to midnight ET, except federal holidays");
    }

    #[test]
    fn hours_hold_across_the_spring_daylight_saving_change() {
        // Monday 2026-03-09 is the first weekday of daylight time: 8:00 am EDT is 12:00Z.
        let now = et((2026, 3, 7), 12, 0);
        assert_eq!(
            hours().availability(now),
            Availability::Closed { next_opening: Timestamp::from_unix_seconds(et((2026, 3, 9), 8, 0).unix_seconds()) }
        );
        assert_eq!(et((2026, 3, 9), 8, 0).to_string(), "2026-03-09T12:00:00Z");
        assert!(matches!(hours().availability("2026-03-09T12:00:00Z".parse().unwrap()), Availability::Open { .. }));
        assert!(matches!(hours().availability("2026-03-09T11:59:59Z".parse().unwrap()), Availability::Closed { .. }));
    }

    #[test]
    fn hours_hold_across_the_autumn_daylight_saving_change() {
        // Monday 2026-11-02 is the first weekday of standard time: 8:00 am EST is 13:00Z.
        assert!(matches!(hours().availability("2026-11-02T12:59:59Z".parse().unwrap()), Availability::Closed { .. }));
        assert!(matches!(hours().availability("2026-11-02T13:00:00Z".parse().unwrap()), Availability::Open { .. }));
        // Friday 2026-10-30 still closes at midnight EDT, 04:00Z.
        assert_eq!(
            hours().availability("2026-10-30T20:00:00Z".parse().unwrap()),
            Availability::Open { until: "2026-10-31T04:00:00Z".parse().unwrap() }
        );
    }

    #[test]
    fn observed_federal_holidays() {
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(federal_holiday(d(2026, 7, 3)), Some("Independence Day")); // July 4 is a Saturday
        assert_eq!(federal_holiday(d(2026, 7, 4)), None);
        assert_eq!(federal_holiday(d(2027, 12, 31)), Some("New Year's Day")); // Jan 1 2028 is a Saturday
        assert_eq!(federal_holiday(d(2027, 12, 24)), Some("Christmas Day")); // Dec 25 2027 is a Saturday
        assert_eq!(federal_holiday(d(2026, 1, 19)), Some("Martin Luther King Jr. Day"));
        assert_eq!(federal_holiday(d(2026, 5, 25)), Some("Memorial Day"));
        assert_eq!(federal_holiday(d(2026, 6, 19)), Some("Juneteenth National Independence Day"));
        assert_eq!(federal_holiday(d(2020, 6, 19)), None);
        assert_eq!(federal_holiday(d(2026, 11, 27)), None);
    }

    #[test]
    fn clock_times_read_naturally() {
        assert_eq!(ClockTime::new(8, 0).unwrap().spoken(), "8:00 am");
        assert_eq!(ClockTime::new(12, 0).unwrap().spoken(), "noon");
        assert_eq!(ClockTime::new(17, 30).unwrap().spoken(), "5:30 pm");
        assert_eq!(ClockTime::MIDNIGHT_END.spoken(), "midnight");
        assert_eq!("24:00".parse::<ClockTime>(), Ok(ClockTime::MIDNIGHT_END));
        assert!("24:01".parse::<ClockTime>().is_err());
        assert!("8:00".parse::<ClockTime>().is_err());
    }

    #[test]
    fn the_program_hours_summarise_in_one_line() {
        assert_eq!(hours().summary(), "Monday to Friday, 8:00 am to midnight ET");
        assert_eq!(hours().describe(et((2026, 11, 30), 8, 0)), "Monday, November 30 at 8:00 am ET");
        assert_eq!(hours().describe_time_of_day(et((2026, 12, 1), 0, 0)), "midnight ET");
    }

    #[test]
    fn hours_that_never_open_are_refused() {
        let mut bad = hours();
        bad.days.clear();
        bad.opens = ClockTime::MIDNIGHT_END;
        assert_eq!(bad.problems().len(), 2);
        assert!(hours().problems().is_empty());
    }
}
