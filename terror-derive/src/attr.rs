//! Parsing `#[terror(...)]` attributes into [`Attrs`].

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::discouraged::Speculative as _;
use syn::spanned::Spanned as _;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr};

use crate::status;
use terror_ftl::ids::GRPC_CODES;
use terror_ftl::suggest::closest;

/// Every key, named once.
pub(crate) mod kw {
    pub(crate) const PREFIX: &str = "prefix";
    pub(crate) const STATUS: &str = "status";
    pub(crate) const GRPC: &str = "grpc";
    pub(crate) const CODE: &str = "code";
    pub(crate) const MESSAGE: &str = "message";
    pub(crate) const REDACT: &str = "redact";
    pub(crate) const RETRY_AFTER: &str = "retry_after";
    pub(crate) const TRANSPARENT: &str = "transparent";
    pub(crate) const SKIP: &str = "skip";
    pub(crate) const ERRORS: &str = "errors";
    pub(crate) const RENAME: &str = "rename";
    pub(crate) const LOCALES: &str = "locales";
    pub(crate) const DEFAULT_LOCALE: &str = "default_locale";
    pub(crate) const CRATE: &str = "crate";
    pub(crate) const INTO_RESPONSE: &str = "into_response";
    pub(crate) const DEPRECATED: &str = "deprecated";

    pub(crate) const ALL: &[&str] = &[
        PREFIX,
        STATUS,
        GRPC,
        CODE,
        MESSAGE,
        REDACT,
        RETRY_AFTER,
        TRANSPARENT,
        SKIP,
        ERRORS,
        RENAME,
        LOCALES,
        DEFAULT_LOCALE,
        CRATE,
        INTO_RESPONSE,
        DEPRECATED,
    ];
}

/// A value with its own span, for errors about the value, and its key's,
/// for errors about the key being there at all.
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
    pub(crate) key: Span,
}

impl<T> Spanned<T> {
    fn new(value: T, span: Span, key: Span) -> Self {
        Spanned { value, span, key }
    }
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
    /// `grpc = NAME`: one of `terror_ftl::ids::GRPC_CODES`, never `OK`.
    pub(crate) grpc: Option<Spanned<&'static str>>,
    pub(crate) code: Option<Spanned<String>>,
    pub(crate) message: Option<Spanned<String>>,
    /// `redact = false`: a 5xx shows its details.
    pub(crate) redact: Option<Spanned<bool>>,
    pub(crate) retry_after: Option<Spanned<u64>>,
    pub(crate) transparent: Option<Span>,
    pub(crate) skip: Option<Span>,
    pub(crate) errors: Option<Span>,
    /// The child error types of an `errors(A, B)` field, for documentation.
    pub(crate) error_types: Vec<syn::Type>,
    pub(crate) rename: Option<Spanned<String>>,
    pub(crate) locales: Option<Spanned<String>>,
    pub(crate) default_locale: Option<Spanned<String>>,
    /// The path to terror-core, for a crate that renames or re-exports it.
    pub(crate) krate: Option<Spanned<syn::Path>>,
    /// `into_response = false`: no generated `IntoResponse`.
    pub(crate) into_response: Option<Spanned<bool>>,
    /// `deprecated = "use volume.missing"`: the code stays, with a note.
    pub(crate) deprecated: Option<Spanned<String>>,
}

