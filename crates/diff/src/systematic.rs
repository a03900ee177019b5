//! Replacements made throughout a text (市场主体 → 经营主体, 股东大会 → 股东会).
//!
//! A 修订前后对照表 states such a change once at the top instead of in every row. A replacement is
//! systematic when the same short phrase is replaced by the same phrase, in the same surrounding
//! characters, in at least `min_rows` rows. The surrounding characters that nearly all
//! occurrences share are made part of the phrase, so that a character diff's `市场 → 经营` is
//! reported as the reader sees it, `市场主体 → 经营主体`.

use std::collections::{BTreeMap, BTreeSet};

use crate::inline::RowDiff;
use crate::model::Replacement;

/// Longest phrase (in characters, either side) considered for a systematic replacement.
const MAX_PHRASE: usize = 12;
/// Context characters considered on each side.
const CONTEXT: usize = 4;
/// Phrases shorter than this are too common to list where they remain (相关 is everywhere).
const REMAINING_MIN: usize = 3;
/// Share of occurrences that must share a context for it to become part of the phrase.
const CONTEXT_SHARE: f64 = 0.8;

struct Occurrence {
    row: usize,
    change: usize,
    left: String,
    right: String,
}

/// The context of `n` characters next to an occurrence (right: after it; left: before it).
fn context(o: &Occurrence, right: bool, n: usize) -> Option<String> {
    let ctx = if right { &o.right } else { &o.left };
    let chars: Vec<char> = ctx.chars().collect();
    if chars.len() < n {
        return None;
    }
    Some(if right {
        chars[..n].iter().collect()
    } else {
        chars[chars.len() - n..].iter().collect()
    })
}

/// Extend a context from `start` (`from` characters) one character at a time while at least
/// [`CONTEXT_SHARE`] of `occ` share the longer context.
fn extend(occ: &[&Occurrence], right: bool, start: String, from: usize) -> String {
    let mut best = start;
    for n in from + 1..=CONTEXT {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for o in occ {
            if let Some(c) = context(o, right, n) {
                let grows = if right {
                    c.starts_with(&best)
                } else {
                    c.ends_with(&best)
                };
                if grows {
                    *counts.entry(c).or_insert(0) += 1;
                }
            }
        }
        match counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        {
            Some((c, count)) if count as f64 >= CONTEXT_SHARE * occ.len() as f64 => best = c,
            _ => break,
        }
    }
    best
}

/// Systematic replacements among the changes of `rows` (row index, its diff), and for each row
/// the replacement each raw change is, if any. `remaining` lists, for a phrase, the units of the
/// new version still containing it.
pub(crate) fn find(
    rows: &[(usize, &RowDiff)],
    min_rows: usize,
    remaining: impl Fn(&str) -> Vec<String>,
) -> (Vec<Replacement>, BTreeMap<usize, Vec<Option<usize>>>) {
    let mut finder = Finder {
        min_rows,
        remaining,
        found: Vec::new(),
    };
    for ((old, new), occ) in occurrences(rows) {
        finder.replacements_of(&old, &new, &occ);
    }
    number(finder.found, rows)
}

/// Short changes by what they replace (old text, new text), each with where it was made: the
/// only changes that can be systematic.
fn occurrences(rows: &[(usize, &RowDiff)]) -> BTreeMap<(String, String), Vec<Occurrence>> {
    let mut by_pair: BTreeMap<(String, String), Vec<Occurrence>> = BTreeMap::new();
    for &(row, d) in rows {
        for (k, c) in d.changes.iter().enumerate() {
            let old = d.old.text(c.old.clone());
            let new = d.new.text(c.new.clone());
            let (lo, ln) = (old.chars().count(), new.chars().count());
            if lo > MAX_PHRASE || ln > MAX_PHRASE || old.contains('\n') || new.contains('\n') {
                continue;
            }
            if !old.chars().chain(new.chars()).any(char::is_alphanumeric) {
                continue;
            }
            by_pair.entry((old, new)).or_default().push(Occurrence {
                row,
                change: k,
                left: d.old.before(c.old.start, CONTEXT),
                right: d.old.after(c.old.end, CONTEXT),
            });
        }
    }
    by_pair
}

