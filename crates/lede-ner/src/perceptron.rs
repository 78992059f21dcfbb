//! Greedy left-to-right decoding over BILOU tags, and the averaged perceptron that learns the
//! weights. The same decoder runs on float weights while training and on the quantised table in
//! the shipped model.

use crate::features::{Featuriser, START_TAG, TokInfo};
use crate::tags::{NUM_TAGS, Pos, TRANSITIONS, allowed, allowed_last, tag_parts};

/// Something that can add a feature bucket's tag weights to a score vector.
pub trait Weights {
    fn add(&self, bucket: u32, scores: &mut [f32; NUM_TAGS]);
}

/// Full-precision weights, `2^bits × NUM_TAGS`.
#[derive(Debug, Clone)]
pub struct DenseWeights {
    pub w: Vec<f32>,
}

impl Weights for DenseWeights {
    #[inline]
    fn add(&self, bucket: u32, scores: &mut [f32; NUM_TAGS]) {
        let row = &self.w[bucket as usize * NUM_TAGS..][..NUM_TAGS];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += *w;
        }
    }
}

/// Sum of the static features' weights for each token.
pub fn static_scores<W: Weights>(w: &W, feats: &[Vec<u32>]) -> Vec<[f32; NUM_TAGS]> {
    feats
        .iter()
        .map(|f| {
            let mut s = [0f32; NUM_TAGS];
            for &b in f {
                w.add(b, &mut s);
            }
            s
        })
        .collect()
}

/// Decode one sentence. `constrained` keeps the output a well-formed BILOU sequence.
pub fn decode<W: Weights>(
    w: &W,
    fz: &Featuriser,
    feats: &[Vec<u32>],
    infos: &[TokInfo],
    constrained: bool,
    dyn_buf: &mut Vec<u32>,
) -> Vec<usize> {
    decode_scored(w, fz, &static_scores(w, feats), infos, constrained, dyn_buf)
}

/// Decode given precomputed static scores; only the previous-tag features are added here.
pub fn decode_scored<W: Weights>(
    w: &W,
    fz: &Featuriser,
    statics: &[[f32; NUM_TAGS]],
    infos: &[TokInfo],
    constrained: bool,
    dyn_buf: &mut Vec<u32>,
) -> Vec<usize> {
    let n = infos.len();
    let mut out = Vec::with_capacity(n);
    let (mut p1, mut p2) = (START_TAG, START_TAG);
    for i in 0..n {
        let mut scores = statics[i];
        dyn_buf.clear();
        fz.dynamic(infos, i, p1, p2, dyn_buf);
        for &b in dyn_buf.iter() {
            w.add(b, &mut scores);
        }
        let prev = if p1 == START_TAG { None } else { Some(p1) };
        let mut best = 0;
        let mut best_s = f32::NEG_INFINITY;
        for (t, &s) in scores.iter().enumerate() {
            if constrained && (!allowed(prev, t) || (i + 1 == n && !allowed_last(t))) {
                continue;
            }
            // Punctuation may sit inside a name but never starts or ends one.
            if constrained && infos[i].punct && t != 0 && !matches!(tag_parts(t), Some((_, Pos::I))) {
                continue;
            }
            if s > best_s {
                best_s = s;
                best = t;
            }
        }
        out.push(best);
        p2 = p1;
        p1 = best;
    }
    out
}