impl Attrs {
    /// The keys present, with the spans of the keys, in a fixed order.
    pub(crate) fn present(&self) -> Vec<(&'static str, Span)> {
        let mut out = Vec::new();
        let mut add = |name, span: Option<Span>| {
            if let Some(span) = span {
                out.push((name, span));
            }
        };
        add(kw::PREFIX, self.prefix.as_ref().map(|s| s.key));
        add(kw::STATUS, self.status.as_ref().map(|s| s.key));
        add(kw::GRPC, self.grpc.as_ref().map(|s| s.key));
        add(kw::CODE, self.code.as_ref().map(|s| s.key));
        add(kw::MESSAGE, self.message.as_ref().map(|s| s.key));
        add(kw::REDACT, self.redact.as_ref().map(|s| s.key));
        add(kw::RETRY_AFTER, self.retry_after.as_ref().map(|s| s.key));
        add(kw::TRANSPARENT, self.transparent);
        add(kw::SKIP, self.skip);
        add(kw::ERRORS, self.errors);
        add(kw::RENAME, self.rename.as_ref().map(|s| s.key));
        add(kw::LOCALES, self.locales.as_ref().map(|s| s.key));
        add(
            kw::DEFAULT_LOCALE,
            self.default_locale.as_ref().map(|s| s.key),
        );
        add(kw::CRATE, self.krate.as_ref().map(|s| s.key));
        add(
            kw::INTO_RESPONSE,
            self.into_response.as_ref().map(|s| s.key),
        );
        add(kw::DEPRECATED, self.deprecated.as_ref().map(|s| s.key));
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
    let mut seen = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("terror") {
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| parse_key(&meta, &mut out, &mut seen, errors));
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    out
}

/// Parses one `key` or `key = value`. A value that parses but is wrong is
/// reported to `errors` and the remaining keys are still read; only tokens
/// that cannot be parsed at all stop the attribute.
fn parse_key(
    meta: &ParseNestedMeta<'_>,
    out: &mut Attrs,
    seen: &mut Vec<&'static str>,
    errors: &mut Errors,
) -> syn::Result<()> {
    let Some(ident) = meta.path.get_ident() else {
        return Err(meta.error("expected a key such as `status` in #[terror(...)]"));
    };
    let name = ident.to_string();
    let key_span = ident.span();
    let Some(&key) = kw::ALL.iter().find(|k| **k == name) else {
        skip_value(meta)?;
        let hint = closest(&name, kw::ALL.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        errors.at(
            key_span,
            format!("unknown key `{name}` in #[terror(...)]{hint}"),
        );
        return Ok(());
    };
    if seen.contains(&key) {
        skip_value(meta)?;
        errors.at(key_span, format!("duplicate `{key}` in #[terror(...)]"));
        return Ok(());
    }
    seen.push(key);
    match key {
        kw::PREFIX
        | kw::CODE
        | kw::MESSAGE
        | kw::RENAME
        | kw::LOCALES
        | kw::DEFAULT_LOCALE
        | kw::DEPRECATED => {
            let Some(lit) = string_value(meta, key, errors)? else {
                return Ok(());
            };
            let slot = match key {
                kw::PREFIX => &mut out.prefix,
                kw::CODE => &mut out.code,
                kw::MESSAGE => &mut out.message,
                kw::LOCALES => &mut out.locales,
                kw::DEFAULT_LOCALE => &mut out.default_locale,
                kw::DEPRECATED => &mut out.deprecated,
                _ => &mut out.rename,
            };
            *slot = Some(Spanned::new(lit.value(), lit.span(), key_span));
        }
        kw::CRATE => crate_path(meta, out, key_span, errors)?,
        kw::INTO_RESPONSE => into_response(meta, out, key_span, errors)?,
        kw::REDACT => redact(meta, out, key_span, errors)?,
        kw::STATUS => {
            let expr = value(meta)?;
            match parse_status(&expr) {
                Ok(status) => out.status = Some(Spanned::new(status, expr.span(), key_span)),
                Err(error) => errors.push(error),
            }
        }
        kw::GRPC => {
            let expr = value(meta)?;
            match grpc_code(&expr) {
                Ok((name, span)) => out.grpc = Some(Spanned::new(name, span, key_span)),
                Err(error) => errors.push(error),
            }
        }
        kw::RETRY_AFTER => {
            let expr = value(meta)?;
            match retry_after(&expr) {
                Ok((seconds, span)) => {
                    out.retry_after = Some(Spanned::new(seconds, span, key_span));
                }
                Err(error) => errors.push(error),
            }
        }
        kw::ERRORS if meta.input.peek(syn::token::Paren) => {
            // `errors(ValidationError, ...)`: the child error types, which
            // the OpenAPI examples show.
            let content;
            syn::parenthesized!(content in meta.input);
            let types = syn::punctuated::Punctuated::<syn::Type, syn::Token![,]>::parse_terminated(
                &content,
            )?;
            out.error_types = types.into_iter().collect();
            out.errors = Some(key_span);
        }
        _ => {
            if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
                skip_value(meta)?;
                errors.push(meta.error(format!("`{key}` takes no value: write #[terror({key})]")));
                return Ok(());
            }
            let slot = match key {
                kw::TRANSPARENT => &mut out.transparent,
                kw::SKIP => &mut out.skip,
                _ => &mut out.errors,
            };
            *slot = Some(key_span);
        }
    }
    Ok(())
}

/// `crate = "path"`, as serde writes it, or `crate = path`.
fn crate_path(
    meta: &ParseNestedMeta<'_>,
    out: &mut Attrs,
    key_span: Span,
    errors: &mut Errors,
) -> syn::Result<()> {
    let expr = value(meta)?;
    let path = match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => lit.parse::<syn::Path>().map_err(|_| lit.span()),
        Expr::Path(path) if path.qself.is_none() => Ok(path.path.clone()),
        other => Err(other.span()),
    };
    match path {
        Ok(path) => out.krate = Some(Spanned::new(path, expr.span(), key_span)),
        Err(span) => errors.at(
            span,
            "expected the path to terror-core: `crate = \"my_errors::terror_core\"`",
        ),
    }
    Ok(())
}

