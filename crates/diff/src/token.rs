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

use std::sync::OnceLock;

use policykg_ontology::{Ontology, RoleForm, UnitClass};
use policykg_text::{lines, numeral};

/// A token: a range of character offsets into the unit's text.
pub type Token = Range<usize>;

/// The diff's own words (see the file's header): measure words and the words ending a name.
const TOKEN_WORDS: &str = include_str!("../data/token_words.tsv");
const TOKEN_WORDS_FILE: &str = "crates/diff/data/token_words.tsv";

/// The words the tokenizer matches, taken from an [`Ontology`] so that a user's `--ontology`
/// units and role verbs apply to the diff as they do to the extraction: units from the
/// lexicon (`ontology/lexicon/units.tsv`), role verbs from the gazetteer
/// (`ontology/agencies/roles.tsv`), and the diff's own measure words and name ends
/// (`crates/diff/data/token_words.tsv`), which are no vocabulary of the extractors.
#[derive(Debug, Clone)]
pub struct TokenWords {
    /// Units that keep a number whole, with the lexicon's class; `None` for a measure word of
    /// the diff's file, after which a Chinese numeral is not a figure (一批, 二期).
    units: Vec<(Vec<char>, Option<UnitClass>)>,
    /// Role verbs (牵头, 按职责分工负责 …): they make a parenthesis a responsibility statement.
    role_verbs: Vec<Vec<char>>,
    /// Role verbs and the diff's name ends (等, 会同): where an agency name ends in one.
    name_ends: Vec<Vec<char>>,
}

impl TokenWords {
    /// The words of `ontology`, with the diff's own file.
    pub fn new(ontology: &Ontology) -> TokenWords {
        let mut words = TokenWords {
            units: ontology
                .lexicon
                .units
                .iter()
                .map(|(u, c)| (u.clone(), Some(*c)))
                .collect(),
            role_verbs: ontology
                .gazetteer
                .role_phrases(RoleForm::Verb)
                .map(|p| p.phrase.chars().collect())
                .collect(),
            name_ends: Vec::new(),
        };
        words.name_ends = words.role_verbs.clone();
        let rows = lines::rows(TOKEN_WORDS, TOKEN_WORDS_FILE, &["word", "role"])
            .expect("the bundled token_words.tsv is valid (checked by a test)");
        for row in rows {
            let word: Vec<char> = row.cell(0).chars().collect();
            match row.cell(1) {
                "measure" if !words.units.iter().any(|(u, _)| *u == word) => {
                    words.units.push((word, None))
                }
                "measure" => {}
                "name_end" => words.name_ends.push(word),
                "not_name_end" => words.name_ends.retain(|w| *w != word),
                other => panic!("{TOKEN_WORDS_FILE}:{}: unknown role `{other}`", row.line),
            }
        }
        words
    }

    /// The words of the bundled ontology, shared.
    pub fn bundled() -> &'static TokenWords {
        static BUNDLED: OnceLock<TokenWords> = OnceLock::new();
        BUNDLED.get_or_init(|| TokenWords::new(Ontology::bundled()))
    }

    /// Length of the longest unit at `chars[at..]`, 0 when none.
    fn unit_after(&self, chars: &[char], at: usize) -> usize {
        self.units
            .iter()
            .filter(|(u, _)| chars.get(at..at + u.len()) == Some(u.as_slice()))
            .map(|(u, _)| u.len())
            .max()
            .unwrap_or(0)
    }

    /// The class of `unit` when it is one of the lexicon's.
    fn class(&self, unit: &[char]) -> Option<UnitClass> {
        self.units
            .iter()
            .find(|(u, _)| u.as_slice() == unit)
            .and_then(|(_, c)| *c)
    }
}

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

/// Whether `chars[at..]` starts with `word`.
fn starts_with(chars: &[char], at: usize, word: &[char]) -> bool {
    chars.get(at..at + word.len()) == Some(word)
}

