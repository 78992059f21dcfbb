//! Reading CoNLL-format NER files: one token per line, token in the first column, the entity tag in
//! the last column that looks like a tag (some copies carry a trailing dummy column), blank lines
//! between sentences, `-DOCSTART-` lines between documents.

use crate::tags::EntityType;

/// One sentence: tokens and their gold chunk tags as written in the file.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// One document: sentences.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

fn looks_like_tag(s: &str) -> bool {
    s == "O"
        || (s.len() > 2
            && matches!(&s[..2], "B-" | "I-" | "E-" | "S-" | "L-" | "U-")
            && s[2..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// Parse a CoNLL file. When the file has no `-DOCSTART-` markers at all, document boundaries are
/// inferred from news datelines (a short sentence ending in `YYYY-MM-DD`, preceded by its headline),
/// which is where CoNLL-2003 documents begin; otherwise every sentence would share one document and
/// document-level features would leak across unrelated stories.
pub fn parse(text: &str) -> Vec<Document> {
    let mut docs: Vec<Document> = vec![Document::default()];
    let mut sent = Sentence::default();
    let mut saw_docstart = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !sent.words.is_empty() {
                docs.last_mut().unwrap().sentences.push(std::mem::take(&mut sent));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            saw_docstart = true;
            if !sent.words.is_empty() {
                docs.last_mut().unwrap().sentences.push(std::mem::take(&mut sent));
            }
            if !docs.last().unwrap().sentences.is_empty() {
                docs.push(Document::default());
            }
            continue;
        }
        let tag = cols.iter().skip(1).rev().find(|c| looks_like_tag(c)).copied().unwrap_or("O");
        sent.words.push(cols[0].to_string());
        sent.tags.push(tag.to_string());
    }
    if !sent.words.is_empty() {
        docs.last_mut().unwrap().sentences.push(sent);
    }
    docs.retain(|d| !d.sentences.is_empty());
    if !saw_docstart && docs.len() == 1 {
        return split_by_datelines(docs.pop().unwrap());
    }
    docs
}

fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn is_dateline(s: &Sentence) -> bool {
    s.words.len() <= 12 && s.words.last().is_some_and(|w| is_iso_date(w))
}

fn split_by_datelines(doc: Document) -> Vec<Document> {
    let sents = doc.sentences;
    let n = sents.len();
    // Start of each document: the headline sentence just before a dateline (and a short byline
    // between them, if any).
    let mut starts = vec![0usize];
    for d in 0..n {
        if !is_dateline(&sents[d]) || d == 0 {
            continue;
        }
        let mut s = d - 1;
        // A byline ("Peter Blackburn") sits between headline and dateline.
        if s > 0
            && sents[s].words.len() <= 4
            && sents[s].words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && sents[s - 1]
                .words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .all(|w| !w.chars().any(char::is_lowercase))
        {
            s -= 1;
        }
        if s > *starts.last().unwrap() {
            starts.push(s);
        }
    }
    starts.push(n);
    let mut out = Vec::new();
    let mut it = sents.into_iter();
    for w in starts.windows(2) {
        let sentences: Vec<Sentence> = it.by_ref().take(w[1] - w[0]).collect();
        if !sentences.is_empty() {
            out.push(Document { sentences });
        }
    }
    out
}

/// Training documents with some of CoNLL-2003's datelines ("LONDON 1996-08-30", a sentence of its
/// own) rewritten in today's wire formats, joined to the story's first sentence as they are today:
/// "LONDON ( Reuters ) - ...", "WASHINGTON ( AP ) -- ...", "GENEVA -- ...", "Oct 9 ( Reuters ) - ...".
/// The place keeps its gold tags and the agency is an ORG, as CoNLL tags "Reuters" elsewhere. The
/// choice of form is by document number (one document in four keeps the 1996 form), so the result
/// is deterministic and the tagger learns the forms from data rather than from a rule.
pub fn with_modern_datelines(docs: &[Document]) -> Vec<Document> {
    const MONTHS: [&str; 6] = ["Oct", "Jan", "March", "Sept", "May", "Dec"];
    docs.iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut doc = doc.clone();
            let Some(d) = doc.sentences.iter().position(is_dateline) else { return doc };
            let n = doc.sentences[d].words.len() - 1;
            let place = &doc.sentences[d].words[..n];
            let plain = !place.is_empty()
                && place.iter().all(|w| w.chars().all(|c| c.is_uppercase() || c == '.' || c == ',' || c == '-'));
            if !plain || d + 1 >= doc.sentences.len() || i % 4 == 0 {
                return doc;
            }
            let dateline = doc.sentences.remove(d);
            let story = doc.sentences.remove(d);
            let (mut words, mut tags): (Vec<String>, Vec<String>) = match i % 8 {
                7 => {
                    (vec![MONTHS[i / 8 % MONTHS.len()].into(), (1 + i % 28).to_string()], vec!["O".into(), "O".into()])
                }
                _ => (dateline.words[..n].to_vec(), dateline.tags[..n].to_vec()),
            };
            let (agency, dash): (&[&str], &str) = match i % 8 {
                1 | 5 | 7 => (&["(", "Reuters", ")"], "-"),
                2 | 6 => (&["(", "AP", ")"], "--"),
                _ => (&[], "--"),
            };
            for (k, w) in agency.iter().enumerate() {
                words.push(w.to_string());
                tags.push(if k == 1 { "B-ORG" } else { "O" }.into());
            }
            words.push(dash.into());
            tags.push("O".into());
            words.extend(story.words);
            tags.extend(story.tags);
            doc.sentences.insert(d, Sentence { words, tags });
            doc
        })
        .collect()
}

