//! Pictures come home with the story: every image an imported article names on a publisher's
//! site is downloaded with the polite fetcher (the feeds' timeouts, size cap, robots.txt and
//! per-host delay), checked (its Content-Type, its first bytes, and a full decode), stored under the
//! site's `images/` folder by a name made from its content, and the article is rewritten to point
//! there (`/images/<sha256>.<ext>`), with the publisher's address kept as the image's `source`.
//!
//! The reader's Content-Security-Policy allows pictures from the site itself only, and Lede makes
//! no third-party request: a hot-linked picture would be blocked, leak the reader to the
//! publisher, be missing offline, and vanish when the publisher moves it.
//!
//! Only JPEG, PNG and WebP are taken (what browsers and the share cards decode alike). SVG is
//! refused, not sanitised: it is a document that can carry scripts and links, and a picture the
//! publisher drew as SVG is rare in news. A picture that cannot be fetched or does not check out
//! is left out of the story, which is still imported, and named in the report with the reason.

use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use lede_core::{Article, Block, Image};
use sha2::{Digest, Sha256};

use crate::fetch::{Fetched, Fetcher};

/// Where imported pictures are served from: the site's `images/` folder.
pub const IMAGES_PATH: &str = "/images/";

/// A decoded picture larger than this on either side is refused (a decompression bomb costs
/// memory as width × height, whatever its file size).
pub const MAX_SIDE: u32 = 12_000;

/// What happens to the publisher's pictures.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageMode {
    /// Download them into this folder (the site's `public/images`) and point the story there.
    Download(PathBuf),
    /// Keep the publisher's addresses as they are (`lede-site check` refuses them unless the
    /// site allows that host with `--image-host`).
    Keep,
}

/// The image folder beside an articles folder: `public/articles` → `public/images`.
pub fn images_dir_for(articles: &Path) -> PathBuf {
    let folder = if articles.as_os_str().is_empty() { Path::new(".") } else { articles };
    let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    // `absolute` keeps `..` and `.`: normalise the last component away so `parent` is the folder's.
    let mut parts: Vec<_> = absolute.components().collect();
    while parts.len() > 1 && matches!(parts.last(), Some(std::path::Component::CurDir)) {
        parts.pop();
    }
    let absolute: PathBuf = parts.iter().collect();
    absolute.parent().unwrap_or(&absolute).join("images")
}

/// What became of one picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Where it is in the article as imported: `leadImage`, `body[3].image`.
    pub field: String,
    /// The publisher's address.
    pub source: String,
    pub fate: Fate,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fate {
    /// Stored as `/images/<name>`; `new_file` when this import wrote the file.
    Saved { src: String, new_file: bool, reused: bool },
    /// Left out of the story, and why.
    LeftOut { reason: String },
}

impl fmt::Display for Picture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fate {
            Fate::Saved { src, .. } => write!(f, "picture {} {} saved as {src}", self.field, self.source),
            Fate::LeftOut { reason } => {
                write!(f, "picture {} {} left out: {reason}; the story is imported without it", self.field, self.source)
            }
        }
    }
}

/// The pictures already on the site, by their publisher's address: those of the earlier version
/// of a story, and those brought home earlier in the same run. One found here is reused without a
/// request while its file is still there.
#[derive(Debug, Default, Clone)]
pub struct Known(HashMap<String, (String, u32, u32)>);

impl Known {
    /// Remembers every picture of `article` that came from somewhere (`source`) and is on the site.
    pub fn remember(&mut self, article: &Article) {
        for (_, image) in article.images() {
            if let Some(source) = &image.source
                && image.src.starts_with(IMAGES_PATH)
            {
                self.0.insert(source.clone(), (image.src.clone(), image.width, image.height));
            }
        }
    }

    fn get(&self, source: &str, dir: &Path) -> Option<&(String, u32, u32)> {
        self.0.get(source).filter(|(src, ..)| {
            src.strip_prefix(IMAGES_PATH).is_some_and(|name| is_stored_name(name) && dir.join(name).is_file())
        })
    }
}

