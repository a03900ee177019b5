//! The store a policykg graph lives in: writing versions atomically, publishing reference data,
//! and checking that only whole documents are visible.
//!
//! Layout (all data is in named graphs; queries see their union as the default graph):
//! - one graph per version, named by the version's IRI, closed by `pkg:tripleCount`;
//! - `graph/sources`: which file holds which version (`pkg:expresses`), with its content hash,
//!   so that ingesting an unchanged file is a no-op;
//! - `graph/works` (policies with a version in the store or cited by one), `graph/agencies`:
//!   facts shared by versions, each stated once;
//! - `graph/gazetteer`, `graph/vocabulary`: reference data, republished when it changes;
//! - `graph/meta`: base IRI and mapping version.
//!
//! Every change of a document (adding it, replacing it, recording another file with the same
//! text) is one Oxigraph transaction, which RocksDB commits as one write batch: a reader, or a
//! store reopened after `kill -9`, sees the whole document or none of it. New documents (no
//! record for the file, no graph for the text) may go several to a batch
//! ([`GraphStore::add_new`]), bulk-loaded as sorted files that RocksDB takes in with one atomic
//! call: whole, all of them, or none.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, TermRef,
};
use oxigraph::store::{StorageError, Store, Transaction};
use policykg_ontology::Ontology;

use crate::iri::{Iris, SharedGraph};
use crate::mapping::{MappedDocument, Richness, MAPPING_VERSION};
use crate::open::{classify, open, Mode};
use crate::publish;
use crate::vocab::{eli, pkg, prov, rdf, xsd};
use crate::GraphError;

/// A store with the IRIs it was built with.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    iris: Iris,
}

/// The file a document was read from.
#[derive(Debug, Clone)]
pub struct SourceRecord {
    /// The path relative to `root` (with the content hash, the file's identity in the store:
    /// see [`Iris::source_file`]); without a root, the absolute path (the identity by itself),
    /// as records were before mapping version 7.
    pub key: String,
    /// The absolute directory `key` is relative to, where the file was last seen.
    pub root: Option<String>,
    /// SHA-256 of the bytes, hex.
    pub content_hash: String,
    /// encoding_rs name of the encoding it was decoded with.
    pub encoding: String,
    /// The pipeline that made the graph ([`pipeline_version`]).
    pub pipeline: String,
    /// Records (IRIs) of this same file under another key, which this one takes over: the
    /// file's earlier content at the same place, or its record from before mapping version 7.
    /// Records at the same `root` and `key` are found by the write itself.
    pub replaces: Vec<String>,
}

impl SourceRecord {
    /// Where the file is: `root` joined with `key`.
    pub fn absolute(&self) -> PathBuf {
        match &self.root {
            Some(root) => Path::new(root).join(&self.key),
            None => PathBuf::from(&self.key),
        }
    }
}

/// A file's record as stored (see [`GraphStore::locate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub iri: NamedNode,
    /// `pkg:path`.
    pub path: String,
    /// `pkg:root` (none in records from before mapping version 7).
    pub root: Option<String>,
    /// The version the file expresses.
    pub expresses: Option<NamedNode>,
}

impl Located {
    /// Where the file was last seen.
    pub fn absolute(&self) -> PathBuf {
        match &self.root {
            Some(root) => Path::new(root).join(&self.path),
            None => PathBuf::from(&self.path),
        }
    }
}

/// What writing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// A new version.
    Added,
    /// The file held another version before; that graph was replaced (or kept, if other files
    /// still hold it).
    Replaced,
    /// Another file already holds this exact text: the file is recorded, nothing is duplicated.
    SameText,
    /// Same file, same text, but the graph differed (a new mapping or extraction): rewritten.
    Rewritten,
    /// The graph was already exactly this; only the file's record (content hash, pipeline
    /// version) was updated.
    RecordOnly,
    /// Nothing to do.
    Unchanged,
}

/// New documents waiting to be written together (see [`GraphStore::is_new`]).
#[derive(Debug, Default)]
pub struct NewDocuments {
    quads: Vec<Quad>,
    keys: HashSet<String>,
    versions: HashSet<NamedNode>,
}

impl NewDocuments {
    /// Documents in the batch.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Quads in the batch.
    pub fn quads(&self) -> usize {
        self.quads.len()
    }
}

/// Result of [`GraphStore::verify`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Version graphs whose triple count matches.
    pub whole_documents: usize,
    /// Version graphs with a missing or wrong `pkg:tripleCount`: `(graph, reason)`.
    pub broken: Vec<(String, String)>,
    /// Source files pointing at a version that is not there.
    pub dangling_sources: Vec<String>,
}

/// Totals of a store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreCounts {
    pub documents: usize,
    pub source_files: usize,
    pub tasks: usize,
    pub agencies: usize,
    pub quads: usize,
}

/// The pipeline identity recorded for each file; a file is ingested again when it changes:
/// the release, the mapping version, a fingerprint of the stages' code and bundled data (so a
/// rebuilt extractor is not skipped over) and of the user's ontology directory, if any.
pub fn pipeline_version(ontology: &Ontology) -> String {
    let mut id = format!(
        "policykg {} mapping {MAPPING_VERSION} build {}",
        env!("CARGO_PKG_VERSION"),
        env!("POLICYKG_PIPELINE_BUILD")
    );
    if let Some(digest) = &ontology.user_digest {
        id.push_str(" ontology ");
        id.push_str(digest);
    }
    id
}

