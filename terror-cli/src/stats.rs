//! `terror stats`: how far each locale is, as a table or JSON. Terms
//! (`-brand = …`) are translated as messages are, and count as messages.

use std::fmt::Write as _;
use std::path::Path;

use fluent_syntax::ast;
use serde::Serialize;

use crate::entries;
use crate::findings::Check;
use crate::locales::{self, Locale};

/// One locale's progress.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    pub(crate) locale: String,
    /// Whether this is the source locale.
    pub(crate) source: bool,
    /// Source messages and terms the locale has (without a syntax error).
    pub(crate) translated: usize,
    /// Source messages and terms it lacks, or has broken.
    pub(crate) missing: usize,
    /// Its messages the source no longer has, and its terms the source
    /// does not have that nothing in it refers to (as `terror check`
    /// counts them).
    pub(crate) obsolete: usize,
    /// `translated` out of the source's messages and terms, in percent.
    pub(crate) complete: f64,
    /// Words in the source text of the missing messages and terms (a
    /// term's value only).
    pub(crate) words_to_translate: usize,
    /// Syntax errors in the locale's files.
    pub(crate) syntax_errors: usize,
}

/// The progress of every locale in `dir` against `source`, the source
/// first.
pub(crate) fn run(dir: &Path, source: &str) -> Result<Vec<Row>, String> {
    let mut findings = Vec::new();
    let folder = locales::read(dir, &mut findings)?;
    let source_index = folder.source_index(dir, source)?;
    let parsed = folder.parse(&mut findings);
    let locales = Locale::all(&folder, &parsed);
    let syntax_errors = |locale: &str| {
        findings
            .iter()
            .filter(|f| f.locale == locale)
            .filter(|f| matches!(f.check, Check::SyntaxError | Check::MissingDefaultVariant))
            .count()
    };
    let source_locale = &locales[source_index];
    let source_ids = source_locale.sorted_ids();
    let source_terms = source_locale.sorted_term_ids();
    let total = source_ids.len() + source_terms.len();
    let mut rows: Vec<Row> = locales
        .iter()
        .map(|locale| {
            let missing: Vec<&str> = source_ids
                .iter()
                .copied()
                .filter(|id| locale.messages.get(id).is_none())
                .collect();
            let missing_terms: Vec<&str> = source_terms
                .iter()
                .copied()
                .filter(|id| !locale.terms.contains_key(id))
                .collect();
            let obsolete = locale
                .messages
                .ids()
                .filter(|id| source_locale.messages.get(id).is_none())
                .count()
                + locale.obsolete_terms(source_locale).len();
            let words_to_translate = missing
                .iter()
                .filter_map(|id| source_locale.messages.get(id))
                .map(|(_, message)| words(entries::message_patterns(message)))
                .chain(
                    missing_terms
                        .iter()
                        .filter_map(|id| source_locale.terms.get(id))
                        // A term's attributes are grammatical facts
                        // (`.gender = masculine`), not text users read.
                        .map(|(_, term)| words(vec![&term.value])),
                )
                .sum();
            let missing = missing.len() + missing_terms.len();
            let translated = total - missing;
            #[allow(clippy::cast_precision_loss)] // Counts of messages are small.
            let complete = if total == 0 {
                100.0
            } else {
                (translated as f64 * 1000.0 / total as f64).round() / 10.0
            };
            Row {
                locale: locale.name().to_owned(),
                source: std::ptr::eq(locale, source_locale),
                translated,
                missing,
                obsolete,
                complete,
                words_to_translate,
                syntax_errors: syntax_errors(locale.name()),
            }
        })
        .collect();
    rows.sort_by_key(|r| !r.source);
    Ok(rows)
}

/// The words of a message's or term's value and attributes (every
/// variant of a selector), placeables aside.
fn words(patterns: Vec<&ast::Pattern<&str>>) -> usize {
    let mut words = 0;
    for pattern in patterns {
        entries::visit_text(pattern, &mut |text| {
            words += text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
        });
    }
    words
}

/// The table: one row per locale, the source first and marked.
pub(crate) fn to_text(rows: &[Row]) -> String {
    let header = [
        "locale",
        "translated",
        "missing",
        "obsolete",
        "complete",
        "words to translate",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                if r.source {
                    format!("{} (source)", r.locale)
                } else {
                    r.locale.clone()
                },
                r.translated.to_string(),
                r.missing.to_string(),
                r.obsolete.to_string(),
                format!("{:.1}%", r.complete),
                r.words_to_translate.to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let mut line = |row: &[&str]| {
        let mut text = format!("{:<width$}", row[0], width = widths[0]);
        for (cell, width) in row.iter().zip(&widths).skip(1) {
            let _ = write!(text, "  {cell:>width$}");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &cells {
        line(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

/// The rows as one JSON array.
pub(crate) fn to_json(rows: &[Row]) -> String {
    let mut json = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_owned());
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_skip_placeables_and_count_every_variant() {
        let source = "m = Volume { $name } is { $n ->\n    [one] one host\n   *[other] { $n } hosts\n} - ok\n    .title = Not found\n";
        let resource = fluent_syntax::parser::parse(source).unwrap();
        let ast::Entry::Message(message) = &resource.body[0] else {
            panic!("not a message");
        };
        // Volume, is, one, host, hosts, ok, Not, found ("-" is no word).
        assert_eq!(words(entries::message_patterns(message)), 8);
    }
}
