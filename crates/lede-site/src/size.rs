//! The size report: what a reader downloads, raw and compressed, in three groups with a brotli
//! budget each, as a table and optionally as an SVG chart for docs/.
//!
//! - first paint: the largest pre-rendered page (`index.html`, `article/*/index.html`), the CSS
//!   and the blocking settings script — what the browser needs before it can paint a story;
//! - app: the main wasm, its JS, `boot-*.js` and `register-sw-*.js` — what takes over the page;
//! - recogniser: the worker's wasm and JS, its loader and `models/model.bin` — loaded after
//!   first paint, on first use.

use std::path::Path;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Group {
    FirstPaint,
    App,
    Recogniser,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::FirstPaint, Group::App, Group::Recogniser];

    pub fn label(self) -> &'static str {
        match self {
            Group::FirstPaint => "first paint",
            Group::App => "app",
            Group::Recogniser => "recogniser",
        }
    }

    fn blurb(self) -> &'static str {
        match self {
            Group::FirstPaint => "largest page + CSS + settings script",
            Group::App => "wasm + JS + boot + register-sw",
            Group::Recogniser => "worker + loader + model, after first paint",
        }
    }
}

/// The brotli budgets of the three groups, in KB.
#[derive(Clone, Copy, Debug)]
pub struct Budgets {
    pub first_paint_kb: f64,
    pub app_kb: f64,
    pub recogniser_kb: f64,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets { first_paint_kb: 50.0, app_kb: 200.0, recogniser_kb: 500.0 }
    }
}

impl Budgets {
    pub fn of(&self, group: Group) -> f64 {
        match group {
            Group::FirstPaint => self.first_paint_kb,
            Group::App => self.app_kb,
            Group::Recogniser => self.recogniser_kb,
        }
    }
}

pub struct Entry {
    /// The path relative to dist/, e.g. `article/slug/index.html`.
    pub name: String,
    pub group: Group,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Which budget a file of dist/ counts against, by its path relative to dist/; `None` for files
/// outside all three (pages other than the largest are handled by `measure`).
pub fn classify(rel: &str) -> Option<Group> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let top = !rel.contains('/');
    if rel == "models/model.bin"
        || (top && name.starts_with("lede-ner-worker") && (name.ends_with(".js") || name.ends_with(".wasm")))
    {
        return Some(Group::Recogniser);
    }
    if !top {
        return None;
    }
    if name.ends_with(".css") || (name.starts_with("settings-") && name.ends_with(".js")) {
        return Some(Group::FirstPaint);
    }
    if (name.starts_with("lede-") && (name.ends_with(".js") || name.ends_with("_bg.wasm")))
        || (name.starts_with("boot-") && name.ends_with(".js"))
        || (name.starts_with("register-sw") && name.ends_with(".js"))
    {
        return Some(Group::App);
    }
    None
}

fn entry(dist: &Path, rel: &str, group: Group) -> Result<Entry, String> {
    let path = dist.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Entry { name: rel.to_string(), group, raw: bytes.len(), gzip: gzip_len(&bytes), brotli: brotli_len(&bytes) })
}

/// Measures the files of a Trunk build plus the pre-rendered pages, grouped by budget.
pub fn measure(dist: &Path) -> Result<Vec<Entry>, String> {
    let dir = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e} (run scripts/build.sh first)", dist.display()))?;
    let mut rels: Vec<String> =
        dir.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    if dist.join("models/model.bin").is_file() {
        rels.push("models/model.bin".into());
    }
    let mut entries = Vec::new();
    for rel in &rels {
        if let Some(group) = classify(rel) {
            entries.push(entry(dist, rel, group)?);
        }
    }
    // The pre-rendered pages: only the largest (by brotli) counts, since a reader opens one.
    let mut pages = Vec::new();
    if dist.join("index.html").is_file() {
        pages.push("index.html".to_string());
    }
    if let Ok(dir) = std::fs::read_dir(dist.join("article")) {
        for e in dir.flatten() {
            let rel = format!("article/{}/index.html", e.file_name().to_string_lossy());
            if dist.join(&rel).is_file() {
                pages.push(rel);
            }
        }
    }
    let mut largest: Option<Entry> = None;
    for rel in &pages {
        let e = entry(dist, rel, Group::FirstPaint)?;
        if largest.as_ref().is_none_or(|l| e.brotli > l.brotli) {
            largest = Some(e);
        }
    }
    entries.extend(largest);
    if entries.is_empty() {
        return Err(format!("no app files in {}", dist.display()));
    }
    entries.sort_by_key(|e| (e.group, std::cmp::Reverse(e.brotli)));
    Ok(entries)
}

