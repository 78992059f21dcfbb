//! The archive: `lede-site index` (the recogniser run natively over every article, written as
//! the compact index the reader ranks related stories, lists topics and searches with),
//! `lede-site atom` (the Atom feed) and `lede-site corpus` (a clearly synthetic corpus of any
//! size, for benchmarks only). docs/archive.md describes the index and the numbers.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use lede_core::index::{ArchiveIndex, EntityInput, IndexBuilder, StoryInput, context_line};
use lede_core::text::sentences;
use lede_core::{Article, Block, BlockLanguage, Organization, Person, Run};
use lede_ner::Recogniser;

use crate::incremental::{self, IndexCache};

fn progress(len: usize, what: &str) -> ProgressBar {
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

// ---------------------------------------------------------------------------------------------
// The synthetic corpus.

/// SplitMix64: small, fast, and the same sequence on every machine.
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
        (self.next() % n.max(1) as u64) as usize
    }

    /// Skewed towards 0: popular items come up far more often than the long tail.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

const FIRST_NAMES: [&str; 40] = [
    "Orla", "Teodor", "Maren", "Kasimir", "Ilse", "Bram", "Senna", "Aurel", "Livia", "Jonas", "Petra", "Emil", "Nadia",
    "Oskar", "Runa", "Casper", "Tilda", "Anselm", "Vera", "Hugo", "Selma", "Matteo", "Greta", "Leon", "Ingrid",
    "Tobias", "Alma", "Viktor", "Edda", "Rafael", "Mila", "Lorenz", "Saskia", "Elias", "Hedda", "Julian", "Freya",
    "Anton", "Wilma", "Konrad",
];
const SURNAME_HEADS: [&str; 20] = [
    "Vel", "Mar", "Ost", "Dra", "Kel", "Thorn", "Bel", "Ash", "Cor", "Fen", "Hal", "Lind", "Mor", "Pel", "Quen", "Ros",
    "Sel", "Tav", "Ul", "Wen",
];
const SURNAME_TAILS: [&str; 10] = ["ridge", "mont", "brook", "vik", "ardt", "ell", "ane", "owe", "stad", "holm"];
const PLACE_HEADS: [&str; 15] =
    ["Kes", "Val", "Dor", "Bri", "Tam", "Oss", "Lun", "Ferr", "Gal", "Mir", "Sand", "Ard", "Hel", "Cal", "Nor"];
const PLACE_TAILS: [&str; 10] = ["trava", "mora", "hollow", "vale", "wick", "haven", "grad", "ford", "ria", "stead"];
const PLACE_PREFIXES: [&str; 6] = ["", "", "", "Port ", "Lake ", "North "];
const ORG_KINDS: [&str; 10] = [
    "Water Authority",
    "Port Authority",
    "Institute of Coastal Studies",
    "Chamber of Commerce",
    "Transit Council",
    "Grain Cooperative",
    "Medical Union",
    "Civic League",
    "Rail Company",
    "Teachers Federation",
];
/// Real countries, so some entities are common across the corpus, as countries are in news.
const COUNTRIES: [&str; 10] =
    ["Armenia", "Azerbaijan", "France", "Russia", "Turkey", "Georgia", "Iran", "Germany", "Kazakhstan", "Ukraine"];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn person(i: usize) -> String {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let j = i / FIRST_NAMES.len();
    let last = format!(
        "{}{}",
        SURNAME_HEADS[j % SURNAME_HEADS.len()],
        SURNAME_TAILS[(j / SURNAME_HEADS.len()) % SURNAME_TAILS.len()]
    );
    format!("{first} {last}")
}
const PEOPLE: usize = FIRST_NAMES.len() * SURNAME_HEADS.len() * SURNAME_TAILS.len();

fn place(i: usize) -> String {
    let root =
        format!("{}{}", PLACE_HEADS[i % PLACE_HEADS.len()], PLACE_TAILS[(i / PLACE_HEADS.len()) % PLACE_TAILS.len()]);
    format!("{}{root}", PLACE_PREFIXES[(i / (PLACE_HEADS.len() * PLACE_TAILS.len())) % PLACE_PREFIXES.len()])
}
const PLACES: usize = PLACE_HEADS.len() * PLACE_TAILS.len() * PLACE_PREFIXES.len();

fn organisation(i: usize) -> String {
    format!("{} {}", place(i / ORG_KINDS.len() % PLACES), ORG_KINDS[i % ORG_KINDS.len()])
}
const ORGANISATIONS: usize = PLACES * ORG_KINDS.len();

