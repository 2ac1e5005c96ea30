//! Checks of one locale on its own: ids defined twice, references to
//! nothing, attributes terror does not read, plural selectors without the
//! locale's categories; and, in the source locale, the style of ids and
//! comments.

use std::collections::{HashMap, HashSet};

use fluent_syntax::ast;
use terror_ftl::graph::Node;
use terror_ftl::plural::{NumberKind, RequiredCategories};
use terror_ftl::pseudo::Style;

use super::list;
use crate::catalog::Catalog;
use crate::entries;
use crate::findings::{Check, Finding};
use crate::locales::Locale;

/// The checks every locale gets, the source's included.
pub(crate) fn check(
    locale: &Locale<'_>,
    source: &Locale<'_>,
    catalog: Option<&Catalog>,
    findings: &mut Vec<Finding>,
) {
    duplicates(locale, findings);
    references(locale, findings);
    unknown_attributes(locale, findings);
    cycles(locale, findings);
    plurals(locale, source, catalog, findings);
}

/// The checks only the source locale gets: how it is written.
pub(crate) fn check_source(source: &Locale<'_>, findings: &mut Vec<Finding>) {
    for (resource, entry) in source.entries() {
        let Some((id, shown)) = entries::id(entry) else {
            continue;
        };
        if !is_kebab(id) {
            findings.push(Finding::new(
                Check::IdStyle,
                source.name(),
                source.at_slice(resource, id),
                Some(&shown),
                format!(
                    "`{shown}` is not lowercase-with-hyphens: name it like the codes it belongs to, such as `{}`",
                    kebab(&shown)
                ),
            ));
        }
        if let ast::Entry::Message(message) = entry {
            undocumented(source, resource, message, findings);
        }
    }
}

/// Whether an id is lowercase words joined by single hyphens.
fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && id.starts_with(|c: char| c.is_ascii_lowercase())
}

