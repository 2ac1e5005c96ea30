//! `ValidatorError` for clients: rebuilt from any `validation.<rule>`
//! item, with its args as sent (the `client` feature).

use serde_json::Value;

use super::ValidatorError;
use crate::args::{ArgValue, Args};
use crate::client::{short_type_name, DecodeError, FromProblem, Parts, ReceivedArgs};

/// The prefix of every validator rule's code.
const PREFIX: &str = "validation.";

/// Longer rule names are not validator's: a client does not copy them.
const MAX_RULE_LEN: usize = 64;

impl FromProblem for ValidatorError {
    /// Any `validation.<rule>` code comes back, with its args as sent:
    /// rules are open (a service adds its own with `#[validate(custom)]`).
    fn from_parts(parts: Parts<'_>) -> Result<Self, DecodeError> {
        let rule = parts.code.strip_prefix(PREFIX).unwrap_or_default();
        let is_rule = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
        if rule.is_empty() || rule.len() > MAX_RULE_LEN || !rule.bytes().all(is_rule) {
            return Err(DecodeError::UnknownCode {
                code: parts.code.to_owned(),
                expected: short_type_name::<Self>(),
            });
        }
        Ok(ValidatorError {
            code: parts.code.to_owned(),
            message_id: terror_ftl::ids::message_id(parts.code),
            args: args_of(parts.args),
        })
    }
}

/// A rule's args have no declared types: each comes back as it was sent,
/// and text (a status's metadata) as the JSON it holds, else as itself.
fn args_of(args: Option<ReceivedArgs<'_>>) -> Args<'static> {
    match args {
        None => Args::default(),
        Some(ReceivedArgs::Json(args)) => args
            .iter()
            .map(|(name, value)| (name.clone(), ArgValue::from(value.clone())))
            .collect(),
        Some(ReceivedArgs::Text(args)) => args
            .iter()
            .map(|(name, text)| {
                let value = serde_json::from_str::<Value>(text)
                    .unwrap_or_else(|_| Value::String(text.clone()));
                (name.clone(), ArgValue::from(value))
            })
            .collect(),
    }
}
