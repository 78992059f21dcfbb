//! A whole story, laid out the way a newsroom does: banner, headline, byline and dates, lead
//! image, body, and the related panels where the publisher placed them.

use lede_core::{Article, Block};
use leptos::prelude::*;

use crate::strings::t;

use lede_core::Run;

use crate::components::share::canonical_url;
use crate::components::{Figure, HighlightedText, Listen, MoreRelated, RelatedPanel, SaveButton, ShareButton};
use crate::format::{self, Form};

#[component]
pub fn ArticleView(
    article: Article,
    /// Stories ranked by the entities they share with this one (`MoreRelated`).
    #[prop(optional)]
    more_related: Vec<lede_core::ranking::RelatedStory>,
    /// The current time in Unix milliseconds; decides whether the breaking banner shows.
    now_ms: i64,
) -> impl IntoView {
    let breaking = article.is_breaking_at(now_ms);
    let language = article.language.clone();
    let published_iso = article.date_published.clone();
    let published_shown = format::at_build(&published_iso, &language, Form::DateTime);
    let modified = article.date_modified.clone().map(|iso| {
        let shown = format::at_build(&iso, &language, Form::DateTime);
        (iso, shown)
    });
    format::localise_soon();
    let byline = (!article.authors.is_empty())
        .then(|| article.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "));
    // The story's canonical address: shared, and printed at the end of a paper copy.
    let url = canonical_url(&article.slug);
    let share_title = article.headline.clone();
    let slug = article.slug.clone();
    let (quick, slow) = article.reading_minutes();
    let reading_time = (t().minutes_to_read)(quick, slow);
    // What "Listen" reads: the headline, then the body's text blocks (not image captions).
    let mut spoken = vec![("headline".to_string(), article.headline.clone())];
    spoken.extend(
        article.body.iter().filter(|b| !matches!(b, Block::Image { .. })).map(|b| (b.id().to_string(), b.plain_text())),
    );
    let listen_language = article.language.clone();
    let related_at_end: Vec<_> = article.related_after(None).cloned().collect();
    let body = body_view(&article);
    let Article { headline, standfirst, section, dateline, lead_image, direction, .. } = article;

    view! {
        <article class="story" lang=language dir=direction.as_str() data-url=url>
            {breaking.then(|| view! {
                <div class="breaking" role="status" aria-live="polite">
                    <span class="breaking-label">{t().breaking_news}</span>
                </div>
            })}
            <header class="story-header">
                {section.map(|s| view! { <p class="kicker">{s}</p> })}
                <h1 id="headline" class="headline"><HighlightedText runs=vec![Run::plain(headline)] block="headline" /></h1>
                {standfirst.map(|s| view! { <p class="standfirst"><HighlightedText runs=vec![Run::plain(s)] block="standfirst" /></p> })}
                <div class="story-meta">
                    {byline.map(|b| view! { <p class="byline"><span lang="en">{t().by}</span><span class="author">{b}</span></p> })}
                    <p class="dates">
                        {dateline.map(|d| view! { <span class="dateline">{d}</span> })}
                        <span class="published">
                            <span class="visually-hidden">{t().published}</span>
                            <time datetime=published_iso data-local=Form::DateTime.marker()>{published_shown}</time>
                        </span>
                        {modified.map(|(iso, shown)| view! {
                            <span class="updated"><span lang="en">{t().updated}</span><time datetime=iso data-local=Form::DateTime.marker()>{shown}</time></span>
                        })}
                        <bdi class="reading-time" lang="en">{reading_time}</bdi>
                    </p>
                    <div class="story-actions">
                        <ShareButton title=share_title url=url.clone() />
                        <SaveButton slug=slug small=true />
                        <Listen blocks=spoken language=listen_language />
                    </div>
                </div>
            </header>
            {lead_image.map(|image| view! { <Figure image=image lead=true caption_key="lead-caption" /> })}
            <div class="story-body">
                {body}
                {related_at_end
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| view! { <RelatedPanel related=r index=100 + i /> })
                    .collect_view()}
                <MoreRelated stories=more_related />
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
                {block_view(block.clone(), &article.slug)}
                {panels.into_iter().map(|r| view! { <RelatedPanel related=r index=i /> }).collect_view()}
            }
        })
        .collect_view()
}

fn block_view(block: Block, slug: &str) -> AnyView {
    match block {
        Block::Paragraph { id, content, language } => {
            let key = format!("body:{id}");
            let (lang, dir) = lang_dir(language);
            let anchor = format!("{}#{id}", canonical_url(slug));
            view! {
                <p id=id lang=lang dir=dir>
                    <HighlightedText runs=content block=key />
                    <ParagraphLink url=anchor />
                </p>
            }
            .into_any()
        }
        Block::Heading { id, level, content, language } => {
            let key = format!("body:{id}");
            let (lang, dir) = lang_dir(language);
            match level {
                3 => view! { <h3 id=id lang=lang dir=dir><HighlightedText runs=content block=key /></h3> }.into_any(),
                _ => view! { <h2 id=id lang=lang dir=dir><HighlightedText runs=content block=key /></h2> }.into_any(),
            }
        }
        Block::Quote { id, content, attribution, language } => view! {
            <figure id=id.clone() class="quote" lang=lang_dir(language.clone()).0 dir=lang_dir(language).1>
                <blockquote><p><HighlightedText runs=content block=format!("body:{id}") /></p></blockquote>
                {attribution.map(|a| view! { <figcaption class="quote-attribution">{a}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Image { id, image } => {
            let key = format!("body:{id}");
            view! { <div id=id class="body-figure"><Figure image=image caption_key=key /></div> }.into_any()
        }
    }
}

/// "Copy link to this paragraph": a pilcrow after the paragraph's text, quiet until hovered or
/// focused. It has no text node of its own (the sign is drawn by CSS), so the paragraph's text —
/// what Listen and the highlights measure — is exactly the story's.
#[component]
fn ParagraphLink(url: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="para-link"
            aria-label=t().copy_paragraph_link
            title=t().copy_paragraph_link
            on:click=move |_| crate::components::share::copy_text(&url, copied)
        >
            <span class="para-link-done" role="status">{move || copied.get().then_some(t().link_copied)}</span>
        </button>
    }
}

/// A block's own `lang` and `dir`, if it has them (a language without a direction gets `auto`).
fn lang_dir(language: lede_core::BlockLanguage) -> (Option<String>, Option<&'static str>) {
    let dir = match (&language.lang, language.dir) {
        (_, Some(d)) => Some(d.as_str()),
        (Some(_), None) => Some("auto"),
        (None, None) => None,
    };
    (language.lang, dir)
}
