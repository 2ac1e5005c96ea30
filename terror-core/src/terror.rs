//! The `Terror` trait: what every API error says about itself.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::args::Args;
use crate::grpc::GrpcCode;

/// A structured API error: a stable code, an HTTP status, typed arguments and
/// a Fluent message, on top of the usual [`std::error::Error`].
///
/// `#[derive(Terror)]` implements it for enums and structs; it can also be
/// written by hand. `Display` and `source()` stay what they are for: logs and
/// developers. The client sees the localized message named by
/// [`message_id`](Terror::message_id).
///
/// ```
/// use std::borrow::Cow;
/// use terror_core::{Args, StatusCode, Terror};
///
/// #[derive(Debug)]
/// struct QuotaExceeded {
///     limit: u64,
/// }
///
/// impl std::fmt::Display for QuotaExceeded {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         write!(f, "quota of {} exceeded", self.limit)
///     }
/// }
///
/// impl std::error::Error for QuotaExceeded {}
///
/// impl Terror for QuotaExceeded {
///     fn code(&self) -> &str {
///         "quota.exceeded"
///     }
///     fn status(&self) -> StatusCode {
///         StatusCode::TOO_MANY_REQUESTS
///     }
///     fn args(&self) -> Args<'_> {
///         Args::new().with("limit", self.limit)
///     }
/// }
///
/// let error = QuotaExceeded { limit: 10 };
/// assert_eq!(error.message_id(), "quota-exceeded");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a terror error",
    label = "`{Self}` does not implement `Terror`",
    note = "derive `Terror` for it, or implement `terror_core::Terror` by hand"
)]
pub trait Terror: std::error::Error {
    /// The stable, dotted, snake_case code, such as `volume.not_found`.
    /// Codes never change once shipped.
    fn code(&self) -> &str;

    /// The HTTP status of the response.
    fn status(&self) -> StatusCode;

    /// The Fluent message id. Derived from the code by default
    /// (`volume.not_found` -> `volume-not-found`, as `terror_core::message_id`
    /// says).
    fn message_id(&self) -> Cow<'_, str> {
        Cow::Owned(terror_ftl::ids::message_id(self.code()))
    }

    /// The values the message can show, by name, in declaration order.
    fn args(&self) -> Args<'_> {
        Args::new()
    }

    /// Child errors (field violations, per-item failures), each with an
    /// optional location.
    fn sub_errors(&self) -> &[SubError] {
        &[]
    }

    /// Whether the error is redacted: the client sees only the status's
    /// title and a generic detail (quoting the request id), no args, hint
    /// or sub-errors. By default every server error (status 500 and above)
    /// is; `#[terror(redact = false)]` shows a 5xx's details.
    fn is_redacted(&self) -> bool {
        self.status().is_server_error()
    }

    /// How long the client should wait before retrying (`Retry-After`, in
    /// whole seconds: a fraction is rounded up, so 200 ms is `1`).
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// A developer-facing description of this error, from the variant's doc
    /// comment; shown in catalogs and API documentation, never in responses.
    fn description(&self) -> Option<&'static str> {
        None
    }

    /// The gRPC status code of the error: by default the one Google's
    /// mapping gives its HTTP status ([`GrpcCode::from_http_status`]);
    /// `#[terror(grpc = ALREADY_EXISTS)]` chooses another.
    fn grpc_code(&self) -> GrpcCode {
        GrpcCode::from_http_status(self.status())
    }
}

/// Where in the request a sub-error points.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// An RFC 6901 JSON Pointer into the request body, such as `/name`.
    Pointer(String),
    /// A path or query parameter name.
    Parameter(String),
    /// A request header name.
    Header(String),
}

/// A child error: a full terror error plus where it happened.
///
/// ```
/// use terror_core::{Location, SubError};
/// # #[derive(Debug, thiserror::Error)]
/// # #[error("too long")]
/// # struct TooLong;
/// # impl terror_core::Terror for TooLong {
/// #     fn code(&self) -> &str { "validation.too_long" }
/// #     fn status(&self) -> terror_core::StatusCode { terror_core::StatusCode::UNPROCESSABLE_ENTITY }
/// # }
/// let sub = SubError::new(TooLong).at_pointer("/name");
/// assert_eq!(sub.location(), Some(&Location::Pointer("/name".into())));
/// assert_eq!(sub.error().code(), "validation.too_long");
/// ```
pub struct SubError {
    error: Box<dyn Terror + Send + Sync>,
    location: Option<Location>,
}

