//! Where a story's pictures may come from, and the CSP that says the same.
//!
//! The reader's Content-Security-Policy (deploy/security-headers.conf) allows pictures from the site
//! itself (`img-src 'self'`), so `lede-site check` refuses an image address on another site, naming the
//! field: the browser would block it, and the story would show a broken picture. A deployer who serves
//! pictures from a picture host lists it with `--image-host https://images.example` (repeatable, or
//! `LEDE_IMAGE_HOSTS`, comma-separated); `lede-site headers` writes the CSP's `img-src` from that same
//! list, and `check` fails when the headers file says anything else. One list, so the two cannot
//! disagree.

use std::path::Path;

use lede_core::Article;
use url::Url;

/// The headers file nginx includes (deploy/nginx.conf), relative to the project's folder.
pub const HEADERS_FILE: &str = "deploy/security-headers.conf";

/// An `--image-host`: an http(s) origin, as CSP writes it (`https://images.example`,
/// `https://cdn.example:8443`). Plain http is taken only for this machine (tests, a local preview):
/// an https page may not show http pictures.
pub fn parse_origin(value: &str) -> Result<String, String> {
    let url = Url::parse(value).map_err(|e| format!("`{value}` is not an origin like https://images.example ({e})"))?;
    let host = url.host_str().unwrap_or_default();
    let local = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
    match url.scheme() {
        "https" => {}
        "http" if local => {}
        "http" => return Err(format!("`{value}`: pictures for an https site must come over https")),
        other => return Err(format!("`{value}`: an image host is an http(s) origin, not {other}:")),
    }
    if host.is_empty() || host.contains('*') {
        return Err(format!("`{value}`: name one host (no wildcards)"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("`{value}`: an origin has no user name or password"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() || value.ends_with("/#") {
        return Err(format!("`{value}`: an origin has no path, query or fragment (CSP allows the whole host)"));
    }
    Ok(url.origin().ascii_serialization())
}

/// The sorted, de-duplicated list of allowed picture origins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageHosts(Vec<String>);

impl ImageHosts {
    pub fn new(mut origins: Vec<String>) -> ImageHosts {
        origins.sort();
        origins.dedup();
        ImageHosts(origins)
    }

    /// The CSP directive for this list: `img-src 'self' https://images.example`.
    pub fn img_src(&self) -> String {
        let mut directive = String::from("img-src 'self'");
        for origin in &self.0 {
            directive.push(' ');
            directive += origin;
        }
        directive
    }

    /// Whether a picture at `src` shows under that directive.
    fn allows(&self, src: &str) -> bool {
        if src.starts_with('/') && !src.starts_with("//") {
            return true;
        }
        Url::parse(src).is_ok_and(|u| self.0.contains(&u.origin().ascii_serialization()))
    }

    fn advice(&self) -> String {
        let allowed = if self.0.is_empty() {
            "only this site's own paths (`/images/…`)".to_string()
        } else {
            format!("this site's own paths and {}", self.0.join(", "))
        };
        format!(
            "the CSP ({}) allows {allowed}: bring the picture home with lede-import, or allow its host with \
             --image-host",
            self.img_src()
        )
    }

    /// Every picture address of the story that the CSP would block, with its field.
    pub fn problems(&self, a: &Article) -> Vec<String> {
        let mut out = Vec::new();
        for (at, image) in a.images() {
            let mut one = |field: String, src: &str| {
                if !self.allows(src) {
                    out.push(format!("{field}: `{src}` is on another site; {}", self.advice()));
                }
            };
            one(format!("{at}.src"), &image.src);
            for (k, size) in image.sizes.iter().enumerate() {
                one(format!("{at}.sizes[{k}].src"), &size.src);
            }
        }
        out
    }
}

/// Where the CSP's `img-src` is in a headers file: the byte range of the directive.
fn img_src_range(conf: &str) -> Result<std::ops::Range<usize>, String> {
    let lines: Vec<(usize, &str)> = conf
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .filter(|(_, l)| l.trim_start().starts_with("add_header Content-Security-Policy "))
        .collect();
    let [(start, line)] = lines[..] else {
        return Err(format!("{} `add_header Content-Security-Policy` lines, where one is expected", lines.len()));
    };
    let open = line.find('"').ok_or("the Content-Security-Policy value is not in double quotes")?;
    let close = line[open + 1..].find('"').map(|c| open + 1 + c).ok_or("the CSP's closing quote is missing")?;
    let policy = &line[open + 1..close];
    let mut at = open + 1;
    let mut found = None;
    for directive in policy.split(';') {
        let trimmed = directive.trim_start();
        let lead = directive.len() - trimmed.len();
        if trimmed.split_whitespace().next() == Some("img-src") {
            if found.is_some() {
                return Err("the CSP has two img-src directives".into());
            }
            found = Some(start + at + lead..start + at + lead + trimmed.trim_end().len());
        }
        at += directive.len() + 1;
    }
    found.ok_or_else(|| "the CSP has no img-src directive".to_string())
}

/// The headers file with its CSP's `img-src` written from `hosts`; everything else kept.
pub fn with_img_src(conf: &str, hosts: &ImageHosts) -> Result<String, String> {
    let range = img_src_range(conf)?;
    Ok(format!("{}{}{}", &conf[..range.start], hosts.img_src(), &conf[range.end..]))
}

/// Checks that the headers file's `img-src` is the one `hosts` makes.
pub fn check_headers(path: &Path, hosts: &ImageHosts) -> Result<(), String> {
    let conf = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let range = img_src_range(&conf).map_err(|e| format!("{}: {e}", path.display()))?;
    let found = conf[range].split_whitespace().collect::<Vec<_>>().join(" ");
    if found == hosts.img_src() {
        return Ok(());
    }
    Err(format!(
        "{}: the CSP says `{found}`, but the image hosts allowed make `{}`: run `lede-site headers` with the same \
         --image-host list (or LEDE_IMAGE_HOSTS), so the pictures the check lets through are the ones the browser shows",
        path.display(),
        hosts.img_src()
    ))
}

/// `lede-site headers`: writes the CSP's `img-src` into the headers file from the list (or, with
/// `check`, only says whether it is already so). Returns the directive.
pub fn write_headers(path: &Path, hosts: &ImageHosts, check: bool) -> Result<String, String> {
    if check {
        check_headers(path, hosts)?;
        return Ok(hosts.img_src());
    }
    let conf = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let updated = with_img_src(&conf, hosts).map_err(|e| format!("{}: {e}", path.display()))?;
    if updated != conf {
        std::fs::write(path, updated).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(hosts.img_src())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_as_csp_writes_them() {
        let table: &[(&str, Result<&str, &str>)] = &[
            ("https://images.example", Ok("https://images.example")),
            ("https://Images.Example/", Ok("https://images.example")),
            ("https://images.example:443", Ok("https://images.example")),
            ("https://cdn.example:8443", Ok("https://cdn.example:8443")),
            ("http://127.0.0.1:9000", Ok("http://127.0.0.1:9000")),
            ("http://images.example", Err("must come over https")),
            ("https://images.example/pictures/", Err("no path")),
            ("https://*.example", Err("no wildcards")),
            ("images.example", Err("not an origin")),
            ("data:", Err("not data:")),
            ("https://u:p@images.example", Err("no user name")),
        ];
        for (value, expected) in table {
            match (parse_origin(value), expected) {
                (Ok(got), Ok(want)) => assert_eq!(&got, want, "{value}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{value}: `{got}` should say `{want}`"),
                (got, want) => panic!("{value}: got {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn the_img_src_directive_is_rewritten_and_nothing_else() {
        let conf = "# a comment with img-src in it\nadd_header Content-Security-Policy \"default-src 'self'; img-src 'self'; font-src 'self'\" always;\nadd_header X-Frame-Options \"DENY\" always;\n";
        let hosts =
            ImageHosts::new(vec!["https://b.example".into(), "https://a.example".into(), "https://b.example".into()]);
        assert_eq!(
            with_img_src(conf, &hosts).unwrap(),
            "# a comment with img-src in it\nadd_header Content-Security-Policy \"default-src 'self'; img-src 'self' https://a.example https://b.example; font-src 'self'\" always;\nadd_header X-Frame-Options \"DENY\" always;\n"
        );
        assert_eq!(with_img_src(conf, &ImageHosts::default()).unwrap(), conf, "no hosts: 'self' alone, as it was");
        assert!(with_img_src("add_header X \"y\";\n", &hosts).unwrap_err().contains("0 `add_header"));
        let two = "add_header Content-Security-Policy \"img-src 'self'; img-src *\";\n";
        assert!(with_img_src(two, &hosts).unwrap_err().contains("two img-src"));
    }
}
