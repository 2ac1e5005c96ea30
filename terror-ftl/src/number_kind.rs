//! What kind of number an arg is, by its Rust type as written: the
//! plural categories a selector on it needs follow from it (in the
//! `plural` module, feature `plurals`), and so does the type a message's
//! comment gives the variable.

/// What kind of number an arg is, which decides the plural categories a
/// selector on it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// An integer type: integers' categories.
    Integer,
    /// A float type: the categories of fractions too.
    Decimal,
    /// Not a number: selectors on it need no plural category.
    NotANumber,
}

impl NumberKind {
    /// The kind of a Rust type as written (`u32`, `Option<f64>`,
    /// `&'static std::num::NonZeroU8` is not a number: only primitive
    /// integers and floats, through `&`, `Option`, `Box` and `Arc`).
    pub fn of_rust_type(rust_type: &str) -> Self {
        let mut ty = rust_type.trim();
        loop {
            let stripped = ty
                .strip_prefix('&')
                .map(|t| {
                    t.trim_start_matches("'static")
                        .trim_start_matches("mut ")
                        .trim()
                })
                .or_else(|| strip_wrapper(ty, "Option"))
                .or_else(|| strip_wrapper(ty, "Box"))
                .or_else(|| strip_wrapper(ty, "Arc"));
            match stripped {
                Some(inner) => ty = inner,
                None => break,
            }
        }
        let last = ty.rsplit("::").next().unwrap_or(ty);
        match last {
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
            | "i128" | "isize" => NumberKind::Integer,
            "f32" | "f64" => NumberKind::Decimal,
            _ => NumberKind::NotANumber,
        }
    }

    /// The variable's type in the comment above a message, as translators
    /// read it (`# $hosts (Integer) - how many hosts`): `Integer`,
    /// `Number` for a decimal, and `String` for anything else, which
    /// Fluent shows as text (a `bool` shows as `true` or `false`).
    ///
    /// ```
    /// use terror_ftl::NumberKind;
    ///
    /// assert_eq!(NumberKind::of_rust_type("u32").comment_type(), "Integer");
    /// assert_eq!(NumberKind::of_rust_type("Option<f64>").comment_type(), "Number");
    /// assert_eq!(NumberKind::of_rust_type("bool").comment_type(), "String");
    /// ```
    pub fn comment_type(self) -> &'static str {
        match self {
            NumberKind::Integer => "Integer",
            NumberKind::Decimal => "Number",
            NumberKind::NotANumber => "String",
        }
    }
}

fn strip_wrapper<'a>(ty: &'a str, name: &str) -> Option<&'a str> {
    let last_segment_start = ty.find('<')?;
    let head = &ty[..last_segment_start];
    if head.rsplit("::").next()? != name {
        return None;
    }
    ty[last_segment_start + 1..]
        .strip_suffix('>')
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_kinds_see_through_wrappers() {
        for (ty, kind) in [
            ("u64", NumberKind::Integer),
            ("&'static i8", NumberKind::Integer),
            ("Option<Box<f32>>", NumberKind::Decimal),
            ("std::sync::Arc<usize>", NumberKind::Integer),
            ("String", NumberKind::NotANumber),
            ("Vec<u8>", NumberKind::NotANumber),
        ] {
            assert_eq!(NumberKind::of_rust_type(ty), kind, "{ty}");
        }
    }
}
