//! Typed message arguments: the values an error shows, kept as the types they are.
//!
//! An [`Args`] list is what a `Terror` error hands to its
//! Fluent message and to the `args` member of the problem document. Values keep
//! their types: integers stay exact at every width (an `u64` above 2^53 is
//! still exact in JSON and in the rendered text), numbers reach Fluent as
//! numbers so plural selectors work, and `None` is `null`.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// One typed argument value.
///
/// Built from a field with [`ToArg`] (strings, integers, floats, booleans,
/// options) or from any other [`Serialize`] value through [`ArgValue::json`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ArgValue<'a> {
    /// Text, borrowed from the error where possible.
    Str(Cow<'a, str>),
    /// Any integer, exact: every Rust integer type up to 128 bits fits.
    Int(i128),
    /// A floating-point number.
    Float(f64),
    /// A boolean; Fluent selectors see it as `true` or `false`.
    Bool(bool),
    /// An absent value (`None`): `null` in JSON, empty in messages, and a
    /// selector on it takes the default variant.
    Null,
    /// Any other serializable value, as JSON. In messages a list of
    /// strings, numbers and booleans shows as its items separated by commas
    /// (`fast, slow`); any other value as its compact JSON text.
    Json(serde_json::Value),
}

impl ArgValue<'_> {
    /// Converts any serializable value into an argument.
    ///
    /// Strings, numbers, booleans and `null` become the matching typed
    /// variant, everything else [`ArgValue::Json`]. A value that cannot be
    /// serialized (a map with non-string keys, a failing `Serialize` impl)
    /// becomes [`ArgValue::Null`] and is reported through `tracing`.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> ArgValue<'static> {
        match serde_json::to_value(value) {
            Ok(value) => ArgValue::from_json(value),
            Err(error) => {
                tracing::warn!(%error, "terror: an error argument could not be serialized");
                ArgValue::Null
            }
        }
    }

    fn from_json(value: serde_json::Value) -> ArgValue<'static> {
        use serde_json::Value;
        match value {
            Value::Null => ArgValue::Null,
            Value::Bool(b) => ArgValue::Bool(b),
            Value::String(s) => ArgValue::Str(Cow::Owned(s)),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    ArgValue::Int(i128::from(i))
                } else if let Some(u) = n.as_u64() {
                    ArgValue::Int(i128::from(u))
                } else {
                    ArgValue::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            other => ArgValue::Json(other),
        }
    }

    /// Copies borrowed text so the value no longer borrows from the error.
    pub fn into_owned(self) -> ArgValue<'static> {
        match self {
            ArgValue::Str(s) => ArgValue::Str(Cow::Owned(s.into_owned())),
            ArgValue::Int(i) => ArgValue::Int(i),
            ArgValue::Float(f) => ArgValue::Float(f),
            ArgValue::Bool(b) => ArgValue::Bool(b),
            ArgValue::Null => ArgValue::Null,
            ArgValue::Json(v) => ArgValue::Json(v),
        }
    }

    /// Writes the value as text the way a message shows it.
    ///
    /// Integers print every digit; floats print as Fluent prints numbers
    /// (`100`, `1.5`); `null` prints nothing; a list of plain values prints
    /// its items separated by commas.
    pub fn write_text<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        match self {
            ArgValue::Str(s) => w.write_str(s),
            ArgValue::Int(i) => w.write_str(int_text(*i, &mut itoa::Buffer::new())),
            ArgValue::Float(f) => write!(w, "{f}"),
            ArgValue::Bool(true) => w.write_str("true"),
            ArgValue::Bool(false) => w.write_str("false"),
            ArgValue::Null => Ok(()),
            ArgValue::Json(serde_json::Value::Array(items))
                if items.iter().all(|item| {
                    matches!(
                        item,
                        serde_json::Value::String(_)
                            | serde_json::Value::Number(_)
                            | serde_json::Value::Bool(_)
                    )
                }) =>
            {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        w.write_str(", ")?;
                    }
                    match item {
                        serde_json::Value::String(s) => w.write_str(s)?,
                        other => write!(w, "{other}")?,
                    }
                }
                Ok(())
            }
            ArgValue::Json(v) => write!(w, "{v}"),
        }
    }

    /// The value as text the way a message shows it.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            ArgValue::Str(s) => Cow::Borrowed(s),
            other => {
                let mut out = String::new();
                // Writing into a String cannot fail.
                let _ = other.write_text(&mut out);
                Cow::Owned(out)
            }
        }
    }
}

