//! Running SPARQL operations within the server's limits.
//!
//! Queries and Graph Store reads go to the worker processes of [`crate::pool`], after taking one
//! of `max_concurrent` permits, under a deadline: at the deadline the worker is killed and
//! reaped, then the client gets 503, so the permit, the CPU and the memory come back together.
//! Answers are serialised into memory by the worker before the status line is sent, so a timeout
//! or an evaluation error is always reported as such, never as a cut-off 200; the row and byte
//! caps keep that buffer bounded.
//!
//! Writes (SPARQL Update, Graph Store PUT/POST/DELETE) are rare and need the token: they run in
//! the server process on its read-write store, on a thread with a large stack, under the same
//! permit and deadline, with a [`CancellationToken`] that stops them at their next store read.
//! **After a successful write the store is flushed and every worker is recycled**, so any query
//! that starts after the write's answer sees it.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, SparqlEvaluator, UpdateEvaluationError,
};
use oxigraph::store::Store;
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;
use crate::pool::{Answer, Pool};
use crate::protocol::{check_operation_text, QueryRequest, UpdateRequest};
use crate::wire::Request;
use crate::Config;

/// Stack of a write's thread: what parsing and evaluating an operation at the guard's limits
/// needs. Only touched pages are committed, so this costs address space, not memory.
const OPERATION_STACK_BYTES: usize = policykg_sparql::QUERY_STACK_BYTES;

/// Longest the guarded re-run of a stopped query may take (see [`Engine::call_worker`]): on a
/// damaged store it meets the storage error within milliseconds, and a stopped query's slot is
/// back within a second of its deadline either way.
const DAMAGE_PROBE: Duration = Duration::from_millis(500);

/// What the engine shares between requests.
pub struct Engine {
    /// The server's own handle: read-write when writes are enabled, used for writes and the
    /// `/health` probe; queries never run on it.
    pub store: Store,
    pub config: Arc<Config>,
    pub pool: Pool,
    permits: Arc<Semaphore>,
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
        let pool = Pool::new(config.worker.clone(), config.worker_settings());
        Self {
            store,
            config,
            pool,
            permits,
        }
    }

    fn timed_out(&self) -> ApiError {
        ApiError::unavailable(format!(
            "the operation did not finish within the server's timeout of {} and was stopped; \
             narrow it (LIMIT, more specific patterns) or ask the operator to raise --timeout",
            human_duration(self.config.timeout)
        ))
    }

    /// One of the `max_concurrent` permits, waited for until `deadline`.
    async fn permit(
        &self,
        deadline: tokio::time::Instant,
    ) -> Result<OwnedSemaphorePermit, ApiError> {
        match tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) => Err(ApiError::unavailable("the server is shutting down")),
            Err(_) => Err(ApiError::unavailable(format!(
                "the server is busy: {} operations were running for the whole timeout of {}; try again later",
                self.config.max_concurrent,
                human_duration(self.config.timeout)
            ))),
        }
    }

    /// Sends a read to a worker under a permit and the deadline.
    async fn call_worker(&self, request: Request) -> Result<Answer, ApiError> {
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        let _permit = self.permit(deadline).await?;
        let stopped = match self
            .pool
            .call(&request, deadline, || self.timed_out())
            .await
        {
            // Stopped at its deadline or its memory ceiling.
            Err(e) if e.status == StatusCode::SERVICE_UNAVAILABLE => e,
            other => return other,
        };
        if let Some(damaged) = self.pool.damaged() {
            // Known damaged (an earlier query met the error): that is why, most likely.
            return Err(ApiError::unavailable(damaged));
        }
        // A storage error swallowed by the evaluator looks like a query that never ends. The
        // same query over the guarded dataset meets it at once if the store is damaged, so one
        // short guarded run tells the two apart, and the client hears the real reason.
        let Request::Query {
            query,
            default_graph_uris,
            named_graph_uris,
            accept,
            format,
            guarded: false,
        } = request
        else {
            return Err(stopped);
        };
        let probe = Request::Query {
            query,
            default_graph_uris,
            named_graph_uris,
            accept,
            format,
            guarded: true,
        };
        let budget = DAMAGE_PROBE.min(self.config.timeout);
        let probe_deadline = tokio::time::Instant::now() + budget;
        match self
            .pool
            .call(&probe, probe_deadline, || self.timed_out())
            .await
        {
            Err(damaged) if self.pool.damaged().is_some() => Err(damaged),
            _ => Err(stopped),
        }
    }

    /// Runs a write on its own thread under the deadline and the concurrency limit; after it
    /// succeeds, flushes the store and recycles the workers.
    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(CancellationToken) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        let permit = self.permit(deadline).await?;
        let token = CancellationToken::new();
        let guard = CancelOnDrop(token.clone());
        let (sender, receiver) = oneshot::channel();
        let store = self.store.clone();
        std::thread::Builder::new()
            .name("policykg-sparql-write".into())
            .stack_size(OPERATION_STACK_BYTES)
            .spawn(move || {
                // The permit is held until the write really ends, cancelled or not.
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
                // Written data reaches the SST files that workers open read-only.
                let result = result.and_then(|value| {
                    store.flush().map(|()| value).map_err(|e| {
                        ApiError::internal(format!("the write was applied but not flushed: {e}"))
                    })
                });
                let _ = sender.send(result);
            })
            .map_err(|e| ApiError::unavailable(format!("cannot start a write thread: {e}")))?;
        let outcome = tokio::time::timeout_at(deadline, receiver).await;
        drop(guard);
        let result = match outcome {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(ApiError::internal(
                "the write thread ended without an answer",
            )),
            Err(_) => Err(self.timed_out()),
        };
        if result.is_ok() {
            self.pool.recycle().await;
        }
        result
    }

    /// Evaluates a query on a worker, serialised in the negotiated format.
    pub async fn query(
        &self,
        request: QueryRequest,
        accept: Option<String>,
    ) -> Result<Answer, ApiError> {
        check_operation_text(&request.query, "query")?;
        self.call_worker(Request::Query {
            query: request.query,
            default_graph_uris: request.default_graph_uris,
            named_graph_uris: request.named_graph_uris,
            accept,
            format: request.format,
            guarded: false,
        })
        .await
    }

    /// Reads one graph on a worker (Graph Store Protocol GET), in `media_type`.
    pub async fn read_graph(
        &self,
        graph: Option<String>,
        media_type: &str,
    ) -> Result<Answer, ApiError> {
        self.call_worker(Request::ReadGraph {
            graph,
            media_type: media_type.to_owned(),
        })
        .await
    }

    /// Describes a Linked Data resource on a worker (see [`Request::Resource`]).
    pub async fn resource(
        &self,
        path: String,
        media_type: Option<&str>,
    ) -> Result<Answer, ApiError> {
        self.call_worker(Request::Resource {
            path,
            media_type: media_type.map(str::to_owned),
        })
        .await
    }

    /// The HTML 对照表 between two versions, made on a worker (see [`Request::Diff`]).
    pub async fn diff(&self, old: String, new: String) -> Result<Answer, ApiError> {
        self.call_worker(Request::Diff { old, new }).await
    }

    /// Applies a SPARQL update. Callers check authorisation first.
    pub async fn update(&self, request: UpdateRequest) -> Result<(), ApiError> {
        check_operation_text(&request.update, "update")?;
        let store = self.store.clone();
        let config = self.config.clone();
        let timeout_error = self.timed_out().message;
        self.run(move |token| apply_update(&store, &config, request, token, &timeout_error))
            .await
    }

    /// Runs a Graph Store Protocol write on the server's store under the same limits.
    pub async fn write_store<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        self.run(move |_token| job(&store)).await
    }

    /// Whether the server's own store handle answers a trivial read, off the runtime and
    /// without a permit, so `/health` answers while every slot is busy.
    pub async fn probe(&self) -> Result<bool, String> {
        let store = self.store.clone();
        let probe = tokio::task::spawn_blocking(move || store.is_empty());
        match tokio::time::timeout(self.config.timeout, probe).await {
            Ok(Ok(Ok(empty))) => Ok(empty),
            Ok(Ok(Err(e))) => Err(format!("the store does not answer: {e}")),
            Ok(Err(e)) => Err(format!("the store probe failed: {e}")),
            Err(_) => Err("the store did not answer within the timeout".into()),
        }
    }
}

