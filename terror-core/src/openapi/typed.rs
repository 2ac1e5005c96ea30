//! Typed problem schemas: one per code, so generated clients see
//! `code` as a constant and `args` with the types of the variant's fields.
//!
//! A response's schema is a `oneOf` of the codes its status can carry,
//! discriminated by `code`. The per-code schemas are written inline (each
//! titled `Problem.<code>`, or `SubError.<code>` inside `errors`; a
//! deprecated code's is `deprecated`, its description saying the note);
//! [`RequestErrors`](../../terror_axum/openapi/struct.RequestErrors.html)
//! (or [`extract_components`]) moves them into `components/schemas` under
//! those names and points every use and the discriminator's mapping at
//! them.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde_json::Value;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, Discriminator, ObjectBuilder, OneOfBuilder, Schema,
    SchemaType, Type,
};
use utoipa::openapi::{Deprecated, OpenApi, Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

use super::{
    errors_total_schema, item_members, problem_members, string, ProblemSchema, SubErrorSchema,
};
use crate::catalog::{CatalogEntry, Entries};

/// The schemas of every own variant's args, by code, in the order of
/// [`CatalogEntry::args`].
pub type ArgSchemaMap = BTreeMap<&'static str, Vec<RefOr<Schema>>>;

/// The arg schemas of a type with catalog entries. The derive writes them
/// from the field types (see [`SchemaProbe`]); a hand-written type gets
/// them from the entries' type names. Not public API.
#[doc(hidden)]
pub trait ArgSchemas: Entries {
    /// Adds this type's arg schemas to `out`.
    fn arg_schemas(out: &mut ArgSchemaMap) {
        for entry in Self::entries() {
            let schemas = entry
                .args()
                .iter()
                .map(|arg| known(arg.rust_type()).unwrap_or_else(any))
                .collect();
            out.insert(entry.code(), schemas);
        }
    }
}

#[cfg(feature = "validator")]
impl ArgSchemas for crate::validation::ValidatorError {}

/// Chooses a field type's schema: ours for the types terror knows (with
/// integer ranges), utoipa's where the type has one, else any JSON value.
/// Not public API.
#[doc(hidden)]
pub struct SchemaProbe<T: ?Sized>(PhantomData<fn() -> Box<T>>);

impl<T: ?Sized> SchemaProbe<T> {
    /// The probe.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        SchemaProbe(PhantomData)
    }
}

/// A field type utoipa has a schema for.
#[doc(hidden)]
pub trait ViaPartialSchema {
    /// The schema.
    fn __terror_schema(&self, rust_type: &str) -> RefOr<Schema>;
}

impl<T: PartialSchema + ?Sized> ViaPartialSchema for &SchemaProbe<T> {
    fn __terror_schema(&self, rust_type: &str) -> RefOr<Schema> {
        known(rust_type).unwrap_or_else(T::schema)
    }
}

/// Any other field type.
#[doc(hidden)]
pub trait ViaAnySchema {
    /// The schema.
    fn __terror_schema(&self, rust_type: &str) -> RefOr<Schema> {
        known(rust_type).unwrap_or_else(any)
    }
}

impl<T: ?Sized> ViaAnySchema for SchemaProbe<T> {}

/// Any JSON value.
fn any() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::AnyValue)
        .description(Some("Any JSON value."))
        .into()
}

fn integer(min: impl Into<utoipa::Number>, max: Option<impl Into<utoipa::Number>>) -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min))
        .maximum(max)
        .into()
}

/// The schema of a type terror knows by name: integers with their ranges,
/// floats, booleans, text, and options and lists of those.
pub(crate) fn known(rust_type: &str) -> Option<RefOr<Schema>> {
    let ty = rust_type.trim();
    let ty = ty.strip_prefix("::").unwrap_or(ty);
    let ty = ty.strip_prefix("std::").unwrap_or(ty);
    if let Some(inner) = generic_arg(ty, &["Option", "option::Option"]) {
        return known(inner).map(nullable);
    }
    if let Some(inner) = generic_arg(ty, &["Vec", "vec::Vec", "Box<[", "VecDeque"])
        .or_else(|| ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')))
        .or_else(|| ty.strip_prefix("&[").and_then(|t| t.strip_suffix(']')))
        .or_else(|| {
            ty.strip_prefix("&'static [")
                .and_then(|t| t.strip_suffix(']'))
        })
    {
        let inner = inner.trim_end_matches(']');
        return known(inner).map(|items| ArrayBuilder::new().items(items).into());
    }
    let schema: Schema = match ty {
        "u8" => integer(0u8, Some(u8::MAX)),
        "u16" => integer(0u16, Some(u16::MAX)),
        "u32" => integer(0u32, Some(u32::MAX)),
        "u64" => integer(0u64, Some(u64::MAX)),
        "usize" => integer(0usize, Some(usize::MAX)),
        "u128" => integer(0u8, None::<u8>),
        "i8" => integer(i8::MIN, Some(i8::MAX)),
        "i16" => integer(i16::MIN, Some(i16::MAX)),
        "i32" => integer(i32::MIN, Some(i32::MAX)),
        "i64" => integer(i64::MIN, Some(i64::MAX)),
        "isize" => integer(isize::MIN, Some(isize::MAX)),
        "i128" => ObjectBuilder::new().schema_type(Type::Integer).into(),
        "f32" | "f64" => ObjectBuilder::new().schema_type(Type::Number).into(),
        "bool" => ObjectBuilder::new().schema_type(Type::Boolean).into(),
        "String"
        | "string::String"
        | "str"
        | "&str"
        | "&'static str"
        | "Cow<str>"
        | "Cow<'static, str>"
        | "borrow::Cow<'static, str>"
        | "Box<str>"
        | "Arc<str>"
        | "Rc<str>" => ObjectBuilder::new().schema_type(Type::String).into(),
        "char" => ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(1))
            .into(),
        _ => return None,
    };
    Some(RefOr::T(schema))
}

