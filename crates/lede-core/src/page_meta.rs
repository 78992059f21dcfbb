//! What a page's `<head>` says about it to crawlers and chat apps, which do not run JavaScript:
//! title, description, canonical link, Open Graph and Twitter card tags, and for a story
//! schema.org `NewsArticle` JSON-LD. Written into the pre-rendered pages at build time.

use serde_json::{Value, json};

use crate::feed::Site;
use crate::routes::article_path;
use crate::{Article, Image};

/// A page's metadata, ready to be written as HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMeta {
    /// The document title, already including the site name.
    pub title: String,
    pub description: String,
    pub canonical: String,
    /// `article` or `website` (Open Graph type).
    pub kind: &'static str,
    pub image: Option<MetaImage>,
    pub language: String,
    pub site_name: String,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// schema.org JSON-LD, if the page describes one thing (a story).
    pub json_ld: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetaImage {
    /// Absolute address.
    pub url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
    /// Media type (`og:image:type`).
    pub mime: &'static str,
}

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

/// The title a story's page carries; the app's title formatter writes the same.
pub fn story_title(headline: &str, site: &Site) -> String {
    format!("{headline} — {}", site.title)
}

impl PageMeta {
    pub fn for_article(article: &Article, site: &Site) -> PageMeta {
        let canonical = format!("{}{}", site.url, article_path(&article.slug));
        let description = article.summary();
        // Every story has share cards (a raster picture chat apps draw, never the SVG the page
        // itself shows): the wide one for Open Graph and Twitter, the others for the JSON-LD.
        let cards = share_cards(article);
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": { "@type": "WebPage", "@id": canonical },
            "url": canonical,
            "headline": article.headline,
            "description": description,
            "inLanguage": article.language,
            "datePublished": article.date_published,
            "dateModified": article.date_modified.as_ref().unwrap_or(&article.date_published),
            "publisher": organisation(&article.publisher.name, article.publisher.url.as_deref()),
            "isAccessibleForFree": true,
            "wordCount": article.word_count(),
        });
        let fields = ld.as_object_mut().expect("an object literal");
        if !article.authors.is_empty() {
            let authors: Vec<Value> = article
                .authors
                .iter()
                .map(|a| {
                    let mut person = json!({ "@type": "Person", "name": a.name });
                    if let Some(url) = &a.url {
                        person["url"] = json!(url);
                    }
                    person
                })
                .collect();
            fields.insert("author".into(), Value::Array(authors));
        }
        let renditions: Vec<Value> = cards
            .iter()
            .filter(|card| card.shape != CardShape::Wide)
            .map(|card| {
                let image = card.meta_image(site);
                json!({ "@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height, "encodingFormat": image.mime })
            })
            .collect();
        fields.insert("image".into(), Value::Array(renditions));
        if let Some(section) = &article.section {
            fields.insert("articleSection".into(), json!(section));
        }
        if let Some(dateline) = &article.dateline {
            fields.insert("dateline".into(), json!(dateline));
        }
        if !article.keywords.is_empty() {
            fields.insert("keywords".into(), json!(article.keywords));
        }
        if !article.entities.is_empty() {
            let mentions: Vec<Value> = article
                .entities
                .iter()
                .map(|e| {
                    let mut thing = json!({ "@type": e.kind.schema_org(), "name": e.name });
                    if let Some(same_as) = &e.same_as {
                        thing["sameAs"] = json!(same_as);
                    }
                    thing
                })
                .collect();
            fields.insert("mentions".into(), Value::Array(mentions));
        }
        PageMeta {
            title: story_title(&article.headline, site),
            description,
            canonical,
            kind: "article",
            image: Some(cards[0].meta_image(site)),
            language: article.language.clone(),
            site_name: site.title.clone(),
            published: Some(article.date_published.clone()),
            modified: article.date_modified.clone(),
            json_ld: Some(ld),
        }
    }

    /// The front page.
    pub fn for_front(site: &Site, title: &str) -> PageMeta {
        PageMeta {
            title: title.to_string(),
            description: site.description.clone(),
            canonical: format!("{}/", site.url),
            kind: "website",
            image: Some(site_icon(site)),
            language: "en".into(),
            site_name: site.title.clone(),
            published: None,
            modified: None,
            json_ld: None,
        }
    }

    /// The tags, one per line, every value escaped.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let mut line = |tag: String| {
            out.push_str("  ");
            out.push_str(&tag);
            out.push('\n');
        };
        let meta =
            |attr: &str, key: &str, value: &str| format!(r#"<meta {attr}="{key}" content="{}">"#, attr_escape(value));
        line(format!("<title>{}</title>", text_escape(&self.title)));
        line(meta("name", "description", &self.description));
        line(format!(r#"<link rel="canonical" href="{}">"#, attr_escape(&self.canonical)));
        line(meta("property", "og:type", self.kind));
        line(meta("property", "og:site_name", &self.site_name));
        line(meta(
            "property",
            "og:title",
            self.title.strip_suffix(&format!(" — {}", self.site_name)).unwrap_or(&self.title),
        ));
        line(meta("property", "og:description", &self.description));
        line(meta("property", "og:url", &self.canonical));
        line(meta("property", "og:locale", &self.language.replace('-', "_")));
        if let Some(published) = &self.published {
            line(meta("property", "article:published_time", published));
        }
        if let Some(modified) = &self.modified {
            line(meta("property", "article:modified_time", modified));
        }
        let card = if self.image.as_ref().is_some_and(|i| i.width >= 600) { "summary_large_image" } else { "summary" };
        line(meta("name", "twitter:card", card));
        line(meta(
            "name",
            "twitter:title",
            self.title.strip_suffix(&format!(" — {}", self.site_name)).unwrap_or(&self.title),
        ));
        line(meta("name", "twitter:description", &self.description));
        if let Some(image) = &self.image {
            line(meta("property", "og:image", &image.url));
            line(meta("property", "og:image:type", image.mime));
            line(meta("property", "og:image:width", &image.width.to_string()));
            line(meta("property", "og:image:height", &image.height.to_string()));
            line(meta("property", "og:image:alt", &image.alt));
            line(meta("name", "twitter:image", &image.url));
            line(meta("name", "twitter:image:alt", &image.alt));
        }
        if let Some(ld) = &self.json_ld {
            line(format!(r#"<script type="application/ld+json">{}</script>"#, script_json(ld)));
        }
        out
    }
}

fn site_icon(site: &Site) -> MetaImage {
    MetaImage {
        url: format!("{}/icon-512.png", site.url),
        alt: site.title.clone(),
        width: 512,
        height: 512,
        mime: "image/png",
    }
}

fn organisation(name: &str, url: Option<&str>) -> Value {
    let mut org = json!({ "@type": "Organization", "name": name });
    if let Some(url) = url {
        org["url"] = json!(url);
    }
    org
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn attr_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an HTML element's content.
pub fn text_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// JSON for a `<script>` data block: `<`, `>` and `&` only ever occur inside JSON strings, where
/// their `\u` escapes mean the same, so nothing in a story can close the element early.
fn script_json(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("a JSON value always serialises");
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(extra: Value) -> Article {
        let mut base = json!({
            "version": 1, "id": "t-1", "slug": "a-story", "language": "en",
            "headline": "Talks resume in Geneva", "datePublished": "2020-10-09T14:00:00Z",
            "publisher": {"name": "Lede Test Desk", "url": "https://example.org"},
            "body": [{"type": "paragraph", "id": "p1", "content": [{"text": "Delegations met on Friday."}]}]
        });
        for (k, v) in extra.as_object().unwrap() {
            base[k] = v.clone();
        }
        serde_json::from_value(base).expect("a valid test article")
    }

    #[test]
    fn a_story_has_news_article_json_ld_and_open_graph() {
        let a = article(json!({
            "authors": [{"name": "A. Writer"}],
            "leadImage": {"src": "/images/x.png", "width": 1200, "height": 675, "alt": "A hall"},
            "entities": [{"name": "Geneva", "type": "LOC", "sameAs": "https://www.wikidata.org/wiki/Q71"}]
        }));
        let meta = PageMeta::for_article(&a, &Site::lede("https://lede.example"));
        let ld = meta.json_ld.as_ref().unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], "Talks resume in Geneva");
        assert_eq!(ld["author"][0]["name"], "A. Writer");
        assert_eq!(ld["image"].as_array().unwrap().len(), 3);
        assert_eq!(ld["mainEntityOfPage"]["@id"], "https://lede.example/article/a-story");
        assert_eq!(ld["mentions"][0]["@type"], "Place");
        assert_eq!(ld["dateModified"], "2020-10-09T14:00:00Z");
        let html = meta.to_html();
        assert!(html.contains(r#"<meta property="og:title" content="Talks resume in Geneva">"#));
        assert!(html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
        assert!(html.contains(r#"<link rel="canonical" href="https://lede.example/article/a-story">"#));
        assert!(html.contains("<title>Talks resume in Geneva — Lede</title>"));
    }

    #[test]
    fn hostile_text_cannot_leave_its_attribute_or_script() {
        let a = article(json!({ "headline": "\"><script>alert(1)</script></script><!--&" }));
        let html = PageMeta::for_article(&a, &Site::lede("https://lede.example")).to_html();
        assert!(!html.contains("<script>alert"));
        assert_eq!(html.matches("</script>").count(), 1, "only the JSON-LD block closes a script");
        assert!(html.contains("&quot;&gt;&lt;script&gt;"));
        // The JSON-LD still parses to the original headline.
        let start = html.find("ld+json\">").unwrap() + "ld+json\">".len();
        let end = html.rfind("</script>").unwrap();
        let ld: Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(ld["headline"], "\"><script>alert(1)</script></script><!--&");
    }

    /// The tag's `content`, from the page's HTML.
    fn tag(html: &str, key: &str) -> String {
        let needle = format!("=\"{key}\" content=\"");
        let start = html.find(&needle).unwrap_or_else(|| panic!("no {key} in {html}")) + needle.len();
        html[start..start + html[start..].find('"').unwrap()].to_string()
    }

    #[test]
    fn a_photograph_previews_as_a_wide_jpeg_card_with_three_json_ld_renditions() {
        let a = article(json!({
            "leadImage": {"src": "/images/hall.jpg", "width": 3000, "height": 2000, "alt": "A hall"}
        }));
        let html = PageMeta::for_article(&a, &Site::lede("https://lede.example")).to_html();
        let og = tag(&html, "og:image");
        assert!(og.starts_with("https://lede.example/cards/a-story-") && og.ends_with("-1200x630.jpg"), "{og}");
        assert_eq!(tag(&html, "og:image:type"), "image/jpeg");
        assert_eq!(tag(&html, "og:image:width"), "1200");
        assert_eq!(tag(&html, "og:image:height"), "630");
        assert_eq!(tag(&html, "og:image:alt"), "A hall");
        assert_eq!(tag(&html, "twitter:image"), og);
        assert_eq!(tag(&html, "twitter:card"), "summary_large_image");
        let ld = PageMeta::for_article(&a, &Site::lede("https://lede.example")).json_ld.unwrap();
        let sizes: Vec<(u64, u64)> = ld["image"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap()))
            .collect();
        // Google's three ratios: 16:9, 4:3 and 1:1.
        assert_eq!(sizes, [(1200, 675), (1200, 900), (1200, 1200)]);
        for image in ld["image"].as_array().unwrap() {
            let url = image["url"].as_str().unwrap();
            let expected_suffix = format!("-{}x{}.jpg", image["width"], image["height"]);
            assert!(url.starts_with("https://lede.example/cards/a-story-") && url.ends_with(&expected_suffix), "{url}");
        }
    }

    #[test]
    fn a_drawing_or_no_picture_gives_a_png_card_and_never_the_svg() {
        let drawn = article(json!({
            "leadImage": {"src": "/images/map.svg", "width": 1200, "height": 750, "alt": "A sketch map"}
        }));
        let html = PageMeta::for_article(&drawn, &Site::lede("https://lede.example")).to_html();
        assert!(!html.contains(".svg"), "{html}");
        assert_eq!(tag(&html, "og:image:type"), "image/png");
        assert!(tag(&html, "og:image").ends_with("-1200x630.png"));

        let bare = article(json!({}));
        let meta = PageMeta::for_article(&bare, &Site::lede("https://lede.example"));
        let image = meta.image.unwrap();
        assert!(image.url.starts_with("https://lede.example/cards/a-story-") && image.url.ends_with(".png"));
        assert_eq!(image.alt, "Talks resume in Geneva", "a headline card's alt is its headline");
        // An image on another site is not fetched at build time: the headline card stands in.
        let remote = article(json!({
            "leadImage": {"src": "https://cdn.example/p.jpg", "width": 800, "height": 600, "alt": "A photo"}
        }));
        assert_eq!(card_source(&remote), CardSource::Headline);
        assert_eq!(share_card(&remote, CardShape::Wide).format, CardFormat::Png);
    }

    #[test]
    fn a_card_address_changes_with_what_the_card_shows() {
        let path = |extra: Value| share_card(&article(extra), CardShape::Wide).path;
        let photo = json!({"src": "/images/hall.jpg", "width": 3000, "height": 2000, "alt": "A hall"});
        let mut focused = photo.clone();
        focused["focalPoint"] = json!({"x": 0.2, "y": 0.3});
        let base = path(json!({ "leadImage": photo }));
        assert_ne!(base, path(json!({ "leadImage": focused })), "a new focal point, a new crop");
        assert_eq!(
            base,
            path(json!({ "leadImage": photo, "headline": "Talks end" })),
            "the headline is not drawn on a photo"
        );
        assert_ne!(path(json!({})), path(json!({ "headline": "Talks end" })), "but it is the headline card");
        assert_eq!(path(json!({})), path(json!({})), "the same article, the same address");
    }
}
