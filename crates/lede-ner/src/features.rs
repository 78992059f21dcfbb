//! Feature extraction for the tagger. Every feature is a 64-bit hash of (template, value), folded
//! into `2^bits` buckets; the weight table has one row of tag weights per bucket.
//!
//! Features that do not depend on earlier decisions ("static") are computed once per token; the
//! few that look at the previous tags ("dynamic") are added during decoding.

use std::collections::HashMap;

use crate::gazetteer::{CATEGORIES, Gazetteer, TokenGaz};
use crate::hash::{Hasher64, IdentityBuild, combine, hash_str, mix};
use crate::tags::NUM_TAGS;

/// Per-token values reused by dynamic features.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    pub lower: u64,
    pub shape: u64,
    pub capitalised: bool,
    /// No letter or digit: such a token never begins or ends an entity.
    pub punct: bool,
}

/// What the rest of the document says about a word (keyed by its lower-cased hash).
#[derive(Debug, Clone, Copy, Default)]
struct WordStats {
    lower_mid: u16,
    cap_mid: u16,
    /// Exact-form hash of a mixed-case spelling seen in running text, for all-caps headlines.
    mixed_form: u64,
}

/// Document-level context, computed once per document before tagging.
#[derive(Debug, Clone, Default)]
pub struct DocContext {
    words: HashMap<u64, WordStats, IdentityBuild>,
    /// Second-pass memory: lower-cased word hash → how often the first pass put it inside an
    /// entity of each learned type, and how often it occurred.
    pub memory: HashMap<u64, [u16; 5], IdentityBuild>,
    /// Capitalised word → the (previous, next) lower-cased words around its occurrences in running
    /// text ("context aggregation": what surrounds the same name elsewhere in the article).
    contexts: HashMap<u64, Vec<(u64, u64)>, IdentityBuild>,
    /// Appositive and copular definitions ("Countrywide, an estate agency", "Acme is a railway"):
    /// lower-cased word of the defined name → head-noun class of the definition (the first
    /// definition in the document wins). Filled by [`DocContext::add_definitions`].
    defs: HashMap<u64, u8, IdentityBuild>,
}

const MAX_CONTEXTS: usize = 6;

pub fn lower_hash(w: &str) -> u64 {
    let mut h = Hasher64::new(2);
    h.lower_str(w);
    h.finish()
}

fn is_all_caps_line<S: AsRef<str>>(words: &[S]) -> bool {
    let mut alpha = 0;
    for w in words {
        let w = w.as_ref();
        if w.chars().any(char::is_lowercase) {
            return false;
        }
        if w.chars().any(char::is_alphabetic) {
            alpha += 1;
        }
    }
    alpha >= 2
}

/// Share of alphabetic words that start with a capital (a headline in title case scores high).
fn is_title_line<S: AsRef<str>>(words: &[S]) -> bool {
    let mut alpha = 0;
    let mut caps = 0;
    for w in words {
        let w = w.as_ref();
        if let Some(c) = w.chars().next()
            && c.is_alphabetic()
            && w.chars().count() > 3
        {
            alpha += 1;
            if c.is_uppercase() {
                caps += 1;
            }
        }
    }
    alpha >= 3 && caps * 10 >= alpha * 8
}

impl DocContext {
    pub fn build<S: AsRef<str>>(doc: &[Vec<S>]) -> DocContext {
        let mut ctx = DocContext::default();
        for sent in doc {
            if is_all_caps_line(sent) || is_title_line(sent) {
                continue;
            }
            for (i, w) in sent.iter().enumerate() {
                let w = w.as_ref();
                let Some(c) = w.chars().next() else { continue };
                if !c.is_alphabetic() {
                    continue;
                }
                let st = ctx.words.entry(lower_hash(w)).or_default();
                let sentence_start = i == 0 || (i == 1 && !sent[0].as_ref().chars().any(char::is_alphanumeric));
                if c.is_lowercase() {
                    st.lower_mid = st.lower_mid.saturating_add(1);
                } else if !sentence_start {
                    st.cap_mid = st.cap_mid.saturating_add(1);
                }
                if w.chars().any(char::is_lowercase) && c.is_uppercase() && st.mixed_form == 0 {
                    st.mixed_form = hash_str(1, w);
                }
                if c.is_uppercase() {
                    let prev = if i == 0 { 0xb05 } else { lower_hash(sent[i - 1].as_ref()) };
                    let next = sent.get(i + 1).map_or(0xe05, |x| lower_hash(x.as_ref()));
                    let v = ctx.contexts.entry(lower_hash(w)).or_default();
                    if v.len() < MAX_CONTEXTS && !v.contains(&(prev, next)) {
                        v.push((prev, next));
                    }
                }
            }
        }
        ctx
    }
}

