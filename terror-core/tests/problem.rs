//! Rendering errors into problem documents, as a client receives them.

use serde_json::{json, Value};
use terror_core::{Localizer, RequestInfo, StatusCode, SubError, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "thing")]
enum ThingError {
    #[error("missing {name}")]
    #[terror(status = 404)]
    Missing { name: String },
    #[error("count {count}")]
    #[terror(status = 409)]
    Count { count: u64 },
    #[error("untranslated")]
    #[terror(status = 400)]
    Untranslated { detail: String },
    #[error("database at 10.0.0.1 said no")]
    Internal {
        password: String,
        #[source]
        source: std::io::Error,
    },
    #[error("unredacted outage: {reason}")]
    #[terror(status = 503, redact = false, code = "outage.unredacted")]
    Outage { reason: String },
    #[error("batch")]
    #[terror(status = 422, code = "batch.failed")]
    Batch {
        #[terror(errors)]
        errors: Vec<SubError>,
    },
}

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "item", status = 422)]
enum ItemError {
    #[error("bad {name}")]
    Bad {
        name: String,
        weight: f64,
        tags: Vec<&'static str>,
    },
    #[error("item backend down")]
    #[terror(status = 500)]
    Down { secret: String },
}

fn localizer() -> Localizer {
    Localizer::builder()
        .embedded(terror_core::embed_locales!("tests/locales"))
        .problem_type_base("https://errors.example.com/")
        .build()
        .unwrap()
}

fn render(error: &dyn Terror, accept_language: &str, request: RequestInfo<'_>) -> (Value, String) {
    let localizer = localizer();
    let chain = localizer.negotiate(None, Some(accept_language));
    let problem = localizer.render_request(error, &chain, request);
    let json = problem.to_json();
    // The fast writer writes exactly what serde_json writes.
    assert_eq!(
        String::from_utf8(json.clone()).unwrap(),
        serde_json::to_string(&problem).unwrap()
    );
    (
        serde_json::from_slice(&json).unwrap(),
        problem.language().to_string(),
    )
}

#[test]
fn a_full_document() {
    let error = ThingError::Missing {
        name: "db-02".into(),
    };
    let request = RequestInfo {
        instance: Some("/things/db-02"),
        request_id: Some("7f3c9a"),
        trace_id: Some("4bf92f3577b34da6a3ce929d0e0e4736"),
    };
    let (body, language) = render(&error, "en-US", request);
    assert_eq!(language, "en-US");
    assert_eq!(
        body,
        json!({
            "type": "https://errors.example.com/thing.missing",
            "title": "Thing missing",
            "status": 404,
            "detail": "Thing db-02 is missing.",
            "instance": "/things/db-02",
            "code": "thing.missing",
            "args": { "name": "db-02" },
            "hint": "Create db-02 first.",
            "request_id": "7f3c9a",
            "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"
        })
    );
}

/// A detail built from a value that needs escaping is escaped in the
/// document: the document is what serde_json writes (the `render` helper
/// compares them), in every locale.
#[test]
fn a_detail_with_text_to_escape_is_escaped_in_the_document() {
    let name = "q\"uote \\ back\nline \u{1} Том";
    let error = ThingError::Missing { name: name.into() };
    let (body, _) = render(&error, "en-US", RequestInfo::default());
    assert_eq!(body["detail"], format!("Thing {name} is missing."));
    let (body, _) = render(&error, "ru", RequestInfo::default());
    assert_eq!(body["detail"], format!("Вещь {name} отсутствует."));
}

#[test]
fn a_translation_without_hint_shows_none() {
    let error = ThingError::Missing { name: "x".into() };
    let (body, language) = render(&error, "ru", RequestInfo::default());
    assert_eq!(language, "ru");
    assert_eq!(body["detail"], "Вещь x отсутствует.");
    assert_eq!(body["title"], "Вещь отсутствует");
    // The hint comes from the same locale as the detail, or not at all.
    assert!(body.get("hint").is_none());
}

#[test]
fn missing_title_uses_the_status_title() {
    let (body, _) = render(
        &ThingError::Count { count: 3 },
        "ru",
        RequestInfo::default(),
    );
    assert_eq!(body["detail"], "Всего 3 вещи.");
    assert_eq!(body["title"], "Конфликт");
}

