//! Structured changes: the targets, amounts, agencies and tasks of aligned units, compared.
//!
//! The extraction stage found each fact with its span; a fact belongs to the unit its span falls
//! in, and the facts of a row are those of its units. Within a row, facts that are equal in every
//! field are unchanged; the others are paired by what they are about (a target's metric, an
//! amount's recipient and kind) and reported field by field; what is left was added or removed.

use std::collections::{BTreeMap, BTreeSet};

use policykg_extract::{
    Amount, AmountKind, Comparator, Extraction, Role, StatementStyle, Target, Task,
};
use policykg_read::Span;
use policykg_text::yuan;
use rust_decimal::Decimal;

use crate::model::{Change, ChangeKind, FieldChange};
use crate::similarity::{significant, Shingles};
use crate::unit::Unit;

/// Index of the unit holding character `pos` (units are in document order and do not overlap).
pub(crate) fn unit_at(units: &[Unit], pos: usize) -> Option<usize> {
    let k = units
        .partition_point(|u| u.span.start <= pos)
        .checked_sub(1)?;
    (pos < units[k].span.end.max(units[k].span.start + 1)).then_some(k)
}

/// Index of the unit overlapping `span` the most.
fn unit_over(units: &[Unit], span: Span) -> Option<usize> {
    let first = units
        .partition_point(|u| u.span.end <= span.start)
        .min(units.len());
    units[first..]
        .iter()
        .enumerate()
        .take_while(|(_, u)| u.span.start < span.end.max(span.start + 1))
        .map(|(k, u)| {
            let overlap = u.span.end.min(span.end) as isize - u.span.start.max(span.start) as isize;
            (overlap, first + k)
        })
        .max_by_key(|&(o, k)| (o, std::cmp::Reverse(k)))
        .map(|(_, k)| k)
}

/// The facts of one version, by unit.
#[derive(Default)]
pub(crate) struct Facts<'a> {
    tasks: BTreeMap<usize, Vec<&'a Task>>,
    targets: BTreeMap<usize, Vec<&'a Target>>,
    amounts: BTreeMap<usize, Vec<&'a Amount>>,
}

impl<'a> Facts<'a> {
    pub fn of(extraction: Option<&'a Extraction>, units: &[Unit]) -> Facts<'a> {
        let mut f = Facts::default();
        let Some(x) = extraction else { return f };
        for t in &x.tasks {
            if let Some(u) = unit_over(units, t.span) {
                f.tasks.entry(u).or_default().push(t);
            }
        }
        for t in &x.targets {
            if let Some(u) = unit_at(units, t.span.start) {
                f.targets.entry(u).or_default().push(t);
            }
        }
        for a in &x.amounts {
            if let Some(u) = unit_at(units, a.span.start) {
                f.amounts.entry(u).or_default().push(a);
            }
        }
        f
    }

    fn collect<T: ?Sized>(map: &BTreeMap<usize, Vec<&'a T>>, units: &[usize]) -> Vec<&'a T> {
        units
            .iter()
            .flat_map(|u| map.get(u).into_iter().flatten().copied())
            .collect()
    }

    /// Agency mention spans inside `unit`, relative to its text: kept whole by the tokenizer.
    /// Only mentions of responsibility statements (parentheses, labelled lines, table cells):
    /// a body named in running prose ("相关行政管理部门应当…") stays text, so that a word changed
    /// throughout the prose (相关 → 有关) is one change, not one per name it sits in.
    pub fn atoms(&self, unit: usize, units: &[Unit]) -> Vec<std::ops::Range<usize>> {
        let Some(u) = units.get(unit) else {
            return Vec::new();
        };
        self.tasks
            .get(&unit)
            .into_iter()
            .flatten()
            .filter(|t| t.responsibility_style != Some(StatementStyle::Prose))
            .flat_map(|t| &t.agencies)
            .filter(|a| a.span.start >= u.span.start && a.span.end <= u.span.end)
            .map(|a| a.span.start - u.span.start..a.span.end - u.span.start)
            .collect()
    }
}

fn dec(d: &Option<Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

fn comparator_word(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "以上",
        Comparator::AtMost => "以下",
        Comparator::About => "左右",
        Comparator::Exactly => "",
    }
}

/// A target's value as written: 5000家以上（2025年）.
fn target_value(t: &Target) -> String {
    let n = |d: &Option<Decimal>| d.map(|d| d.normalize().to_string());
    let mut s = match (n(&t.value), n(&t.min), n(&t.max)) {
        (Some(v), _, _) => format!("{v}{}{}", t.unit, comparator_word(t.comparator)),
        (None, Some(a), Some(b)) => format!("{a}–{b}{}", t.unit),
        (None, Some(a), None) => format!("{a}{}以上", t.unit),
        (None, None, Some(b)) => format!("{b}{}以下", t.unit),
        (None, None, None) => t.text.clone(),
    };
    if let Some(y) = t.year {
        s.push_str(&format!("（{y}年）"));
    }
    s
}

/// An amount's value as written: 80万元, 10%，最高500万元.
fn amount_value(a: &Amount) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &a.rate {
        parts.push(format!("{}%", r.percent.normalize()));
    }
    match (a.yuan, a.min_yuan, a.max_yuan) {
        (Some(y), _, _) => parts.push(yuan(y)),
        (None, Some(lo), Some(hi)) => parts.push(format!("{}–{}", yuan(lo), yuan(hi))),
        _ => {}
    }
    if let Some(c) = a.cap {
        parts.push(format!("最高{}", yuan(c)));
    }
    if let Some(f) = a.floor {
        parts.push(format!("不少于{}", yuan(f)));
    }
    if parts.is_empty() {
        a.text.clone()
    } else {
        parts.join("，")
    }
}

fn kind_word(k: AmountKind) -> &'static str {
    match k {
        AmountKind::Subsidy => "subsidy",
        AmountKind::Award => "award",
        AmountKind::Fund => "fund",
        AmountKind::Credit => "credit",
        AmountKind::Other => "other",
    }
}

