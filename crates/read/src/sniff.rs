//! What kind of file this is: binary formats by their magic numbers (refused with a name the
//! user recognises), and HTML vs Markdown vs plain text by extension *and* content, because files
//! are saved under whatever name the browser or the crawler chose (seed 000 is a `.txt` whose body
//! is HTML).

use crate::document::Format;

/// Magic numbers of the binary files researchers have lying next to notices: images, PDFs,
/// office documents, archives. Checked before decoding, so a PNG is never "decoded" as GBK.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "legacy Office document (DOC/XLS/WPS)",
    ),
    (b"\x1F\x8B", "gzip archive"),
    (b"Rar!\x1A\x07", "RAR archive"),
    (b"7z\xBC\xAF\x27\x1C", "7z archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7FELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"{\\rtf", "RTF document"),
];

/// The kind of binary file `bytes` is, by magic number, or `None`.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return Some(zip_kind(bytes));
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media file",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media file");
    }
    if bytes.starts_with(b"BM") && bytes.len() >= 14 {
        // "BM" also starts English words; a BMP header states its own file size.
        let size = u32::from_le_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]);
        if size as usize == bytes.len() {
            return Some("BMP image");
        }
    }
    // "MZ" also starts words: require the DOS stub's pointer to a "PE" header. (RTF is
    // technically text, but its escapes hide the Chinese from every later stage: refused too.)
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            if *magic == b"MZ" && !looks_like_pe(bytes) {
                continue;
            }
            return Some(kind);
        }
    }
    None
}

fn looks_like_pe(bytes: &[u8]) -> bool {
    let Some(offset) = bytes.get(0x3C..0x40) else {
        return false;
    };
    let offset = u32::from_le_bytes([offset[0], offset[1], offset[2], offset[3]]) as usize;
    bytes
        .get(offset..offset.saturating_add(4))
        .is_some_and(|sig| sig == b"PE\x00\x00")
}

/// ZIP containers by the part names near their start: Word, Excel, PowerPoint, OFD (the Chinese
/// fixed-layout format many notices are published in), EPUB, or a plain archive.
fn zip_kind(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if has(b"word/") {
        "Word document (DOCX)"
    } else if has(b"xl/") {
        "Excel workbook (XLSX)"
    } else if has(b"ppt/") {
        "PowerPoint presentation (PPTX)"
    } else if has(b"OFD.xml") {
        "OFD document"
    } else if has(b"application/epub") {
        "EPUB book"
    } else {
        "ZIP archive"
    }
}

/// Control characters in decoded text other than tab, line feed, vertical tab, form feed and
/// carriage return. Counted on the UTF-8 bytes: every control character is one ASCII byte and no
/// byte of a multi-byte character is below 0x80.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Controls {
    pub nul: usize,
    pub other: usize,
}

pub fn controls(text: &str) -> Controls {
    // Counted without branches into byte-wide counters, a chunk of at most 255 bytes at a time,
    // so that the loop over every byte of every file runs 32 bytes to an instruction (with
    // `usize` counters it did not vectorise and was 2 % of read + outline + extract): a control
    // is below 0x20 and not white space (0x09..=0x0D), or DEL; NUL is one of them, counted apart.
    let (mut nul, mut controls) = (0usize, 0usize);
    for chunk in text.as_bytes().chunks(255) {
        let (mut n, mut c) = (0u8, 0u8);
        for &b in chunk {
            n += u8::from(b == 0);
            c += u8::from((b < 0x20) & !(0x09..=0x0D).contains(&b) | (b == 0x7F));
        }
        nul += usize::from(n);
        controls += usize::from(c);
    }
    Controls {
        nul,
        other: controls - nul,
    }
}

/// Whether decoded text is binary data rather than a damaged text file: more than 2% of its
/// bytes are control characters. Text files have none; a stray NUL or two from a bad copy is a
/// warning, not a refusal.
pub fn binary_by_controls(text: &str, counts: Controls) -> Option<&'static str> {
    let total = counts.nul + counts.other;
    if total > 0 && total * 50 > text.len() {
        Some(if counts.nul > 0 {
            "binary data (NUL bytes)"
        } else {
            "binary data (control characters)"
        })
    } else {
        None
    }
}

