//! `lede-ner`: train, evaluate, tag and benchmark the recogniser.

use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use lede_ner::model_format::Quantisation;
use lede_ner::tags::EntityType;
use lede_ner::train::{Event, TrainOptions};
use lede_ner::{Recogniser, conll, eval};

const DEFAULT_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/model.bin");
const DEFAULT_GAZETTEER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.txt");
const DEFAULT_CLUSTERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/clusters.txt");
const DEFAULT_HEADS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/heads.txt");
const DEFAULT_ANCHORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/anchors.tsv");
const DEFAULT_CHART: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/entities-f1-size.svg");

#[derive(Parser)]
#[command(name = "lede-ner", version, about = "Lede's named-entity recogniser: train, evaluate, tag, benchmark.")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Read text on stdin; print spans (byte offsets into the input) and entities as JSON.
    Tag {
        /// Model file.
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        /// Treat each blank-line-separated paragraph as its own block (offsets are then per block).
        #[arg(long)]
        blocks: bool,
        /// Print the tokens and their BILOU tags (one per line) instead of JSON; for debugging.
        #[arg(long)]
        tokens: bool,
    },
    /// Score a CoNLL file (token first column, tag last; BIO2 or IOB1) with conlleval-style exact match.
    Eval {
        /// CoNLL file.
        file: PathBuf,
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Comma-separated types to score (default: all four).
        #[arg(long, value_delimiter = ',')]
        types: Vec<String>,
        /// Also print every sentence with an error (gold vs predicted), for error analysis.
        #[arg(long)]
        errors: bool,
        /// Also print the confusion matrix, boundary errors and recall by class (length, digits,
        /// and seen/unseen in training with --seen-in).
        #[arg(long)]
        confusion: bool,
        /// Score the file with its datelines rewritten in today's wire forms first (as
        /// `train --modern-datelines` does to the training data): a robustness check.
        #[arg(long)]
        modern_datelines: bool,
        /// Training file(s) whose names count as "seen" for --confusion (e.g. CoNLL train and valid).
        #[arg(long, value_delimiter = ',')]
        seen_in: Vec<PathBuf>,
        /// Override the model's beam width (1 = greedy).
        #[arg(long)]
        beam: Option<usize>,
    },
    /// Train a model (averaged perceptron) and write it.
    Train {
        #[arg(long)]
        train: PathBuf,
        #[arg(long)]
        valid: PathBuf,
        #[arg(long, default_value = DEFAULT_MODEL)]
        out: PathBuf,
        #[arg(long, default_value = DEFAULT_GAZETTEER)]
        gazetteer: PathBuf,
        /// Brown-cluster list (tools/build_clusters.py), stored in the model with the gazetteer.
        #[arg(long, default_value = DEFAULT_CLUSTERS)]
        clusters: PathBuf,
        /// Train without the cluster list.
        #[arg(long)]
        no_clusters: bool,
        /// Store the head-noun classes (--heads) in the model: a capitalised run's tokens then see
        /// the WordNet class of the run's last word. Off by default.
        #[arg(long)]
        head_nouns: bool,
        /// Also spread appositive/copular definitions ("X, a company ...", "X is a railway ...")
        /// over the document: every mention of X sees the class of the defining noun. Needs
        /// --head-nouns; off by default.
        #[arg(long, requires = "head_nouns")]
        definitions: bool,
        /// Head-noun list (tools/build_heads.py), used with --head-nouns.
        #[arg(long, default_value = DEFAULT_HEADS)]
        heads: PathBuf,
        /// Rewrite three in four training datelines in today's wire forms ("LONDON ( Reuters ) - ...";
        /// `conll::with_modern_datelines`).
        #[arg(long)]
        modern_datelines: bool,
        /// Comma-separated gazetteer lists to leave out of the model (e.g. `dict`).
        #[arg(long, value_delimiter = ',')]
        drop_lists: Vec<String>,
        /// Hash buckets = 2^bits.
        #[arg(long, default_value_t = 19)]
        bits: u32,
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Disable the second, document-memory pass.
        #[arg(long)]
        one_pass: bool,
        #[arg(long, default_value_t = 4)]
        folds: usize,
        #[arg(long, default_value_t = 8)]
        fold_epochs: usize,
        /// Drop int8 weights with magnitude below this.
        #[arg(long, default_value_t = 2)]
        min_weight: i8,
        #[arg(long, default_value_t = 1.0)]
        clip_quantile: f64,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Average the weights of this many models trained on different shuffles.
        #[arg(long, default_value_t = 4)]
        ensemble: usize,
        /// After choosing the epochs on --valid, refit the final weights on train + valid.
        #[arg(long)]
        refit_with_valid: bool,
        /// Hide the word-identity features of this many tokens per thousand during training.
        #[arg(long, default_value_t = 0)]
        word_dropout: u32,
        /// Beam width for decoding (stored in the model; 1 = greedy).
        #[arg(long, default_value_t = 4)]
        beam: usize,
        /// Beam width for training updates (1 = per-token greedy updates; >1 = early update).
        #[arg(long, default_value_t = 4)]
        train_beam: usize,
    },
    /// Draw F1 (CoNLL test, PER/LOC/ORG) against size (KB brotli) as SVG, from the anchors table.
    Chart {
        /// `system<TAB>F1<TAB>KB brotli<TAB>source` lines (`-` for an unknown size).
        #[arg(long, default_value = DEFAULT_ANCHORS)]
        anchors: PathBuf,
        #[arg(long, default_value = DEFAULT_CHART)]
        out: PathBuf,
    },
    /// Measure tagging throughput (words/second) on a CoNLL file or on text.
    Bench {
        /// CoNLL file or plain text file (default: the committed wikigold fixture).
        file: Option<PathBuf>,
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        /// Repetitions.
        #[arg(long, default_value_t = 3)]
        reps: usize,
        /// Override the model's beam width (1 = greedy).
        #[arg(long)]
        beam: Option<usize>,
    },
}

