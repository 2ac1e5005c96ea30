//! The catalog's contract and its lock file: what a service's clients rely
//! on, committed so that a change to it is seen, classified and accepted
//! on purpose (`terror_contract` reads and compares it; `terror diff` is
//! the same comparison on the command line).

use std::path::{Path, PathBuf};

use terror_contract::{ArgContract, Children, Contract, ErrorContract, Kind, Report, Service};

use super::{Catalog, ChildTypes};
use crate::localizer::Localizer;

/// The environment variable that accepts a changed contract:
/// `TERROR_LOCK=accept cargo test` writes the lock anew.
pub const ACCEPT_VARIABLE: &str = "TERROR_LOCK";

#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
impl Catalog {
    /// What clients can rely on of every code, as a lock holds it: status,
    /// gRPC code and reason, args with their types and optionality, child
    /// codes, redaction, retry, message id and deprecation, and the
    /// localizer's locales; `service` names the service and its version.
    pub fn contract(&self, localizer: &Localizer, service: Option<Service>) -> Contract {
        let errors = self
            .entries
            .iter()
            .map(|entry| ErrorContract {
                code: entry.code.to_owned(),
                status: entry.status,
                grpc_code: entry.grpc_code().name().to_owned(),
                grpc_reason: entry.grpc_reason(),
                message_id: entry.message_id.to_owned(),
                redacted: entry.redacted,
                retry_after: entry.retry_after,
                deprecated: entry.deprecated.map(str::to_owned),
                args: entry
                    .args
                    .iter()
                    .map(|arg| ArgContract {
                        name: arg.name.to_owned(),
                        rust_type: arg.rust_type.to_owned(),
                        optional: arg.optional(),
                    })
                    .collect(),
                children: match entry.children.codes() {
                    Some(codes) => Children::Codes(codes.into_iter().map(str::to_owned).collect()),
                    None if entry.children == ChildTypes::Any => Children::Any,
                    None => Children::None,
                },
                texts: None,
            })
            .collect();
        Contract {
            service,
            locales: Some(locales(localizer)),
            errors,
        }
    }
}

/// The localizer's locales, sorted.
pub(super) fn locales(localizer: &Localizer) -> Vec<String> {
    let mut locales: Vec<String> = localizer
        .locale_files()
        .map(|(locale, _)| locale.to_string())
        .collect();
    locales.sort();
    locales
}

/// What [`check_lock`] found.
#[derive(Debug)]
#[non_exhaustive]
pub enum LockOutcome {
    /// The lock is the current contract.
    Unchanged,
    /// The contract changed and the lock was written anew, as
    /// [`ACCEPT_VARIABLE`] asked: the report of what changed.
    Accepted(Report),
}

/// Why the lock does not hold the current contract.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LockError {
    /// There is no lock yet.
    #[error("no error contract at {path}: run `{ACCEPT_VARIABLE}=accept cargo test` to write it, then commit it")]
    Missing {
        /// Where it should be.
        path: PathBuf,
    },
    /// The lock cannot be read.
    #[error("the error contract at {path} cannot be read: {reason}")]
    Unreadable {
        /// The lock.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The contract changed.
    #[error("{}\nthe error contract at {} differs from the service's errors. {}", report.to_text(&shown(path)), shown(path), advice(report))]
    Changed {
        /// The lock.
        path: PathBuf,
        /// What changed.
        report: Box<Report>,
    },
    /// Accepting was asked, but a change breaks clients and the major
    /// version did not go up.
    #[error("{}\nnot accepted: breaking changes need a new major version of {} (now {}); raise it in Cargo.toml, or undo them", report.to_text(&shown(path)), service.name, service.version)]
    BreakingWithoutMajor {
        /// The lock.
        path: PathBuf,
        /// The service at its current version.
        service: Service,
        /// What changed.
        report: Box<Report>,
    },
}

/// `path` as a test's output names it: from the crate's folder, where
/// cargo runs its tests, when it is inside it.
fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|dir| path.strip_prefix(dir).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn advice(report: &Report) -> String {
    if report.count(Kind::Breaking) > 0 && !report.major_bump() {
        format!("If the breaking changes are meant, raise the major version, then run `{ACCEPT_VARIABLE}=accept cargo test` and commit the lock.")
    } else {
        format!("If the changes are meant, run `{ACCEPT_VARIABLE}=accept cargo test` and commit the lock.")
    }
}

/// Compares the lock at `path` with the current catalog's contract for
/// `service`. With `accept`, a changed (or missing) lock is written anew,
/// unless a change breaks clients and the major version did not go up
/// since the lock.
pub fn check_lock(
    localizer: &Localizer,
    path: impl AsRef<Path>,
    service: Service,
    accept: bool,
) -> Result<LockOutcome, LockError> {
    let path = path.as_ref();
    let current = Catalog::collect().contract(localizer, Some(service.clone()));
    let unreadable = |reason: String| LockError::Unreadable {
        path: path.to_owned(),
        reason,
    };
    let locked = match std::fs::read_to_string(path) {
        Ok(text) => {
            let value = serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
            Some(Contract::from_json(&value).map_err(|e| unreadable(e.to_string()))?)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let report = match &locked {
        Some(locked) if *locked == current => return Ok(LockOutcome::Unchanged),
        Some(locked) => Report::new(locked, &current),
        None if accept => Report::new(&Contract::default(), &current),
        None => {
            return Err(LockError::Missing {
                path: path.to_owned(),
            })
        }
    };
    if !accept {
        return Err(LockError::Changed {
            path: path.to_owned(),
            report: Box::new(report),
        });
    }
    if !report.passes() {
        return Err(LockError::BreakingWithoutMajor {
            path: path.to_owned(),
            service,
            report: Box::new(report),
        });
    }
    let mut text = serde_json::to_string_pretty(&current.to_json()).unwrap_or_default();
    text.push('\n');
    std::fs::write(path, text).map_err(|e| unreadable(e.to_string()))?;
    Ok(LockOutcome::Accepted(report))
}

/// [`check_lock`] as a test: panics with the classified changes and what
/// to do about them; accepts them when [`ACCEPT_VARIABLE`] is `accept`
/// (`TERROR_LOCK=accept cargo test`), as insta does snapshots. The path is
/// relative to the calling crate's directory, and the service is that
/// crate, at its version.
///
/// ```no_run
/// # let localizer = terror_core::Localizer::builder().build().unwrap();
/// // In a #[test] of the service:
/// terror_core::assert_lock!(&localizer, "errors.lock.json");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
#[macro_export]
macro_rules! assert_lock {
    ($localizer:expr, $path:expr) => {
        $crate::catalog::assert_lock_of(
            $localizer,
            &::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($path),
            ::core::env!("CARGO_PKG_NAME"),
            ::core::env!("CARGO_PKG_VERSION"),
        )
    };
}

/// What [`assert_lock!`](crate::assert_lock) calls.
#[doc(hidden)]
pub fn assert_lock_of(localizer: &Localizer, path: &Path, name: &str, version: &str) {
    let service = Service {
        name: name.to_owned(),
        version: version.to_owned(),
    };
    let accept = std::env::var(ACCEPT_VARIABLE).is_ok_and(|v| v == "accept");
    match check_lock(localizer, path, service, accept) {
        Ok(LockOutcome::Unchanged) => {}
        Ok(LockOutcome::Accepted(report)) => {
            eprintln!(
                "{}: accepted\n{}",
                path.display(),
                report.to_text(&path.display().to_string())
            );
        }
        Err(error) => panic!("{error}"),
    }
}
