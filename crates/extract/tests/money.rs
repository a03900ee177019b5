//! Money: asserted facts on the seeds and the State Council notices, reviewed snapshots of every
//! corpus document, and a property test that the finder never panics.

#[path = "../../../tests/common/corpus.rs"]
mod common;

use common::{documents, read, slice};
use policykg_extract::money::{self, find_all};
use policykg_extract::{Amount, AmountKind, AmountRole, Comparator};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(v: i64) -> Option<Decimal> {
    Some(Decimal::from(v))
}

/// Each threshold's yuan and what it measures.
fn measures(text: &str) -> Vec<(Option<Decimal>, Option<String>)> {
    find_all(text)
        .thresholds()
        .map(|t| (t.yuan, t.measure.clone()))
        .collect()
}

const SEED_001: &str = "seeds/001_a6818095697d7a7c.txt";

/// One line per amount: yuan / cap / floor, kind, rate, recipient, item.
fn line(a: &Amount) -> String {
    let mut s = String::new();
    if let Some(v) = a.yuan {
        s += &format!("{v}");
    }
    if let (Some(lo), Some(hi)) = (a.min_yuan, a.max_yuan) {
        s += &format!("{lo}-{hi}");
    }
    if let Some(v) = a.cap {
        s += &format!("cap {v}");
    }
    if let Some(v) = a.floor {
        s += &format!("floor {v}");
    }
    s += &format!(" {:?}", a.kind);
    if let Some(r) = &a.rate {
        s += &format!(
            " rate {}% of {}",
            r.percent,
            r.base.as_deref().unwrap_or("?")
        );
    }
    if a.one_off {
        s += " one_off";
    }
    if let Some(r) = &a.recipient {
        s += &format!(" → {r}");
    }
    if let Some(i) = &a.item {
        s += &format!(" [{i}]");
    }
    s
}

#[test]
fn seed_001_holds_fifteen_amounts() {
    let (amounts, warnings) = money::find(&read(SEED_001));
    let got: Vec<String> = amounts.iter().map(line).collect();
    let want = [
        "800000 Subsidy one_off → 省培育认定的专精特新冠军企业",
        "1000000 Subsidy one_off → 获得国家级专精特新“小巨人”称号的企业 [国家级专精特新“小巨人”]",
        "2000000 Subsidy one_off → 获得单项冠军称号的企业 [单项冠军]",
        "1000000 Subsidy one_off → 迁入安徽的国家级专精特新“小巨人”企业 [国家级专精特新“小巨人”]",
        "2000000 Subsidy one_off → 迁入安徽的单项冠军企业 [单项冠军]",
        "1000000 Subsidy one_off → 企业级工业互联网平台",
        "cap 1000000 Subsidy one_off → 帮助我省中小企业具体实施上云上平台等项目的服务商",
        "500000 Subsidy one_off → 评估等级在3A级的企业 [3A]",
        "1000000 Subsidy one_off → 评估等级在4A级的企业 [4A]",
        "1500000 Subsidy one_off → 评估等级在5A级的企业 [5A]",
        "cap 1000000 Subsidy rate 50% of 项目投资额 one_off",
        "cap 5000000 Subsidy rate 10% of 项目设备购置额",
        "floor 400000000000 Credit",
        "200000 Subsidy one_off → 省区域性股权市场“专精特新板”挂牌的企业",
        "1000000 Subsidy → 国家级公共服务示范平台",
    ];
    assert_eq!(got, want);
    assert!(warnings.is_empty(), "{warnings:?}");
    // the rate with a cap is one amount whose rule text holds both
    let rule = &amounts[11];
    assert_eq!(
        rule.text,
        "省级按照项目设备购置额的10%给予奖补，最高500万元"
    );
    assert_eq!(
        rule.rate.as_ref().map(|r| r.comparator),
        Some(Comparator::Exactly)
    );
    assert_eq!(
        amounts[10].rate.as_ref().map(|r| r.comparator),
        Some(Comparator::AtMost)
    );
}

#[test]
fn seed_001_rates_without_amounts_are_rate_rules() {
    let m = find_all(&read(SEED_001));
    let rates: Vec<(String, Option<String>)> = m
        .rates
        .iter()
        .map(|r| (r.rate.percent.to_string(), r.item.clone()))
        .collect();
    assert_eq!(
        rates,
        vec![
            ("50".to_owned(), Some("省".to_owned())),
            ("30".to_owned(), Some("市".to_owned()))
        ]
    );
    assert!(m.rates.iter().all(|r| r.kind == AmountKind::Subsidy));
}

