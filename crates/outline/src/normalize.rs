//! The matching copy of a text, and the way back to the original.
//!
//! Headings, dates and 文号 are matched on a normalised copy in which full-width digits and
//! Latin letters are folded to ASCII (`１２` → `12`), every kind of space (U+3000 ideographic,
//! U+00A0 no-break, the U+2000 family) becomes `' '`, lone `\r` and U+2028/U+2029 become `'\n'`,
//! and invisible characters (`\r` before `\n`, zero-width spaces and joiners, BOM, soft hyphen)
//! are dropped. Nothing else changes: full-width brackets and punctuation (（ ） ， ． 、 〔 〕)
//! stay as they are, because the patterns are written with them and because NFKC would turn
//! （ into ( and ， into , (see ../shared/NOTES.md).
//!
//! Every original character becomes at most one normalised character, so the map back is
//! described by the dropped positions alone: [`OffsetMap`] answers "which original character is
//! normalised character `n`" for every `n` with a binary search, in memory proportional to the
//! number of dropped characters (usually none).
//!
//! Offsets in this module are **character** offsets, as everywhere in the workspace; [`CharIndex`]
//! converts between character and byte offsets of one string in constant time.

use policykg_read::Span;

/// A normalised copy of a text and the map from its offsets back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// Maps character offsets of a [`Normalized`] text back to character offsets of the original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Original character offsets of the dropped characters, ascending.
    dropped: Vec<usize>,
    /// Length of the original in characters.
    original_len: usize,
}

impl OffsetMap {
    /// The original character offset of normalised character `n`. `n` equal to the normalised
    /// length maps to the original length.
    pub fn original(&self, n: usize) -> usize {
        // The j-th dropped character has d_j - j kept characters before it; normalised character
        // n comes after every dropped character with d_j - j <= n.
        (n + partition(&self.dropped, n)).min(self.original_len)
    }

    /// The original span of normalised characters `[start, end)`: from the original of `start`
    /// to just after the original of `end - 1`, so that a span never swallows a dropped
    /// character at its end.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.original(start);
        if end <= start {
            return Span::new(s, s);
        }
        let e = self.original(end - 1) + 1;
        Span::new(s, e.max(s))
    }

    /// Whether normalising dropped any character (when not, offsets are the same in both texts).
    pub fn is_identity(&self) -> bool {
        self.dropped.is_empty()
    }

    /// Number of characters of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }
}

/// Number of dropped characters `j` with `dropped[j] - j <= n`.
fn partition(dropped: &[usize], n: usize) -> usize {
    // dropped[j] - j is non-decreasing, so this is a partition point.
    let (mut lo, mut hi) = (0, dropped.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if dropped[mid] - mid <= n {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// What normalisation does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    Keep,
    Drop,
    To(char),
}

fn fold(c: char, next: Option<char>) -> Fold {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            Fold::To(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
        }
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
            Fold::To(' ')
        }
        '\r' if next == Some('\n') => Fold::Drop,
        '\r' | '\u{2028}' | '\u{2029}' => Fold::To('\n'),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Fold::Drop,
        _ => Fold::Keep,
    }
}

/// Whether a byte can start a character that [`fold`] changes: `\r`, and the lead bytes of the
/// U+00A0 (C2), U+2000..U+206F (E2 80/81), U+3000 (E3 80) and U+FExx/U+FFxx (EF) characters.
#[inline]
fn may_fold(b: u8) -> bool {
    matches!(b, b'\r' | 0xC2 | 0xE2 | 0xE3 | 0xEF)
}

/// Normalise `original` (see the module documentation).
pub fn normalize(original: &str) -> Normalized {
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    let mut dropped = Vec::new();
    // Characters of `original` before `run_start` have been handled; `chars` counts them.
    let mut run_start = 0;
    let mut chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if !may_fold(bytes[i]) {
            i += 1;
            continue;
        }
        // A candidate character starts at byte i (a lead byte or '\r', so a char boundary).
        let mut it = original[i..].chars();
        let Some(c) = it.next() else { break };
        let action = fold(c, it.next());
        if action == Fold::Keep {
            i += c.len_utf8();
            continue;
        }
        let run = &original[run_start..i];
        text.push_str(run);
        chars += count_chars(run);
        match action {
            Fold::Drop => dropped.push(chars),
            Fold::To(f) => text.push(f),
            Fold::Keep => {}
        }
        chars += 1;
        i += c.len_utf8();
        run_start = i;
    }
    let run = &original[run_start..];
    text.push_str(run);
    chars += count_chars(run);
    Normalized {
        text,
        map: OffsetMap {
            dropped,
            original_len: chars,
        },
    }
}

