//! A small element tree over quick-xml's namespace-aware reader: feeds are small (a few MB at
//! most), and walking a tree keeps the RSS, Atom and sitemap readers short and obvious.

use encoding_rs::{Encoding, UTF_8};
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

pub const ATOM: &str = "http://www.w3.org/2005/Atom";
pub const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
pub const MEDIA: &str = "http://search.yahoo.com/mrss/";
pub const DC: &str = "http://purl.org/dc/elements/1.1/";
pub const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
pub const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
pub const XHTML: &str = "http://www.w3.org/1999/xhtml";

#[derive(Debug, Clone, Default)]
pub struct Node {
    /// The element's namespace (empty when it has none).
    pub ns: String,
    /// Its local name (`encoded` for `content:encoded`).
    pub name: String,
    /// Attributes by local name (`xml:base` is `base`).
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
    /// 1-based line of the start tag, for messages.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum Child {
    Element(Node),
    Text(String),
}

impl Node {
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    pub fn all<'a>(&'a self, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.elements().filter(move |e| e.is(ns, name))
    }

    pub fn child(&self, ns: &str, name: &str) -> Option<&Node> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The text of the first child element with this name, trimmed; `None` when absent or blank.
    pub fn child_text(&self, ns: &str, name: &str) -> Option<String> {
        self.child(ns, name).map(Node::text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// All the text inside, markup removed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The children written back as HTML (Atom `type="xhtml"` content).
    pub fn inner_html(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            write_html(c, &mut out);
        }
        out
    }
}

fn write_html(child: &Child, out: &mut String) {
    match child {
        Child::Text(t) => out.push_str(&quick_xml::escape::escape(t.as_str())),
        Child::Element(e) => {
            out.push('<');
            out.push_str(&e.name);
            for (k, v) in &e.attrs {
                out.push_str(&format!(" {k}=\"{}\"", quick_xml::escape::escape(v.as_str())));
            }
            out.push('>');
            for c in &e.children {
                write_html(c, out);
            }
            out.push_str(&format!("</{}>", e.name));
        }
    }
}

/// The feed's bytes as text: a byte-order mark wins, then the charset the server sent, then the
/// XML declaration's `encoding`, then UTF-8. Bytes that are not in that encoding are an error
/// naming the line and the byte (a feed mislabelled as UTF-8 would otherwise import mojibake).
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    let from_http = http_charset.and_then(|c| Encoding::for_label(c.trim().as_bytes()));
    let (encoding, said_by) = match (from_http, declared_encoding(bytes)) {
        (Some(e), _) => (e, "the server's Content-Type"),
        (None, Some(e)) => (e, "the XML declaration"),
        (None, None) => (UTF_8, "the default for XML"),
    };
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(t) => Ok(t.to_string()),
            Err(e) => {
                let at = e.valid_up_to();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                Err(format!(
                    "line {line}: byte 0x{:02X} is not UTF-8, the encoding given by {said_by}; \
                     the feed's encoding is wrong (or its encoding declaration is missing)",
                    bytes[at]
                ))
            }
        };
    }
    let (text, _, malformed) = encoding.decode(bytes);
    if malformed {
        return Err(format!("the feed has bytes that are not {}, the encoding given by {said_by}", encoding.name()));
    }
    Ok(text.into_owned())
}

/// `encoding="…"` in an `<?xml …?>` declaration at the start.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let value = &value[..value.find(quote)?];
    Encoding::for_label(value.as_bytes())
}

/// Parses a whole document into its root element. Every XML error names its line: a feed cut
/// off in transfer is reported as such, with the element left open.
pub fn parse(text: &str) -> Result<Node, String> {
    let mut reader = NsReader::from_str(text);
    let line_of =
        |offset: u64| text.as_bytes()[..(offset as usize).min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let offset = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace(ns), event),
            Err(e) => {
                let at = line_of(reader.error_position());
                return Err(match stack.last() {
                    Some(open)
                        if matches!(e, quick_xml::Error::Syntax(_))
                            && reader.buffer_position() as usize >= text.len() =>
                    {
                        format!(
                            "line {at}: the XML ends inside <{}> (opened at line {}): the feed is cut off",
                            open.name, open.line
                        )
                    }
                    _ => format!("line {at}: not well-formed XML: {e}"),
                });
            }
        };
        let start = |e: &quick_xml::events::BytesStart, ns: String| -> Result<Node, String> {
            let mut attrs = Vec::new();
            for a in e.attributes().with_checks(false) {
                let a = a.map_err(|err| format!("line {}: bad attribute: {err}", line_of(offset)))?;
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(|_| a.value.to_string(), |v| v.into_owned());
                attrs.push((a.key.local_name().as_ref().to_string(), value));
            }
            Ok(Node {
                ns,
                name: e.local_name().as_ref().to_string(),
                attrs,
                children: Vec::new(),
                line: line_of(offset),
            })
        };
        match event {
            Event::Start(e) => stack.push(start(&e, ns)?),
            Event::Empty(e) => {
                let node = start(&e, ns)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Child::Element(node)),
                    None => root = root.or(Some(node)),
                }
            }
            Event::End(_) => {
                let node = stack.pop().expect("quick-xml checks end tags");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Child::Element(node)),
                    None => root = root.or(Some(node)),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name: &str = &r;
                        quick_xml::escape::resolve_xml_entity(name)
                            .or_else(|| quick_xml::escape::resolve_html5_entity(name))
                            .map_or_else(|| format!("&{name};"), str::to_string)
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(format!(
                        "line {}: the XML ends inside <{}> (opened at line {}): the feed is cut off",
                        line_of(text.len() as u64),
                        open.name,
                        open.line
                    ));
                }
                return root.ok_or_else(|| "the document has no XML element at all".to_string());
            }
            _ => {}
        }
    }
}

fn push_text(stack: &mut [Node], text: &str) {
    if let Some(node) = stack.last_mut() {
        if let Some(Child::Text(last)) = node.children.last_mut() {
            last.push_str(text);
        } else {
            node.children.push(Child::Text(text.to_string()));
        }
    }
}

fn namespace(ns: ResolveResult) -> String {
    match ns {
        ResolveResult::Bound(n) => n.as_ref().to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_entities_and_cdata() {
        let doc = parse(
            r#"<?xml version="1.0"?>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>A &amp; B&nbsp;&#233;</title>
<content:encoded><![CDATA[<p>x</p>]]></content:encoded></channel></rss>"#,
        )
        .unwrap();
        let channel = doc.child("", "channel").unwrap();
        assert_eq!(channel.child_text("", "title").unwrap(), "A & B\u{a0}é");
        assert_eq!(channel.child_text(CONTENT, "encoded").unwrap(), "<p>x</p>");
        assert_eq!(channel.child(CONTENT, "encoded").unwrap().line, 4);
    }

    #[test]
    fn cut_off_and_mislabelled() {
        let err = parse("<rss>\n<channel>\n<item><title>x</title>").unwrap_err();
        assert!(err.contains("cut off") && err.contains("<item>") && err.contains("line 3"), "{err}");
        let err = decode(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a>caf\xe9</a>", None).unwrap_err();
        assert!(err.starts_with("line 2: byte 0xE9 is not UTF-8"), "{err}");
        let ok = decode(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xe9</a>", None).unwrap();
        assert!(ok.ends_with("café</a>"));
        let err = decode(b"<a>caf\xe9</a>", Some("utf-8")).unwrap_err();
        assert!(err.contains("Content-Type"), "{err}");
    }
}
