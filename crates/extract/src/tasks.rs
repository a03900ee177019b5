//! Task segmentation: the units a responsibility applies to.
//!
//! A task is:
//! - a numbered item without children (a leaf of the outline), with or without a responsibility
//!   statement ("Items without any responsibility are still tasks, with no agencies"); its body
//!   paragraphs belong to it;
//! - inside an item, each run of sentences closed by its own responsibility parenthesis, when
//!   the item holds more than one (seed 001 item 1 holds three): ids `path#1`, `path#2` …; text
//!   after the last parenthesis of such an item is a run of its own, with no agencies (the
//!   evaluation scores an item's runs together, as the gold annotates items); an item's only
//!   statement written before its measure ("（二）【牵头单位：县水务局】推进…") heads it whole;
//! - not a section that frames the measures (`指导思想`, `基本原则`, `主要目标` …: `frame_heading`
//!   of `ontology/lexicon/task_cues.tsv`), nor anything under it;
//! - not an item whose every sentence only states a purpose, scope, definition, principle, who
//!   interprets the text or the date of effect (`frame_sentence`: "为了…，制定本条例。",
//!   "本条例自…起施行。");
//! - an item whose own text ends with a colon and whose children are all leaves, most without a
//!   body of their own ("有下列行为之一的，…：（一）…；（二）…"), read whole: its sub-items are
//!   parts of its sentence, not tasks — unless its text announces measures ("应当采取下列措施…：",
//!   `measures_lead`): then each sub-item is a task, responsible to the body the lead-in names
//!   when it names none;
//! - a heading that groups items ("二、重点任务", "（一）梯度化培育优质企业群体。") only when its own
//!   text (before its first child) holds a responsibility statement; otherwise it is structure,
//!   not a task, and its introductory paragraph belongs to no task;
//! - a row of a task-division table (a table whose header names 牵头单位 / 责任单位 / 配合单位):
//!   id `table{k}/row{n}`; statements inside a table are read from its columns only.
//!
//! - not the points of a 印发/转发 cover notice on carrying out what it carries ("现将《X》印发给
//!   你们，并就有关事项通知如下：一、…"), nor paragraphs after the last item's statement when the
//!   items before it end with theirs, nor paragraphs after the last item's first when the items
//!   of its level are one paragraph each, nor a request's closing formula: the document's
//!   closing text.
//!
//! A document without any outline (a news page) yields one task per line holding a statement,
//! with id `p{line}`. Text outside the outline (preamble, closing) yields no task, and a work
//! report (`report_type`: a title ending with 工作报告) none at all.
//!
//! Leaf items without a statement are read for prose ("由A牵头…", "A统筹协调…"), best effort.

use policykg_ontology::lexicon::signature_bit;
use policykg_ontology::{Jurisdiction, Ontology, RoleWord};
use policykg_outline::Parsed;
use policykg_read::{CharIndex, Span, Table, TableCell};

use crate::model::{AgencyRole, ExtractWarning, Role, RoleConvention, Task, TaskOrigin};
use crate::responsibility::{self, column_role, Statement};

/// A task before roles are decided (they need the convention of the whole document).
struct Draft {
    id: String,
    path: String,
    heading: String,
    text: String,
    span: Span,
    origin: TaskOrigin,
    /// The task's responsibility statements: one for a statement run (`path#n`), the item's
    /// (none or one) otherwise, or what a table row's columns say.
    statements: Vec<Statement>,
}

/// The tasks of a parsed document, the document's role convention, and what could not be read
/// confidently.
pub fn tasks(
    parsed: &Parsed,
    ontology: &Ontology,
) -> (Vec<Task>, RoleConvention, Vec<ExtractWarning>) {
    // A county the table does not list is derived from its name, not left to its province.
    let scope = ontology.jurisdictions.scope(
        parsed.metadata.jurisdiction.as_deref(),
        &parsed.document.text,
    );
    tasks_in(
        parsed,
        scope.as_deref(),
        ontology,
        &CharIndex::new(&parsed.document.text),
    )
}

/// [`tasks`] in the document's `scope`, found once by [`crate::extract`] for all its finders.
pub(crate) fn tasks_in(
    parsed: &Parsed,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
    index: &CharIndex,
) -> (Vec<Task>, RoleConvention, Vec<ExtractWarning>) {
    let text = &parsed.document.text;
    let mut warnings = Vec::new();
    let mut drafts = Vec::new();

    let table_spans = table_drafts(parsed, ontology, &mut drafts, &mut warnings);
    let reader = Reader {
        index,
        scope,
        ontology,
        table_spans,
        prose_words: responsibility::DutyWords::for_ontology(ontology),
        in_force: parsed.metadata.in_force.as_ref().map(|f| f.span),
        deferred: std::cell::RefCell::new(Vec::new()),
    };
    let nodes = &parsed.outline.nodes;
    // A work report reviews and plans: its numbered sections assign nothing.
    let report = parsed
        .metadata
        .title
        .as_deref()
        .is_some_and(|t| is_report(t, ontology));
    if report {
        drafts.clear();
    } else {
        // Lines after the outline: the whole text when there is none, else an attachment after
        // the notice's 落款, which the outline ends its last item before.
        let items_end = nodes.iter().map(|n| n.span.end).max().unwrap_or(0);
        let closing = parsed.outline.closing.start;
        if nodes.is_empty() {
            reader.line_drafts(text, Span::new(0, usize::MAX), false, &mut drafts);
        } else if items_end < closing {
            reader.line_drafts(text, Span::new(items_end, closing), true, &mut drafts);
        }
        let cover_points = cover_requirements(parsed, index);
        reader.outline_drafts(nodes, cover_points, &mut drafts, &mut warnings);
        reader.read_deferred(&mut drafts);
        drop_closing_paragraphs(nodes, index, &mut drafts);
    }
    drafts.sort_by_key(|d| (d.span.start, d.span.end));
    number_repeated_ids(&mut drafts, &mut warnings);
    responsibility::apply_standing(
        drafts.iter_mut().flat_map(|d| d.statements.iter_mut()),
        scope,
        ontology,
    );

    statements_for_tasks_above(&mut drafts, ontology);

    let mut convention = responsibility::convention(drafts.iter().flat_map(|d| &d.statements));
    // "排名第一的为牵头单位" said once for the whole document, in its cover notice or a note
    // before the list, not inside a statement.
    if convention != RoleConvention::DeclaredFirstListed
        && ontology.gazetteer.holds_declaration(text)
    {
        convention = RoleConvention::DeclaredFirstListed;
    }
    let tasks: Vec<Task> = drafts
        .into_iter()
        .map(|d| finish(d, convention, scope, ontology))
        .collect();
    warn_unknown_agencies(&tasks, ontology, &mut warnings);
    (tasks, convention, warnings)
}

