//! Generated code written as text and lexed by the compiler in one call.
//!
//! Inside the compiler every token `quote!` makes is a call across the
//! proc-macro bridge, run by unoptimized code in a debug build: for a type
//! of a thousand variants the derive spent most of its time there. The
//! rows that grow with the variants (match arms, catalog entries) name only
//! the variants, their fields and the derive's own items, and need no span
//! but the call site's, which is what text gets; so they are written here.
//! What names a user's type, or must point at one in an error, stays in
//! `quote!`, which keeps the type's tokens and spans.

use std::fmt::Write as _;
use std::str::FromStr as _;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Member;

/// The most alternatives an or-pattern of the derive has: the compiler
/// checks that they bind the same names against one another, in time that
/// grows with the square of their number.
pub(crate) const MAX_ALTERNATIVES: usize = 16;

/// A string literal of `value`.
pub(crate) fn lit(value: &str) -> String {
    // `str`'s `Debug` writes a valid Rust string literal: quotes, and
    // escapes that Rust reads back as the same characters.
    format!("{value:?}")
}

/// `Some("...")` or `None`, through the private module.
pub(crate) fn option_lit(value: Option<&str>) -> String {
    value.map_or_else(
        || "_terror::__private::Option::None".to_owned(),
        |value| format!("_terror::__private::Option::Some({})", lit(value)),
    )
}

/// A member as written in a pattern or a struct expression: `name`,
/// `r#type` or `0`.
pub(crate) fn member(member: &Member) -> String {
    match member {
        Member::Named(ident) => ident.to_string(),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

/// The local a pattern binds a member to (`__terror_name`, `__terror_0`).
pub(crate) fn binding(member: &Member) -> String {
    match member {
        Member::Named(ident) => {
            format!("__terror_{}", ident.to_string().trim_start_matches("r#"))
        }
        Member::Unnamed(index) => format!("__terror_{}", index.index),
    }
}

/// `path { member: binding, .., }`: a pattern binding the listed members.
pub(crate) fn pattern(out: &mut String, path: &str, bind: &[&Member]) {
    out.push_str(path);
    out.push_str(" { ");
    for m in bind {
        // Writing to a `String` cannot fail.
        let _ = write!(out, "{}: {}, ", member(m), binding(m));
    }
    out.push_str(".. }");
}

/// The tokens of `text`, which the derive wrote, so a lexing error is its
/// own bug: reported as a compile error naming it, never a panic.
pub(crate) fn parse(text: &str) -> TokenStream {
    // Inside the compiler, straight to its lexer: proc-macro2's `from_str`
    // first lexes the text again itself, in the derive's unoptimized code,
    // which took as long as everything else the derive does.
    let tokens = if proc_macro::is_available() {
        proc_macro::TokenStream::from_str(text)
            .map(TokenStream::from)
            .map_err(|error| error.to_string())
    } else {
        TokenStream::from_str(text).map_err(|error| error.to_string())
    };
    tokens.unwrap_or_else(|error| {
        let message = format!(
            "#[derive(Terror)] wrote code that does not lex ({error}); please report it to terror"
        );
        quote!(::core::compile_error!(#message);)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_reads_back_as_the_same_string() {
        for value in [
            "plain",
            "quote \" and \\ backslash",
            "line\nbreak",
            "ünï\u{301}code",
            "{}",
        ] {
            let tokens = parse(&lit(value));
            let literal: syn::LitStr = syn::parse2(tokens).unwrap();
            assert_eq!(literal.value(), value);
        }
    }

    #[test]
    fn a_pattern_binds_named_raw_and_unnamed_members() {
        let named: Member = syn::parse_quote!(r#type);
        let unnamed: Member = syn::parse_quote!(1);
        let mut out = String::new();
        pattern(&mut out, "Self::Gone", &[&named, &unnamed]);
        assert_eq!(
            out,
            "Self::Gone { r#type: __terror_type, 1: __terror_1, .. }"
        );
        assert!(!parse(&out).to_string().contains("compile_error"));
    }
}
