//! Entities in the reader: the worker that recognises them, the reader's choices about what to
//! highlight, and the per-story table the components read.

pub mod client;
pub mod groups;

pub use groups::{Group, GroupText, HighlightPrefs};
pub use lede_core::entity::story::{EntityInfo, StoryEntities};

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
    /// One switch per text block on the page, in reading order (blocks register as they are
    /// built). Highlights are switched on a batch of blocks per frame, so even a book-length
    /// story never blocks the main thread for long.
    pub blocks: StoredValue<Vec<RwSignal<bool>>>,
}

impl EntityContext {
    pub fn new() -> Self {
        EntityContext {
            story: RwSignal::new(None),
            prefs: RwSignal::new(HighlightPrefs::load()),
            selected: RwSignal::new(None),
            current: RwSignal::new(0),
            blocks: StoredValue::new(Vec::new()),
        }
    }
}

/// Blocks given their highlights per frame: small enough that one batch renders well under 50 ms
/// (measured with scripts/bench-long-tasks.sh).
const BLOCKS_PER_FRAME: usize = 8;

impl EntityContext {
    /// Shows a story's entities: stores them, then reveals their highlights block by block.
    pub fn show(&self, story: StoryEntities) {
        self.story.set(Some(story));
        // Blocks of a story shown earlier on this page are gone; their switches do nothing.
        let switches = self.blocks.try_update_value(std::mem::take).unwrap_or_default();
        request_animation_frame(move || reveal(switches, 0));
    }

    /// Registers a block's highlight switch; it is switched on when the story's entities arrive.
    pub fn register_block(&self, switch: RwSignal<bool>) {
        if self.story.with_untracked(Option::is_some) {
            switch.set(true);
        } else {
            self.blocks.update_value(|b| b.push(switch));
        }
    }

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
        let marks = mention_marks(&id);
        if marks.is_empty() {
            return;
        }
        let next = (self.current.get_untracked() as isize + step).rem_euclid(marks.len() as isize) as usize;
        self.current.set(next);
        mark_current(&marks, next);
    }
}

fn reveal(switches: Vec<RwSignal<bool>>, from: usize) {
    let to = (from + BLOCKS_PER_FRAME).min(switches.len());
    for switch in &switches[from..to] {
        switch.try_set(true); // a block that is gone is simply skipped
    }
    if to < switches.len() {
        request_animation_frame(move || reveal(switches, to));
    }
}

/// The address of a story with an entity selected: `/article/<slug>?entity=<id>`.
pub fn entity_link(slug: &str, id: &str) -> String {
    format!("{}?entity={id}", lede_core::routes::article_path(slug))
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
    mark_current(&mention_marks(id), index);
}

fn mark_current(marks: &[web_sys::Element], index: usize) {
    for (i, mark) in marks.iter().enumerate() {
        let _ = mark.class_list().toggle_with_force("entity-current", i == index);
        if i == index {
            crate::dom::scroll_to_middle(mark);
        }
    }
}

impl Default for EntityContext {
    fn default() -> Self {
        Self::new()
    }
}
