//! Related stories from the archive index: the stories that share the most telling entities
//! with this one.
//!
//! A shared entity counts by how rare it is across the archive — its inverse document frequency
//! `ln(N / df)`, so a minister named in three stories weighs far more than a country named in
//! thousands — times a modest bonus when both stories name it often (`1 + ½·ln(min mentions)`).
//! A story's score is the sum over the entities it shares; equal scores go to the newer story.
//! The publisher's own related links are shown above these and are excluded from them.
//!
//! [`RelatedIndex::build`] precomputes postings (entity → stories that mention it, with counts),
//! so one ranking only walks the postings of the story's own entities.

use std::collections::HashMap;

use crate::article::Article;
use crate::index::ArchiveIndex;

/// One related story, best first in [`RelatedIndex::related`]'s answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedStory {
    pub slug: String,
    pub headline: String,
    /// RFC 3339, as in the index.
    pub published: String,
    pub score: f64,
    /// The entities both stories name, most telling first ("Also about: Minsk Group, Armenia").
    pub shared: Vec<SharedEntity>,
}

/// An entity two stories share: its name to show and its id for the topic link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEntity {
    pub id: String,
    pub name: String,
}

impl RelatedStory {
    /// The shared entities' names, for "Also about: …".
    pub fn shared_names(&self) -> Vec<&str> {
        self.shared.iter().map(|e| e.name.as_str()).collect()
    }
}

/// What ranking needs from an [`ArchiveIndex`], computed once.
#[derive(Debug, Clone, Default)]
pub struct RelatedIndex {
    /// Per entity number: `(story position, mentions)`, in story order.
    postings: Vec<Vec<(u32, u32)>>,
    /// Per entity number: `ln(N / df)`.
    idf: Vec<f64>,
    /// Per story position: Unix milliseconds of publication.
    published_ms: Vec<i64>,
    by_slug: HashMap<String, u32>,
}

/// The modest weight of how often both stories name an entity.
fn mention_weight(a: u32, b: u32) -> f64 {
    1.0 + 0.5 * (a.min(b).max(1) as f64).ln()
}

impl RelatedIndex {
    pub fn build(index: &ArchiveIndex) -> RelatedIndex {
        let n = index.stories.len();
        let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); index.entities.len()];
        for (i, story) in index.stories.iter().enumerate() {
            for r in &story.entities {
                if let Some(list) = postings.get_mut(r.entity as usize) {
                    list.push((i as u32, r.mentions));
                }
            }
        }
        let idf = postings.iter().map(|p| if p.is_empty() { 0.0 } else { (n as f64 / p.len() as f64).ln() }).collect();
        RelatedIndex {
            postings,
            idf,
            published_ms: index.stories.iter().map(|s| s.published_ms()).collect(),
            by_slug: index.stories.iter().enumerate().map(|(i, s)| (s.slug.clone(), i as u32)).collect(),
        }
    }

    /// The inverse document frequency of an entity number (0 for an unknown one).
    pub fn idf(&self, entity: u32) -> f64 {
        self.idf.get(entity as usize).copied().unwrap_or(0.0)
    }

    /// Up to `limit` stories related to `slug`, best first. `exclude` holds slugs not to list
    /// (the publisher's declared related stories, shown above); the story itself never is.
    /// Only stories sharing at least one entity that is not in every story are listed.
    /// `index` must be the one this was built from.
    pub fn related(&self, index: &ArchiveIndex, slug: &str, exclude: &[&str], limit: usize) -> Vec<RelatedStory> {
        let n = index.stories.len();
        if limit == 0 || n != self.published_ms.len() {
            return Vec::new();
        }
        let Some(&me) = self.by_slug.get(slug) else {
            return Vec::new();
        };
        let mine = &index.stories[me as usize].entities;
        let mut scores = vec![0.0f64; n];
        let mut touched: Vec<u32> = Vec::new();
        for r in mine {
            let idf = self.idf(r.entity);
            if idf <= 0.0 {
                continue;
            }
            for &(story, mentions) in &self.postings[r.entity as usize] {
                let s = &mut scores[story as usize];
                if *s == 0.0 {
                    touched.push(story);
                }
                *s += idf * mention_weight(r.mentions, mentions);
            }
        }
        let excluded: Vec<u32> = exclude.iter().filter_map(|s| self.by_slug.get(*s).copied()).collect();
        touched.retain(|&s| s != me && !excluded.contains(&s));
        let better = |a: &u32, b: &u32| {
            scores[*b as usize]
                .total_cmp(&scores[*a as usize])
                .then_with(|| self.published_ms[*b as usize].cmp(&self.published_ms[*a as usize]))
                .then_with(|| index.stories[*a as usize].slug.cmp(&index.stories[*b as usize].slug))
        };
        best_first(&mut touched, limit, better);
        touched
            .into_iter()
            .map(|s| {
                let story = &index.stories[s as usize];
                RelatedStory {
                    slug: story.slug.clone(),
                    headline: story.headline.clone(),
                    published: story.published.clone(),
                    score: scores[s as usize],
                    shared: self.shared(index, mine, &story.entities),
                }
            })
            .collect()
    }

    /// Entities in both lists (each sorted by entity number), most telling first.
    fn shared(
        &self,
        index: &ArchiveIndex,
        a: &[crate::index::EntityRef],
        b: &[crate::index::EntityRef],
    ) -> Vec<SharedEntity> {
        let mut both: Vec<(f64, u32)> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].entity.cmp(&b[j].entity) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let e = a[i].entity;
                    both.push((self.idf(e) * mention_weight(a[i].mentions, b[j].mentions), e));
                    i += 1;
                    j += 1;
                }
            }
        }
        both.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        both.into_iter()
            .filter_map(|(_, e)| index.entities.get(e as usize))
            .map(|e| SharedEntity { id: e.id.clone(), name: e.name.clone() })
            .collect()
    }
}

