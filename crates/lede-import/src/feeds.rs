//! `lede-import FEED --out-dir DIR`: every item of a feed becomes (or updates) one story in DIR.
//!
//! An item with its full text is imported from the feed (through [`crate::page`], then the HTML
//! path); an item with only a summary is imported from its page, fetched politely. Each item maps
//! to one story across imports (by guid, then by address; [`crate::state`]); an unchanged item is
//! skipped, a changed one rewrites its story under the same slug with `dateModified` set, and a
//! story whose item left the feed stays. One item's failure never stops the others.

use std::path::{Path, PathBuf};

use lede_core::Article;
use lede_core::time::Timestamp;
use url::Url;

use crate::feed::{self, Entry, Feed, Format};
use crate::fetch::{FetchOptions, Fetched, Fetcher};
use crate::images::{Fate, ImageMode, Known, Picture};
use crate::state::{State, Story, identity_url};
use crate::{MAX_PAGE_BYTES, Options};

/// An item's HTML over this is refused before any work. lede-core refuses article documents over
/// 8 MB, and the article JSON of a page of paragraphs is about three times its HTML (12 MB of
/// HTML made 35 MB), so more could never be imported; a story is a few tens of KB.
pub const MAX_ITEM_HTML_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct FeedOptions {
    pub out_dir: PathBuf,
    pub fetch: FetchOptions,
    /// The time written as `dateModified` when the feed gives none for a changed item (tests
    /// pin it; otherwise the clock).
    pub now: Option<String>,
    /// Draw a progress bar on standard error.
    pub progress: bool,
    /// Bring the stories' pictures home (into the site's `images/`), or keep their addresses.
    pub images: ImageMode,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A new story; `from_page` when it was read from the item's page.
    Imported {
        slug: String,
        from_page: bool,
    },
    Updated {
        slug: String,
        modified: String,
    },
    Skipped {
        slug: Option<String>,
        reason: String,
    },
    Refused {
        reason: String,
    },
}

#[derive(Debug, Clone)]
pub struct ItemReport {
    pub label: String,
    pub outcome: Outcome,
    /// The story's pictures: saved on the site, or left out and why.
    pub pictures: Vec<Picture>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub format: Option<Format>,
    pub items: Vec<ItemReport>,
    /// The feed answered 304: nothing changed since the last import.
    pub feed_not_modified: bool,
    pub requests: usize,
}

impl Report {
    /// Imported, updated, skipped, refused.
    pub fn counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for item in &self.items {
            c[match item.outcome {
                Outcome::Imported { .. } => 0,
                Outcome::Updated { .. } => 1,
                Outcome::Skipped { .. } => 2,
                Outcome::Refused { .. } => 3,
            }] += 1;
        }
        c
    }

    /// Pictures saved (or already there), and left out.
    pub fn picture_counts(&self) -> [usize; 2] {
        let pictures = self.items.iter().flat_map(|i| &i.pictures);
        let left_out = pictures.clone().filter(|p| matches!(p.fate, Fate::LeftOut { .. })).count();
        [pictures.count() - left_out, left_out]
    }

    /// One line per item (and one per picture left out), then the totals.
    pub fn render(&self, source: &str) -> String {
        let mut out = String::new();
        if self.feed_not_modified {
            out += &format!("{source}: unchanged since the last import (HTTP 304 Not Modified)\n");
        }
        if let Some(f) = self.format {
            out += &format!("{source}: {}, {} item(s)\n", f.name(), self.items.len());
        }
        for item in &self.items {
            let line = match &item.outcome {
                Outcome::Imported { slug, from_page } => {
                    format!("  imported  {slug}  ({})", if *from_page { "from its page" } else { "from the feed" })
                }
                Outcome::Updated { slug, modified } => format!("  updated   {slug}  (dateModified {modified})"),
                Outcome::Skipped { slug, reason } => {
                    format!("  skipped   {}  {reason}", slug.as_deref().unwrap_or(&item.label))
                }
                Outcome::Refused { reason } => format!("  refused   {}: {reason}", item.label),
            };
            out += &line;
            out.push('\n');
            for p in item.pictures.iter().filter(|p| matches!(p.fate, Fate::LeftOut { .. })) {
                out += &format!("            {p}\n");
            }
        }
        let [i, u, s, r] = self.counts();
        out += &format!("imported {i}, updated {u}, skipped {s}, refused {r}");
        let [saved, left_out] = self.picture_counts();
        if saved + left_out > 0 {
            out += &format!("; pictures: {saved} saved, {left_out} left out");
        }
        if self.requests > 0 {
            out += &format!(" ({} HTTP request(s))", self.requests);
        }
        out.push('\n');
        out
    }
}

pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Imports a feed (a file or an http(s) URL) into `options.out_dir`. An error means the feed
/// itself could not be read; problems with single items are in the report.
pub fn import_feed(source: &str, options: &FeedOptions) -> Result<Report, String> {
    let dir = &options.out_dir;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let mut state = State::load(dir)?;
    let mut fetcher = Fetcher::new(options.fetch.clone());
    let mut report = Report::default();

    let (bytes, charset, base) = if is_url(source) {
        match fetcher.get(source, state.http.get(source)).map_err(|e| e.to_string())? {
            Fetched::NotModified => {
                report.feed_not_modified = true;
                report.requests = fetcher.requests;
                return Ok(report);
            }
            Fetched::Fresh(r) => {
                state.http.insert(source.to_string(), r.validators.clone());
                let base = Url::parse(&r.url).ok();
                (r.bytes, r.charset, base)
            }
        }
    } else {
        (read_file(Path::new(source))?, None, None)
    };
    let feed = feed::parse(&bytes, charset.as_deref(), base.as_ref()).map_err(|e| format!("{source}: {e}"))?;
    report.format = Some(feed.format);

    let bar = if options.progress {
        indicatif::ProgressBar::new(feed.entries.len() as u64).with_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} items {msg}").expect("a valid template"),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut seen: Vec<(Option<String>, Option<String>, usize)> = Vec::new();
    // Pictures brought home in this run, so a picture two stories share is fetched once.
    let mut pictures = Pictures::default();
    for entry in &feed.entries {
        let link = entry.link.as_deref().map(identity_url);
        let duplicate = seen.iter().find(|(g, l, _)| {
            (entry.guid.is_some() && *g == entry.guid) || (entry.guid.is_none() && link.is_some() && *l == link)
        });
        let outcome = match duplicate {
            Some((_, _, first)) => Outcome::Skipped { slug: None, reason: format!("the same story as item {first}") },
            None => import_entry(entry, link.as_deref(), &feed, &mut state, &mut fetcher, options, &mut pictures),
        };
        seen.push((entry.guid.clone(), link, entry.position));
        report.items.push(ItemReport { label: entry.label(), outcome, pictures: std::mem::take(&mut pictures.found) });
        bar.inc(1);
    }
    bar.finish_and_clear();
    report.requests = fetcher.requests;
    state.save(dir)?;
    Ok(report)
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PAGE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(format!("{}: larger than {} MB", path.display(), MAX_PAGE_BYTES / (1024 * 1024)));
    }
    Ok(bytes)
}

/// The pictures of a run: those on the site already, and what became of the current item's.
#[derive(Default)]
struct Pictures {
    on_site: Known,
    found: Vec<Picture>,
}

