//! The content container → text, one block per line, tables as tab-separated rows.
//!
//! Whitespace inside a block collapses the way a browser shows it (CSS `white-space: normal`):
//! runs of ASCII spaces, tabs and newlines become one space, except that a source line break
//! between two full-width characters disappears ("促进\n就业" → "促进就业"). `&nbsp;`, `&emsp;`
//! and the full-width space U+3000 are characters of the text, kept inside a line (as a browser
//! shows and copies them) and trimmed at its ends, where they are indentation ("　　一、总体要求")
//! or padding ("国务院&nbsp;&nbsp;&nbsp;"). Empty blocks give no line.
//! Short furniture lines ("打印本页", "分享到：…", data/noise_lines.txt) are dropped.
//!
//! A table holds data when it has no nested table and some row has two cells or more; each of
//! its rows becomes one line with cells separated by '\t' and a [`Table`] records each cell's
//! span. Other tables are layout: their cells are ordinary blocks.

use crate::document::{Span, Table, TableCell};
use crate::rules::rules;

use super::tree::{
    element, has_sectioning_ancestor, is_block, is_collapsible, is_furniture, is_sectioning,
    is_wide, name_of, walk, NodeR, Visitor,
};

/// Lines longer than this are never furniture.
const MAX_NOISE_LINE_CHARS: usize = 40;

/// HTML caps colspan at 1000 and rowspan at 65534; we do too, and bound the grid width so a
/// hostile table cannot make us allocate for millions of columns.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;
const MAX_GRID_COLUMNS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Pending {
    #[default]
    None,
    Space,
    Break,
}

/// One line being assembled, with whitespace collapsing.
#[derive(Debug, Default)]
pub(super) struct LineBuf {
    buf: String,
    pending: Pending,
    last: Option<char>,
}

impl LineBuf {
    pub(super) fn push_text(&mut self, text: &str) {
        // Alternate runs of collapsible whitespace and words, pushing whole words: this is the
        // inner loop of rendering.
        let mut rest = text;
        while !rest.is_empty() {
            let space = rest.bytes().take_while(|b| is_collapsible(*b)).count();
            if space > 0 {
                let breaks = rest.as_bytes()[..space]
                    .iter()
                    .any(|b| *b == b'\n' || *b == b'\r');
                let kind = if breaks {
                    Pending::Break
                } else {
                    Pending::Space
                };
                self.pending = self.pending.max(kind);
                rest = &rest[space..];
                continue;
            }
            let len = rest.bytes().position(is_collapsible).unwrap_or(rest.len());
            let mut word = &rest[..len];
            rest = &rest[len..];
            if is_escaped_entities(word) {
                // `&amp;nbsp;` written by an editor that escaped the page twice: markup, shown
                // as `&nbsp;` by a browser but meaning a space (dev 011's 落款 `国务院办公厅 &sp;`).
                if !self.buf.is_empty() {
                    self.pending = self.pending.max(Pending::Space);
                }
                continue;
            }
            if self.buf.is_empty() {
                self.pending = Pending::None;
                word = word.trim_start(); // indentation: &nbsp;, &emsp;, U+3000
                if word.is_empty() {
                    continue;
                }
            } else if self.pending != Pending::None {
                let joined = self.pending == Pending::Break
                    && self.last.is_some_and(is_wide)
                    && word.chars().next().is_some_and(is_wide);
                if !joined {
                    self.buf.push(' ');
                }
                self.pending = Pending::None;
            }
            self.buf.push_str(word);
            self.last = word.chars().next_back();
        }
    }

    /// Text preserved as written (inside `<pre>`), except that the caller splits lines.
    fn push_raw(&mut self, text: &str) {
        self.pending = Pending::None;
        self.buf.push_str(text);
        self.last = text.chars().next_back().or(self.last);
    }

    /// A block boundary inside a table cell: a space, not a new line.
    pub(super) fn soft_break(&mut self) {
        if !self.buf.is_empty() {
            self.pending = self.pending.max(Pending::Space);
        }
    }

    pub(super) fn char_len_exceeds(&self, max: usize) -> bool {
        self.buf.len() > max * 4 || self.buf.chars().count() > max
    }

