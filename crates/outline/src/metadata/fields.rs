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
pub(super) fn label_line(line: &str, ontology: &Ontology) -> Option<(String, usize, usize)> {
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
    let titled = |p: &&str| {
        p.contains("关于")
            || ontology
                .words
                .document_types
                .iter()
                .any(|d| p.ends_with(d.as_str()))
    };
    parts
        .filter(titled)
        .max_by_key(|p| p.len())
        .unwrap_or(value.trim())
}
