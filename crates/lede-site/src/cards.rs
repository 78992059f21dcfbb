//! `lede-site cards`: every story's share cards — the raster pictures chat apps, search engines
//! and feed readers show for a link (`og:image`, `twitter:image`, the JSON-LD `image`, the feeds'
//! images) — drawn at build time into `dist/cards/`.
//!
//! Which cards a story has, their sizes, formats and file names are decided by
//! `lede_core::share_card::share_cards` from the article alone (so the pre-rendered pages and
//! the feeds name the same files); this module draws them:
//! - from the lead image, a file of the site, cropped around its focal point (the centre by
//!   default): SVG drawings rasterised with resvg, raster images decoded and resampled with `image`;
//! - otherwise (no lead image, or one on another site) the headline set in Lede's type on Lede's
//!   paper colour, with the section above and the masthead below.
//!
//! Text is set only with the fonts loaded here from `--fonts` (DejaVu, Debian's fonts-dejavu-core),
//! never with whatever the machine has, so the same build draws the same cards anywhere.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ImageEncoder, RgbImage};
use lede_core::share_card::{Card, CardFormat, CardSource, card_source, is_svg_path, share_cards};
use lede_core::{Article, Direction, FocalPoint};
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// WhatsApp draws no preview for a larger image.
pub const MAX_CARD_BYTES: usize = 300 * 1024;

/// The font files the cards are set in, from `--fonts`: the reader's serif and sans stacks end
/// in DejaVu Serif and DejaVu Sans on Debian; DejaVu Sans also covers Arabic.
pub const FONT_FILES: [&str; 4] = ["DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";

// Lede's light theme (style/main.css): paper, ink, muted text, rules, the masthead's red.
const PAPER: &str = "#fdfcfa";
const INK: &str = "#1d1b18";
const MUTED: &str = "#5a544b";
const RULE: &str = "#d9d2c6";
const ACCENT: &str = "#8a1c1c";
const SERIF: &str = "DejaVu Serif";
const SANS: &str = "DejaVu Sans";

/// JPEG qualities tried in turn until a photograph's card fits [`MAX_CARD_BYTES`].
const JPEG_QUALITIES: [u8; 4] = [85, 75, 65, 55];

/// One written card, for the summary.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
    /// The size of the same picture in the other format, to check the format rule.
    pub other_bytes: usize,
    pub format: CardFormat,
}

/// The drawing tools: the fonts, loaded once.
pub struct Drawer {
    fontdb: Arc<fontdb::Database>,
}

impl Drawer {
    /// Loads [`FONT_FILES`] from `dir`; a missing file is an error naming it.
    pub fn new(dir: &Path) -> Result<Drawer, String> {
        let mut db = fontdb::Database::new();
        for name in FONT_FILES {
            let path = dir.join(name);
            let data = std::fs::read(&path).map_err(|e| {
                format!("cannot read the font {} ({e}); install Debian's fonts-dejavu-core (scripts/setup.sh does) or pass --fonts", path.display())
            })?;
            let before = db.len();
            db.load_font_data(data);
            if db.len() == before {
                return Err(format!("{} is not a font file", path.display()));
            }
        }
        db.set_serif_family(SERIF);
        db.set_sans_serif_family(SANS);
        Ok(Drawer { fontdb: Arc::new(db) })
    }

