//! Task segmentation and responsibility roles on every corpus document: reviewed snapshots and
//! asserted facts.

#[path = "common/tasks_render.rs"]
mod tasks_render;

use policykg_extract::{RoleConvention, Task};
use policykg_ontology::Ontology;
use proptest::prelude::*;
use tasks_render::render;

/// Every corpus document, reviewed against its text.
#[test]
fn snapshots() {
    for (name, rel) in [
        ("seed_000", "seeds/000_eef8574c2d5c617b.txt"),
        ("seed_001", "seeds/001_a6818095697d7a7c.txt"),
        ("seed_002", "seeds/002_076db4c0ab1c918d.txt"),
        ("seed_003", "seeds/003_e1ad1d33f2229fbe.txt"),
        ("seed_004", "seeds/004_1fa6e42cb493e32d.txt"),
        ("extra_02", "extra/02_sichuan_duchazicha_2014.txt"),
        ("extra_03", "extra/03_national_guofa2018-39_jiuye.txt"),
        (
            "extra_03_html",
            "extra/03_national_guofa2018-39_jiuye.raw.html",
        ),
        ("extra_04", "extra/04_national_guofa2018-42_nongjihua.txt"),
        ("extra_05", "extra/05_national_guofa2018-38_zimaoqu.txt"),
        (
            "extra_06a",
            "extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
        ),
        (
            "extra_06b",
            "extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md",
        ),
        (
            "version_001_zhengqiu",
            "../tests/fixtures/versions/001_zhengqiu.txt",
        ),
    ] {
        insta::assert_snapshot!(name, render(rel));
    }
}

/// The rendering without offsets (the same notice laid out differently has other offsets).
fn without_spans(rendered: String) -> Vec<String> {
    rendered
        .lines()
        .map(|l| l.split(" @").next().unwrap_or("").to_owned())
        .collect()
}

/// The HTML page of 国发〔2018〕39号 gives the same tasks and roles as its text.
#[test]
fn html_and_text_agree() {
    let html = without_spans(render("extra/03_national_guofa2018-39_jiuye.raw.html"));
    let text = without_spans(render("extra/03_national_guofa2018-39_jiuye.txt"));
    assert_eq!(html, text);
}

/// The GBK, GB18030, UTF-16 and gb2312-HTML copies of seeds 001 and 004 give the same tasks and
/// roles as the originals (the plain-text copies at the same offsets).
#[test]
fn encoded_copies_agree() {
    for (copy, original) in [
        (
            "encodings/001_a6818095697d7a7c.gbk.txt",
            "seeds/001_a6818095697d7a7c.txt",
        ),
        (
            "encodings/001_a6818095697d7a7c.gb18030.txt",
            "seeds/001_a6818095697d7a7c.txt",
        ),
        (
            "encodings/001_a6818095697d7a7c.utf16le.txt",
            "seeds/001_a6818095697d7a7c.txt",
        ),
        (
            "encodings/004_1fa6e42cb493e32d.gbk.txt",
            "seeds/004_1fa6e42cb493e32d.txt",
        ),
        (
            "encodings/004_1fa6e42cb493e32d.gb18030.txt",
            "seeds/004_1fa6e42cb493e32d.txt",
        ),
        (
            "encodings/004_1fa6e42cb493e32d.utf16le.txt",
            "seeds/004_1fa6e42cb493e32d.txt",
        ),
    ] {
        assert_eq!(render(copy), render(original), "{copy}");
    }
    assert_eq!(
        without_spans(render("encodings/001_a6818095697d7a7c.gb2312.html")),
        without_spans(render("seeds/001_a6818095697d7a7c.txt")),
    );
}

