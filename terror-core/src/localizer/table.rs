//! The compiled messages of one locale, laid out flat.
//!
//! A built locale keeps each file's text, as loaded (an embedded file is
//! the binary's own `&'static str`, never copied), and patterns compiled
//! into nodes that point into that text: a message is a few integers, not
//! a syntax tree or copies of its strings. Only text that is not written
//! verbatim in a file (lines of a multiline pattern joined, string and
//! number literals) is kept in the table's own text.
//!
//! Everything is indexed by `u32` in a handful of vectors, so a locale of
//! thousands of messages is a few allocations, and memory stays close to
//! the size of the files (`docs/performance.md` has the figures).

use std::hash::BuildHasher;

use intl_pluralrules::PluralCategory;

use super::source::Text;

/// A range of text: in the file of the pattern it belongs to, or, for a
/// node marked as owned, in the table's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    /// The text of this span in `text`; empty if out of range (never, for
    /// spans the compiler made).
    #[inline]
    pub(crate) fn of(self, text: &str) -> &str {
        let start = self.start as usize;
        text.get(start..start + self.len as usize).unwrap_or("")
    }

    /// Whether this span of `text` is `other`: bytes compared, with no
    /// need to find character boundaries.
    #[inline]
    pub(crate) fn is(self, text: &str, other: &str) -> bool {
        let start = self.start as usize;
        text.as_bytes().get(start..start + self.len as usize) == Some(other.as_bytes())
    }
}

/// One step of a compiled pattern. Twelve bytes: a tag, a small count and
/// two `u32`s.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node {
    /// Text of the pattern's file, and how many placeables (string and
    /// number literals) it stands for.
    Text { span: Span, placeables: u16 },
    /// Text of the table's own text.
    Own { span: Span, placeables: u16 },
    /// A variable, by its name in the pattern's file.
    Var(Span),
    /// A selector: an index into [`Table::selects`].
    Select(u32),
    /// Another pattern of the locale (a message, a message attribute or a
    /// term), by index.
    Ref(u32),
}

/// A selector on a variable.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Select {
    /// The variable, by its name in the pattern's file.
    pub(crate) selector: Span,
    /// Its variants, a range of [`Table::variants`].
    pub(crate) variants: (u32, u32),
    /// The default variant, counted from the first.
    pub(crate) default: u32,
}

/// A variant of a selector: its key and its nodes.
#[derive(Debug)]
pub(crate) struct Variant {
    pub(crate) key: Key,
    /// A range of [`Table::nodes`].
    pub(crate) nodes: (u32, u32),
}

/// A variant key.
#[derive(Debug)]
pub(crate) enum Key {
    /// An identifier key, by its name in the pattern's file: matches a
    /// string value, or a number whose plural category it names.
    Ident(Span, Option<PluralCategory>),
    /// A number literal key: matches an equal number, and only when it is
    /// written without a decimal point (fluent-bundle compares a key's
    /// formatting options too, and `[2.5]` carries a fraction digit that a
    /// number argument does not).
    Number { value: f64, fractional: bool },
}

/// A compiled pattern: the file its text is in and its nodes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub(crate) file: u32,
    /// A range of [`Table::nodes`].
    pub(crate) nodes: (u32, u32),
}

/// How a message's value or attribute renders, in eight bytes (a catalog
/// has three of these a message): text of the message's file, the nodes
/// of a pattern of the table, Fluent, or nothing (a message without a
/// value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Compiled {
    at: u32,
    /// A text's length (below 2^31: files are at most
    /// [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES)), or one of the markers.
    len: u32,
}

const NODES: u32 = 1 << 31;
const FLUENT: u32 = NODES + 1;
const NONE: u32 = NODES + 2;

/// What a [`Compiled`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// This text of the message's file, as written: a pattern that is text
    /// alone (most titles and hints) needs no nodes.
    Text(Span),
    /// The nodes of this pattern of the table.
    Nodes(u32),
    /// Through the locale's `FluentBundle`.
    Fluent,
}

