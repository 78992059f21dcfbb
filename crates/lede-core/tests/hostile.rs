//! Hostile documents: huge, deeply nested, truncated, wrongly typed, not UTF-8, empty. Each is
//! refused with a problem that says what is wrong — never a panic, a stack overflow or a hang.

use lede_core::problems::MAX_DOCUMENT_BYTES;
use lede_core::validate::MAX_BODY_BLOCKS;
use lede_core::{Article, Feed, Problems};

const SEED: &str =
    include_str!("../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");
const FEED: &str = include_str!("../../../public/feed.json");

/// The seed article with its body replaced by `body` (raw JSON).
fn with_body(body: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["body"] = serde_json::Value::Null;
    v.to_string().replace("\"body\":null", &format!("\"body\":{body}"))
}

fn article_error(json: &[u8]) -> String {
    let problems = Article::from_json_bytes(json).expect_err("hostile input must be refused");
    check(&problems)
}

fn feed_error(json: &[u8]) -> String {
    let problems = Feed::from_json_bytes(json).expect_err("hostile input must be refused");
    check(&problems)
}

fn check(problems: &Problems) -> String {
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|p| !p.message.is_empty()));
    problems.to_string()
}

fn assert_says(message: &str, expected: &str) {
    assert!(message.contains(expected), "expected {expected:?} in:\n{message}");
}

