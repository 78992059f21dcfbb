//! The article model against the sample articles and against broken documents.

use lede_core::feed::Site;
use lede_core::{Article, Block, Feed, Mark};

const SEED: &str =
    include_str!("../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");
const EXPLAINER: &str = include_str!("../../../public/articles/armenia-and-azerbaijan.json");
const FEED: &str = include_str!("../../../public/feed.json");

fn seed_value() -> serde_json::Value {
    serde_json::from_str(SEED).unwrap()
}

/// Validates a modified copy of the seed and returns the problems as "path: message" lines.
fn problems_after(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let mut v = seed_value();
    edit(&mut v);
    match Article::from_json(&v.to_string()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn sample_articles_are_valid() {
    let seed = Article::from_json(SEED).unwrap();
    assert_eq!(seed.headline, "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh");
    assert_eq!(seed.body.len(), 12);
    assert!(seed.lead_image.as_ref().unwrap().caption.as_ref().unwrap().contains("Barda, Azerbaijan, Oct. 8, 2020"));
    assert_eq!(seed.related[0].label, "Armenia and Azerbaijan");
    let explainer = Article::from_json(EXPLAINER).unwrap();
    assert_eq!(explainer.related[0].items[0].href, format!("/article/{}", seed.slug));
}

#[test]
fn round_trip_keeps_every_field() {
    for json in [SEED, EXPLAINER] {
        let article = Article::from_json(json).unwrap();
        let again = Article::from_json(&serde_json::to_string(&article).unwrap()).unwrap();
        assert_eq!(article, again);
        // Serialising writes the same document back, field for field.
        let original: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_value(&article).unwrap(), original);
    }
}

#[test]
fn inline_marks_and_links_are_data() {
    let explainer = Article::from_json(EXPLAINER).unwrap();
    let runs = explainer
        .body
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph { content, .. } => content.clone(),
            _ => Vec::new(),
        })
        .collect::<Vec<_>>();
    assert!(runs.iter().any(|r| r.marks.contains(&Mark::Emphasis)));
    assert!(runs.iter().any(|r| r.marks.contains(&Mark::Strong)));
    assert!(runs.iter().any(|r| r.href.as_deref().is_some_and(|h| h.starts_with("/article/"))));
}

#[test]
fn breaking_banner_follows_the_until_time() {
    let seed = Article::from_json(SEED).unwrap();
    let until = lede_core::time::Timestamp::parse("2020-10-10T12:00:00Z").unwrap().unix_ms();
    assert!(seed.is_breaking_at(until - 1));
    assert!(!seed.is_breaking_at(until));
    let explainer = Article::from_json(EXPLAINER).unwrap();
    assert!(!explainer.is_breaking_at(0), "no breaking field, no banner");
}

#[test]
fn related_panel_sits_where_the_publisher_put_it() {
    let seed = Article::from_json(SEED).unwrap();
    assert_eq!(seed.related_after(Some("p6")).count(), 1);
    assert_eq!(seed.related_after(Some("p7")).count(), 0);
    assert_eq!(seed.related_after(None).count(), 0);
    let explainer = Article::from_json(EXPLAINER).unwrap();
    assert_eq!(explainer.related_after(None).count(), 1);
}

#[test]
fn syntax_errors_say_where() {
    let err = Article::from_json("{\n  \"version\": 1,\n  \"slug\": }").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("not valid JSON (line 3"), "{text}");
    let err = Article::from_json(&SEED[..SEED.len() / 2]).unwrap_err();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
    assert_eq!(Article::from_json("   ").unwrap_err().to_string(), "the file is empty");
}

#[test]
fn type_errors_name_the_field_path() {
    let problems = problems_after(|v| v["leadImage"]["width"] = "wide".into());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("leadImage.width: invalid type: string \"wide\""), "{problems:?}");

    let problems = problems_after(|v| v["related"][0]["items"][0]["title"] = serde_json::json!(7));
    assert!(problems[0].starts_with("related[0].items[0].title: invalid type"), "{problems:?}");

    let problems = problems_after(|v| {
        v.as_object_mut().unwrap().remove("headline");
    });
    assert!(problems[0].contains("missing field `headline`"), "{problems:?}");
}

