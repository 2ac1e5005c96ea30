//! The `Localizer`: every locale's messages, built once, rendered many times.

mod assemble;
mod builder;
mod compile;
mod footprint;
mod global;
mod locale;
mod mistakes;
mod render;
mod resolve;
pub(crate) mod source;
mod table;

use std::borrow::Cow;

use unic_langid::LanguageIdentifier;

use crate::args::Args;
use crate::negotiate::{LocaleChain, Negotiator};
pub use builder::{LocalizerBuilder, DEFAULT_TYPE_BASE};
pub use footprint::Footprint;
use locale::Locale;
pub use source::{
    DefaultMessages, EmbeddedFile, EmbeddedLocales, LoadError, LoadIssue, RegisteredLocales,
    MAX_FILE_BYTES,
};

/// The Fluent value terror hands its bundle for an argument, for the fuzz
/// targets to compare with other implementations.
#[cfg(fuzzing)]
pub fn fluent_value<'a>(value: &'a crate::args::ArgValue<'_>) -> fluent_bundle::FluentValue<'a> {
    locale::fluent_value(value)
}

/// A message with the attributes a problem shows, from one locale.
pub(crate) struct RenderedMessage<'l> {
    pub(crate) detail: Cow<'l, str>,
    pub(crate) title: Option<Cow<'l, str>>,
    pub(crate) hint: Option<Cow<'l, str>>,
    pub(crate) locale: &'l LanguageIdentifier,
}

/// A formatted message and the locale it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted<'l> {
    /// The text, without bidi isolation marks.
    pub text: String,
    /// The locale the text is in.
    pub locale: &'l LanguageIdentifier,
}

/// Every locale's messages, built once at startup and shared by all requests.
///
/// A `Localizer` holds the application's locales merged with the framework's
/// own messages (generic texts, HTTP status titles). It negotiates a
/// request's languages into a [`LocaleChain`], formats messages along that
/// chain with message-by-message fallback, and renders errors into
/// [`Problem`](crate::problem::Problem)s.
#[derive(Debug)]
pub struct Localizer {
    negotiator: Negotiator,
    locales: Vec<Locale>,
    /// The framework's messages in its fallback locale, consulted after every
    /// chain when the application's locales lack them.
    fallback: Option<Locale>,
    type_base: TypeBase,
}

/// The base of problem `type` URIs, and the same escaped for a JSON
/// string once, here, rather than checked in every rendered document.
#[derive(Debug)]
pub(crate) struct TypeBase {
    text: String,
    json: Box<str>,
}

impl TypeBase {
    pub(crate) fn new(text: String) -> Self {
        let json = crate::json::contents(&text).into();
        TypeBase { text, json }
    }
}

impl Localizer {
    /// Starts loading locales.
    pub fn builder() -> LocalizerBuilder {
        LocalizerBuilder::default()
    }

    /// The default locale.
    pub fn default_locale(&self) -> &LanguageIdentifier {
        self.negotiator.default_chain().primary()
    }

    /// The locales a request can negotiate, in load order.
    pub fn locales(&self) -> impl ExactSizeIterator<Item = &LanguageIdentifier> {
        self.locales.iter().map(|l| &l.id)
    }

