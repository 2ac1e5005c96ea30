//! What a client parses an arg as: its JSON shape, read from the Rust type
//! the field is written with, and whether a change of type breaks a
//! client that parses the old one.

use std::fmt;

/// The JSON shape of an arg's values (its `Option` aside: optionality is
/// the arg's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    /// `true` or `false`.
    Bool,
    /// An integer in `min..=max`.
    Integer {
        /// The least value.
        min: i128,
        /// The greatest value.
        max: u128,
    },
    /// Any JSON number.
    Number,
    /// A string.
    String,
    /// An array of values of one shape.
    List(Box<Wire>),
    /// An object of values of one shape.
    Map(Box<Wire>),
    /// A type terror cannot see into (serialized as its `Serialize` impl
    /// says), by the name it is written with.
    Other(String),
}

impl Wire {
    /// The shape of values of the Rust type written as `rust_type` (such
    /// as `u32`, `Vec<String>` or `&'static str`), and whether it is an
    /// `Option`.
    ///
    /// ```
    /// use terror_contract::Wire;
    ///
    /// assert_eq!(Wire::of_rust_type("Option<u8>"), (Wire::Integer { min: 0, max: 255 }, true));
    /// assert_eq!(Wire::of_rust_type("Vec<&'static str>"), (Wire::List(Box::new(Wire::String)), false));
    /// assert_eq!(Wire::of_rust_type("Uuid"), (Wire::Other("Uuid".into()), false));
    /// ```
    pub fn of_rust_type(rust_type: &str) -> (Wire, bool) {
        let ty = normalize(rust_type);
        match generic(&ty, &["Option"]) {
            Some(inner) => (Wire::of(inner, 0), true),
            None => (Wire::of(&ty, 0), false),
        }
    }

    fn of(ty: &str, depth: usize) -> Wire {
        // Types nest a few levels at most; a deeper one is not worth
        // reading into (and cannot make the reader recurse without bound).
        if depth > 8 {
            return Wire::Other(ty.to_owned());
        }
        let ty = ty.trim();
        let ty = ty.strip_prefix('&').map_or(ty, strip_lifetime);
        if let Some(range) = integer_range(ty) {
            return range;
        }
        match last_segment(ty) {
            "bool" => return Wire::Bool,
            "f32" | "f64" => return Wire::Number,
            "String" | "str" | "char" => return Wire::String,
            _ => {}
        }
        if let Some(inner) = generic(ty, &["Box", "Arc", "Rc", "Cow"]) {
            // `Cow<'a, str>`: the lifetime is not the type.
            let inner = inner.rsplit(',').next().unwrap_or(inner);
            return Wire::of(inner, depth + 1);
        }
        if let Some(inner) = generic(ty, &["Vec", "VecDeque", "HashSet", "BTreeSet", "IndexSet"]) {
            return Wire::List(Box::new(Wire::of(inner, depth + 1)));
        }
        if let Some(inner) = generic(ty, &["HashMap", "BTreeMap", "IndexMap"]) {
            let value = inner.split_once(',').map_or(inner, |(_, v)| v);
            return Wire::Map(Box::new(Wire::of(value, depth + 1)));
        }
        if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let item = inner.split_once(';').map_or(inner, |(item, _)| item);
            return Wire::List(Box::new(Wire::of(item, depth + 1)));
        }
        Wire::Other(ty.to_owned())
    }

    /// Whether every value of `self` is one a client parsing `old` reads:
    /// the same shape, an integer range inside the old one, an integer
    /// where any number was, and lists and maps of such values.
    pub fn fits_in(&self, old: &Wire) -> bool {
        match (old, self) {
            (
                Wire::Integer { min, max },
                Wire::Integer {
                    min: new_min,
                    max: new_max,
                },
            ) => new_min >= min && new_max <= max,
            (Wire::Number, Wire::Integer { .. }) => true,
            (Wire::List(old), Wire::List(new)) | (Wire::Map(old), Wire::Map(new)) => {
                new.fits_in(old)
            }
            (old, new) => old == new,
        }
    }
}

impl fmt::Display for Wire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wire::Bool => f.write_str("boolean"),
            Wire::Integer { min, max } => write!(f, "integer {min}..={max}"),
            Wire::Number => f.write_str("number"),
            Wire::String => f.write_str("string"),
            Wire::List(item) => write!(f, "list of {item}"),
            Wire::Map(value) => write!(f, "map of {value}"),
            Wire::Other(name) => write!(f, "`{name}`"),
        }
    }
}

/// The type without spaces between tokens, as `stringify!` may put them.
fn normalize(ty: &str) -> String {
    let mut out = String::with_capacity(ty.len());
    let mut last = ' ';
    for c in ty.chars() {
        if c.is_whitespace() {
            last = ' ';
            continue;
        }
        // Keep one space only where two words would otherwise join
        // (`dyn Trait`, `&'a str`).
        if last == ' ' && !out.is_empty() && (c.is_alphanumeric() || c == '_') {
            let prev = out.chars().last().unwrap_or(' ');
            if prev.is_alphanumeric() || prev == '_' {
                out.push(' ');
            }
        }
        out.push(c);
        last = c;
    }
    out
}