/// End of a number token starting at `i` (an Arabic digit), or `i` when none starts there.
fn arabic_number(chars: &[char], i: usize, words: &TokenWords) -> usize {
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
    let unit = words.unit_after(chars, k);
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
fn chinese_number(chars: &[char], i: usize, words: &TokenWords) -> usize {
    let mut j = i;
    while j < chars.len() && (is_cn_numeral(chars[j]) || is_magnitude(chars[j])) {
        j += 1;
    }
    let unit = words.unit_after(chars, j);
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
fn contains(chars: &[char], a: usize, b: usize, word: &[char]) -> bool {
    (a..b).any(|k| k + word.len() <= b && starts_with(chars, k, word))
}

/// Tokens of a responsibility list `（A、B，C按职责分工负责）` whose brackets are at `open` and
/// `close - 1`: the brackets, each separator, and each agency name as one token.
fn responsibility_list(
    chars: &[char],
    open: usize,
    close: usize,
    words: &TokenWords,
    out: &mut Vec<Token>,
) {
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
            .find(|&p| words.name_ends.iter().any(|t| starts_with(chars, p, t)))
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
pub fn tokenize(chars: &[char], atoms: &[Range<usize>], words: &TokenWords) -> Vec<Token> {
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
            arabic_number(chars, i, words)
        } else if is_cn_numeral(c) {
            chinese_number(chars, i, words).max(i + 1)
        } else if c == '《' {
            bracketed(chars, i, '》', 64).unwrap_or(i + 1)
        } else if c == '“' {
            bracketed(chars, i, '”', 18).unwrap_or(i + 1)
        } else if c == '（' || c == '(' {
            let close = if c == '（' { '）' } else { ')' };
            if let Some(e) = bracketed(chars, i, close, 240) {
                if words
                    .role_verbs
                    .iter()
                    .any(|m| contains(chars, i + 1, e - 1, m))
                {
                    responsibility_list(chars, i, e, words, &mut out);
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
/// numeral with a unit of the lexicon (三年, 七个, 五亩); not with a measure word of the diff's
/// own (一批, 二期). A lone 一 is a figure only with a unit of time: 一个 and 一项 are words,
/// 一年 and 一个工作日 are periods.
pub fn is_figure(chars: &[char], t: &Token, words: &TokenWords) -> bool {
    match chars.get(t.start) {
        Some(&c) if is_digit(c) => true,
        Some(&c) if is_cn_numeral(c) => {
            let mut j = t.start;
            while j < t.end && (is_cn_numeral(chars[j]) || is_magnitude(chars[j])) {
                j += 1;
            }
            let lone_one = j == t.start + 1 && chars[t.start] == '一';
            match words.class(&chars[j..t.end]) {
                Some(UnitClass::Time) => true,
                Some(_) => !lone_one,
                None => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(&chars, &[], TokenWords::bundled())
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
        let toks = tokenize(&chars, std::slice::from_ref(&atom), TokenWords::bundled());
        assert_eq!(toks, vec![0..1, 2..5, 6..7, 7..8]);
    }

    #[test]
    fn figures() {
        let chars: Vec<char> = "到2025年一批五企七个工作日一次性一个总门户一年"
            .chars()
            .collect();
        let toks = tokenize(&chars, &[], TokenWords::bundled());
        let figs: Vec<String> = toks
            .iter()
            .filter(|t| is_figure(&chars, t, TokenWords::bundled()))
            .map(|t| chars[t.clone()].iter().collect())
            .collect();
        assert_eq!(figs, ["2025年", "七个工作日", "一年"]);
    }

    #[test]
    fn units_come_from_the_ontology_and_measure_words_are_no_figures() {
        let chars: Vec<char> = "三次五艘二期一批39号".chars().collect();
        let words = TokenWords::bundled();
        let toks = tokenize(&chars, &[], words);
        let text: Vec<String> = toks
            .iter()
            .map(|t| chars[t.clone()].iter().collect())
            .collect();
        assert_eq!(text, ["三次", "五艘", "二期", "一批", "39号"]);
        let figs: Vec<&str> = toks
            .iter()
            .zip(&text)
            .filter(|(t, _)| is_figure(&chars, t, words))
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(figs, ["三次", "五艘", "39号"]);

        // A unit a user's ontology adds keeps its number whole.
        let mut ontology = Ontology::bundled().clone();
        let mut lexicon = (*ontology.lexicon).clone();
        lexicon
            .units
            .push(("标段".chars().collect(), UnitClass::Count));
        ontology.lexicon = std::sync::Arc::new(lexicon);
        let chars: Vec<char> = "划分3标段".chars().collect();
        let toks = tokenize(&chars, &[], &TokenWords::new(&ontology));
        assert_eq!(toks.last(), Some(&(2..5)));
    }

    #[test]
    fn role_verbs_of_the_gazetteer_mark_a_list() {
        assert_eq!(
            words("（省财政厅、省科技厅协助）"),
            ["（", "省财政厅", "、", "省科技厅", "协", "助", "）"]
        );
        assert_eq!(
            words("（省商务厅会同省财政厅负责）"),
            [
                "（",
                "省商务厅",
                "会",
                "同",
                "省",
                "财",
                "政",
                "厅",
                "负",
                "责",
                "）"
            ]
        );
    }
}
