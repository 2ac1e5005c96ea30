//! The message a variant needs, ready to paste into the default locale's
//! files: shown when the message is missing.

use std::fmt::Write as _;

use terror_ftl::NumberKind;

use crate::ast::Variant;
use crate::case;
use crate::valid::Own;

/// The comment translators read (the variant's doc comment, then one
/// `# $name (Type) - meaning` line per arg, the meaning from the field's
/// doc comment), the message showing every arg, and a `.title`, both
/// worded from the variant's name:
///
/// ```ftl
/// # The card issuer declined the payment.
/// # $amount (Number) - the amount charged
/// # $card (String)
/// order-payment-declined = Payment declined: { $amount }, { $card }.
///     .title = Payment declined
/// ```
pub(crate) fn message(variant: &Variant<'_>, own: &Own<'_>) -> String {
    let mut out = String::new();
    for line in variant.docs.iter().flat_map(|docs| docs.lines()) {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {line}");
        }
    }
    for arg in &own.args {
        let kind = NumberKind::of_rust_type(arg.written);
        let _ = write!(out, "# ${} ({})", arg.name, kind.comment_type());
        let meaning = variant
            .fields
            .iter()
            .find(|f| &f.member == arg.member)
            .and_then(|f| f.docs.as_deref());
        if let Some(meaning) = meaning {
            let _ = write!(out, " - {}", phrase(meaning));
        }
        out.push('\n');
    }
    let title = sentence(&variant.ident.to_string());
    let _ = write!(out, "{} = {title}", own.message_id);
    let placeables: Vec<String> = own
        .args
        .iter()
        .map(|a| format!("{{ ${} }}", a.name))
        .collect();
    if !placeables.is_empty() {
        let _ = write!(out, ": {}", placeables.join(", "));
    }
    let _ = write!(out, ".\n    .title = {title}");
    out
}

/// A field's doc comment as the rest of a variable's line, which reads
/// `# $name (String) - the volume name`: on one line, without the
/// sentence's capital and full stop (`URL` keeps its capitals).
fn phrase(docs: &str) -> String {
    let words: Vec<&str> = docs.split_whitespace().collect();
    let text = words.join(" ");
    let text = text.strip_suffix('.').unwrap_or(&text);
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// `PaymentDeclined` -> `Payment declined`.
fn sentence(name: &str) -> String {
    let words = case::snake_case(name).replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Container;
    use crate::attr::Errors;
    use crate::valid::{resolve, Shape};

    fn stubs(source: &str) -> Vec<String> {
        let input: syn::DeriveInput = syn::parse_str(source).unwrap();
        let mut errors = Errors::default();
        let container = Container::from_syn(&input, &mut errors).unwrap();
        resolve(&container, &mut errors)
            .iter()
            .filter_map(|r| match &r.shape {
                Shape::Own(own) => Some(message(r.variant, own)),
                Shape::Transparent { .. } => None,
            })
            .collect()
    }

    #[test]
    fn every_arg_is_described_and_shown() {
        let stubs = stubs(
            "#[terror(prefix = \"order\")] enum E {
                /// The card issuer declined the payment.
                ///
                /// Nothing was charged.
                PaymentDeclined {
                    /// The amount,
                    /// in euros.
                    amount: f64,
                    attempts: Option<u32>,
                    /// URL of the receipt
                    receipt: String,
                    #[terror(rename = \"card_brand\")] brand: &'static str,
                    #[terror(skip)] token: String,
                },
                HTTPTimeout(u8, bool),
            }",
        );
        assert_eq!(
            stubs[0],
            "# The card issuer declined the payment.\n\
             #\n\
             # Nothing was charged.\n\
             # $amount (Number) - the amount, in euros\n\
             # $attempts (Integer)\n\
             # $receipt (String) - URL of the receipt\n\
             # $card_brand (String)\n\
             order-payment-declined = Payment declined: { $amount }, { $attempts }, { $receipt }, { $card_brand }.\n    \
             .title = Payment declined"
        );
        assert_eq!(
            stubs[1],
            "# $arg0 (Integer)\n# $arg1 (String)\n\
             order-http-timeout = Http timeout: { $arg0 }, { $arg1 }.\n    .title = Http timeout"
        );
    }

    #[test]
    fn a_unit_variant_has_text_and_a_title() {
        assert_eq!(
            stubs("enum E { Cancelled }"),
            ["cancelled = Cancelled.\n    .title = Cancelled"]
        );
    }
}
