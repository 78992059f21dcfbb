//! Problems found while importing, each tied to where it was found: a line and column in the
//! page, or a JSON path in the article that came out.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The import fails: nothing is written.
    Error,
    /// Reported, but the article is still written (a source was skipped, a value repaired).
    Warning,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The page as a whole (or a command-line option).
    Page,
    /// 1-based line and column (in characters) in the page.
    At { line: usize, column: usize },
    /// A JSON path in the article that was built (`body[2].content[0].href`).
    Path(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    /// One line for a terminal, compiler style: `page.html:12:5: JSON-LD: "datePublished" …`.
    pub fn render(&self, file: &str) -> String {
        let level = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        match &self.location {
            Location::Page => format!("{file}: {level}{}", self.message),
            Location::At { line, column } => format!("{file}:{line}:{column}: {level}{}", self.message),
            Location::Path(path) => format!("{file}: {level}{path}: {}", self.message),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<page>"))
    }
}

/// Where a problem was found while working, before offsets are turned into lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Loc {
    Page,
    /// A byte offset into the decoded page text.
    Offset(usize),
    /// Already a line and column (found before the page was decoded).
    LineColumn(usize, usize),
    Path(String),
}

impl From<Option<usize>> for Loc {
    fn from(offset: Option<usize>) -> Loc {
        offset.map_or(Loc::Page, Loc::Offset)
    }
}

impl From<usize> for Loc {
    fn from(offset: usize) -> Loc {
        Loc::Offset(offset)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub severity: Severity,
    pub loc: Loc,
    pub message: String,
}

/// Collects problems in the order they are found.
#[derive(Debug, Default)]
pub(crate) struct Diags {
    pub found: Vec<Found>,
}

impl Diags {
    pub fn error(&mut self, loc: impl Into<Loc>, message: impl Into<String>) {
        self.found.push(Found { severity: Severity::Error, loc: loc.into(), message: message.into() });
    }

    pub fn warn(&mut self, loc: impl Into<Loc>, message: impl Into<String>) {
        self.found.push(Found { severity: Severity::Warning, loc: loc.into(), message: message.into() });
    }

    pub fn has_errors(&self) -> bool {
        self.found.iter().any(|f| f.severity == Severity::Error)
    }

    /// Takes over the problems another collector found, all at the given severity: the notes
    /// made while trying the sources of one field become errors when no source had it.
    pub fn absorb(&mut self, other: Diags, severity: Severity) {
        self.found.extend(other.found.into_iter().map(|f| Found { severity, ..f }));
    }
}
