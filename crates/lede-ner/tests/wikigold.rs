//! Regression guard: the committed model must keep the wikigold F1 reported in docs/entities.md
//! (within a small tolerance), so a worse retrain cannot land silently. The fixture is the
//! CC-BY 4.0 wikigold corpus (see tests/fixtures/ATTRIBUTION.md).

use lede_ner::eval::Scorer;
use lede_ner::tags::EntityType;
use lede_ner::{Recogniser, conll};

const MODEL: &[u8] = include_bytes!("../data/model.bin");
const WIKIGOLD: &str = include_str!("fixtures/wikigold.conll.txt");

/// Reported in docs/entities.md (PER/LOC/ORG and all four types, exact match micro F1).
const REPORTED_F1_PER_LOC_ORG: f64 = 0.6591;
const REPORTED_F1_ALL: f64 = 0.6323;
const TOLERANCE: f64 = 0.005;

#[test]
fn committed_model_keeps_its_wikigold_f1() {
    let rec = Recogniser::from_bytes(MODEL).unwrap();
    let docs = conll::parse(WIKIGOLD);
    assert_eq!(docs.len(), 145);
    let mut plo = Scorer::new(&[EntityType::Per, EntityType::Loc, EntityType::Org]);
    let mut all = Scorer::new(&lede_ner::tags::LEARNED);
    rec.for_each_tagged_sentence(&docs, |_, gold, got| {
        plo.add(gold, got);
        all.add(gold, got);
    });
    let f_plo = plo.report().overall.f1;
    let f_all = all.report().overall.f1;
    eprintln!("wikigold F1: PER/LOC/ORG {:.4}, all four {:.4}", f_plo, f_all);
    assert!(
        f_plo >= REPORTED_F1_PER_LOC_ORG - TOLERANCE,
        "PER/LOC/ORG F1 {f_plo:.4} fell below {REPORTED_F1_PER_LOC_ORG}"
    );
    assert!(f_all >= REPORTED_F1_ALL - TOLERANCE, "all-types F1 {f_all:.4} fell below {REPORTED_F1_ALL}");
}
