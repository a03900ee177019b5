//! Renderers: coloured terminal text and a self-contained HTML 对照表. JSON is the [`Diff`]
//! model itself, through serde.
//!
//! [`Diff`]: crate::Diff

mod html;
mod text;

pub use html::render_html;
pub use text::{render_text, TextOptions};

use crate::model::{Diff, DocInfo, Row, RowKind, UnitRef};

/// A run of text of one unit, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Plain(String),
    /// Inserted text; `true` when it is a systematic replacement.
    Ins(String, bool),
    Del(String, bool),
}

/// Which pieces of a hunk to mark in a unit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// The old unit: deletions marked.
    Old,
    /// The new unit: insertions marked.
    New,
    /// The new unit with deletions shown where they were made.
    Unified,
}

/// The text of unit `k` of `row` (old units for [`View::Old`], new ones otherwise), cut into
/// plain and marked runs.
pub(crate) fn segments(row: &Row, view: View, k: usize) -> Vec<Seg> {
    let units: &[UnitRef] = if view == View::Old {
        &row.old
    } else {
        &row.new
    };
    let Some(unit) = units.get(k) else {
        return Vec::new();
    };
    let chars: Vec<char> = unit.text.chars().collect();
    // (position in unit, order, segment): deletions before insertions at one position.
    let mut marks: Vec<(usize, usize, usize, Seg)> = Vec::new();
    for h in &row.hunks {
        let sys = h.systematic.is_some();
        let (mine, other): (&[crate::Piece], &[crate::Piece]) = match view {
            View::Old => (&h.old, &h.new),
            View::New | View::Unified => (&h.new, &h.old),
        };
        for (n, p) in mine.iter().enumerate().filter(|(_, p)| p.unit == k) {
            let start = p
                .span
                .start
                .saturating_sub(unit.span.start)
                .min(chars.len());
            let end = p
                .span
                .end
                .saturating_sub(unit.span.start)
                .clamp(start, chars.len());
            if view == View::Unified && n == 0 {
                let deleted: String = other.iter().map(|q| q.text.as_str()).collect();
                if !deleted.is_empty() {
                    marks.push((start, 0, start, Seg::Del(deleted, sys)));
                }
            }
            if end > start {
                let text: String = chars[start..end].iter().collect();
                let seg = if view == View::Old {
                    Seg::Del(text, sys)
                } else {
                    Seg::Ins(text, sys)
                };
                marks.push((start, 1, end, seg));
            }
        }
    }
    marks.sort_by_key(|m| (m.0, m.1));
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, _, end, seg) in marks {
        if start < pos {
            // Overlapping marks cannot come from one diff; keep the text whole if they do.
            continue;
        }
        if start > pos {
            out.push(Seg::Plain(chars[pos..start].iter().collect()));
        }
        out.push(seg);
        pos = end;
    }
    if pos < chars.len() {
        out.push(Seg::Plain(chars[pos..].iter().collect()));
    }
    out
}

/// "第五条" / "二/（一）/1" / "¶3" for one side of a row.
pub(crate) fn side_label(units: &[UnitRef]) -> String {
    Row::label(units)
}

/// One line describing a document: title（status） date 文号 — source.
pub(crate) fn doc_line(d: &DocInfo) -> String {
    let mut parts = Vec::new();
    match (&d.title, &d.status) {
        (Some(t), Some(s)) => parts.push(format!("{t}（{s}）")),
        (Some(t), None) => parts.push(t.clone()),
        (None, Some(s)) => parts.push(format!("（{s}）")),
        (None, None) => {}
    }
    if let Some(date) = &d.date {
        parts.push(date.clone());
    }
    if let Some(n) = &d.doc_number {
        parts.push(n.clone());
    }
    if !d.issuers.is_empty() {
        parts.push(d.issuers.join("、"));
    }
    parts.push(format!("— {}", d.source));
    parts.join("  ")
}

/// Counts of a diff as "N modified, N added, …" (non-zero ones).
pub(crate) fn counts(diff: &Diff) -> Vec<(RowKind, usize)> {
    RowKind::ALL
        .iter()
        .map(|&k| (k, diff.summary.count(k)))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// Whether a row is worth showing in a changes-only listing.
pub(crate) fn is_change(row: &Row) -> bool {
    !matches!(row.kind, RowKind::Unchanged | RowKind::Renumbered)
}
