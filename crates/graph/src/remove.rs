//! Taking versions and files out of the store (`policykg remove`): a version, named by its id,
//! goes with its graph, every file record expressing it, its revision links and the change
//! graphs of those links; a file, named by its path, goes with its record, and its version with
//! it unless another file still expresses that version (which then becomes the primary source).
//! The remaining versions of the policy get their links, status and views recomputed (a removed
//! final text makes the one it revised in force again).
//!
//! All of it is one transaction: a crash, or any error, leaves the store as it was. Only the
//! change graphs of links that the removal creates (the versions either side of a removed middle
//! one) are computed afterwards, as ingest computes them, since they need the diff of two files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Transaction;
use policykg_ontology::Ontology;
use serde::Serialize;

use crate::iri::SharedGraph;
use crate::store::Located;
use crate::vocab::{eli, pkg, prov};
use crate::{GraphError, GraphStore};

/// What a removal took out, or would take out (`dry_run`). Serialised, it is
/// `policykg remove --format json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Removal {
    pub dry_run: bool,
    pub versions: Vec<RemovedVersion>,
    pub files: Vec<RemovedFile>,
    /// `prov:wasRevisionOf` links that went, `(newer, older)` version ids.
    pub links_removed: Vec<(String, String)>,
    /// Links between the remaining versions that the removal made (a removed middle version).
    pub links_added: Vec<(String, String)>,
    /// Change graphs dropped with their links.
    pub change_graphs: Vec<String>,
    /// Remaining versions whose status changed: id, before, after (`in_force`, `draft`,
    /// `superseded`).
    pub statuses: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RemovedVersion {
    /// The version id (as `tasks` and `extract --format csv` print it).
    pub id: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RemovedFile {
    /// The path as stored (relative to `root`).
    pub path: String,
    pub root: Option<String>,
    /// The version it expressed.
    pub version: Option<String>,
    /// Whether that version stays (another file expresses it).
    pub version_kept: bool,
}

/// Removes each of `targets` — a version id (`3f2a…`, `id:expr/3f2a…`, its IRI), a path as
/// stored (`corpus/seeds/001.txt`), or a file on disk that was ingested — and what derives from
/// it, in one transaction; with `dry_run`, only says what would go. A target the store does not
/// know is an error naming it, and nothing is changed.
pub fn remove(
    gs: &GraphStore,
    targets: &[String],
    ontology: &Ontology,
    dry_run: bool,
) -> Result<Removal, GraphError> {
    let mut versions: BTreeSet<String> = BTreeSet::new();
    let mut records: Vec<Located> = Vec::new();
    for t in targets {
        match resolve(gs, t)? {
            Target::Version(v) => {
                versions.insert(v);
            }
            Target::Files(found) => {
                for r in found {
                    if !records.contains(&r) {
                        records.push(r);
                    }
                }
            }
        }
    }
    // A version goes when every file expressing it goes.
    let sources = gs.iris().graph(SharedGraph::Sources);
    let mut candidates: BTreeSet<String> = BTreeSet::new();
    for r in &records {
        if let Some(v) = &r.expresses {
            candidates.insert(v.as_str().to_owned());
        }
    }
    for v in candidates {
        let holders = holders(gs, &NamedNode::new_unchecked(v.as_str()))?;
        if holders.iter().all(|h| records.iter().any(|r| r.iri == *h)) {
            versions.insert(v);
        }
    }
    // Every record of a removed version goes too.
    for v in &versions {
        for h in holders(gs, &NamedNode::new_unchecked(v.as_str()))? {
            if !records.iter().any(|r| r.iri == h) {
                if let Some(r) = gs.record(&h)? {
                    records.push(r);
                }
            }
        }
    }

    let mut removal = Removal {
        dry_run,
        ..Removal::default()
    };
    for v in &versions {
        removal.versions.push(RemovedVersion {
            id: id_of(v),
            title: title_of(gs, v)?,
        });
    }
    for r in &records {
        let version = r.expresses.as_ref().map(|e| e.as_str().to_owned());
        removal.files.push(RemovedFile {
            path: r.path.clone(),
            root: r.root.clone(),
            version_kept: version.as_ref().is_some_and(|v| !versions.contains(v)),
            version: version.map(|v| id_of(&v)),
        });
    }

    // The versions graph as it will be, computed before the transaction from the store
    // without the removed versions (the only writer holds the store: nothing moves meanwhile).
    let (vgraph, new_quads, _) = crate::versions::versions_graph(gs, &versions)?;
    let old_quads: Vec<Quad> = gs
        .store()
        .quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(vgraph.as_ref())),
        )
        .collect::<Result<_, _>>()
        .map_err(gs.err("read the versions graph"))?;
    let (old_links, old_status) = links_and_status(&old_quads);
    let (new_links, new_status) = links_and_status(&new_quads);
    removal.links_removed = old_links
        .difference(&new_links)
        .map(|(a, b)| (id_of(a), id_of(b)))
        .collect();
    removal.links_added = new_links
        .difference(&old_links)
        .map(|(a, b)| (id_of(a), id_of(b)))
        .collect();
    for (v, after) in &new_status {
        match old_status.get(v) {
            Some(before) if before != after => {
                removal
                    .statuses
                    .push((id_of(v), before.clone(), after.clone()))
            }
            _ => {}
        }
    }
    let wanted: BTreeSet<String> = new_links
        .iter()
        .map(|(newer, older)| {
            crate::changes::changes_graph(gs, older, newer)
                .as_str()
                .to_owned()
        })
        .collect();
    let prefix = format!("{}graph/changes/", gs.iris().base());
    for g in gs.store().named_graphs() {
        let g = g.map_err(gs.err("read the store"))?;
        if let NamedOrBlankNode::NamedNode(g) = g {
            if g.as_str().starts_with(&prefix) && !wanted.contains(g.as_str()) {
                removal.change_graphs.push(g.as_str().to_owned());
            }
        }
    }
    if dry_run || (versions.is_empty() && records.is_empty()) {
        return Ok(removal);
    }

    let mut tx = gs
        .store()
        .start_transaction()
        .map_err(gs.err("start a transaction"))?;
    let written: Result<(), oxigraph::store::StorageError> = (|| {
        for r in &records {
            gs.forget_file(&mut tx, &r.iri)?;
        }
        for v in &versions {
            // A version no file expressed (or whose last file was not its holder).
            let node = NamedNode::new_unchecked(v.as_str());
            if tx.contains_named_graph(&node)? {
                for q in tx
                    .quads_for_pattern(
                        Some(node.as_ref().into()),
                        None,
                        None,
                        Some(sources.as_ref().into()),
                    )
                    .collect::<Result<Vec<_>, _>>()?
                {
                    tx.remove(&q);
                }
                gs.drop_version(&mut tx, &node)?;
            }
        }
        replace_graph(&mut tx, &vgraph, &new_quads)?;
        for g in &removal.change_graphs {
            let g = NamedNode::new_unchecked(g.as_str());
            tx.clear_graph(GraphNameRef::NamedNode(g.as_ref()))?;
            tx.remove_named_graph(&g)?;
        }
        Ok(())
    })();
    written.map_err(gs.err("remove from the store"))?;
    tx.commit().map_err(gs.err("commit the removal"))?;
    crate::store::failpoint::after_commit(1);
    // The changes of links the removal made, as ingest records them.
    crate::changes::record_changes(gs, ontology)?;
    gs.flush()?;
    Ok(removal)
}

