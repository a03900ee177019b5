//! Task deadlines: when a task is due, where the text says so for the whole task.
//!
//! Read, in this order of trust (the first that gives one wins):
//! 1. a 完成时限 / 时间节点 column of a task table (the header words are `label` cues), the cell
//!    taken whole as written;
//! 2. a labelled field in the task: "完成时限：2023年6月";
//! 3. a parenthesis, or one comma-separated part of it, that is nothing but a deadline:
//!    "（2023年底前）", "（省发展改革委牵头，2023年底前完成）", "（长期坚持）" (of dated steps
//!    in one parenthesis the latest; a bare year with a completion verb, "2026年全面完成", is
//!    that year's end);
//! 4. a time phrase opening a sentence of the task, when it is the task's only such phrase and
//!    opens its first body sentence or its last: "开展评估总结。2021年3月底前，试点城市政府…";
//!    or, for dated steps from the first body sentence to the last, the last step's date when
//!    it is the latest ("2019年3月底前，国家…建立…。2019年6月底前，各省份建立…").
//!    A phrase opening a middle sentence bounds one clause, not the task; a bare year
//!    ("2025年，") and a target's year ("到2025年，…达到…") are no deadline;
//! 5. for a duty with a relative limit, in its first sentence: "应当在作出奖励决定之日起10个
//!    工作日内";
//! 6. for a duty bound by a date in the first clause of its first body sentence: "各省份于2019年
//!    11月底前完成…" (于/在, a date ending in 前, a completion verb), or opening its second
//!    clause: "坚持试点先行，2020年底前在每个设区市明确…";
//! 7. the closing clause of the task's last sentence when it is wholly a deadline, as a part of
//!    a parenthesis would be: "…，市交通运输局配合，2024年9月底前完成。", "…，上半年完成。";
//! 8. a commitment anywhere in the task, when it is the only one: "确保3月底前完成租地工作"
//!    (确保, a date, a completion verb; a month, the year's end or a part of the year without
//!    its year is of the document's year).
//!
//! A whole value (a cell, a field, a parenthesis) that comes round every period ("每季度末",
//! "每年12月底前", "每月10日前") is a `recurring` deadline with its period (`every`). In running
//! text such a phrase bounds one clause of a standing duty, not the task, and is not read.
//!
//! Words come from `ontology/lexicon/deadline_cues.tsv`; the calendar grammar (digits, 年 月 日,
//! the last day of a month) is code. A value is normalised to the last day it allows (`by`),
//! reading 前 as inclusive of the period named ("2023年6月底前" and "2023年6月前" are both
//! 2023-06-30), because documents use the two interchangeably. 长期坚持 / 持续推进 are `ongoing`
//! only as a whole value (a cell, a field, a parenthesis): in running text ("持续推进乡村绿化")
//! they are the task's verb, not its deadline.

use policykg_ontology::{Cues, Ontology, Words};
use policykg_outline::Parsed;
use policykg_read::{CharIndex, Span, Table, TableCell};
use policykg_text::{fold, numeral};

use crate::model::{Deadline, DeadlineBasis, DeadlineKind, Task, TaskOrigin, TimeLimit, TimeUnit};

/// Longest labelled value or cell read as a deadline: a longer one is a sentence, not a time.
const MAX_VALUE_CHARS: usize = 40;

/// Longest closing clause of a sentence read as a deadline ("2024年9月30日前全面完成").
const MAX_CLOSING_CHARS: usize = 16;

/// Sets the deadline of every task whose text (or table row) gives one.
pub fn attach(tasks: &mut [Task], parsed: &Parsed, ontology: &Ontology) {
    let text = &parsed.document.text;
    attach_with(
        tasks,
        parsed,
        ontology,
        &CharIndex::new(text),
        &policykg_text::chars_of(text),
    );
}

/// [`attach`] with the document's character index and characters, made once by
/// [`crate::extract`].
pub(crate) fn attach_with(
    tasks: &mut [Task],
    parsed: &Parsed,
    ontology: &Ontology,
    index: &CharIndex,
    doc_chars: &[char],
) {
    let cues = Cue(&ontology.lexicon.deadline);
    // The year a month written without one ("3月底前") falls in.
    let doc_year = parsed
        .metadata
        .date
        .as_deref()
        .and_then(|d| d.get(..4)?.parse::<u32>().ok());
    for table in &parsed.document.tables {
        table_deadlines(table, tasks, index, &cues);
    }
    // One buffer for every task's folded characters.
    let mut folded = Vec::<char>::new();
    let marks = Marks::new(&cues);
    for task in tasks.iter_mut() {
        if task.deadline.is_some() || task.origin == TaskOrigin::TableRow {
            continue;
        }
        // Offsets are only right when the task's text is the document's text at its span;
        // then its characters are the document's there, decoded once for all tasks.
        if index.slice(task.span) != Some(task.text.as_str()) {
            continue;
        }
        let Some(chars) = doc_chars.get(task.span.start..task.span.end) else {
            continue;
        };
        // A copy out of a PDF spaces digits from characters ("2019年 8月底前"): read without
        // those spaces, the deadline found is then put back on the task's own characters.
        let spaced = without_copy_spaces(chars);
        let chars = spaced.as_ref().map_or(chars, |(kept, _)| kept.as_slice());
        folded.clear();
        folded.extend(chars.iter().map(|&c| fold::fold_alnum(c)));
        let at = task.span.start;
        // A label needs its colon, a calendar phrase its 年 (see `year_at`), a parenthesis its
        // bracket, a relative limit a `duty_lead` and a commitment an `ensure_lead`: most tasks
        // have none of them, and are not scanned for them.
        let found = marks.of(&folded);
        let has = |mark: u8| found & mark != 0;
        task.deadline = has(Marks::COLON)
            .then(|| labelled(&folded, chars, at, &cues))
            .flatten()
            .or_else(|| {
                has(Marks::BRACKET)
                    .then(|| parenthesised(&folded, chars, at, doc_year, &cues))
                    .flatten()
            })
            .or_else(|| {
                has(Marks::YEAR)
                    .then(|| opening_sentence(&folded, chars, at, &task.heading, &cues))
                    .flatten()
            })
            .or_else(|| {
                has(Marks::DUTY)
                    .then(|| relative_duty(&folded, chars, at, &cues))
                    .flatten()
            })
            .or_else(|| {
                has(Marks::YEAR)
                    .then(|| dated_duty(&folded, chars, at, &task.heading, &cues))
                    .flatten()
            })
            .or_else(|| closing_clause(&folded, chars, at, doc_year, &cues))
            .or_else(|| {
                has(Marks::ENSURE)
                    .then(|| ensured(&folded, chars, at, doc_year, &cues))
                    .flatten()
            });
        if let (Some(d), Some((_, kept_at))) = (task.deadline.as_mut(), &spaced) {
            let (s, e) = (d.span.start - at, d.span.end - at);
            if s < e {
                let (from, to) = (kept_at[s], kept_at[e - 1] + 1);
                d.span = Span::new(at + from, at + to);
                if let Some(own) = doc_chars.get(at + from..at + to) {
                    d.text = own.iter().collect();
                }
            }
        }
    }
}

