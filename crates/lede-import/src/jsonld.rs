//! schema.org JSON-LD: the `NewsArticle` (or `Article`, `ReportageNewsArticle`, `BlogPosting`, …)
//! a page describes itself with, in any `<script type="application/ld+json">`, at the top level,
//! in a list, in an `@graph` or nested in another node, with `{"@id": …}` references followed.

use std::collections::HashMap;

use crate::diag::Diags;
use crate::json::{self, Json, Value};
use crate::source::Source;
use crate::text::{plain, squash};
use lede_core::entity::EntityType;

/// A value and where it is in the page (a byte offset), so a problem with it can say so.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LdPerson {
    pub name: String,
    pub url: Option<String>,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LdImage {
    pub url: At<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: Option<String>,
    /// schema.org `description` of the picture: what an `alt` text says.
    pub alt: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LdEntity {
    pub name: String,
    pub kind: EntityType,
    pub same_as: Option<String>,
}

/// What the page's JSON-LD says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LdArticle {
    /// The schema.org type that was picked (`NewsArticle`).
    pub kind: String,
    pub headline: Option<At<String>>,
    pub description: Option<At<String>>,
    pub date_published: Option<At<String>>,
    pub date_modified: Option<At<String>>,
    /// `articleBody` as written: plain text with line breaks, or sometimes HTML.
    pub body: Option<At<String>>,
    pub section: Option<At<String>>,
    pub language: Option<At<String>>,
    pub dateline: Option<At<String>>,
    pub url: Option<At<String>>,
    pub identifier: Option<At<String>>,
    pub authors: Vec<LdPerson>,
    pub publisher: Option<LdPerson>,
    pub images: Vec<LdImage>,
    pub keywords: Vec<String>,
    pub entities: Vec<LdEntity>,
    /// The name of the web site the article is part of (`isPartOf` a `WebSite`).
    pub site_name: Option<At<String>>,
}

/// Article types, best first: a news article over a plain article over a blog post.
fn rank(kind: &str) -> u8 {
    match kind {
        "NewsArticle"
        | "ReportageNewsArticle"
        | "AnalysisNewsArticle"
        | "BackgroundNewsArticle"
        | "OpinionNewsArticle"
        | "ReviewNewsArticle"
        | "AskPublicNewsArticle" => 3,
        "Article" | "Report" | "SatiricalArticle" | "ScholarlyArticle" | "TechArticle" => 2,
        "BlogPosting" | "LiveBlogPosting" | "SocialMediaPosting" => 1,
        _ => 0,
    }
}

/// `@type` values without a `schema:` or `https://schema.org/` prefix.
fn types(node: &Json) -> Vec<&str> {
    node.get("@type")
        .map(|t| t.items().filter_map(Json::as_str).map(|s| s.rsplit(['/', ':']).next().unwrap_or(s)).collect())
        .unwrap_or_default()
}

/// Reads every JSON-LD script in the page and returns what the best article node says.
/// Scripts that are not valid JSON are reported (with where they break) and skipped.
pub fn read(source: &Source, diags: &mut Diags) -> Option<LdArticle> {
    let scripts = source.ld_json_scripts();
    let mut roots = Vec::new();
    for script in &scripts {
        if script.content.trim().is_empty() {
            diags.warn(script.tag, "JSON-LD: the script is empty");
            continue;
        }
        match json::parse(script.content, script.content_start) {
            Ok(root) => roots.push(root),
            Err(err) => diags.warn(err.at, format!("JSON-LD: not valid JSON, script skipped: {}", err.message)),
        }
    }
    let graph = Graph::new(&roots);
    let mut best: Option<(&Json, (u8, bool, bool))> = None;
    for node in &graph.nodes {
        let r = types(node).into_iter().map(rank).max().unwrap_or(0);
        if r == 0 {
            continue;
        }
        let key = (r, node.get("datePublished").is_some(), node.get("headline").is_some());
        if best.is_none_or(|(_, k)| key > k) {
            best = Some((node, key));
        }
    }
    let Some((node, _)) = best else {
        if !roots.is_empty() {
            let mut seen: Vec<&str> = graph.nodes.iter().flat_map(|n| types(n)).collect();
            seen.dedup();
            let seen = if seen.is_empty() { "none".to_string() } else { seen.join(", ") };
            diags.warn(
                scripts[0].tag,
                format!("JSON-LD: no NewsArticle, Article or BlogPosting here (types found: {seen}); using the page's other metadata"),
            );
        }
        return None;
    };
    Some(graph.article(node, diags))
}

