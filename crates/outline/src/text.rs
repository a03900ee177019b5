//! The original text, its normalised copy and its lines, with the offset conversions between
//! them. Built once per document and shared by the outline and metadata passes.
//!
//! Matching works on normalised bytes; results go back to the original through the
//! [`OffsetMap`](crate::normalize::OffsetMap) (bytes to bytes, exact because unchanged runs are
//! copied byte for byte), and to character offsets by counting from the start of their line,
//! whose character offset is recorded (a [`CharIndex`] takes over on very long lines).

use std::cell::OnceCell;

use policykg_ontology::Ontology;
use policykg_read::{CharIndex, Span};

use crate::normalize::{count_chars, Normalized};
use crate::numbering::cn_digit;
use crate::Style;

/// One line of the normalised text (byte range, without the line break), with where it starts
/// in the original, in bytes and in characters. A flattened line (a crawler's page written on
/// one line) is cut into several before each number that could open a heading, see
/// [`flattened_breaks`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    orig_byte: usize,
    orig_char: usize,
}

/// Offsets further than this from their line start are converted with a [`CharIndex`] (built
/// when first needed) rather than by counting from the line start, so that a 50 MB line costs
/// no more than 50 MB of short ones.
const LONG_LINE: usize = 4096;

pub(crate) struct Text<'a> {
    pub original: &'a str,
    pub norm: &'a Normalized,
    pub lines: Vec<Line>,
    chars: usize,
    index: OnceCell<CharIndex<'a>>,
}

impl<'a> Text<'a> {
    /// The lines of `original`; a flattened line is also cut before the closing notes of the
    /// ontology ("来源：…") and around a 落款 ([`flattened_breaks`]), so that a page's cover
    /// notice and its furniture after the notice are lines of their own.
    pub fn new(original: &'a str, norm: &'a Normalized, ontology: &Ontology) -> Text<'a> {
        let text = norm.text.as_bytes();
        let mut lines = Vec::with_capacity(text.len() / 64 + 1);
        let mut start = 0;
        let (mut prev_byte, mut chars) = (0, 0);
        for nl in memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len())) {
            // Just after the original of the line break before it (never dropped), so that a
            // dropped character opening the line belongs to the line.
            let mut orig_byte = norm.map.byte_end(start);
            let mut piece_start = start;
            for cut in flattened_breaks(&norm.text[start..nl], ontology)
                .into_iter()
                .map(|b| start + b)
                .chain(std::iter::once(nl))
            {
                chars += count_chars(&original[prev_byte..orig_byte]);
                prev_byte = orig_byte;
                lines.push(Line {
                    start: piece_start,
                    end: cut,
                    orig_byte,
                    orig_char: chars,
                });
                piece_start = cut;
                // A cut is before a heading number, which normalisation never drops.
                orig_byte = norm.map.byte_start(cut);
            }
            start = nl + 1;
        }
        chars += count_chars(&original[prev_byte..]);
        Text {
            original,
            norm,
            lines,
            chars,
            index: OnceCell::new(),
        }
    }

    /// Character offset of original byte `b` (a character boundary).
    fn char_of(&self, b: usize) -> usize {
        let k = self
            .lines
            .partition_point(|l| l.orig_byte <= b)
            .saturating_sub(1);
        match self.lines.get(k) {
            Some(l) if b - l.orig_byte <= LONG_LINE => {
                l.orig_char + count_chars(&self.original[l.orig_byte..b])
            }
            _ => self
                .index
                .get_or_init(|| CharIndex::new(self.original))
                .char_of_byte(b)
                .unwrap_or(0),
        }
    }

    /// The normalised text of line `i`.
    pub fn line(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.norm_text()[l.start..l.end]
    }

    pub fn norm_text(&self) -> &'a str {
        self.norm.text.as_str()
    }

    /// Length of the original in characters.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// The original byte range of normalised bytes `[lo, hi)` of the whole text.
    pub fn orig_bytes(&self, lo: usize, hi: usize) -> (usize, usize) {
        let s = self.norm.map.byte_start(lo);
        let e = if hi > lo {
            self.norm.map.byte_end(hi)
        } else {
            s
        };
        (s, e.max(s))
    }

    /// Character span of original bytes `[lo, hi)`.
    fn char_span(&self, lo: usize, hi: usize) -> Span {
        let s = self.char_of(lo);
        Span::new(s, self.char_of(hi).max(s))
    }

    /// The original span of normalised bytes `[lo, hi)` of the whole text.
    pub fn norm_span(&self, lo: usize, hi: usize) -> Span {
        let (s, e) = self.orig_bytes(lo, hi);
        self.char_span(s, e)
    }

    /// The original text of normalised bytes `[lo, hi)` of the whole text.
    pub fn norm_str(&self, lo: usize, hi: usize) -> &'a str {
        let (s, e) = self.orig_bytes(lo, hi);
        &self.original[s..e]
    }

    /// The original span of bytes `[lo, hi)` of line `i`.
    pub fn line_span(&self, i: usize, lo: usize, hi: usize) -> Span {
        let base = self.lines[i].start;
        self.norm_span(base + lo, base + hi)
    }

    /// The original text of bytes `[lo, hi)` of line `i`.
    pub fn line_str(&self, i: usize, lo: usize, hi: usize) -> &'a str {
        let base = self.lines[i].start;
        self.norm_str(base + lo, base + hi)
    }

    /// Original character offset of the start of line `i` (the text length past the end),
    /// before any dropped character that opens the line.
    pub fn line_start(&self, i: usize) -> usize {
        self.lines.get(i).map_or(self.chars, |l| l.orig_char)
    }

    /// The content of line `i`: its byte range without surrounding white space and without a
    /// Markdown heading mark ("## "); `None` for blank lines and markup (HTML comments).
    pub fn content(&self, i: usize) -> Option<(usize, usize)> {
        content(self.line(i))
    }
}