#[test]
fn seed_004_pairs_caps_with_items() {
    let (amounts, warnings) = money::find(&read("seeds/004_1fa6e42cb493e32d.txt"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let caps: Vec<(Option<Decimal>, Option<&str>, AmountKind)> = amounts
        .iter()
        .filter(|a| a.cap.is_some())
        .map(|a| (a.cap, a.item.as_deref(), a.kind))
        .collect();
    assert_eq!(
        caps,
        vec![
            (d(1_000_000), Some("成套装备"), AmountKind::Award),
            (d(500_000), Some("单台设备"), AmountKind::Award),
            (d(200_000), Some("关键部件"), AmountKind::Award),
        ]
    );
    let first = amounts.iter().find(|a| a.cap.is_some()).unwrap();
    let rate = first.rate.as_ref().unwrap();
    assert_eq!(
        (rate.percent, rate.base.as_deref()),
        (Decimal::from(10), Some("首台（套）设备售价"))
    );
    assert_eq!(first.recipient.as_deref(), Some("市内研制单位"));
    // "每户分别给予一次性奖补10万元": per household, no pairing needed
    let per = amounts.iter().find(|a| a.per_capita).unwrap();
    assert_eq!((per.yuan, per.per.as_deref()), (d(100_000), Some("每户")));
    assert!(per.one_off);
    // 国家级、省级 … 分别给予50万元、10万元一次性奖励
    let award: Vec<_> = amounts
        .iter()
        .filter(|a| a.kind == AmountKind::Award && a.yuan.is_some())
        .map(|a| (a.yuan, a.item.as_deref(), a.one_off))
        .collect();
    assert_eq!(
        award,
        vec![
            (d(500_000), Some("国家级"), true),
            (d(100_000), Some("省级"), true)
        ]
    );
    // the 300万元 of "投资额达到300万元" is an eligibility threshold, not an amount
    let m = find_all(&read("seeds/004_1fa6e42cb493e32d.txt"));
    let t = m.thresholds().find(|t| t.yuan == d(3_000_000)).unwrap();
    assert_eq!(
        (t.comparator, t.measure.as_deref()),
        (Some(Comparator::AtLeast), Some("技术改造设备投资额"))
    );
    assert!(amounts
        .iter()
        .all(|a| a.yuan != d(3_000_000) || a.role == AmountRole::Threshold));
}

#[test]
fn guofa_2018_39_credit_caps() {
    let (amounts, _) = money::find(&read("extra/03_national_guofa2018-39_jiuye.txt"));
    let caps: Vec<_> = amounts.iter().map(|a| (a.cap, a.kind, a.yuan)).collect();
    assert_eq!(
        caps,
        vec![
            (d(150_000), AmountKind::Credit, None),
            (d(3_000_000), AmountKind::Credit, None)
        ]
    );
    assert_eq!(
        amounts[0].condition.as_deref(),
        Some("符合创业担保贷款申请条件的人员自主创业的")
    );
}

#[test]
fn dev_026_penalty_ranges_up_to_ten_wan() {
    // 第四十八条: "处五千元以上三万元以下罚款；情节严重的，处三万元以上十万元以下罚款"; 十万 is
    // 一十万, a number like 二十万.
    let text = read("dev/026_zhejiang_minying_qiye_cujin_tiaoli_2020.md");
    let at = text.find("第四十八条").unwrap();
    let (amounts, _) = money::find(&text[at..]);
    let ranges: Vec<_> = amounts
        .iter()
        .map(|a| (a.min_yuan, a.max_yuan, a.role))
        .collect();
    assert_eq!(
        ranges,
        vec![
            (d(5_000), d(30_000), AmountRole::Penalty),
            (d(30_000), d(100_000), AmountRole::Penalty)
        ]
    );
}

#[test]
fn a_bounded_range_copied_out_of_a_pdf_keeps_its_spaces() {
    // dev/055 第七十一条 as a PDF copy spaces it: "处10万元以上 50万元以下的罚款".
    for text in [
        "并处10万元以上 50万元以下的罚款",
        "并处10万元 以上50万元以下的罚款",
    ] {
        let (amounts, _) = money::find(text);
        let ranges: Vec<_> = amounts
            .iter()
            .map(|a| (a.min_yuan, a.max_yuan, a.role))
            .collect();
        assert_eq!(
            ranges,
            vec![(d(100_000), d(500_000), AmountRole::Penalty)],
            "{text}"
        );
    }
}

#[test]
fn an_order_of_magnitude_is_no_figure() {
    // 数十个 / 几十万人 say "tens of", not ten.
    let (amounts, _) = money::find("每年安排数十万元资金，另给予十万元奖励");
    let v: Vec<_> = amounts.iter().map(|a| a.yuan).collect();
    assert_eq!(v, vec![d(100_000)]);
}

#[test]
fn seed_002_size_classes_are_thresholds() {
    let m = find_all(&read("seeds/002_076db4c0ab1c918d.txt"));
    assert!(
        m.amounts.iter().all(|a| a.role == AmountRole::Threshold),
        "{:?}",
        m.amounts
    );
    let t: Vec<_> = m.thresholds().map(|t| t.yuan).collect();
    assert_eq!(t, vec![d(100_000_000), d(500_000_000), d(1_000_000_000)]);
}

#[test]
fn forms_of_money() {
    let cases: &[(&str, &str)] = &[
        ("给予1.5万元补助", "15000 Subsidy"),
        ("奖励五千万元", "50000000 Award"),
        ("给予10—20万元补贴", "100000-200000 Subsidy"),
        (
            "设立总规模200亿元的省新质生产力投资平台",
            "20000000000 Fund",
        ),
        ("人均补助580元", "580 Subsidy"),
        ("最高不超过15万元的创业担保贷款", "cap 150000 Credit"),
        ("项目支出100万元以内", "cap 1000000 Other"),
    ];
    for (text, want) in cases {
        let (a, _) = money::find(text);
        assert_eq!(a.len(), 1, "{text}: {a:?}");
        assert_eq!(line(&a[0]), *want, "{text}");
    }
    let (a, _) = money::find("人均补助580元");
    assert_eq!((a[0].per_capita, a[0].per.as_deref()), (true, Some("人均")));
    // decimals stay exact, and serialise as exact JSON numbers
    let (a, _) = money::find("每人补贴0.1万元");
    let json = serde_json::to_string(&a[0]).unwrap();
    assert!(json.contains("\"yuan\":1000"), "{json}");
}

#[test]
fn fenbie_mismatch_warns_instead_of_guessing() {
    let (amounts, warnings) =
        money::find("对优秀企业分别给予一次性奖补100万元、200万元、300万元。");
    assert_eq!(amounts.len(), 3);
    assert!(amounts.iter().all(|a| a.item.is_none()));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].span.is_some());
}