/// `chars` without the single spaces a copy out of a PDF puts between a digit and a CJK
/// character, and the index in `chars` of each character kept; `None` when there is none.
fn without_copy_spaces(chars: &[char]) -> Option<(Vec<char>, Vec<usize>)> {
    // Most tasks hold no space at all: a pass with no early exit, which the compiler
    // vectorises, answers them before the test at every character.
    if !chars.iter().fold(false, |any, &c| any | (c == ' ')) {
        return None;
    }
    let digit = |c: char| fold::fold_alnum(c).is_ascii_digit();
    let copy_space = |k: usize| {
        chars[k] == ' '
            && k > 0
            && k + 1 < chars.len()
            && ((digit(chars[k - 1]) && fold::is_han(chars[k + 1]))
                || (fold::is_han(chars[k - 1]) && digit(chars[k + 1])))
    };
    if !(0..chars.len()).any(copy_space) {
        return None;
    }
    let (kept, kept_at) = chars
        .iter()
        .enumerate()
        .filter(|&(k, _)| !copy_space(k))
        .map(|(k, &c)| (c, k))
        .unzip();
    Some((kept, kept_at))
}

/// The characters one of the task readings below cannot do without, found in one pass over a
/// task's folded characters instead of one pass per reading: a colon (a label), 年 (a calendar
/// phrase), an opening bracket (a parenthesis), the first character of a `duty_lead` (a
/// relative limit) or of an `ensure_lead` (a commitment).
struct Marks {
    /// The characters in 1,024 bits: most characters of a text are none of them, and are
    /// passed over with one test.
    filter: [u64; 16],
    duty_firsts: Vec<char>,
    ensure_firsts: Vec<char>,
}

impl Marks {
    const COLON: u8 = 1;
    const YEAR: u8 = 2;
    const BRACKET: u8 = 4;
    const DUTY: u8 = 8;
    const ENSURE: u8 = 16;

    fn new(cues: &Cue) -> Marks {
        let firsts = |role: &str| -> Vec<char> {
            let mut firsts: Vec<char> = cues
                .role(role)
                .iter()
                .filter_map(|w| w.first().copied())
                .collect();
            firsts.sort_unstable();
            firsts.dedup();
            firsts
        };
        let (duty_firsts, ensure_firsts) = (firsts("duty_lead"), firsts("ensure_lead"));
        let mut filter = [0u64; 16];
        for &c in ['：', ':', '年', '（', '(']
            .iter()
            .chain(&duty_firsts)
            .chain(&ensure_firsts)
        {
            let (slot, bit) = Marks::bit(c);
            filter[slot] |= bit;
        }
        Marks {
            filter,
            duty_firsts,
            ensure_firsts,
        }
    }

    #[inline]
    fn bit(c: char) -> (usize, u64) {
        let b = c as usize % 1024;
        (b / 64, 1 << (b % 64))
    }

    /// The marks found in `chars`, or-ed.
    fn of(&self, chars: &[char]) -> u8 {
        let mut found = 0;
        for &c in chars {
            let (slot, bit) = Marks::bit(c);
            if self.filter[slot] & bit == 0 {
                continue;
            }
            found |= match c {
                '：' | ':' => Marks::COLON,
                '年' => Marks::YEAR,
                '（' | '(' => Marks::BRACKET,
                _ => 0,
            };
            if self.duty_firsts.contains(&c) {
                found |= Marks::DUTY;
            }
            if self.ensure_firsts.contains(&c) {
                found |= Marks::ENSURE;
            }
        }
        found
    }
}

/// The cue lists by role.
struct Cue<'a>(&'a Cues);

impl Cue<'_> {
    fn role(&self, role: &str) -> &Words {
        self.0.role(role)
    }
    /// The length of a word of `role` at `i`.
    fn at(&self, role: &str, chars: &[char], i: usize) -> Option<usize> {
        self.role(role).at(chars, i)
    }
    /// What the longest word at `i` of any of `roles` stands for, with the word's length.
    fn longest<T: Copy>(
        &self,
        roles: &[(T, &str)],
        chars: &[char],
        i: usize,
    ) -> Option<(T, usize)> {
        roles
            .iter()
            .filter_map(|&(what, role)| self.at(role, chars, i).map(|len| (what, len)))
            .max_by_key(|&(_, len)| len)
    }
    /// The month a part-of-year word at `i` ends in, with the word's length.
    fn part_of_year(&self, chars: &[char], i: usize) -> Option<(u32, usize)> {
        let roles = [
            (3, "ends_month_3"),
            (6, "ends_month_6"),
            (9, "ends_month_9"),
            (12, "ends_month_12"),
        ];
        self.longest(&roles, chars, i)
    }
    fn time_unit(&self, chars: &[char], i: usize) -> Option<(TimeUnit, usize)> {
        let roles = [
            (TimeUnit::Day, "unit_day"),
            (TimeUnit::WorkingDay, "unit_working_day"),
            (TimeUnit::Week, "unit_week"),
            (TimeUnit::Month, "unit_month"),
            (TimeUnit::Year, "unit_year"),
        ];
        self.longest(&roles, chars, i)
    }
    /// The period of a recurring word at `i` (每年, 每季度 …), with the word's length.
    fn every(&self, chars: &[char], i: usize) -> Option<(TimeUnit, usize)> {
        let roles = [
            (TimeUnit::Year, "every_year"),
            (TimeUnit::HalfYear, "every_half_year"),
            (TimeUnit::Quarter, "every_quarter"),
            (TimeUnit::Month, "every_month"),
            (TimeUnit::Week, "every_week"),
        ];
        self.longest(&roles, chars, i)
    }
}

