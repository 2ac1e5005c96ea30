//! Pseudo-localization: a locale made from the source by transforming its
//! text, so that text the service never translated, text cut short and
//! layouts that break with longer or right-to-left words stand out. The
//! `terror pseudo` command writes one (`locales/en-XA` from
//! `locales/en-US`), and terror-core's `Localizer` transforms the
//! framework's own messages the same way for a pseudo-locale.
//!
//! # Which locales
//!
//! A pseudo-locale is recognized by its region alone ([`Style::of_region`]):
//! `XA` is [`Style::Accented`] (`en-XA`), `XB` is [`Style::Mirrored`]
//! (`ar-XB`). These are the private-use regions Android, Chromium and
//! Mozilla use for pseudo-locales; no real locale has them.
//!
//! # What changes
//!
//! [`resource`] transforms the text of every message and term, the
//! variants of selectors included, and wraps the value and each attribute
//! of every message in `[` and `]`. Ids, attributes, variables, references,
//! selectors, variant keys, literals and comments stay as they are, so the
//! result has the same messages, variables and selectors as its source.
//!
//! Within a text, words (what lies between blanks) are prose and change,
//! hyphenated ones included (`well-known`), except those that look like
//! code, which stay as written so that a client still shows a path or a
//! method that works. A word is code when, with the punctuation around it
//! set aside (`(`, `"`, `.`, `,`, `:`, `)`, …), it
//!
//! - starts with `/`, `./`, `../` or `~/`: a path (`/orders`);
//! - starts with a scheme and `://`: a URL (`https://example.com/docs`);
//! - has `_` or `::`: an identifier (`request_id`, `terror_core::Args`);
//! - has a dot between two ASCII letters or digits, unless every part is a
//!   single letter: a dotted name (`volume.not_found`, `example.com`), while
//!   `e.g.` is prose;
//! - has a digit: a number or a versioned name (`3`, `1.5`, `4xx`, `v2`);
//! - has two letters or more and no small one: a method, an acronym or a
//!   constant (`GET`, `JSON`, `UTF-8`, `HTTP/1.1`), while `A` and `I` are
//!   prose;
//! - has a small letter followed by a capital one: a camelCase name
//!   (`errorsTotal`).
//!
//! Text between backticks stays too, blanks included (`` `terror check` ``);
//! a backtick that is never closed keeps the rest of the pattern. Both run
//! across a placeable: a backtick opened before `{ $name }` closes after it,
//! and the text right after a placeable continues a word of code before it
//! (`/volumes/{ $id }/snapshots`). Each variant of a selector starts from
//! where the text before the selector left off.
//!
//! ```
//! use terror_ftl::pseudo::{self, Style};
//!
//! let source = "\
//! volume-not-found = Volume { $name } was not found.
//!     .hint = List them with `terror volumes` or GET /volumes (see https://example.com/volumes).
//! volume-in-use = { $hosts ->
//!         [one] Attached to one host
//!        *[other] Attached to { $hosts } hosts
//!     }
//! ";
//! let resource = terror_ftl::parse(source).unwrap();
//! assert_eq!(
//!     pseudo::resource(&resource.body, Style::Accented),
//!     "\
//! volume-not-found = [Ṽooŀuuḿee { $name } ẇaaş ƞooŧ ƒoouuƞḓ.]
//!     .hint = [Ŀişŧ ŧħeeḿ ẇiŧħ `terror volumes` ooř GET /volumes (şeeee https://example.com/volumes).]
//!
//! volume-in-use =
//!     { \"[\" }{ $hosts ->
//!         [one] Aŧŧaaƈħeeḓ ŧoo ooƞee ħooşŧ
//!        *[other] Aŧŧaaƈħeeḓ ŧoo { $hosts } ħooşŧş
//!     }]
//! "
//! );
//! ```

mod text;

use fluent_syntax::ast;

pub use text::Style;
use text::Words;

