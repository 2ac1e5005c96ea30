//! OpenAPI documentation from the same declarations, behind the `utoipa`
//! feature.
//!
//! - [`ProblemSchema`] is the problem document as a `ToSchema` component
//!   named `Problem` (with `errors[]` items named `SubError`, recursive,
//!   and `args` open).
//! - Every `#[derive(Terror)]` type implements `utoipa::IntoResponses`: one
//!   response per status, whose schema is a `oneOf` of the codes that
//!   status can carry, discriminated by `code`: each code's schema has
//!   `code` and `status` as constants, `args` typed from the variant's
//!   fields (integers with their ranges, text, booleans, lists, `Option`
//!   fields nullable and not required, other types as utoipa knows them
//!   or as any JSON value) and `errors` as a `oneOf` of the child types
//!   declared with `#[terror(errors(A, B))]` (see [`typed`]). Each response
//!   also has a named example per code, rendered in the default locale of
//!   [`Localizer::global`] (its code, title and detail, with placeholder
//!   args derived from the field types) and its doc comment as the
//!   example's description. Name the type once in a handler's
//!   `#[utoipa::path(responses(...))]`.
//!
//! With no setup, [`Localizer::global`] has every derived error's messages
//! in its default locale; a service that calls `Localizer::set_global`
//! first gets its own `type` base and default locale in the examples.

use std::borrow::Cow;
use std::collections::BTreeMap;

use http::StatusCode;
use serde_json::Value;
use utoipa::openapi::schema::{AdditionalProperties, ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};

pub mod typed;

use crate::catalog::{CatalogEntry, Example};
use crate::http_response::PROBLEM_JSON;
use crate::localizer::Localizer;
use crate::terror::SubError;
use typed::ArgSchemaMap;

/// The problem document's schema, the component `Problem`.
pub struct ProblemSchema;

/// A sub-error's schema, the component `SubError`.
pub struct SubErrorSchema;

fn string(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

fn args_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "The values the message shows, by name, with their types (numbers stay numbers).",
        ))
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
}

fn errors_total_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(0))
        .description(Some(
            "How many child errors there were, when errors shows only some of them.",
        ))
}

fn items_schema() -> ArrayBuilder {
    ArrayBuilder::new().items(Ref::from_schema_name(SubErrorSchema::name()))
}

/// The members every problem document has, the typed ones and `Problem`
/// alike, with the given `status` and `code` schemas, the five that are
/// always sent required.
pub(crate) fn problem_members(
    object: ObjectBuilder,
    status: ObjectBuilder,
    code: ObjectBuilder,
) -> ObjectBuilder {
    object
        .property("type", string("A URI naming the error, from its code."))
        .property("title", string("The localized title."))
        .property("status", status)
        .property("detail", string("The localized message, with its args."))
        .property("instance", string("The request path."))
        .property("code", code)
        .property(
            "request_id",
            string("The request id, to quote when reporting."),
        )
        .property(
            "trace_id",
            string("The W3C trace id of the request's `traceparent`, when it sent a valid one."),
        )
        .required("type")
        .required("title")
        .required("status")
        .required("detail")
        .required("code")
}

impl PartialSchema for ProblemSchema {
    fn schema() -> RefOr<Schema> {
        let object = ObjectBuilder::new().description(Some(
            "An RFC 9457 problem document, localized to the request's language.",
        ));
        problem_members(
            object,
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .description(Some("The HTTP status.")),
            string("The stable error code, such as volume.not_found."),
        )
        .property("args", args_schema())
        .property("hint", string("What the user can do about it, localized."))
        .property(
            "errors",
            items_schema().description(Some(
                "Child errors, such as one per broken field: at most 100 in the whole document.",
            )),
        )
        .property("errors_total", errors_total_schema())
        .into()
    }
}

impl ToSchema for ProblemSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Problem")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((
            SubErrorSchema::name().into_owned(),
            SubErrorSchema::schema(),
        ));
    }
}

/// The members every child item has, with the given `code` schema: where
/// it happened, and the two that are always sent required.
pub(crate) fn item_members(object: ObjectBuilder, code: ObjectBuilder) -> ObjectBuilder {
    object
        .property("code", code)
        .property("detail", string("Its localized message."))
        .property(
            "pointer",
            string("An RFC 6901 JSON Pointer into the request body."),
        )
        .property("parameter", string("A path or query parameter."))
        .property("header", string("A request header."))
        .required("code")
        .required("detail")
}

impl PartialSchema for SubErrorSchema {
    fn schema() -> RefOr<Schema> {
        let object = ObjectBuilder::new().description(Some(
            "A child error of a problem: a full error with where it happened.",
        ));
        item_members(object, string("The child's stable code."))
            .property("args", args_schema())
            .property("hint", string("Its localized hint."))
            .property("errors", items_schema())
            .property("errors_total", errors_total_schema())
            .into()
    }
}

impl ToSchema for SubErrorSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("SubError")
    }
}

/// Adds the `Problem` and `SubError` components to a document.
pub fn add_schemas(openapi: &mut utoipa::openapi::OpenApi) {
    let components = openapi.components.get_or_insert_with(Default::default);
    components
        .schemas
        .insert(ProblemSchema::name().into_owned(), ProblemSchema::schema());
    components.schemas.insert(
        SubErrorSchema::name().into_owned(),
        SubErrorSchema::schema(),
    );
}