impl Compiled {
    /// A message without a value.
    pub(crate) const NONE: Compiled = Compiled { at: 0, len: NONE };

    /// What compiling a pattern gave.
    pub(crate) fn new(kind: Kind) -> Self {
        match kind {
            Kind::Text(span) if span.len < NODES => Compiled {
                at: span.start,
                len: span.len,
            },
            Kind::Nodes(pattern) => Compiled {
                at: pattern,
                len: NODES,
            },
            Kind::Text(_) | Kind::Fluent => Compiled { at: 0, len: FLUENT },
        }
    }

    /// What it is; `None` for [`Compiled::NONE`].
    #[inline]
    pub(crate) fn kind(self) -> Option<Kind> {
        match self.len {
            NODES => Some(Kind::Nodes(self.at)),
            FLUENT => Some(Kind::Fluent),
            NONE => None,
            len => Some(Kind::Text(Span {
                start: self.at,
                len,
            })),
        }
    }
}

/// A message's value or attribute, ready to render.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Resolved<'t> {
    /// This text, as written.
    Text(&'t str),
    /// The nodes of this pattern of the table.
    Nodes(u32),
    /// Through the locale's `FluentBundle`.
    Fluent,
}

/// A message of a table, looked up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MessageView<'t> {
    /// Its file's text.
    text: &'t str,
    value: Compiled,
    attributes: &'t [(Span, Compiled)],
}

impl<'t> MessageView<'t> {
    /// How its value (`attribute` None) or attribute renders.
    #[inline]
    pub(crate) fn pattern(&self, attribute: Option<&str>) -> Option<Resolved<'t>> {
        let compiled = match attribute {
            None => self.value,
            Some(name) => {
                self.attributes
                    .iter()
                    .find(|(span, _)| span.is(self.text, name))?
                    .1
            }
        };
        Some(match compiled.kind()? {
            Kind::Text(span) => Resolved::Text(span.of(self.text)),
            Kind::Nodes(pattern) => Resolved::Nodes(pattern),
            Kind::Fluent => Resolved::Fluent,
        })
    }
}

/// A message: where its id is written, its value and attributes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Message {
    pub(crate) file: u32,
    pub(crate) id: Span,
    pub(crate) value: Compiled,
    /// Where its attributes start in [`Table::attributes`] (each name, in
    /// the message's file, and how it renders); they end where the next
    /// message's start.
    pub(crate) attributes: u32,
}

/// The compiled messages of a locale and the text they point into.
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// Each file's path and text, the framework's first, as loaded.
    pub(crate) files: Box<[(Box<str>, Text)]>,
    /// Text no file holds verbatim.
    pub(crate) own: Box<str>,
    pub(crate) nodes: Box<[Node]>,
    pub(crate) patterns: Box<[Pattern]>,
    pub(crate) selects: Box<[Select]>,
    pub(crate) variants: Box<[Variant]>,
    pub(crate) messages: Box<[Message]>,
    pub(crate) attributes: Box<[(Span, Compiled)]>,
    /// Messages by id.
    index: Index,
}

/// Where a locale is compiled: the vectors of a [`Table`] while they
/// grow. One is reused for every locale of a build, and each table gets
/// exact copies, so growing leaves no spare capacity behind in a table
/// that lives as long as the service.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub(crate) own: String,
    pub(crate) nodes: Vec<Node>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) selects: Vec<Select>,
    pub(crate) variants: Vec<Variant>,
    pub(crate) messages: Vec<Message>,
    pub(crate) attributes: Vec<(Span, Compiled)>,
}