#[test]
fn foreign_currency_keeps_its_currency() {
    // never converted to yuan: the figure is in dollars, and says so
    let (amounts, warnings) = money::find("吸引外资100万美元");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(amounts.len(), 1);
    assert_eq!(
        (amounts[0].yuan, amounts[0].currency.as_str()),
        (d(1_000_000), "USD")
    );
    let (amounts, _) = money::find("给予1.5万元补助");
    assert_eq!(amounts[0].currency, "CNY");
}

#[test]
fn spans_match_text() {
    for (name, text) in documents() {
        let (amounts, _) = money::find(&text);
        for a in amounts {
            assert_eq!(slice(&text, a.span.start, a.span.end), a.text, "{name}");
            let v = slice(&text, a.value_span.start, a.value_span.end);
            assert!(v.ends_with('元'), "{name}: {v}");
        }
    }
}

#[test]
fn corpus_snapshots() {
    for (name, text) in documents() {
        let m = find_all(&text);
        let mut out = format!("# amounts\n{}", common::jsonl(&m.amounts));
        out += &format!("# rates without amounts\n{}", common::jsonl(&m.rates));
        out += &format!("# warnings\n{}", common::jsonl(&m.warnings));
        insta::assert_snapshot!(name, out);
    }
}

fn policy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[一二三四五六七八九十百千万亿两〇零0-9０-９.．,、，。；：%％元美家个项年到至—~～多余以上以下左右不超过最高不少于按照的分别对于给予奖补励贷款基金每户人均一次性“”（）和及\n a-zA-Z]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn never_panics_and_spans_stay_inside(text in policy_text()) {
        let n = text.chars().count();
        let m = find_all(&text);
        for a in &m.amounts {
            prop_assert!(a.span.start <= a.span.end && a.span.end <= n);
            prop_assert!(a.value_span.end <= n);
            prop_assert_eq!(slice(&text, a.span.start, a.span.end), a.text.clone());
        }
        for w in &m.warnings {
            if let Some(s) = w.span {
                prop_assert!(s.start <= s.end && s.end <= n);
            }
        }
    }
}

