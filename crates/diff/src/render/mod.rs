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

#[cfg(test)]
mod tests {
    use crate::model::{DocInfo, UnitKind};
    use crate::{diff_versions, render_html, render_text, Options, TextOptions, Unit, Version};
    use policykg_read::Span;

    fn version(title: &str, items: &[(&str, &str)]) -> Version {
        let mut pos = 0;
        let units = items
            .iter()
            .map(|(n, t)| {
                let len = t.chars().count();
                let u = Unit {
                    kind: UnitKind::Item,
                    number: n.to_string(),
                    path: String::new(),
                    text: t.to_string(),
                    span: Span::new(pos + 2, pos + 2 + len),
                };
                pos += len + 3;
                u
            })
            .collect();
        let info = DocInfo {
            source: format!("{title}.txt"),
            title: Some(title.to_owned()),
            ..DocInfo::default()
        };
        Version::from_units(info, units, None)
    }

    fn sample() -> crate::Diff {
        let old = version(
            "方案<草>",
            &[
                ("1．", "实施补链强链工程。每年滚动实施“工业强基”项目80个。"),
                ("2．", "推动新产品首购首用。\n支持企业研发高附加值新产品。"),
                ("3．", "营造良好环境。开展“专精特新千企行”活动。"),
            ],
        );
        let new = version(
            "方案",
            &[
                ("1．", "实施补链强链工程。每年滚动实施“工业强基”项目100个。"),
                ("2．", "推动新产品首购首用。\n支持企业研发高附加值新产品。"),
                (
                    "3．",
                    "加强企业人才供给。大力推动专精特新企业引才育才聚才。",
                ),
            ],
        );
        diff_versions(&old, &new, &Options::default())
    }

    #[test]
    fn text_without_colour_marks_like_word_diff() {
        let t = render_text(&sample(), &TextOptions::default());
        assert_eq!(
            t,
            "修订前 old: 方案<草>  — 方案<草>.txt\n\
             修订后 new: 方案  — 方案.txt\n\
             units: 3 → 3; 1 unchanged, 1 modified, 1 added, 1 deleted\n\
             changes: 1 figure_changed\n\
             \n\
             ~ 1．  (modified 修改, similarity 0.84)\n    \
             实施补链强链工程。每年滚动实施“工业强基”项目[-80个-]{+100个+}。\n    \
             • figure_changed 每年滚动实施“工业强基”项目100个: 80个 → 100个\n\
             \n\
             - 3． → 删除  (deleted 删除)\n    \
             营造良好环境。开展“专精特新千企行”活动。\n\
             \n\
             + 新增 → 3．  (added 新增)\n    \
             加强企业人才供给。大力推动专精特新企业引才育才聚才。\n"
        );
        let coloured = render_text(
            &sample(),
            &TextOptions {
                color: true,
                all: true,
            },
        );
        assert!(coloured.contains("\x1b[31;9m80个\x1b[0m\x1b[32;4m100个\x1b[0m"));
        // Unchanged items are listed with `all`, and multi-line units stay indented.
        assert!(coloured.contains("    推动新产品首购首用。\n    支持企业研发高附加值新产品。"));
    }

    #[test]
    fn html_is_one_escaped_self_contained_page() {
        let h = render_html(&sample());
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(h.contains("<td>方案&lt;草&gt;</td><td>方案</td>"));
        assert!(h.contains("项目<del>80个</del>。"));
        assert!(h.contains("项目<ins>100个</ins>。"));
        assert!(h.contains("<td class=\"side old none\">（新增）</td>"));
        assert!(h.contains("<td class=\"side new none\">（删除）</td>"));
        for outside in ["<script", "<link", "src=", "url(", "@import"] {
            assert!(!h.contains(outside), "{outside}");
        }
    }
}
