//! Every document in corpus/ read for real: encodings, formats, HTML main content and metadata.

mod common;

use common::{corpus, read, trimmed_lines, utf8};
use policykg_read::{discover, CharIndex, Document, EncodingBasis, FieldOrigin, Format, ReadError};

const SEED_001: &str = "seeds/001_a6818095697d7a7c.txt";
const SEED_004: &str = "seeds/004_1fa6e42cb493e32d.txt";
const GOV_CN: [&str; 3] = [
    "extra/03_national_guofa2018-39_jiuye",
    "extra/04_national_guofa2018-42_nongjihua",
    "extra/05_national_guofa2018-38_zimaoqu",
];

/// The evaluation documents (corpus/dev) that are whole pages declaring their charset, with
/// the label as the page writes it (corpus/dev/SOURCES.md: the 江西 and 丽水 pages, 042's raw
/// HTTP body and the 平潭 transcription; the gov.cn fragments declare none).
const DECLARED_UTF8: [(&str, &str); 13] = [
    ("014_", "utf-8"),
    ("015_", "utf-8"),
    ("016_", "utf-8"),
    ("017_", "utf-8"),
    ("018_", "utf-8"),
    ("029_", "utf-8"),
    ("041_", "UTF-8"),
    ("042_", "utf-8"),
    ("051_", "utf-8"),
    ("052_", "utf-8"),
    ("056_", "utf-8"),
    ("057_", "utf-8"),
    ("058_", "utf-8"),
];

/// (encoding name, basis, declared label, format) a corpus file must be read with.
fn expected(name: &str) -> (&'static str, EncodingBasis, Option<&'static str>, Format) {
    if let Some((_, label)) = DECLARED_UTF8.iter().find(|(p, _)| name.starts_with(p)) {
        ("UTF-8", EncodingBasis::Declared, Some(*label), Format::Html)
    } else if name.ends_with(".jsp") {
        ("UTF-8", EncodingBasis::Utf8, None, Format::Html)
    } else if name.ends_with(".gbk.txt") {
        ("GBK", EncodingBasis::Detected, None, Format::Text)
    } else if name.ends_with(".gb18030.txt") {
        ("gb18030", EncodingBasis::Detected, None, Format::Text)
    } else if name.ends_with(".utf16le.txt") {
        ("UTF-16LE", EncodingBasis::Bom, None, Format::Text)
    } else if name.ends_with(".gb2312.html") {
        ("GBK", EncodingBasis::Declared, Some("gb2312"), Format::Html)
    } else if name.ends_with(".html") || name.starts_with("000_") {
        ("UTF-8", EncodingBasis::Utf8, None, Format::Html)
    } else if name.ends_with(".md") {
        ("UTF-8", EncodingBasis::Utf8, None, Format::Markdown)
    } else {
        ("UTF-8", EncodingBasis::Utf8, None, Format::Text)
    }
}

#[test]
fn every_corpus_file_reads_with_the_right_encoding_and_basis() {
    let found = discover(&[corpus("")]);
    let mut names = Vec::new();
    for entry in found {
        let path = entry.unwrap_or_else(|e| panic!("{e}"));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = read(&path);
        let (encoding, basis, declared, format) = expected(&name);
        assert_eq!(doc.encoding.name, encoding, "{name}");
        assert_eq!(doc.encoding.basis, basis, "{name}");
        assert_eq!(doc.encoding.declared.as_deref(), declared, "{name}");
        assert_eq!(doc.format, format, "{name}");
        assert_eq!(doc.encoding.invalid_sequences, 0, "{name}");
        assert_eq!(doc.encoding.first_invalid_byte, None, "{name}");
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
        assert!(!doc.text.contains('\u{FFFD}'), "{name}");
        names.push(name);
    }
    // Notes beside the documents are not documents.
    assert!(!names
        .iter()
        .any(|n| n.starts_with("README") || n.starts_with("SOURCES")));
    // The files this crate's tests are about are all there.
    for must in [
        "000_eef8574c2d5c617b.txt",
        "001_a6818095697d7a7c.gbk.txt",
        "001_a6818095697d7a7c.gb18030.txt",
        "001_a6818095697d7a7c.utf16le.txt",
        "001_a6818095697d7a7c.gb2312.html",
        "004_1fa6e42cb493e32d.gbk.txt",
        "004_1fa6e42cb493e32d.gb18030.txt",
        "004_1fa6e42cb493e32d.utf16le.txt",
        "03_national_guofa2018-39_jiuye.raw.html",
        "06b_shanghai_yingshang_tiaoli_2024-09-27.md",
    ] {
        assert!(names.iter().any(|n| n == must), "{must} not found");
    }
}

