//! The RFC 9457 problem document, and rendering any error into one.

use std::borrow::Cow;
use std::time::Duration;

use http::StatusCode;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::args::Args;
use crate::negotiate::LocaleChain;
use crate::terror::{is_redacted, Location, Terror};
use crate::Localizer;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Sub-errors nest at most this deep in a rendered document.
const MAX_NESTING: usize = 16;

/// What is known about the request an error answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestInfo<'r> {
    /// The request path, shown as `instance`.
    pub instance: Option<&'r str>,
    /// The request id, shown as `request_id` and quoted in redacted details.
    pub request_id: Option<&'r str>,
}

/// A rendered RFC 9457 problem document with terror's extension members.
///
/// Serializes to the JSON a client receives. Borrows the error's code and
/// arguments, so rendering copies no field values.
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
pub struct Problem<'e> {
    type_uri: String,
    title: String,
    status: StatusCode,
    detail: String,
    instance: Option<String>,
    code: Cow<'e, str>,
    args: Option<Args<'e>>,
    hint: Option<String>,
    errors: Vec<ProblemItem<'e>>,
    request_id: Option<String>,
    language: LanguageIdentifier,
    retry_after: Option<Duration>,
}

impl<'e> Problem<'e> {
    /// The `type` URI: the configured base followed by the code.
    pub fn type_uri(&self) -> &str {
        &self.type_uri
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
        self.instance.as_deref()
    }
    /// The stable error code.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// The raw arguments; `None` for a redacted error.
    pub fn args(&self) -> Option<&Args<'e>> {
        self.args.as_ref()
    }
    /// The localized hint, when the message has one.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    /// The rendered sub-errors.
    pub fn errors(&self) -> &[ProblemItem<'e>] {
        &self.errors
    }
    /// The request id, when known.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The locale `detail` was rendered in (for `Content-Language`).
    pub fn language(&self) -> &LanguageIdentifier {
        &self.language
    }
    /// How long the client should wait before retrying.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The JSON document as bytes.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        // Serializing strings, numbers and maps with string keys into a Vec
        // cannot fail.
        let _ = serde_json::to_writer(&mut out, self);
        out
    }

    /// An HTTP response: the status, `Content-Type: application/problem+json`,
    /// `Content-Language`, `Vary: Accept-Language`, `Retry-After` when set,
    /// and the JSON body.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.to_json());
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(PROBLEM_JSON),
        );
        if let Ok(language) = http::HeaderValue::from_str(&self.language.to_string()) {
            headers.insert(http::header::CONTENT_LANGUAGE, language);
        }
        headers.insert(
            http::header::VARY,
            http::HeaderValue::from_static("accept-language"),
        );
        if let Some(retry_after) = self.retry_after {
            headers.insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from(retry_after.as_secs()),
            );
        }
        response
    }
}

impl Serialize for Problem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &self.type_uri)?;
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
        if let Some(request_id) = &self.request_id {
            map.serialize_entry("request_id", request_id)?;
        }
        map.end()
    }
}

/// A rendered sub-error inside a problem's `errors` member.
#[derive(Debug, Clone)]
pub struct ProblemItem<'e> {
    code: Cow<'e, str>,
    detail: String,
    location: Option<&'e Location>,
    args: Option<Args<'e>>,
    hint: Option<String>,
    errors: Vec<ProblemItem<'e>>,
}

impl<'e> ProblemItem<'e> {
    /// The child's code.
    pub fn code(&self) -> &str {
        &self.code
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
    pub fn args(&self) -> Option<&Args<'e>> {
        self.args.as_ref()
    }
    /// Its localized hint.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    /// Its own children.
    pub fn errors(&self) -> &[ProblemItem<'e>] {
        &self.errors
    }
}

impl Serialize for ProblemItem<'_> {
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
        map.end()
    }
}

