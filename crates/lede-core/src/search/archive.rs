//! Search over the archive index: headlines and entity names of every story, as you type.

use std::collections::HashMap;

use super::{Query, for_each_word};
use crate::entity::EntityType;
use crate::index::ArchiveIndex;

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
        crate::ranking::best_first(&mut candidates, limit, better);
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