#[test]
fn plain_utf8_text_is_the_file_itself() {
    for rel in [
        SEED_001,
        SEED_004,
        "extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
    ] {
        let path = corpus(rel);
        assert_eq!(read(&path).text, utf8(&path), "{rel}");
    }
}

/// GBK has no U+00A0, which both seeds use on blank and indented lines; the GBK copies carry a
/// space there (see scripts/make-encoded-copies.py) and are otherwise the seed.
fn as_gbk_can_hold(seed: &str) -> String {
    seed.replace('\u{A0}', " ")
}

#[test]
fn encoded_copies_decode_to_the_seed_exactly() {
    for seed_rel in [SEED_001, SEED_004] {
        let seed = utf8(&corpus(seed_rel));
        let stem = seed_rel
            .trim_start_matches("seeds/")
            .trim_end_matches(".txt");
        let copy = |suffix: &str| read(&corpus(&format!("encodings/{stem}.{suffix}")));
        assert_eq!(copy("gb18030.txt").text, seed, "{stem} GB18030");
        assert_eq!(copy("utf16le.txt").text, seed, "{stem} UTF-16LE");
        assert_eq!(copy("gbk.txt").text, as_gbk_can_hold(&seed), "{stem} GBK");
    }
}

#[test]
fn gb18030_copies_differ_from_gbk_exactly_at_the_no_break_spaces() {
    for stem in ["001_a6818095697d7a7c", "004_1fa6e42cb493e32d"] {
        let seed = utf8(&corpus(&format!("seeds/{stem}.txt")));
        let nbsp = seed.matches('\u{A0}').count();
        assert!(nbsp > 0, "{stem} has U+00A0, outside GBK");
        let gbk = std::fs::read(corpus(&format!("encodings/{stem}.gbk.txt"))).unwrap();
        let gb18030 = std::fs::read(corpus(&format!("encodings/{stem}.gb18030.txt"))).unwrap();
        // Each U+00A0 is one byte (0x20) in the GBK copy and four (81 30 84 32) in GB18030.
        assert_eq!(gb18030.len() - gbk.len(), 3 * nbsp, "{stem}");
        assert_eq!(
            gb18030
                .windows(4)
                .filter(|w| *w == b"\x81\x30\x84\x32")
                .count(),
            nbsp,
            "{stem}"
        );
    }
}

#[test]
fn provincial_page_yields_the_notice_and_nothing_else() {
    let doc = read(&corpus("encodings/001_a6818095697d7a7c.gb2312.html"));
    let seed = utf8(&corpus(SEED_001));
    // Line for line: no notice line lost, no navigation/share/footer line added.
    assert_eq!(
        doc.text.lines().collect::<Vec<_>>(),
        trimmed_lines(&seed),
        "HTML copy vs seed 001"
    );
    // The slogan spaces (&nbsp; in the page) are kept as U+00A0, as in the seed.
    assert!(doc.text.contains("“皖美制造\u{A0}畅行全球”"));
    for furniture in [
        "首页",
        "政务公开 >",
        "当前位置",
        "分享到",
        "微信",
        "微博",
        "打印本页",
        "关闭窗口",
        "相关链接",
        "主办单位",
        "备案号",
        "您正在访问",
        "字号",
        "索引号",
        "无障碍",
        "搜索",
        "信息内容",
    ] {
        assert!(
            !doc.text.contains(furniture),
            "{furniture:?} leaked into the text"
        );
    }
    assert!(doc.tables.is_empty());
    insta::assert_yaml_snapshot!("provincial_page_fields", doc.fields);
    // Blank cells (索引号, 文号) give no field rather than an empty or borrowed one.
    assert_eq!(doc.field("索引号"), None);
    assert_eq!(doc.field("文号"), None);
}

