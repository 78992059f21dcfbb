//! The page as text: decoding its bytes (UTF-8 or the charset it declares), turning byte offsets
//! into lines and columns, and finding tags in the raw text so problems can say where they are
//! (the HTML parser keeps no source positions).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use lede_core::html::attribute;

use crate::diag::{Diags, Loc};

/// The decoded page, with what is needed to report positions in it.
pub struct Source {
    pub text: String,
    /// `text` with ASCII letters lower-cased: same byte offsets, for case-insensitive search.
    lower: String,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(text: String) -> Source {
        let lower = text.to_ascii_lowercase();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source { text, lower, line_starts }
    }

    /// 1-based line and column (counted in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// Whether the page holds `needle`, ignoring ASCII case.
    pub fn contains_ci(&self, needle: &str) -> bool {
        self.lower.contains(&needle.to_ascii_lowercase())
    }

    /// The `<script type="application/ld+json">` elements, in page order.
    pub fn ld_json_scripts(&self) -> Vec<RawScript<'_>> {
        let mut out = Vec::new();
        for tag in self.tags("script") {
            let Some(kind) = attribute(tag.raw, "type") else { continue };
            let end = find_ci(&self.lower, "</script", tag.end).unwrap_or(self.text.len());
            if kind.to_ascii_lowercase().contains("ld+json") {
                out.push(RawScript { tag: tag.start, content_start: tag.end, content: &self.text[tag.end..end] });
            }
        }
        out
    }

    /// Where the first `<name …>` tag whose own text contains `needle` (ignoring ASCII case)
    /// starts, e.g. the `<meta property="og:title" …>` a problem is about.
    pub fn locate_tag(&self, name: &str, needle: &str) -> Option<usize> {
        let needle = needle.to_ascii_lowercase();
        self.tags(name).find(|t| self.lower[t.start..t.end].contains(&needle)).map(|t| t.start)
    }

    /// Start tags `<name …>` in page order, skipping comments and the insides of scripts and
    /// styles (where `<` is not markup).
    fn tags<'a>(&'a self, name: &'a str) -> impl Iterator<Item = RawTag<'a>> + 'a {
        let lower = self.lower.as_str();
        let mut at = 0;
        std::iter::from_fn(move || {
            loop {
                let lt = at + lower.get(at..)?.find('<')?;
                let rest = &lower[lt..];
                if rest.starts_with("<!--") {
                    at = find_ci(lower, "-->", lt + 4).map_or(lower.len(), |e| e + 3);
                    continue;
                }
                let Some((tag_name, after)) = tag_name_at(lower, lt) else {
                    at = lt + 1;
                    continue;
                };
                let end = tag_end(lower, after);
                // The attributes, without the `>` (absent when the page is cut off inside the tag).
                let raw_end = if lower[..end].ends_with('>') { end - 1 } else { end };
                let raw = &self.text[after..raw_end.max(after)];
                at = end;
                if tag_name == "script" || tag_name == "style" {
                    // Raw text up to the end tag: a `<meta` in there is not a tag.
                    at = find_ci(lower, &format!("</{tag_name}"), end).unwrap_or(lower.len());
                }
                if tag_name == name {
                    return Some(RawTag { start: lt, end, raw });
                }
            }
        })
    }
}

/// How deep elements may nest before the rest is flattened, as Chromium's parser does (512).
/// html5ever has no such limit, and its scope checks make a page of 50,000 unclosed `<div>`s
/// take minutes to parse.
pub const MAX_NESTING: usize = 512;

/// Elements whose end tag is optional or implied, and void elements: they do not count
/// towards nesting (a page of 5,000 `<p>`s without `</p>` is not deep).
fn nests(name: &str) -> bool {
    !matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "html"
            | "head"
            | "body"
            | "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
            | "image"
    )
}

/// Elements whose content is text up to their end tag, not markup.
fn raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript")
}

