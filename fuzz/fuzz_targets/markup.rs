//! Runs and arbitrary spans (overlapping, out of range, inside a UTF-8 character) → segments.
//! The segments reassemble the text exactly, never overlap, and each highlight is its span's text.
//! Also: slugs, sentences, and the small validators on arbitrary text.
#![no_main]

use arbitrary::Arbitrary;
use lede_core::markup::{Segment, segments, usable_spans};
use lede_core::text::{sentences, slug};
use lede_core::time::Timestamp;
use lede_core::validate::{is_language_tag, is_safe_href, is_valid_slug};
use lede_core::{Mark, Run};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    runs: Vec<(String, bool, bool)>,
    spans: Vec<(u16, u16)>,
}

fuzz_target!(|input: Input| {
    let runs: Vec<Run> = input
        .runs
        .into_iter()
        .map(|(text, strong, link)| Run {
            text,
            marks: if strong { vec![Mark::Strong] } else { Vec::new() },
            href: link.then(|| "/article/x".to_string()),
        })
        .collect();
    let spans: Vec<(usize, usize)> = input.spans.iter().map(|&(s, e)| (s as usize, e as usize)).collect();
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();

    let kept = usable_spans(&text, &spans);
    let mut covered = 0;
    for &i in &kept {
        let (s, e) = spans[i];
        assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(s >= covered, "kept spans overlap");
        covered = e;
    }

    let segs = segments(&runs, &spans);
    let mut joined = String::new();
    let mut highlights = Vec::new();
    let mut last_run = 0;
    for seg in &segs {
        let pieces = match seg {
            Segment::Plain(p) => std::slice::from_ref(p),
            Segment::Highlight { span, pieces } => {
                let (s, e) = spans[*span];
                assert_eq!(text[s..e], pieces.iter().map(|p| p.text.as_str()).collect::<String>());
                assert_eq!(joined.len(), s, "highlight {span} starts where its span does");
                highlights.push(*span);
                pieces.as_slice()
            }
        };
        assert!(!pieces.is_empty());
        for p in pieces {
            assert!(!p.text.is_empty(), "no empty pieces");
            assert!(p.run >= last_run && p.run < runs.len(), "pieces follow the runs");
            assert!(runs[p.run].text.contains(&p.text));
            assert_eq!((&p.marks, &p.href), (&runs[p.run].marks, &runs[p.run].href));
            last_run = p.run;
            joined.push_str(&p.text);
        }
        if let Some(r) = seg.single_run() {
            assert!(pieces.iter().all(|p| p.run == r));
        }
    }
    assert_eq!(joined, text, "segments reassemble the text");
    assert_eq!(highlights, kept, "every usable span is highlighted once, in order");

    let s = slug(&text);
    assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "slug shape: {s:?}");
    assert!(s.chars().all(|c| c == '-' || c.is_alphanumeric()), "slug chars: {s:?}");
    if text.is_ascii() {
        assert!(s.is_empty() || s.len() > 120 || is_valid_slug(&s), "ASCII text gives a valid slug: {s:?}");
    }
    assert_eq!(slug(&s), s, "slug is idempotent");

    let mut last = 0;
    for (s, e) in sentences(&text) {
        assert!(last <= s && s < e && e <= text.len(), "sentence {s}..{e} after {last}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }

    let _ = (is_valid_slug(&text), is_safe_href(&text), is_language_tag(&text), Timestamp::parse(&text));
});
