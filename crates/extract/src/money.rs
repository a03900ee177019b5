//! Money: "一次性奖补80万元", "最高500万元", "不少于4000亿元专项信贷资金", exact in yuan.
//!
//! An amount is a number with the unit 元 (the scale is part of the number: 万元 = 10⁴ 元,
//! 亿元 = 10⁸ 元, "1.5万元" = 15000). Around it the finder reads, within its rule (the sentence
//! up to the amount, after the previous amount):
//! - **kind**: the nearest cue after the amount in its clause ("100万元奖补", "4000亿元专项信贷资金"),
//!   else the nearest before it (奖补/补助/补贴 → subsidy, 奖励 → award, 基金/总规模 → fund,
//!   信贷/贷款/授信 → credit, else other);
//! - **cap** (最高, 不超过, 最高不超过, …以内) and **floor** (不少于, 不低于, …以上); a bounded amount
//!   has `cap`/`floor` and no `yuan`; ranges (10—20万元) have `min_yuan`/`max_yuan`;
//! - **rate**: "按照项目设备购置额的10%给予奖补，最高500万元" is *one* amount: 10% of
//!   项目设备购置额, capped at 5000000;
//! - **one_off** (一次性), **per capita** (人均, 每人, 每户 …), **period** (每年), the **recipient**
//!   (the 对…的企业 phrase) and a **condition** clause ending in 的;
//! - **分别 lists**: "对获得国家级专精特新“小巨人”、单项冠军称号的企业分别给予一次性奖补100万元、200万元" is
//!   1000000 for 获得国家级专精特新“小巨人”称号的企业 and 2000000 for 获得单项冠军称号的企业 (the
//!   `recipient` is recomposed with the list item; `item` keeps the item itself). When the items
//!   cannot be matched one to one, the amounts are kept without items and a warning is raised.
//!
//! Every amount has a **role** (award, cap, threshold, fund, penalty, fee, other) and a
//! **currency** (CNY unless the unit is 美元, 欧元 …: those are kept in their own currency, never
//! converted).
//!
//! **Thresholds** are amounts too, with role `threshold`: size and eligibility conditions, an
//! amount right after 达到/超过/营收/收入, or followed by (及)以上/以下 and a noun ("5亿元以上企业",
//! "营收亿元以上工业企业", "投资额达到300万元", "500万元及以下的小微企业"). Each carries its
//! comparator, what it measures as written ("投资额") and the amounts its sentence pays under it
//! (`conditions`), so they can be asked for, never only filtered out.
//!
//! **Not amounts** (reported separately by [`find_all`], never dropped silently): rates with no
//! amount in their rule ("省、市财政分别按50%、30%给予宣传推广费用补助", "按设备投资额的10%予以奖补")
//! → [`Money::rates`].
//!
//! Cues are data: `ontology/lexicon/money_cues.tsv` and `pairing.tsv`.

pub(crate) mod tables;

use crate::numbers::{
    self, is_space, lexicon, pairing, segment::Segments, text_of, Quantity, UnitClass,
};
use crate::{
    Amount, AmountChange, AmountKind, AmountRole, Comparator, ExtractWarning, Period, Rate,
};
use policykg_read::Span;
use policykg_text::is_han;
use rust_decimal::Decimal;
use serde::Serialize;

/// Everything money-like in a text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Money {
    /// Every money figure in text order, thresholds included (role `threshold`); a threshold's
    /// `conditions` index this list.
    pub amounts: Vec<Amount>,
    /// Rates paid with no yuan amount in their rule.
    pub rates: Vec<RateRule>,
    pub warnings: Vec<ExtractWarning>,
}

impl Money {
    /// Sums that qualify who is eligible rather than being paid.
    pub fn thresholds(&self) -> impl Iterator<Item = &Amount> {
        self.amounts
            .iter()
            .filter(|a| a.role == AmountRole::Threshold)
    }
}

/// "省、市财政分别按50%、30%给予宣传推广费用补助": a rate with no yuan amount.
#[derive(Debug, Clone, Serialize)]
pub struct RateRule {
    pub rate: Rate,
    pub kind: AmountKind,
    pub one_off: bool,
    pub recipient: Option<String>,
    /// The element of a 分别 list this rate is paired with: "省", "市".
    pub item: Option<String>,
    pub text: String,
    pub span: Span,
    pub value_span: Span,
}

/// The amounts of `text` and what could not be read confidently; spans are character offsets
/// into `text`.
pub fn find(text: &str) -> (Vec<Amount>, Vec<ExtractWarning>) {
    let m = find_all(text);
    (m.amounts, m.warnings)
}

fn is_clause_punct(c: char) -> bool {
    numbers::segment::is_clause_end(c)
}

/// A run of amounts written as one list: "100万元、50万元和20万元".
struct Group {
    members: Vec<usize>,
    start: usize,
    end: usize,
}

pub fn find_all(text: &str) -> Money {
    find_all_scanned(&numbers::Scanned::new(text))
}

/// [`find_all`] over a text already scanned (see [`numbers::Scanned`]).
pub fn find_all_scanned(scanned: &numbers::Scanned) -> Money {
    let chars = &scanned.chars[..];
    let seg = &scanned.seg;
    let merged = bounded_ranges(chars, &scanned.quantities);
    let qs = merged.as_deref().unwrap_or(&scanned.quantities);
    let mut money = Money::default();
    let mut thresholds = Vec::new();
    digitless_thresholds(chars, seg, &mut thresholds);
    let amounts = classify(chars, seg, qs, &mut thresholds);
    let groups = group_lists(chars, qs, &amounts);
    let mut used_percents = read_groups(chars, seg, qs, &groups, &mut money);
    used_percents.sort_unstable();
    rate_rules(chars, seg, qs, &used_percents, &mut money);
    merge_thresholds(seg, &mut money.amounts, thresholds);
    link_new_levels(seg, &mut money.amounts);
    money
}

/// Links each amount that states a change (by how much, or the level before it) to the amount
/// stating the level reached: the next amounts of its sentence with no change of their own, a
/// run of previous levels paired in order with the run of new levels after it
/// ("分别由0.54万元、2.59万元下降至0.378万元、1.81万元").
fn link_new_levels(seg: &Segments, amounts: &mut [Amount]) {
    let mut i = 0;
    while i < amounts.len() {
        if amounts[i].change.is_none() {
            i += 1;
            continue;
        }
        let sentence = seg.sentence(amounts[i].value_span.start);
        let same = |a: &Amount| seg.sentence(a.value_span.start) == sentence;
        let run_end = (i..amounts.len())
            .find(|&k| amounts[k].change != amounts[i].change || !same(&amounts[k]))
            .unwrap_or(amounts.len());
        let levels: Vec<usize> = (run_end..amounts.len())
            .take_while(|&k| same(&amounts[k]) && amounts[k].change.is_none())
            .collect();
        if !levels.is_empty() {
            for (n, k) in (i..run_end).enumerate() {
                // more changes than levels: the last level is the one they reach
                amounts[k].new_level = Some(levels[n.min(levels.len() - 1)]);
            }
        }
        i = run_end;
    }
}

