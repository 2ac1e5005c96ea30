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

/// `.deprecated`: a deprecated code's note, translated, shown on the
/// code's page in that locale. Where a locale has none, the page shows
/// the note of `#[terror(deprecated = "...")]`, written in the
/// developer's words.
pub const DEPRECATED: &str = "deprecated";

/// Every attribute terror reads, in the order a page shows them.
///
/// ```
/// use terror_ftl::{attributes, suggest};
///
/// assert!(attributes::READ.contains(&"hint"));
/// assert_eq!(suggest::closest("tilte", attributes::READ), Some("title"));
/// ```
pub const READ: [&str; 4] = [TITLE, HINT, DESCRIPTION, DEPRECATED];

/// An attribute of a message that terror does not read, as
/// [`Messages::unknown_attributes`](crate::Messages::unknown_attributes)
/// finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAttribute<'s> {
    /// The attribute, without `.`.
    pub name: &'s str,
    /// Which resource (index into the list given to
    /// [`Messages::new`](crate::Messages::new)).
    pub resource: usize,
    /// The byte offset of its `.` in that resource.
    pub offset: usize,
}

/// What to tell about the unknown attribute `name`: the attributes terror
/// reads and, when `name` is a typo of one, which.
///
/// ```
/// use terror_ftl::attributes::advice;
///
/// assert_eq!(
///     advice("tilte"),
///     "terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.title`?"
/// );
/// assert_eq!(
///     advice("footer"),
///     "terror reads `.title`, `.hint`, `.description` and `.deprecated`"
/// );
/// ```
pub fn advice(name: &str) -> String {
    let hint = crate::suggest::closest(name, READ)
        .map(|a| format!("; did you mean `.{a}`?"))
        .unwrap_or_default();
    format!("terror reads `.{TITLE}`, `.{HINT}`, `.{DESCRIPTION}` and `.{DEPRECATED}`{hint}")
}
