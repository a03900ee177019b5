//! The example queries of `scripts/queries/*.rq` against the bundled corpus: each one's answer
//! (`policykg query @file --format csv`) must equal its reviewed snapshot in
//! `scripts/queries/expected/NAME.csv`.
//!
//! After a deliberate change, regenerate with `POLICYKG_BLESS=1 cargo test --test graph_queries`
//! and review the diff of the snapshots before committing them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn policykg(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args(args)
        .current_dir(repo())
        .env_remove("POLICYKG_STORE")
        .output()
        .expect("run policykg")
}

#[test]
fn example_queries_answer_as_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let ingest = policykg(&["ingest", "corpus", "--store", store]);
    assert!(
        ingest.status.success(),
        "{}{}",
        String::from_utf8_lossy(&ingest.stdout),
        String::from_utf8_lossy(&ingest.stderr)
    );
    let queries = repo().join("scripts/queries");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&queries)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "at least eight example queries");
    let bless = std::env::var_os("POLICYKG_BLESS").is_some();
    let mut failures = Vec::new();
    for rq in &names {
        let stem = rq.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(rq).unwrap();
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header.len() >= 2
                && header
                    .iter()
                    .any(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                && header.iter().any(|l| l.contains('?')),
            "{stem}.rq needs a header with the question in Chinese and in English"
        );
        let out = policykg(&[
            "query",
            &format!("@{}", rq.display()),
            "--format",
            "csv",
            "--store",
            store,
        ]);
        assert!(
            out.status.success(),
            "{stem}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n");
        let expected_path = queries.join("expected").join(format!("{stem}.csv"));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == got => {}
            Ok(expected) => failures.push(format!(
                "{stem}: answer differs from {}\n--- expected\n{expected}--- got\n{got}",
                expected_path.display()
            )),
            Err(e) => failures.push(format!(
                "{stem}: no reviewed answer at {} ({e}); got\n{got}",
                expected_path.display()
            )),
        }
        // Every query has an answer on the corpus: an empty one would check nothing.
        assert!(
            got.lines().count() > 1,
            "{stem}: no rows on the corpus:\n{got}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
