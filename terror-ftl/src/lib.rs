//! Fluent file analysis shared by terror's compile-time checks (in
//! `terror-derive`) and its catalog checks (in `terror-core`): which
//! variables a message uses and where, which plural selectors it has, and
//! positions as file, line and column.
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
//! let messages = Messages::new([(source, &resource)]);
//! let uses = messages.variables("volume-in-use").unwrap();
//! let names: Vec<&str> = uses.iter().map(|u| u.name).collect();
//! assert_eq!(names, ["name", "hosts", "hosts", "nme"]);
//! assert_eq!(terror_ftl::position(source, uses[3].offset), (6, 22));
//!
//! let selects = messages.plural_selects("volume-in-use").unwrap();
//! assert_eq!(selects[0].variable, "hosts");
//! assert_eq!(selects[0].keys, ["one", "other"]);
//! ```

use std::collections::HashMap;

use fluent_syntax::ast;
use fluent_syntax::parser::ParserError;

/// References nest at most this deep; deeper ones (or cycles) are not
/// followed.
const MAX_DEPTH: usize = 16;

/// The CLDR plural category names Fluent matches against numbers.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line where the parser stopped.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The line where the broken entry starts, when known.
    pub entry_line: Option<usize>,
    /// The parser's message.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: syntax error: {}",
            self.line, self.column, self.message
        )?;
        match self.entry_line {
            Some(entry) if entry != self.line => {
                write!(f, " (in the entry starting at line {entry})")
            }
            _ => Ok(()),
        }
    }
}

/// Parses a file, reporting every syntax error with its position.
///
/// The Fluent parser is not expected to panic; should it ever, the panic is
/// reported as a syntax error at the start of the file instead of ending the
/// process (or the build).
pub fn parse(source: &str) -> Result<ast::Resource<&str>, Vec<SyntaxError>> {
    let parsed = std::panic::catch_unwind(|| fluent_syntax::parser::parse(source));
    match parsed {
        Ok(Ok(resource)) => Ok(resource),
        Ok(Err((_, errors))) => Err(errors.iter().map(|e| syntax_error(source, e)).collect()),
        Err(_) => Err(vec![SyntaxError {
            line: 1,
            column: 1,
            entry_line: None,
            message: "the Fluent parser failed on this file".to_owned(),
        }]),
    }
}

/// Converts a fluent-syntax parser error.
pub fn syntax_error(source: &str, error: &ParserError) -> SyntaxError {
    let (line, column) = position(source, error.pos.start);
    SyntaxError {
        line,
        column,
        entry_line: error.slice.as_ref().map(|s| position(source, s.start).0),
        message: error.kind.to_string(),
    }
}

/// The 1-based line and column (in characters) of a byte offset. Offsets
/// past the end or inside a character are clamped, never a panic.
pub fn position(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of `part` in `source`, which it is a slice of: the Fluent
/// AST borrows every identifier from the source text. 0 when it is not.
pub fn offset_in(source: &str, part: &str) -> usize {
    let start = source.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at <= start + source.len() {
        at - start
    } else {
        0
    }
}

/// One use of a variable in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableUse<'s> {
    /// The variable, without `$`.
    pub name: &'s str,
    /// The byte offset of `$` in the file that holds the use.
    pub offset: usize,
    /// Which resource (index into the list given to [`Messages::new`]).
    pub resource: usize,
    /// The message or attribute it appears in, when that is not the message
    /// itself: `other-message` or `other-message.attr` reached through a
    /// reference, or `.hint` for an attribute of the message.
    pub via: Option<String>,
}

/// A select expression on a variable whose keys include plural categories
/// or numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralSelect<'s> {
    /// The selector variable, without `$`.
    pub variable: &'s str,
    /// The identifier keys, in order (the default variant's included).
    pub keys: Vec<&'s str>,
    /// The default variant's key.
    pub default_key: &'s str,
    /// The byte offset of the selector variable's `$`.
    pub offset: usize,
    /// Which resource.
    pub resource: usize,
}

/// The messages of one locale, from several resources (files).
pub struct Messages<'r, 's> {
    sources: Vec<&'s str>,
    messages: HashMap<&'s str, (usize, &'r ast::Message<&'s str>)>,
}

impl<'r, 's> Messages<'r, 's> {
    /// Indexes the messages of `files` (each file's source text
    /// and its parsed resource); a later definition of an id replaces an
    /// earlier one.
    pub fn new(files: impl IntoIterator<Item = (&'s str, &'r ast::Resource<&'s str>)>) -> Self {
        let mut sources = Vec::new();
        let mut messages = HashMap::new();
        for (index, (source, resource)) in files.into_iter().enumerate() {
            sources.push(source);
            for entry in &resource.body {
                if let ast::Entry::Message(m) = entry {
                    messages.insert(m.id.name, (index, m));
                }
            }
        }
        Messages { sources, messages }
    }

    /// The message ids, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.messages.keys().copied()
    }