/// The decimal digits of an integer arg. Nearly every integer fits in 64
/// bits, whose digits itoa writes at a fraction of the cost of 128-bit
/// division.
pub(crate) fn int_text(i: i128, buffer: &mut itoa::Buffer) -> &str {
    match i64::try_from(i) {
        Ok(small) => buffer.format(small),
        Err(_) => buffer.format(i),
    }
}

impl Serialize for ArgValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ArgValue::Str(s) => serializer.serialize_str(s),
            ArgValue::Int(i) => {
                // Keep the common widths on the fast, widely supported paths.
                if let Ok(i) = i64::try_from(*i) {
                    serializer.serialize_i64(i)
                } else if let Ok(u) = u64::try_from(*i) {
                    serializer.serialize_u64(u)
                } else {
                    serializer.serialize_i128(*i)
                }
            }
            // JSON has no NaN or infinity: those become null, as serde_json does.
            ArgValue::Float(f) => serializer.serialize_f64(*f),
            ArgValue::Bool(b) => serializer.serialize_bool(*b),
            ArgValue::Null => serializer.serialize_unit(),
            ArgValue::Json(v) => v.serialize(serializer),
        }
    }
}

impl fmt::Display for ArgValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_text(f)
    }
}

/// The named arguments of one error, in declaration order.
///
/// Serializes as a JSON object. Names are unique: [`Args::push`] replaces an
/// existing value of the same name in place.
///
/// ```
/// use terror_core::{ArgValue, Args};
///
/// let args = Args::new().with("name", "db-02").with("size_gb", 100_u64);
/// assert_eq!(args.get("size_gb"), Some(&ArgValue::Int(100)));
/// assert_eq!(
///     serde_json::to_string(&args).unwrap(),
///     r#"{"name":"db-02","size_gb":100}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args<'a> {
    entries: Vec<(Cow<'static, str>, ArgValue<'a>)>,
}

impl<'a> Args<'a> {
    /// An empty list.
    pub const fn new() -> Self {
        Args {
            entries: Vec::new(),
        }
    }

    /// An empty list with room for `capacity` arguments.
    pub fn with_capacity(capacity: usize) -> Self {
        Args {
            entries: Vec::with_capacity(capacity),
        }
    }

    /// The list of `entries`, whose names the caller knows to be distinct
    /// (a derived variant's fields).
    pub(crate) fn from_distinct(entries: Vec<(Cow<'static, str>, ArgValue<'a>)>) -> Self {
        Args { entries }
    }

    /// Adds an argument, replacing the value of an existing one with the same
    /// name (keeping its position).
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: impl Into<ArgValue<'a>>) {
        self.insert(name.into(), value.into());
    }

    // Apart from `push`, so that each caller's instance of it is two
    // conversions and a call, not a copy of the search.
    fn insert(&mut self, name: Cow<'static, str>, value: ArgValue<'a>) {
        if let Some(slot) = self.entries.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            self.entries.push((name, value));
        }
    }

    /// Adds an argument, builder style.
    #[must_use]
    pub fn with(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<ArgValue<'a>>,
    ) -> Self {
        self.push(name, value);
        self
    }

    /// The value of the argument `name`.
    pub fn get(&self, name: &str) -> Option<&ArgValue<'a>> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The arguments in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &ArgValue<'a>)> {
        self.entries.iter().map(|(n, v)| (n.as_ref(), v))
    }

    /// How many arguments there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Copies borrowed text so the list no longer borrows from the error.
    pub fn into_owned(self) -> Args<'static> {
        Args {
            entries: self
                .entries
                .into_iter()
                .map(|(n, v)| (n, v.into_owned()))
                .collect(),
        }
    }
}

impl Serialize for Args<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (name, value) in &self.entries {
            map.serialize_entry(name.as_ref(), value)?;
        }
        map.end()
    }
}

impl<'a, N: Into<Cow<'static, str>>, V: Into<ArgValue<'a>>> FromIterator<(N, V)> for Args<'a> {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        let mut args = Args::new();
        for (name, value) in iter {
            args.push(name, value);
        }
        args
    }
}

