//! The query worker: a child process that answers SPARQL queries and Graph Store reads for the
//! server, so that a runaway query can be stopped for good by killing it.
//!
//! Oxigraph checks cancellation only when it reads the store, so an in-process COUNT, ORDER BY or
//! cross product keeps its thread, its CPU and its memory after the client was told 503. A worker
//! process is stopped by SIGKILL at the deadline, and the kernel takes back everything it held.
//!
//! A worker opens the store read-only once, caps its own memory (`RLIMIT_DATA`, so an allocation
//! past the cap aborts this process only), tells the server it is ready, then answers one request
//! at a time (see [`crate::wire`] for the frames) on a thread with a large stack.
//!
//! **Wiring it into a binary.** The server starts workers with [`crate::WorkerCommand`]: a
//! program and its leading arguments, to which it appends `--settings JSON`. Any binary whose
//! entry point calls [`main`] for those arguments is a worker:
//! - this crate's `policykg-sparql-worker` binary (used by the integration tests);
//! - the `policykg` CLI, which re-executes itself as `policykg sparql-worker --settings …`
//!   ([`SUBCOMMAND`]): its `main` calls [`main`] first thing when `argv[1]` is [`SUBCOMMAND`],
//!   before parsing its own arguments, and `policykg serve` sets
//!   `WorkerCommand { program: current_exe(), args: [SUBCOMMAND] }`.
//!
//! Test-only fail points: when `POLICYKG_WORKER_FAILPOINTS` names a directory, a query whose
//! text contains `#failpoint:hang` creates `DIR/running.PID` and never returns, and one containing
//! `#failpoint:wait` creates `DIR/running.PID` and waits for `DIR/release.PID` before it runs. The
//! server never sets the variable; tests use it to know a query is running and to decide when it
//! ends, instead of guessing with sleeps.

use std::cell::{Cell, RefCell};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use oxigraph::io::RdfSerializer;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    Term, TermRef,
};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use oxigraph::store::{StorageError, Store};
use policykg_graph::query::{prepare_with, Prepare};
use policykg_graph::{GraphError, Mode};
use spareval::{InternalQuad, QueryableDataset};

use crate::negotiate::{negotiate, GraphFormat, GRAPH_FORMATS, RESULTS_FORMATS};
use crate::wire::{self, Reply, Request, Settings};

/// The hidden CLI subcommand that runs [`main`].
pub const SUBCOMMAND: &str = "sparql-worker";

/// The environment variable naming the fail-point directory (tests only).
pub const FAILPOINTS_ENV: &str = "POLICYKG_WORKER_FAILPOINTS";

/// Stack of the thread that parses and evaluates: what the guard run by the server before a
/// query is sent (`policykg_sparql::check`) was measured to need. Only touched pages are
/// committed, but the whole stack counts against the worker's memory cap.
pub const WORKER_STACK_BYTES: usize = policykg_sparql::QUERY_STACK_BYTES;

