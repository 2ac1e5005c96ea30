//! `[package.metadata.terror]` of the crate's `Cargo.toml`: its `locales`
//! and `default-locale`, read without a TOML library.
//!
//! The derive reads two strings of one table, and a TOML parser was the
//! largest dependency it had (six crates to compile before the derive
//! could, in every cold build of every crate using terror). So this reader
//! knows TOML's lexical forms well enough to skip everything else (strings
//! of every kind, multi-line arrays and inline tables, comments), and reads
//! the table only as a table of one-line strings. Any other way of writing
//! it (an inline table, dotted keys from `[package]`, a multi-line string)
//! is an error that says how to write it, never a silent default. Cargo
//! has already rejected a manifest that is not TOML.

/// What `[package.metadata.terror]` says.
#[derive(Default)]
pub(crate) struct Metadata {
    pub(crate) locales: Option<String>,
    pub(crate) default_locale: Option<String>,
    /// The first thing this reader could not accept, as shown to the user.
    pub(crate) error: Option<String>,
}

const TABLE: [&str; 3] = ["package", "metadata", "terror"];
const HOW: &str = "write it as a `[package.metadata.terror]` table of one-line strings, such as `locales = \"i18n\"`";

/// Reads the table from the text of a `Cargo.toml`.
pub(crate) fn read(text: &str) -> Metadata {
    let mut metadata = Metadata::default();
    let mut lexer = Lexer {
        rest: text,
        table: Vec::new(),
    };
    while let Some(line) = lexer.next_line() {
        let (path, value) = match line {
            Line::Table(path) => {
                if under(&path, &TABLE) && path.len() > TABLE.len() {
                    unknown_key(&mut metadata, &path[TABLE.len()]);
                }
                continue;
            }
            Line::ArrayTable(path) => {
                if under(&path, &TABLE) {
                    fail(
                        &mut metadata,
                        format!("cannot read `[[{}]]` in Cargo.toml; {HOW}", path.join(".")),
                    );
                }
                continue;
            }
            Line::Entry(path, value) => (path, value),
            Line::Unreadable => return Metadata::default(),
        };
        if under(&path, &TABLE) {
            if path.len() == TABLE.len() {
                fail(
                    &mut metadata,
                    format!(
                        "cannot read `{}` as a value in Cargo.toml; {HOW}",
                        path.join(".")
                    ),
                );
                continue;
            }
            let key = path[TABLE.len()].as_str();
            let slot = match (key, path.len() == TABLE.len() + 1) {
                ("locales", true) => &mut metadata.locales,
                ("default-locale", true) => &mut metadata.default_locale,
                _ => {
                    unknown_key(&mut metadata, key);
                    continue;
                }
            };
            if lexer.table.len() < TABLE.len() {
                fail(
                    &mut metadata,
                    format!(
                        "cannot read `{}` as a dotted key in Cargo.toml; {HOW}",
                        path.join(".")
                    ),
                );
                continue;
            }
            match string_value(value) {
                Ok(value) => *slot = Some(value),
                Err(problem) => fail(
                    &mut metadata,
                    format!(
                        "[package.metadata.terror] `{key}` in Cargo.toml must be a string{problem}"
                    ),
                ),
            }
        } else if path.len() < TABLE.len()
            && TABLE.iter().zip(&path).all(|(a, b)| a == b)
            && value.starts_with('{')
            && value.contains("terror")
        {
            // `metadata = { terror = { ... } }` and the like.
            fail(
                &mut metadata,
                format!(
                    "cannot read `{}` as an inline table in Cargo.toml; {HOW}",
                    path.join(".")
                ),
            );
        }
    }
    metadata
}

/// Whether `path` begins with `prefix`.
fn under(path: &[String], prefix: &[&str]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
}

fn fail(metadata: &mut Metadata, error: String) {
    metadata.error.get_or_insert(error);
}

fn unknown_key(metadata: &mut Metadata, key: &str) {
    fail(
        metadata,
        format!("unknown key `{key}` in [package.metadata.terror] of Cargo.toml; expected `locales` or `default-locale`"),
    );
}

