//! Bytes → `String`, choosing the encoding by evidence in a fixed order:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. a declared charset (`<meta charset>`, `<meta http-equiv="Content-Type">`, `<?xml
//!    encoding?>`) in the first [`DECLARATION_WINDOW`] bytes;
//! 3. UTF-16 without a BOM, recognised by its NUL bytes all falling on one parity;
//! 4. strict UTF-8;
//! 5. statistical detection (chardetng), compared with UTF-8 by
//!    the number of malformed sequences each gives.
//!
//! Detection comes last on purpose: chardetng calls two Chinese characters UTF-8 (see
//! `../shared/NOTES.md`), while a BOM or a declaration is proof.
//!
//! Two corrections to declarations, because government sites get them wrong: a page that declares
//! a legacy charset (gb2312) but is valid UTF-8 with non-ASCII text is read as UTF-8, and a page
//! whose declared charset gives malformed sequences while the detected one gives none is read as
//! detected. Both leave a warning and keep the declared label in the report.
//!
//! Malformed sequences become U+FFFD, are counted, and the first one's byte offset is reported:
//! bytes never vanish silently.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, ISO_2022_JP, SHIFT_JIS, UTF_16BE,
    UTF_16LE, UTF_8,
};

use crate::document::{EncodingBasis, EncodingReport};

/// How far into the file a charset declaration is looked for. Government pages carry long
/// `<head>`s (scripts, many metas) before the charset; 4 KB covers them while keeping the scan
/// independent of file size.
pub const DECLARATION_WINDOW: usize = 4096;

/// How many bytes from the first non-ASCII byte chardetng sees. It runs some 27 candidate
/// decoders over every byte and was the slowest part of reading a GBK file (about 60 times the
/// cost of decoding it, per byte). 512 bytes is some 250 CJK characters: windows of 512 bytes
/// taken every 97 bytes through six corpus texts in GBK and in Big5 were all detected right
/// (1283 of 1283; 128-byte windows were already right). The whole file is still decoded, and
/// checked against the other multi-byte encodings when the guess gives malformed sequences.
const DETECTION_WINDOW: usize = 512;

/// How many leading bytes the UTF-16 NUL-parity test looks at.
const UTF16_SNIFF_WINDOW: usize = 4096;

/// The outcome of decoding.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub report: EncodingReport,
    /// Notes for the user (declared charset overridden, unknown label, malformed sequences).
    pub notes: Vec<String>,
    /// Character offset in `text` of the first U+FFFD that replaced a malformed sequence.
    pub first_invalid_char: Option<usize>,
}

/// Text from one encoding, with its malformed-sequence count.
struct Attempt {
    text: String,
    invalid: usize,
    first_invalid_byte: Option<usize>,
    first_invalid_char: Option<usize>,
}

/// Decode `bytes` (the whole file). Never fails and never panics: every byte ends up either as
/// text or as a counted U+FFFD.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut notes = Vec::new();

    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let attempt = decode_with(encoding, &bytes[bom_len..], bom_len);
        return finish(attempt, encoding, EncodingBasis::Bom, None, notes);
    }

    let window = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    if let Some(label) = declared_charset(window) {
        match Encoding::for_label(label.as_bytes()) {
            Some(declared) => {
                // An ASCII-compatible declaration cannot really mean UTF-16 (the bytes that said
                // so were ASCII); browsers read such pages as UTF-8 and so do we.
                let declared = if declared == UTF_16LE || declared == UTF_16BE {
                    UTF_8
                } else {
                    declared
                };
                return decode_declared(bytes, declared, label, notes);
            }
            None => notes.push(format!(
                "declared charset \"{label}\" is not a known encoding label; ignored"
            )),
        }
    }

    if let Some(encoding) = sniff_utf16(bytes) {
        let attempt = decode_with(encoding, bytes, 0);
        // Unpaired surrogates are rare in real UTF-16; a truncated file has one at the end.
        if attempt.invalid * 100 <= bytes.len() / 2 {
            return finish(attempt, encoding, EncodingBasis::Detected, None, notes);
        }
    }

    if let Some(text) = strict_utf8(bytes) {
        let attempt = Attempt {
            text: text.to_owned(),
            invalid: 0,
            first_invalid_byte: None,
            first_invalid_char: None,
        };
        return finish(attempt, UTF_8, EncodingBasis::Utf8, None, notes);
    }

    let (encoding, attempt) = detect(bytes);
    finish(attempt, encoding, EncodingBasis::Detected, None, notes)
}

/// `bytes` as text when they are well-formed UTF-8. encoding_rs validates with SIMD where the
/// CPU has it (simdutf8), several times faster than `std::str::from_utf8` on Chinese text, with
/// the same answer: every page is validated once, whole.
fn strict_utf8(bytes: &[u8]) -> Option<&str> {
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes)? {
        std::borrow::Cow::Borrowed(text) => Some(text),
        std::borrow::Cow::Owned(_) => None,
    }
}

