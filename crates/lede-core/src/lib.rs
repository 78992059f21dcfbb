//! Lede's pure core: the article model, its validation, timestamps and the feed.
//!
//! Nothing here touches a browser API, so it compiles for `wasm32-unknown-unknown` (the reader)
//! and natively (tests, build tools) alike.

pub mod article;
pub mod feed;
pub mod markup;
pub mod problems;
pub mod time;
pub mod validate;

pub use article::*;
pub use feed::{Feed, FeedItem};
pub use problems::{Problem, Problems};