impl Scratch {
    /// A scratch with room for a locale of `text` bytes of files, by the
    /// proportions of a typical catalog (a node per 32 bytes, a message per
    /// 128): a locale that needs more grows it.
    pub(crate) fn for_text(text: usize) -> Self {
        Scratch {
            own: String::new(),
            nodes: Vec::with_capacity(text / 32),
            patterns: Vec::with_capacity(text / 64),
            selects: Vec::with_capacity(text / 256),
            variants: Vec::with_capacity(text / 128),
            messages: Vec::with_capacity(text / 128),
            attributes: Vec::with_capacity(text / 64),
        }
    }

    /// The table of what was compiled since the last call, whose files'
    /// texts are `texts` (the caller moves the files themselves into
    /// [`Table::files`]); the scratch is left empty for the next locale.
    /// Every vector is copied to one of exactly its length.
    pub(crate) fn finish(&mut self, texts: &[&str]) -> Table {
        let mut table = Table {
            files: Box::default(),
            own: self.own.as_str().into(),
            nodes: self.nodes.as_slice().into(),
            patterns: self.patterns.as_slice().into(),
            selects: self.selects.as_slice().into(),
            // Keys hold plural categories, which are not `Copy`.
            variants: self.variants.drain(..).collect(),
            messages: self.messages.as_slice().into(),
            attributes: self.attributes.as_slice().into(),
            index: Index::default(),
        };
        self.own.clear();
        self.nodes.clear();
        self.patterns.clear();
        self.selects.clear();
        self.messages.clear();
        self.attributes.clear();
        let count = u32::try_from(table.messages.len()).unwrap_or(u32::MAX);
        table.index = Index::new(count, |i| {
            table.messages.get(i as usize).map_or("", |m| {
                m.id.of(texts.get(m.file as usize).copied().unwrap_or(""))
            })
        });
        table
    }
}

impl Table {
    /// The bytes the compiled messages hold (not the files' text).
    pub(crate) fn compiled_bytes(&self) -> usize {
        size_of_val(&*self.files)
            + self.own.len()
            + size_of_val(&*self.nodes)
            + size_of_val(&*self.patterns)
            + size_of_val(&*self.selects)
            + size_of_val(&*self.variants)
            + size_of_val(&*self.messages)
            + size_of_val(&*self.attributes)
            + size_of_val(&*self.index.slots)
            + self.files.iter().map(|(path, _)| path.len()).sum::<usize>()
    }

    /// The text of file `file`.
    #[inline]
    pub(crate) fn file(&self, file: u32) -> &str {
        self.files.get(file as usize).map_or("", |(_, text)| text)
    }

    /// A message's id.
    #[cfg(test)]
    pub(crate) fn message_id(&self, message: &Message) -> &str {
        message.id.of(self.file(message.file))
    }

    /// The message `id`, by index.
    #[inline]
    pub(crate) fn message(&self, id: &str) -> Option<u32> {
        self.index.find(id, |m| {
            self.messages
                .get(m as usize)
                .is_some_and(|m| m.id.is(self.file(m.file), id))
        })
    }

    /// Message `message`: its value and attributes, and the text of its
    /// file, looked up once for all of them.
    #[inline]
    pub(crate) fn view(&self, message: u32) -> Option<MessageView<'_>> {
        let m = self.messages.get(message as usize)?;
        let end = self
            .messages
            .get(message as usize + 1)
            .map_or(self.attributes.len(), |next| next.attributes as usize);
        Some(MessageView {
            text: self.file(m.file),
            value: m.value,
            attributes: self.attributes.get(m.attributes as usize..end)?,
        })
    }

    /// The nodes of pattern `pattern`, and the text of its file.
    #[inline]
    pub(crate) fn pattern(&self, pattern: u32) -> (&[Node], &str) {
        match self.patterns.get(pattern as usize) {
            Some(p) => (self.nodes_in(p.nodes), self.file(p.file)),
            None => (&[], ""),
        }
    }

    /// A range of nodes.
    #[inline]
    pub(crate) fn nodes_in(&self, (start, end): (u32, u32)) -> &[Node] {
        self.nodes.get(start as usize..end as usize).unwrap_or(&[])
    }
}