fn load(model: &PathBuf) -> Recogniser {
    let bytes = std::fs::read(model).unwrap_or_else(|e| die(&format!("cannot read model {}: {e}", model.display())));
    Recogniser::from_bytes(&bytes).unwrap_or_else(|e| die(&format!("cannot load model {}: {e}", model.display())))
}

fn die(msg: &str) -> ! {
    eprintln!("lede-ner: {msg}");
    std::process::exit(2)
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| die(&format!("cannot read {}: {e}", path.display())))
}

fn main() {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Tag { model, blocks, tokens } => cmd_tag(&model, blocks, tokens),
        Cmd::Eval { file, model, json, types, errors, confusion, modern_datelines, seen_in, beam } => {
            cmd_eval(&file, &model, json, &types, (errors, confusion, modern_datelines, &seen_in), beam)
        }
        Cmd::Train {
            train,
            valid,
            out,
            gazetteer,
            clusters,
            no_clusters,
            head_nouns,
            definitions,
            heads,
            drop_lists,
            modern_datelines,
            bits,
            epochs,
            one_pass,
            folds,
            fold_epochs,
            min_weight,
            clip_quantile,
            seed,
            ensemble,
            refit_with_valid,
            word_dropout,
            beam,
            train_beam,
        } => {
            let opts = TrainOptions {
                bits,
                epochs,
                folds,
                fold_epochs,
                two_pass: !one_pass,
                seed,
                ensemble,
                refit_with_valid,
                word_dropout,
                beam,
                train_beam,
                definitions,
                quant: Quantisation { clip_quantile, min_abs: min_weight },
            };
            let clusters = (!no_clusters).then_some(clusters);
            let heads = head_nouns.then_some(heads);
            let lists = (&gazetteer, clusters.as_ref(), heads.as_ref(), &drop_lists[..]);
            cmd_train(&train, &valid, &out, lists, modern_datelines, opts)
        }
        Cmd::Bench { file, model, reps, beam } => cmd_bench(file, &model, reps, beam),
        Cmd::Chart { anchors, out } => {
            let rows = lede_ner::chart::parse_anchors(&read(&anchors)).unwrap_or_else(|e| die(&e));
            std::fs::write(&out, lede_ner::chart::svg(&rows))
                .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", out.display())));
            eprintln!("wrote {} ({} systems)", out.display(), rows.len());
        }
    }
}