/// Words that end the noun phrase of a definition ("a company that ...", "a station in ...").
const DEF_STOP: [&str; 16] =
    ["that", "which", "who", "whose", "of", "in", "on", "at", "for", "with", "and", "or", "to", "from", "by", "as"];

impl DocContext {
    /// Find definitions of capitalised names in the document: `X , a|an|the NP` and
    /// `X is|was a|an|the NP`, where the class is that of the NP's last lower-case word with a
    /// head-noun class (at most five words, up to punctuation or a word of [`DEF_STOP`]). A name that
    /// is one sentence-initial word the word lists know only as an ordinary word ("However, the
    /// company ...") defines nothing. Needs the head-noun lists; deterministic (document order).
    pub fn add_definitions<S: AsRef<str>>(&mut self, doc: &[Vec<S>], gaz: &Gazetteer) {
        if gaz.head_count() == 0 {
            return;
        }
        let (name_bits, word_bits) = (name_list_bits(), word_list_bits());
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        for sent in doc {
            let n = sent.len();
            if is_all_caps_line(sent) {
                continue;
            }
            let w = |i: usize| sent[i].as_ref();
            let mut a = 0;
            while a < n {
                if !cap(w(a)) {
                    a += 1;
                    continue;
                }
                let mut b = a + 1;
                while b < n && cap(w(b)) {
                    b += 1;
                }
                let (run_start, run_end) = (a, b);
                a = b;
                // `b` is the first word after the name: a comma or a copula, then an article.
                if b + 1 >= n || !matches!(w(b), "," | "is" | "was") || !matches!(w(b + 1), "a" | "an" | "the") {
                    continue;
                }
                let first = run_start == 0 || (run_start == 1 && !w(0).chars().any(char::is_alphanumeric));
                if run_end - run_start == 1 && first {
                    let mask = gaz.word_mask(w(run_start));
                    if mask & word_bits != 0 && mask & name_bits == 0 {
                        continue;
                    }
                }
                let mut class = None;
                for k in b + 2..n.min(b + 7) {
                    let x = w(k);
                    if !x.chars().any(char::is_alphanumeric) || DEF_STOP.contains(&x) {
                        break;
                    }
                    if x.chars().next().is_some_and(char::is_lowercase)
                        && let Some(c) = gaz.head_class(x)
                    {
                        class = Some(c);
                    }
                }
                let Some(c) = class else { continue };
                for k in run_start..run_end {
                    if w(k).chars().any(char::is_alphabetic) {
                        self.defs.entry(lower_hash(w(k))).or_insert(c);
                    }
                }
            }
        }
    }
}

/// The gazetteer's bits of the lists that say "a name".
fn name_list_bits() -> u16 {
    category_bits(&["country", "city", "region", "first", "last", "org", "demonym", "person"])
}

/// The gazetteer's bits of the lists that say "an ordinary word".
fn word_list_bits() -> u16 {
    category_bits(&["common", "dict"])
}

fn category_bits(categories: &[&str]) -> u16 {
    categories.iter().filter_map(|c| CATEGORIES.iter().position(|x| x == c)).map(|b| 1u16 << b).sum()
}

