//! What a picture is offered as: the renditions the build makes of a photograph or a drawing
//! on the site, and what a `<picture>` lists for them.
//!
//! A story names one source file per picture (`/images/harbour.jpg`, 2400 pixels wide). The
//! renditions are decided from the article alone, the way the share cards are
//! (`share_card::share_cards`): the reader's `<picture>`, the saved copies' file list and
//! `lede-site renditions` (which makes the files into `dist/`) all call [`renditions`], so they
//! name the same files without reading any.
//!
//! - Each width of [`RENDITION_WIDTHS`] narrower than the source, and the source's own width.
//! - In WebP (every browser Lede supports decodes it), listed in a `<source type="image/webp">`,
//!   and in the source's own format (JPEG or PNG) for the `<img>`'s `srcset`, where the source file
//!   itself is the widest candidate.
//! - Named beside the source: `/images/harbour.jpg` → `/images/harbour-800w.webp`,
//!   `/images/harbour-800w.jpg`.
//!
//! A picture gets none when it lives on another site (the build never fetches), is a drawing in
//! SVG (it scales by itself), has a query or fragment in its address, or when the story lists its
//! own renditions in `sizes` (the publisher's are kept as they are).

use crate::article::{Image, ImageSize};
use crate::feed::Thumbnail;

/// The widths renditions are made at (CSS pixels × device pixel ratio a phone to a wide screen
/// asks for), when the source is wider.
pub const RENDITION_WIDTHS: [u32; 5] = [480, 800, 1200, 1600, 2400];

/// The `sizes` attribute of a story's pictures: the column is 46rem wide on a wide screen and
/// the whole width on a phone (style/main.css, `.story`).
pub const STORY_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// The `sizes` attribute of a front-page card's picture: one column on a phone, two from 48rem,
/// at most 33rem each in the 70rem page (style/main.css, `.story-list`).
pub const CARD_SIZES: &str = "(min-width: 70rem) 33rem, (min-width: 48rem) 50vw, 100vw";

/// A picture as its renditions see it: a story's [`Image`] or a feed card's [`Thumbnail`].
#[derive(Debug, Clone, Copy)]
pub struct Pictured<'a> {
    pub src: &'a str,
    pub width: u32,
    pub height: u32,
    /// Renditions the publisher listed (`sizes`).
    pub listed: &'a [ImageSize],
}

impl<'a> From<&'a Image> for Pictured<'a> {
    fn from(image: &'a Image) -> Self {
        Pictured { src: &image.src, width: image.width, height: image.height, listed: &image.sizes }
    }
}

impl<'a> From<&'a Thumbnail> for Pictured<'a> {
    fn from(thumbnail: &'a Thumbnail) -> Self {
        Pictured { src: &thumbnail.src, width: thumbnail.width, height: thumbnail.height, listed: &[] }
    }
}

/// The `srcset` of renditions a story lists itself.
pub fn listed_srcset(listed: &[ImageSize]) -> Option<String> {
    (!listed.is_empty()).then(|| srcset(listed.iter().map(|s| (s.src.as_str(), s.width))))
}

/// The raster formats a picture is offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RasterFormat {
    Jpeg,
    Png,
    Webp,
}

impl RasterFormat {
    /// The format a site path's extension names (`.jpg`, `.jpeg`, `.png`, `.webp`, any case).
    pub fn of_path(path: &str) -> Option<RasterFormat> {
        let (_, ext) = path.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(RasterFormat::Jpeg),
            "png" => Some(RasterFormat::Png),
            "webp" => Some(RasterFormat::Webp),
            _ => None,
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            RasterFormat::Jpeg => "image/jpeg",
            RasterFormat::Png => "image/png",
            RasterFormat::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            RasterFormat::Jpeg => "jpg",
            RasterFormat::Png => "png",
            RasterFormat::Webp => "webp",
        }
    }
}

/// One file the build makes from a picture's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// The site path (`/images/harbour-800w.webp`).
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub format: RasterFormat,
}

