//! Search as you type: over the headlines and entity names of every story in the archive index,
//! and over the full text of the stories the reader has cached on the device.
//!
//! Text is cut into words and normalised the same way for the index and the query: lower case,
//! Latin diacritics folded (`Bachelet` = `bachélet`, `Straße` = `strasse`), apostrophes dropped
//! inside words (`O'Brien` = `obrien`); other scripts are kept as they are, lower-cased. Every word
//! of the query must match; the last one matches as a prefix while it is being typed (no space
//! after it yet). A match in the headline counts more than one in an entity name, a whole word
//! more than a prefix; equal scores go to the newer story.
//!
//! [`SearchIndex::build`] keeps a sorted vocabulary, so the words a prefix matches are one
//! contiguous range found by binary search, and for each word the stories and entities it
//! occurs in.

use std::collections::HashMap;

use crate::entity::EntityType;
use crate::index::ArchiveIndex;

/// Appends the folded, lower-case form of `c` to `out`: Latin letters lose their diacritics,
/// ligatures are spelled out, combining marks vanish.
fn push_folded(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        let folded: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ'
            | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => {
                "e"
            }
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ỉ' | 'ị' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ'
            | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ư' | 'ụ' | 'ủ' | 'ứ' | 'ừ' | 'ử'
            | 'ữ' | 'ự' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '\u{300}'..='\u{36f}' => "",
            c => {
                out.push(c);
                continue;
            }
        };
        out.push_str(folded);
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// Calls `each(start, end, word)` for every word of `text`: its byte range and its normal form.
/// Apostrophes between letters stay inside a word (and vanish from its normal form).
pub fn for_each_word(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let mut word = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        word.clear();
        push_folded(c, &mut word);
        let mut end = start + c.len_utf8();
        while let Some(&(at, c)) = chars.peek() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if is_word_char(c) {
                push_folded(c, &mut word);
            } else if is_apostrophe(c) {
                // Only inside a word: "O'Brien", not "the players'".
                let mut ahead = chars.clone();
                ahead.next();
                if !ahead.peek().is_some_and(|&(_, n)| is_word_char(n)) {
                    break;
                }
            } else {
                break;
            }
            end = at + c.len_utf8();
            chars.next();
        }
        if !word.is_empty() {
            each(start, end, &word);
        }
    }
}

/// The words of `text` with their byte ranges, each normalised (see [`for_each_word`]).
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for_each_word(text, |start, end, w| out.push((start, end, w.to_string())));
    out
}

/// The normalised words of `text`.
pub fn normalise(text: &str) -> Vec<String> {
    words(text).into_iter().map(|(_, _, w)| w).collect()
}

/// A query as typed: its normalised words, and whether the last is still being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    /// The last word matches as a prefix: the query does not end in a space or punctuation.
    pub last_is_prefix: bool,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let words = normalise(text);
        let last_is_prefix = text.chars().last().is_some_and(is_word_char) && !words.is_empty();
        Query { words, last_is_prefix }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether query word `i` matches the normalised word `w`: `Some(true)` exactly, `Some(false)`
    /// as a prefix.
    pub fn matches(&self, i: usize, w: &str) -> Option<bool> {
        let q = &self.words[i];
        if w == q {
            Some(true)
        } else if self.is_prefix(i) && w.starts_with(q.as_str()) {
            Some(false)
        } else {
            None
        }
    }

    fn is_prefix(&self, i: usize) -> bool {
        self.last_is_prefix && i + 1 == self.words.len()
    }
}

/// One story found by [`SearchIndex::query`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// Position in [`ArchiveIndex::stories`].
    pub story: usize,
    pub slug: String,
    pub headline: String,
    pub published: String,
    pub score: u32,
    /// Names of the story's entities that the query matched (to show why a story was found).
    pub entities: Vec<String>,
}

/// One entity found by [`SearchIndex::query_entities`]: a topic to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityHit {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    /// How many stories mention it.
    pub stories: u32,
}

// Weights of one query word's best match in a story.
const HEADLINE_EXACT: u8 = 4;
const HEADLINE_PREFIX: u8 = 3;
const ENTITY_EXACT: u8 = 2;
const ENTITY_PREFIX: u8 = 1;

