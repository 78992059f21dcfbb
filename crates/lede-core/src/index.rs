//! The archive index: one small file (`index.json`) that tells the reader, for every story, its
//! headline, date, language and the entities the recogniser found in it, so related stories,
//! topic pages and search work without fetching every article.
//!
//! It is written at build time (`lede-site index`, which runs the recogniser natively over every
//! article) and read by the reader with [`ArchiveIndex::from_json`]. The JSON is compact and
//! versioned; docs/archive.md describes it field by field:
//!
//! ```json
//! {"version":1,
//!  "entities":[{"id":"loc-armenia","name":"Armenia","kind":"LOC"}, …],
//!  "stories":[{"slug":"…","headline":"…","published":"2020-10-09T12:00:00Z","language":"en",
//!              "entities":[[0,7,1],[12,1,0]],
//!              "contexts":["The first sentence that names …", …]}, …]}
//! ```
//!
//! An entity is written once, in the table, and referred to by its position there; a story lists
//! `[entity, mentions, context]` triples, where `context` points into the story's own list of
//! context lines (one sentence often names several entities, so lines are shared).

use serde::{Deserialize, Serialize};

use crate::entity::EntityType;
use crate::problems::{Collector, Problems};
use crate::time::Timestamp;
use crate::validate::is_valid_slug;

mod builder;
pub use builder::{EntityInput, IndexBuilder, StoryInput, context_line};

/// The newest index version this build reads and the one it writes.
pub const INDEX_VERSION: u32 = 1;

/// The largest index read: about 50,000 stories of real news.
pub const MAX_INDEX_BYTES: usize = 128 * 1024 * 1024;

