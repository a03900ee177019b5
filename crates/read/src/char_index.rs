//! Byte offsets ↔ character offsets of one text.
//!
//! Rust slices strings by byte, but every [`Span`] in this workspace counts characters (so a
//! researcher slicing `Document::text` in Python gets the same string). Stages that find things
//! with byte-based tools (regex, memchr) convert through a [`CharIndex`].
//!
//! It stores the byte offset of every [`STRIDE`]-th character: a conversion is a binary search
//! (byte → char) or a direct lookup (char → byte) plus a scan of at most `STRIDE` characters.
//! Memory is one `u32` per `STRIDE` characters, under 2% of the text for Chinese (3 bytes per
//! character) and nothing at all for ASCII text, where offsets coincide.

use std::ops::Range;

use crate::document::Span;

/// Characters between checkpoints. Small enough that the scan after the lookup is a few cache
/// lines, large enough that the table is tiny.
pub const STRIDE: usize = 64;

/// Converts between byte and character offsets of the text it was built from.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of character `i * STRIDE`; empty when the text is ASCII.
    checkpoints: Vec<u32>,
    chars: usize,
    ascii: bool,
}

impl<'a> CharIndex<'a> {
    /// Index `text`. O(n) once. Texts over 4 GiB are indexed by scanning (the checkpoint table
    /// stores `u32`), which keeps answers right at the cost of speed; the reader refuses such
    /// files long before.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                text,
                checkpoints: Vec::new(),
                chars: text.len(),
                ascii: true,
            };
        }
        let fits = u32::try_from(text.len()).is_ok();
        let mut checkpoints = Vec::new();
        let chars = if fits {
            checkpoints.reserve(text.len() / (STRIDE * 2) + 1);
            // Eight bytes at a time: a word's characters are its bytes minus its continuation
            // bytes (0b10xxxxxx), counted with one popcount; only a word where a checkpoint's
            // character starts is walked byte by byte. Decoding every character
            // (`char_indices`) was 1.2 % of read + outline + extract.
            let bytes = text.as_bytes();
            let (mut at, mut n, mut next) = (0usize, 0usize, 0usize);
            let mut words = bytes.chunks_exact(8);
            for word in &mut words {
                let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                let starts = 8 - continuations(w);
                if next < n + starts {
                    walk(at, word, &mut n, &mut next, &mut checkpoints);
                } else {
                    n += starts;
                }
                at += 8;
            }
            walk(at, words.remainder(), &mut n, &mut next, &mut checkpoints);
            n
        } else {
            text.chars().count()
        };
        CharIndex {
            text,
            checkpoints,
            chars,
            ascii: false,
        }
    }

    /// The text this index was built from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of characters in the text.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// Character offset of byte offset `byte`, or `None` when `byte` is past the end or not on a
    /// character boundary. `byte == text.len()` gives the character count.
    pub fn char_of_byte(&self, byte: usize) -> Option<usize> {
        if !self.text.is_char_boundary(byte) {
            return None;
        }
        if self.ascii {
            return Some(byte);
        }
        if byte == self.text.len() {
            return Some(self.chars);
        }
        let (base_char, base_byte) = if self.checkpoints.is_empty() {
            (0, 0)
        } else {
            let slot = match self.checkpoints.binary_search(&(byte as u32)) {
                Ok(slot) => slot,
                Err(insert) => insert - 1, // checkpoints[0] == 0 <= byte
            };
            (slot * STRIDE, self.checkpoints[slot] as usize)
        };
        Some(base_char + self.text[base_byte..byte].chars().count())
    }

    /// Byte offset of character offset `char`, or `None` when past the end. `char ==
    /// len_chars()` gives the text's byte length.
    pub fn byte_of_char(&self, char: usize) -> Option<usize> {
        if char > self.chars {
            return None;
        }
        if self.ascii {
            return Some(char);
        }
        if char == self.chars {
            return Some(self.text.len());
        }
        let (base_char, base_byte) = if self.checkpoints.is_empty() {
            (0, 0)
        } else {
            let slot = char / STRIDE;
            (slot * STRIDE, self.checkpoints[slot] as usize)
        };
        Some(nth_char_byte(
            self.text.as_bytes(),
            base_byte,
            char - base_char,
        ))
    }

    /// The character span of a byte range, or `None` when either end is invalid.
    pub fn span_of_bytes(&self, bytes: Range<usize>) -> Option<Span> {
        if bytes.start > bytes.end {
            return None;
        }
        let start = self.char_of_byte(bytes.start)?;
        let end = self.char_of_byte(bytes.end)?;
        Some(Span { start, end })
    }

    /// The byte range of a character span, or `None` when it runs past the end.
    pub fn bytes_of_span(&self, span: Span) -> Option<Range<usize>> {
        if span.start > span.end {
            return None;
        }
        let start = self.byte_of_char(span.start)?;
        let end = self.byte_of_char(span.end)?;
        Some(start..end)
    }

    /// The text a character span covers.
    pub fn slice(&self, span: Span) -> Option<&'a str> {
        self.bytes_of_span(span).map(|range| &self.text[range])
    }
}

