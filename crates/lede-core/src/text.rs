//! Text primitives that must mean the same at build time and in the browser, one definition
//! each: folding a word to its plain letters ([`push_folded`]), the slug of a name or headline
//! ([`slug`]), an entity's id ([`entity_id`]) and the sentences of a block ([`sentences`]).
//! The reader (search, reading aloud, entity cards), the recogniser's linking, the importer and
//! the build's index all call these.

use crate::entity::EntityType;

/// Appends the folded, lower-case form of `c` to `out`: Latin letters lose their diacritics,
/// ligatures are spelled out, combining marks vanish.
pub fn push_folded(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        let folded: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ'
            | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => {
                "e"
            }
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ỉ' | 'ị' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ'
            | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ư' | 'ụ' | 'ủ' | 'ứ' | 'ừ' | 'ử'
            | 'ữ' | 'ự' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '\u{300}'..='\u{36f}' => "",
            c => {
                out.push(c);
                continue;
            }
        };
        out.push_str(folded);
    }
}

/// An apostrophe, straight or typographic: inside a word it joins (`O'Brien`, `Council’s`).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// A character that belongs to a word: a letter or digit of any script, or a combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// A name or headline as lower-case words joined by single hyphens, Latin letters folded
/// (`Café Zürich` → `cafe-zurich`), other scripts kept as they are. A full stop or apostrophe
/// between two letters joins them (`U.S.` → `us`, `O'Brien` → `obrien`); anything else that is
/// not a letter or digit separates words (`Sept. 27` → `sept-27`, `1.5` → `1-5`).
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous_letter = false;
    while let Some(c) = chars.next() {
        // `ʼ` (U+02BC) is a letter to Unicode but an apostrophe here, so it is asked about first.
        if c.is_alphanumeric() && !is_apostrophe(c) {
            push_folded(c, &mut out);
            previous_letter = c.is_alphabetic();
            continue;
        }
        if matches!(c, '\u{300}'..='\u{36f}') {
            continue; // a combining accent: part of the letter before it
        }
        let joins =
            (c == '.' || is_apostrophe(c)) && previous_letter && chars.peek().is_some_and(|n| n.is_alphabetic());
        if !joins && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        previous_letter = false;
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The id of an entity: its kind's prefix and the slug of its name (`per-michelle-bachelet`).
/// Links to entities (`?entity=`, `/topic/`) carry it, so the build's index, the worker and the
/// page all make it here.
pub fn entity_id(kind: EntityType, name: &str) -> String {
    format!("{}-{}", kind.slug_prefix(), slug(name))
}

/// Byte ranges of the sentences of `text`, for reading aloud: a sentence ends at `.`, `!` or `?`
/// (with any closing quotes or brackets) followed by a space and an upper-case letter, a digit or
/// an opening quote — so "U.N. human rights chief" and "Sept. 27" stay inside their sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    const ABBREVIATIONS: [&str; 14] =
        ["Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Gen", "Gov"];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The word before the current character, kept up to date as the loop goes so that a long run
    // without spaces ("a.a.a.a...") costs linear time, not quadratic: its length in characters,
    // whether it has a `.`, and where it starts after any opening quotes or brackets.
    let (mut word_chars, mut word_dot, mut word_core) = (0, false, 0);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '。' | '؟') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end].1, '"' | '\'' | '”' | '’' | ')' | '»') {
                end += 1;
            }
            let abbreviation =
                c == '.' && (ABBREVIATIONS.contains(&&text[word_core..at]) || word_dot || word_chars == 1);
            let next_starts = chars.get(end).is_some_and(|&(_, ch)| ch == ' ')
                && chars.get(end + 1).is_some_and(|&(_, ch)| {
                    ch.is_uppercase() || ch.is_numeric() || "“\"‘'(«".contains(ch) || !ch.is_ascii()
                });
            if !abbreviation && (next_starts || end == chars.len()) {
                let stop = chars.get(end).map_or(text.len(), |&(b, _)| b);
                out.push((start, stop));
                start = chars.get(end + 1).map_or(text.len(), |&(b, _)| b);
                i = end;
                continue; // `chars[end]` is the space, which starts a new word
            }
        }
        if c.is_whitespace() {
            (word_chars, word_dot, word_core) = (0, false, at + c.len_utf8());
        } else {
            if word_core == at && matches!(c, '“' | '"' | '(') {
                word_core = at + c.len_utf8();
            }
            word_chars += 1;
            word_dot |= c == '.';
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn slugs() {
        // Written by hand: what a reader expects in an address.
        let table = [
            ("Sept. 27", "sept-27"),
            ("as many as 30,000 people", "as-many-as-30-000-people"),
            ("  ", ""),
            ("U.S.", "us"),
            ("U.S.-backed talks", "us-backed-talks"),
            ("O'Brien", "obrien"),
            ("Council’s vote", "councils-vote"),
            ("Oʼahu", "oahu"),
            ("the players' union", "the-players-union"),
            ("$1.5 billion", "1-5-billion"),
            ("Café Zürich", "cafe-zurich"),
            ("Straße", "strasse"),
            ("Ilham Aliyev (Azerbaijan)", "ilham-aliyev-azerbaijan"),
            ("Նիկոլ Փաշինյան", "նիկոլ-փաշինյան"),
            ("Москва", "москва"),
            ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
            ("e\u{301}lan", "elan"),
        ];
        for (name, expected) in table {
            assert_eq!(slug(name), expected, "{name:?}");
        }
    }

    #[test]
    fn entity_ids() {
        assert_eq!(entity_id(EntityType::Per, "Michelle Bachelet"), "per-michelle-bachelet");
        assert_eq!(entity_id(EntityType::Loc, "Nagorno-Karabakh"), "loc-nagorno-karabakh");
        assert_eq!(entity_id(EntityType::Org, "U.N."), "org-un");
    }

    #[test]
    fn abbreviations_and_quotes_stay_inside() {
        let text = "U.N. human rights chief Michelle Bachelet spoke Sept. 27. About 400 soldiers have been killed. “It is worrying,” she said.";
        assert_eq!(
            split(text),
            vec![
                "U.N. human rights chief Michelle Bachelet spoke Sept. 27.",
                "About 400 soldiers have been killed.",
                "“It is worrying,” she said."
            ]
        );
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        assert_eq!(split("He said \"stop.\" Then he left"), vec!["He said \"stop.\"", "Then he left"]);
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("Армения согласилась. Азербайджан тоже."), vec!["Армения согласилась.", "Азербайджан тоже."]);
    }
}
