//! Fluent file analysis shared by terror's compile-time checks (in
//! `terror-derive`), its catalog checks (in `terror-core`) and the
//! translators' `terror` command (`terror-cli`): which variables a message
//! uses and where, which plural selectors it has, which plural categories a
//! locale needs (feature `plurals`, in [`plural`]), and positions as file,
//! line and column.
//!
//! Rules the same crates share live beside it: [`ids`] names a code's
//! message (`volume.not_found` is `volume-not-found`), [`attributes`]
//! lists the attributes terror reads, [`suggest`] finds the name a
//! typo meant, for "did you mean" hints, and [`pseudo`] makes a
//! pseudo-locale's text from its source (`terror pseudo` and the
//! `Localizer` use the same transform).
//!
//! ```
//! use terror_ftl::Messages;
//!
//! let source = "\
//! ## $name (String) - the volume
//! volume-in-use = Volume { $name } is attached to { $hosts ->
//!         [one] one host
//!        *[other] { $hosts } hosts
//!     }.
//!     .hint = Detach { $nme } first.
//! ";
//! let resource = terror_ftl::parse(source).unwrap();
//! let messages = Messages::new([(source, &resource.body)]);
//! let uses = messages.variables("volume-in-use").unwrap();
//! let names: Vec<&str> = uses.iter().map(|u| u.name).collect();
//! assert_eq!(names, ["name", "hosts", "nme"]);
//! assert_eq!(terror_ftl::position(source, uses[2].offset), (6, 22));
//! assert_eq!(uses[2].via.as_deref(), Some(".hint"));
//!
//! let selects = messages.plural_selects("volume-in-use").unwrap();
//! assert_eq!(selects[0].variable, "hosts");
//! assert_eq!(selects[0].keys, ["one", "other"]);
//! ```

pub mod attributes;
pub mod graph;
pub mod ids;
mod lines;
mod messages;
mod number_kind;
mod parse;
#[cfg(feature = "plurals")]
pub mod plural;
mod plural_selects;
pub mod pseudo;
pub mod suggest;
#[cfg(test)]
mod test_fixture;
mod text;

pub use lines::{offset_in, position, LineIndex};
pub use messages::{Messages, VariableUse, MAX_VARIABLES};
pub use number_kind::NumberKind;
pub use parse::{
    check_nesting, parse, parse_guarded, parse_runtime, syntax_error, SyntaxError, MAX_NESTING,
};
pub use plural_selects::{PluralSelect, PLURAL_CATEGORIES};
pub use text::{message_pattern, message_source, pattern_text};
