//! One module per route.

pub mod article;
pub mod front;
pub mod not_found;
pub mod saved;
pub mod search;
pub mod topic;

pub use article::ArticlePage;
pub use front::FrontPage;
pub use not_found::NotFound;
pub use saved::SavedPage;
pub use search::SearchPage;
pub use topic::TopicPage;
