//! The builder's body: JSON-LD `articleBody` (HTML or plain text) or the densest text on the
//! page, and the ids its blocks get.

use lede_core::{Block, BlockLanguage, Run};
use url::Url;

use crate::blocks::{self, Context, Draft};
use crate::diag::{Diags, Loc};
use crate::jsonld::At;
use crate::normalise::slugify;
use crate::readability;
use crate::text::plain;

use super::Builder;

impl Builder<'_> {
    /// The body: JSON-LD `articleBody` when the page gives one (unless `from_page`), else the
    /// densest text on the page.
    pub(super) fn body(
        &self,
        base: Option<&Url>,
        headline: Option<&str>,
        from_page: bool,
        diags: &mut Diags,
    ) -> Option<Vec<Draft>> {
        let cx = Context { source: self.source, base, headline };
        let from_ld = |diags: &mut Diags| {
            let At { value, at } = self.ld.body.as_ref()?;
            let drafts = if looks_like_html(value) {
                blocks::extract_fragment(value, &cx, diags)
            } else {
                plain_paragraphs(value)
            };
            if drafts.is_empty() {
                diags.warn(*at, "JSON-LD: \"articleBody\" holds no text; reading the body from the page");
                return None;
            }
            Some(drafts)
        };
        if !from_page && let Some(drafts) = from_ld(diags) {
            return Some(drafts);
        }
        let mut drafts = Vec::new();
        if let Some((container, _how)) = readability::find_container(self.dom) {
            drafts = blocks::extract(self.dom, container, &cx, diags);
        }
        let no_text = drafts.iter().all(|d| matches!(d, Draft::Image(_)));
        if no_text
            && from_page
            && let Some(from_ld) = from_ld(diags)
        {
            diags.warn(Loc::Page, "no article text in the page's HTML; using the JSON-LD \"articleBody\"");
            return Some(from_ld);
        }
        if no_text {
            diags.error(
                Loc::Page,
                "no article text: no JSON-LD \"articleBody\", and no element on the page holds paragraphs of text",
            );
            return None;
        }
        Some(drafts)
    }
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<p>", "<p ", "<br", "</p>", "<h2", "<blockquote"].iter().any(|t| lower.contains(t))
}

/// Plain `articleBody` text: paragraphs are separated by blank lines, or by line breaks.
fn plain_paragraphs(text: &str) -> Vec<Draft> {
    let text = text.replace("\r\n", "\n");
    let blank_lines = text.lines().any(|l| l.trim().is_empty()) && text.trim().contains('\n');
    let pieces: Vec<String> = if blank_lines {
        let mut out = Vec::new();
        let mut current = String::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                out.push(std::mem::take(&mut current));
            } else {
                current.push(' ');
                current.push_str(line);
            }
        }
        out.push(current);
        out
    } else {
        text.lines().map(str::to_string).collect()
    };
    pieces.iter().map(|p| plain(p)).filter(|p| !p.is_empty()).map(|p| Draft::Paragraph(vec![Run::plain(p)])).collect()
}

/// Ids as Lede's own articles have them: `p1`, `p2` … for paragraphs, `q1` … for quotes,
/// `img1` … for pictures, and headings named by their words (`the-vote`).
pub(super) fn number_blocks(drafts: Vec<Draft>) -> Vec<Block> {
    let (mut p, mut q, mut img, mut h) = (0, 0, 0, 0);
    let mut used: Vec<String> = Vec::new();
    let unique = |base: String, used: &mut Vec<String>| {
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.push(id.clone());
        id
    };
    drafts
        .into_iter()
        .map(|d| match d {
            Draft::Paragraph(content) => {
                p += 1;
                Block::Paragraph { id: unique(format!("p{p}"), &mut used), content, language: BlockLanguage::default() }
            }
            Draft::Quote(content, attribution) => {
                q += 1;
                Block::Quote {
                    id: unique(format!("q{q}"), &mut used),
                    content,
                    attribution,
                    language: BlockLanguage::default(),
                }
            }
            Draft::Image(image) => {
                img += 1;
                Block::Image { id: unique(format!("img{img}"), &mut used), image }
            }
            Draft::Heading(level, content) => {
                h += 1;
                let mut words = slugify(&lede_core::plain_text(&content));
                if words.len() > 40 {
                    words.truncate(words[..=40].rfind('-').unwrap_or(40));
                }
                // An id that looks like a paragraph's (`p2`) would collide with the numbering.
                let numbered = words.len() > 1 && words[1..].bytes().all(|b| b.is_ascii_digit());
                let base = if words.is_empty() || numbered { format!("h{h}") } else { words };
                Block::Heading { id: unique(base, &mut used), level, content, language: BlockLanguage::default() }
            }
        })
        .collect()
}
