//! Labelled lines: "牵头单位：…" at the start of a line or after a sentence; consecutive ones
//! are one statement.

use policykg_ontology::{Jurisdiction, Ontology, RoleWord};

use super::list::{
    agency_list, clean_name, is_close, is_label_close, is_open, label_at, parse_list, statement,
    Offsets,
};
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
    // A label ends with its colon ([`label_at`]): a text without one has no labelled line.
    // (Each colon looked for by itself: a search for one character runs on `memchr`, one for
    // either of two decodes every character.)
    // A label in square brackets ("【牵头单位】") ends with its bracket instead.
    if !text.contains('：') && !text.contains(':') && !text.contains(is_label_close) {
        return Vec::new();
    }
    // (start byte, statement)
    let mut out: Vec<(usize, Statement)> = Vec::new();
    let mut line_start = 0;
    let mut previous_end: Option<usize> = None;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = line_start;
        line_start += line.len();
        let body = line.trim_end();
        // (A bracketed label is a bracketed group of its own, not a label inside one.)
        let Some((at, label_len)) = label_position(body, ontology)
            .map(|(p, len)| (start + p, len))
            .filter(|(p, _)| !parens.iter().any(|&(s, e)| s <= *p && *p < e && s != *p))
        else {
            // "牵头单位：…", "主要责任领导：…", "配合单位：…": a line naming people (or a time)
            // between two unit lines is no break in their run.
            // (Asked only inside a run: most lines follow no unit line.)
            previous_end = previous_end
                .filter(|_| super::is_ignored_label_line(body, ontology))
                .map(|_| start + body.len());
            continue;
        };
        let mut end = at + list_end(&text[at..start + body.len()], scope, ontology);
        // "…对接会。 责任单位：" closing its line, the list on the next (a PDF copy broke the
        // line after the colon, or a form put the list below its label): that line is the
        // list's, unless it holds a label of its own.
        let label_only = text
            .get(at + label_len..end)
            .is_some_and(|rest| rest.trim().is_empty());
        if label_only {
            if let Some(next) = lines.next_if(|l| {
                !l.trim().is_empty() && label_position(l.trim_end(), ontology).is_none()
            }) {
                let next_start = line_start;
                line_start += next.len();
                end = next_start + list_end(next.trim_end(), scope, ontology);
            }
        }
        // "责任单位：市数据局、市行政审批局，2024年底前完成": the time closing the line is the
        // statement's, but no body.
        let names_end = at + super::parenthesis::time_tail(&text[at..end], false, ontology);
        let inner = Offsets::new(&text[at..names_end], offsets.at(at));
        let list = parse_list(&text[at..names_end], &inner, None, ontology);
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

/// Where the labelled list at the start of `line` ends: at the end of the line, or before white
/// space followed by words that are neither a name nor another label, such as the page furniture
/// that follows the last list of a page run together on one line ("责任单位：省教育厅、人社厅
/// 文件下载.pdf 来源：…"). Names separated by white space ("区经济发展局 区行政审批局") go on.
fn list_end(line: &str, scope: Option<&Jurisdiction>, ontology: &Ontology) -> usize {
    let mut depth = 0usize;
    let mut previous_space = false;
    for (i, c) in line.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        }
        let space = c.is_whitespace();
        if previous_space && !space && depth == 0 {
            let rest = &line[i..];
            let token_end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';' | '。')
                })
                .unwrap_or(rest.len());
            let token = &rest[..token_end];
            let (_, e, _) = clean_name(rest, 0, token_end, ontology);
            let name_like = crate::memo::resolved(ontology, &rest[..e], scope).agency_like;
            if !name_like && label_at(token, ontology).is_none() {
                return line[..i].trim_end().len();
            }
        }
        previous_space = space;
    }
    line.len()
}

/// Where a role label starts a statement in a line (at its start, or after a sentence), and
/// its length in bytes.
fn label_position(line: &str, ontology: &Ontology) -> Option<(usize, usize)> {
    // A label ends with its colon or its closing bracket: none starts after the line's last.
    let last_colon = line
        .rfind('：')
        .max(line.rfind(':'))
        .max(line.rfind(is_label_close))?;
    let upto = last_colon + line[last_colon..].chars().next().map_or(0, char::len_utf8);
    let mut previous: Option<char> = None;
    for (i, c) in line[..upto].char_indices() {
        let at_boundary = previous
            .is_none_or(|p| matches!(p, '。' | '；' | ';' | '\t') || p.is_whitespace())
            || c == '【';
        if at_boundary {
            if let Some((role, len, _)) = label_at(&line[i..], ontology) {
                if role != RoleWord::Ignore {
                    return Some((i, len));
                }
            }
        }
        previous = Some(c);
    }
    None
}