/// A task-division table (序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限), its cells taken from
/// seed 001; the 配合单位 of the last two rows is one merged cell.
#[test]
fn task_division_table() {
    let html = r#"<html><head><meta charset="utf-8"><title>任务分工</title></head><body><div class="content">
<p>安徽省专精特新中小企业倍增行动方案重点任务分工</p>
<table>
<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>实施“五企”培育工程，每年培育创新型中小企业2000家</td><td>省经济和信息化厅</td><td>省财政厅，各市人民政府</td><td>2025年</td></tr>
<tr><td>2</td><td>推动企业上云上平台，每年新增“皖企登云”企业6000家</td><td>省经信厅</td><td rowspan="2">省财政厅、省地方金融监管局等</td><td>持续推进</td></tr>
<tr><td>3</td><td>加快上市孵化培育进程</td><td>省地方金融监管局牵头，安徽证监局配合</td><td>持续推进</td></tr>
</table>
</div></body></html>"#;
    let o = Ontology::bundled();
    let doc = policykg_read::read_bytes(
        "table.html",
        html.as_bytes(),
        &policykg_read::Limits::default(),
    )
    .unwrap();
    assert_eq!(doc.tables.len(), 1, "{:?}", doc.text);
    let mut parsed = policykg_outline::parse(doc, o);
    parsed.metadata.jurisdiction = Some("安徽省".into());
    let (tasks, convention, warnings) = policykg_extract::tasks(&parsed, o);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(convention, RoleConvention::ExplicitMarks);
    let rows: Vec<&Task> = tasks
        .iter()
        .filter(|t| t.id.starts_with("table1/"))
        .collect();
    let got: Vec<(&str, Vec<(String, String)>)> = rows
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.agencies
                    .iter()
                    .map(|a| (a.name.clone(), format!("{:?}/{:?}", a.role, a.basis)))
                    .collect(),
            )
        })
        .collect();
    let p = |n: &str, r: &str| (n.to_owned(), r.to_owned());
    assert_eq!(
        got,
        [
            (
                "table1/row1",
                vec![
                    p("安徽省经济和信息化厅", "Lead/Explicit"),
                    p("安徽省财政厅", "Support/Explicit"),
                    p("安徽省各市人民政府", "Support/Explicit"),
                ]
            ),
            (
                "table1/row2",
                vec![
                    p("安徽省经济和信息化厅", "Lead/Explicit"),
                    p("安徽省财政厅", "Support/Explicit"),
                    p("安徽省地方金融监督管理局", "Support/Explicit"),
                ]
            ),
            (
                "table1/row3",
                vec![
                    p("安徽省地方金融监督管理局", "Lead/Explicit"),
                    p("中国证券监督管理委员会安徽监管局", "Support/Explicit"),
                    p("安徽省财政厅", "Support/Explicit"),
                    p("安徽省地方金融监督管理局", "Support/Explicit"),
                ]
            ),
        ]
    );
    assert!(rows
        .iter()
        .all(|t| t.origin == policykg_extract::TaskOrigin::TableRow
            && t.responsibility_style == Some(policykg_extract::StatementStyle::TableColumns)));
    assert_eq!(
        rows[0].heading,
        "实施“五企”培育工程，每年培育创新型中小企业2000家"
    );
    assert!(rows[1].open_list);
    // Spans slice the document text.
    let text: Vec<char> = parsed.document.text.chars().collect();
    for t in &rows {
        for a in &t.agencies {
            let got: String = text[a.span.start..a.span.end].iter().collect();
            assert_eq!(got, a.mention);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The whole path from bytes to tasks never panics, and every span slices the text.
    #[test]
    fn tasks_never_panic(lines in prop::collection::vec(
        prop_oneof![
            "\\PC{0,60}",
            prop::sample::select(vec![
                "一、总体要求", "（一）加强组织领导。", "1．实施“五企”培育工程。", "（2）",
                "（省经信厅、省财政厅，各市人民政府按职责分工负责）", "牵头单位：省经信厅",
                "配合单位：省财政厅、各区、县级市", "（负责部门：商务部；适用范围：所有自贸试验区）",
                "由省发展改革委等省级主管部门牵头，其他相关部门配合。", "第一条", "序号\t重点任务\t牵头单位",
            ]).prop_map(str::to_owned),
        ],
        0..30,
    )) {
        let text = lines.join("\n");
        let o = Ontology::bundled();
        let Ok(doc) = policykg_read::read_bytes("p.txt", text.as_bytes(), &policykg_read::Limits::default()) else {
            return Ok(());
        };
        let parsed = policykg_outline::parse(doc, o);
        let chars = parsed.document.text.chars().count();
        let (tasks, _, _) = policykg_extract::tasks(&parsed, o);
        for t in &tasks {
            prop_assert!(t.span.start <= t.span.end && t.span.end <= chars);
            for a in &t.agencies {
                prop_assert!(a.span.end <= chars);
            }
        }
    }
}

/// A crawler page whose whole notice is one line (dev 047): its measures 一、…十、 are found
/// although they run together ("…厦门证监局七、加大…"), and each one's 责任单位 list ends with
/// the measure instead of running to the end of the page.
#[test]
fn flattened_page_measures_and_their_lines() {
    let (tasks, _, _, _) = tasks_render::run(
        "dev/047_pingtan_zhuanfa_minzhengban2023-2_daxuesheng_chuangye_cuoshi.page.txt",
    );
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(
        paths,
        ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    );
    let names = |i: usize| -> Vec<&str> {
        tasks[i]
            .agencies
            .iter()
            .map(|a| a.mention.as_str())
            .collect()
    };
    // Item 一 says "以下均需各设区市人民政府、平潭综合实验区管委会落实，不再列出": both are
    // responsible, after the item's own bodies, for every later item.
    let standing = ["各设区市人民政府", "平潭综合实验区管委会"];
    assert_eq!(
        names(8),
        [&["省人社厅", "民政厅", "医保局"][..], &standing].concat()
    );
    assert_eq!(names(9), [&["省教育厅", "人社厅"][..], &standing].concat());
}

/// Dev 042 (not annotated): the notice's last item 三/（四） ends at its 落款 (a date line with no
/// issuer, then "（此件主动公开）"), and the attachment after it, a 职责分工 of one
/// "省X负责…。" line per body, gives one task per line, each charged to its own body.
#[test]
fn attachment_after_the_signature_is_read_line_by_line() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/042_jiangxi_yingyouer_zhaohu_shishi_yijian.raw_response.html");
    let last = tasks
        .iter()
        .find(|t| t.path == "三/（四）")
        .expect("item 三/（四）");
    assert!(last.agencies.is_empty(), "{:?}", last.agencies);
    assert!(!last.text.contains("2020年2月21日"), "{}", last.text);
    let lines: Vec<(&str, Vec<&str>)> = tasks
        .iter()
        .filter(|t| t.path.starts_with('p'))
        .map(|t| {
            (
                t.text.as_str(),
                t.agencies.iter().map(|a| a.mention.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        lines.first(),
        Some(&(
            "省发展改革委负责将婴幼儿照护服务纳入经济社会发展相关规划。",
            vec!["省发展改革委"]
        ))
    );
    assert!(lines.contains(&(
        "省税务局负责贯彻落实有关支持婴幼儿照护服务发展的税收优惠政策。",
        vec!["省税务局"]
    )));
    // Every task of the attachment is one line naming one body.
    assert!(lines.len() >= 15, "{lines:?}");
    assert!(lines.iter().all(|(_, a)| a.len() == 1), "{lines:?}");
}

/// Dev 030, one line: 第一条…第八条 and the sub-items 1.–11. of 第四条. The sub-items introduced
/// by "…还可择优享受以下示范区专项政策：" have bodies of their own, so they are tasks, while 第二条's
/// conditions 1.–3. (clauses of its sentence) are read with it, and its lead-in states the scope
/// ("本政策措施适用对象必须符合以下条件："): no task. 第九条 only says who interprets the text
/// once the page's "相关文件：…政策解读" after it is cut off as furniture: no task.
#[test]
fn flattened_articles_and_titled_sub_items() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/030_pingtan_xinxing_chanyeyuan_zhengce_cuoshi.page.txt");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    let mut want = vec!["第一条", "第三条"];
    let subs: Vec<String> = (1..=11).map(|n| format!("第四条/{n}")).collect();
    want.extend(subs.iter().map(String::as_str));
    want.extend(["第五条", "第六条", "第七条", "第八条"]);
    assert_eq!(paths, want);
    assert!(
        tasks[2].text.starts_with("租金奖励政策。为鼓励企业入驻"),
        "{}",
        tasks[2].text
    );
}

/// Dev 001: the attachment table (序号 / 改革举措 / 主要内容 / 指导部门 / 推广范围) gives one task per
/// row with the 指导部门 as the responsible bodies, and its group rows ("一、知识产权保护方面（共5项）")
/// are no outline items.
#[test]
fn guidance_column_of_a_reform_table() {
    let (tasks, _, _, _) = tasks_render::run("dev/001_guobanfa2018-126_tuiguang_gaige_table.html");
    let rows: Vec<&Task> = tasks.iter().filter(|t| t.id.starts_with("table")).collect();
    assert_eq!(rows.len(), 17);
    assert!(tasks
        .iter()
        .all(|t| t.id.starts_with("table") || !t.text.contains('\t')));
    let first: Vec<(&str, String)> = rows[0]
        .agencies
        .iter()
        .map(|a| (a.mention.as_str(), format!("{:?}", a.role)))
        .collect();
    assert_eq!(
        first,
        [
            ("最高人民法院", "Lead".to_owned()),
            ("最高人民检察院", "Support".to_owned()),
            ("国家知识产权局", "Support".to_owned())
        ]
    );
}

/// Dev 009 (民政部 1997): "（二）符合下列要求的社会团体予以保留。" announces the criteria 1.–10. (10.
/// with its own list "（1）…"), so the item is one task and its criteria are not; 一、指导思想
/// frames the measures and is no task; 三（四）, which announces no list, stays a task.
#[test]
fn criteria_lists_and_framing_sections_009() {
    let (tasks, _, _, _) = tasks_render::run("dev/009_guobanfa1997-11_zhuanfa_minzhengbu.html");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    for whole in ["三/（二）", "三/（三）", "三/（五）"] {
        assert!(paths.contains(&whole), "{whole}: {paths:?}");
        let prefix = format!("{whole}/");
        assert!(!paths.iter().any(|p| p.starts_with(&prefix)), "{paths:?}");
    }
    let keep = tasks.iter().find(|t| t.path == "三/（二）").unwrap();
    assert!(keep.text.starts_with("符合下列要求的社会团体予以保留。"));
    assert!(keep.text.contains("非法人社会团体还应有固定的联络地点"));
    assert!(paths.contains(&"三/（四）"));
    assert!(!paths.iter().any(|p| p.starts_with('一')), "{paths:?}");
}

/// Regulations (dev 023, 033): articles that only state the purpose, scope, definitions or the
/// date of effect are no tasks; the articles that assign duties are.
#[test]
fn framing_articles_of_regulations() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/023_shandong_minying_jingji_cujin_tiaoli_2021.md");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    // 第一条 为了…制定本条例; 第二条 本条例适用于… 本条例所称…; 第三条 应当遵循…的原则;
    // 第五十条 本条例自2022年1月1日起施行.
    for no in [
        "第一章/第一条",
        "第一章/第二条",
        "第一章/第三条",
        "第七章/第五十条",
    ] {
        assert!(!paths.contains(&no), "{no}: {paths:?}");
    }
    // 第四条 县级以上人民政府应当加强…领导.
    assert!(paths.contains(&"第一章/第四条"));
    let (tasks, _, _, _) =
        tasks_render::run("dev/033_xinyu_yufufa2012-3_lvse_jianzhu_banfa.pkulaw.txt");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert!(!paths.contains(&"第一章/第一条") && !paths.contains(&"第一章/第二条"));
    assert!(!paths.contains(&"第六章/第二十九条"), "{paths:?}");
    assert!(paths.contains(&"第一章/第三条"), "{paths:?}");
}

/// Dev 036, a government work report: its numbered sections review the year and plan the next,
/// they assign nothing, so the document has no tasks.
#[test]
fn work_report_has_no_tasks() {
    let (tasks, _, _, _) = tasks_render::run("dev/036_hunan_2025_zhengfu_gongzuo_baogao.docx.txt");
    assert!(
        tasks.is_empty(),
        "{:?}",
        tasks.iter().map(|t| &t.path).collect::<Vec<_>>()
    );
}

/// Dev 005 (国办发〔2018〕117号): items 一、…三十、 each end with "（X负责）", and the notice's
/// closing paragraphs ("对真抓实干、相关工作成效明显的地方进一步加大激励支持力度，是…", the repeal
/// of 国办发〔2016〕82号) follow 三十's parenthesis: they are closing text, no run of 三十.
#[test]
fn closing_paragraphs_after_the_last_statement_005() {
    let (tasks, _, _, _) = tasks_render::run("dev/005_guobanfa2018-117_zhenzhua_shigan_jili.html");
    assert_eq!(tasks.len(), 30);
    let last = tasks.last().expect("tasks");
    assert_eq!(last.id, "三十");
    assert!(last.text.ends_with("（国务院办公厅负责）"), "{}", last.text);
    let agencies: Vec<&str> = last.agencies.iter().map(|a| a.mention.as_str()).collect();
    assert_eq!(agencies, ["国务院办公厅"]);
    assert!(tasks.iter().all(|t| !t.text.contains("停止执行")));
    // 二十九 keeps its own statement.
    assert!(tasks[28].text.ends_with("（农业农村部、财政部负责）"));
}

/// Dev 058 and 051 (江西 市场监管局 印发 notices): "现将《X》印发给你们，并就有关事项通知如下：" then
/// 一、提高政治站位 … 四、开展调度检查: the cover notice's own points on carrying out X, no tasks;
/// 058's X (the 责任分工) is an attachment the text does not hold, so it has none. In 051 X
/// follows the 落款 with its 1.–20., which the outline hangs under the cover's 三是: those stay.
#[test]
fn cover_notice_points_are_no_tasks_058_051() {
    let (tasks, _, _, _) = tasks_render::run(
        "dev/058_jiangxi_shijianju_ganshijianban2020-5_zhengfu_gongzuo_baogao_zeren_fengong.html",
    );
    assert!(
        tasks.is_empty(),
        "{:?}",
        tasks.iter().map(|t| &t.path).collect::<Vec<_>>()
    );
    let (tasks, _, _, _) = tasks_render::run(
        "dev/051_jiangxi_shijianju_ganshijianzong2020-1_yiqing_ruogan_jucuo.html",
    );
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(paths.len(), 20, "{paths:?}");
    assert_eq!(paths.first(), Some(&"三/一/1"));
    assert_eq!(paths.last(), Some(&"三/五/20"));
    // 20.'s parenthesis ends it: the validity paragraph after it is closing text.
    assert!(
        tasks[19].text.ends_with("省消保委秘书处）"),
        "{}",
        tasks[19].text
    );
}

/// Dev 034 (pkulaw text, no 落款 before its attachments): the last item ends at the line listing
/// the attachments ("附件：1.…登记表"), so that it does not swallow the forms, and the forms' titles
/// ("3.自治区质监局协助宣传报道通知单": a body and a duty word, no sentence) are no tasks.
#[test]
fn attachments_without_a_signature_end_the_last_item() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/034_xinjiang_xinzhijianbanfa2012-24_xinwen_xuanchuan.pkulaw.txt");
    let last = tasks.last().expect("034 has tasks");
    assert_eq!(last.path, "四/（三）");
    assert!(
        last.text
            .ends_with("联系电话：0991-2817458 2316124（传真）"),
        "{}",
        last.text
    );
    let lines: Vec<&str> = tasks
        .iter()
        .filter(|t| t.path.starts_with('p'))
        .map(|t| t.text.as_str())
        .collect();
    assert!(lines.is_empty(), "{lines:?}");
}