fn role_word(r: Role) -> &'static str {
    match r {
        Role::Lead => "lead",
        Role::Support => "support",
        Role::Joint => "joint",
    }
}

fn similar_words(a: &str, b: &str) -> f64 {
    let (sa, sb) = (significant(a), significant(b));
    if sa == sb {
        return 1.0;
    }
    Shingles::of(&sa, 2).dice(&Shingles::of(&sb, 2))
}

fn field(out: &mut Vec<FieldChange>, name: &str, old: Option<String>, new: Option<String>) {
    if old != new {
        out.push(FieldChange {
            field: name.to_owned(),
            old,
            new,
        });
    }
}

fn target_fields(o: &Target, n: &Target) -> Vec<FieldChange> {
    let mut f = Vec::new();
    field(&mut f, "value", dec(&o.value), dec(&n.value));
    field(&mut f, "min", dec(&o.min), dec(&n.min));
    field(&mut f, "max", dec(&o.max), dec(&n.max));
    field(&mut f, "unit", Some(o.unit.clone()), Some(n.unit.clone()));
    field(
        &mut f,
        "comparator",
        Some(format!("{:?}", o.comparator).to_lowercase()),
        Some(format!("{:?}", n.comparator).to_lowercase()),
    );
    field(
        &mut f,
        "year",
        o.year.map(|y| y.to_string()),
        n.year.map(|y| y.to_string()),
    );
    field(
        &mut f,
        "period",
        o.period.map(|p| format!("{p:?}").to_lowercase()),
        n.period.map(|p| format!("{p:?}").to_lowercase()),
    );
    field(
        &mut f,
        "within_years",
        o.within_years.map(|y| y.to_string()),
        n.within_years.map(|y| y.to_string()),
    );
    f
}

fn amount_fields(o: &Amount, n: &Amount) -> Vec<FieldChange> {
    let mut f = Vec::new();
    field(&mut f, "yuan", dec(&o.yuan), dec(&n.yuan));
    field(&mut f, "min_yuan", dec(&o.min_yuan), dec(&n.min_yuan));
    field(&mut f, "max_yuan", dec(&o.max_yuan), dec(&n.max_yuan));
    field(&mut f, "cap", dec(&o.cap), dec(&n.cap));
    field(&mut f, "floor", dec(&o.floor), dec(&n.floor));
    field(
        &mut f,
        "rate",
        o.rate.as_ref().map(|r| r.percent.normalize().to_string()),
        n.rate.as_ref().map(|r| r.percent.normalize().to_string()),
    );
    field(
        &mut f,
        "kind",
        Some(kind_word(o.kind).to_owned()),
        Some(kind_word(n.kind).to_owned()),
    );
    field(
        &mut f,
        "one_off",
        Some(o.one_off.to_string()),
        Some(n.one_off.to_string()),
    );
    field(
        &mut f,
        "per_capita",
        Some(o.per_capita.to_string()),
        Some(n.per_capita.to_string()),
    );
    f
}

