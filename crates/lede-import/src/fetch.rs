//! A polite fetcher: it says who it is, honours robots.txt, waits between requests to one host,
//! asks only for what changed (ETag, Last-Modified), gives up after a timeout, a size cap or too
//! many redirects, and names the address and the reason whenever something fails.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::robots::Robots;

/// What the fetcher sends and how long and how much it accepts.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub user_agent: String,
    /// For the whole request, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// Larger answers are refused (checked after decompression).
    pub max_bytes: u64,
    pub max_redirects: usize,
    /// The least time between two requests to one host (robots.txt's Crawl-delay may ask for more,
    /// up to [`MAX_CRAWL_DELAY`]).
    pub per_host_delay: Duration,
}

/// A site's `Crawl-delay` is honoured up to this.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);

/// The product token robots.txt groups are matched against.
pub const ROBOTS_TOKEN: &str = "lede-import";

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: default_user_agent(None),
            timeout: Duration::from_secs(20),
            max_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            per_host_delay: Duration::from_secs(1),
        }
    }
}

/// `lede-import/0.1.0 (Lede feed importer; +CONTACT)`.
pub fn default_user_agent(contact: Option<&str>) -> String {
    let mut ua = format!("{ROBOTS_TOKEN}/{} (Lede feed importer", env!("CARGO_PKG_VERSION"));
    if let Some(c) = contact {
        ua += &format!("; +{c}");
    }
    ua.push(')');
    ua
}

/// What a server said about a version, to ask next time whether it changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

#[derive(Debug)]
pub struct Response {
    /// Where the answer finally came from (after redirects).
    pub url: String,
    pub bytes: Vec<u8>,
    /// The `charset` of the Content-Type header.
    pub charset: Option<String>,
    /// The Content-Type's media type, lower-cased, without parameters (`image/jpeg`).
    pub media_type: Option<String>,
    pub validators: Validators,
}

#[derive(Debug)]
pub enum Fetched {
    Fresh(Response),
    /// 304: unchanged since the validators given.
    NotModified,
}

/// A failure, naming the address and the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub url: String,
    pub reason: String,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url, self.reason)
    }
}

pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    last_request: HashMap<String, Instant>,
    robots: HashMap<String, Robots>,
    /// Requests made (robots.txt included), for the summary.
    pub requests: usize,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Followed here instead, so each hop is checked against robots.txt and the rate limit.
            .max_redirects(0)
            .timeout_global(Some(options.timeout))
            .user_agent(options.user_agent.as_str())
            .build()
            .into();
        Fetcher { agent, options, last_request: HashMap::new(), robots: HashMap::new(), requests: 0 }
    }

    /// GETs `url`, following redirects; with `known` validators, a 304 is [`Fetched::NotModified`].
    pub fn get(&mut self, url: &str, known: Option<&Validators>) -> Result<Fetched, FetchError> {
        let fail = |u: &str, reason: String| FetchError { url: u.to_string(), reason };
        let mut current = parse_http(url).map_err(|r| fail(url, r))?;
        let mut chain: Vec<String> = vec![current.to_string()];
        loop {
            let robots = self.robots_for(&current);
            let path = match current.query() {
                Some(q) => format!("{}?{q}", current.path()),
                None => current.path().to_string(),
            };
            if !robots.allows(&path) {
                let reason = match &robots.unreadable {
                    Some(why) => format!(
                        "robots.txt of {} could not be read ({why}), so nothing there is fetched (RFC 9309)",
                        origin(&current)
                    ),
                    None => format!("robots.txt of {} disallows it for {ROBOTS_TOKEN}", origin(&current)),
                };
                return Err(fail(current.as_str(), reason));
            }
            let answer = self.request(&current, known.filter(|v| !v.is_empty()))?;
            match answer {
                Answer::Redirect(location) => {
                    let next = current.join(&location).map_err(|_| {
                        fail(current.as_str(), format!("redirects to `{location}`, which is not an address"))
                    })?;
                    if chain.iter().any(|u| u == next.as_str()) {
                        chain.push(next.to_string());
                        return Err(fail(url, format!("redirect loop: {}", chain.join(" → "))));
                    }
                    if chain.len() > self.options.max_redirects {
                        return Err(fail(url, format!("more than {} redirects", self.options.max_redirects)));
                    }
                    current = parse_http(next.as_str()).map_err(|r| fail(url, format!("redirects to {next}: {r}")))?;
                    chain.push(current.to_string());
                }
                Answer::NotModified => return Ok(Fetched::NotModified),
                Answer::Body { bytes, charset, media_type, validators } => {
                    return Ok(Fetched::Fresh(Response {
                        url: current.to_string(),
                        bytes,
                        charset,
                        media_type,
                        validators,
                    }));
                }
            }
        }
    }

    /// The robots.txt rules for the URL's origin, fetched once per run.
    fn robots_for(&mut self, url: &Url) -> Robots {
        let key = origin(url);
        if let Some(r) = self.robots.get(&key) {
            return r.clone();
        }
        let robots_url = url.join("/robots.txt").expect("an http(s) URL takes a path");
        let mut target = robots_url.clone();
        let mut robots = None;
        let mut why = "too many redirects".to_string();
        // A few redirects are followed (RFC 9309 asks for at least five).
        for _ in 0..=self.options.max_redirects {
            match self.request(&target, None) {
                Ok(Answer::Body { bytes, .. }) => {
                    robots = Some(Robots::parse(&String::from_utf8_lossy(&bytes), ROBOTS_TOKEN));
                    break;
                }
                Ok(Answer::Redirect(location)) => match target.join(&location) {
                    Ok(next) if matches!(next.scheme(), "http" | "https") => target = next,
                    _ => {
                        why = format!("it redirects to `{location}`");
                        break;
                    }
                },
                Ok(Answer::NotModified) => {
                    why = "HTTP 304 to an unconditional request".into();
                    break;
                }
                Err(e) if e.reason.starts_with("HTTP 4") => {
                    robots = Some(Robots::allow_all());
                    break;
                }
                Err(e) => {
                    why = e.reason;
                    break;
                }
            }
        }
        // Unreachable (a 5xx, a network failure, a loop): assume nothing is allowed, as RFC 9309 asks.
        let robots = robots.unwrap_or_else(|| Robots::disallow_all(why));
        self.robots.insert(key, robots.clone());
        robots
    }

    /// One request, after waiting out the host's rate limit.
    fn request(&mut self, url: &Url, known: Option<&Validators>) -> Result<Answer, FetchError> {
        let fail = |reason: String| FetchError { url: url.to_string(), reason };
        let host = url.host_str().unwrap_or_default().to_string();
        let crawl_delay = self
            .robots
            .get(&origin(url))
            .and_then(|r| r.crawl_delay)
            .map(|s| Duration::from_secs_f64(s).min(MAX_CRAWL_DELAY))
            .unwrap_or_default();
        let delay = self.options.per_host_delay.max(crawl_delay);
        if let Some(last) = self.last_request.get(&host) {
            let wait = delay.saturating_sub(last.elapsed());
            if !wait.is_zero() {
                std::thread::sleep(wait);
            }
        }
        self.last_request.insert(host, Instant::now());
        self.requests += 1;
        let mut request = self.agent.get(url.as_str());
        if let Some(v) = known {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                request = request.header("If-Modified-Since", lm);
            }
        }
        let mut response = request.call().map_err(|e| fail(self.explain(e)))?;
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        match status {
            200..=299 => {}
            304 => return Ok(Answer::NotModified),
            301 | 302 | 303 | 307 | 308 => {
                return match header("location") {
                    Some(l) => Ok(Answer::Redirect(l)),
                    None => Err(fail(format!("HTTP {status} without a Location to go to"))),
                };
            }
            _ => {
                let reason = response.status().canonical_reason().unwrap_or("");
                return Err(fail(format!("HTTP {status} {reason}").trim_end().to_string()));
            }
        }
        let max = self.options.max_bytes;
        if let Some(length) = header("content-length").and_then(|l| l.trim().parse::<u64>().ok())
            && length > max
        {
            return Err(fail(format!("the answer is {} and at most {} is read", size(length), size(max))));
        }
        let charset = header("content-type").and_then(|ct| {
            ct.split(';').find_map(|p| p.trim().strip_prefix("charset=").map(|c| c.trim_matches('"').to_string()))
        });
        let media_type = header("content-type")
            .and_then(|ct| ct.split(';').next().map(|t| t.trim().to_ascii_lowercase()))
            .filter(|t| !t.is_empty());
        let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
        let bytes = response.body_mut().with_config().limit(max).read_to_vec().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => {
                fail(format!("the answer is larger than {}, the most that is read", size(max)))
            }
            e => fail(self.explain(e)),
        })?;
        Ok(Answer::Body { bytes, charset, media_type, validators })
    }

    fn explain(&self, e: ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => {
                format!("timed out: no complete answer within {:.1} s", self.options.timeout.as_secs_f64())
            }
            ureq::Error::HostNotFound => "host not found (DNS)".into(),
            ureq::Error::ConnectionFailed => "could not connect".into(),
            ureq::Error::Io(io) => format!("connection failed: {io}"),
            other => other.to_string(),
        }
    }
}

enum Answer {
    Body { bytes: Vec<u8>, charset: Option<String>, media_type: Option<String>, validators: Validators },
    Redirect(String),
    NotModified,
}

fn parse_http(url: &str) -> Result<Url, String> {
    match Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(u),
        Ok(u) => Err(format!("only http and https addresses are fetched, not {}:", u.scheme())),
        Err(e) => Err(format!("not an address: {e}")),
    }
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    }
}
