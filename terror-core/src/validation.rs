//! Collecting field violations into one error: many broken fields, one 422.
//!
//! ```
//! use terror_core::{SubError, Terror, Violations};
//!
//! #[derive(Debug, thiserror::Error, Terror)]
//! #[terror(prefix = "field", status = 422)]
//! enum FieldError {
//!     #[error("required")]
//!     Required,
//!     #[error("too long")]
//!     TooLong { max: u32 },
//! }
//!
//! #[derive(Debug, thiserror::Error, Terror)]
//! #[terror(code = "volume.invalid", status = 422)]
//! #[error("invalid volume")]
//! struct Invalid {
//!     #[terror(errors)]
//!     errors: Vec<SubError>,
//! }
//!
//! fn validate(name: Option<&str>, pool: Option<&str>) -> Result<(), Invalid> {
//!     let mut violations = Violations::new();
//!     match name {
//!         None => violations.field("name", FieldError::Required),
//!         Some(name) if name.len() > 63 => violations.field("name", FieldError::TooLong { max: 63 }),
//!         Some(_) => &mut violations,
//!     };
//!     if pool.is_none() {
//!         violations.field("pool", FieldError::Required);
//!     }
//!     violations.finish(|errors| Invalid { errors })
//! }
//!
//! let error = validate(None, None).unwrap_err();
//! let pointers: Vec<_> = error.sub_errors().iter().map(|e| format!("{:?}", e.location().unwrap())).collect();
//! assert_eq!(pointers, [r#"Pointer("/name")"#, r#"Pointer("/pool")"#]);
//! assert!(validate(Some("db"), Some("fast")).is_ok());
//! ```

use crate::terror::{json_pointer, SubError, Terror};

/// Field violations, each a terror error with a JSON pointer, collected
/// until the request has been checked whole.
#[derive(Debug, Default)]
pub struct Violations {
    errors: Vec<SubError>,
}

impl Violations {
    /// No violations yet.
    pub fn new() -> Self {
        Violations::default()
    }

    /// Records a violation at an RFC 6901 JSON Pointer, such as `/name` or
    /// `/volumes/0/size_gb`.
    pub fn at(
        &mut self,
        pointer: impl Into<String>,
        error: impl Terror + Send + Sync + 'static,
    ) -> &mut Self {
        self.errors.push(SubError::new(error).at_pointer(pointer));
        self
    }

    /// Records a violation of a top-level field (the pointer is built and
    /// escaped from the name).
    pub fn field(&mut self, name: &str, error: impl Terror + Send + Sync + 'static) -> &mut Self {
        self.at(json_pointer([name]), error)
    }

    /// Records a violation of a path parameter or query parameter.
    pub fn parameter(
        &mut self,
        name: impl Into<String>,
        error: impl Terror + Send + Sync + 'static,
    ) -> &mut Self {
        self.errors.push(SubError::new(error).at_parameter(name));
        self
    }

    /// Records a violation that `ok` is false, building the error only then.
    pub fn check<E: Terror + Send + Sync + 'static>(
        &mut self,
        ok: bool,
        pointer: impl Into<String>,
        error: impl FnOnce() -> E,
    ) -> &mut Self {
        if !ok {
            self.at(pointer, error());
        }
        self
    }

    /// Adds the violations of a nested value, with their pointers placed
    /// under `prefix` (such as `/volumes/0`).
    pub fn nest(&mut self, prefix: &str, nested: Violations) -> &mut Self {
        for error in nested.errors {
            self.errors.push(prefixed(prefix, error));
        }
        self
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many violations were recorded.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The violations as sub-errors.
    pub fn into_errors(self) -> Vec<SubError> {
        self.errors
    }

    /// `Ok` when nothing was recorded, else the error `wrap` builds from the
    /// sub-errors (such as `VolumeError::Invalid { errors }`).
    pub fn finish<E>(self, wrap: impl FnOnce(Vec<SubError>) -> E) -> Result<(), E> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(wrap(self.errors))
        }
    }
}

