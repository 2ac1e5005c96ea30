//! The Fluent text the unit tests of `messages.rs` and `text.rs` read: a
//! term, selectors, references between messages, attributes.

/// One resource with every shape the analyses walk.
pub(crate) const SOURCE: &str = "\
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
