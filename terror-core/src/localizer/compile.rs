//! Compiles Fluent patterns into node trees rendered straight from [`Args`].
//!
//! Most error messages are text, variables, references to other messages or
//! terms, and selectors on a variable (plurals). Those compile into [`Node`]s
//! that render without building `FluentArgs` or walking the AST, keep
//! integers exact at any width, and never print a `{$var}` placeholder. A
//! pattern that needs more of Fluent (function calls, parameterized terms,
//! variables inside terms, reference cycles) is marked to go through
//! `FluentBundle` instead, which remains the reference implementation: tests
//! and a fuzz target check that both agree.
//!
//! Each pattern of a locale is compiled once, in the order of
//! [`terror_ftl::graph::Graph::fold`]: a reference becomes a
//! [`Node::Ref`] to the pattern it names, never a copy of it, so the work is
//! linear in the size of the files however messages refer to each other.
//! Rendering spends one unit of a budget per placeable, as fluent-bundle
//! does, and gives up past [`MAX_PLACEABLES`]: no message renders unbounded
//! text.

use std::borrow::Cow;

use fluent_bundle::types::FluentNumber;
use fluent_syntax::ast;
use intl_pluralrules::operands::PluralOperands;
use intl_pluralrules::{PluralCategory, PluralRules};
use terror_ftl::graph::{Graph, Node as GraphNode, Visit};

use crate::args::{push_text, ArgValue, Args};

/// The most placeables one rendering resolves, references included: the
/// limit of fluent-bundle, so both renderers fail on the same messages.
pub(crate) const MAX_PLACEABLES: u32 = 100;

/// Shown in place of a variable that the error does not have.
pub(crate) const MISSING_VALUE: &str = "…";

/// A compiled pattern.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pattern {
    /// Rendered from the nodes in this slot of the locale's table.
    Nodes(usize),
    /// Rendered through the locale's `FluentBundle`.
    Fluent,
}

#[derive(Debug)]
pub(crate) enum Node {
    /// Text, and how many placeables (string and number literals) it holds.
    Text {
        text: Box<str>,
        placeables: u32,
    },
    Var(Box<str>),
    Select {
        selector: Box<str>,
        variants: Box<[Variant]>,
        default: usize,
    },
    /// Another pattern of the locale: a message, a message attribute or a
    /// term, by slot.
    Ref(usize),
}

#[derive(Debug)]
pub(crate) struct Variant {
    key: Key,
    nodes: Box<[Node]>,
}

#[derive(Debug)]
enum Key {
    /// An identifier key: matches a string value, or a number whose plural
    /// category it names.
    Ident(Box<str>, Option<PluralCategory>),
    /// A number literal key: matches an equal number, and only when it is
    /// written without a decimal point (fluent-bundle compares a key's
    /// formatting options too, and `[2.5]` carries a fraction digit that a
    /// number argument does not).
    Number { value: f64, fractional: bool },
}

/// The compiled patterns of one locale, by slot.
#[derive(Debug, Default)]
pub(crate) struct Table {
    slots: Vec<Box<[Node]>>,
}

/// What compiling a pattern of the graph gave.
#[derive(Debug, Clone, Copy)]
struct Compiled {
    /// The slot of its nodes; `None` when it goes through Fluent.
    slot: Option<usize>,
    /// Whether it (or a pattern it refers to) reads variables: a term
    /// cannot refer to such a pattern, since terms do not see them.
    reads_variables: bool,
}

/// The pattern could not be expressed as nodes.
struct Unsupported;

impl Table {
    /// Compiles every pattern of `graph`; `pattern_of` then tells each
    /// node's compiled form.
    pub(crate) fn compile(graph: &Graph<'_, '_>) -> (Table, impl Fn(usize) -> Pattern) {
        let mut table = Table::default();
        let folded = graph.fold(|visit| table.compile_node(visit));
        let pattern_of = move |index: usize| match folded.get(index).and_then(|c| c.slot) {
            Some(slot) => Pattern::Nodes(slot),
            None => Pattern::Fluent,
        };
        (table, pattern_of)
    }