fn string(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

impl GraphStore {
    /// Opens (read-write: creates) the store at `path`. `base` is the base IRI to mint with;
    /// `None` means the one the store was built with, or [`crate::iri::DEFAULT_BASE`] for a new
    /// store. A different base than the store's is refused.
    pub fn open(path: &Path, mode: Mode, base: Option<&str>) -> Result<GraphStore, GraphError> {
        let store = open(path, mode)?;
        let default = Iris::default();
        let stored = stored_base(&store, path)?;
        let iris = match (&stored, base) {
            (Some(s), Some(b)) if s != b => {
                return Err(GraphError::BaseIriMismatch {
                    path: path.to_owned(),
                    stored: s.clone(),
                    requested: b.to_owned(),
                })
            }
            (Some(s), _) => Iris::new(s)?,
            (None, Some(b)) => Iris::new(b)?,
            (None, None) => default,
        };
        let gs = GraphStore {
            store,
            path: path.to_owned(),
            iris,
        };
        if mode == Mode::ReadWrite && stored.is_none() {
            gs.write_meta()?;
        }
        Ok(gs)
    }

    /// Writes RocksDB's memtables to its table files. Until then what was written lives in the
    /// write-ahead log, which every later open replays: after a 10,000-document ingest that took
    /// 30 s per `policykg query`. Crash safety does not depend on it (the log is durable).
    pub fn flush(&self) -> Result<(), GraphError> {
        self.store
            .flush()
            .map_err(self.err("flush the store to disk"))
    }

    /// Compacts every index into sorted, non-overlapping files (RocksDB's full compaction):
    /// lookups then read one file per index instead of one per batch loaded.
    pub fn compact(&self) -> Result<(), GraphError> {
        self.store.optimize().map_err(self.err("compact the store"))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    pub(crate) fn err(&self, action: &str) -> impl Fn(StorageError) -> GraphError + '_ {
        let action = action.to_owned();
        move |e| classify(&self.path, &action, e)
    }

    fn graph(&self, g: SharedGraph) -> GraphName {
        GraphName::NamedNode(self.iris.graph(g))
    }

    fn write_meta(&self) -> Result<(), GraphError> {
        let meta = self.graph(SharedGraph::Meta);
        let s = self.iris.store();
        let mut tx = self
            .store
            .start_transaction()
            .map_err(self.err("start a transaction"))?;
        tx.insert(QuadRef::new(
            &s,
            pkg::BASE_IRI,
            &string(self.iris.base()),
            &meta,
        ));
        tx.insert(QuadRef::new(
            &s,
            pkg::MAPPING_VERSION,
            &Literal::from(i64::from(MAPPING_VERSION)),
            &meta,
        ));
        tx.commit().map_err(self.err("write the store metadata"))
    }

    /// The IRI of the file's record.
    pub fn source_iri(&self, source: &SourceRecord) -> NamedNode {
        match &source.root {
            Some(_) => self.iris.source_file(&source.key, &source.content_hash),
            None => self.iris.source(&source.key),
        }
    }

    /// Whether `source` is recorded with the same content hash and pipeline, and its version is
    /// whole: then ingesting it again would change nothing but, maybe, where it lies
    /// ([`GraphStore::relocate`]).
    pub fn is_unchanged(&self, source: &SourceRecord) -> Result<bool, GraphError> {
        let src = self.source_iri(source);
        let g = self.iris.graph(SharedGraph::Sources);
        let has = |p: NamedNodeRef<'_>, o: &str| -> Result<bool, GraphError> {
            self.store
                .contains(QuadRef::new(&src, p, &string(o), &g))
                .map_err(self.err("read the sources graph"))
        };
        if !has(pkg::CONTENT_HASH, &source.content_hash)? || !has(pkg::PIPELINE, &source.pipeline)?
        {
            return Ok(false);
        }
        let expr = self
            .store
            .quads_for_pattern(
                Some(src.as_ref().into()),
                Some(pkg::EXPRESSES),
                None,
                Some(g.as_ref().into()),
            )
            .next()
            .transpose()
            .map_err(self.err("read the sources graph"))?;
        match expr.map(|q| q.object) {
            Some(Term::NamedNode(e)) => self
                .store
                .contains_named_graph(&e)
                .map_err(self.err("read the store")),
            _ => Ok(false),
        }
    }

    /// Writes one document read from `source`, in one transaction: the version's graph (unless
    /// an identical one is there), the shared facts, and the file's record; the version the file
    /// held before is removed when no other file holds it.
    pub fn write(
        &self,
        doc: &MappedDocument,
        source: &SourceRecord,
    ) -> Result<WriteOutcome, GraphError> {
        let mut tx = self
            .store
            .start_transaction()
            .map_err(self.err("start a transaction"))?;
        let outcome = self
            .write_in(&mut tx, doc, source)
            .map_err(self.err("write a document"))?;
        if outcome != WriteOutcome::Unchanged {
            tx.commit()
                .map_err(|e| classify(&self.path, &format!("commit {}", source.key), e))?;
            failpoint::after_commit(1);
        }
        Ok(outcome)
    }

    fn write_in(
        &self,
        tx: &mut Transaction<'_>,
        doc: &MappedDocument,
        source: &SourceRecord,
    ) -> Result<WriteOutcome, StorageError> {
        let sources = self.graph(SharedGraph::Sources);
        let src = self.source_iri(source);
        let expr = &doc.expression;
        let new_count = doc.quads.len() as i64;

        // Records of this file under another key: the first becomes this one (so that the
        // file's earlier content is replaced as an edit is), the others go.
        let mut stale = self.stale_records(tx, &src, source)?;
        let cleaned = !stale.is_empty();
        if !stale.is_empty() && !has_record(tx, &src, sources.as_ref())? {
            let first = stale.remove(0);
            rename_record(tx, &first, &src, sources.as_ref())?;
        }
        for s in &stale {
            self.forget_file(tx, s)?;
        }

        // What the file held before.
        let old_expr = first_object(tx, src.as_ref(), pkg::EXPRESSES, sources.as_ref())?;
        let old_expr = match old_expr {
            Some(Term::NamedNode(n)) => Some(n),
            _ => None,
        };
        let same_record = old_expr.as_ref() == Some(expr)
            && tx.contains(QuadRef::new(
                &src,
                pkg::CONTENT_HASH,
                &string(&source.content_hash),
                &sources,
            ))?
            && tx.contains(QuadRef::new(
                &src,
                pkg::PIPELINE,
                &string(&source.pipeline),
                &sources,
            ))?
            && match &source.root {
                Some(root) => {
                    tx.contains(QuadRef::new(&src, pkg::ROOT, &string(root), &sources))?
                }
                None => true,
            };

        // Is the version's graph there, and is it the same graph?
        let graph = GraphName::NamedNode(expr.clone());
        let existing = tx.contains_named_graph(expr)?;
        let identical = existing && graph_equals(tx, &graph, &doc.quads, new_count)?;
        if same_record && identical && !cleaned {
            return Ok(WriteOutcome::Unchanged);
        }

        let replaced = self.forget_record(tx, &src, old_expr.as_ref(), expr)?;
        let outcome = if !existing {
            self.insert_version(tx, doc)?;
            tx.insert(QuadRef::new(expr, prov::HAD_PRIMARY_SOURCE, &src, &sources));
            if replaced {
                WriteOutcome::Replaced
            } else {
                WriteOutcome::Added
            }
        } else if !identical && self.supersedes(tx, doc, &src)? {
            // Same text, but this file's graph is to be kept: it built the graph (and the
            // mapping or extraction changed since), or it says more (see `Richness`).
            self.drop_version(tx, expr)?;
            self.insert_version(tx, doc)?;
            remove_about(
                tx,
                expr.as_ref(),
                Some(prov::HAD_PRIMARY_SOURCE),
                sources.as_ref(),
            )?;
            tx.insert(QuadRef::new(expr, prov::HAD_PRIMARY_SOURCE, &src, &sources));
            if replaced {
                WriteOutcome::Replaced
            } else {
                WriteOutcome::Rewritten
            }
        } else if replaced || old_expr.is_none() {
            WriteOutcome::SameText
        } else {
            // Same file and version, only the hash or pipeline record changed.
            WriteOutcome::RecordOnly
        };

        self.record_source(tx, &src, source, expr);
        Ok(outcome)
    }

    /// Removes the file's old record; when the file held another version before, unlinks it
    /// from that version, and drops the version if no other file holds it. Returns whether the
    /// file held another version (the write then replaces it).
    fn forget_record(
        &self,
        tx: &mut Transaction<'_>,
        src: &NamedNode,
        old_expr: Option<&NamedNode>,
        expr: &NamedNode,
    ) -> Result<bool, StorageError> {
        let sources = self.graph(SharedGraph::Sources);
        let record: Vec<Quad> = tx
            .quads_for_pattern(
                Some(src.as_ref().into()),
                None,
                None,
                Some(sources.as_ref()),
            )
            .collect::<Result<_, _>>()?;
        for q in &record {
            tx.remove(q);
        }
        let mut replaced = false;
        if let Some(old) = old_expr.filter(|old| *old != expr) {
            replaced = true;
            tx.remove(QuadRef::new(old, prov::WAS_DERIVED_FROM, src, &sources));
            tx.remove(QuadRef::new(old, prov::HAD_PRIMARY_SOURCE, src, &sources));
            let others = subjects_with(tx, pkg::EXPRESSES, old.as_ref().into(), sources.as_ref())?;
            if others.is_empty() {
                self.drop_version(tx, old)?;
            } else if first_object(tx, old.as_ref(), prov::HAD_PRIMARY_SOURCE, sources.as_ref())?
                .is_none()
            {
                // Offsets now refer to the text of another file holding the version.
                tx.insert(QuadRef::new(
                    old,
                    prov::HAD_PRIMARY_SOURCE,
                    &others[0],
                    &sources,
                ));
            }
        }
        Ok(replaced)
    }

    /// The file's record: path, hash, encoding, pipeline, time, and the version it expresses.
    fn record_source(
        &self,
        tx: &mut Transaction<'_>,
        src: &NamedNode,
        source: &SourceRecord,
        expr: &NamedNode,
    ) {
        for q in self.record_quads(src, source, expr) {
            tx.insert(&q);
        }
    }

    fn record_quads(&self, src: &NamedNode, source: &SourceRecord, expr: &NamedNode) -> Vec<Quad> {
        let sources = self.graph(SharedGraph::Sources);
        let q = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
            Quad::new(s.clone(), p, o, sources.clone())
        };
        let mut quads = vec![
            q(src, rdf::TYPE, pkg::SOURCE_FILE.into_owned().into()),
            q(src, pkg::PATH, string(&source.key).into()),
            q(src, pkg::CONTENT_HASH, string(&source.content_hash).into()),
            q(src, pkg::ENCODING, string(&source.encoding).into()),
            q(src, pkg::PIPELINE, string(&source.pipeline).into()),
            q(src, prov::GENERATED_AT_TIME, now_literal().into()),
            q(src, pkg::EXPRESSES, expr.clone().into()),
            q(expr, prov::WAS_DERIVED_FROM, src.clone().into()),
        ];
        if let Some(root) = &source.root {
            quads.push(q(src, pkg::ROOT, string(root).into()));
        }
        quads
    }

    /// The records, other than `src`, that `source` takes over: those it names, and any other
    /// record of the same `root` and `key` (the file's earlier content), still in the store.
    fn stale_records(
        &self,
        tx: &Transaction<'_>,
        src: &NamedNode,
        source: &SourceRecord,
    ) -> Result<Vec<NamedNode>, StorageError> {
        let sources = self.graph(SharedGraph::Sources);
        let mut stale: Vec<NamedNode> = Vec::new();
        for iri in &source.replaces {
            let n = NamedNode::new_unchecked(iri.as_str());
            if n != *src && !stale.contains(&n) && has_record(tx, &n, sources.as_ref())? {
                stale.push(n);
            }
        }
        let path = string(&source.key);
        for s in subjects_with(tx, pkg::PATH, path.as_ref().into(), sources.as_ref())? {
            let root = first_object(tx, s.as_ref(), pkg::ROOT, sources.as_ref())?;
            let same_root = match (&source.root, &root) {
                (Some(r), Some(Term::Literal(l))) => l.value() == r,
                (None, None) => true,
                _ => false,
            };
            if same_root && s != *src && !stale.contains(&s) {
                stale.push(s);
            }
        }
        Ok(stale)
    }

    /// Removes a file's record; its version goes too when no other file holds it (returned),
    /// else another file becomes its primary source if this one was.
    pub(crate) fn forget_file(
        &self,
        tx: &mut Transaction<'_>,
        src: &NamedNode,
    ) -> Result<Option<NamedNode>, StorageError> {
        let sources = self.graph(SharedGraph::Sources);
        let expr = match first_object(tx, src.as_ref(), pkg::EXPRESSES, sources.as_ref())? {
            Some(Term::NamedNode(n)) => Some(n),
            _ => None,
        };
        let mut quads: Vec<Quad> = tx
            .quads_for_pattern(
                Some(src.as_ref().into()),
                None,
                None,
                Some(sources.as_ref()),
            )
            .collect::<Result<_, _>>()?;
        quads.extend(
            tx.quads_for_pattern(
                None,
                None,
                Some(src.as_ref().into()),
                Some(sources.as_ref()),
            )
            .collect::<Result<Vec<_>, _>>()?,
        );
        for q in &quads {
            tx.remove(q);
        }
        let Some(expr) = expr else {
            return Ok(None);
        };
        let others = subjects_with(tx, pkg::EXPRESSES, expr.as_ref().into(), sources.as_ref())?;
        if others.is_empty() {
            remove_about(tx, expr.as_ref(), None, sources.as_ref())?;
            self.drop_version(tx, &expr)?;
            return Ok(Some(expr));
        }
        if first_object(
            tx,
            expr.as_ref(),
            prov::HAD_PRIMARY_SOURCE,
            sources.as_ref(),
        )?
        .is_none()
        {
            // Offsets now refer to the text of another file holding the version.
            tx.insert(QuadRef::new(
                &expr,
                prov::HAD_PRIMARY_SOURCE,
                &others[0],
                &sources,
            ));
        }
        Ok(None)
    }

    /// Records the file as now lying under `source.root` (the same bytes, moved or re-cloned):
    /// only its `pkg:root` changes, in one small transaction.
    pub fn relocate(&self, source: &SourceRecord) -> Result<(), GraphError> {
        let Some(root) = &source.root else {
            return Ok(());
        };
        let src = self.source_iri(source);
        let sources = self.graph(SharedGraph::Sources);
        let mut tx = self
            .store
            .start_transaction()
            .map_err(self.err("start a transaction"))?;
        let old: Vec<Quad> = tx
            .quads_for_pattern(
                Some(src.as_ref().into()),
                Some(pkg::ROOT),
                None,
                Some(sources.as_ref()),
            )
            .collect::<Result<_, _>>()
            .map_err(self.err("read the sources graph"))?;
        for q in &old {
            tx.remove(q);
        }
        tx.insert(QuadRef::new(&src, pkg::ROOT, &string(root), &sources));
        tx.commit()
            .map_err(|e| classify(&self.path, &format!("commit {}", source.key), e))
    }

    /// The root a file's record holds (`None`: not recorded, or recorded without one).
    pub fn recorded_root(&self, source: &SourceRecord) -> Result<Option<String>, GraphError> {
        let src = self.source_iri(source);
        Ok(self.record(&src)?.and_then(|r| r.root))
    }

    /// The record `iri`, if the store has it.
    pub fn record(&self, iri: &NamedNode) -> Result<Option<Located>, GraphError> {
        let sources = self.graph(SharedGraph::Sources);
        let mut path = None;
        let mut root = None;
        let mut expresses = None;
        for q in self.store.quads_for_pattern(
            Some(iri.as_ref().into()),
            None,
            None,
            Some(sources.as_ref()),
        ) {
            let q = q.map_err(self.err("read the sources graph"))?;
            match (q.predicate.as_ref(), q.object) {
                (p, Term::Literal(l)) if p == pkg::PATH => path = Some(l.value().to_owned()),
                (p, Term::Literal(l)) if p == pkg::ROOT => root = Some(l.value().to_owned()),
                (p, Term::NamedNode(n)) if p == pkg::EXPRESSES => expresses = Some(n),
                _ => {}
            }
        }
        Ok(path.map(|path| Located {
            iri: iri.clone(),
            path,
            root,
            expresses,
        }))
    }

    /// The records whose `pkg:path` is `path` (in any root), sorted by IRI.
    pub fn records_with_path(&self, path: &str) -> Result<Vec<Located>, GraphError> {
        let sources = self.graph(SharedGraph::Sources);
        let mut found = Vec::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(pkg::PATH),
            Some(string(path).as_ref().into()),
            Some(sources.as_ref()),
        ) {
            let q = q.map_err(self.err("read the sources graph"))?;
            if let NamedOrBlankNode::NamedNode(n) = q.subject {
                if let Some(r) = self.record(&n)? {
                    found.push(r);
                }
            }
        }
        found.sort_by(|a, b| a.iri.as_str().cmp(b.iri.as_str()));
        found.dedup();
        Ok(found)
    }

    /// The records of the file at the absolute path `file`, whatever directory it was ingested
    /// through (each ancestor is a possible root), and a record from before mapping version 7
    /// holding that absolute path.
    pub fn locate(&self, file: &Path) -> Result<Vec<Located>, GraphError> {
        let mut found = Vec::new();
        if let Some(abs) = file.to_str() {
            found.extend(
                self.records_with_path(abs)?
                    .into_iter()
                    .filter(|r| r.root.is_none()),
            );
        }
        for root in file.ancestors().skip(1) {
            let (Ok(rel), Some(root_str)) = (file.strip_prefix(root), root.to_str()) else {
                continue;
            };
            let Some(rel) = relative_key(rel) else {
                continue;
            };
            found.extend(
                self.records_with_path(&rel)?
                    .into_iter()
                    .filter(|r| r.root.as_deref() == Some(root_str)),
            );
        }
        Ok(found)
    }

    /// Whether `doc`, read from `src`, should replace the graph already stored for its text.
    fn supersedes(
        &self,
        tx: &Transaction<'_>,
        doc: &MappedDocument,
        src: &NamedNode,
    ) -> Result<bool, StorageError> {
        let sources = self.graph(SharedGraph::Sources);
        let primary = first_object(
            tx,
            doc.expression.as_ref(),
            prov::HAD_PRIMARY_SOURCE,
            sources.as_ref(),
        )?;
        if primary.as_ref() == Some(&Term::NamedNode(src.clone())) {
            return Ok(true);
        }
        let graph = GraphNameRef::NamedNode(doc.expression.as_ref());
        let stored: Vec<Quad> = tx
            .quads_for_pattern(None, None, None, Some(graph))
            .collect::<Result<_, _>>()?;
        Ok(doc.richness > Richness::of(&doc.expression, stored.iter().map(Quad::as_ref)))
    }

    /// Inserts a version's graph and its shared facts.
    fn insert_version(
        &self,
        tx: &mut Transaction<'_>,
        doc: &MappedDocument,
    ) -> Result<(), StorageError> {
        tx.insert_named_graph(&doc.expression);
        for q in &doc.quads {
            tx.insert(q);
        }
        for q in self.shared_facts(doc, |q| tx.contains(q))? {
            tx.insert(&q);
        }
        Ok(())
    }

    /// The facts a version adds to the shared graphs: its works' to `graph/works`, its
    /// agencies' to `graph/agencies` unless the gazetteer states them already (stated twice,
    /// they would double union-graph rows). `stated` asks the store, or the transaction.
    fn shared_facts(
        &self,
        doc: &MappedDocument,
        mut stated: impl FnMut(QuadRef<'_>) -> Result<bool, StorageError>,
    ) -> Result<Vec<Quad>, StorageError> {
        let works = self.graph(SharedGraph::Works);
        let agencies = self.graph(SharedGraph::Agencies);
        let gazetteer = self.graph(SharedGraph::Gazetteer);
        let mut facts: Vec<Quad> = doc
            .work_facts
            .iter()
            .map(|t| t.clone().in_graph(works.clone()))
            .collect();
        for t in &doc.agency_facts {
            if !stated(t.as_ref().in_graph(gazetteer.as_ref()))? {
                facts.push(t.clone().in_graph(agencies.clone()));
            }
        }
        Ok(facts)
    }

    /// Whether writing `doc` from `source` only adds: the file has no record and no graph holds
    /// the version. Then [`GraphStore::add_new`] may batch it with others. `batch` holds the
    /// documents already added to the batch, which the store does not see yet.
    pub fn is_new(
        &self,
        batch: &NewDocuments,
        doc: &MappedDocument,
        source: &SourceRecord,
    ) -> Result<bool, GraphError> {
        let src = self.source_iri(source);
        if batch.keys.contains(src.as_str())
            || batch.versions.contains(&doc.expression)
            || !source.replaces.is_empty()
        {
            return Ok(false);
        }
        // Another record of the same place (the file's earlier content) is an edit, not new.
        if self
            .records_with_path(&source.key)?
            .iter()
            .any(|r| r.root == source.root)
        {
            return Ok(false);
        }
        let sources = self.graph(SharedGraph::Sources);
        let recorded = self
            .store
            .quads_for_pattern(
                Some(src.as_ref().into()),
                None,
                None,
                Some(sources.as_ref()),
            )
            .next()
            .transpose()
            .map_err(self.err("read the sources graph"))?
            .is_some();
        if recorded {
            return Ok(false);
        }
        Ok(!self
            .store
            .contains_named_graph(&doc.expression)
            .map_err(self.err("read the store"))?)
    }

    /// Adds a document that [`GraphStore::is_new`] found new to `batch`: the same quads
    /// [`GraphStore::write`] would insert for it (its version's graph, the shared facts, the
    /// file's record), written by [`GraphStore::commit_new`].
    pub fn add_new(
        &self,
        batch: &mut NewDocuments,
        doc: MappedDocument,
        source: &SourceRecord,
    ) -> Result<(), GraphError> {
        let src = self.source_iri(source);
        let shared = self
            .shared_facts(&doc, |q| self.store.contains(q))
            .map_err(self.err("read the gazetteer"))?;
        let expr = &doc.expression;
        batch.quads.extend(doc.quads);
        batch.quads.extend(shared);
        let sources = self.graph(SharedGraph::Sources);
        batch.quads.push(Quad::new(
            expr.clone(),
            prov::HAD_PRIMARY_SOURCE,
            src.clone(),
            sources,
        ));
        batch.quads.extend(self.record_quads(&src, source, expr));
        batch.keys.insert(src.as_str().to_owned());
        batch.versions.insert(expr.clone());
        Ok(())
    }

    /// Writes the documents of `batch` with Oxigraph's bulk loader (all of them or none, after
    /// `kill -9` too) and empties it. Returns how many documents it wrote.
    pub fn commit_new(&self, batch: &mut NewDocuments) -> Result<usize, GraphError> {
        let documents = batch.keys.len();
        if documents == 0 {
            return Ok(0);
        }
        let mut quads = std::mem::take(&mut batch.quads);
        batch.keys.clear();
        batch.versions.clear();
        // Oxigraph's bulk loader: sorted SST files, ingested into every column family in one
        // atomic RocksDB call (whole or absent after `kill -9`, like a transaction), without a
        // write-ahead log or memtables. Its threads each encode and sort a part of the batch:
        // extraction needs a fifth of the CPU the load does, and the cores would idle. (Loading
        // one batch on one thread while the next is gathered was slower: 130 s against 124 s
        // for 10,000 documents.)
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let mut loader = self.store.bulk_loader().with_num_threads(threads);
        let mut parts = Vec::with_capacity(threads);
        let part = quads.len().div_ceil(threads).max(1);
        while quads.len() > part {
            let rest = quads.split_off(part);
            parts.push(std::mem::replace(&mut quads, rest));
        }
        parts.push(quads);
        parts
            .into_iter()
            .try_for_each(|part| loader.load_quads(part))
            .and_then(|()| loader.commit())
            .map_err(|e| classify(&self.path, &format!("commit {documents} new documents"), e))?;
        failpoint::after_commit(documents);
        Ok(documents)
    }

    /// Removes a version's graph, and from the works graph the policies it realised or cited
    /// that no remaining version realises or cites.
    pub(crate) fn drop_version(
        &self,
        tx: &mut Transaction<'_>,
        expr: &NamedNode,
    ) -> Result<(), StorageError> {
        let graph = GraphNameRef::NamedNode(expr.as_ref());
        let mut works: Vec<NamedNode> = Vec::new();
        for p in [eli::REALIZES, eli::CITES] {
            for q in tx.quads_for_pattern(Some(expr.as_ref().into()), Some(p), None, Some(graph)) {
                if let Term::NamedNode(n) = q?.object {
                    works.push(n);
                }
            }
        }
        tx.remove_named_graph(expr)?;
        let works_graph = self.graph(SharedGraph::Works);
        for w in works {
            let mut still = false;
            for p in [eli::REALIZES, eli::CITES] {
                still |= tx
                    .quads_for_pattern(None, Some(p), Some(w.as_ref().into()), None)
                    .next()
                    .transpose()?
                    .is_some();
            }
            if !still {
                remove_about(tx, w.as_ref(), None, works_graph.as_ref())?;
            }
        }
        Ok(())
    }

    /// Publishes the vocabulary and the gazetteer when they changed since the last run, each in
    /// one transaction. Returns which graphs were (re)written.
    pub fn publish_reference(&self, ontology: &Ontology) -> Result<Vec<SharedGraph>, GraphError> {
        let mut written = Vec::new();
        // Fingerprints are taken over the inputs (cheap) rather than the quads they become
        // (the gazetteer is tens of thousands of quads): every run checks them.
        let version = format!("{} {MAPPING_VERSION}", self.iris.base());
        let fp =
            crate::iri::sha256_hex(format!("{version}\n{}", publish::VOCABULARY_TTL).as_bytes());
        if !self.reference_is(SharedGraph::Vocabulary, &fp)? {
            let quads = publish::vocabulary_quads(&self.iris)?;
            self.replace_reference(SharedGraph::Vocabulary, &quads, &fp)?;
            written.push(SharedGraph::Vocabulary);
        }
        let agencies = publish::gazetteer_records(ontology);
        let mut jurisdictions: Vec<String> = ontology
            .jurisdictions
            .iter()
            .map(|j| format!("{j:?}"))
            .collect();
        jurisdictions.sort();
        let fp = crate::iri::sha256_hex(
            format!("{version}\n{jurisdictions:?}\n{agencies:?}").as_bytes(),
        );
        if !self.reference_is(SharedGraph::Gazetteer, &fp)? {
            let quads = publish::gazetteer_quads(&self.iris, ontology, &agencies);
            self.replace_reference(SharedGraph::Gazetteer, &quads, &fp)?;
            written.push(SharedGraph::Gazetteer);
        }
        Ok(written)
    }

    /// Whether the reference graph was published from inputs with this fingerprint.
    fn reference_is(&self, which: SharedGraph, fp: &str) -> Result<bool, GraphError> {
        let meta = self.graph(SharedGraph::Meta);
        let name = self.iris.graph(which);
        self.store
            .contains(QuadRef::new(
                &name,
                pkg::CONTENT_FINGERPRINT,
                &string(fp),
                &meta,
            ))
            .map_err(self.err("read the store metadata"))
    }

    fn replace_reference(
        &self,
        which: SharedGraph,
        quads: &[Quad],
        fp: &str,
    ) -> Result<(), GraphError> {
        let meta = self.graph(SharedGraph::Meta);
        let name = self.iris.graph(which);
        let fp_quad = Quad::new(
            name.clone(),
            pkg::CONTENT_FINGERPRINT,
            string(fp),
            meta.clone(),
        );
        let mut tx = self
            .store
            .start_transaction()
            .map_err(self.err("start a transaction"))?;
        let result: Result<(), StorageError> = (|| {
            tx.clear_graph(GraphNameRef::NamedNode(name.as_ref()))?;
            tx.insert_named_graph(&name);
            for q in quads {
                tx.insert(q);
            }
            for old in tx
                .quads_for_pattern(
                    Some(name.as_ref().into()),
                    Some(pkg::CONTENT_FINGERPRINT),
                    None,
                    Some(meta.as_ref()),
                )
                .collect::<Result<Vec<_>, _>>()?
            {
                tx.remove(&old);
            }
            tx.insert(&fp_quad);
            if which == SharedGraph::Gazetteer {
                // What the gazetteer now states must not be stated again by the agencies graph.
                let agencies = self.graph(SharedGraph::Agencies);
                let gazetteer = GraphName::NamedNode(name.clone());
                let doubles: Vec<Quad> = tx
                    .quads_for_pattern(None, None, None, Some(agencies.as_ref()))
                    .filter(|q| match q {
                        Ok(q) => tx
                            .contains(QuadRef::new(
                                &q.subject,
                                &q.predicate,
                                &q.object,
                                &gazetteer,
                            ))
                            .unwrap_or(false),
                        Err(_) => true,
                    })
                    .collect::<Result<_, _>>()?;
                for q in &doubles {
                    tx.remove(q);
                }
            }
            Ok(())
        })();
        result.map_err(self.err("publish reference data"))?;
        tx.commit().map_err(self.err("commit reference data"))
    }

    /// Checks that every version graph is whole (its `pkg:tripleCount` matches) and every
    /// source file points at a version that is there. First every index of the store is read
    /// back ([`GraphStore::read_all`]), so a damaged table file anywhere is an error
    /// ([`GraphError::Corrupt`]), not only one under the documents.
    pub fn verify(&self) -> Result<Verification, GraphError> {
        let mut v = Verification::default();
        let read = self.err("read the store");
        self.read_all()?;
        for g in self.store.named_graphs() {
            let g = g.map_err(&read)?;
            let NamedOrBlankNode::NamedNode(g) = g else {
                continue;
            };
            if !self.iris.is_expression(g.as_str()) {
                continue;
            }
            let graph = GraphNameRef::NamedNode(g.as_ref());
            let mut count = 0i64;
            let mut declared = None;
            for q in self.store.quads_for_pattern(None, None, None, Some(graph)) {
                let q = q.map_err(&read)?;
                count += 1;
                if q.predicate == pkg::TRIPLE_COUNT
                    && matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if *s == g)
                {
                    if let Term::Literal(l) = &q.object {
                        declared = l.value().parse::<i64>().ok();
                    }
                }
            }
            match declared {
                Some(n) if n == count => v.whole_documents += 1,
                Some(n) => v.broken.push((
                    g.as_str().to_owned(),
                    format!("declares {n} triples, holds {count}"),
                )),
                None => v.broken.push((
                    g.as_str().to_owned(),
                    format!("no pkg:tripleCount ({count} triples)"),
                )),
            }
        }
        let sources = self.graph(SharedGraph::Sources);
        for q in
            self.store
                .quads_for_pattern(None, Some(pkg::EXPRESSES), None, Some(sources.as_ref()))
        {
            let q = q.map_err(&read)?;
            let ok = match &q.object {
                Term::NamedNode(e) => self.store.contains_named_graph(e).map_err(&read)?,
                _ => false,
            };
            if !ok {
                v.dangling_sources.push(q.subject.to_string());
            }
        }
        Ok(v)
    }

    /// Reads every quad through each of the store's indexes (by subject, predicate, object and
    /// graph, and graph with predicate or object) and checks they agree on the count (object
    /// lookups match literals by value, so there at least the count). Not
    /// [`Store::validate`]: on a damaged table file its iterators yield the same error forever
    /// and it never returns; here the first error ends the check.
    pub fn read_all(&self) -> Result<(), GraphError> {
        let damaged = |e: StorageError| match classify(&self.path, "read the store", e) {
            // Whatever stops a full read of a store that opened is damage.
            GraphError::Storage { path, reason, .. } => GraphError::Corrupt { path, reason },
            other => other,
        };
        let mut subjects = HashSet::new();
        let mut predicates = HashSet::new();
        let mut objects = HashSet::new();
        let mut graphs = HashSet::new();
        let mut graph_predicates = HashSet::new();
        let mut graph_objects = HashSet::new();
        let mut total = 0usize;
        for q in self.store.quads_for_pattern(None, None, None, None) {
            let q = q.map_err(damaged)?;
            total += 1;
            subjects.insert(q.subject);
            predicates.insert(q.predicate.clone());
            objects.insert(q.object.clone());
            graphs.insert(q.graph_name.clone());
            graph_predicates.insert((q.graph_name.clone(), q.predicate));
            graph_objects.insert((q.graph_name, q.object));
        }
        let count = |it: &mut dyn Iterator<Item = Result<Quad, StorageError>>| {
            let mut n = 0;
            for q in it {
                q.map_err(damaged)?;
                n += 1;
            }
            Ok::<usize, GraphError>(n)
        };
        let mut by = [0usize; 6];
        for s in &subjects {
            by[0] += count(
                &mut self
                    .store
                    .quads_for_pattern(Some(s.as_ref()), None, None, None),
            )?;
        }
        for p in &predicates {
            by[1] += count(
                &mut self
                    .store
                    .quads_for_pattern(None, Some(p.as_ref()), None, None),
            )?;
        }
        for o in &objects {
            by[2] += count(
                &mut self
                    .store
                    .quads_for_pattern(None, None, Some(o.as_ref()), None),
            )?;
        }
        for g in &graphs {
            by[3] += count(
                &mut self
                    .store
                    .quads_for_pattern(None, None, None, Some(g.as_ref())),
            )?;
        }
        for (g, p) in &graph_predicates {
            by[4] += count(&mut self.store.quads_for_pattern(
                None,
                Some(p.as_ref()),
                None,
                Some(g.as_ref()),
            ))?;
        }
        for (g, o) in &graph_objects {
            by[5] += count(&mut self.store.quads_for_pattern(
                None,
                None,
                Some(o.as_ref()),
                Some(g.as_ref()),
            ))?;
        }
        // By object, literals equal in value ("5" and "05" as integers) match each other's
        // lookups, so those counts may exceed the total; the others are exact.
        if [by[0], by[1], by[3], by[4]].iter().any(|&n| n != total)
            || by[2] < total
            || by[5] < total
        {
            return Err(GraphError::Corrupt {
                path: self.path.clone(),
                reason: format!(
                    "its indexes disagree: {total} quads in all, by subject, predicate, object, \
                     graph, graph and predicate, graph and object: {by:?}"
                ),
            });
        }
        Ok(())
    }

    /// Documents, files, tasks and agencies in the store (`quads` is a full scan).
    pub fn counts(&self, with_quads: bool) -> Result<StoreCounts, GraphError> {
        let read = self.err("read the store");
        let count = |p: NamedNodeRef<'_>, o: Option<TermRef<'_>>| -> Result<usize, GraphError> {
            let mut n = 0;
            for q in self.store.quads_for_pattern(None, Some(p), o, None) {
                q.map_err(&read)?;
                n += 1;
            }
            Ok(n)
        };
        let mut agencies = HashSet::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(pkg::RESPONSIBLE_AGENCY), None, None)
        {
            agencies.insert(q.map_err(&read)?.object);
        }
        Ok(StoreCounts {
            documents: count(pkg::TRIPLE_COUNT, None)?,
            source_files: count(pkg::EXPRESSES, None)?,
            tasks: count(rdf::TYPE, Some(pkg::TASK.into()))?,
            agencies: agencies.len(),
            quads: if with_quads {
                self.store.len().map_err(&read)?
            } else {
                0
            },
        })
    }
}

