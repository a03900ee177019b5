//! `kill -9` during `policykg ingest` leaves a store that opens and holds only whole documents,
//! and a second ingest finishes the job without redoing what was committed.
//!
//! The writer is stopped at a known point by the store's fail point
//! (`POLICYKG_FAILPOINT=pause-after-commits:N`): it prints a marker line with the documents
//! committed after the commit that reaches N, and blocks, and only then is it killed. No timing
//! is involved. New documents go in batches (`--batch`), so a kill leaves whole batches.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use policykg_graph::failpoint::{FAILPOINT_ENV, PAUSED};
use policykg_graph::{GraphStore, Mode};

#[path = "common/cli.rs"]
mod cli;
use cli::repo;

/// Distinct notices made from seeds 001 and 004: another batch number in the title, other
/// numbers in the targets.
fn generate(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let seeds = [
        std::fs::read_to_string(repo().join("corpus/seeds/001_a6818095697d7a7c.txt")).unwrap(),
        std::fs::read_to_string(repo().join("corpus/seeds/004_1fa6e42cb493e32d.txt")).unwrap(),
    ];
    for i in 0..n {
        let text = seeds[i % 2]
            .replacen(
                "专精特新中小企业",
                &format!("专精特新中小企业（第{i}批）"),
                1,
            )
            .replace("5000家", &format!("{}家", 5000 + i))
            .replace("300家", &format!("{}家", 300 + i));
        std::fs::write(dir.join(format!("gen-{i:05}.txt")), text).unwrap();
    }
}

fn ingest(input: &Path, store: &Path, batch: usize) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_policykg"));
    c.args([
        "ingest",
        input.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--format",
        "json",
        "--batch",
        &batch.to_string(),
    ])
    .env_remove(FAILPOINT_ENV);
    c
}

#[test]
fn kill_9_during_ingest_leaves_only_whole_documents() {
    kill_9_during_ingest(1, 5, 5);
}

/// Batches of 4: the commit that reaches 5 documents brings them to 8, all whole.
#[test]
fn kill_9_during_a_batched_ingest_leaves_only_whole_batches() {
    kill_9_during_ingest(4, 5, 8);
}

/// Ingests 12 documents `batch` at a time, kills the writer once `kill_after` documents are
/// committed, and checks that exactly `committed` documents are in the store, whole, and that a
/// second run adds the rest.
fn kill_9_during_ingest(batch: usize, kill_after: usize, committed: usize) {
    const N: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let store = dir.path().join("store");
    generate(&input, N);

    let mut child = ingest(&input, &store, batch)
        .env(FAILPOINT_ENV, format!("pause-after-commits:{kill_after}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the marker: the process has committed `committed` documents and is blocked.
    let marker = format!("{PAUSED} {committed}");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let n = stderr.read_line(&mut line).unwrap();
        if n == 0 {
            let status = child.wait().unwrap();
            panic!("ingest ended ({status}) without reaching the fail point:\n{seen}");
        }
        if line.trim_end() == marker {
            break;
        }
        seen.push_str(&line);
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // It opens read-write (the lock died with the process), and every graph is whole.
    let gs = GraphStore::open(&store, Mode::ReadWrite, None).expect("store opens after kill -9");
    let v = gs.verify().unwrap();
    assert!(
        v.broken.is_empty(),
        "half-written documents: {:?}",
        v.broken
    );
    assert!(v.dangling_sources.is_empty(), "{:?}", v.dangling_sources);
    assert_eq!(v.whole_documents, committed);
    let counts = gs.counts(false).unwrap();
    assert_eq!(counts.documents, committed);
    assert_eq!(counts.source_files, committed);
    drop(gs);

    // Ingesting again finishes the job and skips what was committed.
    let again = ingest(&input, &store, batch).output().unwrap();
    let out = String::from_utf8_lossy(&again.stdout);
    assert!(
        again.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let summary: serde_json::Value = serde_json::from_str(out.trim()).expect("a JSON summary");
    assert_eq!(summary["unchanged"], committed, "{summary}");
    assert_eq!(summary["new"], N - committed, "{summary}");
    assert_eq!(summary["failed"], 0, "{summary}");
    assert_eq!(summary["store"]["documents"], N, "{summary}");
    assert_eq!(summary["store"]["source_files"], N, "{summary}");

    let gs = GraphStore::open(&store, Mode::ReadOnly, None).unwrap();
    let v = gs.verify().unwrap();
    assert_eq!(
        (v.whole_documents, v.broken.len(), v.dangling_sources.len()),
        (N, 0, 0),
        "{v:?}"
    );
    let counts = gs.counts(false).unwrap();
    assert_eq!((counts.documents, counts.source_files), (N, N));
}