/// Types that turn into an [`ArgValue`] without going through serde.
///
/// Implemented for strings, every integer and float type, `bool`, `char`,
/// `Option<T>` (`None` is [`ArgValue::Null`]) and references and smart
/// pointers to those. The derive uses this trait where it applies and falls
/// back to [`Serialize`] for every other field type.
pub trait ToArg {
    /// The argument value of `self`, borrowing text where possible.
    fn to_arg(&self) -> ArgValue<'_>;
}

impl ToArg for str {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Str(Cow::Borrowed(self))
    }
}

impl ToArg for String {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Str(Cow::Borrowed(self))
    }
}

impl ToArg for Cow<'_, str> {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Str(Cow::Borrowed(self))
    }
}

impl ToArg for char {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Str(Cow::Owned(self.to_string()))
    }
}

impl ToArg for bool {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Bool(*self)
    }
}

macro_rules! int_args {
    ($($ty:ty)*) => {$(
        impl ToArg for $ty {
            fn to_arg(&self) -> ArgValue<'_> {
                ArgValue::Int(i128::from(*self))
            }
        }
        impl From<$ty> for ArgValue<'_> {
            fn from(value: $ty) -> Self {
                ArgValue::Int(i128::from(value))
            }
        }
    )*};
}
int_args!(u8 u16 u32 u64 i8 i16 i32 i64 i128);

macro_rules! wide_int_args {
    ($($ty:ty)*) => {$(
        impl ToArg for $ty {
            fn to_arg(&self) -> ArgValue<'_> {
                ArgValue::from(*self)
            }
        }
        impl From<$ty> for ArgValue<'_> {
            fn from(value: $ty) -> Self {
                // usize and isize are at most 64 bits and u128 above i128::MAX
                // is the only value that does not fit: it keeps its digits as text.
                match i128::try_from(value) {
                    Ok(i) => ArgValue::Int(i),
                    Err(_) => ArgValue::Str(Cow::Owned(value.to_string())),
                }
            }
        }
    )*};
}
wide_int_args!(usize isize u128);

impl ToArg for f64 {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Float(*self)
    }
}

impl ToArg for f32 {
    fn to_arg(&self) -> ArgValue<'_> {
        ArgValue::Float(f64::from(*self))
    }
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> ArgValue<'_> {
        (**self).to_arg()
    }
}

impl<T: ToArg + ?Sized> ToArg for Box<T> {
    fn to_arg(&self) -> ArgValue<'_> {
        (**self).to_arg()
    }
}

impl<T: ToArg + ?Sized> ToArg for std::sync::Arc<T> {
    fn to_arg(&self) -> ArgValue<'_> {
        (**self).to_arg()
    }
}

impl<T: ToArg> ToArg for Option<T> {
    fn to_arg(&self) -> ArgValue<'_> {
        match self {
            Some(value) => value.to_arg(),
            None => ArgValue::Null,
        }
    }
}

impl From<f64> for ArgValue<'_> {
    fn from(value: f64) -> Self {
        ArgValue::Float(value)
    }
}

impl From<f32> for ArgValue<'_> {
    fn from(value: f32) -> Self {
        ArgValue::Float(f64::from(value))
    }
}

impl From<bool> for ArgValue<'_> {
    fn from(value: bool) -> Self {
        ArgValue::Bool(value)
    }
}

impl<'a> From<&'a str> for ArgValue<'a> {
    fn from(value: &'a str) -> Self {
        ArgValue::Str(Cow::Borrowed(value))
    }
}

impl From<String> for ArgValue<'_> {
    fn from(value: String) -> Self {
        ArgValue::Str(Cow::Owned(value))
    }
}

impl<'a> From<Cow<'a, str>> for ArgValue<'a> {
    fn from(value: Cow<'a, str>) -> Self {
        ArgValue::Str(value)
    }
}

impl<'a, T: Into<ArgValue<'a>>> From<Option<T>> for ArgValue<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(ArgValue::Null, Into::into)
    }
}

impl From<serde_json::Value> for ArgValue<'_> {
    fn from(value: serde_json::Value) -> Self {
        ArgValue::from_json(value)
    }
}

/// Picks [`ToArg`] when a field type has it and [`Serialize`] otherwise.
///
/// Used by the derive through method resolution on `&ArgProbe(&field)`: the
/// `ToArg` method is found first, by value; the `Serialize` one needs one more
/// auto-reference and is only reached when the first does not apply.
#[doc(hidden)]
pub struct ArgProbe<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait ViaToArg<'a> {
    fn __terror_arg(&self) -> ArgValue<'a>;
}

