//! Putting the article together: each field from the first source that has it (JSON-LD, then
//! meta tags, then the page itself), every skipped or repaired value reported where it is. The
//! address, site, headline, publisher, language, byline, keywords and slug are chosen here; the
//! dates in `build/timestamps.rs`, the lead picture in `build/pictures.rs`, the body and its block
//! ids in `build/body.rs`. The single values they tidy (slugs, language tags, titles) are
//! `crate::normalise`'s.

use lede_core::validate::{is_language_tag, is_safe_href, is_valid_slug};
use lede_core::{Article, Direction, EntityHint, FORMAT_VERSION, Organization, Person};
use scraper::Selector;
use url::Url;

use crate::blocks::Draft;
use crate::diag::{Diags, Loc};
use crate::dom::Dom;
use crate::jsonld::{self, LdArticle};
use crate::meta::{self, Meta};
use crate::normalise::{is_rtl_language, language_tag, slug_from_url, slugify, split_names, split_title};
use crate::source::Source;
use crate::text::{plain, resolve, squash};

mod body;
mod pictures;
mod timestamps;

use body::number_blocks;
use pictures::same_picture;

/// Choices from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The slug to use instead of one made from the page's address or headline.
    pub slug: Option<String>,
    /// The page's own address, overriding its canonical URL: relative links are resolved
    /// against it, and the slug and id can come from it.
    pub url: Option<String>,
    /// Read the body from the page's HTML even when the JSON-LD has an `articleBody` (plain
    /// text), to keep links, headings and figures. `articleBody` still serves if the page has none.
    pub body_from_page: bool,
}

fn select(css: &str) -> Selector {
    Selector::parse(css).expect("a valid built-in selector")
}

pub(crate) fn build(source: &Source, options: &Options, diags: &mut Diags) -> Option<Article> {
    let dom = Dom::new(scraper::Html::parse_document(&source.text));
    let meta = Meta::read(&dom.doc);
    let ld = jsonld::read(source, diags).unwrap_or_default();
    let b = Builder { source, dom: &dom, meta: &meta, ld: &ld };

    let page_url = b.page_url(options, diags);
    let base = b.base_url(page_url.as_ref());
    let site = b.site_name();
    let headline = b.headline(site.as_deref(), diags);
    let publisher = b.publisher(site.clone(), page_url.as_ref(), base.as_ref(), diags);
    let language = b.language(diags);
    let date_published = b.date_published(diags);
    let date_modified = b.date_modified(date_published.as_deref(), diags);
    let lead_image = b.lead_image(base.as_ref(), diags);
    let mut body = b.body(base.as_ref(), headline.as_deref(), options.body_from_page, diags);
    if let (Some(lead), Some(body)) = (&lead_image, body.as_mut()) {
        // The lead picture often opens the body too; show it once.
        if let Some(i) = body.iter().position(|d| matches!(d, Draft::Image(img) if same_picture(&img.src, &lead.src))) {
            body.remove(i);
        }
    }
    let slug = b.slug(options, page_url.as_ref(), headline.as_deref(), diags);

    let (Some(headline), Some(publisher), Some(date_published), Some(body), Some(slug)) =
        (headline, publisher, date_published, body, slug)
    else {
        return None;
    };
    if body.is_empty() {
        return None;
    }
    let direction = match (meta.html_dir.as_deref(), is_rtl_language(&language)) {
        (Some("rtl"), _) | (None | Some("auto"), true) => Direction::Rtl,
        _ => Direction::Ltr,
    };
    let id = ld
        .identifier
        .as_ref()
        .map(|i| i.value.clone())
        .or_else(|| page_url.as_ref().map(Url::to_string))
        .unwrap_or_else(|| slug.clone());
    Some(Article {
        version: FORMAT_VERSION,
        id,
        slug,
        language,
        direction,
        breaking: None,
        section: ld.section.as_ref().map(|s| s.value.clone()).or_else(|| b.meta_text(meta::SECTION_KEYS)),
        headline,
        standfirst: b.standfirst(&body),
        dateline: ld.dateline.as_ref().map(|d| d.value.clone()),
        date_published,
        date_modified,
        authors: b.authors(base.as_ref(), diags),
        publisher,
        lead_image,
        body: number_blocks(body),
        keywords: b.keywords(),
        related: Vec::new(),
        entities: ld
            .entities
            .iter()
            .map(|e| EntityHint {
                name: e.name.clone(),
                kind: e.kind,
                same_as: e.same_as.clone().filter(|s| is_safe_href(s)),
            })
            .collect(),
    })
}

struct Builder<'a> {
    source: &'a Source,
    dom: &'a Dom,
    meta: &'a Meta,
    ld: &'a LdArticle,
}

