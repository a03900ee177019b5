//! Numeric targets: "到2025年…省级专精特新企业5000家以上", "每年培育创新型中小企业2000家".
//!
//! A target is a number with a count, percent, ratio or physical unit (`ontology/lexicon/units.tsv`)
//! that something in its sentence marks as a goal: a deadline year in scope (到2025年, 2025年底前,
//! 力争到2030年), a period (每年 / 年均 → annual, 累计 → cumulative, 5年内 / 力争5年 → within
//! years), a comparator (以上 不少于 不低于 达到 超过 → at least; 以下 不超过 最高 以内 → at most;
//! 左右 约 → about), or a verb that governs the counted noun (培育 新增 遴选 建设 …). Cues are data:
//! `ontology/lexicon/target_cues.tsv`.
//!
//! The metric is the noun phrase the number counts, read from the text around it: before the
//! number up to the governing verb or the clause start ("培育创新型中小企业2000家" → 创新型中小企业),
//! or after the unit when a noun follows it ("培育300家市级“专精特新中小企业”").
//!
//! **Not targets** (decided and documented here):
//! - money (…元: [`crate::money`]), and percents in money rules (按…的10%给予奖补, 按50%…补助);
//! - dates, times, durations and ages (6月20日18：00, 30日内确认, 3—12个月, 16—24岁): their units
//!   are `time` / `age`;
//! - ordinals, codes, enumerators and the words of `not_numbers.txt` (see [`crate::numbers`]);
//! - numbers inside quotes or book titles: slogans and names ("3个倍增", “五个一”, 《…五年行动计划》);
//! - conditions: a number in a clause ending in 的 ("…达到…25%…劳动合同的，可申请"), or a number
//!   directly followed by 的 ("超过100人的企业"); size thresholds in money ("营收亿元以上工业企业")
//!   are reported as a target's `qualifier` when they qualify a counted metric;
//! - scope descriptions with no goal cue at all ("对4个方面、19个重点领域的60项重点内容逐一对照检查").

use crate::numbers::{
    self, is_space, lexicon, pairing, segment::Segments, text_of, Quantity, UnitClass,
};
use crate::{Comparator, Period, Target};
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
        let mut b = q.span.start;
        while b > 0 && is_space(chars[b - 1]) {
            b -= 1;
        }
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
    /// Index of the target this one continues ("50家以上、省级绿色工厂300家以上").
    continues: Option<usize>,
    /// `分别` right before the value: (position, where its list may start).
    fenbie: Option<(usize, usize)>,
}

pub fn find_with(text: &str, ctx: &Context) -> Vec<Target> {
    find_scanned(&numbers::Scanned::new(text), ctx)
}

