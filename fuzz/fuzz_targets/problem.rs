//! Fuzzes rendering an arbitrary error into a problem document with
//! arbitrary messages.
//!
//! The input is an `.ftl` text (up to the first NUL byte) loaded as the
//! en-US file `fuzz.ftl` next to the framework's locales; the bytes after
//! the NUL choose a hand-written error: its code (by default the first
//! message of the text), a status in 400..=599, whether a 5xx is redacted,
//! arguments (`n`, `name`, `x`, `count` and every variable of the text),
//! sub-errors (up to 150 at a level, nested up to 20 deep, or a chain
//! deeper than a problem shows), an
//! `Accept-Language` header the chain is negotiated from, and the
//! request's `instance` and `request_id`. It renders with
//! `Localizer::render_request`. Checks:
//! - nothing panics;
//! - the JSON parses, and is what serde_json writes for the problem;
//! - no string in it has an isolation mark or a `{$` (nor any `{` where
//!   neither the text nor the error can print one);
//! - at most `MAX_SUB_ERRORS` sub-errors in the whole document, nested at
//!   most 16 deep, and a list that was cut says how long it was;
//! - a redacted 5xx shows no `args`, `hint` or `errors`, and
//!   none of its string argument values anywhere.

#![no_main]

use libfuzzer_sys::arbitrary::{Result as ArbitraryResult, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use terror_core::{Localizer, RequestInfo, StatusCode, SubError, Terror, MAX_SUB_ERRORS};
use terror_fuzz::{
    arg_names, arg_value, ftl_input, json_strings, leaked_markup, plain_string, FtlInfo, FuzzError,
    FRAMEWORK,
};

const MAX_TEXT: usize = 4096;

/// Marks every string argument value, so that a redacted document can be
/// searched for them.
const SECRET: &str = "s3cr3t";

const HEADERS: [&str; 6] = [
    "",
    "de-CH, de;q=0.9, en;q=0.8",
    "ru",
    "fr, *;q=0.1",
    "en;q=0, de",
    "*",
];

/// Whether some text the fuzzer chose could make `{` or a mark appear in
/// the document on its own.
fn can_print(s: &str) -> bool {
    s.contains('{') || s.contains(terror_fuzz::ISOLATION_MARKS)
}

fn code_for(info: &FtlInfo, u: &mut Unstructured<'_>) -> ArbitraryResult<String> {
    let pick: u8 = u.arbitrary()?;
    let index = usize::from(pick % 8);
    Ok(match info.messages.get(index) {
        Some(message) if pick < 200 => message.id.clone(),
        _ if pick < 240 => plain_string(u)?,
        _ => "validation.required".to_owned(),
    })
}

fn fuzz_error(
    info: &FtlInfo,
    names: &[String],
    u: &mut Unstructured<'_>,
    depth: usize,
) -> ArbitraryResult<FuzzError> {
    let code = code_for(info, u)?;
    let status =
        StatusCode::from_u16(u.int_in_range(400..=599)?).unwrap_or(StatusCode::BAD_REQUEST);
    let mut error = FuzzError::new(code, status);
    // An arbitrary `true` shows a 5xx's details, as the seeds expect.
    error.redact = !u.arbitrary::<bool>()?;
    for name in names {
        if u.is_empty() || u.ratio(3, 4)? {
            let mut value = arg_value(u, &info.keys)?;
            if let terror_core::ArgValue::Str(s) = &mut value {
                *s = format!("{SECRET}{s}").into();
            }
            error.args.push((name.clone(), value));
        }
    }
    if depth < 20 && !u.is_empty() {
        let count = match u.int_in_range(0_u8..=10)? {
            0..=5 => 0,
            6 | 7 => u.int_in_range(1..=4)?,
            8 => u.int_in_range(90..=150)?,
            9 => 1,
            _ => {
                // A chain nested deeper than a problem shows.
                let mut leaf = FuzzError::new("validation.required", StatusCode::BAD_REQUEST);
                for level in 0..u.int_in_range(14..=20)? {
                    let mut parent =
                        FuzzError::new(format!("fuzz.level_{level}"), StatusCode::BAD_REQUEST);
                    parent
                        .subs
                        .push(SubError::new(leaf).at_pointer(format!("/{level}")));
                    leaf = parent;
                }
                error.subs.push(SubError::new(leaf).at_parameter("deep"));
                return Ok(error);
            }
        };
        for i in 0..count {
            let sub = if i == 0 || u.ratio(1, 8)? {
                fuzz_error(info, names, u, depth + 1)?
            } else {
                FuzzError::new("validation.required", StatusCode::UNPROCESSABLE_ENTITY)
            };
            error
                .subs
                .push(SubError::new(sub).at_pointer(format!("/{i}")));
        }
    }
    Ok(error)
}

/// Checks each shown sub-error against the error it came from: the same
/// code, and a redacted one shows no `args`, `hint` or `errors` and none
/// of its string argument values.
fn check_items(
    error: &(dyn Terror + '_),
    members: &serde_json::Map<String, Value>,
    secret_chosen: bool,
) {
    let Some(items) = members.get("errors").and_then(Value::as_array) else {
        return;
    };
    for (sub, item) in error.sub_errors().iter().zip(items) {
        let item = item.as_object().expect("an item is an object");
        let child = sub.error();
        assert_eq!(item.get("code").and_then(Value::as_str), Some(child.code()));
        if child.is_redacted() {
            for member in ["args", "hint", "errors", "errors_total"] {
                assert!(
                    !item.contains_key(member),
                    "a redacted sub-error shows {member}: {item:?}"
                );
            }
            if !secret_chosen {
                let shown = serde_json::to_string(item).expect("an item serializes");
                assert!(
                    !shown.contains(SECRET),
                    "a redacted sub-error shows an argument value: {shown}"
                );
            }
        } else {
            check_items(child, item, secret_chosen);
        }
    }
}

/// Whether the code of the error or of any error under it contains `s`.
fn codes_contain(error: &(dyn Terror + '_), s: &str) -> bool {
    error.code().contains(s)
        || error
            .sub_errors()
            .iter()
            .any(|sub| codes_contain(sub.error(), s))
}

/// Walks `errors` lists: returns (items, deepest level), checking each cut
/// list's `errors_total`.
fn count_items(members: &serde_json::Map<String, Value>, depth: usize) -> (usize, usize) {
    let Some(errors) = members.get("errors") else {
        return (0, depth);
    };
    let items = errors.as_array().expect("errors is an array");
    assert!(!items.is_empty(), "an empty errors list is left out");
    if let Some(total) = members.get("errors_total") {
        let total = total.as_u64().expect("errors_total is a number");
        assert!(
            usize::try_from(total).unwrap_or(usize::MAX) > items.len(),
            "errors_total {total} with {} items shown",
            items.len()
        );
    }
    let mut count = items.len();
    let mut deepest = depth + 1;
    for item in items {
        let (n, d) = count_items(item.as_object().expect("an item is an object"), depth + 1);
        count += n;
        deepest = deepest.max(d);
    }
    (count, deepest)
}

fuzz_target!(|data: &[u8]| {
    let Some((text, rest)) = ftl_input(data, MAX_TEXT) else {
        return;
    };
    let Ok(localizer) = Localizer::builder()
        .default_locale("en-US")
        .embedded(FRAMEWORK)
        .source("en-US", "fuzz.ftl", text)
        .build()
    else {
        return;
    };
    let info = FtlInfo::of(text);
    let names = arg_names(&info);
    let mut u = Unstructured::new(rest);
    let Ok(error) = fuzz_error(&info, &names, &mut u, 0) else {
        return;
    };
    let header = match u.int_in_range(0_u8..=2) {
        Ok(0) | Err(_) => HEADERS[0].to_owned(),
        Ok(1) => u
            .choose(&HEADERS)
            .map_or_else(|_| String::new(), |h| (*h).to_owned()),
        Ok(_) => plain_string(&mut u).unwrap_or_default(),
    };
    let instance = plain_string(&mut u).ok().filter(|s| !s.is_empty());
    let request_id = plain_string(&mut u).ok().filter(|s| !s.is_empty());

    let chain = localizer.negotiate(None, Some(&header));
    let problem = localizer.render_request(
        &error,
        &chain,
        RequestInfo {
            instance: instance.as_deref(),
            request_id: request_id.as_deref(),
            trace_id: None,
        },
    );
    let json = problem.to_json();
    assert_eq!(
        json,
        serde_json::to_vec(&problem).expect("a problem serializes"),
        "to_json differs from serde_json"
    );
    let document: Value = match serde_json::from_slice(&json) {
        Ok(document) => document,
        Err(e) => panic!(
            "the problem does not parse ({e}): {}",
            String::from_utf8_lossy(&json)
        ),
    };
    let members = document.as_object().expect("a problem is an object");

    // Nothing prints markup unless the text, the code or a request field can.
    let chosen_text_prints = info.can_print_braces_or_marks
        || can_print(&error.code)
        || instance.as_deref().is_some_and(can_print)
        || request_id.as_deref().is_some_and(can_print);
    let mut strings = Vec::new();
    json_strings(&document, &mut strings);
    for s in &strings {
        if let Some(what) = leaked_markup(s, chosen_text_prints) {
            panic!(
                "the problem shows {what} in {s:?}\ntext: {text:?}\ndocument: {}",
                String::from_utf8_lossy(&json)
            );
        }
    }

    let (items, deepest) = count_items(members, 0);
    assert!(items <= MAX_SUB_ERRORS, "{items} sub-errors shown");
    assert!(deepest <= 16, "sub-errors nest {deepest} deep");

    // Whether the secret marker reaches the document other than through
    // argument values: codes are plain strings, so only by chance.
    let secret_chosen = text.contains(SECRET)
        || instance.as_deref().is_some_and(|s| s.contains(SECRET))
        || request_id.as_deref().is_some_and(|s| s.contains(SECRET))
        || codes_contain(&error, SECRET);
    check_items(&error, members, secret_chosen);
    if error.is_redacted() {
        for member in ["args", "hint", "errors", "errors_total"] {
            assert!(
                !members.contains_key(member),
                "a redacted {} shows {member}: {}",
                error.status,
                String::from_utf8_lossy(&json)
            );
        }
        if !secret_chosen {
            assert!(
                !String::from_utf8_lossy(&json).contains(SECRET),
                "a redacted {} shows an argument value: {}",
                error.status,
                String::from_utf8_lossy(&json)
            );
        }
    }
});
