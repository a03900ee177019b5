//! The list grammar every style shares: names split on 、，；。 (collectives and listed names
//! with an inner 、 kept whole), role labels and verbs, 等 closing an open list.

use std::cell::Cell;

use policykg_ontology::{Jurisdiction, Ontology, RoleForm, RoleWord};
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

/// Split a list at 、，；。 outside brackets and outside protected byte ranges: (start, end,
/// separator after).
fn split_list(text: &str, protected: &[(usize, usize)]) -> Vec<(usize, usize, Option<char>)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
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

/// Byte ranges of the names with an inner 、 that must stay whole.
fn protected_ranges(text: &str, ontology: &Ontology) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !text.contains('、') && !text.contains('，') {
        return out;
    }
    for phrase in ontology.gazetteer.unsplittable() {
        if !phrase.chars().next().is_some_and(|c| text.contains(c)) {
            continue;
        }
        let mut from = 0;
        while let Some(i) = text[from..].find(phrase.as_str()) {
            let s = from + i;
            out.push((s, s + phrase.len()));
            from = s + phrase.len();
        }
    }
    out
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
            if is_open(c) {
                depth += 1;
                false
            } else if is_close(c) {
                depth = depth.saturating_sub(1);
                false
            } else {
                depth == 0
            }
        })
        .collect();
    !bare.is_empty() && bare.chars().count() <= 2
}

/// The pieces of a list, with 各X、Y collectives joined again.
pub(super) fn pieces(text: &str, ontology: &Ontology) -> Vec<(usize, usize)> {
    let protected = protected_ranges(text, ontology);
    let raw = split_list(text, &protected);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut joinable = false;
    for (s, e, sep) in raw {
        let (s, e) = trim(text, s, e);
        let piece = &text[s..e];
        // The `level_word`s that follow 各省 / 各区 in one collective: 各省、自治区、直辖市人民政府.
        let level_word = || {
            ontology
                .words
                .level_words
                .iter()
                .any(|w| piece.starts_with(w.as_str()))
        };
        if joinable && level_word() {
            if let Some(last) = out.last_mut() {
                last.1 = e;
            }
        } else {
            out.push((s, e));
            joinable = collective_head(piece);
        }
        if sep != Some('、') {
            joinable = false;
        }
    }
    out
}

pub(super) fn label_at<'a>(
    piece: &str,
    ontology: &'a Ontology,
) -> Option<(RoleWord, usize, &'a str)> {
    ontology
        .gazetteer
        .role_phrases(RoleForm::Label)
        .find_map(|p| {
            let rest = piece.strip_prefix(p.phrase.as_str())?;
            let colon = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
            Some((p.role, p.phrase.len() + colon.len_utf8(), p.phrase.as_str()))
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
    if text[s..e].starts_with('由') && text[s..e].chars().count() > 3 {
        s += '由'.len_utf8();
    }
    let (s, e) = trim(text, s, e);
    (s, e, open)
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
    let declarations: Vec<&str> = ontology
        .gazetteer
        .role_phrases(RoleForm::Declaration)
        .map(|p| p.phrase.as_str())
        .filter(|d| text.contains(d))
        .collect();
    for (s, e) in pieces(text, ontology) {
        let mut s = s;
        let piece = &text[s..e];
        if piece.is_empty() || piece == "下同" {
            continue;
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
        let piece = &text[s..e];
        let (name_end, verb) = match verb_suffix(piece, ontology) {
            Some((role, at)) => (s + at, Some(role)),
            None => (e, None),
        };
        let (ns, ne, open) = clean_name(text, s, name_end, ontology);
        list.open_list |= open;
        if ns < ne {
            pending.push(list.items.len());
            list.items.push(Item {
                mention: text[ns..ne].to_owned(),
                span: offsets.span(ns, ne),
                mark: Mark::Responsible,
            });
        }
        if let Some(role) = verb {
            list.saw_role = true;
            list.marks_lead |= role == RoleWord::Lead;
            settle(&mut list, &mut pending, mark_of(role));
        }
    }
    let fallback = label.and_then(mark_of).or(default).or(if list.marks_lead {
        // Names after an explicit lead, with no verb of their own, support it.
        Some(Mark::Support)
    } else {
        None
    });
    if fallback.is_none() && !pending.is_empty() {
        list.unmarked = true;
    }
    settle(&mut list, &mut pending, fallback);
    list
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

/// Whether a list reads as a list of agencies: at least one name is known or shaped like an
/// agency's, and none is a sentence.
pub(super) fn agency_list(list: &List, scope: Option<&Jurisdiction>, ontology: &Ontology) -> bool {
    !list.items.is_empty()
        && list
            .items
            .iter()
            .all(|i| i.mention.chars().count() <= MAX_NAME)
        && list.items.iter().any(|i| {
            ontology
                .gazetteer
                .resolve(&i.mention, scope, &ontology.jurisdictions)
                .agency_like
        })
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
