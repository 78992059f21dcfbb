//! The builder's lead picture: from JSON-LD or the image meta tags, completed from the page's
//! own `<img>` (size, alt text, caption and credit).

use lede_core::Image;
use scraper::ElementRef;
use url::Url;

use crate::blocks::{caption_and_credit, image_src, pixels};
use crate::diag::{Diags, Loc};
use crate::meta;
use crate::text::{resolve, squash};

use super::{Builder, select};

impl Builder<'_> {
    /// The lead picture: JSON-LD `image` (the widest complete one), then og:image / twitter:image.
    /// Size and alt text missing from the metadata are looked up on the page's own `<img>`.
    pub(super) fn lead_image(&self, base: Option<&Url>, diags: &mut Diags) -> Option<Image> {
        let mut from_ld: Vec<(Image, Loc)> = Vec::new();
        let mut incomplete: Option<(Loc, String)> = None;
        for img in &self.ld.images {
            let at = Loc::Offset(img.url.at);
            match self.complete_image(
                &img.url.value,
                base,
                img.width,
                img.height,
                img.alt.clone(),
                img.caption.clone(),
                img.credit.clone(),
            ) {
                Ok(image) => from_ld.push((image, at)),
                Err(why) => incomplete = incomplete.or(Some((at, format!("JSON-LD \"image\" {why}")))),
            }
        }
        // Several renditions or crops may be listed: take the widest (the first of equals).
        if let Some((image, _)) = from_ld.into_iter().rev().max_by_key(|(i, _)| i.width) {
            return Some(image);
        }
        if let Some((key, src)) = self.meta.first(meta::IMAGE_KEYS) {
            let og = key.starts_with("og:");
            let dim = |k: &'static str| if og { pixels(self.meta.first(&[k]).map(|(_, v)| v)) } else { None };
            let alt = self.meta_text(meta::IMAGE_ALT_KEYS);
            match self.complete_image(src, base, dim("og:image:width"), dim("og:image:height"), alt, None, None) {
                Ok(image) => return Some(image),
                Err(why) => incomplete = incomplete.or(Some((self.meta_at(key), format!("<meta {key}> {why}")))),
            }
        }
        if let Some((at, why)) = incomplete {
            diags.warn(at, format!("{why}; the article has no lead image"));
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn complete_image(
        &self,
        src: &str,
        base: Option<&Url>,
        width: Option<u32>,
        height: Option<u32>,
        alt: Option<String>,
        caption: Option<String>,
        credit: Option<String>,
    ) -> Result<Image, String> {
        let short = if src.chars().count() > 80 {
            format!("{}…", src.chars().take(79).collect::<String>())
        } else {
            src.to_string()
        };
        let Some(resolved) = resolve(src, base) else {
            return Err(format!("`{short}` is not an http(s) address (or cannot be resolved)"));
        };
        let on_page = self.page_image(&resolved, base);
        let width = width.or_else(|| on_page.as_ref().and_then(|p| p.width));
        let height = height.or_else(|| on_page.as_ref().and_then(|p| p.height));
        let alt = alt.or_else(|| on_page.as_ref().and_then(|p| p.alt.clone()));
        let caption = caption.or_else(|| on_page.as_ref().and_then(|p| p.caption.clone()));
        let credit = credit.or_else(|| on_page.as_ref().and_then(|p| p.credit.clone()));
        let (Some(width), Some(height)) = (width, height) else {
            return Err(format!("`{short}` has no width and height (in the metadata or on an <img> in the page)"));
        };
        let Some(alt) = alt.filter(|a| !a.is_empty()) else {
            return Err(format!("`{short}` has no alt text (og:image:alt, or alt on the page's <img>)"));
        };
        Ok(Image {
            src: resolved,
            width,
            height,
            alt,
            caption,
            credit,
            sizes: Vec::new(),
            focal_point: None,
            source: None,
        })
    }

    /// The page's own `<img>` showing this picture, with what it says about it.
    fn page_image(&self, resolved: &str, base: Option<&Url>) -> Option<PageImage> {
        let img =
            self.dom.doc.select(&select("img")).find(|img| {
                image_src(img).and_then(|s| resolve(&s, base)).is_some_and(|s| same_picture(&s, resolved))
            })?;
        let figure = img.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "figure");
        let figcaption = figure.and_then(|f| f.select(&select("figcaption")).next());
        let (caption, credit) = figcaption.map(caption_and_credit).unwrap_or_default();
        Some(PageImage {
            width: pixels(img.attr("width")),
            height: pixels(img.attr("height")),
            alt: img.attr("alt").map(squash).filter(|a| !a.is_empty()),
            caption,
            credit,
        })
    }
}

struct PageImage {
    width: Option<u32>,
    height: Option<u32>,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

/// The same picture at two addresses that differ only in their query (`?w=800`).
pub(super) fn same_picture(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.split(['?', '#']).next().unwrap_or(s).to_string();
    a == b || strip(a) == strip(b)
}
