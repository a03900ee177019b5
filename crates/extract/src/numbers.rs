//! Numbers in Chinese policy text: find them, parse them exactly, and decide which numeral runs
//! are not numbers at all.
//!
//! Forms read: Arabic (`5000`), full-width (`５０００`), decimals (`1.5`, `1．5`), thousands
//! separators (`10,000`), Chinese numerals (`一百二十`, `两千`, `十五`, `一万二千`, `三千零五`,
//! `二〇二五`), scales after either (`5000万`, `1.2亿`, `五千万`, `2.5万亿`), ranges (`1—2家`,
//! `3—12个月`, `1~2个`, `10—20万元`, `16—24岁`), percents (`10%`, `10％`, `百分之十`, `3个百分点`),
//! and `多`/`余` after a number (`100余家`). Values are [`Decimal`]s computed without floats.
//!
//! **What is not a number is decided here and only here** ([`NotNumber`]):
//! - words of `ontology/lexicon/not_numbers.txt` (一批, 一体化, 三农, 十九大, 五个一百 …);
//! - ordinals and enumerators: 第十一次, 十九届, 二期, 39号, 一是, `1．` / `（一）` at a line start;
//! - codes: digits touching Latin letters, `+`, `〔〕` or a clock colon (5G, IPv6, 4A, 1+N,
//!   〔2018〕, 18：00);
//! - a lone Chinese digit with no unit after it (统一, 一般, 两岸, 三中全会 …), and a scale
//!   character without a digit (百家, 亿万, 万家).
//!
//! Whether a number is a target, an amount, a date or a duration is not decided here: each
//! [`Quantity`] carries its unit and the unit's [`UnitClass`], and the finders choose.
//! Offsets are character offsets into the text given.

mod bare_scale;
pub mod lexicon;
pub mod pairing;
pub mod segment;

pub use lexicon::{lexicon, UnitClass};
use policykg_read::Span;
use rust_decimal::Decimal;
use serde::Serialize;

/// A number, a range of numbers or a percent, with the unit written after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// From the first character of the number (or of `百分之`) to the end of the unit.
    pub span: Span,
    /// Where the unit starts (== `span.end` when there is none).
    pub unit_start: usize,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub value: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub min: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub max: Option<Decimal>,
    /// As written, without the scale: `家`, `%`, `千瓦`, `元`; empty when none. (`％` and
    /// `百分之…` are given as `%`.)
    pub unit: String,
    pub unit_class: Option<UnitClass>,
    /// The scale written in the number (`万`, `亿`, `万亿`), already applied to the value.
    pub scale: Option<String>,
    /// `多` / `余` after the number: "100余家" is more than 100.
    pub more: bool,
    /// The unit was written only after the last item of a list: "50、100、150万元".
    pub unit_inherited: bool,
    pub form: Form,
}

impl Quantity {
    /// The single value, or the lower end of a range.
    pub fn low(&self) -> Option<Decimal> {
        self.value.or(self.min)
    }
    pub fn is_range(&self) -> bool {
        self.min.is_some()
    }
}

/// How the number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// `5000`, `１２`, `1.5`
    Arabic,
    /// `一百二十`, `二〇二五`
    Chinese,
    /// Arabic digits with a Chinese scale: `5000万`, `1.2亿`
    Mixed,
}

/// Why a numeral run is not a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "detail")]
pub enum NotNumber {
    /// A word of `ontology/lexicon/not_numbers.txt`.
    Lexicon(String),
    /// 第十一次, 十九届, 二期, 39号, 一是.
    Ordinal,
    /// `1．` / `（一）` / `一、` at the start of a line.
    Enumerator,
    /// 5G, IPv6, 4A, 1+N, 〔2018〕, 18：00.
    Code,
    /// A lone Chinese digit inside a word: 统一, 两岸.
    WordPart,
    /// 百家, 万家, 亿万: a scale character with no digit.
    StandaloneScale,
    /// 数十个, 几十万: an order of magnitude, not a figure.
    Vague,
}

/// One numeral run of a text, and what it turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Found {
    Number(Quantity),
    Not { span: Span, why: NotNumber },
}

/// The numbers of `text` (what [`scan`] keeps).
pub fn find(text: &str) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    scan(&chars)
}

/// The numbers of a text given as characters.
/// A text prepared once for every finder that reads it: its characters, its sentence and clause
/// bounds and its quantities. Targets and money both start from this, so the assembler scans a
/// document once rather than once per finder.
#[derive(Debug, Clone)]
pub struct Scanned {
    pub chars: Vec<char>,
    pub seg: segment::Segments,
    pub quantities: Vec<Quantity>,
}

