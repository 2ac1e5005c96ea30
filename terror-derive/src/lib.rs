//! The procedural macros of terror: `#[derive(Terror)]` and
//! `embed_locales!`. Use them through `terror_core`, which re-exports both.
//!
//! # `#[derive(Terror)]`
//!
//! | where | attribute | meaning |
//! | --- | --- | --- |
//! | enum | `prefix = "volume"` | codes become `volume.<snake_case variant>` |
//! | enum | `status = 404` / `status = NOT_FOUND` | default status of the variants (500 if unset) |
//! | enum | `redact = false` | every 5xx variant shows its details (a 5xx is redacted by default) |
//! | variant or struct | `code = "volume.gone"` | the full code, replacing the derived one |
//! | variant or struct | `status = ...` | the HTTP status |
//! | variant or struct | `message = "volume-gone"` | the Fluent message id (default: from the code) |
//! | variant or struct | `redact = false` / `redact = true` | whether a 5xx hides its message, args, hint and sub-errors (the default, `true`, also overrides the enum's); an error below 500, which is never redacted |
//! | variant or struct | `retry_after = 30` | `Retry-After` in seconds |
//! | variant | `transparent` | everything comes from the single field, itself a `Terror` |
//! | field | `skip` | not an arg, never shown to clients |
//! | field | `errors` | the field (`Vec<SubError>`) holds the sub-errors |
//! | field | `rename = "name"` | the arg's name (tuple fields are `arg0`, `arg1`, … by default) |
//! | enum or struct | `locales = "dir"` | where the default locale's `.ftl` files are (default `locales`, or `[package.metadata.terror] locales`) |
//! | enum or struct | `default_locale = "en-US"` | the locale checked at compile time (default `en-US`, or `[package.metadata.terror] default-locale`) |
//! | enum or struct | `crate = "my_errors::terror"` | the path to terror-core, for a crate that renames or re-exports it (default `::terror_core`) |
//! | enum or struct | `into_response = false` | no generated `IntoResponse` (with terror-core's `axum` feature), for a type that writes its own |
//!
//! The derive checks every variant's message in the default locale's files
//! and fails the build on a missing message, a variable the variant does
//! not have, or a file that does not parse. Every variant is also
//! registered in the process-wide error catalog (`terror_core::catalog`).
//!
//! Fields marked `#[source]`, `#[from]` or `#[backtrace]`, and fields named
//! `source`, are never args. Doc comments become descriptions.

mod ast;
mod attr;
mod case;
mod catalog;
mod decode;
mod embed;
mod expand;
mod fallback;
mod ftl;
mod rust_type;
mod status;
mod stub;
mod valid;

use proc_macro::TokenStream;

/// Implements `terror_core::Terror`; see the crate documentation.
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