/// A fail point for crash tests, so that they stop a writer at a known place instead of at a
/// guessed time. Test-only and inert unless [`FAILPOINT_ENV`] is set.
pub mod failpoint {
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;

    /// `POLICYKG_FAILPOINT=pause-after-commits:N`: right after the commit that brings the
    /// documents committed by this process to N or more, print [`PAUSED`]` D` (D: the documents
    /// committed so far; more than N when a batch of several went in at once) on its own line to
    /// standard error and block forever (a test then `kill -9`s the process). Unset, nothing
    /// happens.
    pub const FAILPOINT_ENV: &str = "POLICYKG_FAILPOINT";

    /// The start of the line printed when the process pauses.
    pub const PAUSED: &str = "policykg-failpoint: paused after-commits";

    static COMMITS: AtomicU64 = AtomicU64::new(0);

    fn pause_at() -> Option<u64> {
        static AT: OnceLock<Option<u64>> = OnceLock::new();
        *AT.get_or_init(|| {
            let value = std::env::var(FAILPOINT_ENV).ok()?;
            let n = value
                .strip_prefix("pause-after-commits:")
                .and_then(|n| n.parse().ok());
            if n.is_none() {
                eprintln!(
                    "policykg: ignoring {FAILPOINT_ENV}={value}: expected pause-after-commits:N"
                );
            }
            n
        })
    }

