//! W3C Trace Context: the trace id a request's `traceparent` carries.
//!
//! A client that traces its calls sends `traceparent:
//! 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`; the middle
//! 32 hex digits name the trace its tracing backend files the call under.
//! terror's layers put that id into the problem (`trace_id`) and the log
//! line of an error, so the id a user reads out to support finds the trace.
//!
//! Parsing follows the specification's rules for a receiver
//! (<https://www.w3.org/TR/trace-context/#traceparent-header>) and is
//! strict: lowercase hex only, the fixed field lengths, no all-zero trace
//! or parent id, version `ff` invalid, and a version other than `00` read
//! only when what follows its first four fields starts with `-`. Anything
//! else is no trace id at all: a malformed or hostile value is ignored,
//! never echoed.

use std::fmt;

/// The length of a `traceparent` of version `00`, and of the part of a
/// later version's that this version defines.
const TRACEPARENT_LEN: usize = 55;

/// A trace id from a valid `traceparent`: 16 bytes, not all zero, kept as
/// the 32 lowercase hex digits it was sent as.
///
/// ```
/// use terror_core::trace_context::TraceId;
///
/// let id = TraceId::from_traceparent(b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").unwrap();
/// assert_eq!(id.as_str(), "4bf92f3577b34da6a3ce929d0e0e4736");
/// // Uppercase hex, a zero trace id, a wrong length: no trace id.
/// assert!(TraceId::from_traceparent(b"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01").is_none());
/// assert!(TraceId::from_traceparent(b"00-00000000000000000000000000000000-00f067aa0ba902b7-01").is_none());
/// assert!(TraceId::from_traceparent(b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-").is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TraceId([u8; 32]);

impl TraceId {
    /// The trace id of a `traceparent` header value, when the value is
    /// valid by the specification's rules.
    pub fn from_traceparent(value: &[u8]) -> Option<Self> {
        let head = value.get(..TRACEPARENT_LEN)?;
        let version = &head[..2];
        if !is_hex(version) || version == b"ff" {
            return None;
        }
        // Version 00 is exactly its four fields; a later version may add
        // fields after a `-`, which a version-00 reader skips.
        if value.len() > TRACEPARENT_LEN && (version == b"00" || value[TRACEPARENT_LEN] != b'-') {
            return None;
        }
        if head[2] != b'-' || head[35] != b'-' || head[52] != b'-' {
            return None;
        }
        let (trace, parent, flags) = (&head[3..35], &head[36..52], &head[53..55]);
        if !is_hex(trace) || !is_hex(parent) || !is_hex(flags) {
            return None;
        }
        if trace.iter().all(|&b| b == b'0') || parent.iter().all(|&b| b == b'0') {
            return None;
        }
        let mut id = [0; 32];
        id.copy_from_slice(trace);
        Some(TraceId(id))
    }

    /// The 32 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        // Only lowercase hex digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for TraceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for TraceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TraceId").field(&self.as_str()).finish()
    }
}

/// The name of the W3C Trace Context request header.
pub const TRACEPARENT: http::HeaderName = http::HeaderName::from_static("traceparent");

/// A request's `traceparent` as sent, kept for later: its first bytes,
/// copied without parsing (as much as [`TraceId::from_traceparent`]
/// reads), so that a request that never fails pays a copy, not a parse.
/// A request that sent the header twice has no trace id: the
/// specification does not make it a list.
///
/// ```
/// use terror_core::trace_context::SentTraceparent;
///
/// let sent = b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
/// let mut kept = SentTraceparent::default();
/// kept.keep(sent);
/// assert_eq!(kept.trace_id().unwrap().as_str(), "4bf92f3577b34da6a3ce929d0e0e4736");
/// kept.keep(sent);
/// assert!(kept.trace_id().is_none());
/// ```
#[derive(Clone, Copy)]
pub struct SentTraceparent {
    /// How many header lines were kept: 0, 1, or 2 for more than one.
    lines: u8,
    /// How many bytes of `bytes` the value filled.
    len: u8,
    bytes: [u8; TRACEPARENT_LEN + 1],
}

impl Default for SentTraceparent {
    fn default() -> Self {
        SentTraceparent {
            lines: 0,
            len: 0,
            bytes: [0; TRACEPARENT_LEN + 1],
        }
    }
}

impl SentTraceparent {
    /// Keeps a `traceparent` line.
    #[inline]
    pub fn keep(&mut self, value: &[u8]) {
        self.lines = self.lines.saturating_add(1).min(2);
        let len = value.len().min(self.bytes.len());
        self.bytes[..len].copy_from_slice(&value[..len]);
        self.len = u8::try_from(len).unwrap_or(u8::MAX);
    }

    /// The trace id, when exactly one `traceparent` was kept and it is
    /// valid.
    pub fn trace_id(&self) -> Option<TraceId> {
        if self.lines != 1 {
            return None;
        }
        TraceId::from_traceparent(&self.bytes[..usize::from(self.len)])
    }
}

impl fmt::Debug for SentTraceparent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The sent text is never shown: only what was made of it.
        f.debug_struct("SentTraceparent")
            .field("lines", &self.lines)
            .field("trace_id", &self.trace_id())
            .finish_non_exhaustive()
    }
}

/// Whether every byte is a lowercase hex digit.
fn is_hex(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

#[cfg(test)]
mod tests {
    use super::TraceId;

    const VALID: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    fn parse(value: &str) -> Option<String> {
        TraceId::from_traceparent(value.as_bytes()).map(|id| id.to_string())
    }

    #[test]
    fn a_valid_traceparent_gives_its_trace_id() {
        assert_eq!(
            parse(VALID).as_deref(),
            Some("4bf92f3577b34da6a3ce929d0e0e4736")
        );
        // Flags other than sampled are still a valid header.
        assert!(parse(&VALID.replace("-01", "-00")).is_some());
    }

    #[test]
    fn a_later_version_is_read_as_far_as_version_00_goes() {
        let later = VALID.replacen("00", "cc", 1);
        assert!(parse(&later).is_some());
        assert!(parse(&format!("{later}-what-comes-next")).is_some());
        assert!(parse(&format!("{later}x")).is_none());
        // Version 00 has nothing after its flags.
        assert!(parse(&format!("{VALID}-more")).is_none());
    }

    #[test]
    fn malformed_values_are_no_trace_id() {
        let cases = [
            "",
            "00",
            &VALID[..54],
            &VALID.replacen("00", "ff", 1),
            &VALID.replacen("00", "0g", 1),
            &VALID.to_uppercase(),
            &VALID.replace('-', "_"),
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",
            " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n",
            "00-4bf92f3577b34da6a3ce929d0e0e4736\n00f067aa0ba902b7-01",
            "00-ведро-00f067aa0ba902b7-01",
        ];
        for case in cases {
            assert_eq!(parse(case), None, "{case:?}");
        }
        assert_eq!(TraceId::from_traceparent(&[0xff; 55]), None);
        let mut kept = super::SentTraceparent::default();
        kept.keep(format!("{}-more", VALID.replacen("00", "cc", 1)).as_bytes());
        assert!(
            kept.trace_id().is_some(),
            "a later version's extra fields are cut, not misread"
        );
        let mut kept = super::SentTraceparent::default();
        kept.keep(format!("{VALID}-more").as_bytes());
        assert!(
            kept.trace_id().is_none(),
            "version 00 has nothing after its flags"
        );
        assert_eq!(TraceId::from_traceparent(&vec![b'0'; 100_000]), None);
    }
}