/// Runs a worker on this process's arguments (`[SUBCOMMAND] --settings JSON`) until the server
/// closes its stdin. Never returns to the caller's own argument parsing.
pub fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == SUBCOMMAND) {
        args.remove(0);
    }
    let settings = match parse_args(&args) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("policykg query worker: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let fail = |out: &mut std::io::StdoutLock, status: u16, message: String, damaged: bool| {
        eprintln!("policykg query worker: {message}");
        let _ = wire::write_json(
            out,
            &Reply::Failed {
                status,
                message,
                damaged,
            },
        );
        let _ = out.flush();
        ExitCode::FAILURE
    };
    if let Err(e) = limit_memory(settings.max_memory) {
        return fail(
            &mut out,
            500,
            format!("cannot cap the query worker's memory: {e}"),
            false,
        );
    }
    watch_parent();
    // Opened while the server's store compacts after a write, a read-only open can read a
    // manifest that lists a table file just removed: a fresh open reads the next one. Damage
    // that every open meets is reported as damage.
    let mut opened = policykg_graph::open(&settings.store, Mode::ReadOnly);
    for _ in 0..REOPENS {
        match &opened {
            Err(e) if vanished_file(&e.to_string()) => {
                opened = policykg_graph::open(&settings.store, Mode::ReadOnly);
            }
            _ => break,
        }
    }
    let store = match opened {
        Ok(store) => store,
        Err(e) => {
            let damaged = matches!(e, GraphError::Corrupt { .. });
            let message = if damaged {
                damaged_message(&settings.store, &e.to_string())
            } else {
                e.to_string()
            };
            return fail(&mut out, 503, message, damaged);
        }
    };
    drop(out);
    let settings_cap = settings.max_memory;
    let evaluator = std::thread::Builder::new()
        .name("policykg-sparql-worker".into())
        .stack_size(WORKER_STACK_BYTES)
        .spawn(move || serve_requests(store, &settings));
    match evaluator.map(|thread| thread.join()) {
        Ok(Ok(Ok(()))) => ExitCode::SUCCESS,
        Ok(Ok(Err(e))) => {
            // The server went away mid-answer: nothing left to tell it.
            eprintln!("policykg query worker: {e}");
            ExitCode::FAILURE
        }
        Ok(Err(_)) => ExitCode::FAILURE, // the panic message is already on stderr
        Err(e) => {
            let mut out = std::io::stdout().lock();
            fail(
                &mut out,
                500,
                format!(
                    "cannot start the query worker's evaluation thread ({} MiB of stack) under \
                     its memory cap of {}: {e}",
                    WORKER_STACK_BYTES >> 20,
                    crate::human_size(settings_cap)
                ),
                false,
            )
        }
    }
}

fn parse_args(args: &[OsString]) -> Result<Settings, String> {
    match args {
        [flag, json] if flag == "--settings" => {
            let json = json.to_str().ok_or("the --settings value is not UTF-8")?;
            serde_json::from_str(json).map_err(|e| format!("bad --settings: {e}"))
        }
        _ => Err(format!(
            "expected `--settings JSON`; this process is started by `policykg serve`, not by hand \
             (got {} arguments)",
            args.len()
        )),
    }
}

/// Ends this process when the server is gone (killed with SIGKILL, it cannot kill its workers):
/// an orphaned worker would otherwise run its query to the end. Checked once a second.
fn watch_parent() {
    // SAFETY: getppid has no preconditions.
    let parent = unsafe { libc::getppid() };
    let _ = std::thread::Builder::new()
        .name("policykg-worker-parent".into())
        .stack_size(64 * 1024)
        .spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
            // SAFETY: as above.
            if unsafe { libc::getppid() } != parent {
                eprintln!("policykg query worker: the server is gone; exiting");
                std::process::exit(1);
            }
        });
}

