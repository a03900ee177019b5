//! Full-width folding: the matching copy of a text and the way back to the original, and the
//! same folding one character at a time for comparison keys.
//!
//! Headings, dates and 文号 are matched on a normalised copy in which full-width digits and
//! Latin letters are folded to ASCII (`１２` → `12`), every kind of space (U+3000 ideographic,
//! U+00A0 no-break, the U+2000 family) becomes `' '`, lone `\r` and U+2028/U+2029 become `'\n'`,
//! and invisible characters (`\r` before `\n`, zero-width spaces and joiners, BOM, soft hyphen)
//! are dropped. Nothing else changes: full-width brackets and punctuation (（ ） ， ． 、 〔 〕)
//! stay as they are, because the patterns are written with them and because NFKC would turn
//! （ into ( and ， into , (see ../shared/NOTES.md).
//!
//! Every original character becomes at most one normalised character, and everything between
//! two changed characters is copied byte for byte. So the map back is a short list of sync
//! points, one per changed character (usually a few per line, often none): [`OffsetMap`] answers
//! for every normalised offset, in characters ([`OffsetMap::original`]) or in bytes
//! ([`OffsetMap::byte_start`], [`OffsetMap::byte_end`]), with a binary search, in memory
//! proportional to the number of changed characters.
//!
//! Offsets are what every `Span` of the project counts: Unicode scalar values of the original.

use std::ops::Range;

/// A normalised copy of a text and the map from its offsets back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// Maps offsets of a [`Normalized`] text back to offsets of the original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (normalised byte, original byte) just after every changed character; from each point on,
    /// bytes are copied one to one until the next point.
    after: Vec<(usize, usize)>,
    /// (normalised byte, original byte) just before every dropped character, for span ends
    /// (a span never swallows a dropped character at its end).
    before_drop: Vec<(usize, usize)>,
    /// Original character offsets of the dropped characters, ascending.
    dropped: Vec<usize>,
    /// Length of the original in characters.
    original_len: usize,
}

impl OffsetMap {
    /// The original character offset of normalised character `n`. `n` equal to the normalised
    /// length maps to the original length.
    pub fn original(&self, n: usize) -> usize {
        // The j-th dropped character has dropped[j] - j kept characters before it; normalised
        // character n comes after every dropped character with dropped[j] - j <= n.
        (n + partition(&self.dropped, n)).min(self.original_len)
    }

    /// The original character span of normalised characters `[start, end)`, without a dropped
    /// character at its end.
    pub fn span(&self, start: usize, end: usize) -> Range<usize> {
        let s = self.original(start);
        if end <= start {
            return s..s;
        }
        let e = self.original(end - 1) + 1;
        s..e.max(s)
    }

    /// The original byte offset where the character at normalised byte `b` starts (after any
    /// dropped characters before it).
    pub fn byte_start(&self, b: usize) -> usize {
        let k = self.after.partition_point(|&(n, _)| n <= b);
        match k {
            0 => b,
            _ => {
                let (n, o) = self.after[k - 1];
                o + (b - n)
            }
        }
    }

    /// The original byte offset of a span end at normalised byte `b`: like
    /// [`OffsetMap::byte_start`], but before characters dropped at `b`.
    pub fn byte_end(&self, b: usize) -> usize {
        let k = self.before_drop.partition_point(|&(n, _)| n < b);
        match self.before_drop.get(k) {
            Some(&(n, o)) if n == b => o,
            _ => self.byte_start(b),
        }
    }

    /// Whether the normalised text is byte for byte the original.
    pub fn is_identity(&self) -> bool {
        self.after.is_empty()
    }

    /// Number of characters of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }
}

/// Number of dropped characters `j` with `dropped[j] - j <= n` (non-decreasing in `j`, so a
/// partition point).
fn partition(dropped: &[usize], n: usize) -> usize {
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

/// What normalisation does with the character starting at `bytes[0]`: `None` to keep it,
/// `Some((length in bytes, replacement))` otherwise, with `None` as replacement to drop it.
/// Decided on the bytes (the lead bytes of every changed character are C2, E2, E3, EF or '\r'),
/// so that the common characters, CJK punctuation included, cost one comparison.
#[inline]
fn fold(bytes: &[u8]) -> Option<(usize, Option<u8>)> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    match bytes[0] {
        b'\r' => Some((1, if at(1) == b'\n' { None } else { Some(b'\n') })),
        0xC2 => match at(1) {
            0xA0 => Some((2, Some(b' '))), // U+00A0 no-break space
            0xAD => Some((2, None)),       // U+00AD soft hyphen
            _ => None,
        },
        0xE2 => match (at(1), at(2)) {
            (0x80, 0x80..=0x8A) | (0x80, 0xAF) | (0x81, 0x9F) => Some((3, Some(b' '))), // U+2000..200A, 202F, 205F
            (0x80, 0x8B..=0x8D) | (0x81, 0xA0) => Some((3, None)), // zero-width space/joiners, word joiner
            (0x80, 0xA8..=0xA9) => Some((3, Some(b'\n'))),         // line and paragraph separators
            _ => None,
        },
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => Some((3, Some(b' '))), // U+3000
        0xEF => match (at(1), at(2)) {
            (0xBB, 0xBF) => Some((3, None)), // U+FEFF
            (0xBC, c @ 0x90..=0x99) => Some((3, Some(b'0' + (c - 0x90)))), // ０-９
            (0xBC, c @ 0xA1..=0xBA) => Some((3, Some(b'A' + (c - 0xA1)))), // Ａ-Ｚ
            (0xBD, c @ 0x81..=0x9A) => Some((3, Some(b'a' + (c - 0x81)))), // ａ-ｚ
            _ => None,
        },
        _ => None,
    }
}

