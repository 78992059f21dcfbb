//! The stories as an Atom 1.0 feed (RFC 4287), beside the JSON Feed of [`crate::feed`], for the
//! many feed readers that only follow Atom or RSS. Same stories, same order (newest first), same
//! absolute article addresses (which are also the entries' ids), same [`Site`].

use crate::article::Article;
use crate::feed::Site;
use crate::routes::article_path;
use crate::share_card::{CardShape, share_card};

/// Where the Atom feed lives on the site.
pub const ATOM_PATH: &str = "/feed.atom";

/// Escapes text for XML content and attribute values, and drops the characters XML 1.0 cannot
/// carry at all (most C0 controls, U+FFFE, U+FFFF), so hostile text can neither break out of
/// its element nor make the document ill-formed.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The Atom document for the articles, newest first. The feed's `updated` is the latest
/// publication or modification among them.
pub fn atom_feed(site: &Site, articles: &[Article]) -> String {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.published().unix_ms()));
    let updated = sorted
        .iter()
        .map(|a| a.modified().filter(|m| m.unix_ms() >= a.published().unix_ms()).unwrap_or_else(|| a.published()))
        .max_by_key(|t| t.unix_ms())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |t| t.as_str().to_string());
    let e = escape_xml;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    // Media RSS (`media:`), which feed readers that show pictures read beside Atom's enclosure.
    xml +=
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"http://search.yahoo.com/mrss/\" xml:lang=\"en\">\n";
    xml += &format!("  <id>{}/</id>\n", e(&site.url));
    xml += &format!("  <title>{}</title>\n", e(&site.title));
    xml += &format!("  <subtitle>{}</subtitle>\n", e(&site.description));
    xml += &format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n", e(&site.url));
    xml += &format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}{ATOM_PATH}\"/>\n", e(&site.url));
    xml += &format!("  <updated>{}</updated>\n", e(&updated));
    xml += &format!("  <author><name>{}</name></author>\n", e(&site.title));
    xml += "  <generator>Lede</generator>\n";
    for a in sorted {
        xml += &entry(site, a);
    }
    xml += "</feed>\n";
    xml
}