/// An open-addressing hash index of `u32` entries keyed by a string the
/// entry names: four bytes a slot, with no copy of the keys, which stay
/// where the entries are (in a file's text).
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// `EMPTY` or an entry; a power of two in length, at most half full.
    pub(crate) slots: Box<[u32]>,
}

const EMPTY: u32 = u32::MAX;

fn hash(key: &str) -> usize {
    // Keys are message ids from the service's own files, looked up by ids
    // from its own code: no request chooses them.
    #[allow(clippy::cast_possible_truncation)] // Only the low bits are used.
    let h = rustc_hash::FxBuildHasher.hash_one(key) as usize;
    h
}

impl Index {
    /// Indexes `count` entries, entry `i` keyed by `key(i)`. A key given
    /// twice keeps its last entry.
    pub(crate) fn new<'k>(count: u32, key: impl Fn(u32) -> &'k str) -> Self {
        let capacity = (count as usize * 2).next_power_of_two().max(4);
        let mut slots = vec![EMPTY; capacity].into_boxed_slice();
        let mask = capacity - 1;
        for entry in 0..count {
            let k = key(entry);
            let mut slot = hash(k) & mask;
            loop {
                match slots[slot] {
                    EMPTY => {
                        slots[slot] = entry;
                        break;
                    }
                    other if key(other) == k => {
                        slots[slot] = entry;
                        break;
                    }
                    _ => slot = (slot + 1) & mask,
                }
            }
        }
        Index { slots }
    }

    /// The entry keyed by `key`; `is_key` tells whether an entry's key
    /// is `key`.
    #[inline]
    pub(crate) fn find(&self, key: &str, is_key: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash(key) & mask;
        // At most half the slots are taken, so an empty one ends the probe.
        loop {
            let entry = *self.slots.get(slot)?;
            if entry == EMPTY {
                return None;
            }
            if is_key(entry) {
                return Some(entry);
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_catalog_holds_many_of_is_small() {
        assert_eq!(size_of::<Node>(), 12);
        assert_eq!(size_of::<Compiled>(), 8);
        assert_eq!(size_of::<Message>(), 24);
        assert_eq!(size_of::<(Span, Compiled)>(), 16);
    }

    #[test]
    fn compiled_kinds_round_trip() {
        let span = Span { start: 7, len: 3 };
        for kind in [Kind::Text(span), Kind::Nodes(42), Kind::Fluent] {
            assert_eq!(Compiled::new(kind).kind(), Some(kind));
        }
        assert_eq!(Compiled::NONE.kind(), None);
        // A text too long to mark renders through Fluent instead.
        let huge = Span {
            start: 0,
            len: NODES,
        };
        assert_eq!(Compiled::new(Kind::Text(huge)).kind(), Some(Kind::Fluent));
    }

    #[test]
    fn the_index_finds_every_key_and_no_other() {
        let keys: Vec<String> = (0..1000).map(|i| format!("volume-check-{i:05}")).collect();
        let index = Index::new(1000, |i| &keys[i as usize]);
        let find = |index: &Index, key: &str| {
            index.find(key, |i| keys.get(i as usize).is_some_and(|k| k == key))
        };
        for (i, key) in (0..).zip(&keys) {
            assert_eq!(find(&index, key), Some(i));
        }
        assert_eq!(find(&index, "volume-check-01000"), None);
        assert_eq!(find(&index, ""), None);
        assert_eq!(find(&Index::default(), "a"), None);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_entry() {
        let keys = ["a", "b", "a"];
        let index = Index::new(3, |i| keys[i as usize]);
        assert_eq!(
            index.find("a", |i| keys.get(i as usize) == Some(&"a")),
            Some(2)
        );
    }

    #[test]
    fn spans_out_of_range_are_empty() {
        assert_eq!(Span { start: 2, len: 3 }.of("hello"), "llo");
        assert_eq!(Span { start: 4, len: 3 }.of("hello"), "");
    }
}
