//! Code generation: `Container::from_syn -> resolve -> check`, then
//! `impl Terror` and the other impls, or the fallback after an error.

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
    let mut out = match errors.into_result() {
        Ok(()) => {
            let generics = add_bounds(&container, &resolved);
            let mut out = impl_terror(&container, &resolved, &generics);
            out.extend(into_response(&container, &generics));
            out.extend(catalog::register(&container, &resolved));
            out.extend(decode::impl_from_problem(&container, &resolved));
            out
        }
        Err(error) => {
            let mut out = error.to_compile_error();
            out.extend(fallback::expand(input));
            out.extend(into_response(&container, &input.generics));
            out
        }
    };
    out.extend(tracking);
    match &container.attrs.krate {
        Some(krate) => with_crate_path(out, &krate.value.to_token_stream()),
        None => out,
    }
}

/// The generated code names terror-core as `::terror_core`; with
/// `#[terror(crate = "...")]` every such path starts with the given one.
fn with_crate_path(tokens: TokenStream, krate: &TokenStream) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let [TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Ident(name), ..] = &tokens[i..]
        {
            if a.as_char() == ':' && b.as_char() == ':' && name == "terror_core" {
                out.extend(krate.clone());
                i += 3;
                continue;
            }
        }
        out.push(match &tokens[i] {
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), with_crate_path(group.stream(), krate));
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
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
        quote_spanned!(ty.span()=> <#ty as ::terror_core::__private::Terror>::#method(#name)),
    )
}

fn status_tokens(code: u16) -> TokenStream {
    if let Some(name) = status::name_of(code) {
        let name = Ident::new(name, Span::call_site());
        return quote!(::terror_core::__private::StatusCode::#name);
    }
    // Validated to be 100..=599 at compile time, which from_u16 accepts.
    quote! {
        match ::terror_core::__private::StatusCode::from_u16(#code) {
            ::core::result::Result::Ok(status) => status,
            ::core::result::Result::Err(_) => ::terror_core::__private::StatusCode::INTERNAL_SERVER_ERROR,
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
        impl #impl_generics ::terror_core::__private::Terror for #ident #ty_generics #where_clause {
            #methods
        }
    }
}

/// `IntoResponse` when terror-core's `axum` feature is on (nothing
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
    bounds.push(quote!(Self: ::terror_core::__private::Terror + ::core::marker::Send + ::core::marker::Sync + 'static));
    let params = &generics.params;
    quote! {
        ::terror_core::__private::impl_into_response!([#params] #ident #ty_generics [#(#bounds,)*]);
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
            (vec![], quote!(::terror_core::__private::Cow::Borrowed(#id)))
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
                quote_spanned!(ty.span()=> <#ty as ::terror_core::__private::SubErrors>::__terror_sub_errors(#name)),
            )
        }
        Shape::Own(_) => (vec![], quote!(&[])),
    });
    let expose = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "expose"),
        Shape::Own(own) => {
            let expose = own.expose;
            (vec![], quote!(#expose))
        }
    });
    let retry_after = match_arms(container, resolved, |r| match &r.shape {
        Shape::Transparent { field } => delegate(field, "retry_after"),
        Shape::Own(Own {
            retry_after: Some(seconds),
            ..
        }) => (
            vec![],
            quote!(::terror_core::__private::Option::Some(
                ::terror_core::__private::Duration::from_secs(#seconds)
            )),
        ),
        Shape::Own(_) => (vec![], quote!(::terror_core::__private::Option::None)),
    });
    let description = match_arms(container, resolved, |r| match (&r.variant.docs, &r.shape) {
        (Some(docs), _) => (
            vec![],
            quote!(::terror_core::__private::Option::Some(#docs)),
        ),
        (None, Shape::Transparent { field }) => delegate(field, "description"),
        (None, Shape::Own(_)) => (vec![], quote!(::terror_core::__private::Option::None)),
    });

    quote! {
        fn code(&self) -> &str {
            #code
        }
        fn status(&self) -> ::terror_core::__private::StatusCode {
            #status
        }
        fn message_id(&self) -> ::terror_core::__private::Cow<'_, str> {
            #message_id
        }
        fn args(&self) -> ::terror_core::__private::Args<'_> {
            #[allow(unused_imports)]
            use ::terror_core::__private::{ViaSerialize as _, ViaToArg as _};
            #args
        }
        fn sub_errors(&self) -> &[::terror_core::__private::SubError] {
            #sub_errors
        }
        fn expose(&self) -> bool {
            #expose
        }
        fn retry_after(&self) -> ::terror_core::__private::Option<::terror_core::__private::Duration> {
            #retry_after
        }
        fn description(&self) -> ::terror_core::__private::Option<&'static str> {
            #description
        }
    }
}

fn args_expr<'a>(own: &'a Own<'a>) -> (Vec<&'a Member>, TokenStream) {
    if own.args.is_empty() {
        return (vec![], quote!(::terror_core::__private::Args::new()));
    }
    let capacity = own.args.len();
    let pushes = own.args.iter().map(|arg| {
        let name = &arg.name;
        let value = binding(arg.member);
        quote! {
            args.push(#name, (&::terror_core::__private::ArgProbe(#value)).__terror_arg());
        }
    });
    (
        own.args.iter().map(|a| a.member).collect(),
        quote!({
            let mut args = ::terror_core::__private::Args::with_capacity(#capacity);
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
                            .push(syn::parse_quote!(#ty: ::terror_core::__private::Serialize));
                    }
                }
            }
            Shape::Transparent { field } => {
                if mentions(field.ty, &params) {
                    let ty = field.ty;
                    where_clause
                        .predicates
                        .push(syn::parse_quote!(#ty: ::terror_core::__private::Terror));
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
    use super::*;

    #[test]
    fn a_crate_path_replaces_every_terror_core_path() {
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
            out.contains("my_errors :: terror :: __private :: Terror"),
            "{out}"
        );
        assert!(
            out.contains("my_errors :: terror :: __private :: impl_into_response !"),
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