fn gzip_len(bytes: &[u8]) -> usize {
    crate::compress::gzip(bytes).len()
}

fn brotli_len(bytes: &[u8]) -> usize {
    crate::compress::brotli(bytes).len()
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

pub fn in_group(entries: &[Entry], group: Group) -> Vec<&Entry> {
    entries.iter().filter(|e| e.group == group).collect()
}

pub fn totals<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> (usize, usize, usize) {
    entries.into_iter().fold((0, 0, 0), |(r, g, b), e| (r + e.raw, g + e.gzip, b + e.brotli))
}

/// The groups over their budget, as messages.
pub fn over_budget(entries: &[Entry], budgets: &Budgets) -> Vec<String> {
    Group::ALL
        .into_iter()
        .filter_map(|g| {
            let used = totals(in_group(entries, g)).2 as f64 / 1024.0;
            (used > budgets.of(g)).then(|| format!("{}: {used:.1} KB brotli > {:.0} KB", g.label(), budgets.of(g)))
        })
        .collect()
}

pub fn table(all: &[Entry], budgets: &Budgets) -> String {
    let line =
        |name: &str, raw: &str, gzip: &str, brotli: &str| format!("{name:<80} {raw:>10} {gzip:>10} {brotli:>10}\n");
    let mut out = line("file", "raw", "gzip", "brotli");
    for group in Group::ALL {
        let entries = in_group(all, group);
        out += &format!("-- {} ({})\n", group.label(), group.blurb());
        for e in &entries {
            out += &line(&format!("  {}", e.name), &kb(e.raw), &kb(e.gzip), &kb(e.brotli));
        }
        let (raw, gzip, brotli) = totals(entries.iter().copied());
        out += &line(&format!("  {} total", group.label()), &kb(raw), &kb(gzip), &kb(brotli));
    }
    out += "\nbudgets (brotli):\n";
    for group in Group::ALL {
        let used = totals(in_group(all, group)).2 as f64 / 1024.0;
        let budget = budgets.of(group);
        out += &format!(
            "  {:<12} {used:>7.1} KB of {budget:>4.0} KB ({:>3.0}%) {}\n",
            group.label(),
            used / budget * 100.0,
            if used > budget { "OVER" } else { "ok" }
        );
    }
    out
}

/// One horizontal stacked bar (brotli) per group, each scaled to its own budget (the dashed line),
/// with the files as segments.
pub fn svg(all: &[Entry], budgets: &Budgets) -> String {
    let (left, width, row) = (120.0, 470.0, 64.0);
    let colours = ["#8a1c1c", "#174a7c", "#5e7048", "#b07d2b", "#6b5b95", "#3b7f86"];
    let h = 50.0 + 3.0 * row + 10.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 {h:.0}\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n\
         <title>Lede download size (brotli) against the three budgets</title>\n\
         <rect width=\"720\" height=\"{h:.0}\" fill=\"#fdfcfa\"/>\n\
         <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"700\">Brotli size per group; each bar is scaled to its budget (dashed line)</text>\n"
    );
    for (i, group) in Group::ALL.into_iter().enumerate() {
        let entries = in_group(all, group);
        let budget = budgets.of(group);
        let total = totals(entries.iter().copied()).2 as f64 / 1024.0;
        // Each group has its own scale so that the budget sits at 80% of the width (or the total
        // at 100% when it is over).
        let max_kb = (budget / 0.8).max(total * 1.02);
        let x = |kb: f64| left + kb / max_kb * width;
        let y = 40.0 + i as f64 * row;
        s += &format!(
            "<text x=\"10\" y=\"{:.0}\" font-weight=\"700\">{}</text>\n<text x=\"10\" y=\"{:.0}\" font-size=\"11\" fill=\"#555\">≤ {budget:.0} KB</text>\n",
            y + 16.0,
            group.label(),
            y + 31.0
        );
        let mut at = 0.0;
        for (j, e) in entries.iter().enumerate() {
            let size = e.brotli as f64 / 1024.0;
            s += &format!(
                "<rect x=\"{:.1}\" y=\"{y:.0}\" width=\"{:.1}\" height=\"28\" fill=\"{}\"><title>{}: {size:.1} KB brotli</title></rect>\n",
                x(at),
                (x(at + size) - x(at)).max(0.5),
                colours[j % colours.len()],
                e.name
            );
            at += size;
        }
        let over = total > budget;
        s += &format!(
            "<text x=\"{:.1}\" y=\"{:.0}\"{}>{total:.1} KB{}</text>\n",
            x(at) + 6.0,
            y + 19.0,
            if over { " fill=\"#b00020\" font-weight=\"700\"" } else { "" },
            if over { " — over" } else { "" }
        );
        let bx = x(budget);
        s += &format!(
            "<line x1=\"{bx:.1}\" x2=\"{bx:.1}\" y1=\"{:.0}\" y2=\"{:.0}\" stroke=\"#1d1b18\" stroke-dasharray=\"5 4\"/>\n",
            y - 4.0,
            y + 32.0
        );
        let legend: Vec<String> = entries.iter().map(|e| short_name(&e.name)).collect();
        s += &format!(
            "<text x=\"{left:.0}\" y=\"{:.0}\" font-size=\"11\" fill=\"#555\">{}</text>\n",
            y + 46.0,
            legend.join(" · ")
        );
    }
    s + "</svg>\n"
}

