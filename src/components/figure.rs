//! An image with its caption and credit. Width and height come from the JSON, so the browser
//! reserves the space before the picture arrives and nothing below it moves.

use lede_core::picture::STORY_SIZES;
use lede_core::{Image, Run};
use leptos::prelude::*;

use crate::components::HighlightedText;
use crate::components::picture::{PicturedOwned, ResponsiveImage};

#[component]
pub fn Figure(
    image: Image,
    /// The lead image loads at once; others wait until they are near the viewport.
    #[prop(optional)]
    lead: bool,
    /// The caption's key among the story's text blocks, for entity highlights.
    #[prop(into)]
    caption_key: String,
) -> impl IntoView {
    let pictured = PicturedOwned::from(&image);
    let Image { alt, caption, credit, .. } = image;
    let has_text = caption.is_some() || credit.is_some();
    view! {
        <figure class="figure" class:figure-lead=lead>
            <ResponsiveImage pictured=pictured sizes=STORY_SIZES alt=alt eager=lead />
            {has_text.then(|| view! {
                <figcaption>
                    {caption.map(|c| view! { <span class="caption"><HighlightedText runs=vec![Run::plain(c)] block=caption_key /></span> })}
                    " "
                    {credit.map(|c| view! { <span class="credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
