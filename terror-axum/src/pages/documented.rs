//! What a page documents: a code of the catalog, or one of the `http.*`
//! codes terror's layer gives bare error responses (which no enum
//! declares, so the catalog does not have them).

use std::borrow::Cow;
use std::collections::BTreeMap;

use http::StatusCode;
use serde_json::Value;
use terror_core::catalog::{Catalog, CatalogEntry};
use terror_core::{ArgValue, Args, GrpcCode, LanguageIdentifier, LocaleChain, Localizer, Terror};

use crate::errors::HttpError;

/// One code, with everything its page shows.
pub(super) struct Documented {
    code: String,
    /// The status; for `http.client_error` and `http.server_error`, the
    /// example's (any other status of the class has the code).
    status: StatusCode,
    /// The code stands for a whole class of statuses (4xx, 5xx).
    any_of_class: bool,
    message_id: &'static str,
    /// Each arg's name, Rust type and gRPC metadata key.
    args: Vec<(&'static str, &'static str, String)>,
    /// The gRPC status codes: one, or for a class of statuses each its
    /// members map to.
    grpc_codes: Vec<GrpcCode>,
    grpc_reason: String,
    description: Option<&'static str>,
    retry_after: Option<u64>,
    redacted: bool,
    /// The note of `#[terror(deprecated = "...")]`.
    deprecated: Option<&'static str>,
    /// The example value of each arg, as the example problem has it.
    placeholders: Args<'static>,
    source: Source,
}

enum Source {
    Entry(&'static CatalogEntry),
    Http(HttpError),
}

impl Documented {
    fn entry(entry: &'static CatalogEntry, localizer: &Localizer) -> Self {
        let example = entry.example(localizer, &localizer.default_chain());
        // A redacted example has no args: text placeholders stand in.
        let placeholders = match example.get("args").and_then(|a| a.as_object()) {
            Some(args) => args
                .iter()
                .map(|(name, value)| (name.clone(), ArgValue::json(value)))
                .collect(),
            None => entry
                .args()
                .iter()
                .map(|arg| {
                    (
                        arg.name(),
                        ArgValue::Str(format!("<{}>", arg.name()).into()),
                    )
                })
                .collect(),
        };
        Documented {
            code: entry.code().to_owned(),
            status: StatusCode::from_u16(entry.status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            any_of_class: false,
            message_id: entry.message_id(),
            args: entry
                .args()
                .iter()
                .map(|a| (a.name(), a.rust_type(), a.metadata_key()))
                .collect(),
            grpc_codes: vec![entry.grpc_code()],
            grpc_reason: entry.grpc_reason(),
            description: entry.description(),
            retry_after: entry.retry_after(),
            redacted: entry.redacted(),
            deprecated: entry.deprecated(),
            placeholders,
            source: Source::Entry(entry),
        }
    }

    fn http(status: StatusCode, any_of_class: bool) -> Self {
        let error = HttpError::new(status);
        let mut grpc_codes = vec![error.grpc_code()];
        if any_of_class {
            // The class's members may map to different codes (499, a
            // client that went away, is `CANCELLED`).
            grpc_codes = (400..=599)
                .filter_map(|s| StatusCode::from_u16(s).ok())
                .map(HttpError::new)
                .filter(|member| member.code() == error.code())
                .map(|member| member.grpc_code())
                .fold(Vec::new(), |mut codes, code| {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                    codes
                });
        }
        Documented {
            code: error.code().to_owned(),
            status,
            any_of_class,
            message_id: "http-error",
            args: vec![("status", "u16", terror_core::metadata_key("status"))],
            grpc_reason: terror_core::grpc_reason(error.code()),
            grpc_codes,
            description: error.description(),
            retry_after: None,
            redacted: status.is_server_error(),
            deprecated: None,
            placeholders: Args::new().with("status", status.as_u16()),
            source: Source::Http(error),
        }
    }

    pub(super) fn code(&self) -> &str {
        &self.code
    }

    pub(super) fn status(&self) -> StatusCode {
        self.status
    }

    /// `4xx` or `5xx` for a code that stands for a class of statuses.
    pub(super) fn status_class(&self) -> Option<&'static str> {
        match (self.any_of_class, self.status.is_server_error()) {
            (false, _) => None,
            (true, false) => Some("4xx"),
            (true, true) => Some("5xx"),
        }
    }

