//! Code generation: `Container::from_syn -> resolve -> check`, then
//! `impl Terror` and the other impls, or the fallback after an error, all
//! in one `const _: () = { use <terror-core> as _terror; ... };` block.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned as _;
use syn::{DeriveInput, Ident, Member};

use crate::ast::{Container, Field};
use crate::attr::Errors;
use crate::status;
use crate::valid::{self, Own, Resolved, Shape};
use crate::{catalog, decode, fallback, ftl};

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
            let mut impls = impl_terror(&container, &resolved, &generics);
            impls.extend(into_response(&container, &generics));
            impls.extend(catalog::register(&container, &resolved));
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

/// One `match self` arm: its pattern binds the listed members.
fn pattern(container: &Container<'_>, variant: &Ident, bind: &[&Member]) -> TokenStream {
    let path = if container.is_struct() {
        quote!(Self)
    } else {
        quote!(Self::#variant)
    };
    let bindings = bind.iter().map(|member| {
        let name = binding(member);
        quote!(#member: #name)
    });
    quote!(#path { #(#bindings,)* .. })
}

fn binding(member: &Member) -> Ident {
    match member {
        Member::Named(ident) => {
            format_ident!("__terror_{}", ident.to_string().trim_start_matches("r#"))
        }
        Member::Unnamed(index) => format_ident!("__terror_{}", index.index),
    }
}

/// A method body matching every variant; `arm` gives each arm's expression
/// and the members it binds.
fn match_arms<'a>(
    container: &Container<'_>,
    resolved: &'a [Resolved<'a>],
    mut arm: impl FnMut(&'a Resolved<'a>) -> (Vec<&'a Member>, TokenStream),
) -> TokenStream {
    if resolved.is_empty() {
        return quote!(match *self {});
    }
    let arms = resolved.iter().map(|r| {
        let (bind, expr) = arm(r);
        let pat = pattern(container, r.variant.ident, &bind);
        quote!(#pat => #expr,)
    });
    quote!(match self { #(#arms)* })
}

/// Calls `method` on a transparent variant's field. Spanned at the field's
/// type, so a type that is not a `Terror` is reported there.
fn delegate<'a>(field: &'a Field<'a>, method: &str) -> (Vec<&'a Member>, TokenStream) {
    let name = binding(&field.member);
    let ty = field.ty;
    let method = Ident::new(method, Span::call_site());
    (
        vec![&field.member],
        quote_spanned!(ty.span()=> <#ty as _terror::__private::Terror>::#method(#name)),
    )
}

fn status_tokens(code: u16) -> TokenStream {
    if let Some(name) = status::name_of(code) {
        let name = Ident::new(name, Span::call_site());
        return quote!(_terror::__private::StatusCode::#name);
    }
    // Validated to be 100..=599 at compile time, which from_u16 accepts.
    quote! {
        match _terror::__private::StatusCode::from_u16(#code) {
            ::core::result::Result::Ok(status) => status,
            ::core::result::Result::Err(_) => _terror::__private::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

fn impl_terror(
    container: &Container<'_>,
    resolved: &[Resolved<'_>],
    generics: &syn::Generics,
) -> TokenStream {
    let ident = container.ident;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let methods = methods(container, resolved);
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::match_same_arms, clippy::too_many_lines)]
        impl #impl_generics _terror::__private::Terror for #ident #ty_generics #where_clause {
            #methods
        }
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

/// The bodies of the `Terror` methods: one `match self` each.
fn methods(container: &Container<'_>, resolved: &[Resolved<'_>]) -> TokenStream {
    let code = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "code"),
        Shape::Own(own) => {
            let code = &own.code;
            (vec![], quote!(#code))
        }
    });
    let status = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "status"),
        Shape::Own(own) => (vec![], status_tokens(own.status)),
    });
    let message_id = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "message_id"),
        Shape::Own(own) => {
            let id = &own.message_id;
            (vec![], quote!(_terror::__private::Cow::Borrowed(#id)))
        }
    });
    let args = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "args"),
        Shape::Own(own) => args_expr(own),
    });
    let sub_errors = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "sub_errors"),
        Shape::Own(Own {
            errors_field: Some(field),
            ..
        }) => {
            let name = binding(&field.member);
            let ty = field.ty;
            (
                vec![&field.member],
                quote_spanned!(ty.span()=> <#ty as _terror::__private::SubErrors>::__terror_sub_errors(#name)),
            )
        }
        Shape::Own(_) => (vec![], quote!(&[])),
    });
    let is_redacted = is_redacted(container, resolved);
    let grpc_code = grpc_code(container, resolved);
    let retry_after = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "retry_after"),
        Shape::Own(Own {
            retry_after: Some(seconds),
            ..
        }) => (
            vec![],
            quote!(_terror::__private::Option::Some(
                _terror::__private::Duration::from_secs(#seconds)
            )),
        ),
        Shape::Own(_) => (vec![], quote!(_terror::__private::Option::None)),
    });
    let description = match_arms(container, resolved, |r| match (&r.variant.docs, &r.shape) {
        (Some(docs), _) => (vec![], quote!(_terror::__private::Option::Some(#docs))),
        (None, Shape::Transparent { field }) => delegate(field, "description"),
        (None, Shape::Own(_)) => (vec![], quote!(_terror::__private::Option::None)),
    });

    quote! {
        fn code(&self) -> &str {
            #code
        }
        fn status(&self) -> _terror::__private::StatusCode {
            #status
        }
        fn message_id(&self) -> _terror::__private::Cow<'_, str> {
            #message_id
        }
        fn args(&self) -> _terror::__private::Args<'_> {
            #[allow(unused_imports)]
            use _terror::__private::{ViaSerialize as _, ViaToArg as _};
            #args
        }
        fn sub_errors(&self) -> &[_terror::__private::SubError] {
            #sub_errors
        }
        #is_redacted
        #grpc_code
        fn retry_after(&self) -> _terror::__private::Option<_terror::__private::Duration> {
            #retry_after
        }
        fn description(&self) -> _terror::__private::Option<&'static str> {
            #description
        }
    }
}

