//! One story's entities as the components need them: spans per block, the entity table, and
//! each mention's sentence.

use crate::Article;
use crate::text::{entity_id, sentences};

use super::{Analysis, EntityType, Group};

#[derive(Debug, Clone, PartialEq)]
pub struct SpanInfo {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityInfo {
    pub id: String,
    pub kind: EntityType,
    pub name: String,
    pub mentions: usize,
    /// A page about the entity, from the publisher's hints.
    pub same_as: Option<String>,
    /// The publisher listed this entity too.
    pub confirmed: bool,
}

impl EntityInfo {
    pub fn group(&self) -> Group {
        Group::of(self.kind)
    }
}

#[derive(Debug, Clone, PartialEq)]
struct BlockEntities {
    key: String,
    text: String,
    spans: Vec<SpanInfo>,
    sentences: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoryEntities {
    /// Per text block, in reading order: key, text, spans, sentence ranges.
    blocks: Vec<BlockEntities>,
    /// Block key → position in `blocks`.
    positions: std::collections::HashMap<String, usize>,
    /// Every entity, most-mentioned first.
    pub entities: Vec<EntityInfo>,
}

impl StoryEntities {
    /// Joins the recogniser's answer to the blocks it was given (`texts`, in the same order). A
    /// mention's sentence is cut by [`crate::text::sentences`], as the build's index cuts it.
    pub fn new(article: &Article, texts: Vec<(String, String)>, analysis: Analysis) -> Self {
        let mut table: Vec<EntityInfo> = analysis
            .entities
            .into_iter()
            .map(|e| EntityInfo { id: e.id, kind: e.kind, name: e.name, mentions: 0, same_as: None, confirmed: false })
            .collect();
        // Entity id → position in `table`; a long story has thousands of mentions.
        let mut index: std::collections::HashMap<String, usize> =
            table.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        let mut blocks = Vec::new();
        for ((key, text), block_spans) in texts.into_iter().zip(analysis.blocks) {
            let mut infos = Vec::new();
            for span in block_spans {
                let Some(surface) = text.get(span.start..span.end) else { continue };
                // Dates and numbers have no entity of their own: their text names them.
                let id = span.entity_id.unwrap_or_else(|| entity_id(span.kind, surface));
                match index.get(&id) {
                    Some(&i) => table[i].mentions += 1,
                    None => {
                        index.insert(id.clone(), table.len());
                        table.push(EntityInfo {
                            id: id.clone(),
                            kind: span.kind,
                            name: surface.to_string(),
                            mentions: 1,
                            same_as: None,
                            confirmed: false,
                        })
                    }
                }
                infos.push(SpanInfo { start: span.start, end: span.end, kind: span.kind, id });
            }
            let cut = sentences(&text);
            blocks.push(BlockEntities { key, text, spans: infos, sentences: cut });
        }
        table.retain(|e| e.mentions > 0);
        for hint in &article.entities {
            let same = |e: &EntityInfo| e.name.eq_ignore_ascii_case(&hint.name) && e.kind == hint.kind;
            if let Some(e) = table.iter_mut().find(|e| same(e)) {
                e.confirmed = true;
                e.same_as = hint.same_as.clone();
            }
        }
        // Most-mentioned first; ties in order of first mention (the sort is stable).
        table.sort_by_key(|e| std::cmp::Reverse(e.mentions));
        let positions = blocks.iter().enumerate().map(|(i, b)| (b.key.clone(), i)).collect();
        StoryEntities { blocks, positions, entities: table }
    }

    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// The position of a block in reading order.
    pub fn block_index(&self, block: &str) -> Option<usize> {
        self.positions.get(block).copied()
    }

    /// The spans of one block (see `Article::text_blocks` for the keys).
    pub fn spans(&self, block: &str) -> &[SpanInfo] {
        self.block_index(block).map(|i| self.blocks[i].spans.as_slice()).unwrap_or(&[])
    }

