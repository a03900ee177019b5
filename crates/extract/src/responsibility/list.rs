//! The list grammar every style shares: names split on 、，；。 (collectives and listed names
//! with an inner 、 kept whole), role labels and verbs, 等 closing an open list.

use std::cell::Cell;

use policykg_ontology::{Jurisdiction, Ontology, RoleForm, RolePhrase, RoleWord};
use policykg_read::Span;

use super::{Item, Mark, Statement, MAX_NAME};
use crate::model::StatementStyle;

/// A list of names read from the inside of a statement.
#[derive(Debug, Default)]
pub(super) struct List {
    pub items: Vec<Item>,
    pub open_list: bool,
    pub declares: bool,
    pub marks_lead: bool,
    /// A label or verb of responsibility was seen.
    pub saw_role: bool,
    pub labelled: bool,
    pub remarks: Vec<String>,
    /// Names left without a role (no verb after them, no label before them).
    pub unmarked: bool,
    /// A standing assignment ("以下均需…落实，不再列出") closed the list: see [`standing`].
    pub standing: bool,
}

/// Character offsets of a text whose first character is at `base` in the document. Remembers
/// the last conversion, so that the mostly increasing offsets of one scan cost linear time.
pub(super) struct Offsets<'a> {
    text: &'a str,
    base: usize,
    /// (byte, char) of the last conversion.
    last: Cell<(usize, usize)>,
}

impl<'a> Offsets<'a> {
    pub fn new(text: &'a str, base: usize) -> Self {
        Offsets {
            text,
            base,
            last: Cell::new((0, 0)),
        }
    }
    pub fn at(&self, byte: usize) -> usize {
        let (b, c) = self.last.get();
        let chars = if byte >= b {
            c + self.text[b..byte].chars().count()
        } else {
            c - self.text[byte..b].chars().count()
        };
        self.last.set((byte, chars));
        self.base + chars
    }
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.at(start);
        Span::new(s, s + self.text[start..end].chars().count())
    }
}

pub(super) fn is_open(c: char) -> bool {
    matches!(c, '（' | '(')
}
pub(super) fn is_close(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// Brackets of every shape a name may hold (各县〔市、区〕, 各市[州]): a separator inside one
/// never splits the list.
fn is_any_open(c: char) -> bool {
    is_open(c) || matches!(c, '〔' | '[' | '【' | '［')
}
fn is_any_close(c: char) -> bool {
    is_close(c) || matches!(c, '〕' | ']' | '】' | '］')
}

/// One character with every bracket shape read as a full-width parenthesis, so that 各县〔区〕
/// meets the listed 各县（区）.
fn fold_bracket(c: char) -> char {
    if is_any_open(c) {
        '（'
    } else if is_any_close(c) {
        '）'
    } else {
        c
    }
}

/// Split a list at 、，；。 outside brackets and outside protected byte ranges: (start, end,
/// separator after).
fn split_list(text: &str, protected: &[(usize, usize)]) -> Vec<(usize, usize, Option<char>)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_any_open(c) {
            depth += 1;
        } else if is_any_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0
            && matches!(c, '、' | '，' | ',' | '；' | ';' | '。')
            && !protected.iter().any(|&(s, e)| s < i && i < e)
        {
            out.push((start, i, Some(c)));
            start = i + c.len_utf8();
        }
    }
    out.push((start, text.len(), None));
    out
}

