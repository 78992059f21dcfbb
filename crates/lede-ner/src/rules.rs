//! Rule-based DATE, TIME, MONEY, PERCENT, QUANTITY and CARDINAL spans over a sentence's tokens.
//!
//! The rules look only at tokens the tagger left outside named entities. Spans follow the
//! OntoNotes habit of including approximators ("about 400", "as many as 30,000") and determiners
//! of decades ("the 1990s").

use crate::tags::EntityType;

/// A rule match over tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon.",
    "tue.",
    "tues.",
    "wed.",
    "thu.",
    "thur.",
    "thurs.",
    "fri.",
    "sat.",
    "sun.",
];
const RELATIVE_DAYS: &[&str] = &["today", "yesterday", "tomorrow", "tonight"];
const PERIODS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "quarter",
    "season",
    "fortnight",
];
const TIME_PERIODS: &[&str] = &["hour", "hours", "minute", "minutes", "second", "seconds"];
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night", "overnight"];
const DEICTIC: &[&str] = &["last", "next", "this", "past", "previous", "coming", "same", "following", "recent"];
const APPROX: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "only",
    "just",
    "up",
    "least",
    "than",
    "exactly",
    "estimated",
    "fewer",
    "less",
    "more",
];
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "several",
];
const VAGUE_COUNTS: &[&str] = &["dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"];
const SCALES: &[&str] = &["hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "m", "k"];
const CURRENCY_SYMBOLS: &[&str] = &["$", "£", "€", "¥", "us$", "c$", "a$", "hk$"];
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "penny", "pence", "sterling", "yen", "yuan", "cent",
    "cents", "franc", "francs", "mark", "marks", "rouble", "roubles", "ruble", "rubles", "rupee", "rupees", "peso",
    "pesos", "lira", "lire", "won", "drams", "manat", "shekels", "dinars", "riyals", "crowns", "kronor",
];
const UNITS: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "metre",
    "meter",
    "feet",
    "foot",
    "ft",
    "inches",
    "kg",
    "kilograms",
    "kilos",
    "grams",
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "acres",
    "hectares",
    "degrees",
    "mph",
    "km/h",
    "cm",
    "mm",
    "lb",
    "lbs",
    "ounces",
    "sq",
    "square",
    "megawatts",
    "mw",
    "kw",
];

/// Month and weekday names (also abbreviated): never completed as a name elsewhere in an article
/// ("May" the month versus Theresa May).
pub fn is_calendar_word(w: &str) -> bool {
    let l = w.to_lowercase();
    MONTHS.contains(&l.as_str())
        || WEEKDAYS.contains(&l.as_str())
        || MONTHS.contains(&format!("{l}.").as_str())
        || WEEKDAYS.contains(&format!("{l}.").as_str())
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A numeral: 30,000 / 1.5 / 400 / 1/2.
fn is_numeral(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.' || b == b'/')
        && !s.ends_with(['.', ','])
}

fn is_number_word(l: &str) -> bool {
    NUMBER_WORDS.contains(&l)
        || l.split('-').count() == 2 && l.split('-').all(|p| NUMBER_WORDS.contains(&p) || p == "one")
}

fn is_year(s: &str) -> bool {
    is_digits(s) && s.len() == 4 && (1000..=2099).contains(&s.parse::<u32>().unwrap_or(0))
}

fn is_decade(s: &str) -> bool {
    // 1990s, '90s, 90s
    let t = s.trim_start_matches(['\'', '’']);
    t.len() >= 3 && t.ends_with('s') && is_digits(&t[..t.len() - 1]) && t[..t.len() - 1].ends_with('0')
}

fn is_day_number(s: &str) -> bool {
    let t = s.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    is_digits(t) && t.len() <= 2 && (1..=31).contains(&t.parse::<u32>().unwrap_or(0))
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    parts.len() == 3 && parts.iter().all(|p| is_digits(p)) && (parts[0].len() == 4 || parts[2].len() >= 2)
}

fn is_clock(s: &str) -> bool {
    let Some((h, m)) = s.split_once(':') else { return false };
    is_digits(h) && h.len() <= 2 && m.len() == 2 && is_digits(m)
}

struct Ctx<'a> {
    words: Vec<&'a str>,
    low: Vec<String>,
    taken: &'a [bool],
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }
    fn l(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }
    fn free(&self, i: usize) -> bool {
        i < self.words.len() && !self.taken[i]
    }
}

