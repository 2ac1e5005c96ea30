//! Rust types as people write them (`Option<u32>`, `&'static str`), for
//! the catalog's arg types and the errors of a decode that cannot rebuild.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens as _;

/// A type as people write it: `Option<u32>`, `&'static str`, `Vec<String>`.
pub(crate) fn as_written(ty: &syn::Type) -> String {
    let mut out = String::new();
    write_tokens(ty.to_token_stream(), &mut out);
    out
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
}
