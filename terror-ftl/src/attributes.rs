//! The attributes of a message that terror reads. Any other attribute is a
//! typo nobody would see: the derive refuses one in the default locale and
//! `terror check` reports one in any locale.

/// `.title`: the short summary of a problem (RFC 9457's `title`).
pub const TITLE: &str = "title";

/// `.hint`: what the user can do about the problem.
pub const HINT: &str = "hint";

/// `.description`: what the error means, shown on the code's page in that
/// locale. Where a locale has none, the page shows the variant's doc
/// comment, which is written in the default locale's language.
pub const DESCRIPTION: &str = "description";

/// Every attribute terror reads, in the order a page shows them.
///
/// ```
/// use terror_ftl::{attributes, suggest};
///
/// assert!(attributes::READ.contains(&"hint"));
/// assert_eq!(suggest::closest("tilte", attributes::READ), Some("title"));
/// ```
pub const READ: [&str; 3] = [TITLE, HINT, DESCRIPTION];
