//! Reading a start tag's attributes by hand, for the native tools that look at raw HTML without
//! a parser: the importer finding tags (`<script type=…>`, `<meta …>`) in the page's text so its
//! messages can say where they are, and `lede-site scripts` rewriting the built pages' scripts.
//! No entity decoding: the value is the text between the quotes, as written.

/// The value of attribute `name` (ASCII case ignored) in a start tag's attribute text, the text
/// after the tag name (`<script …>` without `<script` and the closing `>`); `Some("")` for a bare
/// attribute, `None` if it is absent. As in the HTML standard's tokenizer, a name ends at white
/// space, `=`, `>` or `/`; a value is quoted (`"…"`, `'…'`, up to the closing quote or the end) or
/// runs to white space or `>`.
pub fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr_name = &attrs[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let start = i + 1;
                let end = attrs[start..].bytes().position(|b| b == q).map_or(attrs.len(), |p| start + p);
                value = &attrs[start..end];
                i = end + 1;
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = &attrs[start..i];
            }
        }
        if attr_name.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if i == name_start {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes() {
        // Written by hand: (attribute text, name asked for, value).
        let table: [(&str, &str, Option<&str>); 14] = [
            (" type=\"module\" defer", "type", Some("module")),
            (" defer type=module", "TYPE", Some("module")),
            (" src='/a.js'", "src", Some("/a.js")),
            (" nomodule", "nomodule", Some("")),
            (" data-type=\"module\"", "type", None),
            (" TYPE = \"application/ld+json\" ", "type", Some("application/ld+json")),
            (" content=\"a > b\" name=x", "name", Some("x")),
            (" content=\"a > b\"", "content", Some("a > b")),
            (" alt='it\"s' src=x", "src", Some("x")),
            (" async/defer", "defer", Some("")),
            (" type=module>", "type", Some("module")),
            (" title=\"cut off", "title", Some("cut off")),
            ("", "type", None),
            (" = \"x\" type=a", "type", Some("a")),
        ];
        for (attrs, name, expected) in table {
            assert_eq!(attribute(attrs, name), expected, "{attrs:?} {name}");
        }
    }
}
