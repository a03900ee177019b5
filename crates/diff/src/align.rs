//! Which unit of the old version became which unit of the new one.
//!
//! 1. **Profiles.** Each unit becomes a set of hashed character trigrams (bigrams for headings,
//!    which are short), and each of its sentences a set of its own.
//! 2. **Candidates.** An inverted index from shingle to old units proposes, for every new unit,
//!    the old units sharing the most shingles (shingles found in more than [`POSTING_CAP`] units
//!    are too common to discriminate and are skipped), plus old units with the same text and the
//!    units at the same relative position. Only these few candidates are scored exactly (Dice
//!    coefficient and containment of the shingle sets). Cost: linear in the text, never
//!    units × units or characters × characters.
//! 3. **In-order alignment.** The heaviest chain of candidate pairs increasing in both versions
//!    (a weighted longest increasing subsequence, `O(P log P)` for `P` candidate pairs) keeps
//!    the order of the text where it can. A pair is a candidate for the chain only if it is not
//!    much weaker than the best pair of either unit, so that a unit moved far away is not tied
//!    to a weak look-alike in its old place.
//! 4. **Moved units.** The units left over are matched by an optimal assignment (Hungarian
//!    algorithm, `pathfinding::kuhn_munkres`) within each connected group of candidate pairs;
//!    a pair that does not fit the order of the chain is *moved*.
//! 5. **Splits and merges.** An unmatched new unit that took clauses from an old unit (which its
//!    partner did not keep) was split off it; an unmatched old unit whose clauses went into a new
//!    unit matched to another old unit was merged into it. Both can happen to one group (text
//!    reorganised across several units).

use std::collections::{BTreeMap, HashMap};

use crate::similarity::{significant, Shingles};
use crate::unit::Unit;
use crate::{Candidates, Options};

/// Shingles found in more old units than this are skipped when proposing candidates.
pub const POSTING_CAP: usize = 48;
/// Candidates proposed per new unit by shared shingles.
const TOP_K: usize = 8;
/// Clauses shorter than this many shingles are not traced (too likely to be boilerplate).
const CLAUSE_MIN: usize = 4;
/// A clause counts as carried into another unit when this share of its shingles is there...
const SENTENCE_IN: f64 = 0.6;
/// ...and as left out of a unit when less than this share is.
const SENTENCE_OUT: f64 = 0.3;
/// Shingles of carried clauses needed to call a unit split or merged.
const CARRIED_MIN: usize = 15;
/// Paragraphs shorter than this many shingles do not tie two units (list items, 从其规定).
const PARAGRAPH_MIN: usize = 10;
/// A paragraph counts as kept in a unit when this share of its shingles is there (both units
/// being otherwise unmatched, a paragraph half of which is word for word there is the same
/// provision reworded).
const PARAGRAPH_IN: f64 = 0.5;
/// Larger groups of leftover candidates are matched greedily instead of optimally.
const ASSIGNMENT_MAX: usize = 40_000;

/// A unit prepared for comparison.
pub(crate) struct Profile {
    pub shingles: Shingles,
    /// One set per clause (split at 。；！？，： and line breaks) of at least [`CLAUSE_MIN`]
    /// shingles: what is traced when text moves between units.
    pub sentences: Vec<Shingles>,
    pub heading: bool,
    /// A cover-notice or status line: paired only with another.
    pub front: bool,
    /// One set per paragraph (款) of at least [`PARAGRAPH_MIN`] shingles, when the unit has
    /// several: what ties a rewritten article to the one paragraph it kept.
    pub paragraphs: Vec<Shingles>,
    /// Hash of the letters and digits: equal texts (up to punctuation and space) share it.
    pub key: u64,
}