    fn options(&self, resources_dir: Option<PathBuf>) -> usvg::Options<'static> {
        usvg::Options {
            resources_dir,
            font_family: SANS.to_string(),
            fontdb: self.fontdb.clone(),
            ..usvg::Options::default()
        }
    }

    /// Draws one card of `article` as RGB pixels. `public` is the folder site paths (`/images/…`)
    /// are read from.
    pub fn draw(&self, article: &Article, card: &Card, public: &Path) -> Result<RgbImage, String> {
        match card_source(article) {
            CardSource::Image(image) => {
                let file = site_file(public, &image.src).ok_or_else(|| {
                    format!("{}: leadImage.src `{}` is not a path inside the site", article.slug, image.src)
                })?;
                let bytes = std::fs::read(&file).map_err(|e| {
                    format!("{}: cannot read leadImage.src `{}` ({}): {e}", article.slug, image.src, file.display())
                })?;
                let focal = image.focal_point.unwrap_or(FocalPoint { x: 0.5, y: 0.5 });
                let drawn = if is_svg_path(&image.src) {
                    self.svg(&bytes, file.parent().map(Path::to_path_buf), card, focal)
                } else {
                    raster(&bytes, card, focal)
                };
                drawn.map_err(|e| format!("{}: leadImage.src `{}`: {e}", article.slug, image.src))
            }
            CardSource::Headline => self.headline(article, card),
        }
    }

    /// An SVG drawing scaled to cover the card, positioned so the focal point is as near the
    /// middle as the drawing's edges allow, on white.
    fn svg(&self, bytes: &[u8], dir: Option<PathBuf>, card: &Card, focal: FocalPoint) -> Result<RgbImage, String> {
        let tree = usvg::Tree::from_data(bytes, &self.options(dir)).map_err(|e| format!("not a usable SVG: {e}"))?;
        let size = tree.size();
        let (w, h) = (f64::from(size.width()), f64::from(size.height()));
        let (cw, ch) = (f64::from(card.width), f64::from(card.height));
        let scale = (cw / w).max(ch / h);
        let left = crop_start(focal.x, w * scale, cw);
        let top = crop_start(focal.y, h * scale, ch);
        let mut pixmap = Pixmap::new(card.width, card.height).ok_or("a card has a positive size")?;
        pixmap.fill(Color::WHITE);
        let transform = Transform::from_row(scale as f32, 0.0, 0.0, scale as f32, -left as f32, -top as f32);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        Ok(to_rgb(&pixmap))
    }

    /// The headline card: section, headline as large as fits, a rule and the masthead.
    fn headline(&self, article: &Article, card: &Card) -> Result<RgbImage, String> {
        let svg = self.headline_svg(article, card);
        let tree = usvg::Tree::from_str(&svg, &self.options(None))
            .map_err(|e| format!("{}: the headline card: {e}", article.slug))?;
        let mut pixmap = Pixmap::new(card.width, card.height).ok_or("a card has a positive size")?;
        resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
        Ok(to_rgb(&pixmap))
    }

    /// The headline card as SVG (text laid out here: SVG 1.1 does not wrap).
    pub fn headline_svg(&self, article: &Article, card: &Card) -> String {
        let (w, h) = (card.width as f32, card.height as f32);
        let margin = 80.0;
        let rtl = article.direction == Direction::Rtl;
        // Right-to-left stories set from the right edge.
        let (x, anchor) = if rtl { (w - margin, "end") } else { (margin, "start") };
        let measure = w - 2.0 * margin;
        let mut svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="{PAPER}"/><rect width="{w}" height="14" fill="{ACCENT}"/>"#
        );
        let mut y = 150.0;
        if let Some(section) = &article.section {
            svg += &format!(
                r#"<text x="{x}" y="{y}" text-anchor="{anchor}" font-family="{SANS}" font-weight="700" font-size="30" letter-spacing="3" fill="{ACCENT}">{}</text>"#,
                escape(&section.to_uppercase())
            );
            y += 40.0;
        }
        // The footer: a rule, the masthead on the story's start side and the publisher opposite.
        let footer_top = h - 130.0;
        // DejaVu Serif has no Arabic or Hebrew: a right-to-left headline is set in the bold sans.
        let family = if rtl { SANS.to_string() } else { format!("{SERIF}, {SANS}") };
        let (size, lines) = self.fit_headline(&article.headline, &family, measure, footer_top - y - 40.0, h);
        let leading = size * 1.18;
        let block = leading * (lines.len() as f32 - 1.0) + size;
        // The headline sits in the middle of the space between section and footer, never above it.
        let mut baseline = y + ((footer_top - y - block) / 2.0).max(40.0) + size * 0.8;
        for line in &lines {
            svg += &format!(
                r#"<text x="{x}" y="{baseline:.1}" text-anchor="{anchor}" font-family="{family}" font-weight="700" font-size="{size}" fill="{INK}">{}</text>"#,
                escape(line)
            );
            baseline += leading;
        }
        svg += &format!(r#"<rect x="{margin}" y="{footer_top}" width="{measure}" height="2" fill="{RULE}"/>"#);
        let foot = footer_top + 78.0;
        let (mark_x, mark_anchor, other_x, other_anchor) =
            if rtl { (w - margin, "end", margin, "start") } else { (margin, "start", w - margin, "end") };
        svg += &format!(
            r#"<text x="{mark_x}" y="{foot}" text-anchor="{mark_anchor}" font-family="{SERIF}" font-weight="700" font-size="56" letter-spacing="-1" fill="{ACCENT}">Lede</text>"#
        );
        if article.publisher.name != "Lede" {
            svg += &format!(
                r#"<text x="{other_x}" y="{foot}" text-anchor="{other_anchor}" font-family="{SANS}" font-size="28" fill="{MUTED}">{}</text>"#,
                escape(&article.publisher.name)
            );
        }
        svg += "</svg>";
        svg
    }

    /// The largest size (and its lines) at which the headline fits `measure` wide and `room` high.
    fn fit_headline(
        &self,
        headline: &str,
        family: &str,
        measure: f32,
        room: f32,
        card_height: f32,
    ) -> (f32, Vec<String>) {
        let largest = (card_height * 0.12).clamp(64.0, 104.0).floor();
        let mut size = largest;
        loop {
            let lines = self.wrap(headline, family, size, measure);
            let height = size * 1.18 * (lines.len() as f32 - 1.0) + size;
            if (height <= room && lines.len() <= 5) || size <= 36.0 {
                return (size, lines);
            }
            size -= 4.0;
        }
    }

    /// Greedy line breaking at spaces, by the width resvg gives each candidate line.
    fn wrap(&self, text: &str, family: &str, size: f32, measure: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            if current.is_empty() || self.text_width(&candidate, family, size) <= measure {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// The inked width of one line of headline text at `size`.
    fn text_width(&self, text: &str, family: &str, size: f32) -> f32 {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="8000" height="400"><text x="10" y="300" font-family="{family}" font-weight="700" font-size="{size}">{}</text></svg>"#,
            escape(text)
        );
        usvg::Tree::from_str(&svg, &self.options(None)).map_or(f32::MAX, |tree| tree.root().abs_bounding_box().width())
    }
}