/// Dev 007: its measures （一）…（二十七） are one paragraph each, so the paragraph after the last
/// one ("各地区、各部门要充分认识…。财政部要会同发展改革委…督促检查…") is the notice's closing
/// text, not part of （二十七）, and its bodies are not （二十七）'s.
#[test]
fn closing_paragraph_after_uniform_items_is_no_part_of_the_last() {
    let (tasks, _, _, _) = tasks_render::run("dev/007_guobanfa2019-6_rongzi_danbao.html");
    let last = tasks.last().expect("007 has tasks");
    assert_eq!(last.path, "八/（二十七）");
    assert!(
        last.text
            .ends_with("激发其开展支小支农担保业务的内生动力。"),
        "{}",
        last.text
    );
    let names: Vec<&str> = last.agencies.iter().map(|a| a.mention.as_str()).collect();
    assert!(names.contains(&"各级财政部门"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| ["财政部", "银保监会", "各地区、各部门"].contains(n)),
        "{names:?}"
    );
}

/// A request forwarded with its closing formula in a paragraph of its own after the last item
/// (text adapted from 国办发〔1996〕32号): "以上意见如无不妥，请批转…执行。" is no part of （三）.
#[test]
fn request_closing_formula_is_no_part_of_the_last_item() {
    let text = "国务院办公厅转发国家教委关于内地西藏班扩大规模有关问题请示的通知\n\
        一、逐年扩招，分步实施\n\
        （一）扩大内地西藏初中班招生规模，从1996年开始逐年扩招。\n\
        （二）内地西藏初中班学生毕业后，仍要继续分流到各有关省（市）的普通中专学习。\n\
        二、加强领导，明确职责\n\
        （一）加强政府的责任。各有关省（市）人民政府应把援藏办学列入政府的重要议事日程。\n\
        （二）各有关省（市）教育主管部门要明确一位负责同志分管内地西藏班工作。\n\
        以上意见如无不妥，请批转各有关省（市）人民政府执行。\n";
    let o = policykg_ontology::Ontology::bundled();
    let doc = policykg_read::read_bytes("request.txt", text.as_bytes(), &Default::default())
        .expect("plain text reads");
    let parsed = policykg_outline::parse(doc, o);
    let (tasks, _, _) = policykg_extract::tasks(&parsed, o);
    let last = tasks.last().expect("tasks");
    assert_eq!(last.path, "二/（二）");
    assert_eq!(
        last.text,
        "各有关省（市）教育主管部门要明确一位负责同志分管内地西藏班工作。"
    );
}