impl Scanned {
    pub fn new(text: &str) -> Scanned {
        Scanned::with_headings(text, &[])
    }

    /// As [`Scanned::new`], the heading numbers ending at `heading_ends` (sorted character
    /// offsets) each closing a clause of its own ([`segment::Segments::new`]).
    pub fn with_headings(text: &str, heading_ends: &[usize]) -> Scanned {
        let chars = policykg_text::chars_of(text);
        let seg = segment::Segments::new(&chars, heading_ends);
        let quantities = scan(&chars);
        Scanned {
            chars,
            seg,
            quantities,
        }
    }
}

/// `chars[s..e]` as a string.
pub fn text_of(chars: &[char], s: usize, e: usize) -> String {
    chars[s..e].iter().collect()
}

/// Whitespace, including the ideographic space U+3000 that official texts indent with.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

pub fn scan(chars: &[char]) -> Vec<Quantity> {
    scan_all(chars)
        .into_iter()
        .filter_map(|f| match f {
            Found::Number(q) => Some(q),
            Found::Not { .. } => None,
        })
        .collect()
}

/// Every numeral run of the text, numbers and not-numbers alike, in order.
pub fn scan_all(chars: &[char]) -> Vec<Found> {
    let mut out = Vec::new();
    let table = numeral_table();
    let mut i = 0;
    while i < chars.len() {
        // Most characters are no numeral: skip them with the table looked up once, not per
        // character.
        if !may_start_number_in(table, chars[i]) {
            i += 1;
            continue;
        }
        if !starts_number(chars, i) {
            i += 1;
            continue;
        }
        let run = run_end(chars, i);
        if let Some((why, end)) = not_number_before(chars, i, run) {
            // a lexicon word is skipped whole: 五个一百 holds no number
            let end = end.max(run);
            out.push(Found::Not {
                span: Span::new(i, end),
                why,
            });
            i = end;
            continue;
        }
        match quantity_at(chars, i) {
            Some(q) => {
                if let Some(why) = not_number_after(chars, &q) {
                    out.push(Found::Not {
                        span: Span::new(i, run.max(q.unit_start)),
                        why,
                    });
                    i = run.max(i + 1);
                } else {
                    i = q.span.end.max(i + 1);
                    out.push(Found::Number(q));
                }
            }
            None => {
                let why = if chars[i..run].iter().all(|c| cn_power(*c).is_some()) {
                    NotNumber::StandaloneScale
                } else {
                    NotNumber::WordPart
                };
                out.push(Found::Not {
                    span: Span::new(i, run),
                    why,
                });
                i = run.max(i + 1);
            }
        }
    }
    inherit_list_units(chars, &mut out);
    out
}

/// "50、100、150万元": give the unit (and the scale) of the last item to the bare ones before it.
fn inherit_list_units(chars: &[char], found: &mut [Found]) {
    let mut k = found.len();
    while k > 1 {
        k -= 1;
        let Found::Number(last) = &found[k] else {
            continue;
        };
        if last.unit.is_empty() || last.is_range() {
            continue;
        }
        let (unit, class, scale, last_form) = (
            last.unit.clone(),
            last.unit_class,
            last.scale.clone(),
            last.form,
        );
        let mut start = last.span.start;
        let mut j = k;
        while j > 0 {
            let Found::Number(prev) = &mut found[j - 1] else {
                break;
            };
            let gap = &chars[prev.span.end..start];
            if !(prev.unit.is_empty()
                && !prev.is_range()
                && gap == ['、']
                && (prev.form == Form::Arabic) == (last_form != Form::Chinese))
            {
                break;
            }
            if prev.form == Form::Arabic {
                if let (Some(s), Some(v)) = (&scale, prev.value) {
                    prev.value = v.checked_mul(scale_factor(s)).map(|d| d.normalize());
                    prev.scale = Some(s.clone());
                    prev.form = Form::Mixed;
                }
            }
            prev.unit = unit.clone();
            prev.unit_class = class;
            prev.unit_inherited = true;
            start = prev.span.start;
            j -= 1;
        }
        k = j.max(1);
    }
}

// The numeral alphabet and the exact grammars are shared with the other stages; this module
// adds what needs the lexicon and the context (units, ranges, not-a-number decisions).
use policykg_text::numeral::{arabic_at, cn_power, parse_cn, pow10, scale_factor};
pub use policykg_text::numeral::{
    arabic_digit, cn_digit, is_cn_numeral, is_numeral_char, parse, parse_chinese,
};