/// Context lines are cut to about this many characters (plus an ellipsis at each cut end).
pub const CONTEXT_CHARS: usize = 140;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveIndex {
    pub version: u32,
    /// Every entity of every story, each once. Most common first, so the references that recur
    /// most are the shortest numbers.
    pub entities: Vec<IndexEntity>,
    /// Every story, newest first ([`IndexBuilder`] writes them so and [`ArchiveIndex::from_json`]
    /// puts them so; topic pages rely on it).
    pub stories: Vec<IndexStory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntity {
    /// The recogniser's stable id, e.g. `loc-armenia` (also the topic page: `/topic/loc-armenia`).
    pub id: String,
    /// Display name, e.g. `Armenia`.
    pub name: String,
    /// PER, LOC, ORG or MISC.
    pub kind: EntityType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexStory {
    pub slug: String,
    pub headline: String,
    /// RFC 3339, as in the article's `datePublished`.
    pub published: String,
    /// BCP 47 tag of the story's language.
    pub language: String,
    /// The story's entities, ordered by their number in the entity table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityRef>,
    /// Short lines of context, referred to by [`EntityRef::context`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<String>,
}

/// One entity of a story: written as the JSON array `[entity, mentions, context]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, u32, u32)", into = "(u32, u32, u32)")]
pub struct EntityRef {
    /// Position in [`ArchiveIndex::entities`].
    pub entity: u32,
    /// How many times the story names it.
    pub mentions: u32,
    /// Position in the story's [`IndexStory::contexts`].
    pub context: u32,
}

impl From<(u32, u32, u32)> for EntityRef {
    fn from((entity, mentions, context): (u32, u32, u32)) -> Self {
        EntityRef { entity, mentions, context }
    }
}

impl From<EntityRef> for (u32, u32, u32) {
    fn from(r: EntityRef) -> Self {
        (r.entity, r.mentions, r.context)
    }
}

/// One line of a topic page: a story that mentions the entity, with the sentence that does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TopicEntry<'a> {
    pub story: &'a IndexStory,
    pub mentions: u32,
    /// The first sentence of the story naming the entity, cut to about [`CONTEXT_CHARS`];
    /// empty when there is none (the entity only appears in the headline, or in a publisher's list).
    pub context: &'a str,
}

impl ArchiveIndex {
    /// Reads an index. Problems (a newer version, references out of range, bad dates or slugs)
    /// are reported all at once, each with its path.
    pub fn from_json(json: &str) -> Result<ArchiveIndex, Problems> {
        // Not `problems::from_json`: its limit is sized for one article, and an archive of 10,000
        // stories is larger. The index is written by the build, so serde's line and column suffice.
        if json.len() > MAX_INDEX_BYTES {
            return Err(Problems::one(
                "",
                format!("the index is too large: {} bytes, at most {MAX_INDEX_BYTES} are read", json.len()),
            ));
        }
        let index: ArchiveIndex =
            serde_json::from_str(json).map_err(|e| Problems::one("", format!("not a valid archive index: {e}")))?;
        let mut c = Collector::default();
        if index.version == 0 || index.version > INDEX_VERSION {
            c.push(
                "version",
                format!(
                    "index version {} is not supported (this reader understands 1 to {INDEX_VERSION})",
                    index.version
                ),
            );
        }
        let entities = index.entities.len() as u32;
        for (i, s) in index.stories.iter().enumerate() {
            if !is_valid_slug(&s.slug) {
                c.push(&format!("stories[{i}].slug"), format!("`{}` is not a valid slug", s.slug));
            }
            if let Err(e) = Timestamp::parse(&s.published) {
                c.push(&format!("stories[{i}].published"), e);
            }
            for (j, r) in s.entities.iter().enumerate() {
                if r.entity >= entities {
                    c.push(&format!("stories[{i}].entities[{j}]"), format!("entity {} is not in the table", r.entity));
                }
                if r.context as usize >= s.contexts.len() {
                    c.push(
                        &format!("stories[{i}].entities[{j}]"),
                        format!("context {} is not in the story", r.context),
                    );
                }
            }
        }
        c.finish()?;
        let mut index = index;
        // Newest first, as the builder writes them; topic pages rely on the order.
        let newest_first =
            |a: &IndexStory, b: &IndexStory| b.published_ms().cmp(&a.published_ms()).then_with(|| a.slug.cmp(&b.slug));
        if !index.stories.windows(2).all(|w| newest_first(&w[0], &w[1]).is_le()) {
            index.stories.sort_by(newest_first);
        }
        Ok(index)
    }

    /// The compact JSON the reader fetches, with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an index always serialises") + "\n"
    }

    /// The story with this slug.
    pub fn story(&self, slug: &str) -> Option<&IndexStory> {
        self.position(slug).map(|i| &self.stories[i])
    }

    /// Where the story with this slug is in [`ArchiveIndex::stories`].
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.stories.iter().position(|s| s.slug == slug)
    }

    /// The entity with this id, e.g. `loc-armenia`.
    pub fn entity(&self, id: &str) -> Option<&IndexEntity> {
        self.entity_number(id).map(|n| &self.entities[n as usize])
    }

    /// The entity's position in the table, the number stories refer to it by.
    pub fn entity_number(&self, id: &str) -> Option<u32> {
        self.entities.iter().position(|e| e.id == id).map(|n| n as u32)
    }

    /// A story's entities with their mention counts and context lines, most mentioned first.
    pub fn entities_of<'a>(&'a self, story: &'a IndexStory) -> Vec<(&'a IndexEntity, u32, &'a str)> {
        let mut out: Vec<(&IndexEntity, u32, &str)> = story
            .entities
            .iter()
            .filter_map(|r| Some((self.entities.get(r.entity as usize)?, r.mentions, story.context(r))))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
        out
    }

    /// The topic page `/topic/<entity-id>`: every story that mentions the entity, newest first.
    /// Empty for an entity the index does not know.
    pub fn stories_mentioning(&self, entity_id: &str) -> Vec<TopicEntry<'_>> {
        let Some(number) = self.entity_number(entity_id) else {
            return Vec::new();
        };
        self.stories
            .iter()
            .filter_map(|story| {
                let r = story.entity_ref(number)?;
                Some(TopicEntry { story, mentions: r.mentions, context: story.context(r) })
            })
            .collect()
    }

    /// What the archive knows of an entity beyond one story, for its card: its name and up to
    /// `limit` other stories that mention it (newest first) as `(slug, headline)`. `None` for an
    /// entity the index does not know.
    pub fn elsewhere(&self, entity_id: &str, except_slug: &str, limit: usize) -> Option<Elsewhere> {
        let name = self.entity(entity_id)?.name.clone();
        let stories = self
            .stories_mentioning(entity_id)
            .into_iter()
            .filter(|e| e.story.slug != except_slug)
            .take(limit)
            .map(|e| (e.story.slug.clone(), e.story.headline.clone()))
            .collect();
        Some(Elsewhere { name, stories })
    }

    /// How many stories mention each entity, by entity number.
    pub fn document_frequencies(&self) -> Vec<u32> {
        let mut df = vec![0u32; self.entities.len()];
        for s in &self.stories {
            for r in &s.entities {
                if let Some(n) = df.get_mut(r.entity as usize) {
                    *n += 1;
                }
            }
        }
        df
    }
}

