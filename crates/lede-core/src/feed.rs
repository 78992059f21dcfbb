//! The front page's list of stories, published as JSON Feed 1.1 (https://jsonfeed.org) so any
//! feed reader can follow it. What only Lede needs (slug, image size) sits in `_lede`
//! extension objects, which other readers ignore.

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::problems::{Collector, Problems, from_json, from_json_bytes};
use crate::routes::article_path;
use crate::share_card::{CardShape, share_card};
use crate::time::Timestamp;
use crate::validate::{is_safe_href, is_valid_slug};

pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

// Fields the reader never shows are written but not read back (`skip_deserializing`): each
// one read would add deserialising code to the wasm the reader downloads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub version: String,
    pub title: String,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The next (older) page of the feed (JSON Feed pagination).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    /// Which page this is, of how many (Lede's extension: the front page's pager).
    #[serde(rename = "_lede", default, skip_serializing_if = "Option::is_none")]
    pub lede: Option<FeedPage>,
    pub items: Vec<FeedItem>,
}

/// Stories per page of the feed, which is also a page of the front page. A page, not the whole
/// archive: each item carries its story's text, and 10,000 of them would be some 30 MB.
pub const FEED_PAGE_SIZE: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPage {
    pub page: u32,
    pub pages: u32,
}

use crate::routes::feed_page_path;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// JSON Feed requires content; we give the plain text of the story.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    /// The story's share card (1200×630), absolute: a raster picture any feed reader can draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The same card at 16:9 (1200×675), absolute.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub banner_image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// Read back by the reader: a saved story older than this has a newer version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<FeedAuthor>,
    #[serde(skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(rename = "_lede", default, skip_serializing_if = "Option::is_none")]
    pub lede: Option<LedeItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedAuthor {
    pub name: String,
}

/// Lede's extension of a feed item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedeItem {
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Thumbnail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thumbnail {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// Site-wide facts the feed needs: where the site lives and what it is called.
#[derive(Debug, Clone)]
pub struct Site {
    /// Absolute address without a trailing slash, e.g. `https://lede.example`.
    pub url: String,
    pub title: String,
    pub description: String,
}

/// The address used when no site address is configured at build time.
pub const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080";

impl Site {
    /// Lede's own site description at the given address.
    pub fn lede(url: &str) -> Site {
        Site {
            url: url.to_string(),
            title: "Lede".to_string(),
            description: "Stories with the people, places and organisations in them made explorable.".to_string(),
        }
    }
}

impl Feed {
    /// Reads a feed, keeping only items Lede can show; malformed JSON is an error.
    pub fn from_json(json: &str) -> Result<Feed, Problems> {
        Feed::checked(from_json(json)?)
    }

    /// Like [`Feed::from_json`], for raw bytes: invalid UTF-8 is a problem, not a panic.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Feed, Problems> {
        Feed::checked(from_json_bytes(bytes)?)
    }

    fn checked(feed: Feed) -> Result<Feed, Problems> {
        let mut c = Collector::default();
        if !feed.version.starts_with("https://jsonfeed.org/version/1") {
            c.push("version", format!("`{}` is not a JSON Feed 1.x version", feed.version));
        }
        for (i, item) in feed.items.iter().enumerate() {
            if let Some(lede) = &item.lede {
                if !is_valid_slug(&lede.slug) {
                    c.push(&format!("items[{i}]._lede.slug"), format!("`{}` is not a valid slug", lede.slug));
                }
                if let Some(t) = &lede.thumbnail
                    && !is_safe_href(&t.src)
                {
                    c.push(&format!("items[{i}]._lede.thumbnail.src"), "is not an http(s) URL or a site path");
                }
            }
        }
        c.finish()?;
        Ok(feed)
    }

    /// Builds the feed from articles, newest first, as pages of [`FEED_PAGE_SIZE`] items
    /// linked by `next_url` (always at least one page).
    pub fn pages_from_articles(site: &Site, articles: &[Article]) -> Vec<Feed> {
        let mut sorted: Vec<&Article> = articles.iter().collect();
        sorted.sort_by_key(|a| std::cmp::Reverse(a.published().unix_ms()));
        let pages = sorted.len().div_ceil(FEED_PAGE_SIZE).max(1);
        (1..=pages)
            .map(|n| {
                let items = sorted.iter().skip((n - 1) * FEED_PAGE_SIZE).take(FEED_PAGE_SIZE);
                Feed {
                    version: JSON_FEED_VERSION.to_string(),
                    title: site.title.clone(),
                    home_page_url: Some(format!("{}/", site.url)),
                    feed_url: Some(format!("{}{}", site.url, feed_page_path(n))),
                    description: Some(site.description.clone()),
                    language: Some("en".to_string()),
                    next_url: (n < pages).then(|| format!("{}{}", site.url, feed_page_path(n + 1))),
                    lede: Some(FeedPage { page: n as u32, pages: pages as u32 }),
                    items: items.map(|a| FeedItem::from_article(site, a)).collect(),
                }
            })
            .collect()
    }

    /// How many pages the feed has (1 for a feed without Lede's page information).
    pub fn pages(&self) -> usize {
        self.lede.map_or(1, |p| p.pages.max(1) as usize)
    }

    /// The stories Lede can link to, in feed order.
    pub fn stories(&self) -> impl Iterator<Item = (&FeedItem, &LedeItem)> {
        self.items.iter().filter_map(|item| item.lede.as_ref().map(|l| (item, l)))
    }

    pub fn lists_slug(&self, slug: &str) -> bool {
        self.stories().any(|(_, l)| l.slug == slug)
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a feed always serialises") + "\n"
    }
}

impl FeedItem {
    fn from_article(site: &Site, a: &Article) -> FeedItem {
        let url = format!("{}{}", site.url, article_path(&a.slug));
        let card = |shape| Some(share_card(a, shape).meta_image(site).url);
        FeedItem {
            id: url.clone(),
            url: Some(url),
            title: Some(a.headline.clone()),
            summary: Some(a.summary()),
            content_text: Some(a.body.iter().map(|b| b.plain_text()).collect::<Vec<_>>().join("\n\n")),
            image: card(CardShape::Wide),
            banner_image: card(CardShape::SixteenNine),
            date_published: Some(a.date_published.clone()),
            date_modified: a.date_modified.clone(),
            authors: a.authors.iter().map(|p| FeedAuthor { name: p.name.clone() }).collect(),
            tags: a.keywords.clone(),
            language: Some(a.language.clone()),
            lede: Some(LedeItem {
                slug: a.slug.clone(),
                section: a.section.clone(),
                thumbnail: a.lead_image.as_ref().map(|i| Thumbnail {
                    src: i.src.clone(),
                    width: i.width,
                    height: i.height,
                    alt: i.alt.clone(),
                }),
            }),
        }
    }

    /// When the item was published, for display and ordering.
    pub fn published(&self) -> Option<Timestamp> {
        self.date_published.as_deref().and_then(|t| Timestamp::parse(t).ok())
    }
}
