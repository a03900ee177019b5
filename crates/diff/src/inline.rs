//! Inserted and deleted phrases inside aligned units.
//!
//! The texts are cut into Chinese-aware tokens ([`crate::token`]) and diffed with `similar` in
//! two levels: sentences first (so that an unchanged sentence is never picked apart to match
//! letters of a rewritten one, and so that the cost stays proportional to the changed sentences),
//! then tokens inside each run of changed sentences. A run larger than
//! [`crate::Options::max_inline_tokens`] on both sides is reported as one replacement rather than
//! diffed token by token, which bounds the worst case.
//!
//! Raw changes are then grouped into readable phrases: two changes separated by at most
//! `merge_gap` unchanged characters (or by a few characters much shorter than the changes around
//! them) become one, as long as the gap does not cross a sentence end. Systematic replacements
//! ([`crate::systematic`]) are kept apart so they can be shown as such.

mod phrases;
mod row;
mod side;

pub(crate) use row::{diff_row, RowDiff};
pub(crate) use side::Side;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::unit;
    use crate::model::{Hunk, HunkOp, UnitKind};
    use crate::token::TokenWords;
    use policykg_read::Span;

    /// `[-old-]{+new+}` rendering of a one-unit row.
    fn marked(old: &str, new: &str) -> String {
        let uo = unit(UnitKind::Item, "", old);
        let un = unit(UnitKind::Item, "", new);
        let d = diff_row(
            Side::new(vec![&uo], &[], TokenWords::bundled()),
            Side::new(vec![&un], &[], TokenWords::bundled()),
            4000,
        );
        let hunks = d.hunks(&vec![None; d.changes.len()], 2);
        render(&un.text, &hunks)
    }

    /// The new text with `[-deleted-]{+inserted+}` marks (one-unit rows).
    fn render(new: &str, hunks: &[Hunk]) -> String {
        let new_chars: Vec<char> = new.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        for h in hunks {
            let at = h.new[0].span.start;
            out.extend(&new_chars[pos..at]);
            for p in h.old.iter().filter(|p| !p.text.is_empty()) {
                out.push_str(&format!("[-{}-]", p.text));
            }
            for p in h.new.iter().filter(|p| !p.text.is_empty()) {
                out.push_str(&format!("{{+{}+}}", p.text));
            }
            pos = h.new.last().map_or(at, |p| p.span.end);
        }
        out.extend(&new_chars[pos..]);
        out
    }

    #[test]
    fn numbers_change_whole() {
        assert_eq!(
            marked(
                "到2024年实现专精特新企业梯队“3个倍增”，即：省级专精特新企业4000家以上",
                "到2025年实现专精特新企业梯队“3个倍增”，即：省级专精特新企业5000家以上"
            ),
            "到[-2024年-]{+2025年+}实现专精特新企业梯队“3个倍增”，即：省级专精特新企业[-4000家-]{+5000家+}以上"
        );
    }

    #[test]
    fn nearby_edits_become_one_phrase() {
        // 市场主体 → 企业等经营主体: one replacement, not 市场 / 企业等经营 scattered.
        assert_eq!(
            marked(
                "以市场主体获得感为评价标准",
                "以企业等经营主体获得感为评价标准"
            ),
            "以[-市场-]{+企业等经营+}主体获得感为评价标准"
        );
        // Edits one character apart are grouped.
        assert_eq!(
            marked(
                "本市对标国际高标准投资贸易规则，推进贸易便利化，鼓励和促进外商投资",
                "本市对标国际高标准投资贸易规则，推进贸易便利化，支持和引导外资投资"
            ),
            "本市对标国际高标准投资贸易规则，推进贸易便利化，[-鼓励和促进外商-]{+支持和引导外资+}投资"
        );
        // A sentence rewritten beyond recognition is replaced whole, not picked apart.
        assert_eq!(
            marked("鼓励和促进外商投资。", "支持和引导外资投资。"),
            "[-鼓励和促进外商-]{+支持和引导外资+}投资。"
        );
    }

    #[test]
    fn deletions_are_anchored_in_the_new_text() {
        assert_eq!(
            marked(
                "激发市场主体活力，维护市场主体合法权益",
                "激发市场活力，维护市场主体合法权益"
            ),
            "激发市场[-主体-]活力，维护市场主体合法权益"
        );
        let uo = unit(UnitKind::Item, "", "甲乙丙");
        let un = unit(UnitKind::Item, "", "甲丙");
        let d = diff_row(
            Side::new(vec![&uo], &[], TokenWords::bundled()),
            Side::new(vec![&un], &[], TokenWords::bundled()),
            4000,
        );
        let h = d.hunks(&[None], 2);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].op, HunkOp::Delete);
        assert_eq!(
            (h[0].old[0].span, h[0].new[0].span),
            (Span::new(1, 2), Span::new(1, 1))
        );
    }

    #[test]
    fn agencies_are_replaced_whole() {
        assert_eq!(
            marked(
                "（省经济和信息化厅、省科技厅、省财政厅按职责分工负责）",
                "（省经济和信息化厅、省司法厅、省财政厅按职责分工负责）"
            ),
            "（省经济和信息化厅、[-省科技厅-]{+省司法厅+}、省财政厅按职责分工负责）"
        );
    }

    #[test]
    fn sentences_that_did_not_change_are_left_alone() {
        let old = "第一句没有变化。第二句的内容被彻底改写了。第三句也没有变化。";
        let new = "第一句没有变化。完全不同的一段新文字。第三句也没有变化。";
        assert_eq!(
            marked(old, new),
            "第一句没有变化。[-第二句的内容被彻底改写了-]{+完全不同的一段新文字+}。第三句也没有变化。"
        );
    }

    #[test]
    fn white_space_is_not_a_change() {
        let uo = unit(UnitKind::Heading, "", "总 则");
        let un = unit(UnitKind::Heading, "", "总则");
        let d = diff_row(
            Side::new(vec![&uo], &[], TokenWords::bundled()),
            Side::new(vec![&un], &[], TokenWords::bundled()),
            4000,
        );
        assert!(d.changes.is_empty());
    }

    #[test]
    fn splits_diff_against_the_concatenation() {
        let a = unit(
            UnitKind::Item,
            "6．",
            "推动企业上云上平台和数字化转型。引导企业上云。开展评估工作。",
        );
        let b1 = unit(UnitKind::Item, "6．", "推动企业上云上平台。引导企业上云。");
        let b2 = unit(UnitKind::Item, "7．", "提升数字化转型能力。开展评估工作。");
        let d = diff_row(
            Side::new(vec![&a], &[], TokenWords::bundled()),
            Side::new(vec![&b1, &b2], &[], TokenWords::bundled()),
            4000,
        );
        let hunks = d.hunks(&vec![None; d.changes.len()], 2);
        type Shown = (HunkOp, Vec<(usize, String)>, Vec<(usize, String)>);
        let shown: Vec<Shown> = hunks
            .iter()
            .map(|h| {
                (
                    h.op,
                    h.old.iter().map(|p| (p.unit, p.text.clone())).collect(),
                    h.new.iter().map(|p| (p.unit, p.text.clone())).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    HunkOp::Delete,
                    vec![(0, "和数字化转型".to_owned())],
                    vec![(0, String::new())]
                ),
                (
                    HunkOp::Insert,
                    vec![(0, String::new())],
                    vec![(1, "提升数字化转型能力。".to_owned())]
                ),
            ]
        );
    }
}
