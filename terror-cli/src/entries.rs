//! What the commands read of a Fluent entry: its id as translators write
//! it, its patterns, and the text of a pattern.

use fluent_syntax::ast;

/// A message's or term's id: the name in the tree, and the id as written
/// (`-brand` for a term). `None` for comments and junk.
pub(crate) fn id<'s>(entry: &ast::Entry<&'s str>) -> Option<(&'s str, String)> {
    match entry {
        ast::Entry::Message(m) => Some((m.id.name, m.id.name.to_owned())),
        ast::Entry::Term(t) => Some((t.id.name, format!("-{}", t.id.name))),
        _ => None,
    }
}

/// A message's or term's value and attributes.
pub(crate) fn patterns<'e, 's>(entry: &'e ast::Entry<&'s str>) -> Vec<&'e ast::Pattern<&'s str>> {
    match entry {
        ast::Entry::Message(m) => message_patterns(m),
        ast::Entry::Term(t) => std::iter::once(&t.value)
            .chain(t.attributes.iter().map(|a| &a.value))
            .collect(),
        _ => Vec::new(),
    }
}

/// A message's value (if any) and attributes.
pub(crate) fn message_patterns<'m, 's>(
    message: &'m ast::Message<&'s str>,
) -> Vec<&'m ast::Pattern<&'s str>> {
    message
        .value
        .iter()
        .chain(message.attributes.iter().map(|a| &a.value))
        .collect()
}

/// Visits the text of a pattern and of its selectors' variants, in order:
/// what a translator translates, placeables aside.
pub(crate) fn visit_text(pattern: &ast::Pattern<&str>, f: &mut dyn FnMut(&str)) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => f(value),
            ast::PatternElement::Placeable { expression } => visit_expression(expression, f),
        }
    }
}

fn visit_expression(expression: &ast::Expression<&str>, f: &mut dyn FnMut(&str)) {
    match expression {
        ast::Expression::Select { variants, .. } => {
            for variant in variants {
                visit_text(&variant.value, f);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            visit_expression(expression, f);
        }
        ast::Expression::Inline(_) => {}
    }
}
