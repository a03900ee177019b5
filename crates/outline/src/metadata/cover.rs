//! A cover notice's sentence ("现将《X》（文号）印发给你们"): the carried document's title,
//! 文号 and the verb.

use policykg_ontology::Ontology;

use super::find_doc_numbers;
use crate::text::Text;
use crate::Cover;

/// Longest stretch (characters) between the carried title and "现…印发" in one sentence:
/// "《X》经…2014年第14次主任办公会议研究通过，现予以印发施行".
const APPROVAL_SPAN: usize = 80;

/// A cover-notice sentence on line `l`: "现将《X》（文号）印发给你们", or "《X》已经…研究同意，现予以
/// 印发施行" (the verb later in the sentence, after 现). Every 《 of the line is tried, since a
/// page run together puts its breadcrumb ("…关于印发《X》的通知") before the sentence.
pub(super) fn cover_in(t: &Text, l: &(usize, usize, usize), ontology: &Ontology) -> Option<Cover> {
    let &(i, lo, hi) = l;
    let s = &t.line(i)[lo..hi];
    if !(s.contains('现') || s.contains("你们")) {
        return None;
    }
    let mut from = 0;
    while let Some(k) = s[from..].find('《') {
        let open = from + k;
        if let Some(cover) = cover_at(t, l, open, ontology) {
            return Some(cover);
        }
        from = open + '《'.len_utf8();
    }
    None
}

/// The cover sentence whose carried title opens at byte `open` of line `l`'s content.
fn cover_at(
    t: &Text,
    l: &(usize, usize, usize),
    open: usize,
    ontology: &Ontology,
) -> Option<Cover> {
    let &(i, lo, hi) = l;
    let s = &t.line(i)[lo..hi];
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
    let after = after.min(s.len());
    let window: String = s[after..].chars().take(12).collect();
    let verbs = &ontology.words.cover_verbs;
    let action = verbs
        .iter()
        .find(|v| window.contains(v.as_str()))
        .or_else(|| {
            // "…研究同意，现予以印发施行": 现, then the verb, before the sentence ends (or another
            // title, or an addressee line's colon: a notice title followed by its addressees).
            let tail: String = s[after..]
                .chars()
                .take_while(|&c| !matches!(c, '。' | '《' | '：'))
                .take(APPROVAL_SPAN)
                .collect();
            let now = tail.rfind('现')?;
            verbs.iter().find(|v| tail[now..].contains(v.as_str()))
        })?;
    let sentence_end = s[close..]
        .find('。')
        .map_or(hi, |e| lo + close + e + '。'.len_utf8());
    // After the sentence before it, or the addressee line's colon of a page run together.
    let start = s[..open]
        .rfind(['。', '：'])
        .map_or(0, |e| e + '。'.len_utf8());
    let sentence_start = lo + start + (s[start..].len() - s[start..].trim_start().len());
    Some(Cover {
        action: action.clone(),
        title: title.to_owned(),
        notice_title: None,
        doc_number,
        included: false,
        span: t.line_span(i, sentence_start, sentence_end),
    })
}
