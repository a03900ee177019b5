//! The one file format of `ontology/`: UTF-8, tab-separated, `#` comments, a header line.

use crate::OntologyError;

/// A data line with its 1-based line number in the file.
pub(crate) struct Row<'a> {
    pub line: usize,
    pub cells: Vec<&'a str>,
}

/// Rows of a TSV file, checking the header names the expected columns.
pub(crate) fn rows<'a>(
    text: &'a str,
    file: &str,
    columns: &[&str],
) -> Result<Vec<Row<'a>>, OntologyError> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !header_seen {
            header_seen = true;
            if cells.len() < columns.len() || cells[..columns.len()] != *columns {
                return Err(OntologyError::Syntax {
                    file: file.to_owned(),
                    line: i + 1,
                    message: format!(
                        "expected header `{}`, found `{}`",
                        columns.join("\\t"),
                        line
                    ),
                });
            }
            continue;
        }
        if cells.len() > columns.len() {
            return Err(OntologyError::Syntax {
                file: file.to_owned(),
                line: i + 1,
                message: format!(
                    "{} columns, expected at most {} ({})",
                    cells.len(),
                    columns.len(),
                    columns.join(", ")
                ),
            });
        }
        out.push(Row { line: i + 1, cells });
    }
    Ok(out)
}

/// Cell `i`, empty when the line is shorter.
pub(crate) fn cell<'a>(row: &Row<'a>, i: usize) -> &'a str {
    row.cells.get(i).copied().unwrap_or("")
}

/// A `|`-separated list cell.
pub(crate) fn list<'a>(row: &Row<'a>, i: usize) -> impl Iterator<Item = &'a str> {
    cell(row, i)
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}
