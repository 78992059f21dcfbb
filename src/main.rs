//! Entry point Trunk builds: mounts the reader into the page (taking over a pre-rendered one).

fn main() {
    console_error_panic_hook::set_once();
    // Mounting is a task of its own, after the one that instantiated the module: the two
    // together were one long task on a slow phone.
    #[cfg(target_arch = "wasm32")]
    leptos::prelude::set_timeout(lede::takeover::mount, std::time::Duration::ZERO);
}