/// `T` of `Name<T>` for any of `names`.
fn generic_arg<'a>(ty: &'a str, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| {
        let rest = ty.strip_prefix(name)?;
        let rest = if name.ends_with('[') {
            rest
        } else {
            rest.strip_prefix('<')?
        };
        rest.strip_suffix('>').map(str::trim)
    })
}

/// `schema` or `null`: what an `Option` field is. Its arg is not required.
fn nullable(schema: RefOr<Schema>) -> RefOr<Schema> {
    if let RefOr::T(Schema::Object(mut object)) = schema {
        if let SchemaType::Type(ty) = object.schema_type {
            object.schema_type = SchemaType::from_iter([ty, Type::Null]);
            return RefOr::T(Schema::Object(object));
        }
        return RefOr::T(Schema::Object(object));
    }
    OneOfBuilder::new()
        .item(schema)
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .into()
}

fn is_optional(rust_type: &str) -> bool {
    generic_arg(
        rust_type.trim(),
        &["Option", "option::Option", "std::option::Option"],
    )
    .is_some()
}

fn constant(value: impl Into<Value>, ty: Type, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(ty)
        .enum_values(Some([value.into()]))
        .description(Some(description))
}

/// The typed `args` of an entry; `None` for a redacted one (never sent).
fn args_schema(entry: &CatalogEntry, schemas: &ArgSchemaMap) -> ObjectBuilder {
    let typed = schemas.get(entry.code());
    let mut object = ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some("The values the message shows, by name, typed."));
    for (i, arg) in entry.args().iter().enumerate() {
        let schema = typed
            .and_then(|t| t.get(i).cloned())
            .or_else(|| known(arg.rust_type()))
            .unwrap_or_else(any);
        object = object.property(arg.name(), schema);
        if !is_optional(arg.rust_type()) {
            object = object.required(arg.name());
        }
    }
    // The derive knows every arg; a hand-written type's list may be partial.
    let closed = typed.is_some_and(|t| t.len() == entry.args().len())
        && !entry.type_name().starts_with("terror_core::");
    object.additional_properties(Some(AdditionalProperties::FreeForm(!closed)))
}

