//! The vocabularies of the lexical extractors (`ontology/lexicon/`): not-a-number words, units
//! with their class, and the cues of numbers, targets, money, 分别 lists and task deadlines. See
//! `ontology/README.md` for what each file holds; `policykg-extract` reads them.
//!
//! Words are kept as `Vec<char>` because every matcher of the extractors walks character
//! offsets.

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::{tsv, OntologyError};

const NOT_NUMBER_COLUMNS: &[&str] = &["word"];
const UNIT_COLUMNS: &[&str] = &["unit", "class"];
const CUE_COLUMNS: &[&str] = &["cue", "role"];

/// The bundled files, by the name prefix a user file extends them with.
const BUNDLED: &[(&str, &str, &str)] = &[
    (
        "not_numbers",
        "ontology/lexicon/not_numbers.tsv",
        include_str!("../../../ontology/lexicon/not_numbers.tsv"),
    ),
    (
        "units",
        "ontology/lexicon/units.tsv",
        include_str!("../../../ontology/lexicon/units.tsv"),
    ),
    (
        "number_cues",
        "ontology/lexicon/number_cues.tsv",
        include_str!("../../../ontology/lexicon/number_cues.tsv"),
    ),
    (
        "target_cues",
        "ontology/lexicon/target_cues.tsv",
        include_str!("../../../ontology/lexicon/target_cues.tsv"),
    ),
    (
        "money_cues",
        "ontology/lexicon/money_cues.tsv",
        include_str!("../../../ontology/lexicon/money_cues.tsv"),
    ),
    (
        "pairing",
        "ontology/lexicon/pairing.tsv",
        include_str!("../../../ontology/lexicon/pairing.tsv"),
    ),
    (
        "duty_cues",
        "ontology/lexicon/duty_cues.tsv",
        include_str!("../../../ontology/lexicon/duty_cues.tsv"),
    ),
    (
        "deadline_cues",
        "ontology/lexicon/deadline_cues.tsv",
        include_str!("../../../ontology/lexicon/deadline_cues.tsv"),
    ),
    (
        "task_cues",
        "ontology/lexicon/task_cues.tsv",
        include_str!("../../../ontology/lexicon/task_cues.tsv"),
    ),
];

/// What a unit measures, which decides whether a quantity can be a target, an amount, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
/// Every matcher runs at almost every character of a document, so each list also keeps its
/// words grouped by their first and by their last character (sorted by that character): most
/// positions are rejected by one binary search, and the others compare only the words that
/// start (end) with their character, rather than every word of the list.
#[derive(Debug, Default, Clone)]
pub struct Words {
    words: Vec<Vec<char>>,
    /// (first character, indices into `words` in list order), by character.
    firsts: Vec<(char, Vec<u32>)>,
    /// (last character, indices into `words` in list order), by character.
    lasts: Vec<(char, Vec<u32>)>,
    /// The first characters hashed into 1,024 bits: a clear bit rejects a position without the
    /// binary search (the lists are scanned at nearly every character of every text).
    first_bits: [u64; 16],
    /// The last characters, hashed the same way, for [`Words::ending_at`].
    last_bits: [u64; 16],
    /// The words of `words` end to end, as [`Words::finish`] orders them, with each word's
    /// range: the matchers read the words from here, a few cache lines for a whole list, where
    /// `words` keeps each word in an allocation of its own (a list of 60 cues read at one place
    /// of a text touched 60 lines).
    packed: Vec<char>,
    /// (start, end) of each word in `packed`, by index.
    spans: Vec<(u32, u32)>,
    /// Each word's characters hashed into 64 bits (bit `code % 64`), by index: a word can only
    /// occur in a text whose characters set all its bits ([`Words::signatures`]).
    signatures: Vec<u64>,
}

