//! Fingerprints the code and data that decide what a file's graph holds, so that a store built
//! by another build redoes its files on the next `ingest` instead of keeping what an older
//! extractor found (`pkg:pipeline`, see `store::pipeline_version`). Any change to these sources
//! (a comment too) counts: re-ingesting is cheap, a stale store is wrong.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The stages a graph depends on, relative to this crate, and the bundled ontology.
const INPUTS: &[&str] = &[
    "src",
    "../text",
    "../read",
    "../outline",
    "../ontology",
    "../extract",
    "../../ontology",
];

fn main() {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        walk(Path::new(input), &mut hasher);
    }
    println!(
        "cargo:rustc-env=POLICYKG_PIPELINE_BUILD={:016x}",
        hasher.finish()
    );
}

/// Hashes the name and bytes of every source and data file under `dir`, in name order; build
/// output, tests and examples are left out (they do not change what a graph holds).
fn walk(dir: &Path, hasher: &mut impl Hasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "target" | "tests" | "examples" | "benches" | "fuzz") {
                walk(&path, hasher);
            }
        } else if let Ok(bytes) = std::fs::read(&path) {
            path.hash(hasher);
            bytes.hash(hasher);
        }
    }
}
