//! The messages of one locale and what they use: the variables each can
//! show (through references too), its plural selectors and the variables
//! it takes for numbers.

use std::cell::OnceCell;

use fluent_syntax::ast;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::attributes::UnknownAttribute;
use crate::graph::{Folded, Graph, Node};
use crate::lines::{offset_in, LineIndex};
use crate::plural_selects::{collect_number_arguments, collect_selects, PluralSelect};

/// The most variables [`Messages::variables`] lists for one message (and
/// keeps for one pattern): the first ones, in order of first use. Fluent
/// renders at most 100 placeables per message, so a message cannot show
/// more; without a limit, a chain of messages that each refer to the next
/// would have lists that grow with the chain, and the work with its
/// square.
pub const MAX_VARIABLES: usize = 100;

/// One variable a message uses, at its first use.
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

/// A variable use found in a pattern, with the pattern it is in.
#[derive(Debug, Clone, Copy)]
struct Found<'s> {
    name: &'s str,
    offset: usize,
    resource: usize,
    /// The graph node whose pattern holds the use.
    at: usize,
}

/// The messages of one locale, from several resources (files).
pub struct Messages<'r, 's> {
    sources: Vec<&'s str>,
    /// Each source's line index, made on the first position asked of it:
    /// most analyses report nothing, and need none.
    lines: Vec<OnceCell<LineIndex<'s>>>,
    by_id: FxHashMap<&'s str, (usize, &'r ast::Message<&'s str>)>,
    graph: Graph<'r, 's>,
    /// Each pattern's variables, computed on the first question.
    variables: OnceCell<Folded<Vec<Found<'s>>>>,
}

impl<'r, 's> Messages<'r, 's> {
    /// Indexes the messages and terms of `files`: each file's source text
    /// and its entries (a parsed resource's `body`, or a
    /// `FluentResource`'s `entries()`, so that a file parsed once serves
    /// every analysis). A later definition of an id replaces an earlier
    /// one.
    pub fn new<F, E>(files: F) -> Self
    where
        F: IntoIterator<Item = (&'s str, E)>,
        E: IntoIterator<Item = &'r ast::Entry<&'s str>>,
    {
        let (sources, resources): (Vec<_>, Vec<Vec<_>>) = files
            .into_iter()
            .map(|(source, entries)| (source, entries.into_iter().collect()))
            .unzip();
        Self::of_files(sources, &resources)
    }

    // Apart from `new`, so that a crate calling `new` compiles the
    // collecting of its iterators, not a copy of the whole indexing.
    fn of_files(sources: Vec<&'s str>, resources: &[Vec<&'r ast::Entry<&'s str>>]) -> Self {
        let mut messages = FxHashMap::default();
        for (index, entries) in resources.iter().enumerate() {
            for &entry in entries {
                if let ast::Entry::Message(m) = entry {
                    messages.insert(m.id.name, (index, m));
                }
            }
        }
        Messages {
            lines: sources.iter().map(|_| OnceCell::new()).collect(),
            sources,
            by_id: messages,
            graph: Graph::of_resources(resources),
            variables: OnceCell::new(),
        }
    }

    /// The message ids, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.by_id.keys().copied()
    }

    /// The message, and which resource defines it.
    pub fn get(&self, id: &str) -> Option<(usize, &'r ast::Message<&'s str>)> {
        self.by_id.get(id).copied()
    }

    /// The reference graph of these messages and terms.
    pub fn graph(&self) -> &Graph<'r, 's> {
        &self.graph
    }