/// A space inside a line ("到 2025 年"); a line break ends a quantity.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\t')
}

fn starts_number(chars: &[char], i: usize) -> bool {
    // The character first: most are no numeral, and need no look at the one before.
    may_start_number(chars[i]) && !(i > 0 && in_run(chars, i - 1))
}

/// `arabic_digit(c).is_some() || is_cn_numeral(c)`, asked of every character of a document:
/// for the Basic Multilingual Plane one bit of a table made from those two functions.
fn may_start_number(c: char) -> bool {
    may_start_number_in(numeral_table(), c)
}

fn may_start_number_slow(c: char) -> bool {
    arabic_digit(c).is_some() || is_cn_numeral(c)
}

/// The table of [`may_start_number`]: one bit per character of the Basic Multilingual Plane.
fn numeral_table() -> &'static [u64] {
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; 0x1_0000 / 64];
        for c in (0..0x1_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| may_start_number_slow(c))
        {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        bits
    })
}

#[inline]
fn may_start_number_in(table: &[u64], c: char) -> bool {
    match table.get(c as usize / 64) {
        Some(w) => w & (1 << (c as usize % 64)) != 0,
        None => may_start_number_slow(c),
    }
}

/// Is `chars[i]` part of a numeral run (digits, Chinese numerals, a decimal point or a thousands
/// separator between digits)?
fn in_run(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if is_numeral_char(c) {
        return true;
    }
    matches!(c, '.' | '．' | ',')
        && i > 0
        && arabic_digit(chars[i - 1]).is_some()
        && chars.get(i + 1).and_then(|c| arabic_digit(*c)).is_some()
}

fn run_end(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && in_run(chars, j) {
        j += 1;
    }
    j.max(i + 1)
}

/// A number without its unit.
#[derive(Debug, Clone)]
struct Number {
    value: Decimal,
    end: usize,
    scale: Option<String>,
    form: Form,
}

/// Does a unit that starts with a scale character (千瓦, 千米, 百分点) start at `i`?
fn unit_starts_with_scale(chars: &[char], i: usize) -> bool {
    cn_power(chars[i]).is_some() && lexicon().unit_at(chars, i).is_some()
}

fn number_at(chars: &[char], i: usize) -> Option<Number> {
    let c = *chars.get(i)?;
    if arabic_digit(c).is_some() {
        let (mut value, mut j) = arabic_at(chars, i)?;
        let mut scale = String::new();
        let is_scale = |k: usize| {
            k < chars.len()
                && matches!(chars[k], '百' | '千' | '万' | '亿')
                && !unit_starts_with_scale(chars, k)
        };
        // One space before the scale, as text copied out of a PDF has it ("5200 亿元").
        if chars.get(j) == Some(&' ') && is_scale(j + 1) {
            j += 1;
        }
        while is_scale(j) {
            value = value.checked_mul(pow10(cn_power(chars[j])?))?;
            scale.push(chars[j]);
            j += 1;
        }
        let form = if scale.is_empty() {
            Form::Arabic
        } else {
            Form::Mixed
        };
        return Some(Number {
            value: value.normalize(),
            end: j,
            scale: (!scale.is_empty()).then_some(scale),
            form,
        });
    }
    if !is_cn_numeral(c) {
        return None;
    }
    let mut j = i;
    while j < chars.len() {
        let c = chars[j];
        if is_cn_numeral(c) {
            if j > i && cn_power(c).is_some() && unit_starts_with_scale(chars, j) {
                break;
            }
            j += 1;
        } else if c == '点'
            && j > i
            && cn_digit(chars[j - 1]).is_some()
            && chars.get(j + 1).and_then(|c| cn_digit(*c)).is_some()
        {
            j += 1;
        } else {
            break;
        }
    }
    let run = &chars[i..j];
    let value = parse_cn(run).or_else(|| bare_scale::value(chars, i, j))?;
    // the scale is the trailing 万/亿 of a numeral such as 五千万
    let scale: String = {
        let tail: Vec<char> = run
            .iter()
            .rev()
            .take_while(|c| matches!(c, '万' | '亿'))
            .copied()
            .collect();
        tail.into_iter().rev().collect()
    };
    Some(Number {
        value: value.normalize(),
        end: j,
        scale: (!scale.is_empty()).then_some(scale),
        form: Form::Chinese,
    })
}

