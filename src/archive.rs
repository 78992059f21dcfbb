//! The archive index (`/index.json`, written at build time by `lede-site index`): every story's
//! entities, so the reader can rank related stories, list topic pages and search without
//! fetching every article. Fetched once per session; the structures ranking and search need are
//! built once beside it.

use std::rc::Rc;

use lede_core::Article;
use lede_core::index::ArchiveIndex;
use lede_core::ranking::{RelatedIndex, RelatedStory};
use lede_core::search::SearchIndex;

use crate::load::{self, LoadError};

/// The index with its ranking and search structures.
pub struct Archive {
    pub index: ArchiveIndex,
    pub related: RelatedIndex,
    pub search: SearchIndex,
}

impl Archive {
    pub fn new(index: ArchiveIndex) -> Archive {
        let related = RelatedIndex::build(&index);
        let search = SearchIndex::build(&index);
        Archive { index, related, search }
    }

    /// "More on this story" (`RelatedIndex::more_on`, which the pre-renderer calls too).
    pub fn more_related(&self, article: &Article) -> Vec<RelatedStory> {
        self.related.more_on(&self.index, article)
    }
}

thread_local! {
    static ARCHIVE: std::cell::RefCell<Option<Rc<Archive>>> = const { std::cell::RefCell::new(None) };
}

/// The archive, fetched on first use.
pub async fn archive() -> Result<Rc<Archive>, LoadError> {
    if let Some(archive) = ARCHIVE.with(|a| a.borrow().clone()) {
        return Ok(archive);
    }
    let text = load::fetch_text(lede_core::routes::ARCHIVE_INDEX).await?;
    let index = crate::dom::timed("lede:index-parse", || ArchiveIndex::from_json(&text)).map_err(LoadError::Invalid)?;
    let archive = Rc::new(crate::dom::timed("lede:index-build", || Archive::new(index)));
    ARCHIVE.with(|a| *a.borrow_mut() = Some(archive.clone()));
    Ok(archive)
}
