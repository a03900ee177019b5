//! Task tables saved as text one cell a line: a page's table run through a tool that writes each
//! cell's text on a line of its own (a text browser's dump, a script's `get_text("\n")`, a
//! copy out of some word processors). Such a table is recognised by its header, three or more
//! consecutive lines each one column word of `ontology/documents/table_columns.tsv` (the words
//! [`crate::space_tables`] reads), one of them an agency column, or two naming indicators (an
//! assessment's table of what it measures, 一级指标 / 二级指标 / 三级指标, whose rows open with
//! the last indicator's number). Its rows are found by their
//! numbers, consecutive: under a 序号 column a serial number alone on its line, else a line
//! opening with an item number (`3.…`), the text of the task column (the last text column
//! before the first agency column; a text column before it holds categories merged down over
//! rows, written once). A line opening with a heading number before a row's number is a section
//! row (`二、要素保障方面`), or the category cell of the rows after it. The lines of a row are
//! its cells, fitted to the columns' kinds as a PDF copy's row is ([`crate::space_tables`]): a
//! cell left empty on the page wrote no line, so the columns a row's lines fit least are the
//! empty ones. The last row ends with as many lines as fit its columns; blank lines inside the
//! table are dropped.
//!
//! The table is written as the reader writes a table's rows, one line each with its cells
//! separated by tabs (a row under a category cell without the category's column), which
//! [`crate::text_tables`] reads.

use crate::space_tables::{
    column_word, fit_row, follows, header_row, number_at, opens_heading, opens_item, Kind,
};

/// The fewest columns a header names.
const MIN_COLUMNS: usize = 3;
/// The fewest rows that make a table.
const MIN_ROWS: usize = 2;
/// The fewest indicator columns that make a header without an agency column an indicator
/// table's (一级指标 / 二级指标 / 三级指标).
const MIN_INDICATORS: usize = 2;

