//! Files → the store. [`prepare_file`] turns one file into a [`Prepared`] document (read,
//! outline, extract, map; pure and thread-safe); [`ingest_paths`] is the whole load: discovery,
//! parallel preparation, the single writer, totals, revision links and the flush, so every
//! caller (the CLI, tests, a future service) ingests the same way.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use policykg_extract::Processed;
use policykg_ontology::Ontology;
use policykg_read::Limits;
use rayon::prelude::*;
use serde::Serialize;

use crate::iri::{fingerprint, sha256_hex, Iris};
use crate::mapping::{map_extraction, MappedDocument};
use crate::store::{GraphStore, NewDocuments, SourceRecord, StoreCounts, WriteOutcome};
use crate::GraphError;

/// A document ready for [`GraphStore::write`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The path as the user gave it, for messages.
    pub display: String,
    pub source: SourceRecord,
    pub doc: MappedDocument,
    /// Extraction warnings (also recorded in the graph as `pkg:warning`).
    pub warnings: usize,
}

/// What preparing a file found.
#[derive(Debug)]
pub enum FileStatus {
    Prepared(Box<Prepared>),
    /// Same bytes, same pipeline, version whole in the store: nothing to do.
    Unchanged {
        display: String,
    },
    /// The same, but found under another root (the corpus moved or was cloned elsewhere): only
    /// the record's root is updated.
    Moved {
        display: String,
        source: SourceRecord,
    },
}

/// A file to ingest and the key it is stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as found (given, or under a directory given).
    pub path: PathBuf,
    /// The path relative to `root`: the name of the directory given followed by the file's
    /// path inside it, or, for a file given by itself, its parent directory's name and its own.
    pub key: String,
    /// The absolute (canonical) directory `key` is relative to.
    pub root: String,
}

impl Input {
    /// A file given by itself: keyed by its parent directory's name and its own name.
    pub fn file(path: &Path) -> Result<Input, GraphError> {
        let name = path.file_name().ok_or_else(|| GraphError::Input {
            path: path.display().to_string(),
            reason: "not a file name".into(),
        })?;
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Input::under(path, parent, Path::new(name))
    }

    /// The file `path`, found as `rel` under the directory `dir` that was given.
    fn under(path: &Path, dir: &Path, rel: &Path) -> Result<Input, GraphError> {
        let bad = |reason: String| GraphError::Input {
            path: path.display().to_string(),
            reason,
        };
        let dir = std::fs::canonicalize(dir).map_err(|e| bad(format!("cannot read: {e}")))?;
        let (root, rel) = match (dir.parent(), dir.file_name()) {
            (Some(root), Some(name)) => (root.to_path_buf(), Path::new(name).join(rel)),
            // The file system's root has no name.
            _ => (dir.clone(), rel.to_path_buf()),
        };
        let utf8 = || bad("the path is not valid UTF-8".into());
        Ok(Input {
            path: path.to_owned(),
            key: crate::store::relative_key(&rel).ok_or_else(utf8)?,
            root: root.to_str().ok_or_else(utf8)?.to_owned(),
        })
    }
}

/// Reads the file (refusing files over `limits.max_bytes` before reading them) and, unless the
/// store already holds exactly this file (`force` ignores that), extracts and maps it.
///
/// A file that lies where a record of it says it was (ingested through another directory, or
/// before mapping version 7) keeps that record's key, or takes that record over; otherwise it is
/// keyed by `input.key`, so the same bytes under the same relative path are the same file
/// wherever the corpus now lies.
pub fn prepare_file(
    store: &GraphStore,
    input: &Input,
    ontology: &Ontology,
    limits: &Limits,
    force: bool,
) -> Result<FileStatus, GraphError> {
    let display = input.path.display().to_string();
    let bytes = policykg_read::read_file(&input.path, limits)?;
    let content_hash = sha256_hex(&bytes);
    let mut source = SourceRecord {
        key: input.key.clone(),
        root: Some(input.root.clone()),
        content_hash,
        encoding: String::new(),
        pipeline: crate::store::pipeline_version(ontology),
        replaces: Vec::new(),
    };
    let here = store.locate(&source.absolute())?;
    if !here
        .iter()
        .any(|r| r.root.is_some() && r.path == source.key)
    {
        if let Some(r) = here.iter().find(|r| r.root.is_some()) {
            source.key = r.path.clone();
            source.root = r.root.clone();
        }
    }
    let src = store.source_iri(&source);
    source.replaces = here
        .iter()
        .filter(|r| r.iri != src)
        .map(|r| r.iri.as_str().to_owned())
        .collect();
    if !force && source.replaces.is_empty() && store.is_unchanged(&source)? {
        if store.recorded_root(&source)? == source.root {
            return Ok(FileStatus::Unchanged { display });
        }
        return Ok(FileStatus::Moved { display, source });
    }
    let prepared = prepare_bytes(&display, source, &bytes, store.iris(), ontology, limits)?;
    Ok(FileStatus::Prepared(Box::new(prepared)))
}

