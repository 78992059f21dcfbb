//! robots.txt (RFC 9309): the group for our product token, else `*`; the longest matching
//! `Allow`/`Disallow` rule wins (Allow on a tie); `*` and `$` in paths; `Crawl-delay` read too.

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<(bool, String)>,
    /// Seconds between requests that the site asks for.
    pub crawl_delay: Option<f64>,
    /// Why robots.txt could not be read, when it could not (and so nothing is allowed).
    pub unreadable: Option<String>,
}

impl Robots {
    /// Everything allowed: no robots.txt (a 4xx answer).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Nothing allowed: robots.txt could not be read (5xx, network failure), as RFC 9309 asks.
    pub fn disallow_all(why: impl Into<String>) -> Robots {
        Robots { rules: vec![(false, "/".into())], crawl_delay: None, unreadable: Some(why.into()) }
    }

    /// The rules for `agent` (a product token such as `lede-import`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        // (agents of the group, rules, crawl delay)
        type Group = (Vec<String>, Vec<(bool, String)>, Option<f64>);
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new(), None));
                    }
                    in_agents = true;
                    groups.last_mut().expect("pushed").0.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut()
                        && !value.is_empty()
                    {
                        g.1.push((key == "allow", value.to_string()));
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        g.2 = value.parse().ok().filter(|d: &f64| d.is_finite() && *d >= 0.0);
                    }
                }
                _ => {}
            }
        }
        let ours: Vec<_> =
            groups.iter().filter(|g| g.0.iter().any(|a| a != "*" && agent.contains(a.as_str()))).collect();
        let chosen =
            if ours.is_empty() { groups.iter().filter(|g| g.0.iter().any(|a| a == "*")).collect() } else { ours };
        Robots {
            rules: chosen.iter().flat_map(|g| g.1.iter().cloned()).collect(),
            crawl_delay: chosen.iter().find_map(|g| g.2),
            unreadable: None,
        }
    }

    /// Whether a path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A robots.txt path pattern: a prefix, with `*` for any run of characters and a final `$`
/// anchoring the end.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
        } else if i == parts.len() - 1 && anchored {
            return path.len() >= at + part.len() && path.ends_with(part);
        } else {
            match path[at..].find(part) {
                Some(p) => at += p + part.len(),
                None => return false,
            }
        }
    }
    !anchored || at == path.len() || parts.len() > 1 && parts.last() == Some(&"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_longest_match() {
        let txt = "User-agent: *\nDisallow: /private/\nAllow: /private/open\nCrawl-delay: 2\n\n\
                   User-agent: badbot\nDisallow: /\n";
        let r = Robots::parse(txt, "lede-import");
        assert!(r.allows("/news/a"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/open/y"));
        assert_eq!(r.crawl_delay, Some(2.0));
        let ours = Robots::parse(
            "User-agent: *\nDisallow:\n\nUser-agent: Lede-Import\nDisallow: /drafts\n",
            "lede-import/0.1",
        );
        assert!(!ours.allows("/drafts/1"));
        assert!(ours.allows("/news"));
    }

    #[test]
    fn wildcards() {
        let r = Robots::parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /tmp*/x\n", "lede-import");
        assert!(!r.allows("/files/a.pdf"));
        assert!(r.allows("/files/a.pdf?page=2"));
        assert!(!r.allows("/tmp123/x/y"));
        assert!(r.allows("/tmp123/y"));
        assert!(!Robots::disallow_all("HTTP 503").allows("/"));
        assert!(Robots::allow_all().allows("/anything"));
    }
}
