//! Tables of a plain-text file: a table copied out of a page or a spreadsheet and saved as text
//! is one line per row with its cells separated by tabs, as the HTML renderer writes a page's
//! tables into [`Document::text`](crate::Document::text). Two or more consecutive lines holding
//! a tab are a table; a row with fewer cells than the table's widest row lost the cells merged
//! down from the rows above (a category column), so its cells are placed on the right-hand
//! columns. A short line without a tab between two rows (at most [`SECTION_ROWS`] of them) is a
//! row of one cell merged across the table, a section's title ("（一）知识产权保护方面5项").

use crate::{Span, Table, TableCell};

/// Consecutive rows of one merged cell a table may hold between two rows of cells.
const SECTION_ROWS: usize = 3;
/// The longest such row, in characters.
const SECTION_ROW_CHARS: usize = 80;

/// The tab-separated tables of `text`, with the cells' spans in characters of `text`.
pub(crate) fn tab_tables(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut block: Vec<Vec<TableCell>> = Vec::new();
    // Lines without a tab after the last row: section rows if another row follows.
    let mut pending: Vec<TableCell> = Vec::new();
    let mut at = 0usize; // character offset of the current line
    for line in text.split_inclusive('\n') {
        let len = line.chars().count();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            close(&mut block, &mut tables);
            pending.clear();
        } else if body.contains('\t') {
            let mut cells = Vec::new();
            let mut c = at;
            for raw in body.split('\t') {
                cells.push(cell(raw, c));
                c += raw.chars().count() + 1;
            }
            if !block.is_empty() {
                block.extend(pending.drain(..).map(|c| vec![c]));
            }
            pending.clear();
            block.push(cells);
        } else if !block.is_empty()
            && pending.len() < SECTION_ROWS
            && body.trim().chars().count() <= SECTION_ROW_CHARS
        {
            pending.push(cell(body, at));
        } else {
            close(&mut block, &mut tables);
            pending.clear();
        }
        at += len;
    }
    close(&mut block, &mut tables);
    tables
}

/// The cell written `raw` from character `at`: its text without surrounding white space.
fn cell(raw: &str, at: usize) -> TableCell {
    let lead = raw.chars().take_while(|ch| ch.is_whitespace()).count();
    let text = raw.trim();
    let n = text.chars().count();
    TableCell {
        text: text.to_owned(),
        span: Span::new(at + lead, at + lead + n),
        column: 0,
        colspan: 1,
        rowspan: 1,
    }
}

fn close(block: &mut Vec<Vec<TableCell>>, tables: &mut Vec<Table>) {
    let rows = std::mem::take(block);
    if rows.len() < 2 {
        return;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = rows;
    for row in &mut rows {
        if let [only] = row.as_mut_slice() {
            // A section row: one cell merged across the table.
            only.colspan = width;
            continue;
        }
        let shift = width - row.len();
        for (i, cell) in row.iter_mut().enumerate() {
            cell.column = shift + i;
        }
    }
    let start = rows[0].first().map_or(0, |c| c.span.start);
    let end = rows
        .last()
        .and_then(|r| r.last())
        .map_or(start, |c| c.span.end);
    tables.push(Table {
        span: Span::new(start, end),
        rows,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_lines_are_a_table() {
        let text =
            "标题\n序号\t重点任务\t牵头单位\n1\t加强 监管\t省财政厅\n\t督促落实\t省商务厅\n正文\n";
        let tables = tab_tables(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.rows.len(), 3);
        let chars: Vec<char> = text.chars().collect();
        for cell in t.rows.iter().flatten() {
            let s: String = chars[cell.span.start..cell.span.end].iter().collect();
            assert_eq!(s, cell.text);
        }
        assert_eq!(t.rows[1][1].text, "加强 监管");
        assert_eq!(t.rows[1][2].column, 2);
        // An empty first cell is kept: the row has all its columns.
        assert_eq!(t.rows[2][2].column, 2);
        assert!(tab_tables("一行\t一个\n正文\n").is_empty());
        // A section row between rows is a cell merged across the table; a blank line ends it.
        let text = "序号\t任务\t单位\n（一）科技方面\n1\t加强\t省科技厅\n\n2\t再\t省财政厅\n";
        let tables = tab_tables(text);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 3);
        assert_eq!(tables[0].rows[1][0].text, "（一）科技方面");
        assert_eq!(tables[0].rows[1][0].colspan, 3);
    }
}