/// All objects of all scripts, and the ones with an `@id`, so references can be followed.
struct Graph<'a> {
    nodes: Vec<&'a Json>,
    by_id: HashMap<&'a str, &'a Json>,
}

impl<'a> Graph<'a> {
    fn new(roots: &'a [Json]) -> Graph<'a> {
        let mut graph = Graph { nodes: Vec::new(), by_id: HashMap::new() };
        for root in roots {
            graph.collect(root);
        }
        graph
    }

    fn collect(&mut self, value: &'a Json) {
        match &value.value {
            Value::Object(members) => {
                self.nodes.push(value);
                // The fullest node with an id is its definition; others are references.
                if let Some(id) = value.get("@id").and_then(Json::as_str) {
                    let size = |n: &Json| if let Value::Object(m) = &n.value { m.len() } else { 0 };
                    if self.by_id.get(id).is_none_or(|old| size(old) < members.len()) {
                        self.by_id.insert(id, value);
                    }
                }
                for (_, v) in members {
                    self.collect(v);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.collect(v)),
            _ => {}
        }
    }

    /// The node a `{"@id": …}` reference stands for (or the node itself).
    fn deref(&self, node: &'a Json) -> &'a Json {
        match node.get("@id").and_then(Json::as_str).and_then(|id| self.by_id.get(id)) {
            Some(def) => def,
            None => node,
        }
    }

    fn article(&self, node: &'a Json, diags: &mut Diags) -> LdArticle {
        let kind = types(node).into_iter().max_by_key(|t| rank(t)).unwrap_or("Article").to_string();
        let text = |key: &str, diags: &mut Diags| self.text(node, key, diags);
        let mut a = LdArticle {
            headline: text("headline", diags).or_else(|| text("name", diags)),
            description: text("description", diags),
            date_published: text("datePublished", diags),
            date_modified: text("dateModified", diags),
            section: text("articleSection", diags),
            language: self.language(node),
            dateline: text("dateline", diags),
            url: self.url(node),
            identifier: self.identifier(node),
            body: self.raw_text(node, "articleBody", diags),
            authors: self.people(node, "author", diags),
            publisher: self.people(node, "publisher", diags).into_iter().next(),
            images: self.images(node, diags),
            keywords: self.keywords(node),
            entities: self.entities(node),
            kind,
            site_name: None,
        };
        // `isPartOf` a WebPage (Yoast and others), which is part of a WebSite with the name.
        if let Some(part) = node.get("isPartOf").map(|p| self.deref(p)) {
            if a.url.is_none() {
                a.url = self.url(part);
            }
            if a.language.is_none() {
                a.language = self.language(part);
            }
            for level in [Some(part), part.get("isPartOf").map(|p| self.deref(p))].into_iter().flatten() {
                let t = types(level);
                if t.iter().any(|t| matches!(*t, "WebSite" | "Periodical" | "NewsMediaOrganization")) {
                    a.site_name = a.site_name.or_else(|| self.text(level, "name", diags));
                }
            }
        }
        if a.site_name.is_none() {
            let site = self.nodes.iter().find(|n| types(n).contains(&"WebSite"));
            a.site_name = site.and_then(|s| self.text(s, "name", diags));
        }
        a
    }

    /// A text property: a string, the first string of a list, or an object's `@value` or `name`.
    /// Entities and tags are decoded away; values that are not text are reported.
    fn text(&self, node: &'a Json, key: &str, diags: &mut Diags) -> Option<At<String>> {
        let raw = self.raw_text(node, key, diags)?;
        let value = plain(&raw.value);
        (!value.is_empty()).then_some(At { value, at: raw.at })
    }

    fn raw_text(&self, node: &'a Json, key: &str, diags: &mut Diags) -> Option<At<String>> {
        let value = node.get(key)?;
        for item in value.items() {
            let item = self.deref(item);
            let found = match &item.value {
                Value::String(s) => Some(s.clone()),
                Value::Object(_) => {
                    ["@value", "name", "text"].iter().find_map(|k| item.get(k)?.as_str().map(str::to_string))
                }
                Value::Number(n) if key == "articleSection" || key == "identifier" => Some(n.to_string()),
                _ => None,
            };
            match found {
                Some(s) if !s.trim().is_empty() => return Some(At { value: s, at: item.at }),
                Some(_) => {}
                None if matches!(item.value, Value::Null) => {}
                None => diags.warn(item.at, format!("JSON-LD: \"{key}\" is {}, not text; ignored", item.kind())),
            }
        }
        None
    }

    fn language(&self, node: &'a Json) -> Option<At<String>> {
        let value = node.get("inLanguage")?;
        let item = self.deref(value.items().next()?);
        let tag = item.as_str().or_else(|| item.get("alternateName")?.as_str())?;
        Some(At { value: tag.trim().to_string(), at: item.at })
    }

    fn url(&self, node: &'a Json) -> Option<At<String>> {
        let direct = node.get("url").and_then(|u| u.items().next()).filter(|u| u.as_str().is_some());
        let page = node
            .get("mainEntityOfPage")
            .map(|p| p.items().next().unwrap_or(p))
            .and_then(|p| if p.as_str().is_some() { Some(p) } else { p.get("@id").or_else(|| p.get("url")) });
        let types = types(node);
        let own_id = node.get("@id").filter(|_| types.contains(&"WebPage"));
        [direct, page, own_id].into_iter().flatten().find_map(|u| {
            let s = u.as_str()?.trim();
            (s.starts_with("http://") || s.starts_with("https://")).then(|| At { value: s.to_string(), at: u.at })
        })
    }

    fn identifier(&self, node: &'a Json) -> Option<At<String>> {
        if let Some(id) = node.get("identifier").and_then(|i| i.items().next()) {
            let value = match &id.value {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                Value::Object(_) => id.get("value").and_then(|v| match &v.value {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }),
                _ => None,
            };
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                return Some(At { value, at: id.at });
            }
        }
        let id = node.get("@id")?;
        let s = id.as_str()?.trim();
        (!s.is_empty() && !s.starts_with("_:")).then(|| At { value: s.to_string(), at: id.at })
    }

    /// `author` or `publisher`: a name, a Person or Organization, or a list of them.
    fn people(&self, node: &'a Json, key: &str, diags: &mut Diags) -> Vec<LdPerson> {
        let Some(value) = node.get(key) else { return Vec::new() };
        let mut out: Vec<LdPerson> = Vec::new();
        for item in value.items() {
            let item = self.deref(item);
            let (name, url) = match &item.value {
                Value::String(s) => (Some(plain(s)), None),
                Value::Object(_) => {
                    let name =
                        item.get("name").and_then(|n| n.items().find_map(Json::as_str)).map(plain).or_else(|| {
                            let given = item.get("givenName")?.as_str()?;
                            let family = item.get("familyName").and_then(Json::as_str).unwrap_or("");
                            Some(squash(&format!("{given} {family}")))
                        });
                    let url =
                        item.get("url").and_then(|u| u.items().find_map(Json::as_str)).map(|u| u.trim().to_string());
                    (name, url)
                }
                Value::Null => continue,
                _ => {
                    diags.warn(
                        item.at,
                        format!("JSON-LD: \"{key}\" is {}, not a name or a Person; ignored", item.kind()),
                    );
                    continue;
                }
            };
            match name.filter(|n| !n.is_empty()) {
                Some(name) if !out.iter().any(|p| p.name == name) => out.push(LdPerson { name, url, at: item.at }),
                Some(_) => {}
                None => diags.warn(item.at, format!("JSON-LD: a \"{key}\" has no name; ignored")),
            }
        }
        out
    }

    fn images(&self, node: &'a Json, diags: &mut Diags) -> Vec<LdImage> {
        let Some(value) = node.get("image") else { return Vec::new() };
        let mut out = Vec::new();
        for item in value.items() {
            let item = self.deref(item);
            let image = match &item.value {
                Value::String(s) => LdImage {
                    url: At { value: s.trim().to_string(), at: item.at },
                    width: None,
                    height: None,
                    caption: None,
                    alt: None,
                    credit: None,
                },
                Value::Object(_) => {
                    let url = ["url", "contentUrl"]
                        .iter()
                        .filter_map(|k| item.get(k))
                        .flat_map(|u| u.items())
                        .find_map(|u| u.as_str().map(|s| At { value: s.trim().to_string(), at: u.at }));
                    let Some(url) = url else {
                        diags.warn(item.at, "JSON-LD: an \"image\" has no url; ignored");
                        continue;
                    };
                    let text = |k: &str| {
                        item.get(k).and_then(|v| v.items().find_map(Json::as_str)).map(plain).filter(|s| !s.is_empty())
                    };
                    let credit = text("creditText").or_else(|| {
                        ["copyrightHolder", "author", "creator"].iter().find_map(|k| {
                            let who = self.deref(item.get(k)?.items().next()?);
                            who.as_str().or_else(|| who.get("name")?.as_str()).map(plain)
                        })
                    });
                    LdImage {
                        url,
                        width: item.get("width").and_then(dimension),
                        height: item.get("height").and_then(dimension),
                        caption: text("caption"),
                        alt: text("description").or_else(|| text("alternativeHeadline")),
                        credit,
                    }
                }
                Value::Null => continue,
                _ => {
                    diags.warn(
                        item.at,
                        format!("JSON-LD: \"image\" is {}, not a URL or an ImageObject; ignored", item.kind()),
                    );
                    continue;
                }
            };
            if !image.url.value.is_empty() {
                out.push(image);
            }
        }
        out
    }

    fn keywords(&self, node: &'a Json) -> Vec<String> {
        let Some(value) = node.get("keywords") else { return Vec::new() };
        let mut out: Vec<String> = Vec::new();
        for item in value.items() {
            let item = self.deref(item);
            let text = item.as_str().or_else(|| item.get("name")?.as_str()).unwrap_or("");
            for k in text.split(',').map(plain) {
                if !k.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&k)) {
                    out.push(k);
                }
            }
        }
        out
    }

