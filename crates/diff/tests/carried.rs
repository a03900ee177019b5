//! Seed 000 (a news summary of 《安徽省“十四五”中小企业发展规划》, HTML with front matter) against
//! seed 001 (the 专精特新中小企业倍增行动方案): a plan and an action plan of the same department,
//! where clauses of the plan were carried into the action plan's items. Which ones was read off
//! the two texts.

mod common;

use common::diff_files;
use policykg_diff::{Diff, RowKind, UnitKind};

fn diff() -> Diff {
    diff_files(
        "corpus/seeds/000_eef8574c2d5c617b.txt",
        "corpus/seeds/001_a6818095697d7a7c.txt",
    )
}

/// The lead phrase of a paragraph: up to its first 。
fn lead(text: &str) -> &str {
    text.split('。').next().unwrap_or(text)
}

#[test]
fn carried_over_clauses_are_found() {
    let d = diff();
    assert_eq!(d.old.granularity, policykg_diff::Granularity::Items);
    // (news paragraph, by its lead phrase) → (items of the action plan it went into)
    let carried: Vec<(String, Vec<String>, RowKind)> = d
        .rows
        .iter()
        .filter(|r| !r.old.is_empty() && !r.new.is_empty())
        .filter(|r| r.old.iter().all(|u| u.kind == UnitKind::Paragraph))
        .map(|r| {
            (
                lead(&r.old[0].text).to_owned(),
                r.new.iter().map(|u| u.number.clone()).collect(),
                r.kind,
            )
        })
        .collect();
    let expected: Vec<(String, Vec<String>, RowKind)> = [
        // The sentence on the 合肥综合性国家科学中心, 科大硅谷 and 中国声谷 platforms.
        ("推进产学研协同创新", vec!["3．"], RowKind::Modified),
        // 编制“重点领域补短板产品和关键技术攻关指导目录”…每年滚动实施“工业强基”项目100个.
        ("实施补链强链工程", vec!["4．"], RowKind::Modified),
        // One news paragraph holds the 数字化转型 evaluation sentence (item 7) and the
        // 首购首用 measure with its 500/200/40/100 项 figures (item 5).
        (
            "支持企业对照国家数字化转型新型能力体系标准开展评估工作，打造智能制造标杆企业",
            vec!["5．", "7．"],
            RowKind::Split,
        ),
        // 细分行业头部企业建立行业工业互联网平台…每年新增“皖企登云”企业6000家. (Its "三化"
        // sentence, 示范线100条 and 机器人8000台, went into item 8, which the 绿色制造 paragraph
        // is aligned with.)
        ("推进中小企业数字化转型", vec!["6．"], RowKind::Modified),
        // 绿色产品、绿色工厂、绿色园区、绿色供应链, 国家级绿色工厂50, 省级绿色工厂300.
        ("推进绿色制造体系建设", vec!["8．"], RowKind::Modified),
        // 发挥省“三重一创”“专精特新”和十大新兴产业等政府性产业投资基金引导作用….
        ("发挥基金引导作用", vec!["10．"], RowKind::Modified),
        // 北交所战略合作关系, 北交所安徽服务基地, 安徽四板与新三板精准对接.
        ("加快上市培育进程", vec!["11．"], RowKind::Modified),
    ]
    .into_iter()
    .map(|(a, b, k)| (a.to_owned(), b.into_iter().map(str::to_owned).collect(), k))
    .collect();
    assert_eq!(carried, expected);
}

#[test]
fn what_the_action_plan_did_not_take_is_deleted() {
    let d = diff();
    let deleted: Vec<String> = d
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Deleted)
        .map(|r| lead(&r.old[0].text).chars().take(14).collect())
        .collect();
    assert_eq!(
        deleted,
        [
            "近日，安徽省经济和信息化厅印",
            "《规划》明确了发展原则，其中",
            "推动中小企业创业兴业",
            "推进创新创业载体建设",
            "实施“百企领军”计划",
            "健全中小企业融资服务体系"
        ]
    );
}
