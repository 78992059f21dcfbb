//! `lede-site`: checks a folder of articles and writes the feed the front page reads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod archive;
mod cards;
mod compress;
mod corpus;
mod diagram;
mod feed_files;
mod image_hosts;
mod incremental;
mod publish;
mod renditions;
mod scripts;
mod service_worker;
mod size;
use lede_core::feed::Site;
use lede_core::routes::article_path;
use lede_core::{Article, Feed};

#[derive(Parser)]
#[command(name = "lede-site", version, about = "Build-time tools for a Lede site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a publisher's feed (RSS 2.0, Atom 1.0, JSON Feed, news sitemap; a file or a URL)
    /// into the articles folder: new stories added, changed ones updated under the same slug with
    /// dateModified set, unchanged ones skipped. See `lede-import --help`.
    Import {
        /// The feed: a file or an http(s) URL.
        feed: String,
        /// The articles folder to import into.
        #[arg(long, default_value = "public/articles")]
        articles: PathBuf,
        #[command(flatten)]
        fetch: lede_import::cli::FetchArgs,
        #[command(flatten)]
        images: lede_import::cli::ImageArgs,
    },
    /// Build the site into dist/: check the articles, write the feeds and the index, build the
    /// reader (Trunk), pre-render every story, write the service worker and the sitemap (what
    /// scripts/build.sh does). Run it from the project's folder: the stories are the ones in
    /// public/articles (the folder Trunk copies).
    Build {
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        #[arg(long, env = "LEDE_SITE_URL", default_value = lede_core::feed::DEFAULT_SITE_URL)]
        site_url: String,
        #[command(flatten)]
        images: ImageHostArgs,
    },
    /// Serve the built site at http://127.0.0.1:PORT behind nginx with deploy/nginx.conf, until
    /// Ctrl-C.
    Serve {
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        #[arg(long, env = "LEDE_PORT", default_value_t = 8080)]
        port: u16,
    },
    /// Validate every article (`*.json`) in a folder; print each problem with its file and path.
    /// Pictures must be on the site (`/images/…`: the CSP's img-src 'self') or on an --image-host,
    /// and the headers file's img-src must be the one that list makes (`lede-site headers`).
    Check {
        /// Folder holding `<slug>.json` article files.
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        #[command(flatten)]
        images: ImageHostArgs,
    },
    /// Write the CSP's img-src in the security headers (deploy/security-headers.conf) from the
    /// --image-host list: `img-src 'self'` and each host. Only that directive changes.
    Headers {
        #[command(flatten)]
        images: ImageHostArgs,
        /// Only check that the file already says so (for CI).
        #[arg(long)]
        check: bool,
    },
    /// Write the JSON Feed for the articles in a folder (newest first).
    Feed {
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        /// Where to write the feed; `-` for standard output.
        #[arg(long, default_value = "public/feed.json")]
        out: PathBuf,
        /// The site's public address, used for absolute links in the feed.
        #[arg(long, env = "LEDE_SITE_URL", default_value = lede_core::feed::DEFAULT_SITE_URL)]
        site_url: String,
        /// Fail instead of writing when the file on disk differs (for CI).
        #[arg(long)]
        check: bool,
    },
    /// Write the archive index (entities per story, for related stories, topics and search):
    /// the recogniser run over every article, with a summary of its size and build time.
    Index {
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        /// Where to write the index; `-` for standard output.
        #[arg(long, default_value = "public/index.json")]
        out: PathBuf,
        /// Threads running the recogniser (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Keep each story's analysis in DIR/index-cache.json, by a hash of the story and of this
        /// binary: only new and changed stories are analysed again. The index is the same.
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// Skip measuring the index's gzip and brotli sizes (seconds at 10,000 stories).
        #[arg(long)]
        no_size: bool,
    },
    /// Write the Atom 1.0 feed for the articles in a folder (newest first).
    Atom {
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        /// Where to write the feed; `-` for standard output.
        #[arg(long, default_value = "public/feed.atom")]
        out: PathBuf,
        #[arg(long, env = "LEDE_SITE_URL", default_value = lede_core::feed::DEFAULT_SITE_URL)]
        site_url: String,
    },
    /// Write a clearly synthetic corpus of articles, for benchmarks only (never for a site).
    Corpus {
        /// How many articles.
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        /// The folder to write them into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Move inline executable scripts of every page in the built site (Trunk's loader) into
    /// content-hashed files (`boot-<hash>.js`), so the CSP needs no 'unsafe-inline'. Idempotent.
    Scripts {
        #[arg(default_value = "dist")]
        dist: PathBuf,
    },
    /// Write the build's service worker (dist/sw.js) from public/sw.js: version and shell files.
    ServiceWorker {
        #[arg(default_value = "dist")]
        dist: PathBuf,
        #[arg(long, default_value = "public/sw.js")]
        template: PathBuf,
    },
    /// Write robots.txt and sitemap.xml for the site address into the built site.
    Sitemap {
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        #[arg(long, env = "LEDE_SITE_URL", default_value = lede_core::feed::DEFAULT_SITE_URL)]
        site_url: String,
    },
    /// Draw every story's share cards (1200×630 for Open Graph and Twitter; 16:9, 4:3 and 1:1
    /// for the JSON-LD) into `<out>/cards/`: the lead image cropped around its focal point, or the
    /// headline in Lede's type. Each is under 300 KB.
    Cards {
        /// Folder holding `<slug>.json` article files.
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        /// The folder site paths (`/images/…`) are read from.
        #[arg(long, default_value = "public")]
        public: PathBuf,
        /// The built site; cards go into its `cards/` folder.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// The folder holding the DejaVu fonts (Debian's fonts-dejavu-core).
        #[arg(long, default_value = cards::DEFAULT_FONT_DIR)]
        fonts: PathBuf,
    },
    /// Make every story picture's renditions into the built site: each width of
    /// lede_core::picture::RENDITION_WIDTHS narrower than a JPEG or PNG of the site, and its own,
    /// in WebP and in its own format, for the pages' `<picture>` and `srcset`.
    Renditions {
        /// Folder holding `<slug>.json` article files.
        #[arg(default_value = "public/articles")]
        articles: PathBuf,
        /// The folder site paths (`/images/…`) are read from.
        #[arg(long, default_value = "public")]
        public: PathBuf,
        /// The built site; renditions go beside their pictures' addresses.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// Keep made files here, under their source's content hash, for the next build.
        #[arg(long)]
        cache: Option<PathBuf>,
    },
    /// Write a brotli (quality 11) and a gzip (level 9) copy beside every text asset of the built
    /// site (HTML, CSS, JS, wasm, JSON, feeds, the model), for nginx's `brotli_static` and
    /// `gzip_static`. Run it last: copies older than their file are rewritten, stale ones removed.
    Compress {
        #[arg(default_value = "dist")]
        dist: PathBuf,
    },
    /// Report raw, gzip and brotli sizes of the built site in three groups (first paint, app,
    /// recogniser), each against its brotli budget.
    Size {
        /// The folder `trunk build --release` wrote.
        #[arg(default_value = "dist")]
        dist: PathBuf,
        /// Budget for first paint (largest pre-rendered page + CSS + settings script), KB brotli.
        #[arg(long, default_value_t = 50.0)]
        first_paint_kb: f64,
        /// Budget for the app (main wasm + its JS + boot + register-sw), KB brotli.
        #[arg(long, default_value_t = 200.0)]
        app_kb: f64,
        /// Budget for the recogniser (worker wasm + JS + loader + model), KB brotli.
        #[arg(long, default_value_t = 500.0)]
        recogniser_kb: f64,
        /// Also draw the report as an SVG chart here (e.g. docs/bundle-size.svg).
        #[arg(long)]
        svg: Option<PathBuf>,
        /// Exit with an error when the bundle is over budget.
        #[arg(long)]
        enforce: bool,
    },
    /// Draw ARCHITECTURE.md's picture: Lede's crates and their dependencies (from cargo
    /// metadata), and a story's way from JSON to the screen. Run it from the project's folder.
    Diagram {
        #[arg(long, default_value = "docs/architecture.svg")]
        out: PathBuf,
    },
}

