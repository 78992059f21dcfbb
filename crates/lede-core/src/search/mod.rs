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

mod archive;
mod full_text;

pub use archive::{EntityHit, SearchHit, SearchIndex};
pub use full_text::{FullTextIndex, TextHit, search_texts};

use crate::text::{is_apostrophe, is_word_char, push_folded};

#[cfg(test)]
use crate::entity::EntityType;
#[cfg(test)]
use crate::index::ArchiveIndex;

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
                    id: crate::text::slug(name),
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
