//! The training procedure behind `lede-ner train`: feature precomputation, (optionally) jackknifed
//! first-pass predictions for the document-memory features, averaged-perceptron epochs with model
//! selection on the validation file, then quantisation.

use crate::conll::{self, Document};
use crate::eval::{Report, Scorer};
use crate::features::{DocContext, Featuriser, TokInfo};
use crate::gazetteer::Gazetteer;
use crate::model_format::{FLAG_DEFINITIONS, FLAG_TWO_PASS, QuantModel, Quantisation};
use crate::perceptron::{DenseWeights, Trainer, Weights};
use crate::tagger::{Scratch, build_memory, tag_document};
use crate::tags::{LEARNED, decode_bilou, encode_bilou};

#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub bits: u32,
    pub epochs: usize,
    /// Folds for the jackknifed first pass (two-pass models only).
    pub folds: usize,
    /// Epochs for each fold model.
    pub fold_epochs: usize,
    pub two_pass: bool,
    pub seed: u64,
    /// Train this many final models on different shuffles and average their weights.
    pub ensemble: usize,
    /// After choosing epochs on valid, refit the shipped weights on train + valid.
    pub refit_with_valid: bool,
    /// Word dropout during training, per mille of tokens.
    pub word_dropout: u32,
    /// Beam width used when tagging (stored in the model; 1 = greedy).
    pub beam: usize,
    /// Beam width for training updates (1 = greedy per-token updates; >1 = early-update beam search).
    pub train_beam: usize,
    /// Appositive/copular definitions spread over the document (needs the head-noun lists).
    pub definitions: bool,
    pub quant: Quantisation,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: 19,
            epochs: 12,
            folds: 4,
            fold_epochs: 8,
            two_pass: true,
            seed: 7,
            ensemble: 1,
            refit_with_valid: false,
            word_dropout: 0,
            beam: 4,
            train_beam: 4,
            definitions: false,
            quant: Quantisation { clip_quantile: 1.0, min_abs: 2 },
        }
    }
}

/// Progress events for a UI.
pub enum Event<'a> {
    /// A new stage with a number of steps.
    Stage(&'a str, u64),
    /// One step done, with a message.
    Step(String),
}

pub struct TrainResult {
    pub model: QuantModel,
    pub best_epoch: usize,
    pub valid_f1_float: f64,
    pub valid_report_quantised: Report,
    pub log: Vec<String>,
}

/// A sentence prepared for training: static features per token (one view without and, for
/// two-pass models, one with document memory), token infos and gold tags.
struct Prepared {
    views: Vec<Vec<Vec<u32>>>,
    infos: Vec<TokInfo>,
    gold: Vec<usize>,
}

fn doc_words(d: &Document) -> Vec<Vec<&str>> {
    d.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect()
}

fn gold_tags(d: &Document) -> Vec<Vec<usize>> {
    d.sentences.iter().map(|s| encode_bilou(s.words.len(), &conll::chunks(&s.tags))).collect()
}

/// Small deterministic RNG for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Score documents with the given weights.
pub fn evaluate<W: Weights>(
    w: &W,
    fz: &Featuriser,
    gaz: &Gazetteer,
    docs: &[Document],
    two_pass: bool,
    beam: usize,
    types: &[crate::tags::EntityType],
) -> Report {
    let mut scorer = Scorer::new(types);
    let mut scratch = Scratch::default();
    for d in docs {
        let words = doc_words(d);
        let pred = tag_document(w, fz, gaz, &words, two_pass, beam, &mut scratch);
        for (s, p) in d.sentences.iter().zip(&pred) {
            scorer.add(&conll::chunks(&s.tags), &decode_bilou(p));
        }
    }
    scorer.report()
}

fn prepare(
    fz: &Featuriser,
    gaz: &Gazetteer,
    docs: &[Document],
    memories: Option<&[Vec<Vec<usize>>]>,
) -> Vec<Vec<Prepared>> {
    let mut out = Vec::with_capacity(docs.len());
    for (di, d) in docs.iter().enumerate() {
        // The same folding as `tagger::tag_document` applies at tagging time.
        let raw = doc_words(d);
        let words = crate::tokenise::normalise_document(&raw);
        let golds = gold_tags(d);
        let mut ctx = DocContext::build(&words);
        if fz.definitions {
            ctx.add_definitions(&words, gaz);
        }
        let mut prepared = Vec::new();
        for (ws, g) in words.iter().zip(golds) {
            let mut feats = Vec::new();
            let mut infos = Vec::new();
            fz.sentence(ws, gaz, &ctx, false, &mut feats, &mut infos);
            feats.truncate(ws.len());
            prepared.push(Prepared { views: vec![feats], infos, gold: g });
        }
        if let Some(mem) = memories {
            ctx.memory = build_memory(&words, &mem[di]);
            for (ws, p) in words.iter().zip(prepared.iter_mut()) {
                let mut feats = Vec::new();
                let mut infos = Vec::new();
                fz.sentence(ws, gaz, &ctx, true, &mut feats, &mut infos);
                feats.truncate(ws.len());
                p.views.push(feats);
            }
        }
        out.push(prepared);
    }
    out
}