impl SubError {
    /// A child error without a location.
    pub fn new(error: impl Terror + Send + Sync + 'static) -> Self {
        SubError {
            error: Box::new(error),
            location: None,
        }
    }

    /// Points the child at a JSON Pointer into the request body. The pointer
    /// is used as given; build one from path segments with [`json_pointer`].
    #[must_use]
    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.location = Some(Location::Pointer(pointer.into()));
        self
    }

    /// Points the child at a path or query parameter.
    #[must_use]
    pub fn at_parameter(mut self, name: impl Into<String>) -> Self {
        self.location = Some(Location::Parameter(name.into()));
        self
    }

    /// Points the child at a request header.
    #[must_use]
    pub fn at_header(mut self, name: impl Into<String>) -> Self {
        self.location = Some(Location::Header(name.into()));
        self
    }

    /// The child error.
    pub fn error(&self) -> &(dyn Terror + Send + Sync) {
        &*self.error
    }

    /// Where it points, if anywhere.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The child error as its own type, if it is one: how a client that
    /// rebuilt a problem (the `client` module, with the `client` feature)
    /// reaches the typed children.
    ///
    /// ```
    /// # use terror_core::SubError;
    /// # #[derive(Debug, thiserror::Error)]
    /// # #[error("too long")]
    /// # struct TooLong;
    /// # impl terror_core::Terror for TooLong {
    /// #     fn code(&self) -> &str { "validation.too_long" }
    /// #     fn status(&self) -> terror_core::StatusCode { terror_core::StatusCode::UNPROCESSABLE_ENTITY }
    /// # }
    /// let sub = SubError::new(TooLong).at_pointer("/name");
    /// assert!(sub.downcast_ref::<TooLong>().is_some());
    /// assert!(sub.downcast_ref::<std::io::Error>().is_none());
    /// ```
    pub fn downcast_ref<T: std::error::Error + 'static>(&self) -> Option<&T> {
        let error: &(dyn std::error::Error + Send + Sync + 'static) = &*self.error;
        error.downcast_ref::<T>()
    }
}

/// Two sub-errors are equal when a client cannot tell them apart: the same
/// location, code, status, args (in any order) and children (compared the
/// same way).
impl PartialEq for SubError {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.error(), other.error());
        let (a_args, b_args) = (a.args(), b.args());
        // Names are distinct within `Args`: the same names with the same
        // values, looked up rather than sorted (a handful of args, and no
        // sort compiled for this alone).
        let same_args = a_args.len() == b_args.len()
            && a_args
                .iter()
                .all(|(name, value)| b_args.get(name) == Some(value));
        self.location == other.location
            && a.code() == b.code()
            && a.status() == b.status()
            && same_args
            && a.sub_errors() == b.sub_errors()
    }
}

impl fmt::Debug for SubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubError")
            .field("code", &self.error.code())
            .field("error", &self.error)
            .field("location", &self.location)
            .finish()
    }
}

/// What a `#[terror(errors)]` field may hold. Used by the derive; not public
/// API. The impls are hidden from diagnostics: the note lists them instead of
/// quoting this file.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the `errors` field must hold terror sub-errors, such as `Vec<SubError>`",
    label = "`{Self}` is not a list of `SubError`s",
    note = "`#[terror(errors)]` takes a `Vec<SubError>`, `Box<[SubError]>`, `[SubError; N]` or a reference to one"
)]
pub trait SubErrors {
    /// The sub-errors, as `Terror::sub_errors` returns them.
    fn __terror_sub_errors(&self) -> &[SubError];
}

#[diagnostic::do_not_recommend]
impl SubErrors for [SubError] {
    fn __terror_sub_errors(&self) -> &[SubError] {
        self
    }
}

#[diagnostic::do_not_recommend]
impl<const N: usize> SubErrors for [SubError; N] {
    fn __terror_sub_errors(&self) -> &[SubError] {
        self
    }
}