/// "（以上任务由A牵头，B配合）" closing the last task of a group: the tasks of the group before it
/// that name no body are its tasks too (the nearest ones, up to a task that names its own).
fn statements_for_tasks_above(drafts: &mut [Draft], ontology: &Ontology) {
    let references = ontology.lexicon.duty.role("task_reference");
    let parent = |path: &str| path.rsplit_once('/').map_or("", |(p, _)| p).to_owned();
    for k in 1..drafts.len() {
        let Some(st) = drafts[k]
            .statements
            .iter()
            .find(|st| {
                let (head, n) = responsibility::first_chars(
                    st.text.trim_start_matches(['（', '(', '【', '[', '［']),
                );
                references.at(&head[..n], 0).is_some()
            })
            .cloned()
        else {
            continue;
        };
        let group = parent(&drafts[k].path);
        for j in (0..k).rev() {
            if parent(&drafts[j].path) != group || !drafts[j].statements.is_empty() {
                break;
            }
            drafts[j].statements.push(st.clone());
        }
    }
}

/// The rows of the document's task-division tables as drafts; returns the tables' spans, whose
/// statements are read from their columns only.
fn table_drafts(
    parsed: &Parsed,
    ontology: &Ontology,
    drafts: &mut Vec<Draft>,
    warnings: &mut Vec<ExtractWarning>,
) -> Vec<Span> {
    let mut table_spans = Vec::new();
    for (k, table) in parsed.document.tables.iter().enumerate() {
        if let Some(rows) = table_tasks(k + 1, table, ontology, warnings) {
            table_spans.push(table.span);
            drafts.extend(rows);
        } else if lists_indicators(table, ontology) {
            // Its rows measure, they assign nothing: neither they nor the outline's headings
            // inside it ("一、医疗质量 | （一）功能定位 | 1.门诊人次数…") are tasks.
            table_spans.push(table.span);
        }
    }
    table_spans
}

/// Rows read for a table's header.
const HEADER_ROWS: usize = 2;

/// "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标说明": a table whose header names indicators
/// (`indicator_column` of `task_cues.tsv`), an assessment's or a plan's table of measurements.
fn lists_indicators(table: &Table, ontology: &Ontology) -> bool {
    let cues = ontology.lexicon.task.role("indicator_column");
    table.rows.iter().take(HEADER_ROWS).flatten().any(|cell| {
        let chars: Vec<char> = cell.text.chars().collect();
        cues.find_in(&chars, 0, chars.len()).is_some()
    })
}

/// What reading the document's prose needs: where its statements may be, and how to read them.
struct Reader<'a> {
    index: &'a CharIndex<'a>,
    scope: Option<&'a Jurisdiction>,
    ontology: &'a Ontology,
    /// Task-division tables, already read row by row.
    table_spans: Vec<Span>,
    /// The prose reader's words, read once for the document.
    prose_words: std::rc::Rc<responsibility::DutyWords>,
    /// The document's entry-into-force clause, as the outline read it.
    in_force: Option<Span>,
    /// Texts whose prose statement only fills their own draft, read together at the end
    /// ([`Reader::read_deferred`]).
    deferred: std::cell::RefCell<Vec<Deferred<'a>>>,
}

/// A draft whose prose statement is read with the document's other such texts
/// ([`responsibility::find_prose_many`]): the prose reader's code stays in the instruction
/// cache from one text to the next.
struct Deferred<'a> {
    /// The draft's index in the document's drafts.
    draft: usize,
    text: &'a str,
    start: usize,
    /// An item's text: without prose, the bodies opening it before a colon
    /// ([`responsibility::owners_before_colon`]); else a line, dropped without prose.
    item: bool,
    /// The statement of the lead-in announcing the item's measures, when the item has no
    /// other.
    announced: Option<Statement>,
}

/// An outline item's own text, as the outline's walk found it, read for drafts after the walk
/// ([`Reader::items_drafts`]).
struct OwnText<'a> {
    /// The item's index among the outline's nodes.
    node: usize,
    own: Span,
    text: &'a str,
    leaf: bool,
    /// The body whose duties the item lists, charged first in each of its drafts.
    duty_owner: Option<Statement>,
    /// The statement of the lead-in announcing the item's measures, for its drafts naming none.
    announced: Option<Statement>,
}

impl<'a> Reader<'a> {
    /// The statements of `text` (starting at character `start`) outside the task-division tables,
    /// so that no table cell is read twice.
    fn statements(&self, text: &str, start: usize) -> Vec<Statement> {
        self.outside_tables(responsibility::find_statements(
            text,
            start,
            self.scope,
            self.ontology,
        ))
    }

    /// The statements of a text ([`responsibility::find_statements`]) outside the
    /// task-division tables.
    fn outside_tables(&self, statements: Vec<Statement>) -> Vec<Statement> {
        statements
            .into_iter()
            .filter(|s| {
                !self
                    .table_spans
                    .iter()
                    .any(|t| s.span.start < t.end && t.start < s.span.end)
            })
            .collect()
    }

