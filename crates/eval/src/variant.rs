//! Metamorphic variants of a document: the same notice in another presentation that real users'
//! files have (a page saved as text, GB18030 bytes, text copied out of a PDF, half-width
//! punctuation). The facts are the same, so the gold is the same, and a field that scores lower
//! on a variant than on the original shows a rule that depends on presentation.
//!
//! Every transformation is deterministic (positions are fixed by counting, never random), so the
//! figures are reproducible and can be asserted in tests.

use policykg_read::{Document, FieldOrigin, Format, Limits};
use policykg_text::is_han;

/// A presentation of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// An HTML or Markdown document as a user copying the page saves it: the reader's own text,
    /// one block per line (table rows with tab-separated cells), the page's label table
    /// (发文机关 / 成文日期 …) as `label：value` lines above it, Markdown marks left out; read back as
    /// `.txt`.
    Text,
    /// The bytes re-encoded as GB18030; an HTML charset declaration changed to a GB label or
    /// removed (alternately, by the file name), so that both the declared and the detected paths
    /// are taken.
    Gbk,
    /// Text as copied out of a PDF: lines broken inside sentences every 30–40 characters, table
    /// cells separated by spaces, and spaces between some characters (`第 一 条`, `二 、`, `500 万元`, one CJK pair in 41).
    Pdf,
    /// Punctuation widths swapped: full-width colons, parentheses and 〔〕 become `:` `()` `[]`,
    /// commas inside parentheses and on label lines become `,`; half-width `:` `()` `,` next to
    /// CJK text become full-width. In HTML only text is touched, never markup.
    Width,
    /// A document with tables saved as text by a tool that writes each table cell on a line of
    /// its own (a text browser's dump, `get_text("\n")`): the text variant with every
    /// tab-separated row written one cell a line, empty cells writing none.
    Cells,
}

impl Variant {
    pub const ALL: [Variant; 5] = [
        Variant::Text,
        Variant::Gbk,
        Variant::Pdf,
        Variant::Width,
        Variant::Cells,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Text => "text",
            Variant::Gbk => "gbk",
            Variant::Pdf => "pdf",
            Variant::Width => "width",
            Variant::Cells => "cells",
        }
    }

    pub fn parse(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// A transformed file: the name it is read under (its extension is the format hint) and its bytes.
#[derive(Debug, Clone)]
pub struct Transformed {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// `variant` of the file `name` with `bytes`; `None` when the variant does not apply (`text` of
/// a plain-text file, `gbk` of a file that is not UTF-8). `shown_title` is the title the page
/// shows above its body (the original's extracted title): an HTML page often prints it outside
/// the container the reader takes as the content, and a user copying the page copies it.
pub fn transform(
    variant: Variant,
    name: &str,
    bytes: &[u8],
    shown_title: Option<&str>,
    limits: &Limits,
) -> Result<Option<Transformed>, String> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let read = || policykg_read::read_bytes(name, bytes, limits).map_err(|e| e.to_string());
    match variant {
        Variant::Text => {
            let doc = read()?;
            if doc.format == Format::Text {
                return Ok(None);
            }
            Ok(Some(Transformed {
                name: format!("{stem}.txt"),
                bytes: as_copied_text(&doc, shown_title).into_bytes(),
            }))
        }
        Variant::Gbk => {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Ok(None);
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let text = if read()?.format == Format::Html {
                redeclare_charset(text, name)
            } else {
                text.to_owned()
            };
            let (encoded, _, unmappable) = encoding_rs::GB18030.encode(&text);
            if unmappable {
                return Err("a character GB18030 cannot encode".to_owned());
            }
            Ok(Some(Transformed {
                name: name.to_owned(),
                bytes: encoded.into_owned(),
            }))
        }
        Variant::Pdf => {
            let doc = read()?;
            Ok(Some(Transformed {
                name: format!("{stem}.txt"),
                bytes: as_pdf_text(&as_copied_text(&doc, shown_title), pdf_width(name))
                    .into_bytes(),
            }))
        }
        Variant::Cells => {
            let doc = read()?;
            if doc.tables.is_empty() {
                return Ok(None);
            }
            Ok(Some(Transformed {
                name: format!("{stem}.txt"),
                bytes: one_cell_a_line(&as_copied_text(&doc, shown_title)).into_bytes(),
            }))
        }
        Variant::Width => {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Ok(None);
            };
            let out = if read()?.format == Format::Html {
                swap_html_text(text)
            } else {
                swap_widths(text)
            };
            Ok(Some(Transformed {
                name: name.to_owned(),
                bytes: out.into_bytes(),
            }))
        }
    }
}