/// Extracts and maps the bytes of a file recorded as `source` (its encoding is filled in).
pub fn prepare_bytes(
    display: &str,
    mut source: SourceRecord,
    bytes: &[u8],
    iris: &Iris,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<Prepared, GraphError> {
    let processed = policykg_extract::process_bytes(display, bytes, ontology, limits)?;
    let doc = map_processed(display, &processed, iris, ontology)?;
    source.content_hash = sha256_hex(bytes);
    source.encoding = processed.parsed.document.encoding.name.to_owned();
    Ok(Prepared {
        display: display.to_owned(),
        source,
        doc,
        warnings: processed.extraction.warnings.len(),
    })
}

/// Maps a processed document (read from `display`) to its version's graph: the graph `ingest`
/// writes for it, and `extract --format nquads` prints. A text that is only white space has no
/// version.
pub fn map_processed(
    display: &str,
    processed: &Processed,
    iris: &Iris,
    ontology: &Ontology,
) -> Result<MappedDocument, GraphError> {
    let fp = fingerprint(&processed.parsed.document.text);
    if fp == fingerprint("") {
        return Err(GraphError::Input {
            path: display.to_owned(),
            reason: "no text left after reading (only white space)".into(),
        });
    }
    Ok(map_extraction(&processed.extraction, &fp, iris, ontology))
}

/// Files prepared per round: the next round is prepared (in parallel) while this one is written,
/// so the single writer never waits for extraction and memory holds at most two rounds (a batch
/// of new documents may span rounds).
const WINDOW: usize = 64;

/// Quads written by transactions between two flushes of RocksDB's memtables. Oxigraph opens
/// RocksDB with a 512 MB memtable budget per column family and writes each quad to seven of them
/// (about 1 KB of memtable per quad): left alone, a load of 10,000 documents held 2.5 GB.
/// Flushing every 250,000 quads keeps them to a few hundred MB whatever the number of documents.
/// Batches of new documents are bulk-loaded as SST files and never fill the memtables.
const FLUSH_EVERY_QUADS: usize = 250_000;

/// New documents per batch when [`IngestOptions::batch`] is 0. Each batch lands in RocksDB as a
/// set of overlapping files that background compaction then merges, so larger batches cost less
/// compaction (10,000 documents: 160 s at 32, see docs/benchmarks.md), while memory grows with
/// the batch's quads (about 0.7 GB peak at 256, whatever the number of documents).
pub const DEFAULT_BATCH: usize = 256;

/// A batch is written once it holds this many quads, however few documents: what bounds memory
/// is the quads (256 generated documents make about 330,000), and real documents vary.
const MAX_BATCH_QUADS: usize = 400_000;

/// How [`ingest_paths`] treats files.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub limits: Limits,
    /// Extract and write every file even if the store already holds it unchanged.
    pub force: bool,
    /// New documents bulk-loaded together (0: [`DEFAULT_BATCH`]; 1: one transaction each). A
    /// batch is whole or absent after a crash, like a single document; a file that replaces
    /// another version, or shares its text with one, is always written on its own.
    pub batch: usize,
    /// Skip the compaction that ends a run which wrote a quarter of the store or more.
    pub no_compact: bool,
}

/// What happened to one file, for [`IngestProgress::file_done`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// The store held exactly this file already (nothing was extracted).
    Unchanged,
    /// Written; what the write did.
    Written(WriteOutcome),
    /// The file could not be ingested; the message names it.
    Failed(String),
}