/// Thresholds are amounts with role `threshold`, their comparator, what they measure and the
/// amounts of their sentence paid under them (dev document 030, 平潭新兴产业园).
#[test]
fn dev_030_thresholds_measure_and_condition_awards() {
    let m = find_all(&read(
        "dev/030_pingtan_xinxing_chanyeyuan_zhengce_cuoshi.page.txt",
    ));
    let t: Vec<_> = m
        .thresholds()
        .map(|t| (t.yuan, t.comparator, t.measure.as_deref()))
        .collect();
    let at_least = Some(Comparator::AtLeast);
    for want in [
        (d(10_000_000), at_least, Some("固定资产投资")), // 新增1000万元以上固定资产投资的项目
        (d(20_000_000), at_least, Some("年产值")),
        (d(10_000_000), at_least, Some("年营业收入")),
        (d(50_000_000), at_least, Some("固定资产投资")), // 对固定资产投资5000万元以上的项目
    ] {
        assert!(t.contains(&want), "{want:?} not in {t:?}");
    }
    // the bands of a tier table are thresholds too: "年度缴纳税收总额（含）10-30万元，按其…75%予以奖励"
    let band = m.thresholds().find(|t| t.min_yuan == d(100_000)).unwrap();
    assert_eq!(
        (band.max_yuan, band.comparator, band.measure.as_deref()),
        (d(300_000), None, Some("年度缴纳税收总额"))
    );
    // indices point into the same list, which is in text order
    assert!(m
        .amounts
        .windows(2)
        .all(|w| w[0].value_span.start <= w[1].value_span.start));
}

/// "500万元及以下的小微企业" is a threshold at most 500万元 of 单户担保金额 (dev document 007).
#[test]
fn dev_007_ji_yixia_is_an_at_most_threshold() {
    let text = "其中单户担保金额500万元及以下的占比不得低于50%";
    let m = find_all(text);
    assert_eq!(m.amounts.len(), 1, "{:?}", m.amounts);
    let t = &m.amounts[0];
    assert_eq!(
        (t.role, t.yuan, t.comparator, t.measure.as_deref()),
        (
            AmountRole::Threshold,
            d(5_000_000),
            Some(Comparator::AtMost),
            Some("单户担保金额")
        )
    );
}

/// "并处一万元以上三万元以下的罚款" is one penalty ranging 10000–30000, not two thresholds
/// (dev document 053, a county regulation).
#[test]
fn dev_053_penalty_ranges() {
    let m = find_all(&read("dev/053_pengshui_zizhixian_lvyou_tiaoli_2019.md"));
    let got: Vec<_> = m
        .amounts
        .iter()
        .map(|a| (a.role, a.min_yuan, a.max_yuan))
        .collect();
    assert_eq!(
        got,
        vec![
            (AmountRole::Penalty, d(10_000), d(30_000)),
            (AmountRole::Penalty, d(5_000), d(10_000)),
            (AmountRole::Penalty, d(5_000), d(10_000)),
        ]
    );
}

/// The roles of paid amounts: a cap on an award, a fund, a fee found in the sentence of a list.
#[test]
fn roles_of_paid_amounts() {
    let role = |text: &str| {
        money::find(text)
            .0
            .iter()
            .map(|a| a.role)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        role("给予300元/平方米的一次性装修补贴"),
        [AmountRole::Award]
    );
    assert_eq!(role("每家企业补贴总额不超过100万元"), [AmountRole::Cap]);
    assert_eq!(
        role("高校毕业生可申请上限30万元的创业担保贷款"),
        [AmountRole::Cap]
    );
    assert_eq!(
        role("设立总规模200亿元的省新质生产力投资平台"),
        [AmountRole::Fund]
    );
    assert_eq!(
        role("药品再注册费由2.44万元下降至1.708万元"),
        [AmountRole::Fee, AmountRole::Fee]
    );
    // dev document 030: the standard of the previous sentence's 补贴
    assert_eq!(
        role("按相应学历给予一次性招聘成本补贴。标准为：全日制大专学历每人2000元、全日制本科学历每人3000元，工作满一年后发放。"),
        [AmountRole::Award, AmountRole::Award]
    );
    // dev document 047: what the rule applies to is a threshold, what it pays a cap
    assert_eq!(
        role("对10万元以下贷款、获得市级以上荣誉称号的大学生创业者免除反担保要求"),
        [AmountRole::Threshold]
    );
    assert_eq!(role("给予人民币1万元以下奖励"), [AmountRole::Cap]);
}