/// corpus/dev/027 (outside the gold set): a lead-in announcing measures ("市场监管部门应当采取下列
/// 措施简化市场主体注册登记手续…：", "本市与四川省协同推进以下优化营商环境工作：") makes each
/// sub-item a task of its own (gold README, numbered sub-items), responsible to the body the
/// lead-in names; a lead-in listing cases (dev 045 第九条 "有下列情形之一的") still reads whole.
#[test]
fn sub_items_announced_as_measures_are_tasks() {
    let (tasks, _, _, _) = tasks_render::run("dev/027_chongqing_youhua_yingshang_tiaoli_2021.md");
    let under = |article: &str| -> Vec<&policykg_extract::Task> {
        tasks
            .iter()
            .filter(|t| t.path.contains(&format!("/{article}")))
            .collect()
    };
    let nineteenth = under("第十九条");
    let paths: Vec<&str> = nineteenth.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "第二章/第十九条/（一）",
            "第二章/第十九条/（二）",
            "第二章/第十九条/（三）",
            "第二章/第十九条/（四）"
        ]
    );
    assert!(nineteenth[0]
        .text
        .starts_with("申请人承诺所提交的申请材料真实"));
    for t in &nineteenth[..3] {
        let names: Vec<&str> = t.agencies.iter().map(|a| a.mention.as_str()).collect();
        assert_eq!(names, ["市场监管部门"], "{}", t.path);
    }
    assert_eq!(under("第九条").len(), 6);

    let (tasks, _, _, _) = tasks_render::run("dev/045_guojia_anquanbu_jubao_jiangli_banfa_2022.md");
    assert!(tasks.iter().any(|t| t.path == "第二章/第九条"));
    assert!(!tasks.iter().any(|t| t.path.starts_with("第二章/第九条/")));
}

