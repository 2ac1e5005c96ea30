//! Compiles Fluent patterns into node trees rendered straight from [`Args`].
//!
//! Most error messages are text, variables, references to other messages or
//! terms, and selectors on a variable (plurals). Those compile into [`Node`]s
//! that render without building `FluentArgs` or walking the AST, keep
//! integers exact at any width, and never print a `{$var}` placeholder. A
//! pattern that needs more of Fluent (function calls, parameterized terms,
//! variables inside terms) is marked to go through `FluentBundle` instead,
//! which remains the reference implementation: tests check that both agree.

use std::borrow::Cow;

use fluent_bundle::types::FluentNumber;
use fluent_syntax::ast;
use intl_pluralrules::operands::PluralOperands;
use intl_pluralrules::{PluralCategory, PluralRules};
use rustc_hash::FxHashMap;

use crate::args::{push_text, ArgValue, Args};

/// How deep message and term references may nest before the pattern is left
/// to Fluent (which reports cycles).
const MAX_DEPTH: usize = 8;

/// Shown in place of a variable that the error does not have.
pub(crate) const MISSING_VALUE: &str = "…";

/// A compiled pattern.
#[derive(Debug)]
pub(crate) enum Pattern {
    /// Rendered from nodes.
    Nodes(Box<[Node]>),
    /// Rendered through the locale's `FluentBundle`.
    Fluent,
}

#[derive(Debug)]
pub(crate) enum Node {
    Text(Box<str>),
    Var(Box<str>),
    Select {
        selector: Box<str>,
        variants: Box<[Variant]>,
        default: usize,
    },
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
    /// A number literal key: matches an equal number.
    Number(f64),
}

/// The entries of one locale that references resolve against.
pub(crate) struct Scope<'a> {
    pub(crate) messages: &'a FxHashMap<&'a str, &'a ast::Message<&'a str>>,
    pub(crate) terms: &'a FxHashMap<&'a str, &'a ast::Term<&'a str>>,
}

/// The pattern could not be expressed as nodes.
struct Unsupported;

impl Scope<'_> {
    /// Compiles a message value or attribute.
    pub(crate) fn compile(&self, pattern: &ast::Pattern<&str>) -> Pattern {
        let mut out = Vec::new();
        let mut stack = Vec::new();
        match self.pattern(pattern, &mut out, &mut stack, false) {
            Ok(()) => Pattern::Nodes(merge_text(out).into_boxed_slice()),
            Err(Unsupported) => Pattern::Fluent,
        }
    }

    fn pattern(
        &self,
        pattern: &ast::Pattern<&str>,
        out: &mut Vec<Node>,
        stack: &mut Vec<String>,
        in_term: bool,
    ) -> Result<(), Unsupported> {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => out.push(Node::Text((*value).into())),
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression, out, stack, in_term)?;
                }
            }
        }
        Ok(())
    }

    fn expression(
        &self,
        expression: &ast::Expression<&str>,
        out: &mut Vec<Node>,
        stack: &mut Vec<String>,
        in_term: bool,
    ) -> Result<(), Unsupported> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, out, stack, in_term),
            ast::Expression::Select { selector, variants } => {
                // Terms do not see the message's variables.
                let ast::InlineExpression::VariableReference { id } = selector else {
                    return Err(Unsupported);
                };
                if in_term {
                    return Err(Unsupported);
                }
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
                            Ok(n) => Key::Number(n),
                            // Fluent treats an unparsable number key as text.
                            Err(_) => Key::Ident((*value).into(), None),
                        },
                    };
                    let mut nodes = Vec::new();
                    self.pattern(&variant.value, &mut nodes, stack, in_term)?;
                    compiled.push(Variant {
                        key,
                        nodes: merge_text(nodes).into_boxed_slice(),
                    });
                }
                out.push(Node::Select {
                    selector: id.name.into(),
                    variants: compiled.into_boxed_slice(),
                    default,
                });
                Ok(())
            }
        }
    }

    fn inline(
        &self,
        inline: &ast::InlineExpression<&str>,
        out: &mut Vec<Node>,
        stack: &mut Vec<String>,
        in_term: bool,
    ) -> Result<(), Unsupported> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                out.push(Node::Text(
                    fluent_syntax::unicode::unescape_unicode_to_string(value).into(),
                ));
                Ok(())
            }
            ast::InlineExpression::NumberLiteral { value } => {
                let number: FluentNumber = value.parse().map_err(|_| Unsupported)?;
                out.push(Node::Text(number.as_string().into()));
                Ok(())
            }
            ast::InlineExpression::VariableReference { id } => {
                if in_term {
                    return Err(Unsupported);
                }
                out.push(Node::Var(id.name.into()));
                Ok(())
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let message = self.messages.get(id.name).ok_or(Unsupported)?;
                let pattern =
                    terror_ftl::message_pattern(message, attribute.as_ref().map(|a| a.name));
                let key = reference_key("", id.name, attribute.as_ref());
                self.nested(pattern.ok_or(Unsupported)?, key, out, stack, in_term)
            }
            ast::InlineExpression::TermReference {
                id,
                attribute: None,
                arguments: None,
            } => {
                let term = self.terms.get(id.name).ok_or(Unsupported)?;
                self.nested(
                    &term.value,
                    reference_key("-", id.name, None),
                    out,
                    stack,
                    true,
                )
            }
            ast::InlineExpression::Placeable { expression } => {
                self.expression(expression, out, stack, in_term)
            }
            ast::InlineExpression::TermReference { .. }
            | ast::InlineExpression::FunctionReference { .. } => Err(Unsupported),
        }
    }

    fn nested(
        &self,
        pattern: &ast::Pattern<&str>,
        key: String,
        out: &mut Vec<Node>,
        stack: &mut Vec<String>,
        in_term: bool,
    ) -> Result<(), Unsupported> {
        if stack.len() >= MAX_DEPTH || stack.contains(&key) {
            return Err(Unsupported);
        }
        stack.push(key);
        let result = self.pattern(pattern, out, stack, in_term);
        stack.pop();
        result
    }
}

