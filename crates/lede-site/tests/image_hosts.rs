//! `lede-site check` refuses a picture the CSP would block, naming the field, unless its host is
//! allowed with `--image-host`; the CSP's img-src is written from the same list (`lede-site
//! headers`), and `check` fails when the two disagree.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A story with its pictures at these addresses (lead, then one figure).
fn story(slug: &str, lead: &str, figure: &str) -> String {
    serde_json::json!({
        "version": 1, "id": slug, "slug": slug, "language": "en",
        "headline": "A story with pictures", "datePublished": "2024-10-02T07:00:00Z",
        "publisher": {"name": "The Harbour Gazette"},
        "leadImage": {"src": lead, "width": 120, "height": 80, "alt": "The harbour wall."},
        "body": [
            {"type": "paragraph", "id": "p1", "content": [{"text": "The wall was repaired."}]},
            {"type": "image", "id": "i1", "image": {"src": figure, "width": 64, "height": 40, "alt": "A crane.",
                "sizes": [{"src": figure, "width": 64}]}}
        ]
    })
    .to_string()
}

struct Site {
    _tmp: tempfile::TempDir,
    articles: PathBuf,
    headers: PathBuf,
}

/// A folder with the stories and a copy of the real headers file.
fn site(stories: &[(&str, &str, &str)]) -> Site {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for (slug, lead, figure) in stories {
        std::fs::write(articles.join(format!("{slug}.json")), story(slug, lead, figure)).unwrap();
    }
    let headers = tmp.path().join("security-headers.conf");
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/security-headers.conf");
    std::fs::copy(real, &headers).unwrap();
    Site { _tmp: tmp, articles, headers }
}

fn lede_site(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lede-site")).args(args).env_remove("LEDE_IMAGE_HOSTS").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn check(site: &Site, hosts: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", site.articles.to_str().unwrap(), "--headers", site.headers.to_str().unwrap()];
    for h in hosts {
        args.extend(["--image-host", h]);
    }
    lede_site(&args)
}

fn img_src(headers: &Path) -> String {
    let conf = std::fs::read_to_string(headers).unwrap();
    let csp = conf.lines().find(|l| l.starts_with("add_header Content-Security-Policy")).unwrap();
    csp.split(['"', ';']).map(str::trim).find(|d| d.starts_with("img-src")).unwrap().to_string()
}

#[test]
fn site_paths_pass_and_the_real_headers_file_says_self_only() {
    let s = site(&[("home", "/images/0123456789abcdef0123456789abcdef.jpg", "/images/crane.png")]);
    let (code, out, err) = check(&s, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 articles valid") && out.contains("`img-src 'self'`"), "{out}");
    assert_eq!(img_src(&s.headers), "img-src 'self'");
}

#[test]
fn a_picture_on_another_site_is_refused_by_field_unless_its_host_is_allowed() {
    let s = site(&[("away", "https://images.example/wall.jpg", "https://other.example/crane.png")]);
    let (code, _, err) = check(&s, &[]);
    assert_ne!(code, 0);
    // Every field that names a picture elsewhere, and nothing else.
    let expected_fields = ["leadImage.src", "body[1].image.src", "body[1].image.sizes[0].src"];
    let refused: Vec<&str> = err.lines().filter(|l| l.contains("is on another site")).collect();
    assert_eq!(refused.len(), expected_fields.len(), "{err}");
    for field in expected_fields {
        assert!(refused.iter().any(|l| l.contains(&format!("away.json: {field}: `"))), "{field} not named: {err}");
    }
    assert!(err.contains("--image-host"), "the message says what to do: {err}");

    // One host allowed, but the CSP not yet rewritten: the check says the two disagree.
    let (code, _, err) = check(&s, &["https://images.example", "https://other.example"]);
    assert_ne!(code, 0);
    assert!(err.contains("the CSP says `img-src 'self'`") && err.contains("lede-site headers"), "{err}");

    // Only one of the two hosts: the other picture's fields are still refused.
    let (code, _, err) = check(&s, &["https://images.example"]);
    assert_ne!(code, 0);
    assert!(!err.contains("leadImage.src") && err.contains("body[1].image.src"), "{err}");

    // `headers` writes img-src from the list; then the check passes with the same list.
    let hosts = ["--image-host", "https://other.example", "--image-host", "https://images.example"];
    let mut args = vec!["headers", "--headers", s.headers.to_str().unwrap()];
    args.extend(hosts);
    let (code, out, err) = lede_site(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("img-src 'self' https://images.example https://other.example"), "{out}");
    assert_eq!(img_src(&s.headers), "img-src 'self' https://images.example https://other.example");
    let (code, _, err) = check(&s, &["https://images.example", "https://other.example"]);
    assert_eq!(code, 0, "{err}");
    // And the headers file is otherwise untouched.
    let real =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/security-headers.conf"))
            .unwrap();
    let now = std::fs::read_to_string(&s.headers).unwrap();
    assert_eq!(now.replace(" https://images.example https://other.example", ""), real);

    // The same list from the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_lede-site"))
        .args(["check", s.articles.to_str().unwrap(), "--headers", s.headers.to_str().unwrap()])
        .env("LEDE_IMAGE_HOSTS", "https://other.example,https://images.example")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    // Dropping a host again: `headers --check` says the file is stale.
    let (code, _, err) = lede_site(&[
        "headers",
        "--check",
        "--headers",
        s.headers.to_str().unwrap(),
        "--image-host",
        "https://images.example",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("the CSP says `img-src 'self' https://images.example https://other.example`"), "{err}");
}

#[test]
fn a_bad_image_host_is_refused_with_a_message() {
    let s = site(&[]);
    for (host, says) in
        [("images.example", "not an origin"), ("http://images.example", "https"), ("https://x.example/p", "no path")]
    {
        let (code, _, err) = check(&s, &[host]);
        assert_eq!(code, 2, "clap's usage error for {host}: {err}");
        assert!(err.contains(says) && !err.contains("panicked"), "{host}: {err}");
    }
}
