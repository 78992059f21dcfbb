//! Pictures come home with the story: a page and a feed whose pictures live on a local server
//! (127.0.0.1, started here), with a good JPEG, a PNG behind a redirect, and pictures that must be
//! left out — a 404, an HTML page served as image/jpeg, a 20 MB file, an SVG carrying a script, a
//! truncated JPEG, a PNG served as image/jpeg. What each must become is written down in the
//! tables below, by hand, not taken from the code.

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Route, Server, ok, redirect};
use lede_core::{Article, Block, Image};
use lede_import::images::{Fate, ImageMode};
use lede_import::{FeedOptions, FetchOptions, Fetcher, Options, Outcome, import, import_feed};

// ---------------------------------------------------------------- the pictures served

fn encode(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 140]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

const SVG_WITH_SCRIPT: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>alert(document.domain)</script><rect width="40" height="40"/></svg>"#;
const HTML_PAGE: &str = "<!DOCTYPE html><html><head><title>Not found</title></head><body><p>Sorry.</p></body></html>";

/// Every picture address on the server, and what it answers.
fn picture_routes() -> Vec<(&'static str, Route)> {
    let wall = encode(120, 80, image::ImageFormat::Jpeg);
    let truncated = wall[..wall.len() / 3].to_vec();
    vec![
        ("/img/wall.jpg", ok(wall, "image/jpeg")),
        ("/img/moved.png", redirect("/img/crane.png")),
        ("/img/crane.png", ok(encode(64, 40, image::ImageFormat::Png), "image/png")),
        ("/img/gull.webp", ok(encode(30, 20, image::ImageFormat::WebP), "image/webp")),
        // /img/missing.jpg has no route: the server answers 404.
        ("/img/fake.jpg", ok(HTML_PAGE, "image/jpeg")),
        ("/img/huge.jpg", ok(vec![0xFF; 20 * 1024 * 1024], "image/jpeg")),
        ("/img/drawing.svg", ok(SVG_WITH_SCRIPT, "image/svg+xml")),
        ("/img/drawing-as-png.png", ok(SVG_WITH_SCRIPT, "image/png")),
        ("/img/cut.jpg", ok(truncated, "image/jpeg")),
        ("/img/crane-as-jpeg.jpg", ok(encode(64, 40, image::ImageFormat::Png), "image/jpeg")),
    ]
}

/// What each picture must become: saved with this decoded size and file extension, or left
/// out with a reason that says this.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Saved { width: u32, height: u32, ext: &'static str },
    LeftOut(&'static str),
}
use Expect::{LeftOut, Saved};

const EXPECTED: &[(&str, Expect)] = &[
    ("/img/wall.jpg", Saved { width: 120, height: 80, ext: "jpg" }),
    ("/img/moved.png", Saved { width: 64, height: 40, ext: "png" }),
    ("/img/gull.webp", Saved { width: 30, height: 20, ext: "webp" }),
    ("/img/missing.jpg", LeftOut("HTTP 404")),
    ("/img/fake.jpg", LeftOut("served as image/jpeg, but its bytes are not a picture (they begin like an HTML page)")),
    ("/img/huge.jpg", LeftOut("the answer is 20.0 MB and at most 8.0 MB is read")),
    ("/img/drawing.svg", LeftOut("SVG is refused")),
    ("/img/drawing-as-png.png", LeftOut("its bytes are not a picture (they begin like an XML or SVG document)")),
    ("/img/cut.jpg", LeftOut("a JPEG without its end-of-image marker")),
    ("/img/crane-as-jpeg.jpg", LeftOut("served as image/jpeg, but its bytes are a PNG")),
];

