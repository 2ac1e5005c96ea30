//! A status cut to fit the trailers every gRPC client accepts: an error
//! with a hundred sub-errors, or an arg holding a long text a client sent,
//! would otherwise reach the client as an HTTP/2 protocol error instead of
//! the status. [`MAX_STATUS_BYTES`] says how much fits and what is cut.
//! The code, the reason, the domain, the locale, the request id and the
//! `Help` link are never cut: they are short, or the service's own.

use std::borrow::Cow;

use terror_core::__private::shorten;

/// The most bytes a status of [`Grpc::status`](crate::Grpc::status) takes
/// in `grpc-message` and `grpc-status-details-bin` together, as sent.
///
/// gRPC's C core (behind the Python, Ruby, C++ and C# clients) refuses a
/// response whose metadata passes 8 KiB unless told otherwise, hyper's
/// HTTP/2 client (tonic's) one past 16 KiB; the rest of a response
/// (`grpc-status`, `content-type`, an echoed `x-request-id` of at most 128
/// bytes, and the 32 bytes HTTP/2 counts per field) fits in what is left
/// of 8 KiB. A status that would take more is cut, least needed first:
/// the field violations of `BadRequest` from the last (as many as fit are
/// kept, in order); then the developers' text and the `Help` title to 256
/// bytes and the localized text to 1 KiB, each ending in `…`; then the args
/// of `ErrorInfo.metadata`, the longest first, which `decode` (the `client`
/// feature) then reports missing (an `Option` arg comes back `None`).
pub const MAX_STATUS_BYTES: usize = 7 * 1024;

/// The longest developers' text and `Help` title kept once a status is
/// cut, in bytes.
const SHORT_MESSAGE: usize = 256;

/// The longest localized text kept once a status is cut, in bytes.
const SHORT_LOCALIZED: usize = 1024;

/// What of a status can be cut.
pub(crate) struct Cuttable<'a> {
    /// The developers' text.
    pub(crate) message: Cow<'a, str>,
    /// The text in the request's language.
    pub(crate) localized: Cow<'a, str>,
    /// The `Help` link's title.
    pub(crate) title: Cow<'a, str>,
    /// The args, by metadata key.
    pub(crate) metadata: Vec<(String, Cow<'a, str>)>,
    /// How many of the field violations are kept.
    pub(crate) violations: usize,
}

/// The details `encode` writes for `parts`, cut as the [module](self)
/// says until what is sent fits in [`MAX_STATUS_BYTES`] (or nothing is
/// left to cut), and the developers' text that goes with them.
pub(crate) fn fit<'a>(
    mut parts: Cuttable<'a>,
    encode: impl Fn(&Cuttable<'a>) -> Vec<u8>,
) -> (Vec<u8>, Cow<'a, str>) {
    let fits = |parts: &Cuttable<'a>, details: &[u8]| {
        // Percent-encoding at most triples the message: a status well
        // under the limit, as nearly every one is, needs no count.
        let most = 3 * parts.message.len() + (details.len() * 4).div_ceil(3);
        most <= MAX_STATUS_BYTES || sent_len(&parts.message, details.len()) <= MAX_STATUS_BYTES
    };
    let details = encode(&parts);
    if fits(&parts, &details) {
        return (details, parts.message);
    }
    // The most violations that fit, by bisection: each try encodes the
    // whole status, and there may be a hundred of them.
    let (mut fitting, mut over) = (0, parts.violations);
    while fitting + 1 < over {
        parts.violations = fitting + (over - fitting) / 2;
        if fits(&parts, &encode(&parts)) {
            fitting = parts.violations;
        } else {
            over = parts.violations;
        }
    }
    parts.violations = fitting;
    let details = encode(&parts);
    if fits(&parts, &details) {
        return (details, parts.message);
    }
    parts.message = shorten(parts.message, SHORT_MESSAGE);
    parts.title = shorten(parts.title, SHORT_MESSAGE);
    parts.localized = shorten(parts.localized, SHORT_LOCALIZED);
    let mut details = encode(&parts);
    while !fits(&parts, &details) {
        let Some(longest) = (0..parts.metadata.len()).max_by_key(|&i| parts.metadata[i].1.len())
        else {
            break;
        };
        parts.metadata.remove(longest);
        details = encode(&parts);
    }
    (details, parts.message)
}

/// The bytes `grpc-message` and `grpc-status-details-bin` take as tonic
/// sends them: the message percent-encoded, the details in base64 without
/// padding.
pub(crate) fn sent_len(message: &str, details: usize) -> usize {
    // tonic's set: controls, space, `"#%<>` and backquote, `?{}`, and every
    // byte outside ASCII.
    let encoded = |b: &u8| {
        *b < 0x20
            || *b >= 0x7f
            || matches!(
                b,
                b' ' | b'"' | b'#' | b'%' | b'<' | b'>' | b'`' | b'?' | b'{' | b'}'
            )
    };
    let message = message.len() + 2 * message.bytes().filter(encoded).count();
    message + (details * 4).div_ceil(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sent_length_counts_what_tonic_encodes() {
        assert_eq!(sent_len("", 0), 0);
        assert_eq!(sent_len("plain-text.", 0), 11);
        assert_eq!(sent_len("a b", 0), 5);
        assert_eq!(sent_len("{%}", 0), 9);
        assert_eq!(sent_len("é", 0), 6);
        assert_eq!(sent_len("", 3), 4);
        assert_eq!(sent_len("", 4), 6);
        assert_eq!(sent_len("", 5), 7);
    }
}
