//! `lede-site diagram`: ARCHITECTURE.md's picture, drawn from the code. The crates and the
//! arrows between them come from `cargo metadata` (so the picture cannot drift from Cargo.toml);
//! the story's path from JSON to the screen is the table [`FLOW`], whose every file a test checks.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

/// One of Lede's crates: its name, its description from Cargo.toml, and the Lede crates it depends on.
pub struct Crate {
    pub name: String,
    pub description: String,
    pub depends_on: Vec<String>,
}

/// A step of a story's way to the reader: where it runs, what happens, and the file that does it.
pub struct Step {
    pub lane: Lane,
    pub what: &'static str,
    pub file: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Build,
    Browser,
}

/// A story's way to the reader, in order within each lane.
pub const FLOW: [Step; 10] = [
    Step {
        lane: Lane::Build,
        what: "articles/<slug>.json → Article::from_json",
        file: "crates/lede-core/src/article.rs",
    },
    Step {
        lane: Lane::Build,
        what: "lede-site index: entities of every story",
        file: "crates/lede-site/src/archive.rs",
    },
    Step { lane: Lane::Build, what: "lede-prerender: the page as HTML", file: "src/prerender.rs" },
    Step { lane: Lane::Build, what: "compress, service worker → dist/", file: "crates/lede-site/src/compress.rs" },
    Step { lane: Lane::Browser, what: "pre-rendered page paints", file: "deploy/nginx.conf" },
    Step { lane: Lane::Browser, what: "the app takes it over", file: "src/takeover.rs" },
    Step { lane: Lane::Browser, what: "worker: Recogniser::analyse", file: "crates/lede-worker/src/main.rs" },
    Step { lane: Lane::Browser, what: "wire: the answer, both sides", file: "crates/lede-core/src/entity/wire.rs" },
    Step { lane: Lane::Browser, what: "StoryEntities: spans per block", file: "crates/lede-core/src/entity/story.rs" },
    Step { lane: Lane::Browser, what: "HighlightedText: <mark>s", file: "src/components/highlighted_text.rs" },
];

/// Lede's crates, from `cargo metadata` run in `root`.
pub fn crates(root: &Path) -> Result<Vec<Crate>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata's output: {e}"))?;
    let packages = meta["packages"].as_array().ok_or("cargo metadata lists no packages")?;
    let names: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let mut crates: Vec<Crate> = packages
        .iter()
        .map(|p| {
            let mut depends_on: Vec<String> = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.contains(d))
                .map(String::from)
                .collect();
            depends_on.sort();
            Crate {
                name: p["name"].as_str().unwrap_or_default().to_string(),
                description: p["description"].as_str().unwrap_or_default().to_string(),
                depends_on,
            }
        })
        .collect();
    crates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(crates)
}

/// Each crate's layer: 0 for a crate that depends on none of the others, else one more than the
/// highest layer it depends on.
pub fn layers(crates: &[Crate]) -> BTreeMap<String, usize> {
    let mut layer = BTreeMap::new();
    // A dependency graph has no cycles, so as many passes as crates settle every layer.
    for _ in 0..crates.len() {
        for c in crates {
            let l = c.depends_on.iter().map(|d| layer.get(d).map_or(0, |l: &usize| l + 1)).max().unwrap_or(0);
            layer.insert(c.name.clone(), l);
        }
    }
    layer
}