/// Counts the characters starting in `chunk` (at byte `at` of the text) into `n`, recording the
/// byte offset of character `next` and moving `next` on by [`STRIDE`] when it starts there.
fn walk(at: usize, chunk: &[u8], n: &mut usize, next: &mut usize, checkpoints: &mut Vec<u32>) {
    for (k, &b) in chunk.iter().enumerate() {
        if !is_continuation(b) {
            if *n == *next {
                checkpoints.push((at + k) as u32);
                *next += STRIDE;
            }
            *n += 1;
        }
    }
}

/// Byte offset of the `k`-th character after byte `from` (a character boundary), which must
/// exist: whole words of eight bytes are skipped by counting their characters (this runs for
/// every offset conversion, up to [`STRIDE`] characters each).
fn nth_char_byte(bytes: &[u8], from: usize, k: usize) -> usize {
    let (mut at, mut left) = (from, k);
    while at + 8 <= bytes.len() {
        let word: [u8; 8] = bytes[at..at + 8].try_into().unwrap_or([0; 8]);
        let starts = 8 - continuations(u64::from_le_bytes(word));
        if starts > left {
            break;
        }
        left -= starts;
        at += 8;
    }
    // The character starts within the next eight bytes (or the tail): walk them.
    for (offset, &b) in bytes[at..].iter().enumerate() {
        if !is_continuation(b) {
            if left == 0 {
                return at + offset;
            }
            left -= 1;
        }
    }
    bytes.len()
}

/// The number of continuation bytes in eight bytes read as a little-endian word.
#[inline]
fn continuations(w: u64) -> usize {
    (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones() as usize
}

/// Whether `byte` continues a UTF-8 sequence rather than starting a character.
#[inline]
fn is_continuation(byte: u8) -> bool {
    (byte as i8) < -64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offset_round_trips() {
        let text = "第一条 为了持续优化营商环境，a😀bé\n".repeat(20);
        let index = CharIndex::new(&text);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            assert_eq!(index.char_of_byte(byte), Some(chars));
            assert_eq!(index.byte_of_char(chars), Some(byte));
            chars += 1;
        }
        assert_eq!(index.len_chars(), chars);
        assert_eq!(index.char_of_byte(text.len()), Some(chars));
        assert_eq!(index.byte_of_char(chars), Some(text.len()));
        assert_eq!(index.byte_of_char(chars + 1), None);
        assert_eq!(index.char_of_byte(1), None);
        assert_eq!(index.char_of_byte(text.len() + 1), None);
        assert_eq!(index.slice(Span::new(4, 8)), Some("为了持续"));
    }

    #[test]
    fn ascii_and_empty() {
        let index = CharIndex::new("abc");
        assert_eq!(index.char_of_byte(2), Some(2));
        assert_eq!(index.byte_of_char(3), Some(3));
        assert_eq!(index.byte_of_char(4), None);
        let empty = CharIndex::new("");
        assert_eq!(empty.char_of_byte(0), Some(0));
        assert_eq!(empty.byte_of_char(0), Some(0));
        assert_eq!(empty.len_chars(), 0);
    }
}
