//! The rule that names a code's Fluent message: `volume.not_found` is
//! `volume-not-found`.

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