/// Run perceptron epochs over prepared documents; after each epoch, `check` scores the averaged
/// weights (higher is better) and the best averaged weights are returned.
#[allow(clippy::too_many_arguments)]
fn run_epochs(
    (word_dropout, train_beam): (u32, usize),
    fz: &Featuriser,
    data: &[Vec<Prepared>],
    epochs: usize,
    seed: u64,
    progress: &mut dyn FnMut(Event),
    mut check: impl FnMut(&DenseWeights) -> Option<f64>,
    log: &mut Vec<String>,
) -> (DenseWeights, usize, f64) {
    let mut tr = Trainer::new(fz.bits);
    tr.word_dropout = word_dropout;
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (d, doc) in data.iter().enumerate() {
        for (s, p) in doc.iter().enumerate() {
            for v in 0..p.views.len() {
                order.push((d, s, v));
            }
        }
    }
    let mut rng = Rng(seed | 1);
    let mut best: Option<(DenseWeights, usize, f64)> = None;
    let mut dyn_buf = Vec::new();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let mut errors = 0;
        let mut tokens = 0;
        for &(d, s, v) in &order {
            let p = &data[d][s];
            errors += if train_beam > 1 {
                tr.learn_sentence_beam(fz, &p.views[v], &p.infos, &p.gold, train_beam, &mut dyn_buf)
            } else {
                tr.learn_sentence(fz, &p.views[v], &p.infos, &p.gold, &mut dyn_buf)
            };
            tokens += p.gold.len();
        }
        let avg = tr.averaged();
        let score = check(&avg);
        let msg = match score {
            Some(f) => format!(
                "epoch {epoch}: train token error {:.3}%, valid F1 {:.2}",
                100.0 * errors as f64 / tokens as f64,
                100.0 * f
            ),
            None => format!("epoch {epoch}: train token error {:.3}%", 100.0 * errors as f64 / tokens as f64),
        };
        log.push(msg.clone());
        progress(Event::Step(msg));
        let f = score.unwrap_or(epoch as f64);
        if best.as_ref().is_none_or(|b| f > b.2) {
            best = Some((avg, epoch, f));
        }
    }
    best.expect("at least one epoch")
}

/// Jackknifed first-pass predictions so the memory features look at train time the way they will
/// at test time (made by a model that has not seen the document).
fn jackknife(
    fz: &Featuriser,
    gaz: &Gazetteer,
    docs: &[Document],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Event),
    log: &mut Vec<String>,
) -> Vec<Vec<Vec<usize>>> {
    let folds = opts.folds.max(2);
    progress(Event::Stage("fold models (first pass)", (folds * opts.fold_epochs) as u64));
    let mut mem: Vec<Vec<Vec<usize>>> = vec![Vec::new(); docs.len()];
    for k in 0..folds {
        let held: Vec<usize> = (0..docs.len()).filter(|i| i % folds == k).collect();
        let kept: Vec<Document> =
            docs.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, d)| d.clone()).collect();
        let data = prepare(fz, gaz, &kept, None);
        let (w, _, _) = run_epochs(
            (opts.word_dropout, opts.train_beam),
            fz,
            &data,
            opts.fold_epochs,
            opts.seed + k as u64,
            progress,
            |_| None,
            log,
        );
        let mut scratch = Scratch::default();
        for &i in &held {
            let words = doc_words(&docs[i]);
            mem[i] = tag_document(&w, fz, gaz, &words, false, opts.beam, &mut scratch);
        }
    }
    mem
}

fn average(runs: &[DenseWeights]) -> DenseWeights {
    let n = runs.len() as f32;
    let mut avg = runs[0].clone();
    for w in &runs[1..] {
        for (a, b) in avg.w.iter_mut().zip(&w.w) {
            *a += *b;
        }
    }
    for a in &mut avg.w {
        *a /= n;
    }
    avg
}

