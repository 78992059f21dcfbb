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
    // The feed says which saved stories have changed since; offline, its cached copy does.
    let feed = LocalResource::new(load::feed);
    let storage = RwSignal::new(None::<(f64, f64, bool)>);
    let refresh_storage = move || {
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            let estimate = crate::saved::store::estimate().await;
            let persisted = crate::saved::store::persisted().await;
            storage.try_set(estimate.map(|(used, quota)| (used, quota, persisted)));
        });
    };
    Effect::new(move |_| {
        saved.list.track();
        refresh_storage();
    });
    Effect::new(|_| crate::takeover::reveal());

    let newer_version = move |entry: &SavedStory| -> bool {
        feed.with(|f| match f {
            Some(Ok(feed)) => feed.stories().any(|(item, lede)| {
                let current = item.date_modified.as_ref().or(item.date_published.as_ref());
                lede.slug == entry.slug && current.is_some_and(|v| v != &entry.version)
            }),
            _ => false,
        })
    };

    view! {
        <Title text=t().saved_title />
        <Meta name="robots" content="noindex" />
        <section class="saved-page" aria-labelledby="saved-title">
            <h1 id="saved-title">{t().saved_heading}</h1>
            <p class="saved-intro">{t().saved_intro}</p>
            <Show when=move || saved.loaded.get() fallback=|| view! { <p class="loading" role="status">{t().loading_stories}</p> }>
                <SavedList newer_version=Callback::new(move |e: SavedStory| newer_version(&e)) />
            </Show>
            <div class="storage-report">
                {move || storage.get().map(|(used, quota, persisted)| view! {
                    <p>{(t().storage_used)(&format_bytes(used), &format_bytes(quota))}</p>
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
                    let href = lede_core::article_path(&entry.slug);
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
