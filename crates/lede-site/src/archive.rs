//! The archive: `lede-site index` (the recogniser run natively over every article, written as
//! the compact index the reader ranks related stories, lists topics and searches with).
//! `lede-site corpus` is `corpus.rs`. docs/archive.md describes the index and the numbers.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use lede_core::Article;
use lede_core::index::{ArchiveIndex, EntityInput, IndexBuilder, StoryInput, context_line};
use lede_core::text::sentences;
use lede_ner::Recogniser;

use crate::incremental::{self, IndexCache};

pub(crate) fn progress(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// The context line for a mention at byte range `span` of `text`: its sentence, cut short.
fn context_at(text: &str, span: (usize, usize)) -> String {
    let (s, e) = sentences(text).into_iter().find(|&(s, e)| s <= span.0 && span.0 < e).unwrap_or((0, text.len()));
    context_line(&text[s..e], (span.0 - s, span.1.min(e) - s))
}

/// What the index keeps of one article: the recogniser's named entities (English stories only:
/// it knows no other language) and the publisher's own list, each with a context line taken
/// from the first sentence outside the headline that names it.
pub fn story_input(recogniser: &Recogniser, article: &Article) -> StoryInput {
    let texts: Vec<String> = article.text_blocks().into_iter().map(|(_, t)| t).collect();
    let mut entities: Vec<EntityInput> = Vec::new();
    if article.is_english() {
        let analysis = recogniser.analyse(&texts);
        // First mention of each entity: (block, start, end), preferring any block after the headline.
        let mut first: HashMap<&str, (usize, usize, usize)> = HashMap::new();
        for (b, spans) in analysis.blocks.iter().enumerate().skip(1).chain(analysis.blocks.iter().enumerate().take(1)) {
            for span in spans {
                if let Some(id) = span.entity_id.as_deref() {
                    first.entry(id).or_insert((b, span.start, span.end));
                }
            }
        }
        for e in analysis.entities.iter().filter(|e| e.kind.is_named()) {
            let context = match first.get(e.id.as_str()) {
                Some(&(b, start, end)) if b > 0 => context_at(&texts[b], (start, end)),
                _ => String::new(),
            };
            entities.push(EntityInput {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                mentions: e.mentions as u32,
                context,
            });
        }
    }
    for hint in &article.entities {
        let kind = hint.kind;
        if !kind.is_named() {
            continue;
        }
        let id = lede_core::text::entity_id(kind, &hint.name);
        if entities.iter().any(|e| e.id == id) {
            continue;
        }
        let mentions = texts.iter().map(|t| t.matches(hint.name.as_str()).count()).sum::<usize>().max(1);
        let context = texts
            .iter()
            .skip(1)
            .find_map(|t| t.find(hint.name.as_str()).map(|at| context_at(t, (at, at + hint.name.len()))))
            .unwrap_or_default();
        entities.push(EntityInput { id, name: hint.name.clone(), kind, mentions: mentions as u32, context });
    }
    StoryInput {
        slug: article.slug.clone(),
        headline: article.headline.clone(),
        published: article.date_published.clone(),
        language: article.language.clone(),
        entities,
    }
}

/// What `lede-site index` reports.
pub struct IndexReport {
    pub articles: usize,
    pub english: usize,
    /// Stories the recogniser ran over (the others came from the cache).
    pub analysed: usize,
    pub entities: usize,
    pub raw_bytes: usize,
    /// Measured only when asked (`None` with `--no-size`).
    pub brotli_bytes: Option<usize>,
    pub gzip_bytes: Option<usize>,
    /// Running the recogniser and building the index.
    pub recognise_time: Duration,
    /// Reading the articles, recognising, building and writing the index (not the size measures).
    pub build_time: Duration,
}

impl IndexReport {
    pub fn summary(&self) -> String {
        let per = |n: usize| n as f64 / self.articles.max(1) as f64;
        let sizes = match (self.gzip_bytes, self.brotli_bytes) {
            (Some(gzip), Some(brotli)) => format!(
                "{} bytes raw, {gzip} gzip, {brotli} brotli · per article {:.0} B raw, {:.0} B brotli",
                self.raw_bytes,
                per(self.raw_bytes),
                per(brotli)
            ),
            _ => format!("{} bytes raw (compressed sizes not measured)", self.raw_bytes),
        };
        let brotli = self.brotli_bytes.unwrap_or(0);
        format!(
            "{} articles ({} English) · {} analysed by the recogniser, {} from the cache · {} entities · {sizes} · \
             recognising {:.2} s ({:.2} ms per article analysed), build in all {:.2} s\n\
             summary: articles={} analysed={} entities={} raw_bytes={} brotli_bytes={} raw_per_article={:.1} brotli_per_article={:.1} \
             recognise_seconds={:.3} build_seconds={:.3}",
            self.articles,
            self.english,
            self.analysed,
            self.articles - self.analysed,
            self.entities,
            self.recognise_time.as_secs_f64(),
            self.recognise_time.as_secs_f64() * 1000.0 / self.analysed.max(1) as f64,
            self.build_time.as_secs_f64(),
            self.articles,
            self.analysed,
            self.entities,
            self.raw_bytes,
            brotli,
            per(self.raw_bytes),
            per(brotli),
            self.recognise_time.as_secs_f64(),
            self.build_time.as_secs_f64(),
        )
    }
}

/// Runs the recogniser over every article on `jobs` threads (with a progress bar) and builds
/// the index (without a cache: what the tests compare the cached build with).
#[cfg(test)]
pub fn build_index(articles: &[Article], jobs: usize) -> (ArchiveIndex, Duration) {
    let (index, elapsed, _) = build_index_cached(articles, jobs, None);
    (index, elapsed)
}

/// As [`build_index`], with each story's analysis taken from `cache` when its content (and this
/// binary) are unchanged: only new and changed stories go through the recogniser. The cache
/// keeps this build's stories afterwards. Returns the index, the time and how many stories were
/// analysed.
pub fn build_index_cached(
    articles: &[Article],
    jobs: usize,
    mut cache: Option<&mut IndexCache>,
) -> (ArchiveIndex, Duration, usize) {
    let started = Instant::now();
    let binary = if cache.is_some() { incremental::binary_hash() } else { 0 };
    let keys: Vec<Option<String>> =
        articles.iter().map(|a| cache.as_ref().map(|_| incremental::story_key(a, binary))).collect();
    let mut inputs: Vec<Option<StoryInput>> =
        keys.iter().map(|k| k.as_ref().and_then(|k| cache.as_ref().and_then(|c| c.get(k)).cloned())).collect();
    let todo: Vec<usize> = (0..articles.len()).filter(|&i| inputs[i].is_none()).collect();
    if !todo.is_empty() {
        let recogniser = Recogniser::embedded();
        let bar = progress(todo.len(), "indexing");
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<(usize, StoryInput)>> = Mutex::new(Vec::with_capacity(todo.len()));
        std::thread::scope(|scope| {
            for _ in 0..jobs.max(1).min(todo.len()) {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while let Some(&i) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                        mine.push((i, story_input(&recogniser, &articles[i])));
                        bar.inc(1);
                    }
                    results.lock().expect("no thread panicked").extend(mine);
                });
            }
        });
        bar.finish_and_clear();
        for (i, story) in results.into_inner().expect("no thread panicked") {
            inputs[i] = Some(story);
        }
    }
    let inputs: Vec<StoryInput> = inputs.into_iter().map(|s| s.expect("every story analysed")).collect();
    if let Some(cache) = cache.as_mut() {
        cache.replace(keys.into_iter().flatten().zip(inputs.iter().cloned()).collect());
    }
    let elapsed = started.elapsed();
    let mut builder = IndexBuilder::new();
    for story in inputs {
        builder.add(story);
    }
    (builder.finish(), elapsed, todo.len())
}

