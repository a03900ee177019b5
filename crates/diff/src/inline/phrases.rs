//! Raw token changes grouped into readable phrases (hunks): close changes merged unless a
//! sentence end lies between them; systematic replacements kept apart.

use std::ops::Range;

use super::row::{Raw, RowDiff};
use crate::model::{Hunk, HunkOp, Piece};

impl RowDiff<'_> {
    /// Group the raw changes into hunks. `systematic[k]` is the index of the systematic
    /// replacement raw change `k` is, if any.
    pub fn hunks(&self, systematic: &[Option<usize>], merge_gap: usize) -> Vec<Hunk> {
        // (old range, new range, systematic)
        let mut merged: Vec<(Range<usize>, Range<usize>, Option<usize>)> = Vec::new();
        for (k, c) in self.changes.iter().enumerate() {
            let sys = systematic.get(k).copied().flatten();
            if let Some(last) = merged.last_mut() {
                if sys.is_none() && last.2.is_none() && self.close(last, c, merge_gap) {
                    last.0.end = c.old.end;
                    last.1.end = c.new.end;
                    continue;
                }
            }
            merged.push((c.old.clone(), c.new.clone(), sys));
        }
        merged
            .into_iter()
            .map(|(o, n, sys)| {
                let old = self.old.pieces(o);
                let new = self.new.pieces(n);
                let blank = |p: &[Piece]| p.iter().all(|p| p.text.is_empty());
                let op = match (blank(&old), blank(&new)) {
                    (false, true) => HunkOp::Delete,
                    (true, false) => HunkOp::Insert,
                    _ => HunkOp::Replace,
                };
                Hunk {
                    op,
                    old,
                    new,
                    systematic: sys,
                }
            })
            .filter(|h| h.old.iter().chain(&h.new).any(|p| !p.text.is_empty()))
            .collect()
    }

    /// Whether change `c` is close enough to the (merged) change `last` to be one phrase.
    fn close(
        &self,
        last: &(Range<usize>, Range<usize>, Option<usize>),
        c: &Raw,
        merge_gap: usize,
    ) -> bool {
        let gap_old = last.0.end..c.old.start;
        // Adjacent changes were kept apart on purpose (a sentence replaced whole next to one
        // diffed in detail).
        if gap_old.is_empty() || self.old.breaks_sentence(gap_old.clone()) {
            return false;
        }
        let gap = self.old.len(gap_old);
        let size = |o: &Range<usize>, n: &Range<usize>| {
            self.old.len(o.clone()).max(self.new.len(n.clone()))
        };
        let around = size(&last.0, &last.1).min(size(&c.old, &c.new));
        gap <= merge_gap || (gap <= 4 && gap * 3 <= around)
    }
}