/// A calendar phrase found in text: "2025年底前", "1997年4―6月", "2019年上半年".
#[derive(Debug, Clone, PartialEq, Eq)]
struct When {
    /// Character range in the text.
    start: usize,
    end: usize,
    /// The last day it allows.
    by: (u32, u32, u32),
    /// Names more than a year: a month, a part of the year, its end, or "by".
    specific: bool,
    /// Ends with a `before` cue (前).
    before: bool,
}

impl When {
    fn iso(&self) -> String {
        let (y, m, d) = self.by;
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A four-digit year at `i` ("2025", "二〇二五") followed by 年: (year, end after 年).
fn year_at(folded: &[char], i: usize) -> Option<(u32, usize)> {
    if i > 0 && numeral::is_numeral_char(folded[i - 1]) {
        return None;
    }
    let mut buf = [0u8; 24];
    let rest = encode(&folded[i..folded.len().min(i + 5)], &mut buf)?;
    let (y, len, digits) = numeral::cn_digits(rest)?;
    let n = rest[..len].chars().count();
    (digits == 4 && (1900..=2100).contains(&y) && folded.get(i + n) == Some(&'年'))
        .then_some((y, i + n + 1))
}

/// A range of years at `i`, "2024—2025年", "2024年至2025年": the last year, and the end after
/// its 年 (a task given two years is done by the end of the second).
fn year_range_at(folded: &[char], i: usize, cues: &Cue) -> Option<(u32, usize)> {
    if i > 0 && numeral::is_numeral_char(folded[i - 1]) {
        return None;
    }
    let digits = folded.get(i..i + 4)?;
    if !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    let y1 = digits
        .iter()
        .fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or(0));
    let mut k = i + 4;
    if folded.get(k) == Some(&'年') {
        k += 1;
    }
    let mut range = false;
    while let Some(len) = cues.at("range", folded, k) {
        k += len;
        range = true;
    }
    let (y2, end) = year_at(folded, k).filter(|_| range)?;
    (y1 < y2 && (1900..=2100).contains(&y1)).then_some((y2, end))
}

/// A small number at `i` (12, 十二, 六): (value, end).
fn small_number_at(folded: &[char], i: usize) -> Option<(u32, usize)> {
    let mut buf = [0u8; 24];
    let rest = encode(&folded[i..folded.len().min(i + 6)], &mut buf)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let n = rest.chars().take_while(char::is_ascii_digit).count();
        return rest[..n].parse().ok().map(|v| (v, i + n));
    }
    let (v, len) = numeral::cn_numeral(rest)?;
    Some((v, i + rest[..len].chars().count()))
}