    /// Text outside the outline (a news page, an attachment after the 落款): one task per line
    /// of `within` holding a statement; with `prose`, also per line read as prose ("省财政厅负责…。":
    /// an attachment dividing the duties among bodies, one line each).
    fn line_drafts(&self, text: &'a str, within: Span, prose: bool, drafts: &mut Vec<Draft>) {
        let mut line_start = 0usize;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let start = line_start;
            line_start += line.chars().count();
            if start < within.start || start >= within.end {
                continue;
            }
            let statements = self.statements(line, start);
            let id = format!("p{}", n + 1);
            let body = line.trim();
            let lead = lead_chars(line);
            let span = Span::new(start + lead, start + lead + body.chars().count());
            if statements.is_empty() && prose && !is_sentence(line) {
                // A form's or an attachment's title ("3.…协助宣传报道通知单") names a body and a
                // duty word without saying anything.
                continue;
            }
            if statements.is_empty()
                && prose
                && !only_frame_sentences(line, start, self.in_force, self.ontology)
            {
                // The line is the task, as an item read for prose is (dropped when its prose
                // names nobody).
                self.deferred.borrow_mut().push(Deferred {
                    draft: drafts.len(),
                    text: line,
                    start,
                    item: false,
                    announced: None,
                });
                drafts.push(Draft {
                    id: id.clone(),
                    path: id,
                    heading: String::new(),
                    text: body.to_owned(),
                    span,
                    origin: TaskOrigin::Item,
                    statements: Vec::new(),
                });
                continue;
            }
            if statements.is_empty() {
                continue;
            }
            push_runs(
                drafts,
                &id,
                "",
                (span, body),
                statements,
                self.index,
                self.ontology,
            );
        }
    }

    /// The prose statements of the deferred drafts, read together: an item's, else the bodies
    /// opening it before a colon, else its lead-in's (after what the draft already holds, a
    /// duty list's owner); a line without one is dropped.
    fn read_deferred(&self, drafts: &mut Vec<Draft>) {
        let deferred = self.deferred.take();
        if deferred.is_empty() {
            return;
        }
        let texts: Vec<(&str, usize)> = deferred.iter().map(|p| (p.text, p.start)).collect();
        let found =
            responsibility::find_prose_many(&texts, self.scope, self.ontology, &self.prose_words);
        let mut dropped = Vec::new();
        for (p, st) in deferred.into_iter().zip(found) {
            let st = if p.item {
                st.or_else(|| {
                    responsibility::owners_before_colon(p.text, p.start, self.scope, self.ontology)
                })
            } else {
                st
            };
            let d = &mut drafts[p.draft];
            match st {
                Some(st) => d.statements.push(st),
                None if !p.item => dropped.push(p.draft),
                None => {
                    if let (Some(st), true) = (p.announced, d.statements.is_empty()) {
                        d.statements.push(st);
                    }
                }
            }
        }
        if !dropped.is_empty() {
            let mut k = 0;
            let mut next = dropped.iter().peekable();
            drafts.retain(|_| {
                let keep = next.peek() != Some(&&k);
                if !keep {
                    next.next();
                }
                k += 1;
                keep
            });
        }
    }

    /// The tasks of the outline: leaves, items read whole with their enumeration, and headings
    /// only when their own text holds a statement.
    fn outline_drafts(
        &self,
        nodes: &[policykg_outline::Node],
        cover_points: Option<Span>,
        drafts: &mut Vec<Draft>,
        warnings: &mut Vec<ExtractWarning>,
    ) {
        // End of the last item read whole with its enumeration: its sub-items are no tasks.
        let mut enumerated_until = 0;
        // End of the last framing section (指导思想, 基本原则 …): nothing in it is a task.
        let mut framed_until = 0;
        let closing_text = closing_text_start(nodes, self.index, self.ontology);
        // The body a lead-in announcing measures names ("市场监管部门应当采取下列措施…："), up to
        // the end of its item: its sub-items that name none are its measures.
        let mut announced: Option<(usize, Statement)> = None;
        let mut items: Vec<OwnText<'a>> = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            if node.span.start < enumerated_until || node.span.start < framed_until {
                continue;
            }
            if announced
                .as_ref()
                .is_some_and(|(end, _)| node.span.start >= *end)
            {
                announced = None;
            }
            if is_frame_heading(&node.heading, self.ontology) {
                framed_until = node.span.end;
                continue;
            }
            // The cover notice's own points (its sub-items after the carried title, if the
            // outline hangs them under its last point, are read).
            if cover_points.is_some_and(|p| p.start <= node.span.start && node.span.start < p.end) {
                continue;
            }
            let mut duty_owner: Option<Statement> = None;
            let mut own_end = match node.children.first() {
                Some(&c) => nodes.get(c).map_or(node.span.end, |c| c.span.start),
                None => node.span.end,
            };
            if introduces_enumeration(node, nodes, self.index, self.ontology) {
                // "本政策措施适用对象必须符合以下条件：1.…": a lead-in stating the scope makes the
                // article a frame, whatever its conditions say, unless a paragraph after them
                // assigns something ("临时救助对象，是指…：（一）…（四）…。" then "区人民政府可以…").
                let lead_span = Span::new(node.heading_span.start.min(own_end), own_end);
                let lead = self.index.slice(lead_span);
                if lead.is_some_and(|t| {
                    only_frame_sentences(t, lead_span.start, self.in_force, self.ontology)
                }) && !self.assigns_after_enumeration(node, nodes)
                {
                    enumerated_until = node.span.end;
                    continue;
                }
                own_end = node.span.end;
                enumerated_until = node.span.end;
                duty_owner = self.heading_owner(node);
            } else if self.lists_duties_of_one_body(node, nodes) {
                own_end = node.span.end;
                enumerated_until = node.span.end;
                duty_owner = self.heading_owner(node);
            }
            if let Some(c) = closing_text.filter(|&c| node.span.start < c && c < own_end) {
                own_end = c;
            }
            let mut own = Span::new(node.heading_span.start.min(own_end), own_end);
            // A task-division table is read row by row: its group rows ("一、知识产权保护方面") are
            // no items, and an item before it ends where it starts.
            if self
                .table_spans
                .iter()
                .any(|t| t.start <= own.start && own.start < t.end)
            {
                continue;
            }
            if let Some(t) = self
                .table_spans
                .iter()
                .find(|t| own.start < t.start && t.start < own.end)
            {
                own = Span::new(own.start, t.start);
            }
            let Some(own_text) = self.index.slice(own) else {
                warnings.push(ExtractWarning {
                    message: format!(
                        "outline node {i} ({}) has a span outside the text",
                        node.path
                    ),
                    span: Some(node.span),
                });
                continue;
            };
            let leaf = node.children.is_empty() || own_end == node.span.end;
            if !leaf && announces_measures(node, nodes, self.index, self.ontology) {
                announced = responsibility::find_prose_with(
                    own_text,
                    own.start,
                    self.scope,
                    self.ontology,
                    &self.prose_words,
                )
                .map(|st| (node.span.end, st));
            }
            items.push(OwnText {
                node: i,
                own,
                text: own_text,
                leaf,
                duty_owner,
                announced: announced
                    .as_ref()
                    .filter(|_| leaf)
                    .map(|(_, st)| st.clone()),
            });
        }
        self.items_drafts(nodes, items, drafts);
    }

    /// The drafts of the items whose own texts the outline's walk found, in its order: each
    /// reader over all the texts before the next (whether a text only frames, then its
    /// statements), as [`responsibility::find_prose_many`] reads their prose; read item by item,
    /// each reader's code evicted the others' from the instruction cache.
    fn items_drafts(
        &self,
        nodes: &[policykg_outline::Node],
        items: Vec<OwnText<'a>>,
        drafts: &mut Vec<Draft>,
    ) {
        let framed: Vec<bool> = items
            .iter()
            .map(|it| {
                only_frame_sentences(it.text, it.own.start, self.in_force, self.ontology)
                    || opens_with_edit(it.text, self.ontology)
            })
            .collect();
        let texts: Vec<(&str, usize)> = items
            .iter()
            .zip(&framed)
            .filter(|(_, &framed)| !framed)
            .map(|(it, _)| (it.text, it.own.start))
            .collect();
        let mut found =
            responsibility::find_statements_many(&texts, self.scope, self.ontology).into_iter();
        let statements: Vec<Vec<Statement>> = framed
            .iter()
            .map(|&framed| {
                if framed {
                    Vec::new()
                } else {
                    self.outside_tables(found.next().unwrap_or_default())
                }
            })
            .collect();
        for ((it, framed), statements) in items.into_iter().zip(framed).zip(statements) {
            let before = drafts.len();
            if !framed {
                self.node_drafts(
                    &nodes[it.node],
                    it.own,
                    it.text,
                    it.leaf,
                    statements,
                    drafts,
                );
            }
            if let Some(st) = it.duty_owner {
                for d in &mut drafts[before..] {
                    d.statements.insert(0, st.clone());
                }
            }
            if let Some(st) = it.announced {
                let mut deferred = self.deferred.borrow_mut();
                for (k, d) in drafts.iter_mut().enumerate().skip(before) {
                    if let Some(p) = deferred.last_mut().filter(|p| p.draft == k) {
                        // Known once its prose is read.
                        p.announced = Some(st.clone());
                    } else if d.statements.is_empty() {
                        d.statements.push(st.clone());
                    }
                }
            }
        }
    }

    /// The drafts of one outline node whose own text is `own_text` at `own`, holding
    /// `statements` and not only framing: nothing for a heading without a statement, else one
    /// task, or one per statement run.
    fn node_drafts(
        &self,
        node: &policykg_outline::Node,
        own: Span,
        own_text: &'a str,
        leaf: bool,
        statements: Vec<Statement>,
        drafts: &mut Vec<Draft>,
    ) {
        if !leaf && statements.is_empty() {
            return;
        }
        let lead = lead_chars(own_text);
        let body = own_text.trim();
        let span = Span::new(own.start + lead, own.start + lead + body.chars().count());
        if statements.is_empty() {
            self.deferred.borrow_mut().push(Deferred {
                draft: drafts.len(),
                text: own_text,
                start: own.start,
                item: true,
                announced: None,
            });
            drafts.push(Draft {
                id: node.path.clone(),
                path: node.path.clone(),
                heading: node.heading.clone(),
                text: body.to_owned(),
                span,
                origin: TaskOrigin::Item,
                statements: Vec::new(),
            });
        } else {
            push_runs(
                drafts,
                &node.path,
                &node.heading,
                (span, body),
                statements,
                self.index,
                self.ontology,
            );
        }
    }
}

