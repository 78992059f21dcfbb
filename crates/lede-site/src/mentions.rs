//! Which stories mention which entity: the recogniser run natively over every article at build
//! time, so an entity card can link to the other stories about it without the browser fetching
//! them all.

use std::collections::BTreeMap;

use lede_core::Article;
use lede_ner::{EntityType, Recogniser};

/// `entity id → [(slug, headline)]`, stories newest first; only people, places, organisations
/// and other names (dates and numbers say little about what a story is about).
pub fn index(articles: &[Article]) -> BTreeMap<String, Vec<(String, String)>> {
    let recogniser = Recogniser::embedded();
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.published().unix_ms()));
    let mut index: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for article in sorted {
        // The recogniser knows English; other languages would give misleading links.
        if !article.is_english() {
            continue;
        }
        let texts: Vec<String> = article.text_blocks().into_iter().map(|(_, t)| t).collect();
        for entity in recogniser.analyse(&texts).entities {
            if matches!(entity.kind, EntityType::Per | EntityType::Loc | EntityType::Org | EntityType::Misc) {
                index.entry(entity.id).or_default().push((article.slug.clone(), article.headline.clone()));
            }
        }
    }
    index
}

/// The file the reader fetches: `{"version":1,"stories":{"per-…":[["slug","headline"],…]}}`.
pub fn to_json(index: &BTreeMap<String, Vec<(String, String)>>) -> String {
    let value = serde_json::json!({ "version": 1, "stories": index });
    serde_json::to_string(&value).expect("an index always serialises") + "\n"
}
