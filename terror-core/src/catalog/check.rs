//! Checking the catalog against every locale: duplicate codes, missing
//! messages, unknown variables and missing plural categories.

use unic_langid::LanguageIdentifier;

use super::{locale_messages, ArgInfo, Catalog, CatalogProblem, CatalogReport, NumberKind};
use crate::Localizer;

impl Catalog {
    /// Checks the catalog against every locale of `localizer`: duplicate
    /// codes, messages missing in a locale, translations that use a variable
    /// the error does not have, and plural selectors without a category the
    /// locale's CLDR rules need. Every problem is reported at once.
    pub fn check(&self, localizer: &Localizer) -> Result<(), CatalogReport> {
        let mut problems = Vec::new();
        for pair in self.entries.windows(2) {
            if pair[0].code == pair[1].code && pair[0].rust_path() != pair[1].rust_path() {
                problems.push(CatalogProblem::DuplicateCode {
                    code: pair[0].code,
                    first: pair[0].rust_path(),
                    second: pair[1].rust_path(),
                });
            }
        }
        for (locale, paths, messages) in locale_messages(localizer) {
            self.check_locale(localizer, locale, &paths, &messages, &mut problems);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CatalogReport { problems })
        }
    }

    fn check_locale(
        &self,
        localizer: &Localizer,
        locale: &LanguageIdentifier,
        paths: &[&str],
        messages: &terror_ftl::Messages<'_, '_>,
        problems: &mut Vec<CatalogProblem>,
    ) {
        let at = |resource: usize, offset: usize| {
            let (line, column) = messages.position_of(resource, offset);
            let path = paths.get(resource).copied().unwrap_or("");
            format!("{path}:{line}:{column}")
        };
        let required = RequiredCategories::new(localizer, locale);
        let mut seen_ids: Vec<&str> = Vec::new();
        for entry in &self.entries {
            // Variants sharing a message id are checked once per id and args.
            let Some(uses) = messages.variables(entry.message_id) else {
                if !seen_ids.contains(&entry.message_id) {
                    problems.push(CatalogProblem::MissingMessage {
                        locale: locale.to_string(),
                        code: entry.code,
                        message_id: entry.message_id,
                    });
                    seen_ids.push(entry.message_id);
                }
                continue;
            };
            let mut reported: Vec<&str> = Vec::new();
            for var in uses {
                if entry.args.iter().any(|a| a.name == var.name) || reported.contains(&var.name) {
                    continue;
                }
                reported.push(var.name);
                problems.push(CatalogProblem::UnknownVariable {
                    locale: locale.to_string(),
                    at: at(var.resource, var.offset),
                    code: entry.code,
                    message_id: entry.message_id,
                    variable: var.name.to_owned(),
                    args: entry.args.iter().map(|a| a.name).collect(),
                });
            }
            for select in messages
                .plural_selects(entry.message_id)
                .unwrap_or_default()
            {
                let kind = entry
                    .args
                    .iter()
                    .find(|a| a.name == select.variable)
                    .map_or(NumberKind::NotANumber, ArgInfo::number_kind);
                let missing: Vec<&'static str> = required
                    .for_kind(kind)
                    .iter()
                    .copied()
                    .filter(|c| !select.keys.contains(c))
                    .collect();
                if !missing.is_empty() {
                    problems.push(CatalogProblem::MissingPluralCategories {
                        locale: locale.to_string(),
                        at: at(select.resource, select.offset),
                        message_id: entry.message_id,
                        variable: select.variable.to_owned(),
                        missing,
                    });
                }
            }
        }
    }
}

/// The plural categories a locale's numbers fall into, found by asking its
/// CLDR rules about sample numbers.
struct RequiredCategories {
    integers: Vec<&'static str>,
    decimals: Vec<&'static str>,
}

impl RequiredCategories {
    fn new(localizer: &Localizer, locale: &LanguageIdentifier) -> Self {
        let mut integers = Vec::new();
        let mut decimals = Vec::new();
        let integer_samples = (0..=1000_u32)
            .map(|n| n.to_string())
            .chain(["10000", "100000", "1000000", "1000001", "10000000"].map(String::from));
        for n in integer_samples {
            if let Some(category) = localizer.plural_category(locale, &n) {
                if !integers.contains(&category) {
                    integers.push(category);
                }
            }
        }
        let decimal_samples = (0..=300_u32)
            .map(|n| format!("{}.{}", n / 10, n % 10))
            .chain(["0.01", "1.01", "2.25", "1.00", "2.00", "5.00", "1000000.0"].map(String::from));
        for n in decimal_samples {
            if let Some(category) = localizer.plural_category(locale, &n) {
                if !decimals.contains(&category) && !integers.contains(&category) {
                    decimals.push(category);
                }
            }
        }
        let order = |c: &&str| terror_ftl::PLURAL_CATEGORIES.iter().position(|x| x == c);
        integers.sort_by_key(order);
        decimals.extend(integers.iter().copied());
        decimals.sort_by_key(order);
        RequiredCategories { integers, decimals }
    }

    fn for_kind(&self, kind: NumberKind) -> &[&'static str] {
        match kind {
            NumberKind::Integer => &self.integers,
            NumberKind::Decimal => &self.decimals,
            NumberKind::NotANumber => &[],
        }
    }
}
