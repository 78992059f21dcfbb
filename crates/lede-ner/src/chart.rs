//! `lede-ner chart`: the SVG of F1 (CoNLL-2003 test, PER/LOC/ORG) against size (KB brotli) in
//! `docs/entities-f1-size.svg`, drawn from the figures in `data/anchors.tsv`.
//!
//! The table is `system<TAB>F1<TAB>KB brotli<TAB>source`; a size of `-` means "no brotli size
//! known": such a system is named under the chart but not plotted.

use std::fmt::Write;

/// One row of the anchors table.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub system: String,
    pub f1: f64,
    /// Brotli size in KB (1,000 bytes); `None` when the table gives none.
    pub kb: Option<f64>,
    pub source: String,
}

/// Parse the anchors table (`#` lines and blank lines are comments).
pub fn parse_anchors(text: &str) -> Result<Vec<Anchor>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [system, f1, kb, source] = cols[..] else {
            return Err(format!("line {}: expected 4 tab-separated columns, found {}", n + 1, cols.len()));
        };
        let f1: f64 = f1.trim().parse().map_err(|_| format!("line {}: bad F1 {f1:?}", n + 1))?;
        let kb = match kb.trim() {
            "-" => None,
            k => Some(k.parse::<f64>().map_err(|_| format!("line {}: bad size {k:?}", n + 1))?),
        };
        out.push(Anchor { system: system.to_string(), f1, kb, source: source.to_string() });
    }
    Ok(out)
}

// Plot geometry (SVG user units): the plot area and the axes' domains.
const W: f64 = 680.0;
const H: f64 = 440.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 600.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 330.0;
const KB_MAX: f64 = 500.0;
const F1_MIN: f64 = 40.0;
const F1_MAX: f64 = 100.0;

/// x of a size in KB.
pub fn x_of(kb: f64) -> f64 {
    LEFT + kb / KB_MAX * (RIGHT - LEFT)
}

