//! Renderers: coloured terminal text, a self-contained HTML 对照表, and the same 对照表 as an
//! XLSX workbook and a DOCX document. JSON is the [`Diff`] model itself, through serde.
//!
//! The three 对照表 formats share their rows, columns (序号 | 修订前 | 修订后 | 说明), notes and
//! provenance lines through this module, so that they cannot say different things.
//!
//! [`Diff`]: crate::Diff

mod docx;
mod html;
mod text;
mod xlsx;

pub use docx::render_docx;
pub use html::render_html;
pub use text::{render_text, TextOptions};
pub use xlsx::{render_xlsx, XlsxError};

use crate::model::{Change, ChangeKind, Diff, DocInfo, Provenance, Row, RowKind, UnitRef};

/// The columns of the 对照表, in every format.
pub(crate) const COLUMNS: [&str; 4] = ["序号", "修订前", "修订后", "说明"];
/// The old cell of an added row and the new cell of a deleted one.
pub(crate) const ADDED_CELL: &str = "（新增）";
pub(crate) const DELETED_CELL: &str = "（删除）";

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

/// A change's value as the 对照表 writes it: agency roles in the words of the notices, "—" for
/// none.
pub(crate) fn change_value(c: &Change, v: &Option<String>) -> String {
    let Some(v) = v.as_deref() else {
        return "—".to_owned();
    };
    if matches!(
        c.kind,
        ChangeKind::AgencyAdded | ChangeKind::AgencyRemoved | ChangeKind::AgencyRoleChanged
    ) {
        let words: Vec<&str> = v
            .split('+')
            .map(|r| match r {
                "lead" => "牵头",
                "support" => "配合",
                "joint" => "共同负责",
                other => other,
            })
            .collect();
        return words.join("、");
    }
    v.to_owned()
}

/// The 说明 of row `k` after its kind, one note a line: where it is in both versions, the place
/// it moved from,
/// systematic-only, and the row's structured changes.
pub(crate) fn notes(row: &Row, diff: &Diff, k: usize) -> Vec<String> {
    // Where the row is, in full and in both numberings (this says the renumbering too).
    let mut notes = Vec::new();
    if row.front {
        notes.push(FRONT_NOTE.to_owned());
    }
    notes.push(format!("位置：{}", row.place()));
    if row.moved {
        notes.push(format!("原位于{}", Row::locators(&row.old)));
    }
    if row.systematic_only {
        notes.push("仅统一修改".to_owned());
    }
    for c in diff.changes.iter().filter(|c| c.row == k) {
        notes.push(format!(
            "{}：{} {} → {}",
            c.kind.chinese(),
            c.subject,
            change_value(c, &c.old),
            change_value(c, &c.new)
        ));
    }
    notes
}

/// The section of cover-notice and status rows, as every format names it.
pub(crate) const FRONT_SECTION: &str = "文首与状态";
/// The note of such a row: what it is and that it is not counted.
pub(crate) const FRONT_NOTE: &str = "文首与状态（页面信息、印发通知、文本状态，不计入新增、删除）";

/// The provenance of a report as (caption, value) lines: the tool, the time, each file with
/// its SHA-256.
pub(crate) fn provenance_lines(diff: &Diff, p: &Provenance) -> Vec<(&'static str, String)> {
    vec![
        ("生成工具", p.tool.clone()),
        ("比较时间", p.time.clone()),
        (
            "修订前文件",
            format!("{}（SHA-256 {}）", diff.old.source, p.old_sha256),
        ),
        (
            "修订后文件",
            format!("{}（SHA-256 {}）", diff.new.source, p.new_sha256),
        ),
    ]
}

/// "修订前后对照表：title" (the new version's title, else the old one's).
pub(crate) fn report_title(diff: &Diff) -> String {
    match diff.new.title.as_deref().or(diff.old.title.as_deref()) {
        Some(t) if !t.is_empty() => format!("修订前后对照表：{t}"),
        _ => "修订前后对照表".to_owned(),
    }
}

