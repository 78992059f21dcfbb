//! A block as its JSON writes it: one flat object with a `type`, read and written through
//! [`RawBlock`] rather than serde's internally tagged enums (whose buffering deserializer costs
//! the reader's wasm ~20 KB), and checked here for fields its type does not have.

use serde::{Deserialize, Serialize};

use super::{Block, BlockLanguage, Direction, Image, Run};

/// A block as written in JSON: every field any block type may have.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBlock {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content: Option<Vec<Run>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image: Option<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dir: Option<Direction>,
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Block, String> {
        let RawBlock { kind, id, level, content, attribution, image, lang, dir } = raw;
        let not_for = |field: &str| Err(format!("a {kind} block has no `{field}`"));
        let need = |field: &str| format!("a {kind} block needs `{field}`");
        match kind.as_str() {
            "paragraph" | "heading" | "quote" => {
                if image.is_some() {
                    return not_for("image");
                }
                if kind != "heading" && level.is_some() {
                    return not_for("level");
                }
                if kind != "quote" && attribution.is_some() {
                    return not_for("attribution");
                }
                let content = content.ok_or_else(|| need("content"))?;
                let language = BlockLanguage { lang, dir };
                Ok(match kind.as_str() {
                    "paragraph" => Block::Paragraph { id, content, language },
                    "heading" => Block::Heading { id, level: level.ok_or_else(|| need("level"))?, content, language },
                    _ => Block::Quote { id, content, attribution, language },
                })
            }
            "image" => {
                for (field, present) in [
                    ("level", level.is_some()),
                    ("content", content.is_some()),
                    ("attribution", attribution.is_some()),
                    ("lang", lang.is_some()),
                    ("dir", dir.is_some()),
                ] {
                    if present {
                        return not_for(field);
                    }
                }
                Ok(Block::Image { id, image: image.ok_or_else(|| need("image"))? })
            }
            other => Err(format!("unknown block type `{other}`; expected paragraph, heading, quote or image")),
        }
    }
}

impl From<Block> for RawBlock {
    fn from(block: Block) -> RawBlock {
        let raw = |kind: &str, id| RawBlock {
            kind: kind.into(),
            id,
            level: None,
            content: None,
            attribution: None,
            image: None,
            lang: None,
            dir: None,
        };
        match block {
            Block::Paragraph { id, content, language: BlockLanguage { lang, dir } } => {
                RawBlock { content: Some(content), lang, dir, ..raw("paragraph", id) }
            }
            Block::Heading { id, level, content, language: BlockLanguage { lang, dir } } => {
                RawBlock { level: Some(level), content: Some(content), lang, dir, ..raw("heading", id) }
            }
            Block::Quote { id, content, attribution, language: BlockLanguage { lang, dir } } => {
                RawBlock { content: Some(content), attribution, lang, dir, ..raw("quote", id) }
            }
            Block::Image { id, image } => RawBlock { image: Some(image), ..raw("image", id) },
        }
    }
}