/// Lowers this process's data limit (heap, anonymous mappings, thread stacks) to `bytes`.
fn limit_memory(bytes: u64) -> std::io::Result<()> {
    let mut current = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into the struct we own.
    if unsafe { libc::getrlimit(libc::RLIMIT_DATA, &mut current) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let bytes = bytes as libc::rlim_t;
    let limit = libc::rlimit {
        rlim_cur: bytes.min(current.rlim_max),
        rlim_max: current.rlim_max,
    };
    // SAFETY: setrlimit reads the struct we own; lowering the soft limit needs no privilege.
    if unsafe { libc::setrlimit(libc::RLIMIT_DATA, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// The words for a damaged store, shared by the worker and the server's `/health`.
pub fn damaged_message(store: &Path, reason: &str) -> String {
    format!(
        "the store at {} is damaged ({reason}); stop the server and run `policykg verify --store {}` \
         to check it, then restore a backup or ingest again",
        store.display(),
        store.display()
    )
}

fn serve_requests(mut store: Store, settings: &Settings) -> std::io::Result<()> {
    let mut input = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    wire::write_json(
        &mut out,
        &Reply::Ready {
            pid: std::process::id(),
        },
    )?;
    out.flush()?;
    let failpoints = std::env::var_os(FAILPOINTS_ENV).map(PathBuf::from);
    while let Some(frame) = wire::read_frame(&mut input)? {
        let request: Request = match serde_json::from_slice(&frame) {
            Ok(request) => request,
            Err(e) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("unreadable request from the server: {e}"),
                ))
            }
        };
        // The fail points hold a query's first run; the server's guarded re-run of a stopped
        // query (the damage check) is not held again.
        if let (
            Some(dir),
            Request::Query {
                query,
                guarded: false,
                ..
            },
        ) = (&failpoints, &request)
        {
            failpoint(dir, query)?;
        }
        let mut outcome = run_request(&store, settings, &request);
        let mut reopens = 0;
        while reopens < REOPENS && outcome.as_ref().err().is_some_and(vanished_table_file) {
            reopens += 1;
            match policykg_graph::open(&settings.store, Mode::ReadOnly) {
                Ok(fresh) => {
                    store = fresh;
                    outcome = run_request(&store, settings, &request);
                }
                Err(_) => break,
            }
        }
        match outcome {
            Ok(answer) => {
                wire::write_json(
                    &mut out,
                    &Reply::Answer {
                        content_type: answer.content_type.to_owned(),
                        count: answer.count,
                        truncated: answer.truncated,
                    },
                )?;
                wire::write_frame(&mut out, &answer.body)?;
            }
            Err(failure) => {
                let damaged = failure.damaged.is_some();
                let message = match failure.damaged {
                    Some(reason) => damaged_message(&settings.store, &reason),
                    None => failure.message,
                };
                wire::write_json(
                    &mut out,
                    &Reply::Failed {
                        status: failure.status,
                        message,
                        damaged,
                    },
                )?;
            }
        }
        out.flush()?;
    }
    Ok(())
}

/// Runs one request on `store`.
fn run_request(store: &Store, settings: &Settings, request: &Request) -> Result<Answer, Failure> {
    match request {
        Request::Query {
            query,
            default_graph_uris,
            named_graph_uris,
            accept,
            format,
            guarded,
        } => answer_query(
            store,
            settings,
            &Asked {
                query,
                default_graph_uris,
                named_graph_uris,
                accept: accept.as_deref(),
                format,
                guarded: *guarded,
            },
        ),
        Request::ReadGraph { graph, media_type } => {
            read_graph(store, settings, graph.as_deref(), media_type)
        }
        Request::Resource { path, media_type } => {
            resource(store, settings, path, media_type.as_deref())
        }
        Request::Diff { old, new } => diff_report(store, old, new),
    }
}

/// Whether a storage failure is a table file that vanished under this read-only view: the
/// server's store compacts after a write, and a worker opened before the compaction ended may
/// still list a file it has since removed. A fresh open lists the files as they are now;
/// damage that a fresh open still meets is reported as damage.
fn vanished_table_file(failure: &Failure) -> bool {
    failure.damaged.as_deref().is_some_and(vanished_file)
}

/// A storage error naming a table file (`.sst`) that does not exist.
fn vanished_file(reason: &str) -> bool {
    reason.contains("No such file or directory") && reason.contains(".sst")
}

/// Fresh opens a worker makes, at start or for a request, after a vanished table file (see
/// [`vanished_file`]).
const REOPENS: usize = 3;

fn failpoint(dir: &Path, query: &str) -> std::io::Result<()> {
    let hang = query.contains("#failpoint:hang");
    if !hang && !query.contains("#failpoint:wait") {
        return Ok(());
    }
    let pid = std::process::id();
    std::fs::File::create(dir.join(format!("running.{pid}")))?;
    let release = dir.join(format!("release.{pid}"));
    // Polling a file here decides nothing: the test controls when the file appears.
    while hang || !release.exists() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Ok(())
}

/// A serialised answer.
pub struct Answer {
    pub body: Vec<u8>,
    pub content_type: &'static str,
    /// Rows (SELECT), triples (CONSTRUCT/DESCRIBE, graph reads) or 1 (ASK) in the body.
    pub count: usize,
    /// Whether the row cap or the size cap cut the answer short.
    pub truncated: bool,
}

/// Why a request failed: an HTTP status and message, or a damaged store.
struct Failure {
    status: u16,
    message: String,
    damaged: Option<String>,
}

impl Failure {
    fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            damaged: None,
        }
    }

    fn damaged(reason: String) -> Self {
        Self {
            status: 503,
            message: String::new(),
            damaged: Some(reason),
        }
    }
}

impl From<crate::ApiError> for Failure {
    fn from(e: crate::ApiError) -> Self {
        Self::new(e.status.as_u16(), e.message)
    }
}

/// The first storage error a query met, kept where the evaluator cannot swallow it.
type Fault = Rc<RefCell<Option<String>>>;