    pub(super) fn message_id(&self) -> &'static str {
        self.message_id
    }

    pub(super) fn args(&self) -> &[(&'static str, &'static str, String)] {
        &self.args
    }

    /// The gRPC status codes: the code's, or each one its class's statuses
    /// map to.
    pub(super) fn grpc_codes(&self) -> &[GrpcCode] {
        &self.grpc_codes
    }

    /// The gRPC `ErrorInfo.reason`.
    pub(super) fn grpc_reason(&self) -> &str {
        &self.grpc_reason
    }

    /// The example value of each arg.
    pub(super) fn placeholders(&self) -> &Args<'static> {
        &self.placeholders
    }

    /// What the code means, in `chain`'s language: its message's
    /// `.description`, following the chain like every text of the page,
    /// with the locale it came from; else the variant's doc comment,
    /// whose language the page does not claim to know. `None` when
    /// neither says anything.
    pub(super) fn description<'l>(
        &self,
        localizer: &'l Localizer,
        chain: &LocaleChain,
    ) -> Option<(Cow<'l, str>, Option<&'l LanguageIdentifier>)> {
        // terror_ftl::attributes::DESCRIPTION, spelled as `title` is above:
        // terror-axum reaches terror-ftl only through terror-core.
        let translated = localizer.format(
            chain,
            self.message_id,
            Some("description"),
            &self.placeholders,
        );
        if let Some(found) = translated.filter(|found| !found.text.trim().is_empty()) {
            return Some((Cow::Owned(found.text), Some(found.locale)));
        }
        let doc = self.description.filter(|doc| !doc.trim().is_empty())?;
        Some((Cow::Borrowed(doc), None))
    }

    /// Whether the code is deprecated.
    pub(super) fn is_deprecated(&self) -> bool {
        self.deprecated.is_some()
    }

    /// A deprecated code's note in `chain`'s language: its message's
    /// `.deprecated`, following the chain like the description; else
    /// the note of `#[terror(deprecated = "...")]`, in the developer's
    /// words. `None` for a code that is not deprecated.
    pub(super) fn deprecation_note<'l>(
        &self,
        localizer: &'l Localizer,
        chain: &LocaleChain,
    ) -> Option<Cow<'l, str>> {
        let note = self.deprecated?;
        // terror_ftl::attributes::DEPRECATED, spelled as `description` is.
        let translated = localizer.format(
            chain,
            self.message_id,
            Some("deprecated"),
            &self.placeholders,
        );
        Some(match translated.filter(|t| !t.text.trim().is_empty()) {
            Some(found) => Cow::Owned(found.text),
            None => Cow::Borrowed(note),
        })
    }

    pub(super) fn retry_after(&self) -> Option<u64> {
        self.retry_after
    }

    pub(super) fn redacted(&self) -> bool {
        self.redacted
    }

    /// The prefix the index groups the code under: what comes before its
    /// last `.`, empty for a code without one.
    pub(super) fn prefix(&self) -> &str {
        self.code.rsplit_once('.').map_or("", |(prefix, _)| prefix)
    }

    /// The code's own title in `chain`'s language: its message's `.title`,
    /// else the status's. A redacted error's clients see the status's
    /// title, but the page names the code by its own.
    pub(super) fn title<'l>(&self, localizer: &'l Localizer, chain: &LocaleChain) -> Cow<'l, str> {
        if let Source::Entry(_) = self.source {
            if let Some(title) =
                localizer.format(chain, self.message_id, Some("title"), &self.placeholders)
            {
                return Cow::Owned(title.text);
            }
        }
        if self.any_of_class {
            let id = if self.status.is_server_error() {
                "pages-http-server-error"
            } else {
                "pages-http-client-error"
            };
            if let Some(title) = localizer.format(chain, id, None, &Args::new()) {
                return Cow::Owned(title.text);
            }
        }
        localizer.status_title(chain, self.status)
    }

    /// The problem a client gets with this code, in `chain`'s language,
    /// with the example values: what the page shows as the example, and
    /// (title, detail, hint) in each language.
    pub(super) fn example(&self, localizer: &Localizer, chain: &LocaleChain) -> Value {
        match &self.source {
            Source::Entry(entry) => entry.example(localizer, chain),
            Source::Http(error) => {
                serde_json::from_slice(&localizer.render(error, chain).to_json())
                    .unwrap_or(Value::Null)
            }
        }
    }
}

