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

/// A confusion-matrix cell: (gold type, predicted type), `None` for "no span there".
type Cell = (Option<EntityType>, Option<EntityType>);

/// Where the errors are: a confusion matrix over exact spans (gold type × predicted type, with
/// "none" for a span the other side lacks), boundary errors, and recall by the classes of the
/// issue tracker's error analysis: names seen or unseen in training, names of 1, 2, 3 and 4+
/// tokens, and names containing a digit. `lede-ner eval --confusion` prints it.
#[derive(Debug, Clone, Default)]
pub struct ErrorAnalysis {
    types: Vec<EntityType>,
    /// (gold type or None, predicted type or None) → count, over spans with identical boundaries
    /// or with no overlapping span on the other side.
    pub matrix: BTreeMap<Cell, usize>,
    /// Gold names whose span overlaps a predicted span with other boundaries (type right / wrong).
    pub boundary_same_type: usize,
    pub boundary_other_type: usize,
    /// Class name → (gold names, found exactly).
    pub recall: BTreeMap<&'static str, (usize, usize)>,
    /// Lower-cased names seen in training (for the seen/unseen classes), if given.
    seen: Option<std::collections::HashSet<String>>,
}

impl ErrorAnalysis {
    pub fn new(types: &[EntityType], seen: Option<std::collections::HashSet<String>>) -> ErrorAnalysis {
        ErrorAnalysis { types: types.to_vec(), seen, ..ErrorAnalysis::default() }
    }

    /// The lower-cased names of every chunk of `types` in some documents (for `new`'s `seen`).
    pub fn names_in(docs: &[crate::conll::Document]) -> std::collections::HashSet<String> {
        let mut out = std::collections::HashSet::new();
        for s in docs.iter().flat_map(|d| &d.sentences) {
            for c in crate::conll::chunks(&s.tags) {
                out.insert(s.words[c.start..c.end].join(" ").to_lowercase());
            }
        }
        out
    }

