//! Metadata the page declares about itself: `<title>` and named `<meta>`s (HtmlHead), the
//! label/value tables government pages put around a notice (PageTable), wherever they are on
//! the page: gov.cn's 索 引 号 / 主题分类 / 发文机关 / 成文日期 / 标　　题 / 发文字号 / 发布日期, and
//! the heading printed above the notice outside its container (PageHeading).
//!
//! Keys have all whitespace (including U+3000) and a trailing colon removed ("标　　题：" →
//! 标题). A label cell is a cell whose text is a listed label (data/page_labels.txt), or a short
//! run of CJK ideographs ending in a colon; its value is the next cell. A single cell
//! "发文字号：国发〔2018〕39号" with a listed label is read too. Empty values are left out.

use scraper::Html;

use crate::document::{Field, FieldOrigin};
use crate::rules::rules;

use super::render::{inline_text, LineBuf};
use super::tree::{element, name_of, walk, NodeR, Visitor};

/// Labels are short; a longer cell is text, not a label.
const MAX_LABEL_CHARS: usize = 12;
/// Unlisted labels ending in a colon must be this short.
const MAX_GENERIC_LABEL_CHARS: usize = 8;
/// A single "label：value" cell longer than this is prose, not metadata.
const MAX_INLINE_FIELD_CHARS: usize = 200;

/// `<meta name>`s that describe the page's technology, not the notice.
const TECHNICAL_META: &[&str] = &[
    "viewport",
    "renderer",
    "format-detection",
    "robots",
    "referrer",
    "theme-color",
    "generator",
    "force-rendering",
    "applicable-device",
    "mobileoptimized",
    "handheldfriendly",
];

pub(super) fn head_fields(doc: &Html) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut title_seen = false;
    for node in doc.tree.root().descendants() {
        let Some(el) = element(&node) else {
            continue;
        };
        match el.name() {
            // The first <title> only: <svg> may hold <title>s of its own.
            "title" if !title_seen => {
                title_seen = true;
                let mut line = LineBuf::default();
                for text in node.descendants().filter_map(|n| n.value().as_text()) {
                    line.push_text(text);
                }
                push(&mut fields, "title", line.take(), FieldOrigin::HtmlHead);
            }
            "meta" => {
                let Some(name) = el.attr("name").or_else(|| el.attr("property")) else {
                    continue;
                };
                let lower = name.to_ascii_lowercase();
                if TECHNICAL_META.contains(&lower.as_str())
                    || lower.starts_with("apple-")
                    || lower.starts_with("msapplication")
                    || lower.ends_with("-verification")
                {
                    continue;
                }
                let mut line = LineBuf::default();
                line.push_text(el.attr("content").unwrap_or(""));
                push(&mut fields, name.trim(), line.take(), FieldOrigin::HtmlHead);
            }
            _ => {}
        }
    }
    fields
}

pub(super) fn page_table_fields(doc: &Html) -> Vec<Field> {
    let mut fields = Vec::new();
    let labels = &rules().page_labels;
    for node in doc.tree.root().descendants() {
        if !matches!(name_of(&node), Some("td" | "th")) {
            continue;
        }
        let Some(text) = short_text(node, MAX_INLINE_FIELD_CHARS) else {
            continue;
        };
        if let Some(key) = label_key(&text, labels) {
            let Some(value_cell) = next_cell(node) else {
                continue;
            };
            let value = inline_text(value_cell, false);
            // "主 题 词：" followed by an empty cell and then the next label: no value.
            if label_key(&value, labels).is_some() {
                continue;
            }
            push(&mut fields, &key, value, FieldOrigin::PageTable);
        } else if let Some((key, value)) = inline_field(&text, labels) {
            push(&mut fields, &key, value, FieldOrigin::PageTable);
        }
    }
    fields
}

/// The shortest and longest heading text read as a shown title, in characters.
const HEADING_CHARS: std::ops::RangeInclusive<usize> = 6..=120;