/// Where a window of `window` pixels starts on a line of `total` so that `focal` (0..1 of
/// `total`) is as near its middle as the ends allow.
pub fn crop_start(focal: f64, total: f64, window: f64) -> f64 {
    (focal * total - window / 2.0).clamp(0.0, (total - window).max(0.0))
}

/// A raster image cropped to the card's shape around the focal point and resampled to its size.
fn raster(bytes: &[u8], card: &Card, focal: FocalPoint) -> Result<RgbImage, String> {
    let picture = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map_err(|e| format!("cannot decode: {e}"))?
        .to_rgb8();
    let (w, h) = (f64::from(picture.width()), f64::from(picture.height()));
    let ratio = f64::from(card.width) / f64::from(card.height);
    let (cw, ch) = if w / h > ratio { (h * ratio, h) } else { (w, w / ratio) };
    let left = crop_start(focal.x, w, cw).round() as u32;
    let top = crop_start(focal.y, h, ch).round() as u32;
    let (cw, ch) =
        ((cw.round() as u32).clamp(1, picture.width() - left), (ch.round() as u32).clamp(1, picture.height() - top));
    let cropped = image::imageops::crop_imm(&picture, left, top, cw, ch).to_image();
    Ok(image::imageops::resize(&cropped, card.width, card.height, image::imageops::FilterType::Lanczos3))
}

fn to_rgb(pixmap: &Pixmap) -> RgbImage {
    // The pixmap is opaque (painted on white or paper), so premultiplied equals straight colour.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    RgbImage::from_raw(pixmap.width(), pixmap.height(), rgb).expect("width × height × 3 bytes")
}

/// The file a site path (`/images/x.svg`) names inside `public`, refusing any `..`.
pub(crate) fn site_file(public: &Path, src: &str) -> Option<PathBuf> {
    let path = src.split(['?', '#']).next()?.strip_prefix('/')?;
    if path.is_empty() || path.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
        return None;
    }
    Some(public.join(path))
}

