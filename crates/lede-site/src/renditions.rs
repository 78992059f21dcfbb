//! `lede-site renditions`: every story picture's renditions, made into the built site.
//!
//! Which files a picture has is decided by `lede_core::picture::renditions` from the article
//! alone (so the pre-rendered `<picture>`, the app's and the saved copies name the same files);
//! this module makes them from the one source file in `public/`: resampled with `image`
//! (Lanczos3), WebP encoded lossy by libwebp (the `webp` crate), JPEG and PNG by `image`.
//!
//! The source's size must be the one the story gives (the page reserves that space, and the
//! renditions' heights follow from it). A rendition already in `public/` under a derived name
//! is refused rather than overwritten. Made files are kept in the build cache under the source's
//! content hash, so a picture is resampled once, not at every build.

use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder};
use lede_core::Article;
use lede_core::picture::{RasterFormat, Rendition, renditions};

/// Lossy WebP quality: photographs at about a tenth of the JPEG's bytes at the same width look
/// the same at reading distance.
pub const WEBP_QUALITY: f32 = 78.0;
/// JPEG quality of the narrower fallbacks (the widest is the source file itself).
pub const JPEG_QUALITY: u8 = 82;

/// One rendition in the built site, for the summary.
#[derive(Debug)]
pub struct Made {
    pub path: PathBuf,
    pub bytes: u64,
    /// Taken from the cache rather than made.
    pub cached: bool,
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map_err(|e| format!("cannot decode: {e}"))
}

/// The rendition's bytes: `source` resampled to its width and encoded in its format.
fn make(source: &DynamicImage, rendition: &Rendition) -> Result<Vec<u8>, String> {
    let resized = if source.width() == rendition.width && source.height() == rendition.height {
        source.clone()
    } else {
        source.resize_exact(rendition.width, rendition.height, FilterType::Lanczos3)
    };
    let (w, h) = (resized.width(), resized.height());
    // A picture with transparency keeps it (PNG and WebP); any other is three channels.
    let alpha = resized.color().has_alpha();
    let mut out = Vec::new();
    match rendition.format {
        RasterFormat::Webp => {
            let encoded = if alpha {
                webp::Encoder::from_rgba(resized.to_rgba8().as_raw(), w, h).encode(WEBP_QUALITY)
            } else {
                webp::Encoder::from_rgb(resized.to_rgb8().as_raw(), w, h).encode(WEBP_QUALITY)
            };
            out.extend_from_slice(&encoded);
        }
        RasterFormat::Jpeg => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .write_image(resized.to_rgb8().as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .map_err(|e| format!("JPEG: {e}"))?,
        RasterFormat::Png => {
            let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive);
            if alpha {
                encoder.write_image(resized.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8)
            } else {
                encoder.write_image(resized.to_rgb8().as_raw(), w, h, image::ExtendedColorType::Rgb8)
            }
            .map_err(|e| format!("PNG: {e}"))?
        }
    }
    Ok(out)
}

