//! The stub impls emitted beside a compile error, so one mistake in the
//! attributes does not cascade into errors about `Terror` or `FromProblem`
//! missing everywhere the type is used.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// `Terror` and `FromProblem` for the type, with bodies that are never run
/// (the crate does not compile).
pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics _terror::__private::Terror for #ident #ty_generics #where_clause {
            fn code(&self) -> &str {
                ::core::unreachable!()
            }
            fn status(&self) -> _terror::__private::StatusCode {
                ::core::unreachable!()
            }
        }

        _terror::__private::impl_from_problem! {
            #[automatically_derived]
            impl #impl_generics _terror::__private::FromProblem for #ident #ty_generics #where_clause {
                fn from_parts(
                    _: _terror::__private::Parts<'_>,
                ) -> ::core::result::Result<Self, _terror::__private::DecodeError> {
                    ::core::unreachable!()
                }
            }
        }
    }
}