/// `into_response = false`.
fn into_response(
    meta: &ParseNestedMeta<'_>,
    out: &mut Attrs,
    key_span: Span,
    errors: &mut Errors,
) -> syn::Result<()> {
    let expr = value(meta)?;
    match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Bool(lit),
            ..
        }) => out.into_response = Some(Spanned::new(lit.value, lit.span(), key_span)),
        other => errors.push(syn::Error::new_spanned(
            other,
            "expected `into_response = false` (to write your own `IntoResponse`)",
        )),
    }
    Ok(())
}

/// `redact = false` (or the default, `redact = true`).
fn redact(
    meta: &ParseNestedMeta<'_>,
    out: &mut Attrs,
    key_span: Span,
    errors: &mut Errors,
) -> syn::Result<()> {
    const EXPECTED: &str = "expected `redact = false` (a 5xx shows its details) or `redact = true`";
    if !meta.input.peek(syn::Token![=]) {
        skip_value(meta)?;
        errors.at(key_span, EXPECTED);
        return Ok(());
    }
    let expr = value(meta)?;
    match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Bool(lit),
            ..
        }) => out.redact = Some(Spanned::new(lit.value, lit.span(), key_span)),
        other => errors.push(syn::Error::new_spanned(other, EXPECTED)),
    }
    Ok(())
}

/// Consumes `= <expr>` or `(...)` after a key that is not going to be used.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _ = value(meta)?;
    } else if meta.input.peek(syn::token::Paren) {
        let _ = meta.parse_nested_meta(|_| Ok(()));
    }
    Ok(())
}

/// The value of `key = value`. A lone literal, what a value usually is
/// (`status = 404`, `code = "..."`), is read as one: the parser of every
/// expression costs a great deal more, and runs for each variant.
fn value(meta: &ParseNestedMeta<'_>) -> syn::Result<Expr> {
    let input = meta.value()?;
    let fork = input.fork();
    if let Ok(lit) = fork.parse::<Lit>() {
        if fork.is_empty() || fork.peek(syn::Token![,]) {
            input.advance_to(&fork);
            return Ok(Expr::Lit(ExprLit {
                attrs: Vec::new(),
                lit,
            }));
        }
    }
    input.parse()
}