/// y of an F1 score.
pub fn y_of(f1: f64) -> f64 {
    BOTTOM - (f1 - F1_MIN) / (F1_MAX - F1_MIN) * (BOTTOM - TOP)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart as a standalone SVG document.
pub fn svg(anchors: &[Anchor]) -> String {
    let mut s = String::new();
    let title = "Entity recognition: F1 against size";
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="13">"#
    );
    let _ = writeln!(s, "<title>{title}</title>");
    let _ = writeln!(
        s,
        "<desc>CoNLL-2003 test F1 (PER/LOC/ORG, exact match) against size in KB brotli, from \
         crates/lede-ner/data/anchors.tsv; drawn by `lede-ner chart`.</desc>"
    );
    // Mid-tone colours readable on white and on a dark page; darker or lighter with the scheme.
    let _ = writeln!(
        s,
        "<style>\n.fg{{fill:#444d56}} .axis{{stroke:#444d56}} .grid{{stroke:#8b949e;stroke-opacity:.35}}\n\
         .pt{{fill:#1f77b4}} .lede{{fill:#d9480f}}\n\
         @media (prefers-color-scheme: dark){{.fg{{fill:#c9d1d9}} .axis{{stroke:#c9d1d9}} .pt{{fill:#58a6ff}} .lede{{fill:#ff8c42}}}}\n\
         </style>"
    );
    let _ = writeln!(s, r#"<text class="fg" x="{LEFT}" y="28" font-size="16" font-weight="600">{title}</text>"#);
    // Grid and ticks.
    for k in (0..=5).map(|i| i as f64 * 100.0) {
        let x = x_of(k);
        let _ = writeln!(s, r#"<line class="grid" x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{BOTTOM}"/>"#);
        let _ = writeln!(s, r#"<text class="fg" x="{x:.1}" y="{}" text-anchor="middle">{k:.0}</text>"#, BOTTOM + 18.0);
    }
    for f in (0..=6).map(|i| F1_MIN + i as f64 * 10.0) {
        let y = y_of(f);
        let _ = writeln!(s, r#"<line class="grid" x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}"/>"#);
        let _ =
            writeln!(s, r#"<text class="fg" x="{}" y="{:.1}" text-anchor="end">{f:.0}</text>"#, LEFT - 8.0, y + 4.0);
    }
    let _ = writeln!(s, r#"<line class="axis" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}"/>"#);
    let _ = writeln!(s, r#"<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}"/>"#);
    let _ = writeln!(
        s,
        r#"<text class="fg" x="{:.1}" y="{}" text-anchor="middle">size, KB brotli -q 11 (lede-ner: model.bin; compromise: its JS build)</text>"#,
        (LEFT + RIGHT) / 2.0,
        BOTTOM + 40.0
    );
    let _ = writeln!(
        s,
        r#"<text class="fg" transform="translate(22 {:.1}) rotate(-90)" text-anchor="middle">F1, CoNLL-2003 test, PER/LOC/ORG</text>"#,
        (TOP + BOTTOM) / 2.0
    );
    // Points, numbered (the numbers alternately above and below, so close points stay readable),
    // and a legend of what each number is, in the empty lower right of the plot.
    let plotted: Vec<&Anchor> = anchors.iter().filter(|a| a.kb.is_some()).collect();
    for (i, a) in plotted.iter().enumerate() {
        let kb = a.kb.unwrap_or_default();
        let (x, y) = (x_of(kb), y_of(a.f1));
        let class = if a.system.starts_with("lede-ner") { "lede" } else { "pt" };
        let _ = writeln!(
            s,
            r#"<circle class="{class}" cx="{x:.1}" cy="{y:.1}" r="5"><title>{}: F1 {}, {kb} KB</title></circle>"#,
            esc(&a.system),
            a.f1
        );
        let dy = if i % 2 == 0 { -9.0 } else { 19.0 };
        let _ = writeln!(
            s,
            r#"<text class="fg" x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="600">{}</text>"#,
            y + dy,
            i + 1
        );
        let ly = y_of(70.0) + 20.0 * i as f64;
        let _ = writeln!(
            s,
            r#"<text class="fg" x="{:.1}" y="{ly:.1}">{}. {} — F1 {}, {kb} KB</text>"#,
            x_of(150.0),
            i + 1,
            esc(&a.system),
            a.f1
        );
    }
    let missing: Vec<String> =
        anchors.iter().filter(|a| a.kb.is_none()).map(|a| format!("{} (F1 {})", a.system, a.f1)).collect();
    if !missing.is_empty() {
        let _ = writeln!(
            s,
            r#"<text class="fg" x="{LEFT}" y="{}" font-size="12">Not plotted, no brotli size known: {}</text>"#,
            BOTTOM + 64.0,
            esc(&missing.join("; "))
        );
    }
    let _ = writeln!(
        s,
        r#"<text class="fg" x="{LEFT}" y="{}" font-size="12">Figures and their sources: crates/lede-ner/data/anchors.tsv</text>"#,
        BOTTOM + 84.0
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_map_by_hand() {
        // Plot area x 70..600 for 0..500 KB, y 330..50 for 40..100 F1 (worked out by hand).
        assert_eq!(x_of(0.0), 70.0);
        assert_eq!(x_of(250.0), 335.0);
        assert_eq!(x_of(500.0), 600.0);
        assert_eq!(y_of(40.0), 330.0);
        assert_eq!(y_of(70.0), 190.0);
        assert_eq!(y_of(100.0), 50.0);
    }

    #[test]
    fn table_parses_and_unknown_sizes_are_not_plotted() {
        let t = "# system\tF1\tKB\tsource\nA\t90.5\t400\tdoc\n\nB & C\t60\t-\tnone\n";
        let a = parse_anchors(t).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0], Anchor { system: "A".into(), f1: 90.5, kb: Some(400.0), source: "doc".into() });
        assert_eq!(a[1].kb, None);
        let svg = svg(&a);
        assert!(svg.contains("<title>Entity recognition: F1 against size</title>"));
        // A at 400 KB, 90.5 F1: x = 70 + 400/500*530 = 494, y = 330 - 50.5/60*280 = 94.3.
        assert!(svg.contains(r#"cx="494.0" cy="94.3""#), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 1);
        // Figures are printed as the table writes them, not rounded.
        assert!(svg.contains("1. A — F1 90.5, 400 KB"));
        assert!(svg.contains("Not plotted, no brotli size known: B &amp; C (F1 60)"));
        assert!(parse_anchors("A\t90\t400\n").is_err());
        assert!(parse_anchors("A\tx\t400\ts\n").is_err());
    }
}