fn entry(site: &Site, a: &Article) -> String {
    let e = escape_xml;
    let url = format!("{}{}", site.url, article_path(&a.slug));
    let absolute = |href: &str| if href.starts_with('/') { format!("{}{href}", site.url) } else { href.to_string() };
    let mut x = format!("  <entry xml:lang=\"{}\">\n", e(&a.language));
    x += &format!("    <id>{}</id>\n", e(&url));
    x += &format!("    <title type=\"text\">{}</title>\n", e(&a.headline));
    x += &format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", e(&url));
    x += &format!("    <published>{}</published>\n", e(&a.date_published));
    x += &format!("    <updated>{}</updated>\n", e(a.date_modified.as_deref().unwrap_or(&a.date_published)));
    // Atom needs an author per entry (or for the feed); the byline, else the publisher.
    let authors: Vec<(&str, Option<&str>)> = if a.authors.is_empty() {
        vec![(a.publisher.name.as_str(), a.publisher.url.as_deref())]
    } else {
        a.authors.iter().map(|p| (p.name.as_str(), p.url.as_deref())).collect()
    };
    for (name, uri) in authors {
        x += &format!("    <author><name>{}</name>", e(name));
        if let Some(uri) = uri {
            x += &format!("<uri>{}</uri>", e(&absolute(uri)));
        }
        x += "</author>\n";
    }
    if let Some(section) = &a.section {
        x += &format!("    <category term=\"{}\"/>\n", e(section));
    }
    for keyword in &a.keywords {
        x += &format!("    <category term=\"{}\"/>\n", e(keyword));
    }
    // The story's share card (a raster picture every reader can draw, never the page's SVG).
    let card = share_card(a, CardShape::Wide).meta_image(site);
    let (url, mime) = (e(&card.url), card.mime);
    x += &format!("    <link rel=\"enclosure\" type=\"{mime}\" href=\"{url}\"/>\n");
    x += &format!(
        "    <media:content url=\"{url}\" medium=\"image\" type=\"{mime}\" width=\"{}\" height=\"{}\"><media:description type=\"plain\">{}</media:description></media:content>\n",
        card.width,
        card.height,
        e(&card.alt)
    );
    x += &format!("    <media:thumbnail url=\"{url}\" width=\"{}\" height=\"{}\"/>\n", card.width, card.height);
    x += &format!("    <summary type=\"text\">{}</summary>\n", e(&a.summary()));
    let text = a.body.iter().map(|b| b.plain_text()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n");
    x += &format!("    <content type=\"text\">{}</content>\n", e(&text));
    x += "  </entry>\n";
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;

    /// An element as the tests see it: its path from the root, its text, its attributes.
    type Element = (String, String, Vec<(String, String)>);

    const SEED: &str =
        include_str!("../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");
    const EXPLAINER: &str = include_str!("../../../public/articles/armenia-and-azerbaijan.json");

    /// Parses the document, failing on any well-formedness error or unknown entity; returns
    /// every element as (path, text, attributes) in document order.
    fn parse(xml: &str) -> Vec<Element> {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        let mut path: Vec<String> = Vec::new();
        let mut out: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let attrs = |e: &quick_xml::events::BytesStart| -> Vec<(String, String)> {
            e.attributes()
                .map(|a| {
                    let a = a.expect("well-formed attribute");
                    (
                        a.key.as_ref().to_string(),
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .expect("known entities only")
                            .into_owned(),
                    )
                })
                .collect()
        };
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => {
                    path.push(e.name().as_ref().to_string());
                    out.push((path.join("/"), String::new(), attrs(&e)));
                    open.push(out.len() - 1);
                }
                Event::Empty(e) => {
                    let name = e.name().as_ref().to_string();
                    out.push((format!("{}/{name}", path.join("/")), String::new(), attrs(&e)));
                }
                Event::End(_) => {
                    path.pop();
                    open.pop();
                }
                Event::Text(t) => {
                    if let Some(&i) = open.last() {
                        out[i].1 += &t.xml10_content();
                    }
                }
                Event::GeneralRef(r) => {
                    let text = match r.resolve_char_ref().expect("valid character reference") {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                            .expect("only predefined entities")
                            .to_string(),
                    };
                    if let Some(&i) = open.last() {
                        out[i].1 += &text;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(path.is_empty(), "every element closed");
        out
    }

    fn text_of<'a>(elements: &'a [Element], path: &str) -> Vec<&'a str> {
        elements.iter().filter(|e| e.0 == path).map(|e| e.1.as_str()).collect()
    }

    #[test]
    fn the_sample_feed_is_well_formed_atom() {
        let articles = [Article::from_json(SEED).unwrap(), Article::from_json(EXPLAINER).unwrap()];
        let site = Site::lede("https://lede.example");
        let xml = atom_feed(&site, &articles);
        let elements = parse(&xml);
        assert_eq!(elements[0].0, "feed");
        assert!(elements[0].2.contains(&("xmlns".into(), "http://www.w3.org/2005/Atom".into())));
        assert_eq!(text_of(&elements, "feed/id"), ["https://lede.example/"]);
        assert_eq!(text_of(&elements, "feed/title"), ["Lede"]);
        // The explainer is newer and was never modified after the seed's last change.
        let ids = text_of(&elements, "feed/entry/id");
        assert_eq!(
            ids,
            [
                "https://lede.example/article/armenia-and-azerbaijan",
                "https://lede.example/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh"
            ]
        );
        let newest = articles.iter().map(|a| a.date_modified.clone().unwrap_or(a.date_published.clone())).max();
        assert_eq!(text_of(&elements, "feed/updated"), [newest.unwrap().as_str()]);
        assert_eq!(
            text_of(&elements, "feed/entry/title")[1],
            "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh"
        );
        assert!(text_of(&elements, "feed/entry/author/name").contains(&"VOA News"));
        let selfs: Vec<_> = elements.iter().filter(|e| e.0 == "feed/link").map(|e| e.2.clone()).collect();
        assert!(selfs.iter().any(|a| a.contains(&("href".into(), "https://lede.example/feed.atom".into()))));
        assert!(text_of(&elements, "feed/entry/content")[1].contains("Bachelet"));
        assert_eq!(text_of(&elements, "feed/entry/published").len(), 2);
        // Each entry carries its raster share card as enclosure and Media RSS, never the SVG.
        let attr = |e: &Element, k: &str| e.2.iter().find(|a| a.0 == k).map(|a| a.1.clone()).unwrap_or_default();
        let media: Vec<&Element> = elements.iter().filter(|e| e.0 == "feed/entry/media:content").collect();
        assert_eq!(media.len(), 2);
        for m in &media {
            assert_eq!((attr(m, "medium"), attr(m, "type")), ("image".into(), "image/png".into()));
            assert_eq!((attr(m, "width"), attr(m, "height")), ("1200".into(), "630".into()));
            assert!(attr(m, "url").starts_with("https://lede.example/cards/") && attr(m, "url").ends_with(".png"));
        }
        let enclosures: Vec<String> = elements
            .iter()
            .filter(|e| e.0 == "feed/entry/link" && attr(e, "rel") == "enclosure")
            .map(|e| attr(e, "href"))
            .collect();
        let thumbs: Vec<String> =
            elements.iter().filter(|e| e.0 == "feed/entry/media:thumbnail").map(|e| attr(e, "url")).collect();
        let contents: Vec<String> = media.iter().map(|m| attr(m, "url")).collect();
        assert_eq!(enclosures, contents);
        assert_eq!(thumbs, contents);
        assert!(!xml.contains(".svg"), "{xml}");
        assert!(text_of(&elements, "feed/entry/media:content/media:description")[1].starts_with("Residents search"));
    }

    #[test]
    fn hostile_text_is_escaped_and_comes_back_unchanged() {
        let mut a = Article::from_json(SEED).unwrap();
        let hostile = "</title><script>alert(\"x\")</script> & 'q' ]]> <!-- &amp; \u{0}\u{1b}end";
        a.headline = hostile.to_string();
        a.keywords = vec!["a\"b<c>&d'".into()];
        a.authors[0].name = "<b>Mallory</b> & co".into();
        let xml = atom_feed(&Site::lede("https://lede.example"), &[a]);
        assert!(!xml.contains("<script>") && !xml.contains("<b>") && !xml.contains("<!--"), "{xml}");
        assert!(!xml.chars().any(|c| c == '\u{0}' || c == '\u{1b}'), "characters XML cannot carry are dropped");
        let elements = parse(&xml);
        let expected = hostile.replace(['\u{0}', '\u{1b}'], "");
        assert_eq!(text_of(&elements, "feed/entry/title"), [expected.as_str()]);
        assert_eq!(text_of(&elements, "feed/entry/author/name"), ["<b>Mallory</b> & co"]);
        let category: Vec<_> =
            elements.iter().filter(|e| e.0 == "feed/entry/category").map(|e| e.2[0].1.clone()).collect();
        assert!(category.contains(&"a\"b<c>&d'".to_string()), "{category:?}");
    }

    #[test]
    fn an_empty_feed_is_still_valid() {
        let xml = atom_feed(&Site::lede("http://127.0.0.1:8080"), &[]);
        let elements = parse(&xml);
        assert_eq!(text_of(&elements, "feed/updated"), ["1970-01-01T00:00:00Z"]);
        assert!(text_of(&elements, "feed/entry/id").is_empty());
        assert_eq!(escape_xml("a\r\nb\tc"), "a&#13;\nb\tc");
    }
}
