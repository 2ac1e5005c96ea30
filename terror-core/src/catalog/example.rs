//! An error standing in for a catalog entry, so documentation (OpenAPI
//! examples, catalog pages) shows what a response of that code looks like.

use std::borrow::Cow;
use std::time::Duration;

use http::StatusCode;
use serde_json::json;

use super::{ArgInfo, CatalogEntry};
use crate::args::{ArgValue, Args};
use crate::localizer::Localizer;
use crate::negotiate::LocaleChain;
use crate::terror::{SubError, Terror};

/// A catalog entry as an error, with a placeholder value for each arg:
/// rendering it gives the example problem of its code. Crate-private: as a
/// public type it would show up in every "does not implement `Terror`"
/// compiler error of every service.
#[derive(Debug)]
pub(crate) struct Example {
    entry: &'static CatalogEntry,
    children: Vec<SubError>,
}

impl Example {
    /// The stand-in for `entry`, with no sub-errors.
    pub(crate) fn new(entry: &'static CatalogEntry) -> Self {
        Example {
            entry,
            children: Vec::new(),
        }
    }

    /// The same, with these sub-errors (which may be examples themselves).
    #[must_use]
    #[cfg_attr(not(feature = "utoipa"), allow(dead_code))]
    pub(crate) fn with_children(mut self, children: impl IntoIterator<Item = SubError>) -> Self {
        self.children.extend(children);
        self
    }
}

#[cfg_attr(docsrs, doc(cfg(any(feature = "export", feature = "utoipa"))))]
impl CatalogEntry {
    /// The example problem of this code, rendered by `localizer` in
    /// `chain`'s language, as JSON: each arg has a placeholder value of its
    /// field's type (`1` for integers, `0.5` for floats, `true`, `"<name>"`
    /// for text and any other type, `["<name>"]` for lists of text, `[]`
    /// for other lists). Documentation shows it (OpenAPI examples, catalog
    /// pages).
    ///
    /// ```
    /// use terror_core::catalog::Catalog;
    /// use terror_core::{Localizer, Terror};
    ///
    /// #[derive(Debug, thiserror::Error, Terror)]
    /// #[terror(prefix = "disk")]
    /// enum DiskError {
    ///     #[error("disk {name} has {free_mb} MB free")]
    ///     #[terror(status = CONFLICT)]
    ///     Full { name: String, free_mb: u64 },
    /// }
    ///
    /// let entry = Catalog::collect().get("disk.full").unwrap();
    /// let localizer = Localizer::builder().build().unwrap();
    /// let example = entry.example(&localizer, &localizer.default_chain());
    /// assert_eq!(example["code"], "disk.full");
    /// assert_eq!(example["args"], serde_json::json!({"name": "<name>", "free_mb": 1}));
    /// ```
    pub fn example(&'static self, localizer: &Localizer, chain: &LocaleChain) -> serde_json::Value {
        let error = Example::new(self);
        let problem = localizer.render(&error, chain);
        serde_json::from_slice(&problem.to_json()).unwrap_or(serde_json::Value::Null)
    }
}

impl std::fmt::Display for Example {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.entry.code())
    }
}

impl std::error::Error for Example {}

impl Terror for Example {
    fn code(&self) -> &str {
        self.entry.code()
    }
    fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.entry.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
    fn message_id(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.entry.message_id())
    }
    fn args(&self) -> Args<'_> {
        self.entry
            .args()
            .iter()
            .map(|arg| (arg.name(), placeholder(arg)))
            .collect()
    }
    fn sub_errors(&self) -> &[SubError] {
        &self.children
    }
    fn is_redacted(&self) -> bool {
        self.entry.redacted()
    }
    fn retry_after(&self) -> Option<Duration> {
        self.entry.retry_after().map(Duration::from_secs)
    }
    fn description(&self) -> Option<&'static str> {
        self.entry.description()
    }
}

/// A value of the field's type for examples: `1` for integers, `0.5` for
/// floats, `true`, `"<name>"` for text, `["<name>"]` for lists of text and
/// `[]` for other lists.
fn placeholder(arg: &ArgInfo) -> ArgValue<'static> {
    let ty = arg.rust_type();
    let last = ty
        .trim_start_matches('&')
        .trim_start_matches("'static ")
        .rsplit("::")
        .next()
        .unwrap_or(ty);
    let inner = last
        .strip_prefix("Option<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(last);
    match inner {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => ArgValue::Int(1),
        "f32" | "f64" => ArgValue::Float(0.5),
        "bool" => ArgValue::Bool(true),
        "String" | "str" | "char" | "Cow<'static, str>" | "Cow<str>" => {
            ArgValue::Str(format!("<{}>", arg.name()).into())
        }
        "Vec<String>" | "Vec<&'static str>" | "Vec<&str>" => {
            ArgValue::Json(json!([format!("<{}>", arg.name())]))
        }
        t if t.starts_with("Vec<") || t.starts_with('[') => ArgValue::Json(json!([])),
        _ => ArgValue::Str(format!("<{}>", arg.name()).into()),
    }
}