#[test]
fn a_10_mb_article_is_too_large() {
    let paragraph = format!(r#"{{"type":"paragraph","id":"p","content":[{{"text":"{}"}}]}}"#, "x".repeat(10 << 20));
    let json = with_body(&format!("[{paragraph}]"));
    assert!(json.len() > MAX_DOCUMENT_BYTES);
    let message = article_error(json.as_bytes());
    assert_says(&message, "the document is too large: 10.0 MB, at most 8 MB is read");
    // The same through the `&str` entry point, and for a feed.
    assert_eq!(Article::from_json(&json).unwrap_err().to_string(), message);
    assert_says(&feed_error(json.as_bytes()), "too large");
}

#[test]
fn a_hundred_thousand_paragraphs_are_too_many() {
    let paragraphs: Vec<String> =
        (0..100_000).map(|i| format!(r#"{{"type":"paragraph","id":"p{i}","content":[{{"text":"Word."}}]}}"#)).collect();
    let json = with_body(&format!("[{}]", paragraphs.join(",")));
    assert!(json.len() < MAX_DOCUMENT_BYTES, "under the size limit, so the block count is what is refused");
    let message = article_error(json.as_bytes());
    assert_eq!(message, format!("body: has 100000 blocks; at most {MAX_BODY_BLOCKS} are allowed"));
}

#[test]
fn the_block_limit_itself_is_allowed() {
    let paragraphs: Vec<String> = (0..MAX_BODY_BLOCKS)
        .map(|i| format!(r#"{{"type":"paragraph","id":"p{i}","content":[{{"text":"Word."}}]}}"#))
        .collect();
    let article = Article::from_json(&with_body(&format!("[{}]", paragraphs.join(",")))).unwrap();
    assert_eq!(article.body.len(), MAX_BODY_BLOCKS);
}

#[test]
fn a_huge_paragraph_without_spaces_is_cut_into_sentences_in_linear_time() {
    // "a.a.a..." once cost quadratic time (each `.` rescanned the word before it): 160 KB took
    // 6.5 s natively, a paragraph of a few MB would have frozen the reader's read-aloud.
    let text = "a.".repeat(500_000);
    let started = std::time::Instant::now();
    assert_eq!(lede_core::text::sentences(&text), vec![(0, text.len())]);
    let words = format!("{}End.", "Word. ".repeat(200_000));
    assert_eq!(lede_core::text::sentences(&words).len(), 200_001);
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for depth in [1_000, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let open_only = "[".repeat(depth);
        let object = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        // At the top, where a field is expected, and in fields that ignore unknown content.
        for doc in [
            nested.clone(),
            open_only.clone(),
            object.clone(),
            with_body(&nested),
            with_body(&open_only),
            SEED.replacen('{', &format!("{{\"extra\":{nested},"), 1),
        ] {
            let message = article_error(doc.as_bytes());
            assert!(
                message.contains("recursion limit exceeded")
                    || message.contains("must be a JSON object")
                    || message.contains("invalid type")
                    || message.contains("unknown field")
                    || message.contains("EOF while parsing"),
                "{depth}: {}",
                &message[..message.len().min(200)]
            );
        }
        // A feed reads unknown fields (JSON Feed extensions), so nesting there is skipped over.
        let feed = FEED.replacen('{', &format!("{{\"_other\":{nested},"), 1);
        assert!(Feed::from_json(&feed).is_ok());
        let feed = FEED.replacen('{', &format!("{{\"_other\":{open_only},"), 1);
        assert_says(&feed_error(feed.as_bytes()), "not valid JSON");
        assert_says(&feed_error(nested.as_bytes()), "the document must be a JSON object {…}, not an array");
    }
}

#[test]
fn invalid_utf8_says_where() {
    let mut bytes = SEED.as_bytes().to_vec();
    let at = SEED.find("Nagorno").unwrap();
    bytes[at] = 0xFF;
    let line = SEED[..at].lines().count();
    let expected = format!("not UTF-8 text: invalid byte at offset {at} (line {line})");
    assert_eq!(article_error(&bytes), expected);
    assert_eq!(feed_error(&bytes), expected);
    // A truncated multi-byte character and a lone continuation byte.
    assert_says(&article_error(&"{\"id\":\"é".as_bytes()[..8]), "not UTF-8 text: invalid byte at offset 7 (line 1)");
    assert_says(&article_error(b"\x80"), "not UTF-8 text: invalid byte at offset 0 (line 1)");
    // UTF-16 with a byte-order mark is not UTF-8 either.
    assert_says(&article_error(&[0xFF, 0xFE, b'{', 0, b'}', 0]), "not UTF-8 text");
}

#[test]
fn empty_documents_say_so() {
    for empty in ["", " ", "\n\t\r\n"] {
        assert_eq!(article_error(empty.as_bytes()), "the file is empty");
        assert_eq!(feed_error(empty.as_bytes()), "the file is empty");
        assert_eq!(Article::from_json(empty).unwrap_err().to_string(), "the file is empty");
        assert_eq!(Feed::from_json(empty).unwrap_err().to_string(), "the file is empty");
    }
    assert_eq!(article_error(b"{}"), "missing field `version`");
    assert_eq!(feed_error(b"{}"), "missing field `version`");
    // Not objects: serde would read a struct from an array of its fields, the format does not.
    assert_eq!(article_error(b"null"), "the document must be a JSON object {…}, not null");
    assert_eq!(article_error(b" 12"), "the document must be a JSON object {…}, not a number");
    assert_eq!(article_error(b"\"body\""), "the document must be a JSON object {…}, not a string");
    assert_eq!(feed_error(b"[]"), "the document must be a JSON object {…}, not an array");
    assert_eq!(feed_error(b"true"), "the document must be a JSON object {…}, not true or false");
    assert_says(&article_error(b"<html>"), "not valid JSON (line 1, column 1): expected value");
    // A feed with no stories is valid (an empty front page), unlike an article without a body.
    let feed = Feed::from_json(r#"{"version":"https://jsonfeed.org/version/1.1","title":"Lede","items":[]}"#).unwrap();
    assert_eq!(feed.stories().count(), 0);
    assert_says(&article_error(with_body("[]").as_bytes()), "body: must hold at least one block");
}

#[test]
fn wrong_types_name_the_field() {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["version"] = "1".into();
    assert_eq!(article_error(v.to_string().as_bytes()), "version: invalid type: string \"1\", expected u32");
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["leadImage"]["width"] = (-3).into();
    assert_eq!(article_error(v.to_string().as_bytes()), "leadImage.width: invalid value: integer `-3`, expected u32");
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["body"][2]["content"] = "text".into();
    assert_says(&article_error(v.to_string().as_bytes()), "body[2]");
    let mut v: serde_json::Value = serde_json::from_str(FEED).unwrap();
    v["items"] = serde_json::json!({});
    assert_eq!(feed_error(v.to_string().as_bytes()), "items: invalid type: map, expected a sequence");
    let mut v: serde_json::Value = serde_json::from_str(FEED).unwrap();
    v["items"][0]["_lede"]["thumbnail"]["width"] = 1.5.into();
    assert_eq!(
        feed_error(v.to_string().as_bytes()),
        "items[0]._lede.thumbnail.width: invalid type: floating point `1.5`, expected u32"
    );
}

#[test]
fn truncated_json_says_where_it_ends() {
    for cut in [1, SEED.len() / 3, SEED.len() / 2, SEED.len() - 2] {
        let mut cut = cut;
        while !SEED.is_char_boundary(cut) {
            cut -= 1;
        }
        let message = article_error(&SEED.as_bytes()[..cut]);
        assert!(message.starts_with("not valid JSON (line "), "{cut}: {message}");
        assert_says(&message, "EOF while parsing");
    }
    for cut in [1, FEED.len() / 2, FEED.len() - 2] {
        assert_says(&feed_error(&FEED.as_bytes()[..cut]), "EOF while parsing");
    }
    // Trailing garbage after a complete document is also refused.
    assert_says(&article_error(format!("{SEED} x").as_bytes()), "trailing characters");
}

#[test]
fn every_kept_fuzz_input_is_handled() {
    // Inputs that once crashed a fuzzer or slipped past the parser (docs/fuzzing.md): each must now
    // give an article or a clear error, as article and as feed. Beside `<name>.json`, an optional
    // `<name>.expect` holds text the article error must contain.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expect") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let result = Article::from_json_bytes(&bytes);
        match &result {
            Ok(article) => {
                let again = Article::from_json(&serde_json::to_string(article).unwrap()).unwrap();
                assert_eq!(&again, article, "{}", path.display());
                let _ = (article.summary(), article.word_count(), article.text_blocks());
            }
            Err(problems) => {
                check(problems);
            }
        }
        if let Ok(expected) = std::fs::read_to_string(path.with_extension("expect")) {
            let message = result.as_ref().map_or_else(|p| p.to_string(), |_| "ok".to_string());
            assert_says(&message, expected.trim());
        }
        if let Err(problems) = Feed::from_json_bytes(&bytes) {
            check(&problems);
        }
        seen += 1;
    }
    assert!(seen > 0, "no inputs in {}", dir.display());
}
