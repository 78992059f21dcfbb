//! Pre-rendering (native, feature `ssr`): the reader's own components rendered to HTML at build
//! time, so every story's address answers with the full story — for crawlers, chat-app previews
//! and readers without JavaScript — and the app can take the page over without a jump (see
//! `takeover`). `lede-prerender` (src/bin) writes the files.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use lede_core::feed::Site;
use lede_core::index::ArchiveIndex;
use lede_core::page_meta::PageMeta;
use lede_core::ranking::{RelatedIndex, RelatedStory};
use lede_core::{Article, Feed};
use leptos::prelude::*;

use crate::app::PageFrame;
use crate::entities::EntityContext;
use crate::pages::article::StoryLayout;
use crate::pages::front::{FrontSection, StoryList};

/// The page's `<body>` content: the shell around a story, as the app renders it before the
/// recogniser has answered.
pub fn story_body(article: &Article, more_related: Vec<RelatedStory>, now_ms: i64) -> String {
    let article = article.clone();
    render(move || {
        provide_context(EntityContext::new());
        view! { <PageFrame><StoryLayout article=article more_related=more_related now_ms=now_ms /></PageFrame> }
    })
}

/// The front page's `<body>` content.
pub fn front_body(feed: &Feed) -> String {
    let feed = feed.clone();
    render(move || view! { <PageFrame><FrontSection><StoryList feed=feed /></FrontSection></PageFrame> })
}

fn render<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> String {
    let owner = Owner::new();
    owner.with(|| view().to_html())
}

/// A whole document: Trunk's `index.html` (its scripts, styles and settings loader) with the
/// page's metadata in `<head>` and the pre-rendered body in `<div id="prerendered">`.
pub fn document(shell: &str, meta: &PageMeta, body: &str) -> Result<String, String> {
    let title_at = shell.find("<title>").ok_or("the shell has no <title>")?;
    let title_end = shell[title_at..].find("</title>").ok_or("the shell's <title> is not closed")? + title_at + 8;
    let body_at = shell.find("<body>").ok_or("the shell has no <body>")? + "<body>".len();
    let body_end = shell.rfind("</body>").ok_or("the shell's <body> is not closed")?;
    if !(title_end <= body_at && body_at <= body_end) {
        return Err("the shell's <title> and <body> are out of order".into());
    }
    let mut html = String::with_capacity(shell.len() + body.len() + 4096);
    html.push_str(&shell[..title_at]);
    html.push_str(meta.to_html().trim_start());
    html.push_str(&shell[title_end..body_at]);
    html.push_str(&format!("\n<div id=\"prerendered\">{body}</div>\n"));
    html.push_str(&shell[body_end..]);
    Ok(html)
}

/// The site the build describes (`LEDE_SITE_URL`, as for the feed and canonical links).
pub fn site() -> Site {
    Site::lede(crate::components::share::SITE_URL.trim_end_matches('/'))
}

// ---------------------------------------------------------------------------------------------
// Building the pages: `lede-prerender`, in full or incrementally.

/// The marker of a pre-rendered page (Trunk's own `index.html` has none).
pub const MARKER: &str = r#"<div id="prerendered">"#;

/// The manifest of an incremental build, in the cache folder: what each page was rendered from.
pub const MANIFEST: &str = "prerender-manifest.json";

/// What to pre-render, and how.
pub struct BuildOptions {
    /// The folder `trunk build --release` wrote; pages are written into it.
    pub dist: PathBuf,
    /// The stories (`<slug>.json`).
    pub articles: PathBuf,
    /// With a cache folder, the build is incremental: a page is rendered again only when what it
    /// is made of changed (see [`page_key`]); without one, every page is rendered.
    pub cache: Option<PathBuf>,
    /// Threads rendering pages.
    pub jobs: usize,
    /// The moment the build happens (Unix ms): whether a breaking-news banner shows.
    pub now_ms: i64,
    /// A progress bar on standard error.
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub stories: usize,
    /// Story pages rendered (all of them in a full build).
    pub rendered: usize,
    /// Story pages kept from the previous build: nothing they are made of changed.
    pub kept: usize,
    /// Pages of stories that left the archive, removed.
    pub removed: usize,
    /// Bytes of HTML written (the front page included).
    pub bytes: usize,
    /// Why every page was rendered, when the build could not be incremental.
    pub full_because: Option<String>,
}

impl BuildSummary {
    pub fn line(&self, dist: &Path) -> String {
        let how = match &self.full_because {
            Some(why) => format!("a full build ({why})"),
            None => format!("incremental: {} kept, {} removed", self.kept, self.removed),
        };
        format!(
            "{} of {} story pages rendered and the front page, {:.1} KB of HTML, into {}; {how}",
            self.rendered,
            self.stories,
            self.bytes as f64 / 1024.0,
            dist.display()
        )
    }
}

