//! Tagging a whole document: a first pass with sentence-local and spelling-based document features,
//! then (when the model was trained for it) a second pass that also sees what the first pass decided
//! about the same word elsewhere in the document, so "Bachelet" is tagged the same way every time.

use std::collections::HashMap;

use crate::features::{DocContext, Featuriser, TokInfo, lower_hash};
use crate::gazetteer::Gazetteer;
use crate::perceptron::{Weights, decode_beam, static_scores};
use crate::tags::{LEARNED, NUM_TAGS, decode_bilou};

/// Reusable buffers.
#[derive(Default)]
pub struct Scratch {
    feats: Vec<Vec<u32>>,
    infos: Vec<TokInfo>,
    dyn_buf: Vec<u32>,
}

/// Cache of tag-pair dynamic scores for one set of weights.
fn fresh_fixed_cache() -> Vec<Option<[f32; NUM_TAGS]>> {
    vec![None; (NUM_TAGS + 1) * (NUM_TAGS + 1)]
}

/// First-pass decisions summarised per word: counts of being inside each learned type, and of
/// occurrences.
pub fn build_memory<S: AsRef<str>>(
    doc: &[Vec<S>],
    tags: &[Vec<usize>],
) -> HashMap<u64, [u16; 5], crate::hash::IdentityBuild> {
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
    beam: usize,
    s: &mut Scratch,
) -> Vec<Vec<usize>> {
    // Typographic quotes, dashes... folded here, once for every path that tags.
    let doc = &crate::tokenise::normalise_document(doc);
    let mut ctx = DocContext::build(doc);
    if fz.definitions {
        ctx.add_definitions(doc, gaz);
    }
    let mut fixed = fresh_fixed_cache();
    // First pass; keep each token's static scores so the second pass only adds memory features.
    let mut statics: Vec<Vec<[f32; NUM_TAGS]>> = Vec::with_capacity(doc.len());
    let mut infos: Vec<Vec<TokInfo>> = Vec::with_capacity(doc.len());
    let mut first = Vec::with_capacity(doc.len());
    for words in doc {
        if words.is_empty() {
            statics.push(Vec::new());
            infos.push(Vec::new());
            first.push(Vec::new());
            continue;
        }
        fz.sentence(words, gaz, &ctx, false, &mut s.feats, &mut s.infos);
        let sc = static_scores(w, &s.feats[..words.len()]);
        first.push(decode_beam(w, fz, &sc, &s.infos, beam, &mut s.dyn_buf, &mut fixed));
        statics.push(sc);
        infos.push(s.infos.clone());
    }
    if !two_pass {
        return first;
    }
    ctx.memory = build_memory(doc, &first);
    let mut mem_feats = Vec::new();
    statics
        .into_iter()
        .zip(&infos)
        .zip(first)
        .map(|((mut sc, inf), first_tags)| {
            let mut any = false;
            for (score, info) in sc.iter_mut().zip(inf) {
                mem_feats.clear();
                fz.memory_features(&ctx, *info, &mut mem_feats);
                any |= !mem_feats.is_empty();
                for &b in &mem_feats {
                    w.add(b, score);
                }
            }
            // Nothing new to see: the second pass would repeat the first exactly.
            if !any {
                return first_tags;
            }
            decode_beam(w, fz, &sc, inf, beam, &mut s.dyn_buf, &mut fixed)
        })
        .collect()
}
