//! Networks read out of the store, built with petgraph:
//!
//! - the **agency co-responsibility network**: agencies are nodes, two agencies are joined when
//!   they are responsible for the same task, the edge weight is the number of such tasks; each
//!   node carries its degree, weighted degree (strength), betweenness centrality and task counts;
//! - the **citation graph**: versions in the store are nodes, an edge goes from a citing version
//!   to the version(s) a citation resolves to, by 文号 (normalised) or by 《title》; citations
//!   that resolve to nothing in the store point at an external node so nothing is dropped.
//!
//! Written as GraphML (for Gephi, Cytoscape, networkx) or DOT (Graphviz); the CLI writes its
//! CSV tables from [`Network::nodes_by_centrality`] and [`Network::edges_by_weight`].

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::io::Write;

use oxigraph::store::Store;
use petgraph::graph::{Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::{Directed, EdgeType, Undirected};
// GraphML text: the one escaper of the workspace.
use policykg_text::escape as xml;

use crate::iri::{doc_number_key, title_key};
use crate::query::{select, text};
use crate::GraphError;

/// A node of a network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetNode {
    pub id: String,
    pub label: String,
    /// `agency`, `collective`, `document` or `external`.
    pub kind: String,
    /// Extra attributes (name → value), written as columns / GraphML data.
    pub attrs: BTreeMap<String, Attr>,
    pub degree: usize,
    pub weighted_degree: u64,
    /// Brandes betweenness on the unweighted graph, normalised to [0, 1].
    pub betweenness: f64,
}

/// The value of a node attribute: counts are numbers in GraphML (`attr.type="long"`), so that
/// Gephi and networkx can size and filter nodes by them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attr {
    Text(String),
    Count(u64),
}

impl Attr {
    /// The GraphML `attr.type` of the value.
    fn graphml_type(&self) -> &'static str {
        match self {
            Attr::Text(_) => "string",
            Attr::Count(_) => "long",
        }
    }
}

impl std::fmt::Display for Attr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Attr::Text(s) => f.write_str(s),
            Attr::Count(n) => write!(f, "{n}"),
        }
    }
}

impl From<String> for Attr {
    fn from(s: String) -> Attr {
        Attr::Text(s)
    }
}

/// A network: petgraph graph with weights = number of shared tasks / citations.
pub struct Network<Ty: EdgeType> {
    pub graph: Graph<NetNode, u64, Ty>,
}

pub type AgencyNetwork = Network<Undirected>;
pub type CitationNetwork = Network<Directed>;

