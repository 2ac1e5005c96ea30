//! A locale compared with the source locale, message by message: what is
//! missing, obsolete, extra, untranslated, and which variables do not
//! match.

use std::collections::HashSet;

use fluent_syntax::ast;
use terror_ftl::VariableUse;

use super::list;
use crate::catalog::Catalog;
use crate::entries;
use crate::findings::{Check, Finding};
use crate::locales::Locale;

/// The comment line that says a translation identical to its source is
/// intended (a product name, `OK`), on the translation or on the source
/// message (then for every locale).
pub(crate) const SAME_AS_SOURCE_MARKER: &str = "terror: same-as-source";

/// How many ids one locale's obsolete messages (or terms) are compared
/// with, in all, to suggest what they were renamed to.
const SUGGESTION_BUDGET: usize = 100_000;

/// Suggests which of the ids the locale lacks an obsolete id was renamed
/// to: "; is it `<prefix><id>`, renamed?", or nothing. Comparing costs the
/// number of missing ids, taken from a budget shared by one locale's
/// obsolete ids, so a locale of thousands of each stays bounded.
pub(super) struct Renamed<'m> {
    missing: &'m [&'m str],
    budget: usize,
}

impl<'m> Renamed<'m> {
    pub(super) fn new(missing: &'m [&'m str]) -> Self {
        Renamed {
            missing,
            budget: SUGGESTION_BUDGET,
        }
    }

    pub(super) fn hint(&mut self, id: &str, prefix: &str) -> String {
        if self.budget < self.missing.len() {
            return String::new();
        }
        self.budget -= self.missing.len();
        terror_ftl::suggest::closest(id, self.missing.iter().copied())
            .map(|s| format!("; is it `{prefix}{s}`, renamed?"))
            .unwrap_or_default()
    }
}

/// Compares `locale` with `source`, message by message.
pub(crate) fn compare<'a>(
    source: &Locale<'a>,
    locale: &Locale<'a>,
    catalog: Option<&Catalog>,
    findings: &mut Vec<Finding>,
) {
    let mut reported = HashSet::new();
    for id in source.sorted_ids() {
        let Some((source_resource, source_message)) = source.messages.get(id) else {
            continue;
        };
        match locale.messages.get(id) {
            Some((resource, message)) => {
                let pair = Pair {
                    source,
                    locale,
                    source_message,
                    message,
                    resource,
                };
                pair.shape(findings);
                pair.variables(catalog, &mut reported, findings);
                pair.same_as_source(findings);
            }
            None if locale.broken.contains(id) => {}
            None => {
                let file_name = source
                    .folder
                    .files
                    .get(source_resource)
                    .map_or("", |f| f.name.as_str());
                let (file, line, column) = source.at_slice(source_resource, id);
                findings.push(Finding::new(
                    Check::MissingMessage,
                    locale.name(),
                    (&locale.counterpart(file_name), 1, 1),
                    Some(id),
                    format!(
                        "`{id}` is missing: {} has it at {file}:{line}:{column}; until it is translated, users see another language",
                        source.name()
                    ),
                ));
            }
        }
    }
    let obsolete: Vec<&str> = locale
        .sorted_ids()
        .into_iter()
        .filter(|id| source.messages.get(id).is_none() && !source.broken.contains(id))
        .collect();
    // A renamed message is obsolete under its old id and missing under
    // its new one: the missing ids are the candidates. Comparing every
    // pair costs their product, so suggestions stop past a budget.
    let missing: Vec<&str> = source
        .messages
        .ids()
        .filter(|id| locale.messages.get(id).is_none())
        .collect();
    let mut renamed = Renamed::new(&missing);
    for id in obsolete {
        let Some((resource, _)) = locale.messages.get(id) else {
            continue;
        };
        let suggestion = renamed.hint(id, "");
        findings.push(Finding::new(
            Check::ObsoleteMessage,
            locale.name(),
            locale.at_slice(resource, id),
            Some(id),
            format!(
                "`{id}` is not in {}: nothing shows it, remove it{suggestion}",
                source.name()
            ),
        ));
    }
}