    /// Every variable the message can read with the error's arguments, once
    /// each, at its first use: in its value and every attribute, in
    /// selectors and variants, in referenced messages (through any number of
    /// references) and in arguments passed to terms and functions.
    /// Variables inside terms are the term's own parameters and are not
    /// listed. `None` when there is no such message.
    ///
    /// The first question computes the variables of every pattern, in one
    /// pass over the reference graph; later questions look them up. At
    /// most [`MAX_VARIABLES`] are listed.
    pub fn variables(&self, id: &str) -> Option<Vec<VariableUse<'s>>> {
        let (_, message) = self.get(id)?;
        let folded = self.variables.get_or_init(|| self.fold_variables());
        let own = message
            .value
            .iter()
            .map(|_| Node::message(message.id.name, None))
            .chain(
                message
                    .attributes
                    .iter()
                    .map(|a| Node::message(message.id.name, Some(a.id.name))),
            );
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for index in own.filter_map(|node| self.graph.index_of(node)) {
            for found in folded.get(index).into_iter().flatten() {
                if out.len() < MAX_VARIABLES && seen.insert(found.name) {
                    out.push(VariableUse {
                        name: found.name,
                        offset: found.offset,
                        resource: found.resource,
                        via: self.via(message.id.name, found.at),
                    });
                }
            }
        }
        Some(out)
    }

    /// How a use in the pattern of node `at` is reached from message `id`.
    fn via(&self, id: &str, at: usize) -> Option<String> {
        let node = self.graph.node(at);
        match node.attribute {
            None if node.id == id => None,
            Some(attribute) if node.id == id => Some(format!(".{attribute}")),
            _ => Some(node.to_string()),
        }
    }

    /// The variables of every message pattern, distinct, in order of first
    /// use, each pattern's after those of the patterns it refers to. The
    /// patterns of a reference cycle reach each other's variables: each gets
    /// the variables of the whole cycle.
    fn fold_variables(&self) -> Folded<Vec<Found<'s>>> {
        let mut cycles: FxHashMap<usize, Vec<Found<'s>>> = FxHashMap::default();
        self.graph.fold(|visit| {
            let index = visit.index();
            let members = if visit.is_cyclic() {
                let component = self.graph.component(visit.index());
                if let Some(done) = cycles.get(&component[0]) {
                    return done.clone();
                }
                component
            } else {
                std::slice::from_ref(&index)
            };
            let mut out = Uses {
                list: Vec::new(),
                seen: FxHashSet::default(),
            };
            for &member in members {
                // Variables inside terms are the term's own parameters.
                if self.graph.node(member).term {
                    continue;
                }
                let resource = self.graph.resource(member);
                let here = |name: &'s str| Found {
                    name,
                    offset: self.dollar_offset(resource, name),
                    resource,
                    at: member,
                };
                let mut walk = PatternWalk {
                    here: &here,
                    referenced: &|node| visit.result(node).map(Vec::as_slice),
                    out: &mut out,
                };
                walk.pattern(self.graph.pattern(member));
            }
            if visit.is_cyclic() {
                cycles.insert(members[0], out.list.clone());
            }
            out.list
        })
    }

    /// The offset of the `$` before a variable name borrowed from a source.
    fn dollar_offset(&self, resource: usize, name: &str) -> usize {
        self.sources
            .get(resource)
            .map_or(0, |source| offset_in(source, name).saturating_sub(1))
    }

    /// The position (line, column) of an offset in a resource, such as a
    /// use's or a selector's; constant time.
    pub fn position_of(&self, resource: usize, offset: usize) -> (usize, usize) {
        match (self.lines.get(resource), self.sources.get(resource)) {
            (Some(lines), Some(source)) => lines
                .get_or_init(|| LineIndex::new(source))
                .position(offset),
            _ => (1, 1),
        }
    }

    /// Where the message `id` is defined: its resource and the position of
    /// its name.
    pub fn defined_at(&self, id: &str) -> Option<(usize, (usize, usize))> {
        let (resource, offset) = self.defined_offset(id)?;
        Some((resource, self.position_of(resource, offset)))
    }

    /// Where the message `id` is defined: its resource and the byte offset
    /// of its name, for [`position_of`](Self::position_of) when it is shown.
    pub fn defined_offset(&self, id: &str) -> Option<(usize, usize)> {
        let (resource, message) = self.get(id)?;
        let source = self.sources.get(resource)?;
        Some((resource, offset_in(source, message.id.name)))
    }

    /// The attributes of message `id` that terror does not read (not in
    /// [`attributes::READ`](crate::attributes::READ)), in the order
    /// written. `None` when there is no such message.
    pub fn unknown_attributes(&self, id: &str) -> Option<Vec<UnknownAttribute<'s>>> {
        let (resource, message) = self.get(id)?;
        let source = self.sources.get(resource).copied().unwrap_or_default();
        Some(
            message
                .attributes
                .iter()
                .filter(|a| !crate::attributes::READ.contains(&a.id.name))
                .map(|a| UnknownAttribute {
                    name: a.id.name,
                    resource,
                    // The name is borrowed from the source, after its `.`.
                    offset: offset_in(source, a.id.name).saturating_sub(1),
                })
                .collect(),
        )
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

    /// The variables the message (value and attributes, not through
    /// references) takes for numbers: those it selects on by plural
    /// category or number ([`plural_selects`](Self::plural_selects)), and
    /// those it gives to `NUMBER()`. Each once, selectors first. `None`
    /// when there is no such message.
    pub fn number_variables(&self, id: &str) -> Option<Vec<&'s str>> {
        let (_, message) = self.get(id)?;
        let mut found: Vec<&'s str> = self
            .plural_selects(id)?
            .into_iter()
            .map(|s| s.variable)
            .collect();
        for pattern in message
            .value
            .iter()
            .chain(message.attributes.iter().map(|a| &a.value))
        {
            collect_number_arguments(pattern, &mut found);
        }
        let mut seen = FxHashSet::default();
        found.retain(|name| seen.insert(*name));
        Some(found)
    }
}