/// Articles stating principles are no tasks (gold README, regulations): dev 045 第三条 ("…应当
/// 贯彻总体国家安全观，坚持…") and corpus/dev/027 第三条 ("优化营商环境应当坚持市场化、法治化、
/// 国际化原则…"), while 045 第六条 (a duty: "…应当严格为举报人保密") stays.
#[test]
fn principle_articles_are_no_tasks() {
    let (tasks, _, _, _) = tasks_render::run("dev/045_guojia_anquanbu_jubao_jiangli_banfa_2022.md");
    assert!(!tasks.iter().any(|t| t.path == "第一章/第三条"));
    assert!(tasks.iter().any(|t| t.path == "第一章/第六条"));
    let (tasks, _, _, _) =
        tasks_render::run("dev/023_shandong_minying_jingji_cujin_tiaoli_2021.md");
    // "…等合法权益受法律保护，任何单位和个人不得侵犯。": a principle, no duty of anyone's.
    assert!(!tasks.iter().any(|t| t.path == "第五章/第三十条"));
    let (tasks, _, _, _) = tasks_render::run("dev/027_chongqing_youhua_yingshang_tiaoli_2021.md");
    assert!(!tasks.iter().any(|t| t.path == "第一章/第三条"));
    assert!(tasks.iter().any(|t| t.path == "第一章/第五条"));
}