    /// The message, and which resource defines it.
    pub fn get(&self, id: &str) -> Option<(usize, &'r ast::Message<&'s str>)> {
        self.messages.get(id).copied()
    }

    /// Every variable the message can read with the error's arguments: in
    /// its value and every attribute, in selectors and variants, in
    /// referenced messages (recursively) and in arguments passed to terms
    /// and functions. Variables inside terms are the term's own parameters
    /// and are not listed. `None` when there is no such message.
    pub fn variables(&self, id: &str) -> Option<Vec<VariableUse<'s>>> {
        let (resource, message) = self.get(id)?;
        let mut out = Vec::new();
        let mut stack = vec![id.to_owned()];
        if let Some(value) = &message.value {
            self.pattern(value, resource, None, &mut out, &mut stack);
        }
        for attribute in &message.attributes {
            let via = Some(format!(".{}", attribute.id.name));
            self.pattern(
                &attribute.value,
                resource,
                via.as_deref(),
                &mut out,
                &mut stack,
            );
        }
        Some(out)
    }

    fn pattern(
        &self,
        pattern: &'r ast::Pattern<&'s str>,
        resource: usize,
        via: Option<&str>,
        out: &mut Vec<VariableUse<'s>>,
        stack: &mut Vec<String>,
    ) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression, resource, via, out, stack);
            }
        }
    }

    fn expression(
        &self,
        expression: &'r ast::Expression<&'s str>,
        resource: usize,
        via: Option<&str>,
        out: &mut Vec<VariableUse<'s>>,
        stack: &mut Vec<String>,
    ) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, resource, via, out, stack),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector, resource, via, out, stack);
                for variant in variants {
                    self.pattern(&variant.value, resource, via, out, stack);
                }
            }
        }
    }

    fn inline(
        &self,
        inline: &'r ast::InlineExpression<&'s str>,
        resource: usize,
        via: Option<&str>,
        out: &mut Vec<VariableUse<'s>>,
        stack: &mut Vec<String>,
    ) {
        match inline {
            ast::InlineExpression::VariableReference { id } => out.push(VariableUse {
                name: id.name,
                offset: self.dollar_offset(resource, id.name),
                resource,
                via: via.map(str::to_owned),
            }),
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for arg in &arguments.positional {
                    self.inline(arg, resource, via, out, stack);
                }
                for arg in &arguments.named {
                    self.inline(&arg.value, resource, via, out, stack);
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let key = match attribute {
                    Some(attr) => format!("{}.{}", id.name, attr.name),
                    None => id.name.to_owned(),
                };
                let Some((target_resource, message)) = self.get(id.name) else {
                    return;
                };
                let pattern = message_pattern(message, attribute.as_ref().map(|a| a.name));
                if let Some(pattern) = pattern {
                    if stack.len() < MAX_DEPTH && !stack.contains(&key) {
                        stack.push(key.clone());
                        self.pattern(pattern, target_resource, Some(&key), out, stack);
                        stack.pop();
                    }
                }
            }
            ast::InlineExpression::Placeable { expression } => {
                self.expression(expression, resource, via, out, stack);
            }
            _ => {}
        }
    }

    /// The offset of the `$` before a variable name borrowed from a source.
    fn dollar_offset(&self, resource: usize, name: &str) -> usize {
        self.sources
            .get(resource)
            .map_or(0, |source| offset_in(source, name).saturating_sub(1))
    }

    /// The position (line, column) of a use or a selector.
    pub fn position_of(&self, resource: usize, offset: usize) -> (usize, usize) {
        self.sources
            .get(resource)
            .map_or((1, 1), |source| position(source, offset))
    }

    /// Every select expression of the message (value and attributes, not
    /// through references) that selects on a variable and has a plural
    /// category or a number among its keys.
    pub fn plural_selects(&self, id: &str) -> Option<Vec<PluralSelect<'s>>> {
        let (resource, message) = self.get(id)?;
        let mut out = Vec::new();
        let patterns = message
            .value
            .iter()
            .chain(message.attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            collect_selects(pattern, resource, &mut out);
        }
        for select in &mut out {
            select.offset = self.dollar_offset(resource, select.variable);
        }
        Some(out)
    }
}

