//! Parsing `#[terror(...)]` attributes into [`Attrs`].

use proc_macro2::Span;
use syn::spanned::Spanned as _;
use syn::{Attribute, Expr, ExprLit, Lit, LitInt, LitStr};

use crate::case::closest;
use crate::status;

/// Every key, named once.
pub(crate) mod kw {
    pub(crate) const PREFIX: &str = "prefix";
    pub(crate) const STATUS: &str = "status";
    pub(crate) const CODE: &str = "code";
    pub(crate) const MESSAGE: &str = "message";
    pub(crate) const EXPOSE: &str = "expose";
    pub(crate) const RETRY_AFTER: &str = "retry_after";
    pub(crate) const TRANSPARENT: &str = "transparent";
    pub(crate) const SKIP: &str = "skip";
    pub(crate) const ERRORS: &str = "errors";
    pub(crate) const RENAME: &str = "rename";

    pub(crate) const ALL: &[&str] = &[
        PREFIX,
        STATUS,
        CODE,
        MESSAGE,
        EXPOSE,
        RETRY_AFTER,
        TRANSPARENT,
        SKIP,
        ERRORS,
        RENAME,
    ];
}

/// A value with the span of its key, for errors that point at it.
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// A validated HTTP status.
pub(crate) struct Status {
    pub(crate) code: u16,
}

/// Every `#[terror(...)]` key found on one item. Which keys are allowed where
/// is checked in `valid.rs`.
#[derive(Default)]
pub(crate) struct Attrs {
    pub(crate) prefix: Option<Spanned<String>>,
    pub(crate) status: Option<Spanned<Status>>,
    pub(crate) code: Option<Spanned<String>>,
    pub(crate) message: Option<Spanned<String>>,
    pub(crate) expose: Option<Span>,
    pub(crate) retry_after: Option<Spanned<u64>>,
    pub(crate) transparent: Option<Span>,
    pub(crate) skip: Option<Span>,
    pub(crate) errors: Option<Span>,
    pub(crate) rename: Option<Spanned<String>>,
}

impl Attrs {
    /// The keys present, with their spans, in a fixed order.
    pub(crate) fn present(&self) -> Vec<(&'static str, Span)> {
        let mut out = Vec::new();
        let mut add = |name, span: Option<Span>| {
            if let Some(span) = span {
                out.push((name, span));
            }
        };
        add(kw::PREFIX, self.prefix.as_ref().map(|s| s.span));
        add(kw::STATUS, self.status.as_ref().map(|s| s.span));
        add(kw::CODE, self.code.as_ref().map(|s| s.span));
        add(kw::MESSAGE, self.message.as_ref().map(|s| s.span));
        add(kw::EXPOSE, self.expose);
        add(kw::RETRY_AFTER, self.retry_after.as_ref().map(|s| s.span));
        add(kw::TRANSPARENT, self.transparent);
        add(kw::SKIP, self.skip);
        add(kw::ERRORS, self.errors);
        add(kw::RENAME, self.rename.as_ref().map(|s| s.span));
        out
    }
}

/// Collects errors instead of stopping at the first.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    pub(crate) fn into_result(self) -> Result<(), syn::Error> {
        self.0.map_or(Ok(()), Err)
    }
}

/// Parses every `#[terror(...)]` among `attrs`.
pub(crate) fn parse(attrs: &[Attribute], errors: &mut Errors) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs {
        if !attr.path().is_ident("terror") {
            continue;
        }
        if let Err(error) = attr.parse_nested_meta(|meta| parse_key(&meta, &mut out, errors)) {
            errors.push(error);
        }
    }
    out
}

