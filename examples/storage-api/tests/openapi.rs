//! The OpenAPI document, as a client generator reads it: every error code
//! documented, every example a valid problem document.

mod common;

use std::collections::BTreeSet;

use serde_json::{json, Value};
use terror_core::catalog::Catalog;

async fn document() -> Value {
    let reply = common::send("GET", "/openapi.json", &[], None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.headers["content-type"], "application/json");
    reply.body
}

/// Every problem example in the document, with where it is.
fn examples(document: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let examples = &response["content"]["application/problem+json"]["examples"];
                for (name, example) in examples.as_object().into_iter().flatten() {
                    out.push((
                        format!("{method} {path} {status} {name}"),
                        example["value"].clone(),
                    ));
                }
            }
        }
    }
    out
}

fn codes(problem: &Value, out: &mut BTreeSet<String>) {
    if let Some(code) = problem["code"].as_str() {
        out.insert(code.to_owned());
    }
    for child in problem["errors"].as_array().into_iter().flatten() {
        codes(child, out);
    }
}

/// The document's Problem schema as a standalone JSON Schema.
fn problem_validator(document: &Value) -> jsonschema::Validator {
    let components = serde_json::to_string(&document["components"]["schemas"])
        .unwrap()
        .replace("#/components/schemas/", "#/$defs/");
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": serde_json::from_str::<Value>(&components).unwrap(),
        "$ref": "#/$defs/Problem",
    });
    jsonschema::validator_for(&schema).unwrap()
}

#[tokio::test]
async fn every_code_of_the_catalog_is_documented() {
    let document = document().await;
    let mut documented = BTreeSet::new();
    for (_, example) in examples(&document) {
        codes(&example, &mut documented);
    }
    // Every code the HTTP API can answer with: all but terror-tonic's
    // `rpc.*` errors, which only a gRPC call gets.
    let missing: Vec<&str> = Catalog::collect()
        .entries()
        .iter()
        .filter(|e| !e.rust_path().starts_with("terror_tonic::"))
        .map(|e| e.code())
        .filter(|code| !documented.contains(*code))
        .collect();
    assert!(missing.is_empty(), "undocumented codes: {missing:?}");
}

#[tokio::test]
async fn every_example_is_a_valid_problem() {
    let document = document().await;
    let validator = problem_validator(&document);
    let examples = examples(&document);
    assert!(examples.len() > 50, "only {} examples", examples.len());
    for (at, example) in &examples {
        let errors: Vec<String> = validator
            .iter_errors(example)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{at}: {errors:?}\n{example}");
        // The example shows what a client receives: localized text, no
        // placeholders left.
        let text = example.to_string();
        assert!(
            !text.contains("{$") && !text.contains('\u{2068}'),
            "{at}: {text}"
        );
    }
    // The validator does reject what is not a problem.
    assert!(!validator.is_valid(&json!({ "title": "x", "status": "404" })));
}

#[tokio::test]
async fn responses_list_the_codes_of_their_status() {
    let document = document().await;
    let create = &document["paths"]["/volumes"]["post"]["responses"];
    assert_eq!(
        create["422"]["description"],
        "Unprocessable Entity: `volume.shrink_not_allowed`, `volume.invalid`, `pool.capacity_exceeded`, `request.invalid_body`"
    );
    let invalid =
        &create["422"]["content"]["application/problem+json"]["examples"]["volume.invalid"];
    assert_eq!(
        invalid["description"],
        "The request has invalid fields; `errors` holds one entry per field:\nthe API's own checks, and validator's rules."
    );
    assert_eq!(
        invalid["value"]["detail"],
        "The volume request has invalid fields."
    );
    let children: Vec<&str> = invalid["value"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        children,
        [
            "validation.required",
            "validation.too_long",
            "validation.invalid_chars",
            "validation.out_of_range",
            "validation.email",
            "validation.url",
            "validation.length",
            "validation.range",
            "validation.must_match",
            "validation.contains",
            "validation.does_not_contain",
            "validation.regex",
            "validation.credit_card",
            "validation.non_control_character",
        ]
    );
    // A redacted error documents what clients really see.
    let backend = &document["paths"]["/volumes/{name}/snapshots"]["post"]["responses"]["503"]
        ["content"]["application/problem+json"]["examples"]["storage.backend_unavailable"]["value"];
    assert_eq!(
        backend["detail"],
        "The server could not complete this request."
    );
    assert!(backend.get("args").is_none());
    // Placeholder args come from the field types.
    let capacity = &create["422"]["content"]["application/problem+json"]["examples"]
        ["pool.capacity_exceeded"]["value"];
    assert_eq!(
        capacity["args"],
        json!({ "pool": "<pool>", "requested_gb": 1, "available_gb": 1 })
    );
    assert_eq!(
        capacity["detail"],
        "Pool <pool> has 1 GB free, but 1 GB were requested."
    );
}

