//! Publication dates as pages write them, made into the RFC 3339 date-times the format needs.

use lede_core::time::Timestamp;

/// A date-time the format accepts, and a note when it had to be completed (no time zone, no time
/// of day) so the user can check it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub value: String,
    pub note: Option<&'static str>,
}

/// Reads `2024-03-05T09:15:00Z` and the usual variants: a space for the `T`, `+0100` or `+01`
/// offsets, no time zone (read as UTC, noted), a date alone (read as 12:00 UTC, noted).
/// Anything else is not a date: the error says what was found.
pub fn normalise(text: &str) -> Result<Fixed, String> {
    let t = text.trim();
    let not_a_date = || format!("`{}` is not a date (expected RFC 3339, like 2024-03-05T09:15:00Z)", shorten(t));
    let bytes = t.as_bytes();
    let is_date = |s: &[u8]| {
        s.len() == 10
            && s[4] == b'-'
            && s[7] == b'-'
            && s.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    if bytes.len() < 10 || !is_date(&bytes[..10]) {
        return Err(not_a_date());
    }
    let check = |value: String, note| Timestamp::parse(&value).map(|_| Fixed { value, note }).map_err(|_| not_a_date());
    if bytes.len() == 10 {
        return check(format!("{t}T12:00:00Z"), Some("has no time of day; 12:00 UTC assumed"));
    }
    if !matches!(bytes[10], b'T' | b't' | b' ') {
        return Err(not_a_date());
    }
    let (date, time) = (&t[..10], &t[11..]);
    // Split the time of day from the zone.
    let zone_at = time.find(['Z', 'z', '+', '-']);
    let (clock, zone) = match zone_at {
        Some(i) => (&time[..i], &time[i..]),
        None => (time, ""),
    };
    let clock = clock.trim();
    let (zone, note) = match zone {
        "" => ("Z".to_string(), Some("has no time zone; read as UTC")),
        "Z" | "z" => ("Z".to_string(), None),
        z => {
            let sign = &z[..1];
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            if !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(not_a_date());
            }
            match digits.len() {
                2 => (format!("{sign}{digits}:00"), None),
                4 => (format!("{sign}{}:{}", &digits[..2], &digits[2..]), None),
                _ => return Err(not_a_date()),
            }
        }
    };
    check(format!("{date}T{clock}{zone}"), note)
}

/// An RSS date (RFC 822 as RFC 2822 amends it: `Mon, 09 Nov 2020 14:30:00 GMT`, `9 Nov 2020 14:30
/// +0100`, US zone names, two-digit years), written as RFC 3339 with its own offset. Feeds that put
/// an RFC 3339 date in `pubDate` are read too.
pub fn rfc822(text: &str) -> Result<Fixed, String> {
    if let Ok(fixed) = normalise(text) {
        return Ok(fixed);
    }
    let t = text.trim();
    let not_a_date =
        || format!("`{}` is not a date (expected RFC 822, like Mon, 09 Nov 2020 14:30:00 GMT)", shorten(t));
    // The day name is optional and says nothing the date does not.
    let rest = match t.split_once(',') {
        Some((_, rest)) => rest,
        None => t,
    };
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [day, month, year, clock, zone @ ..] = parts.as_slice() else {
        return Err(not_a_date());
    };
    let day: u32 = day.parse().map_err(|_| not_a_date())?;
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = month.get(..3).map(str::to_ascii_lowercase);
    let month = MONTHS.iter().position(|m| Some(*m) == month.as_deref()).ok_or_else(not_a_date)? + 1;
    let year: u32 = year.parse().map_err(|_| not_a_date())?;
    let year = match year {
        0..=49 => 2000 + year,
        50..=99 => 1900 + year,
        _ => year,
    };
    let mut hms = clock.split(':');
    let hour = hms.next().unwrap_or_default();
    let minute = hms.next().ok_or_else(not_a_date)?;
    let second = hms.next().unwrap_or("00");
    let (zone, note) = match zone.first().map(|z| z.to_ascii_uppercase()) {
        None => ("Z".to_string(), Some("has no time zone; read as UTC")),
        Some(z) => match z.as_str() {
            "GMT" | "UT" | "UTC" | "Z" => ("Z".to_string(), None),
            "EST" => ("-05:00".into(), None),
            "EDT" | "AST" => ("-04:00".into(), None),
            "CST" => ("-06:00".into(), None),
            "CDT" => ("-05:00".into(), None),
            "MST" => ("-07:00".into(), None),
            "MDT" => ("-06:00".into(), None),
            "PST" => ("-08:00".into(), None),
            "PDT" => ("-07:00".into(), None),
            z if z.len() == 5
                && (z.starts_with('+') || z.starts_with('-'))
                && z[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                (format!("{}:{}", &z[..3], &z[3..]), None)
            }
            _ => return Err(not_a_date()),
        },
    };
    let two = |s: &str| if s.len() == 1 { format!("0{s}") } else { s.to_string() };
    let value = format!("{year:04}-{month:02}-{day:02}T{}:{}:{}{zone}", two(hour), two(minute), two(second));
    Timestamp::parse(&value).map(|_| Fixed { value, note }).map_err(|_| not_a_date())
}

/// A moment (seconds since 1970) as an RFC 3339 date-time in UTC: `2026-11-30T18:02:52Z`.
pub fn format_unix(seconds: i64) -> String {
    lede_core::time::rfc3339_utc(seconds)
}

/// Now, as [`format_unix`] writes it.
pub fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    format_unix(secs)
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        normalise(text).unwrap().value
    }

    #[test]
    fn usual_forms() {
        assert_eq!(ok("2024-03-05T09:15:00Z"), "2024-03-05T09:15:00Z");
        assert_eq!(ok("2024-03-05T09:15:00.123+01:00"), "2024-03-05T09:15:00.123+01:00");
        assert_eq!(ok("2024-03-05 09:15:00+0100"), "2024-03-05T09:15:00+01:00");
        assert_eq!(ok("2024-03-05T09:15-05"), "2024-03-05T09:15-05:00");
        assert_eq!(ok(" 2024-03-05T09:15:00 "), "2024-03-05T09:15:00Z");
        assert_eq!(normalise("2024-03-05T09:15:00").unwrap().note, Some("has no time zone; read as UTC"));
        assert_eq!(ok("2024-03-05"), "2024-03-05T12:00:00Z");
    }

    #[test]
    fn not_dates() {
        for bad in [
            "next Tuesday",
            "",
            "2024-13-05T09:15:00Z",
            "2024-02-30",
            "05/03/2024",
            "2024-03-05T25:00Z",
            "2024-03-05Tnoon",
            "2024-03-05T09:15+1",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rss_dates() {
        let r = |t: &str| rfc822(t).unwrap().value;
        assert_eq!(r("Mon, 09 Nov 2020 14:30:00 GMT"), "2020-11-09T14:30:00Z");
        assert_eq!(r("9 Nov 2020 14:30 +0100"), "2020-11-09T14:30:00+01:00");
        assert_eq!(r("Tue, 03 Jun 08 09:39:21 PDT"), "2008-06-03T09:39:21-07:00");
        assert_eq!(r("2024-03-05T09:15:00Z"), "2024-03-05T09:15:00Z");
        for bad in ["yesterday", "Mon, 31 Feb 2020 10:00:00 GMT", "Mon, 09 Nov 2020 14:30:00 XYZ", "09 Nov 2020"] {
            assert!(rfc822(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unix_to_rfc3339() {
        // Independent values: `date -u -d @N +%FT%TZ`.
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_796_061_772), "2026-11-30T18:02:52Z");
    }
}