/// One story as read: its file's text and the article.
struct Story {
    text: String,
    article: Article,
}

/// The key of a story's page: everything the page is made of. `global` is the binary, the shell
/// and the site address (a new template or a new build of the tool renders every page); then the
/// story's own file, its "More on this story" list (ranked from the archive index, so a new story
/// elsewhere can change it) and whether its breaking banner shows.
pub fn page_key(global: u64, story_text: &str, more: &[RelatedStory], breaking: bool) -> String {
    let mut h = DefaultHasher::new();
    global.hash(&mut h);
    story_text.hash(&mut h);
    format!("{more:?}").hash(&mut h);
    breaking.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// A hash of the running binary (its components, strings and settings are compiled in).
fn binary_hash() -> u64 {
    let mut h = DefaultHasher::new();
    match std::env::current_exe().and_then(std::fs::read) {
        Ok(bytes) => bytes.hash(&mut h),
        // Unreadable: a key no earlier build can have written, so every page is rendered.
        Err(_) => std::time::SystemTime::now().hash(&mut h),
    }
    h.finish()
}

/// `f` over `items` on `jobs` threads, answers in order; the first error wins.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    let next = AtomicUsize::new(0);
    let out: Mutex<Vec<(usize, Result<R, String>)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    mine.push((i, f(item)));
                }
                out.lock().expect("no thread panicked").extend(mine);
            });
        }
    });
    let mut out = out.into_inner().expect("no thread panicked");
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<usize, String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(text.len())
}

/// Trunk's page with no content, kept as `shell.html` on the first run (so running again never
/// nests one pre-rendered page in another). Also says whether `index.html` was Trunk's own, i.e.
/// the folder is a fresh Trunk build holding no pages of an earlier build.
pub fn shell(dist: &Path) -> Result<(String, bool), String> {
    let shell_path = dist.join("shell.html");
    let index_path = dist.join("index.html");
    let index = read(&index_path)?;
    if !index.contains(MARKER) {
        std::fs::write(&shell_path, &index).map_err(|e| format!("cannot write {}: {e}", shell_path.display()))?;
        return Ok((index, true));
    }
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("{} is pre-rendered and there is no shell.html: {e}", index_path.display()))?;
    Ok((shell, false))
}

fn story_page(dist: &Path, slug: &str) -> PathBuf {
    dist.join("article").join(slug).join("index.html")
}

/// The previous build's manifest, if it describes this very folder.
fn load_manifest(cache: &Path, dist: &Path) -> Result<HashMap<String, String>, String> {
    let text = std::fs::read_to_string(cache.join(MANIFEST)).map_err(|_| "no manifest yet".to_string())?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| "the manifest is damaged".to_string())?;
    let here = std::fs::canonicalize(dist).map(|p| p.display().to_string()).unwrap_or_default();
    if v.get("dist").and_then(|d| d.as_str()) != Some(here.as_str()) {
        return Err("the manifest describes another folder".into());
    }
    let pages = v.get("pages").and_then(|p| p.as_object()).ok_or("the manifest is damaged")?;
    Ok(pages.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
}

fn save_manifest(cache: &Path, dist: &Path, pages: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(cache).map_err(|e| format!("cannot create {}: {e}", cache.display()))?;
    let here = std::fs::canonicalize(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let pages: serde_json::Map<String, serde_json::Value> =
        pages.iter().map(|(slug, key)| (slug.clone(), serde_json::Value::String(key.clone()))).collect();
    let json = serde_json::json!({ "version": 1, "dist": here.display().to_string(), "pages": pages });
    let tmp = cache.join(format!("{MANIFEST}.tmp"));
    std::fs::write(&tmp, json.to_string()).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, cache.join(MANIFEST)).map_err(|e| format!("cannot write {}: {e}", cache.display()))
}

