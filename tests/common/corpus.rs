//! The text documents of `corpus/`, shared by the corpus-driven tests of several crates (included
//! with `#[path]`: it reads files relative to the including crate's manifest, two levels below
//! the workspace).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Every text document of the corpus: seeds/*.txt, extra/*.txt and extra/*.md (not the
/// SOURCES.md / README.md that describe the corpus), as (snapshot name, text).
pub fn documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (dir, exts) in [("seeds", &["txt"][..]), ("extra", &["txt", "md"][..])] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.contains(&e))
                    && !matches!(
                        p.file_name().and_then(|n| n.to_str()),
                        Some("SOURCES.md" | "README.md")
                    )
            })
            .collect();
        paths.sort();
        for p in paths {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((format!("{dir}__{stem}"), text));
        }
    }
    out
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(rel)).unwrap()
}

/// Characters `[start, end)` of `text`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// One JSON object a line, as `serde_json` writes it (exact decimals), for snapshots that are
/// easy to review line by line.
pub fn jsonl<T: serde::Serialize>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| serde_json::to_string(i).unwrap() + "\n")
        .collect()
}