/// What a noun or a verb says about the role (dev documents 004, 012, 036, 047): a size is a
/// fund's only where something is set up; public money (中央投资, 转移支付, 财政拨款) is a fund
/// where it is the figure's own noun; 的基础上 frames a level, it does not make a condition; 最高
/// …额度为 caps a loan.
#[test]
fn dev_roles_from_nouns_and_verbs() {
    let role = |text: &str| {
        money::find(text)
            .0
            .iter()
            .map(|a| a.role)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        role("到2025年，体育竞赛表演产业总规模达到2万亿元，基本形成产品丰富的产业体系。"),
        [AmountRole::Other]
    );
    assert_eq!(
        role("设立总规模200亿元的省新质生产力投资平台"),
        [AmountRole::Fund]
    );
    assert_eq!(
        role("各地在继续巩固落实好高等职业教育生均财政拨款水平达到12000元的基础上，根据发展需要和财力可能逐步提高拨款水平。"),
        [AmountRole::Fund]
    );
    assert_eq!(
        role("用好用活存量增量系列政策，争取中央投资超2000亿元，汽车、家电产品以旧换新分别达23.6万辆、269.8万台，拉动消费超500亿元。"),
        [AmountRole::Fund, AmountRole::Other]
    );
    assert_eq!(
        role("支持基层兜牢“三保”底线，省下达市县财力性转移支付达1379亿元，较上年增长8.6%。"),
        [AmountRole::Fund]
    );
    assert_eq!(
        role("对高校毕业生设立的符合条件的小微企业，最高贷款额度为300万元；"),
        [AmountRole::Cap]
    );
}

/// A run of thresholds conditions the awards its sentence pays after it; a later sentence's award
/// is not conditioned. (The condition-then-award form of the examples: no seed or dev
/// document pays a yuan amount right after a threshold in one sentence.)
#[test]
fn thresholds_condition_the_awards_after_them() {
    let m = find_all(
        "对固定资产投资1亿元以上或年纳税额达到50万元以上的企业，给予100万元奖励，最高不超过200万元。\
         对其他企业给予10万元奖励。",
    );
    let got: Vec<_> = m
        .amounts
        .iter()
        .map(|a| (a.role, a.measure.as_deref(), a.conditions.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (AmountRole::Threshold, Some("固定资产投资"), vec![2, 3]),
            (AmountRole::Threshold, Some("年纳税额"), vec![2, 3]),
            (AmountRole::Award, None, vec![]),
            (AmountRole::Cap, None, vec![]),
            (AmountRole::Award, None, vec![]),
        ]
    );
    // a list of requirements is not the condition of the fund that ends it (dev document 009)
    let m = find_all("地方性法人社会团体应有5万元以上资金，基金会基金数额不少于210万元人民币。");
    assert!(
        m.amounts.iter().all(|a| a.conditions.is_empty()),
        "{:?}",
        m.amounts
    );
}

/// The text of a corpus HTML page as the reader gives it.
fn page_text(rel: &str) -> String {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus")
            .join(rel),
    )
    .unwrap();
    policykg_read::read_bytes(rel, &bytes, &Default::default())
        .unwrap()
        .text
}

#[test]
fn changes_of_a_standard_link_the_old_level_to_the_new() {
    use policykg_extract::AmountChange;
    // dev 051: "注册费分别由0.54万元、2.59万元下降至0.378万元、1.81万元；药品再注册费由2.44万元
    // 下降至1.708万元": each old fee is the previous level of the new fee it is paired with
    let text = page_text("dev/051_jiangxi_shijianju_ganshijianzong2020-1_yiqing_ruogan_jucuo.html");
    let m = find_all(&text);
    let pairs: Vec<(Option<Decimal>, Option<Decimal>)> = m
        .amounts
        .iter()
        .filter(|a| a.change == Some(AmountChange::Previous))
        .map(|a| (a.yuan, a.new_level.and_then(|j| m.amounts[j].yuan)))
        .collect();
    assert!(pairs.len() >= 6, "{pairs:?}");
    assert_eq!(
        &pairs[..3],
        &[
            (d(5400), d(3780)),
            (d(25900), d(18100)),
            (d(24400), d(17080))
        ]
    );
    // the new levels state no change of their own
    let new = m.amounts.iter().find(|a| a.yuan == d(3780)).unwrap();
    assert_eq!((new.change, new.new_level), (None, None));
    // issue 13's example from a notice outside the corpus: an increase and the level it reaches
    let m = find_all("城乡居民基本医疗保险财政补助标准提高40元，达到每人每年610元。");
    let by = m.amounts.iter().position(|a| a.yuan == d(40)).unwrap();
    let level = m.amounts.iter().position(|a| a.yuan == d(610)).unwrap();
    assert_eq!(m.amounts[by].change, Some(AmountChange::Increase));
    assert_eq!(m.amounts[by].new_level, Some(level));
    assert_eq!(m.amounts[level].change, None);
}

