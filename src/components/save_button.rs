//! "Save for offline" / "Saved": keeps a story on this device (see `saved`). Pressed again, it
//! removes the saved copy. Its width does not change between the two, so nothing beside it moves.

use leptos::prelude::*;

use crate::saved::SavedStories;
use crate::strings::t;

#[component]
pub fn SaveButton(
    #[prop(into)] slug: String,
    /// For the accessible name where the button stands apart from its story (a card).
    #[prop(into, optional)]
    headline: Option<String>,
    #[prop(optional)] small: bool,
) -> impl IntoView {
    // Pre-rendered pages have no saved list: they show the button as for an unsaved story.
    let saved = use_context::<SavedStories>();
    let failed = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    let is_saved = move || saved.is_some_and(|s| s.list.with(|l| l.iter().any(|e| e.slug == slug.get_value())));
    let busy = move || saved.is_some_and(|s| s.busy.with(|b| b.contains(&slug.get_value())));
    let toggle = move |_| {
        let Some(saved) = saved else { return };
        failed.set(false);
        if is_saved() {
            saved.remove(slug.get_value());
        } else {
            let saving = saved.save(slug.get_value());
            leptos::task::spawn_local(async move {
                if saving.await.is_err() {
                    failed.try_set(true);
                }
            });
        }
    };
    let label = headline.map(|h| (t().save_story_label)(&h));
    view! {
        <span class="save">
            <button
                type="button"
                class="button button-quiet save-button"
                class:button-small=small
                aria-pressed=move || is_saved().to_string()
                aria-label=label
                disabled=busy
                on:click=toggle
            >
                {move || if busy() { t().saving } else if is_saved() { t().saved_for_offline } else { t().save_for_offline }}
            </button>
            <span role="status" class="save-status">{move || failed.get().then_some(t().save_failed)}</span>
        </span>
    }
}