/// `lede-site index`: builds the index (with the analyses cached in `cache`, when given), writes
/// it (`-`: standard output) and reports; `measure` adds its gzip and brotli sizes (seconds at
/// 10,000 stories: a build leaves them out).
pub fn write_index(
    articles: &[Article],
    out: &Path,
    jobs: usize,
    started: Instant,
    cache: Option<&Path>,
    measure: bool,
) -> Result<IndexReport, String> {
    let mut loaded = cache.map(IndexCache::load);
    let (index, recognise_time, analysed) = build_index_cached(articles, jobs, loaded.as_mut());
    let json = index.to_json();
    if out.as_os_str() == "-" {
        print!("{json}");
    } else {
        std::fs::write(out, &json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    if let (Some(dir), Some(cache)) = (cache, &loaded) {
        cache.save(dir)?;
    }
    let build_time = started.elapsed();
    Ok(IndexReport {
        articles: articles.len(),
        english: articles.iter().filter(|a| a.is_english()).count(),
        analysed,
        entities: index.entities.len(),
        raw_bytes: json.len(),
        brotli_bytes: measure.then(|| brotli_len(json.as_bytes())),
        gzip_bytes: measure.then(|| gzip_len(json.as_bytes())),
        recognise_time,
        build_time,
    })
}

/// Brotli at the quality the build precompresses with (`lede-site compress`).
pub fn brotli_len(bytes: &[u8]) -> usize {
    crate::compress::brotli(bytes).len()
}

fn gzip_len(bytes: &[u8]) -> usize {
    crate::compress::gzip(bytes).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::synthetic::synthetic_article;

    #[test]
    fn the_index_of_a_small_corpus_links_stories_that_share_a_thread() {
        let articles: Vec<Article> = (0..30).map(|i| synthetic_article(i, 30, 7)).collect();
        let (index, _) = build_index(&articles, 2);
        assert_eq!(index.stories.len(), 30);
        assert!(index.entities.len() > 10, "{} entities", index.entities.len());
        // Some story has related stories through its cast.
        let ranked = lede_core::ranking::RelatedIndex::build(&index);
        assert!(index.stories.iter().any(|s| !ranked.related(&index, &s.slug, &[], 3).is_empty()));
        // Context lines come from the body, never the headline, and are short.
        for s in &index.stories {
            for c in &s.contexts {
                assert!(c.chars().count() <= lede_core::index::CONTEXT_CHARS + 2, "{c}");
            }
        }
    }
}
