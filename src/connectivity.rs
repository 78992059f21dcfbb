//! Being online or not, and updates of the app: the offline badge and "Update available —
//! reload". The service worker itself is `public/sw.js`, registered by `public/register-sw.js`.

use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::dom::listen_window;
use crate::strings::t;

/// Whether the browser believes it is online.
pub fn online() -> bool {
    if !cfg!(target_arch = "wasm32") {
        return true; // pre-rendering: the page is written as if online
    }
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// A quiet badge in the masthead while the network is gone.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let offline = RwSignal::new(!online());
    listen_window(leptos::ev::online, move |_| offline.set(false));
    listen_window(leptos::ev::offline, move |_| offline.set(true));
    view! {
        <Show when=move || offline.get()>
            <span class="offline-badge" role="status">{t().offline_badge}</span>
        </Show>
    }
}

/// Offered when a new version of Lede has installed; it takes over only when the reader asks.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    // A worker that was already waiting when the page loaded announced itself before the app
    // listened: register-sw.js keeps it in `window.__ledeWaiting`.
    let waiting_already = cfg!(target_arch = "wasm32")
        && Reflect::get(&window().into(), &"__ledeWaiting".into()).is_ok_and(|w| !w.is_undefined() && !w.is_null());
    let ready = RwSignal::new(waiting_already);
    listen_window(leptos::ev::Custom::<web_sys::Event>::new("lede:update-ready"), move |_| ready.set(true));
    let reload = move |_| {
        let window: JsValue = window().into();
        let _ = Reflect::set(&window, &"__ledeUpdateRequested".into(), &JsValue::TRUE);
        // register-sw.js keeps the waiting worker here; asked to activate, it takes over, and
        // register-sw.js reloads the page on the change of controller.
        if let Ok(waiting) = Reflect::get(&window, &"__ledeWaiting".into())
            && let Ok(post) = Reflect::get(&waiting, &"postMessage".into())
            && let Ok(post) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(post)
        {
            let _ = post.call1(&waiting, &"lede:activate".into());
            return;
        }
        let _ = web_sys::window().map(|w| w.location().reload());
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{t().update_available}</span>
                <button type="button" class="button button-small" on:click=reload>{t().reload}</button>
            </div>
        </Show>
    }
}
