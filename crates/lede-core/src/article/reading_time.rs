//! How long a story takes to read: its words, and reading speeds by language.

use super::Article;

impl Article {
    /// Words a reader reads: every text block, counted by whitespace (for scripts written
    /// without spaces, such as Chinese or Japanese, each character counts as a word).
    pub fn word_count(&self) -> usize {
        self.text_blocks()
            .iter()
            .map(|(_, text)| {
                text.split_whitespace()
                    .map(|w| {
                        if w.chars().any(is_unspaced_script) {
                            w.chars().filter(|c| c.is_alphanumeric()).count()
                        } else {
                            1
                        }
                    })
                    .sum::<usize>()
            })
            .sum()
    }

    /// Minutes to read, as a range for the story's language (slow and quick readers), at least 1.
    pub fn reading_minutes(&self) -> (usize, usize) {
        let (slow, quick) = reading_speed(&self.language);
        let words = self.word_count();
        let minutes = |wpm: usize| words.div_ceil(wpm).max(1);
        (minutes(quick), minutes(slow))
    }
}

/// Words per minute of silent reading for a slow and a quick adult reader. Figures follow
/// Trauzettel-Klosinski et al. (2012), who measured 17 languages; others use the English range.
fn reading_speed(language: &str) -> (usize, usize) {
    let primary = language.split('-').next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "en" => (200, 260),
        "ar" => (140, 180),
        "he" => (160, 210),
        "ru" => (160, 210),
        "hy" => (150, 200),
        "fr" | "es" | "it" | "pt" => (190, 250),
        "de" | "nl" => (180, 240),
        "zh" | "ja" => (230, 300), // characters per minute, see `word_count`
        _ => (180, 240),
    }
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}