/// [`find_with`] over a text already scanned (see [`numbers::Scanned`]).
pub fn find_scanned(scanned: &numbers::Scanned, ctx: &Context) -> Vec<Target> {
    let chars = &scanned.chars[..];
    let seg = &scanned.seg;
    let qs = &scanned.quantities;
    let years = deadlines(chars, seg, qs);
    let withins = within_years(chars, seg, qs);
    let lex = lexicon();
    let cues = &lex.target;
    let rate_cues = lex.money.role("rate_before");
    let seps = lex.pairing.role("separator");
    let strip_lead = cues.role("strip_lead");
    let strip_trail = cues.role("strip_trail");
    let verbs = cues.role("verb");

    let mut drafts: Vec<Draft> = Vec::new();
    for (k, q) in qs.iter().enumerate() {
        let Some(class) = q.unit_class.filter(|c| is_target_class(*c)) else {
            continue;
        };
        let (cs, ce) = seg.clause(q.span.start);
        let (ss, se) = seg.sentence(q.span.start);
        if inside_pair(chars, ss, q.span.start, se, '“', '”')
            || inside_pair(chars, ss, q.span.start, se, '《', '》')
        {
            continue;
        }
        if class == UnitClass::Percent && rate_cues.find_in(chars, cs, q.span.start).is_some() {
            continue; // 按…的10%给予奖补: a money rule
        }

        // comparators
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
        let mut before = q.span.start;
        while before > cs && is_space(chars[before - 1]) {
            before -= 1;
        }
        let mut cmp_before = None;
        for (role, c) in [
            ("at_least_before", Comparator::AtLeast),
            ("at_most_before", Comparator::AtMost),
            ("about_before", Comparator::About),
        ] {
            if let Some(len) = cues.role(role).ending_at(chars, before) {
                if before - len >= cs && cmp_before.is_none_or(|(l, _)| len > l) {
                    cmp_before = Some((len, c));
                }
            }
        }
        if let Some((len, _)) = cmp_before {
            before -= len;
        }
        // "达到50%左右" is about 50%: an after-comparator of approximation wins
        let comparator = match (cmp_before, cmp_after) {
            (_, Some((_, Comparator::About))) => Some(Comparator::About),
            (Some((_, c)), _) | (None, Some((_, c))) => Some(c),
            (None, None) => q.more.then_some(Comparator::AtLeast),
        };

        // conditions, not goals
        if chars.get(after) == Some(&'的') {
            continue;
        }
        let mut clause_end = ce;
        while clause_end > cs && is_space(chars[clause_end - 1]) {
            clause_end -= 1;
        }
        if clause_end > cs && chars[clause_end - 1] == '的' {
            continue;
        }

        // where the previous target of this clause ended
        let prev = drafts
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, d)| d.clause == cs)
            .find(|(_, d)| d.end <= q.span.start)
            .map(|(p, _)| p);
        let limit = {
            let mut l = cs;
            if let Some(p) = prev {
                l = l.max(drafts[p].end);
            }
            // a year or duration before the number is not part of the metric
            for t in qs[..k].iter().rev().take_while(|t| t.span.start >= cs) {
                if t.span.end <= before
                    && t.span.start >= cs
                    && t.unit_class == Some(UnitClass::Time)
                {
                    l = l.max(t.span.end);
                }
            }
            l
        };

        let mut fenbie = None;
        {
            let mut b = before;
            while b > limit && is_space(chars[b - 1]) {
                b -= 1;
            }
            if b >= limit + 2 && chars[b - 2..b] == ['分', '别'] {
                fenbie = Some((b - 2, limit));
            }
        }

        let next = chars.get(after).copied();
        let noun_follows = after < ce
            && next.is_some_and(|c| is_cjk(c) || c == '“')
            && cues.role("metric_stop").at(chars, after).is_none()
            && seps.at(chars, after).is_none()
            && cues.role("at_least_before").at(chars, after).is_none();

        let (metric_span, verb_found, end, start) = if noun_follows {
            // B: 培育300家市级“专精特新中小企业”
            let mut e = after;
            // a quote after a long noun starts a name of its own: 1个专业协会“五个一”公共服务体系
            // (but 300家市级“专精特新中小企业” keeps its short modifier)
            while e < ce
                && e - after < 30
                && !matches!(chars[e], '、' | '（' | '(')
                && !(chars[e] == '“' && e - after >= 4)
                && (e == after || cues.role("metric_stop").at(chars, e).is_none())
            {
                e += 1;
            }
            let mut b = before;
            while b > limit && is_space(chars[b - 1]) {
                b -= 1;
            }
            let verb = verbs.ending_at(chars, b).is_some();
            (Span::new(after, e), verb, e, before)
        } else {
            // A: 培育创新型中小企业2000家
            let mut e = before;
            let mut s = limit;
            let verb = verbs.rfind_in(chars, limit, e);
            if let Some((p, len)) = verb {
                s = p + len;
            }
            // trim spaces, separators and adverbs on both ends
            loop {
                let before_trim = (s, e);
                while s < e && (is_space(chars[s]) || seps.at(chars, s).is_some()) {
                    s += seps.at(chars, s).unwrap_or(1);
                }
                if let Some(len) = strip_lead.at(chars, s) {
                    if s + len <= e {
                        s += len;
                    }
                }
                while e > s && is_space(chars[e - 1]) {
                    e -= 1;
                }
                if let Some(len) = strip_trail.ending_at(chars, e) {
                    if e >= s + len {
                        e -= len;
                    }
                }
                if (s, e) == before_trim {
                    break;
                }
            }
            (Span::new(s, e.max(s)), verb.is_some(), after, s)
        };

        // a money size threshold inside the metric is a qualifier: 主营业务收入10亿元以上“行业小巨人”
        let mut metric_start = metric_span.start;
        let mut qualifier = None;
        let lo = qs.partition_point(|t| t.span.start < metric_span.start);
        for t in qs[lo..]
            .iter()
            .take_while(|t| t.span.start < metric_span.end)
        {
            if t.unit_class == Some(UnitClass::Money)
                && t.span.start >= metric_span.start
                && t.span.end <= metric_span.end
            {
                if let Some(len) = ["以上", "以下"]
                    .iter()
                    .find(|w| {
                        let w: Vec<char> = w.chars().collect();
                        chars.get(t.span.end..t.span.end + w.len()) == Some(&w[..])
                    })
                    .map(|w| w.chars().count())
                {
                    qualifier = Some(text_of(chars, metric_span.start, t.span.end + len));
                    metric_start = t.span.end + len;
                }
            }
        }
        let mut metric = text_of(chars, metric_start, metric_span.end)
            .trim()
            .to_owned();

        // list continuation: only a separator between the previous target and this one
        let continues = prev.filter(|&p| {
            let gap: String = text_of(chars, drafts[p].end, start);
            let gap = gap.trim();
            gap.is_empty()
                || seps.at(&gap.chars().collect::<Vec<_>>(), 0) == Some(gap.chars().count())
        });
        let mut comparator = comparator;
        if metric.is_empty() {
            // "分别达到65%和55%": the second value shares the metric and the comparator
            if let Some(p) = continues {
                metric = drafts[p].target.metric.clone();
                qualifier = qualifier.or(drafts[p].target.qualifier.clone());
                if comparator.is_none() && drafts[p].target.comparator != Comparator::Exactly {
                    comparator = Some(drafts[p].target.comparator);
                }
            }
        }

        // scopes never reach past a paragraph: look back only that far
        let (ps, _) = seg.paragraph(q.span.start);
        let in_scope = |at: usize, until: usize| at <= q.span.start && q.span.start < until;
        let year = years[..years.partition_point(|y| y.at <= q.span.start)]
            .iter()
            .rev()
            .take_while(|y| y.at >= ps)
            .find(|y| in_scope(y.at, y.until));
        let within = withins[..withins.partition_point(|w| w.at <= q.span.start)]
            .iter()
            .rev()
            .take_while(|w| w.at >= ps)
            .find(|w| in_scope(w.at, w.until));
        let period = {
            let annual = cues.role("annual").rfind_in(chars, ss, q.span.start);
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

        let signal = year.is_some()
            || ctx.year.is_some()
            || period.is_some()
            || comparator.is_some()
            || verb_found
            || continues.is_some_and(|p| drafts[p].signal);
        if !signal {
            continue;
        }
        let (value, min, max) = if q.is_range() {
            (None, q.min, q.max)
        } else {
            (q.value, None, None)
        };
        let target = Target {
            task: None,
            metric,
            value,
            min,
            max,
            unit: q.unit.clone(),
            comparator: comparator.unwrap_or(Comparator::Exactly),
            year: year.map(|y| y.what).or(ctx.year),
            period,
            within_years: within.map(|w| w.what),
            text: text_of(chars, cs, ce),
            span: Span::new(cs, ce),
            value_span: q.span,
            unit_kind: Some(class),
            scale: q.scale.clone(),
            qualifier,
            item: None,
        };
        drafts.push(Draft {
            target,
            end,
            clause: cs,
            signal,
            continues,
            fenbie,
        });
    }

    // 分别 lists: "花生种植、收获机械化率分别达到65%和55%"
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
    drafts.into_iter().map(|d| d.target).collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}
