//! Statements in parentheses: "（省经信厅牵头，省财政厅配合）", and labelled ones
//! "（牵头单位：…，配合单位：…）".

use policykg_ontology::{Jurisdiction, Ontology, RoleForm};

use super::list::{agency_list, is_close, is_open, parse_list, statement, Offsets};
use super::Statement;
use crate::model::StatementStyle;

/// The longest parenthesis read as a statement, in characters.
const MAX_PARENTHESIS: usize = 400;

/// Byte ranges of the outermost bracketed groups of `text`, brackets included.
pub(super) fn parentheses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Without an opening bracket there is no group: found with `memchr`, most texts are not
    // walked character by character.
    if !text.contains('（') && !text.contains('(') {
        return out;
    }
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_open(c) {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
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
        if is >= ie || text[is..ie].chars().count() > MAX_PARENTHESIS || !holds_role(&text[is..ie])
        {
            continue;
        }
        let inner = Offsets::new(&text[is..ie], offsets.at(is));
        let list = parse_list(&text[is..ie], &inner, None, ontology);
        if !list.saw_role || list.unmarked || !agency_list(&list, scope, ontology) {
            continue;
        }
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