/// The document as a user copying it would save it: the page's label table, the title the
/// page shows when the content does not hold it, then the text. Markdown heading marks and
/// HTML comments are not what a reader sees.
fn as_copied_text(doc: &Document, shown_title: Option<&str>) -> String {
    let mut out = String::new();
    for f in doc
        .fields
        .iter()
        .filter(|f| f.origin == FieldOrigin::PageTable)
    {
        out.push_str(&format!("{}：{}\n", f.key, f.value));
    }
    for f in doc
        .fields
        .iter()
        .filter(|f| f.origin == FieldOrigin::FrontMatter)
    {
        out.push_str(&format!("{}：{}\n", f.key, f.value));
    }
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if let Some(title) = shown_title.filter(|t| !squeeze(&doc.text).contains(&squeeze(t))) {
        out.push_str(title);
        out.push('\n');
    }
    let markdown = doc.format == Format::Markdown;
    let mut in_comment = false;
    for line in doc.text.lines() {
        let mut line = line;
        if markdown {
            let t = line.trim();
            if in_comment || t.starts_with("<!--") {
                in_comment = !t.ends_with("-->");
                continue;
            }
            let hashes = t.chars().take_while(|&c| c == '#').count();
            if hashes > 0 && t[hashes..].starts_with(' ') {
                line = t[hashes..].trim_start();
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `text` with each tab-separated row written one cell a line, its empty cells left out.
pub fn one_cell_a_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !line.contains('\t') {
            out.push_str(line);
            continue;
        }
        for cell in line.split('\t').map(str::trim).filter(|c| !c.is_empty()) {
            out.push_str(cell);
            out.push('\n');
        }
    }
    out
}

fn is_cn_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千两".contains(c)
}

/// The line width of a document's PDF, in CJK characters: 30 to 40, fixed by its file name.
pub fn pdf_width(name: &str) -> usize {
    30 + name.bytes().map(usize::from).sum::<usize>() % 11
}

/// The width of `c` on a page, in halves of a CJK character: ASCII takes half the room.
fn half_columns(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Hard line breaks where a line of `width` CJK characters is full (ASCII counting half, as
/// a PDF lays text out), and spaces at fixed positions: inside `第X条` at a line start (every
/// other article), before `、` of a heading number (every other heading), at every third
/// boundary between a digit and a CJK character, and between two CJK characters once in 41.
pub fn as_pdf_text(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut articles = 0usize;
    let mut headings = 0usize;
    let mut boundaries = 0usize;
    let mut pairs = 0usize;
    for line in text.lines() {
        // A PDF's table cells copy as text separated by spaces, not tabs.
        let chars: Vec<char> = line
            .trim_end()
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
        // The positions after which a space goes.
        let mut space_after = vec![false; chars.len()];
        let body = &chars[lead..];
        if body.first() == Some(&'第') {
            let n = body[1..].iter().take_while(|&&c| is_cn_numeral(c)).count();
            if n > 0 && body.get(1 + n) == Some(&'条') {
                articles += 1;
                if articles % 2 == 1 {
                    space_after[lead] = true;
                    space_after[lead + n] = true;
                }
            }
        }
        let n = body.iter().take_while(|&&c| is_cn_numeral(c)).count();
        if n > 0 && body.get(n) == Some(&'、') {
            headings += 1;
            if headings % 2 == 1 {
                space_after[lead + n - 1] = true;
            }
        }
        for k in lead..chars.len().saturating_sub(1) {
            let (c, d) = (chars[k], chars[k + 1]);
            if (c.is_ascii_digit() && is_han(d)) || (is_han(c) && d.is_ascii_digit()) {
                boundaries += 1;
                if boundaries % 3 == 1 {
                    space_after[k] = true;
                }
            } else if is_han(c) && is_han(d) {
                pairs += 1;
                if pairs % 41 == 0 {
                    space_after[k] = true;
                }
            }
        }
        let mut spaced: Vec<char> = Vec::with_capacity(chars.len() + 8);
        for (k, &c) in chars.iter().enumerate() {
            spaced.push(c);
            if space_after[k] && k + 1 < chars.len() {
                spaced.push(' ');
            }
        }
        if spaced.is_empty() {
            out.push('\n');
            continue;
        }
        let mut used = 0;
        for c in spaced {
            if used + half_columns(c) > width * 2 {
                out.push('\n');
                used = 0;
            }
            out.push(c);
            used += half_columns(c);
        }
        out.push('\n');
    }
    out
}

/// [`swap_widths`] applied to the text of an HTML page only: markup, scripts, styles and
/// comments are copied as they are.
pub fn swap_html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let Some(lt) = rest.find('<') else {
            out.push_str(&swap_widths(rest));
            return out;
        };
        out.push_str(&swap_widths(&rest[..lt]));
        rest = &rest[lt..];
        let lower: String = rest
            .chars()
            .take(9)
            .collect::<String>()
            .to_ascii_lowercase();
        let end = if lower.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if lower.starts_with("<script") || lower.starts_with("<style") {
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            let low = rest.to_ascii_lowercase();
            low.find(close)
                .and_then(|i| rest[i..].find('>').map(|j| i + j + 1))
        } else {
            rest.find('>').map(|i| i + 1)
        };
        let end = end.unwrap_or(rest.len());
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
}

/// Full-width `：（）〔〕` become `:()[]`, `，` inside parentheses or on a label line (a colon
/// among its first ten characters) becomes `,`; half-width `:` after a CJK character, `(`
/// before a CJK character or a digit (with its closing `)`), and `,` between CJK characters
/// become full-width.
pub fn swap_widths(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let _ = i;
        let chars: Vec<char> = line.chars().collect();
        let label = chars.iter().take(10).any(|&c| c == '：' || c == ':');
        // For each open parenthesis on the line, whether it became full-width.
        let mut open: Vec<bool> = Vec::new();
        for (k, &c) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(k + 1).copied();
            let swapped = match c {
                '：' => ':',
                ':' if prev.is_some_and(is_han) => '：',
                '（' => {
                    open.push(false);
                    '('
                }
                '(' => {
                    let full =
                        prev != Some(']') && next.is_some_and(|n| is_han(n) || n.is_ascii_digit());
                    open.push(full);
                    if full {
                        '（'
                    } else {
                        '('
                    }
                }
                '）' | ')' => {
                    if open.pop().unwrap_or(c == ')') {
                        '）'
                    } else {
                        ')'
                    }
                }
                '〔' => '[',
                '〕' => ']',
                '，' if label || !open.is_empty() => ',',
                ',' if prev.is_some_and(is_han) && next.is_some_and(is_han) => '，',
                other => other,
            };
            out.push(swapped);
        }
    }
    out
}

