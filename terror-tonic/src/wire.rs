//! The details of a rich status written straight to protobuf bytes: each
//! `google.rpc` message (`ErrorInfo`, `LocalizedMessage`, `BadRequest`,
//! `RetryInfo`, `Help`, `RequestInfo`) packed in a `google.protobuf.Any`
//! inside a `google.rpc.Status`, as `tonic_types::ErrorDetails` would
//! encode them, but measured once and written once into one buffer, with
//! no message built on the way. Decoding is left to clients
//! (`tonic_types::StatusExt`); the tests decode every field back.

use std::time::Duration;

/// A `FieldViolation` of `google.rpc.BadRequest`.
pub(crate) struct Violation<'a> {
    pub(crate) field: String,
    pub(crate) description: &'a str,
    pub(crate) reason: String,
}

/// Everything a rich status of terror-tonic carries.
pub(crate) struct RichStatus<'a> {
    pub(crate) code: i32,
    pub(crate) message: &'a str,
    pub(crate) reason: &'a str,
    pub(crate) domain: &'a str,
    pub(crate) metadata: &'a [(String, std::borrow::Cow<'a, str>)],
    pub(crate) locale: &'a str,
    pub(crate) localized: &'a str,
    pub(crate) violations: &'a [Violation<'a>],
    pub(crate) retry_after: Option<Duration>,
    pub(crate) help: Option<(&'a str, &'a str)>,
    pub(crate) request_id: Option<&'a str>,
}

const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
const LOCALIZED_MESSAGE: &str = "type.googleapis.com/google.rpc.LocalizedMessage";
const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
const HELP: &str = "type.googleapis.com/google.rpc.Help";
const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";

/// Wire type 2: a length-delimited field (string, bytes, message).
const LEN: u32 = 2;
/// Wire type 0: a varint.
const VARINT: u32 = 0;

fn varint_len(mut value: u64) -> usize {
    let mut len = 1;
    while value >= 0x80 {
        value >>= 7;
        len += 1;
    }
    len
}

// Truncating to the low seven bits is what a varint is made of.
#[allow(clippy::cast_possible_truncation)]
fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        // The low seven bits, with the continuation bit.
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn key(field: u32, wire: u32) -> u64 {
    u64::from(field << 3 | wire)
}

/// The bytes of a length-delimited field whose content takes `len`.
fn field_len(field: u32, len: usize) -> usize {
    varint_len(key(field, LEN)) + varint_len(len as u64) + len
}

fn put_len(out: &mut Vec<u8>, field: u32, len: usize) {
    put_varint(out, key(field, LEN));
    put_varint(out, len as u64);
}

/// A string field; proto3 leaves an empty one out.
fn str_len(field: u32, text: &str) -> usize {
    if text.is_empty() {
        0
    } else {
        field_len(field, text.len())
    }
}

fn put_str(out: &mut Vec<u8>, field: u32, text: &str) {
    if !text.is_empty() {
        put_len(out, field, text.len());
        out.extend_from_slice(text.as_bytes());
    }
}

/// A detail: something that knows its encoded length and writes it.
trait Message {
    fn len(&self) -> usize;
    fn put(&self, out: &mut Vec<u8>);
}

/// A message as field `field` of its parent.
fn message_len(field: u32, message: &impl Message) -> usize {
    field_len(field, message.len())
}

fn put_message(out: &mut Vec<u8>, field: u32, message: &impl Message) {
    put_len(out, field, message.len());
    message.put(out);
}

/// `google.protobuf.Any { type_url = 1; value = 2; }`.
struct Any<'m, M> {
    type_url: &'static str,
    value: &'m M,
}

impl<M: Message> Message for Any<'_, M> {
    fn len(&self) -> usize {
        str_len(1, self.type_url) + message_len(2, self.value)
    }
    fn put(&self, out: &mut Vec<u8>) {
        put_str(out, 1, self.type_url);
        put_message(out, 2, self.value);
    }
}

struct ErrorInfo<'a>(&'a RichStatus<'a>);

/// A `map<string, string>` entry: `{ key = 1; value = 2; }`.
fn entry_len(key: &str, value: &str) -> usize {
    str_len(1, key) + str_len(2, value)
}

impl Message for ErrorInfo<'_> {
    fn len(&self) -> usize {
        let s = self.0;
        str_len(1, s.reason)
            + str_len(2, s.domain)
            + s.metadata
                .iter()
                .map(|(k, v)| field_len(3, entry_len(k, v)))
                .sum::<usize>()
    }
    fn put(&self, out: &mut Vec<u8>) {
        let s = self.0;
        put_str(out, 1, s.reason);
        put_str(out, 2, s.domain);
        for (k, v) in s.metadata {
            put_len(out, 3, entry_len(k, v));
            put_str(out, 1, k);
            put_str(out, 2, v);
        }
    }
}

/// `google.rpc.LocalizedMessage { locale = 1; message = 2; }`.
struct Localized<'a> {
    locale: &'a str,
    message: &'a str,
}

