//! Property tests on stable (the nightly fuzzers in fuzz/ go further; docs/fuzzing.md): the parser
//! never panics on arbitrary text, bytes or JSON, a valid article round-trips, span mark-up always
//! reassembles its text, slugs keep their shape and sentences stay inside theirs.

use lede_core::EntityType;
use lede_core::markup::{Segment, segments, usable_spans};
use lede_core::text::{sentences, slug};
use lede_core::time::Timestamp;
use lede_core::validate::{is_language_tag, is_safe_href, is_valid_slug};
use lede_core::{
    Article, Block, BlockLanguage, Breaking, Direction, EntityHint, Feed, Image, Mark, Organization, Person, Problems,
    Related, RelatedItem, Run,
};
use proptest::prelude::*;
use serde_json::{Value, json};

const SEED: &str =
    include_str!("../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");
const FEED: &str = include_str!("../../../public/feed.json");

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn clear(problems: &Problems) {
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|p| !p.message.is_empty()), "{problems:?}");
}

/// Either an article that round-trips, or a clear error.
fn parse_article(json: &str) {
    match Article::from_json(json) {
        Ok(article) => {
            let again = Article::from_json(&serde_json::to_string(&article).unwrap()).unwrap();
            assert_eq!(again, article);
        }
        Err(p) => clear(&p),
    }
    if let Err(p) = Feed::from_json(json) {
        clear(&p);
    }
}

/// Field names and values of the format, so generated JSON gets past the first check.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "version", "id", "slug", "language", "direction", "breaking", "until", "headline", "datePublished",
    "dateModified", "authors", "name", "url", "publisher", "leadImage", "src", "width", "height", "alt", "body",
    "type", "content", "text", "marks", "href", "level", "lang", "dir", "related", "items", "label", "afterBlock",
    "entities", "title", "_lede", "thumbnail", "sameAs",
];
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "paragraph", "heading", "quote", "image", "ltr", "rtl", "strong", "emphasis", "en", "PER", "https://x.org",
    "javascript:alert(1)", "2020-10-09T14:30:00Z", "2020-02-30T25:00:00+99:99", "https://jsonfeed.org/version/1.1",
    "", " ", "p1", "a-b",
];

/// JSON values shaped like (broken) articles: format keys, format words, odd numbers, nesting.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(WORDS).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// A path into a JSON value, as a list of choices; `mutate` follows it as far as it goes.
fn mutate(v: &mut Value, path: &[usize], new: Value) {
    let Some((&step, rest)) = path.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(step % map.len()).unwrap().clone();
            mutate(map.get_mut(&key).unwrap(), rest, new);
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            mutate(&mut items[step % n], rest, new);
        }
        _ => *v = new,
    }
}

// ---- Valid articles, for the round trip ----

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, but with something visible so validation's "must not be empty" holds.
    (any::<String>(), "[A-Za-zА-я0-9]{1,12}").prop_map(|(noise, word)| format!("{word}{noise}"))
}

fn slug_strategy() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,5}"
}