    fn compile_node(&mut self, visit: &Visit<'_, '_, '_, Compiled>) -> Compiled {
        // Fluent reports the cycle when it renders one.
        if visit.is_cyclic() {
            return Compiled {
                slot: None,
                reads_variables: true,
            };
        }
        let mut compiler = Compiler {
            visit,
            in_term: visit.node().term,
            reads_variables: false,
        };
        let mut nodes = Vec::new();
        match compiler.pattern(visit.pattern(), &mut nodes) {
            Ok(()) => {
                self.slots.push(merge_text(nodes).into_boxed_slice());
                Compiled {
                    slot: Some(self.slots.len() - 1),
                    reads_variables: compiler.reads_variables,
                }
            }
            Err(Unsupported) => Compiled {
                slot: None,
                reads_variables: true,
            },
        }
    }

    /// The nodes of a slot.
    pub(crate) fn nodes(&self, slot: usize) -> &[Node] {
        self.slots.get(slot).map_or(&[], |nodes| &nodes[..])
    }
}

struct Compiler<'v, 'a, 'r, 's> {
    visit: &'v Visit<'a, 'r, 's, Compiled>,
    /// Compiling a term's pattern: variables are the term's own parameters.
    in_term: bool,
    reads_variables: bool,
}

impl Compiler<'_, '_, '_, '_> {
    fn pattern(
        &mut self,
        pattern: &ast::Pattern<&str>,
        out: &mut Vec<Node>,
    ) -> Result<(), Unsupported> {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => out.push(Node::Text {
                    text: (*value).into(),
                    placeables: 0,
                }),
                // Every placeable compiles to exactly one node.
                ast::PatternElement::Placeable { expression } => {
                    out.push(self.expression(expression)?);
                }
            }
        }
        Ok(())
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) -> Result<Node, Unsupported> {
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
                        default = i;
                    }
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => {
                            Key::Ident((*name).into(), plural_category(name))
                        }
                        ast::VariantKey::NumberLiteral { value } => match value.parse::<f64>() {
                            Ok(n) => Key::Number {
                                value: n,
                                fractional: value.contains('.'),
                            },
                            // Fluent treats an unparsable number key as text.
                            Err(_) => Key::Ident((*value).into(), None),
                        },
                    };
                    let mut nodes = Vec::new();
                    self.pattern(&variant.value, &mut nodes)?;
                    compiled.push(Variant {
                        key,
                        nodes: merge_text(nodes).into_boxed_slice(),
                    });
                }
                Ok(Node::Select {
                    selector: id.name.into(),
                    variants: compiled.into_boxed_slice(),
                    default,
                })
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) -> Result<Node, Unsupported> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => Ok(Node::Text {
                text: fluent_syntax::unicode::unescape_unicode_to_string(value).into(),
                placeables: 1,
            }),
            ast::InlineExpression::NumberLiteral { value } => {
                let number: FluentNumber = value.parse().map_err(|_| Unsupported)?;
                Ok(Node::Text {
                    text: number.as_string().into(),
                    placeables: 1,
                })
            }
            ast::InlineExpression::VariableReference { id } => {
                if self.in_term {
                    return Err(Unsupported);
                }
                self.reads_variables = true;
                Ok(Node::Var(id.name.into()))
            }
            ast::InlineExpression::MessageReference { .. }
            | ast::InlineExpression::TermReference {
                attribute: None,
                arguments: None,
                ..
            } => {
                let target = GraphNode::of_reference(inline).ok_or(Unsupported)?;
                // Missing, in the same cycle, or not compiled: Fluent's job.
                let compiled = self.visit.result(target).ok_or(Unsupported)?;
                let slot = compiled.slot.ok_or(Unsupported)?;
                if self.in_term && compiled.reads_variables {
                    return Err(Unsupported);
                }
                self.reads_variables |= compiled.reads_variables;
                Ok(Node::Ref(slot))
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

fn merge_text(nodes: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    for node in nodes {
        match (out.last_mut(), node) {
            (
                Some(Node::Text { text, placeables }),
                Node::Text {
                    text: next,
                    placeables: more,
                },
            ) => {
                let mut joined = String::with_capacity(text.len() + next.len());
                joined.push_str(text);
                joined.push_str(&next);
                *text = joined.into_boxed_str();
                *placeables += more;
            }
            (_, node) => out.push(node),
        }
    }
    out
}

/// What rendering a pattern ran into, for reporting.
#[derive(Debug, Default)]
pub(crate) struct Misses {
    pub(crate) variables: Vec<Box<str>>,
    /// The first plural select whose number fell in a category it has no
    /// variant for, and that category.
    pub(crate) plural: Option<(Box<str>, PluralCategory)>,
}

impl Misses {
    /// Whether rendering ran into anything.
    #[inline]
    pub(crate) fn any(&self) -> bool {
        !self.variables.is_empty() || self.plural.is_some()
    }
}

/// Rendering resolved more than [`MAX_PLACEABLES`] placeables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooManyPlaceables;

/// Renders the pattern in `slot`, borrowing the text of a pattern that is
/// only text.
pub(crate) fn render_cow<'p>(
    table: &'p Table,
    slot: usize,
    args: &Args<'_>,
    plurals: Option<&PluralRules>,
    misses: &mut Misses,
) -> Result<Cow<'p, str>, TooManyPlaceables> {
    let nodes = table.nodes(slot);
    match nodes {
        [] => Ok(Cow::Borrowed("")),
        [Node::Text { text, placeables }] if *placeables <= MAX_PLACEABLES => {
            Ok(Cow::Borrowed(text))
        }
        _ => {
            let estimate: usize = nodes
                .iter()
                .map(|n| match n {
                    Node::Text { text, .. } => text.len(),
                    _ => 16,
                })
                .sum();
            let mut renderer = Renderer {
                table,
                args,
                plurals,
                misses,
                spent: 0,
            };
            let mut out = String::with_capacity(estimate);
            renderer.render(nodes, &mut out)?;
            Ok(Cow::Owned(out))
        }
    }
}

