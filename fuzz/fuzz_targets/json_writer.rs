//! Fuzzes `Problem::to_json`, terror's hand-written JSON writer, against
//! `serde_json::to_vec` of the same problem.
//!
//! The input is split at 0xFF bytes into fields, each read as (lossy)
//! UTF-8, so strings hold control characters, quotes, backslashes and any
//! multibyte text: the code, the instance, the request id, a flags field
//! (status and whether a 5xx is redacted), then argument name and value
//! pairs. A value that reads as an integer, a float (`NaN` and `inf`
//! included), `true`/`false`, `null` or a JSON array or object becomes that
//! kind of argument, anything else a string. Each pair is also a sub-error
//! (code = the name, pointing at the value) with the value as its argument.
//! The error renders with `render_request` in a localizer whose message
//! `fuzz-json` (code `fuzz.json`, used when the code field is empty) shows
//! the arguments in its value, title and hint. Checks:
//! - nothing panics;
//! - `to_json()` is byte for byte what `serde_json::to_vec` writes;
//! - the document parses with serde_json.

#![no_main]

use std::borrow::Cow;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use terror_core::{ArgValue, Localizer, RequestInfo, StatusCode, SubError};
use terror_fuzz::{FuzzError, FRAMEWORK};

const MESSAGES: &str = "\
fuzz-json = Values { $a }, { $b } and { $c }.
    .title = Title with { $a }
    .hint = Hint with { $b }
fuzz-plain = No arguments.
";

/// Argument names for pairs whose name field is empty: the ones the
/// message shows.
const NAMES: [&str; 3] = ["a", "b", "c"];

fn localizer() -> &'static Localizer {
    static LOCALIZER: OnceLock<Localizer> = OnceLock::new();
    LOCALIZER.get_or_init(|| {
        Localizer::builder()
            .default_locale("en-US")
            .embedded(FRAMEWORK)
            .source("en-US", "fuzz.ftl", MESSAGES)
            .build()
            .expect("the fuzz messages load")
    })
}

/// The argument a value field stands for.
fn value_of(field: &str) -> ArgValue<'static> {
    if let Ok(i) = field.parse::<i128>() {
        return ArgValue::Int(i);
    }
    if let Ok(f) = field.parse::<f64>() {
        return ArgValue::Float(f);
    }
    match field {
        "true" => return ArgValue::Bool(true),
        "false" => return ArgValue::Bool(false),
        "null" => return ArgValue::Null,
        _ => {}
    }
    if field.starts_with(['[', '{']) {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(field) {
            return ArgValue::from(value);
        }
    }
    ArgValue::Str(Cow::Owned(field.to_owned()))
}

fuzz_target!(|data: &[u8]| {
    let fields: Vec<Cow<'_, str>> = data
        .split(|&b| b == 0xff)
        .map(String::from_utf8_lossy)
        .collect();
    let field = |i: usize| fields.get(i).map(|f| &**f);
    let code = match field(0) {
        None | Some("") => "fuzz.json".to_owned(),
        Some(code) => code.to_owned(),
    };
    let instance = field(1).filter(|s| !s.is_empty());
    let request_id = field(2).filter(|s| !s.is_empty());
    let flags = field(3).unwrap_or("").as_bytes();
    let status = match flags.first() {
        Some(&b) => {
            StatusCode::from_u16(400 + u16::from(b) % 200).unwrap_or(StatusCode::BAD_REQUEST)
        }
        None => StatusCode::BAD_REQUEST,
    };
    let mut error = FuzzError::new(code, status);
    error.redact = flags.get(1).is_none_or(|b| b % 2 == 0);
    for (i, pair) in fields
        .get(4..)
        .unwrap_or(&[])
        .chunks(2)
        .take(64)
        .enumerate()
    {
        let name = match &*pair[0] {
            "" => NAMES[i % NAMES.len()].to_owned(),
            name => name.to_owned(),
        };
        let raw = pair.get(1).map_or("", |v| &**v);
        let value = value_of(raw);
        let mut sub = FuzzError::new(name.clone(), StatusCode::UNPROCESSABLE_ENTITY);
        sub.args.push((name.clone(), value.clone()));
        error.subs.push(SubError::new(sub).at_pointer(raw));
        error.args.push((name, value));
    }

    let localizer = localizer();
    let chain = localizer.negotiate(None, field(5));
    let problem = localizer.render_request(
        &error,
        &chain,
        RequestInfo {
            instance,
            request_id,
            trace_id: None,
        },
    );
    let ours = problem.to_json();
    let reference = serde_json::to_vec(&problem).expect("a problem serializes");
    assert!(
        ours == reference,
        "to_json differs from serde_json\n  ours:  {}\n  serde: {}",
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&reference)
    );
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(&ours) {
        panic!(
            "to_json does not parse ({e}): {}",
            String::from_utf8_lossy(&ours)
        );
    }
});
