//! Labelled fields declared outside the text: the page table (by the labels of
//! `ontology/documents/page_labels.tsv`), front matter and the HTML head.

use policykg_ontology::{LabelField, Ontology};
use policykg_read::{Document, FieldOrigin};

pub(super) fn field<'a>(doc: &'a Document, origin: FieldOrigin, keys: &[&str]) -> Option<&'a str> {
    doc.fields
        .iter()
        .find(|f| {
            f.origin == origin && keys.contains(&f.key.as_str()) && !f.value.trim().is_empty()
        })
        .map(|f| f.value.trim())
}

/// The first page-table field whose label fills `target` (`ontology/documents/page_labels.tsv`).
pub(super) fn table_field<'a>(
    doc: &'a Document,
    ontology: &Ontology,
    target: LabelField,
) -> Option<&'a str> {
    doc.fields
        .iter()
        .find(|f| {
            f.origin == FieldOrigin::PageTable
                && ontology.page_labels.field(&f.key) == Some(target)
                && !f.value.trim().is_empty()
        })
        .map(|f| f.value.trim())
}

/// Longest label read in a text line (characters, spaces inside not counted).
const MAX_LABEL: usize = 8;

/// A labelled metadata line of a page copied as text: "标题: …", "【文 号】 …", "发文字号：…",
/// "【法宝引证码】 CLI.12.748997". Returns the label (spaces removed) and the value's byte range
/// in `line`; only labels listed in `ontology/documents/page_labels.tsv` count, so that
/// running text with a colon is never taken for one.
pub(crate) fn label_line(line: &str, ontology: &Ontology) -> Option<(String, usize, usize)> {
    let lo = line.len() - line.trim_start().len();
    let s = &line[lo..];
    let (label, value_at) = if let Some(rest) = s.strip_prefix('【') {
        let close = rest.find('】')?;
        (
            &rest[..close],
            lo + '【'.len_utf8() + close + '】'.len_utf8(),
        )
    } else {
        let colon = s.find(['：', ':'])?;
        let colon_len = s[colon..].chars().next().map_or(1, char::len_utf8);
        (&s[..colon], lo + colon + colon_len)
    };
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let n = label.chars().count();
    if !(2..=MAX_LABEL).contains(&n) || !label.chars().all(crate::docnum::is_han) {
        return None;
    }
    if !ontology.page_labels.iter().any(|(l, _)| l == label) {
        return None;
    }
    let value = line[value_at..].trim_start_matches([':', '：']);
    let v_lo = line.len() - value.trim_start().len();
    let v_hi = line.trim_end().len().max(v_lo);
    Some((label, v_lo, v_hi))
}

/// A 文号 value that says there is none ("无", "—"): no digit in it.
pub(super) fn names_a_doc_number(value: &str) -> bool {
    value.chars().any(|c| {
        policykg_text::numeral::arabic_digit(c).is_some()
            || policykg_text::numeral::cn_digit(c).is_some()
    })
}

/// The HTML `<title>` without the site and section names around the document's own title:
/// "江西省人民政府 政策文件 江西省人民政府关于…的实施意见" → the last part. The part kept is the
/// one that reads as a document title (it ends with a document type or holds 关于); without
/// one the whole value is kept.
pub(super) fn head_title<'a>(value: &'a str, ontology: &Ontology) -> &'a str {
    let parts = value
        .split(|c: char| c.is_whitespace() || matches!(c, '_' | '|' | '｜'))
        .map(str::trim)
        .filter(|p| !p.is_empty());
    parts
        .filter(|p| reads_as_title(p, ontology))
        .max_by_key(|p| p.len())
        .unwrap_or(value.trim())
}

/// Whether `s` reads as a document's title: it holds 关于 or ends with a document type.
pub(super) fn reads_as_title(s: &str, ontology: &Ontology) -> bool {
    s.contains("关于")
        || ontology
            .words
            .document_types
            .iter()
            .any(|d| s.ends_with(d.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str) -> Option<(String, &str)> {
        label_line(line, Ontology::bundled()).map(|(l, lo, hi)| (l, &line[lo..hi]))
    }

    #[test]
    fn labelled_lines_of_pages_copied_as_text() {
        // corpus/dev/039 and 033 (page and pkulaw exports).
        let (l, v) = label(
            "标题: 平潭综合实验区管委会办公室关于印发平潭综合实验区新污染物治理工作方案的通知",
        )
        .unwrap();
        assert_eq!(l, "标题");
        assert_eq!(
            v,
            "平潭综合实验区管委会办公室关于印发平潭综合实验区新污染物治理工作方案的通知"
        );
        assert_eq!(label("文号: ").unwrap().1, "");
        assert_eq!(
            label("    【法宝引证码】 CLI.12.748997").unwrap().1,
            "CLI.12.748997"
        );
        assert_eq!(label("【文 号】 余府发〔2012〕3号").unwrap().0, "文号");
        assert_eq!(
            label("发文字号：国办发〔2018〕126号").unwrap().1,
            "国办发〔2018〕126号"
        );
        // Running text with a colon is no label line.
        assert!(label("各片区管理局，区直各单位，各区属事业单位，各区属国企:").is_none());
        assert!(label("现将有关事项通知如下：").is_none());
    }

    #[test]
    fn empty_doc_numbers() {
        assert!(names_a_doc_number("赣府厅发〔2020〕10号"));
        assert!(!names_a_doc_number("无"));
    }

    #[test]
    fn head_titles_lose_site_and_section_names() {
        // corpus/dev/015 and 029.
        assert_eq!(
            head_title(
                "江西省人民政府 政策文件 江西省人民政府关于抢时间保进度强弱项补缺口努力实现全年经济社会发展目标的实施意见",
                Ontology::bundled()
            ),
            "江西省人民政府关于抢时间保进度强弱项补缺口努力实现全年经济社会发展目标的实施意见"
        );
        assert_eq!(
            head_title(
                "区管委会办公室文件_平潭综合实验区党工委管委会",
                Ontology::bundled()
            ),
            "区管委会办公室文件_平潭综合实验区党工委管委会"
        );
    }
}