/// Distinct variable uses, in order.
struct Uses<'s> {
    list: Vec<Found<'s>>,
    seen: FxHashSet<&'s str>,
}

impl<'s> Uses<'s> {
    fn add(&mut self, found: Found<'s>) {
        if self.list.len() < MAX_VARIABLES && self.seen.insert(found.name) {
            self.list.push(found);
        }
    }
}

/// Collects the variables of one pattern, taking those of referenced
/// messages from their results.
struct PatternWalk<'w, 's> {
    here: &'w dyn Fn(&'s str) -> Found<'s>,
    referenced: &'w dyn Fn(Node<'_>) -> Option<&'w [Found<'s>]>,
    out: &'w mut Uses<'s>,
}

impl<'s> PatternWalk<'_, 's> {
    fn pattern(&mut self, pattern: &ast::Pattern<&'s str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&'s str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&'s str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => self.out.add((self.here)(id.name)),
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for arg in &arguments.positional {
                    self.inline(arg);
                }
                for arg in &arguments.named {
                    self.inline(&arg.value);
                }
            }
            ast::InlineExpression::MessageReference { .. } => {
                let node = Node::of_reference(inline);
                for found in node.and_then(|n| (self.referenced)(n)).unwrap_or_default() {
                    self.out.add(*found);
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::parse::parse;

    use crate::test_fixture::SOURCE;

    fn names<'s>(uses: &[VariableUse<'s>]) -> Vec<&'s str> {
        uses.iter().map(|u| u.name).collect()
    }

    #[test]
    fn variables_through_references_terms_and_functions() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let uses = messages.variables("volume-in-use").unwrap();
        // Each variable once, at its first use; volume-in-use.hint reaches
        // volume-help, which refers back to volume-in-use's value.
        assert_eq!(names(&uses), ["name", "hosts", "case", "admin"]);
        let admin = uses.iter().find(|u| u.name == "admin").unwrap();
        assert_eq!(admin.via.as_deref(), Some("volume-help"));
        assert_eq!(messages.position_of(admin.resource, admin.offset), (9, 21));
        assert!(messages.variables("nope").is_none());
    }

    /// A chain of messages, each showing a variable and referring to the
    /// next: each message lists at most `MAX_VARIABLES`, so the work is
    /// linear in the chain.
    #[test]
    fn a_chain_of_references_lists_a_bounded_number_of_variables() {
        let mut source = String::new();
        for i in 0..1_000 {
            writeln!(source, "m{i} = {{ $v{i} }} {{ m{} }}", i + 1).unwrap();
        }
        source.push_str("m1000 = end\n");
        let resource = parse(&source).unwrap();
        let messages = Messages::new([(source.as_str(), &resource.body)]);
        let uses = messages.variables("m0").unwrap();
        assert_eq!(uses.len(), MAX_VARIABLES);
        assert_eq!((uses[0].name, uses[99].name), ("v0", "v99"));
        assert_eq!(messages.variables("m999").unwrap().len(), 1);
    }

    #[test]
    fn unknown_attributes_are_found_at_their_dot() {
        let source = "a = A\n    .title = T\n    .tilte = T\n    .footer = F\nb = B\n";
        let resource = parse(source).unwrap();
        let messages = Messages::new([(source, &resource.body)]);
        let unknown = messages.unknown_attributes("a").unwrap();
        let found: Vec<_> = unknown
            .iter()
            .map(|u| (u.name, messages.position_of(u.resource, u.offset)))
            .collect();
        assert_eq!(found, [("tilte", (3, 5)), ("footer", (4, 5))]);
        assert_eq!(messages.unknown_attributes("b").unwrap(), []);
        assert!(messages.unknown_attributes("c").is_none());
    }

    #[test]
    fn plural_selects_need_a_category_or_number_key() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let selects = messages.plural_selects("volume-in-use").unwrap();
        assert_eq!(selects.len(), 1);
        assert_eq!(selects[0].keys, ["one", "few", "other"]);
        assert_eq!(selects[0].default_key, "other");
        assert_eq!(messages.position_of(0, selects[0].offset), (2, 40));
        assert!(messages.plural_selects("plain").unwrap().is_empty());
    }

    #[test]
    fn number_variables_are_selectors_and_number_arguments() {
        let source = "\
m = { $n ->
        [one] { NUMBER($size, minimumFractionDigits: 2) }
       *[other] { -t(x: NUMBER($deep)) } { $name } { NUMBER(\"1\") }
    }
    .hint = { NUMBER($n) } { NUMBER($hint) } { $word ->
        [a] A
       *[b] B
    }
";
        let resource = parse(source).unwrap();
        let messages = Messages::new([(source, &resource.body)]);
        assert_eq!(
            messages.number_variables("m").unwrap(),
            ["n", "size", "deep", "hint"]
        );
        assert!(messages.number_variables("nope").is_none());
    }

    #[test]
    fn variables_in_reference_cycles_are_shared() {
        let source = "a = { $x } { b }\nb = { $y } { a }\nc = { b } { $z }\n";
        let resource = parse(source).unwrap();
        let messages = Messages::new([(source, &resource.body)]);
        assert_eq!(names(&messages.variables("a").unwrap()), ["x", "y"]);
        assert_eq!(names(&messages.variables("b").unwrap()), ["x", "y"]);
        assert_eq!(names(&messages.variables("c").unwrap()), ["x", "y", "z"]);
        let b = messages.variables("a").unwrap().remove(1);
        assert_eq!(
            (b.via.as_deref(), messages.position_of(0, b.offset)),
            (Some("b"), (2, 7))
        );
    }

    /// Four references per message, 40 levels deep: 4^40 paths, so a walk
    /// that follows every path never ends, and one that stops at a depth
    /// misses the variable at the bottom.
    #[test]
    fn references_are_walked_once_however_they_branch() {
        let mut source = String::from("level0 = { $bottom }\n");
        for level in 1..=40 {
            let below = format!("{{ level{} }}", level - 1);
            writeln!(source, "level{level} = {below}{below}{below}{below}").unwrap();
        }
        let resource = parse(&source).unwrap();
        let messages = Messages::new([(source.as_str(), &resource.body)]);
        let uses = messages.variables("level40").unwrap();
        assert_eq!(names(&uses), ["bottom"]);
        assert_eq!(uses[0].via.as_deref(), Some("level0"));
        assert_eq!(messages.position_of(0, uses[0].offset), (1, 12));
    }
}
