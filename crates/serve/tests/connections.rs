//! Connections as misbehaving or numerous clients see them: idle sockets, slow heads, bodies
//! shorter than their Content-Length, the connection cap, and a low descriptor limit.
//!
//! Every outcome is an event the test waits for (the server closing a socket, an answer), with
//! small configured timeouts; the 60 s guard only turns a hang into a failure.

mod common;

use std::future::Future;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use policykg_serve::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const GUARD: Duration = Duration::from_secs(60);
const LONG: Duration = Duration::from_secs(3600);
const SHORT: Duration = Duration::from_millis(150);

/// Timeouts that never fire during a test, except those a test shortens.
fn patient() -> Config {
    Config {
        header_timeout: LONG,
        body_timeout: LONG,
        idle_timeout: LONG,
        ..Config::default()
    }
}

async fn guarded<F: Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(GUARD, future)
        .await
        .unwrap_or_else(|_| panic!("{what}: nothing happened within {GUARD:?}"))
}

async fn connect(addr: SocketAddr) -> TcpStream {
    TcpStream::connect(addr).await.expect("connect")
}

/// Reads until the server closes the connection; returns what it sent before.
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    guarded("waiting for the server to close the connection", async {
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) => return received,
                Ok(n) => received.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return received,
                Err(e) => panic!("reading from the server: {e}"),
            }
        }
    })
    .await
}

/// One HTTP/1.1 response: status, head (lower-cased), body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// Reads one response (heads of 1xx included as their own answer) without waiting for close.
async fn read_response(stream: &mut TcpStream) -> Answer {
    guarded("waiting for an answer", async {
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let n = stream.read(&mut buf).await.expect("read the answer");
            assert!(
                n > 0,
                "connection closed before a full answer: {:?}",
                String::from_utf8_lossy(&received)
            );
            received.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8(received[..head_end].to_vec())
            .unwrap()
            .to_ascii_lowercase();
        let status: u16 = head
            .strip_prefix("http/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .map_or(0, |v| v.trim().parse().unwrap());
        let mut body = received[head_end..].to_vec();
        while body.len() < length {
            let n = stream.read(&mut buf).await.expect("read the body");
            assert!(n > 0, "connection closed in the middle of a body");
            body.extend_from_slice(&buf[..n]);
        }
        Answer {
            status,
            head,
            body: String::from_utf8(body).unwrap(),
        }
    })
    .await
}

fn health_request() -> &'static [u8] {
    b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n"
}

/// The server at `base` answers a real query.
async fn assert_query_answers(client: &reqwest::Client, base: &str) {
    let url = format!("{base}/sparql?query={}", enc(&tasks_led_by_query()));
    let response = guarded("a query", client.get(url).send())
        .await
        .expect("the query is answered");
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert_eq!(
        json_column(&body, "label"),
        vec![
            "培育数字经济核心产业",
            "支持企业上云用数赋智",
            "建设工业互联网平台"
        ]
    );
}

