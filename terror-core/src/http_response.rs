//! A problem as an HTTP response: its media type and the headers that go
//! with its body.

use std::time::Duration;

use http::{header, HeaderMap, HeaderValue};

use crate::problem::Problem;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

impl Problem<'_> {
    /// An HTTP response: the status, the headers of
    /// [`write_headers`](Self::write_headers) and the JSON body.
    ///
    /// ```
    /// # use terror_core::{Localizer, Terror};
    /// # #[derive(Debug, thiserror::Error, Terror)]
    /// # #[error("slow down")]
    /// # #[terror(code = "rate.limited", status = 429, retry_after = 2)]
    /// # struct RateLimited;
    /// let localizer = Localizer::builder().build().unwrap();
    /// let response = localizer.render(&RateLimited, &localizer.default_chain()).to_http_response();
    /// assert_eq!(response.status(), 429);
    /// assert_eq!(response.headers()["content-type"], "application/problem+json");
    /// assert_eq!(response.headers()["retry-after"], "2");
    /// ```
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.to_json());
        *response.status_mut() = self.status();
        self.write_headers(response.headers_mut());
        response
    }

    /// Writes the headers that go with the problem's body into `headers`:
    /// `Content-Type: application/problem+json`, `Content-Language` (the
    /// locale `detail` was rendered in), `Accept-Language` added to `Vary`
    /// (unless listed there, or `*` is), and `Retry-After` when the error
    /// has a delay. Any other header stays.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        let language = self
            .content_language()
            .cloned()
            .or_else(|| HeaderValue::from_str(&self.language().to_string()).ok());
        if let Some(language) = language {
            headers.insert(header::CONTENT_LANGUAGE, language);
        }
        append_vary(headers);
        if let Some(retry_after) = self.retry_after() {
            headers.insert(header::RETRY_AFTER, retry_after_value(retry_after));
        }
    }
}

/// Adds `accept-language` to `Vary` unless it is listed there already (or
/// `*` is).
fn append_vary(headers: &mut HeaderMap) {
    const ACCEPT_LANGUAGE: &str = "accept-language";
    let listed = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|field| field == "*" || field.eq_ignore_ascii_case(ACCEPT_LANGUAGE));
    if !listed {
        headers.append(header::VARY, HeaderValue::from_static(ACCEPT_LANGUAGE));
    }
}

/// A `Retry-After` value: whole seconds, a fraction rounded up (200 ms is
/// `1`, never `0`, which would invite an immediate retry).
pub(crate) fn retry_after_value(retry_after: Duration) -> HeaderValue {
    let seconds = retry_after
        .as_secs()
        .saturating_add(u64::from(retry_after.subsec_nanos() > 0));
    HeaderValue::from(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vary_is_appended_to_once() {
        let mut headers = HeaderMap::new();
        headers.insert(header::VARY, HeaderValue::from_static("origin"));
        append_vary(&mut headers);
        append_vary(&mut headers);
        let vary: Vec<_> = headers.get_all(header::VARY).iter().collect();
        assert_eq!(vary, ["origin", "accept-language"]);
        let mut listed = HeaderMap::new();
        listed.insert(
            header::VARY,
            HeaderValue::from_static("Origin, Accept-Language"),
        );
        append_vary(&mut listed);
        assert_eq!(listed.get_all(header::VARY).iter().count(), 1);
        let mut star = HeaderMap::new();
        star.insert(header::VARY, HeaderValue::from_static("*"));
        append_vary(&mut star);
        assert_eq!(star.get_all(header::VARY).iter().count(), 1);
    }

    #[test]
    fn retry_after_rounds_a_fraction_up() {
        assert_eq!(retry_after_value(Duration::from_millis(200)), "1");
        assert_eq!(retry_after_value(Duration::from_secs(30)), "30");
        assert_eq!(retry_after_value(Duration::from_millis(30_001)), "31");
    }
}
