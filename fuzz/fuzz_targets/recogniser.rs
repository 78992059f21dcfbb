//! Bytes → text (lossy UTF-8) → lines as blocks → `Recogniser::analyse`. Every span lies inside
//! its block, on character boundaries, sorted and not overlapping; every entity id it names
//! exists and the mention counts add up; the spans lay over the text without loss.
#![no_main]

use std::sync::LazyLock;

use lede_core::Run;
use lede_core::markup::{Segment, segments, usable_spans};
use lede_ner::Recogniser;
use libfuzzer_sys::fuzz_target;

static RECOGNISER: LazyLock<Recogniser> = LazyLock::new(Recogniser::embedded);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let blocks: Vec<&str> = text.split('\n').take(64).collect();
    let out = RECOGNISER.analyse(&blocks);
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
        assert_eq!(usable_spans(block, &pairs).len(), pairs.len());
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
});