/// The page's figures, in order; the lead picture (og:image) is `/img/wall.jpg`.
fn page_html() -> String {
    let figure = |path: &str, n: usize| {
        format!(
            "<figure><img src=\"{path}\" width=\"800\" height=\"600\" alt=\"Picture {n} of the harbour wall.\">\
             <figcaption>Caption {n}. <span class=\"credit\">Photo: Credit {n}</span></figcaption></figure>\n"
        )
    };
    let mut body = String::new();
    for (n, (path, _)) in EXPECTED.iter().enumerate() {
        body += &format!(
            "<p>Paragraph {n} about the harbour wall, which the council repaired before the winter storms came in \
             from the west, as the engineers had asked for three years running.</p>\n"
        );
        if *path != "/img/wall.jpg" {
            body += &figure(path, n);
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour wall repaired before the storms | The Harbour Gazette</title>
<link rel="canonical" href="{{{{BASE}}}}/news/harbour-wall">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:image" content="{{{{BASE}}}}/img/wall.jpg">
<meta property="og:image:width" content="1200"><meta property="og:image:height" content="800">
<meta property="og:image:alt" content="Workers on the rebuilt harbour wall at low tide.">
<meta property="article:published_time" content="2024-10-02T07:00:00Z">
</head><body><article><h1>Harbour wall repaired before the storms</h1>
<figure><img src="/img/wall.jpg" width="1200" height="800" alt="Workers on the rebuilt harbour wall at low tide.">
<figcaption>The wall at low tide. <span class="credit">Photo: Jory Pascoe</span></figcaption></figure>
{body}</article></body></html>
"#
    )
}

fn routes() -> Vec<(&'static str, Route)> {
    let mut routes = picture_routes();
    routes.push(("/news/harbour-wall", ok(page_html(), "text/html; charset=utf-8")));
    routes
}

// ---------------------------------------------------------------- helpers

fn fetch_options(delay: Duration) -> FetchOptions {
    FetchOptions { timeout: Duration::from_secs(5), per_host_delay: delay, ..FetchOptions::default() }
}

/// Every picture of a story: the lead first, then the body's, in order.
fn pictures(a: &Article) -> Vec<&Image> {
    a.lead_image
        .iter()
        .chain(a.body.iter().filter_map(|b| match b {
            Block::Image { image, .. } => Some(image),
            _ => None,
        }))
        .collect()
}

/// The name a stored picture must have: 32 lower-case hex digits and the extension.
fn assert_stored_name(src: &str, ext: &str) -> String {
    let name = src.strip_prefix("/images/").unwrap_or_else(|| panic!("`{src}` is not under /images/"));
    let (hex, e) = name.split_once('.').unwrap();
    assert!(hex.len() == 32 && hex.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')), "{name}");
    assert_eq!(e, ext, "{name}");
    name.to_string()
}

/// The served bytes of a route.
fn served(path: &str) -> Vec<u8> {
    let target = match path {
        "/img/moved.png" => "/img/crane.png",
        p => p,
    };
    picture_routes().into_iter().find(|(p, _)| *p == target).unwrap().1.body
}

fn public(tmp: &Path) -> (PathBuf, PathBuf) {
    let articles = tmp.join("public/articles");
    std::fs::create_dir_all(&articles).unwrap();
    (articles, tmp.join("public/images"))
}

// ---------------------------------------------------------------- a page

#[test]
fn a_page_brings_its_good_pictures_home_and_leaves_the_bad_ones_out_by_name() {
    let server = Server::start(routes());
    let tmp = tempfile::tempdir().unwrap();
    let (_, images) = public(tmp.path());
    let page = page_html().replace("{{BASE}}", &server.base);
    let options = Options { url: Some(format!("{}/news/harbour-wall", server.base)), ..Options::default() };
    let mut imported = import(page.as_bytes(), &options).expect("the page imports");
    // Before: every picture is on the publisher's site, as the page said.
    assert_eq!(pictures(&imported.article).len(), EXPECTED.len(), "each figure is a picture before");

    let mut fetcher = Fetcher::new(fetch_options(Duration::ZERO));
    let report = imported.bring_images_home(&mut fetcher, &images);

    // The report names every picture, with its fate.
    assert_eq!(report.len(), EXPECTED.len(), "{report:#?}");
    for (path, expect) in EXPECTED {
        let address = format!("{}{path}", server.base);
        let p = report.iter().find(|p| p.source == address).unwrap_or_else(|| panic!("{path} not reported"));
        match (expect, &p.fate) {
            (Saved { .. }, Fate::Saved { new_file: true, .. }) => {}
            (LeftOut(why), Fate::LeftOut { reason }) => {
                assert!(reason.contains(why), "{path}: `{reason}` should say `{why}`");
                let line = p.to_string();
                assert!(
                    line.contains(&address) && line.contains("left out") && line.contains("imported without it"),
                    "{line}"
                );
            }
            (e, fate) => panic!("{path}: expected {e:?}, got {fate:?}"),
        }
    }

    // The story keeps exactly the saved pictures, each on the site, with the publisher's address,
    // its real size, and its alt, caption and credit.
    let a = Article::from_json(&imported.json).expect("the rewritten story validates");
    assert_eq!(a, imported.article, "the JSON is the article");
    let kept = pictures(&a);
    let saved: Vec<(&str, Expect)> = EXPECTED.iter().copied().filter(|(_, e)| matches!(e, Saved { .. })).collect();
    assert_eq!(kept.len(), saved.len(), "{kept:#?}");
    for (image, (path, expect)) in kept.iter().zip(&saved) {
        let Saved { width, height, ext } = *expect else { unreachable!() };
        assert_eq!(image.source.as_deref(), Some(format!("{}{path}", server.base).as_str()));
        let name = assert_stored_name(&image.src, ext);
        assert_eq!((image.width, image.height), (width, height), "{path}: the decoded size, not the page's claim");
        assert_eq!(std::fs::read(images.join(&name)).unwrap(), served(path), "{path}: stored as served");
        assert!(image.sizes.is_empty());
    }
    let lead = a.lead_image.as_ref().expect("the lead picture came home");
    assert_eq!(lead.alt, "Workers on the rebuilt harbour wall at low tide.");
    assert_eq!(lead.credit.as_deref(), Some("Photo: Jory Pascoe"));
    assert_eq!(lead.caption.as_deref(), Some("The wall at low tide."));
    let crane = kept[1];
    assert_eq!((crane.alt.as_str(), crane.caption.as_deref()), ("Picture 1 of the harbour wall.", Some("Caption 1.")));
    assert_eq!(crane.credit.as_deref(), Some("Photo: Credit 1"));
    // Nothing in the story points off the site any more.
    assert!(!imported.json.contains(&format!("\"src\": \"{}", server.base)), "{}", imported.json);
    // Only good pictures are on disk.
    let mut files: Vec<String> =
        std::fs::read_dir(&images).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files.len(), saved.len(), "{files:?}");
    assert!(files.iter().all(|f| !f.starts_with('.')), "no temporary file left: {files:?}");

    // Through the polite fetcher: robots.txt asked once, the redirect followed, who we are said.
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!((server.hits("/img/moved.png"), server.hits("/img/crane.png")), (1, 1));
    let log = server.log.lock().unwrap();
    let wall = log.iter().find(|h| h.path == "/img/wall.jpg").unwrap();
    assert!(wall.headers["user-agent"].starts_with("lede-import/"), "{:?}", wall.headers);
}

#[test]
fn pictures_wait_out_the_per_host_delay_honour_robots_txt_and_are_fetched_once() {
    let mut routes = routes();
    routes.push(("/robots.txt", ok("User-agent: *\nDisallow: /img/crane.png\n", "text/plain")));
    let server = Server::start(routes);
    let tmp = tempfile::tempdir().unwrap();
    let (_, images) = public(tmp.path());
    let page = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Two pictures</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="article:published_time" content="2024-10-02T07:00:00Z"></head><body><article><h1>Two pictures</h1>
<p>A paragraph long enough to be the body of a story about two pictures on the same host, and more words.</p>
<figure><img src="{0}/img/wall.jpg" width="1" height="1" alt="The wall."></figure>
<p>Another paragraph long enough to be the body of a story about two pictures on the same host, and more.</p>
<figure><img src="{0}/img/gull.webp" width="1" height="1" alt="A gull."></figure>
<figure><img src="{0}/img/moved.png" width="1" height="1" alt="A crane."></figure>
<figure><img src="{0}/img/wall.jpg" width="1" height="1" alt="The wall again."></figure>
</article></body></html>"#,
        server.base
    );
    let mut imported = import(page.as_bytes(), &Options::default()).expect("imports");
    let delay = Duration::from_millis(300);
    let mut fetcher = Fetcher::new(fetch_options(delay));
    let report = imported.bring_images_home(&mut fetcher, &images);
    let fates: Vec<bool> = report.iter().map(|p| matches!(p.fate, Fate::Saved { .. })).collect();
    assert_eq!(fates, [true, true, false, true], "{report:#?}");
    let srcs: Vec<&str> = pictures(&imported.article).iter().map(|i| i.src.as_str()).collect();
    assert_eq!((srcs.len(), srcs[0]), (3, srcs[2]), "the wall twice, one file: {srcs:?}");
    let Fate::LeftOut { reason } = &report[2].fate else { unreachable!() };
    assert!(reason.contains("robots.txt") && reason.contains("/img/crane.png"), "{reason}");
    assert_eq!(server.hits("/img/crane.png"), 0, "a disallowed redirect target is never asked for");
    let log = server.log.lock().unwrap();
    for pair in log.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        // The server notes a request a moment after it arrives: allow a little for that.
        assert!(gap + Duration::from_millis(30) >= delay, "{} then {} after {gap:?}", pair[0].path, pair[1].path);
    }
    assert_eq!(
        log.len(),
        4,
        "robots.txt, wall (once), gull, moved: {:?}",
        log.iter().map(|h| &h.path).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------- a feed

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>The Harbour Gazette</title><link>{{BASE}}/</link><description>A test feed written for Lede</description>
  <item>
    <title>Harbour wall repaired before the storms</title>
    <link>{{BASE}}/news/wall</link><guid isPermaLink="false">wall-1</guid>
    <pubDate>Wed, 02 Oct 2024 07:00:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>The council finished the harbour wall a week before the first of the autumn storms.</p>
      <figure><img src="/img/gull.webp" width="300" height="200" alt="A gull on the new wall."><figcaption>A gull approves.</figcaption></figure>
      <p>Engineers had asked for the work for three years running.</p>]]></content:encoded>
    <media:content url="{{BASE}}/img/wall.jpg" medium="image" width="1200" height="800">
      <media:description>Workers on the rebuilt harbour wall at low tide.</media:description>
      <media:credit>Photo: Jory Pascoe</media:credit>
    </media:content>
  </item>
  <item>
    <title>Crane arrives for the pier</title>
    <link>{{BASE}}/news/crane</link><guid isPermaLink="false">crane-1</guid>
    <pubDate>Tue, 01 Oct 2024 07:00:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>A floating crane arrived on Tuesday to lift the pier's new deck into place.</p><p>It stays a month.</p>]]></content:encoded>
    <media:content url="{{BASE}}/img/missing.jpg" medium="image" width="1200" height="800">
      <media:description>The crane in the harbour mouth.</media:description>
    </media:content>
  </item>
  <item>
    <title>Second story with the same picture</title>
    <link>{{BASE}}/news/wall-again</link><guid isPermaLink="false">wall-2</guid>
    <pubDate>Thu, 03 Oct 2024 07:00:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>The wall held through the first storm of the season, the harbour master said.</p>]]></content:encoded>
    <media:content url="{{BASE}}/img/wall.jpg" medium="image" width="1200" height="800">
      <media:description>Workers on the rebuilt harbour wall at low tide.</media:description>
    </media:content>
  </item>
