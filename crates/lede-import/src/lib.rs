//! `lede-import`: turns a publisher's article page (HTML) into Lede's article JSON
//! (docs/article-format.md).
//!
//! Each field comes from the first source that has it: schema.org JSON-LD ([`jsonld`]), then
//! Open Graph, Twitter and standard meta tags ([`meta`]), then the page itself — for the body, the
//! element with the densest paragraph text ([`readability`], [`blocks`]). The result is built as a
//! [`lede_core::Article`], serialised, and read back through lede-core's parser and validator,
//! so what comes out is exactly what the reader accepts. Every problem is reported with where it
//! is: a line and column in the page, or a JSON path in the article.

mod blocks;
mod build;
pub mod cli;
mod dates;
mod diag;
mod dom;
pub mod feed;
pub mod feeds;
pub mod fetch;
pub mod images;
mod json;
mod jsonld;
mod meta;
mod normalise;
mod page;
mod readability;
pub mod robots;
mod source;
pub mod state;
mod text;

use lede_core::Article;

pub use build::Options;
pub use diag::{Diagnostic, Location, Severity};
pub use feeds::{FeedOptions, Outcome, Report, import_feed};
pub use fetch::{FetchOptions, Fetcher};
pub use images::{ImageMode, Picture};

use diag::{Diags, Found, Loc};
use source::Source;

/// Pages larger than this are refused: a long article page is a few hundred KB.
pub const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;

/// A successful import: the article, its JSON (as written to the file), and warnings about
/// sources that were skipped or values that were repaired.
#[derive(Debug)]
pub struct Imported {
    pub article: Article,
    pub json: String,
    pub warnings: Vec<Diagnostic>,
}

/// Imports one page. On failure every problem found is returned (errors and warnings, in the
/// order found); there is at least one error among them.
pub fn import(page: &[u8], options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let mut diags = Diags::default();
    if page.len() > MAX_PAGE_BYTES {
        let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
        diags.error(
            Loc::Page,
            format!("the page is too large: {:.1} MB, at most {:.0} MB is read", mb(page.len()), mb(MAX_PAGE_BYTES)),
        );
        return Err(resolve(diags, None));
    }
    let Some(text) = source::decode(page, &mut diags) else {
        return Err(resolve(diags, None));
    };
    if text.trim().is_empty() {
        diags.error(Loc::Page, "the page is empty");
        return Err(resolve(diags, None));
    }
    let (text, flattened) = source::flatten_deep_nesting(text);
    let source = Source::new(text);
    if let Some(at) = flattened {
        diags.warn(
            Loc::Offset(at),
            format!(
                "elements here are nested more than {} deep; deeper ones were flattened (their text is kept)",
                source::MAX_NESTING
            ),
        );
    }
    if !source.contains_ci("</body") && !source.contains_ci("</html") {
        diags.warn(
            Loc::Offset(source.text.trim_end().len()),
            "the page ends without </body> or </html>: it may be cut off, so check the end of the article",
        );
    }
    let article = build::build(&source, options, &mut diags);
    let article = match article {
        Some(a) if !diags.has_errors() => a,
        _ => {
            if !diags.has_errors() {
                diags.error(Loc::Page, "the page could not be made into an article");
            }
            return Err(resolve(diags, Some(&source)));
        }
    };
    let mut json = serde_json::to_string_pretty(&article).expect("an article always serialises");
    json.push('\n');
    // The round trip: what is written must be what the reader reads, and valid.
    match Article::from_json(&json) {
        Ok(read_back) if read_back == article => {}
        Ok(_) => diags
            .error(Loc::Page, "internal error: the article JSON does not read back the same; please report this page"),
        Err(problems) => {
            for p in problems.iter() {
                let loc = if p.path.is_empty() { Loc::Page } else { Loc::Path(p.path.clone()) };
                diags.error(loc, p.message.clone());
            }
        }
    }
    if diags.has_errors() {
        return Err(resolve(diags, Some(&source)));
    }
    Ok(Imported { article, json, warnings: resolve(diags, Some(&source)) })
}

impl Imported {
    /// Brings the story's pictures home into `dir` (see [`images`]) and rewrites the article and
    /// its JSON to match; what became of each picture is returned.
    pub fn bring_images_home(&mut self, fetcher: &mut Fetcher, dir: &std::path::Path) -> Vec<Picture> {
        let pictures = images::bring_home(&mut self.article, fetcher, dir, &mut images::Known::default());
        let mut json = serde_json::to_string_pretty(&self.article).expect("an article always serialises");
        json.push('\n');
        self.json = json;
        pictures
    }
}

/// Byte offsets become lines and columns.
fn resolve(diags: Diags, source: Option<&Source>) -> Vec<Diagnostic> {
    diags
        .found
        .into_iter()
        .map(|Found { severity, loc, message }| {
            let location = match loc {
                Loc::Page => Location::Page,
                Loc::LineColumn(line, column) => Location::At { line, column },
                Loc::Offset(offset) => match source {
                    Some(s) => {
                        let (line, column) = s.position(offset);
                        Location::At { line, column }
                    }
                    None => Location::Page,
                },
                Loc::Path(path) => Location::Path(path),
            };
            Diagnostic { severity, location, message }
        })
        .collect()
}

/// Writes to a temporary file beside `out`, then renames it over `out`: a reader never sees a
/// half-written article, and a failed import leaves an existing file as it was.
pub fn write_atomically(out: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".lede-import-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // A temporary file is private (0600); a story is served to the world, like any file a
    // publisher writes, so it gets the usual permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| e.error)?;
    Ok(())
}
