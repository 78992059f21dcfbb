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

/// Runs `work` and records how long it took as a User Timing measure (`performance.measure`)
/// named `name`, which the benchmark scripts read (scripts/bench-archive-browser.sh).
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    {
        let performance = web_sys::window().and_then(|w| w.performance());
        let start = performance.as_ref().map(|p| p.now());
        let out = work();
        if let (Some(performance), Some(start)) = (performance, start) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
            let _ = js_sys::Reflect::set(&options, &"end".into(), &performance.now().into());
            let measure = js_sys::Reflect::get(&performance, &"measure".into())
                .ok()
                .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
            if let Some(measure) = measure {
                let _ = measure.call2(&performance, &name.into(), &options);
            }
        }
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        work()
    }
}

/// Resolves in a later task (a zero-delay timer), so the work after it does not lengthen the
/// task that awaited it: on a slow phone, parsing a story and rendering it were one long task.
/// Natively (pre-rendering) it resolves at once.
pub async fn next_task() {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = leptos::prelude::window().set_timeout_with_callback(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