/// Changes the charset an HTML page declares to a GB label, or removes the declaration,
/// alternately by the file name (so both happen over a corpus).
fn redeclare_charset(html: &str, name: &str) -> String {
    let pick = name.bytes().map(usize::from).sum::<usize>() % 3;
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    let mut search = 0;
    while let Some(i) = lower[search..].find("<meta") {
        let start = search + i;
        let Some(len) = lower[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        search = end;
        let tag = &lower[start..end];
        let Some(c) = tag.find("charset") else {
            continue;
        };
        out.push_str(&html[from..start]);
        from = end;
        if pick == 2 {
            continue;
        }
        let label = if pick == 0 { "gb2312" } else { "GBK" };
        // The value after `charset=`, quoted or not.
        let after = &tag[c + "charset".len()..];
        let eq = after.find('=').map_or(0, |e| e + 1);
        let value_start = c + "charset".len() + eq;
        let v = &tag[value_start..];
        let skip = v
            .chars()
            .take_while(|&ch| ch == '"' || ch == '\'' || ch == ' ')
            .count();
        let value_len = v[skip..]
            .find(|ch: char| {
                ch == '"' || ch == '\'' || ch == ';' || ch == ' ' || ch == '>' || ch == '/'
            })
            .unwrap_or(v.len() - skip);
        let original = &html[start..end];
        out.push_str(&original[..value_start + skip]);
        out.push_str(label);
        out.push_str(&original[value_start + skip + value_len..]);
    }
    out.push_str(&html[from..]);
    out
}

/// The comparison form of gold and extracted text under [`Variant::Width`]: the punctuation the
/// variant swaps, folded to half-width on both sides.
pub fn fold_punctuation(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '，' => ',',
            other => other,
        })
        .collect()
}

/// A gold text as the width variant writes it (and folded as [`fold_punctuation`]): 〔〕 as `[]`.
pub fn gold_as_swapped(s: &str) -> String {
    fold_punctuation(s)
        .chars()
        .map(|c| match c {
            '〔' => '[',
            '〕' => ']',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_swap_both_ways() {
        assert_eq!(
            swap_widths("牵头单位：省财政厅，省发改委\n（省财政厅、省商务厅负责）"),
            "牵头单位:省财政厅,省发改委\n(省财政厅、省商务厅负责)"
        );
        assert_eq!(
            swap_widths("赣府厅发〔2020〕10号，见(一)与附件:"),
            "赣府厅发[2020]10号，见（一）与附件："
        );
        assert_eq!(
            swap_widths("[链接](http://a.b) 9:00"),
            "[链接](http://a.b) 9:00"
        );
    }

    #[test]
    fn html_markup_is_left_alone() {
        assert_eq!(
            swap_html_text("<p style=\"a:b\">一、任务：(一)</p><script>x(1)</script>"),
            "<p style=\"a:b\">一、任务:（一）</p><script>x(1)</script>"
        );
    }

    #[test]
    fn charset_is_redeclared() {
        let html = "<head><meta charset=\"utf-8\"><title>t</title></head>";
        let out: Vec<String> = ["a.html", "b.html", "c.html"]
            .iter()
            .map(|n| redeclare_charset(html, n))
            .collect();
        assert!(out.iter().any(|o| o.contains("charset=\"gb2312\"")));
        assert!(out.iter().any(|o| o.contains("charset=\"GBK\"")));
        assert!(out.iter().any(|o| o == "<head><title>t</title></head>"));
    }

    #[test]
    fn pdf_text_breaks_lines_and_spaces_numbers() {
        let text = "第一条 为了加强绿色建筑管理，推动本市资源节约型、环境友好型社会建设，根据有关法律，结合本市实际，制定本办法。\n二、主要任务\n";
        let out = as_pdf_text(text, 36);
        assert!(out.starts_with("第 一 条 为了"));
        assert!(out.contains("二 、主要任务"));
        assert!(out.lines().all(|l| l.chars().count() <= 40));
        let squeezed: String = out.chars().filter(|c| !c.is_whitespace()).collect();
        let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(squeezed, original);
    }
}