/// "一万元以上三万元以下", "2000万元及以上至1亿元": two quantities that are one range; `None`
/// when the text has none. One space may stand between the parts.
fn bounded_ranges(chars: &[char], qs: &[Quantity]) -> Option<Vec<Quantity>> {
    let is_money = |q: &Quantity| {
        matches!(
            q.unit_class,
            Some(UnitClass::Money | UnitClass::ForeignMoney)
        ) && !q.is_range()
    };
    // One space between the parts, as a copy out of a PDF has it ("10万元以上 50万元以下").
    let space = |at: usize| at + usize::from(chars.get(at) == Some(&' '));
    let word_at = |at: usize, w: [char; 2]| {
        let at = space(at);
        let at = at
            + lexicon()
                .money
                .role("bound_join")
                .at(chars, at)
                .unwrap_or(0);
        (chars.get(at..at + 2) == Some(&w[..])).then_some(at + 2)
    };
    let mut out: Option<Vec<Quantity>> = None;
    let mut k = 0;
    while k < qs.len() {
        // "2000万元及以上至1亿元": a floor, then a range word to the ceiling
        let to_ceiling = |hi: &Quantity| {
            word_at(qs[k].span.end, ['以', '上']).is_some_and(|p| {
                lexicon()
                    .money
                    .role("range_join")
                    .at(chars, p)
                    .is_some_and(|len| p + len == hi.span.start)
            })
        };
        let pair = qs.get(k + 1).filter(|hi| {
            is_money(&qs[k])
                && is_money(hi)
                && hi.unit == qs[k].unit
                && (word_at(qs[k].span.end, ['以', '上']).map(space) == Some(hi.span.start)
                    && word_at(hi.span.end, ['以', '下']).is_some()
                    || to_ceiling(hi))
        });
        match pair {
            Some(hi) => {
                let out = out.get_or_insert_with(|| qs[..k].to_vec());
                let mut q = hi.clone();
                q.span = Span::new(qs[k].span.start, hi.span.end);
                q.min = qs[k].low();
                q.max = hi.low();
                q.value = None;
                out.push(q);
                k += 2;
            }
            None => {
                if let Some(out) = out.as_mut() {
                    out.push(qs[k].clone());
                }
                k += 1;
            }
        }
    }
    out
}

/// The ISO 4217 code of a money unit: a `currency:XXX` role of `money_cues.tsv`, else CNY.
fn currency(unit: &str) -> String {
    let unit: Vec<char> = unit.chars().collect();
    lexicon()
        .money
        .roles()
        .filter_map(|(role, words)| Some((role.strip_prefix("currency:")?, words)))
        .find(|(_, words)| words.iter().any(|w| w == &unit[..]))
        .map_or_else(|| "CNY".to_owned(), |(code, _)| code.to_owned())
}

/// A threshold as an amount: its figure (or range), comparator and what it measures.
fn threshold_amount(
    chars: &[char],
    seg: &Segments,
    v: Values,
    comparator: Option<Comparator>,
    value_span: Span,
    currency: String,
) -> Amount {
    let (cs, ce) = seg.clause(value_span.start);
    Amount {
        yuan: v.yuan,
        min_yuan: v.min_yuan,
        max_yuan: v.max_yuan,
        comparator,
        measure: measure_after(chars, value_span.end, ce)
            .or_else(|| measure(chars, cs, value_span.start)),
        ..Amount::plain(
            AmountRole::Threshold,
            currency,
            text_of(chars, cs, ce),
            Span::new(cs, ce),
            value_span,
        )
    }
}

/// What a threshold measures, as written: the words of its clause right before the figure, after
/// the last `measure_stop` ("对固定资产投资1亿元以上" → 固定资产投资), without the `measure_link`
/// between them ("投资额达到300万元" → 投资额).
fn measure(chars: &[char], clause_start: usize, value_start: usize) -> Option<String> {
    let cues = &lexicon().money;
    let mut e = value_start;
    loop {
        while e > clause_start && is_space(chars[e - 1]) {
            e -= 1;
        }
        match cues
            .role("measure_link")
            .ending_at(chars, e)
            .filter(|l| e - l >= clause_start)
        {
            Some(l) => e -= l,
            None => break,
        }
    }
    let stop = cues.role("measure_stop");
    let mut s = e;
    while s > clause_start && stop.ending_at(chars, s).is_none() {
        s -= 1;
    }
    let m = text_of(chars, s, e).trim().to_owned();
    let has_digit = m.chars().any(|c| c.is_ascii_digit());
    (!m.is_empty() && !has_digit).then_some(m)
}

/// A measure written after the bound: "新增1000万元以上固定资产投资的项目" → 固定资产投资.
fn measure_after(chars: &[char], value_end: usize, clause_end: usize) -> Option<String> {
    let cues = &lexicon().money;
    let at = value_end + cues.role("bound_join").at(chars, value_end).unwrap_or(0);
    let bound = chars.get(at..at + 2)?;
    if bound != ['以', '上'] && bound != ['以', '下'] {
        return None;
    }
    let s = at + 2;
    let e = (s..clause_end).find(|&i| chars[i] == '的')?;
    let stop = cues.role("measure_stop");
    let m = text_of(chars, s, e);
    let clean = (s..e).all(|i| stop.at(chars, i).is_none() && !chars[i].is_ascii_digit());
    (e > s && clean).then_some(m)
}

/// Puts the thresholds among the paid amounts in text order and links each to the awards its
/// sentence pays after it: a run of thresholds conditions the run of awards (or caps) that
/// follows ("对年产值2000万元以上或营业收入1000万元以上的企业，给予50万元奖励"). A fund or a sum
/// after a list of requirements ("应有10万元以上资金，…基金数额不少于210万元") is not paid under it.
fn merge_thresholds(seg: &Segments, amounts: &mut Vec<Amount>, thresholds: Vec<Amount>) {
    if thresholds.is_empty() {
        return;
    }
    amounts.extend(thresholds);
    amounts.sort_by_key(|a| a.value_span.start);
    let mut pending: Vec<usize> = Vec::new();
    let mut sentence = None;
    let mut paying = false;
    // Awards already paired one to one with the thresholds before them, up to this index.
    let mut paired_until = 0;
    for i in 0..amounts.len() {
        let here = seg.sentence(amounts[i].value_span.start);
        if sentence != Some(here) {
            sentence = Some(here);
            pending.clear();
            paying = false;
        }
        if amounts[i].role == AmountRole::Threshold {
            if paying {
                pending.clear();
                paying = false;
            }
            pending.push(i);
        } else if !pending.is_empty()
            && matches!(amounts[i].role, AmountRole::Award | AmountRole::Cap)
        {
            if i < paired_until {
                continue;
            }
            paying = true;
            // "首次突破1亿元、5亿元、10亿元的工业企业，分别给予20万元、50万元、100万元奖励": as many
            // 分别 awards as thresholds, the k-th paid under the k-th.
            let tiers = (i..amounts.len())
                .take_while(|&j| {
                    amounts[j].role == AmountRole::Award
                        && amounts[j].item.is_some()
                        && seg.sentence(amounts[j].value_span.start) == here
                })
                .count();
            if pending.len() >= 2 && tiers == pending.len() {
                for (k, &t) in pending.iter().enumerate() {
                    amounts[t].conditions.push(i + k);
                }
                paired_until = i + tiers;
                continue;
            }
            for &t in &pending {
                amounts[t].conditions.push(i);
            }
        }
    }
}

