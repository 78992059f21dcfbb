//! Links in a story: an href is either an explicit `http(s)://host` URL or it resolves to this
//! site. The answers below were written by hand from the URL standard; the property test then
//! asks an independent WHATWG parser (the `url` crate, the one Servo and Firefox's tooling use)
//! where every accepted site path really goes.

use lede_core::validate::is_safe_href;
use proptest::prelude::*;
use url::Url;

const SITE: &str = "https://lede.example/article/a-story";

/// (href, allowed?) — each answer says where a browser would take the reader.
const TABLE: &[(&str, bool)] = &[
    ("/article/armenia-and-azerbaijan", true),
    ("/topic/per-michelle-bachelet?from=story", true),
    ("#p3", true),
    ("https://www.ohchr.org/en/news", true),
    ("HTTP://example.org/", true),
    ("https://example.org/a%20b?q=%2F", true),
    // A percent escape in the host is decoded before the host is checked: `%5C` is a backslash,
    // `%2F` a slash, and no host may hold either (the property test below found these).
    ("http://%5C", false),
    ("https://%2F", false),
    ("https://evil.example%2F.lede.example/", false),
    // Backslashes count as slashes in http(s) URLs: each of these is another host.
    ("/\\evil.example/path", false),
    ("/\\\\evil.example", false),
    ("\\\\evil.example", false),
    ("\\/evil.example", false),
    // Tabs and newlines are deleted by the parser before it looks: `//evil.example`.
    ("/\t/evil.example", false),
    ("/\n/evil.example", false),
    ("/\r/evil.example", false),
    // Leading control characters and spaces are trimmed: `//evil.example` again.
    (" //evil.example", false),
    ("\u{0}//evil.example", false),
    ("//evil.example", false),
    ("///evil.example", false),
    // Scheme tricks: not plain `scheme://host`.
    ("https:evil.example", false),
    ("http:evil.example", false),
    ("http:\\\\evil.example", false),
    ("https:/evil.example", false),
    ("https:///evil.example", false),
    ("https://", false),
    ("javascript:alert(1)", false),
    ("JaVaScRiPt:alert(1)", false),
    ("java\tscript:alert(1)", false),
    ("data:text/html,<script>alert(1)</script>", false),
    ("vbscript:msgbox", false),
    ("mailto:desk@example.org", false),
    ("", false),
    ("article/relative", false),
];

#[test]
fn the_table() {
    let wrong: Vec<String> = TABLE
        .iter()
        .filter(|(href, want)| is_safe_href(href) != *want)
        .map(|(href, want)| format!("{href:?}: wanted {}", if *want { "allowed" } else { "refused" }))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The table itself agrees with the independent parser: every refused site-path-looking entry
/// really leaves the site or is not http(s), and every allowed one stays or names its host.
#[test]
fn the_table_agrees_with_a_whatwg_parser() {
    let base = Url::parse(SITE).unwrap();
    for (href, want) in TABLE {
        let resolved = base.join(href);
        let stays = resolved.as_ref().is_ok_and(|u| u.origin() == base.origin());
        let explicit = href.to_ascii_lowercase().starts_with("http") && href.contains("://");
        if *want {
            assert!(stays || explicit, "{href:?} is allowed but resolves to {resolved:?}");
        } else if !stays {
            continue;
        } else {
            // Refused although it stays: only forms Lede refuses by policy (relative paths,
            // empty, scheme-without-slashes), never a form that leaves.
            assert!(
                href.is_empty()
                    || !href.starts_with('/')
                    || href.contains(['\t', '\n', '\r', '\\'])
                    || href.contains(':'),
                "{href:?} stays on the site yet is refused"
            );
        }
    }
}

fn tricky() -> impl Strategy<Value = String> {
    // Short strings over the characters that change where a URL goes.
    prop::collection::vec(
        prop::sample::select(vec![
            "/",
            "\\",
            ":",
            "\t",
            "\n",
            " ",
            "\u{0}",
            "\u{1f}",
            ".",
            "#",
            "?",
            "@",
            "%5C",
            "%2F",
            "h",
            "http",
            "https",
            "javascript",
            "evil.example",
            "a",
        ]),
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever is accepted either resolves to this site or is an absolute http(s) URL with a
    /// host, as a WHATWG parser reads it.
    #[test]
    fn accepted_links_stay_or_name_their_host(href in tricky()) {
        if is_safe_href(&href) {
            let base = Url::parse(SITE).unwrap();
            let url = base.join(&href).expect("accepted hrefs parse");
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                prop_assert!(matches!(url.scheme(), "http" | "https"), "{href:?} -> {url}");
                prop_assert!(url.host_str().is_some_and(|h| !h.is_empty()), "{href:?} -> {url}");
                // The host the reader sees in the text is the host the browser goes to.
                let written = lower.split("://").nth(1).unwrap().split(['/', '?', '#']).next().unwrap();
                let host = url.host_str().unwrap();
                prop_assert!(written.ends_with(host) || written.contains('@') || written.contains(':'),
                    "{href:?} -> {url}");
            } else {
                prop_assert_eq!(url.origin(), base.origin(), "{:?} leaves the site: {}", href, url);
            }
        }
    }
}