impl Localizer {
    /// Renders an error in the first locales of `chain` that have its
    /// messages.
    ///
    /// For a status >= 500 that the error does not [expose](Terror::expose),
    /// the client sees only the status title and a generic detail; `args`,
    /// `hint` and `errors` are left out.
    pub fn render<'e>(&self, error: &'e (dyn Terror + 'e), chain: &LocaleChain) -> Problem<'e> {
        self.render_request(error, chain, RequestInfo::default())
    }

    /// Renders an error for a request: as [`render`](Self::render), plus
    /// `instance` and `request_id`.
    pub fn render_request<'e>(
        &self,
        error: &'e (dyn Terror + 'e),
        chain: &LocaleChain,
        request: RequestInfo<'_>,
    ) -> Problem<'e> {
        let status = error.status();
        let code = Cow::Borrowed(error.code());
        let (title, detail, args, hint, errors, language);
        if is_redacted(error) {
            let (text, locale) = self.redacted_detail(chain, request.request_id);
            detail = text;
            language = locale;
            title = self.status_title(chain, status);
            args = None;
            hint = None;
            errors = Vec::new();
        } else {
            let error_args = error.args();
            let id = error.message_id();
            if let Some((text, message_title, message_hint, locale)) =
                self.format_message(chain, &id, &error_args)
            {
                detail = text;
                language = locale.clone();
                title = message_title.unwrap_or_else(|| self.status_title(chain, status));
                hint = message_hint;
            } else {
                let (text, locale) = self.untranslated(chain, error.code(), &id);
                detail = text;
                language = locale;
                title = self.status_title(chain, status);
                hint = None;
            }
            args = Some(error_args);
            errors = self.render_items(error, chain, 0);
        }
        Problem {
            type_uri: self.problem_type(&code),
            title,
            status,
            detail,
            instance: request.instance.map(str::to_owned),
            code,
            args,
            hint,
            errors,
            request_id: request.request_id.map(str::to_owned),
            language,
            retry_after: error.retry_after(),
        }
    }

    fn render_items<'e>(
        &self,
        error: &'e (dyn Terror + 'e),
        chain: &LocaleChain,
        depth: usize,
    ) -> Vec<ProblemItem<'e>> {
        let subs = error.sub_errors();
        if subs.is_empty() {
            return Vec::new();
        }
        if depth >= MAX_NESTING {
            tracing::warn!(
                code = error.code(),
                "terror: sub-errors nest too deep; the rest is left out"
            );
            return Vec::new();
        }
        subs.iter()
            .map(|sub| {
                let child: &'e (dyn Terror + Send + Sync) = sub.error();
                if is_redacted(child) {
                    let (detail, _) = self.redacted_detail(chain, None);
                    return ProblemItem {
                        code: Cow::Borrowed(child.code()),
                        detail,
                        location: sub.location(),
                        args: None,
                        hint: None,
                        errors: Vec::new(),
                    };
                }
                let args = child.args();
                let id = child.message_id();
                let (detail, hint) = match self.format_message(chain, &id, &args) {
                    Some((detail, _, hint, _)) => (detail, hint),
                    None => (self.untranslated(chain, child.code(), &id).0, None),
                };
                ProblemItem {
                    code: Cow::Borrowed(child.code()),
                    detail,
                    location: sub.location(),
                    args: Some(args),
                    hint,
                    errors: self.render_items(child, chain, depth + 1),
                }
            })
            .collect()
    }

    /// The localized title of an HTTP status: the framework's `http-<code>`
    /// message, else the status's English reason phrase.
    pub fn status_title(&self, chain: &LocaleChain, status: StatusCode) -> String {
        let mut id = String::with_capacity(8);
        id.push_str("http-");
        id.push_str(status.as_str());
        let mut out = String::new();
        if self
            .format_into(chain, &id, None, &Args::new(), &mut out)
            .is_some()
        {
            return out;
        }
        status.canonical_reason().unwrap_or("Error").to_owned()
    }

    fn redacted_detail(
        &self,
        chain: &LocaleChain,
        request_id: Option<&str>,
    ) -> (String, LanguageIdentifier) {
        let mut out = String::new();
        let found = match request_id {
            Some(id) => {
                let args = Args::new().with("request_id", id);
                self.format_into(chain, "terror-redacted-with-id", None, &args, &mut out)
            }
            None => self.format_into(chain, "terror-redacted", None, &Args::new(), &mut out),
        };
        match found {
            Some(locale) => (out, locale.clone()),
            None => (
                "The server could not complete this request.".to_owned(),
                self.default_locale().clone(),
            ),
        }
    }

    fn untranslated(
        &self,
        chain: &LocaleChain,
        code: &str,
        message_id: &str,
    ) -> (String, LanguageIdentifier) {
        tracing::warn!(
            code,
            message = message_id,
            locales = ?chain.locales(),
            "terror: no locale has a message for this error"
        );
        let mut out = String::new();
        let args = Args::new().with("code", code);
        match self.format_into(chain, "terror-untranslated", None, &args, &mut out) {
            Some(locale) => (out, locale.clone()),
            None => (
                format!("The request failed with error {code}."),
                self.default_locale().clone(),
            ),
        }
    }
}
