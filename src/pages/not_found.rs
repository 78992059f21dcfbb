//! The page for an address that holds no story.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <Meta name="robots" content="noindex" />
        <section class="not-found" aria-labelledby="nf-title">
            <h1 id="nf-title">"We can’t find that page"</h1>
            <p>"The story may have moved, or the link may be mistyped."</p>
            <p><a class="button" href="/">"Go to the front page"</a></p>
        </section>
    }
}
