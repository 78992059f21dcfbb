//! The parsed page, with what the body finder needs about every element, worked out in one pass
//! over the tree (no recursion, so a page nested fifty thousand `<div>`s deep is fine): how much
//! text it holds, how much of that is link text, whether it holds block elements, and whether it
//! is page furniture (navigation, ads, comments, share buttons, hidden text) to leave out.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

#[derive(Debug, Clone, Copy, Default)]
pub struct Stat {
    /// Characters of visible text, not counting whitespace.
    pub text: usize,
    /// The part of `text` inside links.
    pub link_text: usize,
    /// Holds a block-level element (so it is a container, not a run of inline text).
    pub has_block: bool,
    /// Furniture, or inside furniture.
    pub skipped: bool,
}

pub struct Dom {
    pub doc: Html,
    stats: HashMap<NodeId, Stat>,
}

impl Dom {
    pub fn new(doc: Html) -> Dom {
        let mut stats = HashMap::new();
        // (node, its stat so far, inside a link)
        let mut stack: Vec<(NodeId, Stat, bool)> = Vec::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(el) => {
                        let (parent_skipped, parent_link) =
                            stack.last().map_or((false, false), |(_, s, l)| (s.skipped, *l));
                        let skipped = parent_skipped || is_furniture(el);
                        stack.push((node.id(), Stat { skipped, ..Stat::default() }, parent_link || el.name() == "a"));
                    }
                    Node::Text(text) => {
                        if let Some((_, stat, in_link)) = stack.last_mut()
                            && !stat.skipped
                        {
                            let n = text.chars().filter(|c| !c.is_whitespace()).count();
                            stat.text += n;
                            if *in_link {
                                stat.link_text += n;
                            }
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    let Node::Element(el) = node.value() else { continue };
                    let Some((id, stat, _)) = stack.pop() else { continue };
                    stats.insert(id, stat);
                    if let Some((_, parent, _)) = stack.last_mut()
                        && !stat.skipped
                    {
                        parent.text += stat.text;
                        parent.link_text += stat.link_text;
                        parent.has_block |= stat.has_block || is_block(el.name());
                    }
                }
            }
        }
        Dom { doc, stats }
    }

    pub fn stat(&self, el: &ElementRef) -> Stat {
        self.stats.get(&el.id()).copied().unwrap_or_default()
    }

    pub fn link_density(&self, el: &ElementRef) -> f64 {
        let s = self.stat(el);
        if s.text == 0 { 0.0 } else { s.link_text as f64 / s.text as f64 }
    }
}

/// Elements that lay out as blocks: their edges separate paragraphs.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "dialog"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "picture"
            | "img"
            | "center"
    )
}

/// Never article text: scripts, styles, embeds, forms, navigation and the like.
fn is_furniture_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "nav"
            | "aside"
            | "footer"
            | "dialog"
            | "menu"
            | "link"
            | "meta"
            | "head"
            | "title"
            | "label"
    )
}

const NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "advert",
    "advertisement",
    "advertising",
    "banner-ad",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recirc",
    "recirculation",
    "trending",
    "popular",
    "mostread",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "comment",
    "comments",
    "disqus",
    "sidebar",
    "rail",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "popup",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "masthead",
    "byline",
    "meta",
    "tags",
    "toolbar",
    "print",
    "hidden",
    "outbrain",
    "taboola",
    "widget",
    "bio",
    "skip",
    "sr",
];

const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "storytext",
    "text",
    "prose",
    "richtext",
];

/// The lower-case words of an element's `class` and `id` (`article__body-text` → article, body, text).
fn tokens(el: &Element) -> impl Iterator<Item = String> + '_ {
    el.attr("class")
        .into_iter()
        .chain(el.attr("id"))
        .flat_map(|s| s.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
}

pub fn has_negative_class(el: &Element) -> bool {
    let tokens: Vec<String> = tokens(el).collect();
    tokens.iter().any(|t| NEGATIVE.contains(&t.as_str())) && !tokens.iter().any(|t| POSITIVE.contains(&t.as_str()))
}

pub fn has_positive_class(el: &Element) -> bool {
    tokens(el).any(|t| POSITIVE.contains(&t.as_str()))
}

/// Page furniture: left out of the article, with everything inside it.
pub fn is_furniture(el: &Element) -> bool {
    let name = el.name();
    if is_furniture_tag(name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    if el.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation"
                | "complementary"
                | "contentinfo"
                | "banner"
                | "search"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "toolbar"
        )
    }) {
        return true;
    }
    // Class names decide only below the page's big containers: `<body class="has-sidebar">` and
    // `<article class="post has-comments">` are still the page.
    !matches!(name, "html" | "body" | "article" | "main") && has_negative_class(el)
}
