//! The draft for comment written from seed 001 (corpus/versions/001_zhengqiu.txt) against the
//! final text (seed 001): the exact expected diff, as corpus/versions/README.md lists the edits.

mod common;

use common::{diff_files, hunks};
use policykg_diff::{ChangeKind, Diff, HunkOp, Row, RowKind};

const DRAFT: &str = "corpus/versions/001_zhengqiu.txt";
const FINAL: &str = "corpus/seeds/001_a6818095697d7a7c.txt";

fn diff() -> Diff {
    diff_files(DRAFT, FINAL)
}

/// A row as `kind old → new [hunks]`, labels by number (¶n for preamble lines).
fn show(r: &Row) -> String {
    let side = |units: &[policykg_diff::UnitRef]| {
        units
            .iter()
            .map(|u| {
                if u.number.is_empty() {
                    format!("¶{}", u.index + 1)
                } else {
                    u.number.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("+")
    };
    let mut s = format!("{} {} → {}", r.kind.as_str(), side(&r.old), side(&r.new));
    for h in hunks(r) {
        s.push(' ');
        s.push_str(&h);
    }
    s
}

#[test]
fn header_names_both_versions() {
    let d = diff();
    assert_eq!(
        d.old.title.as_deref(),
        Some("安徽省专精特新中小企业倍增行动方案")
    );
    assert_eq!(d.old.status.as_deref(), Some("征求意见稿"));
    assert_eq!(d.old.date, None);
    assert_eq!(
        d.new.title.as_deref(),
        Some("安徽省专精特新中小企业倍增行动方案")
    );
    assert_eq!(d.new.status, None);
    assert_eq!(d.new.date.as_deref(), Some("2022-02-17"));
    assert_eq!(d.new.issuers, ["安徽省人民政府办公厅"]);
}

#[test]
fn draft_to_final_row_by_row() {
    let d = diff();
    let rows: Vec<String> = d.rows.iter().map(show).collect();
    let expected = [
        // The cover notice of the final text (a draft has none).
        "added  → ¶1",
        "added  → ¶2",
        "added  → ¶3",
        "added  → ¶4",
        "unchanged ¶1 → ¶5",
        // （征求意见稿）
        "deleted ¶2 → ",
        "unchanged ¶3 → ¶6",
        "unchanged 一、 → 一、",
        "unchanged （一） → （一）",
        "modified （二） → （二） [-2024年-]{+2025年+} [-4000家-]{+5000家+}",
        "unchanged 二、 → 二、",
        "unchanged （一） → （一）",
        "unchanged 1． → 1．",
        "modified 2． → 2． [-50万元-]{+80万元+}",
        "unchanged （二） → （二）",
        "unchanged 3． → 3．",
        "unchanged 4． → 4．",
        "unchanged 5． → 5．",
        "unchanged （三） → （三）",
        // The draft's item 6 became items 6 and 7: the final text closes item 6 with the
        // responsibility parenthesis and opens item 7 with its own lead sentence.
        "split 6． → 6．+7． [-和数字化转型-] {+（省经济和信息化厅、省财政厅按职责分工负责）提升数字化转型能力。+}",
        "modified 7． → 8． {+，最高500万元+}",
        "unchanged （四） → （四）",
        "modified 8． → 9． {+、安徽银保监局+}",
        "renumbered 9． → 10．",
        "renumbered 10． → 11．",
        "unchanged （五） → （五）",
        "renumbered 11． → 12．",
        "modified 12． → 13． [-150个-]{+200个+}",
        // 加强企业人才供给 moved from the end of （六） to the end of （五）.
        "moved 16． → 14．",
        "unchanged （六） → （六）",
        "renumbered 13． → 15．",
        "modified 14． → 16． [-省科技厅、-]",
        "renumbered 15． → 17．",
        "unchanged 三、 → 三、",
        "renumbered 17． → 18．",
        "renumbered 18． → 19．",
        "modified 19． → 20． {+坚持“好时不扰、难时出手”，+}",
    ];
    assert_eq!(rows, expected);
    let s = &d.summary;
    assert_eq!(
        (
            s.unchanged,
            s.renumbered,
            s.modified,
            s.moved,
            s.split,
            s.merged,
            s.added,
            s.deleted
        ),
        (16, 7, 7, 1, 1, 0, 4, 1)
    );
}

#[test]
fn the_split_row_places_each_insertion_in_its_new_item() {
    let d = diff();
    let split = d
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Split)
        .expect("split row");
    let inserted = split
        .hunks
        .iter()
        .find(|h| h.op == HunkOp::Insert)
        .expect("insertion");
    let pieces: Vec<(usize, &str)> = inserted
        .new
        .iter()
        .map(|p| (p.unit, p.text.as_str()))
        .collect();
    assert_eq!(
        pieces,
        [
            (0, "（省经济和信息化厅、省财政厅按职责分工负责）"),
            (1, "提升数字化转型能力。")
        ]
    );
    assert!(!split.renumbered && !split.moved);
}

#[test]
fn changed_figures_are_reported_with_their_clause() {
    let d = diff();
    let changes: Vec<String> = d
        .changes
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ChangeKind::FigureChanged | ChangeKind::FigureAdded | ChangeKind::FigureRemoved
            )
        })
        .map(|c| c.describe())
        .collect();
    assert_eq!(
        changes,
        [
            "figure_changed 到2025年实现专精特新企业梯队“3个倍增”: 2024年 → 2025年",
            "figure_changed 省级专精特新企业5000家以上: 4000家 → 5000家",
            "figure_changed 对省培育认定的专精特新冠军企业给予一次性奖补80万元: 50万元 → 80万元",
            "figure_added 最高500万元: ∅ → 500万元",
            "figure_changed 累计建设省级小微企业创业创新基地200个以上: 150个 → 200个",
        ]
    );
}
