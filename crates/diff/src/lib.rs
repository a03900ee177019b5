//! policykg-diff: compares two versions of one policy, clause by clause.
//!
//! Researchers compare a 征求意见稿 with the final text, a 1.0 with a 2.0, a regulation before and
//! after revision. This crate makes the 修订前后对照表 from any two versions:
//! - it cuts each version into units from its outline (articles 第X条 of a regulation, items of a
//!   notice, the headings above them, the lines of the preamble; paragraphs when a text has no
//!   outline) — [`unit`];
//! - it aligns the units even when renumbered, moved, split or merged, by text similarity, with
//!   an order-keeping chain first and an optimal assignment for what moved — [`align`](crate::align);
//! - it highlights inserted and deleted phrases inside aligned units, with Chinese-aware tokens
//!   (numbers keep their units, agency names and 《titles》 stay whole) — [`inline`](crate::inline);
//! - it states replacements made throughout the text once (市场主体 → 经营主体);
//! - it compares the extracted facts of aligned units: targets, amounts, agencies and tasks;
//! - it renders the result as coloured terminal text ([`render_text`]), a self-contained HTML
//!   对照表 ([`render_html`]), or JSON (the [`Diff`] model is `Serialize`).
//!
//! What it is not for: reading files, finding headings or extracting facts. It takes the
//! `Parsed` outline and the `Extraction` of each version, as the earlier stages made them.
//!
//! Offsets: every span counts characters of the `Document::text` of its version.

mod align;
mod facts;
mod inline;
pub mod measure;
mod model;
mod render;
mod similarity;
mod systematic;
mod token;
pub mod unit;

pub use model::*;
pub use render::{render_docx, render_html, render_text, render_xlsx, TextOptions, XlsxError};
pub use token::TokenWords;
pub use unit::{units, Unit, Version};

use std::collections::BTreeMap;

use policykg_extract::Extraction;
use policykg_ontology::Ontology;
use policykg_outline::Parsed;

use crate::facts::Facts;
use crate::inline::{diff_row, RowDiff, Side};
use crate::similarity::Shingles;

/// How candidate pairs of units are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Candidates {
    /// An inverted index of character trigrams: cost linear in the text.
    #[default]
    Index,
    /// Every old unit against every new unit: the quadratic baseline, for benchmarks.
    AllPairs,
}

/// Tuning of a comparison. The defaults suit regulations and notices.
#[derive(Debug, Clone)]
pub struct Options {
    /// Units less alike than this (Dice coefficient of character trigram sets) are not paired,
    /// unless one is mostly contained in the other.
    pub min_similarity: f64,
    /// Changes separated by at most this many unchanged characters are shown as one phrase.
    pub merge_gap: usize,
    /// A replacement made in at least this many rows is systematic.
    pub systematic_min_rows: usize,
    /// Runs of changed sentences longer than this many tokens on both sides are shown as one
    /// replacement rather than diffed token by token (bounds the cost of a rewritten text).
    pub max_inline_tokens: usize,
    pub candidates: Candidates,
    /// The tokenizer's units and role verbs, from the ontology the versions were extracted
    /// with ([`Options::new`]), so that a user's `--ontology` units keep their numbers whole.
    pub words: TokenWords,
}

impl Options {
    /// The default tuning, with the words of `ontology`.
    pub fn new(ontology: &Ontology) -> Options {
        Options {
            words: TokenWords::new(ontology),
            ..Options::default()
        }
    }
}

/// The default tuning with the bundled ontology's words.
impl Default for Options {
    fn default() -> Self {
        Options {
            words: TokenWords::bundled().clone(),
            min_similarity: 0.3,
            merge_gap: 2,
            systematic_min_rows: 3,
            max_inline_tokens: 3000,
            candidates: Candidates::Index,
        }
    }
}

/// Compare two versions of a policy, each as the outline and extraction stages left it.
pub fn diff(old: (&Parsed, &Extraction), new: (&Parsed, &Extraction), options: &Options) -> Diff {
    diff_versions(
        &Version::new(old.0, old.1),
        &Version::new(new.0, new.1),
        options,
    )
}

