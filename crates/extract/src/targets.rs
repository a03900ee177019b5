//! Numeric targets: "到2025年…省级专精特新企业5000家以上", "每年培育创新型中小企业2000家".
//!
//! A target is a number with a count, percent, ratio or physical unit (`ontology/lexicon/units.tsv`)
//! that something in its sentence marks as a goal: a deadline year in scope (到2025年, 2025年底前,
//! 力争到2030年), a period (每年 / 年均 → annual, 累计 → cumulative, 5年内 / 力争5年 → within
//! years), a comparator (以上 不少于 不低于 超过 突破 → at least; 以下 不超过 控制在 以内 → at most;
//! 左右 约 → about; a bound after the number wins; 达到 is a level, exactly), a change (增长 降低
//! 提高到: the metric ends before it), or a verb that governs the counted noun (培育 新增 遴选 建设 …). Cues are data:
//! `ontology/lexicon/target_cues.tsv`.
//!
//! The metric is the noun phrase the number counts, read from the text around it: before the
//! number up to the governing verb or the clause start ("培育创新型中小企业2000家" → 创新型中小企业),
//! or after the unit when a noun follows it ("培育300家市级“专精特新中小企业”"). A year or
//! duration before the number (三年内) and the base of a comparison (较2020年) are no part of it.
//!
//! Also read: enumerations sharing one verb, in clauses of their own (培养20名…，80名…) or as a
//! list of metrics before as many values (…工厂、…车间10个、20个); a doubling (翻一番 → 1 番, an
//! increase); a first one (实现上市企业零的突破 → at least 1); goals named as such (目标是…,
//! …1000家的目标) or quoted with a level cue (实现“森林覆盖率达到63%”). Money is a goal as a level
//! to reach in a dated goal or a section whose heading names goals (一、发展目标 … 产值突破100亿元,
//! 零售额实现50亿元), and there also as a change by a sum (人均增收2000元) or a cumulative sum
//! (累计发放贷款10亿元).
//!
//! **Not targets** (decided and documented here):
//! - money (…元: [`crate::money`]), and percents in money rules (按…的10%给予奖补, 按50%…补助);
//! - dates, times, durations and ages (6月20日18：00, 30日内确认, 3—12个月, 16—24岁): their units
//!   are `time` / `age`;
//! - ordinals, codes, enumerators and the words of `not_numbers.txt` (see [`crate::numbers`]);
//! - numbers inside book titles or short quotes: slogans and names ("3个倍增", “五个一”,
//!   《…五年行动计划》); a long quote with clauses is a quoted statement and keeps its goals;
//! - conditions: a number in a clause ending in 的 ("…达到…25%…劳动合同的，可申请"), or a number
//!   directly followed by 的 ("超过100人的企业"); size thresholds in money ("营收亿元以上工业企业")
//!   are reported as a target's `qualifier` when they qualify a counted metric;
//! - figures of the past: a section whose heading reviews past work (一、2024年工作回顾), 去年…;
//!   a section whose heading plans a year's work (二、2025年主要目标任务) makes every figure in
//!   it that year's goal;
//! - rules: allocations with no deadline (每个设区市培育一家), frequencies (每5年修订1次),
//!   alternatives (两个或者两个以上), added conditions (且…不少于10人), asides in （…）;
//! - scope descriptions with no goal cue at all ("对4个方面、19个重点领域的60项重点内容逐一对照检查").

use crate::numbers::{
    self, is_space, lexicon, pairing, segment::Segments, text_of, Quantity, UnitClass,
};
use crate::{Change, Comparator, Period, Target};
use policykg_ontology::{Cues, Lexicon, Words};
use policykg_read::Span;
use rust_decimal::prelude::ToPrimitive;

/// What the caller knows from outside the text: a deadline year stated in a heading or an
/// enclosing paragraph ("到2025年，…" before the items).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub year: Option<i32>,
}

/// The targets of `text`, with character spans relative to `text`.
pub fn find(text: &str) -> Vec<Target> {
    find_with(text, &Context::default())
}

/// A phrase that governs what follows it in its scope.
#[derive(Debug, Clone, Copy)]
struct Scoped<T> {
    at: usize,
    until: usize,
    what: T,
}

fn is_target_class(c: UnitClass) -> bool {
    matches!(
        c,
        UnitClass::Count | UnitClass::Percent | UnitClass::Ratio | UnitClass::Physical
    )
}

/// Money in yuan or in another currency (实际利用外资1亿美元: a level in 美元, never converted).
fn is_money(c: UnitClass) -> bool {
    matches!(c, UnitClass::Money | UnitClass::ForeignMoney)
}

/// "740元/月": the per-unit part written after a money figure (see `money::per_unit_after`).
fn money_per_unit(chars: &[char], end: usize, clause_end: usize) -> String {
    crate::money::per_unit_after(chars, end, clause_end).unwrap_or_default()
}

/// The year of a `…年` quantity that names a calendar year.
fn calendar_year(q: &Quantity) -> Option<i32> {
    if q.unit != "年" || q.scale.is_some() {
        return None;
    }
    let v = q.value?;
    if !v.fract().is_zero() {
        return None;
    }
    let y = v.to_i32()?;
    (1949..=2100).contains(&y).then_some(y)
}

fn deadlines(chars: &[char], seg: &Segments, qs: &[Quantity]) -> Vec<Scoped<i32>> {
    let cues = &lexicon().target;
    let mut out = Vec::new();
    for q in qs {
        let Some(year) = calendar_year(q) else {
            continue;
        };
        let b = spaces_back(chars, q.span.start, 0);
        let before = cues.role("deadline_before").ending_at(chars, b).is_some();
        let mut a = q.span.end;
        while a < chars.len() && is_space(chars[a]) {
            a += 1;
        }
        let after = cues.role("deadline_after").at(chars, a).is_some();
        let date_follows = chars
            .get(a)
            .is_some_and(|c| numbers::is_numeral_char(*c) && *c != '底');
        if !(before || after) || date_follows {
            continue;
        }
        // a year in the first clause of its paragraph governs the paragraph; otherwise its sentence
        let (ps, pe) = seg.paragraph(q.span.start);
        let (cs, _) = seg.clause(q.span.start);
        let until = if cs == ps || chars[ps..cs].iter().all(|c| is_space(*c)) {
            pe
        } else {
            seg.sentence(q.span.start).1
        };
        out.push(Scoped {
            at: q.span.end,
            until,
            what: year,
        });
    }
    out
}

fn inside_pair(chars: &[char], from: usize, at: usize, to: usize, open: char, close: char) -> bool {
    let Some(o) = (from..at).rev().find(|&k| chars[k] == open) else {
        return false;
    };
    if chars[o..at].contains(&close) {
        return false;
    }
    chars[at..to].contains(&close)
}

/// `5年内`, `力争5年新增…`: a number of years (not a calendar year) that bounds the sentence.
fn within_years(chars: &[char], seg: &Segments, qs: &[Quantity]) -> Vec<Scoped<u32>> {
    let mut out = Vec::new();
    for q in qs {
        if q.unit != "年" || q.is_range() || calendar_year(q).is_some() {
            continue;
        }
        let Some(n) = q
            .value
            .and_then(|v| v.to_u32())
            .filter(|n| (1..=50).contains(n))
        else {
            continue;
        };
        let (ss, se) = seg.sentence(q.span.start);
        if inside_pair(chars, ss, q.span.start, se, '《', '》')
            || inside_pair(chars, ss, q.span.start, se, '“', '”')
        {
            continue;
        }
        let next = chars.get(q.span.end).copied();
        let ok = match next {
            Some('内') => true,
            Some(c) if "以之的底前后起来末度期间".contains(c) => {
                chars.get(q.span.end..q.span.end + 2) == Some(&['之', '内'])
            }
            Some(c) => !c.is_ascii_punctuation() && !"，。；、）".contains(c),
            None => false,
        };
        if ok {
            out.push(Scoped {
                at: q.span.end,
                until: se,
                what: n,
            });
        }
    }
    out
}

/// A target under construction, with what the list logic needs.
struct Draft {
    target: Target,
    /// End of the whole expression (metric after the unit, or comparator after it).
    end: usize,
    clause: usize,
    signal: bool,
    /// A verb governs the figure: its own (培养20名…) or the one of the figure it continues.
    governed: bool,
    /// The metric, read before the number, ends right at it: a list the values after it may
    /// share out (示范园区、产业园区10个、20个).
    list_metric: Option<Span>,
    /// The metric is the one of the target continued, none being written.
    inherited: bool,
    /// Index of the target this one continues ("50家以上、省级绿色工厂300家以上").
    continues: Option<usize>,
    /// `分别` right before the value: (position, where its list may start).
    fenbie: Option<(usize, usize)>,
    /// The metric is a list sharing the value through a `shared_value` cue (接待游客人次、旅游
    /// 总花费均增长8%以上): the metric's span, one target per item.
    shared: Option<Span>,
}

pub fn find_with(text: &str, ctx: &Context) -> Vec<Target> {
    find_scanned(&numbers::Scanned::new(text), ctx)
}

/// [`find_with`] over a text already scanned (see [`numbers::Scanned`]).
pub fn find_scanned(scanned: &numbers::Scanned, ctx: &Context) -> Vec<Target> {
    let lex = lexicon();
    let doubled = doublings(&scanned.chars, &scanned.quantities, &lex.target);
    let firsts = first_ones(&scanned.chars, &lex.target);
    let qs: std::borrow::Cow<[Quantity]> = if doubled.is_empty() && firsts.is_empty() {
        std::borrow::Cow::Borrowed(&scanned.quantities)
    } else {
        // 零的突破's 零 is read as the first one, not as a number of its own
        let mut all: Vec<Quantity> = scanned
            .quantities
            .iter()
            .filter(|q| {
                !firsts
                    .iter()
                    .any(|f| q.span.start < f.span.end && f.span.start < q.span.end)
            })
            .cloned()
            .collect();
        all.extend(doubled);
        all.extend(firsts);
        all.sort_by_key(|q| q.span.start);
        std::borrow::Cow::Owned(all)
    };
    let scan = Scan::new(scanned, &qs, ctx, &lex);
    let mut drafts: Vec<Draft> = Vec::new();
    for (k, q) in qs.iter().enumerate() {
        if let Some(d) = scan.draft(k, q, &drafts) {
            drafts.push(d);
        }
    }
    scan.fenbie_lists(&mut drafts);
    scan.value_lists(&mut drafts);
    scan.shared_bounds(&mut drafts);
    let mut out = Vec::with_capacity(drafts.len());
    for d in drafts {
        let heads = scan.cues.role("metric_head");
        match d.shared.and_then(|sp| shared_items(scan.chars, sp, heads)) {
            Some(items) => out.extend(items.into_iter().map(|(item, metric)| Target {
                metric,
                item: Some(item),
                ..d.target.clone()
            })),
            None => out.push(d.target),
        }
    }
    out
}

