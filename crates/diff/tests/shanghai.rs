//! The Shanghai 优化营商环境条例, as passed (2020, 80 articles) and after three amendments (2024,
//! 97 articles), through the real pipeline. Every expectation below was checked by reading both
//! texts (corpus/extra/06a_*, 06b_*).

mod common;

use std::collections::BTreeMap;

use common::{article_number, diff_files, hunks};
use policykg_diff::{Diff, RowKind, UnitKind};

const OLD: &str = "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md";
const NEW: &str = "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md";

fn diff() -> Diff {
    diff_files(OLD, NEW)
}

fn articles(units: &[policykg_diff::UnitRef]) -> Vec<u32> {
    units
        .iter()
        .filter(|u| u.kind == UnitKind::Article)
        .map(|u| article_number(&u.number).expect("article number"))
        .collect()
}

/// The row whose old side is 2020 article `n`.
fn row_of_old(d: &Diff, n: u32) -> &policykg_diff::Row {
    d.rows
        .iter()
        .find(|r| articles(&r.old) == [n])
        .unwrap_or_else(|| panic!("no row for 2020 article {n}"))
}

#[test]
fn the_regulation_is_compared_article_by_article() {
    let d = diff();
    assert_eq!(d.old.title.as_deref(), Some("上海市优化营商环境条例"));
    assert_eq!(d.new.title.as_deref(), Some("上海市优化营商环境条例"));
    assert_eq!(d.old.date.as_deref(), Some("2020-04-10"));
    assert_eq!(d.new.date.as_deref(), Some("2024-09-27"));
    assert_eq!(d.old.granularity, policykg_diff::Granularity::Articles);
    let count = |units: fn(&policykg_diff::Row) -> &Vec<policykg_diff::UnitRef>| {
        d.rows
            .iter()
            .flat_map(units)
            .filter(|u| u.kind == UnitKind::Article)
            .count()
    };
    assert_eq!(count(|r| &r.old), 80);
    assert_eq!(count(|r| &r.new), 97);
}

#[test]
fn every_2020_article_is_found_in_2024_renumbered_where_articles_were_inserted() {
    let d = diff();
    // 2020 article → 2024 article(s), read off the two texts.
    let mut expected: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let runs: &[(u32, u32, i32)] = &[
        // (first, last, shift): 2020 articles first..=last became first+shift..
        (1, 22, 0),   // 第二十三条 (突发事件救助) inserted after 22
        (23, 33, 1),  // 第三十五条 (企业年报多报合一) inserted
        (34, 35, 2),  // 第三十八条 (建筑师负责制), 第三十九条 (工程质量潜在缺陷保险) inserted
        (36, 41, 4),  // 第四十六条 (知识产权公共服务事项清单) inserted
        (42, 48, 5),  // 第五十四条 (信托财产登记) inserted
        (49, 55, 6), // 第六十二条 to 第六十五条 (执法检查计划, 行政检查, 第三方协助, 处罚信息公示) inserted
        (57, 64, 11), // 第七十六条 (政策措施简明清晰) inserted
        (65, 65, 12), // 第七十八条 to 第八十条 (灵活就业, 工作场所, 劳动纠纷) inserted
        (66, 66, 15), // 第八十二条 (商事调解组织) inserted
        (67, 70, 16), // 第八十七条 (破产: 董事责任, 小微企业, 跨境破产) inserted
        (71, 80, 17),
    ];
    for &(first, last, shift) in runs {
        for n in first..=last {
            expected.insert(n, vec![(n as i32 + shift) as u32]);
        }
    }
    // 第五十六条 (信用信息运用 and 信用修复) was split: its first paragraph became the second
    // paragraph of 第六十六条, its credit-repair paragraph was rewritten as 第六十七条.
    expected.insert(56, vec![66, 67]);

    let mut found: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for r in &d.rows {
        let old = articles(&r.old);
        if old.is_empty() {
            continue;
        }
        assert_eq!(old.len(), 1, "no 2020 articles were merged: {old:?}");
        found.insert(old[0], articles(&r.new));
    }
    assert_eq!(found, expected);
}

#[test]
fn the_inserted_articles_are_reported_as_added_and_nothing_was_deleted() {
    let d = diff();
    let added: Vec<u32> = d
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Added)
        .flat_map(|r| articles(&r.new))
        .collect();
    assert_eq!(
        added,
        [23, 35, 38, 39, 46, 54, 62, 63, 64, 65, 76, 78, 79, 80, 82, 87]
    );
    assert_eq!(d.summary.deleted, 0);
    assert_eq!(d.summary.moved, 0);
    assert_eq!(d.summary.merged, 0);
    assert_eq!(d.summary.split, 1);
    let split = row_of_old(&d, 56);
    assert_eq!(split.kind, RowKind::Split);
    // The three amendment lines of the 2024 header are new preamble lines.
    let added_preamble: Vec<&str> = d
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Added)
        .flat_map(|r| &r.new)
        .filter(|u| u.kind == UnitKind::Preamble)
        .map(|u| &u.text[..u.text.find(' ').unwrap_or(u.text.len())])
        .collect();
    assert_eq!(
        added_preamble,
        ["2021年10月28日", "2023年11月22日", "2024年9月27日"]
    );
}