    /// Called after each commit with the documents it wrote.
    pub(crate) fn after_commit(documents: usize) {
        let Some(at) = pause_at() else {
            return;
        };
        let before = COMMITS.fetch_add(documents as u64, Ordering::SeqCst);
        let now = before + documents as u64;
        if before < at && now >= at {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{PAUSED} {now}");
            let _ = err.flush();
            drop(err);
            loop {
                std::thread::park();
            }
        }
    }
}

/// The base IRI the store was built with (found by predicate: its meta graph is named under
/// that very base).
fn stored_base(store: &Store, path: &Path) -> Result<Option<String>, GraphError> {
    for q in store.quads_for_pattern(None, Some(pkg::BASE_IRI), None, None) {
        let q = q.map_err(|e| classify(path, "read the store metadata", e))?;
        if let Term::Literal(l) = q.object {
            return Ok(Some(l.value().to_owned()));
        }
    }
    Ok(None)
}

/// Removes what graph `g` says about `s` (with predicate `p`, or any).
fn remove_about(
    tx: &mut Transaction<'_>,
    s: NamedNodeRef<'_>,
    p: Option<NamedNodeRef<'_>>,
    g: GraphNameRef<'_>,
) -> Result<(), StorageError> {
    let quads = tx
        .quads_for_pattern(Some(s.into()), p, None, Some(g))
        .collect::<Result<Vec<_>, _>>()?;
    for q in &quads {
        tx.remove(q);
    }
    Ok(())
}

