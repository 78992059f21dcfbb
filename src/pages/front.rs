//! `/`: the stories of the feed, newest first.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::{ErrorView, StoryCard};
use crate::load;

#[component]
pub fn FrontPage() -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let feed = LocalResource::new(move || {
        attempt.track();
        load::feed()
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));

    view! {
        <Title text="Front page" />
        <Meta name="description" content="The latest stories on Lede, with the people, places and organisations in them made explorable." />
        <section class="front" aria-labelledby="front-title">
            <h1 id="front-title" class="front-title">"Latest stories"</h1>
            {move || match feed.get() {
                None => view! { <p class="loading" role="status">"Loading stories…"</p> }.into_any(),
                Some(Ok(feed)) => {
                    let stories: Vec<_> = feed.stories().map(|(item, lede)| (item.clone(), lede.clone())).collect();
                    if stories.is_empty() {
                        view! { <p>"No stories yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="story-list">
                                {stories.into_iter().map(|(item, lede)| view! { <li><StoryCard item=item lede=lede /></li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }
                Some(Err(error)) => view! { <ErrorView error=error what="the list of stories" on_retry=retry /> }.into_any(),
            }}
        </section>
    }
}
