//! Real version pairs of the corpus: how well the alignment carries old clauses over (the
//! `measure` oracle, ≥ 0.9 on each pair), the cover-notice and status lines reported apart, and
//! the reviewed 对照表 of 022 and 031.
//!
//! Reviewed (both texts read against every row of the snapshots):
//! - 022a → 022b (上海市促进农业科技进步若干规定 2007 → 2024, a rewrite from 15 to 21 articles):
//!   第一条, 第二条 carried; old 第三条 (规划, 投入) is new 第四条; old 第八条 kept its first
//!   paragraph (定期编制农业科技成果目录) as new 第十二条's and old 第十三条 its training plan
//!   (专业技术、实用技术等农业技术培训计划…免费为农民提供农业技术培训) as new 第十六条's: one
//!   modified row each, not a deletion and an addition; old 第十二条 (人才培养) is new 第十五条;
//!   the other old articles have no counterpart holding their content (deleted) and the new
//!   ones none in the old text (added); 施行日期 第十五条 → 第二十一条. The two history lines
//!   of the 2024 text are added preamble lines.
//! - 031a → 031b (平潭 划拨建设用地使用权转让实施办法 2015 → 2018 修订, page text on one line):
//!   文首与状态: the crawl header's lines (标题, 发布时间, 发布机构, 原文链接, 本地目录 changed;
//!   the rule line unchanged) and the cover notice from the breadcrumb through its 落款
//!   (岚综管办〔2015〕11号 → 〔2018〕184号, addressees, 研究通过 → 研究同意, 2015年1月9日 →
//!   2018年10月26日), with no facts. Body: the carried 办法's title and preamble modified
//!   (（修订）; the basis adds the 不动产登记 minutes, the 2014年第14次主任办公会议 is gone: two
//!   figures removed); 一、 unchanged; 二、 modified (区房地产交易中心 → 区不动产登记中心, 每月两次
//!   gone, 报区管委会批准 → 直接予以审批); 三、 and its （一）–（四） carried (the 2015 page
//!   leaves no space before its （一）, read as a sub-item all the same): 三、, （二）, （三）
//!   unchanged, （一） and （四） modified in punctuation only (；→ ;, and 30﹪ → 30%, shown as a
//!   changed figure); 四、 modified (区管委会 → 区环境与国土资源局); 五、 ↔ 五、 modified (the 2015 measure repealed);
//!   the page furniture at the end (2015: 来源; 2018: the 印发 line and 来源) deleted and added.

mod common;

use common::{diff_files, label, load};
use policykg_diff::measure::measure;
use policykg_diff::{render_text, Diff, Options, RowKind, TextOptions, Version};

const SEED_DRAFT: &str = "tests/fixtures/versions/001_zhengqiu.txt";
const SEED_FINAL: &str = "corpus/seeds/001_a6818095697d7a7c.txt";

const PAIRS: [(&str, &str); 4] = [
    (
        "corpus/versions/022a_shanghai_nongye_keji_guiding_2007-10-10.md",
        "corpus/versions/022b_shanghai_nongye_keji_guiding_2024-11-28.md",
    ),
    (
        "corpus/versions/031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt",
        "corpus/versions/031b_pingtan_huabo_tudi_zhuanrang_banfa_2018_xiuding.page.txt",
    ),
    (
        "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
        "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md",
    ),
    (SEED_DRAFT, SEED_FINAL),
];

fn version(rel: &str) -> Version {
    let (p, e) = load(rel);
    Version::new(&p, &e)
}

#[test]
fn alignment_carries_over_nine_in_ten_reappearing_clauses() {
    let mut table = Vec::new();
    for (old, new) in PAIRS {
        let (vo, vn) = (version(old), version(new));
        let d = policykg_diff::diff_versions(&vo, &vn, &Options::default());
        let m = measure(&vo.units, &vn.units, &d);
        assert!(
            m.share() >= 0.9,
            "{old} → {new}: {:.3} of the reappearing clauses paired\n{}",
            m.share(),
            m.misses.join("\n")
        );
        table.push(format!(
            "{} → {}: clauses {}, reappearing {}, paired {}, wrong {}",
            old.rsplit('/').next().unwrap_or(old),
            new.rsplit('/').next().unwrap_or(new),
            m.old_clauses,
            m.reappearing,
            m.paired,
            m.wrong
        ));
    }
    insta::assert_snapshot!(table.join("\n"));
}