fn reference_key(prefix: &str, id: &str, attribute: Option<&ast::Identifier<&str>>) -> String {
    match attribute {
        Some(attr) => format!("{prefix}{id}.{}", attr.name),
        None => format!("{prefix}{id}"),
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
            (Some(Node::Text(prev)), Node::Text(next)) => {
                let mut joined = String::with_capacity(prev.len() + next.len());
                joined.push_str(prev);
                joined.push_str(&next);
                *prev = joined.into_boxed_str();
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
}

/// Renders compiled nodes, borrowing the text of a pattern that is only text.
pub(crate) fn render_cow<'p>(
    nodes: &'p [Node],
    args: &Args<'_>,
    plurals: Option<&PluralRules>,
    misses: &mut Misses,
) -> Cow<'p, str> {
    match nodes {
        [] => Cow::Borrowed(""),
        [Node::Text(text)] => Cow::Borrowed(text),
        _ => {
            let estimate: usize = nodes
                .iter()
                .map(|n| match n {
                    Node::Text(t) => t.len(),
                    _ => 16,
                })
                .sum();
            let mut out = String::with_capacity(estimate);
            render(nodes, args, plurals, &mut out, misses);
            Cow::Owned(out)
        }
    }
}

/// Renders compiled nodes into `out`.
pub(crate) fn render(
    nodes: &[Node],
    args: &Args<'_>,
    plurals: Option<&PluralRules>,
    out: &mut String,
    misses: &mut Misses,
) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Var(name) => {
                if let Some(value) = args.get(name) {
                    push_text(out, value);
                } else {
                    out.push_str(MISSING_VALUE);
                    misses.variables.push(name.clone());
                }
            }
            Node::Select {
                selector,
                variants,
                default,
            } => {
                let value = args.get(selector);
                if value.is_none() {
                    misses.variables.push(selector.clone());
                }
                let chosen = value
                    .and_then(|value| select(variants, value, plurals))
                    .unwrap_or(*default);
                if let Some(variant) = variants.get(chosen) {
                    render(&variant.nodes, args, plurals, out, misses);
                }
            }
        }
    }
}

/// The first variant whose key matches, as Fluent picks it.
fn select(
    variants: &[Variant],
    value: &ArgValue<'_>,
    plurals: Option<&PluralRules>,
) -> Option<usize> {
    // Computed at most once, on the first plural key.
    let mut category: Option<Option<PluralCategory>> = None;
    for (index, variant) in variants.iter().enumerate() {
        let matched = match (&variant.key, value) {
            (Key::Ident(name, _), ArgValue::Str(s)) => **name == **s,
            (Key::Ident(name, _), ArgValue::Bool(b)) => {
                **name == *if *b { "true" } else { "false" }
            }
            (Key::Ident(_, Some(cat)), ArgValue::Int(_) | ArgValue::Float(_)) => {
                category
                    .get_or_insert_with(|| plural_of(value, plurals))
                    .as_ref()
                    == Some(cat)
            }
            (Key::Number(key), ArgValue::Int(i)) => number_key_matches_int(*key, *i),
            #[allow(clippy::float_cmp)] // Fluent compares number keys exactly.
            (Key::Number(key), ArgValue::Float(f)) => key == f,
            _ => false,
        };
        if matched {
            return Some(index);
        }
    }
    None
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::float_cmp,
    clippy::cast_precision_loss
)]
fn number_key_matches_int(key: f64, value: i128) -> bool {
    // Keys are small literals; compare exactly where the key is a whole number
    // that an i128 holds.
    key.fract() == 0.0 && key.abs() < 1e38 && key as i128 == value
}

fn plural_of(value: &ArgValue<'_>, plurals: Option<&PluralRules>) -> Option<PluralCategory> {
    let plurals = plurals?;
    let operands = match value {
        ArgValue::Int(i) => match (u64::try_from(*i), i64::try_from(*i)) {
            (Ok(u), _) => PluralOperands::from(u),
            (_, Ok(i)) => PluralOperands::try_from(i).ok()?,
            // Beyond 64 bits the digits are exact as text; plural rules only
            // read the integer and fraction parts.
            _ => PluralOperands::try_from(i.unsigned_abs().to_string().as_str()).ok()?,
        },
        ArgValue::Float(f) if f.is_finite() => PluralOperands::try_from(*f).ok()?,
        _ => return None,
    };
    plurals.select(operands).ok()
}