/// An item's heading as the duty-list cues read it: trimmed, without its closing punctuation.
fn heading_chars(node: &policykg_outline::Node) -> Vec<char> {
    node.heading
        .trim()
        .trim_end_matches(is_clause_end)
        .chars()
        .collect()
}

impl Reader<'_> {
    /// "国家粮食应急工作指挥部职责", "…办公室及其职责": the body whose duties an item listing the
    /// duties of one body ([`Reader::lists_duties_of_one_body`]) names in its heading, before the
    /// `duty_list_heading` (and a `duty_list_owner` joining them): charged with those duties, as
    /// the subject of a "履行下列职责：" lead-in is. `None` when the heading names no body.
    fn heading_owner(&self, node: &policykg_outline::Node) -> Option<Statement> {
        let cues = &self.ontology.lexicon.task;
        let heading = heading_chars(node);
        let mut end = heading.len()
            - cues
                .role("duty_list_heading")
                .ending_at(&heading, heading.len())?;
        if let Some(n) = cues.role("duty_list_owner").ending_at(&heading, end) {
            end -= n;
        }
        let name: String = heading[..end].iter().collect();
        let r = crate::memo::resolved(self.ontology, &name, self.scope);
        if end < 2 || !r.agency_like || r.collective {
            return None;
        }
        let text = self.index.slice(node.heading_span)?;
        let at = text.find(name.as_str())?;
        let start = node.heading_span.start + text[..at].chars().count();
        let span = Span::new(start, start + end);
        Some(Statement {
            style: crate::model::StatementStyle::Prose,
            span,
            text: name.clone(),
            items: vec![responsibility::Item {
                mention: name,
                span,
                mark: responsibility::Mark::Responsible,
            }],
            open_list: false,
            declares_first_listed: false,
            marks_lead: false,
            remarks: Vec::new(),
        })
    }

    /// Whether the paragraphs after an enumeration (the last sub-item's, after its first) say
    /// more than a purpose, scope or definition.
    fn assigns_after_enumeration(
        &self,
        node: &policykg_outline::Node,
        nodes: &[policykg_outline::Node],
    ) -> bool {
        let Some(last) = node.children.last().and_then(|&c| nodes.get(c)) else {
            return false;
        };
        let Some(text) = self.index.slice(last.span) else {
            return false;
        };
        let Some((first, rest)) = text.trim().split_once('\n') else {
            return false;
        };
        let at = last.span.start + first.chars().count() + 1;
        rest.chars().any(char::is_alphanumeric)
            && !only_frame_sentences(rest, at, self.in_force, self.ontology)
    }

    /// "国家粮食应急工作指挥部职责（1）掌握…（2）对…进行督查和指导", "履行下列职责：（一）…": an item
    /// listing the duties of one body (`duty_list_lead` in its own text, or a heading ending with
    /// a `duty_list_heading`) whose sub-items are leaves, most naming no body of their own, is
    /// one task (README: numbered sub-items). Sub-items each charging their own body
    /// ("成员单位职责：（1）公安部负责…") stay tasks of their own, and so do announced measures.
    fn lists_duties_of_one_body(
        &self,
        node: &policykg_outline::Node,
        nodes: &[policykg_outline::Node],
    ) -> bool {
        let Some(first) = node.children.first().and_then(|&c| nodes.get(c)) else {
            return false;
        };
        let cues = &self.ontology.lexicon.task;
        let heading = heading_chars(node);
        let by_heading = heading.len() <= FRAME_HEADING_MAX
            && cues
                .role("duty_list_heading")
                .ending_at(&heading, heading.len())
                .is_some();
        let own = Span::new(
            node.heading_span.start.min(first.span.start),
            first.span.start,
        );
        let by_lead = || {
            self.index.slice(own).is_some_and(|t| {
                let chars: Vec<char> = t.chars().collect();
                cues.role("duty_list_lead")
                    .iter()
                    .any(|cue| matches_in_order(&chars, cue))
            })
        };
        if !(by_heading || by_lead()) || announces_measures(node, nodes, self.index, self.ontology)
        {
            return false;
        }
        let mut named = 0;
        for &c in &node.children {
            let Some(child) = nodes.get(c) else {
                return false;
            };
            if !child.children.is_empty() {
                return false;
            }
            let Some(text) = self.index.slice(child.span) else {
                return false;
            };
            let names_body = !self.statements(text, child.span.start).is_empty()
                || responsibility::find_prose_with(
                    text,
                    child.span.start,
                    self.scope,
                    self.ontology,
                    &self.prose_words,
                )
                .is_some();
            named += usize::from(names_body);
        }
        named * 2 <= node.children.len()
    }
}

/// Fewest earlier siblings that must end with their statement (and three in four of them must)
/// before the paragraphs after the last one's statement are read as the document's closing text.
const CLOSING_SIBLINGS: usize = 2;

/// Paragraphs after the last item's responsibility statement, when the earlier items of its list
/// end with their own statements ("三十、…（国务院办公厅负责）" then the notice's closing
/// paragraphs): the document's closing text, which the outline cannot tell from the item's body.
/// Its run (`path#2`, no agencies) is dropped, and the item is one task again.
fn drop_closing_paragraphs(
    nodes: &[policykg_outline::Node],
    index: &CharIndex,
    drafts: &mut Vec<Draft>,
) {
    let mut by_path: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (k, d) in drafts.iter().enumerate() {
        by_path.entry(d.path.as_str()).or_default().push(k);
    }
    let roots: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].parent.is_none())
        .collect();
    let groups = std::iter::once(&roots).chain(nodes.iter().map(|n| &n.children));
    let mut dropped = Vec::new();
    let mut whole = Vec::new();
    for group in groups {
        let Some((&last, earlier)) = group.split_last() else {
            continue;
        };
        let Some(node) = nodes.get(last) else {
            continue;
        };
        if earlier.len() < CLOSING_SIBLINGS || !node.children.is_empty() {
            continue;
        }
        // The last draft of each earlier item: its statement, or none (an item without one, or
        // a parenthesis the reader missed), or a run after its statement (then the list is not
        // one of items ending with their statements).
        let last_drafts = earlier.iter().map(|&i| {
            nodes
                .get(i)
                .filter(|n| n.children.is_empty())
                .and_then(|n| by_path.get(n.path.as_str()))
                .and_then(|ks| ks.last())
                .map(|&k| &drafts[k])
        });
        let mut ending = 0;
        let mut list = true;
        for d in last_drafts {
            match d {
                Some(d) if !d.statements.is_empty() => ending += 1,
                Some(d) if d.id == d.path => {}
                _ => list = false,
            }
        }
        if !list || ending < CLOSING_SIBLINGS || ending * 4 < earlier.len() * 3 {
            continue;
        }
        let Some(runs) = by_path.get(node.path.as_str()) else {
            continue;
        };
        let [.., before, tail] = runs[..] else {
            continue;
        };
        let (Some(st), true) = (
            drafts[before].statements.last(),
            drafts[tail].statements.is_empty(),
        ) else {
            continue;
        };
        // The closing text starts a paragraph of its own.
        let gap = index
            .slice(Span::new(st.span.end, drafts[tail].span.start))
            .unwrap_or("");
        if !gap.contains('\n') {
            continue;
        }
        dropped.push(tail);
        if runs.len() == 2 {
            whole.push(before);
        }
    }
    for k in whole {
        let d = &mut drafts[k];
        d.id.clone_from(&d.path);
        d.origin = TaskOrigin::Item;
    }
    let mut k = 0;
    drafts.retain(|_| {
        k += 1;
        !dropped.contains(&(k - 1))
    });
}

