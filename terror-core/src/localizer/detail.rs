//! A problem's `detail`: text, or a compiled pattern rendered where it is
//! needed, straight into the JSON document that carries it.
//!
//! Most details have variables, so rendering one builds text that is
//! copied once more into the JSON and then dropped: an allocation and a
//! copy per error that the document never needed. A compiled pattern
//! always renders (see `compile`), so choosing its locale does not need
//! its text: the pattern is kept, and written where the document is
//! written. [`Problem::detail`](crate::Problem::detail) renders it once,
//! when asked. Translation mistakes met on the way (a variable the error
//! lacks, a missing plural variant) are logged when it is rendered, once
//! per message as always.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::locale::Locale;
use super::resolve::{self, Misses};
use crate::args::Args;
use crate::json;

/// A problem's detail.
#[derive(Debug, Clone)]
pub(crate) enum Detail<'a> {
    /// Text, rendered or as written.
    Text(Cow<'a, str>),
    /// A compiled pattern of a message's value, not rendered yet.
    Pending(Pending<'a>),
}

/// A compiled pattern, and its text once something read it.
#[derive(Debug, Clone)]
pub(crate) struct Pending<'a> {
    locale: &'a Locale,
    /// The message, for logging what rendering it ran into.
    id: Cow<'a, str>,
    pattern: u32,
    text: OnceLock<String>,
}

impl<'a> Detail<'a> {
    /// Pattern `pattern` of `locale`'s table, the value of message `id`.
    pub(super) fn pending(locale: &'a Locale, id: Cow<'a, str>, pattern: u32) -> Self {
        Detail::Pending(Pending {
            locale,
            id,
            pattern,
            text: OnceLock::new(),
        })
    }

    /// The text, a pending pattern rendered with `args` the first time.
    pub(crate) fn text(&self, args: Option<&Args<'_>>, request_id: Option<&str>) -> &str {
        match self {
            Detail::Text(text) => text,
            Detail::Pending(pending) => pending.text.get_or_init(|| {
                let mut text = String::with_capacity(pending.estimate());
                pending.render_into(&mut text, args, request_id);
                text
            }),
        }
    }

    /// The text, owned or borrowed from the localizer.
    pub(crate) fn into_text(
        self,
        args: Option<&Args<'_>>,
        request_id: Option<&str>,
    ) -> Cow<'a, str> {
        match self {
            Detail::Text(text) => text,
            Detail::Pending(mut pending) => Cow::Owned(pending.text.take().unwrap_or_else(|| {
                let mut text = String::with_capacity(pending.estimate());
                pending.render_into(&mut text, args, request_id);
                text
            })),
        }
    }

    /// About how many bytes the text takes.
    pub(crate) fn estimate(&self) -> usize {
        match self {
            Detail::Text(text) => text.len(),
            Detail::Pending(pending) => pending
                .text
                .get()
                .map_or_else(|| pending.estimate(), String::len),
        }
    }

    /// Writes the text as a JSON string, a pending pattern rendered in
    /// place (and escaped after, in the rare text that needs it).
    pub(crate) fn write_json(
        &self,
        out: &mut String,
        args: Option<&Args<'_>>,
        request_id: Option<&str>,
    ) {
        let pending = match self {
            Detail::Text(text) => return json::write_str(out, text),
            Detail::Pending(pending) => match pending.text.get() {
                Some(text) => return json::write_str(out, text),
                None => pending,
            },
        };
        out.push('"');
        let start = out.len();
        pending.render_into(out, args, request_id);
        if json::any_needs_escape(&out.as_bytes()[start..]) {
            let raw = out.split_off(start);
            json::write_str_contents(out, &raw);
        }
        out.push('"');
    }
}

impl Pending<'_> {
    fn estimate(&self) -> usize {
        resolve::estimate(&self.locale.table, self.pattern)
    }

    /// Renders the pattern onto the end of `out`, logging what it ran into.
    fn render_into(&self, out: &mut String, args: Option<&Args<'_>>, request_id: Option<&str>) {
        let none = Args::new();
        let mut misses = Misses::default();
        resolve::render_into(
            &self.locale.table,
            self.pattern,
            args.unwrap_or(&none),
            self.locale.plurals.as_ref(),
            &mut misses,
            out,
        );
        if misses.any() {
            self.locale
                .report_misses(&self.id, None, &misses, request_id);
        }
    }
}