    /// `about` and `mentions`: who and what the story is about, with their kind.
    fn entities(&self, node: &'a Json) -> Vec<LdEntity> {
        let mut out: Vec<LdEntity> = Vec::new();
        for value in ["about", "mentions"].iter().filter_map(|k| node.get(k)) {
            for item in value.items() {
                let item = self.deref(item);
                let Some(name) = item.get("name").and_then(Json::as_str).map(plain).filter(|n| !n.is_empty()) else {
                    continue;
                };
                let kind = types(item).into_iter().map(entity_kind).next().unwrap_or(EntityType::Misc);
                let same_as = item
                    .get("sameAs")
                    .into_iter()
                    .flat_map(|s| s.items())
                    .filter_map(Json::as_str)
                    .find(|s| s.starts_with("https://") || s.starts_with("http://"))
                    .map(str::to_string);
                if !out.iter().any(|e| e.name == name) {
                    out.push(LdEntity { name, kind, same_as });
                }
            }
        }
        out
    }
}

fn entity_kind(kind: &str) -> EntityType {
    match kind {
        "Person" | "Patient" => EntityType::Per,
        "Place"
        | "City"
        | "Country"
        | "State"
        | "AdministrativeArea"
        | "Continent"
        | "BodyOfWater"
        | "Landform"
        | "Mountain"
        | "LandmarksOrHistoricalBuildings"
        | "TouristAttraction"
        | "Park" => EntityType::Loc,
        "Organization"
        | "Corporation"
        | "GovernmentOrganization"
        | "NGO"
        | "NewsMediaOrganization"
        | "EducationalOrganization"
        | "CollegeOrUniversity"
        | "SportsTeam"
        | "SportsOrganization"
        | "PoliticalParty"
        | "LocalBusiness"
        | "MedicalOrganization"
        | "PerformingGroup" => EntityType::Org,
        _ => EntityType::Misc,
    }
}