    /// The line, trimmed of whitespace (including &nbsp; and U+3000) at both ends; the buffer is
    /// reset.
    pub(super) fn take(&mut self) -> String {
        let trimmed_len = self.buf.trim_end().len();
        self.buf.truncate(trimmed_len);
        let start = self.buf.len() - self.buf.trim_start().len();
        let mut line = std::mem::take(&mut self.buf);
        if start > 0 {
            line.drain(..start);
        }
        self.pending = Pending::None;
        self.last = None;
        line
    }
}

/// The text of a table cell or any element, on one line (blocks inside become spaces). Furniture
/// inside is skipped; `in_sectioning` says whether the node is inside an article (where
/// header/footer are content), passed in so that a table of many cells does not climb the
/// ancestors once per cell.
pub(super) fn inline_text(node: NodeR<'_>, in_sectioning: bool) -> String {
    let mut renderer = Renderer::new(true, in_sectioning);
    walk(node, &mut renderer);
    renderer.line.take()
}

/// Render `root` into lines and tables.
pub(super) fn render(root: NodeR<'_>) -> (String, Vec<Table>) {
    let mut renderer = Renderer::new(false, has_sectioning_ancestor(&root));
    walk(root, &mut renderer);
    renderer.end_line();
    (renderer.out, renderer.tables)
}

struct Renderer {
    /// Cell mode: everything goes on one line.
    cell: bool,
    out: String,
    out_chars: usize,
    line: LineBuf,
    tables: Vec<Table>,
    sectioning: usize,
    pre: usize,
}

impl Renderer {
    fn new(cell: bool, in_sectioning: bool) -> Self {
        Renderer {
            cell,
            out: String::new(),
            out_chars: 0,
            line: LineBuf::default(),
            tables: Vec::new(),
            sectioning: usize::from(in_sectioning),
            pre: 0,
        }
    }

    fn block_boundary(&mut self) {
        if self.cell {
            self.line.soft_break();
        } else {
            self.end_line();
        }
    }

    fn end_line(&mut self) {
        let line = self.line.take();
        if line.is_empty() || is_noise_line(&line) {
            return;
        }
        self.push_line(&line);
    }

    fn push_line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
        self.out_chars += line.chars().count() + 1;
    }

    fn text(&mut self, text: &str) {
        if self.pre == 0 {
            self.line.push_text(text);
            return;
        }
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            self.line.push_raw(part.strip_suffix('\r').unwrap_or(part));
            if parts.peek().is_some() {
                self.block_boundary();
            }
        }
    }

    fn table(&mut self, table: NodeR<'_>) {
        let mut collect = RowCollector {
            rows: Vec::new(),
            caption: None,
            sectioning: self.sectioning > 0,
        };
        walk(table, &mut collect);
        if let Some(caption) = collect.caption.filter(|c| !c.is_empty()) {
            self.push_line(&caption);
        }
        let mut rows = Vec::new();
        let mut first_start = None;
        let mut last_end = self.out_chars;
        for row in place_on_grid(collect.rows) {
            if row.iter().all(|cell| cell.text.is_empty()) {
                continue;
            }
            let row_start = self.out_chars;
            first_start.get_or_insert(row_start);
            let mut at = row_start;
            let mut cells = Vec::with_capacity(row.len());
            for (i, cell) in row.into_iter().enumerate() {
                if i > 0 {
                    self.out.push('\t');
                    at += 1;
                }
                let len = cell.text.chars().count();
                self.out.push_str(&cell.text);
                cells.push(TableCell {
                    text: cell.text,
                    span: Span::new(at, at + len),
                    column: cell.column,
                    colspan: cell.colspan,
                    rowspan: cell.rowspan,
                });
                at += len;
            }
            self.out.push('\n');
            self.out_chars = at + 1;
            last_end = at;
            rows.push(cells);
        }
        if let Some(start) = first_start {
            self.tables.push(Table {
                span: Span::new(start, last_end),
                rows,
            });
        }
    }
}

