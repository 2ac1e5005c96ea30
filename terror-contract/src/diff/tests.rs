//! The rules the storage-api kinds (terror-cli's tests/diff.rs) do not
//! reach, each on a contract of one code.

use serde_json::{json, Value};

use super::*;

fn entry() -> Value {
    json!({
        "code": "volume.in_use", "status": 409, "grpc_code": "ABORTED",
        "grpc_reason": "VOLUME_IN_USE", "message_id": "volume-in-use",
        "redacted": false, "retry_after": 30, "deprecated": null,
        "children": ["validation.length", "validation.range"],
        "args": [
            {"name": "name", "type": "String", "optional": false},
            {"name": "hosts", "type": "Option<u32>", "optional": true}
        ]
    })
}

fn contract(entry: &Value) -> Contract {
    let document = json!({"version": 1, "locales": ["de", "en-US"], "errors": [entry]});
    Contract::from_json(&document).unwrap()
}

/// The one change between the entry as `old` leaves it and as `new` does.
fn between(old: impl FnOnce(&mut Value), new: impl FnOnce(&mut Value)) -> (Kind, &'static str) {
    let (mut before, mut after) = (entry(), entry());
    old(&mut before);
    new(&mut after);
    let changes = diff(&contract(&before), &contract(&after));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    (changes[0].kind, changes[0].rule)
}

/// The one change `new` makes to the entry.
fn only(new: impl FnOnce(&mut Value)) -> (Kind, &'static str) {
    between(|_| {}, new)
}

#[test]
fn retry() {
    assert_eq!(
        only(|e| e["retry_after"] = Value::Null),
        (Kind::Breaking, "retry_removed")
    );
    assert_eq!(
        only(|e| e["retry_after"] = 60.into()),
        (Kind::Cosmetic, "retry_changed")
    );
    assert_eq!(
        between(|e| e["retry_after"] = Value::Null, |_| {}),
        (Kind::Additive, "retry_added")
    );
}

#[test]
fn redaction_lifted() {
    assert_eq!(
        between(|e| e["redacted"] = true.into(), |_| {}),
        (Kind::Additive, "unredacted")
    );
}

#[test]
fn args() {
    assert_eq!(
        only(|e| {
            e["args"][1]["type"] = "u32".into();
            e["args"][1]["optional"] = false.into();
        }),
        (Kind::Additive, "arg_made_required")
    );
    assert_eq!(
        only(|e| e["args"][0]["type"] = "&'static str".into()),
        (Kind::Cosmetic, "arg_type_renamed")
    );
}

#[test]
fn children() {
    let remove = |e: &mut Value| e["children"] = json!(["validation.length"]);
    assert_eq!(only(remove), (Kind::Breaking, "child_removed"));
    assert_eq!(between(remove, |_| {}), (Kind::Additive, "child_added"));
    assert_eq!(
        only(|e| e["children"] = Value::Null),
        (Kind::Breaking, "child_removed")
    );
    assert_eq!(
        between(|e| e["children"] = Value::Null, |_| {}),
        (Kind::Additive, "child_added")
    );
    assert_eq!(
        between(|e| e["children"] = "any".into(), |_| {}),
        (Kind::Additive, "child_added")
    );
}

#[test]
fn deprecation() {
    let deprecated = |e: &mut Value| e["deprecated"] = "use volume.busy".into();
    assert_eq!(
        between(deprecated, |_| {}),
        (Kind::Cosmetic, "code_undeprecated")
    );
    assert_eq!(
        between(deprecated, |e| e["deprecated"] = "use volume.held".into()),
        (Kind::Cosmetic, "deprecation_changed")
    );
}

#[test]
fn message_id_and_texts() {
    assert_eq!(
        only(|e| e["message_id"] = "volume-busy".into()),
        (Kind::Cosmetic, "message_id_changed")
    );
    let texts = |description: &'static str| {
        move |e: &mut Value| {
            e["description"] = description.into();
            e["messages"] = json!({"en-US": {"source": "volume-in-use = In use."}});
        }
    };
    assert_eq!(
        between(texts("Held by a host."), texts("Attached to hosts.")),
        (Kind::Cosmetic, "text_changed")
    );
}

#[test]
fn a_locale_removed_breaks() {
    let mut fewer = contract(&entry());
    fewer.locales = Some(vec!["en-US".into()]);
    let changes = diff(&contract(&entry()), &fewer);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        (changes[0].kind, changes[0].rule),
        (Kind::Breaking, "locale_removed")
    );
    assert_eq!(changes[0].code, None);
}

#[test]
fn breaking_changes_come_first() {
    let mut new = entry();
    new["retry_after"] = 60.into();
    new["status"] = 423.into();
    new["args"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "pool", "type": "String", "optional": false}));
    let kinds: Vec<Kind> = diff(&contract(&entry()), &contract(&new))
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(kinds, [Kind::Breaking, Kind::Additive, Kind::Cosmetic]);
}

#[test]
fn renames_pair_each_code_with_the_one_of_its_shape() {
    // Thousands of codes renamed at once, each with an arg of its own: each
    // pairs with the new code of its shape, found by lookup rather than by
    // comparing every pair.
    let code = |prefix: &str, i: usize| {
        let mut e = entry();
        e["code"] = format!("{prefix}.c{i}").into();
        e["args"] = json!([{"name": format!("arg_{i}"), "type": "u8", "optional": false}]);
        e
    };
    let document = |prefix: &str| {
        let errors: Vec<Value> = (0..5_000).map(|i| code(prefix, i)).collect();
        Contract::from_json(&json!({"version": 1, "errors": errors})).unwrap()
    };
    let changes = diff(&document("old"), &document("new"));
    assert_eq!(changes.len(), 5_000);
    for change in &changes {
        let i = change.code.as_deref().unwrap().trim_start_matches("old.c");
        assert_eq!(change.rule, "code_renamed");
        assert!(
            change
                .message
                .ends_with(&format!("`new.c{i}` looks like it renamed")),
            "{}",
            change.message
        );
    }
}
