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

/// Lower-case ASCII words joined by hyphens: the id part of a name (`Sept. 27` → `sept-27`).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
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

    #[test]
    fn slugs() {
        assert_eq!(slug("Sept. 27"), "sept-27");
        assert_eq!(slug("as many as 30,000 people"), "as-many-as-30-000-people");
        assert_eq!(slug("  "), "");
    }
}

/// Byte ranges of the sentences of `text`, for reading aloud: a sentence ends at `.`, `!` or `?`
/// (with any closing quotes or brackets) followed by a space and an upper-case letter, a digit or
/// an opening quote — so "U.N. human rights chief" and "Sept. 27" stay inside their sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    const ABBREVIATIONS: [&str; 14] =
        ["Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Gen", "Gov"];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The word before the current character, kept up to date as the loop goes so that a long run
    // without spaces ("a.a.a.a...") costs linear time, not quadratic: its length in characters,
    // whether it has a `.`, and where it starts after any opening quotes or brackets.
    let (mut word_chars, mut word_dot, mut word_core) = (0, false, 0);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '。' | '؟') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end].1, '"' | '\'' | '”' | '’' | ')' | '»') {
                end += 1;
            }
            let abbreviation =
                c == '.' && (ABBREVIATIONS.contains(&&text[word_core..at]) || word_dot || word_chars == 1);
            let next_starts = chars.get(end).is_some_and(|&(_, ch)| ch == ' ')
                && chars.get(end + 1).is_some_and(|&(_, ch)| {
                    ch.is_uppercase() || ch.is_numeric() || "“\"‘'(«".contains(ch) || !ch.is_ascii()
                });
            if !abbreviation && (next_starts || end == chars.len()) {
                let stop = chars.get(end).map_or(text.len(), |&(b, _)| b);
                out.push((start, stop));
                start = chars.get(end + 1).map_or(text.len(), |&(b, _)| b);
                i = end;
                continue; // `chars[end]` is the space, which starts a new word
            }
        }
        if c.is_whitespace() {
            (word_chars, word_dot, word_core) = (0, false, at + c.len_utf8());
        } else {
            if word_core == at && matches!(c, '“' | '"' | '(') {
                word_core = at + c.len_utf8();
            }
            word_chars += 1;
            word_dot |= c == '.';
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod sentence_tests {
    use super::sentences;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn abbreviations_and_quotes_stay_inside() {
        let text = "U.N. human rights chief Michelle Bachelet spoke Sept. 27. About 400 soldiers have been killed. “It is worrying,” she said.";
        assert_eq!(
            split(text),
            vec![
                "U.N. human rights chief Michelle Bachelet spoke Sept. 27.",
                "About 400 soldiers have been killed.",
                "“It is worrying,” she said."
            ]
        );
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        assert_eq!(split("He said \"stop.\" Then he left"), vec!["He said \"stop.\"", "Then he left"]);
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("Армения согласилась. Азербайджан тоже."), vec!["Армения согласилась.", "Азербайджан тоже."]);
    }
}