fn front_rows(d: &Diff) -> Vec<String> {
    d.rows
        .iter()
        .filter(|r| r.front)
        .map(|r| {
            let text = |u: &[policykg_diff::UnitRef]| {
                u.iter()
                    .map(|u| u.text.chars().take(24).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            format!(
                "{} [{}] → [{}]",
                r.kind.as_str(),
                text(&r.old),
                text(&r.new)
            )
        })
        .collect()
}

/// The front rows come first, are not counted by kind, and carry no structured change.
fn check_apart(d: &Diff) {
    let first_body = d.rows.iter().position(|r| !r.front).unwrap_or(d.rows.len());
    assert!(d.rows[first_body..].iter().all(|r| !r.front));
    let counted: usize = RowKind::ALL.iter().map(|&k| d.summary.count(k)).sum();
    assert_eq!(counted + d.summary.front, d.rows.len());
    assert_eq!(d.summary.front, first_body);
    assert!(d.changes.iter().all(|c| !d.rows[c.row].front));
}

#[test]
fn cover_notices_of_2015_and_2018_keep_the_rows_consistent() {
    let (old, new) = PAIRS[1];
    let d = diff_files(old, new);
    check_apart(&d);
    // Both run-together pages: the crawl header (标题: … 本地目录:, its rule line) and the cover
    // notice through its 落款 are apart; the carried measure's title and preamble, items 一–五
    // and the page's furniture at the end are the body.
    let front: Vec<String> = d
        .rows
        .iter()
        .filter(|r| r.front)
        .map(|r| {
            let side = |u: &[policykg_diff::UnitRef]| {
                u.iter()
                    .map(|u| u.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            format!("{} → {}", side(&r.old), side(&r.new))
        })
        .collect();
    assert!(front.iter().any(|r| r.contains("原文链接")), "{front:#?}");
    assert!(
        front
            .iter()
            .any(|r| r.contains("当前位置") && r.contains("2018年10月26日")),
        "{front:#?}"
    );
    assert!(front.iter().all(|r| !r.contains("为加强")), "{front:#?}");
    // The page's dates, ids and the cover's 文号 are no changes of the policy.
    assert!(
        d.changes.iter().all(
            |c| !format!("{c:?}").contains("2018-10-26") && !format!("{c:?}").contains("184号")
        ),
        "{:#?}",
        d.changes
    );
    // Item 五 of 2018 is an item (not run together with the closing 印发 line), paired with 五.
    let five = d
        .rows
        .iter()
        .find(|r| r.old.iter().any(|u| u.number == "五、"))
        .expect("old 五、 has a row");
    assert_eq!(five.kind, RowKind::Modified);
    assert_eq!(label(&five.new), "五、");
}

#[test]
fn draft_status_and_final_cover_notice_are_apart() {
    let d = diff_files(SEED_DRAFT, SEED_FINAL);
    check_apart(&d);
    insta::assert_snapshot!(front_rows(&d).join("\n"));
    // Neither the cover lines of the final text nor the draft's status line are additions or
    // deletions of the policy.
    assert_eq!(d.summary.added, 0);
    assert_eq!(d.summary.deleted, 0);
}

/// The 对照表 as text, the files named relative to the workspace root (so that the snapshot
/// does not depend on where the workspace is checked out).
fn table(old: &str, new: &str) -> String {
    let d = diff_files(old, new);
    let text = render_text(
        &d,
        &TextOptions {
            color: false,
            all: false,
        },
    );
    text.replace(&format!("{}/", common::root().display()), "")
}

#[test]
fn table_022() {
    let (old, new) = PAIRS[0];
    insta::assert_snapshot!(table(old, new));
}

#[test]
fn table_031() {
    let (old, new) = PAIRS[1];
    insta::assert_snapshot!(table(old, new));
}