fn unit_ref(units: &[Unit], index: usize) -> UnitRef {
    let u = &units[index];
    UnitRef {
        index,
        kind: u.kind,
        number: u.number.clone(),
        path: u.path.clone(),
        text: u.text.clone(),
        span: u.span,
    }
}

fn union(profiles: &[align::Profile], ids: &[usize]) -> Shingles {
    let mut all: Vec<u64> = ids
        .iter()
        .flat_map(|&i| profiles[i].shingles.0.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    Shingles(all)
}

fn number_key(number: &str) -> String {
    number.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Label of a unit for lists: its number, else its position.
fn short_label(units: &[Unit], k: usize) -> String {
    let u = &units[k];
    if u.number.is_empty() {
        format!("¶{}", k + 1)
    } else {
        u.number.trim().to_owned()
    }
}

type Atoms = Vec<Vec<std::ops::Range<usize>>>;

/// Units `ids` of `version`, with the agency mentions inside each (kept whole when diffing).
fn side_units<'v>(version: &'v Version, ids: &[usize], facts: &Facts) -> (Vec<&'v Unit>, Atoms) {
    let units = ids.iter().map(|&k| &version.units[k]).collect();
    let atoms = ids
        .iter()
        .map(|&k| facts.atoms(k, &version.units))
        .collect();
    (units, atoms)
}

/// Compare two versions (see the crate documentation).
pub fn diff_versions(old: &Version, new: &Version, options: &Options) -> Diff {
    let (mut groups, po, pn) = align::align(&old.units, &new.units, options);
    // Cover-notice and status rows first, in their own section of the 对照表.
    let is_front = |g: &align::Group| {
        g.old.iter().all(|&i| old.units[i].front) && g.new.iter().all(|&j| new.units[j].front)
    };
    groups.sort_by_key(|g| !is_front(g));
    let front: Vec<bool> = groups.iter().map(is_front).collect();
    let facts_old = Facts::of(old.extraction.as_ref(), &old.units);
    let facts_new = Facts::of(new.extraction.as_ref(), &new.units);
    let diffs = inline_diffs(&groups, (old, &facts_old), (new, &facts_new), options);
    let (systematic, marks) = systematic_replacements(&diffs, &front, new, options);

    let mut rows = Vec::with_capacity(groups.len());
    let mut changes = Vec::new();
    for (k, g) in groups.iter().enumerate() {
        let d = diffs[k].as_ref();
        let modified = d.is_some_and(|d| !d.changes.is_empty());
        let renumbered = is_renumbered(g, old, new);
        let no_marks = Vec::new();
        let row_marks = marks.get(&k).unwrap_or(&no_marks);
        let hunks = d.map_or_else(Vec::new, |d| d.hunks(row_marks, options.merge_gap));
        let systematic_only =
            modified && !hunks.is_empty() && hunks.iter().all(|h| h.systematic.is_some());

        let before = changes.len();
        // The cover and status lines change nothing the policy provides.
        if !front[k] {
            facts::compare(k, (&facts_old, &g.old), (&facts_new, &g.new), &mut changes);
            if let Some(d) = d {
                figure_changes(k, d, row_marks, &mut changes, before);
            }
        }

        rows.push(Row {
            kind: row_kind(g, modified, renumbered),
            old: g.old.iter().map(|&i| unit_ref(&old.units, i)).collect(),
            new: g.new.iter().map(|&j| unit_ref(&new.units, j)).collect(),
            modified,
            renumbered,
            moved: g.moved,
            similarity: similarity(g, &po, &pn),
            hunks,
            systematic_only,
            front: front[k],
        });
    }

    let summary = Summary::of(&rows, &changes, &old.info, &new.info);
    Diff {
        old: DocInfo {
            units: old.units.len(),
            ..old.info.clone()
        },
        new: DocInfo {
            units: new.units.len(),
            ..new.info.clone()
        },
        summary,
        systematic,
        rows,
        changes,
        provenance: None,
    }
}

/// The inline diff of each row with units on both sides (`None` for added or deleted rows).
fn inline_diffs<'v>(
    groups: &[align::Group],
    old: (&'v Version, &Facts),
    new: (&'v Version, &Facts),
    options: &'v Options,
) -> Vec<Option<RowDiff<'v>>> {
    groups
        .iter()
        .map(|g| {
            if g.old.is_empty() || g.new.is_empty() {
                return None;
            }
            let (uo, ao) = side_units(old.0, &g.old, old.1);
            let (un, an) = side_units(new.0, &g.new, new.1);
            Some(diff_row(
                Side::new(uo, &ao, &options.words),
                Side::new(un, &an, &options.words),
                options.max_inline_tokens,
            ))
        })
        .collect()
}

/// Replacements made throughout the text, found among the rows that changed, and the marks of
/// the raw changes they explain (by row).
fn systematic_replacements(
    diffs: &[Option<RowDiff>],
    front: &[bool],
    new: &Version,
    options: &Options,
) -> (Vec<Replacement>, BTreeMap<usize, Vec<Option<usize>>>) {
    let with_changes: Vec<(usize, &RowDiff)> = diffs
        .iter()
        .enumerate()
        .filter(|&(k, _)| !front[k])
        .filter_map(|(k, d)| d.as_ref().filter(|d| !d.changes.is_empty()).map(|d| (k, d)))
        .collect();
    systematic::find(&with_changes, options.systematic_min_rows, |phrase| {
        new.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.text.contains(phrase))
            .map(|(k, _)| short_label(&new.units, k))
            .collect()
    })
}

