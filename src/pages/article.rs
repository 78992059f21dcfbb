//! `/article/<slug>`: one story, or a not-found page, or an error with a way to retry.
//! Once the story is on screen, its entities are recognised in a worker and highlighted;
//! `?entity=<id>` opens the story with that entity selected.

use lede_core::Article;
use lede_core::ranking::RelatedStory;
use lede_core::routes::article_path;
use leptos::prelude::*;

use crate::strings::t;
use leptos_meta::{Link, Meta, Title};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::components::share::canonical_url;
use crate::components::{ArticleView, EntityPanel, ErrorView, ReadingProgress};
use crate::entities::{EntityContext, StoryEntities, client, entity_link, show_mention};
use crate::format;
use crate::load::{self, LoadError};
use crate::pages::NotFound;
use crate::pages::saved::SavedList;
use crate::saved::{SavedStories, version_of};
use lede_core::entity::wire::Outcome;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let story = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            // Each step a task of its own, so none is long on a slow phone: asking for the story
            // (not in the task that mounted the page), reading and checking it, ranking "More on
            // this story" once the archive index is in, and rendering it all.
            crate::dom::next_task().await;
            let article = load_story(&slug).await?;
            crate::dom::next_task().await;
            let more = more_related(&article).await;
            crate::dom::next_task().await;
            Ok::<_, LoadError>((article, more))
        }
    });
    let retry = Callback::new(move |()| story.refetch());

    let entities = EntityContext::new();
    provide_context(entities);
    // A deep link names the entity to select; it is shown once the recogniser has answered.
    let wanted = use_query_map().with_untracked(|q| q.get("entity"));
    entities.selected.set(wanted.clone());
    let pending_scroll = StoredValue::new(wanted.is_some());

    // Recognise entities once the story is on screen; first paint never waits for the model.
    Effect::new(move |_| {
        let Some(Ok((article, _))) = story.get() else { return };
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
                Outcome::Done { analysis } => {
                    // Decoding the reply was this task's work; building the table gets a task of its own.
                    request_animation_frame(move || entities.show(StoryEntities::new(&article, texts, analysis)));
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
    crate::dom::listen_window(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" && entities.selected.get_untracked().is_some() {
            entities.close();
        }
    });

    // The page this one takes over (pre-rendered at build time) stays until this one is ready.
    // If the story cannot be had now (network, server), the pre-rendered copy is still the story,
    // and stays; a story that is gone is gone.
    Effect::new(move |_| {
        if story.with(|s| matches!(s, Some(Ok(_)) | Some(Err(LoadError::NotFound)))) {
            crate::takeover::reveal();
        }
    });

    move || match story.get() {
        None => view! { <p class="loading" role="status">{t().loading_story}</p> }.into_any(),
        Some(Ok((article, more))) => {
            let description = article.summary();
            let canonical = canonical_url(&article.slug);
            view! {
                <Title text=article.headline.clone() />
                <Meta name="description" content=description.clone() />
                <Link rel="canonical" href=canonical.clone() />
                <Meta property="og:type" content="article" />
                <Meta property="og:title" content=article.headline.clone() />
                <Meta property="og:description" content=description />
                <Meta property="og:url" content=canonical />
                <SavedVersionNotice article=article.clone() />
                <StoryLayout article=article more_related=more now_ms=format::now_ms() />
            }
            .into_any()
        }
        Some(Err(LoadError::NotFound)) => view! { <NotFound /> }.into_any(),
        Some(Err(error)) => {
            // Offline, the stories that can be read are the ones to offer.
            let offline = matches!(error, LoadError::Network(_)) && !crate::connectivity::online();
            view! {
                <Title text=t().story_unavailable />
                <ErrorView error=error what=t().this_story on_retry=retry />
                {offline.then(|| view! {
                    <section class="saved-offline" aria-labelledby="saved-offline-title">
                        <h2 id="saved-offline-title">{t().saved_offline_list}</h2>
                        <SavedList />
                    </section>
                })}
            }
            .into_any()
        }
    }
}

/// A story with its progress bar and entity panel: what the app shows once the story has loaded,
/// and what the build pre-renders (with an empty `EntityContext`) for the same address.
/// How many other stories an entity's card lists.
const OTHER_STORIES: usize = 5;

#[component]
pub fn StoryLayout(
    article: Article,
    /// Stories ranked by shared entities, after the publisher's own related panels.
    #[prop(optional)]
    more_related: Vec<RelatedStory>,
    now_ms: i64,
) -> impl IntoView {
    let english = article.is_english();
    let slug = article.slug.clone();
    // The archive index, for the entity card's other stories (fetched once per session, and
    // already asked for "More on this story").
    let archive = LocalResource::new(crate::archive::archive);
    let elsewhere = Callback::new(move |(id, slug): (String, String)| {
        archive.get().and_then(Result::ok).and_then(|a| a.index.elsewhere(&id, &slug, OTHER_STORIES))
    });
    view! {
        <ReadingProgress slug=article.slug.clone() />
        <div class="story-layout" class:story-layout-single=!english>
            <ArticleView article=article more_related=more_related now_ms=now_ms />
            {english.then(|| view! { <EntityPanel slug=slug elsewhere=elsewhere /> })}
        </div>
    }
}

/// A saved copy of this story is older than the one on screen: say so, and offer to save this
/// one. Floats over the page, so its arrival moves nothing.
#[component]
fn SavedVersionNotice(article: Article) -> impl IntoView {
    let saved = expect_context::<SavedStories>();
    let current = version_of(&article);
    let slug = StoredValue::new(article.slug);
    let dismissed = RwSignal::new(false);
    let stale = move || !dismissed.get() && saved.get(&slug.get_value()).is_some_and(|s| s.version != current);
    let resave = move |_| {
        let saving = saved.save(slug.get_value());
        leptos::task::spawn_local(async move {
            let _ = saving.await;
        });
    };
    view! {
        <Show when=stale>
            <div class="notice-bar" role="region" aria-label=t().saved_updated>
                <p>{t().story_updated_since_saved}</p>
                <button type="button" class="button button-small" on:click=resave>{t().save_new_version}</button>
                <button type="button" class="button button-quiet button-small" on:click=move |_| dismissed.set(true)>{t().cancel}</button>
            </div>
        </Show>
    }
}

/// Stories that share this one's entities, from the archive index. Without the index (offline
/// and never fetched, or broken) the story simply shows none: it is complete without them.
async fn more_related(article: &Article) -> Vec<RelatedStory> {
    let Ok(archive) = crate::archive::archive().await else { return Vec::new() };
    crate::dom::timed("lede:related", || archive.more_related(article))
}

/// Loads a story. A 404 for a story the feed lists is a missing file — an error worth a retry —
/// not an unknown address.
async fn load_story(slug: &str) -> Result<Article, LoadError> {
    match load::article(slug).await {
        // The archive index lists every story (the feed only its newest page).
        Err(LoadError::NotFound) => match crate::archive::archive().await {
            Ok(archive) if archive.index.story(slug).is_some() => Err(LoadError::Status(404)),
            Ok(_) => Err(LoadError::NotFound),
            Err(_) => match load::feed().await {
                Ok(feed) if feed.lists_slug(slug) => Err(LoadError::Status(404)),
                _ => Err(LoadError::NotFound),
            },
        },
        other => other,
    }
}
