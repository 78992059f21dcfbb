//! Problems found while reading a document, each tied to where it was found.

use std::fmt;

/// One thing wrong with a document, with the JSON path to it (`body[3].content[0].href`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

/// Every problem found in a document; never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn one(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problems(vec![Problem { path: path.into(), message: message.into() }])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Collects problems while walking a document, keeping track of the current path.
#[derive(Default)]
pub(crate) struct Collector {
    pub problems: Vec<Problem>,
}

impl Collector {
    pub fn push(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_string(), message: message.into() });
    }

    pub fn finish(self) -> Result<(), Problems> {
        if self.problems.is_empty() { Ok(()) } else { Err(Problems(self.problems)) }
    }
}

/// The largest document (article or feed) read, in bytes. A long-form story is well under 1 MB of
/// JSON; anything near this is a mistake or an attack, and the recogniser would stall on it.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// Reads raw bytes (a file, a response body) as JSON into `T`: like [`from_json`], but bytes that
/// are not UTF-8 are reported with where they start instead of being replaced or panicking.
pub(crate) fn from_json_bytes<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Problems> {
    check_size(bytes.len())?;
    match std::str::from_utf8(bytes) {
        Ok(json) => from_json(json),
        Err(err) => {
            let at = err.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Problems::one("", format!("not UTF-8 text: invalid byte at offset {at} (line {line})")))
        }
    }
}

fn check_size(len: usize) -> Result<(), Problems> {
    if len > MAX_DOCUMENT_BYTES {
        return Err(Problems::one(
            "",
            format!(
                "the document is too large: {}, at most {} MB is read",
                crate::numbers::megabytes(len as u64),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Reads JSON into `T`, reporting syntax errors with line and column and type errors with the
/// path to the offending field (with the `error-paths` feature) or their line and column.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Problems> {
    check_size(json.len())?;
    if json.trim().is_empty() {
        return Err(Problems::one("", "the file is empty"));
    }
    // serde also reads a struct from an array of its fields in order; a document is an object.
    let found = match json.trim_start().as_bytes()[0] {
        b'[' => Some("an array"),
        b'"' => Some("a string"),
        b'-' | b'0'..=b'9' => Some("a number"),
        b't' | b'f' => Some("true or false"),
        b'n' => Some("null"),
        _ => None,
    };
    if let Some(found) = found {
        return Err(Problems::one("", format!("the document must be a JSON object {{…}}, not {found}")));
    }
    #[cfg(feature = "error-paths")]
    {
        let mut de = serde_json::Deserializer::from_str(json);
        let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            json_problem(err.into_inner(), Some(path))
        })?;
        // `serde_json::from_str` does this itself: nothing but whitespace may follow the document.
        de.end().map_err(|err| json_problem(err, None))?;
        Ok(value)
    }
    #[cfg(not(feature = "error-paths"))]
    {
        serde_json::from_str(json).map_err(|err| json_problem(err, None))
    }
}

fn json_problem(err: serde_json::Error, path: Option<String>) -> Problems {
    let at = format!("line {}, column {}", err.line(), err.column());
    match (err.classify(), path) {
        // For broken syntax the line and column say where; a field path would mislead.
        (serde_json::error::Category::Syntax | serde_json::error::Category::Eof, _) => {
            Problems::one("", format!("not valid JSON ({at}): {}", strip_position(&err)))
        }
        (_, Some(path)) => Problems::one(if path == "." { String::new() } else { path }, strip_position(&err)),
        (_, None) => Problems::one("", format!("{} ({at})", strip_position(&err))),
    }
}

/// serde_json appends " at line L column C" to its messages; the path already says where.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