fn prefixed(prefix: &str, error: SubError) -> SubError {
    use crate::terror::Location;
    match error.location().cloned() {
        Some(Location::Pointer(pointer)) => error.at_pointer(format!("{prefix}{pointer}")),
        Some(_) => error,
        None => error.at_pointer(prefix),
    }
}

#[cfg(feature = "validator")]
pub use with_validator::ValidatorError;

#[cfg(feature = "validator")]
mod with_validator {
    //! `validator::ValidationErrors` as terror sub-errors.

    #[cfg(feature = "client")]
    mod decode;
    mod documented;

    use std::borrow::Cow;
    use std::fmt;

    use http::StatusCode;

    use super::Violations;
    use crate::args::{ArgValue, Args};
    use crate::terror::{json_pointer, Terror};

    /// One `validator` rule a field broke, as a terror error: code
    /// `validation.<rule>` (`validation.length`, `validation.email`, …),
    /// status 422, and the rule's params as args. Messages for validator's
    /// built-in rules ship with terror in en-US, ru and de; a custom rule
    /// `my_rule` needs a `validation-my-rule` message of the application's
    /// (the message id is the code with dashes, as for every code).
    ///
    /// For `length` and `range` an extra arg `bound` says which params are
    /// set: `min`, `max`, `between`, `equal` (length), `above`, `below` and
    /// `exclusive_between` (range with exclusive bounds), so one message can
    /// select the right sentence.
    ///
    /// The rejected value, which validator keeps as the param `value`, is
    /// left out: a field that is too short may be a password. So is the
    /// param `other` of `must_match`, the value of the field it must equal
    /// (a password, for a confirmation field), whatever is asked. A service can
    /// show it for fields it names, with [`ValidatorError::with_value`] or
    /// [`Violations::from_validator_echoing`](super::Violations::from_validator_echoing).
    #[derive(Debug, Clone)]
    pub struct ValidatorError {
        code: String,
        message_id: String,
        args: Args<'static>,
    }

    /// The param validator uses for the rejected value.
    const VALUE: &str = "value";

    /// The param `must_match` puts the *other* field's value in (not its
    /// name): a password, when the rule checks its confirmation.
    const OTHER: &str = "other";

    impl ValidatorError {
        /// Converts one of validator's errors, leaving out the rejected
        /// value.
        pub fn new(error: &validator::ValidationError) -> Self {
            Self::convert(error, false)
        }

        /// Converts one of validator's errors, keeping the rejected value
        /// as the arg `value`: only for a field whose value may be shown
        /// back to the client (never a password, a token or personal data).
        pub fn with_value(error: &validator::ValidationError) -> Self {
            Self::convert(error, true)
        }

        fn convert(error: &validator::ValidationError, with_value: bool) -> Self {
            let rule = error.code.as_ref();
            let mut params: Vec<(&str, &serde_json::Value)> = error
                .params
                .iter()
                .map(|(k, v)| (k.as_ref(), v))
                .filter(|(k, _)| with_value || *k != VALUE)
                .filter(|(k, _)| !(rule == "must_match" && *k == OTHER))
                .collect();
            // validator keeps params in a HashMap: sort for a stable order.
            crate::order::sort_by_key(&mut params, |(k, _)| [k.as_bytes(), b"", b""]);
            let mut args = Args::with_capacity(params.len() + 1);
            for (name, value) in &params {
                args.push(name.to_string(), ArgValue::from((*value).clone()));
            }
            let has = |name: &str| error.params.contains_key(name);
            if rule == "length" || rule == "range" {
                let bound = match (
                    has("min"),
                    has("max"),
                    has("exclusive_min"),
                    has("exclusive_max"),
                ) {
                    _ if has("equal") => "equal",
                    (_, _, true, true) => "exclusive_between",
                    (true, true, _, _) | (true, _, _, true) | (_, true, true, _) => "between",
                    (true, _, _, _) => "min",
                    (_, true, _, _) => "max",
                    (_, _, true, _) => "above",
                    _ => "below",
                };
                args.push("bound", bound);
            }
            let code = format!("validation.{rule}");
            ValidatorError {
                message_id: terror_ftl::ids::message_id(&code),
                code,
                args,
            }
        }
    }