/// Fewest other items, and the share of them (in tenths) that must be one paragraph each, before
/// the paragraphs after the first one of the last item are read as the document's closing text.
const UNIFORM_ITEMS: usize = 8;
const UNIFORM_TENTHS: usize = 9;

/// Where the document's closing text starts inside its last item: at a paragraph after its
/// first holding a request's closing formula ("以上意见如无不妥，请批转…执行。"), or after its first
/// paragraph when the document's items of its level are one paragraph each (nine in ten of at
/// least eight) and the last has more ("（二十七）完善绩效评价体系。…" then "各地区、各部门要充分
/// 认识…，抓好组织实施。"): the outline cannot tell the notice's closing paragraphs from the last
/// item's body. `None` otherwise.
fn closing_text_start(
    nodes: &[policykg_outline::Node],
    index: &CharIndex,
    ontology: &Ontology,
) -> Option<usize> {
    let mut leaves = nodes.iter().filter(|n| n.children.is_empty());
    let last = leaves.next_back()?;
    let paragraphs = |n: &policykg_outline::Node| -> Vec<Span> {
        // A heading that is a whole sentence on its own line ("（三）各有关省（市）教育主管部门要
        // 明确…工作。"), longer than a section title, is the item's first paragraph.
        let own_line = n.paragraphs.first().is_none_or(|p| {
            index
                .slice(Span::new(n.heading_span.end, p.start))
                .is_some_and(|gap| gap.contains('\n'))
        });
        let sentence = n.heading.trim().chars().count() > FRAME_HEADING_MAX;
        let mut out = Vec::with_capacity(n.paragraphs.len() + 1);
        if own_line && sentence {
            out.push(n.heading_span);
        }
        out.extend(n.paragraphs.iter().copied());
        out
    };
    let last_paragraphs = paragraphs(last);
    let cues = ontology.lexicon.task.role("closing_sentence");
    let formula = last_paragraphs.iter().skip(1).find(|p| {
        index.slice(**p).is_some_and(|t| {
            let chars: Vec<char> = t.chars().collect();
            cues.find_in(&chars, 0, chars.len()).is_some()
        })
    });
    if let Some(p) = formula {
        return Some(p.start);
    }
    let (mut others, mut single) = (0, 0);
    // Items of the last one's level: a section without sub-items ("五、加强组织实施" after items
    // （一）…（二十一）) may well hold several paragraphs of its own.
    for n in leaves.filter(|n| n.level == last.level) {
        others += 1;
        single += usize::from(paragraphs(n).len() == 1);
    }
    if others < UNIFORM_ITEMS || single * 10 < others * UNIFORM_TENTHS {
        return None;
    }
    match last_paragraphs.as_slice() {
        [_, second, ..] => Some(second.start),
        _ => None,
    }
}

/// The points of a 印发/转发 cover notice about carrying out the document it carries: a cover
/// sentence ending with a colon ("现将《X》印发给你们，并就有关事项通知如下：") directly followed
/// by the outline's first item. They run to the line where the carried document starts with its
/// title, else to the end (the carried document is an attachment the text does not hold). The
/// gold's rule: cover notices are not tasks, and a document with only a cover has none.
fn cover_requirements(parsed: &Parsed, index: &CharIndex) -> Option<Span> {
    let cover = parsed.metadata.cover.as_ref()?;
    let first = parsed.outline.nodes.first()?;
    let sentence = index.slice(cover.span)?;
    if !sentence.trim_end().ends_with(['：', ':']) || first.span.start < cover.span.end {
        return None;
    }
    let between = index.slice(Span::new(cover.span.end, first.span.start))?;
    if !between.trim().is_empty() {
        return None;
    }
    let title: String = cover.title.chars().filter(|c| !c.is_whitespace()).collect();
    let text = &parsed.document.text;
    let mut line_start = 0usize;
    let mut end = None;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.chars().count();
        if start <= first.span.start || title.is_empty() {
            continue;
        }
        let mut chars = line.chars().filter(|c| !c.is_whitespace());
        if title.chars().all(|c| chars.next() == Some(c)) {
            end = Some(start);
            break;
        }
    }
    Some(Span::new(first.span.start, end.unwrap_or(usize::MAX)))
}

/// Longest heading read as a section title: a longer one is an item's lead sentence, which may
/// end with 目标 and still assign a measure.
const FRAME_HEADING_MAX: usize = 20;

/// "指导思想", "基本原则。", "充分认识…的重要性": a heading naming a section that frames the
/// measures (`frame_heading` / `frame_heading_start` of `task_cues.tsv`).
fn is_frame_heading(heading: &str, ontology: &Ontology) -> bool {
    // The title is the heading's first phrase: a page run together on one line puts the
    // section's text after it ("总体要求 全面贯彻落实…").
    let h: Vec<char> = heading
        .trim()
        .chars()
        .take_while(|&c| !c.is_whitespace() && !is_clause_end(c))
        .collect();
    let cues = &ontology.lexicon.task;
    if h.len() > FRAME_HEADING_MAX {
        // A page that lost its line breaks runs the section's text into its title
        // ("目标任务结合…要求"): the title is where the heading starts.
        return cues.role("frame_heading").at(&h, 0).is_some();
    }
    !h.is_empty()
        && (cues.role("frame_heading").ending_at(&h, h.len()).is_some()
            || cues.role("frame_heading_start").at(&h, 0).is_some())
}

/// "将第六条修改为：“公安机关负责…”", "增加一条，作为第九条：“…”", "删除第十二条。": an item of an
/// amendment decision whose first clause (up to its first `：` or `。`) opens with an
/// `edit_opening` of `task_cues.tsv` edits another text; the duties it quotes are that text's,
/// not tasks of the decision. Only the item's own text is left out: a consolidated text the
/// outline hangs under the last edit keeps its articles.
fn opens_with_edit(text: &str, ontology: &Ontology) -> bool {
    let clause: Vec<char> = text
        .trim_start()
        .chars()
        .take_while(|&c| !matches!(c, '：' | ':' | '。' | '\n'))
        .collect();
    ontology
        .lexicon
        .task
        .role("edit_opening")
        .iter()
        .any(|cue| {
            let head: Vec<char> = cue.iter().copied().take_while(|&c| c != '…').collect();
            clause.starts_with(&head) && matches_in_order(&clause, cue)
        })
}

