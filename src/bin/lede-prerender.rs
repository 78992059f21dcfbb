//! `lede-prerender`: writes the built site's pages as real HTML, rendered natively by the
//! reader's own Leptos components — one page per story at its address (`article/<slug>/index.html`)
//! and the front page (`index.html`) — each with its title, description, canonical link, Open
//! Graph and Twitter tags and, for a story, schema.org NewsArticle JSON-LD. Trunk's plain
//! `index.html` is kept as `shell.html`: the page for every other address.
//!
//! With `--cache DIR` the build is incremental: a story's page is rendered again only when the
//! story, its "More on this story" list, the shell or this binary changed (`lede::prerender`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use lede::prerender::{self, BuildOptions};

#[derive(Parser)]
#[command(name = "lede-prerender", version, about = "Pre-render Lede's pages to static HTML inside a Trunk build")]
struct Cli {
    /// The folder `trunk build --release` wrote; pages are written into it.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// The stories to pre-render (`<slug>.json`).
    #[arg(long, default_value = "public/articles")]
    articles: PathBuf,
    /// Build incrementally, keeping a manifest of what each page was made of in DIR: only pages
    /// whose story, related list, shell or tool changed are rendered again. Use the same DIR for
    /// every build of one dist folder (a fresh Trunk build renders everything anyway).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Threads rendering pages (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = BuildOptions {
        dist: cli.dist,
        articles: cli.articles,
        cache: cli.cache,
        jobs: cli.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        now_ms: lede::format::now_ms(),
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
    };
    let started = std::time::Instant::now();
    match prerender::build(&options) {
        Ok(summary) => {
            println!("lede-prerender: {} in {:.2} s", summary.line(&options.dist), started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("lede-prerender: {message}");
            ExitCode::FAILURE
        }
    }
}
