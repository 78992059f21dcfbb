//! A whole story, laid out the way a newsroom does: banner, headline, byline and dates, lead
//! image, body, and the related panels where the publisher placed them.

use lede_core::{Article, Block};
use leptos::prelude::*;

use crate::components::{Figure, RelatedPanel, RichText};
use crate::format;

#[component]
pub fn ArticleView(
    article: Article,
    /// The current time in Unix milliseconds; decides whether the breaking banner shows.
    now_ms: i64,
) -> impl IntoView {
    let breaking = article.is_breaking_at(now_ms);
    let language = article.language.clone();
    let published_iso = article.date_published.clone();
    let published_shown = format::date_time(&published_iso, &language);
    let modified = article.date_modified.clone().map(|iso| {
        let shown = format::date_time(&iso, &language);
        (iso, shown)
    });
    let byline = (!article.authors.is_empty())
        .then(|| article.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "));
    let related_at_end: Vec<_> = article.related_after(None).cloned().collect();
    let body = body_view(&article);
    let Article { headline, standfirst, section, dateline, lead_image, direction, .. } = article;

    view! {
        <article class="story" lang=language dir=direction.as_str()>
            {breaking.then(|| view! {
                <div class="breaking" role="status" aria-live="polite">
                    <span class="breaking-label">"Breaking News"</span>
                </div>
            })}
            <header class="story-header">
                {section.map(|s| view! { <p class="kicker">{s}</p> })}
                <h1 class="headline">{headline}</h1>
                {standfirst.map(|s| view! { <p class="standfirst">{s}</p> })}
                <div class="story-meta">
                    {byline.map(|b| view! { <p class="byline">"By " <span class="author">{b}</span></p> })}
                    <p class="dates">
                        {dateline.map(|d| view! { <span class="dateline">{d}</span> })}
                        <span class="published">
                            <span class="visually-hidden">"Published "</span>
                            <time datetime=published_iso>{published_shown}</time>
                        </span>
                        {modified.map(|(iso, shown)| view! {
                            <span class="updated">"Updated " <time datetime=iso>{shown}</time></span>
                        })}
                    </p>
                </div>
            </header>
            {lead_image.map(|image| view! { <Figure image=image lead=true /> })}
            <div class="story-body">
                {body}
                {related_at_end
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| view! { <RelatedPanel related=r index=100 + i /> })
                    .collect_view()}
            </div>
        </article>
    }
}

/// Body blocks in order, each followed by any related panel the publisher placed after it.
fn body_view(article: &Article) -> impl IntoView + use<> {
    article
        .body
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let panels: Vec<_> = article.related_after(Some(block.id())).cloned().collect();
            view! {
                {block_view(block.clone())}
                {panels.into_iter().map(|r| view! { <RelatedPanel related=r index=i /> }).collect_view()}
            }
        })
        .collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { id, content } => view! { <p id=id><RichText runs=content /></p> }.into_any(),
        Block::Heading { id, level, content } => match level {
            3 => view! { <h3 id=id><RichText runs=content /></h3> }.into_any(),
            _ => view! { <h2 id=id><RichText runs=content /></h2> }.into_any(),
        },
        Block::Quote { id, content, attribution } => view! {
            <figure id=id class="quote">
                <blockquote><p><RichText runs=content /></p></blockquote>
                {attribution.map(|a| view! { <figcaption class="quote-attribution">{a}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Image { id, image } => view! { <div id=id class="body-figure"><Figure image=image /></div> }.into_any(),
    }
}
