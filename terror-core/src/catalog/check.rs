//! Checking the catalog against every locale: duplicate codes (and codes
//! sharing a gRPC reason), missing messages, unknown variables and
//! attributes, and missing plural categories.

use std::collections::hash_map::{Entry, HashMap};

use unic_langid::LanguageIdentifier;

use terror_ftl::plural::{NumberKind, RequiredCategories};

use super::{each_locale_messages, ArgInfo, Catalog, CatalogEntry, CatalogIssue, CatalogReport};
use crate::localizer::Localizer;

impl Catalog {
    /// Checks the catalog against every locale of `localizer`: duplicate
    /// codes, codes that share a gRPC reason, messages missing in a
    /// locale, translations that use a variable the error does not have,
    /// attributes terror does not read (a typo such as `.tilte` that would
    /// leave the generic title), and plural selectors without a category
    /// the locale's CLDR rules need. Every problem is reported at once.
    ///
    /// The derive refuses an unknown attribute in the default locale's
    /// files at compile time; this check finds one in any locale, also in
    /// messages loaded at run time.
    pub fn check(&self, localizer: &Localizer) -> Result<(), CatalogReport> {
        let mut problems = Vec::new();
        for pair in self.entries.windows(2) {
            if pair[0].code == pair[1].code && pair[0].rust_path() != pair[1].rust_path() {
                problems.push(CatalogIssue::DuplicateCode {
                    code: pair[0].code,
                    first: pair[0].rust_path(),
                    second: pair[1].rust_path(),
                });
            }
        }
        self.check_reasons(&mut problems);
        each_locale_messages(localizer, |locale, paths, messages| {
            // A pseudo-locale is the default locale's text transformed,
            // variants and all.
            let plurals_of = match terror_ftl::pseudo::Style::of_locale(locale) {
                Some(_) => localizer.default_locale(),
                None => locale,
            };
            let required = RequiredCategories::new(plurals_of);
            self.check_locale(locale, &required, paths, messages, &mut problems);
        });
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CatalogReport { problems })
        }
    }

    /// Codes that differ but share a gRPC `ErrorInfo.reason` (`disk.gone`
    /// and `disk_gone` are both `DISK_GONE`): a client of the gRPC
    /// transport could not tell them apart. The derive finds them within
    /// one type; this, across types.
    fn check_reasons(&self, problems: &mut Vec<CatalogIssue>) {
        let mut first_by_reason: HashMap<String, &CatalogEntry> = HashMap::new();
        for &entry in &self.entries {
            match first_by_reason.entry(entry.grpc_reason()) {
                Entry::Vacant(vacant) => {
                    vacant.insert(entry);
                }
                Entry::Occupied(first) if first.get().code != entry.code => {
                    problems.push(CatalogIssue::SharedReason {
                        reason: first.key().clone(),
                        first_code: first.get().code,
                        first: first.get().rust_path(),
                        second_code: entry.code,
                        second: entry.rust_path(),
                    });
                }
                // The same code twice is a duplicate code, reported above.
                Entry::Occupied(_) => {}
            }
        }
    }

    fn check_locale(
        &self,
        locale: &LanguageIdentifier,
        required: &RequiredCategories,
        paths: &[&str],
        messages: &terror_ftl::Messages<'_, '_>,
        problems: &mut Vec<CatalogIssue>,
    ) {
        let at = |resource: usize, offset: usize| {
            let (line, column) = messages.position_of(resource, offset);
            let path = paths.get(resource).copied().unwrap_or("");
            format!("{path}:{line}:{column}")
        };
        let mut seen_ids: Vec<&str> = Vec::new();
        for entry in &self.entries {
            // Of a message that variants share, its presence and attributes
            // are checked once; its variables against each variant's args.
            let Some(uses) = messages.variables(entry.message_id) else {
                if !seen_ids.contains(&entry.message_id) {
                    problems.push(CatalogIssue::MissingMessage {
                        locale: locale.to_string(),
                        code: entry.code,
                        message_id: entry.message_id,
                    });
                    seen_ids.push(entry.message_id);
                }
                continue;
            };
            if !seen_ids.contains(&entry.message_id) {
                seen_ids.push(entry.message_id);
                for attribute in messages
                    .unknown_attributes(entry.message_id)
                    .unwrap_or_default()
                {
                    problems.push(CatalogIssue::UnknownAttribute {
                        locale: locale.to_string(),
                        at: at(attribute.resource, attribute.offset),
                        message_id: entry.message_id,
                        attribute: attribute.name.to_owned(),
                    });
                }
            }
            let mut reported: Vec<&str> = Vec::new();
            for var in uses {
                if entry.args.iter().any(|a| a.name == var.name) || reported.contains(&var.name) {
                    continue;
                }
                reported.push(var.name);
                problems.push(CatalogIssue::UnknownVariable {
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
                let missing = required.missing(kind, &select);
                if !missing.is_empty() {
                    problems.push(CatalogIssue::MissingPluralCategories {
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
