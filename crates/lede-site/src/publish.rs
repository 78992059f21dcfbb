//! The publisher's commands: `import` (a feed into the articles folder, through lede-import),
//! `build` (the steps of scripts/build.sh, timed, in one command) and `serve` (the built site
//! behind nginx with the project's own config, as scripts/serve.sh does).

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Instant;

use lede_import::cli::{FetchArgs, ImageArgs};
use lede_import::{FeedOptions, ImageMode, import_feed};

use super::{Cli, Command};

/// `lede-site import FEED`: every item of the feed into the articles folder.
pub fn import(feed: &str, articles: &Path, fetch: &FetchArgs, images: &ImageArgs) -> Result<(), String> {
    let options = FeedOptions {
        out_dir: articles.to_path_buf(),
        fetch: fetch.options()?,
        now: None,
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        images: images.mode(Some(articles)).unwrap_or(ImageMode::Keep),
    };
    let report = import_feed(feed, &options)?;
    print!("{}", report.render(feed));
    match report.counts()[3] {
        0 => Ok(()),
        n => Err(format!("{n} item(s) refused (see above); the others were imported")),
    }
}

/// `lede-site build`: write the CSP's img-src from the picture hosts, check the articles, write the feeds and the index, build the reader with
/// Trunk, pre-render every story, move inline scripts out, write the service worker and the
/// sitemap. Run from the project's folder (where Trunk.toml is).
pub fn build(articles: &Path, dist: &Path, site_url: &str, images: &super::ImageHostArgs) -> Result<(), String> {
    if !Path::new("Trunk.toml").exists() {
        return Err("run `lede-site build` from the Lede project's folder (the one with Trunk.toml)".into());
    }
    let public = articles.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let site_url = site_url.to_string();
    let a = || articles.to_path_buf();
    let d = || dist.to_path_buf();
    let steps: Vec<(&str, Step)> = vec![
        (
            "write the CSP's img-src from the picture hosts",
            Step::Own(Command::Headers { images: images.clone(), check: false }),
        ),
        ("check the articles", Step::Own(Command::Check { articles: a(), images: images.clone() })),
        (
            "write the JSON Feed",
            Step::Own(Command::Feed {
                articles: a(),
                out: public.join("feed.json"),
                site_url: site_url.clone(),
                check: false,
            }),
        ),
        (
            "write the archive index",
            Step::Own(Command::Index {
                articles: a(),
                out: public.join("index.json"),
                jobs: None,
                cache: Some(PathBuf::from(CACHE_DIR)),
                no_size: true,
            }),
        ),
        (
            "write the Atom feed",
            Step::Own(Command::Atom { articles: a(), out: public.join("feed.atom"), site_url: site_url.clone() }),
        ),
        (
            "build the reader (trunk build --release)",
            Step::Run(vec!["trunk", "build", "--release", "--dist"], Some(d())),
        ),
        ("leave lede-import's state file out of the site", Step::DropState(d().join("articles").join(STATE_FILE))),
        ("pre-render every story and the front page", Step::Prerender(d(), a())),
        (
            "make every picture's renditions",
            Step::Own(Command::Renditions {
                articles: a(),
                public: public.clone(),
                out: d(),
                cache: Some(PathBuf::from(CACHE_DIR)),
            }),
        ),
        (
            "draw every story's share cards",
            Step::Own(Command::Cards {
                articles: a(),
                public: public.clone(),
                out: d(),
                fonts: PathBuf::from(super::cards::DEFAULT_FONT_DIR),
            }),
        ),
        ("move inline scripts into hashed files", Step::Own(Command::Scripts { dist: d() })),
        ("write the service worker", Step::Own(Command::ServiceWorker { dist: d(), template: public.join("sw.js") })),
        ("write robots.txt and the sitemap", Step::Own(Command::Sitemap { articles: a(), out: d(), site_url })),
        ("write brotli and gzip copies of the text assets", Step::Own(Command::Compress { dist: d() })),
    ];
    let total = steps.len();
    let started = Instant::now();
    for (i, (what, step)) in steps.into_iter().enumerate() {
        eprintln!("[{}/{total}] {what}", i + 1);
        let t = Instant::now();
        match step {
            Step::Own(command) => super::run(Cli { command })?,
            Step::DropState(path) => match std::fs::remove_file(&path) {
                Ok(()) => eprintln!("      removed {}", path.display()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
            },
            Step::Run(args, dir) => {
                let mut p = Process::new(args[0]);
                p.args(&args[1..]);
                if let Some(d) = dir {
                    p.arg(d);
                }
                spawn(p, what)?;
            }
            Step::Prerender(dist, articles) => {
                let mut p = Process::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
                p.args([
                    "run",
                    "--quiet",
                    "--profile",
                    "build-tools",
                    "--no-default-features",
                    "--features",
                    "ssr",
                    "--bin",
                    "lede-prerender",
                    "--",
                ]);
                p.arg("--dist").arg(dist).arg("--articles").arg(articles).arg("--cache").arg(CACHE_DIR);
                spawn(p, what)?;
            }
        }
        eprintln!("      {:.1} s", t.elapsed().as_secs_f64());
    }
    eprintln!("built {} in {:.1} s", dist.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Where builds keep what lets the next one redo only what changed: each story's analysis for
/// the index and the pre-renderer's manifest (see docs/archive.md, "Incremental builds").
pub const CACHE_DIR: &str = "target/lede-cache";

/// lede-import's memory in the articles folder: Trunk copies the folder whole, and the file is no
/// business of the readers.
const STATE_FILE: &str = lede_import::state::STATE_FILE;

enum Step {
    DropState(PathBuf),
    Own(Command),
    Run(Vec<&'static str>, Option<PathBuf>),
    Prerender(PathBuf, PathBuf),
}

fn spawn(mut p: Process, what: &str) -> Result<(), String> {
    let name = p.get_program().to_string_lossy().into_owned();
    let status = p.status().map_err(|e| format!("{what}: cannot run `{name}`: {e} (scripts/setup.sh installs it)"))?;
    if status.success() { Ok(()) } else { Err(format!("{what}: `{name}` failed ({status})")) }
}

/// `lede-site serve`: the built site at http://127.0.0.1:PORT behind nginx with deploy/nginx.conf
/// (real 404s, cache headers, the CSP), in the foreground until Ctrl-C.
pub fn serve(dist: &Path, port: u16) -> Result<(), String> {
    if !dist.join("index.html").exists() {
        return Err(format!("{} has no index.html: run `lede-site build` first", dist.display()));
    }
    if !Path::new("scripts/lib.sh").exists() {
        return Err("run `lede-site serve` from the Lede project's folder (it uses scripts/lib.sh and deploy/)".into());
    }
    println!("Lede is being served at http://127.0.0.1:{port} (Ctrl-C to stop)");
    let mut p = Process::new("bash");
    p.args(["-c", "source scripts/lib.sh && nginx_start \"$0\" \"$1\" foreground"]).arg(dist).arg(port.to_string());
    spawn(p, "serve")
}
