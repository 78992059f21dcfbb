//! A clearly synthetic corpus of any size, for benchmarks and tests only: invented people, places
//! and organisations (and ten real countries, which recur as countries do in news) in threads of
//! about 20 stories that share a cast, so related stories exist to be found. The one generator of
//! `lede-site corpus` (which writes it out) and `benches/archive.rs` (which indexes it with the
//! cast each story was written from). Behind the `synthetic` feature, so the reader never
//! compiles it.

use crate::entity::EntityType;
use crate::text::slug;
use crate::time::rfc3339_utc;
use crate::{Article, Block, BlockLanguage, Organization, Person, Run};

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

/// Article `i` of a synthetic corpus of `count` (deterministic for a seed).
pub fn synthetic_article(i: usize, count: usize, seed: u64) -> Article {
    synthetic_story(i, count, seed).article
}

/// A synthetic article and the names it was written from.
pub struct SyntheticStory {
    pub article: Article,
    /// Each person, place, organisation and country named in full in the headline or the body,
    /// once, in a fixed order: what a perfect recogniser would find (the archive bench's index).
    pub cast: Vec<(EntityType, String)>,
}

/// Article `i` of a synthetic corpus of `count` with its cast (deterministic for a seed).
pub fn synthetic_story(i: usize, count: usize, seed: u64) -> SyntheticStory {
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
    let mut second_country = None;
    if rng.below(3) == 0 {
        // A second country now and then, from the whole list.
        let other = COUNTRIES[rng.below(COUNTRIES.len())];
        paragraphs.push(format!("Diplomats from {other} are following the talks closely."));
        second_country = Some(other);
    }
    paragraphs.push(SYNTHETIC_NOTICE.to_string());
    let mut slug = format!("synthetic-{i:05}-{}", slug(&headline));
    while slug.len() > 80 {
        slug.truncate(slug.rfind('-').unwrap_or(80));
    }
    // One article every three hours or so from 2016 on, oldest first.
    let published = 1_451_606_400 + i as i64 * 10_800 + rng.below(10_800) as i64;
    let mut cast: Vec<(EntityType, String)> = Vec::new();
    let named = [
        (EntityType::Per, thread.people[0].as_str()),
        (EntityType::Per, thread.people[1].as_str()),
        (EntityType::Loc, thread.place.as_str()),
        (EntityType::Org, thread.org.as_str()),
        (EntityType::Per, extra.people[0].as_str()),
        (EntityType::Per, extra.people[1].as_str()),
        (EntityType::Loc, extra.place.as_str()),
        (EntityType::Org, extra.org.as_str()),
    ];
    let countries = [Some(thread.country), second_country].into_iter().flatten().map(|c| (EntityType::Loc, c));
    for (kind, name) in named.into_iter().chain(countries) {
        let in_text = headline.contains(name) || paragraphs.iter().any(|p| p.contains(name));
        if in_text && !cast.iter().any(|(_, n)| n == name) {
            cast.push((kind, name.to_string()));
        }
    }
    let paragraph = |n: usize, text: String| Block::Paragraph {
        id: format!("p{n}"),
        content: vec![Run::plain(text)],
        language: BlockLanguage::default(),
    };
    let article = Article {
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
        date_published: rfc3339_utc(published),
        date_modified: None,
        authors: vec![Person { name: "Lede synthetic corpus".into(), url: None }],
        publisher: Organization { name: "Lede synthetic corpus".into(), url: None },
        lead_image: None,
        body: paragraphs.into_iter().enumerate().map(|(n, p)| paragraph(n + 1, p)).collect(),
        keywords: vec!["synthetic".into()],
        related: Vec::new(),
        entities: Vec::new(),
    };
    SyntheticStory { article, cast }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_602_244_800), "2020-10-09T12:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
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
    fn the_cast_is_every_name_the_story_spells_out_with_its_kind() {
        let mut kinds = std::collections::BTreeSet::new();
        for i in 0..40 {
            let story = synthetic_story(i, 40, 9);
            let text: Vec<String> = story.article.text_blocks().into_iter().map(|(_, t)| t).collect();
            assert!(!story.cast.is_empty(), "story {i}");
            for (n, (kind, name)) in story.cast.iter().enumerate() {
                assert!(text.iter().any(|t| t.contains(name.as_str())), "story {i}: {name} is not in the text");
                assert!(story.cast[..n].iter().all(|(_, other)| other != name), "story {i}: {name} twice");
                let first = name.split(' ').next().unwrap();
                let expected = match () {
                    _ if COUNTRIES.contains(&name.as_str()) => EntityType::Loc,
                    _ if ORG_KINDS.iter().any(|k| name.ends_with(k)) => EntityType::Org,
                    _ if FIRST_NAMES.contains(&first) => EntityType::Per,
                    _ => EntityType::Loc,
                };
                assert_eq!(*kind, expected, "story {i}: {name}");
                kinds.insert(kind.slug_prefix());
            }
        }
        assert_eq!(kinds.len(), 3, "people, places and organisations: {kinds:?}");
    }
}