/// Blanks out (with spaces, so offsets stay put) the start and end tags of elements nested
/// deeper than [`MAX_NESTING`]; their text stays. Returns where the first blanked tag was.
pub fn flatten_deep_nesting(text: String) -> (String, Option<usize>) {
    let lower = text.to_ascii_lowercase();
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(lt) = lower.get(at..).and_then(|r| r.find('<')).map(|i| at + i) {
        let rest = &lower[lt..];
        if rest.starts_with("<!--") {
            at = find_ci(&lower, "-->", lt + 4).map_or(lower.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            at = lower[lt..].find('>').map_or(lower.len(), |e| lt + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let Some((name, after)) = tag_name_at(&lower, if closing { lt + 1 } else { lt }) else {
            at = lt + 1;
            continue;
        };
        let end = tag_end(&lower, after);
        at = end;
        if closing {
            if nests(name) && !raw_text(name) {
                if depth > MAX_NESTING {
                    blank.push((lt, end));
                }
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if raw_text(name) {
            // Kept whole (blanking `<script>` would turn its code into text), and not counted.
            at = find_ci(&lower, &format!("</{name}"), end).unwrap_or(lower.len());
            continue;
        }
        if !nests(name) || lower[..end].ends_with("/>") {
            continue;
        }
        depth += 1;
        if depth > MAX_NESTING {
            blank.push((lt, end));
        }
    }
    let Some(&(first, _)) = blank.first() else { return (text, None) };
    let mut bytes = text.into_bytes();
    for (start, end) in blank {
        bytes[start..end].fill(b' ');
    }
    // Whole tags, from `<` to `>`, were blanked: the text is still UTF-8.
    (String::from_utf8(bytes).expect("blanking whole ASCII-delimited tags keeps UTF-8"), Some(first))
}

pub struct RawScript<'a> {
    /// Where `<script` starts.
    pub tag: usize,
    /// Where the script's text starts: offsets in its JSON are relative to this.
    pub content_start: usize,
    pub content: &'a str,
}

struct RawTag<'a> {
    start: usize,
    /// Just past the closing `>` (or the end of the page, if it was cut off).
    end: usize,
    /// The attributes' text.
    raw: &'a str,
}

/// `<name` at `lt` in lower-cased text: the name and where the attributes start.
fn tag_name_at(lower: &str, lt: usize) -> Option<(&str, usize)> {
    let bytes = lower.as_bytes();
    let start = lt + 1;
    let mut end = start;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-') {
        end += 1;
    }
    if end == start || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    Some((&lower[start..end], end))
}

/// Just past the `>` that closes a tag whose attributes start at `from`, minding quotes.
fn tag_end(text: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, b) in text.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), _) if q == *b => quote = None,
            (None, b'>') => return from + i + 1,
            _ => {}
        }
    }
    text.len()
}

fn find_ci(lower: &str, needle: &str, from: usize) -> Option<usize> {
    lower.get(from..)?.find(needle).map(|i| from + i)
}

/// Decodes the page's bytes as a browser would: a byte-order mark wins, then the charset the
/// page declares, then UTF-8. Bytes that are not UTF-8 in a page that says (or implies) UTF-8 are
/// an error at their line and column, unless the page looks wholly legacy-encoded (no UTF-8
/// sequences at all), which is read as windows-1252 with a warning.
pub fn decode(bytes: &[u8], diags: &mut Diags) -> Option<String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            diags.warn(Loc::Page, format!("the page has bytes that are not {}; they were replaced", encoding.name()));
        }
        return Some(text.into_owned());
    }
    let declared = declared_charset(bytes);
    if let Some(encoding) = declared.filter(|e| *e != UTF_8) {
        let (text, malformed) = encoding.decode_without_bom_handling(bytes);
        if malformed {
            diags.warn(Loc::Page, format!("the page has bytes that are not {}; they were replaced", encoding.name()));
        }
        return Some(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(err) => {
            let at = err.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let byte = bytes[at];
            let has_utf8 = String::from_utf8_lossy(bytes).chars().any(|c| !c.is_ascii() && c != '\u{FFFD}');
            if declared.is_none() && !has_utf8 {
                diags.warn(
                    Loc::LineColumn(line, column),
                    format!(
                        "byte 0x{byte:02X} is not UTF-8 and the page declares no charset; \
                         read it as windows-1252 (add <meta charset> to the page to be sure)"
                    ),
                );
                return Some(WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned());
            }
            let why =
                if declared.is_some() { "the page declares UTF-8" } else { "the page mixes UTF-8 and other bytes" };
            diags.error(
                Loc::LineColumn(line, column),
                format!("byte 0x{byte:02X} is not UTF-8 ({why}); fix the page's encoding or its charset declaration"),
            );
            None
        }
    }
}

