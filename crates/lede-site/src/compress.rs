//! `lede-site compress`: a brotli (quality 11) and a gzip (level 9) copy beside every text asset
//! of the built site, so the server sends pre-compressed bytes (nginx `brotli_static` and
//! `gzip_static`, deploy/nginx.conf) instead of compressing each response, and at a quality too
//! slow to reach per request. A server that ignores the copies still serves the originals.
//!
//! Idempotent and incremental: a copy newer than its original is kept; a copy whose original is
//! gone is removed, so a copy can never be served for a file that changed or vanished.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use indicatif::{ProgressBar, ProgressStyle};

/// Extensions of the files that compress: everything text, plus wasm and the model.
pub const COMPRESSIBLE: [&str; 12] =
    ["html", "css", "js", "mjs", "wasm", "json", "atom", "xml", "txt", "svg", "webmanifest", "bin"];

/// Smaller files go as they are (a compressed copy would save less than its headers cost).
const MIN_BYTES: u64 = 512;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files given fresh copies.
    pub written: usize,
    /// Files whose copies were already up to date.
    pub kept: usize,
    /// Stale copies removed (their original is gone).
    pub removed: usize,
    /// Bytes of the originals and of their brotli copies, over the files compressed.
    pub raw_bytes: u64,
    pub brotli_bytes: u64,
}

/// Compresses every compressible file under `dist`.
pub fn compress(dist: &Path, progress: bool) -> Result<Summary, String> {
    let mut files = Vec::new();
    let mut copies = Vec::new();
    walk(dist, &mut files, &mut copies)?;
    let mut summary = Summary::default();
    for copy in copies {
        let original = copy.with_extension("");
        if !original.is_file() {
            std::fs::remove_file(&copy).map_err(|e| format!("{}: {e}", copy.display()))?;
            summary.removed += 1;
        }
    }
    let bar = if progress { ProgressBar::new(files.len() as u64) } else { ProgressBar::hidden() };
    bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}").expect("a valid template"));
    for file in &files {
        bar.set_message(file.strip_prefix(dist).unwrap_or(file).display().to_string());
        let br = with_suffix(file, "br");
        let gz = with_suffix(file, "gz");
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let source_time = modified(file).unwrap_or(SystemTime::now());
        let fresh = |p: &Path| modified(p).is_some_and(|t| t >= source_time);
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        if fresh(&br) && fresh(&gz) {
            // Up to date: not even read (an incremental build of a large site has thousands).
            summary.kept += 1;
        } else {
            let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
            write(&br, &brotli(&bytes))?;
            write(&gz, &gzip(&bytes))?;
            summary.written += 1;
        }
        summary.raw_bytes += size(file);
        summary.brotli_bytes += size(&br);
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(summary)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, copies: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            walk(&path, files, copies)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "br" || ext == "gz" {
            copies.push(path);
        } else if COMPRESSIBLE.contains(&ext) && std::fs::metadata(&path).is_ok_and(|m| m.len() >= MIN_BYTES) {
            files.push(path);
        }
    }
    files.sort();
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap();
        out
    }

    fn ungzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn copies_decode_to_their_originals_and_stay_in_step() {
        let dir = std::env::temp_dir().join(format!("lede-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("article/a")).unwrap();
        let page = "<!doctype html><p>Yerevan</p>".repeat(100);
        std::fs::write(dir.join("article/a/index.html"), &page).unwrap();
        std::fs::write(dir.join("app_bg.wasm"), [0u8, 97, 115, 109].repeat(300)).unwrap();
        std::fs::write(dir.join("tiny.js"), "x()").unwrap();
        std::fs::write(dir.join("photo.jpg"), vec![0xFFu8; 4096]).unwrap();
        std::fs::write(dir.join("gone.css.br"), b"stale").unwrap();

        let first = compress(&dir, false).unwrap();
        assert_eq!((first.written, first.kept, first.removed), (2, 0, 1));
        assert_eq!(unbrotli(&std::fs::read(dir.join("article/a/index.html.br")).unwrap()), page.as_bytes());
        assert_eq!(ungzip(&std::fs::read(dir.join("article/a/index.html.gz")).unwrap()), page.as_bytes());
        assert!(dir.join("app_bg.wasm.br").exists() && dir.join("app_bg.wasm.gz").exists());
        // Too small to gain, not text, or a stale copy: none of them.
        for absent in ["tiny.js.br", "photo.jpg.br", "photo.jpg.gz", "gone.css.br"] {
            assert!(!dir.join(absent).exists(), "{absent}");
        }

        let again = compress(&dir, false).unwrap();
        assert_eq!((again.written, again.kept, again.removed), (0, 2, 0));

        // A changed page gets new copies (its copy is older than it now).
        std::thread::sleep(std::time::Duration::from_millis(20));
        let changed = "<!doctype html><p>Stepanakert</p>".repeat(100);
        std::fs::write(dir.join("article/a/index.html"), &changed).unwrap();
        let third = compress(&dir, false).unwrap();
        assert_eq!((third.written, third.kept), (1, 1));
        assert_eq!(unbrotli(&std::fs::read(dir.join("article/a/index.html.br")).unwrap()), changed.as_bytes());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
