//! Decimals written by integer arithmetic. The reader's wasm then carries none of the standard
//! library's float formatting and parsing code (dragon, grisu, the decimal tables: about 13 KB
//! brotli of a 335 KB app), which one `{:.1}` or `parse::<f32>()` anywhere pulls in.

/// `value` ÷ 10^`places` written with a point: `decimal(125, 2, true)` is "1.25",
/// `decimal(80, 2, true)` "0.8", `decimal(100, 2, true)` "1" (`trim`: no trailing zeros),
/// `decimal(30, 1, false)` "3.0".
pub fn decimal(value: u64, places: u32, trim: bool) -> String {
    let scale = 10u64.pow(places);
    let mut fraction = format!("{:0width$}", value % scale, width = places as usize);
    if trim {
        fraction.truncate(fraction.trim_end_matches('0').len());
    }
    let whole = value / scale;
    if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") }
}

/// A number written with at most `places` decimals and no trailing zeros ("1.5", "-0.1"), or
/// `None` when it is too large to write that way (beyond ±10^12) or not a number.
pub fn short(value: f64, places: u32) -> Option<String> {
    let scaled = (value.abs() * 10f64.powi(places as i32)).round();
    if scaled.is_nan() || scaled >= 1e12 * 10f64.powi(places as i32) {
        return None;
    }
    let sign = if value < 0.0 && scaled > 0.0 { "-" } else { "" };
    Some(format!("{sign}{}", decimal(scaled as u64, places, true)))
}

/// Bytes as megabytes (1024 × 1024) with one decimal: "10.0 MB", "3.1 MB".
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", decimal((bytes * 10 + 512 * 1024) / (1024 * 1024), 1, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_float_formatting_would_write_them() {
        // (value, places, trim) and what `format!` writes for the float it stands for.
        for (value, places, trim, want) in [
            (125, 2, true, "1.25"),
            (80, 2, true, "0.8"),
            (100, 2, true, "1"),
            (150, 2, true, "1.5"),
            (30, 1, false, "3.0"),
            (31, 1, false, "3.1"),
            (1234, 4, false, "0.1234"),
            (10000, 4, false, "1.0000"),
            (7, 4, false, "0.0007"),
            (0, 4, false, "0.0000"),
        ] {
            assert_eq!(decimal(value, places, trim), want, "{value} {places} {trim}");
        }
    }

    #[test]
    fn short_numbers_and_megabytes() {
        assert_eq!(short(1.5, 6).as_deref(), Some("1.5"));
        assert_eq!(short(-0.1, 6).as_deref(), Some("-0.1"));
        assert_eq!(short(2.0, 6).as_deref(), Some("2"));
        assert_eq!(short(-0.0000001, 6).as_deref(), Some("0"));
        assert_eq!(short(1e300, 6), None);
        assert_eq!(short(f64::NAN, 6), None);
        assert_eq!(megabytes(10 * 1024 * 1024), "10.0 MB");
        assert_eq!(megabytes(8 * 1024 * 1024), "8.0 MB");
        assert_eq!(megabytes(3_250_586), "3.1 MB");
        assert_eq!(megabytes(1_101_005), "1.1 MB"); // 1.05 MB rounds up
    }
}