/// A one-to-one row whose unit numbers differ (ignoring spaces); unnumbered units never are.
fn is_renumbered(g: &align::Group, old: &Version, new: &Version) -> bool {
    g.old.len() == 1 && g.new.len() == 1 && {
        let (a, b) = (
            number_key(&old.units[g.old[0]].number),
            number_key(&new.units[g.new[0]].number),
        );
        !a.is_empty() && !b.is_empty() && a != b
    }
}

/// What happened to a row, the first that applies: its shape first, then moved, modified,
/// renumbered.
fn row_kind(g: &align::Group, modified: bool, renumbered: bool) -> RowKind {
    if g.old.is_empty() {
        RowKind::Added
    } else if g.new.is_empty() {
        RowKind::Deleted
    } else if g.old.len() > 1 && g.old.len() >= g.new.len() {
        RowKind::Merged
    } else if g.new.len() > 1 {
        RowKind::Split
    } else if g.moved {
        RowKind::Moved
    } else if modified {
        RowKind::Modified
    } else if renumbered {
        RowKind::Renumbered
    } else {
        RowKind::Unchanged
    }
}

/// Dice coefficient of the two sides' shingles, to three decimals (rows with both sides only).
fn similarity(g: &align::Group, po: &[align::Profile], pn: &[align::Profile]) -> Option<f64> {
    (!g.old.is_empty() && !g.new.is_empty()).then(|| {
        let s = union(po, &g.old).dice(&union(pn, &g.new));
        (s * 1000.0).round() / 1000.0
    })
}

/// The value of a figure as the extraction writes field values: "2025年" → "2025", "80万元" →
/// "800000", "3.5亿元" → "350000000"; `None` for Chinese numerals and percentages.
fn figure_value(figure: &str) -> Option<String> {
    let chars: Vec<char> = figure.chars().collect();
    let (value, _) = policykg_text::numeral::arabic_scaled_at(&chars, 0)?;
    Some(value.to_string())
}

/// Longest edit (characters, either side) whose figures are reported.
const FIGURE_EDIT_MAX: usize = 20;

/// Figures (numbers with units) replaced, added or removed in a short edit of a row, where no
/// target or amount change of the row (from `changes[facts_from..]`) covers them.
fn figure_changes(
    row: usize,
    d: &RowDiff,
    marks: &[Option<usize>],
    changes: &mut Vec<Change>,
    facts_from: usize,
) {
    let reported = Reported::of(&changes[facts_from..]);
    let mut found = Vec::new();
    for (k, c) in d.changes.iter().enumerate() {
        // Only local edits: in a rewritten or inserted passage the highlights say it all, and
        // the extraction's targets and amounts report what matters there.
        let local = d.old.len(c.old.clone()).max(d.new.len(c.new.clone())) <= FIGURE_EDIT_MAX;
        if marks.get(k).copied().flatten().is_some() || !local {
            continue;
        }
        reported.figures_of_edit(row, d, k, &mut found);
    }
    changes.extend(found);
}

