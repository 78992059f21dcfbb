//! Exports for bench/ner-browser.mjs (`scripts/bench-ner.sh --lab`): load the committed model,
//! then time the tagger on the wikigold fixture's tokens and the full `analyse` on its text. The clock comes from the host (`env.now`, ms).

use lede_ner::{Recogniser, conll};

const MODEL: &[u8] = include_bytes!("../../data/model.bin");
const WIKIGOLD: &str = include_str!("../../tests/fixtures/wikigold.conll.txt");

unsafe extern "C" {
    fn now() -> f64;
}

fn clock() -> f64 {
    // SAFETY: `now` is a pure host function supplied by bench/ner-browser.mjs.
    unsafe { now() }
}

static mut RESULTS: [f64; 4] = [0.0; 4];

/// Runs the benchmark and returns a pointer to four f64: words, load ms, tagger words/s,
/// analyse words/s.
#[unsafe(no_mangle)]
pub extern "C" fn bench(reps: u32, beam: u32) -> *const f64 {
    let t = clock();
    let mut rec = Recogniser::from_bytes(MODEL).expect("model loads");
    let load_ms = clock() - t;
    if beam > 0 {
        rec.set_beam(beam as usize);
    }
    let docs = conll::parse(WIKIGOLD);
    let words: usize = docs.iter().flat_map(|d| &d.sentences).map(|s| s.words.len()).sum();
    let token_docs: Vec<Vec<Vec<&str>>> =
        docs.iter().map(|d| d.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect()).collect();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.words.join(" ")).collect::<Vec<_>>().join("\n"))
        .collect();
    let mut sink = 0usize;
    let t = clock();
    for _ in 0..reps {
        for d in &token_docs {
            sink += rec.tag_tokens(d).len();
        }
    }
    let tag_wps = (words * reps as usize) as f64 / ((clock() - t) / 1000.0);
    let t = clock();
    for _ in 0..reps {
        for text in &texts {
            sink += rec.analyse(&[text.as_str()]).entities.len();
        }
    }
    let analyse_wps = (words * reps as usize) as f64 / ((clock() - t) / 1000.0);
    std::hint::black_box(sink);
    // SAFETY: single-threaded wasm; the host reads the array right after this call returns.
    unsafe {
        RESULTS = [words as f64, load_ms, tag_wps, analyse_wps];
        std::ptr::addr_of!(RESULTS) as *const f64
    }
}
