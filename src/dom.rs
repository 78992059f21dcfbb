//! Small DOM helpers shared by components.

/// Scrolls an element to the middle of the window (a mention, the sentence being read).
pub fn scroll_to_middle(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}
