//! A real server on an ephemeral loopback port over an on-disk store (a temporary directory)
//! loaded with `fixtures/mini.trig`, its query workers started from this crate's
//! `policykg-sparql-worker` binary, and helpers to talk to it and to watch its workers.
#![allow(dead_code)] // each test binary uses a different subset

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oxigraph::io::RdfFormat;
use oxigraph::model::Quad;
use oxigraph::store::Store;
use policykg_graph::Mode;
use policykg_serve::{Config, WorkerCommand};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const EX: &str = "https://example.org/pk/";
pub const PREFIXES: &str = "PREFIX ex: <https://example.org/pk/>\n\
     PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
     PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
     PREFIX eli: <http://data.europa.eu/eli/ontology#>\n";

/// Tasks led by the agency whose alias is 省经信厅 (three in the fixture).
pub fn tasks_led_by_query() -> String {
    format!(
        "{PREFIXES}SELECT ?task ?label WHERE {{\n\
           ?agency skos:altLabel \"省经信厅\"@zh .\n\
           ?task ex:lead ?agency ; rdfs:label ?label .\n\
         }} ORDER BY ?task"
    )
}

/// A store directory that lives as long as the value.
pub struct TestStore {
    dir: tempfile::TempDir,
}

impl TestStore {
    /// The fixture, plus `extra` quads, written, flushed and closed.
    pub fn new(extra: impl IntoIterator<Item = Quad>) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store =
            policykg_graph::open(&dir.path().join("store"), Mode::ReadWrite).expect("a new store");
        store
            .load_from_slice(RdfFormat::TriG, include_str!("../fixtures/mini.trig"))
            .expect("fixture parses");
        store.extend(extra).expect("extra quads");
        store.flush().expect("flush");
        drop(store);
        Self { dir }
    }

    /// An empty store directory, for a test that fills it itself (e.g. by ingesting documents).
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn fixture() -> Self {
        Self::new([])
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("store")
    }
}

pub struct TestServer {
    pub base: String,
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<std::io::Result<()>>>,
    pub client: reqwest::Client,
    pub store: TestStore,
    /// The workers' fail-point directory (see `policykg_serve::worker`); also what tells this
    /// server's workers from other tests' in `/proc`.
    pub failpoints: tempfile::TempDir,
}

impl TestServer {
    pub async fn start(config: Config) -> Self {
        Self::start_on(TestStore::fixture(), config).await
    }

    /// Serves `store`, read-write when `config` has a token (as `policykg serve` does).
    pub async fn start_on(store: TestStore, mut config: Config) -> Self {
        let failpoints = tempfile::tempdir().expect("temporary directory");
        let mode = if config.token.is_some() {
            Mode::ReadWrite
        } else {
            Mode::ReadOnly
        };
        let handle = policykg_graph::open(&store.path(), mode).expect("open the test store");
        config.store_path = Some(store.path());
        config.worker = Some(WorkerCommand {
            program: env!("CARGO_BIN_EXE_policykg-sparql-worker").into(),
            args: Vec::new(),
            env: vec![(
                policykg_serve::worker::FAILPOINTS_ENV.into(),
                failpoints.path().into(),
            )],
        });
        Self::start_with(handle, config, store, failpoints).await
    }

    async fn start_with(
        handle: Store,
        config: Config,
        store: TestStore,
        failpoints: tempfile::TempDir,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral port");
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(policykg_serve::serve(listener, handle, config, async {
            let _ = rx.await;
        }));
        Self {
            base: format!("http://{addr}"),
            addr,
            shutdown: Some(tx),
            handle: Some(server),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(120))
                .build()
                .unwrap(),
            store,
            failpoints,
        }
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.base, path_and_query)
    }

    /// GET /sparql?query=… with an optional Accept header.
    pub async fn get_query(&self, query: &str, accept: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .get(self.url(&format!("/sparql?query={}", enc(query))));
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        request.send().await.expect("request sent")
    }

    /// `/health` as status and JSON.
    pub async fn health(&self) -> (u16, serde_json::Value) {
        let response = self
            .client
            .get(self.url("/health"))
            .send()
            .await
            .expect("health");
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&body).expect("health answers JSON"),
        )
    }

    /// Waits until `n` queries with a `#failpoint:` marker are running in workers, and returns
    /// their process ids. Waiting for the event, not for a time: the bound only turns a hang
    /// into a failure.
    pub async fn running(&self, n: usize) -> Vec<u32> {
        for _ in 0..12_000 {
            let pids = pids_with_prefix(self.failpoints.path(), "running.");
            if pids.len() >= n {
                return pids;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{n} queries never reached their fail point");
    }

    /// Lets a `#failpoint:wait` query in worker `pid` go on.
    pub fn release(&self, pid: u32) {
        std::fs::File::create(self.failpoints.path().join(format!("release.{pid}")))
            .expect("release file");
    }

    /// Live (not zombie) processes started by this server as its workers.
    pub fn live_workers(&self) -> Vec<u32> {
        self.workers_watch().live()
    }

    /// What finds this server's workers in `/proc`, usable after the server is gone.
    pub fn workers_watch(&self) -> WorkersWatch {
        WorkersWatch {
            marker: format!(
                "{}={}",
                policykg_serve::worker::FAILPOINTS_ENV,
                self.failpoints.path().display()
            ),
        }
    }

    /// Stops accepting connections, lets requests in flight finish, and waits for the server.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.handle.take().unwrap().await.expect("server task")
    }

    pub fn signal_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    pub async fn join(mut self) -> std::io::Result<()> {
        self.handle.take().unwrap().await.expect("server task")
    }
}

/// Finds one server's worker processes by the environment it gave them.
pub struct WorkersWatch {
    marker: String,
}

impl WorkersWatch {
    /// Waits until none is left (SIGKILL is sent at once; the kernel takes a moment).
    pub async fn wait_all_gone(&self) {
        for _ in 0..6_000 {
            if self.live().is_empty() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("workers still running: {:?}", self.live());
    }

    pub fn live(&self) -> Vec<u32> {
        let marker = &self.marker;
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
                continue;
            };
            let ours = environ
                .split(|b| *b == 0)
                .any(|var| var == marker.as_bytes());
            if ours && process_state(pid).is_some_and(|s| s != 'Z' && s != 'X') {
                pids.push(pid);
            }
        }
        pids.sort_unstable();
        pids
    }
}

fn pids_with_prefix(dir: &Path, prefix: &str) -> Vec<u32> {
    let mut pids: Vec<u32> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_prefix(prefix)?.parse().ok())
        .collect();
    pids.sort_unstable();
    pids
}

/// The state letter of `/proc/PID/stat` (R, S, Z...), `None` once the process is reaped.
pub fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S ...": the command may contain spaces and parentheses.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Percent-encodes a query-string or form component.
pub fn enc(s: &str) -> String {
    const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}

pub fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// The values of `variable` in a SPARQL JSON results document.
pub fn json_column(body: &str, variable: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("not SPARQL JSON results ({e}): {body}"));
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| b[variable]["value"].as_str().unwrap_or("").to_owned())
        .collect()
}
