//! `lede-import PAGE.html [--slug S] [--out FILE]`: a publisher's article page → Lede article JSON.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use lede_import::{MAX_PAGE_BYTES, Options, import};

/// Turn a news article page (HTML) into Lede's article JSON (docs/article-format.md).
///
/// Fields come from the page's schema.org JSON-LD (NewsArticle, Article, …) first, then its Open
/// Graph, Twitter and other meta tags, then the page itself: the body is read from the element
/// with the densest paragraph text when the JSON-LD has no articleBody. The result is checked
/// with Lede's own validator before it is written.
///
/// Problems go to standard error, each with its place: `page.html:12:5: …` in the page or a JSON
/// path in the article. Warnings do not stop the import; an error does, and then nothing is
/// written at all.
#[derive(Parser)]
#[command(name = "lede-import", version, about, long_about)]
struct Cli {
    /// The HTML page to import; `-` reads standard input.
    page: PathBuf,
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
    let stdin = cli.page.as_os_str() == "-";
    let name = if stdin { "<stdin>".to_string() } else { cli.page.display().to_string() };
    let page = match read_page(&cli.page, stdin) {
        Ok(page) => page,
        Err(err) => {
            eprintln!("{name}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let options = Options { slug: cli.slug, url: cli.url, body_from_page: cli.body_from_page };
    match import(&page, &options) {
        Ok(imported) => {
            if !cli.quiet {
                for w in &imported.warnings {
                    eprintln!("{}", w.render(&name));
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

/// Writes to a temporary file beside `out`, then renames it over `out`: a reader never sees a
/// half-written article, and a failed import leaves an existing file as it was.
fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".lede-import-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| e.error)?;
    Ok(())
}
