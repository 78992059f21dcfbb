//! Checks that go beyond the JSON shape: ids, slugs, links, dates, sizes.
//! Every check reports the path of what it rejects, and all checks run, so an editor sees
//! every problem at once.

use std::collections::HashSet;

use crate::article::{Article, Block, FORMAT_VERSION, Image, Run};
use crate::problems::{Collector, Problems};
use crate::time::Timestamp;

/// The most blocks a body may have: ten times a very long read, far fewer than would stall the
/// recogniser or the page.
pub const MAX_BODY_BLOCKS: usize = 10_000;

/// A slug is lower-case ASCII words joined by single hyphens: safe in a path and a file name.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 120
        && slug.split('-').all(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// Links may go to `http(s)` URLs or to paths and fragments on this site; nothing else
/// (`javascript:`, `data:`, protocol-relative `//host`) may become a link.
///
/// A site path must resolve to this site under the URL standard, whatever the browser's parser
/// does with it. The parser drops tabs and newlines anywhere, trims control characters and
/// spaces, and reads `\` as `/` in `http(s)` URLs, so `/\evil.example` and `/\t/evil.example`
/// mean `//evil.example`: another host. Such characters are refused outright, and a path may not
/// begin with two slashes. An absolute URL must name its scheme and host plainly
/// (`https://host/...`): `https:host` and `http:\\host` are refused.
pub fn is_safe_href(href: &str) -> bool {
    if href.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) {
        // A host must follow: `https:///path` would be read as `https://path`. It holds no percent
        // escape: the parser decodes one before it checks the host (`%2F` is a slash).
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        return rest.chars().next().is_some_and(|c| !matches!(c, '/' | '?' | '#' | '@' | ':'))
            && !authority.contains('%');
    }
    (lower.starts_with('/') && !lower.starts_with("//")) || lower.starts_with('#')
}

/// Images come from this site (a path) or an `http(s)` URL (a fragment is no image).
fn is_safe_image_src(src: &str) -> bool {
    is_safe_href(src) && !src.starts_with('#')
}

