//! Bad input: each gets the exact error kind and a message naming the file, or is read with a
//! warning that says what was wrong. Nothing panics, nothing is silently lost.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus, fixture, read, utf8};
use policykg_read::{
    discover, read_bytes, read_path, EncodingBasis, Format, Limits, ReadError, Span,
};

fn refuse(path: &Path) -> ReadError {
    match read_path(path, &Limits::default()) {
        Ok(doc) => panic!("{} was read: {:?}", path.display(), doc.encoding),
        Err(err) => {
            let message = err.to_string();
            assert!(
                message.contains(&path.display().to_string()),
                "message does not name the file: {message}"
            );
            err
        }
    }
}

#[test]
fn png_is_refused_as_an_image() {
    let path = fixture("bad/tiny.png");
    match refuse(&path) {
        ReadError::Binary { kind, .. } => assert_eq!(kind, "PNG image"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        refuse(&path).to_string(),
        format!(
            "{}: binary file (PNG image), not a text or HTML notice",
            path.display()
        )
    );
}

#[test]
fn zip_is_refused_as_an_archive() {
    match refuse(&fixture("bad/tiny.zip")) {
        ReadError::Binary { kind, .. } => assert_eq!(kind, "ZIP archive"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_binaries_are_named() {
    let cases: [(&[u8], &str); 7] = [
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", "PDF document"),
        (
            b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml",
            "Word document (DOCX)",
        ),
        (b"\x1F\x8B\x08\x00\x00\x00\x00\x00", "gzip archive"),
        (
            b"\x00\x01\x02\x03\x00\x00\x10\x00\x00\x00binary\x00\x00\x00\x07",
            "binary data (NUL bytes)",
        ),
        (
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10\x11 data",
            "binary data (control characters)",
        ),
    ];
    for (bytes, expected) in cases {
        match read_bytes("sample.bin", bytes, &Limits::default()) {
            Err(ReadError::Binary { kind, source_name }) => {
                assert_eq!(kind, expected);
                assert_eq!(source_name, "sample.bin");
            }
            other => panic!("{expected}: {other:?}"),
        }
    }
}

#[test]
fn empty_file_is_refused() {
    let path = fixture("bad/empty.txt");
    assert!(matches!(refuse(&path), ReadError::Empty { .. }));
    assert_eq!(
        refuse(&path).to_string(),
        format!("{}: empty file", path.display())
    );
}

#[test]
fn html_without_text_is_refused() {
    let path = fixture("bad/no_text.html");
    match refuse(&path) {
        ReadError::NoText { detail, .. } => assert!(detail.contains("HTML"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn whitespace_or_front_matter_only_is_no_text() {
    let limits = Limits::default();
    match read_bytes("blank.txt", " \n\u{3000}\n\t".as_bytes(), &limits) {
        Err(ReadError::NoText { detail, .. }) => assert_eq!(detail, "only whitespace"),
        other => panic!("{other:?}"),
    }
    match read_bytes("fm.md", b"---\ntitle: x\n---\n\n", &limits) {
        Err(ReadError::NoText { detail, .. }) => assert_eq!(detail, "only front matter, no body"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn truncated_gbk_is_read_with_the_bad_byte_counted_and_located() {
    let path = fixture("bad/truncated.gbk.txt");
    let bytes = std::fs::read(&path).unwrap();
    let doc = read(&path);
    assert_eq!(doc.encoding.name, "GBK");
    assert_eq!(doc.encoding.basis, EncodingBasis::Detected);
    assert_eq!(doc.encoding.invalid_sequences, 1);
    assert_eq!(doc.encoding.first_invalid_byte, Some(bytes.len() - 1));
    // Lines 11–14 of seed 001 (U+00A0 as space, as GBK holds them), then the replacement for
    // the lone lead byte of 专.
    let seed = utf8(&corpus("seeds/001_a6818095697d7a7c.txt")).replace('\u{A0}', " ");
    let lines: Vec<&str> = seed.split('\n').collect();
    assert_eq!(doc.text, format!("{}\n\u{FFFD}", lines[10..14].join("\n")));
    assert_eq!(doc.warnings.len(), 1);
    let warning = &doc.warnings[0];
    assert!(
        warning.message.contains("1 malformed byte sequence"),
        "{}",
        warning.message
    );
    assert!(warning
        .message
        .contains(&format!("byte {}", bytes.len() - 1)));
    let chars = doc.text.chars().count();
    assert_eq!(warning.span, Some(Span::new(chars - 1, chars)));
}

#[test]
fn a_utf8_file_with_one_bad_byte_stays_utf8() {
    let mut bytes = utf8(&corpus("seeds/001_a6818095697d7a7c.txt")).into_bytes();
    let at = bytes.len() / 2;
    let at = (at..).find(|i| bytes[*i] & 0xC0 != 0x80).unwrap(); // a character start
    bytes.insert(at, 0xFF);
    let doc = read_bytes("one-bad-byte.txt", &bytes, &Limits::default()).unwrap();
    assert_eq!(doc.encoding.name, "UTF-8");
    assert_eq!(doc.encoding.basis, EncodingBasis::Detected);
    assert_eq!(doc.encoding.invalid_sequences, 1);
    assert_eq!(doc.encoding.first_invalid_byte, Some(at));
    assert_eq!(doc.text.matches('\u{FFFD}').count(), 1);
}

#[test]
fn boms_and_bomless_utf16() {
    let seed = utf8(&corpus("seeds/004_1fa6e42cb493e32d.txt"));
    let limits = Limits::default();
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), seed.as_bytes()].concat();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(seed.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let le_no_bom: Vec<u8> = seed.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (label, bytes, name, basis) in [
        ("utf8-bom", utf8_bom, "UTF-8", EncodingBasis::Bom),
        ("utf16be", be, "UTF-16BE", EncodingBasis::Bom),
        (
            "utf16le-no-bom",
            le_no_bom,
            "UTF-16LE",
            EncodingBasis::Detected,
        ),
    ] {
        let doc = read_bytes(label, &bytes, &limits).unwrap();
        assert_eq!(
            (doc.encoding.name, doc.encoding.basis),
            (name, basis),
            "{label}"
        );
        assert_eq!(doc.text, seed, "{label}: BOM removed, text intact");
    }
}

#[test]
fn wrong_declarations_are_corrected_with_a_warning() {
    let limits = Limits::default();
    // Declares gb2312, is UTF-8 (a CMS migration that kept the old template).
    let page = "<html><head><meta charset=\"gb2312\"></head><body><div id=\"zoom\"><p>一、总体要求</p></div></body></html>";
    let doc = read_bytes("page.html", page.as_bytes(), &limits).unwrap();
    assert_eq!(doc.encoding.name, "UTF-8");
    assert_eq!(doc.encoding.basis, EncodingBasis::Utf8);
    assert_eq!(doc.encoding.declared.as_deref(), Some("gb2312"));
    assert_eq!(doc.text, "一、总体要求\n");
    assert!(doc.warnings[0].message.contains("valid UTF-8"));

    // Declares UTF-8, is GBK.
    let seed = utf8(&corpus("seeds/001_a6818095697d7a7c.txt")).replace('\u{A0}', " ");
    let body: String = seed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{l}</p>\n"))
        .collect();
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\
         <body><div class=\"TRS_Editor\">{body}</div></body></html>"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    let doc = read_bytes("page.html", &gbk, &limits).unwrap();
    assert_eq!(doc.encoding.name, "GBK");
    assert_eq!(doc.encoding.basis, EncodingBasis::Detected);
    assert_eq!(doc.encoding.declared.as_deref(), Some("utf-8"));
    assert_eq!(doc.encoding.invalid_sequences, 0);
    assert!(doc.warnings[0]
        .message
        .contains("declared charset \"utf-8\""));
    assert_eq!(
        doc.text.lines().next(),
        Some("各市人民政府，省政府各部门、各直属机构：")
    );

    // An unknown label is reported and ignored.
    let doc = read_bytes(
        "x.html",
        "<meta charset=\"klingon\"><p>正文</p>".as_bytes(),
        &limits,
    )
    .unwrap();
    assert_eq!(doc.encoding.basis, EncodingBasis::Utf8);
    assert!(doc.warnings[0].message.contains("klingon"));
}

#[test]
fn declared_gb18030_and_xml_declarations() {
    let limits = Limits::default();
    let (bytes, _, _) = encoding_rs::GB18030
        .encode("<?xml version=\"1.0\" encoding=\"GB18030\"?><p>皖美制造\u{A0}畅行全球</p>");
    let doc = read_bytes("x.xml", &bytes, &limits).unwrap();
    assert_eq!(doc.encoding.name, "gb18030");
    assert_eq!(doc.encoding.basis, EncodingBasis::Declared);
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.text, "皖美制造\u{A0}畅行全球\n");
}

#[test]
fn a_few_stray_control_characters_are_kept_with_a_warning() {
    let text = format!("{}\u{0}{}", "一、总体要求\n".repeat(20), "二、重点任务\n");
    let doc = read_bytes("nul.txt", text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(doc.text, text);
    assert!(doc.warnings.iter().any(|w| w.message.contains("1 NUL")));
}

#[test]
fn fifty_megabytes_read_and_one_byte_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let seed = utf8(&corpus("seeds/001_a6818095697d7a7c.txt"));
    let copies = 50 * 1024 * 1024 / seed.len() + 1;
    let big = seed.repeat(copies);
    assert!(big.len() >= 50 * 1024 * 1024);
    std::fs::write(&path, &big).unwrap();

    let doc = read(&path);
    assert_eq!(doc.encoding.basis, EncodingBasis::Utf8);
    assert_eq!(doc.text.len(), big.len());
    assert!(doc.text == big);
    drop(doc);

    let limit = big.len() as u64 - 1;
    let tight = Limits { max_bytes: limit };
    match read_path(&path, &tight) {
        Err(err @ ReadError::TooLarge { .. }) => {
            assert_eq!(
                err.to_string(),
                format!(
                    "{}: file is {} bytes, over the limit of {limit} bytes",
                    path.display(),
                    big.len()
                )
            );
        }
        other => panic!("{:?}", other.map(|d| d.encoding)),
    }
    assert!(matches!(
        read_bytes("big", big.as_bytes(), &tight),
        Err(ReadError::TooLarge { size, .. }) if size == big.len() as u64
    ));
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    match read_path(dir.path(), &Limits::default()) {
        Err(err @ ReadError::Io { .. }) => assert!(err.to_string().contains("directory")),
        other => panic!("{:?}", other.map(|d| d.encoding)),
    }
}

#[test]
fn a_mixed_directory_lists_every_file_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let copy = |from: PathBuf, to: &str| {
        let to = root.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    copy(corpus("seeds/001_a6818095697d7a7c.txt"), "b/001.txt");
    copy(fixture("bad/tiny.png"), "a.png");
    copy(fixture("bad/empty.txt"), "c.txt");
    copy(fixture("bad/truncated.gbk.txt"), "b/sub/gbk.txt");
    copy(fixture("bad/README.md"), "README.md");
    copy(fixture("bad/README.md"), "b/SOURCES.md");
    std::fs::write(root.join(".hidden.txt"), "x").unwrap();
    std::fs::write(root.join("b/zz.html"), "<p>正文</p>").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();

    let names: Vec<String> = discover(&[root.to_path_buf()])
        .into_iter()
        .map(|entry| {
            let path = entry.unwrap();
            path.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    // A directory's files first, then each subdirectory's, all sorted; the symlink back to the
    // root is not walked twice; notes and dotfiles are skipped.
    assert_eq!(
        names,
        ["a.png", "c.txt", "b/001.txt", "b/zz.html", "b/sub/gbk.txt"]
    );

    let outcomes: Vec<Result<String, String>> = discover(&[root.to_path_buf()])
        .into_iter()
        .map(|entry| {
            entry
                .and_then(|path| read_path(&path, &Limits::default()))
                .map(|doc| doc.encoding.name.to_owned())
                .map_err(|e| e.to_string())
        })
        .collect();
    assert!(outcomes[0]
        .as_ref()
        .unwrap_err()
        .contains("a.png: binary file (PNG image)"));
    assert!(outcomes[1]
        .as_ref()
        .unwrap_err()
        .contains("c.txt: empty file"));
    assert_eq!(outcomes[2].as_deref(), Ok("UTF-8"));
    assert_eq!(outcomes[3].as_deref(), Ok("UTF-8"));
    assert_eq!(outcomes[4].as_deref(), Ok("GBK"));

    // A file named explicitly is taken even if it is a note.
    let explicit = discover(&[root.join("README.md")]);
    assert_eq!(explicit.len(), 1);
    assert!(explicit[0].is_ok());
}

#[test]
fn detection_tells_gbk_from_big5() {
    let limits = Limits::default();
    // Traditional characters in Big5 (a Taiwan notice) and simplified ones in GBK, short.
    let traditional = "臺北市政府關於進一步推動中小企業專精特新發展的實施意見。一、總體要求：堅持市場主導、政府引導。";
    let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
    let doc = read_bytes("big5.txt", &big5, &limits).unwrap();
    assert_eq!(
        (doc.encoding.name, doc.encoding.basis),
        ("Big5", EncodingBasis::Detected)
    );
    assert_eq!(doc.text, traditional);

    let simplified: String = utf8(&corpus("seeds/001_a6818095697d7a7c.txt"))
        .chars()
        .take(40)
        .collect();
    let (gbk, _, _) = encoding_rs::GBK.encode(&simplified);
    let doc = read_bytes("short-gbk.txt", &gbk, &limits).unwrap();
    assert_eq!(
        (doc.encoding.name, doc.encoding.basis),
        ("GBK", EncodingBasis::Detected)
    );
    assert_eq!(doc.text, simplified);
}

#[test]
fn one_damaged_byte_does_not_turn_gbk_into_mojibake() {
    let seed = utf8(&corpus("seeds/004_1fa6e42cb493e32d.txt")).replace('\u{A0}', " ");
    let (gbk, _, _) = encoding_rs::GBK.encode(&seed);
    let mut bytes = gbk.into_owned();
    // A lone lead byte (the first half of 中) early in the file, before an ASCII byte.
    let at = (600..).find(|i| bytes[*i] < 0x80).unwrap();
    bytes.insert(at, 0xD6);
    // chardetng alone rules GBK out on that byte and guesses windows-1252 (mojibake)...
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, false);
    assert_eq!(
        detector.guess(None, chardetng::Utf8Detection::Allow),
        encoding_rs::WINDOWS_1252
    );
    // ...the reader compares with the multi-byte encodings and keeps GBK.
    let doc = read_bytes("damaged.gbk.txt", &bytes, &Limits::default()).unwrap();
    assert_eq!(
        (doc.encoding.name, doc.encoding.basis),
        ("GBK", EncodingBasis::Detected)
    );
    assert_eq!(doc.encoding.invalid_sequences, 1);
    assert_eq!(doc.encoding.first_invalid_byte, Some(at));
    // Everything but the damaged byte reads as written.
    assert_eq!(doc.text.replacen('\u{FFFD}', "", 1), seed);
}

#[test]
fn western_text_stays_western() {
    let text = "Décret n° 2022-17 relatif à la coopération économique. Article 1er : les entreprises \
                étrangères bénéficient des mêmes procédures. Article 2 : le présent décret entre en \
                vigueur le 17 février 2022.";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let doc = read_bytes("decret.txt", &latin1, &Limits::default()).unwrap();
    assert_eq!(doc.encoding.name, "windows-1252");
    assert_eq!(doc.text, text);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(status.success());
    match read_path(&fifo, &Limits::default()) {
        Err(err @ ReadError::Io { .. }) => {
            assert!(err.to_string().contains("pipe.txt"), "{err}");
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        other => panic!("{:?}", other.map(|d| d.encoding)),
    }
    let found = discover(&[dir.path().to_path_buf()]);
    assert_eq!(found.len(), 1);
    assert!(found[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("not a regular file"));
}

/// `n` copies of `open`, then `inner`, then `n` copies of `close`.
fn nested(open: &str, close: &str, n: usize, inner: &str) -> String {
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

/// Pages nested 100,000 deep (each finished in minutes, or never, before the depth bound) are
/// read with their text and a warning naming the depth; what they nest past the limit is
/// dropped before the HTML parser sees it, so they take as long as any page of their size.
#[test]
fn pathologically_deep_html_is_flattened_and_keeps_its_text() {
    const N: usize = 100_000;
    let mut unclosed = String::from("<div id=zoom>");
    for i in 0..N {
        unclosed.push_str(&format!("<span class=s{i}><div>"));
    }
    unclosed.push_str("第一条 未闭合的标签也读完。");
    let cases = [
        ("divs", nested("<div>", "</div>", N, "第一条 深层正文。")),
        (
            "tables",
            nested(
                "<table><tr><td>",
                "</td></tr></table>",
                N,
                "第一条 表格里的正文。",
            ),
        ),
        (
            "formatting",
            nested("<b><i>", "</i></b>", N, "第一条 加粗斜体的正文。"),
        ),
        (
            "misnested formatting",
            nested("<b><div><i>", "</b></div></i>", N, "第一条 错位的格式。"),
        ),
        ("unclosed", unclosed),
    ];
    for (what, page) in cases {
        let source = format!("deep-{}.html", what.replace(' ', "-"));
        let doc = read_bytes(&source, page.as_bytes(), &Limits::default())
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let expected = page
            .split(['<', '>'])
            .find(|t| t.starts_with("第一条"))
            .unwrap();
        assert!(
            doc.text.contains(expected),
            "{what}: text lost: {:?}",
            doc.text
        );
        let warning = doc
            .warnings
            .iter()
            .find(|w| w.message.contains("nested deeper than"))
            .unwrap_or_else(|| panic!("{what}: no warning in {:?}", doc.warnings));
        assert!(
            warning
                .message
                .contains(&format!("deeper than {} elements", Limits::MAX_HTML_DEPTH)),
            "{}",
            warning.message
        );
    }
}

/// Every HTML page of the corpus is under the depth limit: the bound never changes a real
/// notice.
#[test]
fn corpus_pages_are_not_flattened() {
    let mut pages = 0;
    for entry in discover(&[corpus("")]) {
        let path = entry.unwrap();
        if path.extension().is_none_or(|e| e != "html" && e != "htm") {
            continue;
        }
        pages += 1;
        if let Ok(doc) = read_path(&path, &Limits::default()) {
            assert!(
                !doc.warnings
                    .iter()
                    .any(|w| w.message.contains("nested deeper")),
                "{}: {:?}",
                path.display(),
                doc.warnings
            );
        }
    }
    assert!(pages > 0, "no HTML pages in the corpus");
}
