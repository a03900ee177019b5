//! The server's side of the query workers ([`crate::worker`]): a pool of long-lived child
//! processes, one request at a time each.
//!
//! A request takes an idle worker (or starts one), sends its request and waits for the answer
//! until the deadline. At the deadline, or when the client goes away, the worker is killed with
//! SIGKILL and reaped before the caller answers, so a stopped query holds no CPU, no memory and
//! no slot. A worker that dies by itself is examined (an allocation failure under its memory cap
//! becomes "the query needed more than N of memory") and replaced by the next request.
//!
//! After a write (SPARQL Update, Graph Store PUT/POST/DELETE) the server calls
//! [`Pool::recycle`]: workers opened before it are retired, so every query that starts after a
//! write's answer sees the write.

use std::collections::BTreeSet;
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::task::JoinHandle;

use crate::error::ApiError;
use crate::wire::{self, Reply, Request, Settings};
use crate::WorkerCommand;

/// Most of a dead worker's stderr kept to explain its death.
const STDERR_TAIL: usize = 4096;

/// An answer from a worker.
#[derive(Debug)]
pub struct Answer {
    pub body: Vec<u8>,
    pub content_type: String,
    pub count: usize,
    pub truncated: bool,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    stderr: JoinHandle<Stderr>,
    pid: u32,
    generation: u64,
    /// Whether it has said [`Reply::Ready`]; a new worker says it within its first request's
    /// deadline, so a slow start is stopped like a slow query.
    ready: bool,
    /// It refused to start (its store cannot be opened) and is exiting.
    refused: bool,
}

/// Numbers `/health` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PoolStatus {
    /// Process ids of the live workers (idle and busy).
    pub pids: Vec<u32>,
    pub idle: usize,
    pub busy: usize,
    /// Workers started since the server started.
    pub started: u64,
    /// Workers killed at a deadline or because their client went away.
    pub killed: u64,
    /// Workers that died by themselves (memory cap, crash, killed from outside).
    pub died: u64,
    /// Bumped by every write; workers of older generations are retired.
    pub generation: u64,
}

pub struct Pool {
    command: Option<WorkerCommand>,
    settings: Option<Settings>,
    idle: Mutex<Vec<Worker>>,
    busy: Mutex<BTreeSet<u32>>,
    generation: AtomicU64,
    started: AtomicU64,
    killed: AtomicU64,
    died: AtomicU64,
    /// Why the store is damaged, once a worker has said so.
    damaged: Mutex<Option<String>>,
}

/// Marks a worker busy for as long as it is out of the pool.
struct Busy<'a> {
    pool: &'a Pool,
    pid: u32,
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.pool.busy.lock().unwrap().remove(&self.pid);
    }
}

impl Pool {
    pub fn new(command: Option<WorkerCommand>, settings: Option<Settings>) -> Self {
        Self {
            command,
            settings,
            idle: Mutex::new(Vec::new()),
            busy: Mutex::new(BTreeSet::new()),
            generation: AtomicU64::new(0),
            started: AtomicU64::new(0),
            killed: AtomicU64::new(0),
            died: AtomicU64::new(0),
            damaged: Mutex::new(None),
        }
    }

    pub fn damaged(&self) -> Option<String> {
        self.damaged.lock().unwrap().clone()
    }

    fn mark_damaged(&self, message: &str) {
        let mut damaged = self.damaged.lock().unwrap();
        if damaged.is_none() {
            tracing::error!(reason = message, "the store is damaged");
            *damaged = Some(message.to_owned());
        }
    }

    pub fn status(&self) -> PoolStatus {
        let idle: Vec<u32> = self.idle.lock().unwrap().iter().map(|w| w.pid).collect();
        let busy: Vec<u32> = self.busy.lock().unwrap().iter().copied().collect();
        let mut pids: Vec<u32> = idle.iter().chain(&busy).copied().collect();
        pids.sort_unstable();
        PoolStatus {
            pids,
            idle: idle.len(),
            busy: busy.len(),
            started: self.started.load(Ordering::Relaxed),
            killed: self.killed.load(Ordering::Relaxed),
            died: self.died.load(Ordering::Relaxed),
            generation: self.generation.load(Ordering::Relaxed),
        }
    }

