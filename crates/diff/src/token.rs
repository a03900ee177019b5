//! Chinese-aware tokens for the inline diff.
//!
//! A diff over single characters shreds numbers (`到202[-5-]{+7+}年`) and names; a diff over
//! whitespace-separated words sees a whole Chinese sentence as one word. So a unit's text is cut
//! into tokens that a reader takes in at a glance:
//! - a number with its magnitude and unit: `5000家`, `2025年`, `80万元`, `4000亿元`, `10%`, `3A`;
//! - a Chinese numeral with a unit: `七个`, `三年`, `一批`;
//! - a run of Latin letters and digits: `IPv6`, `5G`;
//! - a cited title `《…》` and a short quoted term `“…”`;
//! - an agency in a responsibility parenthesis (`（省经济和信息化厅、省财政厅按职责分工负责）`): each
//!   name between 、 and ， is one token, so a replaced department is one replacement;
//! - spans the caller knows to be atomic (agency mentions found by the extraction stage);
//! - otherwise one character: Chinese words have no delimiters, and the phrase grouping of
//!   [`crate::inline`] turns character edits back into readable phrases.
//!
//! White space is not a token: it never produces a highlight.

use std::ops::Range;

use policykg_text::numeral;

/// A token: a range of character offsets into the unit's text.
pub type Token = Range<usize>;

/// Units that may follow an Arabic or Chinese number, longest first within a shared prefix.
const UNITS: &[&str] = &[
    "个工作日",
    "个月",
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "千瓦时",
    "千瓦",
    "工作日",
    "小时",
    "分钟",
    "公里",
    "千米",
    "美元",
    "人次",
    "元",
    "家",
    "个",
    "项",
    "台",
    "条",
    "场",
    "户",
    "名",
    "人",
    "年",
    "月",
    "日",
    "号",
    "种",
    "次",
    "天",
    "倍",
    "亩",
    "米",
    "吨",
    "所",
    "座",
    "批",
    "件",
    "套",
    "辆",
    "期",
    "级",
    "版",
    "岁",
    "周",
    "类",
    "张",
    "笔",
    "宗",
    "份",
    "篇",
    "部",
    "届",
    "位",
    "支",
    "处",
    "间",
    "层",
    "款",
    "组",
    "株",
];

/// Units after which a Chinese numeral is a quantity worth reporting (三年, 七个工作日), unlike
/// 一批 or 一体 which are words.
const CN_FIGURE_UNITS: &[&str] = &[
    "个工作日",
    "个月",
    "工作日",
    "小时",
    "年",
    "个",
    "日",
    "月",
    "天",
    "倍",
    "项",
    "家",
    "名",
    "人",
    "周",
];

/// Units of time: 一年 and 一个工作日 are figures, 一个 and 一项 are not.
const CN_TIME_UNITS: &[&str] = &[
    "个工作日",
    "个月",
    "工作日",
    "小时",
    "年",
    "日",
    "月",
    "天",
    "周",
];

/// Words that end an agency name inside a responsibility parenthesis.
const LIST_TAILS: &[&str] = &["等", "按职责", "负责", "牵头", "配合", "会同"];

/// Words that mark a parenthesis as a responsibility statement.
const RESPONSIBILITY_MARKS: &[&str] = &["负责", "牵头", "配合"];

fn is_digit(c: char) -> bool {
    numeral::arabic_digit(c).is_some()
}

fn is_latin(c: char) -> bool {
    policykg_text::fold::fold_alnum(c).is_ascii_alphabetic()
}

/// A character that starts or continues a Chinese numeral token; 万 and 亿 only continue one
/// (see [`is_magnitude`]), so that 万家 is not a figure.
fn is_cn_numeral(c: char) -> bool {
    numeral::is_cn_numeral(c) && !is_digit(c) && !matches!(c, '万' | '亿')
}

fn is_magnitude(c: char) -> bool {
    matches!(c, '万' | '亿' | '千' | '百')
}