/// Byte ranges of the names with an inner 、 that must stay whole, found whatever their brackets
/// (各市、县〔区〕人民政府 is the listed 各市、县（区）人民政府); the text itself is never rewritten.
fn protected_ranges(text: &str, ontology: &Ontology) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // One pass over the characters (a list's text is short): `contains` of a character of three
    // bytes builds a substring searcher per call.
    if !text.chars().any(|c| matches!(c, '、' | '，')) {
        return out;
    }
    // The text's characters hashed into 1,024 bits: most phrases' first character is not in
    // the list, and they are passed over without a scan (nor the list's characters gathered).
    let mut present = [0u64; 16];
    let bit = |c: char| (c as usize) % 1024;
    for c in text.chars().map(fold_bracket) {
        present[bit(c) / 64] |= 1 << (bit(c) % 64);
    }
    let mut gathered: Option<Vec<(usize, char)>> = None;
    for phrase in ontology.gazetteer.unsplittable() {
        // Compared folded, character by character: no copy of the phrase per list.
        let folded = || phrase.chars().map(fold_bracket);
        let Some(first) = folded().next() else {
            continue;
        };
        if present[bit(first) / 64] & (1 << (bit(first) % 64)) == 0 {
            continue;
        }
        let chars = gathered.get_or_insert_with(|| {
            text.char_indices()
                .map(|(i, c)| (i, fold_bracket(c)))
                .collect()
        });
        let len = phrase.chars().count();
        let mut i = 0;
        while i + len <= chars.len() {
            if chars[i].1 == first
                && chars[i..i + len]
                    .iter()
                    .zip(folded())
                    .all(|(&(_, a), b)| a == b)
            {
                let end = chars.get(i + len).map_or(text.len(), |&(b, _)| b);
                out.push((chars[i].0, end));
                i += len;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// `text.contains(phrase)`, asked of every list and prose text for each of a few phrases
/// most texts do not hold: their first character is looked for first (`memchr`), and a
/// substring searcher is built only when it is there.
pub(super) fn holds(text: &str, phrase: &str) -> bool {
    phrase.chars().next().is_none_or(|c| text.contains(c)) && text.contains(phrase)
}

/// A character in 1,024 bits (a filter: characters sharing a bit pass together).
fn set_bit(bits: &mut [u64; 16], c: char) {
    let b = (c as usize) % 1024;
    bits[b / 64] |= 1 << (b % 64);
}
fn has_bit(bits: &[u64; 16], c: char) -> bool {
    let b = (c as usize) % 1024;
    bits[b / 64] & (1 << (b % 64)) != 0
}

/// Trim white space, returning the trimmed byte range.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let tail = piece.trim_end().len();
    (start + lead, start + tail.max(lead))
}

/// "各区" / "各省" / "各市（州）": the short head of a collective that goes on after a 、.
fn collective_head(piece: &str) -> bool {
    let Some(rest) = piece.strip_prefix('各') else {
        return false;
    };
    let mut depth = 0usize;
    let bare: String = rest
        .chars()
        .filter(|&c| {
            if is_any_open(c) {
                depth += 1;
                false
            } else if is_any_close(c) {
                depth = depth.saturating_sub(1);
                false
            } else {
                depth == 0
            }
        })
        .collect();
    !bare.is_empty() && bare.chars().count() <= 2
}

/// "乡镇" / "市": a piece made only of `level_word`s, which the next piece's level and name
/// may go on after ("乡镇、街道流动人口服务管理机构" is one collective of two levels, as
/// "市、县人民政府").
fn only_level_words(piece: &str, ontology: &Ontology) -> bool {
    let words = &ontology.words.level_words;
    let mut rest = piece;
    while !rest.is_empty() {
        match words.iter().find(|w| rest.starts_with(w.as_str())) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    !piece.is_empty()
}

/// Whether `name` ends like a body's name: an agency suffix (厅, 局 …) or a head such as 部门 /
/// 单位 (`body_head` of the duty cues).
pub(crate) fn closes_name(name: &str, ontology: &Ontology) -> bool {
    let name = name.trim().trim_end_matches(is_any_close);
    !name.is_empty()
        && (ontology.gazetteer.looks_like_agency(name) || ends_with_head(name, ontology))
}

/// Whether `name` ends with a `body_head` word: its last characters compared on the stack,
/// all of them only for a longer name that none of those ends (asked of every list piece).
fn ends_with_head(name: &str, ontology: &Ontology) -> bool {
    const LAST: usize = 16;
    let heads = ontology.lexicon.duty.role("body_head");
    let mut last = ['\0'; LAST];
    let mut n = 0;
    for c in name.chars().rev().take(LAST) {
        n += 1;
        last[LAST - n] = c;
    }
    if heads.ending_at(&last[LAST - n..], n).is_some() {
        return true;
    }
    // A word longer than the characters compared may still end the name.
    n == LAST && name.chars().nth(LAST).is_some() && {
        let chars: Vec<char> = name.chars().collect();
        heads.ending_at(&chars, chars.len()).is_some()
    }
}

/// Whether `rest` (what follows a conjunction or a space) opens another body's name, not the
/// rest of one name (工业和信息化部) nor a generic tail (各有关部门和单位).
fn opens_name(rest: &str, ontology: &Ontology) -> bool {
    let rest = rest.trim();
    let word_end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';' | '。'))
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let word = match verb_suffix(word, ontology) {
        Some((_, at)) => &word[..at],
        None => word,
    };
    let word = word.trim_end_matches('等');
    !word.is_empty()
        && !ontology.gazetteer.is_generic_tail(word)
        && (closes_name(word, ontology)
            || ontology
                .gazetteer
                .markers(policykg_ontology::MarkerMeaning::Collective)
                .any(|m| word.starts_with(m)))
}

/// Split piece `[s, e)` of `text` where two bodies meet: at a conjunction (和, 及, 以及 … of the
/// duty cues) or a run of white space between two names ("区经济发展局 区行政审批局"). A name
/// that holds 和 (工业和信息化部, 各有关部门和单位) is not split: its left part is no body's name,
/// or its right part no name of its own.
///
/// The parts are pushed onto `out`, the last with `sep` (what ended the piece: a conjunction
/// or a space ends a collective as a 、 could not), into the caller's vector rather than one
/// per piece.
fn split_joined(
    text: &str,
    (s, e, sep): (usize, usize, Option<char>),
    protected: &[(usize, usize)],
    ontology: &Ontology,
    conjunction_firsts: &[u64; 16],
    out: &mut Vec<(usize, usize, Option<char>)>,
) {
    let conjunctions = ontology.lexicon.duty.role("conjunction");
    let mut from = s;
    let mut depth = 0usize;
    let mut i = s;
    while i < e {
        let Some(c) = text[i..e].chars().next() else {
            break;
        };
        // "市市场监管局【配合单位】市公安局": a bracketed label opens a piece of its own.
        if depth == 0 && i > from && is_label_open(c) && label_at(&text[i..e], ontology).is_some() {
            out.push((from, i, None));
            from = i;
        }
        if is_any_open(c) {
            depth += 1;
        } else if is_any_close(c) {
            depth = depth.saturating_sub(1);
        }
        let free = depth == 0 && i > from && !protected.iter().any(|&(ps, pe)| ps < i && i < pe);
        if free {
            let rest = &text[i..e];
            let joint = if c.is_whitespace() {
                // "牵头单位 ：…": the space before a label's colon joins nothing.
                Some(rest.len() - rest.trim_start().len())
                    .filter(|&n| !rest[n..].starts_with(['：', ':']))
            } else if !has_bit(conjunction_firsts, c) {
                None
            } else {
                let mut chars = ['\0'; 4];
                let mut n = 0;
                for (slot, c) in chars.iter_mut().zip(rest.chars()) {
                    *slot = c;
                    n += 1;
                }
                conjunctions
                    .at(&chars[..n], 0)
                    .map(|n| chars[..n].iter().map(|c| c.len_utf8()).sum())
            };
            if let Some(len) = joint.filter(|&len| len > 0) {
                // "牵头部门：A 责任部门：B": a label after the space opens the next piece.
                let label_next = c.is_whitespace() && label_at(&rest[len..], ontology).is_some();
                if label_next
                    || closes_name(&text[from..i], ontology) && opens_name(&rest[len..], ontology)
                {
                    out.push((from, i, None));
                    from = i + len;
                    i = from;
                    continue;
                }
            }
        }
        i += c.len_utf8();
    }
    out.push((from, e, sep));
}

/// The pieces of a list, with 各X、Y collectives joined again.
pub(super) fn pieces(text: &str, ontology: &Ontology) -> Vec<(usize, usize)> {
    let protected = protected_ranges(text, ontology);
    // The conjunctions' first characters: at the others no conjunction is looked up.
    let mut conjunction_firsts = [0u64; 16];
    for w in ontology.lexicon.duty.role("conjunction").iter() {
        if let Some(&c) = w.first() {
            set_bit(&mut conjunction_firsts, c);
        }
    }
    let mut raw = Vec::new();
    for (s, e, sep) in split_list(text, &protected) {
        let (s, e) = trim(text, s, e);
        split_joined(
            text,
            (s, e, sep),
            &protected,
            ontology,
            &conjunction_firsts,
            &mut raw,
        );
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut joinable = false;
    // The last piece was only level words ("乡镇"): a named body of the next level closes the
    // collective ("乡镇、街道流动人口服务管理机构"); a list of departments goes on instead
    // ("省、自治区、直辖市发展改革、粮食…部门" shares its scope).
    let mut levels = false;
    for (s, e, sep) in raw {
        let (s, e) = trim(text, s, e);
        let piece = &text[s..e];
        // The `level_word`s that follow 各省 / 各区 in one collective: 各省、自治区、直辖市人民政府.
        // Not a scope word that opens a class of departments ("各县（市、区）、市直有关部门":
        // 市直, like 市委 and 市级, is no level of 各县's collective).
        let level_word = || {
            ontology.words.level_words.iter().any(|w| {
                piece.strip_prefix(w.as_str()).is_some_and(|rest| {
                    let (head, n) = first_chars(rest);
                    ontology
                        .lexicon
                        .duty
                        .role("scope_blocker")
                        .at(&head[..n], 0)
                        .is_none()
                })
            })
        };
        if joinable && level_word() || levels && level_word() && closes_name(piece, ontology) {
            if let Some(last) = out.last_mut() {
                last.1 = e;
            }
        } else {
            out.push((s, e));
            joinable = collective_head(piece);
            levels = only_level_words(piece, ontology);
        }
        if sep != Some('、') {
            joinable = false;
            levels = false;
        }
    }
    out
}

pub(crate) fn label_at<'a>(
    piece: &str,
    ontology: &'a Ontology,
) -> Option<(RoleWord, usize, &'a str)> {
    // "【牵头单位】市市场监管局【配合单位】…": a label in square brackets needs no colon.
    let first = piece.chars().next()?;
    if is_label_open(first) {
        let open = first;
        let inner = &piece[open.len_utf8()..];
        return ontology
            .gazetteer
            .role_phrases(RoleForm::Label)
            .find_map(|p| {
                let rest = inner.strip_prefix(p.phrase.as_str())?;
                let close = rest.chars().next().filter(|&c| is_label_close(c))?;
                let after = &rest[close.len_utf8()..];
                let colon = after
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '：' | ':'))
                    .map_or(0, char::len_utf8);
                let len = open.len_utf8() + p.phrase.len() + close.len_utf8() + colon;
                Some((p.role, len, p.phrase.as_str()))
            });
    }
    if !ontology.gazetteer.may_start_label(first) {
        return None;
    }
    ontology
        .gazetteer
        .role_phrases(RoleForm::Label)
        .find_map(|p| {
            let rest = piece.strip_prefix(p.phrase.as_str())?;
            // "牵头单位 ：" as typed or copied out of a PDF: spaces before the colon.
            let spaced = rest.trim_start_matches([' ', '\u{3000}']);
            let colon = spaced.chars().next().filter(|c| matches!(c, '：' | ':'))?;
            let len = p.phrase.len() + rest.len() - spaced.len() + colon.len_utf8();
            Some((p.role, len, p.phrase.as_str()))
        })
}

