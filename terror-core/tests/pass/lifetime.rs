use std::borrow::Cow;

use terror_core::{ArgValue, StatusCode, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "config", status = BAD_REQUEST, locales = "locales")]
enum ConfigError<'a> {
    #[error("unknown key {key} on line {line}")]
    UnknownKey { key: &'a str, line: u32 },
}

fn check(input: &str) -> Result<(), ConfigError<'_>> {
    let key = input.split('=').next().unwrap_or(input);
    Err(ConfigError::UnknownKey { key, line: 3 })
}

fn main() {
    let input = String::from("colour=blue");
    let error = check(&input).unwrap_err();
    assert_eq!(error.code(), "config.unknown_key");
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    let args = error.args();
    assert_eq!(args.len(), 2);
    // The borrowed text stays borrowed, pointing into the input.
    match args.get("key") {
        Some(ArgValue::Str(Cow::Borrowed(key))) => {
            assert_eq!(*key, "colour");
            assert_eq!(key.as_ptr(), input.as_ptr());
        }
        other => panic!("expected a borrowed string, got {other:?}"),
    }
    assert_eq!(args.get("line"), Some(&ArgValue::Int(3)));
    let names: Vec<&str> = args.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["key", "line"]);
}
