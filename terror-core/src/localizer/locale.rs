//! One locale: its compiled messages, the Fluent bundle behind them, and
//! rendering a message in it.

use std::borrow::Cow;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use intl_pluralrules::PluralRules;
use rustc_hash::FxHashMap;
use terror_ftl::graph::{Graph, Node as GraphNode};
use terror_ftl::plural::cldr_rules;
use unic_langid::LanguageIdentifier;

use super::compile::{self, Misses, Pattern, Table, MAX_PLACEABLES};
use super::mistakes::{Mistake, Reported};
use crate::args::{ArgValue, Args};

/// One locale: its compiled messages and the Fluent bundle behind them.
pub(super) struct Locale {
    pub(super) id: LanguageIdentifier,
    /// The `Content-Language` value, built once.
    pub(super) header: http::HeaderValue,
    /// The framework's files, then the application's, as loaded.
    pub(super) files: Vec<(String, Arc<FluentResource>)>,
    pub(super) messages: FxHashMap<Box<str>, Message>,
    table: Table,
    bundle: FluentBundle<Arc<FluentResource>>,
    /// The language's CLDR rules, or English rules for a language CLDR
    /// has none for, as in Fluent.
    pub(super) plurals: Option<PluralRules>,
    /// Whether `plurals` are this language's own rules: only then is a
    /// number without a variant for its category a translation mistake.
    own_plurals: bool,
    /// The translation mistakes this locale has logged.
    pub(super) reported: Box<Reported>,
}

pub(super) struct Message {
    pub(super) value: Option<Pattern>,
    attributes: Box<[(Box<str>, Pattern)]>,
}

impl Message {
    pub(super) fn pattern(&self, attribute: Option<&str>) -> Option<Pattern> {
        match attribute {
            None => self.value,
            Some(name) => self
                .attributes
                .iter()
                .find(|(n, _)| **n == *name)
                .map(|(_, p)| *p),
        }
    }
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("id", &self.id)
            .field("messages", &self.messages.len())
            .finish_non_exhaustive()
    }
}

impl Locale {
    /// Compiles a locale from the framework's resources and the
    /// application's, the application's messages taking precedence. Its
    /// selects follow the CLDR plural rules of `plurals_of`: the locale
    /// itself, or the locale a pseudo-locale was made from.
    pub(super) fn build(
        id: LanguageIdentifier,
        framework: &[(String, Arc<FluentResource>)],
        app: &[(String, Arc<FluentResource>)],
        plurals_of: &LanguageIdentifier,
    ) -> Self {
        let resources: Vec<&FluentResource> =
            framework.iter().chain(app).map(|(_, r)| &**r).collect();
        let graph = Graph::new(resources.iter().map(|r| r.entries()));
        let (table, pattern_of) = Table::compile(&graph);
        let compiled = |id: &str, attribute: Option<&str>| {
            graph
                .index_of(GraphNode::message(id, attribute))
                .map_or(Pattern::Fluent, &pattern_of)
        };
        let mut messages = FxHashMap::default();
        // A later definition replaces an earlier one, as in the bundle.
        for entry in resources.iter().flat_map(|r| r.entries()) {
            if let ast::Entry::Message(m) = entry {
                let message = Message {
                    value: m.value.as_ref().map(|_| compiled(m.id.name, None)),
                    attributes: m
                        .attributes
                        .iter()
                        .map(|a| (Box::from(a.id.name), compiled(m.id.name, Some(a.id.name))))
                        .collect(),
                };
                messages.insert(Box::from(m.id.name), message);
            }
        }

        let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
        bundle.set_use_isolating(false);
        // NUMBER() is the only builtin; adding it to a fresh bundle cannot clash.
        let _ = bundle.add_builtins();
        for (_, resource) in framework {
            // The framework's files never repeat an id, and a clash with a
            // later application file is resolved by overriding below.
            let _ = bundle.add_resource(Arc::clone(resource));
        }
        for (_, resource) in app {
            bundle.add_resource_overriding(Arc::clone(resource));
        }
        let own = cldr_rules(plurals_of);
        let own_plurals = own.is_some();
        // Fluent uses English rules for a language CLDR does not know.
        let plurals = own.or_else(|| cldr_rules(&"en".parse().ok()?));
        let header = http::HeaderValue::from_str(&id.to_string())
            .unwrap_or_else(|_| http::HeaderValue::from_static("und"));
        Locale {
            id,
            header,
            files: framework.iter().chain(app).cloned().collect(),
            messages,
            table,
            bundle,
            plurals,
            own_plurals,
            reported: Box::default(),
        }
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
        let pattern = self.messages.get(id)?.pattern(attribute)?;
        self.render(id, attribute, pattern, args, request_id)
    }

    /// Whether this locale has the message `id` (with `attribute`, if
    /// given).
    pub(super) fn has(&self, id: &str, attribute: Option<&str>) -> bool {
        self.messages
            .get(id)
            .and_then(|m| m.pattern(attribute))
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
    pub(super) fn render(
        &self,
        id: &str,
        attribute: Option<&str>,
        pattern: Pattern,
        args: &Args<'_>,
        request_id: Option<&str>,
    ) -> Option<Cow<'_, str>> {
        let slot = match pattern {
            Pattern::Nodes(slot) => slot,
            Pattern::Fluent => {
                return self
                    .format_fluent(id, attribute, args, request_id)
                    .map(Cow::Owned)
            }
        };
        let mut misses = Misses::default();
        let rendered =
            compile::render_cow(&self.table, slot, args, self.plurals.as_ref(), &mut misses);
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
        let message = self.bundle.get_message(id)?;
        let pattern = match attribute {
            None => message.value(),
            Some(name) => message.get_attribute(name).map(|a| a.value()),
        }?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args.iter() {
            fluent_args.set(name.to_owned(), fluent_value(value));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            Some(text.into_owned())
        } else {
            let errors = format!("{errors:?}");
            self.report(id, attribute, &Mistake::Failed(&errors), request_id);
            None
        }
    }
}

/// The Fluent value for an argument, as [`compile::fluent_view`] sees it:
/// integers stay exact, since one beyond 2^53 goes in as its digits.
pub(crate) fn fluent_value<'a>(value: &'a ArgValue<'_>) -> FluentValue<'a> {
    match compile::fluent_view(value) {
        compile::FluentView::Number(n) => FluentValue::from(n),
        compile::FluentView::Text(text) => FluentValue::String(text),
    }
}
