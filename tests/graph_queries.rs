//! The example queries of `scripts/queries/*.rq` against the bundled corpus: each one's answer
//! (`policykg query @file --format csv`) must equal its reviewed insta snapshot
//! `scripts/queries/expected/NAME.snap`.
//!
//! After a deliberate change: `cargo insta test -p policykg --test graph_queries --review` (or
//! `INSTA_UPDATE=always` and `git diff`), and review every changed answer before committing it.

use std::path::PathBuf;

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, repo};

#[test]
fn example_queries_answer_as_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    // The corpus and the draft fixture of seed 001: no real pair of the corpus raises a target,
    // so "targets raised in a revision" is answered by the draft and its final text.
    let ingest = policykg(&[
        "ingest",
        "corpus",
        "tests/fixtures/versions/001_zhengqiu.txt",
        "--store",
        store,
    ]);
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
        let got = String::from_utf8(out.stdout).unwrap();
        // The CLI writes LF line ends, as the answer files have them.
        assert!(!got.contains('\r'), "{stem}: CR in the CSV output");
        insta::with_settings!({
            snapshot_path => queries.join("expected"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("policykg query @scripts/queries/{stem}.rq --format csv"),
        }, {
            insta::assert_snapshot!(stem, got);
        });
        // Every query has an answer on the corpus: an empty one would check nothing.
        assert!(
            got.lines().count() > 1,
            "{stem}: no rows on the corpus:\n{got}"
        );
    }
}