/// One text being read for targets: its quantities, the phrases that scope them, and the cues.
struct Scan<'a> {
    chars: &'a [char],
    seg: &'a Segments,
    qs: &'a [Quantity],
    ctx: &'a Context,
    years: Vec<Scoped<i32>>,
    withins: Vec<Scoped<u32>>,
    cues: &'a Cues,
    rate_cues: &'a Words,
    seps: &'a Words,
    strip_lead: &'a Words,
    strip_trail: &'a Words,
    verbs: &'a Words,
    changes: &'a Words,
    /// Sections whose heading reviews past work (一、2024年工作回顾): their figures are no goals.
    reviews: Vec<(usize, usize)>,
    /// Sections whose heading plans a year's work (二、2025年主要目标任务): (start, end, year).
    plans: Vec<(usize, usize, i32)>,
    /// Sections headed by a goal (（二）主要目标。…, 一、发展目标): every figure in them is a goal.
    goals: Vec<(usize, usize)>,
}

/// Where the metric of a quantity was read.
struct Metric {
    span: Span,
    /// A governing verb was found before the number.
    verb: bool,
    /// End of the whole expression.
    end: usize,
    /// Start of the expression: what a list continuation is measured from.
    start: usize,
}

impl<'a> Scan<'a> {
    fn new(
        scanned: &'a numbers::Scanned,
        qs: &'a [Quantity],
        ctx: &'a Context,
        lex: &'a Lexicon,
    ) -> Scan<'a> {
        let chars = &scanned.chars[..];
        let seg = &scanned.seg;
        let cues = &lex.target;
        let sections = sections(chars, cues);
        Scan {
            chars,
            seg,
            qs,
            ctx,
            years: deadlines(chars, seg, qs),
            withins: within_years(chars, seg, qs),
            cues,
            rate_cues: lex.money.role("rate_before"),
            seps: lex.pairing.role("separator"),
            strip_lead: cues.role("strip_lead"),
            strip_trail: cues.role("strip_trail"),
            verbs: cues.role("verb"),
            changes: cues.role("change"),
            reviews: sections.reviews,
            plans: sections.plans,
            goals: sections.goals,
        }
    }

    /// The target quantity `k` (`q`) states, if it is one; `drafts` are the targets before it.
    fn draft(&self, k: usize, q: &Quantity, drafts: &[Draft]) -> Option<Draft> {
        let chars = self.chars;
        let (cs, ce) = self.seg.clause(q.span.start);
        let people = self.counts_people(q);
        let class = match q.unit_class {
            // 为200万中小学生开展…: a scaled number right before a noun naming people counts them
            None if people.is_some() => UnitClass::Count,
            // 优良天数达到338天以上, 人均预期寿命提高到79岁: days, years or an age a metric counts
            // (a `day_count` noun before the number in its clause) are a count to reach, not a
            // duration
            Some(UnitClass::Time | UnitClass::Age)
                if self
                    .cues
                    .role("day_count")
                    .find_in(chars, cs, q.span.start)
                    .is_some() =>
            {
                UnitClass::Count
            }
            c => c.filter(|c| is_target_class(*c) || is_money(*c))?,
        };
        let (ss, se) = self.seg.sentence(q.span.start);
        if (quoted_name(chars, ss, q.span.start, se) && !self.quoted_goal(ss, q.span.start, se))
            || inside_pair(chars, ss, q.span.start, se, '《', '》')
            || (inside_pair(chars, ss, q.span.start, se, '（', '）')
                && !self.breakdown(ss, q.span.start, '（'))
            || (inside_pair(chars, ss, q.span.start, se, '(', ')')
                && !self.breakdown(ss, q.span.start, '('))
        {
            return None; // a name or slogan (“五个一”), a title, an aside (（共23项）)
        }
        // a factor of a formula (…病房总数/全院病房总数×100%)
        if q.span.start > 0 && matches!(chars[q.span.start - 1], '×' | '*' | '÷' | '/') {
            return None;
        }
        if self.in_past(q.span.start, ss) || self.change_base(q, cs, ce) {
            return None;
        }
        // 121人才工程: the "unit" begins a word (人才), the number names a programme
        let unit_start = q.span.end.saturating_sub(q.unit.chars().count());
        if self
            .cues
            .role("unit_word")
            .at(chars, unit_start)
            .is_some_and(|len| unit_start + len > q.span.end)
        {
            return None;
        }
        // 5000吨级码头, 百万千瓦级: a class of size, a standard
        if self
            .cues
            .role("standard_suffix")
            .at(chars, q.span.end)
            .is_some()
        {
            return None;
        }
        if let Some((r, len)) = self.rate_cues.find_in(chars, cs, q.span.start) {
            // 按…的10%给予奖补 is a money rule; 按原标准降低20% is a cut
            if class == UnitClass::Percent
                && self.changes.find_in(chars, r + len, q.span.start).is_none()
            {
                return None;
            }
        }
        let (comparator, before, after) = self.comparator(q, cs, ce);
        if self.is_sanction(after) {
            return None;
        }
        let goal_after = self.goal_after(after);
        if (self.is_condition(after, cs, ce)
            && !goal_after
            && !self.is_share(q, comparator, before, after, cs)
            && !self.is_level_of_noun(q, cs, after, ce))
            || self.is_rule(q, cs, before, after)
            || self.is_amendment(after)
            || self.is_standard(k, q, class, after, ce)
        {
            return None;
        }
        let continued_money = || {
            let prev = previous_in_clause(drafts, cs, q.span.start)?;
            let p = &drafts[prev];
            (p.target.unit_kind == Some(UnitClass::Money)).then_some(())?;
            // the gap after the previous figure and its per-unit part (740元/月和485元/月)
            let from = p.target.value_span.end
                + money_per_unit(chars, p.target.value_span.end, ce)
                    .chars()
                    .count();
            let gap: Vec<char> = text_of(chars, from.min(before), before)
                .trim()
                .chars()
                .collect();
            (gap.is_empty() || self.seps.at(&gap, 0) == Some(gap.len())).then_some(prev)
        };
        // money is a goal only as a dated level to reach (规模突破100亿元, 标准提高到740元/月),
        // a dated change or cumulative sum (人均增收2000元, 累计发放贷款10亿元), or a list member
        // after one (和485元/月); grants and caps (最高500万元) are amounts
        // only, and a bound with no date or goal word is a rule (基金数额不少于210万元)
        let dated = || {
            self.scopes(q, ss)
                .0
                .or(self.ctx.year)
                .or_else(|| self.plan_year(q.span.start))
                .is_some()
                || self.in_goal_section(q.span.start)
                || self.cues.role("goal").find_in(chars, cs, before).is_some()
        };
        // 累计发放创业担保贷款10亿元: a sum to reach over the period of a dated goal
        let cumulative = || matches!(self.scopes(q, ss).2, Some(Period::Cumulative)) && dated();
        if is_money(class)
            && !(self.money_level(q, cs, before, comparator, dated)
                || cumulative()
                || self.money_bound_ends_goal(q, after, ce, comparator, dated)
                || continued_money().is_some())
        {
            return None;
        }
        let (year, within, period) = self.scopes(q, ss);
        // 每个设区市培育一家 is an allocation rule; 到2027年每个县域…建设不少于1个 a dated goal
        // (…每个领域遴选10个项目、共80个项目: the total after it is the goal)
        if year.or(self.ctx.year).is_none()
            && self
                .cues
                .role("distribution")
                .rfind_in(chars, cs, before)
                .is_some_and(|(p, len)| {
                    self.cues
                        .role("total")
                        .find_in(chars, p + len, before)
                        .is_none()
                })
        {
            return None;
        }
        // in a section planning a year's work every figure is that year's goal
        let year = year.or_else(|| self.plan_year(q.span.start));
        let prev = previous_in_clause(drafts, cs, q.span.start);
        let (limit, outer) = self.metric_limits(k, drafts, prev, cs, before);
        let fenbie = self.fenbie_before(before, limit);
        // 翻一番: the verb of doubling is a change and no part of the metric
        let doubling = (q.unit == DOUBLING_UNIT)
            .then(|| self.cues.role("doubling").ending_at(chars, before))
            .flatten()
            .filter(|&len| before >= limit + len);
        // 占全省比重由60%提高到65%: the metric ends before the level it starts from
        let metric_before = self
            .base_from(limit, before, ce)
            .unwrap_or(before - doubling.unwrap_or(0));
        let mut found = self.metric(metric_before, after, limit, ce, class == UnitClass::Count);
        // 全省高新技术企业三年内达到1000家: nothing after the duration, the metric is before it
        if let Some((from, to)) =
            outer.filter(|_| found.span.start >= found.span.end && found.span.end <= q.span.start)
        {
            let earlier = self.metric(to, to, from, to, false);
            if earlier.span.start < earlier.span.end {
                found.span = earlier.span;
                found.verb |= earlier.verb;
                found.start = found.start.min(earlier.start);
            }
        }
        // 全省上市企业实现零突破: no metric between the verb and a first one, the metric is the
        // verb's subject before it; 高新技术企业数量实现翻一番: likewise before a doubling's verb,
        // and 零售额实现50亿元 before a money level's
        if found.span.start >= found.span.end
            && (self.is_first_one(q) || doubling.is_some() || is_money(class))
        {
            let verb_end = before - doubling.unwrap_or(0);
            let verb = self.cues.role("verb").ending_at(chars, verb_end);
            if let Some(v) = verb
                .filter(|&len| verb_end >= limit + len)
                .map(|len| verb_end - len)
            {
                let subject = self.metric(v, v, limit, v, false);
                if subject.span.start < subject.span.end {
                    found.span = subject.span;
                    found.start = found.start.min(subject.start);
                }
            }
        }
        if let Some(noun_end) =
            people.filter(|&e| found.span.start >= q.span.end && e < found.span.end)
        {
            found.span.end = noun_end;
        }
        if self.inside_enumeration(found.span, after, ce) {
            return None;
        }
        let (mut metric, mut qualifier) = self.metric_and_qualifier(found.span);
        let shared = self
            .cues
            .role("shared_value")
            .find_in(chars, found.span.end, before.max(found.span.end))
            .filter(|_| fenbie_free(chars, found.span.end, before))
            .map(|_| found.span);
        let continues = self.continues(drafts, prev, found.start);
        let mut comparator = comparator;
        let mut change = self
            .change_before(before, cs)
            .or(doubling.map(|_| Change::Increase));
        let inherited = metric.is_empty() && continues.is_some();
        if metric.is_empty() {
            // "分别达到65%和55%": the second value shares the metric and the comparator;
            // "分别增长3.5%以上、7%左右": and the change
            if let Some(p) = continues {
                change = change.or(drafts[p].target.change);
                metric = drafts[p].target.metric.clone();
                qualifier = qualifier.or(drafts[p].target.qualifier.clone());
                if comparator.is_none() && drafts[p].target.comparator != Comparator::Exactly {
                    comparator = Some(drafts[p].target.comparator);
                }
            } else if let Some((s, e)) = self.field_label(cs) {
                metric = text_of(chars, s, e);
            }
        }
        let goal_word = year.is_some()
            || self.in_goal_section(q.span.start)
            || self.ctx.year.is_some()
            || period.is_some()
            || found.verb
            || doubling.is_some()
            || goal_after
            || self
                .cues
                .role("goal_lead")
                .find_in(chars, ss, before)
                .is_some()
            || self.changes.find_in(chars, limit, before).is_some()
            || self.cues.role("goal").find_in(chars, cs, before).is_some()
            || continues.is_some_and(|p| drafts[p].signal);
        // 培养20名领军人才，80名骨干人才: a clause that is nothing but another figure and its noun
        // goes on with the verb of the clause before
        let carried = self.carries_over(drafts, class, cs, ce, &found, before, after);
        let governed = found.verb || carried || continues.is_some_and(|p| drafts[p].governed);
        let goal_word = goal_word || carried;
        // 持有50%以上股权或者股份的公司: with nothing but its bound to make it a goal, a figure
        // whose noun phrase ends in 的 before another noun describes that noun: a condition
        if !goal_word && self.describes_noun(after, ce) {
            return None;
        }
        let signal = goal_word || comparator.is_some();
        if !signal {
            return None;
        }
        let (value, min, max) = if q.is_range() {
            (None, q.min, q.max)
        } else {
            (q.value, None, None)
        };
        let unit = match class {
            // 740元/月: the per-unit part belongs to the unit, as written
            UnitClass::Money | UnitClass::ForeignMoney => {
                q.unit.clone() + &money_per_unit(chars, q.span.end, ce)
            }
            // 200万中小学生: people counted with no unit written are counted in 人
            _ if people.is_some() => lexicon()
                .target
                .role("people_unit")
                .iter()
                .next()
                .map_or_else(String::new, |u| u.iter().collect()),
            _ => q.unit.clone(),
        };
        let target = Target {
            task: None,
            metric,
            value,
            min,
            max,
            unit,
            comparator: comparator.unwrap_or(Comparator::Exactly),
            change,
            year: year.or(self.ctx.year),
            period,
            within_years: within,
            text: text_of(chars, cs, ce),
            span: Span::new(cs, ce),
            value_span: q.span,
            unit_kind: Some(class),
            scale: q.scale.clone(),
            qualifier,
            item: None,
        };
        let per_end =
            target.value_span.end + (target.unit.chars().count() - q.unit.chars().count());
        Some(Draft {
            target,
            end: found.end.max(per_end),
            clause: cs,
            signal,
            governed,
            list_metric: (found.span.end <= q.span.start
                && chars[found.span.end..before].iter().all(|c| is_space(*c)))
            .then_some(found.span),
            inherited,
            continues,
            fenbie,
            shared,
        })
    }

    /// The clause `cs..ce` holds nothing but a figure and its noun (“80名骨干人才”, “其中省级
    /// 示范区20个”), and the clause before it ends with a figure of the same class that a verb
    /// governs, in the same sentence, one comma between: the verb governs this figure too, an
    /// enumeration of targets sharing one verb (培养20名领军人才，80名骨干人才).
    #[allow(clippy::too_many_arguments)]
    fn carries_over(
        &self,
        drafts: &[Draft],
        class: UnitClass,
        cs: usize,
        ce: usize,
        found: &Metric,
        before: usize,
        after: usize,
    ) -> bool {
        let chars = self.chars;
        let Some(p) = drafts.last() else {
            return false;
        };
        if found.verb || !p.governed || p.clause >= cs || p.target.unit_kind != Some(class) {
            return false;
        }
        let (ss, _) = self.seg.sentence(cs);
        let (_, pce) = self.seg.clause(p.clause);
        let blank = |from: usize, to: usize| chars[from.min(to)..to].iter().all(|c| is_space(*c));
        // the previous figure closes its clause, and a comma alone separates the clauses
        let gap: String = text_of(chars, pce.min(cs), cs);
        if p.clause < ss || !blank(p.end, pce) || !matches!(gap.trim(), "，" | ",") {
            return false;
        }
        // this figure opens its clause (after 其中 and the like) and closes it
        let start = found.span.start.min(before);
        let end = if found.span.start >= after {
            found.end
        } else {
            after
        };
        found.span.start < found.span.end
            && self.trim_metric(cs, start).0 == start
            && blank(end, ce)
    }

    /// A money figure bounded after it and ending its clause in a dated goal: "完成水利投资
    /// 400亿元以上，" (a size condition goes on with a noun or 的: 投资1亿元以上的企业).
    fn money_bound_ends_goal(
        &self,
        q: &Quantity,
        after: usize,
        ce: usize,
        cmp: Option<Comparator>,
        dated: impl Fn() -> bool,
    ) -> bool {
        let bounded =
            after > q.span.end && matches!(cmp, Some(Comparator::AtLeast | Comparator::About));
        let ends = self.chars[after.min(ce)..ce].iter().all(|c| is_space(*c))
            || self
                .chars
                .get(after)
                .is_some_and(|c| crate::numbers::segment::is_clause_end(*c));
        bounded && ends && dated()
    }

    /// A money figure stated as a level to reach: a verb of change to a level (提高到), perhaps
    /// with a per-capita word between (提高到每人100元), or in a dated or 力争 goal (`dated`) a
    /// level or lower-bound cue (达到, 突破, 超过).
    fn money_level(
        &self,
        q: &Quantity,
        cs: usize,
        before: usize,
        cmp: Option<Comparator>,
        dated: impl Fn() -> bool,
    ) -> bool {
        let (chars, cues) = (self.chars, self.cues);
        let lex = lexicon();
        let level = |end: usize| {
            lex.money
                .role("change_to")
                .ending_at(chars, end)
                .is_some_and(|len| end >= cs + len)
        };
        // "产值达 3300亿元": a copy out of a PDF spaces the number from the word before it
        let start = spaces_back(chars, q.span.start, cs);
        let bound_before = ["level_before", "at_least_before"].iter().any(|r| {
            cues.role(r)
                .ending_at(chars, start)
                .is_some_and(|len| start >= cs + len)
        });
        if cmp == Some(Comparator::AtMost) {
            return false;
        }
        // 由7.81万元下降至5.467万元: a standard changed by the text itself, not a goal
        let lo = self.qs.partition_point(|t| t.span.start < cs);
        if self.qs[lo..]
            .iter()
            .take_while(|t| t.span.start < q.span.start)
            .any(|t| {
                t.unit_class == Some(UnitClass::Money)
                    && lex
                        .money
                        .role("change_from")
                        .ending_at(chars, spaces_back(chars, t.span.start, cs))
                        .is_some()
            })
        {
            return false;
        }
        if level(before) || (bound_before && dated()) {
            return true;
        }
        // 人均增收2000元, 村集体经济收入增加5万元: in a dated or planned goal a verb of change
        // right before the figure states a change by that much (the level is 提高到, above)
        let changed = ["increase", "decrease"].iter().any(|r| {
            cues.role(r)
                .ending_at(chars, start)
                .is_some_and(|len| start >= cs + len)
        });
        if changed && dated() {
            return true;
        }
        // 白酒产业完成产值1600亿元: a verb of reaching right before the metric noun the figure
        // measures, in a dated or planned goal
        let reached = cues
            .role("metric_head")
            .ending_at(chars, start)
            .and_then(|len| start.checked_sub(len))
            .and_then(|noun| {
                cues.role("reach_verb")
                    .ending_at(chars, noun)
                    .filter(|&len| noun >= cs + len)
            })
            .is_some();
        // 农产品网络零售额实现50亿元: the metric noun first, then the verb of reaching
        let reached = reached
            || cues
                .role("reach_verb")
                .ending_at(chars, start)
                .and_then(|len| start.checked_sub(len))
                .is_some_and(|verb| {
                    cues.role("metric_head")
                        .ending_at(chars, verb)
                        .is_some_and(|len| verb >= cs + len)
                });
        if reached && dated() {
            return true;
        }
        lex.money
            .role("per_capita")
            .ending_at(chars, before)
            .is_some_and(|len| before >= cs + len && level(before - len))
    }

    /// The comparator around `q` (以上 after it, 不少于 before it …), with where the expression
    /// begins before the number and ends after it.
    fn comparator(&self, q: &Quantity, cs: usize, ce: usize) -> (Option<Comparator>, usize, usize) {
        let (chars, cues) = (self.chars, self.cues);
        let mut after = q.span.end;
        while after < ce && is_space(chars[after]) {
            after += 1;
        }
        let mut cmp_after = None;
        for (role, c) in [
            ("at_least_after", Comparator::AtLeast),
            ("at_most_after", Comparator::AtMost),
            ("about_after", Comparator::About),
        ] {
            if let Some(len) = cues.role(role).at(chars, after) {
                if cmp_after.is_none_or(|(l, _)| len > l) {
                    cmp_after = Some((len, c));
                }
            }
        }
        if let Some((len, _)) = cmp_after {
            after += len;
        }
        let mut before = spaces_back(chars, q.span.start, cs);
        let mut cmp_before = None;
        for (role, c) in [
            ("at_least_before", Comparator::AtLeast),
            ("at_most_before", Comparator::AtMost),
            ("about_before", Comparator::About),
            ("level_before", Comparator::Exactly),
        ] {
            if let Some(len) = cues.role(role).ending_at(chars, before) {
                if before - len >= cs && cmp_before.is_none_or(|(l, _)| len > l) {
                    cmp_before = Some((len, c));
                }
            }
        }
        if let Some((len, _)) = cmp_before {
            before -= len;
        } else if q.unit_class == Some(UnitClass::Percent)
            && before > cs
            && chars[before - 1] == '的'
        {
            // 不高于承担风险责任的0.5%: the comparator governs the share of a base
            cmp_before = self.share_comparator(cs, before - 1);
        }
        // the word after the number is the bound: 达到50%左右 is about, 稳定在7140万亩以上 at least
        let comparator = match (cmp_before, cmp_after) {
            (_, Some((_, c))) | (Some((_, c)), None) => Some(c),
            (None, None) => q.more.then_some(Comparator::AtLeast),
        };
        (comparator, before, after)
    }

    /// A comparator ending a phrase `X的` before a percent, with no number or clause break between
    /// (`end` is the position of 的).
    fn share_comparator(&self, cs: usize, end: usize) -> Option<(usize, Comparator)> {
        let chars = self.chars;
        [
            ("at_least_before", Comparator::AtLeast),
            ("at_most_before", Comparator::AtMost),
        ]
        .into_iter()
        .filter_map(|(role, c)| {
            let (p, len) = self.cues.role(role).rfind_in(chars, cs, end)?;
            let gap = &chars[p + len..end];
            let clean = !gap.is_empty()
                && gap.len() <= 12
                && !gap
                    .iter()
                    .any(|c| numbers::is_numeral_char(*c) || !is_cjk(*c));
            clean.then_some((p + len, len, c))
        })
        // 不高于 rather than the 高于 inside it
        .max_by_key(|(end, len, _)| (*end, *len))
        .map(|(_, _, c)| (0, c))
    }

    /// The change a verb right before the number states (`before` is where the expression
    /// starts, after any comparator): 增长15% increases, 下降5个百分点 decreases; 提高到40%
    /// ends with 到 and states a level.
    fn change_before(&self, before: usize, cs: usize) -> Option<Change> {
        let chars = self.chars;
        let b = spaces_back(chars, before, cs);
        let fits = |len: usize| b >= cs + len;
        if self
            .cues
            .role("increase")
            .ending_at(chars, b)
            .is_some_and(fits)
        {
            Some(Change::Increase)
        } else if self
            .cues
            .role("decrease")
            .ending_at(chars, b)
            .is_some_and(fits)
        {
            Some(Change::Decrease)
        } else {
            None
        }
    }

    /// The parenthesis holding `at` opens with a breakdown word (总面积13245亩（其中：生态屏障建设
    /// 4315亩、…）): its figures are the parts of the total, goals as the total is, not an aside.
    fn breakdown(&self, from: usize, at: usize, open: char) -> bool {
        let chars = self.chars;
        (from..at)
            .rev()
            .find(|&k| chars[k] == open)
            .is_some_and(|o| self.cues.role("breakdown").at(chars, o + 1).is_some())
    }

    /// A multiple or share that sets a fine (并处违法所得一倍以上五倍以下罚款, 处…百分之十以上
    /// 百分之五十以下的罚款): a sanction, not a goal. `after` is where the expression ends.
    fn is_sanction(&self, after: usize) -> bool {
        let chars = self.chars;
        let at = if chars.get(after) == Some(&'的') {
            after + 1
        } else {
            after
        };
        lexicon().money.role("penalty").at(chars, at).is_some()
    }

    /// The figure's noun phrase after it ends in 的 before the clause goes on with another noun
    /// (…50%以上股权或者股份的公司): the figure is part of a phrase describing that noun.
    fn describes_noun(&self, after: usize, ce: usize) -> bool {
        let chars = self.chars;
        let mut e = after;
        while e < ce && e - after <= 12 {
            let c = chars[e];
            if c == '的' {
                return e > after && chars.get(e + 1).is_some_and(|n| *n != '的' && is_cjk(*n));
            }
            if !is_cjk(c) || numbers::is_numeral_char(c) || self.seps.at(chars, e).is_some() {
                return false;
            }
            e += 1;
        }
        false
    }

    /// The figure's phrase names a goal after it: "…达到1000家的目标", "…的任务" (a `goal_noun`
    /// after 的), a goal rather than a condition.
    fn goal_after(&self, after: usize) -> bool {
        self.chars.get(after) == Some(&'的')
            && self
                .cues
                .role("goal_noun")
                .at(self.chars, after + 1)
                .is_some()
    }

    /// A short quote holding a goal rather than a name: a comparator or level cue between its
    /// opening and the figure (实现“森林覆盖率达到60%”), or a governing verb when
    /// the quote is called a goal after it (“建成示范区10个”的目标).
    fn quoted_goal(&self, from: usize, at: usize, to: usize) -> bool {
        let (chars, cues) = (self.chars, self.cues);
        let Some(o) = (from..at).rev().find(|&k| chars[k] == '“') else {
            return false;
        };
        let c = (at..to).find(|&k| chars[k] == '”').unwrap_or(to);
        // no change cue: 稳增长 names a policy (“稳增长20条”)
        let cue = ["level_before", "at_least_before", "at_most_before", "goal"]
            .iter()
            .any(|r| cues.role(r).find_in(chars, o + 1, at).is_some());
        let named_goal = {
            let k = c + 1 + usize::from(chars.get(c + 1) == Some(&'的'));
            c < to && cues.role("goal_noun").at(chars, k).is_some()
        };
        cue || (named_goal && self.verb_in(o + 1, at).is_some())
    }

    /// Conditions, not goals: a number directly followed by 的, or in a clause ending in 的.
    fn is_condition(&self, after: usize, cs: usize, ce: usize) -> bool {
        let chars = self.chars;
        if chars.get(after) == Some(&'的') {
            return true;
        }
        let clause_end = spaces_back(chars, ce, cs);
        clause_end > cs && chars[clause_end - 1] == '的'
    }

    /// A level reached, named after the figure ("1998年达到2000人的规模", "达到2000名的招生
    /// 规模"): a `level_before` cue right before the figure, then 的 and a phrase ending with a
    /// `level_noun` (规模, 水平) that closes the clause (a parenthesis such as （见附表） aside). The
    /// figure is the size of the noun to reach, a goal, not a condition on it.
    fn is_level_of_noun(&self, q: &Quantity, cs: usize, after: usize, ce: usize) -> bool {
        let (chars, cues) = (self.chars, self.cues);
        let before = spaces_back(chars, q.span.start, cs);
        if cues.role("level_before").ending_at(chars, before).is_none()
            || chars.get(after) != Some(&'的')
        {
            return false;
        }
        let mut end = (after + 1..ce)
            .find(|&i| matches!(chars[i], '（' | '('))
            .unwrap_or(ce);
        while end > after + 1 && !is_cjk(chars[end - 1]) {
            end -= 1;
        }
        end - after <= 12 && cues.role("level_noun").ending_at(chars, end).is_some()
    }

    /// A bounded share of a noun ("应免费提供不少于30%的场地"): a percent right before 的 with a
    /// comparator before it is how much of the noun, not a condition on it — unless a change
    /// verb or a metric before the bound makes it an attribute (营业收入增长超过20%的企业,
    /// 平均担保费率不超过1%的担保业务).
    fn is_share(
        &self,
        q: &Quantity,
        cmp: Option<Comparator>,
        before: usize,
        after: usize,
        cs: usize,
    ) -> bool {
        q.unit_class == Some(UnitClass::Percent)
            && self.chars.get(after) == Some(&'的')
            && after == q.span.end
            && matches!(cmp, Some(Comparator::AtLeast | Comparator::AtMost))
            && before < q.span.start
            && self.changes.find_in(self.chars, cs, before).is_none()
            // 平均担保费率不超过1%的担保业务: a rate of the noun, a condition on it
            && self.cues.role("metric_head").ending_at(self.chars, before).is_none()
    }

    /// A size standard qualifying a noun rather than a goal: a bound after the number with a
    /// noun going on after it (30户以上自然村寨, 25度以上陡坡旱地), when the unit is physical, when
    /// a count stands right before it (957个50户以上…村寨), or when a later figure of the clause
    /// takes it into its metric with no list separator between (…村寨生活垃圾收运设施覆盖率达90%).
    /// "培育10个以上全国农业品牌精品" stays a goal: a count, alone in its clause.
    fn is_standard(
        &self,
        k: usize,
        q: &Quantity,
        class: UnitClass,
        after: usize,
        ce: usize,
    ) -> bool {
        let (chars, cues) = (self.chars, self.cues);
        let mut end = q.span.end;
        while end < after && is_space(chars[end]) {
            end += 1;
        }
        let bound_after = ["at_least_after", "at_most_after"]
            .iter()
            .any(|r| cues.role(r).at(chars, end).is_some());
        let noun_after = after < ce
            && chars.get(after).is_some_and(|c| is_cjk(*c))
            && cues.role("metric_stop").at(chars, after).is_none()
            && self.seps.at(chars, after).is_none();
        if !(bound_after && noun_after) {
            return false;
        }
        if class == UnitClass::Physical {
            return true;
        }
        let adjacent_count = k > 0 && {
            let p = &self.qs[k - 1];
            p.span.end == q.span.start && p.unit_class == Some(UnitClass::Count)
        };
        let taken_by_later = self.qs[k + 1..]
            .iter()
            .take_while(|t| t.span.start < ce)
            .find(|t| t.unit_class.is_some_and(is_target_class))
            .is_some_and(|t| (after..t.span.start).all(|i| self.seps.at(chars, i).is_none()));
        adjacent_count || taken_by_later
    }

    /// An amendment's operation, not a goal: the count of articles or clauses a revision adds,
    /// placed by a `placement` cue right after its clause (增加一条，作为第九条：…).
    fn is_amendment(&self, after: usize) -> bool {
        let chars = self.chars;
        let skip = |k: usize| skip_spaces(chars, k);
        let k = skip(after);
        matches!(chars.get(k), Some('，' | ','))
            && self.cues.role("placement").at(chars, skip(k + 1)).is_some()
    }

    /// Rules rather than goals: a frequency (每5年修订1次),
    /// alternatives in a definition (两个或者两个以上), an added eligibility condition
    /// (且企业员工总数不少于10人).
    fn is_rule(&self, q: &Quantity, cs: usize, before: usize, after: usize) -> bool {
        let (chars, cues) = (self.chars, self.cues);
        let unit: Vec<char> = q.unit.chars().collect();
        if cues.role("frequency_unit").iter().any(|u| u == &unit[..])
            && cues.role("per").find_in(chars, cs, before).is_some()
        {
            return true;
        }
        let alternative = cues.role("alternative");
        let numeral_at = |i: usize| chars.get(i).is_some_and(|c| numbers::is_numeral_char(*c));
        if alternative
            .at(chars, after)
            .is_some_and(|len| numeral_at(after + len))
            || alternative.ending_at(chars, before).is_some()
        {
            return true;
        }
        // a cap on what a measure grants (最高不超过…贷款总额度的10%, 最多2个), also when it is
        // the comparator right before the number (给予最高50%补助)
        if cues
            .role("cap_lead")
            .find_in(chars, cs, q.span.start)
            .is_some()
        {
            return true;
        }
        // a planning standard per unit (按照每千人口不少于10个托位规划)
        if let Some((p, len)) = cues.role("standard_lead").find_in(chars, cs, before) {
            if cues.role("per").find_in(chars, p + len, before).is_some() {
                return true;
            }
        }
        let mut s = cs;
        while s < before && is_space(chars[s]) {
            s += 1;
        }
        cues.role("condition_lead").at(chars, s).is_some()
    }

    /// A number with a scale (万, 亿) and no unit before a noun naming people (`people_noun`:
    /// 中小学生, 贫困人口, 农民工 …), perhaps after a few modifiers (农村, 建档立卡):
    /// "为200万中小学生开展心理健康测评", "为100万农村学生提供…" count people.
    /// Returns where the noun ends: the metric is the noun phrase up to there.
    fn counts_people(&self, q: &Quantity) -> Option<usize> {
        const MODIFIERS: usize = 4;
        if q.unit_class.is_some() || !q.unit.is_empty() || q.scale.is_none() || q.is_range() {
            return None;
        }
        let nouns = self.cues.role("people_noun");
        let chars = self.chars;
        (q.span.end..chars.len().min(q.span.end + MODIFIERS + 1))
            .take_while(|&i| is_cjk(chars[i]) && !numbers::is_numeral_char(chars[i]))
            .find_map(|i| {
                let len = nouns.at(chars, i)?;
                let stop = self.cues.role("metric_stop").find_in(chars, q.span.end, i);
                stop.is_none().then_some(i + len)
            })
    }

    /// Where the 由 / 从 of a change base between `from` and `to` starts (see
    /// [`Self::change_base`]).
    fn base_from(&self, from: usize, to: usize, ce: usize) -> Option<usize> {
        let lo = self.qs.partition_point(|t| t.span.start < from);
        self.qs[lo..]
            .iter()
            .take_while(|t| t.span.end <= to)
            .find(|t| self.change_base(t, from, ce))
            .and_then(|t| {
                lexicon()
                    .money
                    .role("change_from")
                    .rfind_in(self.chars, from, t.span.start)
            })
            .map(|(p, _)| p)
    }

    /// The level a change starts from: "占全省比重由60%提高到65%" — the figure after 由 / 从
    /// (`change_from`) with a verb of change to a level (`change_to`: 提高到, 降至…) after it in
    /// its clause, no other figure between, is where the metric stands now, not a goal (65% is).
    fn change_base(&self, q: &Quantity, cs: usize, ce: usize) -> bool {
        let (chars, money) = (self.chars, &lexicon().money);
        let Some((p, len)) = money.role("change_from").rfind_in(chars, cs, q.span.start) else {
            return false;
        };
        let Some((t, _)) = money.role("change_to").find_in(chars, q.span.end, ce) else {
            return false;
        };
        // only a year may stand between 由 and the figure (由2017年的60%提高到…)
        let figure_between = |from: usize, to: usize| {
            let lo = self.qs.partition_point(|o| o.span.start < from);
            self.qs[lo..]
                .iter()
                .take_while(|o| o.span.start < to)
                .any(|o| o.span.end <= to && o.span != q.span && calendar_year(o).is_none())
        };
        !figure_between(p + len, q.span.start) && !figure_between(q.span.end, t)
    }

    /// Whether `q` is the quantity of a `first_one` cue (see [`first_ones`]).
    fn is_first_one(&self, q: &Quantity) -> bool {
        q.unit.is_empty()
            && self.cues.role("first_one").at(self.chars, q.span.start) == Some(q.span.len())
    }

    /// Whether `at` is in a section whose heading names goals (（二）主要目标。…).
    fn in_goal_section(&self, at: usize) -> bool {
        self.goals.iter().any(|&(s, e)| s <= at && at < e)
    }

    /// The year of the plan section holding `at`.
    fn plan_year(&self, at: usize) -> Option<i32> {
        self.plans
            .iter()
            .find(|&&(s, e, _)| s <= at && at < e)
            .map(|&(_, _, y)| y)
    }

    /// A figure of the past: in a section reviewing past work, or after 去年 in its sentence.
    fn in_past(&self, at: usize, ss: usize) -> bool {
        self.reviews.iter().any(|&(s, e)| s <= at && at < e)
            || self.cues.role("past").find_in(self.chars, ss, at).is_some()
    }

    /// Where the metric of quantity `k` may start: after the clause start, the previous target
    /// of the clause and any year or duration before the number; with, when a year or duration
    /// set that limit, where the metric may start before it and where it starts: "全省高新技术企业三年内达到1000家"
    /// names its metric before 三年内, with nothing after it.
    fn metric_limits(
        &self,
        k: usize,
        drafts: &[Draft],
        prev: Option<usize>,
        cs: usize,
        before: usize,
    ) -> (usize, Option<(usize, usize)>) {
        let mut l = cs;
        if let Some(p) = prev {
            l = l.max(drafts[p].end);
        }
        let outer = l;
        let mut time_start = None;
        // a year or duration before the number is not part of the metric, nor the word
        // closing it (三年内, 2025年底前); a base year (较2020年) is trimmed off the metric's end
        for t in self.qs[..k].iter().rev().take_while(|t| t.span.start >= cs) {
            if t.span.end <= before
                && t.span.start >= cs
                && t.unit_class == Some(UnitClass::Time)
                && (calendar_year(t).is_none() || self.base_year(t).is_none())
            {
                let mut end = t.span.end;
                let suffix = ["time_suffix", "deadline_after"]
                    .iter()
                    .filter_map(|r| self.cues.role(r).at(self.chars, end))
                    .max();
                if let Some(len) = suffix.filter(|len| end + len <= before) {
                    end += len;
                }
                if end > l {
                    l = end;
                    time_start = Some(t.span.start);
                }
            }
        }
        (l, time_start.filter(|&t| t > outer).map(|t| (outer, t)))
    }

    /// `分别` right before the value: (its position, where its list may start).
    fn fenbie_before(&self, before: usize, limit: usize) -> Option<(usize, usize)> {
        let chars = self.chars;
        let mut b = spaces_back(chars, before, limit);
        // "分别下降8%、9%", "分别比2020年下降8%、9%": the verb of change or level, and the
        // base of the change, between 分别 and the values
        if let Some(len) = ["increase", "decrease", "level_before"]
            .iter()
            .filter_map(|role| self.cues.role(role).ending_at(chars, b))
            .filter(|&len| b >= limit + len)
            .max()
        {
            // the base, as a metric's end is trimmed of it: a calendar year after its cue
            // (比2020年), else a `strip_trail` word of comparison (较上年, 同比) — not 分别 itself
            let at = b - len;
            b = self.base_year_ending_at(limit, at).unwrap_or_else(|| {
                match self.strip_trail.ending_at(chars, at) {
                    Some(l) if at >= limit + l && chars[at - l..at] != ['分', '别'] => at - l,
                    _ => at,
                }
            });
        }
        if b >= limit + 2 && chars[b - 2..b] == ['分', '别'] {
            Some((b - 2, limit))
        } else {
            None
        }
    }

    /// The noun phrase the number counts: after the unit when a noun follows it, else before
    /// the number up to the governing verb or `limit`.
    fn metric(&self, before: usize, after: usize, limit: usize, ce: usize, count: bool) -> Metric {
        let (chars, cues, seps) = (self.chars, self.cues, self.seps);
        let next = chars.get(after).copied();
        let noun_follows = after < ce
            && next.is_some_and(|c| is_cjk(c) || c == '“')
            && cues.role("metric_stop").at(chars, after).is_none()
            && seps.at(chars, after).is_none()
            && cues.role("at_least_before").at(chars, after).is_none()
            && cues.role("level_before").at(chars, after).is_none();

        if noun_follows {
            // B: 培育300家市级“专精特新中小企业”
            let mut e = after;
            // a quote after a long noun starts a name of its own: 1个专业协会“五个一”公共服务体系
            // (but 300家市级“专精特新中小企业” keeps its short modifier)
            // 3000名技能人才和8000名新型职业农民: a separator before the next number ends it
            let next_item = |e: usize| {
                seps.at(chars, e).is_some_and(|len| {
                    chars
                        .get(e + len)
                        .is_some_and(|c| numbers::is_numeral_char(*c))
                })
            };
            let scan_from = |from: usize| {
                let mut e = from;
                while e < ce
                    && e - from < 30
                    && !matches!(chars[e], '、' | '（' | '(')
                    && !(chars[e] == '“' && e - from >= 4)
                    && (e == from || cues.role("metric_stop").at(chars, e).is_none())
                    && !next_item(e)
                {
                    e += 1;
                }
                e
            };
            e = scan_from(e);
            // 1-2个功能健全、设施配套完善、具有典型示范效应的婴幼儿照护服务机构: what comes
            // before a 的 describes the head after it, and the head is what is counted
            let mut s = after;
            if let Some(d) = self.head_after_modifiers(after, e, ce).filter(|_| count) {
                s = d + 1;
                e = scan_from(s);
            }
            let b = spaces_back(chars, before, limit);
            let verb = self
                .verbs
                .ending_at(chars, b)
                .is_some_and(|len| !self.inside_not_verb(b - len, len));
            Metric {
                span: Span::new(s, e),
                verb,
                end: e,
                start: before,
            }
        } else {
            // A: 培育创新型中小企业2000家
            let e = before;
            let mut s = limit;
            let mut verb = self.verb_in(limit, e);
            // 完成高标准农田建设3.5万亩: a verb right before the number names the work counted
            // (a noun there), which starts after the verb before it, if any; the verb still
            // makes the figure governed. A verb of reaching there (实现, 完成) is no work: the
            // metric is before it
            let mut work_start = None;
            if let Some((p, len)) = verb {
                let reaching = ["reach_verb", "level_before"]
                    .iter()
                    .any(|r| self.cues.role(r).at(chars, p).is_some());
                if p > limit && !reaching && spaces_back(chars, e, p + len) == p + len {
                    let from = self.verb_in(limit, p).map_or(limit, |(q, l)| q + l);
                    if self.trim_metric(from, p).0 < p {
                        work_start = Some(from);
                    }
                }
            }
            if verb.is_none() {
                // 改造城市危旧房5000套, but not 培育技术改造示范线100条: these govern only from
                // the start of the phrase
                let (mut t, _) = self.trim_metric(limit, e);
                // an item's circled number: ⑨改造城市危旧房5000套
                while t < e && ('\u{2460}'..='\u{2473}').contains(&chars[t]) {
                    t += 1;
                }
                verb = self.cues.role("verb_lead").at(chars, t).map(|len| (t, len));
            }
            if let Some((p, len)) = verb {
                s = work_start.unwrap_or(p + len);
            }
            // 主要目标是全省研发经费投入强度达到2.5%: what the goal is comes after its lead
            if let Some((p, len)) = self.cues.role("goal_lead").rfind_in(chars, s, e) {
                s = s.max(p + len);
            }
            // 收入增长2.5%: the metric ends before the change; 提高代偿容忍度至10%: it follows it
            let untrimmed = e;
            let (mut s, mut e) = self.trim_metric(s, e);
            // 人口自然增长率控制在5‰以内: 增长 inside a noun (增长率, 增加值) is no change
            let not_noun =
                |&(p, _): &(usize, usize)| self.cues.role("change_noun").at(chars, p).is_none();
            // 浓度降至35: a change ending in 至 / 到 right before the number, whose trimmed
            // remainder (降) is no cue of its own.
            // Of the cues ending there and at the trimmed end, the longer (下降至: 下降, not 降至).
            let at_untrimmed = self
                .changes
                .rfind_in(chars, s, untrimmed)
                .filter(|&(p, len)| p + len == untrimmed)
                .filter(not_noun);
            let anywhere = self.changes.rfind_in(chars, s, e).filter(not_noun);
            let change = match (at_untrimmed, anywhere) {
                (Some(u), Some(t)) if t.0 + t.1 == e && t.0 < u.0 => Some(t),
                (Some(u), _) => Some(u),
                (None, t) => t,
            };
            if let Some((p, len)) = change {
                if p + len == e || p + len == untrimmed {
                    e = p;
                } else {
                    s = p + len;
                }
                (s, e) = self.trim_metric(s, e);
            }
            Metric {
                span: Span::new(s, e.max(s)),
                verb: verb.is_some(),
                end: after,
                start: s,
            }
        }
    }

    /// A figure inside one item of a list of names (高山滑雪、跳台滑雪、冬季两项、速度滑冰…): the
    /// metric read before it runs over a 、, and a 、 right after it opens an item with no
    /// figure, so the number belongs to a name. A count of a list ends the list
    /// (龙头企业、骨干企业100家), and 学校10所、幼儿园20所 has figures in each item.
    fn inside_enumeration(&self, metric: Span, after: usize, ce: usize) -> bool {
        let chars = self.chars;
        if metric.end > after || !chars[metric.start..metric.end].contains(&'、') {
            return false;
        }
        if chars.get(after) != Some(&'、') {
            return false;
        }
        let next = (after + 1..ce).find(|&i| chars[i] == '、').unwrap_or(ce);
        next > after + 1
            && !chars[after + 1..next]
                .iter()
                .any(|c| numbers::is_numeral_char(*c))
    }

    /// The 的 that ends the modifiers of a counted noun read after the number (`after..stop`,
    /// stopped at 的 or at a 、 between modifiers): only when no other figure comes before it
    /// and a noun follows it, so 3000名技能人才、8000名… stays two items. Counts only: after
    /// a percent the noun is what is shared (持有50%以上股权的公司).
    fn head_after_modifiers(&self, after: usize, stop: usize, ce: usize) -> Option<usize> {
        let chars = self.chars;
        if stop <= after
            || stop >= ce
            || !matches!(chars[stop], '的' | '、')
            || chars[after..stop]
                .iter()
                .any(|c| numbers::is_numeral_char(*c))
        {
            return None;
        }
        let d = (stop..ce.min(stop + 40)).find(|&i| {
            matches!(chars[i], '的' | '，' | '。' | '；' | '（' | '(')
                || numbers::is_numeral_char(chars[i])
        })?;
        let head = chars.get(d + 1).copied()?;
        (chars[d] == '的'
            && d + 1 < ce
            && is_cjk(head)
            && self.cues.role("metric_stop").at(chars, d + 1).is_none())
        .then_some(d)
    }

    /// The last governing verb in `from..to` that is no part of a noun beginning with it
    /// (开发区, 建成区: `not_verb`).
    fn verb_in(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to).rev().find_map(|i| {
            let len = self.verbs.at(self.chars, i).filter(|len| i + len <= to)?;
            (!self.inside_not_verb(i, len)).then_some((i, len))
        })
    }

    /// The verb at `at..at + len` lies inside a `not_verb` word (开发 in 开发区).
    fn inside_not_verb(&self, at: usize, len: usize) -> bool {
        let words = self.cues.role("not_verb");
        (at.saturating_sub(4)..=at).any(|k| {
            words
                .at(self.chars, k)
                .is_some_and(|l| k + l >= at + len && k + l > at)
        })
    }

    /// Where a base the metric is compared with starts, when one ends the metric at `e`
    /// (单位地区生产总值能耗较2020年, …与2020年相比): a `base_before` cue, a calendar year,
    /// perhaps a `base_after` word.
    fn base_year_ending_at(&self, s: usize, e: usize) -> Option<usize> {
        let (chars, cues) = (self.chars, self.cues);
        let mut end = e;
        if let Some(len) = cues.role("base_after").ending_at(chars, end) {
            end -= len.min(end);
        }
        let lo = self.qs.partition_point(|t| t.span.end < end);
        let year = self.qs[lo..]
            .iter()
            .take_while(|t| t.span.end <= end)
            .find(|t| t.span.end == end && calendar_year(t).is_some())?;
        self.base_year(year).filter(|&p| p >= s)
    }

    /// A calendar year written as the base of a comparison (较2020年, 比2020年): where its cue
    /// starts.
    fn base_year(&self, year: &Quantity) -> Option<usize> {
        let mut b = year.span.start;
        while b > 0 && is_space(self.chars[b - 1]) {
            b -= 1;
        }
        self.cues
            .role("base_before")
            .ending_at(self.chars, b)
            .map(|len| b - len)
    }

    /// "1.地区生产总值：年均增长7%": a clause with no metric of its own, right after the label
    /// that opens its line, measures what the label names.
    fn field_label(&self, cs: usize) -> Option<(usize, usize)> {
        let chars = self.chars;
        let e = spaces_back(chars, cs, 0);
        if e == 0 || !matches!(chars[e - 1], '：' | ':') {
            return None;
        }
        let e = spaces_back(chars, e - 1, 0);
        let mut s = e;
        while s > 0 && e - s <= MAX_LABEL && !is_label_stop(chars[s - 1]) {
            s -= 1;
        }
        // the label opens its line
        let line_start = chars[..s]
            .iter()
            .rev()
            .find(|&&c| c == '\n' || !is_space(c))
            .is_none_or(|&c| c == '\n');
        if e - s > MAX_LABEL || !line_start {
            return None;
        }
        // its item's number ("2.一般公共预算收入": item_number_len keeps "2." before a numeral)
        let s = s + heading_number_len(&chars[s..e]);
        let (s, e) = self.trim_metric(s, e);
        (e > s
            && chars[s..e]
                .iter()
                .all(|&c| is_cjk(c) || c.is_alphanumeric())
            && self
                .cues
                .role("label_not_metric")
                .ending_at(chars, e)
                .is_none())
        .then_some((s, e))
    }

    /// Trim spaces, separators and adverbs on both ends of `s..e`.
    fn trim_metric(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        let (chars, seps) = (self.chars, self.seps);
        loop {
            let before_trim = (s, e);
            while s < e && (is_space(chars[s]) || seps.at(chars, s).is_some()) {
                s += seps.at(chars, s).unwrap_or(1);
            }
            if let Some(len) = self.strip_lead.at(chars, s) {
                if s + len <= e {
                    s += len;
                }
            }
            // （七）单位GDP能耗下降5%: the number of the item the line opens is not part of
            // the metric (but 一、二、三产增加值 inside a sentence is)
            if chars[..s]
                .iter()
                .rev()
                .find(|&&c| c == '\n' || !is_space(c))
                .is_none_or(|&c| c == '\n')
            {
                s += item_number_len(&chars[s..e]);
            }
            e = spaces_back(chars, e, s);
            // …均 is trimmed (各项指标均增长), but 人均 is the metric's own word (人均增收)
            let per_capita = lexicon().money.role("per_capita").ending_at(chars, e);
            if let Some(len) = self.strip_trail.ending_at(chars, e) {
                if e >= s + len && per_capita.is_none_or(|p| p <= len) {
                    e -= len;
                }
            }
            if let Some(b) = self.base_year_ending_at(s, e) {
                e = b;
            }
            // 实现“森林覆盖率达到60%”: a quote the metric opens or closes without its pair
            if s < e && chars[s] == '“' && !chars[s..e].contains(&'”') {
                s += 1;
            }
            if e > s && chars[e - 1] == '”' && !chars[s..e].contains(&'“') {
                e -= 1;
            }
            if (s, e) == before_trim {
                return (s, e);
            }
        }
    }

    /// The metric's text, and a money size threshold inside it as the qualifier:
    /// 主营业务收入10亿元以上“行业小巨人”.
    fn metric_and_qualifier(&self, span: Span) -> (String, Option<String>) {
        let chars = self.chars;
        let mut metric_start = span.start;
        let mut qualifier = None;
        let lo = self.qs.partition_point(|t| t.span.start < span.start);
        for t in self.qs[lo..].iter().take_while(|t| t.span.start < span.end) {
            if t.unit_class == Some(UnitClass::Money)
                && t.span.start >= span.start
                && t.span.end <= span.end
            {
                if let Some(len) = ["以上", "以下"]
                    .iter()
                    .find(|w| {
                        let w: Vec<char> = w.chars().collect();
                        chars.get(t.span.end..t.span.end + w.len()) == Some(&w[..])
                    })
                    .map(|w| w.chars().count())
                {
                    qualifier = Some(text_of(chars, span.start, t.span.end + len));
                    metric_start = t.span.end + len;
                    // 30万元以上的村占比: the 的 joins the qualifier to the metric
                    if chars.get(metric_start) == Some(&'的') && metric_start + 1 < span.end {
                        metric_start += 1;
                    }
                }
            }
        }
        let metric = text_of(chars, metric_start, span.end).trim().to_owned();
        (metric, qualifier)
    }

    /// List continuation: only a separator between the previous target and this one.
    fn continues(&self, drafts: &[Draft], prev: Option<usize>, start: usize) -> Option<usize> {
        prev.filter(|&p| {
            // a metric read after its unit may reach back over the previous expression's end
            let gap: String = text_of(self.chars, drafts[p].end.min(start), start);
            let gap = gap.trim();
            gap.is_empty()
                || self.seps.at(&gap.chars().collect::<Vec<_>>(), 0) == Some(gap.chars().count())
        })
    }

    /// The deadline year, the "within N years" and the period that govern `q` (in sentence
    /// `ss..`).
    fn scopes(&self, q: &Quantity, ss: usize) -> (Option<i32>, Option<u32>, Option<Period>) {
        let (chars, cues) = (self.chars, self.cues);
        // scopes never reach past a paragraph: look back only that far
        let (ps, _) = self.seg.paragraph(q.span.start);
        let in_scope = |at: usize, until: usize| at <= q.span.start && q.span.start < until;
        let years = &self.years;
        let year = years[..years.partition_point(|y| y.at <= q.span.start)]
            .iter()
            .rev()
            .take_while(|y| y.at >= ps)
            .find(|y| in_scope(y.at, y.until));
        let withins = &self.withins;
        let within = withins[..withins.partition_point(|w| w.at <= q.span.start)]
            .iter()
            .rev()
            .take_while(|w| w.at >= ps)
            .find(|w| in_scope(w.at, w.until));
        let period = {
            // 年均增长8%以上，…下降13.5%: an average rate is its own clause's
            let (cs, _) = self.seg.clause(q.span.start);
            let annual = cues
                .role("annual")
                .rfind_in(chars, ss, q.span.start)
                .or_else(|| cues.role("annual_rate").rfind_in(chars, cs, q.span.start));
            let cumulative = cues.role("cumulative").rfind_in(chars, ss, q.span.start);
            let newest = match (annual, cumulative) {
                (Some(a), Some(c)) if c.0 > a.0 => Some((c.0, Period::Cumulative)),
                (Some(a), _) => Some((a.0, Period::Annual)),
                (None, Some(c)) => Some((c.0, Period::Cumulative)),
                _ => None,
            };
            // a deadline after the period cue ends its reign
            newest
                .filter(|(p, _)| year.is_none_or(|y| y.at < *p || y.at < ss))
                .map(|(_, w)| w)
                .or(within.map(|_| Period::WithinYears))
        };
        (year.map(|y| y.what), within.map(|w| w.what), period)
    }

    /// "分别稳定在80%、86%以上": a bound written once after the last of a list of values
    /// joined by separators (、, 和) applies to the bare values before it, over a cue before
    /// the first (稳定在, about) — "7%左右、5%以上" keep their own.
    fn shared_bounds(&self, drafts: &mut [Draft]) {
        let chars = self.chars;
        let skip = |k: usize| skip_spaces(chars, k);
        let bound_at = |k: usize| {
            [
                ("at_least_after", Comparator::AtLeast),
                ("at_most_after", Comparator::AtMost),
                ("about_after", Comparator::About),
            ]
            .into_iter()
            .filter_map(|(r, c)| self.cues.role(r).at(chars, k).map(|len| (len, c)))
            .max_by_key(|(len, _)| *len)
            .map(|(_, c)| c)
        };
        for i in (0..drafts.len().saturating_sub(1)).rev() {
            let (a, b) = (&drafts[i].target, &drafts[i + 1].target);
            if drafts[i].clause != drafts[i + 1].clause || a.unit != b.unit {
                continue;
            }
            let a_end = skip(a.value_span.end);
            if bound_at(a_end).is_some() {
                continue;
            }
            let joined = self
                .seps
                .at(chars, a_end)
                .is_some_and(|len| skip(a_end + len) == b.value_span.start);
            if let Some(c) = joined.then(|| bound_at(skip(b.value_span.end))).flatten() {
                drafts[i].target.comparator = c;
            }
        }
    }

    /// A list of metrics right before a list of as many values, with no metric of their own
    /// (建设省级示范园区、市级示范园区10个、20个): item by item, each value counts its item, as
    /// with 分别. When only the last item ends with a `metric_head` (马铃薯种植、收获机械化率)
    /// the items share it: each keeps the whole list as its metric, with its item.
    fn value_lists(&self, drafts: &mut [Draft]) {
        let chars = self.chars;
        let heads = self.cues.role("metric_head");
        for i in 0..drafts.len() {
            let Some(span) = drafts[i].list_metric else {
                continue;
            };
            if drafts[i].fenbie.is_some() || drafts[i].shared.is_some() {
                continue;
            }
            let mut group = vec![i];
            while let Some(&last) = group.last() {
                let j = last + 1;
                let next = drafts
                    .get(j)
                    .filter(|d| d.continues == Some(last) && d.inherited && d.fenbie.is_none());
                if next.is_none() {
                    break;
                }
                group.push(j);
            }
            if group.len() < 2 {
                continue;
            }
            let items = split_items(chars, span, &['、']);
            if items.len() != group.len() || items.iter().any(|it| it.len() < 2) {
                continue;
            }
            let head_of = |it: &Vec<char>| heads.ending_at(it, it.len()).is_some();
            let shared_head =
                items.last().is_some_and(head_of) && !items[..items.len() - 1].iter().all(head_of);
            for (d, it) in group.iter().zip(&items) {
                let t = &mut drafts[*d].target;
                t.item = Some(text(it));
                if !shared_head {
                    t.metric = text(it);
                }
            }
        }
    }

    /// 分别 lists: "花生种植、收获机械化率分别达到65%和55%" gives each value its item.
    fn fenbie_lists(&self, drafts: &mut [Draft]) {
        let chars = self.chars;
        for i in 0..drafts.len() {
            let Some((at, from)) = drafts[i].fenbie else {
                continue;
            };
            let mut group = vec![i];
            let mut j = i + 1;
            while j < drafts.len() && drafts[j].continues == Some(*group.last().unwrap_or(&i)) {
                group.push(j);
                j += 1;
            }
            if let Some(items) = pairing::list_items(chars, from, at, group.len()) {
                for (d, sp) in group.iter().zip(items) {
                    drafts[*d].target.item = Some(text_of(chars, sp.start, sp.end));
                }
            }
        }
    }
}