/// Thresholds written without a digit ("营收亿元以上"): the scanner finds no quantity there.
/// Only those with a measure: a bare "亿元以上项目" is a class of size, not money.
fn digitless_thresholds(chars: &[char], seg: &Segments, thresholds: &mut Vec<Amount>) {
    for i in 0..chars.len().saturating_sub(1) {
        if matches!(chars[i], '万' | '亿')
            && chars[i + 1] == '元'
            && (i == 0 || !numbers::is_numeral_char(chars[i - 1]))
        {
            if let Some(cmp) = bound_after(chars, i + 2) {
                let yuan = if chars[i] == '亿' {
                    Decimal::from(100_000_000)
                } else {
                    Decimal::from(10_000)
                };
                let v = Values {
                    yuan: Some(yuan),
                    ..Values::default()
                };
                let span = Span::new(i, i + 2);
                let t = threshold_amount(chars, seg, v, Some(cmp), span, "CNY".into());
                // "260个亿元以上产业项目" names a size class of projects, not a figure (no
                // numeral, nothing measured: corpus/gold/README.md); "营收亿元以上" is a
                // condition on revenue
                if t.measure.is_some() {
                    thresholds.push(t);
                }
            }
        }
    }
}

/// Sorts the money quantities: a threshold goes to `thresholds`; returns the indices of the
/// amounts actually paid.
fn classify(
    chars: &[char],
    seg: &Segments,
    qs: &[Quantity],
    thresholds: &mut Vec<Amount>,
) -> Vec<usize> {
    let mut amounts: Vec<usize> = Vec::new();
    // The last money figure, when it was a threshold: (its quantity, comparator, measure).
    let mut last_threshold: Option<(usize, Option<Comparator>, Option<String>)> = None;
    for (k, q) in qs.iter().enumerate() {
        if !matches!(
            q.unit_class,
            Some(UnitClass::Money | UnitClass::ForeignMoney)
        ) {
            continue;
        }
        // "纳税额首次超过1000万元、500万元、100万元的企业": the figures listed after a threshold,
        // up to the noun they qualify, are thresholds of the same measure and comparator.
        if let Some((_, cmp, measure)) = last_threshold
            .take()
            .filter(|&(p, _, _)| listed_after(chars, &qs[p], q))
        {
            let mut a = threshold_amount(chars, seg, bounds(q), cmp, q.span, currency(&q.unit));
            a.measure = a.measure.or(measure.clone());
            thresholds.push(a);
            last_threshold = Some((k, cmp, measure));
            continue;
        }
        if let Some(cmp) = threshold(chars, seg, q).or_else(|| tier(chars, seg, qs, k)) {
            // a band "10-30万元" is bounded by its ends, not by a comparator
            let cmp = (!q.is_range() || cmp != Comparator::Exactly).then_some(cmp);
            let v = bounds(q);
            if v.yuan.is_some() || v.min_yuan.is_some() {
                let mut a = threshold_amount(chars, seg, v, cmp, q.span, currency(&q.unit));
                // "年销售额首次超过5000万元的，奖励5万元；超过1亿元的，奖励10万元": a clause
                // that is only the link and the figure measures what the paragraph's last
                // threshold measured.
                if a.measure.is_none() && only_link_before(chars, seg.clause(q.span.start).0, q) {
                    a.measure = thresholds
                        .last()
                        .filter(|t| {
                            let between = &chars[t.value_span.end.min(q.span.start)..q.span.start];
                            !between.contains(&'\n') && between.len() <= ELLIPSIS_REACH
                        })
                        .and_then(|t| t.measure.clone());
                }
                last_threshold = Some((k, cmp, a.measure.clone()));
                thresholds.push(a);
            }
        } else {
            amounts.push(k);
        }
    }
    amounts
}

/// How far back (in characters) an elliptical threshold takes the measure of the one before it.
const ELLIPSIS_REACH: usize = 60;

/// Whether the clause before `q` holds nothing but `measure_link` words ("；超过1亿元的"), perhaps
/// after a recipient cue (对): the measure was left out, not absent.
fn only_link_before(chars: &[char], clause_start: usize, q: &Quantity) -> bool {
    let cues = &lexicon().money;
    let mut e = q.span.start;
    let mut linked = false;
    while let Some(l) = cues
        .role("measure_link")
        .ending_at(chars, e)
        .filter(|l| e - l >= clause_start)
    {
        e -= l;
        linked = true;
    }
    let rest: String = chars[clause_start..e]
        .iter()
        .filter(|c| !is_space(**c))
        .collect();
    linked && (rest.is_empty() || rest == "对")
}

/// A threshold's figure: its two ends for a range ("10-30万元"), else its value.
fn bounds(q: &Quantity) -> Values {
    if q.is_range() {
        Values {
            min_yuan: q.min,
            max_yuan: q.max,
            ..Values::default()
        }
    } else {
        Values {
            yuan: q.low(),
            ..Values::default()
        }
    }
}

/// Whether `q` is listed right after the threshold `p` and the list goes on or closes on the
/// noun it qualifies: "超过1000万元、500万元、100万元的企业" (only 、 or a conjunction between
/// them; after `q`, perhaps its own bound, another separator or 的).
fn listed_after(chars: &[char], p: &Quantity, q: &Quantity) -> bool {
    let lex = lexicon();
    let seps = lex.pairing.role("separator");
    let gap: Vec<char> = chars[p.span.end.min(q.span.start)..q.span.start]
        .iter()
        .copied()
        .filter(|c| !is_space(*c))
        .collect();
    // the first figure's own bound before the separator: 1000万元以上、500万元以上
    let gap_sep = bound_word(&gap, 0).map_or(0, |(_, len)| len);
    if gap.is_empty() || seps.at(&gap, gap_sep) != Some(gap.len() - gap_sep) {
        return false;
    }
    let mut e = q.span.end;
    while e < chars.len() && is_space(chars[e]) {
        e += 1;
    }
    e += bound_word(chars, e).map_or(0, |(_, len)| len);
    chars.get(e).is_some_and(|&c| c == '的') || seps.at(chars, e).is_some()
}

