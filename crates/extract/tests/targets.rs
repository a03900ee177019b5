//! Targets: asserted facts on the seeds, reviewed snapshots of every corpus document, and a
//! property test that the finder never panics and keeps its spans inside the text.

#[path = "../../../tests/common/corpus.rs"]
mod common;

use common::{documents, read, slice};
use policykg_extract::targets::{self, Context};
use policykg_extract::{Comparator, Period, Target};
use proptest::prelude::*;
use rust_decimal::Decimal;

const SEED_001: &str = "seeds/001_a6818095697d7a7c.txt";

/// (metric, value and unit, comparator, year, period)
type Row<S> = (S, S, Comparator, Option<i32>, Option<Period>);

fn d(v: i64) -> Option<Decimal> {
    Some(Decimal::from(v))
}

fn by_metric<'a>(ts: &'a [Target], metric: &str, value: i64) -> &'a Target {
    ts.iter()
        .find(|t| t.metric == metric && t.value == d(value))
        .unwrap_or_else(|| panic!("no target {metric} = {value}"))
}

#[test]
fn seed_001_main_targets() {
    let ts = targets::find(&read(SEED_001));
    let t = by_metric(&ts, "省级专精特新企业", 5000);
    assert_eq!(
        (t.unit.as_str(), t.comparator, t.year),
        ("家", Comparator::AtLeast, Some(2025))
    );
    let t = by_metric(&ts, "国家级专精特新“小巨人”企业", 500);
    assert_eq!((t.unit.as_str(), t.year), ("家", Some(2025)));
    let t = by_metric(&ts, "国家级单项冠军企业", 50);
    assert_eq!((t.unit.as_str(), t.year), ("家", Some(2025)));
    let t = by_metric(&ts, "创新型中小企业", 2000);
    assert_eq!((t.period, t.year), (Some(Period::Annual), None));
    let t = by_metric(&ts, "省专精特新企业", 500);
    assert_eq!((t.period, t.year), (Some(Period::Annual), None));
}

#[test]
fn seed_001_all_targets() {
    let ts = targets::find(&read(SEED_001));
    let got: Vec<Row<String>> = ts
        .iter()
        .map(|t| {
            (
                t.metric.clone(),
                format!("{}{}", t.value.unwrap(), t.unit),
                t.comparator,
                t.year,
                t.period,
            )
        })
        .collect();
    use Comparator::*;
    use Period::*;
    let want: Vec<Row<&str>> = vec![
        ("省级专精特新企业", "5000家", AtLeast, Some(2025), None),
        (
            "国家级专精特新“小巨人”企业",
            "500家",
            AtLeast,
            Some(2025),
            None,
        ),
        ("国家级单项冠军企业", "50家", AtLeast, Some(2025), None),
        ("创新型中小企业", "2000家", Exactly, None, Some(Annual)),
        ("省专精特新企业", "500家", Exactly, None, Some(Annual)),
        ("“工业强基”项目", "100个", Exactly, None, Some(Annual)),
        ("省级新产品", "500项", AtLeast, None, Some(Annual)),
        ("首台套装备", "200项", Exactly, None, Some(Annual)),
        ("首批次新材料", "40项", Exactly, None, Some(Annual)),
        ("首版次软件", "100项", About, None, Some(Annual)),
        ("“皖企登云”企业", "6000家", Exactly, None, Some(Annual)),
        ("技术改造示范线", "100条", Exactly, None, Some(Annual)),
        ("工业机器人", "8000台", About, None, Some(Annual)),
        (
            "省级智能工厂、数字化车间",
            "200个",
            About,
            None,
            Some(Annual),
        ),
        ("国家绿色工厂", "50家", AtLeast, Some(2025), None),
        ("省级绿色工厂", "300家", AtLeast, Some(2025), None),
        ("专精特新上市企业", "50家", AtLeast, None, Some(WithinYears)),
        (
            "省级小微企业创业创新基地",
            "200个",
            AtLeast,
            Some(2025),
            Some(Cumulative),
        ),
        ("“三品”示范企业", "100户", AtLeast, None, Some(Annual)),
        ("安徽工业精品", "100个", AtLeast, None, Some(Annual)),
        ("省级新产品", "500个", AtLeast, None, Some(Annual)),
        ("各类服务活动", "1000场", AtLeast, None, Some(Annual)),
        ("服务企业", "10000家", AtLeast, None, Some(Annual)),
        ("服务专员", "1名", Exactly, None, None),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(m, v, c, y, p)| (m.to_owned(), v.to_owned(), c, y, p))
        .collect();
    assert_eq!(got, want);
    let listed = ts.iter().find(|t| t.metric == "专精特新上市企业").unwrap();
    assert_eq!(listed.within_years, Some(5));
}