/// Dev 013: the section describing the indicators ("二、指标体系": （一）医疗质量。…通过…等指标，
/// 考核…) frames the measures, and the attached indicator table (一级指标 | 二级指标 | 三级指标 |
/// 指标性质 | 指标说明) measures: neither its rows nor the outline's headings inside it
/// ("一、医疗质量 | （一）功能定位 | 1.门诊人次数与出院人次数比…") are tasks.
#[test]
fn indicator_sections_and_tables_are_no_tasks() {
    let (tasks, _, _, _) = tasks_render::run("dev/013_guobanfa2019-4_gongli_yiyuan_jixiao.html");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(paths.len(), 12, "{paths:?}");
    assert!(
        paths.iter().all(|p| p.starts_with(['三', '四', '五'])),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|p| p.contains('~')), "{paths:?}");
    let last = tasks.last().expect("013 has tasks");
    assert_eq!(last.path, "五/（五）");
    assert!(last
        .text
        .ends_with("各地工作进展情况要定期报告国务院深化医药卫生体制改革领导小组。"));
}

/// Dev 010 (国家粮食应急预案, decimal sections): 1.1 (编制目的及依据: a purpose under a title line),
/// 7.2 (本预案由国务院办公厅负责解释: who interprets it) and 7.3 (本预案自印发之日起实施: the date of
/// effect, as the outline reads it) are no tasks. 2.1.1 (国家粮食应急工作指挥部职责 (1)–(4), none
/// naming a body of its own) lists one body's duties: one task, read whole; 2.1.3 (成员单位职责
/// (1)–(13), each charging its own body) stays thirteen tasks.
#[test]
fn a_plans_frames_and_one_bodys_duties() {
    let (tasks, _, _, _) = tasks_render::run("dev/010_guobanhan2005-57_liangshi_yuan.html");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    for frame in ["1/1.1", "7/7.2", "7/7.3"] {
        assert!(!paths.contains(&frame), "{frame}: {paths:?}");
    }
    assert!(paths.contains(&"1/1.2/1.2.3"), "{paths:?}");
    let duties = tasks
        .iter()
        .find(|t| t.path == "2/2.1/2.1.1")
        .expect("2.1.1 is one task");
    assert!(duties.text.starts_with("国家粮食应急工作指挥部职责"));
    assert!(duties.text.ends_with("完成国务院交办的其他事项。"));
    assert!(!paths.iter().any(|p| p.starts_with("2/2.1/2.1.1/")));
    let members = paths
        .iter()
        .filter(|p| p.starts_with("2/2.1/2.1.3/"))
        .count();
    assert_eq!(members, 13, "{paths:?}");
}

