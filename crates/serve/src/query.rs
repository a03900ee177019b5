//! Running SPARQL operations off the async runtime, within the server's limits.
//!
//! Every operation runs on its own thread with a large stack (the parser and evaluator recurse),
//! after taking one of `max_concurrent` permits, under a deadline: when the deadline passes the
//! client gets 503 at once and the operation's [`CancellationToken`] stops the evaluation at its
//! next read from the store. Answers are serialised into memory before the status line is sent,
//! so a timeout or an evaluation error is always reported as such, never as a cut-off 200; the
//! row cap keeps that buffer bounded.

use std::cell::Cell;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, UpdateEvaluationError,
};
use oxigraph::store::Store;
use spargebra::SparqlParser;
use tokio::sync::{oneshot, Semaphore};

use crate::error::ApiError;
use crate::negotiate::{negotiate, GRAPH_FORMATS, RESULTS_FORMATS};
use crate::protocol::{check_operation_text, QueryRequest, UpdateRequest};
use crate::Config;

/// Stack of an operation's thread. Only touched pages are committed, so this costs address
/// space, not memory.
const OPERATION_STACK_BYTES: usize = 64 * 1024 * 1024;

/// What the engine shares between requests.
pub struct Engine {
    pub store: Store,
    pub config: Arc<Config>,
    permits: Arc<Semaphore>,
}

/// A serialised answer.
#[derive(Debug)]
pub struct Answer {
    pub body: Vec<u8>,
    pub content_type: &'static str,
    /// Rows (SELECT), triples (CONSTRUCT/DESCRIBE) or 1 (ASK) in the body.
    pub count: usize,
    /// Whether the row cap or the size cap cut the answer short.
    pub truncated: bool,
}

/// Cancels the operation when the request is dropped (client gone, server shutting down) or
/// has timed out.
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

impl Engine {
    pub fn new(store: Store, config: Arc<Config>) -> Self {
        let permits = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        Self {
            store,
            config,
            permits,
        }
    }

    fn timed_out(&self) -> ApiError {
        ApiError::unavailable(format!(
            "the operation did not finish within the server's timeout of {} and was cancelled; \
             narrow it (LIMIT, more specific patterns) or ask the operator to raise --timeout",
            human_duration(self.config.timeout)
        ))
    }

    /// Runs `job` on its own thread under the deadline and the concurrency limit.
    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(CancellationToken) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        let permit =
            match tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                Ok(Err(_)) => return Err(ApiError::unavailable("the server is shutting down")),
                Err(_) => {
                    return Err(ApiError::unavailable(format!(
                        "the server is busy: {} operations were running for the whole timeout of {}; try again later",
                        self.config.max_concurrent,
                        human_duration(self.config.timeout)
                    )))
                }
            };
        let token = CancellationToken::new();
        let guard = CancelOnDrop(token.clone());
        let (sender, receiver) = oneshot::channel();
        std::thread::Builder::new()
            .name("policykg-sparql".into())
            .stack_size(OPERATION_STACK_BYTES)
            .spawn(move || {
                // The permit is held until the evaluation really ends, cancelled or not, so a
                // query that ignores cancellation for a while still counts against the limit.
                let _permit = permit;
                let result = std::panic::catch_unwind(AssertUnwindSafe(|| job(token)))
                    .unwrap_or_else(|panic| {
                        let reason = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown cause".into());
                        tracing::error!(reason, "SPARQL operation panicked");
                        Err(ApiError::internal(format!(
                            "the SPARQL engine failed on this operation: {reason}"
                        )))
                    });
                let _ = sender.send(result);
            })
            .map_err(|e| ApiError::unavailable(format!("cannot start a worker thread: {e}")))?;
        let outcome = tokio::time::timeout_at(deadline, receiver).await;
        drop(guard);
        match outcome {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(ApiError::internal(
                "the worker thread ended without an answer",
            )),
            Err(_) => Err(self.timed_out()),
        }
    }

    /// Evaluates a query and serialises the answer in the negotiated format.
    pub async fn query(
        &self,
        request: QueryRequest,
        accept: Option<String>,
    ) -> Result<Answer, ApiError> {
        check_operation_text(&request.query, "query")?;
        let store = self.store.clone();
        let config = self.config.clone();
        let timeout_error = self.timed_out().message;
        self.run(move |token| {
            evaluate_query(&store, &config, request, accept.as_deref(), token)
                .map_err(|e| e.into_api(&timeout_error))
        })
        .await
    }

    /// Applies a SPARQL update. Callers check authorisation first.
    pub async fn update(&self, request: UpdateRequest) -> Result<(), ApiError> {
        check_operation_text(&request.update, "update")?;
        let store = self.store.clone();
        let union = self.config.union_default_graph;
        let timeout_error = self.timed_out().message;
        self.run(move |token| apply_update(&store, union, request, token, &timeout_error))
            .await
    }

    /// Runs a store operation (Graph Store Protocol) on a worker thread under the same limits.
    pub async fn with_store<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        self.run(move |_token| job(&store)).await
    }
}