/// The store as the evaluator sees it, with storage errors made final.
///
/// Oxigraph's RocksDB iterators return the same `Err` forever once a read fails (they never
/// advance past it), and spareval collects or drops errors in several places (the build side of
/// a hash join or cross product, ORDER BY, MINUS): together, a checksum error on a damaged store
/// becomes an endless loop that grows memory. Here every iterator ends after its first error,
/// the error is recorded in a [`Fault`] that the answer loop checks, and after a fault every new
/// scan is empty, so evaluation winds down at once and the query fails as "damaged".
struct Guarded {
    store: Store,
    fault: Fault,
}

type QuadResult = Result<InternalQuad<Term>, StorageError>;

impl Guarded {
    fn record(fault: &Fault, error: &StorageError) {
        let mut fault = fault.borrow_mut();
        if fault.is_none() {
            *fault = Some(error.to_string());
        }
    }

    fn faulted(&self) -> bool {
        self.fault.borrow().is_some()
    }
}

/// Yields items until the first error, which it records and yields once.
struct UntilError<I> {
    inner: I,
    fault: Fault,
    done: bool,
}

impl<T, I: Iterator<Item = Result<T, StorageError>>> Iterator for UntilError<I> {
    type Item = Result<T, StorageError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.inner.next();
        match &item {
            Some(Err(e)) => {
                Guarded::record(&self.fault, e);
                self.done = true;
            }
            None => self.done = true,
            Some(Ok(_)) => {}
        }
        item
    }
}

fn subject_ref(term: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

impl<'a> QueryableDataset<'a> for Guarded {
    type InternalTerm = Term;
    type Error = StorageError;

    fn internal_quads_for_pattern(
        &self,
        subject: Option<&Term>,
        predicate: Option<&Term>,
        object: Option<&Term>,
        graph_name: Option<Option<&Term>>,
    ) -> impl Iterator<Item = QuadResult> + use<'a> {
        let empty = || -> Box<dyn Iterator<Item = QuadResult>> { Box::new(std::iter::empty()) };
        if self.faulted() {
            return empty();
        }
        // A pattern whose constant cannot occupy its position matches nothing.
        let subject = match subject.map(subject_ref) {
            Some(None) => return empty(),
            s => s.flatten(),
        };
        let predicate: Option<NamedNodeRef<'_>> = match predicate {
            Some(Term::NamedNode(n)) => Some(n.as_ref()),
            Some(_) => return empty(),
            None => None,
        };
        let graph: Option<GraphNameRef<'_>> = match graph_name {
            None => None,
            Some(None) => Some(GraphNameRef::DefaultGraph),
            Some(Some(g)) => match subject_ref(g) {
                Some(g) => Some(g.into()),
                None => return empty(),
            },
        };
        let object: Option<TermRef<'_>> = object.map(Term::as_ref);
        let quads = self
            .store
            .quads_for_pattern(subject, predicate, object, graph);
        Box::new(
            UntilError {
                inner: quads,
                fault: self.fault.clone(),
                done: false,
            }
            .map(|quad| {
                let Quad {
                    subject,
                    predicate,
                    object,
                    graph_name,
                } = quad?;
                Ok(InternalQuad {
                    subject: subject.into(),
                    predicate: predicate.into(),
                    object,
                    graph_name: match graph_name {
                        GraphName::DefaultGraph => None,
                        GraphName::NamedNode(n) => Some(n.into()),
                        GraphName::BlankNode(b) => Some(b.into()),
                    },
                })
            }),
        )
    }

    fn internal_named_graphs(&self) -> impl Iterator<Item = Result<Term, StorageError>> + use<'a> {
        let graphs: Box<dyn Iterator<Item = Result<Term, StorageError>>> = if self.faulted() {
            Box::new(std::iter::empty())
        } else {
            Box::new(
                UntilError {
                    inner: self.store.named_graphs(),
                    fault: self.fault.clone(),
                    done: false,
                }
                .map(|g| g.map(Term::from)),
            )
        };
        graphs
    }

    fn contains_internal_graph_name(&self, graph_name: &Term) -> Result<bool, StorageError> {
        let Some(graph) = subject_ref(graph_name) else {
            return Ok(false);
        };
        self.store.contains_named_graph(graph).inspect_err(|e| {
            Self::record(&self.fault, e);
        })
    }

    fn internalize_term(&self, term: Term) -> Result<Term, StorageError> {
        Ok(term)
    }

    fn externalize_term(&self, term: Term) -> Result<Term, StorageError> {
        Ok(term)
    }
}

