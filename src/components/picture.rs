//! A picture in every width the build made of it: a `<picture>` whose `<source>` lists the WebP
//! renditions and whose `<img>` lists the others; with no `<source>` when there are none (a
//! drawing, a picture on another site). `lede_core::picture` decides the files; `sizes` says how
//! wide the picture is laid out, so the browser downloads the one the screen needs.

use lede_core::picture::{Picture, Pictured, picture};
use leptos::prelude::*;

#[component]
pub fn ResponsiveImage(
    /// The picture: from a story's `Image` or a feed card's `Thumbnail`.
    #[prop(into)]
    pictured: PicturedOwned,
    /// Its layout width, for `sizes` (`picture::STORY_SIZES`, `picture::CARD_SIZES`).
    sizes: &'static str,
    alt: String,
    /// The first picture on screen loads at once, first; others when they near the viewport.
    #[prop(optional)]
    eager: bool,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let PicturedOwned { src, width, height, picture: Picture { modern, srcset } } = pictured;
    let img_sizes = srcset.as_ref().map(|_| sizes);
    // Always a <picture> (one shape of view, less code in the wasm); without renditions it holds
    // the <img> alone, which lays out and loads as a bare one.
    view! {
        <picture>
            {modern.map(|(kind, srcset)| view! { <source type=kind srcset=srcset sizes=sizes /> })}
            <img
                class=class
                src=src
                srcset=srcset
                sizes=img_sizes
                width=width
                height=height
                alt=alt
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=eager.then_some("high")
                decoding="async"
            />
        </picture>
    }
}

/// What [`ResponsiveImage`] needs of a picture, owned (a component's props outlive the article).
pub struct PicturedOwned {
    src: String,
    width: u32,
    height: u32,
    picture: Picture,
}

impl<'a, T> From<&'a T> for PicturedOwned
where
    &'a T: Into<Pictured<'a>>,
{
    fn from(value: &'a T) -> Self {
        let pictured: Pictured<'a> = value.into();
        PicturedOwned {
            src: pictured.src.to_string(),
            width: pictured.width,
            height: pictured.height,
            picture: picture(pictured),
        }
    }
}