    impl fmt::Display for ValidatorError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{} failed", self.code)
        }
    }

    impl std::error::Error for ValidatorError {}

    // Not suggested in "type X implements Terror" notes: those should name
    // the user's own types, whichever features are on.
    #[diagnostic::do_not_recommend]
    impl Terror for ValidatorError {
        fn code(&self) -> &str {
            &self.code
        }
        fn status(&self) -> StatusCode {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        fn message_id(&self) -> Cow<'_, str> {
            Cow::Borrowed(&self.message_id)
        }
        fn args(&self) -> Args<'_> {
            self.args.clone()
        }
    }

    impl From<&validator::ValidationErrors> for Violations {
        /// Every broken rule of every field, nested structs and lists
        /// included, with JSON pointers (`/volumes/0/name`), in field order.
        /// No rejected value is shown (see [`ValidatorError`]).
        fn from(errors: &validator::ValidationErrors) -> Self {
            Violations::from_validator_echoing(errors, &[])
        }
    }

    impl Violations {
        /// As `Violations::from(&errors)`, but the violations of the fields
        /// at `echo` (JSON pointers such as `/owner` or `/volumes/0/name`)
        /// keep the rejected value in their args as `value`. List only
        /// fields whose values may be shown back to the client: never a
        /// password, a token or personal data.
        ///
        /// ```
        /// use validator::Validate;
        ///
        /// #[derive(Validate)]
        /// struct Signup {
        ///     #[validate(length(min = 3))]
        ///     login: String,
        ///     #[validate(length(min = 12))]
        ///     password: String,
        /// }
        ///
        /// let signup = Signup { login: "al".into(), password: "hunter2".into() };
        /// let errors = signup.validate().unwrap_err();
        /// let violations = terror_core::Violations::from_validator_echoing(&errors, &["/login"]);
        /// let values: Vec<_> = violations
        ///     .into_errors()
        ///     .iter()
        ///     .map(|sub| sub.error().args().get("value").map(ToString::to_string))
        ///     .collect();
        /// assert_eq!(values, [Some("al".to_owned()), None]);
        /// ```
        pub fn from_validator_echoing(errors: &validator::ValidationErrors, echo: &[&str]) -> Self {
            let mut violations = Violations::new();
            collect(errors, "", echo, &mut violations);
            violations
        }
    }

    impl From<validator::ValidationErrors> for Violations {
        fn from(errors: validator::ValidationErrors) -> Self {
            Violations::from(&errors)
        }
    }

    fn collect(
        errors: &validator::ValidationErrors,
        prefix: &str,
        echo: &[&str],
        out: &mut Violations,
    ) {
        use validator::ValidationErrorsKind;
        let mut fields: Vec<_> = errors.errors().iter().collect();
        crate::order::sort_by_key(&mut fields, |(name, _)| [name.as_bytes(), b"", b""]);
        for (name, kind) in fields {
            // `__all__` holds struct-level rules: they point at the struct.
            let pointer = if name == "__all__" {
                prefix.to_owned()
            } else {
                format!("{prefix}{}", json_pointer([name.as_ref()]))
            };
            match kind {
                ValidationErrorsKind::Field(list) => {
                    let with_value = echo.contains(&pointer.as_str());
                    for error in list {
                        out.at(pointer.clone(), ValidatorError::convert(error, with_value));
                    }
                }
                ValidationErrorsKind::Struct(nested) => collect(nested, &pointer, echo, out),
                ValidationErrorsKind::List(items) => {
                    for (index, nested) in items {
                        collect(nested, &format!("{pointer}/{index}"), echo, out);
                    }
                }
            }
        }
    }
}