/// Hears about an ingest as it goes (the CLI draws a progress bar). Called on the thread that
/// called [`ingest_paths`], so an implementation needs no locking.
pub trait IngestProgress {
    /// Discovery is done: `total` files will be reported.
    fn started(&mut self, _total: usize) {}
    fn file_done(&mut self, _display: &str, _outcome: &FileOutcome) {}
    /// Every file is written (revision linking and the flush follow).
    fn finished(&mut self) {}
    /// A step after the files, which takes a while on a large store: linking versions,
    /// recording their changes, compacting.
    fn stage(&mut self, _what: &str) {}
}

/// No progress reporting.
impl IngestProgress for () {}

/// The totals of an ingest. Serialised, it is the CLI's `ingest --format json` summary (scripts
/// and the crash test read its keys: keep them).
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// Files seen, failed ones included.
    pub files: usize,
    pub new: usize,
    pub replaced: usize,
    pub rewritten: usize,
    pub same_text: usize,
    pub unchanged: usize,
    /// Of the unchanged files, those found under another root than recorded (a moved or
    /// re-cloned corpus): only their root was updated.
    pub relocated: usize,
    /// One message per file (or path) that failed, naming it; serialised as their number.
    #[serde(rename = "failed", serialize_with = "count")]
    pub failures: Vec<String>,
    pub written: WrittenTotals,
    pub store: StoreTotals,
}

/// What this ingest wrote (files whose graph was added, replaced or rewritten).
#[derive(Debug, Clone, Default, Serialize)]
pub struct WrittenTotals {
    pub documents: usize,
    pub tasks: usize,
    /// Distinct agencies named by the documents written.
    pub agencies: usize,
    pub triples: usize,
    pub seconds: f64,
}

/// The store after the ingest.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoreTotals {
    pub path: String,
    pub documents: usize,
    pub source_files: usize,
    pub tasks: usize,
    pub agencies: usize,
    pub revision_links: usize,
}

fn count<S: serde::Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(v.len() as u64)
}

/// Ingests the files under `paths` (directories read recursively, each file once however many
/// times it is named): publishes the vocabulary and gazetteer, prepares files in parallel
/// windows while the previous window is written, then links the versions of each policy and
/// flushes. A file that cannot be read or extracted is a failure in the report and the load
/// goes on; a damaged store ends it with the error (every later write would fail the same way).
pub fn ingest_paths(
    store: &GraphStore,
    paths: &[PathBuf],
    ontology: &Ontology,
    options: &IngestOptions,
    progress: &mut impl IngestProgress,
) -> Result<IngestReport, GraphError> {
    let started = Instant::now();
    store.publish_reference(ontology)?;
    let mut report = IngestReport::default();
    let files = discover_files(paths, &mut report)?;
    progress.started(files.len());

    let prepare = |window: &[Input]| -> Vec<(String, Result<FileStatus, GraphError>)> {
        window
            .par_iter()
            .map(|p| {
                (
                    p.path.display().to_string(),
                    prepare_file(store, p, ontology, &options.limits, options.force),
                )
            })
            .collect()
    };
    let batch = if options.batch == 0 {
        DEFAULT_BATCH
    } else {
        options.batch
    };
    let mut writer = Writer {
        store,
        report,
        agencies: BTreeSet::new(),
        fatal: None,
        batch_size: batch,
        batch: NewDocuments::default(),
        batched: Vec::new(),
        unflushed: 0,
    };
    // The next window is prepared on all cores while the single writer writes this one.
    let mut windows = files.chunks(WINDOW);
    let mut pending = windows.next().map(prepare);
    for next in windows {
        let current = pending.take().unwrap_or_default();
        let prepared = std::thread::scope(|s| {
            let handle = s.spawn(|| prepare(next));
            writer.write_window(current, progress);
            handle.join()
        });
        pending = Some(prepared.map_err(|_| GraphError::Data {
            what: "ingest".into(),
            reason: "a preparation thread panicked".into(),
        })?);
    }
    if let Some(last) = pending {
        writer.write_window(last, progress);
    }
    if writer.fatal.is_none() {
        writer.commit_batch(progress);
    }
    progress.finished();
    if let Some(e) = writer.fatal {
        return Err(e);
    }
    // Versions of one policy (a draft and its final text, a 2020 and a 2024 edition) are
    // linked whatever order their files came in, so the links are recomputed over the store.
    progress.stage("linking the versions of each policy");
    let revisions = crate::versions::link_revisions(store)?;
    // What changed between linked versions, as data (computed once per pair of texts).
    progress.stage("recording what changed between versions");
    crate::changes::record_changes(store, ontology)?;
    store.flush()?;
    let counts = store.counts(false)?;
    let written = writer.report.new + writer.report.replaced + writer.report.rewritten;
    if !options.no_compact && compaction_due(written, counts.documents) {
        progress.stage("compacting the store (--no-compact skips it)");
        store.compact()?;
    }
    Ok(finish_report(
        store,
        writer.report,
        counts,
        writer.agencies.len(),
        revisions,
        started,
    ))
}

