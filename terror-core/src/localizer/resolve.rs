//! Renders compiled patterns straight from [`Args`].
//!
//! Rendering spends one unit of a budget per placeable, as fluent-bundle
//! does, and gives up past [`MAX_PLACEABLES`]: no message renders
//! unbounded text. Selectors pick their variant exactly as fluent-bundle
//! does (tests and a fuzz target check that both agree).

use std::borrow::Cow;

use intl_pluralrules::operands::PluralOperands;
use intl_pluralrules::{PluralCategory, PluralRules};

use super::table::{Key, Node, Table, Variant};
use crate::args::{push_text, ArgValue, Args};

/// The most placeables one rendering resolves, references included: the
/// limit of fluent-bundle, so both renderers fail on the same messages.
pub(crate) const MAX_PLACEABLES: u32 = 100;

/// Shown in place of a variable that the error does not have.
pub(crate) const MISSING_VALUE: &str = "…";

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

/// Renders pattern `pattern` of `table`, borrowing the text of a pattern
/// that is only text.
pub(crate) fn render_cow<'p>(
    table: &'p Table,
    pattern: u32,
    args: &Args<'_>,
    plurals: Option<&PluralRules>,
    misses: &mut Misses,
) -> Result<Cow<'p, str>, TooManyPlaceables> {
    let (nodes, file) = table.pattern(pattern);
    match nodes {
        [] => Ok(Cow::Borrowed("")),
        [Node::Text { span, placeables }] if u32::from(*placeables) <= MAX_PLACEABLES => {
            Ok(Cow::Borrowed(span.of(file)))
        }
        [Node::Own { span, placeables }] if u32::from(*placeables) <= MAX_PLACEABLES => {
            Ok(Cow::Borrowed(span.of(&table.own)))
        }
        _ => {
            let estimate: usize = nodes
                .iter()
                .map(|n| match n {
                    Node::Text { span, .. } | Node::Own { span, .. } => span.len as usize,
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
            renderer.render(nodes, file, &mut out)?;
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

impl<'t> Renderer<'t, '_, '_, '_> {
    fn spend(&mut self, placeables: u32) -> Result<(), TooManyPlaceables> {
        self.spent = self.spent.saturating_add(placeables);
        if self.spent > MAX_PLACEABLES {
            Err(TooManyPlaceables)
        } else {
            Ok(())
        }
    }

    /// Renders `nodes`, whose file text is `file`.
    fn render(
        &mut self,
        nodes: &'t [Node],
        file: &'t str,
        out: &mut String,
    ) -> Result<(), TooManyPlaceables> {
        for node in nodes {
            match *node {
                Node::Text { span, placeables } => {
                    self.spend(u32::from(placeables))?;
                    out.push_str(span.of(file));
                }
                Node::Own { span, placeables } => {
                    self.spend(u32::from(placeables))?;
                    out.push_str(span.of(&self.table.own));
                }
                Node::Var(name) => {
                    self.spend(1)?;
                    let name = name.of(file);
                    if let Some(value) = self.args.get(name) {
                        push_text(out, value);
                    } else {
                        out.push_str(MISSING_VALUE);
                        self.misses.variables.push(name.into());
                    }
                }
                Node::Select(select) => {
                    self.spend(1)?;
                    let table = self.table;
                    let Some(select) = table.selects.get(select as usize) else {
                        continue;
                    };
                    let selector = select.selector.of(file);
                    let (start, end) = select.variants;
                    let variants = table
                        .variants
                        .get(start as usize..end as usize)
                        .unwrap_or(&[]);
                    let value = self.args.get(selector);
                    if value.is_none() {
                        self.misses.variables.push(selector.into());
                    }
                    let default = select.default as usize;
                    let chosen = match value
                        .map(|value| choose(variants, file, value, self.plurals))
                    {
                        Some(Ok(index)) => index,
                        Some(Err(Some(category))) => {
                            // `other` is what the default variant
                            // covers, whatever its key.
                            if category != PluralCategory::OTHER && self.misses.plural.is_none() {
                                self.misses.plural = Some((selector.into(), category));
                            }
                            default
                        }
                        Some(Err(None)) | None => default,
                    };
                    if let Some(variant) = variants.get(chosen) {
                        self.render(table.nodes_in(variant.nodes), file, out)?;
                    }
                }
                Node::Ref(pattern) => {
                    self.spend(1)?;
                    // Each reference spends a placeable, so the recursion is
                    // at most MAX_PLACEABLES deep.
                    let (nodes, file) = self.table.pattern(pattern);
                    self.render(nodes, file, out)?;
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

/// The first variant whose key matches, as fluent-bundle picks it (`file`
/// holds the keys' names). When none does, the default variant is
/// Fluent's choice, and the error says which plural category a number
/// fell in if the select has plural keys (so that a missing `[few]` can be
/// reported).
fn choose(
    variants: &[Variant],
    file: &str,
    value: &ArgValue<'_>,
    plurals: Option<&PluralRules>,
) -> Result<usize, Option<PluralCategory>> {
    let view = fluent_view(value);
    // Computed at most once, on the first plural key.
    let mut category: Option<Option<PluralCategory>> = None;
    for (index, variant) in variants.iter().enumerate() {
        let matched = match (&variant.key, &view) {
            (Key::Ident(name, _), FluentView::Text(text)) => name.of(file) == &**text,
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
