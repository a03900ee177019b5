//! Paths and helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

use policykg_read::{read_path, Document, Limits};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn corpus(rel: &str) -> PathBuf {
    workspace().join("corpus").join(rel)
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn read(path: &Path) -> Document {
    match read_path(path, &Limits::default()) {
        Ok(doc) => doc,
        Err(err) => panic!("{err}"),
    }
}

pub fn utf8(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The non-empty lines of `text`, trimmed (Unicode whitespace, so U+00A0 and U+3000 too).
pub fn trimmed_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}