/// Whether a run that wrote `written` documents, leaving `total` in the store, should end by
/// compacting it. Batches arrive as overlapping sorted files, which every lookup then reads
/// one by one: compacted, the tasks-led-by query at 10,000 documents takes 18 ms instead of 24
/// (docs/benchmarks.md). Compaction rewrites the whole store, so it is due only when the run
/// wrote a quarter of it or more: a store grown one document at a time is compacted each time
/// it has grown by a quarter, which costs a constant factor over the writes, and RocksDB's own
/// background compaction covers the rest.
fn compaction_due(written: usize, total: usize) -> bool {
    written > 0 && written.saturating_mul(4) >= total
}

/// The files under `paths`, each once however many times (and by whatever path) it is named,
/// with their keys ([`Input`]); entries that cannot be listed become failures in `report`.
pub fn discover_files(
    paths: &[PathBuf],
    report: &mut IngestReport,
) -> Result<Vec<Input>, GraphError> {
    let mut files: Vec<Input> = Vec::new();
    let mut seen = HashSet::new();
    for given in paths {
        let is_dir = given.is_dir();
        for entry in policykg_read::discover(std::slice::from_ref(given)) {
            let p = match entry {
                Ok(p) => p,
                Err(e) => {
                    report.failures.push(e.to_string());
                    continue;
                }
            };
            let input = match p.strip_prefix(given) {
                Ok(rel) if is_dir => Input::under(&p, given, rel),
                _ => Input::file(&p),
            };
            match input {
                Ok(input) => {
                    let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
                    if seen.insert(key) {
                        files.push(input);
                    }
                }
                Err(e) => report.failures.push(e.to_string()),
            }
        }
    }
    if files.is_empty() && report.failures.is_empty() {
        return Err(GraphError::Input {
            path: paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            reason: "no files found".into(),
        });
    }
    Ok(files)
}

/// The single writer: writes new documents in batches and any other change one transaction
/// each, keeps the totals, and stops at the first sign of a damaged store (every later write
/// would fail the same way).
struct Writer<'s> {
    store: &'s GraphStore,
    report: IngestReport,
    agencies: BTreeSet<String>,
    fatal: Option<GraphError>,
    batch_size: usize,
    /// New documents not yet committed, and what to count for each once they are.
    batch: NewDocuments,
    batched: Vec<Batched>,
    /// Quads written since RocksDB's memtables were last flushed.
    unflushed: usize,
}

/// A document waiting in the batch: what the report counts once it is committed.
struct Batched {
    display: String,
    tasks: usize,
    triples: usize,
    agencies: Vec<String>,
}

