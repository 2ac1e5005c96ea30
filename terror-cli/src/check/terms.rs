//! A locale's terms (`-brand = …`) compared with the source locale's:
//! those it lacks, and those nothing needs any more.

use super::compare::Renamed;
use crate::findings::{Check, Finding};
use crate::locales::Locale;

/// Reports the source's terms that `locale` lacks (errors, as missing
/// messages are) and its terms that are obsolete (warnings, as obsolete
/// messages are).
pub(crate) fn compare(source: &Locale<'_>, locale: &Locale<'_>, findings: &mut Vec<Finding>) {
    let mut missing = Vec::new();
    for id in source.sorted_term_ids() {
        // A term with a syntax error is reported as one, not as missing.
        if locale.terms.contains_key(id) || locale.term_is_broken(id) {
            continue;
        }
        missing.push(id);
        let Some(&(source_resource, _)) = source.terms.get(id) else {
            continue;
        };
        let file_name = source
            .folder
            .files
            .get(source_resource)
            .map_or("", |f| f.name.as_str());
        let (file, line, column) = source.at_slice(source_resource, id);
        let shown = format!("-{id}");
        findings.push(Finding::new(
            Check::MissingTerm,
            locale.name(),
            (&locale.counterpart(file_name), 1, 1),
            Some(&shown),
            format!(
                "the term `{shown}` is missing: {} has it at {file}:{line}:{}; a message that refers to it falls back to another language",
                source.name(),
                column - 1,
            ),
        ));
    }
    // Renamed terms are few; the budget bounds the pairs compared all the
    // same, as for messages.
    let mut renamed = Renamed::new(&missing);
    for id in locale.obsolete_terms(source) {
        let Some(&(resource, _)) = locale.terms.get(id) else {
            continue;
        };
        let suggestion = renamed.hint(id, "-");
        let (file, line, column) = locale.at_slice(resource, id);
        let shown = format!("-{id}");
        findings.push(Finding::new(
            Check::ObsoleteTerm,
            locale.name(),
            // At its `-`.
            (file, line, column - 1),
            Some(&shown),
            format!(
                "the term `{shown}` is not in {} and nothing in {} refers to it: nothing shows it, remove it{suggestion}",
                source.name(),
                locale.name(),
            ),
        ));
    }
}