struct Renderer<'t, 'a, 'p, 'm> {
    table: &'t Table,
    args: &'a Args<'a>,
    plurals: Option<&'p PluralRules>,
    misses: &'m mut Misses,
    /// Placeables resolved so far.
    spent: u32,
}

impl Renderer<'_, '_, '_, '_> {
    fn spend(&mut self, placeables: u32) -> Result<(), TooManyPlaceables> {
        self.spent = self.spent.saturating_add(placeables);
        if self.spent > MAX_PLACEABLES {
            Err(TooManyPlaceables)
        } else {
            Ok(())
        }
    }

    fn render(&mut self, nodes: &[Node], out: &mut String) -> Result<(), TooManyPlaceables> {
        for node in nodes {
            match node {
                Node::Text { text, placeables } => {
                    self.spend(*placeables)?;
                    out.push_str(text);
                }
                Node::Var(name) => {
                    self.spend(1)?;
                    if let Some(value) = self.args.get(name) {
                        push_text(out, value);
                    } else {
                        out.push_str(MISSING_VALUE);
                        self.misses.variables.push(name.clone());
                    }
                }
                Node::Select {
                    selector,
                    variants,
                    default,
                } => {
                    self.spend(1)?;
                    let value = self.args.get(selector);
                    if value.is_none() {
                        self.misses.variables.push(selector.clone());
                    }
                    let chosen = match value.map(|value| select(variants, value, self.plurals)) {
                        Some(Ok(index)) => index,
                        Some(Err(Some(category))) => {
                            // `other` is what the default variant covers,
                            // whatever its key.
                            if category != PluralCategory::OTHER && self.misses.plural.is_none() {
                                self.misses.plural = Some((selector.clone(), category));
                            }
                            *default
                        }
                        Some(Err(None)) | None => *default,
                    };
                    if let Some(variant) = variants.get(chosen) {
                        self.render(&variant.nodes, out)?;
                    }
                }
                Node::Ref(slot) => {
                    self.spend(1)?;
                    // Each reference spends a placeable, so the recursion is
                    // at most MAX_PLACEABLES deep.
                    let table = self.table;
                    self.render(table.nodes(*slot), out)?;
                }
            }
        }
        Ok(())
    }
}