#[test]
fn unknown_fields_and_block_types_are_rejected() {
    let problems = problems_after(|v| v["headlin"] = "typo".into());
    assert!(problems[0].contains("unknown field `headlin`"), "{problems:?}");
    let problems = problems_after(|v| v["body"][0]["type"] = "video".into());
    assert!(problems[0].starts_with("body[0]: unknown block type `video`"), "{problems:?}");
    let problems = problems_after(|v| v["body"][0]["level"] = 2.into());
    assert!(problems[0].starts_with("body[0]: a paragraph block has no `level`"), "{problems:?}");
    let problems = problems_after(|v| {
        v["body"][0].as_object_mut().unwrap().remove("content");
    });
    assert!(problems[0].starts_with("body[0]: a paragraph block needs `content`"), "{problems:?}");
}

#[test]
fn semantic_problems_are_all_reported_with_paths() {
    let problems = problems_after(|v| {
        v["slug"] = "../etc/passwd".into();
        v["language"] = "english".into();
        v["datePublished"] = "9 October 2020".into();
        v["body"][1]["id"] = "p1".into();
        v["body"][2]["content"][0]["href"] = "javascript:alert(1)".into();
        v["leadImage"]["height"] = 0.into();
        v["related"][0]["afterBlock"] = "nowhere".into();
        v["version"] = 2.into();
    });
    let expected = [
        "version: version 2 is not supported",
        "slug: `../etc/passwd` must be lower-case",
        "language: `english` is not a language tag",
        "datePublished: `9 October 2020` is not an RFC 3339 date-time",
        "leadImage: width and height must be positive",
        "body[1].id: `p1` is used by an earlier block",
        "body[2].content[0].href: `javascript:alert(1)` is not an http(s) URL",
        "related[0].afterBlock: no body block has the id `nowhere`",
    ];
    for e in expected {
        assert!(problems.iter().any(|p| p.starts_with(e)), "missing `{e}` in {problems:#?}");
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}

#[test]
fn a_focal_point_is_read_and_must_lie_inside_the_picture() {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["leadImage"]["focalPoint"] = serde_json::json!({"x": 0.25, "y": 1});
    let a = Article::from_json(&v.to_string()).expect("a point inside the picture is valid");
    let focal = a.lead_image.unwrap().focal_point.unwrap();
    assert_eq!((focal.x, focal.y), (0.25, 1.0));

    let problems = problems_after(|v| v["leadImage"]["focalPoint"] = serde_json::json!({"x": 1.5, "y": -0.1}));
    assert_eq!(
        problems,
        vec![
            "leadImage.focalPoint.x: 1.5 is not between 0 and 1 (a fraction of the image's width)".to_string(),
            "leadImage.focalPoint.y: -0.1 is not between 0 and 1 (a fraction of the image's height)".to_string(),
        ]
    );
    let problems = problems_after(|v| v["leadImage"]["focalPoint"] = serde_json::json!({"x": 0.5}));
    assert!(problems[0].starts_with("leadImage.focalPoint: missing field `y`"), "{problems:?}");
}

#[test]
fn an_image_source_is_read_and_must_be_an_http_url() {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["leadImage"]["source"] = "https://publisher.example/img/a.jpg".into();
    let a = Article::from_json(&v.to_string()).expect("an https source is valid");
    assert_eq!(a.lead_image.unwrap().source.as_deref(), Some("https://publisher.example/img/a.jpg"));
    for bad in ["/images/a.jpg", "javascript:alert(1)", "#top", "data:image/png;base64,AA"] {
        let problems = problems_after(|v| v["leadImage"]["source"] = bad.into());
        assert_eq!(problems, vec![format!("leadImage.source: `{bad}` is not an http(s) URL")]);
    }
}

#[test]
fn modified_before_published_is_an_error() {
    let problems = problems_after(|v| v["dateModified"] = "2020-10-08T00:00:00Z".into());
    assert_eq!(problems, vec!["dateModified: is earlier than datePublished".to_string()]);
}

#[test]
fn safe_links_only() {
    use lede_core::validate::is_safe_href;
    for good in ["https://example.org/a", "http://example.org", "/article/x", "#p3", "/article/x#p1"] {
        assert!(is_safe_href(good), "{good}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "vbscript:x",
        "https://",
        "https://a b",
        "java\tscript:x",
        "mailto:a@b",
    ] {
        assert!(!is_safe_href(bad), "{bad}");
    }
}

#[test]
fn slugs_cannot_escape_the_articles_folder() {
    use lede_core::validate::is_valid_slug;
    for bad in ["", "..", "a/b", "a..b", "A", "a--b", "-a", "a-", "a.json", "é", &"a".repeat(121)] {
        assert!(!is_valid_slug(bad), "{bad}");
    }
    assert!(is_valid_slug("armenia-and-azerbaijan"));
}

#[test]
fn language_tags_follow_bcp47_shape() {
    use lede_core::validate::is_language_tag;
    for good in ["en", "hy", "pt-BR", "zh-Hant-TW", "es-419", "de-CH-1996"] {
        assert!(is_language_tag(good), "{good}");
    }
    for bad in ["", "e", "english", "en-", "en-a-bc", "en_US", "en-ab1", "12"] {
        assert!(!is_language_tag(bad), "{bad}");
    }
}

/// Every sample article in public/articles, in file-name order.
fn all_articles() -> Vec<Article> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| Article::from_json(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

#[test]
fn committed_feed_matches_the_articles() {
    let articles = all_articles();
    let pages = Feed::pages_from_articles(&Site::lede(lede_core::feed::DEFAULT_SITE_URL), &articles);
    assert_eq!(pages.len(), 1, "the five sample stories fit on one page");
    let built = &pages[0];
    assert_eq!(built.to_json_pretty(), FEED, "public/feed.json is stale: run `cargo run -p lede-site -- feed`");
    let feed = Feed::from_json(FEED).unwrap();
    assert_eq!(feed.stories().count(), articles.len());
    // Newest first: the imported sample (2026), then the explainer, published after the news report.
    let order: Vec<&str> = feed.stories().take(2).map(|(_, s)| s.slug.as_str()).collect();
    assert_eq!(order, ["imported-with-its-picture", "armenia-and-azerbaijan"]);
    assert!(feed.lists_slug("un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh"));
}

#[test]
fn every_feed_item_carries_its_raster_share_card() {
    let pages = Feed::pages_from_articles(&Site::lede("https://lede.example"), &all_articles());
    let json: serde_json::Value = serde_json::from_str(&pages[0].to_json_pretty()).unwrap();
    let items = json["items"].as_array().unwrap();
    // The hand-made samples' lead images are drawings or absent: PNG cards, never the SVG itself;
    // the imported one's and the Russian one's (a photograph-sized JPEG) are JPEGs, and so are their cards.
    let expected = [
        ("imported-with-its-picture", "jpg"),
        ("armenia-and-azerbaijan", "png"),
        ("un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh", "png"),
        ("armenia-azerbaijan-moscow-talks-ar", "png"),
        ("armenia-azerbaijan-moscow-talks-ru", "jpg"),
    ];
    assert_eq!(items.len(), expected.len());
    for item in items {
        let slug = item["_lede"]["slug"].as_str().unwrap();
        let ext = expected.iter().find(|(s, _)| *s == slug).unwrap_or_else(|| panic!("{slug} not expected")).1;
        let image = item["image"].as_str().unwrap();
        let banner = item["banner_image"].as_str().unwrap();
        let prefix = format!("https://lede.example/cards/{slug}-");
        assert!(image.starts_with(&prefix) && image.ends_with(&format!("-1200x630.{ext}")), "{image}");
        assert!(banner.starts_with(&prefix) && banner.ends_with(&format!("-1200x675.{ext}")), "{banner}");
        assert_eq!(
            image.trim_end_matches(&format!("-1200x630.{ext}")),
            banner.trim_end_matches(&format!("-1200x675.{ext}"))
        );
    }
}

#[test]
fn a_long_feed_comes_in_linked_pages() {
    let one = all_articles().remove(0);
    let articles: Vec<Article> = (0..45)
        .map(|i| {
            let mut a = one.clone();
            a.slug = format!("story-{i}");
            a.date_published = format!("2020-10-{:02}T12:00:00Z", 1 + i % 28);
            a
        })
        .collect();
    let pages = Feed::pages_from_articles(&Site::lede("https://lede.example"), &articles);
    assert_eq!(pages.len(), 3);
    assert_eq!(pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(), vec![20, 20, 5]);
    assert_eq!(pages[0].next_url.as_deref(), Some("https://lede.example/feeds/2.json"));
    assert_eq!(pages[1].feed_url.as_deref(), Some("https://lede.example/feeds/2.json"));
    assert_eq!(pages[2].next_url, None);
    let read = Feed::from_json(&pages[1].to_json_pretty()).unwrap();
    assert_eq!((read.pages(), read.lede.unwrap().page), (3, 2));
    assert_eq!(lede_core::routes::feed_page_path(1), "/feed.json");
}

#[test]
fn feed_rejects_bad_slugs_and_versions() {
    let bad = r#"{"version":"https://example.org/rss","title":"x","items":[{"id":"1","_lede":{"slug":"../x"}}]}"#;
    let problems = Feed::from_json(bad).unwrap_err().to_string();
    assert!(problems.contains("version: `https://example.org/rss` is not a JSON Feed 1.x version"), "{problems}");
    assert!(problems.contains("items[0]._lede.slug: `../x` is not a valid slug"), "{problems}");
}

#[test]
fn reading_time_is_a_range_for_the_language() {
    let seed = Article::from_json(SEED).unwrap();
    let words = seed.word_count();
    assert!((390..=440).contains(&words), "{words}");
    assert_eq!(seed.reading_minutes(), (words.div_ceil(260), words.div_ceil(200)));
    let mut arabic = seed.clone();
    arabic.language = "ar-EG".into();
    assert_eq!(arabic.reading_minutes(), (words.div_ceil(180), words.div_ceil(140)));
    let mut long = seed.clone();
    long.body = seed.body.iter().cycle().take(seed.body.len() * 10).cloned().collect();
    let (quick, slow) = long.reading_minutes();
    assert!(slow > quick, "a long story gives a real range: {quick}-{slow}");
    let mut short = seed.clone();
    short.body.truncate(1);
    assert_eq!(short.reading_minutes(), (1, 1));
}

#[test]
fn every_picture_of_a_story_with_where_it_is() {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let figure = |id: &str, src: &str| serde_json::json!({"type": "image", "id": id, "image": {"src": src, "width": 4, "height": 3, "alt": "A figure"}});
    let body = v["body"].as_array_mut().unwrap();
    body.insert(1, figure("fig-a", "/images/a.png"));
    body.insert(3, figure("fig-b", "/images/b.png"));
    let article = Article::from_json(&v.to_string()).unwrap();
    let found: Vec<(String, &str)> = article.images().map(|(at, i)| (at.to_string(), i.src.as_str())).collect();
    assert_eq!(
        found,
        [
            ("leadImage".to_string(), "/images/barda-placeholder.svg"),
            ("body[1].image".to_string(), "/images/a.png"),
            ("body[3].image".to_string(), "/images/b.png"),
        ]
    );
    let mut bare = article.clone();
    bare.lead_image = None;
    assert_eq!(bare.images().count(), 2);
}
