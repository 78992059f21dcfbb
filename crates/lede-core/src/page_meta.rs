//! What a page's `<head>` says about it to crawlers and chat apps, which do not run JavaScript:
//! title, description, canonical link, Open Graph and Twitter card tags, and for a story
//! schema.org `NewsArticle` JSON-LD. Written into the pre-rendered pages at build time.

use serde_json::{Value, json};

use crate::Article;
use crate::feed::Site;
use crate::routes::article_path;
use crate::share_card::{CardShape, share_cards};

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
    use crate::share_card::{CardFormat, CardSource, card_source, share_card};

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