/// `Volume_Gone` as `volume-gone`.
fn kebab(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.char_indices() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('-') {
            let previous = id[..i].chars().next_back().unwrap_or('-');
            if previous.is_ascii_lowercase() || previous.is_ascii_digit() {
                out.push('-');
            }
        }
        match c {
            '_' | '-' if out.ends_with('-') => {}
            '_' => out.push('-'),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// A source message whose comment does not explain every variable it
/// shows (`# $name (Type) - meaning`).
fn undocumented(
    source: &Locale<'_>,
    resource: usize,
    message: &ast::Message<&str>,
    findings: &mut Vec<Finding>,
) {
    let id = message.id.name;
    let comment: Vec<&str> = message
        .comment
        .iter()
        .flat_map(|c| c.content.iter().copied())
        .collect();
    // Every `$name` the comment mentions, read once.
    let explained: HashSet<&str> = comment
        .iter()
        .flat_map(|line| line.split('$').skip(1))
        .map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect();
    let missing: Vec<&str> = source
        .messages
        .variables(id)
        .unwrap_or_default()
        .into_iter()
        // What a referenced message shows, its own comment explains.
        .filter(|u| u.via.as_deref().is_none_or(|via| via.starts_with('.')))
        .map(|u| u.name)
        .filter(|name| !explained.contains(name))
        .collect();
    if missing.is_empty() {
        return;
    }
    // The types the guides write: a number a selector or NUMBER() takes
    // is an `Integer` (what the check assumes of a plural selector's
    // variable without the catalog), any other variable a `String`.
    let numbers = source.messages.number_variables(id).unwrap_or_default();
    let lines: Vec<String> = missing
        .iter()
        .map(|name| {
            let kind = if numbers.contains(name) {
                "Integer"
            } else {
                "String"
            };
            format!("# ${name} ({kind}) - what it is")
        })
        .collect();
    findings.push(Finding::new(
        Check::UndocumentedVariable,
        source.name(),
        source.at_slice(resource, id),
        Some(id),
        format!(
            "the comment above `{id}` does not explain {}: translators need {}",
            list(missing.iter().copied(), "$"),
            if lines.len() == 1 {
                format!("a line like `{}`", lines[0])
            } else {
                format!("lines like {}", list(lines.iter().map(String::as_str), ""))
            },
        ),
    ));
}

/// Attributes of messages that terror does not read
/// ([`terror_ftl::attributes::READ`]), where they are written: in the
/// source as in a translation, nothing shows them, and a translation is
/// never asked to copy one.
fn unknown_attributes(locale: &Locale<'_>, findings: &mut Vec<Finding>) {
    for (resource, entry) in locale.entries() {
        // A term's attributes are for selectors (`{ -brand.gender -> … }`).
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        for attribute in &message.attributes {
            let name = attribute.id.name;
            if terror_ftl::attributes::READ.contains(&name) {
                continue;
            }
            findings.push(Finding::new(
                Check::UnknownAttribute,
                locale.name(),
                locale.at_slice(resource, name),
                Some(id),
                format!(
                    "`{id}` has the attribute `.{name}`, which nothing shows: {}",
                    terror_ftl::attributes::advice(name)
                ),
            ));
        }
    }
}

/// Messages and terms defined twice in the locale.
fn duplicates(locale: &Locale<'_>, findings: &mut Vec<Finding>) {
    let mut first: HashMap<String, (usize, &str)> = HashMap::new();
    for (resource, entry) in locale.entries() {
        let Some((name, shown)) = entries::id(entry) else {
            continue;
        };
        match first.get(&shown) {
            None => {
                first.insert(shown, (resource, name));
            }
            Some(&(at_resource, at_name)) => {
                let (file, line, column) = locale.at_slice(at_resource, at_name);
                findings.push(Finding::new(
                    Check::DuplicateId,
                    locale.name(),
                    locale.at_slice(resource, name),
                    Some(&shown),
                    format!(
                        "`{shown}` is already defined at {file}:{line}:{column}: the service refuses to start with both; keep one"
                    ),
                ));
            }
        }
    }
}

/// References to messages, attributes and terms the locale does not have.
fn references(locale: &Locale<'_>, findings: &mut Vec<Finding>) {
    for (resource, entry) in locale.entries() {
        let Some((_, shown)) = entries::id(entry) else {
            continue;
        };
        let mut found = Vec::new();
        for pattern in entries::patterns(entry) {
            terror_ftl::graph::references(pattern, &mut found);
        }
        for node in found {
            if locale.messages.graph().index_of(node).is_some() {
                continue;
            }
            let target = node.to_string();
            let whole = if node.term {
                format!("-{}", node.id)
            } else {
                node.id.to_owned()
            };
            if locale.broken.contains(whole.as_str()) {
                continue;
            }
            let (file, line, column) = locale.at_slice(resource, node.id);
            // At the `-` of a term.
            let column = column - usize::from(node.term);
            findings.push(Finding::new(
                Check::UnknownReference,
                locale.name(),
                (file, line, column),
                Some(&shown),
                format!(
                    "`{shown}` refers to `{target}`, which {} does not define: the message falls back to another language",
                    locale.name()
                ),
            ));
        }
    }
}

/// Messages and terms that refer to each other in a cycle: Fluent cannot
/// show them (a cycle in a variant that is not selected aside), so they
/// fall back to another language. Each entry once.
fn cycles(locale: &Locale<'_>, findings: &mut Vec<Finding>) {
    /// How many of the other members of a cycle a finding names.
    const NAMED: usize = 4;
    let graph = locale.messages.graph();
    let mut reported: HashSet<Node<'_>> = HashSet::new();
    // Each cycle's first members, named once per cycle: a cycle may hold
    // every message of the file.
    let mut members: HashMap<usize, (Vec<String>, usize)> = HashMap::new();
    for index in (0..graph.len()).filter(|&i| graph.is_cyclic(i)) {
        let node = graph.node(index);
        let entry = Node {
            attribute: None,
            ..node
        };
        if !reported.insert(entry) {
            continue;
        }
        let component = graph.component(index);
        let (named, size) = members.entry(component[0]).or_insert_with(|| {
            let named = component
                .iter()
                .take(NAMED + 1)
                .map(|&i| graph.node(i).to_string())
                .collect();
            (named, component.len())
        });
        let shown_node = node.to_string();
        let mut others: Vec<&str> = named
            .iter()
            .map(String::as_str)
            .filter(|other| *other != shown_node)
            .take(NAMED)
            .collect();
        others.sort_unstable();
        let more = (*size - 1).saturating_sub(others.len());
        let how = match (others.is_empty(), more) {
            (true, _) => format!("`{node}` refers to itself"),
            (false, 0) => format!("`{node}` and {} refer to each other", list(others, "")),
            (false, more) => format!(
                "`{node}`, {} and {more} more refer to each other",
                list(others, "")
            ),
        };
        let shown = entry.to_string();
        let (file, line, column) = locale.at_slice(graph.resource(index), node.id);
        findings.push(Finding::new(
            Check::ReferenceCycle,
            locale.name(),
            (file, line, column - usize::from(node.term)),
            Some(&shown),
            format!(
                "{how} in a cycle: Fluent cannot show `{node}`, so it falls back to another language or a generic text"
            ),
        ));
    }
}

/// Plural selectors lacking a category the locale's numbers need. A
/// locale CLDR has no plural rules for gets one note instead, when it has
/// plural selectors: nothing can tell which of its numbers are `one` or
/// `few`.
fn plurals(
    locale: &Locale<'_>,
    source: &Locale<'_>,
    catalog: Option<&Catalog>,
    findings: &mut Vec<Finding>,
) {
    let Some(langid) = &locale.folder.langid else {
        return;
    };
    // A pseudo-locale is its source's text transformed, variants and all:
    // it needs the plural categories its source needs.
    let rules_of = match (Style::of_locale(langid), &source.folder.langid) {
        (Some(_), Some(source)) => source,
        _ => langid,
    };
    let required = RequiredCategories::new(rules_of);
    let ids = locale.sorted_ids();
    if !required.has_rules() {
        let has_selects = ids.iter().any(|id| {
            locale
                .messages
                .plural_selects(id)
                .is_some_and(|s| !s.is_empty())
        });
        if has_selects {
            let name = locale.name();
            findings.push(Finding::new(
                Check::NoPluralRules,
                name,
                (&locale.folder.path, 1, 1),
                None,
                format!(
                    "CLDR has no plural rules for {name}, so its plural variants are not checked; numbers choose among them by English rules (`one` for 1, `other` for any other number)"
                ),
            ));
        }
        return;
    }
    for id in ids {
        let selects = locale.messages.plural_selects(id).unwrap_or_default();
        if selects.is_empty() {
            continue;
        }
        let in_source = plural_in_source(source, id);
        for select in selects {
            let kind = catalog
                .and_then(|c| kind_of(c, id, select.variable))
                .unwrap_or(if in_source.contains(select.variable) {
                    NumberKind::Integer
                } else {
                    NumberKind::NotANumber
                });
            let missing = required.missing(kind, &select);
            if missing.is_empty() {
                continue;
            }
            findings.push(Finding::new(
                Check::MissingPluralCategory,
                locale.name(),
                locale.at(select.resource, select.offset),
                Some(id),
                format!(
                    "`{id}` selects on `${}` without the plural {} {} that {} needs: numbers in {} would show the default variant",
                    select.variable,
                    if missing.len() == 1 { "category" } else { "categories" },
                    list(missing.iter().copied(), ""),
                    locale.name(),
                    if missing.len() == 1 { "it" } else { "them" },
                ),
            ));
        }
    }
}

/// The kind of number a variable of message `id` is, by the catalog's arg
/// types (a float in any code makes it a decimal); `None` when the
/// catalog does not know it.
fn kind_of(catalog: &Catalog, id: &str, variable: &str) -> Option<NumberKind> {
    let kinds: Vec<NumberKind> = catalog
        .entries_for(id)
        .flat_map(|e| e.args.iter())
        .filter(|a| a.name == variable)
        .map(|a| NumberKind::of_rust_type(&a.rust_type))
        .collect();
    if kinds.contains(&NumberKind::Decimal) {
        Some(NumberKind::Decimal)
    } else if kinds.contains(&NumberKind::Integer) {
        Some(NumberKind::Integer)
    } else {
        kinds.first().copied()
    }
}

/// Without the catalog's types: a variable is taken for an integer when
/// the source message selects on it with a plural category other than
/// `other` (`[one]`, `[few]`, …); a selector like `[string] … *[other] …`
/// is on a word, not a number. These are the variables of message `id`
/// that the source selects on so.
fn plural_in_source<'a>(source: &Locale<'a>, id: &str) -> HashSet<&'a str> {
    source
        .messages
        .plural_selects(id)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| {
            s.keys
                .iter()
                .any(|k| *k != "other" && terror_ftl::PLURAL_CATEGORIES.contains(k))
        })
        .map(|s| s.variable)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case() {
        for good in ["volume-not-found", "a", "http-404", "x2-y"] {
            assert!(is_kebab(good), "{good}");
        }
        for bad in ["Volume", "volume_gone", "a--b", "-a", "a-", "4xx", ""] {
            assert!(!is_kebab(bad), "{bad}");
        }
        assert_eq!(kebab("Volume_Gone"), "volume-gone");
        assert_eq!(kebab("volumeNotFound"), "volume-not-found");
        assert_eq!(kebab("-brandName"), "-brand-name");
    }
}
