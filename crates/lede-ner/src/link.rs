//! Mention linking within one article: every mention of the same entity gets the same id and
//! canonical name. Handles repeated names, bare surnames after a full name ("Bachelet" → Michelle
//! Bachelet), acronyms against spelled-out names in the same article ("OSCE", "U.N."/"UN" ↔ United
//! Nations) or a short built-in table, and shortened organisation names ("Minsk Group").
//!
//! Entity ids are slugs of type and canonical name (`per-michelle-bachelet`), so one entity has the
//! same id in every article and every build.

use crate::tags::EntityType;
use lede_core::text::entity_id;

/// A named mention as the linker sees it.
#[derive(Debug, Clone)]
pub struct Mention {
    pub kind: EntityType,
    /// The mention's tokens, with typographic quotes folded (see `tokenise::normalise`).
    pub tokens: Vec<String>,
}

/// One linked entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub id: String,
    pub kind: EntityType,
    pub name: String,
}

/// Well-known acronyms whose spelled-out form may not appear in the article. Hand-written.
const ACRONYMS: &[(&str, &str, EntityType)] = &[
    ("UN", "United Nations", EntityType::Org),
    ("EU", "European Union", EntityType::Org),
    ("US", "United States", EntityType::Loc),
    ("USA", "United States", EntityType::Loc),
    ("UK", "United Kingdom", EntityType::Loc),
    ("UAE", "United Arab Emirates", EntityType::Loc),
    ("USSR", "Soviet Union", EntityType::Loc),
    ("OSCE", "Organization for Security and Co-operation in Europe", EntityType::Org),
    ("IMF", "International Monetary Fund", EntityType::Org),
    ("AFP", "Agence France-Presse", EntityType::Org),
    ("AP", "Associated Press", EntityType::Org),
    ("ICRC", "International Committee of the Red Cross", EntityType::Org),
    ("UNHCR", "United Nations High Commissioner for Refugees", EntityType::Org),
    ("WTO", "World Trade Organization", EntityType::Org),
];

const FUNCTION_WORDS: &[&str] = &["of", "for", "and", "the", "in", "on", "de", "du", "la", "des", "&", "to", "at"];