    pub fn add(&mut self, words: &[String], gold: &[Chunk], predicted: &[Chunk]) {
        let keep = |c: &&Chunk| self.types.contains(&c.kind);
        let gold: Vec<&Chunk> = gold.iter().filter(keep).collect();
        let pred: Vec<&Chunk> = predicted.iter().filter(keep).collect();
        let overlaps = |a: &Chunk, b: &Chunk| a.start < b.end && b.start < a.end;
        for g in &gold {
            if let Some(p) = pred.iter().find(|p| p.start == g.start && p.end == g.end) {
                *self.matrix.entry((Some(g.kind), Some(p.kind))).or_default() += 1;
            } else if let Some(p) = pred.iter().find(|p| overlaps(g, p)) {
                if p.kind == g.kind {
                    self.boundary_same_type += 1;
                } else {
                    self.boundary_other_type += 1;
                }
            } else {
                *self.matrix.entry((Some(g.kind), None)).or_default() += 1;
            }
            let hit = pred.contains(g) as usize;
            let name = &words[g.start..g.end];
            let mut classes = vec![match g.end - g.start {
                1 => "length 1",
                2 => "length 2",
                3 => "length 3",
                _ => "length 4+",
            }];
            if name.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
                classes.push("contains a digit");
            }
            if let Some(seen) = &self.seen {
                classes.push(if seen.contains(&name.join(" ").to_lowercase()) {
                    "seen in training"
                } else {
                    "unseen in training"
                });
            }
            for c in classes {
                let e = self.recall.entry(c).or_default();
                e.0 += 1;
                e.1 += hit;
            }
        }
        for p in &pred {
            if !gold.iter().any(|g| overlaps(g, p)) {
                *self.matrix.entry((None, Some(p.kind))).or_default() += 1;
            }
        }
    }

    /// Errors with the span right and the type wrong, as a share of all gold names missed plus
    /// spurious predictions (the "type confusions").
    pub fn type_confusion_share(&self) -> f64 {
        let mut errors = self.boundary_same_type + self.boundary_other_type;
        let mut confusions = 0;
        for (&(g, p), &n) in &self.matrix {
            if g != p {
                errors += n;
                if g.is_some() && p.is_some() {
                    confusions += n;
                }
            }
        }
        if errors == 0 { 0.0 } else { confusions as f64 / errors as f64 }
    }

    pub fn to_table(&self) -> String {
        let label = |k: Option<EntityType>| k.map_or("none", |k| k.label());
        let cols: Vec<Option<EntityType>> = self.types.iter().map(|&k| Some(k)).chain([None]).collect();
        let mut s = String::from("confusion over exact spans (rows: gold, columns: predicted; none = no span there)\n");
        s.push_str(&format!("{:<8}", "gold"));
        for &c in &cols {
            s.push_str(&format!("{:>8}", label(c)));
        }
        s.push('\n');
        for &r in &cols {
            s.push_str(&format!("{:<8}", label(r)));
            for &c in &cols {
                let n = if r.is_none() && c.is_none() { 0 } else { self.matrix.get(&(r, c)).copied().unwrap_or(0) };
                s.push_str(&format!("{:>8}", if r.is_none() && c.is_none() { "-".to_string() } else { n.to_string() }));
            }
            s.push('\n');
        }
        let mut confusions: Vec<(Cell, usize)> = self
            .matrix
            .iter()
            .filter(|((g, p), _)| g.is_some() && p.is_some() && g != p)
            .map(|(k, v)| (*k, *v))
            .collect();
        confusions.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
        s.push_str("largest type confusions (gold->predicted): ");
        let list: Vec<String> =
            confusions.iter().take(6).map(|((g, p), n)| format!("{}->{} {n}", label(*g), label(*p))).collect();
        s.push_str(&list.join(", "));
        s.push('\n');
        s.push_str(&format!(
            "boundary errors (overlapping span, other boundaries): same type {}, other type {}\n",
            self.boundary_same_type, self.boundary_other_type
        ));
        s.push_str(&format!(
            "span right, type wrong: {:.0}% of errors (missed + spurious + boundary + confused)\n",
            100.0 * self.type_confusion_share()
        ));
        s.push_str("recall by class of gold name:\n");
        for (c, &(g, h)) in &self.recall {
            s.push_str(&format!(
                "  {c:<20} {:6.2}%  ({h} of {g})\n",
                if g == 0 { 0.0 } else { 100.0 * h as f64 / g as f64 }
            ));
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

    #[test]
    fn error_analysis_classes() {
        let words: Vec<String> = "Ted Baker said Biden met No. 18 in London".split(' ').map(String::from).collect();
        let c = |start, end, kind| Chunk { start, end, kind };
        let gold =
            [c(0, 2, EntityType::Org), c(3, 4, EntityType::Per), c(5, 7, EntityType::Org), c(8, 9, EntityType::Loc)];
        // Ted Baker read as a person, Biden right, "18" alone (boundary), London missed, "said" spurious.
        let pred =
            [c(0, 2, EntityType::Per), c(2, 3, EntityType::Misc), c(3, 4, EntityType::Per), c(6, 7, EntityType::Org)];
        let seen: std::collections::HashSet<String> = ["biden".to_string()].into();
        let mut e =
            ErrorAnalysis::new(&[EntityType::Per, EntityType::Loc, EntityType::Org, EntityType::Misc], Some(seen));
        e.add(&words, &gold, &pred);
        assert_eq!(e.matrix[&(Some(EntityType::Org), Some(EntityType::Per))], 1);
        assert_eq!(e.matrix[&(Some(EntityType::Per), Some(EntityType::Per))], 1);
        assert_eq!(e.matrix[&(Some(EntityType::Loc), None)], 1);
        assert_eq!(e.matrix[&(None, Some(EntityType::Misc))], 1);
        assert_eq!((e.boundary_same_type, e.boundary_other_type), (1, 0));
        assert_eq!(e.recall["contains a digit"], (1, 0));
        assert_eq!(e.recall["seen in training"], (1, 1));
        assert_eq!(e.recall["unseen in training"], (3, 0));
        assert_eq!(e.recall["length 2"], (2, 0));
        // Errors: Ted Baker (confused), No. 18 (boundary), London (missed), said (spurious).
        assert!((e.type_confusion_share() - 0.25).abs() < 1e-9);
        let table = e.to_table();
        assert!(table.contains("ORG->PER 1"), "{table}");
    }
}