/// A storyline: the cast a run of articles shares, so related stories exist to be found.
struct Thread {
    people: [String; 2],
    place: String,
    org: String,
    country: &'static str,
}

const HEADLINES: [&str; 12] = [
    "{p1} calls for talks on {place} water dispute",
    "{org} faces questions over {place} budget",
    "{country} offers to mediate in {place} standoff",
    "{p2} and {p1last} agree on new harbour rules",
    "Protests grow in {place} as {org} delays vote",
    "{org} names {p2} to lead review",
    "Flooding in {place} tests {org}",
    "{p1} warns of shortages in {place}",
    "Inquiry into {org} widens after {p2} testimony",
    "{place} residents question {country} aid plan",
    "{p1last} steps down from {org}",
    "Rail link to {place} delayed again, {org} says",
];

const SENTENCES: [&str; 30] = [
    "{p1}, who leads the {org}, said on {day} that talks in {place} would resume.",
    "Officials in {place} said {n} families had been moved after the flooding.",
    "{p2} told reporters that the {org} had not been consulted.",
    "The government of {country} has offered to mediate, according to {p1last}.",
    "Residents of {place} gathered outside the offices of the {org} on {day}.",
    "{p1last} said the plan would cost about {n} million.",
    "Neither {p2} nor the {org} answered requests for comment.",
    "A delegation from {country} is expected in {place} next week.",
    "Earlier this year, {p1} and {p2} signed an agreement on water rights.",
    "The {org} said it would publish its findings by the end of the month.",
    "{x} described the meeting as long but useful.",
    "Local newspapers in {place} reported that {n} people attended the hearing.",
    "According to {p2}, the dispute began when the {org} raised its fees.",
    "{p1last} later added that {country} had been kept informed throughout.",
    "Traffic through {place} was halted for {n} hours on {day}.",
    "{x}, a councillor in {place}, called the decision premature.",
    "The figures could not be independently verified.",
    "Talks are expected to continue later in the week.",
    "Several shops stayed closed, and schools sent pupils home early.",
    "Critics say the proposal leaves too many questions unanswered.",
    "The cost of the repairs has risen every year since the bridge opened.",
    "Supporters of the plan argue that delay would only raise the price.",
    "A vote is scheduled for {day}.",
    "No injuries were reported.",
    "{x2} of the {org2} said the lessons of {place2} had been ignored.",
    "In nearby {place2}, {x2} said the same problems had surfaced years ago.",
    "The {org2} has asked {x} to appear before the committee.",
    "Engineers sent from {place2} arrived on {day} with {n} tonnes of equipment.",
    "{x} and {x2} are expected to brief the {org2} next month.",
    "Funding from the {org2} covered roughly {n} of the new homes in {place2}.",
];

/// The sentence every synthetic article ends with, so no one mistakes it for news.
pub const SYNTHETIC_NOTICE: &str = "This is a synthetic test article generated for benchmarks: its people, places and \
     organisations are invented, and nothing in it happened.";

/// Who an article names besides its thread's cast: people, a place and an organisation drawn
/// from the whole lists, so most of them are rare.
struct Extras {
    people: [String; 2],
    place: String,
    org: String,
}

fn fill(template: &str, t: &Thread, extra: &Extras, rng: &mut Rng) -> String {
    let last = |name: &str| name.rsplit(' ').next().unwrap_or(name).to_string();
    template
        .replace("{p1last}", &last(&t.people[0]))
        .replace("{p1}", &t.people[0])
        .replace("{p2}", &t.people[1])
        .replace("{place}", &t.place)
        .replace("{org}", &t.org)
        .replace("{country}", t.country)
        .replace("{x2}", &extra.people[1])
        .replace("{x}", &extra.people[0])
        .replace("{place2}", &extra.place)
        .replace("{org2}", &extra.org)
        .replace("{day}", WEEKDAYS[rng.below(7)])
        .replace("{n}", &(2 + rng.below(400)).to_string())
}

/// Days since 1970-01-01 to (year, month, day) — Howard Hinnant's civil-from-days.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn rfc3339(unix_seconds: i64) -> String {
    let (y, m, d) = civil_from_days(unix_seconds.div_euclid(86_400));
    let s = unix_seconds.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Article `i` of a synthetic corpus of `count` (deterministic for a seed).