/// A response's schema as a standalone JSON Schema, with the document's
/// components as `$defs`.
fn response_validator(document: &Value, schema: &Value) -> jsonschema::Validator {
    let text = serde_json::to_string(&json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": document["components"]["schemas"],
        "allOf": [schema],
    }))
    .unwrap()
    .replace("#/components/schemas/", "#/$defs/");
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

#[tokio::test]
async fn each_response_is_a_one_of_its_typed_codes() {
    let document = document().await;
    let mut checked = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let content = &response["content"]["application/problem+json"];
                let Some(examples) = content["examples"].as_object() else {
                    continue;
                };
                let schema = &content["schema"];
                // One member per code, each a named component.
                let members: Vec<&str> = schema["oneOf"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{method} {path} {status}: {schema}"))
                    .iter()
                    .map(|m| m["$ref"].as_str().unwrap())
                    .collect();
                let mut codes: Vec<String> = examples.keys().cloned().collect();
                let mut named: Vec<String> = members
                    .iter()
                    .map(|r| {
                        r.trim_start_matches("#/components/schemas/Problem.")
                            .to_owned()
                    })
                    .collect();
                codes.sort();
                named.sort();
                assert_eq!(named, codes, "{method} {path} {status}");
                assert_eq!(schema["discriminator"]["propertyName"], "code");
                for (code, reference) in schema["discriminator"]["mapping"].as_object().unwrap() {
                    assert_eq!(reference, &format!("#/components/schemas/Problem.{code}"));
                }
                // Every example is valid against its response's schema, and
                // a wrong type in an arg is not.
                let validator = response_validator(&document, schema);
                for (code, example) in examples {
                    let value = &example["value"];
                    let errors: Vec<String> = validator
                        .iter_errors(value)
                        .map(|e| e.to_string())
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{method} {path} {status} {code}: {errors:?}\n{value}"
                    );
                    checked += 1;
                    if let Some((name, arg)) =
                        value["args"].as_object().and_then(|a| a.iter().next())
                    {
                        let mut wrong = value.clone();
                        wrong["args"][name] = if arg.is_string() {
                            json!(1)
                        } else {
                            json!("x")
                        };
                        assert!(!validator.is_valid(&wrong), "{code}: {wrong}");
                    }
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} examples");
}

#[tokio::test]
async fn args_have_the_types_of_the_fields() {
    let document = document().await;
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["Problem.pool.capacity_exceeded"]["properties"]["args"],
        json!({
            "type": "object",
            "description": "The values the message shows, by name, typed.",
            "properties": {
                "pool": { "type": "string" },
                "requested_gb": { "type": "integer", "minimum": 0, "maximum": 18_446_744_073_709_551_615_u64 },
                "available_gb": { "type": "integer", "minimum": 0, "maximum": 18_446_744_073_709_551_615_u64 },
            },
            "required": ["pool", "requested_gb", "available_gb"],
            "additionalProperties": false,
        })
    );
    let code = &schemas["Problem.pool.capacity_exceeded"]["properties"]["code"];
    assert_eq!(code["enum"], json!(["pool.capacity_exceeded"]));
    // Child errors are the declared types' codes, each its own component.
    let items = &schemas["Problem.volume.invalid"]["properties"]["errors"]["items"];
    assert_eq!(items["discriminator"]["propertyName"], "code");
    assert_eq!(
        items["discriminator"]["mapping"]["validation.too_long"],
        "#/components/schemas/SubError.validation.too_long"
    );
    assert_eq!(
        schemas["SubError.validation.too_long"]["properties"]["args"]["properties"]["max"],
        json!({ "type": "integer", "minimum": 0, "maximum": 4_294_967_295_u32 })
    );
    // validator's optional params are nullable and not required; its list
    // stays open (a rule broken `with_value` adds `value`).
    let length = &schemas["SubError.validation.length"]["properties"]["args"];
    assert_eq!(
        length["properties"]["min"]["type"],
        json!(["integer", "null"])
    );
    assert_eq!(length["required"], json!(["bound"]));
    assert_eq!(length["additionalProperties"], true);
    // A redacted error has no args to type.
    let backend = &schemas["Problem.storage.backend_unavailable"];
    assert!(backend["properties"].get("args").is_none());
}