    /// Retires every worker opened before now (see the module docs).
    pub async fn recycle(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let retired: Vec<Worker> = std::mem::take(&mut *self.idle.lock().unwrap());
        for worker in retired {
            retire(worker).await;
        }
    }

    /// Answers `request` on a worker, within `deadline`. `timed_out` is the 503 to give when
    /// the deadline passes.
    pub async fn call(
        &self,
        request: &Request,
        deadline: tokio::time::Instant,
        timed_out: impl FnOnce() -> ApiError,
    ) -> Result<Answer, ApiError> {
        let frame = serde_json::to_vec(request)
            .map_err(|e| ApiError::internal(format!("cannot encode the request: {e}")))?;
        let mut worker = self.checkout().await?;
        let _busy = Busy {
            pool: self,
            pid: worker.pid,
        };
        // If the client goes away, this future is dropped with the worker in it, and
        // `kill_on_drop` stops the query.
        let exchange = tokio::time::timeout_at(deadline, async {
            if !worker.ready {
                if let Err(refusal) = handshake(&mut worker).await? {
                    worker.refused = true;
                    return Ok(Err(refusal));
                }
                worker.ready = true;
            }
            exchange(&mut worker, &frame).await
        })
        .await;
        match exchange {
            Ok(Ok(Ok(answer))) => {
                self.checkin(worker).await;
                Ok(answer)
            }
            Ok(Ok(Err((status, message, damaged)))) => {
                if damaged {
                    self.mark_damaged(&message);
                }
                if worker.refused {
                    let _ = worker.child.wait().await;
                } else {
                    self.checkin(worker).await;
                }
                Err(ApiError::new(
                    axum::http::StatusCode::from_u16(status)
                        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
                    message,
                ))
            }
            Ok(Err(io)) => Err(self.bury(worker, &io).await),
            Err(_) => {
                kill(worker).await;
                self.killed.fetch_add(1, Ordering::Relaxed);
                Err(timed_out())
            }
        }
    }

