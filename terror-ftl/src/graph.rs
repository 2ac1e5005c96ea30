//! The reference graph of one locale: which message and term patterns refer
//! to which, walked once, in dependency order, with one result per pattern.
//!
//! Every question about a message that looks through references (which
//! variables it can show, whether it compiles to simple nodes) is a fold
//! over this graph: [`Graph::fold`] visits each pattern once, after every
//! pattern it refers to, and hands it the results already computed for its
//! references. The work is linear in the size of the files, however the
//! messages refer to each other (a message that names another four times,
//! sixteen levels deep, is 64 visits, not 4^16), and no step recurses
//! along references, so no chain of references can exhaust the stack.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use fluent_syntax::ast;

/// A pattern of a locale: a message's or term's value, or one of its
/// attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Node<'s> {
    /// Whether the entry is a term (`-brand`) rather than a message.
    pub term: bool,
    /// The entry's id, without the `-` of a term.
    pub id: &'s str,
    /// The attribute, or `None` for the value.
    pub attribute: Option<&'s str>,
}

impl<'s> Node<'s> {
    /// A message's value (`attribute` None) or attribute.
    pub fn message(id: &'s str, attribute: Option<&'s str>) -> Self {
        Node {
            term: false,
            id,
            attribute,
        }
    }

    /// A term's value (`attribute` None) or attribute.
    pub fn term(id: &'s str, attribute: Option<&'s str>) -> Self {
        Node {
            term: true,
            id,
            attribute,
        }
    }

    /// The node a reference expression points at, if it is a reference.
    pub fn of_reference(expression: &ast::InlineExpression<&'s str>) -> Option<Self> {
        match expression {
            ast::InlineExpression::MessageReference { id, attribute } => {
                Some(Node::message(id.name, attribute.as_ref().map(|a| a.name)))
            }
            ast::InlineExpression::TermReference { id, attribute, .. } => {
                Some(Node::term(id.name, attribute.as_ref().map(|a| a.name)))
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Node<'_> {
    /// `id`, `id.attribute`, `-term` or `-term.attribute`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.term {
            f.write_str("-")?;
        }
        f.write_str(self.id)?;
        if let Some(attribute) = self.attribute {
            write!(f, ".{attribute}")?;
        }
        Ok(())
    }
}

struct NodeData<'r, 's> {
    node: Node<'s>,
    pattern: &'r ast::Pattern<&'s str>,
    resource: usize,
    /// The nodes this pattern refers to (existing ones only), each once.
    edges: Vec<usize>,
}

/// The patterns of one locale and the references between them.
pub struct Graph<'r, 's> {
    nodes: Vec<NodeData<'r, 's>>,
    /// Each node's index by its name, made when first asked for: a locale
    /// whose patterns refer to none of each other never needs it.
    index: OnceLock<FxHashMap<Node<'s>, usize>>,
    /// Node indices grouped into strongly connected components, each
    /// component after every component it refers to.
    order: Vec<usize>,
    /// Where each component starts in `order`, and its end.
    components: Vec<(usize, usize)>,
    /// The component of each node.
    component_of: Vec<usize>,
    /// Whether each component is a reference cycle (a self-reference
    /// included).
    cyclic: Vec<bool>,
}

impl<'r, 's> Graph<'r, 's> {
    /// Indexes the messages and terms of `resources` (each a file's
    /// entries; a later definition of an id replaces an earlier one) and
    /// orders their patterns by reference.
    pub fn new<R, E>(resources: R) -> Self
    where
        R: IntoIterator<Item = E>,
        E: IntoIterator<Item = &'r ast::Entry<&'s str>>,
    {
        let resources: Vec<Vec<_>> = resources
            .into_iter()
            .map(|entries| entries.into_iter().collect())
            .collect();
        Self::of_resources(&resources)
    }