/// The prefix of the codes terror's layer gives bare error responses.
pub(super) const HTTP_PREFIX: &str = "http";

/// The members of a problem in the order a response has them.
const MEMBERS: [&str; 11] = [
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "args",
    "hint",
    "errors",
    "errors_total",
    "request_id",
];

impl Documented {
    /// `example` as pretty JSON, its members in the order of a response
    /// and its args in declaration order (a `serde_json::Value` sorts
    /// them by name).
    pub(super) fn pretty(&self, example: &Value) -> String {
        let Some(problem) = example.as_object() else {
            return serde_json::to_string_pretty(example).unwrap_or_default();
        };
        let members = MEMBERS
            .iter()
            .filter_map(|name| problem.get_key_value(*name))
            .chain(
                problem
                    .iter()
                    .filter(|(k, _)| !MEMBERS.contains(&k.as_str())),
            );
        let mut out = String::new();
        write_object(
            &mut out,
            members,
            "",
            |out, name, value, indent| match value.as_object().filter(|_| name == "args") {
                Some(args) => {
                    let declared = self
                        .args
                        .iter()
                        .filter_map(|(n, _, _)| args.get_key_value(*n));
                    let others = args
                        .iter()
                        .filter(|(k, _)| !self.args.iter().any(|(n, _, _)| n == k));
                    write_object(
                        out,
                        declared.chain(others),
                        indent,
                        |out, _, value, indent| {
                            write_value(out, value, indent);
                        },
                    );
                }
                None => write_value(out, value, indent),
            },
        );
        out
    }
}

/// Writes an object of `members` at `indent`, each value by `value`.
fn write_object<'v>(
    out: &mut String,
    members: impl Iterator<Item = (&'v String, &'v Value)>,
    indent: &str,
    mut value: impl FnMut(&mut String, &str, &Value, &str),
) {
    let inner = format!("{indent}  ");
    let mut empty = true;
    out.push('{');
    for (name, member) in members {
        out.push_str(if empty { "\n" } else { ",\n" });
        empty = false;
        out.push_str(&inner);
        out.push_str(&Value::from(name.as_str()).to_string());
        out.push_str(": ");
        value(out, name, member, &inner);
    }
    if !empty {
        out.push('\n');
        out.push_str(indent);
    }
    out.push('}');
}

/// Writes `value` as pretty JSON whose lines after the first are at `indent`.
fn write_value(out: &mut String, value: &Value, indent: &str) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut lines = text.split('\n');
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        out.push('\n');
        out.push_str(indent);
        out.push_str(line);
    }
}

/// Every code the pages document, by code, and the index's groups.
pub(super) struct Codes {
    by_code: BTreeMap<String, Documented>,
}