/// A one-line basic or literal string's value; else what is wrong, as the
/// end of a sentence.
fn string_value(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.starts_with("\"\"\"") || value.starts_with("'''") {
        return Err(format!(" on one line; {HOW}"));
    }
    if let Some(literal) = value.strip_prefix('\'') {
        return literal
            .strip_suffix('\'')
            .map(str::to_owned)
            .ok_or_else(String::new);
    }
    let Some(basic) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
        return Err(String::new());
    };
    let mut out = String::with_capacity(basic.len());
    let mut chars = basic.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('e') => '\u{1b}',
            Some(kind @ ('x' | 'u' | 'U')) => {
                let len = match kind {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars.by_ref().take(len).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == len)
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!(" with valid escapes; `\\{kind}{hex}` is not one"))?
            }
            other => {
                return Err(format!(
                    " with valid escapes; `\\{}` is not one",
                    other.map(String::from).unwrap_or_default()
                ))
            }
        };
        out.push(escaped);
    }
    Ok(out)
}

/// One logical line of the manifest.
enum Line<'a> {
    /// `[a.b]`.
    Table(Vec<String>),
    /// `[[a.b]]`.
    ArrayTable(Vec<String>),
    /// A key's full path (the table's, then the key's own) and its value's
    /// text, which may span lines.
    Entry(Vec<String>, &'a str),
    /// Something that is not TOML, which Cargo would have rejected.
    Unreadable,
}

struct Lexer<'a> {
    rest: &'a str,
    /// The path of the current table.
    table: Vec<String>,
}

impl<'a> Lexer<'a> {
    fn next_line(&mut self) -> Option<Line<'a>> {
        loop {
            self.rest = self.rest.trim_start();
            if self.rest.is_empty() {
                return None;
            }
            if self.rest.starts_with('#') {
                self.skip_comment();
                continue;
            }
            let line = if let Some(rest) = self.rest.strip_prefix("[[") {
                self.rest = rest;
                match self.key_path("]]") {
                    Some(path) => {
                        self.table.clone_from(&path);
                        Line::ArrayTable(path)
                    }
                    None => Line::Unreadable,
                }
            } else if let Some(rest) = self.rest.strip_prefix('[') {
                self.rest = rest;
                match self.key_path("]") {
                    Some(path) => {
                        self.table.clone_from(&path);
                        Line::Table(path)
                    }
                    None => Line::Unreadable,
                }
            } else {
                match (self.key_path("="), self.value()) {
                    (Some(key), Some(value)) => {
                        let mut path = self.table.clone();
                        path.extend(key);
                        Line::Entry(path, value)
                    }
                    _ => Line::Unreadable,
                }
            };
            return Some(line);
        }
    }

    fn skip_comment(&mut self) {
        let end = self.rest.find('\n').unwrap_or(self.rest.len());
        self.rest = &self.rest[end..];
    }

    /// A dotted key up to `end` (consumed): bare and quoted parts.
    fn key_path(&mut self, end: &str) -> Option<Vec<String>> {
        let mut path = Vec::new();
        loop {
            self.rest = self.rest.trim_start_matches([' ', '\t']);
            let part = if self.rest.starts_with('"') {
                string_value(self.string()?).ok()?
            } else if self.rest.starts_with('\'') {
                let literal = self.string()?;
                literal[1..literal.len() - 1].to_owned()
            } else {
                let len = self
                    .rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(self.rest.len());
                if len == 0 {
                    return None;
                }
                let (bare, rest) = self.rest.split_at(len);
                self.rest = rest;
                bare.to_owned()
            };
            path.push(part);
            self.rest = self.rest.trim_start_matches([' ', '\t']);
            if let Some(rest) = self.rest.strip_prefix('.') {
                self.rest = rest;
            } else {
                self.rest = self.rest.strip_prefix(end)?;
                return Some(path);
            }
        }
    }

    /// A one-line string at the start of `rest`, quotes included.
    fn string(&mut self) -> Option<&'a str> {
        let quote = self.rest.chars().next()?;
        let mut escaped = false;
        for (i, c) in self.rest.char_indices().skip(1) {
            match c {
                '\n' => return None,
                '\\' if quote == '"' && !escaped => escaped = true,
                c if c == quote && !escaped => {
                    let (string, rest) = self.rest.split_at(i + 1);
                    self.rest = rest;
                    return Some(string);
                }
                _ => escaped = false,
            }
        }
        None
    }

    /// A value's text, up to the end of its last line (comments excluded),
    /// however many lines its strings, arrays and inline tables span.
    fn value(&mut self) -> Option<&'a str> {
        let start = self.rest;
        let mut depth = 0_usize;
        loop {
            let c = self.rest.chars().next();
            match c {
                None => break,
                Some('\n') if depth == 0 => break,
                Some('#') => {
                    let before = start.len() - self.rest.len();
                    self.skip_comment();
                    if depth == 0 {
                        return Some(start[..before].trim());
                    }
                }
                Some(quote @ ('"' | '\'')) => {
                    let triple = if quote == '"' { "\"\"\"" } else { "'''" };
                    if let Some(rest) = self.rest.strip_prefix(triple) {
                        let end = multi_line_end(rest, quote)?;
                        self.rest = &rest[end..];
                    } else {
                        self.string()?;
                    }
                }
                Some(c) => {
                    match c {
                        '[' | '{' => depth += 1,
                        ']' | '}' => depth = depth.checked_sub(1)?,
                        _ => {}
                    }
                    self.rest = &self.rest[c.len_utf8()..];
                }
            }
        }
        Some(start[..start.len() - self.rest.len()].trim())
    }
}

