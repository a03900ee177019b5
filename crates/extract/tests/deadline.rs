//! Task deadlines on real text: dev documents of `corpus/dev` (dev split only) and the extra
//! corpus. Each case names the task by the start of its text and states the deadline the text
//! gives, or that the task has none.

use std::path::PathBuf;

use policykg_extract::{DeadlineBasis, DeadlineKind, Extraction, Task, TimeUnit};
use policykg_ontology::Ontology;

fn extract(rel: &str) -> Extraction {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel);
    policykg_extract::process_path(
        &path,
        Ontology::bundled(),
        &policykg_read::Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{rel}: {e}"))
    .extraction
}

/// The one task whose text (whitespace removed) holds `snippet`.
fn task<'a>(x: &'a Extraction, snippet: &str) -> &'a Task {
    let key = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let found: Vec<&Task> = x
        .tasks
        .iter()
        .filter(|t| key(&t.text).contains(&key(snippet)))
        .collect();
    assert_eq!(found.len(), 1, "{}: tasks holding {snippet}", x.source);
    found[0]
}

/// The deadline's text, its span slicing the document to that text, and its normalised day.
fn dated(x: &Extraction, snippet: &str, text: &str, by: &str, basis: DeadlineBasis) {
    let t = task(x, snippet);
    let d = t
        .deadline
        .as_ref()
        .unwrap_or_else(|| panic!("{snippet}: no deadline"));
    assert_eq!(
        (d.text.as_str(), d.kind, d.by.as_deref(), d.basis),
        (text, DeadlineKind::Date, Some(by), basis),
        "{snippet}"
    );
    assert_span(t, d.span, text);
}

/// A deadline's span lies in its task's and holds its text.
fn assert_span(t: &Task, span: policykg_read::Span, text: &str) {
    assert!(t.span.start <= span.start && span.end <= t.span.end);
    let from = span.start - t.span.start;
    let got: String = t
        .text
        .chars()
        .skip(from)
        .take(span.end - span.start)
        .collect();
    assert_eq!(got, text);
}

fn none(x: &Extraction, snippet: &str) {
    let t = task(x, snippet);
    assert_eq!(t.deadline, None, "{snippet}");
}

/// 国办发〔2018〕128号: a time phrase opening the first body sentence, or the last sentence, is
/// the task's deadline; one opening a middle sentence bounds that clause only.
#[test]
fn opening_time_phrases_006() {
    let x = extract("dev/006_guobanfa2018-128_wufei_chengshi.html");
    dated(
        &x,
        "开展评估总结。2021年3月底前，试点城市政府",
        "2021年3月底前",
        "2021-03-31",
        DeadlineBasis::Sentence,
    );
    dated(
        &x,
        "试点城市负责编制“无废城市”建设试点实施方案",
        "2019年上半年",
        "2019-06-30",
        DeadlineBasis::Sentence,
    );
    // "建立…指标体系，发挥导向引领作用。2019年6月底前，研究建立…。健全固体废物统计制度…"
    none(&x, "强化顶层设计引领，发挥政府宏观指导作用。");
    // 试点目标 frames the measures (到2020年 is the targets' year): no task, so no deadline.
    assert!(!x
        .tasks
        .iter()
        .any(|t| t.text.contains("试点目标。到2020年")));
}

/// 民政部 1997: each stage's period, a month range, and one across a year.
#[test]
fn stage_periods_009() {
    let x = extract("dev/009_guobanfa1997-11_zhuanfa_minzhengbu.html");
    dated(
        &x,
        "第一阶段为社会团体自查阶段",
        "1997年4―6月",
        "1997-06-30",
        DeadlineBasis::Sentence,
    );
    dated(
        &x,
        "第三阶段为登记管理机关审定与换发证书阶段",
        "1997年10月――1998年2月",
        "1998-02-28",
        DeadlineBasis::Sentence,
    );
}

/// 平潭 新污染物治理方案: "2023年底前完成…" (the verb is not part of the deadline), and a last
/// sentence before the responsibility parenthesis.
#[test]
fn year_end_039() {
    let x = extract("dev/039_pingtan_2023_xinwuranwu_zhili_gongzuo_fangan.page.txt");
    dated(
        &x,
        "落实环境信息调查。2023年底前完成",
        "2023年底前",
        "2023-12-31",
        DeadlineBasis::Sentence,
    );
    dated(
        &x,
        "开展环境调查监测。制定新污染物专项环境调查监测实施方案",
        "2025年底前",
        "2025-12-31",
        DeadlineBasis::Sentence,
    );
    none(&x, "实施风险筛查评估。");
}