fn evaluation_error(error: QueryEvaluationError, timeout_message: &str) -> ApiError {
    match error {
        QueryEvaluationError::Cancelled => ApiError::unavailable(timeout_message),
        QueryEvaluationError::Dataset(e) => {
            ApiError::internal(format!("the store failed while updating: {e}"))
        }
        QueryEvaluationError::Service(_) | QueryEvaluationError::UnsupportedService(_) => {
            ApiError::bad_request(format!(
                "{error} (this endpoint makes no outgoing requests: SERVICE is not available)"
            ))
        }
        QueryEvaluationError::Unexpected(e) => {
            ApiError::internal(format!("the SPARQL engine failed: {e}"))
        }
        other => ApiError::bad_request(format!("the update cannot be applied: {other}")),
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

fn apply_update(
    store: &Store,
    config: &Config,
    request: UpdateRequest,
    token: CancellationToken,
    timeout_message: &str,
) -> Result<(), ApiError> {
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    if config.predeclare_prefixes {
        // The same prefixes queries get (and the CLI), so an update can use what a query shows.
        for (prefix, iri) in policykg_graph::vocab::PREFIXES {
            evaluator = evaluator
                .with_prefix(*prefix, *iri)
                .map_err(|e| ApiError::internal(format!("bad prefix {prefix}: {e}")))?;
        }
    }
    let mut prepared = evaluator.parse_update(&request.update).map_err(|e| {
        // The same description the CLI and the query page give for a query.
        let prefixes: Vec<&str> = if config.predeclare_prefixes {
            policykg_graph::vocab::PREFIXES
                .iter()
                .map(|(p, _)| *p)
                .collect()
        } else {
            Vec::new()
        };
        let report = policykg_sparql::describe_syntax_error_with_prefixes(
            &request.update,
            &e.to_string(),
            &prefixes,
        );
        ApiError::bad_request(format!("SPARQL syntax error: {report}"))
    })?;
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
    } else if config.union_default_graph {
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
        // A write that ignores cancellation holds the only slot until the test releases it;
        // the next one waits its whole timeout, then hears "busy".
        let engine = engine(300, 1);
        let (started_tx, started_rx) = oneshot::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let holder = {
            let engine = engine.clone();
            tokio::spawn(async move {
                engine
                    .run(move |_token| {
                        let _ = started_tx.send(());
                        let _ = release_rx.recv();
                        Ok(())
                    })
                    .await
            })
        };
        started_rx.await.unwrap();
        let waiter = engine.run(|_token| Ok(())).await.unwrap_err();
        assert_eq!(waiter.status.as_u16(), 503);
        assert!(waiter.message.contains("busy"), "{}", waiter.message);
        // The holder started before the waiter, so its deadline has passed too.
        let held = holder.await.unwrap().unwrap_err();
        assert!(
            held.message.contains("timeout of 300 ms"),
            "{}",
            held.message
        );
        release_tx.send(()).unwrap();
        // Once the thread ends, its permit is back.
        assert_eq!(engine.permits.acquire().await.unwrap().num_permits(), 1);
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
