//! `embed_locales!`: every `<dir>/<locale>/*.ftl` file as an
//! `EmbeddedLocales`, read with `include_str!` so editing a file rebuilds.

use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::LitStr;

/// `[crate_path,] "dir"`: the path to terror-core (`$crate` when called
/// through `terror_core::embed_locales!`), and the folder.
pub(crate) struct Input {
    krate: TokenStream,
    dir: LitStr,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut krate = TokenStream::new();
        while !(input.peek(LitStr) && input.peek2(syn::parse::End)) {
            if input.is_empty() {
                return Err(
                    input.error("expected the path to a locales folder, such as \"locales\"")
                );
            }
            let tt: TokenTree = input.parse()?;
            krate.extend([tt]);
        }
        // Drop the comma after the crate path.
        let krate: Vec<TokenTree> = krate.into_iter().collect();
        let krate = match krate.split_last() {
            Some((TokenTree::Punct(p), rest)) if p.as_char() == ',' => {
                rest.iter().cloned().collect()
            }
            Some(_) => return Err(input.error("expected `,` before the folder")),
            None => quote!(::terror_core),
        };
        Ok(Input {
            krate,
            dir: input.parse()?,
        })
    }
}

pub(crate) fn expand(input: &Input) -> TokenStream {
    let Input { krate, dir: path } = input;
    match files(&path.value()) {
        Ok(files) => {
            let entries = files.iter().map(|(locale, shown, absolute)| {
                quote! {
                    #krate::EmbeddedFile {
                        locale: #locale,
                        path: #shown,
                        source: ::core::include_str!(#absolute),
                    }
                }
            });
            quote! {
                #krate::EmbeddedLocales::new(&[#(#entries),*])
            }
        }
        Err(message) => syn::Error::new(path.span(), message).to_compile_error(),
    }
}

/// `(locale, path as written, absolute path)` for every file, sorted.
fn files(dir: &str) -> Result<Vec<(String, String, String)>, String> {
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let absolute_dir = root.join(dir);
    let mut out = Vec::new();
    for locale_dir in sorted(&absolute_dir)? {
        if !locale_dir.is_dir() {
            continue;
        }
        let locale = name(&locale_dir);
        for file in sorted(&locale_dir)? {
            if file.extension().is_some_and(|e| e == "ftl") && file.is_file() {
                let shown = Path::new(dir).join(&locale).join(name(&file));
                out.push((
                    locale.clone(),
                    shown.display().to_string(),
                    file.display().to_string(),
                ));
            }
        }
    }
    if out.is_empty() {
        return Err(format!(
            "no `.ftl` files in `{}`: expected `<locale>/<name>.ftl`, such as `{dir}/en-US/errors.ftl`",
            absolute_dir.display()
        ));
    }
    Ok(out)
}

fn sorted(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut paths = entries
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    paths.sort();
    Ok(paths)
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
