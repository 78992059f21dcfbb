//! Pre-rendering (native, feature `ssr`): the reader's own components rendered to HTML at build
//! time, so every story's address answers with the full story — for crawlers, chat-app previews
//! and readers without JavaScript — and the app can take the page over without a jump (see
//! `takeover`). `lede-prerender` (src/bin) writes the files.

use lede_core::feed::Site;
use lede_core::page_meta::PageMeta;
use lede_core::ranking::RelatedStory;
use lede_core::{Article, Feed};
use leptos::prelude::*;

use crate::app::Chrome;
use crate::entities::EntityContext;
use crate::pages::article::StoryLayout;
use crate::pages::front::{FrontSection, StoryList};

/// The page's `<body>` content: the shell around a story, as the app renders it before the
/// recogniser has answered.
pub fn story_body(article: &Article, more_related: Vec<RelatedStory>, now_ms: i64) -> String {
    let article = article.clone();
    render(move || {
        provide_context(EntityContext::new());
        view! { <Chrome><StoryLayout article=article more_related=more_related now_ms=now_ms /></Chrome> }
    })
}

/// The front page's `<body>` content.
pub fn front_body(feed: &Feed) -> String {
    let feed = feed.clone();
    render(move || view! { <Chrome><FrontSection><StoryList feed=feed /></FrontSection></Chrome> })
}

fn render<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> String {
    let owner = Owner::new();
    owner.with(|| view().to_html())
}

/// A whole document: Trunk's `index.html` (its scripts, styles and settings loader) with the
/// page's metadata in `<head>` and the pre-rendered body in `<div id="prerendered">`.
pub fn document(shell: &str, meta: &PageMeta, body: &str) -> Result<String, String> {
    let title_at = shell.find("<title>").ok_or("the shell has no <title>")?;
    let title_end = shell[title_at..].find("</title>").ok_or("the shell's <title> is not closed")? + title_at + 8;
    let body_at = shell.find("<body>").ok_or("the shell has no <body>")? + "<body>".len();
    let body_end = shell.rfind("</body>").ok_or("the shell's <body> is not closed")?;
    if !(title_end <= body_at && body_at <= body_end) {
        return Err("the shell's <title> and <body> are out of order".into());
    }
    let mut html = String::with_capacity(shell.len() + body.len() + 4096);
    html.push_str(&shell[..title_at]);
    html.push_str(meta.to_html().trim_start());
    html.push_str(&shell[title_end..body_at]);
    html.push_str(&format!("\n<div id=\"prerendered\">{body}</div>\n"));
    html.push_str(&shell[body_end..]);
    Ok(html)
}

/// The site the build describes (`LEDE_SITE_URL`, as for the feed and canonical links).
pub fn site() -> Site {
    Site::lede(crate::components::share::SITE_URL.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Article {
        let json =
            include_str!("../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");
        Article::from_json(json).expect("the seed story is valid")
    }

    #[test]
    fn a_story_renders_with_the_readers_own_markup() {
        let html = story_body(&seed(), Vec::new(), 0);
        assert!(html.contains(r#"<h1 id="headline" class="headline">"#), "the app's headline markup");
        assert!(html.contains("Michelle Bachelet called for an “urgent cease-fire”"));
        assert!(html.contains(r#"<main id="main" tabindex="-1">"#), "inside the shared chrome");
        assert!(html.contains("<figcaption>"), "the lead picture's caption");
        assert!(html.contains(r#"href="/article/armenia-and-azerbaijan""#), "the related panel");
        assert!(html.contains("Finding the people"), "the entity panel as the app first shows it");
        assert!(html.contains(r#"<time datetime="2020-10-09T12:00:00Z">October 9, 2020 at 12:00 PM UTC</time>"#));
    }

    #[test]
    fn a_document_puts_the_metadata_in_head_and_the_page_in_body() {
        let shell = "<!DOCTYPE html><html><head><title>Lede</title><script src=\"/app.js\"></script></head><body><noscript>x</noscript></body></html>";
        let article = seed();
        let meta = PageMeta::for_article(&article, &site());
        let html = document(shell, &meta, "<p>story</p>").unwrap();
        assert!(html.contains("<title>UN Rights Chief"));
        assert!(html.contains(
            "<script src=\"/app.js\"></script></head><body>\n<div id=\"prerendered\"><p>story</p></div>\n</body>"
        ));
        assert!(!html.contains("<noscript>"), "the page needs no script to be read");
        assert!(document("<html><body></body></html>", &meta, "").is_err(), "a shell without a title is refused");
    }
}
