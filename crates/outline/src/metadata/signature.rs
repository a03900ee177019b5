//! The 落款 (issuer lines and date): of the closing block, before attachments, or inside the
//! preamble after a cover notice.

use super::{parse_date, Date, SHORT_LINE};
use crate::agency::agency_list;
use crate::text::Text;
use crate::tree::{issuer_and_date, Layout};
use policykg_ontology::Ontology;

/// Issuers and date of a 落款.
pub(super) type Signature = (Vec<String>, Date);

/// A 落款 ending at content line `k` of `lines` ((line, content start, content end) in order):
/// a line with issuers and date together, or a date line under up to three issuer lines.
pub(super) fn signature_at(
    t: &Text,
    lines: &[(usize, usize, usize)],
    k: usize,
    ontology: &Ontology,
) -> Option<Signature> {
    let text_of = |&(i, lo, hi): &(usize, usize, usize)| &t.line(i)[lo..hi];
    let s = text_of(&lines[k]);
    if s.len() > SHORT_LINE {
        return None;
    }
    if let Some((who, date)) = issuer_and_date(s, ontology) {
        let names = agency_list(who, ontology)?;
        return Some((names.iter().map(|n| (*n).to_owned()).collect(), date));
    }
    let date = parse_date(s)?;
    let mut names: Vec<String> = Vec::new();
    for p in lines[..k].iter().rev().take(3) {
        // Issuer lines stand right above the date (a blank line or two allowed).
        match agency_list(text_of(p), ontology) {
            Some(list) if p.0 + 3 >= lines[k].0 => {
                let mut v: Vec<String> = list.iter().map(|n| (*n).to_owned()).collect();
                v.append(&mut names);
                names = v;
            }
            _ => {
                // A page that lost the line break: "…请认真组织实施。    平潭综合实验区管委会办公室".
                if names.is_empty() && p.0 + 3 >= lines[k].0 {
                    if let Some(list) = after_last_sentence(text_of(p), ontology) {
                        names = list;
                    }
                }
                break;
            }
        }
    }
    (!names.is_empty()).then_some((names, date))
}

/// The last 落款 between the first heading and the closing block: the signature of a notice
/// followed by attachments (附件), which the closing block at the end of the text cannot see.
pub(super) fn body_signature(t: &Text, layout: &Layout, ontology: &Ontology) -> Option<Signature> {
    let lines: Vec<(usize, usize, usize)> = (layout.first_head_line..layout.closing.start)
        .filter_map(|i| t.content(i).map(|(lo, hi)| (i, lo, hi)))
        .collect();
    (0..lines.len())
        .rev()
        .find_map(|k| signature_at(t, &lines, k, ontology))
}

/// The 落款 of the closing block.
pub(super) fn closing_signature(
    t: &Text,
    layout: &Layout,
    ontology: &Ontology,
) -> (Vec<String>, Option<Date>) {
    let c = &layout.closing;
    let mut issuers = Vec::new();
    for &i in &c.issuer_lines {
        if let Some((lo, hi)) = t.content(i) {
            let s = &t.line(i)[lo..hi];
            let who = issuer_and_date(s, ontology).map_or(s, |(w, _)| w);
            if let Some(list) = agency_list(who, ontology) {
                issuers.extend(list.iter().map(|n| (*n).to_owned()));
            }
        }
    }
    let date = c.date_line.and_then(|i| {
        let (lo, hi) = t.content(i)?;
        let s = &t.line(i)[lo..hi];
        parse_date(s).or_else(|| issuer_and_date(s, ontology).map(|(_, d)| d))
    });
    (issuers, date)
}

/// The issuers standing after the last sentence of a line: "…。    平潭综合实验区管委会办公室".
fn after_last_sentence(s: &str, ontology: &Ontology) -> Option<Vec<String>> {
    let at = s.rfind('。')? + '。'.len_utf8();
    let mut tail = s[at..].trim();
    // "特此通知" run into the 落款 without its 。 is the formula, not part of the issuer's name.
    if let Some(rest) = ontology
        .words
        .closing_formulas
        .iter()
        .find_map(|w| tail.strip_prefix(w.as_str()))
    {
        // 特此 + what it says: 通知, 公告, 批复 (the document types).
        let rest = ontology
            .words
            .document_types
            .iter()
            .find_map(|w| rest.strip_prefix(w.as_str()))
            .unwrap_or(rest);
        tail = rest.trim_start_matches(['。', '！', '!']).trim_start();
    }
    let list = agency_list(tail, ontology)?;
    Some(list.iter().map(|n| (*n).to_owned()).collect())
}

/// A 落款 run into a long line, as on pages copied without line breaks: "…现印发给你们，请认真
/// 组织实施。 平潭综合实验区管委会办公室 2023年3月30日平潭…": the first date whose text back to
/// the previous sentence end is a list of issuers.
pub(super) fn inline_signature(s: &str, ontology: &Ontology) -> Option<Signature> {
    let mut from = 0;
    while let Some((at, date, len)) = crate::date::find_date(&s[from..]) {
        let at = from + at;
        let before = s[..at].trim_end();
        if let Some(list) = after_last_sentence(before, ontology) {
            return Some((list, date));
        }
        from = at + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_run_into_a_line() {
        // corpus/dev/039: a page copied without line breaks.
        let s = "各相关单位： 《平潭综合实验区新污染物治理工作方案》已经平潭综合实验区管委会同意，现印发给你们，请认真组织实施。 平潭综合实验区管委会办公室 2023年3月30日平潭综合实验区新污染物治理工作方案 新污染物是指…";
        let (who, date) = inline_signature(s, Ontology::bundled()).unwrap();
        assert_eq!(who, ["平潭综合实验区管委会办公室"]);
        assert_eq!(date.iso(), "2023-03-30");
        assert!(inline_signature("到2025年12月31日前完成。", Ontology::bundled()).is_none());
        // corpus/versions/031a: the closing formula run into the 落款 without its 。.
        let s = "经平潭综合实验区管委会2014年第14次主任办公会议研究通过，现予以印发施行。特此通知平潭综合实验区管委会办公室2015年1月9日平潭综合实验区个人住房…";
        let (who, date) = inline_signature(s, Ontology::bundled()).unwrap();
        assert_eq!(who, ["平潭综合实验区管委会办公室"]);
        assert_eq!(date.iso(), "2015-01-09");
    }
}
