//! The accept loop and the life of each connection: why `serve` does not use `axum::serve`.
//!
//! `axum::serve` keeps every socket until the client closes it, so idle keep-alive connections,
//! slow headers and bodies shorter than their `Content-Length` each hold a file descriptor for
//! ever, and once the process runs out (EMFILE) even `/health` stops answering. Here:
//!
//! - every connection is in one [`Phase`]: idle (waiting for a request), reading a request head,
//!   or busy (a request in flight, until its answer is written). Idle connections are closed
//!   after `idle_timeout`, heads must arrive within `header_timeout` of their first byte, and
//!   a request body must arrive in full within `body_timeout` of its head (408 otherwise);
//! - at most [`Limits::max_connections`] ordinary connections are open. Reaching the cap closes
//!   the longest-idle connection to make room; when none is idle, up to [`HEALTH_RESERVE`] more
//!   connections are accepted in a degraded mode that answers `/health` and 503 to anything
//!   else, one request each. Beyond that the loop stops accepting until a slot frees (clients
//!   wait in the kernel's backlog, which costs no descriptor). The cap is derived from the
//!   descriptor limit (RLIMIT_NOFILE), so the server does not reach EMFILE;
//! - accept errors never end the loop: it backs off briefly and goes on; when descriptors ran
//!   out anyway (something else in the process took them), it also closes the longest-idle
//!   connection;
//! - shutdown stops accepting, closes idle connections and lets requests in flight finish.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Notify};
use tokio::time::{Instant, Sleep};

use crate::{ApiError, Config};

/// Connections accepted beyond the cap, when no connection is idle, to answer `/health`.
pub const HEALTH_RESERVE: usize = 8;
/// Descriptors left for everything that is not a client connection when checking a configured
/// cap: the listener, the runtime, logs, the store's files.
const OTHER_DESCRIPTORS: u64 = 32;
/// Back-off after an accept error (EMFILE, ENFILE, ENOBUFS …): doubled while errors last.
const BACKOFF_FIRST: Duration = Duration::from_millis(10);
const BACKOFF_MAX: Duration = Duration::from_secs(1);

/// The connection limits in force, with the cap resolved against the descriptor limit.
#[derive(Clone, Debug)]
pub struct Limits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub idle_timeout: Duration,
    /// Ordinary connections open at once.
    pub max_connections: usize,
    /// RLIMIT_NOFILE's soft limit, when there is one.
    pub descriptor_limit: Option<u64>,
}

impl Limits {
    /// Resolves `config`'s cap: by default half the descriptor limit (the store's files, the
    /// runtime and the health reserve need the rest); a configured cap must leave room for them.
    pub fn new(config: &Config) -> Result<Self, String> {
        let descriptor_limit = descriptor_limit();
        let usable = descriptor_limit
            .map(|limit| limit.saturating_sub(OTHER_DESCRIPTORS + HEALTH_RESERVE as u64));
        let max_connections = match (config.max_connections, descriptor_limit, usable) {
            (Some(0), _, _) => return Err("max_connections must be at least 1".into()),
            (Some(n), Some(limit), Some(usable)) if n as u64 > usable => {
                return Err(format!(
                    "max_connections {n} is more than the descriptor limit allows: the process \
                     may open {limit} files (ulimit -n), so at most {usable} connections; raise \
                     `ulimit -n` or lower --max-connections"
                ))
            }
            (Some(n), _, _) => n,
            (None, Some(limit), Some(usable)) => {
                let half = usize::try_from(limit / 2).unwrap_or(usize::MAX);
                let cap = half.min(usize::try_from(usable).unwrap_or(usize::MAX));
                if cap == 0 {
                    return Err(format!(
                        "the descriptor limit ({limit}, ulimit -n) is too low to serve: raise it \
                         to at least {}",
                        OTHER_DESCRIPTORS + HEALTH_RESERVE as u64 + 2
                    ));
                }
                cap
            }
            // No limit to respect (RLIM_INFINITY or not unix): still bounded.
            (None, _, _) => 16_384,
        };
        Ok(Self {
            header_timeout: config.header_timeout,
            body_timeout: config.body_timeout,
            idle_timeout: config.idle_timeout,
            max_connections,
            descriptor_limit,
        })
    }
}

