//! Changes as data: for every revision link (`prov:wasRevisionOf`), the structured changes the
//! diff stage computes between the two versions — targets, amounts, agencies and tasks added,
//! removed or changed, figures changed in the text — as resources of the graph, so that "which
//! targets were raised between the draft and the final" is a SPARQL query.
//!
//! Each pair of versions has a named graph of its own (`graph/changes/OLD-NEW`, the two version
//! ids). The ids are fingerprints of the texts, so a pair's changes never go stale: a graph is
//! computed once, when its link first appears, from a source file of each version as ingested
//! ([`crate::versions::source_file`]), and dropped when the link goes. A pair whose files are no
//! longer readable as ingested is left without changes (and counted), never guessed.
//!
//! What it is not for: rendering a 对照表 (`policykg diff` does that from the same diff).

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, Term};
use policykg_diff::{Diff, Options};
use policykg_ontology::Ontology;

use crate::query::{self, text};
use crate::vocab::{pkg, rdf, rdfs, sparql_prefixes, xsd};
use crate::{GraphError, GraphStore};

/// What [`record_changes`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangesReport {
    /// Pairs whose changes were computed now.
    pub computed: usize,
    /// Pairs whose changes were already in the store.
    pub kept: usize,
    /// Pairs left without changes: a version's files are gone or changed since ingest.
    pub unreadable: usize,
    /// Change graphs dropped because their revision link is gone.
    pub dropped: usize,
}

/// The graph of the changes from version `old` to version `new` (expression IRIs).
pub fn changes_graph(gs: &GraphStore, old: &str, new: &str) -> NamedNode {
    let key = |iri: &str| iri.rsplit('/').next().unwrap_or(iri).to_owned();
    NamedNode::new_unchecked(format!(
        "{}graph/changes/{}-{}",
        gs.iris().base(),
        key(old),
        key(new)
    ))
}

/// Brings the change graphs in line with the revision links of the versions graph: computes
/// the missing ones, drops those whose link is gone. Run after [`crate::versions::link_revisions`].
pub fn record_changes(gs: &GraphStore, ontology: &Ontology) -> Result<ChangesReport, GraphError> {
    let mut report = ChangesReport::default();
    let links = revision_links(gs)?;
    let wanted: BTreeSet<String> = links
        .iter()
        .map(|(new, old)| changes_graph(gs, old, new).as_str().to_owned())
        .collect();
    let prefix = format!("{}graph/changes/", gs.iris().base());
    let existing = change_graphs(gs, &prefix)?;
    for g in existing.iter().filter(|g| !wanted.contains(*g)) {
        let mut tx = gs
            .store()
            .start_transaction()
            .map_err(gs.err("start a transaction"))?;
        tx.clear_graph(GraphNameRef::NamedNode(
            NamedNode::new_unchecked(g).as_ref(),
        ))
        .map_err(gs.err("clear a change graph"))?;
        tx.remove_named_graph(NamedNode::new_unchecked(g).as_ref())
            .map_err(gs.err("remove a change graph"))?;
        tx.commit().map_err(gs.err("drop a change graph"))?;
        report.dropped += 1;
    }
    for (new, old) in &links {
        let graph = changes_graph(gs, old, new);
        if existing.contains(graph.as_str()) {
            report.kept += 1;
            continue;
        }
        let (Ok(old_file), Ok(new_file)) = (
            crate::versions::source_file(gs, old),
            crate::versions::source_file(gs, new),
        ) else {
            report.unreadable += 1;
            continue;
        };
        let limits = policykg_read::Limits::default();
        let read = |path: &std::path::Path| policykg_extract::process_path(path, ontology, &limits);
        let (Ok(o), Ok(n)) = (read(&old_file), read(&new_file)) else {
            report.unreadable += 1;
            continue;
        };
        let diff = policykg_diff::diff(
            (&o.parsed, &o.extraction),
            (&n.parsed, &n.extraction),
            &Options::new(ontology),
        );
        let quads = change_quads(gs, &graph, (old, new), &diff)?;
        let mut tx = gs
            .store()
            .start_transaction()
            .map_err(gs.err("start a transaction"))?;
        tx.insert_named_graph(&graph);
        for q in &quads {
            tx.insert(q);
        }
        tx.commit().map_err(gs.err("write a change graph"))?;
        report.computed += 1;
    }
    Ok(report)
}

/// The HTML 对照表 from version `old` to version `new` (expression IRIs) of `store`, as
/// `policykg diff --format html` makes it, from a source file of each as ingested (for the
/// server's link between consecutive versions). `Ok(Err(reason))` when a version is not in the
/// store or has no readable file.
pub fn report_html(
    store: &oxigraph::store::Store,
    old: &str,
    new: &str,
    ontology: &Ontology,
) -> Result<Result<String, String>, GraphError> {
    let mut files = Vec::new();
    for iri in [old, new] {
        match crate::versions::source_file_of(store, iri)? {
            Ok(path) => files.push(path),
            Err(None) => return Ok(Err(format!("the store has no version <{iri}>"))),
            Err(Some(reason)) => return Ok(Err(format!("<{iri}>: {reason}"))),
        }
    }
    let limits = policykg_read::Limits::default();
    let mut read = Vec::new();
    for path in &files {
        match policykg_extract::process_path(path, ontology, &limits) {
            Ok(p) => read.push((p, std::fs::read(path).unwrap_or_default())),
            Err(e) => return Ok(Err(e.to_string())),
        }
    }
    let mut diff = policykg_diff::diff(
        (&read[0].0.parsed, &read[0].0.extraction),
        (&read[1].0.parsed, &read[1].0.extraction),
        &Options::new(ontology),
    );
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    diff.provenance = Some(policykg_diff::Provenance {
        tool: format!("policykg {}", env!("CARGO_PKG_VERSION")),
        old_sha256: crate::iri::sha256_hex(&read[0].1),
        new_sha256: crate::iri::sha256_hex(&read[1].1),
        time: policykg_text::time::utc_rfc3339(secs),
    });
    Ok(Ok(policykg_diff::render_html(&diff)))
}

