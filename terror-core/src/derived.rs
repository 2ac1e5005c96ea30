//! What the `Terror` impl of `#[derive(Terror)]` reads: each own variant's
//! catalog entry, or the error a transparent variant delegates to. Not
//! public API; generated code reaches it through `__private`.
//!
//! The derive writes one table of catalog entries per type and one
//! `match` from a value to its variant; every method of the impl is a call
//! here. One function body per method, shared by every variant and every
//! derived type, is much less for the compiler to expand, resolve and
//! check than one `match` arm per variant and method, and the entries are
//! the ones the catalog lists, so the two cannot disagree.

use std::borrow::Cow;
use std::time::Duration;

use http::StatusCode;

use crate::args::{ArgValue, Args};
use crate::catalog::{ArgInfo, CatalogEntry};
use crate::grpc::GrpcCode;
use crate::terror::{SubError, Terror};

/// One variant of a derived error, as its `Terror` impl reads it.
#[derive(Clone, Copy)]
pub enum Variant<'a> {
    /// A variant with its own code, status and message.
    Own(&'static CatalogEntry),
    /// A `#[terror(transparent)]` variant: everything is the inner error's,
    /// except the description when the variant has a doc comment.
    Transparent(&'a dyn Terror, Option<&'static str>),
}

impl<'a> Variant<'a> {
    /// [`Terror::code`].
    #[inline]
    pub fn code(self) -> &'a str {
        match self {
            Variant::Own(entry) => entry.code(),
            Variant::Transparent(inner, _) => inner.code(),
        }
    }

    /// [`Terror::status`]. The derive accepts only statuses 100 to 599,
    /// which `StatusCode` always takes.
    #[inline]
    pub fn status(self) -> StatusCode {
        match self {
            Variant::Own(entry) => {
                StatusCode::from_u16(entry.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            Variant::Transparent(inner, _) => inner.status(),
        }
    }

    /// [`Terror::message_id`].
    #[inline]
    pub fn message_id(self) -> Cow<'a, str> {
        match self {
            Variant::Own(entry) => Cow::Borrowed(entry.message_id()),
            Variant::Transparent(inner, _) => inner.message_id(),
        }
    }

    /// [`Terror::args`] of a variant without args, or delegated.
    #[inline]
    pub fn args(self) -> Args<'a> {
        match self {
            Variant::Own(_) => Args::new(),
            Variant::Transparent(inner, _) => inner.args(),
        }
    }

    /// [`Terror::sub_errors`] of a variant without an `errors` field, or
    /// delegated.
    #[inline]
    pub fn sub_errors(self) -> &'a [SubError] {
        match self {
            Variant::Own(_) => &[],
            Variant::Transparent(inner, _) => inner.sub_errors(),
        }
    }

    /// [`Terror::is_redacted`].
    #[inline]
    pub fn is_redacted(self) -> bool {
        match self {
            Variant::Own(entry) => entry.redacted(),
            Variant::Transparent(inner, _) => inner.is_redacted(),
        }
    }

    /// [`Terror::retry_after`].
    #[inline]
    pub fn retry_after(self) -> Option<Duration> {
        match self {
            Variant::Own(entry) => entry.retry_after().map(Duration::from_secs),
            Variant::Transparent(inner, _) => inner.retry_after(),
        }
    }

    /// [`Terror::description`].
    #[inline]
    pub fn description(self) -> Option<&'static str> {
        match self {
            Variant::Own(entry) => entry.description(),
            Variant::Transparent(inner, docs) => docs.or_else(|| Terror::description(inner)),
        }
    }

    /// [`Terror::grpc_code`].
    #[inline]
    pub fn grpc_code(self) -> GrpcCode {
        match self {
            Variant::Own(entry) => entry.grpc_code(),
            Variant::Transparent(inner, _) => inner.grpc_code(),
        }
    }
}

/// The inner error of a transparent variant, as the `dyn Terror` its
/// `Variant` holds. Called by the field's type
/// (`<Inner as AsTerror>::__terror_dyn(field)`), so that a type that is not
/// a `Terror` is reported at the field, with `Terror`'s own message.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a terror error",
    label = "`{Self}` does not implement `Terror`",
    note = "derive `Terror` for it, or implement `terror_core::Terror` by hand"
)]
pub trait AsTerror {
    /// The error itself.
    fn __terror_dyn(&self) -> &dyn Terror;
}

impl<T: Terror> AsTerror for T {
    fn __terror_dyn(&self) -> &dyn Terror {
        self
    }
}

/// The args of an own variant: its fields' names, in order, with their
/// values. The derive writes the list with `vec!`, whose elements are made
/// in the allocation that keeps them: built on the stack and moved there
/// instead, each value would be written in parts (its tag, then its
/// fields) and read back whole, which stalls the processor's store
/// forwarding once per part. A variant's fields have distinct names, so
/// the list needs no search for names to replace.
pub fn args<'a>(entries: Vec<(Cow<'static, str>, ArgValue<'a>)>) -> Args<'a> {
    Args::from_distinct(entries)
}

/// The catalog entry of a variant with no doc comment, no `retry_after`
/// and the default redaction (every 5xx): what most variants are, in a
/// shorter call than [`CatalogEntry::__new`].
pub const fn entry(
    type_name: &'static str,
    variant: &'static str,
    code: &'static str,
    status: u16,
    message_id: &'static str,
    args: &'static [ArgInfo],
) -> CatalogEntry {
    CatalogEntry::__new(
        code,
        status,
        message_id,
        args,
        None,
        status >= 500,
        None,
        type_name,
        variant,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    static ENTRY: CatalogEntry = entry(
        "app::DiskError",
        "Full",
        "disk.full",
        507,
        "disk-full",
        &[
            ArgInfo::__new("disk", "String"),
            ArgInfo::__new("free_gb", "u64"),
        ],
    );

    #[test]
    fn an_own_variant_reads_its_entry() {
        let variant = Variant::Own(&ENTRY);
        assert_eq!(variant.code(), "disk.full");
        assert_eq!(variant.status(), StatusCode::INSUFFICIENT_STORAGE);
        assert_eq!(variant.message_id(), "disk-full");
        assert!(variant.is_redacted());
        assert_eq!(
            variant.grpc_code(),
            GrpcCode::from_http_status(StatusCode::INSUFFICIENT_STORAGE)
        );
        assert_eq!(variant.retry_after(), None);
        assert_eq!(variant.description(), None);
        assert!(variant.args().is_empty());
    }

    #[test]
    fn own_args_keep_their_order() {
        let args = args(vec![
            (Cow::Borrowed("disk"), ArgValue::from("sda")),
            (Cow::Borrowed("free_gb"), ArgValue::from(3_u64)),
        ]);
        let names: Vec<&str> = args.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["disk", "free_gb"]);
        assert_eq!(args.get("disk"), Some(&ArgValue::from("sda")));
        assert_eq!(args.get("free_gb"), Some(&ArgValue::Int(3)));
    }
}
