//! Feeds in: every format, the polite fetcher against a local server that serves our own
//! fixtures (broken ones too), and stable identity across imports.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Route, Server, ok, redirect};

use lede_core::{Article, Block};
use lede_import::{FeedOptions, FetchOptions, Outcome, Report, import_feed};

// ---------------------------------------------------------------- helpers

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Feed fixtures live apart from the page fixtures (every file there is a page).
fn feed_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feed-fixtures").join(name)
}

/// A feed fixture with `{{BASE}}` made into the server's address.
fn feed_text(name: &str, base: &str) -> String {
    std::fs::read_to_string(feed_fixture(name)).unwrap().replace("{{BASE}}", base)
}

/// The article pages the summary-only items point at (existing page fixtures, our own), and
/// every feed fixture at `/<name>`.
fn page_routes() -> Vec<(&'static str, Route)> {
    let page = |f: &str| ok(std::fs::read(fixture(f)).unwrap(), "text/html; charset=utf-8");
    let feed = |f: &str| ok(std::fs::read(feed_fixture(f)).unwrap(), "application/xml");
    vec![
        ("/news/ferry-timetable", page("jsonld-newsarticle.html")),
        ("/news/allotments", page("jsonld-graph.html")),
        ("/atom.xml", feed("atom.xml")),
        ("/feed.json", feed("feed.json")),
        ("/news-sitemap.xml", feed("news-sitemap.xml")),
    ]
}

fn options(dir: &Path) -> FeedOptions {
    FeedOptions {
        out_dir: dir.to_path_buf(),
        fetch: FetchOptions {
            timeout: Duration::from_millis(1500),
            per_host_delay: Duration::ZERO,
            ..FetchOptions::default()
        },
        now: Some("2026-11-30T12:00:00Z".into()),
        progress: false,
        // These tests are about feeds; pictures coming home are tested in tests/images.rs.
        images: lede_import::ImageMode::Keep,
    }
}

/// Imports a feed fixture (served by `server` at `/<name>`, or written to a file when `file`).
fn import_fixture(server: &Server, name: &str, dir: &Path, file: bool) -> Report {
    let source = if file {
        let path = dir.parent().unwrap().join(name);
        std::fs::write(&path, feed_text(name, &server.base)).unwrap();
        path.display().to_string()
    } else {
        format!("{}/{name}", server.base)
    };
    import_feed(&source, &options(dir)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn story(dir: &Path, slug: &str) -> Article {
    let bytes = std::fs::read(dir.join(format!("{slug}.json"))).unwrap_or_else(|e| panic!("{slug}.json: {e}"));
    Article::from_json_bytes(&bytes).unwrap()
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { .. } => Some(b.plain_text()),
            _ => None,
        })
        .collect()
}

fn outcomes(r: &Report) -> Vec<Outcome> {
    r.items.iter().map(|i| i.outcome.clone()).collect()
}