/// 国办发〔2019〕4号: dated steps from the first body sentence to the last end with the last
/// step's date; a date in the second clause of the first body sentence bounds the task; a date
/// opening a middle sentence only does not.
#[test]
fn dated_steps_and_clauses_013() {
    let x = extract("dev/013_guobanfa2019-4_gongli_yiyuan_jixiao.html");
    // "2019年3月底前，国家卫生健康委推行…。国家中医药局印发…。2019年8月底前，各地组织…"
    dated(
        &x,
        "统一编码和术语集。",
        "2019年8月底前",
        "2019-08-31",
        DeadlineBasis::Sentence,
    );
    dated(
        &x,
        "建立考核信息系统。",
        "2019年6月底前",
        "2019-06-30",
        DeadlineBasis::Sentence,
    );
    // "各三级公立医院对照绩效考核指标体系，在2019年9月底前，完成…。…2020年起，每年1月底前…"
    dated(
        &x,
        "医院自查自评。",
        "2019年9月底前",
        "2019-09-30",
        DeadlineBasis::Sentence,
    );
    // "国家建立…。2019年3月底前，全国三级公立医院全部纳入…。各地要应用…"
    none(&x, "完善满意度调查平台。");
}

/// 江西 婴幼儿照护服务: "坚持试点先行，2020年底前在每个设区市明确…" (the second clause of the
/// first body sentence).
#[test]
fn second_clause_042() {
    let x = extract("dev/042_jiangxi_yingyouer_zhaohu_shishi_yijian.raw_response.html");
    dated(
        &x,
        "强化示范引领。坚持试点先行",
        "2020年底前",
        "2020-12-31",
        DeadlineBasis::Sentence,
    );
}

/// 赣 融资担保 / 示范区 租金: a date deeper in the first body sentence bounds a step or a
/// policy's window, not the task.
#[test]
fn deeper_clauses_are_not_deadlines() {
    let x = extract("dev/014_jiangxi_rongzi_danbao_ruogan_cuoshi.html");
    none(&x, "完善资金补充机制。各级人民政府要建立");
    let x = extract("dev/030_pingtan_xinxing_chanyeyuan_zhengce_cuoshi.page.txt");
    none(&x, "租金奖励政策。为鼓励企业入驻");
}

/// 平潭 2019年度绿岛花城建设工作要点: "确保…完成" commits the whole task to a date, written
/// without its year (the document's, 2019), wherever the sentence stands.
#[test]
fn ensured_completion_032() {
    let x = extract("dev/032_pingtan_2019_lvdao_huacheng_gongzuo_yaodian.page.txt");
    // "…建设项目牵头单位要在2019年1月底前将…提供给…。…确保3月底前完成租地工作。"
    dated(
        &x,
        "各相关单位要按照《平潭综合实验区绿岛花城建设三年行动方案》",
        "3月底前",
        "2019-03-31",
        DeadlineBasis::Sentence,
    );
    // "…确保在7月底全面完成并取得成效。二要强化指导。3-6月份实行一月一调度…"
    dated(
        &x,
        "进一步细化制定工作方案，明确责任领导和具体负责人",
        "7月底",
        "2019-07-31",
        DeadlineBasis::Sentence,
    );
    // "相关规划于2月底前以行政村为单位汇总至…": a step's date, no commitment.
    none(&x, "抓好乡村绿化");
}

/// 国家安全部 举报奖励办法: a regulation's duty bounded by a relative limit.
#[test]
fn relative_limits_045() {
    let x = extract("dev/045_guojia_anquanbu_jubao_jiangli_banfa_2022.md");
    for (snippet, text, value, unit) in [
        (
            "国家安全机关应当在作出奖励决定之日起10个工作日内",
            "10个工作日内",
            10,
            TimeUnit::WorkingDay,
        ),
        (
            "举报人应当在被告知奖励决定之日起6个月内",
            "6个月内",
            6,
            TimeUnit::Month,
        ),
    ] {
        let t = task(&x, snippet);
        let d = t.deadline.as_ref().expect(snippet);
        assert_eq!(d.text, text);
        assert_eq!(d.kind, DeadlineKind::Relative);
        assert_eq!(d.by, None);
        let within = d.within.expect(snippet);
        assert_eq!((within.value, within.unit), (value, unit));
        assert_span(t, d.span, text);
    }
}