/// The agency co-responsibility network. Collective bodies are left out unless `collective`.
pub fn agency_network(
    store: &Store,
    collective: bool,
    versions: crate::lookup::Versions,
) -> Result<AgencyNetwork, GraphError> {
    let kind = if collective {
        ""
    } else {
        "?a a org:Organization ."
    };
    // The view is one of three constant IRIs of the vocabulary, never user text.
    let view = versions.view();
    let (_, rows) = select(
        store,
        &format!(
            "SELECT ?t ?a ?name ?r ?j ?collective WHERE {{
                ?t pkg:assignment ?ra ; dcterms:isPartOf ?e . ?e pkg:inView {view} .
                ?ra pkg:agency ?a ; pkg:role ?r .
                {kind}
                ?a skos:prefLabel ?name .
                OPTIONAL {{ ?a dcterms:spatial/skos:prefLabel ?j }}
                BIND(EXISTS {{ ?a a pkg:CollectiveBody }} AS ?collective)
            }}"
        ),
        "agency network",
    )?;
    let mut graph: Graph<NetNode, u64, Undirected> = Graph::default();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let mut tasks: BTreeMap<String, BTreeSet<NodeIndex>> = BTreeMap::new();
    let mut counts: HashMap<NodeIndex, (BTreeSet<String>, BTreeSet<String>)> = HashMap::new();
    for r in &rows {
        let (Some(t), Some(a), Some(name)) = (text(&r[0]), text(&r[1]), text(&r[2])) else {
            continue;
        };
        let is_collective = text(&r[5]).as_deref() == Some("true");
        let idx = *index.entry(a.clone()).or_insert_with(|| {
            let mut attrs = BTreeMap::new();
            attrs.insert(
                "jurisdiction".into(),
                text(&r[4]).unwrap_or_default().into(),
            );
            graph.add_node(NetNode {
                id: a.clone(),
                label: name.clone(),
                kind: if is_collective {
                    "collective"
                } else {
                    "agency"
                }
                .into(),
                attrs,
                degree: 0,
                weighted_degree: 0,
                betweenness: 0.0,
            })
        });
        tasks.entry(t.clone()).or_default().insert(idx);
        let c = counts.entry(idx).or_default();
        c.0.insert(t.clone());
        if text(&r[3]).is_some_and(|r| r.ends_with("#Lead")) {
            c.1.insert(t);
        }
    }
    let mut weights: BTreeMap<(NodeIndex, NodeIndex), u64> = BTreeMap::new();
    for members in tasks.values() {
        let members: Vec<NodeIndex> = members.iter().copied().collect();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                *weights.entry((*a, *b)).or_default() += 1;
            }
        }
    }
    for ((a, b), w) in weights {
        graph.add_edge(a, b, w);
    }
    for (idx, (all, lead)) in counts {
        let n = &mut graph[idx];
        n.attrs
            .insert("tasks".into(), Attr::Count(all.len() as u64));
        n.attrs
            .insert("lead_tasks".into(), Attr::Count(lead.len() as u64));
    }
    let mut net = Network { graph };
    net.compute_metrics();
    Ok(net)
}

/// The citation graph between versions in the store.
pub fn citation_network(store: &Store) -> Result<CitationNetwork, GraphError> {
    let (_, docs) = select(
        store,
        "SELECT ?e ?title ?number ?date WHERE {
            ?e a eli:LegalExpression .
            OPTIONAL { ?e eli:title ?title }
            OPTIONAL { ?e eli:number ?number }
            OPTIONAL { ?e eli:date_document ?date }
        } ORDER BY ?e",
        "citation network",
    )?;
    let mut graph: Graph<NetNode, u64, Directed> = Graph::default();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let mut by_number: HashMap<String, Vec<NodeIndex>> = HashMap::new();
    let mut by_title: HashMap<String, Vec<NodeIndex>> = HashMap::new();
    for r in &docs {
        let Some(e) = text(&r[0]) else { continue };
        if index.contains_key(&e) {
            continue;
        }
        let title = text(&r[1]);
        let number = text(&r[2]);
        let mut attrs = BTreeMap::new();
        attrs.insert("title".into(), title.clone().unwrap_or_default().into());
        attrs.insert("number".into(), number.clone().unwrap_or_default().into());
        attrs.insert("date".into(), text(&r[3]).unwrap_or_default().into());
        let label = title
            .clone()
            .or_else(|| number.clone())
            .unwrap_or_else(|| e.clone());
        let idx = graph.add_node(NetNode {
            id: e.clone(),
            label,
            kind: "document".into(),
            attrs,
            degree: 0,
            weighted_degree: 0,
            betweenness: 0.0,
        });
        index.insert(e, idx);
        if let Some(n) = number {
            by_number.entry(doc_number_key(&n)).or_default().push(idx);
        }
        if let Some(t) = title {
            by_title.entry(title_key(&t)).or_default().push(idx);
        }
    }
    let (_, cites) = select(
        store,
        "SELECT ?e ?title ?number WHERE {
            ?e pkg:citation ?c .
            OPTIONAL { ?c pkg:citedTitle ?title }
            OPTIONAL { ?c pkg:citedNumber ?number }
        } ORDER BY ?e ?c",
        "citation network",
    )?;
    let mut weights: BTreeMap<(NodeIndex, NodeIndex), u64> = BTreeMap::new();
    for r in &cites {
        let Some(from) = text(&r[0]).and_then(|e| index.get(&e).copied()) else {
            continue;
        };
        let title = text(&r[1]);
        let number = text(&r[2]);
        let mut targets: Vec<NodeIndex> = Vec::new();
        if let Some(n) = &number {
            targets.extend(by_number.get(&doc_number_key(n)).into_iter().flatten());
        }
        if targets.is_empty() {
            if let Some(t) = &title {
                targets.extend(by_title.get(&title_key(t)).into_iter().flatten());
            }
        }
        if targets.is_empty() {
            let key = match (&number, &title) {
                (Some(n), _) => format!("no:{}", doc_number_key(n)),
                (None, Some(t)) => format!("title:{}", title_key(t)),
                (None, None) => continue,
            };
            let idx = *index.entry(key.clone()).or_insert_with(|| {
                let mut attrs = BTreeMap::new();
                attrs.insert("title".into(), title.clone().unwrap_or_default().into());
                attrs.insert("number".into(), number.clone().unwrap_or_default().into());
                attrs.insert("date".into(), String::new().into());
                graph.add_node(NetNode {
                    id: key,
                    label: match (&title, &number) {
                        (Some(t), _) => format!("《{t}》"),
                        (None, Some(n)) => n.clone(),
                        _ => String::new(),
                    },
                    kind: "external".into(),
                    attrs,
                    degree: 0,
                    weighted_degree: 0,
                    betweenness: 0.0,
                })
            });
            targets.push(idx);
        }
        for to in targets {
            if to != from {
                *weights.entry((from, to)).or_default() += 1;
            }
        }
    }
    for ((a, b), w) in weights {
        graph.add_edge(a, b, w);
    }
    let mut net = Network { graph };
    net.compute_metrics();
    Ok(net)
}