fn parse_graph_iris(iris: &[String], parameter: &str) -> Result<Vec<NamedNode>, Failure> {
    iris.iter()
        .map(|iri| {
            NamedNode::new(iri.as_str()).map_err(|e| {
                Failure::new(
                    400,
                    format!("{parameter} '{iri}' is not an absolute IRI: {e}"),
                )
            })
        })
        .collect()
}

fn evaluation_failure(error: QueryEvaluationError, fault: &Fault) -> Failure {
    if let Some(reason) = fault.borrow().clone() {
        return Failure::damaged(reason);
    }
    match error {
        QueryEvaluationError::Dataset(e) => match e.downcast::<StorageError>() {
            Ok(e) => Failure::damaged(e.to_string()),
            Err(e) => Failure::new(500, format!("the store failed while answering: {e}")),
        },
        QueryEvaluationError::Service(_) | QueryEvaluationError::UnsupportedService(_) => {
            Failure::new(
                400,
                format!(
                    "{error} (this endpoint makes no outgoing requests: SERVICE is not available)"
                ),
            )
        }
        QueryEvaluationError::Unexpected(e) => {
            Failure::new(500, format!("the SPARQL engine failed: {e}"))
        }
        other => Failure::new(400, format!("the query cannot be evaluated: {other}")),
    }
}

fn io_failure(e: std::io::Error) -> Failure {
    Failure::new(500, format!("could not serialise the results: {e}"))
}

/// One query as the server asked it.
struct Asked<'r> {
    query: &'r str,
    default_graph_uris: &'r [String],
    named_graph_uris: &'r [String],
    accept: Option<&'r str>,
    format: &'r [String],
    guarded: bool,
}

fn answer_query(store: &Store, settings: &Settings, asked: &Asked<'_>) -> Result<Answer, Failure> {
    let Asked {
        query,
        default_graph_uris,
        named_graph_uris,
        accept,
        format,
        guarded,
    } = *asked;
    let options = Prepare {
        prefixes: settings.predeclare_prefixes,
        union_default_graph: settings.union_default_graph,
    };
    let mut prepared = prepare_with(query, "the query", options).map_err(|e| match e {
        GraphError::QuerySyntax { reason, .. } => {
            Failure::new(400, format!("SPARQL syntax error: {reason}"))
        }
        other => Failure::new(400, other.to_string()),
    })?;
    let defaults = parse_graph_iris(default_graph_uris, "default-graph-uri")?;
    let named = parse_graph_iris(named_graph_uris, "named-graph-uri")?;
    if !defaults.is_empty() || !named.is_empty() {
        // The protocol's parameters override FROM / FROM NAMED (and the union), and together
        // they are the whole dataset: graphs not listed are invisible.
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(defaults.into_iter().map(GraphName::from).collect());
        dataset.set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::from).collect());
    }
    // Oxigraph's own dataset view works on its internal ids and is fast; a storage error it
    // meets in a simple scan comes back as an error (damaged), but one met inside a join, ORDER
    // BY or MINUS can be swallowed so that the query runs until it is stopped. The server then
    // asks again with `guarded`, to tell a damaged store from a merely long query.
    let fault: Fault = Rc::default();
    let results = if guarded {
        let dataset = Guarded {
            store: store.clone(),
            fault: fault.clone(),
        };
        prepared.on_queryable_dataset(dataset).execute()
    } else {
        prepared.on_store(store).execute()
    }
    .map_err(|e| evaluation_failure(e, &fault))?;
    let check = |fault: &Fault| match fault.borrow().clone() {
        Some(reason) => Err(Failure::damaged(reason)),
        None => Ok(()),
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let format = negotiate(&RESULTS_FORMATS, accept, format, "SELECT/ASK results")?;
            let (writer, written) = Counting::new();
            let mut serializer = QueryResultsSerializer::from_format(format.0)
                .serialize_solutions_to_writer(writer, solutions.variables().to_vec())
                .map_err(io_failure)?;
            let solutions = solutions.map(|solution| {
                let solution = solution.map_err(|e| evaluation_failure(e, &fault))?;
                check(&fault)?;
                Ok(solution)
            });
            let (count, truncated) = capped(solutions, settings, &written, |solution| {
                serializer.serialize(&solution).map_err(io_failure)
            })?;
            check(&fault)?;
            Ok(Answer {
                body: serializer.finish().map_err(io_failure)?.buffer,
                content_type: format.content_type(),
                count,
                truncated,
            })
        }
        QueryResults::Boolean(value) => {
            check(&fault)?;
            let format = negotiate(&RESULTS_FORMATS, accept, format, "SELECT/ASK results")?;
            Ok(Answer {
                body: QueryResultsSerializer::from_format(format.0)
                    .serialize_boolean_to_writer(Vec::new(), value)
                    .map_err(io_failure)?,
                content_type: format.content_type(),
                count: 1,
                truncated: false,
            })
        }
        QueryResults::Graph(triples) => {
            let format = negotiate(&GRAPH_FORMATS, accept, format, "CONSTRUCT/DESCRIBE results")?;
            let (counting, written) = Counting::new();
            let mut writer = serializer(format, settings)?.for_writer(counting);
            let triples = triples.map(|triple| {
                let triple = triple.map_err(|e| evaluation_failure(e, &fault))?;
                check(&fault)?;
                Ok(triple)
            });
            let (count, truncated) = capped(triples, settings, &written, |triple| {
                writer.serialize_triple(&triple).map_err(io_failure)
            })?;
            check(&fault)?;
            Ok(Answer {
                body: writer.finish().map_err(io_failure)?.buffer,
                content_type: format.content_type(),
                count,
                truncated,
            })
        }
    }
}

