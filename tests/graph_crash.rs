//! `kill -9` during `policykg ingest` leaves a store that opens and holds only whole documents,
//! and a second ingest finishes the job without redoing what was committed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use policykg_graph::{GraphStore, Mode};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

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

fn documents(store: &Path) -> Option<usize> {
    let gs = GraphStore::open(store, Mode::ReadOnly, None).ok()?;
    gs.counts(false).ok().map(|c| c.documents)
}

#[test]
fn kill_9_during_ingest_leaves_only_whole_documents() {
    // Enough documents that the kill lands mid-way (a debug build commits a few per second), few
    // enough that the second ingest stays short.
    const N: usize = 120;
    const KILL_AFTER: usize = 5;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let store = dir.path().join("store");
    generate(&input, N);

    let mut child = Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before it could be killed: generate more documents");
        }
        if documents(&store).is_some_and(|n| n >= KILL_AFTER) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no document committed within 10 minutes"
        );
        std::thread::sleep(Duration::from_millis(30));
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
    let committed = v.whole_documents;
    assert!(
        (KILL_AFTER..N).contains(&committed),
        "killed mid-way, {committed} of {N} documents"
    );
    let counts = gs.counts(false).unwrap();
    assert_eq!(counts.documents, committed);
    assert_eq!(counts.source_files, committed);
    drop(gs);

    // Ingesting again finishes the job and skips what was committed.
    let again = Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&again.stdout);
    assert!(
        again.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let unchanged: usize = out
        .split(", ")
        .find(|s| s.ends_with(" unchanged"))
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(unchanged >= committed, "{out}");
    let gs = GraphStore::open(&store, Mode::ReadOnly, None).unwrap();
    let v = gs.verify().unwrap();
    assert_eq!((v.whole_documents, v.broken.len()), (N, 0), "{v:?}");
}