/// A file name without Trunk's content hash: `lede-0123456789abcdef_bg.wasm` → `lede_bg.wasm`.
fn short_name(name: &str) -> String {
    if let Some(dash) = name.rfind('-') {
        let rest = &name[dash + 1..];
        let hex = rest.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
        if (12..=16).contains(&hex) {
            return format!("{}{}", &name[..dash], &rest[hex..]);
        }
    }
    if let Some(slug) = name.strip_prefix("article/") {
        return format!("article/{}…/index.html", slug.chars().take(12).collect::<String>());
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_fall_in_their_groups() {
        assert_eq!(classify("main-9c57a0e58070701c.css"), Some(Group::FirstPaint));
        assert_eq!(classify("settings-4c8a9b475a36239c.js"), Some(Group::FirstPaint));
        assert_eq!(classify("lede-705bc88e3bf20220.js"), Some(Group::App));
        assert_eq!(classify("lede-705bc88e3bf20220_bg.wasm"), Some(Group::App));
        assert_eq!(classify("boot-9badf85e614df090.js"), Some(Group::App));
        assert_eq!(classify("register-sw-4d18e7a450510e6d.js"), Some(Group::App));
        assert_eq!(classify("lede-ner-worker.js"), Some(Group::Recogniser));
        assert_eq!(classify("lede-ner-worker_bg.wasm"), Some(Group::Recogniser));
        assert_eq!(classify("lede-ner-worker_loader.js"), Some(Group::Recogniser));
        assert_eq!(classify("models/model.bin"), Some(Group::Recogniser));
        assert_eq!(classify("sw.js"), None);
        assert_eq!(classify("shell.html"), None);
        assert_eq!(classify("images/x.js"), None);
    }

    #[test]
    fn budgets_are_checked_per_group() {
        let e = |group, brotli| Entry { name: "x".into(), group, raw: brotli, gzip: brotli, brotli };
        let entries = vec![e(Group::FirstPaint, 40 * 1024), e(Group::App, 150 * 1024), e(Group::App, 60 * 1024)];
        let over = over_budget(&entries, &Budgets::default());
        assert_eq!(over.len(), 1);
        assert!(over[0].starts_with("app: 210.0 KB"), "{over:?}");
        assert!(table(&entries, &Budgets::default()).contains("OVER"));
        assert!(svg(&entries, &Budgets::default()).contains("— over"));
    }

    #[test]
    fn hashes_are_dropped_from_short_names() {
        assert_eq!(short_name("lede-705bc88e3bf20220_bg.wasm"), "lede_bg.wasm");
        assert_eq!(short_name("lede-ner-worker.js"), "lede-ner-worker.js");
        assert_eq!(short_name("register-sw-4d18e7a450510e6d.js"), "register-sw.js");
    }
}