/// Keeps the `limit` best of `items`, best first, by `better` (`Less` = `a` is better): a
/// partial selection, then a sort of what is left. Related stories and search both rank so.
pub(crate) fn best_first<T>(items: &mut Vec<T>, limit: usize, mut better: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    if items.len() > limit {
        items.select_nth_unstable_by(limit, &mut better);
        items.truncate(limit);
    }
    items.sort_unstable_by(better);
}

/// How many ranked related stories a story shows ("More on this story").
pub const MORE_ON_THIS_STORY: usize = 4;

impl RelatedIndex {
    /// "More on this story": stories sharing this one's entities, leaving out the ones the
    /// publisher already lists. The app and the pre-renderer both ask here, so they agree.
    pub fn more_on(&self, index: &ArchiveIndex, article: &Article) -> Vec<RelatedStory> {
        let declared = declared_related_slugs(article);
        let exclude: Vec<&str> = declared.iter().map(String::as_str).collect();
        self.related(index, &article.slug, &exclude, MORE_ON_THIS_STORY)
    }
}

/// Related stories in one call, building the postings first: for a single ranking. A page that
/// ranks more than once should keep a [`RelatedIndex`].
pub fn related(index: &ArchiveIndex, slug: &str, exclude: &[&str], limit: usize) -> Vec<RelatedStory> {
    RelatedIndex::build(index).related(index, slug, exclude, limit)
}