enum Target {
    Version(String),
    Files(Vec<Located>),
}

/// What `t` names: a version of the store, else the records of a file.
fn resolve(gs: &GraphStore, t: &str) -> Result<Target, GraphError> {
    let iri = crate::versions::expression_iri(gs, t);
    if gs.iris().is_expression(&iri) {
        if let Ok(node) = NamedNode::new(&iri) {
            if gs
                .store()
                .contains_named_graph(&node)
                .map_err(gs.err("read the store"))?
            {
                return Ok(Target::Version(iri));
            }
        }
    }
    let path = Path::new(t);
    let mut found = Vec::new();
    // A file on disk: its records wherever it was ingested from.
    if let Ok(abs) = std::fs::canonicalize(path) {
        if abs.is_file() {
            found = gs.locate(&abs)?;
        }
    }
    // A path as stored (relative to its root, or absolute before mapping version 7).
    if found.is_empty() {
        found = gs.records_with_path(t.trim_end_matches('/'))?;
    }
    // Where a file no longer on disk was last seen.
    if found.is_empty() && path.is_absolute() {
        found = gs.locate(path)?;
    }
    if found.is_empty() {
        return Err(GraphError::Input {
            path: t.to_owned(),
            reason: format!(
                "neither a version id of the store at {} nor the path of a file recorded in it \
                 (give the id that `policykg tasks` or `extract --format csv` prints, the path as \
                 stored, such as corpus/seeds/001.txt, or the file itself)",
                gs.path().display()
            ),
        });
    }
    Ok(Target::Files(found))
}

