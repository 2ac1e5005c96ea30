//! The catalog as documentation: JSON and Markdown, with every locale's
//! message, title and hint.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{each_locale_messages, Catalog, ChildTypes, Service};
use crate::localizer::Localizer;

#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
impl Catalog {
    /// The version of [`to_json`](Self::to_json)'s format.
    pub const JSON_VERSION: u32 = 1;

    /// The catalog as JSON: one object per code with its status, `type`
    /// URI, description, args and types, and every locale's message, title
    /// and hint as Fluent source. Tools read it (the `terror` CLI checks
    /// translations against it), so its shape is versioned:
    ///
    /// - `version`: [`JSON_VERSION`](Self::JSON_VERSION), raised when a
    ///   member changes meaning or goes away (new members do not raise it);
    /// - `service`: `{"name", "version"}`, when `service` is given;
    /// - `locales`: the localizer's locales, sorted;
    /// - `errors`: one object per code, in code order, with `code`,
    ///   `status`, `type`, `message_id`, `description` (or `null`),
    ///   `redacted` (a 5xx whose details clients never see), `retry_after`
    ///   (seconds, or `null`), `deprecated` (the note, or `null`),
    ///   `children` (the codes its `errors` may hold, `"any"`, or `null`
    ///   without `errors`), `rust_path`, `grpc_code` (the gRPC status
    ///   code's name, such as `NOT_FOUND`), `grpc_reason` (its
    ///   `ErrorInfo.reason`, such as `VOLUME_NOT_FOUND`), `args`
    ///   (`[{"name", "type", "optional", "metadata_key"}]`, the type as the
    ///   Rust field is written, the key as gRPC's `ErrorInfo.metadata` has
    ///   it) and
    ///   `messages` (by locale:
    ///   `source`, the whole message as Fluent source, and `message`,
    ///   `title`, `hint`, each pattern's source or `null`; a locale without
    ///   the message is absent).
    ///
    /// ```
    /// # let localizer = terror_core::Localizer::builder().build().unwrap();
    /// let json = terror_core::catalog::Catalog::collect().to_json(&localizer, None);
    /// assert_eq!(json["version"], terror_core::catalog::Catalog::JSON_VERSION);
    /// assert!(json["errors"].is_array());
    /// ```
    pub fn to_json(&self, localizer: &Localizer, service: Option<&Service>) -> Value {
        let sources = MessageSources::new(localizer);
        let errors: Vec<Value> = self
            .entries
            .iter()
            .map(|entry| {
                let messages: serde_json::Map<String, Value> = sources
                    .for_message(entry.message_id)
                    .into_iter()
                    .map(|(locale, text)| {
                        let value = json!({
                            "source": text.source,
                            "message": text.value,
                            "title": text.title,
                            "hint": text.hint,
                        });
                        (locale, value)
                    })
                    .collect();
                json!({
                    "code": entry.code,
                    "status": entry.status,
                    "type": format!("{}{}", localizer.type_base(), entry.code),
                    "message_id": entry.message_id,
                    "description": entry.description,
                    "redacted": entry.redacted(),
                    "retry_after": entry.retry_after,
                    "rust_path": entry.rust_path(),
                    "grpc_code": entry.grpc_code().name(),
                    "grpc_reason": entry.grpc_reason(),
                    "deprecated": entry.deprecated,
                    "children": match entry.children.codes() {
                        Some(codes) => json!(codes),
                        None if entry.children == ChildTypes::Any => json!("any"),
                        None => Value::Null,
                    },
                    "args": entry.args.iter().map(|a| json!({
                        "name": a.name,
                        "type": a.rust_type,
                        "optional": a.optional(),
                        "metadata_key": a.metadata_key(),
                    })).collect::<Vec<_>>(),
                    "messages": messages,
                })
            })
            .collect();
        let mut document = json!({
            "version": Self::JSON_VERSION,
            "locales": super::lock::locales(localizer),
            "errors": errors,
        });
        if let Some(service) = service {
            document["service"] = json!({"name": service.name, "version": service.version});
        }
        document
    }

    /// The catalog as Markdown: one section per code with its status, gRPC
    /// code and reason, description, args with types and metadata keys, and each locale's message and title.
    // Writing into a String cannot fail: the results of write! are ignored.
    pub fn to_markdown(&self, localizer: &Localizer) -> String {
        let sources = MessageSources::new(localizer);
        let mut out = String::from("# Error catalog\n");
        for entry in &self.entries {
            let reason = http::StatusCode::from_u16(entry.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let _ = write!(out, "\n## `{}`\n\n", entry.code);
            let _ = writeln!(
                out,
                "**{} {reason}** · `type`: `{}{}` · Rust: `{}`",
                entry.status,
                localizer.type_base(),
                entry.code,
                entry.rust_path()
            );
            let _ = writeln!(
                out,
                "\ngRPC: `{}` · reason: `{}`",
                entry.grpc_code(),
                entry.grpc_reason()
            );
            if entry.redacted() {
                out.push_str("\nClients see only the generic server error text; the details go to the logs.\n");
            }
            if let Some(seconds) = entry.retry_after {
                let _ = write!(out, "\n`Retry-After: {seconds}`\n");
            }
            if let Some(description) = entry.description {
                out.push('\n');
                out.push_str(description);
                out.push('\n');
            }
            if entry.args.is_empty() {
                out.push_str("\nNo args.\n");
            } else {
                out.push_str("\n| arg | type | gRPC metadata key |\n| --- | --- | --- |\n");
                for arg in entry.args {
                    let _ = writeln!(
                        out,
                        "| `{}` | `{}` | `{}` |",
                        arg.name,
                        arg.rust_type,
                        arg.metadata_key()
                    );
                }
            }
            for (locale, text) in sources.for_message(entry.message_id) {
                let _ = write!(out, "\n{locale}:\n\n```ftl\n{}\n```\n", text.source);
            }
        }
        out
    }
}

/// Each locale's message texts, as Fluent source.
struct MessageSources {
    /// locale -> message id -> texts
    locales: Vec<(String, BTreeMap<String, MessageText>)>,
}

#[derive(Clone)]
struct MessageText {
    source: String,
    value: Option<String>,
    title: Option<String>,
    hint: Option<String>,
}

impl MessageSources {
    fn new(localizer: &Localizer) -> Self {
        let mut locales = Vec::new();
        each_locale_messages(localizer, |locale, _, messages| {
            let mut texts = BTreeMap::new();
            for id in messages.ids() {
                if let Some((_, message)) = messages.get(id) {
                    let attribute = |name: &str| {
                        terror_ftl::message_pattern(message, Some(name))
                            .map(terror_ftl::pattern_text)
                    };
                    texts.insert(
                        id.to_owned(),
                        MessageText {
                            source: terror_ftl::message_source(message),
                            value: message.value.as_ref().map(terror_ftl::pattern_text),
                            title: attribute("title"),
                            hint: attribute("hint"),
                        },
                    );
                }
            }
            locales.push((locale.to_string(), texts));
        });
        MessageSources { locales }
    }

    fn for_message(&self, id: &str) -> Vec<(String, MessageText)> {
        self.locales
            .iter()
            .filter_map(|(locale, texts)| texts.get(id).map(|t| (locale.clone(), t.clone())))
            .collect()
    }
}