/// No 分别 between the metric and the value: that pairs items with values instead.
fn fenbie_free(chars: &[char], from: usize, to: usize) -> bool {
    !chars[from.min(to)..to]
        .windows(2)
        .any(|w| w == ['分', '别'])
}

/// The items of a metric list joined by 、 outside brackets, as (item, item as metric);
/// `None` unless there are two or more, each ending with a `metric_head` noun (率, 人次,
/// 花费 …). When only the last item ends with a head of two or more characters, a noun of its
/// own (增加值, 收入, 产值), the list (joined by 、 or 和) names that noun of each item:
/// "文化产业和旅游业增加值均突破1450亿元" is 文化产业增加值 and 旅游业增加值. When the last
/// item's head is one character (率), the items before it share more of the last item than the
/// head ("马铃薯种植、收获机械化率均达到45%": 种植 and 收获 机械化率), which cannot be told from
/// the text alone: each item is a target of its own with the whole list as its metric.
fn shared_items(chars: &[char], span: Span, heads: &Words) -> Option<Vec<(String, String)>> {
    shared_heads(chars, span, heads).or_else(|| shared_short_head(chars, span, heads))
}

/// "马铃薯种植、收获机械化率均达到45%": items joined by 、 whose last one ends with a
/// one-character `metric_head` (率, 额, 量): one target per item, each with the whole list as
/// its metric (see [`shared_items`]).
fn shared_short_head(chars: &[char], span: Span, heads: &Words) -> Option<Vec<(String, String)>> {
    let items = split_items(chars, span, &['、']);
    let last = items.last()?;
    heads.ending_at(last, last.len()).filter(|&len| len == 1)?;
    if items.len() < 2 || items.iter().any(|i| i.len() < 2) {
        return None;
    }
    let whole = text_of(chars, span.start, span.end).trim().to_owned();
    Some(items.iter().map(|i| (text(i), whole.clone())).collect())
}

