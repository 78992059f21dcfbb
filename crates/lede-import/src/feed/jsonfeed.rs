//! JSON Feed 1.0 and 1.1 (jsonfeed.org): `items` with `content_html` or `content_text`.

use serde_json::Value;
use url::Url;

use super::{Entry, EntryImage, Feed, Format, absolute, date, html_to_text, non_empty};

pub fn parse(bytes: &[u8], base: Option<&Url>) -> Result<Feed, String> {
    let feed: Value = serde_json::from_slice(bytes).map_err(|e| format!("line {}: not valid JSON: {e}", e.line()))?;
    let version = feed.get("version").and_then(Value::as_str).unwrap_or_default();
    if !version.starts_with("https://jsonfeed.org/version/") {
        return Err(format!(
            "a JSON document but not a JSON Feed: \"version\" is `{version}`, expected https://jsonfeed.org/version/1.1 or /1"
        ));
    }
    let items = feed.get("items").and_then(Value::as_array).ok_or("a JSON Feed without an \"items\" list")?;
    let text = |v: &Value, key: &str| non_empty(v.get(key).and_then(Value::as_str).map(str::to_string));
    let names = |v: &Value| -> Vec<String> {
        // 1.1 has `authors`; 1.0 had `author`.
        let list = match (v.get("authors").and_then(Value::as_array), v.get("author")) {
            (Some(list), _) => list.clone(),
            (None, Some(one)) => vec![one.clone()],
            (None, None) => Vec::new(),
        };
        list.iter().filter_map(|a| text(a, "name")).collect()
    };
    let feed_authors = names(&feed);
    let entries = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let content_html = text(item, "content_html").or_else(|| {
                text(item, "content_text").map(|t| {
                    let escaped = quick_xml::escape::escape(t.as_str()).into_owned();
                    escaped.split("\n\n").map(|p| format!("<p>{}</p>", p.trim())).collect()
                })
            });
            let mut authors = names(item);
            if authors.is_empty() {
                authors = feed_authors.clone();
            }
            let image = text(item, "image").or_else(|| text(item, "banner_image"));
            Entry {
                position: i + 1,
                line: None,
                guid: item.get("id").and_then(|id| match id {
                    Value::String(s) => non_empty(Some(s.clone())),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }),
                link: text(item, "url").and_then(|u| absolute(&u, base)),
                title: text(item, "title"),
                summary: text(item, "summary").map(|s| html_to_text(&s)),
                content_html,
                published: date(text(item, "date_published"), false),
                updated: date(text(item, "date_modified"), false),
                authors,
                categories: item
                    .get("tags")
                    .and_then(Value::as_array)
                    .map(|t| t.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default(),
                language: text(item, "language"),
                image: image.and_then(|u| absolute(&u, base)).map(|url| EntryImage { url, ..Default::default() }),
            }
        })
        .collect();
    Ok(Feed { format: Format::JsonFeed, title: text(&feed, "title"), language: text(&feed, "language"), entries })
}
