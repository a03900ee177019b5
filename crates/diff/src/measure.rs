//! An evaluation instrument, not part of the comparison: how many of the old version's clauses
//! whose content is still in the new version the diff paired with the clause that carries it.
//!
//! The oracle knows nothing of the aligner. An old clause (a paragraph, 款, of an article, item
//! or paragraph unit; not a heading, a preamble or closing line) *reappears* when the character
//! bigrams of its text
//! (white space, punctuation and heading numbers left out, full width folded) are, to at least
//! [`REAPPEARS`], in one new unit or in a run of up to [`RUN_MAX`] adjacent new units (a split).
//! The diff *pairs* it when the row of its unit holds new units whose bigrams contain it to the
//! same share (unchanged, renumbered, modified, moved, split and merged rows; never a deletion
//! plus an addition). A paired old unit is paired *wrongly* when the row's new units contain less
//! than [`WRONG_BELOW`] of it and none of its clauses: they do not carry its content.
//!
//! Thresholds, chosen by reading the real pairs of `corpus/` and `corpus-dev` (see
//! docs/benchmarks.md): a carried article that gained a clause or lost a sentence keeps 0.7–1.0
//! of its bigrams; an article rewritten on the same subject (市和区、县人民政府应当… →
//! 市、区人民政府应当…) keeps 0.55–0.75; two different articles of one regulation share
//! 0.1–0.35 (the regulation's common words: 本市, 人民政府, 有关部门, 应当).

use std::collections::HashSet;

use policykg_outline::numbering::number_at;

use crate::model::{Diff, UnitKind};
use crate::unit::Unit;

/// Share of an old clause's bigrams that must be found for its content to reappear.
pub const REAPPEARS: f64 = 0.6;
/// Below this share in its partner, a paired clause is paired wrongly.
pub const WRONG_BELOW: f64 = 0.3;
/// Paragraphs with fewer bigrams than this are not clauses of their own: list fragments such
/// as （七）支持科学技术普及 are found word for word in unrelated articles of the same law.
pub const CLAUSE_MIN: usize = 8;
/// Longest run of adjacent new units a clause may have been split into.
pub const RUN_MAX: usize = 4;
/// A unit of a run must hold at least this share of the clause...
const RUN_PART: f64 = 0.1;
/// ...and the units after the first must be made of the clause to this share (their own
/// bigrams found in it).
const SPLIT_PART: f64 = 0.5;

/// The figures of one version pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measure {
    /// Old clauses (the paragraphs of articles, items and paragraph units) with text.
    pub old_clauses: usize,
    /// Of those, how many reappear in the new version.
    pub reappearing: usize,
    /// Of the reappearing ones, how many the diff paired with units that contain them.
    pub paired: usize,
    /// Old units the diff paired with new units that do not carry their content.
    pub wrong: usize,
    /// One line per clause that reappears but is not paired, and per wrong pair: for reading.
    pub misses: Vec<String>,
    /// Every old clause: label, best share found in the new version, share in its row's new
    /// units (`None`: deleted), and the start of its text; for choosing the thresholds.
    pub clauses: Vec<(String, f64, Option<f64>, String)>,
}

impl Measure {
    /// `paired / reappearing` (1 when nothing reappears).
    pub fn share(&self) -> f64 {
        if self.reappearing == 0 {
            1.0
        } else {
            self.paired as f64 / self.reappearing as f64
        }
    }
}

/// The oracle's comparison key of a text: letters and digits, full width folded, Latin lower
/// case, white space and punctuation out, and heading numbers (第 1 条, 二 、, （三）) out
/// wherever a clause may start (the start, after punctuation or a line break).
pub fn normalise(text: &str) -> Vec<char> {
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| policykg_text::fold::fold_width(c).to_ascii_lowercase())
        .collect();
    let mut out = Vec::with_capacity(squeezed.len() / 3);
    let mut at_start = true;
    let mut rest = squeezed.as_str();
    while let Some(c) = rest.chars().next() {
        if at_start {
            if let Some(n) = number_at(rest) {
                rest = &rest[n.len..];
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        if c.is_alphanumeric() {
            out.push(c);
            at_start = false;
        } else {
            at_start = true;
        }
    }
    out
}

/// The set of character bigrams of a normalised text (one "bigram" of a lone character).
pub fn bigrams(chars: &[char]) -> HashSet<(char, char)> {
    if chars.len() == 1 {
        return HashSet::from([(chars[0], '\0')]);
    }
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn contained(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|g| b.contains(g)).count() as f64 / a.len() as f64
}

fn is_clause(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Article | UnitKind::Item | UnitKind::Paragraph
    )
}

/// Best share of `a` found in one new unit or a run of adjacent ones, and the run.
fn best_in_runs(
    a: &HashSet<(char, char)>,
    new: &[HashSet<(char, char)>],
) -> (f64, std::ops::Range<usize>) {
    let mut best = (0.0f64, 0..0);
    for start in 0..new.len() {
        if contained(a, &new[start]) < RUN_PART {
            continue;
        }
        let mut union = HashSet::new();
        for (k, next) in new.iter().enumerate().skip(start).take(RUN_MAX) {
            // The parts of a split are made of the clause: a neighbour that merely shares the
            // text's common words does not extend the run.
            let part = contained(next, a) >= SPLIT_PART || k == start;
            if contained(a, next) < RUN_PART || !part {
                break;
            }
            union.extend(next.iter().copied());
            let share = contained(a, &union);
            // A longer run must add something to be preferred.
            if share > best.0 + 1e-9 {
                best = (share, start..k + 1);
            }
        }
    }
    best
}

