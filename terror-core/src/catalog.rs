//! The error catalog: every derived error's codes, statuses, messages and
//! args, collected process-wide.
//!
//! `#[derive(Terror)]` registers one [`CatalogEntry`] per variant (through
//! `inventory`, so every crate linked into the binary contributes). The
//! catalog finds duplicate codes, checks that every locale has every message
//! with the right variables and plural categories, and exports itself as
//! JSON or Markdown.
//!
//! A one-line test keeps a service's translations complete:
//!
//! ```
//! # let localizer = terror_core::Localizer::builder().build().unwrap();
//! // In a #[test] of the service, with the service's localizer:
//! terror_core::catalog::assert_complete(&localizer);
//! ```

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde_json::{json, Value};
use unic_langid::LanguageIdentifier;

use crate::Localizer;

/// One arg of a catalog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgInfo {
    name: &'static str,
    rust_type: &'static str,
}

impl ArgInfo {
    #[doc(hidden)]
    pub const fn __new(name: &'static str, rust_type: &'static str) -> Self {
        ArgInfo { name, rust_type }
    }

    /// The arg's name, as messages use it.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The field's Rust type as written, such as `Option<u32>`.
    pub fn rust_type(&self) -> &'static str {
        self.rust_type
    }

    /// What kind of number the arg is, which decides the plural categories
    /// a selector on it needs.
    fn number_kind(&self) -> NumberKind {
        let mut ty = self.rust_type.trim();
        loop {
            let stripped = ty
                .strip_prefix('&')
                .map(|t| {
                    t.trim_start_matches("'static")
                        .trim_start_matches("mut ")
                        .trim()
                })
                .or_else(|| strip_wrapper(ty, "Option"))
                .or_else(|| strip_wrapper(ty, "Box"))
                .or_else(|| strip_wrapper(ty, "Arc"));
            match stripped {
                Some(inner) => ty = inner,
                None => break,
            }
        }
        let last = ty.rsplit("::").next().unwrap_or(ty);
        match last {
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
            | "i128" | "isize" => NumberKind::Integer,
            "f32" | "f64" => NumberKind::Decimal,
            _ => NumberKind::NotANumber,
        }
    }
}

fn strip_wrapper<'a>(ty: &'a str, name: &str) -> Option<&'a str> {
    let last_segment_start = ty.find('<')?;
    let head = &ty[..last_segment_start];
    if head.rsplit("::").next()? != name {
        return None;
    }
    ty[last_segment_start + 1..]
        .strip_suffix('>')
        .map(str::trim)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberKind {
    Integer,
    Decimal,
    NotANumber,
}

/// One error variant, as registered by `#[derive(Terror)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    code: &'static str,
    status: u16,
    message_id: &'static str,
    args: &'static [ArgInfo],
    description: Option<&'static str>,
    exposed: bool,
    retry_after: Option<u64>,
    type_name: &'static str,
    variant: &'static str,
}

inventory::collect!(CatalogEntry);

/// The catalog entries of one derived type, known at compile time. Used by
/// the derive (documentation of child errors, OpenAPI responses); not
/// public API.
#[doc(hidden)]
pub trait Entries {
    /// Every own variant's entry.
    fn entries() -> &'static [CatalogEntry];
}

impl CatalogEntry {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        code: &'static str,
        status: u16,
        message_id: &'static str,
        args: &'static [ArgInfo],
        description: Option<&'static str>,
        exposed: bool,
        retry_after: Option<u64>,
        type_name: &'static str,
        variant: &'static str,
    ) -> Self {
        CatalogEntry {
            code,
            status,
            message_id,
            args,
            description,
            exposed,
            retry_after,
            type_name,
            variant,
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The Fluent message id.
    pub fn message_id(&self) -> &'static str {
        self.message_id
    }
    /// The args, in declaration order.
    pub fn args(&self) -> &'static [ArgInfo] {
        self.args
    }
    /// The doc comment of the variant.
    pub fn description(&self) -> Option<&'static str> {
        self.description
    }
    /// Whether a 5xx shows its details to clients.
    pub fn exposed(&self) -> bool {
        self.exposed
    }
    /// `Retry-After`, in seconds.
    pub fn retry_after(&self) -> Option<u64> {
        self.retry_after
    }
    /// The type's path, such as `storage_api::errors::VolumeError`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }
    /// The variant's name; empty for a struct.
    pub fn variant(&self) -> &'static str {
        self.variant
    }
    /// `Type::Variant` (or `Type` for a struct), with the type's full path.
    pub fn rust_path(&self) -> String {
        if self.variant.is_empty() {
            self.type_name.to_owned()
        } else {
            format!("{}::{}", self.type_name, self.variant)
        }
    }
    /// Whether clients see only the generic text for this error.
    pub fn redacted(&self) -> bool {
        self.status >= 500 && !self.exposed
    }
}