fn first_object(
    tx: &Transaction<'_>,
    s: NamedNodeRef<'_>,
    p: NamedNodeRef<'_>,
    g: GraphNameRef<'_>,
) -> Result<Option<Term>, StorageError> {
    Ok(tx
        .quads_for_pattern(Some(s.into()), Some(p), None, Some(g))
        .next()
        .transpose()?
        .map(|q| q.object))
}

fn subjects_with(
    tx: &Transaction<'_>,
    p: NamedNodeRef<'_>,
    o: TermRef<'_>,
    g: GraphNameRef<'_>,
) -> Result<Vec<NamedNode>, StorageError> {
    tx.quads_for_pattern(None, Some(p), Some(o), Some(g))
        .filter_map(|q| match q {
            Ok(q) => match q.subject {
                NamedOrBlankNode::NamedNode(n) => Some(Ok(n)),
                _ => None,
            },
            Err(e) => Some(Err(e)),
        })
        .collect()
}

/// Whether `src` has a record in the sources graph.
fn has_record(
    tx: &Transaction<'_>,
    src: &NamedNode,
    sources: GraphNameRef<'_>,
) -> Result<bool, StorageError> {
    Ok(tx
        .quads_for_pattern(Some(src.as_ref().into()), None, None, Some(sources))
        .next()
        .transpose()?
        .is_some())
}

