//! What a built [`Localizer`](super::Localizer) holds in memory.

use super::source::Text;
use super::table::Table;

/// The memory a [`Localizer`](super::Localizer) holds, by kind, in bytes.
///
/// A service can log it at startup, or check it in a test, to see what a
/// large catalog costs each replica. The text of embedded files
/// ([`embed_locales!`](crate::embed_locales)) is the binary's own and is
/// never copied to the heap; files read from a directory or given as text
/// are held once, as read. Compiled messages point into that text.
///
/// ```
/// use terror_core::{embed_locales, Localizer};
///
/// let localizer = Localizer::builder().source("en-US", "app.ftl", "greeting = Hello").build().unwrap();
/// let footprint = localizer.footprint();
/// assert_eq!(footprint.text_read, "greeting = Hello".len());
/// // The framework's own messages are embedded: in the binary, not copied.
/// assert!(footprint.text_embedded > 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Footprint {
    /// Text of files read at startup (from a directory, or given as
    /// text), held on the heap.
    pub text_read: usize,
    /// Text of embedded files: in the binary, referred to, not copied.
    pub text_embedded: usize,
    /// The compiled messages: their nodes, the index by id, and text no
    /// file holds verbatim (lines of a multiline pattern joined, literals).
    pub compiled: usize,
    /// Text of the messages only Fluent renders (function calls,
    /// parameterized terms, cycles) and of what they refer to, handed to
    /// a `FluentBundle`; that bundle holds about ten times as much again.
    pub fluent_text: usize,
}

impl Footprint {
    /// Adds what a locale's table holds, and the text of its Fluent
    /// bundle. An embedded file several locales take in (the framework's)
    /// is counted once: `seen` holds those counted.
    pub(super) fn add_table(
        &mut self,
        table: &Table,
        fluent_text: usize,
        seen: &mut Vec<(usize, usize)>,
    ) {
        for (_, text) in &*table.files {
            match text {
                Text::Static(text) => {
                    let key = (text.as_ptr() as usize, text.len());
                    if !seen.contains(&key) {
                        seen.push(key);
                        self.text_embedded += text.len();
                    }
                }
                Text::Owned(text) => self.text_read += text.len(),
            }
        }
        self.compiled += table.compiled_bytes();
        self.fluent_text += fluent_text;
    }
}
