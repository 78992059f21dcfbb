//! "Share": the system share sheet where the browser has one (Web Share API), otherwise the
//! story's canonical link copied to the clipboard, with a visible confirmation.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::strings::t;

/// The site's public address, fixed at build time (`LEDE_SITE_URL`), for canonical links.
pub const SITE_URL: &str = match option_env!("LEDE_SITE_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8080",
};

pub fn canonical_url(slug: &str) -> String {
    format!("{}{}", SITE_URL.trim_end_matches('/'), lede_core::routes::article_path(slug))
}

/// Puts text on the clipboard, then sets `done` — only if the browser accepted it, so the
/// confirmation a reader sees is true.
pub fn copy_text(text: &str, done: RwSignal<bool>) {
    let Some(window) = web_sys::window() else { return };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            done.try_set(true);
        }
    });
}

#[component]
pub fn ShareButton(#[prop(into)] title: String, #[prop(into)] url: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let share = move |_| {
        let Some(window) = web_sys::window() else { return };
        let navigator: JsValue = window.navigator().into();
        let share_fn =
            Reflect::get(&navigator, &"share".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(share_fn) = share_fn {
            let data = Object::new();
            let _ = Reflect::set(&data, &"title".into(), &title.as_str().into());
            let _ = Reflect::set(&data, &"url".into(), &url.as_str().into());
            // The reader may cancel the sheet: a rejected promise is not an error to show.
            if let Ok(promise) = share_fn.call1(&navigator, &data)
                && let Ok(promise) = promise.dyn_into::<js_sys::Promise>()
            {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
            return;
        }
        copy_text(&url, copied);
    };
    view! {
        <span class="share">
            <button type="button" class="button button-quiet button-small" on:click=share>{t().share}</button>
            <span role="status" class="share-status">{move || copied.get().then_some(t().link_copied)}</span>
        </span>
    }
}