/// `'a str` -> `str`: a reference's lifetime, if it has one.
fn strip_lifetime(ty: &str) -> &str {
    let ty = ty.trim_start();
    match ty.strip_prefix('\'') {
        Some(rest) => rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or("", |end| rest[end..].trim_start()),
        None => ty,
    }
}

/// `std::string::String` -> `String`.
fn last_segment(ty: &str) -> &str {
    ty.rsplit("::").next().unwrap_or(ty)
}

/// The argument of `Name<...>` when `ty`'s last path segment is one of
/// `names`.
fn generic<'a>(ty: &'a str, names: &[&str]) -> Option<&'a str> {
    let open = ty.find('<')?;
    let inner = ty[open + 1..].strip_suffix('>')?;
    names.contains(&last_segment(&ty[..open])).then_some(inner)
}

/// The range of a primitive integer type, or of a `NonZero` one.
fn integer_range(ty: &str) -> Option<Wire> {
    let name = last_segment(ty);
    let (name, non_zero) = match name.strip_prefix("NonZero") {
        Some(rest) if rest.starts_with(['U', 'I']) => (rest, true),
        _ => (name, false),
    };
    let (min, max): (i128, u128) = match name.to_ascii_lowercase().as_str() {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" | "usize" => (0, u64::MAX.into()),
        "u128" => (0, u128::MAX),
        "i8" => (i8::MIN.into(), 127),
        "i16" => (i16::MIN.into(), 32_767),
        "i32" => (i32::MIN.into(), 2_147_483_647),
        "i64" | "isize" => (i64::MIN.into(), 9_223_372_036_854_775_807),
        "i128" => (
            i128::MIN,
            170_141_183_460_469_231_731_687_303_715_884_105_727,
        ),
        _ => return None,
    };
    // A non-zero unsigned type starts at 1; a signed one still holds
    // negatives, so only its zero goes, which a range cannot say.
    let min = if non_zero && min == 0 { 1 } else { min };
    Some(Wire::Integer { min, max })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(ty: &str) -> Wire {
        Wire::of_rust_type(ty).0
    }

    #[test]
    fn rust_types_have_their_json_shapes() {
        assert_eq!(
            wire("u32"),
            Wire::Integer {
                min: 0,
                max: 4_294_967_295
            }
        );
        assert_eq!(
            wire("NonZeroU16"),
            Wire::Integer {
                min: 1,
                max: 65_535
            }
        );
        assert_eq!(
            wire("i8"),
            Wire::Integer {
                min: -128,
                max: 127
            }
        );
        assert_eq!(wire("f64"), Wire::Number);
        for s in [
            "String",
            "&str",
            "&'static str",
            "std::string::String",
            "Cow<'static, str>",
            "Box<str>",
            "Arc<str>",
            "char",
        ] {
            assert_eq!(wire(s), Wire::String, "{s}");
        }
        assert_eq!(
            wire("Vec<u8>"),
            Wire::List(Box::new(Wire::Integer { min: 0, max: 255 }))
        );
        assert_eq!(wire("[String; 3]"), Wire::List(Box::new(Wire::String)));
        assert_eq!(
            wire("&'static [&'static str]"),
            Wire::List(Box::new(Wire::String))
        );
        assert_eq!(
            wire("BTreeMap<String, bool>"),
            Wire::Map(Box::new(Wire::Bool))
        );
        assert_eq!(
            wire("std::path::PathBuf"),
            Wire::Other("std::path::PathBuf".into())
        );
        assert_eq!(
            Wire::of_rust_type("Option < Vec < String > >"),
            (Wire::List(Box::new(Wire::String)), true)
        );
    }

    #[test]
    fn a_new_type_fits_when_old_clients_read_every_value() {
        let u32_ = wire("u32");
        let u64_ = wire("u64");
        assert!(u32_.fits_in(&u64_), "narrower");
        assert!(!u64_.fits_in(&u32_), "wider");
        assert!(!wire("i32").fits_in(&u32_), "negatives");
        assert!(u32_.fits_in(&wire("f64")));
        assert!(!wire("f64").fits_in(&u32_));
        assert!(!wire("String").fits_in(&u32_));
        assert!(!wire("String").fits_in(&wire("Vec<String>")));
        assert!(wire("Vec<u8>").fits_in(&wire("Vec<u16>")));
        assert!(!wire("Uuid").fits_in(&wire("Ulid")));
        assert!(wire("&str").fits_in(&wire("String")));
    }

    #[test]
    fn deep_or_strange_types_do_not_trouble_the_reader() {
        let deep = format!("{}u8{}", "Vec<".repeat(10_000), ">".repeat(10_000));
        assert!(matches!(wire(&deep), Wire::List(_)));
        for odd in [
            "", "<", ">", "&", "&'", "Vec<", "[;]", "Option<>", "NonZero", "&&&str",
        ] {
            let _ = Wire::of_rust_type(odd);
        }
    }
}