/// Whether `chars[at..]` starts with `word`; returns its length in characters.
fn starts_with(chars: &[char], at: usize, word: &str) -> Option<usize> {
    let mut n = 0;
    for w in word.chars() {
        if chars.get(at + n) != Some(&w) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

fn unit_after(chars: &[char], at: usize) -> usize {
    UNITS
        .iter()
        .filter_map(|u| starts_with(chars, at, u))
        .max()
        .unwrap_or(0)
}

/// End of a number token starting at `i` (an Arabic digit), or `i` when none starts there.
fn arabic_number(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && (is_digit(chars[j]) || is_latin(chars[j])) {
        j += 1;
    }
    // A decimal part: 1.2亿, 0.5%.
    if j + 1 < chars.len() && matches!(chars[j], '.' | '．') && is_digit(chars[j + 1]) {
        j += 1;
        while j < chars.len() && is_digit(chars[j]) {
            j += 1;
        }
    }
    if j < chars.len() && matches!(chars[j], '%' | '％' | '‰') {
        return j + 1;
    }
    // News copy puts spaces around numbers ("到 2025 年", "100 个"): one space may separate the
    // number from its unit.
    let spaced = j + 1 < chars.len() && matches!(chars[j], ' ' | '\u{3000}' | '\u{a0}');
    let from = if spaced { j + 1 } else { j };
    let mut k = from;
    while k < chars.len() && k - from < 2 && is_magnitude(chars[k]) {
        k += 1;
    }
    let unit = unit_after(chars, k);
    if unit > 0 {
        k + unit
    } else if k > from && matches!(chars[k - 1], '万' | '亿') {
        // 5000万 without a unit word.
        k
    } else {
        j
    }
}

/// End of a Chinese numeral followed by a unit (三年, 七个), or `i` when none.
fn chinese_number(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && (is_cn_numeral(chars[j]) || is_magnitude(chars[j])) {
        j += 1;
    }
    let unit = unit_after(chars, j);
    if unit > 0 {
        j + unit
    } else {
        i
    }
}

/// End of a bracketed run `open…close` starting at `i`, when it closes within `max` characters
/// and on the same line.
fn bracketed(chars: &[char], i: usize, close: char, max: usize) -> Option<usize> {
    let limit = (i + max).min(chars.len());
    (i + 1..limit)
        .take_while(|&k| chars[k] != '\n')
        .find(|&k| chars[k] == close)
        .map(|k| k + 1)
}

/// Whether the text of `chars[a..b]` contains `word`.
fn contains(chars: &[char], a: usize, b: usize, word: &str) -> bool {
    (a..b).any(|k| starts_with(chars, k, word).is_some_and(|n| k + n <= b))
}

/// Tokens of a responsibility list `（A、B，C按职责分工负责）` whose brackets are at `open` and
/// `close - 1`: the brackets, each separator, and each agency name as one token.
fn responsibility_list(chars: &[char], open: usize, close: usize, out: &mut Vec<Token>) {
    out.push(open..open + 1);
    let end = close - 1;
    let mut k = open + 1;
    while k < end {
        if matches!(chars[k], '、' | '，' | '；' | '：' | ',' | ';' | ':') {
            out.push(k..k + 1);
            k += 1;
            continue;
        }
        let piece_end = (k..end)
            .find(|&p| matches!(chars[p], '、' | '，' | '；' | '：' | ',' | ';' | ':'))
            .unwrap_or(end);
        let name_end = (k..piece_end)
            .find(|&p| {
                LIST_TAILS
                    .iter()
                    .any(|t| starts_with(chars, p, t).is_some())
            })
            .unwrap_or(piece_end);
        if name_end > k {
            out.push(k..name_end);
        }
        out.extend(
            (name_end..piece_end)
                .filter(|&p| !chars[p].is_whitespace())
                .map(|p| p..p + 1),
        );
        k = piece_end;
    }
    out.push(end..close);
}

/// Cut `chars` into tokens (see the module documentation). `atoms` are character ranges that
/// must stay whole (sorted or not; overlapping ones are ignored after the first).
pub fn tokenize(chars: &[char], atoms: &[Range<usize>]) -> Vec<Token> {
    let mut atoms: Vec<&Range<usize>> = atoms
        .iter()
        .filter(|r| r.start < r.end && r.end <= chars.len())
        .collect();
    atoms.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut next_atom = 0;
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        while next_atom < atoms.len() && atoms[next_atom].start < i {
            next_atom += 1;
        }
        if let Some(a) = atoms.get(next_atom).filter(|a| a.start == i) {
            out.push(a.start..a.end);
            i = a.end;
            continue;
        }
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let end = if is_digit(c) || is_latin(c) {
            arabic_number(chars, i)
        } else if is_cn_numeral(c) {
            chinese_number(chars, i).max(i + 1)
        } else if c == '《' {
            bracketed(chars, i, '》', 64).unwrap_or(i + 1)
        } else if c == '“' {
            bracketed(chars, i, '”', 18).unwrap_or(i + 1)
        } else if c == '（' || c == '(' {
            let close = if c == '（' { '）' } else { ')' };
            if let Some(e) = bracketed(chars, i, close, 240) {
                if RESPONSIBILITY_MARKS
                    .iter()
                    .any(|m| contains(chars, i + 1, e - 1, m))
                {
                    responsibility_list(chars, i, e, &mut out);
                    i = e;
                    continue;
                }
            }
            i + 1
        } else {
            i + 1
        };
        out.push(i..end.max(i + 1));
        i = end.max(i + 1);
    }
    out
}

/// Whether a token is a figure worth reporting when it changes: an Arabic number, or a Chinese
/// numeral with a unit of time or count (三年, 七个); not 一批.
pub fn is_figure(chars: &[char], t: &Token) -> bool {
    match chars.get(t.start) {
        Some(&c) if is_digit(c) => true,
        Some(&c) if is_cn_numeral(c) => {
            let mut j = t.start;
            while j < t.end && (is_cn_numeral(chars[j]) || is_magnitude(chars[j])) {
                j += 1;
            }
            let unit: String = chars[j..t.end].iter().collect();
            // 一个 / 一项 are words; 一年 and 一个工作日 are periods.
            let lone_one = j == t.start + 1 && chars[t.start] == '一';
            CN_FIGURE_UNITS.contains(&unit.as_str())
                && (!lone_one || CN_TIME_UNITS.contains(&unit.as_str()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(&chars, &[])
            .into_iter()
            .map(|t| chars[t].iter().collect())
            .collect()
    }

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(
            words("到2025年，省级专精特新企业5000家以上"),
            [
                "到", "2025年", "，", "省", "级", "专", "精", "特", "新", "企", "业", "5000家",
                "以", "上"
            ]
        );
        assert_eq!(
            words("一次性奖补80万元、最高500万元"),
            [
                "一次",
                "性",
                "奖",
                "补",
                "80万元",
                "、",
                "最",
                "高",
                "500万元"
            ]
        );
        assert_eq!(words("不少于4000亿元"), ["不", "少", "于", "4000亿元"]);
        assert_eq!(
            words("项目投资额50%的比例"),
            ["项", "目", "投", "资", "额", "50%", "的", "比", "例"]
        );
        assert_eq!(words("1.2亿元"), ["1.2亿元"]);
        assert_eq!(words("3A、4A"), ["3A", "、", "4A"]);
        assert_eq!(
            words("IPv6（互联网协议第6版）"),
            ["IPv6", "（", "互", "联", "网", "协", "议", "第", "6版", "）"]
        );
        assert_eq!(words("2022年2月17日"), ["2022年", "2月", "17日"]);
        assert_eq!(words("七个工作日内"), ["七个工作日", "内"]);
        assert_eq!(
            words("到 2025 年培育 100 种"),
            ["到", "2025 年", "培", "育", "100 种"]
        );
        assert_eq!(words("培育一批"), ["培", "育", "一批"]);
    }

    #[test]
    fn titles_quotes_and_responsibility_lists_stay_whole() {
        assert_eq!(
            words("列入《安徽省三首产品推广应用指导目录》的“小巨人”"),
            [
                "列",
                "入",
                "《安徽省三首产品推广应用指导目录》",
                "的",
                "“小巨人”"
            ]
        );
        assert_eq!(
            words("（省发展改革委、省科技厅，各市人民政府按职责分工负责）"),
            [
                "（",
                "省发展改革委",
                "、",
                "省科技厅",
                "，",
                "各市人民政府",
                "按",
                "职",
                "责",
                "分",
                "工",
                "负",
                "责",
                "）"
            ]
        );
        // An ordinary parenthesis is not a list.
        assert_eq!(words("（工程）中心"), ["（", "工", "程", "）", "中", "心"]);
    }

    #[test]
    fn atoms_and_white_space() {
        let text = "省 经信厅 牵头";
        let chars: Vec<char> = text.chars().collect();
        let atom = 2..5;
        let toks = tokenize(&chars, std::slice::from_ref(&atom));
        assert_eq!(toks, vec![0..1, 2..5, 6..7, 7..8]);
    }

    #[test]
    fn figures() {
        let chars: Vec<char> = "到2025年一批五企七个工作日一次性一个总门户一年"
            .chars()
            .collect();
        let toks = tokenize(&chars, &[]);
        let figs: Vec<String> = toks
            .iter()
            .filter(|t| is_figure(&chars, t))
            .map(|t| chars[t.clone()].iter().collect())
            .collect();
        assert_eq!(figs, ["2025年", "七个工作日", "一年"]);
    }
}