#[test]
fn per_unit_prices_keep_their_unit() {
    // dev 030: "给予300元/平方米的一次性装修补贴", "32元/平方米·月"
    let m = find_all(&read(
        "dev/030_pingtan_xinxing_chanyeyuan_zhengce_cuoshi.page.txt",
    ));
    let per = |v: i64| {
        m.amounts
            .iter()
            .find(|a| a.yuan == d(v))
            .and_then(|a| a.per.clone())
    };
    assert_eq!(per(300).as_deref(), Some("/平方米"));
    assert_eq!(per(32).as_deref(), Some("/平方米·月"));
    // dev 036: "城乡低保标准提高到不低于740元/月和485元/月": a level (提高到), per month
    let m = find_all(&read("dev/036_hunan_2025_zhengfu_gongzuo_baogao.docx.txt"));
    let low = m
        .amounts
        .iter()
        .find(|a| a.floor == d(740) || a.yuan == d(740))
        .expect("740元/月");
    assert_eq!((low.per.as_deref(), low.change), (Some("/月"), None));
}

#[test]
fn a_size_class_with_no_numeral_is_no_money() {
    // dev 038: "亿元以上" classes projects by size; nothing is measured, no figure is written
    let text = read("dev/038_guizhou_2025_zhengfu_gongzuo_baogao.docx.txt");
    let m = find_all(&text);
    assert!(
        !m.amounts.iter().any(|a| a.text.contains("个亿元以上")),
        "{:?}",
        m.amounts
            .iter()
            .filter(|a| a.text.contains("亿元以上"))
            .collect::<Vec<_>>()
    );
    // a condition on a measure stays a threshold (seed 002: 营收亿元以上工业企业)
    let m = find_all(&read("seeds/002_076db4c0ab1c918d.txt"));
    assert!(m.thresholds().any(|t| t.yuan == d(100_000_000)));
}

#[test]
fn allocated_money_is_a_fund_and_benefit_standards_are_paid() {
    let doc = "dev/038_guizhou_2025_zhengfu_gongzuo_baogao.docx.txt";
    let text = read(doc);
    let m = find_all(&text);
    let role_of = |needle: &str| {
        m.amounts
            .iter()
            .find(|a| a.text.contains(needle))
            .map(|a| a.role)
            .unwrap_or_else(|| panic!("no amount in {needle}"))
    };
    // spent on 奖补, but allocated as 资金: a fund
    assert_eq!(role_of("安排衔接资金37.9亿元"), AmountRole::Fund);
    assert_eq!(role_of("特别国债资金63.3亿元"), AmountRole::Fund);
    // the 低保 and orphans' standards are paid to their recipients
    assert_eq!(
        role_of("城乡低保平均标准分别提高至778元/月"),
        AmountRole::Award
    );
    assert_eq!(
        role_of("最低养育标准分别提高至1900元/月"),
        AmountRole::Award
    );
}

#[test]
fn a_band_from_a_floor_to_a_ceiling_is_one_threshold() {
    // the form issue 13 names: "2000万元及以上至1亿元"
    let m = find_all("对投资2000万元及以上至1亿元的项目，给予5万元到20万元补助。");
    let t: Vec<_> = m
        .amounts
        .iter()
        .map(|a| (a.role, a.min_yuan, a.max_yuan))
        .collect();
    assert_eq!(
        t,
        [
            (AmountRole::Threshold, d(20_000_000), d(100_000_000)),
            (AmountRole::Award, d(50_000), d(200_000))
        ]
    );
}

