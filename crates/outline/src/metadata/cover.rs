//! A cover notice's sentence ("现将《X》（文号）印发给你们"): the carried document's title,
//! 文号 and the verb.

use policykg_ontology::Ontology;

use super::find_doc_numbers;
use crate::text::Text;
use crate::Cover;

/// A cover-notice sentence on line `l`: "现将《X》（文号）印发给你们".
pub(super) fn cover_in(t: &Text, l: &(usize, usize, usize), ontology: &Ontology) -> Option<Cover> {
    let &(i, lo, hi) = l;
    let s = &t.line(i)[lo..hi];
    if !(s.contains("现将") || s.contains("你们")) {
        return None;
    }
    let open = s.find('《')?;
    let mut depth = 0;
    let mut close = None;
    for (j, c) in s[open..].char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + j);
                    break;
                }
            }
            _ => {}
        }
        if j > 600 {
            return None;
        }
    }
    let close = close?;
    let title = t.line_str(i, lo + open + '《'.len_utf8(), lo + close);
    let mut after = close + '》'.len_utf8();
    let mut doc_number = None;
    if s[after..].starts_with(['（', '(']) {
        if let Some(end) = s[after..].find(['）', ')']) {
            let paren = &s[after..after + end];
            if let Some(&(a, b)) = find_doc_numbers(paren, ontology).first() {
                doc_number = Some(t.line_str(i, lo + after + a, lo + after + b).to_owned());
            }
            let close_len = s[after + end..].chars().next().map_or(1, char::len_utf8);
            after += end + close_len;
        }
    }
    let window: String = s[after.min(s.len())..].chars().take(12).collect();
    let action = ontology
        .words
        .cover_verbs
        .iter()
        .find(|v| window.contains(v.as_str()))?;
    let sentence_end = s[close..]
        .find('。')
        .map_or(hi, |e| lo + close + e + '。'.len_utf8());
    let sentence_start = s[..open]
        .rfind('。')
        .map_or(lo, |e| lo + e + '。'.len_utf8());
    Some(Cover {
        action: action.clone(),
        title: title.to_owned(),
        notice_title: None,
        doc_number,
        included: false,
        span: t.line_span(i, sentence_start, sentence_end),
    })
}