impl<'a, T: ToArg + ?Sized> ViaToArg<'a> for ArgProbe<'a, T> {
    fn __terror_arg(&self) -> ArgValue<'a> {
        self.0.to_arg()
    }
}

#[doc(hidden)]
pub trait ViaSerialize<'a> {
    fn __terror_arg(&self) -> ArgValue<'a>;
}

impl<'a, T: Serialize + ?Sized> ViaSerialize<'a> for &ArgProbe<'a, T> {
    fn __terror_arg(&self) -> ArgValue<'a> {
        ArgValue::json(self.0)
    }
}

/// Text for a value that is shown inside a message, escaped nowhere: used by
/// the renderer to print an argument into a `String`.
pub(crate) fn push_text(out: &mut String, value: &ArgValue<'_>) {
    match value {
        ArgValue::Str(s) => out.push_str(s),
        // Writing into a String cannot fail.
        other => {
            let _ = other.write_text(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_stay_exact_in_json_and_text() {
        let args = Args::new()
            .with("big", u64::MAX)
            .with("neg", i64::MIN)
            .with("past_f64", (1_u64 << 53) + 1);
        assert_eq!(
            serde_json::to_string(&args).unwrap(),
            r#"{"big":18446744073709551615,"neg":-9223372036854775808,"past_f64":9007199254740993}"#
        );
        assert_eq!(args.get("big").unwrap().to_text(), "18446744073709551615");
        assert_eq!(args.get("past_f64").unwrap().to_text(), "9007199254740993");
    }

    #[test]
    fn u128_beyond_i128_keeps_its_digits() {
        assert_eq!(
            ArgValue::from(u128::MAX),
            ArgValue::Str(Cow::Owned(u128::MAX.to_string()))
        );
        assert_eq!(ArgValue::from(5_u128), ArgValue::Int(5));
    }

    #[test]
    fn options_and_floats() {
        let none: Option<u32> = None;
        let args = Args::new()
            .with("none", none)
            .with("some", Some(3_u32))
            .with("ratio", 1.5)
            .with("whole", 100.0)
            .with("nan", f64::NAN);
        assert_eq!(
            serde_json::to_string(&args).unwrap(),
            r#"{"none":null,"some":3,"ratio":1.5,"whole":100.0,"nan":null}"#
        );
        assert_eq!(args.get("whole").unwrap().to_text(), "100");
        assert_eq!(args.get("none").unwrap().to_text(), "");
    }

    #[test]
    fn lists_of_plain_values_show_as_lists() {
        let text = |v: serde_json::Value| ArgValue::from(v).to_text().into_owned();
        assert_eq!(text(serde_json::json!(["fast", "slow"])), "fast, slow");
        assert_eq!(text(serde_json::json!([1, 2.5, true])), "1, 2.5, true");
        assert_eq!(text(serde_json::json!([])), "");
        assert_eq!(text(serde_json::json!([["a"], "b"])), r#"[["a"],"b"]"#);
        assert_eq!(text(serde_json::json!({"max": 7})), r#"{"max":7}"#);
    }

    #[test]
    fn push_replaces_in_place() {
        let args = Args::new().with("a", 1_u8).with("b", 2_u8).with("a", 3_u8);
        let names: Vec<_> = args.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(args.get("a"), Some(&ArgValue::Int(3)));
    }

    #[test]
    // The derive writes `(&ArgProbe(&field))` for every field: the extra
    // reference is what lets method lookup fall back to `Serialize`.
    #[allow(clippy::needless_borrow)]
    fn probe_prefers_to_arg_then_serialize() {
        #[derive(serde::Serialize)]
        struct Limits {
            max: u32,
        }
        let name = String::from("db");
        let limits = Limits { max: 7 };
        let hosts = vec!["a", "b"];
        assert_eq!(
            (&ArgProbe(&name)).__terror_arg(),
            ArgValue::Str("db".into())
        );
        assert_eq!(
            (&ArgProbe(&limits)).__terror_arg(),
            ArgValue::Json(serde_json::json!({"max": 7}))
        );
        assert_eq!(
            (&ArgProbe(&hosts)).__terror_arg(),
            ArgValue::Json(serde_json::json!(["a", "b"]))
        );
        assert_eq!((&ArgProbe(&Some(2_i8))).__terror_arg(), ArgValue::Int(2));
    }
}
