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
        let offset_minutes = match b.get(i) {
            Some(b'Z') | Some(b'z') if i + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
                let minutes = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
                if *sign == b'-' { -minutes } else { minutes }
            }
            _ => return Err(err()),
        };
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(err());
        }
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

    #[test]
    fn never_panics_on_multibyte_input() {
        assert!(Timestamp::parse("2020-10-09T14:3é:00Z").is_err());
        assert!(Timestamp::parse("ééééééééééééééééé").is_err());
    }
}
