//! Exact-match chunk scoring, as conlleval computes it: a predicted entity counts only when its
//! boundaries and type both equal a gold entity's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::conll::Chunk;
use crate::tags::EntityType;

/// Precision, recall and F1 (between 0 and 1) with the entity counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Score {
    fn from_counts(gold: usize, predicted: usize, correct: usize) -> Score {
        let precision = if predicted == 0 { 0.0 } else { correct as f64 / predicted as f64 };
        let recall = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Score { precision, recall, f1, gold, predicted, correct }
    }
}

/// Overall micro-averaged score plus one score per type.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub overall: Score,
    pub per_type: BTreeMap<String, Score>,
}

/// Accumulates gold/predicted chunks sentence by sentence.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    /// Types to score; empty = all.
    types: Vec<EntityType>,
    counts: BTreeMap<EntityType, (usize, usize, usize)>,
}

impl Scorer {
    pub fn new(types: &[EntityType]) -> Scorer {
        Scorer { types: types.to_vec(), counts: BTreeMap::new() }
    }

    fn keep(&self, k: EntityType) -> bool {
        self.types.is_empty() || self.types.contains(&k)
    }

    /// Add one sentence's chunks.
    pub fn add(&mut self, gold: &[Chunk], predicted: &[Chunk]) {
        for g in gold {
            if self.keep(g.kind) {
                let hit = predicted.contains(g) as usize;
                let e = self.counts.entry(g.kind).or_default();
                e.0 += 1;
                e.2 += hit;
            }
        }
        for p in predicted {
            if self.keep(p.kind) {
                self.counts.entry(p.kind).or_default().1 += 1;
            }
        }
        for &k in &self.types {
            self.counts.entry(k).or_default();
        }
    }

    pub fn report(&self) -> Report {
        let mut per_type = BTreeMap::new();
        let (mut g, mut p, mut c) = (0, 0, 0);
        for (k, &(kg, kp, kc)) in &self.counts {
            per_type.insert(k.label().to_string(), Score::from_counts(kg, kp, kc));
            g += kg;
            p += kp;
            c += kc;
        }
        Report { overall: Score::from_counts(g, p, c), per_type }
    }
}

impl Report {
    /// A conlleval-like text table.
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        let row = |name: &str, sc: &Score| {
            format!(
                "{:<8} precision {:6.2}%  recall {:6.2}%  F1 {:6.2}   gold {:5}  predicted {:5}  correct {:5}\n",
                name,
                100.0 * sc.precision,
                100.0 * sc.recall,
                100.0 * sc.f1,
                sc.gold,
                sc.predicted,
                sc.correct
            )
        };
        s.push_str(&row("overall", &self.overall));
        for (k, sc) in &self.per_type {
            s.push_str(&row(k, sc));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only() {
        let gold =
            [Chunk { start: 0, end: 2, kind: EntityType::Per }, Chunk { start: 3, end: 4, kind: EntityType::Loc }];
        let pred =
            [Chunk { start: 0, end: 1, kind: EntityType::Per }, Chunk { start: 3, end: 4, kind: EntityType::Loc }];
        let mut s = Scorer::new(&[]);
        s.add(&gold, &pred);
        let r = s.report();
        assert_eq!((r.overall.gold, r.overall.predicted, r.overall.correct), (2, 2, 1));
        assert!((r.overall.f1 - 0.5).abs() < 1e-9);
        assert_eq!(r.per_type["LOC"].correct, 1);
    }

    #[test]
    fn type_filter() {
        let gold = [Chunk { start: 0, end: 1, kind: EntityType::Misc }];
        let mut s = Scorer::new(&[EntityType::Per]);
        s.add(&gold, &gold);
        let r = s.report();
        assert_eq!(r.overall.gold, 0);
        assert!(r.per_type.contains_key("PER"));
    }
}