/// Title-case headlines ("UN Rights Chief Calls for ...") capitalise ordinary words, which the
/// tagger (trained on sentence case and ALL-CAPS headlines) reads as names. Lower-case each word
/// of such a line that the rest of the document writes in lower case and never capitalises
/// mid-sentence. Short lines whose every word is capitalised (page furniture such as "Breaking
/// News", kickers, section names) are treated the same way, and there a word is also lower-cased
/// when the word lists know it only as an ordinary word. Returns whether anything changed.
pub fn truecase_title_lines(doc: &mut [Vec<std::borrow::Cow<'_, str>>], gaz: &Gazetteer) -> bool {
    let ctx = DocContext::build(doc);
    let mut changed = false;
    // Lists that say "a name" and "an ordinary word".
    let (name_bits, word_bits) = (name_list_bits(), word_list_bits());
    let capitalised = |w: &str| {
        // Capitalised word, or capitalised parts of a hyphenated word ("Cease-Fire").
        w.split('-')
            .all(|p| p.chars().next().is_some_and(char::is_uppercase) && p.chars().skip(1).all(|c| !c.is_uppercase()))
    };
    for sent in doc.iter_mut() {
        if is_all_caps_line(sent) {
            continue;
        }
        let alpha: Vec<&str> = sent.iter().map(|w| w.as_ref()).filter(|w| w.chars().any(char::is_alphabetic)).collect();
        let short_capitalised = (2..=6).contains(&alpha.len()) && alpha.iter().all(|w| capitalised(w));
        if !is_title_line(sent) && !short_capitalised {
            continue;
        }
        // This line's own capitalised occurrences (counted by DocContext unless it is a title line).
        let own_title = is_title_line(sent);
        let own: Vec<u64> = sent.iter().skip(1).map(|w| lower_hash(w)).collect();
        for w in sent.iter_mut() {
            if !capitalised(w) {
                continue;
            }
            let h = lower_hash(w);
            let stats = ctx.words.get(&h);
            let lower_in_doc = stats.is_some_and(|st| st.lower_mid > 0 && st.cap_mid == 0);
            let own_caps = if own_title { 0 } else { own.iter().filter(|&&x| x == h).count() as u16 };
            let ordinary = short_capitalised && stats.is_none_or(|st| st.cap_mid <= own_caps) && {
                let mask = gaz.word_mask(w);
                mask & word_bits != 0 && mask & name_bits == 0
            };
            if lower_in_doc || ordinary {
                *w = std::borrow::Cow::Owned(w.to_lowercase());
                changed = true;
            }
        }
    }
    changed
}

/// Word shape: X for upper, x for lower, d for digit, other characters kept; runs collapsed.
pub fn shape_hash(w: &str) -> u64 {
    let mut h = Hasher64::new(3);
    let mut last = '\0';
    let mut buf = [0u8; 4];
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            h.bytes(k.encode_utf8(&mut buf).as_bytes());
            last = k;
        }
    }
    h.finish()
}

// Template ids. Changing any value invalidates the committed model.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const PREFIX: u64 = 5; // +len
    pub const SUFFIX: u64 = 10; // +len
    pub const CTX_LOWER: u64 = 20; // +offset slot
    pub const CTX_SHAPE: u64 = 30; // +offset slot
    pub const BIGRAM_L: u64 = 40;
    pub const BIGRAM_R: u64 = 41;
    pub const SHAPE_TRI: u64 = 42;
    pub const FIRST_SHAPE: u64 = 43;
    pub const CAPS_LINE_SHAPE: u64 = 44;
    pub const CAPS_LINE_LOWER: u64 = 45;
    pub const TITLE_LINE_SHAPE: u64 = 46;
    pub const LEN_SHAPE: u64 = 47;
    pub const GAZ: u64 = 50;
    pub const GAZ_PREV: u64 = 51;
    pub const GAZ_NEXT: u64 = 52;
    pub const DEMONYM: u64 = 53;
    pub const RUN_HEAD: u64 = 54;
    pub const RUN_FIRST: u64 = 55;
    pub const RUN_POS: u64 = 56;
    pub const PREV_LOWER_SHAPE: u64 = 57;
    pub const SHAPE_NEXT_LOWER: u64 = 58;
    pub const PREV2_BIGRAM: u64 = 59;
    pub const AGG_PREV: u64 = 63;
    pub const AGG_NEXT: u64 = 64;
    pub const DOC_LOWER_SEEN: u64 = 60;
    pub const DOC_CAP_SEEN: u64 = 61;
    pub const DOC_MIXED_FORM: u64 = 62;
    pub const MEM_MAJ: u64 = 70;
    pub const MEM_ANY: u64 = 71;
    pub const MEM_MAJ_SHAPE: u64 = 72;
    pub const MEM_NONE: u64 = 73;
    pub const PREV_TAG: u64 = 80;
    pub const PREV2_TAGS: u64 = 81;
    pub const PREV_TAG_LOWER: u64 = 82;
    pub const PREV_TAG_SHAPE: u64 = 83;
    pub const PREV_TAG_NEXT_SHAPE: u64 = 84;
    pub const CLUSTER: u64 = 90;
    pub const CLUSTER_PREV: u64 = 91;
    pub const CLUSTER_NEXT: u64 = 92;
    pub const CLUSTER_NONE: u64 = 93;
    pub const RUN_HEAD_CLASS: u64 = 94;
    pub const DEF_CLASS: u64 = 95;
}

