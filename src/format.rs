//! Dates and times in the reader's locale conventions, through the browser's `Intl`.

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

/// "October 9, 2020 at 12:00 PM UTC" in the conventions of `language`, in the reader's time zone.
pub fn date_time(iso: &str, language: &str) -> String {
    format_with(
        iso,
        language,
        &[
            ("year", "numeric"),
            ("month", "long"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
            ("timeZoneName", "short"),
        ],
    )
}

/// "October 9, 2020" in the conventions of `language`.
pub fn date(iso: &str, language: &str) -> String {
    format_with(iso, language, &[("year", "numeric"), ("month", "long"), ("day", "numeric")])
}

fn format_with(iso: &str, language: &str, options: &[(&str, &str)]) -> String {
    let date = Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let opts = Object::new();
    for (key, value) in options {
        let _ = Reflect::set(&opts, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    // An unknown language tag makes Intl throw; fall back to the browser's own locale.
    let formatted = date.to_locale_string(language, &opts);
    formatted.as_string().unwrap_or_else(|| iso.to_string())
}

/// Milliseconds since 1970, now.
pub fn now_ms() -> i64 {
    Date::now() as i64
}
