//! The page for an address that holds no story.

use leptos::prelude::*;

use crate::strings::t;
use leptos_meta::{Meta, Title};

#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(|_| crate::takeover::reveal());
    view! {
        <Title text=t().not_found_title />
        <Meta name="robots" content="noindex" />
        <section class="not-found" aria-labelledby="nf-title">
            <h1 id="nf-title">{t().not_found_heading}</h1>
            <p>{t().not_found_text}</p>
            <p><a class="button" href="/">{t().go_to_front_page}</a></p>
        </section>
    }
}
