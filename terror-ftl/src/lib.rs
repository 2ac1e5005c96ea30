//! Fluent file analysis shared by terror's compile-time checks (in
//! `terror-derive`), its catalog checks (in `terror-core`) and the
//! translators' `terror` command (`terror-cli`): which variables a message
//! uses and where, which plural selectors it has, which plural categories a
//! locale needs (feature `plurals`, in [`plural`]), and positions as file,
//! line and column.
//!
//! Two rules the same crates share live beside it: [`ids`] names a
//! code's message (`volume.not_found` is `volume-not-found`), and
//! [`suggest`] finds the name a typo meant, for "did you mean" hints.
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

pub mod graph;
pub mod ids;
mod lines;
mod messages;
mod parse;
#[cfg(feature = "plurals")]
pub mod plural;
mod plural_selects;
pub mod suggest;
mod text;

pub use lines::{offset_in, position, LineIndex};
pub use messages::{Messages, VariableUse, MAX_VARIABLES};
pub use parse::{check_nesting, parse, parse_guarded, syntax_error, SyntaxError, MAX_NESTING};
pub use plural_selects::{PluralSelect, PLURAL_CATEGORIES};
pub use text::{message_pattern, message_source, pattern_text};

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    const SOURCE: &str = "\
-brand = Terror
volume-in-use = Volume { $name } has { $hosts ->
        [one] one host
        [few] a few { NUMBER($hosts) }
       *[other] { $hosts } hosts
    } { -brand($case) }.
    .title = In use
    .hint = { volume-help }
volume-help = Ask { $admin } about { volume-in-use }.
plain = Just text { $x ->
       *[a] A
    }
";

    fn names<'s>(uses: &[VariableUse<'s>]) -> Vec<&'s str> {
        uses.iter().map(|u| u.name).collect()
    }

    #[test]
    fn variables_through_references_terms_and_functions() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let uses = messages.variables("volume-in-use").unwrap();
        // Each variable once, at its first use; volume-in-use.hint reaches
        // volume-help, which refers back to volume-in-use's value.
        assert_eq!(names(&uses), ["name", "hosts", "case", "admin"]);
        let admin = uses.iter().find(|u| u.name == "admin").unwrap();
        assert_eq!(admin.via.as_deref(), Some("volume-help"));
        assert_eq!(messages.position_of(admin.resource, admin.offset), (9, 21));
        assert!(messages.variables("nope").is_none());
    }

    /// A chain of messages, each showing a variable and referring to the
    /// next: each message lists at most `MAX_VARIABLES`, so the work is
    /// linear in the chain.
    #[test]
    fn a_chain_of_references_lists_a_bounded_number_of_variables() {
        let mut source = String::new();
        for i in 0..1_000 {
            writeln!(source, "m{i} = {{ $v{i} }} {{ m{} }}", i + 1).unwrap();
        }
        source.push_str("m1000 = end\n");
        let resource = parse(&source).unwrap();
        let messages = Messages::new([(source.as_str(), &resource.body)]);
        let uses = messages.variables("m0").unwrap();
        assert_eq!(uses.len(), MAX_VARIABLES);
        assert_eq!((uses[0].name, uses[99].name), ("v0", "v99"));
        assert_eq!(messages.variables("m999").unwrap().len(), 1);
    }

    #[test]
    fn plural_selects_need_a_category_or_number_key() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let selects = messages.plural_selects("volume-in-use").unwrap();
        assert_eq!(selects.len(), 1);
        assert_eq!(selects[0].keys, ["one", "few", "other"]);
        assert_eq!(selects[0].default_key, "other");
        assert_eq!(messages.position_of(0, selects[0].offset), (2, 40));
        assert!(messages.plural_selects("plain").unwrap().is_empty());
    }

    #[test]
    fn variables_in_reference_cycles_are_shared() {
        let source = "a = { $x } { b }\nb = { $y } { a }\nc = { b } { $z }\n";
        let resource = parse(source).unwrap();
        let messages = Messages::new([(source, &resource.body)]);
        assert_eq!(names(&messages.variables("a").unwrap()), ["x", "y"]);
        assert_eq!(names(&messages.variables("b").unwrap()), ["x", "y"]);
        assert_eq!(names(&messages.variables("c").unwrap()), ["x", "y", "z"]);
        let b = messages.variables("a").unwrap().remove(1);
        assert_eq!(
            (b.via.as_deref(), messages.position_of(0, b.offset)),
            (Some("b"), (2, 7))
        );
    }

    /// Four references per message, 40 levels deep: 4^40 paths, so a walk
    /// that follows every path never ends, and one that stops at a depth
    /// misses the variable at the bottom.
    #[test]
    fn references_are_walked_once_however_they_branch() {
        let mut source = String::from("level0 = { $bottom }\n");
        for level in 1..=40 {
            let below = format!("{{ level{} }}", level - 1);
            writeln!(source, "level{level} = {below}{below}{below}{below}").unwrap();
        }
        let resource = parse(&source).unwrap();
        let messages = Messages::new([(source.as_str(), &resource.body)]);
        let uses = messages.variables("level40").unwrap();
        assert_eq!(names(&uses), ["bottom"]);
        assert_eq!(uses[0].via.as_deref(), Some("level0"));
        assert_eq!(messages.position_of(0, uses[0].offset), (1, 12));
    }
}
