//! What the derive tests share.

#![allow(dead_code, unreachable_pub)] // Each test file uses part of this.

use serde_json::Value;
use terror_core::Terror;

/// The args of an error as JSON.
pub fn args_json(error: &impl Terror) -> Value {
    serde_json::to_value(error.args()).unwrap()
}

/// The arg names of an error, in order.
pub fn arg_names(error: &impl Terror) -> Vec<String> {
    error.args().iter().map(|(n, _)| n.to_owned()).collect()
}
