//! The importer end to end: the binary on the fixtures (invented articles in the shapes
//! publishers use), and the library on pages built here. Every article that comes out must read
//! back through lede-core's parser and validator unchanged.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lede_core::{Article, Block, Mark, Run};
use lede_import::{Location, Options, Severity, import};

const BIN: &str = env!("CARGO_BIN_EXE_lede-import");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // Write from a thread: a large page would fill the pipe while the child's stderr waits.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let out = child.wait_with_output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs the binary on a fixture that must import, and reads the article back through lede-core.
/// The pictures keep their addresses: these tests are about reading pages (tests/images.rs brings
/// pictures home).
fn imported(name: &str) -> (Article, String) {
    let path = fixture(name);
    let out = run(&[path.to_str().unwrap(), "--keep-image-urls"], None);
    assert_eq!(out.code, 0, "{name} should import; stderr:\n{}", out.stderr);
    let article = Article::from_json(&out.stdout).unwrap_or_else(|p| panic!("{name}: output does not validate:\n{p}"));
    (article, out.stderr)
}

/// Runs the binary on a fixture that must fail: non-zero, nothing on stdout.
fn refused(name: &str) -> String {
    let path = fixture(name);
    let out = run(&[path.to_str().unwrap()], None);
    assert_ne!(out.code, 0, "{name} should be refused");
    assert_eq!(out.stdout, "", "{name}: nothing may be printed on failure");
    assert!(out.stderr.contains("not imported"), "{}", out.stderr);
    out.stderr
}

fn text(runs: &[Run]) -> String {
    lede_core::plain_text(runs)
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.body.iter().filter(|b| matches!(b, Block::Paragraph { .. })).map(Block::plain_text).collect()
}

fn all_runs(a: &Article) -> Vec<&Run> {
    a.body
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } | Block::Quote { content, .. } => {
                content.iter().collect::<Vec<_>>()
            }
            Block::Image { .. } => Vec::new(),
        })
        .collect()
}

fn body_text(a: &Article) -> String {
    a.body.iter().map(Block::plain_text).collect::<Vec<_>>().join("\n")
}

// (1) A full NewsArticle in JSON-LD, articleBody included.

#[test]
fn jsonld_news_article_gives_every_field() {
    let (a, stderr) = imported("jsonld-newsarticle.html");
    assert_eq!(stderr, "", "a complete page imports without warnings");
    assert_eq!(a.headline, "Island ferry timetable to change after pier repairs");
    assert_eq!(a.slug, "ferry-timetable-changes-after-pier-repairs", "from the canonical URL, .html dropped");
    assert_eq!(a.id, "hg-2024-0514-ferry");
    assert_eq!(a.language, "en-GB");
    assert_eq!(a.section.as_deref(), Some("Transport"));
    assert_eq!(a.dateline.as_deref(), Some("PORT ELLAN"));
    assert_eq!(a.date_published, "2024-05-14T07:45:00+01:00");
    assert_eq!(a.date_modified.as_deref(), Some("2024-05-14T11:20:00+01:00"));
    assert_eq!(
        a.standfirst.as_deref(),
        Some(
            "Crossings to Skerra will leave half an hour earlier from June while the north pier is rebuilt & strengthened."
        )
    );
    let authors: Vec<_> = a.authors.iter().map(|p| (p.name.as_str(), p.url.as_deref())).collect();
    assert_eq!(
        authors,
        [
            ("Morag Sillars", Some("https://www.harbourgazette.example/authors/morag-sillars")),
            ("Dev Anand Pillai", None)
        ]
    );
    assert_eq!(a.publisher.name, "Harbour Gazette", "JSON-LD publisher wins over og:site_name");
    assert_eq!(a.publisher.url.as_deref(), Some("https://www.harbourgazette.example/"));
    let lead = a.lead_image.as_ref().expect("a lead image");
    assert_eq!(lead.src, "https://img.harbourgazette.example/ferry-16x9.jpg", "the widest of the listed images");
    assert_eq!((lead.width, lead.height), (1600, 900));
    assert_eq!(lead.alt, "The Skerra ferry tied up at the south pier at dusk, its lights on.");
    assert_eq!(lead.caption.as_deref(), Some("The MV Skerra Lass at Port Ellan's south pier."));
    assert_eq!(lead.credit.as_deref(), Some("Photo: Harbour Gazette"));
    // The body is articleBody's four paragraphs, not the page's shorter copy.
    let p = paragraphs(&a);
    assert_eq!(p.len(), 4);
    assert!(p[2].starts_with("“We know an earlier start is hard on commuters,”"));
    assert_eq!(a.body.iter().map(Block::id).collect::<Vec<_>>(), ["p1", "p2", "p3", "p4"]);
    assert_eq!(a.keywords, ["ferries", "Skerra", "harbour works", "Transport"]);
    let entities: Vec<_> = a.entities.iter().map(|e| (e.name.as_str(), e.kind.label(), e.same_as.as_deref())).collect();
    assert_eq!(
        entities,
        [("Skerra", "LOC", Some("https://places.example/skerra")), ("Ellan Harbour Board", "ORG", None)]
    );
}

