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
//!   the page's header lines and the one line holding the cover notice and the 序言 are preamble
//!   rows (the outline finds no cover notice in a page run together, so they are not yet
//!   文首与状态 rows); the figure changes listed under them are the page's dates and ids; 一、 unchanged;
//!   二、 modified (区房地产交易中心 → 区不动产登记中心, 报区管委会批准 → 直接予以审批); old 三、
//!   (one item) split into the new heading's （一）–（四）; 四、 and 五、 modified.

mod common;

use common::{diff_files, load};
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
    // The outline stage finds no cover notice in these run-together pages (metadata.cover is
    // None), so their cover lines are still body preamble rows here: see the report of issue 14.
    let (old, new) = PAIRS[1];
    check_apart(&diff_files(old, new));
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

fn table(old: &str, new: &str) -> String {
    let d = diff_files(old, new);
    render_text(
        &d,
        &TextOptions {
            color: false,
            all: false,
        },
    )
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
