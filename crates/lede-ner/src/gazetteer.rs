//! Gazetteers: lists of place and person names, matched over token sequences with case folded.
//!
//! The lists are stored in the model blob as plain text (`category<TAB>phrase` lines) and hashed
//! into a map at load time; phrases are tokenised with the same tokeniser as the text so multi-word
//! and dotted entries ("New York", "U.S.") line up with tokens.

use std::collections::HashMap;

use crate::hash::{Hasher64, IdentityBuild, hash_str};
use crate::tokenise::{normalise, tokenise};

/// Categories, one bit each in a match mask.
pub const CATEGORIES: [&str; 11] =
    ["country", "city", "region", "first", "last", "org", "demonym", "person", "title", "common", "dict"];

/// Classes of head nouns (`head-<class>` lists, from data/heads.txt): the WordNet lexicographer
/// file of the noun's first sense (tools/build_heads.py).
pub const HEAD_CLASSES: [&str; 5] = ["group", "artifact", "location", "object", "person"];

/// A token's gazetteer evidence: for each category, where the token sits in the longest matching
/// phrase (0 = none, 1 = begin, 2 = inside, 3 = last, 4 = unit).
pub type TokenGaz = [u8; CATEGORIES.len()];

/// Seed of the word fingerprints in the `cluster` list (tools/build_clusters.py computes the same).
pub const CLUSTER_SEED: u64 = 0xc1;
/// Bits of a word fingerprint in the `cluster` list.
pub const CLUSTER_FINGERPRINT_BITS: u32 = 24;

/// The fingerprint under which a word's Brown cluster is stored.
pub fn cluster_fingerprint(word: &str) -> u64 {
    hash_str(CLUSTER_SEED, word) >> (64 - CLUSTER_FINGERPRINT_BITS)
}

/// A Brown-cluster path as `1 << len | bits`, bit `i` being the path's `i`-th step from the root.
pub fn parse_cluster_path(path: &str) -> Option<u32> {
    if path.is_empty() || path.len() > 30 {
        return None;
    }
    let mut code = 1u32 << path.len();
    for (i, c) in path.bytes().enumerate() {
        match c {
            b'1' => code |= 1 << i,
            b'0' => {}
            _ => return None,
        }
    }
    Some(code)
}

/// The first `k` steps of a cluster path code (the whole path when it is shorter), as a code.
pub fn cluster_prefix(code: u32, k: u32) -> u32 {
    let len = 31 - code.leading_zeros();
    if len <= k { code } else { (1 << k) | (code & ((1 << k) - 1)) }
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Word fingerprint → Brown-cluster path code (the `cluster` list).
    clusters: HashMap<u64, u32, IdentityBuild>,
    /// One-word phrase hash of a head noun → its index in [`HEAD_CLASSES`] (the `head-*` lists).
    heads: HashMap<u64, u8, IdentityBuild>,
    /// Phrase hash → category bit mask.
    phrases: HashMap<u64, u16, IdentityBuild>,
    max_len: usize,
    entries: usize,
    /// Hashes of every proper prefix of a multi-token phrase, so a scan stops as soon as no phrase
    /// can continue.
    prefixes: std::collections::HashSet<u64, IdentityBuild>,
}

/// Hash of a sequence of lower-cased token strings; `extend` adds one more token.
fn phrase_start() -> Hasher64 {
    Hasher64::new(0x6a7)
}

fn phrase_extend(h: &mut Hasher64, token: &str) {
    h.byte(0x1f);
    h.lower_str(token);
}

