//! The draft for comment written from seed 001 (tests/fixtures/versions/001_zhengqiu.txt) against the
//! final text (seed 001): the exact expected diff, as tests/fixtures/versions/README.md lists the edits.

mod common;

use common::{diff_files, hunks};
use policykg_diff::{ChangeKind, Diff, HunkOp, Row, RowKind};

const DRAFT: &str = "tests/fixtures/versions/001_zhengqiu.txt";
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
        // （征求意见稿）: with the cover lines, the 文首与状态 rows come first.
        "deleted ¶2 → ",
        "unchanged ¶1 → ¶5",
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
        // The four cover lines added and the status line deleted are 文首与状态 rows, apart.
        (16, 7, 7, 1, 1, 0, 0, 0)
    );
    assert_eq!(s.front, 5);
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
fn targets_amounts_agencies_and_tasks_that_changed() {
    let d = diff();
    let changes: Vec<String> = d.changes.iter().map(|c| c.describe()).collect();
    assert_eq!(
        changes,
        [
            // （二）主要目标: 到2024年 → 到2025年 applies to all three targets of the sentence.
            // "…企业达500家" reaches a figure with no 以上 of its own: exactly, as the gold
            // annotates 达/达到 (corpus/gold/README.md).
            "target_changed 省级专精特新企业: 4000家以上（2024年） → 5000家以上（2025年）",
            "target_changed 国家级专精特新“小巨人”企业: 500家（2024年） → 500家（2025年）",
            "target_changed 国家级单项冠军企业: 50家（2024年） → 50家（2025年）",
            "amount_changed 省培育认定的专精特新冠军企业: 50万元 → 80万元",
            // The split: item 7 is the new task (item 6 kept the draft's lead sentence).
            "task_added 提升数字化转型能力。: ∅ → 二/（三）/7",
            // The draft's rate alone was not a money amount; with its cap it is one.
            "amount_added 省级按照项目设备购置额的10%给予奖补，最高500万元: ∅ → 10%，最高500万元",
            "agency_added 中国银行保险监督管理委员会安徽监管局: ∅ → support",
            "target_changed 省级小微企业创业创新基地: 150个以上（2025年） → 200个以上（2025年）",
            "agency_removed 安徽省科学技术厅: support → ∅",
        ]
    );
    // The figures of those edits are explained by the facts: none is reported again.
    assert!(d.changes.iter().all(|c| !matches!(
        c.kind,
        ChangeKind::FigureChanged | ChangeKind::FigureAdded | ChangeKind::FigureRemoved
    )));
    let first = &d.changes[0];
    let fields: Vec<(&str, Option<&str>, Option<&str>)> = first
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.old.as_deref(), f.new.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            ("value", Some("4000"), Some("5000")),
            ("year", Some("2024"), Some("2025"))
        ]
    );
    // Spans slice the texts of the two versions.
    let text = |rel: &str| -> Vec<char> {
        std::fs::read_to_string(common::root().join(rel))
            .expect("read")
            .chars()
            .collect()
    };
    let (old, new) = (text(DRAFT), text(FINAL));
    let slice = |t: &[char], s: policykg_read::Span| t[s.start..s.end].iter().collect::<String>();
    let added = d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::AgencyAdded)
        .expect("added");
    assert_eq!(slice(&new, added.new_span.expect("span")), "安徽银保监局");
    let removed = d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::AgencyRemoved)
        .expect("removed");
    assert_eq!(slice(&old, removed.old_span.expect("span")), "省科技厅");
    // Each change is on the row of its item.
    let rows: Vec<String> = d
        .changes
        .iter()
        .map(|c| policykg_diff::Row::label(&d.rows[c.row].new))
        .collect();
    assert_eq!(
        rows,
        [
            "（二）",
            "（二）",
            "（二）",
            "2．",
            "6．、7．",
            "8．",
            "9．",
            "13．",
            "16．"
        ]
    );
}