/// RLIMIT_NOFILE's soft limit; `None` when unlimited or unknown.
#[cfg(unix)]
fn descriptor_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given and nothing else.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0
        || limit.rlim_cur == libc::RLIM_INFINITY
    {
        return None;
    }
    #[allow(clippy::useless_conversion)] // rlim_t is u64 on 64-bit Linux, not everywhere
    u64::try_from(limit.rlim_cur).ok()
}

#[cfg(not(unix))]
fn descriptor_limit() -> Option<u64> {
    None
}

/// Serves `router` on `listener` with `limits` until `shutdown` resolves, then lets requests in
/// flight finish and returns once every connection is closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tracing::info!(
        max_connections = limits.max_connections,
        health_reserve = HEALTH_RESERVE,
        descriptor_limit = limits.descriptor_limit,
        header_timeout_ms = limits.header_timeout.as_millis() as u64,
        body_timeout_ms = limits.body_timeout.as_millis() as u64,
        idle_timeout_ms = limits.idle_timeout.as_millis() as u64,
        "connection limits"
    );
    let shared = Arc::new(Shared {
        service: TowerToHyperService::new(router),
        limits,
        registry: Registry::default(),
    });
    let (drain_tx, drain_rx) = watch::channel(false);
    // Each connection task holds a sender; `recv` returns None once all of them have ended.
    let (alive_tx, mut alive_rx) = mpsc::channel::<()>(1);
    tokio::pin!(shutdown);
    let mut backoff = BACKOFF_FIRST;
    'accept: loop {
        // Wait for a slot before accepting, so the descriptor count stays bounded.
        while !shared.registry.has_room(&shared.limits) {
            tokio::select! {
                () = shared.registry.slot_freed.notified() => {}
                () = &mut shutdown => break 'accept,
            }
        }
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break 'accept,
        };
        let (stream, remote) = match accepted {
            Ok(accepted) => {
                backoff = BACKOFF_FIRST;
                accepted
            }
            // The client gave up between connect and accept: nothing to do.
            Err(e) if is_per_connection(&e) => continue,
            Err(e) => {
                let closed_idle = is_out_of_descriptors(&e) && shared.registry.evict_longest_idle();
                tracing::warn!(
                    error = %e,
                    backoff_ms = backoff.as_millis() as u64,
                    open = shared.registry.open(),
                    closed_idle,
                    "cannot accept a connection; retrying"
                );
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    () = &mut shutdown => break 'accept,
                }
                backoff = (backoff * 2).min(BACKOFF_MAX);
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (id, kind, tracker) = shared.registry.admit(&shared.limits);
        tokio::spawn(drive(
            shared.clone(),
            stream,
            remote,
            id,
            kind,
            tracker,
            drain_rx.clone(),
            alive_tx.clone(),
        ));
    }
    drop(listener);
    let _ = drain_tx.send(true);
    drop(alive_tx);
    let _ = alive_rx.recv().await;
    Ok(())
}

/// Accept errors that concern one connection only, not the process.
fn is_per_connection(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::ConnectionAborted
            | ErrorKind::ConnectionReset
            | ErrorKind::Interrupted
            | ErrorKind::WouldBlock
    )
}

#[cfg(unix)]
fn is_out_of_descriptors(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

#[cfg(not(unix))]
fn is_out_of_descriptors(_: &std::io::Error) -> bool {
    false
}

struct Shared {
    service: TowerToHyperService<Router>,
    limits: Limits,
    registry: Registry,
}

/// How a connection is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Any route, keep-alive.
    Ordinary,
    /// Accepted at the cap with nothing idle to close: `/health` only, one request.
    Reserve,
}

