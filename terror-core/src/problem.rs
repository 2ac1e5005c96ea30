//! The RFC 9457 problem document and its JSON: what a client reads.
//! [`Localizer::render`](crate::localizer::Localizer::render) makes one.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::time::Duration;

use http::StatusCode;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::args::Args;
use crate::json::{self, member};
use crate::terror::Location;

/// Sub-errors nest at most this deep in a rendered document.
pub(crate) const MAX_NESTING: usize = 16;

/// The most sub-errors one problem document shows, at every level of
/// `errors` together. A list that had more says how many in
/// `errors_total`; a list's own entries are shown before their children.
///
/// A client that sends a body with 200,000 broken fields gets the first 100
/// and the count, not a response of many megabytes.
pub const MAX_SUB_ERRORS: usize = 100;

/// What is known about the request an error answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestInfo<'r> {
    /// The request path, shown as `instance`.
    pub instance: Option<&'r str>,
    /// The request id, shown as `request_id` and quoted in redacted details.
    pub request_id: Option<&'r str>,
    /// The trace id of the request's valid W3C `traceparent`
    /// ([`TraceId`](crate::trace_context::TraceId)), shown as `trace_id`: the
    /// id the client's tracing backend files the request under.
    pub trace_id: Option<&'r str>,
}

/// A rendered RFC 9457 problem document with terror's extension members.
///
/// Serializes to the JSON a client receives. Borrows from the error (code,
/// arguments), the request (path, id) and the localizer (texts without
/// placeholders), so rendering copies only what it has to build.
///
/// ```json
/// {
///   "type": "https://docs.example.com/errors/volume.not_found",
///   "title": "Volume not found",
///   "status": 404,
///   "detail": "Volume db-02 was not found.",
///   "instance": "/volumes/db-02",
///   "code": "volume.not_found",
///   "args": { "name": "db-02" },
///   "request_id": "7f3c9a"
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Problem<'a> {
    /// The localizer's base of `type` URIs; the URI is the base and the
    /// code, joined only if [`Problem::type_uri`] asks for it.
    pub(crate) type_base: &'a str,
    /// `type_base` escaped for a JSON string, once, by the localizer.
    pub(crate) type_base_json: &'a str,
    pub(crate) type_uri: OnceLock<String>,
    pub(crate) title: Cow<'a, str>,
    pub(crate) status: StatusCode,
    pub(crate) detail: Cow<'a, str>,
    pub(crate) instance: Option<&'a str>,
    pub(crate) code: &'a str,
    pub(crate) args: Option<Args<'a>>,
    pub(crate) hint: Option<Cow<'a, str>>,
    pub(crate) errors: Vec<RenderedSubError<'a>>,
    pub(crate) errors_total: Option<usize>,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) trace_id: Option<&'a str>,
    pub(crate) language: &'a LanguageIdentifier,
    /// Borrowed from the localizer: a clone of a shared `HeaderValue` is
    /// an atomic increment (and its drop a decrement), which a body
    /// written only as JSON or a status never needs.
    pub(crate) content_language: Option<&'a http::HeaderValue>,
    pub(crate) retry_after: Option<Duration>,
}

