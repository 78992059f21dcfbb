//! The Cache Storage names the service worker (`public/sw.js`) and the pages share, and the bound
//! on what is kept from reading. `lede-site service-worker` writes these into the worker, so the
//! two sides cannot disagree.

/// This build's app shell: `lede-shell-<version>`.
pub const SHELL_PREFIX: &str = "lede-shell-";
/// Stories and pictures as they are read: bounded, oldest first out.
pub const STORIES: &str = "lede-stories";
/// The feed pages, the Atom feed and the archive index.
pub const FEED: &str = "lede-feed";
/// What the reader saved: never evicted, emptied only by "Remove" or "clear my data".
pub const SAVED: &str = "lede-saved";
/// The recogniser's model, revalidated whenever the worker starts.
pub const MODEL: &str = "lede-model";
/// At most this many files (stories and pictures) are kept from reading; the worker deletes the
/// oldest beyond it. Saved stories are in their own cache and never count.
pub const STORIES_LIMIT: usize = 200;
/// The reader's data, emptied by "clear my data" (the app and the model are not the reader's).
pub const READER_DATA: [&str; 3] = [SAVED, STORIES, FEED];

/// The constants as the JavaScript object literal the service worker's `/* CACHES */` becomes.
pub fn as_js_object() -> String {
    format!(
        "{{ shellPrefix: '{SHELL_PREFIX}', stories: '{STORIES}', feed: '{FEED}', saved: '{SAVED}', \
         model: '{MODEL}', storiesLimit: {STORIES_LIMIT} }}"
    )
}