impl Writer<'_> {
    fn write_window(
        &mut self,
        window: Vec<(String, Result<FileStatus, GraphError>)>,
        progress: &mut impl IngestProgress,
    ) {
        for (display, status) in window {
            if self.fatal.is_some() {
                return;
            }
            let status = match status {
                Ok(FileStatus::Prepared(p)) if self.batch_size > 1 => {
                    match self.store.is_new(&self.batch, &p.doc, &p.source) {
                        Ok(true) => {
                            self.add_to_batch(*p, progress);
                            continue;
                        }
                        Ok(false) => Ok(FileStatus::Prepared(p)),
                        Err(e) => Err(e),
                    }
                }
                other => other,
            };
            // Anything but a new document sees the store with the batch in it.
            self.commit_batch(progress);
            if self.fatal.is_some() {
                return;
            }
            let Some(outcome) = self.write_one(&display, status) else {
                return;
            };
            self.count(&outcome);
            progress.file_done(&display, &outcome);
        }
        if self.unflushed >= FLUSH_EVERY_QUADS && self.fatal.is_none() {
            self.unflushed = 0;
            if let Err(e) = self.store.flush() {
                self.fatal = Some(e);
            }
        }
    }

    fn add_to_batch(&mut self, p: Prepared, progress: &mut impl IngestProgress) {
        let waiting = Batched {
            display: p.display,
            tasks: p.doc.stats.tasks,
            triples: p.doc.quads.len(),
            agencies: p.doc.stats.agencies.iter().cloned().collect(),
        };
        match self.store.add_new(&mut self.batch, p.doc, &p.source) {
            Ok(()) => self.batched.push(waiting),
            Err(e) => {
                self.fail(&waiting.display, e, progress);
                return;
            }
        }
        if self.batch.len() >= self.batch_size || self.batch.quads() >= MAX_BATCH_QUADS {
            self.commit_batch(progress);
        }
    }

    /// Commits the waiting new documents in one bulk load and counts them.
    fn commit_batch(&mut self, progress: &mut impl IngestProgress) {
        if self.batched.is_empty() {
            return;
        }
        let waiting = std::mem::take(&mut self.batched);
        match self.store.commit_new(&mut self.batch) {
            Ok(_) => {
                for w in waiting {
                    self.count_written(w.tasks, w.triples, w.agencies);
                    let outcome = FileOutcome::Written(WriteOutcome::Added);
                    self.count(&outcome);
                    progress.file_done(&w.display, &outcome);
                }
            }
            Err(e) => self.batch_failed(waiting, e, progress),
        }
    }

    /// A batch none of whose documents was written: each is a failure (the next run writes
    /// it), or the end of the load for a damaged store.
    fn batch_failed(
        &mut self,
        waiting: Vec<Batched>,
        e: GraphError,
        progress: &mut impl IngestProgress,
    ) {
        if e.is_damaged_store() {
            self.fatal.get_or_insert(e);
            return;
        }
        for w in waiting {
            let outcome = FileOutcome::Failed(format!("{}: {e}", w.display));
            self.count(&outcome);
            progress.file_done(&w.display, &outcome);
        }
    }

    /// Counts what a written document brought: its tasks, triples and agencies.
    fn count_written(
        &mut self,
        tasks: usize,
        triples: usize,
        agencies: impl IntoIterator<Item = String>,
    ) {
        self.report.written.tasks += tasks;
        self.report.written.triples += triples;
        self.agencies.extend(agencies);
    }

    /// A file the store could not take: a failure, or the end of the load for a damaged store.
    fn fail(&mut self, display: &str, e: GraphError, progress: &mut impl IngestProgress) {
        if e.is_damaged_store() {
            self.fatal.get_or_insert(e);
            return;
        }
        let outcome = FileOutcome::Failed(format!("{display}: {e}"));
        self.count(&outcome);
        progress.file_done(display, &outcome);
    }

    /// What became of one file; `None` when the store, not the file, is at fault.
    fn write_one(
        &mut self,
        display: &str,
        status: Result<FileStatus, GraphError>,
    ) -> Option<FileOutcome> {
        let outcome = match status {
            Ok(FileStatus::Unchanged { .. }) => FileOutcome::Unchanged,
            Ok(FileStatus::Moved { source, .. }) => match self.store.relocate(&source) {
                Ok(()) => {
                    self.report.relocated += 1;
                    FileOutcome::Unchanged
                }
                Err(e) if e.is_damaged_store() => {
                    self.fatal.get_or_insert(e);
                    return None;
                }
                Err(e) => FileOutcome::Failed(format!("{display}: {e}")),
            },
            Ok(FileStatus::Prepared(p)) => match self.store.write(&p.doc, &p.source) {
                Ok(outcome) => {
                    if matches!(
                        outcome,
                        WriteOutcome::Added | WriteOutcome::Replaced | WriteOutcome::Rewritten
                    ) {
                        // A transaction goes through the memtables (a batch does not).
                        self.unflushed += p.doc.quads.len();
                        self.count_written(
                            p.doc.stats.tasks,
                            p.doc.quads.len(),
                            p.doc.stats.agencies.iter().cloned(),
                        );
                    }
                    FileOutcome::Written(outcome)
                }
                Err(e) if e.is_damaged_store() => {
                    self.fatal.get_or_insert(e);
                    return None;
                }
                Err(e) => FileOutcome::Failed(format!("{display}: {e}")),
            },
            Err(e) if e.is_damaged_store() => {
                self.fatal.get_or_insert(e);
                return None;
            }
            Err(e) => FileOutcome::Failed(e.to_string()),
        };
        Some(outcome)
    }

    fn count(&mut self, outcome: &FileOutcome) {
        let report = &mut self.report;
        match outcome {
            FileOutcome::Unchanged
            | FileOutcome::Written(WriteOutcome::RecordOnly | WriteOutcome::Unchanged) => {
                report.unchanged += 1
            }
            FileOutcome::Written(WriteOutcome::Added) => report.new += 1,
            FileOutcome::Written(WriteOutcome::Replaced) => report.replaced += 1,
            FileOutcome::Written(WriteOutcome::SameText) => report.same_text += 1,
            FileOutcome::Written(WriteOutcome::Rewritten) => report.rewritten += 1,
            FileOutcome::Failed(message) => report.failures.push(message.clone()),
        }
    }
}