/// The site path of a picture the build can make renditions of, with its format: a JPEG or PNG
/// file of this site, with no renditions of its own listed.
fn source_of<'a>(image: &Pictured<'a>) -> Option<(&'a str, RasterFormat)> {
    let src = image.src;
    let on_site = src.starts_with('/') && !src.starts_with("//");
    if !on_site || src.contains(['?', '#']) || !image.listed.is_empty() || image.width == 0 {
        return None;
    }
    match RasterFormat::of_path(src)? {
        RasterFormat::Webp => None,
        format => Some((src, format)),
    }
}

/// Every rendition the build makes of `image`, narrowest first, WebP ones before the others;
/// empty when it gets none (see the module's notes). The source file itself is not among them.
/// (One function for every kind of picture, not a generic one: the reader's wasm holds one copy.)
pub fn renditions(image: Pictured<'_>) -> Vec<Rendition> {
    let Some((src, format)) = source_of(&image) else { return Vec::new() };
    let stem = &src[..src.rfind('.').expect("a raster path has an extension")];
    let mut widths: Vec<u32> = RENDITION_WIDTHS.iter().copied().filter(|&w| w < image.width).collect();
    widths.push(image.width);
    let height = |w: u32| {
        ((u64::from(image.height) * u64::from(w) + u64::from(image.width) / 2) / u64::from(image.width)).max(1) as u32
    };
    let made = |format: RasterFormat, w: u32| Rendition {
        path: format!("{stem}-{w}w.{}", format.extension()),
        width: w,
        height: height(w),
        format,
    };
    let modern = widths.iter().map(|&w| made(RasterFormat::Webp, w));
    // In the source's format the widest candidate is the source itself.
    let fallback = widths[..widths.len() - 1].iter().map(|&w| made(format, w));
    modern.chain(fallback).collect()
}

/// What the page lists for a picture: a `<source>` in a modern format, when there are
/// renditions, and the `<img>`'s `srcset` (its `src` stays the picture's own address).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picture {
    /// `(type, srcset)` of the `<source>` element.
    pub modern: Option<(&'static str, String)>,
    pub srcset: Option<String>,
}

fn srcset<'a>(candidates: impl Iterator<Item = (&'a str, u32)>) -> String {
    candidates.map(|(src, w)| format!("{src} {w}w")).collect::<Vec<_>>().join(", ")
}

/// The `<picture>`'s candidates for `image`: the built renditions, or the story's own `sizes`.
pub fn picture(image: Pictured<'_>) -> Picture {
    let made = renditions(image);
    if made.is_empty() {
        return Picture { modern: None, srcset: listed_srcset(image.listed) };
    }
    let (modern, fallback): (Vec<&Rendition>, Vec<&Rendition>) =
        made.iter().partition(|r| r.format == RasterFormat::Webp);
    let fallback = fallback.iter().map(|r| (r.path.as_str(), r.width)).chain([(image.src, image.width)]);
    Picture {
        modern: Some((RasterFormat::Webp.mime(), srcset(modern.iter().map(|r| (r.path.as_str(), r.width))))),
        srcset: Some(srcset(fallback)),
    }
}