/// Moves the record `from` to the IRI `to`: its own statements and those naming it.
fn rename_record(
    tx: &mut Transaction<'_>,
    from: &NamedNode,
    to: &NamedNode,
    sources: GraphNameRef<'_>,
) -> Result<(), StorageError> {
    let own: Vec<Quad> = tx
        .quads_for_pattern(Some(from.as_ref().into()), None, None, Some(sources))
        .collect::<Result<_, _>>()?;
    let naming: Vec<Quad> = tx
        .quads_for_pattern(None, None, Some(from.as_ref().into()), Some(sources))
        .collect::<Result<_, _>>()?;
    for q in own {
        tx.remove(&q);
        tx.insert(QuadRef::new(to, &q.predicate, &q.object, sources));
    }
    for q in naming {
        tx.remove(&q);
        tx.insert(QuadRef::new(&q.subject, &q.predicate, to, sources));
    }
    Ok(())
}

/// A relative path as stored: its components joined by `/` (`None` if not UTF-8, or if it
/// climbs with `..`).
pub fn relative_key(rel: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            std::path::Component::Normal(s) => parts.push(s.to_str()?),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether the graph holds exactly `quads` (checked by count, then membership).
fn graph_equals(
    tx: &Transaction<'_>,
    graph: &GraphName,
    quads: &[Quad],
    len: i64,
) -> Result<bool, StorageError> {
    let mut n = 0i64;
    for q in tx.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
        q?;
        n += 1;
        if n > len {
            return Ok(false);
        }
    }
    if n != len {
        return Ok(false);
    }
    for q in quads {
        if !tx.contains(q)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The current time as xsd:dateTime (UTC).
fn now_literal() -> Literal {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Literal::new_typed_literal(policykg_text::time::utc_rfc3339(secs), xsd::DATE_TIME)
}