/// Every picture of `article` brought home into `dir`; the article is rewritten in place (saved
/// pictures point to `/images/…`, failed ones are removed). Pictures in `known` are reused; the
/// ones saved now are added to it.
pub fn bring_home(article: &mut Article, fetcher: &mut Fetcher, dir: &Path, known: &mut Known) -> Vec<Picture> {
    let mut pictures = Vec::new();
    if let Some(image) = article.lead_image.as_mut() {
        let picture = home(image, "leadImage".into(), fetcher, dir, known);
        if matches!(picture.as_ref().map(|p| &p.fate), Some(Fate::LeftOut { .. })) {
            article.lead_image = None;
        }
        pictures.extend(picture);
    }
    let mut keep = Vec::with_capacity(article.body.len());
    for (i, block) in article.body.iter_mut().enumerate() {
        let mut left_out = false;
        if let Block::Image { image, .. } = block
            && let Some(picture) = home(image, format!("body[{i}].image"), fetcher, dir, known)
        {
            left_out = matches!(picture.fate, Fate::LeftOut { .. });
            pictures.push(picture);
        }
        keep.push(!left_out);
    }
    let mut keep = keep.into_iter();
    article.body.retain(|_| keep.next().unwrap_or(true));
    known.remember(article);
    pictures
}

/// One picture; `None` when it already lives on the site (a path) and there is nothing to do.
fn home(image: &mut Image, field: String, fetcher: &mut Fetcher, dir: &Path, known: &mut Known) -> Option<Picture> {
    let source = image.src.clone();
    if !(source.starts_with("http://") || source.starts_with("https://")) {
        return None;
    }
    let picture = |fate| Some(Picture { field: field.clone(), source: source.clone(), fate });
    if let Some((src, width, height)) = known.get(&source, dir).cloned() {
        point_home(image, &src, width, height, &source);
        return picture(Fate::Saved { src, new_file: false, reused: true });
    }
    let response = match fetcher.get(&source, None) {
        Ok(Fetched::Fresh(r)) => r,
        Ok(Fetched::NotModified) => {
            return picture(Fate::LeftOut { reason: "HTTP 304 to an unconditional request".into() });
        }
        Err(e) => {
            // The fetcher names the address that failed; after a redirect it may be another one.
            let reason = if e.url == source { e.reason } else { e.to_string() };
            return picture(Fate::LeftOut { reason });
        }
    };
    let checked = match check(&response.bytes, response.media_type.as_deref()) {
        Ok(c) => c,
        Err(reason) => return picture(Fate::LeftOut { reason }),
    };
    let name = stored_name(&response.bytes, checked.format);
    let path = dir.join(&name);
    let new_file = !path.is_file();
    if new_file {
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| crate::write_atomically(&path, &response.bytes))
            .map_err(|e| format!("cannot write {}: {e}", path.display()));
        if let Err(reason) = written {
            return picture(Fate::LeftOut { reason });
        }
    }
    let src = format!("{IMAGES_PATH}{name}");
    // The decoded size is the truth; the page's width and height attributes are only a claim.
    point_home(image, &src, checked.width, checked.height, &source);
    // A picture named twice (the lead image again as a figure) is fetched once.
    known.0.insert(source.clone(), (src.clone(), checked.width, checked.height));
    picture(Fate::Saved { src, new_file, reused: false })
}

/// Points `image` at its copy on the site, keeping the publisher's address as its `source`. The
/// publisher's other renditions are not brought home (one picture per image; Lede has no build
/// step that makes renditions yet).
fn point_home(image: &mut Image, src: &str, width: u32, height: u32, source: &str) {
    image.src = src.to_string();
    (image.width, image.height) = (width, height);
    image.sizes.clear();
    image.source = Some(source.to_string());
}

/// The formats taken: what browsers and the share cards (lede-site, `image`) decode alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
        }
    }

    fn of_media_type(t: &str) -> Option<Format> {
        match t {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(Format::Jpeg),
            "image/png" => Some(Format::Png),
            "image/webp" => Some(Format::WebP),
            _ => None,
        }
    }

    fn of_bytes(b: &[u8]) -> Option<Format> {
        if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
            Some(Format::WebP)
        } else {
            None
        }
    }

    fn codec(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::WebP => image::ImageFormat::WebP,
        }
    }
}

