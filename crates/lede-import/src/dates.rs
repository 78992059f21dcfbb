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
}
