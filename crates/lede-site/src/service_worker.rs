//! Writes the build's service worker: `public/sw.js` with this build's version and the list of
//! files that make up the app shell (see the comment at the top of `public/sw.js`).

use std::path::Path;

/// Files of the shell: the empty page (`shell.html`, what `lede-prerender` kept of Trunk's
/// `index.html`), Trunk's hashed output, the worker, icons and manifest.
fn is_shell_file(name: &str) -> bool {
    name != "sw.js"
        && (name == "shell.html"
            || name.ends_with(".js")
            || name.ends_with(".wasm")
            || name.ends_with(".css")
            || name.ends_with(".webmanifest")
            || name.starts_with("favicon")
            || name.starts_with("icon-"))
}

pub fn write(template: &Path, dist: &Path) -> Result<(usize, String), String> {
    let source = std::fs::read_to_string(template).map_err(|e| format!("cannot read {}: {e}", template.display()))?;
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_shell_file(n))
        .collect();
    names.sort();
    // FNV-1a over names and contents: a new build with any changed file gets a new version.
    let mut hash = lede_core::hash::Fnv1a::new();
    for name in &names {
        hash.write(name.as_bytes());
        let bytes = std::fs::read(dist.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
        hash.write(&bytes);
    }
    let version = format!("{:016x}", hash.finish());
    let list = names.iter().map(|n| format!("'/{n}'")).collect::<Vec<_>>().join(", ");
    if !source.contains("'BUILD_VERSION'") || !source.contains("[/* PRECACHE */]") || !source.contains("{/* CACHES */}")
    {
        return Err(format!("{} lacks the BUILD_VERSION, PRECACHE or CACHES placeholder", template.display()));
    }
    let out = source
        .replace("'BUILD_VERSION'", &format!("'{version}'"))
        .replace("[/* PRECACHE */]", &format!("[{list}]"))
        .replace("{/* CACHES */}", &lede_core::caches::as_js_object());
    std::fs::write(dist.join("sw.js"), out).map_err(|e| format!("cannot write sw.js: {e}"))?;
    Ok((names.len(), version))
}
