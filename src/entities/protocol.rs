//! Messages between the reader and the recogniser's worker, as JSON strings.

use lede_ner::Analysis;
use serde::{Deserialize, Serialize};

/// The worker's first message: it is ready to take requests.
pub const READY: &str = "ready";

/// Recognise the entities of one article, given its text blocks in reading order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Echoed in the reply, so a late reply for an earlier story is ignored.
    pub id: u32,
    /// Where the worker fetches the model the first time it is asked.
    pub model_url: String,
    pub blocks: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Outcome {
    Done {
        analysis: Analysis,
        /// Per block, the byte ranges of its sentences, for showing a mention in context.
        sentences: Vec<Vec<(usize, usize)>>,
    },
    Failed(String),
}
