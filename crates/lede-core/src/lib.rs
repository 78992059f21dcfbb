//! Lede's pure core: the article model, its validation, timestamps, the feeds (JSON Feed and
//! Atom), and the archive index with related-story ranking and search.
//!
//! Nothing here touches a browser API, so it compiles for `wasm32-unknown-unknown` (the reader)
//! and natively (tests, build tools) alike.

pub mod article;
pub mod atom;
pub mod caches;
pub mod entity;
pub mod feed;
pub mod hash;
pub mod html;
pub mod index;
pub mod markup;
pub mod numbers;
pub mod page_meta;
pub mod picture;
pub mod problems;
pub mod ranking;
pub mod routes;
pub mod search;
pub mod share_card;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod text;
pub mod time;
pub mod validate;

pub use article::*;
pub use entity::EntityType;
pub use feed::{Feed, FeedItem};
pub use index::ArchiveIndex;
pub use problems::{Problem, Problems};