</channel></rss>
"#;

/// Per story of the feed: its slug (the last segment of its link), and its pictures' addresses in order (lead first).
const FEED_STORIES: &[(&str, &[&str])] =
    &[("wall", &["/img/wall.jpg", "/img/gull.webp"]), ("crane", &[]), ("wall-again", &["/img/wall.jpg"])];

fn feed_options(articles: &Path, images: &Path) -> FeedOptions {
    FeedOptions {
        out_dir: articles.to_path_buf(),
        fetch: fetch_options(Duration::ZERO),
        now: Some("2024-10-04T12:00:00Z".into()),
        progress: false,
        images: ImageMode::Download(images.to_path_buf()),
    }
}

#[test]
fn a_feed_brings_its_pictures_home_reports_the_missing_one_and_reuses_them_next_time() {
    let mut routes = picture_routes();
    routes.push(("/feed.xml", ok(FEED, "application/rss+xml")));
    let server = Server::start(routes);
    let tmp = tempfile::tempdir().unwrap();
    let (articles, images) = public(tmp.path());
    let feed = format!("{}/feed.xml", server.base);
    let report = import_feed(&feed, &feed_options(&articles, &images)).unwrap();
    let outcomes: Vec<&Outcome> = report.items.iter().map(|i| &i.outcome).collect();
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Imported { .. })), "{outcomes:?}");

    for (slug, expected) in FEED_STORIES {
        let a = Article::from_json_bytes(&std::fs::read(articles.join(format!("{slug}.json"))).unwrap()).unwrap();
        let got: Vec<(&str, &str)> =
            pictures(&a).iter().map(|i| (i.src.as_str(), i.source.as_deref().unwrap_or(""))).collect();
        let want: Vec<String> = expected.iter().map(|p| format!("{}{p}", server.base)).collect();
        assert_eq!(got.iter().map(|(_, s)| s.to_string()).collect::<Vec<_>>(), want, "{slug}");
        for (src, _) in &got {
            assert!(images.join(src.trim_start_matches("/images/")).is_file(), "{slug}: {src} is on disk");
        }
    }
    let wall = |slug: &str| {
        let a = Article::from_json_bytes(&std::fs::read(articles.join(format!("{slug}.json"))).unwrap()).unwrap();
        a.lead_image.unwrap()
    };
    let (first, second) = (wall(FEED_STORIES[0].0), wall(FEED_STORIES[2].0));
    assert_eq!(first.src, second.src, "the same picture, one file");
    assert_eq!((first.width, first.height), (120, 80));
    assert_eq!(first.alt, "Workers on the rebuilt harbour wall at low tide.");
    assert_eq!(first.credit.as_deref(), Some("Photo: Jory Pascoe"));
    assert_eq!(std::fs::read_dir(&images).unwrap().count(), 2, "wall.jpg and gull.webp, once each");

    // The summary names the picture left out and says the story came without it.
    let text = report.render(&feed);
    let missing = format!("picture leadImage {}/img/missing.jpg left out: HTTP 404", server.base);
    assert!(text.contains(&missing), "{text}");
    assert!(text.contains("the story is imported without it"), "{text}");
    assert!(
        text.ends_with(
            "imported 3, updated 0, skipped 0, refused 0; pictures: 3 saved, 1 left out (5 HTTP request(s))\n"
        ),
        "{text}"
    );

    // Again: every story is unchanged, and no picture is asked for again.
    let before = server.hits("/img/wall.jpg") + server.hits("/img/gull.webp");
    assert_eq!(before, 2, "wall.jpg once for two stories, gull.webp once");
    let again = import_feed(&feed, &feed_options(&articles, &images)).unwrap();
    let skipped = again
        .items
        .iter()
        .filter(|i| matches!(&i.outcome, Outcome::Skipped { reason, .. } if reason == "unchanged"))
        .count();
    assert_eq!(skipped, 3, "{:?}", again.items);
    assert_eq!(server.hits("/img/wall.jpg") + server.hits("/img/gull.webp"), before, "reused, not fetched");
    assert_eq!(server.hits("/img/missing.jpg"), 2, "a picture left out is asked for again: it may be back");
}

