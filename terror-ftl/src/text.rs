//! Messages and patterns printed back as Fluent source, for catalogs and
//! reports.

use fluent_syntax::ast;

/// A message as Fluent source: `id = value` and its attributes, without
/// comments.
pub fn message_source(message: &ast::Message<&str>) -> String {
    let entry = ast::Message {
        id: message.id.clone(),
        value: message.value.clone(),
        attributes: message.attributes.clone(),
        comment: None,
    };
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(entry)],
    };
    fluent_syntax::serializer::serialize(&resource)
        .trim_end()
        .to_owned()
}

/// A pattern as Fluent source, such as `Volume { $name } was not found.`;
/// multiline patterns keep their line breaks, without the indentation.
///
/// Fluent indents continuation lines with spaces only; any other blank
/// character at the start of a line (a no-break space, an ideographic
/// space) is text and is kept.
pub fn pattern_text(pattern: &ast::Pattern<&str>) -> String {
    let entry = ast::Message {
        id: ast::Identifier { name: "x" },
        value: Some(pattern.clone()),
        attributes: Vec::new(),
        comment: None,
    };
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(entry)],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    let text = text.strip_prefix("x =").unwrap_or(&text);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_end_matches(' '))
        .filter(|l| !l.is_empty())
        .collect();
    // Remove the indentation all lines share, keep the rest (variants).
    // Only spaces count, so the cut is always at a character boundary.
    let indent = lines
        .iter()
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| &l[indent..])
        .collect::<Vec<_>>()
        .join("\n")
}
