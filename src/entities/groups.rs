//! How entity types are grouped for the reader, and which groups the reader wants highlighted.

pub use lede_core::entity::Group;

/// The reader's words for a group (the group itself is the core's: [`Group`]).
pub trait GroupText {
    /// Plural label for the legend and the panel.
    fn label(self) -> &'static str;
    /// Singular noun, for accessible names ("Michelle Bachelet, person").
    fn noun(self) -> &'static str;
}

impl GroupText for Group {
    fn label(self) -> &'static str {
        crate::strings::t().groups[self.index()].plural
    }

    fn noun(self) -> &'static str {
        crate::strings::t().groups[self.index()].noun
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
