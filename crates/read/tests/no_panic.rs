//! Property tests: the reader never panics, whatever the bytes, and what it returns is
//! consistent (spans slice their text, invalid bytes are counted).

mod common;

use common::corpus;
use policykg_read::{read_bytes, CharIndex, Limits, ReadError, Span};
use proptest::prelude::*;

fn check(source: &str, bytes: &[u8]) {
    match read_bytes(source, bytes, &Limits::default()) {
        Ok(doc) => {
            let index = CharIndex::new(&doc.text);
            for cell in doc.tables.iter().flat_map(|t| t.rows.iter().flatten()) {
                assert_eq!(index.slice(cell.span), Some(cell.text.as_str()));
            }
            for table in &doc.tables {
                assert!(index.slice(table.span).is_some());
            }
            assert_eq!(
                doc.encoding.invalid_sequences > 0,
                doc.encoding.first_invalid_byte.is_some()
            );
            if let Some(at) = doc.encoding.first_invalid_byte {
                assert!(at < bytes.len());
            }
            assert!(!doc.text.trim().is_empty());
        }
        Err(ReadError::Io { .. }) => panic!("read_bytes does no I/O"),
        Err(err) => assert!(err.to_string().starts_with(source)),
    }
}

/// Fragments real pages are made of, including the ones that steer decoding and extraction.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<meta charset=\"gb2312\">".to_owned()),
        Just("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-16\">".to_owned()),
        Just("<?xml version=\"1.0\" encoding=\"gb18030\"?>".to_owned()),
        Just("<div class=\"TRS_Editor\">".to_owned()),
        Just("<div id=\"zoom\">".to_owned()),
        Just("<td id=\"UCAP-CONTENT\">".to_owned()),
        Just("</div>".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("<td rowspan=\"99999999\" colspan=\"4000\">".to_owned()),
        Just("</td><td>".to_owned()),
        Just("</tr><tr>".to_owned()),
        Just("</table>".to_owned()),
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<br>".to_owned()),
        Just("<pre>".to_owned()),
        Just("<script>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<b>索 引 号：</b>".to_owned()),
        Just("发文字号：国发〔2018〕39号".to_owned()),
        Just("&nbsp;".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("---\n".to_owned()),
        Just("title: '安徽'\n".to_owned()),
        Just("<div style=\"display:none\">".to_owned()),
        Just("<a href=\"#\">".to_owned()),
        Just("<header><footer><nav><aside>".to_owned()),
        "[一二三、（）0-9a-z<>/=\"' \n\t]{0,12}",
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check("bytes.bin", &bytes);
        check("bytes.html", &bytes);
    }

    #[test]
    fn html_ish_strings_never_panic(pieces in proptest::collection::vec(html_piece(), 0..64)) {
        let page = pieces.concat();
        check("page.html", page.as_bytes());
        check("page.txt", page.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        check("page.gbk.html", &gbk);
    }

    #[test]
    fn corpus_files_cut_anywhere_never_panic(file in 0usize..64, cut in any::<prop::sample::Index>()) {
        let files: Vec<_> = policykg_read::discover(&[corpus("")])
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        let path = &files[file % files.len()];
        let bytes = std::fs::read(path).unwrap();
        let cut = cut.index(bytes.len() + 1);
        check(&path.display().to_string(), &bytes[..cut]);
    }

    #[test]
    fn char_index_round_trips(text in "\\PC{0,300}", probe in any::<prop::sample::Index>()) {
        let index = CharIndex::new(&text);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        prop_assert_eq!(index.len_chars(), chars.len());
        for (c, (b, _)) in chars.iter().enumerate() {
            prop_assert_eq!(index.char_of_byte(*b), Some(c));
            prop_assert_eq!(index.byte_of_char(c), Some(*b));
        }
        let byte = probe.index(text.len() + 1);
        match index.char_of_byte(byte) {
            Some(c) => prop_assert_eq!(index.byte_of_char(c), Some(byte)),
            None => prop_assert!(!text.is_char_boundary(byte)),
        }
        let end = chars.len();
        let start = probe.index(end + 1);
        let span = Span::new(start, end);
        let expected: String = text.chars().skip(start).collect();
        prop_assert_eq!(index.slice(span), Some(expected.as_str()));
        prop_assert_eq!(index.span_of_bytes(index.bytes_of_span(span).unwrap()), Some(span));
    }
}
