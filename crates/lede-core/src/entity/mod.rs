//! The vocabulary of entities, shared by the recogniser (lede-ner), the build tools and the
//! reader: what kind a name is, where it was found, and how the reader groups kinds. Kinds are
//! [`EntityType`] everywhere in code; the labels (`PER`, `LOC`…) appear only in serialised
//! formats (article JSON, the index, the worker's messages, CoNLL files).

pub mod story;
pub mod wire;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every kind of span the recogniser emits. The first four come from the learned tagger, the rest
/// from rules. Serialised as its [`label`](EntityType::label) (`"PER"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Per,
    Loc,
    Org,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
}

// By hand rather than derived: a string and a lookup in the one table of labels. serde's derived
// enum visitor is about a kilobyte of the reader's wasm for each format it is read from.
impl Serialize for EntityType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for EntityType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let label = String::deserialize(deserializer)?;
        EntityType::from_exact_label(&label).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown entity type `{label}`, expected PER, LOC, ORG, MISC…"))
        })
    }
}

impl EntityType {
    /// Every type, named ones first.
    pub const ALL: [EntityType; 10] = [
        EntityType::Per,
        EntityType::Loc,
        EntityType::Org,
        EntityType::Misc,
        EntityType::Date,
        EntityType::Time,
        EntityType::Money,
        EntityType::Percent,
        EntityType::Quantity,
        EntityType::Cardinal,
    ];

    /// The label in serialised formats (the same as serde's name for it).
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Money => "MONEY",
            EntityType::Percent => "PERCENT",
            EntityType::Quantity => "QUANTITY",
            EntityType::Cardinal => "CARDINAL",
        }
    }

    /// Reads a label as Lede's formats write it (`PER`, never `per` or `PERSON`).
    pub fn from_exact_label(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|k| k.label() == s)
    }

    /// Reads a label, also the long forms other annotation schemes use (`PERSON`, `GPE`…).
    pub fn from_label(s: &str) -> Option<EntityType> {
        Some(match s {
            "PERSON" => EntityType::Per,
            "GPE" | "LOCATION" => EntityType::Loc,
            "ORGANIZATION" => EntityType::Org,
            _ => return EntityType::from_exact_label(s),
        })
    }

    /// Named entities (from the tagger) get entity ids and linking; rule types do not.
    pub fn is_named(self) -> bool {
        matches!(self, EntityType::Per | EntityType::Loc | EntityType::Org | EntityType::Misc)
    }

    /// Short lowercase prefix used in entity ids (`per-michelle-bachelet`).
    pub fn slug_prefix(self) -> &'static str {
        match self {
            EntityType::Per => "per",
            EntityType::Loc => "loc",
            EntityType::Org => "org",
            EntityType::Misc => "misc",
            EntityType::Date => "date",
            EntityType::Time => "time",
            EntityType::Money => "money",
            EntityType::Percent => "percent",
            EntityType::Quantity => "quantity",
            EntityType::Cardinal => "cardinal",
        }
    }

    /// The schema.org type of a named entity, for JSON-LD (`Thing` for the rest).
    pub fn schema_org(self) -> &'static str {
        match self {
            EntityType::Per => "Person",
            EntityType::Loc => "Place",
            EntityType::Org => "Organization",
            _ => "Thing",
        }
    }
}

/// One recognised span inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte, into the block's text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Id of the entity in [`Analysis::entities`] for PER/LOC/ORG/MISC; `None` for rule types
    /// (dates, numbers...).
    pub entity_id: Option<String>,
}

/// One entity of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable slug of type and canonical name, e.g. `per-michelle-bachelet`.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name (the fullest form found, or the expansion of a known acronym).
    pub name: String,
    /// Number of spans that refer to it.
    pub mentions: usize,
}

/// The recogniser's result for a whole article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Spans per input block, in the order of the blocks, each sorted by `start`.
    pub blocks: Vec<Vec<Span>>,
    /// Named entities in order of first mention.
    pub entities: Vec<Entity>,
}

