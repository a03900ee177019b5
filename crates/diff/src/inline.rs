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

use std::borrow::Cow;
use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::model::{Hunk, HunkOp, Piece};
use crate::similarity::Shingles;
use crate::token::{is_figure, tokenize};
use crate::unit::Unit;
use policykg_read::Span;

/// A token of one side of a row: a character range of one of the row's units, or the separator
/// between two units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Index into the row's units; `SEP` for the separator.
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

const SEP: usize = usize::MAX;

/// The key a token is compared by: its characters without white space.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key<'a> {
    Sep,
    Text(Cow<'a, [char]>),
}

/// One side of a row: its units' characters and tokens.
pub(crate) struct Side<'a> {
    pub units: Vec<&'a Unit>,
    pub chars: Vec<Vec<char>>,
    pub toks: Vec<Tok>,
}

impl<'a> Side<'a> {
    /// `atoms[k]`: character ranges of unit `k` that must stay one token.
    pub fn new(units: Vec<&'a Unit>, atoms: &[Vec<Range<usize>>]) -> Side<'a> {
        let chars: Vec<Vec<char>> = units.iter().map(|u| u.text.chars().collect()).collect();
        let mut toks = Vec::new();
        for (k, c) in chars.iter().enumerate() {
            if k > 0 {
                toks.push(Tok {
                    unit: SEP,
                    start: 0,
                    end: 0,
                });
            }
            let no_atoms = Vec::new();
            let a = atoms.get(k).unwrap_or(&no_atoms);
            toks.extend(tokenize(c, a).into_iter().map(|r| Tok {
                unit: k,
                start: r.start,
                end: r.end,
            }));
        }
        Side { units, chars, toks }
    }

    fn key(&self, t: &Tok) -> Key<'_> {
        if t.unit == SEP {
            return Key::Sep;
        }
        let chars = &self.chars[t.unit][t.start..t.end];
        if chars.iter().any(|c| c.is_whitespace()) {
            Key::Text(Cow::Owned(
                chars
                    .iter()
                    .copied()
                    .filter(|c| !c.is_whitespace())
                    .collect(),
            ))
        } else {
            Key::Text(Cow::Borrowed(chars))
        }
    }

