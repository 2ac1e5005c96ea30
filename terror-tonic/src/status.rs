//! A terror error as a `tonic::Status` with the details AIP-193 asks for.

use std::borrow::Cow;

use terror_core::observe::Reporting;
use terror_core::request_id::RequestIds;
use terror_core::{
    json_pointer_segments, ArgValue, Args, LocaleChain, Localizer, Location, RenderedSubError,
    Terror,
};
use tonic::Code;

use crate::fit::{self, Cuttable};
use crate::wire::{self, RichStatus, Violation};

/// What a service says once for all its errors over gRPC: the localizer,
/// the `ErrorInfo.domain`, and where the codes' pages are.
///
/// ```
/// use std::sync::Arc;
/// use terror_core::{Localizer, Terror};
/// use terror_tonic::Grpc;
/// use tonic_types::StatusExt;
///
/// #[derive(Debug, thiserror::Error, Terror)]
/// #[terror(prefix = "volume")]
/// enum VolumeError {
///     #[error("volume {name} not found")]
///     #[terror(status = NOT_FOUND)]
///     NotFound { name: String },
/// }
///
/// let localizer = Arc::new(Localizer::builder().build().unwrap());
/// let grpc = Grpc::new(Arc::clone(&localizer), "storage.example.com");
/// let error = VolumeError::NotFound { name: "db-02".into() };
/// let status = grpc.status(&error, &localizer.default_chain(), Some("req-1"));
/// assert_eq!(status.code(), tonic::Code::NotFound);
///
/// let details = status.get_error_details();
/// let info = details.error_info().unwrap();
/// assert_eq!(info.reason, "VOLUME_NOT_FOUND");
/// assert_eq!(info.domain, "storage.example.com");
/// assert_eq!(info.metadata["name"], "db-02");
/// assert_eq!(details.request_info().unwrap().request_id, "req-1");
/// ```
#[derive(Debug, Clone)]
pub struct Grpc {
    localizer: std::sync::Arc<Localizer>,
    domain: String,
    page_base: Option<String>,
    /// Shared by every clone, so a layer and a handler's statuses never
    /// give two calls one id.
    ids: std::sync::Arc<RequestIds>,
    reporting: Reporting,
}

impl Grpc {
    /// Errors rendered with `localizer`, their `ErrorInfo.domain` being
    /// `domain` (the service's name, such as `storage.example.com`).
    pub fn new(localizer: std::sync::Arc<Localizer>, domain: impl Into<String>) -> Self {
        Grpc {
            localizer,
            domain: domain.into(),
            page_base: None,
            ids: std::sync::Arc::new(RequestIds::new()),
            reporting: Reporting::default(),
        }
    }

    /// The level a client error's log event is written at, or `None` for
    /// not at all (the default); a server error's is always `ERROR`. As
    /// terror-axum's `ProblemLayer::log_client_errors`, for the calls the
    /// layer answers and the statuses of [`status_for`](Self::status_for).
    #[must_use]
    pub fn log_client_errors(mut self, level: Option<tracing::Level>) -> Self {
        self.reporting = self.reporting.with_client_errors(level);
        self
    }

    /// How errors are reported.
    pub(crate) fn reporting(&self) -> Reporting {
        self.reporting
    }

    /// Where a relative problem `type` (such as `/errors/volume.not_found`)
    /// is served, such as `https://storage.example.com`: the `Help` link of
    /// each status is the absolute form of its `type`. An absolute `type`
    /// needs nothing; a relative one without a base gives no `Help`.
    #[must_use]
    pub fn page_base(mut self, base: impl Into<String>) -> Self {
        self.page_base = Some(base.into());
        self
    }

    /// The localizer errors are rendered with.
    pub fn localizer(&self) -> &Localizer {
        &self.localizer
    }

    /// Where the ids of calls that sent none come from.
    pub(crate) fn ids(&self) -> &RequestIds {
        &self.ids
    }