/// What the row's fact changes already report, so that a figure change does not say it again.
struct Reported {
    /// Spans of the target and amount changes (`true`: on the new side).
    covered: Vec<(bool, policykg_read::Span)>,
    /// Old and new values of the field changes of the row's targets and amounts.
    fields: Vec<(Option<String>, Option<String>)>,
}

impl Reported {
    /// From the fact changes of one row.
    fn of(facts: &[Change]) -> Reported {
        let covered = facts
            .iter()
            .filter(|c| {
                !matches!(
                    c.kind,
                    ChangeKind::AgencyAdded
                        | ChangeKind::AgencyRemoved
                        | ChangeKind::AgencyRoleChanged
                        | ChangeKind::TaskAdded
                        | ChangeKind::TaskRemoved
                )
            })
            .flat_map(|c| {
                c.old_span
                    .map(|s| (false, s))
                    .into_iter()
                    .chain(c.new_span.map(|s| (true, s)))
            })
            .collect();
        let fields = facts
            .iter()
            .flat_map(|c| c.fields.iter().map(|f| (f.old.clone(), f.new.clone())))
            .collect();
        Reported { covered, fields }
    }

    /// Whether a target or amount change of that side spans the figure at `span`.
    fn covers(&self, new_side: bool, span: Option<policykg_read::Span>) -> bool {
        span.is_some_and(|s| {
            self.covered
                .iter()
                .any(|&(side, c)| side == new_side && c.start <= s.start && s.end <= c.end)
        })
    }

    /// Field changes of the row's targets and amounts: a figure whose old and new values are one
    /// of them (到2024年 → 到2025年 when the targets' year changed) is already reported.
    fn explains(&self, old: &str, new: &str) -> bool {
        let (o, n) = (figure_value(old), figure_value(new));
        o.is_some()
            && n.is_some()
            && self
                .fields
                .iter()
                .any(|(fo, f_n)| fo.as_deref() == o.as_deref() && f_n.as_deref() == n.as_deref())
    }

    /// The figure changes of local edit `k` of row `row` not reported already: figures paired
    /// in order, then those left over on either side.
    fn figures_of_edit(&self, row: usize, d: &RowDiff, k: usize, found: &mut Vec<Change>) {
        let c = &d.changes[k];
        let fo = d.old.figures(c.old.clone());
        let fnew = d.new.figures(c.new.clone());
        let both = fo.len().min(fnew.len());
        for ((ko, to), (kn, tn)) in fo.iter().zip(&fnew) {
            if to == tn {
                continue;
            }
            let (so, sn) = (d.old.span(*ko), d.new.span(*kn));
            if self.covers(false, so) || self.covers(true, sn) || self.explains(to, tn) {
                continue;
            }
            found.push(Change {
                kind: ChangeKind::FigureChanged,
                row,
                subject: d.new.clause(*kn),
                old: Some(to.clone()),
                new: Some(tn.clone()),
                fields: Vec::new(),
                old_span: so,
                new_span: sn,
            });
        }
        for (ko, to) in &fo[both..] {
            let so = d.old.span(*ko);
            if self.covers(false, so) {
                continue;
            }
            found.push(Change {
                kind: ChangeKind::FigureRemoved,
                row,
                subject: d.old.clause(*ko),
                old: Some(to.clone()),
                new: None,
                fields: Vec::new(),
                old_span: so,
                new_span: None,
            });
        }
        for (kn, tn) in &fnew[both..] {
            let sn = d.new.span(*kn);
            if self.covers(true, sn) {
                continue;
            }
            found.push(Change {
                kind: ChangeKind::FigureAdded,
                row,
                subject: d.new.clause(*kn),
                old: None,
                new: Some(tn.clone()),
                fields: Vec::new(),
                old_span: None,
                new_span: sn,
            });
        }
    }
}