impl Profile {
    pub fn of(unit: &Unit) -> Profile {
        let heading = unit.kind.is_heading();
        let sig = significant(&unit.text);
        let k = if heading { 2 } else { 3 };
        let sentences = unit
            .text
            .split(['。', '；', '！', '？', '\n', ';', '!', '?', '，', ',', '：'])
            .map(|s| Shingles::of(&significant(s), 3))
            .filter(|s| s.len() >= CLAUSE_MIN)
            .collect();
        let key = sig.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &c| {
            (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let lines: Vec<&str> = unit.text.lines().collect();
        let paragraphs = if lines.len() > 1 && !heading {
            lines
                .iter()
                .map(|l| Shingles::of(&significant(l), 3))
                .filter(|s| s.len() >= PARAGRAPH_MIN)
                .collect()
        } else {
            Vec::new()
        };
        Profile {
            shingles: Shingles::of(&sig, k),
            sentences,
            heading,
            front: unit.front,
            paragraphs,
            key,
        }
    }
}

/// Units of the two versions that correspond.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Group {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// Out of the order of the in-order chain.
    pub moved: bool,
}

#[derive(Debug, Clone, Copy)]
struct Pair {
    i: usize,
    j: usize,
    weight: f64,
}

/// Score of a candidate pair, or `None` when the two are not alike enough to be one unit.
fn score(a: &Profile, b: &Profile, options: &Options) -> Option<f64> {
    if a.heading != b.heading || a.front != b.front {
        return None;
    }
    if a.key == b.key && !a.shingles.is_empty() {
        return Some(1.0);
    }
    let common = a.shingles.common(&b.shingles);
    if common == 0 {
        return None;
    }
    let dice = 2.0 * common as f64 / (a.shingles.len() + b.shingles.len()) as f64;
    let smaller = a.shingles.len().min(b.shingles.len());
    let contained = common as f64 / smaller as f64;
    if dice >= options.min_similarity {
        Some(dice.max(contained * 0.5))
    } else if smaller >= 10 && contained >= 0.6 {
        // A unit that grew a lot (or shrank to a part of itself) is still the same unit.
        Some(contained * 0.5)
    } else {
        None
    }
}

/// Old units proposed for each new unit (not yet scored).
fn propose(old: &[Profile], new: &[Profile], options: &Options) -> Vec<Vec<usize>> {
    let (n, m) = (old.len(), new.len());
    if options.candidates == Candidates::AllPairs {
        return (0..m).map(|_| (0..n).collect()).collect();
    }
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, p) in old.iter().enumerate() {
        for &h in &p.shingles.0 {
            postings.entry(h).or_default().push(i as u32);
        }
    }
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in old.iter().enumerate() {
        by_key.entry(p.key).or_default().push(i);
    }
    let mut hits = vec![0u32; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(m);
    for (j, p) in new.iter().enumerate() {
        for &h in &p.shingles.0 {
            if let Some(list) = postings.get(&h) {
                if list.len() > POSTING_CAP {
                    continue;
                }
                for &i in list {
                    let i = i as usize;
                    if hits[i] == 0 {
                        touched.push(i);
                    }
                    hits[i] += 1;
                }
            }
        }
        touched.sort_unstable_by_key(|&i| (std::cmp::Reverse(hits[i]), i));
        let mut cands: Vec<usize> = touched.iter().copied().take(TOP_K).collect();
        for &i in &touched {
            hits[i] = 0;
        }
        touched.clear();
        // Same text (the postings of very common texts may all have been skipped).
        // (Ascending; only the few nearest the same relative position, so that a text made of
        // thousands of identical lines stays linear.)
        if let Some(same) = by_key.get(&p.key) {
            let here = j * n / m.max(1);
            let at = same.partition_point(|&i| i < here);
            let from = at.saturating_sub(TOP_K / 2);
            cands.extend(same[from..(from + TOP_K).min(same.len())].iter().copied());
        }
        // The same relative position, for short units whose shingles are all common.
        if n > 0 {
            let here = j * n / m.max(1);
            cands.extend(here.saturating_sub(2)..(here + 3).min(n));
        }
        cands.sort_unstable();
        cands.dedup();
        out.push(cands);
    }
    out
}

/// Heaviest chain of pairs strictly increasing in both `i` and `j`.
fn heaviest_chain(pairs: &[Pair], m: usize) -> Vec<Pair> {
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    // Within one old unit, later new units first, so that one `i` cannot chain twice.
    order.sort_by_key(|&p| (pairs[p].i, std::cmp::Reverse(pairs[p].j)));
    // Fenwick tree over j of (best chain weight ending at j, pair index).
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); m + 1];
    let mut best = vec![(0.0f64, usize::MAX); pairs.len()];
    for &p in &order {
        let j = pairs[p].j;
        // Best chain ending at a new unit before j.
        let mut q = j;
        let mut prev = (0.0, usize::MAX);
        while q > 0 {
            if tree[q].0 > prev.0 {
                prev = tree[q];
            }
            q &= q - 1;
        }
        let total = prev.0 + pairs[p].weight;
        best[p] = (total, prev.1);
        let mut q = j + 1;
        while q <= m {
            if total > tree[q].0 {
                tree[q] = (total, p);
            }
            q += q & q.wrapping_neg();
        }
    }
    let mut end = usize::MAX;
    let mut top = 0.0;
    for (p, &(w, _)) in best.iter().enumerate() {
        if w > top {
            top = w;
            end = p;
        }
    }
    let mut chain = Vec::new();
    while end != usize::MAX {
        chain.push(pairs[end]);
        end = best[end].1;
    }
    chain.reverse();
    chain
}

