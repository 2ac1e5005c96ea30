//! `terror diff` on storage-api's committed lock: each kind of change,
//! applied to a copy, is classified by its rule and decides the exit code;
//! the verdicts are the ones `examples/storage-api/contract-ts/expected.json`
//! records beside TypeScript's.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn lock() -> Value {
    let text =
        std::fs::read_to_string(repo().join("examples/storage-api/errors.lock.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn entry<'a>(lock: &'a mut Value, code: &str) -> &'a mut Value {
    lock["errors"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["code"] == code)
        .unwrap_or_else(|| panic!("{code} is not in the lock"))
}

fn arg<'a>(lock: &'a mut Value, code: &str, name: &str) -> &'a mut Value {
    entry(lock, code)["args"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["name"] == name)
        .unwrap()
}

fn push_arg(lock: &mut Value, code: &str, name: &str, rust_type: &str, optional: bool) {
    let args = entry(lock, code)["args"].as_array_mut().unwrap();
    args.push(json!({"name": name, "type": rust_type, "optional": optional}));
}

/// The lock pair for `kind`, the change applied to the second (on the same
/// targets as contract-ts's `mutate.mjs`), and the rule that must name it.
fn apply(kind: &str) -> (Value, Value, &'static str) {
    let mut old = lock();
    let mut new = old.clone();
    let rule = match kind {
        "code_removed" => {
            new["errors"]
                .as_array_mut()
                .unwrap()
                .retain(|e| e["code"] != "volume.in_use");
            "code_removed"
        }
        "code_renamed" => {
            let e = entry(&mut new, "volume.not_found");
            e["code"] = "volume.missing".into();
            e["grpc_reason"] = "VOLUME_MISSING".into();
            e["message_id"] = "volume-missing".into();
            "code_renamed"
        }
        "status_changed" => {
            entry(&mut new, "volume.not_found")["status"] = 410.into();
            "status_changed"
        }
        "grpc_code_changed" => {
            entry(&mut new, "volume.in_use")["grpc_code"] = "FAILED_PRECONDITION".into();
            "grpc_code_changed"
        }
        "redacted" => {
            entry(&mut new, "volume.in_use")["redacted"] = true.into();
            "redacted"
        }
        "child_type_removed" => {
            entry(&mut new, "volume.invalid")["children"] = "any".into();
            "child_removed"
        }
        "code_added" => {
            let mut locked = entry(&mut new, "volume.already_exists").clone();
            locked["code"] = "volume.locked".into();
            locked["grpc_reason"] = "VOLUME_LOCKED".into();
            locked["message_id"] = "volume-locked".into();
            // A code like none before it, so that it cannot look renamed.
            locked["args"] = json!([{"name": "holder", "type": "String", "optional": false}]);
            new["errors"].as_array_mut().unwrap().push(locked);
            "code_added"
        }
        "arg_added" => {
            push_arg(&mut new, "volume.in_use", "pool", "String", false);
            "arg_added"
        }
        "optional_arg_added" => {
            push_arg(&mut new, "volume.in_use", "reason", "Option<String>", true);
            "optional_arg_added"
        }
        "child_type_added" => {
            let children = entry(&mut new, "volume.invalid")["children"]
                .as_array_mut()
                .unwrap();
            children.push("request.unknown_field".into());
            "child_added"
        }
        "locale_added" => {
            new["locales"].as_array_mut().unwrap().push("fr".into());
            "locale_added"
        }
        "code_deprecated" => {
            entry(&mut new, "volume.not_found")["deprecated"] = "use volume.missing".into();
            "code_deprecated"
        }
        "message_text_changed" => {
            // Texts are in catalog exports, not in locks: both sides as
            // exports, the new one with another English message.
            let message = |text: &str| json!({"en-US": {"source": text}});
            entry(&mut old, "volume.not_found")["messages"] =
                message("volume-not-found = Volume { $name } was not found.");
            entry(&mut new, "volume.not_found")["messages"] =
                message("volume-not-found = There is no volume { $name }.");
            "text_changed"
        }
        other => arg_change(other, &mut new),
    };
    (old, new, rule)
}

/// The kinds of change to an arg, applied to `new`; returns the rule.
fn arg_change(kind: &str, new: &mut Value) -> &'static str {
    match kind {
        "arg_removed" => {
            let e = entry(new, "volume.in_use");
            e["args"]
                .as_array_mut()
                .unwrap()
                .retain(|a| a["name"] != "hosts");
            "arg_removed"
        }
        "arg_renamed" => {
            arg(new, "volume.in_use", "hosts")["name"] = "host_count".into();
            "arg_renamed"
        }
        "arg_made_optional" => {
            let a = arg(new, "volume.in_use", "hosts");
            a["type"] = "Option<u32>".into();
            a["optional"] = true.into();
            "arg_made_optional"
        }
        "arg_integer_to_string" => {
            arg(new, "volume.in_use", "hosts")["type"] = "String".into();
            "arg_type_changed"
        }
        "arg_integer_wider" => {
            arg(new, "volume.in_use", "hosts")["type"] = "u64".into();
            "arg_type_changed"
        }
        "arg_integer_narrower" => {
            arg(new, "pool.capacity_exceeded", "requested_gb")["type"] = "u32".into();
            "arg_type_narrowed"
        }
        "arg_list_to_scalar" => {
            arg(new, "request.unknown_variant", "allowed")["type"] = "String".into();
            "arg_type_changed"
        }
        other => panic!("no mutation for {other}"),
    }
}