/// Every registered error, sorted by code.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<&'static CatalogEntry>,
}

impl Catalog {
    /// Collects every entry registered in the process.
    pub fn collect() -> Self {
        Catalog::from_entries(inventory::iter::<CatalogEntry>)
    }

    /// A catalog of the given entries (for tests and tools).
    pub fn from_entries(entries: impl IntoIterator<Item = &'static CatalogEntry>) -> Self {
        let mut entries: Vec<_> = entries.into_iter().collect();
        entries.sort_by(|a, b| {
            (a.code, a.type_name, a.variant).cmp(&(b.code, b.type_name, b.variant))
        });
        Catalog { entries }
    }

    /// The entries, sorted by code.
    pub fn entries(&self) -> &[&'static CatalogEntry] {
        &self.entries
    }

    /// The entry with this code.
    pub fn get(&self, code: &str) -> Option<&'static CatalogEntry> {
        self.entries.iter().copied().find(|e| e.code == code)
    }

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
        for (locale, files) in localizer.locale_files() {
            self.check_locale(localizer, locale, &files, &mut problems);
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
        files: &[(&str, &str)],
        problems: &mut Vec<CatalogProblem>,
    ) {
        let mut parsed = Vec::new();
        for (path, source) in files {
            // The localizer parsed these files already; they parse again.
            if let Ok(resource) = terror_ftl::parse(source) {
                parsed.push((*path, *source, resource));
            }
        }
        let messages = terror_ftl::Messages::new(parsed.iter().map(|(_, source, r)| (*source, r)));
        let at = |resource: usize, offset: usize| {
            let (line, column) = messages.position_of(resource, offset);
            let path = parsed.get(resource).map_or("", |p| p.0);
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

    /// The catalog as JSON: one object per code with its status, `type`
    /// URI, description, args and types, and every locale's message, title
    /// and hint as Fluent source.
    pub fn to_json(&self, localizer: &Localizer) -> Value {
        let sources = MessageSources::new(localizer);
        let errors: Vec<Value> = self
            .entries
            .iter()
            .map(|entry| {
                let messages: serde_json::Map<String, Value> = sources
                    .for_message(entry.message_id)
                    .into_iter()
                    .map(|(locale, text)| {
                        let value = json!({
                            "source": text.source,
                            "message": text.value,
                            "title": text.title,
                            "hint": text.hint,
                        });
                        (locale, value)
                    })
                    .collect();
                json!({
                    "code": entry.code,
                    "status": entry.status,
                    "type": format!("{}{}", localizer.type_base(), entry.code),
                    "message_id": entry.message_id,
                    "description": entry.description,
                    "redacted": entry.redacted(),
                    "retry_after": entry.retry_after,
                    "rust_path": entry.rust_path(),
                    "args": entry.args.iter().map(|a| json!({ "name": a.name, "type": a.rust_type })).collect::<Vec<_>>(),
                    "messages": messages,
                })
            })
            .collect();
        json!({ "errors": errors })
    }

    /// The catalog as Markdown: one section per code with its status,
    /// description, args with types, and each locale's message and title.
    // Writing into a String cannot fail: the results of write! are ignored.
    pub fn to_markdown(&self, localizer: &Localizer) -> String {
        let sources = MessageSources::new(localizer);
        let mut out = String::from("# Error catalog\n");
        for entry in &self.entries {
            let reason = http::StatusCode::from_u16(entry.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let _ = write!(out, "\n## `{}`\n\n", entry.code);
            let _ = writeln!(
                out,
                "**{} {reason}** · `type`: `{}{}` · Rust: `{}`",
                entry.status,
                localizer.type_base(),
                entry.code,
                entry.rust_path()
            );
            if entry.redacted() {
                out.push_str("\nClients see only the generic server error text; the details go to the logs.\n");
            }
            if let Some(seconds) = entry.retry_after {
                let _ = write!(out, "\n`Retry-After: {seconds}`\n");
            }
            if let Some(description) = entry.description {
                out.push('\n');
                out.push_str(description);
                out.push('\n');
            }
            if entry.args.is_empty() {
                out.push_str("\nNo args.\n");
            } else {
                out.push_str("\n| arg | type |\n| --- | --- |\n");
                for arg in entry.args {
                    let _ = writeln!(out, "| `{}` | `{}` |", arg.name, arg.rust_type);
                }
            }
            for (locale, text) in sources.for_message(entry.message_id) {
                let _ = write!(out, "\n{locale}:\n\n```ftl\n{}\n```\n", text.source);
            }
        }
        out
    }
}

/// Each locale's message texts, as Fluent source.
struct MessageSources {
    /// locale -> message id -> texts
    locales: Vec<(String, BTreeMap<String, MessageText>)>,
}

#[derive(Clone)]
struct MessageText {
    source: String,
    value: Option<String>,
    title: Option<String>,
    hint: Option<String>,
}

impl MessageSources {
    fn new(localizer: &Localizer) -> Self {
        let mut locales = Vec::new();
        for (locale, files) in localizer.locale_files() {
            let parsed: Vec<_> = files
                .iter()
                .filter_map(|(_, source)| terror_ftl::parse(source).ok().map(|r| (*source, r)))
                .collect();
            let messages = terror_ftl::Messages::new(parsed.iter().map(|(s, r)| (*s, r)));
            let mut texts = BTreeMap::new();
            for id in messages.ids() {
                if let Some((_, message)) = messages.get(id) {
                    let attribute = |name: &str| {
                        terror_ftl::message_pattern(message, Some(name))
                            .map(terror_ftl::pattern_text)
                    };
                    texts.insert(
                        id.to_owned(),
                        MessageText {
                            source: terror_ftl::message_source(message),
                            value: message.value.as_ref().map(terror_ftl::pattern_text),
                            title: attribute("title"),
                            hint: attribute("hint"),
                        },
                    );
                }
            }
            locales.push((locale.to_string(), texts));
        }
        MessageSources { locales }
    }

    fn for_message(&self, id: &str) -> Vec<(String, MessageText)> {
        self.locales
            .iter()
            .filter_map(|(locale, texts)| texts.get(id).map(|t| (locale.clone(), t.clone())))
            .collect()
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

/// One problem found by [`Catalog::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CatalogProblem {
    /// Two error variants share a code.
    DuplicateCode {
        /// The code.
        code: &'static str,
        /// One variant using it.
        first: String,
        /// The other.
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

impl CatalogProblem {
    /// The locale the problem is in; `None` for duplicate codes.
    pub fn locale(&self) -> Option<&str> {
        match self {
            CatalogProblem::DuplicateCode { .. } => None,
            CatalogProblem::MissingMessage { locale, .. }
            | CatalogProblem::UnknownVariable { locale, .. }
            | CatalogProblem::MissingPluralCategories { locale, .. } => Some(locale),
        }
    }
}

impl fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogProblem::DuplicateCode {
                code,
                first,
                second,
            } => {
                write!(
                    f,
                    "duplicate code `{code}`: used by `{first}` and by `{second}`"
                )
            }
            CatalogProblem::MissingMessage {
                code, message_id, ..
            } => write!(f, "no message `{message_id}` (for `{code}`)"),
            CatalogProblem::UnknownVariable {
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
            CatalogProblem::MissingPluralCategories {
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

/// Everything [`Catalog::check`] found, grouped by locale when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogReport {
    problems: Vec<CatalogProblem>,
}

impl CatalogReport {
    /// The problems, in the order found.
    pub fn problems(&self) -> &[CatalogProblem] {
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
        let mut groups: BTreeMap<&str, Vec<&CatalogProblem>> = BTreeMap::new();
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

/// Checks every registered error against `localizer`
/// (see [`Catalog::check`]).
pub fn check(localizer: &Localizer) -> Result<(), CatalogReport> {
    Catalog::collect().check(localizer)
}

/// Panics with the full report when [`check`] finds problems: the one line
/// a service puts in its tests.
///
/// # Panics
///
/// When the catalog has any problem; the message lists them all, grouped
/// by locale.
#[track_caller]
pub fn assert_complete(localizer: &Localizer) {
    if let Err(report) = check(localizer) {
        panic!("{report}");
    }
}
