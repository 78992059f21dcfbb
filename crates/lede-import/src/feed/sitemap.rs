//! Google News sitemaps: `<urlset><url><loc>` with `<news:news>` (title, publication date,
//! publication name and language). They carry no text: every story is read from its page.

use url::Url;

use super::xml::{NEWS, Node, SITEMAP};
use super::{Entry, Feed, Format, absolute, date};

pub fn parse(root: &Node, base: Option<&Url>) -> Result<Feed, String> {
    let mut title = None;
    let mut language = None;
    let entries = root
        .all(SITEMAP, "url")
        .enumerate()
        .map(|(i, url)| {
            let news = url.child(NEWS, "news");
            let publication = news.and_then(|n| n.child(NEWS, "publication"));
            if title.is_none() {
                title = publication.and_then(|p| p.child_text(NEWS, "name"));
                language = publication.and_then(|p| p.child_text(NEWS, "language"));
            }
            Entry {
                position: i + 1,
                line: Some(url.line),
                guid: None,
                link: url.child_text(SITEMAP, "loc").and_then(|l| absolute(&l, base)),
                title: news.and_then(|n| n.child_text(NEWS, "title")),
                published: date(news.and_then(|n| n.child_text(NEWS, "publication_date")), false),
                updated: date(url.child_text(SITEMAP, "lastmod"), false),
                language: publication.and_then(|p| p.child_text(NEWS, "language")),
                categories: news
                    .and_then(|n| n.child_text(NEWS, "keywords"))
                    .map(|k| k.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                    .unwrap_or_default(),
                ..Entry::default()
            }
        })
        .collect();
    Ok(Feed { format: Format::NewsSitemap, title, language, entries })
}
