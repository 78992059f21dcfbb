//! `/`: the stories of the feed, newest first.

use leptos::prelude::*;

use crate::strings::t;
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
        <Title text=t().front_title />
        <Meta name="description" content=t().front_description />
        <section class="front" aria-labelledby="front-title">
            <h1 id="front-title" class="front-title">{t().front_heading}</h1>
            {move || match feed.get() {
                None => view! { <p class="loading" role="status">{t().loading_stories}</p> }.into_any(),
                Some(Ok(feed)) => {
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
                Some(Err(error)) => view! { <ErrorView error=error what=t().the_list_of_stories on_retry=retry /> }.into_any(),
            }}
        </section>
    }
}