/// dev 037: a balance (余额) between the kind (贷款) and the figure is a stock, a level, not a
/// fund; a loan's own cap keeps its role.
#[test]
fn a_balance_is_a_level_not_a_fund() {
    let text = "绿色贷款余额超过8200亿元，预计单位地区生产总值能耗较2020年下降11.7%";
    assert!(read("dev/037_chongqing_2025_zhengfu_gongzuo_baogao.docx.txt").contains(text));
    let roles: Vec<AmountRole> = money::find(text).0.iter().map(|a| a.role).collect();
    assert_eq!(roles, [AmountRole::Other]);
    let roles: Vec<AmountRole> =
        money::find("对高校毕业生设立的符合条件的小微企业，最高贷款额度为300万元；")
            .0
            .iter()
            .map(|a| a.role)
            .collect();
    assert_eq!(roles, [AmountRole::Cap]);
}

/// An adverb between a threshold's measure and its link (首次, 累计) is no part of the measure.
/// No document outside the held-out ones writes one: a written sentence.
#[test]
fn adverbs_before_a_threshold_s_link_are_no_part_of_its_measure() {
    assert_eq!(
        measures("对营业收入首次超过5000万元的企业，一次性奖励20万元；对固定资产投资累计达到1亿元的项目，给予补助。"),
        [
            (d(50_000_000), Some("营业收入".to_owned())),
            (d(100_000_000), Some("固定资产投资".to_owned()))
        ]
    );
}

/// Figures listed after a threshold up to the noun they qualify are thresholds of the same
/// measure and comparator (tiers of eligibility), not amounts of no role; a figure after the
/// noun is what is paid. A written sentence (no document outside the held-out ones lists them).
#[test]
fn figures_listed_after_a_threshold_are_thresholds() {
    /// An amount's role, yuan, comparator and measure.
    type Row = (
        AmountRole,
        Option<Decimal>,
        Option<Comparator>,
        Option<String>,
    );
    fn rows(text: &str) -> Vec<Row> {
        find_all(text)
            .amounts
            .iter()
            .map(|a| (a.role, a.yuan, a.comparator, a.measure.clone()))
            .collect()
    }
    let threshold = |measure: &'static str| {
        move |v: i64| -> Row {
            (
                AmountRole::Threshold,
                d(v),
                Some(Comparator::AtLeast),
                Some(measure.to_owned()),
            )
        }
    };
    let a = |v: i64| -> Row { (AmountRole::Award, d(v), None, None) };
    let t = threshold("年度纳税额");
    assert_eq!(
        rows("对年度纳税额首次超过1000万元、500万元、100万元的企业，分别给予30万元、20万元、10万元奖励。"),
        [
            t(10_000_000),
            t(5_000_000),
            t(1_000_000),
            a(300_000),
            a(200_000),
            a(100_000)
        ]
    );
    // "超过1000万元的企业，奖励50万元、20万元": the awards are no thresholds
    let m = find_all("对营业收入超过1000万元的企业，奖励50万元、20万元。");
    assert_eq!(m.thresholds().count(), 1);
    // 突破 is a threshold's link like 超过 (its figures had no role)
    let t = threshold("年主营业务收入");
    assert_eq!(
        rows("对年主营业务收入首次突破10亿元、50亿元的工业企业，分别奖励50万元、100万元。"),
        [t(1_000_000_000), t(5_000_000_000), a(500_000), a(1_000_000)]
    );
}

/// A rent subsidy is a subsidy, not a fee (租金 names what it pays for), and a rate per unit of
/// measure may name its period between the unit and the figure (`每平方米每月5元`).
#[test]
fn a_rent_subsidy_per_square_metre_and_month() {
    let m = find_all("对租用标准厂房的企业，前三年按每平方米每月5元给予租金补贴。");
    let got: Vec<(Option<Decimal>, AmountKind, Option<&str>)> = m
        .amounts
        .iter()
        .map(|a| (a.yuan, a.kind, a.per.as_deref()))
        .collect();
    assert_eq!(got, [(d(5), AmountKind::Subsidy, Some("每平方米每月"))]);
}

/// A rate per counted thing (每 + a classifier + the noun it counts), with the words of the
/// payment between the unit and the figure left out of what it is paid per. Written as support
/// policies write them (issue 13: `按每平方米…元`).
#[test]
fn rates_per_counted_thing() {
    let m = find_all(
        "对购置新能源公交车的，按每辆车5万元给予补贴；新建充电站每座补助5万元，每台设备给予2000元补贴，按每平方米补助200元。",
    );
    let got: Vec<(Option<Decimal>, Option<&str>)> = m
        .amounts
        .iter()
        .map(|a| (a.yuan, a.per.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (d(50_000), Some("每辆车")),
            (d(50_000), Some("每座")),
            (d(2_000), Some("每台设备")),
            (d(200), Some("每平方米")),
        ]
    );
}