/// Joins amounts written as one list ("100万元、50万元和20万元") into groups that share a rule.
fn group_lists(chars: &[char], qs: &[Quantity], amounts: &[usize]) -> Vec<Group> {
    let lex = lexicon();
    let cues = &lex.money;
    let seps = lex.pairing.role("separator");
    let mut groups: Vec<Group> = Vec::new();
    // One buffer for every gap between two amounts (a gap can be most of a document).
    let mut gap: Vec<char> = Vec::new();
    for &k in amounts {
        let q = &qs[k];
        if let Some(g) = groups.last_mut() {
            gap.clear();
            gap.extend(
                chars[g.end..q.span.start]
                    .iter()
                    .copied()
                    .filter(|c| !is_space(*c)),
            );
            let joined = gap.is_empty()
                || seps.at(&gap, 0) == Some(gap.len())
                || gap == ['或']
                || (cues.role("cap_after").at(&gap, 0).is_some()
                    && gap.len() > 1
                    && seps.at(&gap, gap.len() - 1).is_some());
            if joined {
                g.members.push(k);
                g.end = q.span.end;
                continue;
            }
        }
        groups.push(Group {
            members: vec![k],
            start: q.span.start,
            end: q.span.end,
        });
    }
    groups
}

/// Reads each group within its rule: the sentence up to it, after the previous group, so
/// cues are not shared between amounts; returns the percents used as the groups' rates.
fn read_groups(
    chars: &[char],
    seg: &Segments,
    qs: &[Quantity],
    groups: &[Group],
    money: &mut Money,
) -> Vec<usize> {
    let mut used_percents: Vec<usize> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for g in groups {
        let (ss, _) = seg.sentence(g.start);
        let rule_start = match prev_end {
            Some(e) if e > ss => e,
            _ => ss,
        };
        prev_end = Some(g.end);
        let (_, clause_end) = seg.clause(g.end.saturating_sub(1));
        read_group(
            chars,
            seg,
            qs,
            g,
            rule_start,
            clause_end,
            &mut used_percents,
            money,
        );
    }
    used_percents
}

/// `以上`/`以下` after an amount followed by a noun: a size class, not a bound.
fn bound_after(chars: &[char], at: usize) -> Option<Comparator> {
    let (cmp, len) = bound_word(chars, at)?;
    let at = at + len - 2;
    let next = chars.get(at + 2).copied();
    // "以下罚款", "以下的罚款": the bound of a payment, not a size class
    let noun = at + 2 + usize::from(next == Some('的'));
    let kind_follows = ["subsidy", "award", "fund", "credit", "penalty", "fee"]
        .iter()
        .any(|r| lexicon().money.role(r).at(chars, noun).is_some());
    match next {
        Some(c) if !is_clause_punct(c) && !is_space(c) && c != '）' && !kind_follows => Some(cmp),
        _ => None,
    }
}

/// Is this amount a threshold (eligibility or size), and with which comparator?
fn threshold(chars: &[char], seg: &Segments, q: &Quantity) -> Option<Comparator> {
    if let Some(c) = bound_after(chars, q.span.end) {
        return Some(c);
    }
    // "对投资2000万元及以上至1亿元的项目": a band from a floor, qualifying what it is for
    if q.is_range()
        && chars[q.span.start..q.span.end]
            .windows(2)
            .any(|w| w == ['以', '上'])
        && chars.get(q.span.end) == Some(&'的')
        && recipient(chars, seg.sentence(q.span.start).0, q.span.start).is_some()
    {
        return Some(Comparator::Exactly);
    }
    let (cs, _) = seg.clause(q.span.start);
    let mut b = q.span.start;
    while b > cs && is_space(chars[b - 1]) {
        b -= 1;
    }
    let cues = &lexicon().money;
    // "对10万元以下贷款…免除反担保要求": what the rule applies to, not what it pays
    if cues
        .role("recipient")
        .ending_at(chars, b)
        .is_some_and(|l| b - l >= cs)
    {
        if let Some((c, _)) = bound_word(chars, q.span.end) {
            return Some(c);
        }
    }
    let len = cues
        .role("threshold_before")
        .ending_at(chars, b)
        .filter(|len| b - len >= cs)?;
    // "不超过" ends in "超过": a longer bound cue wins
    let bound = [cues.role("cap_before"), cues.role("floor_before")]
        .iter()
        .filter_map(|w| w.ending_at(chars, b))
        .max()
        .unwrap_or(0);
    if len <= bound {
        return None;
    }
    // "投资额达到300万元的项目", "对…投资额达到300万元，按…": a condition; "产业总规模达到2万亿元" is a
    // level reached, not a condition
    let (ss, _) = seg.sentence(q.span.start);
    let mut e = q.span.end;
    while e < chars.len() && is_space(chars[e]) {
        e += 1;
    }
    // "达到12000元的基础上": 的 opens a frame (on the basis of), not a noun the figure conditions
    let relative = chars.get(e) == Some(&'的') && cues.role("not_relative").at(chars, e).is_none();
    // "技术转让所得未超过五百万元的部分": a condition from below
    let below = cues
        .role("threshold_below")
        .ending_at(chars, b)
        .is_some_and(|l| l >= len && b - l >= cs);
    let cmp = if below {
        Comparator::AtMost
    } else {
        Comparator::AtLeast
    };
    (relative || recipient(chars, ss, q.span.start).is_some()).then_some(cmp)
}

/// A band of a tier table: "年度缴纳税收总额（含）10-30万元，按其…的75%予以奖励". The figure
/// closes its clause and the next clause pays a rate, so the figure decides which rate applies.
/// A range band has no comparator of its own; its ends are its bounds.
fn tier(chars: &[char], seg: &Segments, qs: &[Quantity], k: usize) -> Option<Comparator> {
    let q = &qs[k];
    let (_, ce) = seg.clause(q.span.start);
    let mut e = q.span.end;
    let cues = &lexicon().money;
    let cmp = match bound_word(chars, e) {
        Some((c, len)) => {
            e += len;
            c
        }
        None => Comparator::Exactly,
    };
    while e < ce && (is_space(chars[e]) || chars[e] == '的') {
        e += 1;
    }
    if e != ce || ce >= chars.len() || !matches!(chars[ce], '，' | ',' | '；' | ';') {
        return None;
    }
    let (ns, ne) = seg.clause(ce + 1);
    let mut s = ns;
    while s < ne && is_space(chars[s]) {
        s += 1;
    }
    cues.role("rate_before").at(chars, s)?;
    let pays_rate = qs[k + 1..]
        .iter()
        .take_while(|p| p.span.start < ne)
        .any(|p| p.unit_class == Some(UnitClass::Percent));
    pays_rate.then_some(cmp)
}

/// 以上 / 以下 (after an optional 及, （含）) right at `at`, with its length.
fn bound_word(chars: &[char], at: usize) -> Option<(Comparator, usize)> {
    let join = lexicon()
        .money
        .role("bound_join")
        .at(chars, at)
        .unwrap_or(0);
    let cmp = match chars.get(at + join..at + join + 2)? {
        ['以', '上'] => Comparator::AtLeast,
        ['以', '下'] => Comparator::AtMost,
        _ => return None,
    };
    Some((cmp, join + 2))
}