fn join(tokens: &[String]) -> String {
    let mut s = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let glue = i == 0 || t == "-" || tokens[i - 1] == "-" || t == "'s";
        if !glue {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

fn is_all_caps(tokens: &[String]) -> bool {
    let mut any = false;
    for t in tokens {
        if t.chars().any(char::is_lowercase) {
            return false;
        }
        any |= t.chars().any(char::is_alphabetic);
    }
    any
}

/// Letters of an acronym mention ("U.N." → "UN"), if it is one.
fn acronym_letters(tokens: &[String]) -> Option<String> {
    if tokens.len() != 1 {
        return None;
    }
    let t = &tokens[0];
    let letters: String = t.chars().filter(|c| *c != '.').collect();
    if (2..=6).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_uppercase()) {
        Some(letters)
    } else {
        None
    }
}

/// Initials of a multi-word name's content words ("United Nations" → "UN").
fn initials(tokens: &[String]) -> Option<String> {
    if tokens.len() < 2 {
        return None;
    }
    let mut s = String::new();
    for t in tokens {
        if FUNCTION_WORDS.contains(&t.to_lowercase().as_str()) {
            continue;
        }
        for part in t.split('-') {
            if let Some(c) = part.chars().next()
                && c.is_uppercase()
            {
                s.extend(c.to_uppercase());
            }
        }
    }
    (s.chars().count() >= 2).then_some(s)
}

fn key(tokens: &[String]) -> String {
    join(tokens).to_lowercase().replace('.', "")
}

struct Cluster {
    /// Tokens of the seed (longest) mention or of the acronym expansion.
    name: Vec<String>,
    kind_votes: [usize; 10],
    seed_kind: EntityType,
    seed_len: usize,
    /// Mixed-case spelling of the seed, when the seed came from an all-caps headline.
    display: Option<String>,
    from_table: bool,
}

fn kind_slot(k: EntityType) -> usize {
    k as usize
}

fn kind_from_slot(i: usize) -> EntityType {
    use EntityType::*;
    [Per, Loc, Org, Misc, Date, Time, Money, Percent, Quantity, Cardinal][i]
}

/// Link mentions. Returns, per mention, the index of its entity and its (possibly unified) type,
/// plus the entities in order of first mention.
pub fn link(mentions: &[Mention]) -> (Vec<usize>, Vec<EntityType>, Vec<Linked>) {
    // Seeds first: longer mentions define entities that shorter ones attach to.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(mentions[i].tokens.len()), i));
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assign = vec![usize::MAX; mentions.len()];
    for &mi in &order {
        let m = &mentions[mi];
        let toks = &m.tokens;
        let k = key(toks);
        let mut found = clusters.iter().position(|c| key(&c.name) == k);
        if found.is_none()
            && let Some(letters) = acronym_letters(toks)
        {
            found =
                clusters.iter().position(|c| !c.from_table && initials(&c.name).as_deref() == Some(letters.as_str()));
            if found.is_none()
                && let Some(&(_, long, kind)) = ACRONYMS.iter().find(|(a, _, _)| *a == letters)
            {
                let long_toks: Vec<String> = long.split(' ').map(String::from).collect();
                let lk = key(&long_toks);
                found = clusters.iter().position(|c| key(&c.name) == lk);
                if found.is_none() {
                    clusters.push(Cluster {
                        name: long_toks,
                        kind_votes: [0; 10],
                        seed_kind: kind,
                        seed_len: usize::MAX,
                        display: None,
                        from_table: true,
                    });
                    found = Some(clusters.len() - 1);
                }
            }
        }
        if found.is_none() && toks.len() <= 2 {
            // A surname (or surname pair) after a full name; any tagged type, since the tagger
            // sometimes calls a lone surname an organisation.
            let tk: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
            found = clusters.iter().position(|c| {
                c.seed_kind == EntityType::Per
                    && c.name.len() > toks.len()
                    && c.name[c.name.len() - toks.len()..].iter().map(|t| t.to_lowercase()).eq(tk.iter().cloned())
                    && toks.iter().all(|t| t.chars().next().is_some_and(char::is_uppercase))
            });
        }
        if found.is_none() && toks.len() >= 2 && m.kind != EntityType::Per {
            // "Minsk Group" after "Organization for Security ... Minsk Group".
            let tk: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
            found = clusters.iter().position(|c| {
                c.seed_kind == m.kind
                    && c.name.len() > toks.len()
                    && c.name[c.name.len() - toks.len()..].iter().map(|t| t.to_lowercase()).eq(tk.iter().cloned())
            });
        }
        let ci = match found {
            Some(ci) => ci,
            None => {
                clusters.push(Cluster {
                    name: toks.clone(),
                    kind_votes: [0; 10],
                    seed_kind: m.kind,
                    seed_len: toks.len(),
                    display: None,
                    from_table: false,
                });
                clusters.len() - 1
            }
        };
        let c = &mut clusters[ci];
        c.kind_votes[kind_slot(m.kind)] += 1;
        if c.seed_len == usize::MAX {
            // Entity from the acronym table: its type is the table's.
        } else if c.display.is_none() && is_all_caps(&c.name) && toks.len() == c.name.len() && !is_all_caps(toks) {
            c.display = Some(join(toks));
        }
        assign[mi] = ci;
    }
    // Final type per cluster: a multi-word person name outranks lone surnames tagged otherwise;
    // else the majority of mentions, ties going to the seed's type.
    let kinds: Vec<EntityType> = clusters
        .iter()
        .map(|c| {
            let total: usize = c.kind_votes.iter().sum();
            let has_shorter = total > c.kind_votes[kind_slot(c.seed_kind)] || c.kind_votes[kind_slot(c.seed_kind)] > 1;
            if c.seed_len == usize::MAX || (c.seed_kind == EntityType::Per && c.name.len() > 1 && has_shorter) {
                c.seed_kind
            } else {
                let best = (0..10).max_by_key(|&i| (c.kind_votes[i], i == kind_slot(c.seed_kind))).unwrap();
                kind_from_slot(best)
            }
        })
        .collect();
    // Order entities by first mention.
    let mut first_seen: Vec<(usize, usize)> = Vec::new();
    for (mi, &ci) in assign.iter().enumerate() {
        if !first_seen.iter().any(|&(_, c)| c == ci) {
            first_seen.push((mi, ci));
        }
    }
    let mut remap = vec![usize::MAX; clusters.len()];
    let mut out = Vec::new();
    for (new, &(_, ci)) in first_seen.iter().enumerate() {
        remap[ci] = new;
        let c = &clusters[ci];
        let name = c.display.clone().unwrap_or_else(|| join(&c.name));
        out.push(Linked { id: entity_id(kinds[ci], &name), kind: kinds[ci], name });
    }
    let types = assign.iter().map(|&ci| kinds[ci]).collect();
    (assign.iter().map(|&ci| remap[ci]).collect(), types, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    fn m(kind: EntityType, s: &str) -> Mention {
        Mention { kind, tokens: s.split(' ').map(String::from).collect() }
    }

    #[test]
    fn surnames_acronyms_and_suffixes() {
        let ms = vec![
            m(Org, "UN"),
            m(Org, "U.N."),
            m(Per, "Michelle Bachelet"),
            m(Per, "Bachelet"),
            m(Org, "Bachelet"),
            m(Org, "Organization for Security and Cooperation in Europe Minsk Group"),
            m(Org, "Minsk Group"),
            m(Org, "OSCE"),
            m(Loc, "Armenia"),
            m(Loc, "ARMENIA"),
        ];
        let (assign, types, ents) = link(&ms);
        assert_eq!(assign[0], assign[1]);
        assert_eq!(ents[assign[0]].id, "org-united-nations");
        assert_eq!(assign[2], assign[3]);
        assert_eq!(assign[3], assign[4]);
        assert_eq!(types[4], Per);
        assert_eq!(ents[assign[2]].id, "per-michelle-bachelet");
        assert_eq!(assign[5], assign[6]);
        // The OSCE is not its Minsk Group: the acronym gets its own (table) entity.
        assert_ne!(assign[5], assign[7]);
        assert_eq!(ents[assign[7]].id, "org-organization-for-security-and-co-operation-in-europe");
        assert_eq!(assign[8], assign[9]);
        assert_eq!(ents[assign[9]].name, "Armenia");
        assert_eq!(ents.len(), 5);
    }

    #[test]
    fn ids_are_stable() {
        // Ids are in readers' links: these must not change.
        assert_eq!(entity_id(Per, "Michelle Bachelet"), "per-michelle-bachelet");
        assert_eq!(entity_id(Loc, "Nagorno-Karabakh"), "loc-nagorno-karabakh");
        assert_eq!(entity_id(Loc, "U.S."), "loc-us");
        assert_eq!(entity_id(Loc, "São Paulo"), "loc-sao-paulo");
        assert_eq!(entity_id(Org, "Agence France-Presse"), "org-agence-france-presse");
    }
}