fn imported(slug: &str, from_page: bool) -> Outcome {
    Outcome::Imported { slug: slug.into(), from_page }
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

// ---------------------------------------------------------------- formats

#[test]
fn rss_full_text_media_image_and_a_summary_only_item_from_its_page() {
    let server = Server::start(page_routes());
    let tmp = temp();
    let dir = tmp.path().join("articles");
    let report = import_fixture(&server, "rss-full.xml", &dir, true);
    assert_eq!(
        outcomes(&report),
        [
            imported("lighthouse-cottage-museum", false),
            imported("ferry-fares-frozen", false),
            imported("ferry-timetable", true)
        ]
    );
    let a = story(&dir, "lighthouse-cottage-museum");
    assert_eq!(a.headline, "Lighthouse keepers\u{2019} cottage becomes a museum");
    assert_eq!(a.id, "gazette-1001", "the guid is the story's id");
    assert_eq!(a.date_published, "2024-05-14T08:30:00+01:00", "RFC 822 pubDate made RFC 3339, offset kept");
    assert_eq!(a.language, "en-GB");
    assert_eq!(a.publisher.name, "The Harbour Gazette");
    assert_eq!(a.authors.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Morwenna Tresize"]);
    assert_eq!(a.keywords, ["Heritage"]);
    assert_eq!(paragraphs(&a).len(), 2);
    assert!(paragraphs(&a)[0].starts_with("The cottage at Penhallow Point"));
    assert!(a.body.iter().any(|b| matches!(b, Block::Quote { .. })), "the blockquote is a quote");
    let img = a.lead_image.as_ref().expect("the Media RSS picture");
    assert_eq!(
        (img.src.as_str(), img.width, img.height),
        (format!("{}/img/cottage.jpg", server.base).as_str(), 1200, 800)
    );
    assert_eq!(img.alt, "The whitewashed cottage below the lighthouse at dusk.");
    assert_eq!(img.credit.as_deref(), Some("Photo: Jory Pascoe"));

    let b = story(&dir, "ferry-fares-frozen");
    assert_eq!(b.authors[0].name, "Ana Quiller", "the name in an RSS <author> e-mail");
    assert_eq!(b.date_published, "2024-05-13T17:05:00Z");
    assert!(b.lead_image.is_none());

    let c = story(&dir, "ferry-timetable");
    assert_eq!(c.headline, "Island ferry timetable to change after pier repairs", "read from the page");
    assert_eq!(server.hits("/news/ferry-timetable"), 1);
    assert_eq!(server.hits("/news/ferry-fares-frozen"), 0, "full-text items are not fetched");
}

#[test]
fn atom_html_xhtml_and_summary_entries() {
    let server = Server::start(page_routes());
    let tmp = temp();
    let dir = tmp.path().join("out");
    let report = import_fixture(&server, "atom.xml", &dir, false);
    assert_eq!(report.format.map(|f| f.name()), Some("Atom 1.0"));
    assert_eq!(
        outcomes(&report),
        [
            imported("reservoir-half-full", false),
            imported("choir-regional-final", false),
            imported("ferry-timetable", true)
        ]
    );
    let a = story(&dir, "reservoir-half-full");
    assert_eq!(a.headline, "Reservoir back above half full", "type=html title as text");
    assert_eq!(a.date_published, "2024-06-01T07:00:00+01:00");
    assert_eq!(a.date_modified, None, "updated equal to published is no modification");
    assert_eq!(a.authors[0].name, "Idris Vaughan");
    let link = a.body.iter().flat_map(|b| match b {
        Block::Paragraph { content, .. } => content.clone(),
        _ => vec![],
    });
    let hrefs: Vec<String> = link.filter_map(|r| r.href).collect();
    assert_eq!(hrefs, [format!("{}/news/hosepipe", server.base)], "relative links resolved against the feed");
    let b = story(&dir, "choir-regional-final");
    assert_eq!(paragraphs(&b).len(), 2);
    assert!(b.body.iter().any(|x| matches!(x, Block::Heading { level: 2, .. })), "xhtml <h2> kept");
    assert_eq!(b.date_modified.as_deref(), Some("2024-05-31T08:15:00Z"));
    assert_eq!(b.authors[0].name, "Ledger Newsroom", "the feed's author stands in");
}

#[test]
fn json_feed_1_1_and_1_0() {
    let server = Server::start(page_routes());
    let tmp = temp();
    let dir = tmp.path().join("out");
    let report = import_fixture(&server, "feed.json", &dir, false);
    assert_eq!(
        outcomes(&report),
        [
            imported("tram-extension-approved", false),
            imported("library-late-hours", false),
            imported("allotments", true)
        ]
    );
    let a = story(&dir, "tram-extension-approved");
    assert_eq!((a.id.as_str(), a.authors[0].name.as_str()), ("nw-77", "Pekka Laine"));
    assert_eq!(a.keywords, ["transport"]);
    let b = story(&dir, "library-late-hours");
    assert_eq!(b.id, "78", "a numeric id");
    assert_eq!(
        paragraphs(&b),
        ["The central library will stay open until 10 pm on weekdays.", "The trial runs for six months."]
    );
    assert_eq!(b.authors[0].name, "Wire Desk");
    assert_eq!(story(&dir, "allotments").headline, "Allotment waiting list tops 400 as council seeks new plots");

    let dir10 = tmp.path().join("out10");
    let path = feed_fixture("feed-1.0.json");
    let r = import_feed(path.to_str().unwrap(), &options(&dir10)).unwrap();
    assert_eq!(outcomes(&r), [imported("bridge-repainted", false)]);
    assert_eq!(story(&dir10, "bridge-repainted").authors[0].name, "Wire Desk", "1.0's `author`");
}

#[test]
fn news_sitemap_items_come_from_their_pages() {
    let server = Server::start(page_routes());
    let tmp = temp();
    let dir = tmp.path().join("out");
    let report = import_fixture(&server, "news-sitemap.xml", &dir, false);
    assert_eq!(report.format.map(|f| f.name()), Some("news sitemap"));
    assert_eq!(outcomes(&report), [imported("ferry-timetable", true), imported("allotments", true)]);
    assert_eq!(report.requests, 4, "robots.txt, the sitemap, two pages");
    let hit = &server.log.lock().unwrap()[1];
    assert!(hit.headers["user-agent"].starts_with("lede-import/"), "identifies itself: {}", hit.headers["user-agent"]);
}

// ---------------------------------------------------------------- broken feeds

#[test]
fn truncated_wrongly_encoded_and_non_feeds_are_refused_with_the_reason() {
    let tmp = temp();
    let dir = tmp.path().join("out");
    let err = |name: &str| import_feed(feed_fixture(name).to_str().unwrap(), &options(&dir)).unwrap_err();
    let e = err("truncated.xml");
    assert!(e.contains("truncated.xml: line 3") || e.contains("cut off"), "{e}");
    assert!(e.contains("cut off") && e.contains("<"), "{e}");
    let e = err("wrong-encoding.xml");
    assert!(e.contains("line 3: byte 0xE9 is not UTF-8"), "{e}");
    let e = import_feed(fixture("opengraph-article.html").to_str().unwrap(), &options(&dir)).unwrap_err();
    assert!(e.contains("not a feed") || e.contains("HTML page"), "{e}");
    assert!(!dir.join(".lede-import.state").exists(), "nothing recorded for a feed that did not read");

    let r = import_feed(feed_fixture("latin1-declared.xml").to_str().unwrap(), &options(&dir)).unwrap();
    assert_eq!(outcomes(&r), [imported("cafe-reopens", false)]);
    assert_eq!(story(&dir, "cafe-reopens").headline, "Café on the quay reopens", "ISO-8859-1 as declared");
}

// ---------------------------------------------------------------- the polite fetcher

#[test]
fn every_network_failure_names_the_url_and_the_others_still_import() {
    let big = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>Filler words for a page too big.</p>".repeat(280_000)
    );
    assert!(big.len() > 10_000_000);
    let mut routes = page_routes();
    routes.extend([
        ("/news/broken", Route { status: 500, ..Route::default() }),
        ("/news/slow", Route { delay: Duration::from_secs(4), ..ok("<html></html>", "text/html") }),
        ("/news/loop-a", redirect("/news/loop-b")),
        ("/news/loop-b", redirect("/news/loop-a")),
        ("/news/moved", redirect("/news/ferry-timetable")),
        ("/news/huge", ok(big, "text/html")),
        ("/private/secret", ok("<html></html>", "text/html")),
        ("/news/streamed", Route { no_length: true, ..ok(vec![b'x'; 9 * 1024 * 1024], "text/html") }),
        ("/news/far", redirect("/r/1")),
        ("/r/1", redirect("/r/2")),
        ("/r/2", redirect("/r/3")),
        ("/r/3", redirect("/r/4")),
        ("/r/4", redirect("/r/5")),
        ("/r/5", redirect("/r/6")),
    ]);
    let server = Server::start(routes);
    // A second site whose robots.txt fails: nothing there is fetched.
    let down = Server::start(vec![("/robots.txt", Route { status: 503, ..Route::default() })]);
    let item = |path: &str| {
        format!(
            "<item><title>{path}</title><link>{}{path}</link><pubDate>Mon, 13 May 2024 17:05:00 GMT</pubDate></item>",
            server.base
        )
    };
    let paths = [
        "/news/broken",
        "/news/slow",
        "/news/loop-a",
        "/news/huge",
        "/private/secret",
        "/news/missing",
        "/news/moved",
        "/news/streamed",
        "/news/far",
    ];
    let elsewhere = format!(
        "<item><title>elsewhere</title><link>{}/news/x</link><pubDate>Mon, 13 May 2024 17:05:00 GMT</pubDate></item>",
        down.base
    );
    let rss = format!(
        "<rss version=\"2.0\"><channel><title>T</title>{}{elsewhere}</channel></rss>",
        paths.map(item).concat()
    );
    let tmp = temp();
    let feed = tmp.path().join("feed.xml");
    std::fs::write(&feed, rss).unwrap();
    let dir = tmp.path().join("out");
    let report = import_feed(feed.to_str().unwrap(), &options(&dir)).unwrap();
    let reasons: Vec<String> = report
        .items
        .iter()
        .map(|i| match &i.outcome {
            Outcome::Refused { reason } => reason.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    let url = |p: &str| format!("{}{p}", server.base);
    let expect = [
        format!("{}: HTTP 500 Internal Server Error", url("/news/broken")),
        format!("{}: timed out: no complete answer within 1.5 s", url("/news/slow")),
        format!(
            "{}: redirect loop: {} → {} → {}",
            url("/news/loop-a"),
            url("/news/loop-a"),
            url("/news/loop-b"),
            url("/news/loop-a")
        ),
        format!("{}: the answer is ", url("/news/huge")),
        format!("{}: robots.txt of {} disallows it for lede-import", url("/private/secret"), server.base),
        format!("{}: HTTP 404 Not Found", url("/news/missing")),
    ];
    for (got, want) in reasons.iter().zip(&expect) {
        assert!(got.starts_with(&format!("page not fetched: {want}")), "got {got:?}\nwant {want:?}");
    }
    assert!(reasons[3].ends_with("and at most 8.0 MB is read"), "{}", reasons[3]);
    assert_eq!(
        report.items[6].outcome,
        imported("ferry-timetable", true),
        "a redirect is followed; the last hop names it"
    );
    let more = [
        format!("{}: the answer is larger than 8.0 MB, the most that is read", url("/news/streamed")),
        format!("{}: more than 5 redirects", url("/news/far")),
        format!(
            "{0}/news/x: robots.txt of {0} could not be read (HTTP 503 Service Unavailable), so nothing there is fetched (RFC 9309)",
            down.base
        ),
    ];
    assert_eq!(reasons[7..], more.map(|m| format!("page not fetched: {m}")));
    assert_eq!(server.hits("/private/secret"), 0, "robots.txt honoured");
    assert_eq!(down.hits("/news/x"), 0, "nothing fetched where robots.txt fails");
    assert_eq!(report.counts(), [1, 0, 0, 9]);
    let rendered = report.render("feed.xml");
    // robots.txt ×2, 8 pages asked (not the disallowed one), the redirect's target, loop-b, and 5 hops
    // of the long chain (its 6th redirect is not followed).
    assert!(rendered.ends_with("imported 1, updated 0, skipped 0, refused 9 (17 HTTP request(s))\n"), "{rendered}");
}

#[test]
fn conditional_requests_and_the_per_host_rate_limit() {
    let mut routes = page_routes();
    let sitemap = std::fs::read(feed_fixture("news-sitemap.xml")).unwrap();
    routes.push(("/sitemap.xml", Route { etag: Some("\"v1\"".into()), ..ok(sitemap, "application/xml") }));
    let server = Server::start(routes);
    let tmp = temp();
    let dir = tmp.path().join("out");
    let mut opts = options(&dir);
    opts.fetch.per_host_delay = Duration::from_millis(300);
    let source = format!("{}/sitemap.xml", server.base);
    let first = import_feed(&source, &opts).unwrap();
    assert_eq!(first.counts(), [2, 0, 0, 0]);
    // Requests to one host are 300 ms apart (robots.txt, sitemap, two pages); seen from the
    // server, which polls for connections every 5 ms, a little less. Without the limit: ~1 ms.
    let times: Vec<Instant> = server.log.lock().unwrap().iter().map(|h| h.at).collect();
    assert_eq!(times.len(), 4);
    for w in times.windows(2) {
        assert!(w[1] - w[0] >= Duration::from_millis(250), "{:?}", w[1] - w[0]);
    }
    let second = import_feed(&source, &opts).unwrap();
    assert!(second.feed_not_modified);
    assert!(second.render(&source).contains("unchanged since the last import (HTTP 304 Not Modified)"));
    let log = server.log.lock().unwrap();
    let asks: Vec<Option<&String>> =
        log.iter().filter(|h| h.path == "/sitemap.xml").map(|h| h.headers.get("if-none-match")).collect();
    assert_eq!(asks, [None, Some(&"\"v1\"".to_string())]);
}

// ---------------------------------------------------------------- identity and updates

#[test]
fn reimport_skips_updates_keeps_slugs_and_keeps_vanished_stories() {
    let server = Server::start(page_routes());
    let tmp = temp();
    let dir = tmp.path().join("out");
    let first = import_fixture(&server, "rss-full.xml", &dir, true);
    assert_eq!(first.counts(), [3, 0, 0, 0]);
    let before = std::fs::read_to_string(dir.join("lighthouse-cottage-museum.json")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("lighthouse-cottage-museum.json")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "readable by the web server");
    }

    // The same feed again: nothing changes, nothing is written.
    let again = import_fixture(&server, "rss-full.xml", &dir, true);
    assert_eq!(again.counts(), [0, 0, 3, 0], "{}", again.render("again"));
    assert_eq!(std::fs::read_to_string(dir.join("lighthouse-cottage-museum.json")).unwrap(), before);

    // v2: the cottage item is the same; the ferry fares story is corrected and moved to a new
    // address (same guid); the timetable item is gone.
    let v2 = import_fixture(&server, "rss-full-v2.xml", &dir, true);
    assert_eq!(
        outcomes(&v2),
        [
            Outcome::Skipped { slug: Some("lighthouse-cottage-museum".into()), reason: "unchanged".into() },
            Outcome::Updated { slug: "ferry-fares-frozen".into(), modified: "2026-11-30T12:00:00Z".into() },
        ]
    );
    let fares = story(&dir, "ferry-fares-frozen");
    assert!(paragraphs(&fares)[0].contains("until October"));
    assert_eq!(fares.date_modified.as_deref(), Some("2026-11-30T12:00:00Z"), "the import time, as the feed gives none");
    assert_eq!(fares.date_published, "2024-05-13T17:05:00Z");
    assert!(!dir.join("ferry-fares-frozen-2.json").exists(), "the guid kept it one story");
    assert_eq!(
        story(&dir, "ferry-timetable").headline,
        "Island ferry timetable to change after pier repairs",
        "vanished, kept"
    );
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(files, 3);
}

#[test]
fn without_a_guid_the_address_is_the_identity_and_a_feed_date_wins() {
    let tmp = temp();
    let dir = tmp.path().join("out");
    let feed = tmp.path().join("f.json");
    let write = |text: &str, updated: &str| {
        let json = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"W","items":[{{"url":"https://w.example/news/quay?utm_source=a","title":"Quay","content_html":"<p>{text}</p>","date_published":"2024-01-01T10:00:00Z"{updated}}}]}}"#
        );
        std::fs::write(&feed, json).unwrap();
    };
    write("First version.", "");
    let r = import_feed(feed.to_str().unwrap(), &options(&dir)).unwrap();
    assert_eq!(outcomes(&r), [imported("quay", false)]);
    assert_eq!(story(&dir, "quay").id, "https://w.example/news/quay", "tracking parameters dropped");
    // Another story already has the slug `quay` in the folder: a new item gets `quay-2`.
    write("Second version.", r#","date_modified":"2024-01-02T08:00:00Z""#);
    let feed_str = std::fs::read_to_string(&feed).unwrap().replace("utm_source=a", "utm_source=b");
    std::fs::write(&feed, feed_str).unwrap();
    let r = import_feed(feed.to_str().unwrap(), &options(&dir)).unwrap();
    assert_eq!(outcomes(&r), [Outcome::Updated { slug: "quay".into(), modified: "2024-01-02T08:00:00Z".into() }]);
    let other = tmp.path().join("g.json");
    std::fs::write(&other, std::fs::read_to_string(&feed).unwrap().replace("news/quay", "other/quay")).unwrap();
    let r = import_feed(other.to_str().unwrap(), &options(&dir)).unwrap();
    assert_eq!(outcomes(&r), [imported("quay-2", false)]);
}

