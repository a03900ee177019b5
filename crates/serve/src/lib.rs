//! policykg-serve: a [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/) endpoint
//! over the store built by `policykg-graph`, with a query page for people. Read-only unless a
//! bearer token is configured.
//!
//! Routes (see [`router`]):
//! - `/sparql` and `/query`: queries by GET and POST (form or `application/sparql-query`), with
//!   `default-graph-uri` / `named-graph-uri`, answers negotiated by `Accept` (q-values) or a
//!   `format=` parameter: SELECT/ASK as SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as
//!   Turtle, N-Triples, JSON-LD, RDF/XML.
//! - `/update`: SPARQL Update (POST form or `application/sparql-update`), token only.
//! - `/store`: the Graph Store Protocol (`?graph=IRI` or `?default`); GET for everyone,
//!   PUT/POST/DELETE with the token.
//! - `/id/…`: Linked Data, the graph's own IRIs dereferenced (`{base}agency/…` is served at
//!   `/id/agency/…`): an HTML page or the resource's description in an RDF format, by `Accept`
//!   (see `resource.rs`).
//! - `/health`, `/` (the query page), `/assets/*`, `/examples` and `/examples/{name}.rq`.
//!
//! **The default graph is the union of all graphs** (like Fuseki's `unionDefaultGraph`): the
//! store keeps one named graph per document, and `SELECT * { ?s ?p ?o }` should see them all.
//! A query with `FROM` / `FROM NAMED`, or a request with `default-graph-uri` /
//! `named-graph-uri`, gets exactly the dataset it names instead. [`Config::union_default_graph`]
//! turns this off. **The CLI's prefixes are predeclared** (`pkg:`, `eli:`, `skos:`...: the list
//! is `policykg_graph::vocab::PREFIXES`, and queries are prepared by
//! `policykg_graph::query::prepare_with`, as `policykg query` does), so a query copied from the
//! CLI runs unchanged; [`Config::predeclare_prefixes`] turns this off.
//!
//! **Queries run in worker processes** ([`worker`]): a pool of long-lived children, each with
//! the store open read-only and its memory capped ([`Config::max_query_memory`]). At the
//! deadline a worker is killed and reaped before the 503 is sent, so whatever the query's shape
//! (COUNT, ORDER BY, cross products, which Oxigraph's cancellation never reaches), it stops
//! using CPU and memory and gives its slot back. A query past the memory cap kills only its
//! worker ("the query needed more than N of memory"); a worker that dies is replaced. SELECT,
//! CONSTRUCT/DESCRIBE and Graph Store reads are all answered this way. [`Config::worker`] says
//! how to start one (see [`worker`] for wiring it into a binary).
//!
//! **Writes** (SPARQL Update, Graph Store PUT/POST/DELETE; token only) run in the server on its
//! read-write store; after each successful write the store is flushed and the workers are
//! recycled, so every query that starts after the write's answer sees it.
//!
//! **A damaged store** (a checksum error while answering) ends the query at once with a message
//! saying so and to run `policykg verify`; the server remembers it, and `/health` answers 503
//! with the reason until it is restarted.
//!
//! Limits: a timeout per operation (503 when exceeded), a memory cap per query, a cap on result
//! rows and bytes (the answer is cut and carries `X-Policykg-Truncated: true`), a request body
//! limit (413), and a cap on concurrent operations. Every request is logged as one `tracing`
//! event with target `policykg_serve::access`.
//!
//! **Connections are bounded** (issue #10; the accept loop is its own, in `conn`): a request
//! head must arrive within [`Config::header_timeout`] of its first byte (else the connection is
//! closed), its body within [`Config::body_timeout`] of the head (else 408 and the connection is
//! closed), and a connection waiting for its next request is closed after
//! [`Config::idle_timeout`]. At most [`Config::max_connections`] client connections are open,
//! by default half the descriptor limit (RLIMIT_NOFILE, read at start), so the process never
//! meets EMFILE: at the cap the longest-idle connection is closed to make room; when none is
//! idle, [`HEALTH_RESERVE`] more are accepted that answer `/health` and 503 (`Retry-After: 1`)
//! to anything else; beyond those, new clients wait in the kernel's backlog. Accept errors are
//! logged and retried after a short back-off, never fatal (on EMFILE/ENFILE, when something
//! else took the descriptors, the longest-idle connection is closed as well). Shutdown stops
//! accepting, closes idle connections and lets requests in flight finish.
//!
//! What it is not for: building the graph (that is `policykg-graph`, through `policykg ingest`),
//! or opening the store: the caller opens it with `policykg_graph::open` (read-write only when
//! writes are enabled) and passes its path in [`Config::store_path`] for the workers.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use oxigraph::store::Store;
use tokio::net::TcpListener;

