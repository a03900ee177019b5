//! Table columns: one cell under 牵头单位 / 责任单位 / 配合单位 (the table itself is read by
//! [`crate::tasks`]).

use policykg_ontology::{Ontology, RoleForm, RoleWord};

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

/// The role a column header names: 牵头单位 → lead, 责任单位 → responsible, 配合单位 → support.
/// A header naming two roles at once ("配合/责任单位", "牵头、配合单位") is read part by part, the
/// last part's head (单位) completing the others; parts that disagree leave the role to the
/// cell and the document's convention (responsible).
pub fn column_role(header: &str, ontology: &Ontology) -> Option<RoleWord> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':'))
        .collect();
    let label = |h: &str| {
        ontology
            .gazetteer
            .role_phrases(RoleForm::Label)
            .find(|p| h == p.phrase)
            .map(|p| p.role)
            .filter(|r| *r != RoleWord::Ignore)
    };
    if let Some(role) = label(&h) {
        return Some(role);
    }
    let parts: Vec<&str> = h
        .split(['/', '／', '、'])
        .filter(|p| !p.is_empty())
        .collect();
    let (last, others) = parts.split_last()?;
    if others.is_empty() {
        return None;
    }
    let last_role = label(last)?;
    // The head the parts share: what the last part's label adds to its first part's length.
    let mut roles = vec![last_role];
    for part in others {
        let role = label(part).or_else(|| {
            (1..last.len())
                .filter(|&i| last.is_char_boundary(i))
                .find_map(|i| label(&format!("{part}{}", &last[i..])))
        })?;
        roles.push(role);
    }
    if roles.iter().all(|r| *r == last_role) {
        Some(last_role)
    } else {
        Some(RoleWord::Responsible)
    }
}