/// How Fluent sees an argument: a number, or text.
///
/// Integers within ±2^53 and finite floats are numbers. Every other value
/// reaches Fluent as its text: an integer beyond 2^53 as its exact digits
/// (Fluent numbers are `f64`), a non-finite float as `NaN` or `inf`
/// (fluent-bundle panics on one in a plural selector), `null` as nothing.
/// Both renderers select variants on this view, so they agree: such a
/// value selects as text (only an identifier key spelled like it matches).
pub(crate) enum FluentView<'a> {
    /// A number.
    Number(f64),
    /// Text.
    Text(Cow<'a, str>),
}

/// The largest integer an `f64` holds exactly.
const EXACT: i128 = 1 << 53;

pub(crate) fn fluent_view<'a>(value: &'a ArgValue<'_>) -> FluentView<'a> {
    match value {
        #[allow(clippy::cast_precision_loss)] // Checked to be exact.
        ArgValue::Int(i) if (-EXACT..=EXACT).contains(i) => FluentView::Number(*i as f64),
        ArgValue::Float(f) if f.is_finite() => FluentView::Number(*f),
        ArgValue::Str(s) => FluentView::Text(Cow::Borrowed(s)),
        ArgValue::Null => FluentView::Text(Cow::Borrowed("")),
        other => FluentView::Text(other.to_text()),
    }
}

/// The first variant whose key matches, as fluent-bundle picks it. When
/// none does, the default variant is Fluent's choice, and the error says
/// which plural category a number fell in if the select has plural keys
/// (so that a missing `[few]` can be reported).
fn select(
    variants: &[Variant],
    value: &ArgValue<'_>,
    plurals: Option<&PluralRules>,
) -> Result<usize, Option<PluralCategory>> {
    let view = fluent_view(value);
    // Computed at most once, on the first plural key.
    let mut category: Option<Option<PluralCategory>> = None;
    for (index, variant) in variants.iter().enumerate() {
        let matched = match (&variant.key, &view) {
            (Key::Ident(name, _), FluentView::Text(text)) => **name == **text,
            (Key::Ident(_, Some(cat)), FluentView::Number(n)) => {
                category
                    .get_or_insert_with(|| plural_of(*n, plurals))
                    .as_ref()
                    == Some(cat)
            }
            #[allow(clippy::float_cmp)] // Fluent compares number keys exactly.
            (
                Key::Number {
                    value: key,
                    fractional: false,
                },
                FluentView::Number(n),
            ) => key == n,
            _ => false,
        };
        if matched {
            return Ok(index);
        }
    }
    let plural_keys = variants
        .iter()
        .any(|v| matches!(v.key, Key::Ident(_, Some(_))));
    match view {
        FluentView::Number(n) if plural_keys => {
            Err(category.unwrap_or_else(|| plural_of(n, plurals)))
        }
        _ => Err(None),
    }
}

/// The plural category of a number, as fluent-bundle computes it from the
/// `f64` it holds.
fn plural_of(n: f64, plurals: Option<&PluralRules>) -> Option<PluralCategory> {
    let operands = PluralOperands::try_from(n).ok()?;
    plurals?.select(operands).ok()
}
