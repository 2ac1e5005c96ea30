//! Request ids as the layer keeps them.

use http::HeaderValue;

pub(crate) use terror_core::request_id::{is_sane as is_sane_request_id, RequestIds};

/// A header value known to be visible ASCII, as text.
pub(crate) fn text(value: &HeaderValue) -> &str {
    value.to_str().unwrap_or_default()
}