#[test]
fn body_from_page_reads_the_html_instead_of_article_body() {
    let page = fixture("jsonld-newsarticle.html");
    let out = run(&[page.to_str().unwrap(), "--body-from-page"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let a = Article::from_json(&out.stdout).unwrap();
    assert_eq!(paragraphs(&a).len(), 2, "the page's own (shorter) copy of the story");
    // A page whose HTML holds no text still has its articleBody.
    let page =
        std::fs::read_to_string(fixture("invalid-date.html")).unwrap().replace("last Thursday", "2024-04-04T10:00:00Z");
    let page = page.replace("<body><p>See the story above.</p></body>", "<body></body>");
    let imported = import(page.as_bytes(), &Options { body_from_page: true, ..Options::default() }).unwrap();
    assert!(imported.warnings.iter().any(|w| w.message.contains("using the JSON-LD \"articleBody\"")));
    assert_eq!(paragraphs(&imported.article).len(), 2);
}

// (2) JSON-LD in an @graph with references; the body only in the HTML.

#[test]
fn jsonld_graph_with_body_in_html() {
    let (a, stderr) = imported("jsonld-graph.html");
    assert_eq!(stderr, "");
    assert_eq!(a.headline, "Allotment waiting list tops 400 as council seeks new plots");
    assert_eq!(a.slug, "allotment-waiting-list-tops-400", "from the WebPage url the article isPartOf");
    assert_eq!(a.language, "en-US", "from the WebPage's inLanguage");
    assert_eq!(a.date_published, "2023-09-21T16:05:12+02:00", "`+0200` becomes `+02:00`");
    assert_eq!(a.authors[0].name, "Tomasz Wielgus", "author found through its @id");
    assert_eq!(a.authors[0].url.as_deref(), Some("https://northvalepost.example/author/twielgus/"));
    assert_eq!(a.publisher.name, "Northvale Post");
    assert_eq!(a.section.as_deref(), Some("Local"));
    assert_eq!(a.keywords, ["allotments", "gardening", "Northvale council"]);
    let lead = a.lead_image.as_ref().unwrap();
    assert_eq!((lead.width, lead.height), (1200, 800));
    assert_eq!(
        lead.alt, "Raised vegetable beds on the Mill Lane allotments, with a shed behind them.",
        "alt from the page's <img>"
    );
    assert_eq!(lead.caption.as_deref(), Some("Plots at Mill Lane have had no vacancies since spring."));
    assert_eq!(lead.credit.as_deref(), Some("Photo: Northvale Post"));
    assert!(!a.body.iter().any(|b| matches!(b, Block::Image { .. })), "the lead picture is not repeated in the body");
    let kinds: Vec<_> = a.body.iter().map(|b| b.id().to_string()).collect();
    assert_eq!(kinds, ["p1", "p2", "smaller-plots-shorter-wait", "p3", "p4"]);
    assert!(matches!(&a.body[2], Block::Heading { level: 2, .. }));
    let all = body_text(&a);
    for furniture in ["Share this", "four years", "Bypass plan", "All rights reserved", "Posted on"] {
        assert!(!all.contains(furniture), "`{furniture}` is page furniture, not the article");
    }
}

// (3) Open Graph only, body in <article>.

#[test]
fn open_graph_and_article_element() {
    let (a, stderr) = imported("opengraph-article.html");
    assert_eq!(stderr, "");
    assert_eq!(a.headline, "Biblioteca de Vila Serena reabre com horário noturno");
    assert_eq!(
        a.id, "https://diarioplanalto.example/cidade/biblioteca-de-vila-serena-reabre",
        "relative canonical read against og:url"
    );
    assert_eq!(a.slug, "biblioteca-de-vila-serena-reabre");
    assert_eq!(a.language, "pt-BR");
    assert_eq!(a.date_published, "2024-02-09T18:30:00-03:00");
    assert_eq!(a.date_modified.as_deref(), Some("2024-02-09T20:10:00-03:00"));
    assert_eq!(a.authors.len(), 1);
    assert_eq!(a.authors[0].name, "Lúcia Farias", "a name, not the article:author profile URL");
    assert_eq!(a.publisher.name, "Diário do Planalto");
    assert_eq!(a.section.as_deref(), Some("Cidade"));
    assert_eq!(a.keywords, ["bibliotecas", "Vila Serena"]);
    assert!(a.standfirst.as_deref().unwrap().starts_with("Depois de dezoito meses"));
    let lead = a.lead_image.as_ref().unwrap();
    assert_eq!(lead.src, "https://diarioplanalto.example/fotos/biblioteca.jpg");
    assert_eq!((lead.width, lead.height), (1280, 720));
    assert!(lead.alt.starts_with("Leitores nas mesas"));
    assert_eq!(paragraphs(&a).len(), 3);
    let link = all_runs(&a).into_iter().find(|r| r.href.is_some()).unwrap();
    assert_eq!(link.text, "programa de leitura nos bairros");
    assert_eq!(link.href.as_deref(), Some("https://diarioplanalto.example/cidade/programa-leitura-nos-bairros"));
    let all = body_text(&a);
    assert!(!all.contains("Compartilhar") && !all.contains("Receba") && !all.contains("Por Lúcia"));
}

// (4) No metadata: the readability fallback among nav, sidebars and comments.

#[test]
fn readability_fallback_finds_the_story_among_furniture() {
    let (a, stderr) = imported("no-metadata.html");
    assert!(stderr.contains("warning: the page does not say its language"), "{stderr}");
    assert_eq!(a.language, "en");
    assert_eq!(a.headline, "Night buses return to the eastern estates", "from the <h1>");
    assert_eq!(a.publisher.name, "The Valley Ledger", "from the <title> after the headline");
    assert_eq!(a.date_published, "2023-11-02T07:30:00-05:00", "from <time datetime>");
    assert_eq!(a.authors.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Rosa Lindqvist"]);
    assert_eq!(a.slug, "night-buses-return-to-the-eastern-estates", "from the headline");
    let p = paragraphs(&a);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(p[0].starts_with("Night buses will run again"));
    assert!(p[3].ends_with("the same as on daytime services."));
    let all = body_text(&a);
    for furniture in ["Subscribe", "taxis", "retail park", "Library opening", "Mill Street", "Front page", "Rail fares"]
    {
        assert!(!all.contains(furniture), "`{furniture}` leaked into the body");
    }
}

// (5) Figures, quotes, links, emphasis.

#[test]
fn rich_body_keeps_figures_quotes_links_and_emphasis() {
    let (a, stderr) = imported("rich-body.html");
    // The figure without a size is left out, and the message says where it is.
    assert!(
        stderr.contains("rich-body.html:37:7: warning: picture `https://uplandsreview.example/media/foil-packets.jpg` left out: it has no width and height"),
        "{stderr}"
    );
    assert_eq!(a.slug, "seed-vault-tarn-fell");
    let Block::Image { image, .. } = &a.body[0] else { panic!("the first block is the door picture: {:?}", a.body[0]) };
    assert_eq!(image.src, "https://uplandsreview.example/media/vault-door.jpg", "resolved against the canonical URL");
    assert_eq!((image.width, image.height), (1600, 1067));
    assert_eq!(image.caption.as_deref(), Some("The vault door, cut into the old quarry face."));
    assert_eq!(image.credit.as_deref(), Some("Photograph: Ines Okafor"));
    assert_eq!(
        image.srcset().as_deref(),
        Some(
            "https://uplandsreview.example/media/vault-door-640.jpg 640w, https://uplandsreview.example/media/vault-door.jpg 1600w"
        )
    );
    let runs = all_runs(&a);
    let find = |t: &str| runs.iter().find(|r| r.text == t).unwrap_or_else(|| panic!("no run `{t}`"));
    assert_eq!(find("unremarkable").marks, [Mark::Emphasis]);
    assert_eq!(find("almost every flowering plant").marks, [Mark::Strong]);
    assert_eq!(find("university collection").href.as_deref(), Some("https://botany.example/projects/upland-seeds"));
    assert_eq!(
        find("volunteers' profile").href.as_deref(),
        Some("https://uplandsreview.example/features/volunteers-of-the-fells"),
        "a relative link resolved against the canonical URL"
    );
    for r in &runs {
        if let Some(href) = &r.href {
            assert!(href.starts_with("https://"), "only http(s) links: {href}");
        }
    }
    assert!(body_text(&a).contains("A hidden trick on the old website"), "a javascript: link keeps its words");
    assert!(body_text(&a).contains("Questions go to the vault team."), "a mailto: link keeps its words");
    let quote = a.body.iter().find_map(|b| match b {
        Block::Quote { content, attribution, .. } => Some((text(content), attribution.clone(), content.clone())),
        _ => None,
    });
    let (quote, attribution, runs) = quote.expect("the blockquote becomes a quote");
    assert_eq!(
        quote,
        "People imagine something out of a film. It is really a very cold cupboard with excellent paperwork."
    );
    assert_eq!(attribution.as_deref(), Some("Hal Brennan, vault manager"));
    assert!(runs.iter().any(|r| r.text == "excellent" && r.marks == [Mark::Emphasis]));
    let headings: Vec<_> = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, content, .. } => Some((*level, text(content))),
            _ => None,
        })
        .collect();
    assert_eq!(headings, [(2, "How the seeds are kept".to_string()), (3, "What happens next".to_string())]);
    let p = paragraphs(&a);
    assert!(p.contains(&"• Species held: about 900".to_string()), "list items become paragraphs");
    assert!(p.iter().any(|p| p.contains("to add “a second room” by 2026")), "<q> keeps its quotation marks");
    assert_eq!(
        p.last().unwrap(),
        "Visits are by appointment on the first Saturday of each month.",
        "no footnote marker"
    );
    assert_eq!(a.body.iter().filter(|b| matches!(b, Block::Image { .. })).count(), 2);
    assert_eq!(body_text(&a).matches("very cold cupboard").count(), 1, "the pull quote in <aside> is left out");
    assert!(!body_text(&a).contains("Share"));
}

