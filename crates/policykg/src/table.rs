//! Tables for people in a terminal: every table the CLI prints (`query`, `tasks`, `agencies`,
//! `extract --format table`, `eval`) is a [`TextTable`], laid out by comfy-table, which counts a
//! CJK character as two columns so that Chinese lines up.
//!
//! One look everywhere: the header, a dashed rule under each column, columns two spaces apart,
//! one line per row. A cell wider than its column's limit ([`MAX_CELL_WIDTH`] unless narrowed)
//! is cut and ends in `…`: tables are for glancing; CSV, TSV and JSON carry full values.
//!
//! A table fits the terminal ([`Fit`]): the widest text columns are cut first, columns of at
//! most [`KEEP_WIDTH`] (ids, roles, dates, version ids) stay whole; when even that does not fit,
//! each row is printed as a record, one `column  value` line per cell. `--wide` lays tables out
//! at their full width.

use std::io::Write;
use std::sync::OnceLock;

use comfy_table::{presets::NOTHING, ColumnConstraint, ContentArrangement, Row, Table, Width};
use policykg_extract::{
    AmountKind, AmountRole, Comparator, Extraction, Role, RoleBasis, RoleConvention,
};
use policykg_graph::query::ResultTable;
use policykg_text::yuan;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// Widest a cell gets, in terminal columns (a CJK character is 2).
pub const MAX_CELL_WIDTH: u16 = 80;

/// Columns at most this wide are never cut to fit the terminal: ids, roles, dates, version ids
/// (24), canonical agency names of ten characters.
pub const KEEP_WIDTH: u16 = 24;

/// Narrowest a cut text column gets before the table turns into records.
const MIN_TEXT_WIDTH: u16 = 12;

/// Width assumed when standard output is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: u16 = 100;

/// Spaces between columns.
const GAP: u16 = 2;

/// How wide tables may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Every line at most this many terminal columns.
    Width(u16),
    /// As wide as the cells are (each still at most [`MAX_CELL_WIDTH`]): `--wide`.
    Wide,
}

static FIT: OnceLock<Fit> = OnceLock::new();

/// Sets how every table of this run is laid out (from `--wide`; called once by `main`).
pub fn set_wide(wide: bool) {
    let _ = FIT.set(if wide {
        Fit::Wide
    } else {
        Fit::Width(terminal_width())
    });
}

fn fit() -> Fit {
    *FIT.get_or_init(|| Fit::Width(terminal_width()))
}

