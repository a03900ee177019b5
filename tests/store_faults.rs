//! Storage faults end a command at once with an exit status of their own: a damaged store
//! (bit flips in its table files) is reported as damaged, by path, with how to check it, and
//! leaves no half-written output file; a store in use by another process is reported as such.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use policykg_graph::{GraphStore, Mode};

#[path = "common/cli.rs"]
mod cli;
use cli::{repo, text};

/// The exit statuses documented in the README and `policykg --help`.
const EXIT_USAGE: i32 = 2;
const EXIT_STORE_IN_USE: i32 = 3;
const EXIT_STORE_DAMAGED: i32 = 4;

fn policykg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args(args)
        .current_dir(repo())
        .env_remove("POLICYKG_STORE")
        .env_remove("POLICYKG_FAILPOINT")
        .output()
        .expect("run policykg")
}

/// The seed notices ingested once; tests copy the store before damaging it.
fn ingested() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = cli::shared_dir("store_faults-seeds").join("store");
        let out = policykg(&["ingest", "corpus/seeds", "--store", store.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        store
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() && entry.file_name() != "LOCK" {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A copy of the store with one byte in every 512 inverted over the first four fifths of each
/// table file: every data block is damaged, the index blocks and footer at the end are not,
/// so the store still opens and the damage is met while reading.
fn damaged_store(dir: &Path) -> PathBuf {
    let store = dir.join("damaged");
    copy_dir(ingested(), &store);
    let mut flipped = 0;
    for entry in std::fs::read_dir(&store).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sst") {
            let mut bytes = std::fs::read(&path).unwrap();
            let end = bytes.len() * 4 / 5;
            for i in (0..end).step_by(512) {
                bytes[i] ^= 0xFF;
            }
            std::fs::write(&path, bytes).unwrap();
            flipped += 1;
        }
    }
    assert!(flipped > 0, "the store has no table files to damage");
    store
}

fn assert_damaged(out: &Output, store: &Path, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(EXIT_STORE_DAMAGED),
        "{what}: {err}\nstdout: {}",
        text(&out.stdout)
    );
    assert!(err.contains("is damaged"), "{what}: {err}");
    assert!(err.contains(&store.display().to_string()), "{what}: {err}");
    assert!(err.contains("policykg verify"), "{what}: {err}");
    assert_eq!(
        err.lines().count(),
        1,
        "{what}: one message, not one per row: {err}"
    );
}

#[test]
fn commands_on_a_damaged_store_stop_at_once_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = damaged_store(dir.path());
    let s = store.to_str().unwrap();
    let cases: [(&str, Vec<&str>); 5] = [
        (
            "query",
            vec!["query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--store", s],
        ),
        (
            "query csv",
            vec![
                "query",
                "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
                "--format",
                "csv",
                "--store",
                s,
            ],
        ),
        ("tasks", vec!["tasks", "--agency", "省经信厅", "--store", s]),
        ("agencies", vec!["agencies", "--store", s]),
        ("verify", vec!["verify", "--store", s]),
    ];
    for (what, args) in cases {
        let out = policykg(&args);
        assert_damaged(&out, &store, what);
        if what == "query" || what == "agencies" {
            assert!(out.stdout.is_empty(), "{what}: {}", text(&out.stdout));
        }
    }
}

#[test]
fn a_failed_export_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = damaged_store(dir.path());
    let outdir = dir.path().join("out");
    std::fs::create_dir_all(&outdir).unwrap();
    let target = outdir.join("all.nq");
    let out = policykg(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_damaged(&out, &store, "export");
    let left: Vec<_> = std::fs::read_dir(&outdir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    // An earlier export stays as it was.
    std::fs::write(&target, "earlier export\n").unwrap();
    let out = policykg(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_damaged(&out, &store, "export over an earlier file");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "earlier export\n"
    );
    assert_eq!(std::fs::read_dir(&outdir).unwrap().count(), 1);
}

#[test]
fn a_good_store_verifies_and_exports_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("good");
    copy_dir(ingested(), &store);
    let s = store.to_str().unwrap();
    let out = policykg(&["verify", "--store", s]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("ok, 5 whole documents"),
        "{}",
        text(&out.stdout)
    );
    let target = dir.path().join("all.nq");
    let out = policykg(&["export", "--store", s, "--out", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let quads = std::fs::read_to_string(&target).unwrap().lines().count();
    assert!(
        text(&out.stderr).contains(&format!("wrote {quads} quads")),
        "{}",
        text(&out.stderr)
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 2, "temporary files left: {entries:?}");
}

#[test]
fn a_store_in_use_and_a_usage_error_have_their_own_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("busy");
    copy_dir(ingested(), &store);
    // This process holds the store's lock, as a running ingest or serve would.
    let holder = GraphStore::open(&store, Mode::ReadWrite, None).unwrap();
    let out = policykg(&["ingest", "corpus/seeds", "--store", store.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(EXIT_STORE_IN_USE), "{err}");
    assert!(err.contains("in use by another process"), "{err}");
    assert!(err.contains(&store.display().to_string()), "{err}");
    drop(holder);

    let out = policykg(&["query"]);
    assert_eq!(out.status.code(), Some(EXIT_USAGE), "{}", text(&out.stderr));

    // Documented where people look.
    let help = text(&policykg(&["--help"]).stdout);
    for status in ["3 the store is in use", "4 the store is damaged"] {
        assert!(help.contains(status), "--help lacks {status:?}: {help}");
    }
}