/// Optimal one-to-one matching of leftover pairs, per connected group of candidates.
fn assign(pairs: &[Pair]) -> Vec<Pair> {
    // Connected components over old (i) and new (j) units.
    let mut parent: HashMap<(bool, usize), (bool, usize)> = HashMap::new();
    fn find(parent: &mut HashMap<(bool, usize), (bool, usize)>, x: (bool, usize)) -> (bool, usize) {
        let mut root = x;
        while let Some(&p) = parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        let mut cur = x;
        while cur != root {
            let next = parent.get(&cur).copied().unwrap_or(root);
            parent.insert(cur, root);
            cur = next;
        }
        root
    }
    for p in pairs {
        let a = find(&mut parent, (false, p.i));
        let b = find(&mut parent, (true, p.j));
        parent.entry(a).or_insert(a);
        parent.entry(b).or_insert(b);
        if a != b {
            parent.insert(a, b);
        }
    }
    let mut components: BTreeMap<(bool, usize), Vec<Pair>> = BTreeMap::new();
    for p in pairs {
        let root = find(&mut parent, (false, p.i));
        components.entry(root).or_default().push(*p);
    }
    let mut out = Vec::new();
    for (_, comp) in components {
        let mut rows: Vec<usize> = comp.iter().map(|p| p.i).collect();
        let mut cols: Vec<usize> = comp.iter().map(|p| p.j).collect();
        rows.sort_unstable();
        rows.dedup();
        cols.sort_unstable();
        cols.dedup();
        if rows.len() * cols.len() > ASSIGNMENT_MAX {
            out.extend(greedy(&comp));
            continue;
        }
        let transpose = rows.len() > cols.len();
        let (r, c) = if transpose {
            (&cols, &rows)
        } else {
            (&rows, &cols)
        };
        let mut weights = pathfinding::matrix::Matrix::new(r.len(), c.len(), 0i64);
        for p in &comp {
            let (x, y) = if transpose { (p.j, p.i) } else { (p.i, p.j) };
            let (Ok(x), Ok(y)) = (r.binary_search(&x), c.binary_search(&y)) else {
                continue;
            };
            weights[(x, y)] = (p.weight * 1_000_000.0).round() as i64;
        }
        let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&weights);
        for (x, &y) in assignment.iter().enumerate() {
            if weights[(x, y)] <= 0 {
                continue;
            }
            let (i, j) = if transpose {
                (c[y], r[x])
            } else {
                (r[x], c[y])
            };
            if let Some(p) = comp.iter().find(|p| p.i == i && p.j == j) {
                out.push(*p);
            }
        }
    }
    out
}

