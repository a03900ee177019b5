//! The vocabularies of the lexical extractors, loaded once from `ontology/lexicon/` (bundled
//! with `include_str!`; see `ontology/lexicon/README.md` for what each file holds).
//!
//! Every file is a list of cues, one a line, `#` comments, optionally with a tab-separated role.
//! Words are kept as `Vec<char>` because every matcher here walks character offsets.

use std::collections::HashMap;
use std::sync::LazyLock;

const NOT_NUMBERS: &str = include_str!("../../../../ontology/lexicon/not_numbers.txt");
const UNITS: &str = include_str!("../../../../ontology/lexicon/units.tsv");
const NUMBER_CUES: &str = include_str!("../../../../ontology/lexicon/number_cues.tsv");
const TARGET_CUES: &str = include_str!("../../../../ontology/lexicon/target_cues.tsv");
const MONEY_CUES: &str = include_str!("../../../../ontology/lexicon/money_cues.tsv");
const PAIRING: &str = include_str!("../../../../ontology/lexicon/pairing.tsv");

/// What a unit measures, which decides whether a quantity can be a target, an amount, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitClass {
    /// 家 个 项 名 …
    Count,
    /// % ％ 个百分点
    Percent,
    /// 倍
    Ratio,
    /// 千瓦 吨 亩 …
    Physical,
    /// 元 (after the scale: 万元 is 10000 元)
    Money,
    /// 美元 欧元 …: never converted to yuan.
    ForeignMoney,
    /// 年 月 日 个月 工作日 …: dates and durations.
    Time,
    /// 岁 周岁
    Age,
}

impl UnitClass {
    fn parse(s: &str) -> Option<UnitClass> {
        Some(match s {
            "count" => UnitClass::Count,
            "percent" => UnitClass::Percent,
            "ratio" => UnitClass::Ratio,
            "physical" => UnitClass::Physical,
            "money" => UnitClass::Money,
            "foreign_money" => UnitClass::ForeignMoney,
            "time" => UnitClass::Time,
            "age" => UnitClass::Age,
            _ => return None,
        })
    }
}

/// A list of words, longest first so that the first match is the longest.
///
/// Every matcher runs at almost every character of a document, so each list also keeps the
/// sorted sets of its words' first and last characters: most positions are rejected by one
/// binary search instead of a comparison with every word.
#[derive(Debug, Default, Clone)]
pub struct Words {
    words: Vec<Vec<char>>,
    firsts: Vec<char>,
    lasts: Vec<char>,
}

impl Words {
    const fn new() -> Words {
        Words {
            words: Vec::new(),
            firsts: Vec::new(),
            lasts: Vec::new(),
        }
    }
    fn push(&mut self, w: &str) {
        let w: Vec<char> = w.chars().collect();
        if !w.is_empty() && !self.words.contains(&w) {
            self.words.push(w);
        }
    }
    fn finish(&mut self) {
        self.words
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.firsts = self.words.iter().map(|w| w[0]).collect();
        self.lasts = self.words.iter().map(|w| w[w.len() - 1]).collect();
        for set in [&mut self.firsts, &mut self.lasts] {
            set.sort_unstable();
            set.dedup();
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &[char]> {
        self.words.iter().map(|w| w.as_slice())
    }
    fn may_start(&self, c: char) -> bool {
        self.firsts.binary_search(&c).is_ok()
    }
    /// Length of the longest word starting at `i`.
    pub fn at(&self, chars: &[char], i: usize) -> Option<usize> {
        if !chars.get(i).is_some_and(|&c| self.may_start(c)) {
            return None;
        }
        self.iter()
            .find(|w| chars.get(i..i + w.len()) == Some(*w))
            .map(|w| w.len())
    }
    /// Length of the longest word ending at `end` (exclusive).
    pub fn ending_at(&self, chars: &[char], end: usize) -> Option<usize> {
        let last = end.checked_sub(1).and_then(|i| chars.get(i))?;
        if self.lasts.binary_search(last).is_err() {
            return None;
        }
        self.iter()
            .find(|w| w.len() <= end && &chars[end - w.len()..end] == *w)
            .map(|w| w.len())
    }
    fn at_within(&self, chars: &[char], i: usize, to: usize) -> Option<usize> {
        if !self.may_start(chars[i]) {
            return None;
        }
        self.iter()
            .find(|w| i + w.len() <= to && &chars[i..i + w.len()] == *w)
            .map(|w| w.len())
    }
    /// Offset of the first occurrence of any word in `chars[from..to]`, with its length.
    pub fn find_in(&self, chars: &[char], from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to).find_map(|i| self.at_within(chars, i, to).map(|len| (i, len)))
    }
    /// Offset of the last occurrence of any word in `chars[from..to]`, with its length.
    pub fn rfind_in(&self, chars: &[char], from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to)
            .rev()
            .find_map(|i| self.at_within(chars, i, to).map(|len| (i, len)))
    }
}