/// See [`ArchiveIndex::elsewhere`].
#[derive(Debug, Clone, PartialEq)]
pub struct Elsewhere {
    /// The entity's name in the index.
    pub name: String,
    /// Other stories that mention it, newest first: `(slug, headline)`.
    pub stories: Vec<(String, String)>,
}

impl IndexStory {
    /// Unix milliseconds of `published` (0 if it does not parse; [`ArchiveIndex::from_json`]
    /// rejects such an index).
    pub fn published_ms(&self) -> i64 {
        Timestamp::parse(&self.published).map(|t| t.unix_ms()).unwrap_or(0)
    }

    /// The story's reference to an entity number, if it mentions it.
    pub fn entity_ref(&self, entity: u32) -> Option<&EntityRef> {
        match self.entities.binary_search_by_key(&entity, |r| r.entity) {
            Ok(i) => Some(&self.entities[i]),
            // Not sorted (a hand-made index): fall back to a scan.
            Err(_) => self.entities.iter().find(|r| r.entity == entity),
        }
    }

    /// The context line a reference points to ("" when out of range).
    pub fn context(&self, r: &EntityRef) -> &str {
        self.contexts.get(r.context as usize).map_or("", String::as_str)
    }

    /// Where the story lives on the site.
    pub fn path(&self) -> String {
        crate::routes::article_path(&self.slug)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A story for [`index_of`]: `(slug, published, [(entity id, mentions)])`.
    pub(crate) type Spec<'a> = (&'a str, &'a str, &'a [(&'a str, u32)]);

    /// A small index; entity names and kinds come from the ids.
    pub(crate) fn index_of(stories: &[Spec]) -> ArchiveIndex {
        let mut b = IndexBuilder::new();
        for (slug, published, entities) in stories {
            b.add(StoryInput {
                slug: slug.to_string(),
                headline: format!("Headline of {slug}"),
                published: published.to_string(),
                language: "en".into(),
                entities: entities
                    .iter()
                    .map(|(id, mentions)| EntityInput {
                        id: id.to_string(),
                        name: name_of(id),
                        kind: EntityType::from_label(&id.split('-').next().unwrap().to_uppercase()).unwrap(),
                        mentions: *mentions,
                        context: format!("{} is in {slug}.", name_of(id)),
                    })
                    .collect(),
            });
        }
        b.finish()
    }

    /// `loc-minsk-group` → `Minsk Group`.
    pub(crate) fn name_of(id: &str) -> String {
        id.split('-')
            .skip(1)
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn sample() -> ArchiveIndex {
        index_of(&[
            ("older", "2020-10-01T00:00:00Z", &[("loc-armenia", 3), ("org-minsk-group", 1)]),
            ("newer", "2020-10-09T12:00:00Z", &[("loc-armenia", 1), ("per-michelle-bachelet", 2)]),
            ("no-entities", "2020-10-05T00:00:00Z", &[]),
        ])
    }

    #[test]
    fn builder_numbers_common_entities_first_and_orders_stories_newest_first() {
        let index = sample();
        assert_eq!(index.version, INDEX_VERSION);
        assert_eq!(index.entities[0].id, "loc-armenia");
        assert_eq!(index.entities[0].name, "Armenia");
        assert_eq!(index.entities[0].kind, EntityType::Loc);
        let slugs: Vec<&str> = index.stories.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, ["newer", "no-entities", "older"]);
        let older = index.story("older").unwrap();
        assert_eq!(older.entities.len(), 2);
        assert!(older.entities.windows(2).all(|w| w[0].entity < w[1].entity));
        assert_eq!(older.entity_ref(0).unwrap().mentions, 3);
        assert_eq!(older.context(older.entity_ref(0).unwrap()), "Armenia is in older.");
    }

    #[test]
    fn serde_round_trip_is_lossless_and_compact() {
        let index = sample();
        let json = index.to_json();
        assert!(json.starts_with("{\"version\":1,"), "{json}");
        // `older`: Armenia (entity 0) three times, Minsk Group (entity 1) once, each with its own line.
        assert!(json.contains("\"entities\":[[0,3,0],[1,1,1]]"), "{json}");
        assert!(!json.contains("\n  "), "compact, not pretty");
        let back = ArchiveIndex::from_json(&json).unwrap();
        assert_eq!(back, index);
        // A story without entities writes neither list.
        assert!(json.contains("{\"slug\":\"no-entities\",\"headline\":\"Headline of no-entities\",\"published\":\"2020-10-05T00:00:00Z\",\"language\":\"en\"}"));
    }

    #[test]
    fn reading_rejects_newer_versions_and_dangling_references() {
        let mut v: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        v["version"] = 2.into();
        v["stories"][0]["entities"][0][0] = 99.into();
        v["stories"][0]["entities"][0][2] = 99.into();
        v["stories"][1]["slug"] = "Not A Slug".into();
        v["stories"][1]["published"] = "yesterday".into();
        let problems: Vec<String> =
            ArchiveIndex::from_json(&v.to_string()).unwrap_err().iter().map(|p| p.to_string()).collect();
        let text = problems.join("\n");
        assert!(text.contains("version: index version 2 is not supported"), "{text}");
        assert!(text.contains("stories[0].entities[0]: entity 99 is not in the table"), "{text}");
        assert!(text.contains("stories[0].entities[0]: context 99 is not in the story"), "{text}");
        assert!(text.contains("stories[1].slug"), "{text}");
        assert!(text.contains("stories[1].published"), "{text}");
        let missing = ArchiveIndex::from_json("{\"version\":1}").unwrap_err();
        assert!(missing.iter().next().unwrap().to_string().contains("missing field `entities`"), "{missing:?}");
    }

    #[test]
    fn topic_pages_list_stories_newest_first_with_context() {
        let index = sample();
        let topic = index.stories_mentioning("loc-armenia");
        let slugs: Vec<&str> = topic.iter().map(|e| e.story.slug.as_str()).collect();
        assert_eq!(slugs, ["newer", "older"]);
        assert_eq!(topic[1].mentions, 3);
        assert_eq!(topic[0].context, "Armenia is in newer.");
        assert!(index.stories_mentioning("loc-atlantis").is_empty());
        // Read back with the stories in another order, they are newest first again.
        let mut v: serde_json::Value = serde_json::from_str(&index.to_json()).unwrap();
        v["stories"].as_array_mut().unwrap().reverse();
        let reread = ArchiveIndex::from_json(&v.to_string()).unwrap();
        assert_eq!(reread, index);
        assert_eq!(index.entity("per-michelle-bachelet").unwrap().name, "Michelle Bachelet");
        assert_eq!(index.position("no-entities"), Some(1));
        assert!(index.story("missing").is_none());
        assert_eq!(index.document_frequencies()[0], 2);
    }

    #[test]
    fn an_entity_elsewhere_leaves_out_the_story_it_is_asked_from() {
        let index = index_of(&[
            ("a", "2020-10-01T00:00:00Z", &[("loc-armenia", 1)]),
            ("b", "2020-10-02T00:00:00Z", &[("loc-armenia", 1)]),
            ("c", "2020-10-03T00:00:00Z", &[("loc-armenia", 1)]),
            ("d", "2020-10-04T00:00:00Z", &[("per-michelle-bachelet", 1)]),
        ]);
        let e = index.elsewhere("loc-armenia", "b", 5).unwrap();
        assert_eq!(e.name, "Armenia");
        assert_eq!(e.stories, [("c".into(), "Headline of c".into()), ("a".into(), "Headline of a".into())]);
        assert_eq!(index.elsewhere("loc-armenia", "b", 1).unwrap().stories.len(), 1);
        assert!(index.elsewhere("per-michelle-bachelet", "d", 5).unwrap().stories.is_empty());
        assert_eq!(index.elsewhere("loc-atlantis", "a", 5), None);
    }

    #[test]
    fn builder_merges_repeated_entities_and_shares_context_lines() {
        let mut b = IndexBuilder::new();
        let e = |id: &str, m, ctx: &str| EntityInput {
            id: id.into(),
            name: name_of(id),
            kind: EntityType::Loc,
            mentions: m,
            context: ctx.into(),
        };
        b.add(StoryInput {
            slug: "s".into(),
            headline: "H".into(),
            published: "2020-01-01T00:00:00Z".into(),
            language: "en".into(),
            entities: vec![e("loc-a", 1, "A and B met."), e("loc-b", 2, "A and B met."), e("loc-a", 2, "Other.")],
        });
        let index = b.finish();
        let s = &index.stories[0];
        assert_eq!(s.contexts, ["A and B met."]);
        assert_eq!(s.entities.len(), 2);
        assert_eq!(s.entity_ref(index.entity_number("loc-a").unwrap()).unwrap().mentions, 3);
        let listed = index.entities_of(s);
        assert_eq!(listed[0].0.id, "loc-a");
        assert_eq!(listed[0].2, "A and B met.");
    }

    #[test]
    fn context_lines_are_short_and_keep_the_mention() {
        assert_eq!(context_line("  Short   sentence here. ", (2, 7)), "Short sentence here.");
        let long = format!("{} Armenia {}", "word ".repeat(60), "tail ".repeat(60));
        let at = long.find("Armenia").unwrap();
        let line = context_line(&long, (at, at + 7));
        assert!(line.contains("Armenia"), "{line}");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(line.chars().count() <= CONTEXT_CHARS + 2, "{}", line.chars().count());
        // At the start: no leading ellipsis.
        let line = context_line(&long[at..], (0, 7));
        assert!(line.starts_with("Armenia") && line.ends_with('…'), "{line}");
        // Near the end: the sentence's end. Two mentions in its opening share one line.
        let end = context_line(&long, (long.len() - 5, long.len() - 1));
        assert!(end.starts_with('…') && end.ends_with("tail"), "{end}");
        let opening = format!("Anna met Boris in Minsk. {}", "word ".repeat(60));
        assert_eq!(context_line(&opening, (0, 4)), context_line(&opening, (9, 14)));
        assert_eq!(context_line("", (0, 0)), "");
        // Non-ASCII text counts characters, not bytes.
        let armenian = "Հայաստան ".repeat(40);
        assert!(context_line(&armenian, (0, 16)).chars().count() <= CONTEXT_CHARS + 2);
    }
}