/// Punctuation that closes a heading or a sentence.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | ';' | '：' | ':' | '，' | ',' | '.' | '．' | '！' | '!' | '？' | '?'
    )
}

/// Whether a line holds a sentence (a clause mark inside or after it), not only a title.
fn is_sentence(line: &str) -> bool {
    line.contains(['。', '；', ';', '，', ',', '！', '!', '？', '?'])
}

/// Whether every sentence of an item only states a purpose, scope, definition, principle, who
/// interprets the text or the date of effect (`frame_sentence` of `task_cues.tsv`): "为了…，制定
/// 本条例。", "本条例自2022年1月1日起施行。". Such an article assigns nothing. `text` starts at
/// character `start`; a sentence inside `in_force` (the entry-into-force clause the outline read:
/// "本预案自印发之日起实施") is a frame whatever names the text. A first line that is only a title ("编制目的及依据", then "为了…，制定
/// 本预案。") is the item's heading, not a sentence of it.
fn only_frame_sentences(
    text: &str,
    start: usize,
    in_force: Option<Span>,
    ontology: &Ontology,
) -> bool {
    let cues = ontology.lexicon.task.role("frame_sentence");
    let endings = ontology.lexicon.task.role("frame_ending");
    let is_end = |c: char| matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n');
    let meaningful = |s: &str| s.chars().any(char::is_alphanumeric);
    let first_line = text.split('\n').next().unwrap_or("").trim();
    let title = meaningful(first_line)
        && !is_sentence(first_line)
        && first_line.chars().count() <= FRAME_HEADING_MAX;
    // A cue can only match a sentence holding every character of it: the sentence's characters
    // hashed into 1,024 bits rule most cues out without scanning the sentence once per cue
    // (that scan was 3 % of read + outline + extract).
    let bit = |c: char| (((c as u32) >> 6) as usize & 15, 1u64 << (c as u32 & 63));
    let frames = |at: usize, s: &str| {
        let len = s.chars().count();
        if in_force.is_some_and(|f| f.start < at + len && at < f.end) {
            return true;
        }
        if endings
            .iter()
            .any(|e| s.chars().rev().take(e.len()).eq(e.iter().rev().copied()))
        {
            return true;
        }
        let mut held = [0u64; 16];
        // The same characters in 64 bits, against the cues' signatures (one array for all
        // cues) before a cue's own characters are read; '…' is no character of the sentence.
        let mut held64 = signature_bit('…');
        for c in s.chars() {
            let (slot, b) = bit(c);
            held[slot] |= b;
            held64 |= signature_bit(c);
        }
        let mut chars: Option<Vec<char>> = None;
        cues.iter().zip(cues.signatures()).any(|(cue, &sig)| {
            sig & !held64 == 0
                && cue
                    .iter()
                    .filter(|&&c| c != '…')
                    .all(|&c| held[bit(c).0] & bit(c).1 != 0)
                && matches_in_order(chars.get_or_insert_with(|| s.chars().collect()), cue)
        })
    };
    // The sentences, each with the character offset of its first character, read one at a
    // time: most items are no frame, and their first sentence says so.
    let mut sentences = {
        let (mut from_byte, mut from_char) = (0usize, start);
        let mut ends = text
            .char_indices()
            .enumerate()
            .filter(|&(_, (_, c))| is_end(c));
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let (at, from) = (from_char, from_byte);
            let to = match ends.next() {
                Some((n, (b, c))) => {
                    from_byte = b + c.len_utf8();
                    from_char = start + n + 1;
                    b
                }
                None => {
                    done = true;
                    text.len()
                }
            };
            Some((at, &text[from..to]))
        })
        .filter(|(_, s)| meaningful(s))
        .map(|(at, s)| {
            let lead = lead_chars(s);
            (at + lead, s.trim())
        })
    };
    let Some(first) = sentences.next() else {
        return false;
    };
    // A title line opening the item is its heading, judged with the rest only when there is
    // nothing else.
    let mut read_any = false;
    if !(title && first.1 == first_line) {
        if !frames(first.0, first.1) {
            return false;
        }
        read_any = true;
    }
    for (at, s) in sentences {
        if !frames(at, s) {
            return false;
        }
        read_any = true;
    }
    read_any || frames(first.0, first.1)
}

/// Whether the parts of `cue` separated by `…` occur in `chars` in order. Punctuation is
/// compared across widths (a cue written `工作：` matches `工作:` of a half-width copy).
fn matches_in_order(chars: &[char], cue: &[char]) -> bool {
    use policykg_text::fold::fold_width;
    let same = |a: &char, b: &char| fold_width(*a) == fold_width(*b);
    let mut from = 0;
    for part in cue.split(|&c| c == '…').filter(|p| !p.is_empty()) {
        // Compare only where the part's first character stands: most windows differ there.
        let rest = &chars[from.min(chars.len())..];
        match rest
            .iter()
            .enumerate()
            .filter(|&(_, c)| same(c, &part[0]))
            .map(|(k, _)| k)
            .find(|&k| {
                rest.len() - k >= part.len() && rest[k..].iter().zip(part).all(|(a, b)| same(a, b))
            }) {
            Some(at) => from += at + part.len(),
            None => return false,
        }
    }
    true
}

/// "2025年湖南省政府工作报告": a title ending with a `report_type` of `task_cues.tsv`.
fn is_report(title: &str, ontology: &Ontology) -> bool {
    let t: Vec<char> = title.trim().chars().collect();
    ontology
        .lexicon
        .task
        .role("report_type")
        .ending_at(&t, t.len())
        .is_some()
}

/// Ids are unique even when the outline repeats a path (numbering restarted by mistake).
fn number_repeated_ids(drafts: &mut [Draft], warnings: &mut Vec<ExtractWarning>) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for d in drafts {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            warnings.push(ExtractWarning {
                message: format!("task id `{}` repeated: numbered `{}~{n}`", d.id, d.id),
                span: Some(d.span),
            });
            d.id = format!("{}~{n}", d.id);
        }
    }
}

/// Agencies outside the gazetteer are kept, but said, so the gazetteer can grow.
fn warn_unknown_agencies(tasks: &[Task], ontology: &Ontology, warnings: &mut Vec<ExtractWarning>) {
    for a in tasks.iter().flat_map(|t| &t.agencies) {
        if !a.known && !a.collective {
            // "公安机关", "城市管理部门": a field and a head (`body_head`) name a body as well as an
            // agency suffix does, as the list reader takes them.
            let shape = if responsibility::closes_name(&a.mention, ontology) {
                "kept"
            } else {
                "kept, though it does not look like an agency's name"
            };
            warnings.push(ExtractWarning {
                message: format!(
                    "agency `{}` is not in the gazetteer: {shape} as `{}`",
                    a.mention, a.name
                ),
                span: Some(a.span),
            });
        }
    }
}

