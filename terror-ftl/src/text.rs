//! Messages and their patterns as text, for catalogs and reports: a
//! message's value or attribute, printed back as Fluent source.

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

/// A message's value (`attribute` None) or one of its attributes, the
/// first of that name as Fluent reads it.
///
/// ```
/// let source = "volume-in-use = In use\n    .hint = Detach { $name } first.\n";
/// let resource = terror_ftl::parse(source).unwrap();
/// let fluent_syntax::ast::Entry::Message(message) = &resource.body[0] else {
///     unreachable!()
/// };
/// let hint = terror_ftl::message_pattern(message, Some("hint")).unwrap();
/// assert_eq!(terror_ftl::pattern_text(hint), "Detach { $name } first.");
/// assert!(terror_ftl::message_pattern(message, Some("title")).is_none());
/// ```
pub fn message_pattern<'m, S>(
    message: &'m ast::Message<S>,
    attribute: Option<&str>,
) -> Option<&'m ast::Pattern<S>>
where
    S: AsRef<str>,
{
    match attribute {
        None => message.value.as_ref(),
        Some(name) => message
            .attributes
            .iter()
            .find(|a| a.id.name.as_ref() == name)
            .map(|a| &a.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    use crate::test_fixture::SOURCE;

    /// The message `id` of a parsed file.
    fn message<'r, 's>(
        resource: &'r ast::Resource<&'s str>,
        id: &str,
    ) -> &'r ast::Message<&'s str> {
        resource
            .body
            .iter()
            .find_map(|entry| match entry {
                ast::Entry::Message(m) if m.id.name == id => Some(m),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn sources_and_patterns_as_text() {
        let resource = parse(SOURCE).unwrap();
        assert_eq!(
            message_source(message(&resource, "volume-help")),
            "volume-help = Ask { $admin } about { volume-in-use }."
        );
        let in_use = message(&resource, "volume-in-use");
        assert_eq!(pattern_text(&in_use.attributes[0].value), "In use");
        assert_eq!(
            pattern_text(message_pattern(in_use, None).unwrap()),
            "Volume { $name } has { $hosts ->\n    [one] one host\n    [few] a few { NUMBER($hosts) }\n   *[other] { $hosts } hosts\n} { -brand($case) }."
        );
        assert!(message_source(in_use).contains("    .title = In use"));
    }

    #[test]
    fn text_indented_with_other_blanks_prints_without_a_panic() {
        // U+00A0 and U+3000 are text, not indentation: slicing them off
        // by byte count would cut a character in two.
        let source = "a =\n    \u{a0}one\n     two\n    \u{3000}three\n";
        let resource = parse(source).unwrap();
        let a = message(&resource, "a");
        assert_eq!(
            pattern_text(a.value.as_ref().unwrap()),
            "\u{a0}one\n two\n\u{3000}three"
        );
        assert!(message_source(a).contains("\u{3000}three"));
    }
}
