//! A researcher's first session, in a fresh directory with no environment overrides: ingest the
//! bundled corpus, ask who leads what, then serve the same store without naming it and query it
//! over HTTP with the `pkg:` prefix left undeclared.
//!
//! It guards the rule that every subcommand finds the same store (`.policykg/store` here or in
//! the nearest parent, unless `--store` or `POLICYKG_STORE` says otherwise): `serve` once looked
//! elsewhere and answered "no store" right after a successful ingest.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .canonicalize()
        .expect("the bundled corpus")
}

/// The binary run in `dir` with none of policykg's variables set, and HOME pointing into the
/// temp directory so that no store of the machine's user can be picked up by mistake.
fn command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_policykg"));
    command
        .current_dir(dir)
        .env_remove("POLICYKG_STORE")
        .env_remove("POLICYKG_TOKEN")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", dir.join("home"));
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().expect("run policykg")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends one HTTP/1.1 GET and returns (status line, body).
fn http_get(address: &str, path_and_query: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).expect("connect to the server");
    write!(
        stream,
        "GET {path_and_query} HTTP/1.1\r\nHost: {address}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = text(&response);
    let (head, body) = response
        .split_once("\r\n\r\n")
        .expect("an HTTP response with headers");
    let status = head.lines().next().unwrap_or_default().to_owned();
    (status, body.to_owned())
}

fn percent_encode(query: &str) -> String {
    query
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn ingest_then_tasks_then_serve_use_one_store_without_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("home")).unwrap();
    let corpus = corpus();

    let ingest = run(dir.path(), &["ingest", corpus.to_str().unwrap()]);
    assert!(
        ingest.status.success(),
        "ingest failed: {}",
        text(&ingest.stderr)
    );
    assert!(
        dir.path().join(".policykg/store/CURRENT").is_file(),
        "ingest writes .policykg/store in the current directory"
    );

    // From a subdirectory: the nearest parent's store is found, like git finds .git.
    let sub = dir.path().join("notes");
    std::fs::create_dir(&sub).unwrap();
    let tasks = run(&sub, &["tasks", "--agency", "省经信厅", "--role", "lead"]);
    assert!(tasks.status.success(), "tasks: {}", text(&tasks.stderr));
    let listed = text(&tasks.stdout);
    assert!(
        listed.contains("安徽省经济和信息化厅"),
        "the alias resolves to the full name:\n{listed}"
    );

    let mut server = Server(
        command(&sub)
            .args(["serve", "--bind", "127.0.0.1:0", "--log-format", "json"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start policykg serve"),
    );
    let stderr = server.0.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let expected_store = dir.path().join(".policykg/store");
    let mut announced_store = false;
    let address = loop {
        let line = lines
            .next()
            .expect("the server ended before listening")
            .unwrap();
        if line.contains("serving the store at") {
            let shown = line.rsplit("serving the store at ").next().unwrap().trim();
            assert_eq!(
                Path::new(shown).canonicalize().unwrap(),
                expected_store.canonicalize().unwrap(),
                "serve names the store it serves"
            );
            announced_store = true;
            continue;
        }
        let Ok(event) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if event["message"] == "policykg serve listening" {
            break event["address"].as_str().unwrap().to_owned();
        }
    };
    assert!(announced_store, "serve says which store it serves");
    // Drain the log so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));

    let query = "SELECT (COUNT(DISTINCT ?task) AS ?n) WHERE { ?task a pkg:Task }";
    let (status, body) = http_get(
        &address,
        &format!("/sparql?query={}", percent_encode(query)),
    );
    assert!(status.contains(" 200 "), "{status}\n{body}");
    let count: usize = body
        .lines()
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a count in the CSV answer:\n{body}"));
    assert!(
        count > 20,
        "the served store holds the ingested tasks, got {count}"
    );
}
