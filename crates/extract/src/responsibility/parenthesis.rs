//! Statements in parentheses: "（省经信厅牵头，省财政厅配合）", and labelled ones
//! "（牵头单位：…，配合单位：…）".

use policykg_ontology::{Jurisdiction, Ontology, RoleForm};

use super::list::{
    agency_list, is_close, is_label_close, is_label_open, is_open, parse_list, statement, Offsets,
};
use super::Statement;
use crate::model::StatementStyle;

/// The longest parenthesis read as a statement, in characters.
const MAX_PARENTHESIS: usize = 400;

/// Byte ranges of the outermost bracketed groups of `text`, brackets included: parentheses,
/// and the square brackets some notices close a task with ("【责任单位：…】", "[牵头单位：…]").
/// (〔〕 holds a 文号's year, never a statement.)
pub(super) fn parentheses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Without an opening bracket there is no group: found with `memchr`, most texts are not
    // walked character by character.
    if !text.contains('（')
        && !text.contains('(')
        && !text.contains('【')
        && !text.contains('[')
        && !text.contains('［')
    {
        return out;
    }
    let opens = |c: char| is_open(c) || is_label_open(c);
    let closes = |c: char| is_close(c) || is_label_close(c);
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if opens(c) {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        } else if closes(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push((start, i + c.len_utf8()));
            }
        } else if c == '\n' {
            // A statement never spans lines; an unclosed bracket ends with its line.
            depth = 0;
        }
    }
    out
}