/// The last heading the page prints before `content` (the element holding the notice), outside
/// it (the walk stops at `content`, so nothing inside it is seen), as a `标题` field: a page template often prints the title in a cell or block of its own
/// above the text (`<td class="title">`). A heading is an `h1`–`h3`, or an element whose class
/// or id names a title; it holds CJK text and no link (a menu's or a list's entries are links).
pub(super) fn shown_heading(doc: &Html, content: NodeR<'_>) -> Option<Field> {
    let mut last: Option<String> = None;
    for node in doc.tree.root().descendants() {
        if node.id() == content.id() {
            break;
        }
        let Some(el) = element(&node) else {
            continue;
        };
        let named = |a: Option<&str>| {
            a.is_some_and(|v| {
                v.as_bytes()
                    .windows(5)
                    .any(|w| w.eq_ignore_ascii_case(b"title"))
            })
        };
        let heading = matches!(el.name(), "h1" | "h2" | "h3")
            || (el.name() != "title" && (named(el.attr("class")) || named(el.attr("id"))));
        if !heading
            || node.ancestors().any(|a| name_of(&a) == Some("a"))
            || node.descendants().any(|d| name_of(&d) == Some("a"))
            // The container's own ancestors hold the whole page.
            || content.ancestors().any(|a| a.id() == node.id())
        {
            continue;
        }
        let text = inline_text(node, false);
        let n = text.chars().count();
        if HEADING_CHARS.contains(&n) && text.chars().any(super::tree::is_cjk_ideograph) {
            last = Some(text);
        }
    }
    let value = last?;
    Some(Field {
        key: "标题".to_owned(),
        value,
        origin: FieldOrigin::PageHeading,
    })
}

fn push(fields: &mut Vec<Field>, key: &str, value: String, origin: FieldOrigin) {
    if !key.is_empty() && !value.is_empty() {
        fields.push(Field {
            key: key.to_owned(),
            value,
            origin,
        });
    }
}

/// The key a label cell stands for, or `None` when the cell is not a label.
fn label_key(text: &str, labels: &[String]) -> Option<String> {
    if text.chars().count() > MAX_LABEL_CHARS * 3 {
        return None;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let key = compact.trim_end_matches(['：', ':']);
    let had_colon = key.len() < compact.len();
    let chars = key.chars().count();
    if chars == 0 || chars > MAX_LABEL_CHARS {
        return None;
    }
    let listed = labels.iter().any(|l| l == key);
    let generic = had_colon
        && chars <= MAX_GENERIC_LABEL_CHARS
        && key.chars().all(super::tree::is_cjk_ideograph);
    (listed || generic).then(|| key.to_owned())
}

/// "发文字号：国发〔2018〕39号" in one cell, with a listed label.
fn inline_field(text: &str, labels: &[String]) -> Option<(String, String)> {
    let (key, at) = crate::rules::listed_label(text, labels)?;
    let value = text[at..].trim();
    (!value.is_empty()).then(|| (key, value.to_owned()))
}

fn next_cell(node: NodeR<'_>) -> Option<NodeR<'_>> {
    node.next_siblings()
        .find(|n| n.value().is_element())
        .filter(|n| matches!(name_of(n), Some("td" | "th")))
}

/// The collapsed text of a cell, or `None` once it grows past `max` characters (labels and
/// inline fields are short; stopping early keeps big layout cells cheap).
fn short_text(node: NodeR<'_>, max: usize) -> Option<String> {
    struct Short {
        line: LineBuf,
        max: usize,
        too_long: bool,
    }
    impl<'a> Visitor<'a> for Short {
        fn open(&mut self, node: NodeR<'a>) -> bool {
            if self.too_long {
                return false;
            }
            if let Some(text) = node.value().as_text() {
                self.line.push_text(text);
                self.too_long = self.line.char_len_exceeds(self.max);
                return false;
            }
            match name_of(&node) {
                Some("script" | "style" | "table") => false,
                Some(name) => {
                    if super::tree::is_block(name) || name == "br" {
                        self.line.soft_break();
                    }
                    true
                }
                None => false,
            }
        }
        fn close(&mut self, _: NodeR<'a>) {}
    }
    let mut short = Short {
        line: LineBuf::default(),
        max,
        too_long: false,
    };
    walk(node, &mut short);
    (!short.too_long).then(|| short.line.take())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> &'static [String] {
        &rules().page_labels
    }

    #[test]
    fn labels_and_inline_fields() {
        assert_eq!(label_key("索 引 号：", labels()).as_deref(), Some("索引号"));
        assert_eq!(
            label_key("标\u{3000}\u{3000}题：", labels()).as_deref(),
            Some("标题")
        );
        assert_eq!(label_key("发文字号", labels()).as_deref(), Some("发文字号"));
        assert_eq!(label_key("附件：", labels()).as_deref(), Some("附件"));
        assert_eq!(label_key("国务院", labels()), None);
        assert_eq!(label_key("2018年11月16日：", labels()), None);
        assert_eq!(label_key("", labels()), None);
        assert_eq!(
            inline_field("发文字号：国发〔2018〕39号", labels()),
            Some(("发文字号".to_owned(), "国发〔2018〕39号".to_owned()))
        );
        assert_eq!(inline_field("牵头单位：省经信厅", labels()), None);
        assert_eq!(inline_field("文号：", labels()), None);
    }
}