/// Articles stating scope or principles are no tasks, even with 应当: dev 054 第二条 ("在本自治县
/// 行政区域内从事…活动，应当遵守本条例。", then a definition, 本条例所称…) and dev 019b 第二条 ("本市坚持
/// …，坚持…，坚持…"); the articles after them, which charge bodies, stay.
#[test]
fn scope_and_principle_articles_are_no_tasks() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/054_jingning_zizhixian_huimingcha_tiaoli_2019.md");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert!(!paths.contains(&"第二条"), "{paths:?}");
    assert!(paths.contains(&"第三条"), "{paths:?}");
    let (tasks, _, _, _) = tasks_render::run("dev/019b_shanghai_keji_jinbu_tiaoli_2024-05-10.md");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert!(!paths.contains(&"第一章/第二条"), "{paths:?}");
    assert!(paths.contains(&"第一章/第三条"), "{paths:?}");
}

/// Dev 032, a page that lost its line breaks: "一、目标任务结合…要求，2019年计划实施…项目20个…" runs
/// the goal section's text into its title; it frames the measures and is no task, while "二、保障
/// 建设用地各相关单位要…" is one.
#[test]
fn a_run_together_goal_section_is_no_task() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/032_pingtan_2019_lvdao_huacheng_gongzuo_yaodian.page.txt");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(paths, ["二", "三", "四", "五", "六", "七"]);
}