/// Where a multi-line string that began before `rest` ends in it: after
/// its closing quotes (up to two more quotes belong to the string).
fn multi_line_end(rest: &str, quote: char) -> Option<usize> {
    let triple = if quote == '"' { "\"\"\"" } else { "'''" };
    let mut i = 0;
    while i < rest.len() {
        let tail = &rest[i..];
        if quote == '"' && tail.starts_with('\\') {
            i += 1 + tail[1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if tail.starts_with(triple) {
            let extra = tail[3..]
                .chars()
                .take(2)
                .take_while(|&c| c == quote)
                .count();
            return Some(i + 3 + extra);
        }
        i += tail.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_ok(text: &str) -> (Option<String>, Option<String>) {
        let metadata = read(text);
        assert_eq!(metadata.error, None, "{text}");
        (metadata.locales, metadata.default_locale)
    }

    fn read_err(text: &str) -> String {
        read(text)
            .error
            .unwrap_or_else(|| panic!("no error for {text}"))
    }

    #[test]
    fn reads_the_table_among_everything_else_toml_allows() {
        let text = r#"
[package]
name = "x" # a comment with [package.metadata.terror] in it
description = """
[package.metadata.terror]
locales = "not this"
"""
keywords = [
    "a", # comment
    ["nested", 'x'],
]
other = { a = 1, b = [1, 2] }
'quoted key' = 'C:\\path'

[package.metadata.terror]
locales = "i18n\u00e9" # comment
default-locale = 'de-CH'

[dependencies]
"#;
        assert_eq!(
            read_ok(text),
            (Some("i18né".to_owned()), Some("de-CH".to_owned()))
        );
        assert_eq!(read_ok("[package]\nname = \"x\"\n"), (None, None));
        assert_eq!(
            read_ok("[ package . \"metadata\" . terror ]\nlocales = \"l\"\n"),
            (Some("l".to_owned()), None)
        );
    }

    #[test]
    fn what_it_cannot_read_is_an_error_saying_how_to_write_it() {
        for (text, expected) in [
            (
                "[package.metadata.terror]\nlocale = \"ru\"\n",
                "unknown key `locale` in [package.metadata.terror] of Cargo.toml; expected `locales` or `default-locale`",
            ),
            (
                "[package.metadata.terror]\nlocales = 3\n",
                "[package.metadata.terror] `locales` in Cargo.toml must be a string",
            ),
            (
                "[package.metadata.terror]\nlocales = \"\"\"\ni18n\"\"\"\n",
                "must be a string on one line; write it as a `[package.metadata.terror]` table",
            ),
            (
                "[package.metadata]\nterror = { locales = \"i18n\" }\n",
                "cannot read `package.metadata.terror` as a value in Cargo.toml; write it as a `[package.metadata.terror]` table",
            ),
            (
                "[package]\nmetadata.terror.locales = \"i18n\"\n",
                "cannot read `package.metadata.terror.locales` as a dotted key",
            ),
            (
                "[package]\nmetadata = { terror = { locales = \"i18n\" } }\n",
                "cannot read `package.metadata` as an inline table",
            ),
            (
                "[[package.metadata.terror]]\nlocales = \"i18n\"\n",
                "cannot read `[[package.metadata.terror]]`",
            ),
            (
                "[package.metadata.terror]\nlocales = \"a\\qb\"\n",
                "must be a string with valid escapes; `\\q` is not one",
            ),
        ] {
            let error = read_err(text);
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn text_that_is_not_toml_reads_as_nothing_configured() {
        for text in [
            "[package\n",
            "locales = \"unterminated\n",
            "a = ]",
            "a = '''never closed",
        ] {
            let metadata = read(text);
            assert!(
                metadata.locales.is_none() && metadata.error.is_none(),
                "{text}"
            );
        }
    }
}