const WIDTH: f64 = 760.0;
const BOX_H: f64 = 70.0;
const LAYER_GAP: f64 = 46.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Splits `text` into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The picture: crates in layers (dependencies below), arrows for "depends on", then the two lanes
/// of a story's way to the reader.
pub fn svg(crates: &[Crate]) -> String {
    let layer = layers(crates);
    let top = layer.values().copied().max().unwrap_or(0);
    let mut pos: BTreeMap<&str, (f64, f64, f64)> = BTreeMap::new(); // name → (x, y, width)
    for l in 0..=top {
        let row: Vec<&Crate> = crates.iter().filter(|c| layer[&c.name] == l).collect();
        let w = (WIDTH - 40.0 - 16.0 * (row.len() as f64 - 1.0)) / row.len() as f64;
        let y = 56.0 + (top - l) as f64 * (BOX_H + LAYER_GAP);
        for (i, c) in row.iter().enumerate() {
            pos.insert(&c.name, (20.0 + i as f64 * (w + 16.0), y, w));
        }
    }
    let crates_bottom = 56.0 + (top + 1) as f64 * (BOX_H + LAYER_GAP) - LAYER_GAP;
    let flow_top = crates_bottom + 56.0;
    let per_lane = FLOW.iter().filter(|s| s.lane == Lane::Browser).count().max(FLOW.len() / 2);
    let height = flow_top + 30.0 + per_lane as f64 * 44.0 + 10.0;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n\
         <title>Lede: its crates and what each depends on, and a story's way from JSON to the screen</title>\n\
         <style>.bg{{fill:#fff}} text{{fill:#1b1b1b}} .box{{fill:#f4f1ea;stroke:#6b6355}} .arrow{{stroke:#6b6355;fill:none}} .head{{fill:#6b6355}} .dim{{fill:#5b5b5b}} .step{{fill:#eef3f8;stroke:#4a6a8a}}\n\
         @media (prefers-color-scheme: dark){{.bg{{fill:#161616}} text{{fill:#ececec}} .box{{fill:#2b2925;stroke:#b8ad98}} .arrow{{stroke:#b8ad98}} .head{{fill:#b8ad98}} .dim{{fill:#b5b5b5}} .step{{fill:#1f2a35;stroke:#8fb0d0}}}}</style>\n\
         <rect class=\"bg\" width=\"100%\" height=\"100%\"/>\n\
         <text x=\"20\" y=\"28\" font-size=\"15\" font-weight=\"600\">Lede's crates (an arrow: depends on; from cargo metadata)</text>\n"
    );
    // Arrows into one crate arrive spread along its top edge, in the order of where they start.
    let mut incoming: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for c in crates {
        let (x, _, w) = pos[c.name.as_str()];
        for d in &c.depends_on {
            incoming.entry(d.as_str()).or_default().push(x + w / 2.0);
        }
    }
    for starts in incoming.values_mut() {
        starts.sort_by(f64::total_cmp);
    }
    for c in crates {
        let (x, y, w) = pos[c.name.as_str()];
        for d in &c.depends_on {
            let (dx, dy, dw) = pos[d.as_str()];
            let (x1, y1) = (x + w / 2.0, y + BOX_H);
            let starts = &incoming[d.as_str()];
            let k = starts.iter().position(|&s| s == x1).unwrap_or(0);
            let (x2, y2) = (dx + dw * (k + 1) as f64 / (starts.len() + 1) as f64, dy - 6.0);
            let _ = writeln!(
                s,
                "<path class=\"arrow\" d=\"M{x1:.1},{y1:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{y2:.1}\"/>\
                 <path class=\"head\" d=\"M{:.1},{:.1} L{x2:.1},{:.1} L{:.1},{:.1} Z\"/>",
                y1 + 24.0,
                y2 - 24.0,
                x2 - 4.5,
                y2 - 2.0,
                y2 + 6.0,
                x2 + 4.5,
                y2 - 2.0
            );
        }
    }
    for c in crates {
        let (x, y, w) = pos[c.name.as_str()];
        let _ =
            writeln!(s, "<rect class=\"box\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BOX_H}\" rx=\"6\"/>");
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"600\">{}</text>",
            x + 8.0,
            y + 17.0,
            escape(&c.name)
        );
        let chars = ((w - 16.0) / 6.2) as usize;
        for (i, line) in wrap(&c.description, chars).iter().take(3).enumerate() {
            let _ = writeln!(
                s,
                "<text class=\"dim\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
                x + 8.0,
                y + 33.0 + i as f64 * 14.0,
                escape(line)
            );
        }
    }
    let _ = writeln!(
        s,
        "<text x=\"20\" y=\"{:.1}\" font-size=\"15\" font-weight=\"600\">A story's way to the reader</text>",
        flow_top - 14.0
    );
    for (lane, title, x) in
        [(Lane::Build, "at build time", 20.0), (Lane::Browser, "in the browser", WIDTH / 2.0 + 10.0)]
    {
        let _ = writeln!(s, "<text class=\"dim\" x=\"{x:.1}\" y=\"{:.1}\">{title}</text>", flow_top + 8.0);
        let w = WIDTH / 2.0 - 30.0;
        for (i, step) in FLOW.iter().filter(|st| st.lane == lane).enumerate() {
            let y = flow_top + 18.0 + i as f64 * 44.0;
            if i > 0 {
                let _ = writeln!(
                    s,
                    "<path class=\"arrow\" d=\"M{:.1},{:.1} V{:.1}\"/><path class=\"head\" d=\"M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z\"/>",
                    x + w / 2.0,
                    y - 12.0,
                    y - 4.0,
                    x + w / 2.0 - 4.0,
                    y - 7.0,
                    x + w / 2.0,
                    y,
                    x + w / 2.0 + 4.0,
                    y - 7.0
                );
            }
            let _ =
                writeln!(s, "<rect class=\"step\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"32\" rx=\"5\"/>");
            let _ = writeln!(s, "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>", x + 8.0, y + 14.0, escape(step.what));
            let _ = writeln!(
                s,
                "<text class=\"dim\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"10.5\" font-family=\"ui-monospace, monospace\">{}</text>",
                x + 8.0,
                y + 27.0,
                escape(step.file)
            );
        }
    }
    s + "</svg>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krate(name: &str, deps: &[&str]) -> Crate {
        Crate {
            name: name.into(),
            description: String::new(),
            depends_on: deps.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn a_crate_sits_one_layer_above_its_highest_dependency() {
        // Listed with dependants first, so one pass in order would not be enough.
        let crates =
            [krate("site", &["ner", "core"]), krate("ner", &["core"]), krate("core", &[]), krate("app", &["core"])];
        let layer = layers(&crates);
        let expected = [("core", 0), ("ner", 1), ("app", 1), ("site", 2)];
        for (name, l) in expected {
            assert_eq!(layer[name], l, "{name}");
        }
    }

    #[test]
    fn every_step_names_a_file_that_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for step in &FLOW {
            assert!(root.join(step.file).is_file(), "{} names {}, which does not exist", step.what, step.file);
        }
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(wrap("unbreakable", 4), ["unbreakable"]);
    }

    #[test]
    fn names_are_escaped() {
        let svg = svg(&[krate("a<b", &[])]);
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
        assert!(svg.contains("HighlightedText: &lt;mark&gt;s"));
    }
}