impl Codes {
    /// The catalog's codes and the `http.*` codes, each once (a code two
    /// variants share, which the catalog's check reports, shows the first).
    pub(super) fn new(catalog: &Catalog, localizer: &Localizer) -> Self {
        let mut by_code = BTreeMap::new();
        for entry in catalog.entries() {
            by_code
                .entry(entry.code().to_owned())
                .or_insert_with(|| Documented::entry(entry, localizer));
        }
        // Every error status has an `http.*` code: its own, or its class's.
        let mut class_members: BTreeMap<String, u16> = BTreeMap::new();
        for status in (400..=599).filter_map(|s| StatusCode::from_u16(s).ok()) {
            let error = HttpError::new(status);
            *class_members.entry(error.code().to_owned()).or_default() += 1;
        }
        for status in (400..=599).filter_map(|s| StatusCode::from_u16(s).ok()) {
            let code = HttpError::new(status).code().to_owned();
            let of_class = class_members.get(&code).copied().unwrap_or(0) > 1;
            // A class is shown with its last status, which has no name.
            let last_of_class = matches!(status.as_u16(), 499 | 599);
            if by_code.contains_key(&code) || (of_class && !last_of_class) {
                continue;
            }
            by_code.insert(code, Documented::http(status, of_class));
        }
        Codes { by_code }
    }

    /// The code's entry.
    pub(super) fn get(&self, code: &str) -> Option<&Documented> {
        self.by_code.get(code)
    }

    /// How many codes there are.
    pub(super) fn len(&self) -> usize {
        self.by_code.len()
    }

    /// The codes grouped by prefix, groups and codes in code order; then
    /// the codes without a prefix, then the generic `http.*` ones.
    pub(super) fn groups(&self) -> Vec<(&str, Vec<&Documented>)> {
        let mut groups: BTreeMap<(u8, &str), Vec<&Documented>> = BTreeMap::new();
        for documented in self.by_code.values() {
            let prefix = documented.prefix();
            let rank = match prefix {
                "" => 1,
                HTTP_PREFIX => 2,
                _ => 0,
            };
            groups.entry((rank, prefix)).or_default().push(documented);
        }
        groups
            .into_iter()
            .map(|((_, prefix), codes)| (prefix, codes))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_status_has_a_page() {
        let localizer = Localizer::builder().build().unwrap();
        let codes = Codes::new(&Catalog::from_entries([]), &localizer);
        for status in 400..=599 {
            let status = StatusCode::from_u16(status).unwrap();
            let code = HttpError::new(status).code().to_owned();
            assert!(codes.get(&code).is_some(), "{code}");
        }
        let server = codes.get("http.server_error").unwrap();
        assert_eq!(server.status_class(), Some("5xx"));
        assert_eq!(server.status().as_u16(), 599);
        assert!(server.redacted());
        let timeout = codes.get("http.request_timeout").unwrap();
        assert_eq!(timeout.status_class(), None);
        assert_eq!(timeout.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(timeout.prefix(), "http");
        assert_eq!(timeout.grpc_codes(), [GrpcCode::DEADLINE_EXCEEDED]);
        assert_eq!(timeout.grpc_reason(), "HTTP_REQUEST_TIMEOUT");
        // A class lists the code of each of its statuses, once.
        assert_eq!(server.grpc_codes(), [GrpcCode::INTERNAL]);
        let client = codes.get("http.client_error").unwrap();
        assert_eq!(
            client.grpc_codes(),
            [GrpcCode::FAILED_PRECONDITION, GrpcCode::CANCELLED]
        );
    }

    #[test]
    fn examples_keep_the_order_of_a_response() {
        let documented = Documented {
            args: vec![
                ("name", "String", "name".to_owned()),
                ("hosts", "u32", "hosts".to_owned()),
            ],
            ..Documented::http(StatusCode::CONFLICT, false)
        };
        let example = serde_json::json!({
            "status": 409, "type": "t", "args": {"hosts": 1, "name": "<name>", "extra": [1, 2]},
            "code": "c", "zzz": {"a": {}}, "errors": []
        });
        assert_eq!(
            documented.pretty(&example),
            "{\n  \"type\": \"t\",\n  \"status\": 409,\n  \"code\": \"c\",\n  \"args\": {\n    \"name\": \"<name>\",\n    \"hosts\": 1,\n    \"extra\": [\n      1,\n      2\n    ]\n  },\n  \"errors\": [],\n  \"zzz\": {\n    \"a\": {}\n  }\n}"
        );
    }
}