fn cmd_tag(model: &PathBuf, blocks: bool, tokens: bool) {
    let rec = load(model);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).unwrap_or_else(|e| die(&format!("stdin: {e}")));
    if tokens {
        for (words, tags) in rec.debug_tags(&text) {
            for (w, t) in words.iter().zip(tags) {
                println!("{w}\t{}", lede_ner::tags::tag_name(t));
            }
            println!();
        }
        return;
    }
    // Spans carry the matched text too, for people reading the output.
    let with_text = |spans: &[lede_ner::Span], src: &str| -> Vec<serde_json::Value> {
        spans
            .iter()
            .map(|s| {
                let mut v = serde_json::to_value(s).unwrap();
                v["text"] = serde_json::Value::String(src[s.start..s.end].to_string());
                v
            })
            .collect()
    };
    let out = if blocks {
        let parts: Vec<&str> = text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
        let a = rec.analyse(&parts);
        let blocks: Vec<serde_json::Value> = parts
            .iter()
            .zip(&a.blocks)
            .map(|(p, spans)| serde_json::json!({ "text": p, "spans": with_text(spans, p) }))
            .collect();
        serde_json::json!({ "blocks": blocks, "entities": a.entities })
    } else {
        let a = rec.analyse(&[text.as_str()]);
        serde_json::json!({ "spans": with_text(&a.blocks[0], &text), "entities": a.entities })
    };
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}

fn parse_types(types: &[String]) -> Vec<EntityType> {
    if types.is_empty() {
        return lede_ner::tags::LEARNED.to_vec();
    }
    types
        .iter()
        .map(|t| EntityType::from_label(t.trim()).unwrap_or_else(|| die(&format!("unknown type {t}"))))
        .collect()
}

fn cmd_eval(
    file: &PathBuf,
    model: &PathBuf,
    json: bool,
    types: &[String],
    (errors, confusion, modern_datelines, seen_in): (bool, bool, bool, &[PathBuf]),
    beam: Option<usize>,
) {
    let mut rec = load(model);
    if let Some(b) = beam {
        rec.set_beam(b);
    }
    let mut docs = conll::parse(&read(file));
    if modern_datelines {
        docs = conll::with_modern_datelines(&docs);
    }
    let types = parse_types(types);
    let mut scorer = eval::Scorer::new(&types);
    let seen = (!seen_in.is_empty()).then(|| {
        let mut names = std::collections::HashSet::new();
        for f in seen_in {
            names.extend(eval::ErrorAnalysis::names_in(&conll::parse(&read(f))));
        }
        names
    });
    let mut analysis = eval::ErrorAnalysis::new(&types, seen);
    rec.for_each_tagged_sentence(&docs, |s, gold, got| {
        scorer.add(gold, got);
        if confusion {
            analysis.add(&s.words, gold, got);
        }
        if errors {
            let show = |c: &conll::Chunk| format!("{}[{}]", c.kind.label(), s.words[c.start..c.end].join(" "));
            let missed: Vec<String> =
                gold.iter().filter(|g| types.contains(&g.kind) && !got.contains(g)).map(show).collect();
            let spurious: Vec<String> =
                got.iter().filter(|g| types.contains(&g.kind) && !gold.contains(g)).map(show).collect();
            if !missed.is_empty() || !spurious.is_empty() {
                eprintln!(
                    "{}\n  gold only: {}\n  pred only: {}",
                    s.words.join(" "),
                    missed.join("  "),
                    spurious.join("  ")
                );
            }
        }
    });
    let report = scorer.report();
    if json {
        println!("{}", serde_json::to_string(&report).unwrap());
    } else {
        print!("{}", report.to_table());
    }
    if confusion {
        print!("{}", analysis.to_table());
    }
}

