//! The catalog table: each own variant's `CatalogEntry` in one `static`,
//! which the `Terror` impl reads and the process-wide catalog lists, and
//! the `Entries` and `IntoResponses` impls that read it.

use std::fmt::Write as _;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::Ident;

use crate::ast::Container;
use crate::text;
use crate::valid::{Arg, Resolved, Shape};

/// The table of every own variant's `CatalogEntry`, in declaration order:
/// the `static` the `Terror` impl reads (see `expand::impl_terror`), the
/// process-wide catalog lists and `Entries` returns. Its name inside the
/// generated block.
pub(crate) const TABLE: &str = "__TERROR_ENTRIES";

/// The local constructor of a usual entry (see `entry`), declared only
/// when a row calls it.
const USUAL_ENTRY: &str = "__terror_entry(";

/// The table, its registration in the process-wide catalog, and the
/// `Entries` and `IntoResponses` impls that read it.
pub(crate) fn register(container: &Container<'_>, resolved: &[Resolved<'_>]) -> TokenStream {
    let mut arg_lists = ArgLists::default();
    let mut child_lists = ChildLists::default();
    let mut rows = String::new();
    for r in resolved {
        entry(&mut rows, container, r, &mut arg_lists, &mut child_lists);
    }
    let mut consts = String::new();
    arg_lists.to_text(&mut consts);
    let consts = text::parse(&consts);
    let child_lists = child_lists.tokens;
    let calls_usual = rows.contains(USUAL_ENTRY);
    let rows = text::parse(&rows);
    let table = Ident::new(TABLE, Span::call_site());
    let len = resolved
        .iter()
        .filter(|r| matches!(r.shape, Shape::Own(_)))
        .count();
    // One registration per type, not per variant: each is a static and a
    // constructor function for the compiler to build.
    let submit = (len > 0).then(|| {
        quote! {
            _terror::__private::inventory::submit! {
                _terror::__private::RegisteredEntries(&#table)
            }
        }
    });
    // Written once, not in every entry; so is the path of the usual
    // entry's constructor, which a row calls by a short local name.
    let usual_entry = calls_usual.then(|| {
        quote! {
            const fn __terror_entry(
                variant: &'static str,
                code: &'static str,
                status: u16,
                message_id: &'static str,
                args: &'static [_terror::__private::ArgInfo],
            ) -> _terror::__private::CatalogEntry {
                _terror::__private::entry(__TERROR_TYPE, variant, code, status, message_id, args)
            }
        }
    });
    let type_name = (len > 0).then(|| {
        let name = container.ident.to_string();
        quote! {
            const __TERROR_TYPE: &str = ::core::concat!(::core::module_path!(), "::", #name);
            #usual_entry
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
    // The distinct lists of arg types, for their schemas: the variants'
    // entries name their types as written, so a list is matched to its
    // entries by those names and no variant is named here.
    let mut type_lists: Vec<&[Arg<'_>]> = Vec::new();
    for r in resolved {
        if let Shape::Own(own) = &r.shape {
            let same = |list: &&[Arg<'_>]| {
                list.len() == own.args.len()
                    && list
                        .iter()
                        .zip(&own.args)
                        .all(|(a, b)| a.written == b.written)
            };
            if !type_lists.iter().any(same) {
                type_lists.push(&own.args);
            }
        }
    }
    let arg_types = type_lists.iter().map(|args| {
        let args = args.iter().map(|arg| {
            let ty = arg.ty;
            let written = arg.written;
            quote!((#ty, #written))
        });
        quote!([#(#args),*])
    });
    let params = &container.generics.params;
    let mut bounds: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(ToTokens::to_token_stream).collect())
        .unwrap_or_default();
    bounds.push(quote!(Self: _terror::__private::Entries));
    quote! {
        #type_name
        #consts
        #child_lists
        static #table: [_terror::__private::CatalogEntry; #len] = [#rows];
        #submit

        #[automatically_derived]
        impl #impl_generics _terror::__private::Entries for #ident #ty_generics #where_clause {
            fn entries() -> &'static [_terror::__private::CatalogEntry] {
                &#table
            }
        }

        _terror::__private::impl_into_responses!([#params] #ident #ty_generics [#(#bounds,)*] [#(#children),*] [#(#arg_types),*]);
    }
}

/// The distinct lists of args, each a constant the entries share: many
/// variants of a type carry the same fields.
#[derive(Default)]
struct ArgLists {
    /// Each list's `ArgInfo`s, as text.
    lists: Vec<String>,
}

impl ArgLists {
    /// The name of the constant holding `list`.
    fn of(&mut self, list: String) -> String {
        let index = self
            .lists
            .iter()
            .position(|l| *l == list)
            .unwrap_or_else(|| {
                self.lists.push(list);
                self.lists.len() - 1
            });
        format!("__TERROR_ARGS_{index}")
    }

    fn to_text(&self, out: &mut String) {
        for (index, list) in self.lists.iter().enumerate() {
            let _ = writeln!(
                out,
                "const __TERROR_ARGS_{index}: &[_terror::__private::ArgInfo] = &[{list}];"
            );
        }
    }
}

/// The `errors(A, B)` lists of child types, each a constant of its own:
/// they name the user's types, so they are tokens, not text.
#[derive(Default)]
struct ChildLists {
    tokens: TokenStream,
    count: usize,
}

impl ChildLists {
    fn add(&mut self, types: &[syn::Type]) -> String {
        let name = format_ident!("__TERROR_CHILDREN_{}", self.count);
        self.count += 1;
        self.tokens.extend(quote! {
            const #name: &[fn() -> &'static [_terror::__private::CatalogEntry]] =
                &[#(<#types as _terror::__private::Entries>::entries),*];
        });
        name.to_string()
    }
}

/// Writes the catalog entry of an own variant, a constant expression, as a
/// row of the table.
fn entry(
    out: &mut String,
    container: &Container<'_>,
    r: &Resolved<'_>,
    arg_lists: &mut ArgLists,
    child_lists: &mut ChildLists,
) {
    let Shape::Own(own) = &r.shape else {
        return;
    };
    let code = text::lit(&own.code);
    let status = own.status;
    let message_id = text::lit(&own.message_id);
    let variant = if container.is_struct() {
        String::new()
    } else {
        r.variant.ident.to_string()
    };
    let variant = text::lit(&variant);
    let args = if own.args.is_empty() {
        "&[]".to_owned()
    } else {
        let mut list = String::new();
        for arg in &own.args {
            let _ = write!(
                list,
                "_terror::__private::ArgInfo::__new({}, {}), ",
                text::lit(&arg.name),
                text::lit(arg.written)
            );
        }
        arg_lists.of(list)
    };
    let usual =
        r.variant.docs.is_none() && own.retry_after.is_none() && own.redacted == (status >= 500);
    let _ = if usual {
        write!(
            out,
            "{USUAL_ENTRY}{variant}, {code}, {status}, {message_id}, {args})"
        )
    } else {
        let retry_after = own.retry_after.map(|s| s.to_string());
        write!(
            out,
            "_terror::__private::CatalogEntry::__new({code}, {status}, {message_id}, {args}, {}, {}, {}, __TERROR_TYPE, {variant})",
            text::option_lit(r.variant.docs.as_deref()),
            own.redacted,
            retry_after.map_or_else(
                || "_terror::__private::Option::None".to_owned(),
                |s| format!("_terror::__private::Option::Some({s})")
            ),
        )
    };
    if let Some(name) = own.grpc {
        let _ = write!(out, ".__with_grpc(_terror::__private::GrpcCode::{name})");
    }
    if let Some(note) = &own.deprecated {
        let _ = write!(out, ".__with_deprecated({})", text::lit(note));
    }
    // The codes `errors` may hold, read from the declared child types when
    // the catalog asks (their entries are theirs to list).
    if let Some(field) = own.errors_field {
        let types = &field.attrs.error_types;
        if types.is_empty() {
            out.push_str(".__with_any_children()");
        } else {
            let _ = write!(out, ".__with_children({})", child_lists.add(types));
        }
    }
    out.push_str(",\n");
}
