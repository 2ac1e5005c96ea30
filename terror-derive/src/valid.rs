//! Checks that span several attributes, and the resolved description of each
//! variant that expansion works from.

use proc_macro2::Span;
use rustc_hash::FxHashMap;
use syn::{Member, Type};

use crate::ast::{Container, Field, Variant};
use crate::attr::{kw, Attrs, Errors};
use crate::case;

/// Everything expansion needs to know about one variant.
pub(crate) struct Resolved<'a> {
    pub(crate) variant: &'a Variant<'a>,
    pub(crate) shape: Shape<'a>,
}

pub(crate) enum Shape<'a> {
    /// Delegates to the single field.
    Transparent {
        field: &'a Field<'a>,
    },
    Own(Own<'a>),
}

pub(crate) struct Own<'a> {
    pub(crate) code: String,
    /// The code's gRPC `ErrorInfo.reason`.
    pub(crate) reason: String,
    pub(crate) status: u16,
    /// The gRPC code the variant or its enum chose; `None` maps the status.
    pub(crate) grpc: Option<&'static str>,
    pub(crate) message_id: String,
    /// A 5xx that does not say `redact = false`.
    pub(crate) redacted: bool,
    pub(crate) retry_after: Option<u64>,
    /// The note of `deprecated = "..."`.
    pub(crate) deprecated: Option<String>,
    pub(crate) args: Vec<Arg<'a>>,
    pub(crate) errors_field: Option<&'a Field<'a>>,
}

pub(crate) struct Arg<'a> {
    pub(crate) name: String,
    pub(crate) member: &'a Member,
    pub(crate) ty: &'a Type,
    /// The type as written, such as `Option<u32>`.
    pub(crate) written: &'a str,
}

const ENUM_KEYS: &[&str] = &[
    kw::PREFIX,
    kw::STATUS,
    kw::GRPC,
    kw::REDACT,
    kw::LOCALES,
    kw::DEFAULT_LOCALE,
    kw::CRATE,
    kw::INTO_RESPONSE,
];
const VARIANT_KEYS: &[&str] = &[
    kw::CODE,
    kw::STATUS,
    kw::GRPC,
    kw::MESSAGE,
    kw::REDACT,
    kw::RETRY_AFTER,
    kw::TRANSPARENT,
    kw::DEPRECATED,
];
const STRUCT_KEYS: &[&str] = &[
    kw::PREFIX,
    kw::CODE,
    kw::STATUS,
    kw::GRPC,
    kw::MESSAGE,
    kw::REDACT,
    kw::RETRY_AFTER,
    kw::TRANSPARENT,
    kw::LOCALES,
    kw::DEFAULT_LOCALE,
    kw::CRATE,
    kw::INTO_RESPONSE,
    kw::DEPRECATED,
];
const FIELD_KEYS: &[&str] = &[kw::SKIP, kw::ERRORS, kw::RENAME];

fn check_allowed(attrs: &Attrs, allowed: &[&str], place: &str, errors: &mut Errors) {
    for (key, span) in attrs.present() {
        if !allowed.contains(&key) {
            let where_ = match key {
                kw::PREFIX | kw::LOCALES | kw::DEFAULT_LOCALE | kw::CRATE | kw::INTO_RESPONSE => {
                    "only on the enum or struct"
                }
                kw::SKIP | kw::ERRORS | kw::RENAME => "only on fields",
                kw::STATUS | kw::GRPC | kw::REDACT => "on the enum, a variant or a struct",
                kw::CODE | kw::MESSAGE | kw::RETRY_AFTER | kw::TRANSPARENT | kw::DEPRECATED => {
                    "only on variants or structs"
                }
                _ => "not here",
            };
            errors.at(
                span,
                format!("`{key}` is not allowed on {place}: it belongs {where_}"),
            );
        }
    }
}