/// An RDF serializer with the CLI's prefixes, so answers read like the CLI's exports.
fn serializer(format: GraphFormat, settings: &Settings) -> Result<RdfSerializer, Failure> {
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    if settings.predeclare_prefixes {
        for (prefix, iri) in policykg_graph::vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .map_err(|e| Failure::new(500, format!("bad prefix {prefix}: {e}")))?;
        }
    }
    Ok(serializer)
}

/// A Graph Store Protocol read, under the same row and byte caps as a CONSTRUCT.
fn read_graph(
    store: &Store,
    settings: &Settings,
    graph: Option<&str>,
    media_type: &str,
) -> Result<Answer, Failure> {
    let format = GraphFormat::from_content_type(media_type)
        .ok_or_else(|| Failure::new(500, format!("no RDF format for {media_type}")))?;
    let graph = match graph {
        None => GraphName::DefaultGraph,
        Some(iri) => {
            let node = NamedNode::new(iri).map_err(|e| {
                Failure::new(400, format!("graph '{iri}' is not an absolute IRI: {e}"))
            })?;
            let exists = store
                .contains_named_graph(node.as_ref())
                .map_err(|e| Failure::damaged(e.to_string()))?;
            if !exists {
                return Err(Failure::new(404, format!("no graph <{iri}> in the store")));
            }
            GraphName::NamedNode(node)
        }
    };
    let (counting, written) = Counting::new();
    let mut writer = serializer(format, settings)?.for_writer(counting);
    // The first error ends the read (`capped` stops at it): the iterator would repeat it
    // forever.
    let quads = store
        .quads_for_pattern(None, None, None, Some(graph.as_ref()))
        .map(|quad| quad.map_err(|e| Failure::damaged(e.to_string())));
    let (count, truncated) = capped(quads, settings, &written, |quad| {
        writer
            .serialize_triple(oxigraph::model::TripleRef::from(quad.as_ref()))
            .map_err(io_failure)
    })?;
    Ok(Answer {
        body: writer.finish().map_err(io_failure)?.buffer,
        content_type: format.content_type(),
        count,
        truncated,
    })
}

/// A graph-layer error as a worker failure: storage corruption is damage, the rest a 500.
fn graph_failure(e: GraphError) -> Failure {
    match e {
        GraphError::Corrupt { .. } => Failure::damaged(e.to_string()),
        other => Failure::new(500, other.to_string()),
    }
}

