//! A small JSON reader that remembers where every value starts, so a problem in a page's JSON-LD
//! can name its line and column. It accepts what publishers' pages commonly get wrong and
//! browsers' search engines forgive: raw newlines and tabs inside strings, trailing commas,
//! `//` and `/* */` comments, an HTML comment or CDATA wrapper around the whole script, and a
//! trailing `;`.

/// A value and the byte offset (in the page) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    pub at: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Keys in document order; a repeated key keeps both (lookups find the first).
    Object(Vec<(String, Json)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// Byte offset in the page.
    pub at: usize,
    pub message: String,
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parses `text`, which starts at byte `base` of the page.
pub fn parse(text: &str, base: usize) -> Result<Json, JsonError> {
    let mut p = Parser { text, bytes: text.as_bytes(), i: 0, base, depth: 0 };
    p.skip_space();
    for wrapper in ["<!--", "<![CDATA[", "//<![CDATA["] {
        if p.rest().starts_with(wrapper) {
            p.i += wrapper.len();
            p.skip_space();
        }
    }
    if p.i >= p.bytes.len() {
        return Err(p.error_here("the script is empty"));
    }
    let value = p.value()?;
    p.skip_space();
    while p.i < p.bytes.len() && p.bytes[p.i] == b';' {
        p.i += 1;
        p.skip_space();
    }
    for wrapper in ["-->", "//]]>", "]]>"] {
        if p.rest().starts_with(wrapper) {
            p.i += wrapper.len();
            p.skip_space();
        }
    }
    if p.i < p.bytes.len() {
        return Err(p.error_here("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    i: usize,
    base: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.i..]
    }

    fn error_at(&self, i: usize, message: impl Into<String>) -> JsonError {
        JsonError { at: self.base + i, message: message.into() }
    }

    fn error_here(&self, message: impl Into<String>) -> JsonError {
        self.error_at(self.i, message)
    }

    fn found(&self) -> String {
        match self.rest().chars().next() {
            None => "the end of the script".into(),
            Some(c) => format!("`{c}`"),
        }
    }

    fn skip_space(&mut self) {
        loop {
            while self.i < self.bytes.len() && self.bytes[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            // U+00A0 and U+FEFF turn up between tokens in pasted markup.
            if self.rest().starts_with('\u{a0}') || self.rest().starts_with('\u{feff}') {
                self.i += self.rest().chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if self.rest().starts_with("//") && !self.rest().starts_with("//]]>") {
                self.i = self.rest().find('\n').map_or(self.bytes.len(), |n| self.i + n + 1);
                continue;
            }
            if self.rest().starts_with("/*") {
                self.i = self.rest()[2..].find("*/").map_or(self.bytes.len(), |n| self.i + 2 + n + 2);
                continue;
            }
            return;
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        self.skip_space();
        let at = self.base + self.i;
        let value = match self.bytes.get(self.i) {
            None => return Err(self.error_here("unexpected end of the script: a value is missing")),
            Some(b'{') => self.nested(|p| p.object())?,
            Some(b'[') => self.nested(|p| p.array())?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') if self.rest().starts_with("true") => {
                self.i += 4;
                Value::Bool(true)
            }
            Some(b'f') if self.rest().starts_with("false") => {
                self.i += 5;
                Value::Bool(false)
            }
            Some(b'n') if self.rest().starts_with("null") => {
                self.i += 4;
                Value::Null
            }
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error_here(format!("expected a value, found {}", self.found()))),
        };
        Ok(Json { at, value })
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<Value, JsonError>) -> Result<Value, JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        let value = f(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        let open = self.i;
        self.i += 1;
        let mut members = Vec::new();
        loop {
            self.skip_space();
            match self.bytes.get(self.i) {
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(members));
                }
                Some(b'"') => {}
                None => return Err(self.error_at(open, "this object is never closed (the script ends first)")),
                Some(_) => return Err(self.error_here(format!("expected a \"key\" or `}}`, found {}", self.found()))),
            }
            let key = self.string()?;
            self.skip_space();
            if self.bytes.get(self.i) != Some(&b':') {
                return Err(self.error_here(format!("expected `:` after \"{key}\", found {}", self.found())));
            }
            self.i += 1;
            let value = self.value()?;
            members.push((key, value));
            self.skip_space();
            match self.bytes.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {}
                None => return Err(self.error_at(open, "this object is never closed (the script ends first)")),
                Some(_) => return Err(self.error_here(format!("expected `,` or `}}`, found {}", self.found()))),
            }
        }
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        let open = self.i;
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.bytes.get(self.i) {
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error_at(open, "this array is never closed (the script ends first)")),
                _ => {}
            }
            items.push(self.value()?);
            self.skip_space();
            match self.bytes.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {}
                None => return Err(self.error_at(open, "this array is never closed (the script ends first)")),
                Some(_) => return Err(self.error_here(format!("expected `,` or `]`, found {}", self.found()))),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(run) = self.rest().find(['"', '\\']) else {
                return Err(self.error_at(open, "this string is never closed (the script ends first)"));
            };
            out.push_str(&self.rest()[..run]);
            self.i += run;
            if self.bytes[self.i] == b'"' {
                self.i += 1;
                return Ok(out);
            }
            // A backslash escape.
            self.i += 1;
            let Some(c) = self.rest().chars().next() else {
                return Err(self.error_at(open, "this string is never closed (the script ends first)"));
            };
            self.i += c.len_utf8();
            match c {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let first = self.hex4()?;
                    let c = if (0xD800..0xDC00).contains(&first) && self.rest().starts_with("\\u") {
                        let save = self.i;
                        self.i += 2;
                        let second = self.hex4()?;
                        if (0xDC00..0xE000).contains(&second) {
                            char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                        } else {
                            self.i = save;
                            None
                        }
                    } else {
                        char::from_u32(first)
                    };
                    out.push(c.unwrap_or('\u{FFFD}'));
                }
                // `\"`, `\\`, `\/` and, leniently, any other escaped character stand for themselves.
                other => out.push(other),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.i..self.i + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits else {
            return Err(self.error_here("`\\u` must be followed by four hex digits"));
        };
        self.i += 4;
        Ok(u32::from_str_radix(digits, 16).expect("checked hex digits"))
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let s = p.i;
            while p.i < p.bytes.len() && p.bytes[p.i].is_ascii_digit() {
                p.i += 1;
            }
            p.i > s
        };
        if self.bytes[self.i] == b'-' {
            self.i += 1;
        }
        let mut ok = digits(self);
        if self.bytes.get(self.i) == Some(&b'.') {
            self.i += 1;
            ok &= digits(self);
        }
        if matches!(self.bytes.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.bytes.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            ok &= digits(self);
        }
        let text = &self.text[start..self.i];
        match text.parse::<f64>() {
            Ok(n) if ok => Ok(Value::Number(n)),
            _ => Err(self.error_at(start, format!("`{text}` is not a number"))),
        }
    }
}