/// Number of characters of `s`: its bytes that do not continue a UTF-8 sequence.
#[inline]
pub fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Constant-time conversion between character and byte offsets of one string: the byte offset
/// of every [`CharIndex::STRIDE`]-th character is stored, and the rest is a short walk.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    marks: Vec<usize>,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    pub const STRIDE: usize = 64;

    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut marks = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut chars = 0usize;
        for (b, &byte) in text.as_bytes().iter().enumerate() {
            if (byte as i8) >= -0x40 {
                if chars % Self::STRIDE == 0 {
                    marks.push(b);
                }
                chars += 1;
            }
        }
        if marks.is_empty() {
            marks.push(0);
        }
        CharIndex { text, marks, chars }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        self.chars
    }

    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// Byte offset of character `c` (the text length for `c >= len`).
    pub fn byte(&self, c: usize) -> usize {
        if c >= self.chars {
            return self.text.len();
        }
        let mut b = self.marks[c / Self::STRIDE];
        let bytes = self.text.as_bytes();
        for _ in 0..c % Self::STRIDE {
            b += 1;
            while b < bytes.len() && (bytes[b] as i8) < -0x40 {
                b += 1;
            }
        }
        b
    }

    /// Character offset of byte `b` (which should be a char boundary; a byte inside a character
    /// counts as that character).
    pub fn char(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        let k = self.marks.partition_point(|&m| m <= b).saturating_sub(1);
        let start = self.marks[k];
        k * Self::STRIDE + count_chars_bytes(&self.text.as_bytes()[start..b])
    }

    /// The text of character span `span`.
    pub fn slice(&self, span: Span) -> &'a str {
        let s = self.byte(span.start);
        let e = self.byte(span.end).max(s);
        &self.text[s..e]
    }
}

fn count_chars_bytes(b: &[u8]) -> usize {
    b.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_letters_and_spaces_but_not_brackets() {
        let n = normalize("（１）ＡＢ　１２．３，ｘ\u{a0}");
        assert_eq!(n.text, "（1）AB 12．3，x ");
        assert!(n.map.is_identity());
        assert_eq!(n.map.original(3), 3);
    }

    #[test]
    fn dropped_characters_map_back() {
        let original = "a\u{200b}b\r\nc\u{feff}\u{feff}d";
        let n = normalize(original);
        assert_eq!(n.text, "ab\ncd");
        let orig: Vec<char> = original.chars().collect();
        let norm: Vec<char> = n.text.chars().collect();
        for (i, c) in norm.iter().enumerate() {
            assert_eq!(orig[n.map.original(i)], *c, "normalised {i}");
        }
        assert_eq!(n.map.original(norm.len()), orig.len());
        // "ab" is original [0, 3), "cd" spans the two BOMs.
        assert_eq!(n.map.span(0, 2), Span::new(0, 3));
        assert_eq!(n.map.span(3, 5), Span::new(5, 9));
        assert_eq!(n.map.span(1, 1), Span::new(2, 2));
    }

    #[test]
    fn lone_carriage_returns_become_line_breaks() {
        assert_eq!(normalize("a\rb\r\n").text, "a\nb\n");
    }

    #[test]
    fn char_index_round_trips() {
        let text = "一、总体要求\n（一）指导思想。".repeat(20);
        let idx = CharIndex::new(&text);
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.byte(c), b);
            assert_eq!(idx.char(b), c);
        }
        assert_eq!(idx.byte(idx.len()), text.len());
        assert_eq!(idx.char(text.len()), idx.len());
        assert_eq!(idx.slice(Span::new(2, 6)), "总体要求");
    }
}