/// "有下列行为之一的，…：（一）…；（二）…。", "符合下列要求的社会团体予以保留。1.…": an item whose own
/// text ends with a colon or announces a list (`enumeration_lead` of `task_cues.tsv`: 下列) and
/// whose children are leaves (or such lists in turn: "10．法人社会团体还应具备：（1）…") is read
/// whole, its sub-items being parts of one sentence: conditions, criteria, grounds. Sub-items
/// most of which have a body after their lead sentence ("…以下专项政策：1.租金奖励政策。为鼓励
/// 企业入驻…") are measures of their own, not parts of a sentence.
fn introduces_enumeration(
    node: &policykg_outline::Node,
    nodes: &[policykg_outline::Node],
    index: &CharIndex,
    ontology: &Ontology,
) -> bool {
    let Some(&first) = node.children.first() else {
        return false;
    };
    let Some(first) = nodes.get(first) else {
        return false;
    };
    let own = Span::new(
        node.heading_span.start.min(first.span.start),
        first.span.start,
    );
    let ends_with_colon = |t: &str| t.trim_end().ends_with(['：', ':']);
    let leads = ontology.lexicon.task.role("enumeration_lead");
    if announces_measures(node, nodes, index, ontology) {
        return false;
    }
    index.slice(own).is_some_and(|t| {
        let chars: Vec<char> = t.chars().collect();
        ends_with_colon(t) || leads.find_in(&chars, 0, chars.len()).is_some()
    }) && node.children.iter().all(|&c| {
        nodes
            .get(c)
            .is_some_and(|c| c.children.is_empty() || ends_with_colon(&c.heading))
    }) && {
        // The last item may hold the paragraphs after the enumeration, so most, not all.
        let with_body = node
            .children
            .iter()
            .filter(|&&c| nodes.get(c).is_some_and(|c| !c.body.trim().is_empty()))
            .count();
        node.children.len() < 2 || with_body * 2 <= node.children.len()
    }
}

/// "应当采取下列措施…：", "协同推进以下优化营商环境工作：": an item whose own text (before its
/// first sub-item) announces measures (`measures_lead` of `task_cues.tsv`), each sub-item a task
/// of its own.
fn announces_measures(
    node: &policykg_outline::Node,
    nodes: &[policykg_outline::Node],
    index: &CharIndex,
    ontology: &Ontology,
) -> bool {
    let Some(first) = node.children.first().and_then(|&c| nodes.get(c)) else {
        return false;
    };
    let own = Span::new(
        node.heading_span.start.min(first.span.start),
        first.span.start,
    );
    let measures = ontology.lexicon.task.role("measures_lead");
    index.slice(own).is_some_and(|t| {
        let chars: Vec<char> = t.chars().collect();
        measures.iter().any(|cue| matches_in_order(&chars, cue))
    })
}

/// One task per statement run of an item (or a single task when there is one statement and
/// nothing after it): an item whose paragraphs each close with their own parenthesis (seed 001
/// item 1 holds three) gives tasks `path#1`, `path#2` …, each responsible to its own statement,
/// so that "which tasks does X lead" answers with the paragraph X leads, not the whole item.
/// Text after the last statement is a run of its own, with no agencies. The evaluation scores
/// an item's runs together as the item (crates/eval: tasks sharing a `path`).
fn push_runs(
    drafts: &mut Vec<Draft>,
    id: &str,
    heading: &str,
    (span, body): (Span, &str),
    statements: Vec<Statement>,
    index: &CharIndex,
    ontology: &Ontology,
) {
    let path = id;
    let after_last = statements.last().map_or(span.end, |s| s.span.end);
    let trailing = index
        .slice(Span::new(after_last.min(span.end), span.end))
        .unwrap_or("");
    // Lines after the last statement that name only officials, a contact or a completion time
    // ("完成时限：2023年6月底前") close that statement's run, not a run of their own.
    let labels_only = trailing
        .lines()
        .all(|l| l.trim().is_empty() || responsibility::is_ignored_label_line(l, ontology));
    let has_trailing = !labels_only && trailing.chars().any(|c| c.is_alphanumeric());
    // "（三）【牵头单位：县水务局】推进…": a statement opening the item's heading heads the whole
    // item, the text after it included.
    let opens_heading = |st: &Statement| {
        index
            .slice(st.span)
            .is_some_and(|t| !t.trim().is_empty() && heading.trim_start().starts_with(t.trim()))
    };
    if statements.len() <= 1 && !has_trailing
        || statements.is_empty()
        || matches!(statements.as_slice(), [st] if opens_heading(st))
    {
        drafts.push(Draft {
            id: id.to_owned(),
            path: path.to_owned(),
            heading: heading.to_owned(),
            text: body.to_owned(),
            span,
            origin: TaskOrigin::Item,
            statements,
        });
        return;
    }
    let mut start = span.start;
    let mut n = 0;
    let mut run = |start: usize, end: usize, statement: Option<Statement>, n: usize| {
        let raw = index.slice(Span::new(start, end)).unwrap_or("");
        let lead = lead_chars(raw);
        let text = raw.trim();
        drafts.push(Draft {
            id: format!("{id}#{n}"),
            path: path.to_owned(),
            heading: heading.to_owned(),
            text: text.to_owned(),
            span: Span::new(start + lead, start + lead + text.chars().count()),
            origin: TaskOrigin::Statement,
            statements: statement.into_iter().collect(),
        });
    };
    let last = statements.len();
    for st in statements {
        n += 1;
        let end = if n == last && !has_trailing {
            span.end
        } else {
            st.span.end
        };
        run(start, end, Some(st), n);
        start = end;
    }
    if has_trailing {
        run(start, span.end, None, n + 1);
    }
}

