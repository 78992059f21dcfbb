//! What the page says about itself outside JSON-LD: Open Graph and Twitter cards, `article:*`
//! and standard `<meta>` tags, `<link rel="canonical">`, `<base>`, `<title>`, `<html lang dir>`.

use scraper::{ElementRef, Html, Selector};

use crate::text::squash;

#[derive(Debug, Default)]
pub struct Meta {
    /// `(key, content)` of every `<meta>`, keys lower-cased (`og:title`, `description`); a tag
    /// with both `name` and `property` is listed under each.
    entries: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub base_href: Option<String>,
    pub title: Option<String>,
    pub html_lang: Option<String>,
    pub html_dir: Option<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid built-in selector")
}

impl Meta {
    pub fn read(doc: &Html) -> Meta {
        let mut meta = Meta::default();
        for el in doc.select(&selector("meta[content]")) {
            let content = squash(el.attr("content").unwrap_or(""));
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = el.attr(key_attr) {
                    for key in key.split_whitespace() {
                        meta.entries.push((key.to_ascii_lowercase(), content.clone()));
                    }
                }
            }
        }
        let rel_is = |el: &ElementRef, rel: &str| {
            el.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
        };
        meta.canonical = doc
            .select(&selector("link[href]"))
            .find(|l| rel_is(l, "canonical"))
            .and_then(|l| l.attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        meta.base_href =
            doc.select(&selector("base[href]")).next().and_then(|b| b.attr("href")).map(|h| h.trim().to_string());
        meta.title = doc
            .select(&selector("title"))
            .next()
            .map(|t| squash(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
        let html = doc.root_element();
        meta.html_lang =
            html.attr("lang").or_else(|| html.attr("xml:lang")).map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
        meta.html_dir = html.attr("dir").map(|d| d.trim().to_ascii_lowercase());
        meta
    }

    /// The first value under any of `keys`, trying the keys in order: `(key, value)`.
    pub fn first(&self, keys: &[&'static str]) -> Option<(&'static str, &str)> {
        keys.iter().find_map(|&k| self.entries.iter().find(|(key, _)| key == k).map(|(_, v)| (k, v.as_str())))
    }

    /// Every value under `key`, in page order.
    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The page's own address, for resolving relative links: `canonical`, then `og:url`.
pub const URL_KEYS: &[&str] = &["og:url", "twitter:url"];
pub const HEADLINE_KEYS: &[&str] = &["og:title", "twitter:title", "title", "headline", "dc.title"];
pub const DESCRIPTION_KEYS: &[&str] = &["og:description", "twitter:description", "description", "dc.description"];
pub const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
];
pub const MODIFIED_KEYS: &[&str] =
    &["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified"];
pub const AUTHOR_KEYS: &[&str] = &["author", "article:author", "parsely-author", "sailthru.author", "dc.creator"];
pub const SECTION_KEYS: &[&str] = &["article:section", "parsely-section", "section"];
pub const SITE_KEYS: &[&str] = &["og:site_name", "application-name", "publisher", "dc.publisher"];
pub const LANGUAGE_KEYS: &[&str] = &["og:locale", "content-language", "language", "dc.language"];
pub const IMAGE_KEYS: &[&str] =
    &["og:image:secure_url", "og:image:url", "og:image", "twitter:image", "twitter:image:src"];
pub const IMAGE_ALT_KEYS: &[&str] = &["og:image:alt", "twitter:image:alt"];