#[test]
fn pages_are_asked_only_whether_they_changed() {
    let page = |f: &str| Route {
        etag: Some(format!("\"{f}\"")),
        headers: vec![
            ("Content-Type".into(), "text/html".into()),
            ("Last-Modified".into(), "Sun, 12 May 2024 10:00:00 GMT".into()),
        ],
        body: std::fs::read(fixture(f)).unwrap(),
        status: 200,
        ..Route::default()
    };
    let sitemap = std::fs::read(feed_fixture("news-sitemap.xml")).unwrap();
    let server = Server::start(vec![
        ("/news/ferry-timetable", page("jsonld-newsarticle.html")),
        ("/news/allotments", page("jsonld-graph.html")),
        ("/sitemap.xml", ok(sitemap, "application/xml")),
    ]);
    let tmp = temp();
    let dir = tmp.path().join("out");
    let source = format!("{}/sitemap.xml", server.base);
    assert_eq!(import_feed(&source, &options(&dir)).unwrap().counts(), [2, 0, 0, 0]);
    let again = import_feed(&source, &options(&dir)).unwrap();
    let unchanged =
        |slug: &str| Outcome::Skipped { slug: Some(slug.into()), reason: "unchanged (HTTP 304 Not Modified)".into() };
    assert_eq!(outcomes(&again), [unchanged("ferry-timetable"), unchanged("allotments")]);
    let log = server.log.lock().unwrap();
    let second = log.iter().filter(|h| h.path == "/news/allotments").nth(1).expect("asked again");
    assert_eq!(second.headers.get("if-none-match").map(String::as_str), Some("\"jsonld-graph.html\""));
    assert_eq!(second.headers.get("if-modified-since").map(String::as_str), Some("Sun, 12 May 2024 10:00:00 GMT"));
}

