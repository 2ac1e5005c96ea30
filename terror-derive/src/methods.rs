//! The `Terror` impl: one function from a value to its variant, which
//! every method without a field of its own reads, and a pattern per
//! variant only where a method needs the variant's fields (`args`,
//! `sub_errors`); in `args`, variants with the same fields share an arm.
//!
//! An own variant is its index in the catalog table (`catalog::TABLE`);
//! terror-core's `__private::Variant` reads the code, status, message id
//! and the rest from the entry there. So a type of a thousand variants has
//! one `match` of a thousand arms for its code, status, message, gRPC
//! code, redaction, `Retry-After` and description together, not one each.

use std::fmt::Write as _;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::{Ident, Member};

use crate::ast::{Container, Field};
use crate::catalog;
use crate::text;
use crate::valid::{Arg, Resolved, Shape};

/// `impl Terror`, and the variant function it calls.
pub(crate) fn impl_terror(
    container: &Container<'_>,
    resolved: &[Resolved<'_>],
    generics: &syn::Generics,
) -> TokenStream {
    let ident = container.ident;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let variant_fn = variant_fn(container, resolved, generics);
    let this = if container.is_struct() {
        "Self".to_owned()
    } else {
        "Self::".to_owned()
    };
    let (args, arms) = args_arms(container, resolved, &this);
    let mut sub_errors = Vec::new();
    for r in resolved {
        let Shape::Own(own) = &r.shape else {
            continue;
        };
        if let Some(field) = own.errors_field {
            let path = variant_path(container, &this, r.variant.ident);
            // Spanned at the field's type, so a type that holds no
            // sub-errors is reported there.
            let pat = text::parse(&{
                let mut pat = String::new();
                text::pattern(&mut pat, &path, &[&field.member]);
                pat
            });
            let name = binding(&field.member);
            let ty = field.ty;
            sub_errors.push(quote_spanned! {ty.span()=>
                #pat => <#ty as _terror::__private::SubErrors>::__terror_sub_errors(#name),
            });
        }
    }
    let every = container.variants().len();
    let args = field_arms(
        &text::parse(&args),
        arms,
        every,
        quote!(__terror_variant(self).args()),
    );
    let sub_errors_count = sub_errors.len();
    let sub_errors = field_arms(
        &sub_errors.into_iter().collect(),
        sub_errors_count,
        every,
        quote!(__terror_variant(self).sub_errors()),
    );
    quote! {
        #variant_fn

        #[automatically_derived]
        #[allow(unused_qualifications, clippy::match_same_arms, clippy::too_many_lines)]
        impl #impl_generics _terror::__private::Terror for #ident #ty_generics #where_clause {
            fn code(&self) -> &str {
                __terror_variant(self).code()
            }
            fn status(&self) -> _terror::__private::StatusCode {
                __terror_variant(self).status()
            }
            fn message_id(&self) -> _terror::__private::Cow<'_, str> {
                __terror_variant(self).message_id()
            }
            fn args(&self) -> _terror::__private::Args<'_> {
                #[allow(unused_imports)]
                use _terror::__private::{ArgProbe, ViaSerialize as _, ViaToArg as _};
                #args
            }
            fn sub_errors(&self) -> &[_terror::__private::SubError] {
                #sub_errors
            }
            fn is_redacted(&self) -> bool {
                __terror_variant(self).is_redacted()
            }
            fn grpc_code(&self) -> _terror::__private::GrpcCode {
                __terror_variant(self).grpc_code()
            }
            fn retry_after(&self) -> _terror::__private::Option<_terror::__private::Duration> {
                __terror_variant(self).retry_after()
            }
            fn description(&self) -> _terror::__private::Option<&'static str> {
                __terror_variant(self).description()
            }
        }
    }
}

/// The own variants that bind the same arg fields, of the same types as
/// written and under the same arg names, so that one or-pattern binds them
/// all and one list of names serves them all.
struct ArgGroup<'a> {
    args: &'a [Arg<'a>],
    /// `Self::A { .. } | Self::B { .. }`.
    patterns: String,
    variants: usize,
}

impl ArgGroup<'_> {
    fn fits(&self, args: &[Arg<'_>]) -> bool {
        self.args.len() == args.len()
            && self
                .args
                .iter()
                .zip(args)
                .all(|(a, b)| a.member == b.member && a.written == b.written && a.name == b.name)
    }
}

