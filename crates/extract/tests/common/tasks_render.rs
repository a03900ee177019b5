//! One compact line per task and per responsibility, for reviewed snapshots (tests/tasks.rs) and
//! for looking at a document by hand (`cargo run -p policykg-extract --example tasks -- REL…`).
#![allow(dead_code)]

use std::fmt::Write;
use std::path::PathBuf;

use policykg_extract::{ExtractWarning, RoleConvention, Task};
use policykg_ontology::Ontology;

pub fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel)
}

pub fn run(
    rel: &str,
) -> (
    Vec<Task>,
    RoleConvention,
    Option<String>,
    Vec<ExtractWarning>,
) {
    let o = Ontology::bundled();
    let doc = policykg_read::read_path(&corpus(rel), &policykg_read::Limits::default()).unwrap();
    let parsed = policykg_outline::parse(doc, o);
    let (tasks, convention, warnings) = policykg_extract::tasks(&parsed, o);
    (
        tasks,
        convention,
        parsed.metadata.jurisdiction.clone(),
        warnings,
    )
}

/// At most `n` characters, newlines shown as ⏎.
pub fn short(s: &str, n: usize) -> String {
    let s = s.replace('\n', "⏎");
    let count = s.chars().count();
    if count <= n {
        s
    } else {
        let head: String = s.chars().take(n / 2).collect();
        let tail: String = s.chars().skip(count - n / 2).collect();
        format!("{head}…{tail}")
    }
}

pub fn render(rel: &str) -> String {
    let (tasks, convention, jurisdiction, warnings) = run(rel);
    let mut out = String::new();
    let with = tasks.iter().filter(|t| !t.agencies.is_empty()).count();
    let roles: usize = tasks.iter().map(|t| t.agencies.len()).sum();
    writeln!(
        out,
        "jurisdiction: {}\nconvention: {convention:?}\ntasks: {} ({with} with agencies, {roles} roles)",
        jurisdiction.as_deref().unwrap_or("—"),
        tasks.len()
    )
    .unwrap();
    for w in &warnings {
        let at = w
            .span
            .map(|s| format!(" @{}..{}", s.start, s.end))
            .unwrap_or_default();
        writeln!(out, "warning: {}{at}", w.message).unwrap();
    }
    for t in &tasks {
        write!(
            out,
            "{} [{:?}] @{}..{} {}",
            t.id,
            t.origin,
            t.span.start,
            t.span.end,
            short(&t.text, 24)
        )
        .unwrap();
        if let Some(style) = t.responsibility_style {
            write!(out, " | {style:?}").unwrap();
        }
        if t.open_list {
            out.push_str(" open");
        }
        out.push('\n');
        for r in &t.remarks {
            writeln!(out, "    remark: {r}").unwrap();
        }
        for a in &t.agencies {
            writeln!(
                out,
                "    {:?}/{:?} {} ← {} @{}..{} {:?}{}{}",
                a.role,
                a.basis,
                a.name,
                a.mention,
                a.span.start,
                a.span.end,
                a.kind,
                if a.known { "" } else { " UNKNOWN" },
                if a.collective { " collective" } else { "" },
            )
            .unwrap();
        }
    }
    out
}
