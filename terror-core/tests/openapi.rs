//! OpenAPI examples need no setup: with no `Localizer::set_global` in this
//! process, a derived error's example shows its real default-locale
//! message, from the files the derive read at compile time.

use terror_core::Terror;
use utoipa::IntoResponses;

/// Only its documentation is used here.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "thing", status = 404, locales = "locales")]
enum ThingError {
    /// No thing has this name.
    #[error("thing {name} missing")]
    Missing { name: String },
}

#[test]
fn examples_show_the_real_message_without_setup() {
    let responses = ThingError::responses();
    let response = serde_json::to_value(&responses["404"]).unwrap();
    let example =
        &response["content"]["application/problem+json"]["examples"]["thing.missing"]["value"];
    assert_eq!(example["code"], "thing.missing");
    assert_eq!(example["title"], "Thing missing");
    assert_eq!(example["detail"], "Thing <name> is missing.");
    assert_eq!(example["hint"], "Create <name> first.");
}

/// A type utoipa has a schema for.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
struct Placement {
    rack: String,
    slot: u8,
}

/// A serializable type utoipa knows nothing of.
#[derive(Debug, serde::Serialize)]
struct Opaque(u8);

/// Only its documentation is used here.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "typed", status = 409)]
enum TypedError {
    #[error("typed")]
    Fields {
        small: u8,
        signed: i16,
        ratio: f64,
        flag: bool,
        label: &'static str,
        maybe: Option<u32>,
        names: Vec<String>,
        placement: Placement,
        opaque: Opaque,
    },
}

#[test]
fn args_have_the_schemas_of_their_fields() {
    let responses = TypedError::responses();
    let response = serde_json::to_value(&responses["409"]).unwrap();
    let schema = &response["content"]["application/problem+json"]["schema"];
    assert_eq!(schema["discriminator"]["propertyName"], "code");
    let member = &schema["oneOf"][0];
    assert_eq!(member["title"], "Problem.typed.fields");
    assert_eq!(
        member["properties"]["code"]["enum"],
        serde_json::json!(["typed.fields"])
    );
    assert_eq!(
        member["properties"]["status"]["enum"],
        serde_json::json!([409])
    );
    let args = &member["properties"]["args"];
    assert_eq!(
        args["properties"],
        serde_json::json!({
            "small": { "type": "integer", "minimum": 0, "maximum": 255 },
            "signed": { "type": "integer", "minimum": -32768, "maximum": 32767 },
            "ratio": { "type": "number" },
            "flag": { "type": "boolean" },
            "label": { "type": "string" },
            "maybe": { "type": ["integer", "null"], "minimum": 0, "maximum": 4_294_967_295_u32 },
            "names": { "type": "array", "items": { "type": "string" } },
            "placement": {
                "description": "A type utoipa has a schema for.",
                "type": "object",
                "properties": {
                    "rack": { "type": "string" },
                    "slot": { "type": "integer", "format": "int32", "minimum": 0 },
                },
                "required": ["rack", "slot"],
            },
            "opaque": { "description": "Any JSON value." },
        })
    );
    // Every field is required but the `Option`, and no other arg exists.
    assert_eq!(
        args["required"],
        serde_json::json!([
            "small",
            "signed",
            "ratio",
            "flag",
            "label",
            "names",
            "placement",
            "opaque"
        ])
    );
    assert_eq!(args["additionalProperties"], false);
}

/// A child error whose code is on its way out.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "legacy", status = 422)]
enum LegacyField {
    #[error("legacy field")]
    #[terror(deprecated = "use field.invalid")]
    Field,
}

/// Only its documentation is used here.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "legacy")]
enum LegacyError {
    /// The shelf was taken down.
    #[error("shelf gone")]
    #[terror(status = 410, deprecated = "use shelf.missing")]
    ShelfGone,
    #[error("bad batch")]
    #[terror(status = 422)]
    Batch {
        #[terror(errors(LegacyField))]
        errors: Vec<terror_core::SubError>,
    },
}

#[test]
fn a_deprecated_code_has_a_deprecated_schema_that_says_its_note() {
    let responses = LegacyError::responses();
    let gone = serde_json::to_value(&responses["410"]).unwrap();
    let content = &gone["content"]["application/problem+json"];
    let member = &content["schema"]["oneOf"][0];
    assert_eq!(member["title"], "Problem.legacy.shelf_gone");
    assert_eq!(member["deprecated"], true);
    assert_eq!(
        member["description"],
        "The shelf was taken down.\n\nDeprecated: use shelf.missing"
    );
    assert_eq!(
        content["examples"]["legacy.shelf_gone"]["description"],
        "The shelf was taken down.\n\nDeprecated: use shelf.missing"
    );

    let batch = serde_json::to_value(&responses["422"]).unwrap();
    let member = &batch["content"]["application/problem+json"]["schema"]["oneOf"][0];
    assert_eq!(member["title"], "Problem.legacy.batch");
    assert!(
        member.get("deprecated").is_none(),
        "only a deprecated code is: {member}"
    );
    let child = &member["properties"]["errors"]["items"]["oneOf"][0];
    assert_eq!(child["title"], "SubError.legacy.field", "{member}");
    assert_eq!(child["deprecated"], true);
    assert_eq!(child["description"], "Deprecated: use field.invalid");
}
