//! How far through the story the reader is: a thin bar at the top (hidden from screen readers;
//! it covers no focusable content), and "continue where you left off" for a story started before.

use leptos::prelude::*;

use crate::strings::t;
use wasm_bindgen::JsCast;

fn position_key(slug: &str) -> String {
    format!("lede.position.{slug}")
}

/// The body block in the upper part of the window, if any.
fn block_in_view() -> Option<String> {
    let window = web_sys::window()?;
    let width = window.inner_width().ok()?.as_f64()?;
    let height = window.inner_height().ok()?.as_f64()?;
    let story_body = document().query_selector(".story-body").ok()??;
    let left = story_body.get_bounding_client_rect().left();
    let hit = document().element_from_point((left + 8.0).min(width - 1.0) as f32, (height * 0.25) as f32)?;
    let block = hit.closest(".story-body > [id]").ok()??;
    Some(block.id())
}

fn scroll_fraction() -> f64 {
    let Some(window) = web_sys::window() else { return 0.0 };
    let Some(root) = document().document_element() else { return 0.0 };
    let scrollable = root.scroll_height() as f64 - window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    if scrollable <= 0.0 { 1.0 } else { (window.scroll_y().unwrap_or(0.0) / scrollable).clamp(0.0, 1.0) }
}

#[component]
pub fn ReadingProgress(#[prop(into)] slug: String) -> impl IntoView {
    let progress = RwSignal::new(0.0);
    let key = position_key(&slug);
    // A story read to the end starts from the top next time; one left half-way offers to resume.
    let saved = crate::storage::local().and_then(|s| s.get_item(&key).ok().flatten()).filter(|id| id != "p1");
    let offer = RwSignal::new(saved.clone());
    let last_saved = StoredValue::new(saved);
    let scroll_key = key.clone();
    crate::dom::listen_window(leptos::ev::scroll, move |_| {
        let fraction = scroll_fraction();
        progress.set(fraction);
        let Some(storage) = crate::storage::local() else { return };
        if fraction > 0.98 {
            let _ = storage.remove_item(&scroll_key);
            return;
        }
        // Only a change of paragraph is written: scrolling fires many events.
        if let Some(id) = block_in_view()
            && last_saved.get_value().as_deref() != Some(id.as_str())
        {
            let _ = storage.set_item(&scroll_key, &id);
            last_saved.set_value(Some(id));
        }
    });

    let resume = move |_| {
        if let Some(id) = offer.get_untracked()
            && let Some(el) = document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.scroll_into_view();
        }
        offer.set(None);
    };
    view! {
        <div class="reading-progress" aria-hidden="true">
            <div class="reading-progress-bar" style:transform=move || format!("scaleX({})", crate::format::decimal((progress.get().clamp(0.0, 1.0) * 10_000.0).round() as u64, 4, false))></div>
        </div>
        {move || offer.get().map(|_| view! {
            <div class="continue-reading" role="region" aria-label=t().continue_region>
                <p>{t().read_part}</p>
                <button type="button" class="button button-small" on:click=resume>{t().continue_reading}</button>
                <button type="button" class="button button-quiet button-small" on:click=move |_| offer.set(None)>{t().start_from_top}</button>
            </div>
        })}
    }
}
