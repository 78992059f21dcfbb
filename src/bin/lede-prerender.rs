//! `lede-prerender`: writes the built site's pages as real HTML, rendered natively by the
//! reader's own Leptos components — one page per story at its address (`article/<slug>/index.html`)
//! and the front page (`index.html`) — each with its title, description, canonical link, Open
//! Graph and Twitter tags and, for a story, schema.org NewsArticle JSON-LD. Trunk's plain
//! `index.html` is kept as `shell.html`: the page for every other address.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use lede::prerender;
use lede_core::page_meta::PageMeta;
use lede_core::{Article, Feed};

#[derive(Parser)]
#[command(name = "lede-prerender", version, about = "Pre-render Lede's pages to static HTML inside a Trunk build")]
struct Cli {
    /// The folder `trunk build --release` wrote; pages are written into it.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// The stories to pre-render (`<slug>.json`).
    #[arg(long, default_value = "public/articles")]
    articles: PathBuf,
}

const MARKER: &str = r#"<div id="prerendered">"#;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lede-prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let shell = shell(&cli.dist)?;
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let write = |path: &Path, text: &str| -> Result<usize, String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(text.len())
    };

    let mut paths: Vec<PathBuf> = std::fs::read_dir(&cli.articles)
        .map_err(|e| format!("cannot read {}: {e}", cli.articles.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();

    // The archive index, for the ranked related stories the app shows (none without it).
    let index_path = cli.dist.join("index.json");
    let archive = match std::fs::read_to_string(&index_path) {
        Ok(text) => {
            Some(lede::archive::Archive::new(lede_core::index::ArchiveIndex::from_json(&text).map_err(|p| {
                format!("{}: {}", index_path.display(), p.iter().next().map(|p| p.to_string()).unwrap_or_default())
            })?))
        }
        Err(_) => None,
    };
    let site = prerender::site();
    let now_ms = lede::format::now_ms();
    let progress = ProgressBar::new(paths.len() as u64 + 1).with_style(
        ProgressStyle::with_template("{spinner} pre-rendering [{bar:30}] {pos}/{len} {msg}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let (mut pages, mut bytes) = (0usize, 0usize);
    for path in &paths {
        let article = Article::from_json(&read(path)?).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            format!("{}: {}", path.display(), list.join("; "))
        })?;
        progress.set_message(article.slug.clone());
        let more = archive.as_ref().map(|a| a.more_related(&article)).unwrap_or_default();
        let html = prerender::document(
            &shell,
            &PageMeta::for_article(&article, &site),
            &prerender::story_body(&article, more, now_ms),
        )?;
        bytes += write(&cli.dist.join("article").join(&article.slug).join("index.html"), &html)?;
        pages += 1;
        progress.inc(1);
    }

    let feed_path = cli.dist.join("feed.json");
    let feed = Feed::from_json(&read(&feed_path)?).map_err(|p| {
        format!("{}: {}", feed_path.display(), p.iter().next().map(|p| p.to_string()).unwrap_or_default())
    })?;
    let front_title = lede::strings::t().front_title;
    let html = prerender::document(&shell, &PageMeta::for_front(&site, front_title), &prerender::front_body(&feed))?;
    bytes += write(&cli.dist.join("index.html"), &html)?;
    pages += 1;
    progress.finish_and_clear();
    println!(
        "lede-prerender: {pages} pages ({} stories and the front page), {:.1} KB of HTML, into {}",
        pages - 1,
        bytes as f64 / 1024.0,
        cli.dist.display()
    );
    Ok(())
}

/// Trunk's page with no content, kept as `shell.html` on the first run (so running again never
/// nests one pre-rendered page in another).
fn shell(dist: &Path) -> Result<String, String> {
    let shell_path = dist.join("shell.html");
    let index_path = dist.join("index.html");
    let index =
        std::fs::read_to_string(&index_path).map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    if !index.contains(MARKER) {
        std::fs::write(&shell_path, &index).map_err(|e| format!("cannot write {}: {e}", shell_path.display()))?;
        return Ok(index);
    }
    std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("{} is pre-rendered and there is no shell.html: {e}", index_path.display()))
}
