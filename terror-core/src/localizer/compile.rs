//! Compiles a locale's parsed files into a [`Table`](super::table::Table).
//!
//! Most error messages are text, variables, references to other messages or
//! terms, and selectors on a variable (plurals). Those compile into nodes
//! that render without building `FluentArgs` or walking a syntax tree, keep
//! integers exact at any width, and never print a `{$var}` placeholder. A
//! pattern that needs more of Fluent (function calls, parameterized terms,
//! variables inside terms, reference cycles) is marked to go through
//! `FluentBundle` instead, which remains the reference implementation:
//! tests and a fuzz target check that both agree. Only such messages, and
//! what they refer to, are put in the locale's bundle
//! (`compile` returns their text).
//!
//! Each pattern of a locale is compiled once, in the order of
//! [`terror_ftl::graph::Graph::fold`]: a reference becomes a
//! [`Node::Ref`] to the pattern it names, never a copy of it, so the work is
//! linear in the size of the files however messages refer to each other.

use std::collections::HashMap;

use fluent_bundle::types::FluentNumber;
use fluent_syntax::ast;
use intl_pluralrules::PluralCategory;
use terror_ftl::graph::{Graph, Node as GraphNode, Visit};

use super::table::{self, Compiled, Key, Kind, Message, Node, Scratch, Span, Variant};

/// Compiles the files of a locale into `scratch` (for
/// [`Scratch::finish`]): `texts` are their texts, `resources` their parsed
/// entries, file for file (a later definition of an id replaces an earlier
/// one). Returns the text of the entries only Fluent renders, with every
/// entry they refer to, if there are any.
pub(crate) fn compile(
    scratch: &mut Scratch,
    texts: &[&str],
    resources: &[&ast::Resource<&str>],
) -> Option<String> {
    let graph = Graph::new(resources.iter().map(|r| r.body.iter()));
    // One list of steps for every pattern, emptied into the table after
    // each: no allocation per pattern.
    let mut steps = Vec::new();
    let folded = graph.fold(|visit| compile_node(scratch, texts, visit, &mut steps));
    let compiled = |index: usize| match folded.get(index).map(|f| f.shape) {
        Some(Shape::Nodes(pattern)) => Compiled::new(Kind::Nodes(pattern)),
        Some(Shape::Text(_, span)) => Compiled::new(Kind::Text(span)),
        Some(Shape::Fluent) | None => Compiled::new(Kind::Fluent),
    };
    // The graph numbers an entry's patterns consecutively, value first,
    // in the order entries are defined: one run of nodes is one message.
    let mut needs_fluent = Vec::new();
    let mut index = 0;
    while index < graph.len() {
        let node = graph.node(index);
        let file = graph.resource(index);
        let mut end = index + 1;
        while end < graph.len()
            && graph.node(end).id == node.id
            && graph.node(end).term == node.term
        {
            end += 1;
        }
        if !node.term {
            let text = texts.get(file).copied().unwrap_or("");
            let (value, attributes) = match node.attribute {
                None => (compiled(index), index + 1..end),
                Some(_) => (Compiled::NONE, index..end),
            };
            let start = scratch.attributes.len();
            for attribute in attributes {
                let name = graph.node(attribute).attribute.unwrap_or("");
                scratch
                    .attributes
                    .push((span_in(text, name), compiled(attribute)));
            }
            let fluent = std::iter::once(value)
                .chain(scratch.attributes[start..].iter().map(|(_, c)| *c))
                .any(|c| c.kind() == Some(Kind::Fluent));
            if fluent {
                needs_fluent.push(node.id);
            }
            scratch.messages.push(Message {
                file: index_u32(file),
                id: span_in(text, node.id),
                value,
                attributes: index_u32(start),
            });
        }
        index = end;
    }
    (!needs_fluent.is_empty()).then(|| fluent_subset(texts, resources, &needs_fluent))
}

/// What compiling a pattern of the graph gave.
#[derive(Debug, Clone, Copy)]
struct Folded {
    shape: Shape,
    /// Whether it (or a pattern it refers to) reads variables: a term
    /// cannot refer to such a pattern, since terms do not see them.
    reads_variables: bool,
}

