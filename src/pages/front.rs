//! `/`: the stories of the feed, newest first.

use leptos::prelude::*;

use crate::strings::t;
use leptos_meta::{Meta, Title};

use crate::components::{ErrorView, StoryCard};
use crate::load;
use lede_core::Feed;

#[component]
pub fn FrontPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let page = Memo::new(move |_| query.read().get("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).max(1));
    // One page of the feed is one page of the front page.
    let feed = LocalResource::new(move || load::feed_page(page.get()));
    let retry = Callback::new(move |()| feed.refetch());

    // The page this one takes over (pre-rendered at build time) stays until this one is ready;
    // if the feed cannot be had, the pre-rendered list is better than an error, and stays.
    Effect::new(move |_| {
        if feed.with(|f| matches!(f, Some(Ok(_)))) {
            crate::takeover::reveal();
        }
    });

    view! {
        <Title text=t().front_title />
        <Meta name="description" content=t().front_description />
        <FrontSection>
            {move || match feed.get() {
                None => view! { <p class="loading" role="status">{t().loading_stories}</p> }.into_any(),
                Some(Ok(feed)) => crate::dom::timed("lede:front-page", || view! { <StoryList feed=feed page=page.get() /> }.into_any()),
                Some(Err(error)) => view! { <ErrorView error=error what=t().the_list_of_stories on_retry=retry /> }.into_any(),
            }}
        </FrontSection>
    }
}

/// The front page's heading around its content (the list, or its loading or error state).
#[component]
pub fn FrontSection(children: Children) -> impl IntoView {
    view! {
        <section class="front" aria-labelledby="front-title">
            <h1 id="front-title" class="front-title">{t().front_heading}</h1>
            {children()}
        </section>
    }
}

/// One page of the front page (`?page=2` for the second): one page of the feed, so however
/// long the archive, a page downloads and renders at most `lede_core::feed::FEED_PAGE_SIZE`
/// stories. Also what the build pre-renders (page 1).
#[component]
pub fn StoryList(feed: Feed, #[prop(optional)] page: usize) -> impl IntoView {
    let pages = feed.pages();
    let page = page.clamp(1, pages);
    let stories: Vec<_> = feed.stories().map(|(item, lede)| (item.clone(), lede.clone())).collect();
    if stories.is_empty() {
        return view! { <p>{t().no_stories}</p> }.into_any();
    }
    view! {
        <ul class="story-list">
            {stories.into_iter().map(|(item, lede)| view! { <li><StoryCard item=item lede=lede /></li> }).collect_view()}
        </ul>
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label=t().front_heading>
                {(page > 1).then(|| view! {
                    <a rel="prev" href=lede_core::routes::front_page(page - 1)>{t().newer_stories}</a>
                })}
                <span class="pager-position">{(t().page_of)(page, pages)}</span>
                {(page < pages).then(|| view! { <a rel="next" href=lede_core::routes::front_page(page + 1)>{t().older_stories}</a> })}
            </nav>
        })}
    }
    .into_any()
}
