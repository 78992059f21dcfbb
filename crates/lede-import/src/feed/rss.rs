//! RSS 2.0: `<rss><channel><item>`, with `content:encoded`, `dc:creator` and Media RSS.

use url::Url;

use super::xml::{self, Node};
use super::{Entry, EntryImage, Feed, Format, absolute, date, html_to_text, media_image, non_empty};

pub fn parse(root: &Node, base: Option<&Url>) -> Result<Feed, String> {
    let channel = root.child("", "channel").ok_or("an RSS feed without <channel>")?;
    let channel_link =
        channel.child_text("", "link").and_then(|l| absolute(&l, base)).and_then(|l| Url::parse(&l).ok());
    let base = base.or(channel_link.as_ref());
    let entries = channel
        .all("", "item")
        .enumerate()
        .map(|(i, item)| {
            let guid = item.child("", "guid");
            let guid_is_link = guid.is_some_and(|g| g.attr("isPermaLink").is_none_or(|p| p.trim() != "false"));
            let guid_text = guid.map(Node::text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
            let link = item
                .child_text("", "link")
                .and_then(|l| absolute(&l, base))
                .or_else(|| guid_text.as_deref().filter(|_| guid_is_link).and_then(|g| absolute(g, None)));
            let enclosure = item.all("", "enclosure").find(|e| e.attr("type").is_some_and(|t| t.starts_with("image/")));
            let image = media_image(item, base).or_else(|| {
                enclosure
                    .and_then(|e| e.attr("url"))
                    .and_then(|u| absolute(u, base))
                    .map(|url| EntryImage { url, ..Default::default() })
            });
            let mut authors: Vec<String> = item.all(xml::DC, "creator").map(|c| c.text().trim().to_string()).collect();
            if authors.is_empty() {
                // RSS `author` is an e-mail address, often `jo@example.com (Jo Reporter)`.
                if let Some(a) = item.child_text("", "author") {
                    let name = a.split_once('(').map_or(a.as_str(), |(_, n)| n.trim_end_matches(')'));
                    if !name.contains('@') {
                        authors.push(name.trim().to_string());
                    }
                }
            }
            authors.retain(|a| !a.is_empty());
            Entry {
                position: i + 1,
                line: Some(item.line),
                guid: guid_text,
                link,
                title: item.child_text("", "title").map(|t| html_to_text(&t)),
                summary: non_empty(item.child_text("", "description").map(|d| html_to_text(&d))),
                content_html: item.child_text(xml::CONTENT, "encoded"),
                published: date(item.child_text("", "pubDate").or_else(|| item.child_text(xml::DC, "date")), true),
                updated: date(item.child_text(xml::ATOM, "updated"), false),
                authors,
                categories: item
                    .all("", "category")
                    .map(|c| c.text().trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
                language: None,
                image,
            }
        })
        .collect();
    Ok(Feed {
        format: Format::Rss,
        title: channel.child_text("", "title").map(|t| html_to_text(&t)),
        language: channel.child_text("", "language"),
        entries,
    })
}
