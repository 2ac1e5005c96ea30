//! A client rebuilds the server's error enums from the problem documents
//! it receives: every kind of field, and every reason it cannot.

use std::borrow::Cow;

use serde_json::json;
use terror_core::client::{DecodeError, FromProblem, NotRebuildable, ReceivedProblem};
use terror_core::{Localizer, SubError, Terror};

#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "field", status = UNPROCESSABLE_ENTITY)]
enum FieldError {
    #[error("required")]
    Required,
    #[error("longer than {max}")]
    TooLong { max: u32 },
}

#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "disk")]
enum DiskError {
    #[error("disk {name} full, {free_mb} MB free")]
    #[terror(status = CONFLICT)]
    Full {
        name: String,
        free_mb: u64,
        #[terror(rename = "owner_name")]
        owner: Option<String>,
        labels: Vec<String>,
        label: Cow<'static, str>,
        #[terror(skip)]
        attempts: u32,
    },
    #[error("disk {0} offline")]
    #[terror(status = SERVICE_UNAVAILABLE, redact = false)]
    Offline(i64),
    #[error("invalid request")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    Invalid {
        #[terror(errors(FieldError))]
        errors: Vec<SubError>,
    },
    #[error("unsorted")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    Unsorted {
        #[terror(errors)]
        errors: Vec<SubError>,
    },
    #[error("secret {value}")]
    Secret { value: String },
    #[error(transparent)]
    #[terror(transparent)]
    Field(FieldError),
}