#[test]
fn not_targets_in_seed_001() {
    let ts = targets::find(&read(SEED_001));
    // the slogan "3个倍增", money, rates, durations (30日内) and ordinals are not targets
    for t in &ts {
        assert!(!t.text.contains("倍增") || t.value != d(3), "{t:?}");
        assert!(!["元", "日", "年"].contains(&t.unit.as_str()), "{t:?}");
        assert!(t.unit != "%", "money rates are not targets: {t:?}");
    }
}

#[test]
fn scales_units_and_pairs_in_guofa_2018_42() {
    let ts = targets::find(&read("extra/04_national_guofa2018-42_nongjihua.txt"));
    let t = ts
        .iter()
        .find(|t| t.metric == "灌排机械动力" && t.year == Some(2020))
        .unwrap();
    assert_eq!(t.value, d(120_000_000));
    assert_eq!((t.unit.as_str(), t.scale.as_deref()), ("千瓦", Some("亿")));
    let peanuts: Vec<_> = ts
        .iter()
        .filter(|t| t.metric == "花生种植、收获机械化率")
        .collect();
    assert_eq!(peanuts.len(), 2);
    assert_eq!(peanuts[0].value, d(65));
    assert_eq!(peanuts[1].value, d(55));
    assert!(peanuts.iter().all(|t| t.comparator == Comparator::AtLeast));
    assert_eq!(peanuts[0].item.as_deref(), Some("花生种植"));
    let about = ts
        .iter()
        .find(|t| t.metric.starts_with("设施农业"))
        .unwrap();
    assert_eq!(about.comparator, Comparator::About);
}

#[test]
fn ranges_conditions_and_qualifiers() {
    let ts =
        targets::find("各县(市、区)以开发区为主要载体,选准1~2个主导产业,打造一批特色产业集群。");
    assert_eq!(ts.len(), 1);
    assert_eq!((ts[0].min, ts[0].max), (d(1), d(2)));
    assert_eq!(ts[0].metric, "主导产业");
    // a condition ("…的，可申请") and an age range are not targets
    let jobs = read("extra/03_national_guofa2018-39_jiuye.txt");
    assert!(targets::find(&jobs).is_empty());
    let wuhu = targets::find(&read("seeds/004_1fa6e42cb493e32d.txt"));
    let t = wuhu.iter().find(|t| t.value == d(15)).unwrap();
    assert_eq!(t.metric, "“行业小巨人”");
    assert_eq!(t.qualifier.as_deref(), Some("主营业务收入10亿元以上"));
    assert_eq!(t.year, Some(2020));
}

#[test]
fn inherited_year_from_context() {
    let ts = targets::find_with("每个县培育龙头企业5家以上", &Context { year: Some(2027) });
    assert_eq!(ts[0].year, Some(2027));
    assert_eq!(ts[0].metric, "龙头企业");
}

#[test]
fn chinese_numerals_in_targets() {
    let ts = targets::find("到二〇二五年，培育一百二十家专精特新企业，新增两千名技术工人。");
    let got: Vec<_> = ts.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(got, vec![(d(120), Some(2025)), (d(2000), Some(2025))]);
}

#[test]
fn spans_match_text() {
    for (name, text) in documents() {
        for t in targets::find(&text) {
            assert_eq!(slice(&text, t.span.start, t.span.end), t.text, "{name}");
            assert!(t.span.start <= t.value_span.start && t.value_span.end <= t.span.end);
        }
    }
}

#[test]
fn corpus_snapshots() {
    for (name, text) in documents() {
        let ts = targets::find(&text);
        insta::assert_snapshot!(name, common::jsonl(&ts));
    }
}

fn policy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[一二三四五六七八九十百千万亿两〇零0-9０-９.．,、，。；：%％元家个项名年月日到至—~～多余以上左右不超过最高少于按照的分别对给予奖补企业培育每累计“”《》（）第号是\n a-zA-Z+]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn never_panics_and_spans_stay_inside(text in policy_text()) {
        let n = text.chars().count();
        for t in targets::find(&text) {
            prop_assert!(t.span.start <= t.span.end && t.span.end <= n);
            prop_assert!(t.value_span.start <= t.value_span.end && t.value_span.end <= n);
            prop_assert_eq!(slice(&text, t.span.start, t.span.end), t.text);
        }
    }
}
