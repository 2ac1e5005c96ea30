use std::collections::BTreeMap;
use std::num::NonZeroU32;

use serde::Deserialize;
use terror_core::{Location, Terror, MAX_SUB_ERRORS};

use crate::errors::RequestError;

/// What `Json` answers for `body`: each sub-error as code, pointer and
/// args.
fn subs<T: serde::de::DeserializeOwned>(body: &str) -> Vec<(String, String, String)> {
    let error = crate::extract::deserialize_json::<T>(body.as_bytes())
        .err()
        .expect("the body is refused");
    error
        .sub_errors()
        .iter()
        .map(|sub| {
            let pointer = match sub.location() {
                Some(Location::Pointer(p)) => p.clone(),
                other => panic!("not a pointer: {other:?}"),
            };
            let args = serde_json::to_string(&sub.error().args()).unwrap();
            (sub.error().code().to_owned(), pointer, args)
        })
        .collect()
}

fn wrong(pointer: &str, expected: &str, found: &str) -> (String, String, String) {
    (
        "request.wrong_type".into(),
        pointer.into(),
        format!(r#"{{"expected_kind":"{expected}","found_kind":"{found}"}}"#),
    )
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Optional {
    name: Option<String>,
    pool: Option<String>,
    size_gb: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Required {
    name: String,
    size: u64,
    pool: String,
}

#[test]
fn every_field_of_the_wrong_kind_is_listed() {
    assert_eq!(
        subs::<Optional>(r#"{"name": 1, "pool": 2, "size_gb": "x"}"#),
        [
            wrong("/name", "string", "integer"),
            wrong("/pool", "string", "integer"),
            wrong("/size_gb", "integer", "string"),
        ]
    );
    // Every kind JSON has, found where another was asked for.
    assert_eq!(
        subs::<Optional>(r#"{"name": true, "pool": [1, {"a": 2}], "size_gb": {"x": []}}"#),
        [
            wrong("/name", "string", "boolean"),
            wrong("/pool", "string", "array"),
            wrong("/size_gb", "integer", "object"),
        ]
    );
    assert_eq!(
        subs::<Required>(r#"{"name": 1.5, "size": null, "pool": "p"}"#),
        [
            wrong("/name", "string", "number"),
            wrong("/size", "integer", "null"),
        ]
    );
}

#[test]
fn a_missing_field_is_listed_after_the_wrong_values() {
    assert_eq!(
        subs::<Required>(r#"{"name": 1, "size": 3}"#),
        [
            wrong("/name", "string", "integer"),
            (
                "request.missing_field".into(),
                "/pool".into(),
                r#"{"field":"pool"}"#.into()
            ),
        ]
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Volume {
    tags: Vec<Tag>,
    owner: Owner,
    size: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Tag {
    key: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Owner {
    id: u32,
    team: String,
}

#[test]
fn nested_objects_and_arrays_point_at_each_value() {
    assert_eq!(
        subs::<Volume>(
            r#"{"tags": [{"key": 1}, {"key": "ok"}, {"key": true}],
                "owner": {"id": "x", "team": 7}, "size": "big"}"#
        ),
        [
            wrong("/tags/0/key", "string", "integer"),
            wrong("/tags/2/key", "string", "boolean"),
            wrong("/owner/id", "integer", "string"),
            wrong("/owner/team", "string", "integer"),
            wrong("/size", "integer", "string"),
        ]
    );
    // A struct sent as a string reads as a struct of neutral fields: none
    // of them is reported missing, and reading goes on.
    assert_eq!(
        subs::<Volume>(r#"{"tags": "a", "owner": "bob", "size": "big"}"#),
        [
            wrong("/tags", "array", "string"),
            wrong("/owner", "object", "string"),
            wrong("/size", "integer", "string"),
        ]
    );
    // An error that does not depend on a substituted value stands, at its
    // own pointer.
    assert_eq!(
        subs::<Volume>(r#"{"tags": [{"key": 1}, {"kee": "x"}], "owner": "bob", "size": 1}"#),
        [
            wrong("/tags/0/key", "string", "integer"),
            (
                "request.unknown_field".into(),
                "/tags/1/kee".into(),
                r#"{"field":"kee"}"#.into()
            ),
        ]
    );
    assert_eq!(
        subs::<BTreeMap<u32, u8>>(r#"{"1": "x", "2": 3, "3": [], "4": 300}"#),
        [
            wrong("/1", "integer", "string"),
            wrong("/3", "integer", "array"),
            (
                "request.out_of_range".into(),
                "/4".into(),
                r#"{"bound":"between","min":0,"max":255}"#.into()
            ),
        ]
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Shape {
    Circle { r: u32 },
    Square(u32),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Drawing {
    shape: Shape,
    layer: Option<Shape>,
    label: String,
}

#[test]
fn an_enums_content_is_read_through_too() {
    // As in the first reading's pointers, the variant is no segment.
    assert_eq!(
        subs::<Drawing>(
            r#"{"shape": {"Circle": {"r": "x"}}, "layer": {"Square": []}, "label": 1}"#
        ),
        [
            wrong("/shape/r", "integer", "string"),
            wrong("/layer", "integer", "array"),
            wrong("/label", "string", "integer"),
        ]
    );
}

/// A name the type refuses when empty, with a text for the log only.
#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
struct Name(#[allow(dead_code)] String);

impl TryFrom<String> for Name {
    type Error = &'static str;
    fn try_from(name: String) -> Result<Self, Self::Error> {
        if name.is_empty() {
            Err("an empty name")
        } else {
            Ok(Name(name))
        }
    }
}

/// A check of the whole object, which a neutral field fails.
#[derive(Debug, Deserialize)]
#[serde(try_from = "Range")]
#[allow(dead_code)]
struct Checked(Range);

#[derive(Debug, Deserialize)]
struct Range {
    low: u32,
    high: u32,
}

impl TryFrom<Range> for Checked {
    type Error = &'static str;
    fn try_from(range: Range) -> Result<Self, Self::Error> {
        if range.low < range.high {
            Ok(Checked(range))
        } else {
            Err("low must be below high")
        }
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Picky {
    count: NonZeroU32,
    name: Name,
    note: String,
    range: Checked,
}

#[test]
fn a_type_that_refuses_the_neutral_value_adds_no_error_of_its_own() {
    // NonZeroU32 refuses 0: the reading ends there, with the one true
    // error (its visitor expects "a nonzero u32", a kind of its own).
    assert_eq!(
        subs::<Picky>(r#"{"count": "x", "name": 5, "note": "", "range": {"low": 1, "high": 2}}"#),
        [wrong("/count", "other", "string")]
    );
    assert_eq!(
        subs::<Picky>(r#"{"count": 1, "name": 5, "note": "", "range": {"low": 1, "high": 2}}"#),
        [wrong("/name", "string", "integer")]
    );
    // The object's own check fails above the substituted field.
    assert_eq!(
        subs::<Picky>(r#"{"count": 1, "name": "n", "note": "", "range": {"low": "x", "high": 2}}"#),
        [wrong("/range/low", "integer", "string")]
    );
    // Without a substitution there, the check's verdict stands.
    assert_eq!(
        subs::<Picky>(r#"{"count": 1, "name": "n", "note": 1, "range": {"low": 3, "high": 2}}"#),
        [
            wrong("/note", "string", "integer"),
            ("request.invalid_value".into(), "/range".into(), "{}".into()),
        ]
    );
}

/// A type that contains itself: its neutral value would never end.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Node {
    child: Box<Node>,
    weight: u8,
}

#[test]
fn neutral_values_are_bounded() {
    assert_eq!(
        subs::<Node>(r#"{"child": "x", "weight": 1}"#),
        [wrong("/child", "object", "string")]
    );
    // A tuple asks for its length in neutral elements: a small one is
    // made, a huge one runs out of budget and ends the reading.
    assert_eq!(
        subs::<Vec<[[u8; 32]; 32]>>("[1, 2]"),
        [
            wrong("/0", "array", "integer"),
            wrong("/1", "array", "integer")
        ]
    );
    assert_eq!(
        subs::<Vec<[[[u8; 32]; 32]; 32]>>("[1, 2]"),
        [wrong("/0", "array", "integer")]
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    id: u32,
    name: String,
}

#[test]
fn thousands_of_wrong_values_give_the_first_hundred() {
    let items = vec![r#"{"id": "x", "name": 1}"#; 5000].join(",");
    let body = format!("[{items}]");
    let found = subs::<Vec<Item>>(&body);
    assert_eq!(found.len(), MAX_SUB_ERRORS);
    assert_eq!(found[0], wrong("/0/id", "integer", "string"));
    assert_eq!(found[1], wrong("/0/name", "string", "integer"));
    assert_eq!(found[99], wrong("/49/name", "string", "integer"));
}

#[test]
fn a_body_that_stops_being_json_is_malformed() {
    for (body, line, column) in [
        (r#"{"name": 1, "size": 2, oops}"#, 1, 24),
        ("{\"name\": 1, \"size\": 2, \"pool\": \"p\"} x", 1, 37),
    ] {
        let error = crate::extract::deserialize_json::<Required>(body.as_bytes()).unwrap_err();
        assert!(
            matches!(error, RequestError::MalformedJson { line: l, column: c } if (l, c) == (line, column)),
            "{body}: {error:?}"
        );
    }
}

#[test]
fn what_the_visitor_refuses_ends_the_reading() {
    // A float for an integer is the integer's visitor's verdict, not
    // serde_json's: it ends the reading, reported when nothing before it
    // was substituted.
    assert_eq!(
        subs::<Required>(r#"{"name": "a", "size": 1.5, "pool": 3}"#),
        [wrong("/size", "integer", "number")]
    );
    assert_eq!(
        subs::<Required>(r#"{"name": 1, "size": 1.5, "pool": 3}"#),
        [
            wrong("/name", "string", "integer"),
            wrong("/size", "integer", "number"),
        ]
    );
}

#[test]
fn pointers_relate_by_segment() {
    use super::related;
    assert!(related("/a", "/a"));
    assert!(related("/a", "/a/b"));
    assert!(related("/a/b", "/a"));
    assert!(related("", "/a"));
    assert!(!related("/a", "/ab"));
    assert!(!related("/a/b", "/a/c"));
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Tree {
    n: u8,
    children: Vec<Tree>,
}

#[test]
fn deep_bodies_are_read_within_serde_jsons_nesting_limit() {
    // 63 trees deep: 126 levels of JSON, under serde_json's 128.
    let depth = 63;
    let body = format!(
        "{}{}",
        r#"{"n": "x", "children": ["#.repeat(depth),
        "]}".repeat(depth)
    );
    let found = subs::<Tree>(&body);
    assert_eq!(found.len(), depth);
    assert_eq!(found[1], wrong("/children/0/n", "integer", "string"));
    // One level more is serde_json's syntax error, as in the first reading.
    let body = format!(
        "{}{}",
        r#"{"n": 1, "children": ["#.repeat(65),
        "]}".repeat(65)
    );
    assert!(matches!(
        crate::extract::deserialize_json::<Tree>(body.as_bytes()),
        Err(RequestError::MalformedJson { .. })
    ));
}