/// Makes every rendition of every picture of `articles` into `out` (the built site), reading
/// sources from `public` and keeping made files in `cache` (when given). Calls `progress` after
/// each file. A missing, undecodable or mis-sized source is an error naming the story, the field
/// and the file.
pub fn write_all(
    articles: &[Article],
    public: &Path,
    out: &Path,
    cache: Option<&Path>,
    mut progress: impl FnMut(&str),
) -> Result<Vec<Made>, String> {
    if let Some(cache) = cache {
        std::fs::create_dir_all(cache).map_err(|e| format!("cannot create {}: {e}", cache.display()))?;
    }
    let mut made = Vec::new();
    for article in articles {
        for (at, image) in article.images() {
            let wanted = renditions(image.into());
            if wanted.is_empty() {
                continue;
            }
            let what = format!("{}: {at} {}", article.slug, image.src);
            let file =
                crate::cards::site_file(public, &image.src).ok_or_else(|| format!("{what}: not a file of the site"))?;
            let bytes = std::fs::read(&file).map_err(|e| format!("{what}: cannot read {}: {e}", file.display()))?;
            // Decoded once for all its renditions, and only when one is not in the cache.
            let mut source: Option<DynamicImage> = None;
            let hash = lede_core::hash::fnv1a(&bytes);
            for rendition in &wanted {
                let relative = rendition.path.trim_start_matches('/');
                if public.join(relative).exists() {
                    return Err(format!(
                        "{what}: {} is already in {}; the build makes that file from the picture. Remove or rename it, or list the story's own renditions in `sizes`",
                        rendition.path,
                        public.display()
                    ));
                }
                let target = out.join(relative);
                let cached_copy =
                    cache.map(|c| c.join(format!("{hash:016x}-{}w.{}", rendition.width, rendition.format.extension())));
                let from_cache = cached_copy.as_ref().filter(|c| c.exists());
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
                }
                if let Some(copy) = from_cache {
                    std::fs::copy(copy, &target)
                        .map_err(|e| format!("cannot copy {} to {}: {e}", copy.display(), target.display()))?;
                } else {
                    if source.is_none() {
                        let pixels = decode(&bytes).map_err(|e| format!("{what}: {e}"))?;
                        if (pixels.width(), pixels.height()) != (image.width, image.height) {
                            return Err(format!(
                                "{what}: the file is {}×{} pixels, the story says {}×{} (width and height must be the file's own)",
                                pixels.width(),
                                pixels.height(),
                                image.width,
                                image.height
                            ));
                        }
                        source = Some(pixels);
                    }
                    let encoded = make(source.as_ref().expect("decoded above"), rendition)
                        .map_err(|e| format!("{what}: {} {e}", rendition.path))?;
                    std::fs::write(&target, &encoded).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
                    if let Some(copy) = &cached_copy {
                        std::fs::write(copy, &encoded).map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
                    }
                }
                let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
                progress(&rendition.path);
                made.push(Made { path: target, bytes, cached: from_cache.is_some() });
            }
        }
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(lead: serde_json::Value) -> Article {
        serde_json::from_value(serde_json::json!({
            "version": 1, "id": "t-1", "slug": "a-story", "language": "en", "headline": "A story",
            "section": "World", "datePublished": "2020-10-09T14:00:00Z", "publisher": {"name": "Lede"},
            "leadImage": lead,
            "body": [{"type": "paragraph", "id": "p1", "content": [{"text": "Text."}]}]
        }))
        .expect("a valid test article")
    }

    /// A 900 × 540 picture: left half red, right half blue.
    fn two_halves(format: image::ImageFormat) -> Vec<u8> {
        let pixels = image::RgbImage::from_fn(900, 540, |x, _| {
            if x < 450 { image::Rgb([200, 20, 20]) } else { image::Rgb([20, 20, 200]) }
        });
        let mut out = std::io::Cursor::new(Vec::new());
        pixels.write_to(&mut out, format).expect("encodes");
        out.into_inner()
    }

    fn setup(bytes: &[u8]) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let public = dir.path().join("public");
        let out = dir.path().join("dist");
        std::fs::create_dir_all(public.join("images")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(public.join("images/halves.jpg"), bytes).unwrap();
        (dir, public, out)
    }

    fn lead(width: u32, height: u32) -> serde_json::Value {
        serde_json::json!({"src": "/images/halves.jpg", "width": width, "height": height, "alt": "Red and blue."})
    }

    #[test]
    fn each_rendition_is_the_picture_at_its_width_in_its_format() {
        let (dir, public, out) = setup(&two_halves(image::ImageFormat::Jpeg));
        let cache = dir.path().join("cache");
        let made = write_all(&[article(lead(900, 540))], &public, &out, Some(&cache), |_| {}).expect("made");
        // 480 and 800 below 900, then 900, in WebP; 480 and 800 in JPEG (the source is the widest).
        let names: Vec<String> =
            made.iter().map(|m| m.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(
            names,
            ["halves-480w.webp", "halves-800w.webp", "halves-900w.webp", "halves-480w.jpg", "halves-800w.jpg"]
        );
        for (name, format, width, height) in [
            ("halves-480w.webp", image::ImageFormat::WebP, 480, 288),
            ("halves-900w.webp", image::ImageFormat::WebP, 900, 540),
            ("halves-800w.jpg", image::ImageFormat::Jpeg, 800, 480),
        ] {
            let bytes = std::fs::read(out.join("images").join(name)).unwrap();
            assert_eq!(image::guess_format(&bytes).unwrap(), format, "{name}");
            let pixels = image::load_from_memory(&bytes).unwrap().to_rgb8();
            assert_eq!(pixels.dimensions(), (width, height), "{name}");
            // Still red on the left and blue on the right (lossy, so roughly).
            let left = pixels.get_pixel(width / 4, height / 2).0;
            let right = pixels.get_pixel(3 * width / 4, height / 2).0;
            assert!(left[0] > 150 && left[2] < 80, "{name}: left is {left:?}");
            assert!(right[2] > 150 && right[0] < 80, "{name}: right is {right:?}");
        }
        assert!(made.iter().all(|m| !m.cached));
        // A second build takes every file from the cache, byte for byte the same.
        let again = dir.path().join("dist2");
        let second = write_all(&[article(lead(900, 540))], &public, &again, Some(&cache), |_| {}).expect("made");
        assert!(second.iter().all(|m| m.cached));
        for m in &made {
            let name = m.path.strip_prefix(&out).unwrap();
            assert_eq!(std::fs::read(&m.path).unwrap(), std::fs::read(again.join(name)).unwrap(), "{}", name.display());
        }
    }

    #[test]
    fn a_wrong_size_a_missing_file_and_a_name_taken_are_clear_errors() {
        let (_dir, public, out) = setup(&two_halves(image::ImageFormat::Jpeg));
        let error = write_all(&[article(lead(1200, 720))], &public, &out, None, |_| {}).unwrap_err();
        assert!(
            error
                .contains("a-story: leadImage /images/halves.jpg: the file is 900×540 pixels, the story says 1200×720"),
            "{error}"
        );

        let missing = serde_json::json!({"src": "/images/gone.jpg", "width": 900, "height": 540, "alt": "Gone."});
        let error = write_all(&[article(missing)], &public, &out, None, |_| {}).unwrap_err();
        assert!(error.starts_with("a-story: leadImage /images/gone.jpg: cannot read"), "{error}");

        std::fs::write(public.join("images/halves.jpg"), b"not a picture").unwrap();
        let error = write_all(&[article(lead(900, 540))], &public, &out, None, |_| {}).unwrap_err();
        assert!(error.contains("/images/halves.jpg: cannot decode"), "{error}");

        std::fs::write(public.join("images/halves.jpg"), two_halves(image::ImageFormat::Jpeg)).unwrap();
        std::fs::write(public.join("images/halves-480w.webp"), b"the publisher's own").unwrap();
        let error = write_all(&[article(lead(900, 540))], &public, &out, None, |_| {}).unwrap_err();
        assert!(error.contains("/images/halves-480w.webp is already in"), "{error}");
    }

    #[test]
    fn drawings_and_pictures_elsewhere_are_left_alone() {
        let (_dir, public, out) = setup(&two_halves(image::ImageFormat::Jpeg));
        let svg = serde_json::json!({"src": "/images/x.svg", "width": 1200, "height": 675, "alt": "A drawing."});
        let remote = serde_json::json!({"src": "https://cdn.example/x.jpg", "width": 1200, "height": 675, "alt": "A photograph."});
        let made = write_all(&[article(svg), article(remote)], &public, &out, None, |_| {}).expect("nothing to make");
        assert!(made.is_empty());
    }
}
