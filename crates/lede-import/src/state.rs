//! What an out dir remembers between imports (`.lede-import.state`, JSON; not `.json`, so the
//! site's tools that read every `*.json` in the folder as an article leave it alone): which story each feed item
//! became (by guid and by address), and the validators of every address fetched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fetch::Validators;

pub const STATE_FILE: &str = ".lede-import.state";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    #[serde(default)]
    pub stories: Vec<Story>,
    /// ETag and Last-Modified per address (feeds and pages).
    #[serde(default)]
    pub http: BTreeMap<String, Validators>,
}

/// One story and the item it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Story {
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl State {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(STATE_FILE)
    }

    /// The state in `dir`; none yet is an empty state. A file that does not read is an error
    /// (guessing would split stories in two).
    pub fn load(dir: &Path) -> Result<State, String> {
        let path = State::path(dir);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                format!("{}: cannot read the import state ({e}); move it away to start over", path.display())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let mut json = serde_json::to_string_pretty(self).expect("the state serialises");
        json.push('\n');
        let path = State::path(dir);
        crate::write_atomically(&path, json.as_bytes()).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    /// The story an item became: by guid first, then by address.
    pub fn find(&self, guid: Option<&str>, url: Option<&str>) -> Option<usize> {
        guid.and_then(|g| self.stories.iter().position(|s| s.guid.as_deref() == Some(g)))
            .or_else(|| url.and_then(|u| self.stories.iter().position(|s| s.url.as_deref() == Some(u))))
    }

    pub fn slug_taken(&self, slug: &str) -> bool {
        self.stories.iter().any(|s| s.slug == slug)
    }
}

/// An address as an identity: without its fragment and the usual tracking parameters.
pub fn identity_url(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else { return url.to_string() };
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "fbclid" && k != "gclid")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_drops_tracking_and_fragment() {
        assert_eq!(identity_url("https://n.example/a?utm_source=rss&id=3#top"), "https://n.example/a?id=3");
        assert_eq!(identity_url("https://n.example/a?utm_medium=x"), "https://n.example/a");
    }

    #[test]
    fn guid_before_address() {
        let s = State {
            stories: vec![
                Story { slug: "a".into(), guid: Some("g1".into()), url: Some("https://x/1".into()) },
                Story { slug: "b".into(), guid: None, url: Some("https://x/2".into()) },
            ],
            ..State::default()
        };
        assert_eq!(s.find(Some("g1"), Some("https://x/2")), Some(0));
        assert_eq!(s.find(Some("g9"), Some("https://x/2")), Some(1));
        assert_eq!(s.find(None, Some("https://x/3")), None);
    }
}