/// Deadline-like words that are not deadlines: 持续推进 as the task's verb, a date inside a
/// clause, a permission with a relative limit.
#[test]
fn not_deadlines() {
    let x = extract("dev/024_guangdong_xiangcun_zhenxing_cujin_tiaoli_2022.md");
    none(&x, "各级人民政府应当持续推进乡村绿化美化");
    let x = extract("dev/014_jiangxi_rongzi_danbao_ruogan_cuoshi.html");
    none(&x, "2020年底前实现政府性融资担保业务县域全覆盖");
    let x = extract("dev/051_jiangxi_shijianju_ganshijianzong2020-1_yiqing_ruogan_jucuo.html");
    none(&x, "可在疫情解除后的3个月内重新申请换证");
}

/// 国发〔2018〕39号: a period from one day to another, to its last day.
#[test]
fn day_ranges_extra_03() {
    let x = extract("extra/03_national_guofa2018-39_jiuye.txt");
    dated(
        &x,
        "支持困难企业开展职工在岗培训。",
        "2019年1月1日至12月31日",
        "2019-12-31",
        DeadlineBasis::Sentence,
    );
    dated(
        &x,
        "放宽技术技能提升补贴申领条件。",
        "2019年1月1日至2020年12月31日",
        "2020-12-31",
        DeadlineBasis::Sentence,
    );
}

/// The JSON form: an object with the text as written, read by the eval scorer as `text`.
#[test]
fn json_shape() {
    let x = extract("dev/006_guobanfa2018-128_wufei_chengshi.html");
    let t = task(&x, "开展评估总结。2021年3月底前");
    let v = serde_json::to_value(t).unwrap();
    assert_eq!(v["deadline"]["text"], "2021年3月底前");
    assert_eq!(v["deadline"]["by"], "2021-03-31");
    assert_eq!(v["deadline"]["kind"], "date");
    assert_eq!(v["deadline"]["basis"], "sentence");
    assert!(v["deadline"]["span"]["start"].is_u64());
    let none = task(&x, "强化顶层设计引领，发挥政府宏观指导作用。");
    assert!(serde_json::to_value(none).unwrap()["deadline"].is_null());
}

/// Dev 056: 第十五条 limits two steps ("应当在三个工作日内送交…", then "应当自受理之日起五个工作日
/// 内核发…"), neither the whole article; 第十六条's "应当在居住每满一年之日前一个月内…办理签注"
/// comes round every year. Neither has a deadline.
#[test]
fn step_limits_and_recurring_windows_are_no_deadlines_056() {
    let x = extract("dev/056_jiangxi_shengzhengfuling223_liudong_renkou_banfa_xiugai_jueding.html");
    for id in ["十九/第十五条", "十九/第十六条"] {
        let task = x.tasks.iter().find(|t| t.id == id).unwrap();
        assert_eq!(task.deadline, None, "{id}");
    }
}

/// Text copied out of a PDF spaces digits from characters ("2019年 8月底前", "于 2019 年12 月底
/// 前"). Dev 013 and 006 (their deadline-bearing tasks: dated steps, clauses, opening phrases)
/// with a space at every boundary between a digit and a CJK character, read as plain text: every
/// deadline of the page is read, the same day, its text the page's with the spaces, its span
/// holding that text.
#[test]
fn deadlines_spaced_as_copied_out_of_a_pdf_013_006() {
    for rel in [
        "dev/013_guobanfa2019-4_gongli_yiyuan_jixiao.html",
        "dev/006_guobanfa2018-128_wufei_chengshi.html",
    ] {
        let page = extract(rel);
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus")
            .join(rel);
        let limits = policykg_read::Limits::default();
        let doc = policykg_read::read_path(&path, &limits).unwrap();
        let chars: Vec<char> = doc.text.chars().collect();
        let mut spaced = String::new();
        for (k, &c) in chars.iter().enumerate() {
            spaced.push(c);
            if let Some(&n) = chars.get(k + 1) {
                let han = policykg_text::is_han;
                if (c.is_ascii_digit() && han(n)) || (han(c) && n.is_ascii_digit()) {
                    spaced.push(' ');
                }
            }
        }
        let copy = policykg_extract::process_bytes(
            "copy.txt",
            spaced.as_bytes(),
            Ontology::bundled(),
            &limits,
        )
        .unwrap()
        .extraction;
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let dated: Vec<&Task> = page.tasks.iter().filter(|t| t.deadline.is_some()).collect();
        assert!(dated.len() >= 2, "{rel}");
        for t in dated {
            let d = t.deadline.as_ref().unwrap();
            let c = task(&copy, &t.text);
            let got = c
                .deadline
                .as_ref()
                .unwrap_or_else(|| panic!("{rel} {}: no deadline", t.id));
            assert_eq!(got.by, d.by, "{rel} {}", t.id);
            assert_eq!(squeeze(&got.text), squeeze(&d.text), "{rel} {}", t.id);
            assert_span(c, got.span, &got.text);
        }
    }
}
