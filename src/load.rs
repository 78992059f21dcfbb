//! Fetching the feed and articles, with failures sorted into what the reader is told.

use gloo_net::http::Request;
use lede_core::validate::is_valid_slug;
use lede_core::{Article, Feed, Problems};

/// Why a document could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The server has no such document (a real 404).
    NotFound,
    /// The request did not complete: offline, reset, refused.
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The document arrived but is not a valid article or feed.
    Invalid(Problems),
}

impl LoadError {
    /// Whether trying again could help.
    pub fn is_transient(&self) -> bool {
        matches!(self, LoadError::Network(_) | LoadError::Status(_))
    }
}

pub fn article_url(slug: &str) -> String {
    format!("/articles/{slug}.json")
}

pub const FEED_URL: &str = "/feed.json";

pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url).send().await.map_err(|e| LoadError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => response.text().await.map_err(|e| LoadError::Network(e.to_string())),
        404 | 410 => Err(LoadError::NotFound),
        status => Err(LoadError::Status(status)),
    }
}

pub async fn article(slug: &str) -> Result<Article, LoadError> {
    // A slug that could never be valid is not looked up: it is simply not a story.
    if !is_valid_slug(slug) {
        return Err(LoadError::NotFound);
    }
    let text = fetch_text(&article_url(slug)).await?;
    Article::from_json(&text).map_err(LoadError::Invalid)
}

pub async fn feed() -> Result<Feed, LoadError> {
    let text = fetch_text(FEED_URL).await?;
    crate::dom::timed("lede:feed-parse", || Feed::from_json(&text)).map_err(LoadError::Invalid)
}