/// Dev 021b: articles defining the assisted groups ("最低生活保障家庭，是指…", 第十条–第十四条,
/// their numbered items conditions) are no tasks; 第十五条 defines too, but a paragraph after its
/// conditions grants a power ("区人民政府可以根据本行政区的实际情况…"): one task.
#[test]
fn definition_articles_are_no_tasks() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/021b_shanghai_shehui_jiuzhu_tiaoli_2024-12-31.md");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    for n in ["十", "十一", "十二", "十三", "十四"] {
        let path = format!("第二章/第{n}条");
        assert!(
            !paths.iter().any(|p| p.starts_with(&path)),
            "{path}: {paths:?}"
        );
    }
    assert!(paths.contains(&"第二章/第十五条"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.starts_with("第二章/第十五条/")));
}

/// Dev 056, 江西省人民政府令第223号: the decision's items 一、–十九、 edit the 办法 ("将第六条修改为：
/// “公安机关负责…”", "增加一条，作为第九条：“…”", "删除第十二条。") and are no tasks; the
/// consolidated 办法 that follows (hung by the outline under the last edit) keeps its articles.
#[test]
fn an_amendment_decisions_edits_are_no_tasks() {
    let (tasks, _, _, _) = tasks_render::run(
        "dev/056_jiangxi_shengzhengfuling223_liudong_renkou_banfa_xiugai_jueding.html",
    );
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert!(paths.iter().all(|p| p.starts_with("十九/第")), "{paths:?}");
    for article in ["十九/第六条", "十九/第十二条", "十九/第二十六条"] {
        assert!(paths.contains(&article), "{article}: {paths:?}");
    }
}

/// Dev 021b 第三十九条 ("自然灾害受灾人员和流浪乞讨人员的救助，按照国家有关规定办理。") only refers
/// its matter to national rules, and 第三条 states principles: no tasks (gold notes, as 026
/// 第四十四条's 从其规定); the articles after them stay.
#[test]
fn reference_articles_are_no_tasks() {
    let (tasks, _, _, _) =
        tasks_render::run("dev/021b_shanghai_shehui_jiuzhu_tiaoli_2024-12-31.md");
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert!(!paths.contains(&"第四章/第三十九条"), "{paths:?}");
    // 第三条: the system's principles (坚持…，与…相适应，与…相衔接), then 遵循…原则.
    assert!(!paths.contains(&"第一章/第三条"), "{paths:?}");
    assert!(paths.contains(&"第一章/第四条"), "{paths:?}");
    assert!(paths.contains(&"第四章/第三十八条"), "{paths:?}");
    assert!(paths.contains(&"第五章/第四十条"), "{paths:?}");
}

/// Dev 056, the republished 办法: 第十九–二十一条 state what 流动人口 and 持证人 enjoy (享有下列
/// 权益和公共服务 / 便利), entitlements and no body's duty; 第三十二条 is the entry into force with
/// its repeal and a transitional provision (施行前领取的暂住证…继续有效). None is a task (gold
/// notes); 第二十二条, a duty of 公安机关 (办理户口迁移手续), stays.
#[test]
fn entitlement_and_transitional_articles_are_no_tasks() {
    let (tasks, _, _, _) = tasks_render::run(
        "dev/056_jiangxi_shengzhengfuling223_liudong_renkou_banfa_xiugai_jueding.html",
    );
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    for n in ["十九", "二十", "二十一", "三十二"] {
        let path = format!("十九/第{n}条");
        assert!(!paths.contains(&path.as_str()), "{path}: {paths:?}");
    }
    assert!(paths.contains(&"十九/第二十二条"), "{paths:?}");
}

/// An article that states the principle its matter follows ("养犬管理实行政府主导、…的原则。")
/// assigns nothing and is no task, with no 应当 before the principle; the article charging a
/// body after it is a task.
#[test]
fn an_article_stating_a_principle_is_no_task() {
    let text = "某某市养犬管理条例\n\
        第一条　为了规范养犬行为，根据有关法律、法规，结合本市实际，制定本条例。\n\
        第二条　养犬管理实行政府主导、部门协作、养犬人守法、基层组织参与、社会监督的原则。\n\
        第三条　公安机关负责养犬登记、犬只收容等工作。\n";
    let o = policykg_ontology::Ontology::bundled();
    let doc = policykg_read::read_bytes("rules.txt", text.as_bytes(), &Default::default())
        .expect("plain text reads");
    let (tasks, _, _) = policykg_extract::tasks(&policykg_outline::parse(doc, o), o);
    let paths: Vec<&str> = tasks.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(paths, ["第三条"]);
}