/// Lines longer than this many characters are read as flattened pages: real paragraphs are
/// shorter, while a crawler that drops the line breaks writes a whole notice on one line.
const FLATTENED: usize = 1500;

/// Where a flattened line (longer than [`FLATTENED`] characters) is cut: before each number that
/// could open a heading and follows white space or the end of a clause (。；：), so that the
/// sequence logic sees the headings such a page runs together ("…转化。 二、推进…",
/// "…制定本政策措施。第一条 …"), before a closing note of the ontology after white space, and
/// around the 落款 lines ([`signature_breaks`]). Byte offsets in `line`, ascending; empty for
/// other lines.
pub(crate) fn flattened_breaks(line: &str, ontology: &Ontology) -> Vec<usize> {
    let mut out = Vec::new();
    if line.len() <= FLATTENED || count_chars(line) <= FLATTENED {
        return out;
    }
    let notes = &ontology.words.closing_notes;
    let mut previous: Option<char> = None;
    // The last character before `i` that is not white space.
    let mut solid: Option<char> = None;
    for (i, c) in line.char_indices() {
        let after_clause = previous.is_some_and(|p| {
            is_space(p) || matches!(p, '。' | '；' | ';' | '：' | ':' | '！' | '？')
        });
        // A decimal section number ("…制定本预案。 1.2 等级划分") only after a finished
        // sentence: after a label or a figure it is a time or a quantity ("11:30 微信").
        let after_sentence = solid.is_some_and(|p| matches!(p, '。' | '；' | ';' | '！' | '？'));
        // "…厦门证监局七、加大…": a page run together may not even leave a space before 一、.
        let after_text =
            previous.is_some_and(|p| cn_digit(p).is_none() && !matches!(p, '十' | '百' | '第'));
        let cut = match crate::numbering::number_at(&line[i..]) {
            Some(n) if n.style == Style::CnComma => after_clause || after_text,
            Some(n) if n.style == Style::Decimal => after_clause && after_sentence,
            // "…补缴土地出让金征收标准及出让年限（一）住宅用地…。（二）…": a heading run into
            // its first sub-item, with no space left, when the line goes on to the second.
            Some(n) if n.style == Style::CnParen && n.ordinal == 1 => {
                let rest = &line[i + n.len..];
                after_clause || (after_text && (rest.contains("（二）") || rest.contains("(二)")))
            }
            Some(_) => after_clause,
            None => {
                previous.is_some_and(is_space)
                    && notes.iter().any(|w| line[i..].starts_with(w.as_str()))
            }
        };
        if cut {
            out.push(i);
        }
        previous = Some(c);
        if !is_space(c) {
            solid = Some(c);
        }
    }
    out.extend(signature_breaks(line, ontology));
    out.sort_unstable();
    out.dedup();
    out.retain(|&b| b > 0 && b < line.len());
    out
}

