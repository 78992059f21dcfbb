//! Atom 1.0 (RFC 4287): `<feed><entry>`, content of type `html`, `xhtml` or `text`.

use url::Url;

use super::xml::{self, ATOM, Node};
use super::{Entry, Feed, Format, absolute, date, html_to_text, media_image, non_empty};

/// A text construct (`title`, `summary`, `content`) as HTML, by its `type`.
fn as_html(node: &Node) -> Option<String> {
    let html = match node.attr("type").unwrap_or("text") {
        "xhtml" => {
            // The content is one XHTML <div>, which is not part of the content itself.
            let div = node.elements().find(|e| e.is(xml::XHTML, "div"));
            div.map_or_else(|| node.inner_html(), Node::inner_html)
        }
        "html" | "text/html" => node.text(),
        "text" | "text/plain" => {
            let escaped = quick_xml::escape::escape(node.text()).into_owned();
            escaped.split("\n\n").map(|p| format!("<p>{}</p>", p.trim())).collect()
        }
        _ => return None,
    };
    non_empty(Some(html))
}

pub fn parse(root: &Node, base: Option<&Url>) -> Result<Feed, String> {
    let feed_base = root.attr("base").and_then(|b| absolute(b, base)).and_then(|b| Url::parse(&b).ok());
    let base = feed_base.as_ref().or(base);
    let feed_authors: Vec<String> = root.all(ATOM, "author").filter_map(|a| a.child_text(ATOM, "name")).collect();
    let entries = root
        .all(ATOM, "entry")
        .enumerate()
        .map(|(i, entry)| {
            let entry_base = entry.attr("base").and_then(|b| absolute(b, base)).and_then(|b| Url::parse(&b).ok());
            let base = entry_base.as_ref().or(base);
            let links: Vec<&Node> = entry.all(ATOM, "link").collect();
            let link = links
                .iter()
                .find(|l| {
                    l.attr("rel").is_none_or(|r| r == "alternate") && l.attr("type").is_none_or(|t| t.contains("html"))
                })
                .and_then(|l| l.attr("href"))
                .and_then(|h| absolute(h, base));
            let content = entry.child(ATOM, "content").filter(|c| c.attr("src").is_none());
            let mut authors: Vec<String> =
                entry.all(ATOM, "author").filter_map(|a| a.child_text(ATOM, "name")).collect();
            if authors.is_empty() {
                authors = feed_authors.clone();
            }
            Entry {
                position: i + 1,
                line: Some(entry.line),
                guid: entry.child_text(ATOM, "id"),
                link,
                title: entry.child(ATOM, "title").and_then(as_html).map(|t| html_to_text(&t)),
                summary: non_empty(entry.child(ATOM, "summary").and_then(as_html).map(|s| html_to_text(&s))),
                content_html: content.and_then(as_html),
                published: date(
                    entry.child_text(ATOM, "published").or_else(|| entry.child_text(ATOM, "updated")),
                    false,
                ),
                updated: date(entry.child_text(ATOM, "updated"), false),
                authors,
                categories: entry
                    .all(ATOM, "category")
                    .filter_map(|c| c.attr("label").or(c.attr("term")))
                    .map(str::to_string)
                    .collect(),
                language: entry.attr("lang").map(str::to_string),
                image: media_image(entry, base),
            }
        })
        .collect();
    Ok(Feed {
        format: Format::Atom,
        title: root.child(ATOM, "title").and_then(as_html).map(|t| html_to_text(&t)),
        language: root.attr("lang").map(str::to_string),
        entries,
    })
}