/// A typed chunk `[start, end)` over a sentence's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// Extract chunks from tags in any of IOB1, BIO2, IOBES/BILOU, the way conlleval does: a chunk
/// starts at B-/S-/U-, or at I-/E-/L- whose type differs from the previous tag's or follows O; a chunk
/// ends before O, B-, S-/U-, a type change, or after E-/L-/S-/U-.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut prev_prefix = "O";
    let mut prev_type = "";
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (prefix, ty) = if t == "O" || t.len() < 3 { ("O", "") } else { (&t[..1], &t[2..]) };
        let start = match prefix {
            "B" | "S" | "U" => true,
            "I" | "E" | "L" => prev_prefix == "O" || prev_type != ty || matches!(prev_prefix, "E" | "L" | "S" | "U"),
            _ => false,
        };
        let ends_prev = prefix == "O" || start;
        if ends_prev
            && let Some((s, ty0)) = open.take()
            && let Some(k) = EntityType::from_label(ty0)
        {
            out.push(Chunk { start: s, end: i, kind: k });
        }
        if start {
            open = Some((i, ty));
        }
        if matches!(prefix, "E" | "L" | "S" | "U")
            && let Some((s, ty0)) = open.take()
            && let Some(k) = EntityType::from_label(ty0)
        {
            out.push(Chunk { start: s, end: i + 1, kind: k });
        }
        prev_prefix = prefix;
        prev_type = ty;
    }
    if let Some((s, ty0)) = open
        && let Some(k) = EntityType::from_label(ty0)
    {
        out.push(Chunk { start: s, end: tags.len(), kind: k });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_bio2_agree() {
        let iob1 = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"];
        let bio2 = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG"];
        assert_eq!(chunks(&iob1), chunks(&bio2));
        assert_eq!(chunks(&iob1).len(), 4);
    }

    #[test]
    fn bilou_chunks() {
        let t = ["B-PER", "L-PER", "U-LOC", "O", "B-ORG", "I-ORG", "L-ORG"];
        let c = chunks(&t);
        assert_eq!(
            c,
            vec![
                Chunk { start: 0, end: 2, kind: EntityType::Per },
                Chunk { start: 2, end: 3, kind: EntityType::Loc },
                Chunk { start: 4, end: 7, kind: EntityType::Org },
            ]
        );
    }

    #[test]
    fn parse_docstart_and_trailing_column() {
        let f = "-DOCSTART- O\n\nA B-PER x\nb O x\n\nC I-LOC\n-DOCSTART- O\n\nD O\n";
        let docs = parse(f);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tags, ["B-PER", "O"]);
    }

    #[test]
    fn datelines_split_documents() {
        let f = "HEAD O\nLINE O\n\nCITY B-LOC\n2001-01-02 O\n\nText O\n.\tO\n\nOTHER O\nHEAD O\n\nTOWN B-LOC\n2001-01-03 O\n\nMore O\n";
        let docs = parse(f);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].sentences[0].words, ["OTHER", "HEAD"]);
    }

    #[test]
    fn modern_datelines_join_the_first_sentence() {
        let text = "EU B-ORG\nrejects O\n\nBRUSSELS B-LOC\n1996-08-22 O\n\nThe O\nEU B-ORG\nsaid O\n. O\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 1);
        // Documents 0..8 take the forms in turn; document 0 keeps the 1996 dateline.
        let many: Vec<Document> = (0..8).map(|_| docs[0].clone()).collect();
        let out = with_modern_datelines(&many);
        let line = |k: usize| out[k].sentences[1].words.join(" ");
        assert_eq!(line(0), "BRUSSELS 1996-08-22");
        assert_eq!(line(1), "BRUSSELS ( Reuters ) - The EU said .");
        assert_eq!(line(2), "BRUSSELS ( AP ) -- The EU said .");
        assert_eq!(line(3), "BRUSSELS -- The EU said .");
        assert_eq!(line(7), "Oct 8 ( Reuters ) - The EU said .");
        let chunks1 = chunks(&out[1].sentences[1].tags);
        assert_eq!(
            chunks1,
            [
                Chunk { start: 0, end: 1, kind: EntityType::Loc },
                Chunk { start: 2, end: 3, kind: EntityType::Org },
                Chunk { start: 6, end: 7, kind: EntityType::Org },
            ]
        );
        assert_eq!(out[1].sentences.len(), 2);
    }
}
