//! Moves inline executable scripts out of the built pages, so the Content-Security-Policy can
//! say `script-src 'self'` with no `'unsafe-inline'` and no hashes to keep in step.
//!
//! Trunk writes its loader (`import init … from '/lede-<hash>.js'; await init(…); dispatchEvent(…)`)
//! inline into `index.html`, and `lede-prerender` copies that head into every page. This pass
//! finds each inline `<script>` whose type is executable (none, `module`, or a JavaScript MIME
//! type), writes its text once to `boot-<16 hex>.js` (named by a hash of the text, so it can be
//! cached as immutable) and puts `<script type="module" src="/boot-….js"></script>` in its place.
//! Data blocks such as `application/ld+json` are left alone. Running it twice changes nothing.

use std::path::{Path, PathBuf};

use lede_core::html::attribute;

/// What one run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub pages: usize,
    pub pages_changed: usize,
    pub scripts_moved: usize,
    /// The external files written (distinct script texts), as `/boot-….js`.
    pub files: Vec<String>,
}

impl Summary {
    pub fn line(&self, dist: &Path) -> String {
        format!(
            "externalised {} inline script(s) in {} of {} page(s) under {} into {} file(s){}{}",
            self.scripts_moved,
            self.pages_changed,
            self.pages,
            dist.display(),
            self.files.len(),
            if self.files.is_empty() { "" } else { ": " },
            self.files.join(", ")
        )
    }
}

/// The external file name for a script's text: `boot-<16 hex>.js`.
pub fn file_name(text: &str) -> String {
    format!("boot-{:016x}.js", lede_core::hash::fnv1a(text.as_bytes()))
}

/// Whether a `type` attribute value makes the browser run the script (HTML's rules: missing or
/// empty, `module`, or a JavaScript MIME type).
fn is_executable_type(ty: Option<&str>) -> bool {
    let Some(ty) = ty else { return true };
    let ty = ty.trim().to_ascii_lowercase();
    let essence = ty.split(';').next().unwrap_or("").trim();
    essence.is_empty()
        || essence == "module"
        || matches!(
            essence,
            "text/javascript"
                | "application/javascript"
                | "application/ecmascript"
                | "application/x-ecmascript"
                | "application/x-javascript"
                | "text/ecmascript"
                | "text/jscript"
                | "text/livescript"
                | "text/x-ecmascript"
                | "text/x-javascript"
                | "text/javascript1.0"
                | "text/javascript1.1"
                | "text/javascript1.2"
                | "text/javascript1.3"
                | "text/javascript1.4"
                | "text/javascript1.5"
        )
}

fn find_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (from..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Rewrites one page: returns the new HTML and each moved script as (file name, text).
/// A classic inline script becomes a classic external one; a module stays a module.
pub fn rewrite(html: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(html.len());
    let mut moved = Vec::new();
    let mut pos = 0;
    while let Some(open) = find_ci(html, "<script", pos) {
        // `<scripts` or `<script-x` is not a script tag.
        let after = html.as_bytes().get(open + 7).copied();
        if !matches!(after, Some(b) if b.is_ascii_whitespace() || b == b'>' || b == b'/') {
            out.push_str(&html[pos..open + 7]);
            pos = open + 7;
            continue;
        }
        let Some(tag_end) = html[open..].find('>').map(|i| open + i) else { break };
        let attrs = &html[open + 7..tag_end];
        let Some(close) = find_ci(html, "</script", tag_end + 1) else { break };
        let Some(close_end) = html[close..].find('>').map(|i| close + i + 1) else { break };
        let text = &html[tag_end + 1..close];
        let ty = attribute(attrs, "type");
        let external = attribute(attrs, "src").is_some();
        if external || !is_executable_type(ty) || text.trim().is_empty() {
            out.push_str(&html[pos..close_end]);
            pos = close_end;
            continue;
        }
        let module = ty.is_some_and(|t| t.trim().eq_ignore_ascii_case("module"));
        let name = file_name(text);
        out.push_str(&html[pos..open]);
        if module {
            out.push_str(&format!("<script type=\"module\" src=\"/{name}\"></script>"));
        } else {
            out.push_str(&format!("<script src=\"/{name}\"></script>"));
        }
        moved.push((name, text.to_string()));
        pos = close_end;
    }
    out.push_str(&html[pos..]);
    (out, moved)
}

fn html_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            html_files(&path, found)?;
        } else if path.extension().is_some_and(|x| x == "html") {
            found.push(path);
        }
    }
    Ok(())
}