/// `key = "..."`: the string, or `None` after reporting a non-string value.
fn string_value(
    meta: &ParseNestedMeta<'_>,
    key: &str,
    errors: &mut Errors,
) -> syn::Result<Option<LitStr>> {
    let expr = value(meta)?;
    if let Expr::Lit(ExprLit {
        lit: Lit::Str(lit), ..
    }) = expr
    {
        return Ok(Some(lit));
    }
    errors.push(syn::Error::new_spanned(
        expr,
        format!("expected a string: `{key} = \"...\"`"),
    ));
    Ok(None)
}

fn retry_after(expr: &Expr) -> syn::Result<(u64, Span)> {
    if let Expr::Lit(ExprLit {
        lit: Lit::Int(lit), ..
    }) = expr
    {
        return Ok((lit.base10_parse()?, lit.span()));
    }
    Err(syn::Error::new_spanned(
        expr,
        "expected `retry_after = <seconds>`, such as `retry_after = 30`",
    ))
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
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => {
            status_constant(&path.path)
        }
        other => Err(syn::Error::new_spanned(
            other,
            "expected a status number such as `404` or a `StatusCode` constant such as `NOT_FOUND`",
        )),
    }
}

/// `NAME`, `StatusCode::NAME` or `<any path>::StatusCode::NAME`.
fn status_constant(path: &syn::Path) -> syn::Result<Status> {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let shaped = segments.iter().all(|s| s.arguments.is_none())
        && match segments.as_slice() {
            [_] => path.leading_colon.is_none(),
            [.., ty, _] => ty.ident == "StatusCode",
            [] => false,
        };
    let (true, Some(last)) = (shaped, segments.last()) else {
        return Err(syn::Error::new_spanned(
            path,
            "expected a `StatusCode` constant such as `NOT_FOUND` or `StatusCode::NOT_FOUND`",
        ));
    };
    let name = last.ident.to_string();
    status::by_name(&name)
        .map(|code| Status { code })
        .ok_or_else(|| {
            let hint = closest(&name, status::names())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            syn::Error::new(
                last.ident.span(),
                format!("unknown status `{name}`: not a `StatusCode` constant{hint}"),
            )
        })
}

/// `NAME` or `GrpcCode::NAME` (after any path): a gRPC code's name, as
/// `google.rpc.Code` spells it, other than `OK`.
fn grpc_code(expr: &Expr) -> syn::Result<(&'static str, Span)> {
    const EXPECTED: &str =
        "expected a gRPC code such as `FAILED_PRECONDITION` or `GrpcCode::FAILED_PRECONDITION`";
    let Expr::Path(path) = expr else {
        return Err(syn::Error::new_spanned(expr, EXPECTED));
    };
    let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
    let shaped = path.qself.is_none()
        && segments.iter().all(|s| s.arguments.is_none())
        && match segments.as_slice() {
            [_] => path.path.leading_colon.is_none(),
            [.., ty, _] => ty.ident == "GrpcCode",
            [] => false,
        };
    let (true, Some(last)) = (shaped, segments.last()) else {
        return Err(syn::Error::new_spanned(expr, EXPECTED));
    };
    let name = last.ident.to_string();
    let span = last.ident.span();
    match GRPC_CODES.iter().find(|code| **code == name) {
        Some(&"OK") => Err(syn::Error::new(
            span,
            "`OK` is gRPC's code for success, not for an error: choose one such as `FAILED_PRECONDITION`",
        )),
        Some(&code) => Ok((code, span)),
        None => {
            let hint = closest(&name, GRPC_CODES.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            Err(syn::Error::new(
                span,
                format!("unknown gRPC code `{name}`: not a `google.rpc.Code` name{hint}"),
            ))
        }
    }
}

/// Whether a field carries one of thiserror's attributes that make it the
/// error's source (or backtrace).
pub(crate) fn is_source_attr(attr: &Attribute) -> bool {
    let path = attr.path();
    path.is_ident("source") || path.is_ident("from") || path.is_ident("backtrace")
}