#[diagnostic::do_not_recommend]
impl SubErrors for Vec<SubError> {
    fn __terror_sub_errors(&self) -> &[SubError] {
        self
    }
}

#[diagnostic::do_not_recommend]
impl SubErrors for Box<[SubError]> {
    fn __terror_sub_errors(&self) -> &[SubError] {
        self
    }
}

#[diagnostic::do_not_recommend]
impl<T: SubErrors + ?Sized> SubErrors for &T {
    fn __terror_sub_errors(&self) -> &[SubError] {
        (**self).__terror_sub_errors()
    }
}

/// Builds an RFC 6901 JSON Pointer from path segments, escaping `~` and `/`.
///
/// ```
/// assert_eq!(terror_core::json_pointer(["volumes", "0", "a/b"]), "/volumes/0/a~1b");
/// assert_eq!(terror_core::json_pointer::<[&str; 0], _>([]), "");
/// ```
pub fn json_pointer<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for segment in segments {
        push_segment(&mut out, segment.as_ref());
    }
    out
}

/// The segments of an RFC 6901 JSON Pointer, unescaped (`~1` is `/`,
/// `~0` is `~`): [`json_pointer`] read back. The empty pointer (the whole
/// document) has none; text that does not start with `/` is read as if
/// it did.
///
/// ```
/// let segments: Vec<_> = terror_core::json_pointer_segments("/volumes/0/a~1b~0c").collect();
/// assert_eq!(segments, ["volumes", "0", "a/b~c"]);
/// assert_eq!(terror_core::json_pointer_segments("").count(), 0);
/// // `/` names the member whose key is empty.
/// assert_eq!(terror_core::json_pointer_segments("/").collect::<Vec<_>>(), [""]);
/// ```
pub fn json_pointer_segments(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let rest = pointer.strip_prefix('/').unwrap_or(pointer);
    (!pointer.is_empty())
        .then(|| rest.split('/'))
        .into_iter()
        .flatten()
        .map(|segment| {
            if segment.contains('~') {
                Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(segment)
            }
        })
}

// Apart from `json_pointer`, which is instantiated per iterator: the
// escaping is compiled once.
fn push_segment(out: &mut String, segment: &str) {
    out.push('/');
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

// Hidden from diagnostics so that a missing impl reads "`X` is not a terror
// error" instead of quoting this impl.
#[diagnostic::do_not_recommend]
impl<T: Terror> Terror for Box<T> {
    fn code(&self) -> &str {
        (**self).code()
    }
    fn status(&self) -> StatusCode {
        (**self).status()
    }
    fn message_id(&self) -> Cow<'_, str> {
        (**self).message_id()
    }
    fn args(&self) -> Args<'_> {
        (**self).args()
    }
    fn sub_errors(&self) -> &[SubError] {
        (**self).sub_errors()
    }
    fn is_redacted(&self) -> bool {
        (**self).is_redacted()
    }
    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
    fn description(&self) -> Option<&'static str> {
        Terror::description(&**self)
    }
    fn grpc_code(&self) -> GrpcCode {
        (**self).grpc_code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written error whose args come in the order given.
    #[derive(Debug)]
    struct Pairs(Vec<(&'static str, u32)>);

    impl fmt::Display for Pairs {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("pairs")
        }
    }

    impl std::error::Error for Pairs {}

    impl Terror for Pairs {
        fn code(&self) -> &'static str {
            "test.pairs"
        }
        fn status(&self) -> StatusCode {
            StatusCode::BAD_REQUEST
        }
        fn args(&self) -> Args<'_> {
            self.0.iter().copied().collect()
        }
    }

    fn sub(pairs: &[(&'static str, u32)]) -> SubError {
        SubError::new(Pairs(pairs.to_vec())).at_pointer("/a")
    }

    #[test]
    fn sub_errors_compare_args_in_any_order() {
        assert_eq!(sub(&[("a", 1), ("b", 2)]), sub(&[("b", 2), ("a", 1)]));
        assert_ne!(sub(&[("a", 1), ("b", 2)]), sub(&[("a", 2), ("b", 1)]));
        assert_ne!(sub(&[("a", 1)]), sub(&[("a", 1), ("b", 2)]));
        assert_ne!(sub(&[("a", 1)]), sub(&[("a", 1)]).at_pointer("/b"));
    }
}
