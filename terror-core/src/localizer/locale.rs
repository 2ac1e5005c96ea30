//! One locale: its compiled messages, the Fluent bundle behind them, and
//! rendering a message in it.

use std::borrow::Cow;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_pluralrules::PluralRules;
use terror_ftl::plural::cldr_rules;
use unic_langid::LanguageIdentifier;

use super::mistakes::{Mistake, Reported};
use super::resolve::{self, Misses, MAX_PLACEABLES};
use super::table::{MessageView, Resolved, Table};
use crate::args::{ArgValue, Args};

/// One locale: its compiled messages, and a Fluent bundle for those only
/// Fluent renders.
pub(super) struct Locale {
    pub(super) id: LanguageIdentifier,
    /// The `Content-Language` value, built once.
    pub(super) header: http::HeaderValue,
    /// The messages, and the files they were compiled from (the
    /// framework's, then the application's, as loaded).
    pub(super) table: Table,
    /// The messages that use more of Fluent than the table expresses
    /// (function calls, parameterized terms, cycles), with every entry
    /// they refer to; `None` when there are none.
    bundle: Option<FluentBundle<FluentResource>>,
    /// The length of the text that bundle was made from.
    pub(super) fluent_text: usize,
    /// The language's CLDR rules, or English rules for a language CLDR
    /// has none for, as in Fluent.
    pub(super) plurals: Option<PluralRules>,
    /// Whether `plurals` are this language's own rules: only then is a
    /// number without a variant for its category a translation mistake.
    own_plurals: bool,
    /// The translation mistakes this locale has logged.
    pub(super) reported: Box<Reported>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("id", &self.id)
            .field("messages", &self.table.messages.len())
            .finish_non_exhaustive()
    }
}

impl Locale {
    /// A locale of compiled messages and the files they point into. Its
    /// selects follow the CLDR plural rules of `plurals_of`: the locale
    /// itself, or the locale a pseudo-locale was made from.
    /// `fluent` is the text of the messages only Fluent renders, as
    /// [`compile`](super::compile::compile) gave it.
    pub(super) fn new(
        id: LanguageIdentifier,
        table: Table,
        fluent: Option<String>,
        plurals_of: &LanguageIdentifier,
    ) -> Self {
        let fluent_text = fluent.as_ref().map_or(0, String::len);
        let bundle = fluent.and_then(|text| {
            // The text is entries cut whole from files that parsed, so it
            // parses; were it ever not to, those messages fall back to the
            // next locale, logged.
            let resource = FluentResource::try_new(text).ok()?;
            let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
            bundle.set_use_isolating(false);
            // NUMBER() is the only builtin; adding it to a fresh bundle
            // cannot clash, and the text holds each id once.
            let _ = bundle.add_builtins();
            let _ = bundle.add_resource(resource);
            Some(bundle)
        });
        let own = cldr_rules(plurals_of);
        let own_plurals = own.is_some();
        // Fluent uses English rules for a language CLDR does not know.
        let plurals = own.or_else(|| cldr_rules(&"en".parse().ok()?));
        let header = http::HeaderValue::from_str(&id.to_string())
            .unwrap_or_else(|_| http::HeaderValue::from_static("und"));
        Locale {
            id,
            header,
            table,
            bundle,
            fluent_text,
            plurals,
            own_plurals,
            reported: Box::default(),
        }
    }

    /// The message `id`, by index.
    #[inline]
    pub(super) fn message(&self, id: &str) -> Option<u32> {
        self.table.message(id)
    }

