//! The two-level diff of a row: sentences first, then tokens inside the runs of changed
//! sentences that pair up by similarity; the rest replaced whole.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::side::{Key, Side};
use crate::similarity::Shingles;

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

/// Token-level changes between the units of a row (see [`crate::inline`]).
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