/// The square brackets a label may stand in ("【牵头单位】").
pub(super) fn is_label_open(c: char) -> bool {
    matches!(c, '【' | '[' | '［')
}

/// Their closing brackets.
pub(super) fn is_label_close(c: char) -> bool {
    matches!(c, '】' | ']' | '］')
}

/// The first "with" phrase (会同) inside `piece` after some text: its role (of the names before
/// it), where it starts and its length. `phrases`: the "with" phrases of the list `piece` is
/// part of (the others cannot be in it), in the gazetteer's order.
fn with_at(piece: &str, phrases: &[(&str, RoleWord)]) -> Option<(RoleWord, usize, usize)> {
    phrases
        .iter()
        .filter_map(|&(phrase, role)| {
            piece
                .find(phrase)
                .filter(|&at| at > 0)
                .map(|at| (role, at, phrase.len()))
        })
        .min_by_key(|&(_, at, _)| at)
}

/// A role word in brackets closing one name ("省自然资源厅（牵头）", "省经信厅〔牵头〕"): its role,
/// which is that name's alone, and where the bracket opens.
fn bracketed_role(piece: &str, ontology: &Ontology) -> Option<(RoleWord, usize)> {
    let (open, inner) = closing_bracket(piece)?;
    if inner.is_empty() {
        return None;
    }
    ontology
        .gazetteer
        .role_phrases(RoleForm::Verb)
        .find(|p| p.phrase == inner)
        .map(|p| (p.role, open))
}

