//! `/saved`: the stories saved on this device — when, how big, whether a newer version exists —
//! with remove, the storage used, and "clear my data".

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::format;
use crate::load;
use crate::saved::{SavedStories, SavedStory, format_bytes};
use crate::strings::t;

#[component]
pub fn SavedPage() -> impl IntoView {
    let saved = expect_context::<SavedStories>();
    // Each saved story's current version, asked of the story itself: the feed's first page
    // names only the newest stories, and a story saved long ago is on none of its early pages.
    // Offline, the worker answers with the copy kept, so nothing is flagged that cannot be had.
    let current = LocalResource::new(move || {
        let slugs: Vec<String> = saved.list.with(|l| l.iter().map(|s| s.slug.clone()).collect());
        async move {
            let mut versions: Vec<(String, String)> = Vec::new();
            for slug in slugs {
                if let Ok(article) = load::article(&slug).await {
                    versions.push((slug, crate::saved::version_of(&article)));
                }
            }
            versions
        }
    });
    let storage = RwSignal::new(None::<(f64, f64, bool)>);
    let kept = RwSignal::new(None::<(usize, f64)>);
    let refresh_storage = move || {
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            let estimate = crate::saved::store::estimate().await;
            let persisted = crate::saved::store::persisted().await;
            storage.try_set(estimate.map(|(used, quota)| (used, quota, persisted)));
            kept.try_set(crate::saved::store::kept_from_reading().await);
        });
    };
    Effect::new(move |_| {
        saved.list.track();
        refresh_storage();
    });
    Effect::new(|_| crate::takeover::reveal());

    let newer_version = move |entry: &SavedStory| -> bool {
        current.with(|c| c.iter().flatten().any(|(slug, version)| slug == &entry.slug && version != &entry.version))
    };
    // A sentinel for tests and scripts: the versions have been asked for this list.
    let checked = move || current.with(|c| c.is_some()).then_some("true");

    view! {
        <Title text=t().saved_title />
        <Meta name="robots" content="noindex" />
        <section class="saved-page" aria-labelledby="saved-title" data-versions-checked=checked>
            <h1 id="saved-title">{t().saved_heading}</h1>
            <p class="saved-intro">{t().saved_intro}</p>
            <Show when=move || saved.loaded.get() fallback=|| view! { <p class="loading" role="status">{t().loading_stories}</p> }>
                <SavedList newer_version=Callback::new(move |e: SavedStory| newer_version(&e)) />
            </Show>
            <div class="storage-report">
                {move || storage.get().map(|(used, quota, persisted)| view! {
                    <p>{(t().storage_used)(&format_bytes(used), &format_bytes(quota))}</p>
                    {move || kept.get().map(|(files, bytes)| view! {
                        <p class="storage-kept">
                            {(t().storage_kept_from_reading)(files, &format_bytes(bytes), lede_core::caches::STORIES_LIMIT)}
                        </p>
                    })}
                    <p>{if persisted { t().storage_persistent } else { t().storage_not_persistent }}</p>
                })}
            </div>
            <ClearMyData />
        </section>
    }
}

/// The saved stories as a list of links with their details. `newer_version` marks the ones the
/// feed has a newer version of (with a way to save it).
#[component]
pub fn SavedList(#[prop(optional)] newer_version: Option<Callback<SavedStory, bool>>) -> impl IntoView {
    let saved = expect_context::<SavedStories>();
    move || {
        let list = saved.list.get();
        if list.is_empty() {
            return view! { <p class="saved-none">{t().saved_none}</p> }.into_any();
        }
        view! {
            <ul class="saved-list">
                {list.into_iter().map(|entry| {
                    let href = lede_core::routes::article_path(&entry.slug);
                    let when = format::date_of_ms(entry.saved_at);
                    let details = (t().saved_on)(&when, &format_bytes(entry.bytes));
                    let updated = newer_version.is_some_and(|f| f.run(entry.clone()));
                    let slug = entry.slug.clone();
                    let resave = entry.slug.clone();
                    let remove_label = (t().remove_story_label)(&entry.headline);
                    view! {
                        <li class="saved-item">
                            <a class="saved-headline" href=href>{entry.headline.clone()}</a>
                            <p class="saved-details">{details}</p>
                            {updated.then(|| view! {
                                <p class="saved-updated">
                                    <span>{t().saved_updated}</span>" "
                                    <button type="button" class="button button-small"
                                        on:click=move |_| { leptos::task::spawn_local({ let s = saved.save(resave.clone()); async move { let _ = s.await; } }); }>
                                        {t().save_new_version}
                                    </button>
                                </p>
                            })}
                            <button type="button" class="button button-quiet button-small" aria-label=remove_label
                                on:click=move |_| saved.remove(slug.clone())>{t().remove}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// "Clear my data", with a confirmation step naming what goes.
#[component]
fn ClearMyData() -> impl IntoView {
    let saved = expect_context::<SavedStories>();
    let confirming = RwSignal::new(false);
    let cleared = RwSignal::new(false);
    let clear = move |_| {
        confirming.set(false);
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            if crate::saved::store::clear_all().await.is_ok() {
                cleared.try_set(true);
            }
            saved.refresh();
        });
    };
    view! {
        <div class="clear-data">
            <h2>{t().clear_my_data}</h2>
            <p>{t().clear_my_data_explained}</p>
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="button" on:click=move |_| { cleared.set(false); confirming.set(true) }>{t().clear_my_data}</button>
            }>
                <div class="clear-confirm" role="group" aria-label=t().clear_my_data>
                    <p>{move || (t().clear_confirm)(saved.list.with(Vec::len))}</p>
                    <button type="button" class="button button-danger" on:click=clear>{t().clear_everything}</button>
                    " "
                    <button type="button" class="button button-quiet" on:click=move |_| confirming.set(false)>{t().cancel}</button>
                </div>
            </Show>
            <p role="status">{move || cleared.get().then_some(t().data_cleared)}</p>
        </div>
    }
}
