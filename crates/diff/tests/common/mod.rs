//! Running the real pipeline (read → outline → extract) on corpus files.

#![allow(dead_code)]

use std::path::PathBuf;

use policykg_diff::{Diff, Options, Row, RowKind};
use policykg_extract::Extraction;
use policykg_outline::Parsed;

/// The workspace root (crates/diff/../..).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Read, outline and extract a corpus file (path relative to the workspace root).
pub fn load(rel: &str) -> (Parsed, Extraction) {
    let ontology = policykg_ontology::Ontology::bundled();
    let path = root().join(rel);
    let document = policykg_read::read_path(&path, &policykg_read::Limits::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    let parsed = policykg_outline::parse(document, ontology);
    let extraction = policykg_extract::extract(&parsed, ontology);
    (parsed, extraction)
}

/// Diff two corpus files with default options.
pub fn diff_files(old: &str, new: &str) -> Diff {
    let (po, eo) = load(old);
    let (pn, en) = load(new);
    policykg_diff::diff((&po, &eo), (&pn, &en), &Options::default())
}

/// "第五条" for the single unit of one side, "" when none, "a、b" when several.
pub fn label(units: &[policykg_diff::UnitRef]) -> String {
    Row::label(units)
}

/// Rows as (kind, old label, new label).
pub fn rows(diff: &Diff) -> Vec<(RowKind, String, String)> {
    diff.rows
        .iter()
        .map(|r| (r.kind, label(&r.old), label(&r.new)))
        .collect()
}

/// A row's hunks as `[-old-]{+new+}` strings.
pub fn hunks(row: &Row) -> Vec<String> {
    row.hunks
        .iter()
        .map(|h| {
            let old: String = h.old.iter().map(|p| p.text.as_str()).collect();
            let new: String = h.new.iter().map(|p| p.text.as_str()).collect();
            let mut s = String::new();
            if !old.is_empty() {
                s.push_str(&format!("[-{old}-]"));
            }
            if !new.is_empty() {
                s.push_str(&format!("{{+{new}+}}"));
            }
            s
        })
        .collect()
}

/// The value of 第X条 / 第X章 (X up to 999): 第九十七条 → 97.
pub fn article_number(number: &str) -> Option<u32> {
    let inner: String = number
        .trim()
        .trim_start_matches('第')
        .trim_end_matches(['条', '章'])
        .to_owned();
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let mut total = 0;
    let mut current = 0;
    for c in inner.chars() {
        match c {
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}
