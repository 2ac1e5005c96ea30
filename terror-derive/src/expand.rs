//! Code generation: `Container::from_syn -> resolve -> check`, then
//! `impl Terror` and the other impls, or the fallback after an error, all
//! in one `const _: () = { use <terror-core> as _terror; ... };` block.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{DeriveInput, Ident};

use crate::ast::Container;
use crate::attr::Errors;
#[cfg(feature = "client")]
use crate::decode;
use crate::valid::{self, Resolved, Shape};
use crate::{catalog, fallback, ftl, methods};

pub(crate) fn derive(input: &DeriveInput, source_dir: Option<&std::path::Path>) -> TokenStream {
    let mut errors = Errors::default();
    let Some(container) = Container::from_syn(input, &mut errors) else {
        // A union: a stub impl would only add errors about its missing
        // `std::error::Error`, so the one error stands alone.
        return errors
            .into_result()
            .err()
            .map(|error| error.to_compile_error())
            .unwrap_or_default();
    };
    let resolved = valid::resolve(&container, &mut errors);
    let tracking = ftl::check(&container, &resolved, source_dir, &mut errors);
    let (errors, mut impls) = match errors.into_result() {
        Ok(()) => {
            let generics = add_bounds(&container, &resolved);
            let mut impls = catalog::register(&container, &resolved);
            impls.extend(methods::impl_terror(&container, &resolved, &generics));
            impls.extend(into_response(&container, &generics));
            // Decoders only for services that decode: generating and then
            // discarding one per variant cost rustc time in every crate.
            #[cfg(feature = "client")]
            impls.extend(decode::impl_from_problem(&container, &resolved));
            (TokenStream::new(), impls)
        }
        Err(error) => {
            let mut impls = fallback::expand(input);
            impls.extend(into_response(&container, &input.generics));
            (error.to_compile_error(), impls)
        }
    };
    impls.extend(tracking);
    // Every generated path starts with `_terror::__private`, so the path to
    // terror-core, renamed or re-exported (`crate = "..."`), is named once.
    let krate = container.attrs.krate.as_ref().map_or_else(
        || quote!(::terror_core),
        |krate| krate.value.to_token_stream(),
    );
    quote! {
        #errors
        const _: () = {
            use #krate as _terror;
            #impls
        };
    }
}

