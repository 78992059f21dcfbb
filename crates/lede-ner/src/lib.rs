//! Lede's named-entity recogniser.
//!
//! Pure Rust, no browser APIs: it compiles for `wasm32-unknown-unknown` and native alike. The
//! learned part (PER, LOC, ORG, MISC) is an averaged-perceptron tagger over hashed features with
//! BILOU tags, greedy decoding and a second, document-aware pass; dates, times, money, percentages
//! and quantities come from rules; mentions of one entity are linked across a whole article.
//!
//! ```no_run
//! let bytes = std::fs::read("crates/lede-ner/data/model.bin").unwrap();
//! let rec = lede_ner::Recogniser::from_bytes(&bytes).unwrap();
//! let out = rec.analyse(&["Headline", "First paragraph."]);
//! for e in &out.entities { println!("{} {} {}", e.id, e.kind.label(), e.name); }
//! ```

#[cfg(feature = "cli")]
pub mod chart;
pub mod conll;
pub mod eval;
pub mod features;
pub mod gazetteer;
mod hash;
pub mod link;
pub mod model_format;
pub mod perceptron;
pub mod postprocess;
pub mod rules;
pub mod tagger;
pub mod tags;
pub mod tokenise;
pub mod train;

pub use lede_core::entity::{Analysis, Entity, EntityType, Span};
pub use model_format::ModelError;

use std::borrow::Cow;

use model_format::QuantModel;
use tagger::Scratch;
use tokenise::{Token, normalise, sentences, tokenise};

/// The committed model, for native tools and tests. The browser should fetch
/// `crates/lede-ner/data/model.bin` lazily and call [`Recogniser::from_bytes`] instead.
#[cfg(feature = "embedded-model")]
pub fn embedded_model() -> &'static [u8] {
    include_bytes!("../data/model.bin")
}

/// The recogniser: a loaded model plus its gazetteers.
#[derive(Debug, Clone)]
pub struct Recogniser {
    model: QuantModel,
    beam: usize,
}