/// Variants a client cannot rebuild (only decoded, never built).
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "broken")]
enum BrokenError {
    #[error("internal")]
    Internal {
        #[source]
        source: std::io::Error,
    },
    #[error("static {kind}")]
    #[terror(status = BAD_REQUEST)]
    Static { kind: &'static str },
    #[error("skipped")]
    #[terror(status = BAD_REQUEST)]
    Skipped {
        #[terror(skip)]
        handle: std::fs::File,
    },
}

/// One field, as a struct.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(code = "quota.exceeded", status = TOO_MANY_REQUESTS)]
#[error("quota {limit}")]
struct QuotaExceeded {
    limit: u16,
}

/// Variants with the same fields, which the derive writes one body for,
/// and variants with none.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "volume", status = CONFLICT)]
enum VolumeError {
    #[error("{name} full")]
    Full { name: String, size: u64 },
    #[error("{name} locked")]
    Locked { name: String, size: u64 },
    #[error("{name} busy")]
    Busy {
        #[terror(rename = "volume")]
        name: String,
        size: u64,
    },
    #[error("{name} small")]
    Small { name: String, size: u32 },
    #[error("gone")]
    Gone,
    #[error("lost")]
    Lost,
}

fn received(value: serde_json::Value) -> ReceivedProblem {
    serde_json::from_value(value).unwrap()
}

fn problem(code: &str, args: &serde_json::Value) -> ReceivedProblem {
    received(json!({
        "type": format!("/errors/{code}"), "title": "t", "status": 409, "detail": "d",
        "code": code, "args": args,
    }))
}

/// What the server sends for `error`, parsed as a client parses it.
fn over_the_wire(error: &(dyn Terror + 'static)) -> ReceivedProblem {
    let localizer = Localizer::builder().build().unwrap();
    let json = localizer
        .render(error, &localizer.default_chain())
        .to_json();
    serde_json::from_slice(&json).unwrap()
}

#[test]
fn every_kind_of_arg_comes_back() {
    let error = DiskError::Full {
        name: "db-02".into(),
        free_mb: u64::MAX,
        owner: Some("ops".into()),
        labels: vec!["fast".into(), "ssd".into()],
        label: Cow::Borrowed("gold"),
        attempts: 7,
    };
    let back: DiskError = over_the_wire(&error).decode().unwrap();
    // Skipped fields are never sent: they come back as their default.
    assert_eq!(
        back,
        DiskError::Full {
            name: "db-02".into(),
            free_mb: u64::MAX,
            owner: Some("ops".into()),
            labels: vec!["fast".into(), "ssd".into()],
            label: Cow::Borrowed("gold"),
            attempts: 0,
        }
    );
}

#[test]
fn variants_with_the_same_fields_come_back_as_themselves() {
    let name = || "vol-1".to_owned();
    let errors = [
        VolumeError::Full {
            name: name(),
            size: 1,
        },
        VolumeError::Locked {
            name: name(),
            size: 2,
        },
        VolumeError::Busy {
            name: name(),
            size: 3,
        },
        VolumeError::Small {
            name: name(),
            size: 4,
        },
        VolumeError::Gone,
        VolumeError::Lost,
    ];
    for error in errors {
        let sent = over_the_wire(&error);
        assert_eq!(sent.code, error.code());
        assert_eq!(sent.decode::<VolumeError>(), Ok(error));
    }
    // Each variant's args carry its own names.
    let busy = VolumeError::Busy {
        name: name(),
        size: 3,
    };
    let names: Vec<String> = busy.args().iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(names, ["volume", "size"]);
}

#[test]
fn an_absent_option_is_none() {
    let problem = problem(
        "disk.full",
        &json!({"name": "a", "free_mb": 1, "labels": [], "label": "x"}),
    );
    let Ok(DiskError::Full { owner, .. }) = problem.decode::<DiskError>() else {
        panic!("not rebuilt");
    };
    assert_eq!(owner, None);
}

#[test]
fn tuple_variants_structs_and_unredacted_5xx_come_back() {
    let offline = DiskError::Offline(-3);
    assert_eq!(over_the_wire(&offline).decode::<DiskError>(), Ok(offline));
    let quota = QuotaExceeded { limit: 10 };
    assert_eq!(
        QuotaExceeded::from_problem(&over_the_wire(&quota)),
        Ok(quota)
    );
}

#[test]
fn sub_errors_come_back_as_their_declared_types() {
    let error = DiskError::Invalid {
        errors: vec![
            SubError::new(FieldError::Required).at_pointer("/name"),
            SubError::new(FieldError::TooLong { max: 63 }).at_parameter("label"),
            SubError::new(FieldError::Required).at_header("x-disk"),
        ],
    };
    let back: DiskError = over_the_wire(&error).decode().unwrap();
    assert_eq!(back, error);
    let DiskError::Invalid { errors } = back else {
        panic!("wrong variant")
    };
    assert_eq!(
        errors[1].downcast_ref::<FieldError>(),
        Some(&FieldError::TooLong { max: 63 })
    );
}

#[test]
fn transparent_variants_come_back_through_the_inner_type() {
    let error = DiskError::Field(FieldError::TooLong { max: 5 });
    assert_eq!(over_the_wire(&error).decode::<DiskError>(), Ok(error));
}

#[test]
fn a_foreign_code_is_unknown() {
    let error = problem("volume.not_found", &json!({"name": "x"}))
        .decode::<DiskError>()
        .unwrap_err();
    assert_eq!(
        error,
        DecodeError::UnknownCode {
            code: "volume.not_found".into(),
            expected: "DiskError"
        }
    );
    assert_eq!(
        error.to_string(),
        "`volume.not_found` is not a code of `DiskError`"
    );
    // A hostile server's code of any length is kept whole, and quoted in
    // part: the error's text is the client's to log.
    let long = "x".repeat(100_000);
    let error = problem(&long, &json!({}))
        .decode::<DiskError>()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("`{}…` is not a code of `DiskError`", "x".repeat(61))
    );
    assert!(matches!(error, DecodeError::UnknownCode { code, .. } if code == long));
}

/// serde's message for a value it could not read quotes the value; a
/// hostile server's long value is quoted in part, both ends of the message
/// kept.
#[test]
fn a_long_malformed_arg_is_quoted_in_part() {
    let long = "é".repeat(50_000);
    let error = problem("field.too_long", &json!({"max": long}))
        .decode::<FieldError>()
        .unwrap_err();
    let DecodeError::InvalidArg { reason, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        *reason,
        format!(
            "invalid type: string \"{}…{}\", expected u32",
            "é".repeat(21),
            "é".repeat(24)
        )
    );
    assert!(error.to_string().len() < 300, "{error}");
}

#[test]
fn a_missing_or_malformed_arg_is_named() {
    let missing = problem("field.too_long", &json!({})).decode::<FieldError>();
    assert_eq!(
        missing,
        Err(DecodeError::MissingArg {
            code: "field.too_long".into(),
            arg: "max"
        })
    );
    let malformed = problem("field.too_long", &json!({"max": -1}))
        .decode::<FieldError>()
        .unwrap_err();
    assert_eq!(
        malformed.to_string(),
        "the arg `max` of `field.too_long` is not a `u32`: invalid value: integer `-1`, expected u32"
    );
}

#[test]
fn what_the_server_never_sends_cannot_come_back() {
    let cases = [
        ("broken.internal", "`broken.internal` cannot be rebuilt: its field `source` is the error's source, which stays on the server"),
        ("broken.static", "`broken.static` cannot be rebuilt: its field `kind` has type `&'static str`, which is not `DeserializeOwned` (an owned type such as `String` or `Cow<'static, str>` is)"),
        ("broken.skipped", "`broken.skipped` cannot be rebuilt: its field `handle` is skipped, so never sent, and `std::fs::File` has no `Default`"),
    ];
    for (code, message) in cases {
        let error = problem(code, &json!({"kind": "x"}))
            .decode::<BrokenError>()
            .unwrap_err();
        assert!(
            matches!(error, DecodeError::NotRebuildable { .. }),
            "{error:?}"
        );
        assert_eq!(error.to_string(), message);
    }
    let undeclared = received(json!({
        "type": "t", "title": "t", "status": 422, "detail": "d", "code": "disk.unsorted",
        "args": {}, "errors": [{"code": "field.required", "detail": "d"}],
    }));
    assert_eq!(
        undeclared.decode::<DiskError>(),
        Err(DecodeError::NotRebuildable {
            code: "disk.unsorted".into(),
            field: "errors",
            reason: NotRebuildable::UndeclaredChildren
        })
    );
}

#[test]
fn a_child_of_a_foreign_code_is_reported_with_its_index() {
    let problem = received(json!({
        "type": "t", "title": "t", "status": 422, "detail": "d", "code": "disk.invalid", "args": {},
        "errors": [
            {"code": "field.required", "detail": "d", "pointer": "/a"},
            {"code": "field.unknown", "detail": "d", "pointer": "/b"},
        ],
    }));
    let error = problem.decode::<DiskError>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "child 1 of `disk.invalid`: `field.unknown` is not a code of `FieldError`"
    );
}