fn greedy(pairs: &[Pair]) -> Vec<Pair> {
    let mut sorted = pairs.to_vec();
    sorted.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.i.cmp(&b.i))
            .then(a.j.cmp(&b.j))
    });
    let mut used_i = std::collections::HashSet::new();
    let mut used_j = std::collections::HashSet::new();
    sorted
        .into_iter()
        .filter(|p| {
            if used_i.contains(&p.i) || used_j.contains(&p.j) {
                return false;
            }
            used_i.insert(p.i);
            used_j.insert(p.j);
            true
        })
        .collect()
}

/// Whether `(i, j)` fits between the chain's pairs.
fn fits(chain: &BTreeMap<usize, usize>, i: usize, j: usize) -> bool {
    let before = chain.range(..i).next_back().is_none_or(|(_, &pj)| pj < j);
    let after = chain.range(i + 1..).next().is_none_or(|(_, &nj)| nj > j);
    before && after
}

/// Shingles of `a`'s sentences that are in `into` and not in `kept` (the unit `a` stayed as).
fn carried(a: &Profile, into: &Profile, kept: Option<&Profile>) -> usize {
    a.sentences
        .iter()
        .filter(|s| s.containment_in(&into.shingles) >= SENTENCE_IN)
        .filter(|s| kept.is_none_or(|k| s.containment_in(&k.shingles) < SENTENCE_OUT))
        .map(Shingles::len)
        .sum()
}

/// Align the units of two versions (see the module documentation).
pub(crate) fn align(
    old: &[Unit],
    new: &[Unit],
    options: &Options,
) -> (Vec<Group>, Vec<Profile>, Vec<Profile>) {
    let po: Vec<Profile> = old.iter().map(Profile::of).collect();
    let pn: Vec<Profile> = new.iter().map(Profile::of).collect();
    let groups = align_profiles(&po, &pn, options);
    (groups, po, pn)
}

/// The alignment steps of the module documentation, in order, on prepared units.
fn align_profiles(po: &[Profile], pn: &[Profile], options: &Options) -> Vec<Group> {
    let proposed = propose(po, pn, options);
    let pairs = scored_pairs(po, pn, &proposed, options);
    let mut matching = Matching::in_order(&pairs, po.len(), pn.len());
    matching.match_leftovers(&pairs);
    matching.find_splits(po, pn, &proposed);
    matching.find_merges(po, pn, &old_candidates(&proposed, po.len()));
    matching.find_kept_paragraphs(po, pn, &proposed);
    matching.into_groups()
}

/// Candidate pairs alike enough to be one unit, with their score: the only pairs ever matched.
fn scored_pairs(
    po: &[Profile],
    pn: &[Profile],
    proposed: &[Vec<usize>],
    options: &Options,
) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (j, cands) in proposed.iter().enumerate() {
        for &i in cands {
            if let Some(weight) = score(&po[i], &pn[j], options) {
                pairs.push(Pair { i, j, weight });
            }
        }
    }
    pairs
}

/// New units proposed for each old unit: the reverse of `proposed`, to look for merges.
fn old_candidates(proposed: &[Vec<usize>], n: usize) -> Vec<Vec<usize>> {
    let mut old_candidates: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (j, cands) in proposed.iter().enumerate() {
        for &i in cands {
            old_candidates[i].push(j);
        }
    }
    old_candidates
}

/// The alignment being built up, step by step, before it is cut into groups.
struct Matching {
    /// In-order pairs, old unit → new unit: what decides whether a later pair is moved.
    chain: BTreeMap<usize, usize>,
    old_to_new: Vec<Option<usize>>,
    new_to_old: Vec<Option<usize>>,
    /// Old units matched out of the chain's order.
    moved: Vec<bool>,
    /// New units split off each old unit, besides its partner.
    extra_new: Vec<Vec<usize>>,
    /// Old units merged into each new unit, besides its partner.
    extra_old: Vec<Vec<usize>>,
}

