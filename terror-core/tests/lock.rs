//! A service's lock: written when asked, unchanged while the errors are,
//! and a change reported with its class; a breaking one is accepted only
//! with a new major version.

use std::path::{Path, PathBuf};

use terror_core::catalog::{check_lock, LockError, LockOutcome, Service};
use terror_core::{Localizer, Terror};

// Never built: the test reads what they register.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "thing", locales = "tests/locales")]
enum ThingError {
    #[error("thing {name} missing")]
    #[terror(status = 404, message = "thing-missing")]
    Missing { name: String },
    #[error("{count} things")]
    #[terror(
        status = 409,
        message = "thing-count",
        deprecated = "use thing.missing"
    )]
    Count { count: u32 },
}

fn localizer() -> Localizer {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("tests/locales"))
        .build()
        .unwrap()
}

fn service(version: &str) -> Service {
    Service {
        name: "svc".into(),
        version: version.into(),
    }
}

/// A lock path of its own under the system's temporary folder.
fn lock_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("terror-lock-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("errors.lock.json");
    let _ = std::fs::remove_file(&path);
    path
}

fn edit(path: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let mut lock: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    change(&mut lock);
    std::fs::write(path, serde_json::to_string_pretty(&lock).unwrap()).unwrap();
}

#[test]
fn a_missing_lock_says_how_to_write_it_and_accepting_writes_it() {
    let localizer = localizer();
    let path = lock_path("missing");
    let error = check_lock(&localizer, &path, service("1.0.0"), false).unwrap_err();
    assert!(matches!(error, LockError::Missing { .. }));
    assert!(
        error.to_string().contains("TERROR_LOCK=accept cargo test"),
        "{error}"
    );

    let outcome = check_lock(&localizer, &path, service("1.0.0"), true).unwrap();
    let LockOutcome::Accepted(report) = outcome else {
        panic!("{outcome:?}");
    };
    assert!(report.passes());
    let lock: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        lock["service"],
        serde_json::json!({"name": "svc", "version": "1.0.0"})
    );
    assert_eq!(lock["locales"], serde_json::json!(["en-US", "ru"]));
    let count = lock["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "thing.count")
        .unwrap();
    assert_eq!(
        *count,
        serde_json::json!({
            "code": "thing.count",
            "status": 409,
            "grpc_code": "ABORTED",
            "grpc_reason": "THING_COUNT",
            "message_id": "thing-count",
            "redacted": false,
            "retry_after": null,
            "deprecated": "use thing.missing",
            "args": [{"name": "count", "type": "u32", "optional": false}],
            "children": null
        })
    );
    assert!(matches!(
        check_lock(&localizer, &path, service("1.0.0"), false).unwrap(),
        LockOutcome::Unchanged
    ));
}

#[test]
fn a_changed_contract_fails_with_its_classified_changes() {
    let localizer = localizer();
    let path = lock_path("changed");
    check_lock(&localizer, &path, service("1.0.0"), true).unwrap();
    // The lock says `thing.missing` had a u8 arg `size` too: the service
    // removed it.
    edit(&path, |lock| {
        for entry in lock["errors"].as_array_mut().unwrap() {
            if entry["code"] == "thing.missing" {
                entry["args"]
                    .as_array_mut()
                    .unwrap()
                    .push(serde_json::json!({"name": "size", "type": "u8", "optional": false}));
            }
        }
    });
    let error = check_lock(&localizer, &path, service("1.0.0"), false).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("error[arg_removed]: `thing.missing`: arg `size` removed"),
        "{text}"
    );
    assert!(
        text.contains("1 breaking, 0 additive, 0 cosmetic"),
        "{text}"
    );
    assert!(text.contains("raise the major version"), "{text}");

    // Accepting it at the same major version is refused, and the lock
    // stays as it was.
    let before = std::fs::read_to_string(&path).unwrap();
    let error = check_lock(&localizer, &path, service("1.1.0"), true).unwrap_err();
    assert!(
        matches!(error, LockError::BreakingWithoutMajor { .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("need a new major version of svc (now 1.1.0)"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);

    // With a new major version it is accepted.
    let outcome = check_lock(&localizer, &path, service("2.0.0"), true).unwrap();
    assert!(matches!(outcome, LockOutcome::Accepted(_)), "{outcome:?}");
    assert!(!std::fs::read_to_string(&path).unwrap().contains("\"size\""));
}

#[test]
fn an_additive_change_is_accepted_at_any_version() {
    let localizer = localizer();
    let path = lock_path("additive");
    check_lock(&localizer, &path, service("1.0.0"), true).unwrap();
    // The lock lacked `thing.count`: the service added it.
    edit(&path, |lock| {
        lock["errors"]
            .as_array_mut()
            .unwrap()
            .retain(|e| e["code"] != "thing.count");
    });
    let error = check_lock(&localizer, &path, service("1.0.0"), false).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("note[code_added]: new code `thing.count` (409 ABORTED)"),
        "{text}"
    );
    assert!(!text.contains("raise the major version"), "{text}");
    let outcome = check_lock(&localizer, &path, service("1.0.1"), true).unwrap();
    assert!(matches!(outcome, LockOutcome::Accepted(_)));
}

#[test]
fn a_broken_lock_is_a_clear_error() {
    let localizer = localizer();
    let path = lock_path("broken");
    std::fs::write(&path, r#"{"version": 1, "errors": [{"code": 5}]}"#).unwrap();
    let error = check_lock(&localizer, &path, service("1.0.0"), false).unwrap_err();
    assert!(matches!(error, LockError::Unreadable { .. }));
    assert!(
        error
            .to_string()
            .contains("errors[0].status: an HTTP status"),
        "{error}"
    );
    std::fs::write(&path, r#"{"version": 9, "errors": []}"#).unwrap();
    let error = check_lock(&localizer, &path, service("1.0.0"), true).unwrap_err();
    assert!(error.to_string().contains("format version 9"), "{error}");
    std::fs::write(&path, "not json").unwrap();
    let error = check_lock(&localizer, &path, service("1.0.0"), true).unwrap_err();
    assert!(matches!(error, LockError::Unreadable { .. }), "{error}");
}