fn time() -> impl Strategy<Value = String> {
    (1970..2100u32, 1..=12u32, 1..=28u32, 0..24u32, 0..60u32, 0..60u32)
        .prop_map(|(y, mo, d, h, mi, s)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

fn href() -> impl Strategy<Value = String> {
    prop_oneof![
        slug_strategy().prop_map(|s| format!("/article/{s}")),
        slug_strategy().prop_map(|s| format!("https://example.org/{s}")),
        slug_strategy().prop_map(|s| format!("#{s}")),
    ]
}

fn language() -> impl Strategy<Value = String> {
    prop::sample::select(&["en", "ar", "hy", "ru", "pt-BR", "zh-Hant-TW", "en-GB"][..]).prop_map(String::from)
}

fn image() -> impl Strategy<Value = Image> {
    (slug_strategy(), 1..5000u32, 1..5000u32, text(), prop::option::of(text()), prop::option::of(text())).prop_map(
        |(src, width, height, alt, caption, credit)| Image {
            src: format!("/images/{src}.jpg"),
            width,
            height,
            alt,
            caption,
            credit,
            sizes: Vec::new(),
            focal_point: None,
            source: None,
        },
    )
}

fn runs() -> impl Strategy<Value = Vec<Run>> {
    let run = (
        any::<String>(),
        prop::collection::vec(prop::sample::select(&[Mark::Emphasis, Mark::Strong][..]), 0..2),
        prop::option::of(href()),
    )
        .prop_map(|(text, marks, href)| Run { text, marks, href });
    (text(), prop::collection::vec(run, 0..4)).prop_map(|(first, mut rest)| {
        rest.insert(0, Run::plain(first));
        rest
    })
}

fn block_language() -> impl Strategy<Value = BlockLanguage> {
    (prop::option::of(language()), prop::option::of(prop::sample::select(&[Direction::Ltr, Direction::Rtl][..])))
        .prop_map(|(lang, dir)| BlockLanguage { lang, dir })
}

fn block(i: usize) -> impl Strategy<Value = Block> {
    let id = format!("b{i}");
    let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id);
    prop_oneof![
        (runs(), block_language()).prop_map(move |(content, language)| Block::Paragraph {
            id: a.clone(),
            content,
            language
        }),
        (2..=3u8, runs(), block_language()).prop_map(move |(level, content, language)| Block::Heading {
            id: b.clone(),
            level,
            content,
            language
        }),
        (runs(), prop::option::of(text()), block_language()).prop_map(move |(content, attribution, language)| {
            Block::Quote { id: c.clone(), content, attribution, language }
        }),
        image().prop_map(move |image| Block::Image { id: d.clone(), image }),
    ]
}

fn article() -> impl Strategy<Value = Article> {
    let body = (1..6usize).prop_flat_map(|n| (0..n).map(block).collect::<Vec<_>>());
    let head = (
        text(),
        slug_strategy(),
        language(),
        prop::sample::select(&[Direction::Ltr, Direction::Rtl][..]),
        prop::option::of(time().prop_map(|until| Breaking { until })),
        prop::option::of(text()),
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        time(),
    );
    let tail = (
        prop::collection::vec((text(), prop::option::of(href())).prop_map(|(name, url)| Person { name, url }), 0..3),
        (text(), prop::option::of(href())).prop_map(|(name, url)| Organization { name, url }),
        prop::option::of(image()),
        body,
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(
            (
                text(),
                prop::collection::vec((text(), href()).prop_map(|(title, href)| RelatedItem { title, href }), 1..3),
            ),
            0..2,
        ),
        prop::collection::vec(
            (text(), prop::sample::select(&["PER", "LOC", "ORG", "MISC"][..]), prop::option::of(href())),
            0..3,
        ),
    );
    (head, tail).prop_map(
        |(
            (id, slug, language, direction, breaking, section, headline, standfirst, dateline, date_published),
            (authors, publisher, lead_image, body, keywords, related, entities),
        )| {
            let first_block = body[0].id().to_string();
            Article {
                version: 1,
                id,
                slug,
                language,
                direction,
                breaking,
                section,
                headline,
                standfirst,
                dateline,
                date_modified: Some(date_published.clone()),
                date_published,
                authors,
                publisher,
                lead_image,
                body,
                keywords,
                related: related
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, items))| Related {
                        label,
                        items,
                        after_block: (i == 0).then(|| first_block.clone()),
                    })
                    .collect(),
                entities: entities
                    .into_iter()
                    .map(|(name, kind, same_as)| EntityHint {
                        name,
                        kind: EntityType::from_label(kind).expect("a label"),
                        same_as,
                    })
                    .collect(),
            }
        },
    )
}

// ---- Span mark-up ----

fn pieces_text(segs: &[Segment]) -> String {
    segs.iter()
        .flat_map(|s| match s {
            Segment::Plain(p) => std::slice::from_ref(p),
            Segment::Highlight { pieces, .. } => pieces.as_slice(),
        })
        .map(|p| p.text.as_str())
        .collect()
}

