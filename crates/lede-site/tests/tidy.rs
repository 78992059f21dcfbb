//! The tidy test (in the manner of rust-analyzer's): it holds the code to the rules that
//! ARCHITECTURE.md states, so the map cannot drift from the territory. Each check reads the rule
//! from ARCHITECTURE.md or from `cargo metadata`, never from the code it checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn architecture() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap()
}

/// Every `.rs` file below `dir`, relative to the root.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no Rust files under {}", dir.display());
    out
}

/// Lines of code, without `//` comments (a rule about code is not broken by prose about it).
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.split("//").next().unwrap_or_default().trim();
            (!code.is_empty()).then(|| (i + 1, code.to_string()))
        })
        .collect()
}

/// `(crate, its normal dependencies among Lede's crates, all its normal dependencies)`.
fn metadata() -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let ours: BTreeSet<String> = packages.iter().map(|p| p["name"].as_str().unwrap().to_string()).collect();
    packages
        .iter()
        .map(|p| {
            let normal: BTreeSet<String> = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().unwrap().to_string())
                .collect();
            let internal = normal.iter().filter(|d| ours.contains(*d)).cloned().collect();
            (p["name"].as_str().unwrap().to_string(), internal, normal)
        })
        .collect()
}

/// The table under "crate        depends on" in ARCHITECTURE.md.
fn dependency_table() -> BTreeMap<String, BTreeSet<String>> {
    let text = architecture();
    let start = text.find("crate        depends on").expect("ARCHITECTURE.md has the dependency table");
    let table: BTreeMap<String, BTreeSet<String>> = text[start..]
        .lines()
        .skip(1)
        .map(str::trim)
        .take_while(|l| !l.starts_with("```"))
        .map(|line| {
            let (name, deps) = line.split_once(char::is_whitespace).unwrap_or((line, "-"));
            let deps = deps.trim();
            let deps = if deps == "-" { BTreeSet::new() } else { deps.split(", ").map(String::from).collect() };
            (name.to_string(), deps)
        })
        .collect();
    assert!(table.len() >= 5, "the table lists every crate: {table:?}");
    table
}

