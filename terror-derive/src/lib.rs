//! The procedural macros of terror: `#[derive(Terror)]` and
//! `embed_locales!`. Use them through `terror_core`, which re-exports both.
//!
//! Every attribute of `#[derive(Terror)]`, with an example of each, is
//! documented where terror-core re-exports it:
//! [`terror_core::Terror`](https://docs.rs/terror-core/latest/terror_core/derive.Terror.html).

mod ast;
mod attr;
mod case;
mod catalog;
#[cfg(feature = "client")]
mod decode;
mod embed;
mod expand;
mod fallback;
mod ftl;
mod manifest;
mod methods;
mod rust_type;
mod status;
mod stub;
mod text;
mod valid;

use proc_macro::TokenStream;

/// Implements `terror_core::Terror`. terror-core documents it, with every
/// attribute, on its page for this derive:
/// <https://docs.rs/terror-core/latest/terror_core/derive.Terror.html>.
#[proc_macro_derive(Terror, attributes(terror))]
pub fn derive_terror(input: TokenStream) -> TokenStream {
    // The folder of the file the type is in: a type's `locales` path that is
    // not found next to Cargo.toml is looked up there.
    let source_dir = input
        .clone()
        .into_iter()
        .next()
        .and_then(|tt| tt.span().local_file())
        .and_then(|file| file.parent().map(std::path::Path::to_path_buf));
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input, source_dir.as_deref()).into()
}

/// Embeds `<dir>/<locale>/*.ftl`, relative to the crate's `Cargo.toml`, as
/// a `terror_core::EmbeddedLocales`. Called as `embed_locales!("dir")` or,
/// with the path to terror-core, `embed_locales!(path, "dir")`; use
/// `terror_core::embed_locales!`, which passes that path.
#[proc_macro]
pub fn embed_locales(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as embed::Input);
    embed::expand(&input).into()
}
