//! Prose statements: the duty clauses of regulations and prose notices ("县级以上人民政府应当…",
//! "市交通主管部门负责…", "A会同B…", "B配合"; see [`duty`]), and, best effort, "由A、B等…牵头",
//! "其他相关部门（单位）配合", a sentence opening with an agency that 统筹协调.

pub(crate) mod duty;

use policykg_ontology::{Jurisdiction, Ontology, RoleForm, RoleWord};

use super::list::{clean_name, holds, pieces, Offsets};
use super::{Item, Mark, Statement, MAX_NAME};
use crate::model::StatementStyle;

/// Prose statements of a text without parentheses: the bodies its duty clauses make
/// responsible, then "由A、B等…牵头", "C配合", a sentence opening with an agency that 统筹协调 /
/// 牵头. `None` when nothing agency-like is found.
pub fn find_prose(
    text: &str,
    base: usize,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Option<Statement> {
    find_prose_with(
        text,
        base,
        scope,
        ontology,
        &duty::DutyWords::for_ontology(ontology),
    )
}

/// [`find_prose`] with the duty words read once for a whole document.
pub(crate) fn find_prose_with(
    text: &str,
    base: usize,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
    words: &duty::DutyWords,
) -> Option<Statement> {
    let mut prose = Prose::new(text, base, scope, ontology, words);
    read_ahead(&mut [prose.pending()]);
    finish(prose)
}

/// [`find_prose_with`] of each of `texts` (each with the character it starts at), the clause
/// readers each run over the clauses of all texts before the next: a document's texts read one
/// by one began each cold, the reader's code evicted by the rest of the document's reading
/// between two texts. The same calls with the same arguments as one by one.
pub(crate) fn find_prose_many(
    texts: &[(&str, usize)],
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
    words: &duty::DutyWords,
) -> Vec<Option<Statement>> {
    let mut all: Vec<Prose> = texts
        .iter()
        .map(|&(text, base)| Prose::new(text, base, scope, ontology, words))
        .collect();
    let mut pending: Vec<Pending> = all.iter_mut().map(Prose::pending).collect();
    read_ahead(&mut pending);
    drop(pending);
    all.into_iter().map(finish).collect()
}

/// One text being read for prose statements: its clauses and their reader.
struct Prose<'a> {
    text: &'a str,
    offsets: Offsets<'a>,
    /// Only the verbs the text holds at all (most texts hold none).
    verbs: Vec<(&'a str, RoleWord)>,
    may_report: bool,
    reader: duty::Reader<'a>,
    clauses: Vec<Clause>,
}

/// The clauses of one text still to be read ahead, with their reader.
type Pending<'p, 'a> = (&'p duty::Reader<'a>, &'p mut [Clause], bool);

impl<'a> Prose<'a> {
    fn new(
        text: &'a str,
        base: usize,
        scope: Option<&'a Jurisdiction>,
        ontology: &'a Ontology,
        words: &'a duty::DutyWords,
    ) -> Self {
        let verbs: Vec<(&str, RoleWord)> = ontology
            .gazetteer
            .role_phrases(RoleForm::Prose)
            .map(|p| (p.phrase.as_str(), p.role))
            .filter(|(v, _)| holds(text, v))
            .collect();
        let clauses = clauses(text, &verbs, words);
        Prose {
            text,
            offsets: Offsets::new(text, base),
            verbs,
            may_report: words.may_report(text),
            reader: duty::Reader {
                text,
                scope,
                ontology,
                words,
                short_forms: crate::memo::short_forms(),
            },
            clauses,
        }
    }

    fn pending(&mut self) -> Pending<'_, 'a> {
        (&self.reader, &mut self.clauses, self.may_report)
    }
}

/// The statement, once its clauses were read ahead: the sentence's state applied clause by
/// clause.
fn finish(prose: Prose) -> Option<Statement> {
    let Prose {
        text,
        offsets,
        verbs,
        may_report,
        reader,
        mut clauses,
    } = prose;
    let mut items: Vec<Item> = Vec::new();
    let mut open_list = false;
    let mut marks_lead = false;
    let mut first: Option<usize> = None;
    let mut last = 0;
    // A body of this sentence is charged: a later clause's 会同 names its partners.
    let mut sentence_named = false;
    // The bodies this sentence charges with a plain duty, for a later clause that opens
    // with 牵头 and so goes on with their action.
    let mut sentence_doers: Vec<String> = Vec::new();
    let mut first_clause: (usize, usize) = (0, 0);
    for k in 0..clauses.len() {
        let (ss, clause) = (clauses[k].sentence.0, clauses[k].range);
        if clause.0 == ss {
            sentence_named = false;
            sentence_doers.clear();
            first_clause = clause;
        }
        if clauses[k].condition {
            continue;
        }
        if clauses[k].holds_verb {
            let mut found_any = false;
            for &(verb, role) in &verbs {
                let Some(v) = text[clause.0..clause.1].find(verb).map(|v| clause.0 + v) else {
                    continue;
                };
                let found = prose_names(text, (clause.0, v), clause.0 == ss, &reader);
                if found.is_empty() {
                    // "市住房城乡建设部门依托…总门户，牵头建立统一的…系统": a clause opening with
                    // 牵头 goes on with the sentence's subject, which leads there (and the
                    // document marks leads). Not "牵头工作" (a noun), nor a 牵头 after words of
                    // its own clause ("建立X牵头、Y参与的机制": X is named in that clause).
                    let opens = text[clause.0..v].trim().is_empty();
                    // "鼓励…社会力量，…，配合政府有关部门开展社会救助工作" (dev 021b 第四十条):
                    // helping is no public body's, but the body helped does the work.
                    if role == RoleWord::Support && opens {
                        let helped = reader.helped_after(v, v + verb.len(), clause.1);
                        if !helped.is_empty() {
                            for n in helped {
                                first.get_or_insert(n.start);
                                last = last.max(n.cue_end);
                                add(&mut items, n.mention, offsets.span(n.start, n.end), n.mark);
                            }
                            found_any = true;
                            break;
                        }
                    }
                    if role == RoleWord::Lead
                        && verb == "牵头"
                        && opens
                        && clause.0 > ss
                        && !reader.words.lead_noun_at(&text[v + verb.len()..clause.1])
                    {
                        if sentence_doers.is_empty() {
                            // The subject opens the sentence with a verb of no duty ("依托").
                            let (s0, e0) = first_clause;
                            for n in reader.opening_bodies(reader.skip_lead(s0, e0), e0) {
                                first.get_or_insert(n.start);
                                sentence_doers.push(n.mention.clone());
                                add(
                                    &mut items,
                                    n.mention,
                                    offsets.span(n.start, n.end),
                                    Mark::Lead,
                                );
                            }
                        }
                        if sentence_doers.is_empty() {
                            continue;
                        }
                        for it in items.iter_mut() {
                            if sentence_doers.contains(&it.mention) && it.mark == Mark::Responsible
                            {
                                it.mark = Mark::Lead;
                            }
                        }
                        marks_lead = true;
                        last = last.max(v + verb.len());
                        found_any = true;
                        break;
                    }
                    continue;
                }
                // "A应当建立社会力量参与…的机制": the support verb is its object's, not A's.
                let named_end = found.iter().map(|&(_, e, _)| e).max().unwrap_or(v);
                if role == RoleWord::Support && reader.verb_with_object(&text[named_end..v]) {
                    continue;
                }
                // "本市建立X和Y共同牵头、…参加的…机制": the 牵头 describes the mechanism the
                // clause builds; it charges nobody here (gold README: content, no lead mark).
                let first_named = found.iter().map(|&(s, _, _)| s).min().unwrap_or(v);
                if role == RoleWord::Lead
                    && reader.words.builds_mechanism(&text[clause.0..first_named])
                {
                    continue;
                }
                let mark = match role {
                    RoleWord::Lead => Mark::Lead,
                    RoleWord::Support => Mark::Support,
                    _ => Mark::Responsible,
                };
                // (共同牵头 too: "A、B共同牵头" marks both leads.)
                marks_lead |= role == RoleWord::Lead && verb.ends_with("牵头");
                for (s, e, open) in found {
                    open_list |= open;
                    first.get_or_insert(s);
                    last = last.max(v + verb.len());
                    add(&mut items, text[s..e].to_owned(), offsets.span(s, e), mark);
                }
                // "由区综合执法局配合所在乡镇处理": the bodies helped do the work.
                if role == RoleWord::Support {
                    for n in reader.helped_after(v, v + verb.len(), clause.1) {
                        last = last.max(n.cue_end);
                        add(&mut items, n.mention, offsets.span(n.start, n.end), n.mark);
                    }
                }
                found_any = true;
                break;
            }
            if found_any {
                sentence_named = true;
                continue;
            }
            // No verb charged a body: the clause is read as the others were.
            clauses[k].read = true;
            read_ahead(&mut [(&reader, &mut clauses[k..=k], may_report)]);
        }
        let lead = clauses[k].lead;
        let mut named = std::mem::take(&mut clauses[k].named);
        if named.is_empty() && sentence_named {
            named = reader.partners_opening(lead, clause.1);
            // "A应当制定…，并会同B实行…": the 会同 goes on with the sentence's subject.
            if named.is_empty() && text[lead..clause.1].starts_with('并') {
                named = reader.partners_opening(lead + '并'.len_utf8(), clause.1);
            }
            // "A会同B" makes A lead (gold README), as a 会同 right after A does.
            if !named.is_empty() {
                for it in items.iter_mut() {
                    if sentence_doers.contains(&it.mention) && it.mark == Mark::Responsible {
                        it.mark = Mark::With;
                    }
                }
            }
        }
        // "市、区发展改革部门是…的主管部门，负责指导…": a later clause opening with a duty
        // cue and no subject goes on with the bodies opening the sentence.
        if named.is_empty()
            && !sentence_named
            && clause.0 > ss
            && reader.words.opens_with_duty(&text[lead..clause.1])
        {
            let (s0, e0) = first_clause;
            // No copula, no bodies to keep: most first clauses hold no 是 at all.
            if text[s0..e0].contains('是') {
                named = reader.opening_bodies(reader.skip_lead(s0, e0), e0);
            }
            // Only bodies the sentence defines by a copula: most sentences whose subject
            // a later clause's duty goes on with are read by the clause readers above.
            if !named
                .last()
                .is_some_and(|n| text[n.end..e0].starts_with('是'))
            {
                named.clear();
            }
        }
        sentence_named |= !named.is_empty();
        // "…拟订，报市人民政府批准后公布执行": the body approving supports.
        named.append(&mut clauses[k].approvers);
        for n in named {
            if n.mark == Mark::Responsible {
                sentence_doers.push(n.mention.clone());
            }
            marks_lead |= n.marked_lead;
            first.get_or_insert(n.start);
            last = last.max(n.cue_end);
            add(&mut items, n.mention, offsets.span(n.start, n.end), n.mark);
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

/// A text opening with the bodies it charges and a colon, as a division of duties lists them
/// ("各县（市、区）人民政府：落实属地责任…", "市财政局、市税务局：…"): those bodies, when every
/// name before the colon is a body the gazetteer knows or a collective. Asked only where the
/// duty clauses found nobody (a duty cue after the colon makes the clause one of them).
pub(crate) fn owners_before_colon(
    text: &str,
    base: usize,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Option<Statement> {
    let lead = text.len() - text.trim_start().len();
    let line = text[lead..].lines().next()?;
    let colon = line.find(['：', ':'])?;
    let names = &line[..colon];
    if names.is_empty()
        || names.chars().count() > MAX_NAME
        || super::list::label_at(line, ontology).is_some()
    {
        return None;
    }
    let offsets = Offsets::new(text, base);
    let mut items = Vec::new();
    for (s, e) in pieces(names, ontology) {
        let (s, e, _) = clean_name(names, s, e, ontology);
        let mention = &names[s..e];
        let r = crate::memo::resolved(ontology, mention, scope);
        if mention.is_empty() || !(r.known || r.collective) {
            return None;
        }
        items.push(Item {
            mention: mention.to_owned(),
            span: offsets.span(lead + s, lead + e),
            mark: Mark::Responsible,
        });
    }
    (!items.is_empty()).then(|| Statement {
        style: StatementStyle::Prose,
        span: offsets.span(lead, lead + colon),
        text: names.to_owned(),
        items,
        open_list: false,
        declares_first_listed: false,
        marks_lead: false,
        remarks: Vec::new(),
    })
}

/// One clause of a text, and what the readers that depend on its words alone found there
/// ([`read_ahead`]).
struct Clause {
    /// The sentence holding the clause.
    sentence: (usize, usize),
    range: (usize, usize),
    /// Where the next clause of the sentence starts.
    next: usize,
    /// Part of a condition whose consequence another body carries out: not read.
    condition: bool,
    /// Holds one of the text's prose verbs, which may charge a body depending on the
    /// sentence's earlier clauses: read when that is known.
    holds_verb: bool,
    /// Still to be read by [`read_ahead`].
    read: bool,
    /// Where the subject may start, past the clause's number or date.
    lead: usize,
    /// The bodies the clause readers found ([`duty::Reader::clause`], then
    /// [`duty::Reader::subject_before`], then for a sentence's first clause
    /// [`duty::Reader::opening_actor`]).
    named: Vec<duty::Named>,
    /// The bodies the clause sends a matter up to for approval ([`duty::Reader::approvers`]).
    approvers: Vec<duty::Named>,
}

/// The clauses of `text`, sentence by sentence: each comma ends one, and so does the sentence.
fn clauses(text: &str, verbs: &[(&str, RoleWord)], words: &duty::DutyWords) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut sentence_start = 0;
    // The clause ends of the sentence being read, found in the same walk as its end: each
    // comma, then its last character when that is no comma (the clause ends with the sentence).
    let mut ends: Vec<(usize, char)> = Vec::new();
    let mut last_char: Option<(usize, char)> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        if !matches!(c, '。' | '；' | ';' | '！' | '？' | '\n') {
            if matches!(c, '，' | ',') {
                ends.push((i, c));
            }
            last_char = Some((i, c));
            continue;
        }
        let (ss, se) = (sentence_start, i);
        sentence_start = i + c.len_utf8();
        if let Some((j, ch)) = last_char.take() {
            if !matches!(ch, '，' | ',') {
                ends.push((j, ch));
            }
        }
        let mut clause_start = ss;
        // "有关单位及其工作人员，在…中玩忽职守…的，由有权机关…给予处分": the clauses up to one
        // closed by 的 and followed by 由 are a condition whose consequence another body carries
        // out; the bodies the condition names are whom it is about, not whom it charges. ("国家
        // 机关…开展合作的，应当…" charges its subject: no 由.)
        let condition_end = ends
            .iter()
            .filter(|&&(j, ch)| {
                let next = text[j + ch.len_utf8()..se].trim_start();
                matches!(ch, '，' | ',')
                    && text[ss..j].trim_end().ends_with('的')
                    && next.starts_with('由')
                    && !words.not_passive_at(next, 0, "由")
            })
            .map(|&(j, _)| j)
            .max();
        for (j, ch) in ends.drain(..) {
            let clause_end = if matches!(ch, '，' | ',') { j } else { se };
            let range = (clause_start, clause_end);
            clause_start = j + ch.len_utf8();
            let condition = condition_end.is_some_and(|c| clause_end <= c);
            let holds_verb = !condition
                && verbs
                    .iter()
                    .any(|&(v, _)| text[range.0..range.1].contains(v));
            out.push(Clause {
                sentence: (ss, se),
                range,
                next: clause_start,
                condition,
                holds_verb,
                read: !condition && !holds_verb,
                lead: range.0,
                named: Vec::new(),
                approvers: Vec::new(),
            });
        }
    }
    out
}

/// Run the clause readers that depend on nothing but a clause's words over the clauses still
/// to be read (of one text or of many, each with its reader), each reader over all of them
/// before the next: their code together is larger than the instruction cache, and run clause
/// by clause each reader evicted the others'.
fn read_ahead(texts: &mut [Pending]) {
    for (reader, clauses, _) in texts.iter_mut() {
        for c in clauses.iter_mut().filter(|c| c.read) {
            c.lead = reader.skip_lead(c.range.0, c.range.1);
        }
    }
    for (reader, clauses, _) in texts.iter_mut() {
        for c in clauses.iter_mut().filter(|c| c.read) {
            c.named = reader.clause(c.lead, c.range.1);
        }
    }
    for (reader, clauses, _) in texts.iter_mut() {
        for c in clauses.iter_mut().filter(|c| c.read && c.named.is_empty()) {
            if c.range.1 < c.sentence.1 {
                c.named = reader.subject_before(c.lead, c.range.1, c.next, c.sentence.1);
            }
        }
    }
    // A sentence's first clause: no earlier clause charged a body, so no partners are read.
    for (reader, clauses, _) in texts.iter_mut() {
        for c in clauses.iter_mut().filter(|c| c.read && c.named.is_empty()) {
            if c.range.0 == c.sentence.0 {
                c.named = reader.opening_actor(c.lead, c.range.1);
            }
        }
    }
    for (reader, clauses, may_report) in texts.iter_mut() {
        if *may_report {
            for c in clauses.iter_mut().filter(|c| c.read) {
                c.approvers = reader.approvers(c.range.0, c.range.1);
            }
        }
    }
    for (_, clauses, _) in texts.iter_mut() {
        for c in clauses.iter_mut() {
            c.read = false;
        }
    }
}

/// Add a name once: a name given again keeps its first place, and leads if either mention
/// leads.
fn add(items: &mut Vec<Item>, mention: String, span: policykg_read::Span, mark: Mark) {
    match items.iter_mut().find(|it| it.mention == mention) {
        Some(it) => {
            if mark == Mark::Lead || (mark == Mark::With && it.mark != Mark::Lead) {
                it.mark = mark;
            }
        }
        None => items.push(Item {
            mention,
            span,
            mark,
        }),
    }
}

/// The names before a prose verb: after the nearest 由 of the clause ("由A、B等…牵头"), or the
/// whole clause when it opens the sentence or is a list of agencies ("其他相关部门（单位）配合").
/// Out of line: few clauses hold a prose verb, and the reader's loop stays short without it.
#[cold]
#[inline(never)]
fn prose_names(
    text: &str,
    (start, verb): (usize, usize),
    sentence_opening: bool,
    reader: &duty::Reader,
) -> Vec<(usize, usize, bool)> {
    let (scope, ontology) = (reader.scope, reader.ontology);
    let before = &text[start..verb];
    // The preposition 由, not the 由 of 自由, 理由, 由于 (duty_cues.tsv: not_passive).
    let by_at = before
        .char_indices()
        .rev()
        .find(|&(i, c)| c == '由' && !reader.words.not_passive_at(before, i, "由"));
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
    // "抓好乡村绿化区财政金融局负责…": no name opens with a verb ([`duty::Reader::name_start`]).
    let Some(mut from) = reader.name_start(from, end) else {
        return Vec::new();
    };
    if !by {
        if let Some(f) = ["发挥"].iter().find(|f| text[from..end].starts_with(*f)) {
            from += f.len();
        }
    }
    if from >= end {
        return Vec::new();
    }
    let subject = &text[from..end];
    if reader.words.names_people(subject) {
        return Vec::new();
    }
    if !by && !sentence_opening && !subject.contains('、') {
        // A clause in mid-sentence names agencies only when it is itself a collective or an
        // agency ("其他相关部门（单位）配合").
        let r = crate::memo::resolved(ontology, subject, scope);
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
        let r = crate::memo::resolved(ontology, &subject[s..e], scope);
        // "其他企业员工子女可按规定统筹安排": agency-like, but no body's name. "本市建立市人民
        // 政府和…共同牵头、…参加的…机制": a clause, its verb inside, describing a mechanism.
        if r.agency_like
            && reader.may_be_public(&subject[s..e])
            && (r.known || !reader.verb_inside(&subject[s..e]))
        {
            out.push((from + s, from + e, open));
        }
    }
    out.retain(|&(s, e, _)| s < e);
    out
}