impl<'a> Visitor<'a> for Renderer {
    fn open(&mut self, node: NodeR<'a>) -> bool {
        if let Some(text) = node.value().as_text() {
            self.text(text);
            return false;
        }
        let Some(el) = element(&node) else {
            // Comments, doctypes and processing instructions carry no text; the document and
            // fragment roots hold everything.
            return node.value().is_document() || node.value().is_fragment();
        };
        if is_furniture(el, self.sectioning > 0) {
            return false;
        }
        let name = el.name();
        match name {
            "br" => {
                self.block_boundary();
                return false;
            }
            "table" if !self.cell && is_data_table(node) => {
                self.end_line();
                self.table(node);
                return false;
            }
            "pre" => self.pre += 1,
            _ => {}
        }
        if is_sectioning(name) {
            self.sectioning += 1;
        }
        if is_block(name) {
            self.block_boundary();
        }
        true
    }

    fn close(&mut self, node: NodeR<'a>) {
        let Some(name) = name_of(&node) else {
            return;
        };
        if is_block(name) {
            self.block_boundary();
        }
        if is_sectioning(name) {
            self.sectioning = self.sectioning.saturating_sub(1);
        }
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
    }
}

/// A word made only of entity references left as text (`&nbsp;`, `&sp;`, `&ensp;&ensp;`): each
/// is `&`, 2 to 8 ASCII letters and `;`. Text never holds these by intent, so they are not kept.
fn is_escaped_entities(word: &str) -> bool {
    let mut rest = word.as_bytes();
    if rest.is_empty() {
        return false;
    }
    while let [b'&', tail @ ..] = rest {
        let name = tail.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        if !(2..=8).contains(&name) || tail.get(name) != Some(&b';') {
            return false;
        }
        rest = &tail[name + 1..];
    }
    rest.is_empty()
}

fn is_noise_line(line: &str) -> bool {
    if line.chars().count() > MAX_NOISE_LINE_CHARS {
        return false;
    }
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    rules().noise_lines.matches(&compact)
}

/// A data table: no table inside it, and some row with at least two cells.
fn is_data_table(table: NodeR<'_>) -> bool {
    struct Check {
        root: ego_tree::NodeId,
        nested: bool,
        wide_row: bool,
        cells_in_row: usize,
    }
    impl<'a> Visitor<'a> for Check {
        fn open(&mut self, node: NodeR<'a>) -> bool {
            if self.nested {
                return false;
            }
            match name_of(&node) {
                Some("table") if node.id() != self.root => {
                    self.nested = true;
                    false
                }
                Some("tr") => {
                    self.cells_in_row = 0;
                    true
                }
                Some("td" | "th") => {
                    self.cells_in_row += 1;
                    self.wide_row |= self.cells_in_row >= 2;
                    true
                }
                _ => true,
            }
        }
        fn close(&mut self, _: NodeR<'a>) {}
    }
    let mut check = Check {
        root: table.id(),
        nested: false,
        wide_row: false,
        cells_in_row: 0,
    };
    walk(table, &mut check);
    !check.nested && check.wide_row
}

struct RawCell {
    text: String,
    colspan: usize,
    rowspan: usize,
}

struct RowCollector {
    rows: Vec<Vec<RawCell>>,
    caption: Option<String>,
    sectioning: bool,
}

impl<'a> Visitor<'a> for RowCollector {
    fn open(&mut self, node: NodeR<'a>) -> bool {
        let Some(el) = element(&node) else {
            return false;
        };
        if is_furniture(el, self.sectioning) {
            return false;
        }
        match el.name() {
            "tr" => {
                self.rows.push(Vec::new());
                true
            }
            "td" | "th" => {
                let span = |attr: &str, max: usize| {
                    el.attr(attr)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .map_or(1, |v| v.clamp(1, max))
                };
                let cell = RawCell {
                    text: inline_text(node, self.sectioning),
                    colspan: span("colspan", MAX_COLSPAN),
                    rowspan: span("rowspan", MAX_ROWSPAN),
                };
                if self.rows.is_empty() {
                    self.rows.push(Vec::new());
                }
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell);
                }
                false
            }
            "caption" => {
                self.caption = Some(inline_text(node, self.sectioning));
                false
            }
            _ => true,
        }
    }
    fn close(&mut self, _: NodeR<'a>) {}
}

