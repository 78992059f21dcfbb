//! Search over the full text of the stories cached on the device.

use super::{Query, for_each_word};

/// One cached story found by [`FullTextIndex::query`] or [`search_texts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHit {
    pub slug: String,
    /// How many words of the text matched the query.
    pub score: u32,
    /// About a line of the text around the first match, cut between words and marked with `…`.
    pub snippet: String,
}

/// The full text of the stories cached on the device, normalised once when a story is added so
/// each keystroke only compares words.
#[derive(Debug, Clone, Default)]
pub struct FullTextIndex {
    docs: Vec<CachedText>,
}

#[derive(Debug, Clone)]
struct CachedText {
    slug: String,
    text: String,
    /// Every word's normal form, each followed by a space.
    normal: String,
    /// Per word: its byte range in `normal`, then in `text`.
    words: Vec<[u32; 4]>,
}

impl FullTextIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a story's text (for example every block of [`crate::Article::text_blocks`] joined
    /// with newlines), replacing any text already held for the slug.
    pub fn insert(&mut self, slug: &str, text: &str) {
        let mut normal = String::with_capacity(text.len());
        let mut words = Vec::new();
        for_each_word(text, |start, end, w| {
            let at = normal.len() as u32;
            normal.push_str(w);
            words.push([at, normal.len() as u32, start as u32, end as u32]);
            normal.push(' ');
        });
        let doc = CachedText { slug: slug.to_string(), text: text.to_string(), normal, words };
        match self.docs.iter_mut().find(|d| d.slug == slug) {
            Some(existing) => *existing = doc,
            None => self.docs.push(doc),
        }
    }

    /// Forgets a story; whether it was held.
    pub fn remove(&mut self, slug: &str) -> bool {
        let before = self.docs.len();
        self.docs.retain(|d| d.slug != slug);
        self.docs.len() != before
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The stories holding every word of `text` (the last as a prefix while typed), those with
    /// the most matching words first, then in the order they were added. At most `limit`.
    pub fn query(&self, text: &str, limit: usize) -> Vec<TextHit> {
        let q = Query::parse(text);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut hits: Vec<(u32, usize, TextHit)> = Vec::new();
        let mut seen = vec![false; q.words.len()];
        for (order, doc) in self.docs.iter().enumerate() {
            // A story missing a query word anywhere, even inside another word, is out at once.
            if !q.words.iter().all(|w| doc.normal.contains(w.as_str())) {
                continue;
            }
            seen.iter_mut().for_each(|s| *s = false);
            let mut count = 0u32;
            let mut first: Option<(usize, usize)> = None;
            for &[from, to, start, end] in &doc.words {
                let word = &doc.normal[from as usize..to as usize];
                let mut matched = false;
                for (i, s) in seen.iter_mut().enumerate() {
                    if q.matches(i, word).is_some() {
                        *s = true;
                        matched = true;
                    }
                }
                if matched {
                    count += 1;
                    first.get_or_insert((start as usize, end as usize));
                }
            }
            if let (true, Some(at)) = (seen.iter().all(|s| *s), first) {
                let hit = TextHit { slug: doc.slug.clone(), score: count, snippet: snippet(&doc.text, at) };
                hits.push((count, order, hit));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter().take(limit).map(|(_, _, h)| h).collect()
    }
}

/// [`FullTextIndex::query`] in one call over `(slug, text)` pairs, for a single search: a page
/// that searches as the reader types should keep a [`FullTextIndex`].
pub fn search_texts<'a>(
    text: &str,
    documents: impl IntoIterator<Item = (&'a str, &'a str)>,
    limit: usize,
) -> Vec<TextHit> {
    let mut index = FullTextIndex::new();
    for (slug, body) in documents {
        index.insert(slug, body);
    }
    index.query(text, limit)
}

/// The text around a byte range, about 40 characters before and 100 after, cut between words.
fn snippet(text: &str, (start, end): (usize, usize)) -> String {
    // Start of the line the match is in: a snippet does not run across paragraphs.
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before: Vec<(usize, char)> = text[line_start..start].char_indices().collect();
    let mut from = if before.len() > 40 { line_start + before[before.len() - 40].0 } else { line_start };
    if from > line_start {
        // Move forward to the next word start.
        from = text[from..start].find(char::is_whitespace).map_or(start, |i| from + i + 1);
    }
    let after_chars: Vec<(usize, char)> = text[end..line_end].char_indices().collect();
    let mut to = if after_chars.len() > 100 { end + after_chars[100].0 } else { line_end };
    if to < line_end {
        to = text[end..to].rfind(char::is_whitespace).map_or(end, |i| end + i);
    }
    let mut out = String::new();
    if from > line_start {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < line_end {
        out.push('…');
    }
    out
}