/// Pair the elements of `old` and `new` that are equal (`same`), then those alike enough
/// (`alike` ≥ its threshold, best first); return the alike pairs and the leftovers.
#[allow(clippy::type_complexity)]
fn pair_up<'x, T: ?Sized>(
    old: &[&'x T],
    new: &[&'x T],
    same: impl Fn(&T, &T) -> bool,
    alike: impl Fn(&T, &T) -> Option<f64>,
) -> (Vec<(&'x T, &'x T)>, Vec<&'x T>, Vec<&'x T>) {
    let mut used_o = vec![false; old.len()];
    let mut used_n = vec![false; new.len()];
    for (a, o) in old.iter().enumerate() {
        if let Some(b) = (0..new.len()).find(|&b| !used_n[b] && same(o, new[b])) {
            used_o[a] = true;
            used_n[b] = true;
        }
    }
    let mut scored = Vec::new();
    for (a, o) in old.iter().enumerate() {
        for (b, n) in new.iter().enumerate() {
            if !used_o[a] && !used_n[b] {
                if let Some(s) = alike(o, n) {
                    scored.push((s, a, b));
                }
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut pairs = Vec::new();
    for (_, a, b) in scored {
        if !used_o[a] && !used_n[b] {
            used_o[a] = true;
            used_n[b] = true;
            pairs.push((old[a], new[b]));
        }
    }
    let left_o = (0..old.len())
        .filter(|&a| !used_o[a])
        .map(|a| old[a])
        .collect();
    let left_n = (0..new.len())
        .filter(|&b| !used_n[b])
        .map(|b| new[b])
        .collect();
    (pairs, left_o, left_n)
}

fn same_target(a: &Target, b: &Target) -> bool {
    significant(&a.metric) == significant(&b.metric) && target_fields(a, b).is_empty()
}

fn same_amount(a: &Amount, b: &Amount) -> bool {
    a.recipient == b.recipient && amount_fields(a, b).is_empty()
}

fn amount_subject(a: &Amount) -> String {
    a.recipient.clone().unwrap_or_else(|| a.text.clone())
}

/// Changes of the facts of one row: `old_units` of the old version against `new_units` of the
/// new version.
pub(crate) fn compare(
    row: usize,
    old: (&Facts, &[usize]),
    new: (&Facts, &[usize]),
    out: &mut Vec<Change>,
) {
    let mut changes = RowChanges { row, out };
    changes.targets(
        &Facts::collect(&old.0.targets, old.1),
        &Facts::collect(&new.0.targets, new.1),
    );
    changes.amounts(
        &Facts::collect(&old.0.amounts, old.1),
        &Facts::collect(&new.0.amounts, new.1),
    );
    let tasks_o = Facts::collect(&old.0.tasks, old.1);
    let tasks_n = Facts::collect(&new.0.tasks, new.1);
    changes.agencies(&tasks_o, &tasks_n);
    changes.tasks(&tasks_o, &tasks_n);
}

/// Where the changes of one row go: each kind of fact is compared by its own step.
struct RowChanges<'c> {
    row: usize,
    out: &'c mut Vec<Change>,
}

impl RowChanges<'_> {
    /// One change; a side's value and span come together, so neither can be left out alone.
    fn push(
        &mut self,
        kind: ChangeKind,
        subject: String,
        old: Option<(String, Span)>,
        new: Option<(String, Span)>,
        fields: Vec<FieldChange>,
    ) {
        let (old, old_span) = old.unzip();
        let (new, new_span) = new.unzip();
        self.out.push(Change {
            kind,
            row: self.row,
            subject,
            old,
            new,
            fields,
            old_span,
            new_span,
        });
    }

    /// Targets are paired by metric (and unit), then compared field by field.
    fn targets(&mut self, to: &[&Target], tn: &[&Target]) {
        let (pairs, gone, came) = pair_up(to, tn, same_target, |a, b| {
            let s = similar_words(&a.metric, &b.metric);
            (s >= 0.5 || (a.metric.is_empty() && b.metric.is_empty() && a.unit == b.unit))
                .then_some(s + if a.unit == b.unit { 0.5 } else { 0.0 })
        });
        for (o, n) in pairs {
            self.push(
                ChangeKind::TargetChanged,
                n.metric.clone(),
                Some((target_value(o), o.span)),
                Some((target_value(n), n.span)),
                target_fields(o, n),
            );
        }
        for o in gone {
            let old = Some((target_value(o), o.span));
            self.push(
                ChangeKind::TargetRemoved,
                o.metric.clone(),
                old,
                None,
                Vec::new(),
            );
        }
        for n in came {
            let new = Some((target_value(n), n.span));
            self.push(
                ChangeKind::TargetAdded,
                n.metric.clone(),
                None,
                new,
                Vec::new(),
            );
        }
    }

    /// Amounts are paired by recipient (or text), rate-ness and kind, then compared field by field.
    fn amounts(&mut self, ao: &[&Amount], an: &[&Amount]) {
        let (pairs, gone, came) = pair_up(ao, an, same_amount, |a, b| {
            let s = match (&a.recipient, &b.recipient) {
                (Some(x), Some(y)) => similar_words(x, y),
                _ => similar_words(&a.text, &b.text),
            };
            let rate = a.rate.is_some() == b.rate.is_some();
            (s >= 0.4 && rate).then_some(s + if a.kind == b.kind { 0.5 } else { 0.0 })
        });
        for (o, n) in pairs {
            self.push(
                ChangeKind::AmountChanged,
                amount_subject(n),
                Some((amount_value(o), o.span)),
                Some((amount_value(n), n.span)),
                amount_fields(o, n),
            );
        }
        for o in gone {
            let old = Some((amount_value(o), o.span));
            self.push(
                ChangeKind::AmountRemoved,
                amount_subject(o),
                old,
                None,
                Vec::new(),
            );
        }
        for n in came {
            let new = Some((amount_value(n), n.span));
            self.push(
                ChangeKind::AmountAdded,
                amount_subject(n),
                None,
                new,
                Vec::new(),
            );
        }
    }

    /// Agencies are known by canonical name over the row's tasks: added, removed or a new role.
    fn agencies(&mut self, tasks_o: &[&Task], tasks_n: &[&Task]) {
        let (ro, rn) = (agency_roles(tasks_o), agency_roles(tasks_n));
        for (name, (r, span)) in &ro {
            match rn.get(name) {
                None => {
                    let old = Some((join_roles(r), *span));
                    self.push(
                        ChangeKind::AgencyRemoved,
                        name.clone(),
                        old,
                        None,
                        Vec::new(),
                    );
                }
                Some((r2, span2)) if r2 != r => self.push(
                    ChangeKind::AgencyRoleChanged,
                    name.clone(),
                    Some((join_roles(r), *span)),
                    Some((join_roles(r2), *span2)),
                    Vec::new(),
                ),
                Some(_) => {}
            }
        }
        for (name, (r, span)) in &rn {
            if !ro.contains_key(name) {
                let new = Some((join_roles(r), *span));
                self.push(ChangeKind::AgencyAdded, name.clone(), None, new, Vec::new());
            }
        }
    }

    /// Tasks are only added or removed: a task whose text changed is the same task.
    fn tasks(&mut self, tasks_o: &[&Task], tasks_n: &[&Task]) {
        let (_, gone, came) = pair_up(
            tasks_o,
            tasks_n,
            |a, b| significant(&a.text) == significant(&b.text),
            |a, b| {
                // A task is known by its text, and first of all by its lead sentence: when an item
                // is split, the part that kept the lead is the old task.
                let text = Shingles::of(&significant(&a.text), 3)
                    .dice(&Shingles::of(&significant(&b.text), 3));
                (text >= 0.3).then_some(text + 0.5 * similar_words(&a.heading, &b.heading))
            },
        );
        for o in gone {
            let old = Some((o.id.clone(), o.span));
            self.push(
                ChangeKind::TaskRemoved,
                task_subject(o),
                old,
                None,
                Vec::new(),
            );
        }
        for n in came {
            let new = Some((n.id.clone(), n.span));
            self.push(
                ChangeKind::TaskAdded,
                task_subject(n),
                None,
                new,
                Vec::new(),
            );
        }
    }
}

/// Canonical agency name → its roles and first mention, over a row's tasks.
type Roles = BTreeMap<String, (BTreeSet<&'static str>, Span)>;

/// Agencies of a row's tasks with their roles: what [`RowChanges::agencies`] compares.
fn agency_roles(tasks: &[&Task]) -> Roles {
    let mut m: Roles = BTreeMap::new();
    for t in tasks {
        for a in &t.agencies {
            m.entry(a.name.clone())
                .or_insert_with(|| (BTreeSet::new(), a.span))
                .0
                .insert(role_word(a.role));
        }
    }
    m
}

/// Roles as one value (`lead+support`), in a fixed order so equal sets read alike.
fn join_roles(s: &BTreeSet<&str>) -> String {
    s.iter().copied().collect::<Vec<_>>().join("+")
}

/// A task by its lead sentence (or the start of its text), at most [`SUBJECT_MAX`] characters.
fn task_subject(t: &Task) -> String {
    let s = if t.heading.is_empty() {
        &t.text
    } else {
        &t.heading
    };
    let s = s.trim();
    if s.chars().count() > SUBJECT_MAX {
        let mut cut: String = s.chars().take(SUBJECT_MAX).collect();
        cut.push('…');
        cut
    } else {
        s.to_owned()
    }
}

const SUBJECT_MAX: usize = 32;