    fn keys(&self) -> Vec<Key<'_>> {
        self.toks.iter().map(|t| self.key(t)).collect()
    }

    /// Text of tokens `r`, units joined by a line break; characters between tokens of one unit
    /// (white space) are kept.
    pub fn text(&self, r: Range<usize>) -> String {
        let mut out = String::new();
        let mut prev: Option<Tok> = None;
        for t in &self.toks[r] {
            if t.unit == SEP {
                out.push('\n');
                prev = None;
                continue;
            }
            let from = match prev {
                Some(p) if p.unit == t.unit => p.end,
                _ => t.start,
            };
            out.extend(&self.chars[t.unit][from..t.end]);
            prev = Some(*t);
        }
        out
    }

    /// Number of characters of tokens `r` (separators count one).
    pub fn len(&self, r: Range<usize>) -> usize {
        self.toks[r]
            .iter()
            .map(|t| if t.unit == SEP { 1 } else { t.end - t.start })
            .sum()
    }

    fn breaks_sentence(&self, r: Range<usize>) -> bool {
        self.toks[r].iter().any(|t| {
            t.unit == SEP
                || matches!(
                    self.chars[t.unit][t.start..t.end],
                    ['。'] | ['；'] | ['！'] | ['？'] | ['\n']
                )
        })
    }

    /// Up to `n` characters of the token before `at` (white space skipped), or a line break at
    /// the start of the side or after a separator.
    pub fn before(&self, at: usize, n: usize) -> String {
        let mut out: Vec<char> = Vec::new();
        let mut k = at;
        while k > 0 && out.len() < n {
            k -= 1;
            let t = self.toks[k];
            if t.unit == SEP {
                break;
            }
            for &c in self.chars[t.unit][t.start..t.end].iter().rev() {
                if out.len() < n {
                    out.push(c);
                }
            }
        }
        out.iter().rev().collect()
    }

    /// Up to `n` characters from token `at` on.
    pub fn after(&self, at: usize, n: usize) -> String {
        let mut out = String::new();
        let mut count = 0;
        for t in &self.toks[at.min(self.toks.len())..] {
            if t.unit == SEP || count >= n {
                break;
            }
            for &c in &self.chars[t.unit][t.start..t.end] {
                if count < n {
                    out.push(c);
                    count += 1;
                }
            }
        }
        out
    }

    /// Figure tokens among `r`, as text.
    pub fn figures(&self, r: Range<usize>) -> Vec<(usize, String)> {
        r.filter(|&k| {
            let t = self.toks[k];
            t.unit != SEP && is_figure(&self.chars[t.unit], &(t.start..t.end))
        })
        .map(|k| {
            let t = self.toks[k];
            (k, self.chars[t.unit][t.start..t.end].iter().collect())
        })
        .collect()
    }

    /// Document span of token `k`.
    pub fn span(&self, k: usize) -> Option<Span> {
        let t = self.toks.get(k)?;
        let u = self.units.get(t.unit)?;
        Some(Span::new(u.span.start + t.start, u.span.start + t.end))
    }

    /// The clause around token `k`: from the punctuation before it to the punctuation after it.
    pub fn clause(&self, k: usize) -> String {
        let Some(t) = self.toks.get(k).filter(|t| t.unit != SEP) else {
            return String::new();
        };
        let c = &self.chars[t.unit];
        let stop = |ch: char| matches!(ch, '，' | '。' | '；' | '：' | '、' | '\n' | '（' | '）');
        let mut s = t.start;
        while s > 0 && !stop(c[s - 1]) && t.start - s < 40 {
            s -= 1;
        }
        let mut e = t.end;
        while e < c.len() && !stop(c[e]) && e - t.end < 40 {
            e += 1;
        }
        c[s..e].iter().collect()
    }

    /// An empty piece where tokens `at..` begin: right after the token before, so that a
    /// deletion is anchored where it was made in the other version.
    fn anchor(&self, at: usize) -> Vec<Piece> {
        let before = at
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .filter(|t| t.unit != SEP)
            .map(|t| (t.unit, t.end));
        let after = self
            .toks
            .get(at)
            .filter(|t| t.unit != SEP)
            .map(|t| (t.unit, t.start));
        let (unit, pos) = match before.or(after) {
            Some(x) => x,
            // Between two units: the start of the next one, else the end of the previous one.
            None => match self.toks[..at.min(self.toks.len())]
                .iter()
                .rev()
                .find(|t| t.unit != SEP)
            {
                _ if self.units.is_empty() => return Vec::new(),
                Some(t) => (t.unit, t.end),
                None => (0, 0),
            },
        };
        let base = self.units[unit].span.start;
        vec![Piece {
            unit,
            span: Span::new(base + pos, base + pos),
            text: String::new(),
        }]
    }

    /// Pieces (one per unit touched) of tokens `r`; an anchor when `r` is empty.
    fn pieces(&self, r: Range<usize>) -> Vec<Piece> {
        if r.is_empty() {
            return self.anchor(r.start);
        }
        let mut out: Vec<Piece> = Vec::new();
        let mut run: Option<(usize, usize, usize)> = None;
        let flush = |run: Option<(usize, usize, usize)>, out: &mut Vec<Piece>| {
            if let Some((u, s, e)) = run {
                let base = self.units[u].span.start;
                out.push(Piece {
                    unit: u,
                    span: Span::new(base + s, base + e),
                    text: self.chars[u][s..e].iter().collect(),
                });
            }
        };
        for t in &self.toks[r] {
            if t.unit == SEP {
                flush(run.take(), &mut out);
                continue;
            }
            run = match run {
                Some((u, s, _)) if u == t.unit => Some((u, s, t.end)),
                other => {
                    flush(other, &mut out);
                    Some((t.unit, t.start, t.end))
                }
            };
        }
        flush(run, &mut out);
        out
    }
}

