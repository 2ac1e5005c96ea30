//! The rules that name things after an error's code and args: its Fluent
//! message (`volume.not_found` is `volume-not-found`), and over gRPC its
//! `ErrorInfo.reason` (`VOLUME_NOT_FOUND`) and metadata keys
//! (`requested_gb` is `requestedGb`), with the limits Google's AIP-193
//! sets on those.

/// The Fluent message id of an error code: `volume.not_found` is
/// `volume-not-found` (dots and underscores become dashes).
///
/// ```
/// assert_eq!(terror_ftl::ids::message_id("pool.capacity_exceeded"), "pool-capacity-exceeded");
/// ```
pub fn message_id(code: &str) -> String {
    code.chars()
        .map(|c| if c == '.' || c == '_' { '-' } else { c })
        .collect()
}

/// The names of gRPC's status codes (`google.rpc.Code`), in the order of
/// their values: what `#[terror(grpc = ...)]` accepts.
pub const GRPC_CODES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The longest `ErrorInfo.reason` AIP-193 allows.
pub const MAX_REASON_LEN: usize = 63;

/// The longest `ErrorInfo.metadata` key AIP-193 allows.
pub const MAX_METADATA_KEY_LEN: usize = 64;

/// The gRPC `ErrorInfo.reason` of an error code: UPPER_SNAKE_CASE, dots
/// becoming underscores (`volume.not_found` is `VOLUME_NOT_FOUND`).
///
/// ```
/// assert_eq!(terror_ftl::ids::grpc_reason("storage.volume.not_found"), "STORAGE_VOLUME_NOT_FOUND");
/// ```
pub fn grpc_reason(code: &str) -> String {
    let mut reason = String::with_capacity(code.len());
    for c in code.chars() {
        reason.push(if c == '.' {
            '_'
        } else {
            c.to_ascii_uppercase()
        });
    }
    reason
}

/// Why a reason breaks AIP-193's rule (`[A-Z][A-Z0-9_]+[A-Z0-9]`, at
/// most 63 characters), or `None` when it keeps it.
///
/// ```
/// use terror_ftl::ids::reason_fault;
///
/// assert_eq!(reason_fault("VOLUME_NOT_FOUND"), None);
/// assert!(reason_fault(&"A".repeat(64)).unwrap().contains("64 characters"));
/// assert!(reason_fault("VOLUME_").is_some());
/// ```
pub fn reason_fault(reason: &str) -> Option<String> {
    let len = reason.chars().count();
    if len > MAX_REASON_LEN {
        return Some(format!(
            "`{reason}` has {len} characters; AIP-193 allows at most {MAX_REASON_LEN}"
        ));
    }
    let bytes = reason.as_bytes();
    let well_formed = bytes.len() >= 3
        && bytes[0].is_ascii_uppercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && bytes.last().is_some_and(|b| *b != b'_');
    (!well_formed).then(|| format!("`{reason}` does not match AIP-193's `[A-Z][A-Z0-9_]+[A-Z0-9]`"))
}

/// The gRPC `ErrorInfo.metadata` key of an arg: lowerCamelCase
/// (`requested_gb` is `requestedGb`).
///
/// ```
/// assert_eq!(terror_ftl::ids::metadata_key("requested_gb"), "requestedGb");
/// assert_eq!(terror_ftl::ids::metadata_key("name"), "name");
/// ```
pub fn metadata_key(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len());
    let mut upper = false;
    for c in arg.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Why a metadata key breaks AIP-193's rule (`[a-z][a-zA-Z0-9-_]+`, at
/// most 64 characters), or `None` when it keeps it.
///
/// ```
/// use terror_ftl::ids::metadata_key_fault;
///
/// assert_eq!(metadata_key_fault("requestedGb"), None);
/// assert!(metadata_key_fault("Name").is_some());
/// assert!(metadata_key_fault("x").is_some());
/// ```
pub fn metadata_key_fault(key: &str) -> Option<String> {
    let len = key.chars().count();
    if len > MAX_METADATA_KEY_LEN {
        return Some(format!(
            "`{key}` has {len} characters; AIP-193 allows at most {MAX_METADATA_KEY_LEN}"
        ));
    }
    let bytes = key.as_bytes();
    let well_formed = bytes.len() >= 2
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
    (!well_formed).then(|| format!("`{key}` does not match AIP-193's `[a-z][a-zA-Z0-9-_]+`"))
}