    // Apart from `new`, so that a crate calling `new` compiles the
    // collecting of its iterators, not a copy of the whole indexing.
    pub(crate) fn of_resources(resources: &[Vec<&'r ast::Entry<&'s str>>]) -> Self {
        let mut nodes: Vec<NodeData<'r, 's>> = Vec::new();
        // A later definition of an entry replaces the earlier one whole,
        // attributes included, as `add_resource_overriding` does.
        let entries: usize = resources.iter().map(Vec::len).sum();
        // Ids come from the service's own files: no request chooses them.
        let mut last: FxHashMap<(bool, &'s str), (usize, usize)> = FxHashMap::default();
        last.reserve(entries);
        // At most one node per value and attribute: the list is sized
        // once, never grown (a grown list copies every node).
        let mut patterns = 0;
        for (resource, entries) in resources.iter().enumerate() {
            for (position, entry) in entries.iter().enumerate() {
                match entry {
                    ast::Entry::Message(m) => {
                        last.insert((false, m.id.name), (resource, position));
                        patterns += usize::from(m.value.is_some()) + m.attributes.len();
                    }
                    ast::Entry::Term(t) => {
                        last.insert((true, t.id.name), (resource, position));
                        patterns += 1 + t.attributes.len();
                    }
                    _ => {}
                }
            }
        }
        nodes.reserve_exact(patterns);
        let mut add = |node: Node<'s>, pattern: &'r ast::Pattern<&'s str>, resource: usize| {
            nodes.push(NodeData {
                node,
                pattern,
                resource,
                edges: Vec::new(),
            });
        };
        for (resource, entries) in resources.iter().enumerate() {
            for (position, entry) in entries.iter().enumerate() {
                let (term, id, value, attributes) = match entry {
                    ast::Entry::Message(m) => (false, m.id.name, m.value.as_ref(), &m.attributes),
                    ast::Entry::Term(t) => (true, t.id.name, Some(&t.value), &t.attributes),
                    _ => continue,
                };
                if last.get(&(term, id)) != Some(&(resource, position)) {
                    continue;
                }
                let node = |attribute| Node {
                    term,
                    id,
                    attribute,
                };
                if let Some(value) = value {
                    add(node(None), value, resource);
                }
                // Of two attributes with one name, Fluent reads the first. A
                // message has a few: comparing with those before is cheaper
                // than hashing, up to a count where it no longer is.
                let mut seen = FxHashSet::default();
                for (i, a) in attributes.iter().enumerate() {
                    let first = if attributes.len() <= 8 {
                        attributes[..i].iter().all(|b| b.id.name != a.id.name)
                    } else {
                        seen.insert(a.id.name)
                    };
                    if first {
                        add(node(Some(a.id.name)), &a.value, resource);
                    }
                }
            }
        }
        let mut targets = Vec::new();
        let mut index = None;
        for node in 0..nodes.len() {
            targets.clear();
            references(nodes[node].pattern, &mut targets);
            if targets.is_empty() {
                continue;
            }
            let index = index.get_or_insert_with(|| index_nodes(&nodes));
            let mut edges: Vec<usize> = targets
                .iter()
                .filter_map(|n| index.get(n).copied())
                .collect();
            edges.sort_unstable();
            edges.dedup();
            nodes[node].edges = edges;
        }
        let mut graph = Graph {
            nodes,
            index: index.map_or_else(OnceLock::new, OnceLock::from),
            order: Vec::new(),
            components: Vec::new(),
            component_of: Vec::new(),
            cyclic: Vec::new(),
        };
        graph.order_components();
        graph
    }

    /// How many patterns there are.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The index of a node, if the locale has that pattern.
    pub fn index_of(&self, node: Node<'_>) -> Option<usize> {
        self.index
            .get_or_init(|| index_nodes(&self.nodes))
            .get(&node)
            .copied()
    }

    /// The node at an index. Nodes are numbered in the order their
    /// entries are defined (an entry a later one replaces has none), each
    /// entry's value before its attributes: the nodes of one entry are
    /// consecutive.
    pub fn node(&self, index: usize) -> Node<'s> {
        self.nodes[index].node
    }

    /// A node's pattern.
    pub fn pattern(&self, index: usize) -> &'r ast::Pattern<&'s str> {
        self.nodes[index].pattern
    }

    /// Which resource (position in the list given to [`Graph::new`]) holds
    /// the node.
    pub fn resource(&self, index: usize) -> usize {
        self.nodes[index].resource
    }

    /// Whether the node is part of a reference cycle: it can reach itself
    /// through references. Fluent reports such a cycle when it renders it.
    pub fn is_cyclic(&self, index: usize) -> bool {
        self.cyclic[self.component_of[index]]
    }

    /// The nodes of the node's strongly connected component (just itself
    /// unless it is part of a cycle), in the order they are defined.
    pub fn component(&self, index: usize) -> &[usize] {
        let (start, end) = self.components[self.component_of[index]];
        &self.order[start..end]
    }