/// `IntoResponse` when terror-core's `axum` feature is on and
/// `From<E> for tonic::Status` when its `tonic` feature is (nothing
/// otherwise, nor with `into_response = false`), for the derived impl and
/// the fallback alike.
fn into_response(container: &Container<'_>, generics: &syn::Generics) -> TokenStream {
    if container
        .attrs
        .into_response
        .as_ref()
        .is_some_and(|r| !r.value)
    {
        return TokenStream::new();
    }
    let ident = container.ident;
    let (_, ty_generics, where_clause) = generics.split_for_impl();
    let mut bounds: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(ToTokens::to_token_stream).collect())
        .unwrap_or_default();
    // The type by name, not `Self`: in `From<E> for Status`, `Self` is the
    // status.
    bounds.push(quote!(#ident #ty_generics: _terror::__private::Terror + ::core::marker::Send + ::core::marker::Sync + 'static));
    let params = &generics.params;
    quote! {
        _terror::__private::impl_into_response!([#params] #ident #ty_generics [#(#bounds,)*]);
        _terror::__private::impl_into_status!([#params] #ident #ty_generics [#(#bounds,)*]);
    }
}

/// Arg fields whose type mentions a type parameter need that type to be
/// serializable; every other bound is the user's.
fn add_bounds(container: &Container<'_>, resolved: &[Resolved<'_>]) -> syn::Generics {
    let mut generics = container.generics.clone();
    let params: Vec<&Ident> = container.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return generics;
    }
    let where_clause = generics.make_where_clause();
    for r in resolved {
        match &r.shape {
            Shape::Own(own) => {
                for arg in &own.args {
                    if mentions(arg.ty, &params) {
                        let ty = arg.ty;
                        where_clause
                            .predicates
                            .push(syn::parse_quote!(#ty: _terror::__private::Serialize));
                    }
                }
            }
            Shape::Transparent { field } => {
                if mentions(field.ty, &params) {
                    let ty = field.ty;
                    where_clause
                        .predicates
                        .push(syn::parse_quote!(#ty: _terror::__private::Terror));
                }
            }
        }
    }
    generics
}

fn mentions(ty: &syn::Type, params: &[&Ident]) -> bool {
    ty.to_token_stream()
        .into_iter()
        .any(|tt| mentions_tt(&tt, params))
}

fn mentions_tt(tt: &proc_macro2::TokenTree, params: &[&Ident]) -> bool {
    match tt {
        proc_macro2::TokenTree::Ident(ident) => params.contains(&ident),
        proc_macro2::TokenTree::Group(group) => group
            .stream()
            .into_iter()
            .any(|tt| mentions_tt(&tt, params)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenTree;

    use super::*;

    #[test]
    fn terror_core_is_named_once_at_the_top_of_the_block() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk")]
            enum DiskError {
                #[error("gone")]
                Gone { name: String },
            }
        };
        let out = derive(&input, None).to_string();
        assert!(
            out.starts_with("const _ : () = { use :: terror_core as _terror ;"),
            "{out}"
        );
        assert_eq!(out.matches("terror_core").count(), 1, "{out}");
    }

    #[test]
    fn a_crate_path_is_the_one_path_to_terror_core() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk", crate = "my_errors::terror")]
            enum DiskError {
                #[error("gone")]
                Gone { name: String },
            }
        };
        let out = derive(&input, None).to_string();
        assert!(!out.contains("terror_core"), "{out}");
        assert!(
            out.starts_with("const _ : () = { use my_errors :: terror as _terror ;"),
            "{out}"
        );
        assert!(out.contains("_terror :: __private :: Terror"), "{out}");
        assert!(
            out.contains("_terror :: __private :: impl_into_response !"),
            "{out}"
        );
    }

    /// Counts the uses of `_terror`, asserting that each is the alias or
    /// `_terror::__private`.
    fn count_private_paths(tokens: TokenStream, uses: &mut usize) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tt) in tokens.iter().enumerate() {
            match tt {
                TokenTree::Ident(ident) if ident == "_terror" => {
                    let next: Vec<String> = tokens[i + 1..]
                        .iter()
                        .take(3)
                        .map(ToString::to_string)
                        .collect();
                    let alias = next.first().is_some_and(|t| t == ";");
                    assert!(
                        next == [":", ":", "__private"] || (alias && *uses == 0),
                        "_terror followed by {next:?}"
                    );
                    *uses += 1;
                }
                TokenTree::Group(group) => count_private_paths(group.stream(), uses),
                _ => {}
            }
        }
    }

    #[test]
    fn every_generated_path_goes_through_the_private_module() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk", status = 503, crate = "my_errors::terror")]
            enum DiskError<T> {
                #[error("gone")]
                #[terror(retry_after = 5)]
                Gone { name: T, #[terror(errors)] errors: Vec<SubError> },
                #[error(transparent)]
                #[terror(transparent)]
                Inner(Other),
            }
        };
        let mut uses = 0;
        count_private_paths(derive(&input, None), &mut uses);
        assert!(uses > 20, "{uses}");
    }

    #[test]
    fn each_variant_is_matched_once_and_its_entry_carries_the_rest() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk", redact = false)]
            enum DiskError {
                Gone,
                #[terror(status = 404)]
                Missing { name: String },
                #[terror(status = 503, redact = true)]
                Busy,
            }
        };
        let out = derive(&input, None).to_string();
        assert!(!out.contains("compile_error"), "{out}");
        // The variant function's match, and `args` for the one variant
        // with args: no other method of `Terror` matches on the variants.
        let terror = out.split_once("FromProblem for").map_or(&*out, |(t, _)| t);
        assert_eq!(terror.matches("Gone {").count(), 1, "{terror}");
        assert_eq!(terror.matches("Missing {").count(), 2, "{terror}");
        assert_eq!(terror.matches("Busy {").count(), 1, "{terror}");
        assert!(
            out.contains(
                "fn is_redacted (& self) -> bool { __terror_variant (self) . is_redacted () }"
            ),
            "{out}"
        );
        // The type's `redact = false` reaches the entries, which redact
        // only the variant that says so (the usual, shorter entry).
        assert!(out.contains(r#""disk.gone" , 500 , "disk-gone" , & [] , _terror :: __private :: Option :: None , false ,"#), "{out}");
        assert!(
            out.contains(r#"__terror_entry ("Busy" , "disk.busy" , 503 , "disk-busy" , & [])"#),
            "{out}"
        );
        assert!(
            out.contains(r#"__terror_entry ("Missing" , "disk.missing" , 404 , "disk-missing" , __TERROR_ARGS_0)"#),
            "{out}"
        );
    }

    #[test]
    fn a_renamed_arg_gets_an_arm_of_its_own() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk")]
            enum DiskError {
                Full { disk: String },
                Gone { #[terror(rename = "volume")] disk: String },
            }
        };
        let out = derive(&input, None).to_string();
        assert!(!out.contains("compile_error"), "{out}");
        // Each arm writes its args' names: the same field under another
        // name cannot share the arm.
        for (variant, name) in [("Full", "disk"), ("Gone", "volume")] {
            let arm = format!(
                "Self :: {variant} {{ disk : __terror_disk , .. }} => _terror :: __private :: args \
                 (_terror :: __private :: vec ! [(_terror :: __private :: Cow :: Borrowed (\"{name}\") , \
                 (& ArgProbe (__terror_disk)) . __terror_arg ()) ,])"
            );
            assert!(out.contains(&arm), "{arm}\n{out}");
        }
    }

    #[test]
    fn variants_with_the_same_fields_share_their_arms() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk")]
            enum DiskError {
                Full { disk: String, free: u64 },
                Gone { disk: String, free: u64 },
                Slow { disk: String, free: u32 },
                Lost { disk: String, free: u64 },
            }
        };
        let out = derive(&input, None).to_string();
        assert!(!out.contains("compile_error"), "{out}");
        // `args`: one arm for the three variants whose fields have the
        // same types, one for the other.
        let pattern = |variant: &str| {
            format!("Self :: {variant} {{ disk : __terror_disk , free : __terror_free , .. }}")
        };
        let shared = [pattern("Full"), pattern("Gone"), pattern("Lost")].join(" | ");
        assert!(
            out.contains(&format!(
                "{shared} => _terror :: __private :: args (_terror :: __private :: vec ! ["
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!(
                "{} => _terror :: __private :: args (_terror :: __private :: vec ! [",
                pattern("Slow")
            )),
            "{out}"
        );
        // The schemas: one list of arg types for each distinct list.
        assert!(
            out.contains(
                r#"[[(String , "String") , (u64 , "u64")] , [(String , "String") , (u32 , "u32")]]"#
            ),
            "{out}"
        );
        // The decoder: one body, in a local macro, for the three.
        if !cfg!(feature = "client") {
            assert!(!out.contains("__terror_rebuild_"), "{out}");
            return;
        }
        assert_eq!(
            out.matches("macro_rules ! __terror_rebuild_").count(),
            1,
            "{out}"
        );
        for (code, variant) in [
            ("disk.full", "Full"),
            ("disk.gone", "Gone"),
            ("disk.lost", "Lost"),
        ] {
            assert!(
                out.contains(&format!(r#""{code}" => __terror_rebuild_0 ! ({variant})"#)),
                "{out}"
            );
        }
        assert!(
            out.contains(r#""disk.slow" => :: core :: result :: Result :: Ok (Self :: Slow {"#),
            "{out}"
        );
    }

    #[test]
    fn a_transparent_variant_delegates_through_the_variant_function() {
        let input: DeriveInput = syn::parse_quote! {
            enum ApiError {
                /// The disk failed.
                #[terror(transparent)]
                Disk(DiskError),
            }
        };
        let out = derive(&input, None).to_string();
        assert!(!out.contains("compile_error"), "{out}");
        assert!(
            out.contains(r#"ApiError :: Disk { 0 : __terror_0 , .. } => _terror :: __private :: Variant :: Transparent (< DiskError as _terror :: __private :: AsTerror > :: __terror_dyn (__terror_0) , _terror :: __private :: Option :: Some ("The disk failed."))"#),
            "{out}"
        );
        assert!(
            out.contains("[_terror :: __private :: CatalogEntry ; 0usize] = []"),
            "{out}"
        );
    }

    #[test]
    fn into_response_false_leaves_the_impl_to_the_type() {
        let input: DeriveInput = syn::parse_quote! {
            #[terror(prefix = "disk", into_response = false)]
            enum DiskError {
                #[error("gone")]
                Gone,
            }
        };
        let out = derive(&input, None).to_string();
        assert!(!out.contains("impl_into_response !"), "{out}");
        assert!(out.contains("impl_into_responses"), "{out}");
    }
}