/// Every open connection, for the cap and for choosing which idle one to close.
#[derive(Default)]
struct Registry {
    state: Mutex<RegistryState>,
    slot_freed: Notify,
}

#[derive(Default)]
struct RegistryState {
    /// Sockets open (ordinary, reserve, and those being closed to make room).
    open: usize,
    next_id: u64,
    /// Ordinary connections, the candidates for closing.
    ordinary: HashMap<u64, Arc<Tracker>>,
    /// Whether "at the connection cap" has been logged since the count was last well below it.
    warned: bool,
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, RegistryState> {
        // A panic while holding this lock leaves counts that are still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn open(&self) -> usize {
        self.lock().open
    }

    fn has_room(&self, limits: &Limits) -> bool {
        self.lock().open < limits.max_connections + HEALTH_RESERVE
    }

    /// Counts a new connection in: ordinary while under the cap or while an idle one can be
    /// closed for it, else one of the reserve.
    fn admit(&self, limits: &Limits) -> (u64, Kind, Arc<Tracker>) {
        let mut state = self.lock();
        let id = state.next_id;
        state.next_id += 1;
        let tracker = Arc::new(Tracker::new());
        let ordinary = state.ordinary.len();
        let kind = if ordinary < limits.max_connections || state.evict_longest_idle() {
            Kind::Ordinary
        } else {
            Kind::Reserve
        };
        if kind == Kind::Ordinary {
            state.ordinary.insert(id, tracker.clone());
        }
        state.open += 1;
        if ordinary >= limits.max_connections && !state.warned {
            state.warned = true;
            tracing::warn!(
                max_connections = limits.max_connections,
                "at the connection cap: closing the longest-idle connections to make room, \
                 answering /health only on new connections while none is idle"
            );
        } else if ordinary < limits.max_connections * 9 / 10 {
            state.warned = false;
        }
        (id, kind, tracker)
    }

    /// Closes the longest-idle connection, if there is one: how the loop gets out of EMFILE
    /// when something else (the store's files) took the descriptors the cap left.
    fn evict_longest_idle(&self) -> bool {
        self.lock().evict_longest_idle()
    }

    fn release(&self, id: u64) {
        let mut state = self.lock();
        state.open -= 1;
        state.ordinary.remove(&id);
        drop(state);
        self.slot_freed.notify_one();
    }
}

/// The connection idle the longest (the earliest accepted among equals).
impl RegistryState {
    fn evict_longest_idle(&mut self) -> bool {
        let Some(victim) = longest_idle(&self.ordinary) else {
            return false;
        };
        victim.evict();
        self.ordinary.retain(|_, t| !Arc::ptr_eq(t, &victim));
        true
    }
}

fn longest_idle(connections: &HashMap<u64, Arc<Tracker>>) -> Option<Arc<Tracker>> {
    connections
        .iter()
        .filter_map(|(id, t)| t.idle_since().map(|since| ((since, *id), t)))
        .min_by_key(|(key, _)| *key)
        .map(|(_, t)| t.clone())
}

/// Where a connection is between requests.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// Waiting for a request since this instant.
    Idle(Instant),
    /// The first bytes of a request head arrived at this instant.
    Head(Instant),
    /// Requests in flight (answers not yet written).
    Busy(usize),
}

/// One connection's phase, shared by its socket reads, its service and its task.
struct Tracker {
    phase: Mutex<Phase>,
    evicted: AtomicBool,
    /// Wakes the connection's task when its deadline may have moved.
    changed: Notify,
}

impl Tracker {
    fn new() -> Self {
        Self {
            phase: Mutex::new(Phase::Idle(Instant::now())),
            evicted: AtomicBool::new(false),
            changed: Notify::new(),
        }
    }

    fn phase(&self) -> MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn idle_since(&self) -> Option<Instant> {
        match *self.phase() {
            Phase::Idle(since) if !self.evicted.load(Ordering::Relaxed) => Some(since),
            _ => None,
        }
    }

