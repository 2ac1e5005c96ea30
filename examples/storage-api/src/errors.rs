//! The errors of the storage API: one enum per resource, declared once.

use std::borrow::Cow;

use terror_core::{SubError, Terror, ValidatorError};

/// Errors about volumes.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "volume")]
pub enum VolumeError {
    /// No volume has the requested name.
    #[error("volume {name} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound {
        /// The name the client asked for.
        name: String,
    },

    /// A volume with the requested name already exists.
    #[error("volume {name} already exists")]
    #[terror(status = CONFLICT, grpc = ALREADY_EXISTS)]
    AlreadyExists {
        /// The name the client wanted.
        name: String,
    },

    /// The volume is attached to hosts, so it cannot be deleted.
    #[error("volume {name} is attached to {hosts} hosts")]
    #[terror(status = CONFLICT)]
    InUse {
        /// The volume.
        name: String,
        /// How many hosts it is attached to.
        hosts: u32,
    },

    /// A volume can grow, not shrink.
    #[error("volume {name} has {current_gb} GB, cannot shrink to {requested_gb} GB")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    ShrinkNotAllowed {
        /// The volume.
        name: String,
        /// Its size now, in GB.
        current_gb: u64,
        /// The size asked for, in GB.
        requested_gb: u64,
    },

    /// The request has invalid fields; `errors` holds one entry per field:
    /// the API's own checks, and validator's rules.
    #[error("invalid volume request ({} fields)", errors.len())]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    Invalid {
        /// One sub-error per broken field.
        #[terror(errors(ValidationError, ValidatorError))]
        errors: Vec<SubError>,
    },
}

/// Errors about snapshots.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "snapshot")]
pub enum SnapshotError {
    /// The volume has no snapshot with that number.
    #[error("volume {volume} has no snapshot {number}")]
    #[terror(status = NOT_FOUND)]
    NotFound {
        /// The volume.
        volume: String,
        /// The snapshot number asked for.
        number: u32,
        /// How many snapshots the volume has.
        count: u32,
    },
}

/// Errors about storage pools.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "pool")]
pub enum PoolError {
    /// No pool has the requested name.
    #[error("pool {pool} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound {
        /// The pool the client asked for.
        pool: String,
    },

    /// The pool has less free space than the new volume needs.
    #[error("pool {pool} has {available_gb} GB free, {requested_gb} GB requested")]
    #[terror(status = UNPROCESSABLE_ENTITY, grpc = RESOURCE_EXHAUSTED)]
    CapacityExceeded {
        /// The pool.
        pool: String,
        /// The size asked for, in GB.
        requested_gb: u64,
        /// The free space left in the pool, in GB.
        available_gb: u64,
    },
}

/// Field-level validation failures, used as sub-errors.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "validation", status = UNPROCESSABLE_ENTITY)]
pub enum ValidationError {
    /// A required field is missing.
    #[error("required")]
    Required,

    /// A text field is longer than allowed.
    #[error("longer than {max} characters")]
    TooLong {
        /// The maximum length, in characters.
        max: u32,
    },

    /// A text field has characters outside the allowed set.
    #[error("only {allowed} allowed")]
    InvalidChars {
        /// The allowed characters, as shown to people. A `Cow` rather than
        /// a `&'static str`, so a client can rebuild it.
        allowed: Cow<'static, str>,
    },

    /// A number is outside the allowed range.
    #[error("not between {min} and {max}")]
    OutOfRange {
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value.
        max: i64,
    },
}

/// Failures of the storage backends behind the API.
#[derive(Debug, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "storage")]
pub enum StorageError {
    /// The backend that serves the pool does not answer; the client may retry.
    #[error("backend of pool {pool} unavailable")]
    #[terror(status = SERVICE_UNAVAILABLE, retry_after = 30)]
    BackendUnavailable {
        /// The pool whose backend failed.
        pool: String,
        /// What the backend connection reported: internal, never shown.
        #[source]
        source: BackendError,
    },
}

/// A backend connection failure. Its text names an internal address and a
/// service account: it belongs in logs, never in a response. It holds no
/// secret, so not even a log line can show one.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("connection to {address} as {user} refused")]
pub struct BackendError {
    /// The backend's internal address.
    pub address: String,
    /// The service account.
    pub user: String,
}