    /// An idle worker of the current generation that is still alive, or a new one.
    async fn checkout(&self) -> Result<Worker, ApiError> {
        let generation = self.generation.load(Ordering::SeqCst);
        loop {
            let candidate = self.idle.lock().unwrap().pop();
            let Some(mut worker) = candidate else { break };
            if worker.generation != generation {
                retire(worker).await;
                continue;
            }
            match worker.child.try_wait() {
                Ok(None) if !exiting(worker.pid) => {
                    self.busy.lock().unwrap().insert(worker.pid);
                    return Ok(worker);
                }
                Ok(None) => {
                    // Killed a moment ago: its threads are still exiting, so it cannot be
                    // reaped yet, but it will never read the query. Reaped in the background.
                    self.died.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        pid = worker.pid,
                        "an idle query worker is exiting; starting another"
                    );
                    kill(worker).await;
                }
                Ok(Some(status)) => {
                    // Killed from outside or crashed while idle: replaced, and said so.
                    self.died.fetch_add(1, Ordering::Relaxed);
                    let stderr = (&mut worker.stderr).await.unwrap_or_default();
                    tracing::warn!(pid = worker.pid, %status, stderr = %stderr.cause(), "an idle query worker died; starting another");
                }
                Err(e) => {
                    tracing::warn!(pid = worker.pid, error = %e, "cannot check a query worker; replacing it");
                    kill(worker).await;
                }
            }
        }
        let worker = self.spawn(generation).await?;
        self.busy.lock().unwrap().insert(worker.pid);
        Ok(worker)
    }

    async fn checkin(&self, worker: Worker) {
        if worker.generation == self.generation.load(Ordering::SeqCst) {
            self.idle.lock().unwrap().push(worker);
        } else {
            retire(worker).await;
        }
    }

    /// Starts a worker; it becomes usable after [`handshake`].
    async fn spawn(&self, generation: u64) -> Result<Worker, ApiError> {
        let (Some(command), Some(settings)) = (&self.command, &self.settings) else {
            return Err(ApiError::internal(
                "this server has no query worker configured (Config::worker and \
                 Config::store_path), so it cannot answer queries",
            ));
        };
        let settings_json = serde_json::to_string(settings)
            .map_err(|e| ApiError::internal(format!("cannot encode the worker settings: {e}")))?;
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .arg("--settings")
            .arg(settings_json)
            // The worker's memory cap (RLIMIT_DATA) counts reserved address space, and
            // mimalloc (which replaces malloc in the policykg binary) reserves 1 GiB at a time by
            // default: that reservation alone would fill the cap and the store could not
            // allocate. Small reservations keep the cap a cap on what a query uses.
            .env("MIMALLOC_ARENA_RESERVE", "64MiB")
            .envs(command.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                ApiError::unavailable(format!(
                    "cannot start a query worker ({}): {e}",
                    command.program.display()
                ))
            })?;
        self.started.fetch_add(1, Ordering::Relaxed);
        let pid = child.id().unwrap_or(0);
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(ApiError::internal(
                "a query worker started without its pipes",
            ));
        };
        let stderr = tokio::spawn(collect_stderr(pid, stderr));
        Ok(Worker {
            child,
            stdin,
            stdout,
            stderr,
            pid,
            generation,
            ready: false,
            refused: false,
        })
    }

    /// A worker whose pipe broke: reaps it and says why it died.
    async fn bury(&self, mut worker: Worker, io: &std::io::Error) -> ApiError {
        // The pipe broke because the process is gone, or it spoke nonsense: either way, kill.
        let _ = worker.child.start_kill();
        let status = worker.child.wait().await;
        let stderr = (&mut worker.stderr).await.unwrap_or_default();
        self.died.fetch_add(1, Ordering::Relaxed);
        let memory = self.settings.as_ref().map_or(0, |s| s.max_memory);
        if stderr.out_of_memory {
            tracing::warn!(
                pid = worker.pid,
                "a query ran out of memory; its worker is replaced"
            );
            return ApiError::unavailable(format!(
                "the query needed more than {} of memory (the server's --max-query-memory) and \
                 was stopped; narrow it (LIMIT, more specific patterns, no ORDER BY over \
                 everything) or ask the operator to raise the limit",
                human_size(memory)
            ));
        }
        let how = match &status {
            Ok(status) => describe_exit(status),
            Err(e) => format!("could not be reaped ({e})"),
        };
        tracing::error!(pid = worker.pid, how, error = %io, stderr = %stderr.cause(), "a query worker died");
        ApiError::internal(format!(
            "the query worker died while answering ({how}{}); it has been replaced, try again",
            match stderr.cause() {
                "" => String::new(),
                line => format!(": {line}"),
            }
        ))
    }
}

/// Whether `pid` has begun to exit (its main thread is a zombie while other threads finish).
/// Linux's /proc; elsewhere nothing is known and `try_wait` alone decides.
fn exiting(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            // "pid (comm) S …": the command may hold spaces and parentheses.
            let (_, rest) = stat.rsplit_once(')')?;
            rest.trim_start().chars().next()
        })
        .is_some_and(|state| matches!(state, 'Z' | 'X'))
}

impl Drop for Pool {
    fn drop(&mut self) {
        // kill_on_drop sends SIGKILL; tokio reaps the processes in the background.
        self.idle.lock().unwrap().clear();
    }
}

