//! policykg-extract: the third stage, **outline → facts**.
//!
//! What researchers now copy into spreadsheets by hand: the tasks of a notice, the agencies
//! responsible for each with their role (lead / support / joint) and the basis of that role,
//! numeric targets, and money amounts. The result, an [`Extraction`], is the contract that the
//! graph, the CLI's JSONL/CSV output and the diff all read.
//!
//! What it is not for: reading bytes or finding headings (earlier stages), or linking documents
//! to one another (the graph stage).

pub mod deadline;
mod memo;
mod model;
pub mod money;
pub mod numbers;
pub mod pipeline;
pub mod responsibility;
pub mod targets;
pub mod tasks;
mod words;

pub use model::*;
pub use pipeline::{outline_path, process_bytes, process_path, Processed};
pub use tasks::tasks;

use policykg_ontology::Ontology;
use policykg_outline::Parsed;

/// Extract the facts of a parsed document: its tasks with their responsible agencies and
/// deadlines, and the targets and money amounts of the whole text, each linked to the task
/// whose text holds it.
/// The finders match against the ontology's lexicon (see [`numbers::lexicon`]).
pub fn extract(parsed: &Parsed, ontology: &Ontology) -> Extraction {
    numbers::lexicon::with_lexicon(&ontology.lexicon, || {
        memo::with_memo(|| {
            // Short forms the document defines name their bodies in every task.
            memo::note_short_forms(&parsed.document.text, ontology);
            extract_with(parsed, ontology)
        })
    })
}

fn extract_with(parsed: &Parsed, ontology: &Ontology) -> Extraction {
    let m = &parsed.metadata;
    let text = &parsed.document.text;
    // The document's jurisdiction, for every finder that resolves a name: once per document
    // (a county the table does not list is derived by reading the text for its province).
    let scope = ontology
        .jurisdictions
        .scope(m.jurisdiction.as_deref(), text);
    let scope = scope.as_deref();
    let index = policykg_read::CharIndex::new(text);
    let (mut tasks, convention, mut warnings) = tasks::tasks_in(parsed, scope, ontology, &index);
    // The finders read the whole text at once, so clause and paragraph context (a deadline
    // year stated at the head of a paragraph) crosses task boundaries as it does for a reader.
    // Deadlines read the tasks' characters from it too.
    // The outline's item numbers ("二、", "第三十二条　"): no part of a figure's or a
    // condition's text.
    let mut heading_ends: Vec<usize> = parsed
        .outline
        .nodes
        .iter()
        .filter(|n| n.number_span.end > n.number_span.start)
        .map(|n| n.number_span.end)
        .collect();
    heading_ends.sort_unstable();
    let scanned = numbers::Scanned::with_headings(text, &heading_ends);
    deadline::attach_with(&mut tasks, parsed, ontology, &index, &scanned.chars);

    let mut targets = targets::find_scanned(&scanned, &targets::Context::default());
    let found = money::find_all_scanned(&scanned);
    let mut amounts = found.amounts;
    // "补助资金（万元）" heading a column of bare numbers: amounts the text finder cannot see.
    let line_above = |table: &policykg_read::Table| {
        let at = index.byte_of_char(table.span.start).unwrap_or(0);
        let before = text[..at].trim_end();
        before[before.rfind('\n').map_or(0, |i| i + 1)..].to_owned()
    };
    money::merge_in_text_order(
        &mut amounts,
        money::tables::amounts(&parsed.document.tables, line_above),
    );
    warnings.extend(found.warnings);

    let owner = TaskIndex::new(&tasks);
    for t in &mut targets {
        t.task = owner.task_at(t.value_span.start);
    }
    for a in &mut amounts {
        a.task = owner.task_at(a.value_span.start);
    }

    let issuers = m
        .issuers
        .iter()
        .map(|name| {
            let r = crate::memo::resolve(ontology, name, scope);
            if r.known {
                r.canonical
            } else {
                name.clone()
            }
        })
        .collect();

    Extraction {
        source: parsed.document.source.clone(),
        encoding: parsed.document.encoding.name.to_owned(),
        title: m.title.clone(),
        status: m.status.clone(),
        doc_number: m.doc_number.clone(),
        date: m.date.clone(),
        in_force_date: m.in_force.as_ref().map(|f| f.date.clone()),
        issuers,
        jurisdiction: m.jurisdiction.clone(),
        addressees: m.addressees.clone(),
        citations: m.citations.clone(),
        convention,
        tasks,
        targets,
        amounts,
        warnings,
    }
}

/// Which task holds a character offset. Tasks do not overlap (an item split into statements is
/// replaced by them); were spans to nest, the innermost would win.
struct TaskIndex<'a> {
    /// (start, end, id), sorted by start.
    spans: Vec<(usize, usize, &'a str)>,
}

impl<'a> TaskIndex<'a> {
    fn new(tasks: &'a [Task]) -> Self {
        let mut spans: Vec<_> = tasks
            .iter()
            .map(|t| (t.span.start, t.span.end, t.id.as_str()))
            .collect();
        spans.sort();
        TaskIndex { spans }
    }

    fn task_at(&self, offset: usize) -> Option<String> {
        let upto = self.spans.partition_point(|&(s, _, _)| s <= offset);
        // With properly nested spans, the containing span that starts last is the innermost.
        self.spans[..upto]
            .iter()
            .rev()
            .find(|&&(_, e, _)| offset < e)
            .map(|&(_, _, id)| id.to_owned())
    }
}
