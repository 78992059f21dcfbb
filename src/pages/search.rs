//! `/search`: results as you type — topics and stories from the archive index (headlines and
//! entity names of every story), and the full text of the stories kept on this device (read or
//! saved), which works offline. The query is kept in the address (`?q=`) so a search can be
//! shared and survives a reload.

use std::collections::HashMap;

use lede_core::search::FullTextIndex;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::strings::t;
use lede_core::routes::topic_path;

/// The full text of the stories on this device, and their headlines.
#[derive(Clone, Default)]
struct DeviceTexts {
    index: std::rc::Rc<FullTextIndex>,
    headlines: std::rc::Rc<HashMap<String, String>>,
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let initial = use_query_map().with_untracked(|q| q.get("q")).unwrap_or_default();
    let text = RwSignal::new(initial);
    let archive = LocalResource::new(crate::archive::archive);
    let device = LocalResource::new(device_texts);
    Effect::new(|_| crate::takeover::reveal());

    // The address follows the query (replacing, so Back leaves the search page).
    let navigate = use_navigate();
    Effect::new(move |previous: Option<String>| {
        let q = text.get();
        if previous.is_some_and(|p| p != q) {
            let path = lede_core::routes::search_path(&q);
            navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
        q
    });

    let results = move || {
        let q = text.get();
        if q.trim().is_empty() {
            return view! { <p class="search-hint">{t().search_hint}</p> }.into_any();
        }
        let loaded = archive.get();
        // The index could not be had (not merely still loading): only the device is searched.
        let failed = matches!(loaded, Some(Err(_)));
        let archive = loaded.and_then(Result::ok);
        let device = device.get().unwrap_or_default();
        let (topics, stories, found_on_device) = crate::dom::timed("lede:search", || {
            let (topics, stories) = match &archive {
                Some(a) => (a.search.query_entities(&a.index, &q, 8), a.search.query(&a.index, &q, 20)),
                None => (Vec::new(), Vec::new()),
            };
            (topics, stories, device.index.query(&q, 10))
        });
        let nothing = topics.is_empty() && stories.is_empty() && found_on_device.is_empty();
        view! {
            {failed.then(|| view! { <p class="search-note">{t().search_index_unavailable}</p> })}
            {(!topics.is_empty()).then(|| view! {
                <h2>{t().search_topics}</h2>
                <ul class="search-topics">
                    {topics.into_iter().map(|hit| view! {
                        <li><a href=topic_path(&hit.id)>{hit.name}</a>" "<span class="search-meta">{(t().topic_count)(hit.stories as usize)}</span></li>
                    }).collect_view()}
                </ul>
            })}
            {(!stories.is_empty()).then(|| view! {
                <h2>{t().search_stories}</h2>
                <ul class="search-stories">
                    {stories.into_iter().map(|hit| {
                        let about = (!hit.entities.is_empty()).then(|| format!("{}{}", t().also_about, hit.entities.join(", ")));
                        view! {
                            <li>
                                <a href=lede_core::routes::article_path(&hit.slug)>{hit.headline}</a>
                                {about.map(|a| view! { <p class="search-meta">{a}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!found_on_device.is_empty()).then(|| view! {
                <h2>{t().search_on_device}</h2>
                <ul class="search-device">
                    {found_on_device.into_iter().map(|hit| {
                        let headline = device.headlines.get(&hit.slug).cloned().unwrap_or_else(|| hit.slug.clone());
                        view! {
                            <li>
                                <a href=lede_core::routes::article_path(&hit.slug)>{headline}</a>
                                <p class="search-snippet">{hit.snippet}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {nothing.then(|| view! { <p>{(t().search_nothing)(&q)}</p> })}
        }
        .into_any()
    };

    view! {
        <Title text=t().search_title />
        <Meta name="robots" content="noindex" />
        <section class="search-page" aria-labelledby="search-title">
            <h1 id="search-title">{t().search_title}</h1>
            <form role="search" class="search-form" on:submit=|ev| ev.prevent_default()>
                <label for="search-input">{t().search_label}</label>
                <input id="search-input" type="search" autocomplete="off" spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev)) />
            </form>
            <div class="search-results" aria-live="polite">{results}</div>
        </section>
    }
}

/// Reads every story kept on this device (read or saved) from Cache Storage into a full-text index.
async fn device_texts() -> DeviceTexts {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::Array;
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let mut index = FullTextIndex::new();
        let mut headlines = HashMap::new();
        let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else { return DeviceTexts::default() };
        for name in [lede_core::caches::STORIES, lede_core::caches::SAVED] {
            let Ok(cache) = JsFuture::from(caches.open(name)).await.and_then(|c| c.dyn_into::<web_sys::Cache>()) else {
                continue;
            };
            let Ok(keys) = JsFuture::from(cache.keys()).await else { continue };
            for request in Array::from(&keys).iter().filter_map(|r| r.dyn_into::<web_sys::Request>().ok()) {
                if !request.url().contains("/articles/") {
                    continue;
                }
                let Ok(hit) = JsFuture::from(cache.match_with_request(&request)).await else { continue };
                let Ok(response) = hit.dyn_into::<web_sys::Response>() else { continue };
                let Ok(text) = response.text() else { continue };
                let Some(text) = JsFuture::from(text).await.ok().and_then(|t| t.as_string()) else { continue };
                let Ok(article) = lede_core::Article::from_json(&text) else { continue };
                let body: Vec<String> = article.text_blocks().into_iter().map(|(_, t)| t).collect();
                index.insert(&article.slug, &body.join("\n"));
                headlines.insert(article.slug.clone(), article.headline.clone());
            }
        }
        DeviceTexts { index: std::rc::Rc::new(index), headlines: std::rc::Rc::new(headlines) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    DeviceTexts::default()
}