/// The search structures for one [`ArchiveIndex`].
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every normalised word of every headline and entity name, sorted, each once.
    terms: Vec<String>,
    /// `story_postings[story_offsets[t]..story_offsets[t + 1]]`: the stories term `t` is in,
    /// with 2 when it is in the headline and 1 when only in an entity name.
    story_offsets: Vec<u32>,
    story_postings: Vec<(u32, u8)>,
    /// The same for entity names: which entities term `t` is in.
    entity_offsets: Vec<u32>,
    entity_postings: Vec<u32>,
    /// Per entity number: its name's terms.
    entity_terms: Vec<Vec<u32>>,
    /// Per entity number: how many stories name it.
    entity_stories: Vec<u32>,
    published_ms: Vec<i64>,
}

/// Lays `(term, value)` pairs out as one array grouped by term, with offsets (`values of term t
/// = flat[offsets[t]..offsets[t + 1]]`), keeping the pairs' order within a term.
fn group_by_term<T: Copy + Default>(terms: usize, pairs: &[(u32, T)]) -> (Vec<u32>, Vec<T>) {
    let mut offsets = vec![0u32; terms + 1];
    for &(t, _) in pairs {
        offsets[t as usize + 1] += 1;
    }
    for i in 0..terms {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut flat = vec![T::default(); pairs.len()];
    for &(t, v) in pairs {
        let at = &mut fill[t as usize];
        flat[*at as usize] = v;
        *at += 1;
    }
    (offsets, flat)
}

impl SearchIndex {
    pub fn build(index: &ArchiveIndex) -> SearchIndex {
        // Number every distinct word as it comes, then sort the vocabulary and renumber, so the
        // words sharing a prefix are a range of numbers.
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut number = |text: &str| -> Vec<u32> {
            let mut ids = Vec::new();
            for_each_word(text, |_, _, w| {
                let next = vocabulary.len() as u32;
                ids.push(match vocabulary.get(w) {
                    Some(&id) => id,
                    None => {
                        vocabulary.insert(w.to_string(), next);
                        next
                    }
                });
            });
            ids
        };
        let mut entity_terms: Vec<Vec<u32>> = index.entities.iter().map(|e| number(&e.name)).collect();
        let mut headline_terms: Vec<Vec<u32>> = index.stories.iter().map(|s| number(&s.headline)).collect();
        let mut terms: Vec<(String, u32)> = vocabulary.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut renumber = vec![0u32; terms.len()];
        for (new, (_, old)) in terms.iter().enumerate() {
            renumber[*old as usize] = new as u32;
        }
        for ids in entity_terms.iter_mut().chain(headline_terms.iter_mut()) {
            for id in ids.iter_mut() {
                *id = renumber[*id as usize];
            }
            ids.sort_unstable();
            ids.dedup();
        }

        let mut entity_pairs: Vec<(u32, u32)> = Vec::new();
        for (e, ids) in entity_terms.iter().enumerate() {
            entity_pairs.extend(ids.iter().map(|&t| (t, e as u32)));
        }
        let mut story_pairs: Vec<(u32, (u32, u8))> = Vec::new();
        let mut mine: Vec<(u32, u8)> = Vec::new();
        for (s, story) in index.stories.iter().enumerate() {
            mine.clear();
            mine.extend(headline_terms[s].iter().map(|&t| (t, 2u8)));
            for r in &story.entities {
                if let Some(ids) = entity_terms.get(r.entity as usize) {
                    mine.extend(ids.iter().map(|&t| (t, 1u8)));
                }
            }
            // One posting per term, the headline's when the term is in both.
            mine.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            mine.dedup_by_key(|p| p.0);
            story_pairs.extend(mine.iter().map(|&(t, field)| (t, (s as u32, field))));
        }
        let (story_offsets, story_postings) = group_by_term(terms.len(), &story_pairs);
        let (entity_offsets, entity_postings) = group_by_term(terms.len(), &entity_pairs);
        SearchIndex {
            terms: terms.into_iter().map(|(t, _)| t).collect(),
            story_offsets,
            story_postings,
            entity_offsets,
            entity_postings,
            entity_terms,
            entity_stories: index.document_frequencies(),
            published_ms: index.stories.iter().map(|s| s.published_ms()).collect(),
        }
    }

    /// How many distinct words the index knows.
    pub fn vocabulary(&self) -> usize {
        self.terms.len()
    }

    /// The range of term ids query word `i` matches (empty when none).
    fn term_range(&self, q: &Query, i: usize) -> std::ops::Range<usize> {
        let word = q.words[i].as_str();
        let lo = self.terms.partition_point(|t| t.as_str() < word);
        if !q.is_prefix(i) {
            return if self.terms.get(lo).is_some_and(|t| t == word) { lo..lo + 1 } else { lo..lo };
        }
        let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(word));
        lo..hi
    }

    /// Stories whose headline and entity names hold every word of `text` (the last as a prefix
    /// while typed), best first, at most `limit`. `index` must be the one this was built from.
    pub fn query(&self, index: &ArchiveIndex, text: &str, limit: usize) -> Vec<SearchHit> {
        let q = Query::parse(text);
        let n = index.stories.len();
        if q.is_empty() || limit == 0 || n != self.published_ms.len() {
            return Vec::new();
        }
        let ranges: Vec<std::ops::Range<usize>> = (0..q.words.len()).map(|i| self.term_range(&q, i)).collect();
        if ranges.iter().any(|r| r.is_empty()) {
            return Vec::new();
        }
        // Per query word, each story's best match; a story stays a candidate while every word matched.
        let mut best = vec![0u8; n];
        let mut score = vec![0u32; n];
        let mut candidates: Vec<u32> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        for (i, range) in ranges.iter().enumerate() {
            for t in range.clone() {
                let exact = self.terms[t] == q.words[i];
                let (from, to) = (self.story_offsets[t] as usize, self.story_offsets[t + 1] as usize);
                for &(s, field) in &self.story_postings[from..to] {
                    let w = match (field, exact) {
                        (2, true) => HEADLINE_EXACT,
                        (2, false) => HEADLINE_PREFIX,
                        (_, true) => ENTITY_EXACT,
                        (_, false) => ENTITY_PREFIX,
                    };
                    let b = &mut best[s as usize];
                    if *b == 0 {
                        touched.push(s);
                    }
                    *b = (*b).max(w);
                }
            }
            if i == 0 {
                candidates = touched.clone();
            } else {
                candidates.retain(|&s| best[s as usize] > 0);
            }
            for &s in &candidates {
                score[s as usize] += best[s as usize] as u32;
            }
            for &s in &touched {
                best[s as usize] = 0;
            }
            touched.clear();
            if candidates.is_empty() {
                return Vec::new();
            }
        }
        let better = |a: &u32, b: &u32| {
            score[*b as usize]
                .cmp(&score[*a as usize])
                .then_with(|| self.published_ms[*b as usize].cmp(&self.published_ms[*a as usize]))
                .then(a.cmp(b))
        };
        if candidates.len() > limit {
            candidates.select_nth_unstable_by(limit, better);
            candidates.truncate(limit);
        }
        candidates.sort_unstable_by(better);
        candidates
            .into_iter()
            .map(|s| {
                let story = &index.stories[s as usize];
                let entities = story
                    .entities
                    .iter()
                    .filter(|r| {
                        self.entity_terms.get(r.entity as usize).is_some_and(|ts| {
                            ts.iter().any(|&t| ranges.iter().any(|range| range.contains(&(t as usize))))
                        })
                    })
                    .filter_map(|r| index.entities.get(r.entity as usize).map(|e| e.name.clone()))
                    .collect();
                SearchHit {
                    story: s as usize,
                    slug: story.slug.clone(),
                    headline: story.headline.clone(),
                    published: story.published.clone(),
                    score: score[s as usize],
                    entities,
                }
            })
            .collect()
    }

    /// Entities whose name holds every word of `text` (the last as a prefix while typed): the
    /// topics to offer, those in most stories first, at most `limit`.
    pub fn query_entities(&self, index: &ArchiveIndex, text: &str, limit: usize) -> Vec<EntityHit> {
        let q = Query::parse(text);
        if q.is_empty() || limit == 0 || index.entities.len() != self.entity_terms.len() {
            return Vec::new();
        }
        let ranges: Vec<std::ops::Range<usize>> = (0..q.words.len()).map(|i| self.term_range(&q, i)).collect();
        let mut found: Vec<u32> = Vec::new();
        for t in ranges[0].clone() {
            let (from, to) = (self.entity_offsets[t] as usize, self.entity_offsets[t + 1] as usize);
            found.extend_from_slice(&self.entity_postings[from..to]);
        }
        found.sort_unstable();
        found.dedup();
        found.retain(|&e| {
            let ts = &self.entity_terms[e as usize];
            ranges[1..].iter().all(|range| ts.iter().any(|&t| range.contains(&(t as usize))))
        });
        let stories = |e: u32| self.entity_stories.get(e as usize).copied().unwrap_or(0);
        found.sort_by(|&a, &b| {
            stories(b)
                .cmp(&stories(a))
                .then_with(|| index.entities[a as usize].name.cmp(&index.entities[b as usize].name))
        });
        found
            .into_iter()
            .take(limit)
            .map(|e| {
                let entity = &index.entities[e as usize];
                EntityHit { id: entity.id.clone(), name: entity.name.clone(), kind: entity.kind, stories: stories(e) }
            })
            .collect()
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{EntityInput, IndexBuilder, StoryInput};

    fn story(slug: &str, headline: &str, published: &str, entities: &[&str]) -> StoryInput {
        StoryInput {
            slug: slug.into(),
            headline: headline.into(),
            published: published.into(),
            language: "en".into(),
            entities: entities
                .iter()
                .map(|name| EntityInput {
                    id: crate::markup::slug(name),
                    name: name.to_string(),
                    kind: EntityType::Loc,
                    mentions: 1,
                    context: String::new(),
                })
                .collect(),
        }
    }

    fn sample() -> ArchiveIndex {
        let mut b = IndexBuilder::new();
        b.add(story("talks", "Ministers agree to talks in Moscow", "2020-10-08T19:00:00Z", &["Armenia", "Moscow"]));
        b.add(story(
            "explainer",
            "Armenia and Azerbaijan: the decades-old fight",
            "2020-10-09T18:00:00Z",
            &["Armenia", "Azerbaijan"],
        ));
        b.add(story("army", "Army moves north", "2020-10-01T00:00:00Z", &["Arménie Nord"]));
        b.add(story(
            "bachelet",
            "Bachelet calls for a cease-fire",
            "2020-10-09T12:00:00Z",
            &["Michelle Bachelet", "Armenia"],
        ));
        b.add(story("ru", "Армения и Азербайджан согласились", "2020-10-07T19:00:00Z", &[]));
        b.finish()
    }

    fn slugs(hits: &[SearchHit]) -> Vec<&str> {
        hits.iter().map(|h| h.slug.as_str()).collect()
    }

    #[test]
    fn normalising_folds_case_diacritics_and_apostrophes() {
        assert_eq!(normalise("Michelle BACHÉLET, Straße; Łódź"), ["michelle", "bachelet", "strasse", "lodz"]);
        assert_eq!(normalise("O'Brien’s players' Æsir"), ["obriens", "players", "aesir"]);
        assert_eq!(normalise("Cafe\u{301} 2020-10"), ["cafe", "2020", "10"]);
        assert_eq!(normalise("Армения и Азербайджан"), ["армения", "и", "азербайджан"]);
        assert_eq!(normalise("  ,  "), Vec::<String>::new());
        let ws = words("Hi, Zoë!");
        assert_eq!(ws[1], (4, 8, "zoe".to_string()));
    }

    #[test]
    fn queries_know_whether_the_last_word_is_still_typed() {
        assert!(Query::parse("arm").last_is_prefix);
        assert!(!Query::parse("arm ").last_is_prefix);
        assert_eq!(Query::parse("ARMÉNIA moscow").words, ["armenia", "moscow"]);
        assert!(Query::parse(" , ").is_empty());
    }

    #[test]
    fn headline_matches_rank_above_entity_matches_then_newer_first() {
        let index = sample();
        let search = SearchIndex::build(&index);
        let hits = search.query(&index, "armenia", 10);
        // The explainer has it in the headline; the others only as an entity, newest first.
        // "Arménie Nord" does not match "armenia" (a different word).
        assert_eq!(slugs(&hits), ["explainer", "bachelet", "talks"]);
        assert!(hits[0].score > hits[1].score);
        assert_eq!(hits[1].entities, ["Armenia"]);
        assert_eq!(hits[0].story, index.position("explainer").unwrap());
    }

    #[test]
    fn typing_matches_the_last_word_as_a_prefix() {
        let index = sample();
        let search = SearchIndex::build(&index);
        let typed = |q: &str| -> Vec<String> { search.query(&index, q, 10).into_iter().map(|h| h.slug).collect() };
        assert_eq!(typed("a").len(), 4, "every story in Latin script has a word starting with a");
        assert!(typed("arm").contains(&"army".into()), "arm… matches Army: {:?}", typed("arm"));
        assert!(typed("arme").contains(&"army".into()), "arme… matches Arménie: {:?}", typed("arme"));
        assert_eq!(typed("armenia "), ["explainer", "bachelet", "talks"], "a finished word matches whole words only");
        // Every word must match; earlier words are whole.
        assert_eq!(slugs(&search.query(&index, "armenia mos", 10)), ["talks"]);
        assert_eq!(slugs(&search.query(&index, "bachelet cease", 10)), ["bachelet"]);
        assert!(search.query(&index, "arm moscow", 10).is_empty(), "`arm` is complete here");
        assert!(search.query(&index, "zzz", 10).is_empty());
        assert!(search.query(&index, "", 10).is_empty());
        assert_eq!(search.query(&index, "a", 2).len(), 2);
    }

    #[test]
    fn other_scripts_and_diacritics_in_queries() {
        let index = sample();
        let search = SearchIndex::build(&index);
        assert_eq!(slugs(&search.query(&index, "Армен", 10)), ["ru"]);
        assert_eq!(slugs(&search.query(&index, "BACHÉLET", 10)), ["bachelet"]);
        assert_eq!(slugs(&search.query(&index, "armenie", 10)), ["army"]);
    }

    #[test]
    fn entities_as_topics() {
        let index = sample();
        let search = SearchIndex::build(&index);
        let hits = search.query_entities(&index, "arm", 10);
        assert_eq!(hits[0].name, "Armenia");
        assert_eq!(hits[0].stories, 3);
        assert_eq!(hits[1].name, "Arménie Nord");
        assert_eq!(search.query_entities(&index, "michelle bach", 5)[0].id, "michelle-bachelet");
        assert!(search.query_entities(&index, "bachelet michelle x", 5).is_empty());
        assert!(search.query_entities(&index, "", 5).is_empty());
        assert!(search.vocabulary() > 10);
    }

    #[test]
    fn a_search_built_for_another_index_answers_nothing() {
        let search = SearchIndex::build(&sample());
        let empty = IndexBuilder::new().finish();
        assert!(search.query(&empty, "armenia", 5).is_empty());
        assert!(SearchIndex::build(&empty).query(&empty, "armenia", 5).is_empty());
    }

    #[test]
    fn full_text_of_cached_stories() {
        let long = format!(
            "{}The Minsk Group has mediated since 1994. {}\nSecond paragraph about Minsk.",
            "Filler words before the match. ".repeat(5),
            "More words after it. ".repeat(10)
        );
        let docs =
            [("a", "Nothing to see here."), ("b", long.as_str()), ("c", "Minsk once. Group elsewhere; mediated.")];
        let hits = search_texts("minsk gro", docs.iter().copied(), 10);
        assert_eq!(hits.iter().map(|h| h.slug.as_str()).collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(hits[0].score, 3);
        let s = &hits[0].snippet;
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("The Minsk Group has mediated"), "{s}");
        assert!(!s.contains("Second paragraph"), "{s}");
        assert!(s.chars().count() < 150, "{s}");
        assert_eq!(hits[1].snippet, "Minsk once. Group elsewhere; mediated.");
        assert!(search_texts("minsk", docs.iter().copied(), 1).len() == 1);
        assert!(search_texts("minsk zzz", docs.iter().copied(), 10).is_empty());
        assert!(search_texts("  ", docs.iter().copied(), 10).is_empty());
    }

    #[test]
    fn the_full_text_index_keeps_one_text_per_story() {
        let mut cached = FullTextIndex::new();
        cached.insert("a", "Talks in Minsk.");
        cached.insert("b", "Talks in Baku.");
        assert_eq!(cached.len(), 2);
        assert_eq!(cached.query("talks", 10).len(), 2);
        cached.insert("a", "Talks in Yerevan, Minsk forgotten.");
        assert_eq!(cached.len(), 2, "replaced, not added");
        assert_eq!(cached.query("yere", 10)[0].snippet, "Talks in Yerevan, Minsk forgotten.");
        // "insk" is inside "minsk" but is not a word, nor the start of one.
        assert!(cached.query("insk", 10).is_empty());
        assert!(cached.remove("a") && !cached.remove("a"));
        assert!(cached.query("yerevan", 10).is_empty());
        assert!(!cached.is_empty());
    }
}