impl Message for Localized<'_> {
    fn len(&self) -> usize {
        str_len(1, self.locale) + str_len(2, self.message)
    }
    fn put(&self, out: &mut Vec<u8>) {
        put_str(out, 1, self.locale);
        put_str(out, 2, self.message);
    }
}

/// `google.rpc.BadRequest.FieldViolation { field = 1; description = 2;
/// reason = 3; localized_message = 4; }`.
struct FieldViolation<'a> {
    violation: &'a Violation<'a>,
    locale: &'a str,
}

impl FieldViolation<'_> {
    fn localized(&self) -> Localized<'_> {
        Localized {
            locale: self.locale,
            message: self.violation.description,
        }
    }
}

impl Message for FieldViolation<'_> {
    fn len(&self) -> usize {
        let v = self.violation;
        str_len(1, &v.field)
            + str_len(2, v.description)
            + str_len(3, &v.reason)
            + message_len(4, &self.localized())
    }
    fn put(&self, out: &mut Vec<u8>) {
        let v = self.violation;
        put_str(out, 1, &v.field);
        put_str(out, 2, v.description);
        put_str(out, 3, &v.reason);
        put_message(out, 4, &self.localized());
    }
}

/// `google.rpc.BadRequest { repeated field_violations = 1; }`.
struct BadRequest<'a>(&'a RichStatus<'a>);

impl<'a> BadRequest<'a> {
    fn violations(&self) -> impl Iterator<Item = FieldViolation<'a>> + 'a {
        let locale = self.0.locale;
        self.0
            .violations
            .iter()
            .map(move |violation| FieldViolation { violation, locale })
    }
}

impl Message for BadRequest<'_> {
    fn len(&self) -> usize {
        self.violations().map(|v| message_len(1, &v)).sum()
    }
    fn put(&self, out: &mut Vec<u8>) {
        for violation in self.violations() {
            put_message(out, 1, &violation);
        }
    }
}

/// `google.rpc.RetryInfo { google.protobuf.Duration retry_delay = 1; }`,
/// the duration being `{ int64 seconds = 1; int32 nanos = 2; }`.
struct RetryInfo(Duration);

struct ProtoDuration(Duration);

/// The longest `google.protobuf.Duration`, in seconds (about 10,000
/// years): a client reads more as a negative number of seconds, which
/// tonic-types turns into no delay at all.
const MAX_DURATION_SECONDS: u64 = 315_576_000_000;

impl ProtoDuration {
    /// Its seconds and nanoseconds, a longer delay as the longest there is.
    fn parts(&self) -> (u64, u64) {
        if self.0.as_secs() >= MAX_DURATION_SECONDS {
            (MAX_DURATION_SECONDS, 0)
        } else {
            (self.0.as_secs(), u64::from(self.0.subsec_nanos()))
        }
    }
}

impl Message for ProtoDuration {
    fn len(&self) -> usize {
        let (seconds, nanos) = self.parts();
        (if seconds == 0 {
            0
        } else {
            1 + varint_len(seconds)
        }) + (if nanos == 0 { 0 } else { 1 + varint_len(nanos) })
    }
    fn put(&self, out: &mut Vec<u8>) {
        let (seconds, nanos) = self.parts();
        if seconds != 0 {
            put_varint(out, key(1, VARINT));
            put_varint(out, seconds);
        }
        if nanos != 0 {
            put_varint(out, key(2, VARINT));
            put_varint(out, nanos);
        }
    }
}

impl Message for RetryInfo {
    fn len(&self) -> usize {
        message_len(1, &ProtoDuration(self.0))
    }
    fn put(&self, out: &mut Vec<u8>) {
        put_message(out, 1, &ProtoDuration(self.0));
    }
}

/// `google.rpc.Help { repeated Link links = 1; }`, a link being
/// `{ description = 1; url = 2; }`.
struct Help<'a> {
    description: &'a str,
    url: &'a str,
}

impl Message for Help<'_> {
    fn len(&self) -> usize {
        field_len(1, str_len(1, self.description) + str_len(2, self.url))
    }
    fn put(&self, out: &mut Vec<u8>) {
        put_len(out, 1, str_len(1, self.description) + str_len(2, self.url));
        put_str(out, 1, self.description);
        put_str(out, 2, self.url);
    }
}

/// `google.rpc.RequestInfo { request_id = 1; serving_data = 2; }`.
struct RequestInfo<'a>(&'a str);

impl Message for RequestInfo<'_> {
    fn len(&self) -> usize {
        str_len(1, self.0)
    }
    fn put(&self, out: &mut Vec<u8>) {
        put_str(out, 1, self.0);
    }
}

