//! The incremental archive index: each story's entity analysis (what the recogniser found, as
//! [`StoryInput`]) cached by a hash of the story's content and of this binary, so a build after
//! importing N new or changed stories runs the recogniser N times, not once per story in the
//! archive. `lede-site index --cache DIR` keeps the cache in `DIR/index-cache.json`; the index
//! written is the same, byte for byte, as without the cache (see the tests).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use lede_core::index::{EntityInput, StoryInput};
use lede_core::{Article, EntityType};
use serde_json::{Value, json};

/// The cache file inside the cache folder.
pub const CACHE_FILE: &str = "index-cache.json";

/// A hash of the running binary: a new recogniser, model or index code gives new keys, so a
/// changed tool never reuses an old analysis. (std's `DefaultHasher::new()` has fixed keys: the
/// same bytes hash the same in one binary, which is all a key needs, since the binary is in it.)
pub fn binary_hash() -> u64 {
    let mut h = DefaultHasher::new();
    match std::env::current_exe().and_then(std::fs::read) {
        Ok(bytes) => bytes.hash(&mut h),
        // Unreadable: a key no earlier run can have written, so everything is analysed afresh.
        Err(_) => std::time::SystemTime::now().hash(&mut h),
    }
    h.finish()
}

/// The key of one story's analysis: its whole content (as serialised) and the binary.
pub fn story_key(article: &Article, binary: u64) -> String {
    let mut h = DefaultHasher::new();
    binary.hash(&mut h);
    serde_json::to_string(article).expect("an article serialises").hash(&mut h);
    format!("{:016x}", h.finish())
}

/// Analyses by key, read from and written to the cache file.
#[derive(Default)]
pub struct IndexCache {
    entries: HashMap<String, StoryInput>,
    /// Whether the entries differ from the file's.
    dirty: bool,
}

impl IndexCache {
    /// Reads `DIR/index-cache.json`; a missing or unreadable cache is an empty one (with a note
    /// on standard error when it exists but cannot be read).
    pub fn load(dir: &Path) -> IndexCache {
        let path = dir.join(CACHE_FILE);
        let Ok(text) = std::fs::read_to_string(&path) else { return IndexCache::default() };
        let parsed: Option<HashMap<String, StoryInput>> = serde_json::from_str::<Value>(&text).ok().and_then(|v| {
            v.get("stories")?.as_object()?.iter().map(|(k, s)| Some((k.clone(), story_from_json(s)?))).collect()
        });
        match parsed {
            Some(entries) => IndexCache { entries, dirty: false },
            None => {
                eprintln!("{} is not a valid index cache: analysing every story again", path.display());
                IndexCache { entries: HashMap::new(), dirty: true }
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&StoryInput> {
        self.entries.get(key)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Keeps exactly `entries` (the stories of this build: stories gone from the archive leave
    /// the cache).
    pub fn replace(&mut self, entries: HashMap<String, StoryInput>) {
        if entries != self.entries {
            self.entries = entries;
            self.dirty = true;
        }
    }

    /// Writes the cache when it changed.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        if !self.dirty {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut keys: Vec<&String> = self.entries.keys().collect();
        keys.sort();
        let stories: serde_json::Map<String, Value> =
            keys.into_iter().map(|k| (k.clone(), story_to_json(&self.entries[k]))).collect();
        let path = dir.join(CACHE_FILE);
        let text = serde_json::to_string(&json!({ "version": 1, "stories": stories })).expect("JSON serialises");
        // Written beside and renamed, so an interrupted build never leaves half a cache.
        let tmp = dir.join(format!("{CACHE_FILE}.tmp"));
        std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

fn story_to_json(s: &StoryInput) -> Value {
    let entities: Vec<Value> =
        s.entities.iter().map(|e| json!([e.id, e.name, e.kind, e.mentions, e.context])).collect();
    json!({ "slug": s.slug, "headline": s.headline, "published": s.published, "language": s.language, "entities": entities })
}

fn story_from_json(v: &Value) -> Option<StoryInput> {
    let text = |key: &str| v.get(key)?.as_str().map(str::to_string);
    let entities = v
        .get("entities")?
        .as_array()?
        .iter()
        .map(|e| {
            let e = e.as_array()?;
            let s = |i: usize| e.get(i)?.as_str().map(str::to_string);
            Some(EntityInput {
                id: s(0)?,
                name: s(1)?,
                kind: EntityType::from_label(&s(2)?)?,
                mentions: u32::try_from(e.get(3)?.as_u64()?).ok()?,
                context: s(4)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(StoryInput {
        slug: text("slug")?,
        headline: text("headline")?,
        published: text("published")?,
        language: text("language")?,
        entities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{build_index, build_index_cached};
    use lede_core::synthetic::synthetic_article;
    use lede_core::{Block, Run};

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("lede-incr-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_cached_index_is_the_full_index_and_analyses_only_what_changed() {
        let dir = temp_dir("index");
        let mut articles: Vec<Article> = (0..40).map(|i| synthetic_article(i, 40, 3)).collect();

        let mut cache = IndexCache::load(&dir);
        assert_eq!(cache.len(), 0, "no cache yet");
        let (first, _, analysed) = build_index_cached(&articles, 2, Some(&mut cache));
        assert_eq!(analysed, 40, "a first build analyses every story");
        cache.save(&dir).unwrap();

        // Nothing changed: nothing analysed, the same index.
        let mut cache = IndexCache::load(&dir);
        assert_eq!(cache.len(), 40);
        let (again, _, analysed) = build_index_cached(&articles, 2, Some(&mut cache));
        assert_eq!(analysed, 0);
        assert_eq!(again.to_json(), first.to_json());

        // Two stories change (a headline; a new paragraph naming someone new) and one leaves.
        articles[3].headline = "Orla Velridge resigns as Kestrava talks collapse".into();
        articles[10].body.insert(
            0,
            Block::Paragraph {
                id: "p0".into(),
                content: vec![Run::plain(
                    "Mayor Ingrid Thornholm of Lunford said on Monday that the Lunford Rail Company would close.",
                )],
                language: Default::default(),
            },
        );
        articles.remove(20);
        let (incremental, _, analysed) = build_index_cached(&articles, 2, Some(&mut cache));
        assert_eq!(analysed, 2, "only the two changed stories are analysed");
        let (full, _) = build_index(&articles, 2);
        assert_eq!(incremental.to_json(), full.to_json(), "byte-identical to a full build");
        assert_ne!(incremental.to_json(), first.to_json(), "and the change is in it");
        assert!(incremental.to_json().contains("Orla Velridge resigns"));
        assert_eq!(cache.len(), 39, "the story that left is dropped from the cache");

        // The saved cache reads back to the same analyses.
        cache.save(&dir).unwrap();
        let (reread, _, analysed) = build_index_cached(&articles, 1, Some(&mut IndexCache::load(&dir)));
        assert_eq!(analysed, 0);
        assert_eq!(reread.to_json(), full.to_json());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_cache_is_ignored_and_rewritten() {
        let dir = temp_dir("damaged");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CACHE_FILE), "{\"stories\":{\"abc\":{\"slug\":1}}}").unwrap();
        let articles: Vec<Article> = (0..3).map(|i| synthetic_article(i, 3, 5)).collect();
        let mut cache = IndexCache::load(&dir);
        let (index, _, analysed) = build_index_cached(&articles, 1, Some(&mut cache));
        assert_eq!(analysed, 3);
        assert_eq!(index.to_json(), build_index(&articles, 1).0.to_json());
        cache.save(&dir).unwrap();
        assert_eq!(IndexCache::load(&dir).len(), 3);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
