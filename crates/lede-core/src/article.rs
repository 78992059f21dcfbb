//! The article format (docs/article-format.md): a typed, versioned JSON document.
//!
//! Rich text is structured data — runs of text with marks — so the reader never injects HTML.

use serde::{Deserialize, Serialize};

use crate::entity::EntityType;
use crate::problems::{Problems, from_json, from_json_bytes};
use crate::time::Timestamp;

mod raw_block;
mod reading_time;
use raw_block::RawBlock;

/// The newest format version this build reads. Older versions are read too.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Article {
    /// Format version; a reader refuses documents newer than it understands.
    pub version: u32,
    /// Publisher's own stable identifier, never shown.
    pub id: String,
    /// URL name: `/article/<slug>`, file `articles/<slug>.json`.
    pub slug: String,
    /// BCP 47 language tag of the story, e.g. `en`, `hy`, `ar`.
    pub language: String,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaking: Option<Breaking>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub headline: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    pub date_published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    pub publisher: Organization,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_image: Option<Image>,
    pub body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// The publisher's own list of who and what the story is about; the reader uses it to
    /// confirm and link the entities it recognises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityHint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EntityHint {
    pub name: String,
    /// PER, LOC, ORG or MISC ([`validate`](crate::validate) refuses the rule types).
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// A page that identifies the entity (schema.org `sameAs`), e.g. an encyclopedia article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Marks a story as breaking news until a given moment; after it, the banner goes away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Breaking {
    pub until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Image {
    pub src: String,
    /// Intrinsic size, so the page reserves the space before the image arrives.
    pub width: u32,
    pub height: u32,
    /// What the image shows, for people who cannot see it.
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Other renditions of the same picture, for `srcset`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<ImageSize>,
    /// Where the picture's subject is; crops (the share cards) keep it in view. The centre when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focal_point: Option<FocalPoint>,
    /// The http(s) address the picture was copied from (lede-import), never fetched by the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A point of a picture as fractions of its width and height from the top-left corner:
/// `{"x": 0.5, "y": 0.5}` is the centre, `{"x": 0.25, "y": 0.4}` left of it and a little higher.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocalPoint {
    pub x: f64,
    pub y: f64,
}

impl Image {
    /// The `srcset` attribute value, when renditions are listed.
    pub fn srcset(&self) -> Option<String> {
        crate::picture::listed_srcset(&self.sizes)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageSize {
    pub src: String,
    pub width: u32,
}

/// One unit of the body. Every block has an id, stable across edits, used for anchors and
/// for keeping per-block data (such as entity spans) attached to the right text.
///
/// In JSON a block is one flat object with a `type`; it is read through [`RawBlock`] rather than
/// serde's internally tagged enums, whose buffering deserializer costs the reader's wasm ~20 KB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawBlock", into = "RawBlock")]
pub enum Block {
    Paragraph {
        id: String,
        content: Vec<Run>,
        language: BlockLanguage,
    },
    Heading {
        id: String,
        /// 2 or 3: the headline is the page's only level 1.
        level: u8,
        content: Vec<Run>,
        language: BlockLanguage,
    },
    Quote {
        id: String,
        content: Vec<Run>,
        attribution: Option<String>,
        language: BlockLanguage,
    },
    Image {
        id: String,
        image: Image,
    },
}

/// A text block in another language than the story (a quote in Armenian in an English story):
/// `lang` and `dir` in the block's JSON. Both absent means the story's own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockLanguage {
    pub lang: Option<String>,
    pub dir: Option<Direction>,
}

impl Block {
    /// The block's own language, when it differs from the story's.
    pub fn language(&self) -> Option<&BlockLanguage> {
        match self {
            Block::Paragraph { language, .. } | Block::Heading { language, .. } | Block::Quote { language, .. } => {
                Some(language)
            }
            Block::Image { .. } => None,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Block::Paragraph { id, .. }
            | Block::Heading { id, .. }
            | Block::Quote { id, .. }
            | Block::Image { id, .. } => id,
        }
    }

    /// The block's plain text (for images, the caption), as a reader would copy it.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } | Block::Quote { content, .. } => {
                plain_text(content)
            }
            Block::Image { image, .. } => image.caption.clone().unwrap_or_default(),
        }
    }
}