/// `google.rpc.Status { int32 code = 1; string message = 2; repeated Any
/// details = 3; }`, with every detail of `status`.
pub(crate) fn status_bytes(status: &RichStatus<'_>) -> Vec<u8> {
    let error_info = Any {
        type_url: ERROR_INFO,
        value: &ErrorInfo(status),
    };
    let localized = Any {
        type_url: LOCALIZED_MESSAGE,
        value: &Localized {
            locale: status.locale,
            message: status.localized,
        },
    };
    let bad_request = BadRequest(status);
    let bad_request = (!status.violations.is_empty()).then_some(Any {
        type_url: BAD_REQUEST,
        value: &bad_request,
    });
    let retry = status.retry_after.map(RetryInfo);
    let retry = retry.as_ref().map(|value| Any {
        type_url: RETRY_INFO,
        value,
    });
    let help = status
        .help
        .map(|(description, url)| Help { description, url });
    let help = help.as_ref().map(|value| Any {
        type_url: HELP,
        value,
    });
    let request = status.request_id.map(RequestInfo);
    let request = request.as_ref().map(|value| Any {
        type_url: REQUEST_INFO,
        value,
    });

    // A negative code is sign-extended to ten bytes, as protobuf does; gRPC
    // codes are never negative.
    let code = u64::try_from(status.code).unwrap_or(0);
    let len = (if code == 0 { 0 } else { 1 + varint_len(code) })
        + str_len(2, status.message)
        + message_len(3, &error_info)
        + message_len(3, &localized)
        + bad_request.as_ref().map_or(0, |d| message_len(3, d))
        + retry.as_ref().map_or(0, |d| message_len(3, d))
        + help.as_ref().map_or(0, |d| message_len(3, d))
        + request.as_ref().map_or(0, |d| message_len(3, d));
    let mut out = Vec::with_capacity(len);
    if code != 0 {
        put_varint(&mut out, key(1, VARINT));
        put_varint(&mut out, code);
    }
    put_str(&mut out, 2, status.message);
    put_message(&mut out, 3, &error_info);
    put_message(&mut out, 3, &localized);
    if let Some(detail) = &bad_request {
        put_message(&mut out, 3, detail);
    }
    if let Some(detail) = &retry {
        put_message(&mut out, 3, detail);
    }
    if let Some(detail) = &help {
        put_message(&mut out, 3, detail);
    }
    if let Some(detail) = &request {
        put_message(&mut out, 3, detail);
    }
    debug_assert_eq!(out.len(), len);
    out
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use tonic_types::StatusExt;

    use super::*;

    #[test]
    fn every_detail_decodes_as_tonic_types_reads_it() {
        let metadata = [
            ("name".to_owned(), Cow::Borrowed("db-02")),
            ("sizeGb".to_owned(), Cow::Owned("1".repeat(300))),
        ];
        let violations = [Violation {
            field: "disks[0].name".into(),
            description: "Слишком длинное",
            reason: "VALIDATION_TOO_LONG".into(),
        }];
        let bytes = status_bytes(&RichStatus {
            code: 3,
            message: "Invalid volume",
            reason: "VOLUME_INVALID",
            domain: "storage.example.com",
            metadata: &metadata,
            locale: "ru",
            localized: "Неверный том",
            violations: &violations,
            retry_after: Some(Duration::from_millis(1500)),
            help: Some(("Неверный том", "https://example.com/errors/volume.invalid")),
            request_id: Some("req-1"),
        });
        let status = tonic::Status::with_details(tonic::Code::InvalidArgument, "m", bytes.into());
        let details = status.check_error_details().unwrap();
        let info = details.error_info().unwrap();
        assert_eq!(
            (info.reason.as_str(), info.metadata.len()),
            ("VOLUME_INVALID", 2)
        );
        assert_eq!(info.metadata["sizeGb"].len(), 300);
        assert_eq!(details.localized_message().unwrap().message, "Неверный том");
        let violation = &details.bad_request().unwrap().field_violations[0];
        assert_eq!(violation.field, "disks[0].name");
        assert_eq!(violation.localized_message.as_ref().unwrap().locale, "ru");
        assert_eq!(
            details.retry_info().unwrap().retry_delay,
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            details.help().unwrap().links[0].url,
            "https://example.com/errors/volume.invalid"
        );
        assert_eq!(details.request_info().unwrap().request_id, "req-1");
    }

    /// A delay past what `google.protobuf.Duration` holds is sent as the
    /// longest it holds, not as one a client reads as no delay.
    #[test]
    fn a_delay_too_long_for_protobuf_is_the_longest_it_holds() {
        let longest = Duration::from_secs(MAX_DURATION_SECONDS);
        for (sent, read) in [
            (Duration::MAX, longest),
            (Duration::from_secs(u64::MAX), longest),
            (longest + Duration::from_nanos(1), longest),
            (longest, longest),
            (Duration::new(86_400, 5), Duration::new(86_400, 5)),
        ] {
            let bytes = status_bytes(&RichStatus {
                code: 14,
                message: "",
                reason: "RATE_LIMITED",
                domain: "example.com",
                metadata: &[],
                locale: "en",
                localized: "",
                violations: &[],
                retry_after: Some(sent),
                help: None,
                request_id: None,
            });
            let status = tonic::Status::with_details(tonic::Code::Unavailable, "", bytes.into());
            let details = status.check_error_details().unwrap();
            assert_eq!(
                details.retry_info().unwrap().retry_delay,
                Some(read),
                "{sent:?}"
            );
        }
    }

    #[test]
    fn varints_take_the_bytes_they_say() {
        for value in [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut out = Vec::new();
            put_varint(&mut out, value);
            assert_eq!(out.len(), varint_len(value), "{value}");
        }
    }
}