#[test]
fn crates_depend_on_each_other_as_the_map_says() {
    let table = dependency_table();
    let actual = metadata();
    let mut wrong = Vec::new();
    for (name, internal, _) in &actual {
        match table.get(name) {
            None => wrong.push(format!("{name} is not in ARCHITECTURE.md's dependency table")),
            Some(allowed) if allowed != internal => {
                wrong.push(format!("{name} depends on {internal:?}; ARCHITECTURE.md says {allowed:?}"))
            }
            Some(_) => {}
        }
    }
    for name in table.keys() {
        if !actual.iter().any(|(n, _, _)| n == name) {
            wrong.push(format!("ARCHITECTURE.md lists {name}, which is not a crate of the workspace"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_pure_crates_use_no_browser_crate() {
    const BROWSER: [&str; 7] =
        ["web-sys", "js-sys", "wasm-bindgen", "wasm-bindgen-futures", "gloo-net", "leptos", "leptos_router"];
    let actual = metadata();
    for pure in ["lede-core", "lede-ner"] {
        let (_, _, normal) = actual.iter().find(|(n, _, _)| n == pure).unwrap_or_else(|| panic!("no crate {pure}"));
        let found: Vec<_> =
            normal.iter().filter(|d| BROWSER.contains(&d.as_str()) || d.starts_with("leptos")).collect();
        assert!(found.is_empty(), "{pure} depends on browser crates {found:?}");
    }
}

/// `(file, pattern)` pairs that break the component rule, each named in ARCHITECTURE.md as an
/// exception. None is left. The list must stay exact: an exception that has gone fails the test
/// too, so that it is struck from here and from the map.
const COMPONENT_EXCEPTIONS: &[(&str, &str)] = &[];

/// Whether `line` names `path` as a whole (`crate::load`, not `crate::load_error`).
fn names(line: &str, path: &str) -> bool {
    line.match_indices(path)
        .any(|(i, _)| !line[i + path.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

#[test]
fn components_never_fetch_nor_import_pages() {
    let root = root();
    let mut found = BTreeSet::new();
    for file in rust_files(&root.join("src/components")) {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        for (_, line) in code_lines(&file) {
            for pattern in ["crate::load", "crate::archive", "crate::pages", "gloo_net", "fetch_with_str"] {
                if names(&line, pattern) {
                    found.insert((rel.clone(), pattern.to_string()));
                }
            }
        }
    }
    let expected: BTreeSet<(String, String)> =
        COMPONENT_EXCEPTIONS.iter().map(|(f, p)| (f.to_string(), p.to_string())).collect();
    assert_eq!(found, expected, "components that fetch or import pages (left: found, right: the known exceptions)");
    for (file, _) in COMPONENT_EXCEPTIONS {
        assert!(architecture().contains(&format!("`{file}`")), "ARCHITECTURE.md names the exception {file}");
    }
}

/// The reader (`src/`) never puts text into the page as markup. (The importer's XML reader has a
/// method of that name that serialises a feed's content; it writes no page.)
#[test]
fn no_inner_html_in_the_reader() {
    let root = root();
    let files = rust_files(&root.join("src"));
    let hits: Vec<String> = files
        .iter()
        .flat_map(|f| {
            code_lines(f)
                .into_iter()
                .filter(|(_, l)| l.contains("inner_html") || l.contains("set_inner_html") || l.contains("innerHTML"))
                .map(move |(n, _)| format!("{}:{n}", f.display()))
        })
        .collect();
    assert!(hits.is_empty(), "inner_html puts text in as markup: {hits:#?}");
}

/// Every file or folder ARCHITECTURE.md names in backticks exists, so the map points nowhere old.
#[test]
fn every_path_the_map_names_exists() {
    let root = root();
    let text = architecture();
    let mut checked = 0;
    let mut missing = Vec::new();
    for (i, piece) in text.split('`').enumerate() {
        // Odd pieces are inside backticks.
        let looks_like_path = i % 2 == 1
            && !piece.contains(' ')
            && !piece.contains('<')
            && !piece.contains('*')
            && !piece.contains('{')
            && (piece.starts_with("src/")
                || piece.starts_with("crates/")
                || piece.starts_with("tests/")
                || piece.starts_with("scripts/")
                || piece.starts_with("deploy/")
                || piece.starts_with("public/")
                || piece.starts_with("bench/")
                || piece.starts_with("docs/"));
        if looks_like_path {
            checked += 1;
            if !root.join(piece.trim_end_matches('/')).exists() {
                missing.push(piece.to_string());
            }
        }
    }
    assert!(checked >= 20, "the map names files ({checked} found)");
    assert!(missing.is_empty(), "ARCHITECTURE.md names paths that do not exist: {missing:#?}");
}

/// ARCHITECTURE.md's picture is what `lede-site diagram` draws today: a crate added, or a
/// dependency changed, without redrawing it fails here.
#[test]
fn the_picture_is_drawn_from_the_code() {
    let out = std::env::temp_dir().join(format!("lede-architecture-{}.svg", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_lede-site"))
        .args(["diagram", "--out"])
        .arg(&out)
        .current_dir(root())
        .status()
        .unwrap();
    assert!(status.success());
    let drawn = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert!(architecture().contains("](docs/architecture.svg)"), "ARCHITECTURE.md shows the picture");
    let committed = std::fs::read_to_string(root().join("docs/architecture.svg")).unwrap();
    assert!(drawn.contains(">lede-core</text>"), "the picture names the crates");
    assert!(drawn == committed, "docs/architecture.svg is stale: run `cargo run -p lede-site -- diagram`");
}

/// The most lines of code (before a file's test module) a source file has without a stated reason.
const LONG_FILE_LINES: usize = 420;

/// Lines of `path` before its `#[cfg(test)]` module (all of them if it has none).
fn code_length(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().take_while(|l| !l.starts_with("#[cfg(test)]")).count()
}

/// A source file longer than [`LONG_FILE_LINES`] is named, with its reason, under "Long files" in
/// ARCHITECTURE.md; a file named there that has become short is taken off the list.
#[test]
fn long_files_have_a_stated_reason() {
    let root = root();
    let text = architecture();
    let start = text.find("\n## Long files").expect("ARCHITECTURE.md has a section \"Long files\"");
    let section = &text[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let listed: BTreeSet<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(String::from)
        .collect();
    let mut dirs = vec![root.join("src")];
    dirs.extend(std::fs::read_dir(root.join("crates")).unwrap().flatten().map(|e| e.path().join("src")));
    let mut long = BTreeSet::new();
    let mut seen = 0;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for file in rust_files(dir) {
            seen += 1;
            if code_length(&file) > LONG_FILE_LINES {
                long.insert(file.strip_prefix(&root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    assert!(seen > 50, "the check saw the source files ({seen})");
    let unexplained: Vec<&String> = long.difference(&listed).collect();
    assert!(
        unexplained.is_empty(),
        "over {LONG_FILE_LINES} lines of code with no reason under \"Long files\" in ARCHITECTURE.md: {unexplained:#?}"
    );
    let stale: Vec<&String> = listed.difference(&long).collect();
    assert!(stale.is_empty(), "listed under \"Long files\" but no longer long: {stale:#?}");
}