// (6) Malformed input.

#[test]
fn broken_jsonld_is_reported_where_it_breaks_and_meta_tags_take_over() {
    let (a, stderr) = imported("broken-jsonld.html");
    assert!(
        stderr.contains(
            "broken-jsonld.html:15:20: warning: JSON-LD: not valid JSON, script skipped: expected a value, found `,`"
        ),
        "{stderr}"
    );
    assert_eq!(a.headline, "Market hall roof to be replaced");
    assert_eq!(a.date_published, "2024-01-17T10:00:00Z");
    assert_eq!(a.publisher.name, "Eastbrook Echo");
    assert_eq!(a.slug, "market-hall-roof");
    assert!(a.authors.is_empty(), "the author was only in the broken script");
}

#[test]
fn no_headline_anywhere_fails() {
    let stderr = refused("no-headline.html");
    assert!(
        stderr
            .contains("no-headline.html: no headline: the page has no JSON-LD \"headline\", og:title, <h1> or <title>"),
        "{stderr}"
    );
}

#[test]
fn an_empty_body_fails() {
    let stderr = refused("empty-body.html");
    assert!(stderr.contains("empty-body.html: no article text"), "{stderr}");
}

#[test]
fn an_invalid_date_fails_with_its_line_and_column() {
    let stderr = refused("invalid-date.html");
    assert!(
        stderr.contains("invalid-date.html:11:20: JSON-LD: \"datePublished\" `last Thursday` is not a date"),
        "{stderr}"
    );
    assert!(stderr.contains("no publication date that reads"), "{stderr}");
}