/// The `errors` of an entry: a `oneOf` of its child codes, or any item.
fn errors_schema(children: &[&'static CatalogEntry], schemas: &ArgSchemaMap) -> ArrayBuilder {
    let items: RefOr<Schema> = if children.is_empty() {
        Ref::from_schema_name(SubErrorSchema::name()).into()
    } else {
        let mut seen = Vec::new();
        let members = children
            .iter()
            .filter(|child| {
                let new = !seen.contains(&child.code());
                seen.push(child.code());
                new
            })
            .map(|child| item_schema(child, schemas))
            .collect();
        one_of(members).into()
    };
    ArrayBuilder::new().items(items).description(Some(
        "Child errors, such as one per broken field: at most 100 in the whole document.",
    ))
}

/// The name of a code's schema as a top-level problem.
pub fn problem_schema_name(code: &str) -> String {
    format!("{}.{code}", ProblemSchema::name())
}

/// The name of a code's schema as an item of `errors`.
pub fn item_schema_name(code: &str) -> String {
    format!("{}.{code}", SubErrorSchema::name())
}

/// A code's description in its schemas and examples: its doc comment,
/// then, for a deprecated code, its note, which a schema's `deprecated`
/// flag alone cannot say.
pub(crate) fn description(entry: &CatalogEntry) -> Option<String> {
    match (entry.description(), entry.deprecated()) {
        (description, None) => description.map(str::to_owned),
        (None, Some(note)) => Some(format!("Deprecated: {note}")),
        (Some(description), Some(note)) => Some(format!("{description}\n\nDeprecated: {note}")),
    }
}

/// `deprecated: true` for a deprecated code's schemas; left out for the
/// others.
fn deprecated(entry: &CatalogEntry) -> Option<Deprecated> {
    entry.deprecated().map(|_| Deprecated::True)
}

/// The problem document of one code.
pub fn problem_schema(
    entry: &'static CatalogEntry,
    children: &[&'static CatalogEntry],
    schemas: &ArgSchemaMap,
) -> Schema {
    let object = ObjectBuilder::new()
        .title(Some(problem_schema_name(entry.code())))
        .description(description(entry))
        .deprecated(deprecated(entry));
    let mut object = problem_members(
        object,
        constant(entry.status(), Type::Integer, "The HTTP status."),
        constant(entry.code(), Type::String, "The stable error code."),
    );
    if !entry.redacted() {
        object = object
            .property("args", args_schema(entry, schemas))
            .property("hint", string("What the user can do about it, localized."))
            .property("errors", errors_schema(children, schemas))
            .property("errors_total", errors_total_schema())
            .required("args");
    }
    object.into()
}

/// One child error of one code.
fn item_schema(entry: &'static CatalogEntry, schemas: &ArgSchemaMap) -> Schema {
    let object = ObjectBuilder::new()
        .title(Some(item_schema_name(entry.code())))
        .description(description(entry))
        .deprecated(deprecated(entry));
    let mut object = item_members(
        object,
        constant(entry.code(), Type::String, "The child's stable code."),
    );
    if !entry.redacted() {
        object = object
            .property("args", args_schema(entry, schemas))
            .property("hint", string("Its localized hint."))
            .property("errors", errors_schema(&[], schemas))
            .property("errors_total", errors_total_schema());
        // An item leaves out empty args.
        if !entry.args().is_empty() {
            object = object.required("args");
        }
    }
    object.into()
}

/// A `oneOf` of per-code schemas, discriminated by `code`.
pub fn one_of(members: Vec<Schema>) -> Schema {
    let mut builder = OneOfBuilder::new().discriminator(Some(Discriminator::new("code")));
    for member in members {
        builder = builder.item(member);
    }
    builder.into()
}

/// Moves every per-code schema written inline (titled `Problem.<code>` or
/// `SubError.<code>`) into `components/schemas` under its title, points
/// its uses at it, and fills each discriminator's mapping. Without this,
/// the document is valid too, with the schemas inline.
pub fn extract_components(openapi: &mut OpenApi) {
    let Ok(mut document) = serde_json::to_value(&*openapi) else {
        return;
    };
    let mut found = BTreeMap::new();
    if let Some(paths) = document.get_mut("paths") {
        extract(paths, &mut found);
    }
    if found.is_empty() {
        return;
    }
    // A component's own inline children, once.
    let mut pending: Vec<String> = found.keys().cloned().collect();
    while let Some(name) = pending.pop() {
        let Some(mut schema) = found.get(&name).cloned() else {
            continue;
        };
        let mut inner = BTreeMap::new();
        extract(&mut schema, &mut inner);
        found.insert(name, schema);
        for (child, schema) in inner {
            if let std::collections::btree_map::Entry::Vacant(slot) = found.entry(child) {
                pending.push(slot.key().clone());
                slot.insert(schema);
            }
        }
    }
    let Some(root) = document.as_object_mut() else {
        return;
    };
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    let Some(components) = components.as_object_mut() else {
        return;
    };
    let schemas = components
        .entry("schemas")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    let Some(schemas) = schemas.as_object_mut() else {
        return;
    };
    for (name, schema) in found {
        schemas.entry(name).or_insert(schema);
    }
    if let Ok(updated) = serde_json::from_value(document) {
        *openapi = updated;
    }
}

const PREFIXES: [&str; 2] = ["Problem.", "SubError."];

/// Replaces titled members of every `oneOf` under `value` with references,
/// collecting them in `found`.
fn extract(value: &mut Value, found: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Array(members)) = object.get_mut("oneOf") {
                let mut mapping = serde_json::Map::new();
                for member in members.iter_mut() {
                    let title = member
                        .get("title")
                        .and_then(Value::as_str)
                        .filter(|t| PREFIXES.iter().any(|p| t.starts_with(p)))
                        .map(str::to_owned);
                    let Some(title) = title else {
                        continue;
                    };
                    let reference = format!("#/components/schemas/{title}");
                    let code = member
                        .pointer("/properties/code/enum/0")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    let schema =
                        std::mem::replace(member, serde_json::json!({ "$ref": reference }));
                    found.entry(title).or_insert(schema);
                    if let Some(code) = code {
                        mapping.insert(code, Value::String(reference));
                    }
                }
                if let Some(Value::Object(discriminator)) = object.get_mut("discriminator") {
                    if !mapping.is_empty() {
                        discriminator.insert("mapping".to_owned(), Value::Object(mapping));
                    }
                }
            }
            for child in object.values_mut() {
                extract(child, found);
            }
        }
        Value::Array(items) => {
            for item in items {
                extract(item, found);
            }
        }
        _ => {}
    }
}
