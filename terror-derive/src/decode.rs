//! `impl FromProblem`: rebuilding a derived error from a received problem,
//! by code. Each field goes through a probe that picks, at compile time,
//! between rebuilding it and a typed `NotRebuildable` error, so no field
//! type keeps a type from compiling (see terror-core's `client` module).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Member};

use crate::ast::{Container, Field};
use crate::rust_type;
use crate::valid::{Own, Resolved, Shape};

pub(crate) fn impl_from_problem(
    container: &Container<'_>,
    resolved: &[Resolved<'_>],
) -> TokenStream {
    let ident = container.ident;
    let (impl_generics, ty_generics, where_clause) = container.generics.split_for_impl();
    let mut arms = Vec::new();
    let mut delegates = Vec::new();
    let mut decoders = Decoders::default();
    for r in resolved {
        let path = constructor(container, r.variant.ident);
        match &r.shape {
            Shape::Own(own) => {
                let code = &own.code;
                let body = own_body(&path, &r.variant.fields, own, &mut decoders);
                arms.push(quote!(#code => #body,));
            }
            Shape::Transparent { field } => {
                let ty = field.ty;
                let member = &field.member;
                delegates.push(quote! {
                    match (&&_terror::__private::TransparentProbe::<#ty>::new()).__terror_inner(parts) {
                        ::core::result::Result::Err(_terror::__private::DecodeError::UnknownCode { .. }) => {}
                        other => return other.map(|inner| #path { #member: inner }),
                    }
                });
            }
        }
    }
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::match_single_binding, clippy::needless_return)]
        impl #impl_generics _terror::__private::FromProblem for #ident #ty_generics #where_clause {
            fn from_parts(
                parts: _terror::__private::Parts<'_>,
            ) -> ::core::result::Result<Self, _terror::__private::DecodeError> {
                #[allow(unused_imports)]
                use _terror::__private::{
                    ViaDefault as _, ViaDeserialize as _, ViaFromProblem as _, ViaFromVec as _,
                    ViaNoDefault as _, ViaNotChild as _, ViaNotTransparent as _, ViaNotVec as _,
                    ViaTransparent as _, ViaUndecodable as _,
                };
                #decoders
                match parts.code {
                    #(#arms)*
                    _ => {
                        #(#delegates)*
                        ::core::result::Result::Err(_terror::__private::DecodeError::UnknownCode {
                            code: ::std::borrow::ToOwned::to_owned(parts.code),
                            expected: _terror::__private::short_type_name::<Self>(),
                        })
                    }
                }
            }
        }
    }
}

/// Whether a type borrows: a reference, or a lifetime other than
/// `'static`. Such a type deserializes only from data that outlives it,
/// never from a received document.
fn borrows(ty: &syn::Type) -> bool {
    fn scan(tokens: TokenStream) -> bool {
        let mut after_quote = false;
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '&' => return true,
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '\'' => {
                    after_quote = true;
                    continue;
                }
                proc_macro2::TokenTree::Ident(ident) if after_quote && ident != "static" => {
                    return true;
                }
                proc_macro2::TokenTree::Group(group) if scan(group.stream()) => return true,
                _ => {}
            }
            after_quote = false;
        }
        false
    }
    scan(quote!(#ty))
}

fn constructor(container: &Container<'_>, variant: &Ident) -> TokenStream {
    if container.is_struct() {
        quote!(Self)
    } else {
        quote!(Self::#variant)
    }
}

fn field_name(member: &Member) -> String {
    match member {
        Member::Named(ident) => ident.to_string().trim_start_matches("r#").to_owned(),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

/// One closure per distinct arg type, so the probe is resolved once per
/// type, not once per field: a type with many variants compiles faster.
#[derive(Default)]
struct Decoders {
    types: Vec<(String, TokenStream)>,
}

impl Decoders {
    /// The closure decoding `ty`.
    fn of(&mut self, ty: &syn::Type) -> Ident {
        let key = quote!(#ty).to_string();
        let index = self
            .types
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or_else(|| {
                self.types.push((key, quote!(#ty)));
                self.types.len() - 1
            });
        quote::format_ident!("__terror_decode_{}", index)
    }
}

impl quote::ToTokens for Decoders {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for (index, (_, ty)) in self.types.iter().enumerate() {
            let name = quote::format_ident!("__terror_decode_{}", index);
            tokens.extend(quote! {
                let #name = |parts: _terror::__private::Parts<'_>,
                             arg: &'static str,
                             field: &'static str,
                             rust_type: &'static str|
                 -> ::core::result::Result<#ty, _terror::__private::DecodeError> {
                    (&&_terror::__private::DecodeProbe::<#ty>::new())
                        .__terror_decode(parts, arg, field, rust_type)
                };
            });
        }
    }
}

/// `Ok(Self::Variant { .. })` from the parts, or the error saying why it
/// cannot be.
fn own_body(
    path: &TokenStream,
    fields: &[Field<'_>],
    own: &Own<'_>,
    decoders: &mut Decoders,
) -> TokenStream {
    let not_rebuildable = |member: &Member, reason: TokenStream| {
        let field = field_name(member);
        quote! {
            ::core::result::Result::Err(_terror::__private::DecodeError::NotRebuildable {
                code: ::std::borrow::ToOwned::to_owned(parts.code),
                field: #field,
                reason: _terror::__private::NotRebuildable::#reason,
            })
        }
    };
    if let Some(source) = fields.iter().find(|f| f.is_source) {
        return not_rebuildable(&source.member, quote!(Source));
    }
    // Trait selection ignores lifetimes: the probe would pick `Deserialize`
    // for `&'static str`, which then fails to compile.
    if let Some(arg) = own.args.iter().find(|a| borrows(a.ty)) {
        let rust_type = rust_type::as_written(arg.ty);
        return not_rebuildable(
            arg.member,
            quote!(NotDeserializable { rust_type: #rust_type }),
        );
    }
    let inits = fields.iter().map(|field| {
        let member = &field.member;
        let ty = field.ty;
        let name = field_name(member);
        let rust_type = rust_type::as_written(ty);
        let value = if own
            .errors_field
            .is_some_and(|errors| errors.member == *member)
        {
            let decoders = field.attrs.error_types.iter().map(|child| {
                quote!((&&_terror::__private::ChildProbe::<#child>::new()).__terror_child())
            });
            quote! {
                (&&_terror::__private::SubErrorsProbe::<#ty>::new())
                    .__terror_children(parts, #name, #rust_type, &[#(#decoders),*])?
            }
        } else if let Some(arg) = own.args.iter().find(|a| *a.member == *member) {
            let arg_name = &arg.name;
            let decode = decoders.of(ty);
            quote!(#decode(parts, #arg_name, #name, #rust_type)?)
        } else {
            // Skipped: never sent.
            quote! {
                (&&_terror::__private::DefaultProbe::<#ty>::new())
                    .__terror_default(parts.code, #name, #rust_type)?
            }
        };
        quote!(#member: #value)
    });
    quote!(::core::result::Result::Ok(#path { #(#inits,)* }))
}