    /// Computes one result per pattern, each after the results of every
    /// pattern it refers to (except those in the same cycle): `visit` gets
    /// the node and its pattern, and can read earlier results with
    /// [`Visit::result`]. Each pattern is visited exactly once.
    pub fn fold<T>(&self, mut visit: impl FnMut(&Visit<'_, 'r, 's, T>) -> T) -> Folded<T> {
        let mut results: Vec<Option<T>> = Vec::with_capacity(self.nodes.len());
        results.resize_with(self.nodes.len(), || None);
        for &index in &self.order {
            let value = visit(&Visit {
                graph: self,
                index,
                results: &results,
            });
            results[index] = Some(value);
        }
        Folded { results }
    }

    /// Tarjan's algorithm, without recursion: components come out after
    /// every component they reach, which is the order `fold` needs.
    fn order_components(&mut self) {
        const UNVISITED: usize = usize::MAX;
        let n = self.nodes.len();
        let mut number = vec![UNVISITED; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        let mut next = 0;
        self.component_of = vec![0; n];
        // (node, position of the next edge to look at)
        let mut work: Vec<(usize, usize)> = Vec::new();
        for root in 0..n {
            if number[root] != UNVISITED {
                continue;
            }
            work.push((root, 0));
            while let Some(&mut (v, ref mut edge)) = work.last_mut() {
                if *edge == 0 && number[v] == UNVISITED {
                    number[v] = next;
                    low[v] = next;
                    next += 1;
                    stack.push(v);
                    on_stack[v] = true;
                }
                if let Some(&w) = self.nodes[v].edges.get(*edge) {
                    *edge += 1;
                    if number[w] == UNVISITED {
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(number[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == number[v] {
                    let start = self.order.len();
                    let component = self.components.len();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        self.component_of[w] = component;
                        self.order.push(w);
                        if w == v {
                            break;
                        }
                    }
                    let end = self.order.len();
                    // Members of a cycle in the order they are defined.
                    self.order[start..end].sort_unstable();
                    let cyclic = end - start > 1 || self.nodes[v].edges.contains(&v);
                    self.components.push((start, end));
                    self.cyclic.push(cyclic);
                }
            }
        }
    }
}

/// A pattern being visited by [`Graph::fold`].
pub struct Visit<'a, 'r, 's, T> {
    graph: &'a Graph<'r, 's>,
    index: usize,
    results: &'a [Option<T>],
}

impl<'r, 's, T> Visit<'_, 'r, 's, T> {
    /// The node.
    pub fn node(&self) -> Node<'s> {
        self.graph.node(self.index)
    }

    /// Its index in the graph.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its pattern.
    pub fn pattern(&self) -> &'r ast::Pattern<&'s str> {
        self.graph.pattern(self.index)
    }

    /// Which resource holds it.
    pub fn resource(&self) -> usize {
        self.graph.resource(self.index)
    }

    /// Whether it is part of a reference cycle.
    pub fn is_cyclic(&self) -> bool {
        self.graph.is_cyclic(self.index)
    }

    /// The result of a node this pattern refers to: `None` when the locale
    /// has no such pattern or when it is in the same cycle as this one (and
    /// not computed yet).
    pub fn result(&self, target: Node<'_>) -> Option<&T> {
        let index = self.graph.index_of(target)?;
        self.results[index].as_ref()
    }
}

/// The results of [`Graph::fold`], one per pattern.
pub struct Folded<T> {
    results: Vec<Option<T>>,
}

impl<T> Folded<T> {
    /// The result of the node at `index`.
    pub fn get(&self, index: usize) -> Option<&T> {
        self.results.get(index).and_then(Option::as_ref)
    }
}

/// Each node's index by its name. Names are unique: a later definition of
/// an entry left the earlier one out, and of two attributes of one name
/// only the first is a node.
fn index_nodes<'s>(nodes: &[NodeData<'_, 's>]) -> FxHashMap<Node<'s>, usize> {
    let mut index = FxHashMap::default();
    index.reserve(nodes.len());
    for (position, data) in nodes.iter().enumerate() {
        index.insert(data.node, position);
    }
    index
}

/// Every message, attribute and term a pattern refers to (through
/// selectors, variants and call arguments too), in order, with repeats;
/// whether they exist or not.
pub fn references<'s>(pattern: &ast::Pattern<&'s str>, out: &mut Vec<Node<'s>>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_references(expression, out);
        }
    }
}

