//! One story on the front page: thumbnail, section, headline, summary, date.

use lede_core::FeedItem;
use lede_core::feed::LedeItem;
use leptos::prelude::*;

use crate::components::{ResponsiveImage, SaveButton};
use crate::format::{self, Form};
use lede_core::picture::CARD_SIZES;

#[component]
pub fn StoryCard(item: FeedItem, lede: LedeItem) -> impl IntoView {
    let href = lede_core::routes::article_path(&lede.slug);
    let language = item.language.clone().unwrap_or_else(|| "en".into());
    let published = item.date_published.clone();
    let title = item.title.clone().unwrap_or_default();
    let slug = lede.slug.clone();
    view! {
        // A story in another script sets its own language and direction (an Arabic card reads right to left).
        <article class="story-card" lang=language.clone() dir="auto">
            {lede.thumbnail.map(|t| view! {
                <ResponsiveImage pictured=&t sizes=CARD_SIZES alt=String::new() class="story-thumb" />
            })}
            <div class="story-text">
                {lede.section.map(|s| view! { <p class="kicker">{s}</p> })}
                <h2 class="story-title"><a href=href>{item.title.unwrap_or_default()}</a></h2>
                {item.summary.map(|s| view! { <p class="story-summary">{s}</p> })}
                <div class="story-card-foot">
                    {published.map(|iso| {
                        let shown = format::at_build(&iso, &language, Form::Date);
                        format::localise_soon();
                        view! { <p class="story-date"><time datetime=iso data-local=Form::Date.marker()>{shown}</time></p> }
                    })}
                    <SaveButton slug=slug headline=title small=true />
                </div>
            </div>
        </article>
    }
}
