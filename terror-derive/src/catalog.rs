//! Catalog registration: each own variant's `CatalogEntry`, submitted to
//! the process-wide catalog, and the `Entries` and `IntoResponses` impls
//! that read them.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::ast::Container;
use crate::rust_type;
use crate::valid::{Resolved, Shape};

/// Adds every own variant to the process-wide catalog.
pub(crate) fn register(container: &Container<'_>, resolved: &[Resolved<'_>]) -> TokenStream {
    let entries: Vec<TokenStream> = resolved
        .iter()
        .filter_map(|r| entry(container, r))
        .collect();
    // One registration per type, not per variant: each is a static and a
    // constructor function for the compiler to build.
    let submit = (!entries.is_empty()).then(|| {
        quote! {
            _terror::__private::inventory::submit! {
                _terror::__private::RegisteredEntries(&[#(#entries),*])
            }
        }
    });
    let ident = container.ident;
    let (impl_generics, ty_generics, where_clause) = container.generics.split_for_impl();
    // `errors(A, B)` fields name the child types their examples and
    // schemas show.
    let children = resolved.iter().filter_map(|r| {
        let Shape::Own(own) = &r.shape else {
            return None;
        };
        let types = &own.errors_field?.attrs.error_types;
        if types.is_empty() {
            return None;
        }
        let code = &own.code;
        Some(quote!((#code, [#(#types),*])))
    });
    // Each own variant's arg types, for their schemas.
    let arg_types = resolved.iter().filter_map(|r| {
        let Shape::Own(own) = &r.shape else {
            return None;
        };
        let code = &own.code;
        let args = own.args.iter().map(|arg| {
            let ty = arg.ty;
            let rust_type = rust_type::as_written(ty);
            quote!((#ty, #rust_type))
        });
        Some(quote!((#code, [#(#args),*])))
    });
    let params = &container.generics.params;
    let mut bounds: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(ToTokens::to_token_stream).collect())
        .unwrap_or_default();
    bounds.push(quote!(Self: _terror::__private::Entries));
    quote! {
        #submit

        #[automatically_derived]
        impl #impl_generics _terror::__private::Entries for #ident #ty_generics #where_clause {
            fn entries() -> &'static [_terror::__private::CatalogEntry] {
                const ENTRIES: &[_terror::__private::CatalogEntry] = &[#(#entries),*];
                ENTRIES
            }
        }

        _terror::__private::impl_into_responses!([#params] #ident #ty_generics [#(#bounds,)*] [#(#children),*] [#(#arg_types),*]);
    }
}

/// The catalog entry of an own variant, as a constant expression.
fn entry(container: &Container<'_>, r: &Resolved<'_>) -> Option<TokenStream> {
    let Shape::Own(own) = &r.shape else {
        return None;
    };
    let type_name = container.ident.to_string();
    let code = &own.code;
    let status = own.status;
    let message_id = &own.message_id;
    let variant = if container.is_struct() {
        String::new()
    } else {
        r.variant.ident.to_string()
    };
    let args = own.args.iter().map(|arg| {
        let name = &arg.name;
        let rust_type = rust_type::as_written(arg.ty);
        quote!(_terror::__private::ArgInfo::__new(#name, #rust_type))
    });
    let description = option_tokens(r.variant.docs.as_ref());
    let redacted = own.redacted;
    let retry_after = option_tokens(own.retry_after.as_ref());
    let grpc = own.grpc.map(|name| {
        let name = syn::Ident::new(name, proc_macro2::Span::call_site());
        quote!(.__with_grpc(_terror::__private::GrpcCode::#name))
    });
    let deprecated = own
        .deprecated
        .as_ref()
        .map(|note| quote!(.__with_deprecated(#note)));
    // The codes `errors` may hold, read from the declared child types when
    // the catalog asks (their entries are theirs to list).
    let children = own.errors_field.map(|field| {
        let types = &field.attrs.error_types;
        if types.is_empty() {
            quote!(.__with_any_children())
        } else {
            quote!(.__with_children(&[#(<#types as _terror::__private::Entries>::entries),*]))
        }
    });
    Some(quote! {
        _terror::__private::CatalogEntry::__new(
            #code,
            #status,
            #message_id,
            &[#(#args),*],
            #description,
            #redacted,
            #retry_after,
            ::core::concat!(::core::module_path!(), "::", #type_name),
            #variant,
        )#grpc #deprecated #children
    })
}

/// `Some(value)` or `None` as tokens.
fn option_tokens(value: Option<&impl ToTokens>) -> TokenStream {
    value.map_or_else(
        || quote!(_terror::__private::Option::None),
        |value| quote!(_terror::__private::Option::Some(#value)),
    )
}