/// The compiled form of a pattern.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// Text alone: this span of this file.
    Text(u32, Span),
    /// Nodes: this pattern of the table.
    Nodes(u32),
    /// Rendered by Fluent.
    Fluent,
}

/// The pattern could not be expressed as nodes.
struct Unsupported;

/// Compiles one pattern of the graph into the table. `steps` is scratch
/// space, shared by every pattern so that none allocates its own; it is
/// emptied first.
fn compile_node<'s>(
    table: &mut Scratch,
    texts: &[&'s str],
    visit: &Visit<'_, '_, 's, Folded>,
    steps: &mut Vec<Step<'s>>,
) -> Folded {
    const FLUENT: Folded = Folded {
        shape: Shape::Fluent,
        reads_variables: true,
    };
    // Fluent reports the cycle when it renders one.
    if visit.is_cyclic() {
        return FLUENT;
    }
    let file = visit.resource();
    let text = texts.get(file).copied().unwrap_or("");
    let mut compiler = Compiler {
        visit,
        texts,
        text,
        in_term: visit.node().term,
        reads_variables: false,
        table,
    };
    steps.clear();
    match compiler.pattern(visit.pattern(), steps) {
        Ok(()) => {
            let reads_variables = compiler.reads_variables;
            if let [Step::Text(only, 0)] = steps[..] {
                if let Some(span) = span_within(text, only) {
                    return Folded {
                        shape: Shape::Text(index_u32(file), span),
                        reads_variables,
                    };
                }
            }
            let range = compiler.append(steps);
            table.patterns.push(table::Pattern {
                file: index_u32(file),
                nodes: range,
            });
            Folded {
                shape: Shape::Nodes(index_u32(table.patterns.len() - 1)),
                reads_variables,
            }
        }
        Err(Unsupported) => FLUENT,
    }
}

struct Compiler<'v, 'a, 'r, 's, 't> {
    visit: &'v Visit<'a, 'r, 's, Folded>,
    /// Every file's text, for the text of a pattern referred to.
    texts: &'t [&'s str],
    /// The text of the file the pattern is in.
    text: &'s str,
    /// Compiling a term's pattern: variables are the term's own parameters.
    in_term: bool,
    reads_variables: bool,
    table: &'t mut Scratch,
}

/// A step of a pattern being compiled: as in the table, except that text
/// is kept as written until runs of it are joined.
enum Step<'s> {
    Text(&'s str, u16),
    /// Text no file holds verbatim (an unescaped or formatted literal).
    Made(String, u16),
    Node(Node),
}