/// Pre-renders every story's page (or, with a cache, every page whose key changed) and the front
/// page into `dist`. The pages are the same, byte for byte, either way (see the tests).
pub fn build(options: &BuildOptions) -> Result<BuildSummary, String> {
    let dist = &options.dist;
    let (shell, fresh) = shell(dist)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&options.articles)
        .map_err(|e| format!("cannot read {}: {e}", options.articles.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let stories: Vec<Story> = par_map(&paths, options.jobs, |path| {
        let text = read(path)?;
        let article = Article::from_json(&text).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            format!("{}: {}", path.display(), list.join("; "))
        })?;
        Ok(Story { text, article })
    })?;

    // The archive index, for the ranked related stories the app shows (none without it).
    let index_path = dist.join("index.json");
    let archive = match std::fs::read_to_string(&index_path) {
        Ok(text) => {
            let index = ArchiveIndex::from_json(&text).map_err(|p| {
                format!("{}: {}", index_path.display(), p.iter().next().map(|p| p.to_string()).unwrap_or_default())
            })?;
            let related = RelatedIndex::build(&index);
            Some((index, related))
        }
        Err(_) => None,
    };
    let site = site();
    let global = {
        let mut h = DefaultHasher::new();
        binary_hash().hash(&mut h);
        shell.hash(&mut h);
        (&site.url, &site.title, &site.description).hash(&mut h);
        h.finish()
    };
    // Every story's related list (cheap: the postings of its own entities) and so its key.
    let keyed: Vec<(Vec<RelatedStory>, String)> = par_map(&stories, options.jobs, |s| {
        let more = archive.as_ref().map(|(index, related)| related.more_on(index, &s.article)).unwrap_or_default();
        let key = page_key(global, &s.text, &more, s.article.is_breaking_at(options.now_ms));
        Ok((more, key))
    })?;

    let mut summary = BuildSummary { stories: stories.len(), ..Default::default() };
    let previous = match (&options.cache, fresh) {
        (None, _) => Err("no cache".to_string()),
        (Some(_), true) => Err("a fresh Trunk build".to_string()),
        (Some(cache), false) => load_manifest(cache, dist),
    };
    let previous = previous.unwrap_or_else(|why| {
        summary.full_because = Some(why);
        HashMap::new()
    });
    let todo: Vec<usize> = (0..stories.len())
        .filter(|&i| {
            let slug = &stories[i].article.slug;
            previous.get(slug) != Some(&keyed[i].1) || !story_page(dist, slug).exists()
        })
        .collect();

    let bar = if options.progress {
        ProgressBar::new(todo.len() as u64).with_style(
            ProgressStyle::with_template("{spinner} pre-rendering [{bar:30}] {pos}/{len} {msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        )
    } else {
        ProgressBar::hidden()
    };
    let written: Vec<usize> = par_map(&todo, options.jobs, |&i| {
        let (article, more) = (&stories[i].article, keyed[i].0.clone());
        let html =
            document(&shell, &PageMeta::for_article(article, &site), &story_body(article, more, options.now_ms))?;
        let n = write(&story_page(dist, &article.slug), &html)?;
        bar.inc(1);
        Ok(n)
    })?;
    bar.finish_and_clear();
    summary.rendered = written.len();
    summary.kept = stories.len() - written.len();
    summary.bytes = written.iter().sum();

    // Pages of stories that left the archive go too, as a full build into a fresh folder would
    // never have written them.
    let current: std::collections::HashSet<&str> = stories.iter().map(|s| s.article.slug.as_str()).collect();
    let mut gone: Vec<&String> = previous.keys().filter(|slug| !current.contains(slug.as_str())).collect();
    gone.sort();
    for slug in gone {
        let page = story_page(dist, slug);
        match std::fs::remove_file(&page) {
            Ok(()) => summary.removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", page.display())),
        }
        let _ = std::fs::remove_dir(page.parent().expect("a page has a folder"));
    }

    let feed_path = dist.join("feed.json");
    let feed = Feed::from_json(&read(&feed_path)?).map_err(|p| {
        format!("{}: {}", feed_path.display(), p.iter().next().map(|p| p.to_string()).unwrap_or_default())
    })?;
    let front_title = crate::strings::t().front_title;
    let html = document(&shell, &PageMeta::for_front(&site, front_title), &front_body(&feed))?;
    summary.bytes += write(&dist.join("index.html"), &html)?;

    // Last, once every page is on disk: an interrupted build renders its pages again next time.
    if let Some(cache) = &options.cache {
        let pages: Vec<(String, String)> =
            stories.iter().zip(&keyed).map(|(s, (_, key))| (s.article.slug.clone(), key.clone())).collect();
        save_manifest(cache, dist, &pages)?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Article {
        let json =
            include_str!("../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json");
        Article::from_json(json).expect("the seed story is valid")
    }

    #[test]
    fn a_story_renders_with_the_readers_own_markup() {
        let html = story_body(&seed(), Vec::new(), 0);
        assert!(html.contains(r#"<h1 id="headline" class="headline">"#), "the app's headline markup");
        assert!(html.contains("Michelle Bachelet called for an “urgent cease-fire”"));
        assert!(html.contains(r#"<main id="main" tabindex="-1">"#), "inside the shared chrome");
        assert!(html.contains("<figcaption>"), "the lead picture's caption");
        assert!(html.contains(r#"href="/article/armenia-and-azerbaijan""#), "the related panel");
        assert!(html.contains("Finding the people"), "the entity panel as the app first shows it");
        assert!(html.contains(r#"<time datetime="2020-10-09T12:00:00Z">October 9, 2020 at 12:00 PM UTC</time>"#));
    }

    #[test]
    fn a_document_puts_the_metadata_in_head_and_the_page_in_body() {
        let shell = "<!DOCTYPE html><html><head><title>Lede</title><script src=\"/app.js\"></script></head><body><noscript>x</noscript></body></html>";
        let article = seed();
        let meta = PageMeta::for_article(&article, &site());
        let html = document(shell, &meta, "<p>story</p>").unwrap();
        assert!(html.contains("<title>UN Rights Chief"));
        assert!(html.contains(
            "<script src=\"/app.js\"></script></head><body>\n<div id=\"prerendered\"><p>story</p></div>\n</body>"
        ));
        assert!(!html.contains("<noscript>"), "the page needs no script to be read");
        assert!(document("<html><body></body></html>", &meta, "").is_err(), "a shell without a title is refused");
    }

    // --- Incremental builds give the same bytes as full builds -------------------------------

    use lede_core::index::{EntityInput, IndexBuilder, StoryInput};

    const SHELL: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Lede</title>\
        <script type=\"module\">import init from '/lede-0123456789abcdef.js'; await init();</script></head>\
        <body><noscript>Lede needs JavaScript for some things.</noscript></body></html>\n";
    const NOW: i64 = 1_700_000_000_000;

    /// A small synthetic story of the test's own: `cast` names who and what it is about (the
    /// publisher's entity list, which is what the test's index is made of).
    fn synthetic(i: usize, headline: &str, cast: &[(&str, &str)]) -> Article {
        let mut a = seed();
        a.id = format!("test-{i:03}");
        a.slug = format!("test-story-{i:03}");
        a.headline = headline.to_string();
        a.date_published = format!("2021-03-{:02}T08:00:00Z", 1 + i % 28);
        a.related.clear();
        a.lead_image = None;
        a.entities = cast
            .iter()
            .map(|(name, kind)| {
                serde_json::from_value(serde_json::json!({ "name": name, "type": kind })).expect("a valid hint")
            })
            .collect();
        a
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lede-prerender-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Writes the stories, and the index and feed a build puts beside Trunk's shell.
    fn publish(articles_dir: &Path, dist: &Path, articles: &[Article]) {
        let _ = std::fs::remove_dir_all(articles_dir);
        std::fs::create_dir_all(articles_dir).unwrap();
        let mut builder = IndexBuilder::new();
        for a in articles {
            std::fs::write(articles_dir.join(format!("{}.json", a.slug)), serde_json::to_string_pretty(a).unwrap())
                .unwrap();
            let entities = a
                .entities
                .iter()
                .map(|e| EntityInput {
                    id: lede_core::text::entity_id(e.kind, &e.name),
                    name: e.name.clone(),
                    kind: e.kind,
                    mentions: 2,
                    context: String::new(),
                })
                .collect();
            builder.add(StoryInput {
                slug: a.slug.clone(),
                headline: a.headline.clone(),
                published: a.date_published.clone(),
                language: a.language.clone(),
                entities,
            });
        }
        std::fs::write(dist.join("index.json"), builder.finish().to_json()).unwrap();
        std::fs::write(dist.join("feed.json"), Feed::pages_from_articles(&site(), articles)[0].to_json_pretty())
            .unwrap();
    }

    fn files(dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>, root: &Path) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out, root);
            } else {
                out.insert(path.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&path).unwrap());
            }
        }
    }

    fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut out = std::collections::BTreeMap::new();
        files(dir, &mut out, dir);
        out
    }

    fn options(dist: &Path, articles: &Path, cache: Option<&Path>) -> BuildOptions {
        BuildOptions {
            dist: dist.into(),
            articles: articles.into(),
            cache: cache.map(Path::to_path_buf),
            jobs: 2,
            now_ms: NOW,
            progress: false,
        }
    }

    fn corpus() -> Vec<Article> {
        // The project's samples, and twelve stories in three storylines that share people and places.
        let mut all: Vec<Article> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/public/articles"))
            .unwrap()
            .map(|e| Article::from_json(&std::fs::read_to_string(e.unwrap().path()).unwrap()).expect("a valid sample"))
            .collect();
        let casts: [&[(&str, &str)]; 3] = [
            &[("Maren Ostvik", "PER"), ("Kestrava", "LOC"), ("Kestrava Water Authority", "ORG")],
            &[("Bram Thornholm", "PER"), ("Lunford", "LOC")],
            &[("Selma Corane", "PER"), ("Port Galria", "LOC"), ("Galria Rail Company", "ORG")],
        ];
        for i in 0..12 {
            let cast = casts[i % 3];
            all.push(synthetic(i, &format!("Story {i} about {}", cast[0].0), &cast[..1 + i % cast.len()]));
        }
        all
    }

    #[test]
    fn an_incremental_build_after_two_changes_is_byte_identical_to_a_full_build() {
        let (articles, incr, full, cache) = (temp("articles"), temp("incr"), temp("full"), temp("cache"));
        let mut stories = corpus();
        std::fs::write(incr.join("index.html"), SHELL).unwrap();
        publish(&articles, &incr, &stories);
        let first = build(&options(&incr, &articles, Some(&cache))).unwrap();
        assert_eq!(first.rendered, stories.len(), "a first build renders every story");
        assert_eq!(first.full_because.as_deref(), Some("a fresh Trunk build"));

        // Nothing changed: nothing rendered, nothing different.
        let before = tree(&incr);
        let again = build(&options(&incr, &articles, Some(&cache))).unwrap();
        assert_eq!((again.rendered, again.kept, again.full_because.clone()), (0, stories.len(), None));
        assert_eq!(tree(&incr), before);

        // Two stories change: one's headline (which other stories' "More on this story" lists
        // show), and one that now also names a person from another storyline (which changes the
        // related lists of that storyline's stories).
        let at = |slug: &str, stories: &[Article]| stories.iter().position(|a| a.slug == slug).unwrap();
        let a = at("test-story-003", &stories);
        stories[a].headline = "Maren Ostvik resigns over the Kestrava water deal".into();
        let b = at("test-story-004", &stories);
        stories[b]
            .entities
            .push(serde_json::from_value(serde_json::json!({ "name": "Selma Corane", "type": "PER" })).unwrap());
        publish(&articles, &incr, &stories);
        let second = build(&options(&incr, &articles, Some(&cache))).unwrap();
        assert_eq!(second.full_because, None, "{second:?}");
        assert!(second.rendered > 2, "pages whose related list changed are rendered too: {second:?}");
        assert!(second.rendered < stories.len(), "but not every page: {second:?}");

        // A full build of the same stories into a fresh folder, without a cache.
        std::fs::write(full.join("index.html"), SHELL).unwrap();
        publish(&articles, &full, &stories);
        let whole = build(&options(&full, &articles, None)).unwrap();
        assert_eq!(whole.rendered, stories.len());

        let (incremental, complete) = (tree(&incr), tree(&full));
        assert_eq!(incremental.keys().collect::<Vec<_>>(), complete.keys().collect::<Vec<_>>(), "the same files");
        for (path, bytes) in &complete {
            assert!(incremental[path] == *bytes, "{path} differs between the incremental and the full build");
        }
        let page = String::from_utf8(complete["article/test-story-000/index.html"].clone()).unwrap();
        assert!(
            page.contains("Maren Ostvik resigns over the Kestrava water deal"),
            "the changed headline is in a related list"
        );

        // A story leaves: its page goes, as a full build would never have written it.
        let gone = stories.remove(at("test-story-011", &stories));
        publish(&articles, &incr, &stories);
        let third = build(&options(&incr, &articles, Some(&cache))).unwrap();
        assert_eq!(third.removed, 1);
        assert!(!story_page(&incr, &gone.slug).exists());
        for dir in [articles, incr, full, cache] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    #[test]
    fn a_changed_shell_renders_every_page_again() {
        let (articles, dist, cache) = (temp("shell-articles"), temp("shell-dist"), temp("shell-cache"));
        let stories = corpus();
        std::fs::write(dist.join("index.html"), SHELL).unwrap();
        publish(&articles, &dist, &stories);
        build(&options(&dist, &articles, Some(&cache))).unwrap();
        std::fs::write(
            dist.join("shell.html"),
            SHELL.replace("<title>Lede</title>", "<title>Lede</title><meta name=\"x\" content=\"y\">"),
        )
        .unwrap();
        let after = build(&options(&dist, &articles, Some(&cache))).unwrap();
        assert_eq!((after.rendered, after.kept), (stories.len(), 0));
        assert!(
            std::fs::read_to_string(story_page(&dist, "test-story-000"))
                .unwrap()
                .contains("<meta name=\"x\" content=\"y\">")
        );
        for dir in [articles, dist, cache] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