/// At most six characters as text, on the stack: the year and number readers are asked at
/// thousands of places of a document, and a `String` each was an allocation each.
fn encode<'b>(chars: &[char], buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let mut len = 0;
    for c in chars.iter().take(6) {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// A month number at `i`, with or without 月: (month, end, had 月).
fn month_at(folded: &[char], i: usize) -> Option<(u32, usize, bool)> {
    let (m, end) = small_number_at(folded, i)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let has_yue = folded.get(end) == Some(&'月');
    Some((m, end + usize::from(has_yue), has_yue))
}

/// The calendar phrase starting with a year at `i`.
fn when_at(folded: &[char], i: usize, cues: &Cue) -> Option<When> {
    let (year, mut end) = year_range_at(folded, i, cues).or_else(|| year_at(folded, i))?;
    let mut by = (year, 12, 31);
    let mut specific = false;
    if let Some((m, len)) = cues.part_of_year(folded, end) {
        by = (year, m, days_in_month(year, m));
        end += len;
        specific = true;
    } else if let Some(len) = cues.at("period_end", folded, end) {
        end += len;
        specific = true;
    } else if let Some((y, m, d, after)) = month_phrase(folded, year, end, cues) {
        end = after;
        by = (y, m, d);
        specific = true;
    }
    let before = cues.at("before", folded, end);
    if let Some(len) = before {
        end += len;
        specific = true;
    }
    Some(When {
        start: i,
        end,
        by,
        specific,
        before: before.is_some(),
    })
}

/// A month with perhaps its day at `i`: "6月", "6月30日", "4" (the start of a range "4―6月"):
/// (month, day if written, end, had 月).
fn month_day_at(folded: &[char], i: usize) -> Option<(u32, Option<u32>, usize, bool)> {
    let (m, end, has_yue) = month_at(folded, i)?;
    if has_yue {
        if let Some((d, after)) = day_at(folded, end) {
            return Some((m, Some(d), after, true));
        }
    }
    Some((m, None, end, has_yue))
}

/// A day of the month at `i`, with its 日 or 号 ("30日", "十号"): (day, end).
fn day_at(folded: &[char], i: usize) -> Option<(u32, usize)> {
    let (d, after) = small_number_at(folded, i)?;
    (matches!(folded.get(after), Some('日' | '号')) && (1..=31).contains(&d))
        .then_some((d, after + 1))
}

/// The month part after a year ending at `i`: "6月", "6月30日", "6月底", a range "4―6月",
/// "1月1日至12月31日" or "10月――1998年2月": (year, month, last day, end).
fn month_phrase(
    folded: &[char],
    year: u32,
    i: usize,
    cues: &Cue,
) -> Option<(u32, u32, u32, usize)> {
    let (m, d, after, has_yue) = month_day_at(folded, i)?;
    let mut last = has_yue.then_some((year, m, d, after));
    let mut k = after;
    let mut range = false;
    while let Some(len) = cues.at("range", folded, k) {
        k += len;
        range = true;
    }
    if range {
        let (y2, from) = year_at(folded, k).unwrap_or((year, k));
        if let Some((m2, d2, after2, true)) = month_day_at(folded, from) {
            last = Some((y2, m2, d2, after2));
        }
    }
    let (y, m, d, mut end) = last?;
    let day = d
        .filter(|&d| d <= days_in_month(y, m))
        .unwrap_or_else(|| days_in_month(y, m));
    if d.is_none() {
        if let Some(len) = cues.at("period_end", folded, end) {
            end += len;
        }
    }
    Some((y, m, day, end))
}

/// The first calendar phrase in `folded[from..to]`.
fn first_when(folded: &[char], from: usize, to: usize, cues: &Cue) -> Option<When> {
    (from..to).find_map(|i| when_at(folded, i, cues).filter(|w| w.end <= to))
}

fn deadline(chars: &[char], at: usize, (start, end): (usize, usize)) -> (String, Span) {
    (
        chars[start..end].iter().collect(),
        Span::new(at + start, at + end),
    )
}

fn dated(chars: &[char], at: usize, w: &When, basis: DeadlineBasis) -> Deadline {
    let (text, span) = deadline(chars, at, (w.start, w.end));
    Deadline {
        text,
        span,
        kind: DeadlineKind::Date,
        by: Some(w.iso()),
        within: None,
        every: None,
        basis,
    }
}

/// A relative limit at `i`: "10个工作日内", "六个月内": (limit, end).
fn limit_at(folded: &[char], i: usize, cues: &Cue) -> Option<(TimeLimit, usize)> {
    if i > 0 && numeral::is_numeral_char(folded[i - 1]) {
        return None;
    }
    let (value, after) = small_number_at(folded, i)?;
    let (unit, len) = cues.time_unit(folded, after)?;
    let within = cues.at("within", folded, after + len)?;
    Some((TimeLimit { value, unit }, after + len + within))
}

/// A labelled value or table cell read whole (`value` at `start..end` of `chars`).
fn value_deadline(
    folded: &[char],
    chars: &[char],
    at: usize,
    (start, end): (usize, usize),
    cues: &Cue,
) -> Option<Deadline> {
    let is_trim = |c: char| {
        c.is_whitespace() || matches!(c, '。' | '；' | ';' | '，' | ',' | '、' | '：' | ':')
    };
    let mut start = start;
    let mut end = end;
    while start < end && is_trim(chars[start]) {
        start += 1;
    }
    while end > start && is_trim(chars[end - 1]) {
        end -= 1;
    }
    if start == end || end - start > MAX_VALUE_CHARS {
        return None;
    }
    let (text, span) = deadline(chars, at, (start, end));
    let mut d = Deadline {
        text,
        span,
        kind: DeadlineKind::Other,
        by: None,
        within: None,
        every: None,
        basis: DeadlineBasis::Labelled,
    };
    if cues.at("ongoing", folded, start).is_some() {
        d.kind = DeadlineKind::Ongoing;
    } else if let Some((every, _)) = recurring_at(folded, start, end, cues) {
        d.kind = DeadlineKind::Recurring;
        d.every = Some(every);
    } else if let Some(w) = first_when(folded, start, end, cues) {
        d.kind = DeadlineKind::Date;
        d.by = Some(w.iso());
    } else if let Some((limit, _)) = (start..end).find_map(|i| limit_at(folded, i, cues)) {
        d.kind = DeadlineKind::Relative;
        d.within = Some(limit);
    }
    Some(d)
}

/// "完成时限：2023年6月": the value after a `label` cue and a colon, up to the end of its clause.
fn labelled(folded: &[char], chars: &[char], at: usize, cues: &Cue) -> Option<Deadline> {
    let labels = cues.role("label");
    let mut from = 0;
    while let Some((i, len)) = labels.find_in(folded, from, folded.len()) {
        from = i + len;
        let colon = from;
        if !matches!(folded.get(colon), Some('：' | ':')) {
            continue;
        }
        let end = (colon + 1..folded.len())
            .find(|&k| matches!(folded[k], '。' | '；' | ';' | '）' | ')' | '\n' | '\t'))
            .unwrap_or(folded.len());
        if let Some(d) = value_deadline(folded, chars, at, (colon + 1, end), cues) {
            return Some(d);
        }
    }
    None
}

/// A parenthesis, or one part of it between commas, that is only a deadline (with perhaps a
/// completion verb): "（2023年底前）", "（…牵头，2023年底前完成）", "（长期坚持）".
fn parenthesised(
    folded: &[char],
    chars: &[char],
    at: usize,
    doc_year: Option<u32>,
    cues: &Cue,
) -> Option<Deadline> {
    let mut i = 0;
    while i < folded.len() {
        if !matches!(folded[i], '（' | '(') {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..folded.len()).find(|&k| matches!(folded[k], '）' | ')')) else {
            break;
        };
        let mut part = i + 1;
        // "（…，2025年6月底前基本完成，2026年全面完成）": of dated steps, the last ends the task.
        let mut found: Option<Deadline> = None;
        for k in i + 1..=close {
            if k == close || matches!(folded[k], '，' | ',' | '；' | ';') {
                let basis = DeadlineBasis::Parenthesis;
                if let Some(d) = part_deadline(folded, chars, at, (part, k), doc_year, basis, cues)
                {
                    match &found {
                        None => found = Some(d),
                        Some(f) if f.by.is_some() && d.by > f.by => found = Some(d),
                        Some(_) => {}
                    }
                }
                part = k + 1;
            }
        }
        if found.is_some() {
            return found;
        }
        i = close + 1;
    }
    None
}

/// A part of a parenthesis, or a sentence's closing clause, that is wholly a deadline.
fn part_deadline(
    folded: &[char],
    chars: &[char],
    at: usize,
    (start, end): (usize, usize),
    doc_year: Option<u32>,
    basis: DeadlineBasis,
    cues: &Cue,
) -> Option<Deadline> {
    let start = (start..end).find(|&k| !folded[k].is_whitespace())?;
    let end = (start..end).rfind(|&k| !folded[k].is_whitespace())? + 1;
    // Without a completion verb at its end.
    let verbs = cues.role("verb");
    let core_end = verbs
        .ending_at(folded, end)
        .map_or(end, |len| end - len)
        .max(start);
    if let Some(len) = cues.at("ongoing", folded, start) {
        if start + len == core_end || start + len == end {
            let (text, span) = deadline(chars, at, (start, start + len));
            return Some(Deadline {
                text,
                span,
                kind: DeadlineKind::Ongoing,
                by: None,
                within: None,
                every: None,
                basis,
            });
        }
    }
    if let Some((every, len)) = recurring_at(folded, start, core_end, cues) {
        // "（每季度末）", "（每年12月底前报送）": wholly a point in every period
        if start + len == core_end {
            let (text, span) = deadline(chars, at, (start, start + len));
            return Some(Deadline {
                text,
                span,
                kind: DeadlineKind::Recurring,
                by: None,
                within: None,
                every: Some(every),
                basis,
            });
        }
    }
    // "2026年全面完成": a bare year with a completion verb is that year's end.
    let w = when_at(folded, start, cues)
        .filter(|w| w.end == core_end && (w.specific || core_end < end))
        .or_else(|| {
            // "（…，6月底前完成）", "（…，年底前完成）": a month or the year's end without its
            // year is of the document's year (none known: no deadline).
            let year = doc_year?;
            yearless_at(folded, start, year, cues)
                .or_else(|| year_end_at(folded, start, year, cues))
                .filter(|w| w.end == core_end)
        })?;
    Some(dated(chars, at, &w, basis))
}

/// "年底前", "年内", and a part of the year without its year ("上半年", "三季度"): the end of
/// that part of `year`, with the phrase's length.
fn year_end_at(folded: &[char], i: usize, year: u32, cues: &Cue) -> Option<When> {
    let (month, len) = match cues.at("year_end", folded, i) {
        Some(len) => (12, len),
        None => cues.part_of_year(folded, i)?,
    };
    let mut end = i + len;
    let before = cues.at("before", folded, end);
    end += before.unwrap_or(0);
    Some(When {
        start: i,
        end,
        by: (year, month, days_in_month(year, month)),
        specific: true,
        before: before.is_some(),
    })
}

/// A recurring time at `i` (before `end`): a `every_*` cue (每年, 每季度, 每月 …), then perhaps
/// a month and day, the period's end (底, 末) and 前: "每季度末", "每年12月底前", "每月10日前".
/// The period, and the phrase's length. A bare cue is one only when nothing follows it before
/// `end` ("每季度" as a table cell); a cue before other words ("每年举办一次") is none.
fn recurring_at(folded: &[char], i: usize, end: usize, cues: &Cue) -> Option<(TimeUnit, usize)> {
    let (every, len) = cues.every(folded, i)?;
    let mut k = i + len;
    if k == end {
        return Some((every, len));
    }
    // 每月10日前: a day alone; 每年12月底前, 每年3月31日前: a month and perhaps its day
    if let Some((_, after)) = day_at(folded, k) {
        k = after;
    } else if let Some((_, _, after, true)) = month_day_at(folded, k) {
        k = after;
    }
    let mut specific = k > i + len;
    if let Some(l) = cues.at("period_end", folded, k) {
        k += l;
        specific = true;
    }
    if let Some(l) = cues.at("before", folded, k) {
        k += l;
        specific = true;
    }
    (specific && k <= end).then_some((every, k - i))
}

/// Sentences of the task as (start, end), split at 。！？； and line ends.
fn sentences(folded: &[char]) -> Vec<(usize, usize)> {
    sentence_iter(folded).collect()
}

/// [`sentences`] one at a time (a caller that needs the first stops there).
fn sentence_iter(folded: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    folded
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '\n'))
        .map(|(k, _)| k + 1)
        .chain(std::iter::once(folded.len()))
        .map(move |end| {
            let s = std::mem::replace(&mut start, end);
            (s, end)
        })
        .map(|(s, e)| {
            let s = (s..e).find(|&k| !folded[k].is_whitespace()).unwrap_or(e);
            (s, e)
        })
        .filter(|&(s, e)| folded[s..e].iter().any(|c| c.is_alphanumeric()))
}