fn expression_references<'s>(expression: &ast::Expression<&'s str>, out: &mut Vec<Node<'s>>) {
    match expression {
        ast::Expression::Inline(inline) => inline_references(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_references(selector, out);
            for variant in variants {
                references(&variant.value, out);
            }
        }
    }
}

fn inline_references<'s>(inline: &ast::InlineExpression<&'s str>, out: &mut Vec<Node<'s>>) {
    if let Some(node) = Node::of_reference(inline) {
        out.push(node);
    }
    match inline {
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for arg in &arguments.positional {
                inline_references(arg, out);
            }
            for arg in &arguments.named {
                inline_references(&arg.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_references(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::parse::parse;
    use crate::text::pattern_text;

    fn graph_of(source: &str) -> (ast::Resource<&str>, Vec<String>) {
        let resource = parse(source).unwrap();
        let names = {
            let graph = Graph::new([&resource.body]);
            (0..graph.len())
                .map(|i| {
                    format!(
                        "{}{}",
                        graph.node(i),
                        if graph.is_cyclic(i) { "*" } else { "" }
                    )
                })
                .collect()
        };
        (resource, names)
    }

    #[test]
    fn patterns_come_after_what_they_refer_to() {
        let source = "a = { b } { -t }\n    .attr = { c.x } { nope }\nb = { c }\nc = C\n    .x = X\n-t = { b }\n";
        let resource = parse(source).unwrap();
        let graph = Graph::new([&resource.body]);
        let mut visited = Vec::new();
        graph.fold(|v| {
            for target in references_of(v.pattern()) {
                let exists = graph.index_of(target).is_some();
                assert_eq!(
                    v.result(target).is_some(),
                    exists,
                    "{} at {}",
                    target,
                    v.node()
                );
            }
            visited.push(v.node().to_string());
        });
        visited.sort();
        assert_eq!(visited, ["-t", "a", "a.attr", "b", "c", "c.x"]);
        assert!(!(0..graph.len()).any(|i| graph.is_cyclic(i)));
    }

    fn references_of<'s>(pattern: &ast::Pattern<&'s str>) -> Vec<Node<'s>> {
        let mut out = Vec::new();
        references(pattern, &mut out);
        out
    }

    #[test]
    fn cycles_are_found() {
        let (_, names) = graph_of("a = { b }\nb = { a }\nc = { c }\nd = { a }\n");
        assert_eq!(names, ["a*", "b*", "c*", "d"]);
    }

    #[test]
    fn redefinitions_replace_the_whole_entry() {
        let source = "a = one\n    .x = X\n-a = term\na = two\n    .y = Y\n";
        let (_, names) = graph_of(source);
        assert_eq!(names, ["-a", "a", "a.y"]);
        // No pattern here refers to another, so the index is made when
        // first asked for; it finds the later definition, and nothing of
        // the earlier one.
        let resource = parse(source).unwrap();
        let graph = Graph::new([&resource.body]);
        let a = graph.index_of(Node::message("a", None)).unwrap();
        assert_eq!(pattern_text(graph.pattern(a)), "two");
        assert_eq!(graph.index_of(Node::message("a", Some("x"))), None);
        assert!(graph.index_of(Node::term("a", None)).is_some());
        // Within one entry, the first of two attributes with one name.
        let source = "m = x\n    .a = first\n    .a = second\n";
        let resource = parse(source).unwrap();
        let graph = Graph::new([&resource.body]);
        let attribute = graph.index_of(Node::message("m", Some("a"))).unwrap();
        assert_eq!(graph.len(), 2);
        assert!(pattern_text(graph.pattern(attribute)).contains("first"));
    }

    #[test]
    fn long_chains_need_no_recursion() {
        // 100,000 messages each referring to the next.
        let mut source = String::new();
        for i in 0..100_000 {
            writeln!(source, "m{i} = {{ m{} }}", i + 1).unwrap();
        }
        source.push_str("m100000 = end\n");
        let resource = parse(&source).unwrap();
        let graph = Graph::new([&resource.body]);
        let depth = graph.fold(|v| {
            let below = references_of(v.pattern())
                .first()
                .and_then(|t| v.result(*t).copied())
                .unwrap_or(0);
            below + 1
        });
        assert_eq!(
            depth.get(graph.index_of(Node::message("m0", None)).unwrap()),
            Some(&100_001)
        );
    }
}