fn dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("terror-diff")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn diff(name: &str, old: &Value, new: &Value, args: &[&str]) -> Output {
    let dir = dir(name);
    let (old_path, new_path) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&old_path, old.to_string()).unwrap();
    std::fs::write(&new_path, new.to_string()).unwrap();
    Command::new(env!("CARGO_BIN_EXE_terror"))
        .arg("diff")
        .arg(&old_path)
        .arg(&new_path)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn each_kind_of_change_has_its_rule_verdict_and_exit_code() {
    let text =
        std::fs::read_to_string(repo().join("examples/storage-api/contract-ts/expected.json"))
            .unwrap();
    let expected: Value = serde_json::from_str(&text).unwrap();
    let kinds = expected.as_object().unwrap();
    assert_eq!(kinds.len(), 20);
    for (kind, verdicts) in kinds {
        let (old, new, rule) = apply(kind);
        let output = diff(kind, &old, &new, &["--format", "json"]);
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let changes = report["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 1, "{kind}: {changes:#?}");
        assert_eq!(changes[0]["rule"], rule, "{kind}");
        assert_eq!(changes[0]["kind"], verdicts["terror"], "{kind}");
        let breaking = verdicts["terror"] == "breaking";
        assert_eq!(output.status.code(), Some(i32::from(breaking)), "{kind}");

        // A new major version lets a breaking change through.
        let mut bumped = new.clone();
        bumped["service"]["version"] = "0.2.0".into();
        let output = diff(kind, &old, &bumped, &[]);
        assert_eq!(output.status.code(), Some(0), "{kind}");
    }
}

#[test]
fn the_unchanged_lock_holds() {
    let output = diff("unchanged", &lock(), &lock(), &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "0 breaking, 0 additive, 0 cosmetic: the contract holds\n"
    );
}

#[test]
fn changes_print_as_text_github_annotations_and_markdown() {
    let old = lock();
    let mut new = old.clone();
    arg(&mut new, "volume.in_use", "hosts")["name"] = "host_count".into();
    entry(&mut new, "volume.not_found")["deprecated"] = "use volume.missing".into();
    let name = "formats";
    let old_path = dir(name).join("old.json");

    let text = String::from_utf8(diff(name, &old, &new, &[]).stdout).unwrap();
    assert_eq!(
        text,
        format!(
            "error[arg_renamed]: `volume.in_use`: arg `hosts` removed; `host_count` looks like it renamed\n  \
             --> {old}: volume.in_use\n   = breaking: clients reading `args.hosts` get nothing\n\
             note[code_deprecated]: `volume.not_found` deprecated: use volume.missing\n  \
             --> {old}: volume.not_found\n   = additive: it stays until a new major version\n\
             1 breaking, 1 additive, 0 cosmetic; 0.1.0 -> 0.1.0 is not a new major version: raise it, or undo the breaking changes\n",
            old = old_path.display()
        )
    );

    let github = String::from_utf8(diff(name, &old, &new, &["--format", "github"]).stdout).unwrap();
    let file = old_path
        .display()
        .to_string()
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        github,
        format!(
            "::error file={file},title=breaking change (arg_renamed)::`volume.in_use`: arg `hosts` removed; `host_count` looks like it renamed\n\
             ::notice file={file},title=additive change (code_deprecated)::`volume.not_found` deprecated: use volume.missing\n"
        )
    );

    let markdown =
        String::from_utf8(diff(name, &old, &new, &["--format", "markdown"]).stdout).unwrap();
    assert_eq!(
        markdown,
        "## Error contract\n\n\
         1 breaking, 1 additive, 0 cosmetic; 0.1.0 -> 0.1.0 is not a new major version: raise it, or undo the breaking changes\n\n\
         ### Breaking\n\n\
         - `volume.in_use`: arg `hosts` removed; `host_count` looks like it renamed (clients reading `args.hosts` get nothing)\n\n\
         ### Additive\n\n\
         - `volume.not_found` deprecated: use volume.missing (it stays until a new major version)\n\n"
    );
}

#[test]
fn what_is_not_a_contract_is_a_usage_error() {
    let dir = dir("bad");
    let bad = dir.join("bad.json");
    for (content, message) in [
        ("not json", "is not JSON"),
        (
            r#"{"version": 2, "errors": []}"#,
            "format version 2 is not one this terror reads",
        ),
        (
            r#"{"version": 1, "errors": [{"code": "a.b"}]}"#,
            "errors[0].status: an HTTP status",
        ),
    ] {
        std::fs::write(&bad, content).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_terror"))
            .args(["diff"])
            .arg(&bad)
            .arg(&bad)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{content}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{stderr}");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_terror"))
        .args(["diff", "/nonexistent/old.json", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("cannot be read"));
}