/// A calendar phrase opening the sentence at `s`, if it can be a deadline: specific, and
/// after a `target_lead` word only when it ends with 前.
fn opening_when(folded: &[char], s: usize, cues: &Cue) -> Option<When> {
    let (lead, start) = match cues.at("target_lead", folded, s) {
        Some(len) => (true, s + len),
        None => (false, s),
    };
    when_at(folded, start, cues).filter(|w| w.specific && (!lead || w.before))
}

fn folded_heading(heading: &str) -> Vec<char> {
    heading.trim().chars().map(fold::fold_alnum).collect()
}

/// Whether the sentence starting at `s` is a parenthesis (a task's responsibility statement),
/// not a sentence of the task's own words.
fn is_parenthesis(folded: &[char], s: usize) -> bool {
    matches!(folded[s], '（' | '(')
}

/// Whether the sentence `(s, e)` is the task's heading and nothing more ("省级年度考核。").
fn is_heading(folded: &[char], (s, e): (usize, usize), heading: &[char]) -> bool {
    !heading.is_empty() && folded[s..e].starts_with(heading) && e - s <= heading.len()
}

/// The only calendar phrase opening a sentence of the task, when that sentence is its first
/// body sentence (after the heading) or its last (before its responsibility parenthesis); of
/// several, the last sentence's when the first body sentence opens with one too and the last
/// is the latest (the task's steps, each dated, the last ending it).
fn opening_sentence(
    folded: &[char],
    chars: &[char],
    at: usize,
    heading: &str,
    cues: &Cue,
) -> Option<Deadline> {
    let sentences = sentences(folded);
    let found: Vec<(usize, When)> = sentences
        .iter()
        .enumerate()
        .filter_map(|(n, &(s, _))| opening_when(folded, s, cues).map(|w| (n, w)))
        .collect();
    let (first, (n, w)) = match found.as_slice() {
        [] => return None,
        [only] => (only, only),
        [first, .., last] => (first, last),
    };
    let heading = folded_heading(heading);
    let first_body = usize::from(
        sentences
            .first()
            .is_some_and(|&sentence| is_heading(folded, sentence, &heading)),
    );
    // The last sentence of the task's own words: a closing parenthesis (its responsibility
    // statement) is not one.
    let last = sentences
        .iter()
        .rposition(|&(s, _)| !is_parenthesis(folded, s))
        .unwrap_or(sentences.len() - 1);
    if found.len() > 1 {
        // Dated steps from the first body sentence to the last ("2019年3月底前，国家…建立….
        // 2019年6月底前，各省份建立…"): the last step's date, the latest of all, ends the task.
        let steps =
            first.0 <= first_body && *n == last && found.iter().all(|(_, other)| other.by <= w.by);
        return steps.then(|| dated(chars, at, w, DeadlineBasis::Sentence));
    }
    (*n <= first_body || *n == last).then(|| dated(chars, at, w, DeadlineBasis::Sentence))
}