#[test]
fn gov_cn_pages_match_their_text_siblings_and_keep_their_metadata_table() {
    for stem in GOV_CN {
        let doc = read(&corpus(&format!("{stem}.raw.html")));
        let sibling = utf8(&corpus(&format!("{stem}.txt")));
        // The siblings are the same bodies with tags stripped. They have a blank line where the
        // page has an empty paragraph (`<p><br> </p>` after the 文号) and we give empty blocks no
        // line; apart from that they agree line for line, untrimmed.
        let sibling_lines: Vec<&str> = sibling.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            doc.text.lines().collect::<Vec<_>>(),
            sibling_lines,
            "{stem}"
        );
        assert_eq!(doc.field("发文机关"), Some("国务院"), "{stem}");
        assert!(doc
            .fields
            .iter()
            .all(|f| f.origin == FieldOrigin::PageTable));
        // The metadata table sits outside #UCAP-CONTENT: fields, not text.
        for label in [
            "索 引 号",
            "索引号",
            "主题分类",
            "发文机关",
            "发布日期",
            "扫一扫",
        ] {
            assert!(!doc.text.contains(label), "{stem}: {label} in text");
        }
    }
    let jiuye = read(&corpus("extra/03_national_guofa2018-39_jiuye.raw.html"));
    assert_eq!(jiuye.field("成文日期"), Some("2018年11月16日"));
    assert_eq!(jiuye.field("发文字号"), Some("国发〔2018〕39号"));
    assert_eq!(jiuye.field("索引号"), Some("000014349/2018-00212"));
    assert_eq!(
        jiuye.field("标题"),
        Some("国务院关于做好当前和今后一个时期促进就业工作的若干意见")
    );
    // 主 题 词 has an empty value cell.
    assert_eq!(jiuye.field("主题词"), None);
    insta::assert_yaml_snapshot!("gov_cn_39_fields", jiuye.fields);
    let nongjihua = read(&corpus("extra/04_national_guofa2018-42_nongjihua.raw.html"));
    assert_eq!(nongjihua.field("发文字号"), Some("国发〔2018〕42号"));
    assert_eq!(nongjihua.field("成文日期"), Some("2018年12月21日"));
    let zimaoqu = read(&corpus("extra/05_national_guofa2018-38_zimaoqu.raw.html"));
    assert_eq!(zimaoqu.field("发文字号"), Some("国发〔2018〕38号"));
    assert_eq!(zimaoqu.field("成文日期"), Some("2018年11月07日"));
}

#[test]
fn seed_000_front_matter_then_html_body() {
    // Read under a relative label so that the snapshot does not depend on the checkout path.
    let rel = "corpus/seeds/000_eef8574c2d5c617b.txt";
    let bytes = std::fs::read(common::workspace().join(rel)).unwrap();
    let doc = policykg_read::read_bytes(rel, &bytes, &policykg_read::Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Html);
    assert!(doc.tables.is_empty() && doc.warnings.is_empty());
    assert_eq!(doc.field("date"), Some("Mon, 07 Feb 2022 06:27:57 GMT"));
    assert_eq!(doc.field("author"), Some("IT 之家"));
    assert_eq!(doc.field("categories"), Some("新媒体、IT 之家、分类资讯"));
    assert!(!doc.text.contains('<') && !doc.text.contains("---"));
    // One line per <p>/<h3> of the article; the image paragraph has no text and gives no line.
    insta::assert_snapshot!("seed_000_text", doc.text);
    insta::assert_yaml_snapshot!("seed_000_fields", doc.fields);
}

#[test]
fn every_span_slices_what_it_claims() {
    for entry in discover(&[corpus("")]) {
        let path = entry.unwrap();
        let doc = read(&path);
        check_spans(&doc);
    }
}

pub fn check_spans(doc: &Document) {
    let index = CharIndex::new(&doc.text);
    for table in &doc.tables {
        assert!(index.slice(table.span).is_some(), "{}", doc.source);
        for cell in table.rows.iter().flatten() {
            assert_eq!(
                index.slice(cell.span),
                Some(cell.text.as_str()),
                "{}",
                doc.source
            );
        }
    }
    for warning in &doc.warnings {
        if let Some(span) = warning.span {
            assert!(index.slice(span).is_some(), "{}", doc.source);
        }
    }
}

#[test]
fn missing_paths_are_entries_not_panics() {
    let missing = corpus("no/such/file.txt");
    let found = discover(&[missing.clone(), corpus(SEED_001)]);
    assert_eq!(found.len(), 2);
    match &found[0] {
        Err(err @ ReadError::Io { path, .. }) => {
            assert_eq!(path, &missing);
            assert!(err.to_string().contains("no/such/file.txt"), "{err}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(found[1].as_ref().unwrap(), &corpus(SEED_001));
}