fn is_range_sep(c: char) -> bool {
    matches!(
        c,
        '—' | '–' | '－' | '-' | '~' | '～' | '〜' | '至' | '到' | '―'
    )
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    let start = i;
    while i < chars.len() && is_inline_space(chars[i]) && i - start < 2 {
        i += 1;
    }
    i
}

/// The quantity starting at `i`: a number or a range, an optional 多/余, and its unit.
pub fn quantity_at(chars: &[char], i: usize) -> Option<Quantity> {
    let percent_words: &[char] = &['百', '分', '之'];
    let pct_prefix = chars.get(i..i + 3) == Some(percent_words)
        && chars.get(i + 3).is_some_and(|c| is_numeral_char(*c));
    let p0 = if pct_prefix { i + 3 } else { i };
    let n1 = number_at(chars, p0)?;
    let mut p = n1.end;
    let mut n2: Option<Number> = None;

    // a range written with one unit: 1—2家, 10—20万元, 百分之十至百分之二十
    let q = skip_spaces(chars, p);
    if q < chars.len() && is_range_sep(chars[q]) {
        let mut r = skip_spaces(chars, q + 1);
        if pct_prefix && chars.get(r..r + 3) == Some(percent_words) {
            r += 3;
        }
        if let Some(m) = number_at(chars, r).filter(|m| valid_range(chars[q], &n1, m)) {
            p = m.end;
            n2 = Some(m);
        }
    }
    let more = chars.get(p).is_some_and(|c| matches!(c, '多' | '余'))
        && lexicon()
            .unit_at(chars, skip_spaces(chars, p + 1))
            .is_some();
    if more {
        p += 1;
    }
    let u = skip_spaces(chars, p);
    let (unit_start, unit_len, class) = if pct_prefix {
        (p, 0, Some(UnitClass::Percent))
    } else if let Some((len, class)) = lexicon().unit_at(chars, u) {
        (u, len, Some(class))
    } else {
        (p, 0, None)
    };
    let mut end = unit_start + unit_len;
    // the full-width ％ is written % so that percents compare; the span keeps what was written
    let unit: String = if pct_prefix || chars.get(unit_start) == Some(&'％') {
        "%".to_owned()
    } else {
        chars[unit_start..end].iter().collect()
    };

    // a range written with the unit twice: 10万元—20万元, 50%—60%
    if n2.is_none() && unit_len > 0 && end < chars.len() && is_range_sep(chars[end]) {
        let r = skip_spaces(chars, end + 1);
        if let Some(m) = number_at(chars, r).filter(|m| valid_range(chars[end], &n1, m)) {
            let u2 = skip_spaces(chars, m.end);
            if chars.get(u2..u2 + unit_len) == Some(&chars[unit_start..unit_start + unit_len]) {
                end = u2 + unit_len;
                n2 = Some(m);
            }
        }
    }

    let scale_of = |n: &Number| n.scale.clone();
    let (value, min, max, scale, form) = match n2 {
        Some(m) => {
            let mut lo = n1.value;
            // 10—20万元: the scale of the upper end applies to a bare lower end
            if n1.scale.is_none() && n1.form == Form::Arabic {
                if let Some(s) = &m.scale {
                    lo = lo.checked_mul(scale_factor(s))?.normalize();
                }
            }
            (None, Some(lo), Some(m.value), scale_of(&m), m.form)
        }
        None => (Some(n1.value), None, None, scale_of(&n1), n1.form),
    };
    Some(Quantity {
        span: Span::new(i, end),
        unit_start,
        value,
        min,
        max,
        unit,
        unit_class: class,
        scale,
        more,
        unit_inherited: false,
        form,
    })
}

fn valid_range(sep: char, lo: &Number, hi: &Number) -> bool {
    if sep == '-' && (lo.form != Form::Arabic || hi.form == Form::Chinese) {
        return false;
    }
    let lo_v = match (&lo.scale, &hi.scale) {
        (None, Some(s)) if lo.form == Form::Arabic => lo.value * scale_factor(s),
        _ => lo.value,
    };
    lo_v < hi.value
}

/// Exclusions decidable from the run and its neighbours, before reading a unit.
fn not_number_before(chars: &[char], i: usize, run: usize) -> Option<(NotNumber, usize)> {
    not_number_reason(chars, i, run).map(|(why, end)| (why, end.unwrap_or(run)))
}

