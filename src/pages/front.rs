//! `/`: the stories of the feed, newest first.

use leptos::prelude::*;

use crate::strings::t;
use leptos_meta::{Meta, Title};

use crate::components::{ErrorView, StoryCard};
use crate::load;
use lede_core::Feed;

#[component]
pub fn FrontPage() -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let feed = LocalResource::new(move || {
        attempt.track();
        load::feed()
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));

    // The page this one takes over (pre-rendered at build time) stays until this one is ready.
    Effect::new(move |_| {
        if feed.with(Option::is_some) {
            crate::takeover::reveal();
        }
    });

    view! {
        <Title text=t().front_title />
        <Meta name="description" content=t().front_description />
        <FrontSection>
            {move || match feed.get() {
                None => view! { <p class="loading" role="status">{t().loading_stories}</p> }.into_any(),
                Some(Ok(feed)) => view! { <StoryList feed=feed /> }.into_any(),
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

/// The front page's list of stories; also what the build pre-renders.
#[component]
pub fn StoryList(feed: Feed) -> impl IntoView {
    let stories: Vec<_> = feed.stories().map(|(item, lede)| (item.clone(), lede.clone())).collect();
    if stories.is_empty() {
        view! { <p>{t().no_stories}</p> }.into_any()
    } else {
        view! {
            <ul class="story-list">
                {stories.into_iter().map(|(item, lede)| view! { <li><StoryCard item=item lede=lede /></li> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