/// The statements among the parentheses `parens` of `text` (byte ranges, brackets included).
pub(super) fn in_parentheses(
    text: &str,
    offsets: &Offsets,
    parens: &[(usize, usize)],
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Statement> {
    let mut out = Vec::new();
    // Most texts hold no parenthesis: the role words are not gathered for them.
    if parens.is_empty() {
        return out;
    }
    // A statement saw a role: a label or a verb of the role phrases stands in it
    // ([`parse_list`]), and most parentheses hold none.
    let role_words: Vec<&str> = ontology
        .gazetteer
        .role_phrases(RoleForm::Label)
        .chain(ontology.gazetteer.role_phrases(RoleForm::Verb))
        .map(|p| p.phrase.as_str())
        .collect();
    // Whether a parenthesis holds one of them, in one walk over its characters: the words are
    // compared where their first character stands (1,024 bits of first characters), not
    // searched for one by one.
    let bit = |c: char| (c as usize) % 1024;
    let mut firsts = [0u64; 16];
    for c in role_words.iter().filter_map(|w| w.chars().next()) {
        firsts[bit(c) / 64] |= 1 << (bit(c) % 64);
    }
    let any_empty = role_words.iter().any(|w| w.is_empty());
    let holds_role = |inner: &str| {
        any_empty
            || inner.char_indices().any(|(i, c)| {
                firsts[bit(c) / 64] & (1 << (bit(c) % 64)) != 0
                    && role_words.iter().any(|w| inner[i..].starts_with(w))
            })
    };
    for &(s, e) in parens {
        let open_len = text[s..].chars().next().map_or(1, char::len_utf8);
        let close_len = text[..e].chars().next_back().map_or(1, char::len_utf8);
        let (is, ie) = (s + open_len, e - close_len);
        if is >= ie || text[is..ie].chars().count() > MAX_PARENTHESIS {
            continue;
        }
        // "（市农业农村局负责，2024年底前完成）": the time closing it is no body. (A labelled
        // remark, "适用范围：…", stays: the list reader keeps it.)
        let names = &text[is..is + time_tail(&text[is..ie], false, ontology)];
        let names = names.trim_end_matches(['，', ',', '；', ';', ' ']);
        let list = if holds_role(names) {
            let inner = Offsets::new(names, offsets.at(is));
            let list = parse_list(names, &inner, None, ontology);
            if list.saw_role && !list.unmarked && agency_list(&list, scope, ontology) {
                Some(list)
            } else {
                None
            }
        } else {
            None
        };
        let Some(list) =
            list.or_else(|| bare_list(text, offsets, (s, e), (is, ie), scope, ontology))
        else {
            continue;
        };
        out.push(statement(
            if list.labelled {
                StatementStyle::LabelledParenthesis
            } else {
                StatementStyle::Parenthesis
            },
            text,
            offsets,
            (s, e),
            list,
        ));
    }
    out
}

/// A parenthesis closing a sentence that lists bodies and nothing else, but perhaps a time
/// ("（县委宣传部、县融媒体中心）", "（县农业农村局、县财政局，2024年底前完成）",
/// "（…；完成时限：长期坚持）"): the bodies are responsible, their roles the document's
/// convention. Every name must read as a body's and one be known (or a collective): a bracket
/// after a sentence also holds examples, short forms and sources.
fn bare_list(
    text: &str,
    offsets: &Offsets,
    (open, close): (usize, usize),
    (is, ie): (usize, usize),
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Option<super::list::List> {
    let after = text[close..].trim_start_matches([' ', '\u{3000}', '\t']);
    if !(after.is_empty() || after.starts_with(['。', '；', ';', '\n', '\r'])) {
        return None;
    }
    // It closes a sentence of the task, not a person's name in a list of members
    // ("李红樱（市发改局）", "组长：何洪明（市纪委）").
    let line_start = text[..open].rfind('\n').map_or(0, |n| n + 1);
    let before = text[line_start..open].trim_end();
    if !before.ends_with(['。', '；', ';', '！']) {
        let segment = before
            .rsplit(['，', '、', '：', ':', ' ', '\u{3000}', '\t'])
            .next()
            .unwrap_or("");
        if before.chars().count() < 8 || segment.chars().count() <= 4 {
            return None;
        }
    }
    let inner = &text[is..ie];
    // The names end where a time or a labelled remark starts: at the last separator before it.
    let names_end = time_tail(inner, true, ontology);
    let names = inner[..names_end].trim_end_matches(['，', ',', '；', ';', ' ']);
    if names.is_empty() || names.contains(['：', ':', '《', '“']) {
        return None;
    }
    let offsets_in = Offsets::new(names, offsets.at(is));
    let list = parse_list(names, &offsets_in, None, ontology);
    let mut any_known = false;
    let all_bodies = list.items.iter().all(|i| {
        let r = crate::memo::resolved(ontology, &i.mention, scope);
        any_known |= r.known || r.collective;
        i.mention.chars().count() >= 3 && r.agency_like
    });
    (!list.saw_role && any_known && all_bodies).then_some(list)
}

/// The deadline lexicon's roles that open a time written without a date.
const TIME_WORDS: [&str; 12] = [
    "ongoing",
    "year_end",
    "ends_month_3",
    "ends_month_6",
    "ends_month_9",
    "ends_month_12",
    "every_year",
    "every_half_year",
    "every_quarter",
    "every_month",
    "every_week",
    "ensure_lead",
];

/// Where the times closing a parenthesis start ("，2024年底前完成", "，下半年完成"), or with
/// `labels` a labelled remark too ("；完成时限：长期坚持"), else its end.
pub(super) fn time_tail(inner: &str, labels: bool, ontology: &Ontology) -> usize {
    // "（…牵头，2024年启动，2025年底前完成）": every time closing it, the last first.
    let mut end = inner.len();
    while let Some(at) = inner[..end].rfind(['，', ',', '；', ';']) {
        let sep = inner[at..].chars().next().map_or(1, char::len_utf8);
        if !is_time(inner[at + sep..end].trim(), labels, ontology) {
            break;
        }
        end = at;
    }
    end
}

/// Whether a part of a parenthesis is a time ("2024年底前完成", "下半年完成", "长期坚持"), or with
/// `labels` an officials/contact/time label line ("完成时限：…").
fn is_time(tail: &str, labels: bool, ontology: &Ontology) -> bool {
    labels && super::is_ignored_label_line(tail, ontology)
        || (tail.chars().count() <= 16
            && (tail
                .contains(|c: char| c.is_ascii_digit() || "〇一二三四五六七八九十".contains(c))
                && tail.contains(['年', '月', '季'])
                || {
                    // "长期坚持", "下半年完成", "年底前完成", "每季度报送": the deadline
                    // lexicon's words for a time without a date
                    let chars: Vec<char> = tail.chars().collect();
                    let cues = &ontology.lexicon.deadline;
                    TIME_WORDS
                        .iter()
                        .any(|role| cues.role(role).at(&chars, 0).is_some())
                }))
}
