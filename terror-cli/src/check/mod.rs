//! `terror check`: every finding about a `locales/` folder, comparing each
//! locale with the source locale (and, given one, with the service's
//! catalog).

mod compare;
mod locale;
mod terms;

use std::path::Path;

use crate::catalog::Catalog;
use crate::findings::{self, Check, Finding};
use crate::locales::{self, Locale};

/// What a check looked at, and what it found.
pub(crate) struct Outcome {
    /// Sorted by file and position.
    pub(crate) findings: Vec<Finding>,
    /// The locales checked, in name order.
    pub(crate) locales: Vec<String>,
    /// How many `.ftl` files were read.
    pub(crate) files: usize,
}

/// Checks the locales in `dir` against `source`, and against the catalog
/// at `catalog` when given. `Err` when the check cannot run at all: `dir`
/// cannot be read, has no folder for `source`, or the catalog is unusable.
pub(crate) fn run(dir: &Path, source: &str, catalog: Option<&Path>) -> Result<Outcome, String> {
    let mut findings = Vec::new();
    let folder = locales::read(dir, &mut findings)?;
    let catalog = catalog.map(Catalog::read).transpose()?;
    let source_index = folder.source_index(dir, source)?;
    let parsed = folder.parse(&mut findings);
    let locales = Locale::all(&folder, &parsed);
    let source_locale = &locales[source_index];
    for locale in &locales {
        locale::check(locale, source_locale, catalog.as_ref(), &mut findings);
    }
    locale::check_source(source_locale, &mut findings);
    if let Some(catalog) = &catalog {
        codes_without_message(source_locale, catalog, &mut findings);
        deprecations_without_note(&locales, catalog, &mut findings);
    }
    for (index, locale) in locales.iter().enumerate() {
        if index == source_index {
            compare::variables_against_catalog(locale, catalog.as_ref(), &mut findings);
        } else if locale.folder.langid.is_some() {
            // A folder that is not a language tag is reported once, not
            // compared: the service does not start with it.
            compare::compare(source_locale, locale, catalog.as_ref(), &mut findings);
            terms::compare(source_locale, locale, &mut findings);
        }
    }
    findings::sort(&mut findings);
    findings.dedup();
    Ok(Outcome {
        findings,
        locales: folder.locales.iter().map(|l| l.name.clone()).collect(),
        files: folder.locales.iter().map(|l| l.files.len()).sum(),
    })
}

/// Codes of the catalog that have no message at all in the source
/// locale: neither in its folder nor, as the catalog says, anywhere else
/// in the service (the framework ships the messages of its own codes).
fn codes_without_message(source: &Locale<'_>, catalog: &Catalog, findings: &mut Vec<Finding>) {
    for entry in &catalog.entries {
        let id = entry.message_id.as_str();
        if source.messages.get(id).is_some()
            || source.broken.contains(id)
            || entry.messages.contains_key(source.name())
        {
            continue;
        }
        let (line, column) = catalog.position_of(&entry.code);
        findings.push(Finding::new(
            Check::CodeWithoutMessage,
            source.name(),
            (&catalog.path, line, column),
            Some(id),
            format!(
                "the code `{}` has no message `{id}` in {}: clients get a generic text",
                entry.code,
                source.name()
            ),
        ));
    }
}

/// Deprecated codes whose message, in a locale that has it, lacks the
/// `.deprecated` attribute: that locale's page shows the developer's note
/// instead, in the developer's words. A locale without the message at all
/// is reported as missing it; a folder that is not a language tag, once,
/// as such.
fn deprecations_without_note(
    locales: &[Locale<'_>],
    catalog: &Catalog,
    findings: &mut Vec<Finding>,
) {
    let deprecated = catalog
        .entries
        .iter()
        .filter_map(|e| e.deprecated.as_deref().map(|note| (e, note)));
    for (entry, note) in deprecated {
        let id = entry.message_id.as_str();
        for locale in locales.iter().filter(|l| l.folder.langid.is_some()) {
            let Some((resource, message)) = locale.messages.get(id) else {
                continue;
            };
            let has_note = message
                .attributes
                .iter()
                .any(|a| a.id.name == terror_ftl::attributes::DEPRECATED);
            if has_note {
                continue;
            }
            findings.push(Finding::new(
                Check::MissingDeprecationNote,
                locale.name(),
                locale.at_slice(resource, message.id.name),
                Some(id),
                format!(
                    "`{id}` lacks the attribute `.deprecated`: the code `{}` is deprecated, and its page in {} shows the developer's note {note:?}; add `.deprecated` saying in this language what to use instead",
                    entry.code,
                    locale.name()
                ),
            ));
        }
    }
}

/// `a`, `b`, `c` as a list for a message.
pub(crate) fn list<'a>(items: impl IntoIterator<Item = &'a str>, prefix: &str) -> String {
    items
        .into_iter()
        .map(|i| format!("`{prefix}{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
