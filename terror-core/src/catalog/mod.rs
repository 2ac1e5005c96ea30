//! The error catalog: every derived error's codes, statuses, messages and
//! args, collected process-wide.
//!
//! `#[derive(Terror)]` registers a [`CatalogEntry`] for each variant (through
//! `inventory`, so every crate linked into the binary contributes). The
//! catalog finds duplicate codes (and codes sharing a gRPC reason), checks
//! that every locale has every message with the right variables,
//! attributes and plural categories, and exports itself as JSON or
//! Markdown.
//!
//! Exporting and locking it (JSON, Markdown, each code's example, the lock
//! file) take the `export` feature, which a service turns on where it
//! publishes its errors.
//!
//! A one-line test keeps a service's translations complete:
//!
//! ```
//! # let localizer = terror_core::Localizer::builder().build().unwrap();
//! // In a #[test] of the service, with the service's localizer:
//! terror_core::catalog::assert_complete(&localizer);
//! ```
//!
//! and another keeps its error contract (codes, statuses, gRPC codes, args
//! and their types) what its clients were written against, failing with
//! every change classified as breaking, additive or cosmetic
//! (`check_lock`, with the `export` feature; `TERROR_LOCK=accept cargo
//! test` writes the lock):
//!
//! ```no_run
//! # #[cfg(feature = "export")] {
//! # let localizer = terror_core::Localizer::builder().build().unwrap();
//! terror_core::assert_lock!(&localizer, "errors.lock.json");
//! # }
//! ```

mod check;
mod issue;
// OpenAPI shows each code's example as much as the published catalog does.
#[cfg(any(feature = "export", feature = "utoipa"))]
mod example;
#[cfg(feature = "export")]
mod export;
#[cfg(feature = "export")]
mod lock;

#[cfg(feature = "export")]
#[doc(hidden)]
pub use lock::assert_lock_of;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub use lock::{check_lock, LockError, LockOutcome, ACCEPT_VARIABLE};
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub use terror_contract::Service;

pub use issue::{CatalogIssue, CatalogReport};

#[cfg(feature = "utoipa")]
pub(crate) use example::Example;

use unic_langid::LanguageIdentifier;

use terror_ftl::plural::NumberKind;

use crate::grpc::GrpcCode;
use crate::localizer::Localizer;

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

    /// Whether the arg may be `null`: its field is an `Option`.
    #[cfg(feature = "export")]
    #[cfg_attr(docsrs, doc(cfg(feature = "export")))]
    pub fn optional(&self) -> bool {
        terror_contract::Wire::of_rust_type(self.rust_type).1
    }

    /// The arg's key in a gRPC `ErrorInfo.metadata`: its name in
    /// lowerCamelCase (`requested_gb` is `requestedGb`).
    pub fn metadata_key(&self) -> String {
        terror_ftl::ids::metadata_key(self.name)
    }

    /// What kind of number the arg is, which decides the plural categories
    /// a selector on it needs.
    fn number_kind(&self) -> NumberKind {
        NumberKind::of_rust_type(self.rust_type)
    }
}

/// One error variant, as registered by `#[derive(Terror)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    code: &'static str,
    status: u16,
    message_id: &'static str,
    args: &'static [ArgInfo],
    description: Option<&'static str>,
    redacted: bool,
    retry_after: Option<u64>,
    type_name: &'static str,
    variant: &'static str,
    /// The code `#[terror(grpc = ...)]` chose; `None` maps the status.
    grpc: Option<GrpcCode>,
    /// The note of `#[terror(deprecated = "...")]`.
    deprecated: Option<&'static str>,
    /// What the error's `errors` may hold.
    children: ChildTypes,
}

/// What an error's `errors` may hold, as its declaration says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildTypes {
    /// It has no `errors` field.
    None,
    /// Any error: `#[terror(errors)]` names no types.
    Any,
    /// Errors of the types `#[terror(errors(A, B))]` names, each given by
    /// its own catalog entries.
    Types(&'static [fn() -> &'static [CatalogEntry]]),
}

impl ChildTypes {
    /// The codes the children may have, sorted; `None` for [`ChildTypes::None`]
    /// and [`ChildTypes::Any`].
    pub fn codes(&self) -> Option<Vec<&'static str>> {
        let ChildTypes::Types(types) = self else {
            return None;
        };
        let mut codes: Vec<&'static str> = types
            .iter()
            .flat_map(|entries| entries().iter().map(|e| e.code))
            .collect();
        crate::order::sort_by_key(&mut codes, |c| [c.as_bytes(), b"", b""]);
        codes.dedup();
        Some(codes)
    }
}

