//! Small DOM helpers shared by components.

/// Scrolls an element to the middle of the window (a mention, the sentence being read).
pub fn scroll_to_middle(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Listens to a window event for as long as the calling component lives. When pre-rendering
/// natively there is no window, and nothing to listen to.
pub fn listen_window<E>(event: E, handler: impl Fn(E::EventType) + 'static)
where
    E: leptos::ev::EventDescriptor + 'static,
    E::EventType: wasm_bindgen::JsCast,
{
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let handle = leptos::prelude::window_event_listener(event, handler);
    leptos::prelude::on_cleanup(move || handle.remove());
}
