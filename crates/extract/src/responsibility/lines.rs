//! Labelled lines: "牵头单位：…" at the start of a line or after a sentence; consecutive ones
//! are one statement.

use policykg_ontology::{Jurisdiction, Ontology, RoleWord};

use super::list::{agency_list, label_at, parse_list, statement, Offsets};
use super::Statement;
use crate::model::StatementStyle;

/// "牵头单位：…" at the start of a line or after a sentence, outside brackets; consecutive such
/// lines form one statement.
pub(super) fn labelled_lines(
    text: &str,
    offsets: &Offsets,
    parens: &[(usize, usize)],
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Statement> {
    // (start byte, statement)
    let mut out: Vec<(usize, Statement)> = Vec::new();
    let mut line_start = 0;
    let mut previous_end: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let body = line.trim_end();
        let Some(at) = label_position(body, ontology)
            .map(|p| start + p)
            .filter(|p| !parens.iter().any(|&(s, e)| s <= *p && *p < e))
        else {
            previous_end = None;
            continue;
        };
        let end = start + body.len();
        let inner = Offsets::new(&text[at..end], offsets.at(at));
        let list = parse_list(&text[at..end], &inner, None, ontology);
        if !list.saw_role || !agency_list(&list, scope, ontology) {
            previous_end = None;
            continue;
        }
        let merge = previous_end.is_some_and(|p| text[p..at].trim().is_empty());
        match out.last_mut() {
            Some((start, last)) if merge => {
                last.span.end = offsets.at(end);
                last.text = text[*start..end].to_owned();
                last.items.extend(list.items);
                last.open_list |= list.open_list;
                last.declares_first_listed |= list.declares;
                last.marks_lead |= list.marks_lead;
                last.remarks.extend(list.remarks);
            }
            _ => out.push((
                at,
                statement(
                    StatementStyle::LabelledLines,
                    text,
                    offsets,
                    (at, end),
                    list,
                ),
            )),
        }
        previous_end = Some(end);
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// Where a role label starts a statement in a line: at its start, or after a sentence.
fn label_position(line: &str, ontology: &Ontology) -> Option<usize> {
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        let at_boundary =
            previous.is_none_or(|p| matches!(p, '。' | '；' | ';' | '\t') || p.is_whitespace());
        if at_boundary {
            if let Some((role, _, _)) = label_at(&line[i..], ontology) {
                if role != RoleWord::Ignore {
                    return Some(i);
                }
            }
        }
        previous = Some(c);
    }
    None
}