mod conn;
mod error;
mod graph_store;
mod negotiate;
mod page;
mod pool;
mod protocol;
mod query;
mod resource;
mod run;
pub mod wire;
pub mod worker;

pub use conn::{Limits, HEALTH_RESERVE};
pub use error::ApiError;
pub use page::{examples, Example};
pub use pool::{human_size, PoolStatus};
pub use run::{init_logging, parse_duration, parse_size, run_blocking, LogFormat, RunError};

/// Header set when the row cap (or the size cap) cut an answer short.
pub const TRUNCATED_HEADER: &str = "x-policykg-truncated";
/// Header carrying the row cap in force, on every query answer.
pub const MAX_ROWS_HEADER: &str = "x-policykg-max-rows";
/// Header carrying the number of rows (or triples) in the answer.
pub const ROWS_HEADER: &str = "x-policykg-rows";

/// How the server behaves; [`Config::default`] is what `policykg serve` uses without flags.
#[derive(Clone, Debug)]
pub struct Config {
    /// Longest an operation may run before it is cancelled and answered with 503.
    pub timeout: Duration,
    /// Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in one answer.
    pub max_rows: usize,
    /// Most bytes of one serialised answer (a guard against pathological rows).
    pub max_response_bytes: usize,
    /// Largest request body accepted.
    pub max_body: usize,
    /// Operations evaluated at once; more wait (within their timeout) for a free slot.
    pub max_concurrent: usize,
    /// Origins allowed by CORS (`*` for any); empty disables CORS headers.
    pub cors_origins: Vec<String>,
    /// Bearer token enabling `/update` and Graph Store Protocol writes; `None` means read-only.
    pub token: Option<String>,
    /// Whether the default graph is the union of all graphs (see the crate docs).
    pub union_default_graph: bool,
    /// Whether queries and updates get the CLI's prefixes (`pkg:`, `eli:`, `skos:`...,
    /// `policykg_graph::vocab::PREFIXES`) predeclared, and CONSTRUCT/DESCRIBE answers and graph
    /// reads use them.
    pub predeclare_prefixes: bool,
    /// The store the query workers open read-only; `None` leaves the server unable to answer
    /// queries (each gets a 500 saying so).
    pub store_path: Option<PathBuf>,
    /// How query workers are started; `None` as for `store_path`.
    pub worker: Option<WorkerCommand>,
    /// Memory cap of each query worker (RLIMIT_DATA: heap, anonymous mappings and the
    /// evaluation thread's stack, [`worker::WORKER_STACK_BYTES`]): a query needing more is
    /// stopped with a clear error and only its worker dies.
    pub max_query_memory: u64,
    /// Shown by `/health` and the query page ("store: …").
    pub store_label: String,
    /// Longest a request head may take to arrive, from its first byte; the connection is
    /// closed after it (slow clients must not hold descriptors).
    pub header_timeout: Duration,
    /// Longest a request body may take to arrive in full, from its head (408 after it): a body
    /// shorter than its `Content-Length` would otherwise hold the connection for ever.
    pub body_timeout: Duration,
    /// Longest a connection may wait for its next request (keep-alive) before it is closed.
    pub idle_timeout: Duration,
    /// Most client connections open at once; `None`: half the descriptor limit
    /// (RLIMIT_NOFILE), so the server never runs out of descriptors (see [`Limits`]).
    pub max_connections: Option<usize>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_rows: 10_000,
            max_response_bytes: 64 * 1024 * 1024,
            max_body: 10 * 1024 * 1024,
            max_concurrent: std::thread::available_parallelism()
                .map_or(4, |n| n.get() * 4)
                .max(4),
            cors_origins: Vec::new(),
            token: None,
            union_default_graph: true,
            predeclare_prefixes: true,
            store_path: None,
            worker: None,
            max_query_memory: 1 << 30,
            store_label: "in-memory".into(),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(60),
            max_connections: None,
        }
    }
}

