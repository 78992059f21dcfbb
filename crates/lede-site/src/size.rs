//! The size report: what a reader downloads to start the app, raw and compressed, against the
//! budget, as a table and optionally as an SVG chart for docs/.

use std::io::Write;
use std::path::Path;

pub struct Entry {
    pub name: String,
    /// Loaded only after the story is on screen (the recogniser's worker and model).
    pub lazy: bool,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// The app files of a Trunk build: the wasm, its JS loader, the CSS and the HTML shell, plus
/// the recogniser's worker and model, which load after first paint.
pub fn measure(dist: &Path) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    let dir = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e} (run scripts/build.sh first)", dist.display()))?;
    let model = dist.join("models/model.bin");
    for path in dir.flatten().map(|e| e.path()).chain(model.exists().then_some(model)) {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else { continue };
        if !matches!(ext, "wasm" | "js" | "css" | "html" | "bin") || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        entries.push(Entry {
            lazy: name.contains("worker") || ext == "bin",
            name,
            raw: bytes.len(),
            gzip: gzip_len(&bytes),
            brotli: brotli_len(&bytes),
        });
    }
    if entries.is_empty() {
        return Err(format!("no .wasm/.js/.css/.html files in {}", dist.display()));
    }
    entries.sort_by_key(|e| (e.lazy, std::cmp::Reverse(e.brotli)));
    Ok(entries)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out.len()
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

pub fn table(all: &[Entry], budget_kb: f64) -> String {
    let mut out = format!("{:<40} {:>10} {:>10} {:>10}\n", "file", "raw", "gzip", "brotli");
    let entries = first_paint(all);
    for e in all {
        let name = if e.lazy { format!("{} (lazy)", e.name) } else { e.name.clone() };
        out += &format!("{:<40} {:>10} {:>10} {:>10}\n", name, kb(e.raw), kb(e.gzip), kb(e.brotli));
    }
    let (raw, gzip, brotli) = totals(entries.iter().copied());
    out += &format!("{:<40} {:>10} {:>10} {:>10}\n", "first paint (not lazy)", kb(raw), kb(gzip), kb(brotli));
    let (raw, gzip, brotli) = totals(all);
    out += &format!("{:<40} {:>10} {:>10} {:>10}\n", "everything", kb(raw), kb(gzip), kb(brotli));
    let brotli = totals(entries.iter().copied()).2;
    out += &format!(
        "budget for first paint: {budget_kb:.0} KB brotli; used {:.1} KB ({:.0}%)\n",
        brotli as f64 / 1024.0,
        brotli as f64 / 1024.0 / budget_kb * 100.0
    );
    out
}

/// What the browser must download before it can show a story.
pub fn first_paint(entries: &[Entry]) -> Vec<&Entry> {
    entries.iter().filter(|e| !e.lazy).collect()
}

pub fn totals<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> (usize, usize, usize) {
    entries.into_iter().fold((0, 0, 0), |(r, g, b), e| (r + e.raw, g + e.gzip, b + e.brotli))
}

/// A horizontal stacked bar per compression for the first-paint files, with the budget as a line.
pub fn svg(all: &[Entry], budget_kb: f64) -> String {
    let entries = first_paint(all);
    let (raw, gzip, brotli) = totals(entries.iter().copied());
    let max_kb = (raw as f64 / 1024.0).max(budget_kb) * 1.05;
    let (left, width, row) = (110.0, 560.0, 46.0);
    let x = |kb: f64| left + kb / max_kb * width;
    let colours = ["#8a1c1c", "#174a7c", "#5e7048", "#b07d2b", "#6b5b95"];
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 {h}\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n\
         <title>Lede app bundle size against the {budget_kb:.0} KB brotli budget</title>\n\
         <rect width=\"720\" height=\"{h}\" fill=\"#fdfcfa\"/>\n\
         <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"700\">First paint: wasm + JS + CSS + HTML (the recogniser loads later)</text>\n",
        h = 60.0 + 3.0 * row + 50.0
    );
    for (i, (label, total)) in [("raw", raw), ("gzip", gzip), ("brotli", brotli)].into_iter().enumerate() {
        let y = 44.0 + i as f64 * row;
        s += &format!("<text x=\"10\" y=\"{:.0}\">{label}</text>\n", y + 20.0);
        let mut at = 0.0;
        for (j, e) in entries.iter().enumerate() {
            let size = match label {
                "raw" => e.raw,
                "gzip" => e.gzip,
                _ => e.brotli,
            } as f64
                / 1024.0;
            s += &format!(
                "<rect x=\"{:.1}\" y=\"{y:.0}\" width=\"{:.1}\" height=\"28\" fill=\"{}\"><title>{}: {size:.1} KB</title></rect>\n",
                x(at),
                x(at + size) - x(at),
                colours[j % colours.len()],
                e.name
            );
            at += size;
        }
        s += &format!("<text x=\"{:.1}\" y=\"{:.0}\">{:.1} KB</text>\n", x(at) + 6.0, y + 20.0, total as f64 / 1024.0);
    }
    let bx = x(budget_kb);
    let bottom = 44.0 + 3.0 * row;
    s += &format!(
        "<line x1=\"{bx:.1}\" x2=\"{bx:.1}\" y1=\"36\" y2=\"{bottom:.0}\" stroke=\"#1d1b18\" stroke-dasharray=\"5 4\"/>\n\
         <text x=\"{bx:.1}\" y=\"{:.0}\" text-anchor=\"middle\">budget {budget_kb:.0} KB brotli</text>\n",
        bottom + 16.0
    );
    let mut lx = 10.0;
    for (j, e) in entries.iter().enumerate() {
        let short = short_name(&e.name);
        s += &format!(
            "<rect x=\"{lx:.0}\" y=\"{:.0}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0}\" y=\"{:.0}\">{short}</text>\n",
            bottom + 30.0,
            colours[j % colours.len()],
            lx + 16.0,
            bottom + 41.0
        );
        lx += 130.0;
    }
    s + "</svg>\n"
}

/// A file name without Trunk's content hash: `lede-0123456789abcdef_bg.wasm` → `lede_bg.wasm`.
fn short_name(name: &str) -> String {
    if let Some(dash) = name.find('-') {
        let rest = &name[dash + 1..];
        let hex = rest.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
        if (12..=16).contains(&hex) {
            return format!("{}{}", &name[..dash], &rest[hex..]);
        }
    }
    name.to_string()
}
