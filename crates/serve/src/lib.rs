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
//! - `/health`, `/` (the query page), `/assets/*`, `/examples` and `/examples/{name}.rq`.
//!
//! **The default graph is the union of all graphs** (like Fuseki's `unionDefaultGraph`): the
//! store keeps one named graph per document, and `SELECT * { ?s ?p ?o }` should see them all.
//! A query with `FROM` / `FROM NAMED`, or a request with `default-graph-uri` /
//! `named-graph-uri`, gets exactly the dataset it names instead. [`Config::union_default_graph`]
//! turns this off.
//!
//! Limits: a timeout per operation (503 when exceeded), a cap on result rows (the answer is cut
//! and carries `X-Policykg-Truncated: true`), a request body limit (413), and a cap on concurrent
//! operations. Every request is logged as one `tracing` event with target `policykg_serve::access`.
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
//! logged and retried after a short back-off, never fatal. Shutdown stops accepting, closes idle
//! connections and lets requests in flight finish.
//!
//! What it is not for: building the graph (that is `policykg-graph`, through `policykg ingest`).
//! The library takes an open [`Store`]; opening one from a path is [`open_store`].

use std::net::SocketAddr;
use std::path::Path;
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
mod protocol;
mod query;
mod run;

pub use conn::{Limits, HEALTH_RESERVE};
pub use error::ApiError;
pub use page::{examples, Example};
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
    /// Prefixes used when serialising CONSTRUCT/DESCRIBE results and GSP reads.
    pub prefixes: Vec<(String, String)>,
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
            prefixes: default_prefixes(),
            store_label: "in-memory".into(),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(60),
            max_connections: None,
        }
    }
}

/// Standard prefixes of the vocabularies the policykg graph uses.
pub fn default_prefixes() -> Vec<(String, String)> {
    [
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("org", "http://www.w3.org/ns/org#"),
        ("cpov", "http://data.europa.eu/m8g/"),
        ("eli", "http://data.europa.eu/eli/ontology#"),
        ("schema", "http://schema.org/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("oa", "http://www.w3.org/ns/oa#"),
        ("dcterms", "http://purl.org/dc/terms/"),
    ]
    .into_iter()
    .map(|(p, i)| (p.to_owned(), i.to_owned()))
    .collect()
}

/// Why a store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no store at {0}: run `policykg ingest` first, or pass --store PATH")]
    Missing(String),
    #[error("cannot open the store at {path}: {reason}")]
    Storage { path: String, reason: String },
}

/// Opens the on-disk store: read-only unless `writable`.
///
/// Read-only means RocksDB's read-only mode: no lock is taken, so `policykg ingest` can run
/// while the server is up, but the server sees the store as it was when it opened (restart it
/// to see new documents), and Oxigraph documents a writer changing files under a read-only
/// reader as undefined behaviour: the safe sequence is ingest, then (re)start the server.
/// Writable takes RocksDB's lock: a second writer (`policykg ingest`) fails until the server
/// stops.
// One place to switch to `policykg_graph::open` once the graph stage exposes it.
pub fn open_store(path: &Path, writable: bool) -> Result<Store, OpenError> {
    let shown = path.display().to_string();
    if !writable && !path.join("CURRENT").exists() {
        return Err(OpenError::Missing(shown));
    }
    let opened = if writable {
        Store::open(path)
    } else {
        Store::open_read_only(path)
    };
    opened.map_err(|e| OpenError::Storage {
        path: shown,
        reason: e.to_string(),
    })
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
    let state = Arc::new(AppState {
        engine: query::Engine::new(store, config.clone()),
        page: page::Page::new(&config),
        config: config.clone(),
        started: Instant::now(),
    });
    let mut router = Router::new()
        .route("/sparql", any(sparql_endpoint))
        .route("/query", any(sparql_endpoint))
        .route("/update", any(update_endpoint))
        .route("/store", any(graph_store::endpoint))
        .route("/health", get(health))
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
        HeaderValue::from_static(answer.content_type),
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
    let probe = state
        .engine
        .with_store(|store| {
            store
                .is_empty()
                .map_err(|e| ApiError::internal(format!("the store does not answer: {e}")))
        })
        .await;
    let (status, store_state, error) = match probe {
        Ok(empty) => (StatusCode::OK, if empty { "empty" } else { "ok" }, None),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, "error", Some(e.message)),
    };
    let body = serde_json::json!({
        "status": if status == StatusCode::OK { "ok" } else { "error" },
        "store": state.config.store_label,
        "store_state": store_state,
        "error": error,
        "writable": state.config.token.is_some(),
        "union_default_graph": state.config.union_default_graph,
        "timeout_ms": state.config.timeout.as_millis() as u64,
        "max_rows": state.config.max_rows,
        "uptime_s": state.started.elapsed().as_secs(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    (status, axum::Json(body)).into_response()
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no route {}: this server has /sparql (or /query), /update, /store, /health and / (query page)",
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