/// (newer, older) expression IRIs of every revision link.
fn revision_links(gs: &GraphStore) -> Result<Vec<(String, String)>, GraphError> {
    let sparql = format!(
        "{}SELECT ?new ?old WHERE {{ ?new prov:wasRevisionOf ?old }} ORDER BY ?new ?old",
        sparql_prefixes()
    );
    let (_, rows) = query::select(gs.store(), &sparql, "the revision links query")?;
    Ok(rows
        .iter()
        .filter_map(|r| Some((text(&r[0])?, text(&r[1])?)))
        .collect())
}

fn change_graphs(gs: &GraphStore, prefix: &str) -> Result<BTreeSet<String>, GraphError> {
    let mut out = BTreeSet::new();
    for g in gs.store().named_graphs() {
        let g = g.map_err(gs.err("list the named graphs"))?;
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g {
            if n.as_str().starts_with(prefix) {
                out.insert(n.into_string());
            }
        }
    }
    Ok(out)
}

/// Outline path → the tasks of version `e` with that path (an item with several statements
/// has several tasks: path#1, path#2).
fn tasks_by_path(gs: &GraphStore, e: &str) -> Result<BTreeMap<String, Vec<String>>, GraphError> {
    let sparql = format!(
        "{}SELECT ?t ?path WHERE {{ ?t dcterms:isPartOf <{e}> ; a pkg:Task ; pkg:outlinePath ?path }}",
        sparql_prefixes()
    );
    let (_, rows) = query::select(gs.store(), &sparql, "the tasks-by-path query")?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &rows {
        if let (Some(t), Some(path)) = (text(&r[0]), text(&r[1])) {
            out.entry(path).or_default().push(t);
        }
    }
    for tasks in out.values_mut() {
        tasks.sort();
    }
    Ok(out)
}

/// The quads of one pair's changes: the change set (the graph's own IRI) between the two
/// versions, and one `pkg:VersionChange` per structured change of the diff.
fn change_quads(
    gs: &GraphStore,
    graph: &NamedNode,
    (old, new): (&str, &str),
    diff: &Diff,
) -> Result<Vec<Quad>, GraphError> {
    let old_tasks = tasks_by_path(gs, old)?;
    let new_tasks = tasks_by_path(gs, new)?;
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: Term| {
        out.push(Quad::new(s.clone(), p, o, graph.clone()));
    };
    let zh = |s: &str| Term::from(Literal::new_language_tagged_literal_unchecked(s, "zh"));
    let plain = |s: &str| Term::from(Literal::new_simple_literal(s));
    let set = graph.clone();
    add(&set, rdf::TYPE, pkg::CHANGE_SET.into_owned().into());
    add(
        &set,
        pkg::FROM_VERSION,
        NamedNode::new_unchecked(old).into(),
    );
    add(&set, pkg::TO_VERSION, NamedNode::new_unchecked(new).into());
    add(
        &set,
        pkg::ALIGNED,
        Literal::new_typed_literal(format!("{:.3}", diff.summary.aligned), xsd::DECIMAL).into(),
    );
    for (i, c) in diff.changes.iter().enumerate() {
        let node = NamedNode::new_unchecked(format!("{}/{}", graph.as_str(), i + 1));
        add(&node, rdf::TYPE, pkg::VERSION_CHANGE.into_owned().into());
        add(&node, pkg::CHANGE_SET_OF, set.clone().into());
        add(&node, pkg::CHANGE_KIND, plain(c.kind.as_str()));
        add(
            &node,
            rdfs::LABEL,
            zh(&format!("{}：{}", c.kind.chinese(), c.subject)),
        );
        add(&node, pkg::CHANGE_SUBJECT, zh(&c.subject));
        if let Some(v) = &c.old {
            add(&node, pkg::OLD_VALUE, zh(v));
        }
        if let Some(v) = &c.new {
            add(&node, pkg::NEW_VALUE, zh(v));
        }
        for f in &c.fields {
            add(&node, pkg::CHANGED_FIELD, plain(&f.field));
            // The number a target or amount had and has: "raised" is a comparison of these.
            if matches!(f.field.as_str(), "value" | "yuan") {
                let num = |v: &Option<String>| {
                    v.as_deref()
                        .filter(|v| v.parse::<rust_decimal::Decimal>().is_ok())
                        .map(|v| Term::from(Literal::new_typed_literal(v, xsd::DECIMAL)))
                };
                if let Some(n) = num(&f.old) {
                    add(&node, pkg::OLD_NUMBER, n);
                }
                if let Some(n) = num(&f.new) {
                    add(&node, pkg::NEW_NUMBER, n);
                }
            }
        }
        if let Some(row) = diff.rows.get(c.row) {
            add(&node, pkg::LOCATOR, zh(&row.place()));
            for (units, tasks, p) in [
                (&row.old, &old_tasks, pkg::OLD_TASK),
                (&row.new, &new_tasks, pkg::NEW_TASK),
            ] {
                for u in units.iter().filter(|u| !u.path.is_empty()) {
                    for t in tasks.get(&u.path).into_iter().flatten() {
                        add(&node, p, NamedNode::new_unchecked(t.as_str()).into());
                    }
                }
            }
        }
    }
    Ok(out)
}
