//! How entity types are grouped for the reader, and which groups the reader wants highlighted.

use lede_ner::EntityType;

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

    /// The group of an index entity's kind (`PER`, `LOC`, `ORG`, anything else is other).
    pub fn of_kind(kind: &str) -> Group {
        match kind {
            "PER" => Group::Person,
            "LOC" => Group::Place,
            "ORG" => Group::Organisation,
            _ => Group::Other,
        }
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

    fn index(self) -> usize {
        Group::ALL.iter().position(|g| *g == self).expect("every group is in ALL")
    }

    /// Plural label for the legend and the panel.
    pub fn label(self) -> &'static str {
        crate::strings::t().groups[self.index()].0
    }

    /// Singular noun, for accessible names ("Michelle Bachelet, person").
    pub fn noun(self) -> &'static str {
        crate::strings::t().groups[self.index()].1
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

/// The reader's highlighting choices, kept in local storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HighlightPrefs {
    /// "Highlights off": no marks at all.
    pub off: bool,
    /// Groups switched off one by one.
    pub hidden: Vec<Group>,
}

const STORAGE_KEY: &str = "lede.highlights.v2";

impl HighlightPrefs {
    pub fn shows(&self, group: Group) -> bool {
        !self.off && !self.hidden.contains(&group)
    }

    pub fn toggle(&mut self, group: Group) {
        if let Some(i) = self.hidden.iter().position(|g| *g == group) {
            self.hidden.remove(i);
        } else {
            self.hidden.push(group);
        }
    }

    /// Stored as `off` or `on`, then the hidden groups: `on:Date,Number`. (A hand-written
    /// format: serde_json's serialiser would add kilobytes to the reader's download.)
    pub fn encode(&self) -> String {
        let hidden: Vec<&str> = self.hidden.iter().map(|g| g.code()).collect();
        format!("{}:{}", if self.off { "off" } else { "on" }, hidden.join(","))
    }

    /// Reads [`encode`](Self::encode)'s format; unknown groups are ignored, anything else
    /// unreadable counts as the default.
    pub fn decode(text: &str) -> Self {
        let Some((state, hidden)) = text.split_once(':') else { return Self::default() };
        HighlightPrefs {
            off: state == "off",
            hidden: hidden.split(',').filter_map(|c| Group::ALL.into_iter().find(|g| g.code() == c)).collect(),
        }
    }

    /// The saved choice; never an error.
    pub fn load() -> Self {
        crate::storage::local()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .map(|t| Self::decode(&t))
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let Some(storage) = crate::storage::local() {
            // A full or disabled storage only means the choice is not remembered.
            let _ = storage.set_item(STORAGE_KEY, &self.encode());
        }
    }
}