#[test]
fn a_redacted_error_has_no_args_to_rebuild_from() {
    let secret = DiskError::Secret {
        value: "hunter2".into(),
    };
    let received = over_the_wire(&secret);
    assert_eq!(received.args, None);
    assert_eq!(
        received.decode::<DiskError>(),
        Err(DecodeError::Redacted {
            code: "disk.secret".into()
        })
    );
}

#[test]
fn unknown_members_are_kept_and_written_back() {
    let body = json!({
        "type": "t", "title": "t", "status": 400, "detail": "d", "code": "field.required",
        "instance": "/disks", "request_id": "r-1", "trace_id": "abc", "tenant": "t-7", "retry": {"after": 3},
        "errors": [{"code": "field.required", "detail": "d", "pointer": "/a", "extra": true}],
    });
    let problem = received(body.clone());
    assert_eq!(problem.trace_id.as_deref(), Some("abc"));
    assert_eq!(problem.extensions["tenant"], "t-7");
    assert_eq!(problem.errors[0].extensions["extra"], true);
    assert_eq!(serde_json::to_value(&problem).unwrap(), body);
}

#[test]
fn members_rfc_9457_makes_optional_may_be_absent_or_mistyped() {
    // Only `code`: RFC 9457 makes every member it defines optional, and
    // its default `type` is about:blank.
    let minimal = received(json!({"code": "field.required", "args": {}}));
    assert_eq!(minimal.type_uri, "about:blank");
    assert_eq!(
        (
            &minimal.title,
            minimal.status,
            &minimal.detail,
            &minimal.instance
        ),
        (&None, None, &None, &None)
    );
    assert_eq!(
        minimal.decode::<FieldError>().unwrap(),
        FieldError::Required
    );
    assert_eq!(
        serde_json::to_value(&minimal).unwrap(),
        json!({"type": "about:blank", "code": "field.required", "args": {}})
    );

    // A member of the wrong type is ignored, as the RFC says a client must.
    let mistyped = received(json!({
        "type": 7, "title": ["t"], "status": "409", "detail": null, "instance": {},
        "code": "field.too_long", "args": {"max": 3},
    }));
    assert_eq!(mistyped.type_uri, "about:blank");
    assert_eq!(
        (
            &mistyped.title,
            mistyped.status,
            &mistyped.detail,
            &mistyped.instance
        ),
        (&None, None, &None, &None)
    );
    assert_eq!(
        mistyped.decode::<FieldError>().unwrap(),
        FieldError::TooLong { max: 3 }
    );
}

#[test]
fn a_document_without_a_code_is_a_parse_error() {
    let error = serde_json::from_value::<ReceivedProblem>(
        json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "d"}),
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "missing field `code`");
}

#[test]
fn hostile_documents_are_typed_errors() {
    // Nesting past serde_json's limit is a parse error, not a stack overflow.
    let mut deep = String::from(
        r#"{"type":"t","title":"t","status":422,"detail":"d","code":"disk.invalid","args":{},"errors":["#,
    );
    for _ in 0..10_000 {
        deep.push_str(r#"{"code":"field.required","detail":"d","errors":["#);
    }
    let error = serde_json::from_str::<ReceivedProblem>(&deep).unwrap_err();
    assert!(
        error.to_string().starts_with("recursion limit exceeded"),
        "{error}"
    );

    // Numbers out of the field's range, or of any range, are named.
    for max in ["4294967296", "2.5", "\"10\"", "null"] {
        let problem: ReceivedProblem = serde_json::from_str(&format!(
            r#"{{"type":"t","title":"t","status":422,"detail":"d","code":"field.too_long","args":{{"max":{max}}}}}"#
        ))
        .unwrap_or_else(|e| panic!("{max}: {e}"));
        assert!(
            matches!(
                problem.decode::<FieldError>(),
                Err(DecodeError::InvalidArg { arg: "max", .. })
            ),
            "{max}"
        );
    }

    // A child list of the wrong shape is the child's error, with its index.
    let problem = received(json!({
        "type": "t", "title": "t", "status": 422, "detail": "d", "code": "disk.invalid", "args": {},
        "errors": [{"code": "field.too_long", "detail": "d", "args": {"max": "many"}}],
    }));
    assert!(matches!(
        problem.decode::<DiskError>(),
        Err(DecodeError::Child { index: 0, .. })
    ));
}