/// In the source locale, with a catalog: variables the codes' args do not
/// have.
pub(crate) fn variables_against_catalog(
    source: &Locale<'_>,
    catalog: Option<&Catalog>,
    findings: &mut Vec<Finding>,
) {
    let Some(catalog) = catalog else {
        return;
    };
    let mut reported = HashSet::new();
    for id in source.sorted_ids() {
        if let Some(args) = catalog.args_of(id) {
            let uses = source.messages.variables(id).unwrap_or_default();
            unknown_variables(
                source,
                id,
                &uses,
                &Allowed::Args { catalog, args },
                &mut reported,
                findings,
            );
        }
    }
}

/// A source message and its translation.
struct Pair<'p, 'a> {
    source: &'p Locale<'a>,
    locale: &'p Locale<'a>,
    source_message: &'a ast::Message<&'a str>,
    message: &'a ast::Message<&'a str>,
    resource: usize,
}

impl Pair<'_, '_> {
    fn id(&self) -> &str {
        self.message.id.name
    }

    fn finding(&self, check: Check, at: Option<&str>, message: String) -> Finding {
        let at = at.unwrap_or(self.message.id.name);
        Finding::new(
            check,
            self.locale.name(),
            self.locale.at_slice(self.resource, at),
            Some(self.id()),
            message,
        )
    }

    /// The value and attributes: missing or extra.
    fn shape(&self, findings: &mut Vec<Finding>) {
        let (id, source_name) = (self.id(), self.source.name());
        if self.source_message.value.is_some() && self.message.value.is_none() {
            findings.push(self.finding(
                Check::MissingValue,
                None,
                format!("`{id}` has no value, only attributes: {source_name}'s has one, and it is the text users read"),
            ));
        }
        // Only the attributes terror reads: the others are reported where
        // they are written, and a translation is never asked to copy one.
        // `.description` and `.deprecated` are the translation's own: the
        // page shows the doc comment or the derive's note where it has
        // none (`.deprecated` has its own check, against the catalog).
        let compared = |a: &&ast::Attribute<&str>| {
            terror_ftl::attributes::READ.contains(&a.id.name)
                && a.id.name != terror_ftl::attributes::DESCRIPTION
                && a.id.name != terror_ftl::attributes::DEPRECATED
        };
        let source_attributes: Vec<&str> = self
            .source_message
            .attributes
            .iter()
            .filter(compared)
            .map(|a| a.id.name)
            .collect();
        let attributes: Vec<&ast::Attribute<&str>> =
            self.message.attributes.iter().filter(compared).collect();
        for missing in source_attributes
            .iter()
            .filter(|s| !attributes.iter().any(|a| a.id.name == **s))
        {
            findings.push(self.finding(
                Check::MissingAttribute,
                None,
                format!("`{id}` lacks the attribute `.{missing}` that {source_name} has"),
            ));
        }
        let locale_name = self.locale.name();
        for extra in attributes {
            let name = extra.id.name;
            if source_attributes.contains(&name) {
                continue;
            }
            findings.push(self.finding(
                Check::ExtraAttribute,
                Some(name),
                format!("`{id}` has the attribute `.{name}`, which {source_name}'s message does not have: only {locale_name} shows it; add it to {source_name}'s message, or remove it here"),
            ));
        }
    }

    /// Variables the translation has and its source (or the code) does
    /// not, and those of the source it never shows.
    fn variables(
        &self,
        catalog: Option<&Catalog>,
        reported: &mut HashSet<(usize, usize)>,
        findings: &mut Vec<Finding>,
    ) {
        let id = self.id();
        let uses = self.locale.messages.variables(id).unwrap_or_default();
        let source_uses = self.source.messages.variables(id).unwrap_or_default();
        let source_names: Vec<&str> = source_uses.iter().map(|u| u.name).collect();
        let allowed = match catalog.and_then(|c| c.args_of(id).map(|args| (c, args))) {
            Some((catalog, args)) => Allowed::Args { catalog, args },
            None => Allowed::Source {
                locale: self.source.name(),
                names: source_names.clone(),
            },
        };
        unknown_variables(self.locale, id, &uses, &allowed, reported, findings);
        let unused: Vec<&str> = source_names
            .iter()
            .copied()
            .filter(|name| !uses.iter().any(|u| u.name == *name))
            .collect();
        if !unused.is_empty() {
            findings.push(self.finding(
                Check::UnusedVariable,
                None,
                format!(
                    "`{id}` never shows {}, which {}'s message shows",
                    list(unused.iter().copied(), "$"),
                    self.source.name()
                ),
            ));
        }
    }