/// The verb of a 印发 note closing a page ("平潭综合实验区管委会办公室 2018年11月1日印发").
const ISSUED: &str = "印发";

/// Cuts around the 落款 of a page run together on one line: before and after a closing formula
/// that ends a sentence ("…现予以印发施行。 特此通知。 "), then around the issuer and the date
/// that follow it, so that a cover notice ends where the document it carries begins ("…办公室
/// 2015年1月9日平潭综合实验区…实施办法为加强…"); and before a 印发 note, an issuer and a date
/// followed by 印发 after the end of a sentence ("…同时废止。 平潭…办公室 2018年11月1日印发"),
/// so that the last item does not end in the page's furniture.
fn signature_breaks(line: &str, ontology: &Ontology) -> Vec<usize> {
    let mut out = Vec::new();
    let ends_sentence = |c: char| is_space(c) || matches!(c, '。' | '；' | '！' | '？');
    for formula in &ontology.words.closing_formulas {
        for (at, _) in line.match_indices(formula.as_str()) {
            if !line[..at].chars().next_back().is_some_and(ends_sentence) {
                continue;
            }
            // "特此通知。": the formula word and the two characters naming the act.
            let rest = &line[at + formula.len()..];
            let mut end = at + formula.len();
            for c in rest.chars().take(2) {
                if !crate::docnum::is_han(c) {
                    break;
                }
                end += c.len_utf8();
            }
            if line[end..].starts_with(['。', '！']) {
                end += '。'.len_utf8();
            }
            out.push(at);
            out.push(end);
            // The 落款: an issuer (or none) and a date, within a short distance.
            let after = &line[end..];
            let window: String = after.chars().take(60).collect();
            if let Some((d_at, _, d_len)) = crate::date::find_date(&window) {
                let who = window[..d_at].trim_matches(is_space);
                if who.is_empty() || crate::agency::agency_list(who, ontology).is_some() {
                    out.push(end + d_at);
                    out.push(end + d_at + d_len);
                }
            }
        }
    }
    for (at, _) in line.match_indices(ISSUED) {
        let before = line[..at].trim_end_matches(is_space);
        // The date just before 印发, then the issuer back to the end of the sentence before it.
        let Some(d_at) = (before.len().saturating_sub(40)..before.len())
            .filter(|&i| before.is_char_boundary(i))
            .find(|&i| {
                crate::date::date_at(&before[i..]).is_some_and(|(_, n)| i + n == before.len())
            })
        else {
            continue;
        };
        let head = &before[..d_at];
        let start = head.rfind(['。', '；', '！', '？']).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let who = head[start..].trim_matches(is_space);
        if !who.is_empty() && crate::agency::agency_list(who, ontology).is_some() {
            out.push(
                start + (head[start..].len() - head[start..].trim_start_matches(is_space).len()),
            );
        }
    }
    out
}