impl Matching {
    /// Start from the heaviest in-order chain of the pairs not much weaker than the best pair of
    /// either unit, so that a unit moved far away is not tied to a weak look-alike in its old place.
    fn in_order(pairs: &[Pair], n: usize, m: usize) -> Matching {
        let mut best_i = vec![0.0f64; n];
        let mut best_j = vec![0.0f64; m];
        for p in pairs {
            best_i[p.i] = best_i[p.i].max(p.weight);
            best_j[p.j] = best_j[p.j].max(p.weight);
        }
        let strong: Vec<Pair> = pairs
            .iter()
            .copied()
            .filter(|p| p.weight >= 0.5 * best_i[p.i] && p.weight >= 0.5 * best_j[p.j])
            .collect();
        let chain: BTreeMap<usize, usize> = heaviest_chain(&strong, m)
            .into_iter()
            .map(|p| (p.i, p.j))
            .collect();
        let mut old_to_new: Vec<Option<usize>> = vec![None; n];
        let mut new_to_old: Vec<Option<usize>> = vec![None; m];
        for (&i, &j) in &chain {
            old_to_new[i] = Some(j);
            new_to_old[j] = Some(i);
        }
        Matching {
            chain,
            old_to_new,
            new_to_old,
            moved: vec![false; n],
            extra_new: vec![Vec::new(); n],
            extra_old: vec![Vec::new(); m],
        }
    }

