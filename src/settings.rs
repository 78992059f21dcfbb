//! The reader's settings — theme, text size, line width, line spacing, typeface — kept in local
//! storage and applied as `data-*` attributes on `<html>`, which the stylesheet reads.
//! `public/settings.js` applies the same saved string before the app starts.

use leptos::prelude::*;

use crate::strings::t;

/// One setting: its attribute name, its values, and the default. Labels are in `strings`.
pub struct Setting {
    pub key: &'static str,
    pub choices: &'static [&'static str],
    pub default: &'static str,
}

pub const SETTINGS: [Setting; 5] = [
    Setting { key: "theme", choices: &["system", "light", "dark", "sepia", "contrast"], default: "system" },
    Setting { key: "text-size", choices: &["s", "m", "l", "xl"], default: "m" },
    Setting { key: "width", choices: &["narrow", "medium", "wide"], default: "medium" },
    Setting { key: "spacing", choices: &["compact", "normal", "loose"], default: "normal" },
    Setting { key: "font", choices: &["serif", "sans"], default: "serif" },
];

const STORAGE_KEY: &str = "lede.settings.v1";

/// The current value of every setting, as `(key, value)` pairs in `SETTINGS` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings(pub Vec<(&'static str, String)>);

impl Settings {
    pub fn defaults() -> Self {
        Settings(SETTINGS.iter().map(|s| (s.key, s.default.to_string())).collect())
    }

    /// Reads `key=value;…`, keeping only known keys and values.
    pub fn decode(text: &str) -> Self {
        let mut settings = Self::defaults();
        for pair in text.split(';') {
            let Some((key, value)) = pair.split_once('=') else { continue };
            let known = SETTINGS.iter().find(|s| s.key == key).is_some_and(|s| s.choices.contains(&value));
            if let Some(slot) = settings.0.iter_mut().find(|(k, _)| *k == key).filter(|_| known) {
                slot.1 = value.to_string();
            }
        }
        settings
    }

    pub fn encode(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(";")
    }

    pub fn get(&self, key: &str) -> &str {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    pub fn set(&mut self, key: &str, value: &str) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value.to_string();
        }
    }

    pub fn load() -> Self {
        crate::storage::local()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .map(|t| Self::decode(&t))
            .unwrap_or_else(Self::defaults)
    }

    /// Saves and applies: the page changes at once, and the next visit starts this way.
    pub fn save_and_apply(&self) {
        if let Some(storage) = crate::storage::local() {
            let _ = storage.set_item(STORAGE_KEY, &self.encode());
        }
        if let Some(root) = document().document_element() {
            for (key, value) in &self.0 {
                let _ = root.set_attribute(&format!("data-{key}"), value);
            }
        }
    }
}

/// The settings button and its panel, in the masthead.
#[component]
pub fn SettingsMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    let settings = RwSignal::new(Settings::load());
    view! {
        <div class="settings">
            <button
                type="button"
                class="settings-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="settings-panel"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true" class="settings-icon">"Aa"</span>
                {t().reading_settings}
            </button>
            <div id="settings-panel" class="settings-panel" hidden=move || !open.get()>
                {SETTINGS.iter().zip(t().settings).map(|(setting, (legend, labels))| {
                    let key = setting.key;
                    view! {
                        <fieldset class="settings-group">
                            <legend>{legend}</legend>
                            {setting.choices.iter().zip(labels.iter()).map(|(&value, &label)| view! {
                                <label class="settings-choice">
                                    <input
                                        type="radio"
                                        name=format!("setting-{key}")
                                        value=value
                                        // The attribute for the pre-rendered page, the property for the live one.
                                        checked=move || settings.with(|s| s.get(key) == value)
                                        prop:checked=move || settings.with(|s| s.get(key) == value)
                                        on:change=move |_| settings.update(|s| {
                                            s.set(key, value);
                                            s.save_and_apply();
                                        })
                                    />
                                    {label}
                                </label>
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <button type="button" class="button button-quiet button-small" on:click=move |_| open.set(false)>{t().done}</button>
            </div>
        </div>
    }
}