// ---------------------------------------------------------------- the command line

#[test]
fn the_command_line_saves_pictures_beside_the_articles_folder_and_names_the_bad_ones() {
    let server = Server::start(routes());
    let tmp = tempfile::tempdir().unwrap();
    let (articles, images) = public(tmp.path());
    let out = articles.join("harbour-wall.json");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_lede-import"))
        .arg(format!("{}/news/harbour-wall", server.base))
        .arg("--out")
        .arg(&out)
        .args(["--delay", "0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    for (path, expect) in EXPECTED {
        let address = format!("{}{path}", server.base);
        let line = stderr.lines().find(|l| l.contains(&address)).unwrap_or_else(|| panic!("{path} unnamed: {stderr}"));
        match expect {
            Saved { .. } => assert!(line.contains("saved as /images/"), "{line}"),
            LeftOut(why) => assert!(line.contains("warning: picture") && line.contains(why), "{line}"),
        }
    }
    let a = Article::from_json_bytes(&std::fs::read(&out).unwrap()).unwrap();
    let kept = EXPECTED.iter().filter(|(_, e)| matches!(e, Saved { .. })).count();
    assert_eq!(pictures(&a).len(), kept);
    assert_eq!(std::fs::read_dir(&images).unwrap().count(), kept, "saved into public/images");

    // On standard output, pictures are not downloaded unless a folder is named, and it says so.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_lede-import"))
        .arg(format!("{}/news/harbour-wall", server.base))
        .args(["--delay", "0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("the pictures keep the publisher's addresses"), "{stderr}");
    assert_eq!(server.hits("/img/wall.jpg"), 1, "not fetched the second time");
}
