//! Fetching the feed and articles, with failures sorted into what the reader is told.

use gloo_net::http::Request;
use lede_core::validate::is_valid_slug;
use lede_core::{Article, Feed};

pub use crate::load_error::LoadError;

/// A successful response, or why there is none.
async fn fetch(url: &str) -> Result<gloo_net::http::Response, LoadError> {
    let response = Request::get(url).send().await.map_err(|e| LoadError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => Ok(response),
        404 | 410 => Err(LoadError::NotFound),
        status => Err(LoadError::Status(status)),
    }
}

pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    fetch(url).await?.text().await.map_err(|e| LoadError::Network(e.to_string()))
}

/// The body as bytes, so a document that is not UTF-8 is reported as such (with where), not
/// silently read with replacement characters.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    fetch(url).await?.binary().await.map_err(|e| LoadError::Network(e.to_string()))
}

pub async fn article(slug: &str) -> Result<Article, LoadError> {
    // A slug that could never be valid is not looked up: it is simply not a story.
    if !is_valid_slug(slug) {
        return Err(LoadError::NotFound);
    }
    let bytes = fetch_bytes(&lede_core::routes::article_json(slug)).await?;
    Article::from_json_bytes(&bytes).map_err(LoadError::Invalid)
}

/// The newest page of the feed.
pub async fn feed() -> Result<Feed, LoadError> {
    feed_page(1).await
}

/// Page `n` (from 1) of the feed: `/feed.json`, then `/feeds/<n>.json`.
pub async fn feed_page(n: usize) -> Result<Feed, LoadError> {
    let bytes = fetch_bytes(&lede_core::routes::feed_page_path(n)).await?;
    crate::dom::timed("lede:feed-parse", || Feed::from_json_bytes(&bytes)).map_err(LoadError::Invalid)
}
