//! Tokenisation and sentence splitting tuned for news copy.
//!
//! Tokens are byte ranges into the caller's text, so a span found on tokens maps back to the exact
//! bytes of the original (curly quotes, accents and all). The split follows the CoNLL-2003 / Penn
//! conventions the tagger was trained on: punctuation and possessive `'s` are separate tokens,
//! abbreviations keep their dots (`U.N.`, `Oct.`, `Mr.`), numbers keep their separators
//! (`30,000`, `1.5`), hyphenated words stay whole (`Nagorno-Karabakh`, `cease-fire`) except a
//! capitalised name glued to a lowercase modifier (`Moscow-mediated` → `Moscow` `-` `mediated`),
//! which the reader wants highlighted as a place.

use std::borrow::Cow;

/// A token: a byte range into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

/// A sentence: a range of token indices `[first, last)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub first: usize,
    pub last: usize,
}

/// Abbreviations that keep their trailing dot. Lower-cased, without the dot.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpl", "maj", "adm", "cmdr", "gov", "sen",
    "rep", "rev", "st", "sr", "jr", "mt", "ft", "pres", "supt", "insp", "hon", "messrs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "inc", "corp", "co", "ltd", "plc", "bros", "dept", "univ", "assn", "intl", "natl", "cie",
    "no", "nos", "vol", "vs", "v", "etc", "approx", "est", "fig", "al", "e.g", "i.e", "cf", "ca", "ala", "ariz", "ark",
    "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn",
    "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "mln",
    "bln", "pct", "p.m", "a.m",
];

fn is_abbreviation(word_without_dot: &str) -> bool {
    if word_without_dot.is_empty() {
        return false;
    }
    // Dotted initialisms: U.N, U.S, e.g, p.m (the final dot was already stripped).
    let mut chars = word_without_dot.chars();
    let dotted = word_without_dot.contains('.')
        && word_without_dot.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if dotted {
        return true;
    }
    // Single capital initial: "J." in "J. Smith".
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    let lower = word_without_dot.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_opening_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '{' | '`' | '¿' | '¡')
}

fn is_closing_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | ',' | ';' | ':' | '!' | '?' | '…' | '.')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Dashes that always stand alone (em/en dash, a double hyphen).
fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Split `text` into tokens.
pub fn tokenise(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A whitespace-delimited chunk.
        let mut j = i;
        while j < text.len() {
            let d = text[j..].chars().next().unwrap();
            if d.is_whitespace() {
                break;
            }
            j += d.len_utf8();
        }
        split_chunk(text, i, j, &mut out);
        i = j;
    }
    debug_assert!(out.iter().all(|t| t.start < t.end && t.end <= bytes.len()));
    out
}

/// Split one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut s = start;
    let mut e = end;
    // Leading punctuation, one token each.
    while s < e {
        let c = text[s..e].chars().next().unwrap();
        if is_opening_punct(c) || is_dash(c) || (c == '$' || c == '£' || c == '€' || c == '¥') {
            // A leading apostrophe before digits is a year ("'90s"): keep it on the word.
            if is_apostrophe(c) && text[s + c.len_utf8()..e].starts_with(|d: char| d.is_ascii_digit()) {
                break;
            }
            out.push(Token { start: s, end: s + c.len_utf8() });
            s += c.len_utf8();
        } else {
            break;
        }
    }
    if s >= e {
        return;
    }
    // Trailing punctuation, collected in reverse and pushed after the core.
    let mut trailing: Vec<Token> = Vec::new();
    loop {
        if s >= e {
            break;
        }
        let c = text[s..e].chars().next_back().unwrap();
        let cl = c.len_utf8();
        if c == '.' {
            let core = &text[s..e - 1];
            // "..." ellipsis.
            if core.ends_with("..") {
                let mut k = e;
                while k > s && text.as_bytes()[k - 1] == b'.' {
                    k -= 1;
                }
                trailing.push(Token { start: k, end: e });
                e = k;
                continue;
            }
            if is_abbreviation(core) {
                break;
            }
            trailing.push(Token { start: e - 1, end: e });
            e -= 1;
            continue;
        }
        if c == '%' {
            trailing.push(Token { start: e - cl, end: e });
            e -= cl;
            continue;
        }
        if is_closing_punct(c) || is_dash(c) {
            // Keep the apostrophe of a plural possessive ("countries'") as its own token, like CoNLL.
            trailing.push(Token { start: e - cl, end: e });
            e -= cl;
            continue;
        }
        break;
    }
    if s < e {
        split_core(text, s, e, out);
    }
    trailing.reverse();
    out.extend(trailing);
}