/// The slugs of the stories a publisher declared related in an article (`/article/<slug>` links,
/// relative or absolute, fragment and query ignored), to pass as `exclude`.
pub fn declared_related_slugs(article: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in article.related.iter().flat_map(|r| &r.items) {
        let href = item.href.as_str();
        let path = match href.find("://") {
            Some(at) => href[at + 3..].find('/').map_or("", |p| &href[at + 3 + p..]),
            None => href,
        };
        let Some(rest) = path.strip_prefix("/article/") else { continue };
        let slug = rest.split(['#', '?', '/']).next().unwrap_or("");
        if crate::validate::is_valid_slug(slug) && !out.iter().any(|s| s == slug) {
            out.push(slug.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tests::{Spec, index_of};

    /// Forty filler stories that all name Armenia, so it is common, as a country is.
    fn archive(extra: &[Spec]) -> ArchiveIndex {
        let fillers: Vec<String> = (0..40).map(|i| format!("filler-{i}")).collect();
        let mut stories: Vec<Spec> =
            fillers.iter().map(|s| (s.as_str(), "2019-01-01T00:00:00Z", &[("loc-armenia", 1)][..])).collect();
        stories.extend_from_slice(extra);
        index_of(&stories)
    }

    fn slugs(related: &[RelatedStory]) -> Vec<&str> {
        related.iter().map(|r| r.slug.as_str()).collect()
    }

    #[test]
    fn a_rare_shared_entity_outranks_a_shared_country() {
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", &[("loc-armenia", 5), ("org-minsk-group", 1), ("per-anna-vark", 1)]),
            // Shares only the country, named as often as can be, and is newer.
            ("country-only", "2020-10-10T00:00:00Z", &[("loc-armenia", 9)]),
            // Shares a rare organisation once, and is older.
            ("rare", "2020-01-01T00:00:00Z", &[("org-minsk-group", 1)]),
            ("unrelated", "2020-10-10T00:00:00Z", &[("loc-peru", 4)]),
        ]);
        let related = related(&index, "this", &[], 10);
        assert_eq!(related[0].slug, "rare");
        assert_eq!(related[0].shared_names(), ["Minsk Group"]);
        assert_eq!(related[0].shared[0].id, "org-minsk-group");
        assert!(slugs(&related).contains(&"country-only"));
        assert!(!slugs(&related).contains(&"unrelated"), "no shared entity, not related");
        let country = related.iter().find(|r| r.slug == "country-only").unwrap();
        assert!(related[0].score > country.score * 3.0, "{} vs {}", related[0].score, country.score);
    }

    #[test]
    fn more_shared_rare_entities_rank_higher_and_are_named_rarest_first() {
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", &[("loc-armenia", 1), ("org-minsk-group", 1), ("per-anna-vark", 1)]),
            ("one", "2020-10-01T00:00:00Z", &[("org-minsk-group", 1)]),
            ("two", "2020-09-01T00:00:00Z", &[("loc-armenia", 1), ("org-minsk-group", 1), ("per-anna-vark", 1)]),
            ("minsk-again", "2020-09-02T00:00:00Z", &[("org-minsk-group", 1)]),
        ]);
        let related = related(&index, "this", &[], 3);
        assert_eq!(related[0].slug, "two");
        // Anna Vark (2 stories) is rarer than the Minsk Group (4), which is rarer than Armenia.
        assert_eq!(related[0].shared_names(), ["Anna Vark", "Minsk Group", "Armenia"]);
    }

    #[test]
    fn mentions_count_modestly() {
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", &[("per-anna-vark", 4), ("org-minsk-group", 1)]),
            ("named-often", "2020-01-01T00:00:00Z", &[("per-anna-vark", 4)]),
            ("named-once", "2020-10-01T00:00:00Z", &[("per-anna-vark", 1)]),
            ("other-rare", "2020-10-01T00:00:00Z", &[("org-minsk-group", 1)]),
        ]);
        let r = related(&index, "this", &[], 10);
        assert_eq!(r[0].slug, "named-often", "more mentions on both sides count");
        let often = r[0].score;
        let once = r.iter().find(|x| x.slug == "named-once").unwrap().score;
        assert!(often > once && often < 2.0 * once, "modestly: {often} vs {once}");
    }

    #[test]
    fn ties_go_to_the_newer_story() {
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", &[("org-minsk-group", 1)]),
            ("old", "2019-05-01T00:00:00Z", &[("org-minsk-group", 1)]),
            ("new", "2020-10-08T00:00:00Z", &[("org-minsk-group", 1)]),
            ("mid", "2020-01-01T00:00:00Z", &[("org-minsk-group", 1)]),
        ]);
        assert_eq!(slugs(&related(&index, "this", &[], 10)), ["new", "mid", "old"]);
        assert_eq!(slugs(&related(&index, "this", &[], 2)), ["new", "mid"]);
    }

    #[test]
    fn excludes_itself_and_the_declared_related_stories() {
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", &[("org-minsk-group", 1)]),
            ("declared", "2020-10-08T00:00:00Z", &[("org-minsk-group", 1)]),
            ("other", "2020-10-07T00:00:00Z", &[("org-minsk-group", 1)]),
        ]);
        let r = related(&index, "this", &["declared", "not-in-index"], 10);
        assert_eq!(slugs(&r), ["other"]);
        assert!(related(&index, "this", &[], 0).is_empty());
    }

    #[test]
    fn empty_index_unknown_story_and_stories_without_entities() {
        let empty = index_of(&[]);
        assert!(related(&empty, "anything", &[], 5).is_empty());
        let index = index_of(&[
            ("bare", "2020-10-09T00:00:00Z", &[]),
            ("also-bare", "2020-10-08T00:00:00Z", &[]),
            ("named", "2020-10-07T00:00:00Z", &[("org-minsk-group", 1)]),
        ]);
        assert!(related(&index, "bare", &[], 5).is_empty());
        assert!(related(&index, "named", &[], 5).is_empty(), "nobody else names it");
        assert!(related(&index, "missing", &[], 5).is_empty());
        // An entity every story names says nothing about relatedness.
        let everywhere = index_of(&[
            ("a", "2020-10-09T00:00:00Z", &[("loc-earth", 1)]),
            ("b", "2020-10-08T00:00:00Z", &[("loc-earth", 1)]),
        ]);
        assert!(related(&everywhere, "a", &[], 5).is_empty());
    }

    #[test]
    fn a_built_index_answers_repeatedly_and_refuses_another_index() {
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", &[("org-minsk-group", 1)]),
            ("that", "2020-10-08T00:00:00Z", &[("org-minsk-group", 1)]),
        ]);
        let built = RelatedIndex::build(&index);
        assert_eq!(slugs(&built.related(&index, "this", &[], 5)), ["that"]);
        assert_eq!(slugs(&built.related(&index, "that", &[], 5)), ["this"]);
        assert!(built.related(&index_of(&[]), "this", &[], 5).is_empty());
        assert!(built.idf(0) >= 0.0 && built.idf(999) == 0.0);
    }

    #[test]
    fn declared_related_slugs_come_from_article_links() {
        let mut article = Article::from_json(include_str!(
            "../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json"
        ))
        .unwrap();
        assert_eq!(declared_related_slugs(&article), ["armenia-and-azerbaijan"]);
        let item = |href: &str| crate::article::RelatedItem { title: "t".into(), href: href.into() };
        article.related[0].items = vec![
            item("https://lede.example/article/one#minsk-group"),
            item("/article/two?x=1"),
            item("/article/one"),
            item("https://example.com/elsewhere"),
            item("#p3"),
        ];
        assert_eq!(declared_related_slugs(&article), ["one", "two"]);
    }

    #[test]
    fn more_on_a_story_leaves_out_its_declared_stories_and_shows_four() {
        let mut article = Article::from_json(include_str!(
            "../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json"
        ))
        .unwrap();
        article.slug = "this".into();
        let item = |href: &str| crate::article::RelatedItem { title: "t".into(), href: href.into() };
        article.related[0].items = vec![item("/article/s2")];
        let minsk = &[("org-minsk-group", 1)][..];
        let index = archive(&[
            ("this", "2020-10-09T00:00:00Z", minsk),
            ("s1", "2020-10-08T00:00:00Z", minsk),
            ("s2", "2020-10-07T00:00:00Z", minsk),
            ("s3", "2020-10-06T00:00:00Z", minsk),
            ("s4", "2020-10-05T00:00:00Z", minsk),
            ("s5", "2020-10-04T00:00:00Z", minsk),
            ("s6", "2020-10-03T00:00:00Z", minsk),
        ]);
        let more = RelatedIndex::build(&index).more_on(&index, &article);
        // Newest first among equals; s2 is the publisher's own pick, so it is not repeated.
        assert_eq!(slugs(&more), ["s1", "s3", "s4", "s5"]);
    }

    #[test]
    fn best_first_is_a_sorted_prefix() {
        // The oracle: sort everything, keep the first `limit`.
        let items: Vec<u32> = vec![5, 1, 9, 3, 3, 7, 0, 8, 2, 6];
        for limit in 0..=12 {
            let mut got = items.clone();
            best_first(&mut got, limit, |a, b| b.cmp(a));
            let mut want = items.clone();
            want.sort_unstable_by(|a, b| b.cmp(a));
            want.truncate(limit);
            assert_eq!(got, want, "limit {limit}");
        }
    }
}