    /// A translation that is the source's text, unless marked.
    fn same_as_source(&self, findings: &mut Vec<Finding>) {
        if marked(self.message) || marked(self.source_message) || !has_text(self.source_message) {
            return;
        }
        if terror_ftl::message_source(self.message)
            != terror_ftl::message_source(self.source_message)
        {
            return;
        }
        findings.push(self.finding(
            Check::SameAsSource,
            None,
            format!(
                "`{}` is the same as in {}: translate it, or put `# {SAME_AS_SOURCE_MARKER}` in its comment if that is intended",
                self.id(),
                self.source.name()
            ),
        ));
    }
}

/// What variables a message may use.
enum Allowed<'c> {
    /// Its source message's.
    Source {
        locale: &'c str,
        names: Vec<&'c str>,
    },
    /// The args of its codes.
    Args {
        catalog: &'c Catalog,
        args: Vec<&'c str>,
    },
}

impl Allowed<'_> {
    fn names(&self) -> &[&str] {
        match self {
            Allowed::Source { names, .. } => names,
            Allowed::Args { args, .. } => args,
        }
    }
}

/// Reports the uses of variables that `allowed` lacks, each use site once:
/// a use in a message that others refer to is reported for the first of
/// them, not for every one (their number is unbounded).
fn unknown_variables(
    locale: &Locale<'_>,
    id: &str,
    uses: &[VariableUse<'_>],
    allowed: &Allowed<'_>,
    reported: &mut HashSet<(usize, usize)>,
    findings: &mut Vec<Finding>,
) {
    let names = allowed.names();
    for unknown in uses
        .iter()
        .filter(|u| !names.contains(&u.name) && reported.insert((u.resource, u.offset)))
    {
        let name = unknown.name;
        let whose = match allowed {
            Allowed::Source { locale, .. } => format!("{locale}'s message does not have"),
            Allowed::Args { catalog, .. } => {
                let codes: Vec<&str> = catalog.entries_for(id).map(|e| e.code.as_str()).collect();
                format!("{} does not have", list(codes, ""))
            }
        };
        let has = if names.is_empty() {
            "it has none".to_owned()
        } else {
            format!("it has {}", list(names.iter().copied(), "$"))
        };
        let hint = terror_ftl::suggest::closest(name, names.iter().copied())
            .map(|s| format!("; did you mean `${s}`?"))
            .unwrap_or_default();
        let via = unknown
            .via
            .as_deref()
            .map(|v| format!(" (in `{v}`)"))
            .unwrap_or_default();
        findings.push(Finding::new(
            Check::UnknownVariable,
            locale.name(),
            locale.at(unknown.resource, unknown.offset),
            Some(id),
            format!("`{id}` uses `${name}`{via}, which {whose} ({has}): users would see `…` in its place{hint}"),
        ));
    }
}

/// Whether a message's comment carries [`SAME_AS_SOURCE_MARKER`].
fn marked(message: &ast::Message<&str>) -> bool {
    message
        .comment
        .iter()
        .flat_map(|c| c.content.iter())
        .any(|line| line.trim() == SAME_AS_SOURCE_MARKER)
}

/// Whether a message has text to translate (letters outside placeables).
fn has_text(message: &ast::Message<&str>) -> bool {
    let mut letters = false;
    for pattern in entries::message_patterns(message) {
        entries::visit_text(pattern, &mut |text| {
            letters |= text.chars().any(char::is_alphabetic);
        });
    }
    letters
}