impl Recogniser {
    /// Load a model blob (the contents of `crates/lede-ner/data/model.bin`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Recogniser, ModelError> {
        let model = QuantModel::from_bytes(bytes)?;
        let beam = model.beam();
        Ok(Recogniser { model, beam })
    }

    /// The committed model (needs the `embedded-model` feature).
    #[cfg(feature = "embedded-model")]
    pub fn embedded() -> Recogniser {
        Recogniser::from_bytes(embedded_model()).expect("committed model loads")
    }

    /// Decode with this beam width instead of the model's (1 = greedy: about twice as fast,
    /// somewhat less accurate).
    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    pub fn beam(&self) -> usize {
        self.beam
    }

    pub fn model(&self) -> &QuantModel {
        &self.model
    }

    /// Tag pre-tokenised text: one document as sentences of words. Returns BILOU tag indices per
    /// token (see [`tags::tag_name`]). Used for CoNLL evaluation, where the file's own tokens are kept.
    pub fn tag_tokens<S: AsRef<str>>(&self, doc: &[Vec<S>]) -> Vec<Vec<usize>> {
        let fz = self.model.featuriser();
        let mut scratch = Scratch::default();
        tagger::tag_document(
            &self.model,
            &fz,
            &self.model.gazetteer,
            doc,
            self.model.two_pass(),
            self.beam,
            &mut scratch,
        )
    }

    /// Tags every sentence of CoNLL documents on their own tokens and hands each sentence with
    /// its gold and predicted chunks to `each` — the loop shared by `lede-ner eval` and the tests.
    pub fn for_each_tagged_sentence(
        &self,
        docs: &[conll::Document],
        mut each: impl FnMut(&conll::Sentence, &[conll::Chunk], &[conll::Chunk]),
    ) {
        for d in docs {
            let words: Vec<Vec<&str>> =
                d.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
            for (s, p) in d.sentences.iter().zip(&self.tag_tokens(&words)) {
                each(s, &conll::chunks(&s.tags), &tags::decode_bilou(p));
            }
        }
    }

    /// Analyse one article given as its text blocks (headline, standfirst, captions, paragraphs...).
    /// Entities are linked across all blocks; span offsets are byte offsets into each block.
    pub fn analyse<S: AsRef<str>>(&self, blocks: &[S]) -> Analysis {
        // Tokenise every block and collect its sentences as one document.
        struct SentRef {
            block: usize,
            tokens: Vec<Token>,
        }
        let mut refs: Vec<SentRef> = Vec::new();
        let mut words: Vec<Vec<Cow<'_, str>>> = Vec::new();
        for (b, text) in blocks.iter().enumerate() {
            let text = text.as_ref();
            let toks = tokenise(text);
            for s in sentences(text, &toks) {
                let tokens = toks[s.first..s.last].to_vec();
                words.push(tokens.iter().map(|t| normalise(t.text(text))).collect());
                refs.push(SentRef { block: b, tokens });
            }
        }
        // Tag a truecased copy; spans still point at the original bytes.
        let mut cased = words.clone();
        features::truecase_title_lines(&mut cased, &self.model.gazetteer);
        let tags = self.tag_tokens(&cased);
        // Named mentions.
        struct Found {
            sent: usize,
            first: usize,
            last: usize,
        }
        let mut found: Vec<Found> = Vec::new();
        let mut mentions: Vec<link::Mention> = Vec::new();
        for (si, ts) in tags.iter().enumerate() {
            let mut chunks = tags::decode_bilou(ts);
            postprocess::fix_sentence(&cased[si], &mut chunks, &self.model.gazetteer);
            for c in chunks {
                let mut first = c.start;
                // CoNLL names exclude a leading article; the tagger occasionally includes it.
                if c.end - first > 1 && words[si][first].eq_ignore_ascii_case("the") {
                    first += 1;
                }
                found.push(Found { sent: si, first, last: c.end });
                mentions.push(link::Mention {
                    kind: c.kind,
                    tokens: words[si][first..c.end].iter().map(|w| w.to_string()).collect(),
                });
            }
        }
        let (assign, kinds, linked) = link::link(&mentions);
        let mut counts = vec![0usize; linked.len()];
        let mut out = Analysis { blocks: vec![Vec::new(); blocks.len()], entities: Vec::new() };
        let mut taken: Vec<Vec<bool>> = words.iter().map(|w| vec![false; w.len()]).collect();
        for (mi, f) in found.iter().enumerate() {
            let r = &refs[f.sent];
            for t in &mut taken[f.sent][f.first..f.last] {
                *t = true;
            }
            counts[assign[mi]] += 1;
            out.blocks[r.block].push(Span {
                start: r.tokens[f.first].start,
                end: r.tokens[f.last - 1].end,
                kind: kinds[mi],
                entity_id: Some(linked[assign[mi]].id.clone()),
            });
        }
        // Mentions the tagger missed: a capitalised occurrence of a name it found elsewhere in the
        // article ("Cook, 62, told..." after "Tim Cook"), or of a person's surname.
        let mut names: Vec<(Vec<String>, usize)> = Vec::new();
        for (mi, m) in mentions.iter().enumerate() {
            let e = assign[mi];
            let toks = &m.tokens;
            let ok = |t: &String| t.chars().next().is_some_and(char::is_uppercase) && t.chars().count() >= 2;
            if toks.iter().all(ok) && !names.iter().any(|(n, _)| n == toks) {
                names.push((toks.clone(), e));
            }
            if linked[e].kind == EntityType::Per && toks.len() >= 2 {
                let surname = vec![toks[toks.len() - 1].clone()];
                if ok(&surname[0]) && !names.iter().any(|(n, _)| *n == surname) {
                    names.push((surname, e));
                }
            }
        }
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        for (si, ws) in words.iter().enumerate() {
            if ws.iter().all(|w| !w.chars().any(char::is_lowercase)) {
                continue; // ALL-CAPS lines: capitalisation says nothing
            }
            let r = &refs[si];
            let mut i = 0;
            while i < ws.len() {
                let hit = if taken[si][i] || rules::is_calendar_word(&ws[i]) {
                    None
                } else {
                    names.iter().find(|(n, _)| {
                        i + n.len() <= ws.len()
                            && n.iter().zip(&ws[i..]).all(|(a, b)| a == b.as_ref())
                            && !taken[si][i..i + n.len()].iter().any(|&t| t)
                    })
                };
                let Some((n, e)) = hit else {
                    i += 1;
                    continue;
                };
                for t in &mut taken[si][i..i + n.len()] {
                    *t = true;
                }
                counts[*e] += 1;
                out.blocks[r.block].push(Span {
                    start: r.tokens[i].start,
                    end: r.tokens[i + n.len() - 1].end,
                    kind: linked[*e].kind,
                    entity_id: Some(linked[*e].id.clone()),
                });
                i += n.len();
            }
        }
        // Rule-based dates, times and numbers on what the tagger left free.
        for (si, ws) in words.iter().enumerate() {
            let r = &refs[si];
            for m in rules::find(ws, &taken[si]) {
                out.blocks[r.block].push(Span {
                    start: r.tokens[m.start].start,
                    end: r.tokens[m.end - 1].end,
                    kind: m.kind,
                    entity_id: None,
                });
            }
        }
        for spans in &mut out.blocks {
            spans.sort_by_key(|s| (s.start, s.end));
        }
        // Several linked clusters can share an id (same canonical name and type); merge their counts.
        for (l, n) in linked.into_iter().zip(counts) {
            if let Some(e) = out.entities.iter_mut().find(|e| e.id == l.id) {
                e.mentions += n;
            } else {
                out.entities.push(Entity { id: l.id, kind: l.kind, name: l.name, mentions: n });
            }
        }
        out
    }

    /// Tokens (as the tagger saw them, after truecasing) and BILOU tags per sentence; for debugging.
    pub fn debug_tags(&self, text: &str) -> Vec<(Vec<String>, Vec<usize>)> {
        let toks = tokenise(text);
        let mut words: Vec<Vec<Cow<'_, str>>> = sentences(text, &toks)
            .iter()
            .map(|s| toks[s.first..s.last].iter().map(|t| normalise(t.text(text))).collect())
            .collect();
        features::truecase_title_lines(&mut words, &self.model.gazetteer);
        let tags = self.tag_tokens(&words);
        words.into_iter().map(|w| w.into_iter().map(|x| x.into_owned()).collect()).zip(tags).collect()
    }

    /// Analyse a single piece of text (one block).
    pub fn analyse_text(&self, text: &str) -> Analysis {
        self.analyse(&[text])
    }
}
