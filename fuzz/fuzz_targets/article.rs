//! Bytes → article and feed parsing and validation. Either a clear error (at least one problem,
//! each with a message) or a document that every accessor handles and that round-trips.
#![no_main]

use lede_core::markup::{Segment, segments};
use lede_core::text::sentences;
use lede_core::{Article, Block, Feed, Problems};
use libfuzzer_sys::fuzz_target;

fn check_problems(p: &Problems) {
    assert!(!p.is_empty(), "an error carries at least one problem");
    assert!(p.iter().all(|p| !p.message.is_empty()), "every problem says what is wrong: {p:?}");
    assert!(!p.to_string().is_empty());
}

fn check_article(a: &Article) {
    let _ = a.published();
    let _ = a.modified();
    let _ = a.summary();
    let _ = a.word_count();
    let _ = a.reading_minutes();
    let _ = a.is_english();
    for now in [i64::MIN, 0, i64::MAX] {
        let _ = a.is_breaking_at(now);
    }
    let _ = a.related_after(None).count();
    if let Some(image) = &a.lead_image {
        let _ = image.srcset();
    }
    for (_, text) in a.text_blocks() {
        let mut last = 0;
        for (s, e) in sentences(&text) {
            assert!(last <= s && s < e && e <= text.len(), "sentence {s}..{e} after {last} in {text:?}");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            last = e;
        }
    }
    for block in &a.body {
        let _ = a.related_after(Some(block.id())).count();
        if let Block::Paragraph { content, .. } | Block::Heading { content, .. } | Block::Quote { content, .. } = block
        {
            let joined: String = segments(content, &[])
                .iter()
                .map(|s| match s {
                    Segment::Plain(p) => p.text.clone(),
                    Segment::Highlight { .. } => panic!("no spans, no highlights"),
                })
                .collect();
            assert_eq!(joined, block.plain_text());
        }
    }
    // Serialise → parse gives the same article back.
    let json = serde_json::to_string(a).expect("an article serialises");
    let again = Article::from_json(&json).unwrap_or_else(|p| panic!("round trip failed: {p}\n{json}"));
    assert_eq!(&again, a);
}

fn check_feed(f: &Feed) {
    for item in &f.items {
        let _ = item.published();
    }
    let _ = f.stories().count();
    let _ = f.lists_slug("a");
    let json = f.to_json_pretty();
    let again = Feed::from_json(&json).unwrap_or_else(|p| panic!("round trip failed: {p}\n{json}"));
    assert_eq!(&again, f);
}

fuzz_target!(|data: &[u8]| {
    let as_text = std::str::from_utf8(data).ok();
    match Article::from_json_bytes(data) {
        Ok(a) => {
            check_article(&a);
            assert_eq!(as_text.map(Article::from_json), Some(Ok(a)));
        }
        Err(p) => {
            check_problems(&p);
            if let Some(text) = as_text {
                assert_eq!(Article::from_json(text), Err(p));
            }
        }
    }
    match Feed::from_json_bytes(data) {
        Ok(f) => check_feed(&f),
        Err(p) => check_problems(&p),
    }
});
