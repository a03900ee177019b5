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

/// (number, heading) of the children of `parent` (roots for `None`).
pub fn children(o: &Outline, parent: Option<usize>) -> Vec<(String, String)> {
    let ids: Vec<usize> = match parent {
        None => o.roots().map(|(id, _)| id).collect(),
        Some(p) => o.nodes[p].children.clone(),
    };
    ids.iter()
        .map(|&id| (o.nodes[id].number.clone(), o.nodes[id].heading.clone()))
        .collect()
}

/// Owned (number, heading) pairs, to compare with [`children`].
pub fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// A short text read as a `.txt` file and outlined, its invariants checked.
pub fn parse(text: &str) -> Parsed {
    let doc = policykg_read::read_bytes(
        "test.txt",
        text.as_bytes(),
        &policykg_read::Limits::default(),
    )
    .expect("readable");
    let parsed = policykg_outline::parse(doc, policykg_ontology::Ontology::bundled());
    check_invariants(&parsed).unwrap();
    parsed
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
    if let Some(f) = &m.in_force {
        writeln!(
            w,
            "in_force:     {} [{:?}] {} @{}..{}",
            f.date, f.basis, f.clause, f.span.start, f.span.end
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

/// Character-offset slicing in constant time per call (the checker runs on megabyte inputs).
struct Chars<'a> {
    text: &'a str,
    /// Byte offset of every character, and the text length at the end.
    bytes: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Chars { text, bytes }
    }
    fn len(&self) -> usize {
        self.bytes.len() - 1
    }
    fn slice(&self, span: policykg_read::Span) -> &'a str {
        &self.text[self.bytes[span.start]..self.bytes[span.end]]
    }
}

/// What must hold of every parse, whatever the input: spans in bounds and slicing to the strings
/// they claim, bodies made of their paragraphs, a consistent tree in reading order, unique paths,
/// preamble before and closing after every node.
pub fn check_invariants(p: &Parsed) -> Result<(), String> {
    let chars = Chars::new(&p.document.text);
    let text = &chars;
    let slice = |t: &Chars, s: policykg_read::Span| t.slice(s).to_owned();
    let len = chars.len();
    let o = &p.outline;
    let in_bounds = |s: policykg_read::Span| s.start <= s.end && s.end <= len;
    let mut paths = std::collections::HashSet::new();
    let mut prev_start = 0;
    if !in_bounds(o.preamble)
        || !in_bounds(o.closing)
        || o.preamble.start != 0
        || o.closing.end != len
    {
        return Err(format!(
            "preamble {:?} / closing {:?} out of bounds ({len})",
            o.preamble, o.closing
        ));
    }
    for (id, n) in o.nodes.iter().enumerate() {
        let ctx = |what: &str| format!("node {id} {:?} {}: {what}", n.path, n.number);
        for s in [n.span, n.number_span, n.heading_span, n.body_span]
            .iter()
            .chain(&n.paragraphs)
        {
            if !in_bounds(*s) {
                return Err(ctx(&format!("span {s:?} out of bounds")));
            }
        }
        if slice(text, n.number_span) != n.number {
            return Err(ctx("number differs from its span"));
        }
        if slice(text, n.heading_span) != n.heading {
            return Err(ctx("heading differs from its span"));
        }
        let joined: Vec<String> = n.paragraphs.iter().map(|s| slice(text, *s)).collect();
        if joined.join("\n") != n.body {
            return Err(ctx("body is not its paragraphs joined"));
        }
        for (s, para) in n.paragraphs.iter().zip(&joined) {
            if para.is_empty() || para.trim() != para {
                return Err(ctx(&format!("paragraph {s:?} empty or not trimmed")));
            }
            if s.start < n.body_span.start || s.end > n.body_span.end {
                return Err(ctx("paragraph outside body_span"));
            }
        }
        for s in [n.number_span, n.heading_span, n.body_span] {
            if s.start < n.span.start || s.end > n.span.end {
                return Err(ctx(&format!("{s:?} outside the node span {:?}", n.span)));
            }
        }
        if n.span.start < prev_start
            || n.span.start < o.preamble.end
            || n.span.end > o.closing.start
        {
            return Err(ctx(
                "node out of reading order or overlapping preamble/closing",
            ));
        }
        prev_start = n.span.start;
        if !paths.insert(n.path.clone()) {
            return Err(ctx("duplicate path"));
        }
        match n.parent {
            Some(pid) => {
                let parent = &o.nodes[pid];
                if pid >= id
                    || parent.children.binary_search(&id).is_err()
                    || parent.level + 1 != n.level
                {
                    return Err(ctx("inconsistent parent"));
                }
                if n.span.start < parent.span.start || n.span.end > parent.span.end {
                    return Err(ctx("outside its parent's span"));
                }
                if !n.path.starts_with(&format!("{}/", parent.path)) {
                    return Err(ctx("path does not extend the parent's"));
                }
                if n.span.start < parent.body_span.end && !parent.body.is_empty() {
                    return Err(ctx("starts inside its parent's body"));
                }
            }
            None => {
                if n.level != 1 {
                    return Err(ctx("root not at level 1"));
                }
            }
        }
        for &c in &n.children {
            if o.nodes.get(c).and_then(|c| c.parent) != Some(id) {
                return Err(ctx("child without this parent"));
            }
        }
    }
    for c in &p.metadata.citations {
        if !in_bounds(c.span) {
            return Err(format!("citation {c:?} out of bounds"));
        }
        let s = slice(text, c.span);
        if let Some(t) = &c.title {
            if !s.starts_with(&format!("《{t}》")) {
                return Err(format!("citation span {s:?} does not start with 《{t}》"));
            }
        }
        if let Some(n) = &c.doc_number {
            if !s.contains(n.as_str()) {
                return Err(format!("citation span {s:?} does not hold {n}"));
            }
        }
    }
    for h in &p.metadata.history {
        if !in_bounds(h.span) || slice(text, h.span) != h.event {
            return Err(format!("history {h:?} differs from its span"));
        }
    }
    if let Some(f) = &p.metadata.in_force {
        if !in_bounds(f.span) || slice(text, f.span) != f.clause {
            return Err(format!("in_force {f:?} differs from its span"));
        }
    }
    if !in_bounds(p.outline.page_header) || p.outline.page_header.end > p.outline.preamble.end {
        return Err(format!(
            "page header {:?} outside the preamble {:?}",
            p.outline.page_header, p.outline.preamble
        ));
    }
    if let Some(c) = &p.metadata.cover {
        if !in_bounds(c.span) || !slice(text, c.span).contains(&c.title) {
            return Err(format!("cover {c:?} span does not hold its title"));
        }
    }
    for w in &p.warnings {
        if let Some(s) = w.span {
            if !in_bounds(s) {
                return Err(format!("warning {w:?} out of bounds"));
            }
        }
    }
    Ok(())
}

/// Every corpus file the outline tests read: the seeds, the extra texts, Markdown and raw HTML.
pub fn corpus_files() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["corpus/seeds", "corpus/extra"] {
        let Ok(entries) = std::fs::read_dir(workspace().join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if policykg_read::is_skipped_name(&name) {
                continue;
            }
            if name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".html") {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}