/// `is_redacted`, unless the trait's default (every 5xx is redacted)
/// holds: a variant that says `redact = false`, or delegates to an inner
/// error, needs its own.
fn is_redacted(container: &Container<'_>, resolved: &[Resolved<'_>]) -> Option<TokenStream> {
    let needed = resolved.iter().any(|r| match &r.shape {
        Shape::Transparent { .. } => true,
        Shape::Own(own) => own.redacted != (own.status >= 500),
    });
    if !needed {
        return None;
    }
    let body = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "is_redacted"),
        Shape::Own(own) => {
            let redacted = own.redacted;
            (vec![], quote!(#redacted))
        }
    });
    Some(quote! {
        fn is_redacted(&self) -> bool {
            #body
        }
    })
}

/// `grpc_code`, unless the trait's default (the code of the status) holds:
/// a variant (or its enum) that chooses a code, or delegates to an inner
/// error, which may have chosen one, needs its own.
fn grpc_code(container: &Container<'_>, resolved: &[Resolved<'_>]) -> Option<TokenStream> {
    let needed = resolved.iter().any(|r| match &r.shape {
        Shape::Transparent { .. } => true,
        Shape::Own(own) => own.grpc.is_some(),
    });
    if !needed {
        return None;
    }
    let body = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "grpc_code"),
        Shape::Own(Own {
            grpc: Some(name), ..
        }) => {
            let name = Ident::new(name, Span::call_site());
            (vec![], quote!(_terror::__private::GrpcCode::#name))
        }
        Shape::Own(own) => {
            let status = status_tokens(own.status);
            (
                vec![],
                quote!(_terror::__private::GrpcCode::from_http_status(#status)),
            )
        }
    });
    Some(quote! {
        fn grpc_code(&self) -> _terror::__private::GrpcCode {
            #body
        }
    })
}

fn args_expr<'a>(own: &'a Own<'a>) -> (Vec<&'a Member>, TokenStream) {
    if own.args.is_empty() {
        return (vec![], quote!(_terror::__private::Args::new()));
    }
    let capacity = own.args.len();
    let pushes = own.args.iter().map(|arg| {
        let name = &arg.name;
        let value = binding(arg.member);
        quote! {
            args.push(#name, (&_terror::__private::ArgProbe(#value)).__terror_arg());
        }
    });
    (
        own.args.iter().map(|a| a.member).collect(),
        quote!({
            let mut args = _terror::__private::Args::with_capacity(#capacity);
            #(#pushes)*
            args
        }),
    )
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
    fn is_redacted_is_derived_only_where_the_default_does_not_hold() {
        let method = |input: DeriveInput| {
            let out = derive(&input, None).to_string();
            assert!(!out.contains("compile_error"), "{out}");
            out.split_once("fn is_redacted (& self) -> bool {")
                .map(|(_, body)| body.split_once("fn ").map_or(body, |(b, _)| b).to_owned())
        };
        // Every 5xx redacted, every 4xx not: the trait's default.
        assert_eq!(
            method(syn::parse_quote! {
                #[terror(prefix = "disk")]
                enum DiskError {
                    Gone,
                    #[terror(status = 404)]
                    Missing,
                    #[terror(status = 503, redact = true)]
                    Busy,
                }
            }),
            None
        );
        let body = method(syn::parse_quote! {
            #[terror(prefix = "disk", redact = false)]
            enum DiskError {
                Gone,
                #[terror(status = 404)]
                Missing,
                #[terror(status = 503, redact = true)]
                Busy,
            }
        })
        .unwrap();
        assert!(
            body.contains("Self :: Gone { .. } => false , Self :: Missing { .. } => false , Self :: Busy { .. } => true ,"),
            "{body}"
        );
        let body = method(syn::parse_quote! {
            enum ApiError {
                #[terror(transparent)]
                Disk(DiskError),
            }
        })
        .unwrap();
        assert!(body.contains("Terror > :: is_redacted"), "{body}");
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
