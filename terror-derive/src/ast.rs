//! The derive input as terror sees it: a container with variants and fields,
//! borrowing the syn nodes.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{self, Attrs, Errors};
use crate::rust_type;

pub(crate) struct Container<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    pub(crate) attrs: Attrs,
    pub(crate) kind: Kind<'a>,
}

pub(crate) enum Kind<'a> {
    Enum(Vec<Variant<'a>>),
    /// A struct: its attributes are both the container's and the variant's.
    Struct(Box<Variant<'a>>),
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    /// Empty for a struct, whose attributes live on the container.
    pub(crate) attrs: Attrs,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) docs: Option<String>,
    pub(crate) span: Span,
}

pub(crate) struct Field<'a> {
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    /// The type as written (`rust_type::as_written`), made once: the
    /// catalog, the decoder and the grouping of variants all read it.
    pub(crate) written: String,
    pub(crate) attrs: Attrs,
    /// thiserror's `#[source]`, `#[from]`, `#[backtrace]`, or a field named
    /// `source`: never an arg.
    pub(crate) is_source: bool,
    /// The field's name, or its type for a tuple field.
    pub(crate) span: Span,
    /// The doc comment, which describes the arg in a message stub.
    pub(crate) docs: Option<String>,
}

impl<'a> Container<'a> {
    /// `None` for a union, after reporting it.
    pub(crate) fn from_syn(input: &'a DeriveInput, errors: &mut Errors) -> Option<Self> {
        let attrs = attr::parse(&input.attrs, errors);
        let kind = match &input.data {
            Data::Enum(data) => Kind::Enum(
                data.variants
                    .iter()
                    .map(|v| Variant {
                        ident: &v.ident,
                        attrs: attr::parse(&v.attrs, errors),
                        fields: fields(&v.fields, errors),
                        docs: docs(&v.attrs),
                        span: v.ident.span(),
                    })
                    .collect(),
            ),
            Data::Struct(data) => Kind::Struct(Box::new(Variant {
                ident: &input.ident,
                attrs: Attrs::default(),
                fields: fields(&data.fields, errors),
                docs: docs(&input.attrs),
                span: input.ident.span(),
            })),
            Data::Union(data) => {
                errors.at(
                    data.union_token.span,
                    "#[derive(Terror)] supports enums and structs, not unions",
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            kind,
        })
    }

    pub(crate) fn variants(&self) -> &[Variant<'a>] {
        match &self.kind {
            Kind::Enum(variants) => variants,
            Kind::Struct(variant) => std::slice::from_ref(&**variant),
        }
    }

    pub(crate) fn is_struct(&self) -> bool {
        matches!(self.kind, Kind::Struct(_))
    }
}

fn fields<'a>(fields: &'a Fields, errors: &mut Errors) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| Field {
            member: f
                .ident
                .clone()
                .map_or_else(|| Member::from(i), Member::Named),
            ty: &f.ty,
            written: rust_type::as_written(&f.ty),
            attrs: attr::parse(&f.attrs, errors),
            is_source: f.attrs.iter().any(attr::is_source_attr)
                || f.ident.as_ref().is_some_and(|i| i == "source"),
            span: f.ident.as_ref().map_or_else(|| f.ty.span(), Ident::span),
            docs: docs(&f.attrs),
        })
        .collect()
}

/// The doc comment, with the one leading space rustdoc strips, trimmed.
fn docs(attrs: &[syn::Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                let line = s.value();
                lines.push(line.strip_prefix(' ').map(str::to_owned).unwrap_or(line));
            }
        }
    }
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}