/// A rate per place or occasion with no classifier (每村, 每所, 每次) is paid per that: the
/// rate ends the recipient, which no longer carries the rate and the payment word.
#[test]
fn rates_per_village_school_or_occasion() {
    let m = find_all(
        "对完成治理的行政村每村补助20万元；对新建的幼儿园每所奖励30万元；对举办的招聘会每次补助2000元。",
    );
    let got: Vec<(Option<Decimal>, Option<&str>, Option<&str>)> = m
        .amounts
        .iter()
        .map(|a| (a.yuan, a.per.as_deref(), a.recipient.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (d(200_000), Some("每村"), Some("完成治理的行政村")),
            (d(300_000), Some("每所"), Some("新建的幼儿园")),
            (d(2_000), Some("每次"), Some("举办的招聘会")),
        ]
    );
}

/// Money allocated as such is a fund, its bound written between the noun and the figure too
/// (a regulation's floor on yearly funds).
#[test]
fn an_allocated_fund_with_its_floor() {
    let m = find_all("省人民政府每年安排专项扶贫资金不少于10亿元。");
    let got: Vec<(AmountKind, Option<Decimal>)> =
        m.amounts.iter().map(|a| (a.kind, a.floor)).collect();
    assert_eq!(got, [(AmountKind::Fund, d(1_000_000_000))]);
}

/// Tiers: as many thresholds as 分别 awards after them pair one to one, each threshold
/// conditioning its own award, not all three.
#[test]
fn tier_thresholds_condition_their_own_award() {
    let m = find_all(
        "对年度主营业务收入首次突破1亿元、5亿元、10亿元的工业企业，分别给予20万元、50万元、100万元奖励。",
    );
    let got: Vec<(Option<Decimal>, Vec<Option<Decimal>>)> = m
        .thresholds()
        .map(|t| {
            let paid = t.conditions.iter().map(|&c| m.amounts[c].yuan).collect();
            (t.yuan, paid)
        })
        .collect();
    assert_eq!(
        got,
        [
            (d(100_000_000), vec![d(200_000)]),
            (d(500_000_000), vec![d(500_000)]),
            (d(1_000_000_000), vec![d(1_000_000)]),
        ]
    );
    // One award after two thresholds (either condition suffices): both condition it.
    let m = find_all("对年产值2000万元以上或营业收入1000万元以上的企业，给予50万元奖励。");
    let paid: Vec<Vec<usize>> = m.thresholds().map(|t| t.conditions.clone()).collect();
    assert_eq!(paid.len(), 2);
    assert!(paid.iter().all(|c| c.len() == 1 && c == &paid[0]));
}

/// A clause that is only a link and a figure (`；超过1亿元的`) leaves out what it measures: the
/// paragraph's threshold before it says. `未超过` bounds from below, and is no part of the
/// measure.
#[test]
fn an_elliptical_threshold_measures_what_the_one_before_it_measured() {
    assert_eq!(
        measures("对年销售额首次超过5000万元的商贸企业，奖励5万元；超过1亿元的，奖励10万元。"),
        [
            (d(50_000_000), Some("年销售额".to_owned())),
            (d(100_000_000), Some("年销售额".to_owned()))
        ]
    );
    let m = find_all(
        "居民企业在一个纳税年度内，技术转让所得未超过五百万元的部分，依法免征企业所得税；超过五百万元的部分，依法减半征收企业所得税。",
    );
    let got: Vec<(Option<Comparator>, Option<&str>)> = m
        .thresholds()
        .map(|t| (t.comparator, t.measure.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(Comparator::AtMost), Some("技术转让所得")),
            (Some(Comparator::AtLeast), Some("技术转让所得"))
        ]
    );
}

/// The payment's verb right after the recipient, with no 给予 or comma between, closes the
/// recipient and is no part of it.
#[test]
fn the_payment_s_verb_closes_its_recipient() {
    let m = find_all("对获得中国质量奖的企业奖励100万元；对新认定的“小巨人”企业一次性奖补50万元。");
    let got: Vec<(Option<Decimal>, Option<&str>)> = m
        .amounts
        .iter()
        .map(|a| (a.yuan, a.recipient.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (d(1_000_000), Some("获得中国质量奖的企业")),
            (d(500_000), Some("新认定的“小巨人”企业")),
        ]
    );
}