#[test]
fn a_declared_legacy_charset_is_decoded() {
    let (a, stderr) = imported("latin1-declared.html");
    assert_eq!(stderr, "");
    assert_eq!(a.headline, "Fête du village : la place du marché rouvre");
    assert_eq!(a.publisher.name, "L'Écho des Crêtes");
    assert_eq!(a.slug, "fete-du-village-la-place-du-marche-rouvre", "accents folded for the slug");
    assert!(paragraphs(&a)[0].starts_with("Après huit mois de travaux"));
}

#[test]
fn bytes_that_are_not_utf8_in_a_utf8_page_fail_with_their_position() {
    let stderr = refused("bad-utf8.html");
    assert!(stderr.contains("bad-utf8.html:12:67: byte 0xE9 is not UTF-8 (the page declares UTF-8)"), "{stderr}");
}

#[test]
fn an_undeclared_legacy_page_is_read_as_windows_1252_with_a_warning() {
    let page = b"<html><head><title>Caf\xe9 reopens | Echo</title>\
        <meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head>\
        <body><p>The caf\xe9 on the corner reopened on Monday with a new owner and a new menu.</p></body></html>";
    let out = run(&["-"], Some(page));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("<stdin>:1:23: warning: byte 0xE9 is not UTF-8 and the page declares no charset"),
        "{}",
        out.stderr
    );
    let a = Article::from_json(&out.stdout).unwrap();
    assert_eq!(a.headline, "Café reopens");
}

