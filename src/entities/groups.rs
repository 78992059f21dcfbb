//! How entity types are grouped for the reader, and which groups the reader wants highlighted.

use lede_ner::EntityType;
use serde::{Deserialize, Serialize};

/// The groups a reader can switch on and off, in the order the legend lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Group {
    Person,
    Place,
    Organisation,
    Other,
    Date,
    Number,
}

impl Group {
    pub const ALL: [Group; 6] = [Group::Person, Group::Place, Group::Organisation, Group::Other, Group::Date, Group::Number];

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

    /// Plural label for the legend and the panel.
    pub fn label(self) -> &'static str {
        match self {
            Group::Person => "People",
            Group::Place => "Places",
            Group::Organisation => "Organisations",
            Group::Other => "Other names",
            Group::Date => "Dates and times",
            Group::Number => "Numbers",
        }
    }

    /// Singular noun, for accessible names ("Michelle Bachelet, person").
    pub fn noun(self) -> &'static str {
        match self {
            Group::Person => "person",
            Group::Place => "place",
            Group::Organisation => "organisation",
            Group::Other => "name",
            Group::Date => "date",
            Group::Number => "number",
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

/// The reader's highlighting choices, kept in local storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HighlightPrefs {
    /// "Highlights off": no marks at all.
    pub off: bool,
    /// Groups switched off one by one.
    pub hidden: Vec<Group>,
}


const STORAGE_KEY: &str = "lede.highlights.v1";

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

    /// The saved choice; anything unreadable counts as the default, never an error.
    pub fn load() -> Self {
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(self)) {
            // A full or disabled storage only means the choice is not remembered.
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
