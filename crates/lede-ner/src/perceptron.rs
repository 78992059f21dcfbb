//! Greedy left-to-right decoding over BILOU tags, and the averaged perceptron that learns the
//! weights. The same decoder runs on float weights while training and on the quantised table in
//! the shipped model.

use crate::features::{Featuriser, START_TAG, TokInfo};
use crate::tags::{NUM_TAGS, allowed, allowed_last};

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

/// Decode one sentence. `constrained` keeps the output a well-formed BILOU sequence.
pub fn decode<W: Weights>(
    w: &W,
    fz: &Featuriser,
    feats: &[Vec<u32>],
    infos: &[TokInfo],
    constrained: bool,
    dyn_buf: &mut Vec<u32>,
) -> Vec<usize> {
    let n = infos.len();
    let mut out = Vec::with_capacity(n);
    let (mut p1, mut p2) = (START_TAG, START_TAG);
    for i in 0..n {
        let mut scores = [0f32; NUM_TAGS];
        for &b in &feats[i] {
            w.add(b, &mut scores);
        }
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

/// Averaged perceptron state: current weights `w` and the running sum used for averaging
/// (`avg = w - u / c`, the usual trick that avoids touching every weight at every step).
pub struct Trainer {
    pub w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NUM_TAGS;
        Trainer { w: vec![0.0; n], u: vec![0.0; n], c: 1.0 }
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
        for i in 0..n {
            let mut scores = [0f32; NUM_TAGS];
            let dw = DenseView(&self.w);
            for &b in &feats[i] {
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
                self.bump(&feats[i], gold[i], 1.0);
                self.bump(&feats[i], best, -1.0);
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