/// Split the core of a chunk: possessives, contractions, dashes, name-hyphen-modifier.
fn split_core(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let word = &text[s..e];
    // Internal em dashes and double hyphens separate words: "war—and", "war--and".
    if let Some((pos, len)) = find_internal_dash(word) {
        if pos > 0 {
            split_core(text, s, s + pos, out);
        }
        out.push(Token { start: s + pos, end: s + pos + len });
        if s + pos + len < e {
            split_core(text, s + pos + len, e, out);
        }
        return;
    }
    // Possessive 's / ’s and contractions n't, 're, 've, 'll, 'd, 'm.
    let lower = word.to_lowercase();
    for suffix in ["'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"]
    {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let cut = e - suffix.len();
            if text.is_char_boundary(cut) {
                // "n't": only split when something stays before it ("can't" → "ca" "n't" as in Penn).
                split_hyphen(text, s, cut, out);
                out.push(Token { start: cut, end: e });
                return;
            }
        }
    }
    split_hyphen(text, s, e, out);
}

fn find_internal_dash(word: &str) -> Option<(usize, usize)> {
    for (i, c) in word.char_indices() {
        if is_dash(c) {
            return Some((i, c.len_utf8()));
        }
    }
    word.find("--").map(|i| {
        let n = word[i..].bytes().take_while(|&b| b == b'-').count();
        (i, n)
    })
}

/// "Moscow-mediated" → "Moscow" "-" "mediated"; "Nagorno-Karabakh", "cease-fire" and "U.S.-led"
/// handling: the capitalised part is separated only when what follows the hyphen is lowercase.
fn split_hyphen(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let word = &text[s..e];
    if let Some(h) = word.rfind('-') {
        let left = &word[..h];
        let right = &word[h + 1..];
        let left_cap = left.chars().next().is_some_and(char::is_uppercase) && left.chars().any(char::is_lowercase)
            || left.len() >= 2
                && left.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
                && left.chars().any(char::is_alphabetic);
        let right_lower = right.len() >= 3 && right.chars().all(|c| c.is_lowercase());
        if left_cap && right_lower && !left.contains('-') {
            out.push(Token { start: s, end: s + h });
            out.push(Token { start: s + h, end: s + h + 1 });
            out.push(Token { start: s + h + 1, end: e });
            return;
        }
    }
    out.push(Token { start: s, end: e });
}

/// Group tokens into sentences. A newline in the source always ends a sentence (news blocks put
/// headlines, captions and datelines on their own lines).
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i].text(text);
        let mut end_here = false;
        if matches!(t, "." | "!" | "?" | "..." | "…") || t.ends_with("..") {
            // Absorb closing quotes/brackets that belong to this sentence.
            // Straight quotes are ambiguous: only one glued to the stop closes the sentence.
            while i + 1 < n
                && match tokens[i + 1].text(text) {
                    "”" | "’" | ")" | "]" | "»" => true,
                    "\"" | "'" => tokens[i].end == tokens[i + 1].start,
                    _ => false,
                }
                && !newline_between(text, tokens[i], tokens[i + 1])
            {
                i += 1;
            }
            end_here = i + 1 >= n || starts_sentence(tokens[i + 1].text(text));
        }
        if !end_here && i + 1 < n && newline_between(text, tokens[i], tokens[i + 1]) {
            end_here = true;
        }
        if end_here || i + 1 == n {
            out.push(Sentence { first, last: i + 1 });
            first = i + 1;
        }
        i += 1;
    }
    out
}

fn newline_between(text: &str, a: Token, b: Token) -> bool {
    text[a.end..b.start].contains('\n')
}

fn starts_sentence(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening_punct(c))
}

/// The form the tagger sees: typographic characters folded to the ASCII spellings of CoNLL-2003
/// text. This is the one definition; [`normalise_document`] applies it, and every path into the
/// features goes through that (`tagger::tag_document` for `analyse`, `tag_tokens`, `eval` and the
/// scoring inside training; `train::prepare` for the training features).
///
/// * double quotes (curly, low, guillemets, double prime, full-width) → `"`
/// * single quotes and apostrophes (curly, low, single guillemets, prime, full-width) → `'`
/// * em dash and horizontal bar → `--` (CoNLL's em dash); en dash, figure dash, minus sign,
///   Unicode hyphens → `-`
/// * ellipsis → `...`; the ligatures ﬁ ﬂ → `fi` `fl`
/// * soft hyphens, zero-width spaces and joiners, word joiner, BOM inside a token → removed
///   (a token made only of them is kept as it is)
pub fn normalise(t: &str) -> Cow<'_, str> {
    if t.is_ascii() || !t.chars().any(|c| fold(c).is_some()) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match fold(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    if out.is_empty() { Cow::Borrowed(t) } else { Cow::Owned(out) }
}