/// A replacement found, with the (row, change) occurrences it explains.
type Found = (Replacement, Vec<(usize, usize)>);

/// Most frequent first (then by phrase), numbered in that order; and each row's changes marked
/// with the number of the replacement they are.
fn number(
    mut found: Vec<Found>,
    rows: &[(usize, &RowDiff)],
) -> (Vec<Replacement>, BTreeMap<usize, Vec<Option<usize>>>) {
    found.sort_by(|a, b| b.0.count.cmp(&a.0.count).then(a.0.old.cmp(&b.0.old)));
    let mut marks: BTreeMap<usize, Vec<Option<usize>>> = rows
        .iter()
        .map(|&(row, d)| (row, vec![None; d.changes.len()]))
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for (idx, (rep, occ)) in found.into_iter().enumerate() {
        for (row, change) in occ {
            if let Some(slot) = marks.get_mut(&row).and_then(|m| m.get_mut(change)) {
                *slot = Some(idx);
            }
        }
        out.push(rep);
    }
    (out, marks)
}

/// The replacements found so far, with what deciding one needs.
struct Finder<R> {
    min_rows: usize,
    remaining: R,
    found: Vec<Found>,
}

impl<R: Fn(&str) -> Vec<String>> Finder<R> {
    /// The systematic replacements among the occurrences of one `old` → `new` change.
    fn replacements_of(&mut self, old: &str, new: &str, occ: &[Occurrence]) {
        let distinct: BTreeSet<usize> = occ.iter().map(|o| o.row).collect();
        if distinct.len() < self.min_rows {
            return;
        }
        // Bucket by the character that follows, then let each bucket grow the context its
        // occurrences share: 相→有 before 关部门 and 关行政 is 相关 → 有关; 市场→经营 before 主体 is
        // 市场主体 → 经营主体, and before 体系 another edit.
        let mut buckets: BTreeMap<String, Vec<&Occurrence>> = BTreeMap::new();
        for o in occ {
            buckets
                .entry(context(o, true, 1).unwrap_or_default())
                .or_default()
                .push(o);
        }
        let mut unassigned: Vec<&Occurrence> = Vec::new();
        for (first, bucket) in buckets {
            let rows: BTreeSet<usize> = bucket.iter().map(|o| o.row).collect();
            if first.is_empty() || rows.len() < self.min_rows {
                unassigned.extend(bucket);
                continue;
            }
            let right = extend(&bucket, true, first, 1);
            let (fits, rest): (Vec<&Occurrence>, Vec<&Occurrence>) = bucket
                .into_iter()
                .partition(|o| o.right.starts_with(&right));
            unassigned.extend(rest);
            let left = extend(&fits, false, String::new(), 0);
            let (kept, rest): (Vec<&Occurrence>, Vec<&Occurrence>) =
                fits.into_iter().partition(|o| o.left.ends_with(&left));
            if self.accept(old, new, left, right, &kept) {
                unassigned.extend(rest);
            } else {
                unassigned.extend(kept);
                unassigned.extend(rest);
            }
        }
        // What no shared context explains, when it is still frequent, is the bare replacement.
        let left = extend(&unassigned, false, String::new(), 0);
        let kept: Vec<&Occurrence> = unassigned
            .into_iter()
            .filter(|o| o.left.ends_with(&left))
            .collect();
        self.accept(old, new, left, String::new(), &kept);
    }