/// "各省份于2019年11月底前完成对辖区内…": the duty of the task's first body sentence (after
/// its heading) bound by a date: a `by_lead` (于, 在) right before a calendar phrase ending in
/// 前, then a completion `verb`; or a date ending in 前 opening the sentence's second clause.
/// A date later in the task bounds a step, not the task.
fn dated_duty(
    folded: &[char],
    chars: &[char],
    at: usize,
    heading: &str,
    cues: &Cue,
) -> Option<Deadline> {
    let heading = folded_heading(heading);
    let mut sentences = sentence_iter(folded);
    let (mut s, mut e) = sentences.next()?;
    // An item of one sentence is its heading and its duty at once ("二、推进…站点建设，2025年底前
    // 实现行政村全覆盖。（责任单位：…）"): the body read is the next sentence only when there is one
    // besides the responsibility parenthesis.
    if is_heading(folded, (s, e), &heading) {
        if let Some(next) = sentences
            .next()
            .filter(|&(n, _)| !is_parenthesis(folded, n))
        {
            (s, e) = next;
        }
    }
    let clause_end = (s..e)
        .find(|&k| matches!(folded[k], '，' | ',' | '；' | ';'))
        .unwrap_or(e);
    let first = (s..clause_end).find_map(|i| {
        let len = cues.at("by_lead", folded, i)?;
        let w = when_at(folded, i + len, cues).filter(|w| w.specific && w.before)?;
        cues.at("verb", folded, w.end)?;
        Some(dated(chars, at, &w, DeadlineBasis::Sentence))
    });
    if first.is_some() {
        return first;
    }
    // Or the second clause, right after the one naming the task's subject or lead, opening
    // with a date ending in 前, perhaps after 于/在 ("各三级公立医院对照绩效考核指标体系，
    // 在2019年9月底前，完成…", "坚持试点先行，2020年底前在每个设区市明确…"). A date deeper
    // in the sentence bounds a later step ("…，按照…要求，在2021年底前补足…").
    if !matches!(folded.get(clause_end), Some('，' | ',')) {
        return None;
    }
    let from = clause_end + 1;
    let from = from + cues.at("by_lead", folded, from).unwrap_or(0);
    let w = when_at(folded, from, cues).filter(|w| w.specific && w.before && w.end <= e)?;
    Some(dated(chars, at, &w, DeadlineBasis::Sentence))
}

/// "…，市交通运输局配合，2024年9月底前完成。": the closing clause of the task's last sentence
/// (before its responsibility parenthesis) that is wholly a deadline, as a parenthesis's part
/// would be ("上半年完成", "长期坚持"); or that last sentence wholly one, after others. A time
/// anywhere else in the sentence bounds a step, not the task.
fn closing_clause(
    folded: &[char],
    chars: &[char],
    at: usize,
    doc_year: Option<u32>,
    cues: &Cue,
) -> Option<Deadline> {
    let mut own = sentence_iter(folded).filter(|&(s, _)| !is_parenthesis(folded, s));
    let (mut n, (mut s, mut e)) = (0, own.next()?);
    for next in own {
        (n, (s, e)) = (n + 1, next);
    }
    let end = (s..e).rfind(|&k| {
        !matches!(folded[k], '。' | '！' | '？' | '；' | ';') && !folded[k].is_whitespace()
    })? + 1;
    let start = match (s..end).rfind(|&k| matches!(folded[k], '，' | ',')) {
        Some(k) => k + 1,
        None if n > 0 => s,
        None => return None,
    };
    // A deadline is a short phrase; most closing clauses are a duty's words.
    if end - start > MAX_CLOSING_CHARS {
        return None;
    }
    part_deadline(
        folded,
        chars,
        at,
        (start, end),
        doc_year,
        DeadlineBasis::Sentence,
        cues,
    )
}

/// "确保3月底前完成租地工作", "确保在7月底全面完成": an `ensure_lead`, perhaps 于/在, a calendar
/// phrase and a completion `verb` commit the whole task to a date, wherever the sentence
/// stands. A month without its year is of the document's year (none known: no deadline). Only
/// a task with one such commitment has it as its deadline.
fn ensured(
    folded: &[char],
    chars: &[char],
    at: usize,
    doc_year: Option<u32>,
    cues: &Cue,
) -> Option<Deadline> {
    let leads = cues.role("ensure_lead");
    let mut from = 0;
    let mut found = None;
    while let Some((i, len)) = leads.find_in(folded, from, folded.len()) {
        from = i + len;
        let start = from + cues.at("by_lead", folded, from).unwrap_or(0);
        let w = when_at(folded, start, cues)
            .filter(|w| w.specific)
            .or_else(|| yearless_at(folded, start, doc_year?, cues))
            .or_else(|| year_end_at(folded, start, doc_year?, cues));
        let Some(w) = w.filter(|w| cues.at("verb", folded, w.end).is_some()) else {
            continue;
        };
        if found.is_some() {
            return None;
        }
        found = Some(w);
    }
    found.map(|w| dated(chars, at, &w, DeadlineBasis::Sentence))
}