/// The last recipient cue (对…) in `[from, to)` that is not part of a word such as 对照 or 针对.
fn recipient(chars: &[char], from: usize, to: usize) -> Option<Span> {
    let cues = &lexicon().money;
    let not = cues.role("not_recipient");
    let ends = cues.role("recipient_end");
    // "对完成治理的行政村每村补助20万元": the rate's 每村 ends who is paid.
    let per = cues.role("per_capita");
    // "对获得中国质量奖的企业奖励100万元": the payment's verb closing it
    let trail = cues.role("recipient_trail");
    let mut p = to;
    while let Some((at, len)) = cues.role("recipient").rfind_in(chars, from, p) {
        p = at;
        let blocked = not.iter().any(|w| {
            (0..w.len()).any(|k| {
                at >= k && chars.get(at - k..at - k + w.len()) == Some(w) && w[k] == chars[at]
            })
        }) || (at > 0 && "针面相应绝核比反".contains(chars[at - 1]));
        if blocked {
            continue;
        }
        let s = at + len;
        let mut e = s;
        while e < to
            && !is_clause_punct(chars[e])
            && (e == s || (ends.at(chars, e).is_none() && per.at(chars, e).is_none()))
        {
            e += 1;
        }
        while let Some(len) = trail.ending_at(chars, e).filter(|&len| e >= s + len) {
            e -= len;
        }
        if e > s {
            return Some(Span::new(s, e));
        }
    }
    None
}

/// The nearest kind cue: after the group in its clause first, else before it in the rule.
fn kind(chars: &[char], rule_start: usize, g_start: usize, g_end: usize, ce: usize) -> AmountKind {
    match cue_kind(chars, rule_start, g_start, g_end, ce) {
        CueKind::Kind(k) => k,
        CueKind::Charge(_) => AmountKind::Other,
    }
}

/// What the nearest cue says an amount is: a kind of payment, or a penalty or fee.
#[derive(Clone, Copy)]
enum CueKind {
    Kind(AmountKind),
    Charge(AmountRole),
}

/// The nearest kind, penalty or fee cue: after the group in its clause first, else before it in
/// the rule.
fn cue_kind(chars: &[char], rule_start: usize, g_start: usize, g_end: usize, ce: usize) -> CueKind {
    let cues = &lexicon().money;
    let roles = [
        ("subsidy", CueKind::Kind(AmountKind::Subsidy)),
        ("award", CueKind::Kind(AmountKind::Award)),
        ("fund", CueKind::Kind(AmountKind::Fund)),
        ("credit", CueKind::Kind(AmountKind::Credit)),
        ("penalty", CueKind::Charge(AmountRole::Penalty)),
        ("fee", CueKind::Charge(AmountRole::Fee)),
    ];
    // Money allocated as such (安排衔接资金37.9亿元实施产业奖补, 争取…特别国债资金63.3亿元) is a
    // fund, whatever it is then spent on: a fund_alloc verb in the clause, a fund_noun right
    // before the figure or its bound.
    let cs = clause_bounds(chars, g_start).0.max(rule_start);
    // "安排专项扶贫资金不少于10亿元": a bound between the noun and the figure.
    let noun_end = ["floor_before", "cap_before"]
        .iter()
        .find_map(|role| cues.role(role).ending_at(chars, g_start))
        .map_or(g_start, |len| g_start - len);
    if cues.role("fund_noun").ending_at(chars, noun_end).is_some()
        && cues
            .role("fund_alloc")
            .rfind_in(chars, cs, g_start)
            .is_some()
    {
        return CueKind::Kind(AmountKind::Fund);
    }
    // A size (总规模) is a fund's only where the clause sets something up (设立总规模200亿元的
    // 平台); 产业总规模达到2万亿元 is the size of an industry, a level and no fund.
    let size = |p: usize| {
        let (cs, _) = clause_bounds(chars, p);
        let set = cues.role("fund_set").rfind_in(chars, cs, p).is_some();
        (
            p,
            CueKind::Kind(if set {
                AmountKind::Fund
            } else {
                AmountKind::Other
            }),
        )
    };
    let size_after = cues
        .role("fund_size")
        .find_in(chars, g_end, ce)
        .map(|(p, _)| size(p));
    let public_after = cues
        .role("public_fund")
        .find_in(chars, g_end, ce)
        .map(|(p, _)| (p, CueKind::Kind(AmountKind::Fund)));
    let after = roles
        .iter()
        .filter_map(|(r, k)| cues.role(r).find_in(chars, g_end, ce).map(|(p, _)| (p, *k)))
        .chain(size_after)
        .chain(public_after)
        .min_by_key(|(p, _)| *p);
    if let Some((_, k)) = after {
        return k;
    }
    let size_before = cues
        .role("fund_size")
        .rfind_in(chars, rule_start, g_start)
        .map(|(p, _)| size(p));
    // 中央投资, 转移支付: public money where it is the figure's own noun, not a clause away
    // (争取中央投资超2000亿元，…，拉动消费超500亿元: the second is no fund)
    let cs = clause_bounds(chars, g_start).0.max(rule_start);
    let public_before = cues
        .role("public_fund")
        .rfind_in(chars, cs, g_start)
        .map(|(p, _)| (p, CueKind::Kind(AmountKind::Fund)));
    // 绿色贷款余额超过8200亿元: a balance nearer the figure than its kind is a stock, a level
    let stock_before = cues
        .role("stock")
        .rfind_in(chars, cs, g_start)
        .map(|(p, _)| (p, CueKind::Kind(AmountKind::Other)));
    roles
        .iter()
        .filter_map(|(r, k)| {
            cues.role(r)
                .rfind_in(chars, rule_start, g_start)
                .map(|(p, _)| (p, *k))
        })
        .chain(size_before)
        .chain(public_before)
        .chain(stock_before)
        .max_by_key(|(p, _)| *p)
        .map(|(_, k)| k)
        .unwrap_or(CueKind::Kind(AmountKind::Other))
}

/// The clause around `at`: from after the last clause punctuation before it to the next one.
fn clause_bounds(chars: &[char], at: usize) -> (usize, usize) {
    let start = chars[..at]
        .iter()
        .rposition(|&c| is_clause_punct(c))
        .map_or(0, |i| i + 1);
    let end = chars[at..]
        .iter()
        .position(|&c| is_clause_punct(c))
        .map_or(chars.len(), |i| at + i);
    (start, end)
}

/// The rate of a rule: "按照项目设备购置额的10%", "按照不超过项目投资额50%的比例".
fn rate_in(chars: &[char], qs: &[Quantity], from: usize, to: usize) -> Option<(usize, Rate, Span)> {
    let cues = &lexicon().money;
    let (at, len) = cues.role("rate_before").rfind_in(chars, from, to)?;
    let lo = qs.partition_point(|q| q.span.start < at + len);
    let k = lo
        + qs[lo..]
            .iter()
            .take_while(|q| q.span.start < to)
            .position(|q| q.unit_class == Some(UnitClass::Percent) && q.span.end <= to)?;
    let q = &qs[k];
    // the percent must belong to this 按 phrase: no clause break in between
    if chars[at + len..q.span.start]
        .iter()
        .any(|c| is_clause_punct(*c))
    {
        return None;
    }
    let mut s = at + len;
    let mut comparator = Comparator::Exactly;
    if let Some(l) = cues.role("cap_before").at(chars, s) {
        comparator = Comparator::AtMost;
        s += l;
    }
    let mut e = q.span.start;
    while e > s && (chars[e - 1] == '的' || is_space(chars[e - 1])) {
        e -= 1;
    }
    let base = text_of(chars, s, e).trim().to_owned();
    let percent = q.low()?;
    Some((
        k,
        Rate {
            percent,
            base: (!base.is_empty()).then_some(base),
            comparator,
        },
        Span::new(at, q.span.end),
    ))
}

