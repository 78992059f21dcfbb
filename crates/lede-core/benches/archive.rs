//! The archive index at 100, 1,000 and 10,000 stories: reading it, topic pages, related-story
//! ranking and search per keystroke (typing "armenia" one character at a time).
//!
//! `cargo bench -p lede-core --bench archive` measures indexes made up here, with the shape of
//! the synthetic corpus (no recogniser needed). With `LEDE_BENCH_INDEX_DIR` naming a folder of
//! `index-<n>.json` files written by `lede-site index` over `lede-site corpus --count <n>`, it
//! measures those real indexes as well. scripts/bench-archive.sh does both and prints a table.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lede_core::EntityType;
use lede_core::index::{ArchiveIndex, EntityInput, IndexBuilder, StoryInput};
use lede_core::ranking::RelatedIndex;
use lede_core::search::{FullTextIndex, SearchIndex};

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const TYPED: &str = "armenia";

/// SplitMix64, so every run measures the same index.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n
    }
}

const COUNTRIES: [&str; 10] =
    ["Armenia", "Azerbaijan", "France", "Russia", "Turkey", "Georgia", "Iran", "Germany", "Kazakhstan", "Ukraine"];
const FIRST: [&str; 20] = [
    "Orla", "Teodor", "Maren", "Kasimir", "Ilse", "Bram", "Senna", "Aurel", "Livia", "Jonas", "Petra", "Emil", "Nadia",
    "Oskar", "Runa", "Casper", "Tilda", "Anselm", "Vera", "Hugo",
];
const HEADS: [&str; 15] =
    ["Kes", "Val", "Dor", "Bri", "Tam", "Oss", "Lun", "Ferr", "Gal", "Mir", "Sand", "Ard", "Hel", "Cal", "Nor"];
const TAILS: [&str; 10] = ["trava", "mora", "hollow", "vale", "wick", "haven", "grad", "ford", "ria", "stead"];
const WORDS: [&str; 24] = [
    "talks",
    "water",
    "dispute",
    "budget",
    "questions",
    "mediate",
    "standoff",
    "harbour",
    "rules",
    "protests",
    "vote",
    "review",
    "flooding",
    "shortages",
    "inquiry",
    "aid",
    "plan",
    "rail",
    "delayed",
    "again",
    "new",
    "agree",
    "calls",
    "warns",
];

fn name(kind: &str, i: usize) -> (String, String) {
    let root = |i: usize| format!("{}{}", HEADS[i % HEADS.len()], TAILS[(i / HEADS.len()) % TAILS.len()]);
    let name = match kind {
        "PER" => format!("{} {}", FIRST[i % FIRST.len()], root(i / FIRST.len())),
        "LOC" => root(i),
        _ => format!("{} Authority {}", root(i), i / 150),
    };
    (format!("{}-{}", kind.to_lowercase(), lede_core::text::slug(&name)), name)
}

/// An index of `n` stories shaped like the synthetic corpus: threads of about 20 stories sharing
/// a cast, ten real countries that recur everywhere, and a long tail of rare names.
fn synthetic_index(n: usize) -> ArchiveIndex {
    let mut rng = Rng(n as u64);
    let threads = (n / 20).max(5);
    let mut b = IndexBuilder::new();
    for i in 0..n {
        let t = rng.skewed(threads);
        let mut cast = vec![(
            "LOC",
            COUNTRIES[t % COUNTRIES.len()].to_string(),
            format!("loc-{}", COUNTRIES[t % 10].to_lowercase()),
        )];
        for (kind, k) in [("PER", t * 2), ("PER", t * 2 + 1), ("LOC", t), ("ORG", t)] {
            let (id, name) = name(kind, k);
            cast.push((kind, name, id));
        }
        for kind in ["PER", "PER", "LOC", "ORG"] {
            let (id, name) = name(kind, rng.below(n * 2));
            cast.push((kind, name, id));
        }
        let headline = format!(
            "{} {} {} in {} {}",
            cast[1].1,
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())],
            cast[3].1,
            WORDS[rng.below(WORDS.len())]
        );
        let entities = cast
            .iter()
            .map(|(kind, name, id)| EntityInput {
                id: id.clone(),
                name: name.clone(),
                kind: EntityType::from_label(kind).expect("a label"),
                mentions: 1 + rng.below(4) as u32,
                context: format!(
                    "{name} said on day {} that the {} would go on.",
                    rng.below(365),
                    WORDS[rng.below(24)]
                ),
            })
            .collect();
        let day = 16_800 + i / 8;
        b.add(StoryInput {
            slug: format!("synthetic-{i:05}"),
            headline,
            published: format!("{}T{:02}:00:00Z", date(day as i64), i % 24),
            language: "en".into(),
            entities,
        });
    }
    b.finish()
}

/// `YYYY-MM-DD` of days since 1970-01-01 (the core's one civil-date conversion).
fn date(z: i64) -> String {
    let (year, month, day) = lede_core::time::civil_from_days(z);
    format!("{year:04}-{month:02}-{day:02}")
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
    // Full text of stories cached on the device: 200 stories of about 500 words.
    let mut rng = Rng(200);
    let texts: Vec<(String, String)> = (0..200)
        .map(|i| {
            let words: Vec<&str> = (0..500)
                .map(|_| match rng.below(60) {
                    0 => COUNTRIES[rng.below(COUNTRIES.len())],
                    _ => WORDS[rng.below(WORDS.len())],
                })
                .collect();
            (format!("cached-{i}"), words.join(" "))
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
