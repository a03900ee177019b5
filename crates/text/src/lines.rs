//! The data-file format of `ontology/` and `crates/*/data/`: UTF-8, one item a line, blank
//! lines and `#` comment lines ignored, and for tables, tab-separated cells under a header
//! line that names the columns. Errors name the file and the line.

use std::fmt;

/// The data lines of `src`: (1-based line number, the line without its line break). Blank
/// lines and lines whose first non-space character is `#` are skipped; the line itself is
/// given untrimmed, because a leading tab is an empty first cell.
pub fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        })
}

/// The items of a list file: its data lines, trimmed.
pub fn items(src: &str) -> impl Iterator<Item = &str> {
    data_lines(src).map(|(_, l)| l.trim())
}

/// A defect of a data file, with the file and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DataError {}

/// A data line of a table with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub line: usize,
    /// The cells, trimmed; at most as many as the table has columns.
    pub cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Cell `i`, empty when the line is shorter.
    pub fn cell(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    /// The items of a `|`-separated list cell.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'a str> {
        self.cell(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// The rows of a tab-separated table whose first data line is a header starting with
/// `columns`; a row with more cells than `columns` is an error (a tab inside a value would
/// otherwise shift it silently into the next column).
pub fn rows<'a>(src: &'a str, file: &str, columns: &[&str]) -> Result<Vec<Row<'a>>, DataError> {
    let err = |line: usize, message: String| DataError {
        file: file.to_owned(),
        line,
        message,
    };
    let mut out = Vec::new();
    let mut header_seen = false;
    for (line, text) in data_lines(src) {
        let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
        if !header_seen {
            header_seen = true;
            if cells.len() < columns.len() || cells[..columns.len()] != *columns {
                let expected = columns.join("\\t");
                return Err(err(
                    line,
                    format!("expected header `{expected}`, found `{text}`"),
                ));
            }
            continue;
        }
        if cells.len() > columns.len() {
            let message = format!(
                "{} columns, expected at most {} ({})",
                cells.len(),
                columns.len(),
                columns.join(", ")
            );
            return Err(err(line, message));
        }
        out.push(Row { line, cells });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_line_numbers() {
        let src = "# header comment\r\n\r\n  # indented comment\nword\r\n\tsecond\n   \n last ";
        let got: Vec<_> = data_lines(src).collect();
        assert_eq!(got, vec![(4, "word"), (5, "\tsecond"), (7, " last ")]);
        let got: Vec<_> = items(src).collect();
        assert_eq!(got, vec!["word", "second", "last"]);
    }

    #[test]
    fn tables_check_their_header_and_width() {
        let src = "# c\nname\taliases\n省政府\t省人民政府 | 政府\n\t空名\n短\n";
        let rows = rows(src, "t.tsv", &["name", "aliases"]).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].cell(0), "省政府");
        assert_eq!(
            rows[0].list(1).collect::<Vec<_>>(),
            vec!["省人民政府", "政府"]
        );
        assert_eq!(rows[1].cell(0), "");
        assert_eq!(rows[2].cell(1), "");

        let e = super::rows("name\n", "t.tsv", &["name", "aliases"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.tsv:1: expected header `name\\taliases`, found `name`"
        );
        let e = super::rows("name\tx\na\tb\tc\n", "t.tsv", &["name", "x"]).unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            e.to_string(),
            "t.tsv:2: 3 columns, expected at most 2 (name, x)"
        );
    }
}
