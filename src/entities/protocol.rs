//! Messages between the reader and the recogniser's worker.
//!
//! Requests are plain JS objects; replies are a small line-based text format. Both are written
//! by hand on purpose: serde_json's serialiser and generic decoders would add tens of kilobytes
//! to the reader's own download, which needs none of the recogniser.
//!
//! Reply format, one record per line, fields separated by tabs:
//! ```text
//! ok <id>                        or   err <id> <message>
//! E <entity id> <TYPE> <name> <mentions>     one per entity
//! B <start>,<end>,<TYPE>,<entity id or ->;…  one per block, in request order
//! S <start>,<end>;…                          sentence ranges, one per block
//! ```

use js_sys::{Array, Object, Reflect};
use lede_ner::{Analysis, Entity, EntityType, Span};
use wasm_bindgen::{JsCast, JsValue};

/// The worker's first message: it is ready to take requests.
pub const READY: &str = "ready";

/// Recognise the entities of one article, given its text blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Echoed in the reply, to match it with its callback.
    pub id: u32,
    /// Where the worker fetches the model the first time it is asked.
    pub model_url: String,
    pub blocks: Vec<String>,
}

impl Request {
    pub fn to_js(&self) -> JsValue {
        let object = Object::new();
        let blocks: Array = self.blocks.iter().map(|b| JsValue::from_str(b)).collect();
        let _ = Reflect::set(&object, &"id".into(), &self.id.into());
        let _ = Reflect::set(&object, &"modelUrl".into(), &self.model_url.as_str().into());
        let _ = Reflect::set(&object, &"blocks".into(), &blocks);
        object.into()
    }

    pub fn from_js(value: &JsValue) -> Option<Request> {
        let get = |key: &str| Reflect::get(value, &key.into()).ok();
        let blocks: Array = get("blocks")?.dyn_into().ok()?;
        Some(Request {
            id: get("id")?.as_f64()? as u32,
            model_url: get("modelUrl")?.as_string()?,
            blocks: blocks.iter().map(|b| b.as_string().unwrap_or_default()).collect(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done {
        analysis: Analysis,
        /// Per block, the byte ranges of its sentences, for showing a mention in context.
        sentences: Vec<Vec<(usize, usize)>>,
    },
    Failed(String),
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

pub fn encode_reply(id: u32, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Failed(message) => format!("err\t{id}\t{}", clean(message)),
        Outcome::Done { analysis, sentences } => {
            let mut out = format!("ok\t{id}\n");
            for e in &analysis.entities {
                out += &format!("E\t{}\t{}\t{}\t{}\n", e.id, e.kind.label(), clean(&e.name), e.mentions);
            }
            for spans in &analysis.blocks {
                let list: Vec<String> = spans
                    .iter()
                    .map(|s| {
                        format!("{},{},{},{}", s.start, s.end, s.kind.label(), s.entity_id.as_deref().unwrap_or("-"))
                    })
                    .collect();
                out += &format!("B\t{}\n", list.join(";"));
            }
            for ranges in sentences {
                let list: Vec<String> = ranges.iter().map(|(s, e)| format!("{s},{e}")).collect();
                out += &format!("S\t{}\n", list.join(";"));
            }
            out
        }
    }
}

/// Reads a reply; `None` when it is not one (a reply always names its request).
pub fn decode_reply(text: &str) -> Option<(u32, Outcome)> {
    let mut lines = text.lines();
    let mut head = lines.next()?.splitn(3, '\t');
    let status = head.next()?;
    let id: u32 = head.next()?.parse().ok()?;
    if status == "err" {
        return Some((id, Outcome::Failed(head.next().unwrap_or("").to_string())));
    }
    let mut analysis = Analysis::default();
    let mut sentences = Vec::new();
    for line in lines {
        let (tag, rest) = line.split_once('\t').unwrap_or((line, ""));
        let items = || rest.split(';').filter(|s| !s.is_empty());
        match tag {
            "E" => {
                let f: Vec<&str> = rest.split('\t').collect();
                if let [id, kind, name, mentions] = f[..] {
                    analysis.entities.push(Entity {
                        id: id.into(),
                        kind: kind_from_label(kind)?,
                        name: name.into(),
                        mentions: mentions.parse().ok()?,
                    });
                }
            }
            "B" => {
                let mut spans = Vec::new();
                for item in items() {
                    let f: Vec<&str> = item.split(',').collect();
                    let [start, end, kind, entity] = f[..] else { return None };
                    spans.push(Span {
                        start: start.parse().ok()?,
                        end: end.parse().ok()?,
                        kind: kind_from_label(kind)?,
                        entity_id: (entity != "-").then(|| entity.to_string()),
                    });
                }
                analysis.blocks.push(spans);
            }
            "S" => {
                let mut ranges = Vec::new();
                for item in items() {
                    let (s, e) = item.split_once(',')?;
                    ranges.push((s.parse().ok()?, e.parse().ok()?));
                }
                sentences.push(ranges);
            }
            _ => {}
        }
    }
    Some((id, Outcome::Done { analysis, sentences }))
}

fn kind_from_label(label: &str) -> Option<EntityType> {
    use EntityType::*;
    [Per, Loc, Org, Misc, Date, Time, Money, Percent, Quantity, Cardinal].into_iter().find(|k| k.label() == label)
}