    /// Leftovers: optimal assignment; those that fit the chain join it, the others moved.
    fn match_leftovers(&mut self, pairs: &[Pair]) {
        let leftovers: Vec<Pair> = pairs
            .iter()
            .copied()
            .filter(|p| self.old_to_new[p.i].is_none() && self.new_to_old[p.j].is_none())
            .collect();
        let mut assigned = assign(&leftovers);
        assigned.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.i.cmp(&b.i)));
        let mut late = Vec::new();
        for p in assigned {
            if fits(&self.chain, p.i, p.j) {
                self.chain.insert(p.i, p.j);
            } else {
                late.push(p);
            }
            self.old_to_new[p.i] = Some(p.j);
            self.new_to_old[p.j] = Some(p.i);
        }
        for p in &late {
            self.moved[p.i] = true;
        }
    }

    /// Splits: an unmatched new unit carrying sentences of an old unit that its partner dropped.
    fn find_splits(&mut self, po: &[Profile], pn: &[Profile], proposed: &[Vec<usize>]) {
        for j in 0..pn.len() {
            if self.new_to_old[j].is_some() || pn[j].heading {
                continue;
            }
            let best = proposed[j]
                .iter()
                .filter(|&&i| !po[i].heading && po[i].front == pn[j].front)
                .map(|&i| {
                    let kept = self.old_to_new[i].map(|k| &pn[k]);
                    (carried(&po[i], &pn[j], kept), i)
                })
                .filter(|&(c, _)| c >= CARRIED_MIN)
                .max_by_key(|&(c, i)| (c, std::cmp::Reverse(i)));
            if let Some((_, i)) = best {
                match self.old_to_new[i] {
                    Some(_) => self.extra_new[i].push(j),
                    None => {
                        self.old_to_new[i] = Some(j);
                        self.join_chain_or_move(i, j);
                    }
                }
                self.new_to_old[j] = Some(i);
            }
        }
    }

    /// Merges: an unmatched old unit whose sentences went into a new unit matched to another.
    fn find_merges(&mut self, po: &[Profile], pn: &[Profile], old_candidates: &[Vec<usize>]) {
        for i in 0..po.len() {
            if self.old_to_new[i].is_some() || po[i].heading {
                continue;
            }
            let best = old_candidates[i]
                .iter()
                .filter(|&&j| !pn[j].heading && pn[j].front == po[i].front)
                .map(|&j| {
                    let kept = self.new_to_old[j].map(|k| &po[k]);
                    (carried(&po[i], &pn[j], kept), j)
                })
                .filter(|&(c, _)| c >= CARRIED_MIN)
                .max_by_key(|&(c, j)| (c, std::cmp::Reverse(j)));
            if let Some((_, j)) = best {
                match self.new_to_old[j] {
                    Some(_) => self.extra_old[j].push(i),
                    None => {
                        self.new_to_old[j] = Some(i);
                        self.join_chain_or_move(i, j);
                    }
                }
                self.old_to_new[i] = Some(j);
            }
        }
    }

    /// Rewritten units: an old and a new unit, both still unmatched, one of which carries a
    /// whole paragraph of the other (市农业行政管理部门应当…制订…培训计划 kept as the first
    /// paragraph of a rewritten article) are one modified unit, not a deletion and an addition.
    fn find_kept_paragraphs(&mut self, po: &[Profile], pn: &[Profile], proposed: &[Vec<usize>]) {
        let kept = |from: &Profile, into: &Profile| -> usize {
            from.paragraphs
                .iter()
                .filter(|p| p.containment_in(&into.shingles) >= PARAGRAPH_IN)
                .map(Shingles::len)
                .max()
                .unwrap_or(0)
        };
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (j, cands) in proposed.iter().enumerate() {
            if self.new_to_old[j].is_some() || pn[j].heading {
                continue;
            }
            for &i in cands {
                if self.old_to_new[i].is_some() || po[i].heading || po[i].front != pn[j].front {
                    continue;
                }
                let carried = kept(&po[i], &pn[j]).max(kept(&pn[j], &po[i]));
                if carried >= PARAGRAPH_MIN {
                    found.push((carried, i, j));
                }
            }
        }
        found.sort_by_key(|&(c, i, j)| (std::cmp::Reverse(c), i, j));
        for (_, i, j) in found {
            if self.old_to_new[i].is_none() && self.new_to_old[j].is_none() {
                self.old_to_new[i] = Some(j);
                self.new_to_old[j] = Some(i);
                self.join_chain_or_move(i, j);
            }
        }
    }

    /// A new one-to-one pair keeps the chain's order if it can, else its old unit is moved.
    fn join_chain_or_move(&mut self, i: usize, j: usize) {
        if !fits(&self.chain, i, j) {
            self.moved[i] = true;
        } else {
            self.chain.insert(i, j);
        }
    }

    /// Groups: connected units, in reading order of the new version; deleted units after the
    /// unit that preceded them in the chain.
    fn into_groups(self) -> Vec<Group> {
        let (n, m) = (self.old_to_new.len(), self.new_to_old.len());
        let mut uf = UnionFind::new(n + m);
        for i in 0..n {
            if let Some(j) = self.old_to_new[i] {
                uf.link(i, n + j);
            }
            for &j in &self.extra_new[i] {
                uf.link(i, n + j);
            }
        }
        for j in 0..m {
            if let Some(i) = self.new_to_old[j] {
                uf.link(i, n + j);
            }
            for &i in &self.extra_old[j] {
                uf.link(i, n + j);
            }
        }
        let mut members: BTreeMap<usize, Group> = BTreeMap::new();
        for (x, &is_moved) in self.moved.iter().enumerate() {
            let g = members.entry(uf.root(x)).or_default();
            g.old.push(x);
            g.moved |= is_moved;
        }
        for j in 0..m {
            members.entry(uf.root(n + j)).or_default().new.push(j);
        }
        let chain = self.chain;
        let mut keyed: Vec<((i64, u8, usize), Group)> = members
            .into_values()
            .map(|g| (reading_key(&g, &chain), g))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        keyed.into_iter().map(|(_, g)| g).collect()
    }
}

/// Where a group goes in the output: at its first new unit, or (deleted) after the new unit of
/// the chain pair just before its first old unit.
fn reading_key(g: &Group, chain: &BTreeMap<usize, usize>) -> (i64, u8, usize) {
    match (g.new.first(), g.old.first()) {
        (Some(&j), _) => (j as i64, 0, 0),
        (None, Some(&i)) => {
            let anchor = chain.range(..i).next_back().map(|(_, &j)| j as i64);
            (anchor.unwrap_or(-1), 1, i)
        }
        (None, None) => (i64::MAX, 2, 0),
    }
}