/// A picture that checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// Checks a downloaded picture: the type it was served as, its first bytes, and a full decode,
/// which must all agree. The reason names what was wrong.
pub fn check(bytes: &[u8], media_type: Option<&str>) -> Result<Checked, String> {
    let Some(media_type) = media_type else {
        return Err("served without a Content-Type (a JPEG, PNG or WebP picture is expected)".into());
    };
    if media_type == "image/svg+xml" {
        return Err("an SVG (image/svg+xml): SVG is refused, since it can carry scripts; only JPEG, PNG and WebP \
                    pictures are imported"
            .into());
    }
    let Some(declared) = Format::of_media_type(media_type) else {
        return Err(format!("served as {media_type}, not as a JPEG, PNG or WebP picture"));
    };
    let Some(found) = Format::of_bytes(bytes) else {
        return Err(format!("served as {media_type}, but its bytes are not a picture ({})", describe_start(bytes)));
    };
    if found != declared {
        return Err(format!("served as {media_type}, but its bytes are a {}", found.name()));
    }
    // JPEG decoders fill in what is missing from a cut-off file (browsers show it half grey): the
    // end-of-image marker is looked for instead. Entropy-coded data never holds FF D9 (an FF there
    // is followed by 00), so only a marker can.
    if found == Format::Jpeg && !bytes[bytes.len().saturating_sub(JPEG_TAIL)..].windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err("a JPEG without its end-of-image marker: cut off, or something appended after it".into());
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), found.codec());
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => format!("a {} larger than {MAX_SIDE} pixels on a side", found.name()),
        e => format!("does not decode as a {}: {e}", found.name()),
    })?;
    if decoded.width() == 0 || decoded.height() == 0 {
        return Err(format!("a {} of no pixels", found.name()));
    }
    Ok(Checked { format: found, width: decoded.width(), height: decoded.height() })
}

/// How far from its end a JPEG's end-of-image marker may be (some files carry a little padding).
const JPEG_TAIL: usize = 4096;

/// What the first bytes look like, for a message.
fn describe_start(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
    let lead = text.trim_start_matches('\u{feff}').trim_start();
    let lower = lead.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        "they begin like an HTML page".into()
    } else if lower.starts_with("<?xml") || lower.starts_with("<svg") {
        "they begin like an XML or SVG document".into()
    } else if bytes.is_empty() {
        "the answer is empty".into()
    } else {
        let hex: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("they begin {}", hex.join(" "))
    }
}

/// `<first 32 hex digits of the SHA-256 of the bytes>.<ext>`: the same picture always gets the
/// same name, and a changed picture a new one (so it can be cached for ever).
pub fn stored_name(bytes: &[u8], format: Format) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{}", format.extension())
}

fn is_stored_name(name: &str) -> bool {
    let Some((hex, ext)) = name.split_once('.') else { return false };
    hex.len() == 32 && hex.bytes().all(|c| c.is_ascii_hexdigit()) && matches!(ext, "jpg" | "png" | "webp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_images_folder_is_beside_the_articles_folder() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(images_dir_for(Path::new("public/articles")), here.join("public/images"));
        assert_eq!(images_dir_for(Path::new("public/articles/.")), here.join("public/images"));
        assert_eq!(images_dir_for(Path::new("/srv/site/articles")), PathBuf::from("/srv/site/images"));
    }

    #[test]
    fn stored_names_are_content_addressed() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2).
        assert_eq!(stored_name(b"abc", Format::Png), "ba7816bf8f01cfea414140de5dae2223.png");
        assert!(is_stored_name("ba7816bf8f01cfea414140de5dae2223.png"));
        assert!(!is_stored_name("../ba7816bf8f01cfea414140de5dae2223.png"));
        assert!(!is_stored_name("barda-placeholder.svg"));
    }
}
