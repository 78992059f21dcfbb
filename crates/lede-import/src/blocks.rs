//! The article's HTML turned into the format's blocks: paragraphs, h2/h3 headings, quotes and
//! figures, with emphasis, strong and safe links kept as runs. Everything else (scripts, embeds,
//! tables, page furniture) is left out.

use lede_core::{Image, ImageSize, Mark, Run};
use scraper::{ElementRef, Html, Node};
use url::Url;

use crate::diag::Diags;
use crate::dom::{Dom, is_block, is_furniture};
use crate::source::Source;
use crate::text::{Runs, resolve, squash};

/// A block before it gets its id.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    Paragraph(Vec<Run>),
    Heading(u8, Vec<Run>),
    Quote(Vec<Run>, Option<String>),
    Image(Image),
}

pub struct Context<'a> {
    pub source: &'a Source,
    pub base: Option<&'a Url>,
    /// The headline, so an `<h1>` repeating it inside the body is not kept twice.
    pub headline: Option<&'a str>,
}

/// Deeper than this, a page is pathological; what lies below is left out (with a warning).
const MAX_DEPTH: usize = 256;

/// Lines in the body that are furniture even though they sit in paragraphs.
fn is_boilerplate(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    matches!(t.as_str(), "advertisement" | "story continues below advertisement" | "continue reading" | "read more")
}

pub fn extract(dom: &Dom, container: ElementRef, cx: &Context, diags: &mut Diags) -> Vec<Draft> {
    let mut w = Walker {
        dom: Some(dom),
        cx,
        diags,
        out: Vec::new(),
        loose: Runs::new(),
        breaks: 0,
        too_deep: false,
        dropped_links: 0,
    };
    w.blocks(container, 0);
    w.flush();
    w.finish()
}

/// Blocks from an HTML fragment (JSON-LD `articleBody` written as HTML).
pub fn extract_fragment(html: &str, cx: &Context, diags: &mut Diags) -> Vec<Draft> {
    let fragment = Html::parse_fragment(html);
    let mut w = Walker {
        dom: None,
        cx,
        diags,
        out: Vec::new(),
        loose: Runs::new(),
        breaks: 0,
        too_deep: false,
        dropped_links: 0,
    };
    w.blocks(fragment.root_element(), 0);
    w.flush();
    w.finish()
}

struct Walker<'a, 'b> {
    dom: Option<&'a Dom>,
    cx: &'a Context<'a>,
    diags: &'b mut Diags,
    out: Vec<Draft>,
    /// Inline text met directly inside a container (not in a `<p>`), gathered into a paragraph.
    loose: Runs,
    /// `<br>`s in a row in loose text: two end the paragraph.
    breaks: usize,
    too_deep: bool,
    /// Relative links with no page address to resolve them against.
    dropped_links: usize,
}

#[derive(Clone, Default)]
struct Format {
    marks: Vec<Mark>,
    href: Option<String>,
}

impl Walker<'_, '_> {
    fn finish(self) -> Vec<Draft> {
        if self.dropped_links > 0 {
            self.diags.warn(
                None,
                format!(
                    "{} relative link(s) kept as plain text: the page names no canonical URL or og:url to resolve them against (pass --url)",
                    self.dropped_links
                ),
            );
        }
        self.out
    }