#[test]
fn a_message_missing_everywhere_still_reads_well() {
    let error = ThingError::Untranslated { detail: "x".into() };
    let (body, language) = render(&error, "ru", RequestInfo::default());
    assert_eq!(
        body["detail"],
        "Запрос завершился ошибкой thing.untranslated."
    );
    assert_eq!(body["title"], "Некорректный запрос");
    assert_eq!(language, "ru");
    assert_eq!(body["args"], json!({ "detail": "x" }));
}

#[test]
fn server_errors_are_redacted() {
    let error = ThingError::Internal {
        password: "hunter2".into(),
        source: std::io::Error::other("connection to 10.0.0.1 refused"),
    };
    let (body, _) = render(
        &error,
        "en",
        RequestInfo {
            instance: None,
            request_id: Some("r-1"),
            trace_id: None,
        },
    );
    assert_eq!(
        body,
        json!({
            "type": "https://errors.example.com/thing.internal",
            "title": "Internal server error",
            "status": 500,
            "detail": "The server could not complete this request. If you report it, quote request id r-1.",
            "code": "thing.internal",
            "request_id": "r-1"
        })
    );
    let (body, _) = render(&error, "ru", RequestInfo::default());
    assert_eq!(body["detail"], "Сервер не смог выполнить запрос.");
    // German is not offered: the application has no German messages, even
    // though the framework's own texts exist in German.
    let (body, language) = render(&error, "de", RequestInfo::default());
    assert_eq!(
        (body["detail"].as_str(), language.as_str()),
        (Some("The server could not complete this request."), "en-US")
    );
}

#[test]
fn unredacted_server_errors_show_their_message() {
    let error = ThingError::Outage {
        reason: "maintenance".into(),
    };
    let (body, _) = render(&error, "en", RequestInfo::default());
    assert_eq!(body["status"], 503);
    assert_eq!(body["detail"], "Outage: maintenance.");
    assert_eq!(body["args"], json!({ "reason": "maintenance" }));
}

#[test]
fn sub_errors_render_recursively_with_locations_and_redaction() {
    let inner = ThingError::Batch {
        errors: vec![SubError::new(ItemError::Bad {
            name: "leaf".into(),
            weight: 1.5,
            tags: vec!["a", "\"quoted\"\n"],
        })
        .at_header("x-item")],
    };
    let error = ThingError::Batch {
        errors: vec![
            SubError::new(ItemError::Bad {
                name: "a/b".into(),
                weight: f64::NAN,
                tags: vec![],
            })
            .at_pointer(terror_core::json_pointer(["items", "a/b"])),
            SubError::new(ItemError::Down {
                secret: "s3cr3t".into(),
            })
            .at_parameter("item"),
            SubError::new(inner),
        ],
    };
    let (body, _) = render(&error, "en", RequestInfo::default());
    assert_eq!(
        body["errors"],
        json!([
            {
                "code": "item.bad",
                "detail": "Item a/b is bad.",
                "pointer": "/items/a~1b",
                "args": { "name": "a/b", "weight": null, "tags": [] }
            },
            {
                "code": "item.down",
                "detail": "The server could not complete this request.",
                "parameter": "item"
            },
            {
                "code": "batch.failed",
                "detail": "The batch failed.",
                "errors": [{
                    "code": "item.bad",
                    "detail": "Item leaf is bad.",
                    "header": "x-item",
                    "args": { "name": "leaf", "weight": 1.5, "tags": ["a", "\"quoted\"\n"] }
                }]
            }
        ])
    );
    assert!(!body.to_string().contains("s3cr3t"));
}

#[test]
fn big_integers_stay_exact_in_text_and_json() {
    let error = ThingError::Count { count: u64::MAX };
    let (body, _) = render(&error, "ru", RequestInfo::default());
    assert_eq!(body["detail"], "Всего 18446744073709551615 вещей.");
    let localizer = localizer();
    let problem = localizer.render(&error, &localizer.default_chain());
    let text = String::from_utf8(problem.to_json()).unwrap();
    assert!(
        text.contains(r#""args":{"count":18446744073709551615}"#),
        "{text}"
    );
}

#[test]
fn http_response_headers() {
    #[derive(Debug, thiserror::Error, Terror)]
    #[error("slow down")]
    #[terror(code = "rate.limited", status = 429, retry_after = 7)]
    struct RateLimited;

    let localizer = localizer();
    let chain = localizer.negotiate(None, Some("ru"));
    let response = localizer.render(&RateLimited, &chain).to_http_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "application/problem+json");
    assert_eq!(header("content-language"), "ru");
    assert_eq!(header("vary"), "accept-language");
    assert_eq!(header("retry-after"), "7");
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["title"], "Слишком много запросов");
    assert_eq!(body["detail"], "Запрос завершился ошибкой rate.limited.");
}

