//! Writing the paged JSON Feed: page 1 at `--out`, older pages beside it in `feeds/<n>.json`.
//! Only those files are the command's: each is written atomically (a temporary file renamed into
//! place, so a reader never sees half a page), and of what else is in `feeds/` only the numbered
//! pages this feed no longer has are removed.

use std::path::Path;

use lede_core::Feed;

/// Writes `contents` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), String> {
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| format!("{} names no file", path.display()))?;
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, contents).map_err(|e| format!("cannot write {}: {e}", temp.display()))?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}: {e}", path.display())
    })
}

/// `<n>.json` with n ≥ 2: a page this command wrote.
fn page_number(name: &str) -> Option<usize> {
    let n = name.strip_suffix(".json")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
        return None;
    }
    n.parse().ok().filter(|&n| n >= 2)
}

/// Writes every page; returns how many stale pages it removed.
pub fn write_pages(out: &Path, pages: &[Feed]) -> Result<usize, String> {
    let older = out.parent().unwrap_or(Path::new(".")).join("feeds");
    // The folder always exists (the build copies it), even when the feed has one page.
    std::fs::create_dir_all(&older).map_err(|e| format!("cannot create {}: {e}", older.display()))?;
    for (i, page) in pages.iter().enumerate().skip(1) {
        write_atomic(&older.join(format!("{}.json", i + 1)), &page.to_json_pretty())?;
    }
    if let Some(first) = pages.first() {
        write_atomic(out, &first.to_json_pretty())?;
    }
    let mut removed = 0;
    for entry in std::fs::read_dir(&older).map_err(|e| format!("cannot read {}: {e}", older.display()))?.flatten() {
        let name = entry.file_name();
        if page_number(&name.to_string_lossy()).is_some_and(|n| n > pages.len()) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}
