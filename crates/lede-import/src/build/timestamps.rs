//! The builder's dates: publication (JSON-LD, meta tags, `<time datetime>`) and modification,
//! each the first candidate that reads, normalised by `crate::dates`.

use crate::dates;
use crate::diag::{Diags, Loc, Severity};
use crate::meta;

use super::{Builder, select};

impl Builder<'_> {
    /// The first date that reads, from JSON-LD, meta tags, then `<time datetime>`. When none
    /// does, the ones that did not read are the errors that explain why.
    pub(super) fn date_published(&self, diags: &mut Diags) -> Option<String> {
        let mut tried = Diags::default();
        let mut candidates: Vec<(String, Loc, String)> = Vec::new();
        if let Some(d) = &self.ld.date_published {
            candidates.push((d.value.clone(), d.at.into(), "JSON-LD: \"datePublished\"".into()));
        }
        if let Some((key, v)) = self.meta.first(meta::PUBLISHED_KEYS) {
            candidates.push((v.to_string(), self.meta_at(key), format!("<meta {key}>")));
        }
        let times = select("[itemprop~=datePublished], time[datetime]");
        for t in self.dom.doc.select(&times).filter(|t| t.value().name() != "meta").take(1) {
            if let Some(v) = t.attr("datetime").or_else(|| t.attr("content")) {
                let at = self.source.locate_tag(t.value().name(), v.trim());
                candidates.push((v.to_string(), at.into(), format!("<{} datetime>", t.value().name())));
            }
        }
        for (value, at, what) in candidates {
            match dates::normalise(&value) {
                Ok(fixed) => {
                    diags.absorb(tried, Severity::Warning);
                    if let Some(note) = fixed.note {
                        diags.warn(at, format!("{what}: `{}` {note}", value.trim()));
                    }
                    return Some(fixed.value);
                }
                Err(e) => tried.warn(at, format!("{what} {e}")),
            }
        }
        diags.absorb(tried, Severity::Error);
        diags.error(
            Loc::Page,
            "no publication date that reads: looked in JSON-LD \"datePublished\", <meta article:published_time> and <time datetime>",
        );
        None
    }

    pub(super) fn date_modified(&self, published: Option<&str>, diags: &mut Diags) -> Option<String> {
        let mut candidates: Vec<(String, Loc, String)> = Vec::new();
        if let Some(d) = &self.ld.date_modified {
            candidates.push((d.value.clone(), d.at.into(), "JSON-LD: \"dateModified\"".into()));
        }
        if let Some((key, v)) = self.meta.first(meta::MODIFIED_KEYS) {
            candidates.push((v.to_string(), self.meta_at(key), format!("<meta {key}>")));
        }
        let published = published.and_then(|p| lede_core::time::Timestamp::parse(p).ok());
        for (value, at, what) in candidates {
            match dates::normalise(&value) {
                Ok(fixed) => {
                    let modified = lede_core::time::Timestamp::parse(&fixed.value).ok()?;
                    match &published {
                        Some(p) if modified.unix_ms() < p.unix_ms() => {
                            diags.warn(
                                at,
                                format!("{what}: `{}` is earlier than the publication date; left out", value.trim()),
                            );
                            return None;
                        }
                        Some(p) if modified.unix_ms() == p.unix_ms() => return None,
                        _ => return Some(fixed.value),
                    }
                }
                Err(e) => diags.warn(at, format!("{what} {e}; left out")),
            }
        }
        None
    }
}