#[test]
fn a_truncated_page_imports_what_is_there_with_a_warning() {
    let (a, stderr) = imported("truncated.html");
    assert!(stderr.contains("warning: the page ends without </body> or </html>"), "{stderr}");
    let p = paragraphs(&a);
    assert!(p[0].starts_with("Reservoirs serving Eastbrook"));
    assert!(p.iter().any(|p| p.contains("outflow tunnels, which have not been")));
    assert_eq!(a.slug, "reservoir-levels-recover", "from the JSON-LD url");
}

#[test]
fn truncated_jsonld_says_where_it_starts_to_fail() {
    let page = "<html><head>\n<title>Pier | Echo</title>\n\
        <meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\">\n\
        <script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Pier reop";
    let out = run(&["-"], Some(page.as_bytes()));
    assert_ne!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("<stdin>:4:73: warning: JSON-LD: not valid JSON, script skipped: this string is never closed"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("<stdin>: no article text"), "{}", out.stderr);
}

#[test]
fn javascript_and_other_unsafe_links_never_become_links() {
    let (a, stderr) = imported("javascript-links.html");
    assert!(stderr.contains("picture `javascript:alert(1)` left out"), "{stderr}");
    let links: Vec<_> = all_runs(&a).into_iter().filter_map(|r| r.href.as_deref()).collect();
    assert_eq!(links, ["https://eastbrookecho.example/events/april-quiz", "https://lido.example/friends"]);
    let p = paragraphs(&a);
    assert_eq!(
        p[0],
        "A quiz night at the Anchor Inn raised enough to repaint the lido's changing rooms, organisers said."
    );
    assert_eq!(p[2], "The organisers thanked the landlord, the volunteers and the council.");
    assert!(!a.body.iter().any(|b| matches!(b, Block::Image { .. })));
    assert!(!body_text(&a).contains("Should not appear"));
}