fn cmd_train(
    train: &PathBuf,
    valid: &PathBuf,
    out: &PathBuf,
    (gazetteer, clusters, heads, drop_lists): (&PathBuf, Option<&PathBuf>, Option<&PathBuf>, &[String]),
    modern_datelines: bool,
    opts: TrainOptions,
) {
    let start = Instant::now();
    let mut train_docs = conll::parse(&read(train));
    if modern_datelines {
        train_docs = conll::with_modern_datelines(&train_docs);
    }
    let valid_docs = conll::parse(&read(valid));
    // The word lists, less the dropped ones, then the cluster list: one text, stored in the model.
    let mut gaz: String = read(gazetteer)
        .lines()
        .filter(|l| !l.split_once('\t').is_some_and(|(cat, _)| drop_lists.iter().any(|d| d == cat)))
        .flat_map(|l| [l, "\n"])
        .collect();
    if let Some(c) = clusters {
        gaz.push_str(&read(c));
    }
    if let Some(h) = heads {
        gaz.push_str(&read(h));
    }
    let bar = ProgressBar::new(1);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>28} [{bar:30}] {pos}/{len} {elapsed_precise} {msg}")
            .unwrap()
            .progress_chars("=> "),
    );
    let mut on_event = |e: Event| match e {
        Event::Stage(name, n) => {
            bar.set_prefix(name.to_string());
            bar.set_length(n);
            bar.set_position(0);
        }
        Event::Step(msg) => {
            bar.inc(1);
            bar.set_message(msg);
        }
    };
    let res = lede_ner::train::train(&train_docs, &valid_docs, gaz, opts, &mut on_event);
    bar.finish_and_clear();
    let bytes = res.model.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| die(&format!("cannot write {}: {e}", out.display())));
    for l in &res.log {
        eprintln!("{l}");
    }
    let r = &res.valid_report_quantised;
    println!("summary: best epoch {} of {}", res.best_epoch, opts.epochs);
    println!(
        "summary: valid F1 (all four types) {:.2} (float weights trained on train only)",
        100.0 * res.valid_f1_float
    );
    if opts.refit_with_valid {
        println!("summary: shipped weights refitted on train+valid; valid scores below are not held out");
    }
    println!("summary: valid F1 (all four types) {:.2} with the shipped int8 weights", 100.0 * r.overall.f1);
    for (k, s) in &r.per_type {
        println!("summary:   {k:<5} P {:.2} R {:.2} F1 {:.2}", 100.0 * s.precision, 100.0 * s.recall, 100.0 * s.f1);
    }
    println!(
        "summary: model {} bytes ({} weight rows, gazetteer {} bytes) -> {}",
        bytes.len(),
        res.model.num_rows(),
        res.model.gazetteer_text.len(),
        out.display()
    );
    println!("summary: {:.1} s", start.elapsed().as_secs_f64());
}

fn cmd_bench(file: Option<PathBuf>, model: &PathBuf, reps: usize, beam: Option<usize>) {
    let t = Instant::now();
    let mut rec = load(model);
    println!("model load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    if let Some(b) = beam {
        rec.set_beam(b);
    }
    println!("beam width: {}", rec.beam());
    let path = file
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wikigold.conll.txt")));
    let docs = conll::parse(&read(&path));
    let words: usize = docs.iter().flat_map(|d| &d.sentences).map(|s| s.words.len()).sum();
    // Tagger only, on the file's own tokens.
    let t = Instant::now();
    for _ in 0..reps {
        for d in &docs {
            let w: Vec<Vec<&str>> = d.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
            std::hint::black_box(rec.tag_tokens(&w));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "tagger (pre-tokenised): {} words x {} reps in {:.3} s: {:.0} words/s",
        words,
        reps,
        secs,
        (words * reps) as f64 / secs
    );
    // Full pipeline on text: tokenise, tag, rules, link (one article per document).
    let texts: Vec<String> =
        docs.iter().map(|d| d.sentences.iter().map(|s| s.words.join(" ")).collect::<Vec<_>>().join("\n")).collect();
    let t = Instant::now();
    for _ in 0..reps {
        for text in &texts {
            std::hint::black_box(rec.analyse(&[text.as_str()]));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "analyse (text in, spans + entities out): {} words x {} reps in {:.3} s: {:.0} words/s",
        words,
        reps,
        secs,
        (words * reps) as f64 / secs
    );
}