/// The replacement of one typographic character (see [`normalise`]).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' | '\u{301D}'
        | '\u{301E}' | '\u{FF02}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' | '\u{2032}' | '\u{FF07}' => "'",
        '\u{2014}' | '\u{2015}' => "--",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{2026}' => "...",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// [`normalise`] over a document of sentences of words (borrowing every word that needs no change).
pub fn normalise_document<S: AsRef<str>>(doc: &[Vec<S>]) -> Vec<Vec<Cow<'_, str>>> {
    doc.iter().map(|s| s.iter().map(|w| normalise(w.as_ref())).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenise(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn abbreviations_keep_dots() {
        assert_eq!(
            toks("U.N. chief Mr. Smith met on Oct. 8, 2020."),
            ["U.N.", "chief", "Mr.", "Smith", "met", "on", "Oct.", "8", ",", "2020", "."]
        );
        assert_eq!(toks("Sept. 27 in the U.S."), ["Sept.", "27", "in", "the", "U.S."]);
    }

    #[test]
    fn curly_quotes_and_possessives() {
        let s = "“It is worrying,” Bachelet’s office said of Jones' car.";
        assert_eq!(
            toks(s),
            ["“", "It", "is", "worrying", ",", "”", "Bachelet", "’s", "office", "said", "of", "Jones", "'", "car", "."]
        );
        for t in tokenise(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(
            toks("as many as 30,000 people paid $1.5 million (5%)"),
            ["as", "many", "as", "30,000", "people", "paid", "$", "1.5", "million", "(", "5", "%", ")"]
        );
    }

    #[test]
    fn hyphens() {
        assert_eq!(
            toks("Moscow-mediated talks in Nagorno-Karabakh, a cease-fire—now"),
            ["Moscow", "-", "mediated", "talks", "in", "Nagorno-Karabakh", ",", "a", "cease-fire", "—", "now"]
        );
    }

    #[test]
    fn hyphenated_names_and_modifiers() {
        assert_eq!(
            toks("U.S.-led Coca-Cola al-Assad X-ray Kremlin-backed"),
            ["U.S.", "-", "led", "Coca-Cola", "al-Assad", "X-ray", "Kremlin", "-", "backed"]
        );
        assert_eq!(toks("the '90s, don't, can't"), ["the", "'90s", ",", "do", "n't", ",", "ca", "n't"]);
    }

    #[test]
    fn offsets_round_trip_utf8() {
        let s = "Zürich’s “Ærø” café — São Paulo…";
        let ts = tokenise(s);
        let rebuilt: String = ts.iter().map(|t| t.text(s)).collect::<Vec<_>>().join("");
        let squeezed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(rebuilt, squeezed);
    }

    #[test]
    fn sentence_split() {
        let s = "Mr. Putin spoke on Oct. 8. The U.N. said so. \"Yes.\" It ended\nNew line";
        let ts = tokenise(s);
        let ss = sentences(s, &ts);
        let texts: Vec<String> =
            ss.iter().map(|x| ts[x.first..x.last].iter().map(|t| t.text(s)).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(texts, ["Mr. Putin spoke on Oct. 8 .", "The U.N. said so .", "\" Yes . \"", "It ended", "New line"]);
    }

    #[test]
    fn typographic_characters_fold_to_conll_spellings() {
        // Expected spellings from CoNLL-2003's own text: " ' -- - ... (table written by hand).
        for (typographic, plain) in [
            ("\u{201C}", "\""),
            ("\u{201D}", "\""),
            ("\u{201E}", "\""),
            ("\u{00AB}", "\""),
            ("\u{2019}s", "'s"),
            ("\u{2018}90s", "'90s"),
            ("\u{2014}", "--"),
            ("\u{2013}", "-"),
            ("1\u{2212}0", "1-0"),
            ("co\u{2011}op", "co-op"),
            ("\u{2026}", "..."),
            ("\u{FB01}nance", "finance"),
            ("Bache\u{00AD}let", "Bachelet"),
            ("Gene\u{200B}va", "Geneva"),
            ("Zürich", "Zürich"),
            ("\u{200B}", "\u{200B}"),
        ] {
            assert_eq!(normalise(typographic), plain, "{typographic:?}");
        }
        let doc = vec![vec!["\u{201C}Yes,\u{201D}", "Reuters"]];
        assert_eq!(normalise_document(&doc), vec![vec!["\"Yes,\"", "Reuters"]]);
    }
}