impl<'s> Compiler<'_, '_, '_, 's, '_> {
    fn pattern(
        &mut self,
        pattern: &ast::Pattern<&'s str>,
        out: &mut Vec<Step<'s>>,
    ) -> Result<(), Unsupported> {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => out.push(Step::Text(value, 0)),
                // Every placeable compiles to exactly one step.
                ast::PatternElement::Placeable { expression } => {
                    out.push(self.expression(expression)?);
                }
            }
        }
        Ok(())
    }

    /// Appends a pattern's steps to the table's nodes, each run of text
    /// one node (in the file when it is one piece of it), and returns
    /// their range.
    fn append(&mut self, steps: &mut Vec<Step<'s>>) -> (u32, u32) {
        let table = &mut *self.table;
        let start = index_u32(table.nodes.len());
        let mut steps = steps.drain(..).peekable();
        while let Some(step) = steps.next() {
            let text_run = !matches!(step, Step::Node(_))
                && steps.peek().is_some_and(|s| !matches!(s, Step::Node(_)));
            if text_run {
                let own_start = table.own.len();
                let mut placeables = 0u16;
                let mut push = |step: Step<'s>, own: &mut String| match step {
                    Step::Text(text, p) => {
                        own.push_str(text);
                        placeables = placeables.saturating_add(p);
                    }
                    Step::Made(text, p) => {
                        own.push_str(&text);
                        placeables = placeables.saturating_add(p);
                    }
                    Step::Node(_) => {}
                };
                push(step, &mut table.own);
                while steps.peek().is_some_and(|s| !matches!(s, Step::Node(_))) {
                    if let Some(next) = steps.next() {
                        push(next, &mut table.own);
                    }
                }
                table.nodes.push(Node::Own {
                    span: own_span(own_start, table.own.len()),
                    placeables,
                });
                continue;
            }
            let node = match step {
                Step::Text(text, placeables) => match span_within(self.text, text) {
                    Some(span) => Node::Text { span, placeables },
                    None => own_node(&mut table.own, text, placeables),
                },
                Step::Made(text, placeables) => own_node(&mut table.own, &text, placeables),
                Step::Node(node) => node,
            };
            table.nodes.push(node);
        }
        (start, index_u32(table.nodes.len()))
    }

    fn expression(
        &mut self,
        expression: &ast::Expression<&'s str>,
    ) -> Result<Step<'s>, Unsupported> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                let ast::InlineExpression::VariableReference { id } = selector else {
                    return Err(Unsupported);
                };
                if self.in_term {
                    return Err(Unsupported);
                }
                self.reads_variables = true;
                let mut compiled = Vec::with_capacity(variants.len());
                let mut default = 0;
                for (i, variant) in variants.iter().enumerate() {
                    if variant.default {
                        default = index_u32(i);
                    }
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => {
                            Key::Ident(span_in(self.text, name), plural_category(name))
                        }
                        ast::VariantKey::NumberLiteral { value } => match value.parse::<f64>() {
                            Ok(n) => Key::Number {
                                value: n,
                                fractional: value.contains('.'),
                            },
                            // Fluent treats an unparsable number key as text.
                            Err(_) => Key::Ident(span_in(self.text, value), None),
                        },
                    };
                    let mut steps = Vec::with_capacity(variant.value.elements.len());
                    self.pattern(&variant.value, &mut steps)?;
                    compiled.push((key, steps));
                }
                // A variant's nodes go in before the pattern's own, which
                // are appended when the whole pattern is compiled.
                let start = index_u32(self.table.variants.len());
                for (key, mut steps) in compiled {
                    let nodes = self.append(&mut steps);
                    self.table.variants.push(Variant { key, nodes });
                }
                let end = index_u32(self.table.variants.len());
                self.table.selects.push(table::Select {
                    selector: span_in(self.text, id.name),
                    variants: (start, end),
                    default,
                });
                Ok(Step::Node(Node::Select(index_u32(
                    self.table.selects.len() - 1,
                ))))
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&'s str>) -> Result<Step<'s>, Unsupported> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => Ok(
                match fluent_syntax::unicode::unescape_unicode_to_string(value) {
                    std::borrow::Cow::Borrowed(text) => Step::Text(text, 1),
                    std::borrow::Cow::Owned(text) => Step::Made(text, 1),
                },
            ),
            ast::InlineExpression::NumberLiteral { value } => {
                let number: FluentNumber = value.parse().map_err(|_| Unsupported)?;
                Ok(Step::Made(number.as_string().into_owned(), 1))
            }
            ast::InlineExpression::VariableReference { id } => {
                if self.in_term {
                    return Err(Unsupported);
                }
                self.reads_variables = true;
                Ok(Step::Node(Node::Var(span_in(self.text, id.name))))
            }
            ast::InlineExpression::MessageReference { .. }
            | ast::InlineExpression::TermReference {
                attribute: None,
                arguments: None,
                ..
            } => {
                let target = GraphNode::of_reference(inline).ok_or(Unsupported)?;
                // Missing, in the same cycle, or not compiled: Fluent's job.
                let compiled = *self.visit.result(target).ok_or(Unsupported)?;
                if self.in_term && compiled.reads_variables {
                    return Err(Unsupported);
                }
                self.reads_variables |= compiled.reads_variables;
                match compiled.shape {
                    Shape::Nodes(pattern) => Ok(Step::Node(Node::Ref(pattern))),
                    // The text itself, spending the one placeable the
                    // reference would.
                    Shape::Text(file, span) => {
                        let text = self.texts.get(file as usize).copied().unwrap_or("");
                        Ok(Step::Text(span.of(text), 1))
                    }
                    Shape::Fluent => Err(Unsupported),
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::TermReference { .. }
            | ast::InlineExpression::FunctionReference { .. } => Err(Unsupported),
        }
    }
}

