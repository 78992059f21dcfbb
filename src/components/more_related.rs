//! "More on this story": stories ranked by the entities they share with this one (rare ones
//! weigh most; see `lede_core::ranking`), each naming what it shares — "Also about: Armenia,
//! Minsk Group" — with links to those topics. Comes after the publisher's own related panels.

use lede_core::ranking::RelatedStory;
use lede_core::routes::article_path;
use leptos::prelude::*;

use crate::strings::t;
use lede_core::routes::topic_path;

#[component]
pub fn MoreRelated(stories: Vec<RelatedStory>) -> impl IntoView {
    (!stories.is_empty()).then(|| {
        view! {
            <aside class="related related-ranked" aria-labelledby="more-related">
                <h2 id="more-related" class="related-label">{t().more_on_this}</h2>
                <ul>
                    {stories.into_iter().map(|story| {
                        let shared = story.shared.into_iter().take(4).enumerate().map(|(i, e)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=topic_path(&e.id)>{e.name}</a>
                        }).collect_view();
                        view! {
                            <li>
                                <a class="related-headline" dir="auto" href=article_path(&story.slug)>{story.headline}</a>
                                <span class="also-about">{t().also_about}{shared}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </aside>
        }
    })
}