pub fn synthetic_article(i: usize, count: usize, seed: u64) -> Article {
    let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    // Threads of about 20 articles; popular threads and people recur far more than others.
    let threads = (count / 20).max(5);
    let t = rng.skewed(threads);
    let mut trng = Rng(seed.wrapping_add(t as u64 * 7919));
    let thread = Thread {
        people: [person(trng.below(PEOPLE)), person(trng.below(PEOPLE))],
        place: place(trng.below(PLACES)),
        org: organisation(trng.below(ORGANISATIONS)),
        country: COUNTRIES[trng.skewed(COUNTRIES.len())],
    };
    let extra = Extras {
        people: [person(rng.below(PEOPLE)), person(rng.below(PEOPLE))],
        place: place(rng.below(PLACES)),
        org: organisation(rng.below(ORGANISATIONS)),
    };
    let headline = fill(HEADLINES[rng.below(HEADLINES.len())], &thread, &extra, &mut rng);
    let mut paragraphs: Vec<String> = Vec::new();
    for _ in 0..8 + rng.below(4) {
        let sentences: Vec<String> = (0..2 + rng.below(3))
            .map(|_| fill(SENTENCES[rng.below(SENTENCES.len())], &thread, &extra, &mut rng))
            .collect();
        paragraphs.push(sentences.join(" "));
    }
    if rng.below(3) == 0 {
        // A second country now and then, from the whole list.
        let other = COUNTRIES[rng.below(COUNTRIES.len())];
        paragraphs.push(format!("Diplomats from {other} are following the talks closely."));
    }
    paragraphs.push(SYNTHETIC_NOTICE.to_string());
    let mut slug = format!("synthetic-{i:05}-{}", lede_core::text::slug(&headline));
    while slug.len() > 80 {
        slug.truncate(slug.rfind('-').unwrap_or(80));
    }
    // One article every three hours or so from 2016 on, oldest first.
    let published = 1_451_606_400 + i as i64 * 10_800 + rng.below(10_800) as i64;
    let paragraph = |n: usize, text: String| Block::Paragraph {
        id: format!("p{n}"),
        content: vec![Run::plain(text)],
        language: BlockLanguage::default(),
    };
    Article {
        version: 1,
        id: format!("synthetic-{i:05}"),
        slug,
        language: "en".into(),
        direction: Default::default(),
        breaking: None,
        section: Some("Synthetic test article".into()),
        headline,
        standfirst: None,
        dateline: Some(thread.place.clone()),
        date_published: rfc3339(published),
        date_modified: None,
        authors: vec![Person { name: "Lede synthetic corpus".into(), url: None }],
        publisher: Organization { name: "Lede synthetic corpus".into(), url: None },
        lead_image: None,
        body: paragraphs.into_iter().enumerate().map(|(n, p)| paragraph(n + 1, p)).collect(),
        keywords: vec!["synthetic".into()],
        related: Vec::new(),
        entities: Vec::new(),
    }
}

/// `lede-site corpus`: writes `count` synthetic articles into `out`, each validated by lede-core
/// first. Returns the bytes written.
pub fn write_corpus(count: usize, out: &Path, seed: u64) -> Result<u64, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let bar = progress(count, "writing");
    let mut bytes = 0u64;
    for i in 0..count {
        let article = synthetic_article(i, count, seed);
        let json = serde_json::to_string_pretty(&article).expect("an article serialises") + "\n";
        if let Err(problems) = Article::from_json(&json) {
            bar.abandon();
            return Err(format!("synthetic article {i} is invalid: {problems}"));
        }
        let path = out.join(format!("{}.json", article.slug));
        std::fs::write(&path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += json.len() as u64;
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_602_244_800), "2020-10-09T12:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn the_corpus_is_deterministic_valid_and_marked_synthetic() {
        let a = synthetic_article(7, 1000, 42);
        assert_eq!(a, synthetic_article(7, 1000, 42));
        assert_ne!(a, synthetic_article(8, 1000, 42));
        let json = serde_json::to_string(&a).unwrap();
        let back = Article::from_json(&json).expect("valid");
        assert_eq!(back.section.as_deref(), Some("Synthetic test article"));
        assert!(back.slug.starts_with("synthetic-00007-"));
        assert_eq!(back.body.last().unwrap().plain_text(), SYNTHETIC_NOTICE);
        // Names are made from the fixed lists.
        assert_eq!(person(0), "Orla Velridge");
        assert_eq!(place(0), "Kestrava");
        assert!(organisation(1).ends_with("Port Authority"));
        // Dates run oldest first.
        assert!(synthetic_article(1, 10, 1).published().unix_ms() < synthetic_article(2, 10, 1).published().unix_ms());
    }

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
