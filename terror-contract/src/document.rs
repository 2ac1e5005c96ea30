//! The contract as a document: what a lock file holds, read alike from a
//! lock and from a catalog's JSON export (which has the same members, and
//! the message texts besides).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::wire::Wire;

/// The version of the lock's format: that of the catalog export it is a
/// part of (`terror_core::catalog::Catalog::JSON_VERSION`).
pub const FORMAT_VERSION: u64 = 1;

/// A service's error contract: every code a client can meet, and what it
/// can rely on of each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contract {
    /// The service and its version, when the document names them.
    pub service: Option<Service>,
    /// The locales messages are offered in, when the document lists them.
    pub locales: Option<Vec<String>>,
    /// One entry per code, in code order.
    pub errors: Vec<ErrorContract>,
}

/// The service a contract is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Its package name.
    pub name: String,
    /// Its version (`1.4.0`), which tells whether a breaking change is
    /// allowed: only with a new major version.
    pub version: String,
}

/// What a client can rely on of one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorContract {
    /// The stable code, such as `volume.not_found`.
    pub code: String,
    /// The HTTP status.
    pub status: u16,
    /// The gRPC status code's name, such as `NOT_FOUND`.
    pub grpc_code: String,
    /// `ErrorInfo.reason`, such as `VOLUME_NOT_FOUND`.
    pub grpc_reason: String,
    /// The Fluent message id.
    pub message_id: String,
    /// Whether clients see only a generic text, and no args.
    pub redacted: bool,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<u64>,
    /// The deprecation note, for a deprecated code.
    pub deprecated: Option<String>,
    /// The args, in declaration order.
    pub args: Vec<ArgContract>,
    /// The codes the error's `errors` may hold.
    pub children: Children,
    /// Texts a catalog export has and a lock does not: their changes are
    /// cosmetic.
    pub texts: Option<Texts>,
}

/// One arg of a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgContract {
    /// The name, as `args` and messages have it.
    pub name: String,
    /// The Rust type it is written with.
    pub rust_type: String,
    /// Whether it may be `null` (an `Option`).
    pub optional: bool,
}

impl ArgContract {
    /// What a client parses the arg's values as.
    pub fn wire(&self) -> Wire {
        Wire::of_rust_type(&self.rust_type).0
    }
}

/// Which codes an error's `errors` may hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Children {
    /// It has no `errors`.
    #[default]
    None,
    /// Any error: it declares no child types.
    Any,
    /// The codes of the child types it declares, sorted.
    Codes(Vec<String>),
}

/// The texts of a code, as a catalog export has them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts {
    /// The doc comment.
    pub description: Option<String>,
    /// Each locale's message, as Fluent source.
    pub messages: BTreeMap<String, String>,
}

/// Why a document is not a contract.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentError {
    /// Its `version` is one this crate does not read.
    #[error("format version {found} is not one this terror reads (it reads {FORMAT_VERSION}); update terror")]
    Version {
        /// The version found (`null` when it has none).
        found: String,
    },
    /// A member is missing or of the wrong type.
    #[error("{at}: {expected}")]
    Shape {
        /// Where, such as `errors[3].status`.
        at: String,
        /// What was expected there.
        expected: &'static str,
    },
}