fn decode_declared(
    bytes: &[u8],
    declared: &'static Encoding,
    label: String,
    mut notes: Vec<String>,
) -> Decoded {
    if declared != UTF_8 && !bytes.is_ascii() {
        if let Some(text) = strict_utf8(bytes) {
            notes.push(format!(
                "declared charset \"{label}\" but the bytes are valid UTF-8; read as UTF-8"
            ));
            let attempt = Attempt {
                text: text.to_owned(),
                invalid: 0,
                first_invalid_byte: None,
                first_invalid_char: None,
            };
            return finish(attempt, UTF_8, EncodingBasis::Utf8, Some(label), notes);
        }
    }
    let attempt = decode_with(declared, bytes, 0);
    if attempt.invalid > 0 {
        let (detected, other) = detect(bytes);
        if detected != declared && other.invalid == 0 {
            notes.push(format!(
                "declared charset \"{label}\" gives {} malformed byte sequence(s) but the bytes \
                 decode cleanly as {}; read as {}",
                attempt.invalid,
                detected.name(),
                detected.name()
            ));
            return finish(other, detected, EncodingBasis::Detected, Some(label), notes);
        }
    }
    finish(
        attempt,
        declared,
        EncodingBasis::Declared,
        Some(label),
        notes,
    )
}

/// chardetng's guess, checked against the multi-byte encodings Chinese files come in.
///
/// chardetng rules a candidate out on its first malformed sequence, so one damaged byte in a GBK
/// file (or one stray byte in a UTF-8 file) sends it to another guess: often windows-1252, which
/// never reports a malformed byte and turns the whole notice into mojibake. So when the guess is
/// not a clean multi-byte decoding, UTF-8, GB18030 and Big5 are tried too, and the one with the
/// fewest malformed sequences wins; a single-byte guess only keeps its place when every
/// multi-byte candidate fails on more than 1% of the non-ASCII bytes (real Western text does).
fn detect(bytes: &[u8]) -> (&'static Encoding, Attempt) {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // Leading ASCII (markup, numbering) is cheap for chardetng and says nothing; the window
    // starts counting at the first non-ASCII byte. `last` stays false so that a file cut in the
    // middle of a character is not ruled out for its last byte: malformed sequences are counted
    // below, not guessed around.
    let first_non_ascii = bytes
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len());
    let end = first_non_ascii
        .saturating_add(DETECTION_WINDOW)
        .min(bytes.len());
    detector.feed(&bytes[..end], false);
    // No top-level-domain hint: with `cn`, chardetng calls Big5 text (a Taiwan or Hong Kong
    // notice) GBK, because Big5 bytes are mostly valid GBK; without it, GBK is still found from
    // a few dozen characters (tests/bad_input.rs checks both).
    let guess = gbk_or_gb18030(detector.guess(None, Utf8Detection::Allow), bytes);
    let attempt = decode_with(guess, bytes, 0);
    let multi_byte = is_multi_byte(guess);
    if multi_byte && attempt.invalid == 0 {
        return (guess, attempt);
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut best = (guess, attempt);
    for candidate in [UTF_8, GB18030, BIG5] {
        let candidate = gbk_or_gb18030(candidate, bytes);
        if candidate == best.0 {
            continue;
        }
        let bar = if is_multi_byte(best.0) {
            best.1.invalid
        } else {
            // Beat a single-byte guess only by being nearly clean.
            non_ascii / 100 + 1
        };
        let better = if candidate == UTF_8 {
            utf8_malformed_count(bytes, bar) < bar
        } else {
            true
        };
        if better {
            let other = decode_with(candidate, bytes, 0);
            if other.invalid < bar {
                best = (candidate, other);
            }
        }
    }
    best
}

/// GBK and GB18030 share a decoder; the report names GB18030 when the file uses its four-byte
/// sequences.
fn gbk_or_gb18030(encoding: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    if encoding == GBK || encoding == GB18030 {
        if has_gb18030_four_byte_sequence(bytes) {
            GB18030
        } else {
            GBK
        }
    } else {
        encoding
    }
}

fn is_multi_byte(encoding: &'static Encoding) -> bool {
    [
        UTF_8,
        GBK,
        GB18030,
        BIG5,
        EUC_JP,
        EUC_KR,
        SHIFT_JIS,
        ISO_2022_JP,
        UTF_16LE,
        UTF_16BE,
    ]
    .contains(&encoding)
}