    fn evict(&self) {
        self.evicted.store(true, Ordering::Relaxed);
        self.changed.notify_one();
    }

    fn bytes_read(&self) {
        let mut phase = self.phase();
        if let Phase::Idle(_) = *phase {
            *phase = Phase::Head(Instant::now());
            drop(phase);
            self.changed.notify_one();
        }
    }

    fn request_started(&self) {
        let mut phase = self.phase();
        *phase = match *phase {
            Phase::Busy(n) => Phase::Busy(n + 1),
            Phase::Idle(_) | Phase::Head(_) => Phase::Busy(1),
        };
        drop(phase);
        self.changed.notify_one();
    }

    fn request_finished(&self) {
        let mut phase = self.phase();
        *phase = match *phase {
            Phase::Busy(n) if n > 1 => Phase::Busy(n - 1),
            _ => Phase::Idle(Instant::now()),
        };
        drop(phase);
        self.changed.notify_one();
    }

    /// When the connection is to be closed if nothing happens before; `None` while busy.
    fn deadline(&self, limits: &Limits, kind: Kind) -> Option<Instant> {
        match *self.phase() {
            Phase::Idle(_) if self.evicted.load(Ordering::Relaxed) => Some(Instant::now()),
            // A reserve connection has no business idling: it gets the head's allowance.
            Phase::Idle(since) if kind == Kind::Reserve => Some(since + limits.header_timeout),
            Phase::Idle(since) => Some(since + limits.idle_timeout),
            Phase::Head(since) => Some(since + limits.header_timeout),
            Phase::Busy(_) => None,
        }
    }

    /// Why the connection is to be closed now, if it is.
    fn expired(&self, limits: &Limits, kind: Kind) -> Option<&'static str> {
        let deadline = self.deadline(limits, kind)?;
        if Instant::now() < deadline {
            return None;
        }
        Some(match *self.phase() {
            Phase::Idle(_) if self.evicted.load(Ordering::Relaxed) => {
                "closed to make room at the connection cap"
            }
            Phase::Idle(_) => "idle timeout",
            _ => "header timeout",
        })
    }
}

