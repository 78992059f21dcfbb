//! Why a document could not be shown: what the fetching layer (`load`, `archive`) reports and
//! what components such as `ErrorView` show. Its own module so that components can name it
//! without reaching the code that fetches.

use lede_core::Problems;

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