#[test]
fn an_item_of_10_mb_is_refused_quickly_and_the_others_import() {
    let big = "<p>Paragraph of a story far too long for any page.</p>".repeat(200_000);
    assert!(big.len() > 10_000_000);
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Big",
        "items": [
            {"id": "big", "url": "https://big.example/news/huge", "title": "Huge", "content_html": big,
             "date_published": "2024-01-01T00:00:00Z"},
            {"id": "small", "url": "https://big.example/news/small", "title": "Small",
             "content_html": "<p>A small story.</p>", "date_published": "2024-01-01T00:00:00Z"}
        ]
    });
    let tmp = temp();
    let path = tmp.path().join("big.json");
    std::fs::write(&path, feed.to_string()).unwrap();
    let dir = tmp.path().join("out");
    let r = import_feed(path.to_str().unwrap(), &options(&dir)).unwrap();
    assert_eq!(
        outcomes(&r),
        [
            Outcome::Refused { reason: "its content is 10.3 MB of HTML; at most 4 MB is imported".into() },
            imported("small", false)
        ]
    );
}

#[test]
fn the_command_line_prints_a_summary_and_exits_by_outcome() {
    let tmp = temp();
    let run = |feed: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lede-import"))
            .arg(feed)
            .arg("--out-dir")
            .arg(tmp.path().join("out"))
            .output()
            .unwrap()
    };
    let good = run(&feed_fixture("feed-1.0.json"));
    assert_eq!(good.status.code(), Some(0));
    let out = String::from_utf8_lossy(&good.stdout);
    assert!(out.contains("JSON Feed, 1 item(s)\n  imported  bridge-repainted  (from the feed)\nimported 1, updated 0, skipped 0, refused 0\n"), "{out}");

    let cut = run(&feed_fixture("truncated.xml"));
    assert_eq!(cut.status.code(), Some(1));
    let err = String::from_utf8_lossy(&cut.stderr);
    assert!(err.contains("cut off") && err.ends_with("truncated.xml: nothing imported\n"), "{err}");

    let partial = tmp.path().join("partial.json");
    std::fs::write(
        &partial,
        r#"{"version":"https://jsonfeed.org/version/1","items":[{"id":"x","title":"No date","content_html":"<p>x</p>"}]}"#,
    )
    .unwrap();
    let refused = run(&partial);
    assert_eq!(refused.status.code(), Some(2));
    let out = String::from_utf8_lossy(&refused.stdout);
    assert!(
        out.contains("refused   item 1 \"No date\": no publication date (pubDate, published, date_published)"),
        "{out}"
    );

    // A single page by URL, without --out-dir: fetched, then imported as from a file.
    let server = Server::start(page_routes());
    let page = std::process::Command::new(env!("CARGO_BIN_EXE_lede-import"))
        .arg(format!("{}/news/allotments", server.base))
        .args(["--delay", "0", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(page.status.code(), Some(0), "{}", String::from_utf8_lossy(&page.stderr));
    let a = Article::from_json_bytes(&page.stdout).unwrap();
    assert_eq!(a.headline, "Allotment waiting list tops 400 as council seeks new plots");
    assert_eq!(a.slug, "allotments", "from the address it was fetched from");
    assert_eq!(server.hits("/news/allotments"), 1);
}