/// The items of [`shared_items`] when each names its own head or the last names a head of two or
/// more characters.
fn shared_heads(chars: &[char], span: Span, heads: &Words) -> Option<Vec<(String, String)>> {
    let own_heads = split_items(chars, span, &['、']);
    if own_heads
        .iter()
        .all(|i| i.len() >= 2 && heads.ending_at(i, i.len()).is_some())
        && own_heads.len() >= 2
    {
        return Some(own_heads.iter().map(|i| (text(i), text(i))).collect());
    }
    let items = split_items(chars, span, &['、', '和']);
    let last = items.last()?;
    let head = heads.ending_at(last, last.len()).filter(|&len| len >= 2)?;
    let head = &last[last.len() - head..];
    if items.len() < 2 || items.iter().any(|i| i.len() <= head.len() && i != last) {
        return None;
    }
    Some(
        items
            .iter()
            .map(|i| {
                let metric = if i.ends_with(head) {
                    text(i)
                } else {
                    text(i) + &text(head)
                };
                (text(i), metric)
            })
            .collect(),
    )
}

fn text(cs: &[char]) -> String {
    cs.iter().collect()
}

/// The items of `span` split at any of `seps` outside brackets and quotes, trimmed.
fn split_items(chars: &[char], span: Span, seps: &[char]) -> Vec<Vec<char>> {
    let mut items = Vec::new();
    let (mut depth, mut lo) = (0usize, span.start);
    for k in span.start..=span.end {
        let c = chars.get(k).copied();
        match c {
            Some('（' | '(' | '“') if k < span.end => depth += 1,
            Some('）' | ')' | '”') if k < span.end => depth = depth.saturating_sub(1),
            _ => {}
        }
        if k == span.end || (c.is_some_and(|c| seps.contains(&c)) && depth == 0) {
            let item: Vec<char> = text_of(chars, lo, k).trim().chars().collect();
            items.push(item);
            lo = k + 1;
        }
    }
    items
}