/// How the server starts a query worker (see [`worker`]): `program` with `args`, to which the
/// server appends `--settings JSON`, with `env` added to the server's environment.
#[derive(Clone, Debug, Default)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub env: Vec<(OsString, OsString)>,
}

impl WorkerCommand {
    /// This executable re-run as `EXE sparql-worker` (for binaries whose `main` dispatches
    /// [`worker::SUBCOMMAND`] to [`worker::main`], like the `policykg` CLI).
    pub fn current_exe() -> std::io::Result<Self> {
        Ok(Self {
            program: std::env::current_exe()?,
            args: vec![worker::SUBCOMMAND.into()],
            env: Vec::new(),
        })
    }
}

impl Config {
    /// What each worker is started with; `None` without a store path.
    fn worker_settings(&self) -> Option<wire::Settings> {
        Some(wire::Settings {
            store: self.store_path.clone()?,
            max_memory: self.max_query_memory,
            max_rows: self.max_rows,
            max_response_bytes: self.max_response_bytes,
            union_default_graph: self.union_default_graph,
            predeclare_prefixes: self.predeclare_prefixes,
        })
    }
}

/// Shared by all handlers.
struct AppState {
    engine: query::Engine,
    config: Arc<Config>,
    page: page::Page,
    started: Instant,
}

type Shared = State<Arc<AppState>>;

/// The server's routes over `store`, with `config`'s limits.
pub fn router(store: Store, config: Config) -> Router {
    let config = Arc::new(config);
    // The base the store's IRIs were minted under, for the query page's links to /id/…; a
    // store that cannot say (empty, damaged) has the default one.
    let base = policykg_graph::describe::base(&store)
        .unwrap_or_else(|_| policykg_graph::DEFAULT_BASE.to_owned());
    let state = Arc::new(AppState {
        engine: query::Engine::new(store, config.clone()),
        page: page::Page::new(&config, &base),
        config: config.clone(),
        started: Instant::now(),
    });
    let mut router = Router::new()
        .route("/sparql", any(sparql_endpoint))
        .route("/query", any(sparql_endpoint))
        .route("/update", any(update_endpoint))
        .route("/store", any(graph_store::endpoint))
        .route("/health", get(health))
        .route("/id/{*path}", any(resource::endpoint))
        .route("/diff/{old}/{new}", get(resource::diff_endpoint))
        .merge(page::routes())
        .fallback(not_found)
        .with_state(state.clone());
    if let Some(cors) = cors_layer(&config.cors_origins) {
        router = router.layer(cors);
    }
    router.layer(middleware::from_fn(access_log))
}

/// Serves `router` on `listener` until `shutdown` resolves, then finishes the requests in flight.
///
/// Connections are bounded in time and number (see [`Limits`]); a cap the descriptor limit
/// cannot hold is an `InvalidInput` error before anything is accepted.
pub async fn serve(
    listener: TcpListener,
    store: Store,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = Limits::new(&config)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    conn::serve(listener, router(store, config), limits, shutdown).await
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!(signal = "SIGINT", "shutting down"),
        () = terminate => tracing::info!(signal = "SIGTERM", "shutting down"),
    }
}

fn cors_layer(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    if origins.is_empty() {
        return None;
    }
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::DELETE,
                Method::HEAD,
                Method::OPTIONS,
            ])
            .allow_headers([header::ACCEPT, header::CONTENT_TYPE, header::AUTHORIZATION])
            .expose_headers([
                HeaderName::from_static(TRUNCATED_HEADER),
                HeaderName::from_static(MAX_ROWS_HEADER),
                HeaderName::from_static(ROWS_HEADER),
            ])
            .max_age(Duration::from_secs(3600)),
    )
}