pub(crate) fn resolve<'a>(container: &'a Container<'a>, errors: &mut Errors) -> Vec<Resolved<'a>> {
    let is_struct = container.is_struct();
    if is_struct {
        check_allowed(&container.attrs, STRUCT_KEYS, "a struct", errors);
    } else {
        check_allowed(&container.attrs, ENUM_KEYS, "an enum", errors);
    }
    let prefix = container.attrs.prefix.as_ref().and_then(|p| {
        if case::is_code(&p.value) {
            Some(p.value.as_str())
        } else {
            errors.at(
                p.span,
                format!(
                    "invalid prefix `{}`: expected dotted snake_case such as `volume`",
                    p.value
                ),
            );
            None
        }
    });

    // By gRPC reason, which two codes can share (`a.b_c` and `a_b.c`):
    // a client of the gRPC transport could not tell them apart. The same
    // code has the same reason, so one map finds both.
    let mut reasons: FxHashMap<String, usize> = FxHashMap::default();
    let mut out = Vec::new();
    for variant in container.variants() {
        // A struct's own attributes are its variant attributes.
        let attrs = if is_struct {
            &container.attrs
        } else {
            &variant.attrs
        };
        if !is_struct {
            check_allowed(attrs, VARIANT_KEYS, "a variant", errors);
        }
        for field in &variant.fields {
            check_allowed(&field.attrs, FIELD_KEYS, "a field", errors);
        }
        if let Some(span) = attrs.transparent {
            if let Some(shape) = transparent(variant, attrs, span, errors) {
                out.push(Resolved { variant, shape });
            }
            continue;
        }
        let own = own(container, variant, attrs, prefix, errors);
        let first = reasons.get(&own.reason).and_then(|&at| match &out[at] {
            Resolved {
                variant: other,
                shape: Shape::Own(first),
            } => Some((other.ident, &first.code)),
            Resolved { .. } => None,
        });
        if let Some((other, other_code)) = first {
            let span = attrs.code.as_ref().map_or(variant.span, |c| c.span);
            let message = if *other_code == own.code {
                format!("duplicate code `{}`: `{other}` already uses it", own.code)
            } else {
                format!(
                    "code `{}` has the gRPC reason `{}`, as `{other_code}` of `{other}` has: \
                     a gRPC client could not tell them apart",
                    own.code, own.reason
                )
            };
            errors.at(span, message);
        } else {
            reasons.insert(own.reason.clone(), out.len());
        }
        out.push(Resolved {
            variant,
            shape: Shape::Own(own),
        });
    }
    out
}

fn transparent<'a>(
    variant: &'a Variant<'a>,
    attrs: &Attrs,
    span: Span,
    errors: &mut Errors,
) -> Option<Shape<'a>> {
    for (key, key_span) in attrs.present() {
        if key != kw::TRANSPARENT {
            errors.at(
                key_span,
                format!("`{key}` cannot be combined with `transparent`: the inner error decides"),
            );
        }
    }
    match variant.fields.as_slice() {
        [field] => {
            for (key, key_span) in field.attrs.present() {
                errors.at(
                    key_span,
                    format!("`{key}` cannot be used on the field of a `transparent` variant"),
                );
            }
            Some(Shape::Transparent { field })
        }
        fields => {
            errors.at(
                span,
                format!(
                    "`transparent` needs exactly one field (the inner error), found {}",
                    fields.len()
                ),
            );
            None
        }
    }
}