    /// The chain for an explicit preference (such as a `lang` query
    /// parameter: one tag or a comma-separated list) and an `Accept-Language`
    /// header value. Results are cached per distinct input: a repeated
    /// input costs a hash and a lookup that takes no lock, and its chain is
    /// lent from the cache (`Cow::Borrowed`) rather than cloned, so that
    /// requests on every core read it without writing to it. An input the
    /// cache has no room for gets its chain `Cow::Owned`;
    /// [`Cow::into_owned`] keeps either beyond the borrow.
    pub fn negotiate(
        &self,
        preferred: Option<&str>,
        accept_language: Option<&str>,
    ) -> Cow<'_, LocaleChain> {
        self.negotiator.negotiate(preferred, accept_language)
    }

    /// The chain holding only the default locale.
    pub fn default_chain(&self) -> LocaleChain {
        self.negotiator.default_chain().clone()
    }

    /// The problem `type` URI for a code.
    pub fn problem_type(&self, code: &str) -> String {
        let mut out = String::with_capacity(self.type_base.text.len() + code.len());
        out.push_str(&self.type_base.text);
        out.push_str(code);
        out
    }

    /// Formats the message `id` (or its `attribute`) in the first locale of
    /// the chain that has it.
    pub fn format(
        &self,
        chain: &LocaleChain,
        id: &str,
        attribute: Option<&str>,
        args: &Args<'_>,
    ) -> Option<Formatted<'_>> {
        let (text, locale) = self.lookup(chain, id, attribute, args, None)?;
        Some(Formatted {
            text: text.into_owned(),
            locale,
        })
    }

    /// Formats along the chain, borrowing text that has no placeholders.
    /// Translation mistakes met on the way are logged once each, with
    /// `request_id`.
    pub(crate) fn lookup(
        &self,
        chain: &LocaleChain,
        id: &str,
        attribute: Option<&str>,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<(Cow<'_, str>, &LanguageIdentifier)> {
        self.find_map(chain, id, attribute, request_id, |locale| {
            Some((locale.format(id, attribute, args, request_id)?, &locale.id))
        })
    }

    /// Formats a message and, from the same locale, its `.title` and `.hint`
    /// attributes, looking the message up once.
    #[inline]
    pub(crate) fn lookup_message(
        &self,
        chain: &LocaleChain,
        id: &str,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<RenderedMessage<'_>> {
        self.find_map(chain, id, None, request_id, |locale| {
            let message = locale.view(id)?;
            let detail = locale.render(id, None, message.pattern(None)?, args, request_id)?;
            // Each attribute's pattern is looked up here, so that an absent
            // one (most messages have no hint) costs no call. Behind one
            // closure that looked up and rendered both, the call stayed
            // out of line, and its result, written to memory in parts and
            // read back whole, stalled the processor's store forwarding.
            let attribute =
                |name: &str, pattern| locale.render(id, Some(name), pattern, args, request_id);
            let (title, hint) = (terror_ftl::attributes::TITLE, terror_ftl::attributes::HINT);
            Some(RenderedMessage {
                detail,
                title: message
                    .pattern(Some(title))
                    .and_then(|p| attribute(title, p)),
                hint: message.pattern(Some(hint)).and_then(|p| attribute(hint, p)),
                locale: &locale.id,
            })
        })
    }

    /// The first locale of the chain (then the framework's fallback) for
    /// which `f` gives something. Each locale before it that lacks the
    /// message `id` (with `attribute`) logs that once: the chain fell back.
    #[inline]
    fn find_map<'s, T>(
        &'s self,
        chain: &LocaleChain,
        id: &str,
        attribute: Option<&str>,
        request_id: Option<&str>,
        mut f: impl FnMut(&'s Locale) -> Option<T>,
    ) -> Option<T> {
        let indices = chain.indices();
        // The chain's locales, then the fallback (`usize::MAX`), in one
        // loop: `f` is called from one place, so the compiler can inline
        // it and keep what it finds out of memory.
        let candidates = indices
            .iter()
            .map(|&index| (index, self.locales.get(index)))
            .chain(std::iter::once((usize::MAX, self.fallback.as_ref())));
        for (position, (index, locale)) in candidates.enumerate() {
            if let Some(found) = locale.and_then(&mut f) {
                if position > 0 {
                    let skipped = &indices[..position];
                    self.report_fallback(skipped, id, attribute, index, request_id);
                }
                return Some(found);
            }
        }
        None
    }

    /// Logs, once each, that the locales at `skipped` lack the message `id`
    /// (with `attribute`), which the locale at `served_by` (the framework's
    /// fallback when out of range) had. Out of line: a chain that falls back
    /// is a translation mistake, not the common path.
    #[cold]
    #[inline(never)]
    fn report_fallback(
        &self,
        skipped: &[usize],
        id: &str,
        attribute: Option<&str>,
        served_by: usize,
        request_id: Option<&str>,
    ) {
        let Some(served_by) = self.locales.get(served_by).or(self.fallback.as_ref()) else {
            return;
        };
        for locale in skipped.iter().filter_map(|&i| self.locales.get(i)) {
            if !locale.has(id, attribute) {
                let mistake = mistakes::Mistake::Missing {
                    served_by: &served_by.id,
                };
                locale.report(id, attribute, &mistake, request_id);
            }
        }
    }

    /// Each locale the application offers, with its files (the framework's
    /// first, then the application's): path and text. A built localizer
    /// keeps no syntax tree; what analyses the files parses them again.
    pub(crate) fn locale_files(
        &self,
    ) -> impl Iterator<Item = (&LanguageIdentifier, Vec<(&str, &str)>)> {
        self.locales.iter().map(|l| {
            let files = l
                .table
                .files
                .iter()
                .map(|(path, text)| (&**path, &**text))
                .collect();
            (&l.id, files)
        })
    }

    /// What this localizer holds in memory: the files' text (read, or
    /// embedded in the binary and not copied) and the compiled messages.
    pub fn footprint(&self) -> Footprint {
        let mut footprint = Footprint::default();
        let mut seen = Vec::new();
        for locale in self.locales.iter().chain(&self.fallback) {
            footprint.add_table(&locale.table, locale.fluent_text, &mut seen);
        }
        footprint
    }

    /// The `Content-Language` value of a locale (cloning it does not
    /// allocate).
    pub(crate) fn content_language(
        &self,
        locale: &LanguageIdentifier,
    ) -> Option<&http::HeaderValue> {
        // A rendered problem's locale is one of these, by reference: found
        // by address, it costs no tag comparisons in a service of many.
        let mut all = self.locales.iter().chain(&self.fallback);
        all.clone()
            .find(|l| std::ptr::eq(&raw const l.id, locale))
            .or_else(|| all.find(|l| l.id == *locale))
            .map(|l| &l.header)
    }

    /// The problem `type` base.
    pub(crate) fn type_base(&self) -> &str {
        &self.type_base.text
    }

    /// [`type_base`](Self::type_base) escaped for a JSON string.
    pub(crate) fn type_base_json(&self) -> &str {
        &self.type_base.json
    }

    /// Whether `locale` has the message `id`, with `attribute` if given
    /// (without falling back).
    pub fn has_message(
        &self,
        locale: &LanguageIdentifier,
        id: &str,
        attribute: Option<&str>,
    ) -> bool {
        self.locales
            .iter()
            .find(|l| l.id == *locale)
            .is_some_and(|l| l.has(id, attribute))
    }
}

#[cfg(test)]
mod tests;
