//! The archive index at 100, 1,000 and 10,000 stories: reading it, topic pages, related-story
//! ranking and search per keystroke (typing "armenia" one character at a time).
//!
//! `cargo bench -p lede-core --bench archive` measures the index of the synthetic corpus
//! (`lede_core::synthetic`, the generator `lede-site corpus` writes out) made from each story's
//! cast, with no recogniser. With `LEDE_BENCH_INDEX_DIR` naming a folder of
//! `index-<n>.json` files written by `lede-site index` over `lede-site corpus --count <n>`, it
//! measures those real indexes as well. scripts/bench-archive.sh does both and prints a table.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lede_core::index::{ArchiveIndex, EntityInput, IndexBuilder, StoryInput, context_line};
use lede_core::ranking::RelatedIndex;
use lede_core::search::{FullTextIndex, SearchIndex};
use lede_core::synthetic::{SyntheticStory, synthetic_article, synthetic_story};
use lede_core::text::{entity_id, sentences};

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const TYPED: &str = "armenia";
/// `lede-site corpus`'s default seed: the index here is that corpus's.
const SEED: u64 = 1;

/// The index of the synthetic corpus of `n` stories (the one `lede-site corpus --count n` writes),
/// each story with the cast it was written from instead of the recogniser's answer: its mentions
/// counted in the text, its context line the first body sentence that names it.
fn synthetic_index(n: usize) -> ArchiveIndex {
    let mut b = IndexBuilder::new();
    for i in 0..n {
        let SyntheticStory { article, cast } = synthetic_story(i, n, SEED);
        let body: Vec<String> = article.text_blocks().into_iter().skip(1).map(|(_, t)| t).collect();
        let entities = cast
            .into_iter()
            .map(|(kind, name)| {
                let mentions = body.iter().map(|t| t.matches(name.as_str()).count()).sum::<usize>().max(1);
                let context = body
                    .iter()
                    .find_map(|t| {
                        let at = t.find(name.as_str())?;
                        let (s, e) = sentences(t).into_iter().find(|&(s, e)| s <= at && at < e).unwrap_or((0, t.len()));
                        Some(context_line(&t[s..e], (at - s, (at + name.len()).min(e) - s)))
                    })
                    .unwrap_or_default();
                EntityInput { id: entity_id(kind, &name), name, kind, mentions: mentions as u32, context }
            })
            .collect();
        b.add(StoryInput {
            slug: article.slug,
            headline: article.headline,
            published: article.date_published,
            language: article.language,
            entities,
        });
    }
    b.finish()
}

/// The indexes to measure: `(source, n, json)`.
fn indexes() -> Vec<(&'static str, usize, String)> {
    let mut out: Vec<(&'static str, usize, String)> =
        SIZES.iter().map(|&n| ("synthetic", n, synthetic_index(n).to_json())).collect();
    if let Ok(dir) = std::env::var("LEDE_BENCH_INDEX_DIR") {
        for n in SIZES {
            let path = std::path::Path::new(&dir).join(format!("index-{n}.json"));
            match std::fs::read_to_string(&path) {
                Ok(json) => out.push(("recognised", n, json)),
                Err(e) => eprintln!("skipping {}: {e}", path.display()),
            }
        }
    }
    out
}

fn archive(c: &mut Criterion) {
    for (source, n, json) in indexes() {
        let index = ArchiveIndex::from_json(&json).expect("a valid index");
        assert_eq!(index.stories.len(), n, "{source} index of {n}");
        let mut group = c.benchmark_group(source);
        group.warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1)).sample_size(20);

        group.bench_with_input(BenchmarkId::new("load_json", n), &json, |b, json| {
            b.iter(|| ArchiveIndex::from_json(black_box(json)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("related_build", n), &index, |b, index| {
            b.iter(|| RelatedIndex::build(black_box(index)))
        });
        let related = RelatedIndex::build(&index);
        let mut next = 0usize;
        group.bench_with_input(BenchmarkId::new("related", n), &index, |b, index| {
            // A different story each time, so the figure is an average over the archive.
            b.iter(|| {
                next = (next + 7919) % index.stories.len();
                related.related(index, black_box(&index.stories[next].slug), &[], 5)
            })
        });
        group.bench_with_input(BenchmarkId::new("topic", n), &index, |b, index| {
            b.iter(|| index.stories_mentioning(black_box("loc-armenia")).len())
        });
        group.bench_with_input(BenchmarkId::new("search_build", n), &index, |b, index| {
            b.iter(|| SearchIndex::build(black_box(index)))
        });
        let search = SearchIndex::build(&index);
        for typed in 1..=TYPED.len() {
            let query = &TYPED[..typed];
            group.bench_with_input(BenchmarkId::new(format!("search_keystroke_{n}"), query), &index, |b, index| {
                // What the page runs per keystroke: the stories, and the topics to offer.
                b.iter(|| (search.query(index, black_box(query), 10), search.query_entities(index, query, 5)))
            });
        }
        group.finish();
    }
    // Full text of stories cached on the device: 200 synthetic stories (about 350 words each).
    let texts: Vec<(String, String)> = (0..200)
        .map(|i| {
            let article = synthetic_article(i, 200, SEED);
            let words: Vec<String> = article.text_blocks().into_iter().map(|(_, t)| t).collect();
            (article.slug, words.join(" "))
        })
        .collect();
    let mut group = c.benchmark_group("cached");
    group.warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1)).sample_size(20);
    group.bench_with_input(BenchmarkId::new("fulltext_build", texts.len()), &texts, |b, texts| {
        b.iter(|| {
            let mut cached = FullTextIndex::new();
            for (slug, text) in texts {
                cached.insert(slug, text);
            }
            cached
        })
    });
    let mut cached = FullTextIndex::new();
    for (slug, text) in &texts {
        cached.insert(slug, text);
    }
    for typed in 1..=TYPED.len() {
        let query = &TYPED[..typed];
        group.bench_with_input(BenchmarkId::new(format!("fulltext_{}", texts.len()), query), &cached, |b, cached| {
            b.iter(|| cached.query(black_box(query), 10))
        });
    }
    group.finish();
}

criterion_group!(benches, archive);
criterion_main!(benches);