impl<'a> Problem<'a> {
    /// The `type` URI: the configured base followed by the code.
    pub fn type_uri(&self) -> &str {
        self.type_uri.get_or_init(|| {
            let mut uri = String::with_capacity(self.type_base.len() + self.code.len());
            uri.push_str(self.type_base);
            uri.push_str(self.code);
            uri
        })
    }
    /// The localized title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// The localized message with its arguments.
    pub fn detail(&self) -> &str {
        &self.detail
    }
    /// The request path, when known.
    pub fn instance(&self) -> Option<&str> {
        self.instance
    }
    /// The stable error code.
    pub fn code(&self) -> &str {
        self.code
    }
    /// The raw arguments; `None` for a redacted error.
    pub fn args(&self) -> Option<&Args<'a>> {
        self.args.as_ref()
    }
    /// The localized hint, when the message has one.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    /// The rendered sub-errors: at most [`MAX_SUB_ERRORS`] in the whole
    /// document.
    pub fn errors(&self) -> &[RenderedSubError<'a>] {
        &self.errors
    }
    /// How many sub-errors the error had, when that is more than
    /// [`errors`](Self::errors) shows (`errors_total` in the document).
    pub fn errors_total(&self) -> Option<usize> {
        self.errors_total
    }
    /// The request id, when known.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id
    }
    /// The trace id of the request's `traceparent`, when it sent a valid
    /// one.
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id
    }
    /// The locale `detail` was rendered in (for `Content-Language`).
    pub fn language(&self) -> &LanguageIdentifier {
        self.language
    }
    /// `language` as a `Content-Language` value, the localizer's own
    /// (cloning it does not allocate).
    pub(crate) fn content_language(&self) -> Option<&'a http::HeaderValue> {
        self.content_language
    }
    /// The BCP 47 tag of [`language`](Self::language), such as `ru`,
    /// written once by the localizer (`Content-Language` carries it).
    pub fn language_tag(&self) -> &str {
        self.content_language
            .and_then(|v| v.to_str().ok())
            .unwrap_or("und")
    }
    /// How long the client should wait before retrying.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The JSON document as bytes: exactly what `serde_json::to_vec` makes
    /// of this problem, written faster.
    pub fn to_json(&self) -> Vec<u8> {
        // The member names and punctuation of a full document come to
        // about 130 bytes; an estimate short by a byte would copy it all.
        let estimate = 160
            + self.request_id.map_or(0, str::len)
            + self.trace_id.map_or(0, |id| id.len() + 14)
            + self.type_base.len()
            + self.title.len()
            + self.detail.len()
            + self.hint.as_ref().map_or(0, |h| h.len())
            + self.instance.map_or(0, str::len)
            + 2 * self.code.len()
            + self.args.as_ref().map_or(0, json::args_estimate)
            + 128 * self.errors.len()
            + self
                .errors
                .iter()
                .map(RenderedSubError::size_estimate)
                .sum::<usize>();
        let mut out = Vec::with_capacity(estimate);
        // The code is written twice, checked for escapes once.
        let code = json::contents(self.code);
        out.extend_from_slice(b"{\"type\":\"");
        out.extend_from_slice(self.type_base_json.as_bytes());
        out.extend_from_slice(code.as_bytes());
        out.push(b'"');
        member!(out, "title");
        json::write_str(&mut out, &self.title);
        member!(out, "status");
        out.extend_from_slice(self.status.as_str().as_bytes());
        member!(out, "detail");
        json::write_str(&mut out, &self.detail);
        if let Some(instance) = self.instance {
            member!(out, "instance");
            json::write_str(&mut out, instance);
        }
        member!(out, "code");
        out.push(b'"');
        out.extend_from_slice(code.as_bytes());
        out.push(b'"');
        if let Some(args) = &self.args {
            member!(out, "args");
            json::write_args(&mut out, args);
        }
        if let Some(hint) = &self.hint {
            member!(out, "hint");
            json::write_str(&mut out, hint);
        }
        if !self.errors.is_empty() {
            member!(out, "errors");
            write_items(&mut out, &self.errors);
        }
        if let Some(total) = self.errors_total {
            member!(out, "errors_total");
            out.extend_from_slice(itoa::Buffer::new().format(total).as_bytes());
        }
        if let Some(request_id) = self.request_id {
            member!(out, "request_id");
            json::write_str(&mut out, request_id);
        }
        if let Some(trace_id) = self.trace_id {
            member!(out, "trace_id");
            json::write_str(&mut out, trace_id);
        }
        out.push(b'}');
        out
    }
}

impl Serialize for Problem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.type_uri())?;
        map.serialize_entry("title", &self.title)?;
        map.serialize_entry("status", &self.status.as_u16())?;
        map.serialize_entry("detail", &self.detail)?;
        if let Some(instance) = &self.instance {
            map.serialize_entry("instance", instance)?;
        }
        map.serialize_entry("code", &self.code)?;
        if let Some(args) = &self.args {
            map.serialize_entry("args", args)?;
        }
        if let Some(hint) = &self.hint {
            map.serialize_entry("hint", hint)?;
        }
        if !self.errors.is_empty() {
            map.serialize_entry("errors", &self.errors)?;
        }
        if let Some(total) = self.errors_total {
            map.serialize_entry("errors_total", &total)?;
        }
        if let Some(request_id) = &self.request_id {
            map.serialize_entry("request_id", request_id)?;
        }
        if let Some(trace_id) = &self.trace_id {
            map.serialize_entry("trace_id", trace_id)?;
        }
        map.end()
    }
}

