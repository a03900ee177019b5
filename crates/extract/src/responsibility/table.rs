//! Table columns: one cell under 牵头单位 / 责任单位 / 配合单位 (the table itself is read by
//! [`crate::tasks`]).

use policykg_ontology::{Ontology, RoleWord};

use super::list::{mark_of, parse_list, statement, Offsets};
use super::Statement;
use crate::model::StatementStyle;

/// Read one table cell under a role column (牵头单位 / 责任单位 / 配合单位): its names, with the
/// column's role unless the cell says otherwise ("省经信厅牵头，省财政厅配合").
pub fn parse_cell(
    cell: &str,
    base: usize,
    column: RoleWord,
    ontology: &Ontology,
) -> Option<Statement> {
    let offsets = Offsets::new(cell, base);
    let list = parse_list(cell, &offsets, mark_of(column), ontology);
    if list.items.is_empty() {
        return None;
    }
    let marks_lead = list.marks_lead || column == RoleWord::Lead;
    let mut st = statement(
        StatementStyle::TableColumns,
        cell,
        &offsets,
        (0, cell.len()),
        list,
    );
    st.marks_lead = marks_lead;
    Some(st)
}