#[test]
fn unchanged_and_renumbered_only_articles() {
    let d = diff();
    let pairs = |kind: RowKind| -> Vec<(u32, u32)> {
        d.rows
            .iter()
            .filter(|r| r.kind == kind)
            .filter_map(|r| Some((*articles(&r.old).first()?, *articles(&r.new).first()?)))
            .collect()
    };
    assert_eq!(
        pairs(RowKind::Unchanged),
        [(7, 7), (9, 9), (10, 10), (14, 14), (15, 15)]
    );
    assert_eq!(
        pairs(RowKind::Renumbered),
        [
            (29, 30),
            (31, 32),
            (33, 34),
            (34, 36),
            (39, 43),
            (40, 44),
            (42, 47),
            (51, 57),
            (53, 59),
            (74, 91),
            (75, 92),
            (78, 95),
            (80, 97)
        ]
    );
    // The chapter headings did not change (第一章 "总则" became "总 则": spacing only).
    let headings: Vec<(RowKind, String)> = d
        .rows
        .iter()
        .filter(|r| r.new.iter().any(|u| u.kind == UnitKind::Heading))
        .map(|r| (r.kind, r.new[0].number.clone()))
        .collect();
    let chapters = [
        "第一章",
        "第二章",
        "第三章",
        "第四章",
        "第五章",
        "第六章",
        "第七章",
        "第八章",
    ];
    assert_eq!(
        headings,
        chapters
            .iter()
            .map(|c| (RowKind::Unchanged, c.to_string()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn highlights_are_phrases() {
    let d = diff();
    assert_eq!(
        hunks(row_of_old(&d, 1)),
        ["[-主体-]", "{+全面提升上海城市软实力，+}"]
    );
    assert_eq!(hunks(row_of_old(&d, 2)), ["[-市场-]{+经营+}"]);
    assert_eq!(hunks(row_of_old(&d, 4)), ["{+、数据+}"]);
    // Only the brackets changed width.
    assert_eq!(hunks(row_of_old(&d, 11)), ["[-(上海)-]{+（上海）+}"]);
    let r65 = row_of_old(&d, 65);
    assert_eq!(articles(&r65.new), [77]);
    assert_eq!(
        hunks(r65),
        [
            "[-市场-]{+企业等经营+}",
            "[-为市场主体-]",
            "{+本市各级人民政府及其有关部门应当建立政策措施定期评估清理机制，对与企业等经营主体生产经营活动密切相关的政策措施每年至少开展一次评估，并公布清理结果。+}"
        ]
    );
    // Every hunk's spans slice the original texts.
    let old_text = std::fs::read_to_string(common::root().join(OLD)).expect("read");
    let new_text = std::fs::read_to_string(common::root().join(NEW)).expect("read");
    let (oc, nc): (Vec<char>, Vec<char>) = (old_text.chars().collect(), new_text.chars().collect());
    for r in &d.rows {
        for u in &r.old {
            assert_eq!(
                oc[u.span.start..u.span.end].iter().collect::<String>(),
                u.text
            );
        }
        for u in &r.new {
            assert_eq!(
                nc[u.span.start..u.span.end].iter().collect::<String>(),
                u.text
            );
        }
        for h in &r.hunks {
            for p in &h.old {
                assert_eq!(
                    oc[p.span.start..p.span.end].iter().collect::<String>(),
                    p.text
                );
            }
            for p in &h.new {
                assert_eq!(
                    nc[p.span.start..p.span.end].iter().collect::<String>(),
                    p.text
                );
            }
        }
    }
}

#[test]
fn the_change_made_throughout_is_stated_once() {
    let d = diff();
    let stated: Vec<(&str, &str, usize, usize)> = d
        .systematic
        .iter()
        .map(|s| (s.old.as_str(), s.new.as_str(), s.count, s.rows.len()))
        .collect();
    assert_eq!(
        stated,
        [
            ("市场主体", "企业等经营主体", 24, 15),
            ("相关", "有关", 22, 14),
            ("各类市场主体", "企业等经营主体", 5, 4)
        ]
    );
    // 市场主体 survives in three 2024 articles: 第一条 (维护市场主体合法权益), 第十条 (各类市场主体均可
    // 以依法平等进入) and 第八十三条 (涉及市场主体的各类案件).
    assert_eq!(
        d.systematic[0].remaining,
        ["第一条", "第十条", "第八十三条"]
    );
    // 第八条 changed only by the replacement.
    let r8 = row_of_old(&d, 8);
    assert!(r8.systematic_only);
    assert_eq!(r8.hunks[0].systematic, Some(0));
    assert!(!row_of_old(&d, 1).systematic_only);
}