/// A width or height: `1200`, `"1200"`, `"1200px"` or `{"@type": "QuantitativeValue", "value": 1200}`.
fn dimension(value: &Json) -> Option<u32> {
    match &value.value {
        Value::Number(n) if *n >= 1.0 && *n <= f64::from(u32::MAX) => Some(n.round() as u32),
        Value::String(s) => {
            let digits: String = s.trim().chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok().filter(|&n: &u32| n > 0)
        }
        Value::Object(_) => dimension(value.get("value")?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_page(page: &str) -> (Option<LdArticle>, Diags) {
        let source = Source::new(page.to_string());
        let mut diags = Diags::default();
        (read(&source, &mut diags), diags)
    }

    #[test]
    fn follows_graph_references() {
        let page = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://x.example/#site","name":"The Example"},
            {"@type":"WebPage","@id":"https://x.example/a/","url":"https://x.example/a/","isPartOf":{"@id":"https://x.example/#site"},"inLanguage":"en-GB"},
            {"@type":["NewsArticle"],"headline":"Tide &amp; time","author":{"@id":"https://x.example/#p1"},
             "isPartOf":{"@id":"https://x.example/a/"},"datePublished":"2024-05-01T08:00:00Z",
             "image":[{"@type":"ImageObject","url":"https://x.example/a.jpg","width":"1600px","height":{"value":900}}]},
            {"@type":"Person","@id":"https://x.example/#p1","name":"Ada Oyelaran","url":"https://x.example/ada"}]}</script>"#;
        let (a, d) = read_page(page);
        let a = a.unwrap();
        assert!(d.found.is_empty(), "{:?}", d.found);
        assert_eq!(a.headline.unwrap().value, "Tide & time");
        assert_eq!(a.authors[0].name, "Ada Oyelaran");
        assert_eq!(a.authors[0].url.as_deref(), Some("https://x.example/ada"));
        assert_eq!(a.url.unwrap().value, "https://x.example/a/");
        assert_eq!(a.language.unwrap().value, "en-GB");
        assert_eq!(a.site_name.unwrap().value, "The Example");
        assert_eq!((a.images[0].width, a.images[0].height), (Some(1600), Some(900)));
    }

    #[test]
    fn prefers_news_articles_and_reports_broken_scripts() {
        let page = "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"B\"}</script>\n\
                    <script type=\"application/ld+json\">[{\"@type\":\"BreadcrumbList\"},{\"@type\":\"ReportageNewsArticle\",\"headline\":\"A\"}]</script>\n\
                    <script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": }</script>";
        let (a, d) = read_page(page);
        assert_eq!(a.unwrap().headline.unwrap().value, "A");
        assert_eq!(d.found.len(), 1);
        assert!(d.found[0].message.contains("not valid JSON"));
    }
}