/// "300元/平方米", "740元/月", "32元/平方米·月": the units after a slash right after the amount.
/// `extra` (amounts read from table cells) merged into `amounts` in text order; the indices a
/// threshold's `conditions` and a change's `new_level` hold are moved with their amounts.
pub(crate) fn merge_in_text_order(amounts: &mut Vec<Amount>, extra: Vec<Amount>) {
    if extra.is_empty() {
        return;
    }
    let old = std::mem::take(amounts);
    let n = old.len();
    let mut all: Vec<(usize, Amount)> = old.into_iter().chain(extra).enumerate().collect();
    // Stable: at one position, the text's amounts before the tables'.
    all.sort_by_key(|(i, a)| (a.span.start, *i >= n));
    let mut new_index = vec![0; n];
    for (to, (from, _)) in all.iter().enumerate() {
        if *from < n {
            new_index[*from] = to;
        }
    }
    *amounts = all
        .into_iter()
        .map(|(_, mut a)| {
            for c in &mut a.conditions {
                *c = new_index[*c];
            }
            a.new_level = a.new_level.map(|l| new_index[l]);
            a
        })
        .collect();
}

pub(crate) fn per_unit_after(chars: &[char], end: usize, clause_end: usize) -> Option<String> {
    if !matches!(chars.get(end), Some('/' | '／')) {
        return None;
    }
    let lex = lexicon();
    let mut e = end + 1;
    loop {
        let (len, class) = lex
            .unit_at(chars, e)
            .filter(|&(l, _)| e + l <= clause_end)?;
        if matches!(class, UnitClass::Money | UnitClass::ForeignMoney) {
            return None;
        }
        e += len;
        // 平方米·月: a compound unit
        if chars.get(e) == Some(&'·') && lex.unit_at(chars, e + 1).is_some() {
            e += 1;
            continue;
        }
        break;
    }
    Some(text_of(chars, end, e))
}

/// The longest noun a count's classifier may count in a per-unit rate ("每台设备").
const MAX_PER_NOUN: usize = 4;
/// The kinds of payment and the verbs that give one, which may stand between a per-unit rate's
/// unit and its amount (`ontology/lexicon/money_cues.tsv`), and the most characters they take.
const PAYMENT_ROLES: [&str; 5] = ["subsidy", "award", "fund", "credit", "recipient_end"];
const MAX_PAYMENT_WORDS: usize = 6;

/// "按每平方米200元": 每 and a unit of measure right before the amounts (per-capita words such as
/// 每人, 每户 are the `per_capita` cues; 每年 is a period), perhaps with a period between them
/// ("按每平方米每月5元": per square metre and month); or 每, a count's classifier and the noun it
/// counts ("按每辆车5万元"); the words of the payment may follow ("每座补助5万元": per 每座).
fn per_unit_before(chars: &[char], from: usize, start: usize) -> Option<String> {
    let lex = lexicon();
    let mut b = start;
    while b > from && is_space(chars[b - 1]) {
        b -= 1;
    }
    (from..b).rev().take(8).find_map(|k| {
        if chars[k] != '每' {
            return None;
        }
        let (len, class) = lex.unit_at(chars, k + 1)?;
        let period =
            |p: &[char]| matches!(p, ['每', '月' | '年' | '天' | '日'] | ['每', '季', '度']);
        let unit_end = k + 1 + len;
        if unit_end > b {
            return None;
        }
        // "每座补助5万元", "每台设备给予2000元补贴": the words of the payment between the rate's
        // unit and the amount are no part of what it is paid per.
        let rest = &chars[unit_end..b];
        let cut = (0..rest.len())
            .find(|&i| {
                PAYMENT_ROLES
                    .iter()
                    .any(|role| lex.money.role(role).at(rest, i).is_some())
            })
            .filter(|&i| {
                rest.len() - i <= MAX_PAYMENT_WORDS && rest[i..].iter().all(|&c| is_han(c))
            })
            .unwrap_or(rest.len());
        let (named, e) = (&rest[..cut], unit_end + cut);
        // "按每辆车5万元": a count's classifier and the short noun it counts.
        let counted_noun =
            |p: &[char]| p.len() <= MAX_PER_NOUN && p.iter().all(|&c| is_han(c) && c != '每');
        let fits = match class {
            UnitClass::Physical => named.is_empty() || period(named),
            UnitClass::Count => counted_noun(named),
            _ => false,
        };
        fits.then(|| text_of(chars, k, e))
    })
}

/// What a group's amounts are to a change of a standard: 由 / 从 before them and a verb of
/// change ending in 到 / 至 / 为 after them make them the previous level; a verb of increase or
/// decrease right before them (提高40元) a change by that much (`ontology/lexicon/money_cues.tsv`
/// `change_from` / `change_to`, the targets' `increase` / `decrease`).
fn change_around(
    chars: &[char],
    from: usize,
    start: usize,
    end: usize,
    clause_end: usize,
) -> Option<AmountChange> {
    let lex = lexicon();
    let mut b = start;
    while b > from && is_space(chars[b - 1]) {
        b -= 1;
    }
    let mut e = end;
    while e < clause_end && is_space(chars[e]) {
        e += 1;
    }
    let before = |role: &str, cues: &policykg_ontology::Cues| {
        cues.role(role)
            .ending_at(chars, b)
            .is_some_and(|len| b >= from + len)
    };
    if before("change_from", &lex.money) && lex.money.role("change_to").at(chars, e).is_some() {
        Some(AmountChange::Previous)
    } else if before("increase", &lex.target) {
        Some(AmountChange::Increase)
    } else if before("decrease", &lex.target) {
        Some(AmountChange::Decrease)
    } else {
        None
    }
}

/// The last clause of `[from, to)` that ends in 的: the condition of the rule.
fn condition(chars: &[char], seg: &Segments, from: usize, to: usize) -> Option<Span> {
    let mut p = to;
    while p > from {
        let (cs, ce) = seg.clause(p - 1);
        let cs = cs.max(from);
        if ce <= to && ce > cs && chars[ce - 1] == '的' && ce < to {
            return Some(Span::new(cs, ce));
        }
        if cs == 0 || cs <= from {
            break;
        }
        p = cs - 1;
    }
    None
}

