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

fn ingest(input: &Path, store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_policykg"));
    c.args([
        "ingest",
        input.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    c
}

#[test]
fn kill_9_during_ingest_leaves_only_whole_documents() {
    // Few enough documents that the second ingest stays short in a debug build.
    const N: usize = 120;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let store = dir.path().join("store");
    generate(&input, N);

    // When to kill: halfway through the documents, measured on this machine rather than
    // guessed (a debug build on a loaded CI machine is many times slower than here), from two
    // calibration runs: one document (start-up and the gazetteer) and 21 documents.
    let time_ingest = |n: usize| {
        let d = tempfile::tempdir().unwrap();
        let some = d.path().join("in");
        std::fs::create_dir_all(&some).unwrap();
        for i in 0..n {
            let name = format!("gen-{i:05}.txt");
            std::fs::copy(input.join(&name), some.join(&name)).unwrap();
        }
        let started = Instant::now();
        assert!(ingest(&some, &d.path().join("store"))
            .status()
            .unwrap()
            .success());
        started.elapsed()
    };
    let one = time_ingest(1);
    let per_document = time_ingest(21).saturating_sub(one) / 20;
    let kill_at = one + per_document * (N as u32 / 2);

    let started = Instant::now();
    let mut child = ingest(&input, &store).spawn().unwrap();
    while started.elapsed() < kill_at {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before it could be killed at {kill_at:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
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
        (1..N).contains(&committed),
        "killed mid-way ({kill_at:?} after the start), {committed} of {N} documents"
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
