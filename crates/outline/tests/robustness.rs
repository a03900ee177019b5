//! Outline and metadata never panic and always satisfy the invariants (spans in bounds and
//! slicing to what they claim, a consistent tree), on arbitrary strings and on strings built from
//! the pieces the parser reacts to; and pathological inputs (one huge line, thousands of
//! brackets) finish, without quadratic work.

mod common;

use common::check_invariants;
use policykg_outline::Parsed;
use policykg_read::{Document, EncodingBasis, EncodingReport, Field, FieldOrigin, Format};
use proptest::prelude::*;

fn document(text: String, fields: Vec<Field>) -> Document {
    Document {
        source: "proptest".into(),
        format: Format::Text,
        encoding: EncodingReport {
            name: "UTF-8",
            basis: EncodingBasis::Utf8,
            declared: None,
            invalid_sequences: 0,
            first_invalid_byte: None,
        },
        text,
        tables: Vec::new(),
        fields,
        warnings: Vec::new(),
    }
}

fn parse(text: String, fields: Vec<Field>) -> Parsed {
    policykg_outline::parse(
        document(text, fields),
        policykg_ontology::Ontology::bundled(),
    )
}

const TOKENS: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1．",
    "2.",
    "3、",
    "（1）",
    "1）",
    "①",
    "⑵",
    "⒈",
    "一是",
    "二是",
    "第一章",
    "第二条",
    "第十一次",
    "第一部分",
    "第三节",
    "十、",
    "九十九、",
    "## ",
    "**",
    "<!-- x -->",
    "---",
    "2022年2月17日",
    "二〇二二年二月十七日",
    "2021-07-28",
    "2025年05月16日",
    "Mon, 07 Feb 2022 06:27:57 GMT",
    "皖政〔2018〕46号",
    "国发（2018）39号",
    "〔2018〕",
    "《",
    "》",
    "〈",
    "〉",
    "《安徽省条例》",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "（以下简称《规划》）",
    "现将《安徽省方案》印发给你们",
    "各市人民政府，省政府各部门、各直属机构：",
    "安徽省人民政府办公厅",
    "国务院",
    "芜湖市",
    "上海",
    "特此通知。",
    "（此件公开发布）",
    "（征求意见稿）",
    "抄送：",
    "2020年4月10日 上海市第十五届人民代表大会常务委员会第二十次会议通过",
    "关于",
    "的通知",
    "。",
    "，",
    "；",
    "：",
    "、",
];

const SPACES: &[&str] = &[
    "\n", "\r\n", "\r", "\u{3000}", "\u{a0}", " ", "\t", "\u{200b}", "\u{feff}", "\u{301}",
    "\u{2028}", "\n\n", "\u{ad}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(String::from),
        3 => prop::sample::select(SPACES).prop_map(String::from),
        2 => "[一二三四五六七八九十百千零〇两０-９0-9ａ-ｚＡ-Ｚ]{1,4}",
        2 => "[\u{4e00}-\u{4e40}。，、；：！？]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..160).prop_map(|v| v.concat())
}

fn fields() -> impl Strategy<Value = Vec<Field>> {
    let key = prop::sample::select(
        &[
            "title",
            "date",
            "标题",
            "发文机关",
            "成文日期",
            "发文字号",
            "发布日期",
        ][..],
    );
    let origin = prop::sample::select(
        &[
            FieldOrigin::FrontMatter,
            FieldOrigin::PageTable,
            FieldOrigin::HtmlHead,
            FieldOrigin::PageHeading,
        ][..],
    );
    prop::collection::vec(
        (key, text(), origin).prop_map(|(k, v, o)| Field {
            key: k.to_owned(),
            value: v,
            origin: o,
        }),
        0..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn pieces_never_break_the_invariants(s in text(), f in fields()) {
        let parsed = parse(s, f);
        check_invariants(&parsed).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn arbitrary_strings_never_break_the_invariants(s in any::<String>()) {
        let parsed = parse(s, Vec::new());
        check_invariants(&parsed).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn outline_alone_matches_parse(s in text()) {
        let (outline, _) = policykg_outline::outline(&s);
        let parsed = parse(s, Vec::new());
        prop_assert_eq!(outline.nodes.len(), parsed.outline.nodes.len());
        prop_assert_eq!(outline.preamble, parsed.outline.preamble);
    }
}

#[test]
fn pathological_inputs_finish() {
    let mb = 1 << 20;
    let cases: Vec<(&str, String)> = vec![
        (
            "one huge line",
            "为深入贯彻习近平总书记重要指示精神，".repeat(2 * mb / 57),
        ),
        (
            "one huge heading line",
            format!("一、{}", "总体要求（一）".repeat(mb / 21)),
        ),
        ("unclosed quotes", "《".repeat(mb / 3)),
        ("nested quotes", "《〈".repeat(mb / 6)),
        ("brackets everywhere", "（〔2018〕（".repeat(mb / 20)),
        ("doc numbers everywhere", "皖政〔2018〕46号".repeat(mb / 20)),
        (
            "items on every line",
            (1..=50_000).map(|i| format!("{i}．项目。\n")).collect(),
        ),
        ("restarts on every line", "1．项目。\n".repeat(100_000)),
        (
            "deep mixed styles",
            "一、x\n（一）x\n1．x\n（1）x\n①x\n一是x\n".repeat(20_000),
        ),
        ("blank lines", "\n".repeat(mb)),
        ("dates everywhere", "2022年2月17日\n".repeat(50_000)),
        ("place names everywhere", "安徽省芜湖市上海".repeat(mb / 24)),
    ];
    for (what, text) in cases {
        let parsed = parse(text, Vec::new());
        check_invariants(&parsed).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}