fn write_items(out: &mut Vec<u8>, items: &[RenderedSubError<'_>]) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"code\":");
        json::write_str(out, item.code);
        member!(out, "detail");
        json::write_str(out, &item.detail);
        if let Some(location) = item.location {
            let value = match location {
                Location::Pointer(p) => {
                    member!(out, "pointer");
                    p
                }
                Location::Parameter(p) => {
                    member!(out, "parameter");
                    p
                }
                Location::Header(h) => {
                    member!(out, "header");
                    h
                }
            };
            json::write_str(out, value);
        }
        if let Some(args) = item.args.as_ref().filter(|a| !a.is_empty()) {
            member!(out, "args");
            json::write_args(out, args);
        }
        if let Some(hint) = &item.hint {
            member!(out, "hint");
            json::write_str(out, hint);
        }
        if !item.errors.is_empty() {
            member!(out, "errors");
            write_items(out, &item.errors);
        }
        if let Some(total) = item.errors_total {
            member!(out, "errors_total");
            out.extend_from_slice(itoa::Buffer::new().format(total).as_bytes());
        }
        out.push(b'}');
    }
    out.push(b']');
}

/// A rendered sub-error inside a problem's `errors` member.
#[derive(Debug, Clone)]
pub struct RenderedSubError<'a> {
    pub(crate) code: &'a str,
    pub(crate) detail: Cow<'a, str>,
    pub(crate) location: Option<&'a Location>,
    pub(crate) args: Option<Args<'a>>,
    pub(crate) hint: Option<Cow<'a, str>>,
    pub(crate) errors: Vec<RenderedSubError<'a>>,
    pub(crate) errors_total: Option<usize>,
}

impl<'a> RenderedSubError<'a> {
    /// The child's code.
    pub fn code(&self) -> &str {
        self.code
    }
    /// Its localized message.
    pub fn detail(&self) -> &str {
        &self.detail
    }
    /// Where it points.
    pub fn location(&self) -> Option<&Location> {
        self.location
    }
    /// Its raw arguments; `None` when redacted.
    pub fn args(&self) -> Option<&Args<'a>> {
        self.args.as_ref()
    }
    /// Its localized hint.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    /// Its own children.
    pub fn errors(&self) -> &[RenderedSubError<'a>] {
        &self.errors
    }
    /// How many children it had, when that is more than
    /// [`errors`](Self::errors) shows.
    pub fn errors_total(&self) -> Option<usize> {
        self.errors_total
    }

    /// Bytes its JSON takes, roughly, children included.
    fn size_estimate(&self) -> usize {
        self.detail.len()
            + self.hint.as_ref().map_or(0, |h| h.len())
            + self.args.as_ref().map_or(0, json::args_estimate)
            + self
                .errors
                .iter()
                .map(RenderedSubError::size_estimate)
                .sum::<usize>()
    }
}

impl Serialize for RenderedSubError<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("detail", &self.detail)?;
        match self.location {
            Some(Location::Pointer(p)) => map.serialize_entry("pointer", p)?,
            Some(Location::Parameter(p)) => map.serialize_entry("parameter", p)?,
            Some(Location::Header(h)) => map.serialize_entry("header", h)?,
            None => {}
        }
        if let Some(args) = &self.args {
            if !args.is_empty() {
                map.serialize_entry("args", args)?;
            }
        }
        if let Some(hint) = &self.hint {
            map.serialize_entry("hint", hint)?;
        }
        if !self.errors.is_empty() {
            map.serialize_entry("errors", &self.errors)?;
        }
        if let Some(total) = self.errors_total {
            map.serialize_entry("errors_total", &total)?;
        }
        map.end()
    }
}
