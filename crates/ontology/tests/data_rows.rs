//! The data under `ontology/` holds each row once: a word list edited from two branches gained
//! the same row twice more than once, and a repeated row only hides which entry a later edit
//! should change.
//!
//! Scans every `.tsv` under `ontology/`; comment lines (`#`) and blank lines are not rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn tsv_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            tsv_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "tsv") {
            out.push(path);
        }
    }
}

#[test]
fn no_data_row_is_written_twice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontology");
    let mut files = Vec::new();
    tsv_files(&root, &mut files);
    assert!(
        files.len() > 10,
        "found only {} files under {}",
        files.len(),
        root.display()
    );
    let mut repeated = Vec::new();
    for path in &files {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let row = line.trim_end();
            if row.is_empty() || row.starts_with('#') {
                continue;
            }
            if let Some(&at) = first.get(row) {
                repeated.push(format!(
                    "{}:{}: `{row}` (first at line {at})",
                    path.display(),
                    n + 1
                ));
            } else {
                first.insert(row, n + 1);
            }
        }
    }
    assert!(
        repeated.is_empty(),
        "rows written twice:\n{}",
        repeated.join("\n")
    );
}
