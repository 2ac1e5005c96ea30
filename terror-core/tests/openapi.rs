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
