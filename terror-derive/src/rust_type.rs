//! Rust types as people write them (`Option<u32>`, `&'static str`), for
//! the catalog's arg types and the errors of a decode that cannot rebuild.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens as _;

/// A type as people write it: `Option<u32>`, `&'static str`, `Vec<String>`.
pub(crate) fn as_written(ty: &syn::Type) -> String {
    let mut out = String::new();
    if !write_plain_path(ty, &mut out) {
        write_tokens(ty.to_token_stream(), &mut out);
    }
    out
}

/// The path of a type that is a path without generic arguments
/// (`String`, `std::path::PathBuf`): it names no lifetime and no
/// reference.
pub(crate) fn plain_path(ty: &syn::Type) -> Option<&syn::Path> {
    let syn::Type::Path(ty) = ty else {
        return None;
    };
    let plain = ty.qself.is_none() && ty.path.segments.iter().all(|s| s.arguments.is_none());
    plain.then_some(&ty.path)
}

/// Writes a path without generic arguments (`String`, `std::path::PathBuf`),
/// most args' type, from its segments: printing the type's tokens first
/// costs a call into the compiler for each. `false`, having written
/// nothing, for any other type.
fn write_plain_path(ty: &syn::Type, out: &mut String) -> bool {
    let Some(path) = plain_path(ty) else {
        return false;
    };
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
    }
    true
}

fn write_tokens(tokens: TokenStream, out: &mut String) {
    let mut after_word = false;
    for tt in tokens {
        match tt {
            TokenTree::Ident(ident) => {
                if after_word {
                    out.push(' ');
                }
                out.push_str(&ident.to_string());
                after_word = true;
            }
            TokenTree::Literal(literal) => {
                if after_word {
                    out.push(' ');
                }
                out.push_str(&literal.to_string());
                after_word = true;
            }
            TokenTree::Punct(punct) => {
                match punct.as_char() {
                    '+' => out.push_str(" + "),
                    c @ (',' | ';') => {
                        out.push(c);
                        out.push(' ');
                    }
                    c => out.push(c),
                }
                // A lifetime's quote joins the name that follows.
                after_word = false;
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_tokens(group.stream(), out);
                out.push_str(close);
                after_word = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_as_written() {
        let written = |ty: syn::Type| as_written(&ty);
        assert_eq!(written(syn::parse_quote!(Option<u32>)), "Option<u32>");
        assert_eq!(written(syn::parse_quote!(u32)), "u32");
        assert_eq!(
            written(syn::parse_quote!(std::path::PathBuf)),
            "std::path::PathBuf"
        );
        assert_eq!(
            written(syn::parse_quote!(::core::primitive::u32)),
            "::core::primitive::u32"
        );
        assert_eq!(written(syn::parse_quote!(r#type)), "r#type");
        assert_eq!(written(syn::parse_quote!(&'static str)), "&'static str");
        assert_eq!(
            written(syn::parse_quote!(HashMap<String, Vec<u8>>)),
            "HashMap<String, Vec<u8>>"
        );
        assert_eq!(written(syn::parse_quote!([u8; 4])), "[u8; 4]");
        assert_eq!(
            written(syn::parse_quote!(Box<dyn Error + Send>)),
            "Box<dyn Error + Send>"
        );
    }

    #[test]
    fn a_plain_path_reads_as_its_tokens_do() {
        let paths: [syn::Type; 4] = [
            syn::parse_quote!(u32),
            syn::parse_quote!(std::path::PathBuf),
            syn::parse_quote!(::core::primitive::u32),
            syn::parse_quote!(r#type),
        ];
        for ty in paths {
            let mut tokens = String::new();
            write_tokens(ty.to_token_stream(), &mut tokens);
            assert_eq!(as_written(&ty), tokens);
        }
    }
}