fn check_markup(runs: &[Run], spans: &[(usize, usize)]) {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let kept = usable_spans(&text, spans);
    let mut covered = 0;
    for &i in &kept {
        let (s, e) = spans[i];
        assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(s >= covered, "kept spans overlap: {kept:?} of {spans:?}");
        covered = e;
    }
    let segs = segments(runs, spans);
    assert_eq!(pieces_text(&segs), text, "segments reassemble the text");
    let mut at = 0;
    let mut highlighted = Vec::new();
    for seg in &segs {
        let len: usize = match seg {
            Segment::Plain(p) => p.text.len(),
            Segment::Highlight { span, pieces } => {
                assert_eq!((at, at + pieces.iter().map(|p| p.text.len()).sum::<usize>()), spans[*span]);
                highlighted.push(*span);
                pieces.iter().map(|p| p.text.len()).sum()
            }
        };
        assert!(len > 0, "no empty segments");
        at += len;
    }
    assert_eq!(highlighted, kept, "each usable span is one highlight, in order, and no other is");
}

fn check_sentences(text: &str) {
    let mut last = 0;
    for (s, e) in sentences(text) {
        assert!(last <= s && s < e && e <= text.len(), "sentence {s}..{e} after {last} in {text:?}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
}

/// `sentences` as it was before it kept its word state incrementally (quadratic on long runs
/// without spaces): the new one must cut every text exactly as this one did.
fn sentences_before_the_linear_fix(text: &str) -> Vec<(usize, usize)> {
    const ABBREVIATIONS: [&str; 14] =
        ["Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Gen", "Gov"];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '。' | '؟') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end].1, '"' | '\'' | '”' | '’' | ')' | '»') {
                end += 1;
            }
            let word_before = text[start..at].rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("");
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&word_before.trim_start_matches(['“', '"', '(']))
                    || word_before.contains('.')
                    || word_before.chars().count() == 1);
            let next_starts = chars.get(end).is_some_and(|&(_, ch)| ch == ' ')
                && chars.get(end + 1).is_some_and(|&(_, ch)| {
                    ch.is_uppercase() || ch.is_numeric() || "“\"‘'(«".contains(ch) || !ch.is_ascii()
                });
            if !abbreviation && (next_starts || end == chars.len()) {
                let stop = chars.get(end).map_or(text.len(), |&(b, _)| b);
                out.push((start, stop));
                start = chars.get(end + 1).map_or(text.len(), |&(b, _)| b);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// A span anywhere around the text: inside, past the end, inside a character, empty or reversed.
fn spans_for(len: usize) -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0..len + 8, 0..len + 8), 0..12)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_text_never_panics_the_parser(json in any::<String>()) {
        parse_article(&json);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_parser(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Err(p) = Article::from_json_bytes(&bytes) { clear(&p); }
        if let Err(p) = Feed::from_json_bytes(&bytes) { clear(&p); }
    }

    #[test]
    fn json_shaped_like_an_article_never_panics(v in json_value()) {
        parse_article(&v.to_string());
    }

    #[test]
    fn the_seed_with_any_part_replaced_gives_an_article_or_a_problem(
        path in prop::collection::vec(any::<usize>(), 0..5),
        new in json_value(),
    ) {
        let mut v: Value = serde_json::from_str(SEED).unwrap();
        mutate(&mut v, &path, new.clone());
        parse_article(&v.to_string());
        let mut f: Value = serde_json::from_str(FEED).unwrap();
        mutate(&mut f, &path, new);
        match Feed::from_json(&f.to_string()) {
            Ok(feed) => prop_assert_eq!(Feed::from_json(&feed.to_json_pretty()).unwrap(), feed),
            Err(p) => clear(&p),
        }
    }

    #[test]
    fn the_seed_cut_anywhere_is_a_clear_error(cut in 0..SEED.trim_end().len()) {
        // Cut inside the document itself: dropping only the trailing newline leaves it whole.
        let bytes = &SEED.as_bytes()[..cut];
        let message = Article::from_json_bytes(bytes).unwrap_err().to_string();
        prop_assert!(
            message.starts_with("not valid JSON") || message.starts_with("not UTF-8") || message == "the file is empty",
            "{}", message
        );
    }

    #[test]
    fn the_small_checks_take_any_text(text in any::<String>()) {
        let _ = (is_valid_slug(&text), is_safe_href(&text), is_language_tag(&text), Timestamp::parse(&text));
        check_sentences(&text);
    }

    #[test]
    fn sentences_cut_as_before(
        text in prop::collection::vec(
            prop_oneof![
                Just(" ".to_string()), Just(".".to_string()), Just("? ".to_string()), Just("\u{a0}".to_string()),
                prop::sample::select(&["Mr", "Sept", "U.S", "(", "“", "\"", "”", ")", "A", "b", "27", "Б", "。", "؟"][..])
                    .prop_map(String::from),
                "[a-zA-Z ]{1,3}",
                any::<char>().prop_map(String::from),
            ],
            0..40,
        ).prop_map(|parts| parts.concat())
    ) {
        prop_assert_eq!(sentences(&text), sentences_before_the_linear_fix(&text), "{:?}", text);
    }

    #[test]
    fn slugs_keep_their_shape(text in any::<String>(), ascii in "[ -~]{0,40}") {
        for text in [&text, &ascii] {
            let s = slug(text);
            prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{:?}", s);
            prop_assert!(s.chars().all(|c| c == '-' || c.is_alphanumeric()), "{:?}", s);
            prop_assert_eq!(slug(&s), s.clone(), "slug is idempotent");
        }
        let s = slug(&ascii);
        prop_assert!(s.is_empty() || is_valid_slug(&s), "ASCII text gives a valid slug: {:?}", s);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn a_valid_article_round_trips(article in article()) {
        let json = serde_json::to_string(&article).unwrap();
        let parsed = Article::from_json(&json);
        prop_assert!(parsed.is_ok(), "{}\n{}", parsed.unwrap_err(), json);
        prop_assert_eq!(parsed.unwrap(), article.clone());
        let pretty = serde_json::to_string_pretty(&article).unwrap();
        prop_assert_eq!(Article::from_json_bytes(pretty.as_bytes()).unwrap(), article.clone());
        for (_, text) in article.text_blocks() {
            check_sentences(&text);
        }
    }

    #[test]
    fn markup_reassembles_the_text_for_any_spans(
        (runs, spans) in prop::collection::vec(any::<String>(), 0..5).prop_flat_map(|texts| {
            let len = texts.iter().map(String::len).sum::<usize>();
            (Just(texts), spans_for(len))
        })
    ) {
        let runs: Vec<Run> = runs
            .into_iter()
            .enumerate()
            .map(|(i, text)| Run { text, marks: vec![Mark::Strong; i % 2], href: None })
            .collect();
        check_markup(&runs, &spans);
    }

    #[test]
    fn markup_over_multibyte_text_with_spans_inside_characters(
        (words, spans) in prop::collection::vec("[“”Ереван—é😀 a]{0,8}", 1..4).prop_flat_map(|texts| {
            let len = texts.iter().map(String::len).sum::<usize>();
            (Just(texts), spans_for(len))
        })
    ) {
        let runs: Vec<Run> = words.into_iter().map(Run::plain).collect();
        check_markup(&runs, &spans);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// The page and the worker speak through `lede_core::entity::wire`: whatever a story's text
    /// holds (tabs, newlines, colons, digits, any script), the worker reads back the same blocks.
    #[test]
    fn a_worker_request_reads_back_for_any_blocks(
        id in any::<u32>(),
        blocks in prop::collection::vec(any::<String>(), 0..6),
        digits_and_colons in prop::collection::vec("[0-9:\t\n]{0,6}", 0..3),
    ) {
        use lede_core::entity::wire::Request;
        let mut blocks = blocks;
        blocks.extend(digits_and_colons);
        let request = Request { id, model_url: "/models/model.bin".into(), blocks };
        prop_assert_eq!(Request::decode(&request.encode()), Some(request));
    }
}
