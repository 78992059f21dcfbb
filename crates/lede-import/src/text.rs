//! Text as the article format wants it: whitespace collapsed, entities decoded, invisible
//! characters dropped, runs of the same formatting merged; and links that are safe to follow.

use lede_core::validate::is_safe_href;
use lede_core::{Mark, Run};
use scraper::Html;
use url::Url;

/// Whitespace that collapses to one space, as in HTML. No-break spaces are kept: publishers put
/// them where a line must not break ("10 km").
fn collapses(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\u{2007}'
}

/// Characters that carry nothing a reader sees: zero-width space, byte-order mark, soft hyphen.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}')
}

/// Collapses whitespace and trims: `"  a \n b "` → `"a b"`.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if invisible(c) {
            continue;
        }
        if collapses(c) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Plain text from a string that may hold entities or tags (JSON-LD values often do:
/// `"headline": "Rock &amp; roll"`, `"description": "<p>…</p>"`), squashed.
pub fn plain(text: &str) -> String {
    if text.contains('&') || text.contains('<') {
        let fragment = Html::parse_fragment(text);
        squash(&fragment.root_element().text().collect::<String>())
    } else {
        squash(text)
    }
}

/// Builds a list of runs from pieces of text with formatting, collapsing whitespace across
/// pieces the way a browser lays them out.
#[derive(Default)]
pub struct Runs {
    runs: Vec<Run>,
    /// Whether the last character emitted was a space (or nothing was emitted yet).
    at_space: bool,
}

impl Runs {
    pub fn new() -> Runs {
        Runs { runs: Vec::new(), at_space: true }
    }

    pub fn push(&mut self, text: &str, marks: &[Mark], href: Option<&str>) {
        let mut piece = String::new();
        for c in text.chars() {
            if invisible(c) {
                continue;
            }
            if collapses(c) {
                if !self.at_space {
                    piece.push(' ');
                    self.at_space = true;
                }
            } else {
                piece.push(c);
                self.at_space = false;
            }
        }
        if piece.is_empty() {
            return;
        }
        let mut marks = marks.to_vec();
        marks.sort_by_key(|m| *m as u8);
        marks.dedup();
        match self.runs.last_mut() {
            Some(last) if last.marks == marks && last.href.as_deref() == href => last.text.push_str(&piece),
            _ => self.runs.push(Run { text: piece, marks, href: href.map(str::to_string) }),
        }
    }

    /// A break between words (a `<br>`, the edge of a block inside inline content).
    pub fn space(&mut self) {
        self.push(" ", &[], None);
    }

    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| r.text.trim().is_empty())
    }

    /// The runs, trimmed at both ends; a space that ends a link or an emphasis moves out of it
    /// (so `<a>word </a>next` links just "word").
    pub fn finish(self) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::with_capacity(self.runs.len());
        for mut run in self.runs {
            let formatted = !run.marks.is_empty() || run.href.is_some();
            if formatted && run.text.starts_with(' ') && run.text.len() > 1 {
                run.text.remove(0);
                runs.push(Run::plain(" "));
            }
            if formatted && run.text.ends_with(' ') && run.text.len() > 1 {
                run.text.pop();
                runs.push(run);
                runs.push(Run::plain(" "));
            } else {
                runs.push(run);
            }
        }
        // Merge neighbours that now share formatting, then trim the ends.
        let mut merged: Vec<Run> = Vec::with_capacity(runs.len());
        for run in runs {
            match merged.last_mut() {
                Some(last) if last.marks == run.marks && last.href == run.href => last.text.push_str(&run.text),
                _ => merged.push(run),
            }
        }
        if let Some(first) = merged.first_mut() {
            first.text = first.text.trim_start_matches(' ').to_string();
        }
        if let Some(last) = merged.last_mut() {
            last.text = last.text.trim_end_matches(' ').to_string();
        }
        merged.retain(|r| !r.text.is_empty());
        merged
    }
}

/// The address a link or picture on the page points to, when it is one the article may keep:
/// resolved against the page's address, and `http(s)` only. `javascript:`, `mailto:`, `data:`,
/// fragments within the original page and unresolvable relative paths give `None`.
pub fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
        None => Url::parse(href).ok()?,
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let text = url.to_string();
    is_safe_href(&text).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_across_runs() {
        let mut r = Runs::new();
        r.push("  The \n council ", &[], None);
        r.push(" voted ", &[Mark::Emphasis], None);
        r.push(" again.\u{200b} ", &[], None);
        let runs = r.finish();
        let texts: Vec<_> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["The council ", "voted", " again."]);
        assert_eq!(runs[1].marks, [Mark::Emphasis]);
    }

    #[test]
    fn plain_text_from_entities_and_tags() {
        assert_eq!(plain("Rock &amp; roll &#8217;n&rsquo; <b>more</b>"), "Rock & roll ’n’ more");
        assert_eq!(plain("a < b"), "a < b");
        assert_eq!(squash(" 10\u{a0}km \t away "), "10\u{a0}km away");
    }

    #[test]
    fn only_http_links_survive() {
        let base = Url::parse("https://news.example/city/story.html").unwrap();
        let b = Some(&base);
        assert_eq!(resolve("/about", b).as_deref(), Some("https://news.example/about"));
        assert_eq!(resolve("other.html?x=1", b).as_deref(), Some("https://news.example/city/other.html?x=1"));
        assert_eq!(resolve("//cdn.example/a.jpg", None).as_deref(), Some("https://cdn.example/a.jpg"));
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "mailto:a@b.c",
            "data:text/html,x",
            "#top",
            "",
        ] {
            assert_eq!(resolve(bad, b), None, "{bad:?}");
        }
        assert_eq!(resolve("/about", None), None);
        assert_eq!(resolve("https://x.example/a b", None).as_deref(), Some("https://x.example/a%20b"));
    }
}