    /// Record `left old right` → `left new right` made at `kept` if it is in enough rows and
    /// means something; say whether it was.
    fn accept(
        &mut self,
        old: &str,
        new: &str,
        left: String,
        right: String,
        kept: &[&Occurrence],
    ) -> bool {
        let rows: BTreeSet<usize> = kept.iter().map(|o| o.row).collect();
        // An insertion or deletion means something only with the words around it.
        let bare = (old.is_empty() || new.is_empty()) && (left.is_empty() || right.is_empty());
        if rows.len() < self.min_rows || bare {
            return false;
        }
        let old_phrase = format!("{left}{old}{right}");
        let new_phrase = format!("{left}{new}{right}");
        let remaining = if old_phrase.chars().count() >= REMAINING_MIN {
            (self.remaining)(&old_phrase)
        } else {
            Vec::new()
        };
        self.found.push((
            Replacement {
                remaining,
                old: old_phrase,
                new: new_phrase,
                count: kept.len(),
                rows: rows.into_iter().collect(),
            },
            kept.iter().map(|o| (o.row, o.change)).collect::<Vec<_>>(),
        ));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::unit;
    use crate::inline::{diff_row, Side};
    use crate::model::UnitKind;
    use crate::token::TokenWords;

    #[test]
    fn a_replacement_made_in_three_rows_is_systematic_with_its_context() {
        let pairs = [
            ("激发市场主体活力。", "激发经营主体活力。"),
            ("保护市场主体合法权益。", "保护经营主体合法权益。"),
            ("为市场主体提供服务。", "为经营主体提供服务。"),
            ("完善市场体系。", "完善经营体系。"),
        ];
        let units: Vec<_> = pairs
            .iter()
            .map(|(o, n)| (unit(UnitKind::Item, "", o), unit(UnitKind::Item, "", n)))
            .collect();
        let diffs: Vec<RowDiff> = units
            .iter()
            .map(|(o, n)| {
                diff_row(
                    Side::new(vec![o], &[], TokenWords::bundled()),
                    Side::new(vec![n], &[], TokenWords::bundled()),
                    4000,
                )
            })
            .collect();
        let rows: Vec<(usize, &RowDiff)> = diffs.iter().enumerate().collect();
        let (reps, marks) = find(&rows, 3, |p| {
            if p == "市场主体" {
                vec!["第十条".to_owned()]
            } else {
                vec![]
            }
        });
        assert_eq!(reps.len(), 1);
        assert_eq!(
            (reps[0].old.as_str(), reps[0].new.as_str()),
            ("市场主体", "经营主体")
        );
        assert_eq!(reps[0].count, 3);
        assert_eq!(reps[0].rows, [0, 1, 2]);
        assert_eq!(reps[0].remaining, ["第十条"]);
        // 市场体系 → 经营体系 is another edit: not marked.
        assert_eq!(marks[&3], [None]);
        assert_eq!(marks[&0], [Some(0)]);
    }

    #[test]
    fn deletions_are_systematic_with_context_and_two_rows_are_not_enough() {
        let texts = [
            ("股东大会作出决议。", "股东会作出决议。"),
            ("召开股东大会。", "召开股东会。"),
            ("股东大会的职权。", "股东会的职权。"),
        ];
        let units: Vec<_> = texts
            .iter()
            .map(|(o, n)| (unit(UnitKind::Item, "", o), unit(UnitKind::Item, "", n)))
            .collect();
        let diffs: Vec<RowDiff> = units
            .iter()
            .map(|(o, n)| {
                diff_row(
                    Side::new(vec![o], &[], TokenWords::bundled()),
                    Side::new(vec![n], &[], TokenWords::bundled()),
                    4000,
                )
            })
            .collect();
        let rows: Vec<(usize, &RowDiff)> = diffs.iter().enumerate().collect();
        let (reps, _) = find(&rows, 3, |_| vec![]);
        let shown: Vec<(&str, &str, usize)> = reps
            .iter()
            .map(|r| (r.old.as_str(), r.new.as_str(), r.count))
            .collect();
        assert_eq!(shown, [("股东大会", "股东会", 3)]);
        let (reps, _) = find(&rows[..2], 3, |_| vec![]);
        assert!(reps.is_empty());
    }
}