/// The arms of `args` for the variants with args, as text, and how many
/// variants they match. Variants whose args are the same fields of the
/// same types share an arm, an or-pattern: its body, which the compiler
/// checks for each arm, is written once for up to `text::MAX_ALTERNATIVES`
/// variants, and each variant adds only its pattern.
fn args_arms(container: &Container<'_>, resolved: &[Resolved<'_>], this: &str) -> (String, usize) {
    let mut groups: Vec<ArgGroup<'_>> = Vec::new();
    for r in resolved {
        let Shape::Own(own) = &r.shape else {
            continue;
        };
        if own.args.is_empty() {
            continue;
        }
        let index = groups
            .iter()
            .position(|g| g.variants < text::MAX_ALTERNATIVES && g.fits(&own.args))
            .unwrap_or_else(|| {
                groups.push(ArgGroup {
                    args: &own.args,
                    patterns: String::new(),
                    variants: 0,
                });
                groups.len() - 1
            });
        let group = &mut groups[index];
        if group.variants > 0 {
            group.patterns.push_str(" | ");
        }
        group.variants += 1;
        let members: Vec<&Member> = own.args.iter().map(|a| a.member).collect();
        let path = variant_path(container, this, r.variant.ident);
        text::pattern(&mut group.patterns, &path, &members);
    }
    let mut args = String::new();
    for group in &groups {
        args.push_str(&group.patterns);
        args.push_str(" => _terror::__private::args(_terror::__private::vec![");
        for arg in group.args {
            let _ = write!(
                args,
                "(_terror::__private::Cow::Borrowed({}), (&ArgProbe({})).__terror_arg()), ",
                text::lit(&arg.name),
                text::binding(arg.member)
            );
        }
        args.push_str("]),\n");
    }
    (args, groups.iter().map(|g| g.variants).sum())
}

/// `Self::Variant`, `Type::Variant`, or the struct's `Self` / `Type`.
fn variant_path(container: &Container<'_>, path: &str, variant: &Ident) -> String {
    if container.is_struct() {
        path.trim_end_matches("::").to_owned()
    } else {
        format!("{path}{variant}")
    }
}

fn binding(member: &Member) -> Ident {
    format_ident!("{}", text::binding(member))
}

/// A method that needs the fields of some variants: their `arms`, and the
/// variant function for the others.
fn field_arms(arms: &TokenStream, count: usize, every: usize, rest: TokenStream) -> TokenStream {
    if count == 0 {
        return rest;
    }
    let rest = (count < every).then(|| quote!(_ => #rest,));
    quote!(match self { #arms #rest })
}

/// `fn __terror_variant(this: &Type) -> __private::Variant<'_>`: an own
/// variant's entry in the table, or a transparent variant's inner error.
fn variant_fn(
    container: &Container<'_>,
    resolved: &[Resolved<'_>],
    generics: &syn::Generics,
) -> TokenStream {
    let ident = container.ident;
    let table = Ident::new(catalog::TABLE, Span::call_site());
    // Named, because a type's own lifetimes make `'_` ambiguous.
    let mut fn_generics = generics.clone();
    fn_generics.params.insert(0, syn::parse_quote!('__terror));
    let (impl_generics, _, where_clause) = fn_generics.split_for_impl();
    let (_, ty_generics, _) = generics.split_for_impl();
    let body = if container.is_struct() {
        if let Some((r, Shape::Transparent { field })) = resolved.first().map(|r| (r, &r.shape)) {
            let member = &field.member;
            transparent(field, r.variant.docs.as_deref(), &quote!(&this.#member))
        } else {
            quote!(_terror::__private::Variant::Own(&#table[0]))
        }
    } else if resolved.is_empty() {
        quote!(match *this {})
    } else {
        let own = resolved.iter().any(|r| matches!(r.shape, Shape::Own(_)));
        let prefix = format!("{ident}::");
        let mut own_arms = String::new();
        let mut transparent_arms = TokenStream::new();
        let mut index = 0_usize;
        for r in resolved {
            let path = variant_path(container, &prefix, r.variant.ident);
            match &r.shape {
                Shape::Own(_) => {
                    text::pattern(&mut own_arms, &path, &[]);
                    let _ = writeln!(own_arms, " => {index},");
                    index += 1;
                }
                Shape::Transparent { field } => {
                    let mut pat = String::new();
                    text::pattern(&mut pat, &path, &[&field.member]);
                    let pat = text::parse(&pat);
                    let name = binding(&field.member);
                    let value = transparent(field, r.variant.docs.as_deref(), &quote!(#name));
                    transparent_arms.extend(if own {
                        quote!(#pat => return #value,)
                    } else {
                        quote!(#pat => #value,)
                    });
                }
            }
        }
        let own_arms = text::parse(&own_arms);
        if own {
            quote! {
                let index = match this { #own_arms #transparent_arms };
                _terror::__private::Variant::Own(&#table[index])
            }
        } else {
            quote!(match this { #transparent_arms })
        }
    };
    quote! {
        // The type's own bounds and the derive's meet here as they do on
        // the impls, in the parameters and the `where` clause.
        #[allow(
            unused_variables,
            unused_qualifications,
            clippy::match_same_arms,
            clippy::multiple_bound_locations,
            clippy::too_many_lines
        )]
        #[inline]
        fn __terror_variant #impl_generics (
            this: &'__terror #ident #ty_generics,
        ) -> _terror::__private::Variant<'__terror> #where_clause {
            #body
        }
    }
}

/// A transparent variant's `Variant`: its field as a `dyn Terror`, and the
/// variant's own doc comment, which stands before the inner error's.
fn transparent(field: &Field<'_>, docs: Option<&str>, value: &TokenStream) -> TokenStream {
    let ty = field.ty;
    let docs = text::parse(&text::option_lit(docs));
    // Spanned at the field's type, so a type that is not a `Terror` is
    // reported there.
    let inner =
        quote_spanned!(ty.span()=> <#ty as _terror::__private::AsTerror>::__terror_dyn(#value));
    quote!(_terror::__private::Variant::Transparent(#inner, #docs))
}