/// Characters of a heading number opening `chars` and followed by more text, as the outline
/// reads them (`number_at` on the first 12 characters, full-width digits folded); 0 when there
/// is none.
fn heading_number_len(chars: &[char]) -> usize {
    let head: String = chars
        .iter()
        .take(12)
        .map(|&c| policykg_text::fold::fold_alnum(c))
        .collect();
    policykg_outline::numbering::number_at(&head)
        .filter(|n| n.len < head.len())
        .map_or(0, |n| head[..n.len].chars().count())
}

/// Characters of an item number (`（七）`, `3.`, `一是`, `第二条`, `①`) opening `chars`, as the
/// outline reads heading numbers; 0 when there is none.
fn item_number_len(chars: &[char]) -> usize {
    // ①…⑳: a circled number, one character
    if chars
        .first()
        .is_some_and(|c| ('\u{2460}'..='\u{2473}').contains(c))
    {
        return 1;
    }
    let opens = chars.first().is_some_and(|&c| {
        matches!(c, '（' | '(' | '第' | '0'..='9' | '０'..='９') || numbers::is_numeral_char(c)
    });
    if !opens {
        return 0;
    }
    let len = heading_number_len(chars);
    // 一、二、三产: an enumeration of numerals, not an item number (but （六）万元GDP能耗: a
    // scale word after the number is a word of the metric)
    let digit = |c: char| {
        policykg_text::fold::fold_alnum(c).is_ascii_digit()
            || policykg_text::numeral::cn_digit(c).is_some()
    };
    match chars.get(len) {
        Some(&c) if len > 0 && digit(c) => 0,
        _ => len,
    }
}