impl Words {
    const fn new() -> Words {
        Words {
            words: Vec::new(),
            firsts: Vec::new(),
            lasts: Vec::new(),
            first_bits: [0; 16],
            last_bits: [0; 16],
            packed: Vec::new(),
            spans: Vec::new(),
            signatures: Vec::new(),
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
        let group = |key: fn(&[char]) -> char| {
            let mut keyed: Vec<(char, u32)> = (self.words.iter().enumerate())
                .map(|(n, w)| (key(w), n as u32))
                .collect();
            keyed.sort_unstable();
            let mut groups: Vec<(char, Vec<u32>)> = Vec::new();
            for (c, n) in keyed {
                match groups.last_mut() {
                    Some((k, list)) if *k == c => list.push(n),
                    _ => groups.push((c, vec![n])),
                }
            }
            groups
        };
        self.packed = self.words.concat();
        self.spans.clear();
        self.signatures.clear();
        let mut at = 0u32;
        for w in &self.words {
            self.spans.push((at, at + w.len() as u32));
            at += w.len() as u32;
            self.signatures
                .push(w.iter().fold(0, |sig, &c| sig | signature_bit(c)));
        }
        self.firsts = group(|w| w[0]);
        self.lasts = group(|w| w[w.len() - 1]);
        self.first_bits = [0; 16];
        for &(c, _) in &self.firsts {
            let (slot, bit) = first_bit(c);
            self.first_bits[slot] |= bit;
        }
        self.last_bits = [0; 16];
        for &(c, _) in &self.lasts {
            let (slot, bit) = first_bit(c);
            self.last_bits[slot] |= bit;
        }
    }
    /// Whether a word may start with `c` (the filter alone). Inlined into the callers of the
    /// look-ups below, other crates' loops included, so that the positions it rejects (nearly
    /// all) cost no call.
    #[inline]
    fn may_start(&self, c: char) -> bool {
        let (slot, bit) = first_bit(c);
        self.first_bits[slot] & bit != 0
    }
    #[inline]
    fn may_end(&self, c: char) -> bool {
        let (slot, bit) = first_bit(c);
        self.last_bits[slot] & bit != 0
    }
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = &[char]> {
        (0..self.spans.len()).map(|n| self.word(n))
    }
    /// Each word's characters as 64 bits, in the order of [`Words::iter`]: bit `code % 64` of
    /// every character ([`signature_bit`]). A text whose characters, hashed the same way, lack
    /// one of a word's bits cannot hold that word; one array for the whole list, where reading
    /// the words themselves touches a cache line or more each.
    pub fn signatures(&self) -> &[u64] {
        &self.signatures
    }
    #[inline]
    fn word(&self, n: usize) -> &[char] {
        let (s, e) = self.spans[n];
        &self.packed[s as usize..e as usize]
    }
    /// Word `w` in the order of [`Words::iter`].
    #[inline]
    pub fn get(&self, w: usize) -> &[char] {
        self.word(w)
    }
    /// The words starting with `c`, in list order.
    fn starting(&self, c: char) -> Option<impl Iterator<Item = &[char]>> {
        let (slot, bit) = first_bit(c);
        if self.first_bits[slot] & bit == 0 {
            return None;
        }
        let k = self.firsts.binary_search_by_key(&c, |(f, _)| *f).ok()?;
        Some(self.firsts[k].1.iter().map(|&n| self.word(n as usize)))
    }
    /// Length of the longest word starting at `i`.
    #[inline]
    pub fn at(&self, chars: &[char], i: usize) -> Option<usize> {
        let c = *chars.get(i)?;
        if !self.may_start(c) {
            return None;
        }
        self.at_checked(chars, i, c)
    }
    fn at_checked(&self, chars: &[char], i: usize, c: char) -> Option<usize> {
        self.starting(c)?
            .find(|w| chars.get(i..i + w.len()) == Some(*w))
            .map(|w| w.len())
    }
    /// Length of the longest word ending at `end` (exclusive).
    #[inline]
    pub fn ending_at(&self, chars: &[char], end: usize) -> Option<usize> {
        let last = end.checked_sub(1).and_then(|i| chars.get(i))?;
        if !self.may_end(*last) {
            return None;
        }
        self.ending_at_checked(chars, end, last)
    }
    fn ending_at_checked(&self, chars: &[char], end: usize, last: &char) -> Option<usize> {
        let k = self.lasts.binary_search_by_key(last, |(l, _)| *l).ok()?;
        self.lasts[k]
            .1
            .iter()
            .map(|&n| self.word(n as usize))
            .find(|w| w.len() <= end && &chars[end - w.len()..end] == *w)
            .map(|w| w.len())
    }
    fn at_within(&self, chars: &[char], i: usize, to: usize) -> Option<usize> {
        self.starting(chars[i])?
            .find(|w| i + w.len() <= to && &chars[i..i + w.len()] == *w)
            .map(|w| w.len())
    }
    /// Offset of the first occurrence of any word in `chars[from..to]`, with its length.
    pub fn find_in(&self, chars: &[char], from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to).find_map(|i| {
            self.may_start(chars[i])
                .then(|| self.at_within(chars, i, to).map(|len| (i, len)))
                .flatten()
        })
    }
    /// Offset of the last occurrence of any word in `chars[from..to]`, with its length.
    pub fn rfind_in(&self, chars: &[char], from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to).rev().find_map(|i| {
            self.may_start(chars[i])
                .then(|| self.at_within(chars, i, to).map(|len| (i, len)))
                .flatten()
        })
    }
}

/// The slot and bit of `c` in [`Words`]'s first-character filter.
#[inline]
fn first_bit(c: char) -> (usize, u64) {
    let c = c as u32;
    (((c >> 6) & 15) as usize, 1 << (c & 63))
}

/// Character `c`'s bit in a 64-bit signature ([`Words::signatures`]).
#[inline]
pub fn signature_bit(c: char) -> u64 {
    1 << (c as u32 & 63)
}

/// Cues grouped by role.
#[derive(Debug, Default, Clone)]
pub struct Cues(HashMap<String, Words>);

