//! Command-line options shared by `lede-import` and `lede-site import`.

use clap::Args;

use crate::fetch::{FetchOptions, default_user_agent};

/// How URLs are fetched (feeds and pages).
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Fetching (a feed given as a URL, and the pages of summary-only items)")]
pub struct FetchArgs {
    /// Seconds to wait for a whole answer before giving up on it.
    #[arg(long, default_value_t = 20.0, value_name = "SECONDS")]
    timeout: f64,
    /// The largest answer read, in MB (larger ones are refused).
    #[arg(long, default_value_t = 8.0, value_name = "MB")]
    max_mb: f64,
    /// Seconds between two requests to the same host (robots.txt's Crawl-delay may ask for more).
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    delay: f64,
    /// Redirects followed before giving up.
    #[arg(long, default_value_t = 5, value_name = "N")]
    max_redirects: usize,
    /// A URL or e-mail address added to the User-Agent, so a site can reach whoever runs the import.
    #[arg(long, value_name = "URL|EMAIL", env = "LEDE_IMPORT_CONTACT")]
    contact: Option<String>,
}

impl FetchArgs {
    pub fn options(&self) -> Result<FetchOptions, String> {
        let seconds = |v: f64, what: &str| {
            std::time::Duration::try_from_secs_f64(v).map_err(|_| format!("--{what} `{v}` is not a number of seconds"))
        };
        if !(self.max_mb > 0.0 && self.max_mb.is_finite()) {
            return Err(format!("--max-mb `{}` must be a positive number", self.max_mb));
        }
        Ok(FetchOptions {
            user_agent: default_user_agent(self.contact.as_deref()),
            timeout: seconds(self.timeout, "timeout")?,
            max_bytes: (self.max_mb * 1024.0 * 1024.0) as u64,
            max_redirects: self.max_redirects,
            per_host_delay: seconds(self.delay, "delay")?,
        })
    }
}

/// Where the stories' pictures go.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Pictures")]
pub struct ImageArgs {
    /// The folder the stories' pictures are saved into, served as `/images/`. Default: `images`
    /// beside the articles folder (`public/articles` → `public/images`).
    #[arg(long, value_name = "DIR", conflicts_with = "keep_image_urls")]
    pub images_dir: Option<std::path::PathBuf>,
    /// Do not download pictures: keep the publisher's addresses. The reader's CSP blocks them and
    /// `lede-site check` refuses them unless the site allows that host (`--image-host`).
    #[arg(long)]
    pub keep_image_urls: bool,
}

impl ImageArgs {
    /// The mode for stories written into `articles` (none given: standard output, where pictures
    /// are downloaded only into an `--images-dir` named).
    pub fn mode(&self, articles: Option<&std::path::Path>) -> Option<crate::images::ImageMode> {
        use crate::images::{ImageMode, images_dir_for};
        if self.keep_image_urls {
            return Some(ImageMode::Keep);
        }
        match (&self.images_dir, articles) {
            (Some(dir), _) => Some(ImageMode::Download(dir.clone())),
            (None, Some(articles)) => Some(ImageMode::Download(images_dir_for(articles))),
            (None, None) => None,
        }
    }
}