    pub fn entity(&self, id: &str) -> Option<&EntityInfo> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Entities by group, in legend order, each group most-mentioned first.
    pub fn by_group(&self) -> Vec<(Group, Vec<EntityInfo>)> {
        Group::ALL
            .iter()
            .map(|&g| (g, self.entities.iter().filter(|e| e.group() == g).cloned().collect::<Vec<_>>()))
            .filter(|(_, list)| !list.is_empty())
            .collect()
    }

    /// The sentences that mention an entity, in reading order, each once, with its block key.
    pub fn sentences_of(&self, id: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for BlockEntities { key, text, spans, sentences } in &self.blocks {
            for span in spans.iter().filter(|s| s.id == id) {
                let (start, end) = sentences
                    .iter()
                    .copied()
                    .find(|&(s, e)| s <= span.start && span.end <= e)
                    .unwrap_or((0, text.len()));
                let sentence = text.get(start..end).unwrap_or(text).to_string();
                if !out.iter().any(|(k, s)| k == key && *s == sentence) {
                    out.push((key.clone(), sentence));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, Span};

    const SEED: &str = include_str!(
        "../../../../public/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json"
    );

    fn span(start: usize, end: usize, kind: EntityType, id: Option<&str>) -> Span {
        Span { start, end, kind, entity_id: id.map(str::to_string) }
    }

    #[test]
    fn joins_spans_entities_hints_and_sentences() {
        let article = Article::from_json(SEED).unwrap();
        //           0         1         2         3         4         5
        //           0123456789012345678901234567890123456789012345678901234
        let text = "Michelle Bachelet spoke on 1 October. Bachelet met Nagorno-Karabakh envoys.";
        let analysis = Analysis {
            blocks: vec![
                vec![
                    span(0, 17, EntityType::Per, Some("per-michelle-bachelet")),
                    span(27, 36, EntityType::Date, None),
                    span(38, 46, EntityType::Per, Some("per-michelle-bachelet")),
                    span(51, 67, EntityType::Loc, Some("loc-nagorno-karabakh")),
                    // Past the end of the text: dropped, not a panic.
                    span(70, 99, EntityType::Org, Some("org-nowhere")),
                ],
                vec![span(0, 4, EntityType::Misc, Some("misc-lost"))],
            ],
            entities: vec![
                Entity {
                    id: "per-michelle-bachelet".into(),
                    kind: EntityType::Per,
                    name: "Michelle Bachelet".into(),
                    mentions: 2,
                },
                Entity {
                    id: "loc-nagorno-karabakh".into(),
                    kind: EntityType::Loc,
                    name: "Nagorno-Karabakh".into(),
                    mentions: 1,
                },
                Entity { id: "org-nowhere".into(), kind: EntityType::Org, name: "Nowhere".into(), mentions: 1 },
            ],
        };
        // One block given, so the second block of spans has no text to join.
        let texts = vec![("body:p1".to_string(), text.to_string())];
        let story = StoryEntities::new(&article, texts, analysis);

        let table: Vec<(&str, usize, bool)> =
            story.entities.iter().map(|e| (e.id.as_str(), e.mentions, e.confirmed)).collect();
        assert_eq!(
            table,
            [("per-michelle-bachelet", 2, true), ("loc-nagorno-karabakh", 1, true), ("date-1-october", 1, false)]
        );
        let bachelet = story.entity("per-michelle-bachelet").unwrap();
        assert_eq!(bachelet.same_as.as_deref(), Some("https://en.wikipedia.org/wiki/Michelle_Bachelet"));
        assert_eq!(story.entity("date-1-october").unwrap().name, "1 October");
        assert_eq!(story.spans("body:p1").len(), 4);
        assert!(story.spans("body:p2").is_empty());
        assert_eq!(
            story.sentences_of("per-michelle-bachelet"),
            [
                ("body:p1".to_string(), "Michelle Bachelet spoke on 1 October.".to_string()),
                ("body:p1".to_string(), "Bachelet met Nagorno-Karabakh envoys.".to_string()),
            ]
        );
        let groups: Vec<(Group, usize)> = story.by_group().into_iter().map(|(g, list)| (g, list.len())).collect();
        assert_eq!(groups, [(Group::Person, 1), (Group::Place, 1), (Group::Date, 1)]);
    }
}
