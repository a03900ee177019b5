//! Table-driven tests of number parsing and of the not-a-number decisions.

use policykg_extract::numbers::{self, Found, NotNumber};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn parses_every_form() {
    for (s, v) in [
        ("5000", "5000"),
        ("５０００", "5000"),
        ("1.5", "1.5"),
        ("1．5", "1.5"),
        ("10,000", "10000"),
        ("1,234,567", "1234567"),
        ("一百二十", "120"),
        ("两千", "2000"),
        ("〇", "0"),
        ("零", "0"),
        ("二〇二五", "2025"),
        ("十五", "15"),
        ("十", "10"),
        ("一万二千", "12000"),
        ("三千零五", "3005"),
        ("五千万", "50000000"),
        ("一亿二千万", "120000000"),
        ("1.2亿", "120000000"),
        ("4000亿", "400000000000"),
        ("5000万", "50000000"),
        ("2.5万亿", "2500000000000"),
        ("1.5万", "15000"),
        ("三点五", "3.5"),
        ("二○二二", "2022"),
        ("廿五", "25"),
    ] {
        assert_eq!(numbers::parse(s), Some(d(v)), "{s}");
    }
    for s in ["十四五", "百千", "万", "亿万", "一二", "1.2.3", ""] {
        assert_eq!(numbers::parse(s), None, "{s} is not one number");
    }
}

/// (text, expected quantities as "value unit" or "min-max unit")
const QUANTITIES: &[(&str, &[&str])] = &[
    ("省级专精特新企业5000家以上", &["5000 家"]),
    ("培育 400 个", &["400 个"]),
    ("一百二十家", &["120 家"]),
    ("两千名", &["2000 名"]),
    ("五千万元", &["50000000 元"]),
    ("1.2亿千瓦", &["120000000 千瓦"]),
    ("不少于4000亿元", &["400000000000 元"]),
    ("1.5万元", &["15000 元"]),
    ("10％", &["10 %"]),
    ("百分之十", &["10 %"]),
    ("提高3个百分点", &["3 个百分点"]),
    ("100余家", &["100 家"]),
    ("1—2家", &["1-2 家"]),
    ("3—12个月", &["3-12 个月"]),
    ("1~2个", &["1-2 个"]),
    ("16—24岁", &["16-24 岁"]),
    ("10—20万元", &["100000-200000 元"]),
    ("10万元—20万元", &["100000-200000 元"]),
    (
        "50、100、150万元",
        &["500000 元", "1000000 元", "1500000 元"],
    ),
    ("二〇二五年", &["2025 年"]),
    // ○ (U+25CB) and an Arabic 0 typed for 〇 in real dates
    ("二○二五年", &["2025 年"]),
    ("二0二三年", &["2023 年"]),
    ("廿五年", &["25 年"]),
];

fn show(q: &numbers::Quantity) -> String {
    match (q.value, q.min, q.max) {
        (Some(v), _, _) if q.unit.is_empty() => v.to_string(),
        (Some(v), _, _) => format!("{v} {}", q.unit),
        (None, Some(a), Some(b)) => format!("{a}-{b} {}", q.unit),
        _ => "?".into(),
    }
}

#[test]
fn finds_quantities() {
    for (text, want) in QUANTITIES {
        let got: Vec<String> = numbers::find(text).iter().map(show).collect();
        assert_eq!(&got, want, "{text}");
    }
}

/// Numeral runs that are not numbers, with the reason.
const NOT_NUMBERS: &[(&str, &str)] = &[
    ("孵化一批专精特新企业", "lexicon"),
    ("培育一支高层次队伍", "lexicon"),
    ("给予一次性奖补", "lexicon"),
    ("产供销一体化运营", "lexicon"),
    ("打造一站式综合服务平台", "lexicon"),
    ("以“一网通办”为抓手", "lexicon"),
    ("三农工作", "lexicon"),
    ("落实“三首一保”政策", "lexicon"),
    ("“四新”培育", "lexicon"),
    ("节能环保“五个一百”提升行动", "lexicon"),
    ("十大新兴产业", "lexicon"),
    ("百人计划", "lexicon"),
    ("千人计划", "lexicon"),
    ("一村一名大学生", "lexicon"),
    ("党的十九大", "lexicon"),
    ("十九届历次全会", "lexicon"),
    ("“十四五”规划", "lexicon"),
    ("省第十一次党代会", "ordinal"),
    ("第6版", "ordinal"),
    ("发展基金二期", "ordinal"),
    ("一是提升", "ordinal"),
    ("国发〔2018〕39号", "code"),
    ("在3A、4A、5A级的企业", "code"),
    ("以IPv6", "code"),
    ("5G等技术", "code"),
    ("“1+16+X”", "code"),
    ("6月20日18：00前", "code"),
    ("统一", "word_part"),
    ("海峡两岸", "lexicon"),
    ("打造百家企业", "standalone_scale"),
    ("亿万农民", "lexicon"),
    ("开展万家资本市场培训", "standalone_scale"),
    ("\n1．催生", "enumerator"),
    ("\n（一）指导思想", "enumerator"),
    ("累计达到数十个", "vague"),
    // dev 054 第十六条
    ("每年农历三月初三所在周为惠明茶文化周", "ordinal"),
    ("带动几十万人就业", "vague"),
];