    /// How a message's value (`attribute` None) or attribute renders.
    #[inline]
    pub(super) fn pattern(&self, message: u32, attribute: Option<&str>) -> Option<Resolved<'_>> {
        self.table.view(message)?.pattern(attribute)
    }

    /// The message `id`, looked up once for its value and attributes.
    #[inline]
    pub(super) fn view(&self, id: &str) -> Option<MessageView<'_>> {
        self.table.view(self.message(id)?)
    }

    /// Renders a message value (`attribute` None) or attribute. `None` when
    /// this locale has no such message or it failed to render, so the
    /// caller falls back to the next locale.
    pub(super) fn format(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<Cow<'_, str>> {
        let message = self.message(id)?;
        let pattern = self.pattern(message, attribute)?;
        self.render(id, attribute, pattern, args, request_id)
    }

    /// Whether this locale has the message `id` (with `attribute`, if
    /// given).
    pub(super) fn has(&self, id: &str, attribute: Option<&str>) -> bool {
        self.message(id)
            .and_then(|m| self.pattern(m, attribute))
            .is_some()
    }

    /// Logs a translation mistake met in a message of this locale, once
    /// per message and kind of mistake.
    pub(super) fn report(
        &self,
        id: &str,
        attribute: Option<&str>,
        mistake: &Mistake<'_>,
        request_id: Option<&str>,
    ) {
        self.reported
            .report(&self.id, id, attribute, mistake, request_id);
    }

    /// Renders a compiled pattern of message `id`. `None` when it failed:
    /// Fluent reported an error, or it resolves more than
    /// [`MAX_PLACEABLES`] placeables (a message that refers to others many
    /// times over). Mistakes met are logged once per message, with the
    /// request id of the first request that met them.
    ///
    /// Inline, for a plain text (most titles and many details): its
    /// text comes back in registers. Passed out of line, the pattern would
    /// be written to memory in parts and read back whole, which stalls
    /// the processor's store forwarding.
    #[inline]
    pub(super) fn render<'l>(
        &'l self,
        id: &str,
        attribute: Option<&str>,
        pattern: Resolved<'l>,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<Cow<'l, str>> {
        match pattern {
            Resolved::Text(text) => Some(Cow::Borrowed(text)),
            Resolved::Nodes(pattern) => self.render_nodes(id, attribute, pattern, args, request_id),
            Resolved::Fluent => self
                .format_fluent(id, attribute, args, request_id)
                .map(Cow::Owned),
        }
    }

    /// [`render`](Self::render) of a pattern with placeables.
    fn render_nodes<'l>(
        &'l self,
        id: &str,
        attribute: Option<&str>,
        pattern: u32,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<Cow<'l, str>> {
        let mut misses = Misses::default();
        let rendered = resolve::render_cow(
            &self.table,
            pattern,
            args,
            self.plurals.as_ref(),
            &mut misses,
        );
        if misses.any() {
            self.report_misses(id, attribute, &misses, request_id);
        }
        if let Ok(text) = rendered {
            return Some(text);
        }
        let mistake = Mistake::TooManyPlaceables(MAX_PLACEABLES);
        self.report(id, attribute, &mistake, request_id);
        None
    }

    /// Logs what rendering a message ran into. Out of line: a message
    /// that renders cleanly never comes here.
    #[cold]
    #[inline(never)]
    fn report_misses(
        &self,
        id: &str,
        attribute: Option<&str>,
        misses: &Misses,
        request_id: Option<&str>,
    ) {
        if !misses.variables.is_empty() {
            let mistake = Mistake::Variables(&misses.variables);
            self.report(id, attribute, &mistake, request_id);
        }
        if let (Some((variable, category)), true) = (&misses.plural, self.own_plurals) {
            let mistake = Mistake::Plural { variable, category };
            self.report(id, attribute, &mistake, request_id);
        }
    }

    /// Renders through Fluent. A variable the error lacks is a Fluent error
    /// here (a placeholder could reach a function such as NUMBER and print
    /// nonsense), so the caller falls back to the next locale.
    pub(super) fn format_fluent(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<String> {
        match format_with(self.bundle.as_ref()?, id, attribute, args)? {
            Ok(text) => Some(text),
            Err(errors) => {
                self.report(id, attribute, &Mistake::Failed(&errors), request_id);
                None
            }
        }
    }
}

/// Formats a message of `bundle` with `args` converted as [`fluent_value`]
/// converts them: `None` when the bundle lacks it, the errors Fluent
/// reported (as text) when it failed.
pub(super) fn format_with<R: std::borrow::Borrow<FluentResource>>(
    bundle: &FluentBundle<R>,
    id: &str,
    attribute: Option<&str>,
    args: &Args<'_>,
) -> Option<Result<String, String>> {
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        None => message.value(),
        Some(name) => message.get_attribute(name).map(|a| a.value()),
    }?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args.iter() {
        fluent_args.set(name.to_owned(), fluent_value(value));
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!("{errors:?}"))
    })
}

/// The Fluent value for an argument, as [`resolve::fluent_view`] sees it:
/// integers stay exact, since one beyond 2^53 goes in as its digits.
pub(crate) fn fluent_value<'a>(value: &'a ArgValue<'_>) -> FluentValue<'a> {
    match resolve::fluent_view(value) {
        resolve::FluentView::Number(n) => FluentValue::from(n),
        resolve::FluentView::Text(text) => FluentValue::String(text),
    }
}
