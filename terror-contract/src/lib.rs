//! The error contract of a terror service, and what a change to it breaks.
//!
//! A service's codes, their HTTP statuses and gRPC codes, and the names,
//! types and optionality of their args are an API: clients switch on
//! `code` and read `args`. A service commits its contract as a lock file
//! (`errors.lock.json`, made by terror-core's `catalog::check_lock`); this
//! crate reads a lock or a catalog export as a [`Contract`], and [`diff`]
//! classifies every change between two of them:
//!
//! | kind | rules |
//! | --- | --- |
//! | breaking | `code_removed`, `code_renamed` (a code removed and one added with the same status and args), `status_changed`, `grpc_code_changed`, `arg_removed`, `arg_renamed` (an arg removed and one added of the same type), `arg_made_optional`, `arg_type_changed` (a value the old type does not hold: integer to string, an integer range that grows past the old one, a list to a scalar), `redacted`, `child_removed`, `retry_removed`, `locale_removed` |
//! | additive | `code_added`, `arg_added`, `optional_arg_added`, `arg_made_required`, `arg_type_narrowed` (every new value fits the old type), `unredacted`, `child_added`, `retry_added`, `locale_added`, `code_deprecated` |
//! | cosmetic | `text_changed` (a message, title, hint or description), `message_id_changed`, `arg_type_renamed` (same values), `retry_changed`, `code_undeprecated`, `deprecation_changed` |
//!
//! A [`Report`] prints the changes as text, JSON or Markdown (`terror
//! diff` also as GitHub annotations), and passes only without breaking changes, or with a new major
//! version of the service (the lock records the version).
//!
//! ```
//! use terror_contract::{Contract, Kind, Report};
//!
//! let old = serde_json::json!({
//!     "version": 1,
//!     "service": {"name": "storage-api", "version": "1.2.0"},
//!     "errors": [{
//!         "code": "volume.in_use", "status": 409, "grpc_code": "ABORTED",
//!         "grpc_reason": "VOLUME_IN_USE", "message_id": "volume-in-use",
//!         "redacted": false, "retry_after": null, "deprecated": null, "children": null,
//!         "args": [{"name": "hosts", "type": "u32", "optional": false}]
//!     }]
//! });
//! let mut new = old.clone();
//! new["service"]["version"] = "1.3.0".into();
//! new["errors"][0]["args"][0]["name"] = "host_count".into();
//!
//! let report = Report::new(&Contract::from_json(&old)?, &Contract::from_json(&new)?);
//! assert_eq!(report.changes[0].rule, "arg_renamed");
//! assert_eq!(report.count(Kind::Breaking), 1);
//! assert!(!report.passes(), "1.3.0 is not a new major version");
//! # Ok::<(), terror_contract::DocumentError>(())
//! ```

mod diff;
mod document;
mod report;
mod wire;

pub use diff::{diff, Change, Kind};
pub use document::{
    ArgContract, Children, Contract, DocumentError, ErrorContract, Service, Texts, FORMAT_VERSION,
};
pub use report::Report;
pub use wire::Wire;