/// Inside a short quotation, a name or slogan (“五个一”, “3个倍增”, “一张网、一个价”); a long
/// one with clauses is a quoted statement whose goals count (实现“引进……达到1500名左右，……”).
fn quoted_name(chars: &[char], from: usize, at: usize, to: usize) -> bool {
    if !inside_pair(chars, from, at, to, '“', '”') {
        return false;
    }
    let Some(o) = (from..at).rev().find(|&k| chars[k] == '“') else {
        return false;
    };
    let c = (at..to).find(|&k| chars[k] == '”').unwrap_or(to);
    !chars[o..c]
        .iter()
        .any(|ch| matches!(ch, '，' | '；' | '。'))
}

/// The top-level sections (a line opening with 一、 二、 …) that review past work or plan a
/// year's work.
struct Sections {
    /// A heading holds a `review_heading` cue: figures of the past.
    reviews: Vec<(usize, usize)>,
    /// A heading holds a calendar year and a `plan_heading` cue (二、2025年主要目标任务,
    /// 二、关于2025年工作): the year of every figure in it.
    plans: Vec<(usize, usize, i32)>,
    /// A heading's title ends with a `goal_heading` cue (（二）主要目标。, 一、发展目标): up to the
    /// next heading of its level or an outer one.
    goals: Vec<(usize, usize)>,
}

