//! Writing the index at build time: the stories as the build hands them over, numbered into one
//! entity table, with each mention's context line cut to size. (Reading it is the parent module.)

use std::collections::HashMap;

use super::{ArchiveIndex, CONTEXT_CHARS, EntityRef, INDEX_VERSION, IndexEntity, IndexStory};
use crate::entity::EntityType;
use crate::time::Timestamp;

/// A story as the build hands it to [`IndexBuilder`]: what the recogniser found, by entity id.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryInput {
    pub slug: String,
    pub headline: String,
    pub published: String,
    pub language: String,
    pub entities: Vec<EntityInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityInput {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub mentions: u32,
    /// The sentence that first names it (cut with [`context_line`]), or "".
    pub context: String,
}

/// Collects stories and writes the index: numbers the entities (most common first), shares
/// context lines within a story, orders stories newest first.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    stories: Vec<StoryInput>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a story; an entity listed twice is merged (mentions added, first context kept).
    pub fn add(&mut self, story: StoryInput) {
        self.stories.push(story);
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn finish(self) -> ArchiveIndex {
        // Entity table: id → (name, kind, story count), then numbered by count (desc) and id.
        let mut table: HashMap<&str, (&str, EntityType, u32)> = HashMap::new();
        for s in &self.stories {
            let mut seen: Vec<&str> = s.entities.iter().map(|e| e.id.as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            for e in &s.entities {
                table.entry(&e.id).or_insert((&e.name, e.kind, 0));
            }
            for id in seen {
                table.get_mut(id).expect("just inserted").2 += 1;
            }
        }
        let mut order: Vec<(&str, &str, EntityType, u32)> =
            table.into_iter().map(|(id, (name, kind, df))| (id, name, kind, df)).collect();
        order.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(b.0)));
        let number: HashMap<&str, u32> = order.iter().enumerate().map(|(i, e)| (e.0, i as u32)).collect();
        let entities: Vec<IndexEntity> = order
            .iter()
            .map(|&(id, name, kind, _)| IndexEntity { id: id.to_string(), name: name.to_string(), kind })
            .collect();

        let mut stories: Vec<(i64, IndexStory)> = self
            .stories
            .iter()
            .map(|s| {
                let mut contexts: Vec<String> = Vec::new();
                let mut refs: Vec<EntityRef> = Vec::new();
                for e in &s.entities {
                    let entity = number[e.id.as_str()];
                    if let Some(r) = refs.iter_mut().find(|r| r.entity == entity) {
                        r.mentions += e.mentions;
                        continue;
                    }
                    let context = match contexts.iter().position(|c| *c == e.context) {
                        Some(i) => i,
                        None => {
                            contexts.push(e.context.clone());
                            contexts.len() - 1
                        }
                    } as u32;
                    refs.push(EntityRef { entity, mentions: e.mentions.max(1), context });
                }
                refs.sort_by_key(|r| r.entity);
                let published_ms = Timestamp::parse(&s.published).map(|t| t.unix_ms()).unwrap_or(0);
                let story = IndexStory {
                    slug: s.slug.clone(),
                    headline: s.headline.clone(),
                    published: s.published.clone(),
                    language: s.language.clone(),
                    entities: refs,
                    contexts,
                };
                (published_ms, story)
            })
            .collect();
        stories.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
        ArchiveIndex { version: INDEX_VERSION, entities, stories: stories.into_iter().map(|(_, s)| s).collect() }
    }
}

/// A sentence cut to about [`CONTEXT_CHARS`] characters for a topic page, keeping the mention
/// (byte range `mention` within `sentence`) in view: white space is collapsed, a cut end falls
/// between words and is marked with `…`. A long sentence is cut to its opening, else its end,
/// else a window around the mention.
pub fn context_line(sentence: &str, mention: (usize, usize)) -> String {
    let (m_start, m_end) = (mention.0.min(sentence.len()), mention.1.min(sentence.len()));
    // Words with byte offsets, so the mention can be located among them.
    let words: Vec<(usize, &str)> =
        sentence.split_whitespace().map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w)).collect();
    if words.is_empty() {
        return String::new();
    }
    let total: usize = words.iter().map(|(_, w)| w.chars().count() + 1).sum::<usize>() - 1;
    if total <= CONTEXT_CHARS {
        return words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
    }
    // The word holding the mention's start, and the one holding its end.
    let first = words.iter().rposition(|&(at, _)| at <= m_start).unwrap_or(0);
    let last = words.iter().rposition(|&(at, _)| at < m_end.max(m_start + 1)).unwrap_or(first).max(first);
    let len = |i: usize| words[i].1.chars().count();
    let join = |lo: usize, hi: usize| {
        let mut out = String::new();
        if lo > 0 {
            out.push('…');
        }
        out.push_str(&words[lo..=hi].iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
        if hi + 1 < words.len() {
            out.push('…');
        }
        out
    };
    // The sentence's opening, or else its end, when the mention lies inside it: every entity
    // of that stretch then shares one line, which keeps the index small.
    let mut head = 0;
    let mut width = len(0);
    while head + 1 < words.len() && width + 1 + len(head + 1) <= CONTEXT_CHARS {
        head += 1;
        width += len(head) + 1;
    }
    if last <= head {
        return join(0, head);
    }
    let mut tail = words.len() - 1;
    let mut width = len(tail);
    while tail > 0 && width + 1 + len(tail - 1) <= CONTEXT_CHARS {
        tail -= 1;
        width += len(tail) + 1;
    }
    if first >= tail {
        return join(tail, words.len() - 1);
    }
    // Otherwise start a few words before the mention, then grow to the right, then to the left.
    let mut lo = first;
    let mut hi = last;
    let mut width: usize = (lo..=hi).map(len).sum::<usize>() + (hi - lo);
    let mut lead = 0;
    while lo > 0 && lead < 40 && width + 1 + len(lo - 1) <= CONTEXT_CHARS {
        lo -= 1;
        lead += len(lo) + 1;
        width += len(lo) + 1;
    }
    while hi + 1 < words.len() && width + 1 + len(hi + 1) <= CONTEXT_CHARS {
        hi += 1;
        width += len(hi) + 1;
    }
    while lo > 0 && width + 1 + len(lo - 1) <= CONTEXT_CHARS {
        lo -= 1;
        width += len(lo) + 1;
    }
    join(lo, hi)
}