impl Builder<'_> {
    /// Where a meta tag with this key is, for messages.
    fn meta_at(&self, key: &str) -> Loc {
        self.source.locate_tag("meta", key).into()
    }

    fn meta_text(&self, keys: &[&'static str]) -> Option<String> {
        self.meta.first(keys).map(|(_, v)| plain(v)).filter(|v| !v.is_empty())
    }

    /// The page's own address: `--url`, `<link rel=canonical>`, `og:url`, JSON-LD `url`.
    fn page_url(&self, options: &Options, diags: &mut Diags) -> Option<Url> {
        if let Some(url) = &options.url {
            match Url::parse(url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => return Some(u),
                _ => diags.error(Loc::Page, format!("--url `{url}` is not an http(s) address")),
            }
            return None;
        }
        let og = self.meta.first(meta::URL_KEYS);
        let og_url = og.and_then(|(_, v)| Url::parse(v).ok());
        let mut candidates: Vec<(String, Loc, &str)> = Vec::new();
        if let Some(c) = &self.meta.canonical {
            candidates.push((c.clone(), self.source.locate_tag("link", "canonical").into(), "<link rel=canonical>"));
        }
        if let Some((key, v)) = og {
            candidates.push((v.to_string(), self.meta_at(key), key));
        }
        if let Some(u) = &self.ld.url {
            candidates.push((u.value.clone(), u.at.into(), "JSON-LD \"url\""));
        }
        for (value, at, what) in candidates {
            // A relative canonical (`/news/x`) is read against og:url, as a browser would.
            let parsed = Url::parse(&value).or_else(|e| og_url.as_ref().map_or(Err(e), |o| o.join(&value)));
            match parsed {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => return Some(u),
                _ => diags.warn(at, format!("{what}: `{value}` is not an http(s) address; ignored")),
            }
        }
        None
    }

    /// What relative links are resolved against: `<base href>` (itself read against the page's
    /// address), else the page's address.
    fn base_url(&self, page: Option<&Url>) -> Option<Url> {
        let base = self.meta.base_href.as_deref().and_then(|b| match page {
            Some(p) => p.join(b).ok(),
            None => Url::parse(b).ok(),
        });
        base.filter(|u| matches!(u.scheme(), "http" | "https")).or_else(|| page.cloned())
    }

    /// The site's name: JSON-LD publisher, og:site_name and kin, the WebSite node, the part of
    /// `<title>` after the headline.
    fn site_name(&self) -> Option<String> {
        self.ld
            .publisher
            .as_ref()
            .map(|p| p.name.clone())
            .or_else(|| self.meta_text(meta::SITE_KEYS))
            .or_else(|| self.ld.site_name.as_ref().map(|s| s.value.clone()))
            .or_else(|| self.meta.title.as_deref().and_then(|t| split_title(t).1))
    }

    fn headline(&self, site: Option<&str>, diags: &mut Diags) -> Option<String> {
        if let Some(h) = &self.ld.headline {
            return Some(h.value.clone());
        }
        let strip_site = |t: String| match (split_title(&t), site) {
            ((head, Some(tail)), Some(site)) if tail.eq_ignore_ascii_case(site) => head,
            _ => t,
        };
        if let Some(h) = self.meta_text(meta::HEADLINE_KEYS) {
            return Some(strip_site(h));
        }
        let h1 = self.dom.doc.select(&select("h1")).find(|h| !self.dom.stat(h).skipped);
        if let Some(h) = h1.map(|h| squash(&h.text().collect::<String>())).filter(|h| !h.is_empty()) {
            return Some(h);
        }
        if let Some(t) = &self.meta.title {
            return Some(split_title(t).0);
        }
        diags.error(Loc::Page, "no headline: the page has no JSON-LD \"headline\", og:title, <h1> or <title>");
        None
    }

    fn publisher(
        &self,
        site: Option<String>,
        page: Option<&Url>,
        base: Option<&Url>,
        diags: &mut Diags,
    ) -> Option<Organization> {
        let url = match self.ld.publisher.as_ref().and_then(|p| p.url.as_ref().map(|u| (u, p.at))) {
            Some((u, at)) => resolve(u, base).or_else(|| {
                diags.warn(at, format!("JSON-LD: publisher url `{u}` is not an http(s) address; left out"));
                None
            }),
            None => None,
        }
        .or_else(|| page.map(|p| format!("{}/", p.origin().ascii_serialization())));
        let name = site.or_else(|| {
            let host = page?.host_str()?.trim_start_matches("www.").to_string();
            diags.warn(
                Loc::Page,
                format!("the page names no publisher (JSON-LD publisher, og:site_name); using its host, {host}"),
            );
            Some(host)
        });
        match name {
            Some(name) => Some(Organization { name, url }),
            None => {
                diags.error(
                    Loc::Page,
                    "no publisher: the page has no JSON-LD \"publisher\", og:site_name, site name in <title> or canonical URL",
                );
                None
            }
        }
    }

    fn language(&self, diags: &mut Diags) -> String {
        let mut candidates: Vec<(String, Loc, String)> = Vec::new();
        if let Some(l) = &self.ld.language {
            candidates.push((l.value.clone(), l.at.into(), "JSON-LD \"inLanguage\"".into()));
        }
        if let Some(l) = &self.meta.html_lang {
            candidates.push((l.clone(), self.source.locate_tag("html", "lang").into(), "<html lang>".into()));
        }
        if let Some((key, v)) = self.meta.first(meta::LANGUAGE_KEYS) {
            candidates.push((v.to_string(), self.meta_at(key), key.to_string()));
        }
        for (value, at, what) in candidates {
            let tag = language_tag(&value);
            if is_language_tag(&tag) {
                return tag;
            }
            diags.warn(at, format!("{what}: `{value}` is not a language tag like `en` or `pt-BR`; ignored"));
        }
        diags.warn(
            Loc::Page,
            "the page does not say its language (<html lang>, JSON-LD inLanguage, og:locale); `en` assumed",
        );
        "en".to_string()
    }

    /// The description, unless it only repeats the start of the first paragraph (many pages
    /// fill it that way), which the reader would then show twice.
    fn standfirst(&self, body: &[Draft]) -> Option<String> {
        let description =
            self.ld.description.as_ref().map(|d| d.value.clone()).or_else(|| self.meta_text(meta::DESCRIPTION_KEYS))?;
        let first = body.iter().find_map(|d| match d {
            Draft::Paragraph(runs) => Some(lede_core::plain_text(runs)),
            _ => None,
        });
        let stem = description.trim_end_matches(['…', '.', ' ']);
        match first {
            Some(first) if !stem.is_empty() && first.starts_with(stem) => None,
            _ => Some(description),
        }
    }

    fn authors(&self, base: Option<&Url>, diags: &mut Diags) -> Vec<Person> {
        let mut people: Vec<(String, Option<String>, Loc)> =
            self.ld.authors.iter().map(|p| (p.name.clone(), p.url.clone(), Loc::Offset(p.at))).collect();
        if people.is_empty() {
            for key in meta::AUTHOR_KEYS {
                let names: Vec<&str> = self.meta.all(key).filter(|v| !v.contains("://")).collect();
                if !names.is_empty() {
                    people = names.iter().flat_map(|n| split_names(n)).map(|n| (n, None, self.meta_at(key))).collect();
                    break;
                }
            }
        }
        if people.is_empty() {
            // A byline in the page: `<a rel=author>`, `[itemprop=author]`, `.byline`.
            let byline = select("a[rel~=author], [itemprop~=author], .byline, .author");
            if let Some(el) = self.dom.doc.select(&byline).next() {
                let name_el = el.select(&select("[itemprop~=name]")).next().unwrap_or(el);
                let text = squash(&name_el.text().collect::<String>());
                let url = if el.value().name() == "a" { el.attr("href").map(str::to_string) } else { None };
                for name in split_names(&text) {
                    people.push((name, url.clone(), Loc::Page));
                }
            }
        }
        let mut out: Vec<Person> = Vec::new();
        for (name, url, at) in people {
            if name.chars().count() > 100 || out.iter().any(|p| p.name == name) {
                continue;
            }
            let url = url.and_then(|u| {
                let resolved = resolve(&u, base);
                if resolved.is_none() {
                    diags.warn(at.clone(), format!("author {name}: url `{u}` is not an http(s) address; left out"));
                }
                resolved
            });
            out.push(Person { name, url });
        }
        out
    }

    fn keywords(&self) -> Vec<String> {
        let mut out: Vec<String> = self.ld.keywords.clone();
        if out.is_empty() {
            out = self.meta.all("article:tag").map(plain).collect();
        }
        if out.is_empty()
            && let Some(k) = self.meta_text(&["news_keywords", "keywords"])
        {
            out = k.split([',', ';']).map(squash).collect();
        }
        let mut seen: Vec<String> = Vec::new();
        out.retain(|k| {
            let lower = k.to_lowercase();
            let keep = !k.is_empty() && !seen.contains(&lower);
            seen.push(lower);
            keep
        });
        out
    }

    fn slug(&self, options: &Options, page: Option<&Url>, headline: Option<&str>, diags: &mut Diags) -> Option<String> {
        if let Some(s) = &options.slug {
            if is_valid_slug(s) {
                return Some(s.clone());
            }
            diags.error(
                Loc::Page,
                format!("--slug `{s}` must be lower-case letters, digits and single hyphens (at most 120)"),
            );
            return None;
        }
        if let Some(s) = page.and_then(slug_from_url) {
            return Some(s);
        }
        if let Some(s) = headline.map(slugify).filter(|s| is_valid_slug(s)) {
            return Some(s);
        }
        if headline.is_some() {
            diags.error(Loc::Page, "no slug: the page's address and headline give no Latin letters or digits to make one from; pass --slug");
        }
        None
    }
}
