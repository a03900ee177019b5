//! The one file format of `ontology/`: UTF-8, tab-separated, `#` comments, a header line. The
//! reader is `policykg_text::lines` (shared with the data files of the other crates); this
//! module only words its errors as ontology errors.

pub(crate) use policykg_text::lines::Row;

use crate::OntologyError;

/// Rows of a TSV file, checking the header names the expected columns.
pub(crate) fn rows<'a>(
    text: &'a str,
    file: &str,
    columns: &[&str],
) -> Result<Vec<Row<'a>>, OntologyError> {
    policykg_text::lines::rows(text, file, columns).map_err(|e| OntologyError::Syntax {
        file: e.file,
        line: e.line,
        message: e.message,
    })
}

/// Cell `i`, empty when the line is shorter.
pub(crate) fn cell<'a>(row: &Row<'a>, i: usize) -> &'a str {
    row.cell(i)
}

/// A `|`-separated list cell.
pub(crate) fn list<'a>(row: &Row<'a>, i: usize) -> impl Iterator<Item = &'a str> {
    row.list(i)
}