/// A change: tokens `old` of the old side replaced by tokens `new` of the new side (either may
/// be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Raw {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// The token-level changes of a row.
pub(crate) struct RowDiff<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    pub changes: Vec<Raw>,
}

/// Split `keys` into sentences: each ends after 。；！？, a line break or a separator.
fn sentences(keys: &[Key]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, key) in keys.iter().enumerate() {
        let end = match key {
            Key::Sep => true,
            Key::Text(t) => matches!(t.as_ref(), ['。'] | ['；'] | ['！'] | ['？'] | ['\n']),
        };
        if end {
            out.push(start..k + 1);
            start = k + 1;
        }
    }
    if start < keys.len() {
        out.push(start..keys.len());
    }
    out
}

fn push_change(out: &mut Vec<Raw>, old: Range<usize>, new: Range<usize>) {
    if !(old.is_empty() && new.is_empty()) {
        out.push(Raw { old, new });
    }
}

/// A whole replacement of `old[o]` by `new[n]`, without the tokens both start or end with (the
/// 。 of two replaced sentences is not a change).
fn push_whole(out: &mut Vec<Raw>, old: &[Key], new: &[Key], o: Range<usize>, n: Range<usize>) {
    let (mut o, mut n) = (o, n);
    while !o.is_empty() && !n.is_empty() && old[o.start] == new[n.start] {
        o.start += 1;
        n.start += 1;
    }
    while !o.is_empty() && !n.is_empty() && old[o.end - 1] == new[n.end - 1] {
        o.end -= 1;
        n.end -= 1;
    }
    push_change(out, o, n);
}

/// Diff the token keys `old[o]` and `new[n]`, appending changes with absolute token ranges.
fn diff_tokens(
    old: &[Key],
    new: &[Key],
    o: Range<usize>,
    n: Range<usize>,
    max: usize,
    out: &mut Vec<Raw>,
) {
    if o.is_empty() || n.is_empty() || (o.len() > max && n.len() > max) {
        push_change(out, o, n);
        return;
    }
    for op in capture_diff_slices(Algorithm::Myers, &old[o.clone()], &new[n.clone()]) {
        let (tag, a, b) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            push_change(
                out,
                o.start + a.start..o.start + a.end,
                n.start + b.start..n.start + b.end,
            );
        }
    }
}

/// Sentences less alike than this (Dice coefficient of character bigrams) are shown as a whole
/// replacement rather than diffed character by character.
const SENTENCE_PAIR: f64 = 0.35;
/// Larger runs of changed sentences are diffed token by token without pairing.
const PAIRING_MAX: usize = 2500;

/// Character bigrams of a sentence; single characters for a short one (under 8 letters), whose
/// bigrams are too few to compare.
fn sentence_shingles(keys: &[Key], r: &Range<usize>) -> Shingles {
    let mut chars = Vec::new();
    for k in &keys[r.clone()] {
        if let Key::Text(t) = k {
            chars.extend(t.iter().filter(|c| c.is_alphanumeric()));
        }
    }
    Shingles::of(&chars, if chars.len() < 8 { 1 } else { 2 })
}