/// The records expressing version `v`.
fn holders(gs: &GraphStore, v: &NamedNode) -> Result<Vec<NamedNode>, GraphError> {
    let sources = gs.iris().graph(SharedGraph::Sources);
    let mut out = Vec::new();
    for q in gs.store().quads_for_pattern(
        None,
        Some(pkg::EXPRESSES),
        Some(v.as_ref().into()),
        Some(sources.as_ref().into()),
    ) {
        if let NamedOrBlankNode::NamedNode(n) = q.map_err(gs.err("read the sources graph"))?.subject
        {
            out.push(n);
        }
    }
    Ok(out)
}

fn title_of(gs: &GraphStore, v: &str) -> Result<Option<String>, GraphError> {
    let node = NamedNode::new_unchecked(v);
    let q = gs
        .store()
        .quads_for_pattern(
            Some(node.as_ref().into()),
            Some(eli::TITLE),
            None,
            Some(GraphNameRef::NamedNode(node.as_ref())),
        )
        .next()
        .transpose()
        .map_err(gs.err("read the store"))?;
    Ok(q.and_then(|q| match q.object {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }))
}

/// The id a version is shown by: the part of its IRI after `expr/`.
fn id_of(iri: &str) -> String {
    iri.rsplit_once("/expr/")
        .map_or(iri, |(_, id)| id)
        .to_owned()
}

type Links = BTreeSet<(String, String)>;

/// The revision links and each version's status (as the CLI words it: `in_force`) of a versions
/// graph.
fn links_and_status(quads: &[Quad]) -> (Links, BTreeMap<String, String>) {
    let mut links = BTreeSet::new();
    let mut status = BTreeMap::new();
    for q in quads {
        let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&q.subject, &q.object) else {
            continue;
        };
        if q.predicate == prov::WAS_REVISION_OF {
            links.insert((s.as_str().to_owned(), o.as_str().to_owned()));
        } else if q.predicate == pkg::VERSION_STATUS {
            let word = if o.as_ref() == pkg::STATUS_IN_FORCE {
                "in_force"
            } else if o.as_ref() == pkg::STATUS_DRAFT {
                "draft"
            } else {
                "superseded"
            };
            status.insert(s.as_str().to_owned(), word.to_owned());
        }
    }
    (links, status)
}

fn replace_graph(
    tx: &mut Transaction<'_>,
    graph: &NamedNode,
    quads: &[Quad],
) -> Result<(), oxigraph::store::StorageError> {
    tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
    tx.insert_named_graph(graph);
    for q in quads {
        tx.insert(q);
    }
    Ok(())
}