/// A few megabytes of page, deeply nested furniture included, imports in reasonable time.
#[test]
fn a_huge_page_imports() {
    let mut page = String::from(
        "<html lang=\"en\"><head><title>Long read | Echo</title>\
         <meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head><body>",
    );
    page.push_str(&"<div class=\"menu\">".repeat(5_000));
    page.push_str("<a href=\"/x\">menu</a>");
    page.push_str(&"</div>".repeat(5_000));
    page.push_str("<article>");
    let paragraph = "The survey counted every hedge, wall and ditch in the parish, and the volunteers walked each boundary twice, once in summer and once in winter, to be sure. ";
    for i in 0..2_000 {
        page.push_str(&format!("<p>{i}: {}</p>\n", paragraph.repeat(4)));
    }
    page.push_str("</article></body></html>");
    assert!(page.len() > 1_000_000);
    let started = Instant::now();
    let out = run(&["-"], Some(page.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(120), "took {:?}", started.elapsed());
    let a = Article::from_json(&out.stdout).unwrap();
    assert_eq!(paragraphs(&a).len(), 2_000);
    assert!(paragraphs(&a)[1999].starts_with("1999: The survey counted"));
}

#[test]
fn nesting_fifty_thousand_deep_does_not_overflow() {
    let mut page = String::from(
        "<html lang=\"en\"><head><title>Deep nesting | Echo</title><meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head><body><article><p>This story sits above a very deep pile of unclosed elements, as broken generators make.</p>",
    );
    page.push_str(&"<div><span>".repeat(50_000));
    page.push_str("bottom");
    let started = Instant::now();
    let out = run(&["-"], Some(page.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert!(out.stderr.contains("<stdin>:1:"), "{}", out.stderr);
    assert!(out.stderr.contains("nested more than 512 deep; deeper ones were flattened"), "{}", out.stderr);
    let a = Article::from_json(&out.stdout).unwrap();
    assert!(paragraphs(&a)[0].starts_with("This story sits above"));
}

#[test]
fn a_page_over_the_size_limit_is_refused() {
    let page = vec![b' '; lede_import::MAX_PAGE_BYTES + 10];
    let out = run(&["-"], Some(&page));
    assert_ne!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("<stdin>: the page is too large"), "{}", out.stderr);
}

// The command line.

#[test]
fn out_writes_the_file_and_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("story.json");
    let page = fixture("jsonld-newsarticle.html");
    // The pictures stay where they are (bringing them home is tests/images.rs's business).
    let out = run(&[page.to_str().unwrap(), "--out", target.to_str().unwrap(), "--keep-image-urls"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, run(&[page.to_str().unwrap()], None).stdout, "the same JSON as on stdout");
    assert!(written.ends_with("}\n"));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["story.json"], "no temporary file is left behind");
}

#[test]
fn a_failed_import_writes_no_file_and_keeps_an_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new.json");
    let page = fixture("invalid-date.html");
    let out = run(&[page.to_str().unwrap(), "--out", target.to_str().unwrap()], None);
    assert_ne!(out.code, 0);
    assert!(!target.exists(), "no file for a failed import");
    let old = dir.path().join("old.json");
    std::fs::write(&old, "previous contents").unwrap();
    let out = run(&[page.to_str().unwrap(), "--out", old.to_str().unwrap()], None);
    assert_ne!(out.code, 0);
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "previous contents");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");
}

#[test]
fn slug_option_is_used_and_checked() {
    let page = fixture("rich-body.html");
    let page = page.to_str().unwrap();
    let out = run(&[page, "--slug", "tarn-fell-vault", "--quiet"], None);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "", "--quiet hides warnings");
    assert_eq!(Article::from_json(&out.stdout).unwrap().slug, "tarn-fell-vault");
    let out = run(&[page, "--slug", "Tarn Fell!"], None);
    assert_ne!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("--slug `Tarn Fell!` must be lower-case letters, digits and single hyphens"),
        "{}",
        out.stderr
    );
}

#[test]
fn url_option_resolves_relative_links_on_a_page_without_one() {
    let page = "<html lang=en><head><title>Weir repaired | Echo</title>\
        <meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head><body>\
        <p>The weir below the mill has been repaired, <a href=\"/news/weir-closed\">a year after it failed</a>.</p></body></html>";
    let out = run(&["-"], Some(page.as_bytes()));
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("1 relative link(s) kept as plain text"), "{}", out.stderr);
    assert!(all_runs(&Article::from_json(&out.stdout).unwrap()).iter().all(|r| r.href.is_none()));
    let out = run(&["-", "--url", "https://echo.example/news/weir-repaired"], Some(page.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let a = Article::from_json(&out.stdout).unwrap();
    assert_eq!(a.slug, "weir-repaired");
    let link = all_runs(&a).into_iter().find(|r| r.href.is_some()).unwrap().href.clone();
    assert_eq!(link.as_deref(), Some("https://echo.example/news/weir-closed"));
}

#[test]
fn a_missing_file_is_an_error() {
    let out = run(&["/nonexistent/page.html"], None);
    assert_ne!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.starts_with("/nonexistent/page.html: "), "{}", out.stderr);
}