/// Union-find over old units (`0..n`) then new units (`n..n + m`): groups are its components.
struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(len: usize) -> UnionFind {
        UnionFind((0..len).collect())
    }

    /// Root of `x`'s component, halving the path on the way so later look-ups stay short.
    fn root(&mut self, mut x: usize) -> usize {
        let uf = &mut self.0;
        while uf[x] != x {
            uf[x] = uf[uf[x]];
            x = uf[x];
        }
        x
    }

    /// Put `a` and `b` in one component (`a`'s root goes under `b`'s, as before).
    fn link(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra] = rb;
        }
    }
}

/// Units the caller knows nothing about but their text: used by tests.
#[cfg(test)]
pub(crate) fn unit(kind: crate::model::UnitKind, number: &str, text: &str) -> Unit {
    Unit {
        kind,
        number: number.to_owned(),
        path: String::new(),
        text: text.to_owned(),
        span: policykg_read::Span::new(0, text.chars().count()),
        front: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitKind;

    fn items(texts: &[&str]) -> Vec<Unit> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| unit(UnitKind::Item, &format!("{}．", k + 1), t))
            .collect()
    }

    fn run(old: &[&str], new: &[&str]) -> Vec<(Vec<usize>, Vec<usize>, bool)> {
        let (groups, _, _) = align(&items(old), &items(new), &Options::default());
        groups
            .into_iter()
            .map(|g| (g.old, g.new, g.moved))
            .collect()
    }

    const A: &str = "实施补链强链工程。编制重点领域补短板产品和关键技术攻关指导目录，鼓励专精特新企业与强院强校强所合作建立实验室。";
    const B: &str =
        "推动新产品首购首用。支持专精特新企业研发高附加值新产品，每年开发省级新产品500项以上。";
    const C: &str = "发挥投资基金引导作用。设立省中小企业发展基金二期，吸引集聚社会资本设立私募股权投资基金，投早投小投长期。";
    const D: &str =
        "加快上市孵化培育进程。建立专精特新企业上市后备资源库，提供上市政务服务绿色通道。";
    const E: &str = "加强企业人才供给。大力推动专精特新企业引才育才聚才，鼓励各地将技术研发负责人列为高层次人才。";

    #[test]
    fn identical_versions_align_one_to_one() {
        assert_eq!(
            run(&[A, B, C], &[A, B, C]),
            [
                (vec![0], vec![0], false),
                (vec![1], vec![1], false),
                (vec![2], vec![2], false)
            ]
        );
    }

    #[test]
    fn inserted_deleted_and_moved_units() {
        // B deleted, E inserted before D, and A moved to the end.
        assert_eq!(
            run(&[A, B, C, D], &[C, E, D, A]),
            [
                // B stood before C, the first unit kept in place.
                (vec![1], vec![], false),
                (vec![2], vec![0], false),
                (vec![], vec![1], false),
                (vec![3], vec![2], false),
                (vec![0], vec![3], true),
            ]
        );
    }

    #[test]
    fn split_and_merge() {
        let ab = format!("{A}{B}");
        // One old unit became two new ones.
        assert_eq!(
            run(&[&ab, C], &[A, B, C]),
            [(vec![0], vec![0, 1], false), (vec![1], vec![2], false)]
        );
        // Two old units became one new one.
        assert_eq!(
            run(&[A, B, C], &[&ab, C]),
            [(vec![0, 1], vec![0], false), (vec![2], vec![1], false)]
        );
    }

    #[test]
    fn thousands_of_identical_units_align_in_order() {
        let old: Vec<&str> = vec!["法律、法规另有规定的，从其规定。"; 3000];
        let mut new = old.clone();
        new.insert(1500, A);
        let groups = run(&old, &new);
        assert_eq!(groups.len(), 3001);
        assert_eq!(groups[1500], (vec![], vec![1500], false));
        assert!(groups
            .iter()
            .filter(|g| !g.0.is_empty())
            .all(|g| g.1.len() == 1 && (g.1[0] == g.0[0] || g.1[0] == g.0[0] + 1) && !g.2));
    }

    #[test]
    fn unrelated_texts_do_not_align() {
        assert_eq!(
            run(&[A], &[E]),
            [(vec![0], vec![], false), (vec![], vec![0], false)]
        );
    }
}
