//! The pieces pages are made of, each mountable alone in a test. They receive data and callbacks
//! from pages and never fetch (the entity card's other stories come from the page, as a
//! callback). One exception remains: `SaveButton` saves through `crate::saved`, which fetches the
//! story's files. The tidy test (crates/lede-site/tests/tidy.rs) holds components to this.

pub mod article_view;
pub mod entity_panel;
pub mod error_view;
pub mod figure;
pub mod highlighted_text;
pub mod listen;
pub mod more_related;
pub mod picture;
pub mod reading_progress;
pub mod related;
pub mod rich_text;
pub mod save_button;
pub mod share;
pub mod story_card;

pub use article_view::ArticleView;
pub use entity_panel::EntityPanel;
pub use error_view::ErrorView;
pub use figure::Figure;
pub use highlighted_text::HighlightedText;
pub use listen::Listen;
pub use more_related::MoreRelated;
pub use picture::ResponsiveImage;
pub use reading_progress::ReadingProgress;
pub use related::RelatedPanel;
pub use rich_text::RichText;
pub use save_button::SaveButton;
pub use share::ShareButton;
pub use story_card::StoryCard;
