//! Responsibility statements: which agencies a task names, and in which role.
//!
//! The styles real notices use, all read here:
//! - a trailing parenthesis closing a run of sentences: "（省经济和信息化厅、省财政厅，各市人民政府按职责
//!   分工负责）", "（省发展改革委牵头，省工业和信息化厅按职责分工负责）", "（农业农村部、工业和信息化部
//!   牵头负责）", "（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）";
//! - a labelled parenthesis: "（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，
//!   各区、县级市）", "（负责部门：人力资源社会保障部、住房城乡建设部；适用范围：…）";
//! - labelled lines under a task: "牵头单位：…", "责任单位：…", "配合单位：…";
//! - table columns 牵头单位 / 责任单位 / 配合单位 (see [`crate::tasks`]);
//! - prose, best effort: "由省发展改革委…等省级主管部门（单位）牵头…，其他相关部门（单位）配合",
//!   "市发展民营经济工作领导小组统筹协调…".
//!
//! The grammar is here; the words (牵头单位, 配合, 按职责分工负责, 列第一位者为牵头单位 …) are data in
//! `ontology/agencies/roles.tsv`, and names are resolved through the gazetteer.
//!
//! Lists split on 、，；。 outside brackets, except inside names the gazetteer lists with a 、
//! (各区、县级市) and inside "各省、自治区、直辖市…"-style collectives; a trailing 等 / 等单位 /
//! 等有关部门 is dropped and marks the list open; a name without a prefix inherits the prefix of
//! the name before it ("省科技厅、工业和信息化厅": both provincial).
//!
//! Roles (see [`roles`]): 牵头 → lead; 配合, or listed beside an explicit lead → support;
//! otherwise the document's [`RoleConvention`] decides: declared ("列第一位者为牵头单位", for the
//! whole document — also for statements before the declaration, which real notices place in
//! their first statement), first listed (a document that never marks a lead), or joint (a
//! document that marks leads elsewhere).

use std::cell::Cell;

use policykg_ontology::{Jurisdiction, Ontology, RoleForm, RoleWord};
use policykg_read::Span;
use serde::Serialize;

use crate::model::{AgencyRole, Role, RoleBasis, RoleConvention, StatementStyle};

/// The longest parenthesis read as a statement, in characters.
const MAX_PARENTHESIS: usize = 400;
/// The longest name in a list, in characters: longer pieces are sentences, not names.
const MAX_NAME: usize = 40;
/// What a statement says about one name, before the document's convention is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// 牵头, 牵头单位.
    Lead,
    /// 配合, 配合单位, or listed after an explicit lead.
    Support,
    /// 负责, 按职责分工负责, 责任单位, 负责部门: the role follows the convention.
    Responsible,
}

/// One name of a statement, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub mention: String,
    /// Character span in the document.
    pub span: Span,
    pub mark: Mark,
}

/// A responsibility statement, before roles are decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub style: StatementStyle,
    /// Character span in the document: the parenthesis with its brackets, the labelled lines,
    /// the table cells, or the prose sentence.
    pub span: Span,
    pub text: String,
    pub items: Vec<Item>,
    /// The list ended in 等 / 等单位 / 等有关部门.
    pub open_list: bool,
    /// It declares "列第一位者为牵头单位".
    pub declares_first_listed: bool,
    /// It marks a lead with 牵头 / 牵头单位.
    pub marks_lead: bool,
    /// Labelled parts that are not lists of agencies, as written: "适用范围：浙江自贸试验区".
    pub remarks: Vec<String>,
}

/// A list of names read from the inside of a statement.
#[derive(Debug, Default)]
struct List {
    items: Vec<Item>,
    open_list: bool,
    declares: bool,
    marks_lead: bool,
    /// A label or verb of responsibility was seen.
    saw_role: bool,
    labelled: bool,
    remarks: Vec<String>,
    /// Names left without a role (no verb after them, no label before them).
    unmarked: bool,
}