/// Rewrites every `*.html` under `dist` and writes the external script files into `dist`.
pub fn externalise(dist: &Path) -> Result<Summary, String> {
    let mut pages = Vec::new();
    html_files(dist, &mut pages)?;
    pages.sort();
    let mut summary = Summary { pages: pages.len(), ..Summary::default() };
    for page in &pages {
        let html = std::fs::read_to_string(page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        let (new_html, moved) = rewrite(&html);
        if moved.is_empty() {
            continue;
        }
        for (name, text) in &moved {
            let target = dist.join(name);
            let current = std::fs::read_to_string(&target).ok();
            if current.as_deref() != Some(text.as_str()) {
                std::fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            }
            let url = format!("/{name}");
            if !summary.files.contains(&url) {
                summary.files.push(url);
            }
        }
        std::fs::write(page, new_html).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
        summary.pages_changed += 1;
        summary.scripts_moved += moved.len();
    }
    summary.files.sort();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<head>\n<script src=\"/settings-4c8a9b475a36239c.js\" integrity=\"sha384-x\"></script>\n\
<script type=\"module\">\nimport init, * as bindings from '/lede-a62ed92655f8ac3c.js';\n\
const wasm = await init({ module_or_path: '/lede-a62ed92655f8ac3c_bg.wasm' });\n\
window.wasmBindings = bindings;\n\
dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n</script>\n\
<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>\n</head>";

    #[test]
    fn moves_trunks_module_loader_and_keeps_the_rest() {
        let (html, moved) = rewrite(TRUNK);
        assert_eq!(moved.len(), 1);
        let (name, text) = &moved[0];
        assert!(name.starts_with("boot-") && name.ends_with(".js") && name.len() == "boot-".len() + 16 + 3);
        assert!(text.contains("TrunkApplicationStarted"));
        assert!(html.contains(&format!("<script type=\"module\" src=\"/{name}\"></script>")));
        assert!(!html.contains("TrunkApplicationStarted"));
        assert!(html.contains("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"));
        assert!(html.contains("<script src=\"/settings-4c8a9b475a36239c.js\" integrity=\"sha384-x\"></script>"));
    }

    #[test]
    fn is_idempotent() {
        let (once, _) = rewrite(TRUNK);
        let (twice, moved) = rewrite(&once);
        assert_eq!(once, twice);
        assert!(moved.is_empty());
    }

    #[test]
    fn same_text_same_file_and_different_text_different_file() {
        let (_, a) = rewrite("<script type=\"module\">x()</script>");
        let (_, b) = rewrite("<SCRIPT TYPE='module'>x()</SCRIPT>");
        let (_, c) = rewrite("<script type=\"module\">y()</script>");
        assert_eq!(a[0].0, b[0].0);
        assert_ne!(a[0].0, c[0].0);
    }

    #[test]
    fn classic_scripts_stay_classic_and_data_blocks_stay() {
        let page = "<script>a()</script><script type=\"text/javascript\">b()</script>\
<script type=\"application/json\">{}</script><script type=\"importmap\">{}</script><script type=\"text/template\"><p></script><script></script>";
        let (html, moved) = rewrite(page);
        assert_eq!(moved.len(), 2);
        assert!(html.starts_with(&format!(
            "<script src=\"/{}\"></script><script src=\"/{}\"></script>",
            moved[0].0, moved[1].0
        )));
        assert!(html.contains("<script type=\"application/json\">{}</script>"));
        assert!(html.contains("<script type=\"text/template\"><p></script>"));
        assert!(html.ends_with("<script></script>"), "an empty script is left alone");
    }

    #[test]
    fn ignores_tags_that_only_start_like_script() {
        let page = "<scripted>a</scripted><script-x>b</script-x>";
        let (html, moved) = rewrite(page);
        assert_eq!(html, page);
        assert!(moved.is_empty());
    }

    #[test]
    fn externalise_writes_files_once_and_is_idempotent() {
        let dir = std::env::temp_dir().join(format!("lede-scripts-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("article/a")).unwrap();
        std::fs::write(dir.join("index.html"), TRUNK).unwrap();
        std::fs::write(dir.join("article/a/index.html"), TRUNK).unwrap();
        std::fs::write(dir.join("plain.html"), "<p>no scripts</p>").unwrap();
        let first = externalise(&dir).unwrap();
        assert_eq!(first.pages, 3);
        assert_eq!(first.pages_changed, 2);
        assert_eq!(first.scripts_moved, 2);
        assert_eq!(first.files.len(), 1);
        let file = dir.join(first.files[0].trim_start_matches('/'));
        assert!(std::fs::read_to_string(&file).unwrap().contains("TrunkApplicationStarted"));
        let page = std::fs::read_to_string(dir.join("article/a/index.html")).unwrap();
        let second = externalise(&dir).unwrap();
        assert_eq!(second.scripts_moved, 0);
        assert_eq!(std::fs::read_to_string(dir.join("article/a/index.html")).unwrap(), page);
        assert!(second.line(&dir).contains("externalised 0 inline script(s)"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