/// A month without its year at `i` ("3月底前", "7月底", "6月30日前"), read in `year`.
fn yearless_at(folded: &[char], i: usize, year: u32, cues: &Cue) -> Option<When> {
    if i > 0 && numeral::is_numeral_char(folded[i - 1]) {
        return None;
    }
    let (y, m, d, mut end) = month_phrase(folded, year, i, cues)?;
    let before = cues.at("before", folded, end);
    end += before.unwrap_or(0);
    Some(When {
        start: i,
        end,
        by: (y, m, d),
        specific: true,
        before: before.is_some(),
    })
}

/// "应当在…之日起10个工作日内": a relative limit in the duty of the task's first sentence, when
/// no later sentence of the task has a limit of its own: "…应当在三个工作日内送交…。…应当自受理
/// 之日起五个工作日内核发…" limits two steps, neither the whole task.
fn relative_duty(folded: &[char], chars: &[char], at: usize, cues: &Cue) -> Option<Deadline> {
    let limited = |s: usize, e: usize| -> Option<(TimeLimit, usize, usize)> {
        let (lead, len) = cues.role("duty_lead").find_in(folded, s, e)?;
        let clause_end = (lead + len..e)
            .find(|&k| matches!(folded[k], '，' | ',' | '。' | '；' | ';'))
            .unwrap_or(e);
        (lead + len..clause_end).find_map(|i| limit_at(folded, i, cues).map(|(l, end)| (l, end, i)))
    };
    let mut sentences = sentence_iter(folded);
    let (s, e) = sentences.next()?;
    let (limit, end, start) = limited(s, e)?;
    // "应当在居住每满一年之日前一个月内…": a window that comes round again, no completion time.
    if cues.role("recurring").find_in(folded, s, start).is_some() {
        return None;
    }
    if sentences.any(|(s, e)| (s..e).any(|i| limit_at(folded, i, cues).is_some())) {
        return None;
    }
    let (text, span) = deadline(chars, at, (start, end));
    Some(Deadline {
        text,
        span,
        kind: DeadlineKind::Relative,
        by: None,
        within: Some(limit),
        every: None,
        basis: DeadlineBasis::Sentence,
    })
}

/// The deadlines of a table's rows: its deadline column when it has one, else a deadline
/// parenthesis or field in a cell. A row belongs to the table-row task whose span holds it.
fn table_deadlines(table: &Table, tasks: &mut [Task], index: &CharIndex, cues: &Cue) {
    let header = table.rows.iter().enumerate().take(3).find_map(|(h, row)| {
        row.iter()
            .find(|c| is_label(&c.text, cues))
            .map(|c| (h, c.column))
    });
    let first_row = header.map_or(0, |(h, _)| h + 1);
    let mut carried: Option<(usize, &TableCell)> = None;
    for row in table.rows.iter().skip(first_row) {
        let (Some(first), Some(last)) = (row.first(), row.last()) else {
            continue;
        };
        // The deadline cell of this row, or one merged down into it from a row above.
        let column_cell = header.and_then(|(_, col)| {
            let own = row.iter().find(|c| c.column == col);
            let cell = match (own, carried) {
                (Some(c), _) => Some(c),
                (None, Some((_, c))) => Some(c),
                _ => None,
            };
            carried = match (own, carried) {
                (Some(c), _) if c.rowspan > 1 => Some((c.rowspan - 1, c)),
                (None, Some((left, c))) if left > 1 => Some((left - 1, c)),
                _ => None,
            };
            cell
        });
        let row_start = first.span.start.min(last.span.start);
        let Some(task) = tasks.iter_mut().find(|t| {
            t.origin == TaskOrigin::TableRow && t.span.start <= row_start && row_start < t.span.end
        }) else {
            continue;
        };
        if task.deadline.is_some() {
            continue;
        }
        task.deadline = column_cell
            .and_then(|c| cell_text(c, index))
            .and_then(|(chars, folded, at)| {
                value_deadline(&folded, &chars, at, (0, chars.len()), cues)
            })
            .or_else(|| {
                row.iter().find_map(|c| {
                    let (chars, folded, at) = cell_text(c, index)?;
                    labelled(&folded, &chars, at, cues)
                        .or_else(|| parenthesised(&folded, &chars, at, None, cues))
                })
            });
    }
}

/// A header cell naming the deadline column: "完成时限", "时间节点".
fn is_label(text: &str, cues: &Cue) -> bool {
    let h: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':'))
        .collect();
    cues.at("label", &h, 0)
        .is_some_and(|len| len + 4 >= h.len())
}