/// The rows of the header table (HTML) and of the 说明 sheet (XLSX). The captions are the report's own wording, not vocabulary that
/// anything matches against, so they stay in code beside the rest of the page's text (as
/// `granularity` and the kinds' `chinese()` do), one per match arm rather than as a word list.
#[derive(Clone, Copy)]
pub(crate) enum DocField {
    Title,
    Status,
    Date,
    DocNumber,
    Issuers,
    Source,
}

impl DocField {
    pub(crate) const ALL: [DocField; 6] = [
        DocField::Title,
        DocField::Status,
        DocField::Date,
        DocField::DocNumber,
        DocField::Issuers,
        DocField::Source,
    ];

    pub(crate) fn caption(self) -> &'static str {
        match self {
            DocField::Title => "标题",
            DocField::Status => "文本状态",
            DocField::Date => "日期",
            DocField::DocNumber => "文号",
            DocField::Issuers => "发文机关",
            DocField::Source => "来源",
        }
    }

    pub(crate) fn value(self, d: &DocInfo) -> Option<String> {
        match self {
            DocField::Title => d.title.clone(),
            DocField::Status => d.status.clone(),
            DocField::Date => d.date.clone(),
            DocField::DocNumber => d.doc_number.clone(),
            DocField::Issuers => (!d.issuers.is_empty()).then(|| d.issuers.join("、")),
            DocField::Source => Some(d.source.clone()),
        }
    }
}

/// Counts of a diff as "N modified, N added, …" (non-zero ones).
pub(crate) fn counts(diff: &Diff) -> Vec<(RowKind, usize)> {
    RowKind::ALL
        .iter()
        .map(|&k| (k, diff.summary.count(k)))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// The overview line of the XLSX and DOCX reports: every non-zero count of rows, then of
/// changes, in Chinese (修改3，新增16，…), `，`-joined.
pub(crate) fn overview(diff: &Diff) -> String {
    counts(diff)
        .into_iter()
        .map(|(k, n)| format!("{}{n}", k.chinese()))
        .chain((diff.summary.front > 0).then(|| format!("{FRONT_SECTION}{}", diff.summary.front)))
        .chain(
            diff.summary
                .changes
                .iter()
                .map(|(k, n)| format!("{}{n}", k.chinese())),
        )
        .collect::<Vec<_>>()
        .join("，")
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
                    front: false,
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
        // One control unfolds every folded text; on paper nothing is folded and the table's
        // header repeats; on a narrow screen the cells stack.
        assert!(h.contains("<input type=checkbox id=expand-all><label for=expand-all"));
        let print = &h[h.find("@media print").unwrap()..];
        let print = &print[..print.find("\n}\n").unwrap()];
        assert!(print.contains(".fold ~ .start, label.expand-all { display: none !important; }"));
        assert!(print.contains(".fold ~ .full { display: inline !important; }"));
        assert!(print.contains("thead { display: table-header-group; }"));
        assert!(h.contains("@media (max-width: 640px)"));
    }

    #[test]
    fn long_unchanged_text_is_folded_with_its_full_text_kept() {
        let long = "推动新产品首购首用。".repeat(12);
        let old = version("方案", &[("1．", &long), ("2．", "营造良好环境。")]);
        let new = version("方案", &[("1．", &long), ("2．", "营造更好环境。")]);
        let h = render_html(&diff_versions(&old, &new, &Options::default()));
        let start: String = long.chars().take(45).collect();
        assert!(h.contains(&format!(
            "<span class=num>1．</span><input type=checkbox class=fold id=f1o0 aria-label=\"展开全文\"><span class=start>{start}<label for=f1o0 class=more>……展开</label></span><span class=full>{long}</span>"
        )));
        assert!(h.contains("id=f1n0 "));
        // Changed rows are never folded.
        assert!(!h.contains("id=f2"));
    }
}