/// The picture hosts the site allows besides itself: one list for `check` and the CSP.
#[derive(clap::Args, Clone, Debug, Default)]
#[command(next_help_heading = "Picture hosts")]
struct ImageHostArgs {
    /// An origin pictures may come from besides the site itself (`https://images.example`);
    /// repeatable. The CSP's img-src is written from the same list (`lede-site headers`, and the
    /// build), and `check` fails when the headers file says otherwise. LEDE_IMAGE_HOSTS takes a
    /// comma-separated list.
    #[arg(long = "image-host", value_name = "ORIGIN", env = "LEDE_IMAGE_HOSTS", value_delimiter = ',',
          value_parser = image_hosts::parse_origin)]
    image_hosts: Vec<String>,
    /// The security headers nginx includes, whose CSP has the img-src.
    #[arg(long, value_name = "FILE", default_value = image_hosts::HEADERS_FILE)]
    headers: PathBuf,
}

impl ImageHostArgs {
    fn hosts(&self) -> image_hosts::ImageHosts {
        image_hosts::ImageHosts::new(self.image_hosts.clone())
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lede-site: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Import { feed, articles, fetch, images } => publish::import(&feed, &articles, &fetch, &images),
        Command::Build { dist, site_url, images } => {
            publish::build(Path::new("public/articles"), &dist, &site_url, &images)
        }
        Command::Serve { dist, port } => publish::serve(&dist, port),
        Command::Check { articles, images } => {
            let loaded = load_articles(&articles)?;
            let hosts = images.hosts();
            let problems: Vec<String> = loaded
                .iter()
                .flat_map(|a| {
                    let file = articles.join(format!("{}.json", a.slug));
                    hosts.problems(a).into_iter().map(move |p| format!("{}: {p}", file.display()))
                })
                .collect();
            if !problems.is_empty() {
                return Err(format!("{} problem(s):\n{}", problems.len(), problems.join("\n")));
            }
            // The CSP must allow exactly these hosts, or a picture the check let through is blocked.
            let headers = if images.headers.exists() || !images.image_hosts.is_empty() {
                image_hosts::check_headers(&images.headers, &hosts)?;
                format!("; {} says `{}`", images.headers.display(), hosts.img_src())
            } else {
                String::new()
            };
            println!("{} articles valid in {}{headers}", loaded.len(), articles.display());
            Ok(())
        }
        Command::Headers { images, check } => {
            let directive = image_hosts::write_headers(&images.headers, &images.hosts(), check)?;
            let verb = if check { "says" } else { "now says" };
            println!("{} {verb} `{directive}`", images.headers.display());
            Ok(())
        }
        Command::Feed { articles, out, site_url, check } => {
            let loaded = load_articles(&articles)?;
            let site = Site::lede(site_url.trim_end_matches('/'));
            // Page 1 at `out`; older pages beside it in `feeds/<n>.json` (JSON Feed `next_url`).
            let pages = Feed::pages_from_articles(&site, &loaded);
            let json = pages[0].to_json_pretty();
            if out.as_os_str() == "-" {
                print!("{json}");
            } else if check {
                let current = std::fs::read_to_string(&out).unwrap_or_default();
                if current != json {
                    return Err(format!("{} is out of date: run `cargo run -p lede-site -- feed`", out.display()));
                }
                println!("{} is up to date ({} items)", out.display(), loaded.len());
            } else {
                feed_files::write_pages(&out, &pages)?;
                println!("wrote {} ({} items, {} page(s))", out.display(), loaded.len(), pages.len());
            }
            Ok(())
        }
        Command::Index { articles, out, jobs, cache, no_size } => {
            let started = std::time::Instant::now();
            let loaded = load_articles(&articles)?;
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let report = archive::write_index(&loaded, &out, jobs, started, cache.as_deref(), !no_size)?;
            if out.as_os_str() != "-" {
                println!("wrote {}", out.display());
            }
            eprintln!("{}", report.summary());
            Ok(())
        }
        Command::Atom { articles, out, site_url } => {
            let mut loaded = load_articles(&articles)?;
            // Feed readers want what is new: the newest 50 stories, not the archive.
            loaded.sort_by_key(|a| std::cmp::Reverse(a.published().unix_ms()));
            loaded.truncate(ATOM_ENTRIES);
            let xml = lede_core::atom::atom_feed(&Site::lede(site_url.trim_end_matches('/')), &loaded);
            if out.as_os_str() == "-" {
                print!("{xml}");
            } else {
                std::fs::write(&out, xml).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                println!("wrote {} ({} entries)", out.display(), loaded.len());
            }
            Ok(())
        }
        Command::Corpus { count, out, seed } => {
            let started = std::time::Instant::now();
            let bytes = corpus::write_corpus(count, &out, seed)?;
            println!(
                "wrote {count} synthetic articles ({:.1} MB) to {} in {:.1} s",
                bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Scripts { dist } => {
            let summary = scripts::externalise(&dist)?;
            println!("{}", summary.line(&dist));
            Ok(())
        }
        Command::ServiceWorker { dist, template } => {
            let (files, version) = service_worker::write(&template, &dist)?;
            println!("wrote {}/sw.js (version {version}, {files} shell files)", dist.display());
            Ok(())
        }
        Command::Sitemap { articles, out, site_url } => {
            let loaded = load_articles(&articles)?;
            let site = site_url.trim_end_matches('/');
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            xml += &format!("  <url><loc>{site}/</loc></url>\n");
            for a in &loaded {
                let lastmod = a.date_modified.as_deref().unwrap_or(&a.date_published);
                // Slugs are lower-case ASCII words and hyphens, and timestamps are validated: no escaping needed.
                xml +=
                    &format!("  <url><loc>{site}{}</loc><lastmod>{lastmod}</lastmod></url>\n", article_path(&a.slug));
            }
            xml += "</urlset>\n";
            let robots = format!("User-agent: *\nAllow: /\nSitemap: {site}/sitemap.xml\n");
            std::fs::write(out.join("sitemap.xml"), xml).map_err(|e| format!("cannot write sitemap.xml: {e}"))?;
            std::fs::write(out.join("robots.txt"), robots).map_err(|e| format!("cannot write robots.txt: {e}"))?;
            println!("wrote {0}/sitemap.xml ({1} stories) and {0}/robots.txt", out.display(), loaded.len());
            Ok(())
        }
        Command::Renditions { articles, public, out, cache } => {
            let started = std::time::Instant::now();
            let loaded = load_articles(&articles)?;
            let wanted: usize = loaded
                .iter()
                .flat_map(|a| a.images())
                .map(|(_, image)| lede_core::picture::renditions(image.into()).len())
                .sum();
            let progress = file_progress("renditions", wanted);
            let cache = cache.map(|c| c.join("renditions"));
            let made = renditions::write_all(&loaded, &public, &out, cache.as_deref(), |path| {
                progress.set_message(path.to_string());
                progress.inc(1);
            })?;
            progress.finish_and_clear();
            for m in &made {
                println!(
                    "  {:>5} KB  {}{}",
                    m.bytes.div_ceil(1024),
                    m.path.display(),
                    if m.cached { "  (cached)" } else { "" }
                );
            }
            let from_cache = made.iter().filter(|m| m.cached).count();
            let total: u64 = made.iter().map(|m| m.bytes).sum();
            println!(
                "{} renditions of the pictures of {} stories into {}: {} KB in all, {} made, {} from the cache, in {:.1} s",
                made.len(),
                loaded.len(),
                out.display(),
                total.div_ceil(1024),
                made.len() - from_cache,
                from_cache,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Cards { articles, public, out, fonts } => {
            let started = std::time::Instant::now();
            let loaded = load_articles(&articles)?;
            let drawer = cards::Drawer::new(&fonts)?;
            let shapes = lede_core::share_card::CardShape::ALL.len();
            let progress = file_progress("cards", loaded.len() * shapes);
            let written = cards::write_all(&drawer, &loaded, &public, &out, |slug| {
                progress.set_message(slug.to_string());
                progress.inc(1);
            })?;
            progress.finish_and_clear();
            for w in &written {
                println!(
                    "  {:>4} KB  {} (as {}: {} KB)",
                    w.bytes.div_ceil(1024),
                    w.path.display(),
                    if w.format == lede_core::share_card::CardFormat::Png { "JPEG" } else { "PNG" },
                    w.other_bytes.div_ceil(1024)
                );
            }
            let largest = written.iter().map(|w| w.bytes).max().unwrap_or(0);
            let total: usize = written.iter().map(|w| w.bytes).sum();
            println!(
                "wrote {} cards for {} stories into {}/cards: {} KB in all, largest {} KB (limit {} KB), in {:.1} s",
                written.len(),
                loaded.len(),
                out.display(),
                total.div_ceil(1024),
                largest.div_ceil(1024),
                cards::MAX_CARD_BYTES / 1024,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Compress { dist } => {
            let s = compress::compress(&dist, true)?;
            println!(
                "compressed {} files in {} ({} up to date, {} stale copies removed): {:.1} KB → {:.1} KB brotli",
                s.written,
                dist.display(),
                s.kept,
                s.removed,
                s.raw_bytes as f64 / 1024.0,
                s.brotli_bytes as f64 / 1024.0
            );
            Ok(())
        }
        Command::Diagram { out } => {
            let crates = diagram::crates(Path::new("."))?;
            std::fs::write(&out, diagram::svg(&crates)).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("{} crates drawn to {}", crates.len(), out.display());
            Ok(())
        }
        Command::Size { dist, first_paint_kb, app_kb, recogniser_kb, svg, enforce } => {
            let budgets = size::Budgets { first_paint_kb, app_kb, recogniser_kb };
            let entries = size::measure(&dist)?;
            print!("{}", size::table(&entries, &budgets));
            if let Some(path) = svg {
                std::fs::write(&path, size::svg(&entries, &budgets))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                println!("chart written to {}", path.display());
            }
            let over = size::over_budget(&entries, &budgets);
            if enforce && !over.is_empty() {
                return Err(format!("over budget: {}", over.join("; ")));
            }
            Ok(())
        }
    }
}

/// Loads every article of a folder, in file-name order; reports all problems of all files.
/// Entries in the Atom feed.
const ATOM_ENTRIES: usize = 50;

/// The progress bar of a command that writes `len` files one by one, each named as it is written.
fn file_progress(what: &str, len: usize) -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(len as u64).with_style(
        indicatif::ProgressStyle::with_template(&format!("{{spinner}} {what} [{{bar:30}}] {{pos}}/{{len}} {{msg}}"))
            .expect("a valid template")
            .progress_chars("=> "),
    )
}

fn load_articles(dir: &Path) -> Result<Vec<Article>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(format!("{}: cannot read: {e}", path.display()));
                continue;
            }
        };
        match Article::from_json(&text) {
            Ok(a) => {
                let expected = format!("{}.json", a.slug);
                if path.file_name().is_some_and(|n| n != expected.as_str()) {
                    errors.push(format!("{}: slug `{}` needs the file name {expected}", path.display(), a.slug));
                }
                articles.push(a);
            }
            Err(problems) => errors.extend(problems.iter().map(|p| format!("{}: {p}", path.display()))),
        }
    }
    if errors.is_empty() { Ok(articles) } else { Err(format!("{} problem(s):\n{}", errors.len(), errors.join("\n"))) }
}
