//! A self-contained HTML 修订前后对照表: one file, inline CSS, no script and no external
//! resource, readable in any browser and printable.
//!
//! Header: the two documents (title, status, date, 文号, issuers, source). Then the counts, the
//! replacements made throughout (stated once, as official 对照表 do), the changed targets,
//! amounts, agencies and tasks, and the table itself: 序号 | 修订前 | 修订后 | 说明, insertions
//! underlined in green, deletions struck in red, systematic replacements in grey, moved rows
//! with a double rule, unchanged rows dimmed. Long unchanged texts are folded behind a checkbox
//! (one more unfolds them all); `@media print` unfolds everything and repeats the header; below
//! 640 px the cells stack. Then the provenance, when the caller gave it.

use std::fmt::Write;

use super::{
    change_value, counts, notes, provenance_lines, segments, DocField, Seg, View, ADDED_CELL,
    COLUMNS, DELETED_CELL,
};
use crate::model::{Change, Diff, DocInfo, Row, RowKind};

/// HTML-escaped text; a line break (or a run of them with blank lines) becomes one `<br>`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_break = false;
    for c in s.chars() {
        if in_break && c.is_whitespace() {
            continue;
        }
        in_break = false;
        if c == '\n' {
            out.push_str("<br>");
            in_break = true;
        } else {
            policykg_text::escape::push_escaped(&mut out, c);
        }
    }
    out
}

/// Unchanged text longer than this is folded to its start, with a control to unfold it (a
/// checkbox and its label: no script), and is never folded on paper.
const FOLD_AT: usize = 90;

const CSS: &str = r#"
:root { --ins: #0b6b2e; --ins-bg: #e1f5e6; --del: #b3261e; --del-bg: #fde8e6; --sys: #5f6368;
  --line: #d9dce1; --head: #f3f4f6; --move: #6b4fbb; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; margin: 24px auto; max-width: 1360px; padding: 0 16px; color: #202124;
  line-height: 1.7; font-size: 15px; }
h1 { font-size: 24px; margin: 0 0 12px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 10px; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: 600; }
table.docs th:first-child { width: 7em; }
table.docs td { width: 46%; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; background: #fff;
  min-width: 7.5em; }