fn finish(
    d: Draft,
    convention: RoleConvention,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Task {
    let mut agencies: Vec<AgencyRole> = Vec::new();
    for st in &d.statements {
        // A body named by an earlier statement of the item keeps its strongest role; what one
        // statement says (a table row's lead and support columns) is kept as it is.
        let earlier = agencies.len();
        for a in responsibility::roles(st, convention, scope, ontology) {
            match agencies[..earlier].iter_mut().find(|b| b.name == a.name) {
                Some(b) if strength(a.role) > strength(b.role) => *b = a,
                Some(_) => {}
                None => agencies.push(a),
            }
        }
    }
    let first = d.statements.first();
    Task {
        id: d.id,
        path: d.path,
        heading: d.heading,
        text: d.text,
        span: d.span,
        origin: d.origin,
        agencies,
        open_list: d.statements.iter().any(|st| st.open_list),
        responsibility_style: first.map(|st| st.style),
        responsibility_span: first.map(|st| st.span),
        remarks: d
            .statements
            .iter()
            .flat_map(|st| st.remarks.iter().cloned())
            .collect(),
        deadline: None,
    }
}

/// Lead outranks a shared task, which outranks support.
fn strength(role: Role) -> u8 {
    match role {
        Role::Lead => 2,
        Role::Joint => 1,
        Role::Support => 0,
    }
}

/// The rows of a task-division table, or `None` when the table has no role column.
fn table_tasks(
    k: usize,
    table: &Table,
    ontology: &Ontology,
    warnings: &mut Vec<ExtractWarning>,
) -> Option<Vec<Draft>> {
    let columns = Columns::of(table, ontology)?;
    let h = columns.header_row;
    let mut out = Vec::new();
    // Cells merged down from earlier rows: (column, rows left, cell).
    let mut carried: Vec<(usize, usize, &TableCell)> = Vec::new();
    for (n, row) in table.rows.iter().enumerate().skip(h + 1) {
        let cells = row_cells(row, &mut carried);
        // A row of one merged cell across the columns names a group of rows, not a task.
        if row.len() == 1 && row[0].colspan > 1 && cells.len() == 1 {
            continue;
        }
        let Some(task_cell) = columns.task_cell(&cells) else {
            continue;
        };
        if task_cell.text.trim().is_empty() {
            continue;
        }
        // "4 | 以下为要素保障类任务" with the second cell merged across the task and role columns:
        // a group's title after its number, not a task.
        let merged = task_cell.column..task_cell.column + task_cell.colspan;
        if task_cell.colspan > 1 && columns.roles.iter().all(|(c, _)| merged.contains(c)) {
            continue;
        }
        let statement = columns.statement(&cells, ontology);
        if statement.is_none() {
            warnings.push(ExtractWarning {
                message: format!("table {k} row {n}: no agency in the role columns"),
                span: Some(task_cell.span),
            });
        }
        out.push(row_draft(
            format!("table{k}/row{}", n - h),
            row,
            task_cell,
            statement,
        ));
    }
    Some(out)
}

/// What a task-division table's header says about its columns.
struct Columns {
    /// The header: the first row (of the first three) naming a role column.
    header_row: usize,
    /// The role columns: 牵头单位 → lead, …
    roles: Vec<(usize, RoleWord)>,
    /// The column the header names as the task's, if any.
    task_column: Option<usize>,
}

impl Columns {
    /// The columns of `table`, or `None` when no header of its first rows names a role.
    fn of(table: &Table, ontology: &Ontology) -> Option<Columns> {
        let (h, header) = table
            .rows
            .iter()
            .enumerate()
            .take(3)
            .find(|(_, row)| row.iter().any(|c| column_role(&c.text, ontology).is_some()))?;
        let mut roles: Vec<(usize, RoleWord)> = header
            .iter()
            .filter_map(|c| column_role(&c.text, ontology).map(|r| (c.column, r)))
            .collect();
        // A header of two rows: "责任单位" over "牵头单位 | 配合单位". The lower row names
        // the roles of the columns it splits; the upper cell's own role goes.
        let mut h = h;
        if let Some(lower) = table.rows.get(h + 1).filter(|row| {
            row.iter().any(|c| column_role(&c.text, ontology).is_some())
                && row.iter().all(|c| {
                    c.text.trim().is_empty()
                        || column_role(&c.text, ontology).is_some()
                        || c.text.chars().count() <= 6
                            && !crate::memo::resolved(ontology, c.text.trim(), None).agency_like
                })
        }) {
            let lower_roles: Vec<(usize, RoleWord)> = lower
                .iter()
                .filter_map(|c| column_role(&c.text, ontology).map(|r| (c.column, r)))
                .collect();
            let spanned = |col: usize| {
                header.iter().any(|c| {
                    c.colspan > 1
                        && (c.column..c.column + c.colspan).contains(&col)
                        && lower_roles
                            .iter()
                            .any(|(l, _)| (c.column..c.column + c.colspan).contains(l))
                })
            };
            roles.retain(|(col, _)| !spanned(*col));
            roles.extend(lower_roles);
            roles.sort_by_key(|(col, _)| *col);
            h += 1;
        }
        let task_column = header
            .iter()
            .find(|c| {
                column_role(&c.text, ontology).is_none()
                    && ontology
                        .words
                        .task_columns
                        .iter()
                        .any(|w| c.text.contains(w.as_str()))
            })
            .map(|c| c.column);
        Some(Columns {
            header_row: h,
            roles,
            task_column,
        })
    }

    /// The cell naming the row's task: in the task column, else the longest outside the role
    /// columns (a table without a task header).
    fn task_cell<'c>(&self, cells: &[&'c TableCell]) -> Option<&'c TableCell> {
        self.task_column
            .and_then(|col| cells.iter().find(|c| c.column == col))
            .or_else(|| {
                cells
                    .iter()
                    .filter(|c| !self.roles.iter().any(|(col, _)| *col == c.column))
                    .max_by_key(|c| c.text.chars().count())
            })
            .copied()
    }

    /// The row's statement: its role columns read as one, each cell with the role its header
    /// names.
    fn statement(&self, cells: &[&TableCell], ontology: &Ontology) -> Option<Statement> {
        let mut statement: Option<Statement> = None;
        for (col, role) in &self.roles {
            let Some(cell) = cells.iter().find(|c| c.column == *col) else {
                continue;
            };
            let Some(st) = responsibility::parse_cell(&cell.text, cell.span.start, *role, ontology)
            else {
                continue;
            };
            match &mut statement {
                None => statement = Some(st),
                Some(all) => merge_statement(all, st),
            }
        }
        statement
    }
}

/// The cells of `row` plus those merged down into it from rows above (`carried`, which is
/// updated for the rows below), in column order.
fn row_cells<'t>(
    row: &'t [TableCell],
    carried: &mut Vec<(usize, usize, &'t TableCell)>,
) -> Vec<&'t TableCell> {
    let mut cells: Vec<&TableCell> = row.iter().collect();
    for (col, left, cell) in carried.iter_mut() {
        if *left > 0 && !cells.iter().any(|c| c.column == *col) {
            cells.push(cell);
            *left -= 1;
        }
    }
    carried.retain(|(_, left, _)| *left > 0);
    for c in row {
        if c.rowspan > 1 {
            carried.push((c.column, c.rowspan - 1, c));
        }
    }
    cells.sort_by_key(|c| c.column);
    cells
}

/// Adds the statement of another role column of the same row to `all`.
fn merge_statement(all: &mut Statement, st: Statement) {
    all.span = Span::new(
        all.span.start.min(st.span.start),
        all.span.end.max(st.span.end),
    );
    all.text = format!("{}\t{}", all.text, st.text);
    all.items.extend(st.items);
    all.open_list |= st.open_list;
    all.marks_lead |= st.marks_lead;
    all.remarks.extend(st.remarks);
}

/// The draft of one table row: its cells' text, headed by its task cell, spanning the row.
fn row_draft(
    id: String,
    row: &[TableCell],
    task_cell: &TableCell,
    statement: Option<Statement>,
) -> Draft {
    let first = row.first().map_or(task_cell.span, |c| c.span);
    let last = row.last().map_or(task_cell.span, |c| c.span);
    Draft {
        id: id.clone(),
        path: id,
        heading: task_cell.text.trim().to_owned(),
        text: row
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\t"),
        span: Span::new(
            first.start.min(task_cell.span.start),
            last.end.max(task_cell.span.end),
        ),
        origin: TaskOrigin::TableRow,
        statements: statement.into_iter().collect(),
    }
}

/// The characters of white space opening `s`: counted on them alone, not as the difference of
/// two counts over the whole text.
fn lead_chars(s: &str) -> usize {
    s[..s.len() - s.trim_start().len()].chars().count()
}
