//! Laying highlight spans over rich text.
//!
//! A block's text is its runs joined; spans are byte ranges into that text. [`segments`] cuts the
//! runs at span edges and groups the pieces of each span, so the UI can wrap each span in one
//! element even when it crosses a link or an emphasis. Spans that overlap an earlier (or longer)
//! one, fall outside the text or split a UTF-8 character are dropped, never a panic.

use crate::article::{Mark, Run};

/// A piece of one run: text with that run's formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Which run of the input it comes from.
    pub run: usize,
    pub text: String,
    pub marks: Vec<Mark>,
    pub href: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Text outside every span.
    Plain(Piece),
    /// The text of span number `span` (an index into the caller's spans).
    Highlight { span: usize, pieces: Vec<Piece> },
}

/// Which spans survive: sorted by start, the longer first at the same start, skipping any that
/// overlap one already kept or do not sit on character boundaries of `text`.
pub fn usable_spans(text: &str, spans: &[(usize, usize)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, std::cmp::Reverse(spans[i].1)));
    let mut kept = Vec::new();
    let mut covered_to = 0;
    for i in order {
        let (start, end) = spans[i];
        let fits = start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end);
        if fits && start >= covered_to {
            kept.push(i);
            covered_to = end;
        }
    }
    kept
}

/// Cuts `runs` at the edges of `spans` (byte ranges into the joined text of the runs).
pub fn segments(runs: &[Run], spans: &[(usize, usize)]) -> Vec<Segment> {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let kept = usable_spans(&text, spans);
    let mut out = Vec::new();
    let mut next_span = kept.iter().peekable();
    let mut open: Option<(usize, usize, Vec<Piece>)> = None; // (span index, end, pieces)
    let mut run_start = 0;
    for (run_index, run) in runs.iter().enumerate() {
        let run_end = run_start + run.text.len();
        let mut at = run_start;
        while at < run_end {
            if open.is_none()
                && let Some(&&i) = next_span.peek()
                && spans[i].0 == at
            {
                open = Some((i, spans[i].1, Vec::new()));
                next_span.next();
            }
            // Cut at the nearest of: run end, open span end, next span start.
            let mut cut = run_end;
            match &open {
                Some((_, end, _)) => cut = cut.min(*end),
                None => {
                    if let Some(&&i) = next_span.peek() {
                        cut = cut.min(spans[i].0);
                    }
                }
            }
            let piece = Piece {
                run: run_index,
                text: text[at..cut].to_string(),
                marks: run.marks.clone(),
                href: run.href.clone(),
            };
            match &mut open {
                Some((_, _, pieces)) => pieces.push(piece),
                None => out.push(Segment::Plain(piece)),
            }
            if open.as_ref().is_some_and(|(_, end, _)| cut == *end) {
                let (span, _, pieces) = open.take().expect("checked just above");
                out.push(Segment::Highlight { span, pieces });
            }
            at = cut;
        }
        run_start = run_end;
    }
    out
}

impl Segment {
    /// The run this segment lies in, when it lies in one (a highlight may cross runs).
    pub fn single_run(&self) -> Option<usize> {
        match self {
            Segment::Plain(p) => Some(p.run),
            Segment::Highlight { pieces, .. } => match pieces.as_slice() {
                [only] => Some(only.run),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Run {
        Run::plain(text)
    }

    fn render(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s {
                Segment::Plain(p) => p.text.clone(),
                Segment::Highlight { span, pieces } => {
                    format!("[{span}:{}]", pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("|"))
                }
            })
            .collect()
    }

    #[test]
    fn spans_inside_one_run() {
        let segs = segments(&[run("Michelle Bachelet spoke in Geneva.")], &[(0, 17), (27, 33)]);
        assert_eq!(render(&segs), "[0:Michelle Bachelet] spoke in [1:Geneva].");
    }

    #[test]
    fn a_span_crossing_a_link_stays_one_highlight() {
        let mut link = run("Minsk Group");
        link.href = Some("/article/x".into());
        let segs = segments(&[run("the OSCE "), link, run(", which")], &[(4, 20)]);
        assert_eq!(render(&segs), "the [0:OSCE |Minsk Group], which");
        let Segment::Highlight { pieces, .. } = &segs[1] else { panic!() };
        assert_eq!(pieces[1].href.as_deref(), Some("/article/x"));
    }

    #[test]
    fn adjacent_spans_and_spans_at_the_edges() {
        let segs = segments(&[run("AB")], &[(0, 1), (1, 2)]);
        assert_eq!(render(&segs), "[0:A][1:B]");
    }

    #[test]
    fn nested_and_overlapping_spans_keep_the_outer_one() {
        let text = "Organization for Security and Cooperation in Europe Minsk Group";
        let segs = segments(&[run(text)], &[(52, 63), (0, 63), (10, 60)]);
        assert_eq!(render(&segs), format!("[1:{text}]"));
    }

    #[test]
    fn multibyte_text_and_bad_offsets() {
        let text = "“Baku” and Yerevan — Ереван";
        let baku = text.find("Baku").unwrap();
        let cyr = text.find("Ереван").unwrap();
        let segs = segments(&[run(text)], &[(baku, baku + 4), (cyr, cyr + "Ереван".len()), (1, 2), (5, 500)]);
        assert_eq!(render(&segs), "“[0:Baku]” and Yerevan — [1:Ереван]");
    }

    #[test]
    fn text_is_never_lost() {
        let runs = [run("one "), run("two "), run("three")];
        for spans in [vec![], vec![(0, 13)], vec![(2, 6), (8, 11)], vec![(4, 8)]] {
            let segs = segments(&runs, &spans);
            let joined: String = segs
                .iter()
                .flat_map(|s| match s {
                    Segment::Plain(p) => vec![p.text.clone()],
                    Segment::Highlight { pieces, .. } => pieces.iter().map(|p| p.text.clone()).collect(),
                })
                .collect();
            assert_eq!(joined, "one two three");
        }
    }
}