fn import_entry(
    entry: &Entry,
    link: Option<&str>,
    feed: &Feed,
    state: &mut State,
    fetcher: &mut Fetcher,
    options: &FeedOptions,
    pictures: &mut Pictures,
) -> Outcome {
    let refuse = |reason: String| Outcome::Refused { reason };
    if entry.guid.is_none() && link.is_none() {
        return refuse("no guid/id and no link: nothing to tell this story apart by".into());
    }
    let dir = &options.out_dir;
    let known = state.find(entry.guid.as_deref(), link);
    let old: Option<Article> = known.and_then(|i| {
        let path = dir.join(format!("{}.json", state.stories[i].slug));
        std::fs::read(path).ok().and_then(|b| Article::from_json_bytes(&b).ok())
    });
    let keep_slug = known.map(|i| state.stories[i].slug.clone());

    // The article, from the feed or from the page.
    let from_page = entry.content_html.is_none();
    let mut page_validators = None;
    let imported = if let Some(content) = &entry.content_html {
        if content.len() > MAX_ITEM_HTML_BYTES {
            let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
            return refuse(format!(
                "its content is {:.1} MB of HTML; at most {:.0} MB is imported",
                mb(content.len()),
                mb(MAX_ITEM_HTML_BYTES)
            ));
        }
        let published = match (&entry.published, &entry.updated) {
            (Some(Ok(p)), _) | (None, Some(Ok(p))) => p.clone(),
            (Some(Err(e)), _) => return refuse(format!("its publication date {e}")),
            (None, Some(Err(e))) => return refuse(format!("its date {e}")),
            (None, None) => return refuse("no publication date (pubDate, published, date_published)".into()),
        };
        if entry.title.as_deref().is_none_or(str::is_empty) {
            return refuse("no title".into());
        }
        let page = crate::page::page_for(entry, feed, &published, content);
        let opts = Options { slug: keep_slug.clone(), url: entry.link.clone(), body_from_page: true };
        crate::import(page.as_bytes(), &opts)
    } else {
        let Some(url) = entry.link.as_deref() else {
            return refuse("only a summary and no link to the story's page".into());
        };
        // Ask the page only whether it changed, when its story is on disk.
        let validators = old.as_ref().and_then(|_| state.http.get(url));
        match fetcher.get(url, validators) {
            Err(e) => return refuse(format!("page not fetched: {e}")),
            Ok(Fetched::NotModified) => {
                return Outcome::Skipped { slug: keep_slug, reason: "unchanged (HTTP 304 Not Modified)".into() };
            }
            Ok(Fetched::Fresh(r)) => {
                page_validators = Some(r.validators);
                let opts = Options { slug: keep_slug.clone(), url: Some(r.url), body_from_page: false };
                crate::import(&r.bytes, &opts)
            }
        }
    };
    let mut article = match imported {
        Ok(i) => i.article,
        Err(problems) => {
            let errors: Vec<String> = problems
                .iter()
                .filter(|p| p.is_error())
                .take(3)
                .map(|p| p.render(if from_page { "page" } else { "item" }))
                .collect();
            return refuse(errors.join("; "));
        }
    };

    // Identity: the item's guid, else its address; an existing story keeps its own.
    if let Some(id) = entry.guid.clone().or_else(|| link.map(str::to_string)) {
        article.id = id;
    }
    if let (Some(credit), Some(lead)) =
        (entry.image.as_ref().and_then(|i| i.credit.clone()), article.lead_image.as_mut())
        && lead.credit.is_none()
    {
        lead.credit = Some(credit);
    }
    // Pictures come home before the story is compared with its last version, whose pictures are
    // on the site already (and are reused, not fetched again).
    if let ImageMode::Download(images) = &options.images {
        if let Some(old) = &old {
            pictures.on_site.remember(old);
        }
        pictures.found = crate::images::bring_home(&mut article, fetcher, images, &mut pictures.on_site);
    }
    let outcome = match &old {
        Some(old) => {
            article.id = old.id.clone();
            article.slug = old.slug.clone();
            let strip = |a: &Article| Article { date_modified: None, ..a.clone() };
            if strip(&article) == strip(old) {
                if let Some(v) = page_validators {
                    state.http.insert(entry.link.clone().unwrap_or_default(), v);
                }
                return Outcome::Skipped { slug: Some(old.slug.clone()), reason: "unchanged".into() };
            }
            let modified = modified_date(&article, old, options.now.as_deref());
            article.date_modified = Some(modified.clone());
            Outcome::Updated { slug: article.slug.clone(), modified }
        }
        None => {
            if keep_slug.is_none() {
                article.slug = free_slug(&article.slug, dir, state);
            }
            Outcome::Imported { slug: article.slug.clone(), from_page }
        }
    };

    let mut json = serde_json::to_string_pretty(&article).expect("an article serialises");
    json.push('\n');
    if let Err(problems) = Article::from_json(&json) {
        let list: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
        return refuse(format!("the story does not validate: {}", list.join("; ")));
    }
    let path = dir.join(format!("{}.json", article.slug));
    if let Err(e) = crate::write_atomically(&path, json.as_bytes()) {
        return refuse(format!("{}: cannot write: {e}", path.display()));
    }
    let record = Story { slug: article.slug.clone(), guid: entry.guid.clone(), url: link.map(str::to_string) };
    match known {
        Some(i) => {
            // Keep what was known; learn what is new (a guid that appeared, a changed address).
            let s = &mut state.stories[i];
            s.guid = record.guid.or(s.guid.take());
            s.url = record.url.or(s.url.take());
        }
        None => state.stories.push(record),
    }
    if let (Some(v), Some(url)) = (page_validators, &entry.link) {
        state.http.insert(url.clone(), v);
    }
    outcome
}

/// `dateModified` for a changed story: the item's own date when it is later than the story's
/// last version, else now; never before publication.
fn modified_date(new: &Article, old: &Article, now: Option<&str>) -> String {
    let last = old.modified().unwrap_or_else(|| old.published()).unix_ms();
    let published = new.published();
    if let Some(m) = new.modified().filter(|m| m.unix_ms() > last) {
        return m.as_str().to_string();
    }
    let now = now.map(str::to_string).unwrap_or_else(crate::dates::now);
    match Timestamp::parse(&now) {
        Ok(t) if t.unix_ms() >= published.unix_ms() => now,
        _ => published.as_str().to_string(),
    }
}

/// The slug, or `slug-2`, `slug-3`, … when another story already has it.
fn free_slug(slug: &str, dir: &Path, state: &State) -> String {
    let taken = |s: &str| state.slug_taken(s) || dir.join(format!("{s}.json")).exists();
    if !taken(slug) {
        return slug.to_string();
    }
    (2..).map(|n| format!("{slug}-{n}")).find(|s| !taken(s)).expect("some number is free")
}
