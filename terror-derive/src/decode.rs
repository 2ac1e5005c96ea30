//! `impl FromProblem`: rebuilding a derived error from a received problem,
//! by code. Each field goes through a probe that picks, at compile time,
//! between rebuilding it and a typed `NotRebuildable` error, so no field
//! type keeps a type from compiling (see terror-core's `client` module).

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, Member};

use crate::ast::{Container, Field, Variant};
use crate::rust_type;
use crate::text;
use crate::valid::{Own, Resolved, Shape};

pub(crate) fn impl_from_problem(
    container: &Container<'_>,
    resolved: &[Resolved<'_>],
) -> TokenStream {
    let ident = container.ident;
    let (impl_generics, ty_generics, where_clause) = container.generics.split_for_impl();
    let mut bodies = Bodies::default();
    let mut delegates = Vec::new();
    let mut probes = Probes::default();
    for r in resolved {
        match &r.shape {
            Shape::Own(own) => {
                let mut body = String::new();
                own_body(&mut body, container, r.variant, own, &mut probes);
                bodies.add(body, &own.code, r.variant.ident);
            }
            Shape::Transparent { field } => {
                let path = constructor(container, r.variant.ident);
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
    let (rebuilders, arms) = bodies.to_text();
    let rebuilders = text::parse(&rebuilders);
    let arms = text::parse(&arms);
    let probes = probes.tokens;
    quote! {
        _terror::__private::impl_from_problem! {
        #[automatically_derived]
        #[allow(
            unused_qualifications,
            clippy::items_after_statements,
            clippy::match_single_binding,
            clippy::needless_return
        )]
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
                #probes
                #rebuilders
                match parts.code {
                    #arms
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
    // A path without generic arguments names no lifetime: no tokens to scan.
    rust_type::plain_path(ty).is_none() && scan(quote!(#ty))
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

/// The closures the arms call, which name the fields' types: one per
/// distinct type of arg (and of skipped field), so each probe is resolved
/// once per type, not once per field, and the arms themselves, which
/// grow with the variants, are text (see `text`).
#[derive(Default)]
struct Probes {
    /// Each closure's kind and type, as text, in the order made.
    made: Vec<(&'static str, String)>,
    tokens: TokenStream,
}

impl Probes {
    /// The closure reading an arg of type `ty` from the parts.
    fn decode(&mut self, ty: &syn::Type, written: &str) -> String {
        self.closure("decode", written, |name| {
            quote! {
                let #name = |parts: _terror::__private::Parts<'_>,
                             arg: &'static str,
                             field: &'static str,
                             rust_type: &'static str|
                 -> ::core::result::Result<#ty, _terror::__private::DecodeError> {
                    (&&_terror::__private::DecodeProbe::<#ty>::new())
                        .__terror_decode(parts, arg, field, rust_type)
                };
            }
        })
    }

    /// The closure giving a skipped field of type `ty`, never sent, its
    /// default, or the error saying it has none.
    fn skipped(&mut self, ty: &syn::Type, written: &str) -> String {
        self.closure("skipped", written, |name| {
            quote! {
                let #name = |code: &str,
                             field: &'static str,
                             rust_type: &'static str|
                 -> ::core::result::Result<#ty, _terror::__private::DecodeError> {
                    (&&_terror::__private::DefaultProbe::<#ty>::new())
                        .__terror_default(code, field, rust_type)
                };
            }
        })
    }

    /// The closure rebuilding an `errors` field: one per field, since each
    /// names its own child types.
    fn children(&mut self, field: &Field<'_>) -> String {
        let ty = field.ty;
        let decoders = field.attrs.error_types.iter().map(
            |child| quote!((&&_terror::__private::ChildProbe::<#child>::new()).__terror_child()),
        );
        let name = format_ident!("__terror_children_{}", self.made.len());
        self.made.push(("children", String::new()));
        self.tokens.extend(quote! {
            let #name = |parts: _terror::__private::Parts<'_>,
                         field: &'static str,
                         rust_type: &'static str|
             -> ::core::result::Result<#ty, _terror::__private::DecodeError> {
                (&&_terror::__private::SubErrorsProbe::<#ty>::new())
                    .__terror_children(parts, field, rust_type, &[#(#decoders),*])
            };
        });
        name.to_string()
    }

    /// The name of the closure of `kind` for the type written `written`,
    /// made by `make` the first time.
    fn closure(
        &mut self,
        kind: &'static str,
        written: &str,
        make: impl FnOnce(&Ident) -> TokenStream,
    ) -> String {
        if let Some(index) = self
            .made
            .iter()
            .position(|(k, w)| *k == kind && w == written)
        {
            return format!("__terror_{kind}_{index}");
        }
        let name = format_ident!("__terror_{}_{}", kind, self.made.len());
        self.made.push((kind, written.to_owned()));
        self.tokens.extend(make(&name));
        name.to_string()
    }
}

/// Where an own variant's body names the variant, so that variants with
/// the same fields share one body.
const VARIANT: &str = "Self::$variant";

/// The arms of the match on the code, grouped by body: the variants of a
/// type mostly have the same fields, so one body, written once, serves
/// them all, and each variant adds its code and its name.
#[derive(Default)]
struct Bodies {
    /// Each distinct body, and the codes and variants that have it.
    groups: Vec<(String, Vec<(String, String)>)>,
}

impl Bodies {
    fn add(&mut self, body: String, code: &str, variant: &Ident) {
        let member = (text::lit(code), variant.to_string());
        match self.groups.iter_mut().find(|(b, _)| *b == body) {
            Some((_, members)) => members.push(member),
            None => self.groups.push((body, vec![member])),
        }
    }

    /// The local macros that build a shared body for a variant, and the
    /// arms. A body of one variant is written in its arm; one that names
    /// no variant (an error) is shared by an or-pattern of codes.
    fn to_text(&self) -> (String, String) {
        let mut macros = String::new();
        let mut arms = String::new();
        for (index, (body, members)) in self.groups.iter().enumerate() {
            if let [(code, variant)] = members.as_slice() {
                let path = format!("Self::{variant}");
                let _ = writeln!(arms, "{code} => {},", body.replace(VARIANT, &path));
            } else if body.contains(VARIANT) {
                let _ = writeln!(
                    macros,
                    "macro_rules! __terror_rebuild_{index} {{ ($variant:ident) => {{ {body} }}; }}"
                );
                for (code, variant) in members {
                    let _ = writeln!(arms, "{code} => __terror_rebuild_{index}!({variant}),");
                }
            } else {
                for chunk in members.chunks(text::MAX_ALTERNATIVES) {
                    let codes: Vec<&str> = chunk.iter().map(|(code, _)| code.as_str()).collect();
                    let _ = writeln!(arms, "{} => {body},", codes.join(" | "));
                }
            }
        }
        (macros, arms)
    }
}

/// Writes `Ok(Self::Variant { .. })` from the parts, or the error saying
/// why it cannot be; an enum's variant is written `Self::$variant` (see
/// `Bodies`).
fn own_body(
    out: &mut String,
    container: &Container<'_>,
    variant: &Variant<'_>,
    own: &Own<'_>,
    probes: &mut Probes,
) {
    let path = if container.is_struct() {
        "Self"
    } else {
        VARIANT
    };
    let not_rebuildable = |out: &mut String, member: &Member, reason: &str| {
        let _ = write!(
            out,
            "::core::result::Result::Err(_terror::__private::DecodeError::NotRebuildable {{ \
             code: ::std::borrow::ToOwned::to_owned(parts.code), field: {}, \
             reason: _terror::__private::NotRebuildable::{reason} }})",
            text::lit(&field_name(member)),
        );
    };
    if let Some(source) = variant.fields.iter().find(|f| f.is_source) {
        return not_rebuildable(out, &source.member, "Source");
    }
    // Trait selection ignores lifetimes: the probe would pick `Deserialize`
    // for `&'static str`, which then fails to compile.
    if let Some(arg) = own.args.iter().find(|a| borrows(a.ty)) {
        let rust_type = text::lit(arg.written);
        return not_rebuildable(
            out,
            arg.member,
            &format!("NotDeserializable {{ rust_type: {rust_type} }}"),
        );
    }
    let _ = write!(out, "::core::result::Result::Ok({path} {{ ");
    for field in &variant.fields {
        let member = &field.member;
        let written = &field.written;
        let name = text::lit(&field_name(member));
        let rust_type = text::lit(written);
        let _ = write!(out, "{}: ", text::member(member));
        let _ = if own
            .errors_field
            .is_some_and(|errors| errors.member == *member)
        {
            let children = probes.children(field);
            write!(out, "{children}(parts, {name}, {rust_type})?, ")
        } else if let Some(arg) = own.args.iter().find(|a| *a.member == *member) {
            let decode = probes.decode(field.ty, written);
            write!(
                out,
                "{decode}(parts, {}, {name}, {rust_type})?, ",
                text::lit(&arg.name)
            )
        } else {
            // Skipped: never sent.
            let default = probes.skipped(field.ty, written);
            write!(out, "{default}(parts.code, {name}, {rust_type})?, ")
        };
    }
    out.push_str("})");
}