/// `text` with each table written one cell a line rewritten a row a line, and how many lines
/// were rewritten; `None` when it holds none.
pub(crate) fn cell_line_tables(text: &str) -> Option<(String, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    // (first line, line after, rows written)
    let mut found: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match table_at(&lines, i) {
            Some((rows, end)) => {
                found.push((i, end, rows));
                i = end;
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut rewritten = 0;
    let mut next = 0;
    for (start, end, rows) in found {
        out.extend(lines[next..start].iter().map(|l| (*l).to_owned()));
        out.extend(rows);
        rewritten += end - start;
        next = end;
    }
    out.extend(lines[next..].iter().map(|l| (*l).to_owned()));
    Some((out.join("\n"), rewritten))
}

fn body(line: &str) -> &str {
    line.trim_end_matches('\r').trim()
}

/// A row's number: with `serials`, a serial number alone on its line (1 to 3 ASCII digits),
/// else an item number opening the line (`3.`, `3．`, `3、`).
fn row_number(line: &str, serials: bool) -> Option<u32> {
    let (n, len) = number_at(line)?;
    if serials {
        (len == line.len()).then_some(n)
    } else {
        opens_item(line, len).then_some(n)
    }
}

/// One row of the table as read from its lines.
enum Row<'a> {
    /// A row's number (a serial's line is its own cell) and its lines.
    Cells(u32, Vec<&'a str>),
    /// A line merged across the table, or a category cell over the rows after it.
    Section(&'a str),
}

/// The table whose header starts at line `at`, written a row a line, and the line after it.
fn table_at(lines: &[&str], at: usize) -> Option<(Vec<String>, usize)> {
    // Most lines are no column word: this is the test every line takes.
    let mut columns = vec![column_word(body(lines[at]))?];
    let mut j = at + 1;
    while let Some(c) = lines.get(j).and_then(|l| column_word(body(l))) {
        columns.push(c);
        j += 1;
    }
    if columns.len() < MIN_COLUMNS || lines[at..j].iter().any(|l| l.contains('\t')) {
        return None;
    }
    let first_agency = columns.iter().position(|(_, k)| *k == Kind::Agency);
    let indicators = columns
        .iter()
        .filter(|(_, k)| *k == Kind::Indicator)
        .count();
    if first_agency.is_none() && indicators < MIN_INDICATORS {
        return None;
    }
    let serials = columns[0].1 == Kind::Index;
    // The column a row's lines start in: after the serial's, else the task's (an indicator
    // table's: the last indicator's, those before it categories written once).
    let from = match first_agency {
        _ if serials => 1,
        Some(a) => columns[..a].iter().rposition(|(_, k)| *k == Kind::Text)?,
        None => columns.iter().rposition(|(_, k)| *k == Kind::Indicator)?,
    };
    let kinds: Vec<Kind> = columns[from..].iter().map(|(_, k)| *k).collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut last = 0u32;
    let mut after_section = false;
    while j < lines.len() {
        let line = body(lines[j]);
        if line.is_empty() {
            j += 1;
            continue;
        }
        if line.contains('\t') {
            break;
        }
        if let Some(n) = row_number(line, serials).filter(|&n| follows(n, last, after_section)) {
            rows.push(Row::Cells(n, if serials { Vec::new() } else { vec![line] }));
            last = n;
            after_section = false;
            j += 1;
            continue;
        }
        // A heading number before the next row's number: a section row (a category over the
        // rows after it; an indicator table's categories nest: 一、… then （一）…).
        let next = lines[j + 1..]
            .iter()
            .map(|l| body(l))
            .find(|l| !l.is_empty() && !opens_heading(l));
        if opens_heading(line)
            && next
                .and_then(|l| row_number(l, serials))
                .is_some_and(|n| follows(n, last, true))
        {
            rows.push(Row::Section(line));
            after_section = true;
            j += 1;
            continue;
        }
        match rows.last_mut() {
            Some(Row::Cells(_, cells)) if !after_section => {
                cells.push(line);
                j += 1;
            }
            _ => break,
        }
    }
    // The last row holds what fits its columns; the lines after it are the text after the table.
    let mut end = j;
    if let Some(Row::Cells(_, cells)) = rows.last_mut() {
        let fits = (1..=cells.len().min(kinds.len()))
            .rev()
            .find(|&n| fit_row(&cells[..n], &kinds).is_some())?;
        let extra = cells.len() - fits;
        cells.truncate(fits);
        // Back over the lines left out (and the blank lines among them).
        let mut left = extra;
        while left > 0 && end > at {
            end -= 1;
            if !body(lines[end]).is_empty() {
                left -= 1;
            }
        }
    }
    while end > at && body(lines[end - 1]).is_empty() {
        end -= 1;
    }
    let cell_rows = rows.iter().filter(|r| matches!(r, Row::Cells(..))).count();
    if cell_rows < MIN_ROWS {
        return None;
    }
    let mut out = vec![header_row(&columns)];
    for row in &rows {
        match row {
            Row::Section(line) => out.push((*line).to_owned()),
            Row::Cells(n, cells) => {
                let fitted = fit_row(cells, &kinds)?.join("\t");
                out.push(if serials {
                    format!("{n}\t{fitted}")
                } else {
                    fitted
                });
            }
        }
    }
    Some((out, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_one_cell_a_line() {
        let text = "标题\n\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n\
            1\n推进政务数据共享。\n市大数据局\n市直各部门\n2023年12月底\n\
            2\n建设一体化政务服务平台。\n市政务服务中心\n2023年9月底\n\
            二、要素保障方面\n\
            3\n压减用电报装时间。\n市发展改革委\n市财政局、市住房城乡建设局\n持续推进\n\
            以上任务由各牵头单位负责落实，并按季度报送进展情况。\n";
        let (out, n) = cell_line_tables(text).expect("a table");
        assert_eq!(n, 20);
        assert_eq!(
            out,
            "标题\n\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
            1\t推进政务数据共享。\t市大数据局\t市直各部门\t2023年12月底\n\
            2\t建设一体化政务服务平台。\t市政务服务中心\t\t2023年9月底\n\
            二、要素保障方面\n\
            3\t压减用电报装时间。\t市发展改革委\t市财政局、市住房城乡建设局\t持续推进\n\
            以上任务由各牵头单位负责落实，并按季度报送进展情况。\n"
        );
    }

    #[test]
    fn numbered_tasks_under_categories() {
        // No 序号 column: the task cells open with their numbers, a category column merged down
        // holds 一、… once over its rows.
        let text = "工作任务\n工作要求\n牵头单位\n配合/责任单位\n\
            一、加强涉及市场主体的信息公开\n\
            1.增强政策制定实施的透明度。\n区直各有关单位\n\
            2.建立市场主体反映问题的办理机制。\n区经济发展局\n区直各有关单位\n\
            二、加强涉及减税降费的信息公开\n\
            3.系统集成已出台的减税降费政策。\n区财政金融局\n区直各有关单位\n";
        let (out, _) = cell_line_tables(text).expect("a table");
        assert_eq!(
            out,
            "工作任务\t工作要求\t牵头单位\t配合/责任单位\n\
            一、加强涉及市场主体的信息公开\n\
            1.增强政策制定实施的透明度。\t\t区直各有关单位\n\
            2.建立市场主体反映问题的办理机制。\t区经济发展局\t区直各有关单位\n\
            二、加强涉及减税降费的信息公开\n\
            3.系统集成已出台的减税降费政策。\t区财政金融局\t区直各有关单位\n"
        );
    }

    #[test]
    fn an_indicator_table() {
        // dev 013's attachment as a tool writing each cell on a line writes it: two levels of
        // categories written once, then each indicator's number, kind and explanation.
        let text = "一级指标\n二级指标\n三级指标\n指标性质\n指标说明\n\
            一、医疗质量\n（一）功能定位\n1.门诊人次数与出院人次数比\n定量\n计算方法：门诊患者人次数/同期出院患者人次数。\n\
            2.下转患者人次数（门急诊、住院）\n定量\n计算方法：本年度向基层医疗机构下转患者人次数。\n\
            （二）质量安全\n3.手术患者并发症发生率▲\n定量\n计算方法：手术患者并发症发生例数/同期出院的手术患者人数。\n";
        let (out, _) = cell_line_tables(text).expect("a table");
        assert_eq!(
            out,
            "一级指标\t二级指标\t三级指标\t指标性质\t指标说明\n\
            一、医疗质量\n（一）功能定位\n\
            1.门诊人次数与出院人次数比\t定量\t计算方法：门诊患者人次数/同期出院患者人次数。\n\
            2.下转患者人次数（门急诊、住院）\t定量\t计算方法：本年度向基层医疗机构下转患者人次数。\n\
            （二）质量安全\n\
            3.手术患者并发症发生率▲\t定量\t计算方法：手术患者并发症发生例数/同期出院的手术患者人数。\n"
        );
    }

    #[test]
    fn lines_that_are_no_table() {
        // A column word alone on a line, numbered lines without a header, a header without an
        // agency column: nothing rewritten.
        assert!(cell_line_tables("序号\n1\n2\n").is_none());
        assert!(cell_line_tables("一、任务\n1\n推进工作。\n2\n落实责任。\n").is_none());
        assert!(
            cell_line_tables("序号\n任务\n完成时限\n1\n推进。\n2023年\n2\n落实。\n2024年\n")
                .is_none()
        );
    }
}
