//! The browser's local storage, where the reader's choices live. `None` where storage is
//! disabled (private modes, policies): then choices are simply not remembered.

pub fn local() -> Option<web_sys::Storage> {
    // Pre-rendering at build time runs natively, where there is no browser to ask.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
