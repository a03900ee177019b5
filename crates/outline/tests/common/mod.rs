//! Shared by the corpus tests: reading corpus files and rendering a parsed document compactly
//! for reviewed snapshots.

#![allow(dead_code)]

use std::fmt::Write;
use std::path::{Path, PathBuf};

use policykg_outline::{Outline, Parsed};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn parse_file(rel: &str) -> Parsed {
    let path = workspace().join(rel);
    let doc = policykg_read::read_path(&path, &policykg_read::Limits::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    policykg_outline::parse(doc, policykg_ontology::Ontology::bundled())
}

/// `s` cut to its first `head` and last `tail` characters.
pub fn excerpt(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail + 1 {
        return s.to_owned();
    }
    let a: String = chars[..head].iter().collect();
    let b: String = chars[chars.len() - tail..].iter().collect();
    format!("{a}…{b}")
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("—")
}

fn src<T: serde::Serialize>(v: &Option<T>) -> String {
    match v {
        Some(v) => format!(
            "  [{}]",
            serde_json::to_value(v).unwrap().as_str().unwrap_or("?")
        ),
        None => String::new(),
    }
}

/// Metadata, then the outline one node per line: number, heading, a body excerpt with its
/// length in characters and paragraphs, and the node's span.
pub fn render(p: &Parsed) -> String {
    let m = &p.metadata;
    let s = &m.sources;
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "title:        {}{}", opt(&m.title), src(&s.title)).unwrap();
    writeln!(w, "status:       {}", opt(&m.status)).unwrap();
    writeln!(
        w,
        "issuers:      {}{}",
        if m.issuers.is_empty() {
            "—".to_owned()
        } else {
            m.issuers.join(" | ")
        },
        src(&s.issuers)
    )
    .unwrap();
    writeln!(w, "date:         {}{}", opt(&m.date), src(&s.date)).unwrap();
    writeln!(w, "published:    {}", opt(&m.published)).unwrap();
    writeln!(
        w,
        "doc_number:   {}{}",
        opt(&m.doc_number),
        src(&s.doc_number)
    )
    .unwrap();
    writeln!(
        w,
        "addressees:   {}",
        if m.addressees.is_empty() {
            "—".to_owned()
        } else {
            m.addressees.join(" | ")
        }
    )
    .unwrap();
    writeln!(
        w,
        "jurisdiction: {}{}",
        opt(&m.jurisdiction),
        src(&s.jurisdiction)
    )
    .unwrap();
    if let Some(c) = &m.cover {
        writeln!(
            w,
            "cover:        {} 《{}》{} {} @{}..{}",
            c.action,
            c.title,
            c.doc_number
                .as_deref()
                .map(|n| format!("（{n}）"))
                .unwrap_or_default(),
            if c.included {
                "included"
            } else {
                "not included"
            },
            c.span.start,
            c.span.end
        )
        .unwrap();
    }
    for h in &m.history {
        writeln!(
            w,
            "history:      {} {} @{}..{}",
            h.date, h.event, h.span.start, h.span.end
        )
        .unwrap();
    }
    writeln!(w, "citations:    {}", m.citations.len()).unwrap();
    for c in &m.citations {
        let title = c
            .title
            .as_deref()
            .map(|t| format!("《{t}》"))
            .unwrap_or_default();
        let number = c
            .doc_number
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        writeln!(w, "  {title}{number} @{}..{}", c.span.start, c.span.end).unwrap();
    }
    render_outline(w, &p.outline, &p.document.text);
    writeln!(w, "warnings:     {}", p.warnings.len()).unwrap();
    for x in &p.warnings {
        match x.span {
            Some(sp) => writeln!(w, "  {} @{}..{}", x.message, sp.start, sp.end).unwrap(),
            None => writeln!(w, "  {}", x.message).unwrap(),
        }
    }
    out
}

pub fn render_outline(w: &mut String, o: &Outline, text: &str) {
    let chars = text.chars().count();
    let pre: String = text
        .chars()
        .skip(o.preamble.start)
        .take(o.preamble.len())
        .collect();
    writeln!(
        w,
        "preamble:     {}..{} {:?}",
        o.preamble.start,
        o.preamble.end,
        excerpt(pre.trim(), 12, 12)
    )
    .unwrap();
    let clo: String = text
        .chars()
        .skip(o.closing.start)
        .take(o.closing.len())
        .collect();
    writeln!(
        w,
        "closing:      {}..{} {:?}",
        o.closing.start,
        o.closing.end,
        excerpt(clo.trim(), 12, 12)
    )
    .unwrap();
    writeln!(w, "text:         {chars} chars, {} nodes", o.nodes.len()).unwrap();
    for n in &o.nodes {
        let indent = "  ".repeat(n.level.saturating_sub(1) as usize);
        let body = if n.body.is_empty() {
            String::new()
        } else {
            format!(
                " ‖ {} [{}c/{}p]",
                excerpt(&n.body, 8, 6),
                n.body.chars().count(),
                n.paragraphs.len()
            )
        };
        writeln!(
            w,
            "{indent}{} {}{body} @{}..{}",
            n.number,
            excerpt(&n.heading, 24, 8),
            n.span.start,
            n.span.end
        )
        .unwrap();
    }
}