/// Beam search over tag sequences with the same scores as [`decode_scored`] (width 1 is greedy).
/// Greedy decoding commits to a tag before seeing the next word; keeping a few partial sequences
/// lets "B-ORG" lose to "U-LOC" when the next word does not continue the name.
/// `fixed_cache` (length `(NUM_TAGS + 1)^2`, all `None` to start) keeps the tag-pair scores between
/// calls with the same weights.
pub fn decode_beam<W: Weights>(
    w: &W,
    fz: &Featuriser,
    statics: &[[f32; NUM_TAGS]],
    infos: &[TokInfo],
    width: usize,
    dyn_buf: &mut Vec<u32>,
    fixed_cache: &mut [Option<[f32; NUM_TAGS]>],
) -> Vec<usize> {
    if width <= 1 {
        return decode_scored(w, fz, statics, infos, true, dyn_buf);
    }
    #[derive(Clone, Copy)]
    struct State {
        score: f32,
        p1: usize,
        p2: usize,
        /// Index of the predecessor state in the previous position's beam.
        back: usize,
    }
    let n = infos.len();
    // history[i * width + k]: the k-th best state after token i (fewer than `width` may be live).
    let mut history: Vec<State> = Vec::with_capacity(n * width);
    let mut live: Vec<usize> = Vec::with_capacity(n);
    let mut beam: Vec<State> = vec![State { score: 0.0, p1: START_TAG, p2: START_TAG, back: 0 }];
    let mut next: Vec<State> = Vec::with_capacity(width + 1);
    let mut cache: Vec<(usize, [f32; NUM_TAGS])> = Vec::with_capacity(width);
    let better = |a: &State, b: &State| a.score > b.score || (a.score == b.score && (a.back, a.p1) < (b.back, b.p1));
    for i in 0..n {
        next.clear();
        let last = i + 1 == n;
        let punct = infos[i].punct;
        // Strictness 2: BILOU + punctuation rule; 1: BILOU only; 0: anything (never empty).
        for strict in (0..=2).rev() {
            cache.clear();
            for (bi, st) in beam.iter().enumerate() {
                // Scores = static + tag-pair part (same for every token, cached for the document)
                // + previous-tag-and-token part (cached for this token).
                let scores = {
                    let slot = st.p1 * (NUM_TAGS + 1) + st.p2;
                    let fixed = match fixed_cache[slot] {
                        Some(f) => f,
                        None => {
                            let mut f = [0f32; NUM_TAGS];
                            dyn_buf.clear();
                            fz.dynamic_fixed(st.p1, st.p2, dyn_buf);
                            for &b in dyn_buf.iter() {
                                w.add(b, &mut f);
                            }
                            fixed_cache[slot] = Some(f);
                            f
                        }
                    };
                    let tok = match cache.iter().find(|c| c.0 == st.p1) {
                        Some(c) => c.1,
                        None => {
                            let mut f = [0f32; NUM_TAGS];
                            dyn_buf.clear();
                            fz.dynamic_token(infos, i, st.p1, dyn_buf);
                            for &b in dyn_buf.iter() {
                                w.add(b, &mut f);
                            }
                            cache.push((st.p1, f));
                            f
                        }
                    };
                    let mut sc = statics[i];
                    for t in 0..NUM_TAGS {
                        sc[t] += fixed[t] + tok[t];
                    }
                    sc
                };
                let trans = &TRANSITIONS[st.p1];
                for (t, &s) in scores.iter().enumerate() {
                    if strict >= 1 && !trans[t] {
                        continue;
                    }
                    let total = st.score + s;
                    // Cheap rejection: cannot enter a full beam (equal scores go to the full test).
                    if next.len() == width && total < next[width - 1].score {
                        continue;
                    }
                    if strict >= 1 && last && !allowed_last(t) {
                        continue;
                    }
                    if strict >= 2 && punct && t != 0 && !matches!(tag_parts(t), Some((_, Pos::I))) {
                        continue;
                    }
                    let cand = State { score: total, p1: t, p2: st.p1, back: bi };
                    if next.len() == width && !better(&cand, &next[width - 1]) {
                        continue;
                    }
                    // Insert into the small sorted list of the best `width` candidates.
                    let pos = next.iter().position(|x| better(&cand, x)).unwrap_or(next.len());
                    next.insert(pos, cand);
                    next.truncate(width);
                }
            }
            if !next.is_empty() {
                break;
            }
        }
        std::mem::swap(&mut beam, &mut next);
        live.push(beam.len());
        history.extend_from_slice(&beam);
        history.resize((i + 1) * width, State { score: 0.0, p1: 0, p2: 0, back: 0 });
    }
    let mut out = vec![0; n];
    let mut k = 0;
    for i in (0..n).rev() {
        let st = history[i * width + k];
        out[i] = st.p1;
        k = st.back;
    }
    let _ = live;
    out
}

/// Averaged perceptron state: current weights `w` and the running sum used for averaging
/// (`avg = w - u / c`, the usual trick that avoids touching every weight at every step).
pub struct Trainer {
    pub w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
    /// Word dropout: per mille of tokens whose word-identity features (the first `WORD_FEATS` after
    /// the bias) are hidden during an update, so the model also learns to tag from context, shape
    /// and gazetteers — what it has to rely on for words it never saw.
    pub word_dropout: u32,
    rng: u64,
}

