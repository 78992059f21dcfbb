//! Taking over a pre-rendered page without a visible jump.
//!
//! The build writes every story (and the front page) as real HTML, rendered by these same
//! components (`lede-prerender`), inside `<div id="prerendered">`. The app then mounts into a
//! `<div id="app">` that is not yet in the document (so no id exists twice), loads the story as
//! usual, and — once its copy is ready, eager images decoded — puts it in the pre-rendered copy's
//! place in one step. Both lay out identically, so nothing moves and the scroll position holds.
//! Without a pre-rendered page (an address the build did not write) the app mounts in view.

/// Mounts the app: in view, or held out of the document while a pre-rendered page shows.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    browser::mount();
}

/// The element the app renders into, in the document or still waiting out of it.
#[cfg(target_arch = "wasm32")]
pub fn app_root() -> Option<web_sys::Element> {
    browser::ROOT.with(|r| r.borrow().clone())
}

/// Shows the app in place of the pre-rendered page. Called when a page's content has rendered
/// (or failed to, with its error view) and on the first navigation; later calls do nothing.
pub fn reveal() {
    #[cfg(target_arch = "wasm32")]
    browser::reveal();
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use js_sys::{Array, Promise};
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;

    const PRERENDERED_ID: &str = "prerendered";
    const APP_ID: &str = "app";

    /// The pre-rendered page's metadata in `<head>`; the app writes its own (leptos_meta).
    const PRERENDERED_HEAD: &str = "meta[name=description], link[rel=canonical], meta[property^='og:'], \
        meta[property^='article:'], meta[name^='twitter:'], script[type='application/ld+json']";

    thread_local! {
        /// The app's root while it waits out of the document, and the head tags it replaces.
        static WAITING: RefCell<Option<(web_sys::Element, Vec<web_sys::Element>)>> = const { RefCell::new(None) };
        /// The app's root, from mounting on.
        pub static ROOT: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
    }

    pub fn mount() {
        let document = document();
        let root = document.create_element("div").expect("a div");
        root.set_id(APP_ID);
        ROOT.with(|r| *r.borrow_mut() = Some(root.clone()));
        if document.get_element_by_id(PRERENDERED_ID).is_some() {
            // Taken before the app adds its own tags, so only the pre-rendered ones go.
            let mut head_tags = Vec::new();
            if let Ok(list) = document.query_selector_all(PRERENDERED_HEAD) {
                for i in 0..list.length() {
                    head_tags.extend(list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()));
                }
            }
            WAITING.with(|w| *w.borrow_mut() = Some((root.clone(), head_tags)));
        } else if let Some(body) = document.body() {
            let _ = body.append_child(&root);
        }
        leptos::mount::mount_to(root.unchecked_into(), crate::app::App).forget();
    }

    pub fn reveal() {
        let Some((root, head_tags)) = WAITING.with(|w| w.borrow_mut().take()) else { return };
        // The lead picture is already in the HTTP cache, but a fresh <img> decodes it
        // asynchronously: wait, or the swap would flash an empty frame where it was.
        let decoding = Array::new();
        if let Ok(images) = root.query_selector_all("img[loading=eager]") {
            for i in 0..images.length() {
                if let Some(img) = images.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlImageElement>().ok()) {
                    decoding.push(&img.decode());
                }
            }
        }
        let settled = wasm_bindgen_futures::JsFuture::from(Promise::all_settled(&decoding));
        wasm_bindgen_futures::spawn_local(async move {
            let _ = settled.await;
            for tag in head_tags {
                tag.remove();
            }
            match document().get_element_by_id(PRERENDERED_ID) {
                Some(prerendered) => {
                    let _ = prerendered.replace_with_with_node_1(&root);
                }
                None => {
                    if let Some(body) = document().body() {
                        let _ = body.append_child(&root);
                    }
                }
            }
        });
    }
}
