//! The validator bridge as a client sees it: every broken rule with its
//! pointer and params, and never a rejected value unless the service names
//! the field.

use serde_json::Value;
use terror_core::{Localizer, SubError, Terror, Violations};
use validator::Validate;

#[derive(Debug, thiserror::Error, Terror)]
#[error("invalid signup")]
#[terror(code = "signup.invalid", status = 422)]
struct SignupInvalid {
    #[terror(errors)]
    errors: Vec<SubError>,
}

#[derive(Validate)]
struct Signup {
    #[validate(length(min = 3))]
    login: String,
    #[validate(length(min = 16))]
    password: String,
}

fn rendered(errors: Vec<SubError>) -> (Value, String) {
    let localizer = Localizer::builder().build().unwrap();
    let error = SignupInvalid { errors };
    let json = localizer
        .render(&error, &localizer.default_chain())
        .to_json();
    let text = String::from_utf8(json).unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

fn signup() -> validator::ValidationErrors {
    Signup {
        login: "al".into(),
        password: "hunter2-Secret".into(),
    }
    .validate()
    .unwrap_err()
}

#[test]
fn rejected_values_are_never_echoed() {
    let (body, text) = rendered(Violations::from(&signup()).into_errors());
    assert!(!text.contains("hunter2"), "{text}");
    assert_eq!(body["errors"][1]["pointer"], "/password");
    assert_eq!(
        body["errors"][1]["args"],
        serde_json::json!({ "min": 16, "bound": "min" })
    );
    assert_eq!(
        body["errors"][1]["detail"],
        "Must have a length of at least 16."
    );
}

#[test]
fn a_service_can_show_the_value_of_a_field_it_names() {
    let violations = Violations::from_validator_echoing(&signup(), &["/login"]);
    let (body, text) = rendered(violations.into_errors());
    assert_eq!(body["errors"][0]["args"]["value"], "al");
    assert!(body["errors"][1]["args"].get("value").is_none());
    assert!(!text.contains("hunter2"), "{text}");
}

#[derive(Validate)]
struct PasswordChange {
    password: String,
    #[validate(must_match(other = "password"))]
    repeated: String,
}

/// `must_match` gives the other field's value as `other`: a password,
/// here, which never reaches the client, not even for a field the service
/// names. The rule finds its message like every code: `validation.must_match`
/// is `validation-must-match`.
#[test]
fn must_match_never_shows_the_other_fields_value() {
    let broken = PasswordChange {
        password: "hunter2-Secret".into(),
        repeated: "hunter3-Secret".into(),
    }
    .validate()
    .unwrap_err();
    for violations in [
        Violations::from(&broken),
        Violations::from_validator_echoing(&broken, &["/repeated"]),
    ] {
        let (body, text) = rendered(violations.into_errors());
        assert!(!text.contains("hunter2"), "{text}");
        assert_eq!(body["errors"][0]["code"], "validation.must_match");
        assert_eq!(
            body["errors"][0]["detail"],
            "Must match the field it repeats."
        );
    }
}

#[test]
fn a_client_rebuilds_any_validator_rule_and_nothing_else() {
    use terror_core::client::{DecodeError, FromProblem, ReceivedSubError};
    let item = |code: &str| -> ReceivedSubError {
        serde_json::from_value(serde_json::json!({
            "code": code, "detail": "d", "args": {"min": 3, "bound": "min"},
        }))
        .unwrap()
    };
    let rebuilt = terror_core::ValidatorError::from_item(&item("validation.length")).unwrap();
    assert_eq!(rebuilt.code(), "validation.length");
    assert_eq!(
        rebuilt.args().get("min"),
        Some(&terror_core::ArgValue::Int(3))
    );
    let long = format!("validation.{}", "a".repeat(10_000));
    for code in [
        "validation.",
        "volume.not_found",
        "validation.Bad",
        "validation.a.b",
        long.as_str(),
    ] {
        assert!(
            matches!(
                terror_core::ValidatorError::from_item(&item(code)),
                Err(DecodeError::UnknownCode { .. })
            ),
            "{code}"
        );
    }
}