/// The example problem of an entry, rendered with `localizer` in its
/// default locale; `children` become its `errors`, each at `/field`.
pub fn example(
    entry: &'static CatalogEntry,
    children: &[&'static CatalogEntry],
    localizer: &Localizer,
) -> Value {
    if children.is_empty() {
        return entry.example(localizer, &localizer.default_chain());
    }
    let error = Example::new(entry).with_children(
        children
            .iter()
            .map(|child| SubError::new(Example::new(child)).at_pointer("/field")),
    );
    let problem = localizer.render(&error, &localizer.default_chain());
    serde_json::from_slice(&problem.to_json()).unwrap_or(Value::Null)
}

/// One response per status for `entries`: the variants sharing a status
/// listed together, as a `oneOf` of their typed schemas and an example
/// each, named by its code. `children` maps a code to the entries its
/// `errors` can hold; `schemas` has the arg schemas of every code (see
/// [`typed::ArgSchemas`]), falling back to the entries' type names.
pub fn responses(
    entries: &[&'static CatalogEntry],
    children: &[(&str, Vec<&'static CatalogEntry>)],
    schemas: &ArgSchemaMap,
) -> BTreeMap<String, RefOr<Response>> {
    let localizer = Localizer::global();
    let mut by_status: BTreeMap<u16, Vec<&'static CatalogEntry>> = BTreeMap::new();
    for entry in entries {
        by_status.entry(entry.status()).or_default().push(entry);
    }
    by_status
        .into_iter()
        .map(|(status, entries)| {
            let reason = StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Error");
            let codes: Vec<String> = entries.iter().map(|e| format!("`{}`", e.code())).collect();
            let kids_of = |entry: &CatalogEntry| {
                children
                    .iter()
                    .find(|(code, _)| *code == entry.code())
                    .map_or(&[][..], |(_, kids)| &kids[..])
            };
            let schema = typed::one_of(
                entries
                    .iter()
                    .map(|entry| typed::problem_schema(entry, kids_of(entry), schemas))
                    .collect(),
            );
            let examples = entries.iter().map(|entry| {
                let kids = kids_of(entry);
                let value = example(entry, kids, &localizer);
                let mut builder = utoipa::openapi::example::ExampleBuilder::new()
                    .summary(entry.code())
                    .value(Some(value));
                if let Some(description) = typed::description(entry) {
                    builder = builder.description(description);
                }
                (entry.code().to_owned(), builder.build())
            });
            let content = ContentBuilder::new()
                .schema(Some(schema))
                .examples_from_iter(examples)
                .build();
            let response = ResponseBuilder::new()
                .description(format!("{reason}: {}", codes.join(", ")))
                .content(PROBLEM_JSON, content)
                .build();
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

/// Merges responses into an operation's: a status already there gains the
/// new examples (and codes in its description), a new status is added.
pub fn merge_responses(
    into: &mut utoipa::openapi::Responses,
    from: BTreeMap<String, RefOr<Response>>,
) {
    for (status, response) in from {
        let RefOr::T(response) = response else {
            into.responses.entry(status).or_insert(response);
            continue;
        };
        match into.responses.get_mut(&status) {
            Some(RefOr::T(existing)) => {
                if let Some(content) = response.content.get(PROBLEM_JSON) {
                    match existing.content.get_mut(PROBLEM_JSON) {
                        Some(mine) => {
                            merge_one_of(&mut mine.schema, content.schema.as_ref());
                            for (name, example) in &content.examples {
                                mine.examples
                                    .entry(name.clone())
                                    .or_insert_with(|| example.clone());
                            }
                        }
                        None => {
                            existing
                                .content
                                .insert(PROBLEM_JSON.to_owned(), content.clone());
                        }
                    }
                }
                if let Some((_, codes)) = response.description.split_once(": ") {
                    existing.description = format!("{}, {codes}", existing.description);
                }
            }
            Some(RefOr::Ref(_)) => {}
            None => {
                into.responses.insert(status, RefOr::T(response));
            }
        }
    }
}

/// Adds the members of `from`'s `oneOf` that `into`'s lacks (by title).
fn merge_one_of(into: &mut Option<RefOr<Schema>>, from: Option<&RefOr<Schema>>) {
    let (Some(RefOr::T(Schema::OneOf(into))), Some(RefOr::T(Schema::OneOf(from)))) = (into, from)
    else {
        return;
    };
    let title = |schema: &RefOr<Schema>| match schema {
        RefOr::T(Schema::Object(object)) => object.title.clone(),
        _ => None,
    };
    for member in &from.items {
        let name = title(member);
        if name.is_none() || !into.items.iter().any(|m| title(m) == name) {
            into.items.push(member.clone());
        }
    }
}

/// Several error types in one `responses(...)` entry, merged: utoipa keeps
/// only the last response per status when types are listed one by one, so
/// `VolumeError` and `PoolError` (both with a 404) would lose examples.
///
/// `#[utoipa::path(get, path = "/", responses((status = 200), Errors<(VolumeError, PoolError)>))]`
pub struct Errors<T>(std::marker::PhantomData<T>);

macro_rules! errors_tuple {
    ($($name:ident),+) => {
        impl<$($name: utoipa::IntoResponses),+> utoipa::IntoResponses for Errors<($($name,)+)> {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                let mut merged = utoipa::openapi::Responses::new();
                $(merge_responses(&mut merged, $name::responses());)+
                merged.responses.into_iter().collect()
            }
        }
    };
}
errors_tuple!(A);
errors_tuple!(A, B);
errors_tuple!(A, B, C);
errors_tuple!(A, B, C, D);
errors_tuple!(A, B, C, D, E);
errors_tuple!(A, B, C, D, E, F);