/// Reads one group of amounts: what its rule says once, then one [`Amount`] per member.
#[allow(clippy::too_many_arguments)]
fn read_group(
    chars: &[char],
    seg: &Segments,
    qs: &[Quantity],
    g: &Group,
    rule_start: usize,
    clause_end: usize,
    used_percents: &mut Vec<usize>,
    money: &mut Money,
) {
    let rule = GroupRule::read(
        chars,
        seg,
        qs,
        g,
        rule_start,
        clause_end,
        used_percents,
        &mut money.warnings,
    );
    for (idx, &k) in g.members.iter().enumerate() {
        let amount = rule.amount(chars, &qs[k], idx, clause_end);
        money.amounts.push(amount);
    }
}

/// What a group's rule says once and every amount of the group shares.
struct GroupRule {
    /// A cap cue written once before the list: "分别不超过100万元、50万元和20万元".
    cap_before: bool,
    /// A floor cue written once before the list.
    floor_before: bool,
    kind: AmountKind,
    /// A penalty or fee cue nearer than any kind cue.
    charge: Option<AmountRole>,
    one_off: bool,
    per: Option<String>,
    /// A per-unit price written before the amounts: "按每平方米200元".
    per_unit: Option<String>,
    /// What the group's amounts are to a change of a standard (see [`AmountChange`]).
    change: Option<AmountChange>,
    period: Option<Period>,
    rate: Option<Rate>,
    rec: Option<Span>,
    cond: Option<Span>,
    /// The 分别 list items paired one to one with the members, when they could be matched.
    items: Option<Vec<Span>>,
    /// The number of members, which is also the number of items.
    n: usize,
    span: Span,
    text: String,
}

