//! Property tests on stable (the nightly `recogniser` fuzzer in fuzz/ goes further;
//! docs/fuzzing.md): for arbitrary Unicode text, every span the recogniser returns lies inside its
//! block on character boundaries, spans do not overlap, entity ids resolve and counts add up.

use std::sync::LazyLock;

use lede_core::Run;
use lede_core::markup::{Segment, segments, usable_spans};
use lede_ner::{Analysis, Recogniser};
use proptest::prelude::*;

static RECOGNISER: LazyLock<Recogniser> = LazyLock::new(Recogniser::embedded);

/// The checks the fuzzer makes, for one analysis of `blocks`.
pub fn check(blocks: &[&str], out: &Analysis) {
    assert_eq!(out.blocks.len(), blocks.len());
    let mut named = 0;
    for (block, spans) in blocks.iter().zip(&out.blocks) {
        let mut covered = 0;
        for span in spans {
            assert!(span.start < span.end && span.end <= block.len(), "{span:?} outside {block:?}");
            assert!(block.is_char_boundary(span.start) && block.is_char_boundary(span.end), "{span:?} in {block:?}");
            assert!(span.start >= covered, "spans overlap in {block:?}: {spans:?}");
            covered = span.end;
            if let Some(id) = &span.entity_id {
                named += 1;
                assert!(out.entities.iter().any(|e| &e.id == id), "span names unknown entity {id}");
            }
        }
        let pairs: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(usable_spans(block, &pairs).len(), pairs.len(), "the reader can show every span");
        let joined: String = segments(&[Run::plain(*block)], &pairs)
            .iter()
            .flat_map(|s| match s {
                Segment::Plain(p) => vec![p.text.as_str()],
                Segment::Highlight { pieces, .. } => pieces.iter().map(|p| p.text.as_str()).collect(),
            })
            .collect();
        assert_eq!(joined, *block);
    }
    assert_eq!(out.entities.iter().map(|e| e.mentions).sum::<usize>(), named, "mention counts add up");
}

/// Words that make the recogniser find something (names, dates, numbers, punctuation), mixed
/// with arbitrary Unicode so offsets land next to multi-byte characters.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(&[
            "Michelle", "Bachelet", "Geneva", "U.N.", "Armenia", "Sept.", "27", "2020", "$5", "million", "the",
            "Minsk", "Group", "OSCE", "said", "on", "Friday", ".", ",", "“", "”", "’s", "-", "Nagorno-Karabakh",
            "Ереван", "São", "Paulo", "10%", "3:30", "p.m.", "ARMENIA", "Mr.", "Putin",
        ][..]).prop_map(String::from),
        1 => any::<String>(),
        1 => "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}]{1,6}",
    ]
}

fn block() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::sample::select(&[" ", " ", "\u{a0}", "", "\t", "\u{2003}"][..])), 0..24)
        .prop_map(|words| words.into_iter().flat_map(|(w, s)| [w, s.to_string()]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_sit_on_character_boundaries_inside_their_block(blocks in prop::collection::vec(block(), 1..5)) {
        let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
        check(&blocks, &RECOGNISER.analyse(&blocks));
    }

    #[test]
    fn arbitrary_unicode_text_is_analysed(text in any::<String>()) {
        check(&[&text], &RECOGNISER.analyse_text(&text));
    }
}

#[test]
fn kept_fuzz_inputs_are_analysed() {
    // Inputs the `recogniser` fuzzer once failed on, and hand-made inputs at its edges
    // (docs/fuzzing.md), one file each; the fuzzer splits its input into blocks at line breaks,
    // and so does this test.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut seen = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let blocks: Vec<&str> = text.split('\n').take(64).collect();
        check(&blocks, &RECOGNISER.analyse(&blocks));
        // Each kept input has something on it that is not blank, so the check saw real text.
        assert!(blocks.iter().any(|b| !b.trim().is_empty()), "{} is blank", path.display());
        seen += 1;
    }
    assert!(seen >= 7, "expected the kept inputs in {}, saw {seen}", dir.display());
}
