//! Tagging a whole document: a first pass with sentence-local and spelling-based document features,
//! then (when the model was trained for it) a second pass that also sees what the first pass decided
//! about the same word elsewhere in the document, so "Bachelet" is tagged the same way every time.

use std::collections::HashMap;

use crate::features::{DocContext, Featuriser, TokInfo, lower_hash};
use crate::gazetteer::Gazetteer;
use crate::perceptron::{Weights, decode};
use crate::tags::{LEARNED, decode_bilou};

/// Reusable buffers.
#[derive(Default)]
pub struct Scratch {
    feats: Vec<Vec<u32>>,
    infos: Vec<TokInfo>,
    dyn_buf: Vec<u32>,
}

/// First-pass decisions summarised per word: counts of being inside each learned type, and of
/// occurrences.
pub fn build_memory<S: AsRef<str>>(doc: &[Vec<S>], tags: &[Vec<usize>]) -> HashMap<u64, [u16; 5], crate::hash::IdentityBuild> {
    let mut mem: HashMap<u64, [u16; 5], crate::hash::IdentityBuild> = HashMap::default();
    for (words, ts) in doc.iter().zip(tags) {
        let mut inside = vec![None; words.len()];
        for c in decode_bilou(ts) {
            for slot in inside.iter_mut().take(c.end).skip(c.start) {
                *slot = LEARNED.iter().position(|&k| k == c.kind);
            }
        }
        for (w, k) in words.iter().zip(inside) {
            let w = w.as_ref();
            if !w.chars().any(char::is_alphabetic) {
                continue;
            }
            let m = mem.entry(lower_hash(w)).or_default();
            m[4] = m[4].saturating_add(1);
            if let Some(k) = k {
                m[k] = m[k].saturating_add(1);
            }
        }
    }
    mem
}

/// Tag every sentence of a document; returns BILOU tag indices.
pub fn tag_document<W: Weights, S: AsRef<str>>(
    w: &W,
    fz: &Featuriser,
    gaz: &Gazetteer,
    doc: &[Vec<S>],
    two_pass: bool,
    scratch: &mut Scratch,
) -> Vec<Vec<usize>> {
    let mut ctx = DocContext::build(doc);
    let first = run_pass(w, fz, gaz, doc, &ctx, false, scratch);
    if !two_pass {
        return first;
    }
    ctx.memory = build_memory(doc, &first);
    run_pass(w, fz, gaz, doc, &ctx, true, scratch)
}

fn run_pass<W: Weights, S: AsRef<str>>(
    w: &W,
    fz: &Featuriser,
    gaz: &Gazetteer,
    doc: &[Vec<S>],
    ctx: &DocContext,
    memory: bool,
    s: &mut Scratch,
) -> Vec<Vec<usize>> {
    doc.iter()
        .map(|words| {
            if words.is_empty() {
                return Vec::new();
            }
            fz.sentence(words, gaz, ctx, memory, &mut s.feats, &mut s.infos);
            decode(w, fz, &s.feats[..words.len()], &s.infos, true, &mut s.dyn_buf)
        })
        .collect()
}