/// Normalise `original` (see the module documentation).
pub fn normalize(original: &str) -> Normalized {
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::default();
    // Candidate positions: the lead bytes of the characters that may change (never continuation
    // bytes, so every position is a character boundary), found with SIMD search.
    let mut wide = memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes).peekable();
    let mut narrow = memchr::memchr2_iter(0xC2, b'\r', bytes).peekable();
    // Bytes before `run` have been handled.
    let mut run = 0;
    let mut chars_before_run = 0;
    loop {
        let i = match (wide.peek().copied(), narrow.peek().copied()) {
            (Some(w), Some(n)) if w < n => wide.next(),
            (Some(_), Some(_)) | (None, Some(_)) => narrow.next(),
            (Some(_), None) => wide.next(),
            (None, None) => None,
        };
        let Some(i) = i else { break };
        if i < run {
            continue;
        }
        let Some((len, to)) = fold(&bytes[i..]) else {
            continue;
        };
        let kept = &original[run..i];
        text.push_str(kept);
        let chars = chars_before_run + count_chars(kept);
        match to {
            Some(c) => text.push(char::from(c)),
            None => {
                map.before_drop.push((text.len(), i));
                map.dropped.push(chars);
            }
        }
        run = i + len;
        map.after.push((text.len(), run));
        chars_before_run = chars + 1;
    }
    let kept = &original[run..];
    text.push_str(kept);
    map.original_len = chars_before_run + count_chars(kept);
    Normalized { text, map }
}