/// The 对照表 between two versions (see [`Request::Diff`]); 404 when either is not in the store
/// or none of its files is readable as ingested.
fn diff_report(store: &Store, old: &str, new: &str) -> Result<Answer, Failure> {
    let base = policykg_graph::describe::base(store).map_err(graph_failure)?;
    // Ids are fingerprints: hex digits only, so the IRIs need no escaping.
    let id_ok = |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit());
    if !id_ok(old) || !id_ok(new) {
        return Err(Failure::new(404, "a version id is hex digits".to_owned()));
    }
    let (old, new) = (format!("{base}expr/{old}"), format!("{base}expr/{new}"));
    let html = policykg_graph::changes::report_html(
        store,
        &old,
        &new,
        policykg_ontology::Ontology::bundled(),
    )
    .map_err(graph_failure)?
    .map_err(|reason| Failure::new(404, reason))?;
    Ok(Answer {
        count: 1,
        body: html.into_bytes(),
        content_type: "text/html; charset=utf-8",
        truncated: false,
    })
}

/// A Linked Data resource (see [`Request::Resource`]): its description in an RDF format, or its
/// page's data as JSON; 404 when the store has nothing about it.
fn resource(
    store: &Store,
    settings: &Settings,
    path: &str,
    media_type: Option<&str>,
) -> Result<Answer, Failure> {
    use policykg_graph::describe;
    let base = describe::base(store).map_err(graph_failure)?;
    let not_found =
        |iri: &str| Failure::new(404, format!("nothing in the store is described by <{iri}>"));
    let Some(iri) = describe::resolve_path(&base, path) else {
        return Err(not_found(&format!("{base}{path}")));
    };
    match media_type {
        None => {
            let page = describe::page(store, &iri)
                .map_err(graph_failure)?
                .ok_or_else(|| not_found(&iri))?;
            Ok(Answer {
                body: serde_json::to_vec(&page)
                    .map_err(|e| Failure::new(500, format!("could not encode the page: {e}")))?,
                content_type: "application/json",
                count: page.statements.len(),
                truncated: false,
            })
        }
        Some(media_type) => {
            let format = GraphFormat::from_content_type(media_type)
                .ok_or_else(|| Failure::new(500, format!("no RDF format for {media_type}")))?;
            let triples = describe::description(store, &iri).map_err(graph_failure)?;
            if triples.is_empty() {
                return Err(not_found(&iri));
            }
            let (counting, written) = Counting::new();
            let mut writer = serializer(format, settings)?.for_writer(counting);
            let (count, truncated) =
                capped(triples.into_iter().map(Ok), settings, &written, |triple| {
                    writer.serialize_triple(&triple).map_err(io_failure)
                })?;
            Ok(Answer {
                body: writer.finish().map_err(io_failure)?.buffer,
                content_type: format.content_type(),
                count,
                truncated,
            })
        }
    }
}

/// Serialises `items` until the first error, the row cap (`max_rows`) or the byte cap
/// (`max_response_bytes`, checked after each item against `written`): the count serialised and
/// whether a cap cut the answer short. One loop for SELECT, CONSTRUCT/DESCRIBE and graph reads,
/// so every answer is bounded the same way.
fn capped<T>(
    items: impl Iterator<Item = Result<T, Failure>>,
    settings: &Settings,
    written: &Cell<usize>,
    mut serialize: impl FnMut(T) -> Result<(), Failure>,
) -> Result<(usize, bool), Failure> {
    let mut count = 0;
    for item in items {
        let item = item?;
        if count == settings.max_rows {
            return Ok((count, true));
        }
        serialize(item)?;
        count += 1;
        if written.get() > settings.max_response_bytes {
            return Ok((count, true));
        }
    }
    Ok((count, false))
}

/// A `Vec<u8>` writer that lets the caller watch its size while a serializer owns it, so one
/// pathological row (a GROUP_CONCAT of everything) cannot grow the answer without bound.
struct Counting {
    buffer: Vec<u8>,
    written: Rc<Cell<usize>>,
}

impl Counting {
    fn new() -> (Self, Rc<Cell<usize>>) {
        let written = Rc::new(Cell::new(0));
        (
            Self {
                buffer: Vec::new(),
                written: written.clone(),
            },
            written,
        )
    }
}

impl Write for Counting {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        self.written.set(self.buffer.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