/// A cell's text (as characters, and folded) with the document offset it starts at: the
/// cell's text must be found in the document at its span, so that offsets are true.
fn cell_text(cell: &TableCell, index: &CharIndex) -> Option<(Vec<char>, Vec<char>, usize)> {
    let text = cell.text.trim();
    let within = index.slice(cell.span)?;
    let byte = within.find(text)?;
    let at = cell.span.start + within[..byte].chars().count();
    let chars: Vec<char> = text.chars().collect();
    let folded = chars.iter().map(|&c| fold::fold_alnum(c)).collect();
    Some((chars, folded, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`parenthesised`] in a document of no known year.
    fn paren(folded: &[char], chars: &[char], at: usize, cues: &Cue) -> Option<Deadline> {
        parenthesised(folded, chars, at, None, cues)
    }

    fn run(
        text: &str,
        f: fn(&[char], &[char], usize, &Cue) -> Option<Deadline>,
    ) -> Option<(String, DeadlineKind, Option<String>)> {
        let cues = Cue(&Ontology::bundled().lexicon.deadline);
        let chars: Vec<char> = text.chars().collect();
        let folded: Vec<char> = chars.iter().map(|&c| fold::fold_alnum(c)).collect();
        f(&folded, &chars, 0, &cues).map(|d| (d.text, d.kind, d.by))
    }

    #[test]
    fn a_dated_duty_in_the_first_body_sentence() {
        let cues = Cue(&Ontology::bundled().lexicon.deadline);
        let d = |text: &str, heading: &str| {
            let chars: Vec<char> = text.chars().collect();
            let folded: Vec<char> = chars.iter().map(|&c| fold::fold_alnum(c)).collect();
            dated_duty(&folded, &chars, 0, heading, &cues).and_then(|d| d.by)
        };
        // corpus/dev/013 四（二）, 四（三）.
        assert_eq!(
            d(
                "省级年度考核。各省份于2019年11月底前完成对辖区内三级公立医院绩效考核工作，考核结果反馈医院。2020年起，每年2月底前完成上述工作。",
                "省级年度考核。"
            ),
            Some("2019-11-30".into())
        );
        assert_eq!(
            d(
                "国家监测分析。国家卫生健康委于2019年12月底前完成国家监测指标分析，并将结果反馈各省份。",
                "国家监测分析。"
            ),
            Some("2019-12-31".into())
        );
        // A date bounding a later step, a date without 前, or no completion verb: no deadline.
        assert_eq!(
            d(
                "统一编码和术语集。国家卫生健康委推行全国统一的疾病分类编码。2019年8月底前，各地组织三级公立医院完成转换工作。",
                "统一编码和术语集。"
            ),
            None
        );
        assert_eq!(d("各省份于2019年11月完成考核工作。", ""), None);
        assert_eq!(d("各省份于2019年11月底前报送考核结果。", ""), None);
        // An item of one sentence is its own heading (dev 042's sentence written as a work
        // plan's item, with its responsibility parenthesis): the sentence is the duty read.
        let item = "坚持试点先行，2020年底前在每个设区市明确1个省级试点县（市、区），探索婴幼儿照护服务新机制。";
        assert_eq!(d(item, item), Some("2020-12-31".into()));
        assert_eq!(
            d(&format!("{item}（责任单位：省卫生健康委）"), item),
            Some("2020-12-31".into())
        );
        // A heading with a body after it still gives way to the body.
        assert_eq!(
            d(
                &format!("{item}按规定开展婴幼儿照护服务示范活动，建设一批示范单位。"),
                item
            ),
            None
        );
    }

    #[test]
    fn parentheses() {
        let d = |t: &str| run(t, paren);
        assert_eq!(
            d("建立健全政务公开工作机制。（区党群工作部牵头，2023年底前完成）"),
            Some((
                "2023年底前".into(),
                DeadlineKind::Date,
                Some("2023-12-31".into())
            ))
        );
        assert_eq!(
            d("深化政务公开。（长期坚持）"),
            Some(("长期坚持".into(), DeadlineKind::Ongoing, None))
        );
        assert_eq!(
            d("完善制度（２０２２年６月底前）"),
            Some((
                "２０２２年６月底前".into(),
                DeadlineKind::Date,
                Some("2022-06-30".into())
            ))
        );
        // A parenthesis that says more than a time is not a deadline.
        assert_eq!(d("（2023年底前完成首轮调查的地区除外）"), None);
        assert_eq!(d("（省发展改革委牵头）"), None);
    }

    #[test]
    fn labelled_fields() {
        let d = |t: &str| run(t, labelled);
        assert_eq!(
            d("推进政务公开标准化。完成时限：2023年6月。"),
            Some((
                "2023年6月".into(),
                DeadlineKind::Date,
                Some("2023-06-30".into())
            ))
        );
        assert_eq!(
            d("责任单位：区财金局；时间节点：持续推进"),
            Some(("持续推进".into(), DeadlineKind::Ongoing, None))
        );
        assert_eq!(d("清理整顿时限是1997年4月―1998年2月"), None);
    }

    /// A value that comes round every period is recurring, with its period; in a parenthesis
    /// only when it is the whole part (with perhaps a completion verb).
    #[test]
    fn recurring_values() {
        let cues = Cue(&Ontology::bundled().lexicon.deadline);
        let read = |text: &str, f: fn(&[char], &[char], usize, &Cue) -> Option<Deadline>| {
            let chars: Vec<char> = text.chars().collect();
            let folded: Vec<char> = chars.iter().map(|&c| fold::fold_alnum(c)).collect();
            f(&folded, &chars, 0, &cues).map(|d| (d.text, d.kind, d.every))
        };
        let recurring = |t: &str, every| Some((t.to_owned(), DeadlineKind::Recurring, Some(every)));
        assert_eq!(
            read("报送运行情况。完成时限：每季度末", labelled),
            recurring("每季度末", TimeUnit::Quarter)
        );
        assert_eq!(
            read("完成时限：每季度", labelled),
            recurring("每季度", TimeUnit::Quarter)
        );
        assert_eq!(
            read("公开年度报告（市政务公开办牵头，每年3月底前完成）", paren),
            recurring("每年3月底前", TimeUnit::Year)
        );
        assert_eq!(
            read("报送数据（每月10日前）", paren),
            recurring("每月10日前", TimeUnit::Month)
        );
        assert_eq!(
            read("开展评估（每年三月底前）", paren),
            recurring("每年三月底前", TimeUnit::Year)
        );
        // a frequency is no deadline
        assert_eq!(read("召开联席会议（每年召开一次）", paren), None);
        // a completion verb (开展, 实施) after the value is not part of it
        assert_eq!(
            read("开展营商环境评价（市发改委牵头，每年开展）", paren),
            recurring("每年", TimeUnit::Year)
        );
        assert_eq!(
            read("落实惠企政策（市财政局牵头，即日起实施）", paren),
            Some(("即日起".to_owned(), DeadlineKind::Ongoing, None))
        );
    }

    #[test]
    fn calendar() {
        let cues = Cue(&Ontology::bundled().lexicon.deadline);
        let when = |t: &str| {
            let f: Vec<char> = t.chars().map(fold::fold_alnum).collect();
            when_at(&f, 0, &cues).map(|w| (w.iso(), w.specific, w.end == f.len()))
        };
        assert_eq!(
            when("2024年2月底前"),
            Some(("2024-02-29".into(), true, true))
        );
        assert_eq!(
            when("二〇二五年上半年"),
            Some(("2025-06-30".into(), true, true))
        );
        assert_eq!(
            when("2021年三季度"),
            Some(("2021-09-30".into(), true, true))
        );
        assert_eq!(when("2025年"), Some(("2025-12-31".into(), false, true)));
        // A year followed by a count is the bare year.
        assert_eq!(when("2025年3家"), Some(("2025-12-31".into(), false, false)));
        assert_eq!(when("12345年"), None);
    }
}