async fn assert_health_answers(client: &reqwest::Client, base: &str) {
    let response = guarded("/health", client.get(format!("{base}/health")).send())
        .await
        .expect("/health answers");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed() {
    let server = TestServer::start(Config {
        idle_timeout: SHORT,
        ..patient()
    })
    .await;
    // Connected and silent: never a request.
    let mut silent = connect(server.addr).await;
    assert_eq!(read_until_closed(&mut silent).await, b"");
    // Kept alive after an answer, then idle.
    let mut kept = connect(server.addr).await;
    kept.write_all(health_request()).await.unwrap();
    let answer = read_response(&mut kept).await;
    assert_eq!(answer.status, 200);
    assert!(
        !answer.head.contains("connection: close"),
        "{}",
        answer.head
    );
    assert_eq!(read_until_closed(&mut kept).await, b"");
    assert_health_answers(&server.client, &server.base).await;
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_are_closed() {
    let server = TestServer::start(Config {
        header_timeout: SHORT,
        ..patient()
    })
    .await;
    let mut slow = connect(server.addr).await;
    // A head that never ends (no blank line).
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: test\r\n")
        .await
        .unwrap();
    assert_eq!(read_until_closed(&mut slow).await, b"");
    assert_health_answers(&server.client, &server.base).await;
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_shorter_than_its_content_length_gets_408_and_the_server_goes_on() {
    let server = TestServer::start(Config {
        body_timeout: SHORT,
        ..patient()
    })
    .await;
    let mut short = connect(server.addr).await;
    short
        .write_all(
            b"POST /sparql HTTP/1.1\r\nHost: test\r\nContent-Type: application/sparql-query\r\n\
              Content-Length: 100\r\n\r\nSELECT",
        )
        .await
        .unwrap();
    let answer = read_response(&mut short).await;
    assert_eq!(answer.status, 408, "{}{}", answer.head, answer.body);
    assert!(answer.head.contains("connection: close"), "{}", answer.head);
    assert!(
        answer
            .body
            .contains("the request body did not arrive in full within 150 ms"),
        "{}",
        answer.body
    );
    assert_eq!(read_until_closed(&mut short).await, b"");
    assert_query_answers(&server.client, &server.base).await;
    assert_health_answers(&server.client, &server.base).await;
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_cap_the_longest_idle_connection_makes_room() {
    let server = TestServer::start(Config {
        max_connections: Some(4),
        ..patient()
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(connect(server.addr).await);
    }
    // Accepted after the four (the kernel's accept queue is FIFO), so the cap is reached.
    assert_health_answers(&server.client, &server.base).await;
    assert_query_answers(&server.client, &server.base).await;
    // The oldest made room …
    assert_eq!(read_until_closed(&mut idle[0]).await, b"");
    // … and the newest is still served.
    idle[3].write_all(health_request()).await.unwrap();
    assert_eq!(read_response(&mut idle[3]).await.status, 200);
    server.stop().await.unwrap();
}

/// A POST whose handler is reading its body: `Expect: 100-continue` makes the server say so.
async fn busy_connection(addr: SocketAddr, body_length: usize) -> TcpStream {
    let mut stream = connect(addr).await;
    let head = format!(
        "POST /sparql HTTP/1.1\r\nHost: test\r\nContent-Type: application/sparql-query\r\n\
         Accept: application/sparql-results+json\r\nContent-Length: {body_length}\r\n\
         Expect: 100-continue\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_response(&mut stream).await;
    assert_eq!(answer.status, 100, "{}", answer.head);
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_cap_with_every_connection_busy_health_still_answers() {
    let server = TestServer::start(Config {
        max_connections: Some(2),
        ..patient()
    })
    .await;
    let query = tasks_led_by_query();
    let mut busy = vec![
        busy_connection(server.addr, query.len()).await,
        busy_connection(server.addr, query.len()).await,
    ];
    // Nothing idle to close: /health is answered on a reserve connection …
    assert_health_answers(&server.client, &server.base).await;
    // … and anything else is refused quickly with a reason.
    let refused = guarded("a refused query", server.get_query(&query, None)).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "1");
    assert_eq!(refused.headers()["connection"], "close");
    let reason = refused.text().await.unwrap();
    assert!(
        reason.contains("connection limit (2 connections, all busy)"),
        "{reason}"
    );
    // The busy requests finish normally and their connections stay usable.
    for stream in &mut busy {
        stream.write_all(query.as_bytes()).await.unwrap();
        let answer = read_response(stream).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(json_column(&answer.body, "label").len(), 3);
    }
    busy[0].write_all(health_request()).await.unwrap();
    assert_eq!(read_response(&mut busy[0]).await.status, 200);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_closes_idle_connections_and_returns() {
    let server = TestServer::start(patient()).await;
    let mut idle = connect(server.addr).await;
    let mut kept = connect(server.addr).await;
    kept.write_all(health_request()).await.unwrap();
    assert_eq!(read_response(&mut kept).await.status, 200);
    guarded("shutdown", server.stop()).await.unwrap();
    assert_eq!(read_until_closed(&mut idle).await, b"");
    assert_eq!(read_until_closed(&mut kept).await, b"");
}

#[test]
fn a_cap_above_the_descriptor_limit_is_refused_with_the_reason() {
    let error = policykg_serve::Limits::new(&Config {
        max_connections: Some(100_000_000),
        ..Config::default()
    })
    .unwrap_err();
    assert!(error.contains("max_connections 100000000 is more than the descriptor limit allows"));
    assert!(error.contains("ulimit -n"), "{error}");
    let error = policykg_serve::Limits::new(&Config {
        max_connections: Some(0),
        ..Config::default()
    })
    .unwrap_err();
    assert!(error.contains("at least 1"), "{error}");
}

const CHILD_ENV: &str = "POLICYKG_SERVE_CONNECTIONS_CHILD";
/// How many descriptors the child holds on to (`/dev/null`), standing for a store's files.
const HOG_ENV: &str = "POLICYKG_SERVE_CONNECTIONS_HOG";
/// The child's `max_connections`; the default cap when absent.
const MAX_ENV: &str = "POLICYKG_SERVE_CONNECTIONS_MAX";

/// The server of the tests below, in its own process under `ulimit -n 256`: prints its
/// address, drops its held descriptors on a "release" line, serves until stdin closes.
#[test]
#[ignore = "a child process of the ulimit tests"]
fn child_server() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let env_number = |name| {
        std::env::var(name)
            .ok()
            .map(|v| v.parse::<usize>().unwrap())
    };
    let hog: Vec<std::fs::File> = (0..env_number(HOG_ENV).unwrap_or(0))
        .map(|_| std::fs::File::open("/dev/null").unwrap())
        .collect();
    let hog = std::sync::Mutex::new(hog);
    policykg_serve::init_logging(policykg_serve::LogFormat::Text);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // Only the idle timeout is out of the way: idle sockets close for the cap, not for time.
        let server = TestServer::start(Config {
            idle_timeout: LONG,
            max_connections: env_number(MAX_ENV),
            ..Config::default()
        })
        .await;
        println!("listening {}", server.addr);
        std::io::stdout().flush().unwrap();
        let _ = tokio::task::spawn_blocking(move || {
            for line in std::io::stdin().lock().lines().map_while(Result::ok) {
                if line == "release" {
                    hog.lock().unwrap().clear();
                }
            }
        })
        .await;
        server.stop().await.unwrap();
    });
}

/// `child_server` in a child process under `ulimit -n 256`.
struct ChildServer {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    log: Option<std::thread::JoinHandle<String>>,
    base: String,
    addr: SocketAddr,
}

impl ChildServer {
    async fn start(hog: usize, max_connections: Option<usize>) -> Self {
        let exe = std::env::current_exe().unwrap();
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(r#"ulimit -n 256 && exec "$0" --exact child_server --ignored --nocapture --test-threads=1"#)
            .arg(&exe)
            .env(CHILD_ENV, "1")
            .env(HOG_ENV, hog.to_string())
            .env("RUST_LOG", "policykg_serve=warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(max) = max_connections {
            command.env(MAX_ENV, max.to_string());
        }
        let mut child = command.spawn().expect("start the child server");
        // Both pipes are drained to the end, so the child never blocks on (or dies of) them.
        let stdout = child.stdout.take().unwrap();
        let (address_tx, address_rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut address_tx = Some(address_tx);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // libtest's "test child_server ... " comes first on the same line.
                if let Some((_, address)) = line.split_once("listening ") {
                    if let Some(tx) = address_tx.take() {
                        let _ = tx.send(address.to_owned());
                    }
                }
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let log = std::thread::spawn(move || {
            let mut log = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut log);
            log
        });
        let addr: SocketAddr = guarded("the child server's address", address_rx)
            .await
            .expect("the child prints its address")
            .parse()
            .unwrap();
        Self {
            stdin: child.stdin.take(),
            child,
            log: Some(log),
            base: format!("http://{addr}"),
            addr,
        }
    }

    fn release_held_descriptors(&mut self) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(b"release\n").unwrap();
        stdin.flush().unwrap();
    }

    /// Stops the child (stdin closed) and returns its log.
    async fn finish(mut self) -> String {
        drop(self.stdin.take());
        let mut child = self.child;
        let status = guarded(
            "the child server's exit",
            tokio::task::spawn_blocking(move || child.wait()),
        )
        .await
        .unwrap()
        .unwrap();
        let log = strip_ansi(&self.log.take().unwrap().join().unwrap());
        assert!(status.success(), "child failed: {log}");
        log
    }
}

/// The log without its colours (`ESC [ … m`).
fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            plain.push(c);
        }
    }
    plain
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_idle_sockets_under_ulimit_256() {
    let server = ChildServer::start(0, None).await;
    let client = reqwest::Client::new();
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(connect(server.addr).await);
    }
    assert_health_answers(&client, &server.base).await;
    assert_query_answers(&client, &server.base).await;
    // Half of 256 stay open; the oldest were closed to make room, not lost to EMFILE.
    for (i, stream) in idle.iter_mut().take(300 - 128).enumerate() {
        assert_eq!(read_until_closed(stream).await, b"", "socket {i}");
    }
    let newest = idle.last_mut().unwrap();
    newest.write_all(health_request()).await.unwrap();
    assert_eq!(read_response(newest).await.status, 200);
    drop(client);
    let log = server.finish().await;
    assert!(
        log.contains("at the connection cap"),
        "the cap was reached: {log}"
    );
    assert!(!log.contains("cannot accept"), "no accept errors: {log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_descriptors_anyway_the_loop_goes_on_and_closes_idle_connections() {
    // 100 descriptors held elsewhere in the process and a cap that assumed they were free:
    // accept meets EMFILE long before 200 connections.
    let mut server = ChildServer::start(100, Some(200)).await;
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(connect(server.addr).await);
    }
    // Fewer than 156 connections fit, so the 100 oldest were closed to get out of EMFILE …
    for (i, stream) in idle.iter_mut().take(100).enumerate() {
        assert_eq!(read_until_closed(stream).await, b"", "socket {i}");
    }
    // … and once descriptors are free again the server answers as before.
    drop(idle);
    server.release_held_descriptors();
    let client = reqwest::Client::new();
    assert_health_answers(&client, &server.base).await;
    assert_query_answers(&client, &server.base).await;
    drop(client);
    let log = server.finish().await;
    assert!(log.contains("cannot accept"), "EMFILE was met: {log}");
    assert!(log.contains("closed_idle=true"), "{log}");
}
