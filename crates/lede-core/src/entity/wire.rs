//! Messages between the reader and the recogniser's worker, both ways as text.
//!
//! Both are written by hand on purpose: serde_json's serialiser and generic decoders would add
//! tens of kilobytes to the reader's own download, which needs none of the recogniser. Both
//! sides call this one module, so they cannot disagree; the tests run natively.
//!
//! Request: a header line, then each block as its length in bytes, a colon and its text
//! (blocks may hold any character, tabs and newlines included):
//! ```text
//! <id>\t<model url>\t<number of blocks>\n<len>:<text><len>:<text>…
//! ```
//! Reply, one record per line, fields separated by tabs:
//! ```text
//! ok <id>                        or   err <id> <message>
//! E <entity id> <TYPE> <name> <mentions>     one per entity
//! B <start>,<end>,<TYPE>,<entity id or ->;…  one per block, in request order
//! ```

use super::{Analysis, Entity, EntityType, Span};

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
    pub fn encode(&self) -> String {
        let mut out = format!("{}\t{}\t{}\n", self.id, clean(&self.model_url), self.blocks.len());
        for block in &self.blocks {
            out += &format!("{}:{block}", block.len());
        }
        out
    }

    /// Reads [`encode`](Self::encode)'s format; `None` for anything else.
    pub fn decode(text: &str) -> Option<Request> {
        let (head, mut rest) = text.split_once('\n')?;
        let mut fields = head.split('\t');
        let id = fields.next()?.parse().ok()?;
        let model_url = fields.next()?.to_string();
        let count: usize = fields.next()?.parse().ok()?;
        if fields.next().is_some() || count > rest.len() {
            return None;
        }
        let mut blocks = Vec::with_capacity(count);
        for _ in 0..count {
            let (len, after) = rest.split_once(':')?;
            let len: usize = len.parse().ok()?;
            blocks.push(after.get(..len)?.to_string());
            rest = &after[len..];
        }
        rest.is_empty().then_some(Request { id, model_url, blocks })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The page cuts each block's sentences itself (`text::sentences`), as the build does.
    Done {
        analysis: Analysis,
    },
    Failed(String),
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

pub fn encode_reply(id: u32, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Failed(message) => format!("err\t{id}\t{}", clean(message)),
        Outcome::Done { analysis } => {
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
    for line in lines {
        let (tag, rest) = line.split_once('\t').unwrap_or((line, ""));
        let items = || rest.split(';').filter(|s| !s.is_empty());
        match tag {
            "E" => {
                let f: Vec<&str> = rest.split('\t').collect();
                if let [id, kind, name, mentions] = f[..] {
                    analysis.entities.push(Entity {
                        id: id.into(),
                        kind: EntityType::from_exact_label(kind)?,
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
                        kind: EntityType::from_exact_label(kind)?,
                        entity_id: (entity != "-").then(|| entity.to_string()),
                    });
                }
                analysis.blocks.push(spans);
            }
            _ => {}
        }
    }
    Some((id, Outcome::Done { analysis }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reads_back_whatever_its_blocks_hold() {
        let request = Request {
            id: 7,
            model_url: "/models/model.bin".into(),
            blocks: vec!["Yerevan, Armenia".into(), "".into(), "tab\there\nnew line 12:34 ünï".into()],
        };
        let text = request.encode();
        assert_eq!(text, "7\t/models/model.bin\t3\n16:Yerevan, Armenia0:29:tab\there\nnew line 12:34 ünï");
        assert_eq!(Request::decode(&text), Some(request));
    }

    #[test]
    fn a_damaged_request_is_refused() {
        for bad in
            ["", "7\t/m\n", "7\t/m\t1\n5:abc", "7\t/m\t1\n3:abcd", "x\t/m\t0\n", "7\t/m\t2\n1:a", "7\t/m\t0\t9\n"]
        {
            assert_eq!(Request::decode(bad), None, "{bad:?}");
        }
        // A length that cuts a character in two.
        assert_eq!(Request::decode("1\t/m\t1\n1:é"), None);
    }

    #[test]
    fn a_reply_reads_back() {
        let analysis = Analysis {
            blocks: vec![
                vec![
                    Span { start: 0, end: 7, kind: EntityType::Loc, entity_id: Some("loc-yerevan".into()) },
                    Span { start: 9, end: 13, kind: EntityType::Date, entity_id: None },
                ],
                vec![],
            ],
            entities: vec![Entity {
                id: "loc-yerevan".into(),
                kind: EntityType::Loc,
                name: "Yerevan".into(),
                mentions: 1,
            }],
        };
        let outcome = Outcome::Done { analysis };
        let text = encode_reply(3, &outcome);
        assert_eq!(text, "ok\t3\nE\tloc-yerevan\tLOC\tYerevan\t1\nB\t0,7,LOC,loc-yerevan;9,13,DATE,-\nB\t\n");
        assert_eq!(decode_reply(&text), Some((3, outcome)));
        let failed = encode_reply(4, &Outcome::Failed("no\tmodel\nhere".into()));
        assert_eq!(decode_reply(&failed), Some((4, Outcome::Failed("no model here".into()))));
        assert_eq!(decode_reply("ok\tx\n"), None);
        assert_eq!(decode_reply("ok\t1\nB\t0,1,NOPE,-\n"), None);
    }
}