/// Brown-cluster path prefixes used as features (Ratinov & Roth 2009 use 4, 6, 10 and 20).
const CLUSTER_PREFIXES: [u32; 4] = [4, 6, 10, 20];

/// Feature extractor: owns no weights, only the bucket count.
#[derive(Debug, Clone, Copy)]
pub struct Featuriser {
    pub bits: u32,
    /// Whether documents get [`DocContext::add_definitions`] (model flag `FLAG_DEFINITIONS`).
    pub definitions: bool,
}

impl Featuriser {
    #[inline]
    fn bucket(&self, template: u64, value: u64) -> u32 {
        (combine(template, value) >> (64 - self.bits)) as u32
    }

    /// Static features for every token of a sentence, plus per-token info for dynamic features.
    /// `feats` receives `words.len()` lists of buckets.
    pub fn sentence<S: AsRef<str>>(
        &self,
        words: &[S],
        gaz: &Gazetteer,
        doc: &DocContext,
        use_memory: bool,
        feats: &mut Vec<Vec<u32>>,
        infos: &mut Vec<TokInfo>,
    ) {
        let n = words.len();
        feats.resize_with(n, Vec::new);
        infos.clear();
        let gz: Vec<TokenGaz> = gaz.annotate(words);
        let caps_line = is_all_caps_line(words);
        let title_line = is_title_line(words);
        // Per-token hashes.
        let mut word_h = Vec::with_capacity(n);
        for w in words {
            let w = w.as_ref();
            word_h.push(hash_str(1, w));
            infos.push(TokInfo {
                lower: lower_hash(w),
                shape: shape_hash(w),
                capitalised: w.chars().next().is_some_and(char::is_uppercase),
                punct: !w.chars().any(char::is_alphanumeric),
            });
        }
        const BOS: u64 = 0xb05;
        const EOS: u64 = 0xe05;
        let lower_at = |j: isize| -> u64 {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                infos[j as usize].lower
            }
        };
        let shape_at = |j: isize| -> u64 {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                infos[j as usize].shape
            }
        };
        // Brown clusters of the frequent words (None for rarer ones, most names among them).
        let clusters: Vec<Option<u32>> = words.iter().map(|w| gaz.cluster(w.as_ref())).collect();
        // Runs of capitalised words ("Russian Foreign Affairs Ministry"): every token learns the
        // run's last word (its head: Ministry, Group, Bank...) and first word.
        let mut run_of = vec![None; n];
        if !caps_line {
            let mut i = 0;
            while i < n {
                if !infos[i].capitalised {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < n && infos[j].capitalised {
                    j += 1;
                }
                if j - i >= 2 {
                    for (k, r) in run_of.iter_mut().enumerate().take(j).skip(i) {
                        *r = Some((i, j, k));
                    }
                }
                i = j;
            }
        }
        for i in 0..n {
            let f = &mut feats[i];
            f.clear();
            let w = words[i].as_ref();
            let info = infos[i];
            let ii = i as isize;
            f.push(self.bucket(t::BIAS, 0));
            f.push(self.bucket(t::WORD, word_h[i]));
            f.push(self.bucket(t::LOWER, info.lower));
            f.push(self.bucket(t::SHAPE, info.shape));
            // Affixes of the lower-cased word, by characters (hashed without allocating).
            let bounds: [usize; 5] = {
                let mut b = [usize::MAX; 5];
                for (k, (pos, _)) in w.char_indices().take(5).enumerate() {
                    b[k] = pos;
                }
                b
            };
            let mut ends = [usize::MAX; 5];
            for (k, (pos, _)) in w.char_indices().rev().take(5).enumerate() {
                ends[k] = pos;
            }
            let nc = if w.is_ascii() { w.len() } else { w.chars().count() };
            for k in 1..=4usize {
                if nc > k {
                    let mut hp = Hasher64::new(5);
                    hp.lower_str(&w[..bounds[k]]);
                    let mut hs = Hasher64::new(6);
                    hs.lower_str(&w[ends[k - 1]..]);
                    f.push(self.bucket(t::PREFIX + k as u64, hp.finish()));
                    f.push(self.bucket(t::SUFFIX + k as u64, hs.finish()));
                }
            }
            for (slot, off) in [(0u64, -2isize), (1, -1), (2, 1), (3, 2)] {
                f.push(self.bucket(t::CTX_LOWER + slot, lower_at(ii + off)));
                f.push(self.bucket(t::CTX_SHAPE + slot, shape_at(ii + off)));
            }
            f.push(self.bucket(t::BIGRAM_L, combine(lower_at(ii - 1), info.lower)));
            f.push(self.bucket(t::BIGRAM_R, combine(info.lower, lower_at(ii + 1))));
            f.push(self.bucket(t::SHAPE_TRI, combine(combine(shape_at(ii - 1), info.shape), shape_at(ii + 1))));
            f.push(self.bucket(t::PREV_LOWER_SHAPE, combine(lower_at(ii - 1), info.shape)));
            f.push(self.bucket(t::SHAPE_NEXT_LOWER, combine(info.shape, lower_at(ii + 1))));
            f.push(self.bucket(t::PREV2_BIGRAM, combine(lower_at(ii - 2), lower_at(ii - 1))));
            let first = i == 0 || (i == 1 && !words[0].as_ref().chars().any(char::is_alphanumeric));
            if first {
                f.push(self.bucket(t::FIRST_SHAPE, info.shape));
            }
            if caps_line {
                f.push(self.bucket(t::CAPS_LINE_SHAPE, info.shape));
                f.push(self.bucket(t::CAPS_LINE_LOWER, info.lower));
            }
            if title_line {
                f.push(self.bucket(t::TITLE_LINE_SHAPE, info.shape));
            }
            let len = nc.min(8) as u64;
            f.push(self.bucket(t::LEN_SHAPE, combine(len, info.shape)));
            // Gazetteers: this token's position in each category, and the categories next door.
            for (c, &pos) in gz[i].iter().enumerate() {
                if pos != 0 {
                    f.push(self.bucket(t::GAZ, (c * 8) as u64 + pos as u64));
                }
                if i > 0 && gz[i - 1][c] != 0 {
                    f.push(self.bucket(t::GAZ_PREV, c as u64));
                }
                if i + 1 < n && gz[i + 1][c] != 0 {
                    f.push(self.bucket(t::GAZ_NEXT, c as u64));
                }
            }
            let _ = CATEGORIES;
            if let Some((a, b, k)) = run_of[i] {
                let pos = if k == a {
                    0
                } else if k + 1 == b {
                    2
                } else {
                    1
                };
                f.push(self.bucket(t::RUN_HEAD, combine(pos, infos[b - 1].lower)));
                f.push(self.bucket(t::RUN_FIRST, combine(pos, infos[a].lower)));
                f.push(self.bucket(t::RUN_POS, pos * 8 + (b - a).min(5) as u64));
                // The head's WordNet class ("... Airlines": artifact; "... District": location),
                // for models that carry the head-noun lists.
                if let Some(c) = gaz.head_class(words[b - 1].as_ref()) {
                    f.push(self.bucket(t::RUN_HEAD_CLASS, combine(pos, c as u64)));
                }
            }
            match clusters[i] {
                Some(c) => {
                    for k in CLUSTER_PREFIXES {
                        f.push(
                            self.bucket(t::CLUSTER, combine(k as u64, crate::gazetteer::cluster_prefix(c, k) as u64)),
                        );
                    }
                }
                // (Only for models that carry clusters: older models never saw this feature.)
                None if !info.punct && gaz.cluster_count() > 0 => f.push(self.bucket(t::CLUSTER_NONE, info.shape)),
                None => {}
            }
            if let Some(Some(c)) = i.checked_sub(1).map(|j| clusters[j]) {
                f.push(self.bucket(t::CLUSTER_PREV, crate::gazetteer::cluster_prefix(c, 6) as u64));
            }
            if let Some(&Some(c)) = clusters.get(i + 1) {
                f.push(self.bucket(t::CLUSTER_NEXT, crate::gazetteer::cluster_prefix(c, 6) as u64));
            }
            if info.capitalised && gaz.is_demonym(w) {
                f.push(self.bucket(t::DEMONYM, 1));
            }
            // Document-level: how the same word is written elsewhere in the document.
            if let Some(st) = doc.words.get(&info.lower) {
                if info.capitalised || caps_line {
                    let lower_seen = (st.lower_mid > 0) as u64;
                    let cap_seen = (st.cap_mid > 0) as u64;
                    f.push(self.bucket(t::DOC_LOWER_SEEN, combine(lower_seen * 2 + first as u64, info.shape)));
                    f.push(self.bucket(t::DOC_CAP_SEEN, combine(cap_seen * 2 + first as u64, info.shape)));
                }
                if (caps_line || title_line) && st.mixed_form != 0 {
                    f.push(self.bucket(t::DOC_MIXED_FORM, st.mixed_form));
                }
            }
            if info.capitalised
                && let Some(cs) = doc.contexts.get(&info.lower)
            {
                let here = (lower_at(ii - 1), lower_at(ii + 1));
                for &(p, nx) in cs {
                    if p != here.0 {
                        f.push(self.bucket(t::AGG_PREV, p));
                    }
                    if nx != here.1 {
                        f.push(self.bucket(t::AGG_NEXT, nx));
                    }
                }
            }
            if info.capitalised
                && let Some(&c) = doc.defs.get(&info.lower)
            {
                f.push(self.bucket(t::DEF_CLASS, c as u64));
            }
            if use_memory {
                self.memory_features(doc, info, f);
            }
        }
    }

    /// Second-pass features: what the first pass decided about this word elsewhere in the document.
    pub fn memory_features(&self, doc: &DocContext, info: TokInfo, f: &mut Vec<u32>) {
        match doc.memory.get(&info.lower) {
            Some(m) if info.capitalised || m[..4].iter().any(|&c| c > 0) => {
                let total = m[4].max(1);
                let (best, &cnt) = m[..4].iter().enumerate().max_by_key(|(k, c)| (**c, 4 - *k)).unwrap();
                if cnt == 0 {
                    f.push(self.bucket(t::MEM_NONE, (total > 1) as u64));
                    return;
                }
                // Majority type, with how dominant it is (all / most / some occurrences).
                let frac = if cnt >= total {
                    2
                } else if cnt * 2 > total {
                    1
                } else {
                    0
                };
                f.push(self.bucket(t::MEM_MAJ, (best * 4 + frac) as u64));
                f.push(self.bucket(t::MEM_MAJ_SHAPE, combine(best as u64, info.shape)));
                for (k, &c) in m[..4].iter().enumerate() {
                    if c > 0 {
                        f.push(self.bucket(t::MEM_ANY, k as u64));
                    }
                }
            }
            _ => {}
        }
    }

    /// Features depending on previously decided tags, appended to `out`.
    #[inline]
    pub fn dynamic(&self, infos: &[TokInfo], i: usize, prev1: usize, prev2: usize, out: &mut Vec<u32>) {
        self.dynamic_fixed(prev1, prev2, out);
        self.dynamic_token(infos, i, prev1, out);
    }

    /// The part of [`Featuriser::dynamic`] that depends on the previous tags only.
    #[inline]
    pub fn dynamic_fixed(&self, prev1: usize, prev2: usize, out: &mut Vec<u32>) {
        let p1 = prev1 as u64;
        let p2 = prev2 as u64;
        out.push(self.bucket(t::PREV_TAG, p1));
        out.push(self.bucket(t::PREV2_TAGS, p1 * 32 + p2));
    }

    /// The part of [`Featuriser::dynamic`] that depends on the previous tag and this token.
    #[inline]
    pub fn dynamic_token(&self, infos: &[TokInfo], i: usize, prev1: usize, out: &mut Vec<u32>) {
        let p1 = prev1 as u64;
        out.push(self.bucket(t::PREV_TAG_LOWER, combine(p1, infos[i].lower)));
        out.push(self.bucket(t::PREV_TAG_SHAPE, combine(p1, infos[i].shape)));
        let next_shape = infos.get(i + 1).map_or(0xe05, |x| x.shape);
        out.push(self.bucket(t::PREV_TAG_NEXT_SHAPE, combine(p1, mix(next_shape))));
    }
}