/// The files a saved copy keeps of a picture, so that it shows offline at any width: the WebP
/// renditions when the build makes them (what every supported browser picks), otherwise the
/// picture and the renditions the story lists.
pub fn files_to_save(image: &Image) -> Vec<String> {
    let modern: Vec<String> =
        renditions(image.into()).into_iter().filter(|r| r.format == RasterFormat::Webp).map(|r| r.path).collect();
    if !modern.is_empty() {
        return modern;
    }
    std::iter::once(image.src.clone()).chain(image.sizes.iter().map(|s| s.src.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(src: &str, width: u32, height: u32) -> Image {
        Image {
            src: src.into(),
            width,
            height,
            alt: "A picture.".into(),
            caption: None,
            credit: None,
            sizes: Vec::new(),
            focal_point: None,
            source: None,
        }
    }

    fn paths(image: &Image) -> Vec<String> {
        renditions(image.into()).into_iter().map(|r| format!("{} {}x{}", r.path, r.width, r.height)).collect()
    }

    #[test]
    fn a_wide_photograph_gets_every_narrower_width_and_its_own_in_webp_and_jpeg() {
        // 2400 × 1600: the widths below 2400, then 2400 itself; heights keep 3:2.
        assert_eq!(
            paths(&image("/images/harbour.jpg", 2400, 1600)),
            [
                "/images/harbour-480w.webp 480x320",
                "/images/harbour-800w.webp 800x533",
                "/images/harbour-1200w.webp 1200x800",
                "/images/harbour-1600w.webp 1600x1067",
                "/images/harbour-2400w.webp 2400x1600",
                "/images/harbour-480w.jpg 480x320",
                "/images/harbour-800w.jpg 800x533",
                "/images/harbour-1200w.jpg 1200x800",
                "/images/harbour-1600w.jpg 1600x1067",
            ]
        );
    }

    #[test]
    fn an_odd_width_keeps_its_own_and_a_png_stays_png() {
        assert_eq!(
            paths(&image("/images/a/map.PNG", 1000, 700)),
            [
                "/images/a/map-480w.webp 480x336",
                "/images/a/map-800w.webp 800x560",
                "/images/a/map-1000w.webp 1000x700",
                "/images/a/map-480w.png 480x336",
                "/images/a/map-800w.png 800x560",
            ]
        );
        // Narrower than every width: only its own width, in WebP.
        assert_eq!(paths(&image("/images/tiny.jpeg", 300, 200)), ["/images/tiny-300w.webp 300x200"]);
    }

    #[test]
    fn drawings_other_sites_odd_addresses_and_listed_sizes_get_none() {
        for src in [
            "/images/drawing.svg",
            "https://cdn.example/photo.jpg",
            "//cdn.example/photo.jpg",
            "/images/photo.jpg?v=2",
            "/images/photo.jpg#top",
            "/images/photo.webp",
            "/images/photo",
        ] {
            assert_eq!(renditions((&image(src, 2400, 1600)).into()), [], "{src}");
        }
        let mut listed = image("/images/photo.jpg", 2400, 1600);
        listed.sizes = vec![ImageSize { src: "/images/photo-small.jpg".into(), width: 640 }];
        assert_eq!(renditions((&listed).into()), []);
        assert_eq!(
            picture((&listed).into()),
            Picture { modern: None, srcset: Some("/images/photo-small.jpg 640w".into()) }
        );
        assert_eq!(files_to_save(&listed), ["/images/photo.jpg", "/images/photo-small.jpg"]);
    }

    #[test]
    fn the_picture_lists_webp_in_a_source_and_the_original_as_the_widest_fallback() {
        let photo = image("/images/harbour.jpg", 1200, 800);
        assert_eq!(
            picture((&photo).into()),
            Picture {
                modern: Some((
                    "image/webp",
                    "/images/harbour-480w.webp 480w, /images/harbour-800w.webp 800w, /images/harbour-1200w.webp 1200w"
                        .into()
                )),
                srcset: Some(
                    "/images/harbour-480w.jpg 480w, /images/harbour-800w.jpg 800w, /images/harbour.jpg 1200w".into()
                ),
            }
        );
        assert_eq!(
            files_to_save(&photo),
            ["/images/harbour-480w.webp", "/images/harbour-800w.webp", "/images/harbour-1200w.webp"]
        );
        // A front-page card's thumbnail of the same picture is offered the same files.
        let thumbnail = Thumbnail { src: photo.src.clone(), width: 1200, height: 800, alt: String::new() };
        assert_eq!(picture((&thumbnail).into()), picture((&photo).into()));
        let drawing = image("/images/sketch.svg", 1200, 675);
        assert_eq!(picture((&drawing).into()), Picture::default());
        assert_eq!(files_to_save(&drawing), ["/images/sketch.svg"]);
    }
}
