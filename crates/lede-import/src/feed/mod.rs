//! Publishers' feeds read into one shape, [`Entry`]: RSS 2.0 (with `content:encoded` and Media
//! RSS), Atom 1.0 (`html`, `xhtml` and `text` content), JSON Feed 1.0/1.1 and news sitemaps.

mod atom;
mod jsonfeed;
mod rss;
mod sitemap;
pub mod xml;

use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rss,
    Atom,
    JsonFeed,
    NewsSitemap,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Rss => "RSS 2.0",
            Format::Atom => "Atom 1.0",
            Format::JsonFeed => "JSON Feed",
            Format::NewsSitemap => "news sitemap",
        }
    }
}

/// A feed, as far as an import needs it.
#[derive(Debug, Clone)]
pub struct Feed {
    pub format: Format,
    /// The publication's name (the channel's or feed's title).
    pub title: Option<String>,
    pub language: Option<String>,
    pub entries: Vec<Entry>,
}

/// One item of a feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// 1-based position in the feed, and the line it starts on (XML feeds), for messages.
    pub position: usize,
    pub line: Option<usize>,
    /// The item's own identifier (RSS `guid`, Atom `id`, JSON Feed `id`).
    pub guid: Option<String>,
    /// The story's address, absolute.
    pub link: Option<String>,
    pub title: Option<String>,
    /// A short description, as plain text.
    pub summary: Option<String>,
    /// The full story as HTML, when the feed carries it.
    pub content_html: Option<String>,
    /// RFC 3339, already normalised; or why the feed's value did not read.
    pub published: Option<Result<String, String>>,
    pub updated: Option<Result<String, String>>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub language: Option<String>,
    pub image: Option<EntryImage>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryImage {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: Option<String>,
    pub credit: Option<String>,
}

impl Entry {
    /// How the item is named in messages: `item 3 "Headline" (line 40)`.
    pub fn label(&self) -> String {
        let mut s = format!("item {}", self.position);
        if let Some(t) = &self.title {
            let short: String = t.chars().take(60).collect();
            s += &format!(" \"{short}{}\"", if short.len() < t.len() { "…" } else { "" });
        }
        if let Some(line) = self.line {
            s += &format!(" (line {line})");
        }
        s
    }
}

/// Reads a feed of any supported format. `base` is the feed's own address, against which
/// relative links are resolved.
pub fn parse(bytes: &[u8], http_charset: Option<&str>, base: Option<&Url>) -> Result<Feed, String> {
    let first = bytes.iter().copied().find(|b| !(b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF)));
    if first == Some(b'{') {
        return jsonfeed::parse(bytes, base);
    }
    let text = xml::decode(bytes, http_charset)?;
    let head =
        text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).get(..200.min(text.len())).unwrap_or_default();
    let head = head.to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err("this is an HTML page, not a feed: import a page without --out-dir".into());
    }
    let root = xml::parse(&text)?;
    match (root.ns.as_str(), root.name.as_str()) {
        ("", "rss") => rss::parse(&root, base),
        (xml::ATOM, "feed") => atom::parse(&root, base),
        (xml::SITEMAP, "urlset") => sitemap::parse(&root, base),
        (xml::SITEMAP, "sitemapindex") => {
            Err("this is a sitemap index (a list of sitemaps), not a news sitemap: import each news sitemap it lists"
                .into())
        }
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "RDF") => {
            Err("RSS 1.0 (RDF) feeds are not supported; use the site's RSS 2.0, Atom or JSON Feed".into())
        }
        (_, "html") => Err("this is an HTML page, not a feed: import a page without --out-dir".into()),
        (ns, name) => Err(format!(
            "not a feed: the root element is <{name}>{}; expected RSS 2.0 <rss>, Atom <feed>, a news sitemap <urlset> or a JSON Feed",
            if ns.is_empty() { String::new() } else { format!(" in namespace {ns}") }
        )),
    }
}

/// An address from the feed made absolute; only http(s) addresses are kept.
fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    let url = Url::parse(href).or_else(|e| base.map_or(Err(e), |b| b.join(href))).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// HTML (a summary) as plain text.
pub(crate) fn html_to_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    crate::text::squash(&fragment.root_element().text().collect::<String>())
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn date(value: Option<String>, rfc822: bool) -> Option<Result<String, String>> {
    let value = value?;
    let fixed = if rfc822 { crate::dates::rfc822(&value) } else { crate::dates::normalise(&value) };
    Some(fixed.map(|f| f.value))
}

/// Media RSS `media:content`/`media:thumbnail` (in a `media:group` too) of an image: the widest.
fn media_image(item: &xml::Node, base: Option<&Url>) -> Option<EntryImage> {
    let mut found: Vec<EntryImage> = Vec::new();
    let groups = std::iter::once(item).chain(item.all(xml::MEDIA, "group"));
    for holder in groups {
        for m in holder.elements().filter(|e| e.ns == xml::MEDIA && (e.name == "content" || e.name == "thumbnail")) {
            let is_image = m.name == "thumbnail"
                || m.attr("medium") == Some("image")
                || m.attr("type").is_some_and(|t| t.starts_with("image/"));
            let Some(url) = m.attr("url").and_then(|u| absolute(u, base)).filter(|_| is_image) else {
                continue;
            };
            let text = |name| m.child_text(xml::MEDIA, name).or_else(|| holder.child_text(xml::MEDIA, name));
            found.push(EntryImage {
                url,
                width: m.attr("width").and_then(|w| w.trim().parse().ok()),
                height: m.attr("height").and_then(|h| h.trim().parse().ok()),
                alt: text("description").or_else(|| text("title")).map(|t| html_to_text(&t)),
                credit: text("credit"),
            });
        }
    }
    found.into_iter().max_by_key(|i| (i.width.is_some() && i.height.is_some(), i.width.unwrap_or(0)))
}