fn finish(
    attempt: Attempt,
    encoding: &'static Encoding,
    basis: EncodingBasis,
    declared: Option<String>,
    mut notes: Vec<String>,
) -> Decoded {
    if let Some(at) = attempt.first_invalid_byte {
        notes.push(format!(
            "{} malformed byte sequence(s) in {} replaced by U+FFFD; the first at byte {}",
            attempt.invalid,
            encoding.name(),
            at
        ));
    }
    Decoded {
        text: attempt.text,
        report: EncodingReport {
            name: encoding.name(),
            basis,
            declared,
            invalid_sequences: attempt.invalid,
            first_invalid_byte: attempt.first_invalid_byte,
        },
        notes,
        first_invalid_char: attempt.first_invalid_char,
    }
}

/// Decode with one encoding, replacing each malformed sequence by U+FFFD and counting it.
/// `offset` is where `bytes` starts in the file (after a BOM), for the reported byte offset.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], offset: usize) -> Attempt {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    reserve(&mut text, &decoder, bytes.len());
    let mut invalid = 0usize;
    let mut first_invalid_byte = None;
    let mut first_invalid_char = None;
    let mut read_total = 0usize;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut text, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                reserve(&mut text, &decoder, bytes.len() - read_total);
            }
            DecoderResult::Malformed(bad, after) => {
                if first_invalid_byte.is_none() {
                    let at = read_total.saturating_sub(usize::from(bad) + usize::from(after));
                    first_invalid_byte = Some(offset + at);
                    first_invalid_char = Some(text.chars().count());
                }
                invalid += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    Attempt {
        text,
        invalid,
        first_invalid_byte,
        first_invalid_char,
    }
}

fn reserve(text: &mut String, decoder: &encoding_rs::Decoder, remaining: usize) {
    // `None` means the worst case overflows usize; the decoder then reports OutputFull again
    // and we grow step by step.
    let needed = decoder
        .max_utf8_buffer_length_without_replacement(remaining)
        .unwrap_or(remaining);
    text.reserve(needed.max(16));
}

/// Malformed UTF-8 sequences in `bytes`, counted the way encoding_rs counts them (maximal
/// subparts), stopping once `cap` is reached since only "fewer than cap?" matters.
fn utf8_malformed_count(bytes: &[u8], cap: usize) -> usize {
    let mut count = 0;
    let mut rest = bytes;
    while count < cap {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                count += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip..];
            }
        }
    }
    count
}

/// GB18030 four-byte sequences (0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39) appear only in
/// GB18030, never in GBK: text with characters outside GBK (U+00A0, rare ideographs).
fn has_gb18030_four_byte_sequence(bytes: &[u8]) -> bool {
    let lead = |b: u8| (0x81..=0xFE).contains(&b);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !lead(b) {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            if bytes.get(i + 2).copied().is_some_and(lead)
                && bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
            {
                return true;
            }
            i += 1; // malformed: resynchronise on the next byte
        } else {
            i += 2;
        }
    }
    false
}

/// UTF-16 without a BOM: ASCII characters (newlines, digits, punctuation) and U+00A0 put a NUL
/// in the high byte of their code unit, so NULs cluster on odd offsets (LE) or even offsets (BE).
/// CJK code units contain a NUL too when they end in 00 (一 is U+4E00, and common: seed 004 in
/// UTF-16LE has 83 NULs on odd offsets and 32 on even ones), hence a ratio. Binary data that
/// passes decodes to control characters and is refused after decoding.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(UTF16_SNIFF_WINDOW) & !1;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes[..n].chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = n / 2;
    // At least one code unit in 32 has a NUL high byte, and NULs are over twice as frequent on
    // that side.
    let enough = |count: usize| count * 32 >= units && count >= 2;
    if enough(odd) && odd > even * 2 {
        Some(UTF_16LE)
    } else if enough(even) && even > odd * 2 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The charset a page or XML file declares in `window`, as written.
pub fn declared_charset(window: &[u8]) -> Option<String> {
    let trimmed = trim_ascii_start(window);
    if starts_with_ignore_case(trimmed, b"<?xml") {
        let end = memchr::memmem::find(trimmed, b"?>").unwrap_or(trimmed.len());
        let decl = &trimmed[5..end];
        if let Some(value) = attributes(decl)
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(b"encoding"))
            .map(|(_, value)| value)
        {
            return label(value);
        }
    }
    let mut i = 0;
    while let Some(pos) = memchr::memchr(b'<', &window[i..]) {
        let at = i + pos;
        let rest = &window[at..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => i = at + 4 + end + 3,
                None => return None,
            }
            continue;
        }
        if starts_with_ignore_case(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            let attrs = attributes(&rest[5..end]);
            let get = |key: &[u8]| {
                attrs
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(key))
                    .map(|(_, value)| *value)
            };
            if let Some(charset) = get(b"charset") {
                if let Some(found) = label(charset) {
                    return Some(found);
                }
            }
            let is_content_type =
                get(b"http-equiv").is_some_and(|v| v.eq_ignore_ascii_case(b"content-type"));
            if is_content_type {
                if let Some(found) = get(b"content").and_then(charset_from_content) {
                    return Some(found);
                }
            }
            i = at + end;
            continue;
        }
        i = at + 1;
    }
    None
}

