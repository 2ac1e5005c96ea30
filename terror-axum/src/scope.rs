//! What the layer knows about a request, shared with the extractors: the
//! request's context, its `Accept-Language`, and request ids.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use http::{header, HeaderMap};
use terror_core::context::RequestContext;
use terror_core::negotiate::MAX_HEADER_LEN;

/// The layer's request extension: one insert per request.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub(crate) context: Arc<RequestContext>,
}

/// The request's `Accept-Language`: its lines combined into one list, as
/// RFC 9110 (5.3) reads repeated fields. Lines that are not visible ASCII
/// are skipped; the list stops growing past what negotiation reads.
pub(crate) fn accept_language(headers: &HeaderMap) -> Option<Cow<'_, str>> {
    let mut lines = headers
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let first = lines.next()?;
    let Some(second) = lines.next() else {
        return Some(Cow::Borrowed(first));
    };
    let mut joined = String::from(first);
    for line in std::iter::once(second).chain(lines) {
        if joined.len() >= MAX_HEADER_LEN {
            break;
        }
        joined.push_str(", ");
        joined.push_str(line);
    }
    Some(Cow::Owned(joined))
}

/// A new request id: 16 hex digits, unique within the process and unlikely
/// to repeat across processes.
pub(crate) fn generate_request_id() -> Arc<str> {
    static SEED: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let seed = *SEED.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        #[allow(clippy::cast_possible_truncation)] // Mixing bits; truncation is fine.
        let low = nanos as u64;
        low ^ u64::from(std::process::id()).rotate_left(32)
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut value = splitmix64(seed.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    let mut digits = [0_u8; 16];
    for digit in digits.iter_mut().rev() {
        *digit = HEX[usize::try_from(value & 0xf).unwrap_or(0)];
        value >>= 4;
    }
    // Hex digits are ASCII.
    Arc::from(std::str::from_utf8(&digits).unwrap_or("0000000000000000"))
}

/// A bijective mixer, so distinct counters give distinct ids.
fn splitmix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_lines_combine() {
        let mut headers = HeaderMap::new();
        assert_eq!(accept_language(&headers), None);
        headers.append(header::ACCEPT_LANGUAGE, "fr".parse().unwrap());
        assert_eq!(accept_language(&headers).as_deref(), Some("fr"));
        headers.append(header::ACCEPT_LANGUAGE, "de;q=0.5".parse().unwrap());
        assert_eq!(accept_language(&headers).as_deref(), Some("fr, de;q=0.5"));
        for _ in 0..10_000 {
            headers.append(header::ACCEPT_LANGUAGE, "xx".parse().unwrap());
        }
        assert!(accept_language(&headers).unwrap().len() <= MAX_HEADER_LEN + 4);
    }

    #[test]
    fn request_ids_are_distinct() {
        let a = generate_request_id();
        let b = generate_request_id();
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
    }
}
