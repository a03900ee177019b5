//! Decimal section numbers (1 / 1.1 / 4.2.1), as emergency and technical plans write them: read
//! on dev 010 (国家粮食应急预案, with a table of contents), and kept out of sentences, figures,
//! dates, tables and numbered lists.

mod common;

use common::{check_invariants, children, pairs, parse, parse_file, render};
use policykg_outline::{Outline, Style};

const DEV_010: &str = "corpus/dev/010_guobanhan2005-57_liangshi_yuan.html";

/// "path heading" of every node.
fn tree(o: &Outline) -> Vec<String> {
    o.nodes
        .iter()
        .map(|n| format!("{} {}", n.path, n.heading))
        .collect()
}

/// (number, heading) of the children of the node at `path` (the roots for "").
fn children_at(o: &Outline, path: &str) -> Vec<(String, String)> {
    let parent =
        (!path.is_empty()).then(|| o.find(path).unwrap_or_else(|| panic!("no node {path}")));
    children(o, parent)
}

#[test]
fn dev_010_plan_sections_nest_by_their_numbers() {
    let p = parse_file(DEV_010);
    check_invariants(&p).unwrap();
    let o = &p.outline;
    // The table of contents (目录 1 总则 … 7 附则) is not read a second time: each section
    // once, from the text.
    assert_eq!(
        children_at(o, ""),
        pairs(&[
            ("1", "总则"),
            ("2", "组织机构和职责"),
            ("3", "预警监测"),
            ("4", "应急响应"),
            ("5", "应急保障"),
            ("6", "后期处置"),
            ("7", "附则"),
        ])
    );
    assert!(o.nodes.iter().all(|n| !n.path.contains('~')));
    assert!(o.nodes.iter().all(|n| n.style != Style::Plain));
    let text = &p.document.text;
    let preamble: String = text
        .chars()
        .skip(o.preamble.start)
        .take(o.preamble.end - o.preamble.start)
        .collect();
    assert!(preamble.contains("目　　录") && preamble.ends_with("7　附则\n"));
    assert_eq!(
        children_at(o, "1/1.2"),
        pairs(&[
            ("1.2.1", "国家级（Ⅰ级）：两个以上省、自治区、直辖市出现粮食应急状态，以及超过省级人民政府处置能力和国务院认为需要按照国家级粮食应急状态来对待的情况。"),
            ("1.2.2", "省级（Ⅱ级）：在一个省、自治区、直辖市较大范围或省会等大中城市出现粮食应急状态，以及省级人民政府认为需要按照省级粮食应急状态来对待的情况。"),
            ("1.2.3", "省级人民政府可以根据本地区实际情况，研究制订省级（Ⅱ级）以下粮食应急状态分级和应急处理办法。"),
        ])
    );
    // The unnumbered paragraphs under 1.2 stay its body, before its first child.
    let n12 = &o.nodes[o.find("1/1.2").unwrap()];
    assert!(n12.body.starts_with("本预案所称粮食应急状态") && n12.body.ends_with("两级。"));
    let numbers =
        |path: &str| -> Vec<String> { children_at(o, path).into_iter().map(|(n, _)| n).collect() };
    assert_eq!(numbers("2"), ["2.1", "2.2"]);
    assert_eq!(numbers("2/2.1"), ["2.1.1", "2.1.2", "2.1.3"]);
    assert_eq!(numbers("2/2.1/2.1.1"), ["（1）", "（2）", "（3）", "（4）"]);
    assert_eq!(numbers("2/2.1/2.1.3").len(), 13);
    assert_eq!(numbers("4/4.2"), ["4.2.1", "4.2.2", "4.2.3"]);
    assert_eq!(numbers("4/4.2/4.2.3"), ["（1）", "（2）", "（3）"]);
    // "5.1.2 省级…" is written with an ASCII space, "5.1.1　为应对…" with a full-width one.
    assert_eq!(numbers("5/5.1"), ["5.1.1", "5.1.2", "5.1.3"]);
    assert_eq!(numbers("5/5.2"), ["5.2.1", "5.2.2", "5.2.3", "5.2.4"]);
    assert_eq!(numbers("6/6.4/6.4.2").len(), 6);
    assert_eq!(numbers("7"), ["7.1", "7.2", "7.3"]);
    let n = &o.nodes[o.find("5/5.1/5.1.2").unwrap()];
    assert_eq!((n.style, n.ordinal, n.level), (Style::Decimal, 2, 3));
    insta::with_settings!({ prepend_module_to_snapshot => false, description => DEV_010 }, {
        insta::assert_snapshot!("dev_010_decimal", render(&p));
    });
}

/// Decimal figures, dates, table rows, page numbers and list items are not sections, even in a
/// document numbered with decimal sections (lines from dev 010, 005 and 032).
#[test]
fn figures_dates_tables_and_list_items_are_not_sections() {
    let p = parse(
        "1　总则\n\
         1.1　编制目的及依据\n\
         为了有效监测和控制国内粮食市场异常波动，制定本预案。\n\
         2.1亿元用于支持粮食应急加工网络，增长1.5%。\n\
         2.1 亿元用于省级储备。\n\
         2005.6.11 发布\n\
         1.2\t等级划分\t国家级\n\
         1. 国家级（Ⅰ级）：两个以上省、自治区、直辖市出现粮食应急状态。\n\
         2. 省级（Ⅱ级）：在一个省、自治区、直辖市较大范围出现粮食应急状态。\n\
         3\n\
         1.2　等级划分\n\
         本预案所称粮食应急状态，是指粮食市场急剧波动的状况。\n\
         3 个工作日内报告有关情况。\n\
         2　组织机构和职责\n\
         2.1　国家粮食应急工作指挥部\n",
    );
    assert_eq!(
        tree(&p.outline),
        [
            "1 总则",
            "1/1.1 编制目的及依据",
            "1/1.1/1 国家级（Ⅰ级）：两个以上省、自治区、直辖市出现粮食应急状态。",
            "1/1.1/2 省级（Ⅱ级）：在一个省、自治区、直辖市较大范围出现粮食应急状态。",
            "1/1.2 等级划分",
            "2 组织机构和职责",
            "2/2.1 国家粮食应急工作指挥部",
        ]
    );
    let body = &p.outline.nodes[1].body;
    for line in ["2.1亿元", "2.1 亿元", "2005.6.11", "1.2\t等级划分"] {
        assert!(body.contains(line), "{line}");
    }
    assert!(p.outline.nodes[3].body.ends_with('3'));
    assert!(p.outline.nodes[4]
        .body
        .ends_with("3 个工作日内报告有关情况。"));
}

/// A line "1 总则" opens a decimal numbering only when its first child 1.1 follows; elsewhere a
/// figure opening a line is text ("1 个月内…" in a notice numbered 一、).
#[test]
fn a_lone_one_is_no_section() {
    let p = parse(
        "1 个月内完成摸底排查\n\
         一、总体要求\n\
         （一）主要目标。到2025年实现倍增。\n\
         2 个月内完成整改。\n\
         二、重点任务\n",
    );
    assert_eq!(
        tree(&p.outline),
        ["一 总体要求", "一/（一） 主要目标。", "二 重点任务"]
    );
}