/// A stretch of text with the same formatting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Run {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
    /// Makes the run a link: an `http(s)` URL or a path on this site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run { text: text.into(), marks: Vec::new(), href: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Emphasis,
    Strong,
}

pub fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// A labelled group of links to other stories ("Related: Armenia and Azerbaijan").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Related {
    pub label: String,
    pub items: Vec<RelatedItem>,
    /// Show the panel after this body block, as the publisher placed it; otherwise after the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_block: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RelatedItem {
    pub title: String,
    pub href: String,
}

/// Where a picture is in an article; shown as its field path (`leadImage`, `body[3].image`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageAt {
    Lead,
    /// The image block at this position of `body`.
    Body(usize),
}

impl std::fmt::Display for ImageAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageAt::Lead => f.write_str("leadImage"),
            ImageAt::Body(i) => write!(f, "body[{i}].image"),
        }
    }
}

impl Article {
    /// Reads and validates an article. Every problem found is reported, each with its path.
    pub fn from_json(json: &str) -> Result<Article, Problems> {
        let article: Article = from_json(json)?;
        crate::validate::article(&article)?;
        Ok(article)
    }

    /// Like [`Article::from_json`], for raw bytes: invalid UTF-8 is a problem, not a panic.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Article, Problems> {
        let article: Article = from_json_bytes(bytes)?;
        crate::validate::article(&article)?;
        Ok(article)
    }

    pub fn published(&self) -> Timestamp {
        Timestamp::parse(&self.date_published).expect("validated on load")
    }

    pub fn modified(&self) -> Option<Timestamp> {
        self.date_modified.as_deref().and_then(|t| Timestamp::parse(t).ok())
    }

    /// Whether the breaking-news banner shows at `now` (Unix milliseconds).
    pub fn is_breaking_at(&self, now_unix_ms: i64) -> bool {
        self.breaking
            .as_ref()
            .and_then(|b| Timestamp::parse(&b.until).ok())
            .is_some_and(|until| now_unix_ms < until.unix_ms())
    }

    /// The text a reader is told in a link preview or a search result.
    pub fn summary(&self) -> String {
        match &self.standfirst {
            Some(s) => s.clone(),
            None => self
                .body
                .iter()
                .find(|b| matches!(b, Block::Paragraph { .. }))
                .map(Block::plain_text)
                .unwrap_or_default(),
        }
    }

    /// Every picture of the story, the lead image first, with where it is.
    pub fn images(&self) -> impl Iterator<Item = (ImageAt, &Image)> {
        let body = self.body.iter().enumerate().filter_map(|(i, b)| match b {
            Block::Image { image, .. } => Some((ImageAt::Body(i), image)),
            _ => None,
        });
        self.lead_image.iter().map(|image| (ImageAt::Lead, image)).chain(body)
    }

    /// Every piece of text a reader sees, in reading order, each with a key naming where it
    /// is shown: `headline`, `standfirst`, `lead-caption`, then `body:<block id>` (an image
    /// block's text is its caption). Recognising entities works over exactly these texts.
    pub fn text_blocks(&self) -> Vec<(String, String)> {
        let mut out = vec![("headline".to_string(), self.headline.clone())];
        if let Some(s) = &self.standfirst {
            out.push(("standfirst".into(), s.clone()));
        }
        if let Some(caption) = self.lead_image.as_ref().and_then(|i| i.caption.clone()) {
            out.push(("lead-caption".into(), caption));
        }
        for block in &self.body {
            let text = block.plain_text();
            if !text.is_empty() {
                out.push((format!("body:{}", block.id()), text));
            }
        }
        out
    }

    /// Whether the story is in English, the only language the entity recogniser knows.
    pub fn is_english(&self) -> bool {
        self.language.to_ascii_lowercase().starts_with("en")
    }

    /// The related panels to show after the block with this id (`None`: after the body).
    pub fn related_after<'a>(&'a self, block_id: Option<&'a str>) -> impl Iterator<Item = &'a Related> + 'a {
        self.related.iter().filter(move |r| match (r.after_block.as_deref(), block_id) {
            (Some(anchor), Some(id)) => anchor == id,
            (None, None) => true,
            _ => false,
        })
    }
}