/// Measure `diff`, the comparison of `old` units with `new` units.
pub fn measure(old: &[Unit], new: &[Unit], diff: &Diff) -> Measure {
    let grams = |t: &str| bigrams(&normalise(t));
    // Headings are where clauses sit, not what carries them.
    let new_grams: Vec<HashSet<(char, char)>> = new
        .iter()
        .map(|u| {
            if u.kind == UnitKind::Heading {
                HashSet::new()
            } else {
                grams(&u.text)
            }
        })
        .collect();
    // Each old unit's row: the new units it was put with.
    let mut partners: Vec<Option<Vec<usize>>> = vec![None; old.len()];
    for r in &diff.rows {
        for u in &r.old {
            if let Some(p) = partners.get_mut(u.index) {
                *p = Some(r.new.iter().map(|n| n.index).collect());
            }
        }
    }
    let mut m = Measure::default();
    for (i, u) in old.iter().enumerate() {
        let whole = grams(&u.text);
        if !is_clause(u.kind) || whole.is_empty() {
            continue;
        }
        let label = label_of(old, i);
        let partner = partners[i].as_deref().unwrap_or(&[]);
        let row: Option<HashSet<(char, char)>> = (!partner.is_empty()).then(|| {
            partner
                .iter()
                .filter_map(|&j| new_grams.get(j))
                .flatten()
                .copied()
                .collect()
        });
        if let Some(row) = &row {
            let there = contained(&whole, row);
            // Right when the partner carries the unit, or one of its paragraphs whole.
            let kept = u
                .text
                .lines()
                .map(grams)
                .any(|p| p.len() >= CLAUSE_MIN && contained(&p, row) >= REAPPEARS);
            if there < WRONG_BELOW && !kept {
                m.wrong += 1;
                let to: Vec<String> = partner.iter().map(|&j| label_of(new, j)).collect();
                m.misses.push(format!(
                    "wrong    {label} → {}: {there:.2} of it there: {}",
                    to.join("+"),
                    excerpt(&u.text)
                ));
            }
        }
        // Each paragraph (款) of the unit is a clause of its own: an article is often carried
        // in part, one paragraph kept and another rewritten or moved elsewhere.
        let paragraphs: Vec<&str> = u
            .text
            .lines()
            .filter(|l| grams(l).len() >= CLAUSE_MIN)
            .collect();
        for (k, text) in paragraphs.iter().enumerate() {
            let a = grams(text);
            let label = if paragraphs.len() > 1 {
                format!("{label}¶{}", k + 1)
            } else {
                label.clone()
            };
            m.old_clauses += 1;
            let in_row = row.as_ref().map(|row| contained(&a, row));
            let (best, run) = best_in_runs(&a, &new_grams);
            let run_label: Vec<String> = run.map(|j| label_of(new, j)).collect();
            m.clauses.push((
                label.clone(),
                best,
                in_row,
                format!("[in {}] {}", run_label.join("+"), excerpt(text)),
            ));
            if best < REAPPEARS {
                continue;
            }
            m.reappearing += 1;
            if in_row.is_some_and(|s| s >= REAPPEARS) {
                m.paired += 1;
            } else {
                m.misses.push(format!(
                    "unpaired {label} ({best:.2} in {}, {} in its row): {}",
                    run_label.join("+"),
                    in_row.map_or("nothing".to_owned(), |s| format!("{s:.2}")),
                    excerpt(text)
                ));
            }
        }
    }
    m
}

fn label_of(units: &[Unit], k: usize) -> String {
    let u = &units[k];
    if u.number.is_empty() {
        format!("¶{}", k + 1)
    } else {
        u.number.trim().to_owned()
    }
}

fn excerpt(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = one.chars().take(40).collect();
    if one.chars().count() > 40 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_drops_space_numbers_and_punctuation() {
        let n: String = normalise("第 1 条 本办法适用于 本市。二 、国有划拨建 设用地：（三）转让")
            .into_iter()
            .collect();
        assert_eq!(n, "本办法适用于本市国有划拨建设用地转让");
        // A number inside a sentence is text.
        let n: String = normalise("补贴第1条道路").into_iter().collect();
        assert_eq!(n, "补贴第1条道路");
    }

    #[test]
    fn runs_find_a_split_clause() {
        let g = |t: &str| bigrams(&normalise(t));
        let old = g("推动企业上云上平台。提升数字化转型能力");
        let new = [
            g("推动企业上云上平台。"),
            g("提升数字化转型能力。"),
            g("营造良好环境"),
        ];
        assert!(contained(&old, &new[0]) < REAPPEARS);
        let (share, run) = best_in_runs(&old, &new);
        assert!((share - 16.0 / 17.0).abs() < 1e-9);
        assert_eq!(run, 0..2);
    }
}