const HTML_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "shtml", "shtm", "asp", "aspx", "jsp", "php",
];
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd"];

/// HTML tags that may open a page or a saved fragment of one.
const OPENING_TAGS: &[&str] = &[
    "!doctype", "html", "head", "body", "meta", "title", "div", "p", "table", "span", "section",
    "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "font", "center", "br",
    "style", "script", "link", "form",
];

/// Format from the extension of `source` (if it names a file) and from the body.
pub fn format_of(source: &str, body: &str) -> Format {
    let ext = std::path::Path::new(source)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let ext = ext.as_deref();
    if ext.is_some_and(|e| HTML_EXTENSIONS.contains(&e)) {
        // A notice saved as .html without a single tag is text: rendering it as HTML would
        // collapse its lines into one.
        return if has_markup(body) {
            Format::Html
        } else {
            Format::Text
        };
    }
    let markdown = ext.is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e));
    match html_opening(body) {
        // Markdown may start with an inline tag; only a whole page makes a .md file HTML.
        Some(tag) if !markdown || matches!(tag, "!doctype" | "html" | "head" | "body") => {
            Format::Html
        }
        _ if markdown => Format::Markdown,
        _ => Format::Text,
    }
}

/// Whether the first 64 KB hold something tag-like: `<` followed by a letter, `/`, `!` or `?`.
fn has_markup(body: &str) -> bool {
    let head = &body.as_bytes()[..body.len().min(64 * 1024)];
    memchr::memchr_iter(b'<', head).any(|at| {
        head.get(at + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
    })
}

/// The tag the body opens with (after whitespace, comments and an XML declaration), if it is one
/// of [`OPENING_TAGS`].
fn html_opening(body: &str) -> Option<&'static str> {
    let mut rest = body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if rest.starts_with("<?xml") {
            rest = rest.split_once("?>")?.1.trim_start();
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix('<')?;
    let name_end = rest
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(rest.len());
    let name = rest[..name_end].to_ascii_lowercase();
    OPENING_TAGS.iter().copied().find(|t| *t == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_content() {
        assert_eq!(format_of("a.html", "正文<b>x</b>"), Format::Html);
        assert_eq!(format_of("a.html", "纯文本\n第二行 a < b"), Format::Text);
        assert_eq!(format_of("a.txt", "\n<div>\n<p>x</p></div>"), Format::Html);
        assert_eq!(format_of("a.txt", "<!-- c -->\n<p>x</p>"), Format::Html);
        assert_eq!(format_of("a.txt", "一、总体要求"), Format::Text);
        assert_eq!(format_of("a.txt", "<不是标签>"), Format::Text);
        assert_eq!(format_of("a.md", "# 标题\n<div>x</div>"), Format::Markdown);
        assert_eq!(format_of("a.md", "<div>x</div>"), Format::Markdown);
        assert_eq!(format_of("a.md", "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(format_of("label", "<html>"), Format::Html);
        assert_eq!(format_of("label", "text"), Format::Text);
    }

    #[test]
    fn magic_numbers() {
        assert_eq!(binary_kind(b"%PDF-1.7\n"), Some("PDF document"));
        assert_eq!(binary_kind(b"MZ is not always an exe"), None);
        assert_eq!(binary_kind(b"BM but not a bitmap header"), None);
        assert_eq!(
            binary_kind(b"PK\x03\x04....word/document.xml"),
            Some("Word document (DOCX)")
        );
        assert_eq!(binary_kind("一、总体要求".as_bytes()), None);
    }

    #[test]
    fn control_characters() {
        let c = controls("a\0b\x01\tc\r\n");
        assert_eq!(c, Controls { nul: 1, other: 1 });
        assert_eq!(
            binary_by_controls("a\0b\x01\tc\r\n", c),
            Some("binary data (NUL bytes)")
        );
        let long = format!("{}\0", "正文".repeat(100));
        assert_eq!(binary_by_controls(&long, controls(&long)), None);
        // More controls than a byte-wide counter holds, across chunk boundaries.
        let many = "\0\x01\n正".repeat(300);
        assert_eq!(
            controls(&many),
            Controls {
                nul: 300,
                other: 300
            }
        );
    }
}
