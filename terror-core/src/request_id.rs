//! Request ids, shared by every transport: what makes an id a client sent
//! sane to echo and log, and generating one when it sent none.

use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http::HeaderValue;

/// Request ids longer than this, or with other than visible ASCII, are
/// replaced by a generated one rather than echoed.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// Whether a sent request id may be echoed and logged: visible ASCII, at
/// most [`MAX_REQUEST_ID_LEN`] bytes.
///
/// ```
/// use terror_core::request_id::is_sane;
///
/// assert!(is_sane("7f3c9a"));
/// assert!(!is_sane("a b"));
/// assert!(!is_sane(&"x".repeat(129)));
/// ```
pub fn is_sane(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

/// Generates request ids: 16 hex digits, distinct for each id one
/// generator makes, and unlikely to repeat across generators and
/// processes.
///
/// ```
/// let ids = terror_core::request_id::RequestIds::new();
/// let (a, b) = (ids.next(), ids.next());
/// assert_eq!(a.len(), 16);
/// assert_ne!(a, b);
/// ```
#[derive(Debug)]
pub struct RequestIds {
    seed: u64,
    next: AtomicU64,
}

impl Default for RequestIds {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestIds {
    /// A generator whose ids differ from every other generator's.
    pub fn new() -> Self {
        // Generators differ by when they were made, by their process and,
        // within one process, by the order they were made in.
        static MADE: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        #[allow(clippy::cast_possible_truncation)] // Mixing bits; truncation is fine.
        let low = nanos as u64;
        let made = MADE.fetch_add(1, Ordering::Relaxed);
        RequestIds {
            seed: splitmix64(low ^ u64::from(std::process::id()).rotate_left(32))
                ^ splitmix64(made),
            next: AtomicU64::new(0),
        }
    }

    /// A new id.
    pub fn next(&self) -> HeaderValue {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut value = splitmix64(
            self.seed
                .wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        );
        let mut digits = [0_u8; 16];
        for digit in digits.iter_mut().rev() {
            *digit = HEX[usize::try_from(value & 0xf).unwrap_or(0)];
            value >>= 4;
        }
        // Owned by the value's bytes: one allocation, which the clones (the
        // response header's, an extractor's) share. Hex digits are visible
        // ASCII.
        HeaderValue::from_maybe_shared(Bytes::from_owner(digits))
            .unwrap_or(HeaderValue::from_static("0000000000000000"))
    }
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
    fn request_ids_are_distinct() {
        let ids = RequestIds::new();
        let (a, b) = (ids.next(), ids.next());
        assert!(a.to_str().unwrap().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_ne!(RequestIds::new().next(), RequestIds::new().next());
    }

    #[test]
    fn request_ids_are_sane() {
        assert!(is_sane("7f3c9a"));
        assert!(!is_sane(""));
        assert!(!is_sane("a b"));
        assert!(!is_sane(&"x".repeat(129)));
        assert!(is_sane(&"x".repeat(128)));
    }
}
