//! What [`Catalog::check`](super::Catalog::check) reports: each problem
//! it finds, and all of them together, grouped by locale when displayed.

use std::collections::BTreeMap;
use std::fmt;

/// One problem found by [`Catalog::check`](super::Catalog::check).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CatalogIssue {
    /// Two error variants share a code.
    DuplicateCode {
        /// The code.
        code: &'static str,
        /// One variant using it.
        first: String,
        /// The other.
        second: String,
    },
    /// Two codes share a gRPC `ErrorInfo.reason` (`disk.gone` and
    /// `disk_gone` are both `DISK_GONE`), so a client of the gRPC
    /// transport could not tell them apart.
    SharedReason {
        /// The reason.
        reason: String,
        /// The first code, in the catalog's order.
        first_code: &'static str,
        /// The variant using it.
        first: String,
        /// The other code.
        second_code: &'static str,
        /// The variant using it.
        second: String,
    },
    /// A locale has no message for an error.
    MissingMessage {
        /// The locale.
        locale: String,
        /// The error's code.
        code: &'static str,
        /// The message id it needs.
        message_id: &'static str,
    },
    /// A translation uses a variable the error does not have.
    UnknownVariable {
        /// The locale.
        locale: String,
        /// `file:line:column` of the use.
        at: String,
        /// The error's code.
        code: &'static str,
        /// The message.
        message_id: &'static str,
        /// The variable, without `$`.
        variable: String,
        /// The error's args.
        args: Vec<&'static str>,
    },
    /// A message has an attribute terror does not read, such as a
    /// misspelled `.tilte`, which leaves the problem its generic title.
    UnknownAttribute {
        /// The locale.
        locale: String,
        /// `file:line:column` of the attribute's `.`.
        at: String,
        /// The message.
        message_id: &'static str,
        /// The attribute, without `.`.
        attribute: String,
    },
    /// A plural selector lacks categories the locale's CLDR rules need.
    MissingPluralCategories {
        /// The locale.
        locale: String,
        /// `file:line:column` of the selector.
        at: String,
        /// The message.
        message_id: &'static str,
        /// The selector variable.
        variable: String,
        /// The categories it lacks.
        missing: Vec<&'static str>,
    },
}

impl CatalogIssue {
    /// The locale the problem is in; `None` for duplicate codes and
    /// shared reasons.
    pub fn locale(&self) -> Option<&str> {
        match self {
            CatalogIssue::DuplicateCode { .. } | CatalogIssue::SharedReason { .. } => None,
            CatalogIssue::MissingMessage { locale, .. }
            | CatalogIssue::UnknownVariable { locale, .. }
            | CatalogIssue::UnknownAttribute { locale, .. }
            | CatalogIssue::MissingPluralCategories { locale, .. } => Some(locale),
        }
    }
}

impl fmt::Display for CatalogIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogIssue::DuplicateCode {
                code,
                first,
                second,
            } => {
                write!(
                    f,
                    "duplicate code `{code}`: used by `{first}` and by `{second}`"
                )
            }
            CatalogIssue::SharedReason {
                reason,
                first_code,
                first,
                second_code,
                second,
            } => write!(
                f,
                "codes `{first_code}` (`{first}`) and `{second_code}` (`{second}`) share the gRPC reason `{reason}`"
            ),
            CatalogIssue::MissingMessage {
                code, message_id, ..
            } => write!(f, "no message `{message_id}` (for `{code}`)"),
            CatalogIssue::UnknownVariable {
                at,
                code,
                message_id,
                variable,
                args,
                ..
            } => {
                let args = if args.is_empty() {
                    "it has no args".to_owned()
                } else {
                    format!("its args: {}", args.join(", "))
                };
                write!(f, "{at}: `{message_id}` uses `${variable}`, which `{code}` does not have ({args})")
            }
            CatalogIssue::UnknownAttribute {
                at,
                message_id,
                attribute,
                ..
            } => write!(
                f,
                "{at}: unknown attribute `.{attribute}` of `{message_id}`; {}",
                terror_ftl::attributes::advice(attribute)
            ),
            CatalogIssue::MissingPluralCategories {
                at,
                message_id,
                variable,
                missing,
                ..
            } => {
                write!(
                f,
                "{at}: `{message_id}` selects on `${variable}` without the plural categories {}",
                missing.iter().map(|c| format!("[{c}]")).collect::<Vec<_>>().join(", ")
            )
            }
        }
    }
}

/// Everything [`Catalog::check`](super::Catalog::check) found, grouped by locale when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogReport {
    pub(super) problems: Vec<CatalogIssue>,
}

impl CatalogReport {
    /// The problems, in the order found.
    pub fn problems(&self) -> &[CatalogIssue] {
        &self.problems
    }
}

impl fmt::Display for CatalogReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(
            f,
            "{count} problem{} in the error catalog",
            if count == 1 { "" } else { "s" }
        )?;
        let mut groups: BTreeMap<&str, Vec<&CatalogIssue>> = BTreeMap::new();
        for problem in &self.problems {
            groups
                .entry(problem.locale().unwrap_or(""))
                .or_default()
                .push(problem);
        }
        for (locale, problems) in groups {
            if locale.is_empty() {
                write!(f, "\n  every locale:")?;
            } else {
                write!(f, "\n  {locale}:")?;
            }
            for problem in problems {
                write!(f, "\n    {problem}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for CatalogReport {}