/// A sign before or after the name in `piece` ("县发改局*", "★县发改局"): its role, and where
/// the name is in `piece`.
fn signed(piece: &str, signs: &[(&str, RoleWord)]) -> Option<(RoleWord, (usize, usize))> {
    let t = piece.trim_end();
    signs.iter().find_map(|&(sign, role)| {
        if let Some(name) = t.strip_suffix(sign) {
            Some((role, (0, name.len())))
        } else {
            let rest = t.trim_start().strip_prefix(sign)?;
            Some((role, (t.len() - rest.len(), t.len())))
        }
    })
}

fn verb_suffix(piece: &str, ontology: &Ontology) -> Option<(RoleWord, usize)> {
    ontology
        .gazetteer
        .role_phrases(RoleForm::Verb)
        .find(|p| piece.ends_with(p.phrase.as_str()))
        .map(|p| (p.role, piece.len() - p.phrase.len()))
}

pub(super) fn mark_of(role: RoleWord) -> Option<Mark> {
    match role {
        RoleWord::Lead => Some(Mark::Lead),
        RoleWord::Support => Some(Mark::Support),
        RoleWord::Responsible => Some(Mark::Responsible),
        RoleWord::Ignore => None,
    }
}

/// Clean one name: drop a leading 由 and a trailing 等 / 等有关部门. Returns the byte range
/// within `text` and whether the list is open.
pub(super) fn clean_name(
    text: &str,
    start: usize,
    end: usize,
    ontology: &Ontology,
) -> (usize, usize, bool) {
    let (mut s, mut e) = trim(text, start, end);
    let mut open = false;
    if let Some(i) = text[s..e].rfind('等') {
        let tail = &text[s + i + '等'.len_utf8()..e];
        if tail.trim().is_empty() || ontology.gazetteer.is_generic_tail(tail) {
            e = s + i;
            open = true;
        }
    }
    // "…、扶贫办9个部门和单位": a count of the list closes it, complete.
    if !open {
        e = s + count_tail_start(&text[s..e], ontology);
    }
    // "以上任务由县市场监管局": the tasks it speaks of, then 由.
    let (head, n) = first_chars(&text[s..e]);
    if let Some(n) = ontology
        .lexicon
        .duty
        .role("task_reference")
        .at(&head[..n], 0)
    {
        let after: usize = head[..n].iter().map(|c| c.len_utf8()).sum();
        let rest = text[s + after..e].trim_start_matches(['均', '都']);
        if rest.starts_with('由') {
            s = e - rest.len();
        }
    }
    if text[s..e].starts_with('由') && text[s..e].chars().count() > 3 {
        s += '由'.len_utf8();
    }
    let (s, e) = trim(text, s, e);
    (s, e, open)
}