struct PlacedCell {
    text: String,
    column: usize,
    colspan: usize,
    rowspan: usize,
}

/// The HTML table model, simplified: each cell starts at the first grid column of its row not
/// covered by a cell from an earlier row spanning down.
fn place_on_grid(rows: Vec<Vec<RawCell>>) -> Vec<Vec<PlacedCell>> {
    // remaining[c]: how many more rows grid column c stays covered.
    let mut remaining: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut col = 0;
        let mut placed = Vec::with_capacity(row.len());
        for cell in row {
            while remaining.get(col).is_some_and(|r| *r > 0) {
                col += 1;
            }
            let end = (col + cell.colspan).min(MAX_GRID_COLUMNS);
            if remaining.len() < end {
                remaining.resize(end, 0);
            }
            for r in remaining.iter_mut().take(end).skip(col) {
                *r = cell.rowspan;
            }
            placed.push(PlacedCell {
                text: cell.text,
                column: col,
                colspan: cell.colspan,
                rowspan: cell.rowspan,
            });
            col += cell.colspan;
        }
        for r in &mut remaining {
            *r = r.saturating_sub(1);
        }
        out.push(placed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(parts: &[&str]) -> String {
        let mut buf = LineBuf::default();
        for p in parts {
            buf.push_text(p);
        }
        buf.take()
    }

    #[test]
    fn whitespace_collapses_like_a_browser() {
        assert_eq!(line(&["  促进\n  就业 ", " 工作  "]), "促进就业 工作");
        assert_eq!(line(&["国务院 \u{a0} \u{a0}\u{a0}"]), "国务院");
        assert_eq!(
            line(&["\u{a0}\u{2003}皖美制造\u{a0}畅行全球 \n"]),
            "皖美制造\u{a0}畅行全球"
        );
        assert_eq!(
            line(&["\u{3000}\u{3000}一、总体要求\u{3000}"]),
            "一、总体要求"
        );
        assert_eq!(line(&["标\u{3000}\u{3000}题："]), "标\u{3000}\u{3000}题：");
        assert_eq!(line(&["到\n2025年"]), "到 2025年");
        assert_eq!(line(&["IT 之家"]), "IT 之家");
        assert_eq!(line(&["“三地一区”\n，坚持"]), "“三地一区”，坚持");
    }

    #[test]
    fn entities_escaped_twice_are_markup() {
        // Dev 011's 落款: `国务院办公厅 &nbsp; … &amp;sp; &nbsp;` decodes to a literal `&sp;`.
        assert_eq!(line(&["国务院办公厅 \u{a0} &sp; \u{a0}"]), "国务院办公厅");
        assert_eq!(line(&["&nbsp;&nbsp; 一、总体要求"]), "一、总体要求");
        assert_eq!(line(&["省经信厅 &ensp; 省财政厅"]), "省经信厅 省财政厅");
        // Anything else with an ampersand is text.
        assert_eq!(line(&["R&D;投入"]), "R&D;投入");
        assert_eq!(line(&["A&B 公司 &x; &;"]), "A&B 公司 &x; &;");
        // Only a whole word: a reference run into text may be part of it.
        assert_eq!(line(&["&nbsp;投入"]), "&nbsp;投入");
    }

    #[test]
    fn rowspans_shift_later_cells() {
        let cell = |t: &str, rowspan: usize| RawCell {
            text: t.to_owned(),
            colspan: 1,
            rowspan,
        };
        let grid = place_on_grid(vec![
            vec![cell("1", 2), cell("任务", 1), cell("省经信厅", 2)],
            vec![cell("子任务", 1)],
            vec![cell("2", 1), cell("任务2", 1), cell("省财政厅", 1)],
        ]);
        let cols: Vec<Vec<usize>> = grid
            .iter()
            .map(|r| r.iter().map(|c| c.column).collect())
            .collect();
        assert_eq!(cols, vec![vec![0, 1, 2], vec![1], vec![0, 1, 2]]);
    }
}
