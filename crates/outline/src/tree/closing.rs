//! The closing block (特此通知, 落款 issuers and date, notes after it), found walking back from
//! the end so that its numbered lines are never headings.

use policykg_ontology::Ontology;

use crate::agency::agency_list;
use crate::date::parse_date;
use crate::text::{is_space, Text};

/// The closing block at the end of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Closing {
    /// First line of the block (the number of lines when there is none).
    pub start: usize,
    /// 落款 lines naming the issuers, in order.
    pub issuer_lines: Vec<usize>,
    /// The 落款 date line.
    pub date_line: Option<usize>,
}

pub(crate) fn is_date_line(s: &str) -> bool {
    parse_date(s).is_some()
}

/// A note after the 落款: "（此件公开发布）", "抄送：…" (the `closing_note` words of the
/// ontology, after an opening parenthesis), "…2022年2月18日印发" (no sentence before the date: a
/// last item run together with the note is no note).
fn is_note(s: &str, ontology: &Ontology) -> bool {
    let inner = s.trim_start_matches(['（', '(']);
    ontology
        .words
        .closing_notes
        .iter()
        .any(|w| inner.starts_with(w.as_str()))
        || (s.ends_with("印发")
            && crate::date::find_date(s).is_some_and(|(at, _, _)| !s[..at].contains('。')))
}

/// "特此通知。" and its kin (the `closing_formula` words).
fn is_formula(s: &str, ontology: &Ontology) -> bool {
    s.chars().count() <= 8
        && ontology
            .words
            .closing_formulas
            .iter()
            .any(|w| s.starts_with(w.as_str()))
}

/// A 落款 line with the issuer and the date together: "安徽省人民政府办公厅 2022年2月17日".
pub(crate) fn issuer_and_date<'s>(
    s: &'s str,
    ontology: &Ontology,
) -> Option<(&'s str, crate::date::Date)> {
    let i = s.rfind(is_space)?;
    let space = s[i..].chars().next().map_or(1, char::len_utf8);
    let (who, when) = (s[..i].trim_end_matches(is_space), &s[i + space..]);
    let date = parse_date(when)?;
    agency_list(who, ontology).map(|_| (who, date))
}

/// Longest line, in bytes, read as a 落款 date line inside the text.
const DATE_LINE_MAX: usize = 40;

/// The 落款 of a notice followed by its attachments: a date line (with or without its issuer)
/// after line `from`, followed by a note ("（此件主动公开）"), then more text (the attachment:
/// the closing block at the end cannot see such a 落款). The notice's last item ends there, at
/// the issuer lines above the date when there are any, so that it does not swallow its own 落款
/// and the attachment after it. The first such line, or `None`.
pub(crate) fn inner_signature(
    t: &Text,
    from: usize,
    end: usize,
    ontology: &Ontology,
) -> Option<usize> {
    let content = |i: usize| t.content(i).map(|(lo, hi)| &t.line(i)[lo..hi]);
    let lines: Vec<usize> = (from..end).filter(|&i| content(i).is_some()).collect();
    for (k, &i) in lines.iter().enumerate() {
        let s = content(i).unwrap_or_default();
        if s.len() > DATE_LINE_MAX || !(is_date_line(s) || issuer_and_date(s, ontology).is_some()) {
            continue;
        }
        let Some(next) = lines.get(k + 1).and_then(|&j| content(j)) else {
            continue;
        };
        if !is_note(next, ontology) {
            continue;
        }
        // Issuer lines right above the date belong to the 落款.
        let mut start = i;
        for &j in lines[..k].iter().rev().take(4) {
            match content(j) {
                Some(s) if j > from && agency_list(s, ontology).is_some() => start = j,
                _ => break,
            }
        }
        return Some(start);
    }
    None
}

/// "附件：1.…登记表", "附件2", "附表", "附：…": a line listing or opening the attachments (an
/// `attachment_label` of the ontology, then a number or a colon or nothing). "附件1所列…" is a
/// sentence of the text.
fn is_attachment_label(s: &str, ontology: &Ontology) -> bool {
    ontology.words.attachment_labels.iter().any(|w| {
        let Some(rest) = s.strip_prefix(w.as_str()) else {
            return false;
        };
        let rest = rest.trim_start_matches(|c: char| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || is_space(c)
        });
        rest.is_empty() || rest.starts_with(['：', ':'])
    })
}

/// Where the body ends before its attachments when no 落款 stands between them (a pkulaw text,
/// a page): the first line after line `from` listing or opening the attachments, or a note of
/// the closing block ("抄送：…", "（此件公开发布）"). The last item ends there, so that it does
/// not swallow the forms and tables attached. `None` when there is none.
pub(crate) fn attachment_start(
    t: &Text,
    from: usize,
    end: usize,
    ontology: &Ontology,
) -> Option<usize> {
    (from..end).find_map(|i| {
        let (lo, hi) = t.content(i)?;
        let s = &t.line(i)[lo..hi];
        if is_attachment_label(s, ontology) || is_note(s, ontology) {
            return Some(i);
        }
        annexed_list_title(s, ontology).then(|| title_start(t, from, i))
    })
}

/// Longest line of an annexed list's title, in characters.
const LIST_TITLE: usize = 30;

/// A title line of an annexed list: short, no sentence in it, ending with an `annexed_list`
/// word of the ontology ("部际联席会议成员名单"). A body sentence naming a list ends in 。 or
/// holds a clause.
fn annexed_list_title(s: &str, ontology: &Ontology) -> bool {
    title_shape(s)
        && ontology
            .words
            .annexed_lists
            .iter()
            .any(|w| s.ends_with(w.as_str()))
}

fn title_shape(s: &str) -> bool {
    s.chars().count() <= LIST_TITLE
        && !s.contains(['。', '，', '；', '：', ',', ';', ':', '！', '？'])
}

/// The first line of the title ending on line `i`: a title broken over lines starts on the
/// short lines right above it ("国务院职业教育工作" / "部际联席会议成员名单"), not before `from`.
fn title_start(t: &Text, from: usize, i: usize) -> usize {
    let mut start = i;
    while start > from {
        let Some((lo, hi)) = t.content(start - 1) else {
            break;
        };
        if !title_shape(&t.line(start - 1)[lo..hi]) {
            break;
        }
        start -= 1;
    }
    start
}

/// Find the closing block by walking back from the end of the text.
pub(crate) fn find_closing(t: &Text, ontology: &Ontology) -> Closing {
    let n = t.lines.len();
    let mut closing = Closing {
        start: n,
        ..Closing::default()
    };
    // 0: notes after the signature; 1: issuer lines above the date.
    let mut phase = 0;
    let mut i = n;
    while i > 0 {
        i -= 1;
        let Some((lo, hi)) = t.content(i) else {
            continue;
        };
        let s = &t.line(i)[lo..hi];
        if phase == 0 && is_note(s, ontology) {
            closing.start = i;
            continue;
        }
        if phase == 0 && (is_date_line(s) || issuer_and_date(s, ontology).is_some()) {
            closing.start = i;
            closing.date_line = Some(i);
            if issuer_and_date(s, ontology).is_some() {
                closing.issuer_lines.push(i);
            }
            phase = 1;
            continue;
        }
        if phase == 1 && closing.issuer_lines.len() < 4 && agency_list(s, ontology).is_some() {
            closing.start = i;
            closing.issuer_lines.insert(0, i);
            continue;
        }
        if is_formula(s, ontology) {
            closing.start = i;
        }
        break;
    }
    closing
}