/// A hand-written error can wait less than a second; `Retry-After` counts
/// whole seconds and must not tell the client to retry at once.
#[test]
fn retry_after_rounds_a_fraction_of_a_second_up() {
    #[derive(Debug, thiserror::Error)]
    #[error("busy")]
    struct Busy(std::time::Duration);

    impl Terror for Busy {
        // The trait ties the code to `self`; this one is static.
        #[allow(clippy::unnecessary_literal_bound)]
        fn code(&self) -> &str {
            "busy"
        }
        fn status(&self) -> StatusCode {
            StatusCode::SERVICE_UNAVAILABLE
        }
        fn retry_after(&self) -> Option<std::time::Duration> {
            Some(self.0)
        }
    }

    let localizer = localizer();
    for (millis, header) in [(0, "0"), (1, "1"), (200, "1"), (1000, "1"), (1500, "2")] {
        let error = Busy(std::time::Duration::from_millis(millis));
        let response = localizer
            .render(&error, &localizer.default_chain())
            .to_http_response();
        assert_eq!(response.headers()["retry-after"], header, "{millis} ms");
    }
}

/// 100 sub-errors at most in a document, at every level together: a
/// list's own entries come first, then their children, and a list that was
/// cut says how long it was.
#[test]
fn sub_errors_are_bounded_across_levels_and_counted() {
    let item = |i: usize| {
        SubError::new(ItemError::Bad {
            name: format!("i{i}"),
            weight: 1.0,
            tags: vec![],
        })
    };
    let group = |children: usize| {
        SubError::new(ThingError::Batch {
            errors: (0..children).map(item).collect(),
        })
    };
    let error = ThingError::Batch {
        errors: vec![group(60), group(60), group(60)],
    };
    let (body, _) = render(&error, "en", RequestInfo::default());
    let groups = body["errors"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert!(body.get("errors_total").is_none());
    // 3 groups, then 60 + 37 + 0 of their children.
    let shown: Vec<usize> = groups
        .iter()
        .map(|g| g["errors"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(shown, [60, 37, 0]);
    let totals: Vec<&Value> = groups.iter().map(|g| &g["errors_total"]).collect();
    assert_eq!(totals, [&Value::Null, &json!(60), &json!(60)]);

    let many = ThingError::Batch {
        errors: (0..250).map(item).collect(),
    };
    let localizer = localizer();
    let problem = localizer.render(&many, &localizer.default_chain());
    assert_eq!(problem.errors().len(), terror_core::MAX_SUB_ERRORS);
    assert_eq!(problem.errors_total(), Some(250));
    let (body, _) = render(&many, "en", RequestInfo::default());
    assert_eq!(body["errors_total"], 250);
}

/// A type base and a hand-written code that need escaping come out as
/// serde_json writes them: the base is escaped once, when the localizer is
/// built, and the code once for the two places it is written.
#[test]
fn a_type_base_and_a_code_that_need_escaping() {
    #[derive(Debug, thiserror::Error)]
    #[error("odd")]
    struct Odd;

    impl Terror for Odd {
        #[allow(clippy::unnecessary_literal_bound)]
        fn code(&self) -> &str {
            "odd.\"quoted\"\\code"
        }
        fn status(&self) -> StatusCode {
            StatusCode::BAD_REQUEST
        }
    }

    let localizer = Localizer::builder()
        .embedded(terror_core::embed_locales!("tests/locales"))
        .problem_type_base("https://errors.example.com/\"a\\b\"\t/")
        .build()
        .unwrap();
    let problem = localizer.render(&Odd, &localizer.default_chain());
    let json = String::from_utf8(problem.to_json()).unwrap();
    assert_eq!(json, serde_json::to_string(&problem).unwrap());
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["type"],
        "https://errors.example.com/\"a\\b\"\t/odd.\"quoted\"\\code"
    );
    assert_eq!(value["code"], "odd.\"quoted\"\\code");
}
