//! `lede-site corpus`: a clearly synthetic corpus of any size, for benchmarks only, written out.
//! The generator is `lede_core::synthetic`, which the archive bench indexes too.

use std::path::Path;

use lede_core::Article;
use lede_core::synthetic::synthetic_article;

use crate::archive::progress;

/// `lede-site corpus`: writes `count` synthetic articles into `out`, each validated by lede-core
/// first. Returns the bytes written.
pub fn write_corpus(count: usize, out: &Path, seed: u64) -> Result<u64, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let bar = progress(count, "writing");
    let mut bytes = 0u64;
    for i in 0..count {
        let article = synthetic_article(i, count, seed);
        let json = serde_json::to_string_pretty(&article).expect("an article serialises") + "\n";
        if let Err(problems) = Article::from_json(&json) {
            bar.abandon();
            return Err(format!("synthetic article {i} is invalid: {problems}"));
        }
        let path = out.join(format!("{}.json", article.slug));
        std::fs::write(&path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += json.len() as u64;
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(bytes)
}
