//! Dates and times in the reader's locale conventions, through the browser's `Intl`; and
//! decimals written from integers (`lede_core::numbers::decimal`, re-exported).
//!
//! Pre-rendering runs natively at build time, where there is no `Intl` and no reader: there the
//! same calls write the English (United States) form in UTC — what the browser writes for an
//! English story read in UTC. The app renders that same form first, so the page it takes over
//! and its own copy are identical, and rewrites every date for the reader in one task of its own
//! afterwards: the browser's first `Intl` call loads its locale and time-zone data, which costs
//! more than rendering the whole story, and would otherwise make that render a long task.

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Date, Object, Reflect};
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::{JsCast, JsValue};

    #[wasm_bindgen]
    extern "C" {
        /// A `Date`, seen through a binding of `toLocaleString` that catches the `RangeError`
        /// it throws for a language tag the browser rejects (js-sys's binding does not catch it,
        /// and the throw would stop the render).
        #[wasm_bindgen(js_name = Date)]
        type CheckedDate;
        #[wasm_bindgen(method, catch, js_name = toLocaleString)]
        fn to_locale_string_or_error(
            this: &CheckedDate,
            locales: &JsValue,
            options: &Object,
        ) -> Result<JsValue, JsValue>;
    }

    pub fn format_with(iso: &str, language: &str, options: &[(&str, &str)]) -> String {
        let date = Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return iso.to_string();
        }
        let opts = Object::new();
        for (key, value) in options {
            let _ = Reflect::set(&opts, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        // A tag `is_language_tag` accepts can still be one this browser rejects (`de-1996-1996`,
        // a repeated variant): then the language alone, then the browser's own locale.
        let primary = language.split('-').next().unwrap_or_default();
        let date: &CheckedDate = date.unchecked_ref();
        [JsValue::from_str(language), JsValue::from_str(primary), JsValue::UNDEFINED]
            .iter()
            .find_map(|locale| date.to_locale_string_or_error(locale, &opts).ok()?.as_string())
            .unwrap_or_else(|| iso.to_string())
    }

    pub fn now_ms() -> i64 {
        Date::now() as i64
    }

    thread_local! {
        static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    pub fn localise_soon() {
        if PENDING.with(|p| p.replace(true)) {
            return;
        }
        leptos::prelude::set_timeout(
            || {
                PENDING.with(|p| p.set(false));
                // The app's root, or (a component mounted alone) the page's body.
                let Some(root) =
                    crate::takeover::app_root().or_else(|| leptos::prelude::document().body().map(Into::into))
                else {
                    return;
                };
                let Ok(list) = root.query_selector_all("time[data-local]") else { return };
                for i in 0..list.length() {
                    let Some(time) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
                    let Some(form) = time.get_attribute("data-local").as_deref().and_then(super::Form::from_marker)
                    else {
                        continue;
                    };
                    let iso = time.get_attribute("datetime").unwrap_or_default();
                    let language =
                        time.closest("[lang]").ok().flatten().map(|e| e.get_attribute("lang").unwrap_or_default());
                    time.set_text_content(Some(&format_with(
                        &iso,
                        language.as_deref().unwrap_or("en"),
                        form.options(),
                    )));
                    let _ = time.remove_attribute("data-local");
                }
            },
            std::time::Duration::ZERO,
        );
    }
}

mod build_time {
    use lede_core::time::Timestamp;

    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    /// `(year, month 1-12, day, hour, minute)` in UTC.
    fn civil_utc(unix_ms: i64) -> (i64, usize, i64, i64, i64) {
        let secs = unix_ms.div_euclid(1000);
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (year, month, day) = lede_core::time::civil_from_days(days);
        (year, month as usize, i64::from(day), rem / 3600, rem % 3600 / 60)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn iso_of_ms(ms: i64) -> String {
        let (year, month, day, hour, minute) = civil_utc(ms);
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z")
    }

    pub fn format_with(iso: &str, _language: &str, options: &[(&str, &str)]) -> String {
        let Ok(time) = Timestamp::parse(iso) else { return iso.to_string() };
        let (year, month, day, hour, minute) = civil_utc(time.unix_ms());
        let date = format!("{} {day}, {year}", MONTHS[month - 1]);
        if !options.iter().any(|(k, _)| *k == "hour") {
            return date;
        }
        let (h12, half) = match hour {
            0 => (12, "AM"),
            1..=11 => (hour, "AM"),
            12 => (12, "PM"),
            _ => (hour - 12, "PM"),
        };
        // A plain space before AM/PM: Chromium's Intl writes one (plain ICU writes U+202F).
        format!("{date} at {h12}:{minute:02} {half} UTC")
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn now_ms() -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn writes_what_intl_writes_for_english_in_utc() {
            let opts = [("year", "numeric"), ("hour", "numeric")];
            assert_eq!(super::format_with("2020-10-09T14:05:00Z", "en", &opts), "October 9, 2020 at 2:05 PM UTC");
            assert_eq!(super::format_with("2020-10-09T00:30:00+02:00", "en", &opts), "October 8, 2020 at 10:30 PM UTC");
            assert_eq!(super::format_with("2024-02-29T12:00:00Z", "en", &[]), "February 29, 2024");
        }
    }
}

const DATE_TIME: &[(&str, &str)] = &[
    ("year", "numeric"),
    ("month", "long"),
    ("day", "numeric"),
    ("hour", "numeric"),
    ("minute", "2-digit"),
    ("timeZoneName", "short"),
];
const DATE: &[(&str, &str)] = &[("year", "numeric"), ("month", "long"), ("day", "numeric")];

/// The two forms a `<time>` is written in, named by its `data-local` attribute in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "October 9, 2020 at 12:00 PM UTC"
    DateTime,
    /// "October 9, 2020"
    Date,
}

impl Form {
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Form::DateTime => DATE_TIME,
            Form::Date => DATE,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Form::DateTime => "date-time",
            Form::Date => "date",
        }
    }

    /// The form a `data-local` value names (what [`Form::marker`] wrote).
    #[cfg(target_arch = "wasm32")]
    fn from_marker(value: &str) -> Option<Form> {
        [Form::DateTime, Form::Date].into_iter().find(|form| form.as_str() == value)
    }

    /// The `data-local` attribute that asks for the reader's form: set in the app only, so the
    /// pre-rendered pages stay as they are.
    pub fn marker(self) -> Option<&'static str> {
        cfg!(target_arch = "wasm32").then_some(self.as_str())
    }
}