impl<Ty: EdgeType> Network<Ty> {
    fn compute_metrics(&mut self) {
        let g = &self.graph;
        let n = g.node_count();
        let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut degree = vec![0usize; n];
        let mut strength = vec![0u64; n];
        for e in g.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            adjacency[a].push(b);
            if !Ty::is_directed() {
                adjacency[b].push(a);
            }
            degree[a] += 1;
            degree[b] += 1;
            strength[a] += e.weight();
            strength[b] += e.weight();
        }
        let bc = betweenness(&adjacency, Ty::is_directed());
        for (i, node) in self.graph.node_weights_mut().enumerate() {
            node.degree = degree[i];
            node.weighted_degree = strength[i];
            node.betweenness = bc[i];
        }
    }

    /// GraphML with node attributes (label, kind, degree, weighted degree, betweenness, extra
    /// attributes) and edge weights; numbers are typed as numbers (`int`, `long`, `double`).
    pub fn write_graphml(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let attr_names = self.attr_names();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        let keys: [(&str, &str); 5] = [
            ("label", "string"),
            ("kind", "string"),
            ("degree", "int"),
            ("weighted_degree", "long"),
            ("betweenness", "double"),
        ];
        for (k, ty) in keys {
            writeln!(
                out,
                r#"  <key id="{k}" for="node" attr.name="{k}" attr.type="{ty}"/>"#
            )?;
        }
        for k in &attr_names {
            let ty = self.attr_type(k);
            let k = xml(k);
            writeln!(
                out,
                r#"  <key id="{k}" for="node" attr.name="{k}" attr.type="{ty}"/>"#
            )?;
        }
        writeln!(
            out,
            r#"  <key id="weight" for="edge" attr.name="weight" attr.type="long"/>"#
        )?;
        let directed = if Ty::is_directed() {
            "directed"
        } else {
            "undirected"
        };
        writeln!(out, r#"  <graph id="G" edgedefault="{directed}">"#)?;
        for idx in self.graph.node_indices() {
            let n = &self.graph[idx];
            writeln!(out, r#"    <node id="n{}">"#, idx.index())?;
            writeln!(out, r#"      <data key="label">{}</data>"#, xml(&n.label))?;
            writeln!(out, r#"      <data key="kind">{}</data>"#, xml(&n.kind))?;
            writeln!(out, r#"      <data key="degree">{}</data>"#, n.degree)?;
            writeln!(
                out,
                r#"      <data key="weighted_degree">{}</data>"#,
                n.weighted_degree
            )?;
            writeln!(
                out,
                r#"      <data key="betweenness">{:.6}</data>"#,
                n.betweenness
            )?;
            for k in &attr_names {
                if let Some(v) = n.attrs.get(k) {
                    let v = v.to_string();
                    writeln!(out, r#"      <data key="{}">{}</data>"#, xml(k), xml(&v))?;
                }
            }
            writeln!(out, "    </node>")?;
        }
        for e in self.graph.edge_references() {
            writeln!(
                out,
                r#"    <edge source="n{}" target="n{}"><data key="weight">{}</data></edge>"#,
                e.source().index(),
                e.target().index(),
                e.weight()
            )?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")
    }

    /// Graphviz DOT, labels in Chinese; edge width grows with the weight.
    pub fn write_dot(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let (kw, arrow) = if Ty::is_directed() {
            ("digraph", "->")
        } else {
            ("graph", "--")
        };
        writeln!(out, "{kw} policykg {{")?;
        writeln!(out, "  node [shape=box, fontname=\"Noto Sans CJK SC\"];")?;
        for idx in self.graph.node_indices() {
            let n = &self.graph[idx];
            writeln!(
                out,
                "  n{} [label={}, kind={}, degree={}, weighted_degree={}, betweenness={:.6}];",
                idx.index(),
                dot(&n.label),
                dot(&n.kind),
                n.degree,
                n.weighted_degree,
                n.betweenness
            )?;
        }
        for e in self.graph.edge_references() {
            writeln!(
                out,
                "  n{} {arrow} n{} [weight={w}, label=\"{w}\", penwidth={:.1}];",
                e.source().index(),
                e.target().index(),
                1.0 + (*e.weight() as f64).ln(),
                w = e.weight()
            )?;
        }
        writeln!(out, "}}")
    }

    /// The nodes, most central first (betweenness, then weighted degree, then label): the
    /// order of the CLI's CSV table.
    pub fn nodes_by_centrality(&self) -> Vec<&NetNode> {
        let mut nodes: Vec<&NetNode> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| {
            b.betweenness
                .total_cmp(&a.betweenness)
                .then(b.weighted_degree.cmp(&a.weighted_degree))
                .then(a.label.cmp(&b.label))
        });
        nodes
    }

    /// The edges as (source, target, weight), heaviest first, then by the labels.
    pub fn edges_by_weight(&self) -> Vec<(&NetNode, &NetNode, u64)> {
        let mut edges: Vec<_> = self
            .graph
            .edge_references()
            .map(|e| {
                (
                    &self.graph[e.source()],
                    &self.graph[e.target()],
                    *e.weight(),
                )
            })
            .collect();
        edges.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(a.0.label.cmp(&b.0.label))
                .then(a.1.label.cmp(&b.1.label))
        });
        edges
    }

    /// The names of the nodes' extra attributes ([`NetNode::attrs`]), sorted.
    pub fn attr_names(&self) -> Vec<String> {
        let mut names: BTreeSet<String> = BTreeSet::new();
        for n in self.graph.node_weights() {
            names.extend(n.attrs.keys().cloned());
        }
        names.into_iter().collect()
    }

    /// The GraphML type of attribute `name`: a number type only when every node's value is one.
    fn attr_type(&self, name: &str) -> &'static str {
        let mut types = self
            .graph
            .node_weights()
            .filter_map(|n| n.attrs.get(name))
            .map(Attr::graphml_type);
        match types.next() {
            Some(first) if types.all(|t| t == first) => first,
            _ => "string",
        }
    }

    /// The node with this label, for tests and lookups.
    pub fn node(&self, label: &str) -> Option<&NetNode> {
        self.graph.node_weights().find(|n| n.label == label)
    }

    /// The weight of the edge between two labels (either direction when undirected).
    pub fn weight(&self, a: &str, b: &str) -> Option<u64> {
        let find = |l: &str| {
            self.graph
                .node_indices()
                .find(|&i| self.graph[i].label == l)
        };
        let (a, b) = (find(a)?, find(b)?);
        self.graph.find_edge(a, b).map(|e| self.graph[e])
    }
}

/// Brandes' algorithm on an unweighted graph given as adjacency lists (for an undirected graph
/// each edge is in both lists). Normalised by the number of pairs: (n-1)(n-2) for directed
/// graphs, half that for undirected ones.
pub fn betweenness(adjacency: &[Vec<usize>], directed: bool) -> Vec<f64> {
    let n = adjacency.len();
    let mut bc = vec![0.0f64; n];
    for s in 0..n {
        let mut stack = Vec::with_capacity(n);
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = VecDeque::new();
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adjacency[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
    }
    if n > 2 {
        // Directed: (n-1)(n-2) ordered pairs. Undirected: every path was counted from both
        // ends, and there are half as many pairs: the factor is the same.
        let _ = directed;
        let pairs = ((n - 1) * (n - 2)) as f64;
        for b in &mut bc {
            *b /= pairs;
        }
    }
    bc
}

fn dot(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undirected(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a].push(b);
            adj[b].push(a);
        }
        adj
    }

    #[test]
    fn betweenness_of_known_graphs() {
        // Path a-b-c: b is on the only path between a and c; normalised: 1.
        let bc = betweenness(&undirected(3, &[(0, 1), (1, 2)]), false);
        assert_eq!(bc, vec![0.0, 1.0, 0.0]);
        // Star with centre 0 and 4 leaves: the centre is on all 6 leaf pairs: 6 / (4*3/2) = 1.
        let bc = betweenness(&undirected(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]), false);
        assert!((bc[0] - 1.0).abs() < 1e-12);
        assert!(bc[1..].iter().all(|b| *b == 0.0));
        // Square a-b-c-d-a: two shortest paths between opposite corners, each middle node gets
        // 1/2 per pair → 0.5 raw → 0.5 / 3 normalised.
        let bc = betweenness(&undirected(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]), false);
        for b in bc {
            assert!((b - 0.5 / 3.0).abs() < 1e-12, "{b}");
        }
        // Directed path 0→1→2: 1 lies on 0→2, one of (n-1)(n-2) = 2 ordered pairs.
        let bc = betweenness(&[vec![1], vec![2], vec![]], true);
        assert_eq!(bc, vec![0.0, 0.5, 0.0]);
    }

    #[test]
    fn graphml_types_counts_as_numbers() {
        let mut graph: Graph<NetNode, u64, Undirected> = Graph::default();
        let node = |label: &str, lead: u64| {
            let mut attrs = BTreeMap::new();
            attrs.insert("jurisdiction".to_owned(), Attr::from("安徽省".to_owned()));
            attrs.insert("lead_tasks".to_owned(), Attr::Count(lead));
            NetNode {
                id: label.to_owned(),
                label: label.to_owned(),
                kind: "agency".into(),
                attrs,
                degree: 0,
                weighted_degree: 0,
                betweenness: 0.0,
            }
        };
        let a = graph.add_node(node("甲", 3));
        let b = graph.add_node(node("乙", 0));
        graph.add_edge(a, b, 2);
        let mut net = Network { graph };
        net.compute_metrics();
        let mut out = Vec::new();
        net.write_graphml(&mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        for (name, ty) in [
            ("lead_tasks", "long"),
            ("jurisdiction", "string"),
            ("degree", "int"),
            ("weighted_degree", "long"),
            ("betweenness", "double"),
        ] {
            let key = format!(r#"attr.name="{name}" attr.type="{ty}""#);
            assert!(xml.contains(&key), "{key} in {xml}");
        }
        assert!(xml.contains(r#"<data key="lead_tasks">3</data>"#), "{xml}");
    }

    #[test]
    fn escaping() {
        assert_eq!(xml("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c ");
        assert_eq!(dot("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    }
}