/// Train a model on `train`, selecting the epoch and checking quantisation on `valid`.
pub fn train(
    train_docs: &[Document],
    valid_docs: &[Document],
    gazetteer_text: String,
    opts: TrainOptions,
    progress: &mut dyn FnMut(Event),
) -> TrainResult {
    let fz = Featuriser { bits: opts.bits, definitions: opts.definitions };
    let gaz = Gazetteer::parse(&gazetteer_text);
    let mut log = vec![format!(
        "train: {} documents, {} sentences; valid: {} documents; gazetteer: {} entries; buckets 2^{}",
        train_docs.len(),
        train_docs.iter().map(|d| d.sentences.len()).sum::<usize>(),
        valid_docs.len(),
        gaz.len(),
        opts.bits
    )];
    let memories = if opts.two_pass { Some(jackknife(&fz, &gaz, train_docs, &opts, progress, &mut log)) } else { None };
    progress(Event::Stage("features", 1));
    let data = prepare(&fz, &gaz, train_docs, memories.as_deref());
    progress(Event::Step(format!("{} training sentences prepared", data.iter().map(Vec::len).sum::<usize>())));
    progress(Event::Stage("final model", (opts.epochs * opts.ensemble.max(1)) as u64));
    let two_pass = opts.two_pass;
    let mut runs = Vec::new();
    for k in 0..opts.ensemble.max(1) {
        let (w, epoch, f1) = run_epochs(
            (opts.word_dropout, opts.train_beam),
            &fz,
            &data,
            opts.epochs,
            opts.seed + 1000 * k as u64,
            progress,
            |w| Some(evaluate(w, &fz, &gaz, valid_docs, two_pass, opts.beam, &LEARNED).overall.f1),
            &mut log,
        );
        log.push(format!("run {}: best epoch {epoch}, valid F1 {:.2}", k + 1, 100.0 * f1));
        runs.push((w, epoch, f1));
    }
    // Averaging the weights of perceptrons trained on different shuffles is a cheap ensemble: the
    // result is one linear model of the same shape.
    let best_epoch = runs.iter().map(|r| r.1).max().unwrap();
    let mut best = if runs.len() == 1 {
        runs[0].0.clone()
    } else {
        average(&runs.iter().map(|r| r.0.clone()).collect::<Vec<_>>())
    };
    let best_f1 = evaluate(&best, &fz, &gaz, valid_docs, two_pass, opts.beam, &LEARNED).overall.f1;
    log.push(format!("selected on valid: F1 {:.2} (float, trained on train only)", 100.0 * best_f1));
    if opts.refit_with_valid {
        // Hyper-parameters (epochs per run) are fixed on valid above; the shipped weights are then
        // refitted on train + valid with the same settings.
        let all: Vec<Document> = train_docs.iter().chain(valid_docs).cloned().collect();
        let memories = if two_pass { Some(jackknife(&fz, &gaz, &all, &opts, progress, &mut log)) } else { None };
        let data = prepare(&fz, &gaz, &all, memories.as_deref());
        progress(Event::Stage("refit on train+valid", runs.iter().map(|r| r.1 as u64).sum()));
        let mut refits = Vec::new();
        for (k, r) in runs.iter().enumerate() {
            let (w, _, _) = run_epochs(
                (opts.word_dropout, opts.train_beam),
                &fz,
                &data,
                r.1,
                opts.seed + 1000 * k as u64,
                progress,
                |_| None,
                &mut log,
            );
            refits.push(w);
        }
        best = average(&refits);
    }
    let flags = if two_pass { FLAG_TWO_PASS } else { 0 }
        | if opts.definitions { FLAG_DEFINITIONS } else { 0 }
        | (opts.beam.clamp(1, 15) as u8) << 4;
    let model = QuantModel::quantise(&best, opts.bits, flags, gazetteer_text, opts.quant);
    let report = evaluate(&model, &fz, &model.gazetteer, valid_docs, two_pass, opts.beam, &LEARNED);
    log.push(format!(
        "best epoch {best_epoch}: valid F1 {:.2} (float), {:.2} (int8, {} rows){}",
        100.0 * best_f1,
        100.0 * report.overall.f1,
        model.num_rows(),
        if opts.refit_with_valid { " -- int8 figure after refitting on train+valid, so not held out" } else { "" }
    ));
    TrainResult { model, best_epoch, valid_f1_float: best_f1, valid_report_quantised: report, log }
}