/// A full-width digit or Latin letter (`１`, `Ａ`, `ｘ`) as ASCII, anything else unchanged: the
/// folding [`normalize`] applies to letters and digits, for code that compares characters one
/// at a time (similarity keys, figures). Punctuation is left alone for the reasons given in the
/// module documentation.
#[inline]
pub fn fold_alnum(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Whether `c` is a Han character of the Basic Multilingual Plane (the unified ideographs,
/// extension A and the compatibility block): what the readers count as Chinese text when they
/// tell words from numbers, labels and page layout.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Every full-width ASCII form (U+FF01–U+FF5E, punctuation and brackets included) as ASCII.
/// Only for comparison keys that are never displayed or matched against patterns written with
/// full-width punctuation (identifiers built from titles and 文号).
#[inline]
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Number of characters of `s`.
#[inline]
pub fn count_chars(s: &str) -> usize {
    count_chars_bytes(s.as_bytes())
}

/// The characters of `s` in a vector allocated once at its final size. `chars().collect()`
/// can only guess the size from the byte length, and grows a whole document's vector a
/// doubling at a time: each step a copy, and fresh pages for the kernel to zero.
pub fn chars_of(s: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(count_chars(s));
    chars.extend(s.chars());
    chars
}

/// Number of UTF-8 lead bytes in `b` (the characters starting in it). Counted into byte-wide
/// counters, a chunk of at most 255 bytes at a time, so that the loop vectorises: with a
/// `usize` count it ran a byte per step and was 2 % of read + outline + extract.
#[inline]
fn count_chars_bytes(b: &[u8]) -> usize {
    b.chunks(255)
        .map(|chunk| {
            let mut n = 0u8;
            for &b in chunk {
                n += u8::from((b as i8) >= -0x40);
            }
            usize::from(n)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_across_chunks() {
        let text = "第一条 为了a😀é，\n".repeat(40);
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            assert_eq!(count_chars(&text[..end]), text[..end].chars().count());
        }
    }

    #[test]
    fn folds_full_width_digits_letters_and_spaces_but_not_brackets() {
        let n = normalize("（１）ＡＢ　１２．３，ｘ\u{a0}");
        assert_eq!(n.text, "（1）AB 12．3，x ");
        assert_eq!(n.map.original(3), 3);
        assert_eq!(n.map.byte_start("（1".len()), "（１".len());
        assert_eq!(
            n.map.byte_end(n.text.len()),
            "（１）ＡＢ　１２．３，ｘ\u{a0}".len()
        );
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
        assert_eq!(n.map.span(0, 2), 0..3);
        assert_eq!(n.map.span(3, 5), 5..9);
        assert_eq!(n.map.span(1, 1), 2..2);
        // In bytes: "b" starts after the zero-width space; "c" ends before the BOMs.
        assert_eq!(n.map.byte_start(1), 4);
        assert_eq!(n.map.byte_end(4), 8);
        assert_eq!(n.map.byte_start(4), 14);
        assert_eq!(
            &original[n.map.byte_start(0)..n.map.byte_end(2)],
            "a\u{200b}b"
        );
    }

    #[test]
    fn every_normalised_char_maps_to_the_same_or_its_folded_original() {
        let original = "\u{3000}\u{3000}１．支持\u{a0}企业\r\n（２）ｘ\u{feff}。";
        let n = normalize(original);
        let orig: Vec<char> = original.chars().collect();
        for (i, (b, c)) in n.text.char_indices().enumerate() {
            let o = orig[n.map.original(i)];
            let ob = n.map.byte_start(b);
            assert_eq!(original[ob..].chars().next(), Some(o));
            assert!(
                o == c || normalize(&o.to_string()).text == c.to_string(),
                "{o} → {c}"
            );
        }
    }

    #[test]
    fn lone_carriage_returns_become_line_breaks() {
        assert_eq!(normalize("a\rb\r\n").text, "a\nb\n");
    }

    #[test]
    fn character_folds() {
        assert_eq!(fold_alnum('１'), '1');
        assert_eq!(fold_alnum('Ｚ'), 'Z');
        assert_eq!(fold_alnum('ａ'), 'a');
        assert_eq!(fold_alnum('（'), '（');
        assert_eq!(fold_alnum('，'), '，');
        assert_eq!(fold_alnum('一'), '一');
        assert_eq!(fold_width('（'), '(');
        assert_eq!(fold_width('～'), '~');
        assert_eq!(fold_width('５'), '5');
        assert_eq!(fold_width('〔'), '〔');
        // what normalize does to a letter or digit, fold_alnum does to the character
        for c in ('\u{FF01}'..='\u{FF5E}').chain('0'..='z') {
            let n = normalize(&c.to_string()).text;
            if c.is_alphanumeric() {
                assert_eq!(n, fold_alnum(c).to_string(), "{c}");
            }
        }
    }

    /// Characters that normalisation changes, mixed with ordinary ones.
    fn interesting() -> impl proptest::strategy::Strategy<Value = char> {
        proptest::sample::select(vec![
            'a', '1', '一', '中', '（', '，', '．', '\n', ' ', '\r', '\u{3000}', '\u{a0}',
            '\u{ad}', '\u{200b}', '\u{200d}', '\u{2028}', '\u{2003}', '\u{feff}', '１', '９', 'Ａ',
            'ｚ', '\u{ff5e}', '😀', 'é',
        ])
    }

    proptest::proptest! {
        /// Every normalised character maps back to the original character it came from (the
        /// same one, or the one it folds), in characters and in bytes, and span ends land on
        /// character boundaries of the original.
        #[test]
        fn offsets_map_back_to_the_same_characters(
            chars in proptest::collection::vec(interesting(), 0..40)
        ) {
            let original: String = chars.iter().collect();
            let n = normalize(&original);
            let orig: Vec<char> = original.chars().collect();
            proptest::prop_assert_eq!(n.map.original_len(), orig.len());
            proptest::prop_assert_eq!(n.map.original(n.text.chars().count()), orig.len());
            for (i, (b, c)) in n.text.char_indices().enumerate() {
                let o = orig[n.map.original(i)];
                let ob = n.map.byte_start(b);
                proptest::prop_assert_eq!(original[ob..].chars().next(), Some(o));
                let folded = normalize(&o.to_string()).text;
                proptest::prop_assert!(o == c || folded == c.to_string(), "{:?} → {:?}", o, c);
                let r = n.map.span(i, i + 1);
                proptest::prop_assert_eq!(r.clone(), n.map.original(i)..n.map.original(i) + 1);
                let e = n.map.byte_end(b + c.len_utf8());
                proptest::prop_assert!(original.is_char_boundary(e));
                proptest::prop_assert_eq!(original[ob..e].chars().next(), Some(o));
            }
            proptest::prop_assert_eq!(n.map.is_identity(), n.text == original);
        }
    }
}