    fn deep(&mut self, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.diags.warn(
                    None,
                    format!("the page nests elements more than {MAX_DEPTH} deep; what lies deeper was left out"),
                );
            }
            return true;
        }
        false
    }

    fn has_block(&self, el: &ElementRef) -> bool {
        match self.dom {
            Some(dom) => dom.stat(el).has_block,
            None => el.descendent_elements().skip(1).any(|d| is_block(d.value().name())),
        }
    }

    fn flush(&mut self) {
        let loose = std::mem::replace(&mut self.loose, Runs::new());
        self.breaks = 0;
        self.paragraph(loose.finish());
    }

    fn paragraph(&mut self, runs: Vec<Run>) {
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        if !text.trim().is_empty() && !is_boilerplate(&text) {
            self.out.push(Draft::Paragraph(runs));
        }
    }

    /// A container: its children become blocks.
    fn blocks(&mut self, el: ElementRef, depth: usize) {
        if self.deep(depth) {
            return;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(text) => {
                    if !text.trim().is_empty() {
                        self.breaks = 0;
                    }
                    self.loose.push(text, &[], None);
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else { continue };
                    if is_furniture(e) {
                        continue;
                    }
                    self.block(child, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, el: ElementRef, depth: usize) {
        let name = el.value().name();
        match name {
            "p" | "pre" | "address" => {
                self.flush();
                let runs = self.inline_runs(el, depth);
                self.paragraph(runs);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let runs = self.inline_runs(el, depth);
                let text = squash(&runs.iter().map(|r| r.text.as_str()).collect::<String>());
                if text.is_empty() || (name == "h1" && self.cx.headline.is_some_and(|h| squash(h) == text)) {
                    return;
                }
                let level = if matches!(name, "h1" | "h2") { 2 } else { 3 };
                // Headings are plain: a linked or emphasised heading keeps its words only.
                self.out.push(Draft::Heading(level, vec![Run::plain(text)]));
            }
            "blockquote" => {
                self.flush();
                self.quote(el, depth);
            }
            "figure" => {
                self.flush();
                self.figure(el, depth);
            }
            "img" | "picture" => {
                self.flush();
                if let Some(image) = self.image(el, None, None) {
                    self.out.push(Draft::Image(image));
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.list(el, name == "ol", depth);
            }
            "br" => {
                self.breaks += 1;
                if self.breaks >= 2 {
                    self.flush();
                } else {
                    self.loose.space();
                }
            }
            "hr" => self.flush(),
            // Data tables and definition lists have no place in the format.
            "table" | "dl" => self.flush(),
            _ if is_block(name) || self.has_block(&el) => {
                self.flush();
                self.blocks(el, depth);
                self.flush();
            }
            _ => {
                self.breaks = 0;
                let mut loose = std::mem::replace(&mut self.loose, Runs::new());
                self.inline(&mut loose, el, &Format::default(), depth);
                self.loose = loose;
            }
        }
    }

    fn inline_runs(&mut self, el: ElementRef, depth: usize) -> Vec<Run> {
        let mut runs = Runs::new();
        self.inline(&mut runs, el, &Format::default(), depth);
        runs.finish()
    }

    /// Inline content: text with emphasis, strong and links.
    fn inline(&mut self, runs: &mut Runs, el: ElementRef, format: &Format, depth: usize) {
        if self.deep(depth) {
            return;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(text) => runs.push(text, &format.marks, format.href.as_deref()),
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else { continue };
                    if is_furniture(e) {
                        continue;
                    }
                    let name = e.name();
                    let mut inner = format.clone();
                    match name {
                        "br" => {
                            runs.space();
                            continue;
                        }
                        // Pictures inside text have nowhere to go; footnote markers point into
                        // the original page.
                        "img" | "picture" | "figure" => continue,
                        "sup" if self.is_footnote_ref(&child) => continue,
                        "em" | "i" | "cite" | "dfn" | "var" => inner.marks.push(Mark::Emphasis),
                        "strong" | "b" => inner.marks.push(Mark::Strong),
                        "a" => {
                            if let Some(href) = e.attr("href") {
                                match resolve(href, self.cx.base) {
                                    Some(url) => inner.href = Some(url),
                                    None => {
                                        let h = href.trim();
                                        let relative = !h.is_empty() && !h.starts_with('#') && !h.contains(':');
                                        if relative && self.cx.base.is_none() {
                                            self.dropped_links += 1;
                                        }
                                    }
                                }
                            }
                        }
                        "q" => {
                            runs.push("“", &format.marks, format.href.as_deref());
                            self.inline(runs, child, &inner, depth + 1);
                            runs.push("”", &format.marks, format.href.as_deref());
                            continue;
                        }
                        _ => {}
                    }
                    let edge = is_block(name);
                    if edge {
                        runs.space();
                    }
                    self.inline(runs, child, &inner, depth + 1);
                    if edge {
                        runs.space();
                    }
                }
                _ => {}
            }
        }
    }

    /// `<sup><a href="#fn1">1</a></sup>`: a footnote marker pointing into the original page.
    fn is_footnote_ref(&self, sup: &ElementRef) -> bool {
        sup.descendent_elements()
            .any(|d| d.value().name() == "a" && d.attr("href").is_some_and(|h| h.trim().starts_with('#')))
    }

    fn quote(&mut self, el: ElementRef, depth: usize) {
        // Social-media embeds are blockquotes that a script turns into a widget.
        let embed = ["twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "threads-post"];
        if el.value().classes().any(|c| embed.contains(&c)) {
            return;
        }
        // `<footer>` or a last-paragraph `<cite>` names who said it.
        let attribution_el =
            el.child_elements().find(|c| matches!(c.value().name(), "footer" | "cite")).or_else(|| {
                el.child_elements().last().and_then(|p| {
                    p.child_elements().find(|c| c.value().name() == "cite").filter(|c| {
                        let t: String = c.text().collect();
                        let all: String = p.text().collect();
                        squash(&t) == squash(&all)
                    })
                })
            });
        let attribution = attribution_el
            .map(|a| {
                squash(&a.text().collect::<String>()).trim_start_matches(['—', '–', '-', '―', ' ', '~']).to_string()
            })
            .filter(|a| !a.is_empty());
        let mut runs = Runs::new();
        for child in el.children() {
            if let Some(child_el) = ElementRef::wrap(child) {
                if Some(child_el.id()) == attribution_el.map(|a| a.id()) || is_furniture(child_el.value()) {
                    continue;
                }
                // Paragraphs of a quote run together, a space apart.
                runs.space();
                self.inline_child(&mut runs, child_el, depth + 1);
                runs.space();
            } else if let Node::Text(text) = child.value() {
                runs.push(text, &[], None);
            }
        }
        let runs = runs.finish();
        if runs.iter().any(|r| !r.text.trim().is_empty()) {
            self.out.push(Draft::Quote(runs, attribution));
        }
    }

    /// One child element's inline content, with its own formatting (`<em>` directly inside a
    /// blockquote).
    fn inline_child(&mut self, runs: &mut Runs, child: ElementRef, depth: usize) {
        let mut format = Format::default();
        match child.value().name() {
            "em" | "i" | "cite" => format.marks.push(Mark::Emphasis),
            "strong" | "b" => format.marks.push(Mark::Strong),
            "a" => format.href = child.attr("href").and_then(|h| resolve(h, self.cx.base)),
            _ => {}
        }
        self.inline(runs, child, &format, depth);
    }

    fn list(&mut self, el: ElementRef, ordered: bool, depth: usize) {
        // A list that is mostly links is "read more" furniture.
        if let Some(dom) = self.dom
            && dom.link_density(&el) > 0.5
        {
            return;
        }
        let mut n = 0;
        for li in el.child_elements().filter(|c| c.value().name() == "li") {
            if is_furniture(li.value()) {
                continue;
            }
            n += 1;
            let mut runs = Runs::new();
            runs.push(&if ordered { format!("{n}. ") } else { "• ".to_string() }, &[], None);
            self.inline(&mut runs, li, &Format::default(), depth + 1);
            if !runs.is_blank() {
                let runs = runs.finish();
                if runs.iter().map(|r| r.text.chars().count()).sum::<usize>() > 2 {
                    self.out.push(Draft::Paragraph(runs));
                }
            }
        }
    }

    fn figure(&mut self, el: ElementRef, depth: usize) {
        let caption_el = el.descendent_elements().find(|d| d.value().name() == "figcaption");
        let (caption, credit) = caption_el.map(caption_and_credit).unwrap_or_default();
        let img = el.descendent_elements().find(|d| d.value().name() == "img");
        match img {
            Some(img) => {
                if let Some(image) = self.image(img, caption, credit) {
                    self.out.push(Draft::Image(image));
                }
            }
            None => {
                // A lazy-loading page may keep the real <img> in <noscript>.
                let noscript = el.descendent_elements().find(|d| d.value().name() == "noscript");
                let html = noscript.map(|n| n.text().collect::<String>()).unwrap_or_default();
                let fragment = Html::parse_fragment(&html);
                let img = fragment.root_element().descendent_elements().find(|d| d.value().name() == "img");
                if let Some(img) = img {
                    if let Some(image) = self.image(img, caption, credit) {
                        self.out.push(Draft::Image(image));
                    }
                } else if el.descendent_elements().any(|d| d.value().name() == "blockquote") {
                    // A pull quote dressed as a figure.
                    self.blocks(el, depth);
                }
            }
        }
    }

    /// A picture the format can hold: an http(s) source, its size in pixels and an `alt`.
    /// What is missing is reported where the `<img>` is, and the picture left out.
    fn image(&mut self, el: ElementRef, caption: Option<String>, credit: Option<String>) -> Option<Image> {
        let img = if el.value().name() == "img" {
            el
        } else {
            el.descendent_elements().find(|d| d.value().name() == "img")?
        };
        let raw_src = image_src(&img)?;
        let at = self.cx.source.locate_tag("img", raw_src.trim());
        let short = shorten(&raw_src);
        let Some(src) = resolve(&raw_src, self.cx.base) else {
            self.diags
                .warn(at, format!("picture `{short}` left out: its address is not http(s) or cannot be resolved"));
            return None;
        };
        let (width, height) = (pixels(img.attr("width")), pixels(img.attr("height")));
        let (Some(width), Some(height)) = (width, height) else {
            self.diags.warn(
                at,
                format!("picture `{short}` left out: it has no width and height (the format needs its size)"),
            );
            return None;
        };
        let alt = squash(img.attr("alt").unwrap_or(""));
        if alt.is_empty() {
            self.diags.warn(at, format!("picture `{short}` left out: it has no alt text"));
            return None;
        }
        let sizes = srcset(&img)
            .into_iter()
            .filter_map(|(url, w)| Some(ImageSize { src: resolve(&url, self.cx.base)?, width: w? }))
            .filter(|s| s.width > 0)
            .collect::<Vec<_>>();
        Some(Image { src, width, height, alt, caption, credit, sizes, focal_point: None, source: None })
    }
}

/// A figure's caption, with a credit line (`<span class="credit">`, `<small>`, `<cite>`) apart.
pub(crate) fn caption_and_credit(figcaption: ElementRef) -> (Option<String>, Option<String>) {
    let is_credit = |e: &ElementRef| {
        matches!(e.value().name(), "small" | "cite")
            || e.value().classes().any(|c| {
                let c = c.to_ascii_lowercase();
                ["credit", "copyright", "source", "photographer", "attribution"].iter().any(|k| c.contains(k))
            })
    };
    let credit_el = figcaption.descendent_elements().skip(1).find(is_credit);
    let credit = credit_el.map(|c| squash(&c.text().collect::<String>())).filter(|c| !c.is_empty());
    let mut caption = String::new();
    for node in figcaption.descendants() {
        if let Node::Text(t) = node.value() {
            let inside_credit = credit_el.is_some_and(|c| node.ancestors().any(|a| a.id() == c.id()));
            if !inside_credit {
                caption.push_str(t);
            }
        }
    }
    let caption = squash(&caption);
    ((!caption.is_empty()).then_some(caption), credit)
}

/// The picture's real address: `src`, unless it is a lazy-loading placeholder, then the usual
/// `data-*` attributes, then the first `srcset` entry.
pub(crate) fn image_src(img: &ElementRef) -> Option<String> {
    let real = |s: &str| {
        let s = s.trim();
        !s.is_empty() && !s.starts_with("data:") && s != "about:blank"
    };
    for attr in ["src", "data-src", "data-lazy-src", "data-original", "data-url"] {
        if let Some(v) = img.attr(attr).filter(|v| real(v)) {
            return Some(v.trim().to_string());
        }
    }
    srcset(img).into_iter().map(|(u, _)| u).find(|u| real(u))
}

/// `srcset` entries: (address, width for `640w` descriptors).
fn srcset(img: &ElementRef) -> Vec<(String, Option<u32>)> {
    let Some(set) = img.attr("srcset").or_else(|| img.attr("data-srcset")) else { return Vec::new() };
    // Entries are separated by commas followed by space; addresses may hold commas themselves.
    let pieces: Vec<&str> = if set.contains(", ") { set.split(", ").collect() } else { set.split(',').collect() };
    pieces
        .into_iter()
        .filter_map(|piece| {
            let mut parts = piece.split_whitespace();
            let url = parts.next()?.to_string();
            let width = parts.next().and_then(|d| d.strip_suffix('w')).and_then(|w| w.parse().ok());
            Some((url, width))
        })
        .collect()
}

/// `800`, `"800px"`: whole pixels; `"100%"` or `"auto"` are not sizes.
pub fn pixels(value: Option<&str>) -> Option<u32> {
    let v = value?.trim();
    let v = v.strip_suffix("px").unwrap_or(v);
    v.parse::<f64>().ok().filter(|n| *n >= 1.0 && *n < 100_000.0).map(|n| n.round() as u32)
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 80 { format!("{}…", s.chars().take(79).collect::<String>()) } else { s.to_string() }
}
