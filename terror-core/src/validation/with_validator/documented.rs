//! `ValidatorError` for documentation: its built-in rules listed with
//! their args.

use super::ValidatorError;
use crate::catalog::{ArgInfo, CatalogEntry, Entries};

const fn rule(
    code: &'static str,
    message_id: &'static str,
    args: &'static [ArgInfo],
    description: &'static str,
) -> CatalogEntry {
    CatalogEntry::__new(
        code,
        422,
        message_id,
        args,
        Some(description),
        false,
        None,
        "terror_core::ValidatorError",
        "",
    )
}

const BOUND: ArgInfo = ArgInfo::__new("bound", "String");

/// validator's built-in rules, as documentation lists them. A rule broken
/// with `with_value` also has the arg `value`.
static RULES: [CatalogEntry; 11] = [
    rule("validation.required", "validation-required", &[], "A required field is missing (validator's `required`)."),
    rule("validation.email", "validation-email", &[], "Not an email address (validator's `email`)."),
    rule("validation.url", "validation-url", &[], "Not a URL (validator's `url`)."),
    rule(
        "validation.length",
        "validation-length",
        &[
            ArgInfo::__new("min", "Option<u64>"),
            ArgInfo::__new("max", "Option<u64>"),
            ArgInfo::__new("equal", "Option<u64>"),
            BOUND,
        ],
        "A text or list of the wrong length (validator's `length`); `bound` says which limits are set: `min`, `max`, `between` or `equal`.",
    ),
    rule(
        "validation.range",
        "validation-range",
        &[
            ArgInfo::__new("min", "Option<f64>"),
            ArgInfo::__new("max", "Option<f64>"),
            ArgInfo::__new("exclusive_min", "Option<f64>"),
            ArgInfo::__new("exclusive_max", "Option<f64>"),
            BOUND,
        ],
        "A number out of range (validator's `range`); `bound` says which limits are set: `min`, `max`, `between`, `above`, `below` or `exclusive_between`.",
    ),
    rule("validation.must_match", "validation-must-match", &[], "A field that must repeat another does not (validator's `must_match`)."),
    rule("validation.contains", "validation-contains", &[ArgInfo::__new("needle", "String")], "A text lacks what it must contain (validator's `contains`)."),
    rule("validation.does_not_contain", "validation-does-not-contain", &[ArgInfo::__new("needle", "String")], "A text contains what it must not (validator's `does_not_contain`)."),
    rule("validation.regex", "validation-regex", &[], "A text does not have the expected format (validator's `regex`)."),
    rule("validation.credit_card", "validation-credit-card", &[], "Not a credit card number (validator's `credit_card`)."),
    rule("validation.non_control_character", "validation-non-control-character", &[], "A text with control characters (validator's `non_control_character`)."),
];

impl Entries for ValidatorError {
    fn entries() -> &'static [CatalogEntry] {
        &RULES
    }
}