pub fn encode(pixels: &RgbImage, format: CardFormat) -> Result<Vec<u8>, String> {
    let (w, h) = pixels.dimensions();
    let mut out = Vec::new();
    match format {
        CardFormat::Png => PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
            .write_image(pixels.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .map_err(|e| format!("PNG: {e}"))?,
        CardFormat::Jpeg => {
            for quality in JPEG_QUALITIES {
                out.clear();
                JpegEncoder::new_with_quality(&mut out, quality)
                    .write_image(pixels.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                    .map_err(|e| format!("JPEG: {e}"))?;
                if out.len() < MAX_CARD_BYTES {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// Draws and writes every card of every article into `<out>/cards/` (emptied first, so no
/// card of an old build stays). Calls `progress` after each card.
pub fn write_all(
    drawer: &Drawer,
    articles: &[Article],
    public: &Path,
    out: &Path,
    mut progress: impl FnMut(&str),
) -> Result<Vec<Written>, String> {
    let dir = out.join(lede_core::share_card::CARDS_DIR.trim_start_matches('/'));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for article in articles {
        for card in share_cards(article) {
            let pixels = drawer.draw(article, &card, public)?;
            let bytes = encode(&pixels, card.format)?;
            if bytes.len() >= MAX_CARD_BYTES {
                return Err(format!(
                    "{}: the {}x{} card is {} KB, over the {} KB chat apps accept",
                    article.slug,
                    card.width,
                    card.height,
                    bytes.len() / 1024,
                    MAX_CARD_BYTES / 1024
                ));
            }
            let other = match card.format {
                CardFormat::Png => CardFormat::Jpeg,
                CardFormat::Jpeg => CardFormat::Png,
            };
            let other_bytes = encode(&pixels, other)?.len();
            let path = out.join(card.path.trim_start_matches('/'));
            std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            progress(&article.slug);
            written.push(Written { path, bytes: bytes.len(), other_bytes, format: card.format });
        }
    }
    Ok(written)
}

fn escape(text: &str) -> String {
    lede_core::atom::escape_xml(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::share_card::{CardShape, share_card};
    use serde_json::json;

    fn article(extra: serde_json::Value) -> Article {
        let mut base = json!({
            "version": 1, "id": "t-1", "slug": "a-story", "language": "en",
            "headline": "Talks resume in Geneva after a week of fighting along the line of contact",
            "section": "World", "datePublished": "2020-10-09T14:00:00Z",
            "publisher": {"name": "Lede"},
            "body": [{"type": "paragraph", "id": "p1", "content": [{"text": "Delegations met on Friday."}]}]
        });
        for (k, v) in extra.as_object().unwrap() {
            base[k] = v.clone();
        }
        serde_json::from_value(base).expect("a valid test article")
    }

    fn drawer() -> Drawer {
        Drawer::new(Path::new(DEFAULT_FONT_DIR)).expect("fonts-dejavu-core is installed (scripts/setup.sh)")
    }

    fn pixel(image: &RgbImage, x: u32, y: u32) -> [u8; 3] {
        image.get_pixel(x, y).0
    }

    #[test]
    fn a_window_keeps_the_focal_point_as_central_as_the_edges_allow() {
        // 2000 wide, window 1000: centre → 500; far left → 0; far right → 1000.
        assert_eq!(crop_start(0.5, 2000.0, 1000.0), 500.0);
        assert_eq!(crop_start(0.0, 2000.0, 1000.0), 0.0);
        assert_eq!(crop_start(1.0, 2000.0, 1000.0), 1000.0);
        assert_eq!(crop_start(0.3, 2000.0, 1000.0), 100.0);
        assert_eq!(crop_start(0.9, 1000.0, 1000.0), 0.0, "nothing to crop");
    }

    /// A 400×100 SVG: red left half, blue right half. Cropped to a square around a focal point,
    /// the card is the colour of the half the point is in.
    #[test]
    fn an_svg_is_cropped_around_its_focal_point() {
        let dir = std::env::temp_dir().join(format!("lede-cards-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::write(
            dir.join("images/halves.svg"),
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><rect width="200" height="100" fill="#ff0000"/><rect x="200" width="200" height="100" fill="#0000ff"/></svg>"##,
        )
        .unwrap();
        let d = drawer();
        let at = |x: f64| {
            let a = article(
                json!({"leadImage": {"src": "/images/halves.svg", "width": 400, "height": 100, "alt": "Halves", "focalPoint": {"x": x, "y": 0.5}}}),
            );
            let card = share_card(&a, CardShape::Square);
            let pixels = d.draw(&a, &card, &dir).unwrap();
            assert_eq!(pixels.dimensions(), (1200, 1200));
            (pixel(&pixels, 10, 600), pixel(&pixels, 1190, 600))
        };
        assert_eq!(at(0.1), ([255, 0, 0], [255, 0, 0]), "left: all red");
        assert_eq!(at(0.9), ([0, 0, 255], [0, 0, 255]), "right: all blue");
        let (left, right) = at(0.5);
        assert_eq!((left, right), ([255, 0, 0], [0, 0, 255]), "centre: half and half");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_photograph_is_cropped_and_resampled_to_the_card() {
        // 300×100: green left third, white middle, black right third; focal point on the right.
        let mut photo = RgbImage::from_pixel(300, 100, image::Rgb([255, 255, 255]));
        for y in 0..100 {
            for x in 0..100 {
                photo.put_pixel(x, y, image::Rgb([0, 160, 0]));
                photo.put_pixel(x + 200, y, image::Rgb([0, 0, 0]));
            }
        }
        let a = article(
            json!({"leadImage": {"src": "/images/p.png", "width": 300, "height": 100, "alt": "P", "focalPoint": {"x": 1.0, "y": 0.5}}}),
        );
        let card = share_card(&a, CardShape::Square);
        assert_eq!(card.format, CardFormat::Jpeg);
        let png = encode(&photo, CardFormat::Png).unwrap();
        let pixels = raster(&png, &card, FocalPoint { x: 1.0, y: 0.5 }).unwrap();
        assert_eq!(pixels.dimensions(), (1200, 1200));
        // The square is the right 100×100: all black.
        assert_eq!(pixel(&pixels, 20, 600), [0, 0, 0]);
        let centred = raster(&png, &card, FocalPoint { x: 0.5, y: 0.5 }).unwrap();
        assert_eq!(pixel(&centred, 600, 600), [255, 255, 255]);
        let jpeg = encode(&pixels, CardFormat::Jpeg).unwrap();
        assert_eq!(&jpeg[..3], &[0xff, 0xd8, 0xff], "a JPEG");
    }

    #[test]
    fn a_story_without_a_picture_gets_its_headline_in_ink_on_paper() {
        let d = drawer();
        let a = article(json!({}));
        let card = share_card(&a, CardShape::Wide);
        let svg = d.headline_svg(&a, &card);
        // Long headline: wrapped onto several lines, each no wider than the measure.
        let lines: Vec<&str> = svg.matches(r##"fill="#1d1b18">"##).collect();
        assert!(lines.len() >= 2, "{svg}");
        let pixels = d.draw(&a, &card, Path::new(".")).unwrap();
        assert_eq!(pixels.dimensions(), (1200, 630));
        assert_eq!(pixel(&pixels, 5, 300), [0xfd, 0xfc, 0xfa], "paper at the edge");
        assert_eq!(pixel(&pixels, 600, 5), [0x8a, 0x1c, 0x1c], "the red rule on top");
        let inked = pixels.pixels().filter(|p| p.0 == [0x1d, 0x1b, 0x18]).count();
        assert!(inked > 5_000, "the headline is drawn in ink: {inked} pixels");
        // Nothing inked beyond the margins: the lines fit.
        for y in 0..630 {
            for x in (0..60).chain(1140..1200) {
                assert_ne!(pixel(&pixels, x, y), [0x1d, 0x1b, 0x18], "ink at {x},{y}");
            }
        }
        let png = encode(&pixels, CardFormat::Png).unwrap();
        assert!(png.len() < MAX_CARD_BYTES);
    }

    #[test]
    fn a_right_to_left_headline_is_set_from_the_right() {
        let d = drawer();
        let a = article(
            json!({"language": "ar", "direction": "rtl", "headline": "أرمينيا وأذربيجان توافقان على محادثات في موسكو"}),
        );
        let card = share_card(&a, CardShape::Wide);
        let pixels = d.draw(&a, &card, Path::new(".")).unwrap();
        let ink_columns: Vec<u32> =
            (0..1200).filter(|&x| (150..480).any(|y| pixel(&pixels, x, y) == [0x1d, 0x1b, 0x18])).collect();
        assert!(!ink_columns.is_empty(), "Arabic glyphs are found (DejaVu Sans)");
        let rightmost = *ink_columns.last().unwrap();
        assert!((1100..1125).contains(&rightmost), "the text ends at the right margin: {rightmost}");
    }

    #[test]
    fn an_image_outside_the_site_or_missing_is_a_clear_error() {
        assert_eq!(site_file(Path::new("p"), "/images/../../etc/passwd"), None);
        assert_eq!(site_file(Path::new("p"), "/images/a.svg?v=2"), Some(PathBuf::from("p/images/a.svg")));
        let a = article(json!({"leadImage": {"src": "/images/missing.png", "width": 3, "height": 2, "alt": "M"}}));
        let err = drawer().draw(&a, &share_card(&a, CardShape::Wide), Path::new("public")).unwrap_err();
        assert!(err.starts_with("a-story: cannot read leadImage.src `/images/missing.png`"), "{err}");
        let err = Drawer::new(Path::new("/nowhere")).err().unwrap();
        assert!(err.contains("/nowhere/DejaVuSerif-Bold.ttf"), "{err}");
    }
}