/// Where the white space before `k` starts, not before `floor`.
fn spaces_back(chars: &[char], mut k: usize, floor: usize) -> usize {
    while k > floor && is_space(chars[k - 1]) {
        k -= 1;
    }
    k
}

/// The first position from `k` that is no white space.
fn skip_spaces(chars: &[char], mut k: usize) -> usize {
    while k < chars.len() && is_space(chars[k]) {
        k += 1;
    }
    k
}

/// The lines of `chars`: (line start, its first character after white space, line end).
fn lines(chars: &[char]) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= chars.len() {
            return None;
        }
        let end = (start..chars.len())
            .find(|&k| chars[k] == '\n')
            .unwrap_or(chars.len());
        let text = (start..end).find(|&k| !is_space(chars[k])).unwrap_or(end);
        let line = (start, text, end);
        start = end + 1;
        Some(line)
    })
}

/// The review and plan sections, each up to the next heading of its kind.
fn sections(chars: &[char], cues: &Cues) -> Sections {
    // (start, review, planned year)
    let mut heads: Vec<(usize, bool, Option<i32>)> = Vec::new();
    for (start, i, end) in lines(chars) {
        if heading_level(chars, i, end).is_some_and(|(level, _)| level == 1) && end - i <= 40 {
            let review = cues.role("review_heading").find_in(chars, i, end).is_some();
            let plan = (!review)
                .then(|| heading_year(chars, i, end))
                .flatten()
                .filter(|&(_, at)| cues.role("plan_heading").find_in(chars, at, end).is_some())
                .map(|(y, _)| y);
            heads.push((start, review, plan));
        }
    }
    let mut out = Sections {
        reviews: Vec::new(),
        plans: Vec::new(),
        goals: goal_sections(chars, cues),
    };
    for (k, &(s, review, plan)) in heads.iter().enumerate() {
        let e = heads.get(k + 1).map_or(chars.len(), |h| h.0);
        if review {
            out.reviews.push((s, e));
        }
        if let Some(y) = plan {
            out.plans.push((s, e, y));
        }
    }
    out
}

