//! A feed item that carries its full text, written as the small HTML page a publisher would
//! serve for it, so it goes through the one HTML import path (meta tags, body, validation).

use quick_xml::escape::escape;

use crate::feed::{Entry, Feed};

/// The page for an item: its metadata as Open Graph and article meta tags, its content as the
/// page's `itemprop=articleBody`. `published` is the RFC 3339 date already read from the item.
pub fn page_for(entry: &Entry, feed: &Feed, published: &str, content_html: &str) -> String {
    let mut head = String::from("<meta charset=\"utf-8\">\n");
    let mut meta = |key: &str, attr: &str, value: &str| {
        head += &format!("<meta {attr}=\"{key}\" content=\"{}\">\n", escape(value));
    };
    let title = entry.title.as_deref().unwrap_or_default();
    meta("og:title", "property", title);
    if let Some(site) = &feed.title {
        meta("og:site_name", "property", site);
    }
    if let Some(summary) = &entry.summary {
        meta("og:description", "property", summary);
    }
    meta("article:published_time", "property", published);
    if let Some(Ok(updated)) = &entry.updated {
        meta("article:modified_time", "property", updated);
    }
    for author in &entry.authors {
        meta("author", "name", author);
    }
    for tag in &entry.categories {
        meta("article:tag", "property", tag);
    }
    if let Some(img) = &entry.image {
        meta("og:image", "property", &img.url);
        if let (Some(w), Some(h)) = (img.width, img.height) {
            meta("og:image:width", "property", &w.to_string());
            meta("og:image:height", "property", &h.to_string());
        }
        if let Some(alt) = &img.alt {
            meta("og:image:alt", "property", alt);
        }
    }
    if let Some(link) = &entry.link {
        head += &format!("<link rel=\"canonical\" href=\"{}\">\n", escape(link.as_str()));
    }
    let lang = entry.language.as_deref().or(feed.language.as_deref()).unwrap_or_default();
    let lang = if lang.is_empty() { String::new() } else { format!(" lang=\"{}\"", escape(lang)) };
    format!(
        "<!doctype html>\n<html{lang}>\n<head>\n{head}<title>{}</title>\n</head>\n<body>\n<article itemprop=\"articleBody\">\n{content_html}\n</article>\n</body>\n</html>\n",
        escape(title)
    )
}