/// The encoding named by `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in the first 4 KB (the HTML standard's prescan looks at 1 KB; pages are sloppy).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find_bytes(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        // Only inside a <meta …> tag.
        let tag_start = lower[..i].iter().rposition(|&b| b == b'<');
        let tag_close = lower[..i].iter().rposition(|&b| b == b'>');
        let in_meta = match (tag_start, tag_close) {
            (Some(s), c) => c.is_none_or(|c| c < s) && lower[s..].starts_with(b"<meta"),
            _ => false,
        };
        if !in_meta {
            continue;
        }
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && !matches!(lower[i], b'"' | b'\'' | b';' | b'>' | b'/')
            && !lower[i].is_ascii_whitespace()
        {
            i += 1;
        }
        if let Some(encoding) = Encoding::for_label(&lower[start..i]) {
            // A page that says "UTF-16" in ASCII is not UTF-16 (the HTML standard reads it as UTF-8).
            let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
            return Some(if utf16 || encoding == encoding_rs::REPLACEMENT { UTF_8 } else { encoding });
        }
    }
    None
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let s = Source::new("ab\n“c”d\nx".to_string());
        assert_eq!(s.position(0), (1, 1));
        assert_eq!(s.position(3), (2, 1));
        let d = s.text.find('d').unwrap();
        assert_eq!(s.position(d), (2, 4));
        assert_eq!(s.position(s.text.len()), (3, 2));
    }

    #[test]
    fn finds_ld_json_scripts_but_not_in_comments() {
        let page = r#"<!-- <script type="application/ld+json">{"no":1}</script> -->
<script>var a = "<script type='application/ld+json'>";</script>
<SCRIPT TYPE="application/ld+json">{"yes":1}</SCRIPT>
<script type=application/ld+json>{"cut":"#;
        let s = Source::new(page.to_string());
        let scripts = s.ld_json_scripts();
        assert_eq!(scripts.iter().map(|s| s.content).collect::<Vec<_>>(), [r#"{"yes":1}"#, r#"{"cut":"#]);
        assert_eq!(s.position(scripts[0].content_start), (3, 36));
    }

    #[test]
    fn locates_meta_tags() {
        let s = Source::new("<head>\n  <meta name=x>\n  <META property=\"og:title\" content=\"Hi\">".to_string());
        assert_eq!(s.locate_tag("meta", "og:title").map(|o| s.position(o)), Some((3, 3)));
        assert_eq!(s.locate_tag("meta", "og:image"), None);
    }

    #[test]
    fn flattens_only_pathological_nesting() {
        let normal = "<div><p>a<p>b<ul><li>c<li>d</ul></div>".repeat(2_000);
        assert_eq!(flatten_deep_nesting(normal.clone()), (normal, None));
        let deep = format!("<b>x</b>{}é{}", "<div class='a>b'>".repeat(600), "</div>".repeat(600));
        let (flat, first) = flatten_deep_nesting(deep.clone());
        assert_eq!(flat.len(), deep.len());
        assert_eq!(first, Some(8 + 512 * "<div class='a>b'>".len()));
        assert_eq!(flat.matches("<div").count(), 512);
        assert_eq!(flat.matches("</div>").count(), 512);
        assert!(flat.contains('é'));
        let script = format!("<script>{}</script>", "<div>".repeat(1000));
        assert_eq!(flatten_deep_nesting(script.clone()).1, None);
    }

    #[test]
    fn decodes_declared_legacy_charsets_and_reports_bad_utf8() {
        let mut d = Diags::default();
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(latin1, &mut d).unwrap().contains("café"));
        let bad = b"<meta charset=utf-8>\n<p>caf\xe9</p>";
        assert_eq!(decode(bad, &mut d), None);
        assert_eq!(d.found.last().unwrap().loc, Loc::LineColumn(2, 7));
        let undeclared = b"<p>na\xefve</p>";
        assert!(decode(undeclared, &mut d).unwrap().contains("naïve"));
        let bom = b"\xef\xbb\xbf<p>x</p>";
        assert_eq!(decode(bom, &mut d).unwrap(), "<p>x</p>");
    }
}
