//! The original text, its normalised copy and its lines, with the offset conversions between
//! them. Built once per document and shared by the outline and metadata passes.

use policykg_read::Span;

use crate::normalize::{count_chars, CharIndex, Normalized};

/// One line of the normalised text (the same line of the original: line breaks are never
/// dropped or added by normalisation, apart from `\r` → `\n`, which the original also breaks
/// on for this purpose).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// Byte range in the normalised text, without the line break.
    pub start: usize,
    pub end: usize,
    /// Character offset of the line start in the normalised text.
    pub char_start: usize,
}

pub(crate) struct Text<'a> {
    pub original: CharIndex<'a>,
    pub norm: &'a Normalized,
    pub norm_index: CharIndex<'a>,
    pub lines: Vec<Line>,
}

impl<'a> Text<'a> {
    pub fn new(original: &'a str, norm: &'a Normalized) -> Text<'a> {
        let text = norm.text.as_str();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut char_start = 0;
        for nl in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
            lines.push(Line {
                start,
                end: nl,
                char_start,
            });
            char_start += count_chars(&text[start..nl]) + 1;
            start = nl + 1;
        }
        Text {
            original: CharIndex::new(original),
            norm,
            norm_index: CharIndex::new(text),
            lines,
        }
    }

    /// The normalised text of line `i`.
    pub fn line(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.norm_text()[l.start..l.end]
    }

    pub fn norm_text(&self) -> &'a str {
        self.norm_index.text()
    }

    /// Normalised character offset of byte `b` inside line `i`.
    pub fn char_in_line(&self, i: usize, b: usize) -> usize {
        let l = self.lines[i];
        l.char_start + count_chars(&self.norm_text()[l.start..l.start + b])
    }

    /// The original span of bytes `[lo, hi)` of line `i`.
    pub fn line_span(&self, i: usize, lo: usize, hi: usize) -> Span {
        let s = self.char_in_line(i, lo);
        let e = s + count_chars(&self.line(i)[lo..hi]);
        self.norm.map.span(s, e)
    }

    /// The original span of normalised bytes `[lo, hi)` of the whole text.
    pub fn norm_span(&self, lo: usize, hi: usize) -> Span {
        let s = self.norm_index.char(lo);
        let e = self.norm_index.char(hi);
        self.norm.map.span(s, e)
    }

    /// Original character offset of the start of line `i` (the text length past the end).
    pub fn line_start(&self, i: usize) -> usize {
        match self.lines.get(i) {
            // Just after the original of the preceding '\n', which is never dropped, so that
            // a dropped character at the start of the line belongs to the line.
            Some(l) if l.char_start > 0 => self.norm.map.original(l.char_start - 1) + 1,
            Some(_) => 0,
            None => self.original.len(),
        }
    }

    /// The original text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        self.original.slice(span)
    }

    /// The content of line `i`: its byte range without surrounding white space and without a
    /// Markdown heading mark ("## "); `None` for blank lines and markup (HTML comments).
    pub fn content(&self, i: usize) -> Option<(usize, usize)> {
        content(self.line(i))
    }
}

pub(crate) fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}'
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
        let t = Text::new(original, &norm);
        assert_eq!(t.lines.len(), 2);
        let (lo, hi) = t.content(0).unwrap();
        assert_eq!(t.slice(t.line_span(0, lo, hi)), "１．ab");
        let (lo, hi) = t.content(1).unwrap();
        assert_eq!(t.slice(t.line_span(1, lo, hi)), "第一条 x");
        assert_eq!(t.line_start(1), 8);
    }
}