fn parse_key(
    meta: &syn::meta::ParseNestedMeta<'_>,
    out: &mut Attrs,
    errors: &mut Errors,
) -> syn::Result<()> {
    let Some(ident) = meta.path.get_ident() else {
        return Err(meta.error("expected a key such as `status` in #[terror(...)]"));
    };
    let key = ident.to_string();
    let span = ident.span();
    let duplicate =
        |errors: &mut Errors| errors.at(span, format!("duplicate `{key}` in #[terror(...)]"));
    match key.as_str() {
        kw::PREFIX | kw::CODE | kw::MESSAGE | kw::RENAME => {
            let lit: LitStr = string_value(meta, &key)?;
            let slot = match key.as_str() {
                kw::PREFIX => &mut out.prefix,
                kw::CODE => &mut out.code,
                kw::MESSAGE => &mut out.message,
                _ => &mut out.rename,
            };
            if slot.is_some() {
                duplicate(errors);
            } else {
                *slot = Some(Spanned {
                    value: lit.value(),
                    span: lit.span(),
                });
            }
        }
        kw::STATUS => {
            let expr: Expr = meta.value()?.parse()?;
            let parsed = parse_status(&expr)?;
            if out.status.is_some() {
                duplicate(errors);
            } else {
                out.status = Some(Spanned {
                    value: parsed,
                    span: expr.span(),
                });
            }
        }
        kw::RETRY_AFTER => {
            let lit: LitInt = meta.value()?.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `retry_after = <seconds>`, such as `retry_after = 30`",
                )
            })?;
            let seconds: u64 = lit.base10_parse()?;
            if out.retry_after.is_some() {
                duplicate(errors);
            } else {
                out.retry_after = Some(Spanned {
                    value: seconds,
                    span: lit.span(),
                });
            }
        }
        kw::EXPOSE | kw::TRANSPARENT | kw::SKIP | kw::ERRORS => {
            if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
                return Err(meta.error(format!("`{key}` takes no value: write #[terror({key})]")));
            }
            let slot = match key.as_str() {
                kw::EXPOSE => &mut out.expose,
                kw::TRANSPARENT => &mut out.transparent,
                kw::SKIP => &mut out.skip,
                _ => &mut out.errors,
            };
            if slot.is_some() {
                duplicate(errors);
            } else {
                *slot = Some(span);
            }
        }
        _ => {
            let hint = closest(&key, kw::ALL.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            // Skip the value so the remaining keys are still read.
            if meta.input.peek(syn::Token![=]) {
                let _: Expr = meta.value()?.parse()?;
            } else if meta.input.peek(syn::token::Paren) {
                let _ = meta.parse_nested_meta(|_| Ok(()));
            }
            errors.at(span, format!("unknown key `{key}` in #[terror(...)]{hint}"));
        }
    }
    Ok(())
}

fn string_value(meta: &syn::meta::ParseNestedMeta<'_>, key: &str) -> syn::Result<LitStr> {
    let value = meta.value()?;
    let expr: Expr = value.parse()?;
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(lit),
        other => Err(syn::Error::new(
            other.span(),
            format!("expected a string: `{key} = \"...\"`"),
        )),
    }
}

fn parse_status(expr: &Expr) -> syn::Result<Status> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => {
            let code: u64 = lit.base10_parse()?;
            match u16::try_from(code) {
                Ok(code) if (100..=599).contains(&code) => Ok(Status { code }),
                _ => Err(syn::Error::new(
                    lit.span(),
                    format!("unknown status `{code}`: expected a number from 100 to 599 or a `StatusCode` constant such as `NOT_FOUND`"),
                )),
            }
        }
        Expr::Path(path) if path.qself.is_none() => {
            let last = path
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            match status::by_name(&last) {
                Some(code) => Ok(Status { code }),
                None => {
                    let hint = closest(&last, status::names())
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    Err(syn::Error::new(
                        path.span(),
                        format!("unknown status `{last}`: not a `StatusCode` constant{hint}"),
                    ))
                }
            }
        }
        other => Err(syn::Error::new(
            other.span(),
            "expected a status number such as `404` or a `StatusCode` constant such as `NOT_FOUND`",
        )),
    }
}

/// Whether a field carries one of thiserror's attributes that make it the
/// error's source (or backtrace).
pub(crate) fn is_source_attr(attr: &Attribute) -> bool {
    let path = attr.path();
    path.is_ident("source") || path.is_ident("from") || path.is_ident("backtrace")
}