/// Cues grouped by role.
#[derive(Debug, Default)]
pub struct Cues(HashMap<String, Words>);

impl Cues {
    fn parse(src: &str, file: &str) -> Cues {
        let mut map: HashMap<String, Words> = HashMap::new();
        for line in lines(src) {
            let (word, role) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{file}: line without a role: {line:?}"));
            map.entry(role.trim().to_owned())
                .or_default()
                .push(word.trim());
        }
        for w in map.values_mut() {
            w.finish();
        }
        Cues(map)
    }
    /// The words of a role (empty if the file has none).
    pub fn role(&self, role: &str) -> &Words {
        static EMPTY: Words = Words::new();
        self.0.get(role).unwrap_or(&EMPTY)
    }
}

/// Everything in `ontology/lexicon/`.
#[derive(Debug)]
pub struct Lexicon {
    pub not_numbers: Words,
    /// For each character, the (word, offset) pairs of `not_numbers` holding it there.
    pub not_numbers_at: HashMap<char, Vec<(usize, usize)>>,
    /// Units by first character, longest first.
    units_by_first: HashMap<char, Vec<(usize, UnitClass)>>,
    /// (unit, class), longest first.
    pub units: Vec<(Vec<char>, UnitClass)>,
    pub number: Cues,
    pub target: Cues,
    pub money: Cues,
    pub pairing: Cues,
}

/// The data lines of a bundled file (the one definition of comments and blank lines).
fn lines(src: &str) -> impl Iterator<Item = &str> {
    policykg_text::lines::data_lines(src).map(|(_, line)| line)
}

impl Lexicon {
    fn bundled() -> Lexicon {
        let mut not_numbers = Words::default();
        for l in lines(NOT_NUMBERS) {
            not_numbers.push(l.trim());
        }
        not_numbers.finish();
        let mut units: Vec<(Vec<char>, UnitClass)> = lines(UNITS)
            .map(|l| {
                let (u, c) = l.split_once('\t').expect("units.tsv: unit<TAB>class");
                let class = UnitClass::parse(c.trim())
                    .unwrap_or_else(|| panic!("units.tsv: unknown class {c:?}"));
                (u.trim().chars().collect(), class)
            })
            .collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
        let mut not_numbers_at: HashMap<char, Vec<(usize, usize)>> = HashMap::new();
        for (w, word) in not_numbers.words.iter().enumerate() {
            for (k, c) in word.iter().enumerate() {
                not_numbers_at.entry(*c).or_default().push((w, k));
            }
        }
        let mut units_by_first: HashMap<char, Vec<(usize, UnitClass)>> = HashMap::new();
        for (i, (u, c)) in units.iter().enumerate() {
            units_by_first.entry(u[0]).or_default().push((i, *c));
        }
        Lexicon {
            not_numbers_at,
            units_by_first,
            not_numbers,
            units,
            number: Cues::parse(NUMBER_CUES, "number_cues.tsv"),
            target: Cues::parse(TARGET_CUES, "target_cues.tsv"),
            money: Cues::parse(MONEY_CUES, "money_cues.tsv"),
            pairing: Cues::parse(PAIRING, "pairing.tsv"),
        }
    }

    /// The longest unit starting at `i`.
    pub fn unit_at(&self, chars: &[char], i: usize) -> Option<(usize, UnitClass)> {
        let first = chars.get(i)?;
        self.units_by_first.get(first)?.iter().find_map(|&(u, c)| {
            let u = &self.units[u].0;
            (chars.get(i..i + u.len()) == Some(u.as_slice())).then_some((u.len(), c))
        })
    }

    /// The not-number word `w`.
    pub fn not_number(&self, w: usize) -> &[char] {
        &self.not_numbers.words[w]
    }
}

/// The bundled lexicon.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::bundled);
    &LEXICON
}