#[test]
fn help_describes_the_tool() {
    let out = run(&["--help"], None);
    assert_eq!(out.code, 0);
    for words in ["JSON-LD", "--slug", "--out", "--url", "standard input", "atomically"] {
        assert!(out.stdout.contains(words), "--help should mention {words}:\n{}", out.stdout);
    }
}

// The library.

#[test]
fn every_fixture_that_imports_reads_back_the_same() {
    for name in [
        "jsonld-newsarticle.html",
        "jsonld-graph.html",
        "opengraph-article.html",
        "no-metadata.html",
        "rich-body.html",
        "broken-jsonld.html",
        "latin1-declared.html",
        "truncated.html",
        "javascript-links.html",
    ] {
        let page = std::fs::read(fixture(name)).unwrap();
        let imported = import(&page, &Options::default()).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_eq!(Article::from_json(&imported.json).unwrap(), imported.article, "{name}");
        assert!(imported.warnings.iter().all(|w| w.severity == Severity::Warning));
    }
}

/// A page cut off anywhere (inside a tag, a string, a character) is imported or refused,
/// never a panic.
#[test]
fn pages_cut_off_anywhere_never_panic() {
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let page = std::fs::read(entry.unwrap().path()).unwrap();
        for cut in (0..page.len()).step_by(11) {
            if let Ok(imported) = import(&page[..cut], &Options::default()) {
                assert_eq!(Article::from_json(&imported.json).unwrap(), imported.article);
            }
        }
    }
}

#[test]
fn failures_name_their_place() {
    let page = std::fs::read(fixture("invalid-date.html")).unwrap();
    let problems = import(&page, &Options::default()).unwrap_err();
    assert!(
        problems.iter().any(|p| p.is_error() && p.location == Location::At { line: 11, column: 20 }),
        "{problems:?}"
    );
}

#[test]
fn a_description_that_repeats_the_first_paragraph_is_not_a_standfirst() {
    let page = |description: &str| {
        format!(
            "<html lang=en><head><title>Ferry fares frozen | Echo</title>\
             <meta name=description content=\"{description}\">\
             <meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head><body>\
             <p>Ferry fares will stay at this year's level until 2026, the operator said on Friday.</p></body></html>"
        )
    };
    let repeat =
        import(page("Ferry fares will stay at this year's level until…").as_bytes(), &Options::default()).unwrap();
    assert_eq!(repeat.article.standfirst, None);
    let summary = import(page("No rise for island passengers.").as_bytes(), &Options::default()).unwrap();
    assert_eq!(summary.article.standfirst.as_deref(), Some("No rise for island passengers."));
}

#[test]
fn right_to_left_languages_get_their_direction() {
    let page = "<html lang=\"ar\"><head><meta charset=utf-8><title>افتتاح مكتبة جديدة | صدى المدينة</title>\
        <meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head><body>\
        <article><p>افتتحت البلدية مكتبة جديدة في وسط المدينة يوم السبت بحضور عدد كبير من السكان.</p></article></body></html>";
    let options = Options { slug: Some("new-library".into()), ..Options::default() };
    let imported = import(page.as_bytes(), &options).unwrap();
    assert_eq!(imported.article.direction, lede_core::Direction::Rtl);
    assert_eq!(imported.article.language, "ar");
    assert_eq!(imported.article.publisher.name, "صدى المدينة");
    // Without --slug there is nothing Latin to make one from.
    let problems = import(page.as_bytes(), &Options::default()).unwrap_err();
    assert!(problems.iter().any(|p| p.message.contains("no slug")), "{problems:?}");
}