/// Completes the report with the totals of this run and of the whole store.
fn finish_report(
    store: &GraphStore,
    mut report: IngestReport,
    counts: StoreCounts,
    agencies: usize,
    revisions: usize,
    started: Instant,
) -> IngestReport {
    report.files = report.new
        + report.replaced
        + report.same_text
        + report.rewritten
        + report.unchanged
        + report.failures.len();
    report.written.documents = report.new + report.replaced + report.rewritten;
    report.written.agencies = agencies;
    report.written.seconds = started.elapsed().as_secs_f64();
    report.store = StoreTotals {
        path: store.path().display().to_string(),
        documents: counts.documents,
        source_files: counts.source_files,
        tasks: counts.tasks,
        agencies: counts.agencies,
        revision_links: revisions,
    };
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    fn seed_001() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds/001_a6818095697d7a7c.txt")
    }

    #[test]
    fn keys_start_with_the_name_of_the_directory_given() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("corpus/seeds");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("001.txt");
        std::fs::copy(seed_001(), &file).unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let mut report = IngestReport::default();
        let found = discover_files(&[tmp.path().join("corpus")], &mut report).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key, "corpus/seeds/001.txt");
        assert_eq!(found[0].root, root.to_str().unwrap());
        // A file given by itself: its parent's name and its own.
        let alone = Input::file(&file).unwrap();
        assert_eq!(alone.key, "seeds/001.txt");
        assert_eq!(alone.root, root.join("corpus").to_str().unwrap());
        assert_eq!(crate::store::relative_key(Path::new("../x")), None);
    }

    #[test]
    fn a_record_made_before_roots_is_taken_over_not_doubled() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("corpus");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("001.txt");
        std::fs::copy(seed_001(), &file).unwrap();
        let gs = GraphStore::open(&tmp.path().join("store"), Mode::ReadWrite, None).unwrap();
        let ontology = Ontology::bundled();
        // The record as mapping version 6 wrote it: the absolute path, no root.
        let abs = std::fs::canonicalize(&file).unwrap();
        let legacy = SourceRecord {
            key: abs.to_str().unwrap().to_owned(),
            root: None,
            content_hash: String::new(),
            encoding: String::new(),
            pipeline: String::new(),
            replaces: Vec::new(),
        };
        let bytes = std::fs::read(&file).unwrap();
        let limits = Limits::default();
        let p = prepare_bytes("001.txt", legacy, &bytes, gs.iris(), ontology, &limits).unwrap();
        gs.write(&p.doc, &p.source).unwrap();
        assert_eq!(gs.locate(&abs).unwrap().len(), 1);

        let options = IngestOptions::default();
        let report = ingest_paths(&gs, &[dir], ontology, &options, &mut ()).unwrap();
        assert_eq!(report.new, 0, "{report:?}");
        let counts = gs.counts(false).unwrap();
        assert_eq!((counts.documents, counts.source_files), (1, 1));
        let here = gs.locate(&abs).unwrap();
        assert_eq!(here.len(), 1, "{here:?}");
        assert_eq!(here[0].path, "corpus/001.txt");
        assert_eq!(here[0].absolute(), abs);
    }

    #[test]
    fn compaction_follows_a_quarter_of_the_store() {
        assert!(compaction_due(10_000, 10_000), "a first load");
        assert!(compaction_due(2_500, 10_000));
        assert!(
            !compaction_due(2_499, 10_000),
            "a few documents added to many"
        );
        assert!(!compaction_due(0, 10_000), "nothing written");
        assert!(!compaction_due(0, 0));
    }
}