/// `text/html; charset=gb2312` → `gb2312`.
fn charset_from_content(content: &[u8]) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let pos = memchr::memmem::find(&lower, b"charset")?;
    let rest = trim_ascii_start(&content[pos + 7..]);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b';' | b'"' | b'\'') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    label(&rest[..end])
}

fn label(value: &[u8]) -> Option<String> {
    let value = value.trim_ascii();
    if value.is_empty() || value.len() > 64 {
        return None;
    }
    Some(String::from_utf8_lossy(value).into_owned())
}

/// A forgiving attribute lexer for one tag's inside: `name="v"`, `name='v'`, `name=v`, `name`.
fn attributes(mut s: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    loop {
        s = trim_ascii_start(s);
        while let Some(rest) = s.strip_prefix(b"/") {
            s = trim_ascii_start(rest);
        }
        if s.is_empty() {
            return out;
        }
        let name_end = s
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'/' | b'>'))
            .unwrap_or(s.len());
        let name = &s[..name_end.max(1).min(s.len())];
        s = trim_ascii_start(&s[name.len()..]);
        let Some(after_eq) = s.strip_prefix(b"=") else {
            out.push((name, &b""[..]));
            continue;
        };
        s = trim_ascii_start(after_eq);
        let value;
        if let Some(quote) = s.first().copied().filter(|q| *q == b'"' || *q == b'\'') {
            let end = memchr::memchr(quote, &s[1..]).map_or(s.len(), |e| e + 1);
            value = &s[1..end];
            s = &s[(end + 1).min(s.len())..];
        } else {
            let end = s
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>')
                .unwrap_or(s.len());
            value = &s[..end];
            s = &s[end..];
        }
        out.push((name, value));
    }
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    s.trim_ascii_start()
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"gb2312\"></head>").as_deref(),
            Some("gb2312")
        );
        assert_eq!(
            declared_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">"
            )
            .as_deref(),
            Some("GBK")
        );
        assert_eq!(
            declared_charset(
                b"<meta content='text/html;charset=gb18030' http-equiv=content-type />"
            )
            .as_deref(),
            Some("gb18030")
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"GB2312\"?><doc/>").as_deref(),
            Some("GB2312")
        );
        assert_eq!(
            declared_charset(b"<!-- <meta charset=big5> --><p>x</p>"),
            None
        );
        assert_eq!(declared_charset(b"<metadata charset=big5>"), None);
        assert_eq!(declared_charset(b"charset=gbk in plain text"), None);
        assert_eq!(declared_charset(b"<meta charset"), None);
        assert_eq!(declared_charset(b"<meta name=x content=\"charset\">"), None);
    }

    #[test]
    fn malformed_sequences_are_counted_with_their_offset() {
        // "中文" in GBK followed by a lone lead byte.
        let bytes = [0xD6, 0xD0, 0xCE, 0xC4, b'a', 0xD6];
        let attempt = decode_with(GBK, &bytes, 0);
        assert_eq!(attempt.text, "中文a\u{FFFD}");
        assert_eq!(attempt.invalid, 1);
        assert_eq!(attempt.first_invalid_byte, Some(5));
        assert_eq!(attempt.first_invalid_char, Some(3));

        let bytes = b"ab\xFFcd\xC3";
        let attempt = decode_with(UTF_8, bytes, 3);
        assert_eq!(attempt.text, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(attempt.invalid, 2);
        assert_eq!(attempt.first_invalid_byte, Some(5));
        assert_eq!(utf8_malformed_count(bytes, 10), 2);
        assert_eq!(utf8_malformed_count(bytes, 1), 1);
    }

    #[test]
    fn four_byte_sequences_are_gb18030_only() {
        // U+00A0 in GB18030 is 81 30 84 32.
        assert!(has_gb18030_four_byte_sequence(b"ab\x81\x30\x84\x32"));
        // 中 followed by ASCII digits: the digit follows a complete pair, not a lead byte.
        assert!(!has_gb18030_four_byte_sequence(b"\xD6\xD0123"));
        // A damaged pair (lead, digit) followed by ASCII is not a four-byte sequence.
        assert!(!has_gb18030_four_byte_sequence(b"\xD61\nabc"));
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_nul_parity() {
        let le: Vec<u8> = "第1条\n第2条\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "第1条\n第2条\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff_utf16(&le), Some(UTF_16LE));
        assert_eq!(sniff_utf16(&be), Some(UTF_16BE));
        assert_eq!(sniff_utf16("第1条\n".as_bytes()), None);
    }
}