/// Where a count of the list ("9个部门和单位", "十二个部门") closing `name` starts: the
/// numerals, 个 and a generic word; `name.len()` when there is none, or nothing before it.
fn count_tail_start(name: &str, ontology: &Ontology) -> usize {
    let Some(ge) = name.rfind('个') else {
        return name.len();
    };
    if !ontology
        .gazetteer
        .is_generic_tail(&name[ge + '个'.len_utf8()..])
    {
        return name.len();
    }
    let numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十两".contains(c)
    };
    let digits: usize = name[..ge]
        .chars()
        .rev()
        .take_while(|&c| numeral(c))
        .map(char::len_utf8)
        .sum();
    if digits == 0 || digits == ge {
        return name.len();
    }
    ge - digits
}

/// The first characters of `text` (up to 8, as many as a word of the lexicon compared at its
/// start needs), without allocating, and how many there are.
pub(crate) fn first_chars(text: &str) -> ([char; 8], usize) {
    let mut head = ['\0'; 8];
    let mut n = 0;
    for c in text.chars().take(8) {
        head[n] = c;
        n += 1;
    }
    (head, n)
}

/// Read a list of names with their role words. `default` is the role of a table column.
pub(super) fn parse_list(
    text: &str,
    offsets: &Offsets,
    default: Option<Mark>,
    ontology: &Ontology,
) -> List {
    let mut list = List::default();
    let mut label: Option<RoleWord> = None;
    // Items since the last label or verb.
    let mut pending: Vec<usize> = Vec::new();
    // A 会同 phrase was read: the names after it support.
    let mut with = false;
    // The lead a bracket closing the list names ("A、B（A为牵头单位）").
    let mut named: Option<&str> = None;
    let declarations: Vec<&str> = if ontology.gazetteer.holds_declaration(text) {
        ontology
            .gazetteer
            .role_phrases(RoleForm::Declaration)
            .map(|p| p.phrase.as_str())
            .filter(|d| holds(text, d))
            .collect()
    } else {
        Vec::new()
    };
    // Likewise the "with" phrases: looked for in each piece, they are found in few lists.
    let withs: Vec<(&str, RoleWord)> = ontology
        .gazetteer
        .role_phrases(RoleForm::With)
        .map(|p| (p.phrase.as_str(), p.role))
        .filter(|(w, _)| holds(text, w))
        .collect();
    // And the signs set against a name ("县发改局*"), in the few lists that hold one.
    let signs: Vec<(&str, RoleWord)> = ontology
        .gazetteer
        .role_phrases(RoleForm::Marker)
        .map(|p| (p.phrase.as_str(), p.role))
        .filter(|(m, _)| text.contains(m))
        .collect();
    for (s, e) in pieces(text, ontology) {
        let mut s = s;
        let piece = &text[s..e];
        if piece.is_empty() || piece == "下同" {
            continue;
        }
        if standing_phrase(piece, ontology).is_some() {
            // Its bodies hold for every task from here on, read by `standing`; the rest of
            // the statement ("不再列出") names nobody.
            list.standing = true;
            break;
        }
        if declarations.iter().any(|d| piece.contains(d)) {
            list.declares = true;
            continue;
        }
        if let Some((role, len, _)) = label_at(piece, ontology) {
            // The names before a new label keep what they had.
            settle(&mut list, &mut pending, label.and_then(mark_of).or(default));
            label = Some(role);
            list.labelled = true;
            if role == RoleWord::Ignore {
                list.remarks.push(
                    text[s..]
                        .split(['；', ';'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_owned(),
                );
            } else {
                list.saw_role = true;
                list.marks_lead |= role == RoleWord::Lead;
            }
            s += len;
        }
        if label == Some(RoleWord::Ignore) {
            continue;
        }
        // "（国家发展改革委、财政部会同有关部门负责）": the names so far lead, the rest support.
        if let Some((role, at, len)) = with_at(&text[s..e], &withs) {
            push_name(&mut list, &mut pending, text, offsets, s, s + at, ontology);
            list.saw_role = true;
            // 会同 says who leads this task only: it marks no lead for the document's
            // convention (as in prose), so a document whose only marks are 会同 keeps its
            // first-listed reading elsewhere.
            let mark = match role {
                RoleWord::Lead => Some(Mark::With),
                _ => mark_of(role),
            };
            settle(&mut list, &mut pending, mark);
            with = true;
            s += at + len;
        }
        let piece = &text[s..e];
        // "责任单位：A、B（A为牵头单位）": the bracket closing the list names its lead.
        if let Some((open, lead)) = named_lead(piece, ontology) {
            push_name(
                &mut list,
                &mut pending,
                text,
                offsets,
                s,
                s + open,
                ontology,
            );
            named = Some(lead);
            continue;
        }
        // "县发改局*、县统计局": the sign marks its own name only.
        if let Some((role, (ns, ne))) = signed(piece, &signs) {
            push_marked(
                &mut list,
                &mut pending,
                text,
                offsets,
                (s + ns, s + ne),
                role,
                ontology,
            );
            continue;
        }
        // "省自然资源厅（牵头）、省住房城乡建设厅": the bracket marks its own name only.
        if let Some((role, at)) = bracketed_role(piece, ontology) {
            push_marked(
                &mut list,
                &mut pending,
                text,
                offsets,
                (s, s + at),
                role,
                ontology,
            );
            continue;
        }
        let (name_end, verb) = match verb_suffix(piece, ontology) {
            Some((role, at)) => (s + known_before_object(&piece[..at], ontology), Some(role)),
            None => (e, None),
        };
        push_name(
            &mut list,
            &mut pending,
            text,
            offsets,
            s,
            name_end,
            ontology,
        );
        if let Some(role) = verb {
            list.saw_role = true;
            list.marks_lead |= role == RoleWord::Lead;
            // After 会同 the closing 负责 is the whole clause's: the names it closes support.
            let mark = if with && role != RoleWord::Ignore {
                Some(Mark::Support)
            } else {
                mark_of(role)
            };
            settle(&mut list, &mut pending, mark);
        }
    }
    let fallback = label
        .and_then(mark_of)
        .or(default)
        .or(if list.marks_lead || with {
            // Names after an explicit lead, with no verb of their own, support it.
            Some(Mark::Support)
        } else {
            None
        });
    if fallback.is_none() && !pending.is_empty() && named.is_none() {
        list.unmarked = true;
    }
    settle(&mut list, &mut pending, fallback);
    // The lead a closing bracket names, when it is one of the list's names: the others support.
    if let Some(lead) = named {
        if list.items.iter().any(|i| i.mention == lead) {
            for i in &mut list.items {
                i.mark = if i.mention == lead {
                    Mark::Lead
                } else {
                    Mark::Support
                };
            }
            list.saw_role = true;
            list.marks_lead = true;
        }
    }
    list
}

/// The bracket closing `piece` after a name: where it opens, and its words (trimmed).
fn closing_bracket(piece: &str) -> Option<(usize, &str)> {
    let t = piece.trim_end();
    let close = t.chars().next_back().filter(|&c| is_any_close(c))?;
    let inner_end = t.len() - close.len_utf8();
    let open = t[..inner_end].rfind(is_any_open)?;
    let open_len = t[open..].chars().next().map_or(1, char::len_utf8);
    (open > 0).then(|| (open, t[open + open_len..inner_end].trim()))
}

/// "A、B（A为牵头单位）", "（A牵头）" after the last name: where the bracket opens in `piece`, and
/// the name it gives the lead.
fn named_lead<'a>(piece: &'a str, ontology: &Ontology) -> Option<(usize, &'a str)> {
    let (open, inner) = closing_bracket(piece)?;
    let lead_phrase = |form| {
        ontology
            .gazetteer
            .role_phrases(form)
            .filter(|p| p.role == RoleWord::Lead)
            .find_map(|p| inner.strip_suffix(p.phrase.as_str()))
    };
    let name = lead_phrase(RoleForm::Label)
        .map(|n| n.trim_end_matches(['为', '是']))
        .or_else(|| lead_phrase(RoleForm::Verb))?
        .trim();
    (name.chars().count() >= 2).then_some((open, name))
}

/// Where the name in `item` (the words before a list item's role verb) ends: before what the
/// body does when a known body's name is followed by an `object_verb` ("市卫生健康委做好技术"
/// → "市卫生健康委"), else at its end.
fn known_before_object(item: &str, ontology: &Ontology) -> usize {
    let objects = ontology.lexicon.duty.role("object_verb");
    if crate::memo::resolved(ontology, item.trim(), None).known {
        return item.len();
    }
    let chars: Vec<char> = item.chars().collect();
    let mut byte = 0;
    for (i, c) in chars.iter().enumerate() {
        if i >= 2 && objects.at(&chars, i).is_some() {
            let name = item[..byte].trim();
            if crate::memo::resolved(ontology, name, None).known {
                return byte;
            }
        }
        byte += c.len_utf8();
    }
    item.len()
}

/// Adds the name written in `[start, end)` (cleaned of 由 and 等) as a pending item, waiting for
/// the role word that follows it.
fn push_name(
    list: &mut List,
    pending: &mut Vec<usize>,
    text: &str,
    offsets: &Offsets,
    start: usize,
    end: usize,
    ontology: &Ontology,
) {
    let (ns, ne, open) = clean_name(text, start, end, ontology);
    list.open_list |= open;
    if ns < ne {
        pending.push(list.items.len());
        list.items.push(Item {
            mention: text[ns..ne].to_owned(),
            span: offsets.span(ns, ne),
            mark: Mark::Responsible,
        });
    }
}

/// Push the name at `start..end` with the role its own mark gives it, whatever the list's
/// label or verb says of the others.
fn push_marked(
    list: &mut List,
    pending: &mut Vec<usize>,
    text: &str,
    offsets: &Offsets,
    (start, end): (usize, usize),
    role: RoleWord,
    ontology: &Ontology,
) {
    let item = list.items.len();
    push_name(list, pending, text, offsets, start, end, ontology);
    if list.items.len() > item {
        pending.pop();
        if let Some(mark) = mark_of(role) {
            list.items[item].mark = mark;
            list.saw_role = true;
            list.marks_lead |= role == RoleWord::Lead;
        }
    }
}

/// Give the pending names a mark.
fn settle(list: &mut List, pending: &mut Vec<usize>, mark: Option<Mark>) {
    if let Some(m) = mark {
        for &i in pending.iter() {
            list.items[i].mark = m;
        }
    }
    pending.clear();
}

/// The longest name, in characters, that a list with no role label takes as a body's for its
/// head alone ("人力资源社会保障行政部门").
const MAX_HEADED_NAME: usize = 12;

/// Whether a list reads as a list of agencies: at least one name is known or shaped like an
/// agency's, and none is a sentence. Names that only end with a body's head ("公安机关、农业
/// 农村部门": how regulations and provinces name the departments of every level) make one
/// when a role label opens the list or all of them are short: a longer one may be a clause
/// ending with a body ("（技工院校内由人力资源社会保障行政部门负责）", dev 012).
pub(super) fn agency_list(list: &List, scope: Option<&Jurisdiction>, ontology: &Ontology) -> bool {
    !list.items.is_empty()
        && list
            .items
            .iter()
            .all(|i| i.mention.chars().count() <= MAX_NAME)
        && (list
            .items
            .iter()
            .any(|i| crate::memo::resolved(ontology, &i.mention, scope).agency_like)
            || list.items.iter().all(|i| {
                (list.labelled || i.mention.chars().count() <= MAX_HEADED_NAME)
                    && closes_name(&i.mention, ontology)
            }))
}

pub(super) fn statement(
    style: StatementStyle,
    text: &str,
    offsets: &Offsets,
    (s, e): (usize, usize),
    list: List,
) -> Statement {
    Statement {
        style,
        span: offsets.span(s, e),
        text: text[s..e].to_owned(),
        items: list.items,
        open_list: list.open_list,
        declares_first_listed: list.declares,
        marks_lead: list.marks_lead,
        remarks: list.remarks,
    }
}

/// The standing phrase a piece opens with ("以下均需"), with its role.
fn standing_phrase<'a>(piece: &str, ontology: &'a Ontology) -> Option<&'a RolePhrase> {
    ontology
        .gazetteer
        .role_phrases(RoleForm::Standing)
        .find(|p| piece.starts_with(p.phrase.as_str()))
}

