//! Reader-facing corrections applied after the tagger in [`crate::Recogniser::analyse`] (not in
//! CoNLL evaluation, which scores the tagger alone under CoNLL conventions):
//!
//! * a run of capitalised words ending in an organisational head noun is one organisation:
//!   "Russian Foreign Affairs Ministry", "Organization for Security and Cooperation in Europe
//!   Minsk Group" (CoNLL would split off the demonym; a reader wants the whole name);
//! * a span that starts with a country name and continues with a person's name is split:
//!   "(President of) Azerbaijan Ilham Aliyev" → LOC + PER;
//! * a one-word person right after "the" is not a person: "the Kremlin", "the Pentagon". In
//!   CoNLL-2003 train+valid, 29 of the 2,330 names after "the" are people (1.2%). It becomes a
//!   place when the word lists know it as one, else an organisation.

use crate::conll::Chunk;
use crate::gazetteer::Gazetteer;
use crate::tags::EntityType;

const ORG_HEADS: &[&str] = &[
    "ministry",
    "group",
    "council",
    "commission",
    "committee",
    "agency",
    "party",
    "bank",
    "association",
    "federation",
    "university",
    "institute",
    "court",
    "parliament",
    "department",
    "corporation",
    "company",
    "organization",
    "organisation",
    "fund",
    "foundation",
    "army",
    "front",
    "movement",
    "assembly",
    "senate",
    "congress",
    "tribunal",
    "authority",
    "board",
    "bureau",
    "service",
    "office",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "ltd",
    "ltd.",
    "plc",
    "co",
    "co.",
    "airlines",
    "airways",
    "bank",
    "club",
    "alliance",
    "league",
    "coalition",
    "secretariat",
    "directorate",
    "police",
    "guard",
    "forces",
    "brigade",
    "network",
    "times",
    "post",
    "news",
    "press",
    "agency",
    "exchange",
];
const CONNECTORS: &[&str] = &["of", "for", "and", "on", "in", "de", "&"];

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Apply the corrections to one sentence's chunks.
pub fn fix_sentence<S: AsRef<str>>(words: &[S], chunks: &mut Vec<Chunk>, gaz: &Gazetteer) {
    let n = words.len();
    let w = |i: usize| words[i].as_ref();
    let all_caps = words.iter().all(|x| !x.as_ref().chars().any(char::is_lowercase));
    if all_caps {
        return;
    }
    // Organisation runs.
    let mut i = 0;
    while i < n {
        if !capitalised(w(i)) || (i == 0 && w(i) == "The") {
            i += 1;
            continue;
        }
        // Extend over capitalised words and connectors followed by a capitalised word.
        let mut j = i + 1;
        loop {
            if j < n && capitalised(w(j)) {
                j += 1;
            } else if j + 1 < n && CONNECTORS.contains(&w(j)) && capitalised(w(j + 1)) {
                j += 2;
            } else {
                break;
            }
        }
        if j - i >= 2 && ORG_HEADS.contains(&w(j - 1).to_lowercase().as_str()) {
            let start = if w(i) == "The" { i + 1 } else { i };
            // Only when no tagged span crosses the run's edges.
            let crosses = chunks.iter().any(|c| (c.start < start && c.end > start) || (c.start < j && c.end > j));
            let exact = chunks.iter().any(|c| c.start == start && c.end == j);
            if !crosses && !exact && j - start >= 2 {
                chunks.retain(|c| c.end <= start || c.start >= j);
                chunks.push(Chunk { start, end: j, kind: EntityType::Org });
            }
        }
        i = j;
    }
    // "the" + one-word person.
    let place_bits: u16 = ["country", "city", "region"]
        .iter()
        .filter_map(|c| crate::gazetteer::CATEGORIES.iter().position(|x| x == c))
        .map(|b| 1u16 << b)
        .sum();
    for c in chunks.iter_mut() {
        if c.kind == EntityType::Per
            && c.end == c.start + 1
            && c.start > 0
            && w(c.start - 1).eq_ignore_ascii_case("the")
        {
            c.kind = if gaz.word_mask(w(c.start)) & place_bits != 0 { EntityType::Loc } else { EntityType::Org };
        }
    }
    // Country + person.
    let mut extra = Vec::new();
    for c in chunks.iter_mut() {
        if c.kind == EntityType::Loc || c.end - c.start < 3 {
            continue;
        }
        let head = w(c.end - 1).to_lowercase();
        if ORG_HEADS.contains(&head.as_str()) {
            continue;
        }
        for k in 1..=2usize {
            let rest = c.end - (c.start + k);
            if !(2..=3).contains(&rest) {
                continue;
            }
            let country = gaz.annotate(&words[c.start..c.start + k]);
            // The prefix must be exactly one country phrase.
            let whole = match k {
                1 => country[0][0] == 4,
                _ => country[0][0] == 1 && country[k - 1][0] == 3,
            };
            if whole && (c.start + k..c.end).all(|t| capitalised(w(t))) {
                extra.push(Chunk { start: c.start + k, end: c.end, kind: EntityType::Per });
                *c = Chunk { start: c.start, end: c.start + k, kind: EntityType::Loc };
                break;
            }
        }
    }
    chunks.extend(extra);
    chunks.sort_by_key(|c| c.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_word_person_after_the_is_a_place_or_an_organisation() {
        let gaz = Gazetteer::parse("city\tBaku\n");
        let words = ["The", "Kremlin", "and", "the", "Baku", "office", "met", "Putin", "."];
        let mut chunks = vec![
            Chunk { start: 1, end: 2, kind: EntityType::Per },
            Chunk { start: 4, end: 5, kind: EntityType::Per },
            Chunk { start: 7, end: 8, kind: EntityType::Per },
        ];
        fix_sentence(&words, &mut chunks, &gaz);
        let kinds: Vec<EntityType> = chunks.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [EntityType::Org, EntityType::Loc, EntityType::Per]);
    }

    #[test]
    fn org_runs_and_country_person_split() {
        let gaz = Gazetteer::parse("country\tAzerbaijan\n");
        let words = ["the", "Russian", "Foreign", "Affairs", "Ministry", "said"];
        let mut chunks = vec![Chunk { start: 1, end: 2, kind: EntityType::Misc }];
        fix_sentence(&words, &mut chunks, &gaz);
        assert_eq!(chunks, vec![Chunk { start: 1, end: 5, kind: EntityType::Org }]);

        let words = ["President", "of", "Azerbaijan", "Ilham", "Aliyev", "and"];
        let mut chunks = vec![Chunk { start: 2, end: 5, kind: EntityType::Org }];
        fix_sentence(&words, &mut chunks, &gaz);
        assert_eq!(
            chunks,
            vec![Chunk { start: 2, end: 3, kind: EntityType::Loc }, Chunk { start: 3, end: 5, kind: EntityType::Per }]
        );
    }
}