/// The level of the heading number opening `chars[i..end]` (1: 一、, 2: （一）, 3: 1．) and
/// where its title starts.
fn heading_level(chars: &[char], i: usize, end: usize) -> Option<(u8, usize)> {
    let cn = |from: usize| {
        (from..end)
            .take_while(|&k| numbers::is_cn_numeral(chars[k]))
            .count()
    };
    // One space inside the number, as text copied out of a PDF has it (一 、, （ 二 ）), as the
    // outline reads heading numbers.
    let gap = |k: usize| usize::from(matches!(chars.get(k), Some(' ' | '\u{3000}')));
    let n = cn(i);
    let g = gap(i + n);
    if (1..=3).contains(&n) && chars.get(i + n + g) == Some(&'、') {
        return Some((1, i + n + g + 1));
    }
    if matches!(chars.get(i), Some('（' | '(')) {
        let o = i + 1 + gap(i + 1);
        let n = cn(o);
        let g = gap(o + n);
        if (1..=3).contains(&n) && matches!(chars.get(o + n + g), Some('）' | ')')) {
            return Some((2, o + n + g + 1));
        }
    }
    let d = (i..end).take_while(|&k| chars[k].is_ascii_digit()).count();
    if (1..=2).contains(&d) && matches!(chars.get(i + d), Some('．' | '.' | '、')) {
        return Some((3, i + d + 1));
    }
    None
}

/// Sections whose heading's title (up to 。 or ： or the line end, at most 12 characters) ends
/// with a `goal_heading` cue: "（二）主要目标。全市常住人口城镇化率65%…", each up to the next
/// heading of its level or an outer one.
fn goal_sections(chars: &[char], cues: &Cues) -> Vec<(usize, usize)> {
    const TITLE: usize = 12;
    let words = cues.role("goal_heading");
    let mut heads: Vec<(usize, u8, bool)> = Vec::new();
    for (start, i, end) in lines(chars) {
        if let Some((level, t)) = heading_level(chars, i, end) {
            let title_end = (t..end)
                .find(|&k| matches!(chars[k], '。' | '：' | ':'))
                .unwrap_or(end);
            let te = spaces_back(chars, title_end, t);
            let goal = te > t && te - t <= TITLE && words.ending_at(chars, te).is_some();
            heads.push((start, level, goal));
        }
    }
    heads
        .iter()
        .enumerate()
        .filter(|(_, h)| h.2)
        .map(|(k, &(s, level, _))| {
            let e = heads[k + 1..]
                .iter()
                .find(|h| h.1 <= level)
                .map_or(chars.len(), |h| h.0);
            (s, e)
        })
        .collect()
}

/// The first calendar year written in a heading (`2025年`), with where its 年 ends.
fn heading_year(chars: &[char], from: usize, to: usize) -> Option<(i32, usize)> {
    (from..to.saturating_sub(4)).find_map(|k| {
        let digits = &chars[k..k + 4];
        let starts = k == from || !chars[k - 1].is_ascii_digit();
        if !(starts && digits.iter().all(char::is_ascii_digit)) {
            return None;
        }
        // "2025 年": a copy out of a PDF spaces the digits from 年
        let nian = k + 4 + usize::from(chars.get(k + 4) == Some(&' '));
        if chars.get(nian) != Some(&'年') || nian >= to {
            return None;
        }
        let y: i32 = digits.iter().collect::<String>().parse().ok()?;
        (1949..=2100).contains(&y).then_some((y, nian + 1))
    })
}

/// The last target of clause `cs` ending before `at`.
fn previous_in_clause(drafts: &[Draft], cs: usize, at: usize) -> Option<usize> {
    drafts
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, d)| d.clause == cs)
        .find(|(_, d)| d.end <= at)
        .map(|(p, _)| p)
}

/// The longest label of a line naming an indicator, in characters.
const MAX_LABEL: usize = 20;

/// Ends the text before a label: it is no part of the label.
fn is_label_stop(c: char) -> bool {
    matches!(c, '\n' | '。' | '；' | ';' | '，' | ',' | '：' | ':')
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The unit of a doubling (翻一番: 1番, 翻两番: 2番).
const DOUBLING_UNIT: &str = "番";

/// "翻一番", "翻两番": after a `doubling` verb, a numeral and 番 — a quantity the number scanner
/// does not read (番 is no unit of its own: 一番努力), in unit 番, class ratio; the verb makes it
/// an increase (see [`Scan::draft`]).
fn doublings(chars: &[char], qs: &[Quantity], cues: &Cues) -> Vec<Quantity> {
    let unit: Vec<char> = DOUBLING_UNIT.chars().collect();
    // Every doubling ends with its unit, which most texts never write: one pass for it rather
    // than a look-up of the verbs at every character.
    if !chars.contains(&unit[0]) {
        return Vec::new();
    }
    let verbs = cues.role("doubling");
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let Some(len) = verbs.at(chars, i) else {
            continue;
        };
        let n = i + len;
        let digits = (n..chars.len())
            .take_while(|&k| chars[k].is_ascii_digit())
            .count();
        let (value, width) = if digits > 0 {
            let v: String = chars[n..n + digits].iter().collect();
            (v.parse::<u32>().ok(), digits)
        } else {
            // 翻一番 … 翻五番: one Chinese digit
            let v = chars
                .get(n)
                .and_then(|&c| policykg_text::numeral::cn_digit(c))
                .filter(|v| (1..=5).contains(v));
            (v, 1)
        };
        let Some(value) = value.filter(|v| (1..=10).contains(v)) else {
            continue;
        };
        let end = n + width + unit.len();
        if chars.get(n + width..end) != Some(&unit[..])
            || qs.iter().any(|q| q.span.start < end && n < q.span.end)
        {
            continue;
        }
        out.push(Quantity {
            span: Span::new(n, end),
            unit_start: n + width,
            value: Some(value.into()),
            min: None,
            max: None,
            unit: DOUBLING_UNIT.to_owned(),
            unit_class: Some(UnitClass::Ratio),
            scale: None,
            more: false,
            unit_inherited: false,
            form: if digits > 0 {
                numbers::Form::Arabic
            } else {
                numbers::Form::Chinese
            },
        });
    }
    out
}

/// "实现…零的突破", "零突破": a `first_one` cue, whose 零 is the count the goal starts from: at
/// least one of what the metric before it counts (上市企业零的突破: a first listed firm). A
/// quantity over the cue, value 1 and more (`more`: at least), no unit written, class count.
fn first_ones(chars: &[char], cues: &Cues) -> Vec<Quantity> {
    let words = cues.role("first_one");
    let mut out = Vec::new();
    let mut i = 0;
    while let Some((at, len)) = words.find_in(chars, i, chars.len()) {
        out.push(Quantity {
            span: Span::new(at, at + len),
            unit_start: at + len,
            value: Some(1.into()),
            min: None,
            max: None,
            unit: String::new(),
            unit_class: Some(UnitClass::Count),
            scale: None,
            more: true,
            unit_inherited: false,
            form: numbers::Form::Chinese,
        });
        i = at + len;
    }
    out
}