/// "Start of sentence" pseudo-tag for the dynamic features (one past the real tags).
pub const START_TAG: usize = NUM_TAGS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_learns_the_class_of_its_head_noun() {
        let fz = Featuriser { bits: 19, definitions: false };
        let words = ["the", "Labour", "Party", "said", "Acme", "Ltd"];
        let with = Gazetteer::parse("head-group\tparty\nhead-person\tminister\n");
        let without = Gazetteer::parse("city\tParis\n");
        let (mut f, mut infos) = (Vec::new(), Vec::new());
        // By hand: "Labour Party" is a run of two, Labour at its start (pos 0), Party at its end
        // (pos 2); party is in the group class (0). "Acme Ltd" has no listed head.
        let start = fz.bucket(t::RUN_HEAD_CLASS, combine(0, 0));
        let end = fz.bucket(t::RUN_HEAD_CLASS, combine(2, 0));
        fz.sentence(&words, &with, &DocContext::default(), false, &mut f, &mut infos);
        assert!(f[1].contains(&start) && !f[1].contains(&end));
        assert!(f[2].contains(&end) && !f[2].contains(&start));
        let others = [0, 3, 4, 5]
            .map(|i| f[i].iter().any(|b| (0..3).any(|p| *b == fz.bucket(t::RUN_HEAD_CLASS, combine(p, 0)))));
        assert_eq!(others, [false; 4]);
        let with_feats = f.clone();
        fz.sentence(&words, &without, &DocContext::default(), false, &mut f, &mut infos);
        assert!(!f[1].contains(&start) && !f[2].contains(&end));
        // Nothing else changes: without the lists a model sees exactly the old features.
        assert_eq!(with_feats[1].len(), f[1].len() + 1);
        assert_eq!(with_feats[0], f[0]);
    }

    #[test]
    fn definitions_spread_over_the_document() {
        let fz = Featuriser { bits: 19, definitions: true };
        let gaz =
            Gazetteer::parse("head-group\tagency\nhead-artifact\trailway\nhead-person\tminister\ncommon\thowever\n");
        let doc: Vec<Vec<&str>> = vec![
            "Countrywide , a London-based estate agency , said profits fell .".split(' ').collect(),
            "However , the minister said Acme is a railway that Smith , the owner , built .".split(' ').collect(),
            "Shares in Countrywide and Acme rose ; However Smith left .".split(' ').collect(),
        ];
        let mut ctx = DocContext::build(&doc);
        ctx.add_definitions(&doc, &gaz);
        // By hand: Countrywide is an agency (group, 0); Acme a railway (artifact, 1); "However" is
        // a sentence-initial ordinary word, so "the minister" defines nothing; "the owner" has no
        // class.
        let (mut f, mut infos) = (Vec::new(), Vec::new());
        fz.sentence(&doc[2], &gaz, &ctx, false, &mut f, &mut infos);
        let def = |c: u64| fz.bucket(t::DEF_CLASS, c);
        let has = |i: usize, c: u64| f[i].contains(&def(c));
        assert!(has(2, 0) && !has(2, 1), "Countrywide");
        assert!(has(4, 1) && !has(4, 0), "Acme");
        for i in [0, 1, 3, 5, 6, 7, 8, 9] {
            assert!(!(0..5).any(|c| has(i, c)), "{}", doc[2][i]);
        }
        // Without the head-noun lists nothing is defined.
        let mut bare = DocContext::build(&doc);
        bare.add_definitions(&doc, &Gazetteer::parse("common\thowever\n"));
        fz.sentence(&doc[2], &gaz, &bare, false, &mut f, &mut infos);
        assert!(!f[2].contains(&def(0)) && !f[4].contains(&def(1)));
    }
}
