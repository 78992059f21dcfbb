//! `/article/<slug>`: one story, or a not-found page, or an error with a way to retry.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::{ArticleView, ErrorView};
use crate::format;
use crate::load::{self, LoadError};
use crate::pages::NotFound;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let attempt = RwSignal::new(0u32);
    let story = LocalResource::new(move || {
        attempt.track();
        let slug = slug.get();
        async move { load_story(&slug).await }
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));

    move || match story.get() {
        None => view! { <p class="loading" role="status">"Loading the story…"</p> }.into_any(),
        Some(Ok(article)) => {
            let description = article.summary();
            view! {
                <Title text=article.headline.clone() />
                <Meta name="description" content=description />
                <ArticleView article=article now_ms=format::now_ms() />
            }
            .into_any()
        }
        Some(Err(LoadError::NotFound)) => view! { <NotFound /> }.into_any(),
        Some(Err(error)) => view! {
            <Title text="Story unavailable" />
            <ErrorView error=error what="this story" on_retry=retry />
        }
        .into_any(),
    }
}

/// Loads a story. A 404 for a story the feed lists is a missing file — an error worth a retry —
/// not an unknown address.
async fn load_story(slug: &str) -> Result<lede_core::Article, LoadError> {
    match load::article(slug).await {
        Err(LoadError::NotFound) => match load::feed().await {
            Ok(feed) if feed.lists_slug(slug) => Err(LoadError::Status(404)),
            _ => Err(LoadError::NotFound),
        },
        other => other,
    }
}