impl GroupRule {
    /// Reads the cues of the rule around the group; records the percent it uses as its rate and
    /// warns when a 分别 list cannot be paired with the amounts.
    #[allow(clippy::too_many_arguments)]
    fn read(
        chars: &[char],
        seg: &Segments,
        qs: &[Quantity],
        g: &Group,
        rule_start: usize,
        clause_end: usize,
        used_percents: &mut Vec<usize>,
        warnings: &mut Vec<ExtractWarning>,
    ) -> GroupRule {
        let cues = &lexicon().money;
        let n = g.members.len();
        let (cap_before, floor_before) = bounds_before(chars, rule_start, g.start);
        let fenbie = fenbie_before(chars, rule_start, g.start);

        let mut cue = cue_kind(chars, rule_start, g.start, g.end, clause_end);
        if matches!(cue, CueKind::Kind(AmountKind::Other)) {
            // "注册费分别由0.54万元、2.59万元下降至0.378万元": a list's later amounts share the
            // cue written before its first one, so with none in the rule, the sentence decides
            let (ss, _) = seg.sentence(g.start);
            cue = cue_kind(chars, ss, g.start, g.end, clause_end);
            // "…给予一次性招聘成本补贴。标准为：全日制大专学历每人2000元": a sentence that only
            // states the standard continues the previous one
            let mut s = ss;
            while s < g.start && is_space(chars[s]) {
                s += 1;
            }
            if matches!(cue, CueKind::Kind(AmountKind::Other))
                && ss > 0
                && cues.role("standard").at(chars, s).is_some()
            {
                cue = cue_kind(chars, seg.sentence(ss - 1).0, g.start, g.end, clause_end);
            }
        }
        let (kind, charge) = match cue {
            CueKind::Kind(k) => (k, None),
            CueKind::Charge(r) => (AmountKind::Other, Some(r)),
        };
        let after = &chars[g.end..clause_end];
        let region = &chars[rule_start..g.start];
        let has = |role: &str, hay: &[char]| cues.role(role).find_in(hay, 0, hay.len());
        let one_off = has("one_off", region).is_some() || has("one_off", after).is_some();
        let per =
            has("per_capita", region).map(|(p, l)| region[p..p + l].iter().collect::<String>());
        let per_unit = per_unit_before(chars, rule_start, g.start);
        let change = change_around(chars, rule_start, g.start, g.end, clause_end);
        let period = lexicon()
            .target
            .role("annual")
            .find_in(chars, seg.clause(g.start).0.max(rule_start), g.start)
            .map(|_| Period::Annual);
        let rate = rate_in(chars, qs, rule_start, g.start);
        if let Some((k, _, _)) = &rate {
            used_percents.push(*k);
        }
        let rec = recipient(chars, rule_start, g.start);
        let cond = condition(chars, seg, rule_start, g.start);
        let items = fenbie.and_then(|f| fenbie_items(chars, rule_start, f, g, warnings));

        // the rule's text: from the clause of its earliest part to the end of the amounts' clause
        let first = [
            Some(g.start),
            rec.map(|r| r.start),
            rate.as_ref().map(|r| r.2.start),
            items.as_ref().map(|i| i[0].start),
            cond.map(|c| c.start),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(g.start);
        let span_start = seg.clause(first).0.max(rule_start);
        let span = Span::new(span_start, clause_end);
        let text = text_of(chars, span.start, span.end);
        GroupRule {
            cap_before,
            floor_before,
            kind,
            charge,
            one_off,
            per,
            per_unit,
            change,
            period,
            rate: rate.map(|r| r.1),
            rec,
            cond,
            items,
            n,
            span,
            text,
        }
    }

    /// The amount of member `idx` (quantity `q`) under this rule.
    fn amount(&self, chars: &[char], q: &Quantity, idx: usize, clause_end: usize) -> Amount {
        let v = self.values(chars, q, clause_end);
        let item = self.items.as_ref().map(|it| it[idx]);
        let role = match (self.charge, self.kind) {
            (Some(r), _) => r,
            (None, AmountKind::Subsidy | AmountKind::Award | AmountKind::Credit)
                if v.cap.is_some() =>
            {
                AmountRole::Cap
            }
            (None, AmountKind::Subsidy | AmountKind::Award) => AmountRole::Award,
            (None, AmountKind::Fund | AmountKind::Credit) => AmountRole::Fund,
            (None, AmountKind::Other) => AmountRole::Other,
        };
        Amount {
            task: None,
            role,
            currency: currency(&q.unit),
            yuan: v.yuan,
            min_yuan: v.min_yuan,
            max_yuan: v.max_yuan,
            kind: self.kind,
            cap: v.cap,
            floor: v.floor,
            rate: self.rate.clone(),
            one_off: self.one_off,
            per_capita: self.per.is_some(),
            change: self.change,
            new_level: None,
            recipient: self.rec.map(|r| self.recipient_text(chars, r, item)),
            text: self.text.clone(),
            span: self.span,
            value_span: q.span,
            item: item.map(|it| text_of(chars, it.start, it.end)),
            per: self
                .per
                .clone()
                .or_else(|| per_unit_after(chars, q.span.end, clause_end))
                .or_else(|| self.per_unit.clone()),
            period: self.period,
            condition: self.cond.map(|c| text_of(chars, c.start, c.end)),
            comparator: None,
            measure: None,
            conditions: Vec::new(),
        }
    }

    /// Which field the value goes in: a cap or floor (written before the list or right after
    /// the amount), else a range, else an exact sum.
    fn values(&self, chars: &[char], q: &Quantity, clause_end: usize) -> Values {
        let cues = &lexicon().money;
        let mut e = q.span.end;
        while e < clause_end && is_space(chars[e]) {
            e += 1;
        }
        let cap_after = cues.role("cap_after").at(chars, e).is_some();
        let floor_after = cues.role("floor_after").at(chars, e).is_some();
        let mut v = Values::default();
        if self.cap_before {
            v.cap = q.value.or(q.max);
        } else if self.floor_before {
            v.floor = q.value.or(q.min);
        } else if q.is_range() {
            // "一万元以上三万元以下": the bound words after a range belong to its ends
            v.min_yuan = q.min;
            v.max_yuan = q.max;
        } else if cap_after {
            v.cap = q.value.or(q.max);
        } else if floor_after {
            v.floor = q.value.or(q.min);
        } else {
            v.yuan = q.value;
        }
        v
    }

    /// The recipient `r` as text; when it contains the whole 分别 list, the list is replaced by
    /// this amount's own `item`, so each amount names its own recipient.
    fn recipient_text(&self, chars: &[char], r: Span, item: Option<Span>) -> String {
        let n = self.n;
        let items = self.items.as_ref();
        match item {
            Some(it)
                if r.start <= items.map_or(0, |v| v[0].start)
                    && items.map_or(0, |v| v[n - 1].end) <= r.end =>
            {
                let list = items.map_or(it, |v| Span::new(v[0].start, v[n - 1].end));
                format!(
                    "{}{}{}",
                    text_of(chars, r.start, list.start),
                    text_of(chars, it.start, it.end),
                    text_of(chars, list.end, r.end)
                )
            }
            _ => text_of(chars, r.start, r.end),
        }
    }
}

/// The value fields of one amount; exactly one kind of them is set.
#[derive(Default)]
struct Values {
    yuan: Option<Decimal>,
    min_yuan: Option<Decimal>,
    max_yuan: Option<Decimal>,
    cap: Option<Decimal>,
    floor: Option<Decimal>,
}

/// A cap and a floor cue written once right before the list, within the rule:
/// "分别不超过100万元、50万元和20万元" caps every amount of the list.
fn bounds_before(chars: &[char], rule_start: usize, g_start: usize) -> (bool, bool) {
    let cues = &lexicon().money;
    let mut b = g_start;
    while b > rule_start && is_space(chars[b - 1]) {
        b -= 1;
    }
    let ending = |role: &str| {
        cues.role(role)
            .ending_at(chars, b)
            .filter(|l| b - l >= rule_start)
            .is_some()
    };
    (ending("cap_before"), ending("floor_before"))
}

/// The start of the last 分别 in `[from, to)`: it says the amounts pair with a list.
fn fenbie_before(chars: &[char], from: usize, to: usize) -> Option<usize> {
    let mut i = to;
    while i >= from + 2 {
        if chars[i - 2..i] == ['分', '别'] {
            return Some(i - 2);
        }
        i -= 1;
    }
    None
}

/// The list items before the 分别 at `fenbie`, one per amount of `g`; a list that cannot be
/// matched one to one is a warning, never a silent loss.
fn fenbie_items(
    chars: &[char],
    rule_start: usize,
    fenbie: usize,
    g: &Group,
    warnings: &mut Vec<ExtractWarning>,
) -> Option<Vec<Span>> {
    let n = g.members.len();
    if n < 2 {
        return None;
    }
    let items = pairing::list_items(chars, rule_start, fenbie, n);
    if items.is_none() {
        warnings.push(ExtractWarning {
            message: format!(
                "分别 with {n} amounts but no list of {n} items before it: amounts kept without items"
            ),
            span: Some(Span::new(rule_start, g.end)),
        });
    }
    items
}

/// Rates paid with no amount: "省、市财政分别按50%、30%给予宣传推广费用补助".
fn rate_rules(chars: &[char], seg: &Segments, qs: &[Quantity], used: &[usize], money: &mut Money) {
    let cues = &lexicon().money;
    let mut k = 0;
    while k < qs.len() {
        let q = &qs[k];
        if q.unit_class != Some(UnitClass::Percent) || used.binary_search(&k).is_ok() {
            k += 1;
            continue;
        }
        let (cs, ce) = seg.clause(q.span.start);
        let Some((at, len)) = cues.role("rate_before").rfind_in(chars, cs, q.span.start) else {
            k += 1;
            continue;
        };
        // the percents of this 按: "按50%、30%"
        let mut members = vec![k];
        let mut end = q.span.end;
        while let Some(next) = qs.get(k + members.len()) {
            if next.unit_class == Some(UnitClass::Percent) && chars[end..next.span.start] == ['、']
            {
                end = next.span.end;
                members.push(k + members.len());
            } else {
                break;
            }
        }
        let kind = kind(chars, cs, at, end, ce);
        if kind == AmountKind::Other {
            k += members.len();
            continue;
        }
        let n = members.len();
        let (ss, _) = seg.sentence(q.span.start);
        let fenbie = (ss + 2..=at)
            .rev()
            .find(|&i| chars[i - 2..i] == ['分', '别'])
            .map(|i| i - 2);
        let items = match (fenbie, n >= 2) {
            (Some(f), true) => {
                let it = pairing::list_items(chars, ss, f, n);
                if it.is_none() {
                    money.warnings.push(ExtractWarning {
                        message: format!("分别 with {n} rates but no list of {n} items before it"),
                        span: Some(Span::new(ss, end)),
                    });
                }
                it
            }
            _ => None,
        };
        let region = &chars[ss..ce];
        let one_off = cues
            .role("one_off")
            .find_in(region, 0, region.len())
            .is_some();
        let rec = recipient(chars, ss, at).map(|r| text_of(chars, r.start, r.end));
        let span_start = items.as_ref().map_or(cs, |v| seg.clause(v[0].start).0);
        for (idx, &m) in members.iter().enumerate() {
            let p = &qs[m];
            let mut s = at + len;
            let mut comparator = Comparator::Exactly;
            if let Some(l) = cues.role("cap_before").at(chars, s) {
                comparator = Comparator::AtMost;
                s += l;
            }
            let base_end = {
                let mut e = qs[members[0]].span.start;
                while e > s && (chars[e - 1] == '的' || is_space(chars[e - 1])) {
                    e -= 1;
                }
                e
            };
            let base = text_of(chars, s, base_end).trim().to_owned();
            if let Some(percent) = p.low() {
                money.rates.push(RateRule {
                    rate: Rate {
                        percent,
                        base: (!base.is_empty()).then_some(base),
                        comparator,
                    },
                    kind,
                    one_off,
                    recipient: rec.clone(),
                    item: items
                        .as_ref()
                        .map(|v| text_of(chars, v[idx].start, v[idx].end)),
                    text: text_of(chars, span_start, ce),
                    span: Span::new(span_start, ce),
                    value_span: p.span,
                });
            }
        }
        k += members.len();
    }
}