/// The bodies a statement makes responsible for its task and every later one: "以下均需各片区
/// 配合落实，不再列出" → 各片区 (support). Only names that read as bodies are kept.
pub fn standing(
    statement: &Statement,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Item> {
    let mut text = statement.text.as_str();
    let mut base = statement.span.start;
    // A parenthesis is read inside its brackets.
    if let (Some(open), Some(close)) = (text.chars().next(), text.chars().next_back()) {
        if is_any_open(open)
            && is_any_close(close)
            && text.len() > open.len_utf8() + close.len_utf8()
        {
            text = &text[open.len_utf8()..text.len() - close.len_utf8()];
            base += 1;
        }
    }
    // A piece opening with a phrase holds it: most statements hold none, and need no pieces.
    if !ontology
        .gazetteer
        .role_phrases(RoleForm::Standing)
        .any(|p| text.contains(p.phrase.as_str()))
    {
        return Vec::new();
    }
    let Some((s, phrase)) = pieces(text, ontology)
        .into_iter()
        .find_map(|(s, e)| standing_phrase(&text[s..e], ontology).map(|p| (s, p)))
    else {
        return Vec::new();
    };
    let from = s + phrase.phrase.len();
    let rest = text[from..].trim_end();
    let end = from + rest.len()
        - rest
            .chars()
            .next_back()
            .filter(|&c| is_any_close(c))
            .map_or(0, char::len_utf8);
    let offsets = Offsets::new(&text[from..end], base + text[..from].chars().count());
    let list = parse_list(&text[from..end], &offsets, mark_of(phrase.role), ontology);
    list.items
        .into_iter()
        .filter(|i| {
            i.mention.chars().count() <= MAX_NAME
                && crate::memo::resolved(ontology, &i.mention, scope).agency_like
        })
        .collect()
}

/// Give every statement from a standing assignment on (statements in document order) the
/// bodies it names, unless the statement names them itself.
pub fn apply_standing<'s>(
    statements: impl IntoIterator<Item = &'s mut Statement>,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) {
    let mut held: Vec<Item> = Vec::new();
    for st in statements {
        let new = standing(st, scope, ontology);
        if !new.is_empty() {
            held = new;
        }
        for item in &held {
            if !st.items.iter().any(|i| i.mention == item.mention) {
                st.items.push(item.clone());
            }
        }
    }
}