.counts b { display: block; font-size: 22px; line-height: 1.2; }
.counts .modified b, .counts .split b, .counts .merged b { color: #8a5300; }
.counts .added b { color: var(--ins); }
.counts .deleted b { color: var(--del); }
.counts .moved b { color: var(--move); }
.counts small { color: var(--sys); display: block; font-size: 12px; }
ul.systematic li { margin: 4px 0; }
.note { color: var(--sys); font-size: 13px; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; text-underline-offset: 3px; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; }
ins.sys, del.sys { color: var(--sys); background: #eceef1; text-decoration-style: dotted; }
table.diff { table-layout: fixed; }
table.diff col.n { width: 3.2em; }
table.diff col.side { width: 40%; }
table.diff col.why { width: 16%; }
table.diff td.n { color: var(--sys); text-align: right; font-size: 13px; }
table.diff .num { font-weight: 700; margin-right: .4em; }
table.diff td.none { color: var(--sys); text-align: center; vertical-align: middle; background: #fafafa; }
table.diff td.why { font-size: 13px; }
table.diff td.why .kind { font-weight: 600; }
tr.unchanged td.side, tr.renumbered td.side { color: #70757a; font-size: 13px; }
td, th { overflow-wrap: anywhere; }
.fold { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.fold ~ .full { display: none; }
.fold:checked ~ .start, #expand-all:checked ~ table.diff .fold ~ .start { display: none; }
.fold:checked ~ .full, #expand-all:checked ~ table.diff .fold ~ .full { display: inline; }
label.more { color: var(--sys); cursor: pointer; white-space: nowrap; }
.fold:focus-visible ~ .start label.more { outline: 2px solid var(--move); }
#expand-all { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
label.expand-all { display: inline-block; margin: 0 0 10px; padding: 4px 14px; cursor: pointer;
  border: 1px solid var(--line); border-radius: 6px; background: var(--head); font-size: 14px; }
#expand-all:focus-visible + label.expand-all { outline: 2px solid var(--move); }
#expand-all + label .off, #expand-all:checked + label .on { display: none; }
#expand-all:checked + label .off { display: inline; }
table.provenance th { width: 7em; }
tr.heading td.side { font-weight: 700; background: #fafafa; }
tr.added td.new { background: #f4fbf6; }
tr.deleted td.old { background: #fef6f5; }
tr.moved td.side { border-left: 4px double var(--move); }
tr.moved .kind { color: var(--move); }
.unit + .unit { margin-top: 8px; padding-top: 8px; border-top: 1px dashed var(--line); }
table.changes { table-layout: fixed; }
table.changes col.where { width: 11%; } table.changes col.what { width: 8%; }
table.changes col.subject { width: 45%; } table.changes col.value { width: 18%; }
.legend { margin: 8px 0 0; font-size: 13px; color: var(--sys); }
.legend span { margin-right: 18px; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; line-height: 1.5; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .fold ~ .start, label.expand-all { display: none !important; }
  .fold ~ .full { display: inline !important; }
  thead { display: table-header-group; }
  th, td { padding: 4px 6px; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
/* Narrow screens (a phone, 400 px): the tables' cells stack, each with its column's name. */
@media (max-width: 640px) {
  body { margin: 8px auto; padding: 0 8px; font-size: 14px; }
  h1 { font-size: 20px; }
  table.diff, table.diff tbody, table.diff tr, table.diff td,
  table.changes, table.changes tbody, table.changes tr, table.changes td { display: block; width: auto; }
  table.diff colgroup, table.diff thead, table.changes colgroup,
  table.changes tr:first-child { display: none; }
  table.diff tr, table.changes tr { border: 1px solid var(--line); margin: 0 0 10px; }
  table.diff td, table.changes td { border: none; border-top: 1px solid var(--line); }
  table.diff td:first-child, table.changes td:first-child { border-top: none; }
  table.diff td.n { text-align: left; background: var(--head); }
  table.diff td.n::before { content: "序号 "; }
  table.diff td:not(.n)::before, table.changes td::before {
    display: block; color: var(--sys); font-size: 12px; }
  table.diff td:nth-child(2)::before, table.changes td:nth-child(4)::before { content: "修订前"; }
  table.diff td:nth-child(3)::before, table.changes td:nth-child(5)::before { content: "修订后"; }
  table.diff td:nth-child(4)::before { content: "说明"; }
  table.changes td:nth-child(1)::before { content: "位置"; }
  table.changes td:nth-child(2)::before { content: "变化"; }
  table.changes td:nth-child(3)::before { content: "事项"; }
  table.diff td.none { text-align: left; }
  table.docs td { width: auto; }
  table.docs th:first-child { width: 4.5em; }
  table.changes td { display: inline-block; border: none; padding: 2px 8px; }
  table.changes td::before { display: inline; margin-right: .4em; }
  tr.moved td.side { border-left: none; }
  tr.moved { border-left: 4px double var(--move); }
}
"#;

fn doc_cell(d: &DocInfo, f: impl Fn(&DocInfo) -> Option<String>) -> String {
    f(d).map_or_else(|| "<span class=note>—</span>".to_owned(), |v| esc(&v))
}

fn header(out: &mut String, diff: &Diff) {
    let title = diff
        .new
        .title
        .clone()
        .or_else(|| diff.old.title.clone())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<header><h1>修订前后对照表{}</h1>",
        if title.is_empty() {
            String::new()
        } else {
            format!("：{}", esc(&title))
        }
    );
    out.push_str("<table class=docs><tr><th></th><th>修订前</th><th>修订后</th></tr>\n");
    for field in DocField::ALL {
        let f = |d: &DocInfo| field.value(d);
        if f(&diff.old).is_none() && f(&diff.new).is_none() {
            continue;
        }
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            field.caption(),
            doc_cell(&diff.old, f),
            doc_cell(&diff.new, f)
        );
    }
    let _ = writeln!(
        out,
        "<tr><th>比较单元</th><td>{} {}</td><td>{} {}</td></tr></table></header>",
        diff.old.units,
        granularity(diff.old.granularity),
        diff.new.units,
        granularity(diff.new.granularity)
    );
}

fn granularity(g: crate::Granularity) -> &'static str {
    match g {
        crate::Granularity::Articles => "个单元（条）",
        crate::Granularity::Items => "个单元（项）",
        crate::Granularity::Paragraphs => "个单元（段）",
    }
}

fn summary(out: &mut String, diff: &Diff) {
    out.push_str("<h2>变化概览</h2><ul class=counts>\n");
    if diff.summary.front > 0 {
        let _ = writeln!(
            out,
            "<li class=front><b>{}</b>{} <span class=note>不计入新增、删除</span></li>",
            diff.summary.front,
            super::FRONT_SECTION
        );
    }
    for (kind, n) in counts(diff) {
        let extra = if kind == RowKind::Modified && diff.summary.systematic_only > 0 {
            format!(
                "<small>其中{}处仅统一修改</small>",
                diff.summary.systematic_only
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<li class={}><b>{n}</b>{} <span class=note>{}</span>{extra}</li>",
            kind.as_str(),
            kind.chinese(),
            kind.as_str()
        );
    }
    for (kind, n) in &diff.summary.changes {
        let _ = writeln!(
            out,
            "<li class=fact><b>{n}</b>{} <span class=note>{}</span></li>",
            kind.chinese(),
            kind.as_str()
        );
    }
    out.push_str("</ul>\n");
}

fn systematic(out: &mut String, diff: &Diff) {
    if diff.systematic.is_empty() {
        return;
    }
    out.push_str("<h2>全文统一修改</h2><ul class=systematic>\n");
    for r in &diff.systematic {
        let _ = write!(
            out,
            "<li>将“<del class=sys>{}</del>”修改为“<ins class=sys>{}</ins>”<span class=note>（{}处，涉及{}个单元）</span>",
            esc(&r.old),
            esc(&r.new),
            r.count,
            r.rows.len()
        );
        if !r.remaining.is_empty() {
            let _ = write!(
                out,
                "；修订后仍保留“{}”：{}",
                esc(&r.old),
                esc(&r.remaining.join("、"))
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str(
        "</ul>\n<p class=note>下表中这些替换以灰色标出，仅因此修改的条文标为“仅统一修改”。</p>\n",
    );
}

/// A change's value for the Chinese table, escaped.
fn value(c: &Change, v: &Option<String>) -> String {
    esc(&change_value(c, v))
}

fn change_cell(c: &Change) -> String {
    let side = |v: &Option<String>| value(c, v);
    format!(
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
        c.kind.chinese(),
        esc(&c.subject),
        side(&c.old),
        side(&c.new)
    )
}

fn changes(out: &mut String, diff: &Diff) {
    if diff.changes.is_empty() {
        return;
    }
    out.push_str(
        "<h2>目标、金额、部门与任务变化</h2><table class=changes><colgroup><col class=where><col class=what><col class=subject><col class=value><col class=value></colgroup><tr><th>位置</th><th>变化</th><th>事项</th><th>修订前</th><th>修订后</th></tr>\n",
    );
    // Grouped by kind (targets, amounts, agencies, tasks, figures), in text order within each.
    let mut sorted: Vec<&Change> = diff.changes.iter().collect();
    sorted.sort_by_key(|c| (c.kind, c.row));
    for c in sorted {
        let row = &diff.rows[c.row];
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#r{}\">{}</a></td>{}</tr>",
            c.row + 1,
            esc(&place(row)),
            change_cell(c)
        );
    }
    out.push_str("</table>\n");
}

fn place(row: &Row) -> String {
    row.place()
}

fn unit_cells(row: &Row, row_no: usize, view: View) -> String {
    let units = if view == View::Old {
        &row.old
    } else {
        &row.new
    };
    let mut cell = String::new();
    for (k, u) in units.iter().enumerate() {
        cell.push_str("<div class=unit>");
        let number = if u.number.is_empty() {
            String::new()
        } else {
            format!("<span class=num>{}</span>", esc(u.number.trim()))
        };
        let unchanged = matches!(row.kind, RowKind::Unchanged | RowKind::Renumbered);
        if unchanged && u.text.chars().count() > FOLD_AT {
            let start: String = u.text.chars().take(FOLD_AT / 2).collect();
            let id = format!(
                "f{}{}{k}",
                row_no,
                if view == View::Old { 'o' } else { 'n' }
            );
            let _ = write!(
                cell,
                "{number}<input type=checkbox class=fold id={id} aria-label=\"展开全文\"><span class=start>{}<label for={id} class=more>……展开</label></span><span class=full>{}</span></div>",
                esc(&start),
                esc(&u.text)
            );
            continue;
        }
        cell.push_str(&number);
        for s in segments(row, view, k) {
            match s {
                Seg::Plain(t) => cell.push_str(&esc(&t)),
                Seg::Ins(t, sys) => {
                    let _ = write!(cell, "<ins{}>{}</ins>", sys_class(sys), esc(&t));
                }
                Seg::Del(t, sys) => {
                    let _ = write!(cell, "<del{}>{}</del>", sys_class(sys), esc(&t));
                }
            }
        }
        cell.push_str("</div>");
    }
    cell
}

fn sys_class(sys: bool) -> &'static str {
    if sys {
        " class=sys"
    } else {
        ""
    }
}

fn why(row: &Row, diff: &Diff, k: usize) -> String {
    let mut out = format!("<span class=kind>{}</span>", row.kind.chinese());
    for note in notes(row, diff, k) {
        out.push_str("<br>");
        out.push_str(&esc(&note));
    }
    out
}

fn table(out: &mut String, diff: &Diff) {
    out.push_str("<h2>对照表</h2>\n<p class=legend><span><ins>新增文字</ins></span><span><del>删除文字</del></span><span><ins class=sys>统一修改</ins></span><span style=\"border-left:4px double var(--move);padding-left:6px\">移动的条文</span></p>\n");
    // Unfolds every folded text at once (a checkbox before the table: no script).
    out.push_str("<input type=checkbox id=expand-all><label for=expand-all class=expand-all><span class=on>全部展开</span><span class=off>全部收起</span></label>\n");
    out.push_str("<table class=diff><colgroup><col class=n><col class=side><col class=side><col class=why></colgroup>\n<thead><tr>");
    for c in COLUMNS {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for (k, row) in diff.rows.iter().enumerate() {
        let heading = row
            .old
            .iter()
            .chain(&row.new)
            .all(|u| u.kind == crate::UnitKind::Heading);
        let _ = write!(
            out,
            "<tr id=r{} class=\"{}{}\"><td class=n>{}</td>",
            k + 1,
            row.kind.as_str(),
            if heading { " heading" } else { "" },
            k + 1
        );
        if row.old.is_empty() {
            let _ = write!(out, "<td class=\"side old none\">{ADDED_CELL}</td>");
        } else {
            let _ = write!(
                out,
                "<td class=\"side old\">{}</td>",
                unit_cells(row, k + 1, View::Old)
            );
        }
        if row.new.is_empty() {
            let _ = write!(out, "<td class=\"side new none\">{DELETED_CELL}</td>");
        } else {
            let _ = write!(
                out,
                "<td class=\"side new\">{}</td>",
                unit_cells(row, k + 1, View::New)
            );
        }
        let _ = writeln!(out, "<td class=why>{}</td></tr>", why(row, diff, k));
    }
    out.push_str("</tbody></table>\n");
}

/// The diff as one self-contained HTML page.
pub fn render_html(diff: &Diff) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = diff
        .new
        .title
        .as_deref()
        .or(diff.old.title.as_deref())
        .unwrap_or(&diff.new.source);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=zh-CN><head><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\"><title>修订前后对照表：{}</title><style>{CSS}</style></head><body>\n",
        esc(title)
    );
    header(&mut out, diff);
    summary(&mut out, diff);
    systematic(&mut out, diff);
    changes(&mut out, diff);
    table(&mut out, diff);
    footer(&mut out, diff);
    out.push_str("</body></html>\n");
    out
}

/// Who made the report, from which exact files, when: a table when the caller gave the
/// provenance, else one line.
fn footer(out: &mut String, diff: &Diff) {
    let Some(p) = &diff.provenance else {
        out.push_str("<footer><p class=note>由 policykg diff 生成。</p></footer>\n");
        return;
    };
    out.push_str("<footer><h2>生成信息</h2><table class=provenance>\n");
    for (caption, value) in provenance_lines(diff, p) {
        let _ = writeln!(out, "<tr><th>{caption}</th><td>{}</td></tr>", esc(&value));
    }
    out.push_str("</table></footer>\n");
}
