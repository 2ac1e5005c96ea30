//! Plural selectors: the select expressions of a pattern that choose by a
//! number, on a variable, with plural categories or numbers as keys; and
//! the variables a pattern formats with `NUMBER()`, numbers too.

use fluent_syntax::ast;

/// The CLDR plural category names Fluent matches against numbers, in CLDR
/// order.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

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

/// Adds the plural selectors of `pattern`, from `resource`, to `out`, with
/// offset 0 for the caller to set: the pattern borrows from a source this
/// walk does not know.
pub(crate) fn collect_selects<'s>(
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
                        // Set by the caller, which knows the source.
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

/// Adds to `out` the variables `pattern` gives to `NUMBER()`, as its
/// first argument, anywhere in it (selectors, variants, other calls'
/// arguments).
pub(crate) fn collect_number_arguments<'s>(
    pattern: &ast::Pattern<&'s str>,
    out: &mut Vec<&'s str>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            number_arguments_in_expression(expression, out);
        }
    }
}

fn number_arguments_in_expression<'s>(
    expression: &ast::Expression<&'s str>,
    out: &mut Vec<&'s str>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            number_arguments_in_inline(selector, out);
            for variant in variants {
                collect_number_arguments(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => number_arguments_in_inline(inline, out),
    }
}

fn number_arguments_in_inline<'s>(inline: &ast::InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
    match inline {
        ast::InlineExpression::FunctionReference { id, arguments } => {
            if id.name == "NUMBER" {
                if let Some(ast::InlineExpression::VariableReference { id }) =
                    arguments.positional.first()
                {
                    out.push(id.name);
                }
            }
            for argument in &arguments.positional {
                number_arguments_in_inline(argument, out);
            }
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for argument in &arguments.positional {
                number_arguments_in_inline(argument, out);
            }
            for argument in &arguments.named {
                number_arguments_in_inline(&argument.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            number_arguments_in_expression(expression, out);
        }
        _ => {}
    }
}
