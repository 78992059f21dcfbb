//! RFC 3339 timestamps, parsed without a date library: the model only needs to check them,
//! order them, and compare them with "now".

use std::fmt;

/// A moment in time as written in the document, plus its value in Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    unix_ms: i64,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`. A time zone is required: a bare local
    /// time would mean different moments to different readers.
    pub fn parse(text: &str) -> Result<Self, String> {
        let err = || format!("`{text}` is not an RFC 3339 date-time like 2020-10-09T14:30:00Z");
        let b = text.as_bytes();
        if b.len() < 17 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't') || b[13] != b':' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i64, String> {
            let s = text.get(r).ok_or_else(err)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            s.parse::<i64>().map_err(|_| err())
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute) = (num(11..13)?, num(14..16)?);
        let mut i = 16;
        let mut second = 0;
        let mut millis = 0;
        if b.get(i) == Some(&b':') {
            second = num(i + 1..i + 3)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && b[end].is_ascii_digit() {
                    end += 1;
                }
                if end == start {
                    return Err(err());
                }
                let frac = &text[start..end.min(start + 3)];
                millis = frac.parse::<i64>().map_err(|_| err())? * 10_i64.pow(3 - frac.len() as u32);
                i = end;
            }
        }
        let (offset_hours, offset_mins, offset_sign) = match b.get(i) {
            Some(b'Z') | Some(b'z') if i + 1 == b.len() => (0, 0, 1),
            Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
                (num(i + 1..i + 3)?, num(i + 4..i + 6)?, if *sign == b'-' { -1 } else { 1 })
            }
            _ => return Err(err()),
        };
        // Every field in its range, each named in the error (RFC 3339 section 5.6).
        let field = |what: &str, value: i64, range: std::ops::RangeInclusive<i64>| {
            if range.contains(&value) {
                Ok(())
            } else {
                Err(format!("`{text}`: {what} {value:02} is out of range ({:02} to {:02})", range.start(), range.end()))
            }
        };
        field("the month", month, 1..=12)?;
        field("the day", day, 1..=days_in_month(year, month))?;
        field("the hour", hour, 0..=23)?;
        field("the minute", minute, 0..=59)?;
        // A leap second is only ever the 60th second of a minute's last second, 23:59:60 UTC;
        // a local time may show it at any hour and minute 59, so only the minute is checked.
        field("the second", second, 0..=if minute == 59 || offset_mins != 0 { 60 } else { 59 })?;
        field("the offset's hours", offset_hours, 0..=23)?;
        field("the offset's minutes", offset_mins, 0..=59)?;
        let offset_minutes = offset_sign * (offset_hours * 60 + offset_mins);
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Ok(Timestamp { text: text.to_string(), unix_ms: seconds * 1000 + millis })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn unix_ms(&self) -> i64 {
        self.unix_ms
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The civil date `(year, month 1-12, day)` of a count of days since 1970-01-01, in the proleptic
/// Gregorian calendar (Howard Hinnant's `civil_from_days`): the inverse of `days_from_civil`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month as u32, day as u32)
}

/// A moment in Unix seconds as an RFC 3339 date-time in UTC: `2026-11-30T18:02:52Z`.
pub fn rfc3339_utc(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let secs = seconds.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets_to_the_same_moment() {
        let a = Timestamp::parse("2020-10-09T14:30:00Z").unwrap();
        let b = Timestamp::parse("2020-10-09T16:30:00+02:00").unwrap();
        assert_eq!(a.unix_ms(), b.unix_ms());
        assert_eq!(a.unix_ms(), 1_602_253_800_000);
    }

    #[test]
    fn seconds_and_fractions_are_optional() {
        assert_eq!(Timestamp::parse("1970-01-01T00:00Z").unwrap().unix_ms(), 0);
        assert_eq!(Timestamp::parse("1970-01-01T00:00:01.5Z").unwrap().unix_ms(), 1500);
    }

    #[test]
    fn rejects_missing_zone_and_impossible_dates() {
        for bad in [
            "2020-10-09T14:30:00",
            "2020-02-30T00:00Z",
            "2021-02-29T00:00Z",
            "2020-13-01T00:00Z",
            "yesterday",
            "",
            "2020-10-09T14:30:00Zjunk",
            "2020-10-09T25:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Timestamp::parse("2020-02-29T00:00Z").is_ok());
    }

    /// Each field out of its range is refused with a message naming it (answers from RFC 3339's
    /// grammar, section 5.6, and the Gregorian calendar).
    #[test]
    fn every_field_is_range_checked_and_named() {
        for (bad, named) in [
            ("2020-10-09T14:30:00+99:99", "the offset's hours 99"),
            ("2020-10-09T14:30:00+24:00", "the offset's hours 24"),
            ("2020-10-09T14:30:00-05:60", "the offset's minutes 60"),
            ("2020-10-09T14:30:00+00:75", "the offset's minutes 75"),
            ("2020-00-09T14:30:00Z", "the month 00"),
            ("2020-04-31T14:30:00Z", "the day 31"),
            ("2100-02-29T00:00:00Z", "the day 29"),
            ("2020-10-00T14:30:00Z", "the day 00"),
            ("2020-10-09T24:00:00Z", "the hour 24"),
            ("2020-10-09T14:60:00Z", "the minute 60"),
            ("2020-10-09T14:30:60Z", "the second 60"),
            ("2020-10-09T14:30:61Z", "the second 61"),
        ] {
            let e = Timestamp::parse(bad).expect_err(bad);
            assert!(e.contains(named), "{bad}: {e}");
        }
        for good in [
            "2020-10-09T14:30:00+14:00",
            "2020-10-09T14:30:00-12:00",
            "2000-02-29T00:00:00Z",
            "2016-12-31T23:59:60Z",
            "2020-10-09T14:30:00+05:45",
        ] {
            assert!(Timestamp::parse(good).is_ok(), "{good}");
        }
    }

    /// Known days (from the calendar, not from this code), and the round trip over 1600-2400.
    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(18_544), (2020, 10, 9));
        assert_eq!(rfc3339_utc(1_602_253_800), "2020-10-09T14:30:00Z");
        assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
        for days in -135_000..155_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
    }

    #[test]
    fn never_panics_on_multibyte_input() {
        assert!(Timestamp::parse("2020-10-09T14:3é:00Z").is_err());
        assert!(Timestamp::parse("ééééééééééééééééé").is_err());
    }
}