    /// `error` as a status, its details in the first locales of `chain`:
    ///
    /// - the gRPC code of [`Terror::grpc_code`];
    /// - `message`: the detail in the default locale, for developers (as
    ///   AIP-193 says), or the generic text of a redacted error;
    /// - one `ErrorInfo`: `reason` the code in UPPER_SNAKE_CASE, `domain`
    ///   this service's, `metadata` every arg as text under its
    ///   lowerCamelCase name: a string as itself, any other value as its
    ///   JSON, a `null` left out (no args for a redacted error);
    /// - `LocalizedMessage`: the detail in the request's language, with
    ///   its BCP 47 tag;
    /// - `BadRequest`, one `FieldViolation` per sub-error, for an error
    ///   whose code is `INVALID_ARGUMENT`;
    /// - `RetryInfo` when the error says when to retry, `Help` with the
    ///   link to the code's page, `RequestInfo` with `request_id`.
    ///
    /// Never `DebugInfo`, and never a source error's text. A status that
    /// would not fit the trailers clients accept is cut to
    /// [`MAX_STATUS_BYTES`](crate::MAX_STATUS_BYTES): the last field
    /// violations first, then long texts, then the longest args.
    pub fn status(
        &self,
        error: &(dyn Terror + '_),
        chain: &LocaleChain,
        request_id: Option<&str>,
    ) -> tonic::Status {
        let request = terror_core::RequestInfo {
            instance: None,
            request_id,
            trace_id: None,
        };
        let localized = self.localizer.render_request(error, chain, request);
        let default_chain = self.localizer.default_chain();
        // The developers' text is the default locale's; rendered again only
        // when the request's language is another.
        let developer = if localized.language() == default_chain.primary() {
            None
        } else {
            Some(self.localizer.render(error, &default_chain))
        };
        let message = developer
            .as_ref()
            .map_or_else(|| localized.detail(), |problem| problem.detail());

        let code = error.grpc_code().value();
        let violations = if code == Code::InvalidArgument as i32 {
            field_violations(localized.errors())
        } else {
            Vec::new()
        };
        let help = self.help_link(localized.type_uri());
        let reason = terror_ftl::ids::grpc_reason(localized.code());
        let parts = Cuttable {
            message: Cow::Borrowed(message),
            localized: Cow::Borrowed(localized.detail()),
            title: Cow::Borrowed(localized.title()),
            metadata: localized.args().map(metadata).unwrap_or_default(),
            violations: violations.len(),
        };
        let (details, message) = fit::fit(parts, |parts| {
            wire::status_bytes(&RichStatus {
                code,
                message: &parts.message,
                reason: &reason,
                domain: &self.domain,
                metadata: &parts.metadata,
                locale: localized.language_tag(),
                localized: &parts.localized,
                violations: &violations[..parts.violations],
                retry_after: localized.retry_after(),
                help: help.as_deref().map(|url| (&*parts.title, url)),
                request_id,
            })
        });
        tonic::Status::with_details(Code::from_i32(code), message, details.into())
    }

    /// The absolute form of a problem `type`, when there is one.
    fn help_link(&self, type_uri: &str) -> Option<String> {
        if type_uri.contains("://") {
            return Some(type_uri.to_owned());
        }
        let base = self.page_base.as_deref()?;
        let path = type_uri.strip_prefix('/')?;
        Some(format!("{}/{path}", base.trim_end_matches('/')))
    }
}

/// Every arg that has a value, as text under its lowerCamelCase name: a
/// string as itself (not quoted), a number or a boolean as its JSON, a
/// list or an object as its JSON too (not the `a, b` a message shows); a
/// `null` is left out, so that `Some("")` and `None` stay apart. A client
/// reads each back by its field's type ([`decode`](crate::decode)).
fn metadata<'a>(args: &'a Args<'_>) -> Vec<(String, Cow<'a, str>)> {
    args.iter()
        .filter_map(|(name, value)| {
            let text = match value {
                ArgValue::Null => return None,
                ArgValue::Json(json) => Cow::Owned(json.to_string()),
                other => other.to_text(),
            };
            Some((terror_ftl::ids::metadata_key(name), text))
        })
        .collect()
}

/// One `FieldViolation` per sub-error, its children after it.
fn field_violations<'e>(errors: &'e [RenderedSubError<'_>]) -> Vec<Violation<'e>> {
    let mut out = Vec::with_capacity(errors.len());
    let mut pending: Vec<&RenderedSubError<'_>> = errors.iter().rev().collect();
    while let Some(error) = pending.pop() {
        out.push(Violation {
            field: error.location().map(field_path).unwrap_or_default(),
            description: error.detail(),
            reason: terror_ftl::ids::grpc_reason(error.code()),
        });
        pending.extend(error.errors().iter().rev());
    }
    out
}

/// A location as `google.rpc.BadRequest` names a field: dot-separated
/// names with indices in brackets (`/disks/0/size_gb` is
/// `disks[0].size_gb`), or the parameter's or header's name.
///
/// A name the path syntax cannot hold as it is (empty, or with `.`, `[`,
/// `]` or a backtick in it: a map key such as `eu.west`) is quoted in
/// backticks, a backtick in it doubled, as AIP-161 quotes map keys
/// (`` labels.`eu.west` ``), so that the path comes back as the pointer
/// it was. Other names stay as they are, hyphens and all.
pub(crate) fn field_path(location: &Location) -> String {
    match location {
        Location::Pointer(pointer) => {
            let mut out = String::with_capacity(pointer.len());
            for segment in json_pointer_segments(pointer) {
                if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
                    out.push('[');
                    out.push_str(&segment);
                    out.push(']');
                    continue;
                }
                if !out.is_empty() {
                    out.push('.');
                }
                if segment.is_empty() || segment.contains(['.', '[', ']', '`']) {
                    out.push('`');
                    out.push_str(&segment.replace('`', "``"));
                    out.push('`');
                } else {
                    out.push_str(&segment);
                }
            }
            out
        }
        Location::Parameter(name) | Location::Header(name) => name.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_field_paths() {
        let path = |p: &str| field_path(&Location::Pointer(p.into()));
        assert_eq!(path("/name"), "name");
        assert_eq!(path("/disks/0/size_gb"), "disks[0].size_gb");
        assert_eq!(path("/a~1b/c~0d"), "a/b.c~d");
        assert_eq!(path("/labels/first-name"), "labels.first-name");
        assert_eq!(path("/labels/eu.west/0"), "labels.`eu.west`[0]");
        assert_eq!(path("/a/x[1]/b`c/"), "a.`x[1]`.`b``c`.``");
        assert_eq!(path(""), "");
        assert_eq!(field_path(&Location::Parameter("id".into())), "id");
    }
}