/// The entries pseudo-localized in `style`, as Fluent source: one entry
/// after another with a blank line between them, comments kept, junk left
/// out. See [the module docs](self) for what changes.
pub fn resource<'e, 's: 'e>(
    entries: impl IntoIterator<Item = &'e ast::Entry<&'s str>>,
    style: Style,
) -> String {
    let source: Vec<&ast::Entry<&str>> = entries.into_iter().collect();
    // The new texts first, in the order `replace_text` visits them; then a
    // copy of the entries borrows them.
    let mut texts = Vec::new();
    for entry in &source {
        for pattern in patterns(entry) {
            transform_pattern(pattern, Words::new(style), &mut texts);
        }
    }
    let mut next = texts.iter().map(String::as_str);
    let mut body = Vec::with_capacity(source.len());
    for entry in source {
        if matches!(entry, ast::Entry::Junk { .. }) {
            continue;
        }
        let mut entry = entry.clone();
        let message = matches!(entry, ast::Entry::Message(_));
        for pattern in patterns_mut(&mut entry) {
            replace_text(pattern, &mut next);
            if message {
                add_brackets(pattern);
            }
        }
        body.push(entry);
    }
    // Entry by entry, a blank line between them, as people write Fluent.
    let mut out = String::new();
    for entry in body {
        if !out.is_empty() {
            out.push('\n');
        }
        let text = fluent_syntax::serializer::serialize(&ast::Resource { body: vec![entry] });
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// A message's or term's value and attributes.
fn patterns<'e, 's>(entry: &'e ast::Entry<&'s str>) -> Vec<&'e ast::Pattern<&'s str>> {
    match entry {
        ast::Entry::Message(m) => m
            .value
            .iter()
            .chain(m.attributes.iter().map(|a| &a.value))
            .collect(),
        ast::Entry::Term(t) => std::iter::once(&t.value)
            .chain(t.attributes.iter().map(|a| &a.value))
            .collect(),
        _ => Vec::new(),
    }
}

fn patterns_mut<'e, 's>(entry: &'e mut ast::Entry<&'s str>) -> Vec<&'e mut ast::Pattern<&'s str>> {
    match entry {
        ast::Entry::Message(m) => m
            .value
            .iter_mut()
            .chain(m.attributes.iter_mut().map(|a| &mut a.value))
            .collect(),
        ast::Entry::Term(t) => std::iter::once(&mut t.value)
            .chain(t.attributes.iter_mut().map(|a| &mut a.value))
            .collect(),
        _ => Vec::new(),
    }
}

/// Transforms the texts of a pattern and of its selectors' variants, in
/// order, into `texts`.
fn transform_pattern(pattern: &ast::Pattern<&str>, mut words: Words, texts: &mut Vec<String>) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                let mut out = String::with_capacity(value.len() * 2);
                words.push(value, &mut out);
                texts.push(out);
            }
            ast::PatternElement::Placeable { expression } => {
                transform_expression(expression, words, texts);
            }
        }
    }
}

fn transform_expression(expression: &ast::Expression<&str>, words: Words, texts: &mut Vec<String>) {
    match expression {
        ast::Expression::Select { variants, .. } => {
            for variant in variants {
                transform_pattern(&variant.value, words, texts);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            transform_expression(expression, words, texts);
        }
        ast::Expression::Inline(_) => {}
    }
}

/// Replaces the texts [`transform_pattern`] visits, in the same order, with
/// the next ones of `texts`.
fn replace_text<'s>(pattern: &mut ast::Pattern<&'s str>, texts: &mut dyn Iterator<Item = &'s str>) {
    for element in &mut pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                if let Some(text) = texts.next() {
                    *value = text;
                }
            }
            ast::PatternElement::Placeable { expression } => {
                replace_in_expression(expression, texts);
            }
        }
    }
}

fn replace_in_expression<'s>(
    expression: &mut ast::Expression<&'s str>,
    texts: &mut dyn Iterator<Item = &'s str>,
) {
    match expression {
        ast::Expression::Select { variants, .. } => {
            for variant in variants {
                replace_text(&mut variant.value, texts);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            replace_in_expression(expression, texts);
        }
        ast::Expression::Inline(_) => {}
    }
}

/// Wraps a pattern in `[` and `]`. A pattern that the serializer starts on
/// a line of its own (it has a selector or several lines) gets its `[` as
/// a string literal, `{ "[" }`: a line of a pattern must not begin with
/// `[`, which Fluent reads as a variant key.
fn add_brackets(pattern: &mut ast::Pattern<&str>) {
    let multiline = pattern.elements.iter().any(|element| match element {
        ast::PatternElement::TextElement { value } => value.contains('\n'),
        ast::PatternElement::Placeable { expression } => is_select(expression),
    });
    let open = if multiline {
        ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral {
                value: "[",
            }),
        }
    } else {
        ast::PatternElement::TextElement { value: "[" }
    };
    pattern.elements.insert(0, open);
    pattern
        .elements
        .push(ast::PatternElement::TextElement { value: "]" });
}

/// A selector, possibly inside a placeable of its own (`{ { $n -> … } }`),
/// which the serializer also starts on a line of its own.
fn is_select(expression: &ast::Expression<&str>) -> bool {
    match expression {
        ast::Expression::Select { .. } => true,
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            is_select(expression)
        }
        ast::Expression::Inline(_) => false,
    }
}

#[cfg(test)]
mod tests;
