//! The catalog a service exports (`storage-api catalog --json`, which is
//! `terror_core::catalog::Catalog::to_json`): its codes, their message ids
//! and the args each has, so that messages are checked against the code.
//!
//! The format is versioned by its top-level `version`. Version 1 is an
//! object `{"version": 1, "errors": [...]}`, each error an object with at
//! least `code` (string), `message_id` (string) and `args` (an array of
//! `{"name": string, "type": string}`, the type as the Rust field is
//! written) and `messages` (an object keyed by the locales the service has
//! the message in), and may have `deprecated` (the note of a deprecated
//! code, or `null`); other members are documentation and are ignored here.

use std::path::Path;

use std::collections::HashMap;

use serde::Deserialize;

/// The catalog format version this tool reads.
pub(crate) const VERSION: u64 = 1;

/// A catalog, read.
pub(crate) struct Catalog {
    /// The file's path, as findings show it.
    pub(crate) path: String,
    /// Where each code is first mentioned in the file: line and column.
    positions: HashMap<String, (usize, usize)>,
    pub(crate) entries: Vec<Entry>,
    /// The entries of each message id, by index.
    by_message: HashMap<String, Vec<usize>>,
}

/// One code.
#[derive(Debug, Deserialize)]
pub(crate) struct Entry {
    pub(crate) code: String,
    pub(crate) message_id: String,
    #[serde(default)]
    pub(crate) args: Vec<Arg>,
    /// The locales the service has the message in (its own files and the
    /// framework's).
    #[serde(default)]
    pub(crate) messages: serde_json::Map<String, serde_json::Value>,
    /// The note of a deprecated code; `None` for one that is not.
    #[serde(default)]
    pub(crate) deprecated: Option<String>,
}

/// One arg of a code.
#[derive(Debug, Deserialize)]
pub(crate) struct Arg {
    pub(crate) name: String,
    #[serde(rename = "type")]
    pub(crate) rust_type: String,
}

#[derive(Deserialize)]
struct Versioned {
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Document {
    errors: Vec<Entry>,
}

impl Catalog {
    /// Reads a catalog file; `Err` says why it cannot be used.
    pub(crate) fn read(path: &Path) -> Result<Catalog, String> {
        let shown = path.display().to_string();
        let size = std::fs::metadata(path)
            .map_err(|e| format!("cannot read the catalog `{shown}`: {e}"))?
            .len();
        if size > crate::locales::MAX_FILE_BYTES {
            return Err(format!(
                "the catalog `{shown}` has {size} bytes, more than the {} a file may have",
                crate::locales::MAX_FILE_BYTES
            ));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the catalog `{shown}`: {e}"))?;
        let entries = Self::parse(&text).map_err(|why| format!("the catalog `{shown}` {why}"))?;
        let mut by_message: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            by_message
                .entry(entry.message_id.clone())
                .or_default()
                .push(index);
        }
        let positions = string_positions(&text, &entries);
        Ok(Catalog {
            path: shown,
            positions,
            entries,
            by_message,
        })
    }

    fn parse(text: &str) -> Result<Vec<Entry>, String> {
        let versioned: Versioned =
            serde_json::from_str(text).map_err(|e| format!("is not a JSON object: {e}"))?;
        match versioned.version {
            None => {
                return Err(
                    "has no `version`: export it again with a service built on terror 0.1 or later (`catalog --json`)"
                        .to_owned(),
                )
            }
            Some(v) if v.as_u64() == Some(VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "has format version {v}, and this terror reads version {VERSION}: install the terror-cli that matches the service's terror"
                ))
            }
        }
        let document: Document = serde_json::from_str(text)
            .map_err(|e| format!("is not a version {VERSION} catalog: {e}"))?;
        Ok(document.errors)
    }

    /// The codes whose message is `id`.
    pub(crate) fn entries_for<'c, 'i>(
        &'c self,
        id: &'i str,
    ) -> impl Iterator<Item = &'c Entry> + use<'c, 'i> {
        self.by_message
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&index| self.entries.get(index))
    }

    /// The args every code of message `id` has (a message shared by codes
    /// may show only what all of them have); `None` when no code uses it.
    pub(crate) fn args_of<'c>(&'c self, id: &str) -> Option<Vec<&'c str>> {
        let mut entries = self.entries_for(id);
        let first = entries.next()?;
        let rest: Vec<&Entry> = entries.collect();
        Some(
            first
                .args
                .iter()
                .map(|a| a.name.as_str())
                .filter(|name| rest.iter().all(|e| e.args.iter().any(|a| a.name == *name)))
                .collect(),
        )
    }

    /// Line and column of a code in the file (its first mention).
    pub(crate) fn position_of(&self, code: &str) -> (usize, usize) {
        self.positions.get(code).copied().unwrap_or((1, 1))
    }
}

/// Where the codes of `entries` are first written as JSON strings in
/// `text` (at the opening quote), found in one pass.
fn string_positions(text: &str, entries: &[Entry]) -> HashMap<String, (usize, usize)> {
    let codes: std::collections::HashSet<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    let mut positions = HashMap::new();
    let (mut line, mut column) = (1, 0);
    let mut string: Option<(usize, (usize, usize))> = None;
    let mut escaped = false;
    for (offset, c) in text.char_indices() {
        if c == '\n' {
            (line, column) = (line + 1, 0);
            continue;
        }
        column += 1;
        match (&string, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some((start, at)), '"') => {
                let content = &text[start + 1..offset];
                if codes.contains(content) && !positions.contains_key(content) {
                    positions.insert(content.to_owned(), *at);
                }
                string = None;
            }
            (None, '"') => string = Some((offset, (line, column))),
            _ => {}
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_checked() {
        let ok = r#"{"version": 1, "errors": [{"code": "a.b", "message_id": "a-b", "args": [{"name": "n", "type": "u32"}], "status": 404}]}"#;
        let entries = Catalog::parse(ok).unwrap();
        assert_eq!(entries[0].args[0].rust_type, "u32");
        assert!(Catalog::parse(r#"{"errors": []}"#)
            .unwrap_err()
            .starts_with("has no `version`"));
        assert!(Catalog::parse(r#"{"version": 2, "errors": []}"#)
            .unwrap_err()
            .starts_with("has format version 2"));
        assert!(Catalog::parse("[]")
            .unwrap_err()
            .starts_with("is not a JSON object"));
        assert!(Catalog::parse(r#"{"version": 1, "errors": [{"code": 1}]}"#)
            .unwrap_err()
            .starts_with("is not a version 1 catalog"));
    }
}
