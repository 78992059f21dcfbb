//! Entry point Trunk builds: mounts the reader into the page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(lede::app::App);
}
