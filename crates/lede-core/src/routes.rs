//! Every address of the site, built in one place. The app's links and fetches, the
//! pre-renderer's files, the feeds, the sitemap and the saved copies all call these, so a story's
//! address means the same thing at build time and in the browser. (The router's own patterns in
//! `src/app.rs` are literals, as Leptos's `path!` requires; `routes` tests pin them to these.)

/// The front page.
pub const FRONT: &str = "/";
/// Search, without a query.
pub const SEARCH: &str = "/search";
/// The reader's saved stories.
pub const SAVED: &str = "/saved";
/// The archive index (`lede-site index`): every story's entities.
pub const ARCHIVE_INDEX: &str = "/index.json";
/// The recogniser's model, fetched by the worker on first use.
pub const MODEL: &str = "/models/model.bin";

/// Page `n` (from 1) of the front page: `/`, then `/?page=2`, …
pub fn front_page(n: usize) -> String {
    if n <= 1 { FRONT.to_string() } else { format!("/?page={n}") }
}

/// Where a story lives on the site: `/article/<slug>`.
pub fn article_path(slug: &str) -> String {
    format!("/article/{slug}")
}

/// The story's JSON, which the app fetches: `/articles/<slug>.json`.
pub fn article_json(slug: &str) -> String {
    format!("/articles/{slug}.json")
}

/// The reader's address of an entity's topic page: every story that names it.
pub fn topic_path(entity_id: &str) -> String {
    format!("/topic/{entity_id}")
}

/// Search for `query` (empty: the search page itself).
pub fn search_path(query: &str) -> String {
    if query.is_empty() { SEARCH.to_string() } else { format!("{SEARCH}?q={}", encode_query(query)) }
}

/// Where page `n` (from 1) of the feed is: `/feed.json`, then `/feeds/2.json`, …
pub fn feed_page_path(n: usize) -> String {
    if n <= 1 { "/feed.json".to_string() } else { format!("/feeds/{n}.json") }
}

/// Percent-encodes a query value (`application/x-www-form-urlencoded`: a space is `+`).
pub fn encode_query(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(front_page(1), "/");
        assert_eq!(front_page(0), "/");
        assert_eq!(front_page(3), "/?page=3");
        assert_eq!(article_path("a-b"), "/article/a-b");
        assert_eq!(article_json("a-b"), "/articles/a-b.json");
        assert_eq!(topic_path("loc-armenia"), "/topic/loc-armenia");
        assert_eq!(feed_page_path(1), "/feed.json");
        assert_eq!(feed_page_path(2), "/feeds/2.json");
        assert_eq!(search_path(""), "/search");
        assert_eq!(search_path("Ереван & co"), "/search?q=%D0%95%D1%80%D0%B5%D0%B2%D0%B0%D0%BD+%26+co");
    }

    /// The router's patterns (src/app.rs) are literals; each must match the addresses built here.
    #[test]
    fn the_routers_patterns_match() {
        let app = include_str!("../../../src/app.rs");
        for (pattern, address) in [
            ("/article/:slug", article_path("x")),
            ("/topic/:id", topic_path("x")),
            ("/search", search_path("")),
            ("/saved", SAVED.to_string()),
        ] {
            assert!(app.contains(&format!("path!(\"{pattern}\")")), "src/app.rs routes {pattern}");
            let prefix = pattern.split(':').next().unwrap();
            assert!(address.starts_with(prefix), "{address} under {pattern}");
        }
    }
}