/// The heaviest in-order pairing of old sentences `a` with new sentences `b` by similarity.
fn pair_sentences(
    old: (&[Key], &[Range<usize>]),
    new: (&[Key], &[Range<usize>]),
) -> Option<Vec<(usize, usize)>> {
    let (p, q) = (old.1.len(), new.1.len());
    if p * q > PAIRING_MAX {
        return None;
    }
    let so: Vec<Shingles> = old.1.iter().map(|r| sentence_shingles(old.0, r)).collect();
    let sn: Vec<Shingles> = new.1.iter().map(|r| sentence_shingles(new.0, r)).collect();
    let sim = |x: usize, y: usize| {
        let s = so[x].dice(&sn[y]);
        (s >= SENTENCE_PAIR).then_some(s)
    };
    // best[x][y]: heaviest pairing of old[x..] with new[y..].
    let mut best = vec![vec![0.0f64; q + 1]; p + 1];
    for x in (0..p).rev() {
        for y in (0..q).rev() {
            let mut v = best[x + 1][y].max(best[x][y + 1]);
            if let Some(s) = sim(x, y) {
                v = v.max(s + best[x + 1][y + 1]);
            }
            best[x][y] = v;
        }
    }
    let (mut x, mut y, mut out) = (0, 0, Vec::new());
    while x < p && y < q {
        match sim(x, y) {
            Some(s) if (best[x][y] - (s + best[x + 1][y + 1])).abs() < 1e-12 => {
                out.push((x, y));
                x += 1;
                y += 1;
            }
            _ if best[x][y] == best[x + 1][y] => x += 1,
            _ => y += 1,
        }
    }
    Some(out)
}

/// Token-level changes between the units of a row (see the module documentation).
pub(crate) fn diff_row<'a>(old: Side<'a>, new: Side<'a>, max_tokens: usize) -> RowDiff<'a> {
    let ko = old.keys();
    let kn = new.keys();
    let so = sentences(&ko);
    let sn = sentences(&kn);
    let so_keys: Vec<&[Key]> = so.iter().map(|r| &ko[r.clone()]).collect();
    let sn_keys: Vec<&[Key]> = sn.iter().map(|r| &kn[r.clone()]).collect();
    let mut changes = Vec::new();
    // Token range of sentences `r` (an empty range where they would be).
    let tok_range = |s: &[Range<usize>], r: Range<usize>, len: usize| -> Range<usize> {
        if r.is_empty() {
            let at = s.get(r.start).map_or(len, |x| x.start);
            at..at
        } else {
            s[r.start].start..s[r.end - 1].end
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &so_keys, &sn_keys) {
        let (tag, a, b) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let whole = |a: Range<usize>, b: Range<usize>| {
            (tok_range(&so, a, ko.len()), tok_range(&sn, b, kn.len()))
        };
        if a.is_empty() || b.is_empty() {
            let (o, n) = whole(a, b);
            push_whole(&mut changes, &ko, &kn, o, n);
            continue;
        }
        let Some(pairs) = pair_sentences((&ko, &so[a.clone()]), (&kn, &sn[b.clone()])) else {
            let (o, n) = whole(a, b);
            diff_tokens(&ko, &kn, o, n, max_tokens, &mut changes);
            continue;
        };
        // Unpaired sentences are replaced whole; paired ones are diffed token by token.
        let (mut x, mut y) = (a.start, b.start);
        for (px, py) in pairs {
            let (px, py) = (a.start + px, b.start + py);
            let (o, n) = whole(x..px, y..py);
            push_whole(&mut changes, &ko, &kn, o, n);
            let (o, n) = whole(px..px + 1, py..py + 1);
            diff_tokens(&ko, &kn, o, n, max_tokens, &mut changes);
            x = px + 1;
            y = py + 1;
        }
        let (o, n) = whole(x..a.end, y..b.end);
        push_whole(&mut changes, &ko, &kn, o, n);
    }
    drop(so_keys);
    drop(sn_keys);
    RowDiff { old, new, changes }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::unit;
    use crate::model::UnitKind;

    /// `[-old-]{+new+}` rendering of a one-unit row.
    fn marked(old: &str, new: &str) -> String {
        let uo = unit(UnitKind::Item, "", old);
        let un = unit(UnitKind::Item, "", new);
        let d = diff_row(Side::new(vec![&uo], &[]), Side::new(vec![&un], &[]), 4000);
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
        let d = diff_row(Side::new(vec![&uo], &[]), Side::new(vec![&un], &[]), 4000);
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
        let d = diff_row(Side::new(vec![&uo], &[]), Side::new(vec![&un], &[]), 4000);
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
            Side::new(vec![&a], &[]),
            Side::new(vec![&b1, &b2], &[]),
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
