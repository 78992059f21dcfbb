//! `/article/<slug>`: one story, or a not-found page, or an error with a way to retry.
//! Once the story is on screen, its entities are recognised in a worker and highlighted;
//! `?entity=<id>` opens the story with that entity selected.

use lede_core::{Article, article_path};
use leptos::prelude::*;

use crate::strings::t;
use leptos_meta::{Link, Meta, Title};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::components::share::canonical_url;
use crate::components::{ArticleView, EntityPanel, ErrorView, ReadingProgress};
use crate::entities::protocol::Outcome;
use crate::entities::{EntityContext, StoryEntities, client, entity_link, show_mention};
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

    let entities = EntityContext::new();
    provide_context(entities);
    // A deep link names the entity to select; it is shown once the recogniser has answered.
    let wanted = use_query_map().with_untracked(|q| q.get("entity"));
    entities.selected.set(wanted.clone());
    let pending_scroll = StoredValue::new(wanted.is_some());

    // Recognise entities once the story is on screen; first paint never waits for the model.
    Effect::new(move |_| {
        let Some(Ok(article)) = story.get() else { return };
        entities.story.set(None);
        // The model knows English news; on other languages it would mislead, so it is not run.
        if !article.is_english() {
            return;
        }
        let texts = article.text_blocks();
        let blocks = texts.iter().map(|(_, t)| t.clone()).collect();
        let for_slug = article.slug.clone();
        client::recognise(blocks, move |outcome| {
            // The reader may have moved on to another story meanwhile.
            if slug.try_get_untracked().as_deref() != Some(for_slug.as_str()) {
                return;
            }
            match outcome {
                Outcome::Done { analysis, sentences } => {
                    // Decoding the reply was this task's work; building the table gets a task of its own.
                    request_animation_frame(move || {
                        entities.show(StoryEntities::new(&article, texts, analysis, sentences))
                    });
                }
                Outcome::Failed(message) => {
                    web_sys::console::warn_1(&format!("Lede: could not recognise entities: {message}").into());
                }
            }
        });
    });

    // The story arrives after the browser looked for the address's #fragment: look again, so a
    // link to a paragraph (`#p3`) lands on it.
    Effect::new(move |_| {
        if !matches!(story.get(), Some(Ok(_))) {
            return;
        }
        request_animation_frame(|| {
            let hash = window().location().hash().unwrap_or_default();
            let target =
                hash.strip_prefix('#').filter(|id| !id.is_empty()).and_then(|id| document().get_element_by_id(id));
            if let Some(target) = target {
                target.scroll_into_view();
            }
        });
    });

    // After a deep link, scroll to the first mention once the marks exist.
    Effect::new(move |_| {
        let ready = entities.story.with(Option::is_some);
        if ready && pending_scroll.get_value() {
            pending_scroll.set_value(false);
            if let Some(id) = entities.selected.get_untracked() {
                request_animation_frame(move || show_mention(&id, 0));
            }
        }
    });

    // Keep the address in step with the selection, so a reload or a shared link shows the same.
    let navigate = use_navigate();
    Effect::new(move |previous: Option<Option<String>>| {
        let selected = entities.selected.get();
        if previous.is_some() && previous.as_ref() != Some(&selected) {
            let path = match &selected {
                Some(id) => entity_link(&slug.get_untracked(), id),
                None => article_path(&slug.get_untracked()),
            };
            navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
        selected
    });

    // Escape closes the entity card from anywhere on the page.
    let escape = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" && entities.selected.get_untracked().is_some() {
            entities.close();
        }
    });
    on_cleanup(move || escape.remove());

    move || match story.get() {
        None => view! { <p class="loading" role="status">{t().loading_story}</p> }.into_any(),
        Some(Ok(article)) => {
            let description = article.summary();
            let english = article.is_english();
            let canonical = canonical_url(&article.slug);
            let slug = article.slug.clone();
            view! {
                <Title text=article.headline.clone() />
                <Meta name="description" content=description.clone() />
                <Link rel="canonical" href=canonical.clone() />
                <Meta property="og:type" content="article" />
                <Meta property="og:title" content=article.headline.clone() />
                <Meta property="og:description" content=description />
                <Meta property="og:url" content=canonical />
                <ReadingProgress slug=article.slug.clone() />
                <div class="story-layout" class:story-layout-single=!english>
                    <ArticleView article=article now_ms=format::now_ms() />
                    {english.then(|| view! { <EntityPanel slug=slug /> })}
                </div>
            }
            .into_any()
        }
        Some(Err(LoadError::NotFound)) => view! { <NotFound /> }.into_any(),
        Some(Err(error)) => view! {
            <Title text=t().story_unavailable />
            <ErrorView error=error what=t().this_story on_retry=retry />
        }
        .into_any(),
    }
}

/// Loads a story. A 404 for a story the feed lists is a missing file — an error worth a retry —
/// not an unknown address.
async fn load_story(slug: &str) -> Result<Article, LoadError> {
    match load::article(slug).await {
        Err(LoadError::NotFound) => match load::feed().await {
            Ok(feed) if feed.lists_slug(slug) => Err(LoadError::Status(404)),
            _ => Err(LoadError::NotFound),
        },
        other => other,
    }
}