impl Json {
    /// The first member called `key`, when this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array, or the value itself: schema.org lets any property hold one value
    /// or a list of them.
    pub fn items(&self) -> impl Iterator<Item = &Json> {
        let slice = match &self.value {
            Value::Array(items) => items.as_slice(),
            _ => std::slice::from_ref(self),
        };
        slice.iter()
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_know_where_they_start() {
        let text = r#"{"a": [1, "x\n\u00e9\ud83d\ude00"], "b": {"c": null}}"#;
        let v = parse(text, 100).unwrap();
        let a = v.get("a").unwrap();
        assert_eq!(a.at, 106);
        let items: Vec<_> = a.items().collect();
        assert_eq!(items[1].as_str(), Some("x\né😀"));
        assert_eq!(items[1].at, 100 + text.find("\"x").unwrap());
        assert_eq!(v.get("b").unwrap().get("c").unwrap().value, Value::Null);
    }

    #[test]
    fn forgives_what_pages_get_wrong() {
        let text = "<!--\n{\"a\": \"two\nlines\", // note\n \"b\": [1, 2,], /* x */}\n-->";
        let v = parse(text, 0).unwrap();
        assert_eq!(v.get("a").unwrap().as_str(), Some("two\nlines"));
        assert_eq!(v.get("b").unwrap().items().count(), 2);
        assert!(parse("{\"a\": 1};", 0).is_ok());
    }

    #[test]
    fn errors_say_where() {
        let err = parse("{\"a\": 1,\n \"b\" 2}", 10).unwrap_err();
        assert_eq!(err.at, 10 + 14);
        assert!(err.message.contains("expected `:`"), "{}", err.message);
        let err = parse("{\"a\": [1, 2", 0).unwrap_err();
        assert_eq!(err.at, 6);
        assert!(parse("", 0).is_err());
        assert!(parse("{\"a\": 1} junk", 0).is_err());
        assert!(parse("-", 0).is_err());
        assert!(parse("\"\\u12\"", 0).is_err());
        let deep = "[".repeat(10_000);
        assert!(parse(&deep, 0).unwrap_err().message.contains("nested"));
    }
}