/// The groups a reader can switch on and off, in the order the legend lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Person,
    Place,
    Organisation,
    Other,
    Date,
    Number,
}

impl Group {
    pub const ALL: [Group; 6] =
        [Group::Person, Group::Place, Group::Organisation, Group::Other, Group::Date, Group::Number];

    pub fn of(kind: EntityType) -> Group {
        match kind {
            EntityType::Per => Group::Person,
            EntityType::Loc => Group::Place,
            EntityType::Org => Group::Organisation,
            EntityType::Misc => Group::Other,
            EntityType::Date | EntityType::Time => Group::Date,
            EntityType::Money | EntityType::Percent | EntityType::Quantity | EntityType::Cardinal => Group::Number,
        }
    }

    /// Position in [`Group::ALL`] (the legend's order; the reader's strings follow it). The
    /// variants are declared in that order (a test holds them to it).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Stable name for storage.
    pub fn code(self) -> &'static str {
        match self {
            Group::Person => "Person",
            Group::Place => "Place",
            Group::Organisation => "Organisation",
            Group::Other => "Other",
            Group::Date => "Date",
            Group::Number => "Number",
        }
    }

    /// The class that gives the group its colour and underline style.
    pub fn class(self) -> &'static str {
        match self {
            Group::Person => "ent-person",
            Group::Place => "ent-place",
            Group::Organisation => "ent-org",
            Group::Other => "ent-other",
            Group::Date => "ent-date",
            Group::Number => "ent-number",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An independent table of the labels, as the CoNLL files and the article format write them.
    const LABELS: [(&str, EntityType); 10] = [
        ("PER", EntityType::Per),
        ("LOC", EntityType::Loc),
        ("ORG", EntityType::Org),
        ("MISC", EntityType::Misc),
        ("DATE", EntityType::Date),
        ("TIME", EntityType::Time),
        ("MONEY", EntityType::Money),
        ("PERCENT", EntityType::Percent),
        ("QUANTITY", EntityType::Quantity),
        ("CARDINAL", EntityType::Cardinal),
    ];

    #[test]
    fn labels_read_back_and_match_serde() {
        for (label, kind) in LABELS {
            assert_eq!(kind.label(), label);
            assert_eq!(EntityType::from_label(label), Some(kind));
            assert_eq!(EntityType::from_exact_label(label), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{label}\""));
            assert_eq!(serde_json::from_str::<EntityType>(&format!("\"{label}\"")).unwrap(), kind);
        }
        assert_eq!(EntityType::from_label("PERSON"), Some(EntityType::Per));
        assert_eq!(EntityType::from_label("GPE"), Some(EntityType::Loc));
        assert_eq!(EntityType::from_label("ORGANIZATION"), Some(EntityType::Org));
        assert_eq!(EntityType::from_exact_label("PERSON"), None);
        assert_eq!(EntityType::from_label("per"), None);
        assert_eq!(EntityType::from_label(""), None);
        // Serialised formats take the labels only, not the long forms.
        for bad in ["\"PERSON\"", "\"per\"", "7", "null"] {
            assert!(serde_json::from_str::<EntityType>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn groups_cover_every_type() {
        let expected = [
            (EntityType::Per, "Person"),
            (EntityType::Loc, "Place"),
            (EntityType::Org, "Organisation"),
            (EntityType::Misc, "Other"),
            (EntityType::Date, "Date"),
            (EntityType::Time, "Date"),
            (EntityType::Money, "Number"),
            (EntityType::Percent, "Number"),
            (EntityType::Quantity, "Number"),
            (EntityType::Cardinal, "Number"),
        ];
        for (kind, code) in expected {
            assert_eq!(Group::of(kind).code(), code, "{kind:?}");
        }
        for (i, g) in Group::ALL.into_iter().enumerate() {
            assert_eq!(g.index(), i);
        }
    }
}
