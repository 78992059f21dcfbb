//! Entities in the reader: the worker that recognises them, the reader's choices about what to
//! highlight, and the per-story table the components read.

pub mod client;
pub mod groups;
pub mod protocol;
pub mod story;

pub use groups::{Group, HighlightPrefs};
pub use story::{EntityInfo, StoryEntities};


use leptos::prelude::*;

/// What the highlighting components of a story share.
#[derive(Clone, Copy)]
pub struct EntityContext {
    /// `None` until the recogniser has answered.
    pub story: RwSignal<Option<StoryEntities>>,
    pub prefs: RwSignal<HighlightPrefs>,
    /// The entity the reader selected, if any.
    pub selected: RwSignal<Option<String>>,
    /// Which mention of the selected entity is current (for next/previous).
    pub current: RwSignal<usize>,
}

impl EntityContext {
    pub fn new() -> Self {
        EntityContext {
            story: RwSignal::new(None),
            prefs: RwSignal::new(HighlightPrefs::load()),
            selected: RwSignal::new(None),
            current: RwSignal::new(0),
        }
    }
}

impl EntityContext {
    /// Selects an entity (or none); its first mention becomes current.
    pub fn select(&self, id: &str) {
        self.current.try_set(0);
        self.selected.try_set(Some(id.to_string()));
    }

    pub fn close(&self) {
        self.selected.try_set(None);
    }

    /// Moves to the mention `step` places away (wrapping), marks it current and scrolls to it.
    pub fn step(&self, step: isize) {
        let Some(id) = self.selected.get_untracked() else { return };
        let count = mention_marks(&id).len();
        if count == 0 {
            return;
        }
        let next = (self.current.get_untracked() as isize + step).rem_euclid(count as isize) as usize;
        self.current.set(next);
        show_mention(&id, next);
    }
}

/// The `<mark>`s of one entity, in document order.
pub fn mention_marks(id: &str) -> Vec<web_sys::Element> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    // Entity ids are slugs (letters, digits, hyphens), safe inside a quoted attribute selector.
    let selector = format!("mark[data-entity-id=\"{}\"]", id.replace(['"', '\\'], ""));
    let Ok(list) = document.query_selector_all(&selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| wasm_bindgen::JsCast::dyn_into(n).ok()).collect()
}

/// Marks mention `index` of `id` as the current one and scrolls it to the middle of the view.
pub fn show_mention(id: &str, index: usize) {
    for (i, mark) in mention_marks(id).into_iter().enumerate() {
        let _ = mark.class_list().toggle_with_force("entity-current", i == index);
        if i == index {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            mark.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

impl Default for EntityContext {
    fn default() -> Self {
        Self::new()
    }
}