impl Gazetteer {
    pub fn parse(text: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((cat, phrase)) = line.split_once('\t') else { continue };
            if cat == "cluster" {
                // `<fingerprint hex> <path bits>`
                if let Some((fp, path)) = phrase.split_once(' ')
                    && let Ok(fp) = u64::from_str_radix(fp, 16)
                    && let Some(code) = parse_cluster_path(path)
                {
                    g.clusters.insert(fp, code);
                }
                continue;
            }
            if let Some(class) = cat.strip_prefix("head-") {
                if let Some(c) = HEAD_CLASSES.iter().position(|&x| x == class) {
                    let mut h = phrase_start();
                    phrase_extend(&mut h, phrase.trim());
                    g.heads.insert(h.finish(), c as u8);
                }
                continue;
            }
            let Some(bit) = CATEGORIES.iter().position(|&c| c == cat) else { continue };
            let toks = tokenise(phrase);
            if toks.is_empty() {
                continue;
            }
            let mut h = phrase_start();
            for (k, t) in toks.iter().enumerate() {
                if k > 0 {
                    g.prefixes.insert(h.finish());
                }
                phrase_extend(&mut h, &normalise(t.text(phrase)));
            }
            *g.phrases.entry(h.finish()).or_insert(0) |= 1 << bit;
            g.max_len = g.max_len.max(toks.len());
            g.entries += 1;
        }
        g
    }

    pub fn len(&self) -> usize {
        self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Number of words in the `cluster` list.
    pub fn cluster_count(&self) -> usize {
        self.clusters.len()
    }

    /// Number of words in the `head-*` lists.
    pub fn head_count(&self) -> usize {
        self.heads.len()
    }

    /// Head-noun class of a word (index into [`HEAD_CLASSES`]), case folded; a plural is looked up
    /// as its singular by stripping -ies (→ -y), -s or -es ("Airlines" → "airline").
    pub fn head_class(&self, w: &str) -> Option<u8> {
        if self.heads.is_empty() {
            return None;
        }
        let get = |x: &str| {
            let mut h = phrase_start();
            phrase_extend(&mut h, x);
            self.heads.get(&h.finish()).copied()
        };
        if let Some(c) = get(w) {
            return Some(c);
        }
        let lower = w.to_lowercase();
        if let Some(stem) = lower.strip_suffix("ies")
            && let Some(c) = get(&format!("{stem}y"))
        {
            return Some(c);
        }
        let stem = lower.strip_suffix('s')?;
        get(stem).or_else(|| stem.strip_suffix('e').and_then(get))
    }

    /// Brown-cluster path code of a word (exact spelling; an ALL-CAPS word also as Titlecase,
    /// so "LONDON" in a dateline reads as "London").
    pub fn cluster(&self, w: &str) -> Option<u32> {
        if self.clusters.is_empty() {
            return None;
        }
        if let Some(&c) = self.clusters.get(&cluster_fingerprint(w)) {
            return Some(c);
        }
        let mut chars = w.chars();
        let first = chars.next()?;
        if w.len() > 1 && w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_uppercase) {
            let title: String = std::iter::once(first).chain(chars.flat_map(char::to_lowercase)).collect();
            return self.clusters.get(&cluster_fingerprint(&title)).copied();
        }
        None
    }

    /// Category mask of a single-token phrase.
    pub fn word_mask(&self, w: &str) -> u16 {
        let mut h = phrase_start();
        phrase_extend(&mut h, w);
        self.phrases.get(&h.finish()).copied().unwrap_or(0)
    }

    /// Does a capitalised word look like the adjective of a listed country or region
    /// ("Azerbaijani", "Armenian", "Chinese", "Polish")?
    pub fn is_demonym(&self, w: &str) -> bool {
        if w.len() < 5 || !w.chars().next().is_some_and(char::is_uppercase) || !w.is_ascii() {
            return false;
        }
        const PLACE: u16 = 0b101; // country | region
        for suffix in ["n", "an", "ian", "i", "ese", "ish", "ic", "ean"] {
            let Some(stem) = w.strip_suffix(suffix) else { continue };
            if stem.len() < 3 {
                continue;
            }
            for end in ["", "a", "ia", "e", "y", "o", "and", "any"] {
                if self.word_mask(&format!("{stem}{end}")) & PLACE != 0 {
                    return true;
                }
            }
        }
        false
    }

    /// Gazetteer evidence for each token of a sentence.
    #[allow(clippy::needless_range_loop)]
    pub fn annotate<S: AsRef<str>>(&self, words: &[S]) -> Vec<TokenGaz> {
        let n = words.len();
        let mut out = vec![[0u8; CATEGORIES.len()]; n];
        if self.phrases.is_empty() {
            return out;
        }
        // Longest-first per category: remember the longest span covering each token.
        let mut best_len = vec![[0u8; CATEGORIES.len()]; n];
        for i in 0..n {
            let mut h = phrase_start();
            for j in i..n.min(i + self.max_len) {
                let w = words[j].as_ref();
                // Phrases never cross sentence punctuation.
                if j > i && matches!(w, "," | "." | ";" | ":" | "\"" | "(" | ")") {
                    break;
                }
                phrase_extend(&mut h, w);
                let key = h.finish();
                let more = self.prefixes.contains(&key);
                let Some(&mask) = self.phrases.get(&key) else {
                    if more {
                        continue;
                    }
                    break;
                };
                let len = (j - i + 1) as u8;
                for (c, _) in CATEGORIES.iter().enumerate() {
                    if mask & (1 << c) == 0 {
                        continue;
                    }
                    for k in i..=j {
                        if best_len[k][c] < len {
                            best_len[k][c] = len;
                            out[k][c] = if len == 1 {
                                4
                            } else if k == i {
                                1
                            } else if k == j {
                                3
                            } else {
                                2
                            };
                        }
                    }
                }
                if !more {
                    break;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiword_and_case_folded() {
        let g = Gazetteer::parse("city\tNew York\ncountry\tU.S.\nfirst\tMichelle\nlast\tYork\n");
        let a = g.annotate(&["in", "NEW", "YORK", "and", "the", "U.S.", "Michelle"]);
        assert_eq!(a[1][1], 1);
        assert_eq!(a[2][1], 3);
        assert_eq!(a[2][4], 4);
        assert_eq!(a[5][0], 4);
        assert_eq!(a[6][3], 4);
        assert_eq!(a[0], [0; CATEGORIES.len()]);
    }

    #[test]
    fn cluster_paths_and_prefixes() {
        // Paths written by hand: "0110" is steps 0,1,1,0 from the root.
        assert_eq!(parse_cluster_path("0110"), Some(0b1_0110));
        assert_eq!(parse_cluster_path("1"), Some(0b11));
        assert_eq!(parse_cluster_path(""), None);
        assert_eq!(parse_cluster_path("012"), None);
        let code = parse_cluster_path("1011001").unwrap();
        assert_eq!(cluster_prefix(code, 4), parse_cluster_path("1011").unwrap());
        assert_eq!(cluster_prefix(code, 20), code);
        let line = format!("cluster\t{:06x} 1011001\n", cluster_fingerprint("London"));
        let g = Gazetteer::parse(&line);
        assert_eq!(g.cluster_count(), 1);
        assert_eq!(g.cluster("London"), Some(code));
        assert_eq!(g.cluster("LONDON"), Some(code));
        assert_eq!(g.cluster("london"), None);
        assert_eq!(g.len(), 0, "clusters are not phrases");
    }

    #[test]
    fn head_nouns_and_their_plurals() {
        let g = Gazetteer::parse(
            "head-group\tparty\nhead-artifact\tairline\nhead-location\tcity\nhead-object\tbox\nhead-person\tminister\nhead-nonsense\tzug\ncity\tParis\n",
        );
        assert_eq!(g.head_count(), 5);
        assert_eq!(g.len(), 1, "head nouns are not phrases");
        // Expected classes by hand: group 0, artifact 1, location 2, object 3, person 4.
        for (w, c) in [
            ("Party", Some(0)),
            ("PARTY", Some(0)),
            ("Parties", Some(0)),
            ("Airlines", Some(1)),
            ("cities", Some(2)),
            ("Boxes", Some(3)),
            ("Ministers", Some(4)),
            ("Zug", None),
            ("Paris", None),
            ("Partys", Some(0)),
            ("s", None),
        ] {
            assert_eq!(g.head_class(w), c, "{w}");
        }
        assert_eq!(Gazetteer::parse("city\tParis\n").head_class("party"), None);
    }

    #[test]
    fn demonyms() {
        let g = Gazetteer::parse("country\tAzerbaijan\ncountry\tArmenia\ncountry\tChina\ncountry\tPoland\n");
        for w in ["Azerbaijani", "Armenian", "Chinese", "Polish"] {
            assert!(g.is_demonym(w), "{w}");
        }
        assert!(!g.is_demonym("Armenia"));
        assert!(!g.is_demonym("Bachelet"));
    }
}