/// Character offsets of a text whose first character is at `base` in the document. Remembers
/// the last conversion, so that the mostly increasing offsets of one scan cost linear time.
struct Offsets<'a> {
    text: &'a str,
    base: usize,
    /// (byte, char) of the last conversion.
    last: Cell<(usize, usize)>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        Offsets {
            text,
            base,
            last: Cell::new((0, 0)),
        }
    }
    fn at(&self, byte: usize) -> usize {
        let (b, c) = self.last.get();
        let chars = if byte >= b {
            c + self.text[b..byte].chars().count()
        } else {
            c - self.text[byte..b].chars().count()
        };
        self.last.set((byte, chars));
        self.base + chars
    }
    fn span(&self, start: usize, end: usize) -> Span {
        let s = self.at(start);
        Span::new(s, s + self.text[start..end].chars().count())
    }
}

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(')
}
fn is_close(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// Byte ranges of the outermost bracketed groups of `text`, brackets included.
fn parentheses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_open(c) {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push((start, i + c.len_utf8()));
            }
        } else if c == '\n' {
            // A statement never spans lines; an unclosed bracket ends with its line.
            depth = 0;
        }
    }
    out
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
fn pieces(text: &str, ontology: &Ontology) -> Vec<(usize, usize)> {
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

fn label_at<'a>(piece: &str, ontology: &'a Ontology) -> Option<(RoleWord, usize, &'a str)> {
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

fn mark_of(role: RoleWord) -> Option<Mark> {
    match role {
        RoleWord::Lead => Some(Mark::Lead),
        RoleWord::Support => Some(Mark::Support),
        RoleWord::Responsible => Some(Mark::Responsible),
        RoleWord::Ignore => None,
    }
}

/// Clean one name: drop a leading 由 and a trailing 等 / 等有关部门. Returns the byte range
/// within `text` and whether the list is open.
fn clean_name(text: &str, start: usize, end: usize, ontology: &Ontology) -> (usize, usize, bool) {
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
fn parse_list(text: &str, offsets: &Offsets, default: Option<Mark>, ontology: &Ontology) -> List {
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
fn agency_list(list: &List, scope: Option<&Jurisdiction>, ontology: &Ontology) -> bool {
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

/// The responsibility statements of a text: parentheses and labelled lines. `base` is the
/// character offset of `text` in the document.
pub fn find_statements(
    text: &str,
    base: usize,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Statement> {
    let offsets = Offsets::new(text, base);
    let mut out = Vec::new();
    let parens = parentheses(text);
    for &(s, e) in &parens {
        let open_len = text[s..].chars().next().map_or(1, char::len_utf8);
        let close_len = text[..e].chars().next_back().map_or(1, char::len_utf8);
        let (is, ie) = (s + open_len, e - close_len);
        if is >= ie || text[is..ie].chars().count() > MAX_PARENTHESIS {
            continue;
        }
        let inner = Offsets::new(&text[is..ie], offsets.at(is));
        let list = parse_list(&text[is..ie], &inner, None, ontology);
        if !list.saw_role || list.unmarked || !agency_list(&list, scope, ontology) {
            continue;
        }
        out.push(statement(
            if list.labelled {
                StatementStyle::LabelledParenthesis
            } else {
                StatementStyle::Parenthesis
            },
            text,
            &offsets,
            (s, e),
            list,
        ));
    }
    out.extend(labelled_lines(text, &offsets, &parens, scope, ontology));
    out.sort_by_key(|s| s.span.start);
    out
}

fn statement(
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

/// "牵头单位：…" at the start of a line or after a sentence, outside brackets; consecutive such
/// lines form one statement.
fn labelled_lines(
    text: &str,
    offsets: &Offsets,
    parens: &[(usize, usize)],
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Statement> {
    // (start byte, statement)
    let mut out: Vec<(usize, Statement)> = Vec::new();
    let mut line_start = 0;
    let mut previous_end: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let body = line.trim_end();
        let Some(at) = label_position(body, ontology)
            .map(|p| start + p)
            .filter(|p| !parens.iter().any(|&(s, e)| s <= *p && *p < e))
        else {
            previous_end = None;
            continue;
        };
        let end = start + body.len();
        let inner = Offsets::new(&text[at..end], offsets.at(at));
        let list = parse_list(&text[at..end], &inner, None, ontology);
        if !list.saw_role || !agency_list(&list, scope, ontology) {
            previous_end = None;
            continue;
        }
        let merge = previous_end.is_some_and(|p| text[p..at].trim().is_empty());
        match out.last_mut() {
            Some((start, last)) if merge => {
                last.span.end = offsets.at(end);
                last.text = text[*start..end].to_owned();
                last.items.extend(list.items);
                last.open_list |= list.open_list;
                last.declares_first_listed |= list.declares;
                last.marks_lead |= list.marks_lead;
                last.remarks.extend(list.remarks);
            }
            _ => out.push((
                at,
                statement(
                    StatementStyle::LabelledLines,
                    text,
                    offsets,
                    (at, end),
                    list,
                ),
            )),
        }
        previous_end = Some(end);
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// Where a role label starts a statement in a line: at its start, or after a sentence.
fn label_position(line: &str, ontology: &Ontology) -> Option<usize> {
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        let at_boundary =
            previous.is_none_or(|p| matches!(p, '。' | '；' | ';' | '\t') || p.is_whitespace());
        if at_boundary {
            if let Some((role, _, _)) = label_at(&line[i..], ontology) {
                if role != RoleWord::Ignore {
                    return Some(i);
                }
            }
        }
        previous = Some(c);
    }
    None
}

/// Read one table cell under a role column (牵头单位 / 责任单位 / 配合单位): its names, with the
/// column's role unless the cell says otherwise ("省经信厅牵头，省财政厅配合").
pub fn parse_cell(
    cell: &str,
    base: usize,
    column: RoleWord,
    ontology: &Ontology,
) -> Option<Statement> {
    let offsets = Offsets::new(cell, base);
    let list = parse_list(cell, &offsets, mark_of(column), ontology);
    if list.items.is_empty() {
        return None;
    }
    let marks_lead = list.marks_lead || column == RoleWord::Lead;
    let mut st = statement(
        StatementStyle::TableColumns,
        cell,
        &offsets,
        (0, cell.len()),
        list,
    );
    st.marks_lead = marks_lead;
    Some(st)
}

/// Prose statements of a text without parentheses, best effort: "由A、B等…牵头", "C配合", a
/// sentence opening with an agency that 统筹协调 / 牵头. `None` when nothing agency-like is found.
pub fn find_prose(
    text: &str,
    base: usize,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Option<Statement> {
    let offsets = Offsets::new(text, base);
    // Only the verbs the text holds at all (most texts hold none).
    let verbs: Vec<(&str, RoleWord)> = ontology
        .gazetteer
        .role_phrases(RoleForm::Prose)
        .map(|p| (p.phrase.as_str(), p.role))
        .filter(|(v, _)| text.contains(v))
        .collect();
    if verbs.is_empty() {
        return None;
    }
    let mut items: Vec<Item> = Vec::new();
    let mut open_list = false;
    let mut marks_lead = false;
    let mut first: Option<usize> = None;
    let mut last = 0;
    let mut sentence_start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        if !matches!(c, '。' | '；' | ';' | '！' | '？' | '\n') {
            continue;
        }
        let (ss, se) = (sentence_start, i);
        sentence_start = i + c.len_utf8();
        let mut clause_start = ss;
        for (j, ch) in text[ss..se].char_indices().map(|(j, ch)| (ss + j, ch)) {
            let clause_end = if matches!(ch, '，' | ',') {
                j
            } else if j + ch.len_utf8() == se {
                se
            } else {
                continue;
            };
            let clause = (clause_start, clause_end);
            clause_start = j + ch.len_utf8();
            for &(verb, role) in &verbs {
                let Some(v) = text[clause.0..clause.1].find(verb).map(|v| clause.0 + v) else {
                    continue;
                };
                let found = prose_names(text, (clause.0, v), clause.0 == ss, scope, ontology);
                if found.is_empty() {
                    continue;
                }
                let mark = match role {
                    RoleWord::Lead => Mark::Lead,
                    RoleWord::Support => Mark::Support,
                    _ => Mark::Responsible,
                };
                marks_lead |= role == RoleWord::Lead && verb == "牵头";
                for (s, e, open) in found {
                    open_list |= open;
                    let span = offsets.span(s, e);
                    if items.iter().any(|it| it.mention == text[s..e]) {
                        continue;
                    }
                    first.get_or_insert(s);
                    last = last.max(v + verb.len());
                    items.push(Item {
                        mention: text[s..e].to_owned(),
                        span,
                        mark,
                    });
                }
                break;
            }
        }
    }
    let first = first?;
    Some(Statement {
        style: StatementStyle::Prose,
        span: offsets.span(first, last),
        text: text[first..last].to_owned(),
        items,
        open_list,
        declares_first_listed: false,
        marks_lead,
        remarks: Vec::new(),
    })
}

/// The names before a prose verb: after the nearest 由 of the clause ("由A、B等…牵头"), or the
/// whole clause when it opens the sentence or is a list of agencies ("其他相关部门（单位）配合").
fn prose_names(
    text: &str,
    (start, verb): (usize, usize),
    sentence_opening: bool,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<(usize, usize, bool)> {
    let before = &text[start..verb];
    // The preposition 由, not the 由 of 自由, 理由, 由于.
    let by_at = before.char_indices().rev().find(|&(i, c)| {
        c == '由'
            && !before[..i].ends_with(['自', '理', '缘', '经'])
            && !before[i + c.len_utf8()..].starts_with(['于', '此'])
    });
    let (from, by) = match by_at {
        Some((i, _)) => (start + i + '由'.len_utf8(), true),
        None => (start, false),
    };
    let mut end = verb;
    // "…办公室要切实发挥统筹协调作用": drop the words between subject and verb (the
    // `prose_filler`s, longest first).
    while let Some(f) = ontology
        .words
        .prose_fillers
        .iter()
        .find(|f| text[from..end].ends_with(f.as_str()))
    {
        end -= f.len();
    }
    let mut from = from;
    if !by {
        if let Some(f) = ["发挥"].iter().find(|f| text[from..end].starts_with(*f)) {
            from += f.len();
        }
    }
    if from >= end {
        return Vec::new();
    }
    let subject = &text[from..end];
    if !by && !sentence_opening && !subject.contains('、') {
        // A clause in mid-sentence names agencies only when it is itself a collective or an
        // agency ("其他相关部门（单位）配合").
        let r = ontology
            .gazetteer
            .resolve(subject, scope, &ontology.jurisdictions);
        if !(r.collective || r.known) {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for (s, e) in pieces(subject, ontology) {
        let (mut s, e, open) = clean_name(subject, s, e, ontology);
        // "所涉及的省政府办公厅": the name starts after the last 的.
        if let Some(d) = subject[s..e].rfind('的') {
            s += d + '的'.len_utf8();
        }
        if s >= e || subject[s..e].chars().count() > MAX_NAME {
            if open {
                out.push((from + s, from + s, true));
            }
            continue;
        }
        let r = ontology
            .gazetteer
            .resolve(&subject[s..e], scope, &ontology.jurisdictions);
        if r.agency_like {
            out.push((from + s, from + e, open));
        }
    }
    out.retain(|&(s, e, _)| s < e);
    out
}

/// The document's convention, from all its statements.
pub fn convention<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> RoleConvention {
    let mut marks = false;
    for s in statements {
        if s.declares_first_listed {
            return RoleConvention::DeclaredFirstListed;
        }
        marks |= s.marks_lead;
    }
    if marks {
        RoleConvention::ExplicitMarks
    } else {
        RoleConvention::FirstListed
    }
}

/// The agencies of a statement with their roles, resolved in the document's jurisdiction.
pub fn roles(
    statement: &Statement,
    convention: RoleConvention,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<AgencyRole> {
    let explicit_lead = statement.items.iter().any(|i| i.mark == Mark::Lead);
    let mut first_responsible = true;
    let mut inherited: Option<String> = None;
    let mut out = Vec::with_capacity(statement.items.len());
    for item in &statement.items {
        let (role, basis) = if statement.style == StatementStyle::Prose {
            let role = match item.mark {
                Mark::Lead => Role::Lead,
                Mark::Support => Role::Support,
                Mark::Responsible => Role::Joint,
            };
            (role, RoleBasis::Prose)
        } else {
            match item.mark {
                Mark::Lead => (Role::Lead, RoleBasis::Explicit),
                Mark::Support => (Role::Support, RoleBasis::Explicit),
                Mark::Responsible if explicit_lead => (Role::Support, RoleBasis::Explicit),
                Mark::Responsible => {
                    let first = std::mem::replace(&mut first_responsible, false);
                    match convention {
                        RoleConvention::DeclaredFirstListed if first => {
                            (Role::Lead, RoleBasis::DeclaredConvention)
                        }
                        RoleConvention::DeclaredFirstListed => {
                            (Role::Support, RoleBasis::DeclaredConvention)
                        }
                        RoleConvention::FirstListed if first => {
                            (Role::Lead, RoleBasis::FirstListed)
                        }
                        RoleConvention::FirstListed => (Role::Support, RoleBasis::FirstListed),
                        RoleConvention::ExplicitMarks => (Role::Joint, RoleBasis::Joint),
                    }
                }
            }
        };
        let g = &ontology.gazetteer;
        let own = g.resolve(&item.mention, scope, &ontology.jurisdictions);
        let r = match (&own.prefix, &inherited) {
            (None, Some(p)) if !item.mention.starts_with(p.as_str()) => {
                let with = g.resolve(
                    &format!("{p}{}", item.mention),
                    scope,
                    &ontology.jurisdictions,
                );
                if with.known
                    && !with.collective
                    && with.kind != policykg_ontology::AgencyKind::Central
                {
                    with
                } else {
                    own
                }
            }
            _ => own,
        };
        if let Some(p) = &r.prefix {
            inherited = Some(p.clone());
        }
        out.push(AgencyRole {
            name: r.canonical,
            mention: item.mention.clone(),
            role,
            basis,
            collective: r.collective,
            known: r.known,
            span: item.span,
            kind: r.kind,
            jurisdiction: r.jurisdiction,
            parent: r.parent,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(String, Mark)> {
        let o = Ontology::bundled();
        let st = find_statements(text, 0, o.jurisdictions.get("安徽省"), o);
        st.into_iter()
            .flat_map(|s| s.items)
            .map(|i| (i.mention, i.mark))
            .collect()
    }

    #[test]
    fn lists_split_but_collectives_stay_whole() {
        let got = marks("（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）");
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "市发展改革委",
                "市委组织部",
                "市人力资源和社会保障局",
                "各区、县级市"
            ]
        );
        assert_eq!(got[0].1, Mark::Lead);
        assert!(got[1..].iter().all(|(_, m)| *m == Mark::Support));
        let got = marks("（各省、自治区、直辖市人民政府，财政部负责）");
        assert_eq!(got[0].0, "各省、自治区、直辖市人民政府");
    }

    #[test]
    fn not_every_parenthesis_is_a_statement() {
        assert!(marks("印发《规划》（以下简称《规划》）。").is_empty());
        assert!(marks("鼓励建立企业技术（工程）中心。").is_empty());
        assert!(marks("报送自查报告（含电子文档）。").is_empty());
        assert!(marks("（由企业自行负责）").is_empty());
    }
}
