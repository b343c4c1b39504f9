//! Civil time without a time-zone database.
//!
//! The SPA runs as wasm with no zoneinfo, and bundling the whole tz database would cost more
//! than the rest of the app. Advocate only needs US zones, whose rules since 2007 are fixed by
//! the Energy Policy Act of 2005: daylight time from 2:00 am on the second Sunday of March to
//! 2:00 am on the first Sunday of November. Tests cross-check every hour of 2007–2040 against
//! the system tz database.

use serde::{Deserialize, Serialize};
use std::fmt;

const SECONDS_PER_DAY: i64 = 86_400;

/// An instant, as whole seconds since 1970-01-01T00:00:00Z. On the wire it is an RFC 3339
/// string in UTC ("2026-11-27T22:33:10Z").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The UTC date and time of this instant.
    pub fn to_utc(self) -> DateTime {
        DateTime::from_seconds_since_epoch(self.0)
    }

    /// The instant at which a UTC wall clock shows `utc`.
    pub fn from_utc(utc: DateTime) -> Self {
        Self(utc.seconds_since_epoch())
    }

    pub fn plus_seconds(self, seconds: i64) -> Self {
        Self(self.0 + seconds)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.to_utc();
        write!(f, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.date.year, t.date.month, t.date.day, t.hour, t.minute, t.second)
    }
}

/// Why a string is not an RFC 3339 UTC timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a UTC time like 2026-11-27T22:33:10Z")]
pub struct TimestampParseError;

impl std::str::FromStr for Timestamp {
    type Err = TimestampParseError;

    /// Accepts `YYYY-MM-DDTHH:MM:SSZ`, optionally with fractional seconds (dropped).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.strip_suffix('Z').ok_or(TimestampParseError)?;
        let s = s.split_once('.').map_or(s, |(whole, _fraction)| whole);
        let b = s.as_bytes();
        if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return Err(TimestampParseError);
        }
        let num = |range: std::ops::Range<usize>| -> Result<u32, TimestampParseError> {
            s[range].parse::<u32>().map_err(|_| TimestampParseError)
        };
        let year = num(0..4)? as i32;
        let date = Date::new(year, num(5..7)? as u8, num(8..10)? as u8).ok_or(TimestampParseError)?;
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimestampParseError);
        }
        Ok(Self::from_utc(DateTime { date, hour: hour as u8, minute: minute as u8, second: second as u8 }))
    }
}

crate::serde_as_string!(Timestamp);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] =
        [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// A day of the (proleptic Gregorian) calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// ISO 8601 on the wire and in files: "2025-03-01".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter a date as YYYY-MM-DD, like 2025-03-01")]
pub struct DateParseError;

impl std::str::FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.trim().splitn(3, '-');
        let mut next = |len: usize| parts.next().filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).ok_or(DateParseError);
        let (year, month, day) = (next(4)?, next(2)?, next(2)?);
        Date::new(
            year.parse().map_err(|_| DateParseError)?,
            month.parse().map_err(|_| DateParseError)?,
            day.parse().map_err(|_| DateParseError)?,
        )
        .ok_or(DateParseError)
    }
}

crate::serde_as_string!(Date);

impl Date {
    /// A date, if it exists on the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month)).contains(&day).then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    pub fn plus_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The `n`th (1-based) given weekday of a month, e.g. the second Sunday of March.
    pub fn nth_weekday(year: i32, month: u8, weekday: Weekday, n: u8) -> Self {
        let first = Self { year, month, day: 1 };
        let offset = (weekday as i64 - first.weekday() as i64).rem_euclid(7);
        first.plus_days(offset + 7 * i64::from(n - 1))
    }

    /// The last given weekday of a month, e.g. the last Monday of May.
    pub fn last_weekday(year: i32, month: u8, weekday: Weekday) -> Self {
        let last = Self { year, month, day: days_in_month(year, month) };
        let back = (last.weekday() as i64 - weekday as i64).rem_euclid(7);
        last.plus_days(-back)
    }

    /// The date as a letter writes it: "November 2, 2026".
    pub fn written(self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }

    pub fn month_name(self) -> &'static str {
        const NAMES: [&str; 12] =
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        NAMES[usize::from(self.month - 1)]
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A wall-clock reading: a date and a time of day to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl DateTime {
    pub fn at(date: Date, hour: u8, minute: u8) -> Self {
        Self { date, hour, minute, second: 0 }
    }

    fn from_seconds_since_epoch(seconds: i64) -> Self {
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let secs = seconds.rem_euclid(SECONDS_PER_DAY);
        Self {
            date: Date::from_days_since_epoch(days),
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    fn seconds_since_epoch(self) -> i64 {
        self.date.days_since_epoch() * SECONDS_PER_DAY + i64::from(self.minute_of_day()) * 60 + i64::from(self.second)
    }

    /// Minutes since local midnight, 0..1440.
    pub fn minute_of_day(self) -> u16 {
        u16::from(self.hour) * 60 + u16::from(self.minute)
    }
}

/// The US time zones a program can keep its hours in. All observe daylight saving time under
/// the federal rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum UsTimeZone {
    #[serde(rename = "America/New_York")]
    Eastern,
    #[serde(rename = "America/Chicago")]
    Central,
    #[serde(rename = "America/Denver")]
    Mountain,
    #[serde(rename = "America/Los_Angeles")]
    Pacific,
}

impl UsTimeZone {
    fn standard_offset_hours(self) -> i64 {
        match self {
            UsTimeZone::Eastern => -5,
            UsTimeZone::Central => -6,
            UsTimeZone::Mountain => -7,
            UsTimeZone::Pacific => -8,
        }
    }

    /// The short name a member reads after a time: "ET", "CT"…
    pub fn abbreviation(self) -> &'static str {
        match self {
            UsTimeZone::Eastern => "ET",
            UsTimeZone::Central => "CT",
            UsTimeZone::Mountain => "MT",
            UsTimeZone::Pacific => "PT",
        }
    }

    /// Daylight time runs from 2:00 am local standard time on the second Sunday of March to
    /// 2:00 am local daylight time on the first Sunday of November.
    fn is_daylight_time(self, instant: Timestamp) -> bool {
        let year = instant.to_utc().date.year;
        let standard = self.standard_offset_hours() * 3600;
        let starts = DateTime::at(Date::nth_weekday(year, 3, Weekday::Sunday, 2), 2, 0);
        let ends = DateTime::at(Date::nth_weekday(year, 11, Weekday::Sunday, 1), 2, 0);
        let starts_utc = starts.seconds_since_epoch() - standard;
        let ends_utc = ends.seconds_since_epoch() - (standard + 3600);
        (starts_utc..ends_utc).contains(&instant.unix_seconds())
    }

    fn offset_seconds(self, instant: Timestamp) -> i64 {
        let dst = if self.is_daylight_time(instant) { 3600 } else { 0 };
        self.standard_offset_hours() * 3600 + dst
    }

    /// The local wall-clock reading at an instant.
    pub fn to_local(self, instant: Timestamp) -> DateTime {
        DateTime::from_seconds_since_epoch(instant.unix_seconds() + self.offset_seconds(instant))
    }

    /// The instant a local wall clock shows `local`. In the hour skipped in March this is the
    /// instant an hour later on the clock; in the hour repeated in November, the first of the two.
    pub fn to_instant(self, local: DateTime) -> Timestamp {
        let wall = local.seconds_since_epoch();
        let daylight = Timestamp(wall - (self.standard_offset_hours() * 3600 + 3600));
        if self.is_daylight_time(daylight) { daylight } else { Timestamp(wall - self.standard_offset_hours() * 3600) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn dates_round_trip_through_days_since_epoch() {
        for days in -800_000..800_000 {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days);
            assert_eq!(Date::new(date.year, date.month, date.day), Some(date));
        }
    }

    #[test]
    fn known_weekdays() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), Weekday::Thursday);
        assert_eq!(Date::new(2026, 11, 27).unwrap().weekday(), Weekday::Friday);
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), Weekday::Tuesday);
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(Date::new(2025, 2, 29), None);
        assert_eq!(Date::new(2025, 13, 1), None);
        assert_eq!(Date::new(2025, 4, 31), None);
        assert!(Date::new(2024, 2, 29).is_some());
    }

    #[test]
    fn nth_and_last_weekdays() {
        assert_eq!(Date::nth_weekday(2026, 3, Weekday::Sunday, 2), Date::new(2026, 3, 8).unwrap());
        assert_eq!(Date::nth_weekday(2026, 11, Weekday::Sunday, 1), Date::new(2026, 11, 1).unwrap());
        assert_eq!(Date::nth_weekday(2026, 11, Weekday::Thursday, 4), Date::new(2026, 11, 26).unwrap());
        assert_eq!(Date::last_weekday(2026, 5, Weekday::Monday), Date::new(2026, 5, 25).unwrap());
    }

    #[test]
    fn timestamps_round_trip_as_rfc3339() {
        let t = ts("2026-11-27T22:33:10Z");
        assert_eq!(t.to_string(), "2026-11-27T22:33:10Z");
        assert_eq!(ts("2026-11-27T22:33:10.123Z"), t);
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2026-11-27T22:33:10Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>("\"2026-11-27T22:33:10Z\"").unwrap(), t);
    }

    #[test]
    fn malformed_timestamps_are_refused() {
        for bad in ["", "2026-11-27", "2026-11-27T22:33:10", "2026-11-27T22:33:10+01:00", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z"] {
            assert_eq!(bad.parse::<Timestamp>(), Err(TimestampParseError), "{bad}");
        }
    }

    #[test]
    fn eastern_time_switches_to_daylight_time_on_the_second_sunday_of_march() {
        let et = UsTimeZone::Eastern;
        // 2026-03-08 01:59:59 EST is 06:59:59Z; one second later the clock reads 03:00 EDT.
        assert_eq!(
            et.to_local(ts("2026-03-08T06:59:59Z")),
            DateTime { date: Date::new(2026, 3, 8).unwrap(), hour: 1, minute: 59, second: 59 }
        );
        assert_eq!(et.to_local(ts("2026-03-08T07:00:00Z")), DateTime::at(Date::new(2026, 3, 8).unwrap(), 3, 0));
        // 2:30 am does not exist that day; it is read as 3:30 am EDT.
        assert_eq!(et.to_instant(DateTime::at(Date::new(2026, 3, 8).unwrap(), 2, 30)), ts("2026-03-08T07:30:00Z"));
    }

    #[test]
    fn eastern_time_falls_back_on_the_first_sunday_of_november() {
        let et = UsTimeZone::Eastern;
        let day = Date::new(2026, 11, 1).unwrap();
        assert_eq!(et.to_local(ts("2026-11-01T05:59:59Z")), DateTime { date: day, hour: 1, minute: 59, second: 59 });
        assert_eq!(et.to_local(ts("2026-11-01T06:00:00Z")), DateTime::at(day, 1, 0));
        // 1:30 am happens twice; the first one (EDT) is chosen.
        assert_eq!(et.to_instant(DateTime::at(day, 1, 30)), ts("2026-11-01T05:30:00Z"));
        assert_eq!(et.to_instant(DateTime::at(day, 8, 0)), ts("2026-11-01T13:00:00Z"));
    }

    #[test]
    fn us_zones_agree_with_the_tz_database_every_hour_from_2007_to_2040() {
        for (zone, name) in [
            (UsTimeZone::Eastern, "America/New_York"),
            (UsTimeZone::Central, "America/Chicago"),
            (UsTimeZone::Mountain, "America/Denver"),
            (UsTimeZone::Pacific, "America/Los_Angeles"),
        ] {
            let tz = jiff::tz::TimeZone::get(name).expect("the system tz database (tzdata) has US zones");
            let start = ts("2007-01-01T00:00:00Z").unix_seconds();
            let end = ts("2040-12-31T00:00:00Z").unix_seconds();
            for seconds in (start..end).step_by(3600) {
                let expected = tz.to_datetime(jiff::Timestamp::from_second(seconds).unwrap());
                let local = zone.to_local(Timestamp(seconds));
                assert_eq!(
                    (local.date.year, local.date.month, local.date.day, local.hour, local.minute),
                    (expected.year() as i32, expected.month() as u8, expected.day() as u8, expected.hour() as u8, expected.minute() as u8),
                    "{name} at {}",
                    Timestamp(seconds)
                );
            }
        }
    }
}