fn reason(w: &NotNumber) -> &'static str {
    match w {
        NotNumber::Lexicon(_) => "lexicon",
        NotNumber::Ordinal => "ordinal",
        NotNumber::Enumerator => "enumerator",
        NotNumber::Code => "code",
        NotNumber::WordPart => "word_part",
        NotNumber::StandaloneScale => "standalone_scale",
        NotNumber::Vague => "vague",
    }
}

#[test]
fn not_numbers() {
    for (text, why) in NOT_NUMBERS {
        let chars: Vec<char> = text.chars().collect();
        let found = numbers::scan_all(&chars);
        let nots: Vec<&str> = found
            .iter()
            .filter_map(|f| match f {
                Found::Not { why, .. } => Some(reason(why)),
                Found::Number(_) => None,
            })
            .collect();
        assert!(
            found.iter().all(|f| match f {
                Found::Number(q) => q.unit == "月" || q.unit == "日",
                Found::Not { .. } => true,
            }),
            "{text}: {found:?}"
        );
        assert!(nots.contains(why), "{text}: expected {why}, got {nots:?}");
    }
}

#[test]
fn lexicon_word_needs_a_boundary() {
    // 一批 is not a number, but 二十一批 is twenty-one batches: the word must start the run
    let chars: Vec<char> = "二十一批".chars().collect();
    assert!(matches!(numbers::scan_all(&chars)[0], Found::Number(_)));
}

#[test]
fn spans_are_character_offsets() {
    let text = "“小巨人”企业达500家";
    let q = &numbers::find(text)[0];
    let s: String = text.chars().skip(q.span.start).take(q.span.len()).collect();
    assert_eq!(s, "500家");
}

/// A scale word with no numeral after a level verb, ending its clause, is one of that scale
/// (dev document 036: 力争产业规模突破万亿元, 永州果蔬出口突破百亿元); 过亿元企业 (an adjective
/// before a noun) and a scale word before a noun stay no number.
#[test]
fn bare_scale_words_after_a_level_verb() {
    let values = |text: &str| -> Vec<(Option<Decimal>, String)> {
        numbers::find(text)
            .iter()
            .map(|q| (q.value, q.unit.clone()))
            .collect()
    };
    assert_eq!(
        values("开展“人工智能+”行动，力争产业规模突破万亿元，数字经济核心产业增加值增长15%。"),
        [
            (Some(d("1000000000000")), "元".to_owned()),
            (Some(d("15")), "%".to_owned())
        ]
    );
    assert_eq!(
        values("农产品出口增长7.9%，永州果蔬出口突破百亿元。"),
        [
            (Some(d("7.9")), "%".to_owned()),
            (Some(d("10000000000")), "元".to_owned())
        ]
    );
    assert!(values("培育过亿元企业").is_empty());
    assert!(values("突破百亿元企业").is_empty());
    assert!(values("形成万亿级产业").is_empty());
    assert!(values("营业收入突破亿元。").is_empty());
}

/// Text copied out of a PDF puts a space between a number and its scale ("5200 亿元"): the same
/// quantity as without it.
#[test]
fn a_space_before_the_scale_keeps_the_quantity() {
    for (spaced, plain) in [
        ("完成年度投资5200 亿元", "完成年度投资5200亿元"),
        ("补助1.5 万元", "补助1.5万元"),
    ] {
        let (a, b) = (numbers::find(spaced), numbers::find(plain));
        assert_eq!(a.len(), 1, "{spaced}");
        assert_eq!(
            (a[0].value, &a[0].unit, &a[0].scale),
            (b[0].value, &b[0].unit, &b[0].scale),
            "{spaced}"
        );
    }
}