/// Find rule spans in one sentence. `taken[i]` marks tokens already inside a named entity.
pub fn find<S: AsRef<str>>(words: &[S], taken: &[bool]) -> Vec<RuleSpan> {
    let n = words.len();
    let c = Ctx {
        words: words.iter().map(|w| w.as_ref()).collect(),
        low: words.iter().map(|w| lower(w.as_ref())).collect(),
        taken,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !c.free(i) {
            i += 1;
            continue;
        }
        if let Some((end, kind)) = match_at(i, &c) {
            // Pull in approximators and determiners just before the span.
            let start = extend_left(i, kind, &c);
            out.push(RuleSpan { start, end, kind });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn extend_left(i: usize, kind: EntityType, c: &Ctx) -> usize {
    let mut s = i;
    match kind {
        EntityType::Cardinal | EntityType::Money | EntityType::Quantity | EntityType::Percent => {
            // "as many as", "more than", "at least", "up to", "about", "nearly".
            if s >= 3
                && c.free(s - 3)
                && c.l(s - 3) == "as"
                && matches!(c.l(s - 2), "many" | "much" | "few" | "little")
                && c.l(s - 1) == "as"
            {
                return s - 3;
            }
            if s >= 2
                && c.free(s - 2)
                && matches!(
                    (c.l(s - 2), c.l(s - 1)),
                    ("more" | "less" | "fewer" | "greater" | "higher" | "lower", "than")
                        | ("at", "least" | "most")
                        | ("up", "to")
                )
            {
                return s - 2;
            }
            if s >= 1
                && c.free(s - 1)
                && APPROX.contains(&c.l(s - 1))
                && !matches!(c.l(s - 1), "than" | "least" | "up" | "more" | "less" | "fewer")
            {
                s -= 1;
            }
            s
        }
        EntityType::Date => {
            // "the past two weeks", "the last year".
            if s >= 1
                && c.free(s - 1)
                && c.l(s - 1) == "the"
                && matches!(c.l(s), "past" | "last" | "next" | "coming" | "previous" | "following")
            {
                return s - 1;
            }
            if s >= 1
                && c.free(s - 1)
                && matches!(c.l(s - 1), "nearly" | "almost" | "about" | "some" | "around" | "early" | "late" | "mid")
            {
                s -= 1;
            }
            s
        }
        _ => s,
    }
}

#[allow(clippy::too_many_lines)]
fn match_at(i: usize, c: &Ctx) -> Option<(usize, EntityType)> {
    let li = c.l(i);
    let cap = c.w(i).chars().next().is_some_and(char::is_uppercase);
    // Month-based dates: "Oct. 8, 2020", "Sept. 27", "October 2020", "8 October".
    if MONTHS.contains(&li) && (cap || li.ends_with('.')) {
        let mut e = i + 1;
        if c.free(e) && is_day_number(c.w(e)) {
            e += 1;
            if c.free(e + 1) && c.l(e) == "," && is_year(c.w(e + 1)) {
                e += 2;
            } else if c.free(e) && is_year(c.w(e)) {
                e += 1;
            }
            return Some((e, EntityType::Date));
        }
        if c.free(e) && is_year(c.w(e)) {
            return Some((e + 1, EntityType::Date));
        }
        // A bare month: "May" is too often a verb; require a preposition before it.
        if li != "may" && li != "march"
            || (i > 0
                && matches!(c.l(i - 1), "in" | "since" | "until" | "by" | "last" | "next" | "early" | "late" | "mid"))
        {
            return Some((i + 1, EntityType::Date));
        }
    }
    if is_day_number(c.w(i)) && c.free(i + 1) && MONTHS.contains(&c.l(i + 1)) {
        let mut e = i + 2;
        if c.free(e) && is_year(c.w(e)) {
            e += 1;
        }
        return Some((e, EntityType::Date));
    }
    // Weekdays, with a part of day making it a TIME: "Friday", "late Thursday", "Thursday night".
    if WEEKDAYS.contains(&li) && cap {
        if c.free(i + 1) && PARTS_OF_DAY.contains(&c.l(i + 1)) {
            return Some((i + 2, EntityType::Time));
        }
        return Some((i + 1, EntityType::Date));
    }
    if RELATIVE_DAYS.contains(&li) {
        if li != "tonight" && c.free(i + 1) && PARTS_OF_DAY.contains(&c.l(i + 1)) {
            return Some((i + 2, EntityType::Time));
        }
        return Some((i + 1, if li == "tonight" { EntityType::Time } else { EntityType::Date }));
    }
    // "the 1990s", "the past two weeks", "last year".
    if li == "the" && c.free(i + 1) && is_decade(c.w(i + 1)) {
        return Some((i + 2, EntityType::Date));
    }
    if is_decade(c.w(i)) {
        return Some((i + 1, EntityType::Date));
    }
    if DEICTIC.contains(&li) {
        let det = if i > 0 && c.l(i - 1) == "the" && c.free(i - 1) { 1 } else { 0 };
        let _ = det;
        let mut e = i + 1;
        if c.free(e) && (is_number_word(c.l(e)) || is_numeral(c.w(e)) || c.l(e) == "few") {
            e += 1;
        }
        if c.free(e) && PERIODS.contains(&c.l(e)) {
            return Some((e + 1, EntityType::Date));
        }
        if c.free(e) && (WEEKDAYS.contains(&c.l(e)) || MONTHS.contains(&c.l(e))) {
            return Some((e + 1, EntityType::Date));
        }
        if c.free(e) && PARTS_OF_DAY.contains(&c.l(e)) {
            return Some((e + 1, EntityType::Time));
        }
        if c.free(e) && TIME_PERIODS.contains(&c.l(e)) {
            return Some((e + 1, EntityType::Time));
        }
    }
    if is_iso_date(c.w(i)) {
        return Some((i + 1, EntityType::Date));
    }
    // Clock times: "10:30", "10:30 a.m.", "3 p.m.", noon, midnight.
    if is_clock(c.w(i))
        || (is_digits(c.w(i)) && c.w(i).len() <= 2 && matches!(c.l(i + 1), "a.m." | "p.m." | "am" | "pm"))
    {
        let mut e = i + 1;
        if c.free(e) && matches!(c.l(e), "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "edt" | "est" | "cet") {
            e += 1;
        }
        return Some((e, EntityType::Time));
    }
    if matches!(li, "noon" | "midnight") {
        return Some((i + 1, EntityType::Time));
    }
    // Money: "$ 1.5 million", "5 million euros", "US$ 3".
    if CURRENCY_SYMBOLS.contains(&li) && c.free(i + 1) && (is_numeral(c.w(i + 1)) || is_number_word(c.l(i + 1))) {
        let mut e = i + 2;
        while c.free(e) && SCALES.contains(&c.l(e)) {
            e += 1;
        }
        return Some((e, EntityType::Money));
    }
    let numeric = is_numeral(c.w(i)) || is_number_word(li);
    if numeric {
        let mut e = i + 1;
        while c.free(e) && (SCALES.contains(&c.l(e)) || is_number_word(c.l(e)) && c.l(e) != "several") {
            e += 1;
        }
        if c.free(e) && CURRENCY_WORDS.contains(&c.l(e)) {
            return Some((e + 1, EntityType::Money));
        }
        if c.free(e) && matches!(c.l(e), "%" | "percent" | "pct") {
            return Some((e + 1, EntityType::Percent));
        }
        if c.free(e + 1) && c.l(e) == "per" && c.l(e + 1) == "cent" {
            return Some((e + 2, EntityType::Percent));
        }
        if c.free(e) && (PERIODS.contains(&c.l(e)) || (c.l(e) == "-" && c.free(e + 1) && PERIODS.contains(&c.l(e + 1))))
        {
            let end = if c.l(e) == "-" { e + 2 } else { e + 1 };
            return Some((end, EntityType::Date));
        }
        if c.free(e) && TIME_PERIODS.contains(&c.l(e)) {
            return Some((e + 1, EntityType::Time));
        }
        if c.free(e) && UNITS.contains(&c.l(e)) {
            let mut end = e + 1;
            if matches!(c.l(e), "sq" | "square") && c.free(end) && UNITS.contains(&c.l(end)) {
                end += 1;
            }
            return Some((end, EntityType::Quantity));
        }
        if is_year(c.w(i)) && e == i + 1 {
            // A bare four-digit number in news is nearly always a year, unless it counts a plural noun.
            let next = c.l(i + 1);
            let counts_noun = next.len() > 3 && next.ends_with('s') && next.chars().all(char::is_lowercase);
            let prep = i > 0
                && matches!(
                    c.l(i - 1),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "of"
                        | "from"
                        | "to"
                        | "before"
                        | "after"
                        | "during"
                        | "a"
                        | "the"
                        | "early"
                        | "late"
                        | "mid"
                );
            if !counts_noun || prep {
                return Some((e, EntityType::Date));
            }
        }
        if li == "several" && !(c.free(e) && e > i) {
            return None;
        }
        return Some((e, EntityType::Cardinal));
    }
    if VAGUE_COUNTS.contains(&li) && c.l(i + 1) == "of" {
        return Some((i + 1, EntityType::Cardinal));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenise::tokenise;

    fn spans(s: &str) -> Vec<(String, EntityType)> {
        let toks = tokenise(s);
        let words: Vec<&str> = toks.iter().map(|t| t.text(s)).collect();
        let taken = vec![false; words.len()];
        find(&words, &taken)
            .into_iter()
            .map(|r| (s[toks[r.start].start..toks[r.end - 1].end].to_string(), r.kind))
            .collect()
    }

    use EntityType::*;

    #[test]
    fn dates() {
        assert_eq!(spans("in the town of Barda, Azerbaijan, Oct. 8, 2020."), [("Oct. 8, 2020".into(), Date)]);
        assert_eq!(spans("since the fighting erupted Sept. 27. About"), [("Sept. 27".into(), Date)]);
        assert_eq!(
            spans("region Friday as nearly two weeks of fighting"),
            [("Friday".into(), Date), ("nearly two weeks".into(), Date)]
        );
        assert_eq!(spans("levels not seen since the 1990s."), [("the 1990s".into(), Date)]);
        assert_eq!(spans("a statement late Thursday that"), [("late Thursday".into(), Date)]);
        assert_eq!(spans("before a 1994 cease-fire, in 1991"), [("1994".into(), Date), ("1991".into(), Date)]);
        assert_eq!(spans("on 1996-08-22 and last year"), [("1996-08-22".into(), Date), ("last year".into(), Date)]);
        assert_eq!(spans("You may go"), []);
    }

    #[test]
    fn numbers() {
        assert_eq!(spans("claimed the lives of as many as 30,000 people"), [("as many as 30,000".into(), Cardinal)]);
        assert_eq!(spans("About 400 soldiers have been killed"), [("About 400".into(), Cardinal)]);
        assert_eq!(spans("more than 50 civilians"), [("more than 50".into(), Cardinal)]);
        assert_eq!(spans("thousands of people have fled"), [("thousands".into(), Cardinal)]);
    }

    #[test]
    fn money_percent_quantity_time() {
        assert_eq!(spans("a $1.5 million deal"), [("$1.5 million".into(), Money)]);
        assert_eq!(spans("it cost 20 million euros"), [("20 million euros".into(), Money)]);
        assert_eq!(spans("110 pence a share"), [("110 pence".into(), Money)]);
        assert_eq!(spans("up 5% or 3.2 percent"), [("5%".into(), Percent), ("3.2 percent".into(), Percent)]);
        assert_eq!(spans("a 40 km front"), [("40 km".into(), Quantity)]);
        assert_eq!(spans("at 10:30 a.m. GMT"), [("10:30 a.m.".into(), Time)]);
        assert_eq!(spans("Thursday night"), [("Thursday night".into(), Time)]);
    }
}