/// Block ids become HTML ids and URL fragments.
fn is_valid_block_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// BCP 47 language tags in the shape browsers' `Intl` accepts: language, then optional script,
/// region and variants (`en`, `pt-BR`, `zh-Hant-TW`, `hy`). Extensions are not allowed.
pub fn is_language_tag(tag: &str) -> bool {
    let alpha = |s: &str| s.bytes().all(|c| c.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    let alnum = |s: &str| s.bytes().all(|c| c.is_ascii_alphanumeric());
    let mut parts = tag.split('-').peekable();
    let primary = parts.next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !alpha(primary) {
        return false;
    }
    if parts.peek().is_some_and(|p| p.len() == 4 && alpha(p)) {
        parts.next();
    }
    if parts.peek().is_some_and(|p| (p.len() == 2 && alpha(p)) || (p.len() == 3 && digit(p))) {
        parts.next();
    }
    parts.all(|p| {
        ((5..=8).contains(&p.len()) && alnum(p)) || (p.len() == 4 && p.as_bytes()[0].is_ascii_digit() && alnum(p))
    })
}

pub fn article(a: &Article) -> Result<(), Problems> {
    let mut c = Collector::default();
    if a.version == 0 || a.version > FORMAT_VERSION {
        c.push(
            "version",
            format!("version {} is not supported (this reader understands 1 to {FORMAT_VERSION})", a.version),
        );
    }
    if a.id.trim().is_empty() {
        c.push("id", "must not be empty");
    }
    if !is_valid_slug(&a.slug) {
        c.push("slug", format!("`{}` must be lower-case letters, digits and single hyphens (at most 120)", a.slug));
    }
    if !is_language_tag(&a.language) {
        c.push("language", format!("`{}` is not a language tag like `en` or `pt-BR`", a.language));
    }
    if a.headline.trim().is_empty() {
        c.push("headline", "must not be empty");
    }
    let published = check_time(&mut c, "datePublished", &a.date_published);
    if let Some(modified) = &a.date_modified {
        let modified = check_time(&mut c, "dateModified", modified);
        if let (Some(p), Some(m)) = (&published, &modified)
            && m.unix_ms() < p.unix_ms()
        {
            c.push("dateModified", "is earlier than datePublished");
        }
    }
    if let Some(b) = &a.breaking {
        check_time(&mut c, "breaking.until", &b.until);
    }
    for (i, author) in a.authors.iter().enumerate() {
        if author.name.trim().is_empty() {
            c.push(&format!("authors[{i}].name"), "must not be empty");
        }
        check_optional_href(&mut c, &format!("authors[{i}].url"), author.url.as_deref());
    }
    if a.publisher.name.trim().is_empty() {
        c.push("publisher.name", "must not be empty");
    }
    check_optional_href(&mut c, "publisher.url", a.publisher.url.as_deref());
    if let Some(image) = &a.lead_image {
        check_image(&mut c, "leadImage", image);
    }
    if a.body.is_empty() {
        c.push("body", "must hold at least one block");
    }
    if a.body.len() > MAX_BODY_BLOCKS {
        c.push("body", format!("has {} blocks; at most {MAX_BODY_BLOCKS} are allowed", a.body.len()));
    }
    let mut ids = HashSet::new();
    for (i, block) in a.body.iter().enumerate() {
        let path = format!("body[{i}]");
        if !is_valid_block_id(block.id()) {
            c.push(&format!("{path}.id"), format!("`{}` must be 1-64 letters, digits, `-` or `_`", block.id()));
        } else if !ids.insert(block.id()) {
            c.push(&format!("{path}.id"), format!("`{}` is used by an earlier block", block.id()));
        }
        if let Some(lang) = block.language().and_then(|l| l.lang.as_deref())
            && !is_language_tag(lang)
        {
            c.push(&format!("{path}.lang"), format!("`{lang}` is not a language tag like `en` or `pt-BR`"));
        }
        match block {
            Block::Paragraph { content, .. } | Block::Quote { content, .. } => check_runs(&mut c, &path, content),
            Block::Heading { level, content, .. } => {
                if !(2..=3).contains(level) {
                    c.push(&format!("{path}.level"), format!("{level} must be 2 or 3 (the headline is level 1)"));
                }
                check_runs(&mut c, &path, content);
            }
            Block::Image { image, .. } => check_image(&mut c, &format!("{path}.image"), image),
        }
    }
    for (i, related) in a.related.iter().enumerate() {
        let path = format!("related[{i}]");
        if related.label.trim().is_empty() {
            c.push(&format!("{path}.label"), "must not be empty");
        }
        if related.items.is_empty() {
            c.push(&format!("{path}.items"), "must hold at least one link");
        }
        if let Some(anchor) = &related.after_block
            && !a.body.iter().any(|b| b.id() == anchor)
        {
            c.push(&format!("{path}.afterBlock"), format!("no body block has the id `{anchor}`"));
        }
        for (j, item) in related.items.iter().enumerate() {
            if item.title.trim().is_empty() {
                c.push(&format!("{path}.items[{j}].title"), "must not be empty");
            }
            if !is_safe_href(&item.href) {
                c.push(
                    &format!("{path}.items[{j}].href"),
                    format!("`{}` is not an http(s) URL or a site path", item.href),
                );
            }
        }
    }
    for (i, hint) in a.entities.iter().enumerate() {
        if hint.name.trim().is_empty() {
            c.push(&format!("entities[{i}].name"), "must not be empty");
        }
        if !hint.kind.is_named() {
            c.push(&format!("entities[{i}].type"), format!("`{}` must be PER, LOC, ORG or MISC", hint.kind.label()));
        }
        check_optional_href(&mut c, &format!("entities[{i}].sameAs"), hint.same_as.as_deref());
    }
    for (i, k) in a.keywords.iter().enumerate() {
        if k.trim().is_empty() {
            c.push(&format!("keywords[{i}]"), "must not be empty");
        }
    }
    c.finish()
}

fn check_time(c: &mut Collector, path: &str, text: &str) -> Option<Timestamp> {
    Timestamp::parse(text).map_err(|e| c.push(path, e)).ok()
}

fn check_optional_href(c: &mut Collector, path: &str, href: Option<&str>) {
    if let Some(href) = href
        && !is_safe_href(href)
    {
        c.push(path, format!("`{href}` is not an http(s) URL or a site path"));
    }
}

fn check_runs(c: &mut Collector, path: &str, runs: &[Run]) {
    if runs.iter().all(|r| r.text.trim().is_empty()) {
        c.push(&format!("{path}.content"), "must hold some text");
    }
    for (j, run) in runs.iter().enumerate() {
        check_optional_href(c, &format!("{path}.content[{j}].href"), run.href.as_deref());
    }
}

fn check_image(c: &mut Collector, path: &str, image: &Image) {
    if !is_safe_image_src(&image.src) {
        c.push(&format!("{path}.src"), format!("`{}` is not an http(s) URL or a site path", image.src));
    }
    if image.width == 0 || image.height == 0 {
        c.push(path, "width and height must be positive (they reserve the image's space)");
    }
    if image.alt.trim().is_empty() {
        c.push(&format!("{path}.alt"), "must describe the image");
    }
    if let Some(focal) = image.focal_point {
        for (axis, value, side) in [("x", focal.x, "width"), ("y", focal.y, "height")] {
            if !(0.0..=1.0).contains(&value) {
                c.push(
                    &format!("{path}.focalPoint.{axis}"),
                    match crate::numbers::short(value, 6) {
                        Some(value) => format!("{value} is not between 0 and 1 (a fraction of the image's {side})"),
                        None => format!("is not between 0 and 1 (a fraction of the image's {side})"),
                    },
                );
            }
        }
    }
    if let Some(source) = &image.source
        && (!is_safe_href(source) || source.starts_with(['/', '#']))
    {
        c.push(&format!("{path}.source"), format!("`{source}` is not an http(s) URL"));
    }
    for (k, size) in image.sizes.iter().enumerate() {
        if !is_safe_image_src(&size.src) {
            c.push(&format!("{path}.sizes[{k}].src"), format!("`{}` is not an http(s) URL or a site path", size.src));
        }
        if size.width == 0 {
            c.push(&format!("{path}.sizes[{k}].width"), "must be positive");
        }
    }
}