/// `/sparql` and `/query`.
async fn sparql_endpoint(
    State(state): Shared,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if method != Method::GET && method != Method::HEAD && method != Method::POST {
        return Err(ApiError::method_not_allowed("GET, HEAD, POST"));
    }
    // A person who opens /sparql in a browser wants the query page, not an error.
    if method == Method::GET && uri.query().is_none() && accepts_html(&headers) {
        return Ok((StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response());
    }
    let request =
        match protocol::read_query_request(&method, &uri, &headers, body, state.config.max_body)
            .await?
        {
            protocol::Operation::Query(request) => request,
            protocol::Operation::MisdirectedUpdate => {
                return Err(ApiError::bad_request(
                    "this is the query endpoint; send SPARQL Update to /update (POST)",
                ))
            }
        };
    let accept = header_text(&headers, header::ACCEPT)?;
    let answer = state.engine.query(request, accept).await?;
    let mut response = Response::new(Body::from(answer.body));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&answer.content_type)
            .map_err(|_| ApiError::internal("the query worker gave an invalid content type"))?,
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept"));
    h.insert(
        HeaderName::from_static(ROWS_HEADER),
        HeaderValue::from(answer.count),
    );
    h.insert(
        HeaderName::from_static(MAX_ROWS_HEADER),
        HeaderValue::from(state.config.max_rows),
    );
    if answer.truncated {
        h.insert(
            HeaderName::from_static(TRUNCATED_HEADER),
            HeaderValue::from_static("true"),
        );
    }
    Ok(response)
}

/// `/update`.
async fn update_endpoint(
    State(state): Shared,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if method != Method::POST {
        return Err(ApiError::method_not_allowed("POST"));
    }
    authorize(&state.config, &headers)?;
    let request =
        protocol::read_update_request(&uri, &headers, body, state.config.max_body).await?;
    state.engine.update(request).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Checks the bearer token of a write.
fn authorize(config: &Config, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = &config.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: writes are enabled only when it is started with --token \
             (or POLICYKG_TOKEN)",
        ));
    };
    let Some(given) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::unauthorized(
            "this write needs the server's token: send 'Authorization: Bearer TOKEN'",
            false,
        ));
    };
    let given = given.as_bytes();
    let token = given
        .strip_prefix(b"Bearer ")
        .or_else(|| given.strip_prefix(b"bearer "))
        .ok_or_else(|| {
            ApiError::unauthorized("the Authorization header must be 'Bearer TOKEN'", false)
        })?;
    if !constant_time_eq(token, expected.as_bytes()) {
        return Err(ApiError::unauthorized("wrong token", true));
    }
    Ok(())
}

/// Compares without an early exit, so response timing does not reveal a token's prefix.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn header_text(headers: &HeaderMap, name: HeaderName) -> Result<Option<String>, ApiError> {
    headers
        .get(&name)
        .map(|v| {
            v.to_str().map(str::to_owned).map_err(|_| {
                ApiError::bad_request(format!("the {name} header is not visible ASCII"))
            })
        })
        .transpose()
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// `/health`: the server is up and the store answers a trivial query.
async fn health(State(state): Shared) -> Response {
    // A damaged store stays reported until the server is restarted on a good one: the next
    // query would only meet the damage again.
    let (status, store_state, error) =
        match (state.engine.pool.damaged(), state.engine.probe().await) {
            (Some(reason), _) => (StatusCode::SERVICE_UNAVAILABLE, "damaged", Some(reason)),
            (None, Ok(empty)) => (StatusCode::OK, if empty { "empty" } else { "ok" }, None),
            (None, Err(e)) => (StatusCode::SERVICE_UNAVAILABLE, "error", Some(e)),
        };
    let body = serde_json::json!({
        "status": if status == StatusCode::OK { "ok" } else { "error" },
        "store": state.config.store_label,
        "store_state": store_state,
        "error": error,
        "writable": state.config.token.is_some(),
        "union_default_graph": state.config.union_default_graph,
        "predeclared_prefixes": state.config.predeclare_prefixes,
        "timeout_ms": state.config.timeout.as_millis() as u64,
        "max_rows": state.config.max_rows,
        "max_query_memory": state.config.max_query_memory,
        "workers": state.engine.pool.status(),
        "uptime_s": state.started.elapsed().as_secs(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    (status, axum::Json(body)).into_response()
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no route {}: this server has /sparql (or /query), /update, /store, /health, /id/… (the \
         graph's resources) and / (query page)",
        uri.path()
    ))
}

/// One structured log event per request: method, path, status, duration, bytes.
async fn access_log(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let remote = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.to_string());
    let response = next.run(request).await;
    let bytes = axum::body::HttpBody::size_hint(response.body()).exact();
    let status = response.status().as_u16();
    let truncated = response.headers().contains_key(TRUNCATED_HEADER);
    tracing::info!(
        target: "policykg_serve::access",
        method = %method,
        path,
        status,
        duration_ms = query::elapsed_ms(start),
        bytes,
        remote,
        truncated,
    );
    response
}