/// The terminal's width when standard output is one, else `COLUMNS`, else [`DEFAULT_WIDTH`].
pub fn terminal_width() -> u16 {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        if w > 0 {
            return w;
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// A table being filled; [`TextTable::write`] lays it out.
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    limits: Vec<u16>,
}

/// One line per cell: line breaks and tabs become spaces.
fn one_line(cell: &str) -> String {
    cell.replace(['\n', '\r', '\t'], " ")
}

fn cells<I, S>(cells: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    cells.into_iter().map(|c| one_line(c.as_ref())).collect()
}

fn row(cells: &[String]) -> Row {
    let mut row = Row::from(cells.to_vec());
    // Longer cells are wrapped by comfy-table, then cut to their first line with `…`.
    row.max_height(1);
    row
}

/// Display width in terminal columns (a CJK character is 2).
fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` terminal columns, ending in `…` when cut.
fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// The width of each column so that the table fits `budget` columns, or `None` when it cannot
/// without cutting short columns (it is then printed as records). `natural` are the columns'
/// widths already capped by their limits.
fn fitted_widths(natural: &[u16], budget: u16) -> Option<Vec<u16>> {
    let gaps = GAP * natural.len().saturating_sub(1) as u16;
    let total: u32 = natural.iter().map(|&w| u32::from(w)).sum::<u32>() + u32::from(gaps);
    if total <= u32::from(budget) {
        return Some(natural.to_vec());
    }
    let kept: u32 = natural
        .iter()
        .filter(|&&w| w <= KEEP_WIDTH)
        .map(|&w| u32::from(w))
        .sum();
    let text: Vec<usize> = (0..natural.len())
        .filter(|&i| natural[i] > KEEP_WIDTH)
        .collect();
    let avail = i64::from(budget) - i64::from(gaps) - i64::from(kept);
    if text.is_empty() || avail < i64::from(MIN_TEXT_WIDTH) * text.len() as i64 {
        return None;
    }
    let avail = avail as u32;
    // The widest columns are cut first: find the highest level every text column can be cut
    // to, then hand what is left over to the columns cut, left to right.
    let used = |level: u16| -> u32 { text.iter().map(|&i| u32::from(natural[i].min(level))).sum() };
    let mut level = MIN_TEXT_WIDTH;
    while used(level + 1) <= avail && level < MAX_CELL_WIDTH {
        level += 1;
    }
    let mut widths = natural.to_vec();
    for &i in &text {
        widths[i] = natural[i].min(level);
    }
    let mut spare = avail - used(level);
    for &i in &text {
        if spare > 0 && widths[i] < natural[i] {
            widths[i] += 1;
            spare -= 1;
        }
    }
    Some(widths)
}

impl TextTable {
    pub fn new<I, S>(header: I) -> TextTable
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let header = cells(header);
        let limits = vec![MAX_CELL_WIDTH; header.len()];
        TextTable {
            header,
            rows: Vec::new(),
            limits,
        }
    }

    /// Narrows column `index` to `width` terminal columns.
    pub fn max_width(mut self, index: usize, width: u16) -> TextTable {
        if let Some(limit) = self.limits.get_mut(index) {
            *limit = width.min(MAX_CELL_WIDTH);
        }
        self
    }

    pub fn add_row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.rows.push(self::cells(cells));
    }

    /// Lays the table out as this run's [`Fit`] says and writes it, trailing spaces trimmed.
    pub fn write(self, out: &mut dyn Write) -> std::io::Result<()> {
        self.write_fitted(out, fit())
    }

    /// Lays the table out within `fit` and writes it.
    pub fn write_fitted(self, out: &mut dyn Write, fit: Fit) -> std::io::Result<()> {
        let mut table = Table::new();
        table
            .load_preset(NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_truncation_indicator("…")
            // Cells hold no line breaks (`one_line`), so a long cell is cut where the width
            // runs out rather than at a word boundary.
            .set_delimiter('\n');
        table.add_row(row(&self.header));
        table.add_row(Row::new());
        for r in &self.rows {
            table.add_row(row(r));
        }
        let natural: Vec<u16> = table
            .column_max_content_widths()
            .iter()
            .enumerate()
            .map(|(i, w)| (*w).min(self.limits.get(i).copied().unwrap_or(MAX_CELL_WIDTH)))
            .collect();
        let widths = match fit {
            Fit::Wide => natural,
            Fit::Width(budget) => match fitted_widths(&natural, budget) {
                Some(widths) => widths,
                None if self.rows.is_empty() => natural,
                None => return self.write_records(out, budget),
            },
        };
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(usize::from(*w))).collect();
        if let Some(r) = table.row_mut(1) {
            *r = Row::from(rule);
        }
        for (column, limit) in table.column_iter_mut().zip(widths) {
            column
                .set_padding((0, GAP))
                .set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(limit + GAP)));
        }
        for line in table.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// A table too wide for `budget` columns even with its text cut: each row as a record, a
    /// `-[ n ]` line, then one line per column (name, value cut to fit).
    fn write_records(self, out: &mut dyn Write, budget: u16) -> std::io::Result<()> {
        let label = self.header.iter().map(|h| width(h)).max().unwrap_or(0);
        let value = usize::from(budget)
            .saturating_sub(label + usize::from(GAP))
            .max(usize::from(MIN_TEXT_WIDTH));
        for (n, r) in self.rows.iter().enumerate() {
            writeln!(out, "-[ {} ]", n + 1)?;
            for (h, cell) in self.header.iter().zip(r) {
                let pad = " ".repeat(label - width(h) + usize::from(GAP));
                let line = format!("{h}{pad}{}", clip(cell, value));
                writeln!(out, "{}", line.trim_end())?;
            }
        }
        Ok(())
    }
}

/// A SELECT result of `query`, `tasks` or `agencies` (the cells as graph shows them).
pub fn write_result_table(out: &mut dyn Write, result: &ResultTable) -> std::io::Result<()> {
    let mut t = TextTable::new(&result.header);
    for r in &result.rows {
        t.add_row(r);
    }
    t.write(out)
}

/// A value in words for people: its machine name (the snake_case name JSON Lines and CSV use,
/// `at_least`) with spaces (`at least`). Role bases have labels of their own ([`basis_label`]).
pub fn words<T: serde::Serialize>(value: &T) -> String {
    crate::csv_out::name(value).replace('_', " ")
}

/// The `tasks` answer for people: status and basis in words (`in force`, `first listed`), as
/// the machine formats have them in snake_case.
pub fn word_tasks(table: &mut ResultTable) {
    let column = |name: &str| table.header.iter().position(|h| h == name);
    let (status, basis) = (column("status"), column("basis"));
    for row in &mut table.rows {
        if let Some(cell) = status.and_then(|i| row.get_mut(i)) {
            *cell = cell.replace('_', " ");
        }
        if let Some(cell) = basis.and_then(|i| row.get_mut(i)) {
            let bases = [
                RoleBasis::Explicit,
                RoleBasis::DeclaredConvention,
                RoleBasis::FirstListed,
                RoleBasis::Joint,
                RoleBasis::Prose,
            ];
            if let Some(b) = bases.into_iter().find(|b| crate::csv_out::name(b) == *cell) {
                *cell = basis_label(b).to_owned();
            }
        }
    }
}

/// Why the roles of a row are what they are, in the vocabulary's words (pkg:RoleBasis labels).
fn basis_label(basis: RoleBasis) -> &'static str {
    match basis {
        RoleBasis::Explicit => "explicit",
        RoleBasis::DeclaredConvention => "declared convention",
        RoleBasis::FirstListed => "first listed",
        RoleBasis::Joint => "joint listing",
        RoleBasis::Prose => "read from prose",
    }
}

/// The document's role convention, said once above its tasks: where a document never marks a
/// lead, its leads are the first-listed convention's guess, and the reader must know.
fn convention_note(convention: RoleConvention) -> &'static str {
    match convention {
        RoleConvention::ExplicitMarks => {
            "marked in the text (牵头/配合); unmarked lists are joint listings"
        }
        RoleConvention::DeclaredFirstListed => {
            "the document declares that the first listed leads"
        }
        RoleConvention::FirstListed => {
            "the document never marks a lead: by convention the first listed leads (basis: first listed)"
        }
    }
}

/// `extract --format table`: what a researcher wants to glance at, one block per document
/// (tasks with their agencies, targets, amounts).
pub fn write_extraction(out: &mut dyn Write, x: &Extraction) -> std::io::Result<()> {
    writeln!(out, "== {}", x.source)?;
    writeln!(
        out,
        "{}  {}  {}  {}",
        x.title.as_deref().unwrap_or("(no title)"),
        x.doc_number.as_deref().unwrap_or(""),
        x.date.as_deref().unwrap_or(""),
        x.jurisdiction.as_deref().unwrap_or("")
    )?;

    writeln!(out, "roles: {}", convention_note(x.convention))?;
    let mut tasks =
        TextTable::new(["task", "heading", "lead", "support / joint", "basis"]).max_width(1, 48);
    for t in &x.tasks {
        let names = |pred: &dyn Fn(Role) -> bool| {
            t.agencies
                .iter()
                .filter(|a| pred(a.role))
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        let mut bases: Vec<&str> = Vec::new();
        for a in &t.agencies {
            let label = basis_label(a.basis);
            if !bases.contains(&label) {
                bases.push(label);
            }
        }
        tasks.add_row([
            t.id.clone(),
            t.heading.clone(),
            names(&|r| r == Role::Lead),
            names(&|r| r != Role::Lead),
            bases.join(", "),
        ]);
    }
    writeln!(out, "tasks: {}", x.tasks.len())?;
    tasks.write(out)?;

    let mut targets = TextTable::new(["task", "metric", "value", "comparator", "year", "period"])
        .max_width(1, 48);
    for t in &x.targets {
        let value = match (t.value, t.min, t.max) {
            (Some(v), _, _) => format!("{}{}", v.normalize(), t.unit),
            (None, Some(a), Some(b)) => format!("{}—{}{}", a.normalize(), b.normalize(), t.unit),
            _ => t.unit.clone(),
        };
        // 增长15% reads +15%, 下降5个百分点 −5个百分点; a level keeps its bare value
        let value = match t.change {
            Some(policykg_extract::Change::Increase) => format!("+{value}"),
            Some(policykg_extract::Change::Decrease) => format!("−{value}"),
            None => value,
        };
        targets.add_row([
            t.task.clone().unwrap_or_default(),
            t.metric.clone(),
            value,
            words(&t.comparator),
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.period.map(|p| words(&p)).unwrap_or_default(),
        ]);
    }
    writeln!(out, "targets: {}", x.targets.len())?;
    targets.write(out)?;

    let mut amounts = TextTable::new(["task", "amount", "kind", "recipient"]).max_width(3, 60);
    for a in &x.amounts {
        // never converted: a dollar figure is shown in dollars
        let yuan = |v: Decimal| {
            if a.currency == "CNY" {
                yuan(v)
            } else {
                format!("{} {}", v.normalize(), a.currency)
            }
        };
        let bound = match a.comparator {
            Some(Comparator::AtLeast) => "≥",
            Some(Comparator::AtMost) => "≤",
            _ => "",
        };
        let mut parts = Vec::new();
        if let Some(r) = &a.rate {
            parts.push(format!(
                "{}% of {}",
                r.percent.normalize(),
                r.base.as_deref().unwrap_or("?")
            ));
        }
        if let Some(v) = a.yuan {
            parts.push(format!("{bound}{}", yuan(v)));
        }
        if let (Some(lo), Some(hi)) = (a.min_yuan, a.max_yuan) {
            parts.push(format!("{}—{}", yuan(lo), yuan(hi)));
        }
        if let Some(v) = a.cap {
            parts.push(format!("≤{}", yuan(v)));
        }
        if let Some(v) = a.floor {
            parts.push(format!("≥{}", yuan(v)));
        }
        // a threshold is a condition: say so, and what it measures, where a payment has its
        // kind and recipient
        let (kind, recipient) = match a.role {
            AmountRole::Threshold => (words(&a.role), a.measure.clone()),
            // a fine or a fee has no kind of payment: its role says what it is
            _ if a.kind == AmountKind::Other => (words(&a.role), a.recipient.clone()),
            _ => (words(&a.kind), a.recipient.clone()),
        };
        amounts.add_row([
            a.task.clone().unwrap_or_default(),
            parts.join(", "),
            kind,
            recipient.unwrap_or_default(),
        ]);
    }
    writeln!(out, "amounts: {}", x.amounts.len())?;
    amounts.write(out)?;
    for w in &x.warnings {
        writeln!(out, "warning: {}", w.message)?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: TextTable) -> String {
        render_in(t, Fit::Wide)
    }

    fn render_in(t: TextTable, fit: Fit) -> String {
        let mut out = Vec::new();
        t.write_fitted(&mut out, fit).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn width(s: &str) -> usize {
        // Test-only: CJK ideographs and full-width forms are 2 columns, the rest here 1.
        s.chars()
            .map(|c| if c > '\u{2e80}' && c != '…' { 2 } else { 1 })
            .sum()
    }

    #[test]
    fn table_aligns_chinese_by_display_width() {
        let mut t = TextTable::new(["agency", "n"]);
        t.add_row(["安徽省经济和信息化厅", "11"]);
        t.add_row(["abc", "2"]);
        let text = render(t);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("agency{}n", " ".repeat(20 - 6 + 2)));
        assert_eq!(lines[1], format!("{}  --", "-".repeat(20)));
        assert_eq!(lines[2], "安徽省经济和信息化厅  11");
        assert_eq!(lines[3], format!("abc{}2", " ".repeat(20 - 3 + 2)));
        // The second column starts at the same display column on every line.
        let col = |l: &str, needle: &str| width(&l[..l.find(needle).unwrap()]);
        assert_eq!(col(lines[2], "11"), col(lines[3], "2"));
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn long_cells_are_clipped_with_an_ellipsis() {
        let long = "专精特新".repeat(30);
        let mut t = TextTable::new(["text", "n"]);
        t.add_row([long.as_str(), "1"]);
        t.add_row(["a\nb\tc", "2"]);
        let text = render(t);
        let lines: Vec<&str> = text.lines().collect();
        // 39 ideographs (78 columns) and the ellipsis: the 40th would pass 80 with it.
        let cut: String = long.chars().take(39).collect::<String>() + "…";
        assert!(lines[2].starts_with(&format!("{cut}  ")), "{text}");
        assert!(width(&cut) <= usize::from(MAX_CELL_WIDTH));
        assert!(lines[3].starts_with("a b c "), "{text}");
        assert_eq!(lines.len(), 4, "{text}");
        // The rule is as wide as the column.
        assert_eq!(lines[1], format!("{}  -", "-".repeat(80)));
    }

    #[test]
    fn narrowed_columns_cut_earlier() {
        let mut t = TextTable::new(["heading"]).max_width(0, 10);
        t.add_row(["abcdefghijklmnop"]);
        let text = render(t);
        assert_eq!(text, "heading\n----------\nabcdefghi…\n");
    }

    /// A table like `tasks`: short id-like columns around two long text columns.
    fn tasks_like() -> TextTable {
        let mut t = TextTable::new(["task", "document", "date", "role", "text"]);
        for i in 0..3 {
            t.add_row([
                format!("二/（一）/{i}"),
                "安徽省专精特新中小企业倍增行动方案".to_owned(),
                "2022-02-17".to_owned(),
                "lead".to_owned(),
                "实施“五企”培育工程。".repeat(8),
            ]);
        }
        t
    }

    #[test]
    fn tables_fit_the_width_cutting_the_widest_text_first() {
        let text = render_in(tasks_like(), Fit::Width(100));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        for l in &lines {
            assert!(width(l) <= 100, "{} columns: {l}", width(l));
        }
        // Short columns stay whole; the long text is cut before the document title.
        assert!(lines[2].starts_with("二/（一）/0  "), "{text}");
        assert!(lines[2].contains("  2022-02-17  lead  "), "{text}");
        assert!(
            lines[2].contains("安徽省专精特新中小企业倍增行动方案"),
            "{text}"
        );
        assert!(lines[2].ends_with('…'), "{text}");
        // Wide enough: as wide as the cells.
        assert_eq!(
            render_in(tasks_like(), Fit::Width(300)),
            render(tasks_like())
        );
    }

    #[test]
    fn tables_too_wide_to_cut_become_records() {
        let text = render_in(tasks_like(), Fit::Width(40));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "-[ 1 ]", "{text}");
        assert_eq!(lines[1], "task      二/（一）/0", "{text}");
        assert_eq!(lines[3], "date      2022-02-17", "{text}");
        assert_eq!(lines.len(), 3 * 6, "{text}");
        for l in &lines {
            assert!(width(l) <= 40, "{} columns: {l}", width(l));
        }
    }

    #[test]
    fn clip_counts_display_width() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab…");
        assert_eq!(clip("专精特新", 5), "专精…");
        assert_eq!(clip("专精特新", 8), "专精特新");
    }

    #[test]
    fn a_table_without_rows_is_its_header() {
        let text = render(TextTable::new(["a", "bb"]));
        assert_eq!(text, "a  bb\n-  --\n");
    }
}
