//! A story's share cards: the raster pictures chat apps and search show for its link (Open Graph,
//! Twitter, the JSON-LD `image`), decided from the article alone — their shapes, format, address
//! and alt text. `lede-site cards` draws them; the page's metadata and the feeds name them.

use crate::feed::Site;
use crate::page_meta::MetaImage;
use crate::{Article, Image};

/// Where the share cards live on the site (`lede-site cards` writes them into `dist/cards/`).
pub const CARDS_DIR: &str = "/cards";

/// Bumped whenever the cards are drawn differently, so that their addresses change and chat apps,
/// which keep a preview image for as long as its address stays the same, fetch the new ones.
const CARD_STYLE: u32 = 1;

/// The shapes of a story's share card: the one Open Graph and Twitter show (1.91:1), and the three
/// Google asks for in the JSON-LD `image` (16:9, 4:3, 1:1). All 1200 pixels wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardShape {
    /// 1200×630, `og:image` and `twitter:image` (`summary_large_image`).
    Wide,
    /// 1200×675.
    SixteenNine,
    /// 1200×900.
    FourThree,
    /// 1200×1200.
    Square,
}

impl CardShape {
    pub const ALL: [CardShape; 4] = [CardShape::Wide, CardShape::SixteenNine, CardShape::FourThree, CardShape::Square];

    /// Width and height in pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            CardShape::Wide => (1200, 630),
            CardShape::SixteenNine => (1200, 675),
            CardShape::FourThree => (1200, 900),
            CardShape::Square => (1200, 1200),
        }
    }
}

/// A card's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFormat {
    Jpeg,
    Png,
}

impl CardFormat {
    pub fn mime(self) -> &'static str {
        match self {
            CardFormat::Jpeg => "image/jpeg",
            CardFormat::Png => "image/png",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            CardFormat::Jpeg => "jpg",
            CardFormat::Png => "png",
        }
    }
}

/// What a story's card is drawn from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CardSource<'a> {
    /// The lead image, a file of the site (`/images/…`, read from `public/` at build time),
    /// cropped around its focal point.
    Image(&'a Image),
    /// The headline set in Lede's type: a story without a lead image, or whose image lives on
    /// another site (the build never fetches from the network).
    Headline,
}

/// One share card of a story: decided from the article alone, so the pre-rendered page, the
/// feeds and `lede-site cards` (which draws the files) agree without reading any file.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub shape: CardShape,
    pub width: u32,
    pub height: u32,
    pub format: CardFormat,
    /// The site path: `/cards/<slug>-<key>-<width>x<height>.<png|jpg>`, where `<key>` changes
    /// when anything drawn from the article does (headline, section, image address, focal point).
    pub path: String,
    pub alt: String,
}

impl Card {
    /// The card as a page's metadata image, at an absolute address on the site.
    pub fn meta_image(&self, site: &Site) -> MetaImage {
        MetaImage {
            url: format!("{}{}", site.url, self.path),
            alt: self.alt.clone(),
            width: self.width,
            height: self.height,
            mime: self.format.mime(),
        }
    }
}

/// What the story's cards are drawn from.
pub fn card_source(article: &Article) -> CardSource<'_> {
    match &article.lead_image {
        Some(image) if image.src.starts_with('/') && !image.src.starts_with("//") => CardSource::Image(image),
        _ => CardSource::Headline,
    }
}

/// Whether a site path names an SVG drawing (rasterised for the card) rather than a raster image.
pub fn is_svg_path(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.rsplit('.').next().is_some_and(|ext| ext.eq_ignore_ascii_case("svg"))
}

/// The story's card in one shape.
pub fn share_card(article: &Article, shape: CardShape) -> Card {
    let source = card_source(article);
    // A photograph compresses far better as JPEG; a drawing or a headline on a flat ground (few
    // colours, hard edges) is smaller as PNG and keeps its edges clean. (`lede-site cards`
    // reports both sizes of every card, so the rule can be checked.)
    let format = match source {
        CardSource::Image(image) if !is_svg_path(&image.src) => CardFormat::Jpeg,
        _ => CardFormat::Png,
    };
    let alt = match source {
        CardSource::Image(image) => image.alt.clone(),
        CardSource::Headline => article.headline.clone(),
    };
    let (width, height) = shape.size();
    let path =
        format!("{CARDS_DIR}/{}-{}-{width}x{height}.{}", article.slug, card_key(article, source), format.extension());
    Card { shape, width, height, format, path, alt }
}

/// The story's cards in every shape, [`CardShape::Wide`] first.
pub fn share_cards(article: &Article) -> Vec<Card> {
    CardShape::ALL.iter().map(|&shape| share_card(article, shape)).collect()
}

/// FNV-1a over everything of the article a card shows, and the drawing's version: 10 hex digits.
fn card_key(article: &Article, source: CardSource) -> String {
    let mut hash = crate::hash::Fnv1a::new();
    let mut feed = |text: &str| {
        hash.write(text.as_bytes());
        hash.write(&[0xff]);
    };
    feed(&CARD_STYLE.to_string());
    match source {
        CardSource::Image(image) => {
            feed(&image.src);
            feed(&format!("{}x{}", image.width, image.height));
            if let Some(focal) = image.focal_point {
                feed(&format!("{},{}", focal.x, focal.y));
            }
        }
        CardSource::Headline => {
            feed(&article.headline);
            feed(article.section.as_deref().unwrap_or(""));
            feed(&article.language);
            feed(article.direction.as_str());
        }
    }
    format!("{:010x}", hash.finish() >> 24)
}