/// Reads a new worker's first message: ready, or why it cannot start (then it exits).
async fn handshake(worker: &mut Worker) -> std::io::Result<Result<(), (u16, String, bool)>> {
    match wire::read_reply(&mut worker.stdout).await? {
        Reply::Ready { .. } => {
            tracing::debug!(
                pid = worker.pid,
                generation = worker.generation,
                "query worker ready"
            );
            Ok(Ok(()))
        }
        Reply::Failed {
            status,
            message,
            damaged,
        } => Ok(Err((status, message, damaged))),
        other => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the query worker said {other:?} instead of being ready"),
        )),
    }
}

/// Sends one request and reads its reply: `Ok(Err(..))` is a failure the worker reported (it
/// stays usable), `Err` a broken pipe or a worker that speaks nonsense.
async fn exchange(
    worker: &mut Worker,
    frame: &[u8],
) -> std::io::Result<Result<Answer, (u16, String, bool)>> {
    wire::write_frame_async(&mut worker.stdin, frame).await?;
    match wire::read_reply(&mut worker.stdout).await? {
        Reply::Answer {
            content_type,
            count,
            truncated,
        } => {
            let body = wire::read_frame_async(&mut worker.stdout).await?;
            Ok(Ok(Answer {
                body,
                content_type,
                count,
                truncated,
            }))
        }
        Reply::Failed {
            status,
            message,
            damaged,
        } => Ok(Err((status, message, damaged))),
        Reply::Ready { .. } => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "the query worker answered 'ready' to a request",
        )),
    }
}

/// SIGKILL and reap: when this returns, the process is gone.
async fn kill(mut worker: Worker) {
    let _ = worker.child.start_kill();
    let _ = worker.child.wait().await;
    worker.stderr.abort();
}

/// Ends an idle worker of an old generation: closing its stdin lets it exit by itself, but a
/// kill is as good and does not wait on it.
async fn retire(worker: Worker) {
    kill(worker).await;
}

/// What a worker wrote to stderr, kept to explain its death in [`Pool::bury`].
#[derive(Debug, Default)]
struct Stderr {
    /// The last [`STDERR_TAIL`] bytes.
    tail: String,
    /// Some line said an allocation failed (Rust's "memory allocation of N bytes failed" or
    /// C++'s `bad_alloc`). Remembered apart from the tail: a backtrace printed after the
    /// message (RUST_BACKTRACE) can push it out of the tail.
    out_of_memory: bool,
}

impl Stderr {
    /// The line that best says why the worker died: the last one that is not backtrace noise.
    fn cause(&self) -> &str {
        self.tail
            .lines()
            .rev()
            .map(str::trim)
            .find(|line| !line.is_empty() && !is_backtrace_line(line))
            .unwrap_or("")
    }
}

fn is_backtrace_line(line: &str) -> bool {
    line == "stack backtrace:"
        || line.starts_with("at ")
        || line.starts_with("note: ")
        || line
            .split_once(':')
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Forwards a worker's stderr to the log and keeps what [`Pool::bury`] needs.
async fn collect_stderr(pid: u32, stderr: tokio::process::ChildStderr) -> Stderr {
    let mut lines = BufReader::new(stderr).lines();
    let mut kept = Stderr::default();
    while let Ok(Some(line)) = lines.next_line().await {
        tracing::warn!(target: "policykg_serve::worker", pid, "{line}");
        kept.out_of_memory |= line.contains("memory allocation of") || line.contains("bad_alloc");
        let tail = &mut kept.tail;
        tail.push_str(&line);
        tail.push('\n');
        if tail.len() > STDERR_TAIL {
            let cut = tail.len() - STDERR_TAIL;
            let cut = (cut..tail.len())
                .find(|i| tail.is_char_boundary(*i))
                .unwrap_or(tail.len());
            tail.drain(..cut);
        }
    }
    kept
}

fn describe_exit(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => status.to_string(),
    }
}

/// "1 GiB", "256 MiB", "1000 bytes".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit && bytes % unit == 0 {
            return format!("{} {name}", bytes / unit);
        }
        if bytes >= unit {
            return format!("{:.1} {name}", bytes as f64 / unit as f64);
        }
    }
    format!("{bytes} bytes")
}