fn not_number_reason(chars: &[char], i: usize, run: usize) -> Option<(NotNumber, Option<usize>)> {
    let lex = lexicon();
    // lexicon words covering the start of the run, at a word boundary; longest first
    let mut best: Option<&[char]> = None;
    let mut best_t = 0;
    for &(wi, k) in lex
        .not_numbers_at
        .get(&chars[i])
        .map_or(&[][..], |v| &v[..])
    {
        let w = lex.not_number(wi);
        if k > i || best.is_some_and(|b| b.len() >= w.len()) {
            continue;
        }
        let t = i - k;
        // the first and last characters reject most words before a slice comparison (the
        // run's own character is the first of most: 一批, 三农)
        if chars.get(t) == w.first()
            && chars.get(t + w.len() - 1) == w.last()
            && chars.get(t..t + w.len()) == Some(w)
            && (t == 0 || !is_numeral_char(chars[t - 1]))
            && w[..k].iter().all(|c| !is_numeral_char(*c))
        {
            best = Some(w);
            best_t = t;
        }
    }
    if let Some(w) = best {
        return Some((
            NotNumber::Lexicon(w.iter().collect()),
            Some(best_t + w.len()),
        ));
    }
    // ordinals: 第十一次, 第 6 版
    let mut b = i;
    while b > 0 && is_inline_space(chars[b - 1]) {
        b -= 1;
    }
    if lex
        .number
        .role("ordinal_prefix")
        .ending_at(chars, b)
        .is_some()
    {
        return Some((NotNumber::Ordinal, None));
    }
    if cn_power(chars[i]).is_some()
        && lex
            .number
            .role("vague_prefix")
            .ending_at(chars, i)
            .is_some()
    {
        return Some((NotNumber::Vague, None));
    }
    let before = if i > 0 { Some(chars[i - 1]) } else { None };
    let after = chars.get(run).copied();
    let arabic = arabic_digit(chars[i]).is_some();
    // codes: 5G, IPv6, 4A, 1+16+X, 〔2018〕, 18：00
    if arabic {
        let codeish = |c: Option<char>| {
            c.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '+' | '〔' | '〕' | '_' | '/'))
        };
        let clock = |c: Option<char>, next: Option<char>| {
            matches!(c, Some(':' | '：')) && next.is_some_and(|n| arabic_digit(n).is_some())
        };
        if codeish(before) || codeish(after) {
            return Some((NotNumber::Code, None));
        }
        // identifiers and markup: 0929-4545-bdd4, data-vmark="5891"
        let markup = |c: Option<char>| matches!(c, Some('"' | '=' | '\''));
        if markup(before) || markup(after) || (before == Some('-') && after == Some('-')) {
            return Some((NotNumber::Code, None));
        }
        if clock(after, chars.get(run + 1).copied())
            || (i >= 2 && clock(before, Some(chars[i - 2])))
        {
            return Some((NotNumber::Code, None));
        }
    }
    // enumerators: "1．", "（一）", "一、" at the start of a line
    let line_start = {
        let mut k = i;
        while k > 0 && (is_inline_space(chars[k - 1]) || chars[k - 1] == '\u{3000}') {
            k -= 1;
        }
        k == 0
            || chars[k - 1] == '\n'
            || (matches!(chars[k - 1], '（' | '(') && {
                let mut m = k - 1;
                while m > 0 && (is_inline_space(chars[m - 1]) || chars[m - 1] == '\u{3000}') {
                    m -= 1;
                }
                m == 0 || chars[m - 1] == '\n'
            })
    };
    if line_start
        && matches!(after, Some('．' | '.' | '、' | '）' | ')' | '，'))
        && chars
            .get(run + 1)
            .is_none_or(|c| arabic_digit(*c).is_none())
    {
        return Some((NotNumber::Enumerator, None));
    }
    None
}

/// Exclusions that depend on what follows the number.
fn not_number_after(chars: &[char], q: &Quantity) -> Option<NotNumber> {
    if !q.unit.is_empty() || q.is_range() {
        return None;
    }
    let end = q.span.end;
    // 200万中小学生: a number with a scale (万, 亿) counts, it never numbers (二中, 十九届)
    if q.scale.is_none()
        && lexicon()
            .number
            .role("ordinal_suffix")
            .at(chars, end)
            .is_some()
    {
        return Some(NotNumber::Ordinal);
    }
    if q.form == Form::Chinese && q.span.len() == 1 {
        return Some(NotNumber::WordPart);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table answers as the two functions it is made from, for every character.
    #[test]
    fn numeral_table_agrees_with_the_functions() {
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                may_start_number(c),
                arabic_digit(c).is_some() || is_cn_numeral(c),
                "{c:?}"
            );
        }
    }
}