fn collect_selects<'s>(
    pattern: &ast::Pattern<&'s str>,
    resource: usize,
    out: &mut Vec<PluralSelect<'s>>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_select_expression(expression, resource, out);
        }
    }
}

fn collect_select_expression<'s>(
    expression: &ast::Expression<&'s str>,
    resource: usize,
    out: &mut Vec<PluralSelect<'s>>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            if let ast::InlineExpression::VariableReference { id } = selector {
                let mut keys = Vec::new();
                let mut numeric = false;
                let mut default_key = "";
                for variant in variants {
                    match &variant.key {
                        ast::VariantKey::Identifier { name } => {
                            keys.push(*name);
                            if variant.default {
                                default_key = name;
                            }
                        }
                        ast::VariantKey::NumberLiteral { value } => {
                            numeric = true;
                            if variant.default {
                                default_key = value;
                            }
                        }
                    }
                }
                if numeric || keys.iter().any(|k| PLURAL_CATEGORIES.contains(k)) {
                    out.push(PluralSelect {
                        variable: id.name,
                        keys,
                        default_key,
                        // Set by `plural_selects`, which knows the source.
                        offset: 0,
                        resource,
                    });
                }
            }
            for variant in variants {
                collect_selects(&variant.value, resource, out);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            collect_select_expression(expression, resource, out);
        }
        ast::Expression::Inline(_) => {}
    }
}

/// A message's value (`attribute` None) or one of its attributes.
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

/// The closest candidate to `word` within a quarter of its length (at least
/// one edit), for "did you mean" hints: typos, not merely similar ids
/// (`volume-exploded` is not a typo of `volume-locked`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= (word.chars().count() / 4).max(1))
        .min_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.cmp(b)))
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(previous + cost);
            previous = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

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
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    // Remove the indentation all lines share, keep the rest (variants).
    let indent = lines
        .iter()
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| &l[indent..])
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
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
        let messages = Messages::new([(SOURCE, &resource)]);
        let uses = messages.variables("volume-in-use").unwrap();
        // The cycle volume-in-use -> .hint -> volume-help -> volume-in-use
        // is cut at the repeat.
        assert_eq!(
            names(&uses),
            ["name", "hosts", "hosts", "hosts", "case", "admin"]
        );
        let admin = uses.iter().find(|u| u.name == "admin").unwrap();
        assert_eq!(admin.via.as_deref(), Some("volume-help"));
        assert_eq!(messages.position_of(admin.resource, admin.offset), (9, 21));
        assert!(messages.variables("nope").is_none());
    }

    #[test]
    fn plural_selects_need_a_category_or_number_key() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource)]);
        let selects = messages.plural_selects("volume-in-use").unwrap();
        assert_eq!(selects.len(), 1);
        assert_eq!(selects[0].keys, ["one", "few", "other"]);
        assert_eq!(selects[0].default_key, "other");
        assert_eq!(messages.position_of(0, selects[0].offset), (2, 40));
        assert!(messages.plural_selects("plain").unwrap().is_empty());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errors = parse("ok = fine\nbroken = { $x\nnext = 1\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[0].entry_line, Some(2));
        assert!(errors[0]
            .to_string()
            .contains("(in the entry starting at line 2)"));
    }

    #[test]
    fn positions_never_panic() {
        assert_eq!(position("ab\ncd", 4), (2, 2));
        assert_eq!(position("ab", 99), (1, 3));
        assert_eq!(position("ж", 1), (1, 1));
        assert_eq!(offset_in("abc", "zzz"), 0);
    }

    #[test]
    fn sources_and_patterns_as_text() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource)]);
        let (_, message) = messages.get("volume-help").unwrap();
        assert_eq!(
            message_source(message),
            "volume-help = Ask { $admin } about { volume-in-use }."
        );
        let (_, message) = messages.get("volume-in-use").unwrap();
        assert_eq!(pattern_text(&message.attributes[0].value), "In use");
        assert_eq!(
            pattern_text(message.value.as_ref().unwrap()),
            "Volume { $name } has { $hosts ->\n    [one] one host\n    [few] a few { NUMBER($hosts) }\n   *[other] { $hosts } hosts\n} { -brand($case) }."
        );
        assert!(message_source(message).contains("    .title = In use"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            closest("volume-not-fund", ["volume-not-found", "pool-not-found"]),
            Some("volume-not-found")
        );
        assert_eq!(closest("zzz", ["volume-not-found"]), None);
        assert_eq!(closest("volume-exploded", ["volume-locked"]), None);
        assert_eq!(closest("nme", ["name"]), Some("name"));
        assert_eq!(distance("хост", "хосты"), 1);
    }
}