/// Static features 1..=2 are the exact and the lower-cased word (see `Featuriser::sentence`).
const WORD_FEATS: std::ops::Range<usize> = 1..3;

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NUM_TAGS;
        Trainer { w: vec![0.0; n], u: vec![0.0; n], c: 1.0, word_dropout: 0, rng: 0x2545_f491_4f6c_dd1d }
    }

    fn bump(&mut self, feats: &[u32], tag: usize, delta: f32) {
        for &b in feats {
            let k = b as usize * NUM_TAGS + tag;
            self.w[k] += delta;
            self.u[k] += self.c * delta as f64;
        }
    }

    /// One training pass over a sentence; returns the number of token errors.
    pub fn learn_sentence(
        &mut self,
        fz: &Featuriser,
        feats: &[Vec<u32>],
        infos: &[TokInfo],
        gold: &[usize],
        dyn_buf: &mut Vec<u32>,
    ) -> usize {
        let n = infos.len();
        let (mut p1, mut p2) = (START_TAG, START_TAG);
        let mut errors = 0;
        let mut kept: Vec<u32> = Vec::new();
        for i in 0..n {
            let mut scores = [0f32; NUM_TAGS];
            self.rng ^= self.rng << 13;
            self.rng ^= self.rng >> 7;
            self.rng ^= self.rng << 17;
            let drop = self.word_dropout > 0 && (self.rng % 1000) < self.word_dropout as u64;
            kept.clear();
            for (k, &b) in feats[i].iter().enumerate() {
                if !(drop && WORD_FEATS.contains(&k)) {
                    kept.push(b);
                }
            }
            let dw = DenseView(&self.w);
            for &b in &kept {
                dw.add(b, &mut scores);
            }
            dyn_buf.clear();
            fz.dynamic(infos, i, p1, p2, dyn_buf);
            for &b in dyn_buf.iter() {
                dw.add(b, &mut scores);
            }
            let mut best = 0;
            for t in 1..NUM_TAGS {
                if scores[t] > scores[best] {
                    best = t;
                }
            }
            if best != gold[i] {
                errors += 1;
                self.bump(&kept, gold[i], 1.0);
                self.bump(&kept, best, -1.0);
                let d = std::mem::take(dyn_buf);
                self.bump(&d, gold[i], 1.0);
                self.bump(&d, best, -1.0);
                *dyn_buf = d;
            }
            self.c += 1.0;
            p2 = p1;
            p1 = best;
        }
        errors
    }

    /// One beam-search training pass over a sentence with early update (Collins & Roark 2004): as
    /// soon as the gold prefix drops out of the beam, move the weights towards the gold prefix and
    /// away from the best prefix in the beam. Returns 1 if an update was made.
    pub fn learn_sentence_beam(
        &mut self,
        fz: &Featuriser,
        feats: &[Vec<u32>],
        infos: &[TokInfo],
        gold: &[usize],
        width: usize,
        dyn_buf: &mut Vec<u32>,
    ) -> usize {
        let n = infos.len();
        let statics = static_scores(&DenseView(&self.w), feats);
        let mut beam: Vec<(f32, Vec<usize>)> = vec![(0.0, Vec::with_capacity(n))];
        let mut violation: Option<Vec<usize>> = None;
        for i in 0..n {
            let mut next: Vec<(f32, usize, usize)> = Vec::new();
            for (bi, (score, tags)) in beam.iter().enumerate() {
                let p1 = tags.last().copied().unwrap_or(START_TAG);
                let p2 = if tags.len() >= 2 { tags[tags.len() - 2] } else { START_TAG };
                let mut sc = statics[i];
                dyn_buf.clear();
                fz.dynamic(infos, i, p1, p2, dyn_buf);
                let dw = DenseView(&self.w);
                for &b in dyn_buf.iter() {
                    dw.add(b, &mut sc);
                }
                for t in 0..NUM_TAGS {
                    if TRANSITIONS[p1][t] && (i + 1 < n || allowed_last(t)) {
                        next.push((score + sc[t], bi, t));
                    }
                }
            }
            next.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            next.truncate(width);
            beam = next
                .iter()
                .map(|&(sc, bi, t)| {
                    let mut tags = beam[bi].1.clone();
                    tags.push(t);
                    (sc, tags)
                })
                .collect();
            if !beam.iter().any(|(_, tags)| tags[..] == gold[..=i]) {
                violation = Some(beam[0].1.clone());
                break;
            }
        }
        let pred = match violation {
            Some(p) => p,
            None if beam[0].1[..] != gold[..] => beam[0].1.clone(),
            None => {
                self.c += n as f64;
                return 0;
            }
        };
        // Update every position of the violating prefix, each with its own history.
        let mut kept = Vec::new();
        for (j, &pt) in pred.iter().enumerate() {
            let gh = (if j >= 1 { gold[j - 1] } else { START_TAG }, if j >= 2 { gold[j - 2] } else { START_TAG });
            let ph = (if j >= 1 { pred[j - 1] } else { START_TAG }, if j >= 2 { pred[j - 2] } else { START_TAG });
            if gold[j] == pt && gh == ph {
                continue;
            }
            self.bump(&feats[j], gold[j], 1.0);
            self.bump(&feats[j], pt, -1.0);
            kept.clear();
            fz.dynamic(infos, j, gh.0, gh.1, &mut kept);
            self.bump(&kept, gold[j], 1.0);
            kept.clear();
            fz.dynamic(infos, j, ph.0, ph.1, &mut kept);
            self.bump(&kept, pt, -1.0);
        }
        self.c += n as f64;
        1
    }

    /// The averaged weights.
    pub fn averaged(&self) -> DenseWeights {
        let c = self.c;
        DenseWeights { w: self.w.iter().zip(&self.u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect() }
    }
}

struct DenseView<'a>(&'a [f32]);

impl Weights for DenseView<'_> {
    #[inline]
    fn add(&self, bucket: u32, scores: &mut [f32; NUM_TAGS]) {
        let row = &self.0[bucket as usize * NUM_TAGS..][..NUM_TAGS];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += *w;
        }
    }
}