fn own<'a>(
    container: &Container<'_>,
    variant: &'a Variant<'a>,
    attrs: &Attrs,
    prefix: Option<&str>,
    errors: &mut Errors,
) -> Own<'a> {
    // The code, and where a reason that breaks AIP-193 is reported (none
    // for a code already refused).
    let (code, reason_span) = if let Some(code) = &attrs.code {
        if case::is_code(&code.value) {
            (code.value.clone(), Some(code.span))
        } else {
            errors.at(
                code.span,
                format!(
                    "invalid code `{}`: expected dotted snake_case such as `volume.not_found`",
                    code.value
                ),
            );
            (code.value.clone(), None)
        }
    } else {
        let name = case::snake_case(&variant.ident.to_string());
        let code = match prefix {
            Some(prefix) => format!("{prefix}.{name}"),
            None => name,
        };
        let span = match (&container.attrs.prefix, prefix) {
            // Reported already; the code without it would be a guess.
            (Some(_), None) => None,
            // The prefix when it is the longer part of the code, else the
            // variant, whose name made the rest.
            (Some(written), Some(valid)) if valid.len() * 2 > code.len() => Some(written.span),
            _ => Some(variant.span),
        };
        (code, span)
    };
    let reason = terror_ftl::ids::grpc_reason(&code);
    if let Some(span) = reason_span {
        check_reason(&code, &reason, span, errors);
    }
    let message_id = if let Some(message) = &attrs.message {
        if !case::is_fluent_id(&message.value) {
            errors.at(
                message.span,
                format!(
                    "invalid message id `{}`: expected a Fluent identifier such as `volume-not-found`",
                    message.value
                ),
            );
        }
        message.value.clone()
    } else {
        terror_ftl::ids::message_id(&code)
    };
    let status = attrs
        .status
        .as_ref()
        .or(container.attrs.status.as_ref())
        .map_or(500, |s| s.value.code);
    // On the enum, `redact` applies to its 5xx variants; on a variant or a
    // struct that is not a 5xx, it would say nothing.
    if let Some(redact) = &attrs.redact {
        if status < 500 {
            errors.at(
                redact.span,
                "only a server error (status 500 and above) is redacted; a client needs a 4xx's details to correct its request",
            );
        }
    }
    let grpc = attrs
        .grpc
        .as_ref()
        .or(container.attrs.grpc.as_ref())
        .map(|g| g.value);
    let redacted = status >= 500
        && attrs
            .redact
            .as_ref()
            .or(container.attrs.redact.as_ref())
            .is_none_or(|r| r.value);
    if let Some(note) = &attrs.deprecated {
        if note.value.trim().is_empty() {
            errors.at(
                note.span,
                "a deprecation needs a note that says what to use instead, such as `deprecated = \"use volume.missing\"`",
            );
        }
    }
    let (args, errors_field) = fields(variant, errors);
    Own {
        code,
        reason,
        status,
        grpc,
        message_id,
        redacted,
        retry_after: attrs.retry_after.as_ref().map(|r| r.value),
        deprecated: attrs.deprecated.as_ref().map(|d| d.value.clone()),
        args,
        errors_field,
    }
}

/// Refuses a code whose gRPC `ErrorInfo.reason` breaks AIP-193, which a
/// client of the gRPC transport would otherwise meet at run time.
fn check_reason(code: &str, reason: &str, span: Span, errors: &mut Errors) {
    if let Some(fault) = terror_ftl::ids::reason_fault(reason) {
        errors.at(
            span,
            format!("code `{code}` cannot be a gRPC `ErrorInfo.reason`: {fault}"),
        );
    }
}

/// The args of a variant and the field holding its sub-errors.
fn fields<'a>(
    variant: &'a Variant<'a>,
    errors: &mut Errors,
) -> (Vec<Arg<'a>>, Option<&'a Field<'a>>) {
    let mut args: Vec<Arg<'a>> = Vec::new();
    let mut errors_field = None;
    for field in &variant.fields {
        if let Some(key) = field.attrs.errors {
            if errors_field.is_some() {
                errors.at(key, "only one field can hold the sub-errors (`errors`)");
            }
            errors_field = Some(field);
            continue;
        }
        if field.attrs.skip.is_some() || field.is_source {
            if let Some(rename) = &field.attrs.rename {
                errors.at(
                    rename.key,
                    "`rename` has no effect on a field that is not an arg",
                );
            }
            continue;
        }
        let name = match (&field.attrs.rename, &field.member) {
            (Some(rename), _) => {
                if !case::is_fluent_id(&rename.value) {
                    errors.at(
                        rename.span,
                        format!(
                            "invalid arg name `{}`: expected a Fluent identifier such as `volume_name`",
                            rename.value
                        ),
                    );
                }
                rename.value.clone()
            }
            (None, Member::Named(ident)) => ident.to_string().trim_start_matches("r#").to_owned(),
            (None, Member::Unnamed(index)) => format!("arg{}", index.index),
        };
        let span = field.attrs.rename.as_ref().map_or(field.span, |r| r.span);
        if args.iter().any(|a| a.name == name) {
            errors.at(span, format!("duplicate arg name `{name}`"));
        } else if case::is_fluent_id(&name) {
            let key = terror_ftl::ids::metadata_key(&name);
            if let Some(fault) = terror_ftl::ids::metadata_key_fault(&key) {
                errors.at(
                    span,
                    format!("arg `{name}` cannot be a gRPC `ErrorInfo.metadata` key: {fault}"),
                );
            }
        }
        args.push(Arg {
            name,
            member: &field.member,
            ty: field.ty,
            written: &field.written,
        });
    }
    (args, errors_field)
}