/// White space inside a line (Unicode White_Space: U+3000 and U+00A0 included).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// See [`Text::content`].
pub(crate) fn content(line: &str) -> Option<(usize, usize)> {
    let trimmed_start = line.len() - line.trim_start_matches(is_space).len();
    let hi = line.trim_end_matches(is_space).len();
    if hi <= trimmed_start {
        return None;
    }
    let mut lo = trimmed_start;
    let body = &line[lo..hi];
    if body.starts_with("<!--") && body.ends_with("-->") {
        return None;
    }
    // Markdown heading marks: 1 to 6 '#' and a space.
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with(is_space) {
        lo += hashes;
        lo += line[lo..hi].len() - line[lo..hi].trim_start_matches(is_space).len();
    }
    // Markdown bold around a whole heading: "**一、总体要求**".
    if line[lo..hi].starts_with("**") && line[lo..hi].len() > 4 {
        lo += 2;
        lo += line[lo..hi].len() - line[lo..hi].trim_start_matches(is_space).len();
    }
    (hi > lo).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn content_strips_space_markdown_and_comments() {
        assert_eq!(content("   一、x  "), Some((3, 3 + "一、x".len())));
        let l = "## 第一章  总则";
        let (lo, hi) = content(l).unwrap();
        assert_eq!(&l[lo..hi], "第一章  总则");
        assert_eq!(content("<!-- INFO END -->"), None);
        assert_eq!(content("   "), None);
        assert_eq!(content("#hashtag"), Some((0, 8)));
    }

    #[test]
    fn spans_map_to_the_original() {
        let original = "\u{3000}\u{3000}１．ab\r\n\u{200b}第一条 x";
        let norm = normalize(original);
        let t = Text::new(original, &norm, Ontology::bundled());
        assert_eq!(t.lines.len(), 2);
        let (lo, hi) = t.content(0).unwrap();
        assert_eq!(t.line_str(0, lo, hi), "１．ab");
        assert_eq!(t.line_span(0, lo, hi), Span::new(2, 6));
        let (lo, hi) = t.content(1).unwrap();
        assert_eq!(t.line_str(1, lo, hi), "第一条 x");
        assert_eq!(t.line_span(1, lo, hi), Span::new(9, 14));
        assert_eq!(t.line_start(1), 8);
    }

    /// Dev 047 is one line of 5000 characters: it is cut before each measure, also where no
    /// space is left ("…厦门证监局七、加大…"), and before the page furniture after the last one.
    #[test]
    fn flattened_lines_are_cut_before_headings_and_notes() {
        let measure = "责任单位：福建省税务局，省财政厅，福建证监局、厦门市税务局、厦门证监局七、加大大学生创新创业普惠金融支持力度。鼓励金融机构按照市场化、商业可持续原则对大学生创业项目提供金融服务。 ";
        let last = "十、加强大学生创新创业宣传引导。 责任单位：省教育厅、人社厅 文件下载.pdf 来源：平潭综合实验区管委会办公室 附件下载";
        let line = format!("{}{last}", measure.repeat(20));
        let cuts = flattened_breaks(&line, Ontology::bundled());
        let starts: Vec<&str> = cuts.iter().map(|&c| &line[c..c + "七、".len()]).collect();
        assert_eq!(starts.iter().filter(|s| **s == "七、").count(), 20);
        let tail: Vec<&str> = cuts
            .iter()
            .filter(|&&c| c >= line.len() - last.len())
            .map(|&c| line[c..].split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(
            tail,
            [
                "十、加强大学生创新创业宣传引导。",
                "文件下载.pdf",
                "来源：平潭综合实验区管委会办公室",
                "附件下载"
            ]
        );
        // A paragraph of ordinary length is never cut: "：1." inside it is a clause.
        assert!(flattened_breaks(
            "本政策措施适用对象必须符合以下条件：1.必须为新设立的公司；2.企业实际入驻运营。",
            Ontology::bundled()
        )
        .is_empty());
    }
}
