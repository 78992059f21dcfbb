//! The browser's local storage, where the reader's choices live. `None` where storage is
//! disabled (private modes, policies): then choices are simply not remembered.

pub fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