/// Serves one connection until it ends, a deadline passes, or shutdown drains it.
#[allow(clippy::too_many_arguments)]
async fn drive(
    shared: Arc<Shared>,
    stream: TcpStream,
    remote: SocketAddr,
    id: u64,
    kind: Kind,
    tracker: Arc<Tracker>,
    mut drain: watch::Receiver<bool>,
    _alive: mpsc::Sender<()>,
) {
    let io = TokioIo::new(Watched {
        inner: stream,
        tracker: tracker.clone(),
    });
    let service = {
        let shared = shared.clone();
        let tracker = tracker.clone();
        hyper::service::service_fn(move |request| {
            handle(shared.clone(), tracker.clone(), remote, kind, request)
        })
    };
    let mut builder = http1::Builder::new();
    // hyper's own header timer starts when a connection begins waiting, so it would cut idle
    // keep-alive connections at the header timeout: the phases above time both instead.
    builder
        .header_read_timeout(None)
        .keep_alive(kind == Kind::Ordinary);
    // Boxed so it can be dropped (closing the socket) before the slot is given back.
    let mut connection = Box::pin(builder.serve_connection(io, service));
    let mut draining = false;
    let closed_because = loop {
        if !draining && *drain.borrow() {
            draining = true;
            connection.as_mut().graceful_shutdown();
        }
        let deadline = tracker.deadline(&shared.limits, kind);
        tokio::select! {
            result = connection.as_mut() => {
                break result.err().map(|e| e.to_string());
            }
            () = sleep_until(deadline) => {
                if let Some(why) = tracker.expired(&shared.limits, kind) {
                    break Some(why.to_owned());
                }
            }
            () = tracker.changed.notified() => {}
            changed = drain.changed(), if !draining => {
                if changed.is_err() {
                    draining = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    };
    if let Some(why) = closed_because {
        tracing::debug!(remote = %remote, reason = %why, "connection closed");
    }
    drop(connection);
    shared.registry.release(id);
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// One request: the router with the body under its deadline, or the reserve's answer.
async fn handle(
    shared: Arc<Shared>,
    tracker: Arc<Tracker>,
    remote: SocketAddr,
    kind: Kind,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let guard = InFlight::new(tracker);
    if kind == Kind::Reserve && request.uri().path() != "/health" {
        let mut response = ApiError::unavailable(format!(
            "the server is at its connection limit ({} connections, all busy): only /health is \
             answered until one frees; retry shortly",
            shared.limits.max_connections
        ))
        .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return Ok(finish(response, guard, true));
    }
    let timed_out = Arc::new(AtomicBool::new(false));
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(ConnectInfo(remote));
    let body = Body::new(DeadlineBody {
        inner: body,
        deadline: Instant::now() + shared.limits.body_timeout,
        limit: shared.limits.body_timeout,
        sleep: None,
        timed_out: timed_out.clone(),
    });
    let request = Request::from_parts(parts, body);
    let mut response = match hyper::service::Service::call(&shared.service, request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let body_timed_out = timed_out.load(Ordering::Relaxed);
    if body_timed_out && response.status() != StatusCode::REQUEST_TIMEOUT {
        // Every handler reads bodies through `protocol::read_body`, which answers 408 itself;
        // this keeps the status right for any that does not.
        response = body_timeout_error(shared.limits.body_timeout).into_response();
    }
    Ok(finish(response, guard, body_timed_out))
}

/// The answer to a body that did not arrive in time.
pub(crate) fn body_timeout_error(limit: Duration) -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        format!(
            "{} (see `policykg serve --body-timeout`)",
            BodyTimeout(limit)
        ),
    )
}

/// Keeps the connection busy until the answer is written; `close` ends it afterwards.
fn finish(mut response: Response<Body>, guard: InFlight, close: bool) -> Response<Body> {
    if close {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response.map(|body| {
        Body::new(Answer {
            inner: body,
            _guard: guard,
        })
    })
}

/// Marks a request in flight from its head until its answer's body is dropped (written, or the
/// connection gone).
struct InFlight(Arc<Tracker>);

impl InFlight {
    fn new(tracker: Arc<Tracker>) -> Self {
        tracker.request_started();
        Self(tracker)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.request_finished();
    }
}

/// An answer's body, holding the request in flight while it is written.
struct Answer {
    inner: Body,
    _guard: InFlight,
}

impl hyper::body::Body for Answer {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The error a request body gives when it has not arrived in full by its deadline;
/// `protocol::read_body` turns it into 408.
#[derive(Debug)]
pub(crate) struct BodyTimeout(pub(crate) Duration);

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the request body did not arrive in full within {} ms of its headers (is it shorter \
             than its Content-Length?)",
            self.0.as_millis()
        )
    }
}

impl std::error::Error for BodyTimeout {}

/// A request body that fails with [`BodyTimeout`] once its deadline passes.
struct DeadlineBody {
    inner: Incoming,
    deadline: Instant,
    limit: Duration,
    /// Made on the first wait only: most bodies are empty or already buffered.
    sleep: Option<Pin<Box<Sleep>>>,
    timed_out: Arc<AtomicBool>,
}

impl hyper::body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if this.timed_out.load(Ordering::Relaxed) {
            return Poll::Ready(Some(Err(Box::new(BodyTimeout(this.limit)))));
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|f| f.map_err(Into::into))),
            Poll::Pending => {
                let deadline = this.deadline;
                let sleep = this
                    .sleep
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.timed_out.store(true, Ordering::Relaxed);
                        Poll::Ready(Some(Err(Box::new(BodyTimeout(this.limit)))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, noting when a request's first bytes arrive on an idle connection.
struct Watched {
    inner: TcpStream,
    tracker: Arc<Tracker>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let result = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.tracker.bytes_read();
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
