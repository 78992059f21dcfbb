//! `lede-site feed --out X` writes only the files it owns: `X` and the numbered pages in
//! `dirname(X)/feeds/`. Anything else a publisher keeps there stays.

use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("feeds")).unwrap();
    dir
}

#[test]
fn the_feed_keeps_what_is_not_its_own_and_removes_only_its_stale_pages() {
    let dir = scratch("feed-out");
    let feeds = dir.join("feeds");
    // A publisher's own file, a page a larger archive once had, and a file that only looks numbered.
    std::fs::write(feeds.join("README.txt"), "notes").unwrap();
    std::fs::write(feeds.join("legacy.json"), "{}").unwrap();
    std::fs::write(feeds.join("09.json"), "{}").unwrap();
    std::fs::write(feeds.join("7.json"), "{}").unwrap();
    let articles = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/articles");
    let out = dir.join("feed.json");
    let status = Command::new(env!("CARGO_BIN_EXE_lede-site"))
        .args(["feed", articles.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let feed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        feed["items"].as_array().unwrap().len(),
        5,
        "the five sample stories (four hand-made, one imported), one page"
    );
    let mut left: Vec<String> =
        std::fs::read_dir(&feeds).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["09.json", "README.txt", "legacy.json"], "kept the rest, removed the stale page 7");
    let mut top: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    top.sort();
    assert_eq!(top, ["feed.json", "feeds"], "no temporary file left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}