fn plural_category(name: &str) -> Option<PluralCategory> {
    Some(match name {
        "zero" => PluralCategory::ZERO,
        "one" => PluralCategory::ONE,
        "two" => PluralCategory::TWO,
        "few" => PluralCategory::FEW,
        "many" => PluralCategory::MANY,
        "other" => PluralCategory::OTHER,
        _ => return None,
    })
}

/// A length or position as the table stores it. Files are limited to
/// [`terror_ftl::MAX_FILE_BYTES`] when loaded, and a locale to a few
/// nodes per byte of them, so every index fits.
fn index_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where `part`, a slice of `text`, is in it.
fn span_within(text: &str, part: &str) -> Option<Span> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    if start.checked_add(part.len())? > text.len() {
        return None;
    }
    Some(Span {
        start: u32::try_from(start).ok()?,
        len: u32::try_from(part.len()).ok()?,
    })
}

/// Where `part`, a slice of the file `text` (a name the parser read from
/// it), is in it; empty if it is not there, which a parser that slices
/// its input never gives.
fn span_in(text: &str, part: &str) -> Span {
    span_within(text, part).unwrap_or(Span { start: 0, len: 0 })
}

fn own_span(start: usize, end: usize) -> Span {
    Span {
        start: index_u32(start),
        len: index_u32(end - start),
    }
}

fn own_node(own: &mut String, text: &str, placeables: u16) -> Node {
    let start = own.len();
    own.push_str(text);
    Node::Own {
        span: own_span(start, own.len()),
        placeables,
    }
}

/// The text of the messages in `ids` and of every entry they refer to,
/// through references of any depth: each entry as written in its file
/// (from its id to the next entry), its last definition only. Parsed
/// again, it is a resource that renders these messages exactly as the
/// whole files would.
fn fluent_subset(texts: &[&str], resources: &[&ast::Resource<&str>], ids: &[&str]) -> String {
    // Where each entry's last definition is: file and position.
    let mut last: HashMap<(bool, &str), (usize, usize)> = HashMap::new();
    for (file, resource) in resources.iter().enumerate() {
        for (position, entry) in resource.body.iter().enumerate() {
            if let Some((term, id)) = entry_id(entry) {
                last.insert((term, id), (file, position));
            }
        }
    }
    let mut wanted: Vec<(usize, usize)> = Vec::new();
    let mut queue: Vec<(bool, &str)> = ids.iter().map(|id| (false, *id)).collect();
    let mut references = Vec::new();
    while let Some(key) = queue.pop() {
        let Some(&(file, position)) = last.get(&key) else {
            continue;
        };
        if wanted.contains(&(file, position)) {
            continue;
        }
        wanted.push((file, position));
        let Some(entry) = resources.get(file).and_then(|r| r.body.get(position)) else {
            continue;
        };
        references.clear();
        let (value, attributes) = match entry {
            ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => continue,
        };
        for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            terror_ftl::graph::references(pattern, &mut references);
        }
        queue.extend(references.iter().map(|r| (r.term, r.id)));
    }
    wanted.sort_unstable();
    let mut out = String::new();
    for (file, position) in wanted {
        let (Some(text), Some(resource)) = (texts.get(file), resources.get(file)) else {
            continue;
        };
        let start = entry_start(text, &resource.body[position]);
        let end = resource
            .body
            .get(position + 1)
            .and_then(|next| entry_start(text, next))
            .unwrap_or(text.len());
        if let Some(written) = start.and_then(|start| text.get(start..end)) {
            out.push_str(written);
            out.push('\n');
        }
    }
    out
}

/// A message's or term's id, and whether it is a term.
fn entry_id<'s>(entry: &ast::Entry<&'s str>) -> Option<(bool, &'s str)> {
    match entry {
        ast::Entry::Message(m) => Some((false, m.id.name)),
        ast::Entry::Term(t) => Some((true, t.id.name)),
        _ => None,
    }
}

/// Where an entry starts in its file's text: at its id, or the `-` of a
/// term's.
fn entry_start(text: &str, entry: &ast::Entry<&str>) -> Option<usize> {
    let (term, id) = entry_id(entry)?;
    let at = span_within(text, id)?.start as usize;
    if term {
        at.checked_sub(1)
    } else {
        Some(at)
    }
}