impl Cues {
    /// Add the rows of a cue file. A user file (`known_roles`) may only use the roles of the
    /// bundled file, so that a misspelt role is an error rather than a cue nobody reads.
    fn extend(&mut self, text: &str, file: &str, known_roles: bool) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, CUE_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let (cue, role) = (tsv::cell(&row, 0), tsv::cell(&row, 1));
            if cue.is_empty() || role.is_empty() {
                return Err(err("expected cue<TAB>role".into()));
            }
            if known_roles && !self.0.contains_key(role) {
                let mut roles: Vec<&str> = self.0.keys().map(String::as_str).collect();
                roles.sort_unstable();
                return Err(err(format!("unknown role `{role}` ({})", roles.join(", "))));
            }
            self.0.entry(role.to_owned()).or_default().push(cue);
        }
        for w in self.0.values_mut() {
            w.finish();
        }
        Ok(())
    }
    /// The words of a role (empty if the file has none).
    ///
    /// Inlined: the role is nearly always a literal, and its hash is then computed when the
    /// caller is compiled.
    #[inline]
    pub fn role(&self, role: &str) -> &Words {
        static EMPTY: Words = Words::new();
        self.0.get(role).unwrap_or(&EMPTY)
    }
    /// Every role with its words, for files whose role column is itself the datum (the ISO code
    /// of a currency unit in `money_cues.tsv`).
    pub fn roles(&self) -> impl Iterator<Item = (&str, &Words)> {
        self.0.iter().map(|(r, w)| (r.as_str(), w))
    }
}

/// Everything in `ontology/lexicon/`.
#[derive(Debug, Clone, Default)]
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
    /// Who a duty clause names as responsible (`duty_cues.tsv`).
    pub duty: Cues,
    /// When a task is due (`deadline_cues.tsv`).
    pub deadline: Cues,
    /// Which outline items are no tasks: framing sections and articles (`task_cues.tsv`).
    pub task: Cues,
}

impl Lexicon {
    /// The lexicon bundled in the binary.
    pub fn bundled() -> Lexicon {
        let mut lexicon = Lexicon::default();
        for (kind, file, text) in BUNDLED {
            lexicon
                .extend(kind, text, file, false)
                .expect("bundled ontology/lexicon/*.tsv are valid (checked by tests)");
        }
        lexicon.reindex();
        lexicon
    }

    /// The file kind a user file extends, by its name (`units-extra.tsv` → `units`).
    pub(crate) fn kind_of(name: &str) -> Option<&'static str> {
        BUNDLED
            .iter()
            .map(|(kind, _, _)| *kind)
            .find(|kind| name.starts_with(kind) && name.ends_with(".tsv"))
    }

    /// Add the rows of a user file of kind `kind` (see [`Lexicon::kind_of`]).
    pub(crate) fn extend_user(
        &mut self,
        kind: &str,
        text: &str,
        file: &str,
    ) -> Result<(), OntologyError> {
        self.extend(kind, text, file, true)?;
        self.reindex();
        Ok(())
    }

    fn extend(
        &mut self,
        kind: &str,
        text: &str,
        file: &str,
        user: bool,
    ) -> Result<(), OntologyError> {
        match kind {
            "not_numbers" => {
                for row in tsv::rows(text, file, NOT_NUMBER_COLUMNS)? {
                    self.not_numbers.push(tsv::cell(&row, 0));
                }
                self.not_numbers.finish();
            }
            "units" => {
                for row in tsv::rows(text, file, UNIT_COLUMNS)? {
                    let (unit, class) = (tsv::cell(&row, 0), tsv::cell(&row, 1));
                    let class = UnitClass::parse(class).ok_or_else(|| OntologyError::Syntax {
                        file: file.to_owned(),
                        line: row.line,
                        message: format!(
                            "unknown unit class `{class}` (count, percent, ratio, physical, \
                             money, foreign_money, time or age)"
                        ),
                    })?;
                    if unit.is_empty() {
                        return Err(OntologyError::Syntax {
                            file: file.to_owned(),
                            line: row.line,
                            message: "empty unit".into(),
                        });
                    }
                    let unit: Vec<char> = unit.chars().collect();
                    self.units.retain(|(u, _)| *u != unit);
                    self.units.push((unit, class));
                }
            }
            "number_cues" => self.number.extend(text, file, user)?,
            "target_cues" => self.target.extend(text, file, user)?,
            "money_cues" => self.money.extend(text, file, user)?,
            "pairing" => self.pairing.extend(text, file, user)?,
            "deadline_cues" => self.deadline.extend(text, file, user)?,
            "duty_cues" => self.duty.extend(text, file, user)?,
            "task_cues" => self.task.extend(text, file, user)?,
            other => unreachable!("lexicon kind {other} is listed in BUNDLED"),
        }
        Ok(())
    }

    fn reindex(&mut self) {
        self.units.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
        self.not_numbers_at.clear();
        for (w, word) in self.not_numbers.words.iter().enumerate() {
            for (k, c) in word.iter().enumerate() {
                self.not_numbers_at.entry(*c).or_default().push((w, k));
            }
        }
        self.units_by_first.clear();
        for (i, (u, c)) in self.units.iter().enumerate() {
            self.units_by_first.entry(u[0]).or_default().push((i, *c));
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
    #[inline]
    pub fn not_number(&self, w: usize) -> &[char] {
        self.not_numbers.get(w)
    }
}