/// The form the build writes (English, UTC): what a `<time>` shows first, in the pre-rendered
/// page and in the app's copy of it. Put it in `<time datetime=iso data-local=form.marker()>`
/// and call [`localise_soon`]: a later task rewrites it in the reader's conventions and zone.
pub fn at_build(iso: &str, language: &str, form: Form) -> String {
    build_time::format_with(iso, language, form.options())
}

/// `iso` in the reader's conventions and time zone, through the browser's `Intl` (the build's
/// form natively).
pub fn in_readers_form(iso: &str, language: &str, form: Form) -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::format_with(iso, language, form.options());
    #[cfg(not(target_arch = "wasm32"))]
    return at_build(iso, language, form);
}

/// Rewrites, in a task of its own, every `<time data-local>` the app has rendered (on screen, or
/// in its copy that waits to take over a pre-rendered page) in the reader's conventions, in the
/// language of the nearest `lang`. One timer for however many calls come before it fires.
pub fn localise_soon() {
    #[cfg(target_arch = "wasm32")]
    browser::localise_soon();
}

/// The day of a moment given in Unix milliseconds (when a story was saved), in the interface's
/// language.
pub fn date_of_ms(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    let iso = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_iso_string().as_string().unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    let iso = build_time::iso_of_ms(ms as i64);
    in_readers_form(&iso, "en", Form::Date)
}

/// Milliseconds since 1970, now.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    return browser::now_ms();
    #[cfg(not(target_arch = "wasm32"))]
    return build_time::now_ms();
}

pub use lede_core::numbers::decimal;
