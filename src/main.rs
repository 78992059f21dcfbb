//! Entry point Trunk builds: mounts the reader into the page (taking over a pre-rendered one).

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(target_arch = "wasm32")]
    lede::takeover::mount();
}
