//! Tables for people in a terminal: every table the CLI prints (`query`, `tasks`, `agencies`,
//! `extract --format table`) is a [`TextTable`], laid out by comfy-table, which counts a CJK
//! character as two columns so that Chinese lines up.
//!
//! One look everywhere: the header, a dashed rule under each column, columns two spaces apart,
//! one line per row. A cell wider than its column's limit ([`MAX_CELL_WIDTH`] unless narrowed)
//! is cut and ends in `…`: tables are for glancing; CSV, TSV and JSON carry full values.

use std::io::Write;

use comfy_table::{presets::NOTHING, ColumnConstraint, ContentArrangement, Row, Table, Width};
use policykg_extract::{AmountRole, Comparator, Extraction, Role, RoleBasis, RoleConvention};
use policykg_graph::query::ResultTable;
use policykg_text::yuan;
use rust_decimal::Decimal;

/// Widest a cell gets, in terminal columns (a CJK character is 2).
pub const MAX_CELL_WIDTH: u16 = 80;

/// Spaces between columns.
const GAP: u16 = 2;

/// A table being filled; [`TextTable::write`] lays it out.
pub struct TextTable {
    /// Row 0 is the header and row 1 the rule, filled in once the widths are known.
    table: Table,
    limits: Vec<u16>,
}

/// One line per cell: line breaks and tabs become spaces.
fn one_line(cell: &str) -> String {
    cell.replace(['\n', '\r', '\t'], " ")
}

fn row<I, S>(cells: I) -> Row
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut row = Row::from(
        cells
            .into_iter()
            .map(|c| one_line(c.as_ref()))
            .collect::<Vec<_>>(),
    );
    // Longer cells are wrapped by comfy-table, then cut to their first line with `…`.
    row.max_height(1);
    row
}

impl TextTable {
    pub fn new<I, S>(header: I) -> TextTable
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut table = Table::new();
        table
            .load_preset(NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_truncation_indicator("…")
            // Cells hold no line breaks (`one_line`), so a long cell is cut where the width
            // runs out rather than at a word boundary.
            .set_delimiter('\n');
        let header = row(header);
        let limits = vec![MAX_CELL_WIDTH; header.cell_count()];
        table.add_row(header);
        table.add_row(Row::new());
        TextTable { table, limits }
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
        self.table.add_row(row(cells));
    }

    /// Lays the table out and writes it, trailing spaces trimmed.
    pub fn write(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        let widths = self.table.column_max_content_widths();
        let limit = |i: usize| self.limits.get(i).copied().unwrap_or(MAX_CELL_WIDTH);
        let rule: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| "-".repeat(usize::from((*w).min(limit(i)))))
            .collect();
        let limits: Vec<u16> = (0..widths.len()).map(limit).collect();
        if let Some(r) = self.table.row_mut(1) {
            *r = Row::from(rule);
        }
        for (column, limit) in self.table.column_iter_mut().zip(limits) {
            column
                .set_padding((0, GAP))
                .set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(limit + GAP)));
        }
        for line in self.table.lines() {
            writeln!(out, "{}", line.trim_end())?;
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
        targets.add_row([
            t.task.clone().unwrap_or_default(),
            t.metric.clone(),
            value,
            format!("{:?}", t.comparator),
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.period.map(|p| format!("{p:?}")).unwrap_or_default(),
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
            AmountRole::Threshold => ("Threshold".to_owned(), a.measure.clone()),
            _ => (format!("{:?}", a.kind), a.recipient.clone()),
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
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
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

    #[test]
    fn a_table_without_rows_is_its_header() {
        let text = render(TextTable::new(["a", "bb"]));
        assert_eq!(text, "a  bb\n-  --\n");
    }
}
