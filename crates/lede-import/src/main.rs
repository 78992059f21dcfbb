//! `lede-import PAGE.html [--slug S] [--out FILE]`: a publisher's article page → Lede article JSON.
//! `lede-import FEED --out-dir DIR`: every item of a feed (RSS, Atom, JSON Feed, news sitemap) → DIR.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use lede_import::cli::{FetchArgs, ImageArgs};
use lede_import::images::{Fate, ImageMode};
use lede_import::{FeedOptions, Fetcher, MAX_PAGE_BYTES, Options, import, import_feed, write_atomically};

/// Turn a news article page (HTML), or every item of a publisher's feed, into Lede's article
/// JSON (docs/article-format.md).
///
/// With --out-dir, the input is a feed (a file or an http(s) URL): RSS 2.0, Atom 1.0, JSON Feed
/// 1.0/1.1 or a Google News sitemap. Items that carry their full text are imported from the
/// feed; items with only a summary from their page, fetched politely (robots.txt, a pause
/// between requests to one host, conditional requests). Importing again skips unchanged items,
/// updates changed ones under the same slug with dateModified set, and never deletes a story.
/// Exit status: 0 all well, 1 the feed could not be read, 2 some items were refused.
///
/// Fields come from the page's schema.org JSON-LD (NewsArticle, Article, …) first, then its Open
/// Graph, Twitter and other meta tags, then the page itself: the body is read from the element
/// with the densest paragraph text when the JSON-LD has no articleBody. The result is checked
/// with Lede's own validator before it is written.
///
/// Pictures come home with the story: each one is downloaded with the same polite fetcher,
/// checked (Content-Type, first bytes, a full decode; JPEG, PNG and WebP only, SVG refused) and
/// saved as `<images>/<sha256>.<ext>`, and the story points to `/images/<sha256>.<ext>` with the
/// publisher's address as the picture's `source`. A picture that fails is named with the reason
/// and left out; the story is still imported. With --out or --out-dir the pictures go into
/// `images` beside the articles folder; on standard output only into an --images-dir given.
///
/// Problems go to standard error, each with its place: `page.html:12:5: …` in the page or a JSON
/// path in the article. Warnings do not stop the import; an error does, and then nothing is
/// written at all.
#[derive(Parser)]
#[command(name = "lede-import", version, about, long_about)]
struct Cli {
    /// The HTML page to import: a file, an http(s) URL, or `-` for standard input. With
    /// --out-dir: the feed, a file or an http(s) URL.
    #[arg(value_name = "PAGE|FEED")]
    page: PathBuf,
    /// Import the feed given as input into this folder: one `<slug>.json` per story, and the
    /// import's memory (`.lede-import.state`: which item is which story, ETags).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "slug", "url", "body_from_page"])]
    out_dir: Option<PathBuf>,
    #[command(flatten)]
    fetch: FetchArgs,
    #[command(flatten)]
    images: ImageArgs,
    /// The article's slug (lower-case words joined by hyphens). Default: the last segment of
    /// the page's canonical URL, else made from the headline.
    #[arg(long, value_name = "SLUG")]
    slug: Option<String>,
    /// Write the article JSON to this file (atomically: all or nothing) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The page's own address, overriding the canonical URL it names: relative links and
    /// pictures are resolved against it, and the slug and id can come from it.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Read the body from the page's HTML even when its JSON-LD has an articleBody (which is
    /// plain text): keeps links, emphasis, headings and figures.
    #[arg(long)]
    body_from_page: bool,
    /// Do not print warnings (errors are always printed).
    #[arg(long, short)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(dir) = &cli.out_dir {
        return run_feed(&cli.page.to_string_lossy(), dir, &cli.fetch, &cli.images);
    }
    let stdin = cli.page.as_os_str() == "-";
    let name = if stdin { "<stdin>".to_string() } else { cli.page.display().to_string() };
    let source = cli.page.to_string_lossy().into_owned();
    let fetch_options = match cli.fetch.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("lede-import: {e}");
            return ExitCode::FAILURE;
        }
    };
    // One fetcher for the page and its pictures: one rate limit per host, robots.txt read once.
    let mut fetcher = Fetcher::new(fetch_options);
    let (page, fetched_from) = if lede_import::feeds::is_url(&source) {
        // One page by URL: fetched politely, like a feed's pages.
        let fetched = match fetcher.get(&source, None) {
            Ok(lede_import::fetch::Fetched::Fresh(r)) => Ok((r.bytes, Some(r.url))),
            Ok(lede_import::fetch::Fetched::NotModified) => {
                Err(format!("{source}: HTTP 304 to an unconditional request"))
            }
            Err(e) => Err(e.to_string()),
        };
        match fetched {
            Ok(f) => f,
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        match read_page(&cli.page, stdin) {
            Ok(page) => (page, None),
            Err(err) => {
                eprintln!("{name}: {err}");
                return ExitCode::FAILURE;
            }
        }
    };
    let options = Options { slug: cli.slug, url: cli.url.or(fetched_from), body_from_page: cli.body_from_page };
    let out_file = cli.out.as_deref().filter(|o| o.as_os_str() != "-");
    let articles_dir = out_file.map(|o| o.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")));
    match import(&page, &options) {
        Ok(mut imported) => {
            if !cli.quiet {
                for w in &imported.warnings {
                    eprintln!("{}", w.render(&name));
                }
            }
            match cli.images.mode(articles_dir) {
                Some(ImageMode::Download(dir)) => {
                    for p in imported.bring_images_home(&mut fetcher, &dir) {
                        match p.fate {
                            Fate::LeftOut { .. } => eprintln!("{name}: warning: {p}"),
                            Fate::Saved { .. } if !cli.quiet => eprintln!("{name}: {p} (in {})", dir.display()),
                            Fate::Saved { .. } => {}
                        }
                    }
                    // What is written must still be what the reader reads.
                    if let Err(problems) = lede_core::Article::from_json(&imported.json) {
                        eprintln!("{name}: internal error: the story with its pictures does not validate:\n{problems}");
                        return ExitCode::FAILURE;
                    }
                }
                Some(ImageMode::Keep) => {}
                None => {
                    if !cli.quiet && has_remote_pictures(&imported.article) {
                        eprintln!(
                            "{name}: warning: the pictures keep the publisher's addresses (the reader's CSP blocks \
                             them): give --images-dir DIR, or --out, to bring them home"
                        );
                    }
                }
            }
            let written = match &cli.out {
                Some(out) if out.as_os_str() != "-" => write_atomically(out, imported.json.as_bytes()),
                _ => std::io::stdout().lock().write_all(imported.json.as_bytes()),
            };
            if let Err(err) = written {
                let target = cli.out.as_ref().map_or("standard output".to_string(), |o| o.display().to_string());
                eprintln!("{target}: cannot write: {err}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in problems.iter().filter(|p| p.is_error() || !cli.quiet) {
                eprintln!("{}", p.render(&name));
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprintln!("{name}: not imported ({errors} error{})", if errors == 1 { "" } else { "s" });
            ExitCode::FAILURE
        }
    }
}

/// The page's bytes, refusing more than [`MAX_PAGE_BYTES`] without reading it all.
fn read_page(path: &Path, stdin: bool) -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    let limit = MAX_PAGE_BYTES as u64 + 1;
    if stdin {
        std::io::stdin().lock().take(limit).read_to_end(&mut page)?;
    } else {
        std::fs::File::open(path)?.take(limit).read_to_end(&mut page)?;
    }
    Ok(page)
}

/// Whether any picture of the story is still on another site.
fn has_remote_pictures(a: &lede_core::Article) -> bool {
    a.images().any(|(_, i)| i.src.starts_with("http://") || i.src.starts_with("https://"))
}

/// `--out-dir`: the feed into the folder, a summary at the end.
fn run_feed(source: &str, dir: &Path, fetch: &FetchArgs, images: &ImageArgs) -> ExitCode {
    let fetch = match fetch.options() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("lede-import: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = FeedOptions {
        out_dir: dir.to_path_buf(),
        fetch,
        now: None,
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        images: images.mode(Some(dir)).unwrap_or(ImageMode::Keep),
    };
    match import_feed(source, &options) {
        Ok(report) => {
            print!("{}", report.render(source));
            if report.counts()[3] > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("{source}: nothing imported");
            ExitCode::FAILURE
        }
    }
}
