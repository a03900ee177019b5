//! One side of a row as tokens: the keys they are compared by, and the way back from token
//! ranges to text, document spans and the pieces a hunk shows.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::Piece;
use crate::token::{is_figure, tokenize, TokenWords};
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
pub(super) enum Key<'a> {
    Sep,
    Text(Cow<'a, [char]>),
}

/// One side of a row: its units' characters and tokens.
pub(crate) struct Side<'a> {
    pub units: Vec<&'a Unit>,
    pub chars: Vec<Vec<char>>,
    pub toks: Vec<Tok>,
    words: &'a TokenWords,
}

impl<'a> Side<'a> {
    /// `atoms[k]`: character ranges of unit `k` that must stay one token.
    pub fn new(
        units: Vec<&'a Unit>,
        atoms: &[Vec<Range<usize>>],
        words: &'a TokenWords,
    ) -> Side<'a> {
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
            toks.extend(tokenize(c, a, words).into_iter().map(|r| Tok {
                unit: k,
                start: r.start,
                end: r.end,
            }));
        }
        Side {
            units,
            chars,
            toks,
            words,
        }
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

    pub(super) fn keys(&self) -> Vec<Key<'_>> {
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

    pub(super) fn breaks_sentence(&self, r: Range<usize>) -> bool {
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
            t.unit != SEP && is_figure(&self.chars[t.unit], &(t.start..t.end), self.words)
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
    pub(super) fn pieces(&self, r: Range<usize>) -> Vec<Piece> {
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