/// Why a query failed, before it becomes an HTTP answer.
enum Failure {
    Api(ApiError),
    Evaluation(QueryEvaluationError),
    Io(std::io::Error),
}

impl Failure {
    fn into_api(self, timeout_message: &str) -> ApiError {
        match self {
            Self::Api(e) => e,
            Self::Evaluation(e) => evaluation_error(e, timeout_message),
            Self::Io(e) => ApiError::internal(format!("could not serialise the results: {e}")),
        }
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl From<QueryEvaluationError> for Failure {
    fn from(e: QueryEvaluationError) -> Self {
        Self::Evaluation(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

fn evaluation_error(error: QueryEvaluationError, timeout_message: &str) -> ApiError {
    match error {
        QueryEvaluationError::Cancelled => ApiError::unavailable(timeout_message),
        QueryEvaluationError::Dataset(e) => {
            ApiError::internal(format!("the store failed while answering: {e}"))
        }
        QueryEvaluationError::Service(_) | QueryEvaluationError::UnsupportedService(_) => {
            ApiError::bad_request(format!(
                "{error} (this endpoint makes no outgoing requests: SERVICE is not available)"
            ))
        }
        QueryEvaluationError::Unexpected(e) => {
            ApiError::internal(format!("the SPARQL engine failed: {e}"))
        }
        other => ApiError::bad_request(format!("the query cannot be evaluated: {other}")),
    }
}

fn parse_graph_iris(iris: &[String], parameter: &str) -> Result<Vec<NamedNode>, ApiError> {
    iris.iter()
        .map(|iri| {
            NamedNode::new(iri.as_str()).map_err(|e| {
                ApiError::bad_request(format!("{parameter} '{iri}' is not an absolute IRI: {e}"))
            })
        })
        .collect()
}

fn evaluate_query(
    store: &Store,
    config: &Config,
    request: QueryRequest,
    accept: Option<&str>,
    token: CancellationToken,
) -> Result<Answer, Failure> {
    let query = SparqlParser::new()
        .parse_query(&request.query)
        .map_err(|e| ApiError::bad_request(format!("SPARQL syntax error: {e}")))?;
    let is_graph = matches!(
        query,
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
    );
    // Negotiate before evaluating: a client that accepts nothing we offer costs nothing.
    let results_format = if is_graph {
        None
    } else {
        Some(negotiate(
            &RESULTS_FORMATS,
            accept,
            &request.format,
            "SELECT/ASK results",
        )?)
    };
    let graph_format = if is_graph {
        Some(negotiate(
            &GRAPH_FORMATS,
            accept,
            &request.format,
            "CONSTRUCT/DESCRIBE results",
        )?)
    } else {
        None
    };

    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .for_query(query);
    let defaults = parse_graph_iris(&request.default_graph_uris, "default-graph-uri")?;
    let named = parse_graph_iris(&request.named_graph_uris, "named-graph-uri")?;
    if !defaults.is_empty() || !named.is_empty() {
        // The protocol's parameters override FROM / FROM NAMED, and together they are the
        // whole dataset: graphs not listed are invisible.
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(defaults.into_iter().map(GraphName::from).collect());
        dataset.set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::from).collect());
    } else if config.union_default_graph && prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }

    let results = prepared.on_store(store).execute()?;
    let max_rows = config.max_rows;
    let max_bytes = config.max_response_bytes;
    match results {
        QueryResults::Solutions(solutions) => {
            let format = results_format.unwrap_or(RESULTS_FORMATS[0]);
            let (writer, written) = Counting::new();
            let mut serializer = QueryResultsSerializer::from_format(format.0)
                .serialize_solutions_to_writer(writer, solutions.variables().to_vec())?;
            let (mut count, mut truncated) = (0, false);
            for solution in solutions {
                let solution = solution?;
                if count == max_rows {
                    truncated = true;
                    break;
                }
                serializer.serialize(&solution)?;
                count += 1;
                if written.get() > max_bytes {
                    truncated = true;
                    break;
                }
            }
            Ok(Answer {
                body: serializer.finish()?.buffer,
                content_type: format.content_type(),
                count,
                truncated,
            })
        }
        QueryResults::Boolean(value) => {
            let format = results_format.unwrap_or(RESULTS_FORMATS[0]);
            Ok(Answer {
                body: QueryResultsSerializer::from_format(format.0)
                    .serialize_boolean_to_writer(Vec::new(), value)?,
                content_type: format.content_type(),
                count: 1,
                truncated: false,
            })
        }
        QueryResults::Graph(triples) => {
            let format = graph_format.unwrap_or(GRAPH_FORMATS[0]);
            let mut serializer = RdfSerializer::from_format(format.rdf_format());
            for (prefix, iri) in &config.prefixes {
                serializer = serializer
                    .with_prefix(prefix.as_str(), iri.as_str())
                    .map_err(|e| ApiError::internal(format!("bad prefix {prefix}: {e}")))?;
            }
            let (counting, written) = Counting::new();
            let mut writer = serializer.for_writer(counting);
            let (mut count, mut truncated) = (0, false);
            for triple in triples {
                let triple = triple?;
                if count == max_rows {
                    truncated = true;
                    break;
                }
                writer.serialize_triple(&triple)?;
                count += 1;
                if written.get() > max_bytes {
                    truncated = true;
                    break;
                }
            }
            Ok(Answer {
                body: writer.finish()?.buffer,
                content_type: format.content_type(),
                count,
                truncated,
            })
        }
    }
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

fn apply_update(
    store: &Store,
    union_default_graph: bool,
    request: UpdateRequest,
    token: CancellationToken,
    timeout_message: &str,
) -> Result<(), ApiError> {
    let update = SparqlParser::new()
        .parse_update(&request.update)
        .map_err(|e| ApiError::bad_request(format!("SPARQL syntax error: {e}")))?;
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .for_update(update);
    let defaults = parse_graph_iris(&request.using_graph_uris, "using-graph-uri")?;
    let named = parse_graph_iris(&request.using_named_graph_uris, "using-named-graph-uri")?;
    if !defaults.is_empty() || !named.is_empty() {
        for dataset in prepared.using_datasets_mut() {
            if !dataset.is_default_dataset() {
                return Err(ApiError::bad_request(
                    "using-graph-uri / using-named-graph-uri cannot be combined with USING or \
                     USING NAMED in the update",
                ));
            }
            dataset.set_default_graph(defaults.iter().cloned().map(GraphName::from).collect());
            dataset.set_available_named_graphs(
                named.iter().cloned().map(NamedOrBlankNode::from).collect(),
            );
        }
    } else if union_default_graph {
        // WHERE sees what queries see; writes without GRAPH still go to the real default graph.
        for dataset in prepared.using_datasets_mut() {
            if dataset.is_default_dataset() {
                dataset.set_default_graph_as_union();
            }
        }
    }
    prepared.on_store(store).execute().map_err(|e| match e {
        UpdateEvaluationError::Unexpected(inner) => {
            match inner.downcast::<QueryEvaluationError>() {
                Ok(e) => evaluation_error(*e, timeout_message),
                Err(inner) => ApiError::internal(format!("the update failed: {inner}")),
            }
        }
        UpdateEvaluationError::Storage(e) => {
            ApiError::internal(format!("the store failed while updating: {e}"))
        }
        other => ApiError::bad_request(format!("the update cannot be applied: {other}")),
    })
}

/// "30 s", "1.5 s", "250 ms".
pub fn human_duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Milliseconds since `start`, for logs and headers.
pub fn elapsed_ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(timeout_ms: u64, max_concurrent: usize) -> Arc<Engine> {
        let config = Config {
            timeout: Duration::from_millis(timeout_ms),
            max_concurrent,
            ..Config::default()
        };
        Arc::new(Engine::new(Store::new().unwrap(), Arc::new(config)))
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slot_held_past_the_deadline_gives_busy() {
        // A job that ignores cancellation (as a pure-CPU evaluation step may, for a while)
        // holds the only slot; the next one waits its whole timeout, then hears "busy".
        let engine = engine(300, 1);
        let holder = {
            let engine = engine.clone();
            tokio::spawn(async move {
                engine
                    .run(|_token| {
                        std::thread::sleep(Duration::from_millis(1200));
                        Ok(())
                    })
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waiter = engine.run(|_token| Ok(())).await.unwrap_err();
        assert_eq!(waiter.status.as_u16(), 503);
        assert!(waiter.message.contains("busy"), "{}", waiter.message);
        let held = holder.await.unwrap().unwrap_err();
        assert!(
            held.message.contains("timeout of 300 ms"),
            "{}",
            held.message
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_operation_is_a_500_and_the_engine_goes_on() {
        let engine = engine(5000, 1);
        let err = engine
            .run::<()>(|_token| panic!("boom in the evaluator"))
            .await
            .unwrap_err();
        assert_eq!(err.status.as_u16(), 500);
        assert!(
            err.message.contains("boom in the evaluator"),
            "{}",
            err.message
        );
        assert!(engine.run(|_token| Ok(7)).await.is_ok());
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(human_duration(Duration::from_millis(250)), "250 ms");
    }
}