/// Every own variant's entry of one derived type: what the derive
/// registers, once per type. Not public API.
#[doc(hidden)]
#[derive(Debug)]
pub struct RegisteredEntries(pub &'static [CatalogEntry]);

inventory::collect!(RegisteredEntries);

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
        redacted: bool,
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
            redacted,
            retry_after,
            type_name,
            variant,
            grpc: None,
            deprecated: None,
            children: ChildTypes::None,
        }
    }

    /// The entry of a deprecated error.
    #[doc(hidden)]
    #[must_use]
    pub const fn __with_deprecated(mut self, note: &'static str) -> Self {
        self.deprecated = Some(note);
        self
    }

    /// The entry of an error whose `errors` names no child types.
    #[doc(hidden)]
    #[must_use]
    pub const fn __with_any_children(mut self) -> Self {
        self.children = ChildTypes::Any;
        self
    }

    /// The entry of an error whose `errors` names its child types.
    #[doc(hidden)]
    #[must_use]
    pub const fn __with_children(
        mut self,
        types: &'static [fn() -> &'static [CatalogEntry]],
    ) -> Self {
        self.children = ChildTypes::Types(types);
        self
    }

    /// The entry of an error that chose its gRPC code.
    #[doc(hidden)]
    #[must_use]
    pub const fn __with_grpc(mut self, code: GrpcCode) -> Self {
        self.grpc = Some(code);
        self
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
    /// The gRPC status code: the one `#[terror(grpc = ...)]` chose, else
    /// the one the HTTP status maps to ([`GrpcCode::from_http_status`]).
    pub fn grpc_code(&self) -> GrpcCode {
        self.grpc.unwrap_or_else(|| {
            http::StatusCode::from_u16(self.status)
                .map_or(GrpcCode::UNKNOWN, GrpcCode::from_http_status)
        })
    }
    /// The gRPC `ErrorInfo.reason`: the code in UPPER_SNAKE_CASE
    /// (`volume.not_found` is `VOLUME_NOT_FOUND`).
    pub fn grpc_reason(&self) -> String {
        terror_ftl::ids::grpc_reason(self.code)
    }
    /// Whether the error is redacted: clients see only the status's title
    /// and a generic text (a 5xx, unless `#[terror(redact = false)]`).
    pub fn redacted(&self) -> bool {
        self.redacted
    }
    /// The deprecation note of `#[terror(deprecated = "...")]`.
    pub fn deprecated(&self) -> Option<&'static str> {
        self.deprecated
    }
    /// What the error's `errors` may hold.
    pub fn children(&self) -> ChildTypes {
        self.children
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
        Catalog::from_entries(
            inventory::iter::<RegisteredEntries>
                .into_iter()
                .flat_map(|r| r.0),
        )
    }

    /// A catalog of the given entries (for tests and tools).
    pub fn from_entries(entries: impl IntoIterator<Item = &'static CatalogEntry>) -> Self {
        let mut entries: Vec<_> = entries.into_iter().collect();
        crate::order::sort_by_key(&mut entries, |e| {
            [
                e.code.as_bytes(),
                e.type_name.as_bytes(),
                e.variant.as_bytes(),
            ]
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
}

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

/// Calls `f` with each locale's messages, analysed from the files the
/// localizer was built from. The localizer keeps their text, not their
/// syntax trees: the catalog parses them again, only when asked.
fn each_locale_messages(
    localizer: &Localizer,
    mut f: impl FnMut(&LanguageIdentifier, &[&str], &terror_ftl::Messages<'_, '_>),
) {
    for (locale, files) in localizer.locale_files() {
        let paths: Vec<&str> = files.iter().map(|(path, _)| *path).collect();
        // A localizer is built only from files that parse, so this cannot
        // fail; were it ever to, an empty file still lines up with `paths`.
        let parsed: Vec<(&str, fluent_syntax::ast::Resource<&str>)> = files
            .iter()
            .map(|(_, text)| {
                let resource = terror_ftl::parse_runtime(text)
                    .unwrap_or_else(|_| fluent_syntax::ast::Resource { body: Vec::new() });
                (*text, resource)
            })
            .collect();
        let messages = terror_ftl::Messages::new(parsed.iter().map(|(text, r)| (*text, &r.body)));
        f(locale, &paths, &messages);
    }
}