impl Contract {
    /// Reads a lock or a catalog export.
    ///
    /// ```
    /// let lock = serde_json::json!({
    ///     "version": 1,
    ///     "service": {"name": "storage-api", "version": "1.2.0"},
    ///     "errors": [{
    ///         "code": "volume.not_found", "status": 404,
    ///         "grpc_code": "NOT_FOUND", "grpc_reason": "VOLUME_NOT_FOUND",
    ///         "message_id": "volume-not-found", "redacted": false,
    ///         "retry_after": null, "deprecated": null, "children": null,
    ///         "args": [{"name": "name", "type": "String", "optional": false}]
    ///     }]
    /// });
    /// let contract = terror_contract::Contract::from_json(&lock).unwrap();
    /// assert_eq!(contract.errors[0].args[0].name, "name");
    /// assert_eq!(contract.to_json(), lock);
    /// ```
    pub fn from_json(document: &Value) -> Result<Self, DocumentError> {
        let version = document.get("version");
        if version.and_then(Value::as_u64) != Some(FORMAT_VERSION) {
            return Err(DocumentError::Version {
                found: version.map_or_else(|| "null".to_owned(), ToString::to_string),
            });
        }
        let service = match document.get("service") {
            None | Some(Value::Null) => None,
            Some(service) => Some(Service {
                name: string(service, "name", "service")?,
                version: string(service, "version", "service")?,
            }),
        };
        let locales = match document.get("locales") {
            None | Some(Value::Null) => None,
            Some(locales) => Some(strings(locales, "locales")?),
        };
        let errors = document
            .get("errors")
            .and_then(Value::as_array)
            .ok_or_else(|| shape("errors", "an array"))?
            .iter()
            .enumerate()
            .map(|(i, entry)| ErrorContract::from_json(entry, &format!("errors[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Contract {
            service,
            locales,
            errors,
        })
    }

    /// The contract as a lock file holds it: no texts, members in a fixed
    /// order, so that a lock changes only when the contract does.
    pub fn to_json(&self) -> Value {
        let mut document = Map::new();
        document.insert("version".into(), json!(FORMAT_VERSION));
        if let Some(service) = &self.service {
            document.insert(
                "service".into(),
                json!({"name": service.name, "version": service.version}),
            );
        }
        if let Some(locales) = &self.locales {
            document.insert("locales".into(), json!(locales));
        }
        let errors: Vec<Value> = self.errors.iter().map(ErrorContract::to_json).collect();
        document.insert("errors".into(), Value::Array(errors));
        Value::Object(document)
    }

    /// The entry of `code`.
    pub fn get(&self, code: &str) -> Option<&ErrorContract> {
        self.errors.iter().find(|e| e.code == code)
    }
}

impl ErrorContract {
    fn from_json(entry: &Value, at: &str) -> Result<Self, DocumentError> {
        let field = |name: &str| format!("{at}.{name}");
        let status = entry
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .ok_or_else(|| shape(&field("status"), "an HTTP status"))?;
        let args = entry
            .get("args")
            .and_then(Value::as_array)
            .ok_or_else(|| shape(&field("args"), "an array"))?
            .iter()
            .enumerate()
            .map(|(i, arg)| {
                let at = format!("{at}.args[{i}]");
                let rust_type = string(arg, "type", &at)?;
                // An export before `optional` was written: the type says.
                let optional = match arg.get("optional") {
                    Some(Value::Bool(optional)) => *optional,
                    None => Wire::of_rust_type(&rust_type).1,
                    Some(_) => return Err(shape(&format!("{at}.optional"), "true or false")),
                };
                Ok(ArgContract {
                    name: string(arg, "name", &at)?,
                    rust_type,
                    optional,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let children = match entry.get("children") {
            None | Some(Value::Null) => Children::None,
            Some(Value::String(any)) if any == "any" => Children::Any,
            Some(codes) => {
                let mut codes = strings(codes, &field("children"))?;
                codes.sort();
                codes.dedup();
                Children::Codes(codes)
            }
        };
        let texts = entry.get("messages").map(|messages| {
            let messages = messages
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter_map(|(locale, text)| {
                            let source = text.get("source")?.as_str()?;
                            Some((locale.clone(), source.to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            Texts {
                description: entry
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                messages,
            }
        });
        Ok(ErrorContract {
            code: string(entry, "code", at)?,
            status,
            grpc_code: string(entry, "grpc_code", at)?,
            grpc_reason: string(entry, "grpc_reason", at)?,
            message_id: string(entry, "message_id", at)?,
            redacted: entry
                .get("redacted")
                .and_then(Value::as_bool)
                .ok_or_else(|| shape(&field("redacted"), "true or false"))?,
            retry_after: match entry.get("retry_after") {
                None | Some(Value::Null) => None,
                Some(seconds) => Some(
                    seconds
                        .as_u64()
                        .ok_or_else(|| shape(&field("retry_after"), "seconds or null"))?,
                ),
            },
            deprecated: match entry.get("deprecated") {
                None | Some(Value::Null) => None,
                Some(Value::String(note)) => Some(note.clone()),
                Some(_) => return Err(shape(&field("deprecated"), "a note or null")),
            },
            args,
            children,
            texts,
        })
    }

    fn to_json(&self) -> Value {
        let args: Vec<Value> = self
            .args
            .iter()
            .map(|a| json!({"name": a.name, "type": a.rust_type, "optional": a.optional}))
            .collect();
        let children = match &self.children {
            Children::None => Value::Null,
            Children::Any => json!("any"),
            Children::Codes(codes) => json!(codes),
        };
        json!({
            "code": self.code,
            "status": self.status,
            "grpc_code": self.grpc_code,
            "grpc_reason": self.grpc_reason,
            "message_id": self.message_id,
            "redacted": self.redacted,
            "retry_after": self.retry_after,
            "deprecated": self.deprecated,
            "args": args,
            "children": children,
        })
    }
}

fn shape(at: &str, expected: &'static str) -> DocumentError {
    DocumentError::Shape {
        at: at.to_owned(),
        expected,
    }
}

fn string(object: &Value, name: &str, at: &str) -> Result<String, DocumentError> {
    object
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| shape(&format!("{at}.{name}"), "a string"))
}

fn strings(value: &Value, at: &str) -> Result<Vec<String>, DocumentError> {
    value
        .as_array()
        .ok_or_else(|| shape(at, "an array of strings"))?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| shape(at, "an array of strings"))
        })
        .collect()
}
